package claims

import (
	"fmt"
	"slices"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// TrendDays is the window of an audit's trend.
const TrendDays = 14

// What a claim needs to hold up: enough answers, and of the most recent ones (what the
// candidate can do now) most recalled, with the key points.
const (
	minReviews  = 5
	recentN     = 20
	minRecall   = 0.8
	minCoverage = 0.6
)

// Verdicts of an audit start with one of these, then say why.
const (
	VerdictHolds  = "holds up"
	VerdictAtRisk = "at risk"
)

// Row is the audit of one claim.
type Row struct {
	Claim     string    `json:"claim"`
	Tags      []string  `json:"tags"`
	Questions int       `json:"questions"` // distinct questions answered
	Reviews   int       `json:"reviews"`
	Recall    float64   `json:"recall"`        // share rated Good or Easy; 0 without reviews
	Recent    float64   `json:"recent_recall"` // the same over the last 20 answers, which decides the verdict
	Coverage  float64   `json:"coverage"`      // mean key-point coverage; -1 when unknown
	Daily     []int     `json:"daily"`         // answers per day over the trend window, today last
	Trend     string    `json:"trend"`         // "improving", "slipping", "steady" or "new"
	Verdict   string    `json:"verdict"`
	HoldsUp   bool      `json:"holds_up"`
	Since     time.Time `json:"since"`
}

// Audit measures, for each claim, how the candidate does on the questions its tags cover.
// reviews is the whole log, oldest first; days are calendar days in now's location.
func Audit(rs []Resolved, lib *pack.Library, reviews []store.Review, now time.Time) []Row {
	rows := make([]Row, len(rs))
	for i, r := range rs {
		var t tally
		seen := map[string]bool{}
		var claimed []store.Review
		for _, rv := range reviews {
			q := lib.Question(rv.Pack + "/" + rv.Question)
			if q == nil || !carriesAny(q, r.Tags) {
				continue
			}
			seen[q.Key()] = true
			t.add(rv)
			claimed = append(claimed, rv)
		}
		t.questions = len(seen)
		rows[i] = row(r, lib, t, claimed, now)
	}
	return rows
}

// tally is what a claim's answers add up to.
type tally struct {
	questions, reviews, good, covN int
	covSum                         float64
}

func (t *tally) add(rv store.Review) {
	t.reviews++
	if rv.Rating >= srs.Good {
		t.good++
	}
	if rv.Coverage >= 0 {
		t.covSum += rv.Coverage
		t.covN++
	}
}

// row is a claim's audit from its totals and its reviews in time order (all of them, or
// the latest of each question), which give the trend and the recent recall.
func row(r Resolved, lib *pack.Library, t tally, reviews []store.Review, now time.Time) Row {
	out := Row{Claim: r.Text, Tags: r.Tags, Coverage: -1, Daily: make([]int, TrendDays), Since: r.Added,
		Questions: t.questions, Reviews: t.reviews}
	today := store.DayNumber(now)
	var recent, earlier [2]int // [good, all] in the last 7 days and the 7 before
	var last []bool            // recalled or not, in order
	for _, rv := range reviews {
		ok := rv.Rating >= srs.Good
		last = append(last, ok)
		ago := today - store.DayNumber(rv.Time.In(now.Location()))
		if ago >= 0 && ago < TrendDays {
			out.Daily[TrendDays-1-ago]++
			bucket := &recent
			if ago >= TrendDays/2 {
				bucket = &earlier
			}
			bucket[1]++
			if ok {
				bucket[0]++
			}
		}
	}
	if t.reviews > 0 {
		out.Recall = float64(t.good) / float64(t.reviews)
	}
	if t.covN > 0 {
		out.Coverage = t.covSum / float64(t.covN)
	}
	if n := len(last); n > 0 {
		tail := last[max(0, n-recentN):]
		k := 0
		for _, ok := range tail {
			if ok {
				k++
			}
		}
		out.Recent = float64(k) / float64(len(tail))
	}
	out.Trend = trend(recent, earlier)
	out.HoldsUp = out.Reviews >= minReviews && out.Recent >= minRecall && (out.Coverage < 0 || out.Coverage >= minCoverage)
	out.Verdict = verdict(out, covering(lib, r.Tags))
	return out
}

// trend compares recall in the last seven days with the seven before.
func trend(recent, earlier [2]int) string {
	if recent[1] == 0 || earlier[1] == 0 {
		return "new"
	}
	d := float64(recent[0])/float64(recent[1]) - float64(earlier[0])/float64(earlier[1])
	switch {
	case d > 0.1:
		return "improving"
	case d < -0.1:
		return "slipping"
	}
	return "steady"
}

func carriesAny(q *pack.Question, tags []string) bool {
	for _, t := range tags {
		if q.HasTag(t) {
			return true
		}
	}
	return false
}

// verdict says whether a claim holds up and why, in the words the candidate can act on.
func verdict(row Row, questions int) string {
	pct := func(x float64) int { return int(x*100 + 0.5) }
	tail := min(row.Reviews, recentN)
	switch {
	case questions == 0:
		return VerdictAtRisk + ": no questions cover this: add tags or a pack"
	case row.Reviews < minReviews:
		return fmt.Sprintf("%s: not enough answers yet: %d of %d", VerdictAtRisk, row.Reviews, minReviews)
	case row.Recent < minRecall:
		return fmt.Sprintf("%s: recall %d%% on the last %d answers (needs %d%%)", VerdictAtRisk, pct(row.Recent), tail, pct(minRecall))
	case row.Coverage >= 0 && row.Coverage < minCoverage:
		return fmt.Sprintf("%s: key points %d%% (needs %d%%)", VerdictAtRisk, pct(row.Coverage), pct(minCoverage))
	}
	return fmt.Sprintf("%s: recall %d%% on the last %d answers", VerdictHolds, pct(row.Recent), tail)
}

// covering counts the questions that carry any of tags.
func covering(lib *pack.Library, tags []string) int {
	n := 0
	for _, q := range lib.Questions() {
		if carriesAny(q, tags) {
			n++
		}
	}
	return n
}

// Claimed are the keys of the questions the claims cover that have been answered: whose
// recent reviews AuditFrom needs.
func Claimed(rs []Resolved, lib *pack.Library, qs map[string]store.QStat) []string {
	var out []string
	for key, q := range qs {
		qq := lib.Question(key)
		if qq == nil || q.Reviews == 0 {
			continue
		}
		for _, r := range rs {
			if carriesAny(qq, r.Tags) {
				out = append(out, key)
				break
			}
		}
	}
	return out
}

// AuditFrom is Audit from the store's aggregates instead of the whole log: the totals
// (answers, recall, coverage) are exact; the trend and the last-20 recall that decides the
// verdict come from each question's latest store.RecentLen reviews (recent, by key, for the
// keys Claimed gives), which is the same unless one question was answered more than that
// many times among a claim's last 20 answers.
func AuditFrom(rs []Resolved, lib *pack.Library, qs map[string]store.QStat, recentByKey map[string][]store.Review, now time.Time) []Row {
	rows := make([]Row, len(rs))
	for i, r := range rs {
		var t tally
		var recent []store.Review
		for key, q := range qs {
			qq := lib.Question(key)
			if qq == nil || q.Reviews == 0 || !carriesAny(qq, r.Tags) {
				continue
			}
			t.questions++
			t.reviews += q.Reviews
			t.good += q.Good
			t.covSum += q.CovSum
			t.covN += q.CovN
			recent = append(recent, recentByKey[key]...)
		}
		slices.SortStableFunc(recent, func(a, b store.Review) int { return a.Time.Compare(b.Time) })
		rows[i] = row(r, lib, t, recent, now)
	}
	return rows
}
