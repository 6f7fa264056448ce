package claims

import (
	"math"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
	"github.com/hotseat/hotseat/questions"
)

func bank(t *testing.T) *pack.Library {
	t.Helper()
	packs, diags := pack.LoadFS(questions.FS, "embedded")
	lib := pack.NewLibrary()
	lib.Add(packs, diags)
	return lib
}

func TestFindMapsWhatCandidatesSay(t *testing.T) {
	vocab := bank(t).Claims()
	for _, tc := range []struct {
		text  string
		topic string // "" when nothing should match
	}{
		{"I love the details of ML models", "model-internals"},
		{"I love getting into the details of my ML models.", "model-internals"},
		{"I have deployed models to production", "deployment"},
		{"I've been deploying models into production for years", "deployment"},
		{"I always write tests", "testing"},
		{"I am a team player", "teamwork"},
		{"I like models", ""},
		{"I am great at cooking pasta", ""},
		{"Production is where I write", ""},
	} {
		ms := Find(tc.text, vocab)
		var topics []string
		for _, m := range ms {
			topics = append(topics, m.Topic)
		}
		switch {
		case tc.topic == "" && len(ms) > 0:
			t.Errorf("%q maps to %v, want nothing", tc.text, topics)
		case tc.topic != "" && !slices.Contains(topics, tc.topic):
			t.Errorf("%q maps to %v, want %s", tc.text, topics, tc.topic)
		}
	}
}

func TestStemMeetsInflections(t *testing.T) {
	for _, group := range [][]string{{"deploy", "deployed", "deploying", "deploys"}, {"model", "models"}, {"test", "tests", "testing", "tested"}} {
		for _, w := range group[1:] {
			if Stem(w) != Stem(group[0]) {
				t.Errorf("Stem(%q) = %q, Stem(%q) = %q", w, Stem(w), group[0], Stem(group[0]))
			}
		}
	}
}

func TestResolveAppliesAddedAndDroppedTags(t *testing.T) {
	lib := bank(t)
	c := Claim{Text: "I have deployed models to production"}
	r := ResolveAll([]Claim{c}, lib)[0]
	if !slices.Contains(r.Tags, "deployment") {
		t.Fatalf("tags = %v", r.Tags)
	}
	c, err := EditTags(c, []string{"ml-testing"}, []string{"deployment"})
	if err != nil {
		t.Fatal(err)
	}
	r = ResolveAll([]Claim{c}, lib)[0]
	if slices.Contains(r.Tags, "deployment") || !slices.Contains(r.Tags, "ml-testing") {
		t.Errorf("after editing, tags = %v", r.Tags)
	}
	if _, err := EditTags(c, []string{"Bad Tag"}, nil); err == nil {
		t.Error("a tag with spaces and capitals is refused")
	}
	// A tag named in the claim is matched, as the pack's phrases are.
	named := ResolveAll([]Claim{{Text: "I know a lot about feature stores"}}, lib)[0]
	if !slices.Contains(named.Tags, "feature-store") {
		t.Errorf("a claim naming a tag: tags %v, want feature-store", named.Tags)
	}
	none := ResolveAll([]Claim{{Text: "I have built stores for online inputs"}}, lib)[0]
	if len(none.Tags) != 0 || !slices.Contains(none.Suggest, "feature-store") {
		t.Errorf("unmapped claim: tags %v, suggestions %v; want the nearest tag feature-store", none.Tags, none.Suggest)
	}
}

const auditPack = `---
pack: p
title: P
version: 1.0.0
---

## Q1? {#q1}
tags: model-internals

### Answer
Answer.

## Q2? {#q2}
tags: other

### Answer
Answer.
`

func TestAuditVerdicts(t *testing.T) {
	packs, diags := pack.LoadFS(fstest.MapFS{"p.md": {Data: []byte(auditPack)}}, "t")
	lib := pack.NewLibrary()
	lib.Add(packs, diags)
	rs := []Resolved{{Claim: Claim{Text: "I love the details of ML models"}, Tags: []string{"model-internals"}}}
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	review := func(daysAgo int, q string, g srs.Rating, cov float64) store.Review {
		return store.Review{Time: now.AddDate(0, 0, -daysAgo), Pack: "p", Question: q, Rating: g, Coverage: cov}
	}
	var log []store.Review
	if row := Audit(rs, lib, log, now)[0]; row.HoldsUp || !strings.HasPrefix(row.Verdict, VerdictAtRisk+": not enough answers yet: ") || row.Trend != "new" {
		t.Errorf("an untested claim: %+v", row)
	}
	// Early failures, recent successes: improving, and holding up.
	for d := 13; d >= 8; d-- {
		log = append(log, review(d, "q1", srs.Again, 0.2))
	}
	for d := 6; d >= 0; d-- {
		log = append(log, review(d, "q1", srs.Good, 1), review(d, "q1", srs.Easy, 1), review(d, "q1", srs.Good, 1))
	}
	log = append(log, review(0, "q2", srs.Again, 0)) // another topic: not counted
	row := Audit(rs, lib, log, now)[0]
	if row.Reviews != 27 || row.Questions != 1 || row.Trend != "improving" || row.Daily[13] != 3 {
		t.Errorf("audit = %+v", row)
	}
	if !row.HoldsUp || !strings.HasPrefix(row.Verdict, VerdictHolds+": recall ") {
		t.Errorf("recent recall %.2f coverage %.2f: want it to hold up", row.Recent, row.Coverage)
	}
	// Recent failures: slipping and at risk.
	for range 30 {
		log = append(log, review(1, "q1", srs.Again, 0.1))
	}
	row = Audit(rs, lib, log, now)[0]
	if row.HoldsUp || !strings.HasPrefix(row.Verdict, VerdictAtRisk+": recall 0% on the last ") || row.Recent != 0 {
		t.Errorf("after many misses: %+v", row)
	}
}

func TestPolicyAndNewClaimValidation(t *testing.T) {
	if err := DefaultPolicy().Validate(); err != nil {
		t.Errorf("default policy: %v", err)
	}
	p := DefaultPolicy()
	for _, r := range []float64{1.2, 0.98, 0.69, math.NaN(), math.Inf(1)} {
		p.Retention = r
		if p.Validate() == nil {
			t.Errorf("retention %v was accepted; the range is 0.70 to 0.97", r)
		}
	}
	if _, err := New("   ", time.Now()); err == nil {
		t.Error("an empty claim is refused")
	}
	c, err := New("  I   love\ttesting  ", time.Now())
	if err != nil || c.Text != "I love testing" {
		t.Errorf("New = %q, %v", c.Text, err)
	}
}

// The plain phrasings the issue found unmapped map to their tags.
func TestClaimsNamingATagMap(t *testing.T) {
	packs, _ := pack.LoadFS(questions.FS, "questions")
	lib := pack.NewLibrary()
	lib.Add(packs, nil)
	for text, want := range map[string]string{
		"I know gradient boosting inside out": "gradient-boosting",
		"I write unit tests for everything":   "unit-tests",
		"Calibration is my thing":             "calibration",
	} {
		r := ResolveAll([]Claim{{Text: text}}, lib)[0]
		if !slices.Contains(r.Tags, want) {
			t.Errorf("%q maps to %v, want %s among them", text, r.Tags, want)
		}
	}
}

// A claim cut from a long sentence stays within the limit and stays text: the cut never
// splits a character.
func TestTruncateKeepsCharactersWhole(t *testing.T) {
	long := strings.Repeat("a", MaxClaimLength-1) + "’s work" // the apostrophe is 3 bytes
	got := Truncate(long)
	if len(got) > MaxClaimLength || !utf8.ValidString(got) || got != strings.Repeat("a", MaxClaimLength-1) {
		t.Errorf("Truncate cut to %q (%d bytes, valid %v)", got[len(got)-5:], len(got), utf8.ValidString(got))
	}
	if short := "I ship models."; Truncate(short) != short {
		t.Errorf("a short claim was cut: %q", Truncate(short))
	}
}
