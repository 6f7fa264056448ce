package cli

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/adrg/xdg"

	"github.com/hotseat/hotseat/internal/tui"
)

func TestGuessDarkFromCOLORFGBG(t *testing.T) {
	for _, c := range []struct {
		env  string
		dark bool
	}{
		{"", true},      // unknown: dark is likelier
		{"15;0", true},  // light text on black
		{"0;15", false}, // black text on white
		{"0;7", false},  // on light grey
		{"15;default;0", true},
		{"12;8", true}, // on dark grey
		{"garbage", true},
	} {
		if got := guessDark(c.env); got != c.dark {
			t.Errorf("COLORFGBG=%q: dark %v, want %v", c.env, got, c.dark)
		}
	}
}

// A crash leaves a file with the panic and its stack under the XDG state directory, one
// paragraph on stderr that says the ratings are saved and where the details are, and exit
// code 3.
func TestReportCrashWritesTheStackAndSaysWhere(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	xdg.Reload()
	t.Cleanup(xdg.Reload)

	var stderr bytes.Buffer
	a := &app{stderr: &stderr}
	err := a.reportCrash(&tui.Crash{Value: "index out of range [0] with length 0", Stack: []byte("goroutine 1 [running]:\nmain.main()")}, nil)
	var ee *exitError
	if !errors.As(err, &ee) || ee.code != exitCrash || !ee.silent {
		t.Fatalf("reportCrash returned %v, want a silent exit %d", err, exitCrash)
	}
	files, _ := filepath.Glob(filepath.Join(state, "hotseat", "crash-*.txt"))
	if len(files) != 1 {
		t.Fatalf("want one crash file under %s, found %v", state, files)
	}
	body, _ := os.ReadFile(files[0])
	for _, want := range []string{"panic: index out of range", "goroutine 1 [running]"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("crash file lacks %q:\n%s", want, body)
		}
	}
	msg := stderr.String()
	for _, want := range []string{"hotseat hit a bug", "your ratings so far are saved", files[0], "please report it"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}
