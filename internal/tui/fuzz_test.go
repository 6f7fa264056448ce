package tui

import (
	"flag"
	"fmt"
	"go/token"
	"image/color"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// Random and fuzzed sessions over the embedded bank. Both decode bytes into events (keys,
// pastes, resizes, the clock moving on, the terminal's background) with ewDecode, and
// drive the root model the way the Bubble Tea runtime would (ewSession). The identifiers
// carry the ew prefix of everyway_test.go.

// ewWidthCheck turns off the check that no line is wider than the window, so that a fuzzer
// can look for panics and overflowing heights while text cut at the right edge waits for a
// fix: go test -fuzz=FuzzTrainerEvents ./internal/tui -args -widthcheck=false
var ewWidthCheck = flag.Bool("widthcheck", true, "fail random and fuzzed sessions on a line wider than the window")

// ewKeys are the keys a session presses: every key some screen binds, and letters, digits
// and punctuation typed into answers; the keys that move a session on appear twice.
// ewDecode reads a byte b below ewResizeByte as ewKeys[b%len(ewKeys)].
var ewKeys = []string{
	"enter", "esc", "space", "up", "down", "pgup", "pgdown", "tab", "backspace",
	"ctrl+s", "ctrl+d", "ctrl+x", "ctrl+c", "left", "right", "home", "end", "delete",
	"?", "q", "y", "n", "j", "k", "b", "f", "r", "e", "a", "d",
	"1", "2", "3", "4", "5", "6", "7", "8", "9", "0",
	"enter", "enter", "1", "3", "esc", "space", "down", "ctrl+s", "y", "q",
	"s", "t", "o", "x", "z", "A", "Z", ".", ",", "'", "-", "(", "é", "中", "🙂",
}

// Byte ranges of ewDecode; a resize, a clock step and a paste take one more byte each
// (the resize two).
const (
	ewKeyBytes    = 200 // 0..199: a key
	ewResizeByte  = 200 // 200..219: a resize
	ewClockByte   = 220 // 220..239: the clock moves on, and the tick arrives
	ewPasteByte   = 240 // 240..249: a paste
	ewBgByte      = 250 // 250..255: the terminal reports its background
	ewEventsLimit = 4096
)

// ewPastes are what a session pastes: line breaks of every kind, escape sequences and
// controls a terminal could pass through, wide and combining characters, a long text.
var ewPastes = []string{
	"bagging averages\r\nbootstrap samples\r\nvariance",
	"one\rtwo\rthree\r",
	"line\nline\n\n\nline",
	"\x1b[31mred\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07 \x07bell\x00nul\tTab",
	"中文 テキスト 한국어 e\u0301 🙂🙂 \u200b\u202e reversed",
	strings.Repeat("a long answer without a break ", 50),
	strings.Repeat("x", 300),
	"",
	"\r\n",
	"q",
}

// ewSteps are how far the clock moves on before a tick: a second, past a question's
// limit, past the set's, into the next day.
var ewSteps = []time.Duration{time.Second, 5 * time.Second, 30 * time.Second, 61 * time.Second,
	3 * time.Minute, 10 * time.Minute, time.Hour, 25 * time.Hour}

// ewSizesFuzz are window sizes a resize picks half the time; the other half are any size
// from 1x1 to 250x80.
var ewSizesFuzz = [][2]int{{40, 12}, {60, 20}, {80, 24}, {100, 30}, {120, 40}, {39, 11}, {41, 12},
	{20, 8}, {1, 1}, {250, 80}, {200, 12}, {40, 80}}

// ewEvent is one thing that happens to the trainer.
type ewEvent struct {
	key   string        // a key press
	paste string        // a bracketed paste
	w, h  int           // a resize, when w > 0
	step  time.Duration // the clock moves on, then the tick arrives
	bg    int           // the background the terminal reports: 1 dark, 2 light
}

func (e ewEvent) String() string {
	switch {
	case e.w > 0:
		return fmt.Sprintf("resize %dx%d", e.w, e.h)
	case e.step > 0:
		return fmt.Sprintf("clock +%s, tick", e.step)
	case e.bg == 1:
		return "dark background"
	case e.bg == 2:
		return "light background"
	case e.key != "":
		return "key " + e.key
	}
	return fmt.Sprintf("paste %.40q", e.paste)
}

// ewDecode turns bytes into events.
func ewDecode(data []byte) []ewEvent {
	var out []ewEvent
	next := func(i *int) int {
		*i++
		if *i < len(data) {
			return int(data[*i])
		}
		return 0
	}
	for i := 0; i < len(data) && len(out) < ewEventsLimit; i++ {
		b := int(data[i])
		switch {
		case b < ewResizeByte:
			out = append(out, ewEvent{key: ewKeys[b%len(ewKeys)]})
		case b < ewClockByte:
			x, y := next(&i), next(&i)
			if b%2 == 0 {
				s := ewSizesFuzz[x%len(ewSizesFuzz)]
				out = append(out, ewEvent{w: s[0], h: s[1]})
			} else {
				out = append(out, ewEvent{w: 1 + x*249/255, h: 1 + y*79/255})
			}
		case b < ewPasteByte:
			x := next(&i)
			if b%2 == 0 {
				out = append(out, ewEvent{step: ewSteps[x%len(ewSteps)]})
			} else {
				out = append(out, ewEvent{step: time.Duration(1+x) * time.Second})
			}
		case b < ewBgByte:
			out = append(out, ewEvent{paste: ewPastes[next(&i)%len(ewPastes)]})
		default:
			out = append(out, ewEvent{bg: 1 + b%2})
		}
	}
	return out
}

// ewRandomBytes draws n events' worth of bytes for ewDecode, weighted towards what moves
// a session forward (enter, digits, submit) so that it reaches deep screens.
func ewRandomBytes(rng *rand.Rand, n int) []byte {
	var out []byte
	for range n {
		switch x := rng.IntN(1000); {
		case x < 40:
			out = append(out, byte(ewResizeByte+rng.IntN(20)), byte(rng.IntN(256)), byte(rng.IntN(256)))
		case x < 80:
			out = append(out, byte(ewClockByte+rng.IntN(20)), byte(rng.IntN(256)))
		case x < 100:
			out = append(out, byte(ewPasteByte+rng.IntN(10)), byte(rng.IntN(256)))
		case x < 104:
			out = append(out, byte(ewBgByte+rng.IntN(6)))
		default:
			out = append(out, byte(rng.IntN(ewKeyBytes)))
		}
	}
	return out
}

// ewKeyMsg is the key press a terminal sends for name.
func ewKeyMsg(name string) tea.KeyPressMsg {
	named := map[string]tea.KeyPressMsg{
		"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "space": {Code: tea.KeySpace, Text: " "},
		"up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown}, "left": {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight},
		"pgup": {Code: tea.KeyPgUp}, "pgdown": {Code: tea.KeyPgDown}, "home": {Code: tea.KeyHome}, "end": {Code: tea.KeyEnd},
		"tab": {Code: tea.KeyTab}, "backspace": {Code: tea.KeyBackspace}, "delete": {Code: tea.KeyDelete},
		"ctrl+s": {Code: 's', Mod: tea.ModCtrl}, "ctrl+d": {Code: 'd', Mod: tea.ModCtrl},
		"ctrl+x": {Code: 'x', Mod: tea.ModCtrl}, "ctrl+c": {Code: 'c', Mod: tea.ModCtrl},
	}
	if k, ok := named[name]; ok {
		return k
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// ewCmdPanic is what a command that panicked returns to the session.
type ewCmdPanic struct {
	v     any
	stack string
}

// ewExec runs cmd as the runtime would and returns the messages of the commands that
// finish at once, expanding batches and sequences (in order). It must run in a synctest
// bubble: a command still running when every goroutine of the bubble is blocked waits
// on the clock (a tick, the cursor's blink) and is abandoned; the bubble's fake clock
// lets it end later without a real wait. Which commands finish is therefore decided by
// what they do, not by how fast the machine is, and a session replays exactly.
func ewExec(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() {
		defer func() {
			if v := recover(); v != nil {
				ch <- ewCmdPanic{v, string(debug.Stack())}
			}
		}()
		ch <- cmd()
	}()
	synctest.Wait()
	var msg tea.Msg
	select {
	case msg = <-ch:
	default:
		return nil
	}
	if msg == nil {
		return nil
	}
	// tea.Batch and tea.Sequence return a slice of commands for the runtime to run.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeFor[tea.Cmd]() {
		var out []tea.Msg
		for i := range v.Len() {
			c, _ := v.Index(i).Interface().(tea.Cmd)
			out = append(out, ewExec(c)...)
		}
		return out
	}
	// Requests to the terminal (its background colour, say) are the runtime's business.
	if t := reflect.TypeOf(msg); t.PkgPath() == reflect.TypeFor[tea.QuitMsg]().PkgPath() && !token.IsExported(t.Name()) {
		return nil
	}
	return []tea.Msg{msg}
}

// ewSession is a trainer over the bank driven by events, restarted when it quits.
type ewSession struct {
	t       *testing.T
	name    string // names the session in failures: the seed, or "fuzz"
	lib     *pack.Library
	st      *store.Store
	clk     *clock
	m       Model
	w, h    int
	starts  int // trainers started, which picks the next one's configuration
	events  []ewEvent
	i       int // the event being handled
	reports int
	screens map[string]bool // (what, screen) already reported
	dead    bool            // a trainer panicked as it started: the session is over
	seen    map[string]int  // events handled on each screen, for the log
}

const ewMaxReports = 6

// ewDrive runs a session over events in a synctest bubble.
func ewDrive(t *testing.T, name string, lib *pack.Library, events []ewEvent) {
	synctest.Test(t, func(t *testing.T) {
		clk := &clock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
		st, err := store.Open(filepath.Join(t.TempDir(), "hotseat.db"), store.Options{NoSync: true, Now: clk.Now})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		s := &ewSession{t: t, name: name, lib: lib, st: st, clk: clk, w: 80, h: 24, events: events, i: -1, screens: map[string]bool{},
			seen: map[string]int{}}
		s.start()
		for i, ev := range events {
			if s.dead {
				break
			}
			s.i = i
			s.handle(ev)
			if s.reports >= ewMaxReports {
				t.Errorf("%s: stopped after %d failures", name, s.reports)
				break
			}
			if i%256 == 255 {
				time.Sleep(time.Hour) // the commands abandoned so far end on the bubble's clock
			}
		}
		time.Sleep(time.Hour)
		if testing.Verbose() {
			n, _ := st.ReviewCount()
			t.Logf("%s: %d events, %d trainers, %d reviews saved; events by screen: %v", name, len(events), s.starts, n, s.seen)
		}
	})
}

// start starts a trainer, as the binary does, in one of a few configurations: a first
// start with its orientation, claims that drill some topics harder, a topic set or the
// daily drill started at once (hotseat drill), a light terminal.
func (s *ewSession) start() {
	p := srs.DefaultParams()
	claimed := p
	claimed.DesiredRetention = 0.95
	cfg := Config{Lib: s.lib, Store: s.st, Sched: srs.NewScheduler(p), ClaimSched: srs.NewScheduler(claimed),
		Now: s.clk.Now, NewPerDay: 10, Dark: true, Policy: claims.DefaultPolicy()}
	switch s.starts % 5 {
	case 0:
		cfg.FirstRun = true
	case 2:
		cfg.Claims = []claims.Claim{{Text: "I love the details of ML models", Added: s.clk.Now()},
			{Text: "I deploy models to production with canaries", Added: s.clk.Now()}}
		cfg.Start = &drill.Options{Pack: s.lib.Packs[s.starts%len(s.lib.Packs)].ID, Count: 5}
	case 3:
		cfg.Start = &drill.Options{}
		cfg.NewPerDay = 3
	case 4:
		cfg.Dark = false
		cfg.Claims = []claims.Claim{{Text: "I write tests for all my ML code", Added: s.clk.Now()}}
	}
	s.starts++
	defer func() {
		if v := recover(); v != nil {
			s.report("panic", "panic starting a trainer: %v\n%s", v, debug.Stack())
			s.dead = true
		}
	}()
	s.m = New(cfg)
	s.feed(tea.WindowSizeMsg{Width: s.w, Height: s.h})
	s.run(s.m.Init())
}

// handle feeds one event and checks the screen.
func (s *ewSession) handle(ev ewEvent) {
	s.seen[ewScreenName(s.m)]++
	s.guard(ev.String(), func() {
		switch {
		case ev.w > 0:
			s.w, s.h = ev.w, ev.h
			s.feed(tea.WindowSizeMsg{Width: ev.w, Height: ev.h})
		case ev.step > 0:
			s.clk.Advance(ev.step)
			s.feed(tickMsg{gen: s.m.tickGen})
		case ev.bg == 1:
			s.feed(tea.BackgroundColorMsg{Color: color.Black})
		case ev.bg == 2:
			s.feed(tea.BackgroundColorMsg{Color: color.White})
		case ev.key != "":
			s.feed(ewKeyMsg(ev.key))
		default:
			s.feed(tea.PasteMsg{Content: ev.paste})
		}
		s.check()
	})
}

// feed sends a message and runs what it returns.
func (s *ewSession) feed(msg tea.Msg) {
	next, cmd := s.m.Update(msg)
	s.m = next.(Model)
	s.run(cmd)
}

// run executes cmd and feeds back the messages of the commands that finish at once, and
// theirs in turn; a quit starts a new trainer on the same store, as running hotseat again
// would.
func (s *ewSession) run(cmd tea.Cmd) {
	queue := ewExec(cmd)
	for n := 0; len(queue) > 0; n++ {
		if n > 1000 {
			s.report("loop", "commands keep returning messages: %T", queue[0])
			return
		}
		msg := queue[0]
		queue = queue[1:]
		switch msg := msg.(type) {
		case ewCmdPanic:
			s.report("panic", "a command panicked: %v\n%s", msg.v, msg.stack)
		case tea.QuitMsg:
			s.start()
			return
		default:
			next, cmd := s.m.Update(msg)
			s.m = next.(Model)
			queue = append(queue, ewExec(cmd)...)
		}
	}
}

// check asserts that the screen fits the window: no more lines than its height (the
// terminal would cut the bottom off, help bar first), none wider than its width (the
// terminal cuts it at the right edge, and the text there is lost). Windows under 12
// lines are too small for some screens, and are not checked; nor is the width of windows
// under 40 columns.
func (s *ewSession) check() {
	v := s.m.View().Content
	if s.h < 12 {
		return
	}
	lines := strings.Split(v, "\n")
	if len(lines) > s.h {
		s.report("taller", "the screen has %d lines in a %dx%d window", len(lines), s.w, s.h)
	}
	for i, l := range lines {
		if !*ewWidthCheck || s.w < 40 {
			break
		}
		if len(l) <= s.w {
			continue // a cell takes a byte at least
		}
		if w := ansi.StringWidth(l); w > s.w {
			s.report("wider", "line %d is %d cells wide in a %dx%d window", i+1, w, s.w, s.h)
			break
		}
	}
}

// guard runs fn, reporting a panic (and starting a new trainer, since the old one's state
// is lost) instead of ending the session.
func (s *ewSession) guard(what string, fn func()) {
	defer func() {
		if v := recover(); v != nil {
			s.report("panic", "panic on %s: %v\n%s", what, v, debug.Stack())
			s.start()
		}
	}()
	fn()
}

// report fails the test once per kind of failure and screen, naming the session and the
// event, with the events before it and the screen.
func (s *ewSession) report(kind, format string, args ...any) {
	// A screen that does not fit is reported once per screen; every panic is reported,
	// and a session with many failures stops.
	key := fmt.Sprintf("%s on %s", kind, ewScreenName(s.m))
	if kind == "panic" || kind == "loop" {
		key = fmt.Sprintf("%s/%d", kind, s.i)
		s.reports++
	}
	if s.screens[key] {
		return
	}
	s.screens[key] = true
	var recent []string
	for j := max(s.i-12, 0); j < s.i && j < len(s.events); j++ {
		recent = append(recent, fmt.Sprintf("  %d: %s", j, s.events[j]))
	}
	screen := "(none)"
	func() {
		defer func() { recover() }()
		screen = plain(s.m.View().Content)
	}()
	s.t.Errorf("%s, event %d (%s), %s: %s\nthe events before it:\n%s\nthe screen (%dx%d):\n%s",
		s.name, s.i, s.event(), ewScreenName(s.m), fmt.Sprintf(format, args...), strings.Join(recent, "\n"), s.w, s.h, screen)
}

// ewScreenName names the screen on show, for failures.
func ewScreenName(m Model) string {
	names := map[screen]string{screenHome: "home", screenTopics: "topics", screenQuestion: "question",
		screenReveal: "reveal", screenSummary: "summary", screenAbout: "about", screenPitch: "pitch"}
	name := names[m.screen]
	switch {
	case m.confirm != confirmNone:
		name += " (confirming)"
	case m.welcome:
		name = "orientation"
	case m.screen == screenHome && m.showAll:
		name = "key list"
	}
	return name
}

func (s *ewSession) event() string {
	if s.i < 0 || s.i >= len(s.events) {
		return "start"
	}
	return s.events[s.i].String()
}

// ewSeeds are the sessions TestRandomEventsNeverPanic plays; a failure names its seed, and
// the same seed replays the same session.
var ewSeeds = []uint64{1, 2, 3, 4}

// TestRandomEventsNeverPanic plays random sessions over the embedded bank: keys, pastes,
// resizes from 1x1 to 250x80, the clock moving on, the background changing; a quit starts
// the trainer again. No event may panic, and the screen must fit the window. A failure
// names its seed and event; go test -run 'TestRandomEventsNeverPanic/seed=3$' replays
// that session exactly (-v logs where each session went).
func TestRandomEventsNeverPanic(t *testing.T) {
	lib := ewBank(t)
	n := 2000
	if testing.Short() {
		n = 300
	}
	for _, seed := range ewSeeds {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(seed, 0x686f74736561))
			ewDrive(t, fmt.Sprintf("seed %d", seed), lib, ewDecode(ewRandomBytes(rng, n)))
		})
	}
}

// ewScript writes events as ewDecode reads them: key names, sizes of ewSizesFuzz, steps of
// ewSteps, and ewPaste(i) for ewPastes[i].
func ewScript(items ...any) []byte {
	var out []byte
	for _, it := range items {
		switch v := it.(type) {
		case string:
			out = append(out, byte(slices.Index(ewKeys, v)))
		case [2]int:
			out = append(out, ewResizeByte, byte(slices.Index(ewSizesFuzz, v)), 0)
		case time.Duration:
			out = append(out, ewClockByte, byte(slices.Index(ewSteps, v)))
		case ewPaste:
			out = append(out, ewPasteByte, byte(v))
		}
	}
	return out
}

type ewPaste int

// FuzzTrainerEvents drives the trainer with events decoded from the fuzzer's bytes
// (ewDecode): go test -fuzz=FuzzTrainerEvents ./internal/tui searches for a sequence
// that panics or draws past the window.
func FuzzTrainerEvents(f *testing.F) {
	lib := ewBank(f)
	// The orientation, the daily drill: type, submit, tick, rate, and on.
	f.Add(ewScript("enter", "enter", "b", "a", "g", "space", "f", "ctrl+s", "1", "enter", "3",
		"ctrl+s", "1", "2", "enter", "4", "q", "y", "enter"))
	// A small window, a paste, time running out, leaving the set, the key list.
	f.Add(ewScript([2]int{40, 12}, "enter", "enter", ewPaste(0), 10*time.Minute, "enter", "2",
		"esc", "esc", "ctrl+x", "y", "enter", "?", "down", "pgdown", "?", "q"))
	// A topic set from the picker, choice keys, resizes on the reveal.
	f.Add(ewScript("enter", "down", "enter", "enter", "2", "space", "enter", [2]int{1, 1},
		[2]int{250, 80}, "pgdown", [2]int{39, 11}, "3", "ctrl+c"))
	// About you, and the pitch rehearsal.
	f.Add(ewScript("enter", "down", "down", "enter", "a", "I", "space", "l", "o", "v", "e", "enter",
		"esc", "down", "enter", "ctrl+s", "q", "q"))
	f.Add(ewRandomBytes(rand.New(rand.NewPCG(1, 2)), 300))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Short sessions keep the fuzzer at dozens of runs a second: a long answer
		// makes every key cost milliseconds.
		events := ewDecode(data)
		if len(events) > 400 {
			events = events[:400]
		}
		ewDrive(t, "fuzz", lib, events)
	})
}
