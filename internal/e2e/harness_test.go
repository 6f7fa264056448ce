// Package e2e drives the real hotseat binary in a pseudo-terminal, as a person would: it
// types, presses keys, resizes the window and reads the screen through a terminal emulator
// (github.com/creack/pty for the terminal, github.com/charmbracelet/x/vt for the screen).
// It needs nothing outside the repository: TestMain builds the binary with `go build`, and
// the tests run in every `go test ./...`. They are skipped only with -short; anything
// missing makes them fail.
package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// The binaries are built once for the package, without -race even when the tests run
// with it: the release build and one with -tags crashtest (F12 panics inside Update).
var (
	bin      string
	crashBin string
)

func TestMain(m *testing.M) {
	os.Exit(func() int {
		flag.Parse()
		if testing.Short() {
			return m.Run() // every test skips itself
		}
		dir, err := os.MkdirTemp("", "hotseat-e2e-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		bin, crashBin = filepath.Join(dir, "hotseat"), filepath.Join(dir, "hotseat-crashtest")
		builds := []struct{ out, tags string }{{bin, ""}, {crashBin, "crashtest"}}
		errs := make([]error, len(builds))
		var wg sync.WaitGroup
		for i, b := range builds {
			wg.Go(func() {
				cmd := exec.Command("go", "build", "-tags", b.tags, "-o", b.out, "../../cmd/hotseat")
				if out, err := cmd.CombinedOutput(); err != nil {
					errs[i] = fmt.Errorf("go build -tags %q: %v\n%s", b.tags, err, out)
				}
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		return m.Run()
	}())
}

// user is a person's machine: a fresh HOME, XDG folders and database per test.
type user struct {
	t    testing.TB
	home string
	db   string
}

// newUser skips under -short (where the binary is not built) and makes a fresh home.
func newUser(t testing.TB) *user {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end: skipped with -short")
	}
	home := t.TempDir()
	return &user{t: t, home: home, db: filepath.Join(home, "data", "hotseat", "hotseat.db")}
}

// env is the whole environment hotseat runs in (nothing is inherited but PATH): the
// user's folders and database, a 256-colour terminal, UTC, and whatever extra the test
// sets (HOTSEAT_NOW, TERM=dumb...), which overrides.
func (u *user) env(extra ...string) []string {
	return append([]string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + u.home,
		"XDG_DATA_HOME=" + filepath.Join(u.home, "data"),
		"XDG_STATE_HOME=" + filepath.Join(u.home, "state"),
		"XDG_CONFIG_HOME=" + filepath.Join(u.home, "config"),
		"XDG_CACHE_HOME=" + filepath.Join(u.home, "cache"),
		"HOTSEAT_DB=" + u.db,
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
		"TZ=UTC",
	}, extra...)
}

// run runs a command without a terminal and returns its exit code and output.
func (u *user) run(extra []string, args ...string) (code int, stdout, stderr string) {
	u.t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = u.env(extra...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee := (*exec.ExitError)(nil); err != nil && !errors.As(err, &ee) {
		u.t.Fatalf("hotseat %s: %v", strings.Join(args, " "), err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errb.String()
}

// stats is what `hotseat stats --json` says.
type stats struct {
	ReviewsTotal int `json:"reviews_total"`
	ReviewsToday int `json:"reviews_today"`
	DueNow       int `json:"due_now"`
	NewAvailable int `json:"new_available"`
	NewToday     int `json:"new_today"`
	StreakDays   int `json:"streak_days"`
	ByPack       map[string]struct {
		Questions int `json:"questions"`
		Seen      int `json:"seen"`
		Due       int `json:"due"`
		Reviews   int `json:"reviews"`
	} `json:"by_pack"`
}

// stats runs `hotseat stats --json --db DB`.
func (u *user) stats(extra ...string) stats {
	u.t.Helper()
	code, out, errOut := u.run(extra, "stats", "--json", "--db", u.db)
	var s stats
	if err := json.Unmarshal([]byte(out), &s); code != 0 || err != nil {
		u.t.Fatalf("hotseat stats --json: exit %d, %v\n%s%s", code, err, out, errOut)
	}
	return s
}

// term is hotseat running in a pseudo-terminal, its output fed to a terminal emulator.
type term struct {
	t    testing.TB
	cmd  *exec.Cmd
	ptmx *os.File

	mu      sync.Mutex // guards emu, raw and changed
	emu     *vt.Emulator
	raw     bytes.Buffer  // everything the program wrote
	changed chan struct{} // closed (and replaced) whenever output arrives

	exited chan struct{} // closed once the process ended and its output is read
	code   int           // exit code, set before exited is closed
	stop   chan struct{} // tells the reply forwarder to end
	fwd    chan struct{} // closed when the reply forwarder ended
}

// start runs hotseat with args in a cols x rows terminal; extra adds to its environment.
func (u *user) start(cols, rows int, extra []string, args ...string) *term {
	u.t.Helper()
	return u.startBin(bin, cols, rows, extra, args...)
}

// startBin is start with another build of hotseat.
func (u *user) startBin(binary string, cols, rows int, extra []string, args ...string) *term {
	t := u.t
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = u.env(extra...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		t.Fatalf("start hotseat in a pseudo-terminal: %v", err)
	}
	tm := &term{
		t: t, cmd: cmd, ptmx: ptmx, emu: vt.NewEmulator(cols, rows),
		changed: make(chan struct{}), exited: make(chan struct{}),
		stop: make(chan struct{}), fwd: make(chan struct{}),
	}
	// The program's output feeds the emulator.
	drained := make(chan struct{})
	go func() {
		defer close(drained)
		buf := make([]byte, 32<<10)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				tm.mu.Lock()
				tm.emu.Write(buf[:n])
				tm.raw.Write(buf[:n])
				close(tm.changed)
				tm.changed = make(chan struct{})
				tm.mu.Unlock()
			}
			if err != nil { // EIO once the program has exited and all it wrote is read
				return
			}
		}
	}()
	// The emulator's replies (to the program's queries of the background colour, the
	// cursor, the terminal's features) go back to the program as a terminal's would.
	go func() {
		defer close(tm.fwd)
		buf := make([]byte, 4<<10)
		for {
			n, err := tm.emu.Read(buf)
			select {
			case <-tm.stop:
				return
			default:
			}
			if err != nil {
				return
			}
			ptmx.Write(buf[:n]) // the program may be gone: nothing to tell it then
		}
	}()
	go func() {
		cmd.Wait()
		tm.code = cmd.ProcessState.ExitCode()
		// The exit is observed once the output is read too, or after a grace period if a
		// child process still holds the terminal.
		select {
		case <-drained:
		case <-time.After(3 * time.Second):
		}
		close(tm.exited)
	}()
	t.Cleanup(func() {
		if tm.alive() {
			cmd.Process.Kill()
		}
		<-tm.exited
		// Wake the forwarder with a byte it drops, then close the emulator: after the
		// forwarder ended, so that nothing reads the emulator while it closes.
		close(tm.stop)
		tm.emu.InputPipe().Write([]byte{0})
		<-tm.fwd
		ptmx.Close()
		tm.mu.Lock()
		tm.emu.Close()
		tm.mu.Unlock()
	})
	return tm
}

// screen is the text on screen, one line per row, trailing spaces trimmed.
func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.screenLocked()
}

func (tm *term) screenLocked() string {
	var b strings.Builder
	w, h := tm.emu.Width(), tm.emu.Height()
	line := make([]byte, 0, 4*w)
	for y := range h {
		line = line[:0]
		for x := range w {
			c := tm.emu.CellAt(x, y)
			switch {
			case c == nil || c.Content == "":
				line = append(line, ' ')
			case c.Width == 0: // the second half of a wide character
			default:
				line = append(line, c.Content...)
			}
		}
		b.Write(bytes.TrimRight(line, " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// waitFor waits until the screen matches the regular expression re and returns the
// screen; it fails the test, showing the screen, when that does not happen within the
// timeout (10s unless given) or the program exits first.
func (tm *term) waitFor(re string, timeout ...time.Duration) string {
	tm.t.Helper()
	rx := regexp.MustCompile(re)
	return tm.waitUntil("/"+re+"/", rx.MatchString, timeout...)
}

// waitUntil waits until ok(screen) holds, as waitFor. It wakes on new output: no polling,
// no fixed sleeps.
func (tm *term) waitUntil(what string, ok func(screen string) bool, timeout ...time.Duration) string {
	tm.t.Helper()
	d := 10 * time.Second
	if len(timeout) > 0 {
		d = timeout[0]
	}
	deadline := time.NewTimer(d)
	defer deadline.Stop()
	for {
		tm.mu.Lock()
		scr, changed := tm.screenLocked(), tm.changed
		tm.mu.Unlock()
		if ok(scr) {
			return scr
		}
		select {
		case <-changed:
		case <-tm.exited:
			if scr := tm.screen(); ok(scr) {
				return scr
			}
			tm.t.Fatalf("hotseat exited (code %d) before the screen showed %s; the screen:\n%s", tm.code, what, tm.screen())
		case <-deadline.C:
			tm.t.Fatalf("the screen did not show %s within %s; it shows:\n%s", what, d, tm.screen())
		}
	}
}

// keyBytes are the keys the tests press, as an xterm sends them; anything else is sent as
// it is (digits, letters, text).
var keyBytes = map[string]string{
	"enter": "\r", "esc": "\x1b", "space": " ", "tab": "\t", "backspace": "\x7f",
	"up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D",
	"pgup": "\x1b[5~", "pgdown": "\x1b[6~",
	"ctrl+c": "\x03", "ctrl+d": "\x04", "ctrl+u": "\x15", "ctrl+s": "\x13", "ctrl+x": "\x18", "ctrl+z": "\x1a",
	"f12": "\x1b[24~",
}

// keys presses keys by name ("enter", "ctrl+s", "3", "y"...).
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	for i, k := range keys {
		s, ok := keyBytes[k]
		if !ok {
			s = k
		}
		if _, err := tm.ptmx.Write([]byte(s)); err != nil {
			tm.t.Fatalf("press %q: %v", k, err)
		}
		if k == "esc" && i < len(keys)-1 {
			// A terminal tells a lone ESC from the start of a sequence only by the pause
			// after it: no text to wait for here.
			time.Sleep(100 * time.Millisecond)
		}
	}
}

// typeText types text as keystrokes (not as a paste).
func (tm *term) typeText(text string) {
	tm.t.Helper()
	if _, err := tm.ptmx.Write([]byte(text)); err != nil {
		tm.t.Fatalf("type %q: %v", text, err)
	}
}

// paste sends text as a bracketed paste, as terminals do for a paste.
func (tm *term) paste(text string) {
	tm.t.Helper()
	tm.typeText("\x1b[200~" + text + "\x1b[201~")
}

// resize changes the window size: the emulator first, then the terminal, whose SIGWINCH
// makes the program draw again at the new size.
func (tm *term) resize(cols, rows int) {
	tm.t.Helper()
	tm.mu.Lock()
	tm.emu.Resize(cols, rows)
	tm.mu.Unlock()
	if err := pty.Setsize(tm.ptmx, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)}); err != nil {
		tm.t.Fatalf("resize to %dx%d: %v", cols, rows, err)
	}
}

func (tm *term) alive() bool {
	select {
	case <-tm.exited:
		return false
	default:
		return true
	}
}

// waitExit waits for the program to end and returns its exit code.
func (tm *term) waitExit() int {
	tm.t.Helper()
	select {
	case <-tm.exited:
		return tm.code
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("hotseat did not exit within 10s; the screen shows:\n%s", tm.screen())
		return -1
	}
}

// output is everything the program wrote, escape sequences included.
func (tm *term) output() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.raw.String()
}

// Screens, by texts that other changes to the trainer are unlikely to touch.
const (
	// orientation is the first start's one-screen orientation.
	orientation = `(?i)welcome to the hot seat`
	// homeLoaded is the home screen once it has read the progress ("3 due · 10 new").
	homeLoaded = `\d+ due · \d+ new`
	// questionScreen is a question waiting for an answer: the help bar of an open
	// question ("ctrl+s/ctrl+d submit", "ctrl+s submit") or of a choice question ("1-9
	// pick", "1-9 toggle" when several options are right).
	questionScreen = `ctrl\+s(/ctrl\+d)? submit|1-9 (pick|toggle)`
	openQuestion   = `ctrl\+s(/ctrl\+d)? submit`
	// revealScreen is the model answer with the rating to give.
	revealScreen = `Suggested:|Rate yourself`
	// tickScreen is the key-point checklist after an answer given aloud.
	tickScreen = `(?i)tick the ones you said`
	// summaryScreen ends a set.
	summaryScreen = `Set done`
)

// counter reads "<set> · i of n" in a set's header.
var counter = regexp.MustCompile(`· (\d+) of (\d+)`)

// pastOrientation dismisses the orientation if it shows (with the key it names, enter),
// then waits for next and returns the screen.
func (tm *term) pastOrientation(next string) string {
	tm.t.Helper()
	scr := tm.waitFor(orientation + `|` + next)
	if regexp.MustCompile(orientation).MatchString(scr) && !regexp.MustCompile(next).MatchString(scr) {
		tm.keys("enter")
		scr = tm.waitFor(next)
	}
	return scr
}

// home waits for the home screen with its progress read, past the orientation.
func (tm *term) home() string {
	tm.t.Helper()
	return tm.pastOrientation(homeLoaded)
}

// position returns i and n of the "i of n" in the header of the screen.
func (tm *term) position(scr string) (i, n int) {
	tm.t.Helper()
	m := counter.FindStringSubmatch(scr)
	if m == nil {
		tm.t.Fatalf("no \"i of n\" in the header:\n%s", scr)
	}
	return atoi(m[1]), atoi(m[2])
}

// answerAndRate answers the question on screen (see answer), rates the answer with
// rating on the reveal screen, and waits for what follows: the next question of the set or
// its summary. It returns the question screen it answered.
func (tm *term) answerAndRate(text, rating string) string {
	tm.t.Helper()
	scr, i, n := tm.answer(text)
	tm.keys(rating)
	tm.rated(i, n)
	return scr
}

// answer waits for a question, answers it (types text into an open question and submits
// it with ctrl+s, or picks option 1 of a choice question and submits it with enter) and
// waits for the reveal. It returns the question screen and its "i of n".
func (tm *term) answer(text string) (scr string, i, n int) {
	tm.t.Helper()
	scr = tm.waitFor(questionScreen)
	i, n = tm.position(scr)
	if regexp.MustCompile(openQuestion).MatchString(scr) {
		tm.typeText(text)
		tm.waitFor(regexp.QuoteMeta(text[:min(len(text), 20)]))
		tm.keys("ctrl+s")
	} else {
		tm.keys("1")
		tm.waitFor(`\(•\) 1\.|\[x\] 1\.`) // the pick shows before it is submitted
		tm.keys("enter")
	}
	tm.waitFor(revealScreen)
	return scr, i, n
}

// rated waits for what follows the rating of question i of n: the next question, or the
// set's summary after the last.
func (tm *term) rated(i, n int) {
	tm.t.Helper()
	if i < n {
		tm.waitFor(`· ` + itoa(i+1) + ` of ` + itoa(n))
	} else {
		tm.waitFor(summaryScreen)
	}
}

// squeeze drops all white space, to compare text that the terminal wrapped.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

func itoa(n int) string { return fmt.Sprint(n) }

func atoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}
