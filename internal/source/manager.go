package source

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
)

// Settings is where the list of sources is kept: the candidate's store (*store.Store).
type Settings interface {
	GetSetting(key string, v any) (bool, error)
	PutSetting(key string, v any) error
}

// Keys of the settings this package keeps.
const (
	settingSources  = "pack_sources"   // []Source
	settingDisabled = "disabled_packs" // []string: pack ids disabled one by one
)

// maxFiles is the most pack files one source (a folder or a git repository) may hold, so a
// mistaken `pack add ~` does not copy a home directory's worth of notes. A variable so that
// tests can lower it.
var maxFiles = 1000

// Imported is a deck converted to a pack by Manager.Import.
type Imported struct {
	Name  string   // the pack file's name, like "ml-trees.md"
	Data  []byte   // the pack file
	Notes []string // what the conversion wants the candidate to know, safe to print
}

// Manager installs, updates and removes sources. It is not safe for concurrent use; the
// store's lock already keeps two hotseats from changing the sources of one database at once.
type Manager struct {
	// Root holds the installed copies of one database's sources, and nothing else: the
	// manager writes and deletes only inside it. A copy recorded outside it (installed by
	// an older hotseat, which kept every database's copies in one shared folder) is read
	// where it is; an update moves it into Root, and removing its source leaves it.
	Root     string
	Settings Settings
	// Builtin are the embedded packs; an installed pack may not reuse their ids.
	Builtin []*pack.Pack
	Now     func() time.Time
	// Import converts a deck file to a pack, for sources of kind Import. packID, when not
	// empty, is the pack id to give it.
	Import func(src Source) (Imported, error)

	skipped pack.Diagnostics // files the last fill left out
}

// Sources returns the installed sources in the order they were added.
func (m *Manager) Sources() ([]Source, error) {
	var list []Source
	if _, err := m.Settings.GetSetting(settingSources, &list); err != nil {
		return nil, err
	}
	return list, nil
}

func (m *Manager) save(list []Source) error { return m.Settings.PutSetting(settingSources, list) }

// DisabledPacks returns the pack ids disabled one by one (a disabled source disables its
// packs without being listed here).
func (m *Manager) DisabledPacks() (map[string]bool, error) {
	var ids []string
	if _, err := m.Settings.GetSetting(settingDisabled, &ids); err != nil {
		return nil, err
	}
	out := make(map[string]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

func (m *Manager) saveDisabled(set map[string]bool) error {
	ids := make([]string, 0, len(set))
	for id, off := range set {
		if off {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return m.Settings.PutSetting(settingDisabled, ids)
}

// Find returns the index of the source named id, or of the source that provides pack id;
// -1 when there is none.
func Find(list []Source, id string) int {
	if i := slices.IndexFunc(list, func(s Source) bool { return s.ID == id }); i >= 0 {
		return i
	}
	return slices.IndexFunc(list, func(s Source) bool { return s.HasPack(id) })
}

// AddOptions tune Add.
type AddOptions struct {
	Kind   Kind   // empty: Classify decides
	ID     string // the source id to use; empty: the pack id, or the origin's name
	PackID string // Import: the pack id to give the deck
	// Import: the file's format ("" detects it) and, for a spreadsheet, its columns; kept
	// so that an update converts the file the same way.
	Format  string
	Columns []string
	Copy    bool // install a local repository as a plain directory (uncommitted edits too)
}

// Result says what Add or Update did.
type Result struct {
	Source Source
	// Diagnostics are the problems of the new version, file:line as the candidate can find
	// them (the origin's path while adding, the installed copy when updating). Packs with
	// errors were skipped.
	Diagnostics pack.Diagnostics
	OldCommit   string       // Git update: the commit before
	Changes     []PackChange // Update: what changed, pack by pack
	Notes       []string     // Import: what the conversion reported
}

// PackChange is what an update changed in one pack.
type PackChange struct {
	ID             string
	OldVersion     string // empty: the pack is new
	NewVersion     string // empty: the pack is gone
	Added, Removed []string
	Changed        []string // question ids whose text or answer changed (Fingerprint)
}

// ErrNoPacks is wrapped by Add and Update when a source has no pack without errors.
var ErrNoPacks = errors.New("no valid pack")

// Add installs a source. It is refused when the origin is installed already, when it holds
// no valid pack, or when one of its pack ids is taken by an embedded or installed pack
// (the error names both). Packs with errors in an otherwise good source are skipped and
// reported in the result.
func (m *Manager) Add(ctx context.Context, origin string, o AddOptions) (Result, error) {
	kind, origin, err := m.classify(origin, o)
	if err != nil {
		return Result{}, err
	}
	list, err := m.Sources()
	if err != nil {
		return Result{}, err
	}
	for _, s := range list {
		if s.Kind == kind && s.Origin == origin {
			return Result{}, fmt.Errorf("%s is installed already as %s: update it with hotseat pack update %s", origin, s.ID, s.ID)
		}
	}
	if o.ID != "" && !ValidID(o.ID) {
		return Result{}, fmt.Errorf("bad source id %q: use lowercase letters, digits and hyphens", o.ID)
	}
	if o.ID != "" && Find(list, o.ID) >= 0 {
		return Result{}, fmt.Errorf("a source or pack named %s is installed already: choose another --id", o.ID)
	}
	now := m.now()
	src := Source{Kind: kind, Origin: origin, Enabled: true, PackID: o.PackID, Format: o.Format, Columns: o.Columns, Added: now, Updated: now}

	staging, err := m.stagingDir()
	if err != nil {
		return Result{}, err
	}
	committed := false
	defer func() {
		if !committed {
			os.RemoveAll(staging)
		}
	}()
	res := Result{}
	if res.Notes, err = m.fill(ctx, &src, staging); err != nil {
		return res, err
	}
	packs, err := m.check(&src, staging, m.display(&src, staging), list, &res)
	if err != nil {
		return res, err
	}

	if kind == Import && src.PackID == "" {
		// Pin the pack id: renaming the deck in Anki must not move the candidate's
		// progress to a new pack on the next update.
		src.PackID = packs[0].ID
	}
	src.ID = o.ID
	if src.ID == "" {
		src.ID = m.chooseID(list, &src, packs)
	}
	if src.Dir, err = m.freeDir(src.ID); err != nil {
		return res, err
	}
	if err := os.Rename(staging, src.Dir); err != nil {
		return res, fmt.Errorf("install %s in %s: %w", origin, src.Dir, err)
	}
	committed = true
	if err := m.save(append(list, src)); err != nil {
		os.RemoveAll(src.Dir)
		return res, err
	}
	res.Source = src
	return res, nil
}

func (m *Manager) classify(origin string, o AddOptions) (Kind, string, error) {
	if o.Kind == Import {
		abs, err := filepath.Abs(origin)
		if err != nil {
			return "", "", err
		}
		if _, err := os.Stat(abs); err != nil {
			return "", "", fmt.Errorf("cannot read %s: %v", origin, unwrapPath(err))
		}
		return Import, abs, nil
	}
	kind, abs, err := Classify(origin, o.Copy)
	if err == nil && o.Kind != "" && o.Kind != kind {
		return "", "", fmt.Errorf("%s is a %s source, not %s", origin, kind, o.Kind)
	}
	return kind, abs, err
}

// Update brings one source (named by source or pack id) up to date with its origin. A new
// version that has no valid pack, or whose pack ids collide with another source, is
// refused and the installed copy is kept as it was.
func (m *Manager) Update(ctx context.Context, id string) (Result, error) {
	list, err := m.Sources()
	if err != nil {
		return Result{}, err
	}
	i := Find(list, id)
	if i < 0 {
		return Result{}, fmt.Errorf("no installed source or pack %q: see hotseat pack list", id)
	}
	return m.update(ctx, list, i)
}

// UpdateAll updates every source, enabled or not, and returns a result or an error for
// each, in order.
func (m *Manager) UpdateAll(ctx context.Context) ([]Result, []error, error) {
	list, err := m.Sources()
	if err != nil {
		return nil, nil, err
	}
	results := make([]Result, len(list))
	errs := make([]error, len(list))
	for i := range list {
		// Each update saves the list; read it again so one source's failure never rolls
		// back another's success.
		cur, err := m.Sources()
		if err != nil {
			return results, errs, err
		}
		j := Find(cur, list[i].ID)
		if j < 0 {
			continue
		}
		results[i], errs[i] = m.update(ctx, cur, j)
		if errs[i] != nil {
			results[i].Source = list[i]
		}
	}
	return results, errs, nil
}

func (m *Manager) update(ctx context.Context, list []Source, i int) (Result, error) {
	src := list[i]
	others := slices.Delete(slices.Clone(list), i, i+1)
	oldPacks, _ := Load(src.Dir, src.Dir, &src, pack.Loader{})
	res := Result{}
	var err error
	if src.Kind == Git && isRepository(src.Dir) && m.Owns(src.Dir) {
		err = m.updateGit(ctx, &src, others, &res)
	} else {
		err = m.updateCopy(ctx, &src, others, &res)
	}
	if err != nil {
		return res, err
	}
	newPacks, _ := Load(src.Dir, src.Dir, &src, pack.Loader{})
	res.Changes = diffPacks(Valid(oldPacks, nil), Valid(newPacks, nil))
	src.Updated = m.now()
	list[i] = src
	if err := m.save(list); err != nil {
		return res, err
	}
	res.Source = src
	return res, nil
}

// updateGit pulls in place, and checks the old commit out again when the new one is
// refused.
func (m *Manager) updateGit(ctx context.Context, src *Source, others []Source, res *Result) error {
	old, latest, rollback, err := pull(ctx, src)
	if err != nil {
		return err
	}
	res.OldCommit = old
	if _, err := m.check(src, src.Dir, src.Dir, others, res); err != nil {
		if rbErr := rollback(); rbErr != nil {
			return fmt.Errorf("%w; and putting the old version back failed: %v", err, rbErr)
		}
		return fmt.Errorf("%w (the installed version is unchanged)", err)
	}
	src.Commit = latest
	return nil
}

// updateCopy builds the new version beside the old one and swaps them only when it is
// good. A git source whose copy is missing is cloned again this way too, and a copy
// outside Root is replaced by a new one inside it.
func (m *Manager) updateCopy(ctx context.Context, src *Source, others []Source, res *Result) error {
	staging, err := m.stagingDir()
	if err != nil {
		return err
	}
	defer os.RemoveAll(staging)
	if res.Notes, err = m.fill(ctx, src, staging); err != nil {
		return err
	}
	if _, err := m.check(src, staging, m.display(src, staging), others, res); err != nil {
		return fmt.Errorf("%w (the installed version is unchanged)", err)
	}
	if !m.Owns(src.Dir) {
		dir, err := m.freeDir(src.ID)
		if err != nil {
			return err
		}
		if err := os.Rename(staging, dir); err != nil {
			return fmt.Errorf("install %s in %s: %w", src.Origin, dir, err)
		}
		note := "now installed in " + dir
		if _, err := os.Lstat(src.Dir); err == nil {
			note += fmt.Sprintf("; the old copy in %s was left in place: delete it if no other database uses it", src.Dir)
		}
		res.Notes = append(res.Notes, note)
		src.Dir = dir
		return nil
	}
	old := staging + ".old"
	if err := os.Rename(src.Dir, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("replace %s: %w", src.Dir, err)
	}
	if err := os.Rename(staging, src.Dir); err != nil {
		_ = os.Rename(old, src.Dir)
		return fmt.Errorf("replace %s: %w", src.Dir, err)
	}
	return os.RemoveAll(old)
}

// fill puts a source's files into dir, an empty directory.
func (m *Manager) fill(ctx context.Context, src *Source, dir string) ([]string, error) {
	switch src.Kind {
	case Git:
		// PlainClone wants to create the directory itself or find it empty: it is empty.
		branch, commit, err := clone(ctx, src.Origin, dir)
		if err != nil {
			return nil, err
		}
		src.Branch, src.Commit = branch, commit
	case Dir:
		return nil, copyDir(src.Origin, dir, &m.skipped)
	case File:
		return nil, copyFile(src.Origin, filepath.Join(dir, filepath.Base(src.Origin)))
	case Import:
		if m.Import == nil {
			return nil, errors.New("importing decks is not available")
		}
		im, err := m.Import(*src)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(im.Name)), im.Data, 0o644); err != nil {
			return nil, fmt.Errorf("write the imported pack: %w", err)
		}
		return im.Notes, nil
	default:
		return nil, fmt.Errorf("unknown kind of source %q: remove it with hotseat pack remove %s", src.Kind, src.ID)
	}
	return nil, nil
}

// display is how files of a staged source are named in diagnostics: where the candidate
// can fix them. Git and import sources only exist in the copy while adding, so the origin
// stands in for its folder.
func (m *Manager) display(src *Source, staging string) string {
	switch src.Kind {
	case Dir, File, Git:
		return src.Origin
	}
	return src.Origin + " (converted)"
}

// check loads the staged packs into res.Diagnostics and refuses a source with no valid
// pack or with a pack id that another source or an embedded pack provides. It fills
// src.Packs.
func (m *Manager) check(src *Source, dir, display string, others []Source, res *Result) ([]*pack.Pack, error) {
	packs, diags := Load(dir, display, src, pack.Loader{})
	diags = append(m.skipped, diags...)
	m.skipped = nil
	valid := Valid(packs, diags)
	// Two files of one source with the same pack id: the later is skipped, as a library does.
	lib := pack.NewLibrary()
	diags = append(diags, lib.Add(valid, nil)...)
	res.Diagnostics = diags
	valid = lib.Packs
	if len(valid) == 0 {
		first := "it holds no pack file (*.md with front matter)"
		for _, d := range diags {
			if !d.Warning {
				first = d.String()
				break
			}
		}
		return nil, fmt.Errorf("%s has %w: %s; fix it (hotseat pack lint shows every problem) and try again", src.Origin, ErrNoPacks, first)
	}
	taken := m.taken(others)
	for _, pk := range valid {
		if where, ok := taken[pk.ID]; ok {
			fix := "remove that one first, or change the pack: line of this one"
			if src.Kind == Import {
				fix = "import the deck under another pack id with --id"
			}
			return nil, fmt.Errorf("pack %q in %s (%s) is already provided by %s: %s", pk.ID, src.Origin, pk.File, where, fix)
		}
	}
	src.Packs = nil // a fresh slice: src may share its old one with the saved list
	for _, pk := range valid {
		src.Packs = append(src.Packs, PackInfo{ID: pk.ID, Version: pk.Version, Questions: len(pk.Questions)})
	}
	return valid, nil
}

// taken maps the pack ids that a new source may not use to who provides them.
func (m *Manager) taken(others []Source) map[string]string {
	out := map[string]string{}
	for _, pk := range m.Builtin {
		out[pk.ID] = "the embedded pack " + pk.File
	}
	for _, s := range others {
		for _, p := range s.Packs {
			out[p.ID] = "the installed source " + s.Label()
		}
	}
	return out
}

// chooseID names a new source after its only pack, or after its origin, made unique.
func (m *Manager) chooseID(list []Source, src *Source, packs []*pack.Pack) string {
	base := ""
	if len(packs) == 1 {
		base = packs[0].ID
	}
	if base == "" {
		base = pack.Slug(nameOf(src.Origin))
	}
	if base == "" {
		base = "packs"
	}
	id := base
	for n := 2; Find(list, id) >= 0; n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// freeDir returns Root/id, or Root/id-2... when that is taken (by a leftover, or, in the
// default database's folder, by a copy an older hotseat installed there for another
// database): an install never overwrites a folder it does not own.
func (m *Manager) freeDir(id string) (string, error) {
	for n := 1; ; n++ {
		name := id
		if n > 1 {
			name = fmt.Sprintf("%s-%d", id, n)
		}
		dir := filepath.Join(m.Root, name)
		if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
			return dir, nil
		} else if err != nil {
			return "", fmt.Errorf("install in %s: %w", m.Root, err)
		}
	}
}

// staleAfter is when a staging folder is taken for the leftover of an interrupted add or
// update (the store's lock keeps two from running at once on one database, and a day is
// far longer than any of them takes).
const staleAfter = 24 * time.Hour

func (m *Manager) stagingDir() (string, error) {
	if err := os.MkdirAll(m.Root, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", m.Root, err)
	}
	if old, err := filepath.Glob(filepath.Join(m.Root, ".staging-*")); err == nil {
		for _, dir := range old {
			// The real clock, not m.Now: it is compared with the file system's times.
			if st, err := os.Lstat(dir); err == nil && time.Since(st.ModTime()) > staleAfter {
				os.RemoveAll(dir)
			}
		}
	}
	dir, err := os.MkdirTemp(m.Root, ".staging-")
	if err != nil {
		return "", fmt.Errorf("create a folder in %s: %w", m.Root, err)
	}
	return dir, nil
}

// Remove uninstalls a source (named by source id, or by a pack id when the source has
// only that pack) and deletes its copy when the copy is in Root (see Owns). Review
// history is kept.
func (m *Manager) Remove(id string) (Source, error) {
	list, err := m.Sources()
	if err != nil {
		return Source{}, err
	}
	i := Find(list, id)
	if i < 0 {
		if m.isBuiltin(id) {
			return Source{}, fmt.Errorf("%s is built into hotseat and cannot be removed: hide it with hotseat pack disable %s", id, id)
		}
		return Source{}, fmt.Errorf("no installed source or pack %q: see hotseat pack list", id)
	}
	src := list[i]
	if src.ID != id && len(src.Packs) > 1 {
		return Source{}, fmt.Errorf("pack %s comes from %s with %d packs (%s): remove them all with hotseat pack remove %s, or hide just this one with hotseat pack disable %s",
			id, src.Label(), len(src.Packs), strings.Join(src.PackIDs(), ", "), src.ID, id)
	}
	if err := m.save(slices.Delete(list, i, i+1)); err != nil {
		return Source{}, err
	}
	if disabled, err := m.DisabledPacks(); err == nil {
		changed := false
		for _, p := range src.PackIDs() {
			if disabled[p] {
				delete(disabled, p)
				changed = true
			}
		}
		if changed {
			_ = m.saveDisabled(disabled)
		}
	}
	if !m.Owns(src.Dir) {
		// An older hotseat's copy, in the folder all databases shared: it may be another
		// database's too. The caller says where it is.
		return src, nil
	}
	if err := os.RemoveAll(src.Dir); err != nil {
		return src, fmt.Errorf("delete %s: %w", src.Dir, err)
	}
	return src, nil
}

// Owns reports whether dir, an installed copy, lies inside Root: the only place the
// manager writes or deletes, so that a damaged list, or one an older hotseat wrote, never
// makes it touch anything else.
func (m *Manager) Owns(dir string) bool {
	rel, err := filepath.Rel(m.Root, dir)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func (m *Manager) isBuiltin(id string) bool {
	return slices.ContainsFunc(m.Builtin, func(p *pack.Pack) bool { return p.ID == id })
}

// SetEnabled enables or disables a source (by source id) or one pack (by pack id; any pack
// hotseat knows, embedded ones included). known reports whether a pack id exists outside
// the installed sources (embedded, --packs). It returns a sentence saying what it did.
func (m *Manager) SetEnabled(id string, on bool, known func(string) bool) (string, error) {
	list, err := m.Sources()
	if err != nil {
		return "", err
	}
	disabled, err := m.DisabledPacks()
	if err != nil {
		return "", err
	}
	word := map[bool]string{true: "enabled", false: "disabled"}[on]
	if i := slices.IndexFunc(list, func(s Source) bool { return s.ID == id }); i >= 0 {
		src := &list[i]
		src.Enabled = on
		if on {
			for _, p := range src.PackIDs() {
				delete(disabled, p)
			}
		}
		if err := m.save(list); err != nil {
			return "", err
		}
		if err := m.saveDisabled(disabled); err != nil {
			return "", err
		}
		return fmt.Sprintf("%s %s (packs: %s)", word, src.Label(), strings.Join(src.PackIDs(), ", ")), nil
	}
	i := Find(list, id)
	if i < 0 && !m.isBuiltin(id) && (known == nil || !known(id)) {
		return "", fmt.Errorf("no pack or source %q: see hotseat pack list", id)
	}
	if on {
		delete(disabled, id)
		if i >= 0 && !list[i].Enabled {
			// Enabling one pack of a disabled source: enable the source, keep its other
			// packs off.
			list[i].Enabled = true
			for _, p := range list[i].PackIDs() {
				if p != id {
					disabled[p] = true
				}
			}
			if err := m.save(list); err != nil {
				return "", err
			}
		}
	} else {
		disabled[id] = true
	}
	if err := m.saveDisabled(disabled); err != nil {
		return "", err
	}
	return fmt.Sprintf("%s pack %s", word, id), nil
}

// Enabled reports whether pack id of source src (nil for a pack from elsewhere) is loaded.
func Enabled(src *Source, id string, disabled map[string]bool) bool {
	return (src == nil || src.Enabled) && !disabled[id]
}

func (m *Manager) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// diffPacks compares two versions of a source's packs question by question.
func diffPacks(old, latest []*pack.Pack) []PackChange {
	byID := map[string]*pack.Pack{}
	for _, pk := range old {
		byID[pk.ID] = pk
	}
	var out []PackChange
	seen := map[string]bool{}
	for _, pk := range latest {
		seen[pk.ID] = true
		c := PackChange{ID: pk.ID, NewVersion: pk.Version}
		prev := byID[pk.ID]
		before := map[string]string{}
		if prev != nil {
			c.OldVersion = prev.Version
			for _, q := range prev.Questions {
				before[q.ID] = q.Fingerprint()
			}
		}
		now := map[string]bool{}
		for _, q := range pk.Questions {
			now[q.ID] = true
			fp, ok := before[q.ID]
			switch {
			case !ok:
				c.Added = append(c.Added, q.ID)
			case fp != q.Fingerprint():
				c.Changed = append(c.Changed, q.ID)
			}
		}
		if prev != nil {
			for _, q := range prev.Questions {
				if !now[q.ID] {
					c.Removed = append(c.Removed, q.ID)
				}
			}
		}
		out = append(out, c)
	}
	for _, pk := range old {
		if !seen[pk.ID] {
			c := PackChange{ID: pk.ID, OldVersion: pk.Version}
			for _, q := range pk.Questions {
				c.Removed = append(c.Removed, q.ID)
			}
			out = append(out, c)
		}
	}
	return out
}

// copyDir copies the pack files of a directory tree (skipping hidden folders and symbolic
// links) into dst, keeping their relative paths. Files it will not copy are added to
// skipped.
func copyDir(src, dst string, skipped *pack.Diagnostics) error {
	n := 0
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("cannot read %s: %w", p, unwrapPath(err))
		}
		if why := pack.NotRegular(d); why != "" {
			if pack.IsPackFile(p) {
				*skipped = append(*skipped, pack.Diagnostic{File: CleanLine(p), Warning: true, Message: why})
			}
			return nil
		}
		if d.IsDir() {
			if p != src && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !pack.IsPackFile(p) {
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if hasControl(rel) {
			// Never loaded (see Load), and its name would reach the screen in every lint
			// of the copy: left behind, and reported.
			*skipped = append(*skipped, pack.Diagnostic{File: CleanLine(p), Message: "the file name holds control characters: rename the file"})
			return nil
		}
		if n++; n > maxFiles {
			return fmt.Errorf("%s holds more than %d pack files: add the folder that holds just the packs", src, maxFiles)
		}
		return copyFile(p, filepath.Join(dst, rel))
	})
}

// copyFile copies at most one byte more than a pack may hold: a larger file still fails
// to load with the usual "file is too large" message, without being copied whole.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", src, unwrapPath(err))
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, io.LimitReader(in, pack.MaxFileSize+1)); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return out.Close()
}
