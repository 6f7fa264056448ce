package tui

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

const demoPack = `---
pack: demo
title: Demo
version: 1.0.0
time: 2m
claims:
  model-internals:
    phrases: ["details of ML models"]
---

## What does bagging reduce, and how? {#bagging}
tags: model-internals · level: junior

### Answer
Bagging fits many models on **bootstrap samples** and averages their predictions, which
reduces variance without adding much bias.

### Key points
- Models are fitted on bootstrap samples (match: bootstrap*)
- Their predictions are averaged (match: averag*)
- Averaging reduces variance (match: variance)

## Which ensemble trains its learners sequentially? {#sequential}
level: junior · time: 30s

### Choices
- [ ] Bagging
- [x] Boosting
- [ ] Random forest

### Answer
Boosting fits each learner to the errors of the ones before it, so it must run in order.

## Why does AdaBoost struggle with noisy labels? {#noisy}
tags: model-internals · level: mid

### Answer
AdaBoost raises the weight of every misclassified point. A mislabelled point stays
misclassified, so its weight keeps growing and later learners chase the noise.

### Key points
- Misclassified points get more weight (match: weight*)
- Mislabelled points stay misclassified (match: mislabel*, noisy, noise)
- Later learners chase them (match: later, subsequent)
`

// clock is a settable clock shared by the model and the test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type fixture struct {
	t     *testing.T
	clock *clock
	store *store.Store
	lib   *pack.Library
	m     Model
}

func library(t *testing.T, src string) *pack.Library {
	t.Helper()
	packs, diags := pack.LoadFS(fstest.MapFS{"demo.md": {Data: []byte(src)}}, "test")
	if diags.HasErrors() {
		t.Fatalf("fixture pack: %v", diags)
	}
	lib := pack.NewLibrary()
	lib.Add(packs, diags)
	return lib
}

func newFixture(t *testing.T, w, h int) *fixture {
	return newFixtureWith(t, w, h, demoPack, nil)
}

func newFixtureWith(t *testing.T, w, h int, src string, start *drill.Options, cs ...claims.Claim) *fixture {
	t.Helper()
	return fixtureOn(t, w, h, library(t, src), start, cs...)
}

// fixtureOn is newFixtureWith on a library of the test's own.
func fixtureOn(t *testing.T, w, h int, lib *pack.Library, start *drill.Options, cs ...claims.Claim) *fixture {
	t.Helper()
	clk := &clock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
	st, err := store.Open(filepath.Join(t.TempDir(), "hotseat.db"), store.Options{NoSync: true, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p := srs.DefaultParams()
	p.EnableFuzz = false
	f := &fixture{t: t, clock: clk, store: st, lib: lib}
	claimed := p
	claimed.DesiredRetention = 0.95
	f.m = New(Config{Lib: f.lib, Store: st, Sched: drill.Schedulers{Open: srs.NewScheduler(p), Choice: srs.NewScheduler(p), ClaimOpen: srs.NewScheduler(claimed), ClaimChoice: srs.NewScheduler(claimed)},
		Now: clk.Now, NewPerDay: 10, Start: start, Dark: true, Claims: cs, Policy: claims.DefaultPolicy(),
		Leeches: drill.Leeches{Threshold: drill.DefaultLeechThreshold}})
	f.send(tea.WindowSizeMsg{Width: w, Height: h})
	f.send(f.m.loadProgress()())
	return f
}

// send feeds one message and runs the commands it returns that finish at once (saving a
// rating, reading progress), the way the Bubble Tea loop would. Ticks and cursor blinks
// are not run: the test moves the clock itself.
func (f *fixture) send(msg tea.Msg) tea.Cmd {
	f.t.Helper()
	next, cmd := f.m.Update(msg)
	f.m = next.(Model)
	return cmd
}

// run executes a command from send and feeds its messages back, as the runtime would,
// following the commands those return. Commands that wait (clock ticks, cursor blinks)
// are abandoned: the test moves the clock itself.
func (f *fixture) run(cmd tea.Cmd) {
	f.t.Helper()
	for _, msg := range settle(cmd) {
		switch msg.(type) {
		case recordedMsg, undoneMsg, progressMsg, claimsSavedMsg, phraseSavedMsg, roundSavedMsg, historyMsg:
			f.run(f.send(msg))
		}
	}
}

func settle(cmd tea.Cmd) []tea.Msg { return settleWithin(cmd, 50*time.Millisecond) }

func (f *fixture) key(k string) tea.Cmd {
	f.t.Helper()
	return f.send(keyMsg(k))
}

func keyMsg(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	case "ctrl+d":
		return tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}
	case "ctrl+c":
		return tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func (f *fixture) typeText(s string) {
	for _, r := range s {
		f.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (f *fixture) view() string { return plain(f.m.View().Content) }

// restart is the next start of the trainer on the same database two minutes later, on lib
// (nil: the same library), its window sized as before; progress is the caller's to read.
func (f *fixture) restart(lib *pack.Library) {
	f.t.Helper()
	cfg := f.m.cx.cfg
	if lib != nil {
		f.lib, cfg.Lib = lib, lib
	}
	w, h := f.m.cx.width, f.m.cx.height
	f.m = New(cfg)
	f.send(tea.WindowSizeMsg{Width: w, Height: h})
	f.clock.Advance(2 * time.Minute)
}

// againOnFirst starts the daily drill, answers its first question (demo/bagging) and rates
// it Again: due again in a minute.
func (f *fixture) againOnFirst() {
	f.t.Helper()
	f.key("enter")
	f.typeText("bootstrap averaging variance")
	f.key("ctrl+s")
	f.run(f.key("1"))
}

// plain downsamples styled output to the ASCII profile: no colour, only text attributes.
func plain(s string) string {
	var b bytes.Buffer
	w := &colorprofile.Writer{Forward: &b, Profile: colorprofile.Ascii}
	w.WriteString(s)
	return ansiRe.ReplaceAllString(b.String(), "")
}

var ansiRe = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

func (f *fixture) reviews() []store.Review {
	f.t.Helper()
	var out []store.Review
	if err := f.store.Reviews(func(r store.Review) error { out = append(out, r); return nil }); err != nil {
		f.t.Fatal(err)
	}
	return out
}

func isQuit(cmd tea.Cmd) bool {
	if cmd == nil {
		return false
	}
	_, ok := cmd().(tea.QuitMsg)
	return ok
}

func TestHomeShowsTodayAndStartsDailyDrill(t *testing.T) {
	f := newFixture(t, 80, 24)
	v := f.view()
	for _, want := range []string{"hotseat", "0 due · 3 new", "> Daily drill", "Topic set", "Quit", "enter choose", "q quit"} {
		if !strings.Contains(v, want) {
			t.Errorf("home lacks %q:\n%s", want, v)
		}
	}
	f.key("enter")
	if f.m.screen != screenQuestion {
		t.Fatalf("enter on Daily drill shows screen %d, want the question", f.m.screen)
	}
	if got := len(f.m.run.set.Items); got != 3 {
		t.Errorf("daily drill has %d questions, want the 3 new ones", got)
	}
	if v := f.view(); !strings.Contains(v, "What does bagging reduce") || !strings.Contains(v, "Daily drill · 1 of 3") {
		t.Errorf("question screen:\n%s", v)
	}
}

func TestTypedAnswerIsScoredAndRatingSavedBeforeNextQuestion(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.key("enter")
	f.typeText("Each model sees a bootstrap sample;")
	f.key("enter") // a new line, not a submit
	f.typeText("averaging them lowers variance.")
	f.clock.Advance(90 * time.Second)
	f.key("ctrl+s")
	if f.m.screen != screenReveal {
		t.Fatalf("ctrl+s shows screen %d, want the reveal", f.m.screen)
	}
	if got := f.m.rev.cov.Hits(); got != 3 {
		t.Errorf("covered %d key points, want 3", got)
	}
	if !strings.Contains(f.m.rev.ans.text, "\n") {
		t.Errorf("enter should insert a newline in the answer, got %q", f.m.rev.ans.text)
	}
	v := f.view()
	for _, want := range []string{"Model answer", "you covered 3 of 3", "Suggested: Good (3 of 3 key points, in time)", "3 Good ·", "1-4 rate"} {
		if !strings.Contains(v, want) {
			t.Errorf("reveal lacks %q:\n%s", want, v)
		}
	}
	cmd := f.key("3")
	if f.m.screen != screenReveal || !f.m.rev.saving {
		t.Fatalf("while the rating is being saved the reveal must stay on screen")
	}
	if n := len(f.reviews()); n != 0 {
		t.Fatalf("%d reviews before the save command ran", n)
	}
	f.run(cmd)
	revs := f.reviews()
	if len(revs) != 1 || revs[0].Rating != srs.Good || revs[0].Question != "bagging" || revs[0].Coverage != 1 {
		t.Fatalf("saved reviews = %+v", revs)
	}
	if revs[0].Seconds != 90 || revs[0].Limit != 120 || revs[0].Reason != "new" {
		t.Errorf("saved timing/reason = %v s of %v s, reason %q", revs[0].Seconds, revs[0].Limit, revs[0].Reason)
	}
	if f.m.screen != screenQuestion || f.m.run.index != 1 {
		t.Errorf("after saving, screen %d index %d; want the second question", f.m.screen, f.m.run.index)
	}
	if c, ok, _ := f.store.Card("demo", "bagging"); !ok || c.Reps != 1 {
		t.Errorf("card state not saved with the review: %+v", c)
	}
}

func TestChoiceQuestionIsGradedAutomatically(t *testing.T) {
	for _, tc := range []struct {
		pick string
		want srs.Rating
	}{{"1", srs.Again}, {"2", srs.Good}} {
		f := newFixture(t, 80, 24)
		f.key("enter")
		f.key("esc") // skip the open question
		if f.m.q.item.Q.ID != "sequential" {
			t.Fatalf("expected the choice question second, got %s", f.m.q.item.Q.ID)
		}
		if !strings.Contains(f.view(), "1-9 pick") {
			t.Errorf("choice help bar:\n%s", f.view())
		}
		f.key(tc.pick)
		f.key("enter")
		if f.m.rev.sugg.Rating != tc.want {
			t.Errorf("pick %s: suggested %s, want %s", tc.pick, f.m.rev.sugg.Rating, tc.want)
		}
		f.run(f.key("enter")) // accept the suggestion
		if revs := f.reviews(); len(revs) != 1 || revs[0].Rating != tc.want {
			t.Errorf("pick %s: saved %+v", tc.pick, revs)
		}
	}
}

func TestTimeRunningOutTakesTheAnswerAsOvertime(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.key("enter")
	f.typeText("bootstrap")
	f.clock.Advance(2*time.Minute + time.Second)
	f.send(tickMsg{gen: f.m.tickGen})
	if f.m.screen != screenReveal || !f.m.rev.ans.overtime {
		t.Fatalf("after the limit the answer should be taken as overtime; screen %d", f.m.screen)
	}
	if f.m.rev.ans.text != "bootstrap" {
		t.Errorf("answer taken as %q", f.m.rev.ans.text)
	}
	if f.m.rev.sugg.Rating > srs.Hard {
		t.Errorf("overtime suggestion %s, want at most Hard", f.m.rev.sugg.Rating)
	}
	if !strings.Contains(f.view(), "over") {
		t.Errorf("reveal should say the answer was over time:\n%s", f.view())
	}
}

func TestAnsweredAloudUsesTicksNotZeroCoverage(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.key("enter")
	f.key("ctrl+d") // the second submit key, with an empty box
	if !f.m.rev.ticking {
		t.Fatalf("an empty submit should open the key-point checklist")
	}
	if !strings.Contains(f.view(), "tick the ones you said") {
		t.Errorf("checklist not shown:\n%s", f.view())
	}
	f.key("3") // rating keys are ticks while the checklist is open
	f.key("up")
	f.key("space")
	if len(f.reviews()) != 0 {
		t.Fatal("ticking must not rate")
	}
	f.key("enter")
	if got := f.m.rev.cov.Covered; !got[1] || !got[2] || got[0] {
		t.Errorf("ticks = %v, want points 2 and 3", got)
	}
	if f.m.rev.sugg.Rating != srs.Hard || !strings.Contains(f.m.rev.sugg.Reason, "2 of 3") {
		t.Errorf("suggestion from ticks = %+v", f.m.rev.sugg)
	}
	f.run(f.key("2"))
	revs := f.reviews()
	if len(revs) != 1 || !revs[0].Aloud || revs[0].Answer != "" {
		t.Errorf("saved %+v, want one aloud review", revs)
	}
}

func TestQuitKeepsRatedAnswersAndAsksOnceForTypedText(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.key("enter")
	if !isQuit(f.key("ctrl+c")) {
		t.Error("ctrl+c with an empty answer box should quit at once")
	}
	f = newFixture(t, 80, 24)
	f.key("enter")
	f.typeText("q is a letter here")
	if f.m.screen != screenQuestion || !strings.Contains(f.m.q.input.Value(), "q is") {
		t.Fatal("q must type into the answer box, not quit")
	}
	if isQuit(f.key("ctrl+c")) || f.m.confirm != confirmQuit {
		t.Fatal("ctrl+c with typed text should ask before discarding it")
	}
	if !strings.Contains(f.view(), "Quit and discard it?") {
		t.Errorf("confirmation:\n%s", f.view())
	}
	f.key("n")
	if f.m.confirm != confirmNone || !strings.Contains(f.m.q.input.Value(), "q is") {
		t.Fatal("n should return to the answer, text intact")
	}
	f.key("ctrl+c")
	if !isQuit(f.key("y")) {
		t.Error("y should quit")
	}
}

func TestSetClockEndsTheSetAfterTheCurrentQuestion(t *testing.T) {
	f := newFixtureWith(t, 80, 24, demoPack, &drill.Options{SetTime: time.Minute})
	if f.m.screen != screenQuestion {
		t.Fatalf("a start option should open the first question at once")
	}
	f.typeText("bootstrap")
	f.clock.Advance(70 * time.Second)
	f.key("ctrl+s")
	f.run(f.key("3"))
	if f.m.screen != screenSummary {
		t.Fatalf("the set's time ran out; want the summary, got screen %d", f.m.screen)
	}
	v := f.view()
	for _, want := range []string{"Set done", "1 answered", "Good 1", "time ran out", "enter/q home"} {
		if !strings.Contains(v, want) {
			t.Errorf("summary lacks %q:\n%s", want, v)
		}
	}
	f.run(f.key("enter"))
	if f.m.screen != screenHome || !strings.Contains(f.view(), "1 answered today") {
		t.Errorf("enter should go home with fresh stats:\n%s", f.view())
	}
}

func TestTopicSetFromPicker(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.key("down")
	f.key("enter")
	if f.m.screen != screenTopics {
		t.Fatalf("Topic set entry shows screen %d", f.m.screen)
	}
	v := f.view()
	for _, want := range []string{"Everything", "Demo (demo)", "3 questions", "enter start set", "esc/q home"} {
		if !strings.Contains(v, want) {
			t.Errorf("topic picker lacks %q:\n%s", want, v)
		}
	}
	f.key("down")
	f.key("enter")
	if f.m.screen != screenQuestion || f.m.run.set.Name != "Topic set · demo" {
		t.Errorf("topic set did not start: screen %d", f.m.screen)
	}
}

// Every screen fits a 60x20 terminal: exactly 20 lines, none wider than 60 cells.
func TestScreensFitSmallTerminal(t *testing.T) {
	f := newFixture(t, 60, 20)
	check := func(name string) {
		t.Helper()
		lines := strings.Split(f.m.View().Content, "\n")
		if len(lines) != 20 {
			t.Errorf("%s: %d lines, want 20", name, len(lines))
		}
		for i, l := range lines {
			if w := lipgloss.Width(l); w > 60 {
				t.Errorf("%s: line %d is %d cells wide: %q", name, i+1, w, plain(l))
			}
		}
	}
	check("home")
	f.key("enter")
	check("question")
	f.typeText(strings.Repeat("a long answer that wraps ", 30))
	check("question with a long answer")
	f.key("ctrl+s")
	check("reveal")
	f.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	f.run(f.key("1"))
	check("choice question")
}

func TestGoldenScreens(t *testing.T) {
	f := newFixture(t, 80, 24)
	t.Run("home", func(t *testing.T) { golden.RequireEqual(t, f.view()) })
	f.key("enter")
	t.Run("question", func(t *testing.T) { golden.RequireEqual(t, f.view()) })
	f.typeText("Bootstrap samples, then averaging.")
	f.clock.Advance(40 * time.Second)
	f.key("ctrl+s")
	t.Run("reveal", func(t *testing.T) { golden.RequireEqual(t, f.view()) })
	f.run(f.key("enter"))
	t.Run("choice", func(t *testing.T) { golden.RequireEqual(t, f.view()) })
	f.key("2")
	f.key("enter")
	f.run(f.key("enter"))
	f.key("esc")
	t.Run("summary", func(t *testing.T) { golden.RequireEqual(t, f.view()) })
}

// A hostile pack cannot drive the terminal: the views carry no escape sequence but SGR.
func TestHostilePackTextIsInert(t *testing.T) {
	hostile := strings.NewReplacer(
		"What does bagging reduce, and how?", "Bagging\x1b]52;c;ZXZpbA==\x07 &#27;[2J reduce \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\?",
		"averages their predictions", "averages \x1b[2J\u009b31m their &#x1b;]52;c;aGk=&#7; predictions",
		"Their predictions are averaged", "Their \x1b[H predictions are averaged",
	).Replace(demoPack)
	f := newFixtureWith(t, 80, 24, hostile, nil)
	f.key("enter")
	views := []string{f.m.View().Content}
	f.key("ctrl+s")
	f.key("enter")
	views = append(views, f.m.View().Content)
	sgr := regexp.MustCompile(`\x1b\[[0-9;:]*m`)
	for i, v := range views {
		rest := sgr.ReplaceAllString(v, "")
		if strings.IndexByte(rest, 0x1b) >= 0 || strings.IndexByte(rest, 0x07) >= 0 || strings.ContainsRune(rest, 0x9b) {
			t.Errorf("view %d carries a non-SGR control: %q", i, rest)
		}
	}
}

// demoWithFollowUp is the demo pack with bagging's follow-up, noisy. (The plain demo pack
// has none: siblings are never planned for the same day, and its sets ask all three.)
var demoWithFollowUp = strings.Replace(demoPack, "- Averaging reduces variance (match: variance)\n",
	"- Averaging reduces variance (match: variance)\n\n### Follow-ups\n- #noisy\n", 1)

// A claimed question says so on the question and reveal screens, is timed shorter, is
// judged one step stricter, and a good answer makes the interviewer dig into its follow-up.
func TestClaimedQuestionsAreFlaggedStricterAndDugInto(t *testing.T) {
	claim := claims.Claim{Text: "I love the details of ML models"}
	f := newFixtureWith(t, 80, 24, demoWithFollowUp, nil, claim)
	if v := f.view(); !strings.Contains(v, `Claims  "I love the details of ML models"`) || !strings.Contains(v, "at risk  not enough answers yet: 0 of 5") {
		t.Errorf("home should show the claim and its audit:\n%s", v)
	}
	f.key("enter")
	it := f.m.run.item()
	if it.Q.ID != "bagging" || it.Claim != claim.Text || it.Limit != 90*time.Second {
		t.Fatalf("first item = %s claim %q limit %s; want bagging, claimed, 1:30", it.Q.ID, it.Claim, it.Limit)
	}
	banner := `⚑ You claimed: "I love the details of ML models". An interviewer will check this.`
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if v := f.view(); !strings.Contains(words(v), banner) {
		t.Errorf("question screen lacks the claim banner:\n%s", v)
	}
	f.typeText("bootstrap samples are averaged")
	f.clock.Advance(30 * time.Second)
	f.key("ctrl+s")
	if v := f.view(); !strings.Contains(words(v), banner) {
		t.Errorf("reveal lacks the claim banner:\n%s", v)
	}
	// 2 of 3 key points in time is Hard; claimed, it is one step stricter: Again.
	if s := f.m.rev.sugg; s.Rating != srs.Again || !strings.Contains(s.Reason, "claimed") {
		t.Errorf("claimed suggestion = %+v, want Again, stricter because claimed", s)
	}
	f.run(f.key("3")) // the candidate rates Good anyway
	if next := f.m.run.item(); next.Q.ID != "noisy" || next.Reason != drill.ReasonFollowUp {
		t.Errorf("after a good answer to a claimed question, next is %s (%s); want the follow-up noisy", next.Q.ID, next.Reason)
	}
}

func TestAboutYouAddsAndRemovesClaims(t *testing.T) {
	f := newFixture(t, 80, 24)
	for f.m.home.entries[f.m.home.cursor].act != menuAbout {
		f.key("down")
	}
	f.key("enter")
	if f.m.screen != screenAbout || !strings.Contains(f.view(), "No claims yet") {
		t.Fatalf("About you:\n%s", f.view())
	}
	f.key("a")
	f.typeText("I love the details of ML models")
	if f.m.screen != screenAbout {
		t.Fatal("typing q or other letters in the claim box must not leave the screen")
	}
	f.run(f.key("enter"))
	saved, _, err := claims.Load(f.store)
	if err != nil || len(saved) != 1 || saved[0].Text != "I love the details of ML models" {
		t.Fatalf("saved claims = %+v, %v", saved, err)
	}
	if v := f.view(); !strings.Contains(v, "#model-internals") {
		t.Errorf("the claim's mapping is not shown:\n%s", v)
	}
	f.key("e")
	for range len("model-internals") {
		f.key("backspace")
	}
	f.typeText("bogus-tag")
	f.run(f.key("enter"))
	if v := words(f.view()); !strings.Contains(v, "no question carries #bogus-tag: the tags are model-internals") {
		t.Errorf("an unknown tag should be refused with the list:\n%s", f.view())
	}
	for range len("bogus-tag") {
		f.key("backspace")
	}
	f.typeText("model-internal")
	f.run(f.key("enter"))
	if v := words(f.view()); !strings.Contains(v, "no question carries #model-internal (did you mean #model-internals?)") {
		t.Errorf("a near miss should get a did-you-mean:\n%s", f.view())
	}
	for range len("model-internal") {
		f.key("backspace")
	}
	f.run(f.key("enter")) // no tags: the claim's own mapping is dropped
	saved, _, _ = claims.Load(f.store)
	if len(saved) != 1 || len(saved[0].AddTags) != 0 || len(saved[0].DropTags) != 1 || saved[0].DropTags[0] != "model-internals" {
		t.Errorf("edited tags = %+v", saved)
	}
	f.key("d")
	f.run(f.key("y"))
	if saved, _, _ = claims.Load(f.store); len(saved) != 0 {
		t.Errorf("after removing, claims = %+v", saved)
	}
}

// "Tell me about yourself": a timed pitch, then its red flags quoted, and the claims it
// makes offered for confirmation; confirmed claims are saved and drilled.
func TestPitchRehearsalFlagsAndOffersClaims(t *testing.T) {
	f := newFixture(t, 90, 30)
	for f.m.home.entries[f.m.home.cursor].act != menuPitch {
		f.key("down")
	}
	f.key("enter")
	if f.m.screen != screenPitch || !strings.Contains(f.view(), "pitch 2:00") {
		t.Fatalf("pitch screen:\n%s", f.view())
	}
	f.typeText("I love the details of ML models. My last team was incompetent and had no clue what they were doing.")
	if f.m.screen != screenPitch {
		t.Fatal("q and other letters are typed into the pitch")
	}
	f.clock.Advance(50 * time.Second)
	f.key("ctrl+s")
	v := strings.Join(strings.Fields(f.view()), " ")
	for _, want := range []string{"Red flags", "Putting others down", `"My last team was incompetent and had no clue what they were doing."`, "Claims you made", "#model-internals"} {
		if !strings.Contains(v, want) {
			t.Errorf("pitch review lacks %q:\n%s", want, f.view())
		}
	}
	if !strings.Contains(v, "[ ] 1.") {
		t.Errorf("found claims should start unticked: the candidate chooses each:\n%s", f.view())
	}
	f.key("1") // tick the claim
	f.run(f.key("enter"))
	saved, _, _ := claims.Load(f.store)
	if len(saved) != 1 || !strings.Contains(saved[0].Text, "details of ML models") {
		t.Fatalf("confirmed claims saved = %+v", saved)
	}
	if f.m.screen != screenAbout || !strings.Contains(f.view(), "#model-internals") {
		t.Errorf("after adding, About you shows the claim and its tags:\n%s", f.view())
	}
}

// When the pitch's two minutes run out, it is reviewed as it stands.
func TestPitchTimeRunsOut(t *testing.T) {
	f := newFixture(t, 90, 30)
	for f.m.home.entries[f.m.home.cursor].act != menuPitch {
		f.key("down")
	}
	f.key("enter")
	f.typeText("I build ranking models.")
	f.clock.Advance(PitchLimit)
	f.send(tickMsg{gen: f.m.tickGen})
	if f.m.pitch.review == nil || !f.m.pitch.overtime || !strings.Contains(f.view(), "time ran out") {
		t.Errorf("after two minutes the pitch is reviewed as overtime:\n%s", f.view())
	}
}

// A question edited after the candidate rated it says so the next time it is asked, and
// keeps its history.
func TestEditedQuestionIsMarkedChanged(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.againOnFirst()
	f.restart(library(t, strings.Replace(demoPack, "without adding much bias.", "without adding much bias, as Breiman showed in 1996.", 1)))
	f.send(f.m.loadProgress()())
	f.run(f.key("enter")) // the set's seen marks are read by its command
	if it := f.m.run.item(); it.Q.ID != "bagging" || !it.Changed || it.Reason != drill.ReasonDue {
		t.Fatalf("first item %s changed=%v reason=%s; want the edited, due question marked changed", it.Q.ID, it.Changed, it.Reason)
	}
	if !strings.Contains(f.view(), "Changed since you last saw it") {
		t.Errorf("no changed marker:\n%s", f.view())
	}
}

// Rating an edited question again records its new fingerprint; taking that rating back
// puts the one it had when first rated back, so it is still marked changed next time.
func TestUndoPutsTheSeenFingerprintBack(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.againOnFirst()
	old := f.lib.Question("demo/bagging").Fingerprint()
	f.restart(library(t, strings.Replace(demoPack, "without adding much bias.", "without adding much bias, as Breiman showed in 1996.", 1)))
	f.send(f.m.loadProgress()())
	f.run(f.key("enter"))
	seen := func() string {
		t.Helper()
		got, err := f.store.SeenOf([]string{"demo/bagging"})
		if err != nil {
			t.Fatal(err)
		}
		return got["demo/bagging"]
	}
	f.typeText("bootstrap averaging variance")
	f.key("ctrl+s")
	f.run(f.key("3"))
	if now := f.lib.Question("demo/bagging").Fingerprint(); seen() != now || now == old {
		t.Fatalf("after the rating the store has %q, want the edited question's %q (not %q)", seen(), now, old)
	}
	f.run(f.key("ctrl+z"))
	if f.m.screen != screenReveal {
		t.Fatalf("ctrl+z did not take the rating back:\n%s", f.view())
	}
	if got := seen(); got != old {
		t.Errorf("after the undo the store has %q, want the earlier %q", got, old)
	}
}

// A leech is out of the daily drill, and home says so and what to do.
func TestHomeSaysLeechesAreSuspended(t *testing.T) {
	f := newFixture(t, 100, 30)
	card := srs.Card{State: srs.Review, Stability: 1, Difficulty: 9, Due: f.clock.Now().Add(-time.Hour), LastReview: f.clock.Now().AddDate(0, 0, -2), Reps: 9, Lapses: 7}
	if _, err := f.store.Record(store.Review{Time: f.clock.Now().AddDate(0, 0, -2), Pack: "demo", Question: "bagging", Rating: srs.Again, Coverage: -1}, card); err != nil {
		t.Fatal(err)
	}
	f.send(f.m.loadProgress()())
	if v := words(f.view()); !strings.Contains(v, "1 question is out of the daily drill as leeches (failed 6 times or more)") || !strings.Contains(v, "hotseat leech unsuspend") {
		t.Errorf("home does not say a leech is suspended:\n%s", f.view())
	}
	f.key("enter")
	for _, it := range f.m.run.set.Items {
		if it.Q.ID == "bagging" {
			t.Error("the daily drill asks the leech")
		}
	}
}

// About you reads a CV: its problems in a line each, and the claims it makes offered
// unticked; the ticked ones are saved, a claim already made is shown but not offered again,
// and a path that is wrong says so.
func TestAboutYouLoadsCV(t *testing.T) {
	f := newFixture(t, 90, 30)
	dir := t.TempDir()
	path := filepath.Join(dir, "cv.md")
	cvText := "# Jo Bloggs\n\nI love the details of ML models. Expert in bagging.\n\n- Built a TODO pipline for fraud scoring.\n"
	if err := os.WriteFile(path, []byte(cvText), 0o600); err != nil {
		t.Fatal(err)
	}
	for f.m.home.entries[f.m.home.cursor].act != menuAbout {
		f.key("down")
	}
	f.key("enter")
	f.key("l")
	f.typeText(filepath.Join(dir, "nope.md"))
	f.send(f.key("enter")())
	if v := words(f.view()); !strings.Contains(v, "no such file") || f.m.about.mode != aboutCVPath {
		t.Fatalf("a wrong path should be refused and the box kept:\n%s", f.view())
	}
	for range len("nope.md") {
		f.key("backspace")
	}
	f.typeText("cv.md")
	f.send(f.key("enter")())
	v := words(f.view())
	for _, want := range []string{"cv.md: 2 problems", `"pipline" is not in the dictionary (pipeline)`, `[ ] "I love the details of ML models."`, "#model-internals"} {
		if !strings.Contains(v, want) {
			t.Errorf("the CV offer lacks %q:\n%s", want, f.view())
		}
	}
	if strings.Contains(v, "[x]") {
		t.Errorf("claims found in a CV must start unticked:\n%s", f.view())
	}
	f.key("space")
	f.run(f.key("enter"))
	saved, _, _ := claims.Load(f.store)
	if len(saved) != 1 || saved[0].Text != "I love the details of ML models." {
		t.Fatalf("saved claims = %+v", saved)
	}
	// Loaded again, the path is offered and the claim made is not offered twice.
	f.key("l")
	if f.m.about.input.Value() != path {
		t.Errorf("the path box holds %q, want the last CV %q", f.m.about.input.Value(), path)
	}
	f.send(f.key("enter")())
	if v := words(f.view()); !strings.Contains(v, "[=]") || !strings.Contains(v, "already one of your claims") {
		t.Errorf("a claim already made should be marked:\n%s", f.view())
	}
	f.key("space") // on the claim already made: nothing to tick
	f.run(f.key("enter"))
	if saved, _, _ = claims.Load(f.store); len(saved) != 1 {
		t.Errorf("after the second load, claims = %+v", saved)
	}
}

// The start's memory is given back once, a moment after home is ready, and only while home
// is on screen: the forced collection must not stall a question (hotseat drill starts one
// at once); during one it waits for home.
func TestStartMemoryGivenBackOnlyOnHome(t *testing.T) {
	f := newFixture(t, 80, 24)
	if !f.m.released {
		t.Fatal("the first progress did not schedule giving the start's memory back")
	}
	if cmd := f.send(releaseMsg{}); cmd == nil {
		t.Error("on home, the release gives the memory back")
	}
	f.key("enter") // the daily drill's first question
	if f.m.screen != screenQuestion {
		t.Fatalf("enter on home shows screen %d, want a question", f.m.screen)
	}
	cmd := f.send(releaseMsg{})
	for _, msg := range settleWithin(cmd, 50*time.Millisecond) {
		t.Errorf("during a question, the release must wait for home; it gave %T at once", msg)
	}
	if cmd == nil {
		t.Error("during a question, the release must be asked again later")
	}
	// Later progress (after a rating, say) schedules nothing more.
	next, cmd := f.m.onProgress(f.m.loadProgress()().(progressMsg))
	f.m = next.(Model)
	for _, msg := range settleWithin(cmd, 300*time.Millisecond) {
		if _, ok := msg.(releaseMsg); ok {
			t.Error("a second progress scheduled the release again")
		}
	}
}

// Enter on the daily drill before progress is read is not lost: the drill starts as soon
// as it is read.
func TestDailyDrillPressedBeforeProgressStartsWhenRead(t *testing.T) {
	m, _, _ := unstartedModel(t)
	next, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	next, _ = next.(Model).Update(keyMsg("enter"))
	if got := next.(Model).screen; got != screenHome {
		t.Fatalf("before progress is read, enter shows screen %d; the drill cannot be planned yet", got)
	}
	next, _ = next.(Model).Update(m.loadProgress()())
	if got := next.(Model); got.screen != screenQuestion || got.run == nil || len(got.run.set.Items) != 3 {
		t.Errorf("once progress is read, the daily drill pressed before it should start; screen %d", got.screen)
	}
}
