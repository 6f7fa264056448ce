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
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("ParseMatch(%q) = %v, want %v", tc.spec, got, tc.want)
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
