package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
)

func (a *app) drillCmd() *cobra.Command {
	var o drill.Options
	var plan, asJSON bool
	c := &cobra.Command{
		Use:   "drill",
		Short: "Start a timed set at once: the daily drill, or a topic set with --pack/--tag",
		Example: `  hotseat drill                        # the daily drill
  hotseat drill --pack ensembles --count 5
  hotseat drill --tag deployment --time 20m`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if o.Count < 0 || o.Count > maxCount {
				return &exitError{code: exitUsage, err: fmt.Errorf("--count wants a whole number from 1 to %d, got %d", maxCount, o.Count)}
			}
			if o.SetTime < 0 || o.SetTime > maxSetTime {
				return &exitError{code: exitUsage, err: fmt.Errorf("--time wants a duration from 1m to %s, like 20m, got %s", maxSetTime, o.SetTime)}
			}
			if cmd.Flags().Changed("count") && (o.Pack == "" && o.Tag == "") && o.Count == 0 {
				return &exitError{code: exitUsage, err: errors.New("--count must be at least 1")}
			}
			if plan {
				return a.printPlan(o, asJSON)
			}
			return a.runTUI(cmd, &o)
		},
	}
	f := c.Flags()
	f.StringVar(&o.Pack, "pack", "", "only questions of this pack")
	f.StringVar(&o.Tag, "tag", "", "only questions with this tag")
	f.IntVar(&o.Count, "count", 0, fmt.Sprintf("number of questions (topic set default %d)", drill.DefaultTopicCount))
	f.DurationVar(&o.SetTime, "time", 0, "time for the whole set, like 20m (default: the sum of its questions' limits)")
	f.BoolVar(&plan, "plan", false, "print the set that would be asked now, without starting it")
	f.BoolVar(&asJSON, "json", false, "with --plan: print JSON for scripts")
	return c
}

// planItem is one row of `drill --plan --json`.
type planItem struct {
	Pack     string `json:"pack"`
	Question string `json:"question"`
	Reason   string `json:"reason"`
	Claim    string `json:"claim,omitempty"`
	Level    string `json:"level"`
	Seconds  int    `json:"time_limit_seconds"`
}

// printPlan prints the set the trainer would ask now, as planned by the same planner.
func (a *app) printPlan(o drill.Options, asJSON bool) error {
	s, lib, problems, err := a.openSession()
	if err != nil {
		return err
	}
	defer s.Close()
	a.reportSkipped(problems)
	if err := checkTopic(lib, o); err != nil {
		return err
	}
	cards, n, st, err := a.progress(s, lib)
	if err != nil {
		return err
	}
	seen, err := s.Seen()
	if err != nil {
		return err
	}
	cs, policy, err := claims.Load(s)
	if err != nil {
		return err
	}
	sched, claimSched := schedulers(policy)
	p := &drill.Planner{Lib: lib, Cards: cards, Seen: seen, Sched: sched, ClaimSched: claimSched, Claims: claims.ResolveAll(cs, lib), Policy: policy}
	o.Now = a.now()
	var set drill.Set
	if o.Pack != "" || o.Tag != "" {
		set = p.Topic(o)
	} else {
		o.NewPerDay, o.NewToday = n, st.NewToday
		set = p.Daily(o)
	}
	rows := make([]planItem, len(set.Items))
	for i, it := range set.Items {
		rows[i] = planItem{Pack: it.Q.PackID, Question: it.Q.ID, Reason: string(it.Reason), Claim: it.Claim,
			Level: it.Q.Level.String(), Seconds: int(it.Limit.Seconds())}
	}
	if asJSON {
		return writeJSON(a.stdout, rows)
	}
	fmt.Fprintf(a.stdout, "%s: %d questions, %s\n", set.Name, len(rows), set.Limit.Round(time.Second))
	for i, r := range rows {
		claim := ""
		if r.Claim != "" {
			claim = fmt.Sprintf("  (you claimed %q)", r.Claim)
		}
		fmt.Fprintf(a.stdout, "%2d. %-9s %s/%s%s\n", i+1, r.Reason, r.Pack, r.Question, claim)
	}
	return nil
}

// checkTopic refuses a topic set of a pack or tag that no loaded pack has, naming the ones
// that exist (and the closest, when one is close) instead of opening an empty set.
func checkTopic(lib *pack.Library, o drill.Options) error {
	if o.Pack != "" && lib.Pack(o.Pack) == nil {
		var ids []string
		for _, p := range lib.Packs {
			ids = append(ids, p.ID)
		}
		return &exitError{code: exitUsage, err: fmt.Errorf("no pack %s; packs: %s%s", o.Pack, strings.Join(ids, ", "), suggest(o.Pack, ids))}
	}
	if o.Tag != "" {
		var tags []string
		for _, t := range lib.Tags() {
			if t.Tag == o.Tag {
				return nil
			}
			tags = append(tags, t.Tag)
		}
		return &exitError{code: exitUsage, err: fmt.Errorf("no tag %s in your packs%s (hotseat pack list --json lists every tag)", o.Tag, suggest(o.Tag, tags))}
	}
	return nil
}

// suggest is the "; did you mean X?" part of an error, or nothing.
func suggest(s string, candidates []string) string {
	close := didYouMean(s, candidates)
	if len(close) == 0 {
		return ""
	}
	return "; did you mean " + strings.Join(close[:min(len(close), 3)], " or ") + "?"
}
