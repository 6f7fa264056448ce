package pack_test

import (
	"reflect"
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/questions"
)

// Every key point and misconception of the embedded bank written back parses to the same
// match.
func TestSpecParsesBack(t *testing.T) {
	packs, diags := pack.LoadFS(questions.FS, "questions")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	n := 0
	for _, pk := range packs {
		for _, q := range pk.Questions {
			if got := pack.FormatTime(q.Time); got == "" {
				t.Errorf("%s: time %v written as nothing", q.Key(), q.Time)
			}
			for _, kp := range q.Body().KeyPoints {
				m, err := pack.ParseMatch(kp.Spec())
				if err != nil {
					t.Fatalf("%s: %q: %v", q.Key(), kp.Spec(), err)
				}
				want := pack.Match{Groups: kp.Groups, Optional: kp.Optional, Wrong: kp.Wrong, Shown: kp.Shown}
				if !reflect.DeepEqual(stripMatchRaw(m), stripMatchRaw(want)) {
					t.Errorf("%s: %q parses to\n%+v, want\n%+v", q.Key(), kp.Spec(), m, want)
				}
				n++
			}
			for _, mc := range q.Body().Misconceptions {
				ts, err := pack.ParseWrong(mc.Source()[len(mc.Text)+len(" (wrong: ") : len(mc.Source())-1])
				if err != nil || !reflect.DeepEqual(stripTerms(ts), stripTerms(mc.Terms)) {
					t.Errorf("%s: misconception %q: %v", q.Key(), mc.Source(), err)
				}
			}
		}
	}
	if n < 500 {
		t.Errorf("only %d key points checked", n)
	}
}

func stripTerms(ts []pack.Term) []pack.Term {
	out := make([]pack.Term, len(ts))
	for i, t := range ts {
		t.Raw = ""
		out[i] = t
	}
	return out
}

func stripMatchRaw(m pack.Match) pack.Match {
	var out pack.Match
	for _, g := range m.Groups {
		out.Groups = append(out.Groups, stripTerms(g))
	}
	for _, g := range m.Optional {
		out.Optional = append(out.Optional, stripTerms(g))
	}
	out.Wrong = stripTerms(m.Wrong)
	if len(m.Wrong) == 0 {
		out.Wrong = nil
	}
	out.Shown = m.Shown
	return out
}
