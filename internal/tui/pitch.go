package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pitch"
	"github.com/hotseat/hotseat/internal/safetext"
)

// PitchLimit is the time for "Tell me about yourself".
const PitchLimit = 2 * time.Minute

type pitchAction int

const (
	pitchNone pitchAction = iota
	pitchBack
	pitchSubmit
	pitchAddClaims
)

// pitchScreen rehearses "Tell me about yourself": a timed answer, then a review of its red
// flags and of the claims it makes, which the candidate may confirm.
type pitchScreen struct {
	cx       *context
	started  time.Time
	input    textarea.Model
	review   *pitch.Review
	text     string
	overtime bool
	used     time.Duration
	pick     []bool // claims found, chosen to be added
	pg       pager
	escArm   bool
}

func newPitchScreen(cx *context, now time.Time) pitchScreen {
	p := pitchScreen{cx: cx, started: now,
		input: newAnswerBox(cx, "Tell me about yourself. Type what you would say, as you would say it.")}
	p.resize()
	return p
}

func (p *pitchScreen) typing() bool { return p.review == nil }

func (p *pitchScreen) hasText() bool {
	return p.review == nil && strings.TrimSpace(p.input.Value()) != ""
}

func (p *pitchScreen) resize() {
	w := p.cx.width
	p.input.SetWidth(max(w-6, 10))
	// Above the box its introduction; then the box's two borders and a warning line.
	p.input.SetHeight(max(p.cx.bodyH-lipgloss.Height(p.intro(w))-3, 2))
	p.pg.SetHeight(max(p.cx.bodyH, 3))
	if p.review != nil {
		p.pg.SetContent(p.content(w))
	}
}

func (p *pitchScreen) timeUp(now time.Time) bool { return now.Sub(p.started) >= PitchLimit }

// finish analyses the pitch as it stands.
func (p *pitchScreen) finish(now time.Time, vocab []pack.Claim) {
	p.text = strings.TrimSpace(safetext.Clean(p.input.Value()))
	p.used = now.Sub(p.started)
	p.overtime = p.used >= PitchLimit
	r := pitch.Analyze(p.text, pitch.Options{Limit: PitchLimit, Claims: vocab})
	p.review = &r
	// Found claims start unticked: adding one commits the candidate to being drilled
	// harder on it, which they choose, one by one.
	p.pick = make([]bool, len(r.Claims))
	p.input.Blur()
	p.resize()
}

func (p *pitchScreen) key(msg tea.KeyPressMsg) (pitchAction, tea.Cmd) {
	k := p.cx.keys
	if p.review == nil {
		switch {
		case key.Matches(msg, k.Submit):
			return pitchSubmit, nil
		case key.Matches(msg, k.Back):
			if p.hasText() && !p.escArm {
				p.escArm = true
				return pitchNone, nil
			}
			return pitchBack, nil
		}
		p.escArm = false
		var cmd tea.Cmd
		p.input, cmd = p.input.Update(msg)
		return pitchNone, cmd
	}
	switch {
	case key.Matches(msg, k.Tick):
		if i := int(msg.String()[0] - '1'); i < len(p.pick) {
			p.pick[i] = !p.pick[i]
			p.pg.SetContent(p.content(p.cx.width))
		}
	case key.Matches(msg, k.Enter):
		for _, on := range p.pick {
			if on {
				return pitchAddClaims, nil
			}
		}
		return pitchBack, nil
	case key.Matches(msg, k.Back):
		return pitchBack, nil
	default:
		p.pg.Scroll(msg, k)
	}
	return pitchNone, nil
}

// chosenClaims are the claims found in the pitch that the candidate confirmed: each is the
// sentence it was said in.
func (p *pitchScreen) chosenClaims(now time.Time) []claims.Claim {
	var out []claims.Claim
	seen := map[string]bool{}
	for i, c := range p.review.Claims {
		if !p.pick[i] || seen[c.Sentence] {
			continue
		}
		seen[c.Sentence] = true
		if cl, err := claims.New(claims.Truncate(c.Sentence), now); err == nil {
			out = append(out, cl)
		}
	}
	return out
}

func (p *pitchScreen) keys() []key.Binding {
	k := p.cx.keys
	if p.review == nil {
		back := withHelp(k.Back, "back")
		if p.escArm {
			back = withHelp(k.Back, "again to discard")
		}
		return []key.Binding{withHelp(k.Submit, "done"), k.Newline, back, k.Quit}
	}
	out := []key.Binding{}
	if len(p.pick) > 0 {
		tick := k.Tick
		tick.SetHelp("1-9", "choose claims")
		out = append(out, tick, withHelp(k.Enter, "add chosen claims"))
	} else {
		out = append(out, withHelp(k.Enter, "home"))
	}
	return append(out, k.Scroll, k.Home, k.Quit)
}

func (p *pitchScreen) clock(now time.Time) string {
	if p.review != nil {
		return p.cx.st.Muted.Render(fmt.Sprintf("%s of %s", formatClock(int(p.used.Seconds())), formatClock(int(PitchLimit.Seconds()))))
	}
	bar := 0
	if p.cx.width >= 70 {
		bar = 12
	}
	return clockBar(p.cx.st, "pitch", PitchLimit-now.Sub(p.started), PitchLimit, bar)
}

// content is the review, rendered once per change.
func (p *pitchScreen) content(w int) string {
	st, r := p.cx.st, p.review
	var b strings.Builder
	timing := fmt.Sprintf("%d words, about %s spoken (limit %s)", r.Words, formatClock(r.EstimatedSeconds), formatClock(int(PitchLimit.Seconds())))
	b.WriteString(hanging(st.Heading.Render("Your pitch")+"  "+st.Muted.Render(timing), w, 1, 3) + "\n")
	if p.overtime {
		b.WriteString(block(st.Warn.Render("Your time ran out while typing: in the room you would have been cut off."), w) + "\n")
	}
	b.WriteString("\n")
	if len(r.Flags) == 0 {
		b.WriteString(block(st.Good.Render("✓ No red flags: no put-downs, no blame, concrete impact, within time."), w) + "\n")
	} else {
		b.WriteString(" " + st.Heading.Render(fmt.Sprintf("Red flags (%d)", len(r.Flags))) + "\n")
		for _, f := range r.Flags {
			b.WriteString(block(st.Bad.Render("✗ "+clean(f.Name)), w) + "\n")
			if f.Sentence != "" {
				b.WriteString(indented(st.Text.Render(fmt.Sprintf("%q", clean(f.Sentence))), w, 3) + "\n")
			}
			b.WriteString(indented(st.Muted.Render(clean(f.Why)), w, 3) + "\n")
		}
	}
	b.WriteString("\n")
	if len(r.Claims) > 0 {
		b.WriteString(hanging(st.Heading.Render("Claims you made")+"  "+st.Muted.Render("an interviewer will verify these; add them to be drilled harder"), w, 1, 3) + "\n")
		for i, c := range r.Claims {
			mark := "[ ]"
			if p.pick[i] {
				mark = st.Good.Render("[x]")
			}
			b.WriteString(block(fmt.Sprintf("%s %d. %s", mark, i+1, st.Claim.Render("#"+strings.Join(c.Tags, " #"))), w) + "\n")
			b.WriteString(indented(st.Muted.Render(fmt.Sprintf("%q", clean(c.Sentence))), w, 7) + "\n")
		}
	} else {
		b.WriteString(block(st.Muted.Render("No claims found that the packs can drill. Saying what you are strong at is fine, as long as you can back it up."), w) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// intro is the line above the answer box.
func (p *pitchScreen) intro(w int) string {
	return block(p.cx.st.Muted.Render("Answer as you would in the room: who you are now, what you did with numbers, why this job."), w)
}

func (p *pitchScreen) view(w, _ int) string {
	st := p.cx.st
	if p.review != nil {
		return p.pg.View()
	}
	var b strings.Builder
	b.WriteString(p.intro(w) + "\n")
	b.WriteString(" " + strings.ReplaceAll(st.BoxFocus.Width(max(w-2, 12)).Render(p.input.View()), "\n", "\n ") + "\n")
	if p.escArm {
		b.WriteString(block(st.Warn.Render("Press esc again to leave and discard this pitch."), w))
	}
	return b.String()
}
