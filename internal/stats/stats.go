// Package stats summarises the candidate's progress from the review log and card states:
// what `hotseat stats` prints and what the home screen shows.
package stats

import (
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// ActivityDays is the length of the activity strip.
const ActivityDays = 14

// Stats is the candidate's progress at one moment.
type Stats struct {
	ReviewsTotal int                  `json:"reviews_total"`
	ReviewsToday int                  `json:"reviews_today"`
	DueNow       int                  `json:"due_now"`
	NewAvailable int                  `json:"new_available"`
	NewToday     int                  `json:"new_today"`
	StreakDays   int                  `json:"streak_days"`
	Activity     []int                `json:"activity"` // reviews per day, oldest first, today last
	ByPack       map[string]PackStats `json:"by_pack"`
	// Scheduler says which FSRS parameters schedule the candidate; the caller fills it.
	Scheduler Scheduler `json:"scheduler"`
}

// Scheduler describes the scheduler's parameters.
type Scheduler struct {
	Parameters      string     `json:"parameters"` // "default" or "fitted" (hotseat optimize)
	FittedAt        *time.Time `json:"fitted_at,omitempty"`
	ReviewsSinceFit int        `json:"reviews_since_fit"` // all reviews when never fitted
	// SuggestOptimize is set when enough reviews have come in to fit the parameters (again).
	SuggestOptimize bool `json:"suggest_optimize"`
}

// PackStats is progress on one pack.
type PackStats struct {
	Questions int `json:"questions"`
	Seen      int `json:"seen"`
	Due       int `json:"due"`
	Reviews   int `json:"reviews"`
}

// Input is what stats are computed from.
type Input struct {
	Lib       *pack.Library
	Cards     map[string]srs.Card
	Reviews   func(fn func(store.Review) error) error // the log, oldest first
	Now       time.Time                               // its location decides what "today" is
	NewPerDay int
}

// Compute reads the whole log once. Days are calendar days in the location of in.Now.
func Compute(in Input) (Stats, error) {
	s := Stats{Activity: make([]int, ActivityDays), ByPack: map[string]PackStats{}}
	today := dayNumber(in.Now)
	first := map[string]int64{} // question key -> day of its first review
	active := map[int64]bool{}
	err := in.Reviews(func(r store.Review) error {
		s.ReviewsTotal++
		d := dayNumber(r.Time.In(in.Now.Location()))
		active[d] = true
		if d == today {
			s.ReviewsToday++
		}
		if ago := today - d; ago >= 0 && ago < ActivityDays {
			s.Activity[ActivityDays-1-ago]++
		}
		k := store.Key(r.Pack, r.Question)
		if _, ok := first[k]; !ok {
			first[k] = d
			if d == today {
				s.NewToday++
			}
		}
		ps := s.ByPack[r.Pack]
		ps.Reviews++
		s.ByPack[r.Pack] = ps
		return nil
	})
	if err != nil {
		return s, err
	}
	// A streak counts today once there is a review today, and is not broken before then.
	day := today
	if !active[day] {
		day--
	}
	for active[day] {
		s.StreakDays++
		day--
	}
	unseen := 0
	for _, pk := range in.Lib.Packs {
		ps := s.ByPack[pk.ID]
		ps.Questions = len(pk.Questions)
		for _, q := range pk.Questions {
			c, ok := in.Cards[q.Key()]
			if !ok || c.State == srs.New {
				unseen++
				continue
			}
			ps.Seen++
			if !c.Due.After(in.Now) {
				ps.Due++
				s.DueNow++
			}
		}
		s.ByPack[pk.ID] = ps
	}
	s.NewAvailable = max(0, min(in.NewPerDay-s.NewToday, unseen))
	return s, nil
}

// dayNumber counts calendar days in t's location, so that consecutive dates differ by one
// whatever the daylight-saving shifts.
func dayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}
