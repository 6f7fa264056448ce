package stats

import (
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pack/packtest"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// Statistics from the store's aggregates are the statistics from the whole log: 200 days
// of reviews, some taken back, every field compared.
func TestFromAggregatesEqualsCompute(t *testing.T) {
	defer func(l *time.Location) { time.Local = l }(time.Local)
	time.Local = time.UTC // the aggregates count days in the local zone, as a user's machine does
	lib := packtest.Embedded()
	st, err := store.Open(filepath.Join(t.TempDir(), "h.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sched := srs.NewScheduler(srs.DefaultParams())
	rng := rand.New(rand.NewPCG(3, 4))
	qs := lib.Questions()[:80] // 80 questions of several packs and many tags
	cards := map[string]srs.Card{}
	start := time.Date(2026, 1, 5, 7, 0, 0, 0, time.UTC)
	for day := range 200 {
		if rng.IntN(6) == 0 {
			continue // a day off breaks the streak
		}
		at := start.AddDate(0, 0, day)
		for _, q := range qs {
			c, ok := cards[q.Key()]
			if ok && c.Due.After(at) || !ok && rng.IntN(4) > 0 {
				continue
			}
			r := srs.Rating(1 + rng.IntN(4))
			next := sched.Review(c, r, at)
			rv, err := st.Record(store.Review{Time: at, Pack: q.PackID, Question: q.ID, Rating: r, Seconds: float64(20 + rng.IntN(100)), Coverage: rng.Float64()}, next)
			if err != nil {
				t.Fatal(err)
			}
			cards[q.Key()] = next
			if rng.IntN(12) == 0 {
				var p *srs.Card
				if ok {
					p = &c
				}
				if err := st.Undo(rv, p, ""); err != nil {
					t.Fatal(err)
				}
				if ok {
					cards[q.Key()] = c
				} else {
					delete(cards, q.Key())
				}
			}
			at = at.Add(7 * time.Minute)
		}
	}
	var log []store.Review
	if err := st.Reviews(func(r store.Review) error { log = append(log, r); return nil }); err != nil {
		t.Fatal(err)
	}
	stored, err := st.Cards()
	if err != nil {
		t.Fatal(err)
	}
	for _, now := range []time.Time{start.AddDate(0, 0, 199).Add(15 * time.Hour), start.AddDate(0, 0, 230)} {
		in := Input{Lib: lib, Cards: stored, Reviews: FromLog(log), Now: now, NewPerDay: 10}
		want, err := Compute(in)
		if err != nil {
			t.Fatal(err)
		}
		qstats, err := st.QStats()
		if err != nil {
			t.Fatal(err)
		}
		hours, err := st.Hours()
		if err != nil {
			t.Fatal(err)
		}
		got := FromAggregates(in, qstats, hours)
		// Home counts the card figures as the store reads the cards, without the map.
		counted := NewCardCount(lib, now)
		if err := st.EachCard(func(k []byte, c srs.Card) error { counted.Add(k, c); return nil }); err != nil {
			t.Fatal(err)
		}
		streamed := FromAggregates(Input{Lib: lib, Counted: counted, Now: now, NewPerDay: 10}, qstats, hours)
		if !reflect.DeepEqual(streamed, got) {
			t.Errorf("at %v: card figures counted from the stream\n%+v\nfrom the map\n%+v", now, streamed, got)
		}
		// The comparison means something only over a history with retention of both kinds.
		if r := want.Retention.Overall; want.ReviewsTotal < 300 || r.Mature.Total == 0 || r.Young.Total == 0 || want.NewToday+want.ReviewsToday == 0 && now.Before(start.AddDate(0, 0, 200)) {
			t.Fatalf("the simulated history is too thin to compare: %d reviews, retention %+v, today %d", want.ReviewsTotal, r, want.ReviewsToday)
		}
		// Minutes are sums of floats added in another order.
		for i := range got.Time {
			if d := got.Time[i] - want.Time[i]; d > 1e-9 || d < -1e-9 {
				t.Errorf("minutes on day %d: %v, want %v", i, got.Time[i], want.Time[i])
			}
			got.Time[i] = want.Time[i]
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("at %v: from aggregates\n%+v\nfrom the log\n%+v", now, got, want)
		}
	}
}

// The card figures, counted beside the aggregates, land on the right packs: pack b with a
// new card, an overdue one, one due later today and one next week, and pack c with no
// card at all.
func TestFromAggregatesCardFiguresByPack(t *testing.T) {
	src := func(id string, qs ...string) []byte {
		b := "---\npack: " + id + "\ntitle: " + id + "\nversion: 1.0.0\n---\n"
		for _, q := range qs {
			b += "\n## " + q + "? {#" + q + "}\n\n### Answer\nx\n"
		}
		return []byte(b)
	}
	packs, diags := pack.LoadFS(fstest.MapFS{"b.md": {Data: src("b", "b1", "b2", "b3", "b4")}, "c.md": {Data: src("c", "c1", "c2")}}, "t")
	l := pack.NewLibrary()
	l.Add(packs, diags)
	if l.Len() != 6 {
		t.Fatalf("fixture: %d questions, %v", l.Len(), diags)
	}
	now := time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
	cards := map[string]srs.Card{
		"b/b1":   {State: srs.Review, Due: now.Add(-48 * time.Hour)}, // overdue: today in the forecast
		"b/b2":   {State: srs.Review, Due: now.Add(3 * time.Hour)},   // later today
		"b/b3":   {State: srs.Review, Due: now.Add(7 * 24 * time.Hour)},
		"b/b4":   {State: srs.New},
		"x/gone": {State: srs.Review, Due: now.Add(-time.Hour)}, // a question no pack has now
	}
	// From the map (hotseat stats), and counted card by card as home reads them.
	counted := NewCardCount(l, now)
	for k, c := range cards {
		counted.Add([]byte(k), c)
	}
	for how, in := range map[string]Input{
		"map":     {Lib: l, Cards: cards, Now: now, NewPerDay: 10},
		"counted": {Lib: l, Counted: counted, Now: now, NewPerDay: 10},
	} {
		s := FromAggregates(in, nil, nil)
		if got, want := s.ByPack["b"], (PackStats{Questions: 4, Seen: 3, Due: 1}); got != want {
			t.Errorf("%s: pack b: %+v, want %+v", how, got, want)
		}
		if got, want := s.ByPack["c"], (PackStats{Questions: 2}); got != want {
			t.Errorf("%s: pack c (no cards): %+v, want %+v", how, got, want)
		}
		if s.DueNow != 1 || s.NewAvailable != 3 || s.Forecast[0] != 2 || s.Forecast[7] != 1 || sum(s.Forecast) != 3 {
			t.Errorf("%s: due now %d, new available %d, forecast %v; want 1, 3, [2 0 0 0 0 0 0 1 ...]", how, s.DueNow, s.NewAvailable, s.Forecast)
		}
	}
}

// A panic while counting the card figures (in a goroutine of their own) reaches the
// caller's goroutine, where the trainer's guard catches it and restores the terminal; left
// in its own goroutine it would end the program with the terminal raw.
func TestFromAggregatesPanicReachesTheCaller(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("FromAggregates without a library did not panic in its caller")
		}
	}()
	FromAggregates(Input{Now: time.Now()}, nil, nil)
}
