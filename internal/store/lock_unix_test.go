//go:build unix

package store

import (
	"os"
	"syscall"
	"testing"
)

// assertUnlocked fails if any descriptor in this process still holds a lock on path, as
// one leaked by a failed Open would: a fresh descriptor could not take the lock.
func assertUnlocked(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Errorf("%s is still locked after a failed Open: %v", path, err)
	}
}
