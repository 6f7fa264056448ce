package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"github.com/hotseat/hotseat/internal/srs"
)

// Aggregates of the review log, kept up to date in the transaction of every Record and
// Undo and rebuilt from the log by Rebuild and the v2 migration, so that start-up reads
// O(questions + hours) instead of every review. The log stays the source of truth: every
// aggregate can be recomputed from it (rebuildAggregates, which Rebuild and the v2 migration run).
var (
	// question key -> QStat (binary, fixed width) then the log keys of its latest RecentLen
	// reviews: one value, so that a rating writes one page for them. The reviews themselves
	// stay in the log only; start-up reads the fixed part (schema v3: before, the value held
	// copies of the recent reviews as JSON, 1.3 KB a question that every start read).
	qstatsBucket = []byte("agg_questions")
	hoursBucket  = []byte("agg_hours") // unix hour, 8 bytes big-endian -> Hour
)

// RecentLen is how many of a question's latest reviews are kept beside its QStat: the
// reveal's earlier answers, and the claims audit's trend.
const RecentLen = 5

// MatureDays is the gap, in calendar days since the question's previous review, from which
// a review counts as one of a mature question (as in Anki); from one day it is young.
const MatureDays = 21

// QStat is what the log says of one question.
type QStat struct {
	Reviews int
	First   time.Time // its first review
	Last    time.Time // its latest review
	Good    int       // rated Good or Easy
	CovSum  float64
	CovN    int // reviews with a known coverage
	// Retention: reviews a day or more after the previous one, passed (Hard or better), of a
	// mature question (MatureDays or more since) and a young one.
	MaturePassed int
	MatureTotal  int
	YoungPassed  int
	YoungTotal   int
}

// Hour is the log's activity in one clock hour: counted by the hour, so that any time zone's
// days can be made of them.
type Hour struct {
	Reviews int
	Seconds float64 // time spent answering
	New     int     // first reviews of a question
}

// DayNumber counts calendar days in t's location, so that consecutive dates differ by one
// whatever the daylight-saving shifts. stats and claims count days with it too.
func DayNumber(t time.Time) int64 {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
}

// Retention says how a review rated rating, gap calendar days after its question's
// previous review, counts in true retention: not at all under a day, as one of a mature
// question from MatureDays, else of a young one; passed when rated Hard or better. The one
// rule for the aggregates (QStat) and for stats counted from the whole log.
func Retention(gap int64, rating srs.Rating) (counted, mature, passed bool) {
	return gap >= 1, gap >= MatureDays, rating >= srs.Hard
}

// count adds n (1, or -1 to take it back) to q's retention counts for a review rated
// rating, gap days after the one before it.
func (q *QStat) count(gap int64, rating srs.Rating, n int) {
	counted, mature, passed := Retention(gap, rating)
	switch {
	case !counted:
	case mature:
		q.MatureTotal += n
		if passed {
			q.MaturePassed += n
		}
	default:
		q.YoungTotal += n
		if passed {
			q.YoungPassed += n
		}
	}
}

// add counts review r, the question's latest, into q.
func (q *QStat) add(r Review) {
	if q.Reviews > 0 {
		q.count(DayNumber(r.Time.Local())-DayNumber(q.Last.Local()), r.Rating, 1)
	} else {
		q.First = r.Time
	}
	q.Reviews++
	q.Last = r.Time
	if r.Rating >= srs.Good {
		q.Good++
	}
	if r.Coverage >= 0 {
		q.CovSum += r.Coverage
		q.CovN++
	}
}

// remove takes back add(r) for r, the question's latest review, prev the one before it.
func (q *QStat) remove(r, prev Review) {
	q.count(DayNumber(r.Time.Local())-DayNumber(prev.Time.Local()), r.Rating, -1)
	q.Reviews--
	q.Last = prev.Time
	if r.Rating >= srs.Good {
		q.Good--
	}
	if r.Coverage >= 0 {
		q.CovSum -= r.Coverage
		q.CovN--
	}
}

// refillRecent makes a question's recent review keys what keepRecent would have kept had
// the latest never been given: while the question has that many, the one before the
// oldest comes back from the log, read backwards from it.
func refillRecent(tx *bbolt.Tx, keys [][]byte, total int, pack, question string) ([][]byte, error) {
	if len(keys) == 0 || len(keys) >= min(total, RecentLen) {
		return keys, nil
	}
	c := tx.Bucket(reviewsBucket).Cursor()
	c.Seek(keys[0])
	for k, v := c.Prev(); k != nil; k, v = c.Prev() {
		rv, err := decodeReview(k, v)
		if err != nil {
			return nil, err
		}
		if rv.Pack == pack && rv.Question == question {
			return append([][]byte{bytes.Clone(k)}, keys...), nil
		}
	}
	return keys, nil
}

// keepRecent appends review key k to a question's latest, keeping RecentLen.
func keepRecent(keys [][]byte, k []byte) [][]byte {
	keys = append(keys, k)
	if len(keys) > RecentLen {
		keys = slices.Clone(keys[len(keys)-RecentLen:])
	}
	return keys
}

// reviewAt reads the review under key k from the log.
func reviewAt(tx *bbolt.Tx, k []byte) (Review, error) {
	v := tx.Bucket(reviewsBucket).Get(k)
	if v == nil {
		return Review{}, fmt.Errorf("review %x is in the aggregates but not in the log: hotseat db rebuild NEW.db copies the database with its aggregates recounted", k)
	}
	return decodeReview(k, v)
}

// qstatLen is the fixed part of a question's aggregate value.
const qstatLen = 1 + 10*8

// recentKeys returns the review keys that follow the fixed part of a question's aggregate
// value v (copies: v belongs to the transaction).
func recentKeys(key, v []byte) ([][]byte, error) {
	rest := v[qstatLen:]
	if len(rest)%reviewKey != 0 || len(rest)/reviewKey > RecentLen {
		return nil, fmt.Errorf("aggregate of %s: %d bytes of recent review keys", key, len(rest))
	}
	keys := make([][]byte, 0, len(rest)/reviewKey)
	for ; len(rest) > 0; rest = rest[reviewKey:] {
		keys = append(keys, bytes.Clone(rest[:reviewKey]))
	}
	return keys, nil
}

func hourKey(hour int64) []byte { return binary.BigEndian.AppendUint64(nil, uint64(hour)) }

// hourOf numbers the clock hour of t since the Unix epoch.
func hourOf(t time.Time) int64 { return t.Unix() / 3600 }

// hourStart is when the hour of key k starts.
func hourStart(k []byte) time.Time { return time.Unix(int64(binary.BigEndian.Uint64(k))*3600, 0) }

func encodeHour(h Hour) []byte {
	v := make([]byte, 24)
	binary.BigEndian.PutUint64(v, uint64(h.Reviews))
	binary.BigEndian.PutUint64(v[8:], math.Float64bits(h.Seconds))
	binary.BigEndian.PutUint64(v[16:], uint64(h.New))
	return v
}

func decodeHour(v []byte) (Hour, error) {
	if len(v) != 24 {
		return Hour{}, fmt.Errorf("hour aggregate is %d bytes, want 24", len(v))
	}
	return Hour{Reviews: int(binary.BigEndian.Uint64(v)), Seconds: math.Float64frombits(binary.BigEndian.Uint64(v[8:])),
		New: int(binary.BigEndian.Uint64(v[16:]))}, nil
}

// addHour adds n reviews (negative: takes them back) to r's hour.
func addHour(tx *bbolt.Tx, r Review, n int, isNew bool) error {
	b, err := tx.CreateBucketIfNotExists(hoursBucket)
	if err != nil {
		return err
	}
	k := hourKey(hourOf(r.Time))
	var h Hour
	if v := b.Get(k); v != nil {
		if h, err = decodeHour(v); err != nil {
			return err
		}
	}
	h.Reviews += n
	h.Seconds += float64(n) * r.Seconds
	if isNew {
		h.New += n
	}
	if h.Reviews <= 0 {
		return b.Delete(k)
	}
	return b.Put(k, encodeHour(h))
}

// qstatEncoding starts every QStat value, so that a later layout can be told apart. 1 (schema
// v2) had the recent reviews as JSON after the fixed part; 2 (v3) has their keys.
const qstatEncoding = 2

// encodeQStat writes a QStat as fixed-width fields, then the keys of the question's recent
// reviews: start-up decodes the fixed part of every question, several times faster than
// JSON.
func encodeQStat(q QStat, recent [][]byte) []byte {
	v := make([]byte, 1, qstatLen+reviewKey*len(recent))
	v[0] = qstatEncoding
	for _, x := range []uint64{uint64(q.Reviews), uint64(q.First.UnixNano()), uint64(q.Last.UnixNano()), uint64(q.Good),
		math.Float64bits(q.CovSum), uint64(q.CovN), uint64(q.MaturePassed), uint64(q.MatureTotal), uint64(q.YoungPassed), uint64(q.YoungTotal)} {
		v = binary.BigEndian.AppendUint64(v, x)
	}
	for _, k := range recent {
		v = append(v, k...)
	}
	return v
}

func decodeQStat(key, v []byte) (QStat, error) {
	if len(v) < qstatLen || v[0] != qstatEncoding {
		return QStat{}, fmt.Errorf("aggregate of %s: unknown encoding", key)
	}
	f := func(i int) uint64 { return binary.BigEndian.Uint64(v[1+8*i:]) }
	return QStat{Reviews: int(f(0)), First: time.Unix(0, int64(f(1))), Last: time.Unix(0, int64(f(2))), Good: int(f(3)),
		CovSum: math.Float64frombits(f(4)), CovN: int(f(5)), MaturePassed: int(f(6)), MatureTotal: int(f(7)),
		YoungPassed: int(f(8)), YoungTotal: int(f(9))}, nil
}

func getQStat(b *bbolt.Bucket, key string) (QStat, [][]byte, error) {
	v := b.Get([]byte(key))
	if v == nil {
		return QStat{}, nil, nil
	}
	q, err := decodeQStat([]byte(key), v)
	if err != nil {
		return QStat{}, nil, err
	}
	ks, err := recentKeys([]byte(key), v)
	return q, ks, err
}

func putQStat(b *bbolt.Bucket, key string, q QStat, recent [][]byte) error {
	return b.Put([]byte(key), encodeQStat(q, recent))
}

// aggregateRecord counts r, just appended to the log under key k, in the aggregates.
func aggregateRecord(tx *bbolt.Tx, k []byte, r Review) error {
	b, err := tx.CreateBucketIfNotExists(qstatsBucket)
	if err != nil {
		return err
	}
	key := Key(r.Pack, r.Question)
	q, recent, err := getQStat(b, key)
	if err != nil {
		return err
	}
	isNew := q.Reviews == 0
	q.add(r)
	if err := putQStat(b, key, q, keepRecent(recent, bytes.Clone(k))); err != nil {
		return err
	}
	return addHour(tx, r, 1, isNew)
}

// aggregateUndo takes r, just removed from the log, out of the aggregates. Undo comes just
// after the rating, so r is almost always its question's latest review: then its counts
// are taken back using the review before it, which the question's recent keys find in
// the log, without reading all of it (a recount did: 94 ms at 20,000 reviews). Otherwise
// the question is recounted from the log.
func aggregateUndo(tx *bbolt.Tx, r Review) error {
	b, err := tx.CreateBucketIfNotExists(qstatsBucket)
	if err != nil {
		return err
	}
	key := Key(r.Pack, r.Question)
	q, recent, err := getQStat(b, key)
	if err != nil {
		return err
	}
	rk, err := hex.DecodeString(r.ID)
	if err != nil {
		return fmt.Errorf("review id %q: %w", r.ID, err)
	}
	if n := len(recent); n > 0 && bytes.Equal(recent[n-1], rk) && (q.Reviews == 1 || n >= 2) {
		if q.Reviews == 1 {
			if err := b.Delete([]byte(key)); err != nil {
				return err
			}
			return addHour(tx, r, -1, true)
		}
		prev, err := reviewAt(tx, recent[n-2])
		if err != nil {
			return err
		}
		q.remove(r, prev)
		if recent, err = refillRecent(tx, recent[:n-1], q.Reviews, r.Pack, r.Question); err != nil {
			return err
		}
		if err := putQStat(b, key, q, recent); err != nil {
			return err
		}
		return addHour(tx, r, -1, false)
	}
	q, recent = QStat{}, nil
	err = tx.Bucket(reviewsBucket).ForEach(func(k, v []byte) error {
		rv, err := decodeReview(k, v)
		if err != nil {
			return err
		}
		if Key(rv.Pack, rv.Question) == key {
			q.add(rv)
			recent = keepRecent(recent, bytes.Clone(k))
		}
		return nil
	})
	if err != nil {
		return err
	}
	isNew := q.Reviews == 0 || r.Time.Before(q.First)
	if q.Reviews == 0 {
		err = b.Delete([]byte(key))
	} else {
		err = putQStat(b, key, q, recent)
	}
	if err != nil {
		return err
	}
	if err := addHour(tx, r, -1, isNew); err != nil {
		return err
	}
	if isNew && q.Reviews > 0 {
		// r was the question's first review and others remain: the earliest of them is
		// now its first, and its hour counts the question as new.
		return addNew(tx, q.First, 1)
	}
	return nil
}

// addNew counts n more first reviews in the hour of t, which has reviews.
func addNew(tx *bbolt.Tx, t time.Time, n int) error {
	b := tx.Bucket(hoursBucket)
	k := hourKey(hourOf(t))
	v := b.Get(k)
	if v == nil {
		return fmt.Errorf("no hour aggregate for %v, which has a review", t)
	}
	h, err := decodeHour(v)
	if err != nil {
		return err
	}
	h.New += n
	return b.Put(k, encodeHour(h))
}

// rebuildAggregates recounts every aggregate from the log.
func rebuildAggregates(tx *bbolt.Tx) error {
	for _, name := range [][]byte{qstatsBucket, hoursBucket} {
		if err := tx.DeleteBucket(name); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
			return err
		}
	}
	qs := map[string]*QStat{}
	recent := map[string][][]byte{}
	hours := map[int64]*Hour{}
	reviews := tx.Bucket(reviewsBucket)
	if reviews == nil {
		return errors.New("buckets missing")
	}
	err := reviews.ForEach(func(k, v []byte) error {
		r, err := decodeReview(k, v)
		if err != nil {
			return err
		}
		key := Key(r.Pack, r.Question)
		q := qs[key]
		if q == nil {
			q = &QStat{}
			qs[key] = q
		}
		hk := hourOf(r.Time)
		h := hours[hk]
		if h == nil {
			h = &Hour{}
			hours[hk] = h
		}
		if q.Reviews == 0 {
			h.New++
		}
		h.Reviews++
		h.Seconds += r.Seconds
		q.add(r)
		recent[key] = keepRecent(recent[key], bytes.Clone(k))
		return nil
	})
	if err != nil {
		return err
	}
	qb, err := tx.CreateBucket(qstatsBucket)
	if err != nil {
		return err
	}
	for key, q := range qs {
		if err := putQStat(qb, key, *q, recent[key]); err != nil {
			return err
		}
	}
	hb, err := tx.CreateBucket(hoursBucket)
	if err != nil {
		return err
	}
	hb.FillPercent = 1
	for _, hk := range slices.Sorted(maps.Keys(hours)) {
		if err := hb.Put(hourKey(hk), encodeHour(*hours[hk])); err != nil {
			return err
		}
	}
	return nil
}

// QStats reads every question's aggregate, by question key.
func (s *Store) QStats() (map[string]QStat, error) {
	out := map[string]QStat{}
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(qstatsBucket)
		if b == nil {
			return nil
		}
		out = make(map[string]QStat, b.Stats().KeyN)
		return b.ForEach(func(k, v []byte) error {
			q, err := decodeQStat(k, v)
			if err != nil {
				return err
			}
			out[string(k)] = q
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read aggregates from %s: %w", s.path, err)
	}
	return out, nil
}

// Recent reads the latest RecentLen reviews of each of keys (oldest first) from the log,
// where the aggregates point; a key with none is left out, and so is a review the log no
// longer holds.
func (s *Store) Recent(keys []string) (map[string][]Review, error) {
	out := make(map[string][]Review, len(keys))
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(qstatsBucket)
		if b == nil {
			return nil
		}
		for _, k := range keys {
			v := b.Get([]byte(k))
			if v == nil {
				continue
			}
			if _, err := decodeQStat([]byte(k), v); err != nil {
				return err
			}
			rks, err := recentKeys([]byte(k), v)
			if err != nil {
				return err
			}
			reviews := tx.Bucket(reviewsBucket)
			for _, rk := range rks {
				v := reviews.Get(rk)
				if v == nil {
					// Not in the log (which only Undo and Rebuild change, with the
					// aggregates): earlier answers are a help on screen, not worth failing
					// home over. hotseat db rebuild recounts the aggregates from the log.
					continue
				}
				r, err := decodeReview(rk, v)
				if err != nil {
					return err
				}
				out[k] = append(out[k], r)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read recent reviews from %s: %w", s.path, err)
	}
	return out, nil
}

// HourAt is the activity of the clock hour that starts at Start.
type HourAt struct {
	Start time.Time
	Hour
}

// Hours returns every hour with reviews, oldest first.
func (s *Store) Hours() ([]HourAt, error) {
	var out []HourAt
	err := s.view(nil, func(tx *bbolt.Tx) error {
		b := tx.Bucket(hoursBucket)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			h, err := decodeHour(v)
			if err != nil {
				return err
			}
			out = append(out, HourAt{hourStart(k), h})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read hour aggregates from %s: %w", s.path, err)
	}
	return out, nil
}
