package drill

import (
	"fmt"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// Result is one graded answer, ready to record.
type Result struct {
	Item     Item
	Answer   string        // the typed answer (empty when answered aloud)
	Picked   []int         // choice questions: the options picked
	Correct  bool          // choice questions: exactly the correct options were picked
	Used     time.Duration // time taken to answer
	Overtime bool
	Aloud    bool
	Coverage score.Coverage // typed coverage, or the candidate's ticks when Aloud
	Rating   srs.Rating
	At       time.Time // when the rating was given
}

// Recorder writes graded answers: the review goes into the log and the card's new state
// into the store, in one committed transaction, before the next question is shown.
type Recorder struct {
	Store *store.Store
	Sched *srs.Scheduler
}

// Record applies the rating to the card and commits both. It returns the card's new state
// and the review as the log holds it (with its ID, which Store.Undo takes back).
func (r *Recorder) Record(card srs.Card, res Result) (srs.Card, store.Review, error) {
	if !res.Rating.Valid() {
		return card, store.Review{}, fmt.Errorf("record %s: no rating given", res.Item.Q.Key())
	}
	if err := res.Item.Q.Body().Err; err != nil {
		// Its text was never shown: a rating would schedule a question the candidate did
		// not see, and record the fingerprint of an empty one.
		return card, store.Review{}, fmt.Errorf("not rated, since the question could not be shown: %w", err)
	}
	next := r.Sched.Review(card, res.Rating, res.At)
	cov := res.Coverage.Fraction()
	if res.Item.Q.Kind == pack.KindChoice {
		cov = 0
		if res.Correct {
			cov = 1
		}
	}
	rv, err := r.Store.Record(store.Review{
		Time:     res.At,
		Pack:     res.Item.Q.PackID,
		Question: res.Item.Q.ID,
		Rating:   res.Rating,
		Seconds:  res.Used.Seconds(),
		Limit:    res.Item.Limit.Seconds(),
		Coverage: cov,
		Aloud:    res.Aloud,
		Overtime: res.Overtime,
		Answer:   res.Answer,
		Reason:   string(res.Item.Reason),
		// The version rated, so that a later pack update can mark the question as changed
		// since the candidate last saw it (store.Seen).
		Fingerprint: res.Item.Q.Fingerprint(),
	}, next)
	if err != nil {
		return card, store.Review{}, fmt.Errorf("save your rating of %s: %w", res.Item.Q.Key(), err)
	}
	return next, rv, nil
}
