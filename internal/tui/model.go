// Package tui is hotseat's Bubble Tea interface: one root model that routes between
// screens (home, topic picker, question, reveal, summary, progress, About you, pitch),
// screens that own their state, and small components that only render. I/O happens in
// tea.Cmds, never in Update or View. model.go routes messages and keys; session.go runs a
// set; view.go draws the frame.
package tui

import (
	"cmp"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/interview"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/stats"
	"github.com/hotseat/hotseat/internal/store"
)

// Config is what the app is started with.
type Config struct {
	Lib   *pack.Library
	Store *store.Store
	// Sched schedules the questions: by kind, and claimed ones at Policy.Retention.
	Sched drill.Schedulers
	// Leeches are left out of the daily drill; home says how many.
	Leeches drill.Leeches
	// Interview, when set, is the interview date the progress screen counts down to.
	Interview *time.Time
	Now       func() time.Time // nil: time.Now
	NewPerDay int
	// Start, when set, starts a set at once instead of showing home: a topic set when it
	// names a pack or tag, else the daily drill.
	Start *drill.Options
	// Notices are shown on the home screen (packs that were skipped, for example).
	Notices []string
	// Claims are what the candidate says about themselves; Policy says how much harder
	// their topics are drilled.
	Claims []claims.Claim
	Policy claims.Policy
	// Dark is the first guess of the background; the terminal's answer replaces it.
	Dark bool
	// FirstRun shows the one-screen orientation before anything else (see FirstRun).
	FirstRun bool
	// Round, when set, starts a mock interview round at once (hotseat interview).
	Round *RoundStart
	// Priority are the questions mock interview rounds queued for the daily drill.
	Priority []drill.Priority
}

// screen names the screen being shown.
type screen int

const (
	screenHome screen = iota
	screenTopics
	screenQuestion
	screenReveal
	screenSummary
	screenAbout
	screenProgress
	screenPitch
	screenRound
)

// Messages from commands.
type (
	// progressMsg carries card states and stats read from the store.
	progressMsg struct {
		cards    map[string]srs.Card // only without a store; else read when needed (needCards)
		leeches  int
		synonyms []store.Synonym
		stats    stats.Stats
		audit    []claims.Row
		err      error
	}
	// roundsMsg carries the trend of the mock interview rounds, for the progress screen.
	roundsMsg struct{ trend interview.Trend }
	// claimsSavedMsg says the claims were written to the store (or why not).
	claimsSavedMsg struct {
		claims []claims.Claim
		err    error
	}
	// recordedMsg says a rating was committed (or why not).
	recordedMsg struct {
		key    string
		card   srs.Card
		review store.Review // as the log holds it; zero without a store
		err    error
	}
	// missedMsg carries the key points missed most often lately, for the progress screen.
	missedMsg struct{ points []stats.Missed }
	// undoneMsg says the last rating was taken back from the store (or why not).
	undoneMsg struct{ err error }
	// tickMsg redraws the clocks; gen tells stale tick loops apart.
	tickMsg struct{ gen int }
)

// context is what every screen shares: configuration, styles, keys, the Markdown cache and
// the window size. Sizes flow down from the one WindowSizeMsg handler.
type context struct {
	cfg    Config
	st     Styles
	keys   Keys
	md     *Markdown
	width  int
	height int
	// bodyH is the height left for a screen's body between the header and the help bar;
	// the root recomputes it after every message, and screens size themselves to it.
	bodyH int
	// th is the grader's thesaurus with the library's additions, made on first use.
	th *score.Thesaurus
	// synonyms are the candidate's saved phrases: question key -> key point text -> phrases.
	synonyms map[string]map[string][]string
}

// thesaurus returns the grader's thesaurus extended by the loaded packs.
func (cx *context) thesaurus() *score.Thesaurus {
	if cx.th == nil {
		cx.th = score.Default()
		if cx.cfg.Lib != nil {
			cx.th = cx.th.With(cx.cfg.Lib.Packs)
		}
	}
	return cx.th
}

func (cx *context) now() time.Time {
	if cx.cfg.Now != nil {
		return cx.cfg.Now()
	}
	return time.Now()
}

// Model is the root model.
type Model struct {
	cx *context

	screen screen
	home   homeScreen
	topics topicScreen
	q      questionScreen
	rev    revealScreen
	sum    summaryScreen

	run     *run // the set in progress, nil on home
	cards   map[string]srs.Card
	history map[string][]store.Review // the latest reviews of each question (store.RecentLen)
	seen    map[string]string         // the fingerprint of each set's questions when last rated
	stats   stats.Stats
	loaded  bool
	loadErr error
	// released is set once the start's memory is to be given back (releaseMsg).
	released bool
	claims   []claims.Resolved // the candidate's claims, resolved against the library
	audit    []claims.Row      // how each claim holds up, in the same order
	about    aboutScreen
	pitch    pitchScreen
	prog     progressScreen
	round    *roundScreen

	confirm  confirmKind // the question being asked, if any
	page     pager       // the orientation or the key list, scrolled when the window is small
	welcome  bool        // the orientation of the very first start is showing
	note     string      // confirmation of the last rating, shown with the next question
	showAll  bool        // the key list of every screen, on home
	tickGen  int
	quitting bool
	undo     *undoState // the last rating, while it can still be taken back
}

// confirmKind is what a yes/no question on screen is about.
type confirmKind int

const (
	confirmNone  confirmKind = iota
	confirmQuit              // quit and discard an answer that is not rated yet
	confirmLeave             // leave the set for the summary and home
)

// run is a set in progress.
type run struct {
	set       drill.Set
	index     int
	started   time.Time
	results   []drill.Result
	skipped   int
	practised int  // practice rounds answered (Item.Practice)
	left      bool // the candidate left the set before its end
}

func (r *run) item() drill.Item { return r.set.Items[r.index] }

// setLeft is the time left on the set clock.
func (r *run) setLeft(now time.Time) time.Duration { return r.set.Limit - now.Sub(r.started) }

// New returns the root model.
func New(cfg Config) Model {
	cx := &context{cfg: cfg, keys: DefaultKeys(), width: 80, height: 24}
	cx.setDark(cfg.Dark)
	m := Model{cx: cx, welcome: cfg.FirstRun, stats: stats.Empty(), seen: map[string]string{}}
	m.home = newHomeScreen(cx)
	if cfg.Lib != nil {
		m.claims = claims.ResolveAll(cfg.Claims, cfg.Lib)
	}
	return m
}

func (cx *context) setDark(dark bool) {
	cx.st = NewStyles(dark)
	cx.md = NewMarkdown(dark, false)
}

// Init asks for the background colour and loads progress from the store.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.loadProgress())
}

// loadProgress reads card states and stats; it runs as a command, off the UI loop.
func (m Model) loadProgress() tea.Cmd {
	cfg, now, resolved := m.cx.cfg, m.cx.now(), m.claims
	return func() tea.Msg {
		if cfg.Store == nil {
			return progressMsg{cards: map[string]srs.Card{}, stats: stats.Empty()}
		}
		return readProgress(cfg, now, resolved)
	}
}

// readProgress reads what home and the progress screen show: the store's aggregates,
// never the log itself, so that a start reads O(questions + hours of activity) however
// long the history (issue 12). The reads share one opening of the file (a long history's
// file is mapped and its pages faulted in once); the figures are computed after it is let
// go, so that another hotseat waits for the reads only.
//
// Home shows figures counted over the card states, not the states themselves: they are
// counted as they are read (stats.CardCount), and the map of every card, which a plan
// needs, is read when the first key or a set the program starts with needs it
// (needCards). At 10,000 questions the map and its garbage are 3 MB of the 40 home may
// hold.
func readProgress(cfg Config, now time.Time, resolved []claims.Resolved) progressMsg {
	count := stats.NewCardCount(cfg.Lib, now)
	leeches := 0
	var (
		syns   []store.Synonym
		qs     map[string]store.QStat
		hours  []store.HourAt
		recent map[string][]store.Review
	)
	st := cfg.Store
	err := st.Hold(func() error {
		// Two halves of about equal cost, side by side: bbolt runs read transactions
		// concurrently, and at 10,000 questions each half decodes tens of thousands of keys.
		var cardsErr error
		var cardsPanic any
		var wg sync.WaitGroup
		wg.Go(func() {
			// A panic is passed to this command's goroutine, where the guard catches it.
			defer func() { cardsPanic = recover() }()
			if cardsErr = st.EachCard(func(k []byte, c srs.Card) error {
				count.Add(k, c)
				// The lapses first (Leech would say no at once): no key string is made for
				// the many cards far from it.
				if l := cfg.Leeches; l.Threshold > 0 && c.Lapses >= l.Threshold && l.Leech(string(k), c) && cfg.Lib.Question(string(k)) != nil {
					leeches++
				}
				return nil
			}); cardsErr != nil {
				return
			}
			syns, cardsErr = st.Synonyms()
		})
		err := func() error {
			var err error
			if qs, err = st.QStats(); err != nil {
				return err
			}
			if hours, err = st.Hours(); err != nil {
				return err
			}
			recent, err = st.Recent(claims.Claimed(resolved, cfg.Lib, qs))
			return err
		}()
		wg.Wait()
		if cardsPanic != nil {
			panic(cardsPanic)
		}
		return cmp.Or(cardsErr, err)
	})
	if err != nil {
		return progressMsg{err: err}
	}
	s := stats.FromAggregates(stats.Input{Lib: cfg.Lib, Counted: count, Now: now, NewPerDay: cfg.NewPerDay}, qs, hours)
	return progressMsg{leeches: leeches, synonyms: syns, stats: s, audit: claims.AuditFrom(resolved, cfg.Lib, qs, recent, now)}
}

// loadRounds reads the saved mock interview rounds for the progress screen's trend, off
// the UI loop and only when the screen opens: a round holds every answer it was given.
func (m Model) loadRounds() tea.Cmd {
	st := m.cx.cfg.Store
	return func() tea.Msg {
		if st == nil {
			return roundsMsg{}
		}
		reps, _ := interview.Load(st) // a round that cannot be read is left out of the trend
		return roundsMsg{interview.TrendOf(reps)}
	}
}

// loadMissed grades the typed answers of the last weeks again, off the UI loop, for the
// progress screen's "missed most".
func (m Model) loadMissed() tea.Cmd {
	cfg, now, th := m.cx.cfg, m.cx.now(), m.cx.thesaurus()
	return func() tea.Msg {
		if cfg.Store == nil || cfg.Lib == nil {
			return missedMsg{}
		}
		var log []store.Review
		since := now.AddDate(0, 0, -stats.MissedPointsDays)
		if err := cfg.Store.ReviewsSince(since, func(r store.Review) error { log = append(log, r); return nil }); err != nil {
			return missedMsg{}
		}
		opt := score.Options{Thesaurus: th}
		return missedMsg{points: stats.MissedPoints(cfg.Lib, log, now, 3, func(q *pack.Question, answer string) []bool {
			return score.Grade(q, answer, opt).Covered
		})}
	}
}

// saveClaims writes the claims in a command.
func (m Model) saveClaims(cs []claims.Claim) tea.Cmd {
	st := m.cx.cfg.Store
	return func() tea.Msg {
		if st == nil {
			return claimsSavedMsg{claims: cs}
		}
		return claimsSavedMsg{claims: cs, err: claims.Save(st, cs)}
	}
}

func (m Model) tick() tea.Cmd {
	gen := m.tickGen
	return tea.Tick(time.Second, func(time.Time) tea.Msg { return tickMsg{gen: gen} })
}

// Update routes a message, then fits the screen to the space its header and help bar
// leave.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	nm := next.(Model)
	nm.fit()
	return nm, cmd
}

// fit resizes the current screen when the body's height changed: a resize, a claim banner
// appearing, or a help bar that wraps onto another line.
func (m *Model) fit() {
	if h := m.bodyHeight(); h != m.cx.bodyH {
		m.cx.bodyH = h
		m.resize()
	}
}

func (m Model) bodyHeight() int {
	w := max(m.cx.width, 20)
	return max(m.cx.height-lipgloss.Height(m.header())-lipgloss.Height(m.helpBar(w))-2, 1)
}

// update routes messages: global ones here, the rest to the current screen.
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.cx.width, m.cx.height = msg.Width, msg.Height
		m.resize()
		return m, nil
	case tea.BackgroundColorMsg:
		if dark := msg.IsDark(); dark != m.cx.st.Dark {
			m.cx.setDark(dark)
			m.resize()
		}
		return m, nil
	case progressMsg:
		return m.onProgress(msg)
	case releaseMsg:
		if m.screen == screenHome && !m.welcome {
			return m, releaseStartMemory
		}
		return m, releaseLater(time.Second) // asked again until home is on screen
	case phraseSavedMsg:
		// Shown on the reveal the words came from; a later screen has no room for it.
		if m.screen == screenReveal && m.rev.ans.item.Q.Key() == msg.question {
			m.rev.phraseNote, m.rev.phraseErr = "saved your words for “"+msg.point+"”: they count from now on", msg.err
			m.rev.resize()
		}
		return m, nil
	case recordedMsg:
		return m.onRecorded(msg)
	case undoneMsg:
		return m.onUndone(msg)
	case missedMsg:
		m.prog.missed, m.prog.missedRead = msg.points, true
		m.prog.resize()
		return m, nil
	case roundsMsg:
		m.prog.rounds = msg.trend
		m.prog.resize()
		return m, nil
	case historyMsg:
		// What a rating since has set is newer than what was read.
		if m.history == nil {
			m.history = map[string][]store.Review{}
		}
		for k, h := range msg.history {
			if _, have := m.history[k]; !have {
				m.history[k] = h // store.Recent: at most store.RecentLen, oldest first
			}
		}
		for k, fp := range msg.seen {
			if _, have := m.seen[k]; !have {
				m.seen[k] = fp
			}
		}
		m.markChanged()
		return m, nil
	case roundSavedMsg:
		return m.roundSaved(msg)
	case cvLoadedMsg:
		m.about.cvLoaded(msg, m.claims)
		return m, nil
	case claimsSavedMsg:
		if msg.err != nil {
			m.about.err = "Not saved: " + msg.err.Error()
			return m, nil
		}
		m.claims = claims.ResolveAll(msg.claims, m.cx.cfg.Lib)
		return m, m.loadProgress()
	case tickMsg:
		if msg.gen != m.tickGen {
			return m, nil
		}
		if m.screen == screenRound && m.round != nil {
			if m.confirm == confirmNone && m.round.timeUp(m.cx.now()) {
				return m.roundSubmit(roundSubmit)
			}
			return m, m.tick()
		}
		if m.screen == screenPitch {
			if m.pitch.typing() && m.confirm == confirmNone && m.pitch.timeUp(m.cx.now()) {
				m.pitch.finish(m.cx.now(), m.cx.cfg.Lib.Claims())
				return m, nil
			}
			return m, m.tick()
		}
		if m.run == nil {
			return m, nil
		}
		return m.onTick()
	case tea.KeyPressMsg:
		m.needCards()
		return m.onKey(msg)
	case tea.PasteMsg:
		switch {
		case m.confirm != confirmNone:
		case m.screen == screenQuestion:
			return m, m.q.paste(msg.Content)
		case m.screen == screenPitch && m.pitch.typing():
			var cmd tea.Cmd
			m.pitch.input, cmd = m.pitch.input.Update(tea.PasteMsg{Content: pasted(msg.Content)})
			return m, cmd
		case m.screen == screenRound && m.round != nil && m.round.typing():
			return m, m.round.q.paste(msg.Content)
		case m.screen == screenAbout && m.about.editing():
			var cmd tea.Cmd
			m.about.input, cmd = m.about.input.Update(tea.PasteMsg{Content: pasted(msg.Content)})
			return m, cmd
		}
		return m, nil
	}
	switch m.screen {
	case screenRound:
		if m.round != nil && m.round.typing() {
			return m, m.round.q.updateInput(msg)
		}
	case screenQuestion:
		return m, m.q.updateInput(msg)
	case screenPitch:
		if m.pitch.typing() {
			var cmd tea.Cmd
			m.pitch.input, cmd = m.pitch.input.Update(msg)
			return m, cmd
		}
	}
	return m, nil
}

func (m *Model) resize() {
	m.fillPage()
	switch m.screen {
	case screenQuestion:
		m.q.resize()
	case screenReveal:
		m.rev.resize()
	case screenPitch:
		m.pitch.resize()
	case screenSummary:
		m.sum.resize()
	case screenProgress:
		m.prog.resize()
	case screenRound:
		if m.round != nil {
			m.round.resize()
		}
	}
}

func (m Model) onProgress(msg progressMsg) (tea.Model, tea.Cmd) {
	m.loaded = true
	if msg.err != nil {
		m.loadErr = msg.err
		m.cards = map[string]srs.Card{}
		return m, nil
	}
	// The map a set was planned from stays, kept current by its ratings: a progress read
	// again while a set or round runs, or after one, holds no map of its own.
	if msg.cards != nil || m.cards == nil {
		m.cards = msg.cards
	}
	m.stats, m.audit = msg.stats, msg.audit
	m.home.leeches = msg.leeches
	if msg.synonyms != nil || m.cx.synonyms == nil {
		m.cx.synonyms = map[string]map[string][]string{}
		for _, s := range msg.synonyms {
			if m.cx.synonyms[s.Question] == nil {
				m.cx.synonyms[s.Question] = map[string][]string{}
			}
			m.cx.synonyms[s.Question][s.Point] = append(m.cx.synonyms[s.Question][s.Point], s.Phrase)
		}
	}
	next, cmd := m.startPending()
	if !m.released {
		// Only the first time: the start's garbage is what there is to give back.
		nm := next.(Model)
		nm.released = true
		return nm, tea.Batch(cmd, releaseLater(releaseAfter))
	}
	return next, cmd
}

// releaseMsg comes releaseAfter home is ready: the memory the start used (most of it
// parsing the packs: 120 MB allocated for 10,000 questions) is given back to the system
// then if home is on screen, or else the next time it is (asked every second). The forced
// collection takes tens of milliseconds with a large library and holds the heap while it
// returns pages: on the start's path, beside the first frames or during a question
// (hotseat drill starts one at once) it would delay what the candidate sees by as much.
// It starts only on home; a set started in the instant after can still meet its tail.
type releaseMsg struct{}

func releaseLater(d time.Duration) tea.Cmd {
	return tea.Tick(d, func(time.Time) tea.Msg { return releaseMsg{} })
}

func releaseStartMemory() tea.Msg {
	debug.FreeOSMemory()
	return nil
}

// releaseAfter is how long after home is ready the start's memory is given back.
const releaseAfter = 200 * time.Millisecond

// startPending starts the set the program was started with (hotseat drill), once progress
// is read and the orientation, if any, was read.
func (m Model) startPending() (tea.Model, tea.Cmd) {
	if m.cx.cfg.Round != nil || m.cx.cfg.Start != nil {
		m.needCards() // a set asked for before progress was read (enter on home) plans from them
	}
	if start := m.cx.cfg.Round; start != nil && m.loaded && m.loadErr == nil && !m.welcome {
		m.cx.cfg.Round = nil
		return m.startRound(*start)
	}
	if start := m.cx.cfg.Start; start != nil && m.loaded && m.loadErr == nil && !m.welcome {
		m.cx.cfg.Start = nil
		o := *start
		o.Now = m.cx.now()
		if o.Pack != "" || o.Tag != "" {
			return m.startSet(m.planner().Topic(o))
		}
		o.NewPerDay, o.NewToday = m.cx.cfg.NewPerDay, m.stats.NewToday
		return m.startSet(m.planner().Daily(o))
	}
	return m, nil
}

// needCards reads the card states if they are not held yet (readProgress counts home's
// figures without keeping them): at the first key after progress is read, since every
// screen a key leads to may plan. At 10,000 questions it takes a few milliseconds, and a
// failed read is shown as progress that could not be read.
func (m *Model) needCards() {
	if !m.loaded || m.cards != nil || m.loadErr != nil {
		return
	}
	m.cards = map[string]srs.Card{}
	if st := m.cx.cfg.Store; st != nil {
		cards, err := st.Cards()
		if err != nil {
			m.loadErr = err
			return
		}
		m.cards = cards
	}
}

func (m Model) planner() *drill.Planner {
	cfg := m.cx.cfg
	return &drill.Planner{Lib: cfg.Lib, Cards: m.cards, Sched: cfg.Sched,
		Claims: m.claims, Policy: cfg.Policy, Leeches: cfg.Leeches, Priority: cfg.Priority}
}

// typing reports whether keys go into a text box, where q and ? are letters.
func (m Model) typing() bool {
	switch m.screen {
	case screenQuestion:
		return m.q.open()
	case screenAbout:
		return m.about.editing()
	case screenPitch:
		return m.pitch.typing()
	case screenReveal:
		return m.rev.offering()
	case screenRound:
		return m.round != nil && m.round.typing()
	}
	return false
}

// dirty reports whether quitting now would lose an unrated answer with text.
func (m Model) dirty() bool {
	switch m.screen {
	case screenQuestion:
		return m.q.hasText()
	case screenReveal:
		return !m.rev.saving && m.rev.ans.text != ""
	case screenPitch:
		return m.pitch.hasText()
	case screenRound:
		return m.round != nil && m.round.unsaved()
	}
	return false
}

// crashKey, when set (only in builds with -tags crashtest), is a key that panics.
var crashKey string

func (m Model) onKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.cx.keys
	if crashKey != "" && msg.String() == crashKey {
		panic("crash test: " + crashKey + " pressed")
	}
	if m.confirm != confirmNone {
		kind := m.confirm
		switch {
		case key.Matches(msg, k.Quit):
			return m, tea.Quit
		case key.Matches(msg, k.Yes):
			m.confirm = confirmNone
			if kind == confirmLeave {
				return m.leave()
			}
			return m, tea.Quit
		case key.Matches(msg, k.No):
			m.confirm = confirmNone
		}
		return m, nil
	}
	if key.Matches(msg, k.Quit) {
		if m.dirty() {
			m.confirm = confirmQuit
			return m, nil
		}
		if m.screen == screenReveal && m.rev.saving || m.screen == screenRound && m.round != nil && m.round.saving && m.round.err == "" {
			m.quitting = true // leave once the rating being saved is committed
			return m, nil
		}
		return m, tea.Quit
	}
	if m.canUndo() && m.undoKey(msg) {
		return m.undoLast()
	}
	if m.welcome || m.screen == screenHome && m.showAll {
		if m.page.Scroll(msg, k) {
			return m, nil
		}
	}
	if m.screen == screenHome && (key.Matches(msg, k.Help) || m.showAll && key.Matches(msg, k.Home)) {
		m.showAll = !m.showAll // every key of every screen; the other screens' help bars list theirs
		m.fillPage()
		return m, nil
	}
	if m.welcome {
		if key.Matches(msg, k.Enter) {
			m.welcome = false
			return m.dismissWelcome()
		}
		return m, nil
	}
	if m.leavesSet(msg) {
		if m.screen == screenReveal && m.rev.saving {
			return m, nil // the rating being saved lands first
		}
		m.confirm = confirmLeave
		return m, nil
	}
	if key.Matches(msg, k.QuitQ) && !m.typing() {
		// The trainer exits only from home (or on ctrl+c); elsewhere q goes back, like esc.
		if m.screen == screenHome {
			return m, tea.Quit
		}
		msg = tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	switch m.screen {
	case screenHome:
		return m.homeKey(msg)
	case screenTopics:
		return m.topicsKey(msg)
	case screenQuestion:
		switch m.q.key(msg) {
		case actSubmit:
			return m.submit(false)
		case actSkip:
			m.undo = nil // the set has moved on past the rating
			m.run.skipped++
			m.note = "skipped · not asked again in this set"
			return m.next()
		}
		return m, m.q.cmd
	case screenReveal:
		act, r, cmd := m.rev.key(msg)
		switch act {
		case actRate:
			return m.rate(r)
		case actRetry:
			if m.rev.pending != nil {
				return m.rate(m.rev.pending.Rating)
			}
		case actSavePhrase:
			return m, tea.Batch(cmd, m.savePhrase(m.rev.ans.item.Q, m.rev.phrasePoint, m.rev.phrase))
		}
		return m, cmd
	case screenPitch:
		act, cmd := m.pitch.key(msg)
		switch act {
		case pitchSubmit:
			m.pitch.finish(m.cx.now(), m.cx.cfg.Lib.Claims())
		case pitchBack:
			m.tickGen++
			m.screen = screenHome
		case pitchAddClaims:
			m.tickGen++
			cs := raw(m.claims)
			for _, c := range m.pitch.chosenClaims(m.cx.now()) {
				if _, dup := claims.Duplicate(cs, c.Text); !dup {
					cs = append(cs, c) // a claim already made is not added twice
				}
			}
			m.about = newAboutScreen(m.cx)
			m.about.cursor = len(cs) - 1
			m.screen = screenAbout
			return m, m.saveClaims(cs)
		}
		return m, cmd
	case screenRound:
		return m.roundKey(msg)
	case screenAbout:
		act, cmd := m.about.key(msg, m.claims)
		switch act {
		case aboutBack:
			m.screen = screenHome
		case aboutSave:
			return m, tea.Batch(cmd, m.saveClaims(m.about.edited))
		case aboutLoadCV:
			return m, loadCV(strings.TrimSpace(m.about.input.Value()), m.cx.cfg.Lib)
		}
		return m, cmd
	case screenProgress:
		if m.prog.vp.Scroll(msg, k) {
			return m, nil
		}
		if key.Matches(msg, k.Home) {
			m.screen = screenHome
		}
	case screenSummary:
		if key.Matches(msg, k.Redo) && len(m.sum.misses) > 0 {
			// The misses once more, now, as practice: nothing is recorded.
			set := drill.Set{Name: "Missed, once more (practice)", Items: slices.Clone(m.sum.misses)}
			for _, it := range set.Items {
				set.Limit += it.Limit
			}
			m.undo = nil
			return m.startSet(set)
		}
		if m.sum.vp.Scroll(msg, k) {
			return m, nil
		}
		if key.Matches(msg, k.Done) {
			m.run, m.undo = nil, nil
			m.screen = screenHome
			m.home.flash = ""
		}
	}
	return m, nil
}

// leavesSet reports whether msg asks to leave the set in progress: ctrl+x on a question,
// q where q is not a letter being typed, esc on the reveal screen.
func (m Model) leavesSet(msg tea.KeyPressMsg) bool {
	k := m.cx.keys
	switch m.screen {
	case screenQuestion:
		return key.Matches(msg, k.Leave) || !m.typing() && key.Matches(msg, k.LeaveQ)
	case screenReveal:
		if m.rev.offering() {
			return key.Matches(msg, k.Leave) // esc declines the offer to save the words
		}
		return key.Matches(msg, k.Leave) || key.Matches(msg, k.LeaveRev)
	}
	return false
}

// phraseSavedMsg reports a personal synonym written to the store.
type phraseSavedMsg struct {
	question, point, phrase string
	err                     error
}

// savePhrase keeps the candidate's words for key point i of q: in memory at once, so the
// next grading uses them, and in the store by a command.
func (m Model) savePhrase(q *pack.Question, i int, phrase string) tea.Cmd {
	point := q.Body().KeyPoints[i].Text
	byPoint := m.cx.synonyms[q.Key()]
	if byPoint == nil {
		byPoint = map[string][]string{}
		if m.cx.synonyms == nil {
			m.cx.synonyms = map[string]map[string][]string{}
		}
		m.cx.synonyms[q.Key()] = byPoint
	}
	byPoint[point] = append(byPoint[point], phrase)
	st := m.cx.cfg.Store
	if st == nil {
		return nil
	}
	key := q.Key()
	return func() tea.Msg {
		return phraseSavedMsg{question: key, point: point, phrase: phrase, err: st.SaveSynonym(key, point, phrase)}
	}
}

// dismissWelcome closes the orientation, remembers that it was read, and goes on to the
// set the program was started with, if any.
func (m Model) dismissWelcome() (tea.Model, tea.Cmd) {
	st := m.cx.cfg.Store
	save := func() tea.Msg {
		if st != nil {
			_ = st.PutSetting(settingWelcomed, true) // at worst it shows once more
		}
		return nil
	}
	next, cmd := m.startPending()
	return next, tea.Batch(save, cmd)
}

func (m Model) homeKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch m.home.key(msg) {
	case menuDaily:
		if !m.loaded {
			// Pressed before progress is read (a start takes tens of milliseconds with a long
			// history): the drill starts as soon as it is.
			m.cx.cfg.Start = &drill.Options{}
			return m, nil
		}
		o := drill.Options{Now: m.cx.now(), NewPerDay: m.cx.cfg.NewPerDay, NewToday: m.stats.NewToday}
		return m.startSet(m.planner().Daily(o))
	case menuTopics:
		m.topics = newTopicScreen(m.cx, m.cards)
		m.screen = screenTopics
	case menuAbout:
		m.about = newAboutScreen(m.cx)
		m.screen = screenAbout
	case menuProgress:
		if !m.loaded || m.loadErr != nil {
			return m, nil
		}
		m.prog = newProgressScreen(m.cx, m.stats, leechNames(m.planner().Suspended(), func(k string) int { return m.cards[k].Lapses }), m.claims, m.audit, m.cx.now())
		if d := m.cx.cfg.Interview; d != nil {
			iv := stats.Countdown(*d, m.cx.now(), m.cx.cfg.Lib, m.cards, m.claims)
			m.prog.interview = &iv
			m.prog.resize() // newProgressScreen laid it out without the countdown
		}
		m.screen = screenProgress
		return m, tea.Batch(m.loadMissed(), m.loadRounds())
	case menuRound:
		if !m.loaded || m.loadErr != nil {
			return m, nil
		}
		m.round = newRoundSetup(m.cx)
		m.screen = screenRound
	case menuPitch:
		m.tickGen++
		m.pitch = newPitchScreen(m.cx, m.cx.now())
		m.screen = screenPitch
		return m, tea.Batch(m.pitch.input.Focus(), m.tick())
	case menuQuit:
		return m, tea.Quit
	}
	return m, nil
}

func (m Model) topicsKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch act, o := m.topics.key(msg); act {
	case actBack:
		m.screen = screenHome
	case actStart:
		o.Now = m.cx.now()
		return m.startSet(m.planner().Topic(o))
	}
	return m, nil
}
