package cli

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/store"
)

// HOTSEAT_NOW sets the clock, which then runs on in real time in the local zone; a
// malformed value is refused with what is wanted.
func TestHotseatNowSetsTheClock(t *testing.T) {
	want := time.Date(2026, 12, 24, 9, 0, 0, 0, time.UTC)
	for _, v := range []string{"2026-12-24T09:00:00Z", "2026-12-24T10:00:00+01:00", "2026-12-24T09:00:00.000Z"} {
		now, err := envClock(v)
		if err != nil {
			t.Fatalf("HOTSEAT_NOW=%s: %v", v, err)
		}
		first := now()
		if first.Before(want) || first.Sub(want) > time.Minute {
			t.Errorf("HOTSEAT_NOW=%s gives %v, want %v", v, first, want)
		}
		if first.Location() != time.Local {
			t.Errorf("HOTSEAT_NOW=%s: days should be counted in the local zone, not %v", v, first.Location())
		}
		time.Sleep(2 * time.Millisecond)
		if !now().After(first) {
			t.Errorf("HOTSEAT_NOW=%s: the clock stands still", v)
		}
	}
	for _, bad := range []string{"yesterday", "2026-12-24", "2026-12-24 09:00:00", "2026-12-24T09:00:00"} {
		_, err := envClock(bad)
		if want := `HOTSEAT_NOW wants an RFC 3339 time like 2026-12-24T09:00:00Z, got "` + bad + `"`; err == nil || err.Error() != want {
			t.Errorf("HOTSEAT_NOW=%q: %v, want %q", bad, err, want)
		}
	}
	if now, _ := envClock(""); time.Since(now()) > time.Minute {
		t.Error("without HOTSEAT_NOW the clock is the real one")
	}

	e := newPackEnv(t)
	t.Setenv("HOTSEAT_NOW", "tomorrow")
	if code, out, errOut := e.main("stats", "--json"); code != exitUsage || out != "" ||
		errOut != "hotseat: HOTSEAT_NOW wants an RFC 3339 time like 2026-12-24T09:00:00Z, got \"tomorrow\"\n" {
		t.Errorf("HOTSEAT_NOW=tomorrow: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

// stats --json, drill --plan --json and what commands record follow HOTSEAT_NOW: a review
// recorded yesterday counts toward today's streak and not toward today's reviews, and
// the question comes back due on the day the scheduler gave it, not a minute before.
func TestHotseatNowDrivesStatsAndPlan(t *testing.T) {
	e := newPackEnv(t)
	// Noon, local: whatever the machine's zone, the days below are the calendar days meant.
	yesterday := time.Date(2026, 12, 23, 12, 0, 0, 0, time.Local)
	// Good twice, the second after its learning step, so that it is due days later.
	e.now = yesterday
	key := e.drill("ensembles")
	e.now = yesterday.Add(30 * time.Minute)
	if again := e.drill("ensembles"); again != key {
		t.Fatalf("the second rating went to %s, not %s", again, key)
	}
	s := e.store()
	cards, err := s.Cards()
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	due := cards[key].Due
	if !due.After(yesterday.AddDate(0, 0, 2)) {
		t.Fatalf("two Goods should make it due after two days, got %v", due)
	}
	at := func(now time.Time, args ...string) string {
		t.Helper()
		t.Setenv("HOTSEAT_NOW", now.Format(time.RFC3339))
		code, out, errOut := e.main(args...)
		if code != exitOK {
			t.Fatalf("HOTSEAT_NOW=%s hotseat %s: exit %d, %s", now.Format(time.RFC3339), strings.Join(args, " "), code, errOut)
		}
		return out
	}

	for _, c := range []struct {
		name                             string
		now                              time.Time
		today, streak, dueNow, available int
	}{
		{"later the same day", yesterday.Add(3 * time.Hour), 2, 1, 0, 9},
		{"the next morning", yesterday.Add(21 * time.Hour), 0, 1, 0, 10},
		{"two days later", yesterday.AddDate(0, 0, 2).Add(-time.Hour), 0, 0, 0, 10},
		{"a minute before it is due", due.Add(-time.Minute), 0, 0, 0, 10},
		{"a minute after it is due", due.Add(time.Minute), 0, 0, 1, 10},
	} {
		var st struct {
			Total     int `json:"reviews_total"`
			Today     int `json:"reviews_today"`
			Streak    int `json:"streak_days"`
			DueNow    int `json:"due_now"`
			Available int `json:"new_available"`
		}
		out := at(c.now, "stats", "--json")
		if err := json.Unmarshal([]byte(out), &st); err != nil {
			t.Fatalf("%s: %v\n%s", c.name, err, out)
		}
		if st.Total != 2 || st.Today != c.today || st.Streak != c.streak || st.DueNow != c.dueNow || st.Available != c.available {
			t.Errorf("%s (%s): stats %+v; want today %d, streak %d, due %d, new %d",
				c.name, c.now.Format(time.RFC3339), st, c.today, c.streak, c.dueNow, c.available)
		}

		var plan []planItem
		out = at(c.now, "drill", "--plan", "--json")
		if err := json.Unmarshal([]byte(out), &plan); err != nil {
			t.Fatalf("%s: %v\n%s", c.name, err, out)
		}
		reason := ""
		for _, it := range plan {
			if store.Key(it.Pack, it.Question) == key {
				reason = it.Reason
			}
		}
		if want := map[bool]string{true: "due", false: ""}[c.dueNow == 1]; reason != want {
			t.Errorf("%s: drill --plan has %s with reason %q, want %q", c.name, key, reason, want)
		}
	}

	// What a command records carries the instant too.
	claimed := time.Date(2026, 12, 24, 9, 0, 0, 0, time.UTC)
	at(claimed, "claim", "add", "I love the details of ML models")
	var list []struct {
		Added time.Time `json:"added"`
	}
	if err := json.Unmarshal([]byte(at(claimed, "claim", "list", "--json")), &list); err != nil || len(list) != 1 {
		t.Fatalf("claim list --json: %v %v", err, list)
	}
	if d := list[0].Added.Sub(claimed); d < 0 || d > time.Minute {
		t.Errorf("a claim added under HOTSEAT_NOW=%s was stamped %v", claimed.Format(time.RFC3339), list[0].Added)
	}
}
