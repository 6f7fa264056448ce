package cli

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// learner is a simulated candidate whose memory follows FSRS-6 with weights unlike the
// defaults: the history hotseat optimize should learn them from.
// They forget faster than the defaults say: half the initial stability, a smaller gain on
// each recall (w8) and a steeper forgetting curve (w20).
var learner = [21]float64{
	0.1, 0.6, 1.2, 4, 6.4133, 0.8334, 3.0194, 0.001, 1.3, 0.1666, 0.796,
	1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.3,
}

// simulateHistory records days of drills on the embedded questions: new questions each day
// until maxQuestions, every due question reviewed, recall drawn from the learner's true
// retrievability. Each review goes through the store's own rating path.
func simulateHistory(t *testing.T, e *packEnv, maxQuestions, newPerDay, days int) int {
	t.Helper()
	lib := e.library()
	s := e.store()
	defer s.Close()
	sched := srs.NewScheduler(srs.DefaultParams())
	tp := srs.DefaultParams()
	tp.W = learner
	truth := srs.NewScheduler(tp)
	rng := rand.New(rand.NewPCG(7, 18))
	qs := lib.Questions()[:maxQuestions]
	cards := make([]srs.Card, len(qs))
	real := make([]srs.Card, len(qs))
	start := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	introduced, n := 0, 0
	for d := range days {
		now := start.AddDate(0, 0, d)
		end := now.Add(10 * time.Hour)
		introduced = min(introduced+newPerDay, len(qs))
		for {
			next := -1
			for i := range introduced {
				if (cards[i].State == srs.New || !cards[i].Due.After(now)) && (next < 0 || cards[i].Due.Before(cards[next].Due)) {
					next = i
				}
			}
			if next < 0 {
				// Wait for the next learning step today, if any.
				soonest := end
				for i := range introduced {
					if cards[i].Due.After(now) && cards[i].Due.Before(soonest) {
						soonest = cards[i].Due
					}
				}
				if soonest.Equal(end) {
					break
				}
				now = soonest
				continue
			}
			g := srs.Again
			if rng.Float64() < truth.Retrievability(real[next], now) && real[next].State != srs.New {
				g = srs.Good
			} else if real[next].State == srs.New {
				g = srs.Good
				if rng.Float64() < 0.3 {
					g = srs.Again
				}
			}
			cards[next] = sched.Review(cards[next], g, now)
			real[next] = truth.Review(real[next], g, now)
			q := qs[next]
			if _, err := s.Record(store.Review{Time: now, Pack: q.PackID, Question: q.ID, Rating: g, Coverage: -1}, cards[next]); err != nil {
				t.Fatal(err)
			}
			n++
			now = now.Add(time.Minute)
		}
	}
	return n
}

type optimizeJSON struct {
	Reviews       int       `json:"reviews"`
	LogLossBefore float64   `json:"log_loss_before"`
	LogLossAfter  float64   `json:"log_loss_after"`
	RMSEBefore    float64   `json:"rmse_before"`
	RMSEAfter     float64   `json:"rmse_after"`
	HoldoutBefore float64   `json:"holdout_before"`
	HoldoutAfter  float64   `json:"holdout_after"`
	Parameters    []float64 `json:"parameters"`
	Saved         bool      `json:"saved"`
	Reason        string    `json:"reason"`
}

func decodeOptimize(t *testing.T, out string) optimizeJSON {
	t.Helper()
	var o optimizeJSON
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(o.Parameters) != 21 || o.Reviews == 0 {
		t.Fatalf("incomplete report: %+v", o)
	}
	return o
}

// cardsMatchReplay checks that every card in the store is the replay of its reviews with
// weights w.
func cardsMatchReplay(t *testing.T, e *packEnv, w [21]float64) {
	t.Helper()
	s := e.store()
	defer s.Close()
	p := srs.DefaultParams()
	p.W = w
	sched := srs.NewScheduler(p)
	byKey := map[string][]store.Review{}
	if err := s.Reviews(func(r store.Review) error {
		byKey[store.Key(r.Pack, r.Question)] = append(byKey[store.Key(r.Pack, r.Question)], r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	cards, err := s.Cards()
	if err != nil {
		t.Fatal(err)
	}
	for key, rs := range byKey {
		var c srs.Card
		for _, r := range rs {
			c = sched.Review(c, r.Rating, r.Time)
		}
		got := cards[key]
		if math.Abs(got.Stability-c.Stability) > 1e-9 || !got.Due.Equal(c.Due) {
			t.Fatalf("%s: stored S=%v due %v, replay with the weights S=%v due %v", key, got.Stability, got.Due, c.Stability, c.Due)
		}
	}
}

func TestOptimizeFitsSavesAndReverts(t *testing.T) {
	e := newPackEnv(t)
	n := simulateHistory(t, e, 180, 6, 200)
	t.Logf("simulated %d reviews", n)

	homeSays(t, e, "enough to fit the scheduler to your memory: quit and run hotseat optimize")
	dry := decodeOptimize(t, e.ok("optimize", "--dry-run", "--json"))
	if dry.Saved || dry.Reason != "--dry-run" || !(dry.LogLossAfter < dry.LogLossBefore) {
		t.Errorf("dry run: %+v", dry)
	}
	cardsMatchReplay(t, e, srs.DefaultW)

	got := decodeOptimize(t, e.ok("optimize", "--json"))
	t.Logf("log loss %.4f -> %.4f, held out %.4f -> %.4f", got.LogLossBefore, got.LogLossAfter, got.HoldoutBefore, got.HoldoutAfter)
	if !(got.HoldoutAfter < got.HoldoutBefore) || !got.Saved {
		t.Fatalf("a learner unlike the defaults: held out %.4f -> %.4f, saved %v", got.HoldoutBefore, got.HoldoutAfter, got.Saved)
	}
	fitted := [21]float64(got.Parameters)
	cardsMatchReplay(t, e, fitted)

	var st struct {
		Scheduler struct {
			Parameters      string `json:"parameters"`
			ReviewsSinceFit int    `json:"reviews_since_fit"`
			SuggestOptimize bool   `json:"suggest_optimize"`
		} `json:"scheduler"`
	}
	if err := json.Unmarshal([]byte(e.ok("stats", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	if st.Scheduler.Parameters != "fitted" || st.Scheduler.ReviewsSinceFit != 0 || st.Scheduler.SuggestOptimize {
		t.Errorf("stats after the fit: %+v", st.Scheduler)
	}
	if out := e.ok("stats"); !strings.Contains(out, "scheduler: FSRS-6 fitted to your history on 2026-03-01") {
		t.Errorf("stats does not say the scheduler is fitted:\n%s", out)
	}
	homeSays(t, e, "")

	if out := e.ok("optimize", "--revert"); !strings.Contains(out, "Reverted to the default FSRS-6 parameters") {
		t.Errorf("revert: %s", out)
	}
	cardsMatchReplay(t, e, srs.DefaultW)
	if out := e.ok("optimize", "--revert"); !strings.Contains(out, "Nothing to revert") {
		t.Errorf("second revert: %s", out)
	}
	if out := e.ok("stats"); !strings.Contains(out, "enough new reviews to fit it to you: run hotseat optimize") {
		t.Errorf("stats with %d reviews and no fit does not suggest optimize:\n%s", n, out)
	}

	// Text form: the table and what was done.
	out := e.ok("optimize")
	for _, want := range []string{"log loss", "RMSE (bins)", "held out", "parameters: ", "Saved: hotseat schedules with these parameters"} {
		if !strings.Contains(out, want) {
			t.Errorf("optimize output lacks %q:\n%s", want, out)
		}
	}
	// A second fit remembers the first for --revert.
	e.ok("optimize", "--force")
	if out := e.ok("optimize", "--revert"); !strings.Contains(out, "the parameters you had before the last fit") {
		t.Errorf("revert after two fits: %s", out)
	}
	cardsMatchReplay(t, e, fitted)
}

func TestOptimizeRefusesAShortHistory(t *testing.T) {
	e := newPackEnv(t)
	simulateHistory(t, e, 20, 5, 6)
	code, out, errOut := e.run("optimize")
	if code != exitFail || out != "" || !strings.Contains(errOut, "not enough history to fit yet") || !strings.Contains(errOut, "fitting needs 512") {
		t.Errorf("exit %d, %q %q", code, out, errOut)
	}
}

func TestOptimizeReviewLog(t *testing.T) {
	e := newPackEnv(t)
	csv := filepath.Join("..", "srs", "testdata", "fsrs-review-log.csv")
	got := decodeOptimize(t, e.ok("optimize", "--review-log", csv, "--json"))
	if got.Saved || got.Reviews != 6032 || got.LogLossBefore-got.LogLossAfter < 0.015 || !(got.HoldoutAfter < got.HoldoutBefore) {
		t.Errorf("review log: %+v", got)
	}
	if out := e.ok("optimize", "--review-log", csv); !strings.Contains(out, "Nothing was saved (--review-log)") {
		t.Errorf("text output: %s", out)
	}
	if code, _, errOut := e.run("optimize", "--review-log", csv, "--revert"); code != exitUsage || !strings.Contains(errOut, "--revert works on your database") {
		t.Errorf("--revert with --review-log: %d %s", code, errOut)
	}
	if code, _, errOut := e.run("optimize", "--review-log", "nope.csv"); code != exitFail || !strings.Contains(errOut, "open the review log") {
		t.Errorf("missing file: %d %s", code, errOut)
	}
}

// homeSays checks the notice the home screen shows about the scheduler: want, or none.
func homeSays(t *testing.T, e *packEnv, want string) {
	t.Helper()
	s := e.store()
	defer s.Close()
	_, set, err := fsrsWeights(s)
	if err != nil {
		t.Fatal(err)
	}
	notices, err := homeNotices(s, nil, set)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(notices, "\n")
	if want == "" && strings.Contains(got, "optimize") || want != "" && !strings.Contains(got, want) {
		t.Errorf("home notices %q, want %q", got, want)
	}
}
