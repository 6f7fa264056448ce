package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/hotseat/hotseat/internal/srs"
)

// Review is one graded answer: an entry of the append-only log from which every card state
// can be rebuilt. It records what the candidate did, not what the scheduler concluded, so
// the log stays valid when the scheduler or its parameters change.
type Review struct {
	// ID is unique across the candidate's machines and sorts in time order; Record
	// assigns it. Logs from two machines merge as a union by ID.
	ID       string
	Time     time.Time  // when the rating was given; Record fills it from the clock if zero
	Pack     string     // pack name, without a slash
	Question string     // question id within the pack
	Rating   srs.Rating // the rating the candidate settled on
	Seconds  float64    // time taken to answer
	Limit    float64    // the time limit, in seconds; 0 when untimed
	Coverage float64    // share of key points covered, 0..1; -1 when unknown
	Aloud    bool       // answered aloud: Coverage comes from the candidate's own ticks
	Overtime bool       // the answer ran past Limit
	Answer   string     // the typed answer, kept so later scorers can re-grade it
	Reason   string     // why it was asked: "due", "new", "claim", "follow-up", or empty
	// Fingerprint is the question's pack.Question.Fingerprint when it was asked, so that a
	// later edit of the pack can be told apart from the version the candidate rated.
	// Empty when unknown (reviews recorded before fingerprints existed).
	Fingerprint string
}

// Review keys are 16 bytes: Unix nanoseconds (big-endian, so bbolt's byte order is time
// order), the database's random node, and a counter that separates reviews stamped in the
// same nanosecond. The ID is the key in hex, which sorts the same way.
const (
	nodeLen   = 6
	seqLen    = 2
	reviewKey = 8 + nodeLen + seqLen
)

// reviewEncoding is the first byte of every stored review. Reviews are read rarely (stats,
// rebuilds), so the body is JSON: fields can be added without a migration, and the byte
// leaves room for a different body later.
const reviewEncoding = 1

// reviewV1 is the JSON body of reviewEncoding 1. The ID is not in it: it is the key.
type reviewV1 struct {
	Time     time.Time `json:"time"`
	Pack     string    `json:"pack"`
	Question string    `json:"question"`
	Rating   int       `json:"rating"`
	Seconds  float64   `json:"seconds"`
	Limit    float64   `json:"limit,omitempty"`
	Coverage float64   `json:"coverage"`
	Aloud    bool      `json:"aloud,omitempty"`
	Overtime bool      `json:"overtime,omitempty"`
	Answer   string    `json:"answer,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	// Fingerprint was added after the first release; omitempty keeps older bodies as they
	// were, and older binaries ignore the field.
	Fingerprint string `json:"fingerprint,omitempty"`
}

// The times a review key can hold: Unix nanoseconds fit an int64 from 1970 to 2262.
var (
	minReviewTime = time.Unix(0, 0)
	maxReviewTime = time.Unix(0, math.MaxInt64)
)

func encodeReview(r Review) ([]byte, error) {
	body, err := json.Marshal(reviewV1{
		Time: r.Time, Pack: r.Pack, Question: r.Question, Rating: int(r.Rating),
		Seconds: r.Seconds, Limit: r.Limit, Coverage: r.Coverage, Aloud: r.Aloud,
		Overtime: r.Overtime, Answer: r.Answer, Reason: r.Reason, Fingerprint: r.Fingerprint,
	})
	if err != nil {
		return nil, err
	}
	return append([]byte{reviewEncoding}, body...), nil
}

func decodeReview(k, v []byte) (Review, error) {
	if len(k) != reviewKey {
		return Review{}, fmt.Errorf("review key %x is %d bytes, want %d", k, len(k), reviewKey)
	}
	if len(v) == 0 || v[0] != reviewEncoding {
		return Review{}, fmt.Errorf("review %x: unknown encoding", k)
	}
	var b reviewV1
	if err := json.Unmarshal(v[1:], &b); err != nil {
		return Review{}, fmt.Errorf("review %x: %w", k, err)
	}
	return Review{
		ID: hex.EncodeToString(k), Time: b.Time, Pack: b.Pack, Question: b.Question,
		Rating: srs.Rating(b.Rating), Seconds: b.Seconds, Limit: b.Limit, Coverage: b.Coverage,
		Aloud: b.Aloud, Overtime: b.Overtime, Answer: b.Answer, Reason: b.Reason,
		Fingerprint: b.Fingerprint,
	}, nil
}

// validate rejects reviews that could not be replayed or encoded, before anything is
// written: a bad entry in the source of truth would poison every rebuild after it.
func (r Review) validate() error {
	finite := func(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
	switch {
	case r.ID != "":
		return errors.New("review already has an ID; Record assigns it")
	case r.Pack == "" || strings.Contains(r.Pack, "/"):
		return fmt.Errorf("pack name %q must be non-empty and without a slash", r.Pack)
	case r.Question == "":
		return errors.New("question id is empty")
	case !r.Rating.Valid():
		return fmt.Errorf("rating %d is not Again, Hard, Good or Easy", int(r.Rating))
	case !finite(r.Seconds) || r.Seconds < 0:
		return fmt.Errorf("seconds %v must be zero or more", r.Seconds)
	case !finite(r.Limit) || r.Limit < 0:
		return fmt.Errorf("limit %v must be zero or more", r.Limit)
	case r.Coverage != -1 && !(r.Coverage >= 0 && r.Coverage <= 1):
		return fmt.Errorf("coverage %v must be within 0..1, or -1 when unknown", r.Coverage)
	case r.Time.Before(minReviewTime) || r.Time.After(maxReviewTime):
		return fmt.Errorf("time %v is outside 1970..2262", r.Time)
	}
	return nil
}

// Record appends r to the review log and stores card as the new state of r's question, in
// one transaction that is synced to disk before Record returns: once it returns, the grade
// survives a crash, and the log and the card state never disagree.
//
// r.ID must be empty. A zero r.Time is set from the store's clock. Record returns r with
// its ID and Time filled in.
func (s *Store) Record(r Review, card srs.Card) (Review, error) {
	if r.Time.IsZero() {
		// Round(0) drops the monotonic reading, so the review returned equals the one read
		// back later.
		r.Time = s.now().Round(0)
	}
	if err := r.validate(); err != nil {
		return Review{}, fmt.Errorf("record review of %s in %s: %w", Key(r.Pack, r.Question), s.path, err)
	}
	value, err := encodeReview(r)
	if err != nil {
		return Review{}, fmt.Errorf("record review of %s in %s: %w", Key(r.Pack, r.Question), s.path, err)
	}
	err = s.update(nil, func(tx *bbolt.Tx) error {
		reviews, cards := tx.Bucket(reviewsBucket), tx.Bucket(cardsBucket)
		if reviews == nil || cards == nil {
			return errors.New("buckets missing")
		}
		// Keys arrive almost always in order, so fuller pages waste less space.
		reviews.FillPercent = 0.9
		key := s.nextReviewKey(reviews.Cursor(), uint64(r.Time.UnixNano()))
		if err := reviews.Put(key, value); err != nil {
			return err
		}
		if err := cards.Put([]byte(Key(r.Pack, r.Question)), appendCard(nil, card)); err != nil {
			return err
		}
		if err := putSeen(tx, Key(r.Pack, r.Question), r.Fingerprint); err != nil {
			return err
		}
		r.ID = hex.EncodeToString(key)
		return aggregateRecord(tx, key, r)
	})
	if err != nil {
		return Review{}, fmt.Errorf("record review of %s in %s: %w", Key(r.Pack, r.Question), s.path, err)
	}
	return r, nil
}

// nextReviewKey returns the first free key for a review at nanos from this node: counter 0,
// or one past the highest counter already used in that nanosecond. Reading the counter
// from the file, inside the write transaction, keeps keys unique across goroutines and
// restarts without any state in memory. When a nanosecond's counters run out the key moves
// to the next nanosecond, which keeps it unique and in order.
func (s *Store) nextReviewKey(c *bbolt.Cursor, nanos uint64) []byte {
	key := make([]byte, reviewKey)
	for {
		binary.BigEndian.PutUint64(key, nanos)
		copy(key[8:], s.node[:])
		prefix := key[:8+nodeLen]
		for i := range seqLen {
			key[8+nodeLen+i] = 0xff
		}
		k, _ := c.Seek(key)
		if bytes.Equal(k, key) {
			nanos++ // every counter of this nanosecond is taken
			continue
		}
		if k == nil {
			k, _ = c.Last()
		} else {
			k, _ = c.Prev()
		}
		var seq uint16
		if len(k) == reviewKey && bytes.HasPrefix(k, prefix) {
			seq = binary.BigEndian.Uint16(k[8+nodeLen:]) + 1
		}
		binary.BigEndian.PutUint16(key[8+nodeLen:], seq)
		return key
	}
}

// Reviews calls fn for every review, oldest first, and stops at the first error fn returns,
// passing it back. fn runs inside a read transaction: it must not write to the store (a
// writer may need to wait for that transaction to finish).
func (s *Store) Reviews(fn func(Review) error) error {
	if err := s.reviewsFrom(nil, fn); err != nil {
		return fmt.Errorf("read reviews from %s: %w", s.path, err)
	}
	return nil
}

// ReviewsSince is Reviews starting at the first review at or after t. It seeks rather than
// scans, so reading the last day of a long history is cheap.
func (s *Store) ReviewsSince(t time.Time, fn func(Review) error) error {
	var start []byte
	switch {
	case t.After(maxReviewTime):
		return nil
	case !t.Before(minReviewTime):
		start = binary.BigEndian.AppendUint64(nil, uint64(t.UnixNano()))
	}
	if err := s.reviewsFrom(start, fn); err != nil {
		return fmt.Errorf("read reviews since %s from %s: %w", t.Format(time.RFC3339), s.path, err)
	}
	return nil
}

func (s *Store) reviewsFrom(start []byte, fn func(Review) error) error {
	var inFn bool
	return s.view(&inFn, func(tx *bbolt.Tx) error {
		b := tx.Bucket(reviewsBucket)
		if b == nil {
			return nil
		}
		c := b.Cursor()
		var k, v []byte
		if start == nil {
			k, v = c.First()
		} else {
			k, v = c.Seek(start)
		}
		for ; k != nil; k, v = c.Next() {
			r, err := decodeReview(k, v)
			if err != nil {
				return err
			}
			inFn = true
			err = fn(r)
			inFn = false
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// ReviewCount returns the number of reviews in the log.
func (s *Store) ReviewCount() (int, error) {
	// The hour aggregates count the log in the transaction of every rating: O(hours) to
	// read rather than every page of the log (5,614 pages, 23 MB, at 67,368 reviews).
	hours, err := s.Hours()
	if err != nil {
		return 0, fmt.Errorf("count reviews in %s: %w", s.path, err)
	}
	n := 0
	for _, h := range hours {
		n += h.Reviews
	}
	return n, nil
}

// Rebuild replaces every stored card state with one replayed from the review log, in one
// transaction: after a scheduler change, a parameter fit, or a merge of logs. replay gets
// each question's Key and its reviews oldest first, and returns the card's state; passing
// the scheduler in keeps this package free of it. Cards with no reviews are dropped, since
// the log is the source of truth. The fingerprints Seen reports are rebuilt from the log too.
//
// replay runs inside the write transaction, which blocks other writers; it must not call
// the Store.
func (s *Store) Rebuild(replay func(key string, reviews []Review) srs.Card) error {
	return s.RebuildWithSetting("", nil, replay)
}

// RebuildWithSetting is Rebuild that also stores setting key as PutSetting would (v nil
// deletes it) in the same transaction: a new scheduler's parameters and the cards
// scheduled with them are committed together or not at all. An empty key stores nothing.
func (s *Store) RebuildWithSetting(key string, v any, replay func(key string, reviews []Review) srs.Card) error {
	var raw []byte
	if key != "" && v != nil {
		var err error
		if raw, err = json.Marshal(v); err != nil {
			return fmt.Errorf("rebuild cards in %s: setting %q: %w", s.path, key, err)
		}
	}
	var inReplay bool
	err := s.update(&inReplay, func(tx *bbolt.Tx) error {
		if key != "" {
			settings := tx.Bucket(settingsBucket)
			if settings == nil {
				return errors.New("buckets missing")
			}
			var err error
			if raw != nil {
				err = settings.Put([]byte(key), raw)
			} else {
				err = settings.Delete([]byte(key))
			}
			if err != nil {
				return err
			}
		}
		reviews := tx.Bucket(reviewsBucket)
		if reviews == nil {
			return errors.New("buckets missing")
		}
		byKey := map[string][]Review{}
		err := reviews.ForEach(func(k, v []byte) error {
			r, err := decodeReview(k, v)
			if err != nil {
				return err
			}
			key := Key(r.Pack, r.Question)
			byKey[key] = append(byKey[key], r)
			return nil
		})
		if err != nil {
			return err
		}
		if err := rebuildSeen(tx, byKey); err != nil {
			return err
		}
		if err := rebuildAggregates(tx); err != nil {
			return err
		}
		if err := tx.DeleteBucket(cardsBucket); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
		cards, err := tx.CreateBucket(cardsBucket)
		if err != nil {
			return err
		}
		// Sorted keys fill pages in order, and make any replay side effects repeatable.
		keys := slices.Sorted(maps.Keys(byKey))
		cards.FillPercent = 1
		for _, key := range keys {
			inReplay = true
			c := replay(key, byKey[key])
			inReplay = false
			// A fresh slice each time: bbolt keeps values until the commit.
			if err := cards.Put([]byte(key), appendCard(nil, c)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("rebuild cards in %s: %w", s.path, err)
	}
	return nil
}

// Undo takes back review r, which Record returned: it is removed from the log, and the
// question's card state and seen fingerprint go back to what they were before it (prev nil:
// the question had no state, it was new; prevSeen empty: no fingerprint), in one synced
// transaction. It is the candidate's "I pressed the wrong rating": the log never keeps a
// rating its owner took back. A review that is not in the log (already undone) is an error,
// and changes nothing.
func (s *Store) Undo(r Review, prev *srs.Card, prevSeen string) error {
	key, err := hex.DecodeString(r.ID)
	if err != nil || len(key) != reviewKey {
		return fmt.Errorf("undo review %q of %s: not a review id", r.ID, Key(r.Pack, r.Question))
	}
	err = s.update(nil, func(tx *bbolt.Tx) error {
		reviews, cards := tx.Bucket(reviewsBucket), tx.Bucket(cardsBucket)
		if reviews == nil || cards == nil {
			return errors.New("buckets missing")
		}
		v := reviews.Get(key)
		if v == nil {
			return errors.New("it is not in the log")
		}
		stored, err := decodeReview(key, v)
		if err != nil {
			return err
		}
		if stored.Pack != r.Pack || stored.Question != r.Question {
			return fmt.Errorf("the log has %s under that id", Key(stored.Pack, stored.Question))
		}
		if err := reviews.Delete(key); err != nil {
			return err
		}
		ck := []byte(Key(r.Pack, r.Question))
		if prev == nil {
			err = cards.Delete(ck)
		} else {
			err = cards.Put(ck, appendCard(nil, *prev))
		}
		if err != nil {
			return err
		}
		if err := putSeen(tx, Key(r.Pack, r.Question), prevSeen); err != nil {
			return err
		}
		// The stored review, not r: its time and seconds are what the aggregates counted.
		return aggregateUndo(tx, stored)
	})
	if err != nil {
		return fmt.Errorf("undo review of %s in %s: %w", Key(r.Pack, r.Question), s.path, err)
	}
	return nil
}
