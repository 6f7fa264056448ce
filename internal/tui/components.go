package tui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/progress"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/hotseat/hotseat/internal/stats"
)

func itoa(n int) string { return strconv.Itoa(n) }

// truncate cuts styled text to w cells.
func truncate(s string, w int) string { return ansi.Truncate(s, w, "…") }

// sparkline draws one bar per value, scaled to the largest; zero stands for a zero.
func sparkline(vals []int, zero rune) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	top := 0
	for _, v := range vals {
		top = max(top, v)
	}
	var b strings.Builder
	for _, v := range vals {
		switch {
		case v == 0:
			b.WriteRune(zero)
		case top <= 1:
			b.WriteRune(bars[len(bars)-1])
		default:
			b.WriteRune(bars[(v*(len(bars)-1))/top])
		}
	}
	return b.String()
}

// streakText is the home header's right side: the streak and, on wide windows, a strip of
// answers a day over the last two weeks.
func streakText(st Styles, s stats.Stats, width int) string {
	days := "days"
	if s.StreakDays == 1 {
		days = "day"
	}
	text := st.Muted.Render(fmt.Sprintf("streak %d %s", s.StreakDays, days))
	// The strip is labelled, so that a row of bars reads as what it is: answers a day.
	if width >= 80 && len(s.Activity) > 0 {
		text += st.Muted.Render(fmt.Sprintf("  answers, last %d days ", len(s.Activity))) + st.Accent.Render(sparkline(s.Activity, ' '))
	}
	return text
}

// clockBar renders a countdown as "label m:ss ███░░" whose bar turns to the warning colour
// when a quarter or less of the time is left.
func clockBar(st Styles, label string, left, total time.Duration, barWidth int) string {
	secs := int(left.Round(time.Second).Seconds())
	text := formatClock(secs)
	if left < 0 {
		text = "+" + formatClock(int((-left).Round(time.Second).Seconds()))
	}
	low := total > 0 && left <= total/4
	style := st.Text
	if low {
		style = st.Warn
	}
	out := st.Muted.Render(label+" ") + style.Render(text)
	if barWidth > 0 && total > 0 {
		frac := max(0, min(1, float64(left)/float64(total)))
		full, empty := st.BarFull, st.BarEmpty
		if low {
			full = st.BarLow
		}
		bar := progress.New(progress.WithWidth(barWidth), progress.WithoutPercentage(),
			progress.WithColors(full), progress.WithFillCharacters('█', '░'))
		bar.EmptyColor = empty
		out += " " + bar.ViewAs(frac)
	}
	return out
}

// formatInterval writes the time until a due date the way rating keys show it: 10m, 5h, 4d,
// 3.5mo, 1.2y.
func formatInterval(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", max(1, int(d.Round(time.Minute).Minutes())))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh", int(d.Round(time.Hour).Hours()))
	}
	days := d.Hours() / 24
	switch {
	case days < 30:
		return fmt.Sprintf("%dd", int(days+0.5))
	case days < 365:
		return fmt.Sprintf("%.1fmo", days/30)
	}
	return fmt.Sprintf("%.1fy", days/365)
}

// indented word-wraps text into a block w cells wide with an n-cell left margin on every
// line.
func indented(s string, w, n int) string {
	return lipgloss.NewStyle().Width(max(w, 10+n)).PaddingLeft(n).Render(s)
}

// withMore ends the last line of a scrolled window with a "↓ more" marker, so that a
// cut-off text says there is more.
func withMore(st Styles, s string, w int, pct float64) string {
	more := fmt.Sprintf(" ↓ more %d%%", int(pct*100))
	lines := strings.Split(s, "\n")
	last := &lines[len(lines)-1]
	*last = truncate(*last, max(w-lipgloss.Width(more)-1, 0))
	*last += strings.Repeat(" ", max(w-lipgloss.Width(*last)-lipgloss.Width(more)-1, 0)) + st.Muted.Render(more)
	return strings.Join(lines, "\n")
}

// hanging word-wraps styled text to w cells: the first line gets a left margin of left
// cells, the lines after it indent cells, so a wrapped list item lines up under its text.
func hanging(s string, w, left, indent int) string {
	lines := strings.Split(ansi.Wrap(s, max(w-indent-1, 10), ""), "\n")
	for i := range lines {
		pad := indent
		if i == 0 {
			pad = left
		}
		lines[i] = strings.Repeat(" ", pad) + lines[i]
	}
	return strings.Join(lines, "\n")
}

// margin puts a one-cell left margin on text that is already wrapped to w-1 cells
// (rendered Markdown): cheaper than block, which wraps everything again. The rare line
// glamour leaves wider (a long formula or path) is wrapped here.
func margin(s string, w int) string {
	return fitLines(" "+strings.ReplaceAll(s, "\n", "\n "), max(w, 2), 1)
}

// block word-wraps text into a block w cells wide with a one-cell left margin.
func block(s string, w int) string {
	w = max(w, 10)
	return fitLines(lipgloss.NewStyle().Width(w).PaddingLeft(1).Render(s), w, 1)
}

// fitLines re-wraps, with an indent-cell margin, the lines of wrapped text that came out
// wider than w: lipgloss and glamour both leave a line a cell or two too wide when it ends
// in a spaced hyphen ("1 - err").
func fitLines(s string, w, indent int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			pad := strings.Repeat(" ", indent)
			l = ansi.Hardwrap(ansi.Wordwrap(strings.TrimPrefix(l, pad), w-indent, ""), w-indent, true)
			lines[i] = pad + strings.ReplaceAll(l, "\n", "\n"+pad)
		}
	}
	return strings.Join(lines, "\n")
}

func lipglossWidth(s string) int { return lipgloss.Width(s) }

// pager shows a window of lines that were rendered (and wrapped) once, in Update. It
// replaces bubbles' viewport on the reveal screen: viewport re-wraps every visible line on
// each View, which made a keypress on a long answer cost over a millisecond.
type pager struct {
	lines  []string
	off    int
	height int
}

func (p *pager) SetContent(s string) {
	p.lines = strings.Split(s, "\n")
	p.SetYOffset(p.off)
}

func (p *pager) SetHeight(h int) {
	p.height = max(h, 1)
	p.SetYOffset(p.off)
}

func (p *pager) Height() int  { return p.height }
func (p *pager) YOffset() int { return p.off }

func (p *pager) maxOffset() int { return max(len(p.lines)-p.height, 0) }

func (p *pager) SetYOffset(off int) { p.off = min(max(off, 0), p.maxOffset()) }
func (p *pager) ScrollUp(n int)     { p.SetYOffset(p.off - n) }
func (p *pager) ScrollDown(n int)   { p.SetYOffset(p.off + n) }
func (p *pager) PageUp()            { p.ScrollUp(p.height) }
func (p *pager) PageDown()          { p.ScrollDown(p.height) }
func (p *pager) AtBottom() bool     { return p.off >= p.maxOffset() }

// Scroll moves the window for a scrolling key (↑/↓ and the page keys of k) and reports
// whether msg was one.
func (p *pager) Scroll(msg tea.KeyPressMsg, k Keys) bool {
	switch {
	case key.Matches(msg, k.Up):
		p.ScrollUp(1)
	case key.Matches(msg, k.Down):
		p.ScrollDown(1)
	case key.Matches(msg, k.PageUp):
		p.PageUp()
	case key.Matches(msg, k.PageDown):
		p.PageDown()
	default:
		return false
	}
	return true
}

// ScrollPercent is how far down the content the window is, 0 to 1.
func (p *pager) ScrollPercent() float64 {
	if p.maxOffset() == 0 {
		return 1
	}
	return float64(p.off) / float64(p.maxOffset())
}

// View returns exactly Height lines.
func (p *pager) View() string {
	end := min(p.off+p.height, len(p.lines))
	out := make([]string, 0, p.height)
	out = append(out, p.lines[p.off:end]...)
	for len(out) < p.height {
		out = append(out, "")
	}
	return strings.Join(out, "\n")
}
