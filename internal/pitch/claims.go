package pitch

import (
	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
)

// isNumber reports whether a token is all digits.
func isNumber(t string) bool { return claims.IsNumber(t) }

// findClaims reports each claim topic whose phrases occur in the pitch, once, at the first
// sentence that commits to it, in the order of the pitch. Matching is claims.Find, the
// same matcher that maps a claim added with `hotseat claim add`, so a claim the review
// offers resolves to the same tags once confirmed.
func findClaims(sents []sentence, vocab []pack.Claim) []ClaimMatch {
	out := []ClaimMatch{}
	done := map[string]bool{}
	for _, s := range sents {
		for _, m := range claims.Find(s.text, vocab) {
			if done[m.Topic] {
				continue
			}
			done[m.Topic] = true
			tags := m.Tags
			if len(tags) == 0 {
				tags = []string{m.Topic}
			}
			out = append(out, ClaimMatch{Topic: m.Topic, Phrase: m.Phrase, Sentence: s.text, Tags: tags})
		}
	}
	return out
}
