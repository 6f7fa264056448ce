package store

import (
	"fmt"
	"maps"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/hotseat/hotseat/internal/srs"
)

func TestSeenFollowsTheLatestReview(t *testing.T) {
	s, path := openTest(t, Options{})
	if seen, err := s.Seen(); err != nil || len(seen) != 0 {
		t.Fatalf("Seen on a new store = %v, %v", seen, err)
	}
	record := func(q, fp string, at time.Duration) Review {
		t.Helper()
		r := sampleReview(q)
		r.Time, r.Fingerprint = t0.Add(at), fp
		got, err := s.Record(r, cardAt(t0.Add(at+time.Hour), 1))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	first := record("a", "1111111111111111", 0)
	record("b", "2222222222222222", time.Minute)
	record("a", "3333333333333333", 2*time.Minute) // a changed and was asked again
	record("c", "", 3*time.Minute)                 // fingerprint unknown: not listed
	record("b", "", 4*time.Minute)                 // unknown now: the old one is forgotten

	want := map[string]string{"ml/a": "3333333333333333"}
	seen, err := s.Seen()
	if err != nil || !maps.Equal(seen, want) {
		t.Fatalf("Seen = %v, %v; want %v", seen, err, want)
	}
	// SeenOf, what the trainer reads for the questions of a set, agrees key by key.
	if got, err := s.SeenOf([]string{"ml/a", "ml/b", "ml/c", "ml/never"}); err != nil || !maps.Equal(got, want) {
		t.Errorf("SeenOf = %v, %v; want %v", got, err, want)
	}

	// The fingerprint is part of the logged review, so it survives a reopen and a rebuild.
	rs := allReviews(t, s)
	if rs[0].ID != first.ID || rs[0].Fingerprint != "1111111111111111" {
		t.Errorf("first review read back as %+v", rs[0])
	}
	s.Close()
	s, err = Open(path, Options{NoSync: true, Now: fixedNow(t0)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Rebuild(func(string, []Review) srs.Card { return srs.Card{} }); err != nil {
		t.Fatal(err)
	}
	if seen, err := s.Seen(); err != nil || !maps.Equal(seen, want) {
		t.Fatalf("Seen after reopen and rebuild = %v, %v; want %v", seen, err, want)
	}
}

func TestSeenReadOnlyOldFile(t *testing.T) {
	// A file written before fingerprints existed has no seen bucket: read-only stores
	// report nothing rather than failing.
	s, path := openTest(t, Options{})
	r := sampleReview("a")
	if _, err := s.Record(r, srs.Card{}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if seen, err := ro.Seen(); err != nil || len(seen) != 0 {
		t.Fatalf("Seen = %v, %v", seen, err)
	}
	if got, err := ro.SeenOf([]string{"ml/a"}); err != nil || len(got) != 0 {
		t.Errorf("SeenOf on a file without the bucket = %v, %v", got, err)
	}
}

// BenchmarkSeen10k reads the fingerprints of 10,000 reviewed questions, which the trainer
// does once per session beside Cards.
func BenchmarkSeen10k(b *testing.B) {
	s, _ := openTest(b, Options{})
	err := s.update(nil, func(tx *bbolt.Tx) error {
		for i := range 10000 {
			if err := putSeen(tx, Key(fmt.Sprintf("pack-%02d", i%40), fmt.Sprintf("question-%05d", i)), "0123456789abcdef"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		seen, err := s.Seen()
		if err != nil || len(seen) != 10000 {
			b.Fatalf("%d, %v", len(seen), err)
		}
	}
}

// BenchmarkRecordWithFingerprint is BenchmarkRecordNoSync with the fingerprint the
// recorder now sets, so the seen bucket is written in the same transaction.
func BenchmarkRecordWithFingerprint(b *testing.B) {
	s, _ := openTest(b, Options{NoSync: true})
	r := sampleReview("q")
	r.Fingerprint = "0123456789abcdef"
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		r.Question = fmt.Sprintf("q-%d", i%1000)
		r.Time = t0.Add(time.Duration(i) * time.Second)
		i++
		if _, err := s.Record(r, srs.Card{}); err != nil {
			b.Fatal(err)
		}
	}
}
