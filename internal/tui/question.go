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
	// optionLines are the lines where each option starts in top's content (choice
	// questions), so that the highlighted one can be scrolled into view.
	optionLines []int
	saved       string // confirmation of the previous rating, shown above the question
	lead        string // what the interviewer says first (a mock interview round)
	context     string // the line under the question, when not its pack, topic and level
	warn        string // a warning in the line kept under the answer box
	gap         bool   // a blank line between the question and the answer box
	top         pager  // the question (and, on choice questions, its options) when it needs scrolling
	cmd         tea.Cmd
}

func newQuestionScreen(cx *context, it drill.Item, now time.Time, saved string) questionScreen {
	q := questionScreen{cx: cx, item: it, started: now, saved: saved}
	if it.Q.Kind == pack.KindChoice {
		q.picked = make([]bool, len(it.Q.Body().Choices))
		q.multi = len(it.Q.Correct()) > 1
	} else {
		q.input = newAnswerBox(cx, "Type your answer, or say it aloud and submit an empty box.")
	}
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

// Layout of the question screen. An answer box keeps at least minBox lines of text;
// answerWidth is the widest the box grows, so that a line of an answer stays readable on
// a wide terminal.
const (
	minBox      = 3
	answerWidth = 100
)

// resize lays the screen out for the window: the question on top (scrolling in its own
// pager when the window is too small for it), then the answer box or the options.
func (q *questionScreen) resize() {
	w, h := q.cx.width, q.cx.bodyH
	top := q.topContent(readable(w))
	topH := lipgloss.Height(top)
	if !q.open() {
		q.top.SetHeight(h)
		q.top.SetContent(top)
		q.showCursor()
		return
	}
	// Below the question: a blank line (when there is room), the box's two borders, its
	// text, and a line kept for the skip warning (on windows tall enough to spare it).
	avail := h - 2
	if h >= 10 {
		avail--
	}
	topH = min(topH, max(avail-minBox-1, 2))
	q.gap = avail-topH-minBox >= 1
	text := avail - topH
	if q.gap {
		text--
	}
	q.top.SetHeight(topH)
	q.top.SetContent(top)
	q.input.SetWidth(q.boxWidth(w) - 4) // border 2, padding 2
	q.input.SetHeight(max(text, 1))
	q.scrollBoxToTop()
}

// scrollBoxToTop shows as much of the answer from its first line as the box can while
// the cursor's line stays in view: after a resize the box neither hides the cursor nor
// keeps lines scrolled off the top with empty rows below. (The textarea only scrolls the
// least it must when its cursor moves, and not at all when it grows.)
func (q *questionScreen) scrollBoxToTop() {
	row, col := q.input.Line(), q.input.Column()
	q.input.MoveToBegin()
	for q.input.Line() < row {
		before := q.input.Line()
		q.input.CursorDown()
		if q.input.Line() == before && q.input.Column() == 0 {
			break // no progress: never loop on a line the textarea cannot leave
		}
	}
	q.input.SetCursorColumn(col)
	q.input.SetHeight(q.input.Height()) // scrolls down just enough to show the cursor
}

// readable is the width text is laid out at: the window's, up to a width a line can still
// be read at.
func readable(w int) int { return min(w, answerWidth+4) }

// boxWidth is the answer box's outer width.
func (q *questionScreen) boxWidth(w int) int { return max(min(w-2, answerWidth+4), 12) }

// topContent is what stands above the answer box: the confirmation of the last rating,
// the question, and its pack · topic · level line; on a choice question, the options too.
func (q *questionScreen) topContent(w int) string {
	st := q.cx.st
	var b strings.Builder
	if q.saved != "" {
		mark := st.Good.Render("✓ ")
		if !strings.HasPrefix(q.saved, "saved") {
			mark = st.Muted.Render("↷ ")
		}
		b.WriteString(block(mark+st.Muted.Render(q.saved), w) + "\n")
	}
	if q.lead != "" {
		b.WriteString(block(st.Muted.Render(clean(q.lead)), w) + "\n")
	}
	b.WriteString(margin(q.renderedQuestion(w), w) + "\n")
	ctx := q.context
	if ctx == "" {
		ctx = questionContext(q.cx, q.item.Q)
	}
	b.WriteString(block(st.Muted.Render(ctx), w))
	if q.open() {
		return b.String()
	}
	b.WriteString("\n\n")
	if q.multi {
		b.WriteString(" " + st.Muted.Render(fmt.Sprintf("Select all that apply (%d).", len(q.item.Q.Correct()))) + "\n")
	}
	q.optionLines = q.optionLines[:0]
	for i, c := range q.item.Q.Body().Choices {
		q.optionLines = append(q.optionLines, strings.Count(b.String(), "\n"))
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
			line = st.Selected.Render("> " + line)
		} else {
			line = st.Text.Render("  " + line)
		}
		// Options wrap with a hanging indent under their text.
		b.WriteString(hanging(line, w, 1, 8) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// showCursor scrolls a choice question so that the highlighted option is in view.
func (q *questionScreen) showCursor() {
	if q.cursor >= len(q.optionLines) {
		return
	}
	first := q.optionLines[q.cursor]
	last := len(q.top.lines) - 1
	if q.cursor+1 < len(q.optionLines) {
		last = q.optionLines[q.cursor+1] - 1
	}
	if last >= q.top.YOffset()+q.top.Height() {
		q.top.SetYOffset(last - q.top.Height() + 1)
	}
	// Once scrolled, the window's first line is taken by the question's title (see view).
	if off := q.top.YOffset(); off > 0 && first < off+1 {
		q.top.SetYOffset(first - 1)
	}
}

// questionContext is the muted line under a question: its pack, topic and level.
func questionContext(cx *context, q *pack.Question) string {
	name := q.PackID
	if cx.cfg.Lib != nil {
		if p := cx.cfg.Lib.Pack(q.PackID); p != nil && p.Title != "" {
			name = p.Title
		}
	}
	parts := []string{clean(name)}
	if len(q.Tags) > 0 {
		tags := q.Tags[:min(len(q.Tags), 3)]
		parts = append(parts, clean(strings.Join(tags, ", ")))
	}
	return strings.Join(append(parts, q.Level.String()), " · ")
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
	q.input, cmd = q.input.Update(tea.PasteMsg{Content: pasted(s)})
	return cmd
}

// pasted makes pasted text safe for an answer box, keeping its line breaks whether the
// terminal sends them as CRLF, CR or LF (safetext drops carriage returns).
func pasted(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return safetext.Clean(strings.ReplaceAll(s, "\r", "\n"))
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
	if q.scrolls() {
		switch {
		case key.Matches(msg, k.PgUp):
			q.top.PageUp()
			return actContinue
		case key.Matches(msg, k.PgDown):
			q.top.PageDown()
			return actContinue
		}
	}
	if q.open() {
		switch {
		case key.Matches(msg, k.Submit):
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
		if i := int(msg.Code - '1'); i >= 0 && i < n {
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
	default:
		return actContinue
	}
	q.resize()
	return actContinue
}

// scrolls reports whether the question is taller than the room it has.
func (q *questionScreen) scrolls() bool { return q.top.maxOffset() > 0 }

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
	var out []key.Binding
	if q.open() {
		skip := k.Skip
		if q.skipArm {
			skip = withHelp(k.Skip, "again to skip")
		}
		out = []key.Binding{k.Submit, k.Newline, skip}
	} else {
		pick := k.Pick
		if q.multi {
			pick = withHelp(pick, "toggle")
		}
		out = []key.Binding{pick, k.Move, k.Toggle, withHelp(k.Enter, "submit"), k.Skip}
	}
	if q.scrolls() {
		out = append(out, withHelp(k.PgDown, "more of the question"))
	}
	leave := k.LeaveQ
	if q.open() {
		leave = k.Leave
	}
	return append(out, leave, k.Quit)
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

func (q *questionScreen) view(w, _ int) string {
	st := q.cx.st
	top := q.top.View()
	if q.scrolls() && !q.top.AtBottom() {
		top = withMore(st, top, w, q.top.ScrollPercent())
	}
	if q.top.YOffset() > 0 {
		// Scrolled (to an option, or by pgdn): the question's first words stay on top.
		lines := strings.SplitN(top, "\n", 2)
		lines[0] = " " + truncate(st.Muted.Render("Q ")+st.Text.Render(clean(q.item.Q.Title)), max(w-2, 1))
		top = strings.Join(lines, "\n")
	}
	if !q.open() {
		return top
	}
	var b strings.Builder
	b.WriteString(top + "\n")
	if q.gap {
		b.WriteString("\n")
	}
	box := st.BoxFocus.Width(q.boxWidth(w))
	b.WriteString(" " + strings.ReplaceAll(box.Render(q.input.View()), "\n", "\n ") + "\n")
	switch {
	case q.warn != "":
		b.WriteString(block(st.Warn.Render(q.warn), w) + "\n")
	case q.skipArm:
		b.WriteString(block(st.Warn.Render("Press esc again to skip this question and discard your answer."), w) + "\n")
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
	// The accent colour, so that the cursor shows on a light background too.
	styles.Cursor.Color = NewPalette(cx.st.Dark).Accent
	ta.SetStyles(styles)
	return ta
}
