package tui

import (
	"slices"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// The set in progress: showing its questions, the clock, rating and saving, undo, the
// practice round after an Again, the interviewer digging into a claim, and the summary.

// undoState is what taking the last rating back restores: the store's review and the
// question's state before it, and the set as it was on the reveal screen.
type undoState struct {
	review   store.Review
	key      string
	prev     *srs.Card // nil: the question was new
	prevSeen string
	rev      revealScreen
	items    []drill.Item
	limit    time.Duration
	index    int
	pending  bool // the store is taking it back
}

// remember appends r to a question's history, keeping the latest store.RecentLen (the
// reveal lists them; the store keeps as many).
func remember(h []store.Review, r store.Review) []store.Review {
	h = append(h, r)
	if len(h) > store.RecentLen {
		h = slices.Clone(h[len(h)-store.RecentLen:])
	}
	return h
}

// startSet begins a planned set, or stays home saying why there is nothing to ask.
func (m Model) startSet(set drill.Set) (tea.Model, tea.Cmd) {
	if len(set.Items) == 0 {
		m.screen = screenHome
		m.home.flash = "Nothing is due and today's new questions are done. Pick a topic set to practise anyway."
		return m, nil
	}
	m.run = &run{set: set, started: m.cx.now()}
	next, cmd := m.showQuestion()
	return next, tea.Batch(cmd, next.(Model).loadHistory(set))
}

// historyMsg carries the latest reviews of a set's questions, for the reveal's earlier
// answers, and the fingerprint each of them and their follow-ups had when last rated.
type historyMsg struct {
	history map[string][]store.Review
	seen    map[string]string
}

// loadHistory reads, off the event loop, the earlier answers of a set's questions (a few
// keys from the aggregates, never the log) and their seen fingerprints, with those of the
// follow-ups a claimed question may bring in: what the question screen marks "changed
// since you last saw it", and what an undo puts back.
func (m Model) loadHistory(set drill.Set) tea.Cmd {
	st := m.cx.cfg.Store
	var keys, seenKeys []string
	for _, it := range set.Items {
		key := it.Q.Key()
		if _, loaded := m.history[key]; !loaded {
			keys = append(keys, key)
		}
		for _, k := range append([]string{key}, it.Q.FollowUps...) {
			if _, read := m.seen[k]; !read {
				seenKeys = append(seenKeys, k)
			}
		}
	}
	if st == nil || len(keys)+len(seenKeys) == 0 {
		return nil
	}
	return func() tea.Msg {
		msg := historyMsg{history: map[string][]store.Review{}, seen: map[string]string{}}
		// Earlier answers and the changed marker are a help, not a must: a failed read
		// leaves them out.
		if h, err := st.Recent(keys); err == nil {
			for _, k := range keys {
				msg.history[k] = h[k] // nil: read, none
			}
		}
		if seen, err := st.SeenOf(seenKeys); err == nil {
			for _, k := range seenKeys {
				msg.seen[k] = seen[k] // "": never rated
			}
		}
		return msg
	}
}

// readNext reads the next question's text from its pack file, if it is not read yet, off
// the event loop while the candidate answers this one: the first question of a large pack
// file would otherwise wait for its parse.
func (m Model) readNext() tea.Cmd {
	if m.run.index+1 >= len(m.run.set.Items) {
		return nil
	}
	q := m.run.set.Items[m.run.index+1].Q
	return func() tea.Msg {
		q.Body()
		return nil
	}
}

// markChanged marks the question on screen changed since it was last rated, once its
// seen fingerprint is read (loadHistory).
func (m *Model) markChanged() {
	if m.run == nil || m.run.index >= len(m.run.set.Items) {
		return
	}
	if it := &m.run.set.Items[m.run.index]; !it.Practice {
		fp, read := m.seen[it.Q.Key()]
		it.Changed = read && drill.Changed(it.Q, fp)
	}
}

func (m Model) showQuestion() (tea.Model, tea.Cmd) {
	m.screen = screenQuestion
	m.tickGen++
	m.markChanged()
	it := m.run.item()
	m.q = newQuestionScreen(m.cx, it, m.cx.now(), m.note)
	m.note = ""
	return m, tea.Batch(m.q.focus(), m.tick(), m.readNext())
}

func (m Model) onTick() (tea.Model, tea.Cmd) {
	if m.screen == screenQuestion && m.confirm == confirmNone && m.q.timeUp(m.cx.now()) {
		return m.submit(true)
	}
	return m, m.tick()
}

// submit ends the question: the answer is taken as it stands.
func (m Model) submit(timeUp bool) (tea.Model, tea.Cmd) {
	now := m.cx.now()
	ans := m.q.answer(now, timeUp)
	card := m.cards[ans.item.Q.Key()]
	m.rev = newRevealScreen(m.cx, ans, card, now, m.planner().SchedFor(ans.item), m.cx.cfg.Policy.Strict, m.history[ans.item.Q.Key()])
	m.screen = screenReveal
	return m, m.tick()
}

// rate records the rating in a command; the next question appears only once it is saved.
func (m Model) rate(r srs.Rating) (tea.Model, tea.Cmd) {
	if m.rev.saving {
		return m, nil
	}
	// Rated as of the moment the answer was revealed: the intervals on the rating keys
	// were computed for that instant, and the review must give exactly the one shown.
	if m.rev.ans.item.Practice {
		// Practice is not a test: nothing to save, and the interval stays the one Again gave.
		m.undo = nil
		m.run.practised++
		m.note = "practice done · nothing saved · " + backIn(m.cards[m.rev.ans.item.Q.Key()].Due, m.cx.now())
		return m.next()
	}
	res := m.rev.result(r, m.rev.at)
	m.rev.saving, m.rev.saveErr = true, nil
	m.rev.pending = &res
	m.rev.resize() // room for the status line
	key := res.Item.Q.Key()
	card, had := m.cards[key]
	// What an undo would restore, taken before the rating changes anything.
	u := &undoState{key: key, prevSeen: m.seen[key], rev: m.rev, items: slices.Clone(m.run.set.Items), limit: m.run.set.Limit, index: m.run.index}
	if had {
		u.prev = &card
	}
	u.rev.saving, u.rev.pending, u.rev.saveErr = false, nil, nil
	m.undo = u
	rec := &drill.Recorder{Store: m.cx.cfg.Store, Sched: m.planner().SchedFor(res.Item)}
	return m, func() tea.Msg {
		if rec.Store == nil {
			return recordedMsg{key: key, card: rec.Sched.Review(card, res.Rating, res.At)}
		}
		next, rv, err := rec.Record(card, res)
		return recordedMsg{key: key, card: next, review: rv, err: err}
	}
}

// canUndo reports whether the last rating can be taken back now: right after it, on the
// next question before anything is typed, or on the summary.
func (m Model) canUndo() bool {
	if m.undo == nil || m.undo.pending || m.undo.review.ID == "" || m.run == nil || m.confirm != confirmNone {
		return false
	}
	switch m.screen {
	case screenQuestion:
		return !m.q.hasText()
	case screenSummary:
		return true
	}
	return false
}

// undoKey reports whether msg asks for an undo: u, or ctrl+z where u is a letter.
func (m Model) undoKey(msg tea.KeyPressMsg) bool {
	if m.screen == screenQuestion && m.q.open() {
		return key.Matches(msg, m.cx.keys.UndoTyping)
	}
	return key.Matches(msg, m.cx.keys.Undo)
}

// undoLast takes the last rating back in the store; the set returns to its reveal once
// that is committed.
func (m Model) undoLast() (tea.Model, tea.Cmd) {
	u := m.undo
	u.pending = true
	st := m.cx.cfg.Store
	return m, func() tea.Msg { return undoneMsg{err: st.Undo(u.review, u.prev, u.prevSeen)} }
}

func (m Model) onUndone(msg undoneMsg) (tea.Model, tea.Cmd) {
	u := m.undo
	m.undo = nil
	if u == nil || m.run == nil {
		return m, nil
	}
	if msg.err != nil {
		m.note = "could not undo: " + msg.err.Error()
		if m.screen == screenQuestion {
			m.q.saved = m.note
			m.q.resize()
		}
		return m, nil
	}
	m.seen[u.key] = u.prevSeen
	switch {
	case m.cards == nil: // not read since progress was: the next key reads the undone state
	case u.prev != nil:
		m.cards[u.key] = *u.prev
	default:
		delete(m.cards, u.key)
	}
	m.run.results = m.run.results[:len(m.run.results)-1]
	if h := m.history[u.key]; len(h) > 0 && h[len(h)-1].ID == u.review.ID {
		m.history[u.key] = h[:len(h)-1]
	}
	m.run.set.Items, m.run.set.Limit, m.run.index = u.items, u.limit, u.index
	m.rev = u.rev
	m.rev.phraseNote = "rating taken back: rate it again"
	m.rev.resize()
	m.note = ""
	m.tickGen++
	m.screen = screenReveal
	return m, m.tick()
}

func (m Model) onRecorded(msg recordedMsg) (tea.Model, tea.Cmd) {
	m.rev.saving = false
	if msg.err != nil {
		m.rev.saveErr = msg.err
		m.rev.resize() // room for the error
		return m, nil
	}
	if m.cards != nil { // nil: not read since progress was, and the next key reads it
		m.cards[msg.key] = msg.card
	}
	if m.undo != nil && m.undo.key == msg.key {
		m.undo.review = msg.review
	}
	if msg.review.ID != "" {
		if m.history == nil {
			m.history = map[string][]store.Review{}
		}
		m.history[msg.key] = remember(m.history[msg.key], msg.review)
	}
	res := *m.rev.pending
	m.seen[msg.key] = msg.review.Fingerprint // what an undo of a later rating of it puts back
	m.run.results = append(m.run.results, res)
	m.rev.pending = nil
	m.note = savedNote(res.Rating, msg.card.Due, res.At)
	if m.quitting {
		return m, tea.Quit
	}
	if res.Rating >= srs.Good {
		m.digDeeper(res.Item)
	}
	if res.Rating == srs.Again && res.Item.Q.Kind == pack.KindOpen && m.practiseLater(res.Item) {
		m.note += " · once more at the end of this set, as practice"
	}
	return m.next()
}

// practiseLater asks an open question rated Again once more at the end of the set, as
// practice (Item.Practice): say it again while the model answer is fresh, then it comes
// back for real on its interval.
func (m *Model) practiseLater(it drill.Item) bool {
	if it.Practice {
		return false
	}
	for _, x := range m.run.set.Items[m.run.index+1:] {
		if x.Q == it.Q && x.Practice {
			return false
		}
	}
	it.Practice = true
	m.run.set.Items = append(m.run.set.Items, it)
	if m.run.set.Limit > 0 {
		m.run.set.Limit += it.Limit // practice is extra: it does not eat the set's own time
	}
	return true
}

// digDeeper puts the follow-up of a well-answered claimed question next, as an
// interviewer digs into a claim.
func (m *Model) digDeeper(it drill.Item) {
	asked := map[string]bool{}
	for _, x := range m.run.set.Items[:m.run.index+1] {
		asked[x.Q.Key()] = true
	}
	next, ok := m.planner().FollowUp(it, asked)
	if !ok {
		return
	}
	// The follow-up comes next; if it was planned later in the set, it moves up.
	i := m.run.index + 1
	rest := slices.DeleteFunc(slices.Clone(m.run.set.Items[i:]), func(x drill.Item) bool { return x.Q == next.Q })
	m.run.set.Items = append(append(m.run.set.Items[:i:i], next), rest...)
}

// next moves to the next question, or to the summary when the set is done or its clock
// has run out.
func (m Model) next() (tea.Model, tea.Cmd) {
	m.run.index++
	if m.run.index >= len(m.run.set.Items) || m.run.setLeft(m.cx.now()) <= 0 {
		return m.finish()
	}
	return m.showQuestion()
}

// leave ends the set before its end: the summary shows what was answered, and the rest
// waits for another day. An answer not rated yet is dropped; rated ones are saved.
func (m Model) leave() (tea.Model, tea.Cmd) {
	m.run.left = true
	return m.finish()
}

func (m Model) finish() (tea.Model, tea.Cmd) {
	m.tickGen++
	m.note = ""
	m.sum = newSummary(m.cx, m.run, m.cards, m.cx.now())
	m.sum.resize()
	m.screen = screenSummary
	return m, m.loadProgress()
}
