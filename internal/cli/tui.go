package cli

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/interview"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/store"
	"github.com/hotseat/hotseat/internal/tui"
)

// settingNewPerDay is the store setting that remembers --new.
const settingNewPerDay = "new_per_day"

// Bounds of the numbers a user can give: past them a set is not a practice session any
// more, and a huge number would only exhaust memory.
const (
	maxNewPerDay = 500
	maxCount     = 1000
	minSetTime   = time.Minute
	maxSetTime   = 24 * time.Hour
)

// Why the trainer will not start, in one line each that fits a terminal's width or two,
// saying what to do instead.
var (
	errNotTerminal = errors.New("hotseat: the trainer needs a full terminal on its input and output: run it in one or, for scripts, use hotseat stats --json or hotseat drill --plan")
	errDumbTerm    = errors.New("hotseat: the trainer needs a full terminal, not TERM=dumb: set TERM (like TERM=xterm-256color) or, for scripts, use hotseat stats --json or hotseat drill --plan")
)

func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	return ok && term.IsTerminal(file.Fd())
}

// dumbTerminal reports whether $TERM names a terminal that cannot draw the trainer.
func dumbTerminal() bool { return os.Getenv("TERM") == "dumb" }

// terminalProblem says why the trainer cannot run on this terminal, or nil.
func (a *app) terminalProblem() error {
	switch {
	case !isTerminal(a.stdout) || !isTerminal(a.stdin):
		return errNotTerminal
	case dumbTerminal():
		return errDumbTerm
	}
	return nil
}

// refuseTerminal prints why the trainer will not start and ends with exit code 2. A wrong
// pack or tag is said first, from the packs read without creating or locking the
// database, so that nothing is written when the trainer cannot start.
func (a *app) refuseTerminal(problem error, topics []drill.Options) error {
	if len(topics) > 0 {
		if inst, err := a.readInstalled(); err == nil {
			if err := checkTopics(a.collectPacks(inst, false, pack.Loader{}).lib, inst, topics); err != nil {
				return err
			}
		}
	}
	fmt.Fprintln(a.stderr, problem)
	return &exitError{code: exitUsage, silent: true, err: problem}
}

// newPerDay applies --new (remembering it) or reads the remembered value. More new
// questions a day than the packs hold is refused, never stored.
func (a *app) newPerDay(s *store.Store, lib *pack.Library) (int, error) {
	if a.newSet {
		if lib != nil && a.newFlag > lib.Len() {
			return 0, badValue("new", fmt.Sprintf("a whole number from 0 to %d (the questions in your packs)", lib.Len()), a.newFlag)
		}
		if err := s.PutSetting(settingNewPerDay, a.newFlag); err != nil {
			return 0, err
		}
		return a.newFlag, nil
	}
	n := drill.DefaultNewPerDay
	if _, err := s.GetSetting(settingNewPerDay, &n); err != nil {
		return 0, err
	}
	return n, nil
}

// runTUI opens the store and the packs and runs the trainer; start, when set, starts a set
// at once, and round a mock interview round.
func (a *app) runTUI(cmd *cobra.Command, start *drill.Options, round ...*tui.RoundStart) error {
	// The pack and tags asked for: a set's, or a round's focus tags.
	var topics []drill.Options
	if start != nil {
		topics = append(topics, *start)
	}
	for _, r := range round {
		for _, f := range r.Focus {
			topics = append(topics, drill.Options{Tag: f})
		}
	}
	if problem := a.terminalProblem(); problem != nil {
		return a.refuseTerminal(problem, topics)
	}
	s, lib, problems, err := a.openTrainerSession()
	if err != nil {
		return err
	}
	defer s.Close()
	// A wrong pack or tag is worth saying before anything else.
	if len(topics) > 0 {
		inst, err := installedIn(s)
		if err != nil {
			return err
		}
		if err := checkTopics(lib, inst, topics); err != nil {
			return err
		}
	}
	// The settings the trainer starts from, read under one opening of the file.
	var (
		n        int
		cs       []claims.Claim
		policy   claims.Policy
		sched    drill.Schedulers
		leeches  drill.Leeches
		notices  []string
		date     *time.Time
		firstRun bool
		priority []drill.Priority
	)
	err = s.Hold(func() error {
		var err error
		var set *fsrsSetting
		if n, err = a.newPerDay(s, lib); err != nil {
			return err
		}
		if cs, policy, err = claims.Load(s); err != nil {
			return err
		}
		if sched, leeches, set, err = planning(s, policy); err != nil {
			return err
		}
		if notices, err = homeNotices(s, problems, set); err != nil {
			return err
		}
		if d, ok, err := interviewDate(s); err != nil {
			return err
		} else if ok {
			date = &d
		}
		if firstRun, err = tui.FirstRun(s); err != nil {
			return err
		}
		priority, err = interview.Queued(s)
		return err
	})
	if err != nil {
		return err
	}
	var rs *tui.RoundStart
	if len(round) > 0 {
		rs = round[0]
		firstRun = false // asked for a round: the orientation can wait
	}
	m := tui.New(tui.Config{
		Lib: lib, Store: s, Sched: sched, Leeches: leeches, Interview: date, Claims: cs, Policy: policy,
		Now: a.now, NewPerDay: n, Start: start, Notices: notices, Dark: guessDark(os.Getenv("COLORFGBG")),
		FirstRun: firstRun, Round: rs, Priority: priority,
	})
	guarded, rec := tui.Guard(m)
	p := tea.NewProgram(guarded, tea.WithContext(cmd.Context()),
		// lipgloss read the colour profile when it loaded (in tmux that runs tmux info, a
		// few milliseconds): the program takes it rather than reading it again.
		tea.WithColorProfile(lipgloss.Writer.Profile),
		// Frames are drawn on a ticker; at 120 a second (the most Bubble Tea allows) the
		// first frame and every keystroke's echo wait at most 8 ms instead of 17.
		tea.WithFPS(120))
	rec.Notify(p.Send)
	_, err = p.Run()
	if c := rec.Crash(); c != nil || errors.Is(err, tea.ErrProgramPanic) {
		return a.reportCrash(c, err)
	}
	if err != nil && !errors.Is(err, tea.ErrInterrupted) {
		return fmt.Errorf("the trainer stopped: %w", err)
	}
	return nil
}

// guessDark reads the background from $COLORFGBG ("15;0": light text on black), which many
// terminals set, until the terminal answers the background-colour query. Without it, dark
// is the likelier guess.
func guessDark(colorfgbg string) bool {
	parts := strings.Split(colorfgbg, ";")
	bg, err := strconv.Atoi(parts[len(parts)-1])
	if colorfgbg == "" || err != nil {
		return true
	}
	// 0-6 and 8 are the dark ANSI colours; 7 (light grey) and 9-15 are light.
	return bg < 7 || bg == 8
}

func (a *app) runHome(cmd *cobra.Command) error { return a.runTUI(cmd, nil) }

// schedulers returns the scheduler of ordinary questions and the one of claimed questions,
// which differs only in its desired retention, both with weights w (the candidate's fitted
// ones, or srs.DefaultW).
func schedulers(s *store.Store, w [21]float64, p claims.Policy) (drill.Schedulers, error) {
	c := drill.DefaultSchedConfig()
	c.W, c.ClaimRetention = w, p.Retention
	var err error
	if c.OpenSteps, err = stepsSetting(s, settingOpenSteps, c.OpenSteps); err != nil {
		return drill.Schedulers{}, err
	}
	if c.ChoiceSteps, err = stepsSetting(s, settingChoiceSteps, c.ChoiceSteps); err != nil {
		return drill.Schedulers{}, err
	}
	return drill.NewSchedulers(c), nil
}

// planning reads what the planner needs from the settings: the schedulers (fitted or
// default weights, learning steps, claim retention) and the leeches; set is the saved fit,
// nil when there is none.
func planning(s *store.Store, policy claims.Policy) (drill.Schedulers, drill.Leeches, *fsrsSetting, error) {
	w, set, err := fsrsWeights(s)
	if err != nil {
		return drill.Schedulers{}, drill.Leeches{}, nil, err
	}
	sched, err := schedulers(s, w, policy)
	if err != nil {
		return drill.Schedulers{}, drill.Leeches{}, nil, err
	}
	leeches, err := leechesSetting(s)
	return sched, leeches, set, err
}

// homeNotices are the lines under the home screen's menu: problems in the packs (the other
// packs loaded), and a fit of the scheduler that is due.
func homeNotices(s *store.Store, problems pack.Diagnostics, set *fsrsSetting) ([]string, error) {
	var notices []string
	if len(problems) > 0 {
		notices = append(notices, fmt.Sprintf("%d problem(s) in your packs, first: %s. Run hotseat pack lint to see them all; the other packs loaded.", len(problems), problems[0]))
	}
	total, err := s.ReviewCount()
	if err != nil {
		return nil, err
	}
	if info := schedulerInfo(set, total); info.SuggestOptimize {
		notices = append(notices, optimizeNotice(info))
	}
	return notices, nil
}
