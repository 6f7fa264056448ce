package drill

import (
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
)

func TestParseSteps(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"", "none", ""},
		{"none", "none", ""},
		{" NONE ", "none", ""},
		{"10m", "10m", ""},
		{"1m, 10m", "1m, 10m", ""},
		{"1m 1h", "1m, 1h", ""},
		{"90m", "1h30m", ""},
		{"23h59m", "23h59m", ""},
		{"24h", "", "a day or more"},
		{"30s", "", "whole minutes"},
		{"1m30s", "", "whole minutes"},
		{"0m", "", "whole minutes"},
		{"-5m", "", "whole minutes"},
		{"ten", "", `"ten" is not a duration`},
		{"1m,1m,1m,1m,1m,1m,1m,1m,1m,1m,1m", "", "at most 10"},
	} {
		got, err := ParseSteps(tc.in)
		switch {
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("ParseSteps(%q) = %v, %v; want an error saying %q", tc.in, got, err, tc.err)
		case tc.err == "" && (err != nil || got.String() != tc.want):
			t.Errorf("ParseSteps(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
		if err == nil {
			back, err := ParseSteps(got.String())
			if err != nil || back.String() != got.String() {
				t.Errorf("%q does not parse back: %v %v", got, back, err)
			}
		}
	}
}

// The default schedulers: an open question never comes back the same day; a choice
// question rated Again or Hard waits its one step, and Good leaves it for days. Claimed
// questions keep their kind's steps at the higher retention. The FSRS memory states are
// the same whichever scheduler rates.
func TestDefaultSchedulers(t *testing.T) {
	c := DefaultSchedConfig()
	c.ClaimRetention = 0.97
	s := NewSchedulers(c)
	open := &pack.Question{Kind: pack.KindOpen}
	choice := &pack.Question{Kind: pack.KindChoice}
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	endOfDay := time.Date(2026, 12, 8, 0, 0, 0, 0, time.UTC)

	for _, claimed := range []bool{false, true} {
		o := s.For(open, claimed).Preview(srs.Card{}, now)
		for g, c := range o {
			if c.Due.Before(endOfDay) {
				t.Errorf("claimed=%v: a new open question rated %s comes back %v, the same day", claimed, srs.Rating(g+1), c.Due)
			}
		}
		ch := s.For(choice, claimed).Preview(srs.Card{}, now)
		if d := ch[srs.Again-1].Due.Sub(now); d != 10*time.Minute {
			t.Errorf("claimed=%v: a choice question rated Again waits %v, want its 10m step", claimed, d)
		}
		if ch[srs.Good-1].Due.Before(endOfDay) {
			t.Errorf("claimed=%v: a choice question rated Good comes back %v, the same day", claimed, ch[srs.Good-1].Due)
		}
		if o[srs.Good-1].Stability != ch[srs.Good-1].Stability {
			t.Errorf("the memory model differs between kinds: S %v and %v", o[srs.Good-1].Stability, ch[srs.Good-1].Stability)
		}
	}
	if s.For(open, true) == s.For(open, false) || s.For(choice, true) == s.For(open, true) || s.For(nil, false) != s.Open {
		t.Error("For does not pick by kind and claim")
	}
	// A higher retention gives a shorter interval to a reviewed card.
	card := s.Open.Review(srs.Card{}, srs.Good, now)
	later := now.Add(3 * 24 * time.Hour)
	if a, b := s.For(open, false).Preview(card, later)[srs.Good-1].Due, s.For(open, true).Preview(card, later)[srs.Good-1].Due; !b.Before(a) {
		t.Errorf("a claimed question (retention 0.97) is due %v, not before an ordinary one's %v", b, a)
	}
}
