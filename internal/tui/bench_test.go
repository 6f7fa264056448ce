package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/questions"
)

// A keypress on the reveal screen of a long answer: Update (scroll) plus View. Target < 1 ms.
func BenchmarkRevealKeypressLongAnswer(b *testing.B) {
	para := strings.Repeat("Gradient boosting fits each new tree to the negative gradient of the loss, so every stage corrects what the ensemble still gets wrong. ", 8)
	long := strings.Replace(demoPack, "reduces variance without adding much bias.", "reduces variance.\n\n"+strings.Repeat(para+"\n\n- a point about **shrinkage** and `learning_rate`\n\n", 12), 1)
	t := &testing.T{}
	f := newFixtureWith(t, 100, 40, long, nil)
	f.t = t
	f.key("enter")
	f.typeText("bootstrap averaging")
	f.key("ctrl+s")
	if words := len(strings.Fields(f.m.rev.ans.item.Q.Body().Answer)); words < 2000 {
		b.Fatalf("answer has %d words, want a long one", words)
	}
	down, up := keyMsg("down"), keyMsg("up")
	b.ResetTimer()
	for i := range b.N {
		k := down
		if i%40 >= 20 {
			k = up
		}
		next, _ := f.m.Update(k)
		f.m = next.(Model)
		_ = f.m.View()
	}
}

// From a new model to its first View, with the embedded packs already parsed. Target < 20 ms.
func BenchmarkModelStartToFirstView(b *testing.B) {
	packs, diags := pack.LoadFS(questions.FS, "embedded")
	lib := pack.NewLibrary()
	lib.Add(packs, diags)
	sched := srs.NewScheduler(srs.DefaultParams())
	b.ResetTimer()
	for range b.N {
		m := New(Config{Lib: lib, Sched: drill.Only(sched), NewPerDay: drill.DefaultNewPerDay, Now: time.Now, Dark: true})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		_ = next.(Model).View()
	}
}

// The same, including parsing the embedded packs, which is what a start costs in all.
func BenchmarkLoadPacksAndFirstView(b *testing.B) {
	sched := srs.NewScheduler(srs.DefaultParams())
	for range b.N {
		packs, diags := pack.LoadFS(questions.FS, "embedded")
		lib := pack.NewLibrary()
		lib.Add(packs, diags)
		m := New(Config{Lib: lib, Sched: drill.Only(sched), NewPerDay: drill.DefaultNewPerDay, Now: time.Now, Dark: true})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		_ = next.(Model).View()
	}
}

// The first question of a daily drill: planning plus rendering the question's Markdown.
func BenchmarkStartDailyDrill(b *testing.B) {
	packs, diags := pack.LoadFS(questions.FS, "embedded")
	lib := pack.NewLibrary()
	lib.Add(packs, diags)
	sched := srs.NewScheduler(srs.DefaultParams())
	for range b.N {
		m := New(Config{Lib: lib, Sched: drill.Only(sched), NewPerDay: drill.DefaultNewPerDay, Now: time.Now, Dark: true})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		next, _ = next.(Model).Update(m.loadProgress()())
		next, _ = next.(Model).Update(keyMsg("enter"))
		_ = next.(Model).View()
	}
}
