package score_test

import (
	"bufio"
	"flag"
	"fmt"
	"hash/fnv"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pitch"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/questions"
)

// labelled is one answer of testdata/corpus: written and labelled by an interviewer
// before the match terms were read (see testdata/corpus/README.md).
type labelled struct {
	pos     string // file:line of its header
	round   string // the folder: round1, round2, ... (written by different hands)
	key     string // pack/id
	quality string // strong, partial, weak
	rating  srs.Rating
	points  []bool
	flags   []string
	text    string
}

// bank loads the embedded packs once.
var bank = sync.OnceValue(func() *pack.Library {
	lib := pack.NewLibrary()
	packs, diags := pack.LoadFS(questions.FS, "embedded")
	lib.Add(packs, diags)
	return lib
})

// loadCorpus parses every testdata/corpus/*.txt and checks each answer against the bank:
// the question exists and the labels are one per key point.
func loadCorpus(t testing.TB) []labelled {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus in testdata/corpus: %v", err)
	}
	var out []labelled
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var cur *labelled
		sc := bufio.NewScanner(strings.NewReader(string(data)))
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, "=== "); ok {
				parts := strings.Split(rest, " · ")
				if len(parts) != 3 {
					t.Fatalf("%s:%d: header %q: want PACK/ID · quality · rating", f, n, line)
				}
				r, ok := map[string]srs.Rating{"Again": srs.Again, "Hard": srs.Hard, "Good": srs.Good, "Easy": srs.Easy}[parts[2]]
				if !ok {
					t.Fatalf("%s:%d: rating %q", f, n, parts[2])
				}
				out = append(out, labelled{pos: fmt.Sprintf("%s:%d", f, n), round: filepath.Base(filepath.Dir(f)), key: parts[0], quality: parts[1], rating: r})
				cur = &out[len(out)-1]
				continue
			}
			if cur == nil {
				continue
			}
			switch {
			case strings.HasPrefix(line, "points:") && cur.points == nil && cur.text == "":
				for _, l := range strings.Fields(strings.TrimPrefix(line, "points:")) {
					cur.points = append(cur.points, l == "y")
				}
			case strings.HasPrefix(line, "flags:") && cur.text == "":
				for _, fl := range strings.Split(strings.TrimPrefix(line, "flags:"), ",") {
					cur.flags = append(cur.flags, strings.TrimSpace(fl))
				}
			default:
				cur.text += line + "\n"
			}
		}
	}
	lib := bank()
	for i := range out {
		a := &out[i]
		a.text = strings.TrimSpace(a.text)
		q := lib.Question(a.key)
		if q == nil {
			t.Fatalf("%s: no question %s in the bank", a.pos, a.key)
		}
		if len(a.points) != len(q.Body().KeyPoints) {
			t.Fatalf("%s: %d labels for %d key points", a.pos, len(a.points), len(q.Body().KeyPoints))
		}
	}
	return out
}

// heldOut reports whether an answer is held out from tuning. Terms are tuned on every
// answer of the earlier rounds and on the newest round's answers to two thirds of the
// questions (split by a hash of the key); the newest round's answers to the other third are
// never read while tuning. They are answers by other hands, in other words, to questions
// whose terms were tuned on somebody else's answers: the situation of every new user.
func heldOut(l labelled) bool {
	if l.round != newestRound {
		return false
	}
	h := fnv.New32a()
	h.Write([]byte(l.key))
	return h.Sum32()%3 == 0
}

// newestRound is the corpus round whose held-out third no term was tuned on.
const newestRound = "round4"

// agreement is what TestCorpusAgreement measures.
type agreement struct {
	answers, questions  int
	tp, fp, fn          int
	behTP, behFN        int
	exact, withinOne    int
	strongAgain         int
	strongShare, labels float64 // credited share on strong answers, and the labels' share
	strongN             int
}

func (a agreement) precision() float64 { return ratio(a.tp, a.tp+a.fp) }
func (a agreement) recall() float64    { return ratio(a.tp, a.tp+a.fn) }
func (a agreement) f1() float64 {
	p, r := a.precision(), a.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return math.NaN()
	}
	return float64(a) / float64(b)
}

// grade grades a corpus answer as the drill would: answered in time, at half the limit.
func grade(q *pack.Question, text string) (score.Coverage, score.Suggestion) {
	c := score.Grade(q, text, score.Options{})
	s := score.Suggest(score.Input{Kind: q.Kind, Coverage: c, Used: q.Time / 2, Limit: q.Time})
	return c, s
}

func measure(answers []labelled, keep func(labelled) bool) agreement {
	var a agreement
	qs := map[string]bool{}
	for _, l := range answers {
		if !keep(l) {
			continue
		}
		q := bank().Question(l.key)
		c, s := grade(q, l.text)
		a.answers++
		qs[l.key] = true
		got := 0.0
		for i, want := range l.points {
			credited := c.Covered[i]
			switch {
			case credited && want:
				a.tp++
			case credited && !want:
				a.fp++
			case !credited && want:
				a.fn++
			}
			if q.PackID == "behavioural" && want {
				if credited {
					a.behTP++
				} else {
					a.behFN++
				}
			}
			if credited {
				got++
			}
		}
		if s.Rating == l.rating {
			a.exact++
		}
		if d := int(s.Rating) - int(l.rating); d >= -1 && d <= 1 {
			a.withinOne++
		}
		if l.quality == "strong" {
			a.strongN++
			a.strongShare += got / float64(len(l.points))
			n := 0.0
			for _, w := range l.points {
				if w {
					n++
				}
			}
			a.labels += n / float64(len(l.points))
			if s.Rating == srs.Again {
				a.strongAgain++
			}
		}
	}
	a.questions = len(qs)
	return a
}

func (a agreement) String() string {
	return fmt.Sprintf("%d answers to %d questions: key points P %.3f R %.3f F1 %.3f (behavioural R %.2f); "+
		"strong answers credited %.2f (labels %.2f); rating exact %.1f%%, within one %.1f%%, strong suggested Again %d",
		a.answers, a.questions, a.precision(), a.recall(), a.f1(), ratio(a.behTP, a.behTP+a.behFN),
		a.strongShare/float64(max(a.strongN, 1)), a.labels/float64(max(a.strongN, 1)),
		100*ratio(a.exact, a.answers), 100*ratio(a.withinOne, a.answers), a.strongAgain)
}

// TestCorpusAgreement measures the grader against the labelled corpus, on all of it and on
// the held-out third, and holds it to the targets of the README's "How good is the verdict"
// table. Run it with -v to print the figures:
//
//	go test ./internal/score -run TestCorpusAgreement -v
func TestCorpusAgreement(t *testing.T) {
	answers := loadCorpus(t)
	all := measure(answers, func(labelled) bool { return true })
	held := measure(answers, func(l labelled) bool { return heldOut(l) })
	tune := measure(answers, func(l labelled) bool { return !heldOut(l) })
	t.Logf("all:      %v", all)
	t.Logf("tuning:   %v", tune)
	t.Logf("held out: %v", held)
	rounds := map[string]bool{}
	for _, l := range answers {
		rounds[l.round] = true
	}
	for _, r := range slices.Sorted(maps.Keys(rounds)) {
		t.Logf("%s:   %v", r, measure(answers, func(l labelled) bool { return l.round == r }))
		if r == newestRound {
			t.Logf("%s held out: %v", r, measure(answers, func(l labelled) bool { return l.round == r && heldOut(l) }))
		}
	}
	if *misses {
		logMisses(t, answers)
	}
	if all.answers < 150 || all.questions < 40 {
		t.Fatalf("corpus has %d answers to %d questions: want at least 150 and 40", all.answers, all.questions)
	}
	// The targets: P ≥ 0.90, R ≥ 0.88, F1 ≥ 0.90, ratings 65% exact and 97% within
	// one, no strong answer Again, on all answers and on the held-out ones.
	for _, a := range []struct {
		name    string
		minRecl float64
		agreement
	}{{"all", 0.88, all}, {"held out", 0.88, held}} {
		if a.precision() < 0.90 || a.recall() < a.minRecl || a.f1() < 0.90 {
			t.Errorf("%s: key points P %.3f R %.3f F1 %.3f: want P ≥ 0.90, R ≥ %.2f, F1 ≥ 0.90", a.name, a.precision(), a.recall(), a.f1(), a.minRecl)
		}
		if ratio(a.exact, a.answers) < 0.65 || ratio(a.withinOne, a.answers) < 0.97 {
			t.Errorf("%s: rating exact %.3f within one %.3f: want ≥ 0.65 and ≥ 0.97", a.name, ratio(a.exact, a.answers), ratio(a.withinOne, a.answers))
		}
		if a.strongAgain > 0 {
			t.Errorf("%s: %d strong answers suggested Again", a.name, a.strongAgain)
		}
	}
}

// misses makes TestCorpusAgreement list every key point and rating the grader and the labels
// disagree on in the tuning part of the corpus: the worklist for pack authors. The held-out
// answers stay unread, so that their figures say how the grader does on answers nobody
// tuned for.
//
//	go test ./internal/score -run TestCorpusAgreement -v -args -misses
var misses = flag.Bool("misses", false, "TestCorpusAgreement: list the tuning part's disagreements")

// logMisses logs the disagreements in the tuning part.
func logMisses(t *testing.T, answers []labelled) {
	var lines []string
	for _, l := range answers {
		if heldOut(l) {
			continue
		}
		q := bank().Question(l.key)
		c, s := grade(q, l.text)
		for i, want := range l.points {
			if c.Covered[i] != want {
				kind := "missed"
				if c.Covered[i] {
					kind = "WRONGLY credited"
				}
				lines = append(lines, fmt.Sprintf("%s %s: %s point %d %q (state %d, matched %q)", l.pos, l.quality, kind, i+1, q.Body().KeyPoints[i].Text, c.Points[i].State, c.Points[i].Matched))
			}
		}
		if s.Rating != l.rating {
			lines = append(lines, fmt.Sprintf("%s %s: rating %v, labelled %v (%s)", l.pos, l.quality, s.Rating, l.rating, s.Reason))
		}
	}
	sort.Strings(lines)
	t.Log("\n" + strings.Join(lines, "\n"))
}

// TestFitThresholds searches Suggest's thresholds on the tuning two thirds of the corpus
// (most exact agreements, with at least 97% within one rating and no strong answer
// suggested Again) and prints the best with its held-out figures. The fitted values are
// score.Fitted; this test fails when they are no longer the best on the tuning set.
//
//	go test ./internal/score -run TestFitThresholds -v
func TestFitThresholds(t *testing.T) {
	answers := loadCorpus(t)
	type graded struct {
		l labelled
		q *pack.Question
		c score.Coverage
	}
	var gs []graded
	for _, l := range answers {
		q := bank().Question(l.key)
		gs = append(gs, graded{l, q, score.Grade(q, l.text, score.Options{})})
	}
	eval := func(th score.Thresholds, held bool) (exact, within, strongAgain, n int) {
		for _, g := range gs {
			if heldOut(g.l) != held {
				continue
			}
			s := score.SuggestWith(score.Input{Kind: g.q.Kind, Coverage: g.c, Used: g.q.Time / 2, Limit: g.q.Time}, th)
			n++
			if s.Rating == g.l.rating {
				exact++
			}
			if d := int(s.Rating) - int(g.l.rating); d >= -1 && d <= 1 {
				within++
			}
			if g.l.quality == "strong" && s.Rating == srs.Again {
				strongAgain++
			}
		}
		return
	}
	best, bestExact := score.Fitted, -1
	for easy := 0.80; easy <= 1.0001; easy += 0.05 {
		for good := 0.40; good < easy; good += 0.05 {
			for hard := 0.05; hard < good; hard += 0.05 {
				th := score.Thresholds{Easy: round2(easy), Good: round2(good), Hard: round2(hard)}
				exact, within, sa, n := eval(th, false)
				if sa > 0 || float64(within) < 0.97*float64(n) {
					continue
				}
				if exact > bestExact {
					best, bestExact = th, exact
				}
			}
		}
	}
	e, w, sa, n := eval(best, false)
	he, hw, hsa, hn := eval(best, true)
	t.Logf("best on tuning: %+v: exact %d/%d, within one %d/%d, strong Again %d; held out: exact %d/%d (%.1f%%), within one %d/%d (%.1f%%), strong Again %d",
		best, e, n, w, n, sa, he, hn, 100*float64(he)/float64(hn), hw, hn, 100*float64(hw)/float64(hn), hsa)
	if fe, _, _, _ := eval(score.Fitted, false); fe < bestExact {
		t.Errorf("score.Fitted %+v agrees on %d tuning answers; %+v agrees on %d: refit", score.Fitted, fe, best, bestExact)
	}
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

// The drill and `hotseat pitch check` give the same verdict on the same text: every red
// flag the reveal shows is one pitch check raises on that text, quoting the same sentence,
// and pitch check's sentence flags all show on the reveal. Run over every behavioural
// answer of the corpus; with -v it also says how many labelled put-downs and blame the rules
// catch.
func TestBehaviouralFlagsMatchPitchCheck(t *testing.T) {
	caught, labelled, falseFlags := 0, 0, 0
	for _, l := range loadCorpus(t) {
		q := bank().Question(l.key)
		for _, rule := range []string{"put-down", "blame"} {
			if pitch.Analyze(l.text, pitch.Options{}).Flagged(rule) && !slices.Contains(l.flags, rule) &&
				!slices.Contains(l.flags, "put-down") && !slices.Contains(l.flags, "blame") && !slices.Contains(l.flags, "rant") {
				falseFlags++
				t.Logf("%s: flagged %s, not labelled so", l.pos, rule)
			}
		}
		if !score.Behavioural(q) {
			continue
		}
		c := score.Grade(q, l.text, score.Options{})
		rev := pitch.Analyze(l.text, pitch.Options{Limit: q.Time})
		want := map[string]bool{}
		for _, f := range rev.Flags {
			if f.Sentence != "" && f.Rule != "no-impact" || f.Rule == "no-impact" && q.HasTag("self-presentation") ||
				f.Rule == "no-ownership" || f.Rule == "buzzwords" || f.Rule == "filler" {
				want[f.Rule+"|"+f.Sentence] = true
			}
		}
		got := map[string]bool{}
		for _, f := range c.Flags {
			got[f.Rule+"|"+f.Sentence] = true
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: the reveal flags %v, pitch check %v", l.pos, slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)))
		}
		for _, f := range l.flags {
			if f == "put-down" || f == "blame" {
				labelled++
				if rev.Flagged(f) {
					caught++
				}
			}
		}
	}
	t.Logf("labelled put-downs and blame in behavioural answers caught by the pitch rules: %d of %d; answers flagged for them without such a label: %d", caught, labelled, falseFlags)
}
