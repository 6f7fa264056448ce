package claims

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
)

// Claim is one statement the candidate would make about themselves, as they wrote it, with
// the tags they added to or dropped from what the vocabulary maps it to.
type Claim struct {
	Text     string    `json:"text"`
	Added    time.Time `json:"added"`
	AddTags  []string  `json:"add_tags,omitempty"`
	DropTags []string  `json:"drop_tags,omitempty"`
}

// Resolved is a claim with what it commits the candidate to now, given the packs loaded.
type Resolved struct {
	Claim
	Matches []Match  `json:"matches"`
	Tags    []string `json:"tags"`              // the tags drilled harder
	Suggest []string `json:"suggest,omitempty"` // nearest tags, when the claim maps to nothing
}

// Resolve maps a claim to tags through the vocabulary, then applies the candidate's own
// additions and removals.
func Resolve(c Claim, vocab []pack.Claim, tags []pack.TagCount) Resolved {
	r := Resolved{Claim: c, Matches: Find(c.Text, vocab)}
	// A tag named in the claim counts too, unless a vocabulary phrase already covers it.
	for _, m := range FindTags(c.Text, tags) {
		covered := false
		for _, v := range r.Matches {
			if slices.Contains(v.Tags, m.Topic) {
				covered = true
			}
		}
		if !covered {
			r.Matches = append(r.Matches, m)
		}
	}
	for _, m := range r.Matches {
		for _, t := range m.Tags {
			if !slices.Contains(r.Tags, t) {
				r.Tags = append(r.Tags, t)
			}
		}
	}
	for _, t := range c.AddTags {
		if !slices.Contains(r.Tags, t) {
			r.Tags = append(r.Tags, t)
		}
	}
	r.Tags = slices.DeleteFunc(r.Tags, func(t string) bool { return slices.Contains(c.DropTags, t) })
	if len(r.Matches) == 0 {
		r.Suggest = Nearest(c.Text, vocab, tags, 3)
	}
	return r
}

// ResolveAll resolves every claim against a library.
func ResolveAll(cs []Claim, lib *pack.Library) []Resolved {
	vocab, tags := lib.Claims(), lib.Tags()
	out := make([]Resolved, len(cs))
	for i, c := range cs {
		out[i] = Resolve(c, vocab, tags)
	}
	return out
}

// EditTags adds and drops tags of claim c. A tag added is no longer dropped and the other
// way round; tags must be lowercase words with hyphens.
func EditTags(c Claim, add, drop []string) (Claim, error) {
	for _, t := range append(slices.Clone(add), drop...) {
		if !pack.ValidTag(t) {
			return c, fmt.Errorf("bad tag %q: use lowercase letters, digits and hyphens", t)
		}
	}
	for _, t := range add {
		c.DropTags = slices.DeleteFunc(c.DropTags, func(x string) bool { return x == t })
		if !slices.Contains(c.AddTags, t) {
			c.AddTags = append(c.AddTags, t)
		}
	}
	for _, t := range drop {
		c.AddTags = slices.DeleteFunc(c.AddTags, func(x string) bool { return x == t })
		if !slices.Contains(c.DropTags, t) {
			c.DropTags = append(c.DropTags, t)
		}
	}
	return c, nil
}

// Covering returns the first claim whose tags the question carries, or nil.
func Covering(rs []Resolved, q *pack.Question) *Resolved {
	for i := range rs {
		for _, t := range rs[i].Tags {
			if q.HasTag(t) {
				return &rs[i]
			}
		}
	}
	return nil
}

// Policy is how much harder claimed topics are drilled. Every field is a setting.
type Policy struct {
	// Retention is the desired retention of claimed questions (unclaimed ones: 0.90).
	Retention float64 `json:"retention"`
	// Share is the part of every daily drill given to claimed questions, due or not.
	Share float64 `json:"share"`
	// TimeFactor scales the time limit of claimed questions.
	TimeFactor float64 `json:"time_factor"`
	// Strict makes the suggested rating one step stricter unless every key point is covered.
	Strict bool `json:"strict"`
	// Dig continues the follow-up ladder after a good answer, as an interviewer digs.
	Dig bool `json:"dig"`
}

// DefaultPolicy returns the defaults: retention 0.95, 30% of each daily drill, 25% less
// time, stricter suggestions and follow-ups after a good answer.
func DefaultPolicy() Policy {
	return Policy{Retention: 0.95, Share: 0.30, TimeFactor: 0.75, Strict: true, Dig: true}
}

// Validate reports a setting out of its range.
func (p Policy) Validate() error {
	switch {
	// Written so that NaN, which compares false with everything, is out of range too.
	// Above 0.97 FSRS brings a known answer back nearly every day, for little gain.
	case !(p.Retention >= 0.7 && p.Retention <= 0.97):
		return fmt.Errorf("retention %.2f is out of range: use 0.70 to 0.97", p.Retention)
	case !(p.Share >= 0 && p.Share <= 0.9):
		return fmt.Errorf("share %.2f is out of range: use 0 to 0.9", p.Share)
	case !(p.TimeFactor >= 0.25 && p.TimeFactor <= 1):
		return fmt.Errorf("time factor %.2f is out of range: use 0.25 to 1", p.TimeFactor)
	}
	return nil
}

// Duplicate returns the index of the claim in cs that says the same as text: the same
// words once case, punctuation, small words and word endings are set aside ("I know
// gradient boosting inside out." and "i know Gradient Boosting inside out"); ok is false
// when none does.
func Duplicate(cs []Claim, text string) (int, bool) {
	key := func(s string) string {
		var b strings.Builder
		for _, w := range words(s) {
			b.WriteString(w.stem + " ")
		}
		return b.String()
	}
	k := key(text)
	for i, c := range cs {
		if key(c.Text) == k {
			return i, true
		}
	}
	return 0, false
}

// UnknownTag returns the first of tags that no question carries (a claim committed to it
// would be drilled on nothing), and the tags there are, for the message; ok is false when
// every tag is known.
func UnknownTag(tags []string, known []pack.TagCount) (tag string, names []string, ok bool) {
	have := map[string]bool{}
	for _, tc := range known {
		have[tc.Tag] = true
		names = append(names, tc.Tag)
	}
	for _, t := range tags {
		if t = strings.TrimSpace(t); t != "" && !have[t] {
			return t, names, true
		}
	}
	return "", names, false
}
