package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette is the one set of colours every style is built from. Colour literals live here
// and nowhere else; themes are data.
type Palette struct {
	Text, Muted, Subtle color.Color
	Accent              color.Color // "you must act": the selection, the focused box
	Warn                color.Color // time running low, claims
	Good, Bad           color.Color // covered / missed key points
}

// NewPalette returns the palette for a dark or a light background.
func NewPalette(dark bool) Palette {
	ld := lipgloss.LightDark(dark)
	return Palette{
		Text:   ld(lipgloss.Color("#1F1F28"), lipgloss.Color("#E6E6E6")),
		Muted:  ld(lipgloss.Color("#6C6C7A"), lipgloss.Color("#8A8A99")),
		Subtle: ld(lipgloss.Color("#8C8C98"), lipgloss.Color("#4A4A58")), // grey (ANSI 8) in 16 colours, on either background
		Accent: ld(lipgloss.Color("#5A3FD9"), lipgloss.Color("#9D8CFF")),
		Warn:   ld(lipgloss.Color("#B35C00"), lipgloss.Color("#FFB454")),
		Good:   ld(lipgloss.Color("#1E7F3C"), lipgloss.Color("#6BD68A")),
		Bad:    ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF7A72")),
	}
}

// Styles are every style the interface uses, built from one palette. Meaning is carried
// by symbols and words as well as colour, so the screens read the same under NO_COLOR.
type Styles struct {
	Dark bool

	App       lipgloss.Style // outer padding
	Title     lipgloss.Style // "hotseat", screen titles
	Heading   lipgloss.Style // section headings: Model answer, Key points
	Text      lipgloss.Style
	Muted     lipgloss.Style
	Accent    lipgloss.Style
	Warn      lipgloss.Style
	Good      lipgloss.Style
	Bad       lipgloss.Style
	Selected  lipgloss.Style // the focused menu row
	Rule      lipgloss.Style // horizontal rules
	Box       lipgloss.Style // the answer box, unfocused
	BoxFocus  lipgloss.Style // the answer box, focused
	Claim     lipgloss.Style // the "you claimed this" banner
	Key       lipgloss.Style // a key in the help bar
	KeyDesc   lipgloss.Style // its description
	RateKey   lipgloss.Style // a rating key
	RateFocus lipgloss.Style // the suggested rating
	// Evidence marks the words of an answer that earned a key point; WrongWords those that
	// stated a misconception. Both are underlined, which survives NO_COLOR.
	Evidence   lipgloss.Style
	WrongWords lipgloss.Style
	BarFull    color.Color
	BarLow     color.Color
	BarEmpty   color.Color
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(dark bool) Styles {
	p := NewPalette(dark)
	s := Styles{Dark: dark}
	s.App = lipgloss.NewStyle().Padding(0, 1)
	s.Title = lipgloss.NewStyle().Bold(true).Foreground(p.Accent)
	s.Heading = lipgloss.NewStyle().Bold(true).Foreground(p.Text)
	s.Text = lipgloss.NewStyle().Foreground(p.Text)
	s.Muted = lipgloss.NewStyle().Foreground(p.Muted)
	s.Accent = lipgloss.NewStyle().Foreground(p.Accent)
	s.Warn = lipgloss.NewStyle().Foreground(p.Warn)
	s.Good = lipgloss.NewStyle().Foreground(p.Good)
	s.Bad = lipgloss.NewStyle().Foreground(p.Bad)
	s.Selected = lipgloss.NewStyle().Bold(true).Foreground(p.Accent)
	s.Evidence = lipgloss.NewStyle().Underline(true).Foreground(p.Good)
	s.WrongWords = lipgloss.NewStyle().Underline(true).Foreground(p.Bad)
	s.Rule = lipgloss.NewStyle().Foreground(p.Subtle)
	s.Box = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.Subtle).Padding(0, 1)
	s.BoxFocus = s.Box.BorderForeground(p.Accent)
	s.Claim = lipgloss.NewStyle().Bold(true).Foreground(p.Warn)
	s.Key = lipgloss.NewStyle().Foreground(p.Text).Bold(true)
	s.KeyDesc = lipgloss.NewStyle().Foreground(p.Muted)
	s.RateKey = lipgloss.NewStyle().Foreground(p.Text)
	s.RateFocus = lipgloss.NewStyle().Bold(true).Foreground(p.Accent)
	s.BarFull = p.Accent
	s.BarLow = p.Warn
	s.BarEmpty = p.Subtle
	return s
}
