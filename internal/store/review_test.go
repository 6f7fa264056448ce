package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/hotseat/hotseat/internal/srs"
)

func sampleReview(q string) Review {
	return Review{
		Pack: "ml", Question: q, Rating: srs.Hard, Seconds: 93.5, Limit: 120, Coverage: 0.75,
		Aloud: true, Overtime: false, Answer: "Scale keeps the softmax out of saturation — “√d”.",
		Reason: "due",
	}
}

func reviewsEqual(a, b Review) bool {
	return a.Time.Equal(b.Time) && a.ID == b.ID && a.Pack == b.Pack && a.Question == b.Question &&
		a.Rating == b.Rating && a.Seconds == b.Seconds && a.Limit == b.Limit && a.Coverage == b.Coverage &&
		a.Aloud == b.Aloud && a.Overtime == b.Overtime && a.Answer == b.Answer && a.Reason == b.Reason
}

func allReviews(t *testing.T, s *Store) []Review {
	t.Helper()
	var rs []Review
	if err := s.Reviews(func(r Review) error { rs = append(rs, r); return nil }); err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestRecordRoundTrip(t *testing.T) {
	s, path := openTest(t, Options{})
	in := sampleReview("attention")
	in.Time = t0.In(time.FixedZone("CET", 3600))
	got, err := s.Record(in, cardAt(t0.Add(time.Hour), 1))
	if err != nil {
		t.Fatal(err)
	}
	if len(got.ID) != 2*reviewKey {
		t.Errorf("ID %q has %d characters", got.ID, len(got.ID))
	}
	in.ID = got.ID
	if !reviewsEqual(got, in) {
		t.Errorf("Record returned %+v, want %+v", got, in)
	}

	// A zero time comes from the injected clock.
	second, err := s.Record(Review{Pack: "ml", Question: "dropout", Rating: srs.Again, Coverage: -1}, srs.Card{})
	if err != nil {
		t.Fatal(err)
	}
	if !second.Time.Equal(t0) {
		t.Errorf("zero Time became %v, want the clock's %v", second.Time, t0)
	}

	s.Close()
	s, err = Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rs := allReviews(t, s)
	if len(rs) != 2 || !reviewsEqual(rs[0], got) || !reviewsEqual(rs[1], second) {
		t.Errorf("after reopen, Reviews = %+v", rs)
	}
	if n, err := s.ReviewCount(); err != nil || n != 2 {
		t.Errorf("ReviewCount = %d, %v", n, err)
	}
}

// TestRecordAtomic checks that the review and the card state are written together or not
// at all. A question id too long for a bbolt key makes the card write fail after the
// review write succeeded inside the transaction.
func TestRecordAtomic(t *testing.T) {
	s, path := openTest(t, Options{})
	ok, err := s.Record(sampleReview("kept"), cardAt(t0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Record(sampleReview(strings.Repeat("x", bbolt.MaxKeySize)), cardAt(t0, 1)); err == nil {
		t.Fatal("Record with an oversized key succeeded")
	}
	s.Close()
	s, err = Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rs := allReviews(t, s)
	if len(rs) != 1 || rs[0].ID != ok.ID {
		t.Errorf("reviews after a failed Record: %+v", rs)
	}
	cards, err := s.Cards()
	if err != nil {
		t.Fatal(err)
	}
	if _, found := cards["ml/kept"]; !found || len(cards) != 1 {
		t.Errorf("cards after a failed Record: %q", slices.Sorted(maps.Keys(cards)))
	}
}

func TestRecordRejectsBadReviews(t *testing.T) {
	s, _ := openTest(t, Options{})
	tests := []struct {
		name   string
		change func(r *Review)
	}{
		{"ID set", func(r *Review) { r.ID = "abc" }},
		{"no pack", func(r *Review) { r.Pack = "" }},
		{"slash in pack", func(r *Review) { r.Pack = "a/b" }},
		{"no question", func(r *Review) { r.Question = "" }},
		{"rating 0", func(r *Review) { r.Rating = 0 }},
		{"rating 5", func(r *Review) { r.Rating = 5 }},
		{"negative seconds", func(r *Review) { r.Seconds = -1 }},
		{"NaN seconds", func(r *Review) { r.Seconds = math.NaN() }},
		{"infinite limit", func(r *Review) { r.Limit = math.Inf(1) }},
		{"coverage above 1", func(r *Review) { r.Coverage = 1.5 }},
		{"coverage -0.5", func(r *Review) { r.Coverage = -0.5 }},
		{"NaN coverage", func(r *Review) { r.Coverage = math.NaN() }},
		{"before 1970", func(r *Review) { r.Time = time.Date(1969, 1, 1, 0, 0, 0, 0, time.UTC) }},
		{"after 2262", func(r *Review) { r.Time = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := sampleReview("q")
			tt.change(&r)
			if _, err := s.Record(r, srs.Card{}); err == nil {
				t.Error("Record succeeded")
			}
		})
	}
	if n, _ := s.ReviewCount(); n != 0 {
		t.Errorf("%d rejected reviews were written", n)
	}
	if cards, _ := s.Cards(); len(cards) != 0 {
		t.Errorf("%d cards written by rejected reviews", len(cards))
	}
}

// TestReviewIDsSameNanosecond stamps many reviews with one instant: every ID must be
// distinct, and the log must come back in recording order.
func TestReviewIDsSameNanosecond(t *testing.T) {
	s, _ := openTest(t, Options{Now: fixedNow(t0)})
	const n = 1000
	var ids []string
	for i := range n {
		r, err := s.Record(Review{Pack: "p", Question: fmt.Sprint(i), Rating: srs.Good, Coverage: -1}, srs.Card{})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	if !slices.IsSorted(ids) {
		t.Error("IDs of successive reviews are not increasing")
	}
	if len(slices.Compact(slices.Clone(ids))) != n {
		t.Error("IDs are not unique")
	}
	rs := allReviews(t, s)
	for i, r := range rs {
		if r.ID != ids[i] || r.Question != fmt.Sprint(i) || !r.Time.Equal(t0) {
			t.Fatalf("review %d = %+v, want ID %s question %d", i, r, ids[i], i)
		}
	}
	// The node part is shared, the time part is the review's.
	if ids[0][16:28] != ids[n-1][16:28] {
		t.Error("node part differs within one database")
	}
	if want := fmt.Sprintf("%016x", t0.UnixNano()); ids[0][:16] != want {
		t.Errorf("time part %s, want %s", ids[0][:16], want)
	}
}

// TestReviewKeyCounterOverflow fills every counter of one nanosecond: the next key moves to
// the following nanosecond rather than repeating or wrapping.
func TestReviewKeyCounterOverflow(t *testing.T) {
	s, _ := openTest(t, Options{})
	nanos := uint64(t0.UnixNano())
	err := s.update(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(reviewsBucket)
		c := b.Cursor()
		first := s.nextReviewKey(c, nanos)
		if binary.BigEndian.Uint16(first[8+nodeLen:]) != 0 {
			t.Errorf("first key %x has a counter", first)
		}
		full := slices.Clone(first)
		binary.BigEndian.PutUint16(full[8+nodeLen:], math.MaxUint16)
		if err := b.Put(full, []byte{reviewEncoding}); err != nil {
			return err
		}
		next := s.nextReviewKey(b.Cursor(), nanos)
		if got := binary.BigEndian.Uint64(next); got != nanos+1 {
			t.Errorf("after the last counter, key time %d, want %d", got, nanos+1)
		}
		if binary.BigEndian.Uint16(next[8+nodeLen:]) != 0 {
			t.Errorf("key %x after overflow has a counter", next)
		}
		// Another node's key in the same nanosecond does not disturb this node's counter.
		other := slices.Clone(first)
		other[8] ^= 0xff
		if err := b.Put(other, []byte{reviewEncoding}); err != nil {
			return err
		}
		if k := s.nextReviewKey(b.Cursor(), nanos-1); binary.BigEndian.Uint16(k[8+nodeLen:]) != 0 {
			t.Errorf("key %x: counter not 0", k)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRecordConcurrent(t *testing.T) {
	s, _ := openTest(t, Options{Now: fixedNow(t0)})
	const workers, each = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				_, err := s.Record(Review{Pack: "p", Question: fmt.Sprintf("%d-%d", w, i), Rating: srs.Good, Coverage: -1}, srs.Card{Reps: i})
				errs <- err
				if _, err := s.Cards(); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	ids := map[string]bool{}
	for _, r := range allReviews(t, s) {
		ids[r.ID] = true
	}
	if len(ids) != workers*each {
		t.Errorf("%d distinct IDs, want %d", len(ids), workers*each)
	}
}

func TestReviewsSince(t *testing.T) {
	s, _ := openTest(t, Options{})
	for i := range 10 {
		r := sampleReview(fmt.Sprint(i))
		r.Time = t0.Add(time.Duration(i) * time.Hour)
		if _, err := s.Record(r, srs.Card{}); err != nil {
			t.Fatal(err)
		}
	}
	collect := func(since time.Time) []string {
		var qs []string
		if err := s.ReviewsSince(since, func(r Review) error { qs = append(qs, r.Question); return nil }); err != nil {
			t.Fatal(err)
		}
		return qs
	}
	tests := []struct {
		since time.Time
		want  string
	}{
		{t0.Add(7 * time.Hour), "[7 8 9]"},
		{t0.Add(7*time.Hour + 1), "[8 9]"},
		{t0.Add(-time.Hour), "[0 1 2 3 4 5 6 7 8 9]"},
		{time.Time{}, "[0 1 2 3 4 5 6 7 8 9]"},
		{t0.Add(10 * time.Hour), "[]"},
		{time.Date(3000, 1, 1, 0, 0, 0, 0, time.UTC), "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(collect(tt.since)); got != tt.want {
			t.Errorf("ReviewsSince(%v) = %s, want %s", tt.since, got, tt.want)
		}
	}

	// An error from fn stops the walk and comes back wrapped.
	stop := errors.New("enough")
	n := 0
	err := s.Reviews(func(Review) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Errorf("Reviews with a stopping fn: %v after %d calls", err, n)
	}
}

func TestCallerPanicsPassThrough(t *testing.T) {
	s, _ := openTest(t, Options{})
	if _, err := s.Record(sampleReview("q"), srs.Card{}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if p := recover(); p != "caller bug" {
			t.Errorf("recovered %v, want the caller's panic", p)
		}
		// The store is still usable: bbolt rolled the transaction back.
		if _, err := s.Record(sampleReview("q"), srs.Card{}); err != nil {
			t.Error(err)
		}
	}()
	s.Reviews(func(Review) error { panic("caller bug") })
}

// replayCount is a stand-in scheduler: deterministic, and sensitive to every field Rebuild
// must pass (order, count, ratings, times).
func replayCount(key string, rs []Review) srs.Card {
	var c srs.Card
	for _, r := range rs {
		c.Reps++
		if r.Rating == srs.Again {
			c.Lapses++
		}
		c.Difficulty = c.Difficulty*0.5 + float64(r.Rating)
		c.State = srs.Review
		c.LastReview = r.Time
		c.Due = r.Time.Add(time.Duration(c.Reps) * 24 * time.Hour)
	}
	c.Step = len(key)
	return c
}

func TestRebuild(t *testing.T) {
	s, path := openTest(t, Options{})
	history := map[string][]Review{}
	for i := range 60 {
		r := sampleReview(fmt.Sprintf("q%d", i%7))
		r.Rating = srs.Rating(1 + i%4)
		r.Time = t0.Add(time.Duration(i) * time.Minute)
		key := Key(r.Pack, r.Question)
		// Record stores what the scheduler says after this review, as the app would.
		next := replayCount(key, append(slices.Clone(history[key]), r))
		got, err := s.Record(r, next)
		if err != nil {
			t.Fatal(err)
		}
		history[key] = append(history[key], got)
	}
	want, err := s.Cards()
	if err != nil {
		t.Fatal(err)
	}
	// Damage the derived states: a wrong card, and a card with no reviews behind it.
	if _, err := s.Record(Review{Pack: "ml", Question: "q0", Rating: srs.Easy, Coverage: -1, Time: t0.Add(-time.Hour)}, srs.Card{Reps: 999}); err != nil {
		t.Fatal(err)
	}
	history["ml/q0"] = append([]Review{{Time: t0.Add(-time.Hour), Rating: srs.Easy}}, history["ml/q0"]...)
	want["ml/q0"] = replayCount("ml/q0", history["ml/q0"])
	err = s.update(nil, func(tx *bbolt.Tx) error {
		return tx.Bucket(cardsBucket).Put([]byte("ghost/q"), appendCard(nil, cardAt(t0, 5)))
	})
	if err != nil {
		t.Fatal(err)
	}

	var keys []string
	err = s.Rebuild(func(key string, rs []Review) srs.Card {
		keys = append(keys, key)
		if len(rs) != len(history[key]) {
			t.Errorf("%s: replay got %d reviews, want %d", key, len(rs), len(history[key]))
		}
		if !slices.IsSortedFunc(rs, func(a, b Review) int { return a.Time.Compare(b.Time) }) {
			t.Errorf("%s: reviews not oldest first", key)
		}
		return replayCount(key, rs)
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(keys) || len(keys) != 7 {
		t.Errorf("replayed keys %q", keys)
	}
	s.Close()
	s, err = Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Cards()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("%d cards after rebuild, want %d (ghost dropped)", len(got), len(want))
	}
	for k, w := range want {
		if !cardsEqual(got[k], w) {
			t.Errorf("%s after rebuild = %+v, want %+v", k, got[k], w)
		}
	}
}

func TestReviewEncodingVersioned(t *testing.T) {
	r := sampleReview("q")
	r.Time = t0
	v, err := encodeReview(r)
	if err != nil {
		t.Fatal(err)
	}
	if v[0] != reviewEncoding || v[1] != '{' {
		t.Errorf("encoded review starts %q", v[:2])
	}
	key := make([]byte, reviewKey)
	if _, err := decodeReview(key, append([]byte{99}, v[1:]...)); err == nil {
		t.Error("unknown review encoding accepted")
	}
	if _, err := decodeReview(key[:3], v); err == nil {
		t.Error("short key accepted")
	}
	if _, err := decodeReview(key, v[:len(v)-1]); err == nil {
		t.Error("truncated JSON accepted")
	}
}

// TestRecordDurableWithSync uses the default options (fsync on), as the application does.
func TestRecordDurableWithSync(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hotseat.db")
	s, err := Open(path, Options{Now: fixedNow(t0)})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Record(sampleReview("q"), cardAt(t0, 1))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if rs := allReviews(t, s); len(rs) != 1 || rs[0].ID != r.ID {
		t.Errorf("reviews = %+v", rs)
	}
}

// Undo removes exactly the review taken back and puts the question's state and fingerprint
// back as they were: a rating undone and given again leaves one review.
func TestUndo(t *testing.T) {
	s, _ := openTest(t, Options{})
	first := sampleReview("attention")
	first.Fingerprint = "v1"
	c1 := cardAt(t0.Add(time.Hour), 1)
	r1, err := s.Record(first, c1)
	if err != nil {
		t.Fatal(err)
	}
	second := sampleReview("attention")
	second.Time = t0.Add(2 * time.Hour)
	second.Fingerprint = "v2"
	r2, err := s.Record(second, cardAt(t0.Add(48*time.Hour), 2))
	if err != nil {
		t.Fatal(err)
	}
	other, err := s.Record(sampleReview("dropout"), cardAt(t0, 3))
	if err != nil {
		t.Fatal(err)
	}

	if err := s.Undo(r2, &c1, "v1"); err != nil {
		t.Fatal(err)
	}
	rs := allReviews(t, s)
	if len(rs) != 2 || rs[0].ID != r1.ID || rs[1].ID != other.ID {
		t.Errorf("after undo the log is %+v", rs)
	}
	if c, ok, err := s.Card("ml", "attention"); err != nil || !ok || !cardsEqual(c, c1) {
		t.Errorf("card after undo: %+v %v %v, want %+v", c, ok, err, c1)
	}
	if seen, _ := s.Seen(); seen["ml/attention"] != "v1" {
		t.Errorf("seen after undo: %q", seen["ml/attention"])
	}
	// Undone twice: refused, nothing changes.
	if err := s.Undo(r2, &c1, "v1"); err == nil || !strings.Contains(err.Error(), "not in the log") {
		t.Errorf("second undo: %v", err)
	}
	// The first review of a question: the question is new again.
	if err := s.Undo(r1, nil, ""); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Card("ml", "attention"); ok {
		t.Error("a question whose only review was undone still has a card")
	}
	if seen, _ := s.Seen(); seen["ml/attention"] != "" {
		t.Errorf("seen after undoing the only review: %q", seen["ml/attention"])
	}
	// Rated again: one review.
	if _, err := s.Record(first, c1); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.ReviewCount(); n != 2 {
		t.Errorf("%d reviews after undo and a new rating, want 2", n)
	}
	// A mismatched id is refused.
	bad := other
	bad.Question = "attention"
	if err := s.Undo(bad, nil, ""); err == nil || !strings.Contains(err.Error(), "the log has ml/dropout") {
		t.Errorf("undo with a mismatched id: %v", err)
	}
	ro, err := Open(s.Path(), Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Undo(other, nil, ""); !errors.Is(err, ErrReadOnly) {
		t.Errorf("undo on a read-only store: %v", err)
	}
}
