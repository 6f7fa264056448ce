package store

import (
	"testing"
)

// Rounds are saved under their id, replaced by a later save of the same id, listed oldest
// first, and kept when the file is reopened.
func TestRounds(t *testing.T) {
	s, path := openTest(t, Options{})
	if rs, err := s.Rounds(); err != nil || len(rs) != 0 {
		t.Fatalf("a new database has rounds: %v %v", rs, err)
	}
	if _, ok, err := s.GetRound("x"); ok || err != nil {
		t.Fatalf("GetRound on none: %v %v", ok, err)
	}
	for _, r := range []Round{{"20261206T090000", []byte(`{"a":1}`)}, {"20261205T090000", []byte(`{"b":1}`)}, {"20261206T090000", []byte(`{"a":2}`)}} {
		if err := s.PutRound(r.ID, r.JSON); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutRound("", nil); err == nil {
		t.Error("a round without an id was saved")
	}
	s.Close()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rs, err := s.Rounds()
	if err != nil || len(rs) != 2 || rs[0].ID != "20261205T090000" || string(rs[1].JSON) != `{"a":2}` {
		t.Errorf("rounds %+v %v", rs, err)
	}
	r, ok, err := s.GetRound("20261206T090000")
	if !ok || err != nil || string(r.JSON) != `{"a":2}` {
		t.Errorf("GetRound = %+v %v %v", r, ok, err)
	}
}
