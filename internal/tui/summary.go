package tui

import (
	"fmt"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/srs"
)

// summaryScreen closes a set: what was answered, how well, and what comes back when.
type summaryScreen struct {
	cx    *context
	lines []string // paragraphs, wrapped to the window when shown; "" is a blank line
}

// newSummary computes the summary once, when the set ends.
func newSummary(cx *context, r *run, cards map[string]srs.Card, now time.Time) summaryScreen {
	st := cx.st
	var ratings [5]int
	over, covN := 0, 0
	covSum := 0.0
	for _, res := range r.results {
		ratings[res.Rating]++
		if res.Overtime {
			over++
		}
		if f := res.Coverage.Fraction(); f >= 0 {
			covSum += f
			covN++
		}
	}
	elapsed := now.Sub(r.started).Round(time.Second)
	s := summaryScreen{cx: cx}
	s.lines = append(s.lines, "",
		st.Heading.Render(fmt.Sprintf("%d answered in %s", len(r.results), formatClock(int(elapsed.Seconds()))))+
			st.Muted.Render(fmt.Sprintf(" · %d skipped", r.skipped)))
	stat := []string{}
	if covN > 0 {
		stat = append(stat, fmt.Sprintf("key points %d%%", int(100*covSum/float64(covN)+0.5)))
	}
	stat = append(stat, fmt.Sprintf("overtime %d", over))
	for g := srs.Again; g <= srs.Easy; g++ {
		stat = append(stat, fmt.Sprintf("%s %d", g, ratings[g]))
	}
	if r.practised > 0 {
		stat = append(stat, fmt.Sprintf("practised again %d", r.practised))
	}
	s.lines = append(s.lines, st.Text.Render(strings.Join(stat, " · ")))

	// When the questions of this set come back.
	tomorrow := startOfDay(now).AddDate(0, 0, 2)
	week := startOfDay(now).AddDate(0, 0, 8)
	var today, tmr, wk int
	for _, res := range r.results {
		c := cards[res.Item.Q.Key()]
		switch {
		case c.Due.Before(startOfDay(now).AddDate(0, 0, 1)):
			today++
		case c.Due.Before(tomorrow):
			tmr++
		case c.Due.Before(week):
			wk++
		}
	}
	s.lines = append(s.lines, st.Muted.Render(fmt.Sprintf("back again: %d later today, %d tomorrow, %d this week", today, tmr, wk)))
	if r.left {
		s.lines = append(s.lines, "", st.Muted.Render(fmt.Sprintf("You left the set after %d of %d questions; the rest waits for another day.", r.index, len(r.set.Items))))
	} else if left := r.setLeft(now); r.set.Limit > 0 && left <= 0 && r.index < len(r.set.Items) {
		s.lines = append(s.lines, "", st.Warn.Render("The set's time ran out; the rest waits for next time."))
	}
	return s
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

func (s *summaryScreen) view(w, _ int) string {
	out := make([]string, len(s.lines))
	for i, l := range s.lines {
		if l != "" {
			out[i] = block(l, w)
		}
	}
	return strings.Join(out, "\n")
}
