package tui

import (
	tea "charm.land/bubbletea/v2"
	"fmt"
	"image/color"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// Every colour of both palettes stays visible when the terminal has only 16 or 256
// colours: dividers, muted help text and the selection must not turn into the background
// (black on a dark terminal; white or light grey on a light one).
func TestPalettesStayVisibleWithFewColours(t *testing.T) {
	for _, dark := range []bool{true, false} {
		p := NewPalette(dark)
		colours := map[string]color.Color{"Text": p.Text, "Muted": p.Muted, "Subtle": p.Subtle, "Accent": p.Accent,
			"Warn": p.Warn, "Good": p.Good, "Bad": p.Bad}
		for name, c := range colours {
			basic, ok := colorprofile.ANSI.Convert(c).(ansi.BasicColor)
			if !ok {
				t.Fatalf("%s did not convert to a basic colour", name)
			}
			invisible := map[ansi.BasicColor]bool{ansi.Black: true}
			if !dark {
				invisible = map[ansi.BasicColor]bool{ansi.BrightWhite: true, ansi.White: true}
			}
			if invisible[basic] {
				t.Errorf("dark=%v: %s becomes ANSI colour %d with 16 colours, the colour of the background", dark, name, basic)
			}
		}
		// The rule and the text must not be the same colour, or the dividers vanish into
		// the text around them.
		if colorprofile.ANSI.Convert(p.Subtle) == colorprofile.ANSI.Convert(p.Text) {
			t.Errorf("dark=%v: dividers and text are the same colour with 16 colours", dark)
		}
	}
}

// The light palette is what a light terminal gets: the background answer switches the
// styles and the Markdown renderer, and the screens then use the light colours.
func TestLightBackgroundSwitchesThePalette(t *testing.T) {
	f := newFixture(t, 80, 24)
	if !f.m.cx.st.Dark {
		t.Fatal("the fixture starts dark")
	}
	f.send(tea.BackgroundColorMsg{Color: color.White})
	if f.m.cx.st.Dark {
		t.Fatal("a light background answer should switch to the light palette")
	}
	want := NewStyles(false).Rule.Render("─")
	if got := f.m.cx.st.Rule.Render("─"); got != want {
		t.Errorf("rule after a light answer: %q, want the light palette's %q", got, want)
	}
	if got, want := f.m.cx.md.style.Document.Color, NewMarkdown(false, false).style.Document.Color; got == nil || want == nil || *got != *want {
		t.Errorf("Markdown text colour %v, want the light style's %v", got, want)
	}
	f.key("enter")
	r, g, b, _ := NewPalette(false).Accent.RGBA()
	sgr := fmt.Sprintf("38;2;%d;%d;%d", r>>8, g>>8, b>>8)
	if v := f.m.View().Content; !strings.Contains(v, sgr) {
		t.Errorf("the light screen does not use the light accent colour")
	}
}
