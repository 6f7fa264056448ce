package score

import (
	"sort"
	"sync"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/questions"
)

// Thesaurus holds the synonym entries the grader reads answers and terms through: the
// shared questions/thesaurus.txt plus what packs add in their front matter.
type Thesaurus struct {
	entries []entry
}

type entry struct {
	syn   pack.Synonym
	canon []token
	alts  [][]token
}

// NewThesaurus compiles entries; later entries lose to earlier ones on the same phrase.
func NewThesaurus(syns []pack.Synonym) *Thesaurus {
	th := &Thesaurus{}
	for _, s := range syns {
		e := entry{syn: s, canon: tokenize(s.Canonical, false)}
		if len(e.canon) == 0 {
			continue
		}
		for _, a := range s.Alts {
			if t := tokenize(a, false); len(t) > 0 {
				e.alts = append(e.alts, t)
			}
		}
		th.entries = append(th.entries, e)
	}
	return th
}

// Default is the embedded thesaurus. The file is tested (thesaurus_test.go), so an entry
// that does not parse is a build-time bug, and is left out here rather than stopping grading.
var Default = sync.OnceValue(func() *Thesaurus {
	syns, _ := pack.ParseThesaurus("questions/thesaurus.txt", questions.Thesaurus)
	return NewThesaurus(syns)
})

// With returns the thesaurus extended by the packs' own synonyms.
func (th *Thesaurus) With(packs []*pack.Pack) *Thesaurus {
	var extra []pack.Synonym
	for _, p := range packs {
		extra = append(extra, p.Synonyms...)
	}
	if len(extra) == 0 {
		return th
	}
	out := &Thesaurus{entries: append([]entry(nil), th.entries...)}
	out.entries = append(out.entries, NewThesaurus(extra).entries...)
	return out
}

// rewriter replaces every alternative phrase with its canonical tokens, for one question.
type rewriter struct {
	byFirst map[string][]rewrite // by the stem of the alternative's first word
}

type rewrite struct {
	from []token
	to   []token
}

// forQuestion returns the rewriter of the entries that apply to q; nil for none.
func (th *Thesaurus) forQuestion(q *pack.Question) *rewriter {
	if th == nil || len(th.entries) == 0 {
		return nil
	}
	rw := &rewriter{byFirst: map[string][]rewrite{}}
	seen := map[string]bool{}
	for _, e := range th.entries {
		if !e.syn.Applies(q.PackID, q.Tags) {
			continue
		}
		for _, a := range e.alts {
			key := stemKey(a)
			if seen[key] || key == stemKey(e.canon) {
				continue
			}
			seen[key] = true
			rw.byFirst[a[0].stem] = append(rw.byFirst[a[0].stem], rewrite{from: a, to: e.canon})
		}
	}
	for k, rs := range rw.byFirst {
		sort.SliceStable(rs, func(i, j int) bool { return len(rs[i].from) > len(rs[j].from) })
		rw.byFirst[k] = rs
	}
	return rw
}

func stemKey(toks []token) string {
	s := ""
	for _, t := range toks {
		s += t.stem + " "
	}
	return s
}

// apply rewrites toks; the canonical tokens take the span, sentence and negation of the
// words they replace.
func (rw *rewriter) apply(toks []token) []token {
	if rw == nil {
		return toks
	}
	var out []token
	changed := false
	for i := 0; i < len(toks); {
		r, ok := rw.at(toks, i)
		if !ok {
			if changed {
				out = append(out, toks[i])
			}
			i++
			continue
		}
		if !changed {
			out = append(make([]token, 0, len(toks)+4), toks[:i]...)
			changed = true
		}
		last := toks[i+len(r.from)-1]
		for _, c := range r.to {
			if len(r.from) == 1 && len(r.to) == 1 {
				c.orig = toks[i].norm
			}
			c.start, c.end = toks[i].start, last.end
			c.sent, c.clause, c.negated = toks[i].sent, toks[i].clause, toks[i].negated
			out = append(out, c)
		}
		i += len(r.from)
	}
	if !changed {
		return toks
	}
	return out
}

func (rw *rewriter) at(toks []token, i int) (rewrite, bool) {
	for _, r := range rw.byFirst[toks[i].stem] {
		if i+len(r.from) > len(toks) {
			continue
		}
		ok := true
		for j, f := range r.from {
			t := toks[i+j]
			if t.prefix || t.stem != f.stem || t.sent != toks[i].sent {
				ok = false
				break
			}
		}
		if ok {
			return r, true
		}
	}
	return rewrite{}, false
}
