package pack

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ParseMatch parses the inside of "(match: ...)": groups separated by ';', each a list of
// alternative terms separated by ','. Every group must match for the key point to count.
func ParseMatch(spec string) ([][]Term, error) {
	var groups [][]Term
	for _, g := range strings.Split(spec, ";") {
		var alts []Term
		for _, a := range strings.Split(g, ",") {
			if strings.TrimSpace(a) == "" {
				continue
			}
			t, err := ParseTerm(a)
			if err != nil {
				return nil, err
			}
			alts = append(alts, t)
		}
		if len(alts) == 0 {
			return nil, errors.New("empty group: every part between ; needs at least one term")
		}
		groups = append(groups, alts)
	}
	return groups, nil
}

// ParseTerm parses one term: words separated by spaces or punctuation, each optionally
// ending in '*' to match as a prefix.
func ParseTerm(s string) (Term, error) {
	var t Term
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !isWordRune(r) && r != '*' }) {
		prefix := strings.HasSuffix(f, "*")
		w := strings.ToLower(strings.TrimSuffix(f, "*"))
		if w == "" || strings.Contains(w, "*") {
			return Term{}, fmt.Errorf("bad term %q: * may only end a word, as in regulari*", strings.TrimSpace(s))
		}
		t.Words = append(t.Words, Word{Text: w, Prefix: prefix})
	}
	if len(t.Words) == 0 {
		return Term{}, fmt.Errorf("bad term %q: it has no word", strings.TrimSpace(s))
	}
	return t, nil
}

// Tokens splits text into lowercase words the way terms are matched: letters and digits
// form words, everything else separates them.
func Tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) })
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// Matches reports whether a token matches the word: equal, equal after a plural s or es,
// or starting with it when the word is a prefix.
func (w Word) Matches(tok string) bool {
	if w.Prefix {
		return strings.HasPrefix(tok, w.Text)
	}
	if tok == w.Text {
		return true
	}
	rest, ok := strings.CutPrefix(tok, w.Text)
	return ok && (rest == "s" || rest == "es")
}

// Find reports whether the term occurs in tokens as consecutive words.
func (t Term) Find(tokens []string) bool {
	n := len(t.Words)
	for i := 0; i+n <= len(tokens); i++ {
		ok := true
		for j, w := range t.Words {
			if !w.Matches(tokens[i+j]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}
