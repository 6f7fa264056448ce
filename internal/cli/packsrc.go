package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/source"
	"github.com/hotseat/hotseat/internal/store"
	"github.com/hotseat/hotseat/questions/preparsed"
)

// packsRoot is where the sources installed with database db are copied: a folder beside
// it, so that installed packs belong to one database and go where it goes. The default
// database keeps the folder it always had, $XDG_DATA_HOME/hotseat/packs, so existing
// installs stay where they are; another, say work.db, gets work.packs beside it. The
// folder is absolute: the store records each copy's path, which must not depend on the
// directory hotseat was started in.
func packsRoot(db string) string {
	if abs, err := filepath.Abs(db); err == nil {
		db = abs
	}
	if isDefaultDB(db) {
		return filepath.Join(filepath.Dir(defaultDBPath()), "packs")
	}
	root := strings.TrimSuffix(db, filepath.Ext(db)) + ".packs"
	if root == db { // a database named x.packs
		root += ".packs"
	}
	return root
}

// isDefaultDB reports whether db, an absolute path, is the default database, however it
// was named (--db, $HOTSEAT_DB, a symbolic link).
func isDefaultDB(db string) bool {
	def := defaultDBPath()
	if db == def {
		return true
	}
	a, errA := os.Stat(db)
	b, errB := os.Stat(def)
	return errA == nil && errB == nil && os.SameFile(a, b)
}

// installed is what the store says about installed sources.
type installed struct {
	sources  []source.Source
	disabled map[string]bool // pack ids disabled one by one
}

// manager returns the source manager working on store s.
func (a *app) manager(s *store.Store) *source.Manager {
	return &source.Manager{Root: packsRoot(s.Path()), Settings: s, Builtin: preparsed.Packs(), Now: a.now, Import: importDeck}
}

// readInstalled reads the installed sources from the store, opened read-only for a
// moment. No database yet means nothing installed.
func (a *app) readInstalled() (installed, error) {
	p, err := a.dbPath()
	if err != nil {
		return installed{}, err
	}
	if st, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) || err == nil && st.Size() == 0 {
		return installed{}, nil
	}
	// Short: when the trainer holds the file, `pack list` should not hang for long.
	s, err := store.Open(p, store.Options{ReadOnly: true, Timeout: 300 * time.Millisecond, Now: a.now})
	if errors.Is(err, store.ErrNeedsUpgrade) {
		// The first command after an upgrade brings the file up to date, whichever it is.
		s, err = a.openStore(false)
	}
	if err != nil {
		return installed{}, err
	}
	defer s.Close()
	return installedIn(s)
}

// libraryWith is loadLibrary for a caller that already has the store open.
func (a *app) libraryWith(s *store.Store, ld pack.Loader) (*pack.Library, pack.Diagnostics) {
	inst, err := installedIn(s)
	if err != nil {
		fmt.Fprintf(a.stderr, "hotseat: your installed packs were not loaded: %v\n", safeError{err})
	}
	l := a.collectPacks(inst, false, ld)
	return l.lib, l.problems
}

// packDisabled reports whether pack id was disabled, on its own or with its source.
func (inst installed) packDisabled(id string) bool {
	if inst.disabled[id] {
		return true
	}
	for _, src := range inst.sources {
		if !src.Enabled && src.HasPack(id) {
			return true
		}
	}
	return false
}

func installedIn(s source.Settings) (installed, error) {
	m := &source.Manager{Settings: s}
	list, err := m.Sources()
	if err != nil {
		return installed{}, err
	}
	disabled, err := m.DisabledPacks()
	if err != nil {
		return installed{}, err
	}
	return installed{sources: list, disabled: disabled}, nil
}

// loadedPacks is the library with what listing needs besides it.
type loadedPacks struct {
	lib      *pack.Library
	problems pack.Diagnostics
	off      []*pack.Pack                  // disabled packs, parsed for the listing only
	sourceOf map[*pack.Pack]*source.Source // packs of installed sources
}

// collectPacks loads the embedded packs, the installed sources and --packs, leaving
// disabled packs out of the library. withOff also parses the packs of disabled sources,
// for listing; a session does not need them. ld reads the files.
func (a *app) collectPacks(inst installed, withOff bool, ld pack.Loader) loadedPacks {
	l := loadedPacks{lib: pack.NewLibrary(), sourceOf: map[*pack.Pack]*source.Source{}}
	add := func(src *source.Source, packs []*pack.Pack, diags pack.Diagnostics) {
		var on []*pack.Pack
		offFiles := map[string]bool{}
		for _, pk := range packs {
			if src != nil {
				l.sourceOf[pk] = src
			}
			if source.Enabled(src, pk.ID, inst.disabled) {
				on = append(on, pk)
			} else {
				l.off = append(l.off, pk)
				offFiles[pk.File] = true
			}
		}
		// A disabled pack's problems are not the candidate's concern until they enable it.
		for _, d := range diags {
			if !d.Warning && !offFiles[d.File] {
				l.problems = append(l.problems, source.CleanDiagnostic(d))
			}
		}
		for _, d := range l.lib.Add(on, diags) {
			l.problems = append(l.problems, source.CleanDiagnostic(d))
		}
	}
	// The embedded packs come parsed (go generate): a start parses only the user's own.
	add(nil, preparsed.Packs(), nil)
	for i := range inst.sources {
		src := &inst.sources[i]
		if !src.Enabled && !withOff {
			continue
		}
		if _, err := os.Stat(src.Dir); err != nil {
			l.problems = append(l.problems, pack.Diagnostic{File: source.CleanLine(src.Dir),
				Message: fmt.Sprintf("the installed copy of %s is missing: run hotseat pack update %s", source.CleanLine(src.Label()), src.ID)})
			continue
		}
		packs, diags := source.Load(src.Dir, src.Dir, src, ld)
		add(src, packs, diags)
	}
	for _, p := range a.flagPackPaths() {
		packs, diags := ld.LoadPath(p)
		add(nil, packs, diags)
	}
	for _, d := range l.lib.CheckFollowUps() {
		if !d.Warning {
			l.problems = append(l.problems, source.CleanDiagnostic(d))
		}
	}
	return l
}

// packRow is one row of `pack list --json`: the summary pack.go has always printed, plus
// whether the pack is enabled and, for an installed pack, the source to update or remove.
type packRow struct {
	packSummary
	Enabled  bool   `json:"enabled"`
	SourceID string `json:"source_id,omitempty"`
	Kind     string `json:"source_kind,omitempty"`
}

// packRows lists every pack hotseat knows, enabled or not, sorted by id.
func (a *app) packRows() ([]packRow, pack.Diagnostics) {
	inst, err := a.readInstalled()
	if err != nil {
		fmt.Fprintf(a.stderr, "hotseat: your installed packs were not loaded: %v\n", safeError{err})
	}
	l := a.collectPacks(inst, true, pack.Loader{})
	var rows []packRow
	row := func(pk *pack.Pack, on bool) {
		r := packRow{packSummary: summarize(pk), Enabled: on}
		if src := l.sourceOf[pk]; src != nil {
			r.SourceID, r.Kind = src.ID, string(src.Kind)
		}
		r.Title, r.Version, r.Source = source.CleanLine(r.Title), source.CleanLine(r.Version), source.CleanLine(r.Source)
		rows = append(rows, r)
	}
	for _, pk := range l.lib.Packs {
		row(pk, true)
	}
	for _, pk := range l.off {
		row(pk, false)
	}
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].ID < rows[j].ID })
	return rows, l.problems
}

// listPacks prints every pack: enabled or not, and where it comes from. It is what
// `hotseat pack list` runs.
func (a *app) listPacks(asJSON bool) error {
	rows, problems := a.packRows()
	a.reportSkipped(problems)
	if rows == nil {
		rows = []packRow{}
	}
	if asJSON {
		enc := json.NewEncoder(a.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PACK\tTITLE\tVERSION\tQUESTIONS\tOPEN/CHOICE\tENABLED\tSOURCE")
	for _, r := range rows {
		on := "yes"
		if !r.Enabled {
			on = "no"
		}
		src := r.Source
		if r.SourceID != "" {
			src = fmt.Sprintf("%s: %s %s", r.SourceID, r.Kind, r.Source)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%d/%d\t%s\t%s\n", r.ID, r.Title, r.Version, r.Questions,
			r.ByKind["open"], r.ByKind["choice"], on, src)
	}
	return tw.Flush()
}

func (a *app) packAddCmd() *cobra.Command {
	var o source.AddOptions
	c := &cobra.Command{
		Use:   "add SOURCE",
		Short: "Install packs from a git repository, a directory or a .md file",
		Long: `Install the packs of SOURCE: a git repository (an https:// or ssh URL, a file:// URL, or
the path of a local repository), a directory of pack files, or one .md pack file. hotseat
keeps its own copy in a folder beside the database (packs/ beside the default one,
NAME.packs/ beside --db NAME.db), so the packs keep working when the original moves and
another database never sees them; hotseat pack update fetches the latest version.

A source is refused when it has no valid pack, or when one of its pack ids is already
provided by an embedded or installed pack. Your progress is keyed by pack and question id,
so removing and adding a pack again, or updating it, never loses it.`,
		Example: `  hotseat pack add https://github.com/our-group/interview-packs
  hotseat pack add ~/packs/mlops.md
  hotseat pack add ./study-group-packs --id group`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openStore(false)
			if err != nil {
				return err
			}
			defer s.Close()
			res, err := a.manager(s).Add(cmd.Context(), args[0], o)
			a.printDiagnostics(res.Diagnostics)
			if err != nil {
				return fail(err)
			}
			src := res.Source
			fmt.Fprintf(a.stdout, "added %s\n", describeSource(&src))
			a.printPacks(src.Packs)
			fmt.Fprintf(a.stdout, "installed in %s\n", source.CleanLine(src.Dir))
			return nil
		},
	}
	c.Flags().StringVar(&o.ID, "id", "", "name for the source (default: its pack id, or the repository or folder name)")
	c.Flags().BoolVar(&o.Copy, "copy", false, "install a local git repository as a plain folder, uncommitted edits included")
	return c
}

func (a *app) packUpdateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "update [ID]",
		Short: "Update installed packs from where they came from (all of them without ID)",
		Long: `Pull the latest commit of a git source, or copy a directory or file source again, or
convert an imported Anki deck again. ID is a source id or a pack id (see hotseat pack list).
A new version with no valid pack is refused and the installed one kept. Progress is never
lost: a question that was removed keeps its history and gets it back if it returns.`,
		Example: `  hotseat pack update
  hotseat pack update interview-packs`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openStore(false)
			if err != nil {
				return err
			}
			defer s.Close()
			m := a.manager(s)
			if len(args) == 1 {
				res, err := m.Update(cmd.Context(), args[0])
				a.printDiagnostics(res.Diagnostics)
				if err != nil {
					return fail(err)
				}
				a.printUpdate(res)
				return nil
			}
			results, errs, err := m.UpdateAll(cmd.Context())
			if err != nil {
				return fail(err)
			}
			if len(results) == 0 {
				fmt.Fprintln(a.stdout, "no installed packs to update: add some with hotseat pack add SOURCE")
				return nil
			}
			failed := 0
			for i, res := range results {
				if errs[i] != nil {
					failed++
					a.printDiagnostics(res.Diagnostics)
					fmt.Fprintf(a.stderr, "hotseat: %s was not updated: %v\n", res.Source.ID, safeError{errs[i]})
					continue
				}
				a.printUpdate(res)
			}
			if failed > 0 {
				return &exitError{code: exitFail, silent: true, err: fmt.Errorf("%d of %d sources failed to update", failed, len(results))}
			}
			return nil
		},
	}
}

func (a *app) packRemoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID",
		Short: "Uninstall a pack source (your progress on its questions is kept)",
		Example: `  hotseat pack remove interview-packs
  hotseat pack remove mlops`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s, err := a.openStore(false)
			if err != nil {
				return err
			}
			defer s.Close()
			m := a.manager(s)
			src, err := m.Remove(args[0])
			if err != nil {
				return fail(err)
			}
			fmt.Fprintf(a.stdout, "removed %s (packs: %s)\n", describeSource(&src), strings.Join(src.PackIDs(), ", "))
			if _, err := os.Lstat(src.Dir); err == nil && !m.Owns(src.Dir) {
				fmt.Fprintf(a.stdout, "its copy in %s was left in place: an older hotseat kept every database's packs there, so delete it if no other database uses it\n", source.CleanLine(src.Dir))
			}
			fmt.Fprintln(a.stdout, "your progress on its questions is kept, and comes back if you add the pack again")
			return nil
		},
	}
}

func (a *app) packEnableCmd() *cobra.Command  { return a.setEnabledCmd(true) }
func (a *app) packDisableCmd() *cobra.Command { return a.setEnabledCmd(false) }

func (a *app) setEnabledCmd(on bool) *cobra.Command {
	use, short := "enable ID", "Draw questions from a pack or source again"
	example := "  hotseat pack enable behavioural"
	if !on {
		use, short = "disable ID", "Stop drawing questions from a pack or source (it stays installed)"
		example = "  hotseat pack disable behavioural\n  hotseat pack disable interview-packs"
	}
	return &cobra.Command{
		Use:     use,
		Short:   short,
		Long:    short + ". ID is a pack id (embedded packs too) or the id of an installed source, as hotseat pack list shows them.",
		Example: example,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			// Every pack id that hotseat knows, read before the store is opened for writing.
			rows, _ := a.packRows()
			known := map[string]bool{}
			for _, r := range rows {
				known[r.ID] = true
			}
			s, err := a.openStore(false)
			if err != nil {
				return err
			}
			defer s.Close()
			msg, err := a.manager(s).SetEnabled(args[0], on, func(id string) bool { return known[id] })
			if err != nil {
				return fail(err)
			}
			fmt.Fprintln(a.stdout, source.CleanLine(msg))
			return nil
		},
	}
}

// describeSource is "id (kind origin, commit abc1234)", safe to print.
func describeSource(src *source.Source) string {
	extra := ""
	if src.Commit != "" {
		extra = ", commit " + src.Commit[:min(7, len(src.Commit))]
	}
	return source.CleanLine(fmt.Sprintf("%s (%s %s%s)", src.ID, src.Kind, src.Origin, extra))
}

func (a *app) printPacks(ps []source.PackInfo) {
	tw := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
	for _, p := range ps {
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", p.ID, source.CleanLine(p.Version), plural(p.Questions, "question"))
	}
	tw.Flush()
}

func (a *app) printUpdate(res source.Result) {
	src := res.Source
	head := src.ID
	if res.OldCommit != "" && src.Commit != "" && res.OldCommit != src.Commit {
		head += fmt.Sprintf(": %s -> %s", res.OldCommit[:7], src.Commit[:7])
	}
	changed := false
	var lines []string
	for _, c := range res.Changes {
		var parts []string
		if len(c.Added) > 0 {
			parts = append(parts, fmt.Sprintf("%d added", len(c.Added)))
		}
		if len(c.Changed) > 0 {
			parts = append(parts, fmt.Sprintf("%d changed", len(c.Changed)))
		}
		if len(c.Removed) > 0 {
			parts = append(parts, fmt.Sprintf("%d removed (their history is kept and comes back with them)", len(c.Removed)))
		}
		version := source.CleanLine(c.NewVersion)
		switch {
		case c.OldVersion == "":
			version = "new, " + version
		case c.NewVersion == "":
			version = "gone from the source"
		case c.OldVersion != c.NewVersion:
			version = source.CleanLine(c.OldVersion) + " -> " + version
		}
		if len(parts) == 0 && c.OldVersion == c.NewVersion {
			continue
		}
		changed = true
		line := fmt.Sprintf("  %s %s", c.ID, version)
		if len(parts) > 0 {
			line += ": " + strings.Join(parts, ", ")
		}
		lines = append(lines, line)
	}
	for _, n := range res.Notes {
		lines = append(lines, "  "+n)
	}
	if !changed {
		fmt.Fprintf(a.stdout, "%s: up to date\n", source.CleanLine(head))
		return
	}
	fmt.Fprintf(a.stdout, "updated %s\n", source.CleanLine(head))
	for _, l := range lines {
		fmt.Fprintln(a.stdout, l)
	}
}

// printDiagnostics prints the errors of skipped packs one per line, and counts the
// warnings (an imported deck has one per question).
func (a *app) printDiagnostics(ds pack.Diagnostics) {
	const maxShown = 10
	shown, warnings := 0, 0
	for _, d := range ds {
		if d.Warning {
			warnings++
			continue
		}
		if shown++; shown <= maxShown {
			fmt.Fprintf(a.stderr, "skipped: %s\n", source.CleanDiagnostic(d))
		}
	}
	if shown > maxShown {
		fmt.Fprintf(a.stderr, "skipped: ... and %d more problems\n", shown-maxShown)
	}
	if warnings > 0 {
		fmt.Fprintf(a.stderr, "%s: hotseat pack lint shows them\n", plural(warnings, "warning"))
	}
}

// fail ends a command with exit code 1 and err, its text made safe to print: it may quote
// a path from a repository, or a deck or file name, which can hold anything.
func fail(err error) error { return &exitError{code: exitFail, err: safeError{err}} }

// safeError is an error whose message has its controls and escape sequences removed.
type safeError struct{ err error }

func (e safeError) Error() string { return source.CleanLine(e.err.Error()) }
func (e safeError) Unwrap() error { return e.err }
