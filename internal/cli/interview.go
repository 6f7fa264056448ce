package cli

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/interview"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/safetext"
	"github.com/hotseat/hotseat/internal/store"
	"github.com/hotseat/hotseat/internal/tui"
)

func (a *app) interviewCmd() *cobra.Command {
	var (
		minutes int
		level   string
		focus   []string
		pair    bool
		seed    uint64
	)
	c := &cobra.Command{
		Use:   "interview",
		Short: "A timed mock interview round, with a scorecard",
		Long: `Run a mock interview round as an ML engineer loop runs it, offline and repeatably from
your packs. Its phases share the time you give it:

  1. Tell me about yourself (the pitch rules listen; red flags come at the end)
  2. your claims, each climbed from junior to senior until the first clear miss
  3. ML fundamentals   4. testing ML code   5. deployment and production (a scenario first)
  6. behavioural       7. your questions for the interviewer

An answer that misses key points with a follow-up in the pack brings that follow-up (two
deep at most); a strong answer moves the phase up a level. Model answers are not shown
during the round. At the end: a scorecard per competency (1-4, with the evidence), a verdict
(strong hire, hire, lean no hire, no hire) with its reasons, the three questions to drill
next (queued first in your daily drill), then each question with your answer and the model
answer. Every answer is saved as it is given and rated for the schedule like a drill answer.

With --interviewer a partner asks the questions aloud and ticks the key points they hear.`,
		Example: `  hotseat interview --minutes 20
  hotseat interview --level senior --focus gradient-boosting --focus monitoring
  hotseat interview --interviewer          # a study-group partner asks aloud
  hotseat interview list
  hotseat interview show 20261206T090000 --markdown > round.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if minutes < interview.MinMinutes || minutes > interview.MaxMinutes {
				return badValue("minutes", fmt.Sprintf("a whole number of minutes from %d to %d", interview.MinMinutes, interview.MaxMinutes), minutes)
			}
			lv, ok := pack.ParseLevel(level)
			if !ok {
				return badValue("level", "junior, mid or senior", level)
			}
			return a.runTUI(cmd, nil, &tui.RoundStart{Minutes: minutes, Level: lv, Focus: focus, Pair: pair, Seed: seed})
		},
	}
	c.Flags().IntVar(&minutes, "minutes", 45, "the round's length; the phases share it")
	c.Flags().StringVar(&level, "level", "mid", "the level each phase starts at: junior, mid or senior")
	c.Flags().StringSliceVar(&focus, "focus", nil, "tags asked first in every phase (repeatable)")
	c.Flags().BoolVar(&pair, "interviewer", false, "pair mode: a partner asks aloud and ticks the key points heard")
	c.Flags().Uint64Var(&seed, "seed", 0, "repeat a round: the same seed, packs and answers ask the same questions (0: a new round)")
	c.AddCommand(a.interviewListCmd(), a.interviewShowCmd())
	return c
}

// roundRow is one round in `interview list --json`.
type roundRow struct {
	ID       string         `json:"id"`
	Started  string         `json:"started"`
	Minutes  int            `json:"minutes"`
	Level    string         `json:"level"`
	Pair     bool           `json:"pair"`
	Finished bool           `json:"finished"`
	Answers  int            `json:"answers"`
	Verdict  string         `json:"verdict"`
	Scores   map[string]int `json:"scores"` // competency -> 1-4, 0 when not assessed
}

func (a *app) interviewListCmd() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "The rounds you ran, with their verdicts and scores",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openReader()
			if err != nil {
				return err
			}
			defer s.Close()
			reps, err := interview.Load(s)
			if err != nil {
				fmt.Fprintf(a.stderr, "hotseat: %v\n", safeError{err})
			}
			rows := []roundRow{}
			for _, r := range reps {
				row := roundRow{ID: r.ID, Started: r.Started.Format("2006-01-02T15:04:05Z07:00"), Minutes: r.Minutes, Level: r.Level,
					Pair: r.Pair, Finished: r.Finished, Answers: len(r.Answers), Verdict: r.Scorecard.Verdict, Scores: map[string]int{}}
				for _, sc := range r.Scorecard.Scores {
					row.Scores[string(sc.Competency)] = sc.Score
				}
				rows = append(rows, row)
			}
			if asJSON {
				return writeJSON(a.stdout, rows)
			}
			if len(rows) == 0 {
				fmt.Fprintln(a.stdout, "No rounds yet. Run one with hotseat interview (or Mock interview on home).")
				return nil
			}
			printRounds(a.stdout, reps)
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, `print JSON: [{"id","started","minutes","level","pair","finished","answers","verdict","scores":{competency: 1-4}}]`)
	return c
}

func printRounds(w io.Writer, reps []interview.Report) {
	fmt.Fprintf(w, "%-16s  %-16s  %4s  %-6s  %-13s  %s\n", "ID", "STARTED", "MIN", "LEVEL", "VERDICT", "FUND TEST DEPL COMM CLAIMS")
	for _, r := range reps {
		var sc []string
		for _, s := range r.Scorecard.Scores {
			v := "-"
			if s.Score > 0 {
				v = fmt.Sprint(s.Score)
			}
			sc = append(sc, fmt.Sprintf("%4s", v))
		}
		verdict := r.Scorecard.Verdict
		if !r.Finished {
			verdict += "*"
		}
		fmt.Fprintf(w, "%-16s  %-16s  %4d  %-6s  %-13s  %s\n", r.ID, r.Started.Local().Format("2006-01-02 15:04"), r.Minutes, r.Level, verdict, strings.Join(sc, " "))
	}
	left := slices.ContainsFunc(reps, func(r interview.Report) bool { return !r.Finished })
	if left {
		fmt.Fprintln(w, "\n* left before the end.")
	}
	fmt.Fprintln(w, "\nhotseat interview show ID --markdown writes a report to share.")
}

func (a *app) interviewShowCmd() *cobra.Command {
	var markdown, asJSON bool
	c := &cobra.Command{
		Use:   "show ID|last",
		Short: "A round's scorecard and answers (--markdown: a report for a mentor or study group)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openReader()
			if err != nil {
				return err
			}
			defer s.Close()
			rep, err := findRound(s, args[0])
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, rep)
			}
			md := rep.Markdown()
			if markdown {
				// A file to share: the text as written, control characters removed.
				_, err := io.WriteString(a.stdout, safetext.Clean(md))
				return err
			}
			_, err = colorprofile.NewWriter(a.stdout, os.Environ()).WriteString(a.renderMarkdown(md))
			return err
		},
	}
	c.Flags().BoolVar(&markdown, "markdown", false, "print the report as Markdown, to save or share")
	c.Flags().BoolVar(&asJSON, "json", false, "print the round as saved, JSON")
	return c
}

// findRound is the round with this id, or the latest for "last"; an unknown id is refused
// with the ids there are.
func findRound(s *store.Store, id string) (interview.Report, error) {
	if rep, ok, err := interview.Get(s, id); ok && err == nil {
		return rep, nil // the id itself: one round read, not all of them
	}
	reps, _ := interview.Load(s)
	if len(reps) == 0 {
		return interview.Report{}, usageError("no rounds yet: run one with hotseat interview")
	}
	if id == "last" {
		return reps[len(reps)-1], nil
	}
	var ids []string
	for _, r := range reps {
		if r.ID == id {
			return r, nil
		}
		ids = append(ids, r.ID)
	}
	return interview.Report{}, usageError("no round %q%s; the rounds are %s (or last)", id, suggest(id, ids), strings.Join(ids, ", "))
}
