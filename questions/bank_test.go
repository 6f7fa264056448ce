package questions_test

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/questions"
)

// minimums is the size of the bank per pack; a test so it cannot silently shrink.
var minimums = map[string]int{
	"deep-learning":        26,
	"embeddings-retrieval": 26,
	"evaluation":           26,
	"experimentation":      26,
	"imbalanced-data":      26,
	"linear-models":        26,
	"llm-applications":     26,
	"llm-serving":          26,
	"ml-system-design":     26,
	"responsible-ml":       26,
	"ensembles":            35,
	"trees-and-forests":    35,
	"ml-testing":           30,
	"deployment":           35,
	"production-thinking":  20,
	"behavioural":          20,
}

func loadBank(t *testing.T) *pack.Library {
	t.Helper()
	packs, diags := pack.LoadFS(questions.FS, "questions")
	for _, d := range diags {
		t.Errorf("%s", d)
	}
	lib := pack.NewLibrary()
	for _, d := range lib.Add(packs, diags) {
		t.Errorf("%s", d)
	}
	for _, d := range lib.CheckFollowUps() {
		t.Errorf("%s", d)
	}
	return lib
}

func TestBankLintsClean(t *testing.T) {
	loadBank(t)
}

func TestBankCounts(t *testing.T) {
	lib := loadBank(t)
	total, choice := 0, 0
	for id, min := range minimums {
		pk := lib.Pack(id)
		if pk == nil {
			t.Errorf("pack %s is missing", id)
			continue
		}
		if len(pk.Questions) < min {
			t.Errorf("pack %s has %d questions, want at least %d", id, len(pk.Questions), min)
		}
		levels := map[pack.Level]int{}
		for _, q := range pk.Questions {
			levels[q.Level]++
			if q.Kind == pack.KindChoice {
				choice++
			}
		}
		for _, l := range pack.Levels {
			if levels[l] == 0 {
				t.Errorf("pack %s has no %s question", id, l)
			}
		}
		if len(pk.Claims) == 0 {
			t.Errorf("pack %s declares no claims vocabulary", id)
		}
		total += len(pk.Questions)
	}
	if total < 175 {
		t.Errorf("the bank has %d questions, want at least 175", total)
	}
	if choice*4 < total {
		t.Errorf("%d of %d questions are choice questions, want at least a quarter", choice, total)
	}
}

func TestBankQuestionShape(t *testing.T) {
	lib := loadBank(t)
	for _, q := range lib.Questions() {
		if len(q.Body().KeyPoints) < 3 {
			t.Errorf("%s: %d key points, want at least 3", q.Key(), len(q.Body().KeyPoints))
		}
		words := len(strings.Fields(q.Body().Answer))
		switch q.Kind {
		case pack.KindOpen:
			if q.Time < 2*60e9 || q.Time > 4*60e9 {
				t.Errorf("%s: open question time %s, want 2m-4m", q.Key(), q.Time)
			}
			if words < 60 || words > 320 {
				t.Errorf("%s: model answer has %d words, want about 80-250", q.Key(), words)
			}
		case pack.KindChoice:
			if q.Time < 30e9 || q.Time > 45e9 {
				t.Errorf("%s: choice question time %s, want 30s-45s", q.Key(), q.Time)
			}
			if words < 25 {
				t.Errorf("%s: the explanation has %d words, want at least 25", q.Key(), words)
			}
			if len(q.Body().Choices) < 3 {
				t.Errorf("%s: %d options, want at least 3 plausible ones", q.Key(), len(q.Body().Choices))
			}
		}
	}
}

// Each model answer covers all of its own key points: the terms are ones a good answer
// really uses.
func TestBankAnswersCoverTheirKeyPoints(t *testing.T) {
	lib := loadBank(t)
	opt := score.Options{Thesaurus: score.Default().With(lib.Packs)} // as the drill grades
	for _, q := range lib.Questions() {
		cov := score.Grade(q, q.Body().Answer, opt)
		for i, ok := range cov.Covered {
			switch {
			case cov.Points[i].State == score.Wrong:
				t.Errorf("%s: its model answer states key point %q's misconception %q", q.Key(), q.Body().KeyPoints[i].Text, cov.Points[i].Matched)
			case !ok:
				t.Errorf("%s: its model answer misses key point %q (match: %s)", q.Key(), q.Body().KeyPoints[i].Text, terms(q.Body().KeyPoints[i]))
			}
		}
		for _, m := range cov.Misconceptions {
			t.Errorf("%s: its model answer states its own misconception %q (%q)", q.Key(), m.Text, m.Matched)
		}
	}
}

// An unrelated answer (any model answer from another pack, not linked to the question as a
// follow-up) covers at most two key points, and under half of them:
// the terms are specific enough that padding an answer with jargon does not score.
func TestBankTermsAreSpecific(t *testing.T) {
	lib := loadBank(t)
	opt := score.Options{Thesaurus: score.Default().With(lib.Packs)} // as the drill grades
	qs := lib.Questions()
	// Every question against every other answer (N² gradings): spread over the cores, the
	// verdicts reported in the bank's order.
	type result struct {
		worst    int
		worstKey string
	}
	results := make([]result, len(qs))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(qs); i = int(next.Add(1) - 1) {
				q := qs[i]
				for _, other := range qs {
					// A question an author linked as a follow-up, either way, is about the
					// same topic: its answer may well make the other's points.
					if other.PackID == q.PackID || slices.Contains(q.FollowUps, other.Key()) || slices.Contains(other.FollowUps, q.Key()) {
						continue
					}
					if h := saidHits(score.Grade(q, other.Body().Answer, opt)); h > results[i].worst {
						results[i] = result{h, other.Key()}
					}
				}
			}
		})
	}
	wg.Wait()
	for i, q := range qs {
		worst, worstKey := results[i].worst, results[i].worstKey
		if worst > 2 || worst > 1 && 2*worst >= len(q.Body().KeyPoints) {
			cov := score.Grade(q, lib.Question(worstKey).Body().Answer, opt)
			var hit []string
			for i, ok := range cov.Covered {
				if ok && len(cov.Points[i].Shown) == 0 {
					hit = append(hit, fmt.Sprintf("%q (match: %s)", q.Body().KeyPoints[i].Text, terms(q.Body().KeyPoints[i])))
				}
			}
			t.Errorf("%s: the answer of %s covers %d of its key points: %s", q.Key(), worstKey, worst, strings.Join(hit, "; "))
		}
	}
}

// saidHits counts the key points an answer earned by what it says; a point earned by what
// it shows (shown:, "no put-downs") is about its form, which any clean answer has.
func saidHits(c score.Coverage) int {
	n := 0
	for i, ok := range c.Covered {
		if ok && len(c.Points[i].Shown) == 0 {
			n++
		}
	}
	return n
}

// Every claim topic has follow-up ladders at least three deep, from a lower level to a
// higher one, through questions carrying the claim's tags: the way an interviewer digs.
func TestBankClaimLadders(t *testing.T) {
	lib := loadBank(t)
	for _, c := range lib.Claims() {
		tagged := func(q *pack.Question) bool {
			for _, tag := range c.Tags {
				if q.HasTag(tag) {
					return true
				}
			}
			return false
		}
		n, ladders := 0, 0
		for _, q1 := range lib.Questions() {
			if !tagged(q1) {
				continue
			}
			n++
			if ladderFrom(lib, q1, tagged) {
				ladders++
			}
		}
		if n < 3 {
			t.Errorf("claim %s: only %d questions carry its tags %v", c.Topic, n, c.Tags)
		}
		if ladders < 2 {
			t.Errorf("claim %s: %d follow-up ladders three deep (rising in level), want at least 2", c.Topic, ladders)
		}
	}
}

func ladderFrom(lib *pack.Library, q1 *pack.Question, tagged func(*pack.Question) bool) bool {
	for _, k2 := range q1.FollowUps {
		q2 := lib.Question(k2)
		if q2 == nil || !tagged(q2) || q2.Level < q1.Level {
			continue
		}
		for _, k3 := range q2.FollowUps {
			q3 := lib.Question(k3)
			if q3 != nil && tagged(q3) && q3.Level >= q2.Level && q3.Level > q1.Level {
				return true
			}
		}
	}
	return false
}

func terms(kp pack.KeyPoint) string {
	var gs []string
	for _, g := range kp.Groups {
		var as []string
		for _, a := range g {
			as = append(as, a.String())
		}
		gs = append(gs, strings.Join(as, ", "))
	}
	return strings.Join(gs, "; ")
}
