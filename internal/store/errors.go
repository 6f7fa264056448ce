package store

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors that callers branch on with errors.Is. The errors Open returns wrap them
// but carry their own message, a sentence naming the file and what to do.
var (
	// ErrLocked means another process has the database open. The candidate most likely
	// left a hotseat running in another terminal.
	ErrLocked = errors.New("store is in use by another process")
	// ErrNotHotseat means the file is not a hotseat database, or is damaged. The file has
	// not been modified.
	ErrNotHotseat = errors.New("not a hotseat database")
	// ErrNewerSchema means a newer hotseat wrote the file; this binary cannot know what the
	// newer schema means, so it refuses rather than risk damaging it.
	ErrNewerSchema = errors.New("written by a newer hotseat")
	// ErrNeedsUpgrade is a read-only Open of a file an older hotseat wrote: only a
	// read-write Open can bring its schema up to date.
	ErrNeedsUpgrade = errors.New("schema needs upgrading")
	// ErrReadOnly is returned by writes to a store opened with Options.ReadOnly.
	ErrReadOnly = errors.New("store is read-only")
)

// userError is an error whose message is written for the candidate, while errors.Is and
// errors.As still see the sentinel and the underlying cause.
type userError struct {
	msg  string
	errs []error
}

func (e *userError) Error() string   { return e.msg }
func (e *userError) Unwrap() []error { return e.errs }

// busyError is a transaction that could not get the file: another process held it for the
// whole wait, which a hotseat command never does for long.
func busyError(path string, waited time.Duration) error {
	return &userError{
		msg:  fmt.Sprintf("%s stayed busy for %s (another program is reading or writing it); nothing was lost: try again, and if it persists, close the other hotseat commands", path, waited),
		errs: []error{ErrLocked},
	}
}

func lockedError(path string) error {
	return &userError{
		msg:  fmt.Sprintf("another hotseat is using %s; close it or pass --db", path),
		errs: []error{ErrLocked},
	}
}

// notHotseat keeps cause in the chain (for a verbose mode) but out of the message: the
// candidate cannot act on "invalid page type", only on "move it aside".
func notHotseat(path string, cause error) error {
	errs := []error{ErrNotHotseat}
	if cause != nil {
		errs = append(errs, cause)
	}
	return &userError{
		msg:  fmt.Sprintf("%s is not a hotseat database (or is damaged); move it aside or pass --db", path),
		errs: errs,
	}
}

func newerSchema(path string, have, known uint64) error {
	return &userError{
		msg: fmt.Sprintf("%s was written by a newer hotseat (schema v%d, this one knows up to v%d); upgrade hotseat or pass --db",
			path, have, known),
		errs: []error{ErrNewerSchema},
	}
}
