package cli

import (
	"os"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/tui"
)

// show prints a pack overview, or one question, the way the drill will show it.
func (a *app) show(pk *pack.Pack, qid string, width int) error {
	tty := false
	if f, ok := a.stdout.(*os.File); ok {
		tty = term.IsTerminal(f.Fd())
		if width == 0 && tty {
			if w, _, err := term.GetSize(f.Fd()); err == nil {
				width = w
			}
		}
	}
	if width <= 0 {
		width = 80
	}
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
