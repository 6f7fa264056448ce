package tui

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/cursor"
	tea "charm.land/bubbletea/v2"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
	"github.com/hotseat/hotseat/questions"
)

// The identifiers here carry a bw prefix: walk_test.go, in the same package, walks the
// bank too, and the two files must compile side by side.

// bwBank loads the packs hotseat ships, as the binary does, and refuses anything smaller
// than the real bank: a fixture of three questions must never pass for it.
func bwBank(t testing.TB) *pack.Library {
	t.Helper()
	packs, diags := pack.LoadFS(questions.FS, "embedded")
	if diags.HasErrors() {
		t.Fatalf("embedded packs: %v", diags)
	}
	lib := pack.NewLibrary()
	if d := lib.Add(packs, diags); d.HasErrors() {
		t.Fatalf("embedded packs: %v", d)
	}
	if lib.Len() < 190 {
		t.Fatalf("the embedded bank has %d questions, want at least 190: the walk must cover the real bank", lib.Len())
	}
	return lib
}

// bwEnv is what every walk shares: one library, one store, one clock, one scheduler and
// one trainer, with its Markdown cache, per window size (rendering dominates the cost).
type bwEnv struct {
	t     *testing.T
	lib   *pack.Library
	st    *store.Store
	clk   *clock
	sched *srs.Scheduler
	base  map[[2]int]Model // per window size, with its own Markdown cache
}

func newBWEnv(t *testing.T) *bwEnv {
	t.Helper()
	clk := &clock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	st, err := store.Open(filepath.Join(t.TempDir(), "hotseat.db"), store.Options{NoSync: true, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p := srs.DefaultParams()
	p.EnableFuzz = false
	return &bwEnv{t: t, lib: bwBank(t), st: st, clk: clk, sched: srs.NewScheduler(p), base: map[[2]int]Model{}}
}

func (e *bwEnv) config(firstRun bool) Config {
	return Config{Lib: e.lib, Store: e.st, Sched: e.sched, ClaimSched: e.sched, Now: e.clk.Now,
		NewPerDay: 10, Dark: true, Policy: claims.DefaultPolicy(), FirstRun: firstRun}
}

// model is a trainer at w x h with its progress taken as read and no cards (every
// question new): reading the whole review log for every walk would make the walk
// quadratic. One trainer is built per size, with the Markdown cache of that size, and each
// walk starts from a copy of it: Model is a value, and the state a set changes (the run,
// the screens, the cards) is made afresh by the walk.
func (e *bwEnv) model(w, h int) Model {
	size := [2]int{w, h}
	base, ok := e.base[size]
	if !ok {
		base = New(e.config(false))
		base.loaded = true
		next, _ := base.Update(tea.WindowSizeMsg{Width: w, Height: h})
		base = next.(Model)
		e.base[size] = base
	}
	m := base
	m.cards, m.seen = map[string]srs.Card{}, map[string]string{}
	return m
}

var errBWStop = errors.New("stop")

// recorded is the reviews of one walk: those stamped between start and the clock's now.
// Each window size walks on its own clock, years apart from the others, in parallel.
func (e *bwEnv) recorded(start time.Time) []store.Review {
	e.t.Helper()
	end := e.clk.Now()
	var out []store.Review
	err := e.st.ReviewsSince(start, func(r store.Review) error {
		if r.Time.After(end) {
			return errBWStop
		}
		out = append(out, r)
		return nil
	})
	if err != nil && !errors.Is(err, errBWStop) {
		e.t.Fatal(err)
	}
	return out
}

// bwNorm collapses whitespace and drops the Markdown marks a renderer removes.
func bwNorm(s string) string {
	s = strings.NewReplacer("`", "", "*", "", "\\", "", "_", "").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// bwTitlePrefix is the title's first three words, no more than fits the reveal's title
// line in a 40-column window.
func bwTitlePrefix(q *pack.Question) string {
	ws := strings.Fields(bwNorm(clean(q.Title)))
	out := ""
	for i, w := range ws {
		if i == 3 {
			break
		}
		next := w
		if out != "" {
			next = out + " " + w
		}
		if len([]rune(next)) > 30 {
			if out == "" {
				out = string([]rune(w)[:30])
			}
			break
		}
		out = next
	}
	return out
}

// bwEnding is one way an answer can end.
type bwEnding string

const (
	bwTyped        bwEnding = "typed"
	bwAloud        bwEnding = "aloud"
	bwPickFirst    bwEnding = "choice: option 1"
	bwPickCorrect  bwEnding = "choice: the correct options"
	bwTimedOut     bwEnding = "timed out, empty"
	bwTimedOutText bwEnding = "timed out, typed"
	bwSkipped      bwEnding = "skipped"
	bwSkippedText  bwEnding = "skipped after typing"
)

// bwWalk is one walk; its fields name it in failures.
type bwWalk struct {
	e    *bwEnv
	q    *pack.Question
	w, h int
	how  bwEnding
	rs   []srs.Rating // the ratings given, each from the same reveal
	r    srs.Rating   // the rating being given
	m    Model
}

func (k *bwWalk) where() string {
	if k.r == 0 {
		return fmt.Sprintf("%s at %dx%d, %s, before rating", k.q.Key(), k.w, k.h, k.how)
	}
	return fmt.Sprintf("%s at %dx%d, %s, rating %d", k.q.Key(), k.w, k.h, k.how, k.r)
}

func (k *bwWalk) dump() string { return plain(k.m.View().Content) }

func (k *bwWalk) send(msg tea.Msg) tea.Cmd {
	next, cmd := k.m.Update(msg)
	k.m = next.(Model)
	return cmd
}

func (k *bwWalk) key(s string) tea.Cmd { return k.send(keyMsg(s)) }

func (k *bwWalk) typeText(s string) {
	for _, r := range s {
		k.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// check fails unless the view fits the window and shows the question's title.
func (k *bwWalk) check(screen string, want screen) {
	t := k.e.t
	t.Helper()
	raw := k.m.View().Content
	v := plain(raw)
	if k.m.screen != want {
		t.Fatalf("%s: want the %s screen, got screen %d:\n%s", k.where(), screen, k.m.screen, v)
	}
	if n := strings.Count(raw, "\n") + 1; n > k.h {
		t.Fatalf("%s: the %s screen is %d lines in a %d-line window:\n%s", k.where(), screen, n, k.h, v)
	}
	if p := bwTitlePrefix(k.q); !strings.Contains(bwNorm(v), p) {
		t.Fatalf("%s: the %s screen does not show the title's start %q:\n%s", k.where(), screen, p, v)
	}
}

// run walks the question through a one-question set: question, ending, reveal, rating,
// save, summary.
func (k *bwWalk) run() {
	e, t := k.e, k.e.t
	t.Helper()
	defer func() {
		if v := recover(); v != nil {
			t.Fatalf("%s: panic: %v\n%s\nscreen:\n%s", k.where(), v, debug.Stack(), k.dump())
		}
	}()
	e.clk.Advance(time.Second) // each walk's reviews are after the previous walk's
	start := e.clk.Now()
	k.m = e.model(k.w, k.h)
	limit := k.q.Time
	next, _ := k.m.startSet(drill.Set{Name: "walk", Items: []drill.Item{{Q: k.q, Reason: drill.ReasonNew, Limit: limit}}, Limit: 0})
	k.m = next.(Model)
	k.m.fit() // as Update does after every message
	k.check("question", screenQuestion)

	switch k.how {
	case bwTyped:
		k.typeText("use a test")
		k.key("ctrl+s")
	case bwAloud:
		k.key("ctrl+s")
		if k.m.screen == screenReveal && k.m.rev.ticking {
			k.key("1")
			k.key("space")
			k.key("enter")
		}
	case bwPickFirst:
		k.key("1")
		k.key("enter")
	case bwPickCorrect:
		for _, i := range k.q.Correct() {
			k.key(fmt.Sprint(i + 1))
		}
		k.key("enter")
	case bwTimedOut, bwTimedOutText:
		if k.how == bwTimedOutText {
			k.typeText("no time")
		}
		e.clk.Advance(limit + time.Second)
		k.send(tickMsg{gen: k.m.tickGen})
		if k.m.screen == screenReveal && k.m.rev.ticking { // nothing typed: taken as said aloud
			k.key("enter")
		}
	case bwSkipped:
		k.key("esc")
	case bwSkippedText:
		k.typeText("skip it")
		k.key("esc")
		if k.m.screen != screenQuestion || !k.m.q.skipArm {
			t.Fatalf("%s: one esc with text typed should ask for a second:\n%s", k.where(), k.dump())
		}
		k.key("esc")
	}

	if k.how == bwSkipped || k.how == bwSkippedText {
		if k.m.screen != screenSummary || !strings.Contains(k.m.View().Content, "Set done") {
			t.Fatalf("%s: a skipped question should end its one-question set on the summary:\n%s", k.where(), k.dump())
		}
		if got := e.recorded(start); len(got) != 0 {
			t.Fatalf("%s: skipping recorded %+v", k.where(), got)
		}
		return
	}

	k.check("reveal", screenReveal)
	if k.m.rev.ticking {
		t.Fatalf("%s: the key-point checklist is still open:\n%s", k.where(), k.dump())
	}
	if (k.how == bwTimedOut || k.how == bwTimedOutText) && !k.m.rev.ans.overtime {
		t.Errorf("%s: a timed-out answer is not marked overtime", k.where())
	}

	reveal := k.m
	for n, r := range k.rs {
		// Each rating is given from the same reveal, on a copy of the trainer: Model is a
		// value, and what rating it changes behind pointers (the run, the cards) is copied.
		k.r = r
		k.m = reveal
		run := *reveal.run
		k.m.run = &run
		k.m.cards, k.m.seen = maps.Clone(reveal.cards), maps.Clone(reveal.seen)
		k.rate(start, n+1)
	}
}

// rate gives rating k.r on the reveal, runs the save, and checks that the set ends on its
// summary and that this walk has now recorded n reviews of the question (one per rating
// given), the last rated k.r.
func (k *bwWalk) rate(start time.Time, n int) {
	e, t := k.e, k.e.t
	t.Helper()
	cmd := k.key(fmt.Sprint(int(k.r)))
	if !k.m.rev.saving || cmd == nil {
		t.Fatalf("%s: rating key %d did not start saving:\n%s", k.where(), k.r, k.dump())
	}
	// The save runs as the runtime would run it, and its message comes back. The command
	// that follows reads progress for the summary; it is not needed here.
	msg := cmd()
	if _, ok := msg.(recordedMsg); !ok {
		t.Fatalf("%s: the save command returned %T", k.where(), msg)
	}
	k.send(msg)
	raw := k.m.View().Content
	if k.m.screen != screenSummary || !strings.Contains(raw, "Set done") {
		t.Fatalf("%s: after the rating the set should end on its summary:\n%s", k.where(), plain(raw))
	}
	if n := strings.Count(raw, "\n") + 1; n > k.h {
		t.Fatalf("%s: the summary is %d lines in a %d-line window:\n%s", k.where(), n, k.h, plain(raw))
	}
	got := e.recorded(start)
	if len(got) != n {
		t.Fatalf("%s: want %d reviews recorded in this walk, got %d: %+v", k.where(), n, len(got), got)
	}
	if last := got[n-1]; last.Pack != k.q.PackID || last.Question != k.q.ID || last.Rating != k.r {
		t.Fatalf("%s: want a review of %s rated %d, recorded %+v", k.where(), k.q.Key(), k.r, last)
	}
}

// Every question of the embedded bank, at three window sizes, by every way an answer can
// end (typed, aloud, timed out with and without text, skipped with and without text; on
// choice questions option 1, the correct options, timed out, skipped), through the reveal
// to a rating and its saved review. The main ending (typed, or option 1) goes through all
// four ratings for every question at 100x30; elsewhere, and on the other endings, the
// rating rotates by question, so that each ending meets all four at every size.
func TestWalkEveryQuestionOverBank(t *testing.T) {
	root := newBWEnv(t)
	qs := root.lib.Questions()
	sizes := [][2]int{{100, 30}, {60, 20}, {40, 12}}
	kinds := map[pack.Kind]int{}
	for _, q := range qs {
		kinds[q.Kind]++
	}
	if kinds[pack.KindOpen] == 0 || kinds[pack.KindChoice] == 0 {
		t.Errorf("the walk should cover both kinds of question: %v", kinds)
	}
	// The sizes walk on two goroutines (100x30, the largest share, on one; 60x20 then
	// 40x12 on the other), sharing the library, the store and the scheduler; each size has
	// its own clock (years apart, so that each walk's reviews can be told apart) and its
	// own trainer and Markdown cache.
	var wg sync.WaitGroup
	for _, group := range [][]int{{0}, {1, 2}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, si := range group {
				size := sizes[si]
				t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
					e := *root
					e.t = t
					e.clk = &clock{t: root.clk.Now().AddDate(si, 0, 0)}
					e.base = map[[2]int]Model{}
					e.walkAll(qs, size[0], size[1])
				})
			}
		}()
	}
	wg.Wait()
}

// walkAll walks every question at one size, by every ending; each ending that reaches the
// reveal is rated all four ways from that reveal. Timed-out and skipped walks alternate,
// by question, between an empty box and one with text typed.
func (e *bwEnv) walkAll(qs []*pack.Question, w, h int) {
	t := e.t
	walks := map[bwEnding]int{}
	ratings := map[bwEnding]map[srs.Rating]int{}
	untimed := 0
	for i, q := range qs {
		main := bwTyped
		timed, skip := bwTimedOut, bwSkipped
		if i%2 == 1 {
			timed, skip = bwTimedOutText, bwSkippedText
		}
		others := []bwEnding{bwAloud, timed, skip}
		if q.Kind == pack.KindChoice {
			main = bwPickFirst
			others = []bwEnding{bwPickCorrect, bwTimedOut, bwSkipped}
		}
		do := func(how bwEnding, rs ...srs.Rating) {
			if (how == bwTimedOut || how == bwTimedOutText) && q.Time <= 0 {
				untimed++
				return
			}
			(&bwWalk{e: e, q: q, w: w, h: h, how: how, rs: rs}).run()
			walks[how]++
			if ratings[how] == nil {
				ratings[how] = map[srs.Rating]int{}
			}
			for _, r := range rs {
				ratings[how][r]++
			}
		}
		all := []srs.Rating{srs.Again, srs.Hard, srs.Good, srs.Easy}
		for _, how := range append([]bwEnding{main}, others...) {
			if how == bwSkipped || how == bwSkippedText {
				do(how) // nothing to rate
				continue
			}
			do(how, all...)
		}
	}
	for _, how := range []bwEnding{bwTyped, bwAloud, bwPickFirst, bwPickCorrect, bwTimedOut, bwTimedOutText} {
		for r := srs.Again; r <= srs.Easy; r++ {
			if ratings[how][r] == 0 {
				t.Errorf("no %s walk at %dx%d was rated %s", how, w, h, r)
			}
		}
	}
	total, rated := 0, 0
	for how, n := range walks {
		total += n
		for _, k := range ratings[how] {
			rated += k
		}
	}
	main := 0
	for _, how := range []bwEnding{bwTyped, bwPickFirst} {
		for _, k := range ratings[how] {
			main += k
		}
	}
	if main != len(qs)*4 {
		t.Errorf("%d ratings on the main endings, want %d", main, len(qs)*4)
	}
	t.Logf("%d questions at %dx%d: %d walks %v, %d ratings saved; %d timed-out walks left out (untimed questions)",
		len(qs), w, h, total, walks, rated, untimed)
}

// bwEvent is one random thing that happens to the trainer.
type bwEvent struct {
	msg     tea.Msg
	advance time.Duration // move the clock this far, then tick
}

func (ev bwEvent) String() string {
	if ev.msg == nil {
		return fmt.Sprintf("clock +%s and tick", ev.advance)
	}
	if k, ok := ev.msg.(tea.KeyPressMsg); ok {
		return fmt.Sprintf("key %q", k.String())
	}
	return fmt.Sprintf("%T%+v", ev.msg, ev.msg)
}

var bwNamedKeys = map[string]tea.KeyPressMsg{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"space":     {Code: tea.KeySpace, Text: " "},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"pgup":      {Code: tea.KeyPgUp},
	"pgdown":    {Code: tea.KeyPgDown},
	"tab":       {Code: tea.KeyTab},
	"backspace": {Code: tea.KeyBackspace},
	"ctrl+s":    {Code: 's', Mod: tea.ModCtrl},
	"ctrl+d":    {Code: 'd', Mod: tea.ModCtrl},
	"ctrl+x":    {Code: 'x', Mod: tea.ModCtrl},
}

// bwNamedOrder fixes the order the named keys are drawn in (map order is random).
var bwNamedOrder = []string{"enter", "esc", "space", "up", "down", "pgup", "pgdown", "tab", "backspace", "ctrl+s", "ctrl+d", "ctrl+x"}

func bwRune(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

func bwRandomEvent(rng *rand.Rand) bwEvent {
	switch x := rng.IntN(100); {
	case x < 30: // the keys that move through the screens
		return bwEvent{msg: bwNamedKeys[bwNamedOrder[rng.IntN(len(bwNamedOrder))]]}
	case x < 42:
		return bwEvent{msg: bwRune(rune('1' + rng.IntN(4)))} // ratings, picks, ticks
	case x < 50:
		return bwEvent{msg: bwRune(rune('0' + rng.IntN(10)))}
	case x < 69:
		return bwEvent{msg: bwRune(rune('a' + rng.IntN(26)))}
	case x < 74: // help, back or quit, yes, no
		return bwEvent{msg: bwRune([]rune("?qyn")[rng.IntN(4)])}
	case x < 80:
		return bwEvent{msg: tea.PasteMsg{Content: "pasted line\r\nsecond line\r\n\r\nthird"}}
	case x < 87:
		return bwEvent{msg: tea.WindowSizeMsg{Width: 1 + rng.IntN(250), Height: 1 + rng.IntN(80)}}
	default:
		return bwEvent{advance: time.Duration(rng.IntN(300)) * time.Second}
	}
}

// bwWaitingCode tells the commands that wait (a clock tick, a cursor blink) by their code: the test
// moves the clock itself, so those are dropped, as fixture.run abandons them.
var bwWaitingCode = func() map[uintptr]bool {
	c := cursor.New()
	c.SetMode(cursor.CursorBlink)
	return map[uintptr]bool{
		reflect.ValueOf(tea.Tick(time.Hour, nil)).Pointer(): true,
		reflect.ValueOf(c.Blink()).Pointer():                true,
	}
}()

// bwSettle runs cmd and the commands of its batches that finish at once, and returns their
// messages; the ones that wait are dropped. Deterministic: what is dropped is decided by
// the command, never by how long it took.
func bwSettle(cmd tea.Cmd) ([]tea.Msg, error) {
	if cmd == nil || bwWaitingCode[reflect.ValueOf(cmd).Pointer()] {
		return nil, nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(10 * time.Second):
		return nil, fmt.Errorf("a command took over 10s")
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			more, err := bwSettle(c)
			if err != nil {
				return nil, err
			}
			out = append(out, more...)
		}
		return out, nil
	}
	return []tea.Msg{msg}, nil
}

// Random keys, pastes, resizes and clock ticks drive the root model over the real bank:
// it never panics, and in a window of at least 40x12 the view is never taller than the
// window. Deterministic: a failure names its seed and event, and the seed replays it.
func TestRandomKeysNeverPanicOverBank(t *testing.T) {
	root := newBWEnv(t)
	const perSeed = 3000
	seeds := []uint64{1, 2, 3, 4}
	screens := map[screen]int{}
	quits, ratings := 0, 0
	for _, seed := range seeds {
		// Each seed starts afresh (store, clock, trainer), so that it replays alone; odd
		// seeds start with the first-run orientation.
		e := *root
		e.clk = &clock{t: root.clk.Now()}
		st, err := store.Open(filepath.Join(t.TempDir(), fmt.Sprintf("seed%d.db", seed)), store.Options{NoSync: true, Now: e.clk.Now})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		e.st = st
		rng := rand.New(rand.NewPCG(seed, 0x6b65797321))
		w, h := 80, 24
		started := false
		fresh := func() Model {
			m := New(e.config(seed%2 == 1 && !started))
			started = true
			next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
			m = next.(Model)
			next, _ = m.Update(m.loadProgress()())
			return next.(Model)
		}
		m := fresh()
		for i := range perSeed {
			ev := bwRandomEvent(rng)
			func() {
				defer func() {
					if v := recover(); v != nil {
						t.Fatalf("seed %d, event %d (%s): panic: %v\n%s\nscreen %d before:\n%s", seed, i, ev, v, debug.Stack(), m.screen, plain(m.View().Content))
					}
				}()
				msg := ev.msg
				if msg == nil {
					e.clk.Advance(ev.advance)
					msg = tickMsg{gen: m.tickGen}
				}
				if s, ok := msg.(tea.WindowSizeMsg); ok {
					w, h = s.Width, s.Height
				}
				next, cmd := m.Update(msg)
				m = next.(Model)
				// Run what finishes at once, feeding back what the runtime would, following the
				// commands those return.
				queue := []tea.Cmd{cmd}
				for len(queue) > 0 {
					c := queue[0]
					queue = queue[1:]
					msgs, err := bwSettle(c)
					if err != nil {
						t.Fatalf("seed %d, event %d (%s): %v", seed, i, ev, err)
					}
				msgs:
					for _, out := range msgs {
						switch out.(type) {
						case tea.QuitMsg:
							quits++
							m = fresh()
							queue = nil
							break msgs
						case recordedMsg, progressMsg, claimsSavedMsg:
							if _, ok := out.(recordedMsg); ok {
								ratings++
							}
							next, cmd := m.Update(out)
							m = next.(Model)
							queue = append(queue, cmd)
						}
					}
				}
				screens[m.screen]++
				v := m.View().Content
				if n := strings.Count(v, "\n") + 1; w >= 40 && h >= 12 && n > h {
					t.Fatalf("seed %d, event %d (%s): the view is %d lines in a %dx%d window (screen %d):\n%s", seed, i, ev, n, w, h, m.screen, plain(v))
				}
			}()
		}
	}
	t.Logf("%d seeds x %d events: %d quits, %d ratings saved; events ending on each screen: %v", len(seeds), perSeed, quits, ratings, screens)
}
