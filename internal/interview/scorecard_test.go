package interview

import (
	"slices"
	"strings"
	"testing"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pack/packtest"
)

func ans(p Phase, key string, credit float64, total, secs, limit int, flags ...Flag) Answer {
	return Answer{Phase: p.String(), Key: key, Title: key, Level: "mid", Credit: credit, Total: total, Seconds: secs, Limit: limit, Over: secs > limit, Flags: flags}
}

func TestScorecardArithmetic(t *testing.T) {
	for _, tc := range []struct {
		share float64
		want  int
	}{{1, 4}, {0.75, 4}, {0.74, 3}, {0.55, 3}, {0.54, 2}, {0.30, 2}, {0.29, 1}, {0, 1}} {
		if got := band(tc.share); got != tc.want {
			t.Errorf("band(%.2f) = %d, want %d", tc.share, got, tc.want)
		}
	}
	putDown := Flag{Rule: "put-down", Name: "Putting others down", Sentence: "My team was useless."}
	rep := Report{Answers: []Answer{
		ans(Pitch, "b/pitch", 2, 2, 60, 120, putDown),
		ans(Fundamentals, "f/a", 3, 4, 100, 120), // 0.75
		ans(Fundamentals, "f/b", 2, 4, 100, 120), // 0.50: mean 0.625 -> 3
		ans(Testing, "t/a", 1, 4, 200, 120),      // 0.25, over time: 1, stays 1
		ans(Deployment, "d/a", 4, 4, 130, 120),   // 1.0 -> 4, but over time on 1 of 1: 3
		ans(Behavioural, "b/c", 1, 2, 60, 120),   // communication: mean (1 + 0.5)/2 = 0.75 -> 4, minus 1 flag -> 3
		{Phase: Questions.String(), Text: "none"},
	}, Probes: []Probe{
		{Claim: "boosting", Rungs: []Rung{{Level: "junior", Strong: true}, {Level: "mid", Strong: true}, {Level: "senior"}}, Stopped: true}, // 3
		{Claim: "trees", Rungs: []Rung{{Level: "junior", Strong: true}}},                                                                    // 2
	}}
	sc := Score(rep)
	got := map[Competency]int{}
	for _, s := range sc.Scores {
		got[s.Competency] = s.Score
	}
	want := map[Competency]int{CompFundamentals: 3, CompTesting: 1, CompDeployment: 3, CompCommunication: 3, CompClaims: 3} // claims (3+2)/2 = 2.5 -> 3
	for c, w := range want {
		if got[c] != w {
			t.Errorf("%s = %d, want %d", c, got[c], w)
		}
	}
	// mean 13/5 = 2.6, lowest 1: lean no hire.
	if sc.Verdict != LeanNo || !strings.Contains(sc.Reasons[0], "mean score 2.60 over 5 competencies, lowest 1") {
		t.Errorf("verdict %s, reasons %q", sc.Verdict, sc.Reasons)
	}
	// The three that missed most, lowest share first: t/a (0.25), f/b (0.50), b/c (0.50).
	var keys []string
	for _, d := range sc.DrillNext {
		keys = append(keys, d.Key)
	}
	if !slices.Equal(keys, []string{"t/a", "f/b", "b/c"}) {
		t.Errorf("drill next %v", keys)
	}
}

func TestVerdicts(t *testing.T) {
	strong := func(p Phase) Answer { return ans(p, p.String(), 4, 4, 60, 120) }
	all := Report{Answers: []Answer{strong(Pitch), strong(Fundamentals), strong(Testing), strong(Deployment), strong(Behavioural)}}
	if v := Score(all).Verdict; v != StrongHire {
		t.Errorf("all strong: %s", v)
	}
	flagged := all
	flagged.Answers = slices.Clone(all.Answers)
	flagged.Answers[0].Flags = []Flag{{Rule: "blame", Name: "Blaming others", Sentence: "It was their fault."}}
	if v := Score(flagged).Verdict; v != Hire {
		t.Errorf("strong with a red flag: %s, want hire", v)
	}
	missedClaim := all
	missedClaim.Probes = []Probe{{Claim: "I know trees", Rungs: []Rung{{Level: "junior"}}, Stopped: true}}
	sc := Score(missedClaim)
	if sc.Verdict != LeanNo || !strings.Contains(strings.Join(sc.Reasons, "\n"), `capped at lean no hire: you claimed "I know trees" and missed its first question`) {
		t.Errorf("a claim missed at its first rung: %s %q", sc.Verdict, sc.Reasons)
	}
	if v := Score(Report{}).Verdict; v != NoHire {
		t.Errorf("nothing answered: %s", v)
	}
}

// A round on the embedded bank, at every level and for many seeds, reaches every phase with
// its own kind of question, asks follow-ups that exist, and ends.
func TestRoundsOnEmbeddedBank(t *testing.T) {
	lib := packtest.Embedded()
	cl := claims.ResolveAll([]claims.Claim{{Text: "I know gradient boosting inside out"}, {Text: "I have deployed models to production"}}, lib)
	for _, level := range pack.Levels {
		for seed := uint64(0); seed < 20; seed++ {
			r := New(lib, Options{Minutes: 45, Level: level, Claims: cl, Seed: seed, Now: t0})
			phases := map[Phase]int{}
			for n := 0; ; n++ {
				a, ok := r.Next()
				if !ok {
					break
				}
				if n > 100 {
					t.Fatalf("level %s seed %d: the round does not end", level, seed)
				}
				phases[a.Phase]++
				if a.Q != nil && phaseOf(a.Q) != a.Phase && a.Phase != Claims && a.FollowUpOf == "" {
					t.Errorf("%s asked in %s", a.Q.Key(), a.Phase)
				}
				// Half the key points: weak enough to be followed up.
				text := ""
				if a.Q != nil {
					text = a.Q.Body().KeyPoints[0].Text
				}
				r.Submit(text, a.Limit*2/3)
			}
			for p := range NumPhases {
				if phases[p] == 0 {
					t.Errorf("level %s seed %d: no question in %s", level, seed, p)
				}
			}
			rep := r.Report()
			if !rep.Finished || len(rep.Scorecard.Scores) != 5 || rep.Scorecard.Verdict == "" {
				t.Errorf("level %s seed %d: report %+v", level, seed, rep.Scorecard)
			}
		}
	}
}
