package drill

import (
	"fmt"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
)

// Steps are the learning steps of one kind of question: the waits, shorter than a day, that
// a new question rated Again or Hard (or a lapsed one rated Again) goes through before its
// FSRS interval in days. Good on the last step, and Easy, leave the steps.
type Steps []time.Duration

// The default steps. An open question is answered in minutes and its model answer read
// after: asked again ten minutes later it tests what is still on screen, so it has no steps
// and its first interval is a day or more (Again also comes back once at the end of the
// set, as practice, see Item.Practice). A choice question is over in seconds; one short
// step catches a slip without making the whole set come back within the hour.
var (
	DefaultOpenSteps   = Steps{}
	DefaultChoiceSteps = Steps{10 * time.Minute}
)

// MaxSteps bounds a list of steps; Anki's own defaults have two or three.
const MaxSteps = 10

// ParseSteps reads steps as written in settings and on the command line: durations
// separated by commas or spaces ("1m, 10m", "1m 1h"), or "none". Each step is from one
// minute up to, not including, a day: waits of a day or more are FSRS's to choose.
func ParseSteps(s string) (Steps, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "none") {
		return Steps{}, nil
	}
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	if len(fields) > MaxSteps {
		return nil, fmt.Errorf("%d steps; at most %d", len(fields), MaxSteps)
	}
	out := make(Steps, 0, len(fields))
	for _, f := range fields {
		d, err := time.ParseDuration(f)
		if err != nil {
			return nil, fmt.Errorf("%q is not a duration such as 10m or 1h", f)
		}
		if d < time.Minute || d >= 24*time.Hour || d%time.Minute != 0 {
			return nil, fmt.Errorf("step %s: want whole minutes from 1m to 23h59m (a day or more is FSRS's to choose)", f)
		}
		out = append(out, d)
	}
	return out, nil
}

// String writes the steps as ParseSteps reads them: "none" or "1m, 10m".
func (s Steps) String() string {
	if len(s) == 0 {
		return "none"
	}
	parts := make([]string, len(s))
	for i, d := range s {
		switch {
		case d%time.Hour == 0:
			parts[i] = fmt.Sprintf("%dh", d/time.Hour)
		case d > time.Hour:
			parts[i] = fmt.Sprintf("%dh%dm", d/time.Hour, d%time.Hour/time.Minute)
		default:
			parts[i] = fmt.Sprintf("%dm", d/time.Minute)
		}
	}
	return strings.Join(parts, ", ")
}

// SchedConfig is what the schedulers are made from: the FSRS weights (default or fitted),
// the retention claimed questions are kept at, and the steps of each kind of question.
type SchedConfig struct {
	W              [21]float64
	ClaimRetention float64 // 0: the default retention, as for other questions
	OpenSteps      Steps
	ChoiceSteps    Steps
}

// DefaultSchedConfig is the configuration of a new database: default weights and steps,
// no claim retention of its own.
func DefaultSchedConfig() SchedConfig {
	return SchedConfig{W: srs.DefaultW, OpenSteps: DefaultOpenSteps, ChoiceSteps: DefaultChoiceSteps}
}

// Schedulers are the schedulers a question can be rated with: open and choice questions
// have their own learning steps, and claimed questions are kept at a higher retention. FSRS
// itself (the memory model and its intervals) is the same in all four.
type Schedulers struct {
	Open, Choice           *srs.Scheduler
	ClaimOpen, ClaimChoice *srs.Scheduler
}

// NewSchedulers makes the four schedulers of c.
func NewSchedulers(c SchedConfig) Schedulers {
	mk := func(steps Steps, retention float64) *srs.Scheduler {
		p := srs.DefaultParams()
		p.W = c.W
		p.LearningSteps = steps
		p.RelearningSteps = steps
		if retention > 0 {
			p.DesiredRetention = retention
		}
		return srs.NewScheduler(p)
	}
	return Schedulers{
		Open: mk(c.OpenSteps, 0), Choice: mk(c.ChoiceSteps, 0),
		ClaimOpen: mk(c.OpenSteps, c.ClaimRetention), ClaimChoice: mk(c.ChoiceSteps, c.ClaimRetention),
	}
}

// Only is one scheduler for every question (tests, and tools that replay a log whose
// questions are unknown).
func Only(s *srs.Scheduler) Schedulers { return Schedulers{s, s, s, s} }

// For returns the scheduler for question q; claimed says whether a claim covers it.
func (s Schedulers) For(q *pack.Question, claimed bool) *srs.Scheduler {
	choice := q != nil && q.Kind == pack.KindChoice
	switch {
	case claimed && choice:
		return s.ClaimChoice
	case claimed:
		return s.ClaimOpen
	case choice:
		return s.Choice
	}
	return s.Open
}
