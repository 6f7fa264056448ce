package cli

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/questions"
)

// embeddedPacks is the list of embedded pack ids as refusals name them.
var embeddedPacks = func() string {
	packs, _ := pack.LoadFS(questions.FS, "questions")
	ids := make([]string, len(packs))
	for i, pk := range packs {
		ids[i] = pk.ID
	}
	slices.Sort(ids)
	return strings.Join(ids, ", ")
}()

// Bad arguments exit 2 with one line that says what was wanted, whatever the command.
// want is the start of that line, after "hotseat: " (the tag list is long).
func TestBadArgumentsSayWhatIsWanted(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		// Packs and tags that do not exist.
		{[]string{"drill", "--pack", "nosuch"}, "no pack nosuch; packs: " + embeddedPacks},
		{[]string{"drill", "--pack", "ensemble"}, "no pack ensemble (did you mean ensembles?); packs: " + embeddedPacks},
		{[]string{"drill", "--pack", "Ensembles"}, "no pack Ensembles (did you mean ensembles?); packs: "},
		{[]string{"drill", "--plan", "--pack", "nosuch"}, "no pack nosuch; packs: " + embeddedPacks},
		{[]string{"drill", "--pack", "bagging"}, "no pack bagging, but there is a tag bagging: hotseat drill --tag bagging"},
		{[]string{"drill", "--tag", "nosuch"}, "no tag nosuch; tags: ann, anomaly-detection, architecture, "},
		{[]string{"drill", "--plan", "--tag", "baging"}, "no tag baging (did you mean bagging?); tags: ann, "},
		{[]string{"drill", "--tag", "trees-and-forests"}, "no tag trees-and-forests, but there is a pack trees-and-forests: hotseat drill --pack trees-and-forests"},
		{[]string{"drill", "--pack", "ensembles", "--tag", "deployment"}, "pack ensembles has no question tagged deployment; its tags: bagging, boosting, "},
		{[]string{"interview", "--focus", "gradient-bosting"}, "no tag gradient-bosting (did you mean gradient-boosting?); tags: ann, "},
		{[]string{"interview", "--focus", "bagging", "--focus", "nosuch"}, "no tag nosuch; tags: ann, "},
		{[]string{"pack", "show", "ensembls"}, "no pack ensembls (did you mean ensembles?); packs: " + embeddedPacks},
		{[]string{"pack", "show", "ensembles/bagging-vs-boostin"}, "pack ensembles has no question bagging-vs-boostin (did you mean bagging-vs-boosting?): hotseat pack show ensembles lists them"},
		{[]string{"pack", "export", "nosuch"}, "no pack nosuch; packs: " + embeddedPacks},

		// Values that do not parse: what the flag wants, by its type.
		{[]string{"drill", "--count", "abc"}, `--count wants a whole number, like 10, got "abc"`},
		{[]string{"drill", "--count"}, "--count needs a value: a whole number, like 10"},
		{[]string{"drill", "--time", "5"}, `--time wants a duration, like 20m or 90s, got "5"`},
		{[]string{"drill", "--plan=maybe"}, `--plan wants true or false, got "maybe"`},
		{[]string{"drill", "--pack"}, "--pack needs a value; see hotseat drill --help"},
		{[]string{"--new", "many", "stats"}, `--new wants a whole number, like 10, got "many"`},
		{[]string{"claim", "settings", "--share", "lots"}, `--share wants a number, like 0.9, got "lots"`},
		{[]string{"claim", "settings", "--retention"}, "--retention needs a value: a number, like 0.9"},
		{[]string{"pitch", "check", "--wpm", "fast", "-"}, `--wpm wants a whole number, like 10, got "fast"`},

		// Values that parse but are out of range.
		{[]string{"drill", "--count", "0"}, "--count wants a whole number from 1 to 1000, got 0"},
		{[]string{"drill", "--count", "-3", "--pack", "ensembles"}, "--count wants a whole number from 1 to 1000, got -3"},
		{[]string{"drill", "--count", "1001", "--plan"}, "--count wants a whole number from 1 to 1000, got 1001"},
		{[]string{"drill", "--time", "0s"}, "--time wants a duration from 1m to 24h, like 20m, got 0s"},
		{[]string{"drill", "--time", "30s", "--plan"}, "--time wants a duration from 1m to 24h, like 20m, got 30s"},
		{[]string{"drill", "--time", "1000h"}, "--time wants a duration from 1m to 24h, like 20m, got 1000h"},
		{[]string{"--new", "-5", "stats"}, "--new wants a whole number from 0 to 500, got -5"},
		{[]string{"drill", "--new", "2147483648", "--plan"}, "--new wants a whole number from 0 to 500, got 2147483648"},
		{[]string{"claim", "settings", "--retention", "NaN"}, "retention NaN is out of range: use 0.70 to 0.97"},
		{[]string{"pack", "show", "ensembles", "--width", "5"}, "--width wants a whole number of columns from 20 to 500, got 5"},
		{[]string{"pack", "export", "ensembles", "--format", "xml"}, `--format wants anki or json, got "xml"`},
		{[]string{"drill", "--json"}, "--json goes with --plan: hotseat drill --plan --json prints the set for scripts"},

		// Flags, commands and arguments that do not exist.
		{[]string{"stats", "--jsn"}, "unknown flag --jsn (did you mean --json?); see hotseat stats --help"},
		{[]string{"pack", "lint", "--new", "5"}, "unknown flag --new; see hotseat pack lint --help"},
		{[]string{"drill", "-x"}, "unknown flag -x; see hotseat drill --help"},
		{[]string{"drill", "-hx"}, "unknown flag -x; see hotseat drill --help"},
		{[]string{"drll"}, `unknown command "drll" for hotseat (did you mean drill?); see hotseat --help`},
		{[]string{"pack", "shw"}, `unknown command "shw" for hotseat pack (did you mean show or new?); see hotseat pack --help`},
		{[]string{"claim", "nosuch"}, `unknown command "nosuch" for hotseat claim; see hotseat claim --help`},
		{[]string{"stats", "extra"}, `stats takes no arguments, got "extra"; see hotseat stats --help`},
		{[]string{"pack", "show"}, "pack show wants PACK[/QUESTION], got nothing; see hotseat pack show --help"},
		{[]string{"claim", "tags", "1", "2"}, `claim tags wants N, got 2 arguments ("1" "2"); see hotseat claim tags --help`},
		{[]string{"pack", "update", "a", "b"}, `pack update wants [ID], got 2 arguments ("a" "b"); see hotseat pack update --help`},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			e := newPackEnv(t)
			code, out, errOut := e.main(c.args...)
			if code != exitUsage || !strings.HasPrefix(errOut, "hotseat: "+c.want) || strings.Count(errOut, "\n") != 1 || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q;\nwant exit 2 and one line starting %q", code, out, errOut, "hotseat: "+c.want)
			}
		})
	}
}

// A group of commands run with no command shows its help and exits 0; its help lists
// every command.
func TestCommandGroupsShowTheirHelp(t *testing.T) {
	e := newPackEnv(t)
	for _, group := range []string{"pack", "claim", "pitch"} {
		code, out, errOut := e.main(group)
		if code != exitOK || !strings.Contains(out, "hotseat "+group+" [command]") || errOut != "" {
			t.Errorf("hotseat %s: exit %d, stderr %q\n%s", group, code, errOut, out)
		}
	}
}

// Help shows each flag's default once (and no sentinel as a default), under fang and
// under TERM=dumb's plain help, for every command; --new appears only where it counts.
func TestHelpShowsEachDefaultOnce(t *testing.T) {
	e := newPackEnv(t)
	odd := regexp.MustCompile(`\((default )?(-1|0s|0|)\)|\(default[^)]*\).*\(`)
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		paths = append(paths, path)
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				walk(sub, append(slices.Clone(path), sub.Name()))
			}
		}
	}
	walk((&app{}).rootCmd(), nil)
	if len(paths) < 20 {
		t.Fatalf("walked only %d commands", len(paths))
	}
	for _, term := range []string{"xterm-256color", "dumb"} {
		t.Setenv("TERM", term)
		for _, path := range paths {
			name := strings.Join(append([]string{"hotseat"}, path...), " ")
			code, out, errOut := e.main(append(path, "--help")...)
			if code != exitOK || errOut != "" {
				t.Errorf("TERM=%s %s --help: exit %d, %s", term, name, code, errOut)
			}
			hasNew := false
			for _, line := range strings.Split(out, "\n") {
				if strings.Count(line, "default") > 1 || odd.MatchString(line) {
					t.Errorf("TERM=%s %s --help shows an odd or doubled default: %q", term, name, line)
				}
				if strings.Contains(line, "--new") && !strings.Contains(line, "hotseat --new") {
					hasNew = true
					if want := map[string]string{"dumb": "(default 10)", "xterm-256color": "(10)"}[term]; !strings.Contains(line, want) {
						t.Errorf("TERM=%s %s --help: --new should show its default %s: %q", term, name, want, line)
					}
				}
			}
			if want := len(path) == 0 || path[0] == "drill" || path[0] == "stats"; hasNew != want {
				t.Errorf("TERM=%s %s --help: lists --new %v, want %v", term, name, hasNew, want)
			}
		}
	}
}

// A bad argument to the trainer is refused before the database is created.
func TestBadArgumentsWriteNothing(t *testing.T) {
	e := newPackEnv(t)
	for _, args := range [][]string{{"drill", "--pack", "nosuch"}, {"drill", "--count", "0"}, {"drll"}} {
		if code, _, _ := e.main(args...); code != exitUsage {
			t.Errorf("%v: exit %d", args, code)
		}
		if _, err := os.Stat(e.db); !os.IsNotExist(err) {
			t.Fatalf("%v created the database: %v", args, err)
		}
	}
}

// didYouMean suggests close names, closest first, ignoring case, and nothing far.
func TestDidYouMean(t *testing.T) {
	ids := []string{"cv", "star", "stacking", "ensembles", "testing", "unit-tests"}
	for _, c := range []struct {
		typed string
		want  []string
	}{
		{"ensemble", []string{"ensembles"}},
		{"ENSEMBLES", []string{"ensembles"}},
		{"stat", []string{"star"}},
		{"stac", []string{"star", "stacking"}},
		{"ab", nil},
		{"cx", []string{"cv"}},
		{"unit", []string{"unit-tests"}},
		{"nosuch", nil},
		{"ensembles", nil}, // the name itself is no suggestion
	} {
		if got := didYouMean(c.typed, ids); !slices.Equal(got, c.want) {
			t.Errorf("didYouMean(%q) = %v, want %v", c.typed, got, c.want)
		}
	}
}
