package cli

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/store"
)

// The store settings hotseat config changes: the learning steps, as ParseSteps reads
// them, and the leech threshold; and the leeches taken back into the drill (hotseat leech
// unsuspend), by question key with their lapses then.
const (
	settingOpenSteps      = "open_steps"
	settingChoiceSteps    = "choice_steps"
	settingLeechThreshold = "leech_threshold"
	settingUnsuspended    = "leech_unsuspended"
	settingInterviewDate  = "interview_date"
)

// interviewDate reads the interview date set with hotseat config, in the local time zone;
// ok is false when none is set.
func interviewDate(s *store.Store) (time.Time, bool, error) {
	var v string
	if _, err := s.GetSetting(settingInterviewDate, &v); err != nil || v == "" || v == "none" {
		return time.Time{}, false, err
	}
	d, err := time.ParseInLocation(time.DateOnly, v, time.Local)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("the saved setting interview-date (%q) is not a date; set it again with hotseat config", v)
	}
	return d, true, nil
}

// maxLeechThreshold bounds the leech threshold: no question lapses a hundred times.
const maxLeechThreshold = 99

func parseLeechThreshold(v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 || n > maxLeechThreshold {
		return 0, fmt.Errorf("%q: want a whole number of lapses from 1 to %d, or 0 to never suspend a question", v, maxLeechThreshold)
	}
	return n, nil
}

// leechesSetting reads the leech threshold and the unsuspended leeches.
func leechesSetting(s *store.Store) (drill.Leeches, error) {
	l := drill.Leeches{Threshold: drill.DefaultLeechThreshold, Unsuspended: map[string]int{}}
	var v string
	ok, err := s.GetSetting(settingLeechThreshold, &v)
	if err != nil {
		return l, err
	}
	if ok {
		if l.Threshold, err = parseLeechThreshold(v); err != nil {
			return l, fmt.Errorf("the saved setting leech-threshold is not valid: %v; set it again with hotseat config", err)
		}
	}
	if _, err := s.GetSetting(settingUnsuspended, &l.Unsuspended); err != nil {
		return l, err
	}
	return l, nil
}

// configKey is one setting hotseat config shows and changes.
type configKey struct {
	name, setting, help string
	def                 string
	parse               func(string) (string, error) // validates, and returns the canonical form
}

func stepsKey(name, setting, help string, def drill.Steps) configKey {
	return configKey{name: name, setting: setting, help: help, def: def.String(),
		parse: func(v string) (string, error) {
			st, err := drill.ParseSteps(v)
			if err != nil {
				return "", err
			}
			return st.String(), nil
		}}
}

var configKeys = []configKey{
	stepsKey("open-steps", settingOpenSteps,
		"learning steps of open questions: waits under a day before the first interval in days (none: straight to a day or more; Again comes back once at the end of the set as practice)",
		drill.DefaultOpenSteps),
	stepsKey("choice-steps", settingChoiceSteps,
		"learning steps of choice questions (Again and Hard wait them; Good on the last one and Easy go to days)",
		drill.DefaultChoiceSteps),
	{name: "interview-date", setting: settingInterviewDate,
		help: "the day of your interview, YYYY-MM-DD: the progress screen counts down to it and says how many new questions a day would cover what you have not seen",
		def:  "none",
		parse: func(v string) (string, error) {
			if strings.EqualFold(strings.TrimSpace(v), "none") {
				return "none", nil
			}
			d, err := time.Parse(time.DateOnly, strings.TrimSpace(v))
			if err != nil {
				return "", fmt.Errorf("%q: write the date as YYYY-MM-DD, such as 2027-01-15, or none", v)
			}
			return d.Format(time.DateOnly), nil
		}},
	{name: "leech-threshold", setting: settingLeechThreshold,
		help: "lapses (Again on a learned question) that suspend a question from the daily drill as a leech; 0 never does",
		def:  strconv.Itoa(drill.DefaultLeechThreshold),
		parse: func(v string) (string, error) {
			n, err := parseLeechThreshold(v)
			return strconv.Itoa(n), err
		}},
}

func findConfigKey(name string) (configKey, error) {
	var names []string
	for _, k := range configKeys {
		if k.name == name {
			return k, nil
		}
		names = append(names, k.name)
	}
	msg := fmt.Sprintf("no setting %q; the settings are %s", name, strings.Join(names, ", "))
	if near := didYouMean(name, names); len(near) > 0 {
		msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
	}
	return configKey{}, usageError("%s", msg)
}

// stepsSetting reads steps saved by hotseat config, or def when none are.
func stepsSetting(s *store.Store, setting string, def drill.Steps) (drill.Steps, error) {
	var v string
	ok, err := s.GetSetting(setting, &v)
	if err != nil || !ok {
		return def, err
	}
	st, err := drill.ParseSteps(v)
	if err != nil {
		return nil, fmt.Errorf("the saved setting %s (%q) is not valid: %v; set it again with hotseat config", setting, v, err)
	}
	return st, nil
}

func (a *app) configCmd() *cobra.Command {
	var reset bool
	var help strings.Builder
	for _, k := range configKeys {
		fmt.Fprintf(&help, "\n  %s: %s; %s when not set", k.name, k.help, k.def)
	}
	c := &cobra.Command{
		Use:   "config [KEY [VALUE]]",
		Short: "Show or change settings: the learning steps of open and choice questions",
		Long: `Without arguments, show every setting with its value and default. With KEY, show one;
with KEY VALUE, change it (the value is checked first); with KEY --reset, go back to the
default. Settings live in the database, beside your progress.

Settings:` + help.String(),
		Example: `  hotseat config
  hotseat config choice-steps "1m, 10m"
  hotseat config open-steps --reset`,
		Args: cobra.MaximumNArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			keys := configKeys
			if len(args) > 0 {
				k, err := findConfigKey(args[0])
				if err != nil {
					return err
				}
				keys = []configKey{k}
			}
			if reset && len(args) != 1 {
				return usageError("--reset takes one KEY and no value")
			}
			if len(args) == 2 || reset {
				return a.setConfig(keys[0], args, reset)
			}
			s, err := a.openReader()
			if err != nil {
				return err
			}
			defer s.Close()
			tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "SETTING\tVALUE\tDEFAULT")
			for _, k := range keys {
				v := k.def
				if _, err := s.GetSetting(k.setting, &v); err != nil {
					return err
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\n", k.name, v, k.def)
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&reset, "reset", false, "go back to the default")
	c.ValidArgsFunction = func(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var names []string
		for _, k := range configKeys {
			names = append(names, k.name)
		}
		return slices.Clip(names), cobra.ShellCompDirectiveNoFileComp
	}
	return c
}

func (a *app) setConfig(k configKey, args []string, reset bool) error {
	v := k.def
	if !reset {
		var err error
		if v, err = k.parse(args[1]); err != nil {
			return usageError("%s: %v", k.name, err)
		}
	}
	if k.setting == settingInterviewDate && v != "none" && v < a.now().Format(time.DateOnly) {
		return usageError("%s: %s is in the past; give the coming interview's date, or none", k.name, v)
	}
	s, err := a.openStore(false)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.PutSetting(k.setting, v); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s: %s\n", k.name, v)
	return nil
}
