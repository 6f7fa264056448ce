package tui

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/drill/drilltest"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// The start-up phases of a daily user with a year of history, measured one by one on the
// fixture of issue 12: 10,000 generated questions (three key points each, every 8th a choice
// question) and about 70,000 reviews over 120 days, written through the drill's own rating
// path (drilltest.Write). The fixture is generated in a temporary folder on first use (about
// 15 seconds), never
// committed. Run: go test -run '^$' -bench 'Start' -benchtime 20x ./internal/tui
var (
	startOnce sync.Once
	startFix  drilltest.Fixture
	startErr  error
	startDir  string // removed by TestMain unless kept
)

// startNow is when the history ends: the day after its 120 days.
var startNow = drilltest.Now

// TestMain removes the start-up fixture, when a benchmark made one.
func TestMain(m *testing.M) {
	code := m.Run()
	if startDir != "" {
		os.RemoveAll(startDir)
	}
	os.Exit(code)
}

func startupFixture(b *testing.B) drilltest.Fixture {
	b.Helper()
	startOnce.Do(func() {
		// HOTSEAT_START_FIXTURE keeps the fixture in that folder, to measure the binary on it
		// (packs in packs/, the history in history.db), and reuses it when it is there.
		dir := os.Getenv("HOTSEAT_START_FIXTURE")
		if dir == "" {
			if dir, startErr = os.MkdirTemp("", "hotseat-start-*"); startErr != nil {
				return
			}
			startDir = dir
		}
		var ok bool
		if startFix, ok = drilltest.Reuse(dir, 10000); !ok {
			startFix, startErr = drilltest.Write(dir, 10000)
		}
		fmt.Fprintf(os.Stderr, "start fixture: %d questions, %d reviews\n", startFix.Questions, startFix.Reviews)
	})
	if startErr != nil {
		b.Fatal(startErr)
	}
	return startFix
}

// loadStartLib loads the packs as the trainer does: each unloaded as it is parsed.
func loadStartLib(b *testing.B, dir string) *pack.Library {
	packs, diags := pack.Loader{Unload: true}.LoadPath(dir)
	if diags.HasErrors() {
		b.Fatal(diags[0])
	}
	lib := pack.NewLibrary()
	lib.Add(packs, nil)
	return lib
}

// Phase: the packs, read and parsed as start-up does.
func BenchmarkStartPackLoad10k(b *testing.B) {
	f := startupFixture(b)
	b.ReportAllocs()
	for b.Loop() {
		loadStartLib(b, f.Packs)
	}
}

func benchOpen(b *testing.B, db string) {
	b.ReportAllocs()
	for b.Loop() {
		st, err := store.Open(db, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
}

// Phase: opening the database (lock, schema check).
func BenchmarkStartStoreOpen70k(b *testing.B)   { benchOpen(b, startupFixture(b).DB) }
func BenchmarkStartStoreOpenEmpty(b *testing.B) { benchOpen(b, startupFixture(b).EmptyDB) }

func benchProgress(b *testing.B, db string) {
	f := startupFixture(b)
	lib := loadStartLib(b, f.Packs)
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	m := New(Config{Lib: lib, Store: st, Sched: drill.Only(srs.NewScheduler(srs.DefaultParams())), NewPerDay: 10,
		Now: func() time.Time { return startNow }, Dark: true})
	b.ReportAllocs()
	for b.Loop() {
		if msg := m.loadProgress()().(progressMsg); msg.err != nil {
			b.Fatal(msg.err)
		}
	}
}

// Phase: reading progress for home (cards, history, statistics, claims).
func BenchmarkStartProgress70k(b *testing.B)   { benchProgress(b, startupFixture(b).DB) }
func BenchmarkStartProgressEmpty(b *testing.B) { benchProgress(b, startupFixture(b).EmptyDB) }

// Phase: planning the daily drill over 10,000 cards.
func BenchmarkStartPlan10k(b *testing.B) {
	f := startupFixture(b)
	lib := loadStartLib(b, f.Packs)
	st, err := store.Open(f.DB, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	cards, err := st.Cards()
	st.Close()
	if err != nil {
		b.Fatal(err)
	}
	p := &drill.Planner{Lib: lib, Cards: cards, Sched: drill.Only(srs.NewScheduler(srs.DefaultParams()))}
	b.ReportAllocs()
	for b.Loop() {
		p.Daily(drill.Options{Now: startNow, NewPerDay: 10})
	}
}

// Phase: the home screen's first View once progress is read.
func BenchmarkStartFirstView10k(b *testing.B) {
	f := startupFixture(b)
	lib := loadStartLib(b, f.Packs)
	st, err := store.Open(f.DB, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	cfg := Config{Lib: lib, Store: st, Sched: drill.Only(srs.NewScheduler(srs.DefaultParams())), NewPerDay: 10,
		Now: func() time.Time { return startNow }, Dark: true}
	progress := New(cfg).loadProgress()()
	b.ReportAllocs()
	for b.Loop() {
		m := New(cfg)
		next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		next, _ = next.(Model).Update(progress)
		if v := next.(Model).render(); !strings.Contains(v, "due") {
			b.Fatalf("home is not ready:\n%s", v)
		}
	}
}

// The whole in-process start, packs to home ready, with the history and without: the
// issue's target is the first within 1.15x of the second.
func benchHomeReady(b *testing.B, db string) {
	f := startupFixture(b)
	b.ReportAllocs()
	for b.Loop() {
		lib := loadStartLib(b, f.Packs)
		st, err := store.Open(db, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		m := New(Config{Lib: lib, Store: st, Sched: drill.Only(srs.NewScheduler(srs.DefaultParams())), NewPerDay: 10,
			Now: func() time.Time { return startNow }, Dark: true})
		next, _ := m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		next, _ = next.(Model).Update(m.loadProgress()())
		_ = next.(Model).render()
		st.Close()
	}
}

func BenchmarkStartHomeReady70k(b *testing.B)   { benchHomeReady(b, startupFixture(b).DB) }
func BenchmarkStartHomeReadyEmpty(b *testing.B) { benchHomeReady(b, startupFixture(b).EmptyDB) }

// The benchmarks' fixtures mark the orientation seen through drilltest, which cannot name
// this package's setting: this holds the two together, so that a start on them ends on home.
func TestFixtureSeenOrientationSkipsTheWelcome(t *testing.T) {
	st, err := store.Open(t.TempDir()+"/hotseat.db", store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if first, err := FirstRun(st); err != nil || !first {
		t.Fatalf("a fresh database: FirstRun = %v, %v; want true", first, err)
	}
	if err := drilltest.SeenOrientation(st); err != nil {
		t.Fatal(err)
	}
	if first, err := FirstRun(st); err != nil || first {
		t.Errorf("after drilltest.SeenOrientation: FirstRun = %v, %v; want false", first, err)
	}
}
