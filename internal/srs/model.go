package srs

import "math"

// Bounds of the memory state. Every stability and difficulty the scheduler returns lies in
// them, whatever the card it was given.
const (
	MinStability  = 0.001 // days
	MaxStability  = 36500 // days, a hundred years
	MinDifficulty = 1.0
	MaxDifficulty = 10.0
)

// paramBounds are the ranges the FSRS optimiser keeps each weight in (ts-fsrs
// FSRS6ParameterBounds, with the w17/w18 ceiling of 2). Weights outside them make the
// formulas blow up (a zero decay divides by zero), so NewScheduler clamps into them.
var paramBounds = [21][2]float64{
	{MinStability, 100}, {MinStability, 100}, {MinStability, 100}, {MinStability, 100},
	{MinDifficulty, MaxDifficulty},
	{0.001, 4}, {0.001, 4}, {0.001, 0.75}, {0, 4.5}, {0, 0.8}, {0.001, 3.5},
	{0.001, 5}, {0.001, 0.25}, {0.001, 0.9}, {0, 4}, {0, 1}, {1, 6},
	{0, 2}, {0, 2}, {0, 0.8}, {0.1, 0.8},
}

// memory is the FSRS memory state of a card.
type memory struct {
	s, d float64
}

// clamp bounds x to [lo, hi]. NaN maps to lo so that no NaN escapes into a card.
func clamp(x, lo, hi float64) float64 {
	if x >= lo {
		if x <= hi {
			return x
		}
		return hi
	}
	return lo
}

// finite reports whether x is neither NaN nor infinite.
func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// forgettingCurve is R(t, S) = (1 + F*t/S)^d: the probability of recall t days after a
// review that left stability S. R(S, S) = 0.9 by construction of F.
func (s *Scheduler) forgettingCurve(t, stability float64) float64 {
	return math.Pow(1+s.factor*t/stability, s.decay)
}

// initStability is S0(G) = w[G-1].
func (s *Scheduler) initStability(g Rating) float64 {
	return clamp(s.w[g-1], MinStability, MaxStability)
}

// rawInitDifficulty is D0(G) = w4 - e^(w5*(G-1)) + 1 before clamping; mean reversion
// needs it unclamped.
func (s *Scheduler) rawInitDifficulty(g Rating) float64 {
	return s.w[4] - math.Exp(s.w[5]*float64(g-1)) + 1
}

// initDifficulty is D0(G) clamped to [1, 10].
func (s *Scheduler) initDifficulty(g Rating) float64 {
	return clamp(s.rawInitDifficulty(g), MinDifficulty, MaxDifficulty)
}

// dampedDifficulty is D + dD*(10-D)/9 with dD = -w6*(G-3): the step shrinks as D nears 10
// so that difficulty saturates instead of sticking at the ceiling ("ease hell").
func (s *Scheduler) dampedDifficulty(d float64, g Rating) float64 {
	delta := -s.w[6] * float64(g-3)
	return d + delta*(10-d)/9
}

// nextDifficulty applies damping, then mean reversion towards D0(Easy) by w7, then clamps.
func (s *Scheduler) nextDifficulty(d float64, g Rating) float64 {
	next := s.w[7]*s.d0Easy + (1-s.w[7])*s.dampedDifficulty(d, g)
	return clamp(next, MinDifficulty, MaxDifficulty)
}

// recallStability is the stability after a successful recall at retrievability r. It also
// accepts Again (no penalty nor bonus), as fsrs-rs's stability_after_success does, which
// the published vectors exercise.
func (s *Scheduler) recallStability(d, stab, r float64, g Rating) float64 {
	mod := 1.0
	switch g {
	case Hard:
		mod = s.w[15]
	case Easy:
		mod = s.w[16]
	}
	inc := s.expW8 * (11 - d) * math.Pow(stab, -s.w[9]) * (math.Exp(s.w[10]*(1-r)) - 1) * mod
	return clamp(stab*(1+inc), MinStability, MaxStability)
}

// forgetStability is the stability after a lapse at retrievability r. It never exceeds the
// old stability divided by e^(w17*w18) (plain S in long-term mode): forgetting must not
// make a memory stronger.
func (s *Scheduler) forgetStability(d, stab, r float64) float64 {
	next := s.w[11] * math.Pow(d, -s.w[12]) * (math.Pow(stab+1, s.w[13]) - 1) * math.Exp(s.w[14]*(1-r))
	return clamp(math.Min(next, stab/s.lapseDiv), MinStability, MaxStability)
}

// shortTermStability is the stability after a review on the same day as the previous one:
// S * e^(w17*(G-3+w18)) * S^-w19, never decreasing on a pass.
func (s *Scheduler) shortTermStability(stab float64, g Rating) float64 {
	inc := math.Exp(s.w[17]*(float64(g-3)+s.w[18])) * math.Pow(stab, -s.w[19])
	if g >= Hard {
		inc = math.Max(inc, 1)
	}
	return clamp(stab*inc, MinStability, MaxStability)
}

// initMemory is the memory state after the first rating of a card.
func (s *Scheduler) initMemory(g Rating) memory {
	return memory{s: s.initStability(g), d: s.initDifficulty(g)}
}

// nextMemory is the memory state after rating g, elapsed whole days after the last review,
// at retrievability r (the caller computes r once for all four ratings).
func (s *Scheduler) nextMemory(m memory, elapsed int, r float64, g Rating) memory {
	var stab float64
	switch {
	case elapsed == 0 && s.p.EnableShortTerm:
		stab = s.shortTermStability(m.s, g)
	case g == Again:
		stab = s.forgetStability(m.d, m.s, r)
	default:
		stab = s.recallStability(m.d, m.s, r, g)
	}
	return memory{s: stab, d: s.nextDifficulty(m.d, g)}
}

// Interval is the number of days (unrounded, unclamped) after which a memory of the given
// stability falls to the given retention: S/F * (r^(1/d) - 1). At r = 0.9 it is S.
func (s *Scheduler) Interval(stability, retention float64) float64 {
	return stability / s.factor * (math.Pow(retention, 1/s.decay) - 1)
}

// scheduledDays turns a stability into whole days at the desired retention:
// clamp(round(I), 1, MaximumInterval).
func (s *Scheduler) scheduledDays(stability float64) int {
	return int(clamp(math.Round(stability*s.modifier), 1, float64(s.p.MaximumInterval)))
}

// ParamBounds returns the range each weight is kept in: what the optimiser clips to and
// NewScheduler clamps into.
func ParamBounds() [21][2]float64 { return paramBounds }
