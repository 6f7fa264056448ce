package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/hotseat/hotseat/internal/srs"
)

// fill writes n reviews and their cards in one transaction, through the same key and
// encoding code as Record, so benchmarks start from a realistic file in milliseconds.
func fill(b *testing.B, s *Store, n int) {
	b.Helper()
	err := s.update(nil, func(tx *bbolt.Tx) error {
		reviews, cards := tx.Bucket(reviewsBucket), tx.Bucket(cardsBucket)
		for i := range n {
			r := sampleReview(fmt.Sprintf("question-%05d", i))
			r.Pack = fmt.Sprintf("pack-%02d", i%40)
			r.Time = t0.Add(time.Duration(i) * time.Minute)
			v, err := encodeReview(r)
			if err != nil {
				return err
			}
			if err := reviews.Put(s.nextReviewKey(reviews.Cursor(), uint64(r.Time.UnixNano())), v); err != nil {
				return err
			}
			// Even cards fall due a minute apart from t0, odd ones a week later.
			c := cardAt(r.Time.Add(time.Duration(i%2*10000)*time.Minute), 1+i%9)
			if err := cards.Put([]byte(Key(r.Pack, r.Question)), appendCard(nil, c)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// benchmarkRecord reports the median as well as Go's mean: with fsync on, a few slow
// syncs drag the mean far from what a candidate usually waits.
func benchmarkRecord(b *testing.B, noSync bool) {
	path := filepath.Join(b.TempDir(), "hotseat.db")
	s, err := Open(path, Options{NoSync: noSync})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	card := cardAt(t0, 3)
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		r := sampleReview(fmt.Sprintf("q%d", i%500))
		start := time.Now()
		if _, err := s.Record(r, card); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "median-ns/op")
}

// BenchmarkRecord is one graded answer made durable (fsync on), the wait between rating
// an answer and seeing the next question.
func BenchmarkRecord(b *testing.B) { benchmarkRecord(b, false) }

// BenchmarkRecordNoSync is Record without fsync: the cost of the transaction itself.
func BenchmarkRecordNoSync(b *testing.B) { benchmarkRecord(b, true) }

// BenchmarkLoadCardsSelectDue10k is what planning a session costs the store: load 10,000
// card states and pick the due ones. The target is under 10 ms.
func BenchmarkLoadCardsSelectDue10k(b *testing.B) {
	s, _ := openTest(b, Options{})
	fill(b, s, 10000)
	now := t0.Add(5000*time.Minute - time.Second) // even cards below 5000 are due: 2500
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		cards, err := s.Cards()
		if err != nil {
			b.Fatal(err)
		}
		due := make([]string, 0, len(cards))
		for k, c := range cards {
			if !c.Due.After(now) {
				due = append(due, k)
			}
		}
		if len(cards) != 10000 || len(due) != 2500 {
			b.Fatalf("%d cards, %d due", len(cards), len(due))
		}
	}
}

// BenchmarkDueCards10k is the same selection done by the store, sorted most overdue first.
func BenchmarkDueCards10k(b *testing.B) {
	s, _ := openTest(b, Options{})
	fill(b, s, 10000)
	now := t0.Add(5000*time.Minute - time.Second) // even cards below 5000 are due: 2500
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		due, err := s.DueCards(now)
		if err != nil {
			b.Fatal(err)
		}
		if len(due) != 2500 {
			b.Fatalf("%d due", len(due))
		}
	}
}

// BenchmarkReviews10k walks a 10,000-review log, as stats and Rebuild do.
func BenchmarkReviews10k(b *testing.B) {
	s, _ := openTest(b, Options{})
	fill(b, s, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		n := 0
		if err := s.Reviews(func(Review) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n != 10000 {
			b.Fatal(n)
		}
	}
}

// BenchmarkRebuild10k replays a 10,000-review log into card states.
func BenchmarkRebuild10k(b *testing.B) {
	s, _ := openTest(b, Options{})
	fill(b, s, 10000)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := s.Rebuild(func(key string, rs []Review) srs.Card { return replayCount(key, rs) }); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUndo20k takes back a rating just given, on a log of 20,000 reviews (fsync off:
// the transaction's own cost). Undo keeps the log's aggregates right; per op: one Record,
// untimed, then the timed Undo.
func BenchmarkUndo20k(b *testing.B) {
	s, _ := openTest(b, Options{NoSync: true})
	fill(b, s, 20000)
	if err := s.update(nil, rebuildAggregates); err != nil {
		b.Fatal(err)
	}
	at := t0.Add(30000 * time.Minute)
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		r := sampleReview("question-00007")
		r.Pack, r.Time = "pack-07", at
		rv, err := s.Record(r, cardAt(at, 2))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.Undo(rv, nil, ""); err != nil {
			b.Fatal(err)
		}
	}
}
