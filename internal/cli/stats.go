package cli

import (
	"encoding/json"
	"fmt"
	"sort"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/stats"
	"github.com/hotseat/hotseat/internal/store"
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
			_, _, st, err := a.progress(s, lib)
			if err != nil {
				return err
			}
			_, set, err := fsrsWeights(s)
			if err != nil {
				return err
			}
			st.Scheduler = schedulerInfo(set, st.ReviewsTotal)
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(st)
			}
			fmt.Fprintf(a.stdout, "reviews: %d in all, %d today\ndue now: %d · new available today: %d\nstreak: %d day(s)\n\n",
				st.ReviewsTotal, st.ReviewsToday, st.DueNow, st.NewAvailable, st.StreakDays)
			if line := schedulerLine(st.Scheduler); line != "" {
				fmt.Fprintf(a.stdout, "%s\n\n", line)
			}
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
// daily allowance of new questions (--new, or the remembered one), and the stats computed
// from the log.
func (a *app) progress(s *store.Store, lib *pack.Library) (map[string]srs.Card, int, stats.Stats, error) {
	n, err := a.newPerDay(s, lib)
	if err != nil {
		return nil, 0, stats.Stats{}, err
	}
	cards, err := s.Cards()
	if err != nil {
		return nil, 0, stats.Stats{}, err
	}
	st, err := stats.Compute(stats.Input{Lib: lib, Cards: cards, Reviews: s.Reviews, Now: a.now(), NewPerDay: n})
	return cards, n, st, err
}
