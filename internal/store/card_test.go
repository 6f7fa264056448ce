package store

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/srs"
)

// cardAt returns a plausible reviewed card due at due, with reps reviews behind it.
func cardAt(due time.Time, reps int) srs.Card {
	return srs.Card{
		State: srs.Review, Stability: 3.17 * float64(reps), Difficulty: 5.5,
		Due: due, LastReview: due.Add(-72 * time.Hour), Reps: reps,
	}
}

// cardsEqual compares cards with time.Time.Equal: the store keeps instants, not zones.
func cardsEqual(a, b srs.Card) bool {
	return a.State == b.State && a.Step == b.Step && a.Reps == b.Reps && a.Lapses == b.Lapses &&
		math.Float64bits(a.Stability) == math.Float64bits(b.Stability) &&
		math.Float64bits(a.Difficulty) == math.Float64bits(b.Difficulty) &&
		a.Due.Equal(b.Due) && a.LastReview.Equal(b.LastReview)
}

func TestCardEncodingRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		card srs.Card
	}{
		{"new", srs.Card{}},
		{"learning", srs.Card{State: srs.Learning, Step: 1, Stability: 0.212, Difficulty: 6.4133,
			Due: t0.Add(10 * time.Minute), LastReview: t0, Reps: 1}},
		{"relearning with lapses", srs.Card{State: srs.Relearning, Stability: 1.5, Difficulty: 9.99,
			Due: t0, LastReview: t0.Add(-time.Hour), Reps: 40, Lapses: 7}},
		{"far future", cardAt(time.Date(2125, 1, 1, 0, 0, 0, 1, time.UTC), 1000)},
		{"before 1970", cardAt(time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC), 1)},
		{"zone kept as instant", cardAt(t0.In(time.FixedZone("X", -7*3600)), 3)},
		{"odd values", srs.Card{State: -1, Step: -3, Stability: math.Inf(1), Difficulty: math.Copysign(0, -1), Reps: math.MaxInt32, Lapses: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := appendCard(nil, tt.card)
			got, err := decodeCard(b)
			if err != nil {
				t.Fatal(err)
			}
			if !cardsEqual(got, tt.card) {
				t.Errorf("round trip\n got %+v\nwant %+v", got, tt.card)
			}
			if tt.card.Due.IsZero() != got.Due.IsZero() || tt.card.LastReview.IsZero() != got.LastReview.IsZero() {
				t.Error("zero times not kept")
			}
		})
	}
	if n := len(appendCard(nil, cardAt(t0, 12))); n > 48 {
		t.Errorf("a typical card takes %d bytes; the encoding is meant to be compact", n)
	}
}

// TestDecodeCardDamaged feeds every truncation and a few corruptions of a valid record:
// each must give an error, never a panic or a silently wrong card.
func TestDecodeCardDamaged(t *testing.T) {
	b := appendCard(nil, cardAt(t0, 12))
	for n := range len(b) {
		if _, err := decodeCard(b[:n]); err == nil {
			t.Errorf("truncated to %d bytes: no error", n)
		}
	}
	bad := slices.Clone(b)
	bad[0] = 99
	if _, err := decodeCard(bad); err == nil {
		t.Error("unknown encoding byte: no error")
	}
	if _, err := decodeCard(append([]byte{cardEncoding}, slices.Repeat([]byte{0xff}, 30)...)); err == nil {
		t.Error("overlong varint: no error")
	}
}

func FuzzDecodeCard(f *testing.F) {
	f.Add(appendCard(nil, cardAt(t0, 3)))
	f.Add(appendCard(nil, srs.Card{}))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := decodeCard(b)
		if err != nil {
			return
		}
		// Whatever decodes must encode back to something that decodes the same.
		again, err := decodeCard(appendCard(nil, c))
		if err != nil || !cardsEqual(again, c) {
			t.Fatalf("re-encode of %+v: %+v, %v", c, again, err)
		}
	})
}

func TestCardsRoundTrip(t *testing.T) {
	s, _ := openTest(t, Options{})
	if cards, err := s.Cards(); err != nil || len(cards) != 0 {
		t.Fatalf("empty store: %v, %v", cards, err)
	}
	if _, ok, err := s.Card("p", "q"); ok || err != nil {
		t.Fatalf("Card on empty store: %v, %v", ok, err)
	}
	want := map[string]srs.Card{}
	for i, q := range []string{"bias-variance", "attention/why-scale", "dropout"} {
		c := cardAt(t0.Add(time.Duration(i)*time.Hour), i+1)
		if _, err := s.Record(Review{Pack: "ml", Question: q, Rating: srs.Good, Coverage: 0.5}, c); err != nil {
			t.Fatal(err)
		}
		want[Key("ml", q)] = c
	}
	got, err := s.Cards()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("Cards has %d entries, want %d", len(got), len(want))
	}
	for k, w := range want {
		if !cardsEqual(got[k], w) {
			t.Errorf("Cards()[%q] = %+v, want %+v", k, got[k], w)
		}
	}
	c, ok, err := s.Card("ml", "attention/why-scale")
	if err != nil || !ok || !cardsEqual(c, want["ml/attention/why-scale"]) {
		t.Errorf("Card = %+v, %v, %v", c, ok, err)
	}
	// EachCard (home counts its figures with it) gives the same states, in key order.
	var keys []string
	if err := s.EachCard(func(k []byte, c srs.Card) error {
		keys = append(keys, string(k))
		if !cardsEqual(c, want[string(k)]) {
			t.Errorf("EachCard %q = %+v, want %+v", k, c, want[string(k)])
		}
		return nil
	}); err != nil || len(keys) != len(want) || !slices.IsSorted(keys) {
		t.Errorf("EachCard: keys %v, %v", keys, err)
	}
	stop := errors.New("stop")
	if err := s.EachCard(func([]byte, srs.Card) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("EachCard does not return its callback's error: %v", err)
	}
}

func TestDueCards(t *testing.T) {
	s, _ := openTest(t, Options{})
	dues := map[string]time.Time{
		"later":     t0.Add(time.Hour),
		"now":       t0,
		"yesterday": t0.Add(-24 * time.Hour),
		"b-tie":     t0.Add(-time.Minute),
		"a-tie":     t0.Add(-time.Minute),
	}
	for q, due := range dues {
		if _, err := s.Record(Review{Pack: "p", Question: q, Rating: srs.Good, Coverage: -1}, cardAt(due, 1)); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.DueCards(t0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"p/yesterday", "p/a-tie", "p/b-tie", "p/now"}
	if !slices.Equal(got, want) {
		t.Errorf("DueCards = %q, want %q", got, want)
	}
}
