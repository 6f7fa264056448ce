package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
)

// hotseat config shows the settings with their defaults, checks a value before saving it,
// and the saved steps are the ones the trainer and the planner schedule with.
func TestConfigSteps(t *testing.T) {
	e := newPackEnv(t)
	out := e.ok("config")
	for _, want := range []string{"SETTING", "open-steps       none   none", "choice-steps     10m    10m", "leech-threshold  6      6"} {
		if !strings.Contains(out, want) {
			t.Errorf("config lacks %q:\n%s", want, out)
		}
	}
	if out := e.ok("config", "open-steps", "5m 1h"); out != "open-steps: 5m, 1h\n" {
		t.Errorf("set: %q", out)
	}
	if out := e.ok("config", "open-steps"); !strings.Contains(out, "open-steps  5m, 1h  none") { // one row: its own widths
		t.Errorf("show one:\n%s", out)
	}

	s := e.store()
	sched, err := schedulers(s, srs.DefaultW, claims.DefaultPolicy())
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	open := &pack.Question{Kind: pack.KindOpen}
	if d := sched.For(open, false).Preview(srs.Card{}, e.now)[srs.Again-1].Due.Sub(e.now); d != 5*time.Minute {
		t.Errorf("with open-steps 5m, 1h an open question rated Again waits %v", d)
	}
	if d := sched.For(open, true).Preview(srs.Card{}, e.now)[srs.Again-1].Due.Sub(e.now); d != 5*time.Minute {
		t.Errorf("a claimed open question rated Again waits %v, want the same steps", d)
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"config", "open-steps", "30s"}, "open-steps: step 30s: want whole minutes from 1m to 23h59m"},
		{[]string{"config", "open-steps", "2d"}, `open-steps: "2d" is not a duration`},
		{[]string{"config", "open-step", "1m"}, `no setting "open-step"; the settings are open-steps, choice-steps, interview-date, leech-threshold (did you mean open-steps?)`},
		{[]string{"config", "open-steps", "1m", "--reset"}, "--reset takes one KEY and no value"},
	} {
		code, _, errOut := e.run(tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q; want exit %d saying %q", tc.args, code, errOut, exitUsage, tc.want)
		}
	}
	if out := e.ok("config", "open-steps"); !strings.Contains(out, "5m, 1h") {
		t.Errorf("a refused value changed the setting:\n%s", out)
	}
	if out := e.ok("config", "open-steps", "--reset"); out != "open-steps: none\n" {
		t.Errorf("reset: %q", out)
	}
}

// The interview date: a real date, not in the past; stats counts down to it.
func TestConfigInterviewDate(t *testing.T) {
	e := newPackEnv(t) // its clock: 2026-03-01
	for _, tc := range []struct{ v, want string }{
		{"15/01/2027", `write the date as YYYY-MM-DD`},
		{"2026-02-28", `2026-02-28 is in the past`},
	} {
		if code, _, errOut := e.run("config", "interview-date", tc.v); code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: exit %d, %q", tc.v, code, errOut)
		}
	}
	if out := e.ok("config", "interview-date", "2026-03-11"); out != "interview-date: 2026-03-11\n" {
		t.Errorf("set: %q", out)
	}
	if out := e.ok("stats"); !strings.Contains(out, "interview: 2026-03-11, in 10 days") {
		t.Errorf("stats does not count down:\n%s", out)
	}
	e.ok("config", "interview-date", "--reset")
	if out := e.ok("stats"); strings.Contains(out, "interview:") {
		t.Errorf("stats after reset:\n%s", out)
	}
}
