package pitch

import (
	"strings"

	"github.com/hotseat/hotseat/internal/pack"
)

// Claim phrases are matched more loosely than key-point terms, because a candidate
// paraphrases: "I've been deploying our models into production" should commit them to
// "deployed models to production". A phrase matches a sentence when it matches with the
// pack rules (Term.Find), or when it matches word for word after both sides are normalised:
//
//   - each word is reduced by a light suffix stemmer (deployed, deploying, deploys -> deploy;
//     models, modelling -> model; shipped -> ship), unless it ends in '*' in the phrase;
//   - determiners, possessives and numbers are skipped ("deployed a model", "deployed our
//     three models");
//   - to, into, onto and in are the same word ("into production", "to production").
//
// Only words are compared, never substrings, so "incompetent" never matches "competent".

// skipped are the words left out of both a claim phrase and the sentence.
var skipped = map[string]bool{
	"a": true, "an": true, "the": true, "my": true, "our": true, "their": true, "his": true,
	"her": true, "its": true, "your": true, "this": true, "these": true, "those": true,
	"some": true, "several": true, "many": true, "multiple": true, "few": true, "various": true,
	"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true,
	"eight": true, "nine": true, "ten": true, "dozens": true, "hundreds": true,
}

// sameAs maps words that are interchangeable in a claim to one spelling.
var sameAs = map[string]string{"into": "to", "onto": "to", "in": "to"}

// normToken is a sentence word as the loose matcher compares it.
type normToken struct{ raw, stem string }

func normalize(tokens []string) []normToken {
	out := make([]normToken, 0, len(tokens))
	for _, t := range tokens {
		if skipped[t] || isNumber(t) {
			continue
		}
		out = append(out, normToken{raw: t, stem: stem(t)})
	}
	return out
}

// phraseMatcher is one claim phrase prepared for the loose match.
type phraseMatcher struct {
	term  pack.Term
	words []pack.Word // the phrase without skipped words
	stems []string
}

func newPhraseMatcher(t pack.Term) phraseMatcher {
	m := phraseMatcher{term: t}
	for _, w := range t.Words {
		if !w.Prefix && (skipped[w.Text] || isNumber(w.Text)) {
			continue
		}
		m.words = append(m.words, w)
		m.stems = append(m.stems, stem(w.Text))
	}
	if len(m.words) == 0 { // a phrase of only skipped words: match it as written
		m.words = t.Words
		m.stems = make([]string, len(t.Words))
		for i, w := range t.Words {
			m.stems[i] = stem(w.Text)
		}
	}
	return m
}

// match reports whether the phrase occurs in the sentence (raw tokens and their normalised
// form).
func (m phraseMatcher) match(tokens []string, norm []normToken) bool {
	if m.term.Find(tokens) {
		return true
	}
	n := len(m.words)
	for i := 0; i+n <= len(norm); i++ {
		ok := true
		for j, w := range m.words {
			tok := norm[i+j]
			if !(w.Matches(tok.raw) || !w.Prefix && tok.stem == m.stems[j]) {
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

// stem reduces a lowercase word by a light suffix stemmer: plural and verb endings, a final
// e and a final doubled consonant, so that ship, ships, shipped and shipping, or model,
// models, modelled and modelling, share a stem. It is only ever compared with another
// stem, so it need not be a real word. Short words and words with digits are kept.
func stem(w string) string {
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

// isNumber reports whether a token is all digits.
func isNumber(t string) bool {
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

// findClaims reports each claim topic whose phrases occur in the pitch, once, at the first
// sentence that commits to it, in the order of the pitch.
func findClaims(sents []sentence, claims []pack.Claim) []ClaimMatch {
	out := []ClaimMatch{}
	for _, c := range claims {
		matchers := make([]phraseMatcher, len(c.Phrases))
		for i, p := range c.Phrases {
			matchers[i] = newPhraseMatcher(p)
		}
	search:
		for si, s := range sents {
			for _, m := range matchers {
				if m.match(s.tokens, s.norm) {
					tags := append([]string{}, c.Tags...)
					if len(tags) == 0 {
						tags = []string{c.Topic}
					}
					out = append(out, ClaimMatch{Topic: c.Topic, Phrase: m.term.String(), Sentence: s.text, Tags: tags, index: si})
					break search
				}
			}
		}
	}
	// Stable by sentence: topics keep their vocabulary order within one sentence.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].index < out[j-1].index; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
