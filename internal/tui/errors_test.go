package tui

import (
	"errors"
	"strings"
	"testing"
)

// An error reading progress is shown in full, wrapped, however narrow the window: its
// cause is what the candidate needs to fix it (issue "Hostile input", finding 6).
func TestProgressErrorShownInFull(t *testing.T) {
	f := newFixture(t, 40, 20)
	cause := "open /home/a/.local/share/hotseat/hotseat.db: the file is damaged; move it aside and run hotseat db rebuild"
	f.send(progressMsg{err: errors.New(cause)})
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if !strings.Contains(squeeze(f.view()), squeeze("Could not read your progress: "+cause)) {
		t.Errorf("the cause is cut:\n%s", f.view())
	}
}
