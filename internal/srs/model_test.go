package srs

import (
	"math"
	"testing"
	"time"
)

// tol is the tolerance of the published vectors: fsrs-rs computes in float32.
const tol = 1e-4

// vectorScheduler is the scheduler of the published vectors: default FSRS-6 weights,
// retention 0.9, fuzz off.
func vectorScheduler() *Scheduler {
	p := DefaultParams()
	p.EnableFuzz = false
	return NewScheduler(p)
}

func near(got, want, eps float64) bool { return math.Abs(got-want) <= eps }

// fsrs-rs test_power_forgetting_curve.
func TestForgettingCurveVector(t *testing.T) {
	s := vectorScheduler()
	tests := []struct{ t, s, want float64 }{
		{0, 1, 1.0},
		{1, 2, 0.9403443},
		{2, 3, 0.9253786},
		{3, 4, 0.9185229},
		{4, 4, 0.9},
		{5, 2, 0.8261359},
	}
	for _, tt := range tests {
		if got := s.forgettingCurve(tt.t, tt.s); !near(got, tt.want, tol) {
			t.Errorf("R(t=%v, S=%v) = %v, want %v", tt.t, tt.s, got, tt.want)
		}
	}
}

// fsrs-rs test_next_difficulty.
func TestNextDifficultyVector(t *testing.T) {
	s := vectorScheduler()
	tests := []struct {
		g             Rating
		damped, final float64
	}{
		{Again, 8.354889, 8.341763},
		{Hard, 6.6774445, 6.6659956},
		{Good, 5.0, 4.990228},
		{Easy, 3.3225555, 3.3144615},
	}
	for _, tt := range tests {
		if got := s.dampedDifficulty(5, tt.g); !near(got, tt.damped, tol) {
			t.Errorf("damped D(5, %v) = %v, want %v", tt.g, got, tt.damped)
		}
		if got := s.nextDifficulty(5, tt.g); !near(got, tt.final, tol) {
			t.Errorf("next D(5, %v) = %v, want %v", tt.g, got, tt.final)
		}
	}
}

// fsrs-rs test_next_stability: success, failure and same-day, all from S = 5.
func TestNextStabilityVector(t *testing.T) {
	s := vectorScheduler()
	ds := []float64{1, 2, 3, 4}
	rs := []float64{0.9, 0.8, 0.7, 0.6}
	success := []float64{25.602541, 28.226582, 58.656002, 127.226685}
	failure := []float64{1.0525396, 1.1894329, 1.3680838, 1.584989}
	shortTerm := []float64{1.596818, 5.0, 5.0, 8.12961}
	for i, g := range []Rating{Again, Hard, Good, Easy} {
		if got := s.recallStability(ds[i], 5, rs[i], g); !near(got, success[i], tol) {
			t.Errorf("success S(D=%v, R=%v, %v) = %v, want %v", ds[i], rs[i], g, got, success[i])
		}
		if got := s.forgetStability(ds[i], 5, rs[i]); !near(got, failure[i], tol) {
			t.Errorf("failure S(D=%v, R=%v) = %v, want %v", ds[i], rs[i], got, failure[i])
		}
		if got := s.shortTermStability(5, g); !near(got, shortTerm[i], tol) {
			t.Errorf("short-term S(%v) = %v, want %v", g, got, shortTerm[i])
		}
	}
}

// fsrs-rs test_next_interval: S = 1, retention 0.1 to 1.0, rounded, at least 1, no maximum.
// fsrs-rs gets 3116766 for the first in float32; float64 gives 3116769.
func TestIntervalVector(t *testing.T) {
	s := vectorScheduler()
	want := []float64{3116769, 34793, 2508, 387, 90, 27, 9, 3, 1, 1}
	for i, w := range want {
		r := float64(i+1) / 10
		if got := max(math.Round(s.Interval(1, r)), 1); got != w {
			t.Errorf("I(S=1, r=%v) = %v, want %v", r, got, w)
		}
	}
	if got := s.Interval(7.5, 0.9); !near(got, 7.5, 1e-9) {
		t.Errorf("I(S, 0.9) = %v, want S = 7.5", got)
	}
}

func TestInitialMemory(t *testing.T) {
	s := vectorScheduler()
	wantD := []float64{6.4133, 5.112171, 2.118104, 1} // D0(Easy) = -4.77 clamps to 1
	for g := Again; g <= Easy; g++ {
		m := s.initMemory(g)
		if m.s != DefaultW[g-1] {
			t.Errorf("S0(%v) = %v, want %v", g, m.s, DefaultW[g-1])
		}
		if !near(m.d, wantD[g-1], 1e-5) {
			t.Errorf("D0(%v) = %v, want %v", g, m.d, wantD[g-1])
		}
	}
	if !near(s.d0Easy, -4.7716307, 1e-6) {
		t.Errorf("unclamped D0(Easy) = %v, want -4.7716307", s.d0Easy)
	}
}

// fsrs-rs test_memory_state: ratings 1,3,3,3,3,3 at elapsed days 0,0,1,3,8,21, through the
// whole scheduler with its default learning steps.
func TestMemoryStateVector(t *testing.T) {
	s := vectorScheduler()
	now := time.Date(2022, 11, 29, 12, 30, 0, 0, time.UTC)
	var c Card
	ratings := []Rating{Again, Good, Good, Good, Good, Good}
	elapsed := []int{0, 0, 1, 3, 8, 21}
	for i, r := range ratings {
		now = now.AddDate(0, 0, elapsed[i])
		c = s.Review(c, r, now)
	}
	if !near(c.Stability, 53.62691, tol) || !near(c.Difficulty, 6.3574867, tol) {
		t.Errorf("memory state S=%v D=%v, want S=53.62691 D=6.3574867", c.Stability, c.Difficulty)
	}
}
