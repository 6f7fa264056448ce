package claims

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/pack/packtest"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// The audit from the aggregates is the audit from the log while no question has more than
// store.RecentLen reviews (then each question's recent reviews are all of them).
func TestAuditFromAggregatesEqualsAudit(t *testing.T) {
	lib := packtest.Embedded()
	st, err := store.Open(filepath.Join(t.TempDir(), "h.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 6, 30, 18, 0, 0, 0, time.UTC)
	n := 0
	for i, q := range lib.Questions() {
		for k := range 1 + i%store.RecentLen {
			at := now.AddDate(0, 0, -(i*7+k*3)%40).Add(-time.Duration(i%600) * time.Second)
			r := srs.Rating(1 + (i+k)%4)
			if _, err := st.Record(store.Review{Time: at, Pack: q.PackID, Question: q.ID, Rating: r, Coverage: float64((i+k)%5) / 4}, srs.Card{}); err != nil {
				t.Fatal(err)
			}
			n++
		}
	}
	var log []store.Review
	if err := st.Reviews(func(r store.Review) error { log = append(log, r); return nil }); err != nil {
		t.Fatal(err)
	}
	qs, err := st.QStats()
	if err != nil {
		t.Fatal(err)
	}
	rs := ResolveAll([]Claim{{Text: "I know gradient boosting inside out"}, {Text: "I have deployed models to production"}, {Text: "I love painting"}}, lib)
	recent, err := st.Recent(Claimed(rs, lib, qs))
	if err != nil {
		t.Fatal(err)
	}
	want, got := Audit(rs, lib, log, now), AuditFrom(rs, lib, qs, recent, now)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("from aggregates:\n%+v\nfrom the log:\n%+v", got, want)
	}
	if want[0].Reviews < 20 {
		t.Errorf("the history is too thin to compare: %d reviews of the first claim (%d in all)", want[0].Reviews, n)
	}
}
