package tui

import (
	"bytes"
	"path/filepath"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// unstartedModel is the trainer on the demo pack and a fresh store, with an injected clock
// and a scheduler without fuzz, before any message: no window size, no progress read.
func unstartedModel(t *testing.T) (Model, *clock, *store.Store) {
	t.Helper()
	clk := &clock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	st, err := store.Open(filepath.Join(t.TempDir(), "hotseat.db"), store.Options{NoSync: true, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p := srs.DefaultParams()
	p.EnableFuzz = false
	return New(Config{Lib: library(t, demoPack), Store: st, Sched: drill.Only(srs.NewScheduler(p)), Now: clk.Now, NewPerDay: 10, Dark: true}), clk, st
}

// A whole three-question set through the real Bubble Tea loop: an open question typed, a
// choice question, an open question answered aloud; every rating saved; the summary; quit.
// The clock is injected: time moves only when the test moves it, and nothing sleeps.
func TestFlowWholeSet(t *testing.T) {
	m, clk, st := unstartedModel(t)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))

	waitFor := func(s string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
			teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(10*time.Millisecond)) // an upper bound: a loaded CI machine under -race is slow
	}
	send := func(keys ...string) {
		for _, k := range keys {
			tm.Send(keyMsg(k))
		}
	}

	waitFor("Daily drill")
	send("enter")
	waitFor("submit (empty")
	tm.Type("bootstrap samples, averaged, lower variance")
	clk.Advance(50 * time.Second)
	send("ctrl+s")
	waitFor("Suggested:")
	send("3")

	waitFor("Random forest")
	send("2", "enter")
	waitFor("Suggested:")
	send("enter")

	waitFor("submit (empty")
	clk.Advance(2 * time.Minute)
	send("ctrl+d")
	waitFor("tick the ones you said")
	send("1", "enter")
	waitFor("Suggested:")
	send("2")

	waitFor("Set done")
	send("ctrl+c")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if final.run == nil || len(final.run.results) != 3 {
		t.Fatalf("final model has %v results, want 3", final.run)
	}
	var got []srs.Rating
	st.Reviews(func(r store.Review) error { got = append(got, r.Rating); return nil })
	want := []srs.Rating{srs.Good, srs.Good, srs.Hard}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("saved ratings %v, want %v", got, want)
	}
}
