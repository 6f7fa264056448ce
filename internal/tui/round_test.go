package tui

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/interview"
)

func roundFixture(t *testing.T) *fixture {
	t.Helper()
	src, err := os.ReadFile("../interview/testdata/round.md")
	if err != nil {
		t.Fatal(err)
	}
	f := newFixtureWith(t, 100, 30, string(src), nil)
	for f.m.home.entries[f.m.home.cursor].act != menuRound {
		f.key("down")
	}
	f.key("enter")
	if v := f.view(); !strings.Contains(v, "Mock interview") || !strings.Contains(v, "20 minutes, typed") {
		t.Fatalf("the round's setup:\n%s", v)
	}
	return f
}

// roundClocks are the round's two clocks in its header: the answer's and the round's.
var roundClocks = regexp.MustCompile(`answer \d+:\d\d.*round \d+:\d\d`)

// An answer's clock running out submits what is typed, as the drill's does.
func TestRoundAnswerTimesOut(t *testing.T) {
	f := roundFixture(t)
	f.key("enter")
	limit := f.m.round.ask.Limit
	f.typeText("I am an ML engineer who ships ranking models.")
	f.clock.Advance(limit + time.Second)
	f.run(f.send(tickMsg{gen: f.m.tickGen}))
	rep := f.m.round.r.Report()
	if len(rep.Answers) != 1 || !strings.Contains(rep.Answers[0].Text, "ships ranking models") || !rep.Answers[0].Over {
		t.Fatalf("after the answer's time ran out: %d answers %+v, want the typed one, over time", len(rep.Answers), rep.Answers)
	}
}

// A typed round from home: every phase asked against its clock, no model answer until the
// scorecard, every answer saved and rated as it is given, the scorecard at the end, the
// round in the store, and its misses queued for the daily drill.
func TestMockInterviewRound(t *testing.T) {
	f := roundFixture(t)
	f.key("enter") // 20 minutes, typed, mid
	phases := map[string]bool{}
	asked := 0
	for f.m.screen == screenRound && !f.m.round.done {
		asked++
		if asked > 40 {
			t.Fatal("the round does not end")
		}
		v := f.view()
		if !strings.Contains(v, "Mock interview · ") || !roundClocks.MatchString(v) {
			t.Fatalf("question %d lacks the round header and clocks:\n%s", asked, v)
		}
		if strings.Contains(v, "Model answer") {
			t.Fatalf("a model answer shows during the round:\n%s", v)
		}
		phases[f.m.round.ask.Phase.String()] = true
		text := "I am an ML engineer. My last team wrote terrible code. It reduces variance."
		if f.m.round.ask.Q == nil {
			text = "How do your models reach production?"
		}
		f.typeText(text)
		f.clock.Advance(40 * time.Second)
		f.run(f.key("ctrl+s"))
	}
	for _, p := range []string{"Tell me about yourself", "ML fundamentals", "Testing ML code", "Deployment and production", "Behavioural", "Your questions for us"} {
		if !phases[p] {
			t.Errorf("no question in %s", p)
		}
	}
	v := words(f.view())
	for _, want := range []string{"Mock interview · scorecard", "Verdict:", "Scorecard"} {
		if !strings.Contains(v, want) {
			t.Errorf("the scorecard's first page lacks %q:\n%s", want, f.view())
		}
	}
	all := words(ansi.Strip(strings.Join(f.m.round.pg.lines, "\n")))
	for _, want := range []string{"ML fundamentals", "Red flags", "My last team wrote terrible code", "Follow-up questions asked", "Drill next", "Model answer"} {
		if !strings.Contains(all, want) {
			t.Errorf("the scorecard lacks %q:\n%s", want, all)
		}
	}
	reps, err := interview.Load(f.store)
	if err != nil || len(reps) != 1 || !reps[0].Finished || len(reps[0].Answers) != asked {
		t.Fatalf("saved rounds: %d, %v (want one finished with %d answers)", len(reps), err, asked)
	}
	n, _ := f.store.ReviewCount()
	if n != asked-1 { // every question but the candidate's own
		t.Errorf("%d reviews recorded, want %d", n, asked-1)
	}
	if q, _ := interview.Queued(f.store); len(q) == 0 || len(q) > 3 {
		t.Errorf("drill-next queue %+v", q)
	}
	f.key("enter")
	if f.m.screen != screenHome {
		t.Errorf("enter on the scorecard goes home, not %d", f.m.screen)
	}
	if set := f.m.planner().Daily(drill.Options{Now: f.clock.Now(), NewPerDay: 10}); len(set.Items) == 0 || set.Items[0].Reason != drill.ReasonRound {
		t.Errorf("the daily drill does not start with the round's misses: %+v", set.Items[:min(1, len(set.Items))])
	}
	// The progress screen shows the round in the competencies' trend.
	for _, msg := range settleWithin(f.key("s"), time.Second) {
		f.send(msg)
	}
	if v := words(ansi.Strip(strings.Join(f.m.prog.vp.lines, "\n"))); !strings.Contains(v, "1 mock interview round(s)") || !strings.Contains(v, "ML fundamentals ") {
		t.Errorf("the progress screen lacks the rounds' trend:\n%s", f.view())
	}
}

// ctrl+x twice ends a round early: the answer on screen is kept, the scorecard covers what
// was answered, and the round is saved as left before its end. ctrl+c with an answer typed
// asks first.
func TestMockInterviewLeftEarly(t *testing.T) {
	f := roundFixture(t)
	f.key("enter")
	f.typeText("I am an ML engineer.")
	f.run(f.key("ctrl+s"))
	f.typeText("half an answer")
	f.key("ctrl+c")
	if f.m.confirm != confirmQuit {
		t.Fatalf("ctrl+c with an answer typed should ask first:\n%s", f.view())
	}
	f.key("n")
	f.key("ctrl+x")
	if !strings.Contains(f.view(), "Press ctrl+x again") {
		t.Fatalf("no warning before leaving:\n%s", f.view())
	}
	f.run(f.key("ctrl+x"))
	if !f.m.round.done || !strings.Contains(f.view(), "left before its end") {
		t.Fatalf("after leaving:\n%s", f.view())
	}
	reps, _ := interview.Load(f.store)
	if len(reps) != 1 || reps[0].Finished || len(reps[0].Answers) != 2 || reps[0].Answers[1].Text != "half an answer" {
		t.Errorf("saved: %+v", reps)
	}
	if n, _ := f.store.ReviewCount(); n != 2 {
		t.Errorf("%d reviews, want the pitch's and the answer on screen when the round was left", n)
	}
}

// Pair mode: the interviewer sees the key points to tick and the rubric, ticks what they
// hear, and the round goes on from the ticks.
func TestMockInterviewPairMode(t *testing.T) {
	f := roundFixture(t)
	f.key("down")
	f.key("down")
	f.key("enter") // 20 minutes, a partner asks aloud
	v := words(f.view())
	for _, want := range []string{"Ask: Tell me about yourself.", "Tick the key points you hear", "[ ] 1. Says the current role", "Rubric:"} {
		if !strings.Contains(v, want) {
			t.Errorf("pair view lacks %q:\n%s", want, f.view())
		}
	}
	f.key("1")
	f.key("2")
	if !strings.Contains(f.view(), "[x]") {
		t.Fatalf("ticks do not show:\n%s", f.view())
	}
	f.clock.Advance(time.Minute)
	f.run(f.key("enter"))
	rep := f.m.round.r.Report()
	if len(rep.Answers) != 1 || rep.Answers[0].Credit != 2 || !rep.Answers[0].Aloud {
		t.Errorf("the pitch's ticks: %+v", rep.Answers)
	}
}
