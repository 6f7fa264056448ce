package fit

import (
	"github.com/hotseat/hotseat/internal/srs"
)

// Convention says how elapsed time is counted, and which of the reference
// implementations' small differences the model follows.
type Convention int

const (
	// Hotseat is the model hotseat schedules with (ts-fsrs): elapsed time in whole UTC
	// calendar days, and a same-day Hard never lowers stability.
	Hotseat Convention = iota
	// PyFSRS is py-fsrs's optimizer: elapsed time in whole 24-hour periods, a same-day
	// Hard may lower stability, and stability has no ceiling. It is here so that the fit
	// can be checked against py-fsrs's published figures.
	PyFSRS
)

// model is the FSRS-6 memory model with the weights as variables: the same formulas as
// srs.Scheduler (see ../shared/guide/fsrs.md), carrying gradients.
type model struct {
	conv   Convention
	w      [nw]dual
	decay  dual // -w20
	factor dual // 0.9^(1/decay) - 1
	d0Easy dual // D0(Easy) before clamping: the target of mean reversion
	expW8  dual
}

func newModel(w *[nw]float64, conv Convention) *model {
	m := &model{conv: conv}
	for i := range m.w {
		m.w[i] = weight(w, i)
	}
	m.decay = m.w[20].times(-1)
	m.factor = konst(0.9).pow(konst(1).div(m.decay)).plus(-1)
	m.d0Easy = m.rawInitDifficulty(srs.Easy)
	m.expW8 = m.w[8].exp()
	return m
}

// retrievability is R(t, S) = (1 + F*t/S)^decay.
func (m *model) retrievability(t float64, s dual) dual {
	return m.factor.times(t).div(s).plus(1).pow(m.decay)
}

func (m *model) clampStability(s dual) dual {
	if m.conv == Hotseat {
		return s.clamp(srs.MinStability, srs.MaxStability)
	}
	return s.clampLow(srs.MinStability)
}

func (m *model) rawInitDifficulty(g srs.Rating) dual {
	return m.w[4].sub(m.w[5].times(float64(g - 1)).exp()).plus(1)
}

// init is the memory state after a card's first rating.
func (m *model) init(g srs.Rating) (s, d dual) {
	return m.clampStability(m.w[g-1]), m.rawInitDifficulty(g).clamp(srs.MinDifficulty, srs.MaxDifficulty)
}

// next is the memory state after rating g, elapsed whole days after the last review, at
// retrievability r (computed by the caller from the same elapsed days).
func (m *model) next(s, d dual, elapsed int, r dual, g srs.Rating) (dual, dual) {
	var ns dual
	switch {
	case elapsed == 0:
		ns = m.shortTerm(s, g)
	case g == srs.Again:
		ns = m.forget(s, d, r)
	default:
		ns = m.recall(s, d, r, g)
	}
	return ns, m.nextDifficulty(d, g)
}

func (m *model) nextDifficulty(d dual, g srs.Rating) dual {
	delta := m.w[6].times(-float64(g - 3))
	damped := d.add(konst(10).sub(d).mul(delta).times(1.0 / 9))
	next := m.w[7].mul(m.d0Easy).add(konst(1).sub(m.w[7]).mul(damped))
	return next.clamp(srs.MinDifficulty, srs.MaxDifficulty)
}

func (m *model) shortTerm(s dual, g srs.Rating) dual {
	inc := m.w[17].mul(m.w[18].plus(float64(g - 3))).exp().mul(s.pow(m.w[19].times(-1)))
	floor := srs.Hard // ts-fsrs: a same-day pass never lowers stability
	if m.conv == PyFSRS {
		floor = srs.Good
	}
	if g >= floor {
		inc = inc.clampLow(1)
	}
	return m.clampStability(s.mul(inc))
}

func (m *model) forget(s, d, r dual) dual {
	long := m.w[11].mul(d.pow(m.w[12].times(-1))).
		mul(s.plus(1).pow(m.w[13]).plus(-1)).
		mul(konst(1).sub(r).mul(m.w[14]).exp())
	short := s.div(m.w[17].mul(m.w[18]).exp())
	return m.clampStability(minOf(long, short))
}

func (m *model) recall(s, d, r dual, g srs.Rating) dual {
	inc := m.expW8.mul(konst(11).sub(d)).
		mul(s.pow(m.w[9].times(-1))).
		mul(konst(1).sub(r).mul(m.w[10]).exp().plus(-1))
	switch g {
	case srs.Hard:
		inc = inc.mul(m.w[15])
	case srs.Easy:
		inc = inc.mul(m.w[16])
	}
	return m.clampStability(s.mul(inc.plus(1)))
}
