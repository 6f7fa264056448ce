package store

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.etcd.io/bbolt"

	"github.com/hotseat/hotseat/internal/srs"
)

// t0 is the fixed instant tests start from; no test reads the real clock for data.
var t0 = time.Date(2026, 3, 14, 9, 26, 53, 589793238, time.UTC)

// fixedNow returns a clock that always says t.
func fixedNow(t time.Time) func() time.Time { return func() time.Time { return t } }

// openTest opens a fresh store in a temporary directory. NoSync keeps the suite fast; the
// few tests about durability reopen the file instead of relying on fsync.
func openTest(t testing.TB, opts Options) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "hotseat.db")
	opts.NoSync = true
	if opts.Now == nil {
		opts.Now = fixedNow(t0)
	}
	s, err := Open(path, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s, path
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// schemaOf reads the stored schema version with bbolt directly, bypassing the store.
func schemaOf(t *testing.T, path string) uint64 {
	t.Helper()
	db, err := bbolt.Open(path, 0o600, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v uint64
	err = db.View(func(tx *bbolt.Tx) error {
		v = binary.BigEndian.Uint64(tx.Bucket(metaBucket).Get(schemaKey))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenCreatesDirectoriesAndFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "hotseat.db")
	s, err := Open(path, Options{NoSync: true, Upgrading: func(from, to int) {
		t.Errorf("Upgrading(%d, %d) for a new file: there is nothing to upgrade", from, to)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	s.Close()
	for p, want := range map[string]os.FileMode{filepath.Dir(path): 0o700, path: 0o600} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		// The umask can only remove bits, so anything beyond want is a bug.
		if got := info.Mode().Perm(); got&^want != 0 {
			t.Errorf("%s: mode %v, want at most %v", p, got, want)
		}
	}
	if got := schemaOf(t, path); got != uint64(len(migrations)) {
		t.Errorf("schema = %d, want %d", got, len(migrations))
	}
}

func TestOpenRejectsBadPaths(t *testing.T) {
	dir := t.TempDir()
	for name, path := range map[string]string{"empty": "", "directory": dir, "device": os.DevNull} {
		t.Run(name, func(t *testing.T) {
			if s, err := Open(path, Options{}); err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
		})
	}
}

func TestOpenEmptyFilesAreInitialised(t *testing.T) {
	t.Run("zero bytes", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "hotseat.db")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		s, err := Open(path, Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if got := schemaOf(t, path); got != uint64(len(migrations)) {
			t.Errorf("schema = %d", got)
		}
	})
	t.Run("bbolt without buckets", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "hotseat.db")
		db, err := bbolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		s, err := Open(path, Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if got := schemaOf(t, path); got != uint64(len(migrations)) {
			t.Errorf("schema = %d", got)
		}
	})
}

// TestOpenForeignFileRefused checks that files hotseat did not write, or that are damaged,
// give ErrNotHotseat with the file's name, and are left byte for byte as they were.
func TestOpenForeignFileRefused(t *testing.T) {
	random := func(n int) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			b := make([]byte, n)
			rand.Read(b)
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
		}
	}
	boltWith := func(fill func(tx *bbolt.Tx) error) func(t *testing.T, path string) {
		return func(t *testing.T, path string) {
			db, err := bbolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if err := db.Update(fill); err != nil {
				t.Fatal(err)
			}
		}
	}
	hotseat := func(t *testing.T, path string) {
		s, err := Open(path, Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Record(Review{Pack: "p", Question: "q", Rating: 3, Coverage: -1}, cardAt(t0, 1)); err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	ps := os.Getpagesize() // bbolt's page size
	tests := []struct {
		name string
		make func(t *testing.T, path string)
		// readable: a read-only open still works. bbolt reads the freelist only to write,
		// so a damaged freelist leaves the data readable, a way to get it out.
		readable bool
	}{
		{"random 100 bytes", random(100), false},
		{"random 5000 bytes", random(5000), false},
		{"random 64 KiB", random(64 << 10), false},
		{"text", func(t *testing.T, path string) {
			os.WriteFile(path, bytes.Repeat([]byte("not a database\n"), 1000), 0o600)
		}, false},
		{"bbolt with a foreign bucket", boltWith(func(tx *bbolt.Tx) error {
			b, err := tx.CreateBucket([]byte("widgets"))
			if err != nil {
				return err
			}
			return b.Put([]byte("k"), []byte("v"))
		}), false},
		{"bbolt with a meta bucket but no schema", boltWith(func(tx *bbolt.Tx) error {
			_, err := tx.CreateBucket(metaBucket)
			return err
		}), false},
		{"hotseat with both meta pages wiped", func(t *testing.T, path string) {
			hotseat(t, path)
			b := readFile(t, path)
			copy(b, make([]byte, 2*ps))
			os.WriteFile(path, b, 0o600)
		}, false},
		{"hotseat truncated", func(t *testing.T, path string) {
			hotseat(t, path)
			os.WriteFile(path, readFile(t, path)[:ps+100], 0o600)
		}, false},
		{"hotseat with its freelist page damaged", func(t *testing.T, path string) {
			// Only a read-write open reads the freelist, so this one gets past the
			// read-only inspection and fails inside bbolt.Open itself.
			hotseat(t, path)
			b := readFile(t, path)
			freelist := binary.LittleEndian.Uint64(b[16+32:]) // page header 16, then magic, version, page size, flags, root bucket
			if other := b[ps:]; binary.LittleEndian.Uint64(other[16+48:]) > binary.LittleEndian.Uint64(b[16+48:]) {
				freelist = binary.LittleEndian.Uint64(other[16+32:])
			}
			binary.LittleEndian.PutUint16(b[int(freelist)*ps+8:], 0xdead) // the page type
			os.WriteFile(path, b, 0o600)
		}, true},
		{"hotseat with data pages scrambled", func(t *testing.T, path string) {
			hotseat(t, path)
			b := readFile(t, path)
			rand.Read(b[2*ps:])
			os.WriteFile(path, b, 0o600)
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "hotseat.db")
			tt.make(t, path)
			before := readFile(t, path)
			for _, ro := range []bool{false, true} {
				s, err := Open(path, Options{ReadOnly: ro})
				if ro && tt.readable {
					if err != nil {
						t.Fatalf("read-only Open: %v", err)
					}
					if n, err := s.ReviewCount(); n != 1 || err != nil {
						t.Errorf("read-only ReviewCount = %d, %v", n, err)
					}
					s.Close()
					continue
				}
				if err == nil {
					s.Close()
					t.Fatalf("ReadOnly=%v: Open succeeded", ro)
				}
				if !errors.Is(err, ErrNotHotseat) {
					t.Fatalf("ReadOnly=%v: error %v does not wrap ErrNotHotseat", ro, err)
				}
				want := path + " is not a hotseat database (or is damaged); move it aside or pass --db"
				if err.Error() != want {
					t.Errorf("message %q, want %q", err, want)
				}
			}
			if !bytes.Equal(readFile(t, path), before) {
				t.Error("Open modified the file")
			}
			assertUnlocked(t, path)
		})
	}
}

// TestOpenLockedByOtherProcess runs the test binary again as a child that opens a store
// this process holds. bbolt's flock is what stops a second hotseat, so only a second
// process shows the real behaviour.
func TestOpenLockedByOtherProcess(t *testing.T) {
	const env = "HOTSEAT_STORE_LOCK_CHILD"
	if path := os.Getenv(env); path != "" {
		start := time.Now()
		s, err := Open(path, Options{})
		if err == nil {
			s.Close()
		}
		reviews := -1
		if r, err := Open(path, Options{ReadOnly: true}); err == nil {
			reviews, _ = r.ReviewCount()
			r.Close()
		}
		fmt.Printf("CHILD locked=%v elapsed=%d reviews=%d msg=%v\n", errors.Is(err, ErrLocked), time.Since(start).Milliseconds(), reviews, err)
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}

	s, path := openTest(t, Options{})
	if _, err := s.Record(Review{Pack: "p", Question: "q", Rating: 3, Coverage: -1}, cardAt(t0, 1)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestOpenLockedByOtherProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), env+"="+path)
	start := time.Now()
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.CombinedOutput(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		<-done
		t.Fatal("child hung")
	}
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	total := time.Since(start)
	var line string
	for l := range strings.Lines(string(out)) {
		if strings.HasPrefix(l, "CHILD ") {
			line = strings.TrimSpace(l)
		}
	}
	var locked bool
	var elapsed int64
	var reviews int
	var msg string
	if _, err := fmt.Sscanf(line, "CHILD locked=%t elapsed=%d reviews=%d", &locked, &elapsed, &reviews); err != nil {
		t.Fatalf("child said %q: %v\n%s", line, err, out)
	}
	_, msg, _ = strings.Cut(line, "msg=")
	t.Logf("child finished in %v; its Open gave up after %d ms", total, elapsed)
	if !locked {
		t.Errorf("child error %q does not wrap ErrLocked", msg)
	}
	if want := "another hotseat is using " + path + "; close it or pass --db"; msg != want {
		t.Errorf("child message %q, want %q", msg, want)
	}
	if elapsed >= 2000 {
		t.Errorf("child waited %d ms for the lock, want under 2 s", elapsed)
	}
	if reviews != 1 {
		t.Errorf("a read-only child beside the writer read %d reviews, want 1", reviews)
	}

	// The holder is unaffected, and once it closes the file is free again.
	if _, err := s.Record(Review{Pack: "p", Question: "q", Rating: 3, Coverage: -1}, cardAt(t0, 1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(path, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	s2.Close()
}

// TestOpenTwiceInProcess documents what a second Open of the same file in the same process
// does: on Linux and macOS flock locks belong to the open file description, so a second
// read-write Open conflicts with the first exactly as another process would. It fails with
// ErrLocked after Options.Timeout, and leaves the first Store working. A read-only Open
// succeeds: the writer holds the database file only during its transactions.
func TestOpenTwiceInProcess(t *testing.T) {
	s, path := openTest(t, Options{})
	start := time.Now()
	s2, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	if err == nil {
		s2.Close()
		t.Fatal("second read-write Open succeeded")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("error %v does not wrap ErrLocked", err)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v with a 100ms timeout", d)
	}
	if _, err := s.Record(Review{Pack: "p", Question: "q", Rating: 3, Coverage: -1}, cardAt(t0, 1)); err != nil {
		t.Fatalf("first store after failed second Open: %v", err)
	}
	r, err := Open(path, Options{Timeout: 100 * time.Millisecond, ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open beside the writer: %v", err)
	}
	defer r.Close()
	if n, err := r.ReviewCount(); err != nil || n != 1 {
		t.Errorf("reader sees %d reviews (%v), want 1", n, err)
	}
	// The writer goes on beside the reader, and the reader sees its next answer.
	if _, err := s.Record(Review{Pack: "p", Question: "q", Rating: 3, Coverage: -1}, cardAt(t0, 2)); err != nil {
		t.Fatalf("writer beside a reader: %v", err)
	}
	if n, err := r.ReviewCount(); err != nil || n != 2 {
		t.Errorf("reader sees %d reviews (%v) after the second answer, want 2", n, err)
	}
}

func TestReadOnly(t *testing.T) {
	s, path := openTest(t, Options{})
	want := cardAt(t0, 2)
	if _, err := s.Record(Review{Pack: "p", Question: "q", Rating: 3, Coverage: -1}, want); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Readers share the lock with each other.
	r1, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r1.Close()
	r2, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r2.Close()

	if got, ok, err := r2.Card("p", "q"); err != nil || !ok || !cardsEqual(got, want) {
		t.Errorf("Card = %+v, %v, %v", got, ok, err)
	}
	if _, err := r1.Record(Review{Pack: "p", Question: "q", Rating: 3, Coverage: -1}, want); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Record on read-only store: %v, want ErrReadOnly", err)
	}
	if err := r1.PutSetting("k", 1); !errors.Is(err, ErrReadOnly) {
		t.Errorf("PutSetting on read-only store: %v, want ErrReadOnly", err)
	}
	if err := r1.Rebuild(func(string, []Review) srs.Card { return srs.Card{} }); !errors.Is(err, ErrReadOnly) {
		t.Errorf("Rebuild on read-only store: %v, want ErrReadOnly", err)
	}
	// Readers hold the file only while they read: a writer opens beside them, and they
	// see what it writes.
	w, err := Open(path, Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("read-write Open beside readers: %v", err)
	}
	if err := w.PutSetting("k", 7); err != nil {
		t.Fatal(err)
	}
	w.Close()
	var k int
	if ok, err := r1.GetSetting("k", &k); err != nil || !ok || k != 7 {
		t.Errorf("reader after the writer: k=%d %v %v", k, ok, err)
	}

	missing := filepath.Join(t.TempDir(), "none", "hotseat.db")
	if s, err := Open(missing, Options{ReadOnly: true}); !errors.Is(err, os.ErrNotExist) {
		if err == nil {
			s.Close()
		}
		t.Errorf("read-only Open of a missing file: %v, want ErrNotExist", err)
	}
	if _, err := os.Stat(filepath.Dir(missing)); !errors.Is(err, os.ErrNotExist) {
		t.Error("read-only Open created a directory")
	}
}

func TestMigrations(t *testing.T) {
	path := filepath.Join(t.TempDir(), "hotseat.db")
	v1 := migrations[:1]
	s, err := open(path, Options{NoSync: true}, v1)
	if err != nil {
		t.Fatal(err)
	}
	node := s.node
	if _, err := s.Record(Review{Pack: "p", Question: "q", Rating: 3, Coverage: -1}, cardAt(t0, 1)); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if got := schemaOf(t, path); got != 1 {
		t.Fatalf("schema after v1 = %d", got)
	}

	// Reopening a current file keeps its version, its node, and its bytes: no write.
	before := readFile(t, path)
	s, err = open(path, Options{NoSync: true}, v1)
	if err != nil {
		t.Fatal(err)
	}
	if s.node != node {
		t.Error("node changed on reopen")
	}
	s.Close()
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("reopening a current database wrote to it")
	}

	// A failing migration leaves the file exactly as it was.
	failing := append(v1[:1:1], func(tx *bbolt.Tx) error {
		if _, err := tx.CreateBucket([]byte("half-done")); err != nil {
			return err
		}
		return errors.New("boom")
	})
	if s, err := open(path, Options{NoSync: true}, failing); err == nil || !strings.Contains(err.Error(), "boom") {
		if err == nil {
			s.Close()
		}
		t.Fatalf("failing migration: %v", err)
	}
	if got := schemaOf(t, path); got != 1 {
		t.Fatalf("schema after failed migration = %d", got)
	}

	// Two pending migrations run once each, in order.
	var ran []int
	v3 := append(v1[:1:1],
		func(tx *bbolt.Tx) error {
			ran = append(ran, 2)
			_, err := tx.CreateBucket([]byte("claims"))
			return err
		},
		func(tx *bbolt.Tx) error { ran = append(ran, 3); return nil },
	)
	for range 2 {
		s, err = open(path, Options{NoSync: true}, v3)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := s.ReviewCount(); err != nil || n != 1 {
			t.Errorf("ReviewCount after migration = %d, %v", n, err)
		}
		s.Close()
	}
	if fmt.Sprint(ran) != "[2 3]" {
		t.Errorf("migrations ran %v, want [2 3]", ran)
	}
	if got := schemaOf(t, path); got != 3 {
		t.Fatalf("schema after v3 = %d", got)
	}

	// Now the file is newer than a v1 binary: refused, untouched, read-only too.
	before = readFile(t, path)
	for _, ro := range []bool{false, true} {
		s, err := open(path, Options{ReadOnly: ro}, v1)
		if err == nil {
			s.Close()
			t.Fatalf("ReadOnly=%v: opened a newer schema", ro)
		}
		if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "was written by a newer hotseat") ||
			!strings.Contains(err.Error(), path) {
			t.Errorf("ReadOnly=%v: error %q", ro, err)
		}
	}
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("opening a newer database wrote to it")
	}

	// A read-only open cannot migrate, and says so.
	if s, err := open(path, Options{ReadOnly: true}, append(v3[:3:3], func(*bbolt.Tx) error { return nil })); err == nil ||
		!strings.Contains(err.Error(), "without read-only") {
		if err == nil {
			s.Close()
		}
		t.Errorf("read-only open of an older schema: %v", err)
	}
}

// Hold keeps the file for the reads made inside it (a reader elsewhere waits for it, as for
// a transaction), passes fn's error on, and lets the file go when fn returns.
func TestHoldKeepsTheFileForItsReads(t *testing.T) {
	s, path := openTest(t, Options{})
	if _, err := s.Record(sampleReview("q1"), cardAt(t0, 1)); err != nil {
		t.Fatal(err)
	}
	readElsewhere := func() error {
		r, err := Open(path, Options{ReadOnly: true, Timeout: 50 * time.Millisecond})
		if err != nil {
			return err
		}
		defer r.Close()
		_, err = r.ReviewCount()
		return err
	}
	errStop := errors.New("stop")
	err := s.Hold(func() error {
		if n, err := s.ReviewCount(); err != nil || n != 1 {
			t.Errorf("ReviewCount inside Hold = %d, %v", n, err)
		}
		if cards, err := s.Cards(); err != nil || len(cards) != 1 {
			t.Errorf("Cards inside Hold = %d, %v", len(cards), err)
		}
		if err := readElsewhere(); !errors.Is(err, ErrLocked) {
			t.Errorf("a reader elsewhere during Hold: %v, want ErrLocked after its timeout", err)
		}
		return errStop
	})
	if !errors.Is(err, errStop) {
		t.Errorf("Hold returned %v, want fn's error", err)
	}
	if err := readElsewhere(); err != nil {
		t.Errorf("a reader once Hold returned: %v", err)
	}
	// A panic inside fn is the caller's to handle, and it lets the file go too.
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a panic inside Hold was swallowed")
			}
		}()
		_ = s.Hold(func() error { panic("a bug in the caller") })
	}()
	if err := readElsewhere(); err != nil {
		t.Errorf("a reader after a panic inside Hold: %v", err)
	}
}
