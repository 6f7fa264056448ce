// Package srs implements the FSRS-6 spaced-repetition scheduler as pure functions over a
// Card value. It has no clock and does no I/O: callers pass the time of every review.
package srs

import "time"

// Rating is the candidate's grade of one answer.
type Rating int

// The four FSRS ratings.
const (
	Again Rating = 1
	Hard  Rating = 2
	Good  Rating = 3
	Easy  Rating = 4
)

// String returns the rating's name as shown on rating keys.
func (r Rating) String() string {
	switch r {
	case Again:
		return "Again"
	case Hard:
		return "Hard"
	case Good:
		return "Good"
	case Easy:
		return "Easy"
	}
	return "Rating(?)"
}

// Valid reports whether r is one of Again, Hard, Good or Easy.
func (r Rating) Valid() bool { return r >= Again && r <= Easy }

// State is where a card is in its life cycle.
type State int

// Card states, numbered as in ts-fsrs.
const (
	New        State = 0
	Learning   State = 1
	Review     State = 2
	Relearning State = 3
)

// String returns the state's name.
func (s State) String() string {
	switch s {
	case New:
		return "New"
	case Learning:
		return "Learning"
	case Review:
		return "Review"
	case Relearning:
		return "Relearning"
	}
	return "State(?)"
}

// Card is the scheduling state of one question. Its zero value is a new card.
type Card struct {
	State      State
	Step       int       // index into the (re)learning steps while Learning or Relearning
	Stability  float64   // days until retrievability falls to 90%
	Difficulty float64   // 1 (easy) to 10 (hard)
	Due        time.Time // when the card should next be asked
	LastReview time.Time // zero for a card never reviewed
	Reps       int       // number of reviews
	Lapses     int       // number of times a Review card was rated Again
}

// Params are the scheduler's settings. NewScheduler repairs values out of range (see its
// doc), so the zero Params is usable: default weights, long-term scheduling, no fuzz.
type Params struct {
	// W are the 21 FSRS-6 weights; all zero means DefaultW.
	W [21]float64
	// DesiredRetention is the probability of recall at which a card falls due, in (0, 1].
	DesiredRetention float64
	// LearningSteps are the waits of a card in Learning (used only with EnableShortTerm).
	LearningSteps []time.Duration
	// RelearningSteps are the waits of a lapsed card in Relearning (only with EnableShortTerm).
	RelearningSteps []time.Duration
	// MaximumInterval caps every scheduled interval, in days.
	MaximumInterval int
	// EnableFuzz spreads Review intervals of 2.5 days and more over a small range, so that
	// cards learnt together do not stay due together for ever.
	EnableFuzz bool
	// EnableShortTerm turns on the short-term model: (re)learning steps for new and lapsed
	// cards and the same-day stability formula for reviews on the day of the last one.
	// Off, every rating schedules whole days (ts-fsrs's long-term scheduler), which is what
	// a once-a-day session without steps wants.
	EnableShortTerm bool
}

// DefaultW are the default FSRS-6 parameters (June 2025 onward).
var DefaultW = [21]float64{
	0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
	1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
}

// DefaultParams returns the default parameters: retention 0.9, learning steps 1m and 10m,
// relearning step 10m, maximum interval 36500 days, fuzz on, short-term model on.
func DefaultParams() Params {
	return Params{
		W:                DefaultW,
		DesiredRetention: 0.9,
		LearningSteps:    []time.Duration{time.Minute, 10 * time.Minute},
		RelearningSteps:  []time.Duration{10 * time.Minute},
		MaximumInterval:  36500,
		EnableFuzz:       true,
		EnableShortTerm:  true,
	}
}
