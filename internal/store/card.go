package store

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"go.etcd.io/bbolt"

	"github.com/hotseat/hotseat/internal/srs"
)

// Key is the store's name for one question: "pack/question". Pack names must not contain
// a slash (the question may), so the first slash always splits the two.
func Key(pack, question string) string { return pack + "/" + question }

// cardEncoding is the first byte of every stored card. Card states are read 10,000 at a
// time at the start of every session, so they use a small binary form rather than JSON;
// the byte lets the form change without a migration rewriting every card.
const cardEncoding = 1

// appendCard encodes c after b. Integers are varints (small and never out of range on
// decode), floats their IEEE bits, and times Unix seconds plus nanoseconds with a presence
// byte, because the zero time.Time has no Unix nanosecond value.
func appendCard(b []byte, c srs.Card) []byte {
	b = append(b, cardEncoding)
	b = binary.AppendVarint(b, int64(c.State))
	b = binary.AppendVarint(b, int64(c.Step))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(c.Stability))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(c.Difficulty))
	b = appendTime(b, c.Due)
	b = appendTime(b, c.LastReview)
	b = binary.AppendVarint(b, int64(c.Reps))
	b = binary.AppendVarint(b, int64(c.Lapses))
	return b
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.AppendVarint(b, t.Unix())
	return binary.AppendUvarint(b, uint64(t.Nanosecond()))
}

var errShortCard = errors.New("card record is truncated")

// decodeCard is the inverse of appendCard. It never panics: the bytes come from a file the
// candidate may have damaged.
func decodeCard(b []byte) (srs.Card, error) {
	if len(b) == 0 {
		return srs.Card{}, errShortCard
	}
	if b[0] != cardEncoding {
		return srs.Card{}, fmt.Errorf("card encoding %d is unknown", b[0])
	}
	d := decoder{b: b[1:]}
	var c srs.Card
	c.State = srs.State(d.varint())
	c.Step = int(d.varint())
	c.Stability = math.Float64frombits(d.uint64())
	c.Difficulty = math.Float64frombits(d.uint64())
	c.Due = d.time()
	c.LastReview = d.time()
	c.Reps = int(d.varint())
	c.Lapses = int(d.varint())
	if d.bad {
		return srs.Card{}, errShortCard
	}
	return c, nil
}

// decoder reads the card encoding, remembering the first failure so the caller checks once.
type decoder struct {
	b   []byte
	bad bool
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) uint64() uint64 {
	if len(d.b) < 8 {
		d.bad, d.b = true, nil
		return 0
	}
	v := binary.BigEndian.Uint64(d.b)
	d.b = d.b[8:]
	return v
}

func (d *decoder) time() time.Time {
	if len(d.b) == 0 {
		d.bad = true
		return time.Time{}
	}
	present := d.b[0]
	d.b = d.b[1:]
	if present == 0 {
		return time.Time{}
	}
	sec := d.varint()
	nsec := d.uvarint()
	if nsec >= 1e9 {
		d.bad = true
		return time.Time{}
	}
	return time.Unix(sec, int64(nsec))
}

// Card returns the stored state of one question. The bool is false for a question never
// reviewed, whose state is the zero (new) srs.Card.
func (s *Store) Card(pack, question string) (srs.Card, bool, error) {
	var c srs.Card
	var found bool
	key := Key(pack, question)
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(cardsBucket)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(key))
		if v == nil {
			return nil
		}
		var err error
		c, err = decodeCard(v)
		found = err == nil
		return err
	})
	if err != nil {
		return srs.Card{}, false, fmt.Errorf("read card %s from %s: %w", key, s.path, err)
	}
	return c, found, nil
}

// Cards returns the state of every question reviewed so far, by Key. Questions missing
// from the map are new.
func (s *Store) Cards() (map[string]srs.Card, error) {
	var cards map[string]srs.Card
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(cardsBucket)
		if b == nil {
			cards = map[string]srs.Card{}
			return nil
		}
		// Sizing the map up front saves rehashing, the largest cost of a big load.
		cards = make(map[string]srs.Card, b.Stats().KeyN)
		return eachCard(b, func(k []byte, c srs.Card) error {
			cards[string(k)] = c
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read cards from %s: %w", s.path, err)
	}
	return cards, nil
}

// EachCard calls f with every stored card state and its key, in key order, in one read
// transaction: figures counted over the cards without a map of them all (home's). key is
// valid only during the call. An error from f stops the walk and is returned.
func (s *Store) EachCard(f func(key []byte, c srs.Card) error) error {
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(cardsBucket)
		if b == nil {
			return nil
		}
		return eachCard(b, f)
	})
	if err != nil {
		return fmt.Errorf("read cards from %s: %w", s.path, err)
	}
	return nil
}

// eachCard decodes every card of the cards bucket b for f, in key order.
func eachCard(b *bbolt.Bucket, f func(key []byte, c srs.Card) error) error {
	return b.ForEach(func(k, v []byte) error {
		c, err := decodeCard(v)
		if err != nil {
			return fmt.Errorf("card %q: %w", k, err)
		}
		return f(k, c)
	})
}

// DueCards returns the keys of the stored cards due at or before now, most overdue first
// (ties by key, so the order is stable). New questions are not stored and so never
// listed: which of those to introduce is the planner's choice.
func (s *Store) DueCards(now time.Time) ([]string, error) {
	type due struct {
		key string
		at  time.Time
	}
	var list []due
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(cardsBucket)
		if b == nil {
			return nil
		}
		return eachCard(b, func(k []byte, c srs.Card) error {
			if !c.Due.After(now) {
				list = append(list, due{string(k), c.Due})
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read due cards from %s: %w", s.path, err)
	}
	slices.SortFunc(list, func(a, b due) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.key, b.key))
	})
	keys := make([]string, len(list))
	for i, d := range list {
		keys[i] = d.key
	}
	return keys, nil
}
