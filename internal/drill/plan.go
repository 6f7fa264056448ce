// Package drill plans a practice session (which questions, in which order, with which time
// limits) and records its results. It is pure apart from Record, which writes through the
// store: the clock and the card states are passed in.
package drill

import (
	"cmp"
	"slices"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
)

// Reason says why a question is in a set.
type Reason string

// Reasons, as recorded in the review log and shown by `drill --plan`.
const (
	ReasonDue  Reason = "due"  // its card is due
	ReasonNew  Reason = "new"  // never seen before
	ReasonSoon Reason = "soon" // a topic set ran out of due and new questions: due soonest
)

// DefaultNewPerDay is how many new questions a daily drill introduces.
const DefaultNewPerDay = 10

// DefaultTopicCount is the size of a topic set when none is given.
const DefaultTopicCount = 10

// Item is one question of a set.
type Item struct {
	Q      *pack.Question
	Reason Reason
	Limit  time.Duration // the question's time limit in this set
}

// Set is a planned practice session.
type Set struct {
	Name  string
	Items []Item
	// Limit is the time for the whole set; the set ends after the question during which it
	// runs out. Zero means no set clock.
	Limit time.Duration
}

// Options tune planning.
type Options struct {
	Now       time.Time
	NewPerDay int // new questions a day (daily drill); 0 means DefaultNewPerDay
	NewToday  int // new questions already introduced today
	Count     int // cap on the set size; 0: no cap for the daily drill, DefaultTopicCount for a topic set
	Pack      string
	Tag       string
	SetTime   time.Duration // the set's clock; 0: the sum of its questions' limits
}

// Planner plans sets from a library and the candidate's card states.
type Planner struct {
	Lib   *pack.Library
	Cards map[string]srs.Card // by question key; a missing key is a new question
	Sched *srs.Scheduler
}

// Daily plans the daily drill: every due question, least likely remembered first, then new
// questions up to the day's allowance.
func (p *Planner) Daily(o Options) Set {
	due, fresh, _ := p.split(p.Lib.Questions(), o.Now)
	newN := cmp.Or(o.NewPerDay, DefaultNewPerDay) - o.NewToday
	items := make([]Item, 0, len(due)+max(newN, 0))
	items = appendItems(items, due, ReasonDue)
	if newN > 0 {
		items = appendItems(items, interleave(fresh)[:min(newN, len(fresh))], ReasonNew)
	}
	if o.Count > 0 && len(items) > o.Count {
		items = items[:o.Count]
	}
	return finish(Set{Name: "Daily drill", Items: items}, o.SetTime)
}

// Topic plans a set on one pack and/or tag. It always has something to ask: due questions
// first, then new ones, then those due soonest, so any topic can be practised at any time.
func (p *Planner) Topic(o Options) Set {
	var pool []*pack.Question
	for _, q := range p.Lib.Questions() {
		if (o.Pack == "" || q.PackID == o.Pack) && (o.Tag == "" || q.HasTag(o.Tag)) {
			pool = append(pool, q)
		}
	}
	due, fresh, later := p.split(pool, o.Now)
	n := cmp.Or(o.Count, DefaultTopicCount)
	items := make([]Item, 0, n)
	items = appendItems(items, due, ReasonDue)
	items = appendItems(items, fresh, ReasonNew)
	items = appendItems(items, later, ReasonSoon)
	if len(items) > n {
		items = items[:n]
	}
	return finish(Set{Name: TopicName(o.Pack, o.Tag), Items: items}, o.SetTime)
}

// TopicName names a topic set after its pack and tag.
func TopicName(packID, tag string) string {
	switch {
	case packID != "" && tag != "":
		return "Topic set · " + packID + " #" + tag
	case packID != "":
		return "Topic set · " + packID
	case tag != "":
		return "Topic set · #" + tag
	}
	return "Topic set · everything"
}

// split sorts questions into due (lowest retrievability first), new (file order) and
// not yet due (soonest first).
func (p *Planner) split(qs []*pack.Question, now time.Time) (due, fresh, later []*pack.Question) {
	type scored struct {
		q *pack.Question
		r float64
		c srs.Card
	}
	var d, l []scored
	for _, q := range qs {
		c, seen := p.Cards[q.Key()]
		switch {
		case !seen || c.State == srs.New:
			fresh = append(fresh, q)
		case !c.Due.After(now):
			d = append(d, scored{q, p.Sched.Retrievability(c, now), c})
		default:
			l = append(l, scored{q: q, c: c})
		}
	}
	slices.SortStableFunc(d, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.r, b.r), a.c.Due.Compare(b.c.Due))
	})
	slices.SortStableFunc(l, func(a, b scored) int { return a.c.Due.Compare(b.c.Due) })
	for _, s := range d {
		due = append(due, s.q)
	}
	for _, s := range l {
		later = append(later, s.q)
	}
	return due, fresh, later
}

// interleave orders new questions so a day's allowance spreads over the packs, easier
// levels first within each pack: one from each pack in turn.
func interleave(qs []*pack.Question) []*pack.Question {
	byPack := map[string][]*pack.Question{}
	var order []string
	for _, q := range qs {
		if _, ok := byPack[q.PackID]; !ok {
			order = append(order, q.PackID)
		}
		byPack[q.PackID] = append(byPack[q.PackID], q)
	}
	for _, id := range order {
		slices.SortStableFunc(byPack[id], func(a, b *pack.Question) int { return cmp.Compare(a.Level, b.Level) })
	}
	out := make([]*pack.Question, 0, len(qs))
	for i := 0; len(out) < len(qs); i++ {
		for _, id := range order {
			if i < len(byPack[id]) {
				out = append(out, byPack[id][i])
			}
		}
	}
	return out
}

func appendItems(items []Item, qs []*pack.Question, why Reason) []Item {
	for _, q := range qs {
		items = append(items, Item{Q: q, Reason: why, Limit: q.Time})
	}
	return items
}

func finish(s Set, setTime time.Duration) Set {
	s.Limit = setTime
	if s.Limit == 0 {
		for _, it := range s.Items {
			s.Limit += it.Limit
		}
	}
	return s
}
