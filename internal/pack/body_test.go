package pack_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pack/packtest"
)

// loadPack writes src to dir/name and loads it, as hotseat loads a folder of packs.
func loadPack(t *testing.T, dir, name, src string) *pack.Pack {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	packs, diags := pack.LoadPath(dir)
	if len(diags) > 0 || len(packs) != 1 {
		t.Fatalf("load: %d packs, %v", len(packs), diags)
	}
	return packs[0]
}

// An unloaded pack keeps its catalogue, and each question's body comes back from the file
// as a fresh parse has it, for every question, choice and open, asked in any order.
func TestUnloadReadsBodiesAgain(t *testing.T) {
	dir := t.TempDir()
	src := string(packtest.Generate("gen", 40, packtest.Options{ChoiceEvery: 8}))
	pk := loadPack(t, dir, "gen.md", src)
	fresh, _ := pack.Parse("gen.md", []byte(src))
	want := asJSON(t, pk)

	pk.Unload()
	for i := len(pk.Questions) - 1; i >= 0; i-- {
		q, f := pk.Questions[i], fresh.Questions[i]
		if q.ID != f.ID || q.Title != f.Title || q.Kind != f.Kind || !reflect.DeepEqual(q.Tags, f.Tags) ||
			!reflect.DeepEqual(q.FollowUps, f.FollowUps) || q.Line != f.Line || q.Time != f.Time || q.Level != f.Level {
			t.Errorf("%s: the catalogue changed in Unload", q.Key())
		}
		if b := q.Body(); b.Err != nil || !reflect.DeepEqual(b, f.Body()) {
			t.Errorf("%s: the body read again differs from a fresh parse (%v)", q.Key(), b.Err)
		}
		if q.Fingerprint() != f.Fingerprint() {
			t.Errorf("%s: fingerprint changed", q.Key())
		}
	}
	if asJSON(t, pk) != want {
		t.Errorf("the unloaded pack does not write the same JSON as before (catalogue and bodies)")
	}
}

// asJSON writes the pack's questions as pack JSON output does.
func asJSON(t *testing.T, pk *pack.Pack) string {
	t.Helper()
	var b strings.Builder
	for _, q := range pk.Questions {
		j, err := q.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
	}
	return b.String()
}

// A file edited after the start gives its questions' new text; a question it no longer
// has, and every question of a file that is gone, say so and what to do, rather than show
// an empty question.
func TestUnloadedBodyFromAChangedFile(t *testing.T) {
	dir := t.TempDir()
	src := string(packtest.Generate("gen", 3, packtest.Options{}))
	pk := loadPack(t, dir, "gen.md", src)
	pk.Unload()
	q0, q1, q2 := pk.Questions[0], pk.Questions[1], pk.Questions[2]

	edited := strings.Replace(src, "{#"+q1.ID+"}", "{#renamed}", 1)
	first := strings.Index(edited, "### Answer\n") + len("### Answer\n")
	edited = edited[:first] + "A new first sentence. " + edited[first:]
	if err := os.WriteFile(filepath.Join(dir, "gen.md"), []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if b := q0.Body(); b.Err != nil || !strings.HasPrefix(b.Answer, "A new first sentence. ") {
		t.Errorf("edited question: err %v, answer %.40q", b.Err, b.Answer)
	}
	b := q1.Body()
	if b.Err == nil || !strings.Contains(b.Err.Error(), "gen.md") || !strings.Contains(b.Err.Error(), q1.ID) ||
		!strings.Contains(b.Err.Error(), "start hotseat again") || b.Answer != "" {
		t.Errorf("a question gone from the file: err %v, answer %q", b.Err, b.Answer)
	}
	if b := q2.Body(); b.Err != nil || b.Answer == "" {
		t.Errorf("an unchanged question: err %v", b.Err)
	}

	pk2 := loadPack(t, t.TempDir(), "other.md", src)
	pk2.Unload()
	if err := os.Remove(filepath.Join(filepath.Dir(pk2.File), "other.md")); err != nil {
		t.Fatal(err)
	}
	if b := pk2.Questions[0].Body(); b.Err == nil || !strings.Contains(b.Err.Error(), "other.md") || !strings.Contains(b.Err.Error(), "cannot read") {
		t.Errorf("a file removed: err %v", b.Err)
	}
}

// Screens, the grader and reports ask for bodies from several goroutines at once: the
// file is read again once, for all of them (the race detector checks the rest).
func TestUnloadedBodiesConcurrently(t *testing.T) {
	fsys := &openCountingFS{MapFS: fstest.MapFS{"gen.md": {Data: packtest.Generate("gen", 50, packtest.Options{ChoiceEvery: 5})}}}
	packs, diags := pack.Loader{Unload: true}.LoadFS(fsys, "t")
	if len(diags) > 0 || len(packs) != 1 {
		t.Fatalf("load: %v", diags)
	}
	pk := packs[0]
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for _, q := range pk.Questions {
				if b := q.Body(); b.Err != nil || b.Answer == "" {
					t.Errorf("%s: %v", q.Key(), b.Err)
				}
			}
		})
	}
	wg.Wait()
	if n := fsys.opens.Load(); n != 2 {
		t.Errorf("the file was opened %d times: want twice, to load and to read the bodies", n)
	}
}

// openCountingFS counts the files opened.
type openCountingFS struct {
	fstest.MapFS
	opens atomic.Int32
}

func (c *openCountingFS) Open(name string) (fs.File, error) {
	if name != "." {
		c.opens.Add(1)
	}
	return c.MapFS.Open(name)
}

// What Unload is for: a library of generated questions holds, once unloaded and
// collected, a small part of what the parsed packs held (their text, match terms and the
// file each string pointed into).
func TestUnloadGivesTheMemoryBack(t *testing.T) {
	dir := t.TempDir()
	for _, id := range []string{"a", "b", "c", "d"} {
		if err := os.WriteFile(filepath.Join(dir, id+".md"), packtest.Generate(id, 500, packtest.Options{ChoiceEvery: 8}), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	live := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	base := live()
	packs, diags := pack.LoadPath(dir)
	if len(diags) > 0 || len(packs) != 4 {
		t.Fatalf("load: %v", diags)
	}
	parsed := live() - base
	for _, pk := range packs {
		pk.Unload()
	}
	unloaded := live() - base
	runtime.KeepAlive(packs)
	t.Logf("2,000 questions: %d KB parsed, %d KB unloaded", parsed>>10, unloaded>>10)
	if unloaded*5 > parsed {
		t.Errorf("unloaded packs hold %d KB, parsed ones %d KB: want at most a fifth", unloaded>>10, parsed>>10)
	}
}

// EachBody reads an unloaded pack's text for one pass (the CV check's vocabulary) and keeps
// none of it; a file that cannot be read is read again at the next call rather than failing
// for good.
func TestEachBodyKeepsNothingAndReadsAgain(t *testing.T) {
	dir := t.TempDir()
	src := packtest.Generate("gen", 5, packtest.Options{ChoiceEvery: 2})
	pk := loadPack(t, dir, "gen.md", string(src))
	fresh, _ := pack.Parse("gen.md", src)
	pk.Unload()
	n := 0
	pk.EachBody(func(q *pack.Question, b *pack.Body) {
		if f := fresh.Questions[n]; q.ID != f.ID || b.Err != nil || !reflect.DeepEqual(b, f.Body()) {
			t.Errorf("%s: EachBody gave %+v, want a fresh parse's", q.Key(), b)
		}
		n++
	})
	if n != 5 {
		t.Errorf("EachBody visited %d questions, want 5", n)
	}
	path := filepath.Join(dir, "gen.md")
	if err := os.Rename(path, path+".away"); err != nil {
		t.Fatal(err)
	}
	if b := pk.Questions[0].Body(); b.Err == nil {
		t.Errorf("EachBody kept the bodies: with the file gone, Body gave %.40q", b.Answer)
	}
	if err := os.Rename(path+".away", path); err != nil {
		t.Fatal(err)
	}
	if b := pk.Questions[0].Body(); b.Err != nil || b.Answer == "" {
		t.Errorf("with the file back, Body still fails: %v", b.Err)
	}
}

// A question's JSON (pack export --format json) keeps the field order it had before its
// body was split from its catalogue.
func TestQuestionJSONKeepsItsFieldOrder(t *testing.T) {
	pk, diags := pack.Parse("p.md", packtest.Generate("gen", 2, packtest.Options{ChoiceEvery: 2}))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, q := range pk.Questions {
		j, err := q.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		dec := json.NewDecoder(bytes.NewReader(j))
		dec.Token() // {
		for dec.More() {
			k, _ := dec.Token()
			keys = append(keys, k.(string))
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatal(err)
			}
		}
		order := []string{"id", "pack", "title", "prompt", "kind", "level", "tags", "answer", "key_points", "misconceptions", "choices", "follow_ups", "related", "line"}
		at := 0
		for _, k := range keys {
			for at < len(order) && order[at] != k {
				at++
			}
			if at == len(order) {
				t.Fatalf("%s: keys %v are not in the order %v", q.Key(), keys, order)
			}
		}
		if !slices.Contains(keys, "answer") || !slices.Contains(keys, "line") {
			t.Errorf("%s: keys %v", q.Key(), keys)
		}
	}
}
