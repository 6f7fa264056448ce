package tui

import (
	"bufio"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/stats"
	"github.com/hotseat/hotseat/internal/store"
	"github.com/hotseat/hotseat/questions"
)

// The identifiers of this file carry an ew ("every way") prefix: other test files of the
// package walk the bank too, and all of them must compile side by side.

// ewBankLoad loads the packs hotseat ships once per test binary, as the binary does, and
// counts the question headings of the pack files independently of the parser, so that the
// walk is known to cover the whole bank and never a fixture.
var ewBankLoad = sync.OnceValues(func() (*pack.Library, error) {
	packs, diags := pack.LoadFS(questions.FS, "embedded")
	if diags.HasErrors() {
		return nil, fmt.Errorf("the embedded packs have errors:\n%v", diags)
	}
	lib := pack.NewLibrary()
	if d := lib.Add(packs, diags); d.HasErrors() {
		return nil, fmt.Errorf("the embedded packs do not load together:\n%v", d)
	}
	if d := lib.CheckFollowUps(); d.HasErrors() {
		return nil, fmt.Errorf("the embedded packs have broken follow-ups:\n%v", d)
	}
	files, headings, err := ewCountHeadings()
	if err != nil {
		return nil, err
	}
	if len(lib.Packs) != files {
		return nil, fmt.Errorf("%d pack files are embedded but %d packs loaded", files, len(lib.Packs))
	}
	if lib.Len() != headings {
		return nil, fmt.Errorf("the pack files have %d question headings but %d questions loaded", headings, lib.Len())
	}
	// The bank had 191 questions when this test was written; questions/bank_test.go keeps
	// each pack from shrinking, this keeps the walk from silently covering less.
	if lib.Len() < 191 {
		return nil, fmt.Errorf("the embedded bank has %d questions, fewer than the 191 it had", lib.Len())
	}
	return lib, nil
})

// ewCountHeadings counts the embedded pack files and their "## Question {#id}" headings,
// outside fenced code.
func ewCountHeadings() (files, headings int, err error) {
	err = fs.WalkDir(questions.FS, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !pack.IsPackFile(name) {
			return err
		}
		f, err := questions.FS.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		files++
		fenced := false
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(strings.TrimSpace(line), "```"):
				fenced = !fenced
			case !fenced && strings.HasPrefix(line, "## ") && strings.Contains(line, "{#"):
				headings++
			}
		}
		return sc.Err()
	})
	return files, headings, err
}

func ewBank(t testing.TB) *pack.Library {
	t.Helper()
	lib, err := ewBankLoad()
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

// ewWay is one way a question can end.
type ewWay string

const (
	ewTyped           ewWay = "typed, ctrl+s"
	ewAloud           ewWay = "answered aloud (empty ctrl+s), ticks"
	ewTimedOut        ewWay = "timed out with nothing typed"
	ewTimedOutTyped   ewWay = "timed out while typing"
	ewSkipped         ewWay = "skipped (esc)"
	ewSkippedTyped    ewWay = "skipped after typing (esc twice)"
	ewPickFirst       ewWay = "option 1 picked, enter"
	ewPickCorrect     ewWay = "the correct options picked, enter"
	ewTimedOutPicked  ewWay = "timed out with option 1 picked"
	ewTimedOutNothing ewWay = "timed out with nothing picked"
)

// ewOpenWays and ewChoiceWays are the ways each kind of question is walked; every way but
// a skip goes on to each of the four ratings.
var (
	ewOpenWays   = []ewWay{ewTyped, ewAloud, ewTimedOut, ewTimedOutTyped, ewSkipped, ewSkippedTyped}
	ewChoiceWays = []ewWay{ewPickFirst, ewPickCorrect, ewTimedOutPicked, ewTimedOutNothing, ewSkipped}
)

func (w ewWay) skips() bool { return w == ewSkipped || w == ewSkippedTyped }
func (w ewWay) timesOut() bool {
	return w == ewTimedOut || w == ewTimedOutTyped || w == ewTimedOutPicked || w == ewTimedOutNothing
}

// ewSizes are the windows every question is walked at.
var ewSizes = [][2]int{{100, 30}, {60, 20}, {40, 12}}

// ewSize walks questions at one window size. Its store, clock and Markdown cache are shared
// by all of its walks: glamour rendering is the slow part of a walk, and the cache (one per
// size, as the app keeps one per session) renders each text once per width.
type ewSize struct {
	t     *testing.T
	lib   *pack.Library
	w, h  int
	st    *store.Store
	clk   *clock
	sched *srs.Scheduler
	md    *Markdown
	// done counts the walks that reached their end, by kind of question, way and rating
	// (0 for a skip).
	done     map[ewKindWay]*[5]int
	rated    int // walks that ended in a saved rating
	failures int
	// kinds counts the failures by what failed, for the summary at the end.
	kinds map[string]int
}

type ewKindWay struct {
	kind pack.Kind
	way  ewWay
}

func newEWSize(t *testing.T, lib *pack.Library, w, h int) *ewSize {
	clk := &clock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	st, err := store.Open(filepath.Join(t.TempDir(), "hotseat.db"), store.Options{NoSync: true, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &ewSize{t: t, lib: lib, w: w, h: h, st: st, clk: clk, sched: srs.NewScheduler(srs.DefaultParams()),
		md: NewMarkdown(true, false), done: map[ewKindWay]*[5]int{}, kinds: map[string]int{}}
}

// ewAbort stops a walk after a failure was reported; a walk's other panics are bugs.
type ewAbort struct{}

// ewWalk is one question on its way through one set.
type ewWalk struct {
	s      *ewSize
	q      *pack.Question
	i      int // the question's place in the bank
	way    ewWay
	rating srs.Rating
	m      Model
	bodyH  int       // the body height the model was laid out for (see fork)
	begun  time.Time // when the question was shown
}

func (k *ewWalk) where() string {
	r := "before rating"
	if k.rating != 0 {
		r = fmt.Sprintf("rating %d (%s)", k.rating, k.rating)
	}
	way := string(k.way)
	if way == "" {
		way = "on the question screen"
	}
	return fmt.Sprintf("%s at %dx%d, %s, %s", k.q.Key(), k.s.w, k.s.h, way, r)
}

// fail reports a failure of this walk and ends it.
func (k *ewWalk) fail(format string, args ...any) {
	k.s.t.Helper()
	k.errorf(format, args...)
	panic(ewAbort{})
}

// errorf reports a failure of this walk, with the screen for the first few; the walk goes
// on. Past 40 failures only the count by kind is reported, at the end.
func (k *ewWalk) errorf(format string, args ...any) {
	k.s.t.Helper()
	k.s.failures++
	k.s.kinds[format]++
	msg := k.where() + ": " + fmt.Sprintf(format, args...)
	switch {
	case k.s.failures <= 6:
		k.s.t.Errorf("%s\nthe screen (%dx%d):\n%s", msg, k.s.w, k.s.h, plain(k.m.View().Content))
	case k.s.failures <= 40:
		k.s.t.Errorf("%s", msg)
	}
}

// try runs one walk, turning a panic into a failure that names the question, size, way
// and rating; it reports whether the walk ended well.
func (k *ewWalk) try(fn func()) (ok bool) {
	defer func() {
		if v := recover(); v != nil {
			ok = false
			if _, abort := v.(ewAbort); abort {
				return
			}
			k.s.failures++
			k.s.kinds["panic: "+fmt.Sprint(v)]++
			if k.s.failures <= 40 {
				k.s.t.Errorf("%s: panic: %v\n%s", k.where(), v, debug.Stack())
			}
		}
	}()
	fn()
	return true
}

// send feeds one message, as the runtime would. The command that saves a rating is run at
// once and its result fed back. Other commands are dropped: clock ticks and the cursor's
// blink wait (the walk moves the clock itself), and the summary's reload of progress reads
// the whole review log, which the walk does not need and which would make it quadratic.
func (k *ewWalk) send(msg tea.Msg) {
	next, cmd := k.m.Update(msg)
	k.m = next.(Model)
	if cmd != nil && k.m.screen == screenReveal && k.m.rev.saving {
		saved, ok := cmd().(recordedMsg)
		if !ok {
			k.fail("rating did not return the save's result")
		}
		next, _ = k.m.Update(saved)
		k.m = next.(Model)
	}
}

func (k *ewWalk) key(name string) { k.send(keyMsg(name)) }

// view renders the screen and checks that it fits the window: no more lines than its
// height, none wider than its width (see ewWidthCheck in fuzz_test.go). A screen that
// does not fit is reported once per screen, with the first walk that met it, and counted;
// the walk goes on.
func (k *ewWalk) view() string {
	k.s.t.Helper()
	v := k.m.View().Content
	lines := strings.Split(v, "\n")
	if len(lines) > k.s.h {
		k.misfit("taller than the window", fmt.Sprintf("%d lines", len(lines)))
	}
	for i, l := range lines {
		if !*ewWidthCheck {
			break
		}
		if w := ansi.StringWidth(l); len(l) > k.s.w && w > k.s.w {
			k.misfit("wider than the window", fmt.Sprintf("line %d is %d cells wide", i+1, w))
			break
		}
	}
	return v
}

func (k *ewWalk) misfit(what, detail string) {
	k.s.t.Helper()
	kind := fmt.Sprintf("the %s screen is %s", ewScreenName(k.m), what)
	k.s.failures++
	if k.s.kinds[kind]++; k.s.kinds[kind] == 1 {
		k.s.t.Errorf("%s: %s: %s\nthe screen (%dx%d):\n%s", k.where(), kind, detail, k.s.w, k.s.h, plain(k.m.View().Content))
	}
}

// typeText types s key by key.
func (k *ewWalk) typeText(s string) {
	for _, r := range s {
		msg := tea.KeyPressMsg{Code: r, Text: string(r)}
		if r == ' ' {
			msg = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
		}
		k.send(msg)
	}
}

// fork copies the walk at this point, so that each of the four ratings (and each way that
// starts from the same question screen) goes on from an identical state without walking
// the identical prefix again. Everything the rest of a walk changes in place is copied:
// the run, the card and fingerprint maps, a choice question's picks, the ticks; the
// shared context gets back the body height the copied screens were laid out for.
func (k *ewWalk) fork(way ewWay) *ewWalk {
	c := *k
	c.way = way
	m := c.m
	if m.run != nil {
		r := *m.run
		r.results = slices.Clone(r.results)
		r.set.Items = slices.Clone(r.set.Items)
		m.run = &r
	}
	m.cards = maps.Clone(m.cards)
	m.seen = maps.Clone(m.seen)
	m.q.picked = slices.Clone(m.q.picked)
	m.q.optionLines = slices.Clone(m.q.optionLines)
	m.rev.cov.Covered = slices.Clone(m.rev.cov.Covered)
	c.m = m
	return &c
}

// resume restores the shared context's layout to the fork's before it goes on.
func (k *ewWalk) resume() { k.m.cx.bodyH = k.bodyH }

// mark remembers the layout at a fork point.
func (k *ewWalk) mark() *ewWalk { k.bodyH = k.m.cx.bodyH; return k }

// ewNorm is screen or source text without white space and the Markdown marks a renderer
// drops, so that text can be found however the screen wrapped and indented it.
func ewNorm(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("`*_\\…", r) {
			return -1
		}
		return r
	}, s)
}

// ewTitlePrefix is as much of the question's title, in whole words, as a screen w wide
// shows on one line: the question screen wraps the title at the readable width, the reveal
// cuts it to one line.
func ewTitlePrefix(q *pack.Question, w int) string {
	limit := readable(w) - 8
	var out []string
	n := 0
	for _, word := range strings.Fields(clean(q.Title)) {
		if n > 0 && n+1+len([]rune(word)) > limit {
			break
		}
		out = append(out, word)
		n += len([]rune(word)) + 1
	}
	return strings.Join(out, " ")
}

// ewAnswerWords is what the walk types for an open question: the first sentence of its
// model answer, cut at a word boundary to keep a walk quick (every key is an Update).
func ewAnswerWords(q *pack.Question) string {
	text := clean(strings.NewReplacer("`", "", "*", "", "#", "").Replace(q.Answer))
	if i := strings.Index(text, ". "); i > 0 {
		text = text[:i+1]
	}
	var out []string
	n := 0
	for _, word := range strings.Fields(text) {
		if n > 0 && n+1+len(word) > 32 {
			break
		}
		out = append(out, word)
		n += len(word) + 1
	}
	if len(out) == 0 {
		return "variance bias bootstrap"
	}
	return strings.Join(out, " ")
}

// start is a trainer at the size, its progress read (every question new), showing q as a
// topic set of one question with the limit the planner gives it.
func (s *ewSize) start(q *pack.Question, i int) *ewWalk {
	k := &ewWalk{s: s, q: q, i: i, begun: s.clk.Now()}
	k.try(func() {
		k.m = New(Config{Lib: s.lib, Store: s.st, Sched: s.sched, ClaimSched: s.sched, Now: s.clk.Now,
			NewPerDay: 10, Dark: true, Policy: claims.DefaultPolicy()})
		k.m.cx.md = s.md
		k.send(tea.WindowSizeMsg{Width: s.w, Height: s.h})
		k.send(progressMsg{cards: map[string]srs.Card{}, seen: map[string]string{},
			stats: stats.Stats{ByPack: map[string]stats.PackStats{}, Activity: make([]int, stats.ActivityDays)}})
		it := drill.Item{Q: q, Reason: drill.ReasonNew, Limit: q.Time}
		next, _ := k.m.startSet(drill.Set{Name: drill.TopicName(q.PackID, ""), Items: []drill.Item{it}, Limit: it.Limit})
		k.m = next.(Model)
		k.m.fit() // as Update does after every message
		k.checkQuestion()
	})
	if k.m.cx == nil || k.m.screen != screenQuestion {
		return nil
	}
	return k.mark()
}

// checkQuestion asserts that the question screen shows this question.
func (k *ewWalk) checkQuestion() {
	if k.m.screen != screenQuestion {
		k.fail("not on the question screen (screen %d)", k.m.screen)
	}
	want := ewTitlePrefix(k.q, k.s.w)
	if !strings.Contains(ewNorm(plain(k.view())), ewNorm(want)) {
		k.fail("the question screen does not show the question's title %q", want)
	}
}

// checkReveal asserts that the reveal shows this question, ready for a rating.
func (k *ewWalk) checkReveal() {
	if k.m.screen != screenReveal {
		k.fail("not on the reveal screen (screen %d)", k.m.screen)
	}
	if k.m.rev.ticking {
		k.fail("the key-point checklist is still open")
	}
	want := ewTitlePrefix(k.q, k.s.w)
	if !strings.Contains(ewNorm(plain(k.view())), ewNorm(want)) {
		k.fail("the reveal screen does not show the question's title %q", want)
	}
	if k.way.timesOut() != k.m.rev.ans.overtime {
		k.fail("overtime is %v", k.m.rev.ans.overtime)
	}
}

// timeOut moves the clock past the question's limit and sends the tick: the answer is
// taken as it stands.
func (k *ewWalk) timeOut() {
	if k.m.run.item().Limit <= 0 {
		k.fail("the question has no time limit to run out")
	}
	k.s.clk.Advance(k.m.run.item().Limit + time.Second)
	k.send(tickMsg{gen: k.m.tickGen})
	if k.m.screen != screenReveal {
		k.fail("the question did not end when its time ran out")
	}
}

// reviews reads the reviews saved since the walk's question was shown, oldest first: the
// ones of this question's other walks, and this walk's last. (The log is kept in time
// order, reviews stamped in the same instant in the order they were saved.)
func (k *ewWalk) reviews() []store.Review {
	var out []store.Review
	if err := k.s.st.ReviewsSince(k.begun, func(r store.Review) error { out = append(out, r); return nil }); err != nil {
		k.fail("reading reviews: %v", err)
	}
	return out
}

// ewRatings are the ratings a walk of question i (in bank order) gives after ending way w.
// Every way but time running out goes on to all four; a timed-out walk reaches the same
// reveal and rating keys as a submitted one and differs only in being overtime, so it
// gives one rating, turning with the question, which keeps the walk under a minute with
// -race on two cores while every way still meets every rating dozens of times per size.
func ewRatings(w ewWay, i int) []srs.Rating {
	switch {
	case w.skips():
		return nil
	case w.timesOut():
		return []srs.Rating{srs.Rating(1 + (i+len(w))%4)}
	}
	return []srs.Rating{srs.Again, srs.Hard, srs.Good, srs.Easy}
}

// rateEach takes the walk, now on its reveal screen, to each of its ratings (ewRatings):
// each is saved with that rating, and the set ends on its summary.
func (k *ewWalk) rateEach(typed string) {
	k.mark()
	for _, r := range ewRatings(k.way, k.i) {
		c := k.fork(k.way)
		c.rating = r
		if !c.try(func() {
			c.resume()
			before := len(c.reviews())
			c.key(fmt.Sprint(int(r)))
			if c.m.screen != screenSummary {
				c.fail("after the rating the set did not end on its summary (screen %d)", c.m.screen)
			}
			if v := c.view(); !strings.Contains(v, "Set done") {
				c.fail("the summary does not say %q", "Set done")
			}
			got := c.reviews()
			if len(got) != before+1 {
				c.fail("%d reviews were saved, want 1", len(got)-before)
			}
			rv := got[len(got)-1]
			switch {
			case rv.Pack != c.q.PackID || rv.Question != c.q.ID:
				c.fail("the review saved is of %s/%s", rv.Pack, rv.Question)
			case rv.Rating != r:
				c.fail("the review saved has rating %d", rv.Rating)
			case rv.Answer != typed:
				c.fail("the review saved has the answer %q, want %q", rv.Answer, typed)
			case rv.Overtime != c.way.timesOut():
				c.fail("the review saved has overtime %v", rv.Overtime)
			}
			if want := c.q.Kind == pack.KindOpen && typed == "" && len(c.q.KeyPoints) > 0; rv.Aloud != want {
				c.fail("the review saved has aloud %v, want %v", rv.Aloud, want)
			}
		}) {
			continue
		}
		c.s.tally(c.q, c.way, r)
	}
}

// skipped asserts that the walk, just skipped, ended its set without saving anything.
func (k *ewWalk) skipped(before int) {
	if k.m.screen != screenSummary {
		k.fail("skipping the only question did not end the set (screen %d)", k.m.screen)
	}
	if n := len(k.reviews()) - before; n != 0 {
		k.fail("skipping saved %d reviews", n)
	}
	k.s.tally(k.q, k.way, 0)
}

func (s *ewSize) tally(q *pack.Question, w ewWay, r srs.Rating) {
	kw := ewKindWay{q.Kind, w}
	if s.done[kw] == nil {
		s.done[kw] = &[5]int{}
	}
	s.done[kw][r]++
	if r != 0 {
		s.rated++
	}
}

// open walks an open question every way.
func (s *ewSize) open(q *pack.Question, i int) {
	words := ewAnswerWords(q)

	// Nothing typed: skipped, answered aloud, timed out.
	if base := s.start(q, i); base != nil {
		k := base.fork(ewSkipped)
		k.try(func() {
			k.resume()
			before := len(k.reviews())
			k.key("esc")
			k.skipped(before)
		})
		k = base.fork(ewAloud)
		k.try(func() {
			k.resume()
			k.key("ctrl+s")
			if k.m.screen != screenReveal {
				k.fail("an empty submit did not reveal the answer")
			}
			if has := len(q.KeyPoints) > 0; k.m.rev.ticking != has {
				k.fail("the key-point checklist shows: %v; the question has %d key points", k.m.rev.ticking, len(q.KeyPoints))
			}
			if k.m.rev.ticking {
				if v := ewNorm(plain(k.view())); !strings.Contains(v, ewNorm("Tick each key point")) {
					k.fail("the checklist does not say what to do")
				}
				k.key("1")     // tick point 1
				k.key("down")  // to point 2 (back to 1 when there is one point)
				k.key("space") // and toggle it
				k.key("enter") // done ticking
				want := min(len(q.KeyPoints), 2)
				if len(q.KeyPoints) == 1 {
					want = 0
				}
				if got := k.m.rev.cov.Hits(); got != want {
					k.fail("%d key points ticked, want %d", got, want)
				}
			}
			k.checkReveal()
			k.rateEach("")
		})
		k = base.fork(ewTimedOut)
		k.try(func() {
			k.resume()
			k.timeOut()
			if k.m.rev.ticking { // nothing typed: taken as answered aloud
				k.key("enter")
			}
			k.checkReveal()
			k.rateEach("")
		})
	}

	// Some words typed: skipped with esc twice, submitted, timed out.
	base := s.start(q, i)
	if base == nil {
		return
	}
	base.way = ewTyped
	if !base.try(func() {
		base.typeText(words)
		if base.m.screen != screenQuestion {
			base.fail("typing left the question screen")
		}
		if got := base.m.q.input.Value(); got != words {
			// Reported, and the walk goes on with what the box holds, so that one bug
			// does not hide the others.
			base.errorf("typing %q left %q in the answer box", words, got)
			words = strings.TrimSpace(got)
		}
		last := words[strings.LastIndex(words, " ")+1:]
		if len(last) <= 12 && !strings.Contains(ewNorm(plain(base.view())), ewNorm(last)) {
			base.fail("the answer box does not show the last word typed, %q", last)
		}
	}) {
		return
	}
	base.mark()
	k := base.fork(ewSkippedTyped)
	k.try(func() {
		k.resume()
		before := len(k.reviews())
		k.key("esc")
		if k.m.screen != screenQuestion {
			k.fail("one esc with text typed left the question")
		}
		if v := ewNorm(plain(k.view())); !strings.Contains(v, "escagain") {
			k.fail("one esc with text typed does not warn that a second one skips")
		}
		k.key("esc")
		k.skipped(before)
	})
	k = base.fork(ewTyped)
	k.try(func() {
		k.resume()
		k.key("ctrl+s")
		k.checkReveal()
		k.rateEach(words)
	})
	k = base.fork(ewTimedOutTyped)
	k.try(func() {
		k.resume()
		k.timeOut()
		k.checkReveal()
		k.rateEach(words)
	})
}

// choice walks a choice question every way.
func (s *ewSize) choice(q *pack.Question, i int) {
	base := s.start(q, i)
	if base == nil {
		return
	}
	k := base.fork(ewSkipped)
	k.try(func() {
		k.resume()
		before := len(k.reviews())
		k.key("esc")
		k.skipped(before)
	})
	k = base.fork(ewPickFirst)
	k.try(func() {
		k.resume()
		k.key("1")
		k.key("enter")
		k.checkReveal()
		if want := slices.Equal(q.Correct(), []int{0}); k.m.rev.correct != want {
			k.fail("picking option 1 graded correct: %v", k.m.rev.correct)
		}
		k.rateEach("")
	})
	k = base.fork(ewPickCorrect)
	k.try(func() {
		k.resume()
		for _, i := range q.Correct() {
			if i >= 9 {
				k.fail("option %d has no digit key", i+1)
			}
			k.key(fmt.Sprint(i + 1))
		}
		k.key("enter")
		k.checkReveal()
		if !k.m.rev.correct {
			k.fail("picking the correct options %v was graded wrong (picked %v)", q.Correct(), k.m.rev.ans.picked)
		}
		k.rateEach("")
	})
	k = base.fork(ewTimedOutNothing)
	k.try(func() {
		k.resume()
		k.timeOut()
		k.checkReveal()
		if len(k.m.rev.ans.picked) != 0 || k.m.rev.correct {
			k.fail("time ran out with nothing picked, yet %v was taken", k.m.rev.ans.picked)
		}
		k.rateEach("")
	})
	k = base.fork(ewTimedOutPicked)
	k.try(func() {
		k.resume()
		k.key("1")
		k.timeOut()
		k.checkReveal()
		if !slices.Equal(k.m.rev.ans.picked, []int{0}) {
			k.fail("time ran out with option 1 picked, yet %v was taken", k.m.rev.ans.picked)
		}
		k.rateEach("")
	})
}

// TestWalkEveryQuestionEveryWay takes every question of the embedded bank (open and
// choice, with and without key points, with follow-ups), at 100x30, 60x20 and 40x12,
// through every way an answer can end (typed; answered aloud and ticked; skipped, also
// after typing; timed out, with and without an answer; for choice questions option 1, the
// correct options, and time running out with and without a pick) to each of the four
// ratings. No walk may panic; the question screen and the reveal show the question's
// title; each rating is saved with that rating and ends the set on its summary; a skip
// saves nothing.
//
// A walk forks where ways and ratings part (see fork): the question screen and the reveal
// are reached once per way, and each rating goes on from a copy. Sizes run in parallel.
func TestWalkEveryQuestionEveryWay(t *testing.T) {
	lib := ewBank(t)
	qs := lib.Questions()
	var open, choice, withPoints, withoutPoints, withFollowUps int
	for _, q := range qs {
		if q.Kind == pack.KindChoice {
			choice++
		} else {
			open++
		}
		if len(q.KeyPoints) > 0 {
			withPoints++
		} else {
			withoutPoints++
		}
		if len(q.FollowUps) > 0 {
			withFollowUps++
		}
	}
	if open == 0 || choice == 0 || withFollowUps == 0 {
		t.Errorf("the bank should hold open questions (%d), choice questions (%d) and questions with follow-ups (%d)", open, choice, withFollowUps)
	}
	t.Logf("%d questions: %d open, %d choice; %d with key points, %d without; %d with follow-ups",
		len(qs), open, choice, withPoints, withoutPoints, withFollowUps)

	for _, size := range ewSizes {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			t.Parallel()
			s := newEWSize(t, lib, size[0], size[1])
			for i, q := range qs {
				if q.Kind == pack.KindChoice {
					s.choice(q, i)
				} else {
					s.open(q, i)
				}
			}
			if s.failures > 0 {
				var kinds []string
				for kind, n := range s.kinds {
					kinds = append(kinds, fmt.Sprintf("%5d  %s", n, kind))
				}
				slices.Sort(kinds)
				t.Errorf("%d failures in all, by kind (the first of each screen that does not fit is shown, and the first 40 others):\n%s", s.failures, strings.Join(kinds, "\n"))
			}
			// Every question went through every way, and every way that rates through
			// its ratings; every way that rates met each of the four.
			want := map[ewKindWay]*[5]int{}
			for i, q := range qs {
				ways := ewOpenWays
				if q.Kind == pack.KindChoice {
					ways = ewChoiceWays
				}
				for _, w := range ways {
					kw := ewKindWay{q.Kind, w}
					if want[kw] == nil {
						want[kw] = &[5]int{}
					}
					if w.skips() {
						want[kw][0]++
					}
					for _, r := range ewRatings(w, i) {
						want[kw][r]++
					}
				}
			}
			for kw, n := range want {
				got := s.done[kw]
				if got == nil {
					got = &[5]int{}
				}
				if *got != *n {
					t.Errorf("%s questions, %s: walks by rating (none, 1-4) %v, want %v", kw.kind, kw.way, *got, *n)
				}
				if !kw.way.skips() && slices.Contains(n[1:], 0) {
					t.Errorf("%s questions, %s: some rating is never given: %v", kw.kind, kw.way, *n)
				}
			}
			if n, err := s.st.ReviewCount(); err != nil || n != s.rated {
				t.Errorf("the store holds %d reviews (%v), want one per rated walk: %d", n, err, s.rated)
			}
			t.Logf("%dx%d: %d walks ended in a rating, %d in a skip", size[0], size[1], s.rated, open*2+choice)
			for _, kw := range slices.SortedFunc(maps.Keys(s.done), func(a, b ewKindWay) int {
				return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
			}) {
				t.Logf("  %-6s %-40s by rating (none, 1-4): %v", kw.kind, kw.way, *s.done[kw])
			}
		})
	}
}
