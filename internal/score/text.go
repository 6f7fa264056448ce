package score

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
)

// token is one word of an answer or a term, normalised the way matching compares words.
type token struct {
	norm       string // lowercase surface form: contractions split, British -ise as -ize, numbers canonical
	stem       string // Snowball English stem of norm; norm itself for numbers and code
	start, end int    // byte span in the text it came from
	sent       int    // sentence index: . ! ? ; : and line breaks end a sentence
	clause     int    // clause index: sentences, commas, brackets and "but" end a clause
	num        bool   // a number ("0.5", "32")
	code       bool   // part of a code identifier such as max_depth
	negation   bool   // a negation word: not, no, never, without ...
	negated    bool   // inside the scope of a negation word
	prefix     bool   // terms only: the word ended in '*'
	alpha      bool   // letters only: a word typo tolerance may apply to
	orig       string // a word the thesaurus rewrote: what the answer said, for prefix terms
}

// negationWords open a negation scope over the next few words of their clause.
var negationWords = map[string]bool{
	"not": true, "no": true, "never": true, "without": true, "nor": true, "neither": true,
	"none": true, "nothing": true, "nobody": true, "hardly": true, "barely": true,
}

// scopeBreakers end a clause, and so a negation's scope: "not X but Y" does not negate Y.
var scopeBreakers = map[string]bool{
	"but": true, "however": true, "whereas": true, "although": true, "though": true,
	"yet": true, "instead": true, "while": true, "unlike": true, "except": true,
	// A new clause: "doesn't increase bias and reduces variance" negates only the first.
	"and": true, "because": true, "since": true, "so": true, "which": true, "then": true,
	"therefore": true, "thus": true,
}

// notNegating are the words that make a negation word an idiom rather than a negation.
var notNegating = map[string]bool{"only": true, "just": true, "matter": true, "reason": true, "doubt": true, "wonder": true, "less": true}

// negationScope is how many words after a negation word it negates.
const negationScope = 4

// bareNegations are contractions typed without the apostrophe: the word they negate.
var bareNegations = map[string]string{
	"dont": "do", "doesnt": "does", "didnt": "did", "isnt": "is", "arent": "are", "wasnt": "was",
	"werent": "were", "hasnt": "has", "havent": "have", "hadnt": "had", "wouldnt": "would",
	"shouldnt": "should", "couldnt": "could", "mustnt": "must", "neednt": "need", "aint": "is",
}

// contracted maps the ending after an apostrophe to the word it stands for.
var contracted = map[string]string{"m": "am", "re": "are", "ve": "have", "ll": "will", "d": "would"}

// contractions maps the part before "n't" to the word it negates.
var contractions = map[string]string{"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}

// special runes that stand for words or numbers.
var runeWords = map[rune]string{
	'½': "0.5", '¼': "0.25", '¾': "0.75", '⅓': "0.3333", '⅔': "0.6667",
	'α': "alpha", 'β': "beta", 'γ': "gamma", 'δ': "delta", 'ε': "epsilon", 'η': "eta",
	'θ': "theta", 'λ': "lambda", 'μ': "mu", 'σ': "sigma", 'Σ': "sum", '∑': "sum",
	'%': "percent", '≈': "approximately",
}

// tokenize splits text into tokens. With terms set, a word may end in '*' (a prefix).
func tokenize(text string, terms bool) []token {
	var out []token
	sent, clause := 0, 0
	boundary := func(sentence bool) {
		if sentence {
			sent++
		}
		clause++
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if w, ok := runeWords[r]; ok {
			num := w[0] >= '0' && w[0] <= '9'
			out = append(out, token{norm: w, stem: stemOf(w, num), start: i, end: i + n, sent: sent, clause: clause, num: num, alpha: !num})
			i += n
			continue
		}
		switch {
		case isDigit(r) || r == '.' && i+1 < len(text) && isDigit(rune(text[i+1])) && !prevWord(text, i):
			j, norm := scanNumber(text, i)
			out = append(out, token{norm: norm, stem: norm, start: i, end: j, sent: sent, clause: clause, num: true})
			i = j
			continue
		case isLetter(r) || r == '_':
			j := scanWord(text, i, terms)
			out = appendWord(out, text[i:j], i, sent, clause)
			i = j
			continue
		}
		switch r {
		case '\n':
			// A line break inside a paragraph is wrapping, not a break in the sentence: only a
			// blank line or a list item after it starts a new one.
			if newBlock(text[i+1:]) {
				boundary(true)
			}
		case '.':
			// A dot inside a name (model.train(), torch.compile, sklearn.metrics) joins its
			// parts; one followed by a space or the end of the text ends the sentence.
			if !(i > 0 && i+1 < len(text) && isNameByte(text[i-1]) && (isLetter(rune(text[i+1])) || text[i+1] == '_')) {
				boundary(true)
			}
		case '!', '?', ';', ':', '•':
			boundary(true)
		case ',', '(', ')', '[', ']', '—', '–':
			boundary(false)
		case '-':
			// A dash between spaces is a clause break; a hyphen joins words.
			if i > 0 && text[i-1] == ' ' && i+1 < len(text) && text[i+1] == ' ' {
				boundary(false)
			}
		}
		i += n
	}
	markNegation(out)
	return out
}

// isNameByte reports whether b can end the part of a dotted name before its dot.
func isNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == ')'
}

// newBlock reports whether the text after a line break starts a new block: a blank line or
// a list item ("- ", "* ", "+ ", "• ", "1. ", "2) ").
func newBlock(rest string) bool {
	rest = strings.TrimLeft(rest, " \t\r")
	if rest == "" || rest[0] == '\n' {
		return true
	}
	switch rest[0] {
	case '-', '*', '+':
		return len(rest) > 1 && rest[1] == ' '
	}
	if strings.HasPrefix(rest, "•") {
		return true
	}
	j := 0
	for j < len(rest) && isDigit(rune(rest[j])) {
		j++
	}
	return j > 0 && j < len(rest) && (rest[j] == '.' || rest[j] == ')')
}

// prevWord reports whether text[i] directly follows a letter or digit.
func prevWord(text string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return isLetter(r) || isDigit(r)
}

func isDigit(r rune) bool  { return '0' <= r && r <= '9' }
func isLetter(r rune) bool { return unicode.IsLetter(r) }

// scanNumber reads a number starting at i: digits, a decimal part, and a fraction such as
// 1/2, which becomes its decimal value. It returns the end and the canonical form.
func scanNumber(text string, i int) (int, string) {
	j := i
	digits := func() {
		for j < len(text) && (isDigit(rune(text[j])) || text[j] == ',' && j+3 < len(text) && allDigits(text[j+1:j+4]) && (j+4 == len(text) || !isDigit(rune(text[j+4])))) {
			j++
		}
	}
	digits()
	if j+1 < len(text) && text[j] == '.' && isDigit(rune(text[j+1])) {
		j++
		digits()
	}
	raw := strings.ReplaceAll(text[i:j], ",", "")
	// A number followed by letters is a word such as 3d or 1e-3's mantissa: keep it whole.
	if j < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[j:]); isLetter(r) {
			k := j
			for k < len(text) {
				r, n := utf8.DecodeRuneInString(text[k:])
				if !isLetter(r) && !isDigit(r) {
					break
				}
				k += n
			}
			return k, strings.ToLower(text[i:k])
		}
	}
	if j+1 < len(text) && text[j] == '/' && isDigit(rune(text[j+1])) {
		k := j + 1
		for k < len(text) && isDigit(rune(text[k])) {
			k++
		}
		num, err1 := strconv.ParseFloat(raw, 64)
		den, err2 := strconv.ParseFloat(text[j+1:k], 64)
		if err1 == nil && err2 == nil && den != 0 && k-j <= 4 {
			return k, canonNumber(num / den)
		}
	}
	if f, err := strconv.ParseFloat(raw, 64); err == nil {
		return j, canonNumber(f)
	}
	return j, raw
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(rune(s[i])) {
			return false
		}
	}
	return true
}

// canonNumber writes f with at most four decimals and no trailing zeros: 0.50 and 1/2
// are both "0.5".
func canonNumber(f float64) string {
	s := strconv.FormatFloat(f, 'f', 4, 64)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// scanWord reads a word starting at i: letters, digits, underscores and apostrophes
// between letters; with terms, a trailing '*'.
func scanWord(text string, i int, terms bool) int {
	j := i
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		switch {
		case isLetter(r) || isDigit(r) || r == '_':
			j += n
			continue
		case (r == '\'' || r == '’') && j+n < len(text):
			if next, _ := utf8.DecodeRuneInString(text[j+n:]); isLetter(next) {
				j += n
				continue
			}
		case r == '*' && terms:
			return j + n
		}
		break
	}
	return j
}

// appendWord appends the tokens of one scanned word: contractions split ("doesn't" is
// "does not"), identifiers split at underscores and marked as code, a one-letter subscript
// dropped ("G_j" is "g").
func appendWord(out []token, w string, start, sent, clause int) []token {
	end := start + len(w)
	prefix := strings.HasSuffix(w, "*")
	w = strings.ToLower(strings.TrimSuffix(w, "*"))
	w = strings.ReplaceAll(strings.ReplaceAll(w, "’", "'"), "ʼ", "'")
	add := func(norm string, code bool) {
		if norm == "" {
			return
		}
		num := allDigits(norm)
		if !code && !num {
			norm = british(norm)
		}
		t := token{norm: norm, stem: stemOf(norm, num || code), start: start, end: end, sent: sent, clause: clause, num: num, code: code, alpha: isAlpha(norm)}
		t.negation = negationWords[norm]
		out = append(out, t)
	}
	if base, ok := strings.CutSuffix(w, "n't"); ok {
		if c, ok := contractions[base]; ok {
			base = c
		}
		add(base, false)
		add("not", false)
		out[len(out)-1].negation = true
		return out
	}
	if w == "cannot" {
		add("can", false)
		add("not", false)
		return out
	}
	if base, ok := bareNegations[w]; ok {
		add(base, false)
		add("not", false)
		return out
	}
	if k := strings.IndexByte(w, '\''); k >= 0 {
		// I'm, we're, they've, we'll, I'd: the verb is a word of its own; 's (it's, the
		// model's) is a possessive as often as "is", so only the part before it is kept.
		base, verb := w[:k], contracted[w[k+1:]]
		if verb != "" && base != "" {
			add(base, false)
			add(verb, false)
			return out
		}
		w = base
	}
	if strings.Contains(w, "_") {
		parts := strings.Split(w, "_")
		if len(parts) == 2 && utf8.RuneCountInString(parts[0]) == 1 && len(parts[1]) <= 2 {
			add(parts[0], false) // a subscript: G_j, y_i, F_m
			return out
		}
		for _, p := range parts {
			add(p, true)
		}
	} else {
		add(w, false)
	}
	if prefix && len(out) > 0 {
		out[len(out)-1].prefix = true
		out[len(out)-1].stem = out[len(out)-1].norm
	}
	return out
}

// british spells -ise, -isation and -our endings the American way, so that both spellings
// compare equal.
func british(w string) string {
	if len(w) < 6 {
		return w
	}
	// -isation is -ization before stemming, which strips "ization" but not "isation"; the
	// other -ise/-ize forms meet after stemming (stemOf), where "precise" and "precisely"
	// still share a stem.
	for _, suf := range []string{"isation", "isations"} {
		if base, ok := strings.CutSuffix(w, suf); ok && len(base) >= 3 {
			return base + "iz" + suf[2:]
		}
	}
	for _, suf := range []string{"iour", "iours", "vour", "vours", "lour", "lours"} {
		if base, ok := strings.CutSuffix(w, suf); ok {
			return base + strings.Replace(suf, "our", "or", 1)
		}
	}
	return w
}

// stemOf returns the Snowball English stem of a word; numbers and code stay as they are.
func stemOf(w string, keep bool) string {
	if keep || len(w) <= 3 {
		return w
	}
	stems.Lock()
	s, ok := stems.m[w]
	stems.Unlock()
	if ok {
		return s
	}
	s = english.Stem(w, true)
	// British and American -ise/-ize and -yse/-yze stems meet here: minimis/minimiz.
	if b, ok := strings.CutSuffix(s, "iz"); ok && len(b) >= 3 {
		s = b + "is"
	} else if b, ok := strings.CutSuffix(s, "yz"); ok && len(b) >= 3 {
		s = b + "ys"
	}
	stems.Lock()
	if len(stems.m) >= maxStems {
		clear(stems.m) // answers are free text: keep the cache bounded
	}
	stems.m[w] = s
	stems.Unlock()
	return s
}

// stems caches Snowball stems: an answer's words are mostly the bank's vocabulary, and
// stemming is the largest part of grading.
var stems = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

const maxStems = 1 << 16

// markNegation sets negated on the words a negation word governs: up to negationScope
// words after it in the same clause, stopping at a scope breaker. "not only" and "not just"
// do not negate.
func markNegation(toks []token) {
	for i := range toks {
		t := &toks[i]
		switch {
		case t.negation:
		case t.norm == "than" && i > 0 && toks[i-1].norm == "rather":
		case t.norm == "of" && i > 0 && toks[i-1].norm == "instead":
		default:
			continue
		}
		if i+1 < len(toks) && notNegating[toks[i+1].norm] {
			continue // "not only", "no matter", "for no reason", "no doubt"
		}
		for j := i + 1; j < len(toks) && j <= i+negationScope; j++ {
			if toks[j].clause != t.clause || scopeBreakers[toks[j].norm] {
				break
			}
			toks[j].negated = true
		}
	}
}
