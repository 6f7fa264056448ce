package store

import (
	"fmt"
	"os"
	"strings"
	"sync/atomic"

	"go.etcd.io/bbolt"
)

// The structural check at a read-write open reads every page of the file: 12 ms and a 48 MB
// mapping with a year of history, on every start. It looks for damage that hotseat did
// not make (a copy taken mid-write, a sync tool, a disk), so it is skipped for a file
// exactly as hotseat left it: a writer that closes cleanly writes into its lock file the
// file's size, modification time, inode and the id of its last transaction, as they were
// after its own last write (or its open's check), and an open that finds all four
// unchanged trusts that check. Any write since (by hotseat, by bbolt elsewhere or by any
// tool) changes the time and, through bbolt, the transaction id; a change made while the
// writer ran means no mark is left at all. A crash leaves the mark of an earlier close,
// which no longer matches once the file was written. Where there is no lock file (not
// unix) the check always runs.

// markPrefix starts the mark; a lock file holding anything else is no mark.
const markPrefix = "hotseat verified v1"

// structureChecks counts the structural checks run, for tests.
var structureChecks atomic.Int64

// mark describes the file at path as its transaction txid left it, or "" when it cannot be
// told (the file is gone, or the platform has no inode).
func mark(path string, txid int) string {
	info, err := os.Stat(path)
	if err != nil {
		return ""
	}
	ino, ok := inode(info)
	if !ok {
		return ""
	}
	return fmt.Sprintf("%s size=%d mtime=%d inode=%d txid=%d\n", markPrefix, info.Size(), info.ModTime().UnixNano(), ino, txid)
}

// markedUnchanged reports whether the lock file holds the mark of the file as it is now,
// at transaction txid.
func markedUnchanged(lock *os.File, path string, txid int) bool {
	if lock == nil {
		return false
	}
	buf := make([]byte, 256)
	n, _ := lock.ReadAt(buf, 0)
	got := string(buf[:n])
	want := mark(path, txid)
	return want != "" && strings.HasPrefix(got, markPrefix) && got == want
}

// writeMark leaves mark m in the lock file, at a clean close. It is a hint: when it cannot
// be written, the next open checks the file.
func writeMark(lock *os.File, m string) {
	if lock == nil || m == "" {
		return
	}
	if err := lock.Truncate(0); err == nil {
		_, _ = lock.WriteAt([]byte(m), 0)
	}
}

// lastTxid is the id of the last committed transaction of db.
func lastTxid(db *bbolt.DB) (int, error) {
	var id int
	err := db.View(func(tx *bbolt.Tx) error {
		id = tx.ID()
		return nil
	})
	return id, err
}
