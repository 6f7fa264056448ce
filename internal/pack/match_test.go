package pack_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
)

// TestParseMatch covers the grammar of "(match: ...)" in questions/README.md: ',' separates
// alternatives, ';' separates groups that must all match, '*' ends a prefix word, several
// words form a phrase, punctuation separates words.
func TestParseMatch(t *testing.T) {
	tests := []struct {
		spec string
		want [][]pack.Term
	}{
		{"variance", [][]pack.Term{{term(w("variance"))}}},
		{"variance; bias", [][]pack.Term{{term(w("variance"))}, {term(w("bias"))}}},
		{"bootstrap*, resampl*; independen*, parallel", [][]pack.Term{
			{term(pw("bootstrap")), term(pw("resampl"))},
			{term(pw("independen")), term(w("parallel"))},
		}},
		{"out of bag, OOB", [][]pack.Term{{term(w("out"), w("of"), w("bag")), term(w("oob"))}}},
		{"out-of-bag", [][]pack.Term{{term(w("out"), w("of"), w("bag"))}}},
		{"previous error*", [][]pack.Term{{term(w("previous"), pw("error"))}}},
		{"L2, 0.5", [][]pack.Term{{term(w("l2")), term(w("0"), w("5"))}}},
		{"  Regulari*  ,  ", [][]pack.Term{{term(pw("regulari"))}}},
		{"naïve Bayes, Größe", [][]pack.Term{{term(w("naïve"), w("bayes")), term(w("größe"))}}},
	}
	for _, tc := range tests {
		got, err := pack.ParseMatch(tc.spec)
		if err != nil {
			t.Errorf("ParseMatch(%q): %v", tc.spec, err)
			continue
		}
		if groups := noRaw(got.Groups); !reflect.DeepEqual(groups, tc.want) {
			t.Errorf("ParseMatch(%q) = %v, want %v", tc.spec, groups, tc.want)
		}
	}
}

// noRaw drops the terms' Raw text, so that tests compare the parsed words.
func noRaw(groups [][]pack.Term) [][]pack.Term {
	out := make([][]pack.Term, len(groups))
	for i, g := range groups {
		for _, t := range g {
			t.Raw = ""
			out[i] = append(out[i], t)
		}
	}
	return out
}

// TestParseMatchLabels covers the group labels: optional: never gates the point, wrong:
// lists misconceptions, not: marks terms whose idea is a negation.
func TestParseMatchLabels(t *testing.T) {
	m, err := pack.ParseMatch("more trees, n_estimators; optional: variance; wrong: can't overfit, never overfit*; not: scal*")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Groups) != 2 || len(m.Optional) != 1 || len(m.Wrong) != 2 {
		t.Fatalf("groups %d optional %d wrong %d, want 2, 1, 2", len(m.Groups), len(m.Optional), len(m.Wrong))
	}
	if m.Wrong[0].Raw != "can't overfit" || m.Groups[0][1].Raw != "n_estimators" {
		t.Errorf("raw terms %q %q: want them as written", m.Wrong[0].Raw, m.Groups[0][1].Raw)
	}
	if !m.Groups[1][0].Negated || m.Groups[0][0].Negated {
		t.Errorf("not: terms must be marked negated, the others not")
	}
	for _, spec := range []string{"optional: a", "wrong: a, b", "a; wrong:"} {
		if _, err := pack.ParseMatch(spec); err == nil {
			t.Errorf("ParseMatch(%q): want an error (no required group, or an empty label)", spec)
		}
	}
}

func TestParseMatchErrors(t *testing.T) {
	tests := []struct{ spec, message string }{
		{"", "empty group"},
		{"a;", "empty group"},
		{"a; , ;b", "empty group"},
		{"a*b", `bad term "a*b": * may only end a word`},
		{"*", `bad term "*"`},
		{"**a", `bad term "**a"`},
		{"a, --", `bad term "--": it has no word`},
	}
	for _, tc := range tests {
		_, err := pack.ParseMatch(tc.spec)
		if err == nil || !strings.Contains(err.Error(), tc.message) {
			t.Errorf("ParseMatch(%q) error = %v, want one containing %q", tc.spec, err, tc.message)
		}
	}
}

func TestTermString(t *testing.T) {
	for _, s := range []string{"variance", "previous error*", "out of bag", "l2"} {
		tm, err := pack.ParseTerm(s)
		if err != nil {
			t.Fatal(err)
		}
		if tm.String() != s {
			t.Errorf("ParseTerm(%q).String() = %q", s, tm.String())
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Out-of-bag error, L2!", []string{"out", "of", "bag", "error", "l2"}},
		{"p=0.5 (ReLU)", []string{"p", "0", "5", "relu"}},
		{"Größe · naïve 🎉 café", []string{"größe", "naïve", "café"}},
		{"", nil},
	}
	for _, tc := range tests {
		if got := pack.Tokens(tc.in); len(got) != len(tc.want) || len(got) > 0 && !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWordMatches(t *testing.T) {
	tests := []struct {
		word pack.Word
		tok  string
		want bool
	}{
		{w("tree"), "tree", true},
		{w("tree"), "trees", true},
		{w("box"), "boxes", true},
		{w("tree"), "street", false},
		{w("tree"), "treetop", false},
		{w("tree"), "treess", false},
		{w("tree"), "tre", false},
		{w("bias"), "biases", true},
		{pw("regulari"), "regularization", true},
		{pw("regulari"), "regularise", true},
		{pw("regulari"), "regulari", true},
		{pw("regulari"), "irregularity", false},
	}
	for _, tc := range tests {
		if got := tc.word.Matches(tc.tok); got != tc.want {
			t.Errorf("%v.Matches(%q) = %v, want %v", tc.word, tc.tok, got, tc.want)
		}
	}
}

func TestTermFind(t *testing.T) {
	tests := []struct {
		term, text string
		want       bool
	}{
		{"out of bag", "the out-of-bag estimate", true},
		{"out of bag", "out of the bag", false},
		{"out of bag", "bag of out", false},
		{"previous error*", "fits the previous errors", true},
		{"previous error*", "previous", false},
		{"0.5", "a threshold of 0.5", true},
		{"0.5", "a threshold of 5.0", false},
		{"l2", "L2 penalty", true},
		{"tree", "street", false},
	}
	for _, tc := range tests {
		tm, err := pack.ParseTerm(tc.term)
		if err != nil {
			t.Fatal(err)
		}
		if got := tm.Find(pack.Tokens(tc.text)); got != tc.want {
			t.Errorf("%q in %q = %v, want %v", tc.term, tc.text, got, tc.want)
		}
	}
}

// shown: holds predicates on the whole answer, checked for their form.
func TestParseShown(t *testing.T) {
	m, err := pack.ParseMatch("put down*; shown: no put-down, No Blame, words 40-220")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.Shown, "|"); got != "no put-down|no blame|words 40-220" {
		t.Errorf("shown = %q", got)
	}
	for _, spec := range []string{"a; shown: short", "a; shown: words 40", "a; shown:", "shown: no blame"} {
		if _, err := pack.ParseMatch(spec); err == nil {
			t.Errorf("ParseMatch(%q): want an error", spec)
		}
	}
}
