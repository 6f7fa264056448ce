// Package stats summarises the candidate's progress from the review log and card states:
// what `hotseat stats` prints and what the home screen shows.
package stats

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// ActivityDays is the length of the activity strip and of the time-per-day chart.
const ActivityDays = 14

// HeatmapDays is the calendar heatmap's span: 26 weeks. ForecastDays is the forecast's.
const (
	HeatmapDays  = 26 * 7
	ForecastDays = 30
)

// MatureDays is the interval from which a review counts as one of a mature question, as in
// Anki: true retention is the share of those passed. The store's aggregates count by it.
const MatureDays = store.MatureDays

// Stats is the candidate's progress at one moment.
type Stats struct {
	ReviewsTotal int                  `json:"reviews_total"`
	ReviewsToday int                  `json:"reviews_today"`
	DueNow       int                  `json:"due_now"`
	NewAvailable int                  `json:"new_available"`
	NewToday     int                  `json:"new_today"`
	StreakDays   int                  `json:"streak_days"`
	Activity     []int                `json:"activity"` // reviews per day, oldest first, today last
	ByPack       map[string]PackStats `json:"by_pack"`
	// Scheduler says which FSRS parameters schedule the candidate; the caller fills it.
	Scheduler Scheduler `json:"scheduler"`
	// Heatmap is reviews per day over the last HeatmapDays, oldest first, today last.
	Heatmap []int `json:"heatmap"`
	// Forecast is questions due per day for the next ForecastDays: today first, with
	// everything overdue.
	Forecast []int `json:"forecast"`
	// Time is minutes spent answering per day over the last ActivityDays, oldest first.
	Time []float64 `json:"time"`
	// Leeches are the questions suspended from the daily drill, and Claims the audit of
	// each claim; the caller fills both.
	Leeches []string     `json:"leeches"`
	Claims  []claims.Row `json:"claims"`
	// MissedPoints are the key points missed most often lately, and Interview the
	// countdown to the interview date when one is set; the caller fills both.
	MissedPoints []Missed   `json:"missed_points"`
	Interview    *Interview `json:"interview,omitempty"`
	// Retention is true retention: the share of reviews passed (Hard or better), of mature
	// questions (MatureDays or more since the previous review) and of young ones (a day or
	// more, under MatureDays), against Target.
	Retention Retention `json:"retention"`
}

// Retention is true retention, overall and by pack and tag.
type Retention struct {
	Target  float64         `json:"target"`
	Overall Pass            `json:"overall"`
	ByPack  map[string]Pass `json:"by_pack"`
	ByTag   map[string]Pass `json:"by_tag"`
}

// Pass counts the reviews of mature and young questions, and how many were passed.
type Pass struct {
	Mature Rate `json:"mature"`
	Young  Rate `json:"young"`
}

// Rate is passed of total; Value is their ratio, or -1 when there is none.
type Rate struct {
	Passed int     `json:"passed"`
	Total  int     `json:"total"`
	Value  float64 `json:"value"`
}

// String writes the rate as a whole percentage, or "–" when there is nothing to rate.
func (r Rate) String() string {
	if r.Total == 0 || r.Value < 0 {
		return "–"
	}
	return fmt.Sprintf("%d%%", int(math.Round(100*r.Value)))
}

func (r *Rate) add(passed bool) {
	r.Total++
	if passed {
		r.Passed++
	}
}

func (r *Rate) finish() {
	r.Value = -1
	if r.Total > 0 {
		r.Value = float64(r.Passed) / float64(r.Total)
	}
}

// Scheduler describes the scheduler's parameters.
type Scheduler struct {
	Parameters      string     `json:"parameters"` // "default" or "fitted" (hotseat optimize)
	FittedAt        *time.Time `json:"fitted_at,omitempty"`
	ReviewsSinceFit int        `json:"reviews_since_fit"` // all reviews when never fitted
	// SuggestOptimize is set when enough reviews have come in to fit the parameters (again).
	SuggestOptimize bool `json:"suggest_optimize"`
}

// PackStats is progress on one pack.
type PackStats struct {
	Questions int `json:"questions"`
	Seen      int `json:"seen"`
	Due       int `json:"due"`
	Reviews   int `json:"reviews"`
}

// Input is what stats are computed from.
type Input struct {
	Lib   *pack.Library
	Cards map[string]srs.Card
	// Counted, when set, holds the card figures already counted from a stream of card
	// states (CardCount): FromAggregates then needs no Cards. Compute ignores it.
	Counted   *CardCount
	Reviews   func(fn func(store.Review) error) error // the log, oldest first
	Now       time.Time                               // its location decides what "today" is
	NewPerDay int
	Target    float64 // the desired retention, shown beside true retention (0: 0.9)
}

// FromLog iterates a log already read, as Input.Reviews wants it.
func FromLog(log []store.Review) func(func(store.Review) error) error {
	return func(fn func(store.Review) error) error {
		for _, r := range log {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}
}

// Empty is the stats of no history: every chart present, every count zero.
func Empty() Stats {
	return Stats{Activity: make([]int, ActivityDays), ByPack: map[string]PackStats{}, Leeches: []string{}, Claims: []claims.Row{}, MissedPoints: []Missed{},
		Heatmap: make([]int, HeatmapDays), Forecast: make([]int, ForecastDays), Time: make([]float64, ActivityDays),
		Retention: Retention{Target: 0.9, ByPack: map[string]Pass{}, ByTag: map[string]Pass{},
			Overall: Pass{Mature: Rate{Value: -1}, Young: Rate{Value: -1}}}}
}

// Compute reads the whole log once. Days are calendar days in the location of in.Now.
func Compute(in Input) (Stats, error) {
	s := Empty()
	s.Retention.Target = cmp.Or(in.Target, 0.9)
	today := dayNumber(in.Now)
	first := map[string]int64{} // question key -> day of its first review
	last := map[string]int64{}  // question key -> day of its latest review so far
	active := map[int64]bool{}
	err := in.Reviews(func(r store.Review) error {
		s.ReviewsTotal++
		d := dayNumber(r.Time.In(in.Now.Location()))
		active[d] = true
		if d == today {
			s.ReviewsToday++
		}
		if ago := today - d; ago >= 0 && ago < ActivityDays {
			s.Activity[ActivityDays-1-ago]++
			s.Time[ActivityDays-1-ago] += r.Seconds / 60
		}
		if ago := today - d; ago >= 0 && ago < HeatmapDays {
			s.Heatmap[HeatmapDays-1-ago]++
		}
		k := store.Key(r.Pack, r.Question)
		if prev, ok := last[k]; ok {
			if counted, mature, passed := store.Retention(d-prev, r.Rating); counted {
				s.countRetention(in.Lib, r, mature, passed)
			}
		}
		last[k] = d
		if _, ok := first[k]; !ok {
			first[k] = d
			if d == today {
				s.NewToday++
			}
		}
		ps := s.ByPack[r.Pack]
		ps.Reviews++
		s.ByPack[r.Pack] = ps
		return nil
	})
	if err != nil {
		return s, err
	}
	s.finish(in, today, active)
	return s, nil
}

// finish adds what the cards say (due, seen, forecast, new available), the streak from the
// active days, and the retention rates.
func (s *Stats) finish(in Input, today int64, active map[int64]bool) {
	s.finishWith(in, today, active, fromCards(in))
}

// cardFigures is what the card states alone say: per pack (in the library's order), the
// questions, those seen and those due; overall, the due ones, the forecast, and the unseen.
type cardFigures struct {
	packs    []PackStats
	dueNow   int
	forecast []int
	unseen   int
}

// CardCount counts the card figures (seen and due by pack, due now, the forecast, the
// questions never seen) from card states given one at a time, as the store reads them
// (store.Store.EachCard): home's figures without a map of every card in memory.
type CardCount struct {
	lib   *pack.Library
	now   time.Time
	today int64
	pack  map[string]int // pack id: index in lib.Packs
	cf    cardFigures
	seen  int
}

// NewCardCount starts counting the cards of lib's questions at now.
func NewCardCount(lib *pack.Library, now time.Time) *CardCount {
	c := &CardCount{lib: lib, now: now, today: dayNumber(now), pack: make(map[string]int, len(lib.Packs)),
		cf: cardFigures{packs: make([]PackStats, len(lib.Packs)), forecast: make([]int, ForecastDays)}}
	for i, pk := range lib.Packs {
		c.pack[pk.ID] = i
		c.cf.packs[i].Questions = len(pk.Questions)
	}
	return c
}

// Add counts the state of the question key ("pack/id"); a key the library does not hold
// (a question since removed) and a new card count for nothing, as in Compute.
func (c *CardCount) Add(key []byte, card srs.Card) {
	if q := c.lib.Question(string(key)); q != nil {
		c.add(c.pack[q.PackID], card)
	}
}

// add counts the state of a question of the pack at index i of the library.
func (c *CardCount) add(i int, card srs.Card) {
	if card.State == srs.New {
		return
	}
	c.seen++
	ps := &c.cf.packs[i]
	ps.Seen++
	if !card.Due.After(c.now) {
		ps.Due++
		c.cf.dueNow++
	}
	if ahead := dayNumber(card.Due.In(c.now.Location())) - c.today; ahead < ForecastDays {
		c.cf.forecast[max(ahead, 0)]++
	}
}

// figures returns what was counted, with the questions never seen.
func (c *CardCount) figures() cardFigures {
	cf := c.cf
	cf.unseen = c.lib.Len() - c.seen
	return cf
}

// fromCards counts the card figures from the map of cards, question by question.
func fromCards(in Input) cardFigures {
	c := NewCardCount(in.Lib, in.Now)
	var key []byte // q.AppendKey: a lookup by string(key) does not copy
	for i, pk := range in.Lib.Packs {
		for _, q := range pk.Questions {
			key = q.AppendKey(key[:0])
			if card, ok := in.Cards[string(key)]; ok {
				c.add(i, card)
			}
		}
	}
	return c.figures()
}

// finishWith is finish with the card figures already computed.
func (s *Stats) finishWith(in Input, today int64, active map[int64]bool, cf cardFigures) {
	// A streak counts today once there is a review today, and is not broken before then.
	day := today
	if !active[day] {
		day--
	}
	for active[day] {
		s.StreakDays++
		day--
	}
	for i, pk := range in.Lib.Packs {
		ps := s.ByPack[pk.ID]
		ps.Questions, ps.Seen, ps.Due = cf.packs[i].Questions, cf.packs[i].Seen, cf.packs[i].Due
		s.ByPack[pk.ID] = ps
	}
	s.DueNow += cf.dueNow
	for i, n := range cf.forecast {
		s.Forecast[i] += n
	}
	s.Retention.Overall.finish()
	for _, m := range []map[string]Pass{s.Retention.ByPack, s.Retention.ByTag} {
		for k, p := range m {
			p.finish()
			m[k] = p
		}
	}
	s.NewAvailable = max(0, min(in.NewPerDay-s.NewToday, cf.unseen))
}

// FromAggregates computes the same Stats as Compute from the store's aggregates instead of
// the log: O(questions + hours of activity), not O(reviews). Days are made of clock hours,
// so in a time zone offset by a fraction of an hour a review near midnight may count on
// the neighbouring day.
//
// The card figures (a lookup per question) are computed beside the aggregates', in a
// goroutine of their own: at 10,000 questions each half takes milliseconds, and home waits
// for both.
func FromAggregates(in Input, qs map[string]store.QStat, hours []store.HourAt) Stats {
	var cf cardFigures
	var cardsPanic any
	var wg sync.WaitGroup
	if in.Counted != nil {
		cf = in.Counted.figures()
	} else {
		wg.Go(func() {
			// A panic here is passed to the caller's goroutine below, where the trainer's
			// guard can catch it and restore the terminal; in this goroutine it would end
			// the program with the terminal still raw.
			defer func() { cardsPanic = recover() }()
			cf = fromCards(in)
		})
	}
	defer wg.Wait() // also if what follows panics: the goroutine never outlives the call
	s := Empty()
	s.Retention.Target = cmp.Or(in.Target, 0.9)
	today := dayNumber(in.Now)
	active := map[int64]bool{}
	for _, h := range hours {
		d := dayNumber(h.Start.In(in.Now.Location()))
		active[d] = true
		if d == today {
			s.ReviewsToday += h.Reviews
			s.NewToday += h.New
		}
		if ago := today - d; ago >= 0 && ago < ActivityDays {
			s.Activity[ActivityDays-1-ago] += h.Reviews
			s.Time[ActivityDays-1-ago] += h.Seconds / 60
		}
		if ago := today - d; ago >= 0 && ago < HeatmapDays {
			s.Heatmap[HeatmapDays-1-ago] += h.Reviews
		}
	}
	// Sums are kept behind pointers, one map lookup per question and tag rather than a get
	// and a put, and copied into the value maps once.
	type packSum struct {
		reviews int
		pass    Pass
	}
	packs := map[string]*packSum{}
	tags := map[string]*Pass{}
	for key, q := range qs {
		s.ReviewsTotal += q.Reviews
		packID, _, _ := strings.Cut(key, "/")
		ps := packs[packID]
		if ps == nil {
			ps = &packSum{}
			packs[packID] = ps
		}
		ps.reviews += q.Reviews
		if q.MatureTotal+q.YoungTotal == 0 {
			continue
		}
		add := func(p *Pass) {
			p.Mature.Passed += q.MaturePassed
			p.Mature.Total += q.MatureTotal
			p.Young.Passed += q.YoungPassed
			p.Young.Total += q.YoungTotal
		}
		add(&s.Retention.Overall)
		add(&ps.pass)
		if qq := in.Lib.Question(key); qq != nil {
			for _, t := range qq.Tags {
				p := tags[t]
				if p == nil {
					p = &Pass{}
					tags[t] = p
				}
				add(p)
			}
		}
	}
	for id, ps := range packs {
		st := s.ByPack[id]
		st.Reviews += ps.reviews
		s.ByPack[id] = st
		if ps.pass != (Pass{}) {
			s.Retention.ByPack[id] = ps.pass
		}
	}
	for t, p := range tags {
		s.Retention.ByTag[t] = *p
	}
	wg.Wait()
	if cardsPanic != nil {
		panic(cardsPanic)
	}
	s.finishWith(in, today, active, cf)
	return s
}

// countRetention counts one review made a day or more after the previous review of its
// question: overall, for its pack, and for each tag the question carries now.
func (s *Stats) countRetention(lib *pack.Library, r store.Review, mature, passed bool) {
	add := func(p Pass) Pass {
		if mature {
			p.Mature.add(passed)
		} else {
			p.Young.add(passed)
		}
		return p
	}
	s.Retention.Overall = add(s.Retention.Overall)
	s.Retention.ByPack[r.Pack] = add(s.Retention.ByPack[r.Pack])
	if q := lib.Question(store.Key(r.Pack, r.Question)); q != nil {
		for _, t := range q.Tags {
			s.Retention.ByTag[t] = add(s.Retention.ByTag[t])
		}
	}
}

func (p *Pass) finish() {
	p.Mature.finish()
	p.Young.finish()
}

// dayNumber counts calendar days in t's location (store.DayNumber).
func dayNumber(t time.Time) int64 { return store.DayNumber(t) }

// Missed is a key point the candidate's typed answers missed, and how often.
type Missed struct {
	Question string `json:"question"` // key "pack/id"
	Point    string `json:"point"`
	Times    int    `json:"times"`
}

// MissedPointsDays is how far back MissedPoints looks: what is missed now, not a year ago.
const MissedPointsDays = 60

// MissedPoints grades again every typed answer of the last MissedPointsDays (as the reveal
// graded it, with grade) and returns the key points missed most often, at most n.
func MissedPoints(lib *pack.Library, log []store.Review, now time.Time, n int, grade func(q *pack.Question, answer string) []bool) []Missed {
	since := now.AddDate(0, 0, -MissedPointsDays)
	type pt struct {
		key string
		i   int
	}
	count := map[pt]int{}
	var order []pt
	for _, r := range log {
		if r.Answer == "" || r.Time.Before(since) {
			continue
		}
		q := lib.Question(store.Key(r.Pack, r.Question))
		if q == nil || q.Kind != pack.KindOpen {
			continue
		}
		for i, ok := range grade(q, r.Answer) {
			if !ok && i < len(q.Body().KeyPoints) {
				p := pt{q.Key(), i}
				if count[p] == 0 {
					order = append(order, p)
				}
				count[p]++
			}
		}
	}
	slices.SortStableFunc(order, func(a, b pt) int { return cmp.Compare(count[b], count[a]) })
	out := []Missed{}
	for _, p := range order[:min(n, len(order))] {
		out = append(out, Missed{Question: p.key, Point: lib.Question(p.key).Body().KeyPoints[p.i].Text, Times: count[p]})
	}
	return out
}

// Interview is the countdown to an interview date (hotseat config interview-date).
type Interview struct {
	Date     string `json:"date"` // YYYY-MM-DD
	DaysLeft int    `json:"days_left"`
	// Unseen counts the questions never answered in the topics that matter: the packs
	// already practised and the tags of the claims. NewPerDay is what would cover them
	// before the day.
	Unseen    int `json:"unseen"`
	NewPerDay int `json:"new_per_day"`
}

// Countdown computes the interview countdown from the cards and claims.
func Countdown(date time.Time, now time.Time, lib *pack.Library, cards map[string]srs.Card, rs []claims.Resolved) Interview {
	iv := Interview{Date: date.Format("2006-01-02"), DaysLeft: max(int(dayNumber(date)-dayNumber(now)), 0)}
	practised := map[string]bool{}
	for _, q := range lib.Questions() {
		if c, ok := cards[q.Key()]; ok && c.State != srs.New {
			practised[q.PackID] = true
		}
	}
	for _, q := range lib.Questions() {
		if c, ok := cards[q.Key()]; ok && c.State != srs.New {
			continue
		}
		if practised[q.PackID] || claims.Covering(rs, q) != nil {
			iv.Unseen++
		}
	}
	if iv.DaysLeft > 0 {
		iv.NewPerDay = (iv.Unseen + iv.DaysLeft - 1) / iv.DaysLeft
	} else {
		iv.NewPerDay = iv.Unseen
	}
	return iv
}
