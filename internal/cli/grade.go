package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/store"
)

// maxAnswerSize bounds an answer read by grade: a four-minute answer is about 4 KB.
const maxAnswerSize = 64 << 10

// gradeJSON is the output of hotseat grade --json.
type gradeJSON struct {
	Question       string          `json:"question"`
	KeyPoints      []gradePoint    `json:"key_points"`
	Misconceptions []gradeMisc     `json:"misconceptions"`
	Flags          []string        `json:"flags"`
	RedFlags       []score.Flag    `json:"red_flags"`
	Suggested      string          `json:"suggested"`
	Reason         string          `json:"reason"`
	Explain        [][]explainJSON `json:"explain,omitempty"`
}

type gradePoint struct {
	Text     string   `json:"text"`
	Covered  bool     `json:"covered"`
	Partial  bool     `json:"partial"`
	Matched  []string `json:"matched"`
	Missing  []string `json:"missing"`
	Wrong    []string `json:"wrong"`
	Personal bool     `json:"personal,omitempty"`
	Shown    []string `json:"shown,omitempty"`
}

type gradeMisc struct {
	Text    string `json:"text"`
	Matched string `json:"matched"`
}

type explainJSON struct {
	Label string     `json:"label,omitempty"`
	Terms []termJSON `json:"terms"`
}

type termJSON struct {
	Term    string `json:"term"`
	Found   bool   `json:"found"`
	Matched string `json:"matched,omitempty"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Negated bool   `json:"negated,omitempty"`
	InList  bool   `json:"in_list,omitempty"`
}

func (a *app) gradeCmd() *cobra.Command {
	var (
		asJSON, explain bool
		used            time.Duration
	)
	c := &cobra.Command{
		Use:   "grade PACK/ID [FILE|-]",
		Short: "Grade one typed answer exactly as the drill's reveal would",
		Long: `Grade an answer to an open question, read from FILE or standard input, exactly as the
drill's reveal does: which key points it covers (✓), half covers (◐) or misses (✗), the
misconceptions and red flags it states, and the suggested rating. Without --used the answer
counts as given in time, at half the question's limit. Phrases you saved with "I said it
differently" count, as they do in the drill.

--explain is for pack authors: every term of every key point, and where in the answer it
matched, was rejected by the negation rule, or did not occur.`,
		Example: `  hotseat grade ensembles/bagging-vs-boosting answer.txt
  pbpaste | hotseat grade --used 2m30s trees-and-forests/gini-vs-entropy -
  hotseat grade --json --explain ensembles/bagging-vs-boosting answer.txt`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if used < 0 || used > 24*time.Hour {
				return badValue("used", "a duration such as 1m30s", used)
			}
			lib, problems := a.loadLibrary()
			a.reportSkipped(problems)
			pk, qid, _ := strings.Cut(args[0], "/")
			p := lib.Pack(pk)
			if p == nil {
				return errNoPack(pk, lib.Packs)
			}
			if qid == "" {
				return usageError("say which question: %s/ID (hotseat pack show %s lists them)", pk, pk)
			}
			q := lib.Question(pk + "/" + qid)
			if q == nil {
				return errNoQuestion(p, qid)
			}
			if q.Kind != pack.KindOpen {
				return usageError("%s is a choice question: it is graded by the options you pick, not by text", q.Key())
			}
			src := "-"
			if len(args) == 2 {
				src = args[1]
			}
			answer, err := a.readAnswer(src)
			if err != nil {
				return &exitError{code: exitFail, err: err}
			}
			opt := score.Options{Thesaurus: score.Default().With(lib.Packs), Personal: a.personal(q)}
			cov := score.Grade(q, answer, opt)
			in := score.Input{Kind: q.Kind, Coverage: cov, Used: q.Time / 2, Limit: q.Time}
			if cmd.Flags().Changed("used") {
				in.Used = used
			}
			sugg := score.Suggest(in)
			out := gradeOutput(q, cov, sugg)
			if explain {
				out.Explain = explainOutput(answer, score.Explain(q, answer, opt))
			}
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			printGrade(a.stdout, q, out)
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, `print JSON: {"question":"pack/id","key_points":[...],"flags":[...],"suggested":"Good",...}`)
	c.Flags().BoolVar(&explain, "explain", false, "show, for pack authors, which terms matched where")
	c.Flags().DurationVar(&used, "used", 0, "how long the answer took, like 1m30s (default: half the question's limit, in time)")
	// "0" is the default value both fang's help and pflag's leave unprinted (see drill's --time).
	c.Flags().Lookup("used").DefValue = "0"
	return c
}

// personal returns the candidate's saved phrases for q. A database that does not exist yet
// has none; one that cannot be read is reported and grading goes on without them.
func (a *app) personal(q *pack.Question) map[int][]string {
	p, err := a.dbPath()
	if err != nil {
		return nil
	}
	if _, err := os.Stat(p); err != nil {
		return nil
	}
	s, err := store.Open(p, store.Options{Timeout: time.Second, ReadOnly: true, Now: a.now})
	if err != nil {
		fmt.Fprintf(a.stderr, "hotseat: your saved phrases were not used: %v\n", safeError{err})
		return nil
	}
	defer s.Close()
	byText, err := s.SynonymsFor(q.Key())
	if err != nil {
		fmt.Fprintf(a.stderr, "hotseat: your saved phrases were not used: %v\n", safeError{err})
		return nil
	}
	return score.PersonalFor(q, byText)
}

// readAnswer reads an answer from a file or stdin (see readText).
func (a *app) readAnswer(name string) (string, error) {
	text, _, err := a.readText(name, "answer", maxAnswerSize, "a four-minute answer is about 4 KB")
	return text, err
}

func gradeOutput(q *pack.Question, cov score.Coverage, sugg score.Suggestion) gradeJSON {
	out := gradeJSON{Question: q.Key(), Suggested: sugg.Rating.String(), Reason: sugg.Reason,
		KeyPoints: []gradePoint{}, Misconceptions: []gradeMisc{}, Flags: []string{}, RedFlags: []score.Flag{}}
	for i, kp := range q.Body().KeyPoints {
		pt := cov.Points[i]
		gp := gradePoint{Text: kp.Text, Covered: cov.Covered[i], Partial: cov.Partial[i],
			Matched: nonNil(pt.Matched), Missing: nonNil(pt.Missing), Wrong: nonNil(pt.WrongTerms), Personal: pt.Personal, Shown: pt.Shown}
		if pt.State == score.Wrong {
			gp.Matched = []string{}
			gp.Wrong = nonNil(pt.Matched)
		}
		out.KeyPoints = append(out.KeyPoints, gp)
	}
	for _, m := range cov.Misconceptions {
		out.Misconceptions = append(out.Misconceptions, gradeMisc{Text: m.Text, Matched: m.Matched})
	}
	if cov.List {
		out.Flags = append(out.Flags, "keyword-list")
	}
	if len(cov.Misconceptions) > 0 || hasWrong(cov) {
		out.Flags = append(out.Flags, "misconception")
	}
	for _, f := range cov.Flags {
		out.Flags = append(out.Flags, f.Rule)
		out.RedFlags = append(out.RedFlags, f)
	}
	return out
}

func hasWrong(c score.Coverage) bool {
	for _, p := range c.Points {
		if p.State == score.Wrong {
			return true
		}
	}
	return false
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func explainOutput(answer string, groups [][]score.GroupHits) [][]explainJSON {
	out := make([][]explainJSON, len(groups))
	for i, gs := range groups {
		out[i] = []explainJSON{}
		for _, g := range gs {
			ej := explainJSON{Label: g.Label}
			for _, h := range g.Terms {
				tj := termJSON{Term: h.Term, Found: h.Found, Negated: h.Negated, InList: h.InList}
				if h.Found || h.Negated || h.InList {
					tj.Matched = h.Matched
					tj.Line, tj.Column = lineCol(answer, h.Span.Start)
				}
				ej.Terms = append(ej.Terms, tj)
			}
			out[i] = append(out[i], ej)
		}
	}
	return out
}

// lineCol returns the 1-based line and column (in characters) of byte offset off.
func lineCol(s string, off int) (int, int) {
	before := s[:off]
	line := strings.Count(before, "\n") + 1
	col := len([]rune(before[strings.LastIndexByte(before, '\n')+1:])) + 1
	return line, col
}

// printGrade writes the verdict the way the reveal shows it, as plain text.
func printGrade(w io.Writer, q *pack.Question, g gradeJSON) {
	fmt.Fprintf(w, "%s: %s\n\n", g.Question, q.Title)
	for i, p := range g.KeyPoints {
		switch {
		case len(p.Wrong) > 0:
			fmt.Fprintf(w, "✗ %s\n    a common misconception: %s\n", p.Text, quoteAll(p.Wrong))
		case p.Covered && len(p.Shown) > 0:
			fmt.Fprintf(w, "✓ %s\n    shown by your answer: %s\n", p.Text, strings.Join(p.Shown, ", "))
		case p.Covered:
			how := "you said " + quoteAll(p.Matched)
			if p.Personal {
				how += " (your saved phrase)"
			}
			fmt.Fprintf(w, "✓ %s\n    %s\n", p.Text, how)
		case p.Partial:
			fmt.Fprintf(w, "◐ %s\n    half: you said %s; missing %s\n", p.Text, quoteAll(p.Matched), orList(p.Missing))
		default:
			fmt.Fprintf(w, "✗ %s\n    an answer would need %s\n", p.Text, orList(p.Missing))
		}
		if g.Explain != nil {
			for _, grp := range g.Explain[i] {
				label := "group"
				if grp.Label != "" {
					label = grp.Label + ":"
				}
				fmt.Fprintf(w, "      %s", label)
				for _, t := range grp.Terms {
					switch {
					case t.Found:
						fmt.Fprintf(w, " [%s → %q at %d:%d]", t.Term, t.Matched, t.Line, t.Column)
					case t.Negated:
						fmt.Fprintf(w, " [%s: negation rule at %d:%d]", t.Term, t.Line, t.Column)
					case t.InList:
						fmt.Fprintf(w, " [%s: only in the keyword list at %d:%d]", t.Term, t.Line, t.Column)
					default:
						fmt.Fprintf(w, " %s", t.Term)
					}
				}
				fmt.Fprintln(w)
			}
		}
	}
	for _, m := range g.Misconceptions {
		fmt.Fprintf(w, "\n✗ A common misconception: %s\n    you said %q\n", m.Text, m.Matched)
	}
	for _, f := range g.RedFlags {
		fmt.Fprintf(w, "\n⚑ %s: %q\n    %s\n", f.Name, f.Sentence, f.Why)
	}
	for _, f := range g.Flags {
		if f == "keyword-list" {
			fmt.Fprintf(w, "\nThis reads like a list of keywords; say it as you would to an interviewer.\n")
		}
	}
	fmt.Fprintf(w, "\nSuggested: %s (%s)\n", g.Suggested, g.Reason)
}

func quoteAll(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

func orList(s []string) string {
	if len(s) == 0 {
		return "more of the idea"
	}
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, " and ")
}
