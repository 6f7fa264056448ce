package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"time"

	"github.com/adrg/xdg"

	"github.com/hotseat/hotseat/internal/tui"
)

// exitCrash is the exit code after a bug stopped the trainer.
const exitCrash = 3

// reportCrash writes what a panic left behind to a crash file under the XDG state
// directory and tells the user, in one paragraph, that their ratings are saved and where the
// details are. The terminal has been restored by then.
func (a *app) reportCrash(c *tui.Crash, runErr error) error {
	detail := fmt.Sprintf("hotseat %s (%s, %s/%s)\n", a.versionText(), runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if c != nil {
		detail += c.String() + "\n\n" + string(c.Stack)
	} else {
		// Bubble Tea caught it itself (a panic outside the model) and printed the stack.
		detail += fmt.Sprintf("the trainer stopped: %v (the stack was printed to the terminal)\n", runErr)
	}
	where, err := writeCrashFile(detail)
	if err != nil {
		fmt.Fprintf(a.stderr, "\nhotseat hit a bug and stopped; your ratings so far are saved. The crash file could not be written (%v), so here are the details; please report it:\n\n%s\n", err, detail)
	} else {
		fmt.Fprintf(a.stderr, "\nhotseat hit a bug and stopped; your ratings so far are saved. The details are in %s; please report it with that file.\n", where)
	}
	return &exitError{code: exitCrash, silent: true, err: fmt.Errorf("the trainer crashed")}
}

// writeCrashFile saves the details under $XDG_STATE_HOME/hotseat, named for the moment of
// the crash (the real time, even under HOTSEAT_NOW, so crash files sort as they happened).
func writeCrashFile(detail string) (string, error) {
	dir := filepath.Join(xdg.StateHome, "hotseat")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	f, err := os.CreateTemp(dir, "crash-"+time.Now().UTC().Format("20060102-150405")+"-*.txt")
	if err != nil {
		return "", err
	}
	if _, err := f.WriteString(detail); err != nil {
		f.Close()
		return "", err
	}
	return f.Name(), f.Close()
}

// versionText is the version for reports: the build's, or "unknown (built from source)".
func (a *app) versionText() string {
	if a.version != "" {
		return a.version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "unknown (built from source)"
}
