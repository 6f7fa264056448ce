package tui

import (
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"

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
	out, err := r.Render(clean)
	if err != nil {
		return clean
	}
	return strings.Trim(safetext.FilterRendered(out), "\n")
}
