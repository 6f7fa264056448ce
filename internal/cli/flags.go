package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/hotseat/hotseat/internal/pack"
)

// usageError ends the program with exit code 2 and one sentence.
func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// badValue refuses a flag value that parsed but is out of range: "--count wants a whole
// number from 1 to 1000, got 0".
func badValue(flag, want string, got any) error {
	if d, ok := got.(time.Duration); ok {
		got = shortDuration(d)
	}
	return usageError("--%s wants %s, got %v", flag, want, got)
}

// shortDuration prints d the way a user would type it: 24h, 1m30s, 90s, not 24h0m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// flagError turns pflag's parse errors into one sentence that says what the flag wants,
// for every command: cobra hands the root's FlagErrorFunc down to its subcommands, and
// the wording depends only on the flag's type.
func flagError(c *cobra.Command, err error) error {
	var invalid *pflag.InvalidValueError
	var missing *pflag.ValueRequiredError
	var unknown *pflag.NotExistError
	switch {
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		return usageError("--%s wants %s, got %q", f.Name, wants(f.Value.Type()), invalid.GetValue())
	case errors.As(err, &missing):
		f := missing.GetFlag()
		if w := wants(f.Value.Type()); w != "" {
			return usageError("--%s needs a value: %s", f.Name, w)
		}
		return usageError("--%s needs a value; see %s --help", f.Name, c.CommandPath())
	case errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() != "":
		return usageError("unknown flag -%s; see %s --help", unknown.GetSpecifiedName(), c.CommandPath())
	case errors.As(err, &unknown) && unknown.GetSpecifiedName() != "":
		name := unknown.GetSpecifiedName()
		var names []string
		c.Flags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		c.InheritedFlags().VisitAll(func(f *pflag.Flag) { names = append(names, f.Name) })
		hint := ""
		if close := didYouMean(name, names); len(close) > 0 {
			hint = " (did you mean --" + close[0] + "?)"
		}
		return usageError("unknown flag --%s%s; see %s --help", name, hint, c.CommandPath())
	}
	return usageError("%v; see %s --help", err, c.CommandPath())
}

// wants says, for a flag's type, what a valid value looks like; "" for free text.
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
	case "stringSlice":
		return "a comma-separated list, like a,b"
	case "string", "stringArray":
		return ""
	}
	return "a " + typ
}

// explainArgs makes the argument errors of c and its subcommands say what the command
// takes (exit 2), and a mistyped subcommand name get a suggestion. A command that only
// groups others gets the same check instead of printing its help with exit 0 for
// `hotseat pack lsit`.
func explainArgs(c *cobra.Command) {
	check := c.Args
	group := c.HasSubCommands()
	if group && !c.Runnable() {
		c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
	}
	switch {
	case group:
		check = cobra.NoArgs
	case check == nil:
		check = cobra.ArbitraryArgs
	}
	c.Args = func(cmd *cobra.Command, args []string) error {
		if check(cmd, args) == nil {
			return nil
		}
		if group {
			var names []string
			for _, sub := range cmd.Commands() {
				if sub.IsAvailableCommand() {
					names = append(names, sub.Name())
				}
			}
			return usageError("unknown command %q for %s%s; see %s --help", args[0], cmd.CommandPath(), suggest(args[0], names), cmd.CommandPath())
		}
		// "pack show", not "hotseat pack show": the message already starts with "hotseat:".
		name := strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")
		takes := strings.TrimSpace(strings.TrimPrefix(cmd.Use, cmd.Name()))
		if takes == "" {
			return usageError("%s takes no arguments, got %s; see %s --help", name, quoteArgs(args), cmd.CommandPath())
		}
		return usageError("%s wants %s, got %s; see %s --help", name, takes, quoteArgs(args), cmd.CommandPath())
	}
	for _, sub := range c.Commands() {
		explainArgs(sub)
	}
}

// quoteArgs names the arguments a command was given: nothing, "a", or 2 arguments ("a" "b").
func quoteArgs(args []string) string {
	switch len(args) {
	case 0:
		return "nothing"
	case 1:
		return fmt.Sprintf("%q", args[0])
	}
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = fmt.Sprintf("%q", a)
	}
	return fmt.Sprintf("%d arguments (%s)", len(args), strings.Join(q, " "))
}

// suggest is the " (did you mean X?)" part of an error, or nothing.
func suggest(s string, candidates []string) string {
	close := didYouMean(s, candidates)
	if len(close) == 0 {
		return ""
	}
	return " (did you mean " + strings.Join(close[:min(len(close), 3)], " or ") + "?)"
}

// didYouMean names the candidates close to s, closest first (see pack.DidYouMean).
func didYouMean(s string, candidates []string) []string { return pack.DidYouMean(s, candidates) }
