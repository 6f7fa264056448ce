// Package e2e drives the real hotseat binary in a pseudo-terminal, as a person would: it
// types, presses keys, resizes the window and reads the screen through a terminal emulator.
// It needs nothing outside the repository; the tests run in every `go test ./...` and are
// skipped only with -short.
package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
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

// binaries are built once for the package: the release build and one with -tags crashtest.
var (
	binDir   string
	bin      string
	crashBin string
)

func TestMain(m *testing.M) {
	code := func() int {
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
		binDir = dir
		bin, crashBin = filepath.Join(dir, "hotseat"), filepath.Join(dir, "hotseat-crashtest")
		for _, b := range []struct{ out, tags string }{{bin, ""}, {crashBin, "crashtest"}} {
			cmd := exec.Command("go", "build", "-tags", b.tags, "-o", b.out, "../../cmd/hotseat")
			if out, err := cmd.CombinedOutput(); err != nil {
				fmt.Fprintf(os.Stderr, "go build %s: %v\n%s", b.tags, err, out)
				return 1
			}
		}
		return m.Run()
	}()
	os.Exit(code)
}

// needBinary skips under -short, where the binary is not built.
func needBinary(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end: skipped with -short")
	}
}

// user is a person's home: a fresh HOME, XDG folders and database per test.
type user struct {
	t    *testing.T
	home string
	db   string
}

func newUser(t *testing.T) *user {
	needBinary(t)
	home := t.TempDir()
	return &user{t: t, home: home, db: filepath.Join(home, "data", "hotseat", "hotseat.db")}
}

// env is the environment hotseat runs in: the user's folders, a 256-colour terminal, and
// whatever extra the test sets (HOTSEAT_NOW, NO_COLOR...).
func (u *user) env(extra ...string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + u.home,
		"XDG_DATA_HOME=" + filepath.Join(u.home, "data"),
		"XDG_STATE_HOME=" + filepath.Join(u.home, "state"),
		"XDG_CONFIG_HOME=" + filepath.Join(u.home, "config"),
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
	}
	return append(env, extra...)
}

// run runs a plain command (no terminal) and returns its exit code and output.
func (u *user) run(extra []string, args ...string) (int, string, string) {
	u.t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = u.env(extra...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
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
	ByPack       map[string]struct {
		Questions int `json:"questions"`
		Seen      int `json:"seen"`
		Reviews   int `json:"reviews"`
	} `json:"by_pack"`
}

func (u *user) stats(extra ...string) stats {
	u.t.Helper()
	code, out, errOut := u.run(extra, "stats", "--json")
	var s stats
	if code != 0 || json.Unmarshal([]byte(out), &s) != nil {
		u.t.Fatalf("hotseat stats --json: exit %d\n%s%s", code, out, errOut)
	}
	return s
}

// term is hotseat running in a pseudo-terminal, its output fed to a terminal emulator.
type term struct {
	t    *testing.T
	cmd  *exec.Cmd
	ptmx *os.File

	mu   sync.Mutex
	emu  *vt.Emulator
	raw  bytes.Buffer // everything the program wrote, for failure reports
	done chan struct{}
	code int
}

// start runs hotseat (or another build) at cols x rows.
func (u *user) start(cols, rows int, extra []string, args ...string) *term {
	return u.startBin(bin, cols, rows, extra, args...)
}

func (u *user) startBin(binary string, cols, rows int, extra []string, args ...string) *term {
	u.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = u.env(extra...)
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)})
	if err != nil {
		u.t.Fatalf("start hotseat in a pty: %v", err)
	}
	tm := &term{t: u.t, cmd: cmd, ptmx: ptmx, emu: vt.NewEmulator(cols, rows), done: make(chan struct{})}
	// The program's output goes to the emulator...
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := ptmx.Read(buf)
			if n > 0 {
				tm.mu.Lock()
				tm.emu.Write(buf[:n])
				tm.raw.Write(buf[:n])
				tm.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	// ...and the emulator's answers (to colour and cursor queries) go back to the program.
	go io.Copy(ptmx, tm.emu)
	go func() {
		cmd.Wait()
		tm.code = cmd.ProcessState.ExitCode()
		close(tm.done)
	}()
	u.t.Cleanup(func() {
		if tm.alive() {
			cmd.Process.Kill()
			<-tm.done
		}
		ptmx.Close()
		tm.emu.Close()
	})
	return tm
}

// screen is the text on screen now, one line per row, trailing spaces trimmed.
func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	var b strings.Builder
	for y := range tm.emu.Height() {
		var line strings.Builder
		for x := 0; x < tm.emu.Width(); x++ {
			c := tm.emu.CellAt(x, y)
			if c == nil || c.Width == 0 {
				continue
			}
			if c.Content == "" {
				line.WriteByte(' ')
				continue
			}
			line.WriteString(c.Content)
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	return b.String()
}

// waitFor waits until the screen matches re and returns it; it fails the test with the
// screen when it does not within the timeout, or when the program exits first.
func (tm *term) waitFor(re string, timeout ...time.Duration) string {
	tm.t.Helper()
	d := 10 * time.Second
	if len(timeout) > 0 {
		d = timeout[0]
	}
	rx := regexp.MustCompile(re)
	deadline := time.Now().Add(d)
	for {
		scr := tm.screen()
		if rx.MatchString(scr) {
			return scr
		}
		if !tm.alive() {
			tm.t.Fatalf("hotseat exited (code %d) before the screen showed /%s/:\n%s", tm.code, re, scr)
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the screen never showed /%s/ in %s; it shows:\n%s", re, d, scr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// keys the tests press, as a terminal sends them.
var keyBytes = map[string]string{
	"enter": "\r", "esc": "\x1b", "space": " ", "tab": "\t", "backspace": "\x7f",
	"up": "\x1b[A", "down": "\x1b[B", "pgdown": "\x1b[6~", "pgup": "\x1b[5~",
	"ctrl+c": "\x03", "ctrl+d": "\x04", "ctrl+s": "\x13", "ctrl+x": "\x18", "f12": "\x1b[24~",
}

// press sends keys by name; anything else is typed as it is.
func (tm *term) press(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		s, ok := keyBytes[k]
		if !ok {
			s = k
		}
		if _, err := tm.ptmx.Write([]byte(s)); err != nil {
			tm.t.Fatalf("press %q: %v", k, err)
		}
		if k == "esc" {
			// A lone ESC is told apart from the start of a sequence by a pause.
			time.Sleep(60 * time.Millisecond)
		}
	}
}

// typeText types text as keystrokes.
func (tm *term) typeText(s string) { tm.t.Helper(); tm.press(s) }

// paste sends text as a bracketed paste, as terminals do for a paste.
func (tm *term) paste(s string) {
	tm.t.Helper()
	tm.press("\x1b[200~" + s + "\x1b[201~")
}

// resize changes the window size; the program gets SIGWINCH.
func (tm *term) resize(cols, rows int) {
	tm.t.Helper()
	tm.mu.Lock()
	tm.emu.Resize(cols, rows)
	tm.mu.Unlock()
	if err := pty.Setsize(tm.ptmx, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)}); err != nil {
		tm.t.Fatal(err)
	}
}

func (tm *term) alive() bool {
	select {
	case <-tm.done:
		return false
	default:
		return true
	}
}

// waitExit waits for the program to end and returns its exit code.
func (tm *term) waitExit() int {
	tm.t.Helper()
	select {
	case <-tm.done:
		return tm.code
	case <-time.After(10 * time.Second):
		tm.t.Fatalf("hotseat did not exit; the screen shows:\n%s", tm.screen())
		return -1
	}
}

// output is everything the program wrote, escape sequences stripped of nothing.
func (tm *term) output() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.raw.String()
}

// pastOrientation dismisses the orientation a fresh database opens with, if it shows,
// and waits for what follows it.
func (tm *term) pastOrientation(next string) string {
	tm.t.Helper()
	scr := tm.waitFor(`Welcome to the hot seat|` + next)
	if strings.Contains(scr, "Welcome to the hot seat") {
		tm.press("enter")
		scr = tm.waitFor(next)
	}
	return scr
}

// questionScreen matches a question waiting for an answer, of either kind.
const questionScreen = `ctrl\+s/ctrl\+d submit|1-9 (pick|toggle)`

// counter reads "· i of n" in a set's header.
var counter = regexp.MustCompile(`· (\d+) of (\d+)`)

// answerAndRate answers the question on screen (types into an open question, picks
// option 1 of a choice question) and rates it with rating, then waits for what follows:
// the next question or the summary. It returns the screen it answered on.
func (tm *term) answerAndRate(text, rating string) string {
	tm.t.Helper()
	scr := tm.waitFor(questionScreen)
	m := counter.FindStringSubmatch(scr)
	if strings.Contains(scr, "ctrl+s/ctrl+d submit") {
		tm.typeText(text)
		tm.waitFor(regexp.QuoteMeta(text[:min(len(text), 15)]))
		tm.press("ctrl+s")
	} else {
		tm.press("1", "enter")
	}
	tm.waitFor(`Suggested:|Rate yourself`)
	tm.press(rating)
	if m != nil && m[1] != m[2] {
		tm.waitFor(`· ` + itoa(atoi(m[1])+1) + ` of`)
	} else {
		tm.waitFor(`Set done`)
	}
	return scr
}

func itoa(n int) string { return fmt.Sprint(n) }
func atoi(s string) int {
	var n int
	fmt.Sscan(s, &n)
	return n
}
