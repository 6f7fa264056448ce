package cli

import (
	"os"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/tui"
)

// outputWidth is the width of the terminal standard output is, or 80.
func (a *app) outputWidth() int {
	if f, ok := a.stdout.(*os.File); ok && term.IsTerminal(f.Fd()) {
		if w, _, err := term.GetSize(f.Fd()); err == nil && w > 0 {
			return w
		}
	}
	return 80
}

// show prints a pack overview, or one question wrapped at width, the way the drill will
// show it.
func (a *app) show(pk *pack.Pack, qid string, width int) error {
	tty := isTerminal(a.stdout)
	dark := true
	if tty {
		dark = lipgloss.HasDarkBackground(os.Stdin, os.Stdout)
	}
	st := tui.NewStyles(dark)
	w := colorprofile.NewWriter(a.stdout, os.Environ())
	if qid == "" {
		_, err := w.WriteString(tui.PreviewPack(pk, st))
		return err
	}
	for _, q := range pk.Questions {
		if q.ID == qid {
			_, err := w.WriteString(tui.PreviewQuestion(q, width, st, tui.NewMarkdown(dark, !tty)))
			return err
		}
	}
	return errNoQuestion(pk, qid)
}

// renderMarkdown renders a report for the terminal standard output is (plain when it is a
// file or a pipe), wrapped to its width.
func (a *app) renderMarkdown(md string) string {
	tty := isTerminal(a.stdout)
	dark := true
	if tty {
		dark = lipgloss.HasDarkBackground(os.Stdin, os.Stdout)
	}
	return tui.NewMarkdown(dark, !tty).Render(md, min(a.outputWidth(), 100))
}
