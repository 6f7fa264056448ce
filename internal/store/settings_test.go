package store

import (
	"testing"
)

func TestSettingsRoundTrip(t *testing.T) {
	s, path := openTest(t, Options{})
	limit := 20 // the caller's default survives a missing setting
	if ok, err := s.GetSetting("new-per-day", &limit); ok || err != nil || limit != 20 {
		t.Fatalf("missing setting: %v, %v, limit %d", ok, err, limit)
	}
	type profile struct {
		Role   string   `json:"role"`
		Topics []string `json:"topics"`
	}
	want := profile{Role: "ML engineer", Topics: []string{"transformers", "evaluation"}}
	if err := s.PutSetting("new-per-day", 35); err != nil {
		t.Fatal(err)
	}
	if err := s.PutSetting("profile", want); err != nil {
		t.Fatal(err)
	}
	if err := s.PutSetting("", 1); err == nil {
		t.Error("empty key accepted")
	}
	if err := s.PutSetting("bad", func() {}); err == nil {
		t.Error("unencodable value accepted")
	}
	s.Close()

	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if ok, err := s.GetSetting("new-per-day", &limit); !ok || err != nil || limit != 35 {
		t.Errorf("new-per-day: %v, %v, %d", ok, err, limit)
	}
	var got profile
	if ok, err := s.GetSetting("profile", &got); !ok || err != nil || got.Role != want.Role || len(got.Topics) != 2 {
		t.Errorf("profile: %v, %v, %+v", ok, err, got)
	}
	var wrong string
	if _, err := s.GetSetting("new-per-day", &wrong); err == nil {
		t.Error("decoding a number into a string succeeded")
	}
}
