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
	md := q.Title
	if q.Prompt != "" {
		md += "\n\n" + q.Prompt
	}
	h, err := render(md)
	if err != nil {
		return "", err
	}
	if len(q.Choices) > 0 {
		var b strings.Builder
		b.WriteString("<ol>")
		for _, c := range q.Choices {
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
	var b strings.Builder
	if len(q.Choices) > 0 {
		var correct []string
		for i, c := range q.Choices {
			if c.Correct {
				item, err := render(c.Text)
				if err != nil {
					return "", err
				}
				correct = append(correct, fmt.Sprintf("%d. %s", i+1, stripParagraph(item)))
			}
		}
		b.WriteString("<p><b>Correct:</b> " + strings.Join(correct, "; ") + "</p>")
	}
	if q.Answer != "" {
		h, err := render(q.Answer)
		if err != nil {
			return "", err
		}
		b.WriteString(h)
	}
	if len(q.KeyPoints) > 0 {
		b.WriteString("<p><b>Key points</b></p><ul>")
		for _, kp := range q.KeyPoints {
			b.WriteString("<li>" + html.EscapeString(kp.Text) + "</li>")
		}
		b.WriteString("</ul>")
	}
	return b.String(), nil
}

// stripParagraph unwraps the <p> goldmark puts around one line of text.
func stripParagraph(h string) string {
	if strings.HasPrefix(h, "<p>") && strings.HasSuffix(h, "</p>") && strings.Count(h, "<p>") == 1 {
		return h[3 : len(h)-4]
	}
	return h
}
