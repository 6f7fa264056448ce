package srs

import (
	"math"
	"slices"
	"time"
)

// day is the length of one scheduled day: a due date is the review time plus whole days of
// 24 hours, whatever the time zone does (as ts-fsrs and py-fsrs count).
const day = 24 * time.Hour

// Scheduler computes FSRS-6 schedules. It holds only values derived from its Params and
// never changes after NewScheduler, so one Scheduler is safe for concurrent use.
type Scheduler struct {
	p        Params // repaired copy; the step slices are owned by the Scheduler
	w        [21]float64
	decay    float64 // d = -w20
	factor   float64 // F = 0.9^(1/d) - 1, so that R(S, S) = 0.9
	modifier float64 // interval / stability at the desired retention
	expW8    float64 // e^w8, a constant factor of every recall
	d0Easy   float64 // unclamped D0(Easy), the target of mean reversion
	lapseDiv float64 // a lapse leaves at most S / lapseDiv
}

// NewScheduler returns a scheduler for p. It repairs p rather than failing, because a
// review must always be recordable: all-zero weights become DefaultW, a non-finite weight
// takes its default and every weight is clamped into the range the FSRS optimiser allows;
// a retention outside (0, 1] becomes 0.9; a maximum interval outside [1, 36500] days is
// clamped into it (0 means 36500); negative steps count as zero. The step slices are
// copied, so the caller may reuse them.
func NewScheduler(p Params) *Scheduler {
	if p.W == ([21]float64{}) {
		p.W = DefaultW
	}
	for i, v := range p.W {
		if !finite(v) {
			v = DefaultW[i]
		}
		p.W[i] = clamp(v, paramBounds[i][0], paramBounds[i][1])
	}
	if !(p.DesiredRetention > 0 && p.DesiredRetention <= 1) {
		p.DesiredRetention = 0.9
	}
	if p.MaximumInterval <= 0 || p.MaximumInterval > MaxStability {
		p.MaximumInterval = MaxStability
	}
	p.LearningSteps = cleanSteps(p.LearningSteps)
	p.RelearningSteps = cleanSteps(p.RelearningSteps)

	s := &Scheduler{p: p, w: p.W}
	s.decay = -p.W[20]
	s.factor = math.Pow(0.9, 1/s.decay) - 1
	s.modifier = (math.Pow(p.DesiredRetention, 1/s.decay) - 1) / s.factor
	s.expW8 = math.Exp(p.W[8])
	s.d0Easy = s.rawInitDifficulty(Easy)
	s.lapseDiv = 1
	if p.EnableShortTerm {
		s.lapseDiv = math.Exp(p.W[17] * p.W[18])
	}
	return s
}

// cleanSteps copies steps, turning negative waits into zero.
func cleanSteps(steps []time.Duration) []time.Duration {
	out := slices.Clone(steps)
	for i, d := range out {
		out[i] = max(d, 0)
	}
	return out
}

// Params returns the parameters in use, after NewScheduler's repairs. The slices are
// copies.
func (s *Scheduler) Params() Params {
	p := s.p
	p.LearningSteps = slices.Clone(p.LearningSteps)
	p.RelearningSteps = slices.Clone(p.RelearningSteps)
	return p
}

// ElapsedDays is the number of whole days between the UTC calendar dates of from and to,
// negative when to is on an earlier date. This is how ts-fsrs counts the t of the
// formulas: 23:59 to 00:01 is one day, 00:01 to 23:59 is none.
func ElapsedDays(from, to time.Time) int {
	return int(utcDayNumber(to) - utcDayNumber(from))
}

// utcDayNumber is the number of the UTC calendar day holding t, counted from 1970-01-01.
func utcDayNumber(t time.Time) int64 {
	u := t.Unix()
	n := u / 86400
	if u%86400 < 0 {
		n--
	}
	return n
}

// Retrievability is the probability of recalling the card at now: 1 for a card never
// reviewed (New, no LastReview, or no valid stability) and at or before its last review,
// falling towards 0 with time. Unlike scheduling, which counts whole calendar days, it
// uses the exact time elapsed, so it falls smoothly and is 0.9 exactly Stability days
// after the last review.
func (s *Scheduler) Retrievability(c Card, now time.Time) float64 {
	if c.State == New || c.LastReview.IsZero() || !finite(c.Stability) || c.Stability <= 0 {
		return 1
	}
	t := now.Sub(c.LastReview).Hours() / 24
	if t <= 0 {
		return 1
	}
	return clamp(s.forgettingCurve(t, clamp(c.Stability, MinStability, MaxStability)), 0, 1)
}

// Review returns the card after rating r at now: the new State, Step, Stability,
// Difficulty and Due, LastReview = now, Reps + 1, and Lapses + 1 when a Review card is
// rated Again. It is a pure function of its arguments (fuzz included). An r that is not
// Valid records nothing: the card comes back unchanged.
//
// Cards the scheduler cannot read are repaired, never refused: a card outside New with no
// usable stability (not finite or not positive) or a non-finite difficulty starts again as
// New; an unknown State counts as Review; stability and difficulty are clamped into
// their bounds; a negative Step counts as 0; a now before LastReview, or a card with no
// LastReview, counts as reviewed the same day.
func (s *Scheduler) Review(c Card, r Rating, now time.Time) Card {
	if !r.Valid() {
		return c
	}
	out := s.Preview(c, now)
	return out[r-1]
}

// Preview returns the four cards Review would return at now, indexed by rating - 1
// (Preview(c, now)[r-1] == Review(c, r, now), fuzz included), so that rating keys can
// show where each answer sends the card ("3 Good · 4d").
func (s *Scheduler) Preview(c Card, now time.Time) [4]Card {
	state := c.State
	if state != New && (!finite(c.Stability) || c.Stability <= 0 || !finite(c.Difficulty)) {
		state = New
	}
	if state < New || state > Relearning {
		state = Review
	}

	base := c
	base.LastReview = now
	base.Reps = c.Reps + 1
	base.Step = 0

	var mem [4]memory
	elapsed := 0
	if state == New {
		for g := Again; g <= Easy; g++ {
			mem[g-1] = s.initMemory(g)
		}
	} else {
		if !c.LastReview.IsZero() {
			elapsed = max(ElapsedDays(c.LastReview, now), 0)
		}
		m := memory{
			s: clamp(c.Stability, MinStability, MaxStability),
			d: clamp(c.Difficulty, MinDifficulty, MaxDifficulty),
		}
		r := s.forgettingCurve(float64(elapsed), m.s)
		for g := Again; g <= Easy; g++ {
			mem[g-1] = s.nextMemory(m, elapsed, r, g)
		}
	}

	var out [4]Card
	for i := range out {
		out[i] = base
		out[i].Stability = mem[i].s
		out[i].Difficulty = mem[i].d
	}
	if state == Review {
		out[Again-1].Lapses = c.Lapses + 1
	}

	p := schedule{s: s, now: now, elapsed: elapsed}
	if s.p.EnableFuzz {
		p.fuzz = fuzzFactor(c, now)
	}
	switch {
	case !s.p.EnableShortTerm:
		p.longTerm(&out)
	case state == Review:
		p.review(&out)
	case state == Relearning:
		p.steps(&out, s.p.RelearningSteps, max(c.Step, 0), Relearning)
	case state == Learning:
		p.steps(&out, s.p.LearningSteps, max(c.Step, 0), Learning)
	default: // New: the first rating starts the learning steps.
		p.steps(&out, s.p.LearningSteps, 0, Learning)
	}
	return out
}

// schedule sets the State, Step and Due of the four outcomes of one review, whose memory
// states are already computed.
type schedule struct {
	s       *Scheduler
	now     time.Time
	elapsed int     // whole days since the last review, 0 for a new card
	fuzz    float64 // uniform in [0, 1), shared by the four ratings as in ts-fsrs
}

// days is the fuzzed number of days for a Review interval of the given stability.
func (p schedule) days(stability float64) int {
	n := p.s.scheduledDays(stability)
	if !p.s.p.EnableFuzz {
		return n
	}
	return fuzzDays(n, p.elapsed, p.s.p.MaximumInterval, p.fuzz)
}

// toReview moves c to Review, due after the given days.
func (p schedule) toReview(c *Card, days int) {
	c.State = Review
	c.Step = 0
	c.Due = p.now.Add(time.Duration(days) * day)
}

// review schedules the ratings of a Review card.
func (p schedule) review(out *[4]Card) {
	var iv [4]int
	for g := Hard; g <= Easy; g++ {
		iv[g-1] = p.days(out[g-1].Stability)
	}
	again := &out[Again-1]
	againInDays := true
	if steps := p.s.p.RelearningSteps; len(steps) > 0 && steps[0] > 0 {
		againInDays = false
		p.wait(again, steps[0], 0, Relearning)
	} else {
		iv[Again-1] = p.days(again.Stability)
	}
	order(&iv, againInDays, p.s.p.MaximumInterval)
	if againInDays {
		p.toReview(again, iv[Again-1])
	}
	for g := Hard; g <= Easy; g++ {
		p.toReview(&out[g-1], iv[g-1])
	}
}

// longTerm schedules the four ratings of any card in whole days (no steps).
func (p schedule) longTerm(out *[4]Card) {
	var iv [4]int
	for i := range out {
		iv[i] = p.days(out[i].Stability)
	}
	order(&iv, true, p.s.p.MaximumInterval)
	for i := range out {
		p.toReview(&out[i], iv[i])
	}
}

// order keeps the intervals of the ratings increasing, after rounding and fuzz may have
// crossed them: hard = min(hard, good), then (when Again also has an interval in days)
// again = min(again, hard) and hard = max(hard, again+1), then good = max(good, hard+1)
// and easy = max(easy, good+1). The first rule is ts-fsrs's basic scheduler, the Again
// rule its long-term scheduler. The go-fsrs long-term vector needs that +1: a new card's
// Again (S 0.21) and Hard (S 1.29) both round to 1 day, so Hard becomes 2 and Good's 2.31
// days become 3. Last, every interval is capped at max, where they may tie.
func order(iv *[4]int, againInDays bool, maxDays int) {
	a, h, g, e := &iv[0], &iv[1], &iv[2], &iv[3]
	*h = min(*h, *g)
	if againInDays {
		*a = min(*a, *h)
		*h = max(*h, *a+1)
	}
	*g = max(*g, *h+1)
	*e = max(*e, *g+1)
	for i := range iv {
		iv[i] = min(iv[i], maxDays)
	}
}

// steps schedules the ratings of a card on (re)learning steps, ts-fsrs 5.x style: Again
// goes back to step 0; Hard stays on its step and waits the mean of the first two steps
// (1.5 x the first when there is one); Good moves to the next step, or graduates to Review
// after the last; Easy graduates at once. A step index past the end of the list (the steps
// were shortened since) graduates on any rating, as in ts-fsrs.
func (p schedule) steps(out *[4]Card, steps []time.Duration, step int, state State) {
	for g := Again; g <= Easy; g++ {
		c := &out[g-1]
		wait, next, ok := learningStep(steps, step, g)
		if !ok {
			p.toReview(c, p.days(c.Stability))
			continue
		}
		p.wait(c, wait, next, state)
	}
}

// wait puts c on step next, due after wait. A zero wait graduates it with its FSRS
// interval, and a wait of a day or more makes it a Review card due after that wait (both
// as ts-fsrs does).
func (p schedule) wait(c *Card, wait time.Duration, next int, state State) {
	switch {
	case wait <= 0:
		p.toReview(c, p.days(c.Stability))
	case wait >= day:
		c.State = Review
		c.Step = 0
		c.Due = p.now.Add(wait)
	default:
		c.State = state
		c.Step = next
		c.Due = p.now.Add(wait)
	}
}

// learningStep is the wait and the next step index after rating g on the given step; ok is
// false when the card leaves the steps for Review.
func learningStep(steps []time.Duration, step int, g Rating) (wait time.Duration, next int, ok bool) {
	if step >= len(steps) {
		return 0, 0, false
	}
	switch g {
	case Again:
		return steps[0], 0, true
	case Hard:
		if len(steps) > 1 {
			return roundMinute((steps[0] + steps[1]) / 2), step, true
		}
		return roundMinute(steps[0] * 3 / 2), step, true
	case Good:
		if step+1 < len(steps) && steps[step+1] > 0 {
			return steps[step+1], step + 1, true
		}
	}
	return 0, 0, false
}

// roundMinute rounds d to the nearest minute (half up), as ts-fsrs counts steps in whole
// minutes: Hard between 1m and 10m waits 6m. A wait under a minute is left alone rather
// than rounded to nothing.
func roundMinute(d time.Duration) time.Duration {
	if d < time.Minute {
		return d
	}
	return d.Round(time.Minute)
}
