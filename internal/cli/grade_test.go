package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	udiff "github.com/aymanbagabas/go-udiff"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/store"
	"github.com/hotseat/hotseat/questions"
)

const baggingAnswer = "Bagging trains many trees in parallel, each on its own bootstrap sample, and averages them, " +
	"which mostly lowers the variance of unstable learners such as deep trees. Boosting fits weak learners one after another on the mistakes of the ensemble so far, " +
	"so it mainly reduces bias."

// grade --json prints the verdict in the documented shape, the same one the reveal shows.
func TestGradeJSON(t *testing.T) {
	code, out, errOut := runCLI(t, baggingAnswer, "grade", "ensembles/bagging-vs-boosting", "-", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var g struct {
		Question  string `json:"question"`
		KeyPoints []struct {
			Text    string   `json:"text"`
			Covered bool     `json:"covered"`
			Partial bool     `json:"partial"`
			Matched []string `json:"matched"`
			Wrong   []string `json:"wrong"`
		} `json:"key_points"`
		Flags     []string `json:"flags"`
		Suggested string   `json:"suggested"`
	}
	if err := json.Unmarshal([]byte(out), &g); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if g.Question != "ensembles/bagging-vs-boosting" || len(g.KeyPoints) != 4 || g.Flags == nil {
		t.Fatalf("got %+v", g)
	}
	for _, kp := range g.KeyPoints {
		if !kp.Covered || len(kp.Matched) == 0 {
			t.Errorf("%q: covered %v matched %q; the answer makes every point", kp.Text, kp.Covered, kp.Matched)
		}
	}
	// In time at half the limit, every point: Easy. Over the limit: at most Hard.
	if g.Suggested != "Easy" {
		t.Errorf("suggested %s, want Easy", g.Suggested)
	}
	_, out, _ = runCLI(t, baggingAnswer, "grade", "ensembles/bagging-vs-boosting", "--json", "--used", "10m")
	if !strings.Contains(out, `"suggested": "Hard"`) {
		t.Errorf("10 minutes on a 2-minute question: %s", out)
	}
}

// Keyword lists, misconceptions and red flags show in the plain output, and --explain
// names where terms matched.
func TestGradeText(t *testing.T) {
	_, out, _ := runCLI(t, "bootstrap, parallel, sequential, residuals, variance, bias", "grade", "ensembles/bagging-vs-boosting")
	if !strings.Contains(out, "reads like a list of keywords") || !strings.Contains(out, "Suggested: Again") {
		t.Errorf("keyword list:\n%s", out)
	}
	_, out, _ = runCLI(t, "My last team wrote terrible code, so I rewrote the pipeline myself and we shipped.", "grade", "behavioural/tell-me-about-yourself")
	if !strings.Contains(out, "Putting others down") || !strings.Contains(out, "My last team wrote terrible code") {
		t.Errorf("red flag:\n%s", out)
	}
	_, out, _ = runCLI(t, baggingAnswer, "grade", "--explain", "ensembles/bagging-vs-boosting")
	if !strings.Contains(out, `[bootstrap* → "bootstrap" at 1:`) {
		t.Errorf("--explain does not say where bootstrap* matched:\n%s", out)
	}
}

func TestGradeRefusals(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"grade", "nosuch/x"}, "no pack nosuch"},
		{[]string{"grade", "ensembles/bagging-vs-bosting"}, "did you mean bagging-vs-boosting"},
		{[]string{"grade", "ensembles"}, "say which question"},
		{[]string{"grade", "ensembles/meta-learner-training-data"}, "choice question"},
		{[]string{"grade", "ensembles/bagging-vs-boosting", "/nonexistent/answer.txt"}, "no such file"},
	} {
		code, _, errOut := runCLI(t, "", tc.args...)
		if code == exitOK || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want an error with %q", tc.args, code, errOut, tc.want)
		}
	}
}

// suggest-terms turns saved words into a patch; applied, the pack lints clean and the
// phrase earns its point on its own.
func TestSuggestTerms(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	s, err := store.Open(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	const point = "Bagging mainly reduces the variance of unstable learners"
	const phrase = "takes the wobble out of jumpy trees"
	if err := s.SaveSynonym("ensembles/bagging-vs-boosting", point, phrase); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errOut := runCLI(t, "", "pack", "suggest-terms", "ensembles", "--db", db)
	if code != exitOK || !strings.Contains(out, "+++ b/questions/ensembles.md") || !strings.Contains(out, phrase) {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	name, src, err := packSource(mustPack(t, "ensembles"))
	if err != nil || name != "questions/ensembles.md" {
		t.Fatal(name, err)
	}
	edits := udiff.Strings(src, applyPatchLines(t, src, out))
	patched, err := udiff.Apply(src, edits)
	if err != nil {
		t.Fatal(err)
	}
	pk, diags := pack.Parse("ensembles.md", []byte(patched))
	if diags.HasErrors() {
		t.Fatalf("patched pack does not lint: %v", diags)
	}
	for _, q := range pk.Questions {
		if q.ID != "bagging-vs-boosting" {
			continue
		}
		q.PackID = "patched"
		c := score.Grade(q, "Honestly it just "+phrase+".", score.Options{})
		for i, kp := range q.Body().KeyPoints {
			if kp.Text == point && !c.Covered[i] {
				t.Errorf("after the patch the phrase does not earn %q", point)
			}
		}
	}
}

func mustPack(t *testing.T, id string) *pack.Pack {
	t.Helper()
	a := &app{now: time.Now}
	lib, _ := a.loadLibrary()
	if p := lib.Pack(id); p != nil {
		return p
	}
	t.Fatalf("no pack %s", id)
	return nil
}

// applyPatchLines applies a unified diff of changed lines (no added or removed lines) to
// src, as git apply would.
func applyPatchLines(t *testing.T, src, diff string) string {
	t.Helper()
	lines := strings.Split(src, "\n")
	var minus []string
	for _, l := range strings.Split(diff, "\n") {
		switch {
		case strings.HasPrefix(l, "---") || strings.HasPrefix(l, "+++"):
		case strings.HasPrefix(l, "-"):
			minus = append(minus, l[1:])
		case strings.HasPrefix(l, "+"):
			if len(minus) == 0 {
				t.Fatalf("an added line without a removed one: %q", l)
			}
			old := minus[0]
			minus = minus[1:]
			found := false
			for i := range lines {
				if lines[i] == old {
					lines[i], found = l[1:], true
					break
				}
			}
			if !found {
				t.Fatalf("patch line not in the file: %q", old)
			}
		}
	}
	return strings.Join(lines, "\n")
}

// lint grades each model answer against its own key points: a point it misses and a
// misconception it states are errors at their lines.
func TestLintGradesModelAnswers(t *testing.T) {
	src := strings.Join([]string{
		"---",
		"pack: selfcheck",
		"title: Self check",
		"version: 1.0.0",
		"---",
		"",
		"## Why average many trees? {#avg}",
		"",
		"### Answer",
		"Averaging many deep trees lowers the variance; entropy is for regression.",
		"",
		"### Key points",
		"- Averaging lowers variance (match: variance)",                             // 13
		"- Bootstrap samples make the trees differ (match: bootstrap*)",             // 14
		"- Both criteria are for classification (wrong: entropy is for regression)", // 15
	}, "\n")
	path := writeFile(t, "selfcheck.md", src)
	code, out, _ := runCLI(t, "", "pack", "lint", path)
	if code != exitFail {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{path + ":14: the model answer does not earn this key point", path + ":15: the model answer states this misconception"} {
		if !strings.Contains(out, want) {
			t.Errorf("lint output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, ":13:") {
		t.Errorf("the covered point was reported:\n%s", out)
	}
}

// db check passes a sound database and names the damage of a damaged one, exit 1, without
// writing to it.
func TestDBCheck(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	s, err := store.Open(db, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 200 {
		if err := s.SaveSynonym(fmt.Sprintf("p/q%d", i), "a key point of some length", "some words"); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if code, out, _ := runCLI(t, "", "db", "check", "--db", db); code != exitOK || !strings.Contains(out, "no damaged pages") {
		t.Fatalf("sound database: exit %d\n%s", code, out)
	}
	data, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	clear(data[4*4096 : 5*4096]) // a data page, not one of the two meta pages
	if err := os.WriteFile(db, data, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "db", "check", "--db", db)
	if code != exitFail || !strings.Contains(out+errOut, "damaged") {
		t.Errorf("damaged database: exit %d\n%s%s", code, out, errOut)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, data) {
		t.Error("db check wrote to the database")
	}
}

// --new more than the packs hold is refused and not stored (issue "Hostile input",
// finding 4).
func TestNewOverQuestionsRefused(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	packs, _ := pack.LoadFS(questions.FS, "questions")
	n := 1
	for _, pk := range packs {
		n += len(pk.Questions)
	}
	if n > maxNewPerDay {
		t.Fatalf("the bank has %d questions, more than --new's bound of %d: test the bound by the packs with --packs", n-1, maxNewPerDay)
	}
	code, _, errOut := runCLI(t, "", "--new", fmt.Sprint(n), "stats", "--db", db)
	if code != exitUsage || !strings.Contains(errOut, "(the questions in your packs), got "+fmt.Sprint(n)) {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, out, _ := runCLI(t, "", "stats", "--db", db); !strings.Contains(out, "new available today: 10") {
		t.Errorf("the refused --new was stored:\n%s", out)
	}
}
