package fit

import (
	"cmp"
	"maps"
	"math"
	"slices"
	"time"
)

// Metrics measure how well weights predict a log's recalls: lower is better for both.
type Metrics struct {
	// LogLoss is the mean binary cross-entropy of the predicted retrievability.
	LogLoss float64
	// RMSE is srs-benchmark's RMSE (bins): predictions and outcomes grouped by interval
	// length, number of earlier reviews and number of lapses (each on a logarithmic scale),
	// then the root of the review-weighted mean squared difference between each bin's mean
	// prediction and its recall rate.
	RMSE float64
	// N is the number of reviews predicted.
	N int
}

type binKey struct{ interval, reviews, lapses int }

type bin struct{ n, p, y float64 }

// logBin is floor(log_base(x)): the bin of x on srs-benchmark's logarithmic scales.
func logBin(x, base float64) int { return int(math.Floor(math.Log(x) / math.Log(base))) }

// evaluate runs every card through weights w and scores the predicted reviews made at or
// after from (all of them when from is zero).
func evaluate(cards []card, w [nw]float64, conv Convention, from time.Time) Metrics {
	m := newModel(&w, conv)
	bins := map[binKey]*bin{}
	var sum float64
	var n int
	for _, c := range cards {
		var s, d dual
		lapses := 0
		for i, st := range c.steps {
			if st.first {
				s, d = m.init(st.rating)
			} else {
				r := m.retrievability(float64(st.elapsed), s)
				if st.predicted() && !st.at.Before(from) {
					loss, _ := bce(r.v, st.y)
					sum += loss
					n++
					k := binKey{interval: logBin(float64(st.elapsed), 3.62), reviews: logBin(float64(i), 1.89), lapses: -1}
					if lapses > 0 {
						k.lapses = logBin(float64(lapses), 1.73)
					}
					b := bins[k]
					if b == nil {
						b = &bin{}
						bins[k] = b
					}
					b.n++
					b.p += r.v
					b.y += st.y
				}
				s, d = m.next(s, d, st.elapsed, r, st.rating)
			}
			if st.rating == 1 {
				lapses++
			}
		}
	}
	if n == 0 {
		return Metrics{}
	}
	// Sum in a fixed order: a map's order would change the last digits from run to run.
	keys := slices.SortedFunc(maps.Keys(bins), func(a, b binKey) int {
		return cmp.Or(cmp.Compare(a.interval, b.interval), cmp.Compare(a.reviews, b.reviews), cmp.Compare(a.lapses, b.lapses))
	})
	var sq float64
	for _, k := range keys {
		b := bins[k]
		diff := b.p/b.n - b.y/b.n
		sq += b.n * diff * diff
	}
	return Metrics{LogLoss: sum / float64(n), RMSE: math.Sqrt(sq / float64(n)), N: n}
}

// Evaluate scores weights w on a log.
func Evaluate(reviews []Review, w [nw]float64, opt Options) Metrics {
	return evaluate(prepare(reviews, opt.Convention, opt.MaxSeqLen), w, opt.Convention, time.Time{})
}
