package srs

import (
	"math"
	"time"
)

// FuzzRange is the range [lo, hi] of days a fuzzed interval of the given whole days is
// drawn from: interval ± delta, delta = 1 + 15% of the part of the interval between 2.5
// and 7 days + 10% of the part between 7 and 20 + 5% of the part beyond 20; never below 2
// days nor above maxDays. As in ts-fsrs, when the interval is longer than the days elapsed
// since the last review, lo is at least elapsed + 1, so that fuzz never schedules a
// successful review sooner than the one that just succeeded. An interval beyond maxDays
// is centred on maxDays (its delta still from the full interval, as in ts-fsrs). Intervals
// under 2.5 days are not fuzzed: lo = hi = interval.
func FuzzRange(interval, elapsed, maxDays int) (lo, hi int) {
	if float64(interval) < 2.5 {
		return interval, interval
	}
	iv := float64(interval)
	delta := 1 + 0.15*max(min(iv, 7)-2.5, 0) + 0.10*max(min(iv, 20)-7, 0) + 0.05*max(iv-20, 0)
	capped := min(iv, float64(maxDays))
	lo = max(2, int(math.Round(capped-delta)))
	hi = min(int(math.Round(capped+delta)), maxDays)
	if capped > float64(elapsed) {
		lo = max(lo, elapsed+1)
	}
	lo = min(lo, hi)
	return lo, hi
}

// fuzzDays draws an interval from FuzzRange with the uniform value u in [0, 1).
func fuzzDays(interval, elapsed, maxDays int, u float64) int {
	lo, hi := FuzzRange(interval, elapsed, maxDays)
	n := lo + int(u*float64(hi-lo+1))
	return min(n, hi)
}

// fuzzFactor is a uniform value in [0, 1) derived from the card and the review time, like
// ts-fsrs's seed (review time, reps, memory state). Fuzz stays deterministic, so Review is
// a pure function and needs no shared random source; and two cards reviewed at the same
// instant still differ through their memory state.
func fuzzFactor(c Card, now time.Time) float64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, v := range [...]uint64{
		uint64(now.Unix()), uint64(now.Nanosecond()),
		uint64(c.LastReview.Unix()), uint64(c.LastReview.Nanosecond()),
		uint64(c.Reps), math.Float64bits(c.Stability), math.Float64bits(c.Difficulty),
	} {
		h = mix64(h ^ v)
	}
	return float64(h>>11) / (1 << 53)
}

// mix64 is the SplitMix64 finaliser: every input bit flips about half the output bits.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}
