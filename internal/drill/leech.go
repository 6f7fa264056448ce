package drill

import "github.com/hotseat/hotseat/internal/srs"

// DefaultLeechThreshold is how many lapses (Again on a question already learned) make a
// question a leech: failed that often, drilling it again the same way wastes the day, and
// the candidate is better served by studying it (its model answer, its sources) first.
const DefaultLeechThreshold = 6

// Leeches decides which questions are suspended from the daily drill as leeches.
type Leeches struct {
	// Threshold is the number of lapses that makes a leech; 0 turns leeches off.
	Threshold int
	// Unsuspended holds, by question key, the lapses a leech had when the candidate took
	// it back into the drill: it becomes a leech again after half the threshold more, as
	// in Anki.
	Unsuspended map[string]int
}

// Leech reports whether the question with this key and card is suspended.
func (l Leeches) Leech(key string, c srs.Card) bool {
	if l.Threshold <= 0 || c.Lapses < l.Threshold {
		return false
	}
	if at, ok := l.Unsuspended[key]; ok {
		return c.Lapses >= at+max(l.Threshold/2, 1)
	}
	return true
}
