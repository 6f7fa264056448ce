package store

import (
	"errors"
	"fmt"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// seenBucket maps Key(pack, question) to the fingerprint the question had when it was last
// reviewed (the Fingerprint of its latest review). Like the card states it is derived from
// the log and kept for speed: Record writes it in the review's transaction and Rebuild
// replays it. It is created by the first write that needs it rather than by a migration, so
// adding it did not raise the schema version (an older hotseat can still open the file and
// simply ignores the bucket).
var seenBucket = []byte("seen")

// Seen returns, by Key, the fingerprint each question had when it was last reviewed.
// Questions never reviewed, or last reviewed before fingerprints were recorded, are
// missing. Comparing it with pack.Question.Fingerprint tells which questions changed since
// the candidate last saw them.
func (s *Store) Seen() (map[string]string, error) {
	var seen map[string]string
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(seenBucket)
		if b == nil {
			seen = map[string]string{}
			return nil
		}
		seen = make(map[string]string, b.Stats().KeyN)
		return b.ForEach(func(k, v []byte) error {
			seen[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read seen fingerprints from %s: %w", s.path, err)
	}
	return seen, nil
}

// SeenOf returns, of the questions keys, those last reviewed with a fingerprint and that
// fingerprint (see Seen): what the trainer reads, in one transaction, for the questions of
// the set it starts, rather than holding every question's.
func (s *Store) SeenOf(keys []string) (map[string]string, error) {
	seen := make(map[string]string, len(keys))
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(seenBucket)
		if b == nil {
			return nil
		}
		for _, k := range keys {
			if v := b.Get([]byte(k)); v != nil {
				seen[k] = string(v)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read seen fingerprints from %s: %w", s.path, err)
	}
	return seen, nil
}

// putSeen records fingerprint as the last one seen for key, inside a write transaction.
// An empty fingerprint (a caller that does not know it) forgets the old one, so Seen never
// reports a version older than the latest review.
func putSeen(tx *bbolt.Tx, key, fingerprint string) error {
	b := tx.Bucket(seenBucket)
	if b == nil {
		if fingerprint == "" {
			return nil
		}
		var err error
		if b, err = tx.CreateBucket(seenBucket); err != nil {
			return fmt.Errorf("create bucket %s: %w", seenBucket, err)
		}
	}
	if fingerprint == "" {
		return b.Delete([]byte(key))
	}
	return b.Put([]byte(key), []byte(fingerprint))
}

// rebuildSeen replaces the seen bucket with the fingerprints of each question's latest
// review; byKey holds every review by Key, oldest first.
func rebuildSeen(tx *bbolt.Tx, byKey map[string][]Review) error {
	if err := tx.DeleteBucket(seenBucket); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
		return err
	}
	for key, rs := range byKey {
		if len(rs) == 0 {
			continue
		}
		if err := putSeen(tx, key, rs[len(rs)-1].Fingerprint); err != nil {
			return err
		}
	}
	return nil
}
