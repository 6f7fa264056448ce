package tui

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/stats"
	"github.com/hotseat/hotseat/internal/store"
)

// Thirty days of daily drills over the real bank, rated by a seeded random rater through
// the drill's own planner and recorder; then the progress screen (s on home) must show the
// figures an independent replay of the log gives: true retention (mature and young), the
// answers in the calendar, the forecast of today and this week, and each pack's seen count.
func TestProgressScreenMatchesAReplayOfTheLog(t *testing.T) {
	lib := bankLibrary(t)
	clk := &clock{t: time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)}
	st, err := store.Open(filepath.Join(t.TempDir(), "hotseat.db"), store.Options{NoSync: true, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	scheds := drill.NewSchedulers(drill.DefaultSchedConfig())
	rng := rand.New(rand.NewPCG(30, 1))
	cards := map[string]srs.Card{}
	for day := range 30 {
		now := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, day)
		if rng.IntN(7) == 0 {
			continue // a day off now and then
		}
		p := &drill.Planner{Lib: lib, Cards: cards, Sched: scheds}
		set := p.Daily(drill.Options{Now: now, NewPerDay: 8})
		for i, it := range set.Items {
			at := now.Add(time.Duration(i) * 3 * time.Minute)
			g := srs.Rating(1 + rng.IntN(4))
			rec := drill.Recorder{Store: st, Sched: p.SchedFor(it)}
			next, _, err := rec.Record(cards[it.Q.Key()], drill.Result{Item: it, Answer: "an answer", Rating: g, At: at, Used: time.Duration(30+rng.IntN(150)) * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			cards[it.Q.Key()] = next
		}
	}
	clk.t = time.Date(2026, 10, 31, 7, 0, 0, 0, time.UTC)

	// The replay: the log alone, read back and recomputed here.
	var log []store.Review
	if err := st.Reviews(func(r store.Review) error { log = append(log, r); return nil }); err != nil {
		t.Fatal(err)
	}
	replay := map[string]srs.Card{}
	lastDay := map[string]time.Time{}
	var mature, young [2]int // passed, total
	seenInPack := map[string]map[string]bool{}
	for _, r := range log {
		k := store.Key(r.Pack, r.Question)
		day := time.Date(r.Time.Year(), r.Time.Month(), r.Time.Day(), 0, 0, 0, 0, time.UTC)
		if prev, ok := lastDay[k]; ok {
			gap := int(day.Sub(prev).Hours() / 24)
			pass := 0
			if r.Rating >= srs.Hard {
				pass = 1
			}
			switch {
			case gap >= stats.MatureDays:
				mature[0] += pass
				mature[1]++
			case gap >= 1:
				young[0] += pass
				young[1]++
			}
		}
		lastDay[k] = day
		replay[k] = scheds.For(lib.Question(k), false).Review(replay[k], r.Rating, r.Time)
		if seenInPack[r.Pack] == nil {
			seenInPack[r.Pack] = map[string]bool{}
		}
		seenInPack[r.Pack][k] = true
	}
	today := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC)
	dueToday, dueWeek := 0, 0
	for _, c := range replay {
		switch {
		case c.Due.Before(today.AddDate(0, 0, 1)):
			dueToday++
			dueWeek++
		case c.Due.Before(today.AddDate(0, 0, 7)):
			dueWeek++
		}
	}
	pct := func(p [2]int) string {
		if p[1] == 0 {
			return "–"
		}
		return fmt.Sprintf("%d%%", int(math.Round(100*float64(p[0])/float64(p[1]))))
	}
	if len(log) < 150 || young[1] < 50 {
		t.Fatalf("the simulation made %d reviews, %d young: too few to test", len(log), young[1])
	}

	m := New(Config{Lib: lib, Store: st, Sched: scheds, Now: clk.Now, NewPerDay: 8, Dark: true, Policy: claims.DefaultPolicy()})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 80})
	next, _ = next.(Model).Update(next.(Model).loadProgress()())
	next, cmd := next.(Model).Update(keyMsg("s"))
	if v := words(plain(next.(Model).View().Content)); !strings.Contains(v, "reading your answers") {
		t.Errorf("before the answers are graded again the screen should say so:\n%s", v)
	}
	for _, msg := range settleWithin(cmd, time.Second) { // the missed key points, the rounds' trend
		next, _ = next.(Model).Update(msg)
	}
	m = next.(Model)
	if m.screen != screenProgress {
		t.Fatalf("s on home does not open the progress screen:\n%s", plain(m.View().Content))
	}
	v := words(plain(m.View().Content))
	for _, want := range []string{
		fmt.Sprintf("mature %s of %d · young %s of %d · target 90%%", pct(mature), mature[1], pct(young), young[1]),
		fmt.Sprintf("%d answers", len(log)),
		fmt.Sprintf("due today %d · this week %d", dueToday, dueWeek),
		`Missed most "`, // every answer was "an answer": points are missed
	} {
		if !strings.Contains(v, want) {
			t.Errorf("the progress screen lacks %q:\n%s", want, plain(m.View().Content))
		}
	}
	for pk, seen := range seenInPack {
		row := fmt.Sprintf("%s ", pk)
		want := fmt.Sprintf("%d of %d", len(seen), len(lib.Pack(pk).Questions))
		found := false
		for _, l := range strings.Split(plain(m.View().Content), "\n") {
			if strings.Contains(l, row) && strings.Contains(l, want) {
				found = true
			}
		}
		if !found {
			t.Errorf("pack %s: the progress screen does not show %q seen", pk, want)
		}
	}
	t.Logf("%d reviews; mature %v, young %v; due today %d, this week %d", len(log), mature, young, dueToday, dueWeek)
}
