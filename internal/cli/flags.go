package cli

import (
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// flagError turns pflag's parse errors into one sentence that says what the flag wants,
// for every command (cobra hands a command's FlagErrorFunc down to its subcommands).
func flagError(c *cobra.Command, err error) error {
	var invalid *pflag.InvalidValueError
	var missing *pflag.ValueRequiredError
	var unknown *pflag.NotExistError
	switch {
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		err = fmt.Errorf("--%s wants %s, got %q", f.Name, wants(f.Value.Type()), invalid.GetValue())
	case errors.As(err, &missing):
		f := missing.GetFlag()
		err = fmt.Errorf("--%s needs a value: %s", f.Name, wants(f.Value.Type()))
	case errors.As(err, &unknown):
		err = fmt.Errorf("%v; see %s --help", err, c.CommandPath())
	}
	return &exitError{code: exitUsage, err: err}
}

// wants says, for a flag's type, what a valid value looks like.
func wants(typ string) string {
	switch typ {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "a whole number, like 10"
	case "duration":
		return "a duration, like 20m or 90s"
	case "float32", "float64":
		return "a number, like 0.9"
	case "bool":
		return "true or false"
	}
	return "a " + typ
}

// envClock reads HOTSEAT_NOW: an RFC 3339 instant that the CLI and the trainer take as the
// time they started at. The clock then runs on from it in real time, so the trainer's
// clocks still tick; due dates, streaks and "today" all follow it.
func envClock(v string) (func() time.Time, error) {
	if v == "" {
		return time.Now, nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return nil, &exitError{code: exitUsage, err: fmt.Errorf("HOTSEAT_NOW wants an RFC 3339 time like 2026-12-24T09:00:00Z, got %q", v)}
	}
	start := time.Now()
	return func() time.Time { return t.Add(time.Since(start)) }, nil
}

// dumbTerminal reports whether $TERM names a terminal that cannot draw the trainer.
func dumbTerminal() bool { return os.Getenv("TERM") == "dumb" }

// didYouMean names the candidates closest to s (at most two edits away, or starting with
// it), for "no pack X; did you mean Y?".
func didYouMean(s string, candidates []string) []string {
	var out []string
	for _, c := range candidates {
		if c != s && (editDistance(s, c) <= 2 || len(s) >= 3 && strings.HasPrefix(c, s)) {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// editDistance is the Levenshtein distance between a and b, in bytes (ids are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
