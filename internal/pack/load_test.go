package pack_test

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
)

// packSrc writes a valid pack with the given id, claims YAML (may be empty) and questions;
// each question is "id" or "id>follow-up" (several follow-ups separated by '>').
func packSrc(id, claims string, questions ...string) string {
	var b strings.Builder
	b.WriteString("---\npack: " + id + "\ntitle: Pack " + id + "\nversion: 1.0.0\ntags: [" + id + "]\n" + claims + "---\n")
	for _, q := range questions {
		parts := strings.Split(q, ">")
		b.WriteString("\n## Question " + parts[0] + "? {#" + parts[0] + "}\n\n### Answer\nA.\n\n### Key points\n- Point (match: point)\n")
		if len(parts) > 1 {
			b.WriteString("\n### Follow-ups\n")
			for _, f := range parts[1:] {
				b.WriteString("- " + f + "\n")
			}
		}
	}
	return b.String()
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestIsPackFile(t *testing.T) {
	for name, want := range map[string]bool{
		"trees.md": true, "sub/dir/trees.MD": true, "README.md": false, "readme.md": false,
		"docs/README.md": false, "CONTRIBUTING.md": false, "CHANGELOG.md": false, "LICENSE.md": false,
		"trees.txt": false, "trees.md.bak": false, "trees": false,
	} {
		if got := pack.IsPackFile(name); got != want {
			t.Errorf("IsPackFile(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestLoadFSSkipsBrokenPack checks that a broken pack is reported and skipped while the
// others load, and that files that are not packs are left alone.
func TestLoadFSSkipsBrokenPack(t *testing.T) {
	fsys := fstest.MapFS{
		"alpha.md":         file(packSrc("alpha", "", "a1>#a2", "a2")),
		"broken.md":        file(strings.Replace(packSrc("broken", "", "b1"), "version: 1.0.0", "version: 1", 1)),
		"sub/gamma.md":     file(packSrc("gamma", "", "g1>alpha#a1")),
		"README.md":        file("# Not a pack, and no front matter\n"),
		"sub/CHANGELOG.md": file("# Changes\n"),
		"notes.txt":        file("not markdown"),
		".git/hidden.md":   file("# hidden directory\n"),
	}
	packs, diags := pack.LoadFS(fsys, "packs")
	if len(packs) != 3 {
		t.Fatalf("LoadFS returned %d packs, want alpha, broken and gamma", len(packs))
	}
	if len(diags) != 1 || diags[0].File != filepath.Join("packs", "broken.md") || diags[0].Line != 4 || !strings.Contains(diags[0].Message, "bad version") {
		t.Fatalf("diagnostics:\n%s\nwant one bad version error in packs/broken.md:4", diagText(diags))
	}
	for _, pk := range packs {
		if pk.Source != "packs" {
			t.Errorf("pack %s: Source = %q, want packs", pk.ID, pk.Source)
		}
	}

	lib := pack.NewLibrary()
	if ds := lib.Add(packs, diags); len(ds) != 0 {
		t.Errorf("Add: %s", diagText(ds))
	}
	var ids []string
	for _, pk := range lib.Packs {
		ids = append(ids, pk.ID)
	}
	if !reflect.DeepEqual(ids, []string{"alpha", "gamma"}) {
		t.Errorf("library packs = %v, want [alpha gamma] (broken skipped, sorted)", ids)
	}
	if lib.Pack("broken") != nil || lib.Question("broken/b1") != nil {
		t.Error("the broken pack is in the library")
	}
	if q := lib.Question("gamma/g1"); q == nil || q.Title != "Question g1?" {
		t.Errorf("Question(gamma/g1) = %v", q)
	}
	if lib.Len() != 3 || len(lib.Questions()) != 3 {
		t.Errorf("Len() = %d, len(Questions()) = %d, want 3", lib.Len(), len(lib.Questions()))
	}
	wantTags := []pack.TagCount{{Tag: "alpha", Questions: 2}, {Tag: "gamma", Questions: 1}}
	if got := lib.Tags(); !reflect.DeepEqual(got, wantTags) {
		t.Errorf("Tags() = %v, want %v", got, wantTags)
	}
	if ds := lib.CheckFollowUps(); len(ds) != 0 {
		t.Errorf("CheckFollowUps: %s", diagText(ds))
	}
}

func TestLibraryDuplicatePackID(t *testing.T) {
	fsys := fstest.MapFS{
		"one.md":     file(packSrc("same", "", "q1")),
		"two/two.md": file(packSrc("same", "", "q2")),
	}
	packs, diags := pack.LoadFS(fsys, "")
	if len(diags) != 0 {
		t.Fatalf("LoadFS: %s", diagText(diags))
	}
	lib := pack.NewLibrary()
	ds := lib.Add(packs, diags)
	if len(ds) != 1 || ds[0].Warning {
		t.Fatalf("Add: %s\nwant one error", diagText(ds))
	}
	d := ds[0]
	if d.File != "two/two.md" || !strings.Contains(d.Message, `pack "same" is also provided by one.md`) {
		t.Errorf("got %s, want an error in two/two.md naming one.md", d)
	}
	if lib.Question("same/q1") == nil || lib.Question("same/q2") != nil {
		t.Error("the first pack must stay and the second be skipped")
	}
	// Adding it again later (as from --packs) is the same error.
	if ds := lib.Add([]*pack.Pack{packs[1]}, nil); len(ds) != 1 {
		t.Errorf("second Add: %s", diagText(ds))
	}
}

func TestLoadFSTooLarge(t *testing.T) {
	fsys := fstest.MapFS{
		"big.md":  {Data: make([]byte, pack.MaxFileSize+1)},
		"huge.md": {Data: make([]byte, 3*pack.MaxFileSize)},
		"ok.md":   file(packSrc("ok", "", "q")),
	}
	packs, diags := pack.LoadFS(fsys, "")
	if len(packs) != 1 || packs[0].ID != "ok" {
		t.Errorf("packs = %d, want only ok", len(packs))
	}
	want := []string{
		"big.md: file is 2097153 bytes; a pack may be at most 2097152 bytes: split it into several packs",
		"huge.md: file is 6.0 MiB; a pack may be at most 2.0 MiB: split it into several packs",
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics = %q, want %q", got, want)
	}
}

// countingFS serves one file whose size is reported by Stat (possibly wrongly) and counts
// the bytes read from it.
type countingFS struct {
	statSize int64
	data     int64 // bytes the file really holds
	read     *int64
}

func (c countingFS) Open(name string) (fs.File, error) {
	if name != "pack.md" {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return &countingFile{c: c}, nil
}

type countingFile struct {
	c   countingFS
	off int64
}

func (f *countingFile) Stat() (fs.FileInfo, error) { return fileInfo{f.c.statSize}, nil }
func (f *countingFile) Close() error               { return nil }
func (f *countingFile) Read(p []byte) (int, error) {
	if f.off >= f.c.data {
		return 0, io.EOF
	}
	n := int64(len(p))
	n = min(n, f.c.data-f.off)
	for i := range n {
		p[i] = 'x'
	}
	f.off += n
	*f.c.read += n
	return int(n), nil
}

type fileInfo struct{ size int64 }

func (i fileInfo) Name() string       { return "pack.md" }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return 0o644 }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return false }
func (i fileInfo) Sys() any           { return nil }

// TestReadFileRefusesBeforeReading checks that a file over the limit is refused from its
// size alone, and that a file whose size is unknown (or lied about) is never read past the
// limit: a pack path pointing at a huge file or a device must not exhaust memory.
func TestReadFileRefusesBeforeReading(t *testing.T) {
	var read int64
	pk, diags := pack.ReadFile(countingFS{statSize: 1 << 40, data: 1 << 40, read: &read}, "pack.md", "pack.md")
	if pk != nil || len(diags) != 1 || !strings.Contains(diags[0].Message, "file is 1048576.0 MiB") {
		t.Errorf("1 TiB file: pack %v, diagnostics:\n%s", pk, diagText(diags))
	}
	if read != 0 {
		t.Errorf("read %d bytes of a file whose size says it is too large", read)
	}

	read = 0
	pk, diags = pack.ReadFile(countingFS{statSize: 0, data: 1 << 30, read: &read}, "pack.md", "pack.md")
	if pk != nil || len(diags) != 1 || !strings.Contains(diags[0].Message, "a pack may be at most") {
		t.Errorf("file with unknown size: pack %v, diagnostics:\n%s", pk, diagText(diags))
	}
	if read > pack.MaxFileSize+1 {
		t.Errorf("read %d bytes, want at most MaxFileSize+1", read)
	}

	_, diags = pack.ReadFile(countingFS{read: &read}, "missing.md", "dir/missing.md")
	if len(diags) != 1 || diags[0].String() != "dir/missing.md: cannot read: file does not exist" {
		t.Errorf("missing file: %s", diagText(diags))
	}
}

// sizedFS serves one pack file whose Stat reports size bytes, whatever it holds: a file
// that grew between the two, or a file system that does not know.
type sizedFS struct {
	src  string
	size int64
}

func (s sizedFS) Open(name string) (fs.File, error) {
	return &sizedFile{Reader: strings.NewReader(s.src), size: s.size}, nil
}

type sizedFile struct {
	*strings.Reader
	size int64
}

func (f *sizedFile) Stat() (fs.FileInfo, error) { return fileInfo{f.size}, nil }
func (f *sizedFile) Close() error               { return nil }

// A pack is read whole however wrong its size was when measured: the buffer made for the
// measured size (ReadFile reads into one, not io.ReadAll's doubling) grows as needed.
func TestReadFileReadsPastAWrongSize(t *testing.T) {
	src := packSrc("grown", "", "a", "b", "c", "d", "e", "f", "g", "h")
	for _, size := range []int64{0, 1, int64(len(src)) / 2, int64(len(src)) - 1, int64(len(src)), int64(len(src)) + 100} {
		pk, diags := pack.ReadFile(sizedFS{src, size}, "pack.md", "pack.md")
		if pk == nil || len(pk.Questions) != 8 || len(diags) != 0 {
			t.Errorf("Stat says %d of %d bytes: pack %v, diagnostics:\n%s", size, len(src), pk, diagText(diags))
		}
	}
}

func TestLoadPath(t *testing.T) {
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	one := write("one.md", packSrc("one", "", "q"))
	write("sub/two.md", packSrc("two", "", "q"))
	write("README.md", "# docs\n")

	packs, diags := pack.LoadPath(one)
	if len(diags) != 0 || len(packs) != 1 || packs[0].ID != "one" || packs[0].File != one || packs[0].Source != one {
		t.Errorf("LoadPath(file): %d packs, %s", len(packs), diagText(diags))
	}
	packs, diags = pack.LoadPath(dir)
	if len(diags) != 0 || len(packs) != 2 {
		t.Fatalf("LoadPath(dir): %d packs, %s", len(packs), diagText(diags))
	}
	if packs[1].File != filepath.Join(dir, "sub", "two.md") || packs[1].Source != dir {
		t.Errorf("LoadPath(dir): File %q, Source %q", packs[1].File, packs[1].Source)
	}
	missing := filepath.Join(dir, "nope.md")
	_, diags = pack.LoadPath(missing)
	if len(diags) != 1 || diags[0].String() != missing+": cannot read: no such file or directory" {
		t.Errorf("LoadPath(missing): %s", diagText(diags))
	}
}

func TestLibraryClaimsMerge(t *testing.T) {
	a := packSrc("alpha", "claims:\n  testing:\n    phrases: [\"I always write tests\", \"TDD\"]\n  model-internals:\n    phrases: [\"details of ML models\"]\n", "q")
	b := packSrc("beta", "claims:\n  testing:\n    phrases: [\"tdd\", \"test driven\"]\n    tags: [testing, ml-testing]\n", "q")
	lib := pack.NewLibrary()
	lib.Add(pack.LoadFS(fstest.MapFS{"a.md": file(a), "b.md": file(b)}, ""))
	var got []string
	for _, c := range lib.Claims() {
		var phrases []string
		for _, p := range c.Phrases {
			phrases = append(phrases, p.String())
		}
		got = append(got, c.Topic+": "+strings.Join(phrases, " | ")+" -> "+strings.Join(c.Tags, ", "))
	}
	want := []string{
		"model-internals: details of ml models -> model-internals",
		"testing: i always write tests | tdd | test driven -> testing, ml-testing",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Claims() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestCheckFollowUps checks follow-ups across packs: into a loaded pack that lacks the
// question is an error, into a pack that is not installed a warning, each at its line.
func TestCheckFollowUps(t *testing.T) {
	fsys := fstest.MapFS{
		"alpha.md": file(packSrc("alpha", "", "a1>#a2>beta#b1>beta#missing>gamma#g1", "a2")),
		"beta.md":  file(packSrc("beta", "", "b1>alpha/a1")),
	}
	lib := pack.NewLibrary()
	lib.Add(pack.LoadFS(fsys, ""))
	got := lib.CheckFollowUps()
	want := pack.Diagnostics{
		{File: "alpha.md", Line: 19, Message: `follow-up beta#missing: pack "beta" has no question "missing"`},
		{File: "alpha.md", Line: 20, Warning: true, Message: `follow-up gamma#g1: pack "gamma" is not installed`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CheckFollowUps() =\n%swant\n%s", diagText(got), diagText(want))
	}
	if !got.HasErrors() || got.Errors() != 1 {
		t.Errorf("HasErrors() = %v, Errors() = %d; want true, 1", got.HasErrors(), got.Errors())
	}
	if got[1].String() != "alpha.md:20: warning: follow-up gamma#g1: pack \"gamma\" is not installed" {
		t.Errorf("String() = %q", got[1].String())
	}
}

func TestDiagnosticString(t *testing.T) {
	tests := []struct {
		d    pack.Diagnostic
		want string
	}{
		{pack.Diagnostic{File: "a.md", Line: 3, Message: "bad"}, "a.md:3: bad"},
		{pack.Diagnostic{File: "a.md", Line: 3, Warning: true, Message: "meh"}, "a.md:3: warning: meh"},
		{pack.Diagnostic{File: "a.md", Message: "whole file"}, "a.md: whole file"},
	}
	for _, tc := range tests {
		if got := tc.d.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
	if (pack.Diagnostics{{Warning: true}}).HasErrors() {
		t.Error("warnings only: HasErrors() = true")
	}
}

// AppendKey writes what Key returns, after whatever dst holds.
func TestAppendKeyIsKey(t *testing.T) {
	q := &pack.Question{PackID: "trees-and-forests", ID: "gini-vs-entropy"}
	if got := string(q.AppendKey([]byte("x"))); got != "x"+q.Key() {
		t.Errorf("AppendKey = %q, want %q", got, "x"+q.Key())
	}
}
