package pack_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestLintGolden parses each pack in testdata/lint, which are full of seeded mistakes, and
// compares every diagnostic, as `hotseat pack lint` prints it, with testdata/lint/*.golden.
// Each mistake must be reported at its exact line. Run with -update to rewrite the golden
// files, then review the diff.
func TestLintGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "lint", "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no lint fixtures: %v", err)
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(strings.TrimSuffix(name, ".md"), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			_, diags := pack.Parse(name, src)
			var b strings.Builder
			for _, d := range diags {
				b.WriteString(d.String())
				b.WriteByte('\n')
			}
			golden := strings.TrimSuffix(f, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got := b.String(); got != string(want) {
				t.Errorf("diagnostics of %s differ from %s\n got:\n%s\nwant:\n%s", name, golden, got, want)
			}
		})
	}
}

// TestLintSeededMistakes names the mistakes the pack-format guide requires lint to catch,
// each at the line where it is written, so that a golden file regenerated carelessly
// cannot silently drop one.
func TestLintSeededMistakes(t *testing.T) {
	want := []struct {
		file    string
		line    int
		message string // a substring of the message
	}{
		{"mistakes.md", 4, `bad version "1.0"`},
		{"mistakes.md", 5, `bad time "90 seconds"`},
		{"mistakes.md", 6, `bad level "expert"`},
		{"mistakes.md", 7, `unknown field "colour"`},
		{"mistakes.md", 23, `duplicate question id "good" (first used on line 14)`},
		{"mistakes.md", 41, `follow-up #no-such-question: no question with that id`},
		{"mistakes.md", 43, `open question "no-answer" has no answer`},
		{"mistakes.md", 54, `key point has no terms`},
		{"mistakes.md", 55, `key point terms: empty group`},
		{"mistakes.md", 58, `bad time "forever"`},
		{"mistakes.md", 67, `time 2h is out of range`},
		{"mistakes.md", 76, `unknown field "difficulty" under the heading`},
		{"mistakes.md", 85, `bad level "principal"`},
		{"mistakes.md", 98, `unknown section "hints"`},
		{"mistakes.md", 106, `choice question "no-correct-choice" has no correct option`},
		{"mistakes.md", 115, `choice question "one-choice" needs at least two options`},
		{"mistakes.md", 118, `question has no id`},
		{"mistakes.md", 123, `bad question id "Bad_Id"`},
		{"missing-fields.md", 1, `front matter has no pack: field`},
		{"missing-fields.md", 1, `front matter has no title: field`},
		{"missing-fields.md", 1, `front matter has no version: field`},
		{"yaml-error.md", 5, `front matter is not valid YAML`},
		{"claims.md", 5, `field "title" is given twice`},
		{"claims.md", 14, `unknown field "phrase" in claim typo`},
		{"structure.md", 13, `question has no id: end the heading with {#some-id} (a line of --- right under text`},
		{"structure.md", 25, `second ### answer in question "two-answers" (first on line 22)`},
		{"structure.md", 71, `a # heading after the first question`},
		{"unclosed.md", 1, `front matter is not closed`},
		{"no-questions.md", 3, `the title is empty`},
		{"no-front-matter.md", 1, `a pack starts with front matter`},
	}
	diags := map[string]pack.Diagnostics{}
	for _, w := range want {
		if _, ok := diags[w.file]; !ok {
			src, err := os.ReadFile(filepath.Join("testdata", "lint", w.file))
			if err != nil {
				t.Fatal(err)
			}
			_, diags[w.file] = pack.Parse(w.file, src)
			if !diags[w.file].HasErrors() {
				t.Errorf("%s: no errors", w.file)
			}
		}
		found := false
		for _, d := range diags[w.file] {
			if d.Line == w.line && !d.Warning && strings.Contains(d.Message, w.message) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s:%d: no error containing %q; got:\n%s", w.file, w.line, w.message, diagText(diags[w.file]))
		}
	}
}

// TestYAMLErrorLine checks that a YAML syntax error is reported at the line that holds it,
// whichever part of the YAML library found it (its parser and scanner count lines
// differently), and wherever the front matter's first field is.
func TestYAMLErrorLine(t *testing.T) {
	tests := []struct {
		name string
		yaml string // the lines between the two ---; the front matter starts on line 2
		line int
	}{
		{"unclosed flow list", "pack: p\ntitle: t\nversion: 1.0.0\ntags: [a, b\n", 5},
		{"unclosed flow map", "pack: p\ntitle: {x\nversion: 1.0.0\n", 3},
		{"list item in a map", "pack: p\ntitle: t\nversion: 1.0.0\n- x\n", 5},
		{"bad indentation", "pack: p\ntitle: t\n  version: 1.0.0\n", 4},
		{"colon in a plain value", "pack: p\ntitle: Bagging: vs boosting\nversion: 1.0.0\n", 3},
		{"colon in a plain value on the first line", "title: Bagging: vs boosting\npack: p\nversion: 1.0.0\n", 2},
		{"token that cannot start", "pack: p\ntitle: t\nversion: @1\n", 4},
		{"unclosed quote", "pack: p\ntitle: \"t\nversion: 1.0.0\n", 3},
		{"tab indentation", "pack: p\n\ttitle: t\n", 3},
		{"blank lines before the fields", "\n\npack: p\ntitle: t\nversion: 1.0.0\ntags: [a\n", 7},
		{"unknown anchor", "pack: p\ntitle: t\nversion: 1.0.0\ntags: *nope\n", 5},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := "---\n" + tc.yaml + "---\n\n## Q {#q}\n\n### Answer\nA.\n"
			_, diags := pack.Parse("p.md", []byte(src))
			for _, d := range diags {
				if strings.Contains(d.Message, "not valid YAML") {
					if d.Line != tc.line {
						t.Errorf("reported at line %d, want %d: %s", d.Line, tc.line, d)
					}
					return
				}
			}
			t.Errorf("no YAML error; got:\n%s", diagText(diags))
		})
	}
}

func diagText(ds pack.Diagnostics) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("\t" + d.String() + "\n")
	}
	return b.String()
}

// Lists or quotes nested past MaxNesting are refused at their line, at once: rendering
// them takes terminal Markdown renderers minutes (issue "Hostile input", finding 2).
func TestDeepNestingRefused(t *testing.T) {
	for name, body := range map[string]string{
		"list":  strings.Repeat("- ", 800) + "x",
		"quote": strings.Repeat(">", 800) + " x",
		"mixed": strings.Repeat("> - ", 20) + "x",
	} {
		src := "---\npack: deep\ntitle: Deep\nversion: 1.0.0\n---\n\n## Deep? {#deep}\n\n### Answer\n" + body + "\n\n### Key points\n- x (match: x)\n"
		_, diags := pack.Parse("deep.md", []byte(src))
		if !diags.HasErrors() || diags[0].Line != 10 || !strings.Contains(diags[0].Message, "nested more than 16 deep") {
			t.Errorf("%s: diagnostics %v, want a nesting error at line 10", name, diags)
		}
	}
	ok := "---\npack: ok\ntitle: OK\nversion: 1.0.0\n---\n\n## Fine? {#fine}\n\n### Answer\n- a\n  - b\n    - c\n\n> quoted\n\n### Key points\n- a (match: a)\n"
	if _, diags := pack.Parse("ok.md", []byte(ok)); diags.HasErrors() {
		t.Errorf("three levels of nesting refused: %v", diags)
	}
}
