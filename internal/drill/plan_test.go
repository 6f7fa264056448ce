package drill

import (
	"slices"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/questions"
)

func bank(t testing.TB) *pack.Library {
	t.Helper()
	packs, diags := pack.LoadFS(questions.FS, "embedded")
	if diags.HasErrors() {
		t.Fatalf("embedded packs: %v", diags)
	}
	lib := pack.NewLibrary()
	lib.Add(packs, diags)
	return lib
}

func scheduler(retention float64) *srs.Scheduler {
	p := srs.DefaultParams()
	p.EnableFuzz = false
	p.DesiredRetention = retention
	return srs.NewScheduler(p)
}

// claimScheds keeps claimed questions at 0.95 and the others at 0.9.
func claimScheds() Schedulers {
	return Schedulers{Open: scheduler(0.9), Choice: scheduler(0.9), ClaimOpen: scheduler(0.95), ClaimChoice: scheduler(0.95)}
}

var day0 = time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)

func TestDailyDueFirstThenNewUpToAllowance(t *testing.T) {
	lib := bank(t)
	sched := scheduler(0.9)
	// Two due cards in different packs (siblings would not both be asked), the less
	// retrievable one reviewed longer ago, and one not yet due.
	qs := []*pack.Question{lib.Questions()[0], lib.Pack("trees-and-forests").Questions[0], lib.Pack("ml-testing").Questions[0]}
	cards := map[string]srs.Card{}
	long := sched.Review(srs.Card{}, srs.Easy, day0.AddDate(0, 0, -60))
	short := sched.Review(srs.Card{}, srs.Easy, day0.AddDate(0, 0, -20))
	cards[qs[0].Key()] = short
	cards[qs[1].Key()] = long
	cards[qs[2].Key()] = sched.Review(srs.Card{}, srs.Easy, day0.AddDate(0, 0, -1)) // not due, not today
	p := &Planner{Lib: lib, Cards: cards, Sched: Only(sched)}
	set := p.Daily(Options{Now: day0, NewPerDay: 5, NewToday: 2})
	if len(set.Items) != 2+3 {
		t.Fatalf("daily set has %d items, want 2 due + 3 new", len(set.Items))
	}
	if set.Items[0].Q != qs[1] || set.Items[1].Q != qs[0] || set.Items[0].Reason != ReasonDue {
		t.Errorf("due order = %s, %s; want the least retrievable first", set.Items[0].Q.Key(), set.Items[1].Q.Key())
	}
	packsSeen := map[string]bool{}
	for _, it := range set.Items[2:] {
		if it.Reason != ReasonNew || cards[it.Q.Key()] != (srs.Card{}) {
			t.Errorf("%s: reason %s, want a new question", it.Q.Key(), it.Reason)
		}
		packsSeen[it.Q.PackID] = true
	}
	if len(packsSeen) < 3 {
		t.Errorf("new questions come from %d packs, want them spread over the packs", len(packsSeen))
	}
	var limit time.Duration
	for _, it := range set.Items {
		limit += it.Limit
	}
	if set.Limit != limit {
		t.Errorf("set time %s, want the sum of its questions' limits %s", set.Limit, limit)
	}
}

func TestTopicSetAlwaysHasSomething(t *testing.T) {
	lib := bank(t)
	sched := scheduler(0.9)
	cards := map[string]srs.Card{}
	for _, q := range lib.Pack("ensembles").Questions {
		cards[q.Key()] = sched.Review(srs.Card{}, srs.Easy, day0) // all reviewed, none due
	}
	p := &Planner{Lib: lib, Cards: cards, Sched: Only(sched)}
	set := p.Topic(Options{Now: day0.Add(time.Hour), Pack: "ensembles", Count: 4})
	if len(set.Items) != 4 {
		t.Fatalf("topic set of a fully reviewed pack has %d items, want 4", len(set.Items))
	}
	for _, it := range set.Items {
		if it.Reason != ReasonSoon || it.Q.PackID != "ensembles" {
			t.Errorf("%s: reason %s", it.Q.Key(), it.Reason)
		}
	}
	tagged := p.Topic(Options{Now: day0, Tag: "deployment"})
	for _, it := range tagged.Items {
		if !it.Q.HasTag("deployment") {
			t.Errorf("%s is in a #deployment set without the tag", it.Q.Key())
		}
	}
}

func claimed(lib *pack.Library, text string) []claims.Resolved {
	return claims.ResolveAll([]claims.Claim{{Text: text}}, lib)
}

func TestClaimedQuestionsAreFlaggedShorterAndShared(t *testing.T) {
	lib := bank(t)
	rs := claimed(lib, "I love the details of ML models")
	if len(rs[0].Tags) == 0 {
		t.Fatalf("the claim maps to no tags: %+v", rs[0])
	}
	p := &Planner{Lib: lib, Cards: map[string]srs.Card{}, Sched: claimScheds(),
		Claims: rs, Policy: claims.DefaultPolicy()}
	set := p.Daily(Options{Now: day0, NewPerDay: DefaultNewPerDay})
	n := 0
	for _, it := range set.Items {
		if it.Claim == "" {
			if it.Limit != it.Q.Time {
				t.Errorf("%s: unclaimed limit %s, want %s", it.Q.Key(), it.Limit, it.Q.Time)
			}
			continue
		}
		n++
		if it.Claim != "I love the details of ML models" {
			t.Errorf("%s: claim %q", it.Q.Key(), it.Claim)
		}
		if want := time.Duration(float64(it.Q.Time) * 0.75).Round(time.Second); it.Limit != want {
			t.Errorf("%s: claimed limit %s, want %s (25%% shorter)", it.Q.Key(), it.Limit, want)
		}
		if p.SchedFor(it) != p.Sched.ClaimOpen && p.SchedFor(it) != p.Sched.ClaimChoice {
			t.Errorf("%s: claimed question not scheduled at the claim retention", it.Q.Key())
		}
	}
	if share := float64(n) / float64(len(set.Items)); share < 0.3 {
		t.Errorf("claimed share of the daily drill = %d/%d, want at least 30%%", n, len(set.Items))
	}
}

// Thirty simulated days at equal performance (every answer Good): claimed questions are
// reviewed at least 1.5 times as often per question as unclaimed ones, and the follow-up
// ladders of claimed questions are reached.
func TestClaimsAreDrilledHarderOverThirtyDays(t *testing.T) {
	lib := bank(t)
	rs := claimed(lib, "I love the details of ML models")
	p := &Planner{Lib: lib, Cards: map[string]srs.Card{}, Sched: claimScheds(),
		Claims: rs, Policy: claims.DefaultPolicy()}
	reviews := map[string]int{}
	followUps := map[string]bool{}
	for day := range 30 {
		now := day0.AddDate(0, 0, day)
		set := p.Daily(Options{Now: now, NewPerDay: DefaultNewPerDay})
		asked := map[string]bool{}
		for _, it := range set.Items {
			asked[it.Q.Key()] = true
		}
		for i := 0; i < len(set.Items); i++ {
			it := set.Items[i]
			at := now.Add(time.Duration(i) * 2 * time.Minute)
			p.Cards[it.Q.Key()] = p.SchedFor(it).Review(p.Cards[it.Q.Key()], srs.Good, at)
			reviews[it.Q.Key()]++
			if it.Reason == ReasonFollowUp {
				followUps[it.Q.Key()] = true
			}
			if next, ok := p.FollowUp(it, asked); ok {
				asked[next.Q.Key()] = true
				set.Items = append(set.Items[:i+1], append([]Item{next}, set.Items[i+1:]...)...)
			}
		}
	}
	var cQ, cR, uQ, uR int
	for key, n := range reviews {
		if claims.Covering(rs, lib.Question(key)) != nil {
			cQ, cR = cQ+1, cR+n
		} else {
			uQ, uR = uQ+1, uR+n
		}
	}
	if cQ == 0 || uQ == 0 {
		t.Fatalf("simulation reviewed %d claimed and %d unclaimed questions", cQ, uQ)
	}
	claimedRate, unclaimedRate := float64(cR)/float64(cQ), float64(uR)/float64(uQ)
	t.Logf("reviews per question over 30 days: claimed %.2f (%d questions), unclaimed %.2f (%d questions)", claimedRate, cQ, unclaimedRate, uQ)
	if claimedRate < 1.5*unclaimedRate {
		t.Errorf("claimed questions reviewed %.2f times each, unclaimed %.2f: want at least 1.5x", claimedRate, unclaimedRate)
	}
	if len(followUps) == 0 {
		t.Fatal("no follow-up of a claimed question was ever asked")
	}
	senior := 0
	for key := range followUps {
		if lib.Question(key).Level == pack.Senior {
			senior++
		}
	}
	if senior == 0 {
		t.Errorf("follow-ups reached %d questions but no senior rung of a ladder", len(followUps))
	}
}

func TestFollowUpOnlyForClaimsAndOnlyOnce(t *testing.T) {
	lib := bank(t)
	rs := claimed(lib, "I love the details of ML models")
	p := &Planner{Lib: lib, Cards: map[string]srs.Card{}, Sched: Only(scheduler(0.9)), Claims: rs, Policy: claims.DefaultPolicy()}
	var parent *pack.Question
	for _, q := range lib.Questions() {
		if claims.Covering(rs, q) != nil && len(q.FollowUps) > 0 {
			parent = q
			break
		}
	}
	it := p.item(parent, ReasonNew)
	next, ok := p.FollowUp(it, map[string]bool{parent.Key(): true})
	if !ok || next.Q.Key() != parent.FollowUps[0] || next.Reason != ReasonFollowUp || next.Claim == "" {
		t.Fatalf("follow-up of %s = %+v, %v", parent.Key(), next, ok)
	}
	if _, ok := p.FollowUp(it, map[string]bool{parent.FollowUps[0]: true, parent.Key(): true}); ok && len(parent.FollowUps) == 1 {
		t.Error("a follow-up already asked in the set was offered again")
	}
	p.Policy.Dig = false
	if _, ok := p.FollowUp(it, nil); ok {
		t.Error("with digging off, no follow-up is added")
	}
	unclaimed := Item{Q: parent}
	p.Policy.Dig = true
	if _, ok := p.FollowUp(unclaimed, nil); ok {
		t.Error("an unclaimed question does not trigger a follow-up")
	}
}

func TestChangedQuestionsAreMarked(t *testing.T) {
	lib := bank(t)
	q := lib.Questions()[0]
	if !Changed(q, "an older version") {
		t.Error("a question whose fingerprint differs from the one last rated is changed")
	}
	if Changed(q, q.Fingerprint()) || Changed(q, "") {
		t.Error("unchanged and never-rated questions are not changed")
	}
	// A plan marks nothing: it does not read its questions' bodies.
	p := &Planner{Lib: lib, Cards: map[string]srs.Card{}, Sched: Only(scheduler(0.9))}
	if p.item(q, ReasonDue).Changed {
		t.Error("a planned item is marked changed")
	}
}

// --new 0 means no new questions: a fresh library then has nothing to ask.
func TestNoNewQuestionsWhenNewPerDayIsZero(t *testing.T) {
	p := &Planner{Lib: bank(t), Cards: map[string]srs.Card{}, Sched: Only(scheduler(0.9))}
	if set := p.Daily(Options{Now: day0, NewPerDay: 0}); len(set.Items) != 0 {
		t.Errorf("NewPerDay 0 planned %d new questions", len(set.Items))
	}
	if set := p.Daily(Options{Now: day0, NewPerDay: 3}); len(set.Items) != 3 {
		t.Errorf("NewPerDay 3 planned %d", len(set.Items))
	}
}

// Siblings (follow-ups and ### Related, either way) are never planned for the same day: a
// question waits a day when a sibling was rated today or is already in the set. A topic
// set still fills up from them when nothing else is left.
func TestSiblingsWaitADay(t *testing.T) {
	lib := bank(t)
	sched := scheduler(0.9)
	sib := lib.Siblings()
	handover := lib.Question("deployment/handover-beyond-pickle")
	twin := lib.Question("deployment/which-belongs-in-handover")
	if handover == nil || twin == nil || !slices.Contains(sib[handover.Key()], twin.Key()) || !slices.Contains(sib[twin.Key()], handover.Key()) {
		t.Fatal("the hand-over question and its choice twin are not siblings")
	}
	if cv := lib.Question("behavioural/cv-hygiene-choice"); cv == nil || !slices.Contains(sib[cv.Key()], "behavioural/cv-review") {
		t.Error("### Related does not make behavioural/cv-hygiene-choice and cv-review siblings")
	}

	// Both due today: only one is asked.
	cards := map[string]srs.Card{}
	for _, q := range []*pack.Question{handover, twin} {
		cards[q.Key()] = sched.Review(srs.Card{}, srs.Good, day0.AddDate(0, 0, -30))
	}
	p := &Planner{Lib: lib, Cards: cards, Sched: Only(sched)}
	daily := p.Daily(Options{Now: day0, NewPerDay: 40})
	asked := map[string]bool{}
	for _, it := range daily.Items {
		if asked[it.Q.Key()] {
			t.Errorf("%s planned twice", it.Q.Key())
		}
		asked[it.Q.Key()] = true
	}
	for _, it := range daily.Items {
		for _, s := range sib[it.Q.Key()] {
			if asked[s] {
				t.Errorf("the daily drill plans siblings %s and %s for the same day", it.Q.Key(), s)
			}
		}
	}
	if asked[handover.Key()] == asked[twin.Key()] {
		t.Errorf("of two due siblings, want exactly one asked: %v %v", asked[handover.Key()], asked[twin.Key()])
	}

	// Rated today: its due sibling waits until tomorrow.
	cards[handover.Key()] = sched.Review(cards[handover.Key()], srs.Good, day0.Add(-time.Hour))
	p = &Planner{Lib: lib, Cards: cards, Sched: Only(sched)}
	for _, it := range p.Daily(Options{Now: day0}).Items {
		if it.Q == twin {
			t.Error("the twin of a question rated today is in today's drill")
		}
	}
	tomorrow := p.Daily(Options{Now: day0.AddDate(0, 0, 1)})
	if !slices.ContainsFunc(tomorrow.Items, func(it Item) bool { return it.Q == twin }) {
		t.Error("the twin does not come back the next day")
	}

	// A topic set of the whole pack still asks everything, siblings last.
	all := p.Topic(Options{Now: day0, Pack: "deployment", Count: 100})
	if len(all.Items) != len(lib.Pack("deployment").Questions) {
		t.Errorf("a topic set of all %d deployment questions has %d", len(lib.Pack("deployment").Questions), len(all.Items))
	}
}

// A question failed DefaultLeechThreshold times is suspended from the daily drill (a topic
// set still asks it); taken back, it is a leech again after half as many more lapses.
func TestLeechesLeaveTheDailyDrill(t *testing.T) {
	lib := bank(t)
	sched := scheduler(0.9)
	q := lib.Question("ensembles/bagging-vs-boosting")
	if q == nil {
		t.Fatal("no ensembles/bagging-vs-boosting")
	}
	c := srs.Card{}
	at := day0.AddDate(0, 0, -200)
	c = sched.Review(c, srs.Good, at)
	for c.Lapses < DefaultLeechThreshold {
		at = c.Due
		c = sched.Review(c, srs.Good, at)
		c = sched.Review(c, srs.Again, c.Due)
	}
	c.Due = day0.Add(-time.Hour)
	cards := map[string]srs.Card{q.Key(): c}
	in := func(p *Planner, set Set) bool {
		return slices.ContainsFunc(set.Items, func(it Item) bool { return it.Q == q })
	}
	off := &Planner{Lib: lib, Cards: cards, Sched: Only(sched)}
	if !in(off, off.Daily(Options{Now: day0})) {
		t.Fatal("without a leech threshold the due question is not in the drill")
	}
	p := &Planner{Lib: lib, Cards: cards, Sched: Only(sched), Leeches: Leeches{Threshold: DefaultLeechThreshold}}
	if in(p, p.Daily(Options{Now: day0})) {
		t.Errorf("a question with %d lapses is in the daily drill", c.Lapses)
	}
	if got := p.Suspended(); !slices.Equal(got, []string{q.Key()}) {
		t.Errorf("Suspended = %v", got)
	}
	if !in(p, p.Topic(Options{Now: day0, Pack: "ensembles", Count: 100})) {
		t.Error("a topic set leaves the leech out")
	}
	p.Leeches.Unsuspended = map[string]int{q.Key(): c.Lapses}
	if !in(p, p.Daily(Options{Now: day0})) {
		t.Error("an unsuspended leech is not back in the daily drill")
	}
	c.Lapses += DefaultLeechThreshold / 2
	p.Cards[q.Key()] = c
	if in(p, p.Daily(Options{Now: day0})) {
		t.Error("an unsuspended leech that lapsed three more times is back in the drill")
	}
}

// A question a mock interview round queued comes first in the daily drill, not due or
// not, until it is answered after the round.
func TestRoundPriorityFirstUntilAnswered(t *testing.T) {
	lib := bank(t)
	sched := scheduler(0.9)
	q := lib.Pack("ml-testing").Questions[0]
	// Due as well, so that it is in the due list the queue must take it out of.
	cards := map[string]srs.Card{q.Key(): sched.Review(srs.Card{}, srs.Again, day0.AddDate(0, 0, -30))}
	if !cards[q.Key()].Due.Before(day0) {
		t.Fatal("the queued question's card should be due")
	}
	since := day0.Add(-time.Hour)
	p := &Planner{Lib: lib, Cards: cards, Sched: Only(sched), Priority: []Priority{{Key: q.Key(), Since: since}, {Key: "no/such", Since: since}}}
	set := p.Daily(Options{Now: day0, NewPerDay: 3})
	if len(set.Items) == 0 {
		t.Fatal("an empty daily drill, want the queued question first")
	}
	if set.Items[0].Q != q || set.Items[0].Reason != ReasonRound {
		t.Fatalf("first item %+v, want the queued question", set.Items[0])
	}
	for _, it := range set.Items[1:] {
		if it.Q == q {
			t.Error("the queued question is asked twice")
		}
	}
	cards[q.Key()] = sched.Review(cards[q.Key()], srs.Good, day0) // answered after the round
	if set := p.Daily(Options{Now: day0, NewPerDay: 3}); len(set.Items) > 0 && set.Items[0].Reason == ReasonRound {
		t.Errorf("answered since, it is still first: %+v", set.Items[0])
	}
}

// Suspended lists every leech in the library's order: below the threshold a card is not
// one, an unsuspended leech is one again only after half the threshold more lapses, and a
// card whose question left the library is not listed.
func TestSuspendedListsLeechesInLibraryOrder(t *testing.T) {
	lib := bank(t)
	qs := lib.Questions()
	if len(qs) < 5 {
		t.Fatal("bank too small")
	}
	th := DefaultLeechThreshold
	cards := map[string]srs.Card{
		qs[4].Key():   {Lapses: th + 3},
		qs[0].Key():   {Lapses: th},
		qs[1].Key():   {Lapses: th - 1},                // below the threshold
		qs[2].Key():   {Lapses: th + max(th/2, 1) - 1}, // unsuspended at th: not yet again
		qs[3].Key():   {Lapses: th + max(th/2, 1)},     // unsuspended at th: a leech again
		"gone/q":      {Lapses: th + 10},
		"other/thing": {Lapses: 0},
	}
	p := &Planner{Lib: lib, Cards: cards, Leeches: Leeches{Threshold: th,
		Unsuspended: map[string]int{qs[2].Key(): th, qs[3].Key(): th}}}
	if got, want := p.Suspended(), []string{qs[0].Key(), qs[3].Key(), qs[4].Key()}; !slices.Equal(got, want) {
		t.Errorf("Suspended = %v, want %v", got, want)
	}
	p.Leeches.Threshold = 0
	if got := p.Suspended(); len(got) != 0 {
		t.Errorf("with no threshold Suspended = %v, want none", got)
	}
}
