package pack

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// notPacks are Markdown files that commonly sit beside packs and are not packs.
var notPacks = map[string]bool{
	"readme.md": true, "contributing.md": true, "changelog.md": true, "license.md": true,
	"code_of_conduct.md": true, "security.md": true,
}

// IsPackFile reports whether a file name is read as a pack: *.md except README.md and the
// other usual repository documents.
func IsPackFile(name string) bool {
	base := path.Base(filepath.ToSlash(name))
	return strings.EqualFold(path.Ext(base), ".md") && !notPacks[strings.ToLower(base)]
}

// A Loader reads pack files. The zero Loader (LoadFS, LoadPath, ReadFile) returns packs
// with every question's body.
type Loader struct {
	// Unload unloads each pack as soon as it is parsed (Pack.Unload): a long session holds
	// the catalogue of a large library, and loading it never holds more than the files
	// being parsed.
	Unload bool
}

// LoadFS is Loader{}.LoadFS.
func LoadFS(fsys fs.FS, source string) ([]*Pack, Diagnostics) { return Loader{}.LoadFS(fsys, source) }

// LoadPath is Loader{}.LoadPath.
func LoadPath(p string) ([]*Pack, Diagnostics) { return Loader{}.LoadPath(p) }

// ReadFile is Loader{}.ReadFile.
func ReadFile(fsys fs.FS, name, display string) (*Pack, Diagnostics) {
	return Loader{}.ReadFile(fsys, name, display)
}

// LoadFS parses every pack file in fsys (walking subdirectories, skipping hidden ones).
// source is recorded on each pack and prefixes file names in diagnostics. Packs with
// errors are returned too; Library.Add skips them.
func (ld Loader) LoadFS(fsys fs.FS, source string) ([]*Pack, Diagnostics) {
	var names []string
	var diags Diagnostics
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			diags = append(diags, Diagnostic{File: join(source, name), Message: err.Error()})
			return nil
		}
		if why := NotRegular(d); why != "" && IsPackFile(name) {
			diags = append(diags, Diagnostic{File: join(source, name), Warning: true, Message: why})
			return nil
		}
		if d.IsDir() {
			if name != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		if IsPackFile(name) {
			names = append(names, name)
		}
		return nil
	})
	if err != nil {
		diags = append(diags, Diagnostic{File: source, Message: err.Error()})
	}
	// Files parse independently, so they are parsed on every core: start-up waits for the
	// largest pack rather than for all of them. Results keep the walk's order.
	type result struct {
		pk    *Pack
		diags Diagnostics
	}
	results := make([]result, len(names))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Go(func() {
			for i := range next {
				pk, ds := ld.ReadFile(fsys, names[i], join(source, names[i]))
				results[i] = result{pk, ds}
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	var packs []*Pack
	for _, r := range results {
		diags = append(diags, r.diags...)
		if r.pk != nil {
			r.pk.Source = source
			packs = append(packs, r.pk)
		}
	}
	return packs, diags
}

// NotRegular says why a directory entry named like a pack is not read: packs are regular
// files only, so that a pack folder from strangers cannot make hotseat read a file outside it
// through a symbolic link, or hang on a FIFO or a device. Empty for a regular file or a
// folder.
func NotRegular(d fs.DirEntry) string {
	switch t := d.Type(); {
	case t&fs.ModeSymlink != 0:
		return "skipped: a symbolic link (packs are read from regular files only; copy the file in instead)"
	case t.IsDir(), t.IsRegular():
		return ""
	default:
		return "skipped: not a regular file (a pipe, socket or device); packs are read from regular files only"
	}
}

// ReadFile reads and parses one pack file from fsys, refusing files over MaxFileSize
// before reading them. display is the name used in diagnostics.
func (ld Loader) ReadFile(fsys fs.FS, name, display string) (*Pack, Diagnostics) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, Diagnostics{{File: display, Message: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}
	}
	defer f.Close()
	size := 0
	if st, err := f.Stat(); err == nil {
		if st.Size() > MaxFileSize {
			return nil, Diagnostics{{File: display, Message: tooLarge(st.Size())}}
		}
		size = max(0, int(st.Size()))
	}
	src, err := readSized(io.LimitReader(f, MaxFileSize+1), size)
	if err != nil {
		return nil, Diagnostics{{File: display, Message: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}
	}
	pk, ds := Parse(display, src)
	if pk != nil {
		pk.read = &origin{fsys: fsys, name: name, display: display}
		if ld.Unload {
			pk.Unload()
		}
	}
	return pk, ds
}

// readSized reads r to its end into a buffer made for size bytes (one more, to meet the
// end without growing it): io.ReadAll grows its buffer by doubling from 512 bytes, which
// allocates two to three times the file (22 MB to read 10,000 questions' 8.7 MB).
func readSized(r io.Reader, size int) ([]byte, error) {
	buf := make([]byte, 0, size+1)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // the file grew since it was measured
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// LoadPath parses a pack file or a directory of packs on disk.
func (ld Loader) LoadPath(p string) ([]*Pack, Diagnostics) {
	st, err := os.Stat(p)
	if err != nil {
		return nil, Diagnostics{{File: p, Message: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}
	}
	if !st.IsDir() {
		if !st.Mode().IsRegular() {
			return nil, Diagnostics{{File: p, Message: "not a regular file (a pipe, socket or device): give a pack file or a folder of them"}}
		}
		pk, ds := ld.ReadFile(os.DirFS(filepath.Dir(p)), filepath.Base(p), p)
		if pk == nil {
			return nil, ds
		}
		pk.Source = p
		return []*Pack{pk}, ds
	}
	return ld.LoadFS(os.DirFS(p), p)
}

func join(source, name string) string {
	if source == "" || source == "embedded" {
		return name
	}
	return filepath.Join(source, filepath.FromSlash(name))
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Library is the set of packs a session draws from, indexed by pack and question key.
type Library struct {
	Packs     []*Pack
	packs     map[string]*Pack
	questions map[string]*Question
}

// NewLibrary returns an empty library.
func NewLibrary() *Library {
	return &Library{packs: map[string]*Pack{}, questions: map[string]*Question{}}
}

// Add adds packs that parsed without errors. A pack whose diagnostics hold an error is
// skipped (the diagnostics already say why); a pack id that is already in the library is
// an error naming both files, and the later pack is skipped.
func (l *Library) Add(packs []*Pack, diags Diagnostics) Diagnostics {
	bad := map[string]bool{}
	for _, d := range diags {
		if !d.Warning {
			bad[d.File] = true
		}
	}
	var out Diagnostics
	for _, pk := range packs {
		if bad[pk.File] || pk.ID == "" {
			continue
		}
		if prev, dup := l.packs[pk.ID]; dup {
			out = append(out, Diagnostic{File: pk.File, Message: fmt.Sprintf("pack %q is also provided by %s; this copy is skipped: remove one of them", pk.ID, prev.File)})
			continue
		}
		l.packs[pk.ID] = pk
		l.Packs = append(l.Packs, pk)
		// The keys in one string per pack, rather than one string each.
		size := 0
		for _, q := range pk.Questions {
			size += len(q.PackID) + 1 + len(q.ID)
		}
		var keys strings.Builder
		keys.Grow(size)
		for _, q := range pk.Questions {
			start := keys.Len()
			keys.WriteString(q.PackID)
			keys.WriteByte('/')
			keys.WriteString(q.ID)
			l.questions[keys.String()[start:]] = q
		}
	}
	sort.SliceStable(l.Packs, func(i, j int) bool { return l.Packs[i].ID < l.Packs[j].ID })
	return out
}

// CheckFollowUps reports follow-ups and related questions into other packs that do not
// resolve: an error when the pack is loaded but lacks the question, a warning when the pack
// is not loaded.
func (l *Library) CheckFollowUps() Diagnostics {
	var out Diagnostics
	for _, pk := range l.Packs {
		for _, q := range pk.Questions {
			out = append(out, l.checkRefs(pk, q, "follow-up", q.FollowUps, q.FollowUpLines)...)
			out = append(out, l.checkRefs(pk, q, "related", q.Related, q.RelatedLines)...)
		}
	}
	return out
}

// checkRefs checks one list of question keys of q that point into other packs; lines are
// where each is written.
func (l *Library) checkRefs(pk *Pack, q *Question, kind string, refs []string, lines []int) Diagnostics {
	var out Diagnostics
	for i, ref := range refs {
		target, id, _ := strings.Cut(ref, "/")
		if target == pk.ID {
			continue
		}
		line := q.Line
		if i < len(lines) {
			line = lines[i]
		}
		switch {
		case l.packs[target] == nil:
			out = append(out, Diagnostic{File: pk.File, Line: line, Warning: true, Message: fmt.Sprintf("%s %s#%s: pack %q is not installed", kind, target, id, target)})
		case l.questions[ref] == nil:
			out = append(out, Diagnostic{File: pk.File, Line: line, Message: fmt.Sprintf("%s %s#%s: pack %q has no question %q", kind, target, id, target, id)})
		}
	}
	return out
}

// Siblings returns, by question key, the keys of the questions related to it: its
// follow-ups and Related, and the questions that name it in theirs. Two siblings are never
// planned for the same day.
func (l *Library) Siblings() map[string][]string {
	out := map[string][]string{}
	link := func(a, b string) {
		if a == b || l.questions[a] == nil || l.questions[b] == nil {
			return
		}
		if !slices.Contains(out[a], b) {
			out[a] = append(out[a], b)
		}
		if !slices.Contains(out[b], a) {
			out[b] = append(out[b], a)
		}
	}
	for _, pk := range l.Packs {
		for _, q := range pk.Questions {
			for _, ref := range q.FollowUps {
				link(q.Key(), ref)
			}
			for _, ref := range q.Related {
				link(q.Key(), ref)
			}
		}
	}
	return out
}

// Pack returns the pack with the given id, or nil.
func (l *Library) Pack(id string) *Pack { return l.packs[id] }

// Question returns the question with key "pack/question", or nil.
func (l *Library) Question(key string) *Question { return l.questions[key] }

// Len returns the number of questions in the library.
func (l *Library) Len() int { return len(l.questions) }

// Questions returns every question, pack by pack in file order.
func (l *Library) Questions() []*Question {
	out := make([]*Question, 0, len(l.questions))
	for _, pk := range l.Packs {
		out = append(out, pk.Questions...)
	}
	return out
}

// Tags returns every tag with the number of questions carrying it, sorted by tag.
func (l *Library) Tags() []TagCount {
	counts := map[string]int{}
	for _, pk := range l.Packs {
		for _, q := range pk.Questions {
			for _, t := range q.Tags {
				counts[t]++
			}
		}
	}
	out := make([]TagCount, 0, len(counts))
	for t, n := range counts {
		out = append(out, TagCount{Tag: t, Questions: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Tag < out[j].Tag })
	return out
}

// TagCount is a tag and how many questions carry it.
type TagCount struct {
	Tag       string `json:"tag"`
	Questions int    `json:"questions"`
}

// Claims returns the claims vocabulary of every pack, merged by topic: phrases and tags of
// the same topic from several packs are combined. Sorted by topic.
func (l *Library) Claims() []Claim {
	byTopic := map[string]*Claim{}
	var order []string
	for _, pk := range l.Packs {
		for _, c := range pk.Claims {
			m := byTopic[c.Topic]
			if m == nil {
				m = &Claim{Topic: c.Topic, Line: c.Line}
				byTopic[c.Topic] = m
				order = append(order, c.Topic)
			}
			for _, ph := range c.Phrases {
				if !containsTerm(m.Phrases, ph) {
					m.Phrases = append(m.Phrases, ph)
				}
			}
			for _, t := range c.Tags {
				m.Tags = appendUnique(m.Tags, t)
			}
		}
	}
	sort.Strings(order)
	out := make([]Claim, 0, len(order))
	for _, t := range order {
		out = append(out, *byTopic[t])
	}
	return out
}

func containsTerm(ts []Term, t Term) bool {
	for _, x := range ts {
		if x.String() == t.String() {
			return true
		}
	}
	return false
}
