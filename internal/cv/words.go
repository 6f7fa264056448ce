package cv

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/golangci/misspell"
)

// The English word list is SCOWL size 70 (Debian's wamerican-large and wbritish-large,
// both spellings, since CVs come from everywhere): see data/SCOWL-COPYRIGHT and
// data/build-words.sh. The vocabulary is hotseat's own.
//
//go:embed data/en-words.txt.gz data/vocabulary.txt
var dataFS embed.FS

// lexicon is what spelling is checked against. It is built on first use (about 40 ms),
// never at start-up.
type lexicon struct {
	words map[string]bool   // lowercase dictionary and vocabulary words
	terms map[string]bool   // vocabulary entries with punctuation: c++, node.js, ci/cd
	wrong map[string]string // a common misspelling -> its correction (golangci/misspell)
	extra map[string]bool   // words of the loaded packs
	// memo keeps each suggestion of one check: a CV repeats its words, and a two-edit
	// search costs a tenth of a second.
	memo map[string]string
}

var loadLexicon = sync.OnceValue(func() *lexicon {
	l := &lexicon{words: make(map[string]bool, 140000), terms: map[string]bool{}, wrong: map[string]string{}}
	gz, err := dataFS.ReadFile("data/en-words.txt.gz")
	if err != nil {
		panic(err) // embedded: cannot happen in a built binary
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		panic(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		panic(err)
	}
	for w := range strings.SplitSeq(string(raw), "\n") {
		if w != "" {
			l.words[w] = true
		}
	}
	voc, _ := dataFS.ReadFile("data/vocabulary.txt")
	sc := bufio.NewScanner(bytes.NewReader(voc))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(line)) {
			l.addTerm(w)
		}
	}
	// misspell's list also holds word fragments and pairs where both sides are words in
	// some sense; only a misspelling that is no word, corrected to a word, is used.
	for i := 0; i+1 < len(misspell.DictMain); i += 2 {
		bad, good := misspell.DictMain[i], misspell.DictMain[i+1]
		if !l.words[bad] && l.words[good] {
			l.wrong[bad] = good
		}
	}
	return l
})

func (l *lexicon) addTerm(w string) {
	if isLetters(w) {
		l.words[w] = true
		return
	}
	l.terms[w] = true
	for _, part := range strings.FieldsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if len(part) > 2 {
			l.words[part] = true
		}
	}
}

// withWords returns a lexicon that also knows words (those of the loaded packs).
func (l *lexicon) withWords(words []string) *lexicon {
	out := *l
	out.extra = map[string]bool{}
	out.memo = map[string]string{}
	for _, w := range words {
		if w = strings.ToLower(w); isLetters(w) && len(w) > 2 {
			out.extra[w] = true
		}
	}
	return &out
}

func (l *lexicon) has(w string) bool { return l.words[w] || l.extra[w] }

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return w != ""
}

var suffixes = []string{"s", "es", "ed", "d", "ing", "er", "ers", "ly", "al", "ally", "ity", "able", "ation", "ization", "isation"}

var prefixes = []string{"re", "pre", "post", "non", "multi", "sub", "un", "co", "de", "auto", "cross", "geo", "bio", "eco",
	"over", "under", "micro", "meta", "hyper", "semi", "self", "inter", "intra", "mis", "out", "up"}

// known reports whether a lowercase word is a word: listed, or a listed word with a
// common ending (plural, past, -ing, -er) or a common prefix (re-, pre-, multi-, ...).
func (l *lexicon) known(w string) bool {
	if l.has(w) {
		return true
	}
	for _, s := range suffixes {
		stem, ok := strings.CutSuffix(w, s)
		if !ok || len(stem) < 3 {
			continue
		}
		if l.has(stem) || l.has(stem+"e") {
			return true
		}
		// shipping -> ship, modelled -> model
		if n := len(stem); n > 3 && stem[n-1] == stem[n-2] && l.has(stem[:n-1]) {
			return true
		}
		// classifies -> classify
		if strings.HasSuffix(stem, "i") && l.has(stem[:len(stem)-1]+"y") {
			return true
		}
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(w, p); ok && len(rest) >= 4 {
			if l.has(rest) {
				return true
			}
			for _, s := range suffixes {
				if stem, ok := strings.CutSuffix(rest, s); ok && len(stem) >= 3 && (l.has(stem) || l.has(stem+"e")) {
					return true
				}
			}
		}
	}
	return false
}

// suggest is the nearest word to a misspelt lowercase word: the known correction of a
// common misspelling, else a listed word one edit away (a letter dropped, added, changed,
// or two swapped), else two edits away; "" when there is none.
func (l *lexicon) suggest(w string) string {
	if c, ok := l.wrong[w]; ok {
		return c
	}
	if s, ok := l.memo[w]; ok {
		return s
	}
	s := l.search(w)
	if l.memo != nil && len(l.memo) < 5000 {
		l.memo[w] = s
	}
	return s
}

func (l *lexicon) search(w string) string {
	if utf8.RuneCountInString(w) > 20 {
		return ""
	}
	best := l.rank(w, edits(w))
	if best == "" && len(w) >= 5 && len(w) <= 14 {
		var two []string
		for _, e := range edits(w) {
			two = append(two, edits(e)...)
		}
		best = l.rank(w, two)
	}
	return best
}

// rank picks among candidate spellings the listed one most like w: a swap of two letters
// first (the commonest typo), then the same first letter, then the same length.
func (l *lexicon) rank(w string, cands []string) string {
	var found []string
	for _, c := range cands {
		if l.has(c) && !slices.Contains(found, c) {
			found = append(found, c)
		}
	}
	if len(found) == 0 {
		return ""
	}
	score := func(c string) int {
		s := 0
		if len(c) == len(w) && sameLetters(c, w) {
			s += 4
		}
		if c[0] == w[0] {
			s += 2
		}
		if len(c) == len(w) {
			s++
		}
		return s
	}
	slices.SortStableFunc(found, func(a, b string) int {
		if sa, sb := score(a), score(b); sa != sb {
			return sb - sa
		}
		return strings.Compare(a, b)
	})
	return found[0]
}

func sameLetters(a, b string) bool {
	x, y := []byte(a), []byte(b)
	slices.Sort(x)
	slices.Sort(y)
	return bytes.Equal(x, y)
}

// edits are the strings one edit from w: deletes, swaps of neighbours, replacements and
// insertions of a letter a-z.
func edits(w string) []string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	out := make([]string, 0, 54*len(w)+25)
	for i := 0; i <= len(w); i++ {
		a, b := w[:i], w[i:]
		if b != "" {
			out = append(out, a+b[1:])
		}
		if len(b) > 1 {
			out = append(out, a+string(b[1])+string(b[0])+b[2:])
		}
		for j := 0; j < len(letters); j++ {
			if b != "" {
				out = append(out, a+string(letters[j])+b[1:])
			}
			out = append(out, a+string(letters[j])+b)
		}
	}
	return out
}
