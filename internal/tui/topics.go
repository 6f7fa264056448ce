package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/srs"
)

type topicAction int

const (
	actNone topicAction = iota
	actBack
	actStart
)

// topicRow is one choice of the topic picker: everything, a pack or a tag.
type topicRow struct {
	label string
	opts  drill.Options
	total int
	due   int
	isTag bool
}

// topicScreen picks a pack or tag for a topic set.
type topicScreen struct {
	cx     *context
	rows   []topicRow
	cursor int
	offset int
	plan   drill.Set // the set the highlighted row would start, for its size and time
	cards  map[string]srs.Card
}

func newTopicScreen(cx *context, cards map[string]srs.Card) topicScreen {
	t := topicScreen{cx: cx, cards: cards}
	lib, now := cx.cfg.Lib, cx.now()
	due := func(keep func(key string, tags []string, packID string) bool) (total, n int) {
		for _, q := range lib.Questions() {
			if !keep(q.Key(), q.Tags, q.PackID) {
				continue
			}
			total++
			if c, ok := cards[q.Key()]; ok && c.State != srs.New && !c.Due.After(now) {
				n++
			}
		}
		return total, n
	}
	total, n := due(func(string, []string, string) bool { return true })
	t.rows = append(t.rows, topicRow{label: "Everything", total: total, due: n})
	for _, pk := range lib.Packs {
		id := pk.ID
		total, n := due(func(_ string, _ []string, p string) bool { return p == id })
		t.rows = append(t.rows, topicRow{label: clean(pk.Title) + " (" + id + ")", opts: drill.Options{Pack: id}, total: total, due: n})
	}
	for _, tc := range lib.Tags() {
		tag := tc.Tag
		total, n := due(func(_ string, tags []string, _ string) bool {
			for _, x := range tags {
				if x == tag {
					return true
				}
			}
			return false
		})
		t.rows = append(t.rows, topicRow{label: "#" + tag, opts: drill.Options{Tag: tag}, total: total, due: n, isTag: true})
	}
	t.replan()
	return t
}

// replan plans the highlighted row's set, so its size and time can be shown. It is pure
// and takes well under a millisecond for the whole bank.
func (t *topicScreen) replan() {
	// Keep the cursor in the visible part of the list (the body less its two title lines;
	// the chrome around the body takes four).
	listH := max(t.cx.height-6, 1)
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+listH {
		t.offset = t.cursor - listH + 1
	}
	o := t.rows[t.cursor].opts
	o.Now = t.cx.now()
	p := drill.Planner{Lib: t.cx.cfg.Lib, Cards: t.cards, Sched: t.cx.cfg.Sched}
	t.plan = p.Topic(o)
}

func (t *topicScreen) key(msg tea.KeyPressMsg) (topicAction, drill.Options) {
	k := t.cx.keys
	switch {
	case key.Matches(msg, k.Up):
		t.cursor = (t.cursor + len(t.rows) - 1) % len(t.rows)
		t.replan()
	case key.Matches(msg, k.Down):
		t.cursor = (t.cursor + 1) % len(t.rows)
		t.replan()
	case key.Matches(msg, k.PageDown):
		t.cursor = min(t.cursor+10, len(t.rows)-1)
		t.replan()
	case key.Matches(msg, k.PageUp):
		t.cursor = max(t.cursor-10, 0)
		t.replan()
	case key.Matches(msg, k.Back):
		return actBack, drill.Options{}
	case key.Matches(msg, k.Enter):
		return actStart, t.rows[t.cursor].opts
	}
	return actNone, drill.Options{}
}

func (t *topicScreen) keys() []key.Binding {
	k := t.cx.keys
	return []key.Binding{k.Move, k.PageDown, k.PageUp, withHelp(k.Enter, "start set"), k.Home, k.Quit}
}

func (t *topicScreen) view(w, h int) string {
	st := t.cx.st
	var b strings.Builder
	set := t.plan
	noun := "questions"
	if len(set.Items) == 1 {
		noun = "question"
	}
	summary := fmt.Sprintf("%d %s · %s", len(set.Items), noun, formatMinutes(set.Limit))
	b.WriteString(hanging(st.Heading.Render("Topic set")+"   "+st.Text.Render(summary), w, 1, 3) + "\n\n")
	end := min(len(t.rows), t.offset+max(h-2, 1))
	labelW := max(w-26, 12)
	for i := t.offset; i < end; i++ {
		r := t.rows[i]
		label := truncate(r.label, labelW)
		counts := fmt.Sprintf("%3d questions", r.total)
		if r.total == 1 {
			counts = "  1 question "
		}
		if r.due > 0 {
			counts += fmt.Sprintf(" · %d due", r.due)
		}
		pad := strings.Repeat(" ", max(labelW-lipglossWidth(label), 0))
		line := "   " + st.Text.Render(label) + pad + " " + st.Muted.Render(counts)
		if i == t.cursor {
			line = " " + st.Selected.Render("> "+label) + pad + " " + st.Muted.Render(counts)
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

func formatMinutes(d time.Duration) string {
	m := int(d.Round(time.Minute).Minutes())
	if m < 1 {
		return "under a minute"
	}
	return fmt.Sprintf("about %d min", m)
}
