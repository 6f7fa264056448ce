package interview

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/store"
)

// DrillNextSetting is the store setting that holds the questions rounds queued for the
// daily drill (drill.Planner.Priority).
const DrillNextSetting = "round_drill_next"

// NewID is a round id that sorts in time order: the start, to the second, in UTC.
func NewID(started time.Time) string { return started.UTC().Format("20060102T150405") }

// Save writes the round (after every answer: a crash loses none).
func Save(st *store.Store, rep Report) error {
	raw, err := json.Marshal(rep)
	if err != nil {
		return fmt.Errorf("save round %s: %w", rep.ID, err)
	}
	return st.PutRound(rep.ID, raw)
}

// Load reads every saved round, oldest first. A round that cannot be read is reported
// with its id; the others are still returned.
func Load(st *store.Store) ([]Report, error) {
	rs, err := st.Rounds()
	if err != nil {
		return nil, err
	}
	var out []Report
	var bad error
	for _, r := range rs {
		var rep Report
		if err := json.Unmarshal(r.JSON, &rep); err != nil {
			bad = fmt.Errorf("round %s cannot be read (%v); the others can", r.ID, err)
			continue
		}
		out = append(out, rep)
	}
	return out, bad
}

// Get reads one round; ok is false when there is none with this id.
func Get(st *store.Store, id string) (Report, bool, error) {
	r, ok, err := st.GetRound(id)
	if err != nil || !ok {
		return Report{}, ok, err
	}
	var rep Report
	if err := json.Unmarshal(r.JSON, &rep); err != nil {
		return Report{}, true, fmt.Errorf("round %s cannot be read: %w", id, err)
	}
	return rep, true, nil
}

// Queued reads the questions rounds queued for the daily drill.
func Queued(st *store.Store) ([]drill.Priority, error) {
	var q []drill.Priority
	_, err := st.GetSetting(DrillNextSetting, &q)
	return q, err
}

// Queue adds a round's drill-next questions to the daily drill's queue, keeping the last
// 30 entries.
func Queue(st *store.Store, items []DrillItem, since time.Time) ([]drill.Priority, error) {
	q, err := Queued(st)
	if err != nil {
		return nil, err
	}
	for _, it := range items {
		q = append(q, drill.Priority{Key: it.Key, Since: since})
	}
	if len(q) > 30 {
		q = q[len(q)-30:]
	}
	return q, st.PutSetting(DrillNextSetting, q)
}

// Trend is how the competency scores moved across rounds, for the progress screen.
type Trend struct {
	Rounds  int
	Last    string    // the latest round's verdict
	LastAt  time.Time // and when it started
	Scores  map[Competency][]int
	Verdict []string // every round's verdict, oldest first
}

// TrendOf summarises rounds, oldest first. Rounds left before their third answer are left
// out: they say little about anything.
func TrendOf(reps []Report) Trend {
	t := Trend{Scores: map[Competency][]int{}}
	for _, r := range reps {
		if len(r.Answers) < 3 {
			continue
		}
		t.Rounds++
		t.Last, t.LastAt = r.Scorecard.Verdict, r.Started
		t.Verdict = append(t.Verdict, r.Scorecard.Verdict)
		for _, s := range r.Scorecard.Scores {
			t.Scores[s.Competency] = append(t.Scores[s.Competency], s.Score)
		}
	}
	return t
}
