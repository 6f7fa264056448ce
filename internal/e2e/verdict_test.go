package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The grader's verdict as a user meets it: a typed answer is graded with evidence, the
// user corrects a tick the grader missed and saves their words, and afterwards
// `hotseat grade` (the same grader, outside the trainer) credits the point with them.
func TestCorrectTheGraderAndSaveWords(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	_, out, _ := u.run(nil, "drill", "--plan", "--json", "--pack", "ensembles", "--count", "1")
	var plan []struct{ Pack, Question string }
	if err := json.Unmarshal([]byte(out), &plan); err != nil || len(plan) != 1 {
		t.Fatalf("plan %q: %v", out, err)
	}
	key := plan[0].Pack + "/" + plan[0].Question
	tm := u.start(100, 40, nil, "drill", "--pack", "ensembles", "--count", "1")
	tm.pastOrientation(`· 1 of 1`)
	const words = "the wobble of deep trees cancels out"
	tm.typeText("I am honestly not sure, but " + words + ".")
	tm.keys("ctrl+s")
	tm.waitFor(`Suggested:`)
	tm.keys("space")
	scr := tm.waitFor(`Correct the grader`)
	// Tick the first key point the grader left unticked.
	m := regexp.MustCompile(`\[ \]\s+(?:> )?(\d)\. `).FindStringSubmatch(scr)
	if m == nil {
		t.Fatalf("no unticked key point on the checklist:\n%s", scr)
	}
	tm.keys(m[1], "enter")
	tm.waitFor(`I said it differently`)
	tm.keys("ctrl+u") // clear the sentence offered, keep only the words that carry the idea
	tm.typeText(words)
	tm.keys("enter")
	tm.waitFor(`saved your words`)
	tm.keys("3")
	tm.waitFor(`Set done|answered`)
	tm.keys("ctrl+c")
	if code := tm.waitExit(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	answer := filepath.Join(t.TempDir(), "answer.txt")
	if err := os.WriteFile(answer, []byte("Honestly, "+words+" when you average them."), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := u.run(nil, "grade", key, answer, "--json")
	if code != 0 || !strings.Contains(out, `"personal": true`) {
		t.Errorf("hotseat grade should credit the point with the saved words: exit %d\n%s\n%s", code, out, errOut)
	}
}
