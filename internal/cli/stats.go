package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"text/tabwriter"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/interview"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/stats"
	"github.com/hotseat/hotseat/internal/store"
	"github.com/hotseat/hotseat/internal/tui"
)

func (a *app) statsCmd() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "stats",
		Short: "Show your progress: reviews, due questions, streak",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			open := a.openReadSession // beside a running trainer
			if a.newSet {
				open = a.openSession // --new is remembered
			}
			s, lib, problems, err := open()
			if err != nil {
				return err
			}
			defer s.Close()
			a.reportSkipped(problems)
			cards, _, st, log, err := a.progress(s, lib)
			if err != nil {
				return err
			}
			_, set, err := fsrsWeights(s)
			if err != nil {
				return err
			}
			st.Scheduler = schedulerInfo(set, st.ReviewsTotal)
			lapses, resolved, err := a.fillStatsExtras(s, lib, cards, log, &st)
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			fmt.Fprintf(a.stdout, "reviews: %d in all, %d today\ndue now: %d · new available today: %d\nstreak: %d day(s)\n\n",
				st.ReviewsTotal, st.ReviewsToday, st.DueNow, st.NewAvailable, st.StreakDays)
			if isTerminal(a.stdout) && !dumbTerminal() {
				// In a terminal: the progress screen itself, as s on home shows it.
				reps, err := interview.Load(s)
				if err != nil {
					fmt.Fprintf(a.stderr, "hotseat: %v\n", safeError{err})
				}
				a.printProgress(st, lapses, resolved, interview.TrendOf(reps))
				return nil
			}
			if line := schedulerLine(st.Scheduler); line != "" {
				fmt.Fprintf(a.stdout, "%s\n\n", line)
			}
			ret := st.Retention.Overall
			fmt.Fprintf(a.stdout, "true retention: mature %s of %d · young %s of %d · target %.0f%%\n",
				ret.Mature.String(), ret.Mature.Total, ret.Young.String(), ret.Young.Total, 100*st.Retention.Target)
			week := 0
			for _, n := range st.Forecast[:7] {
				week += n
			}
			fmt.Fprintf(a.stdout, "due in the next 7 days: %d (hotseat stats --json has 30, and the calendar)\n", week)
			if len(st.Leeches) > 0 {
				fmt.Fprintf(a.stdout, "leeches: %d out of the daily drill (hotseat leech)\n", len(st.Leeches))
			}
			if len(st.MissedPoints) > 0 {
				m := st.MissedPoints[0]
				fmt.Fprintf(a.stdout, "missed most lately: %q in %s (%d times)\n", m.Point, m.Question, m.Times)
			}
			if iv := st.Interview; iv != nil {
				fmt.Fprintf(a.stdout, "interview: %s, in %d days · %d questions not yet seen · %d new a day would cover them\n", iv.Date, iv.DaysLeft, iv.Unseen, iv.NewPerDay)
			}
			fmt.Fprintln(a.stdout)
			ids := make([]string, 0, len(st.ByPack))
			for id := range st.ByPack {
				ids = append(ids, id)
			}
			sort.Strings(ids)
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "PACK\tQUESTIONS\tSEEN\tDUE\tREVIEWS")
			for _, id := range ids {
				p := st.ByPack[id]
				fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\n", id, p.Questions, p.Seen, p.Due, p.Reviews)
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON for scripts")
	a.addNewFlag(c)
	return c
}

// progress reads what the stats and the planner need from the store: the card states, the
// daily allowance of new questions (--new, or the remembered one), the stats computed from
// the log, and the log itself, read once.
func (a *app) progress(s *store.Store, lib *pack.Library) (map[string]srs.Card, int, stats.Stats, []store.Review, error) {
	n, err := a.newPerDay(s, lib)
	if err != nil {
		return nil, 0, stats.Stats{}, nil, err
	}
	cards, err := s.Cards()
	if err != nil {
		return nil, 0, stats.Stats{}, nil, err
	}
	var log []store.Review
	if err := s.Reviews(func(r store.Review) error { log = append(log, r); return nil }); err != nil {
		return nil, 0, stats.Stats{}, nil, err
	}
	st, err := stats.Compute(stats.Input{Lib: lib, Cards: cards, Reviews: stats.FromLog(log), Now: a.now(), NewPerDay: n})
	return cards, n, st, log, err
}

// fillStatsExtras adds what the stats package does not know: the leeches, the claims
// audit, the key points missed most and the interview countdown. It returns the leeches'
// lapses and the resolved claims, which the terminal report shows too.
func (a *app) fillStatsExtras(s *store.Store, lib *pack.Library, cards map[string]srs.Card, log []store.Review, st *stats.Stats) (map[string]int, []claims.Resolved, error) {
	leeches, err := leechesSetting(s)
	if err != nil {
		return nil, nil, err
	}
	st.Leeches = append([]string{}, (&drill.Planner{Lib: lib, Cards: cards, Leeches: leeches}).Suspended()...)
	lapses := map[string]int{}
	for _, k := range st.Leeches {
		lapses[k] = cards[k].Lapses
	}
	cs, _, err := claims.Load(s)
	if err != nil {
		return nil, nil, err
	}
	resolved := claims.ResolveAll(cs, lib)
	st.Claims = append([]claims.Row{}, claims.Audit(resolved, lib, log, a.now())...)
	opt := score.Options{Thesaurus: score.Default().With(lib.Packs)}
	st.MissedPoints = stats.MissedPoints(lib, log, a.now(), 10, func(q *pack.Question, answer string) []bool {
		return score.Grade(q, answer, opt).Covered
	})
	d, ok, err := interviewDate(s)
	if err != nil {
		return nil, nil, err
	}
	if ok {
		iv := stats.Countdown(d, a.now(), lib, cards, resolved)
		st.Interview = &iv
	}
	return lapses, resolved, nil
}

// printProgress writes the progress screen (the same figures as s on home) to a terminal,
// in its colours (none with NO_COLOR), then the scheduler's line.
func (a *app) printProgress(st stats.Stats, lapses map[string]int, resolved []claims.Resolved, rounds interview.Trend) {
	w := 80
	if f, ok := a.stdout.(*os.File); ok {
		if cols, _, err := term.GetSize(f.Fd()); err == nil && cols > 20 {
			w = min(cols, 120)
		}
	}
	report := tui.ProgressReport(st, lapses, resolved, st.Claims, rounds, a.now(), w, guessDark(os.Getenv("COLORFGBG")))
	lipgloss.Fprintln(a.stdout, report)
	if line := schedulerLine(st.Scheduler); line != "" {
		fmt.Fprintf(a.stdout, "\n%s\n", line)
	}
}
