package cli

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/interview"
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
			f := cmd.Flags()
			if f.Changed("count") && (o.Count < 1 || o.Count > maxCount) {
				return badValue("count", fmt.Sprintf("a whole number from 1 to %d", maxCount), o.Count)
			}
			if f.Changed("time") && (o.SetTime < minSetTime || o.SetTime > maxSetTime) {
				return badValue("time", fmt.Sprintf("a duration from %s to %s, like 20m", shortDuration(minSetTime), shortDuration(maxSetTime)), o.SetTime)
			}
			if asJSON && !plan {
				return usageError("--json goes with --plan: hotseat drill --plan --json prints the set for scripts")
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
	f.IntVar(&o.Count, "count", 0, fmt.Sprintf("number of questions (default: %d for a topic set, every due and new one for the daily drill)", drill.DefaultTopicCount))
	f.DurationVar(&o.SetTime, "time", 0, "time for the whole set, like 20m (default: the sum of its questions' limits)")
	// Left out, --count and --time take the defaults their usage gives. "0" is the default
	// value that both fang's help and pflag's (under TERM=dumb) leave unprinted, so each
	// default shows once; "0s" would show as "(0s)".
	f.Lookup("time").DefValue = "0"
	f.BoolVar(&plan, "plan", false, "print the set that would be asked now, without starting it")
	f.BoolVar(&asJSON, "json", false, "with --plan: print JSON for scripts")
	a.addNewFlag(c)
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
	inst, err := installedIn(s)
	if err != nil {
		return err
	}
	if err := checkTopic(lib, inst, o); err != nil {
		return err
	}
	cards, n, st, _, err := a.progress(s, lib)
	if err != nil {
		return err
	}
	cs, policy, err := claims.Load(s)
	if err != nil {
		return err
	}
	sched, leeches, _, err := planning(s, policy)
	if err != nil {
		return err
	}
	priority, err := interview.Queued(s)
	if err != nil {
		return err
	}
	p := &drill.Planner{Lib: lib, Cards: cards, Sched: sched, Claims: claims.ResolveAll(cs, lib), Policy: policy, Leeches: leeches, Priority: priority}
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

// checkTopic refuses a topic set on a pack or tag that no loaded pack has, instead of
// opening an empty set: it names the ones there are, the closest first when one is close,
// and says so when the pack is disabled or the name is a tag (or a pack) after all.
// checkTopics is checkTopic of each, the first problem said.
func checkTopics(lib *pack.Library, inst installed, os []drill.Options) error {
	for _, o := range os {
		if err := checkTopic(lib, inst, o); err != nil {
			return err
		}
	}
	return nil
}

func checkTopic(lib *pack.Library, inst installed, o drill.Options) error {
	var tags []string
	for _, t := range lib.Tags() {
		tags = append(tags, t.Tag)
	}
	if o.Pack != "" && lib.Pack(o.Pack) == nil {
		switch {
		case inst.packDisabled(o.Pack):
			return usageError("pack %s is disabled: hotseat pack enable %s brings it back", o.Pack, o.Pack)
		case slices.Contains(tags, o.Pack):
			return usageError("no pack %s, but there is a tag %s: hotseat drill --tag %s", o.Pack, o.Pack, o.Pack)
		}
		return errNoPack(o.Pack, lib.Packs)
	}
	if o.Tag == "" {
		return nil
	}
	if !slices.Contains(tags, o.Tag) {
		if lib.Pack(o.Tag) != nil {
			return usageError("no tag %s, but there is a pack %s: hotseat drill --pack %s", o.Tag, o.Tag, o.Tag)
		}
		return usageError("no tag %s%s; tags: %s", o.Tag, suggest(o.Tag, tags), strings.Join(tags, ", "))
	}
	if o.Pack != "" {
		var own []string
		for _, q := range lib.Pack(o.Pack).Questions {
			own = append(own, q.Tags...)
		}
		slices.Sort(own)
		own = slices.Compact(own)
		if !slices.Contains(own, o.Tag) {
			return usageError("pack %s has no question tagged %s; its tags: %s", o.Pack, o.Tag, strings.Join(own, ", "))
		}
	}
	return nil
}
