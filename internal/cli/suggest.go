package cli

import (
	"fmt"
	"io/fs"
	"os"
	"strings"

	udiff "github.com/aymanbagabas/go-udiff"
	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/questions"
)

func (a *app) packSuggestTermsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "suggest-terms PACK",
		Short: "Print the words you saved for a pack's key points as a patch to its Markdown",
		Long: `When the grader missed a key point you made in your own words, the reveal offers to save
those words ("I said it differently"). This prints them as a unified diff of the pack's file:
each phrase added to the (match: ...) groups it does not already satisfy, so that it earns
the point on its own. Review it, then apply it in the pack's repository and open a pull
request, so everyone in the group gets the better terms:

  hotseat pack suggest-terms ensembles > terms.patch
  git apply terms.patch`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lib, problems := a.loadLibrary()
			a.reportSkipped(problems)
			pk := lib.Pack(args[0])
			if pk == nil {
				return errNoPack(args[0], lib.Packs)
			}
			if p, err := a.dbPath(); err == nil {
				if _, err := os.Stat(p); err != nil {
					fmt.Fprintf(a.stderr, "hotseat: no saved words yet (no database at %s). Tick a point the grader missed on the reveal to save yours.\n", p)
					return nil
				}
			}
			s, err := a.openStore(true)
			if err != nil {
				return err
			}
			defer s.Close()
			syns, err := s.Synonyms()
			if err != nil {
				return &exitError{code: exitFail, err: err}
			}
			name, src, err := packSource(pk)
			if err != nil {
				return &exitError{code: exitFail, err: err}
			}
			lines := strings.Split(src, "\n")
			th := score.Default().With(lib.Packs)
			added := 0
			for _, syn := range syns {
				q := lib.Question(syn.Question)
				if q == nil || q.PackID != pk.ID {
					continue
				}
				for i, kp := range q.Body().KeyPoints {
					if kp.Text != syn.Point || kp.Line < 1 || kp.Line > len(lines) {
						continue
					}
					line, ok := addTerm(lines[kp.Line-1], sanitizeTerm(syn.Phrase), score.GroupsSaid(q, i, syn.Phrase, th))
					if ok {
						lines[kp.Line-1] = line
						added++
					}
				}
			}
			if added == 0 {
				fmt.Fprintf(a.stderr, "hotseat: no saved words for %s's key points (or the terms already match them). Tick a point the grader missed on the reveal to save yours.\n", pk.ID)
				return nil
			}
			patch := udiff.Unified("a/"+name, "b/"+name, src, strings.Join(lines, "\n"))
			if !strings.HasSuffix(patch, "\n") {
				patch += "\n"
			}
			fmt.Fprint(a.stdout, patch)
			fmt.Fprintf(a.stderr, "hotseat: %d phrase(s) added to %s; check them with hotseat pack lint after applying.\n", added, name)
			return nil
		},
	}
}

// packSource returns the pack's file name as its repository has it, and its text.
func packSource(pk *pack.Pack) (string, string, error) {
	if pk.Source == "embedded" {
		b, err := fs.ReadFile(questions.FS, pk.File)
		return "questions/" + pk.File, string(b), err
	}
	b, err := os.ReadFile(pk.File)
	if err != nil {
		return "", "", fmt.Errorf("read %s: %w", pk.File, unwrapPathErr(err))
	}
	name := strings.TrimPrefix(pk.File, strings.TrimSuffix(pk.Source, "/")+"/")
	return name, string(b), nil
}

// sanitizeTerm makes a phrase a valid term: no separators, brackets or stars.
func sanitizeTerm(p string) string {
	p = strings.Map(func(r rune) rune {
		if strings.ContainsRune(",;()*:", r) {
			return ' '
		}
		return r
	}, p)
	return strings.ToLower(strings.Join(strings.Fields(p), " "))
}

// addTerm adds term to each required group of a key point line's (match: ...) that said[i]
// reports unmatched. It reports whether the line changed.
func addTerm(line, term string, said []bool) (string, bool) {
	i := strings.LastIndex(line, "(match:")
	if i < 0 || term == "" || !strings.HasSuffix(strings.TrimRight(line, " \t\r"), ")") {
		return line, false
	}
	end := strings.LastIndex(line, ")")
	groups := strings.Split(line[i+len("(match:"):end], ";")
	req, changed := 0, false
	for gi, g := range groups {
		t := strings.TrimSpace(g)
		if strings.HasPrefix(t, "optional:") || strings.HasPrefix(t, "wrong:") {
			continue
		}
		if req < len(said) && !said[req] {
			groups[gi] = strings.TrimRight(g, " ") + ", " + term
			changed = true
		}
		req++
	}
	if !changed {
		return line, false
	}
	return line[:i] + "(match:" + strings.Join(groups, ";") + line[end:], true
}
