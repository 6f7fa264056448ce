package tui

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
)

// summaryScreen closes a set: what was answered, how well, what was missed, and what
// comes back when. Long sets scroll.
type summaryScreen struct {
	cx     *context
	lines  []string // paragraphs, wrapped to the window when shown; "" is a blank line
	misses []drill.Item
	vp     pager
}

// newSummary computes the summary once, when the set ends (or is left).
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

	// Question by question: the rating, the time against the limit, what was missed, and
	// when it comes back.
	if len(r.results) > 0 {
		s.lines = append(s.lines, "")
	}
	for _, res := range r.results {
		s.lines = append(s.lines, resultLine(st, res, cards[res.Item.Q.Key()].Due, now))
		missed := missedPoints(res)
		if len(missed) > 0 {
			s.lines = append(s.lines, "  "+st.Muted.Render("missed: ")+st.Text.Render(strings.Join(missed, "; ")))
		}
		if res.Rating <= srs.Hard || len(missed) > 0 {
			it := res.Item
			it.Practice = true
			s.misses = append(s.misses, it)
		}
	}
	if n := len(s.misses); n > 0 {
		what := fmt.Sprintf("the %d missed questions", n)
		if n == 1 {
			what = "the missed question"
		}
		s.lines = append(s.lines, "", st.Key.Render("r")+st.Muted.Render(" drills "+what+" again now, as practice: nothing is saved or rescheduled."))
	}
	return s
}

// resultLine is one answered question on the summary: "Good  2:10 of 3:00  Title  back in
// 2 days".
func resultLine(st Styles, res drill.Result, due, now time.Time) string {
	clock := formatClock(int(res.Used.Round(time.Second).Seconds())) + " of " + formatClock(int(res.Item.Limit.Seconds()))
	if res.Overtime {
		clock = st.Warn.Render(clock + " over")
	} else {
		clock = st.Muted.Render(clock)
	}
	rating := fmt.Sprintf("%-5s", res.Rating)
	if res.Rating <= srs.Hard {
		rating = st.Warn.Render(rating)
	} else {
		rating = st.Good.Render(rating)
	}
	return rating + "  " + clock + "  " + st.Text.Render(clean(res.Item.Q.Title)) + "  " + st.Muted.Render(backIn(due, now))
}

// missedPoints are the key points an answer did not make (by the grader's verdict or the
// candidate's ticks), or, for a choice question, the options it got wrong.
func missedPoints(res drill.Result) []string {
	q := res.Item.Q
	body := q.Body()
	var out []string
	if q.Kind == pack.KindChoice {
		if !res.Correct {
			for _, i := range q.Correct() {
				if !slices.Contains(res.Picked, i) {
					out = append(out, "the right option "+strconv.Itoa(i+1)+" was not picked")
				}
			}
			for _, i := range res.Picked {
				if !slices.Contains(q.Correct(), i) {
					out = append(out, "option "+strconv.Itoa(i+1)+" is wrong")
				}
			}
		}
		return out
	}
	for i, ok := range res.Coverage.Covered {
		if !ok && i < len(body.KeyPoints) {
			text := clean(body.KeyPoints[i].Text)
			if i < len(res.Coverage.Partial) && res.Coverage.Partial[i] {
				text += " (half)"
			}
			out = append(out, "“"+text+"”")
		}
	}
	return out
}

func startOfDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// resize lays the summary out for the window; it scrolls when it is longer.
func (s *summaryScreen) resize() {
	w := s.cx.width
	out := make([]string, len(s.lines))
	for i, l := range s.lines {
		if l != "" {
			out[i] = hanging(l, w, 1, 3)
		}
	}
	s.vp.SetHeight(s.cx.bodyH)
	s.vp.SetContent(strings.Join(out, "\n"))
}

func (s *summaryScreen) view(w, _ int) string {
	text := s.vp.View()
	if !s.vp.AtBottom() {
		text = withMore(s.cx.st, text, w, s.vp.ScrollPercent())
	}
	return text
}
