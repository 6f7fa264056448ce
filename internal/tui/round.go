package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/interview"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// RoundStart asks for a mock interview round (hotseat interview, or the home entry).
type RoundStart struct {
	Minutes int
	Level   pack.Level
	Focus   []string
	// Pair shows the interviewer's side: a person asks aloud and ticks the key points.
	Pair bool
	Seed uint64
}

// roundScreen is a mock interview in progress, then its scorecard. Typed answers are asked
// on the question screen's layout; in pair mode the interviewer ticks key points instead.
type roundScreen struct {
	cx    *context
	r     *interview.Round
	start RoundStart
	id    string
	ask   interview.Ask
	n     int // questions asked so far
	q     questionScreen
	// pair mode: the key points heard, and the follow-up picked
	ticks  []bool
	cursor int
	follow int
	// saving is set from submit until the answer is in the store; pending holds what is
	// saved, for a retry.
	saving  bool
	pending *roundSave
	err     string
	leave   bool // ctrl+x pressed once: leave the round?
	done    bool
	rep     interview.Report
	pg      pager
	// setup: the first screen from home
	setup  bool
	choice int
	level  pack.Level
}

// roundSave is one answer's writes: the review (it feeds the schedule like a drill
// rating) and the round as it stands.
type roundSave struct {
	res  *drill.Result
	rep  interview.Report
	last bool // the round's end: queue its drill-next questions
}

// roundSavedMsg says an answer of the round is in the store (or why not).
type roundSavedMsg struct {
	key   string
	card  srs.Card
	queue []drill.Priority
	err   error
}

func newRoundScreen(cx *context, start RoundStart, cl []claims.Resolved, now time.Time) *roundScreen {
	if start.Seed == 0 {
		start.Seed = uint64(now.UnixNano())
	}
	r := interview.New(cx.cfg.Lib, interview.Options{Minutes: start.Minutes, Level: start.Level, Focus: start.Focus,
		Claims: cl, Seed: start.Seed, Thesaurus: cx.thesaurus(), Now: now, Lenient: !cx.cfg.Policy.Strict,
		// graded with the words the candidate saved, as in the drill
		Personal: func(q *pack.Question) map[int][]string { return score.PersonalFor(q, cx.synonyms[q.Key()]) }})
	s := &roundScreen{cx: cx, r: r, start: start, id: interview.NewID(now)}
	s.next(now)
	return s
}

// next shows the round's next question, or its scorecard when it is over.
func (s *roundScreen) next(now time.Time) {
	a, ok := s.r.Next()
	if !ok {
		s.finish()
		return
	}
	s.ask, s.err, s.leave = a, "", false
	s.n++
	q := a.Q
	if q == nil {
		q = (&pack.Question{ID: "your-questions", PackID: "interview", Title: a.Title(), Kind: pack.KindOpen, Time: a.Limit}).
			SetBody(pack.Body{Prompt: "Type the questions you would ask the interviewer, one per line."})
	}
	it := drill.Item{Q: q, Reason: drill.ReasonRound, Limit: a.Limit, Claim: s.r.ClaimOf(a)}
	s.q = newQuestionScreen(s.cx, it, now, "")
	s.q.input.Placeholder = "Type your answer as you would say it. The model answer waits for the scorecard."
	s.q.lead = a.Lead
	if a.Q == nil {
		s.q.context = "Your questions · the interviewer answers them; the report comments on them"
	} else {
		s.q.context = a.Phase.String() + " · " + a.Q.Level.String()
	}
	if s.start.Pair && a.Q != nil {
		s.ticks = make([]bool, len(a.Q.Body().KeyPoints))
		s.cursor, s.follow = 0, 0
	}
	s.q.resize()
}

func (s *roundScreen) pairAsk() bool { return s.start.Pair && s.ask.Q != nil && !s.done }

func (s *roundScreen) finish() {
	s.done = true
	s.rep = s.r.Report()
	s.rep.ID, s.rep.Pair = s.id, s.start.Pair
	s.pg.SetHeight(max(s.cx.bodyH, 3))
	s.pg.SetContent(s.cx.md.Render(s.rep.Markdown(), max(readable(s.cx.width)-2, 20)))
}

// timeUp reports whether the answer's clock ran out.
func (s *roundScreen) timeUp(now time.Time) bool {
	return !s.setup && !s.done && !s.saving && s.q.timeUp(now)
}

// submit grades the answer as it stands and returns the writes to make before the next
// question shows.
func (s *roundScreen) submit(now time.Time, skip bool) *roundSave {
	used := now.Sub(s.q.started)
	var ans interview.Answer
	switch {
	case skip:
		ans = s.r.Skip(used)
	case s.pairAsk():
		if fs := s.r.FollowUpsFor(s.ask); len(fs) > 0 {
			s.r.PreferFollowUp(fs[s.follow%len(fs)].Key())
		}
		ans = s.r.SubmitTicks(s.ticks, "", used)
	default:
		ans = s.r.Submit(s.q.answer(now, false).text, used)
	}
	sv := &roundSave{rep: s.r.Report()}
	sv.rep.ID, sv.rep.Pair = s.id, s.start.Pair
	if s.ask.Q != nil { // a pass is a clear miss, and the schedule hears it as one
		sv.res = &drill.Result{Item: s.q.item,
			Answer: ans.Text, Used: used, Overtime: used > s.ask.Limit, Aloud: ans.Aloud, Coverage: ans.Coverage, Rating: ans.Rating, At: now}
	}
	sv.last = s.r.Done()
	s.saving, s.pending = true, sv
	return sv
}

// save writes an answer of the round in a command: the review and the card's new state in
// one transaction (as a drill rating), then the round; at its end, the drill-next queue.
func save(st *store.Store, sched *srs.Scheduler, card srs.Card, sv *roundSave, now time.Time) tea.Cmd {
	return func() tea.Msg {
		msg := roundSavedMsg{card: card}
		if st == nil {
			return msg
		}
		if sv.res != nil {
			next, _, err := (&drill.Recorder{Store: st, Sched: sched}).Record(card, *sv.res)
			if err != nil {
				return roundSavedMsg{err: err}
			}
			msg.key, msg.card = sv.res.Item.Q.Key(), next
			sv.res = nil // recorded: a retry only saves the round
		}
		if err := interview.Save(st, sv.rep); err != nil {
			return roundSavedMsg{err: err, key: msg.key, card: msg.card}
		}
		if sv.last {
			q, err := interview.Queue(st, sv.rep.Scorecard.DrillNext, now)
			if err != nil {
				return roundSavedMsg{err: err, key: msg.key, card: msg.card}
			}
			msg.queue = q
		}
		return msg
	}
}

type roundAction int

const (
	roundNone roundAction = iota
	roundSubmit
	roundSkip
	roundLeave
)

// key handles a key while asking.
func (s *roundScreen) key(msg tea.KeyPressMsg) roundAction {
	k := s.cx.keys
	if s.saving {
		return roundNone
	}
	if key.Matches(msg, k.Leave) {
		if s.leave {
			return roundLeave
		}
		s.leave = true
		return roundNone
	}
	s.leave = false
	if s.pairAsk() {
		n := len(s.ticks)
		switch {
		case key.Matches(msg, k.Enter), key.Matches(msg, k.Submit):
			return roundSubmit
		case key.Matches(msg, k.Up) && n > 0:
			s.cursor = (s.cursor + n - 1) % n
		case key.Matches(msg, k.Down) && n > 0:
			s.cursor = (s.cursor + 1) % n
		case key.Matches(msg, k.Toggle) && n > 0:
			s.ticks[s.cursor] = !s.ticks[s.cursor]
		case key.Matches(msg, k.Tick):
			if i := int(msg.Code - '1'); i >= 0 && i < n {
				s.ticks[i] = !s.ticks[i]
				s.cursor = i
			}
		case key.Matches(msg, k.PickFollowUp):
			s.follow++
		case key.Matches(msg, k.Skip):
			return roundSkip
		}
		return roundNone
	}
	switch s.q.key(msg) {
	case actSubmit:
		return roundSubmit
	case actSkip:
		return roundSkip
	}
	return roundNone
}

// leaveNow ends the round before its end: what was answered is saved and scored, the
// answer on screen too when it has anything in it.
func (s *roundScreen) leaveNow(now time.Time) *roundSave {
	var res *drill.Result
	if s.unsaved() {
		res = s.submit(now, false).res
	}
	s.r.Leave()
	sv := &roundSave{res: res, rep: s.r.Report(), last: true}
	sv.rep.ID, sv.rep.Pair = s.id, s.start.Pair
	s.saving, s.pending = true, sv
	return sv
}

func (s *roundScreen) keys() []key.Binding {
	k := s.cx.keys
	switch {
	case s.setup:
		return s.setupKeys()
	case s.done:
		return []key.Binding{k.Scroll, withHelp(k.Done, "home")}
	case s.saving && s.err != "":
		return []key.Binding{k.Retry, k.Quit}
	case s.pairAsk():
		tick := k.Tick
		tick.SetHelp("1-9/space", "tick what you heard")
		out := []key.Binding{tick, k.Move, withHelp(k.Enter, "next question")}
		if len(s.r.FollowUpsFor(s.ask)) > 1 {
			out = append(out, k.PickFollowUp)
		}
		return append(out, withHelp(k.Skip, "no answer"), withHelp(k.Leave, "end the round"), k.Quit)
	}
	return []key.Binding{withHelp(k.Submit, "answer"), k.Newline, withHelp(k.Skip, "pass"), withHelp(k.Leave, "end the round"), k.Quit}
}

// title is the header's left side: where the round is.
func (s *roundScreen) title() string {
	st := s.cx.st
	if s.setup {
		return st.Title.Render("hotseat")
	}
	if s.done {
		return st.Title.Render("Mock interview") + st.Muted.Render(" · scorecard")
	}
	return st.Title.Render("Mock interview") + st.Muted.Render(fmt.Sprintf(" · %s · question %d", s.ask.Phase, s.n))
}

// clocks are the answer's clock and the round's.
func (s *roundScreen) clocks(now time.Time) string {
	st := s.cx.st
	if s.setup {
		return ""
	}
	if s.done {
		return st.Muted.Render(fmt.Sprintf("%s answering, %d min planned", formatClock(s.rep.Seconds), s.rep.Minutes))
	}
	bar := 0
	if s.cx.width >= 90 {
		bar = 10
	}
	used := now.Sub(s.q.started)
	out := clockBar(st, "answer", s.ask.Limit-used, s.ask.Limit, bar)
	if s.cx.width >= 60 {
		round := s.r.Total() - s.r.Elapsed()
		if !s.saving { // once submitted, the answer's time is in Elapsed
			round -= used
		}
		out += "  " + clockBar(st, "round", round, s.r.Total(), 0)
	}
	return out
}

func (s *roundScreen) view(w, h int) string {
	st := s.cx.st
	if s.setup {
		return s.setupView(w)
	}
	if s.done {
		body := s.pg.View()
		if !s.pg.AtBottom() {
			body = withMore(st, body, w, s.pg.ScrollPercent())
		}
		return body
	}
	warn := ""
	switch {
	case s.err != "":
		warn = "Not saved: " + s.err + " Press r to try again."
	case s.leave:
		warn = "Press ctrl+x again to end the round now; the answer on screen is kept, and the scorecard covers what you answered."
	}
	if s.pairAsk() {
		out := s.pairView(w, h-1)
		if warn != "" {
			out = block(st.Warn.Render(warn), w) + "\n" + out
		}
		return out
	}
	q := s.q // a copy: View changes no state
	q.warn = warn
	return q.view(w, h)
}

// pairView is the interviewer's side: the question to read out, the key points to tick as
// they are heard, the follow-ups the round may pick, and the rubric.
func (s *roundScreen) pairView(w, h int) string {
	st := s.cx.st
	q := s.ask.Q
	var head, points, follow, rubric strings.Builder
	if s.ask.Lead != "" {
		head.WriteString(block(st.Muted.Render("Say: "+clean(s.ask.Lead)), w) + "\n")
	}
	head.WriteString(block(st.Heading.Render("Ask: ")+st.Text.Render(clean(q.Title)), w) + "\n")
	context := block(st.Muted.Render(s.q.context), w) + "\n"
	points.WriteString(" " + st.Heading.Render("Tick the key points you hear") + "\n")
	var items [][]string
	for i, kp := range q.Body().KeyPoints {
		box := "[ ]"
		if s.ticks[i] {
			box = st.Good.Render("[x]")
		}
		mark := "  "
		text := fmt.Sprintf("%d. %s", i+1, clean(kp.Text))
		if i == s.cursor {
			mark, text = st.Selected.Render("> "), st.Selected.Render(text)
		}
		items = append(items, strings.Split(hanging(" "+mark+box+" "+text, w, 1, 9), "\n"))
	}
	// The points scroll around the cursor when the window cannot hold them all.
	room := h - strings.Count(head.String(), "\n") - 2
	for _, l := range fitAround(st, items, s.cursor, max(room, 3)) {
		points.WriteString(l + "\n")
	}
	fs := s.r.FollowUpsFor(s.ask)
	switch {
	case s.ask.Phase == interview.Claims:
		follow.WriteString(block(st.Muted.Render("A strong answer climbs to the claim's next level; a clear miss ends the probe."), w) + "\n")
	case len(fs) > 0:
		follow.WriteString(" " + st.Heading.Render("If points are missing, follow up with") + st.Muted.Render(" (f picks)") + "\n")
		for i, f := range fs {
			mark := "   "
			text := st.Muted.Render(clean(f.Title))
			if i == s.follow%len(fs) {
				mark, text = st.Selected.Render(" → "), st.Text.Render(clean(f.Title))
			}
			follow.WriteString(truncate(mark+text, w) + "\n")
		}
	}
	rubric.WriteString(block(st.Muted.Render(fmt.Sprintf("Rubric: strong at %.0f%% of the points or more (the phase moves up a level); a clear miss under %.0f%%. Scores 1-4 per competency come from these shares.",
		score.Fitted.Good*100, score.Fitted.Hard*100)), w) + "\n")
	// On a small window the question and its key points come first; the context line, the
	// rubric and the follow-ups give way, in that order.
	parts := []string{head.String(), context, "\n" + points.String(), "\n" + follow.String(), "\n" + rubric.String()}
	if follow.Len() == 0 {
		parts[3] = ""
	}
	height := func() int { return strings.Count(strings.Join(parts, ""), "\n") }
	for _, drop := range []int{4, 1, 3} {
		if height() <= h {
			break
		}
		parts[drop] = ""
	}
	return strings.Join(parts, "")
}

// roundChoices are the rounds the home entry offers.
var roundChoices = []struct {
	label   string
	minutes int
	pair    bool
}{
	{"20 minutes, typed", 20, false},
	{"45 minutes, typed: a full loop", 45, false},
	{"20 minutes, a partner asks aloud and ticks what they hear", 20, true},
	{"45 minutes, a partner asks aloud", 45, true},
}

// newRoundSetup is the round's first screen from home: how long, how, at which level.
func newRoundSetup(cx *context) *roundScreen {
	return &roundScreen{cx: cx, setup: true, level: pack.Mid}
}

// unsaved reports whether quitting now would lose an answer being given: typed text, or
// key points ticked.
func (s *roundScreen) unsaved() bool {
	if s.setup || s.done || s.saving {
		return false
	}
	if s.pairAsk() {
		return slices.Contains(s.ticks, true)
	}
	return s.q.hasText()
}

func (s *roundScreen) typing() bool {
	return !s.setup && !s.done && !s.saving && !s.pairAsk()
}

func (s *roundScreen) focus() tea.Cmd {
	if s.typing() {
		return s.q.focus()
	}
	return nil
}

type setupAction int

const (
	setupNone setupAction = iota
	setupBack
	setupStart
)

func (s *roundScreen) setupKey(msg tea.KeyPressMsg) setupAction {
	k := s.cx.keys
	n := len(roundChoices)
	switch {
	case key.Matches(msg, k.Back), msg.String() == "q":
		return setupBack
	case key.Matches(msg, k.Up):
		s.choice = (s.choice + n - 1) % n
	case key.Matches(msg, k.Down):
		s.choice = (s.choice + 1) % n
	case msg.String() == "left" || msg.String() == "h":
		s.level = max(pack.Junior, s.level-1)
	case msg.String() == "right" || msg.String() == "l":
		s.level = min(pack.Senior, s.level+1)
	case key.Matches(msg, k.Enter):
		return setupStart
	}
	return setupNone
}

func (s *roundScreen) chosen() RoundStart {
	c := roundChoices[s.choice]
	return RoundStart{Minutes: c.minutes, Level: s.level, Pair: c.pair}
}

func (s *roundScreen) setupView(w int) string {
	st := s.cx.st
	var b strings.Builder
	b.WriteString(block(st.Heading.Render("Mock interview")+"  "+st.Muted.Render("a round as an ML engineer loop runs it"), w) + "\n\n")
	b.WriteString(block(st.Text.Render("Tell me about yourself, your claims probed up their ladder, ML fundamentals, testing ML code, deployment and production, behavioural questions, then your questions for us. A weak answer brings a follow-up; a strong one moves up a level. Model answers wait for the scorecard."), w) + "\n\n")
	for i, c := range roundChoices {
		mark, text := "  ", c.label
		if i == s.choice {
			mark, text = st.Selected.Render("> "), st.Selected.Render(text)
		} else {
			text = st.Text.Render(text)
		}
		b.WriteString(truncate(" "+mark+text, w) + "\n")
	}
	b.WriteString("\n" + block(st.Muted.Render("Level: ")+st.Claim.Render(s.level.String())+st.Muted.Render("  (←/→ to change: the level each phase starts at)"), w) + "\n")
	return b.String()
}

func (s *roundScreen) setupKeys() []key.Binding {
	k := s.cx.keys
	level := key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "level"))
	return []key.Binding{k.Move, level, withHelp(k.Enter, "start the round"), withHelp(k.Back, "home"), k.Quit}
}

func (m Model) startRound(start RoundStart) (tea.Model, tea.Cmd) {
	m.tickGen++
	m.round = newRoundScreen(m.cx, start, m.claims, m.cx.now())
	m.screen = screenRound
	if m.round.done {
		return m, nil
	}
	return m, tea.Batch(m.round.focus(), m.tick())
}

func (m Model) roundKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	r, k := m.round, m.cx.keys
	switch {
	case r == nil:
		m.screen = screenHome
	case r.setup:
		switch r.setupKey(msg) {
		case setupBack:
			m.round, m.screen = nil, screenHome
		case setupStart:
			return m.startRound(r.chosen())
		}
	case r.done:
		if r.pg.Scroll(msg, k) {
			return m, nil
		}
		if key.Matches(msg, k.Done) {
			m.round, m.screen = nil, screenHome
		}
	case r.saving:
		if r.err != "" && key.Matches(msg, k.Retry) {
			r.err = ""
			return m, m.saveRound(r.pending)
		}
	default:
		act := r.key(msg)
		if act == roundNone {
			return m, r.q.cmd
		}
		return m.roundSubmit(act)
	}
	return m, nil
}

// roundSubmit ends the question on screen (or the round) and saves what it gave.
func (m Model) roundSubmit(act roundAction) (tea.Model, tea.Cmd) {
	r := m.round
	now := m.cx.now()
	var sv *roundSave
	switch act {
	case roundLeave:
		sv = r.leaveNow(now)
	case roundSkip:
		sv = r.submit(now, true)
	default:
		sv = r.submit(now, false)
	}
	return m, m.saveRound(sv)
}

func (m Model) saveRound(sv *roundSave) tea.Cmd {
	var card srs.Card
	var sched *srs.Scheduler
	if sv.res != nil {
		card = m.cards[sv.res.Item.Q.Key()]
		sched = m.planner().SchedFor(sv.res.Item)
	}
	return save(m.cx.cfg.Store, sched, card, sv, m.cx.now())
}

// roundSaved shows the next question once the answer before it is in the store.
func (m Model) roundSaved(msg roundSavedMsg) (tea.Model, tea.Cmd) {
	r := m.round
	if r == nil {
		return m, nil
	}
	if msg.key != "" && m.cards != nil {
		m.cards[msg.key] = msg.card
	}
	if msg.err != nil {
		r.err = msg.err.Error()
		return m, nil
	}
	if msg.queue != nil {
		m.cx.cfg.Priority = msg.queue
	}
	r.saving, r.pending = false, nil
	if m.quitting {
		return m, tea.Quit // ctrl+c came while the answer was saving: it is saved now
	}
	if r.r.Done() {
		r.finish()
		return m, m.loadProgress()
	}
	r.next(m.cx.now())
	m.tickGen++ // one clock: the chain started for the last question stops
	return m, tea.Batch(r.focus(), m.tick())
}

func (s *roundScreen) resize() {
	switch {
	case s.setup:
	case s.done:
		off := s.pg.YOffset()
		s.pg.SetHeight(max(s.cx.bodyH, 3))
		s.pg.SetContent(s.cx.md.Render(s.rep.Markdown(), max(readable(s.cx.width)-2, 20)))
		s.pg.SetYOffset(off)
	default:
		s.q.resize()
	}
}
