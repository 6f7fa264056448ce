package e2e

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// The acceptance of the mock interview, through the binary in a terminal: a 20-minute round
// answered by typing runs through its phases to the scorecard; interview list --json holds
// it, and interview show --markdown has the scorecard, the verdict, quotes from the answers
// and the follow-ups asked.
func TestMockInterviewRoundToReport(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	tm := u.start(100, 30, nil, "interview", "--minutes", "20", "--seed", "7")
	header := regexp.MustCompile(`Mock interview · ([A-Za-z ]+) · question (\d+)`)
	phases := map[string]bool{}
	for n := 1; ; n++ {
		scr := tm.waitUntil("a question or the scorecard", func(s string) bool {
			m := header.FindStringSubmatch(s)
			return strings.Contains(s, "Verdict") || m != nil && m[2] == itoa(n)
		})
		if strings.Contains(scr, "Verdict") {
			break
		}
		if n > 40 {
			t.Fatalf("the round does not end:\n%s", scr)
		}
		phase := strings.TrimSpace(header.FindStringSubmatch(scr)[1])
		phases[phase] = true
		answer := "Boosting fits trees one after another on the errors so far, which reduces bias; bagging averages trees on bootstrap samples, which reduces variance."
		switch phase {
		case "Tell me about yourself":
			answer = "I am an ML engineer at a bank and cut fraud losses by 12 percent. My last team wrote terrible code."
		case "Your questions for us":
			answer = "How do your models reach production, and who is on call for them?"
		}
		tm.typeText(answer)
		tm.keys("ctrl+s")
	}
	for _, p := range []string{"Tell me about yourself", "ML fundamentals", "Testing ML code", "Deployment and production", "Behavioural", "Your questions for us"} {
		if !phases[p] {
			t.Errorf("the round skipped %s (asked %v)", p, phases)
		}
	}
	tm.keys("enter")
	tm.waitFor(homeLoaded)
	tm.keys("q")
	if code := tm.waitExit(); code != 0 {
		t.Errorf("exit code %d", code)
	}

	code, out, errOut := u.run(nil, "interview", "list", "--json")
	var rounds []struct {
		ID       string         `json:"id"`
		Finished bool           `json:"finished"`
		Verdict  string         `json:"verdict"`
		Scores   map[string]int `json:"scores"`
	}
	if err := json.Unmarshal([]byte(out), &rounds); code != 0 || err != nil || len(rounds) != 1 {
		t.Fatalf("interview list --json: exit %d, %v\n%s%s", code, err, out, errOut)
	}
	assessed := 0 // a competency not assessed lists 0
	for _, score := range rounds[0].Scores {
		if score > 0 {
			assessed++
		}
	}
	if r := rounds[0]; !r.Finished || r.Verdict == "" || assessed < 4 {
		t.Errorf("the listed round (%d competencies assessed, want 4 or more): %+v", assessed, r)
	}
	code, md, errOut := u.run(nil, "interview", "show", rounds[0].ID, "--markdown")
	if code != 0 {
		t.Fatalf("interview show: exit %d\n%s", code, errOut)
	}
	for _, want := range []string{"## Verdict: ", "## Scorecard", "**ML fundamentals**", "**Testing ML code**", "**Deployment and production**",
		"**Communication and behaviour**", "## Red flags\n\n- \"My last team wrote terrible code.\": putting others down", "> I am an ML engineer at a bank and cut fraud losses by 12 percent.",
		"> Boosting fits trees one after another", "## Follow-up questions asked\n\n- After ", "## Drill next", "**Model answer**"} {
		if !strings.Contains(md, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("report:\n%s", md)
	}
}
