//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// lockWriter takes the writer's lock: an exclusive flock on path + ".lock", held until the
// returned file is closed. The lock file is never removed (removing it would let two
// writers lock two different files); it is empty.
func lockWriter(path string, timeout time.Duration) (*os.File, error) {
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			_ = f.Close()
			return nil, fmt.Errorf("open store %s: lock: %w", path, err)
		}
		if time.Now().After(deadline) {
			_ = f.Close()
			return nil, lockedError(path)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// holdFile is false where the lock file keeps writers apart: the database file is opened per
// transaction.
const holdFile = false
