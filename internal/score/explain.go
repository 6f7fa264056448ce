package score

import (
	"strings"

	"github.com/hotseat/hotseat/internal/pack"
)

// TermHit says where one term matched in an answer, for pack authors (hotseat grade
// --explain).
type TermHit struct {
	Term    string // as the pack writes it
	Found   bool
	Span    Span
	Matched string // the answer's words
	// Negated is set when the term occurs but the negation rule rejected it: inside "not ..."
	// for a plain term, or outside a negation for a not: term.
	Negated bool
	// InList is set when the term occurs only in a keyword-list part of a list answer.
	InList bool
}

// GroupHits is one group of a key point with its terms' hits.
type GroupHits struct {
	Label string // "", "optional", "wrong" or "not"
	Terms []TermHit
}

// Explain returns, per key point, every group and term with where it matched.
func Explain(q *pack.Question, answer string, opt Options) [][]GroupHits {
	body := q.Body()
	th := opt.Thesaurus
	if th == nil {
		th = Default()
	}
	cq := th.compiled(q)
	toks := cq.rw.apply(tokenize(answer, false))
	list := listLike(answer)
	hits := func(label string, ts []term, src []pack.Term) GroupHits {
		g := GroupHits{Label: label}
		for i := range ts {
			h := TermHit{Term: src[i].Raw}
			if h.Term == "" {
				h.Term = src[i].String()
			}
			if sp, ok := ts[i].find(toks); ok {
				h.Span, h.Matched = sp, answer[sp.Start:sp.End]
				h.Found = label == "wrong" || list.prose(sp)
				h.InList = !h.Found
			} else {
				flipped := ts[i]
				flipped.negated = !flipped.negated
				if !flipped.negative {
					if sp, ok := flipped.find(toks); ok {
						h.Span, h.Matched, h.Negated = sp, answer[sp.Start:sp.End], true
					}
				}
			}
			g.Terms = append(g.Terms, h)
		}
		return g
	}
	out := make([][]GroupHits, len(body.KeyPoints))
	for i, kp := range body.KeyPoints {
		cp := &cq.points[i]
		for gi, g := range kp.Groups {
			label := ""
			if len(g) > 0 && g[0].Negated {
				label = "not"
			}
			out[i] = append(out[i], hits(label, cp.groups[gi], g))
		}
		for gi, g := range kp.Optional {
			out[i] = append(out[i], hits("optional", cp.optional[gi], g))
		}
		if len(kp.Wrong) > 0 {
			out[i] = append(out[i], hits("wrong", cp.wrong, kp.Wrong))
		}
	}
	return out
}

// PersonalFor turns phrases saved by key point text (store.SynonymsFor) into
// Options.Personal, by the question's key point indexes.
func PersonalFor(q *pack.Question, byText map[string][]string) map[int][]string {
	if len(byText) == 0 {
		return nil
	}
	out := map[int][]string{}
	for i, kp := range q.Body().KeyPoints {
		if p := byText[kp.Text]; len(p) > 0 {
			out[i] = p
		}
	}
	return out
}

// Closest returns the sentence of the answer that says most of the key point's words: what
// the candidate most likely said it with, offered for saving as a personal synonym.
func Closest(answer, point string) string {
	want := map[string]bool{}
	for _, t := range tokenize(point, false) {
		if !phraseFiller[t.norm] && len(t.norm) > 2 {
			want[t.stem] = true
		}
	}
	toks := tokenize(answer, false)
	best, bestN, start := "", -1, 0
	for i := 0; i <= len(toks); i++ {
		if i < len(toks) && toks[i].sent == toks[start].sent {
			continue
		}
		if i > start {
			n := 0
			for _, t := range toks[start:i] {
				if want[t.stem] {
					n++
				}
			}
			if n > bestN {
				best, bestN = answer[toks[start].start:toks[i-1].end], n
			}
		}
		start = i
	}
	return strings.Join(strings.Fields(best), " ")
}

// GroupsSaid reports, for each required group of key point i, whether phrase alone
// matches it: what `hotseat pack suggest-terms` must add the phrase to so that it earns
// the point by itself.
func GroupsSaid(q *pack.Question, i int, phrase string, th *Thesaurus) []bool {
	if th == nil {
		th = Default()
	}
	cq := th.compiled(q)
	toks := cq.rw.apply(tokenize(phrase, false))
	out := make([]bool, len(cq.points[i].groups))
	for gi, g := range cq.points[i].groups {
		_, out[gi] = findGroup(g, toks, listInfo{})
	}
	return out
}
