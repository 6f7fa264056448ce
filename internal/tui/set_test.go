package tui

import (
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"strings"

	tea "charm.land/bubbletea/v2"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
)

// toChoice skips questions until the choice question of the demo pack is on screen.
func toChoice(t *testing.T, f *fixture) {
	t.Helper()
	for range 3 {
		if f.m.screen == screenQuestion && !f.m.q.open() {
			return
		}
		f.key("esc")
	}
	t.Fatalf("no choice question reached:\n%s", f.view())
}

// On a choice question digits pick, letters never pick or toggle an option, and q asks
// before leaving the set.
func TestChoiceDigitsPickLettersDoNot(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.key("enter")
	toChoice(t, f)
	for _, r := range "abcdefghijklmnoprstuvwxzABCDEFGHIJKLMNOPQRSTUVWXYZ!@#" {
		f.key(string(r))
		if f.m.q.anyPicked() || f.m.screen != screenQuestion || f.m.confirm != confirmNone {
			t.Fatalf("key %q changed the choice question (picked %v, screen %d)", r, f.m.q.picked, f.m.screen)
		}
	}
	f.key("2")
	if !f.m.q.picked[1] || f.m.q.picked[0] {
		t.Fatalf("2 should pick the second option: %v", f.m.q.picked)
	}
	f.key("9") // no ninth option: nothing changes
	if !f.m.q.picked[1] {
		t.Fatalf("a digit past the last option changed the pick: %v", f.m.q.picked)
	}
	f.key("q")
	if f.m.confirm != confirmLeave || !strings.Contains(f.view(), "Leave the set?") || !strings.Contains(f.view(), "Your ratings are saved") {
		t.Fatalf("q on a choice question should ask before leaving:\n%s", f.view())
	}
	f.key("n")
	if f.m.screen != screenQuestion || !f.m.q.picked[1] {
		t.Fatal("n should return to the question as it was")
	}
}

// Leaving a set from the question, the reveal or the checklist shows the summary of what
// was answered so far, and the trainer goes home from it instead of quitting.
func TestLeaveSetShowsSummaryThenHome(t *testing.T) {
	for _, c := range []struct {
		name  string
		keys  func(f *fixture)
		leave string
	}{
		{"typed question, ctrl+x", func(f *fixture) { f.typeText("half an answer") }, "ctrl+x"},
		{"reveal, esc", func(f *fixture) { f.typeText("bootstrap"); f.key("ctrl+s") }, "esc"},
		{"reveal, q", func(f *fixture) { f.typeText("bootstrap"); f.key("ctrl+s") }, "q"},
		{"checklist, q", func(f *fixture) { f.key("ctrl+s") }, "q"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, 80, 24)
			f.key("enter")
			// Rate the first question, then leave on the second open one.
			f.typeText("bootstrap samples averaged to reduce variance")
			f.key("ctrl+s")
			f.run(f.key("3"))
			if !strings.Contains(f.view(), "saved Good") {
				t.Errorf("after rating, the next question should confirm it was saved:\n%s", f.view())
			}
			toOpen(t, f)
			c.keys(f)
			f.key(c.leave)
			if f.m.confirm != confirmLeave {
				t.Fatalf("%s should ask before leaving:\n%s", c.leave, f.view())
			}
			f.run(f.key("y"))
			v := f.view()
			if f.m.screen != screenSummary || !strings.Contains(v, "1 answered") || !strings.Contains(v, "You left the set") {
				t.Fatalf("leaving should show the summary of what was answered:\n%s", v)
			}
			if n := len(f.reviews()); n != 1 {
				t.Errorf("leaving recorded %d reviews, want the 1 rated", n)
			}
			if isQuit(f.key("q")) || f.m.screen != screenHome {
				t.Fatalf("q on the summary should go home, not quit (screen %d)", f.m.screen)
			}
			if !isQuit(f.key("q")) {
				t.Error("q on home should quit")
			}
		})
	}
}

// toOpen skips until an open question is on screen.
func toOpen(t *testing.T, f *fixture) {
	t.Helper()
	for range 3 {
		if f.m.screen == screenQuestion && f.m.q.open() {
			return
		}
		f.key("esc")
	}
	t.Fatalf("no open question reached:\n%s", f.view())
}

// A skipped question is not asked again in the same set.
func TestSkippedQuestionDoesNotComeBack(t *testing.T) {
	f := newFixtureWith(t, 80, 24, demoPack, &drill.Options{Pack: "demo", Count: 3})
	asked := map[string]int{}
	for f.m.screen == screenQuestion {
		asked[f.m.q.item.Q.Key()]++
		f.key("esc")
		if f.m.screen == screenQuestion && !strings.Contains(f.view(), "skipped · not asked again in this set") {
			t.Errorf("the next question should confirm the skip:\n%s", f.view())
		}
	}
	if f.m.screen != screenSummary {
		t.Fatalf("skipping every question should end on the summary:\n%s", f.view())
	}
	for k, n := range asked {
		if n > 1 {
			t.Errorf("%s was asked %d times after being skipped", k, n)
		}
	}
	if len(asked) != 3 || !strings.Contains(f.view(), "3 skipped") {
		t.Errorf("asked %v; summary:\n%s", asked, f.view())
	}
	if len(f.reviews()) != 0 {
		t.Error("skipping recorded a review")
	}
}

const selfRatedPack = `---
pack: imported
title: Imported deck
version: 1.0.0
---

## What is a feature store? {#feature-store}

### Answer
A shared store of feature values, served the same way in training and online.
`

// A question with no key points has nothing to judge the answer by: no rating is
// preselected, enter does nothing, and the rating keys still work.
func TestNoPreselectedRatingWithoutKeyPoints(t *testing.T) {
	f := newFixtureWith(t, 80, 24, selfRatedPack, nil)
	f.key("enter")
	f.typeText("a place for features")
	f.key("ctrl+s")
	v := f.view()
	if f.m.rev.sugg.Rating.Valid() || strings.Contains(v, "Suggested:") || strings.Contains(v, "[") && strings.Contains(v, "Good ·]") {
		t.Fatalf("a question without key points should not preselect a rating:\n%s", v)
	}
	if !strings.Contains(v, "Rate yourself") || strings.Contains(v, "accept suggestion") {
		t.Errorf("the reveal should ask for a rating and not offer enter:\n%s", v)
	}
	f.run(f.key("enter"))
	if len(f.reviews()) != 0 {
		t.Fatal("enter recorded a rating nobody chose")
	}
	f.run(f.key("4"))
	if rs := f.reviews(); len(rs) != 1 || rs[0].Rating != srs.Easy {
		t.Fatalf("4 should record Easy, got %v", rs)
	}
}

// The very first start explains the drill on one screen; enter goes on to home, and the
// help bar lists every key of the home screen; ? there lists the keys of every screen.
func TestFirstRunOrientationAndKeyList(t *testing.T) {
	f := newFixture(t, 100, 30)
	f.m.welcome = true
	f.send(tea.WindowSizeMsg{Width: 100, Height: 30}) // lays the orientation out
	v := f.view()
	for _, want := range []string{"Welcome", "clock", "ctrl+s", "aloud", "tick", "1 Again", "saved"} {
		if !strings.Contains(v, want) {
			t.Errorf("orientation lacks %q:\n%s", want, v)
		}
	}
	f.key("q") // a letter does not skip the orientation by accident
	if !f.m.welcome {
		t.Fatal("only enter should close the orientation")
	}
	f.run(f.key("enter"))
	if f.m.welcome || f.m.screen != screenHome {
		t.Fatal("enter should close the orientation and show home")
	}
	var welcomed bool
	if ok, err := f.store.GetSetting(settingWelcomed, &welcomed); err != nil || !ok || !welcomed {
		t.Errorf("closing the orientation should be remembered: %v %v %v", ok, welcomed, err)
	}
	if first, err := FirstRun(f.store); err != nil || first {
		t.Errorf("FirstRun after the orientation = %v, %v", first, err)
	}
	f.key("?")
	v = f.view()
	for _, want := range []string{"Typed question", "Choice question", "ctrl+x", "leave set", "1-4", "esc/q"} {
		if !strings.Contains(v, want) {
			t.Errorf("? on home should list every key; lacks %q:\n%s", want, v)
		}
	}
	f.key("q")
	if f.m.showAll || f.m.screen != screenHome {
		t.Error("q should close the key list, not quit")
	}
}

// On small windows the orientation and the key list scroll, and say there is more.
func TestOrientationAndKeyListScrollOnSmallWindows(t *testing.T) {
	for _, size := range [][2]int{{60, 20}, {40, 12}} {
		f := newFixture(t, size[0], size[1])
		f.m.welcome = true
		f.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if v := f.view(); !strings.Contains(v, "↓ more") || !strings.Contains(v, "scroll") {
			t.Errorf("%dx%d: a cut-off orientation should say there is more and how to scroll:\n%s", size[0], size[1], v)
		}
		for range 40 {
			f.key("down")
		}
		if v := f.view(); !strings.Contains(v, "enter to start") {
			t.Errorf("%dx%d: scrolled to the end, the orientation should end with how to start:\n%s", size[0], size[1], v)
		}
		f.run(f.key("enter"))
		f.key("?")
		for range 60 {
			f.key("pgdown")
		}
		if v := f.view(); !strings.Contains(v, "Everywhere") || !strings.Contains(v, "ctrl+c") {
			t.Errorf("%dx%d: the end of the key list should be reachable:\n%s", size[0], size[1], v)
		}
	}
}

// FirstRun is true only for a database with nothing answered and no orientation read.
func TestFirstRunOnlyOnAFreshDatabase(t *testing.T) {
	f := newFixture(t, 80, 24)
	if first, err := FirstRun(f.store); err != nil || !first {
		t.Fatalf("fresh database: FirstRun = %v, %v", first, err)
	}
	f.key("enter")
	f.typeText("bootstrap")
	f.key("ctrl+s")
	f.run(f.key("3"))
	if first, err := FirstRun(f.store); err != nil || first {
		t.Errorf("after an answer: FirstRun = %v, %v", first, err)
	}
}

// An open question rated Again comes back once at the end of the same set as practice:
// answered and shown its model answer again, marked as practice, and not recorded, so the
// log holds one review per question and the interval stays the one Again gave.
func TestAgainComesBackOnceAsPractice(t *testing.T) {
	f := newFixtureWith(t, 80, 24, demoPack, &drill.Options{Pack: "demo", Count: 3})
	var againKey string
	asked := map[string]int{}
	for f.m.screen == screenQuestion && len(asked) < 3 {
		it := f.m.q.item
		asked[it.Q.Key()]++
		if it.Practice {
			t.Fatalf("practice before the set's other questions: %s", it.Q.Key())
		}
		if it.Q.Kind == pack.KindOpen {
			f.typeText("it averages things")
			f.key("ctrl+s")
		} else {
			f.key("1")
			f.key("enter")
		}
		rating := "3"
		if it.Q.Kind == pack.KindOpen && againKey == "" {
			againKey, rating = it.Q.Key(), "1"
		}
		f.run(f.key(rating))
		if rating == "1" && !strings.Contains(f.view(), "· once more at the end of this set, as practice") {
			t.Errorf("the next question does not say the Again comes back as practice:\n%s", f.view())
		}
	}
	if againKey == "" {
		t.Fatal("the demo set has no open question")
	}
	if f.m.screen != screenQuestion || !f.m.q.item.Practice || f.m.q.item.Q.Key() != againKey {
		t.Fatalf("after the set's questions, want %s again as practice:\n%s", againKey, f.view())
	}
	if v := f.view(); !strings.Contains(v, "Practice: a second go at a miss") || !strings.Contains(v, "4 of 4") {
		t.Errorf("the practice question does not say what it is:\n%s", v)
	}
	stored := func() srs.Card { // what the store holds: the model reads it again when it needs it
		t.Helper()
		cs, err := f.store.Cards()
		if err != nil {
			t.Fatal(err)
		}
		return cs[againKey]
	}
	due := stored().Due
	f.typeText("bootstrap samples averaged reduce variance")
	f.key("ctrl+s")
	if v := f.view(); f.m.screen != screenReveal || !strings.Contains(v, "Practice round") || strings.Contains(v, "2 Hard") {
		t.Fatalf("the practice reveal should offer no rating:\n%s", v)
	}
	f.key("3") // not a rating here
	if f.m.screen != screenReveal {
		t.Fatalf("a rating key ended the practice round:\n%s", f.view())
	}
	f.run(f.key("enter"))
	if v := words(f.view()); f.m.screen != screenSummary || !strings.Contains(v, "practised again 1") || !strings.Contains(v, "3 answered") {
		t.Fatalf("want the summary with one practice round:\n%s", v)
	}
	if n := len(f.reviews()); n != 3 {
		t.Errorf("%d reviews in the log, want 3: practice is not recorded", n)
	}
	if got := stored().Due; !got.Equal(due) {
		t.Errorf("practice moved %s from %v to %v", againKey, due, got)
	}
}

// A rating taken back right after it (u, or ctrl+z where u would be typed) leaves no trace:
// the review is out of the log, the question's state is as before, and its reveal is back
// to be rated again. Rated again, the log holds exactly one review for it.
func TestUndoTakesTheRatingBack(t *testing.T) {
	f := newFixtureWith(t, 80, 24, demoPack, &drill.Options{Pack: "demo", Count: 3})
	answer := func() {
		if f.m.q.open() {
			f.typeText("bootstrap samples averaged reduce variance")
			f.key("ctrl+s")
		} else {
			f.key("1")
			f.key("enter")
		}
	}
	first := f.m.q.item.Q.Key()
	answer()
	f.run(f.key("3"))
	if n := len(f.reviews()); n != 1 {
		t.Fatalf("%d reviews after the first rating", n)
	}
	undoKey := "u"
	if f.m.q.open() {
		undoKey = "ctrl+z"
	}
	if v := f.view(); !strings.Contains(v, undoKey+" undo the rating") {
		t.Errorf("the next question's help bar does not offer %s:\n%s", undoKey, v)
	}
	f.run(f.key(undoKey))
	if f.m.screen != screenReveal || f.m.rev.ans.item.Q.Key() != first || !strings.Contains(f.view(), "rating taken back") {
		t.Fatalf("after undo, want the reveal of %s again:\n%s", first, f.view())
	}
	if n := len(f.reviews()); n != 0 {
		t.Errorf("%d reviews in the log after the undo, want 0", n)
	}
	if _, ok := f.m.cards[first]; ok {
		t.Errorf("%s still has a card state after its only rating was undone", first)
	}
	if _, ok, _ := f.store.Card("demo", strings.TrimPrefix(first, "demo/")); ok {
		t.Errorf("the store still has a card for %s", first)
	}
	f.run(f.key("2"))
	if rs := f.reviews(); len(rs) != 1 || rs[0].Rating != srs.Hard {
		t.Fatalf("rated again: %+v, want one Hard review", rs)
	}

	// Once the next answer is started, ctrl+z does not throw it away.
	if f.m.q.open() {
		f.typeText("u")
		f.key("ctrl+z")
		if f.m.screen != screenQuestion || len(f.reviews()) != 1 {
			t.Errorf("ctrl+z with an answer typed left the question:\n%s", f.view())
		}
		f.key("backspace")
	}
	for f.m.screen == screenQuestion {
		answer()
		f.run(f.key("3"))
	}
	if f.m.screen != screenSummary || !strings.Contains(f.view(), "u undo the rating") {
		t.Fatalf("want the summary offering undo:\n%s", f.view())
	}
	last := f.m.run.results[len(f.m.run.results)-1].Item.Q.Key()
	f.run(f.key("u"))
	if f.m.screen != screenReveal || f.m.rev.ans.item.Q.Key() != last {
		t.Fatalf("undo on the summary: want the reveal of %s:\n%s", last, f.view())
	}
	f.run(f.key("4"))
	rs := f.reviews()
	if f.m.screen != screenSummary || len(rs) != 3 || rs[2].Rating != srs.Easy {
		t.Fatalf("after undo and Easy: %d reviews, last %+v:\n%s", len(rs), rs[len(rs)-1], f.view())
	}
	if v := words(f.view()); !strings.Contains(v, "3 answered") {
		t.Errorf("the summary should count 3 answers:\n%s", v)
	}
	// Only the last rating: a second u does nothing more than the first.
	f.run(f.key("u"))
	f.run(f.key("4"))
	f.run(f.key("u"))
	if n := len(f.reviews()); n != 2 || f.m.screen != screenReveal {
		t.Errorf("%d reviews after undoing the last rating twice over, want 2", n)
	}
}

// The summary teaches: each answer with its rating, time and the key points it missed, and
// r drills the misses again at once, as practice that records nothing.
func TestSummaryListsMissesAndDrillsThemAgain(t *testing.T) {
	f := newFixtureWith(t, 100, 30, demoPack, &drill.Options{Pack: "demo", Count: 3})
	var missed []string
	for f.m.screen == screenQuestion {
		it := f.m.q.item
		if it.Q.Kind == pack.KindOpen {
			f.typeText("it lowers variance") // one point of three
			f.key("ctrl+s")
			missed = append(missed, it.Q.Key())
			f.run(f.key("2"))
		} else {
			for _, i := range it.Q.Correct() {
				f.key(fmt.Sprint(i + 1))
			}
			f.key("enter")
			f.run(f.key("3"))
		}
	}
	v := words(f.view())
	if f.m.screen != screenSummary || !strings.Contains(v, "Hard") || !strings.Contains(v, "missed: “") || !strings.Contains(v, "r drills") {
		t.Fatalf("the summary does not list the misses:\n%s", f.view())
	}
	if len(f.m.sum.misses) != len(missed) {
		t.Errorf("%d misses offered, want %d (%v)", len(f.m.sum.misses), len(missed), missed)
	}
	before := len(f.reviews())
	f.run(f.key("r"))
	for i := 0; f.m.screen == screenQuestion; i++ {
		if !f.m.q.item.Practice || f.m.q.item.Q.Key() != missed[i] {
			t.Fatalf("practice set question %d is %s (practice %v), want %s", i, f.m.q.item.Q.Key(), f.m.q.item.Practice, missed[i])
		}
		f.typeText("bootstrap samples averaged reduce variance")
		f.key("ctrl+s")
		f.run(f.key("enter"))
	}
	if v := words(f.view()); f.m.screen != screenSummary || !strings.Contains(v, fmt.Sprintf("practised again %d", len(missed))) {
		t.Fatalf("after the practice set:\n%s", f.view())
	}
	if n := len(f.reviews()); n != before {
		t.Errorf("the practice set recorded %d reviews", n-before)
	}
}

// The reveal lists the earlier attempts at a question (date, key points, rating), and h
// shows the last typed answer beside today's.
func TestRevealShowsEarlierAnswers(t *testing.T) {
	f := newFixtureWith(t, 100, 60, demoPack, &drill.Options{Pack: "demo", Count: 1})
	if !f.m.q.open() {
		t.Fatalf("the demo set starts with a choice question:\n%s", f.view())
	}
	key := f.m.q.item.Q.Key()
	f.typeText("the first try: bootstrap samples")
	f.key("ctrl+s")
	if strings.Contains(f.view(), "Earlier answers") {
		t.Errorf("a first answer has no earlier ones:\n%s", f.view())
	}
	f.run(f.key("2"))
	f.key("enter") // the summary, home
	f.clock.Advance(48 * time.Hour)
	f.m.history = nil // a new session: the earlier answers come from the store's aggregates
	next, cmd := f.m.startSet(drill.Set{Name: "Again", Items: []drill.Item{{Q: f.lib.Question(key), Limit: time.Minute}}})
	f.m = next.(Model)
	f.run(cmd)
	f.typeText("the second try")
	f.key("ctrl+s")
	v := words(f.view())
	if !strings.Contains(v, "Earlier answers 2026-11-26 Hard 1 of 3 key points") {
		t.Errorf("the reveal does not list the earlier answer:\n%s", f.view())
	}
	if !strings.Contains(v, "h your last answer") || strings.Contains(v, "the first try") {
		t.Errorf("h should be offered, and the earlier answer hidden until asked for:\n%s", f.view())
	}
	f.key("h")
	if v := words(f.view()); !strings.Contains(v, "Your answer on 2026-11-26 the first try: bootstrap samples") {
		t.Errorf("h does not show the earlier answer:\n%s", f.view())
	}
}

// The key list stays open when enter on it starts the drill: a window resized during the
// drill gets a key list laid out for it back on home, not the wide two-column one (found by
// TestRandomKeysNeverPanic on a loaded machine).
func TestKeyListFitsAfterAResizeElsewhere(t *testing.T) {
	f := newFixture(t, 120, 40)
	f.key("?")
	if !strings.Contains(f.view(), "Choice question") {
		t.Fatalf("no key list:\n%s", f.view())
	}
	f.key("enter") // the home menu's choice: the daily drill
	if f.m.screen != screenQuestion {
		t.Fatalf("enter on the key list shows screen %d, want a question", f.m.screen)
	}
	f.send(tea.WindowSizeMsg{Width: 75, Height: 40})
	for range 10 { // skip the three questions, leave the summary: home
		if f.m.screen == screenHome {
			break
		}
		f.key("esc")
	}
	if f.m.screen != screenHome || !f.m.showAll {
		t.Fatalf("after the set: screen %d, key list open %v; want home with the key list", f.m.screen, f.m.showAll)
	}
	v := f.m.View().Content + "\n" + f.m.body(75, f.m.cx.bodyH)
	for _, l := range strings.Split(v, "\n") {
		if w := ansi.StringWidth(l); w > 75 {
			t.Fatalf("a line is %d cells wide in a 75-cell window: %q", w, plain(l))
		}
	}
}
