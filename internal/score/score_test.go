package score_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
)

// kp builds a key point from its (match: ...) terms, as a pack would.
func kp(t *testing.T, match string) pack.KeyPoint {
	t.Helper()
	m, err := pack.ParseMatch(match)
	if err != nil {
		t.Fatalf("ParseMatch(%q): %v", match, err)
	}
	return pack.KeyPoint{Text: match, Groups: m.Groups, Optional: m.Optional, Wrong: m.Wrong}
}

// The key points of the bagging-vs-boosting question in questions/README.md.
var baggingPoints = []string{
	"bootstrap*, resampl*; independen*, parallel",
	"sequential*, one after another, residual*",
	"variance; bias",
}

func TestMeasure(t *testing.T) {
	tests := []struct {
		name   string
		points []string
		answer string
		want   []bool
	}{
		{
			name:   "full answer",
			points: baggingPoints,
			answer: "Bagging fits trees independently on bootstrap samples. Boosting fits them sequentially, each on the residuals. Bagging reduces variance, boosting bias.",
			want:   []bool{true, true, true},
		},
		{
			name:   "case-insensitive, stems and plural",
			points: baggingPoints,
			answer: "BOOTSTRAPPED resamples, trained in PARALLEL; Sequentially on Residual errors; Variances and biases.",
			want:   []bool{true, true, true},
		},
		{
			name:   "phrase alternative",
			points: baggingPoints,
			answer: "Boosting trains its models one after another.",
			want:   []bool{false, true, false},
		},
		{
			name:   "a group missing fails the point",
			points: baggingPoints,
			answer: "Bagging uses bootstrap samples. Averaging lowers variance.",
			want:   []bool{false, false, false},
		},
		{
			name:   "either alternative is enough",
			points: []string{"bootstrap*, resampl*; independen*, parallel"},
			answer: "It resamples the rows and fits the models independently.",
			want:   []bool{true},
		},
		{
			name:   "phrase across punctuation",
			points: []string{"out of bag, oob"},
			answer: "The out-of-bag error is a free validation estimate.",
			want:   []bool{true},
		},
		{
			name:   "phrase words must be close together",
			points: []string{"out of bag"},
			answer: "Take the bag to the car and then out of the box.",
			want:   []bool{false},
		},
		{
			name:   "whole words: tree does not match street or treetop",
			points: []string{"tree"},
			answer: "On the street near the treetop.",
			want:   []bool{false},
		},
		{
			name:   "plural with s and es",
			points: []string{"tree; box"},
			answer: "Trees in boxes.",
			want:   []bool{true},
		},
		{
			name:   "digits are words",
			points: []string{"l2; 0.5"},
			answer: "An L2 penalty with alpha = 0.5.",
			want:   []bool{true},
		},
		{
			name:   "prefix does not match mid-word",
			points: []string{"regulari*"},
			answer: "Irregularities in the data.",
			want:   []bool{false},
		},
		{
			name:   "empty answer",
			points: baggingPoints,
			answer: "",
			want:   []bool{false, false, false},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var kps []pack.KeyPoint
			for _, p := range tc.points {
				kps = append(kps, kp(t, p))
			}
			c := score.Measure(tc.answer, kps)
			if !reflect.DeepEqual(c.Covered, tc.want) {
				t.Errorf("Measure(%q) = %v, want %v", tc.answer, c.Covered, tc.want)
			}
		})
	}
}

func TestCoverageCounts(t *testing.T) {
	c := score.Coverage{Covered: []bool{true, false, true, true}}
	if c.Hits() != 3 || c.Total() != 4 || c.Fraction() != 0.75 {
		t.Errorf("Hits %d, Total %d, Fraction %v; want 3, 4, 0.75", c.Hits(), c.Total(), c.Fraction())
	}
	if f := (score.Coverage{}).Fraction(); f != -1 {
		t.Errorf("Fraction without key points = %v, want -1", f)
	}
	// A key point without groups (never produced by the parser) is never covered.
	if c := score.Measure("anything", []pack.KeyPoint{{Text: "x"}}); c.Covered[0] {
		t.Error("key point without terms covered")
	}
}

// covered returns a coverage with hits of total key points covered.
func covered(hits, total int) score.Coverage {
	c := score.Coverage{Covered: make([]bool, total)}
	for i := range hits {
		c.Covered[i] = true
	}
	return c
}

func TestSuggest(t *testing.T) {
	const limit = 2 * time.Minute
	tests := []struct {
		name   string
		in     score.Input
		rating srs.Rating
		reason string
	}{
		{"all covered fast", score.Input{Coverage: covered(5, 5), Used: 50 * time.Second, Limit: limit}, srs.Easy, "5 of 5 key points, in time"},
		{"all covered at exactly half the time", score.Input{Coverage: covered(3, 3), Used: time.Minute, Limit: limit}, srs.Easy, "3 of 3 key points, in time"},
		{"all covered but slow", score.Input{Coverage: covered(3, 3), Used: 100 * time.Second, Limit: limit}, srs.Good, "3 of 3 key points, in time"},
		{"all covered, no limit", score.Input{Coverage: covered(3, 3), Used: 10 * time.Second}, srs.Good, "3 of 3 key points, in time"},
		{"4 of 5 in time", score.Input{Coverage: covered(4, 5), Used: 90 * time.Second, Limit: limit}, srs.Good, "4 of 5 key points, in time"},
		{"2 of 3 in time", score.Input{Coverage: covered(2, 3), Used: 30 * time.Second, Limit: limit}, srs.Hard, "2 of 3 key points, in time"},
		{"1 of 3 in time", score.Input{Coverage: covered(1, 3), Used: 30 * time.Second, Limit: limit}, srs.Hard, "1 of 3 key points, in time"},
		{"2 of 5 in time", score.Input{Coverage: covered(2, 5), Used: 30 * time.Second, Limit: limit}, srs.Hard, "2 of 5 key points, in time"},
		{"6 of 7 fast is Easy", score.Input{Coverage: covered(6, 7), Used: 30 * time.Second, Limit: limit}, srs.Easy, "6 of 7 key points, in time"},
		{"1 of 4 in time", score.Input{Coverage: covered(1, 4), Used: 30 * time.Second, Limit: limit}, srs.Again, "1 of 4 key points, in time"},
		{"2 of 5, 40s over", score.Input{Coverage: covered(2, 5), Used: limit + 40*time.Second, Limit: limit}, srs.Hard, "2 of 5 key points, 40s over"},
		{"0 of 3", score.Input{Coverage: covered(0, 3), Used: 30 * time.Second, Limit: limit}, srs.Again, "0 of 3 key points, in time"},
		{"overtime caps all covered at Hard", score.Input{Coverage: covered(3, 3), Used: limit + 2*time.Minute + 5*time.Second, Limit: limit}, srs.Hard, "3 of 3 key points, 2m5s over"},
		{"overtime caps 4 of 5 at Hard", score.Input{Coverage: covered(4, 5), Used: limit + time.Second, Limit: limit}, srs.Hard, "4 of 5 key points, 1s over"},
		{"a fraction of a second over is the clock running out", score.Input{Coverage: covered(4, 5), Used: limit + 300*time.Millisecond, Limit: limit}, srs.Hard, "4 of 5 key points, time ran out"},
		{"a second and more over says how much", score.Input{Coverage: covered(4, 5), Used: limit + 1400*time.Millisecond, Limit: limit}, srs.Hard, "4 of 5 key points, 1s over"},
		{"time ran out at the limit", score.Input{Coverage: covered(3, 3), Used: limit, Limit: limit, Overtime: true}, srs.Hard, "3 of 3 key points, time ran out"},
		{"exactly at the limit is in time", score.Input{Coverage: covered(3, 3), Used: limit, Limit: limit}, srs.Good, "3 of 3 key points, in time"},
		{"overtime leaves Again alone", score.Input{Coverage: covered(0, 2), Used: limit * 2, Limit: limit}, srs.Again, "0 of 2 key points, 2m0s over"},
		{"aloud: ticked key points count the same", score.Input{Coverage: covered(4, 5), Aloud: true, Used: 20 * time.Second, Limit: limit}, srs.Good, "4 of 5 key points, in time"},

		{"choice wrong", score.Input{Kind: pack.KindChoice, Correct: false, Used: 5 * time.Second, Limit: limit}, srs.Again, "wrong option"},
		{"choice wrong and over", score.Input{Kind: pack.KindChoice, Correct: false, Used: 3 * time.Minute, Limit: limit}, srs.Again, "wrong option"},
		{"choice right in time", score.Input{Kind: pack.KindChoice, Correct: true, Used: 5 * time.Second, Limit: limit}, srs.Good, "right, in time"},
		{"choice right overtime", score.Input{Kind: pack.KindChoice, Correct: true, Used: limit + 15*time.Second, Limit: limit}, srs.Hard, "right, 15s over"},

		{"strict lowers Good to Hard", score.Input{Coverage: covered(4, 5), Used: 30 * time.Second, Limit: limit, Strict: true}, srs.Hard, "4 of 5 key points, in time, stricter because you claimed this"},
		{"strict lowers Hard to Again", score.Input{Coverage: covered(2, 3), Used: 30 * time.Second, Limit: limit, Strict: true}, srs.Again, "2 of 3 key points, in time, stricter because you claimed this"},
		{"strict lowers overtime Hard to Again", score.Input{Coverage: covered(4, 5), Used: limit + 40*time.Second, Limit: limit, Strict: true}, srs.Again, "4 of 5 key points, 40s over, stricter because you claimed this"},
		{"strict keeps Again", score.Input{Coverage: covered(0, 3), Used: 30 * time.Second, Limit: limit, Strict: true}, srs.Again, "0 of 3 key points, in time"},
		{"strict keeps all covered Easy", score.Input{Coverage: covered(3, 3), Used: 30 * time.Second, Limit: limit, Strict: true}, srs.Easy, "3 of 3 key points, in time"},
		{"strict keeps all covered Good", score.Input{Coverage: covered(3, 3), Used: 100 * time.Second, Limit: limit, Strict: true}, srs.Good, "3 of 3 key points, in time"},

		{"no key points", score.Input{Coverage: covered(0, 0), Used: 30 * time.Second, Limit: limit}, srs.Good, "no key points to check: rate yourself"},
		{"no key points, strict and over", score.Input{Used: 3 * time.Minute, Limit: limit, Strict: true}, srs.Good, "no key points to check: rate yourself"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := score.Suggest(tc.in)
			if got.Rating != tc.rating || got.Reason != tc.reason {
				t.Errorf("Suggest = %v %q, want %v %q", got.Rating, got.Reason, tc.rating, tc.reason)
			}
		})
	}
}

// TestSuggestFromAnswer runs a typed answer through Measure and Suggest, as the reveal
// screen does.
func TestSuggestFromAnswer(t *testing.T) {
	var kps []pack.KeyPoint
	for _, p := range baggingPoints {
		kps = append(kps, kp(t, p))
	}
	answer := "Bagging trains models in parallel on bootstrap samples and mostly cuts variance; boosting adds them one after another."
	c := score.Measure(answer, kps)
	got := score.Suggest(score.Input{Coverage: c, Used: 80 * time.Second, Limit: 3 * time.Minute})
	// Variance without bias is half the third point: 2½ of 3 is a Good answer.
	if got.Rating != srs.Good || got.Reason != "2½ of 3 key points, in time" {
		t.Errorf("Suggest = %v %q, want Good \"2½ of 3 key points, in time\"", got.Rating, got.Reason)
	}
}

// BenchmarkGrade300Words grades a 300-word answer to a real question of the bank, the
// target being at most 2 ms (issue "A verdict you can trust"). The question's terms are
// compiled on the first call and cached, as they are in the drill; the first grading of a
// question is BenchmarkGradeCold.
func BenchmarkGrade300Words(b *testing.B) {
	q, answer := benchQuestion(b)
	score.Grade(q, answer, score.Options{})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		score.Grade(q, answer, score.Options{})
	}
}

// BenchmarkGradeCold grades with a fresh thesaurus every time, so the question's terms are
// compiled each time: the cost of the first answer to a question.
func BenchmarkGradeCold(b *testing.B) {
	q, answer := benchQuestion(b)
	b.ReportAllocs()
	extra := []*pack.Pack{{Synonyms: []pack.Synonym{{Canonical: "bench phrase", Alts: []string{"bp"}}}}}
	for b.Loop() {
		// A new thesaurus is a new cache key: the question's terms compile again.
		score.Grade(q, answer, score.Options{Thesaurus: score.Default().With(extra)})
	}
}

func benchQuestion(b *testing.B) (*pack.Question, string) {
	q := bank().Question("trees-and-forests/how-random-forest-works")
	if q == nil {
		b.Fatal("no trees-and-forests/how-random-forest-works in the bank")
	}
	sentences := []string{
		"A random forest is an ensemble of decision trees, and each tree is trained on a bootstrap sample of the rows drawn with replacement.",
		"At every split the tree only looks at a random subset of the features, max_features, which decorrelates the trees.",
		"The trees are grown deep without pruning, so each one has low bias but is noisy on its own and overfits its sample.",
		"For classification scikit-learn averages the predicted class probabilities of all trees and takes the argmax rather than counting hard votes.",
		"Because the trees are not perfectly correlated, averaging them reduces the variance a lot while the bias stays about the same.",
		"You also get out-of-bag rows for free, which gives an honest validation estimate without a separate holdout set.",
	}
	var words []string
	for len(words) < 300 {
		for _, s := range sentences {
			words = append(words, strings.Fields(s)...)
		}
	}
	return q, strings.Join(words[:300], " ")
}
