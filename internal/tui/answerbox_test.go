package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// The line being typed stays on screen when the window shrinks or grows under it.
func TestAnswerBoxKeepsTheCursorLineVisibleAfterResize(t *testing.T) {
	f := newFixture(t, 100, 30)
	f.key("enter")
	for i := 1; i <= 40; i++ {
		f.typeText(fmt.Sprintf("line %02d of a long answer", i))
		if i < 40 {
			f.key("enter")
		}
	}
	for _, size := range [][2]int{{100, 30}, {60, 20}, {40, 12}, {120, 40}, {50, 14}, {200, 60}} {
		f.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if v := f.view(); !strings.Contains(v, "line 40") {
			t.Errorf("%dx%d: the line with the cursor is not visible:\n%s", size[0], size[1], v)
		}
	}
}

// Pasted text keeps its line breaks whether the terminal sends CRLF, CR or LF.
func TestPasteKeepsLineBreaks(t *testing.T) {
	for name, text := range map[string]string{
		"LF":   "first line\nsecond line\nthird line",
		"CRLF": "first line\r\nsecond line\r\nthird line",
		"CR":   "first line\rsecond line\rthird line",
	} {
		f := newFixture(t, 100, 30)
		f.key("enter")
		f.send(tea.PasteMsg{Content: text})
		if got, want := f.m.q.input.Value(), "first line\nsecond line\nthird line"; got != want {
			t.Errorf("%s paste: box holds %q, want %q", name, got, want)
		}
	}
}

// On a wide terminal the answer wraps at a readable width instead of running across it.
func TestAnswerBoxWrapsAtAReadableWidth(t *testing.T) {
	f := newFixture(t, 200, 40)
	f.key("enter")
	f.typeText(strings.Repeat("word ", 80))
	widest := 0
	for _, line := range strings.Split(f.view(), "\n") {
		if strings.Contains(line, "word") {
			widest = max(widest, lipgloss.Width(strings.TrimRight(line, " │")))
		}
	}
	if widest == 0 || widest > answerWidth+6 {
		t.Errorf("answer lines are %d cells wide on a 200-column terminal, want at most about %d", widest, answerWidth)
	}
}
