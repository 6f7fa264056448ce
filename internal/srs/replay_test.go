package srs

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// reviewLogPath is the review log of fsrs.md (12,580 reviews, MIT licensed by Open Spaced
// Repetition: see fsrs-review-log.LICENSE beside it), kept in the repository so that the
// test needs nothing outside it.
var reviewLogPath = filepath.Join("testdata", "fsrs-review-log.csv")

// logReview is one row of the review log.
type logReview struct {
	card   int64
	rating Rating
	at     time.Time
}

// loadReviewLog reads the review log, sorted by card and then time. A missing file fails
// the test or benchmark.
func loadReviewLog(tb testing.TB) []logReview {
	tb.Helper()
	f, err := os.Open(reviewLogPath)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatalf("read %s: %v", reviewLogPath, err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], []string{"card_id", "review_rating", "review_time", "review_duration"}) {
		tb.Fatalf("%s: unexpected header %v", reviewLogPath, rows[:min(len(rows), 1)])
	}
	log := make([]logReview, 0, len(rows)-1)
	for i, row := range rows[1:] {
		rv, err := parseLogRow(row)
		if err != nil {
			tb.Fatalf("%s line %d: %v", reviewLogPath, i+2, err)
		}
		log = append(log, rv)
	}
	slices.SortStableFunc(log, func(a, b logReview) int {
		return cmp.Or(cmp.Compare(a.card, b.card), a.at.Compare(b.at))
	})
	return log
}

func parseLogRow(row []string) (logReview, error) {
	card, err := strconv.ParseInt(row[0], 10, 64)
	if err != nil {
		return logReview{}, fmt.Errorf("card_id: %w", err)
	}
	rating, err := strconv.Atoi(row[1])
	if err != nil {
		return logReview{}, fmt.Errorf("review_rating: %w", err)
	}
	at, err := time.Parse(time.RFC3339, row[2])
	if err != nil {
		return logReview{}, fmt.Errorf("review_time: %w", err)
	}
	return logReview{card: card, rating: Rating(rating), at: at}, nil
}

// replay runs every review of the log through s, calling visit with the card before and
// after each review.
func replay(s *Scheduler, log []logReview, visit func(before, after Card, rv logReview)) {
	var c Card
	for i, rv := range log {
		if i == 0 || rv.card != log[i-1].card {
			c = Card{}
		}
		next := s.Review(c, rv.rating, rv.at)
		if visit != nil {
			visit(c, next, rv)
		}
		c = next
	}
}

func TestReplayReviewLog(t *testing.T) {
	log := loadReviewLog(t)
	if len(log) != 12580 {
		t.Errorf("%d reviews, want 12580", len(log))
	}
	for _, fuzz := range []bool{false, true} {
		t.Run(fmt.Sprintf("fuzz=%v", fuzz), func(t *testing.T) {
			p := DefaultParams()
			p.EnableFuzz = fuzz
			s := NewScheduler(p)

			var (
				cards        = map[int64]bool{}
				n, nR        int
				sumR         float64
				sumByRating  [4]float64
				nByRating    [4]int
				logLoss      float64
				maxS, sumLag float64
			)
			replay(s, log, func(before, after Card, rv logReview) {
				cards[rv.card] = true
				n++
				checkCard(t, s, after, rv.at)
				if after.Reps != before.Reps+1 {
					t.Errorf("card %d: reps %d -> %d", rv.card, before.Reps, after.Reps)
				}
				maxS = max(maxS, after.Stability)
				if before.State != Review {
					return
				}
				r := s.Retrievability(before, rv.at)
				if !(r > 0 && r <= 1) {
					t.Errorf("card %d: R = %v at %v", rv.card, r, rv.at)
				}
				nR++
				sumR += r
				sumByRating[rv.rating-1] += r
				nByRating[rv.rating-1]++
				y := 0.0
				if rv.rating > Again {
					y = 1
				}
				p := clamp(r, 1e-6, 1-1e-6)
				logLoss -= y*math.Log(p) + (1-y)*math.Log(1-p)
				sumLag += rv.at.Sub(before.Due).Hours() / 24
				if t.Failed() {
					t.FailNow()
				}
			})
			if n != len(log) || len(cards) != 1205 {
				t.Errorf("replayed %d reviews of %d cards, want %d of 1205", n, len(cards), len(log))
			}
			mean := sumR / float64(nR)
			meanAgain := sumByRating[Again-1] / float64(nByRating[Again-1])
			meanGood := sumByRating[Good-1] / float64(nByRating[Good-1])
			t.Logf("%d reviews of Review cards: recall %.4f, mean R %.4f (Again %.4f over %d, Good %.4f over %d), log loss %.4f, mean lateness %.1f days, max S %.0f",
				nR, 1-float64(nByRating[Again-1])/float64(nR), mean, meanAgain, nByRating[Again-1], meanGood, nByRating[Good-1], logLoss/float64(nR), sumLag/float64(nR), maxS)
			if nR < 1000 {
				t.Errorf("only %d reviews of Review cards", nR)
			}
			if !(mean > 0.5 && mean < 1) {
				t.Errorf("mean R of Review cards %v, want in (0.5, 1)", mean)
			}
			// Default weights are calibrated on millions of reviews: the predicted R should
			// sit near the recall rate actually observed.
			recall := 1 - float64(nByRating[Again-1])/float64(nR)
			if math.Abs(mean-recall) > 0.1 {
				t.Errorf("mean R %v far from the observed recall rate %v", mean, recall)
			}
			if !(meanAgain < meanGood) {
				t.Errorf("mean R before Again %v, not below that before Good %v", meanAgain, meanGood)
			}
		})
	}
}

// BenchmarkReplayLog replays the whole review log (12,580 reviews) per iteration.
func BenchmarkReplayLog(b *testing.B) {
	log := loadReviewLog(b)
	s := NewScheduler(DefaultParams())
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		replay(s, log, nil)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(log)), "ns/review")
}
