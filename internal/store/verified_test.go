//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The structural check is skipped for a file exactly as a clean close of hotseat left it,
// and runs again after anything else touched it: another program's write in place, one
// made while the trainer ran, a file put in its place, a write that never closed.
func TestStructureCheckSkippedOnlyForAnUntouchedFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "hotseat.db")
	open := func() (*Store, error) { return Open(path, Options{NoSync: true, Now: fixedNow(t0)}) }
	// opened reports whether an open ran the check, and fails the test if the open failed.
	opened := func(what string) (s *Store, checked bool) {
		t.Helper()
		before := structureChecks.Load()
		s, err := open()
		if err != nil {
			t.Fatalf("%s: open: %v", what, err)
		}
		return s, structureChecks.Load() > before
	}
	s, _ := opened("a new file")
	for i := range 50 {
		if _, err := s.Record(sampleReview(fmt.Sprintf("q%02d", i)), cardAt(t0.Add(time.Duration(i)*time.Hour), 1)); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	s, checked := opened("after a clean close")
	if checked {
		t.Error("a file as the last clean close left it was checked again")
	}
	s.Close()
	s, checked = opened("after an open without writes")
	if checked {
		t.Error("an open and close without writes should leave the file trusted")
	}
	if _, err := s.Record(sampleReview("later"), cardAt(t0, 1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, checked = opened("after a session with a write")
	if checked {
		t.Error("hotseat's own writes should leave the file trusted at a clean close")
	}

	// Another program writes the file while the trainer runs (between its transactions):
	// that close vouches for nothing.
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(path, later, later); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, checked = opened("after a change during a session")
	if !checked {
		t.Error("a file changed while the trainer ran was trusted at the next open")
	}
	s.Close()

	// Another program writes a page in place between sessions: the check runs and refuses
	// the damaged file, leaving it as it was.
	clean := readFile(t, path)
	damaged := append([]byte(nil), clean...)
	page := len(clean)/4096 - 2
	clear(damaged[page*4096 : (page+1)*4096])
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	before := structureChecks.Load()
	if s, err := open(); err == nil {
		s.Close()
		t.Logf("page %d cleared: the check found nothing (a free page)", page)
	} else if !errors.Is(err, ErrNotHotseat) {
		t.Errorf("a damaged file: %v, want ErrNotHotseat", err)
	}
	if structureChecks.Load() == before {
		t.Error("a file written in place by another program was not checked")
	}

	// The same bytes as another file put in its place (a restored copy): a new inode.
	if err := os.WriteFile(path+".copy", clean, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(path+".copy", path); err != nil {
		t.Fatal(err)
	}
	s, checked = opened("a copy put in its place")
	if !checked {
		t.Error("a file replaced by a copy was trusted")
	}
	s.Close()
}
