package score_test

import (
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/questions"
)

// point grades answer against one key point written as in a pack, "(match: ...)" included
// or not, and returns its state.
func point(t *testing.T, match, answer string) score.State {
	t.Helper()
	q := (&pack.Question{}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{kp(t, match)}})
	return score.Grade(q, answer, score.Options{}).Points[0].State
}

// TestMatchingV2 walks the reasons the first grader missed points and wrongly credited
// them (issue "A verdict you can trust"), one case each.
func TestMatchingV2(t *testing.T) {
	tests := []struct {
		name, match, answer string
		want                score.State
	}{
		// Word forms beyond plural s/es.
		{"dotted name in one sentence", "model.train, model train; dropout", "Call model.train() so that dropout is active again.", score.Covered},
		{"a sentence end still splits a phrase", "model dropout", "We use a model. Dropout is off.", score.Missed},
		{"stem: stored", "store; output*", "We stored the outputs in the repo.", score.Covered},
		{"stem: decreases", "decrease; impurity", "Each split decreases impurity.", score.Covered},
		{"stem: store from storing", "storing", "I store them.", score.Covered},
		{"british and american", "regularize", "We regularise the leaves.", score.Covered},
		{"british behaviour", "behavior", "the model's behaviour", score.Covered},
		// Typos: one edit in words of six letters or more, never in short words or numbers.
		{"typo: transposition", "calibrated", "The scores are calibarted.", score.Covered},
		{"typo: missing letter in a prefix term", "bootstrap*", "each tree gets a boostrap sample", score.Covered},
		{"no typo in short words", "tree", "a free lunch", score.Missed},
		{"no typo for a different first letters", "sample", "a simple model", score.Missed},
		{"no typo in numbers", "0.32", "the answer is 0.33", score.Missed},
		{"no typo in code identifiers", "max_depth", "max_dept", score.Missed},
		// Phrases: any order within a small window.
		{"phrase with a word between", "pruning matters less", "pruning matters much less for a forest", score.Covered},
		{"phrase reordered", "near zero loss", "the loss should get near zero", score.Covered},
		{"phrase across sentences does not count", "near zero", "It is near. Zero is the target.", score.Missed},
		// Numbers and formulas.
		{"fraction as decimal", "0.5", "the learning rate is 1/2", score.Covered},
		{"vulgar fraction", "0.5", "about ½ of the rows", score.Covered},
		{"leading dot", "0.5", "subsample=.5", score.Covered},
		{"trailing zero", "0.5", "0.50", score.Covered},
		{"subscripts dropped", "g; h; lambda", "The leaf weight is w = -G_j/(H_j + λ).", score.Covered},
		{"percent sign", "percent", "10% of traffic", score.Covered},
		{"thousands separator", "10000", "10,000 rows", score.Covered},
		// Negation scope.
		{"negated term earns nothing", "overfit*", "Random forests can't overfit.", score.Missed},
		{"negation: never", "overfit*", "they never overfit", score.Missed},
		{"negation: without", "bootstrap*", "trained without bootstrapping", score.Missed},
		{"negation ends at but", "variance", "not bias, but variance", score.Covered},
		{"not only is not a negation", "variance", "it reduces not only variance", score.Covered},
		{"negation scope is a few words", "variance", "no, I think that averaging many deep trees mostly reduces variance", score.Covered},
		{"a term that says not itself", "does not overfit", "More trees doesn't overfit the forest.", score.Covered},
		{"cannot and can't are the same", "can not overfit", "it cannot overfit", score.Covered},
		{"not: group counts only when negated", "not: causal", "Importance is not causal.", score.Covered},
		{"not: group does not count when affirmed", "not: causal", "Importance is causal.", score.Missed},
		// Thesaurus.
		{"abbreviation in the answer", "random forest", "An RF averages deep trees.", score.Covered},
		{"abbreviation in the term", "oob", "the out-of-bag error", score.Covered},
		{"gbdt", "gradient boosting", "GBDT fits trees to gradients", score.Covered},
		{"p99", "99th percentile", "p99 latency", score.Covered},
		{"k8s", "kubernetes", "deploy on k8s", score.Covered},
		// Groups: main idea, half credit, optional, wrong.
		{"all groups", "variance; bias", "variance and bias", score.Covered},
		{"main group only is half", "variance; bias", "it lowers variance", score.Partial},
		{"second group only is nothing", "variance; bias", "it lowers bias", score.Missed},
		{"optional group never gates", "variance; optional: e.g. averaging", "it lowers variance", score.Covered},
		{"wrong term cancels", "trees; overfit*; wrong: more trees overfit*", "more trees overfit, so trees overfit", score.Wrong},
		{"key point needs its idea, not its keyword", "more trees, number of trees; not: overfit*; wrong: more trees overfit*", "Random forests can't overfit, so more trees are fine.", score.Covered},
		// Line breaks: wrapping inside a paragraph; a blank line or a list item ends a sentence.
		{"a wrapped phrase", "at least one", "each test needs at\nleast one assertion", score.Covered},
		{"a phrase across paragraphs", "near zero", "it is near\n\nzero the next day", score.Missed},
		{"a phrase across list items", "near zero", "loss near\n- zero rows", score.Missed},
		{"a negation wrapped to the next line", "overfit*", "random forests do not\noverfit when you add trees", score.Missed},
		// Idioms with no and not negate nothing; a new clause ends a negation.
		{"for no reason", "stop believing", "builds go red for no reason people stop believing red builds", score.Covered},
		{"no doubt", "stop believing", "no doubt people stop believing red builds", score.Covered},
		{"not only", "stop believing", "not only do people stop believing red builds", score.Covered},
		{"negation ends at and", "reduc* variance", "Bagging doesn't increase bias and reduces variance.", score.Covered},
		{"negation ends at because", "reduc* variance", "It does not overfit because averaging reduces variance.", score.Covered},
		// Contractions: with or without the apostrophe, and the modifier letter ʼ.
		{"doesnt", "overfit*", "adding more trees doesnt overfit the forest", score.Missed},
		{"isnt", "overfit*", "adding more trees isnt going to overfit", score.Missed},
		{"doesnʼt", "overfit*", "adding more trees doesnʼt overfit", score.Missed},
		{"I'm is I am", "i am an engineer", "I'm an engineer at a bank.", score.Covered},
		{"i am a is not i did a", "i am a", "I did a project.", score.Missed},
		{"a term that says instead of", "asked questions instead of telling", "I asked questions instead of telling her the answer.", score.Covered},
		{"a plain term after instead of", "telling her the answer", "I asked questions instead of telling her the answer.", score.Missed},
		// Spelling families stay together.
		{"precise, precisely", "precise", "the numbers are precisely right", score.Covered},
		{"supervised, supervision", "supervised", "it needs supervision", score.Covered},
		{"minimize, minimise", "minimize", "we minimise the loss", score.Covered},
		{"regularization, regularisation", "regularization", "regularisation helps", score.Covered},
		// Misconceptions match in the order written: the reverse claim is not one.
		{"misconception in order", "trees; wrong: more trees overfit*", "More trees overfit the forest.", score.Wrong},
		{"misconception words in another order", "trees; wrong: more trees overfit*", "Deep trees overfit, more trees do not.", score.Covered},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := point(t, tc.match, tc.answer); got != tc.want {
				t.Errorf("(match: %s) on %q = %v, want %v", tc.match, tc.answer, got, tc.want)
			}
		})
	}
}

// The thesaurus resolves an ambiguous abbreviation by the question's topic: CI is
// continuous integration in a testing question and a confidence interval in an
// experimentation one.
func TestThesaurusTopics(t *testing.T) {
	ci := kp(t, "continuous integration")
	conf := kp(t, "confidence interval")
	testing := (&pack.Question{PackID: "ml-testing"}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{ci, conf}})
	exp := (&pack.Question{PackID: "production-thinking", Tags: []string{"experimentation"}}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{ci, conf}})
	answer := "Run it in CI."
	if c := score.Grade(testing, answer, score.Options{}); !c.Covered[0] || c.Covered[1] {
		t.Errorf("testing question: CI = %v, want continuous integration only", c.Covered)
	}
	if c := score.Grade(exp, "Report the CI of the lift.", score.Options{}); c.Covered[0] || !c.Covered[1] {
		t.Errorf("experimentation question: CI = %v, want confidence interval only", c.Covered)
	}
}

// The embedded thesaurus parses, and no alternative is listed for two canonical phrases in
// the same topic.
func TestThesaurusFile(t *testing.T) {
	syns, errs := pack.ParseThesaurus("thesaurus.txt", thesaurusText(t))
	for _, err := range errs {
		t.Error(err)
	}
	if len(syns) < 50 {
		t.Errorf("%d entries, want the shared ML vocabulary (50+)", len(syns))
	}
	seen := map[string]string{}
	for _, s := range syns {
		for _, a := range s.Alts {
			key := strings.Join(s.Topics, ",") + "|" + a
			if prev, ok := seen[key]; ok {
				t.Errorf("%s: %q already means %q", s.Pos, a, prev)
			}
			seen[key] = s.Canonical
		}
	}
}

// Personal synonyms earn the point they were saved for, in full.
func TestPersonalSynonyms(t *testing.T) {
	q := (&pack.Question{PackID: "p"}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{kp(t, "variance; bias"), kp(t, "bootstrap*")}})
	answer := "It takes the wobble out of deep trees."
	if c := score.Grade(q, answer, score.Options{}); c.Hits() != 0 {
		t.Fatalf("without the personal phrase: %d hits", c.Hits())
	}
	c := score.Grade(q, answer, score.Options{Personal: map[int][]string{0: {"takes the wobble out"}}})
	if !c.Covered[0] || !c.Points[0].Personal || c.Covered[1] {
		t.Errorf("with the personal phrase: %v personal %v", c.Covered, c.Points[0].Personal)
	}
	if got := c.Points[0].Matched; len(got) != 1 || got[0] != "takes the wobble out" {
		t.Errorf("evidence %q, want the phrase as the answer wrote it", got)
	}
}

// Evidence is the answer's own words, and half credit names what is missing.
func TestEvidence(t *testing.T) {
	q := (&pack.Question{PackID: "p"}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{kp(t, "bootstrap*; independen*, parallel"), kp(t, "variance; bias")}})
	answer := "Bagging uses Bootstrapped samples, fitted in parallel. It lowers variance."
	c := score.Grade(q, answer, score.Options{})
	if c.Points[0].State != score.Covered || strings.Join(c.Points[0].Matched, "|") != "Bootstrapped|parallel" {
		t.Errorf("point 1: %v %q, want covered by \"Bootstrapped|parallel\"", c.Points[0].State, c.Points[0].Matched)
	}
	if c.Points[1].State != score.Partial || strings.Join(c.Points[1].Missing, "|") != "bias" {
		t.Errorf("point 2: %v missing %q, want half credit, missing bias", c.Points[1].State, c.Points[1].Missing)
	}
	for _, p := range c.Points {
		for i, sp := range p.Evidence {
			if answer[sp.Start:sp.End] != p.Matched[i] {
				t.Errorf("span %v is %q, matched says %q", sp, answer[sp.Start:sp.End], p.Matched[i])
			}
		}
	}
}

// A question-level misconception is reported with the words that stated it.
func TestQuestionMisconception(t *testing.T) {
	terms, err := pack.ParseWrong("entropy for regression, entropy is for regression")
	if err != nil {
		t.Fatal(err)
	}
	q := (&pack.Question{PackID: "p"}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{kp(t, "gini; entropy")}, Misconceptions: []pack.Misconception{{Text: "Both are classification criteria", Terms: terms}}})
	c := score.Grade(q, "Gini is for classification and entropy is for regression.", score.Options{})
	if len(c.Misconceptions) != 1 || c.Misconceptions[0].Matched != "entropy is for regression" {
		t.Errorf("misconceptions %+v, want the one stated", c.Misconceptions)
	}
}

func thesaurusText(t *testing.T) string {
	t.Helper()
	return questions.Thesaurus
}

// A pack's synonyms: extend the thesaurus for grading, and a bad entry is a lint error at
// its line.
func TestPackSynonyms(t *testing.T) {
	src := "---\npack: ranking\ntitle: Ranking\nversion: 1.0.0\nsynonyms:\n  - \"normalized discounted cumulative gain = ndcg\"\n  - \"broken entry\"\n---\n\n" +
		"## Which metric? {#metric}\n\n### Answer\nUse normalized discounted cumulative gain.\n\n### Key points\n- NDCG (match: normalized discounted cumulative gain)\n"
	pk, diags := pack.Parse("ranking.md", []byte(src))
	if len(diags) != 1 || diags[0].Line != 7 || !strings.Contains(diags[0].Message, "canonical phrase = alternative") {
		t.Fatalf("diagnostics %v, want one at line 7", diags)
	}
	th := score.Default().With([]*pack.Pack{pk})
	q := pk.Questions[0]
	if c := score.Grade(q, "I would report NDCG at 10.", score.Options{Thesaurus: th}); !c.Covered[0] {
		t.Error("the pack's synonym was not used")
	}
	if c := score.Grade(q, "I would report NDCG at 10.", score.Options{}); c.Covered[0] {
		t.Error("without the pack's thesaurus, NDCG should not match the spelled-out term")
	}
}

// A point a good answer shows rather than says ("no put-downs", "short") is earned by an
// answer long enough to judge that shows it, and not by one that breaks it or says nothing.
func TestShownPoints(t *testing.T) {
	m, err := pack.ParseMatch("badmouth*; shown: no put-down, words 40-120")
	if err != nil {
		t.Fatal(err)
	}
	q := (&pack.Question{PackID: "p", Time: 2 * time.Minute}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{{Text: "No put-downs", Groups: m.Groups, Shown: m.Shown}}})
	good := "I'm an ML engineer at a logistics company, where I own the demand forecasting service. I replaced a spreadsheet forecast with a LightGBM model and cut stockouts by 18% across 40 warehouses; I built the features and the backtesting. I'm applying here because your team ships forecasting at a scale I want to work at."
	c := score.Grade(q, good, score.Options{})
	if !c.Covered[0] || len(c.Points[0].Shown) != 2 {
		t.Errorf("a clean answer: %+v, want covered, shown by no put-down and its length", c.Points[0])
	}
	if c := score.Grade(q, "My last team wrote terrible code. "+good, score.Options{}); c.Covered[0] {
		t.Error("an answer with a put-down earned \"No put-downs\"")
	}
	if c := score.Grade(q, "I build forecasting models.", score.Options{}); c.Covered[0] {
		t.Error("an answer too short to judge earned the point")
	}
	long := strings.Repeat(good+" ", 3)
	if c := score.Grade(q, long, score.Options{}); c.Covered[0] {
		t.Error("an answer over the word limit earned the point")
	}
	if err := score.CheckShown(pack.KeyPoint{Shown: []string{"no such-rule"}}); err == nil {
		t.Error("CheckShown accepted a rule that does not exist")
	}
}

// A saved sentence matches the answer it came from, fillers and length notwithstanding.
func TestSavedPhrasesMatchTheirSentence(t *testing.T) {
	q := (&pack.Question{PackID: "p"}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{kp(t, "qqq")}})
	answer := "Honestly the model uses the mean of the targets in a leaf of the tree as the prediction for all of the rows that land there."
	phrase := score.Closest(answer, "A leaf predicts the mean of its training targets")
	if c := score.Grade(q, answer, score.Options{Personal: map[int][]string{0: {phrase}}}); !c.Covered[0] || !c.Points[0].Personal {
		t.Errorf("the saved sentence %q does not earn the point in its own answer", phrase)
	}
	q2 := (&pack.Question{PackID: "p"}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{kp(t, "zzz")}})
	if c := score.Grade(q2, answer, score.Options{Personal: map[int][]string{0: {answer}}}); !c.Covered[0] {
		t.Error("a long saved phrase (over 16 words) does not match")
	}
}

// Ticking a point away from the grader's verdict and back restores the verdict: a
// corrected misconception shows no misconception words as evidence, and undoing it brings
// the misconception back.
func TestToggleRestoresTheVerdict(t *testing.T) {
	q := (&pack.Question{PackID: "p"}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{kp(t, "trees; wrong: more trees overfit*"), kp(t, "variance; bias")}})
	c := score.Grade(q, "More trees overfit. It lowers variance.", score.Options{})
	if c.Points[0].State != score.Wrong || c.Points[1].State != score.Partial {
		t.Fatalf("graded %v %v, want wrong and half", c.Points[0].State, c.Points[1].State)
	}
	c.Toggle(0)
	if !c.Covered[0] || len(c.Points[0].Matched) != 0 || c.Points[0].State != score.Covered {
		t.Errorf("ticked: %+v, want covered with no evidence", c.Points[0])
	}
	c.Toggle(0)
	if c.Covered[0] || c.Points[0].State != score.Wrong || c.Graded(0).State != score.Wrong {
		t.Errorf("ticked back: %+v, want the misconception again", c.Points[0])
	}
	c.Toggle(1)
	c.Toggle(1)
	if !c.Partial[1] || c.Points[1].State != score.Partial {
		t.Errorf("half credit lost after ticking twice: %+v", c.Points[1])
	}
}
