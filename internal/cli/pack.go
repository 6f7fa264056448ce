package cli

import (
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/source"
	"github.com/hotseat/hotseat/questions"
	"github.com/hotseat/hotseat/questions/preparsed"
)

func (a *app) packCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "pack",
		Short: "Work with question packs: list, show, lint, add, update, import, export",
		Long: `Question packs are Markdown files: one file per pack, one ## heading per question.
The format is described in questions/README.md of the hotseat repository.`,
	}
	a.addPackCommands(c)
	return c
}

func (a *app) packLintCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "lint [PATH...]",
		Short: "Check pack files and print file:line: message for every problem",
		Long: `Check pack files (or every pack in a directory) and print each problem as
file:line: message. Exits 1 when there is an error; warnings do not fail the lint.
Without a PATH, lints the embedded packs and those given by --packs / $HOTSEAT_PACKS.`,
		Example: `  hotseat pack lint my-pack.md
  hotseat pack lint packs/`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.lint(args)
		},
	}
}

// lint parses the given paths and reports every problem. Follow-ups into other packs
// resolve against the linted packs and, for packs not among them, the embedded ones.
func (a *app) lint(paths []string) error {
	var packs []*pack.Pack
	var diags pack.Diagnostics
	if len(paths) == 0 {
		p, d := pack.LoadFS(questions.FS, "questions")
		packs, diags = append(packs, p...), append(diags, d...)
		paths = a.packSources()
	}
	for _, p := range paths {
		ps, d := pack.LoadPath(p)
		packs, diags = append(packs, ps...), append(diags, d...)
	}
	lib := pack.NewLibrary()
	linted := map[string]bool{}
	for _, pk := range packs {
		linted[pk.File] = true
	}
	// Duplicate ids among the linted files are problems; the embedded packs only help
	// resolve follow-ups, so their duplicates are not.
	diags = append(diags, lib.Add(packs, onlyErrorsOf(diags))...)
	var helpers []*pack.Pack
	for _, pk := range preparsed.Packs() {
		if lib.Pack(pk.ID) == nil {
			helpers = append(helpers, pk)
		}
	}
	lib.Add(helpers, nil)
	for _, d := range lib.CheckFollowUps() {
		if linted[d.File] {
			diags = append(diags, d)
		}
	}
	diags = append(diags, gradeModelAnswers(packs, diags)...)
	sort.SliceStable(diags, func(i, j int) bool {
		if diags[i].File != diags[j].File {
			return diags[i].File < diags[j].File
		}
		return diags[i].Line < diags[j].Line
	})
	for _, d := range diags {
		fmt.Fprintln(a.stdout, source.CleanDiagnostic(d))
	}
	questionsN := 0
	for _, pk := range packs {
		questionsN += len(pk.Questions)
	}
	errs, warns := diags.Errors(), len(diags)-diags.Errors()
	if errs > 0 {
		fmt.Fprintf(a.stderr, "%s, %s in %d pack file(s)\n", plural(errs, "error"), plural(warns, "warning"), len(linted)+countUnparsed(diags, linted))
		return &exitError{code: exitFail, silent: true, err: fmt.Errorf("%d lint errors", errs)}
	}
	fmt.Fprintf(a.stderr, "ok: %s, %s, %s\n", plural(len(packs), "pack"), plural(questionsN, "question"), plural(warns, "warning"))
	return nil
}

// gradeModelAnswers checks each open question's model answer against its own key points,
// as the grader would grade it: it must earn every point, and state none of the question's
// misconceptions. A point its own answer misses has terms no good answer will match. Packs
// with parse errors are left out: their diagnostics already say what to fix.
func gradeModelAnswers(packs []*pack.Pack, diags pack.Diagnostics) pack.Diagnostics {
	broken := map[string]bool{}
	for _, d := range diags {
		if !d.Warning {
			broken[d.File] = true
		}
	}
	th := score.Default().With(packs)
	var out pack.Diagnostics
	for _, pk := range packs {
		if broken[pk.File] {
			continue
		}
		for _, q := range pk.Questions {
			body := q.Body()
			if q.Kind != pack.KindOpen || body.Answer == "" || len(body.KeyPoints) == 0 {
				continue
			}
			c := score.Grade(q, body.Answer, score.Options{Thesaurus: th, AllowList: true})
			for _, kp := range body.KeyPoints {
				if err := score.CheckShown(kp); err != nil {
					out = append(out, pack.Diagnostic{File: pk.File, Line: kp.Line, Message: err.Error()})
				}
			}
			for i, kp := range body.KeyPoints {
				switch pt := c.Points[i]; pt.State {
				case score.Wrong:
					out = append(out, pack.Diagnostic{File: pk.File, Line: kp.Line,
						Message: fmt.Sprintf("the model answer says %q, one of this key point's wrong: terms; reword the answer or the term", pt.Matched[0])})
				case score.Covered:
				default:
					out = append(out, pack.Diagnostic{File: pk.File, Line: kp.Line,
						Message: fmt.Sprintf("the model answer does not earn this key point (no match for %s): add the words the answer uses to its (match: ...) terms", strings.Join(pt.Missing, "; "))})
				}
			}
			for _, m := range c.Misconceptions {
				line := q.Line
				for _, qm := range body.Misconceptions {
					if qm.Text == m.Text {
						line = qm.Line
					}
				}
				out = append(out, pack.Diagnostic{File: pk.File, Line: line,
					Message: fmt.Sprintf("the model answer states this misconception (%q): reword the answer or the (wrong: ...) terms", m.Matched)})
			}
		}
	}
	return out
}

func onlyErrorsOf(ds pack.Diagnostics) pack.Diagnostics {
	var out pack.Diagnostics
	for _, d := range ds {
		if !d.Warning {
			out = append(out, d)
		}
	}
	return out
}

// countUnparsed counts files that produced diagnostics but no pack (too large, unreadable).
func countUnparsed(ds pack.Diagnostics, parsed map[string]bool) int {
	seen := map[string]bool{}
	for _, d := range ds {
		if !parsed[d.File] {
			seen[d.File] = true
		}
	}
	return len(seen)
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// packSummary is one row of `pack list --json`.
type packSummary struct {
	ID        string         `json:"id"`
	Title     string         `json:"title"`
	Version   string         `json:"version"`
	Source    string         `json:"source"`
	Questions int            `json:"questions"`
	ByKind    map[string]int `json:"by_kind"`
	ByLevel   map[string]int `json:"by_level"`
	ByTag     map[string]int `json:"by_tag"`
}

func summarize(pk *pack.Pack) packSummary {
	s := packSummary{ID: pk.ID, Title: pk.Title, Version: pk.Version, Source: pk.Source,
		Questions: len(pk.Questions), ByKind: map[string]int{}, ByLevel: map[string]int{}, ByTag: map[string]int{}}
	for _, q := range pk.Questions {
		s.ByKind[q.Kind.String()]++
		s.ByLevel[q.Level.String()]++
		for _, t := range q.Tags {
			s.ByTag[t]++
		}
	}
	return s
}

func (a *app) packListCmd() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List every pack: its source, version, and whether it is enabled",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.listPacks(asJSON)
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print a JSON array for scripts")
	return c
}

func (a *app) packShowCmd() *cobra.Command {
	var width int
	c := &cobra.Command{
		Use:   "show PACK[/QUESTION]",
		Short: "Preview a pack, or one question with its answer and key points",
		Example: `  hotseat pack show ensembles
  hotseat pack show ensembles/bagging-vs-boosting`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("width") {
				width = a.outputWidth()
			} else if width < minWidth || width > maxWidth {
				return badValue("width", fmt.Sprintf("a whole number of columns from %d to %d", minWidth, maxWidth), width)
			}
			lib, problems := a.loadLibrary()
			a.reportSkipped(problems)
			id, qid, _ := strings.Cut(args[0], "/")
			pk := lib.Pack(id)
			if pk == nil {
				return errNoPack(id, lib.Packs)
			}
			return a.show(pk, qid, width)
		},
	}
	c.Flags().IntVar(&width, "width", 0, "wrap at this many columns (default: the terminal's, or 80)")
	return c
}

// The widths pack show accepts: narrower, no question is readable; wider, no line is.
const (
	minWidth = 20
	maxWidth = 500
)

// errNoPack refuses a pack id that none of packs has, naming those there are.
func errNoPack(id string, packs []*pack.Pack) error {
	ids := make([]string, len(packs))
	for i, p := range packs {
		ids[i] = p.ID
	}
	sort.Strings(ids)
	return usageError("no pack %s%s; packs: %s", id, suggest(id, ids), strings.Join(ids, ", "))
}

// errNoQuestion refuses a question id that pack pk does not have.
func errNoQuestion(pk *pack.Pack, qid string) error {
	ids := make([]string, len(pk.Questions))
	for i, q := range pk.Questions {
		ids[i] = q.ID
	}
	return usageError("pack %s has no question %s%s: hotseat pack show %s lists them", pk.ID, qid, suggest(qid, ids), pk.ID)
}
