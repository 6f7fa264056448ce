package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"

	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// settingWelcomed remembers that the orientation of the first start was read.
const settingWelcomed = "welcomed"

// FirstRun reports whether the database belongs to someone who has never used hotseat:
// nothing answered and the orientation never dismissed. The trainer then opens with it.
func FirstRun(s *store.Store) (bool, error) {
	var seen bool
	if _, err := s.GetSetting(settingWelcomed, &seen); err != nil || seen {
		return false, err
	}
	n, err := s.ReviewCount()
	return n == 0, err
}

// welcomeView is the one-screen orientation shown on the very first start.
func welcomeView(cx *context, w int, s *store.Store) string {
	st := cx.st
	where := "one file on this machine"
	if s != nil {
		where = s.Path()
	}
	point := func(sym, text string) string {
		return hanging(st.Accent.Render(sym)+" "+st.Text.Render(text), w, 1, 3)
	}
	lines := []string{
		"",
		block(st.Heading.Render("Welcome to the hot seat."), w),
		block(st.Muted.Render("Each question is asked as an interviewer would, against a clock."), w),
		"",
		point("◷", "The clock is top right. When it runs out, your answer is taken as it stands."),
		point("✎", "Type your answer and submit it with ctrl+s, or say it aloud and submit an empty box."),
		point("✓", "Compare it with the model answer. Key points you covered get ✓ with the words that earned them, half-made ones ◐; space corrects the ticks. If you answered aloud, tick the ones you said."),
		point("★", "Rate yourself: 1 Again · 2 Hard · 3 Good · 4 Easy. hotseat suggests a rating; enter accepts it. The rating decides when the question comes back."),
		point("⌂", "Every rating is saved at once, in "+where+". esc skips a question; q or ctrl+x leaves a set; ? on home lists every key."),
		"",
		block(st.Key.Render("enter")+st.Muted.Render(" to start"), w),
	}
	return strings.Join(lines, "\n")
}

// keysOverview lists every key of every screen: the home screen's "?".
func keysOverview(cx *context, w int) string {
	k, st := cx.keys, cx.st
	rate := k.Rate[0]
	rate.SetHelp("1-4", "rate: Again, Hard, Good, Easy")
	groups := []struct {
		title string
		keys  []key.Binding
	}{
		{"Home", []key.Binding{k.Move, withHelp(k.Enter, "choose"), withHelp(k.Stats, "progress: retention, forecast"), withHelp(k.Help, "this list"), k.QuitQ}},
		{"Typed question", []key.Binding{k.Submit, k.Newline, k.Skip, withHelp(k.PgDown, "more of a long question"), k.Leave}},
		{"Choice question", []key.Binding{k.Pick, k.Move, k.Toggle, withHelp(k.Enter, "submit"), k.Skip, k.LeaveQ}},
		{"Answer and rating", []key.Binding{rate, k.Accept, k.Scroll, k.Correct, k.PrevAnswer, k.Tick, k.DoneTicks, k.SavePhrase, k.SkipPhrase, k.Retry, k.LeaveRev}},
		{"Everywhere", []key.Binding{withHelp(k.Home, "back home (not while typing)"),
			helpAs(k.Undo, "u/ctrl+z", "undo a rating, right after it"),
			withHelp(k.Redo, "the misses again, on a set's summary"), k.Quit}},
	}
	blocks := make([]string, len(groups))
	for i, g := range groups {
		var b strings.Builder
		b.WriteString(" " + st.Heading.Render(g.title) + "\n")
		for _, kb := range g.keys {
			h := kb.Help()
			b.WriteString(fmt.Sprintf("   %s %s\n", st.Key.Render(fmt.Sprintf("%-13s", h.Key)), st.KeyDesc.Render(h.Desc)))
		}
		blocks[i] = b.String()
	}
	// Two columns when the window is wide enough, so the list fits without scrolling.
	const colW = 48
	if w < 2*colW {
		var out []string
		for _, b := range blocks {
			out = append(out, truncateLines(b, w))
		}
		return "\n" + strings.Join(out, "")
	}
	// Home, typed questions and the global keys on the left; the rest on the right.
	left := blocks[0] + "\n" + blocks[1] + "\n" + blocks[4]
	right := blocks[2] + "\n" + blocks[3]
	joined := lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(colW).Render(left), right)
	if lipgloss.Width(joined) > w {
		// The right column's longest line does not fit beside the left: one column.
		var out []string
		for _, b := range blocks {
			out = append(out, truncateLines(b, w))
		}
		return "\n" + strings.Join(out, "")
	}
	return "\n" + joined
}

// truncateLines cuts every line of s to w cells.
func truncateLines(s string, w int) string {
	lines := strings.Split(s, "\n")
	for i := range lines {
		lines[i] = truncate(lines[i], w)
	}
	return strings.Join(lines, "\n")
}

// savedNote is the one-line confirmation of a rating: "saved Good · back tomorrow".
func savedNote(r srs.Rating, due, now time.Time) string {
	return fmt.Sprintf("saved %s · %s", r, backIn(due, now))
}

// backIn says when a question comes back, in the words a person would use.
func backIn(due, now time.Time) string {
	d := due.Sub(now)
	days := int(startOfDay(due).Sub(startOfDay(now)).Hours()/24 + 0.5)
	switch {
	case d < time.Hour:
		return fmt.Sprintf("back in %d min", max(1, int(d.Round(time.Minute).Minutes())))
	case days == 0:
		return "back later today"
	case days == 1:
		return "back tomorrow"
	case days < 60:
		return fmt.Sprintf("back in %d days", days)
	}
	return fmt.Sprintf("back in about %d months", (days+15)/30)
}

// fillPage lays the orientation or the key list out for the window, in Update. The key
// list stays open when a key on it leaves home (enter starts the drill), so it is laid out
// again on every resize, home or not, to fit the window it comes back to.
func (m *Model) fillPage() {
	switch {
	case m.welcome:
		m.page.SetContent(welcomeView(m.cx, m.cx.width, m.cx.cfg.Store))
	case m.showAll:
		m.page.SetContent(keysOverview(m.cx, m.cx.width))
	default:
		return
	}
	m.page.SetHeight(m.cx.bodyH)
}
