// Package drilltest writes the start-up fixture of issue 12 for benchmarks: generated packs
// and a history of reviews written through the drill's own rating path, in a folder the
// caller owns. It is never committed: the benchmarks make it when they run.
package drilltest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pack/packtest"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// Now is when every fixture's history ends: the morning after its 120 days.
var Now = time.Date(2026, 7, 24, 10, 0, 0, 0, time.UTC)

// Fixture is a library of generated packs with two databases: one holding about seven
// reviews per question over 120 days, one empty.
type Fixture struct {
	Packs     string // the folder of packs (--packs)
	DB        string // the database with the history
	EmptyDB   string // the database without one
	Questions int
	Reviews   int
}

// perPack is the size of each generated pack file.
const perPack = 1000

// stampFile names, in the fixture's folder, what wrote it and in which schema; Reuse takes
// only a fixture with the stamp this version writes.
const stampFile = "fixture.txt"

func stamp(n int) string {
	return fmt.Sprintf("drilltest v1: %d questions, orientation seen, schema v%d\n", n, store.Schema())
}

// SeenOrientation marks a database's first-start orientation as seen (the trainer's
// "welcomed" setting), so that a start shows home.
func SeenOrientation(s *store.Store) error { return s.PutSetting("welcomed", true) }

// Write makes a fixture of n questions in dir: packs of up to 1,000 generated questions
// (three key points each, every 8th a choice question) in dir/packs, the history in
// dir/history.db, the empty database in dir/empty.db, both with the orientation seen.
func Write(dir string, n int) (Fixture, error) {
	f := Fixture{Packs: filepath.Join(dir, "packs"), DB: filepath.Join(dir, "history.db"), EmptyDB: filepath.Join(dir, "empty.db"), Questions: n}
	if err := os.MkdirAll(f.Packs, 0o755); err != nil {
		return f, err
	}
	for i := 0; i*perPack < n; i++ {
		src := packtest.Generate(fmt.Sprintf("gen-%d", i), min(perPack, n-i*perPack), packtest.Options{ChoiceEvery: 8})
		if err := os.WriteFile(filepath.Join(f.Packs, fmt.Sprintf("gen-%d.md", i)), src, 0o644); err != nil {
			return f, err
		}
	}
	packs, diags := pack.LoadPath(f.Packs)
	if diags.HasErrors() {
		return f, fmt.Errorf("generated packs: %v", diags[0])
	}
	lib := pack.NewLibrary()
	lib.Add(packs, nil)
	if lib.Len() != n {
		return f, fmt.Errorf("generated %d questions, want %d", lib.Len(), n)
	}
	for _, db := range []string{f.EmptyDB, f.DB} {
		// A fixture written again starts from nothing, not from the last one's history.
		if err := os.Remove(db); err != nil && !os.IsNotExist(err) {
			return f, err
		}
		st, err := store.Open(db, store.Options{NoSync: true})
		if err != nil {
			return f, err
		}
		if err := SeenOrientation(st); err != nil {
			st.Close()
			return f, err
		}
		if db == f.DB {
			f.Reviews, err = writeHistory(st, lib)
		}
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return f, err
		}
	}
	return f, os.WriteFile(filepath.Join(dir, stampFile), []byte(stamp(n)), 0o644)
}

// Reuse returns the fixture of n questions that this version of Write left in dir, or
// false when there is none: benchmarks run again on a kept fixture without writing it
// anew.
func Reuse(dir string, n int) (Fixture, bool) {
	f := Fixture{Packs: filepath.Join(dir, "packs"), DB: filepath.Join(dir, "history.db"), EmptyDB: filepath.Join(dir, "empty.db"), Questions: n}
	if b, err := os.ReadFile(filepath.Join(dir, stampFile)); err != nil || string(b) != stamp(n) {
		return f, false
	}
	st, err := store.Open(f.DB, store.Options{ReadOnly: true})
	if err != nil {
		return f, false
	}
	defer st.Close()
	if f.Reviews, err = st.ReviewCount(); err != nil || f.Reviews == 0 {
		return f, false
	}
	if _, err := os.Stat(f.EmptyDB); err != nil {
		return f, false
	}
	packs, diags := pack.LoadPath(f.Packs)
	lib := pack.NewLibrary()
	lib.Add(packs, nil)
	return f, !diags.HasErrors() && lib.Len() == n
}

// writeHistory answers the library for 120 days: each question is introduced on a day of
// the first 60 and then reviewed whenever it is due, rated from a seeded draw that leans
// on Good, through the recorder the drill uses. That is about seven reviews a question.
func writeHistory(st *store.Store, lib *pack.Library) (int, error) {
	rec := drill.Recorder{Store: st, Sched: srs.NewScheduler(srs.DefaultParams())}
	rng := rand.New(rand.NewPCG(12, 70))
	start := Now.AddDate(0, 0, -120)
	qs := lib.Questions()
	cards := make(map[string]srs.Card, len(qs))
	reviews := 0
	for day := range 120 {
		now := start.AddDate(0, 0, day).Add(9 * time.Hour)
		for i, q := range qs {
			c, seen := cards[q.Key()]
			if !seen && (i%60 != day%60 || day >= 60) {
				continue
			}
			if seen && c.Due.After(now) {
				continue
			}
			r := srs.Good
			switch x := rng.IntN(10); {
			case x == 0:
				r = srs.Again
			case x < 3:
				r = srs.Hard
			case x == 9:
				r = srs.Easy
			}
			it := drill.Item{Q: q, Reason: drill.ReasonDue, Limit: q.Time}
			res := drill.Result{Item: it, Answer: "Bootstrap samples and random feature subsets decorrelate the trees.",
				Used: 50 * time.Second, Coverage: score.Coverage{Covered: []bool{true, true, false}, Partial: make([]bool, 3)}, Rating: r, At: now}
			next, _, err := rec.Record(c, res)
			if err != nil {
				return reviews, err
			}
			cards[q.Key()] = next
			reviews++
			now = now.Add(20 * time.Second)
		}
	}
	return reviews, nil
}
