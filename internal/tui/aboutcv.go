package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/cv"
	"github.com/hotseat/hotseat/internal/pack"
)

// cvLoadedMsg carries a CV read and checked for the About you screen, or why it was not.
type cvLoadedMsg struct {
	path string
	rep  cv.Report
	err  error
}

// loadCV reads and checks a CV in a command: the file is read off the event loop.
func loadCV(path string, lib *pack.Library) tea.Cmd {
	return func() tea.Msg {
		doc, err := readCV(path)
		if err != nil {
			return cvLoadedMsg{path: path, err: err}
		}
		return cvLoadedMsg{path: path, rep: cv.Check(doc, cv.OptionsFor(lib))}
	}
}

// readCV reads a CV file, with ~ for the home directory.
func readCV(path string) (cv.Document, error) {
	if rest, ok := strings.CutPrefix(path, "~"); ok && (rest == "" || rest[0] == '/' || rest[0] == filepath.Separator) {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, rest)
		}
	}
	return cv.ReadFile(path)
}

// cvOffer is the claims a CV makes, offered one by one, unticked: adding a claim commits
// the candidate to being drilled harder on it, which they choose.
type cvOffer struct {
	path   string
	rep    cv.Report
	pick   []bool
	have   []bool // already claimed: shown, not offered again
	cursor int
}

func newCVOffer(msg cvLoadedMsg, cs []claims.Claim) *cvOffer {
	o := &cvOffer{path: msg.path, rep: msg.rep, pick: make([]bool, len(msg.rep.Claims)), have: make([]bool, len(msg.rep.Claims))}
	for i, c := range msg.rep.Claims {
		_, o.have[i] = claims.Duplicate(cs, c.Text)
	}
	return o
}

// chosen are the ticked claims, stamped now.
func (o *cvOffer) chosen(cx *context) []claims.Claim {
	var out []claims.Claim
	for i, c := range o.rep.Claims {
		if o.pick[i] && !o.have[i] {
			if cl, err := claims.New(c.Text, cx.now()); err == nil {
				out = append(out, cl)
			}
		}
	}
	return out
}

func (o *cvOffer) ticked() int {
	n := 0
	for i, on := range o.pick {
		if on && !o.have[i] {
			n++
		}
	}
	return n
}

// view is the CV's verdict in a line and its claims to tick, as many as fit in h lines
// around the cursor.
func (o *cvOffer) view(st Styles, w, h int) string {
	var b strings.Builder
	errs, hints := o.rep.Errors(), o.rep.Hints()
	name := clean(filepath.Base(o.path))
	switch {
	case errs == 0 && hints == 0:
		b.WriteString(block(st.Good.Render("✓ "+name+": no typos, placeholders or mixed date formats found."), w) + "\n")
	default:
		msg := fmt.Sprintf("%s: %s", name, plural(errs, "problem"))
		if hints > 0 {
			msg += fmt.Sprintf(" and %s", plural(hints, "hint"))
		}
		b.WriteString(block(st.Warn.Render(msg), w) + "\n")
		// A few of the problems, as many as leave room for the claims on a small screen.
		shown, most := 0, max(0, min(3, (h-12)/2))
		for _, f := range o.rep.Findings {
			if f.Hint || shown == most {
				continue
			}
			shown++
			line := fmt.Sprintf("line %d: %s", f.Line, clean(f.Message))
			if f.Suggestion != "" {
				line += " (" + clean(f.Suggestion) + ")"
			}
			b.WriteString(truncate("   "+st.Muted.Render(line), w) + "\n")
		}
		if errs > shown {
			more := fmt.Sprintf("… and %d more: hotseat cv check %s", errs-shown, name)
			if shown == 0 {
				more = "see them with: hotseat cv check " + name
			}
			b.WriteString(truncate("   "+st.Muted.Render(more), w) + "\n")
		}
	}
	b.WriteString("\n")
	if len(o.rep.Claims) == 0 {
		b.WriteString(block(st.Muted.Render("No claims found in it: no \"expert in\", skills list or topic the packs ask about."), w) + "\n")
		return b.String()
	}
	b.WriteString(block(st.Heading.Render("Claims in your CV")+st.Muted.Render("  an interviewer will probe each one; tick the ones you stand by"), w) + "\n")
	used := strings.Count(b.String(), "\n")
	rows := max((h-used)/2, 1)
	if rows < len(o.rep.Claims) {
		rows = max((h-used-1)/2, 1) // and a line that says how many are shown
	}
	first := max(0, min(o.cursor-rows/2, len(o.rep.Claims)-rows))
	for i := first; i < len(o.rep.Claims) && i < first+rows; i++ {
		c := o.rep.Claims[i]
		box := "[ ]"
		switch {
		case o.have[i]:
			box = st.Muted.Render("[=]")
		case o.pick[i]:
			box = st.Good.Render("[x]")
		}
		mark := "  "
		text := fmt.Sprintf("%q", clean(c.Text))
		if i == o.cursor {
			mark, text = st.Selected.Render("> "), st.Selected.Render(text)
		}
		b.WriteString(truncate(" "+mark+box+" "+text, w) + "\n")
		detail := "#" + strings.Join(c.Tags, " #")
		switch {
		case o.have[i]:
			detail = "already one of your claims"
		case len(c.Tags) == 0:
			detail = c.Uncovered
		}
		style := st.Claim
		if o.have[i] || len(c.Tags) == 0 {
			style = st.Muted
		}
		b.WriteString(truncate("       "+style.Render(clean(detail)), w) + "\n")
	}
	if len(o.rep.Claims) > rows {
		b.WriteString(truncate("   "+st.Muted.Render(fmt.Sprintf("%d of %d shown; ↑/↓ for more", rows, len(o.rep.Claims))), w) + "\n")
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
