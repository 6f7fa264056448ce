package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// bomb panics where it is told to: in Update on a key, in View, or in a command.
type bomb struct{ where string }

func (b bomb) Init() tea.Cmd { return nil }
func (b bomb) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyPressMsg:
		if b.where == "update" {
			panic("boom in update")
		}
		if b.where == "cmd" {
			// A panic two levels down, in a batch inside a sequence.
			return b, tea.Sequence(tea.Batch(nil, func() tea.Msg { panic("boom in cmd") }))
		}
		if b.where == "view next" {
			return bomb{where: "view"}, nil
		}
	}
	return b, nil
}
func (b bomb) View() tea.View {
	if b.where == "view" {
		panic("boom in view")
	}
	return tea.NewView("ok")
}

// runCmd runs a command and the commands of the batches and sequences it returns, as the
// runtime would, and returns the plain messages they produce.
func runCmd(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, runCmd(c)...)
		}
		return out
	}
	// Sequences are unexported slices of commands; the guard rebuilt them, so run them
	// through the same path by their shape.
	if cmds, ok := asCmds(msg); ok {
		var out []tea.Msg
		for _, c := range cmds {
			out = append(out, runCmd(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

func asCmds(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

func TestGuardTurnsAPanicIntoACleanQuit(t *testing.T) {
	t.Run("update", func(t *testing.T) {
		m, rec := Guard(bomb{where: "update"})
		_, cmd := m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
		if !isQuit(cmd) {
			t.Fatal("a panic in Update should quit the program")
		}
		if c := rec.Crash(); c == nil || !strings.Contains(c.String(), "boom in update") || !strings.Contains(string(c.Stack), "goroutine") {
			t.Fatalf("crash not recorded with its stack: %+v", c)
		}
	})
	t.Run("view", func(t *testing.T) {
		m, rec := Guard(bomb{where: "view next"})
		sent := make(chan tea.Msg, 1)
		rec.Notify(func(msg tea.Msg) { sent <- msg })
		m, _ = m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"}) // the next View panics
		if v := m.View(); v.Content != "" {
			t.Errorf("a view that panicked should draw nothing, drew %q", v.Content)
		}
		if c := rec.Crash(); c == nil || !strings.Contains(c.String(), "boom in view") {
			t.Fatalf("crash not recorded: %+v", c)
		}
		select {
		case msg := <-sent:
			if _, cmd := m.Update(msg); !isQuit(cmd) {
				t.Error("the message sent after a View panic should quit the program")
			}
		case <-time.After(5 * time.Second):
			t.Fatal("a View panic did not ask the program to quit")
		}
	})
	t.Run("command", func(t *testing.T) {
		m, rec := Guard(bomb{where: "cmd"})
		m, cmd := m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
		msgs := runCmd(cmd)
		if len(msgs) != 1 {
			t.Fatalf("the panicking command should end in one message, got %v", msgs)
		}
		if _, quit := m.Update(msgs[0]); !isQuit(quit) {
			t.Error("a panic in a command should quit the program")
		}
		if c := rec.Crash(); c == nil || !strings.Contains(c.String(), "boom in cmd") {
			t.Fatalf("crash not recorded: %+v", c)
		}
	})
	t.Run("no panic", func(t *testing.T) {
		m, rec := Guard(bomb{where: "nowhere"})
		m, cmd := m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
		if cmd != nil || rec.Crash() != nil || m.View().Content != "ok" {
			t.Errorf("a model that does not panic should run as it is")
		}
		if _, ok := Unwrap(m).(bomb); !ok {
			t.Errorf("Unwrap should return the model inside")
		}
	})
}
