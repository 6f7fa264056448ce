package pack

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseMatch parses the inside of "(match: ...)": groups separated by ';', each a list of
// alternative terms separated by ','. Every group must match for the key point to count.
func ParseMatch(spec string) ([][]Term, error) {
	groups := make([][]Term, 0, strings.Count(spec, ";")+1)
	for rest, more := spec, true; more; {
		var g string
		g, rest, more = strings.Cut(rest, ";")
		alts := make([]Term, 0, strings.Count(g, ",")+1)
		for next := true; next; {
			var a string
			a, g, next = strings.Cut(g, ",")
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
	var buf [8]Word // most terms are a word or a short phrase: one allocation, below
	words := buf[:0]
	for i := 0; i < len(s); {
		// Fields of word runes and '*', like strings.FieldsFunc without its two passes.
		if n, ok := termRune(s, i); !ok {
			i += n
			continue
		}
		j := i
		for j < len(s) {
			n, ok := termRune(s, j)
			if !ok {
				break
			}
			j += n
		}
		f := s[i:j]
		i = j
		prefix := strings.HasSuffix(f, "*")
		w := strings.ToLower(strings.TrimSuffix(f, "*"))
		if w == "" || strings.IndexByte(w, '*') >= 0 {
			return Term{}, fmt.Errorf("bad term %q: * may only end a word, as in regulari*", strings.TrimSpace(s))
		}
		words = append(words, Word{Text: w, Prefix: prefix})
	}
	if len(words) == 0 {
		return Term{}, fmt.Errorf("bad term %q: it has no word", strings.TrimSpace(s))
	}
	return Term{Words: append([]Word(nil), words...)}, nil
}

// termRune returns the length of the rune at s[i] and whether it belongs to a term's word:
// a letter, a digit or '*'.
func termRune(s string, i int) (int, bool) {
	if c := s[i]; c < utf8.RuneSelf {
		return 1, c == '*' || isWordRune(rune(c))
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return n, isWordRune(r)
}

// Tokens splits text into lowercase words the way terms are matched: letters and digits
// form words, everything else separates them.
func Tokens(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isWordRune(r) })
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

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
