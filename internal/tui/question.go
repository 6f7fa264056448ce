package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/safetext"
)

type questionAction int

const (
	actContinue questionAction = iota
	actSubmit
	actSkip
)

// maxAnswer bounds a typed answer; a spoken interview answer is a few hundred words.
const maxAnswer = 20000

// answer is what the candidate gave, as it stood at submit.
type answer struct {
	item     drill.Item
	text     string // typed answer, cleaned; empty when answered aloud
	picked   []int  // choice questions
	used     time.Duration
	overtime bool
}

// questionScreen asks one question against its clock.
type questionScreen struct {
	cx      *context
	item    drill.Item
	started time.Time
	input   textarea.Model
	cursor  int    // choice questions: highlighted option
	picked  []bool // choice questions: selected options
	multi   bool   // more than one option is correct
	skipArm bool   // esc was pressed once with text in the box
	cmd     tea.Cmd
}

func newQuestionScreen(cx *context, it drill.Item, now time.Time) questionScreen {
	q := questionScreen{cx: cx, item: it, started: now}
	if it.Q.Kind == pack.KindChoice {
		q.picked = make([]bool, len(it.Q.Choices))
		q.multi = len(it.Q.Correct()) > 1
		return q
	}
	q.input = newAnswerBox(cx, "Type your answer, or say it aloud and submit an empty box.")
	q.resize()
	return q
}

func (q *questionScreen) open() bool { return q.item.Q.Kind == pack.KindOpen }

func (q *questionScreen) focus() tea.Cmd {
	if !q.open() {
		return nil
	}
	return q.input.Focus()
}

// resize fits the answer box to the window.
func (q *questionScreen) resize() {
	if !q.open() {
		return
	}
	w := q.cx.width
	q.input.SetWidth(max(w-6, 10)) // margin 1, border 2, padding 2, one spare cell
	questionH := lipgloss.Height(q.renderedQuestion(w))
	// Below the question: a blank line, the box's two borders and a line for the skip
	// warning.
	q.input.SetHeight(max(q.cx.bodyH-questionH-4, 2))
}

// renderedQuestion is the question's Markdown rendered for the width (cached by Markdown).
func (q *questionScreen) renderedQuestion(w int) string {
	return q.cx.md.Render(questionMarkdown(q.item.Q), max(w-2, 20))
}

func (q *questionScreen) hasText() bool {
	return q.open() && strings.TrimSpace(q.input.Value()) != ""
}

func (q *questionScreen) timeUp(now time.Time) bool {
	return q.item.Limit > 0 && now.Sub(q.started) >= q.item.Limit
}

// answer takes the answer as it stands.
func (q *questionScreen) answer(now time.Time, timeUp bool) answer {
	a := answer{item: q.item, used: now.Sub(q.started)}
	a.overtime = timeUp || q.item.Limit > 0 && a.used > q.item.Limit
	if q.open() {
		a.text = strings.TrimSpace(safetext.Clean(q.input.Value()))
	}
	for i, p := range q.picked {
		if p {
			a.picked = append(a.picked, i)
		}
	}
	return a
}

func (q *questionScreen) paste(s string) tea.Cmd {
	if !q.open() {
		return nil
	}
	var cmd tea.Cmd
	q.input, cmd = q.input.Update(tea.PasteMsg{Content: safetext.Clean(s)})
	return cmd
}

// updateInput passes other messages (cursor blink) to the answer box.
func (q *questionScreen) updateInput(msg tea.Msg) tea.Cmd {
	if !q.open() {
		return nil
	}
	var cmd tea.Cmd
	q.input, cmd = q.input.Update(msg)
	return cmd
}

func (q *questionScreen) key(msg tea.KeyPressMsg) questionAction {
	k := q.cx.keys
	q.cmd = nil
	if q.open() {
		switch {
		case key.Matches(msg, k.Submit), key.Matches(msg, k.SubmitAlt):
			return actSubmit
		case key.Matches(msg, k.Skip):
			if q.hasText() && !q.skipArm {
				q.skipArm = true
				return actContinue
			}
			return actSkip
		}
		q.skipArm = false
		q.input, q.cmd = q.input.Update(msg)
		return actContinue
	}
	n := len(q.picked)
	switch {
	case key.Matches(msg, k.Skip):
		return actSkip
	case key.Matches(msg, k.Up):
		q.cursor = (q.cursor + n - 1) % n
	case key.Matches(msg, k.Down):
		q.cursor = (q.cursor + 1) % n
	case key.Matches(msg, k.Pick):
		if i := int(msg.String()[0] - '1'); i < n {
			q.cursor = i
			q.toggle(i)
		}
	case key.Matches(msg, k.Toggle):
		q.toggle(q.cursor)
	case key.Matches(msg, k.Enter):
		if !q.anyPicked() {
			q.toggle(q.cursor)
		}
		return actSubmit
	}
	return actContinue
}

func (q *questionScreen) toggle(i int) {
	if q.multi {
		q.picked[i] = !q.picked[i]
		return
	}
	for j := range q.picked {
		q.picked[j] = j == i
	}
}

func (q *questionScreen) anyPicked() bool {
	for _, p := range q.picked {
		if p {
			return true
		}
	}
	return false
}

func (q *questionScreen) keys() []key.Binding {
	k := q.cx.keys
	if q.open() {
		return []key.Binding{k.Submit, k.SubmitAlt, k.Newline, k.Skip, k.Quit}
	}
	pick := k.Pick
	if q.multi {
		pick = withHelp(pick, "toggle")
	}
	return []key.Binding{pick, withHelp(k.Up, "up"), withHelp(k.Down, "down"), k.Toggle, withHelp(k.Enter, "submit"), k.Skip, k.QuitQ}
}

// clocks is the header's right side: the question's countdown and the set's.
func (q *questionScreen) clocks(now time.Time, r *run) string {
	st := q.cx.st
	w := q.cx.width
	bar := 0
	if w >= 70 {
		bar = 12
	}
	out := clockBar(st, "question", q.item.Limit-now.Sub(q.started), q.item.Limit, bar)
	if r != nil && r.set.Limit > 0 && w >= 50 {
		out += "  " + clockBar(st, "set", r.setLeft(now), r.set.Limit, 0)
	}
	return out
}

func (q *questionScreen) view(w, h int) string {
	st := q.cx.st
	var b strings.Builder
	b.WriteString(block(q.renderedQuestion(w), w) + "\n\n")
	if q.open() {
		box := st.BoxFocus.Width(max(w-2, 12))
		b.WriteString(" " + strings.ReplaceAll(box.Render(q.input.View()), "\n", "\n ") + "\n")
		if q.skipArm {
			b.WriteString(" " + st.Warn.Render("Press esc again to skip this question and discard your answer.") + "\n")
		}
		return b.String()
	}
	if q.multi {
		b.WriteString(" " + st.Muted.Render(fmt.Sprintf("Select all that apply (%d).", len(q.item.Q.Correct()))) + "\n")
	}
	for i, c := range q.item.Q.Choices {
		mark := "( )"
		if q.multi {
			mark = "[ ]"
		}
		if q.picked[i] {
			mark = "(•)"
			if q.multi {
				mark = "[x]"
			}
		}
		line := fmt.Sprintf("%s %d. %s", mark, i+1, clean(c.Text))
		if i == q.cursor {
			b.WriteString(block(st.Selected.Render("> "+line), w) + "\n")
		} else {
			b.WriteString(block(st.Text.Render("  "+line), w) + "\n")
		}
	}
	return b.String()
}

// newAnswerBox is the multi-line box answers and pitches are typed in: enter makes a new
// line (submitting is ctrl+s or ctrl+d, so ctrl+d no longer deletes forward), no line
// numbers, no size limit but maxAnswer characters.
func newAnswerBox(cx *context, placeholder string) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.Placeholder = placeholder
	ta.CharLimit = maxAnswer
	ta.MaxHeight = 0
	ta.KeyMap.DeleteCharacterForward = key.NewBinding(key.WithKeys("delete"))
	styles := textarea.DefaultStyles(cx.st.Dark)
	styles.Focused.CursorLine = lipgloss.NewStyle()
	styles.Focused.Placeholder = cx.st.Muted
	styles.Blurred.Placeholder = cx.st.Muted
	ta.SetStyles(styles)
	return ta
}
