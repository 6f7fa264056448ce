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

// stopwords are ignored on both sides, so "deployed models to production" also matches
// "deploying models into production" and "the details of my ML models".
var stopwords = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "into": true, "of": true, "in": true,
	"on": true, "for": true, "my": true, "our": true, "and": true, "with": true, "at": true,
	"about": true, "all": true, "really": true, "very": true, "i": true, "me": true,
	"we": true, "am": true, "is": true, "are": true, "was": true, "were": true, "be": true,
	"have": true, "has": true, "had": true, "it": true, "this": true, "that": true,
}

// weak words say how much, not what: they never make a tag "near" a claim.
var weak = map[string]bool{
	"great": true, "love": true, "good": true, "strong": true, "excellent": true, "best": true,
	"always": true, "lot": true, "lots": true, "deep": true, "real": true, "passionate": true,
}

// Stem reduces an English word to a crude stem by stripping common suffixes, enough for
// "deployed", "deploying" and "deploys" to meet at "deploy". Both sides of a comparison
// are stemmed the same way, so the stems need not be real words.
func Stem(w string) string {
	for _, suf := range []string{"ations", "ation", "ings", "ing", "edly", "ers", "er", "ed", "ies", "es", "s", "ly"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			w = w[:len(w)-len(suf)]
			if suf == "ies" {
				w += "y"
			}
			break
		}
	}
	return w
}

// word is a token of a text, kept with its stem.
type word struct{ raw, stem string }

func words(text string) []word {
	var out []word
	for _, t := range pack.Tokens(text) {
		if !stopwords[t] {
			out = append(out, word{t, Stem(t)})
		}
	}
	return out
}

// phraseWords are a vocabulary phrase's words, stopwords dropped.
func phraseWords(t pack.Term) []pack.Word {
	var out []pack.Word
	for _, w := range t.Words {
		if !stopwords[w.Text] || w.Prefix {
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
// match, in the order the topics are given. Matching is by words, case-insensitive,
// stemmed, and ignores small words such as "the" and "into".
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
			if stems[Stem(t)] && !stopwords[t] {
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
