// Package store keeps everything a candidate owns in one bbolt file: the append-only review
// log (the source of truth), the card states derived from it (kept for speed), and settings.
// It is the only package that imports bbolt, so the file format can change in one place.
//
// Layout of the file (schema v1):
//
//	hotseat   meta: "schema" (uint64, big-endian) and "node" (the per-database random part
//	          of review IDs)
//	cards     Key(pack, question) -> compact binary srs.Card
//	reviews   review key (time, node, counter; 16 bytes) -> version byte + JSON
//	settings  name -> JSON value (also the installed pack sources: "pack_sources",
//	          "disabled_packs", kept by internal/source)
//	seen      Key(pack, question) -> the question's fingerprint at its latest review;
//	          created by the first Record that has one, so no migration (see seen.go)
//
// A Store is safe for use by many goroutines of one process. Only one process may open the
// file read-write at a time: a read-write Store holds an exclusive flock on a lock file beside
// it (path + ".lock") for as long as it is open, and Open turns a held lock into ErrLocked
// within Options.Timeout instead of waiting forever. The database file itself is opened only
// for the length of each transaction (bbolt's own flock: shared to read, exclusive to
// write), so read-only commands such as hotseat stats run beside a trainer that is open all
// day, waiting at most for one of its transactions.
package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"syscall"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// DefaultTimeout is how long Open waits for another process to release the file. A second
// is long enough to ride out a hotseat that is just exiting, and short enough that the
// candidate gets a message instead of a frozen terminal.
const DefaultTimeout = time.Second

// Options tune Open. The zero value is right for the application.
type Options struct {
	// Timeout is how long to wait for the file lock before failing with ErrLocked.
	// Zero or negative means DefaultTimeout; bbolt's own "zero waits forever" is never used.
	Timeout time.Duration
	// ReadOnly opens the file with a shared lock and no writes, for commands that only
	// report (several can run beside each other, but not beside a read-write hotseat).
	// A missing file is an error rather than being created.
	ReadOnly bool
	// Now is the clock used to stamp reviews recorded without a time. Nil means time.Now;
	// tests inject a fixed clock.
	Now func() time.Time
	// NoSync skips fsync on commit. It is for tests and benchmarks only: with it, a crash
	// can lose graded answers that the candidate was told were saved.
	NoSync bool
	// Upgrading, when set, is called before the migrations of a file written by an older
	// hotseat run (from its schema version to this one's): they recount the review log,
	// which takes a second or so for tens of thousands of reviews, so that the candidate
	// can be told why the start waits. Not called for a new file.
	Upgrading func(from, to int)
}

// Store is an open hotseat database.
type Store struct {
	path     string
	now      func() time.Time
	readOnly bool
	node     [nodeLen]byte // random part of review IDs; zero in a read-only, uninitialised file
	writer   *os.File      // the lock file a read-write Store holds; nil when read-only
	bolt     bbolt.Options // how each transaction opens the file

	upgrading func(from, to int) // Options.Upgrading, for prepare

	mu     sync.Mutex // guards db, refs and closed
	db     *bbolt.DB  // open while refs > 0: the file is opened per transaction
	refs   int
	closed bool
}

// TxTimeout is how long a transaction waits for the database file when another process is
// in the middle of its own transaction. Transactions are short (a few milliseconds); a wait
// this long means something is stuck, and the error says so rather than freezing.
const TxTimeout = 5 * time.Second

// Open opens the hotseat database at path, creating it (and its parent directories, 0700)
// when missing, and brings its schema up to date in one transaction.
//
// Errors callers branch on: ErrLocked (another process holds the file), ErrNotHotseat (the
// file is not a hotseat database or is damaged; it is left untouched) and ErrNewerSchema
// (a newer hotseat wrote it; also left untouched). Their messages are whole sentences fit
// to show the candidate.
//
// A second Open of a file this process already has open behaves as if another process
// held it, ErrLocked after Timeout: flock locks belong to an open file, not to a process.
// Share one Store between goroutines instead.
func Open(path string, opts Options) (*Store, error) {
	return open(path, opts, migrations)
}

// open is Open with the migrations passed in, so tests can exercise upgrades.
func open(path string, opts Options, steps []migration) (*Store, error) {
	if path == "" {
		return nil, errors.New("open store: no path given")
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	known := uint64(len(steps))

	if !opts.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	}
	var writer *os.File
	if !opts.ReadOnly {
		var err error
		if writer, err = lockWriter(path, opts.Timeout); err != nil {
			return nil, err
		}
	}
	s, err := openLocked(path, opts, steps, known)
	if err != nil {
		if writer != nil {
			_ = writer.Close()
		}
		return nil, err
	}
	s.writer = writer
	return s, nil
}

// openLocked is open once the lock file is held (by a writer): the checks, the migrations,
// and then the file is let go until the first transaction.
func openLocked(path string, opts Options, steps []migration, known uint64) (*Store, error) {
	txOpts := bbolt.Options{Timeout: max(opts.Timeout, TxTimeout), NoSync: opts.NoSync, ReadOnly: opts.ReadOnly}
	info, err := os.Stat(path)
	switch {
	case err == nil && !info.Mode().IsRegular():
		// bbolt would happily "initialise" /dev/null or block on a FIFO.
		return nil, fmt.Errorf("open store %s: not a regular file", path)
	case err == nil && info.Size() > 0:
		// An existing file is inspected read-only first: bbolt may write to a file it opens
		// read-write (it syncs a missing freelist), and a file we do not recognise must
		// never be modified.
		ro, version, node, err := inspectFile(path, opts.Timeout, known)
		if err != nil {
			return nil, err
		}
		if opts.ReadOnly {
			if version != 0 && version < known {
				_ = ro.Close()
				return nil, &userError{
					msg:  fmt.Sprintf("open store %s: schema v%d needs upgrading to v%d; open it once without read-only", path, version, known),
					errs: []error{ErrNeedsUpgrade},
				}
			}
			if err := ro.Close(); err != nil {
				return nil, fmt.Errorf("open store %s: %w", path, err)
			}
			return &Store{path: path, now: opts.Now, readOnly: true, node: node, bolt: txOpts}, nil
		}
		// A damaged page passes the meta check but breaks the file under a write (a leaf on
		// the freelist is handed out again and overwritten): check the structure before any
		// write, and leave a damaged file untouched.
		if info.Size() <= maxCheckSize {
			if problems, err := checkStructure(ro, 1); err != nil || len(problems) > 0 {
				_ = ro.Close()
				return nil, notHotseat(path, errors.Join(append(problems, err)...))
			}
		}
		if err := ro.Close(); err != nil {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	case err == nil: // an empty file: bbolt initialises it, which only a writer can do
		if opts.ReadOnly {
			return nil, fmt.Errorf("open store %s: the file is empty; open it once without read-only", path)
		}
	case errors.Is(err, fs.ErrNotExist):
		if opts.ReadOnly {
			return nil, fmt.Errorf("open store %s: %w", path, err)
		}
	default:
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}

	s := &Store{path: path, now: opts.Now, bolt: txOpts, upgrading: opts.Upgrading}
	if err := s.prepare(steps); err != nil {
		return nil, err
	}
	return s, nil
}

// acquire opens the database file for a transaction, or shares the handle another goroutine
// of this process has open (a second open would conflict with it: flock locks belong to the
// open file description). release closes it when the last user is done, so that other
// processes can open it between transactions.
func (s *Store) acquire() (*bbolt.DB, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, fmt.Errorf("store %s is closed", s.path)
	}
	if s.db == nil {
		opts := s.bolt
		db, err := openBolt(s.path, &opts)
		if errors.Is(err, ErrLocked) {
			err = busyError(s.path, opts.Timeout)
		}
		if err != nil {
			return nil, err
		}
		s.db = db
	}
	s.refs++
	return s.db, nil
}

func (s *Store) release() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refs--
	if s.refs > 0 || holdFile && !s.closed {
		return nil
	}
	db := s.db
	s.db = nil
	if err := db.Close(); err != nil {
		return fmt.Errorf("close store %s: %w", s.path, err)
	}
	return nil
}

// maxCheckSize bounds the structural check at a read-write open: every page of a file this
// size is read in a few tens of milliseconds. A candidate's database stays far below it
// (a year of daily drills is about 2 MB); a larger file is checked by hotseat db check.
const maxCheckSize = 64 << 20

// checkStructure runs bbolt's consistency check (every page reachable once, none both in
// use and free, keys in order) and returns at most max of the problems it finds. A panic
// while reading a damaged page is a problem too.
func checkStructure(db *bbolt.DB, max int) (problems []error, err error) {
	defer func() {
		if r := recover(); r != nil {
			problems = append(problems, fmt.Errorf("reading a damaged page: %v", r))
		}
	}()
	err = db.View(func(tx *bbolt.Tx) error {
		for e := range tx.Check() {
			if len(problems) < max {
				problems = append(problems, e)
			}
		}
		return nil
	})
	return problems, err
}

// inspectFile opens an existing file read-only and checks that it is a hotseat database
// this binary can read. On success the read-only handle is returned open, holding a shared
// lock, so a read-only Store needs no second open.
func inspectFile(path string, timeout time.Duration, known uint64) (*bbolt.DB, uint64, [nodeLen]byte, error) {
	var version uint64
	var node [nodeLen]byte
	db, err := openBolt(path, &bbolt.Options{ReadOnly: true, Timeout: timeout})
	if err != nil {
		return nil, 0, node, err
	}
	s := &Store{db: db, path: path, refs: 1} // borrows db: refs never falls to 0, so it is never closed here
	err = s.view(nil, func(tx *bbolt.Tx) error {
		var err error
		version, node, err = inspect(tx, path, known)
		return err
	})
	if err != nil {
		_ = db.Close()
		return nil, 0, node, wrapOpen(path, err)
	}
	return db, version, node, nil
}

// openBolt is bbolt.Open that cannot crash the program on a damaged file. bbolt panics on
// pages it cannot make sense of, and a truncated file can fault inside the mmap; both mean
// a damaged file, reported as ErrNotHotseat. The file is opened through a hook so that a
// panic mid-open can still unlock and close it.
func openBolt(path string, opts *bbolt.Options) (db *bbolt.DB, err error) {
	var file *os.File
	opts.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
	defer func() {
		if p := recover(); p != nil {
			if file != nil {
				// bbolt's mmap of the file, if it got that far, stays until exit: a
				// read-only mapping, and only after a damaged file, so not worth more.
				unlock(file)
				_ = file.Close()
			}
			db, err = nil, notHotseat(path, fmt.Errorf("bbolt: %v", p))
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	db, err = bbolt.Open(path, 0o600, opts)
	if err != nil {
		return nil, openError(path, err)
	}
	return db, nil
}

// openError turns bbolt's open failures into the errors callers branch on. Operating-system
// errors (permissions, a missing directory) pass through; anything bbolt itself rejects
// means the bytes are not a database it can read.
func openError(path string, err error) error {
	var pathErr *fs.PathError
	var errno syscall.Errno
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return lockedError(path)
	case errors.As(err, &pathErr), errors.As(err, &errno):
		return fmt.Errorf("open store %s: %w", path, err)
	default:
		return notHotseat(path, err)
	}
}

// Path returns the file the store was opened from, as it was given to Open.
func (s *Store) Path() string { return s.path }

// Close releases the lock file. Transactions in flight finish first; later ones fail.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.db != nil && s.refs == 0 { // held between transactions (holdFile)
		db := s.db
		s.db = nil
		if err := db.Close(); err != nil {
			return fmt.Errorf("close store %s: %w", s.path, err)
		}
	}
	if s.writer != nil {
		err := s.writer.Close() // closing the descriptor drops its flock
		s.writer = nil
		if err != nil {
			return fmt.Errorf("close store %s: %w", s.path, err)
		}
	}
	return nil
}

// Hold keeps the database file open while fn runs, so that the transactions fn makes share
// one opening of it: home's six reads would otherwise map the file six times and fault its
// pages in again each time. Other processes wait for the file meanwhile, as
// they wait for a transaction: keep fn short.
func (s *Store) Hold(fn func() error) (err error) {
	if _, err := s.acquire(); err != nil {
		return err
	}
	defer func() { // also when fn panics: the file must not stay held
		if rerr := s.release(); err == nil {
			err = rerr
		}
	}()
	return fn()
}

// view runs fn in a read transaction, turning a bbolt panic on a damaged page into an error.
// user, when not nil, is set by the caller while it runs caller-supplied code: a panic there
// is the caller's bug and is passed on unchanged.
func (s *Store) view(user *bool, fn func(tx *bbolt.Tx) error) error {
	return s.transact(user, fn, (*bbolt.DB).View)
}

// update is view for a write transaction; bbolt rolls back on error or panic.
func (s *Store) update(user *bool, fn func(tx *bbolt.Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	return s.transact(user, fn, (*bbolt.DB).Update)
}

// transact runs fn in a transaction that run opens on the file, acquired for it.
func (s *Store) transact(user *bool, fn func(tx *bbolt.Tx) error, run func(*bbolt.DB, func(*bbolt.Tx) error) error) (err error) {
	db, err := s.acquire()
	if err != nil {
		return err
	}
	defer func() {
		if cerr := s.release(); err == nil {
			err = cerr
		}
	}()
	defer s.guard(&err, user)
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return run(db, fn)
}

// guard is deferred by view and update; see view.
func (s *Store) guard(err *error, user *bool) {
	p := recover()
	if p == nil {
		return
	}
	if user != nil && *user {
		panic(p)
	}
	*err = notHotseat(s.path, fmt.Errorf("bbolt: %v", p))
}

// Check runs the full structural check on the database at path, read-only and whatever its
// size, and returns the problems found (at most max; nil when the file is sound). An error
// means the file could not be checked at all: missing, locked, or not a hotseat database.
func Check(path string, max int) ([]error, error) {
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	db, err := s.acquire()
	if err != nil {
		return nil, err
	}
	defer s.release()
	return checkStructure(db, max)
}
