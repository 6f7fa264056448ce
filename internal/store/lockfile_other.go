//go:build !unix

package store

import (
	"os"
	"time"
)

// lockWriter has no lock file where flock is missing: there bbolt's own lock, taken per
// transaction, is all that stands between two writers.
func lockWriter(string, time.Duration) (*os.File, error) { return nil, nil }

// holdFile keeps the database file open from the first transaction to Close, so bbolt's lock
// refuses a second writer as before (and readers wait for the writer to close).
const holdFile = true
