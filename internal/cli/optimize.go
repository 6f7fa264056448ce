package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/srs/fit"
	"github.com/hotseat/hotseat/internal/stats"
	"github.com/hotseat/hotseat/internal/store"
)

// settingFSRS holds the scheduler's fitted parameters (fsrsSetting); absent means the
// FSRS-6 defaults.
const settingFSRS = "fsrs"

// fsrsSetting is what hotseat optimize saves in the database.
type fsrsSetting struct {
	Parameters [21]float64 `json:"parameters"`
	// Previous are the parameters in use before this fit, for --revert; nil when they were
	// the defaults.
	Previous     *[21]float64 `json:"previous,omitempty"`
	FittedAt     time.Time    `json:"fitted_at"`
	ReviewsAtFit int          `json:"reviews_at_fit"` // reviews in the log when fitted
	Report       fit.Report   `json:"report"`
}

// fsrsWeights returns the weights the scheduler uses: the fitted ones, or the defaults.
func fsrsWeights(s *store.Store) ([21]float64, *fsrsSetting, error) {
	var set fsrsSetting
	ok, err := s.GetSetting(settingFSRS, &set)
	if err != nil || !ok {
		return srs.DefaultW, nil, err
	}
	return set.Parameters, &set, nil
}

// optimizeOutput is the --json form: issue 18's keys, and what was done with the result.
type optimizeOutput struct {
	fit.Report
	Saved  bool   `json:"saved"`
	Reason string `json:"reason,omitempty"` // why not saved
}

func (a *app) optimizeCmd() *cobra.Command {
	var (
		logFile                       string
		asJSON, dryRun, revert, force bool
		pretrain                      bool
	)
	c := &cobra.Command{
		Use:   "optimize",
		Short: "Fit the scheduler (FSRS-6) to your own review history",
		Long: `Fit the 21 FSRS-6 parameters to your review history, as Anki's optimizer does, so that
questions come back when you in particular are about to forget them. It reports how well the
default and the fitted parameters predict your recalls (log loss and RMSE (bins); lower is
better), and the honest test: parameters fitted on the first 80 % of your history's time
span, scored on the last 20 %, which they never saw.

The fitted parameters are saved in your database and every question is rescheduled with them
(your reviews are kept as they are), unless --dry-run, or unless they predicted the held-out
part worse than the defaults (then nothing changes; --force saves them anyway). Go back to the
parameters you had before with --revert.

Fitting needs at least 512 reviews made a day or more after the question's previous review.

With --review-log, fit a CSV review log in the FSRS benchmark layout
(card_id,review_rating,review_time[,review_duration]) instead: the result is printed and
nothing is saved.`,
		Example: `  hotseat optimize --dry-run
  hotseat optimize
  hotseat optimize --revert
  hotseat optimize --review-log revlog.csv --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opt := fit.DefaultOptions()
			opt.Pretrain = pretrain
			if logFile != "" {
				if revert {
					return &exitError{code: exitUsage, err: errors.New("--revert works on your database, not on --review-log")}
				}
				return a.optimizeCSV(logFile, opt, asJSON)
			}
			s, lib, problems, err := a.openSession()
			if err != nil {
				return err
			}
			defer s.Close()
			a.reportSkipped(problems)
			if revert {
				return a.revertFit(s, lib)
			}
			return a.optimizeDB(s, lib, opt, asJSON, dryRun, force)
		},
	}
	f := c.Flags()
	f.StringVar(&logFile, "review-log", "", "fit this CSV review log (FSRS benchmark layout) instead of your history; saves nothing")
	f.BoolVar(&asJSON, "json", false, "print JSON for scripts")
	f.BoolVar(&dryRun, "dry-run", false, "fit and report, but save nothing")
	f.BoolVar(&revert, "revert", false, "go back to the parameters in use before the last fit")
	f.BoolVar(&force, "force", false, "save the fit even when it predicts your recent reviews worse than the defaults")
	f.BoolVar(&pretrain, "pretrain", false, "first fit the initial stabilities to your first reviews, as fsrs-rs does")
	return c
}

// runFit fits reviews with a progress bar on a terminal's stderr.
func (a *app) runFit(reviews []fit.Review, init [21]float64, opt fit.Options) (fit.Report, error) {
	bar := a.progressBar("Fitting")
	opt.Progress = bar.update
	rep, err := fit.Run(reviews, init, opt)
	bar.done()
	return rep, err
}

func (a *app) optimizeCSV(path string, opt fit.Options, asJSON bool) error {
	f, err := os.Open(path)
	if err != nil {
		return &exitError{code: exitFail, err: fmt.Errorf("open the review log: %w", err)}
	}
	defer f.Close()
	reviews, err := fit.ReadCSV(f, path)
	if err != nil {
		return &exitError{code: exitFail, err: err}
	}
	rep, err := a.runFit(reviews, srs.DefaultW, opt)
	if err != nil {
		return a.fitError(err, "the log")
	}
	out := optimizeOutput{Report: rep, Reason: "--review-log: nothing is saved"}
	if asJSON {
		return writeJSON(a.stdout, out)
	}
	a.printFit(rep, len(reviews))
	fmt.Fprintf(a.stdout, "\nNothing was saved (--review-log).\n")
	return nil
}

// userReviews reads the database's log for the fit: cards are pack/question keys.
func userReviews(s *store.Store) ([]fit.Review, error) {
	var out []fit.Review
	err := s.Reviews(func(r store.Review) error {
		out = append(out, fit.Review{Card: store.Key(r.Pack, r.Question), Rating: r.Rating, Time: r.Time})
		return nil
	})
	return out, err
}

func (a *app) optimizeDB(s *store.Store, lib *pack.Library, opt fit.Options, asJSON, dryRun, force bool) error {
	reviews, err := userReviews(s)
	if err != nil {
		return err
	}
	current, _, err := fsrsWeights(s)
	if err != nil {
		return err
	}
	rep, err := a.runFit(reviews, srs.DefaultW, opt)
	if err != nil {
		return a.fitError(err, "your history")
	}
	out := optimizeOutput{Report: rep}
	switch {
	case dryRun:
		out.Reason = "--dry-run"
	case rep.HoldoutAfter > rep.HoldoutBefore && !force:
		out.Reason = "the fitted parameters predicted the held-out reviews worse than the defaults"
	default:
		set := fsrsSetting{Parameters: rep.Parameters, FittedAt: a.now(), ReviewsAtFit: len(reviews), Report: rep}
		if current != srs.DefaultW {
			set.Previous = &current
		}
		if err := reschedule(s, lib, rep.Parameters, set); err != nil {
			return err
		}
		out.Saved = true
	}
	if asJSON {
		return writeJSON(a.stdout, out)
	}
	a.printFit(rep, len(reviews))
	fmt.Fprintln(a.stdout)
	switch {
	case out.Saved:
		fmt.Fprintf(a.stdout, "Saved: hotseat schedules with these parameters from now on, and every question you have\nanswered was rescheduled with them. To go back: hotseat optimize --revert\n")
	case dryRun:
		fmt.Fprintf(a.stdout, "Nothing was saved (--dry-run). To use them: hotseat optimize\n")
	default:
		fmt.Fprintf(a.stdout, "Not saved: on the held-out reviews the fitted parameters did worse than the defaults\n(%.4f against %.4f), so they would schedule you less well. Try again after more reviews,\nor save them anyway with hotseat optimize --force.\n", rep.HoldoutAfter, rep.HoldoutBefore)
	}
	return nil
}

// fitError turns the fit's refusals into one sentence with what to do.
func (a *app) fitError(err error, what string) error {
	var few *fit.TooFewError
	if errors.As(err, &few) {
		return &exitError{code: exitFail, err: fmt.Errorf("not enough history to fit yet: %s has %d reviews made a day or more after the question's previous one (of %d in all), and fitting needs %d. Keep drilling and try again", what, few.Have, few.Total, few.Need)}
	}
	return &exitError{code: exitFail, err: err}
}

func (a *app) printFit(rep fit.Report, total int) {
	fmt.Fprintf(a.stdout, "Fitted FSRS-6 to %d reviews; %d of them count (made a day or more\nafter the question's previous review).\n\n", total, rep.Reviews)
	fmt.Fprintf(a.stdout, "%-12s %8s %8s\n", "", "default", "fitted")
	for _, row := range []struct {
		name          string
		before, after float64
	}{{"log loss", rep.LogLossBefore, rep.LogLossAfter}, {"RMSE (bins)", rep.RMSEBefore, rep.RMSEAfter}, {"held out", rep.HoldoutBefore, rep.HoldoutAfter}} {
		fmt.Fprintf(a.stdout, "%-12s %8.4f %8.4f\n", row.name, row.before, row.after)
	}
	fmt.Fprintf(a.stdout, "Lower is better. Held out: fitted on the first 80 %% of your history's time span, scored\non its last 20 %% (%d reviews) that the fit never saw.\n\n", rep.HoldoutReviews)
	parts := make([]string, len(rep.Parameters))
	for i, w := range rep.Parameters {
		parts[i] = fmt.Sprintf("%.4f", w)
	}
	fmt.Fprintf(a.stdout, "parameters: %s\n", strings.Join(parts, ", "))
}

// revertFit restores the parameters in use before the last fit (the defaults after the
// first) and reschedules.
func (a *app) revertFit(s *store.Store, lib *pack.Library) error {
	_, set, err := fsrsWeights(s)
	if err != nil {
		return err
	}
	if set == nil {
		fmt.Fprintln(a.stdout, "Nothing to revert: hotseat already schedules with the default FSRS-6 parameters.")
		return nil
	}
	w, what := srs.DefaultW, "the default FSRS-6 parameters"
	var keep any // nil: the setting is deleted
	if set.Previous != nil {
		w, what = *set.Previous, "the parameters you had before the last fit"
		keep = fsrsSetting{Parameters: w, FittedAt: set.FittedAt, ReviewsAtFit: set.ReviewsAtFit}
	}
	if err := reschedule(s, lib, w, keep); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Reverted to %s; every question you have answered was rescheduled.\n", what)
	return nil
}

// reschedule rebuilds every card from the log with weights w (claimed questions with the
// claimed retention, as the drill schedules them) and stores setting as the scheduler's
// parameters (nil: the defaults), in one transaction.
func reschedule(s *store.Store, lib *pack.Library, w [21]float64, setting any) error {
	cs, policy, err := claims.Load(s)
	if err != nil {
		return err
	}
	sched, err := schedulers(s, w, policy)
	if err != nil {
		return err
	}
	resolved := claims.ResolveAll(cs, lib)
	return s.RebuildWithSetting(settingFSRS, setting, func(key string, reviews []store.Review) srs.Card {
		q := lib.Question(key)
		sc := sched.For(q, q != nil && claims.Covering(resolved, q) != nil)
		var c srs.Card
		for _, r := range reviews {
			c = sc.Review(c, r.Rating, r.Time)
		}
		return c
	})
}

// schedulerInfo is what hotseat stats says about the scheduler's parameters, and whether
// enough reviews have come in to fit them (again).
func schedulerInfo(set *fsrsSetting, total int) stats.Scheduler {
	info := stats.Scheduler{Parameters: "default", ReviewsSinceFit: total}
	if set != nil {
		at := set.FittedAt
		info.Parameters, info.FittedAt, info.ReviewsSinceFit = "fitted", &at, total-set.ReviewsAtFit
	}
	info.SuggestOptimize = suggestOptimize(set, total)
	return info
}

// schedulerLine is hotseat stats' line about the parameters: said when they are fitted or
// when a fit is due.
func schedulerLine(info stats.Scheduler) string {
	var b strings.Builder
	if info.FittedAt != nil {
		fmt.Fprintf(&b, "scheduler: FSRS-6 fitted to your history on %s (%d reviews since)", info.FittedAt.Format("2006-01-02"), info.ReviewsSinceFit)
	} else if info.SuggestOptimize {
		b.WriteString("scheduler: default FSRS-6 parameters")
	}
	if info.SuggestOptimize {
		b.WriteString(" · enough new reviews to fit it to you: run hotseat optimize")
	}
	return b.String()
}

// suggestOptimize: a first fit once the history has 1,000 reviews (about half of them a day
// or more after the previous one, the 512 the fit needs); a new fit once 1,000 more have
// come in, or a quarter more than the last fit saw, whichever is more.
func suggestOptimize(set *fsrsSetting, total int) bool {
	if set == nil {
		return total >= 1000
	}
	return total-set.ReviewsAtFit >= max(1000, set.ReviewsAtFit/4)
}

// progressBar draws a one-line bar on stderr when it is a terminal, and nothing otherwise.
type progressBar struct {
	w     io.Writer
	label string
	last  int
}

func (a *app) progressBar(label string) *progressBar {
	if !isTerminal(a.stderr) {
		return &progressBar{}
	}
	return &progressBar{w: a.stderr, label: label, last: -1}
}

func (p *progressBar) update(done, total int) {
	if p.w == nil || total <= 0 {
		return
	}
	pct := done * 100 / total
	if pct == p.last {
		return
	}
	p.last = pct
	const width = 30
	fill := pct * width / 100
	fmt.Fprintf(p.w, "\r%s %s%s %3d%%", p.label, strings.Repeat("█", fill), strings.Repeat("░", width-fill), pct)
}

func (p *progressBar) done() {
	if p.w != nil && p.last >= 0 {
		fmt.Fprint(p.w, "\r\x1b[2K")
	}
}

// optimizeNotice is the home screen's line when a fit is due: the trainer cannot fit while
// it runs (the fit rewrites every card), so it says which command does.
func optimizeNotice(info stats.Scheduler) string {
	if info.FittedAt != nil {
		return fmt.Sprintf("%d reviews since the scheduler was fitted to you: quit and run hotseat optimize to refit it.", info.ReviewsSinceFit)
	}
	return fmt.Sprintf("%d reviews so far, enough to fit the scheduler to your memory: quit and run hotseat optimize.", info.ReviewsSinceFit)
}
