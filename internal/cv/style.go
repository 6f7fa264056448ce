package cv

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// irregular maps the base form of common CV verbs whose past is not -ed to that past.
var irregular = map[string]string{
	"build": "built", "lead": "led", "run": "ran", "write": "wrote", "make": "made", "grow": "grew",
	"drive": "drove", "win": "won", "take": "took", "give": "gave", "bring": "brought",
	"teach": "taught", "sell": "sold", "spend": "spent", "find": "found", "keep": "kept",
	"hold": "held", "begin": "began", "choose": "chose", "see": "saw", "set": "set", "cut": "cut",
	"put": "put", "get": "got", "speak": "spoke", "think": "thought", "rebuild": "rebuilt",
	"rewrite": "rewrote", "oversee": "oversaw", "undertake": "undertook", "overcome": "overcame",
	"mentor": "mentored", "co-lead": "co-led", "become": "became", "feed": "fed", "split": "split",
	// the same in both tenses, so a bullet starting with one says nothing about its tense
	"forecast": "forecast", "broadcast": "broadcast", "cost": "cost", "read": "read", "spread": "spread",
	"hit": "hit", "quit": "quit", "upset": "upset", "cast": "cast", "let": "let",
}

var irregularPast = func() map[string]string {
	m := map[string]string{}
	for base, past := range irregular {
		if base != past {
			m[past] = base
		}
	}
	return m
}()

type tense int

const (
	noTense tense = iota
	past
	present
)

// verbTense says whether a bullet's first word is a verb in the past (Built, Deployed) or
// the present (Build, Deploys), or neither (a noun, a name).
func verbTense(w string, lex *lexicon) tense {
	w = strings.ToLower(w)
	if _, ok := irregularPast[w]; ok {
		return past
	}
	if p, ok := irregular[w]; ok {
		if p == w { // cut, set, put: the same in both tenses
			return noTense
		}
		return present
	}
	if len(w) > 4 && strings.HasSuffix(w, "ed") && lex.has(w) {
		return past
	}
	if pastOf(w, lex) != "" {
		return present
	}
	if base, ok := strings.CutSuffix(w, "s"); ok && len(base) > 2 {
		if _, irr := irregular[base]; irr || pastOf(base, lex) != "" {
			return present
		}
	}
	if base, ok := strings.CutSuffix(w, "es"); ok && len(base) > 2 && pastOf(base, lex) != "" {
		return present
	}
	return noTense
}

// pastOf is the -ed past of a base-form verb, when the word list has it ("" otherwise):
// deploy -> deployed, use -> used, ship -> shipped, apply -> applied.
func pastOf(w string, lex *lexicon) string {
	if p, ok := irregular[w]; ok {
		return p
	}
	if len(w) < 3 || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return ""
	}
	n := len(w)
	cands := []string{w + "ed", w + "d"}
	if w[n-1] == 'y' {
		cands = append(cands, w[:n-1]+"ied")
	}
	cands = append(cands, w+w[n-1:]+"ed")
	for _, c := range cands {
		if lex.has(c) && (c != w+"d" || strings.HasSuffix(w, "e")) {
			return c
		}
	}
	return ""
}

// item is one bullet: the line it starts on and the line it ends on (a bullet wrapped in
// a PDF, or continued in Markdown, runs over several).
type item struct{ first, last line }

// checkBullets looks at each run of consecutive bullets (one job's, say) and hints where a
// few bullets break the run's pattern: a verb in another tense than most start with, or a
// full stop where most have none (or the other way round).
func checkBullets(lines []line, lex *lexicon) []Finding {
	var out []Finding
	var run []item
	width := 0
	for _, l := range lines {
		width = max(width, utf8.RuneCountInString(l.text))
	}
	flush := func() {
		if len(run) >= 3 {
			out = append(out, tenseHints(run, lex)...)
			out = append(out, stopHints(run)...)
		}
		run = run[:0]
	}
	for _, l := range lines {
		switch {
		case l.code:
			flush()
		case l.bullet >= 0:
			run = append(run, item{l, l})
		case len(run) > 0 && continues(run[len(run)-1].last, l, width):
			run[len(run)-1].last = l
		case strings.TrimSpace(l.text) == "" && len(run) > 0:
			// a blank line between two bullets of one list is still the list
		default:
			flush()
		}
	}
	flush()
	return out
}

// continues reports whether a line that is no bullet carries on the bullet line prev
// above it: it is indented, or starts with a small letter or a digit as a wrapped line
// does, or prev filled the page's width (of width characters) without ending a sentence.
// Otherwise it is taken for what follows the list (a job's title).
func continues(prev, l line, width int) bool {
	t := strings.TrimSpace(l.text)
	if t == "" || strings.HasPrefix(t, "#") {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	p := strings.TrimRightFunc(prev.text, unicode.IsSpace)
	full := utf8.RuneCountInString(p) >= width*3/4 && !strings.ContainsAny(p[len(p)-1:], ".!?:;")
	return strings.HasPrefix(l.text, "  ") || unicode.IsLower(r) || unicode.IsDigit(r) || full
}

func tenseHints(run []item, lex *lexicon) []Finding {
	type verb struct {
		l     line
		word  string
		tense tense
	}
	var verbs []verb
	n := map[tense]int{}
	for _, it := range run {
		l := it.first
		ts := chunks(l.text[l.bullet:])
		if len(ts) == 0 {
			continue
		}
		t := verbTense(ts[0].text, lex)
		if t != noTense {
			verbs = append(verbs, verb{l, ts[0].text, t})
			n[t]++
		}
	}
	if n[past] == 0 || n[present] == 0 || n[past] == n[present] || max(n[past], n[present]) < 2 {
		return nil // no clear pattern to break
	}
	major := past
	if n[present] > n[past] {
		major = present
	}
	var out []Finding
	for _, v := range verbs {
		if v.tense == major {
			continue
		}
		f := Finding{Line: v.l.n, Col: col(v.l.text, v.l.bullet), Kind: Tense, Hint: true}
		if major == past {
			f.Message = fmt.Sprintf("%q is present tense; %d of the bullets in this list start in the past", v.word, n[past])
			if base := strings.TrimSuffix(strings.ToLower(v.word), "s"); pastOf(base, lex) != "" {
				f.Suggestion = sameCase(pastOf(base, lex), firstRune(v.word))
			} else if p := pastOf(strings.ToLower(v.word), lex); p != "" {
				f.Suggestion = sameCase(p, firstRune(v.word))
			}
		} else {
			f.Message = fmt.Sprintf("%q is past tense; %d of the bullets in this list start in the present", v.word, n[present])
			if b := baseOf(strings.ToLower(v.word), lex); b != "" {
				f.Suggestion = sameCase(b, firstRune(v.word))
			}
		}
		out = append(out, f)
	}
	return out
}

// baseOf is the base form of a past-tense verb.
func baseOf(w string, lex *lexicon) string {
	if b, ok := irregularPast[w]; ok {
		return b
	}
	stem, ok := strings.CutSuffix(w, "ed")
	if !ok {
		return ""
	}
	for _, c := range []string{stem, stem + "e", strings.TrimSuffix(stem, "i") + "y", stem[:max(0, len(stem)-1)]} {
		if c != "" && lex.has(c) && pastOf(c, lex) == w {
			return c
		}
	}
	return ""
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// stopHints flags the bullets whose final full stop differs from most of the run's.
func stopHints(run []item) []Finding {
	stop := func(it item) bool {
		return strings.HasSuffix(strings.TrimRightFunc(it.last.text, unicode.IsSpace), ".")
	}
	with := 0
	for _, it := range run {
		if stop(it) {
			with++
		}
	}
	without := len(run) - with
	if with == 0 || without == 0 || with == without {
		return nil
	}
	var out []Finding
	for _, it := range run {
		l := it.last
		end := len(strings.TrimRightFunc(l.text, unicode.IsSpace))
		switch {
		case stop(it) && with < without:
			out = append(out, Finding{Line: l.n, Col: col(l.text, end-1), Kind: Punctuation, Hint: true,
				Message: fmt.Sprintf("this bullet ends with a full stop; %d of the %d in this list do not", without, len(run)), Suggestion: "drop it"})
		case !stop(it) && with > without:
			out = append(out, Finding{Line: l.n, Col: col(l.text, end), Kind: Punctuation, Hint: true,
				Message: fmt.Sprintf("this bullet has no full stop; %d of the %d in this list end with one", with, len(run)), Suggestion: "add one"})
		}
	}
	return out
}
