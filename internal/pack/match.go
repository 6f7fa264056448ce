package pack

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match is what "(match: ...)" holds: the required groups, optional groups and
// misconception terms of a key point.
type Match struct {
	Groups   [][]Term // every group must match; the first is the point's main idea
	Optional [][]Term // qualifiers and examples: shown as evidence, never required
	Wrong    []Term   // misconceptions: any of them cancels the point's credit
	Shown    []string // predicates on the whole answer that earn the point together ("no put-down", "words 40-250")
}

// ParseMatch parses the inside of "(match: ...)": groups separated by ';', each a list of
// alternative terms separated by ','. Every group must match for the key point to count.
// A group may start with a label: "optional:" (never required), "wrong:" (misconceptions
// that cancel the point) or "not:" (terms whose idea is itself a negation: they count only
// when the answer negates them, as in "no need to scale").
func ParseMatch(spec string) (Match, error) {
	var m Match
	// One backing array for every word of every term: a key point's terms are parsed with
	// a few allocations rather than one per term (the bank has over ten thousand terms).
	arena := make([]Word, 0, len(spec)/6+1)
	for rest, more := spec, true; more; {
		var g string
		g, rest, more = strings.Cut(rest, ";")
		label, body := groupLabel(g)
		if label == "shown" {
			preds, err := parseShown(body)
			if err != nil {
				return Match{}, err
			}
			m.Shown = append(m.Shown, preds...)
			continue
		}
		alts := make([]Term, 0, strings.Count(body, ",")+1)
		for next := true; next; {
			var a string
			a, body, next = strings.Cut(body, ",")
			if strings.TrimSpace(a) == "" {
				continue
			}
			t, err := parseTerm(a, &arena)
			if err != nil {
				return Match{}, err
			}
			t.Negated = label == "not"
			alts = append(alts, t)
		}
		if len(alts) == 0 {
			if label != "" {
				return Match{}, fmt.Errorf("empty %s: group: list at least one term after the label %q", label, label+":")
			}
			return Match{}, errors.New("empty group: every part between ; needs at least one term")
		}
		switch label {
		case "optional":
			m.Optional = append(m.Optional, alts)
		case "wrong":
			m.Wrong = append(m.Wrong, alts...)
		default:
			m.Groups = append(m.Groups, alts)
		}
	}
	if len(m.Groups) == 0 {
		return Match{}, errors.New("no required group: optional: and wrong: groups need at least one plain group beside them")
	}
	return m, nil
}

// groupLabel splits a group's leading "optional:", "wrong:" or "not:" label from its terms.
func groupLabel(g string) (label, body string) {
	t := strings.TrimSpace(g)
	for _, l := range []string{"optional", "wrong", "not", "shown"} {
		if rest, ok := strings.CutPrefix(t, l+":"); ok {
			return l, rest
		}
	}
	return "", g
}

// shownRe is one predicate of a shown: group: "no RULE" (a pitch rule that must not fire on
// the answer) or "words MIN-MAX" (the answer's length).
var shownRe = regexp.MustCompile(`^(no [a-z][a-z0-9-]*|words [0-9]+-[0-9]+)$`)

// parseShown reads the predicates of a shown: group, separated by ','.
func parseShown(body string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(body, ",") {
		p = strings.Join(strings.Fields(strings.ToLower(p)), " ")
		if p == "" {
			continue
		}
		if !shownRe.MatchString(p) {
			return nil, fmt.Errorf("bad shown: predicate %q: write no RULE (a pitch rule id such as no put-down) or words MIN-MAX", p)
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return nil, errors.New("empty shown: group: list predicates such as no put-down, words 40-250")
	}
	return out, nil
}

// ParseWrong parses the inside of "(wrong: ...)", a question's misconception: a list of
// alternative terms separated by ','.
func ParseWrong(spec string) ([]Term, error) {
	var out []Term
	for _, a := range strings.Split(spec, ",") {
		if strings.TrimSpace(a) == "" {
			continue
		}
		if strings.Contains(a, ";") {
			return nil, errors.New("a misconception lists alternatives separated by ',' only")
		}
		t, err := ParseTerm(a)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if len(out) == 0 {
		return nil, errors.New("empty (wrong: ...): list the terms that state the misconception")
	}
	return out, nil
}

// ParseTerm parses one term: words separated by spaces or punctuation, each optionally
// ending in '*' to match as a prefix.
func ParseTerm(s string) (Term, error) {
	var buf [8]Word // most terms are a word or a short phrase: one allocation, below
	arena := buf[:0]
	t, err := parseTerm(s, &arena)
	if err == nil {
		t.Words = append([]Word(nil), t.Words...)
	}
	return t, err
}

// parseTerm parses one term, appending its words to *arena; the term's Words are a
// full slice expression of it, so a later append cannot write into them.
func parseTerm(s string, arena *[]Word) (Term, error) {
	start := len(*arena)
	words := *arena
	// One pass over the bytes: fields of word runes and '*', like strings.FieldsFunc.
	field := -1
	flush := func(end int) error {
		f := s[field:end]
		field = -1
		prefix := strings.HasSuffix(f, "*")
		w := strings.ToLower(strings.TrimSuffix(f, "*"))
		if w == "" || strings.IndexByte(w, '*') >= 0 {
			return fmt.Errorf("bad term %q: * may only end a word, as in regulari*", strings.TrimSpace(s))
		}
		words = append(words, Word{Text: w, Prefix: prefix})
		return nil
	}
	for i := 0; i < len(s); {
		n, ok := termRune(s, i)
		switch {
		case ok && field < 0:
			field = i
		case !ok && field >= 0:
			if err := flush(i); err != nil {
				return Term{}, err
			}
		}
		i += n
	}
	if field >= 0 {
		if err := flush(len(s)); err != nil {
			return Term{}, err
		}
	}
	*arena = words
	if len(words) == start {
		return Term{}, fmt.Errorf("bad term %q: it has no word", strings.TrimSpace(s))
	}
	return Term{Words: words[start:len(words):len(words)], Raw: strings.TrimSpace(s)}, nil
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
