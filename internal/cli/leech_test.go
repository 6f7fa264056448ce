package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// A question that lapsed leech-threshold times leaves the daily drill and is listed with
// the key points its answers missed; unsuspended, it is back; with the threshold at 0
// nothing is a leech.
func TestLeeches(t *testing.T) {
	e := newPackEnv(t)
	const key = "ensembles/bagging-vs-boosting"
	s := e.store()
	var card srs.Card
	for i := range 8 {
		at := e.now.AddDate(0, 0, -40+i)
		card = srs.Card{State: srs.Review, Stability: 1, Difficulty: 8, Due: e.now.Add(-time.Hour), LastReview: at, Reps: i + 1, Lapses: i}
		if _, err := s.Record(store.Review{Time: at, Pack: "ensembles", Question: "bagging-vs-boosting", Rating: srs.Again,
			Coverage: 0.2, Answer: "both use many trees"}, card); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	inPlan := func() bool {
		var plan []struct {
			Pack     string `json:"pack"`
			Question string `json:"question"`
		}
		if err := json.Unmarshal([]byte(e.ok("drill", "--plan", "--json")), &plan); err != nil {
			t.Fatal(err)
		}
		for _, it := range plan {
			if it.Pack+"/"+it.Question == key {
				return true
			}
		}
		return false
	}
	if inPlan() {
		t.Errorf("a question with %d lapses is in the daily plan", card.Lapses)
	}
	out := e.ok("leech")
	if !strings.Contains(out, key) || !strings.Contains(out, "  7  ") || !strings.Contains(out, "(8 times)") {
		t.Errorf("leech list:\n%s", out)
	}
	var rows []leechRow
	if err := json.Unmarshal([]byte(e.ok("leech", "--json")), &rows); err != nil || len(rows) != 1 || rows[0].Reviews != 8 || len(rows[0].Missed) == 0 {
		t.Errorf("leech --json: %+v %v", rows, err)
	}
	var st map[string]json.RawMessage
	if err := json.Unmarshal([]byte(e.ok("stats", "--json")), &st); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"retention", "forecast", "heatmap", "time", "leeches", "claims"} {
		if _, ok := st[k]; !ok {
			t.Errorf("stats --json lacks %q", k)
		}
	}
	var ls []string
	if err := json.Unmarshal(st["leeches"], &ls); err != nil || len(ls) != 1 || ls[0] != key {
		t.Errorf("stats --json leeches = %s", st["leeches"])
	}
	if out := e.ok("stats"); !strings.Contains(out, "leeches: 1 out of the daily drill") || !strings.Contains(out, "true retention: mature") {
		t.Errorf("stats text:\n%s", out)
	}
	if code, _, errOut := e.run("leech", "unsuspend", "ensembles/nope"); code != exitUsage || !strings.Contains(errOut, "ensembles/nope is not a leech; the leeches are "+key) {
		t.Errorf("unsuspend of a question that is not a leech: exit %d, %s", code, errOut)
	}
	if out := e.ok("leech", "unsuspend", key); !strings.Contains(out, "back in the daily drill; 3 more lapses") {
		t.Errorf("unsuspend: %s", out)
	}
	if !inPlan() {
		t.Error("an unsuspended leech is not back in the daily plan")
	}
	if out := e.ok("leech"); !strings.Contains(out, "no leeches") {
		t.Errorf("after unsuspend: %s", out)
	}
	e.ok("config", "leech-threshold", "0")
	if out := e.ok("leech"); !strings.Contains(out, "leech-threshold is 0") {
		t.Errorf("threshold 0: %s", out)
	}
	if code, _, errOut := e.run("config", "leech-threshold", "200"); code != exitUsage || !strings.Contains(errOut, "from 1 to 99, or 0") {
		t.Errorf("threshold 200: exit %d, %s", code, errOut)
	}
}

// A claim already made (case, punctuation, small words and endings aside) is not added
// twice; a claim naming a tag maps to it.
func TestClaimAddMergesDuplicatesAndMapsTagNames(t *testing.T) {
	e := newPackEnv(t)
	if out := e.ok("claim", "add", "I know gradient boosting inside out"); !strings.Contains(out, "#gradient-boosting") {
		t.Errorf("a claim naming the tag:\n%s", out)
	}
	if out := e.ok("claim", "add", "i know Gradient Boosting inside-out."); !strings.Contains(out, `already claimed as 1: "I know gradient boosting inside out"; nothing added`) {
		t.Errorf("a duplicate claim:\n%s", out)
	}
	if out := e.ok("claim", "list"); strings.Count(out, "gradient boosting inside out") != 1 {
		t.Errorf("the duplicate was stored:\n%s", out)
	}
	if out := e.ok("claim", "add", "I write unit tests for everything"); !strings.Contains(out, "#unit-tests") {
		t.Errorf("unit tests:\n%s", out)
	}
	code, _, errOut := e.run("claim", "tags", "1", "--add", "gradient-bosting")
	if code != exitUsage || !strings.Contains(errOut, `no question carries the tag "gradient-bosting" (did you mean gradient-boosting?); the tags are: `) {
		t.Errorf("an unknown tag: exit %d, %s", code, errOut)
	}
	e.ok("claim", "tags", "1", "--add", "boosting")
}
