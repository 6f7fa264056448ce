package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/safetext"
)

// aboutMode is what the About you screen is doing.
type aboutMode int

const (
	aboutList   aboutMode = iota
	aboutAdd              // typing a new claim
	aboutTags             // editing the tags of the selected claim
	aboutDelete           // confirming a removal
	aboutCVPath           // typing the path of a CV to load
	aboutCVPick           // ticking the claims a CV makes
)

type aboutAction int

const (
	aboutNone aboutAction = iota
	aboutBack
	aboutSave   // the claims changed: save them
	aboutLoadCV // read the CV at cvPath
)

// aboutScreen lists the candidate's claims, what each commits them to, and whether it
// holds up; claims are added, removed and re-tagged here.
type aboutScreen struct {
	cx     *context
	cursor int
	mode   aboutMode
	input  textinput.Model
	err    string
	// edited holds the claims after a change, until they are saved.
	edited []claims.Claim
	// cvPath is the CV last loaded (offered again next time); offer its claims.
	cvPath string
	offer  *cvOffer
	busy   bool // a CV is being read
}

func newAboutScreen(cx *context) aboutScreen {
	ti := textinput.New()
	ti.CharLimit = claims.MaxClaimLength
	ti.Prompt = "› "
	return aboutScreen{cx: cx, input: ti}
}

func (a *aboutScreen) editing() bool {
	return a.mode == aboutAdd || a.mode == aboutTags || a.mode == aboutCVPath
}

// cvLoaded shows what a CV holds, or why it could not be read.
func (a *aboutScreen) cvLoaded(msg cvLoadedMsg, rs []claims.Resolved) {
	a.busy = false
	if a.mode != aboutCVPath {
		return // the candidate went back meanwhile
	}
	if msg.err != nil {
		a.err = msg.err.Error()
		return
	}
	a.cvPath = msg.path
	a.offer = newCVOffer(msg, raw(rs))
	a.mode = aboutCVPick
	a.input.Blur()
}

// key handles a key; rs are the current claims, in the order shown.
func (a *aboutScreen) key(msg tea.KeyPressMsg, rs []claims.Resolved) (aboutAction, tea.Cmd) {
	k := a.cx.keys
	a.err = ""
	switch a.mode {
	case aboutAdd, aboutTags:
		switch {
		case key.Matches(msg, k.Back):
			a.mode = aboutList
			return aboutNone, nil
		case msg.String() == "enter":
			return a.submit(rs)
		}
		var cmd tea.Cmd
		a.input, cmd = a.input.Update(msg)
		return aboutNone, cmd
	case aboutCVPath:
		switch {
		case key.Matches(msg, k.Back):
			a.mode, a.busy = aboutList, false
			return aboutNone, nil
		case msg.String() == "enter":
			if strings.TrimSpace(a.input.Value()) == "" {
				a.err = "Type the path of your CV, such as ~/cv.pdf."
				return aboutNone, nil
			}
			a.busy = true
			return aboutLoadCV, nil
		}
		var cmd tea.Cmd
		a.input, cmd = a.input.Update(msg)
		return aboutNone, cmd
	case aboutCVPick:
		o := a.offer
		switch {
		case key.Matches(msg, k.Back):
			a.mode = aboutList
		case key.Matches(msg, k.Up) && len(o.pick) > 0:
			o.cursor = (o.cursor + len(o.pick) - 1) % len(o.pick)
		case key.Matches(msg, k.Down) && len(o.pick) > 0:
			o.cursor = (o.cursor + 1) % len(o.pick)
		case key.Matches(msg, k.Toggle) && len(o.pick) > 0 && !o.have[o.cursor]:
			o.pick[o.cursor] = !o.pick[o.cursor]
		case msg.String() == "enter":
			add := o.chosen(a.cx)
			a.mode = aboutList
			if len(add) == 0 {
				return aboutNone, nil
			}
			a.edited = append(raw(rs), add...)
			a.cursor = len(a.edited) - 1
			return aboutSave, nil
		}
		return aboutNone, nil
	case aboutDelete:
		switch {
		case key.Matches(msg, k.Yes):
			a.edited = raw(rs)
			a.edited = append(a.edited[:a.cursor], a.edited[a.cursor+1:]...)
			a.cursor = max(0, min(a.cursor, len(a.edited)-1))
			a.mode = aboutList
			return aboutSave, nil
		case key.Matches(msg, k.No):
			a.mode = aboutList
		}
		return aboutNone, nil
	}
	switch {
	case key.Matches(msg, k.Back):
		return aboutBack, nil
	case key.Matches(msg, k.Up) && len(rs) > 0:
		a.cursor = (a.cursor + len(rs) - 1) % len(rs)
	case key.Matches(msg, k.Down) && len(rs) > 0:
		a.cursor = (a.cursor + 1) % len(rs)
	case key.Matches(msg, k.Add):
		a.mode = aboutAdd
		a.input.SetValue("")
		a.input.Placeholder = "I love the details of ML models"
		return aboutNone, a.input.Focus()
	case key.Matches(msg, k.EditTags) && len(rs) > 0:
		a.mode = aboutTags
		a.input.SetValue(strings.Join(rs[a.cursor].Tags, ", "))
		a.input.Placeholder = "model-internals, deployment"
		a.input.CursorEnd()
		return aboutNone, a.input.Focus()
	case key.Matches(msg, k.Delete) && len(rs) > 0:
		a.mode = aboutDelete
	case key.Matches(msg, k.LoadCV):
		a.mode = aboutCVPath
		a.input.SetValue(a.cvPath)
		a.input.Placeholder = "~/cv.pdf"
		a.input.CursorEnd()
		return aboutNone, a.input.Focus()
	}
	return aboutNone, nil
}

// submit turns the input into a new claim or a new set of tags.
func (a *aboutScreen) submit(rs []claims.Resolved) (aboutAction, tea.Cmd) {
	text := safetext.Clean(a.input.Value())
	cs := raw(rs)
	if a.mode == aboutAdd {
		c, err := claims.New(text, a.cx.now())
		if err != nil {
			a.err = err.Error()
			return aboutNone, nil
		}
		if i, dup := claims.Duplicate(cs, c.Text); dup {
			a.err = fmt.Sprintf("you already claim that: %q (number %d)", cs[i].Text, i+1)
			a.cursor = i
			return aboutNone, nil
		}
		a.edited = append(cs, c)
		a.cursor = len(a.edited) - 1
	} else {
		want := splitTags(text)
		cur := rs[a.cursor]
		var add, drop []string
		for _, t := range want {
			if !contains(cur.Tags, t) {
				add = append(add, t)
			}
		}
		if t, names, bad := claims.UnknownTag(add, a.cx.cfg.Lib.Tags()); bad {
			a.err = fmt.Sprintf("no question carries #%s", t)
			if near := pack.DidYouMean(t, names); len(near) > 0 {
				a.err += fmt.Sprintf(" (did you mean #%s?)", strings.Join(near[:min(len(near), 3)], " or #"))
			}
			a.err += ": the tags are " + strings.Join(names, ", ")
			return aboutNone, nil
		}
		for _, t := range cur.Tags {
			if !contains(want, t) {
				drop = append(drop, t)
			}
		}
		c, err := claims.EditTags(cur.Claim, add, drop)
		if err != nil {
			a.err = err.Error()
			return aboutNone, nil
		}
		cs[a.cursor] = c
		a.edited = cs
	}
	a.mode = aboutList
	a.input.Blur()
	return aboutSave, nil
}

func raw(rs []claims.Resolved) []claims.Claim {
	out := make([]claims.Claim, len(rs))
	for i, r := range rs {
		out[i] = r.Claim
	}
	return out
}

func splitTags(s string) []string {
	var out []string
	for _, t := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		t = strings.TrimPrefix(strings.ToLower(t), "#")
		if t != "" && !contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (a *aboutScreen) keys(rs []claims.Resolved) []key.Binding {
	k := a.cx.keys
	switch a.mode {
	case aboutAdd:
		return []key.Binding{withHelp(k.Enter, "add claim"), withHelp(k.Back, "cancel"), k.Quit}
	case aboutTags:
		return []key.Binding{withHelp(k.Enter, "save tags"), withHelp(k.Back, "cancel"), k.Quit}
	case aboutDelete:
		return []key.Binding{withHelp(k.Yes, "remove"), withHelp(k.No, "keep")}
	case aboutCVPath:
		return []key.Binding{withHelp(k.Enter, "read the CV"), withHelp(k.Back, "cancel"), k.Quit}
	case aboutCVPick:
		out := []key.Binding{}
		if a.offer != nil && len(a.offer.pick) > 0 {
			out = append(out, k.Move, withHelp(k.Toggle, "tick"))
		}
		enter := withHelp(k.Enter, "back to your claims")
		if a.offer != nil && a.offer.ticked() > 0 {
			enter = withHelp(k.Enter, fmt.Sprintf("add %d ticked", a.offer.ticked()))
		}
		return append(out, enter, withHelp(k.Back, "cancel"), k.Quit)
	}
	out := []key.Binding{k.Add, k.LoadCV}
	if len(rs) > 0 {
		out = append(out, k.Move, k.EditTags, k.Delete)
	}
	return append(out, k.Home, k.Quit)
}

func (a *aboutScreen) view(w, h int, rs []claims.Resolved, audit []claims.Row) string {
	st := a.cx.st
	var b strings.Builder
	b.WriteString(truncate(" "+st.Heading.Render("About you")+"  "+st.Muted.Render("what you would say about yourself; each claim is drilled harder"), w) + "\n\n")
	if a.mode == aboutCVPick && a.offer != nil {
		b.WriteString(a.offer.view(st, w, a.cx.bodyH-2))
		return b.String()
	}
	if len(rs) == 0 && a.mode != aboutAdd && a.mode != aboutCVPath {
		b.WriteString(block(st.Muted.Render(`No claims yet. Press a and write one sentence you would say in an interview, such as "I love the details of ML models" or "I have deployed models to production", or press l to load your CV and pick the claims it makes. Every claim maps to topics an interviewer will verify.`), w) + "\n")
	}
	// What the mode asks for comes below the list, and is never pushed off the screen: the
	// list shows the claims that fit around the selected one.
	var tail strings.Builder
	switch a.mode {
	case aboutAdd:
		tail.WriteString("\n " + st.Heading.Render("New claim") + "\n " + a.input.View() + "\n")
	case aboutTags:
		tail.WriteString("\n" + block(st.Heading.Render("Tags for this claim")+st.Muted.Render(" (comma-separated)"), w) + "\n " + a.input.View() + "\n")
	case aboutDelete:
		tail.WriteString("\n" + block(st.Warn.Render("Remove this claim? Its history stays; it is just no longer drilled harder."), w) + "\n")
	case aboutCVPath:
		tail.WriteString("\n" + block(st.Heading.Render("Your CV")+st.Muted.Render(" (PDF, DOCX, Markdown or text; ~ is your home folder)"), w) + "\n " + a.input.View() + "\n")
		if a.busy {
			tail.WriteString(" " + st.Muted.Render("Reading…") + "\n")
		}
	}
	if a.err != "" {
		tail.WriteString("\n" + block(st.Bad.Render(clean(a.err)), w) + "\n")
	}
	var items [][]string // each claim's lines
	for i, r := range rs {
		mark := "  "
		if i == a.cursor {
			mark = st.Selected.Render("> ")
		}
		text := fmt.Sprintf("%q", clean(r.Text))
		if i == a.cursor {
			text = st.Selected.Render(text)
		}
		lines := []string{" " + mark + truncate(text, w-4)}
		tags := st.Muted.Render("    maps to nothing yet")
		if len(r.Tags) > 0 {
			tags = "    " + st.Claim.Render("#"+strings.Join(r.Tags, " #"))
		} else if len(r.Suggest) > 0 {
			tags += st.Muted.Render(": nearest tags #" + strings.Join(r.Suggest, " #") + " (press e to add)")
		}
		lines = append(lines, truncate(tags, w))
		if i < len(audit) {
			lines = append(lines, truncate("    "+auditLine(st, audit[i]), w))
		}
		items = append(items, lines)
	}
	room := h - strings.Count(b.String(), "\n") - strings.Count(tail.String(), "\n")
	for _, l := range fitAround(st, items, a.cursor, room) {
		b.WriteString(l + "\n")
	}
	b.WriteString(tail.String())
	return b.String()
}

// fitAround returns the lines of as many items as fit in room lines, keeping item cur in
// view; a line says how many are left out when some are.
func fitAround(st Styles, items [][]string, cur, room int) []string {
	total := 0
	for _, it := range items {
		total += len(it)
	}
	if total <= room || len(items) == 0 {
		var out []string
		for _, it := range items {
			out = append(out, it...)
		}
		return out
	}
	room-- // for the line that counts what is hidden
	cur = max(0, min(cur, len(items)-1))
	first, last, used := cur, cur, len(items[cur])
	for {
		grew := false
		if last+1 < len(items) && used+len(items[last+1]) <= room {
			last++
			used += len(items[last])
			grew = true
		}
		if first > 0 && used+len(items[first-1]) <= room {
			first--
			used += len(items[first])
			grew = true
		}
		if !grew {
			break
		}
	}
	var out []string
	for _, it := range items[first : last+1] {
		out = append(out, it...)
	}
	if room < len(items[cur]) {
		out = out[:max(room, 1)]
	}
	return append(out, "   "+st.Muted.Render(fmt.Sprintf("%d of %d shown; ↑/↓ for the others", last-first+1, len(items))))
}

// auditLine is one claim's verdict, as the home panel and About you show it.
func auditLine(st Styles, r claims.Row) string {
	// The verdict says why ("not enough answers yet: 1 of 5"); the trend follows.
	head, why, _ := strings.Cut(r.Verdict, ": ")
	verdict := st.Warn.Render(head)
	if r.HoldsUp {
		verdict = st.Good.Render(head)
	}
	detail := why
	if r.Trend != "new" && r.Reviews > 0 {
		detail += " · " + r.Trend
	}
	return verdict + "  " + st.Muted.Render(detail)
}
