package store

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Saved phrases survive closing the file, are not saved twice, and are keyed by the key
// point's text.
func TestSynonymsRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "h.db")
	s, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"takes the  wobble out", "Takes the wobble out", "smooths it"} {
		if err := s.SaveSynonym("ensembles/bagging", "Bagging reduces variance", p); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveSynonym("ensembles/bagging", "Bagging reduces variance", strings.Repeat("x", MaxSynonym+1)); err == nil {
		t.Error("a phrase over the limit was saved")
	}
	if err := s.SaveSynonym("ensembles/bagging", "Bagging reduces variance", "  "); err == nil {
		t.Error("an empty phrase was saved")
	}
	s.Close()
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.SynonymsFor("ensembles/bagging")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"Bagging reduces variance": {"takes the wobble out", "smooths it"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SynonymsFor = %v, want %v", got, want)
	}
	if other, _ := s.SynonymsFor("ensembles/other"); len(other) != 0 {
		t.Errorf("another question has %v", other)
	}
}
