// Package drill plans a practice session (which questions, in which order, with which time
// limits) and records its results. It is pure apart from Record, which writes through the
// store: the clock and the card states are passed in.
package drill

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
)

// Reason says why a question is in a set.
type Reason string

// Reasons, as recorded in the review log and shown by `drill --plan`.
const (
	ReasonDue      Reason = "due"       // its card is due
	ReasonNew      Reason = "new"       // never seen before
	ReasonSoon     Reason = "soon"      // a topic set ran out of due and new questions: due soonest
	ReasonClaim    Reason = "claim"     // not due, asked because the candidate claimed its topic
	ReasonFollowUp Reason = "follow-up" // the interviewer digs deeper after a good answer
	ReasonRound    Reason = "round"     // a mock interview round missed it: drilled first
)

// claimDayMinimum is how many claimed questions a daily drill asks when nothing else is due.
const claimDayMinimum = 3

// DefaultNewPerDay is how many new questions a daily drill introduces.
const DefaultNewPerDay = 10

// DefaultTopicCount is the size of a topic set when none is given.
const DefaultTopicCount = 10

// Item is one question of a set.
type Item struct {
	Q      *pack.Question
	Reason Reason
	Limit  time.Duration // the question's time limit in this set
	// Claim is the candidate's claim that covers the question, empty when none does.
	// Claimed questions are asked more often, faster and more strictly, and say so.
	Claim string
	// Changed says the question's text or answer changed since the candidate last rated it
	// (set by whoever shows the item, with Changed: a plan does not read its questions'
	// bodies).
	Changed bool
	// Practice marks a second attempt in the same set, after an open question was rated
	// Again: answered and compared with the model answer as usual, but not rated or
	// recorded, since its model answer was on screen minutes ago. The question comes back
	// on the interval its Again gave.
	Practice bool
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
	NewPerDay int // new questions a day (daily drill); 0 means none
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
	// Sched schedules the questions: by kind (their learning steps) and, for claimed
	// questions, at Policy.Retention.
	Sched Schedulers
	// Claims are the candidate's claims, resolved to tags; Policy says how much harder
	// their questions are drilled.
	Claims []claims.Resolved
	Policy claims.Policy
	// Leeches are suspended from the daily drill (topic sets still ask them).
	Leeches Leeches
	// Priority are questions a mock interview round missed most: the daily drill asks each
	// first, due or not, until it is answered after the round.
	Priority []Priority
}

// Priority is a question queued by a round, and when.
type Priority struct {
	Key   string    `json:"key"`
	Since time.Time `json:"since"`
}

// pending are the priority questions not answered since they were queued, in queue order.
func (p *Planner) pending() []*pack.Question {
	var out []*pack.Question
	for _, pr := range p.Priority {
		q := p.Lib.Question(pr.Key)
		if q == nil || slices.Contains(out, q) {
			continue
		}
		if c, ok := p.Cards[pr.Key]; ok && !c.LastReview.Before(pr.Since) {
			continue
		}
		out = append(out, q)
	}
	return out
}

// Suspended lists the keys of the questions the daily drill leaves out as leeches.
func (p *Planner) Suspended() []string {
	var out []string
	if p.Leeches.Threshold <= 0 {
		return out
	}
	var key []byte // q.AppendKey: no key allocated per question (home asks at start)
	for _, pk := range p.Lib.Packs {
		for _, q := range pk.Questions {
			key = q.AppendKey(key[:0])
			c, ok := p.Cards[string(key)]
			if ok && c.Lapses >= p.Leeches.Threshold && p.Leeches.Leech(string(key), c) {
				out = append(out, string(key))
			}
		}
	}
	return out
}

// notLeeches drops the leeches from qs.
func (p *Planner) notLeeches(qs []*pack.Question) []*pack.Question {
	if p.Leeches.Threshold <= 0 {
		return qs
	}
	out := qs[:0:0]
	for _, q := range qs {
		if !p.Leeches.Leech(q.Key(), p.Cards[q.Key()]) {
			out = append(out, q)
		}
	}
	return out
}

// SchedFor returns the scheduler for an item: by the question's kind, and claimed
// questions are kept at a higher retention.
func (p *Planner) SchedFor(it Item) *srs.Scheduler {
	return p.Sched.For(it.Q, it.Claim != "")
}

// Daily plans the daily drill: every due question, least likely remembered first, then new
// questions up to the day's allowance, then claimed questions until they are Policy.Share
// of the set, due or not.
func (p *Planner) Daily(o Options) Set {
	due, fresh, later := p.split(p.notLeeches(p.Lib.Questions()), o.Now)
	first := p.pending()
	drop := func(qs []*pack.Question) []*pack.Question {
		return slices.DeleteFunc(qs, func(q *pack.Question) bool { return slices.Contains(first, q) })
	}
	due, fresh, later = drop(due), drop(fresh), drop(later)
	b := p.burier(o.Now)
	due, _ = b.keep(due, len(due))
	newN := o.NewPerDay - o.NewToday
	items := make([]Item, 0, len(first)+len(due)+max(newN, 0))
	items = p.appendItems(items, first, ReasonRound)
	items = p.appendItems(items, due, ReasonDue)
	var introduced []*pack.Question
	if newN > 0 {
		introduced, _ = b.keep(interleave(fresh), newN)
		items = p.appendItems(items, introduced, ReasonNew)
	}
	later, _ = b.keep(later, len(later))
	items = p.claimShare(items, later, b.free(fresh), introduced)
	if o.Count > 0 && len(items) > o.Count {
		items = items[:o.Count]
	}
	return finish(Set{Name: "Daily drill", Items: items}, o.SetTime)
}

// claimShare adds claimed questions that are not due, until claimed questions make up
// Policy.Share of the set (or a few, when nothing else is due): those seen before,
// soonest due first, then new ones from the easiest level up, so ladders start at the
// bottom.
func (p *Planner) claimShare(items []Item, later, fresh, introduced []*pack.Question) []Item {
	if len(p.Claims) == 0 || p.Policy.Share <= 0 {
		return items
	}
	claimed := 0
	for _, it := range items {
		if it.Claim != "" {
			claimed++
		}
	}
	want := claimDayMinimum
	if base := len(items); base > 0 {
		want = int(math.Ceil((p.Policy.Share*float64(base) - float64(claimed)) / (1 - p.Policy.Share)))
	}
	if want <= 0 {
		return items
	}
	inSet := map[*pack.Question]bool{}
	for _, q := range introduced {
		inSet[q] = true
	}
	var pool []*pack.Question
	for _, q := range later {
		if claims.Covering(p.Claims, q) != nil {
			pool = append(pool, q)
		}
	}
	var unseen []*pack.Question
	for _, q := range fresh {
		if !inSet[q] && claims.Covering(p.Claims, q) != nil {
			unseen = append(unseen, q)
		}
	}
	slices.SortStableFunc(unseen, func(a, b *pack.Question) int { return cmp.Compare(a.Level, b.Level) })
	pool = append(pool, unseen...)
	for _, q := range pool[:min(want, len(pool))] {
		items = append(items, p.item(q, ReasonClaim))
	}
	return items
}

// FollowUp returns the question an interviewer would dig into after a good answer to a
// claimed question: its first follow-up in the library not yet asked in this set.
func (p *Planner) FollowUp(it Item, asked map[string]bool) (Item, bool) {
	if it.Claim == "" || !p.Policy.Dig {
		return Item{}, false
	}
	for _, key := range it.Q.FollowUps {
		q := p.Lib.Question(key)
		if q == nil || asked[key] {
			continue
		}
		next := p.item(q, ReasonFollowUp)
		if next.Claim == "" {
			next.Claim = it.Claim
			next.Limit = p.claimLimit(q.Time)
		}
		return next, true
	}
	return Item{}, false
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
	// Siblings of what was asked today, or of what the set already holds, wait; a topic
	// set always has something to ask, so they fill it when nothing else is left.
	b := p.burier(o.Now)
	due, dueWait := b.keep(due, n)
	fresh, freshWait := b.keep(fresh, n-len(due))
	later, laterWait := b.keep(later, n-len(due)-len(fresh))
	items := make([]Item, 0, n)
	items = p.appendItems(items, due, ReasonDue)
	items = p.appendItems(items, fresh, ReasonNew)
	items = p.appendItems(items, later, ReasonSoon)
	items = p.appendItems(items, dueWait, ReasonDue)
	items = p.appendItems(items, freshWait, ReasonNew)
	items = p.appendItems(items, laterWait, ReasonSoon)
	if len(items) > n {
		items = items[:n]
	}
	return finish(Set{Name: TopicName(o.Pack, o.Tag), Items: items}, o.SetTime)
}

// burier keeps siblings (pack.Library.Siblings: follow-ups and related questions, either
// way) off the same day, as Anki buries: a question waits when a sibling was rated today or
// is already in the set being planned.
type burier struct {
	siblings map[string][]string
	taken    map[string]bool
}

func (p *Planner) burier(now time.Time) *burier {
	b := &burier{siblings: p.Lib.Siblings(), taken: map[string]bool{}}
	y, m, d := now.Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, now.Location())
	for key, c := range p.Cards {
		if !c.LastReview.IsZero() && !c.LastReview.Before(today) {
			b.taken[key] = true
		}
	}
	return b
}

// ok reports whether q may be asked: none of its siblings is taken.
func (b *burier) ok(q *pack.Question) bool {
	for _, s := range b.siblings[q.Key()] {
		if b.taken[s] {
			return false
		}
	}
	return true
}

// keep takes up to n questions of qs, in order, that may be asked, and marks them taken;
// wait holds the ones that had to wait for a sibling.
func (b *burier) keep(qs []*pack.Question, n int) (kept, wait []*pack.Question) {
	for _, q := range qs {
		switch {
		case len(kept) >= n:
		case b.ok(q):
			b.taken[q.Key()] = true
			kept = append(kept, q)
		default:
			wait = append(wait, q)
		}
	}
	return kept, wait
}

// free is the questions of qs that may still be asked, not marked.
func (b *burier) free(qs []*pack.Question) []*pack.Question {
	var out []*pack.Question
	for _, q := range qs {
		if b.ok(q) && !b.taken[q.Key()] {
			out = append(out, q)
		}
	}
	return out
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
		case !c.Due.After(now) || p.claimedDue(q, c, now):
			d = append(d, scored{q, p.Sched.Open.Retrievability(c, now), c})
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

// claimedDue reports whether a claimed question has fallen below the claim retention,
// even if it was scheduled before the claim was made.
func (p *Planner) claimedDue(q *pack.Question, c srs.Card, now time.Time) bool {
	return len(p.Claims) > 0 && claims.Covering(p.Claims, q) != nil &&
		p.Sched.Open.Retrievability(c, now) <= p.Policy.Retention
}

func (p *Planner) appendItems(items []Item, qs []*pack.Question, why Reason) []Item {
	for _, q := range qs {
		items = append(items, p.item(q, why))
	}
	return items
}

// Changed reports whether q's text or answer changed since the candidate last rated it:
// seen is the fingerprint it had then (store.Store.SeenOf), "" when it was never rated or
// none was recorded. It reads q's body: ask it for the question about to be shown (Item's
// Changed), not for every question a plan considers.
func Changed(q *pack.Question, seen string) bool { return seen != "" && seen != q.Fingerprint() }

// item makes a set item, with the claim that covers the question and its time limit.
func (p *Planner) item(q *pack.Question, why Reason) Item {
	it := Item{Q: q, Reason: why, Limit: q.Time}
	if c := claims.Covering(p.Claims, q); c != nil {
		it.Claim = c.Text
		it.Limit = p.claimLimit(q.Time)
	}
	return it
}

// claimLimit shortens a claimed question's time limit, to the second.
func (p *Planner) claimLimit(d time.Duration) time.Duration {
	f := p.Policy.TimeFactor
	if f <= 0 || f > 1 {
		return d
	}
	return max(time.Duration(float64(d)*f).Round(time.Second), 10*time.Second)
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
