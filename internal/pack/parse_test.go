package pack_test

import (
	"fmt"
	"io/fs"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/questions"
)

// head is the smallest valid front matter; question tests append to it. It is 5 lines, so
// the body starts on line 6.
const head = "---\npack: p\ntitle: T\nversion: 1.0.0\n---\n"

// parseClean parses src and fails the test on any diagnostic, warnings included.
func parseClean(t *testing.T, src string) *pack.Pack {
	t.Helper()
	pk, diags := pack.Parse("p.md", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics:\n%s", diagText(diags))
	}
	if pk == nil {
		t.Fatal("no pack")
	}
	stripRaw(pk)
	return pk
}

// stripRaw clears the terms' Raw text (the grader's copy of what the pack wrote), so that
// tests compare the parsed words.
func stripRaw(pk *pack.Pack) {
	clearTerms := func(ts []pack.Term) {
		for i := range ts {
			ts[i].Raw = ""
		}
	}
	for i := range pk.Claims {
		clearTerms(pk.Claims[i].Phrases)
	}
	for _, q := range pk.Questions {
		for i := range q.Body().KeyPoints {
			for _, g := range q.Body().KeyPoints[i].Groups {
				clearTerms(g)
			}
			for _, g := range q.Body().KeyPoints[i].Optional {
				clearTerms(g)
			}
			clearTerms(q.Body().KeyPoints[i].Wrong)
		}
		for i := range q.Body().Misconceptions {
			clearTerms(q.Body().Misconceptions[i].Terms)
		}
	}
}

// specExample is the "complete small pack" of questions/README.md, so that the spec's own
// example is guaranteed to parse as the spec describes it.
func specExample(t testing.TB) string {
	t.Helper()
	readme, err := fs.ReadFile(questions.FS, "README.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)````markdown\n(.*?)````").FindSubmatch(readme)
	if m == nil {
		t.Fatal("questions/README.md has no ````markdown example")
	}
	return string(m[1])
}

// w and pw build the words of a term: whole and prefix.
func w(s string) pack.Word  { return pack.Word{Text: s} }
func pw(s string) pack.Word { return pack.Word{Text: s, Prefix: true} }

func term(ws ...pack.Word) pack.Term { return pack.Term{Words: ws} }

func TestParseSpecExample(t *testing.T) {
	pk := parseClean(t, specExample(t))
	want := &pack.Pack{
		ID:          "ensembles",
		Title:       "Bagging vs boosting",
		Version:     "1.0.0",
		Description: "Ensembles, bias and variance, and when each wins.",
		Authors:     []string{"Study group Poznan"},
		License:     "CC-BY-4.0",
		Time:        2 * time.Minute,
		Level:       pack.Mid,
		Tags:        []string{"ensembles"},
		Claims: []pack.Claim{
			{
				Topic: "model-internals",
				Phrases: []pack.Term{
					term(w("details"), w("of"), w("ml"), w("models")),
					term(w("how"), w("models"), w("work"), w("under"), w("the"), w("hood")),
				},
				Tags: []string{"model-internals"}, // defaults to the topic
				Line: 12,
			},
			{
				Topic:   "testing",
				Phrases: []pack.Term{term(w("i"), w("always"), w("write"), w("tests"))},
				Tags:    []string{"testing", "ml-testing"},
				Line:    14,
			},
		},
		File: "p.md",
		Questions: []*pack.Question{
			(&pack.Question{
				ID:            "bagging-vs-boosting",
				PackID:        "ensembles",
				Title:         "What is the difference between bagging and boosting?",
				Kind:          pack.KindOpen,
				Level:         pack.Mid,
				Tags:          []string{"ensembles", "model-internals"},
				Time:          3 * time.Minute,
				FollowUps:     []string{"ensembles/which-is-parallel"},
				FollowUpLines: []int{37},
				Line:          23,
			}).SetBody(pack.Body{
				Prompt: "Optional context for the question: Markdown, lists, `code`, fenced code blocks.",
				Answer: "Bagging trains many models independently, each on a bootstrap sample ...",
				KeyPoints: []pack.KeyPoint{
					{
						Text: "Bagging fits learners independently on bootstrap samples",
						Groups: [][]pack.Term{
							{term(pw("bootstrap")), term(pw("resampl"))},
							{term(pw("independen")), term(w("parallel"))},
						},
						Line: 32,
					},
					{
						Text: "Boosting fits learners sequentially on the previous errors",
						Groups: [][]pack.Term{{
							term(pw("sequential")), term(w("one"), w("after"), w("another")), term(pw("residual")),
						}},
						Line: 33,
					},
					{
						Text:   "Bagging mainly reduces variance; boosting mainly reduces bias",
						Groups: [][]pack.Term{{term(w("variance"))}, {term(w("bias"))}},
						Line:   34,
					},
				},
			}),
			(&pack.Question{
				ID:     "which-is-parallel",
				PackID: "ensembles",
				Title:  "Which ensemble trains its learners independently?",
				Kind:   pack.KindChoice,
				Level:  pack.Junior,
				Tags:   []string{"ensembles"},
				Time:   30 * time.Second,
				Line:   39,
			}).SetBody(pack.Body{
				Answer: "Bagging: every learner sees its own bootstrap sample and never looks at the others.",
				Choices: []pack.Choice{
					{Text: "Bagging", Correct: true},
					{Text: "Boosting"},
					{Text: "Stacking"},
				},
			}),
		},
	}
	stripRaw(pk)
	if !reflect.DeepEqual(pk, want) {
		t.Errorf("spec example parsed differently:%s", diff(pk, want))
	}
	if got := pk.Questions[1].Correct(); !reflect.DeepEqual(got, []int{0}) {
		t.Errorf("Correct() = %v, want [0]", got)
	}
}

// TestParseEncodings checks that a file saved with Windows line endings or a byte-order
// mark parses exactly like the plain one, line numbers included.
func TestParseEncodings(t *testing.T) {
	plain := specExample(t)
	want := parseClean(t, plain)
	for name, src := range map[string]string{
		"CRLF":       strings.ReplaceAll(plain, "\n", "\r\n"),
		"BOM":        "\ufeff" + plain,
		"BOM + CRLF": "\ufeff" + strings.ReplaceAll(plain, "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			got := parseClean(t, src)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("parsed differently:%s", diff(got, want))
			}
		})
	}
	// A CRLF file with a mistake reports it at the same line.
	bad := strings.Replace(plain, "time: 30s", "time: 30 s", 1)
	_, lf := pack.Parse("p.md", []byte(bad))
	_, crlf := pack.Parse("p.md", []byte(strings.ReplaceAll(bad, "\n", "\r\n")))
	if len(lf) != 1 || !reflect.DeepEqual(lf, crlf) {
		t.Errorf("LF diagnostics:\n%sCRLF diagnostics:\n%s", diagText(lf), diagText(crlf))
	}
}

func TestParseFrontMatterDefaults(t *testing.T) {
	pk := parseClean(t, head+"\n## Q? {#q}\n\n### Answer\nA.\n\n### Key points\n- Point (match: point)\n")
	if pk.Time != 2*time.Minute {
		t.Errorf("pack time = %v, want 2m", pk.Time)
	}
	if pk.Level != pack.Mid {
		t.Errorf("pack level = %v, want mid", pk.Level)
	}
	if pk.Description != "" || pk.Authors != nil || pk.License != "" || pk.Tags != nil || pk.Claims != nil {
		t.Errorf("optional fields not empty: %+v", pk)
	}
	q := pk.Questions[0]
	if q.Time != 2*time.Minute || q.Level != pack.Mid || q.Kind != pack.KindOpen || len(q.Tags) != 0 {
		t.Errorf("question defaults: time %v, level %v, kind %v, tags %v; want 2m, mid, open, none", q.Time, q.Level, q.Kind, q.Tags)
	}
	if q.Key() != "p/q" {
		t.Errorf("Key() = %q, want p/q", q.Key())
	}
}

func TestParseFrontMatterFields(t *testing.T) {
	tests := []struct {
		name  string
		yaml  string // fields after pack, title and version
		check func(*pack.Pack) bool
	}{
		{"single author", "author: Ada", func(p *pack.Pack) bool { return reflect.DeepEqual(p.Authors, []string{"Ada"}) }},
		{"authors list", "authors: [Ada, Grace]", func(p *pack.Pack) bool { return reflect.DeepEqual(p.Authors, []string{"Ada", "Grace"}) }},
		{"block list", "authors:\n  - Ada\n  - Grace", func(p *pack.Pack) bool { return reflect.DeepEqual(p.Authors, []string{"Ada", "Grace"}) }},
		{"time with minutes and seconds", "time: 1m30s", func(p *pack.Pack) bool { return p.Time == 90*time.Second }},
		{"level senior", "level: senior", func(p *pack.Pack) bool { return p.Level == pack.Senior }},
		{"level junior", "level: junior", func(p *pack.Pack) bool { return p.Level == pack.Junior }},
		{"duplicate tags once", "tags: [a, b, a]", func(p *pack.Pack) bool { return reflect.DeepEqual(p.Tags, []string{"a", "b"}) }},
		{"sources list", "sources:\n  - \"scikit-learn user guide: https://scikit-learn.org/stable/\"\n  - Breiman (2001), Random Forests", func(p *pack.Pack) bool {
			return reflect.DeepEqual(p.Sources, []string{"scikit-learn user guide: https://scikit-learn.org/stable/", "Breiman (2001), Random Forests"})
		}},
		{"single tag", "tags: ml", func(p *pack.Pack) bool { return reflect.DeepEqual(p.Tags, []string{"ml"}) }},
		{"multi-line description", "description: >\n  One line,\n  and more.", func(p *pack.Pack) bool { return p.Description == "One line, and more." }},
		{"YAML escapes are cleaned", `description: "a\e[2Jb\x07c\u009b31md"`, func(p *pack.Pack) bool { return p.Description == "abcd" }},
		{"claim phrases with prefix", "claims:\n  testing:\n    phrases: [\"test-driven\", \"TDD*\"]", func(p *pack.Pack) bool {
			return len(p.Claims) == 1 && reflect.DeepEqual(p.Claims[0].Phrases, []pack.Term{term(w("test"), w("driven")), term(pw("tdd"))})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "---\npack: p\ntitle: T\nversion: 1.0.0\n" + tc.yaml + "\n---\n\n## Q? {#q}\n\n### Answer\nA.\n\n### Key points\n- Point (match: point)\n"
			if pk := parseClean(t, src); !tc.check(pk) {
				t.Errorf("unexpected pack:\n%s", dump(pk))
			}
		})
	}
	for _, v := range []string{"0.1.0", "10.20.30", "1.0.0-rc.1", "1.0.0+build.5"} {
		if pk := parseClean(t, strings.Replace(head, "1.0.0", v, 1)+"## Q? {#q}\n### Answer\nA.\n### Key points\n- P (match: p)\n"); pk.Version != v {
			t.Errorf("version %s parsed as %q", v, pk.Version)
		}
	}
}

func TestParseFrontMatterErrors(t *testing.T) {
	tests := []struct {
		name, yaml string // the front matter's lines; the first is line 2 of the file
		line       int
		message    string
	}{
		{"version with two parts", "pack: p\ntitle: T\nversion: 1.0", 4, `bad version "1.0"`},
		{"version with a v", "pack: p\ntitle: T\nversion: v1.0.0", 4, `bad version "v1.0.0"`},
		{"version with a leading zero", "pack: p\ntitle: T\nversion: 01.0.0", 4, `bad version "01.0.0"`},
		{"bad pack id", "pack: My_Pack\ntitle: T\nversion: 1.0.0", 2, `bad pack id "My_Pack"`},
		{"time too short", "pack: p\ntitle: T\nversion: 1.0.0\ntime: 5s", 5, `time 5s is out of range`},
		{"time too long", "pack: p\ntitle: T\nversion: 1.0.0\ntime: 31m", 5, `time 31m is out of range`},
		{"time without a unit", "pack: p\ntitle: T\nversion: 1.0.0\ntime: 90", 5, `bad time "90"`},
		{"bad level", "pack: p\ntitle: T\nversion: 1.0.0\nlevel: intern", 5, `bad level "intern"`},
		{"unknown field", "pack: p\ntitle: T\ndifficulty: hard\nversion: 1.0.0", 4, `unknown field "difficulty"`},
		{"field twice", "pack: p\ntitle: T\nlicense: MIT\nversion: 1.0.0\nlicense: CC0-1.0", 6, `field "license" is given twice`},
		{"title as a list", "pack: p\ntitle: [a, b]\nversion: 1.0.0", 3, `title must be a single value`},
		{"empty title", "pack: p\ntitle: \"\"\nversion: 1.0.0", 3, `the title is empty`},
		{"bad tag", "pack: p\ntitle: T\nversion: 1.0.0\ntags:\n  - ok\n  - Not OK", 7, `bad tag "Not OK"`},
		{"claims as a list", "pack: p\ntitle: T\nversion: 1.0.0\nclaims: [a]", 5, `claims must map topics to phrases`},
		{"claim without phrases", "pack: p\ntitle: T\nversion: 1.0.0\nclaims:\n  testing:\n    tags: [t]", 6, `claim testing has no phrases`},
		{"missing version", "pack: p\ntitle: T", 1, `front matter has no version: field`},
		{"not a map", "- pack: p", 2, `front matter must be fields`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "---\n" + tc.yaml + "\n---\n\n## Q? {#q}\n\n### Answer\nA.\n\n### Key points\n- Point (match: point)\n"
			_, diags := pack.Parse("p.md", []byte(src))
			if len(diags) != 1 || diags[0].Line != tc.line || diags[0].Warning || !strings.Contains(diags[0].Message, tc.message) {
				t.Errorf("source:\n%s\nwant one error at line %d containing %q, got:\n%s", src, tc.line, tc.message, diagText(diags))
			}
		})
	}
}

// TestParseQuestions covers the body syntax: headings, the meta line, the prompt and each
// ### section. Each case is a body appended to head, so its first line is line 6.
func TestParseQuestions(t *testing.T) {
	kp := "\n### Key points\n- Point (match: point)\n"
	tests := []struct {
		name string
		body string
		want []*pack.Question // PackID "p" is filled in; KeyPoints are checked when non-nil
	}{
		{
			name: "meta line with every field",
			body: "## Q? {#q}\ntags: a, b · level: senior · time: 1m30s\n\n### Answer\nA.\n" + kp,
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Senior, Time: 90 * time.Second, Tags: []string{"a", "b"}, Line: 6}).SetBody(pack.Body{Answer: "A."})},
		},
		{
			name: "meta line with | separators",
			body: "## Q? {#q}\nlevel: junior | time: 45s | tags: x\n\n### Answer\nA.\n" + kp,
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Junior, Time: 45 * time.Second, Tags: []string{"x"}, Line: 6}).SetBody(pack.Body{Answer: "A."})},
		},
		{
			name: "meta line after a blank line, then a prompt",
			body: "## Q? {#q}\n\nlevel: junior\n\nGiven this table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n### Answer\nA.\n" + kp,
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Junior, Time: 2 * time.Minute, Line: 6}).SetBody(pack.Body{Prompt: "Given this table:\n\n| a | b |\n|---|---|\n| 1 | 2 |", Answer: "A."})},
		},
		{
			name: "prose with a capital is a prompt, not a meta line",
			body: "## Q? {#q}\nNote: the data is skewed.\n\n### Answer\nA.\n" + kp,
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Mid, Time: 2 * time.Minute, Line: 6}).SetBody(pack.Body{Prompt: "Note: the data is skewed.", Answer: "A."})},
		},
		{
			name: "multi-paragraph answer with a list and a code fence holding ## lines",
			body: "## Q? {#q}\n\n### Answer\nFirst.\n\n- one\n- two\n\n```markdown\n## Not a question {#not-one}\n### Not a section\n```\n\nLast.\n" + kp,
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Mid, Time: 2 * time.Minute,
				Line: 6,
			}).SetBody(pack.Body{Answer: "First.\n\n- one\n- two\n\n```markdown\n## Not a question {#not-one}\n### Not a section\n```\n\nLast."})},
		},
		{
			name: "tilde fence and indented code in the prompt hold ## lines",
			body: "## Q? {#q}\n\n~~~\n## not a heading\n~~~\n\n    ## indented code\n\n### Answer\nA.\n" + kp,
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Mid, Time: 2 * time.Minute,
				Line: 6,
			}).SetBody(pack.Body{Prompt: "~~~\n## not a heading\n~~~\n\n    ## indented code", Answer: "A."})},
		},
		{
			name: "#### headings stay inside the answer",
			body: "## Q? {#q}\n\n### Answer\nA.\n\n#### Detail\nMore.\n" + kp,
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Mid, Time: 2 * time.Minute, Line: 6}).SetBody(pack.Body{Answer: "A.\n\n#### Detail\nMore."})},
		},
		{
			name: "closing hashes and section names in other spellings",
			body: "## Q? {#q} ##\n\n### Model answer\nA.\n\n### KEY POINTS\n- Point (match: point)\n\n### Follow ups\n- #q\n",
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Mid, Time: 2 * time.Minute, FollowUps: []string{"p/q"}, FollowUpLines: []int{15}, Line: 6}).SetBody(pack.Body{Answer: "A."})},
		},
		{
			name: "setext question heading over two lines",
			body: "Which ensemble\nis parallel? {#q}\n---\ntime: 30s\n\nA prompt.\n\n### Answer\nA.\n" + kp,
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Which ensemble is parallel?", Level: pack.Mid, Time: 30 * time.Second, Line: 6}).SetBody(pack.Body{Prompt: "A prompt.", Answer: "A."})},
		},
		{
			name: "choices, upper-case X, several correct",
			body: "## Pick? {#q}\n\n### Options\n- [X] One\n- [ ] Two\n- [x] Three\n",
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Pick?", Kind: pack.KindChoice, Level: pack.Mid, Time: 2 * time.Minute, Line: 6}).SetBody(pack.Body{Choices: []pack.Choice{{Text: "One", Correct: true}, {Text: "Two"}, {Text: "Three", Correct: true}}})},
		},
		{
			name: "follow-ups in this pack and in others",
			body: "## One? {#one}\n\n### Answer\nA.\n" + kp + "\n### Follow-ups\n- #two\n- other-pack#some-id\n- third/x-1\n- p#two\n\n## Two? {#two}\n\n### Answer\nB.\n" + kp,
			want: []*pack.Question{
				(&pack.Question{ID: "one", Title: "One?", Level: pack.Mid, Time: 2 * time.Minute, Line: 6,
					FollowUps: []string{"p/two", "other-pack/some-id", "third/x-1", "p/two"}, FollowUpLines: []int{15, 16, 17, 18},
				}).SetBody(pack.Body{Answer: "A."}),
				(&pack.Question{ID: "two", Title: "Two?", Level: pack.Mid, Time: 2 * time.Minute, Line: 20}).SetBody(pack.Body{Answer: "B."}),
			},
		},
		{
			name: "introduction and # title before the first question are ignored",
			body: "# Title\n\nIntro with a list:\n\n- a\n- b\n\n## Q? {#q}\n\n### Answer\nA.\n" + kp,
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Mid, Time: 2 * time.Minute, Line: 13}).SetBody(pack.Body{Answer: "A."})},
		},
		{
			name: "key point wrapped over two lines",
			body: "## Q? {#q}\n\n### Answer\nA.\n\n### Key points\n- A long point that\n  wraps (match: long, wrap*)\n",
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Mid, Time: 2 * time.Minute, Line: 6}).SetBody(pack.Body{Answer: "A.", KeyPoints: []pack.KeyPoint{{Text: "A long point that wraps", Groups: [][]pack.Term{{term(w("long")), term(pw("wrap"))}}, Line: 12}}})},
		},
		{
			name: "key point with parentheses in its text",
			body: "## Q? {#q}\n\n### Answer\nA.\n\n### Key points\n- Uses L2 (ridge) penalties (match: l2, ridge)\n",
			want: []*pack.Question{(&pack.Question{ID: "q", Title: "Q?", Level: pack.Mid, Time: 2 * time.Minute, Line: 6}).SetBody(pack.Body{Answer: "A.", KeyPoints: []pack.KeyPoint{{Text: "Uses L2 (ridge) penalties", Groups: [][]pack.Term{{term(w("l2")), term(w("ridge"))}}, Line: 12}}})},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pk := parseClean(t, head+tc.body)
			if len(pk.Questions) != len(tc.want) {
				t.Fatalf("%d questions, want %d:\n%s", len(pk.Questions), len(tc.want), dump(pk.Questions))
			}
			for i, got := range pk.Questions {
				want := *tc.want[i]
				want.PackID = "p"
				if want.Body().KeyPoints == nil {
					want.Body().KeyPoints = got.Body().KeyPoints
				}
				want.KeyPointCount = len(want.Body().KeyPoints)
				if !reflect.DeepEqual(*got, want) {
					t.Errorf("question %d differs:%s", i, diff(got, &want))
				}
			}
		})
	}
}

func TestParseTagsMerge(t *testing.T) {
	src := "---\npack: p\ntitle: T\nversion: 1.0.0\ntags: [ml, trees]\ntime: 1m\nlevel: senior\n---\n\n" +
		"## Q? {#q}\ntags: trees, forests\n\n### Answer\nA.\n\n### Key points\n- Point (match: point)\n\n" +
		"## R? {#r}\n\n### Answer\nA.\n\n### Key points\n- Point (match: point)\n"
	pk := parseClean(t, src)
	if got := pk.Questions[0].Tags; !reflect.DeepEqual(got, []string{"ml", "trees", "forests"}) {
		t.Errorf("tags = %v, want pack tags then the question's, each once", got)
	}
	r := pk.Questions[1]
	if !reflect.DeepEqual(r.Tags, []string{"ml", "trees"}) || r.Time != time.Minute || r.Level != pack.Senior {
		t.Errorf("question without meta: tags %v, time %v, level %v; want the pack's", r.Tags, r.Time, r.Level)
	}
	if !r.HasTag("ml") || r.HasTag("forests") {
		t.Errorf("HasTag wrong for %v", r.Tags)
	}
	// The question's tags are its own copy.
	pk.Questions[0].Tags[0] = "changed"
	if pk.Tags[0] != "ml" || r.Tags[0] != "ml" {
		t.Error("questions share the pack's tag slice")
	}
}

// TestParseSetextHint checks that text right above a line of --- (which Markdown makes a
// heading) gets an error that says why, at the line of the text.
func TestParseSetextHint(t *testing.T) {
	src := head + "\n## Q? {#q}\n\n### Answer\nThe answer.\n\nA line above dashes\n---\nMore.\n"
	_, diags := pack.Parse("p.md", []byte(src))
	for _, d := range diags {
		if strings.Contains(d.Message, "question has no id") {
			if d.Line != 12 || !strings.Contains(d.Message, "leave a blank line before ---") {
				t.Errorf("got %s, want line 12 with the setext hint", d)
			}
			return
		}
	}
	t.Errorf("no error for the setext heading:\n%s", diagText(diags))
	// An ATX heading without an id gets no such hint.
	_, diags = pack.Parse("p.md", []byte(head+"\n## Q?\n\n### Answer\nA.\n"))
	for _, d := range diags {
		if strings.Contains(d.Message, "blank line before ---") {
			t.Errorf("hint for an ATX heading: %s", d)
		}
	}
}

func TestParseLimits(t *testing.T) {
	big := make([]byte, pack.MaxFileSize+1)
	pk, diags := pack.Parse("big.md", big)
	if pk != nil || len(diags) != 1 || !strings.Contains(diags[0].Message, "a pack may be at most 2097152 bytes") {
		t.Errorf("oversized file: pack %v, diagnostics:\n%s", pk, diagText(diags))
	}

	var b strings.Builder
	b.WriteString(head)
	for i := range pack.MaxQuestions + 1 {
		b.WriteString("## Q? {#q-" + strconv.Itoa(i) + "}\n### Answer\nA.\n### Key points\n- P (match: p)\n")
	}
	_, diags = pack.Parse("many.md", []byte(b.String()))
	found := false
	for _, d := range diags {
		if strings.Contains(d.Message, "more than 5000 questions") {
			found = true
			if want := 6 + 5*pack.MaxQuestions; d.Line != want {
				t.Errorf("too many questions reported at line %d, want %d (the 5001st heading)", d.Line, want)
			}
		}
	}
	if !found {
		t.Errorf("no error for %d questions", pack.MaxQuestions+1)
	}
}

// TestParseHostileText checks that no string of a parsed pack can drive the terminal,
// whether the escape is raw, an HTML entity or a YAML escape.
func TestParseHostileText(t *testing.T) {
	src := "---\npack: p\ntitle: \"Evil \\e[2J title\"\nversion: 1.0.0\ndescription: \"\\x1b]52;c;ZXZpbA==\\a ok\"\n" +
		"authors: [\"\\u009b31mA\"]\nlicense: \"MIT\\r\"\n---\n\n" +
		"## Clear \x1b[2Jthe screen? {#q}\n\nPrompt &#27;]8;;https://evil.example&#7;link\n\n" +
		"### Answer\nAnswer \x1b]52;c;ZXZpbA==\n\u009b2Jnext line\n\n" +
		"### Key points\n- Point &#x1b;[31m (match: point)\n\n" +
		"### Follow-ups\n- #q\n\n" +
		"## Pick? {#c}\n\n### Choices\n- [x] Right\x07\n- [ ] Wrong\x1bc\n"
	pk, diags := pack.Parse("p.md", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("hostile text is cleaned, not an error:\n%s", diagText(diags))
	}
	for _, s := range packStrings(pk) {
		if bad := firstControl(s); bad >= 0 {
			t.Errorf("string %q holds control byte %#x", s, bad)
		}
	}
	q := pk.Questions[0]
	if pk.Title != "Evil  title" || q.Title != "Clear the screen?" || q.Body().Answer != "Answer \nnext line" || pk.Questions[1].Body().Choices[1].Text != "Wrong" {
		t.Errorf("cleaned text is wrong:\n%s", dump(pk))
	}
	// Removing an unterminated sequence keeps the lines: the key point is still on line 19.
	if q.Body().KeyPoints[0].Line != 19 {
		t.Errorf("key point on line %d, want 19", q.Body().KeyPoints[0].Line)
	}
}

// packStrings returns every string in v (a pack, walked by reflection).
func packStrings(v any) []string {
	var out []string
	var walk func(reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			out = append(out, v.String())
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(k)
				walk(v.MapIndex(k))
			}
		}
	}
	walk(reflect.ValueOf(v))
	return out
}

// firstControl returns the first byte of s below 0x20 other than '\n' and '\t', or ESC,
// DEL, or a C1 control (as UTF-8); -1 when there is none.
func firstControl(s string) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return int(c)
		}
		if c == 0xc2 && i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] <= 0x9f {
			return int(s[i+1])
		}
	}
	return -1
}

// dump writes v as one "path: value" line per leaf, so that diff can show only what
// differs.
func dump(v any) string { return strings.Join(flatten(v), "\n") }

func flatten(v any) []string {
	var out []string
	var walk func(reflect.Value, string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if v.IsNil() {
				out = append(out, path+": nil")
				return
			}
			walk(v.Elem(), path)
		case reflect.Slice:
			if v.Len() == 0 {
				out = append(out, path+": []")
			}
			for i := range v.Len() {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.Struct:
			for i := range v.NumField() {
				walk(v.Field(i), path+"."+v.Type().Field(i).Name)
			}
		case reflect.String:
			out = append(out, path+": "+strconv.Quote(v.String()))
		default:
			out = append(out, fmt.Sprintf("%s: %v", path, v)) // fmt prints unexported fields too
		}
	}
	walk(reflect.ValueOf(v), "")
	return out
}

// diff lists the leaves of got and want that differ.
func diff(got, want any) string {
	g, w := flatten(got), flatten(want)
	inW := map[string]bool{}
	for _, l := range w {
		inW[l] = true
	}
	inG := map[string]bool{}
	var b strings.Builder
	for _, l := range g {
		inG[l] = true
		if !inW[l] {
			b.WriteString("\n  got  " + l)
		}
	}
	for _, l := range w {
		if !inG[l] {
			b.WriteString("\n  want " + l)
		}
	}
	return b.String()
}

// ### Related names sibling questions, in this pack or another; bad and dangling names are
// reported at their line, and Library.Siblings links both ways, follow-ups included.
func TestParseRelated(t *testing.T) {
	src := head + `
## A? {#a}
### Answer
Yes.
### Related
- #b
- other#x

## B? {#b}
### Answer
No.
### Follow-ups
- #c

## C? {#c}
### Answer
Maybe.
`
	pk, diags := pack.Parse("p.md", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("errors:\n%s", diagText(diags))
	}
	if got := pk.Questions[0].Related; !reflect.DeepEqual(got, []string{"p/b", "other/x"}) {
		t.Errorf("Related = %v", got)
	}
	lib := pack.NewLibrary()
	lib.Add([]*pack.Pack{pk}, nil)
	sib := lib.Siblings()
	for key, want := range map[string][]string{"p/a": {"p/b"}, "p/b": {"p/a", "p/c"}, "p/c": {"p/b"}} {
		if got := sib[key]; !reflect.DeepEqual(got, want) {
			t.Errorf("siblings of %s = %v, want %v (other/x is not loaded)", key, got, want)
		}
	}
	if d := lib.CheckFollowUps(); len(d) != 1 || !d[0].Warning || d[0].Line != 12 || !strings.Contains(d[0].Message, `related other#x: pack "other" is not installed`) {
		t.Errorf("dangling related into another pack: %v", d)
	}

	bad := head + `
## A? {#a}
### Answer
Yes.
### Related
- #nope
- not a ref
- #a
`
	_, diags = pack.Parse("p.md", []byte(bad))
	want := []string{
		`p.md:11: related #nope: no question with that id in this pack`,
		`p.md:12: bad related question "not a ref": write - #question-id, or - other-pack#question-id`,
		`p.md:13: question "a" names itself as related`,
	}
	var errs pack.Diagnostics
	for _, d := range diags {
		if !d.Warning {
			errs = append(errs, d)
		}
	}
	var got []string
	for _, d := range errs {
		got = append(got, d.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The short form: related: in the line under the heading, as tags and level are written.
func TestParseRelatedField(t *testing.T) {
	src := head + `
## A? {#a}
tags: x · related: #b, other#c · level: mid

### Answer
Yes.

## B? {#b}

### Answer
No.
`
	pk, diags := pack.Parse("p.md", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("errors:\n%s", diagText(diags))
	}
	if got := pk.Questions[0].Related; !reflect.DeepEqual(got, []string{"p/b", "other/c"}) {
		t.Errorf("Related = %v", got)
	}
	_, diags = pack.Parse("p.md", []byte(strings.Replace(src, "related: #b, other#c", "related: #a, #zz", 1)))
	var msgs []string
	for _, d := range diags {
		if !d.Warning {
			msgs = append(msgs, d.String())
		}
	}
	want := []string{`p.md:8: question "a" names itself as related`, `p.md:8: related #zz: no question with that id in this pack`}
	if !reflect.DeepEqual(msgs, want) {
		t.Errorf("diagnostics %q, want %q", msgs, want)
	}
}
