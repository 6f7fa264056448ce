package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/stats"
)

// menuAction is what choosing a home menu entry does.
type menuAction int

const (
	menuNone menuAction = iota
	menuDaily
	menuTopics
	menuAbout
	menuProgress
	menuPitch
	menuRound
	menuQuit
)

type menuEntry struct {
	label, hint string
	act         menuAction
}

// homeScreen is the first screen: today's work and the menu.
type homeScreen struct {
	cx      *context
	entries []menuEntry
	cursor  int
	flash   string // a one-off message, such as "nothing to ask"
	leeches int    // questions suspended from the daily drill as leeches
}

func newHomeScreen(cx *context) homeScreen {
	return homeScreen{cx: cx, entries: []menuEntry{
		{"Daily drill", "due first, then new", menuDaily},
		{"Topic set", "pick a pack or tag, any time", menuTopics},
		{"Mock interview", "a timed round in phases, then a scorecard", menuRound},
		{"Tell me about yourself", "rehearse your pitch (2:00)", menuPitch},
		{"About you", "your claims and how they hold up", menuAbout},
		{"Progress", "retention, forecast, calendar · s", menuProgress},
		{"Quit", "progress is saved after every answer", menuQuit},
	}}
}

func (h *homeScreen) key(msg tea.KeyPressMsg) menuAction {
	k := h.cx.keys
	switch {
	case key.Matches(msg, k.Up):
		h.cursor = (h.cursor + len(h.entries) - 1) % len(h.entries)
	case key.Matches(msg, k.Down):
		h.cursor = (h.cursor + 1) % len(h.entries)
	case key.Matches(msg, k.Enter):
		h.flash = ""
		return h.entries[h.cursor].act
	case key.Matches(msg, k.Stats):
		return menuProgress
	}
	return menuNone
}

func (h *homeScreen) keys() []key.Binding {
	k := h.cx.keys
	return []key.Binding{k.Move, withHelp(k.Enter, "choose"), k.Stats, withHelp(k.Help, "all keys"), k.QuitQ}
}

func (h *homeScreen) view(w, _ int, s stats.Stats, loaded bool, loadErr error, rs []claims.Resolved, audit []claims.Row) string {
	st := h.cx.st
	var b strings.Builder
	b.WriteString("\n")
	switch {
	case loadErr != nil:
		// The whole cause, wrapped: it is what the candidate needs to fix it.
		b.WriteString(block(st.Bad.Render("Could not read your progress: "+clean(loadErr.Error())), w) + "\n")
	case !loaded:
		b.WriteString(" " + st.Muted.Render("Today   reading your progress…") + "\n")
	default:
		minutes := (s.DueNow + s.NewAvailable) * 2
		today := fmt.Sprintf("%d due · %d new", s.DueNow, s.NewAvailable)
		if minutes > 0 {
			today += fmt.Sprintf(" · about %d min", minutes)
		}
		if s.ReviewsToday > 0 {
			today += fmt.Sprintf(" · %d answered today", s.ReviewsToday)
		}
		b.WriteString(hanging(st.Heading.Render("Today")+"   "+st.Text.Render(today), w, 1, 9) + "\n")
	}
	b.WriteString("\n")
	labelW := 0
	for _, e := range h.entries {
		labelW = max(labelW, len(e.label))
	}
	for i, e := range h.entries {
		label := fmt.Sprintf("%-*s", labelW, e.label)
		line := "   " + st.Text.Render(label)
		if i == h.cursor {
			line = " " + st.Selected.Render("> "+label)
		}
		if w >= 50 {
			line += "   " + st.Muted.Render(e.hint)
		}
		b.WriteString(truncate(line, w) + "\n")
	}
	if len(rs) > 0 {
		b.WriteString("\n")
		for i, r := range rs {
			head := " Claims  "
			if i > 0 {
				head = "         "
			}
			b.WriteString(truncate(st.Heading.Render(head)+st.Text.Render(fmt.Sprintf("%q", clean(r.Text))), w) + "\n")
			if i < len(audit) {
				b.WriteString(truncate("           "+auditLine(st, audit[i]), w) + "\n")
			}
		}
	}
	if h.flash != "" {
		b.WriteString("\n" + block(st.Warn.Render(h.flash), w) + "\n")
	}
	if h.leeches > 0 {
		what := fmt.Sprintf("%d questions are", h.leeches)
		if h.leeches == 1 {
			what = "1 question is"
		}
		b.WriteString("\n" + block(st.Warn.Render("! ")+st.Muted.Render(what+" out of the daily drill as leeches (failed "+
			fmt.Sprint(h.cx.cfg.Leeches.Threshold)+" times or more): study the model answer, then hotseat leech unsuspend."), w))
	}
	for _, n := range h.cx.cfg.Notices {
		b.WriteString("\n" + block(st.Warn.Render("! ")+st.Muted.Render(clean(n)), w))
	}
	return b.String()
}
