package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hotseat/hotseat/internal/drill"
)

// The frame every screen is drawn in: the header with the clocks, the body, the help bar
// that lists every key that works, and the cuts that keep a view inside the window.

// View lays out the current screen: header, rule, body, rule, help bar.
func (m Model) View() tea.View {
	// The answer box draws its own (virtual) cursor, so the terminal cursor stays hidden.
	v := tea.NewView(m.render())
	v.AltScreen = true
	return v
}

func (m Model) render() string {
	cx := m.cx
	w := max(cx.width, 20)
	header := m.header()
	rule := cx.st.Rule.Render(strings.Repeat("─", w))
	footer := m.helpBar(w)
	bodyH := max(cx.height-lipgloss.Height(header)-lipgloss.Height(footer)-2, 1)
	body := fitWidth(fitHeight(m.body(w, bodyH), bodyH), w)
	return header + "\n" + rule + "\n" + body + "\n" + rule + "\n" + footer
}

// body is the current screen's body as the screen lays it out, before the root cuts it to
// the window (tests check that screens fit without the cut).
func (m Model) body(w, bodyH int) string {
	cx := m.cx
	var body string
	switch {
	case m.confirm != confirmNone:
		body = m.confirmView(w)
	case m.welcome, m.screen == screenHome && m.showAll:
		body = m.page.View()
		if !m.page.AtBottom() {
			body = withMore(cx.st, body, w, m.page.ScrollPercent())
		}
	case m.screen == screenHome:
		body = m.home.view(w, bodyH, m.stats, m.loaded, m.loadErr, m.claims, m.audit)
	case m.screen == screenAbout:
		body = m.about.view(w, bodyH, m.claims, m.audit)
	case m.screen == screenPitch:
		body = m.pitch.view(w, bodyH)
	case m.screen == screenTopics:
		body = m.topics.view(w, bodyH)
	case m.screen == screenQuestion:
		body = m.q.view(w, bodyH)
	case m.screen == screenReveal:
		body = m.rev.view(w, bodyH)
	case m.screen == screenSummary:
		body = m.sum.view(w, bodyH)
	case m.screen == screenProgress:
		body = m.prog.view(w, bodyH)
	case m.screen == screenRound && m.round != nil:
		body = m.round.view(w, bodyH)
	}
	return body
}

func (m Model) confirmView(w int) string {
	st := m.cx.st
	if m.confirm == confirmLeave {
		text := "Your ratings are saved; the questions left wait for another day."
		if m.dirty() || m.screen == screenReveal && !m.rev.saving {
			text = "Your ratings are saved. The answer on screen is not rated yet and will be dropped: rate it first to keep it."
		}
		return "\n" + block(st.Warn.Render("Leave the set?"), w) + "\n\n" + block(st.Text.Render(text), w) + "\n\n " +
			st.Key.Render("y") + st.Muted.Render(" leave, to the summary   ") + st.Key.Render("n") + st.Muted.Render(" stay")
	}
	return "\n" + block(st.Warn.Render("Your answer is not rated yet."), w) + "\n\n" +
		block(st.Text.Render("Quit and discard it? Rated answers are already saved."), w) + "\n\n " +
		st.Key.Render("y") + st.Muted.Render(" discard and quit   ") + st.Key.Render("n") + st.Muted.Render(" keep answering")
}

// header is the title line: the app or set name on the left, clocks or stats on the right.
func (m Model) header() string {
	cx := m.cx
	w := max(cx.width, 20)
	var left, right string
	switch m.screen {
	case screenHome, screenTopics, screenAbout, screenProgress:
		left = cx.st.Title.Render("hotseat")
		if m.loaded && m.loadErr == nil {
			right = streakText(cx.st, m.stats, w)
		}
	case screenQuestion:
		left, right = m.setTitle(), m.q.clocks(cx.now(), m.run)
	case screenReveal:
		left, right = m.setTitle(), m.rev.clockText(m.run, cx.now())
	case screenSummary:
		left = cx.st.Title.Render("Set done")
	case screenPitch:
		left, right = cx.st.Title.Render("Tell me about yourself"), m.pitch.clock(cx.now())
	case screenRound:
		if m.round != nil {
			left, right = m.round.title(), m.round.clocks(cx.now())
		}
	}
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 1 {
		// Narrow: the clock matters most, then where you are in the set; the set's name
		// gives way first, and what still does not fit is cut rather than wrapped.
		if m.run != nil && (m.screen == screenQuestion || m.screen == screenReveal) {
			left = m.setTitleWithin(max(w-lipgloss.Width(right)-1, 8))
		}
		if m.screen == screenRound {
			left = truncate(left, max(w-lipgloss.Width(right)-1, 8))
		}
		left = truncate(left, w)
		right = truncate(right, max(w-lipgloss.Width(left)-1, 0))
		gap = max(w-lipgloss.Width(left)-lipgloss.Width(right), 0)
	}
	line := left + strings.Repeat(" ", gap) + right
	if m.run != nil && (m.screen == screenQuestion || m.screen == screenReveal) {
		if b := banner(cx, m.run.item()); b != "" {
			line += "\n" + b
		}
	}
	return line
}

// banner is the marker on every question asked because of a claim, wrapped to the width
// (at most two lines).
func banner(cx *context, it drill.Item) string {
	changed := ""
	if it.Changed {
		changed = cx.st.Warn.Render(truncate("↻ Changed since you last saw it: read it afresh.", max(cx.width, 20)))
	}
	if it.Practice {
		// The same question again, and the candidate should know why, and that it is safe.
		changed = cx.st.Muted.Render(truncate("↺ Practice: a second go at a miss; nothing is saved.", max(cx.width, 20)))
	}
	if it.Claim == "" {
		return changed
	}
	if changed != "" {
		changed += "\n"
	}
	text := fmt.Sprintf("⚑ You claimed: %q. An interviewer will check this.", strings.TrimRight(clean(it.Claim), ".!"))
	wrapped := lipgloss.NewStyle().Width(max(cx.width, 20)).Render(text)
	lines := strings.Split(wrapped, "\n")
	if len(lines) > 2 {
		lines = lines[:2]
		lines[1] = truncate(lines[1], max(cx.width, 20)-1) + "…"
	}
	for i, l := range lines {
		lines[i] = cx.st.Claim.Render(strings.TrimRight(l, " "))
	}
	return changed + strings.Join(lines, "\n")
}

func (m Model) setTitle() string { return m.setTitleWithin(1 << 20) }

// setTitleWithin is the set's name and "i of n" in at most w cells: the name is cut first.
func (m Model) setTitleWithin(w int) string {
	r := m.run
	count := " · " + itoa(r.index+1) + " of " + itoa(len(r.set.Items))
	name := truncate(clean(r.set.Name), max(w-lipgloss.Width(count), 1))
	return truncate(m.cx.st.Title.Render(name)+m.cx.st.Muted.Render(count), w)
}

// helpBar shows every key that works on the current screen.
func (m Model) helpBar(w int) string {
	cx := m.cx
	var short []key.Binding
	switch {
	case m.confirm == confirmLeave:
		short = []key.Binding{withHelp(cx.keys.Yes, "leave set"), withHelp(cx.keys.No, "stay"), cx.keys.Quit}
	case m.confirm == confirmQuit:
		short = []key.Binding{withHelp(cx.keys.Yes, "discard and quit"), withHelp(cx.keys.No, "keep answering")}
	case m.welcome:
		short = []key.Binding{withHelp(cx.keys.Enter, "start"), cx.keys.Quit}
		if m.page.maxOffset() > 0 {
			short = append(short[:1], cx.keys.Scroll, cx.keys.Quit)
		}
	case m.screen == screenHome && m.showAll:
		short = []key.Binding{withHelp(cx.keys.Help, "close"), withHelp(cx.keys.Home, "close"), cx.keys.Quit}
		if m.page.maxOffset() > 0 {
			short = append(short[:2], cx.keys.Scroll, cx.keys.Quit)
		}
	case m.screen == screenHome:
		short = m.home.keys()
	case m.screen == screenTopics:
		short = m.topics.keys()
	case m.screen == screenAbout:
		short = m.about.keys(m.claims)
	case m.screen == screenProgress:
		short = m.prog.keys()
	case m.screen == screenPitch:
		short = m.pitch.keys()
	case m.screen == screenRound && m.round != nil:
		short = m.round.keys()
	case m.screen == screenQuestion:
		short = m.q.keys()
	case m.screen == screenReveal:
		short = m.rev.keys()
	case m.screen == screenSummary:
		short = []key.Binding{cx.keys.Done}
		if len(m.sum.misses) > 0 {
			short = append(short, cx.keys.Redo)
		}
		if m.sum.vp.maxOffset() > 0 {
			short = append(short, cx.keys.Scroll)
		}
		short = append(short, cx.keys.Quit)
	}
	if m.canUndo() {
		undo := cx.keys.Undo
		if m.screen == screenQuestion && m.q.open() {
			undo = cx.keys.UndoTyping
		}
		short = append([]key.Binding{undo}, short...)
	}
	return helpLines(cx, short, w)
}

// helpLines lays out the help bar, wrapping onto more lines rather than hiding keys: every
// key that works on a screen is shown, even at 60 columns.
func helpLines(cx *context, bindings []key.Binding, w int) string {
	sep := cx.st.KeyDesc.Render(" • ")
	var lines []string
	line, lineW := "", 0
	for _, b := range bindings {
		if !b.Enabled() {
			continue
		}
		item := cx.st.Key.Render(b.Help().Key) + " " + cx.st.KeyDesc.Render(b.Help().Desc)
		iw := lipgloss.Width(item)
		switch {
		case lineW == 0:
			line, lineW = item, iw
		case lineW+3+iw <= w:
			line, lineW = line+sep+item, lineW+3+iw
		default:
			lines = append(lines, line)
			line, lineW = item, iw
		}
	}
	if lineW > 0 {
		lines = append(lines, line)
	}
	for i := range lines {
		lines[i] = truncate(lines[i], w)
	}
	return strings.Join(lines, "\n")
}

// helpAs is b shown as keys k with description desc.
func helpAs(b key.Binding, k, desc string) key.Binding {
	b.SetHelp(k, desc)
	return b
}

func withHelp(b key.Binding, desc string) key.Binding {
	b.SetHelp(b.Help().Key, desc)
	return b
}

// fitWidth cuts every line of s to w cells: a line a screen failed to wrap (a word wider
// than the window, a list kept from a wider window) is cut with "…" rather than wrapped by
// the terminal, which would push the whole screen down.
func fitWidth(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = truncate(l, w)
		}
	}
	return strings.Join(lines, "\n")
}

// fitHeight pads or cuts s to exactly h lines, so the footer never moves.
func fitHeight(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
