// Package claims turns what a candidate says about themselves into commitments: each claim
// maps, through the packs' claims vocabularies, to tags that are then drilled harder, and an
// audit says whether the claim holds up. It is pure: the store and the clock are the
// caller's.
package claims

import (
	"slices"
	"strings"

	"github.com/hotseat/hotseat/internal/pack"
)

// Match is one vocabulary phrase found in a text.
type Match struct {
	Topic  string   `json:"topic"`
	Phrase string   `json:"phrase"`
	Tags   []string `json:"tags"`
	// Start and End are the word positions of the match in the text's words.
	Start, End int `json:"-"`
}

// skipped words are left out of both a vocabulary phrase and the text, so "deployed models
// to production" also matches "deploying our three models into production" and "the
// details of my ML models": determiners, possessives, numbers, pronouns and auxiliaries.
var skipped = map[string]bool{
	"a": true, "an": true, "the": true, "my": true, "our": true, "their": true, "his": true,
	"her": true, "its": true, "your": true, "this": true, "these": true, "those": true,
	"some": true, "several": true, "many": true, "multiple": true, "few": true, "various": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "dozens": true, "hundreds": true,
	"of": true, "for": true, "and": true, "with": true, "at": true, "about": true, "all": true,
	"really": true, "very": true, "i": true, "me": true, "we": true, "am": true, "is": true,
	"are": true, "was": true, "were": true, "be": true, "have": true, "has": true, "had": true,
	"it": true, "that": true,
}

// sameAs maps words that are interchangeable in a claim to one spelling.
var sameAs = map[string]string{"into": "to", "onto": "to", "in": "to"}

// weak words say how much, not what: they never make a tag "near" a claim.
var weak = map[string]bool{
	"great": true, "love": true, "good": true, "strong": true, "excellent": true, "best": true,
	"always": true, "lot": true, "lots": true, "deep": true, "real": true, "passionate": true,
}

// Stem reduces a lowercase word by a light suffix stemmer: plural and verb endings, a final
// e and a final doubled consonant, so that ship, ships, shipped and shipping, or model,
// models, modelled and modelling, share a stem. It is only ever compared with another stem,
// so it need not be a real word. Short words and words with digits are kept.
func Stem(w string) string {
	if s, ok := sameAs[w]; ok {
		return s
	}
	if len(w) <= 3 || strings.ContainsAny(w, "0123456789") {
		return w
	}
	cut := func(suffix string, keep int) bool {
		if strings.HasSuffix(w, suffix) && len(w)-len(suffix) >= keep {
			w = w[:len(w)-len(suffix)]
			return true
		}
		return false
	}
	switch {
	case cut("ies", 2), cut("ied", 2):
		w += "y"
	case cut("ing", 3), cut("ed", 3):
	case hasAnySuffix(w, "sses", "shes", "ches", "xes", "zes") && cut("es", 3):
	case !hasAnySuffix(w, "ss", "us", "is") && cut("s", 3):
	}
	if strings.HasSuffix(w, "e") && len(w) > 3 {
		w = w[:len(w)-1]
	}
	if n := len(w); n >= 4 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouy", rune(w[n-1])) {
		w = w[:n-1]
	}
	return w
}

func hasAnySuffix(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// IsNumber reports whether a token is all digits.
func IsNumber(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

// word is a token of a text, kept with its stem.
type word struct{ raw, stem string }

func words(text string) []word {
	var out []word
	for _, t := range pack.Tokens(text) {
		if !skipped[t] && !IsNumber(t) {
			out = append(out, word{t, Stem(t)})
		}
	}
	return out
}

// phraseWords are a vocabulary phrase's words, skipped words dropped.
func phraseWords(t pack.Term) []pack.Word {
	var out []pack.Word
	for _, w := range t.Words {
		if w.Prefix || !skipped[w.Text] && !IsNumber(w.Text) {
			out = append(out, w)
		}
	}
	return out
}

func wordMatches(w pack.Word, tok word) bool {
	if w.Prefix {
		return strings.HasPrefix(tok.raw, w.Text)
	}
	return tok.raw == w.Text || tok.stem == Stem(w.Text)
}

// Find returns, for each topic of the vocabulary whose phrase occurs in text, its first
// match, in the order the topics are given. Matching is by whole words, case-insensitive
// and stemmed, ignoring determiners, numbers and other small words, and treating into,
// onto and in as to. Only words are compared, never substrings: "incompetent" never
// matches "competent".
func Find(text string, vocab []pack.Claim) []Match {
	ws := words(text)
	var out []Match
	for _, c := range vocab {
		for _, ph := range c.Phrases {
			pw := phraseWords(ph)
			if start, ok := find(ws, pw); ok {
				out = append(out, Match{Topic: c.Topic, Phrase: ph.String(), Tags: slices.Clone(c.Tags), Start: start, End: start + len(pw)})
				break
			}
		}
	}
	return out
}

func find(ws []word, pw []pack.Word) (int, bool) {
	if len(pw) == 0 {
		return 0, false
	}
	for i := 0; i+len(pw) <= len(ws); i++ {
		ok := true
		for j, w := range pw {
			if !wordMatches(w, ws[i+j]) {
				ok = false
				break
			}
		}
		if ok {
			return i, true
		}
	}
	return 0, false
}

// Nearest suggests up to n tags for a text that matches no phrase: the tags and topics
// sharing the most word stems with it, most shared first.
func Nearest(text string, vocab []pack.Claim, tags []pack.TagCount, n int) []string {
	stems := map[string]bool{}
	for _, w := range words(text) {
		if !weak[w.raw] {
			stems[w.stem] = true
		}
	}
	type cand struct {
		tag   string
		score int
	}
	scores := map[string]int{}
	add := func(tag, words string, weight int) {
		for _, t := range pack.Tokens(strings.ReplaceAll(words, "-", " ")) {
			if stems[Stem(t)] && !skipped[t] {
				scores[tag] += weight
			}
		}
	}
	for _, c := range vocab {
		for _, tag := range c.Tags {
			add(tag, c.Topic, 2)
			for _, ph := range c.Phrases {
				add(tag, ph.String(), 1)
			}
		}
	}
	for _, tc := range tags {
		add(tc.Tag, tc.Tag, 2)
	}
	var cands []cand
	for t, s := range scores {
		cands = append(cands, cand{t, s})
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if a.score != b.score {
			return b.score - a.score
		}
		return strings.Compare(a.tag, b.tag)
	})
	var out []string
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.tag)
	}
	return out
}

// FindTags returns the tags whose own name occurs in text ("gradient-boosting" in "I know
// gradient boosting inside out", "unit-tests" in "I write unit tests for everything"),
// matched like vocabulary phrases, longest name first. A claim names its topic more often
// in the tag's words than in any phrase a pack author foresaw.
func FindTags(text string, tags []pack.TagCount) []Match {
	ws := words(text)
	byLen := slices.Clone(tags)
	slices.SortStableFunc(byLen, func(a, b pack.TagCount) int { return len(b.Tag) - len(a.Tag) })
	var out []Match
	for _, tc := range byLen {
		var pw []pack.Word
		for _, t := range strings.Split(tc.Tag, "-") {
			if t != "" && !skipped[t] {
				pw = append(pw, pack.Word{Text: t})
			}
		}
		if start, ok := find(ws, pw); ok {
			out = append(out, Match{Topic: tc.Tag, Phrase: strings.ReplaceAll(tc.Tag, "-", " "), Tags: []string{tc.Tag}, Start: start, End: start + len(pw)})
		}
	}
	return out
}
