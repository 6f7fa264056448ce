package score

import (
	"fmt"
	"strings"
	"sync"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pitch"
	"github.com/kljensen/snowball/english"
)

// State is how far an answer made a key point.
type State uint8

// Key-point states, from nothing to full credit. Wrong is a point whose misconception the
// answer states: no credit, and the reveal says so.
const (
	Missed  State = iota // ✗
	Partial              // ◐: the main idea, without a qualifier the point needs
	Covered              // ✓
	Wrong                // ✗ with "a common misconception"
)

// Point is the verdict on one key point, with its evidence.
type Point struct {
	State State
	// Evidence is the spans of the answer that earned the point (or, for Wrong, stated the
	// misconception), in answer order.
	Evidence []Span
	// Matched is the text of each evidence span, as the answer wrote it.
	Matched []string
	// Missing names, for each required group no term matched, the group's first term: what
	// an answer would still need to say.
	Missing []string
	// WrongTerms lists the misconception terms the answer stated.
	WrongTerms []string
	// Personal is set when a phrase the candidate saved for this point earned it.
	Personal bool
	// Shown lists, when the answer earned the point by showing it rather than saying it
	// (the point's shown: predicates), what it showed: "no put-downs", "140 words".
	Shown []string
}

// Misconception is a question-level misconception the answer states.
type Misconception struct {
	Text    string
	Matched string
	Span    Span
}

// Options are what grading needs beside the question and the answer.
type Options struct {
	// Thesaurus to read answers and terms through; nil is Default().
	Thesaurus *Thesaurus
	// Personal holds, per key point index, phrases the candidate saved as meaning that point
	// ("I said it differently"): any of them earns the point in full.
	Personal map[int][]string
	// AllowList grades an answer written as a list like one in sentences: for model answers
	// (lint), whose form is the author's choice, not a candidate stuffing keywords.
	AllowList bool
}

// Grade measures an open answer against the question's key points and misconceptions.
func Grade(q *pack.Question, answer string, opt Options) Coverage {
	body := q.Body()
	th := opt.Thesaurus
	if th == nil {
		th = Default()
	}
	cq := th.compiled(q)
	rw := cq.rw
	toks := rw.apply(tokenize(answer, false))
	list := listLike(answer)
	if opt.AllowList {
		list = listInfo{}
	}
	c := Coverage{
		Covered: make([]bool, len(body.KeyPoints)),
		Partial: make([]bool, len(body.KeyPoints)),
		Points:  make([]Point, len(body.KeyPoints)),
		List:    list.list,
	}
	var rev *pitch.Review // the pitch rules on this answer, for shown: predicates
	for i := range body.KeyPoints {
		p := gradePoint(&cq.points[i], toks, answer, list)
		if kp := &body.KeyPoints[i]; p.State != Covered && p.State != Wrong && len(kp.Shown) > 0 && !list.list {
			if rev == nil {
				r := pitch.Analyze(answer, pitch.Options{Limit: q.Time})
				rev = &r
			}
			if shown, ok := showsIt(kp.Shown, answer, *rev); ok {
				p = Point{State: Covered, Shown: shown}
			} else if len(shown) > 0 && p.State == Missed {
				p.Missing = shown // what the answer showed instead: "a putting others down flag"
			}
		}
		if p.State != Covered && p.State != Wrong {
			for _, phrase := range opt.Personal[i] {
				pt := compilePhrase(phrase, rw)
				if sp, ok := pt.find(toks); ok && list.prose(sp) {
					p = Point{State: Covered, Evidence: []Span{sp}, Matched: []string{answer[sp.Start:sp.End]}, Personal: true}
					break
				}
			}
		}
		c.Points[i] = p
		c.Covered[i] = p.State == Covered
		c.Partial[i] = p.State == Partial
	}
	for mi, m := range body.Misconceptions {
		for _, ct := range cq.mis[mi] {
			if sp, ok := ct.find(toks); ok {
				c.Misconceptions = append(c.Misconceptions, Misconception{Text: m.Text, Matched: answer[sp.Start:sp.End], Span: sp})
				break
			}
		}
	}
	if Behavioural(q) {
		c.Flags = redFlags(q, answer)
	}
	return c
}

// shownMinWords is the least an answer must say before what it leaves out counts: an empty
// answer has no put-downs either.
const shownMinWords = 40

// showsIt reports whether the answer meets every shown: predicate of a key point, and says
// what it showed.
func showsIt(preds []string, answer string, rev pitch.Review) ([]string, bool) {
	words := len(strings.Fields(answer))
	if words < shownMinWords {
		return nil, false
	}
	var out []string
	for _, p := range preds {
		if rule, ok := strings.CutPrefix(p, "no "); ok {
			if rev.Flagged(rule) {
				return []string{"no " + strings.ToLower(pitch.RuleName(rule)) + " (see the red flags)"}, false
			}
			out = append(out, "no "+strings.ToLower(pitch.RuleName(rule)))
			continue
		}
		var lo, hi int
		if _, err := fmt.Sscanf(p, "words %d-%d", &lo, &hi); err != nil || words < lo || words > hi {
			return nil, false
		}
		out = append(out, fmt.Sprintf("%d words", words))
	}
	return out, true
}

// CheckShown reports a shown: predicate that names no pitch rule, for lint.
func CheckShown(kp pack.KeyPoint) error {
	for _, p := range kp.Shown {
		if rule, ok := strings.CutPrefix(p, "no "); ok && pitch.RuleName(rule) == rule {
			return fmt.Errorf("shown: %q names no pitch rule; the rules are in hotseat pitch check's output (put-down, blame, complaining, ...)", p)
		}
	}
	return nil
}

// Behavioural reports whether the question is about the candidate rather than ML: the
// pitch rules (put-downs, blame, filler, ...) then run on its answers.
func Behavioural(q *pack.Question) bool {
	return q.PackID == "behavioural" || q.HasTag("behavioural") || q.HasTag("self-presentation")
}

// sentenceRules are the pitch rules that judge how an answer talks about others and
// itself, sentence by sentence. The length and evidence rules are for the timed pitch, whose
// clock the drill already keeps.
var sentenceRules = map[string]bool{
	"put-down": true, "superiority": true, "blame": true, "complaining": true,
	"self-deprecation": true, "buzzwords": true, "filler": true, "no-ownership": true,
}

// redFlags runs the pitch rules on a behavioural answer, exactly as `hotseat pitch check`
// does on the same text; "Tell me about yourself" also gets the no-impact rule.
func redFlags(q *pack.Question, answer string) []Flag {
	rev := pitch.Analyze(answer, pitch.Options{Limit: q.Time})
	var out []Flag
	for _, f := range rev.Flags {
		if !sentenceRules[f.Rule] && !(f.Rule == "no-impact" && q.HasTag("self-presentation")) {
			continue
		}
		out = append(out, Flag{Rule: f.Rule, Name: f.Name, Sentence: f.Sentence, Why: f.Why})
	}
	return out
}

// compiledQuestion is a question's terms compiled through its thesaurus entries.
type compiledQuestion struct {
	rw     *rewriter
	points []compiledPoint
	mis    [][]term
}

type compiledPoint struct {
	groups   [][]term
	optional [][]term
	wrong    []term
}

type cacheKey struct {
	th *Thesaurus
	q  *pack.Question
}

// cache holds compiled questions: packs are immutable once loaded, so a question compiles
// once per thesaurus. Questions built on the fly (Measure) are compiled every time.
var cache sync.Map

func (th *Thesaurus) compiled(q *pack.Question) *compiledQuestion {
	body := q.Body()
	if v, ok := cache.Load(cacheKey{th, q}); ok {
		return v.(*compiledQuestion)
	}
	rw := th.forQuestion(q)
	cq := &compiledQuestion{rw: rw, points: make([]compiledPoint, len(body.KeyPoints))}
	terms := func(ts []pack.Term) []term {
		out := make([]term, len(ts))
		for i, t := range ts {
			out[i] = compile(t, rw)
		}
		return out
	}
	for i, kp := range body.KeyPoints {
		cp := &cq.points[i]
		for _, g := range kp.Groups {
			cp.groups = append(cp.groups, terms(g))
		}
		for _, g := range kp.Optional {
			cp.optional = append(cp.optional, terms(g))
		}
		cp.wrong = ordered(terms(kp.Wrong))
	}
	for _, m := range body.Misconceptions {
		cq.mis = append(cq.mis, ordered(terms(m.Terms)))
	}
	if q.PackID != "" {
		cache.Store(cacheKey{th, q}, cq)
	}
	return cq
}

// ordered marks misconception terms to match in the order written: "more trees overfit" is
// the misconception, "overfit ... no matter how many more trees" is not.
func ordered(ts []term) []term {
	for i := range ts {
		ts[i].ordered = true
	}
	return ts
}

// gradePoint decides one key point.
func gradePoint(kp *compiledPoint, toks []token, answer string, list listInfo) Point {
	var p Point
	for i := range kp.wrong {
		ct := &kp.wrong[i]
		if sp, ok := ct.find(toks); ok {
			p.State = Wrong
			p.Evidence = append(p.Evidence, sp)
			p.Matched = append(p.Matched, answer[sp.Start:sp.End])
			p.WrongTerms = append(p.WrongTerms, ct.raw)
			return p
		}
	}
	mainOK, missing := false, 0
	for gi, g := range kp.groups {
		sp, ok := findGroup(g, toks, list)
		if ok {
			p.Evidence = append(p.Evidence, sp)
			if gi == 0 {
				mainOK = true
			}
			continue
		}
		missing++
		p.Missing = append(p.Missing, hint(g))
	}
	for _, g := range kp.optional {
		if sp, ok := findGroup(g, toks, list); ok {
			p.Evidence = append(p.Evidence, sp)
		}
	}
	switch {
	case missing == 0 && len(kp.groups) > 0:
		p.State = Covered
	case mainOK && len(kp.groups) > 1:
		p.State = Partial
	}
	sortSpans(p.Evidence)
	for _, sp := range p.Evidence {
		p.Matched = append(p.Matched, answer[sp.Start:sp.End])
	}
	return p
}

// hint names a group for "an answer would need ...": its first term, the one authors put
// first as the plainest, unless a '*' cuts a word inside it ("reduc* variance" reads
// badly); then the first term without one. A trailing '*' reads as an ellipsis.
func hint(g []term) string {
	h := ""
	for i, t := range g {
		star := strings.Index(t.raw, "*")
		if star < 0 || i == 0 && star == len(t.raw)-1 {
			h = t.raw
			break
		}
	}
	if h == "" {
		h = g[0].raw
	}
	h = strings.ReplaceAll(h, "*", "…")
	if g[0].negated && !g[0].negative {
		return "not " + h // a not: group: the answer must say it is not so
	}
	return h
}

// findGroup returns the first span in the answer that any term of the group matches, in a
// part of the answer written as prose when the answer is mostly a keyword list.
func findGroup(g []term, toks []token, list listInfo) (Span, bool) {
	best, found := Span{}, false
	for i := range g {
		sp, ok := g[i].find(toks)
		if !ok || !list.prose(sp) {
			continue
		}
		if !found || sp.Start < best.Start {
			best, found = sp, true
		}
	}
	return best, found
}

func sortSpans(s []Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// listInfo says which parts of an answer are written as prose and whether the answer as a
// whole is a list of keywords rather than sentences.
type listInfo struct {
	list  bool
	lists []Span // the keyword-list segments, when list is set
}

// prose reports whether a span lies outside the answer's keyword-list segments. Only a
// keyword-list answer has such segments: in an answer written as sentences, a short list
// of examples still counts.
func (l listInfo) prose(sp Span) bool {
	for _, s := range l.lists {
		if sp.Start >= s.Start && sp.Start < s.End {
			return false
		}
	}
	return true
}

// Stuffing thresholds: spoken English is about half function words ("the", "is", "of",
// "it"), no line of three words or more in the labelled corpus has under a fifth, and terse
// notes ("Bagging uses bootstrapped samples, fitted in parallel.") have about a seventh; a
// list of terms has next to none. A segment whose share of them is below
// listFunctionShare is a keyword list, and an answer with at least listWordShare of its
// words in such segments is a keyword list.
const (
	listFunctionShare = 0.12
	listWordShare     = 0.5
	listMinWords      = 4
	// A line or sentence of this many words or fewer is a fragment: fine inside an answer
	// in sentences, but an answer of three or more lines or sentences made mostly of them is
	// a list.
	listShortLine    = 4
	listMinFragments = 3
	// An answer of listMinSentence words or more with under listAnswerShare function words
	// overall is a list too, however it is broken into lines; in a list, only segments with
	// listProseShare function words or more are sentences that earn points.
	listMinSentence = 8
	listAnswerShare = 0.15
	listProseShare  = 0.2
)

type seg struct {
	span         Span
	words, funcs int
}

// fragment reports whether the segment is a short fragment in an answer of n segments.
func (s seg) fragment(n int) bool { return s.words <= listShortLine && n >= listMinFragments }

// listLike splits the answer into segments (lines and sentences) and finds the keyword-list
// ones.
func listLike(answer string) listInfo {
	var segs []seg
	start := 0
	flush := func(end int) {
		text := answer[start:end]
		s := seg{span: Span{start, end}}
		for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
			return !(isLetter(r) || isDigit(r) || r == '\'' || r == '_')
		}) {
			s.words++
			if english.IsStopWord(w) || functionWords[w] {
				s.funcs++
			}
		}
		if s.words > 0 {
			segs = append(segs, s)
		}
		start = end
	}
	for i := 0; i < len(answer); i++ {
		switch answer[i] {
		case '\n':
			flush(i + 1)
		case '.', '!', '?':
			if i+1 == len(answer) || answer[i+1] == ' ' || answer[i+1] == '\n' {
				flush(i + 1)
			}
		}
	}
	flush(len(answer))
	var info listInfo
	total, listed, funcs := 0, 0, 0
	for _, s := range segs {
		total += s.words
		funcs += s.funcs
		if s.fragment(len(segs)) || float64(s.funcs) < listFunctionShare*float64(s.words) {
			listed += s.words
		}
	}
	info.list = total >= listMinWords && float64(listed) >= listWordShare*float64(total) ||
		total >= listMinSentence && float64(funcs) < listAnswerShare*float64(total)
	if !info.list {
		return info
	}
	// In a keyword list only real sentences earn points.
	for _, s := range segs {
		if s.fragment(len(segs)) || float64(s.funcs) < listProseShare*float64(s.words) {
			info.lists = append(info.lists, s.span)
		}
	}
	return info
}

// functionWords adds to Snowball's stop words the verbs and connectives of explanations.
var functionWords = map[string]bool{
	"it's": true, "that's": true, "there's": true, "don't": true, "doesn't": true, "can't": true,
	"isn't": true, "won't": true, "you'd": true, "we'd": true, "i'd": true, "would": true,
	"could": true, "might": true, "must": true, "also": true, "since": true, "thus": true,
	"therefore": true, "hence": true, "whereas": true, "cannot": true, "i'm": true, "we're": true,
	"you're": true, "they're": true, "i've": true, "we've": true, "let's": true,
}
