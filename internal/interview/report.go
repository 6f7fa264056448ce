package interview

import (
	"time"

	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
)

// Report is a round as it is saved, listed and shown: what was asked, what was answered,
// how each answer was graded, and the scorecard.
type Report struct {
	ID      string        `json:"id"`
	Started time.Time     `json:"started"`
	Minutes int           `json:"minutes"`
	Level   string        `json:"level"`
	Focus   []string      `json:"focus,omitempty"`
	Seed    uint64        `json:"seed"`
	Pair    bool          `json:"pair,omitempty"` // asked aloud by a person (--interviewer)
	Seconds int           `json:"seconds"`        // time the answers took
	Budget  []PhaseBudget `json:"budget"`
	Answers []Answer      `json:"answers"`
	Probes  []Probe       `json:"probes,omitempty"`
	// YourQuestions is the review of the candidate's questions for the interviewer.
	YourQuestions []string  `json:"your_questions,omitempty"`
	Scorecard     Scorecard `json:"scorecard"`
	Finished      bool      `json:"finished"`
}

// PhaseBudget is one phase's share of the round.
type PhaseBudget struct {
	Phase   string `json:"phase"`
	Seconds int    `json:"seconds"`
}

// Answer is one question of the round and its answer, graded.
type Answer struct {
	Phase      string `json:"phase"`
	Key        string `json:"key,omitempty"`
	Title      string `json:"title"`
	Level      string `json:"level,omitempty"`
	Depth      int    `json:"depth,omitempty"`        // follow-ups deep
	FollowUpOf string `json:"follow_up_of,omitempty"` // the question it followed up
	// FollowedUpWith is the follow-up this answer earned (it missed key points).
	FollowedUpWith string        `json:"followed_up_with,omitempty"`
	Claim          string        `json:"claim,omitempty"`
	Text           string        `json:"text"`
	Aloud          bool          `json:"aloud,omitempty"`
	Seconds        int           `json:"seconds"`
	Limit          int           `json:"limit"`
	Over           bool          `json:"overtime,omitempty"` // took longer than its limit
	Points         []PointResult `json:"points,omitempty"`
	Credit         float64       `json:"credit"`
	Total          int           `json:"total"`
	Flags          []Flag        `json:"flags,omitempty"`
	Model          string        `json:"model,omitempty"` // the model answer as it was
	Rating         srs.Rating    `json:"rating,omitempty"`
	Reason         string        `json:"reason,omitempty"`
	// Coverage is the grader's verdict the answer was scored from, for the schedule's
	// record of it; not saved with the round (Points say it for the report).
	Coverage score.Coverage `json:"-"`
}

// Share is the credited share of the key points, 0 to 1.
func (a Answer) Share() float64 {
	if a.Total == 0 {
		return 0
	}
	return a.Credit / float64(a.Total)
}

// Overtime reports whether the answer took longer than its limit, as its rating saw it.
func (a Answer) Overtime() bool { return a.Over }

// PointResult is one key point and whether the answer made it.
type PointResult struct {
	Text     string   `json:"text"`
	State    string   `json:"state"` // covered, half, missed, wrong
	Evidence []string `json:"evidence,omitempty"`
}

// Flag is a red flag in an answer, quoting its sentence.
type Flag struct {
	Rule     string `json:"rule"`
	Name     string `json:"name"`
	Sentence string `json:"sentence"`
}

// Probe is how far up its ladder a claim held.
type Probe struct {
	Claim   string   `json:"claim"`
	Tags    []string `json:"tags"`
	Rungs   []Rung   `json:"rungs"`
	Stopped bool     `json:"stopped"` // a rung was missed
}

// Rung is one question of a claim's ladder.
type Rung struct {
	Key    string  `json:"key"`
	Level  string  `json:"level"`
	Share  float64 `json:"share"`
	Strong bool    `json:"strong"`
}

// Scorecard is the verdict of a round.
type Scorecard struct {
	Scores    []CompetencyScore `json:"scores"`
	Verdict   string            `json:"verdict"` // strong hire, hire, lean no hire, no hire
	Reasons   []string          `json:"reasons"`
	DrillNext []DrillItem       `json:"drill_next"`
}

// CompetencyScore is one competency rated 1 to 4 (0: not assessed), with its evidence.
type CompetencyScore struct {
	Competency Competency `json:"competency"`
	Name       string     `json:"name"`
	Score      int        `json:"score"`
	Evidence   []string   `json:"evidence"`
}

// DrillItem is a question to drill next, and why.
type DrillItem struct {
	Key    string   `json:"key"`
	Title  string   `json:"title"`
	Missed []string `json:"missed"`
}
