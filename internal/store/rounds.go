package store

import (
	"fmt"

	"go.etcd.io/bbolt"
)

// roundsBucket holds mock interview rounds: an id that sorts in time order to the round's
// report as JSON (package interview owns its shape). A round is written after every
// answer, so a crash loses no graded answer. Like seen, the bucket is created by its first
// write rather than by a migration: older databases gain it when a round is first saved,
// and an older hotseat ignores it.
var roundsBucket = []byte("rounds")

// Round is a saved round: its id and its report as JSON.
type Round struct {
	ID   string
	JSON []byte
}

// PutRound saves (or replaces) the round with this id.
func (s *Store) PutRound(id string, report []byte) error {
	if id == "" {
		return fmt.Errorf("save round to %s: no id", s.path)
	}
	err := s.update(nil, func(tx *bbolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(roundsBucket)
		if err != nil {
			return err
		}
		return b.Put([]byte(id), report)
	})
	if err != nil {
		return fmt.Errorf("save round %s to %s: %w", id, s.path, err)
	}
	return nil
}

// Rounds returns every saved round, oldest first.
func (s *Store) Rounds() ([]Round, error) {
	var out []Round
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(roundsBucket)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			out = append(out, Round{ID: string(k), JSON: append([]byte(nil), v...)})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read rounds from %s: %w", s.path, err)
	}
	return out, nil
}

// GetRound returns the round with this id; ok is false when there is none.
func (s *Store) GetRound(id string) (r Round, ok bool, err error) {
	err = s.view(nil, func(tx *bbolt.Tx) error {
		if b := tx.Bucket(roundsBucket); b != nil {
			if v := b.Get([]byte(id)); v != nil {
				r, ok = Round{ID: id, JSON: append([]byte(nil), v...)}, true
			}
		}
		return nil
	})
	if err != nil {
		return Round{}, false, fmt.Errorf("read round %s from %s: %w", id, s.path, err)
	}
	return r, ok, nil
}
