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

const longQuestionPack = `---
pack: long
title: Long
version: 1.0.0
time: 2m
---

## Walk through how you would take this notebook model to production, step by step, and say what you would hand over to the team that runs it. {#long}

The notebook trains a gradient-boosted model on a feature table built by a SQL query that
someone runs by hand each month; the model file is copied to a shared drive; predictions
are made in a batch job nobody owns.

### Answer
Package the training code, pin versions, and hand over a runbook.

### Key points
- Pin versions (match: pin*, version*)
`

// On a question tall enough to scroll, b and f are letters of the answer, not page keys.
func TestLettersTypeIntoTheBoxWhenTheQuestionScrolls(t *testing.T) {
	f := newFixtureWith(t, 40, 12, longQuestionPack, nil)
	f.key("enter")
	if !f.m.q.scrolls() {
		t.Fatalf("the long question should scroll at 40x12:\n%s", f.view())
	}
	f.typeText("before fb")
	if got := f.m.q.input.Value(); got != "before fb" {
		t.Errorf("typed %q, the box holds %q", "before fb", got)
	}
	f.key("pgdown")
	if f.m.q.top.YOffset() == 0 {
		t.Error("pgdn should scroll the question")
	}
}

// After the window grows back, the box shows the answer from its first line again, not
// the scrolled view it needed while small.
func TestAnswerBoxShowsItsFirstLineAfterGrowing(t *testing.T) {
	f := newFixture(t, 100, 30)
	f.key("enter")
	f.typeText("first line of the answer")
	f.key("enter")
	f.typeText("second line which is a bit longer to wrap at forty columns")
	f.send(tea.WindowSizeMsg{Width: 40, Height: 12})
	f.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	if v := f.view(); !strings.Contains(v, "first line of the answer") || !strings.Contains(v, "second line") {
		t.Errorf("after growing, both lines should show:\n%s", v)
	}
	if got := f.m.q.input.Value(); got != "first line of the answer\nsecond line which is a bit longer to wrap at forty columns" {
		t.Errorf("the answer changed across resizes: %q", got)
	}
	f.typeText(" end")
	if got := f.m.q.input.Value(); !strings.HasSuffix(got, "forty columns end") {
		t.Errorf("the cursor moved during the resizes: %q", got)
	}
}
