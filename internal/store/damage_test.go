package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/srs"
)

// Every page of a seeded database is zeroed in turn. Either the read-write open refuses the
// file as damaged and leaves it byte for byte as it was, or it opens and every review, card
// and setting written before is intact, and a new write keeps them so (issue "Hostile input",
// finding 1: a damaged page used to open normally, and the next write overwrote the log).
func TestDamagedPagesRefusedOrIntact(t *testing.T) {
	seed, path := openTest(t, Options{})
	var want []Review
	for i := range 300 {
		r, err := seed.Record(sampleReview(fmt.Sprintf("q%03d", i)), cardAt(t0.Add(time.Duration(i)*time.Hour), 1))
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, r)
	}
	if err := seed.PutSetting("welcomed", true); err != nil {
		t.Fatal(err)
	}
	if err := seed.SaveSynonym("ml/q001", "point", "my words"); err != nil {
		t.Fatal(err)
	}
	if err := seed.Close(); err != nil {
		t.Fatal(err)
	}
	clean := readFile(t, path)
	const pageSize = 4096
	if len(clean)%pageSize != 0 {
		t.Fatalf("file of %d bytes is not whole %d-byte pages", len(clean), pageSize)
	}
	refused, intact := 0, 0
	for pg := 0; pg < len(clean)/pageSize; pg++ {
		damaged := bytes.Clone(clean)
		clear(damaged[pg*pageSize : (pg+1)*pageSize])
		p := filepath.Join(t.TempDir(), "hotseat.db")
		if err := os.WriteFile(p, damaged, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(p, Options{NoSync: true, Now: fixedNow(t0)})
		if err != nil {
			if !errors.Is(err, ErrNotHotseat) {
				t.Errorf("page %d: open failed with %v, want ErrNotHotseat", pg, err)
			}
			if !bytes.Equal(readFile(t, p), damaged) {
				t.Errorf("page %d: a refused file was modified", pg)
			}
			refused++
			continue
		}
		// It opened: then nothing may be lost, before or after a write.
		check := func(when string) {
			var got []Review
			if err := s.Reviews(func(r Review) error { got = append(got, r); return nil }); err != nil {
				t.Errorf("page %d %s: the log does not read: %v", pg, when, err)
				return
			}
			if len(got) < len(want) {
				t.Errorf("page %d %s: %d reviews, want %d", pg, when, len(got), len(want))
				return
			}
			for i := range want {
				if !reviewsEqual(got[i], want[i]) {
					t.Errorf("page %d %s: review %d differs", pg, when, i)
					return
				}
			}
		}
		check("after open")
		if _, err := s.Record(sampleReview("after"), srs.Card{}); err != nil {
			t.Errorf("page %d: a write to a database that opened failed: %v", pg, err)
		}
		check("after a write")
		_ = s.Close()
		intact++
	}
	t.Logf("%d pages: %d refused untouched, %d opened intact", len(clean)/pageSize, refused, intact)
	if refused == 0 {
		t.Error("no damaged page was refused: the structural check does not run")
	}
}

// BenchmarkOpenWithCheck opens, read-write, a database holding 12,580 reviews (the size
// of the FSRS test log, about a year of heavy daily use): the structural check runs at
// every read-write open, so its cost is start-up time.
func BenchmarkOpenWithCheck(b *testing.B) {
	path := filepath.Join(b.TempDir(), "hotseat.db")
	s, err := Open(path, Options{NoSync: true, Now: fixedNow(t0)})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 12580 {
		if _, err := s.Record(sampleReview(fmt.Sprintf("q%04d", i%400)), cardAt(t0.Add(time.Duration(i)*time.Minute), 1)); err != nil {
			b.Fatal(err)
		}
	}
	s.Close()
	st, _ := os.Stat(path)
	b.ReportMetric(float64(st.Size())/(1<<20), "MiB")
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(path, Options{NoSync: true, Now: fixedNow(t0)})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// Salvage copies a sound database whole, and of a damaged one what can be read, into a new
// file that opens and checks clean; the damaged file is not written.
func TestSalvage(t *testing.T) {
	s, path := openTest(t, Options{})
	for i := range 300 {
		if _, err := s.Record(sampleReview(fmt.Sprintf("q%03d", i)), cardAt(t0.Add(time.Duration(i)*time.Hour), 1)); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutSetting("welcomed", true); err != nil {
		t.Fatal(err)
	}
	want := allReviews(t, s)
	s.Close()
	clean := readFile(t, path)

	out := filepath.Join(t.TempDir(), "rebuilt.db")
	res, err := Salvage(path, out)
	if err != nil || len(res.Damaged) != 0 || res.Keys["reviews"] != 300 {
		t.Fatalf("sound file: %+v, %v", res, err)
	}
	r, err := Open(out, Options{NoSync: true, Now: fixedNow(t0)})
	if err != nil {
		t.Fatal(err)
	}
	got := allReviews(t, r)
	if len(got) != len(want) || !reviewsEqual(got[0], want[0]) || !reviewsEqual(got[len(got)-1], want[len(want)-1]) {
		t.Errorf("rebuilt log differs: %d reviews, want %d", len(got), len(want))
	}
	var welcomed bool
	if ok, _ := r.GetSetting("welcomed", &welcomed); !ok || !welcomed {
		t.Error("settings were not copied")
	}
	r.Close()

	// Every page whose damage makes Open refuse the file: salvage what is left.
	salvaged := 0
	for pg := 2; pg < len(clean)/4096; pg++ {
		damaged := bytes.Clone(clean)
		clear(damaged[pg*4096 : (pg+1)*4096])
		p := filepath.Join(t.TempDir(), "hotseat.db")
		if err := os.WriteFile(p, damaged, 0o600); err != nil {
			t.Fatal(err)
		}
		if s, err := Open(p, Options{NoSync: true}); err == nil {
			s.Close()
			continue
		}
		out := filepath.Join(t.TempDir(), "rebuilt.db")
		res, err := Salvage(p, out)
		if err != nil {
			continue // too little left to rebuild: said as an error, nothing written
		}
		if !bytes.Equal(readFile(t, p), damaged) {
			t.Fatalf("page %d: Salvage wrote to the damaged file", pg)
		}
		if problems, err := Check(out, 3); err != nil || len(problems) > 0 {
			t.Errorf("page %d: the rebuilt file does not check clean: %v %v", pg, err, problems)
		}
		r, err := Open(out, Options{NoSync: true})
		if err != nil {
			t.Fatalf("page %d: the rebuilt file does not open: %v (%+v)", pg, err, res)
		}
		n := len(allReviews(t, r))
		if n != res.Keys["reviews"] {
			t.Errorf("page %d: %d reviews read back, %d copied", pg, n, res.Keys["reviews"])
		}
		// The aggregates agree with the log that was saved, not the damaged one.
		qs, err := r.QStats()
		counted := 0
		for _, q := range qs {
			counted += q.Reviews
		}
		if err != nil || counted != n {
			t.Errorf("page %d: the aggregates count %d reviews, the rebuilt log %d (%v)", pg, counted, n, err)
		}
		r.Close()
		salvaged++
	}
	if salvaged == 0 {
		t.Error("no damaged file was salvaged")
	}
	t.Logf("%d damaged files salvaged", salvaged)
}

// A salvaged file holds aggregates counted in this version's layout, so it is marked with
// this version's schema whatever the source's: a v2 source salvaged and marked v2 would be
// accepted by release dc2b202, which cannot read v3 aggregates.
func TestSalvageMarksThisSchema(t *testing.T) {
	src := copyFixture(t, "release-dc2b202.db", 2)
	out := filepath.Join(t.TempDir(), "rebuilt.db")
	if res, err := Salvage(src, out); err != nil || res.Keys["reviews"] != 300 {
		t.Fatalf("salvage the v2 file: %+v, %v", res, err)
	}
	if got := schemaOf(t, out); got != uint64(len(migrations)) {
		t.Errorf("the salvaged file is marked schema v%d, want this version's v%d", got, len(migrations))
	}
	r, err := Open(out, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("open the salvaged file read-only (no migration may be pending): %v", err)
	}
	defer r.Close()
	if qs, err := r.QStats(); err != nil || len(qs) != 20 {
		t.Errorf("aggregates of the salvaged file: %d questions, %v", len(qs), err)
	}
}
