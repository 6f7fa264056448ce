// Package source installs question packs that do not ship with hotseat: a git repository,
// a directory of packs, a single pack file, or a converted Anki deck. Each installed source
// is a private copy in a folder that belongs to one database (so a pack keeps working when
// the original moves, an update is one command, and two databases never share or clobber
// each other's packs), and the list of sources, with their enabled flags, lives in that
// database next to the candidate's progress.
//
// Installing never costs progress: review history is keyed by pack and question id, and
// nothing here touches it. A question that an update removes keeps its history and gets it
// back when it returns.
package source

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/safetext"
)

// Kind is where a source's packs come from.
type Kind string

// Kinds of source.
const (
	Git    Kind = "git"    // a git repository (any URL go-git reads, or a local repository); update pulls
	Dir    Kind = "dir"    // a directory of pack files; update copies it again
	File   Kind = "file"   // one pack file; update copies it again
	Import Kind = "import" // an Anki deck converted to a pack; update converts it again
)

// Source is one installed source.
type Source struct {
	// ID names the source in commands (update, remove, enable, disable). A source with
	// one pack is named after that pack.
	ID     string `json:"id"`
	Kind   Kind   `json:"kind"`
	Origin string `json:"origin"` // a URL, or an absolute path
	Dir    string `json:"dir"`    // the installed copy
	// Enabled is false when the candidate disabled the whole source: its packs are not
	// loaded, but stay installed and keep their ids reserved.
	Enabled bool   `json:"enabled"`
	Branch  string `json:"branch,omitempty"` // Git: the branch followed
	Commit  string `json:"commit,omitempty"` // Git: the commit installed
	// PackID is, for an Import, the pack id asked for with --id (empty: from the deck).
	PackID string `json:"pack_id,omitempty"`
	// Format and Columns are, for an Import, how the file is read (--format, --columns).
	Format  string     `json:"format,omitempty"`
	Columns []string   `json:"columns,omitempty"`
	Packs   []PackInfo `json:"packs"`
	Added   time.Time  `json:"added"`
	Updated time.Time  `json:"updated"`
}

// PackInfo is what a source provided when it was last installed or updated.
type PackInfo struct {
	ID        string `json:"id"`
	Version   string `json:"version"`
	Questions int    `json:"questions"`
}

// PackIDs returns the ids of the source's packs.
func (s *Source) PackIDs() []string {
	ids := make([]string, len(s.Packs))
	for i, p := range s.Packs {
		ids[i] = p.ID
	}
	return ids
}

// HasPack reports whether the source provided pack id at its last install or update.
func (s *Source) HasPack(id string) bool {
	return slices.ContainsFunc(s.Packs, func(p PackInfo) bool { return p.ID == id })
}

// Label describes the source in one line: "study-group (git https://…)".
func (s *Source) Label() string {
	return fmt.Sprintf("%s (%s %s)", s.ID, s.Kind, s.Origin)
}

// Classify tells what kind of source origin is: a URL or scp-like address is a git
// repository; a local path is a git repository when it holds one (unless copy is set),
// otherwise a directory or a .md file. Local paths are returned absolute.
func Classify(origin string, copyDir bool) (Kind, string, error) {
	if origin == "" {
		return "", "", errors.New("no source given: pass a directory, a .md pack file or a git repository URL")
	}
	if IsURL(origin) {
		return Git, origin, nil
	}
	abs, err := filepath.Abs(origin)
	if err != nil {
		return "", "", fmt.Errorf("cannot read %s: %w", origin, err)
	}
	st, err := os.Stat(abs)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", "", fmt.Errorf("%s does not exist: pass a directory, a .md pack file or a git repository URL", origin)
	case err != nil:
		return "", "", fmt.Errorf("cannot read %s: %w", origin, unwrapPath(err))
	case st.IsDir() && !copyDir && isRepository(abs):
		return Git, abs, nil
	case st.IsDir():
		return Dir, abs, nil
	case !st.Mode().IsRegular():
		return "", "", fmt.Errorf("%s is not a file or a directory", origin)
	case strings.EqualFold(filepath.Ext(abs), ".md"):
		return File, abs, nil
	}
	return "", "", fmt.Errorf("%s is not a pack: pass a .md pack file, a directory or a git repository (for an Anki deck use hotseat pack import)", origin)
}

var scpLike = regexp.MustCompile(`^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:`)

// IsURL reports whether origin is a URL or an scp-like git address (git@host:repo).
func IsURL(origin string) bool {
	if i := strings.Index(origin, "://"); i > 0 && !strings.ContainsAny(origin[:i], `/\`) {
		return true
	}
	return scpLike.MatchString(origin)
}

// isRepository reports whether dir is a git working tree or a bare repository.
func isRepository(dir string) bool {
	if st, err := os.Stat(filepath.Join(dir, ".git")); err == nil && st.IsDir() {
		return true
	}
	_, headErr := os.Stat(filepath.Join(dir, "HEAD"))
	st, objErr := os.Stat(filepath.Join(dir, "objects"))
	return headErr == nil && objErr == nil && st.IsDir()
}

// ValidID reports whether id is a valid source id: the pack id syntax.
func ValidID(id string) bool { return pack.ValidID(id) }

// nameOf is the last element of a URL or path, without .git or .md.
func nameOf(origin string) string {
	o := strings.TrimRight(filepath.ToSlash(origin), "/")
	if i := strings.LastIndexAny(o, "/:"); i >= 0 {
		o = o[i+1:]
	}
	o = strings.TrimSuffix(o, ".git")
	return strings.TrimSuffix(o, path.Ext(o))
}

// Load reads the packs of an installed copy (or a staged one). display names files in
// diagnostics: the installed path, or the origin while adding. Symbolic links and hidden
// directories (.git) are skipped, so a repository cannot make hotseat read files outside
// its copy. ld reads each file.
func Load(dir, display string, src *Source, ld pack.Loader) ([]*pack.Pack, pack.Diagnostics) {
	fsys := os.DirFS(dir)
	var packs []*pack.Pack
	var diags pack.Diagnostics
	name := func(p string) string {
		if display == "" {
			return p
		}
		if IsURL(display) {
			return strings.TrimRight(display, "/") + "/" + p
		}
		if src != nil && src.Kind == File {
			return display // the one file of the source
		}
		return filepath.Join(display, filepath.FromSlash(p))
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags = append(diags, pack.Diagnostic{File: name(p), Message: fmt.Sprintf("cannot read: %v", unwrapPath(err))})
			return nil
		}
		if why := pack.NotRegular(d); why != "" {
			if pack.IsPackFile(p) {
				diags = append(diags, pack.Diagnostic{File: CleanLine(name(p)), Warning: true, Message: why})
			}
			return nil
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !pack.IsPackFile(p) {
			return nil
		}
		if hasControl(p) {
			// Such a name could drive the terminal wherever it is printed (lint, errors).
			diags = append(diags, pack.Diagnostic{File: CleanLine(name(p)), Message: "the file name holds control characters: rename the file"})
			return nil
		}
		pk, ds := ld.ReadFile(fsys, p, name(p))
		diags = append(diags, ds...)
		if pk != nil {
			if src != nil {
				pk.Source = CleanLine(src.Origin)
			}
			packs = append(packs, pk)
		}
		return nil
	})
	if err != nil {
		diags = append(diags, pack.Diagnostic{File: display, Message: fmt.Sprintf("cannot read: %v", unwrapPath(err))})
	}
	return packs, diags
}

// hasControl reports whether s holds a control character (C0, DEL or C1).
func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f {
			return true
		}
	}
	return false
}

// Valid returns the packs whose diagnostics hold no error.
func Valid(packs []*pack.Pack, diags pack.Diagnostics) []*pack.Pack {
	bad := map[string]bool{}
	for _, d := range diags {
		if !d.Warning {
			bad[d.File] = true
		}
	}
	var out []*pack.Pack
	for _, pk := range packs {
		if !bad[pk.File] && pk.ID != "" {
			out = append(out, pk)
		}
	}
	return out
}

// CleanLine makes untrusted text (a pack title, a file name from a repository, a deck
// name) safe to print on one line: controls and escape sequences removed, runs of white
// space folded.
func CleanLine(s string) string {
	return strings.Join(strings.Fields(safetext.Clean(s)), " ")
}

// CleanDiagnostic makes a diagnostic safe to print: its file name comes from a
// repository or an archive and may hold anything.
func CleanDiagnostic(d pack.Diagnostic) pack.Diagnostic {
	d.File = CleanLine(d.File)
	d.Message = safetext.Clean(d.Message)
	return d
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
