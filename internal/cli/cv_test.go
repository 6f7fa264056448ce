package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hotseat/hotseat/internal/store"
)

// The acceptance, through the command: a sloppy CV is reported line by line and
// exits 1, a clean one exits 0 with no finding, the claims are offered, and PDF and DOCX
// versions say the same.
func TestCVCheck(t *testing.T) {
	dir := filepath.Join("..", "cv", "testdata")
	code, out, errOut := runCLI(t, "", "cv", "check", filepath.Join(dir, "sloppy.md"))
	if code != 1 || errOut != "" {
		t.Fatalf("sloppy CV: exit %d, stderr %q, want 1 and nothing\n%s", code, errOut, out)
	}
	name := filepath.Join(dir, "sloppy.md")
	for _, want := range []string{
		name + `:7:45: spelling: "experiance" is a common misspelling (experience)`,
		name + `:12:25: placeholder: "[Company Name]" looks like a template placeholder left in (fill it in or remove it)`,
		name + `:21:1: date: "January 2019" is written differently from the other dates (3 of them are like "01/2021") (01/2019)`,
		name + `:17:3: tense (hint): "Deploy" is present tense`,
		"12 problems and 3 hints in " + name,
		"Claims your CV makes",
		`"Expert in gradient boosting and passionate about MLOps."`,
		"drills #deployment #monitoring #gradient-boosting #boosting",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	for _, f := range []string{"clean.md", "clean.docx", "clean.pdf"} {
		code, out, _ := runCLI(t, "", "cv", "check", filepath.Join(dir, f))
		if code != 0 || !strings.Contains(out, "No problems found in ") {
			t.Errorf("%s: exit %d, want 0 and no problem\n%s", f, code, out)
		}
	}

	var reports []cvReport
	for _, f := range []string{"sloppy.md", "sloppy.docx", "sloppy.pdf"} {
		code, out, _ := runCLI(t, "", "cv", "check", "--json", filepath.Join(dir, f))
		var r cvReport
		if err := json.Unmarshal([]byte(out), &r); err != nil || code != 1 {
			t.Fatalf("%s --json: exit %d, %v\n%s", f, code, err, out)
		}
		reports = append(reports, r)
	}
	msgs := func(r cvReport) []string {
		var out []string
		for _, f := range r.Findings {
			out = append(out, string(f.Kind)+": "+f.Message)
		}
		return out
	}
	for i, f := range []string{"docx", "pdf"} {
		if got, want := msgs(reports[i+1]), msgs(reports[0]); !reflect.DeepEqual(got, want) {
			t.Errorf("the %s findings differ from the Markdown's:\n got %q\nwant %q", f, got, want)
		}
	}
	if r := reports[0]; r.Errors != 12 || r.Hints != 3 || r.Format != "markdown" || len(r.Claims) == 0 || r.Findings[0].File != r.File {
		t.Errorf("JSON report: errors %d hints %d format %s claims %d", r.Errors, r.Hints, r.Format, len(r.Claims))
	}

	code, out, _ = runCLI(t, "", "cv", "check", "--no-hints", filepath.Join(dir, "sloppy.md"))
	if code != 1 || strings.Contains(out, "(hint)") {
		t.Errorf("--no-hints: exit %d\n%s", code, out)
	}
}

func TestCVCheckInputErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"cv", "check", "no-such-cv.pdf"}, "read CV no-such-cv.pdf: no such file"},
		{[]string{"cv", "check", t.TempDir()}, "it is a directory"},
		{[]string{"cv", "check", writeFile(t, "cv.doc", "\xd0\xcf\x11\xe0")}, "save it as PDF, DOCX, Markdown or plain text"},
		{[]string{"cv", "check", writeFile(t, "cv.pdf", "%PDF-1.4 broken")}, "read PDF"},
		{[]string{"cv", "check", writeFile(t, "cv.md", "\n\n")}, "the CV is empty"},
	} {
		code, _, errOut := runCLI(t, "", tc.args...)
		if code != 1 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q, want 1 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// cv text numbers the lines as the findings do, and reads stdin.
func TestCVText(t *testing.T) {
	code, out, _ := runCLI(t, "", "cv", "text", filepath.Join("..", "cv", "testdata", "sloppy.pdf"))
	if code != 0 || !strings.Contains(out, "   4  Machine learning engineer with six years of experiance building") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	code, out, _ = runCLI(t, "Jo Bloggs\nrecieved\n", "cv", "check", "-")
	if code != 1 || !strings.Contains(out, `stdin:2:1: spelling: "recieved" is a common misspelling (received)`) {
		t.Errorf("stdin: exit %d:\n%s", code, out)
	}
}

// After an upgrade, the first command brings the database up to date, even one that only
// reads (pack list, cv check, stats): none of them fails with "needs upgrading", and each
// says once on stderr that it upgrades the file.
func TestFirstCommandAfterUpgrade(t *testing.T) {
	for _, args := range [][]string{{"pack", "list"}, {"cv", "check", filepath.Join("..", "cv", "testdata", "clean.md")}, {"stats", "--json"}, {"interview", "list"}} {
		db := filepath.Join(t.TempDir(), "hotseat.db")
		src, err := os.ReadFile(filepath.Join("..", "store", "testdata", "release-acc8fb7.db"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(db, src, 0o600); err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runCLIWith(t, db, "", args...)
		if code != 0 || strings.Contains(errOut+out, "needs upgrading") || strings.Count(errOut, fmt.Sprintf("from schema v1 to v%d, once", store.Schema())) != 1 {
			t.Errorf("%v on a database of the last release: exit %d\n%s%s", args, code, out, errOut)
		}
	}
}
