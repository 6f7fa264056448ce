// Package fit fits the 21 FSRS-6 weights to a review log: the optimiser of py-fsrs and
// fsrs-rs, in pure Go. The loss is the binary cross-entropy of the predicted
// retrievability over every review made a day or more after the card's previous one
// (same-day reviews move the memory state through the short-term formula but are not
// predicted); the training is Adam over mini-batches of 512 reviews with a cosine learning
// rate, weights clipped to their bounds after each step, for 5 epochs, keeping the epoch
// with the lowest loss over the whole log. Gradients are exact (forward-mode automatic
// differentiation), and the result is deterministic for a given log.
package fit

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/hotseat/hotseat/internal/srs"
)

// Review is one rating in a review log.
type Review struct {
	Card   string // any id; cards are visited in id order (numerically when ids are numbers)
	Rating srs.Rating
	Time   time.Time
}

// Options are the training's hyper-parameters; DefaultOptions are py-fsrs's.
type Options struct {
	Convention   Convention
	Epochs       int
	BatchSize    int     // reviews per gradient step
	LearningRate float64 // Adam's, annealed to 0 over the run by a cosine
	MaxSeqLen    int     // only each card's first MaxSeqLen reviews are used
	Seed         uint32  // of the card shuffle before each epoch
	// Gamma weighs fsrs-rs's L2 penalty that keeps the weights near the starting ones,
	// each in units of its spread across Anki users (0: none, as py-fsrs).
	Gamma float64
	// Recency weighs each review's loss by how recent it is, as fsrs-rs does: from 0.25 for
	// the oldest review to 1 for the newest, along a cubic, so the fit leans towards the
	// candidate's memory as it is now.
	Recency bool
	// Pretrain fits the initial stabilities w0..w3 to the first long-term reviews before
	// gradient descent starts, and smooths them after it, as fsrs-rs does.
	Pretrain bool
	// Progress, when set, is called after every gradient step with the steps done and the
	// steps in all.
	Progress func(done, total int)
}

// DefaultOptions returns py-fsrs's hyper-parameters with hotseat's day counting.
func DefaultOptions() Options {
	return Options{Convention: Hotseat, Epochs: 5, BatchSize: 512, LearningRate: 4e-2, MaxSeqLen: 64, Seed: 42}
}

// MinReviews is the number of predictable reviews (a day or more after the card's previous
// review) below which there is too little to fit: one mini-batch, as py-fsrs requires.
const MinReviews = 512

// TooFewError says the log is too small to fit.
type TooFewError struct {
	Have, Need int // predictable reviews
	Total      int // reviews in the log
}

func (e *TooFewError) Error() string {
	return fmt.Sprintf("%d of the %d reviews were made a day or more after the question's previous review; fitting needs at least %d", e.Have, e.Total, e.Need)
}

// step is one review of a card, prepared for training.
type step struct {
	rating  srs.Rating
	at      time.Time
	elapsed int     // days since the card's previous review, by the convention
	y       float64 // 1 when recalled (any rating but Again)
	weight  float64 // of its loss in training
	first   bool
}

// card is one card's reviews in time order, at most MaxSeqLen of them.
type card struct {
	id    string
	steps []step
}

// predicted reports whether a step's outcome is predicted and counts in the loss.
func (s step) predicted() bool { return !s.first && s.elapsed > 0 }

// prepare groups reviews by card, sorted by time (stable, so reviews at the same instant
// keep their order), cards by id, and keeps each card's first maxSeq reviews.
func prepare(reviews []Review, conv Convention, maxSeq int) []card {
	byCard := map[string][]Review{}
	var ids []string
	for _, r := range reviews {
		if _, ok := byCard[r.Card]; !ok {
			ids = append(ids, r.Card)
		}
		byCard[r.Card] = append(byCard[r.Card], r)
	}
	slices.SortFunc(ids, compareIDs)
	cards := make([]card, 0, len(ids))
	for _, id := range ids {
		rs := byCard[id]
		slices.SortStableFunc(rs, func(a, b Review) int { return a.Time.Compare(b.Time) })
		if maxSeq > 0 && len(rs) > maxSeq {
			rs = rs[:maxSeq]
		}
		c := card{id: id, steps: make([]step, len(rs))}
		for i, r := range rs {
			st := step{rating: r.Rating, at: r.Time, first: i == 0}
			if r.Rating > srs.Again {
				st.y = 1
			}
			if i > 0 {
				st.elapsed = elapsedDays(rs[i-1].Time, r.Time, conv)
			}
			c.steps[i] = st
		}
		cards = append(cards, c)
	}
	return cards
}

// compareIDs orders numeric ids as numbers (Anki's card ids are millisecond timestamps)
// and others as strings.
func compareIDs(a, b string) int {
	x, errA := strconv.ParseInt(a, 10, 64)
	y, errB := strconv.ParseInt(b, 10, 64)
	if errA == nil && errB == nil {
		return cmp.Compare(x, y)
	}
	return cmp.Compare(a, b)
}

func elapsedDays(from, to time.Time, conv Convention) int {
	if conv == PyFSRS {
		return int(to.Sub(from) / (24 * time.Hour)) // timedelta.days of a non-negative span
	}
	return max(srs.ElapsedDays(from, to), 0)
}

// weigh sets each predicted step's weight: 1, or by its rank in time with recency.
func weigh(cards []card, recency bool) {
	var all []*step
	for ci := range cards {
		for si := range cards[ci].steps {
			st := &cards[ci].steps[si]
			st.weight = 1
			if st.predicted() {
				all = append(all, st)
			}
		}
	}
	if !recency || len(all) < 2 {
		return
	}
	slices.SortStableFunc(all, func(a, b *step) int { return a.at.Compare(b.at) })
	last := float64(len(all) - 1)
	for i, st := range all {
		x := float64(i) / last
		st.weight = 0.25 + 0.75*x*x*x
	}
}

// countPredicted is the number of reviews that count in the loss.
func countPredicted(cards []card) int {
	n := 0
	for _, c := range cards {
		for _, s := range c.steps {
			if s.predicted() {
				n++
			}
		}
	}
	return n
}

// bce is PyTorch's BCELoss of prediction p against label y, its logs clamped at -100, and
// its derivative in p.
func bce(p, y float64) (loss, grad float64) {
	loss = -(y*max(math.Log(p), -100) + (1-y)*max(math.Log(1-p), -100))
	grad = (p - y) / max((1-p)*p, 1e-12)
	return loss, grad
}

// adam is torch.optim.Adam with its defaults (betas 0.9 and 0.999, eps 1e-8).
type adam struct {
	m, v [nw]float64
	t    int
}

func (a *adam) step(w *[nw]float64, g *[nw]float64, lr float64) {
	const b1, b2, eps = 0.9, 0.999, 1e-8
	a.t++
	bc1 := 1 - math.Pow(b1, float64(a.t))
	bc2 := 1 - math.Pow(b2, float64(a.t))
	for i := range w {
		a.m[i] += (g[i] - a.m[i]) * (1 - b1)
		a.v[i] = a.v[i]*b2 + (1-b2)*g[i]*g[i]
		denom := math.Sqrt(a.v[i])/math.Sqrt(bc2) + eps
		w[i] -= lr / bc1 * a.m[i] / denom
	}
}

// paramsStddev is the spread of each weight across Anki users (fsrs-rs PARAMS_STDDEV):
// the scale of the L2 penalty.
var paramsStddev = [nw]float64{
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6, 0.12, 0.39, 0.18, 0.33, 0.3, 0.09, 0.16, 0.57, 0.25,
	1.03, 0.31, 0.32, 0.14, 0.27,
}

// penalize adds the gradient of fsrs-rs's penalty gamma*b/n * sum(((w-w0)/sd)^2) for a
// batch of b of n reviews. fsrs-rs adds it to the batch's mean loss; here the batch loss
// is a sum (as py-fsrs), so the penalty is scaled by b as well.
func penalize(grad, w, w0 *[nw]float64, gamma float64, b, n int) {
	if gamma == 0 {
		return
	}
	scale := gamma * float64(b) * float64(b) / float64(n)
	for i := range grad {
		grad[i] += 2 * (w[i] - w0[i]) / (paramsStddev[i] * paramsStddev[i]) * scale
	}
}

// clip keeps every weight in its bounds.
func clip(w *[nw]float64) {
	b := srs.ParamBounds()
	for i := range w {
		w[i] = min(max(w[i], b[i][0]), b[i][1])
	}
}

// ErrNoProgress is returned when training produced no finite weights.
var ErrNoProgress = errors.New("the fit diverged: no epoch gave a finite loss")

// train runs the optimiser from init over cards and returns the weights of the epoch with
// the lowest loss over cards. done and total drive opt.Progress across several trainings.
func train(cards []card, init [nw]float64, opt Options, done *int, total int) ([nw]float64, float64, error) {
	n := countPredicted(cards)
	if n < max(opt.BatchSize, 1) {
		return init, math.Inf(1), &TooFewError{Have: n, Need: max(opt.BatchSize, 1)}
	}
	weigh(cards, opt.Recency)
	var (
		found  [4]bool
		counts [4]int
	)
	if opt.Pretrain {
		var s0 [4]float64
		var ok bool
		if s0, counts, ok = initialStabilities(cards); ok {
			copy(init[:4], s0[:])
			for i := range found {
				found[i] = counts[i] > 0
			}
		}
	}
	stepsPerEpoch := (n + opt.BatchSize - 1) / opt.BatchSize
	tMax := stepsPerEpoch * opt.Epochs

	order := make([]int, len(cards))
	for i := range order {
		order[i] = i
	}
	rng := newPyRandom(opt.Seed)
	w := init
	var opti adam
	best, bestLoss := init, math.Inf(1)
	k := 0 // gradient steps taken
	for range opt.Epochs {
		shuffle(rng, order)
		m := newModel(&w, opt.Convention)
		var grad [nw]float64
		inBatch := 0
		update := func() {
			lr := opt.LearningRate * (1 + math.Cos(math.Pi*float64(k)/float64(tMax))) / 2
			opti.step(&w, &grad, lr)
			clip(&w)
			k++
			grad = [nw]float64{}
			inBatch = 0
			m = newModel(&w, opt.Convention)
			*done++
			if opt.Progress != nil {
				opt.Progress(*done, total)
			}
		}
		for _, ci := range order {
			var s, d dual
			for _, st := range cards[ci].steps {
				if st.first {
					s, d = m.init(st.rating)
					continue
				}
				r := m.retrievability(float64(st.elapsed), s)
				if st.predicted() {
					_, g := bce(r.v, st.y)
					g *= st.weight
					for i := range grad {
						grad[i] += g * r.d[i]
					}
					inBatch++
				}
				s, d = m.next(s, d, st.elapsed, r, st.rating)
				if inBatch == opt.BatchSize {
					penalize(&grad, &w, &init, opt.Gamma, inBatch, n)
					update()
					s, d = s.detach(), d.detach()
				}
			}
		}
		if inBatch > 0 {
			penalize(&grad, &w, &init, opt.Gamma, inBatch, n)
			update()
		}
		if loss := evaluate(cards, w, opt.Convention, time.Time{}).LogLoss; loss < bestLoss {
			best, bestLoss = w, loss
		}
	}
	if math.IsInf(bestLoss, 1) || math.IsNaN(bestLoss) {
		return init, bestLoss, ErrNoProgress
	}
	if opt.Pretrain {
		s0 := smoothAndFill([4]float64(best[:4]), found, counts)
		copy(best[:4], s0[:])
		bestLoss = evaluate(cards, best, opt.Convention, time.Time{}).LogLoss
	}
	return best, bestLoss, nil
}
