package tui

import (
	"fmt"
	"reflect"
	"runtime/debug"
	"sync"

	tea "charm.land/bubbletea/v2"
)

// Crash is what a panic inside the trainer left behind: the value it panicked with and the
// stack of the goroutine that panicked.
type Crash struct {
	Value any
	Stack []byte
}

// Recovery catches panics in a guarded model: in Init, Update and View, and in every
// command the model returns, batches and sequences included. The first panic is kept; the
// program is then asked to quit, so Bubble Tea restores the terminal the usual way and the
// caller can tell the user what happened (ratings are committed before the next question
// is shown, so none that was confirmed on screen is lost).
type Recovery struct {
	mu    sync.Mutex
	crash *Crash
	send  func(tea.Msg)
}

// crashedMsg tells the guarded model to quit after a panic outside Update.
type crashedMsg struct{}

// Guard wraps m so that a panic ends the program cleanly instead of leaving a raw terminal
// and a stack trace on screen. Call Notify with the program's Send before running it.
func Guard(m tea.Model) (tea.Model, *Recovery) {
	r := &Recovery{}
	return guarded{inner: m, rec: r}, r
}

// Notify gives the recovery a way to reach the program when a panic happens outside
// Update (in View, or in a command).
func (r *Recovery) Notify(send func(tea.Msg)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.send = send
}

// Crash returns the first panic caught, or nil.
func (r *Recovery) Crash() *Crash {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.crash
}

func (r *Recovery) record(v any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.crash == nil {
		r.crash = &Crash{Value: v, Stack: debug.Stack()}
	}
}

// quitSoon asks the program to quit from outside its event loop.
func (r *Recovery) quitSoon() {
	r.mu.Lock()
	send := r.send
	r.mu.Unlock()
	if send != nil {
		go send(crashedMsg{}) // never from the loop itself: Send would wait for it
	}
}

// wrap guards a command, and the commands of the batch or sequence it returns.
func (r *Recovery) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if v := recover(); v != nil {
				r.record(v)
				msg = crashedMsg{}
			}
		}()
		return r.wrapMsg(cmd())
	}
}

var cmdType = reflect.TypeFor[tea.Cmd]()

// wrapMsg guards the commands inside a tea.BatchMsg or a sequence (whose type Bubble Tea
// does not export: both are slices of tea.Cmd, rebuilt here with their own type).
func (r *Recovery) wrapMsg(msg tea.Msg) tea.Msg {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return msg
	}
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	for i := range v.Len() {
		c, _ := v.Index(i).Interface().(tea.Cmd)
		out.Index(i).Set(reflect.ValueOf(r.wrap(c)))
	}
	return out.Interface()
}

// guarded is a model whose panics are caught by its Recovery.
type guarded struct {
	inner tea.Model
	rec   *Recovery
}

func (g guarded) Init() (cmd tea.Cmd) {
	defer func() {
		if v := recover(); v != nil {
			g.rec.record(v)
			cmd = tea.Quit
		}
	}()
	return g.rec.wrap(g.inner.Init())
}

func (g guarded) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if _, ok := msg.(crashedMsg); ok {
		return g, tea.Quit
	}
	defer func() {
		if v := recover(); v != nil {
			g.rec.record(v)
			m, cmd = g, tea.Quit
		}
	}()
	next, c := g.inner.Update(msg)
	return guarded{inner: next, rec: g.rec}, g.rec.wrap(c)
}

func (g guarded) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			g.rec.record(r)
			g.rec.quitSoon()
			v = tea.NewView("")
		}
	}()
	return g.inner.View()
}

// Unwrap returns the model inside the guard.
func Unwrap(m tea.Model) tea.Model {
	if g, ok := m.(guarded); ok {
		return g.inner
	}
	return m
}

// String describes the crash in one line, for the crash file's first line.
func (c *Crash) String() string { return fmt.Sprintf("panic: %v", c.Value) }
