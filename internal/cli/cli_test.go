package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestPackListJSON(t *testing.T) {
	code, out, _ := runCLI(t, "", "pack", "list", "--json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	ids := map[string]bool{}
	for _, r := range rows {
		for _, k := range []string{"id", "title", "version", "source", "questions", "by_kind", "by_level", "by_tag"} {
			if _, ok := r[k]; !ok {
				t.Errorf("row %v lacks %q", r["id"], k)
			}
		}
		ids[r["id"].(string)] = true
	}
	for _, id := range []string{"ensembles", "trees-and-forests", "ml-testing", "deployment", "production-thinking", "behavioural"} {
		if !ids[id] {
			t.Errorf("pack list lacks %s", id)
		}
	}
}

// Each seeded mistake is named at its exact line, and lint exits 1.
func TestPackLintNamesEveryMistakeAtItsLine(t *testing.T) {
	src := strings.Join([]string{
		"---",                     // 1
		"pack: seeded",            // 2
		"title: Seeded",           // 3
		"version: 1.0.0",          // 4
		"colour: blue",            // 5 unknown field
		"---",                     // 6
		"",                        // 7
		"## First? {#first}",      // 8
		"time: 0s",                // 9 bad time
		"",                        // 10
		"### Answer",              // 11
		"An answer.",              // 12
		"",                        // 13
		"### Key points",          // 14
		"- A point without terms", // 15 key point without terms
		"",                        // 16
		"### Follow-ups",          // 17
		"- #nowhere",              // 18 follow-up to a missing id
		"",                        // 19
		"## Again? {#first}",      // 20 duplicate id
		"",                        // 21 open question with no answer (reported at 20)
		"## Pick? {#pick}",        // 22
		"",                        // 23
		"### Choices",             // 24 no correct option
		"- [ ] one",               // 25
		"- [ ] two",               // 26
	}, "\n")
	path := filepath.Join(t.TempDir(), "seeded.md")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "pack", "lint", path)
	if code != exitFail {
		t.Errorf("lint exit %d, want 1", code)
	}
	for _, want := range []string{
		path + `:5: unknown field "colour"`,
		path + `:9: time 0s is out of range`,
		path + `:15: key point has no terms`,
		path + `:18: follow-up #nowhere: no question with that id`,
		path + `:20: duplicate question id "first"`,
		path + `:20: open question "first" has no answer`,
		path + `:24: choice question "pick" has no correct option`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("lint output lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errOut, "errors") {
		t.Errorf("stderr should summarise the errors: %q", errOut)
	}
	if code, _, _ := runCLI(t, "", "pack", "lint"); code != exitOK {
		t.Errorf("linting the embedded packs exits %d, want 0", code)
	}
}

func TestPackShowRendersAnswerAndKeyPoints(t *testing.T) {
	code, out, _ := runCLI(t, "", "pack", "show", "ensembles/bagging-vs-boosting", "--width", "80")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"Model answer", "Key points", "match:"} {
		if !strings.Contains(out, want) {
			t.Errorf("pack show lacks %q", want)
		}
	}
	if regexp.MustCompile("\x1b[^\\[]|\x1b\\[[0-9;:]*[^0-9;:m]").MatchString(out) {
		t.Errorf("pack show output carries a non-SGR escape sequence")
	}
	if code, _, errOut := runCLI(t, "", "pack", "show", "ensembles/no-such-question"); code == exitOK || !strings.Contains(errOut, "no question") {
		t.Errorf("a missing question: exit %d, %q", code, errOut)
	}
}

func TestClaimCommandsAndPlan(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	run := func(args ...string) (int, string, string) {
		t.Helper()
		return runCLI(t, "", append(args, "--db", db)...)
	}
	if code, out, _ := run("claim", "add", "I love the details of ML models"); code != exitOK || !strings.Contains(out, "#model-internals") {
		t.Fatalf("claim add: %d %s", code, out)
	}
	if code, out, _ := run("claim", "add", "I am great at cooking pasta"); code != exitOK || !strings.Contains(out, "maps to no topic") {
		t.Errorf("an unmapped claim should say so: %d %s", code, out)
	}
	if code, out, _ := run("claim", "tags", "2", "--add", "behavioural"); code != exitOK || !strings.Contains(out, "#behavioural") {
		t.Errorf("claim tags: %d %s", code, out)
	}
	_, out, _ := run("claim", "list", "--json")
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 2 {
		t.Fatalf("claim list --json: %v\n%s", err, out)
	}
	if code, _, errOut := run("claim", "rm", "7"); code != exitUsage || !strings.Contains(errOut, "numbered 1 to 2") {
		t.Errorf("claim rm 7: %d %q", code, errOut)
	}
	if code, _, _ := run("claim", "rm", "2"); code != exitOK {
		t.Errorf("claim rm 2: %d", code)
	}
	_, out, _ = run("drill", "--plan", "--json")
	var plan []struct {
		Pack, Question, Reason, Claim string
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil || len(plan) == 0 {
		t.Fatalf("drill --plan --json: %v\n%s", err, out)
	}
	claimed := 0
	for _, it := range plan {
		if it.Pack == "" || it.Question == "" || it.Reason == "" {
			t.Errorf("plan item lacks fields: %+v", it)
		}
		if it.Claim == "I love the details of ML models" {
			claimed++
		}
	}
	if claimed*10 < len(plan)*3 {
		t.Errorf("%d of %d planned questions carry the claim, want at least 30%%", claimed, len(plan))
	}
	_, out, _ = run("claim", "audit", "--json")
	var audit []map[string]any
	if err := json.Unmarshal([]byte(out), &audit); err != nil || len(audit) != 1 || audit[0]["verdict"] == nil {
		t.Errorf("claim audit --json: %v\n%s", err, out)
	}
}

func TestStatsJSONOnFreshDatabase(t *testing.T) {
	code, out, _ := runCLI(t, "", "stats", "--json")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	var s map[string]any
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"reviews_total", "reviews_today", "due_now", "new_available", "streak_days", "by_pack"} {
		if _, ok := s[k]; !ok {
			t.Errorf("stats --json lacks %q: %s", k, out)
		}
	}
	if s["reviews_total"].(float64) != 0 || s["new_available"].(float64) != 10 {
		t.Errorf("fresh stats: %s", out)
	}
}

func TestTrainerWithoutTerminalExits2(t *testing.T) {
	code, _, errOut := runCLI(t, "")
	if code != exitUsage || !strings.Contains(errOut, "needs a full terminal") || !strings.Contains(errOut, "hotseat stats --json") {
		t.Errorf("without a terminal: exit %d, %q", code, errOut)
	}
}
