package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"go.etcd.io/bbolt"
)

// Salvaged is what Salvage could copy: keys per bucket, and the buckets it could not read
// to the end.
type Salvaged struct {
	Keys    map[string]int
	Damaged []string
}

// salvageBuckets are the buckets Salvage copies, in order. cards and seen are derived
// from the log but copied too: they are what the candidate sees as progress.
var salvageBuckets = [][]byte{metaBucket, reviewsBucket, cardsBucket, settingsBucket, seenBucket, synonymsBucket, roundsBucket}

// Salvage copies every key that can still be read from the database at src into a new
// database at dst, which must not exist: for a file that Open refuses as damaged. src is
// only read. A bucket is read in key order until its end or the first damaged page; the
// buckets cut short are named in Damaged.
func Salvage(src, dst string) (Salvaged, error) {
	res := Salvaged{Keys: map[string]int{}}
	if _, err := os.Stat(dst); err == nil {
		return res, fmt.Errorf("%s already exists: give a new file for the rebuilt database", dst)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return res, err
	}
	if info, err := os.Stat(src); err != nil || !info.Mode().IsRegular() {
		return res, fmt.Errorf("cannot read %s: not a regular file", src)
	}
	db, err := openBolt(src, &bbolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return res, fmt.Errorf("cannot read %s at all (%v): its first pages are damaged too", src, err)
	}
	defer db.Close()
	type kv struct{ k, v []byte }
	copied := map[string][]kv{}
	read := func(tx *bbolt.Tx, name []byte) (damaged bool) {
		defer func() {
			if recover() != nil {
				damaged = true
			}
		}()
		b := tx.Bucket(name)
		if b == nil {
			return false
		}
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if v == nil {
				continue // a nested bucket: hotseat writes none
			}
			copied[string(name)] = append(copied[string(name)], kv{append([]byte(nil), k...), append([]byte(nil), v...)})
		}
		return false
	}
	tx, err := db.Begin(false)
	if err != nil {
		return res, fmt.Errorf("cannot read %s: %w", src, err)
	}
	for _, name := range salvageBuckets {
		if read(tx, name) {
			res.Damaged = append(res.Damaged, string(name))
		}
		res.Keys[string(name)] = len(copied[string(name)])
	}
	_ = tx.Rollback()
	if res.Keys[string(metaBucket)] == 0 {
		return res, fmt.Errorf("%s holds no readable hotseat data: nothing to rebuild", src)
	}
	out, err := openBolt(dst, &bbolt.Options{Timeout: time.Second})
	if err != nil {
		return res, err
	}
	err = out.Update(func(tx *bbolt.Tx) error {
		for _, name := range salvageBuckets {
			if len(copied[string(name)]) == 0 && string(name) != string(metaBucket) {
				continue
			}
			b, err := tx.CreateBucketIfNotExists(name)
			if err != nil {
				return err
			}
			for _, p := range copied[string(name)] {
				if err := b.Put(p.k, p.v); err != nil {
					return err
				}
			}
		}
		for _, name := range [][]byte{cardsBucket, reviewsBucket, settingsBucket} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		// The aggregates are recounted from the reviews that could be read, never copied:
		// they must agree with the log as rebuilt, not with the damaged one.
		if err := rebuildAggregates(tx); err != nil {
			return err
		}
		// They are counted in this version's layout, so the file is marked with this
		// version's schema: migrations have changed only the aggregates so far. A file
		// marked older would hold aggregates its own release cannot read.
		meta := tx.Bucket(metaBucket)
		if v := meta.Get(schemaKey); len(v) == 8 && binary.BigEndian.Uint64(v) > uint64(len(migrations)) {
			return fmt.Errorf("%s was written by a newer hotseat (schema v%d, this one knows up to v%d): salvage it with that version", src, binary.BigEndian.Uint64(v), len(migrations))
		}
		return meta.Put(schemaKey, binary.BigEndian.AppendUint64(nil, uint64(len(migrations))))
	})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(dst)
		return res, fmt.Errorf("write %s: %w", dst, err)
	}
	return res, nil
}
