package fit

import (
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/srs"
)

// The review log of ../shared/guide/fsrs.md (12,580 reviews of 1,205 cards, MIT, from
// py-fsrs's test suite), kept beside the scheduler's tests.
var logPath = filepath.Join("..", "testdata", "fsrs-review-log.csv")

func loadLog(tb testing.TB) []Review {
	tb.Helper()
	f, err := os.Open(logPath)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var out []Review
	for _, row := range rows[1:] {
		g, _ := strconv.Atoi(row[1])
		at, err := time.Parse(time.RFC3339, row[2])
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, Review{Card: row[0], Rating: srs.Rating(g), Time: at})
	}
	if len(out) != 12580 {
		tb.Fatalf("%d reviews, want 12580", len(out))
	}
	return out
}

// pyFSRSOptimal are the weights py-fsrs's optimizer finds on this log (its
// tests/test_optimizer.py, test_optimal_parameters).
var pyFSRSOptimal = [nw]float64{
	0.12340357383516173, 1.2931, 2.397673571899466, 8.2956, 6.686820427099132,
	0.45021679958387956, 3.077875127553957, 0.053520395733247045, 1.6539992229052127,
	0.1466206769107436, 0.6300772488850335, 1.611965002575047, 0.012840136810798864,
	0.34853762746216305, 1.8878958285806287, 0.8546376191171063, 1.8729,
	0.6748536823468675, 0.20451266082721842, 0.22622814695113844, 0.46030603398979064,
}

// CPython: random.Random(42).random() three times.
func TestPyRandomMatchesCPython(t *testing.T) {
	r := newPyRandom(42)
	for _, want := range []float64{0.6394267984578837, 0.025010755222666936, 0.27502931836911926} {
		a, b := r.uint32()>>5, r.uint32()>>6
		if got := (float64(a)*67108864 + float64(b)) / 9007199254740992; got != want {
			t.Errorf("random() = %v, want %v", got, want)
		}
	}
}

// The loss is py-fsrs's: its figures on this log are 0.4587 with the default weights and
// 0.4387 with the weights its optimizer finds.
func TestLossMatchesPyFSRS(t *testing.T) {
	log := loadLog(t)
	opt := DefaultOptions()
	opt.Convention = PyFSRS
	for _, tc := range []struct {
		name string
		w    [nw]float64
		want float64
	}{{"default", srs.DefaultW, 0.4587}, {"py-fsrs optimum", pyFSRSOptimal, 0.4387}} {
		if got := Evaluate(log, tc.w, opt).LogLoss; math.Abs(got-tc.want) > 0.00005 {
			t.Errorf("%s: log loss %.5f, want %.4f", tc.name, got, tc.want)
		}
	}
}

// The training is py-fsrs's, step for step: same card order, same batches, same Adam and
// learning rate, same clipping and epoch choice give the same weights.
func TestFitReproducesPyFSRS(t *testing.T) {
	opt := DefaultOptions()
	opt.Convention = PyFSRS
	cards := prepare(loadLog(t), opt.Convention, opt.MaxSeqLen)
	done := 0
	w, _, err := train(cards, srs.DefaultW, opt, &done, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range w {
		if math.Abs(w[i]-pyFSRSOptimal[i]) > 1e-8+1e-6*math.Abs(pyFSRSOptimal[i]) {
			t.Errorf("w%d = %.12f, py-fsrs %.12f", i, w[i], pyFSRSOptimal[i])
		}
	}
	if want := steps(countPredicted(cards), opt); done != want {
		t.Errorf("%d gradient steps, want %d", done, want)
	}
}

// The model the fit differentiates is the one hotseat schedules with: replaying the log
// through srs.Scheduler gives the same stability and difficulty after every review, with
// the default weights and with fitted ones.
func TestModelMatchesScheduler(t *testing.T) {
	log := loadLog(t)
	cards := prepare(log, Hotseat, 0)
	for _, w := range [][nw]float64{srs.DefaultW, pyFSRSOptimal} {
		p := srs.DefaultParams()
		p.W = w
		p.EnableFuzz = false
		sched := srs.NewScheduler(p)
		m := newModel(&w, Hotseat)
		for _, c := range cards {
			var card srs.Card
			var s, d dual
			for i, st := range c.steps {
				card = sched.Review(card, st.rating, st.at)
				if st.first {
					s, d = m.init(st.rating)
				} else {
					s, d = m.next(s, d, st.elapsed, m.retrievability(float64(st.elapsed), s), st.rating)
				}
				if math.Abs(card.Stability-s.v) > 1e-9*max(1, s.v) || math.Abs(card.Difficulty-d.v) > 1e-9 {
					t.Fatalf("card %s review %d: scheduler S=%v D=%v, fit model S=%v D=%v", c.id, i, card.Stability, card.Difficulty, s.v, d.v)
				}
			}
		}
	}
}

// Forward-mode gradients agree with central finite differences of the loss.
func TestGradientMatchesFiniteDifferences(t *testing.T) {
	log := loadLog(t)
	cards := prepare(log, Hotseat, 64)[:200]
	w := pyFSRSOptimal
	loss := func(w [nw]float64) (float64, [nw]float64) {
		m := newModel(&w, Hotseat)
		var sum float64
		var grad [nw]float64
		for _, c := range cards {
			var s, d dual
			for _, st := range c.steps {
				if st.first {
					s, d = m.init(st.rating)
					continue
				}
				r := m.retrievability(float64(st.elapsed), s)
				if st.predicted() {
					l, g := bce(r.v, st.y)
					sum += l
					for i := range grad {
						grad[i] += g * r.d[i]
					}
				}
				s, d = m.next(s, d, st.elapsed, r, st.rating)
			}
		}
		return sum, grad
	}
	_, grad := loss(w)
	for i := range nw {
		h := 1e-6 * max(1, math.Abs(w[i]))
		up, down := w, w
		up[i] += h
		down[i] -= h
		lu, _ := loss(up)
		ld, _ := loss(down)
		fd := (lu - ld) / (2 * h)
		if math.Abs(fd-grad[i]) > 1e-4*max(1, math.Abs(fd)) {
			t.Errorf("d loss / d w%d: forward mode %.6f, finite differences %.6f", i, grad[i], fd)
		}
	}
}

// Issue 18's targets on the 12,580-review log: at least py-fsrs's gain (0.4587 -> 0.4387,
// 0.020; at least 0.015) with hotseat's day counting, a gain on the held-out last 20 % of
// the time span too, the same result on a second run, and RMSE (bins) down.
func TestRunTargets(t *testing.T) {
	log := loadLog(t)
	rep, err := Run(log, srs.DefaultW, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d reviews: log loss %.4f -> %.4f, RMSE (bins) %.4f -> %.4f, held out (%d reviews) %.4f -> %.4f",
		rep.Reviews, rep.LogLossBefore, rep.LogLossAfter, rep.RMSEBefore, rep.RMSEAfter, rep.HoldoutReviews, rep.HoldoutBefore, rep.HoldoutAfter)
	if gain := rep.LogLossBefore - rep.LogLossAfter; gain < 0.015 {
		t.Errorf("log loss gain %.4f, want at least 0.015", gain)
	}
	if !(rep.HoldoutAfter < rep.HoldoutBefore) {
		t.Errorf("held-out log loss %.4f -> %.4f: no gain", rep.HoldoutBefore, rep.HoldoutAfter)
	}
	if !(rep.RMSEAfter < rep.RMSEBefore) {
		t.Errorf("RMSE (bins) %.4f -> %.4f: no gain", rep.RMSEBefore, rep.RMSEAfter)
	}
	if rep.HoldoutReviews < 1000 {
		t.Errorf("only %d held-out reviews", rep.HoldoutReviews)
	}
	b := srs.ParamBounds()
	for i, v := range rep.Parameters {
		if v < b[i][0] || v > b[i][1] {
			t.Errorf("w%d = %v outside [%v, %v]", i, v, b[i][0], b[i][1])
		}
	}
	again, err := Run(log, srs.DefaultW, DefaultOptions())
	if err != nil || again != rep {
		t.Errorf("a second run differs: %+v, %v", again, err)
	}
}

func TestRunRefusesTooFew(t *testing.T) {
	log := loadLog(t)[:500]
	_, err := Run(log, srs.DefaultW, DefaultOptions())
	var few *TooFewError
	if !errors.As(err, &few) || few.Need != MinReviews || few.Total != 500 || few.Have >= MinReviews {
		t.Fatalf("Run on 500 reviews: %v", err)
	}
}

func TestProgressCountsEveryStep(t *testing.T) {
	opt := DefaultOptions()
	last, calls, total := 0, 0, 0
	opt.Progress = func(done, all int) {
		calls++
		if done != last+1 {
			t.Errorf("progress went %d -> %d", last, done)
		}
		last, total = done, all
	}
	if _, err := Run(loadLog(t), srs.DefaultW, opt); err != nil {
		t.Fatal(err)
	}
	if calls == 0 || last != total {
		t.Errorf("progress ended at %d of %d after %d calls", last, total, calls)
	}
}

func TestPretrainedStabilities(t *testing.T) {
	cards := prepare(loadLog(t), Hotseat, 64)
	s0, counts, ok := initialStabilities(cards)
	if !ok || counts[0] == 0 || counts[2] == 0 {
		t.Fatalf("no first ratings found: %v %v", counts, ok)
	}
	for i := 1; i < 4; i++ {
		if s0[i] < s0[i-1] {
			t.Errorf("S0 not ordered: %v", s0)
		}
	}
	opt := DefaultOptions()
	opt.Pretrain = true
	rep, err := Run(loadLog(t), srs.DefaultW, opt)
	if err != nil || rep.LogLossBefore-rep.LogLossAfter < 0.015 {
		t.Errorf("with pre-training: %.4f -> %.4f, %v", rep.LogLossBefore, rep.LogLossAfter, err)
	}
}

func TestSmoothAndFill(t *testing.T) {
	def := srsS0()
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9*max(1, b) }
	// Nothing found: the defaults. One found: the defaults scaled by its ratio.
	if got := smoothAndFill([4]float64{}, [4]bool{}, [4]int{}); got != def {
		t.Errorf("none found: %v", got)
	}
	got := smoothAndFill([4]float64{0, 0, 4.613, 0}, [4]bool{false, false, true, false}, [4]int{0, 0, 10, 0})
	for i := range got {
		if !near(got[i], def[i]*2) {
			t.Errorf("one found: %v, want the defaults doubled", got)
			break
		}
	}
	// Two found: the two relations hold for the filled ones.
	got = smoothAndFill([4]float64{0.2, 0, 3, 0}, [4]bool{true, false, true, false}, [4]int{5, 0, 9, 0})
	if !near(math.Log(got[1]), 0.41*math.Log(0.2)+0.59*math.Log(3)) || !near(math.Log(got[2]), 0.46*math.Log(got[1])+0.54*math.Log(got[3])) {
		t.Errorf("Again and Good found: %v", got)
	}
	// Out of order: the rating seen more often wins.
	got = smoothAndFill([4]float64{5, 2, 6, 20}, [4]bool{true, true, true, true}, [4]int{3, 10, 50, 4})
	if got[0] != 2 || got[1] != 2 {
		t.Errorf("S0(Again) 5 > S0(Hard) 2 seen more often: %v", got)
	}
}

// BenchmarkRun is `hotseat optimize` on the 12,580-review log: two fits (the whole log and
// its first 80 %) and four evaluations. Target: under a minute on 2 cores.
func BenchmarkRun(b *testing.B) {
	log := loadLog(b)
	for b.Loop() {
		if _, err := Run(log, srs.DefaultW, DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

func TestReadCSV(t *testing.T) {
	f, err := os.Open(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := ReadCSV(f, "log.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := loadLog(t)
	if len(got) != len(want) || got[0] != want[0] || got[len(got)-1] != want[len(want)-1] {
		t.Errorf("read %d reviews, first %+v", len(got), got[0])
	}
	ok, err := ReadCSV(strings.NewReader("review_time,card_id,review_rating\n1711744352250,7,3\n"), "ms.csv")
	if err != nil || len(ok) != 1 || ok[0].Card != "7" || !ok[0].Time.Equal(time.UnixMilli(1711744352250)) {
		t.Errorf("columns in another order, ms times: %+v %v", ok, err)
	}
	for _, tc := range []struct{ in, want string }{
		{"", "bad.csv:1: the file is empty"},
		{"card,rating\n", "bad.csv:1: no card_id column"},
		{"card_id,review_rating,review_time\n", "bad.csv:2: no reviews"},
		{"card_id,review_rating,review_time\n1,3,2024-01-01T00:00:00Z\n1,5,2024-01-02T00:00:00Z\n", "bad.csv:3: review_rating \"5\""},
		{"card_id,review_rating,review_time\n1,3,yesterday\n", "bad.csv:2: review_time \"yesterday\""},
		{"card_id,review_rating,review_time\n1,3\n", "bad.csv:2: 2 fields"},
		{"card_id,review_rating,review_time\n\"1,3,x\n", "bad.csv:2:"},
	} {
		if _, err := ReadCSV(strings.NewReader(tc.in), "bad.csv"); err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.in, err, tc.want)
		}
	}
}

// The README's account of the other reading of "the last 20 %": the last fifth of the
// predicted reviews falls in the log's final 8 days. Fitted on the reviews before them, no
// variant (py-fsrs's procedure, fsrs-rs's pre-training, penalty or recency weighting) beats
// the defaults there; fitted on the whole log, they gain at most 0.002.
func TestLastFifthOfReviews(t *testing.T) {
	log := loadLog(t)
	opt := DefaultOptions()
	cards := prepare(log, opt.Convention, opt.MaxSeqLen)
	var times []time.Time
	for _, c := range cards {
		for _, s := range c.steps {
			if s.predicted() {
				times = append(times, s.at)
			}
		}
	}
	slices.SortFunc(times, time.Time.Compare)
	split := times[len(times)*4/5]
	if days := times[len(times)-1].Sub(split).Hours() / 24; days > 9 {
		t.Errorf("the last fifth of the reviews spans %.1f days", days)
	}
	var before []Review
	for _, r := range log {
		if r.Time.Before(split) {
			before = append(before, r)
		}
	}
	def := evaluate(cards, srs.DefaultW, opt.Convention, split).LogLoss
	variants := map[string]Options{"py-fsrs": opt}
	for name, change := range map[string]func(*Options){
		"pre-training": func(o *Options) { o.Pretrain = true },
		"penalty":      func(o *Options) { o.Gamma = 1 },
		"recency":      func(o *Options) { o.Recency = true },
	} {
		o := opt
		change(&o)
		variants[name] = o
	}
	for name, o := range variants {
		fitOn := func(rs []Review) float64 {
			done := 0
			w, _, err := train(prepare(rs, o.Convention, o.MaxSeqLen), srs.DefaultW, o, &done, 0)
			if err != nil {
				t.Fatal(err)
			}
			return evaluate(cards, w, opt.Convention, split).LogLoss
		}
		held, all := fitOn(before), fitOn(log)
		t.Logf("%-12s last fifth of the reviews: defaults %.4f, fitted before it %.4f, fitted on everything %.4f", name, def, held, all)
		if held < def || all < def-0.002 {
			t.Errorf("%s does better on the final days than the README says: update it", name)
		}
	}
}

// The penalty keeps the weights nearer their start, and recency weighs the newest review
// 1 and the oldest 0.25.
func TestPenaltyAndRecency(t *testing.T) {
	log := loadLog(t)
	dist := func(gamma float64) float64 {
		o := DefaultOptions()
		o.Gamma = gamma
		done := 0
		w, _, err := train(prepare(log, o.Convention, o.MaxSeqLen), srs.DefaultW, o, &done, 0)
		if err != nil {
			t.Fatal(err)
		}
		d := 0.0
		for i := range w {
			x := (w[i] - srs.DefaultW[i]) / paramsStddev[i]
			d += x * x
		}
		return d
	}
	if free, held := dist(0), dist(1); !(held < free/2) {
		t.Errorf("distance from the defaults: %.3f with the penalty, %.3f without", held, free)
	}
	cards := prepare(log, Hotseat, 64)
	weigh(cards, true)
	var first, last *step
	for ci := range cards {
		for si := range cards[ci].steps {
			st := &cards[ci].steps[si]
			if !st.predicted() {
				continue
			}
			if first == nil || st.at.Before(first.at) {
				first = st
			}
			if last == nil || !st.at.Before(last.at) {
				last = st
			}
		}
	}
	if first.weight != 0.25 || last.weight != 1 {
		t.Errorf("recency weights: oldest %v, newest %v", first.weight, last.weight)
	}
}
