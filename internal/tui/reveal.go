package tui

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/safetext"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

type revealAction int

const (
	actWait revealAction = iota
	actRate
	actRetry
	actSavePhrase // save r.phrase as a personal synonym of key point r.phrasePoint
)

// revealScreen compares the answer with the model answer and takes the rating.
type revealScreen struct {
	cx      *context
	ans     answer
	card    srs.Card
	at      time.Time   // when the answer was revealed
	preview [4]srs.Card // the card after each rating
	cov     score.Coverage
	aloud   bool // answered aloud: the candidate ticks the key points they said
	ticking bool // the aloud checklist is open
	tickCur int
	correct bool // choice questions: exactly the correct options were picked
	strict  bool // a claimed question: the suggestion is one step stricter
	sugg    score.Suggestion
	vp      pager
	kpLine  int // first line of the key points in the viewport's content

	saving  bool
	saveErr error
	pending *drill.Result

	// history holds the earlier answers to this question, oldest first; showPrev shows the
	// latest typed one beside today's.
	history  []store.Review
	showPrev bool

	// Correcting the grader (typed answers): offers are the key points ticked that it missed
	// (its own verdict is r.cov.Graded), whose words the candidate may save as a personal
	// synonym, one at a time in input.
	offers      []int
	offered     map[int]bool // key points already offered in this reveal: never twice
	input       textinput.Model
	phrasePoint int
	phrase      string
	phraseNote  string // "saved your words for …", once the store has them
	phraseErr   error
}

func newRevealScreen(cx *context, a answer, card srs.Card, now time.Time, sched *srs.Scheduler, strict bool, history []store.Review) revealScreen {
	q := a.item.Q
	body := q.Body()
	r := revealScreen{cx: cx, ans: a, card: card, at: now, preview: sched.Preview(card, now), strict: strict && a.item.Claim != "", history: history}
	switch {
	case q.Kind == pack.KindChoice:
		r.correct = slices.Equal(a.picked, q.Correct())
	case a.text == "" && len(body.KeyPoints) > 0:
		r.aloud, r.ticking = true, true
		r.cov = score.Coverage{Covered: make([]bool, len(body.KeyPoints))}
	default:
		r.cov = score.Grade(q, a.text, score.Options{Thesaurus: cx.thesaurus(), Personal: score.PersonalFor(q, cx.synonyms[q.Key()])})
	}
	r.input = textinput.New()
	r.input.Prompt = "› "
	r.input.CharLimit = store.MaxSynonym
	r.suggest()
	r.resize()
	return r
}

func (r *revealScreen) suggest() {
	r.sugg = score.Suggest(score.Input{
		Kind: r.ans.item.Q.Kind, Coverage: r.cov, Aloud: r.aloud, Correct: r.correct,
		Used: r.ans.used, Limit: r.ans.item.Limit, Overtime: r.ans.overtime, Strict: r.strict,
	})
	if r.ans.item.Q.Kind == pack.KindOpen && len(r.ans.item.Q.Body().KeyPoints) == 0 {
		// Nothing to judge the answer by (an imported card, say): no rating is preselected.
		r.sugg = score.Suggestion{Reason: "this question has no key points to check your answer against"}
	}
}

// resize lays out the scrollable part; it is re-rendered here, never in View.
func (r *revealScreen) resize() {
	w := r.cx.width
	// Above the pager: the question's title. Below it: the scroll hint, then the
	// suggestion, the rating keys and a status line, which keep their room on any window.
	r.vp.SetHeight(max(r.cx.bodyH-1-lipgloss.Height(r.bottom(w)), 1))
	off := r.vp.YOffset()
	r.vp.SetContent(r.content(readable(w)))
	if r.ticking {
		// Show the checklist from its heading, or at least the line being ticked.
		off = max(r.kpLine, r.kpLine+2+r.tickCur-r.vp.Height())
	}
	r.vp.SetYOffset(off)
}

func (r *revealScreen) content(w int) string {
	st, q := r.cx.st, r.ans.item.Q
	body := q.Body()
	inner := max(w-2, 20)
	var b strings.Builder
	if q.Kind == pack.KindChoice {
		verdict := st.Bad.Render("✗ Not quite.")
		if r.correct {
			verdict = st.Good.Render("✓ Right.")
		}
		b.WriteString(" " + verdict + "\n")
		for i, c := range body.Choices {
			picked := slices.Contains(r.ans.picked, i)
			mark, style := "  ", st.Muted
			switch {
			case c.Correct:
				mark, style = st.Good.Render("✓ "), st.Text
			case picked:
				mark, style = st.Bad.Render("✗ "), st.Text
			}
			you := ""
			if picked {
				you = st.Muted.Render("  ← your pick")
			}
			b.WriteString(block(mark+style.Render(fmt.Sprintf("%d. %s", i+1, clean(c.Text)))+you, w) + "\n")
		}
		b.WriteString("\n")
	}
	if body.Answer != "" {
		b.WriteString(" " + st.Heading.Render("Model answer") + "\n")
		b.WriteString(margin(r.cx.md.Render(body.Answer, inner), w) + "\n\n")
	}
	if err := body.Err; err != nil {
		b.WriteString(block(st.Warn.Render("No model answer: "+clean(err.Error())), w) + "\n\n")
	}
	if len(body.KeyPoints) > 0 {
		head := fmt.Sprintf("you covered %d of %d", r.cov.Hits(), r.cov.Total())
		// A choice question is graded by the options picked; its key points explain the
		// answer and are not scored, so there is no coverage to mark them with.
		scored := len(r.cov.Covered) == len(body.KeyPoints)
		if !scored {
			head = "why"
		}
		if r.ticking && r.typedOpen() {
			head = "tick the ones your answer made"
		} else if r.ticking {
			head = "tick the ones you said"
		} else if r.aloud {
			head = fmt.Sprintf("you said %d of %d", r.cov.Hits(), r.cov.Total())
		}
		if scored && !r.aloud && (r.cov.Halves() > 0) && !r.ticking {
			head = fmt.Sprintf("you covered %s", strings.TrimSuffix(r.cov.PointsText(), " key points"))
		}
		r.kpLine = strings.Count(b.String(), "\n")
		b.WriteString(hanging(st.Heading.Render("Key points")+"   "+st.Muted.Render(head), w, 1, 3) + "\n")
		typed := scored && !r.aloud && len(r.cov.Points) == len(body.KeyPoints)
		for i, kp := range body.KeyPoints {
			var mark, note string
			var pt score.Point
			if typed {
				pt = r.cov.Points[i]
			}
			switch {
			case !scored:
				mark = st.Muted.Render("•")
			case r.ticking && r.cov.Covered[i]:
				mark = st.Good.Render("[x]")
			case r.ticking:
				mark = "[ ]"
			case r.cov.Covered[i]:
				mark = st.Good.Render("✓")
				if typed && len(pt.Shown) > 0 {
					note = "shown by your answer: " + strings.Join(pt.Shown, ", ")
				} else if typed && len(pt.Matched) > 0 {
					note = "you said " + quoted(pt.Matched)
					if pt.Personal {
						note += " (your saved words)"
					}
				} else if typed {
					note = "ticked by you"
				}
			case typed && pt.State == score.Partial:
				mark = st.Warn.Render("◐")
				note = "half: " + quoted(pt.Matched) + ", but not " + andQuoted(pt.Missing)
			case typed && pt.State == score.Wrong:
				mark = st.Bad.Render("✗")
				note = "a common misconception: you said " + quoted(pt.Matched)
			default:
				mark = st.Bad.Render("✗")
				if typed && len(pt.Missing) > 0 {
					note = "needs " + andQuoted(pt.Missing)
				}
			}
			text := clean(kp.Text)
			if r.ticking {
				// The line being ticked is marked by a symbol as well as colour (NO_COLOR).
				text = fmt.Sprintf("  %d. %s", i+1, text)
				if i == r.tickCur {
					text = st.Selected.Render("> " + text[2:])
				}
			}
			b.WriteString(block(mark+" "+text, w) + "\n")
			if note != "" && !r.ticking {
				b.WriteString(hanging(st.Muted.Render(clean(note)), w, 5, 5) + "\n")
			}
		}
		b.WriteString("\n")
	}
	if !r.ticking {
		b.WriteString(r.verdicts(w))
	}
	if r.ans.text != "" {
		b.WriteString(" " + st.Heading.Render("Your answer") + "\n")
		b.WriteString(block(r.highlighted(), w) + "\n")
	}
	b.WriteString(r.earlier(w))
	return strings.TrimRight(b.String(), "\n")
}

// earlier lists the earlier attempts at the question (date, key points, rating) and, when
// asked for, the latest typed answer, to compare with today's.
func (r *revealScreen) earlier(w int) string {
	if len(r.history) == 0 {
		return ""
	}
	st, q := r.cx.st, r.ans.item.Q
	body := q.Body()
	var b strings.Builder
	b.WriteString("\n " + st.Heading.Render("Earlier answers") + "\n")
	for i := len(r.history) - 1; i >= 0; i-- {
		h := r.history[i]
		how := "answered aloud"
		switch {
		case q.Kind == pack.KindChoice && h.Coverage >= 1:
			how = "right options"
		case q.Kind == pack.KindChoice:
			how = "wrong options"
		case h.Coverage >= 0 && len(body.KeyPoints) > 0:
			how = fmt.Sprintf("%d of %d key points", int(math.Round(h.Coverage*float64(len(body.KeyPoints)))), len(body.KeyPoints))
			if h.Aloud {
				how += ", aloud"
			}
		}
		b.WriteString(block(st.Muted.Render(h.Time.In(r.at.Location()).Format("2006-01-02")+"  ")+st.Text.Render(fmt.Sprintf("%-5s", h.Rating))+st.Muted.Render("  "+how), w) + "\n")
	}
	if prev, ok := r.lastTyped(); ok && r.showPrev {
		b.WriteString("\n " + st.Heading.Render("Your answer on "+prev.Time.In(r.at.Location()).Format("2006-01-02")) + "\n")
		b.WriteString(block(st.Text.Render(clean(prev.Answer)), w) + "\n")
	}
	return b.String()
}

func (r *revealScreen) hasPrev() bool { _, ok := r.lastTyped(); return ok }

// lastTyped is the latest earlier answer that was typed.
func (r *revealScreen) lastTyped() (store.Review, bool) {
	for i := len(r.history) - 1; i >= 0; i-- {
		if r.history[i].Answer != "" {
			return r.history[i], true
		}
	}
	return store.Review{}, false
}

// verdicts are what the grader found beyond the key points: misconceptions, red flags in a
// behavioural answer, and a keyword list.
func (r *revealScreen) verdicts(w int) string {
	st := r.cx.st
	var b strings.Builder
	for _, m := range r.cov.Misconceptions {
		b.WriteString(hanging(st.Bad.Render("✗ A common misconception: ")+st.Text.Render(clean(m.Text)), w, 1, 3) + "\n")
		b.WriteString(hanging(st.Muted.Render("you said "+quoted([]string{m.Matched})), w, 5, 5) + "\n")
	}
	if len(r.cov.Flags) > 0 {
		b.WriteString(hanging(st.Heading.Render("Red flags")+"   "+st.Muted.Render("an interviewer will notice these"), w, 1, 3) + "\n")
		for _, f := range r.cov.Flags {
			line := st.Warn.Render("⚑ "+f.Name) + " " + st.Text.Render(clean(quoted([]string{f.Sentence})))
			if f.Sentence == "" {
				line = st.Warn.Render("⚑ " + f.Name)
			}
			b.WriteString(hanging(line, w, 1, 3) + "\n")
			b.WriteString(hanging(st.Muted.Render(clean(f.Why)), w, 5, 5) + "\n")
		}
	}
	if r.cov.List {
		b.WriteString(block(st.Warn.Render("This reads like a list of keywords; say it as you would to an interviewer."), w) + "\n")
	}
	if b.Len() == 0 {
		return ""
	}
	return b.String() + "\n"
}

// highlighted is the answer with the words that earned key points underlined (and those
// that stated a misconception marked as bad), so the candidate sees what counted.
func (r *revealScreen) highlighted() string {
	st, text := r.cx.st, r.ans.text
	type mark struct {
		score.Span
		bad bool
	}
	var marks []mark
	for i, p := range r.cov.Points {
		if i < len(r.cov.Covered) && (r.cov.Covered[i] || r.cov.Partial[i] || p.State == score.Wrong) {
			for _, sp := range p.Evidence {
				marks = append(marks, mark{sp, p.State == score.Wrong})
			}
		}
	}
	for _, m := range r.cov.Misconceptions {
		marks = append(marks, mark{m.Span, true})
	}
	slices.SortFunc(marks, func(a, b mark) int { return a.Start - b.Start })
	var b strings.Builder
	at := 0
	for _, m := range marks {
		if m.Start < at || m.End > len(text) || m.Start >= m.End {
			continue // overlapping evidence: the first mark wins
		}
		b.WriteString(st.Muted.Render(safetext.Clean(text[at:m.Start])))
		style := st.Evidence
		if m.bad {
			style = st.WrongWords
		}
		b.WriteString(style.Render(safetext.Clean(text[m.Start:m.End])))
		at = m.End
	}
	b.WriteString(st.Muted.Render(safetext.Clean(text[at:])))
	return b.String()
}

// quoted writes phrases as “a”, “b”.
func quoted(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = "“" + strings.Join(strings.Fields(x), " ") + "”"
	}
	return strings.Join(q, ", ")
}

// andQuoted writes what is missing: every group named is needed.
func andQuoted(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = "“" + x + "”"
	}
	return strings.Join(q, " and ")
}

// typedOpen reports whether the answer was typed to an open question with key points: the
// grader judged it, and the candidate may correct the ticks.
func (r *revealScreen) typedOpen() bool {
	return r.ans.item.Q.Kind == pack.KindOpen && !r.aloud && len(r.cov.Points) > 0
}

// offering reports whether the candidate is being offered to save their words.
func (r *revealScreen) offering() bool { return len(r.offers) > 0 }

// nextOffer moves to the next key point to offer, prefilled with the answer's sentence
// closest to it.
func (r *revealScreen) nextOffer() tea.Cmd {
	if len(r.offers) == 0 {
		r.input.Blur()
		return nil
	}
	kp := r.ans.item.Q.Body().KeyPoints[r.offers[0]]
	guess := score.Closest(r.ans.text, kp.Text)
	if rs := []rune(guess); len(rs) > store.MaxSynonym {
		// Cut at a word boundary: half a word would match nothing.
		guess = string(rs[:store.MaxSynonym])
		if k := strings.LastIndexByte(guess, ' '); k > 0 {
			guess = guess[:k]
		}
	}
	r.input.SetValue(clean(guess))
	r.input.SetWidth(max(readable(r.cx.width)-6, 10))
	return r.input.Focus()
}

func (r *revealScreen) key(msg tea.KeyPressMsg) (revealAction, srs.Rating, tea.Cmd) {
	k := r.cx.keys
	if r.saving {
		return actWait, 0, nil
	}
	if r.offering() {
		switch {
		case key.Matches(msg, k.SavePhrase):
			r.phrasePoint, r.phrase = r.offers[0], strings.TrimSpace(r.input.Value())
			r.offers = r.offers[1:]
			cmd := r.nextOffer()
			r.resize()
			if r.phrase == "" {
				return actWait, 0, cmd
			}
			return actSavePhrase, 0, cmd
		case key.Matches(msg, k.SkipPhrase):
			r.offers = r.offers[1:]
			cmd := r.nextOffer()
			r.resize()
			return actWait, 0, cmd
		}
		var cmd tea.Cmd
		r.input, cmd = r.input.Update(msg)
		return actWait, 0, cmd
	}
	if r.ticking {
		n := len(r.cov.Covered)
		switch {
		case key.Matches(msg, k.Up):
			r.tickCur = (r.tickCur + n - 1) % n
		case key.Matches(msg, k.Down):
			r.tickCur = (r.tickCur + 1) % n
		case key.Matches(msg, k.Tick):
			if i := int(msg.String()[0] - '1'); i < n {
				r.tickCur = i
				r.cov.Toggle(i)
			}
		case key.Matches(msg, k.Toggle):
			r.cov.Toggle(r.tickCur)
		case key.Matches(msg, k.DoneTicks):
			r.ticking = false
			r.suggest()
			var cmd tea.Cmd
			if r.typedOpen() {
				// Offer the points ticked that the grader missed, once each; not a point it
				// read as a misconception, which saved words cannot override.
				r.offers = r.offers[:0]
				if r.offered == nil {
					r.offered = map[int]bool{}
				}
				for i, c := range r.cov.Covered {
					if g := r.cov.Graded(i).State; c && g != score.Covered && g != score.Wrong && !r.offered[i] {
						r.offers = append(r.offers, i)
						r.offered[i] = true
					}
				}
				cmd = r.nextOffer()
			}
			r.resize()
			return actWait, 0, cmd
		}
		r.resize()
		return actWait, 0, nil
	}
	switch {
	case r.saveErr != nil && key.Matches(msg, k.Retry):
		return actRetry, 0, nil
	case key.Matches(msg, k.Accept) && r.ans.item.Practice:
		return actRate, srs.Again, nil // not recorded: Model.rate moves on
	case key.Matches(msg, k.Accept):
		if !r.sugg.Rating.Valid() {
			return actWait, 0, nil // nothing to judge: no rating is preselected
		}
		return actRate, r.sugg.Rating, nil
	case key.Matches(msg, k.PrevAnswer) && r.hasPrev():
		r.showPrev = !r.showPrev
		r.resize()
		if r.showPrev {
			r.vp.SetYOffset(r.vp.maxOffset()) // where the earlier answer is
		}
		return actWait, 0, nil
	case r.typedOpen() && key.Matches(msg, k.Correct):
		r.ticking, r.tickCur = true, 0
		r.resize()
		return actWait, 0, nil
	case r.vp.Scroll(msg, k): // scrolled the model answer
	}
	if r.ans.item.Practice {
		return actWait, 0, nil // enter moves on; there is nothing to rate
	}
	for i, b := range k.Rate {
		if key.Matches(msg, b) {
			return actRate, srs.Rating(i + 1), nil
		}
	}
	return actWait, 0, nil
}

// result is the graded answer for rating g.
func (r *revealScreen) result(g srs.Rating, now time.Time) drill.Result {
	return drill.Result{
		Item: r.ans.item, Answer: r.ans.text, Picked: r.ans.picked, Correct: r.correct,
		Used: r.ans.used, Overtime: r.ans.overtime, Aloud: r.aloud, Coverage: r.cov,
		Rating: g, At: now,
	}
}

func (r *revealScreen) keys() []key.Binding {
	k := r.cx.keys
	if r.saving {
		return []key.Binding{k.Quit}
	}
	if r.offering() {
		return []key.Binding{k.SavePhrase, k.SkipPhrase, k.Quit}
	}
	if r.ticking {
		return []key.Binding{k.Tick, k.Move, k.DoneTicks, k.LeaveRev, k.Quit}
	}
	if r.ans.item.Practice {
		out := []key.Binding{withHelp(k.Accept, "next")}
		if r.typedOpen() {
			out = append(out, k.Correct)
		}
		return append(out, k.Scroll, k.LeaveRev, k.Quit)
	}
	rate := k.Rate[0]
	rate.SetHelp("1-4", "rate")
	out := []key.Binding{rate}
	if r.sugg.Rating.Valid() {
		out = append(out, k.Accept)
	}
	if r.typedOpen() {
		out = append(out, k.Correct)
	}
	if r.hasPrev() {
		out = append(out, k.PrevAnswer)
	}
	out = append(out, k.Scroll)
	if r.saveErr != nil {
		out = append(out, k.Retry)
	}
	return append(out, k.LeaveRev, k.Quit)
}

// clockText is the reveal header's right side: time used against the limit.
func (r *revealScreen) clockText(run *run, now time.Time) string {
	st := r.cx.st
	used, limit := r.ans.used, r.ans.item.Limit
	text := formatClock(int(used.Round(time.Second).Seconds())) + " of " + formatClock(int(limit.Seconds()))
	if r.ans.overtime {
		text = st.Warn.Render(text + " · " + fmt.Sprintf("%s over", (used-limit).Round(time.Second)))
		if used-limit < time.Second { // taken when the clock ran out, not after
			text = st.Warn.Render(formatClock(int(limit.Seconds())) + " · time ran out")
		}
	} else {
		text = st.Text.Render(text) + st.Muted.Render(" · in time")
	}
	if run != nil && run.set.Limit > 0 && r.cx.width >= 60 {
		text += "  " + clockBar(st, "set", run.setLeft(now), run.set.Limit, 0)
	}
	return text
}

func (r *revealScreen) view(w, _ int) string {
	st := r.cx.st
	var b strings.Builder
	b.WriteString(" " + truncate(st.Muted.Render("Q ")+st.Text.Render(clean(r.ans.item.Q.Title)), max(w-2, 1)) + "\n")
	text := r.vp.View()
	if !r.vp.AtBottom() {
		text = withMore(st, text, w, r.vp.ScrollPercent())
	}
	b.WriteString(text + "\n")
	return b.String() + r.bottom(w)
}

// bottom is what stays under the scrolled text: the ticking instructions, or the
// suggestion, the rating keys and a status line. In a small window, where the full
// suggestion would leave no line for the answer above it, it drops its reason: the rating
// keys must stay on screen.
func (r *revealScreen) bottom(w int) string {
	full := r.bottomWith(w, true)
	if lipgloss.Height(full)+2 > r.cx.bodyH {
		return r.bottomWith(w, false)
	}
	return full
}

func (r *revealScreen) bottomWith(w int, reason bool) string {
	st := r.cx.st
	if r.ticking && r.typedOpen() {
		return block(st.Muted.Render("Correct the grader: tick each key point your answer really made, then press enter."), w)
	}
	if r.ticking {
		return block(st.Muted.Render("You answered aloud. Tick each key point you really said, then press enter."), w)
	}
	if r.offering() {
		kp := r.ans.item.Q.Body().KeyPoints[r.offers[0]]
		return block(st.Text.Render("I said it differently: ")+st.Muted.Render("the grader missed “"+clean(kp.Text)+
			"”. Keep the words of your answer that say it, and they will count from now on."), w) +
			"\n " + r.input.View()
	}
	var b strings.Builder
	if r.ans.item.Practice {
		b.WriteString(block(st.Text.Render("Practice round: ")+st.Muted.Render("nothing is saved; it comes back "+
			strings.TrimPrefix(backIn(r.card.Due, r.at), "back ")+", as your rating set it."), w) + "\n")
		b.WriteString(" " + st.RateFocus.Render("[enter next]"))
		switch {
		case r.phraseErr != nil:
			b.WriteString("\n" + block(st.Bad.Render("Your words were not saved: "+clean(r.phraseErr.Error())), w))
		case r.phraseNote != "":
			b.WriteString("\n" + block(st.Good.Render("✓ ")+st.Muted.Render(clean(r.phraseNote)), w))
		}
		return b.String()
	}
	switch {
	case r.sugg.Rating.Valid() && !reason:
		b.WriteString(block(st.Muted.Render("Suggested: ")+st.RateFocus.Render(r.sugg.Rating.String()), w) + "\n")
	case r.sugg.Rating.Valid():
		b.WriteString(block(st.Muted.Render("Suggested: ")+st.RateFocus.Render(r.sugg.Rating.String())+
			st.Muted.Render(" ("+r.sugg.Reason+")"), w) + "\n")
	default:
		b.WriteString(block(st.Muted.Render("Rate yourself: "+r.sugg.Reason+"."), w) + "\n")
	}
	b.WriteString(r.rateKeys(w))
	switch {
	case r.phraseErr != nil:
		b.WriteString("\n" + block(st.Bad.Render("Your words were not saved: "+clean(r.phraseErr.Error())), w))
	case r.phraseNote != "" && !r.saving && r.saveErr == nil:
		b.WriteString("\n" + block(st.Good.Render("✓ ")+st.Muted.Render(clean(r.phraseNote)), w))
	}
	switch {
	case r.saving:
		b.WriteString("\n " + st.Muted.Render("saving…"))
	case r.saveErr != nil:
		b.WriteString("\n" + block(st.Bad.Render("Not saved: "+clean(r.saveErr.Error())+". Press r to try again; your answer is kept."), w))
	}
	return b.String()
}

// rateKeys shows each rating key with the interval it would give: "3 Good · 4d".
func (r *revealScreen) rateKeys(w int) string {
	st := r.cx.st
	parts := make([]string, 4)
	for i := range parts {
		g := srs.Rating(i + 1)
		text := fmt.Sprintf("%d %s · %s", g, g, formatInterval(r.preview[i].Due.Sub(r.at)))
		if g == r.sugg.Rating {
			parts[i] = st.RateFocus.Render("[" + text + "]")
		} else {
			parts[i] = st.RateKey.Render(" " + text + " ")
		}
	}
	// One line when it fits, else two keys a line.
	if line := strings.Join(parts, "  "); lipgloss.Width(line) <= w-2 {
		return " " + line
	}
	if line := strings.Join(parts, ""); lipgloss.Width(line) <= w-2 {
		return " " + line
	}
	return " " + parts[0] + parts[1] + "\n " + parts[2] + parts[3]
}
