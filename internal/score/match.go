package score

import (
	"strings"

	"github.com/hotseat/hotseat/internal/pack"
)

// Span is a byte range of the answer that matched a term.
type Span struct{ Start, End int }

// term is a pack term compiled for matching: its tokens, with phrase filler words
// ("the", "of") optional.
type term struct {
	raw      string
	words    []token // content words; all must match
	negative bool    // the term itself says not/no/never: it carries its own negation
	negated  bool    // a not: term: counts only where the answer negates it
	ordered  bool    // a misconception: its words in the order written, so the reverse claim is not it
}

// compilePhrase compiles a phrase the candidate saved: every word counts, fillers too, so
// the words of their own sentence match it however many "the" and "of" it holds.
func compilePhrase(phrase string, rw *rewriter) term {
	c := compile(pack.Term{Raw: phrase}, rw)
	toks := rw.apply(tokenize(phrase, false))
	if len(toks) > 0 {
		c.words = toks
	}
	return c
}

// phraseFiller are words a phrase may drop or the answer may add: "sum of squares" is
// also said "sum squares", "mean of the target" as "mean of target".
var phraseFiller = map[string]bool{"the": true, "a": true, "an": true, "of": true, "its": true, "their": true}

// phraseSlack is how many extra words a phrase's words may be spread over, in any order:
// "loss near zero" also matches "loss gets near to zero" and "pruning matters much less".
const phraseSlack = 2

// compile turns a pack term into a matcher. Every answer and every term goes through the
// same tokenizer, so "can't" in a term matches "cannot" in an answer, and "0.5" matches ½.
func compile(t pack.Term, th *rewriter) term {
	raw := t.Raw
	if raw == "" {
		raw = t.String() // a term built in code rather than parsed from a pack
	}
	toks := th.apply(tokenize(raw, true))
	c := term{raw: raw, negated: t.Negated}
	for i, tk := range toks {
		// A term that says "not", or "rather than"/"instead of", carries its own negation.
		if tk.negation || i > 0 && (tk.norm == "than" && toks[i-1].norm == "rather" || tk.norm == "of" && toks[i-1].norm == "instead") {
			c.negative = true
		}
	}
	for _, tk := range toks {
		if len(toks) > 1 && phraseFiller[tk.norm] {
			continue
		}
		c.words = append(c.words, tk)
	}
	// Filler words are optional only between two words that carry meaning: "their decision"
	// is not "decision".
	if len(c.words) < 2 {
		c.words = toks
	}
	return c
}

// wordMatches reports whether an answer token is the term word w: the same stem, a prefix
// for a '*' word, or one typo away for long plain words.
func wordMatches(w, t *token) bool {
	if w.num || t.num {
		return w.num && t.num && w.norm == t.norm
	}
	if w.prefix {
		if strings.HasPrefix(t.norm, w.norm) || t.orig != "" && strings.HasPrefix(t.orig, w.norm) {
			return true
		}
		return typoOK(w, t) && len(t.norm) >= len(w.norm)-1 && fuzzyPrefix(w.norm, t.norm)
	}
	if w.stem == t.stem || w.norm == t.norm {
		return true
	}
	return typoOK(w, t) && len(t.norm) >= minTypoLen && osa1(w.norm, t.norm)
}

// minTypoLen is the shortest word a typo is forgiven in: "calibarted" is calibrated, but
// "tree" is never "free".
const minTypoLen = 6

// typoOK reports whether typo tolerance may apply: both are plain words of six letters or
// more (no numbers, no code identifiers) with the same first two letters.
func typoOK(w, t *token) bool {
	return len(w.norm) >= minTypoLen && len(t.norm) >= 2 && w.norm[0] == t.norm[0] && w.norm[1] == t.norm[1] &&
		w.alpha && t.alpha && !w.code && !t.code
}

func isAlpha(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return c >= 0x80 // non-ASCII letters: tokenize only keeps letters
		}
	}
	return true
}

// fuzzyPrefix reports whether some prefix of s is one edit from p.
func fuzzyPrefix(p, s string) bool {
	for n := len(p) - 1; n <= len(p)+1 && n <= len(s); n++ {
		if n > 0 && osa1(p, s[:n]) {
			return true
		}
	}
	return false
}

// osa1 reports whether a and b are at most one edit apart: one insertion, deletion,
// substitution, or swap of neighbouring letters.
func osa1(a, b string) bool {
	if a == b {
		return true
	}
	if d := len(a) - len(b); d > 1 || d < -1 {
		return false
	}
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	switch {
	case len(a) == len(b):
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	case len(a) > len(b):
		return a[i+1:] == b[i:]
	default:
		return a[i:] == b[i+1:]
	}
}

// find returns the span of the first occurrence of the term in toks that its negation
// rule accepts: its words in order, or within a few words of each other in any order, in
// one sentence.
func (c *term) find(toks []token) (Span, bool) {
	n := len(c.words)
	if n == 0 {
		return Span{}, false
	}
	window := n
	if n > 1 {
		window += phraseSlack
	}
	used := make([]bool, window)
	for i := range toks {
		if c.ordered {
			if end, ok := c.inOrder(toks, i, window, used); ok && c.negationOK(toks[i:end+1], used) {
				return Span{toks[i].start, toks[end].end}, true
			}
			continue
		}
		if !wordMatches(&c.words[0], &toks[i]) && (n == 1 || !c.anyWord(&toks[i])) {
			continue
		}
		// Assign every word of the term a distinct token in toks[i : i+window], same sentence.
		end := i
		clear(used)
		ok := true
		for wi := range c.words {
			found := false
			for j := i; j < len(toks) && j < i+window && toks[j].sent == toks[i].sent; j++ {
				if !used[j-i] && wordMatches(&c.words[wi], &toks[j]) {
					used[j-i] = true
					end = max(end, j)
					found = true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if !ok || !used[0] || !c.negationOK(toks[i:end+1], used) {
			continue
		}
		return Span{toks[i].start, toks[end].end}, true
	}
	return Span{}, false
}

// inOrder matches the term's words in their order from toks[i], with at most the window's
// slack of other words among them, in one sentence; it returns the last token's index and
// marks the matched tokens in used (indexed from i).
func (c *term) inOrder(toks []token, i, window int, used []bool) (int, bool) {
	if !wordMatches(&c.words[0], &toks[i]) {
		return 0, false
	}
	clear(used)
	used[0] = true
	at := i
	for wi := 1; wi < len(c.words); wi++ {
		found := false
		for j := at + 1; j < len(toks) && j < i+window && toks[j].sent == toks[i].sent; j++ {
			if wordMatches(&c.words[wi], &toks[j]) {
				at, found = j, true
				used[j-i] = true
				break
			}
		}
		if !found {
			return 0, false
		}
	}
	return at, true
}

func (c *term) anyWord(t *token) bool {
	for i := range c.words {
		if wordMatches(&c.words[i], t) {
			return true
		}
	}
	return false
}

// negationOK applies the negation rule to a match: a plain term must not sit inside a
// negation ("can't overfit" does not say "overfit"); a not: term must; a term that says
// "not" itself carries its negation and is taken as it is.
func (c *term) negationOK(m []token, used []bool) bool {
	if c.negative {
		return true
	}
	negated := false
	for j := range m {
		if j < len(used) && used[j] && m[j].negated {
			negated = true
		}
	}
	return negated == c.negated
}
