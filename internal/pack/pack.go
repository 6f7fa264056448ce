// Package pack holds the question-pack model, the Markdown parser, lint and loading from
// fs.FS and directories. Pack text is untrusted: every string in the model has been passed
// through safetext.Clean by the parser.
package pack

import (
	"fmt"
	"time"
)

// Kind is how a question is answered and graded.
type Kind int

// Question kinds.
const (
	KindOpen   Kind = iota // typed or spoken answer, self-graded with help from key-point coverage
	KindChoice             // one or more correct options, graded automatically
)

// String returns "open" or "choice".
func (k Kind) String() string {
	if k == KindChoice {
		return "choice"
	}
	return "open"
}

// MarshalText writes the kind's name, so JSON output reads "open" or "choice".
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Level is the seniority a question is aimed at.
type Level int

// Levels, in increasing depth.
const (
	Junior Level = 1
	Mid    Level = 2
	Senior Level = 3
)

// Levels lists every level in order.
var Levels = []Level{Junior, Mid, Senior}

// String returns "junior", "mid" or "senior".
func (l Level) String() string {
	switch l {
	case Junior:
		return "junior"
	case Mid:
		return "mid"
	case Senior:
		return "senior"
	}
	return fmt.Sprintf("level(%d)", int(l))
}

// MarshalText writes the level's name.
func (l Level) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// ParseLevel reads "junior", "mid" or "senior".
func ParseLevel(s string) (Level, bool) {
	for _, l := range Levels {
		if l.String() == s {
			return l, true
		}
	}
	return 0, false
}

// Pack is one parsed pack file.
type Pack struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Version     string   `json:"version"`
	Description string   `json:"description,omitempty"`
	Authors     []string `json:"authors,omitempty"`
	License     string   `json:"license,omitempty"`
	// Sources are the references the pack's facts were checked against: documentation
	// pages, papers, books, each one line ("scikit-learn user guide 1.6: Ensembles, https://…").
	Sources []string      `json:"sources,omitempty"`
	Time    time.Duration `json:"-"`     // default time limit of its questions
	Level   Level         `json:"level"` // default level of its questions
	Tags    []string      `json:"tags,omitempty"`
	Claims  []Claim       `json:"claims,omitempty"`
	// Synonyms extend the grader's thesaurus for this pack's questions and every other.
	Synonyms  []Synonym   `json:"synonyms,omitempty"`
	Questions []*Question `json:"questions"`

	// Source says where the pack came from ("embedded", a directory, a repository URL).
	Source string `json:"source"`
	// File is the pack's file name as diagnostics print it.
	File string `json:"file"`

	read *origin // where ReadFile read it, for Unload
}

// Claim is one topic of a pack's claims vocabulary: phrases a candidate may say about
// themselves, and the tags that saying them commits the candidate to.
type Claim struct {
	Topic   string   `json:"topic"`
	Phrases []Term   `json:"phrases"`
	Tags    []string `json:"tags"`
	Line    int      `json:"-"`
}

// Question is one interview question: its catalogue here (what home, the plan and the
// statistics read), and its Body, what the candidate reads and is graded against.
type Question struct {
	ID        string        `json:"id"`
	PackID    string        `json:"pack"`
	Title     string        `json:"title"` // the heading: the question as asked
	Kind      Kind          `json:"kind"`
	Level     Level         `json:"level"`
	Tags      []string      `json:"tags,omitempty"`
	Time      time.Duration `json:"-"`
	FollowUps []string      `json:"follow_ups,omitempty"` // keys "pack/question"
	// Related are questions about the same thing that must not be asked on the same day
	// (an open question and its choice twin, say): keys "pack/question". Follow-ups are
	// related too; Siblings gives both, in both directions.
	Related []string `json:"related,omitempty"`
	Line    int      `json:"line"`
	// KeyPointCount is len(Body().KeyPoints), in the catalogue so that choosing graded
	// questions (a mock interview round) reads no bodies.
	KeyPointCount int `json:"-"`
	// FollowUpLines holds the line of each follow-up, so that one that does not resolve
	// (possibly only once other packs are loaded) is reported where it is written;
	// RelatedLines the same for Related.
	FollowUpLines []int `json:"-"`
	RelatedLines  []int `json:"-"`

	// body is what the question shows and grades against (read it with Body): nil once
	// the pack is unloaded, until first asked for, when from reads it again.
	body *Body
	from *origin
}

// Key is the question's stable identity, "pack/question", under which progress is stored.
func (q *Question) Key() string { return q.PackID + "/" + q.ID }

// AppendKey appends Key to dst: a loop over every question that looks each up in a map
// by string(AppendKey(buf[:0])) allocates nothing per question.
func (q *Question) AppendKey(dst []byte) []byte {
	return append(append(append(dst, q.PackID...), '/'), q.ID...)
}

// HasTag reports whether the question carries tag t.
func (q *Question) HasTag(t string) bool {
	for _, x := range q.Tags {
		if x == t {
			return true
		}
	}
	return false
}

// Correct returns the indexes of the correct choices.
func (q *Question) Correct() []int {
	var idx []int
	for i, c := range q.Body().Choices {
		if c.Correct {
			idx = append(idx, i)
		}
	}
	return idx
}

// KeyPoint is something a good answer must mention, with the terms that detect it.
type KeyPoint struct {
	Text string `json:"text"`
	// Groups must all match; within a group any one term is enough. The first group is the
	// point's main idea: when it matches and another does not, the point is half covered.
	Groups [][]Term `json:"match"`
	// Optional groups are qualifiers and examples: evidence when present, never required.
	Optional [][]Term `json:"optional,omitempty"`
	// Wrong terms state a misconception; any of them in an answer cancels the point.
	Wrong []Term `json:"wrong,omitempty"`
	// Shown are predicates on the whole answer that earn the point when all hold, for points
	// a good answer shows rather than says: "no put-down" (the pitch rule does not fire),
	// "words 40-250".
	Shown []string `json:"shown,omitempty"`
	Line  int      `json:"-"`
}

// Misconception is a common wrong statement an answer to the question may make.
type Misconception struct {
	Text  string `json:"text"`
	Terms []Term `json:"wrong"`
	Line  int    `json:"-"`
}

// Choice is one option of a choice question.
type Choice struct {
	Text    string `json:"text"`
	Correct bool   `json:"correct"`
}

// Term is a word or phrase to look for in an answer: consecutive words, each matched whole
// (or as a prefix when it ended in '*' in the pack), case-insensitively.
type Term struct {
	Words []Word `json:"words"`
	// Raw is the term as written in the pack ("can't overfit", "0.32", "max_depth*"); the
	// grader tokenises it the way it tokenises answers.
	Raw string `json:"-"`
	// Negated marks a term of a "not:" group: its idea is a negation, so it counts only
	// where the answer negates it.
	Negated bool `json:"negated,omitempty"`
}

// Word is one word of a term.
type Word struct {
	Text   string `json:"text"`
	Prefix bool   `json:"prefix,omitempty"`
}

// String writes the term back as it is written in a pack.
func (t Term) String() string {
	s := ""
	for i, w := range t.Words {
		if i > 0 {
			s += " "
		}
		s += w.Text
		if w.Prefix {
			s += "*"
		}
	}
	return s
}
