package tui

import (
	"fmt"
	"strings"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/safetext"
)

// clean makes one line of untrusted text safe and single-line for a label.
func clean(s string) string {
	return strings.Join(strings.Fields(safetext.Clean(s)), " ")
}

// formatClock writes a duration as m:ss.
func formatClock(secs int) string {
	if secs < 0 {
		secs = 0
	}
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

// questionMeta is the muted line under a question: key, level, kind, time, tags.
func questionMeta(q *pack.Question) string {
	parts := []string{clean(q.Key()), q.Level.String(), q.Kind.String(), formatClock(int(q.Time.Seconds()))}
	if len(q.Tags) > 0 {
		parts = append(parts, "#"+strings.Join(q.Tags, " #"))
	}
	return strings.Join(parts, " · ")
}

// questionMarkdown is the Markdown shown as the question: the heading text and its context.
// A question whose text could not be read again from its pack file says why instead.
func questionMarkdown(q *pack.Question) string {
	b := q.Body()
	switch {
	case b.Err != nil:
		return q.Title + "\n\n**This question cannot be shown:** " + b.Err.Error()
	case b.Prompt == "":
		return q.Title
	}
	return q.Title + "\n\n" + b.Prompt
}

// termsText writes a key point's match terms back as the pack spells them.
func termsText(kp pack.KeyPoint) string {
	groups := make([]string, len(kp.Groups))
	for i, g := range kp.Groups {
		alts := make([]string, len(g))
		for j, t := range g {
			alts[j] = t.String()
		}
		groups[i] = strings.Join(alts, ", ")
	}
	return strings.Join(groups, "; ")
}

// PreviewQuestion renders one question as the drill shows it, followed by everything the
// reveal shows: the model answer, key points with their terms, and follow-ups. It is what
// `hotseat pack show PACK/QUESTION` prints for authors.
func PreviewQuestion(q *pack.Question, width int, st Styles, md *Markdown) string {
	body := q.Body()
	var b strings.Builder
	inner := max(width-2, 20)
	b.WriteString(st.Muted.Render(questionMeta(q)) + "\n\n")
	b.WriteString(md.Render(questionMarkdown(q), inner) + "\n")
	if q.Kind == pack.KindChoice {
		b.WriteString("\n")
		for i, c := range body.Choices {
			mark := st.Bad.Render("✗")
			if c.Correct {
				mark = st.Good.Render("✓")
			}
			fmt.Fprintf(&b, " %s %d. %s\n", mark, i+1, clean(c.Text))
		}
	}
	if body.Answer != "" {
		b.WriteString("\n" + st.Heading.Render("Model answer") + "\n")
		b.WriteString(md.Render(body.Answer, inner) + "\n")
	}
	if len(body.KeyPoints) > 0 {
		b.WriteString("\n" + st.Heading.Render("Key points") + "\n")
		for _, kp := range body.KeyPoints {
			fmt.Fprintf(&b, " • %s\n", clean(kp.Text))
			b.WriteString(st.Muted.Render("   match: "+clean(termsText(kp))) + "\n")
		}
	}
	if len(q.FollowUps) > 0 {
		b.WriteString("\n" + st.Heading.Render("Follow-ups") + "\n")
		for _, f := range q.FollowUps {
			fmt.Fprintf(&b, " → %s\n", clean(f))
		}
	}
	return b.String()
}

// PreviewPack renders a pack's overview: its front matter, claims vocabulary and a line
// per question.
func PreviewPack(pk *pack.Pack, st Styles) string {
	var b strings.Builder
	b.WriteString(st.Title.Render(clean(pk.Title)) + st.Muted.Render(fmt.Sprintf("  %s %s", clean(pk.ID), clean(pk.Version))) + "\n")
	if pk.Description != "" {
		b.WriteString(clean(pk.Description) + "\n")
	}
	var meta []string
	if len(pk.Authors) > 0 {
		meta = append(meta, "by "+clean(strings.Join(pk.Authors, ", ")))
	}
	if pk.License != "" {
		meta = append(meta, clean(pk.License))
	}
	meta = append(meta, fmt.Sprintf("%d questions", len(pk.Questions)), "from "+clean(pk.Source))
	b.WriteString(st.Muted.Render(strings.Join(meta, " · ")) + "\n")
	if len(pk.Claims) > 0 {
		b.WriteString("\n" + st.Heading.Render("Claims") + "\n")
		for _, c := range pk.Claims {
			phrases := make([]string, len(c.Phrases))
			for i, p := range c.Phrases {
				phrases[i] = fmt.Sprintf("%q", p.String())
			}
			fmt.Fprintf(&b, " %s %s %s\n", st.Claim.Render(c.Topic), st.Muted.Render("←"), clean(strings.Join(phrases, ", ")))
		}
	}
	if len(pk.Sources) > 0 {
		b.WriteString("\n" + st.Heading.Render("Sources") + "\n")
		for _, s := range pk.Sources {
			b.WriteString(" " + clean(s) + "\n")
		}
	}
	b.WriteString("\n" + st.Heading.Render("Questions") + "\n")
	for _, q := range pk.Questions {
		fmt.Fprintf(&b, " %-7s %-6s %s %s\n", q.Level, q.Kind, clean(q.Title), st.Muted.Render("#"+q.ID))
	}
	return b.String()
}
