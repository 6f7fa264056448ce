package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/cv"
)

func (a *app) cvCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "cv",
		Short: "Check your CV as a recruiter reads it",
		Long: `Check the CV you will send: typos, placeholders a template left in, dates written three
ways, bullets that change tense, and the claims it makes that an interviewer will probe.
Markdown, plain text, PDF and DOCX are read.`,
	}
	c.AddCommand(a.cvCheckCmd(), a.cvTextCmd())
	return c
}

// readCV reads and parses a CV file ("-" reads Markdown or text from stdin).
func (a *app) readCV(name string) (cv.Document, error) {
	if name != "-" {
		return cv.ReadFile(name)
	}
	data, display, err := a.readBytes(name, "CV", cv.MaxSize, "a CV is rarely over 1 MB")
	if err != nil {
		return cv.Document{}, err
	}
	return cv.Read(display, data)
}

func (a *app) cvCheckCmd() *cobra.Command {
	var asJSON, noHints bool
	c := &cobra.Command{
		Use:   "check FILE|-",
		Short: "Report typos, placeholders, date formats and claims in a CV",
		Long: `Report what a recruiter notices in a CV, one finding a line, like a linter:

  FILE:LINE:COL: kind: message (suggestion)

Kinds: spelling (an English word list plus an ML and software vocabulary and every word
of your packs; names and capitalised product names are never flagged), placeholder
("[Company Name]", "<date>", TODO, TBD, XX%, lorem ipsum, template instructions) and date
(a month written in another format than most of the CV's, rewritten in theirs). Hints,
which do not fail the check: tense (a bullet in another tense than its list) and
punctuation (a full stop where the list's other bullets have none, or the reverse).

Then the claims the CV makes ("expert in", "passionate about", a skills list, what you
say you built), mapped to the tags an interviewer would probe; a claim no question covers
is called out. Confirm them in the TUI (About you, then l) or with hotseat claim add.

For a PDF or DOCX, LINE counts the lines of the text as read: hotseat cv text FILE shows
them numbered. Exits 1 when there is any finding that is not a hint.`,
		Example: `  hotseat cv check cv.md
  hotseat cv check --json cv.pdf | jq '.findings[] | select(.kind == "spelling")'
  hotseat cv text cv.pdf`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			doc, err := a.readCV(args[0])
			if err != nil {
				return &exitError{code: exitFail, err: err}
			}
			lib, problems := a.loadLibrary()
			a.reportSkipped(problems)
			rep := cv.Check(doc, cv.OptionsFor(lib))
			if noHints {
				rep.Findings = hintless(rep.Findings)
			}
			if asJSON {
				if err := writeJSON(a.stdout, cvJSON(doc, rep)); err != nil {
					return err
				}
			} else {
				printCVReport(a.stdout, doc, rep)
			}
			if n := rep.Errors(); n > 0 {
				return &exitError{code: exitFail, silent: true, err: fmt.Errorf("%s in %s", plural(n, "problem"), doc.Name)}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, `print JSON for scripts: {"file":..., "findings":[{"line","col","kind","hint","message","suggestion"}], "claims":[...], "errors":N, "hints":N}`)
	c.Flags().BoolVar(&noHints, "no-hints", false, "leave out the tense and punctuation hints")
	return c
}

func (a *app) cvTextCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "text FILE|-",
		Short: "Print a CV's text as hotseat reads it, with line numbers",
		Long: `Print the text hotseat reads from a CV, each line numbered as hotseat cv check numbers
its findings: for a PDF, its rows top to bottom, page after page; for a DOCX, its
paragraphs. Use it to find a finding in a PDF, or to see what a PDF gives away to the
text readers recruiters' systems use.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			doc, err := a.readCV(args[0])
			if err != nil {
				return &exitError{code: exitFail, err: err}
			}
			_, err = io.WriteString(a.stdout, doc.Text())
			return err
		},
	}
}

func hintless(fs []cv.Finding) []cv.Finding {
	var out []cv.Finding
	for _, f := range fs {
		if !f.Hint {
			out = append(out, f)
		}
	}
	return out
}

type cvFinding struct {
	File string `json:"file"`
	cv.Finding
}

type cvReport struct {
	File     string      `json:"file"`
	Format   cv.Format   `json:"format"`
	Findings []cvFinding `json:"findings"`
	Claims   []cv.Claim  `json:"claims"`
	Errors   int         `json:"errors"`
	Hints    int         `json:"hints"`
}

func cvJSON(doc cv.Document, rep cv.Report) cvReport {
	out := cvReport{File: doc.Name, Format: doc.Format, Findings: []cvFinding{}, Claims: rep.Claims, Errors: rep.Errors(), Hints: rep.Hints()}
	for _, f := range rep.Findings {
		out.Findings = append(out.Findings, cvFinding{doc.Name, f})
	}
	return out
}

// printCVReport writes the findings as a linter does, then the claims. Every quote is from
// the document, which cv.Read cleaned.
func printCVReport(w io.Writer, doc cv.Document, rep cv.Report) {
	for _, f := range rep.Findings {
		kind := string(f.Kind)
		if f.Hint {
			kind += " (hint)"
		}
		fmt.Fprintf(w, "%s:%d:%d: %s: %s", doc.Name, f.Line, f.Col, kind, f.Message)
		if f.Suggestion != "" {
			fmt.Fprintf(w, " (%s)", f.Suggestion)
		}
		fmt.Fprintln(w)
	}
	errs, hints := rep.Errors(), rep.Hints()
	switch {
	case errs == 0 && hints == 0:
		fmt.Fprintf(w, "No problems found in %s.\n", doc.Name)
	case errs == 0:
		fmt.Fprintf(w, "\nNo problems in %s; %s worth a look.\n", doc.Name, plural(hints, "hint"))
	default:
		fmt.Fprintf(w, "\n%s", plural(errs, "problem"))
		if hints > 0 {
			fmt.Fprintf(w, " and %s", plural(hints, "hint"))
		}
		fmt.Fprintf(w, " in %s.\n", doc.Name)
	}
	if len(rep.Claims) == 0 {
		return
	}
	fmt.Fprintln(w, "\nClaims your CV makes (an interviewer will probe each one):")
	for _, c := range rep.Claims {
		fmt.Fprintf(w, "  %s:%d  %q\n", doc.Name, c.Line, c.Text)
		if len(c.Tags) > 0 {
			fmt.Fprintf(w, "      drills #%s\n", strings.Join(c.Tags, " #"))
		} else {
			fmt.Fprintf(w, "      %s\n", c.Uncovered)
		}
	}
	fmt.Fprintln(w, "\nConfirm the ones you stand by: in hotseat, About you (a), then l to load this CV;")
	fmt.Fprintln(w, `or hotseat claim add "the claim".`)
}
