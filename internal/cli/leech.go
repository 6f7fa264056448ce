package cli

import (
	"fmt"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// leechRow is one leech as hotseat leech lists it.
type leechRow struct {
	Key     string       `json:"key"`
	Title   string       `json:"title"`
	Lapses  int          `json:"lapses"`
	Reviews int          `json:"reviews"`
	Missed  []missedStat `json:"missed"` // key points its typed answers missed, most often first
}

type missedStat struct {
	Point string `json:"point"`
	Times int    `json:"times"`
}

func (a *app) leechCmd() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "leech",
		Short: "List the questions suspended from the daily drill as leeches, or take them back",
		Long: `A question rated Again on a learned question (a lapse) leech-threshold times, 6 by
default (hotseat config leech-threshold), is a leech: drilling it again the same way wastes
the day, so the daily drill leaves it out until you study it and take it back with hotseat
leech unsuspend. Topic sets still ask it. The list shows each leech's lapses and the key
points its typed answers missed most often: what to study.`,
		Example: `  hotseat leech
  hotseat leech unsuspend ensembles/bagging-vs-boosting`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withLeeches(a.openReadSession, func(_ *store.Store, rows []leechRow, leeches drill.Leeches) error {
				return a.printLeeches(rows, leeches, asJSON)
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON for scripts")
	c.AddCommand(a.leechUnsuspendCmd())
	return c
}

// withLeeches opens the database (with open), reports skipped packs, lists the leeches and
// hands them to fn.
func (a *app) withLeeches(open func() (*store.Store, *pack.Library, pack.Diagnostics, error), fn func(s *store.Store, rows []leechRow, leeches drill.Leeches) error) error {
	s, lib, problems, err := open()
	if err != nil {
		return err
	}
	defer s.Close()
	a.reportSkipped(problems)
	rows, leeches, err := leechRows(s, lib)
	if err != nil {
		return err
	}
	return fn(s, rows, leeches)
}

func (a *app) printLeeches(rows []leechRow, leeches drill.Leeches, asJSON bool) error {
	if asJSON {
		if rows == nil {
			rows = []leechRow{}
		}
		return writeJSON(a.stdout, rows)
	}
	if len(rows) == 0 {
		if leeches.Threshold == 0 {
			fmt.Fprintln(a.stdout, "no leeches: leech-threshold is 0, so no question is ever suspended")
		} else {
			fmt.Fprintf(a.stdout, "no leeches: no question has lapsed %d times\n", leeches.Threshold)
		}
		return nil
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "QUESTION\tLAPSES\tREVIEWS\tMOST MISSED")
	for _, r := range rows {
		missed := "-"
		if len(r.Missed) > 0 {
			missed = fmt.Sprintf("%q (%d times)", r.Missed[0].Point, r.Missed[0].Times)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\n", r.Key, r.Lapses, r.Reviews, missed)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(a.stdout, "\nStudy each model answer (hotseat pack show KEY), then: hotseat leech unsuspend KEY")
	return nil
}

func (a *app) leechUnsuspendCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "unsuspend KEY...",
		Short: "Take leeches back into the daily drill",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withLeeches(a.openSession, func(s *store.Store, rows []leechRow, leeches drill.Leeches) error {
				lapses := map[string]int{}
				var keys []string
				for _, r := range rows {
					lapses[r.Key] = r.Lapses
					keys = append(keys, r.Key)
				}
				for _, k := range args {
					if _, ok := lapses[k]; !ok {
						msg := fmt.Sprintf("%s is not a leech", k)
						if len(keys) > 0 {
							msg += "; the leeches are " + strings.Join(keys, ", ")
						} else {
							msg += "; there are none"
						}
						return usageError("%s", msg)
					}
				}
				for _, k := range args {
					leeches.Unsuspended[k] = lapses[k]
				}
				if err := s.PutSetting(settingUnsuspended, leeches.Unsuspended); err != nil {
					return err
				}
				for _, k := range args {
					fmt.Fprintf(a.stdout, "%s is back in the daily drill; %d more lapses make it a leech again\n", k, max(leeches.Threshold/2, 1))
				}
				return nil
			})
		},
	}
}

// leechRows lists the current leeches, most lapses first, with the key points their typed
// answers missed (graded again from the log, as the reveal graded them).
func leechRows(s *store.Store, lib *pack.Library) ([]leechRow, drill.Leeches, error) {
	leeches, err := leechesSetting(s)
	if err != nil {
		return nil, leeches, err
	}
	cards, err := s.Cards()
	if err != nil {
		return nil, leeches, err
	}
	p := drill.Planner{Lib: lib, Cards: cards, Leeches: leeches}
	keys := p.Suspended()
	if len(keys) == 0 {
		return nil, leeches, nil
	}
	byKey := map[string]*leechRow{}
	missed := map[string]map[int]int{}
	rows := make([]leechRow, len(keys))
	for i, k := range keys {
		rows[i] = leechRow{Key: k, Title: lib.Question(k).Title, Lapses: cards[k].Lapses}
		byKey[k] = &rows[i]
		missed[k] = map[int]int{}
	}
	opt := score.Options{Thesaurus: score.Default().With(lib.Packs)}
	err = s.Reviews(func(r store.Review) error {
		k := store.Key(r.Pack, r.Question)
		row := byKey[k]
		if row == nil {
			return nil
		}
		row.Reviews++
		q := lib.Question(k)
		if r.Answer == "" || q.Kind != pack.KindOpen || r.Rating > srs.Hard {
			return nil
		}
		for i, ok := range score.Grade(q, r.Answer, opt).Covered {
			if !ok {
				missed[k][i]++
			}
		}
		return nil
	})
	if err != nil {
		return nil, leeches, err
	}
	for i := range rows {
		q := lib.Question(rows[i].Key)
		for p := range q.Body().KeyPoints {
			if n := missed[rows[i].Key][p]; n > 0 {
				rows[i].Missed = append(rows[i].Missed, missedStat{Point: q.Body().KeyPoints[p].Text, Times: n})
			}
		}
		sort.SliceStable(rows[i].Missed, func(a, b int) bool {
			return rows[i].Missed[a].Times > rows[i].Missed[b].Times
		})
	}
	sort.SliceStable(rows, func(a, b int) bool { return rows[a].Lapses > rows[b].Lapses })
	return rows, leeches, nil
}
