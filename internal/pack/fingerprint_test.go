package pack_test

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pack/packtest"
)

func TestFingerprint(t *testing.T) {
	base := func() *pack.Question {
		return (&pack.Question{
			ID: "q", PackID: "p", Title: "What is bagging?",
			Level: pack.Mid, Time: 2 * time.Minute, Tags: []string{"x"}, Line: 10,
		}).SetBody(pack.Body{
			Prompt:    "Some context.",
			Answer:    "Bagging trains\nmany models.",
			KeyPoints: []pack.KeyPoint{{Text: "bootstrap samples", Groups: [][]pack.Term{{{Words: []pack.Word{{Text: "bootstrap"}}}}}}},
			Choices:   []pack.Choice{{Text: "A", Correct: true}, {Text: "B"}},
		})
	}
	fp := base().Fingerprint()
	if !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(fp) {
		t.Fatalf("fingerprint %q is not 16 hex digits", fp)
	}
	same := map[string]func(q *pack.Question){
		"id":               func(q *pack.Question) { q.ID = "other" },
		"pack":             func(q *pack.Question) { q.PackID = "other" },
		"tags":             func(q *pack.Question) { q.Tags = nil },
		"level":            func(q *pack.Question) { q.Level = pack.Senior },
		"time":             func(q *pack.Question) { q.Time = time.Minute },
		"line":             func(q *pack.Question) { q.Line = 99 },
		"match terms":      func(q *pack.Question) { q.Body().KeyPoints[0].Groups = nil },
		"re-wrapped":       func(q *pack.Question) { q.Body().Answer = "Bagging trains many\n  models." },
		"trailing space":   func(q *pack.Question) { q.Title = "  What is bagging?\n" },
		"unicode space":    func(q *pack.Question) { q.Body().Answer = "Bagging\u00a0trains many models." },
		"crlf line breaks": func(q *pack.Question) { q.Body().Answer = "Bagging trains\r\nmany models." },
	}
	for name, change := range same {
		q := base()
		change(q)
		if got := q.Fingerprint(); got != fp {
			t.Errorf("changing the %s changed the fingerprint", name)
		}
	}
	differs := map[string]func(q *pack.Question){
		"title":           func(q *pack.Question) { q.Title = "What is boosting?" },
		"prompt":          func(q *pack.Question) { q.Body().Prompt = "" },
		"answer":          func(q *pack.Question) { q.Body().Answer = "Bagging trains many trees." },
		"key point":       func(q *pack.Question) { q.Body().KeyPoints[0].Text = "bootstrap" },
		"key point added": func(q *pack.Question) { q.Body().KeyPoints = append(q.Body().KeyPoints, pack.KeyPoint{Text: "more"}) },
		"correct option":  func(q *pack.Question) { q.Body().Choices[1].Correct = true },
		"option text":     func(q *pack.Question) { q.Body().Choices[1].Text = "C" },
		"text moved between fields": func(q *pack.Question) {
			q.Title, q.Body().Prompt = "What is bagging? Some", "context."
		},
		"option became key point": func(q *pack.Question) {
			q.Body().Choices = q.Body().Choices[:1]
			q.Body().KeyPoints = append(q.Body().KeyPoints, pack.KeyPoint{Text: "B"})
		},
	}
	for name, change := range differs {
		q := base()
		change(q)
		if got := q.Fingerprint(); got == fp {
			t.Errorf("changing the %s left the fingerprint unchanged", name)
		}
	}
}

// TestFingerprintParsed checks the fingerprint through the parser: reordering a pack and
// re-wrapping its text keeps fingerprints; rewording changes only that question's.
func TestFingerprintParsed(t *testing.T) {
	parse := func(src string) map[string]string {
		t.Helper()
		pk, ds := pack.Parse("p.md", []byte(src))
		if ds.HasErrors() {
			t.Fatalf("parse: %v", ds)
		}
		out := map[string]string{}
		for _, q := range pk.Questions {
			out[q.ID] = q.Fingerprint()
		}
		return out
	}
	head := "---\npack: p\ntitle: P\nversion: 1.0.0\n---\n\n"
	one := "## One? {#one}\n\n### Answer\nThe first\nanswer.\n\n### Key points\n- First (match: first)\n\n"
	oneWrapped := "## One? {#one}\ntags: x\n\n### Answer\nThe first answer.\n\n### Key points\n- First (match: first, 1st)\n\n"
	two := "## Two? {#two}\n\n### Answer\nThe second answer.\n\n### Key points\n- Second (match: second)\n\n"
	twoReworded := "## Two, really? {#two}\n\n### Answer\nThe second answer.\n\n### Key points\n- Second (match: second)\n\n"
	a := parse(head + one + two)
	b := parse(head + two + oneWrapped)
	c := parse(head + one + twoReworded)
	if a["one"] != b["one"] || a["two"] != b["two"] {
		t.Errorf("reordering and re-wrapping changed fingerprints: %v vs %v", a, b)
	}
	if a["one"] != c["one"] || a["two"] == c["two"] {
		t.Errorf("rewording two: %v vs %v", a, c)
	}
}

// BenchmarkFingerprint10k fingerprints every question of a 10,000-question library, as a
// screen that marks changed questions across the whole library would. Parsing is not
// measured here; BenchmarkParseLibrary10k shows it is unaffected (fingerprints are lazy).
func BenchmarkFingerprint10k(b *testing.B) {
	var qs []*pack.Question
	for i := range 10 {
		pk, ds := pack.Parse("gen.md", packtest.Generate(fmt.Sprintf("generated-%d", i), 1000, packtest.Options{ChoiceEvery: 5, CrossPack: true}))
		if ds.HasErrors() {
			b.Fatal(ds)
		}
		qs = append(qs, pk.Questions...)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, q := range qs {
			_ = q.Fingerprint()
		}
	}
}
