package pack

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// Body is what a question shows and is graded against: its prompt, model answer, key
// points, misconceptions and choices. It is most of a pack's memory (the match terms above
// all), and only the questions on screen need it, so a pack can let go of its questions'
// bodies (Unload) and read them again from its file when first asked for (Question.Body):
// home with 10,000 questions then holds their catalogue (ids, titles, tags, levels) only.
type Body struct {
	Prompt    string     `json:"prompt,omitempty"` // extra context, Markdown
	Answer    string     `json:"answer"`           // the model answer, Markdown
	KeyPoints []KeyPoint `json:"key_points,omitempty"`
	// Misconceptions are common wrong statements about the whole question, written in the
	// key points as "- text (wrong: term, term)": an answer that states one is told so.
	Misconceptions []Misconception `json:"misconceptions,omitempty"`
	Choices        []Choice        `json:"choices,omitempty"`
	// Err says why the body could not be read again from the pack file (the file was
	// removed, or edited so that the question is gone, since hotseat started): the fields
	// above are then empty, and a screen shows Err instead.
	Err error `json:"-"`
}

// Body returns the question's body, reading its pack file again when the pack was
// unloaded; it never returns nil. Reading a file reads the body of each of its questions,
// so that a set, a screen or a report touching many questions reads every file once. Safe
// for concurrent use.
func (q *Question) Body() *Body {
	o := q.from
	if o == nil {
		if q.body == nil {
			return &Body{}
		}
		return q.body
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if q.body == nil {
		if err := o.read(); err != nil {
			return &Body{Err: err}
		}
	}
	return q.body
}

// EachBody calls f with each question of the pack and its body, in order, without keeping
// the bodies of an unloaded pack: what reads every question's text once (the CV check's
// vocabulary of the bank) leaves the memory of a long session as it was. A file that cannot
// be read gives each of its questions a body with Err.
func (pk *Pack) EachBody(f func(q *Question, b *Body)) {
	var fresh map[string]*Body
	var freshErr error
	for _, q := range pk.Questions {
		o := q.from
		if o == nil {
			f(q, q.Body())
			continue
		}
		o.mu.Lock()
		b := q.body
		o.mu.Unlock()
		if b == nil {
			if fresh == nil && freshErr == nil {
				fresh, freshErr = o.parse()
			}
			b = &Body{Err: freshErr}
			if freshErr == nil {
				b = o.bodyOf(fresh, q.ID)
			}
		}
		f(q, b)
	}
}

// SetBody gives a question built in code (an imported card, a test) its body, and
// returns the question.
func (q *Question) SetBody(b Body) *Question {
	q.body, q.from, q.KeyPointCount = &b, nil, len(b.KeyPoints)
	return q
}

// MarshalJSON writes the question with its body's fields among its own, in the order
// they had before the two were split (pack export --format json is unchanged).
func (q *Question) MarshalJSON() ([]byte, error) {
	b := q.Body()
	return json.Marshal(struct {
		ID             string          `json:"id"`
		PackID         string          `json:"pack"`
		Title          string          `json:"title"`
		Prompt         string          `json:"prompt,omitempty"`
		Kind           Kind            `json:"kind"`
		Level          Level           `json:"level"`
		Tags           []string        `json:"tags,omitempty"`
		Answer         string          `json:"answer"`
		KeyPoints      []KeyPoint      `json:"key_points,omitempty"`
		Misconceptions []Misconception `json:"misconceptions,omitempty"`
		Choices        []Choice        `json:"choices,omitempty"`
		FollowUps      []string        `json:"follow_ups,omitempty"`
		Related        []string        `json:"related,omitempty"`
		Line           int             `json:"line"`
	}{q.ID, q.PackID, q.Title, b.Prompt, q.Kind, q.Level, q.Tags, b.Answer, b.KeyPoints,
		b.Misconceptions, b.Choices, q.FollowUps, q.Related, q.Line})
}

// origin is where an unloaded pack's questions are read again from.
type origin struct {
	mu      sync.Mutex
	fsys    fs.FS
	name    string // the file in fsys
	display string // the file as diagnostics name it
	qs      []*Question
}

// read parses the file again and gives each of the pack's questions its body, found by id;
// a question the file no longer has gets an Err, kept. A file that cannot be read at all
// (removed, or in the instant an editor replaces it) is read again at the next call: its
// error is returned, not kept. Called with o.mu held.
func (o *origin) read() error {
	fresh, err := o.parse()
	if err != nil {
		return err
	}
	for _, q := range o.qs {
		if q.body == nil {
			q.body = o.bodyOf(fresh, q.ID)
		}
	}
	return nil
}

// bodyOf is question id's body in fresh (parse), or one saying that it is gone.
func (o *origin) bodyOf(fresh map[string]*Body, id string) *Body {
	if b := fresh[id]; b != nil {
		return b
	}
	return &Body{Err: fmt.Errorf("%s: question %q is no longer in this file (it changed since hotseat started): quit and start hotseat again", o.display, id)}
}

// parse reads the file and returns its questions' bodies by id, keeping none.
func (o *origin) parse() (map[string]*Body, error) {
	pk, ds := ReadFile(o.fsys, o.name, o.display)
	if pk == nil {
		why := o.display + ": cannot read it"
		if len(ds) > 0 {
			why = ds[0].String()
		}
		return nil, fmt.Errorf("%s: quit and start hotseat again", why)
	}
	fresh := make(map[string]*Body, len(pk.Questions))
	for _, q := range pk.Questions {
		if q.body != nil {
			fresh[q.ID] = q.body
		}
	}
	return fresh, nil
}

// BodiesFrom says that the pack's questions, which have no body (the embedded packs'
// catalogue written by go generate), read it from the file name in fsys when first asked
// for. display names the file in messages.
func (pk *Pack) BodiesFrom(fsys fs.FS, name, display string) {
	o := &origin{fsys: fsys, name: name, display: display, qs: pk.Questions}
	for _, q := range pk.Questions {
		q.from = o
	}
}

// Unload lets go of the bodies of the pack's questions, which Question.Body reads again
// from the pack's file, and copies what stays (the catalogue: ids, titles, tags, the
// pack's own fields) out of the parsed file into a few blocks of its own, so that the
// file's text and the parse's garbage can all be given back to the system. A pack not
// read from a file by ReadFile, LoadFS or LoadPath keeps its bodies. Call it before the
// pack is added to a Library, which keeps pointers to its questions (Loader.Unload calls
// it as each file is parsed).
func (pk *Pack) Unload() {
	o := pk.read
	if o == nil {
		return
	}
	pk.read = nil

	// One string for every string that stays, one array for the questions, one for their
	// lists of strings and one for their line numbers.
	var size, nstr, nint int
	pk.eachString(func(s *string) { size += len(*s) })
	for _, q := range pk.Questions {
		nstr += len(q.Tags) + len(q.FollowUps) + len(q.Related)
		nint += len(q.FollowUpLines) + len(q.RelatedLines)
	}
	var sb strings.Builder
	sb.Grow(size)
	pk.eachString(func(s *string) { sb.WriteString(*s) })
	all, at := sb.String(), 0
	pk.eachString(func(s *string) {
		n := len(*s)
		*s, at = all[at:at+n], at+n
	})
	strs, ints := make([]string, 0, nstr), make([]int, 0, nint)
	keep := func(l []string) []string {
		if l == nil {
			return nil
		}
		strs = append(strs, l...)
		return strs[len(strs)-len(l) : len(strs) : len(strs)]
	}
	keepInts := func(l []int) []int {
		if l == nil {
			return nil
		}
		ints = append(ints, l...)
		return ints[len(ints)-len(l) : len(ints) : len(ints)]
	}
	qs := make([]Question, len(pk.Questions))
	for i, q := range pk.Questions {
		qs[i] = *q
		n := &qs[i]
		n.PackID = pk.ID
		n.Tags, n.FollowUps, n.Related = keep(q.Tags), keep(q.FollowUps), keep(q.Related)
		n.FollowUpLines, n.RelatedLines = keepInts(q.FollowUpLines), keepInts(q.RelatedLines)
		n.body, n.from = nil, o
		pk.Questions[i] = n
	}
	o.qs = slices.Clone(pk.Questions)
	pk.Authors, pk.Sources, pk.Tags = slices.Clone(pk.Authors), slices.Clone(pk.Sources), slices.Clone(pk.Tags)
	pk.Claims, pk.Synonyms = cloneClaims(pk.Claims), cloneSynonyms(pk.Synonyms)
}

// eachString calls f with every string of the pack that Unload keeps, in one order.
func (pk *Pack) eachString(f func(*string)) {
	for _, s := range []*string{&pk.ID, &pk.Title, &pk.Version, &pk.Description, &pk.License, &pk.Source, &pk.File} {
		f(s)
	}
	for _, l := range [][]string{pk.Authors, pk.Sources, pk.Tags} {
		for i := range l {
			f(&l[i])
		}
	}
	for i := range pk.Claims {
		c := &pk.Claims[i]
		f(&c.Topic)
		for j := range c.Tags {
			f(&c.Tags[j])
		}
		eachTermString(c.Phrases, f)
	}
	for i := range pk.Synonyms {
		eachSynonymString(&pk.Synonyms[i], f)
	}
	for _, q := range pk.Questions {
		f(&q.ID)
		f(&q.Title)
		for _, l := range [][]string{q.Tags, q.FollowUps, q.Related} {
			for i := range l {
				f(&l[i])
			}
		}
	}
}

func eachTermString(ts []Term, f func(*string)) {
	for i := range ts {
		f(&ts[i].Raw)
		for j := range ts[i].Words {
			f(&ts[i].Words[j].Text)
		}
	}
}

func cloneTerms(ts []Term) []Term {
	ts = slices.Clone(ts)
	for i := range ts {
		ts[i].Words = slices.Clone(ts[i].Words)
	}
	return ts
}

func cloneClaims(cs []Claim) []Claim {
	cs = slices.Clone(cs)
	for i := range cs {
		cs[i].Tags, cs[i].Phrases = slices.Clone(cs[i].Tags), cloneTerms(cs[i].Phrases)
	}
	return cs
}

func eachSynonymString(s *Synonym, f func(*string)) {
	f(&s.Canonical)
	f(&s.Pos)
	for _, l := range [][]string{s.Alts, s.Topics} {
		for i := range l {
			f(&l[i])
		}
	}
}

func cloneSynonyms(ss []Synonym) []Synonym {
	ss = slices.Clone(ss)
	for i := range ss {
		ss[i].Alts, ss[i].Topics = slices.Clone(ss[i].Alts), slices.Clone(ss[i].Topics)
	}
	return ss
}
