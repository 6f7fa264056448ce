package pack_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/questions"
)

// fuzzMaxInput caps the inputs the fuzzer tries. Parse refuses anything over MaxFileSize
// at once, so larger inputs exercise nothing; under the cap Parse must finish in
// fuzzDeadline, far more than the milliseconds a real pack takes.
const (
	fuzzMaxInput = pack.MaxFileSize
	fuzzDeadline = 5 * time.Second
)

// FuzzParse checks that Parse never panics, returns in bounded time, reports every
// problem at a line of the file, and never lets a control character or escape sequence
// into the pack: go test -fuzz=FuzzParse ./internal/pack
//
// Seeds: the spec's example, the lint fixtures, one embedded pack, hostile inputs below, and
// testdata/fuzz/FuzzParse (crashers found by earlier runs).
func FuzzParse(f *testing.F) {
	f.Add(specExample(f))
	files, _ := filepath.Glob(filepath.Join("testdata", "lint", "*.md"))
	for _, name := range files {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(string(src))
		}
	}
	if names, _ := fs.Glob(questions.FS, "*.md"); len(names) > 0 {
		for _, n := range names {
			if pack.IsPackFile(n) {
				src, _ := fs.ReadFile(questions.FS, n)
				f.Add(string(src))
				break
			}
		}
	}
	for _, s := range []string{
		"",
		"---",
		"---\n---",
		"---\n...\n",
		"\ufeff---\r\npack: p\r\ntitle: T\r\nversion: 1.0.0\r\n---\r\n## Q {#q}\r\n### Answer\r\nA\r\n",
		head + "## Q {#q}\n### Answer\n\x1b]52;c;ZXZpbA==\n\x1b[2J&#27;[2J&#x1b;]8;;x&#7;\u009b2J\n### Key points\n- k (match: a)\n",
		head + "## Q {#q}\n### Answer\nA\x1b",
		head + "## Q {#q}\n### Choices\n- [x]\n- [ ] \n- [X] a\n",
		head + "## Q {#q}\n### Follow-ups\n- #\n- a#\n- #b/c\n- ##x\n",
		head + "## Q {#q}\n### Key points\n- (match: )\n- x (match: ;;,*)\n- y (match: a**)\n- z (match:",
		head + "## {#}\n## {#a}\n## a {#a}\n### \n#### x\n",
		head + "Q {#q}\n---\nA\n===\n### Answer\nB\n---\n",
		head + "```\n## not\n" + strings.Repeat("- - - - - - - -\n", 20),
		head + strings.Repeat(">", 200) + " ## Q {#q}\n",
		head + "## Q {#q}\n### Answer\n" + strings.Repeat("- ", 800) + "x\n" + strings.Repeat("> ", 400) + "y\n",
		head + "## Q {#q}\n### Answer\n" + strings.Repeat("> - 1. ", 60) + "z\n### Key points\n- k (match: k; shown: no put-down, words 1-9)\n",
		head + strings.Repeat("  ", 100) + "- x\n" + strings.Repeat("[", 1000),
		"---\npack: p\ntitle: \"\\e[2J\"\nversion: 1.0.0\nclaims:\n  a: {phrases: [\"\\x1b\"]}\n\"\\e\": 1\n\"\\e\": 2\n---\n",
		"---\na: &a [*a, *a]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]\n---\n",
		"---\n\n\n  pack: p\n  title: t\n---\n",
		"---\npack: p\ntitle: t\nversion: 1.0.0\ntime: 9223372036854775807ns\n---\n## Q {#q}\ntime: 1h1h1h1h · level: · tags: ,,\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > fuzzMaxInput {
			t.Skip()
		}
		type result struct {
			pk    *pack.Pack
			diags pack.Diagnostics
		}
		done := make(chan result, 1)
		go func() {
			pk, diags := pack.Parse("fuzz.md", []byte(src))
			done <- result{pk, diags}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(fuzzDeadline):
			t.Fatalf("Parse did not return within %v for %d bytes", fuzzDeadline, len(src))
		}
		checkParse(t, src, r.pk, r.diags)
	})
}

// checkParse asserts the promises Parse makes for any input.
func checkParse(t *testing.T, src string, pk *pack.Pack, diags pack.Diagnostics) {
	t.Helper()
	if pk == nil {
		if len(src) <= pack.MaxFileSize {
			t.Fatalf("no pack for a %d-byte input", len(src))
		}
		return
	}
	lines := strings.Count(src, "\n") + 1
	for _, d := range diags {
		if d.Line < 0 || d.Line > lines+1 {
			t.Errorf("diagnostic at line %d of a %d-line input: %s", d.Line, lines, d)
		}
		if d.File != "fuzz.md" || d.Message == "" {
			t.Errorf("bad diagnostic %#v", d)
		}
		if c := firstControl(strings.ReplaceAll(d.Message, "\n", "")); c >= 0 {
			t.Errorf("diagnostic message holds control byte %#x: %q", c, d.Message)
		}
	}
	for _, s := range packStrings(pk) {
		if c := firstControl(s); c >= 0 {
			t.Errorf("pack string holds control byte %#x: %q", c, s)
		}
	}
	for _, q := range pk.Questions {
		if q.Line < 1 || q.Line > lines {
			t.Errorf("question %q at line %d of a %d-line input", q.ID, q.Line, lines)
		}
		for _, kp := range q.Body().KeyPoints {
			if kp.Line < q.Line || kp.Line > lines || len(kp.Groups) == 0 {
				t.Errorf("key point %q: line %d, %d groups", kp.Text, kp.Line, len(kp.Groups))
			}
		}
		if len(q.FollowUpLines) != len(q.FollowUps) {
			t.Errorf("question %q: %d follow-ups, %d lines", q.ID, len(q.FollowUps), len(q.FollowUpLines))
		}
	}
}
