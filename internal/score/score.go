// Package score measures how much of a question's key points an answer covers, and turns
// coverage and time into a suggested rating. It needs no network: key points carry their
// own match terms (see questions/README.md).
package score

import (
	"fmt"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
)

// Coverage is which key points an answer covered, with the evidence for each.
type Coverage struct {
	Covered []bool // one per key point, in order: full credit
	Partial []bool // one per key point: half credit (◐); never set together with Covered
	// Points holds the grader's verdict and evidence per key point; nil when the candidate
	// ticked the points themselves (answered aloud).
	Points []Point
	// Misconceptions are the question's misconceptions the answer states.
	Misconceptions []Misconception
	// List is set when the answer is a list of keywords rather than sentences.
	List bool
	// Flags are red flags in a behavioural answer (put-downs, blame, filler, ...).
	Flags []Flag

	graded []Point // the grader's verdict, kept when the candidate first changes a tick
}

// Flag is one red flag in a behavioural answer, quoting its sentence.
type Flag struct {
	Rule     string `json:"rule"`
	Name     string `json:"name"`
	Sentence string `json:"sentence"`
	Why      string `json:"why"`
}

// Measure scores answer against key points without a question's context: no misconception
// list, no topic-specific synonyms. Grade is what the drill uses.
func Measure(answer string, kps []pack.KeyPoint) Coverage {
	return Grade((&pack.Question{}).SetBody(pack.Body{KeyPoints: kps}), answer, Options{})
}

// Toggle flips key point i between covered and not, as the candidate's own tick. Ticking it
// back to the grader's verdict restores that verdict (half credit, a misconception, its
// evidence); otherwise the point is the candidate's: covered with no evidence of the
// grader's, or missed with what it lacks.
func (c *Coverage) Toggle(i int) {
	if i < 0 || i >= len(c.Covered) {
		return
	}
	c.Covered[i] = !c.Covered[i]
	if i < len(c.Partial) {
		c.Partial[i] = false
	}
	if i >= len(c.Points) {
		return
	}
	if c.graded == nil {
		c.graded = append([]Point(nil), c.Points...)
	}
	orig := c.graded[i]
	switch {
	case c.Covered[i] == (orig.State == Covered):
		c.Points[i] = orig
		if i < len(c.Partial) {
			c.Partial[i] = orig.State == Partial
		}
	case c.Covered[i]:
		c.Points[i] = Point{State: Covered}
	default:
		c.Points[i] = Point{State: Missed, Missing: orig.Missing}
	}
}

// Graded returns the grader's own verdict on key point i, whatever the candidate ticked.
func (c Coverage) Graded(i int) Point {
	if i < len(c.graded) {
		return c.graded[i]
	}
	if i < len(c.Points) {
		return c.Points[i]
	}
	return Point{}
}

// Hits counts the fully covered key points.
func (c Coverage) Hits() int {
	n := 0
	for _, ok := range c.Covered {
		if ok {
			n++
		}
	}
	return n
}

// Halves counts the half-covered key points.
func (c Coverage) Halves() int {
	n := 0
	for i, ok := range c.Partial {
		if ok && !c.Covered[i] {
			n++
		}
	}
	return n
}

// Credit is the covered points plus half of each half-covered one.
func (c Coverage) Credit() float64 { return float64(c.Hits()) + 0.5*float64(c.Halves()) }

// Total is the number of key points.
func (c Coverage) Total() int { return len(c.Covered) }

// Fraction is the credited share in [0, 1], or -1 when there are no key points.
func (c Coverage) Fraction() float64 {
	if len(c.Covered) == 0 {
		return -1
	}
	return c.Credit() / float64(len(c.Covered))
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

// Thresholds of the credited share of key points, fitted on the tuning part of the labelled
// corpus in testdata/corpus (TestFitThresholds; method in its README.md): an interviewer's
// Good allows about one thin point in four, Hard is a real attempt at 30% or more, and
// Easy is nearly everything, said in half the time.
var Fitted = Thresholds{Easy: 0.85, Good: 0.75, Hard: 0.3}

// Thresholds are the credited shares of key points a rating needs.
type Thresholds struct {
	Easy, Good, Hard float64
}

// Caps on the suggestion, each with the reason the reveal shows.
const (
	capMisconception = "states a common misconception"
	capList          = "reads like a list of keywords"
	capFlags         = "red flags an interviewer would notice"
)

// Suggest returns the rating an honest interviewer would give.
func Suggest(in Input) Suggestion { return SuggestWith(in, Fitted) }

// SuggestWith is Suggest with other thresholds: the corpus tests fit them with it.
func SuggestWith(in Input, th Thresholds) Suggestion {
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
	cov := in.Coverage
	total := cov.Total()
	if total == 0 {
		return Suggestion{srs.Good, "no key points to check: rate yourself"}
	}
	share := cov.Credit() / float64(total)
	var r srs.Rating
	switch {
	case share >= th.Easy && !over && in.Limit > 0 && in.Used <= in.Limit/2:
		r = srs.Easy
	case share >= th.Good:
		r = srs.Good
	case share >= th.Hard:
		r = srs.Hard
	default:
		r = srs.Again
	}
	if over && r > srs.Hard {
		r = srs.Hard
	}
	reason := cov.PointsText() + ", " + timing
	if !in.Aloud {
		var caps []string
		if len(cov.Misconceptions) > 0 || cov.wrongPoints() > 0 {
			caps = append(caps, capMisconception)
		}
		if cov.List {
			caps = append(caps, capList)
		}
		if len(cov.Flags) > 0 {
			caps = append(caps, capFlags)
		}
		if len(caps) > 0 && r > srs.Hard {
			r = srs.Hard
			reason += "; at most Hard: " + strings.Join(caps, ", ")
		}
	}
	if in.Strict && cov.Hits() < total && r > srs.Again {
		r--
		reason += ", stricter because you claimed this"
	}
	return Suggestion{r, reason}
}

// PointsText says how many key points were credited: "3 of 4 key points", or with halves
// "2½ of 4 key points".
func (c Coverage) PointsText() string {
	n := fmt.Sprint(c.Hits())
	if c.Halves() > 0 {
		whole := c.Hits() + c.Halves()/2
		n = fmt.Sprint(whole)
		if c.Halves()%2 == 1 {
			if whole == 0 {
				n = "½"
			} else {
				n += "½"
			}
		}
	}
	return fmt.Sprintf("%s of %d key points", n, c.Total())
}

// wrongPoints counts the key points whose misconception the answer states.
func (c Coverage) wrongPoints() int {
	n := 0
	for _, p := range c.Points {
		if p.State == Wrong {
			n++
		}
	}
	return n
}
