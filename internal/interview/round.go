package interview

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
)

// Thresholds of the credited share of key points, the drill's own (score.Fitted): a strong
// answer is one the drill would rate Good, a clear miss one it would rate Again.
var (
	strongShare = score.Fitted.Good
	missShare   = score.Fitted.Hard
)

// MaxDepth is how many follow-ups deep the interviewer digs after answers that miss.
const MaxDepth = 2

// Options shape a round.
type Options struct {
	Minutes int
	// Level is the level the round is pitched at: the first question of each phase is at
	// it (or the nearest there is), and a strong answer moves up one.
	Level pack.Level
	// Focus tags are asked first in every phase that has questions carrying them.
	Focus []string
	// Claims are the candidate's claims, each probed up its ladder.
	Claims []claims.Resolved
	// Seed makes the choice of questions repeatable: the same seed, packs and answers give
	// the same round.
	Seed      uint64
	Thesaurus *score.Thesaurus
	// Personal gives the candidate's own words saved for a question's key points, as the
	// drill grades with them (score.PersonalFor); nil for none.
	Personal func(*pack.Question) map[int][]string
	// Lenient grades claimed questions like the others: the candidate turned the claims
	// policy's strictness off (claims.Policy.Strict), as the drill then does.
	Lenient bool
	Now     time.Time
}

// Ask is the next question of the round.
type Ask struct {
	Phase Phase
	Q     *pack.Question // nil for the candidate's questions
	Limit time.Duration
	// Depth counts follow-ups: 0 for a first question, 1 and 2 for follow-ups.
	Depth      int
	FollowUpOf string // the key of the question followed up
	Claim      string // the claim probed
	// Lead is what the interviewer says before the question ("You claimed ...").
	Lead string
}

// Title is the question as the interviewer asks it.
func (a Ask) Title() string {
	if a.Q == nil {
		return "Do you have any questions for us?"
	}
	return a.Q.Title
}

// Round is a mock interview in progress. Next gives the question to ask, Submit takes its
// answer; Report describes the round at any moment (it is saved after every answer).
type Round struct {
	opt    Options
	lib    *pack.Library
	budget [NumPhases]time.Duration
	phase  Phase
	used   [NumPhases]time.Duration
	// charged is what the phase's budget is charged: each answer's time, but at least half
	// its limit.
	charged [NumPhases]time.Duration
	pools   [NumPhases][]*pack.Question
	level   [NumPhases]pack.Level
	asked   map[string]bool
	cur     *Ask
	next    *Ask // a follow-up chosen by the last answer
	// claims probe
	claim  int // index into opt.Claims
	probes []Probe
	report Report
	quit   bool   // left before the end
	prefer string // the follow-up the person asking chose (pair mode)
}

// New plans a round. The pools of each phase are the library's open questions, shuffled by
// the seed; the pitch is the library's "tell me about yourself" question.
func New(lib *pack.Library, opt Options) *Round {
	if opt.Minutes < MinMinutes {
		opt.Minutes = MinMinutes
	}
	if opt.Level == 0 {
		opt.Level = pack.Mid
	}
	r := &Round{opt: opt, lib: lib, asked: map[string]bool{}}
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	qs := lib.Questions() // a fresh slice, put in pack and id order so that the seed alone decides
	slices.SortFunc(qs, func(a, b *pack.Question) int {
		return cmp.Or(strings.Compare(a.PackID, b.PackID), strings.Compare(a.ID, b.ID))
	})
	rng.Shuffle(len(qs), func(i, j int) { qs[i], qs[j] = qs[j], qs[i] })
	for _, q := range qs {
		if q.Kind != pack.KindOpen || q.KeyPointCount == 0 {
			continue
		}
		p := phaseOf(q)
		r.pools[p] = append(r.pools[p], q)
	}
	// Only claims some open question can probe: a claim nothing backs up is the About you
	// screen's and the audit's to call out, and would only eat the round's time.
	var claimed []claims.Resolved
	for _, c := range opt.Claims {
		if r.rung(c, &Probe{}) != nil {
			claimed = append(claimed, c)
		}
	}
	r.opt.Claims = claimed
	r.budget = Budget(time.Duration(opt.Minutes)*time.Minute, len(claimed) > 0)
	for p := range r.level {
		r.level[p] = opt.Level
	}
	r.report = Report{Started: opt.Now, Minutes: opt.Minutes, Level: opt.Level.String(), Focus: opt.Focus, Seed: opt.Seed}
	for p := range NumPhases {
		r.report.Budget = append(r.report.Budget, PhaseBudget{Phase: p.String(), Seconds: int(r.budget[p].Seconds())})
	}
	return r
}

// phaseOf sorts a question into the phase that asks it.
func phaseOf(q *pack.Question) Phase {
	has := func(tags ...string) bool { return slices.ContainsFunc(tags, q.HasTag) }
	switch {
	case has("self-presentation"):
		return Pitch
	case has("interviewer-questions"):
		return Questions // advice about asking questions, not one to ask
	case score.Behavioural(q) || has("behavioural"):
		return Behavioural
	case q.PackID == "ml-testing" || has("testing", "unit-tests", "regression-tests", "data-validation"):
		return Testing
	case slices.Contains([]string{"deployment", "production-thinking", "ml-system-design", "llm-serving"}, q.PackID) ||
		has("deployment", "monitoring", "serving", "mlops", "system-design"):
		return Deployment
	}
	return Fundamentals
}

// Budget is the time each phase has.
func (r *Round) Budget() [NumPhases]time.Duration { return r.budget }

// Elapsed is the time the answers took so far.
func (r *Round) Elapsed() time.Duration {
	var d time.Duration
	for _, u := range r.used {
		d += u
	}
	return d
}

// Total is the round's length.
func (r *Round) Total() time.Duration { return time.Duration(r.opt.Minutes) * time.Minute }

// Next returns the question to ask now; ok is false when the round is over.
func (r *Round) Next() (Ask, bool) {
	if r.cur != nil {
		return *r.cur, true
	}
	for r.phase < NumPhases {
		if a, ok := r.pick(); ok {
			r.cur = &a
			if a.Q != nil {
				r.asked[a.Q.Key()] = true
			}
			return a, true
		}
		r.phase++
		r.next = nil
	}
	return Ask{}, false
}

// left is the time the current phase has left.
func (r *Round) left() time.Duration { return r.budget[r.phase] - r.charged[r.phase] }

// room reports whether a question of limit d still fits the phase: it starts before the
// phase has used 60% of what d needs beyond the budget; a phase always asks one question.
func (r *Round) room(d time.Duration) bool {
	return r.answersIn(r.phase) == 0 || r.left() >= d*2/5
}

func (r *Round) answersIn(p Phase) int {
	n := 0
	for _, a := range r.report.Answers {
		if a.Phase == p.String() {
			n++
		}
	}
	return n
}

func (r *Round) pick() (Ask, bool) {
	switch r.phase {
	case Pitch:
		if r.answersIn(Pitch) > 0 || len(r.pools[Pitch]) == 0 {
			return Ask{}, false
		}
		q := r.pools[Pitch][0]
		return Ask{Phase: Pitch, Q: q, Limit: min(q.Time, r.budget[Pitch]), Lead: "Thanks for coming in. Let's start."}, true
	case Claims:
		return r.pickClaim()
	case Questions:
		if r.answersIn(Questions) > 0 {
			return Ask{}, false
		}
		return Ask{Phase: Questions, Limit: r.budget[Questions], Lead: "We have a few minutes left."}, true
	}
	if r.next != nil {
		a := *r.next
		r.next = nil
		if r.left() > 0 {
			return a, true
		}
	}
	if r.left() <= 0 {
		return Ask{}, false
	}
	q := r.choose(r.phase, r.level[r.phase], r.answersIn(r.phase) == 0 && r.phase == Deployment)
	if q == nil || !r.room(q.Time) {
		return Ask{}, false
	}
	return Ask{Phase: r.phase, Q: q, Limit: q.Time}, true
}

// corePacks are the fundamentals an ML engineer loop asks first.
var corePacks = []string{"ensembles", "trees-and-forests", "linear-models", "evaluation"}

// choose picks the phase's next question: focus tags first, then the level nearest the
// wanted one (above before below), in the seeded order; a scenario first when asked for.
func (r *Round) choose(p Phase, level pack.Level, scenario bool) *pack.Question {
	var best *pack.Question
	rank := func(q *pack.Question) int {
		d := int(q.Level) - int(level)
		s := 0
		if d < 0 {
			s = -d*2 + 1
		} else {
			s = d * 2
		}
		if len(r.opt.Focus) > 0 && !slices.ContainsFunc(r.opt.Focus, q.HasTag) {
			s += 10
		}
		if scenario && !q.HasTag("case") && !q.HasTag("scenario") {
			s += 20
		}
		if p == Fundamentals && !slices.Contains(corePacks, q.PackID) {
			s += 3 // the loop's staples first: ensembles and trees, linear models, evaluation
		}
		return s
	}
	for _, q := range r.pools[p] {
		if r.asked[q.Key()] {
			continue
		}
		if best == nil || rank(q) < rank(best) {
			best = q
		}
	}
	return best
}

// pickClaim climbs the current claim's ladder: its questions from the lowest level up,
// one per level, until the first clear miss (under the drill's Hard threshold).
func (r *Round) pickClaim() (Ask, bool) {
	for r.claim < len(r.opt.Claims) {
		if r.left() <= 0 && r.answersIn(Claims) > 0 {
			return Ask{}, false
		}
		c := r.opt.Claims[r.claim]
		if len(r.probes) <= r.claim {
			r.probes = append(r.probes, Probe{Claim: c.Text, Tags: c.Tags})
		}
		pr := &r.probes[r.claim]
		if !pr.Stopped {
			if q := r.rung(c, pr); q != nil {
				lead := `You claimed: "` + c.Text + `". Let's see.`
				if len(pr.Rungs) > 0 {
					lead = "Good. One level deeper on your claim."
				}
				return Ask{Phase: Claims, Q: q, Limit: q.Time, Claim: c.Text, Lead: lead}, true
			}
		}
		r.claim++
	}
	return Ask{}, false
}

// rung is the claim's next question: one carrying its tags at the lowest level above the
// last one climbed.
func (r *Round) rung(c claims.Resolved, pr *Probe) *pack.Question {
	above := pack.Level(0)
	if n := len(pr.Rungs); n > 0 {
		above, _ = pack.ParseLevel(pr.Rungs[n-1].Level)
	}
	var best *pack.Question
	for _, p := range []Phase{Fundamentals, Testing, Deployment, Behavioural} {
		for _, q := range r.pools[p] {
			if r.asked[q.Key()] || q.Level <= above || !slices.ContainsFunc(c.Tags, q.HasTag) {
				continue
			}
			if best == nil || q.Level < best.Level {
				best = q
			}
		}
	}
	return best
}

// Submit grades a typed answer to the current question and decides what comes next.
func (r *Round) Submit(text string, used time.Duration) Answer {
	a, ok := r.current()
	if !ok {
		return Answer{}
	}
	if a.Q == nil {
		return r.finishQuestions(text, used)
	}
	opt := score.Options{Thesaurus: r.opt.Thesaurus}
	if r.opt.Personal != nil {
		opt.Personal = r.opt.Personal(a.Q)
	}
	cov := score.Grade(a.Q, text, opt)
	return r.record(a, text, cov, used, false)
}

// SubmitTicks takes an answer given aloud, its key points ticked by the person asking (pair
// mode) or the candidate.
func (r *Round) SubmitTicks(covered []bool, notes string, used time.Duration) Answer {
	a, ok := r.current()
	if !ok {
		return Answer{}
	}
	if a.Q == nil {
		return r.finishQuestions(notes, used)
	}
	cov := score.Coverage{Covered: slices.Clone(covered), Partial: make([]bool, len(covered))}
	return r.record(a, notes, cov, used, true)
}

// Skip moves past the current question without an answer: a clear miss.
func (r *Round) Skip(used time.Duration) Answer {
	a, ok := r.current()
	if !ok {
		return Answer{}
	}
	if a.Q == nil {
		return r.finishQuestions("", used)
	}
	return r.record(a, "", score.Coverage{Covered: make([]bool, len(a.Q.Body().KeyPoints)), Partial: make([]bool, len(a.Q.Body().KeyPoints))}, used, false)
}

// current is the question being asked; ok is false when the round is over.
// ClaimOf is the claim an answer to a is held to: the claim probed, or in any phase the
// claim whose tags the question carries. Such an answer is graded strictly and scheduled
// as a claimed question, as in the drill.
func (r *Round) ClaimOf(a Ask) string {
	if a.Claim != "" || a.Q == nil {
		return a.Claim
	}
	if c := claims.Covering(r.opt.Claims, a.Q); c != nil {
		return c.Text
	}
	return ""
}

func (r *Round) current() (Ask, bool) {
	if r.cur == nil {
		if _, ok := r.Next(); !ok {
			return Ask{}, false
		}
	}
	return *r.cur, true
}

func (r *Round) record(a Ask, text string, cov score.Coverage, used time.Duration, aloud bool) Answer {
	q := a.Q
	body := q.Body()
	ans := Answer{Phase: a.Phase.String(), Key: q.Key(), Title: q.Title, Level: q.Level.String(),
		Depth: a.Depth, FollowUpOf: a.FollowUpOf, Claim: a.Claim, Text: text, Aloud: aloud,
		Seconds: int(used.Round(time.Second).Seconds()), Limit: int(a.Limit.Seconds()), Over: used > a.Limit,
		Credit: cov.Credit(), Total: cov.Total(), Model: body.Answer, Coverage: cov}
	for i, kp := range body.KeyPoints {
		pt := PointResult{Text: kp.Text, State: "missed"}
		switch {
		case i < len(cov.Covered) && cov.Covered[i]:
			pt.State = "covered"
		case i < len(cov.Partial) && cov.Partial[i]:
			pt.State = "half"
		}
		if i < len(cov.Points) {
			pt.Evidence = cov.Points[i].Matched
			if cov.Points[i].State == score.Wrong {
				pt.State = "wrong"
			}
		}
		ans.Points = append(ans.Points, pt)
	}
	for _, f := range cov.Flags {
		ans.Flags = append(ans.Flags, Flag{Rule: f.Rule, Name: f.Name, Sentence: f.Sentence})
	}
	sugg := score.Suggest(score.Input{Kind: q.Kind, Coverage: cov, Aloud: aloud, Used: used, Limit: a.Limit,
		Overtime: used > a.Limit, Strict: !r.opt.Lenient && r.ClaimOf(a) != ""})
	ans.Rating, ans.Reason = sugg.Rating, sugg.Reason
	r.used[a.Phase] += used
	// A quick answer still takes its place in the phase: an interviewer plans questions,
	// not seconds, so a phase asks no more than its budget holds at half their limits.
	r.charged[a.Phase] += max(used, a.Limit/2)
	r.cur = nil
	r.report.Answers = append(r.report.Answers, ans)

	share := ans.Share()
	switch a.Phase {
	case Claims:
		pr := &r.probes[r.claim]
		pr.Rungs = append(pr.Rungs, Rung{Key: q.Key(), Level: q.Level.String(), Share: share, Strong: share >= strongShare})
		if share < missShare { // the first clear miss ends the climb
			pr.Stopped = true
		}
	case Fundamentals, Testing, Deployment, Behavioural:
		if share >= strongShare {
			r.level[a.Phase] = min(pack.Senior, q.Level+1)
		} else if f := r.followUp(a); f != nil {
			r.next = &Ask{Phase: a.Phase, Q: f, Limit: f.Time, Depth: a.Depth + 1, FollowUpOf: q.Key(),
				Lead: "Let me follow up on that."}
			r.report.Answers[len(r.report.Answers)-1].FollowedUpWith = f.Title
		}
	}
	return r.report.Answers[len(r.report.Answers)-1]
}

// PreferFollowUp names the follow-up to ask if the current answer misses points: in pair
// mode the person asking picks among the question's follow-ups.
func (r *Round) PreferFollowUp(key string) { r.prefer = key }

// FollowUps are the follow-ups the current question could lead to: open questions not
// asked yet.
//
// Only follow-ups of the phase being asked count: a deployment question that follows a
// fundamentals question waits for its own phase, so that each answer is evidence of the
// competency it tests.
func (r *Round) FollowUps(q *pack.Question) []*pack.Question {
	var out []*pack.Question
	for _, key := range q.FollowUps {
		f := r.lib.Question(key)
		if f != nil && f.Kind == pack.KindOpen && f.KeyPointCount > 0 && !r.asked[key] && phaseOf(f) == phaseOf(q) {
			out = append(out, f)
		}
	}
	return out
}

// FollowUpsFor are the follow-ups a miss on a may lead to: those of its question
// (FollowUps) while the phase follows up at all (the four competency phases) and a is not
// MaxDepth deep already.
func (r *Round) FollowUpsFor(a Ask) []*pack.Question {
	switch {
	case a.Q == nil || a.Depth >= MaxDepth:
		return nil
	case a.Phase == Fundamentals, a.Phase == Testing, a.Phase == Deployment, a.Phase == Behavioural:
		return r.FollowUps(a.Q)
	}
	return nil
}

// followUp is the follow-up chosen for a miss on a (PreferFollowUp), else the first.
func (r *Round) followUp(a Ask) *pack.Question {
	prefer := r.prefer
	r.prefer = ""
	fs := r.FollowUpsFor(a)
	for _, f := range fs {
		if f.Key() == prefer {
			return f
		}
	}
	if len(fs) > 0 {
		return fs[0]
	}
	return nil
}

func (r *Round) finishQuestions(text string, used time.Duration) Answer {
	ans := Answer{Phase: Questions.String(), Title: Ask{}.Title(), Text: text,
		Seconds: int(used.Round(time.Second).Seconds()), Limit: int(r.budget[Questions].Seconds())}
	r.used[Questions] += used
	r.charged[Questions] += used
	r.cur = nil
	r.report.Answers = append(r.report.Answers, ans)
	r.report.YourQuestions = reviewQuestions(text)
	return ans
}

// Report is the round as it stands, with its scorecard.
func (r *Round) Report() Report {
	rep := r.report
	rep.Answers = slices.Clone(rep.Answers)
	rep.Probes = slices.Clone(r.probes)
	rep.Seconds = int(r.Elapsed().Round(time.Second).Seconds())
	rep.Finished = r.Done() && !r.quit
	rep.Scorecard = Score(rep)
	return rep
}

// Leave ends the round early: the question being asked is dropped, and the report covers
// what was answered.
func (r *Round) Leave() {
	r.cur, r.next, r.phase, r.quit = nil, nil, NumPhases, true
}

// Done reports whether every phase is over.
func (r *Round) Done() bool {
	_, ok := r.Next()
	return !ok
}
