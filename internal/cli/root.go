// Package cli wires hotseat's commands: it parses flags, opens the store, loads packs, and
// starts the TUI or prints plain or JSON output for scripts.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/fang/v2"
	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/store"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // an error, or lint found problems
	exitUsage = 2 // wrong usage, or the TUI was started without a terminal
)

// exitError ends the program with a code. With silent set, the message has already been
// printed (lint prints its own findings) and the error handler prints nothing.
type exitError struct {
	code   int
	silent bool
	err    error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// app carries what every command needs: resolved paths, output streams and the clock.
type app struct {
	dbFlag   string
	packDirs []string
	newFlag  int  // --new
	newSet   bool // --new was given: remember it
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
	now      func() time.Time
	version  string
}

// Main runs hotseat with args and returns the process exit code.
func Main(ctx context.Context, version string, args []string) int {
	return run(ctx, version, args, os.Stdin, os.Stdout, os.Stderr)
}

// run is Main with its streams given, so that tests run the command line exactly as Main
// does: the environment (HOTSEAT_NOW, TERM) read, errors printed, the exit code decided.
func run(ctx context.Context, version string, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	now, err := envClock(os.Getenv("HOTSEAT_NOW"))
	if err != nil {
		fmt.Fprintf(stderr, "hotseat: %v\n", err)
		return exitUsage
	}
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr, now: now, version: version}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	if dumbTerminal() {
		// fang asks the terminal for its background colour before styling help and errors;
		// a dumb terminal would print the question. Plain cobra output instead.
		root.SilenceErrors, root.SilenceUsage = true, true
		if err = root.ExecuteContext(ctx); err != nil {
			var ee *exitError
			if !errors.As(err, &ee) || !ee.silent {
				fmt.Fprintf(a.stderr, "hotseat: %v\n", err)
			}
		}
	} else {
		err = a.execute(ctx, root, version)
	}
	return exitCode(err)
}

// execute runs the command line through fang: styled help, errors, version and man page.
func (a *app) execute(ctx context.Context, root *cobra.Command, version string) error {
	return fang.Execute(ctx, root,
		fang.WithVersion(version), // empty: fang reads the module version from the build info
		fang.WithErrorHandler(func(w io.Writer, styles fang.Styles, err error) {
			var ee *exitError
			if errors.As(err, &ee) && ee.silent {
				return
			}
			if isTerminal(a.stderr) {
				fang.DefaultErrorHandler(w, styles, err)
				return
			}
			// Scripts and logs get one plain line they can grep.
			fmt.Fprintf(w, "hotseat: %v\n", err)
		}),
	)
}

// exitCode is the process exit code for the error a command ended with.
func exitCode(err error) int {
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if strings.HasPrefix(err.Error(), "unknown ") || strings.HasPrefix(err.Error(), "invalid argument") ||
		strings.HasPrefix(err.Error(), "flag needs") || strings.Contains(err.Error(), "arg(s)") {
		return exitUsage
	}
	return exitFail
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "hotseat",
		Short: "Mock interviews for machine learning engineers, in your terminal",
		Long: `hotseat drills you on the questions ML engineer interviews are made of: ensembles,
trees and forests, testing ML code, deployment, evaluation, deep learning, retrieval, LLM
applications and serving, system design, experimentation, responsible ML, production thinking
and behavioural questions. Answer against the clock, compare with a model answer and its key points, rate
yourself, and spaced repetition (FSRS-6) brings each question back before you forget it.

Run without a command to open the trainer.`,
		Example: `  hotseat                          # open the trainer
  hotseat drill --pack ensembles    # a timed set on one pack
  hotseat pack lint my-pack.md      # check a pack you wrote
  hotseat stats --json              # progress, for scripts`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.runHome(cmd) },
		// Checks every command shares, once its flags are parsed.
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if a.newSet = cmd.Flags().Changed("new"); a.newSet && (a.newFlag < 0 || a.newFlag > maxNewPerDay) {
				return badValue("new", fmt.Sprintf("a whole number from 0 to %d", maxNewPerDay), a.newFlag)
			}
			return nil
		},
	}
	root.SetFlagErrorFunc(flagError)
	pf := root.PersistentFlags()
	pf.StringVar(&a.dbFlag, "db", "", "database file (default $HOTSEAT_DB or $XDG_DATA_HOME/hotseat/hotseat.db)")
	pf.StringArrayVar(&a.packDirs, "packs", nil, "extra pack directory or file; repeatable (also $HOTSEAT_PACKS, separated by "+string(os.PathListSeparator)+")")
	a.addNewFlag(root)
	a.addCommands(root)
	explainArgs(root)
	return root
}

// addNewFlag gives c the --new flag, on the commands that plan or count new questions:
// the trainer, drill and stats.
func (a *app) addNewFlag(c *cobra.Command) {
	c.Flags().IntVar(&a.newFlag, "new", drill.DefaultNewPerDay, "new questions a day in the daily drill (0 for none); remembered once given")
}

// dbPath resolves the database: --db, then $HOTSEAT_DB, then the XDG data home.
func (a *app) dbPath() (string, error) {
	if a.dbFlag != "" {
		return a.dbFlag, nil
	}
	if p := os.Getenv("HOTSEAT_DB"); p != "" {
		return p, nil
	}
	return defaultDBPath(), nil
}

// defaultDBPath is the database used when neither --db nor $HOTSEAT_DB names one.
func defaultDBPath() string { return filepath.Join(xdg.DataHome, "hotseat", "hotseat.db") }

// openStore opens the database, turning the store's errors into one sentence each.
func (a *app) openStore(readOnly bool) (*store.Store, error) {
	p, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	s, err := store.Open(p, store.Options{Timeout: time.Second, ReadOnly: readOnly, Now: a.now,
		Upgrading: func(from, to int) {
			fmt.Fprintf(a.stderr, "hotseat: upgrading %s from schema v%d to v%d, once: the review log is counted again (a second or so for a long history)\n", p, from, to)
		}})
	if err != nil {
		return nil, &exitError{code: exitFail, err: err}
	}
	return s, nil
}

// openReader opens the database for a command that only reads it: read-only when the file
// exists, so that it runs beside a trainer that is open in another terminal; read-write when
// the file must first be created or its schema brought up to date.
func (a *app) openReader() (*store.Store, error) {
	p, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(p); err == nil && st.Size() > 0 {
		s, err := store.Open(p, store.Options{Timeout: time.Second, ReadOnly: true, Now: a.now})
		if err == nil {
			return s, nil
		}
		if !errors.Is(err, store.ErrNeedsUpgrade) {
			return nil, &exitError{code: exitFail, err: err}
		}
	}
	return a.openStore(false)
}

// packSources lists the user's pack paths, for lint: the copies of the enabled installed
// sources (hotseat pack add), then --packs, then $HOTSEAT_PACKS.
func (a *app) packSources() []string {
	var src []string
	if inst, err := a.readInstalled(); err == nil {
		for _, s := range inst.sources {
			if s.Enabled {
				src = append(src, s.Dir)
			}
		}
	}
	return append(src, a.flagPackPaths()...)
}

// flagPackPaths lists the pack paths given by --packs, then $HOTSEAT_PACKS.
func (a *app) flagPackPaths() []string {
	src := append([]string(nil), a.packDirs...)
	if env := os.Getenv("HOTSEAT_PACKS"); env != "" {
		for _, p := range filepath.SplitList(env) {
			if p != "" {
				src = append(src, p)
			}
		}
	}
	return src
}

// loadLibrary loads the packs a session draws from: the embedded packs, the enabled
// installed sources (hotseat pack add), then --packs / $HOTSEAT_PACKS; packs disabled with
// hotseat pack disable are left out. A broken pack is reported and skipped; the others
// load. The diagnostics hold errors only, made safe to print.
//
// The list of installed sources is in the store, which loadLibrary opens read-only for a
// moment: call it before opening the store, or use libraryWith when the store is open.
func (a *app) loadLibrary() (*pack.Library, pack.Diagnostics) {
	inst, err := a.readInstalled()
	if err != nil {
		fmt.Fprintf(a.stderr, "hotseat: your installed packs were not loaded: %v\n", safeError{err})
	}
	l := a.collectPacks(inst, false, pack.Loader{})
	return l.lib, l.problems
}

// openSession opens the database and loads the library with the installed packs it lists,
// for commands that need both: the file is opened once, and a second hotseat on it is
// reported before any pack is read.
func (a *app) openSession() (*store.Store, *pack.Library, pack.Diagnostics, error) {
	s, err := a.openStore(false)
	return a.session(s, err, pack.Loader{})
}

// openTrainerSession is openSession for the trainer, which holds the catalogue of the
// packs read from files, and reads a question's text again when it is first shown: home
// with a library of 10,000 questions then holds their ids, titles and tags, not their
// answers and match terms.
func (a *app) openTrainerSession() (*store.Store, *pack.Library, pack.Diagnostics, error) {
	s, err := a.openStore(false)
	return a.session(s, err, pack.Loader{Unload: true})
}

// openReadSession is openSession for a command that only reads (see openReader).
func (a *app) openReadSession() (*store.Store, *pack.Library, pack.Diagnostics, error) {
	s, err := a.openReader()
	return a.session(s, err, pack.Loader{})
}

func (a *app) session(s *store.Store, err error, ld pack.Loader) (*store.Store, *pack.Library, pack.Diagnostics, error) {
	if err != nil {
		return nil, nil, nil, err
	}
	lib, problems := a.libraryWith(s, ld)
	return s, lib, problems, nil
}

// reportSkipped prints, once, which packs were skipped and how to see why.
func (a *app) reportSkipped(problems pack.Diagnostics) {
	if len(problems) == 0 {
		return
	}
	files := map[string]bool{}
	var order []string
	for _, d := range problems {
		if !files[d.File] {
			files[d.File] = true
			order = append(order, d.File)
		}
	}
	first := problems[0]
	fmt.Fprintf(a.stderr, "hotseat: skipped %d broken pack file(s) (%s): %s\n", len(order), strings.Join(order, ", "), first)
	fmt.Fprintf(a.stderr, "hotseat: run `hotseat pack lint %s` to see every problem\n", order[0])
}
