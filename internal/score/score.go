// Package score measures how much of a question's key points an answer covers, and turns
// coverage and time into a suggested rating. It needs no network: key points carry their
// own match terms (see questions/README.md).
package score

import (
	"fmt"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
)

// Coverage is which key points an answer covered.
type Coverage struct {
	Covered []bool // one per key point, in order
}

// Measure scores answer against the key points. A key point is covered when every one of
// its groups has a term that occurs in the answer.
func Measure(answer string, kps []pack.KeyPoint) Coverage {
	tokens := pack.Tokens(answer)
	c := Coverage{Covered: make([]bool, len(kps))}
	for i, kp := range kps {
		c.Covered[i] = covers(tokens, kp)
	}
	return c
}

func covers(tokens []string, kp pack.KeyPoint) bool {
	if len(kp.Groups) == 0 {
		return false
	}
	for _, g := range kp.Groups {
		found := false
		for _, t := range g {
			if t.Find(tokens) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// Hits counts the covered key points.
func (c Coverage) Hits() int {
	n := 0
	for _, ok := range c.Covered {
		if ok {
			n++
		}
	}
	return n
}

// Total is the number of key points.
func (c Coverage) Total() int { return len(c.Covered) }

// Fraction is the covered share in [0, 1], or -1 when there are no key points.
func (c Coverage) Fraction() float64 {
	if len(c.Covered) == 0 {
		return -1
	}
	return float64(c.Hits()) / float64(len(c.Covered))
}

// Input is what a suggestion is made from.
type Input struct {
	Kind     pack.Kind
	Coverage Coverage // open questions: typed coverage, or the candidate's ticks when Aloud
	Aloud    bool     // answered aloud: Coverage holds self-ticked key points
	Correct  bool     // choice questions: the picked options were exactly the correct ones
	Used     time.Duration
	Limit    time.Duration
	// Overtime marks an answer taken when its time ran out, even if Used equals Limit.
	Overtime bool
	// Strict makes the suggestion one step harsher unless every key point was covered; used
	// for questions the candidate claimed to know.
	Strict bool
}

// Suggestion is a suggested rating with the reason shown to the candidate.
type Suggestion struct {
	Rating srs.Rating
	Reason string
}

// Thresholds of key-point coverage. An interviewer expects nearly every point: four of
// five is a good answer, two of three is not yet.
const (
	goodShare = 0.8
	hardShare = 1.0 / 3
)

// Suggest returns the rating an honest interviewer would give.
func Suggest(in Input) Suggestion {
	over := in.Overtime || in.Limit > 0 && in.Used > in.Limit
	timing := "in time"
	if over {
		timing = "time ran out"
		if in.Used-in.Limit >= time.Second {
			// Under a second past the limit is the clock running out, not an overrun.
			timing = fmt.Sprintf("%s over", (in.Used - in.Limit).Round(time.Second))
		}
	}
	if in.Kind == pack.KindChoice {
		switch {
		case !in.Correct:
			return Suggestion{srs.Again, "wrong option"}
		case over:
			return Suggestion{srs.Hard, "right, " + timing}
		}
		return Suggestion{srs.Good, "right, " + timing}
	}
	total, hits := in.Coverage.Total(), in.Coverage.Hits()
	if total == 0 {
		return Suggestion{srs.Good, "no key points to check: rate yourself"}
	}
	share := float64(hits) / float64(total)
	var r srs.Rating
	switch {
	case hits == total && !over && in.Limit > 0 && in.Used <= in.Limit/2:
		r = srs.Easy
	case share >= goodShare:
		r = srs.Good
	case share >= hardShare:
		r = srs.Hard
	default:
		r = srs.Again
	}
	if over && r > srs.Hard {
		r = srs.Hard
	}
	reason := fmt.Sprintf("%d of %d key points, %s", hits, total, timing)
	if in.Strict && hits < total && r > srs.Again {
		r--
		reason += ", stricter because you claimed this"
	}
	return Suggestion{r, reason}
}
