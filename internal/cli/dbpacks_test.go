package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/source"
	"github.com/hotseat/hotseat/internal/store"
)

// groupSource writes a folder holding the group pack at version v.
func groupSource(t *testing.T, dir, v string) string {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "group.md"), []byte(groupPack(v, "alpha=A.")), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// versionIn reads the version line of the group pack installed in dir.
func versionIn(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "group.md"))
	if err != nil {
		t.Fatalf("installed copy: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "version: "); ok {
			return v
		}
	}
	return ""
}

// sourcesOf reads the installed sources recorded in database db.
func sourcesOf(t *testing.T, db string) []source.Source {
	t.Helper()
	s, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	inst, err := installedIn(s)
	if err != nil {
		t.Fatal(err)
	}
	return inst.sources
}

// Installed packs belong to the database they were installed with: each database's
// copies sit beside it, two databases installing the same source get a copy each, and
// updating or removing it in one never touches the other's.
func TestInstalledPacksBelongToTheirDatabase(t *testing.T) {
	e := newPackEnv(t)
	src := groupSource(t, filepath.Join(t.TempDir(), "group"), "1.0.0")
	e.ok("pack", "add", src) // the test's database
	mine := filepath.Join(e.copies(), "group")

	other := filepath.Join(t.TempDir(), "work.db")
	if out := e.ok("--db", other, "pack", "list"); strings.Contains(out, "group") {
		t.Fatalf("a database sees packs installed with another:\n%s", out)
	}
	e.ok("--db", other, "pack", "add", src)
	theirs := filepath.Join(filepath.Dir(other), "work.packs", "group")
	for db, want := range map[string]string{e.db: mine, other: theirs} {
		if got := sourcesOf(t, db); len(got) != 1 || got[0].ID != "group" || got[0].Dir != want {
			t.Errorf("%s records %+v, want the source group in %s", db, got, want)
		}
	}

	groupSource(t, src, "2.0.0")
	e.ok("--db", other, "pack", "update", "group")
	if v := versionIn(t, theirs); v != "2.0.0" {
		t.Errorf("the updated database has version %s", v)
	}
	if v := versionIn(t, mine); v != "1.0.0" {
		t.Errorf("updating another database's pack changed this one's copy to %s", v)
	}

	e.ok("--db", other, "pack", "remove", "group")
	if _, err := os.Stat(theirs); !os.IsNotExist(err) {
		t.Errorf("remove left its own copy: %v", err)
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("removing the pack from one database removed the other's copy: %v", err)
	}
	if lib := e.library(); lib.Pack("group") == nil {
		t.Error("the first database lost its pack")
	}
}

// A database named by a relative path records absolute copies, which load from any
// directory.
func TestRelativeDatabaseRecordsAbsoluteCopies(t *testing.T) {
	e := newPackEnv(t)
	src := groupSource(t, filepath.Join(t.TempDir(), "group"), "1.0.0")
	work := t.TempDir()
	t.Chdir(work)
	e.ok("--db", "rel.db", "pack", "add", src)
	want := filepath.Join(work, "rel.packs", "group")
	if got := sourcesOf(t, filepath.Join(work, "rel.db")); len(got) != 1 || got[0].Dir != want {
		t.Fatalf("recorded %+v, want the copy in %s", got, want)
	}
	t.Chdir(t.TempDir())
	code, out, errOut := e.run("--db", filepath.Join(work, "rel.db"), "pack", "list")
	if code != exitOK || !strings.Contains(out, "group") || errOut != "" {
		t.Errorf("from another directory: exit %d, stderr %q\n%s", code, errOut, out)
	}
}

// Where each database's copies go: beside it; the default database keeps the folder
// earlier releases used, however its path is spelled.
func TestPacksRoot(t *testing.T) {
	e := newPackEnv(t)
	legacy := filepath.Join(e.data, "hotseat", "packs")
	def := defaultDBPath()
	if err := os.MkdirAll(filepath.Dir(def), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(def, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(def, link); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ db, want string }{
		{def, legacy},
		{filepath.Join(filepath.Dir(def), ".", "hotseat.db"), legacy},
		{link, legacy},
		{filepath.Join(filepath.Dir(def), "work.db"), filepath.Join(filepath.Dir(def), "work.packs")},
		{"/x/hotseat.db", "/x/hotseat.packs"},
		{"/x/notes.packs", "/x/notes.packs.packs"},
		{"/x/hotseat", "/x/hotseat.packs"},
	} {
		if got := packsRoot(c.db); got != c.want {
			t.Errorf("packsRoot(%s) = %s, want %s", c.db, got, c.want)
		}
	}
}

// Installs made by an older hotseat, which copied every database's sources into
// $XDG_DATA_HOME/hotseat/packs, keep loading. The default database's stay where they
// are and are updated and removed in place; another database's are read where they
// are, moved beside that database by the next update, and never deleted by it, since
// the shared folder may hold them for another database too.
func TestOlderInstallsKeepLoading(t *testing.T) {
	e := newPackEnv(t)
	legacy := filepath.Join(e.data, "hotseat", "packs")
	src := groupSource(t, filepath.Join(t.TempDir(), "group"), "1.0.0")
	work := filepath.Join(t.TempDir(), "work.db")
	// What an older hotseat did: the same folder whatever the database.
	olderAdd := func(db, origin string) source.Source {
		t.Helper()
		s, err := store.Open(db, store.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		m := &source.Manager{Root: legacy, Settings: s, Now: func() time.Time { return e.now }}
		res, err := m.Add(context.Background(), origin, source.AddOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res.Source
	}
	t.Setenv("HOTSEAT_DB", "") // the default database
	def := olderAdd(defaultDBPath(), src)
	theirs := olderAdd(work, src)
	if def.Dir != filepath.Join(legacy, "group") || theirs.Dir != filepath.Join(legacy, "group-2") {
		t.Fatalf("the older layout: %s and %s", def.Dir, theirs.Dir)
	}
	other := filepath.Join(t.TempDir(), "other.md")
	if err := os.WriteFile(other, []byte(strings.Replace(groupPack("1.0.0", "beta=B."), "pack: group", "pack: other", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	kept := olderAdd(work, other)

	// Both databases load what they had.
	for _, db := range []string{"", work} {
		if code, out, errOut := e.run("--db", db, "drill", "--plan", "--json", "--pack", "group"); code != exitOK || !strings.Contains(out, `"pack": "group"`) || errOut != "" {
			t.Errorf("--db %q: exit %d, stderr %q\n%s", db, code, errOut, out)
		}
	}

	// The default database updates in place.
	groupSource(t, src, "2.0.0")
	e.ok("pack", "update", "group")
	if got := sourcesOf(t, defaultDBPath()); got[0].Dir != def.Dir || versionIn(t, def.Dir) != "2.0.0" {
		t.Errorf("the default database's update: %+v, version %s", got[0], versionIn(t, def.Dir))
	}

	// Another database moves its copy beside it, and leaves the old one.
	out := e.ok("--db", work, "pack", "update", "group")
	moved := filepath.Join(filepath.Dir(work), "work.packs", "group")
	if !strings.Contains(out, "now installed in "+moved+"; the old copy in "+theirs.Dir+" was left in place") {
		t.Errorf("update of an older copy said:\n%s", out)
	}
	if got := sourcesOf(t, work); got[0].Dir != moved || versionIn(t, moved) != "2.0.0" || versionIn(t, theirs.Dir) != "1.0.0" {
		t.Errorf("after the update: %+v; new copy %s, old copy %s", got[0], versionIn(t, moved), versionIn(t, theirs.Dir))
	}
	e.ok("--db", work, "pack", "remove", "group")
	if _, err := os.Stat(moved); !os.IsNotExist(err) {
		t.Errorf("remove left the moved copy: %v", err)
	}

	// Removing a source whose copy is still in the shared folder forgets it and says so.
	out = e.ok("--db", work, "pack", "remove", "other")
	if !strings.Contains(out, "its copy in "+kept.Dir+" was left in place") {
		t.Errorf("remove of an older copy said:\n%s", out)
	}
	if _, err := os.Stat(kept.Dir); err != nil {
		t.Errorf("remove deleted a copy in the shared folder: %v", err)
	}
	if got := sourcesOf(t, work); len(got) != 0 {
		t.Errorf("work.db still lists %+v", got)
	}

	// The default database lost nothing, and removes its own copy.
	if lib := e.library(); lib.Pack("group") == nil {
		t.Fatal("the default database lost its pack")
	}
	e.ok("pack", "remove", "group")
	if _, err := os.Stat(def.Dir); !os.IsNotExist(err) {
		t.Errorf("the default database's remove left its copy: %v", err)
	}
}
