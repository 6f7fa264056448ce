package fit

import "math"

// nw is the number of FSRS-6 weights.
const nw = 21

// dual is a value with its gradient with respect to the 21 weights: forward-mode automatic
// differentiation. Each operation applies the chain rule to the gradient as it computes
// the value, so the loss of a review arrives with d loss / d w attached, exactly as
// PyTorch's backward pass would compute it, without a tape.
type dual struct {
	v float64
	d [nw]float64
}

// konst is a value that does not depend on the weights.
func konst(v float64) dual { return dual{v: v} }

// weight is w[i] as a variable: its gradient is the i-th unit vector.
func weight(w *[nw]float64, i int) dual {
	x := dual{v: w[i]}
	x.d[i] = 1
	return x
}

func (a dual) add(b dual) dual {
	for i := range a.d {
		a.d[i] += b.d[i]
	}
	a.v += b.v
	return a
}

func (a dual) sub(b dual) dual {
	for i := range a.d {
		a.d[i] -= b.d[i]
	}
	a.v -= b.v
	return a
}

// plus adds a constant.
func (a dual) plus(k float64) dual { a.v += k; return a }

// times multiplies by a constant.
func (a dual) times(k float64) dual {
	for i := range a.d {
		a.d[i] *= k
	}
	a.v *= k
	return a
}

func (a dual) mul(b dual) dual {
	out := dual{v: a.v * b.v}
	for i := range out.d {
		out.d[i] = a.d[i]*b.v + b.d[i]*a.v
	}
	return out
}

func (a dual) div(b dual) dual {
	out := dual{v: a.v / b.v}
	inv := 1 / (b.v * b.v)
	for i := range out.d {
		out.d[i] = (a.d[i]*b.v - b.d[i]*a.v) * inv
	}
	return out
}

// exp is e^a.
func (a dual) exp() dual {
	v := math.Exp(a.v)
	return a.chain(v, v)
}

// pow is a^b with both variable: d = a^b (b' ln a + b a'/a).
func (a dual) pow(b dual) dual {
	v := math.Pow(a.v, b.v)
	out := dual{v: v}
	la := math.Log(a.v)
	k := v * b.v / a.v
	for i := range out.d {
		out.d[i] = v*la*b.d[i] + k*a.d[i]
	}
	return out
}

// chain returns f(a) with value v and derivative f'(a) = dv.
func (a dual) chain(v, dv float64) dual {
	for i := range a.d {
		a.d[i] *= dv
	}
	a.v = v
	return a
}

// clampLow is max(a, lo) as torch.clamp(min=lo) computes it: below lo the value is lo and
// the gradient zero.
func (a dual) clampLow(lo float64) dual {
	if a.v < lo {
		return konst(lo)
	}
	return a
}

// clamp is torch.clamp(a, lo, hi).
func (a dual) clamp(lo, hi float64) dual {
	if a.v > hi {
		return konst(hi)
	}
	return a.clampLow(lo)
}

// minOf is Python's min(a, b): a unless b is smaller, the gradient following the value.
func minOf(a, b dual) dual {
	if b.v < a.v {
		return b
	}
	return a
}

// detach drops the gradient, as tensor.detach() does.
func (a dual) detach() dual { return konst(a.v) }
