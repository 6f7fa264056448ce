package interview

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Verdicts, best first.
const (
	StrongHire = "strong hire"
	Hire       = "hire"
	LeanNo     = "lean no hire"
	NoHire     = "no hire"
)

// phaseNamed is the phase an answer was saved under.
func phaseNamed(name string) Phase {
	for p := range NumPhases {
		if p.String() == name {
			return p
		}
	}
	return NumPhases
}

// band turns the mean credited share of a competency's answers into 1 to 4: 4 at the
// drill's Good threshold (0.75) and above, 3 from 0.55, 2 from its Hard threshold (0.30).
func band(share float64) int {
	switch {
	case share >= strongShare:
		return 4
	case share >= 0.55:
		return 3
	case share >= missShare:
		return 2
	}
	return 1
}

// conduct are the red flags that count against communication.
var conduct = map[string]bool{"put-down": true, "blame": true, "superiority": true, "complaining": true}

// Score computes a round's scorecard. The arithmetic, competency by competency:
//   - fundamentals, testing, deployment: the mean credited share of the phase's answers,
//     banded (band); one point off when more than half of them ran over time;
//   - communication: the same over the pitch and the behavioural answers, one point off
//     for each kind of conduct red flag (put-down, blame, superiority, complaining), at
//     most two, never below 1;
//   - claims: each claim is climbed until its first clear miss; it scores 4 if it held at
//     senior level, 3 at mid, 2 at junior (a partial answer counts one level lower), 1
//     when its first rung was a clear miss; the competency is their mean, rounded half up.
//
// A competency with no answers is not assessed (0) and left out of the verdict. The
// verdict: strong hire at a mean of 3.5 or more with nothing below 3 and no red flag; hire
// at 2.75 with nothing below 2; lean no hire at 2; no hire below. A conduct red flag caps
// it at hire, and a claim missed at its first rung at lean no hire.
func Score(rep Report) Scorecard {
	var sc Scorecard
	byComp := map[Competency][]Answer{}
	for _, a := range rep.Answers {
		p := phaseNamed(a.Phase)
		if p == Questions || p == NumPhases {
			continue
		}
		byComp[p.Competency()] = append(byComp[p.Competency()], a)
	}
	var flags []Flag
	for _, a := range rep.Answers {
		for _, f := range a.Flags {
			if conduct[f.Rule] {
				flags = append(flags, f)
			}
		}
	}
	for _, c := range Competencies {
		cs := CompetencyScore{Competency: c, Name: c.Name()}
		switch c {
		case CompClaims:
			cs.Score, cs.Evidence = claimsScore(rep.Probes)
		default:
			cs.Score, cs.Evidence = answersScore(byComp[c])
			if c == CompCommunication && cs.Score > 0 {
				kinds := map[string]bool{}
				for _, f := range flags {
					if !kinds[f.Rule] {
						kinds[f.Rule] = true
						cs.Evidence = append(cs.Evidence, fmt.Sprintf("red flag (%s): %q", strings.ToLower(f.Name), f.Sentence))
					}
				}
				if n := min(len(kinds), 2); n > 0 {
					cs.Score = max(1, cs.Score-n)
					cs.Evidence = append(cs.Evidence, fmt.Sprintf("%d point(s) off for red flags an interviewer would note", n))
				}
				if len(rep.YourQuestions) > 0 {
					cs.Evidence = append(cs.Evidence, "your questions: "+rep.YourQuestions[0])
				}
			}
		}
		sc.Scores = append(sc.Scores, cs)
	}
	sc.Verdict, sc.Reasons = verdict(sc.Scores, flags, rep.Probes)
	sc.DrillNext = drillNext(rep.Answers)
	return sc
}

func answersScore(as []Answer) (int, []string) {
	if len(as) == 0 {
		return 0, []string{"not assessed: no answers in this round"}
	}
	var sum float64
	over := 0
	var ev []string
	for _, a := range as {
		sum += a.Share()
		if a.Overtime() {
			over++
		}
		var hit, miss []string
		for _, p := range a.Points {
			switch p.State {
			case "covered":
				hit = append(hit, p.Text)
			case "half":
				hit = append(hit, p.Text+" (half)")
			default:
				miss = append(miss, p.Text)
			}
		}
		line := fmt.Sprintf("%s (%s, %s of %s): %s of %d key points", a.Title, a.Level, clock(a.Seconds), clock(a.Limit), credit(a.Credit), a.Total)
		if a.FollowUpOf != "" {
			line += ", a follow-up"
		}
		ev = append(ev, line)
		for _, h := range hit {
			ev = append(ev, "  ✓ "+h)
		}
		for _, m := range miss {
			ev = append(ev, "  ✗ "+m)
		}
	}
	mean := sum / float64(len(as))
	s := band(mean)
	ev = append([]string{fmt.Sprintf("mean %.0f%% of key points over %d answer(s)", mean*100, len(as))}, ev...)
	if over*2 > len(as) {
		s = max(1, s-1)
		ev = append(ev, fmt.Sprintf("1 point off: %d of %d answers ran over time", over, len(as)))
	}
	return s, ev
}

func claimsScore(ps []Probe) (int, []string) {
	if len(ps) == 0 {
		return 0, []string{"not assessed: no claims with questions behind them (add some in About you)"}
	}
	var ev []string
	sum := 0
	asked := 0
	for _, p := range ps {
		if len(p.Rungs) == 0 {
			ev = append(ev, fmt.Sprintf("%q: not reached in the time", p.Claim))
			continue
		}
		asked++
		s := 1
		var steps []string
		for _, r := range p.Rungs {
			mark := "✗"
			switch {
			case r.Strong:
				mark = "✓"
				s = max(s, levelScore(r.Level))
			case r.Share >= missShare:
				mark = "◐"
				s = max(s, levelScore(r.Level)-1)
			}
			steps = append(steps, r.Level+" "+mark)
		}
		sum += s
		deep := "one level"
		if len(p.Rungs) > 1 {
			deep = fmt.Sprintf("%d levels", len(p.Rungs))
		}
		last := p.Rungs[len(p.Rungs)-1]
		held := "the round's time for claims ran out there"
		switch {
		case p.Stopped:
			held = "it broke at " + last.Level + " level"
		case last.Level == "senior":
			held = "it held all the way"
		}
		ev = append(ev, fmt.Sprintf("you claimed %q; the interviewer went %s deep (%s): %s", p.Claim, deep, strings.Join(steps, ", "), held))
	}
	if asked == 0 {
		return 0, ev
	}
	return int(math.Floor(float64(sum)/float64(asked) + 0.5)), ev
}

func levelScore(level string) int {
	switch level {
	case "senior":
		return 4
	case "mid":
		return 3
	}
	return 2
}

func verdict(scores []CompetencyScore, flags []Flag, probes []Probe) (string, []string) {
	var sum, n, low int
	low = 5
	var reasons []string
	for _, s := range scores {
		if s.Score == 0 {
			continue
		}
		sum += s.Score
		n++
		low = min(low, s.Score)
		switch {
		case s.Score >= 4:
			reasons = append(reasons, s.Name+": strong (4)")
		case s.Score == 1:
			reasons = append(reasons, s.Name+": well below the bar (1)")
		}
	}
	if n == 0 {
		return NoHire, []string{"nothing was answered"}
	}
	mean := float64(sum) / float64(n)
	v := NoHire
	switch {
	case mean >= 3.5 && low >= 3 && len(flags) == 0:
		v = StrongHire
	case mean >= 2.75 && low >= 2:
		v = Hire
	case mean >= 2:
		v = LeanNo
	}
	reasons = append([]string{fmt.Sprintf("mean score %.2f over %d %s, lowest %d", mean, n, map[bool]string{true: "competency", false: "competencies"}[n == 1], low)}, reasons...)
	if len(flags) > 0 { // (a red flag already keeps the verdict from strong hire, above)
		reasons = append(reasons, fmt.Sprintf("a red flag (%s) an interviewer would write down", strings.ToLower(flags[0].Name)))
	}
	for _, p := range probes {
		if len(p.Rungs) > 0 && p.Rungs[0].Share < missShare {
			if rank(v) < rank(LeanNo) {
				v = LeanNo
			}
			reasons = append(reasons, fmt.Sprintf("capped at lean no hire: you claimed %q and missed its first question", p.Claim))
			break
		}
	}
	return v, reasons
}

func rank(v string) int {
	return slices.Index([]string{StrongHire, Hire, LeanNo, NoHire}, v)
}

// drillNext are the three answers that missed most, lowest share first (the higher level
// first among equals), each with what it missed.
func drillNext(as []Answer) []DrillItem {
	var cands []Answer
	for _, a := range as {
		if a.Key != "" && a.Total > 0 && a.Share() < strongShare {
			cands = append(cands, a)
		}
	}
	slices.SortStableFunc(cands, func(a, b Answer) int {
		return cmp.Or(cmp.Compare(a.Share(), b.Share()), -cmp.Compare(levelScore(a.Level), levelScore(b.Level)))
	})
	var out []DrillItem
	seen := map[string]bool{}
	for _, a := range cands {
		if seen[a.Key] || len(out) == 3 {
			continue
		}
		seen[a.Key] = true
		it := DrillItem{Key: a.Key, Title: a.Title}
		for _, p := range a.Points {
			if p.State != "covered" {
				it.Missed = append(it.Missed, p.Text)
			}
		}
		out = append(out, it)
	}
	return out
}

func clock(s int) string { return fmt.Sprintf("%d:%02d", s/60, s%60) }

func credit(c float64) string {
	if c == math.Trunc(c) {
		return fmt.Sprintf("%.0f", c)
	}
	return fmt.Sprintf("%.1f", c)
}
