package source_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/source"
)

// memSettings is an in-memory store.Store for the settings the manager keeps.
type memSettings map[string][]byte

func (m memSettings) GetSetting(key string, v any) (bool, error) {
	raw, ok := m[key]
	if !ok {
		return false, nil
	}
	return true, json.Unmarshal(raw, v)
}

func (m memSettings) PutSetting(key string, v any) error {
	raw, err := json.Marshal(v)
	m[key] = raw
	return err
}

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func newManager(t *testing.T, builtin ...*pack.Pack) *source.Manager {
	t.Helper()
	return &source.Manager{Root: filepath.Join(t.TempDir(), "packs"), Settings: memSettings{}, Builtin: builtin,
		Now: func() time.Time { return t0 }}
}

// packText is a small valid pack with the given questions ("id" or "id=answer text").
func packText(id, version string, questions ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\npack: %s\ntitle: Pack %s\nversion: %s\n---\n\n", id, id, version)
	for _, q := range questions {
		qid, answer, ok := strings.Cut(q, "=")
		if !ok {
			answer = "The answer to " + qid + "."
		}
		fmt.Fprintf(&b, "## Question %s? {#%s}\n\n### Answer\n%s\n\n### Key points\n- A point (match: point)\n\n", qid, qid, answer)
	}
	return b.String()
}

// repo is a git repository made with go-git, no git program needed.
type repo struct {
	t    *testing.T
	dir  string
	r    *git.Repository
	when time.Time
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "group-packs")
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return &repo{t: t, dir: dir, r: r, when: t0}
}

// commit writes files (an empty content deletes the file) and commits them.
func (g *repo) commit(msg string, files map[string]string) string {
	g.t.Helper()
	wt, err := g.r.Worktree()
	if err != nil {
		g.t.Fatal(err)
	}
	for name, content := range files {
		p := filepath.Join(g.dir, filepath.FromSlash(name))
		if content == "" {
			if _, err := wt.Remove(name); err != nil {
				g.t.Fatal(err)
			}
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			g.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			g.t.Fatal(err)
		}
		if _, err := wt.Add(name); err != nil {
			g.t.Fatal(err)
		}
	}
	g.when = g.when.Add(time.Minute)
	h, err := wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: "Study group", Email: "group@example.com", When: g.when}})
	if err != nil {
		g.t.Fatal(err)
	}
	return h.String()
}

func questionIDs(t *testing.T, src source.Source) []string {
	t.Helper()
	packs, diags := source.Load(src.Dir, src.Dir, &src, pack.Loader{})
	var ids []string
	for _, pk := range source.Valid(packs, diags) {
		for _, q := range pk.Questions {
			ids = append(ids, q.Key())
		}
	}
	slices.Sort(ids)
	return ids
}

func TestGitAddUpdateRemove(t *testing.T) {
	ctx := context.Background()
	g := newRepo(t)
	first := g.commit("first packs", map[string]string{
		"evaluation.md":    packText("evaluation", "1.0.0", "leakage", "metrics"),
		"mlops/serving.md": packText("serving", "1.0.0", "latency"),
		"README.md":        "# Our packs\n",
	})
	m := newManager(t)
	for _, origin := range []string{"file://" + g.dir, g.dir} {
		t.Run(strings.SplitN(origin, "/", 2)[0]+"...", func(t *testing.T) {
			m := newManager(t)
			res, err := m.Add(ctx, origin, source.AddOptions{})
			if err != nil {
				t.Fatal(err)
			}
			src := res.Source
			if src.Kind != source.Git || src.ID != "group-packs" || src.Commit != first || src.Branch != "master" || !src.Enabled {
				t.Errorf("source = %+v", src)
			}
			if got := src.PackIDs(); !slices.Equal(got, []string{"evaluation", "serving"}) {
				t.Errorf("packs = %v", got)
			}
			if !strings.HasPrefix(src.Dir, m.Root) {
				t.Errorf("copy in %s, not under %s", src.Dir, m.Root)
			}
		})
	}

	res, err := m.Add(ctx, g.dir, source.AddOptions{})
	if err != nil {
		t.Fatal(err)
	}
	src := res.Source
	if _, err := m.Add(ctx, g.dir, source.AddOptions{}); err == nil || !strings.Contains(err.Error(), "installed already as group-packs") {
		t.Errorf("second add: %v", err)
	}

	// Nothing new: an update says so.
	up, err := m.Update(ctx, "group-packs")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range up.Changes {
		if len(c.Added)+len(c.Removed)+len(c.Changed) > 0 {
			t.Errorf("no-op update changed %+v", c)
		}
	}

	// A change, an addition and a removal, found by pack id as well as by source id.
	second := g.commit("edit", map[string]string{
		"evaluation.md": packText("evaluation", "1.1.0", "leakage=A reworded answer.", "calibration"),
	})
	up, err = m.Update(ctx, "evaluation")
	if err != nil {
		t.Fatal(err)
	}
	if up.OldCommit != first || up.Source.Commit != second {
		t.Errorf("commits %s -> %s, want %s -> %s", up.OldCommit, up.Source.Commit, first, second)
	}
	want := source.PackChange{ID: "evaluation", OldVersion: "1.0.0", NewVersion: "1.1.0",
		Added: []string{"calibration"}, Removed: []string{"metrics"}, Changed: []string{"leakage"}}
	if got := up.Changes[0]; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("changes = %+v, want %+v", got, want)
	}
	if got := questionIDs(t, up.Source); !slices.Equal(got, []string{"evaluation/calibration", "evaluation/leakage", "serving/latency"}) {
		t.Errorf("after update: %v", got)
	}
	list, _ := m.Sources()
	if list[0].Commit != second || list[0].Packs[0].Version != "1.1.0" {
		t.Errorf("saved source = %+v", list[0])
	}

	// Remove deletes the copy and the entry.
	removed, err := m.Remove("group-packs")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(removed.Dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("copy still there: %v", err)
	}
	if list, _ := m.Sources(); len(list) != 0 {
		t.Errorf("sources after remove: %+v", list)
	}
	_ = src
}

func TestUpdateRefusedKeepsInstalledVersion(t *testing.T) {
	ctx := context.Background()
	g := newRepo(t)
	first := g.commit("v1", map[string]string{"p.md": packText("p", "1.0.0", "one")})
	m := newManager(t, mustParse(t, "embedded.md", packText("embedded-one", "1.0.0", "e")))
	res, err := m.Add(ctx, g.dir, source.AddOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, content, want string
	}{
		{"broken", "---\npack: p\ntitle: P\nversion: one\n---\n", `has no valid pack: ` + res.Source.Dir + `/p.md:4: bad version "one"`},
		{"collision", packText("embedded-one", "1.0.0", "x"), `pack "embedded-one" in ` + g.dir + ` (` + res.Source.Dir + `/p.md) is already provided by the embedded pack embedded.md`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g.commit(tc.name, map[string]string{"p.md": tc.content})
			_, err := m.Update(ctx, "p")
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "the installed version is unchanged") {
				t.Fatalf("update: %v\nwant %s", err, tc.want)
			}
			list, _ := m.Sources()
			if list[0].Commit != first {
				t.Errorf("saved commit moved to %s", list[0].Commit)
			}
			if got := questionIDs(t, list[0]); !slices.Equal(got, []string{"p/one"}) {
				t.Errorf("installed copy = %v", got)
			}
		})
	}
}

func mustParse(t *testing.T, file, src string) *pack.Pack {
	t.Helper()
	pk, ds := pack.Parse(file, []byte(src))
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return pk
}

func TestAddRefusals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	builtin := mustParse(t, "ensembles.md", packText("ensembles", "1.0.0", "a"))
	m := newManager(t, builtin)
	first, err := m.Add(ctx, write("first/mine.md", packText("mine", "1.0.0", "a")), source.AddOptions{})
	if err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		name, path, want string
	}{
		{"embedded id", write("e/ensembles.md", packText("ensembles", "2.0.0", "b")),
			`pack "ensembles" in ` + dir + `/e/ensembles.md (` + dir + `/e/ensembles.md) is already provided by the embedded pack ensembles.md`},
		{"installed id", write("dup/other.md", packText("mine", "2.0.0", "b")),
			`is already provided by the installed source mine (file ` + first.Source.Origin + `)`},
		{"no valid pack", write("bad/bad.md", "---\npack: bad\ntitle: Bad\nversion: 1\n---\n"),
			dir + `/bad/bad.md has no valid pack: ` + dir + `/bad/bad.md:4: bad version "1"`},
		{"no pack at all", filepath.Dir(write("empty/README.md", "# not a pack\n")),
			`has no valid pack: it holds no pack file`},
		{"not a pack file", write("notes.txt", "hello"), `is not a pack: pass a .md pack file`},
		{"missing", filepath.Join(dir, "nope"), `does not exist`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := m.Add(ctx, tc.path, source.AddOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Add(%s) = %v\nwant %s", tc.path, err, tc.want)
			}
		})
	}
	list, _ := m.Sources()
	if len(list) != 1 {
		t.Errorf("refused adds left sources: %+v", list)
	}
	entries, _ := os.ReadDir(m.Root)
	if len(entries) != 1 {
		t.Errorf("refused adds left files in %s: %v", m.Root, entries)
	}
}

func TestDirSourceCopiesPacksOnly(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "Our Packs")
	files := map[string]string{
		"a.md":             packText("alpha", "1.0.0", "q1"),
		"sub/b.md":         packText("beta", "1.0.0", "q2"),
		"broken.md":        "---\npack: broken\n---\n",
		".hidden/c.md":     packText("gamma", "1.0.0", "q3"),
		"README.md":        "# readme",
		"notes.txt":        "not copied",
		"sub/CHANGELOG.md": "# changes",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(t.TempDir(), "secret.md")
	os.WriteFile(secret, []byte(packText("secret", "1.0.0", "s")), 0o644)
	if err := os.Symlink(secret, filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}

	m := newManager(t)
	res, err := m.Add(ctx, dir, source.AddOptions{})
	if err != nil {
		t.Fatal(err)
	}
	src := res.Source
	if src.Kind != source.Dir || src.ID != "our-packs" || !slices.Equal(src.PackIDs(), []string{"alpha", "beta"}) {
		t.Errorf("source = %+v", src)
	}
	// The broken pack is reported where the candidate can fix it, and skipped; the link
	// is named as skipped, never followed.
	reported := map[string]bool{}
	for _, d := range res.Diagnostics {
		reported[d.File] = true
		if d.File == filepath.Join(dir, "link.md") && (!d.Warning || !strings.Contains(d.Message, "symbolic link")) {
			t.Errorf("the link is reported as %v", d)
		}
	}
	if !reported[filepath.Join(dir, "broken.md")] || !reported[filepath.Join(dir, "link.md")] {
		t.Errorf("diagnostics = %v", res.Diagnostics)
	}
	var copied []string
	filepath.WalkDir(src.Dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(src.Dir, p)
			copied = append(copied, filepath.ToSlash(rel))
		}
		return nil
	})
	slices.Sort(copied)
	if want := []string{"a.md", "broken.md", "sub/b.md"}; !slices.Equal(copied, want) {
		t.Errorf("copied %v, want %v", copied, want)
	}

	// Update copies again: the edit shows, the old copy is gone.
	os.WriteFile(filepath.Join(dir, "a.md"), []byte(packText("alpha", "1.1.0", "q1", "q4")), 0o644)
	up, err := m.Update(ctx, "our-packs")
	if err != nil {
		t.Fatal(err)
	}
	if got := questionIDs(t, up.Source); !slices.Equal(got, []string{"alpha/q1", "alpha/q4", "beta/q2"}) {
		t.Errorf("after update: %v", got)
	}
	if matches, _ := filepath.Glob(filepath.Join(m.Root, ".staging-*")); len(matches) != 0 {
		t.Errorf("staging left behind: %v", matches)
	}

	// The original gone: the update is refused and the copy kept.
	os.RemoveAll(dir)
	if _, err := m.Update(ctx, "alpha"); err == nil || !strings.Contains(err.Error(), "cannot read") {
		t.Errorf("update of a vanished folder: %v", err)
	}
	if got := questionIDs(t, up.Source); len(got) != 3 {
		t.Errorf("copy after a failed update: %v", got)
	}
}

func TestEnableDisable(t *testing.T) {
	ctx := context.Background()
	g := newRepo(t)
	g.commit("two packs", map[string]string{"a.md": packText("a", "1.0.0", "x"), "b.md": packText("b", "1.0.0", "y")})
	builtin := mustParse(t, "ensembles.md", packText("ensembles", "1.0.0", "a"))
	m := newManager(t, builtin)
	if _, err := m.Add(ctx, g.dir, source.AddOptions{ID: "group"}); err != nil {
		t.Fatal(err)
	}
	state := func() string {
		list, _ := m.Sources()
		off, _ := m.DisabledPacks()
		var parts []string
		for _, id := range []string{"a", "b", "ensembles"} {
			var src *source.Source
			if id != "ensembles" {
				src = &list[0]
			}
			parts = append(parts, fmt.Sprintf("%s=%v", id, source.Enabled(src, id, off)))
		}
		return strings.Join(parts, " ")
	}
	steps := []struct {
		id   string
		on   bool
		want string
	}{
		{"ensembles", false, "a=true b=true ensembles=false"},
		{"a", false, "a=false b=true ensembles=false"},
		{"group", false, "a=false b=false ensembles=false"},
		{"b", true, "a=false b=true ensembles=false"}, // one pack of a disabled source
		{"group", true, "a=true b=true ensembles=false"},
		{"ensembles", true, "a=true b=true ensembles=true"},
	}
	for _, s := range steps {
		if _, err := m.SetEnabled(s.id, s.on, nil); err != nil {
			t.Fatalf("SetEnabled(%s, %v): %v", s.id, s.on, err)
		}
		if got := state(); got != s.want {
			t.Errorf("after SetEnabled(%s, %v): %s, want %s", s.id, s.on, got, s.want)
		}
	}
	if _, err := m.SetEnabled("nope", false, nil); err == nil || !strings.Contains(err.Error(), `no pack or source "nope"`) {
		t.Errorf("unknown id: %v", err)
	}
	if _, err := m.SetEnabled("from-flag", false, func(id string) bool { return id == "from-flag" }); err != nil {
		t.Errorf("a pack known elsewhere: %v", err)
	}
	if _, err := m.Remove("a"); err == nil || !strings.Contains(err.Error(), "comes from group") {
		t.Errorf("removing one pack of a two-pack source: %v", err)
	}
	if _, err := m.Remove("ensembles"); err == nil || !strings.Contains(err.Error(), "built into hotseat") {
		t.Errorf("removing an embedded pack: %v", err)
	}
}

func TestClassify(t *testing.T) {
	dir := t.TempDir()
	repoDir := newRepo(t).dir
	file := filepath.Join(dir, "p.md")
	os.WriteFile(file, []byte("x"), 0o644)
	tests := []struct {
		origin string
		copy   bool
		want   source.Kind
	}{
		{"https://github.com/group/packs.git", false, source.Git},
		{"git@github.com:group/packs.git", false, source.Git},
		{"ssh://git@host/packs", false, source.Git},
		{"file:///srv/packs.git", false, source.Git},
		{repoDir, false, source.Git},
		{repoDir, true, source.Dir},
		{dir, false, source.Dir},
		{file, false, source.File},
	}
	for _, tc := range tests {
		kind, _, err := source.Classify(tc.origin, tc.copy)
		if err != nil || kind != tc.want {
			t.Errorf("Classify(%s, %v) = %s, %v; want %s", tc.origin, tc.copy, kind, err, tc.want)
		}
	}
}

// A manager writes and deletes only inside its Root. A copy recorded outside it (by an
// older hotseat, which shared one folder among databases) loads where it is; an update
// installs the new version inside Root and leaves the old copy; a removal forgets it and
// leaves it.
func TestManagerWritesOnlyInsideRoot(t *testing.T) {
	for _, kind := range []source.Kind{source.Git, source.Dir} {
		t.Run(string(kind), func(t *testing.T) {
			g := newRepo(t)
			g.commit("v1", map[string]string{"p.md": packText("p", "1.0.0", "a")})
			settings := memSettings{}
			older := &source.Manager{Root: filepath.Join(t.TempDir(), "shared"), Settings: settings, Now: func() time.Time { return t0 }}
			res, err := older.Add(context.Background(), g.dir, source.AddOptions{Kind: kind, Copy: kind == source.Dir})
			if err != nil {
				t.Fatal(err)
			}
			old := res.Source.Dir
			m := &source.Manager{Root: filepath.Join(t.TempDir(), "mine.packs"), Settings: settings, Now: func() time.Time { return t0 }}
			if m.Owns(old) || !older.Owns(old) {
				t.Fatalf("Owns(%s): the new manager %v, the older one %v", old, m.Owns(old), older.Owns(old))
			}

			g.commit("v2", map[string]string{"p.md": packText("p", "2.0.0", "a", "b")})
			res, err = m.Update(context.Background(), "p")
			if err != nil {
				t.Fatal(err)
			}
			if !m.Owns(res.Source.Dir) || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "the old copy in "+old+" was left in place") {
				t.Errorf("update: copy in %s, notes %q", res.Source.Dir, res.Notes)
			}
			if got := questionIDs(t, res.Source); !slices.Equal(got, []string{"p/a", "p/b"}) {
				t.Errorf("the moved copy holds %v", got)
			}
			if got := questionIDs(t, source.Source{Dir: old}); !slices.Equal(got, []string{"p/a"}) {
				t.Errorf("the old copy was changed: %v", got)
			}
			if _, err := m.Remove("p"); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(res.Source.Dir); !os.IsNotExist(err) {
				t.Errorf("remove left the copy inside Root: %v", err)
			}

			// Removing a source whose copy is still outside Root leaves that copy.
			res, err = older.Add(context.Background(), g.dir, source.AddOptions{Kind: kind, Copy: kind == source.Dir})
			if err != nil {
				t.Fatal(err)
			}
			if src, err := m.Remove("p"); err != nil || src.Dir != res.Source.Dir {
				t.Fatalf("remove: %v, %+v", err, src)
			}
			if _, err := os.Stat(res.Source.Dir); err != nil {
				t.Errorf("remove deleted a copy outside Root: %v", err)
			}
		})
	}
}

// A repository far larger than a folder of packs is refused with a clear error and nothing
// is installed (issue "Hostile input", finding 5: a 550 MB history took 1.25 GB).
func TestGitTooLargeRefused(t *testing.T) {
	defer source.SetMaxGitBytes(200 << 10)()
	g := newRepo(t)
	g.commit("packs and a big file", map[string]string{
		"evaluation.md": packText("evaluation", "1.0.0", "leakage"),
		"data.csv":      strings.Repeat("0123456789abcdef\n", 20<<10),
	})
	m := newManager(t)
	_, err := m.Add(context.Background(), g.dir, source.AddOptions{})
	if err == nil || !strings.Contains(err.Error(), "far more than a folder of packs") {
		t.Fatalf("Add = %v, want the size refusal", err)
	}
	if list, _ := m.Sources(); len(list) != 0 {
		t.Errorf("a refused repository was installed: %+v", list)
	}
}

// A git repository with more pack files than a folder may hold is refused like the folder
// (it used to take 3,000 where a folder stops at 1,000).
func TestGitTooManyFilesRefused(t *testing.T) {
	defer source.SetMaxFiles(5)()
	g := newRepo(t)
	files := map[string]string{}
	for i := range 6 {
		files[fmt.Sprintf("p%d.md", i)] = packText(fmt.Sprintf("p%d", i), "1.0.0", "leakage")
	}
	g.commit("six packs", files)
	_, err := newManager(t).Add(context.Background(), g.dir, source.AddOptions{})
	if err == nil || !strings.Contains(err.Error(), "more than 5 pack files") {
		t.Fatalf("Add = %v, want the file-count refusal", err)
	}
}
