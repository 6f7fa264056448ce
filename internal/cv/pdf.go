package cv

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/ledongthuc/pdf"

	"github.com/hotseat/hotseat/internal/safetext"
)

// readPDF returns a PDF's text as lines: on each page the glyphs are grouped into rows by
// their baseline, top to bottom, kept in the order they are drawn (reading order in every
// PDF a CV tool writes), with a space wherever the gap between two glyphs is wider than a
// fifth of the font size (many PDFs store no spaces).
func readPDF(data []byte) (lines []string, err error) {
	// The reader panics on some malformed files; a CV must not take hotseat down.
	defer func() {
		if r := recover(); r != nil {
			// The reader's message can quote the file's bytes: cleaned, it never drives a terminal.
			lines, err = nil, fmt.Errorf("read PDF: the file is damaged (%s); export it again from your editor", safetext.Clean(fmt.Sprint(r)))
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if strings.Contains(err.Error(), "encrypt") {
			return nil, fmt.Errorf("read PDF: it is encrypted; export it again without a password")
		}
		return nil, fmt.Errorf("read PDF: %s", safetext.Clean(err.Error()))
	}
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		if p.V.IsNull() {
			continue
		}
		lines = append(lines, pageLines(glyphs(p))...)
	}
	return lines, nil
}

// affine is a PDF transformation matrix [a b c d e f].
type affine [6]float64

var identity = affine{1, 0, 0, 1, 0, 0}

// then is m followed by n (PDF's m × n).
func (m affine) then(n affine) affine {
	return affine{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func translate(x, y float64) affine { return affine{1, 0, 0, 1, x, y} }

// glyphs interprets a page's content stream and returns each glyph drawn with its position
// and width. The reader's own Page.Content adds a stray glyph after every TJ array and
// ignores word spacing, so the text operators are followed here (PDF 32000 §9.4).
func glyphs(p pdf.Page) []pdf.Text {
	type state struct {
		ctm                      affine
		font                     pdf.Font
		enc                      pdf.TextEncoding
		size, tc, tw, th, tl, ts float64
	}
	g := state{ctm: identity, th: 1}
	var stack []state
	var tm, tlm affine
	var out []pdf.Text
	show := func(raw string) {
		if g.enc == nil {
			return
		}
		n := 0
		for _, ch := range g.enc.Decode(raw) {
			w0 := 0.0
			code := -1
			if n < len(raw) {
				code = int(raw[n])
				w0 = g.font.Width(code)
			}
			n++
			trm := affine{g.size * g.th, 0, 0, g.size, 0, g.ts}.then(tm).then(g.ctm)
			out = append(out, pdf.Text{Font: g.font.BaseFont(), FontSize: trm[0], X: trm[4], Y: trm[5], W: w0 / 1000 * trm[0], S: string(ch)})
			tx := w0/1000*g.size + g.tc
			if code == ' ' {
				tx += g.tw
			}
			tm = translate(tx*g.th, 0).then(tm)
		}
	}
	pdf.Interpret(p.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 {
			if i < len(args) {
				return args[i].Float64()
			}
			return 0
		}
		nextLine := func() { tlm = translate(0, -g.tl).then(tlm); tm = tlm }
		switch op {
		case "q":
			stack = append(stack, g)
		case "Q":
			if n := len(stack); n > 0 {
				g, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			g.ctm = affine{num(0), num(1), num(2), num(3), num(4), num(5)}.then(g.ctm)
		case "BT":
			tm, tlm = identity, identity
		case "Tf":
			if len(args) == 2 {
				g.font = p.Font(args[0].Name())
				g.enc = g.font.Encoder()
				g.size = num(1)
			}
		case "Tc":
			g.tc = num(0)
		case "Tw":
			g.tw = num(0)
		case "Tz":
			g.th = num(0) / 100
		case "TL":
			g.tl = num(0)
		case "Ts":
			g.ts = num(0)
		case "Td", "TD":
			if op == "TD" {
				g.tl = -num(1)
			}
			tlm = translate(num(0), num(1)).then(tlm)
			tm = tlm
		case "Tm":
			tlm = affine{num(0), num(1), num(2), num(3), num(4), num(5)}
			tm = tlm
		case "T*":
			nextLine()
		case "Tj":
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "'":
			nextLine()
			if len(args) == 1 {
				show(args[0].RawString())
			}
		case "\"":
			if len(args) == 3 {
				g.tw, g.tc = num(0), num(1)
				nextLine()
				show(args[2].RawString())
			}
		case "TJ":
			if len(args) != 1 {
				return
			}
			for i := 0; i < args[0].Len(); i++ {
				if x := args[0].Index(i); x.Kind() == pdf.String {
					show(x.RawString())
				} else {
					tm = translate(-x.Float64()/1000*g.size*g.th, 0).then(tm)
				}
			}
		}
	})
	return out
}

// pageLines groups a page's glyphs into lines of text.
func pageLines(glyphs []pdf.Text) []string {
	type row struct {
		y     float64
		size  float64
		texts []pdf.Text
	}
	var rows []*row
	for _, g := range glyphs {
		if g.S == "" {
			continue
		}
		var into *row
		for _, r := range rows {
			if math.Abs(r.y-g.Y) <= max(1, 0.4*min(r.size, g.FontSize)) {
				into = r
				break
			}
		}
		if into == nil {
			into = &row{y: g.Y, size: g.FontSize}
			rows = append(rows, into)
		}
		into.texts = append(into.texts, g)
	}
	slices.SortStableFunc(rows, func(a, b *row) int {
		switch {
		case a.y > b.y:
			return -1
		case a.y < b.y:
			return 1
		}
		return 0
	})
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		var b strings.Builder
		end := math.Inf(-1)
		for _, t := range r.texts {
			gap := t.X - end
			if b.Len() > 0 && gap > 0.2*t.FontSize && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(t.S, " ") {
				b.WriteByte(' ')
			}
			b.WriteString(t.S)
			end = t.X + t.W
		}
		if line := strings.Join(strings.Fields(b.String()), " "); line != "" {
			out = append(out, line)
		}
	}
	return out
}
