package store

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"go.etcd.io/bbolt"
)

// Bucket names. The meta bucket has a name no other program is likely to use, because its
// presence is how Open tells a hotseat database from somebody else's bbolt file.
var (
	metaBucket     = []byte("hotseat")
	cardsBucket    = []byte("cards")
	reviewsBucket  = []byte("reviews")
	settingsBucket = []byte("settings")
)

// Keys in the meta bucket.
var (
	schemaKey = []byte("schema") // uint64, big-endian: number of migrations applied
	nodeKey   = []byte("node")   // nodeLen random bytes, made once when the file is created
)

// A migration moves the schema up one version. All pending migrations run in the one
// transaction that also records the new version, so a crash or an error leaves the file
// exactly as it was.
type migration func(tx *bbolt.Tx) error

// migrations[i] upgrades schema version i to i+1; the schema this binary writes is
// len(migrations). Append only: a released migration never changes, because files out
// there have already been through it. (v2's step, rebuildAggregates, now writes v3's
// layout: it never runs without v3's, which counts again from the log.)
var migrations = []migration{
	// v1: the buckets of the first release.
	func(tx *bbolt.Tx) error {
		for _, name := range [][]byte{cardsBucket, reviewsBucket, settingsBucket} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return fmt.Errorf("create bucket %s: %w", name, err)
			}
		}
		return nil
	},
	// v2: aggregates of the log (agg.go), counted from the reviews already there, so that
	// start-up no longer reads every review.
	rebuildAggregates,
	// v3: each question's aggregate points to its recent reviews in the log instead of
	// holding copies of them (1.3 KB a question, read at every start). Counted again from
	// the log, which v2's aggregates came from too. A v1 file goes through both steps in one
	// transaction, counting twice: those files are from before aggregates existed, and few.
	rebuildAggregates,
}

// Schema is the schema version this binary writes.
func Schema() int { return len(migrations) }

// inspect reports the schema version and node of the database in tx, and whether this
// binary may use it. Version 0 is an empty bbolt file, which Open initialises.
func inspect(tx *bbolt.Tx, path string, known uint64) (version uint64, node [nodeLen]byte, err error) {
	meta := tx.Bucket(metaBucket)
	if meta == nil {
		// An empty bbolt file is ours to take; one holding buckets belongs to someone else.
		foreign := errors.New("no hotseat meta bucket, but other buckets")
		if tx.ForEach(func([]byte, *bbolt.Bucket) error { return foreign }) != nil {
			return 0, node, notHotseat(path, foreign)
		}
		return 0, node, nil
	}
	v := meta.Get(schemaKey)
	if len(v) != 8 {
		return 0, node, notHotseat(path, fmt.Errorf("schema version is %d bytes, want 8", len(v)))
	}
	version = binary.BigEndian.Uint64(v)
	if version > known {
		return version, node, newerSchema(path, version, known)
	}
	n := meta.Get(nodeKey)
	if len(n) != nodeLen {
		return 0, node, notHotseat(path, fmt.Errorf("node id is %d bytes, want %d", len(n), nodeLen))
	}
	copy(node[:], n)
	return version, node, nil
}

// prepare brings a freshly opened read-write database up to the schema in steps and loads
// the node id. A database already current costs one read transaction and no write (a
// committed write would fsync on every start).
func (s *Store) prepare(steps []migration) error {
	known := uint64(len(steps))
	var version uint64
	err := s.view(nil, func(tx *bbolt.Tx) error {
		var err error
		version, s.node, err = inspect(tx, s.path, known)
		return err
	})
	if err != nil {
		return wrapOpen(s.path, err)
	}
	if version == known {
		return nil
	}
	if version > 0 && s.upgrading != nil {
		s.upgrading(int(version), int(known))
	}
	err = s.update(nil, func(tx *bbolt.Tx) error {
		// Checked again inside the write transaction, which is the one that counts.
		version, node, err := inspect(tx, s.path, known)
		if err != nil {
			return err
		}
		meta := tx.Bucket(metaBucket)
		if meta == nil {
			if meta, err = tx.CreateBucket(metaBucket); err != nil {
				return fmt.Errorf("create meta bucket: %w", err)
			}
			// The node tells this database's reviews from those of the candidate's other
			// machines when logs are merged; 48 random bits make a clash negligible.
			if _, err := rand.Read(node[:]); err != nil {
				return fmt.Errorf("make node id: %w", err)
			}
			if err := meta.Put(nodeKey, node[:]); err != nil {
				return fmt.Errorf("write node id: %w", err)
			}
		}
		for v := version; v < known; v++ {
			if err := steps[v](tx); err != nil {
				return fmt.Errorf("migrate schema v%d to v%d: %w", v, v+1, err)
			}
		}
		if err := meta.Put(schemaKey, binary.BigEndian.AppendUint64(nil, known)); err != nil {
			return fmt.Errorf("write schema version: %w", err)
		}
		s.node = node
		return nil
	})
	return wrapOpen(s.path, err)
}

// wrapOpen adds context to err unless it is already a sentence for the candidate.
func wrapOpen(path string, err error) error {
	var ue *userError
	if err == nil || errors.As(err, &ue) {
		return err
	}
	return fmt.Errorf("open store %s: %w", path, err)
}
