package tui

import (
	"bytes"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/hotseat/hotseat/internal/safetext"
)

// Markdown renders Markdown for the terminal and caches the result per (text, width).
// Rendering takes milliseconds, so screens render in Update (on a new question or a
// resize) and View only reads the cache.
//
// Not safe for concurrent use: glamour renderers keep state between calls.
type Markdown struct {
	style     ansi.StyleConfig
	renderers map[int]*glamour.TermRenderer
	cache     map[mdKey]string
}

type mdKey struct {
	text  string
	width int
}

// maxCached bounds the cache; a session shows a few dozen texts at a few widths.
const maxCached = 512

// NewMarkdown returns a renderer for a dark or light background; plain drops colour and
// decoration for output that is not a terminal.
func NewMarkdown(dark, plain bool) *Markdown {
	var st ansi.StyleConfig
	switch {
	case plain:
		st = styles.NoTTYStyleConfig
	case dark:
		st = styles.DarkStyleConfig
	default:
		st = styles.LightStyleConfig
	}
	// The screens place text themselves: no document margin, and no blank line glamour
	// would add around the document.
	zero := uint(0)
	st.Document.Margin = &zero
	st.Document.BlockPrefix = ""
	st.Document.BlockSuffix = ""
	return &Markdown{style: st, renderers: map[int]*glamour.TermRenderer{}, cache: map[mdKey]string{}}
}

// Render returns md rendered at width columns. The output carries no escape sequence but
// SGR colour and style, whatever the text holds. On a rendering error the cleaned source
// is returned, so a question is never lost to a rendering bug.
func (m *Markdown) Render(md string, width int) string {
	width = max(width, 20)
	k := mdKey{md, width}
	if out, ok := m.cache[k]; ok {
		return out
	}
	out := m.render(md, width)
	if len(m.cache) >= maxCached {
		clear(m.cache)
	}
	m.cache[k] = out
	return out
}

func (m *Markdown) render(md string, width int) string {
	clean := safetext.Clean(md)
	r, ok := m.renderers[width]
	if !ok {
		var err error
		r, err = glamour.NewTermRenderer(glamour.WithStyles(m.style), glamour.WithWordWrap(width))
		if err != nil {
			return clean
		}
		m.renderers[width] = r
	}
	out, err := r.Render(unwrapSoftBreaks(clean))
	if err != nil {
		return clean
	}
	return strings.Trim(safetext.FilterRendered(out), "\n")
}

// blocks parses Markdown block structure only; it is safe for concurrent use.
var blocks = sync.OnceValue(func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(),
		parser.WithParagraphTransformers(),
	)
})

// unwrapSoftBreaks joins the lines of every paragraph into one line. Glamour keeps a soft
// line break inside a list item as a hard one, so an answer wrapped at 90 columns in its
// pack file would show ragged bullets; joined, glamour wraps them to the screen instead.
// Code blocks are left alone.
func unwrapSoftBreaks(md string) string {
	src := []byte(md)
	type cut struct{ from, to int }
	var cuts []cut
	_ = ast.Walk(blocks().Parse(text.NewReader(src)), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			lines := n.Lines()
			for i := 0; i+1 < lines.Len(); i++ {
				end, next := lines.At(i).Stop, lines.At(i+1).Start
				if end > 0 && end <= next && src[end-1] == '\n' && !hardBreak(src[:end-1]) {
					cuts = append(cuts, cut{end - 1, next})
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if len(cuts) == 0 {
		return md
	}
	var b strings.Builder
	b.Grow(len(md))
	last := 0
	for _, c := range cuts {
		b.Write(src[last:c.from])
		b.WriteByte(' ')
		last = c.to
	}
	b.Write(src[last:])
	return b.String()
}

// hardBreak reports whether a line ends in a Markdown hard line break: two spaces or a
// backslash. Those breaks are meant, so they are kept.
func hardBreak(line []byte) bool {
	line = bytes.TrimSuffix(line, []byte("\r"))
	return bytes.HasSuffix(line, []byte("  ")) || bytes.HasSuffix(line, []byte("\\"))
}
