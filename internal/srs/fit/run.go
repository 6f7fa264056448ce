package fit

import (
	"time"

	"github.com/hotseat/hotseat/internal/srs"
)

// Report is the outcome of Run: the weights fitted to the whole log, how well the default
// and the fitted weights predict it, and the honest version of that comparison: weights
// fitted on the reviews of the first 80 % of the time the log covers, scored on the
// reviews of the last 20 %, which they never saw.
type Report struct {
	Reviews        int         `json:"reviews"` // reviews predicted (a day or more after the previous one)
	LogLossBefore  float64     `json:"log_loss_before"`
	LogLossAfter   float64     `json:"log_loss_after"`
	RMSEBefore     float64     `json:"rmse_before"`
	RMSEAfter      float64     `json:"rmse_after"`
	HoldoutBefore  float64     `json:"holdout_before"`
	HoldoutAfter   float64     `json:"holdout_after"`
	HoldoutReviews int         `json:"holdout_reviews"`
	Parameters     [21]float64 `json:"parameters"`
}

// HoldoutShare is the share of the log's time span, the most recent, kept out of the
// honest fit.
const HoldoutShare = 0.2

// Run fits weights to reviews starting from init (srs.DefaultW for a first fit) and
// evaluates them. It returns a *TooFewError when the log, or its first 80 %, has fewer
// predictable reviews than one mini-batch.
func Run(reviews []Review, init [21]float64, opt Options) (Report, error) {
	cards := prepare(reviews, opt.Convention, opt.MaxSeqLen)
	n := countPredicted(cards)
	if n < MinReviews {
		return Report{}, &TooFewError{Have: n, Need: MinReviews, Total: len(reviews)}
	}
	split := splitTime(cards)
	var early []card
	for _, c := range cards {
		i := 0
		for i < len(c.steps) && c.steps[i].at.Before(split) {
			i++
		}
		if i > 0 {
			early = append(early, card{id: c.id, steps: c.steps[:i]})
		}
	}
	if m := countPredicted(early); m < MinReviews {
		return Report{}, &TooFewError{Have: m, Need: MinReviews, Total: len(reviews)}
	}

	total := steps(n, opt) + steps(countPredicted(early), opt)
	done := 0
	w, _, err := train(cards, init, opt, &done, total)
	if err != nil {
		return Report{}, err
	}
	wEarly, _, err := train(early, init, opt, &done, total)
	if err != nil {
		return Report{}, err
	}
	before := evaluate(cards, srs.DefaultW, opt.Convention, time.Time{})
	after := evaluate(cards, w, opt.Convention, time.Time{})
	hBefore := evaluate(cards, srs.DefaultW, opt.Convention, split)
	hAfter := evaluate(cards, wEarly, opt.Convention, split)
	return Report{
		Reviews:        n,
		LogLossBefore:  before.LogLoss,
		LogLossAfter:   after.LogLoss,
		RMSEBefore:     before.RMSE,
		RMSEAfter:      after.RMSE,
		HoldoutBefore:  hBefore.LogLoss,
		HoldoutAfter:   hAfter.LogLoss,
		HoldoutReviews: hBefore.N,
		Parameters:     w,
	}, nil
}

// steps is the number of gradient steps of one training on n predictable reviews.
func steps(n int, opt Options) int {
	return (n + opt.BatchSize - 1) / opt.BatchSize * opt.Epochs
}

// splitTime is the start of the last HoldoutShare of the time the log covers, from its
// first review to its last.
func splitTime(cards []card) time.Time {
	var first, last time.Time
	for _, c := range cards {
		for _, s := range c.steps {
			if first.IsZero() || s.at.Before(first) {
				first = s.at
			}
			if s.at.After(last) {
				last = s.at
			}
		}
	}
	return first.Add(time.Duration(float64(last.Sub(first)) * (1 - HoldoutShare)))
}
