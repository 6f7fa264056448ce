package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// The trainer refuses, in one line and with exit 2, a terminal it cannot draw on: output
// or input that is not a terminal, or TERM=dumb. Nothing reaches the terminal and no
// database is created. A wrong pack is still named first.
func TestTrainerRefusesTerminalsItCannotDrawOn(t *testing.T) {
	for _, c := range []struct {
		name string
		term string
		tty  bool // stdin and stdout are a pseudo-terminal
		args []string
		want string
		noDB bool
	}{
		{name: "a pipe", term: "xterm-256color", want: errNotTerminal.Error(), noDB: true},
		{name: "a pipe, drill", term: "xterm-256color", args: []string{"drill", "--pack", "ensembles"}, want: errNotTerminal.Error(), noDB: true},
		{name: "TERM=dumb", term: "dumb", tty: true, want: errDumbTerm.Error(), noDB: true},
		{name: "TERM=dumb, drill", term: "dumb", tty: true, args: []string{"drill"}, want: errDumbTerm.Error(), noDB: true},
		{name: "TERM=dumb, a wrong pack", term: "dumb", tty: true, args: []string{"drill", "--pack", "nosuch"}, want: "hotseat: no pack nosuch; packs: " + embeddedPacks, noDB: true},
		{name: "a terminal, a wrong pack", term: "xterm-256color", tty: true, args: []string{"drill", "--pack", "nosuch"}, want: "hotseat: no pack nosuch; packs: " + embeddedPacks},
		{name: "a terminal, a wrong tag", term: "xterm-256color", tty: true, args: []string{"drill", "--tag", "baging"}, want: "hotseat: no tag baging (did you mean bagging?); tags: "},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newPackEnv(t)
			t.Setenv("TERM", c.term)
			var stdin io.Reader = strings.NewReader("")
			var stdout io.Writer = new(bytes.Buffer)
			var screen *os.File
			if c.tty {
				ptm, tty, err := pty.Open()
				if err != nil {
					t.Fatalf("open a pseudo-terminal: %v", err)
				}
				defer ptm.Close()
				defer tty.Close()
				stdin, stdout, screen = tty, tty, ptm
			}
			var errb bytes.Buffer
			// Should the trainer start after all, the deadline ends it and the test fails.
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			code := run(ctx, "test", c.args, stdin, stdout, &errb)
			if code != exitUsage || !strings.HasPrefix(errb.String(), c.want) || strings.Count(errb.String(), "\n") != 1 {
				t.Errorf("exit %d, stderr %q; want exit 2 and one line starting %q", code, errb.String(), c.want)
			}
			if strings.Contains(errb.String(), "\x1b") {
				t.Errorf("the refusal carries an escape sequence: %q", errb.String())
			}
			if screen != nil {
				// Closing the terminal's side ends the stream: what was written is read,
				// then the read fails.
				stdin.(*os.File).Close()
				drawn, _ := io.ReadAll(screen)
				if len(drawn) > 0 {
					t.Errorf("something reached the terminal: %q", drawn)
				}
			} else if out := stdout.(*bytes.Buffer).String(); out != "" {
				t.Errorf("something reached standard output: %q", out)
			}
			if _, err := os.Stat(e.db); c.noDB && !os.IsNotExist(err) {
				t.Errorf("the refusal created the database: %v", err)
			}
		})
	}
}

// The refusals say what to do instead, in one line each.
func TestTerminalRefusalsSayWhatToDo(t *testing.T) {
	for _, err := range []error{errNotTerminal, errDumbTerm} {
		msg := err.Error()
		for _, want := range []string{"hotseat: the trainer needs a full terminal", "hotseat stats --json", "hotseat drill --plan"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%q lacks %q", msg, want)
			}
		}
		if strings.Contains(msg, "\n") || len(msg) > 160 {
			t.Errorf("%q is more than one short line", msg)
		}
	}
	if !strings.Contains(errNotTerminal.Error(), "run it in one") {
		t.Errorf("the refusal without a terminal should say to run it in one: %q", errNotTerminal)
	}
	if !strings.Contains(errDumbTerm.Error(), "not TERM=dumb") || !strings.Contains(errDumbTerm.Error(), "set TERM (like TERM=xterm-256color)") {
		t.Errorf("the TERM=dumb refusal should name TERM and a value to set: %q", errDumbTerm)
	}
}
