package tui

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/interview"
	"github.com/hotseat/hotseat/internal/stats"
)

// progressScreen is the stats screen (s on home): true retention against the target, a
// calendar of the last 26 weeks, the forecast, time per day, progress by pack, leeches and
// the claims audit. Meaning is carried by numbers and glyph density, not colour alone.
type progressScreen struct {
	cx *context
	vp pager
	// what it shows, kept so that a resize can lay it out again
	s       stats.Stats
	leeches []string // "key (n lapses)"
	audit   []claims.Row
	claims  []claims.Resolved
	now     time.Time
	// missed arrives after the screen opens (answers are graded again off the UI loop).
	missed     []stats.Missed
	missedRead bool
	interview  *stats.Interview
	rounds     interview.Trend
}

func newProgressScreen(cx *context, s stats.Stats, leeches []string, rs []claims.Resolved, audit []claims.Row, now time.Time) progressScreen {
	p := progressScreen{cx: cx, s: s, leeches: leeches, claims: rs, audit: audit, now: now}
	p.resize()
	return p
}

func (p *progressScreen) resize() {
	p.vp.SetHeight(p.cx.bodyH)
	p.vp.SetContent(p.content(p.cx.width))
}

func (p *progressScreen) keys() []key.Binding {
	k := p.cx.keys
	out := []key.Binding{withHelp(k.Home, "home")}
	if p.vp.maxOffset() > 0 {
		out = append(out, k.Scroll)
	}
	return append(out, k.Quit)
}

func (p *progressScreen) view(w, _ int) string {
	text := p.vp.View()
	if !p.vp.AtBottom() {
		text = withMore(p.cx.st, text, w, p.vp.ScrollPercent())
	}
	return text
}

func (p *progressScreen) content(w int) string {
	st, s := p.cx.st, p.s
	var b strings.Builder
	row := func(label, text string) {
		b.WriteString(hanging(st.Heading.Render(fmt.Sprintf("%-13s", label))+" "+text, w, 1, 15) + "\n")
	}
	b.WriteString("\n")
	ret := s.Retention
	line := fmt.Sprintf("mature %s of %d · young %s of %d · target %d%%",
		ret.Overall.Mature.String(), ret.Overall.Mature.Total, ret.Overall.Young.String(), ret.Overall.Young.Total, int(math.Round(100*ret.Target)))
	row("Retention", st.Text.Render(line))
	if ret.Overall.Mature.Total == 0 {
		b.WriteString(hanging(st.Muted.Render(fmt.Sprintf("True retention: the share of reviews you passed (Hard or better). Mature questions are those last seen %d days or more before; until there are some, the young ones (a day or more) tell you more.", stats.MatureDays)), w, 15, 15) + "\n")
	}
	b.WriteString("\n")

	// The calendar: a row per weekday, a column per week, the newest week on the right.
	b.WriteString(hanging(st.Heading.Render("Last 26 weeks")+"  "+st.Muted.Render(fmt.Sprintf("streak %d · %d answers · · none ░▒▓█ more", s.StreakDays, sum(s.Heatmap))), w, 1, 3) + "\n")
	for _, l := range heatmap(s.Heatmap, p.now) {
		b.WriteString(truncate("   "+st.Accent.Render(l), w) + "\n")
	}
	b.WriteString("\n")

	row("Next 30 days", st.Accent.Render(sparkline(s.Forecast, '·'))+" "+st.Muted.Render(fmt.Sprintf("due today %d · this week %d · max %d a day", s.Forecast[0], sum(s.Forecast[:7]), slices.Max(s.Forecast))))
	minutes := make([]int, len(s.Time)) // a bar for any day with answers, however short
	total := 0.0
	for i, m := range s.Time {
		minutes[i] = int(math.Ceil(m))
		total += m
	}
	row("Minutes a day", st.Accent.Render(sparkline(minutes, '·'))+" "+st.Muted.Render(fmt.Sprintf("last 14 days · %d min in all", int(math.Round(total)))))
	b.WriteString("\n")

	b.WriteString(hanging(st.Heading.Render("By pack")+"  "+st.Muted.Render("retention mature/young · seen of questions · due"), w, 1, 3) + "\n")
	ids := make([]string, 0, len(s.ByPack))
	nameW := 0
	for id, ps := range s.ByPack {
		if ps.Questions > 0 {
			ids = append(ids, id)
			nameW = max(nameW, len(id))
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		ps, r := s.ByPack[id], ret.ByPack[id]
		b.WriteString(truncate(fmt.Sprintf("   %-*s  %4s/%-4s  %3d of %-3d  %d due", nameW, clean(id), r.Mature.String(), r.Young.String(), ps.Seen, ps.Questions, ps.Due), w) + "\n")
	}
	b.WriteString("\n")

	switch {
	case !p.missedRead:
		row("Missed most", st.Muted.Render("reading your answers…"))
	case len(p.missed) == 0:
		row("Missed most", st.Muted.Render(fmt.Sprintf("no key point missed in your typed answers of the last %d days", stats.MissedPointsDays)))
	}
	for i, ms := range p.missed {
		label := ""
		if i == 0 {
			label = "Missed most"
		}
		row(label, st.Text.Render(fmt.Sprintf("%q", clean(ms.Point)))+st.Muted.Render(fmt.Sprintf(" %d times · %s", ms.Times, clean(ms.Question))))
	}
	if iv := p.interview; iv != nil {
		row("Interview", st.Text.Render(fmt.Sprintf("%s, in %d days", iv.Date, iv.DaysLeft))+st.Muted.Render(fmt.Sprintf(
			" · %d questions of your packs and claims not yet seen · %d new a day would cover them (hotseat --new %d)", iv.Unseen, iv.NewPerDay, iv.NewPerDay)))
	}
	if t := p.rounds; t.Rounds > 0 {
		row("Rounds", st.Text.Render(fmt.Sprintf("%d mock interview round(s)", t.Rounds))+st.Muted.Render(fmt.Sprintf(
			" · last %s, %s · verdicts %s", t.LastAt.Local().Format("2 Jan"), t.Last, verdictTrail(t.Verdict))))
		for _, c := range interview.Competencies {
			sc := t.Scores[c]
			if len(sc) == 0 || slices.Max(sc) == 0 {
				continue
			}
			last := "not assessed"
			if v := sc[len(sc)-1]; v > 0 {
				last = fmt.Sprintf("%d/4", v)
			}
			row("", st.Muted.Render(fmt.Sprintf("%-28s", c.Name()))+st.Text.Render(scoreline(sc))+st.Muted.Render("  latest "+last))
		}
	}
	if weak := weakestTags(ret.ByTag, 3); len(weak) > 0 {
		row("Weakest tags", st.Text.Render(strings.Join(weak, " · "))+st.Muted.Render(" (passed, of 5 or more reviews)"))
	}
	if n := len(p.leeches); n > 0 {
		shown := p.leeches[:min(n, 3)]
		text := strings.Join(shown, ", ")
		if n > len(shown) {
			text += fmt.Sprintf(" and %d more", n-len(shown))
		}
		row("Leeches", st.Warn.Render(text)+st.Muted.Render(" · out of the daily drill: hotseat leech lists them with what they missed"))
	} else {
		row("Leeches", st.Muted.Render("none"))
	}
	for i, r := range p.claims {
		label := ""
		if i == 0 {
			label = "Claims"
		}
		text := st.Text.Render(fmt.Sprintf("%q", clean(r.Text)))
		if i < len(p.audit) {
			text += "  " + auditLine(st, p.audit[i])
		}
		row(label, text)
	}
	return b.String()
}

// scoreline draws scores 1 to 4 as bars of a fixed scale, oldest first; a round that did
// not assess the competency is a gap.
func scoreline(sc []int) string {
	bars := []rune(" ▂▄▆█")
	var b strings.Builder
	for _, v := range sc[max(0, len(sc)-20):] {
		b.WriteRune(bars[max(0, min(v, 4))])
	}
	return b.String()
}

// verdictTrail is the last verdicts, oldest first, as initials: SH H LN NH.
func verdictTrail(vs []string) string {
	short := map[string]string{interview.StrongHire: "SH", interview.Hire: "H", interview.LeanNo: "LN", interview.NoHire: "NH"}
	var out []string
	for _, v := range vs[max(0, len(vs)-8):] {
		out = append(out, short[v])
	}
	return strings.Join(out, " ")
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// heatmap lays reviews per day out as 7 lines (Monday to Sunday) of one column per week,
// oldest on the left; days is oldest first and ends today. Density: · none, then ░▒▓█ by
// quarters of the busiest day.
func heatmap(days []int, now time.Time) []string {
	const shades = "░▒▓█"
	top := slices.Max(append([]int{1}, days...))
	// The column of each day: today's weekday fixes where the last column ends.
	todayRow := (int(now.Weekday()) + 6) % 7 // Monday 0
	cols := 1 + (len(days)-todayRow-1+6)/7
	grid := make([][]rune, 7)
	for r := range grid {
		grid[r] = []rune(strings.Repeat(" ", cols))
	}
	for i, n := range days {
		ago := len(days) - 1 - i
		// position counted back from today's cell
		cell := todayRow - ago
		col := cols - 1 + floorDiv(cell, 7)
		r := ((cell % 7) + 7) % 7
		if col < 0 {
			continue
		}
		g := '·'
		if n > 0 {
			g = []rune(shades)[min(int(math.Ceil(float64(n)/float64(top)*4))-1, 3)]
		}
		grid[r][col] = g
	}
	names := []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
	out := make([]string, 7)
	for r := range grid {
		out[r] = names[r] + " " + string(grid[r])
	}
	return out
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// weakestTags are the n tags with the lowest share of reviews passed (mature and young
// together), among those with at least 5: where to study.
func weakestTags(by map[string]stats.Pass, n int) []string {
	type tr struct {
		tag  string
		rate float64
	}
	var all []tr
	for t, p := range by {
		total := p.Mature.Total + p.Young.Total
		if total >= 5 {
			all = append(all, tr{t, float64(p.Mature.Passed+p.Young.Passed) / float64(total)})
		}
	}
	slices.SortFunc(all, func(a, b tr) int {
		if a.rate != b.rate {
			if a.rate < b.rate {
				return -1
			}
			return 1
		}
		return strings.Compare(a.tag, b.tag)
	})
	var out []string
	for _, x := range all[:min(n, len(all))] {
		out = append(out, fmt.Sprintf("#%s %d%%", x.tag, int(math.Round(100*x.rate))))
	}
	return out
}

// leechNames labels leeches with their lapses for the progress screen.
func leechNames(keys []string, lapses func(string) int) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = fmt.Sprintf("%s (%d lapses)", k, lapses(k))
	}
	return out
}

// ProgressReport is the progress screen as text w cells wide, for hotseat stats in a
// terminal: the same figures as s on home. leeches are question keys with their lapses.
func ProgressReport(s stats.Stats, leeches map[string]int, rs []claims.Resolved, audit []claims.Row, rounds interview.Trend, now time.Time, w int, dark bool) string {
	cx := &context{keys: DefaultKeys(), width: w, height: 1 << 20}
	cx.st = NewStyles(dark)
	keys := make([]string, 0, len(leeches))
	for k := range leeches {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	p := progressScreen{cx: cx, s: s, leeches: leechNames(keys, func(k string) int { return leeches[k] }),
		claims: rs, audit: audit, now: now, missed: s.MissedPoints, missedRead: true, interview: s.Interview, rounds: rounds}
	return strings.TrimRight(p.content(w), "\n")
}
