package fit

import (
	"math"
	"slices"

	"github.com/hotseat/hotseat/internal/srs"
)

// Pre-training of the initial stabilities, as fsrs-rs does it before gradient descent: for
// each first rating, the recall rate at the card's first review a day or more later,
// grouped by that interval, is fitted with the default forgetting curve by a ternary
// search over S0, with a small pull towards the default S0; ratings never seen first are
// then filled in from the others so that S0(Again) <= S0(Hard) <= S0(Good) <= S0(Easy).

// recallAt is the outcome of first long-term reviews after one first rating and interval.
type recallAt struct {
	days      float64
	recall, n float64
}

// initialStabilities returns the pre-trained w0..w3 and how many cards each first rating
// had; ok is false when no card has a first long-term review.
func initialStabilities(cards []card) (s0 [4]float64, counts [4]int, ok bool) {
	groups := [4]map[int]*recallAt{}
	var pass, all float64
	for _, c := range cards {
		for _, st := range c.steps {
			if !st.predicted() {
				continue
			}
			pass += st.y
			all++
		}
		i := slices.IndexFunc(c.steps, step.predicted)
		if i < 0 {
			continue
		}
		g := c.steps[0].rating - 1
		if groups[g] == nil {
			groups[g] = map[int]*recallAt{}
		}
		st := c.steps[i]
		r := groups[g][st.elapsed]
		if r == nil {
			r = &recallAt{days: float64(st.elapsed)}
			groups[g][st.elapsed] = r
		}
		r.recall += st.y
		r.n++
		counts[g]++
	}
	if all == 0 {
		return srsS0(), counts, false
	}
	average := pass / all
	var found [4]bool
	for g, m := range groups {
		if len(m) == 0 {
			continue
		}
		data := make([]recallAt, 0, len(m))
		for _, r := range m {
			// Laplace smoothing towards the log's average recall.
			data = append(data, recallAt{days: r.days, recall: (r.recall + average) / (r.n + 1), n: r.n})
		}
		s0[g] = searchS0(data, srs.DefaultW[g])
		found[g] = true
	}
	return smoothAndFill(s0, found, counts), counts, true
}

func srsS0() [4]float64 {
	return [4]float64{srs.DefaultW[0], srs.DefaultW[1], srs.DefaultW[2], srs.DefaultW[3]}
}

// searchS0 minimises the count-weighted log loss of the default curve plus |S0 - default|/16
// by ternary search on [0.001, 100].
func searchS0(data []recallAt, def float64) float64 {
	decay := -srs.DefaultW[20]
	factor := math.Pow(0.9, 1/decay) - 1
	loss := func(s float64) float64 {
		l := math.Abs(s-def) / 16
		for _, d := range data {
			p := math.Pow(d.days/s*factor+1, decay)
			l -= (d.recall*math.Log(p) + (1-d.recall)*math.Log(1-p)) * d.n
		}
		return l
	}
	lo, hi := srs.MinStability, 100.0
	best := def
	for i := 0; hi-lo > 1e-9 && i < 1000; i++ {
		m1, m2 := lo+(hi-lo)/3, hi-(hi-lo)/3
		if loss(m1) < loss(m2) {
			hi = m2
		} else {
			lo = m1
		}
		best = (lo + hi) / 2
	}
	return best
}

// smoothAndFill orders the found S0 values (the rating seen more often wins a conflict) and
// derives the missing ones from them in log space, with fsrs-rs's interpolation weights:
// log S0(Hard) = 0.41 log S0(Again) + 0.59 log S0(Good), and
// log S0(Good) = 0.46 log S0(Hard) + 0.54 log S0(Easy).
func smoothAndFill(s0 [4]float64, found [4]bool, counts [4]int) [4]float64 {
	for _, p := range [][2]int{{0, 1}, {1, 2}, {2, 3}, {0, 2}, {1, 3}, {0, 3}} {
		a, b := p[0], p[1]
		if found[a] && found[b] && s0[a] > s0[b] {
			if counts[a] > counts[b] {
				s0[b] = s0[a]
			} else {
				s0[a] = s0[b]
			}
		}
	}
	const w1, w2 = 0.41, 0.54
	var x [4]float64
	n := 0
	for i := range s0 {
		if found[i] {
			x[i] = math.Log(s0[i])
			n++
		}
	}
	switch n {
	case 0:
		return srsS0()
	case 1:
		def := srsS0()
		for i := range found {
			if found[i] {
				f := s0[i] / def[i]
				for j := range def {
					def[j] *= f
				}
				return def
			}
		}
	}
	// The two relations, as coefficients of x0..x3 in c·x = 0.
	eqs := [2][4]float64{
		{-w1, 1, -(1 - w1), 0},
		{0, -(1 - w2), 1, -w2},
	}
	var unknown []int
	for i := range found {
		if !found[i] {
			unknown = append(unknown, i)
		}
	}
	// rhs is the equation's constant once the known values are moved across.
	rhs := func(e [4]float64) float64 {
		r := 0.0
		for i := range found {
			if found[i] {
				r -= e[i] * x[i]
			}
		}
		return r
	}
	switch len(unknown) {
	case 1: // as fsrs-rs: Again and Hard from the first relation, Good and Easy from the second
		u := unknown[0]
		e := eqs[0]
		if u >= 2 {
			e = eqs[1]
		}
		x[u] = rhs(e) / e[u]
	case 2: // both relations, solved together (Cramer's rule)
		u, v := unknown[0], unknown[1]
		a, b, c, d := eqs[0][u], eqs[0][v], eqs[1][u], eqs[1][v]
		e, f := rhs(eqs[0]), rhs(eqs[1])
		det := a*d - b*c
		x[u] = (e*d - b*f) / det
		x[v] = (a*f - e*c) / det
	}
	var out [4]float64
	for i := range out {
		out[i] = min(max(math.Exp(x[i]), srs.MinStability), 100)
	}
	return out
}
