package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/pitch"
	"github.com/hotseat/hotseat/internal/safetext"
)

// maxPitchSize bounds the pitch read from a file or stdin. A two-minute pitch is about
// 2 KB; anything near this size is the wrong file.
const maxPitchSize = 64 << 10

func (a *app) pitchCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "pitch",
		Short: `Rehearse your "Tell me about yourself" pitch`,
		Long: `Rehearse the pitch that opens almost every interview. hotseat reviews it the way an ML
hiring manager hears it: red flags that hurt you, each quoting its sentence and saying why,
the claims you make (an interviewer will check every one), and the time it takes to say.`,
	}
	c.AddCommand(a.pitchCheckCmd())
	return c
}

func (a *app) pitchCheckCmd() *cobra.Command {
	var (
		asJSON bool
		limit  time.Duration
		wpm    int
	)
	c := &cobra.Command{
		Use:   "check FILE|-",
		Short: "Review a pitch written in a file (or - for stdin)",
		Long: `Review a pitch written in an editor: red flags (putting others down, claiming
superiority, blame, no concrete impact, stacked buzzwords, going over time, ...), each with
the sentence it quotes and why it hurts; then the claims found in the pitch, matched against
the packs' claims vocabulary; then the word count and the estimated speaking time.

Exits 1 when any red flag is raised, 0 when the pitch is clean.`,
		Example: `  hotseat pitch check pitch.txt
  hotseat pitch check --time 90s pitch.txt
  pbpaste | hotseat pitch check --json -`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if limit < 10*time.Second || limit > 30*time.Minute {
				return badValue("time", "a duration from 10s to 30m, like 90s", limit)
			}
			if wpm < 60 || wpm > 400 {
				return badValue("wpm", "a whole number of words a minute from 60 to 400", wpm)
			}
			text, err := a.readPitch(args[0])
			if err != nil {
				return &exitError{code: exitFail, err: err}
			}
			lib, problems := a.loadLibrary()
			a.reportSkipped(problems)
			if err := pitch.RulesError(); err != nil {
				fmt.Fprintf(a.stderr, "hotseat: some pitch rules are broken and were skipped: %v\n", err)
			}
			rev := pitch.Analyze(text, pitch.Options{Limit: limit, WordsPerMinute: wpm, Claims: lib.Claims()})
			if asJSON {
				enc := json.NewEncoder(a.stdout)
				enc.SetIndent("", "  ")
				if err := enc.Encode(rev); err != nil {
					return err
				}
			} else {
				printReview(a.stdout, rev)
			}
			if rev.HasFlags() {
				return &exitError{code: exitFail, silent: true, err: fmt.Errorf("%d red flag(s)", len(rev.Flags))}
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, `print JSON for scripts: {"flags":[...],"claims":[...],"words":N,"estimated_seconds":N}`)
	c.Flags().DurationVar(&limit, "time", pitch.DefaultLimit, "the time you have to speak")
	c.Flags().IntVar(&wpm, "wpm", pitch.DefaultWordsPerMinute, "your speaking rate in words a minute, for the time estimate")
	return c
}

// readPitch reads the pitch from a file or, for "-", stdin (see readText).
func (a *app) readPitch(name string) (string, error) {
	text, display, err := a.readText(name, "pitch", maxPitchSize, "a two-minute pitch is about 2 KB")
	if err == nil && strings.TrimSpace(text) == "" {
		return "", fmt.Errorf("pitch %s is empty: write what you would say when asked to tell the interviewer about yourself", display)
	}
	return text, err
}

// readText reads what (a pitch, an answer) from a file or, for "-", stdin, refusing more
// than limit bytes (usual names what a normal one weighs). The text is untrusted: it is
// cleaned of control characters and escape sequences here, so everything quoted from it is
// safe to print. display names the source in messages.
func (a *app) readText(name, what string, limit int, usual string) (text, display string, err error) {
	b, display, err := a.readBytes(name, what, limit, usual)
	if err != nil {
		return "", display, err
	}
	return safetext.Clean(string(b)), display, nil
}

// readBytes is readText without the cleaning, for files that are not text (a PDF CV).
func (a *app) readBytes(name, what string, limit int, usual string) (data []byte, display string, err error) {
	var r io.Reader
	display = name
	if name == "-" {
		r, display = a.stdin, "stdin"
	} else {
		f, err := os.Open(name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, display, fmt.Errorf("read %s %s: no such file", what, name)
			}
			return nil, display, fmt.Errorf("read %s %s: %w", what, name, unwrapPathErr(err))
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return nil, display, fmt.Errorf("read %s %s: it is a directory; give the file your %s is in", what, name, what)
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, int64(limit)+1))
	if err != nil {
		return nil, display, fmt.Errorf("read %s %s: %w", what, display, unwrapPathErr(err))
	}
	if len(b) > limit {
		return nil, display, fmt.Errorf("%s %s is larger than %d KiB; %s: is it the right file?", what, display, limit>>10, usual)
	}
	return b, display, nil
}

func unwrapPathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// printReview writes the review for a person: flags, then claims, then length. Every string
// from the pitch is cleaned again on the way out.
func printReview(w io.Writer, r pitch.Review) {
	clean := safetext.Clean
	if r.HasFlags() {
		fmt.Fprintf(w, "%s\n", plural(len(r.Flags), "red flag"))
		for _, f := range r.Flags {
			fmt.Fprintf(w, "\n✗ %s (%s)\n", clean(f.Name), f.Rule)
			if f.Sentence != "" {
				fmt.Fprintf(w, "  \"%s\"\n", clean(f.Sentence))
			}
			for _, line := range wrap(clean(f.Why), 76) {
				fmt.Fprintf(w, "  %s\n", line)
			}
		}
	} else {
		fmt.Fprintln(w, "No red flags.")
	}
	fmt.Fprintln(w)
	if len(r.Claims) == 0 {
		fmt.Fprintln(w, "Claims: none found in the claims vocabulary.")
	} else {
		fmt.Fprintln(w, "Claims you made (an interviewer will check each one; confirm them with `hotseat claim add`):")
		for _, c := range r.Claims {
			fmt.Fprintf(w, "  • %s: \"%s\"\n    matched \"%s\"; drills tags %s\n", clean(c.Topic), clean(c.Sentence), clean(c.Phrase), clean(strings.Join(c.Tags, ", ")))
		}
	}
	fmt.Fprintf(w, "\n%s · about %s at %d words a minute (limit %s, about %s)\n",
		plural(r.Words, "word"), clock(r.Estimated()), r.WordsPerMinute, clock(r.Limit), plural(r.MaxWords, "word"))
}

// clock writes 2m, 45s or 2m08s.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s%60 == 0:
		return fmt.Sprintf("%dm", s/60)
	}
	return fmt.Sprintf("%dm%02ds", s/60, s%60)
}

// wrap breaks text into lines of at most width characters at spaces.
func wrap(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len([]rune(line))+1+len([]rune(word)) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
