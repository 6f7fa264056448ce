package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

// runCLI runs hotseat in-process with the given stdin and returns the exit code as Main
// computes it, and what was written to stdout and stderr.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	return runCLIWith(t, filepath.Join(t.TempDir(), "hotseat.db"), stdin, args...)
}

// runCLIWith runs hotseat on the database at db.
func runCLIWith(t *testing.T, db, stdin string, args ...string) (int, string, string) {
	t.Helper()
	t.Setenv("HOTSEAT_PACKS", "")
	t.Setenv("HOTSEAT_DB", db)
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb,
		now: func() time.Time { return time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC) }}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SilenceUsage = true
	root.SilenceErrors = true // Main's fang error handler prints errors, not cobra
	err := root.Execute()
	code := exitOK
	if err != nil {
		code = exitFail
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		}
		if ee == nil || !ee.silent {
			errb.WriteString(err.Error())
		}
	}
	return code, out.String(), errb.String()
}

const goodPitch = `I'm Tomasz, a machine learning engineer with four years in recommendation systems. At
Allegro I own the ranking model for the home feed. Unlike batch scoring, online serving lets us
react to what a user did a minute ago, so I moved our ranker to a real-time LightGBM service.
It shipped to all users in three releases, and the A/B test showed a 4.2% lift in
click-through at a p99 latency of 35 ms. I worked with a competent team, and I mentor two
junior engineers. I'd like to join you because your marketplace has the same cold-start
problems at a larger scale.
`

const badPitch = `I'm Marek, an ML engineer at a retail bank. The previous data science team had no clue
what they were doing, and unlike other engineers I actually test my code. I have deployed
models to production for years and moved scoring to a service that handles 2 million
applications a year. It wasn't my fault that the first launch slipped: my manager never
gave me the data on time. I want a team where the bar is high.
`

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPitchCheckGood(t *testing.T) {
	code, out, errOut := runCLI(t, "", "pitch", "check", writeFile(t, "good.txt", goodPitch))
	if code != 0 {
		t.Fatalf("exit %d, want 0\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"No red flags.", "gradient-boosting: \"Unlike batch scoring, online serving", "teamwork:", "words · about", "limit 2m, about 300 words"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestPitchCheckBad(t *testing.T) {
	code, out, errOut := runCLI(t, "", "pitch", "check", writeFile(t, "bad.txt", badPitch))
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s%s", code, out, errOut)
	}
	if errOut != "" {
		t.Errorf("stderr = %q, want nothing: the review says it all", errOut)
	}
	for _, want := range []string{
		"3 red flags",
		"✗ Putting others down (put-down)",
		"✗ Claiming superiority (superiority)",
		"✗ Blaming others (blame)",
		`"The previous data science team had no clue what they were doing, and unlike other engineers I actually test my code."`,
		`"It wasn't my fault that the first launch slipped: my manager never gave me the data on time."`,
		"deployment: \"I have deployed models to production",
		"drills tags deployment, monitoring",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestPitchCheckJSON(t *testing.T) {
	code, out, _ := runCLI(t, badPitch, "pitch", "check", "--json", "-")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &top); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if got := keys(top); !reflect.DeepEqual(got, []string{"claims", "estimated_seconds", "flags", "words"}) {
		t.Errorf("top-level keys = %v", got)
	}
	var rev struct {
		Flags            []map[string]json.RawMessage `json:"flags"`
		Claims           []map[string]json.RawMessage `json:"claims"`
		Words            int                          `json:"words"`
		EstimatedSeconds int                          `json:"estimated_seconds"`
	}
	if err := json.Unmarshal([]byte(out), &rev); err != nil {
		t.Fatal(err)
	}
	if len(rev.Flags) != 3 || len(rev.Claims) != 1 || rev.Words != 78 || rev.EstimatedSeconds != 31 {
		t.Errorf("review = %+v", rev)
	}
	for _, f := range rev.Flags {
		if got := keys(f); !reflect.DeepEqual(got, []string{"rule", "sentence", "why"}) {
			t.Errorf("flag keys = %v", got)
		}
	}
	for _, c := range rev.Claims {
		if got := keys(c); !reflect.DeepEqual(got, []string{"phrase", "sentence", "tags", "topic"}) {
			t.Errorf("claim keys = %v", got)
		}
	}

	code, out, _ = runCLI(t, goodPitch, "pitch", "check", "--json", "-")
	if code != 0 || !strings.Contains(out, `"flags": [],`) {
		t.Errorf("good pitch: exit %d\n%s", code, out)
	}
}

func TestPitchCheckTimeFlag(t *testing.T) {
	p := writeFile(t, "good.txt", goodPitch)
	code, out, _ := runCLI(t, "", "pitch", "check", "--time", "20s", p)
	if code != 1 || !strings.Contains(out, "✗ Over time (over-time)") || !strings.Contains(out, "over the 20s limit") {
		t.Errorf("--time 20s: exit %d\n%s", code, out)
	}
	for _, bad := range []struct {
		args []string
		want string
	}{
		{[]string{"--time", "5s"}, "--time wants a duration from 10s to 30m, like 90s, got 5s"},
		{[]string{"--time", "2h"}, "--time wants a duration from 10s to 30m, like 90s, got 2h"},
		{[]string{"--wpm", "10"}, "--wpm wants a whole number of words a minute from 60 to 400, got 10"},
	} {
		code, _, errOut := runCLI(t, "", append(append([]string{"pitch", "check"}, bad.args...), p)...)
		if code != exitUsage || !strings.Contains(errOut, bad.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", bad.args, code, errOut, bad.want)
		}
	}
}

func TestPitchCheckInputErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  string
		code  int
	}{
		{"missing file", "", []string{filepath.Join(dir, "nope.txt")}, "no such file", exitFail},
		{"directory", "", []string{dir}, "is a directory", exitFail},
		{"empty stdin", " \n\t\n", []string{"-"}, "pitch stdin is empty", exitFail},
		{"only escapes", "\x1b[2J\x1b[H", []string{"-"}, "is empty", exitFail},
		{"too large", strings.Repeat("word ", 20000), []string{"-"}, "larger than 64 KiB", exitFail},
	}
	for _, tc := range tests {
		code, out, errOut := runCLI(t, tc.stdin, append([]string{"pitch", "check"}, tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want %d and %q (stdout %q)", tc.name, code, errOut, tc.code, tc.want, out)
		}
	}
}

// TestPitchCheckUntrustedText: escape sequences in the pitch never reach the terminal.
func TestPitchCheckUntrustedText(t *testing.T) {
	hostile := "My team was useless.\x1b]52;c;ZXZpbA==\x07 \x1b[2J I shipped 3 models to production."
	code, out, _ := runCLI(t, hostile, "pitch", "check", "-")
	if code != 1 || !strings.Contains(out, "Putting others down") {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if strings.ContainsAny(out, "\x1b\x07") {
		t.Errorf("output carries control characters: %q", out)
	}
}

// TestPitchCheckBinary runs the real binary, so the exit codes are those a script sees.
func TestPitchCheckBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "hotseat")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/hotseat").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	good, bad := writeFile(t, "good.txt", goodPitch), writeFile(t, "bad.txt", badPitch)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"pitch", "check", good}, 0, "No red flags."},
		{[]string{"pitch", "check", bad}, 1, "3 red flags"},
		{[]string{"pitch", "check", "--json", bad}, 1, `"rule": "put-down"`},
		{[]string{"pitch", "check"}, 2, "hotseat: pitch check wants FILE|-, got nothing; see hotseat pitch check --help"},
		{[]string{"pitch", "check", "--time", "soon", good}, 2, `--time wants a duration, like 20m or 90s, got "soon"`},
		{[]string{"pitch", "check", filepath.Join(t.TempDir(), "nope.txt")}, 1, "no such file"},
	} {
		cmd := exec.Command(bin, tc.args...)
		cmd.Env = append(os.Environ(), "HOTSEAT_PACKS=", "NO_COLOR=1", "HOTSEAT_DB="+filepath.Join(t.TempDir(), "db"))
		out, _ := cmd.CombinedOutput()
		if got := cmd.ProcessState.ExitCode(); got != tc.code || !strings.Contains(string(out), tc.want) {
			t.Errorf("hotseat %v: exit %d, want %d and %q in:\n%s", tc.args, got, tc.code, tc.want, out)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// The issue's own example: a one-line put-down fails the check, named as one.
func TestPitchCheckPutDown(t *testing.T) {
	code, out, _ := runCLI(t, "My last team wrote terrible code.\n", "pitch", "check", "-")
	if code != 1 || !strings.Contains(out, "✗ Putting others down (put-down)") || !strings.Contains(out, `"My last team wrote terrible code."`) {
		t.Errorf("exit %d, want 1 with a put-down flag quoting the sentence:\n%s", code, out)
	}
}
