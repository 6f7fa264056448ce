package pack

import (
	"fmt"
	"strings"
)

// Synonym is one thesaurus entry: a canonical phrase and the phrases and abbreviations that
// mean the same ("random forest = rf, random forests"). With Topics set, the entry applies
// only to questions carrying one of those tags or pack ids: "ci" is continuous integration
// in a testing pack and a confidence interval in an experimentation one.
type Synonym struct {
	Canonical string   `json:"canonical"`
	Alts      []string `json:"alternatives"`
	Topics    []string `json:"topics,omitempty"`
	// Where the entry was written, for messages: "thesaurus.txt:12" or "pack.md:8".
	Pos string `json:"-"`
}

// Applies reports whether the entry is for a question with these tags in this pack.
func (s Synonym) Applies(packID string, tags []string) bool {
	if len(s.Topics) == 0 {
		return true
	}
	for _, t := range s.Topics {
		if t == packID {
			return true
		}
		for _, tag := range tags {
			if t == tag {
				return true
			}
		}
	}
	return false
}

// ParseSynonym reads one entry: "[topic, topic] canonical = alt, alt". The topics are
// optional.
func ParseSynonym(line string) (Synonym, error) {
	var s Synonym
	line = strings.TrimSpace(line)
	if rest, ok := strings.CutPrefix(line, "["); ok {
		topics, after, ok := strings.Cut(rest, "]")
		if !ok {
			return s, fmt.Errorf("%q: a topic list starts with [ and ends with ]", line)
		}
		for _, t := range strings.Split(topics, ",") {
			if t = strings.TrimSpace(t); t != "" {
				s.Topics = append(s.Topics, t)
			}
		}
		if len(s.Topics) == 0 {
			return s, fmt.Errorf("%q: an empty [ ] topic list; leave it out to apply everywhere", line)
		}
		line = strings.TrimSpace(after)
	}
	canon, alts, ok := strings.Cut(line, "=")
	if !ok {
		return s, fmt.Errorf("%q: write an entry as canonical phrase = alternative, alternative", line)
	}
	s.Canonical = strings.ToLower(strings.TrimSpace(canon))
	if _, err := ParseTerm(s.Canonical); err != nil || strings.Contains(s.Canonical, "*") {
		return s, fmt.Errorf("%q: the canonical phrase needs a word and no *", line)
	}
	for _, a := range strings.Split(alts, ",") {
		a = strings.ToLower(strings.TrimSpace(a))
		if a == "" {
			continue
		}
		if _, err := ParseTerm(a); err != nil || strings.Contains(a, "*") {
			return s, fmt.Errorf("%q: alternative %q needs a word and no *", line, a)
		}
		s.Alts = append(s.Alts, a)
	}
	if len(s.Alts) == 0 {
		return s, fmt.Errorf("%q: list at least one alternative after =", line)
	}
	return s, nil
}

// ParseThesaurus reads a thesaurus file: one entry a line, # starts a comment. Errors
// carry name:line.
func ParseThesaurus(name, text string) ([]Synonym, []error) {
	var out []Synonym
	var errs []error
	for i, line := range strings.Split(text, "\n") {
		if k := strings.IndexByte(line, '#'); k >= 0 {
			line = line[:k]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		s, err := ParseSynonym(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %v", name, i+1, err))
			continue
		}
		s.Pos = fmt.Sprintf("%s:%d", name, i+1)
		out = append(out, s)
	}
	return out, errs
}
