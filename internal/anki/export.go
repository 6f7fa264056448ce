package anki

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/hotseat/hotseat/internal/pack"
)

// markdownToHTML renders pack Markdown as the HTML Anki shows. Raw HTML in a pack is not
// passed through (goldmark's default), so an exported deck carries no script or style a
// pack author slipped in.
var markdownToHTML = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
})

// WriteText writes a pack as an Anki text export ("Notes in Plain Text"): tab-separated,
// HTML fields, a guid column so that importing it again into Anki updates the same notes,
// and a tags column. Import it in Anki with File > Import; the Basic notetype takes the
// Front and Back columns.
func WriteText(w io.Writer, pk *pack.Pack) error {
	deck := cleanLine(pk.Title)
	if deck == "" {
		deck = pk.ID
	}
	var b bytes.Buffer
	b.WriteString("#separator:tab\n#html:true\n")
	b.WriteString("#notetype:Basic\n")
	fmt.Fprintf(&b, "#deck:%s\n", strings.ReplaceAll(deck, "\t", " "))
	b.WriteString("#columns:GUID\tFront\tBack\tTags\n")
	b.WriteString("#guid column:1\n#tags column:4\n")
	cw := csv.NewWriter(&b)
	cw.Comma = '\t'
	for _, q := range pk.Questions {
		front, err := frontHTML(q)
		if err != nil {
			return err
		}
		back, err := backHTML(q)
		if err != nil {
			return err
		}
		if err := cw.Write([]string{GUIDForID(pk.ID, q.ID), front, back, strings.Join(q.Tags, " ")}); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

func render(md string) (string, error) {
	var b bytes.Buffer
	if err := markdownToHTML().Convert([]byte(md), &b); err != nil {
		return "", err
	}
	return strings.TrimSpace(b.String()), nil
}

func frontHTML(q *pack.Question) (string, error) {
	body := q.Body()
	md := q.Title
	if body.Prompt != "" {
		md += "\n\n" + body.Prompt
	}
	h, err := render(md)
	if err != nil {
		return "", err
	}
	if len(body.Choices) > 0 {
		var b strings.Builder
		b.WriteString("<ol>")
		for _, c := range body.Choices {
			item, err := render(c.Text)
			if err != nil {
				return "", err
			}
			b.WriteString("<li>" + stripParagraph(item) + "</li>")
		}
		b.WriteString("</ol>")
		h += b.String()
	}
	return h, nil
}

func backHTML(q *pack.Question) (string, error) {
	body := q.Body()
	var b strings.Builder
	if len(body.Choices) > 0 {
		var correct []string
		for i, c := range body.Choices {
			if c.Correct {
				item, err := render(c.Text)
				if err != nil {
					return "", err
				}
				correct = append(correct, fmt.Sprintf("%d. %s", i+1, stripParagraph(item)))
			}
		}
		b.WriteString(correctHead + strings.Join(correct, "; ") + "</p>")
	}
	if body.Answer != "" {
		h, err := render(body.Answer)
		if err != nil {
			return "", err
		}
		b.WriteString(h)
	}
	if len(body.KeyPoints) > 0 {
		b.WriteString(keyPointsHead)
		for _, kp := range body.KeyPoints {
			b.WriteString("<li>" + html.EscapeString(kp.Text) + "</li>")
		}
		b.WriteString("</ul>")
	}
	b.WriteString(metaOpen + html.EscapeString(meta(q)) + metaClose)
	return b.String(), nil
}

// What the back of an exported note holds besides the answer, recognised on import.
const (
	correctHead   = "<p><b>Correct:</b> "
	keyPointsHead = "<p><b>Key points</b></p><ul>"
	// The question's structure in pack syntax, hidden from Anki's card: the key points
	// with their match terms, misconceptions, choices, level, time and follow-ups, which
	// two HTML fields cannot otherwise carry. Import reads it back, so a pack exported to
	// Anki and imported again loses none of them.
	metaOpen  = `<pre hidden class="hotseat">`
	metaClose = "</pre>"
)

// meta writes the question's structure in pack syntax: its fields line, then its Choices,
// Key points, Follow-ups and Related sections.
func meta(q *pack.Question) string {
	body := q.Body()
	var b strings.Builder
	fmt.Fprintf(&b, "level: %s · time: %s\n", q.Level, pack.FormatTime(q.Time))
	if len(body.Choices) > 0 {
		b.WriteString("### Choices\n")
		for _, c := range body.Choices {
			mark := " "
			if c.Correct {
				mark = "x"
			}
			fmt.Fprintf(&b, "- [%s] %s\n", mark, c.Text)
		}
	}
	if len(body.KeyPoints)+len(body.Misconceptions) > 0 {
		b.WriteString("### Key points\n")
		for _, kp := range body.KeyPoints {
			b.WriteString("- " + kp.Source() + "\n")
		}
		for _, m := range body.Misconceptions {
			b.WriteString("- " + m.Source() + "\n")
		}
	}
	if len(q.FollowUps) > 0 {
		b.WriteString("### Follow-ups\n")
		for _, f := range q.FollowUps {
			b.WriteString("- " + pack.FollowUpRef(q.PackID, f) + "\n")
		}
	}
	if len(q.Related) > 0 {
		b.WriteString("### Related\n")
		for _, f := range q.Related {
			b.WriteString("- " + pack.FollowUpRef(q.PackID, f) + "\n")
		}
	}
	return b.String()
}

// stripParagraph unwraps the <p> goldmark puts around one line of text.
func stripParagraph(h string) string {
	if strings.HasPrefix(h, "<p>") && strings.HasSuffix(h, "</p>") && strings.Count(h, "<p>") == 1 {
		return h[3 : len(h)-4]
	}
	return h
}
