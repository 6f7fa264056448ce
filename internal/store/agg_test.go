package store

import (
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/hotseat/hotseat/internal/srs"
)

type aggSnapshot struct {
	qs     map[string]QStat
	recent map[string][]Review
	hours  map[time.Time]Hour
}

func snapshot(t *testing.T, s *Store) aggSnapshot {
	t.Helper()
	qs, err := s.QStats()
	if err != nil {
		t.Fatal(err)
	}
	recent, err := s.Recent(slices.Collect(maps.Keys(qs)))
	if err != nil {
		t.Fatal(err)
	}

	hours := map[time.Time]Hour{}
	hs, err := s.Hours()
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hs {
		hours[h.Start] = h.Hour
	}
	return aggSnapshot{qs, recent, hours}
}

// The aggregates kept by Record and Undo are exactly what a recount from the log gives,
// through a random history with undos across many days.
func TestAggregatesFollowTheLog(t *testing.T) {
	s, _ := openTest(t, Options{})
	rng := rand.New(rand.NewPCG(1, 2))
	sched := srs.NewScheduler(srs.DefaultParams())
	cards := map[string]srs.Card{}
	var kept []Review
	at := t0
	for i := range 600 {
		q := []string{"a", "b", "c", "d", "e", "f", "g"}[rng.IntN(7)]
		at = at.Add(time.Duration(rng.IntN(40)) * time.Hour)
		r := srs.Rating(1 + rng.IntN(4))
		prev, had := cards[q]
		next := sched.Review(prev, r, at)
		cov := -1.0
		if i%3 > 0 {
			cov = rng.Float64()
		}
		answer := fmt.Sprintf("answer %d", i)
		if i%4 == 0 {
			answer = "" // given aloud: an earlier typed answer stays the one kept in full
		}
		rv, err := s.Record(Review{Time: at, Pack: "p", Question: q, Rating: r, Seconds: float64(rng.IntN(200)), Coverage: cov, Answer: answer}, next)
		if err != nil {
			t.Fatal(err)
		}
		cards[q] = next
		if rng.IntN(10) != 0 {
			kept = append(kept, rv)
		} else { // take it back
			var p *srs.Card
			if had {
				p = &prev
			}
			if err := s.Undo(rv, p, ""); err != nil {
				t.Fatal(err)
			}
			if had {
				cards[q] = prev
			} else {
				delete(cards, q)
			}
		}
	}
	// A few reviews taken out of the middle of the log, not their question's latest: those
	// are recounted from the log.
	for range 5 {
		j := rng.IntN(len(kept) - 20)
		if err := s.Undo(kept[j], nil, ""); err != nil {
			t.Fatal(err)
		}
		kept = slices.Delete(kept, j, j+1)
	}
	before := snapshot(t, s)
	n := 0
	for k, q := range before.qs {
		n += q.Reviews
		if r := before.recent[k]; len(r) == 0 || len(r) > RecentLen || !r[len(r)-1].Time.Equal(q.Last) {
			t.Errorf("recent reviews of a question: %d, last %v", len(r), q.Last)
		}
	}
	if total := logLen(t, s); n != total {
		t.Errorf("question aggregates count %d reviews, the log %d", n, total)
	}
	if count, _ := s.ReviewCount(); count != logLen(t, s) {
		t.Errorf("ReviewCount (from the hour aggregates) says %d reviews, the log holds %d", count, logLen(t, s))
	}
	if err := s.update(nil, rebuildAggregates); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, s); !sameAggregates(before, after) {
		t.Error("the aggregates kept by Record and Undo differ from a recount")
	}
}

// A database written by the last release (schema v1, no aggregates) is migrated on first
// open: its log intact, its aggregates counted from it, and a rebuild agrees.
func TestMigrationFromRelease(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hotseat.db")
	src, err := os.Open("testdata/release-acc8fb7.db")
	if err != nil {
		t.Fatal(err)
	}
	dst, _ := os.Create(path)
	if _, err := io.Copy(dst, src); err != nil {
		t.Fatal(err)
	}
	src.Close()
	dst.Close()
	if got := schemaOf(t, path); got != 1 {
		t.Fatalf("the fixture has schema %d, want the release's 1", got)
	}
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := schemaOf(t, path); got != uint64(len(migrations)) {
		t.Errorf("schema after open = %d", got)
	}
	if n, err := s.ReviewCount(); err != nil || n != 239 {
		t.Fatalf("the log holds %d reviews after the migration, want 239 (%v)", n, err)
	}
	migrated := snapshot(t, s)
	total := 0
	for _, q := range migrated.qs {
		total += q.Reviews
	}
	if len(migrated.qs) != 40 || total != 239 || len(migrated.hours) == 0 || len(migrated.recent) != 40 {
		t.Errorf("aggregates: %d questions, %d reviews, %d hours", len(migrated.qs), total, len(migrated.hours))
	}
	if err := s.update(nil, rebuildAggregates); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(migrated, snapshot(t, s)) {
		t.Error("the migrated aggregates differ from a rebuild")
	}
}

// logLen counts the reviews in the log itself, key by key.
func logLen(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	err := s.view(nil, func(tx *bbolt.Tx) error {
		if b := tx.Bucket(reviewsBucket); b != nil {
			return b.ForEach(func(_, _ []byte) error { n++; return nil })
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// sameAggregates compares two snapshots exactly, but for each question's coverage sum: an
// Undo subtracts the coverage that a recount never added, and floating point subtraction
// may differ from the sum in its last bits.
func sameAggregates(a, b aggSnapshot) bool {
	if len(a.qs) != len(b.qs) {
		return false
	}
	for k, q := range a.qs {
		p, ok := b.qs[k]
		if !ok || math.Abs(q.CovSum-p.CovSum) > 1e-9 {
			return false
		}
		q.CovSum = p.CovSum
		if q != p {
			return false
		}
	}
	return reflect.DeepEqual(a.recent, b.recent) && reflect.DeepEqual(a.hours, b.hours)
}
