package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Bad arguments exit 2 with one sentence that says what was wanted, before anything opens.
func TestBadArgumentsSayWhatIsWanted(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"drill", "--pack", "nosuch"}, "no pack nosuch; packs: behavioural, deployment, ensembles, ml-testing, production-thinking, trees-and-forests"},
		{[]string{"drill", "--pack", "ensemble"}, "did you mean ensembles?"},
		{[]string{"drill", "--pack", "nosuch", "--plan"}, "no pack nosuch; packs:"},
		{[]string{"drill", "--tag", "nosuch"}, "no tag nosuch in your packs (hotseat pack list --json lists every tag)"},
		{[]string{"drill", "--tag", "baging", "--plan"}, "did you mean bagging?"},
		{[]string{"drill", "--count", "abc"}, `--count wants a whole number, like 10, got "abc"`},
		{[]string{"drill", "--count"}, "--count needs a value: a whole number, like 10"},
		{[]string{"drill", "--count", "-3"}, "--count wants a whole number from 1 to 1000, got -3"},
		{[]string{"drill", "--time", "5"}, `--time wants a duration, like 20m or 90s, got "5"`},
		{[]string{"drill", "--time", "1000h"}, "--time wants a duration from 1m to 24h0m0s"},
		{[]string{"--new", "-5", "stats"}, "--new wants a whole number from 0 to 500, got -5"},
		{[]string{"--new", "2147483648", "stats"}, "--new wants a whole number from 0 to 500, got 2147483648"},
		{[]string{"--new", "many", "stats"}, `--new wants a whole number, like 10, got "many"`},
		{[]string{"claim", "settings", "--retention", "NaN"}, "retention NaN is out of range: use 0.70 to 0.99"},
		{[]string{"claim", "settings", "--share", "lots"}, `--share wants a number, like 0.9, got "lots"`},
		{[]string{"stats", "--jsn"}, "unknown flag: --jsn; see hotseat stats --help"},
	} {
		code, _, errOut := runCLI(t, "", c.args...)
		if code != exitUsage || !strings.Contains(errOut, c.want) {
			t.Errorf("hotseat %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(c.args, " "), code, errOut, c.want)
		}
	}
}

// Help shows each flag's default once.
func TestHelpShowsEachDefaultOnce(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"drill", "--help"}, {"claim", "settings", "--help"}, {"pack", "show", "--help"}, {"pitch", "check", "--help"}} {
		_, out, _ := runCLI(t, "", args...)
		for _, line := range strings.Split(out, "\n") {
			if strings.Count(line, "default") > 1 || strings.Contains(line, "(-1)") {
				t.Errorf("hotseat %s: a default shown twice: %q", strings.Join(args, " "), line)
			}
		}
		if args[0] == "--help" && !strings.Contains(out, "(default 10)") {
			t.Errorf("hotseat --help should give --new's default:\n%s", out)
		}
	}
}

// HOTSEAT_NOW sets the clock; a malformed value is refused with what is wanted.
func TestHotseatNowSetsTheClock(t *testing.T) {
	now, err := envClock("2026-12-24T09:00:00Z")
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 12, 24, 9, 0, 0, 0, time.UTC)
	if got := now(); got.Before(want) || got.Sub(want) > time.Minute {
		t.Errorf("HOTSEAT_NOW=2026-12-24T09:00:00Z gives %v", got)
	}
	if now, _ := envClock("2026-12-24T09:00:00+01:00"); !now().After(want.Add(-time.Hour - time.Second)) {
		t.Error("a zone offset is honoured")
	}
	for _, bad := range []string{"yesterday", "2026-12-24", "2026-12-24 09:00:00"} {
		if _, err := envClock(bad); err == nil || !strings.Contains(err.Error(), "HOTSEAT_NOW wants an RFC 3339 time like 2026-12-24T09:00:00Z") {
			t.Errorf("HOTSEAT_NOW=%q: %v", bad, err)
		}
	}
	if now, _ := envClock(""); time.Since(now()) > time.Minute {
		t.Error("without HOTSEAT_NOW the clock is the real one")
	}
}

// Installed packs belong to the database they were installed with: each database's
// copies sit beside it, and one database never sees another's packs.
func TestInstalledPacksBelongToTheirDatabase(t *testing.T) {
	e := newPackEnv(t)
	src := filepath.Join(t.TempDir(), "group")
	e.ok("pack", "new", "group-pack", "--dir", src)

	e.ok("pack", "add", src) // the test's database
	other := filepath.Join(t.TempDir(), "work.db")
	e.ok("--db", other, "pack", "list") // creates it, with nothing installed
	if out := e.ok("--db", other, "pack", "list"); strings.Contains(out, "group-pack") {
		t.Fatalf("a database sees packs installed with another:\n%s", out)
	}
	e.ok("--db", other, "pack", "add", src)
	mine := filepath.Join(e.copies(), "group-pack", "group-pack.md")
	theirs := filepath.Join(filepath.Dir(other), "work.packs", "group-pack", "group-pack.md")
	for _, p := range []string{mine, theirs} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("installed copy missing: %v", err)
		}
	}
	e.ok("--db", other, "pack", "remove", "group-pack")
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("removing the pack from one database removed the other's copy: %v", err)
	}
	if lib := e.library(); lib.Pack("group-pack") == nil {
		t.Error("the first database lost its pack")
	}
}

// The default database keeps its copies where earlier releases put them, so existing
// installs load unchanged.
func TestDefaultDatabaseKeepsItsPacksFolder(t *testing.T) {
	e := newPackEnv(t)
	def := defaultDBPath()
	if got, want := packsRoot(def), filepath.Join(e.data, "hotseat", "packs"); got != want {
		t.Errorf("default database copies go to %s, want %s", got, want)
	}
	if got := packsRoot("/x/notes.packs"); got != "/x/notes.packs.packs" {
		t.Errorf("a database named like a packs folder: %s", got)
	}
	if got := packsRoot("/x/hotseat"); got != "/x/hotseat.packs" {
		t.Errorf("a database without extension: %s", got)
	}
}
