package pitch_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pitch"
	"github.com/hotseat/hotseat/questions"
)

// claims loads the claims vocabulary of the embedded packs, as the CLI and TUI do.
func claims(t testing.TB) []pack.Claim {
	t.Helper()
	lib := pack.NewLibrary()
	packs, diags := pack.LoadFS(questions.FS, "embedded")
	if d := lib.Add(packs, diags); len(d) > 0 {
		t.Fatalf("embedded packs: %v", d)
	}
	cs := lib.Claims()
	if len(cs) == 0 {
		t.Fatal("the embedded packs have no claims vocabulary")
	}
	return cs
}

func readPitch(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func rulesOf(r pitch.Review) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range r.Flags {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			out = append(out, f.Rule)
		}
	}
	sort.Strings(out)
	return out
}

func topicsOf(r pitch.Review) []string {
	var out []string
	for _, c := range r.Claims {
		out = append(out, c.Topic)
	}
	sort.Strings(out)
	return out
}

func describe(r pitch.Review) string {
	var b strings.Builder
	for _, f := range r.Flags {
		b.WriteString("\n  " + f.Rule + ": " + f.Sentence + " [" + strings.Join(f.Match, ", ") + "]")
	}
	return b.String()
}

// TestGoodPitches: realistic pitches of varied seniority, with concrete results, shipped
// work and no put-downs, raise no flag. They also hold the false-positive guards: a
// competent team, "unlike batch scoring", blameless postmortems, lazy loading, toxic content
// classifiers, "e.g." and "Dr." inside sentences.
func TestGoodPitches(t *testing.T) {
	vocab := claims(t)
	wantClaims := map[string][]string{
		"junior-new-grad.txt":    nil,
		"mid-recsys.txt":         {"gradient-boosting", "retrieval", "teamwork"}, // "four years in recommendation systems"
		"senior-platform.txt":    {"gradient-boosting", "teamwork"},
		"staff-trust-safety.txt": nil,
		"career-switcher.txt":    {"linear-models"}, // "a logistic regression with around 30 features"
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "good", "*.txt"))
	if len(files) < 4 {
		t.Fatalf("want at least 4 good pitches, have %d", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			r := pitch.Analyze(readPitch(t, "good/"+name), pitch.Options{Claims: vocab})
			if r.HasFlags() {
				t.Errorf("a good pitch raised flags:%s", describe(r))
			}
			want, ok := wantClaims[name]
			if !ok {
				t.Fatalf("no expected claims for %s: add it to wantClaims", name)
			}
			if got := topicsOf(r); !reflect.DeepEqual(got, want) {
				t.Errorf("claims = %v, want %v", got, want)
			}
			if r.Words < 120 || r.Words > 300 {
				t.Errorf("words = %d: a realistic good pitch has 120 to 300", r.Words)
			}
		})
	}
}

// TestBadPitches: each bad pitch raises exactly the expected rules, and sentence flags
// quote the offending sentences.
func TestBadPitches(t *testing.T) {
	vocab := claims(t)
	tests := []struct {
		file   string
		rules  []string
		quotes []string // a substring of each flagged sentence, in flag order (sentence flags only)
		claims []string
	}{
		{"put-down.txt", []string{"put-down"}, []string{"had no clue what they were doing", "Honestly, they were a bunch of amateurs."}, nil},
		{"superiority.txt", []string{"superiority"}, []string{"Unlike most data scientists", "I was the only one who could", "keep up with me"}, []string{"imbalanced"}},
		{"blame.txt", []string{"blame"}, []string{"because my manager kept changing", "They never gave me access", "it wasn't my fault"}, nil},
		{"over-time.txt", []string{"over-time"}, nil, []string{"evaluation", "retrieval", "teamwork"}},
		{"no-impact.txt", []string{"no-impact"}, nil, []string{"model-internals"}},
		{"buzzwords.txt", []string{"buzzwords"}, []string{"I'm a passionate, results-driven", "I leverage cutting-edge"}, []string{"deployment"}},
		{"complaining.txt", []string{"complaining"}, []string{"I hate my current job", "you pay better"}, nil},
		{"self-deprecation.txt", []string{"self-deprecation"}, []string{"Sorry, I'm not great at these.", "I'm just a data analyst", "I know it's not much"}, nil},
		{"perfect-metric.txt", []string{"perfect-metric"}, []string{"it reached 100% accuracy on the test set"}, []string{"gradient-boosting", "imbalanced"}},
		{"we-only.txt", []string{"no-ownership"}, nil, nil},
		{"too-short.txt", []string{"too-short"}, nil, nil},
		{"filler.txt", []string{"filler"}, []string{"So basically I'm kind of", "I guess I want"}, nil},
		{"kitchen-sink.txt", []string{"blame", "buzzwords", "no-impact", "put-down", "superiority", "too-short"},
			[]string{"My last team was useless", "Unlike other engineers", "My last team was useless", "It wasn't my fault", "passionate, innovative"},
			[]string{"model-internals", "testing"}},
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "bad", "*.txt"))
	if len(files) != len(tests) {
		t.Errorf("%d bad pitches in testdata, %d in the table: keep them in step", len(files), len(tests))
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			r := pitch.Analyze(readPitch(t, "bad/"+tc.file), pitch.Options{Claims: vocab})
			want := append([]string(nil), tc.rules...)
			sort.Strings(want)
			if got := rulesOf(r); !reflect.DeepEqual(got, want) {
				t.Errorf("rules = %v, want %v%s", got, want, describe(r))
			}
			var quoted []string
			for _, f := range r.Flags {
				if f.Why == "" || f.Name == "" {
					t.Errorf("flag %s has no name or why", f.Rule)
				}
				if f.Sentence != "" {
					quoted = append(quoted, f.Sentence)
				}
			}
			for _, q := range tc.quotes {
				found := false
				for _, s := range quoted {
					if strings.Contains(s, q) {
						found = true
					}
				}
				if !found {
					t.Errorf("no flag quotes %q; quoted: %q", q, quoted)
				}
			}
			if got := topicsOf(r); !reflect.DeepEqual(got, tc.claims) {
				t.Errorf("claims = %v, want %v", got, tc.claims)
			}
		})
	}
}

// TestFalsePositiveGuards: sentences that look like a red flag to a substring search but
// are fine; each is padded into an otherwise good pitch.
func TestFalsePositiveGuards(t *testing.T) {
	base := cleanPitch
	for _, s := range []string{
		"I worked with a competent team.",
		"Unlike batch scoring, online serving reacts to the latest transactions.",
		"Unlike other approaches we tried, the streaming one kept features fresh.",
		"I introduced blameless postmortems.",
		"I used lazy evaluation in Polars to halve memory use.",
		"I removed useless features and the model got faster.",
		"I trained a toxic comment classifier as a side project.",
		"A dumb baseline beat the first neural network, which taught me to start simple.",
		"The old heuristics were not good enough, so I replaced them.",
		"I barely knew Python when I started, and within 6 months I shipped my first model.",
		"I was the first one to set up CI for our models.",
		"The model was the only one that met the latency budget.",
		"Our precision at 100 alerts went from 40% to 65%.",
		"I was curious what kind of features mattered, so I ran an ablation study.",
		"The project was not my idea, but I made it work.",
		"I led the effort to make the model fair across regions.",
		"I built anti-money laundering models that account for the money flows between accounts.",
		"The launch was held back by a legal review, so I used the time to add monitoring.",
		"I cut the model's error so the planners could stop managing by gut feeling.",
	} {
		r := pitch.Analyze(base+s, pitch.Options{})
		if r.HasFlags() {
			t.Errorf("%q raised flags:%s", s, describe(r))
		}
	}
}

// cleanPitch is a good pitch that raises no flag: a sentence added to it is judged alone.
const cleanPitch = "I'm an ML engineer at a bank, and I shipped a fraud model to production that cut losses by 12%. " +
	"I own its retraining and monitoring, and I moved it to a streaming feature pipeline last year. " +
	"It now scores 3 million payments a day at a p99 latency of 40 ms. " +
	"I want to work on harder real-time problems, which is why I am applying. " +
	"Before that I spent two years building credit scoring models, and I still review the team's model changes every week. "

// TestSentenceRules: one sentence per rule that must trip it, in an otherwise good pitch.
func TestSentenceRules(t *testing.T) {
	base := cleanPitch
	for _, tc := range []struct{ sentence, rule string }{
		{"My colleagues were incompetent.", "put-down"},
		{"The analysts had no clue what they were doing.", "put-down"},
		{"My team was useless.", "put-down"},
		{"My last team wrote terrible code.", "put-down"},
		{"Their code was a mess.", "put-down"},
		{"I'm only in it for the money.", "complaining"},
		{"They were idiots.", "put-down"},
		{"Unlike other engineers, I test my code.", "superiority"},
		{"I was the only one who understood the model.", "superiority"},
		{"Nobody else could fix it.", "superiority"},
		{"We missed the deadline because my manager changed the scope.", "blame"},
		{"They never gave me the data I needed.", "blame"},
		{"It wasn't my fault.", "blame"},
		{"Management failed to plan the launch.", "blame"},
		{"I hate my job.", "complaining"},
		{"The model reached an AUC of 1.0 on the holdout.", "perfect-metric"},
		{"I'm not an expert, but I try.", "self-deprecation"},
		{"I am a passionate, hard-working rockstar.", "buzzwords"},
	} {
		r := pitch.Analyze(base+tc.sentence, pitch.Options{})
		if got := rulesOf(r); !reflect.DeepEqual(got, []string{tc.rule}) {
			t.Errorf("%q: rules = %v, want [%s]%s", tc.sentence, got, tc.rule, describe(r))
			continue
		}
		if r.Flags[0].Sentence != tc.sentence || len(r.Flags[0].Match) == 0 {
			t.Errorf("%q: quoted %q, matched %q", tc.sentence, r.Flags[0].Sentence, r.Flags[0].Match)
		}
	}
}

// TestBuzzwordsAcrossPitch: five buzzwords spread over sentences, never three in one,
// raise one pitch-level flag.
func TestBuzzwordsAcrossPitch(t *testing.T) {
	text := "I'm a passionate ML engineer at a bank. I shipped a fraud model to production that cut losses by 12%. " +
		"I leverage streaming features. It scores 3 million payments a day with a world-class latency of 40 ms. " +
		"I'm a proactive, innovative engineer who wants harder problems, which is why I am applying to your team today. " +
		"Before that I spent two years building credit scoring models, and I still review the team's model changes every week."
	r := pitch.Analyze(text, pitch.Options{})
	if got := rulesOf(r); !reflect.DeepEqual(got, []string{"buzzwords"}) || len(r.Flags) != 1 {
		t.Fatalf("rules = %v, want one buzzwords flag%s", got, describe(r))
	}
	f := r.Flags[0]
	if f.Sentence != "" || !strings.HasPrefix(f.Why, "5 buzzwords in the pitch (passionate, leverage, world class, proactive, innovative)") {
		t.Errorf("flag = %+v", f)
	}
}

// TestConcreteEvidence: numbers (digits or words) or shipping words count as concrete; years
// and years of experience do not.
func TestConcreteEvidence(t *testing.T) {
	pad := " I like working on hard problems with other people, and I enjoy learning how things work. " +
		"I read papers on weekends and try ideas in notebooks. I would like to grow as an engineer on a team like yours, " +
		"where I can learn from people who have done this for a long time and where I can take on more responsibility over time. "
	for _, tc := range []struct {
		text     string
		concrete bool
	}{
		{"I built a forecasting model in three releases.", true},
		{"I built a forecasting model that halved planning errors.", true},
		{"I built a forecasting model that cut errors by 14%.", true},
		{"I built a forecasting model that is used by the planners.", true},
		{"I built a forecasting model and launched it.", true},
		{"I have been building forecasting models since 2019.", false},
		{"I have 5 years of experience building forecasting models.", false},
		{"I have 2.5 years of experience building forecasting models.", false},
		{"I have three years of experience building forecasting models.", false},
		{"I built forecasting models for my thesis.", false},
	} {
		r := pitch.Analyze(tc.text+pad, pitch.Options{})
		if r.Flagged("no-impact") == tc.concrete {
			t.Errorf("%q: no-impact flagged = %v, want %v%s", tc.text, !tc.concrete, tc.concrete, describe(r))
		}
	}
}

// TestTime: the estimate, the over-time flag with how much over, MaxWords and defaults.
func TestTime(t *testing.T) {
	words := func(n int) string {
		// A pitch of n words with a number, so only time rules can fire.
		s := "I shipped 3 models."
		for i := 4; i < n; i++ {
			s += " ok"
		}
		return s
	}
	r := pitch.Analyze(words(300), pitch.Options{})
	if r.HasFlags() || r.Words != 300 || r.EstimatedSeconds != 120 || r.Limit != 2*time.Minute || r.MaxWords != 300 || r.WordsPerMinute != 150 {
		t.Errorf("300 words at the defaults: %+v", r)
	}
	r = pitch.Analyze(words(420), pitch.Options{})
	if len(r.Flags) != 1 || r.Flags[0].Rule != "over-time" || r.EstimatedSeconds != 168 {
		t.Fatalf("420 words: %+v", r)
	}
	if want := "420 words is about 2m48s at 150 words a minute: 48s over the 2m limit; cut about 120 words."; !strings.HasPrefix(r.Flags[0].Why, want) {
		t.Errorf("why = %q, want prefix %q", r.Flags[0].Why, want)
	}
	r = pitch.Analyze(words(200), pitch.Options{Limit: time.Minute, WordsPerMinute: 120})
	if !r.Flagged("over-time") || r.MaxWords != 120 || r.EstimatedSeconds != 100 {
		t.Errorf("200 words in 1m at 120 wpm: %+v", r)
	}
	r = pitch.Analyze(words(250), pitch.Options{MaxWords: 200})
	if !r.Flagged("over-time") || !strings.HasPrefix(r.Flags[0].Why, "250 words is 50 over the 200-word limit") {
		t.Errorf("250 words with MaxWords 200: %+v", r.Flags)
	}
	r = pitch.Analyze(words(74), pitch.Options{})
	if got := rulesOf(r); !reflect.DeepEqual(got, []string{"too-short"}) {
		t.Errorf("74 words: %v", got)
	}
	if r := pitch.Analyze(words(75), pitch.Options{}); r.HasFlags() {
		t.Errorf("75 words: %v", rulesOf(r))
	}
	r = pitch.Analyze(" \n\t ", pitch.Options{})
	if got := rulesOf(r); !reflect.DeepEqual(got, []string{"too-short"}) || r.Words != 0 {
		t.Errorf("empty pitch: %+v", r)
	}
}

// TestOwnership: a pitch of "we" with one "I" is flagged; a lead who says "I" for their
// part and "we" for the team is not.
func TestOwnership(t *testing.T) {
	we := "The model scores 3 million card payments a day across 12 countries, and it replaced a rules engine that had grown to 900 hand-written rules over the previous decade. " +
		"We built a fraud model that cut losses by 12%. We shipped it to production. Our latency is 40 ms. " +
		"We also retrain it weekly, and our team maintains it. I want harder problems now, and a team that works on real-time models at a larger scale than ours, with more data and more users."
	if r := pitch.Analyze(we, pitch.Options{}); !reflect.DeepEqual(rulesOf(r), []string{"no-ownership"}) {
		t.Errorf("we-only: %v", rulesOf(r))
	}
	lead := "The model scores 3 million card payments a day across 12 countries, and it replaced a rules engine that had grown to 900 hand-written rules over the previous decade. " +
		"I lead a team of four. We built a fraud model that cut losses by 12%; I designed its features. " +
		"We shipped it to production and I wrote the rollout plan. Our latency is 40 ms. I want harder problems now, and a team that works on real-time models at a larger scale."
	if r := pitch.Analyze(lead, pitch.Options{}); r.HasFlags() {
		t.Errorf("lead: %v", rulesOf(r))
	}
}

// TestClaims: phrases of the embedded packs' vocabulary found in a pitch, with tolerance
// for inflections, determiners and into/to, reported once per topic at its first sentence.
func TestClaims(t *testing.T) {
	vocab := claims(t)
	for _, tc := range []struct {
		text   string
		topics []string
	}{
		{"I love the details of ML models.", []string{"model-internals"}},
		{"I have deployed models to production.", []string{"deployment"}},
		{"I always write tests.", []string{"testing"}},
		{"I've been deploying our models into production since 2019.", []string{"deployment"}},
		{"I deployed a model to production last year.", []string{"deployment"}},
		{"I deployed three models to production.", []string{"deployment"}},
		{"I have shipped ML models for years.", []string{"deployment"}},
		{"I put models in production at two startups.", []string{"deployment"}},
		{"I mentor two juniors.", []string{"teamwork"}},
		{"I love the maths behind boosting.", []string{"model-internals"}}, // plural rule of pack terms
		{"I love the math behind boosting.", []string{"model-internals"}},
		{"I know how the models work under the hood.", []string{"model-internals"}},
		{"I'm a strong communicator and a team player.", []string{"communication", "teamwork"}},
		{"I used XGBoost and random forests.", []string{"gradient-boosting", "tree-models"}},
		{"I practise test-driven development.", []string{"testing"}},
		{"I care about code quality.", []string{"testing"}},
		{"I like trees and forests in the park.", nil},
		{"I write tests sometimes.", nil},
		{"Production is where models go.", nil},
	} {
		r := pitch.Analyze(tc.text, pitch.Options{Claims: vocab})
		if got := topicsOf(r); !reflect.DeepEqual(got, tc.topics) {
			t.Errorf("%q: claims = %v, want %v", tc.text, got, tc.topics)
		}
	}

	r := pitch.Analyze("I love the details of ML models. I have deployed models to production. Later I deployed ML models again, and I always write tests.", pitch.Options{Claims: vocab})
	want := []pitch.ClaimMatch{
		{Topic: "model-internals", Phrase: "details of ml models", Sentence: "I love the details of ML models.", Tags: []string{"model-internals"}},
		{Topic: "deployment", Phrase: "deployed models to production", Sentence: "I have deployed models to production.", Tags: []string{"deployment", "monitoring"}},
		{Topic: "testing", Phrase: "i always write tests", Sentence: "Later I deployed ML models again, and I always write tests.", Tags: []string{"testing"}},
	}
	got, _ := json.Marshal(r.Claims)
	wantJSON, _ := json.Marshal(want)
	if string(got) != string(wantJSON) {
		t.Errorf("claims =\n%s\nwant\n%s", got, wantJSON)
	}
	if tags := r.Tags(); !reflect.DeepEqual(tags, []string{"deployment", "model-internals", "monitoring", "testing"}) {
		t.Errorf("Tags() = %v", tags)
	}
	// Claims are not flags: a pitch of claims with results raises none.
	if r.Flagged("superiority") || r.Flagged("buzzwords") {
		t.Errorf("claims raised flags:%s", describe(r))
	}
}

// TestClaimsCustomVocabulary: a pack's own phrases, '*' prefixes and a topic without tags.
func TestClaimsCustomVocabulary(t *testing.T) {
	term := func(s string) pack.Term {
		tm, err := pack.ParseTerm(s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	vocab := []pack.Claim{
		{Topic: "causal", Phrases: []pack.Term{term("causal infer*"), term("uplift model")}},
		{Topic: "rl", Phrases: []pack.Term{term("reinforcement learning")}, Tags: []string{"rl", "bandits"}},
	}
	r := pitch.Analyze("I build uplift modelling for marketing. I did causal inference at school. Reinforcement learning too.", pitch.Options{Claims: vocab})
	got, _ := json.Marshal(r.Claims)
	want := `[{"topic":"causal","phrase":"uplift model","sentence":"I build uplift modelling for marketing.","tags":["causal"]},` +
		`{"topic":"rl","phrase":"reinforcement learning","sentence":"Reinforcement learning too.","tags":["rl","bandits"]}]`
	if string(got) != want {
		t.Errorf("claims = %s\nwant %s", got, want)
	}
}

// TestReviewJSON: the JSON shape `hotseat pitch check --json` prints, with empty lists as
// [] rather than null.
func TestReviewJSON(t *testing.T) {
	r := pitch.Analyze(readPitch(t, "good/mid-recsys.txt"), pitch.Options{})
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), `{"flags":[],"claims":[],"words":`) {
		t.Errorf("json = %s", b)
	}
	r = pitch.Analyze("My team was useless.", pitch.Options{})
	b, _ = json.Marshal(r)
	var m struct {
		Flags []map[string]any `json:"flags"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, f := range m.Flags {
		if len(f) != 3 || f["rule"] == nil || f["sentence"] == nil || f["why"] == nil {
			t.Errorf("flag JSON %v: want exactly rule, sentence, why", f)
		}
	}
}

// TestAnalyzeConcurrent: Analyze shares the parsed rules; run it in parallel under -race.
func TestAnalyzeConcurrent(t *testing.T) {
	vocab := claims(t)
	text := readPitch(t, "bad/kitchen-sink.txt")
	want := pitch.Analyze(text, pitch.Options{Claims: vocab})
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got := pitch.Analyze(text, pitch.Options{Claims: vocab})
			if !reflect.DeepEqual(rulesOf(got), rulesOf(want)) || len(got.Claims) != len(want.Claims) {
				t.Errorf("concurrent review differs")
			}
		}()
	}
	wg.Wait()
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "My team was useless.", "e.g. 0.5. Dr. X!", "- a\n- b\n\n1. c", "\x1b[2J unlike other engineers"} {
		f.Add(s)
	}
	vocab := claims(f)
	f.Fuzz(func(t *testing.T, s string) {
		r := pitch.Analyze(s, pitch.Options{Claims: vocab})
		norm := strings.Join(strings.Fields(s), " ")
		for _, fl := range r.Flags {
			if fl.Rule == "" || fl.Why == "" {
				t.Fatalf("flag without rule or why: %+v", fl)
			}
			if fl.Sentence != "" && !strings.Contains(norm, strings.Fields(fl.Sentence)[0]) {
				t.Fatalf("quoted %q is not from the pitch", fl.Sentence)
			}
		}
		if r.Words < 0 || r.EstimatedSeconds < 0 {
			t.Fatalf("negative counts: %+v", r)
		}
	})
}

func BenchmarkAnalyze(b *testing.B) {
	vocab := claims(b)
	text, err := os.ReadFile(filepath.Join("testdata", "bad", "over-time.txt"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		pitch.Analyze(string(text), pitch.Options{Claims: vocab})
	}
}

// TestPutDownPhrasings: a judgement of former teams, managers and colleagues is a put-down
// however it is worded, and the same words about oneself, a situation or a thing are not.
// The drill's pitch screen and `hotseat pitch check` both call Analyze: one rule set, one
// verdict.
func TestPutDownPhrasings(t *testing.T) {
	base := cleanPitch
	for _, s := range []string{
		"My manager was clueless.",
		"The team had no idea how to deploy a model.",
		"My previous manager had no idea what he was doing.",
		"The data engineers were hopeless.",
		"My old team was a joke.",
		"My boss was a terrible manager.",
		"The codebase my colleagues wrote was garbage.",
		"Honestly, the other engineers were lazy.",
		"My teammates couldn't write a unit test to save their lives.",
		"The senior engineers were dinosaurs who refused to learn.",
		"I inherited a pile of spaghetti code from a team that didn't care.",
		"My last company was a dumpster fire.",
		"My former colleagues were amateurs.",
		"The previous team's models were rubbish.",
		"My last team wrote terrible code.",
		"My colleagues were poor at testing, so I ran a workshop.",
		"My manager didn't really get data science.",
		"The people who push back are managers who don't understand it.",
		"My colleague never listens to feedback.",
		"My teammates were bad at writing tests until we paired on them.",
	} {
		r := pitch.Analyze(base+s, pitch.Options{})
		if got := rulesOf(r); !slices.Contains(got, "put-down") {
			t.Errorf("%q is not flagged as a put-down: rules %v%s", s, got, describe(r))
		}
	}
	for _, s := range []string{
		"I had no idea how to deploy a model at first, so I learned Kubernetes.",
		"I learned that bad code costs more than it saves.",
		"We had terrible data quality, so I built validation checks.",
		"I joined a team with a terrible on-call load and cut pages by 70%.",
		"The company had a terrible year, so I moved to a smaller team.",
		"The team was fixing a terrible outage when I joined.",
		"My manager was a great mentor and taught me to write design docs.",
		"The engineers who built the first version left good tests behind.",
		"My team had a bad quarter after the migration, and I led the recovery.",
		"The analysts were happy to help with labelling.",
		"They made the data available within a week.",
		"The team that owned the feature store had no on-call rota, so I set one up.",
		"Before that I did a year of data engineering, which is why I care a lot about what happens after the notebook.",
		"Items the model put on page 5 have no clicks, not because they are bad, because nobody saw them.",
		"My teamwork was poor in my first job, and I learned to ask for reviews early.",
		"I didn't really get the point of calibration until I saw a reliability plot.",
	} {
		r := pitch.Analyze(base+s, pitch.Options{})
		if r.HasFlags() {
			t.Errorf("%q raised flags:%s", s, describe(r))
		}
	}
}
