package store

import (
	"encoding/json"
	"errors"
	"fmt"

	"go.etcd.io/bbolt"
)

// GetSetting decodes the JSON value stored under key into v, which must be a pointer. The
// bool is false, and v untouched, when the setting was never stored, so callers keep their
// default by filling v before the call.
func (s *Store) GetSetting(key string, v any) (bool, error) {
	var raw []byte
	err := s.view(nil, func(tx *bbolt.Tx) error {
		if b := tx.Bucket(settingsBucket); b != nil {
			// Copied: bbolt's slices are valid only inside the transaction.
			raw = append([]byte(nil), b.Get([]byte(key))...)
		}
		return nil
	})
	if err == nil && len(raw) > 0 {
		err = json.Unmarshal(raw, v)
	}
	if err != nil {
		return false, fmt.Errorf("read setting %q from %s: %w", key, s.path, err)
	}
	return len(raw) > 0, nil
}

// PutSetting stores v as JSON under key, replacing any earlier value. Settings are JSON,
// not binary, because they are few, read once, and change shape as features arrive.
func (s *Store) PutSetting(key string, v any) error {
	if key == "" {
		return fmt.Errorf("write setting to %s: %w", s.path, errors.New("empty key"))
	}
	raw, err := json.Marshal(v)
	if err == nil {
		err = s.update(nil, func(tx *bbolt.Tx) error {
			b := tx.Bucket(settingsBucket)
			if b == nil {
				return errors.New("buckets missing")
			}
			return b.Put([]byte(key), raw)
		})
	}
	if err != nil {
		return fmt.Errorf("write setting %q to %s: %w", key, s.path, err)
	}
	return nil
}
