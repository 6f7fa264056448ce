//go:build unix

package store

import (
	"os"
	"syscall"
)

// unlock drops bbolt's flock on f. Closing f is not enough after bbolt has mapped the
// file: the mapping keeps the open file description, and so the lock, alive.
func unlock(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
