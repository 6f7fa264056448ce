package cv

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/hotseat/hotseat/internal/pack"
)

// Kind is what a finding is about.
type Kind string

const (
	Spelling    Kind = "spelling"
	Placeholder Kind = "placeholder"
	Date        Kind = "date"
	Tense       Kind = "tense"       // a hint
	Punctuation Kind = "punctuation" // a hint
)

// Finding is one problem, at a 1-based line and column (in characters).
type Finding struct {
	Line       int    `json:"line"`
	Col        int    `json:"col"`
	Kind       Kind   `json:"kind"`
	Hint       bool   `json:"hint,omitempty"` // worth a look, not an error
	Message    string `json:"message"`
	Suggestion string `json:"suggestion,omitempty"`
	end        int    // the column after the finding's text, for placeholders
}

// Report is what Check finds in a CV.
type Report struct {
	Findings []Finding `json:"findings"`
	Claims   []Claim   `json:"claims"`
}

// Errors counts the findings that are not hints.
func (r Report) Errors() int {
	n := 0
	for _, f := range r.Findings {
		if !f.Hint {
			n++
		}
	}
	return n
}

// Hints counts the findings that are hints.
func (r Report) Hints() int { return len(r.Findings) - r.Errors() }

// Options are what a check knows beyond the CV.
type Options struct {
	// Words are accepted as spelled right: the words of the loaded packs.
	Words []string
	// Vocab and Tags map claims to tags, as `claim add` does.
	Vocab []pack.Claim
	Tags  []pack.TagCount
}

// Check reads a CV like a careful recruiter: every finding, in line order, and the claims.
func Check(doc Document, opt Options) Report {
	lex := loadLexicon().withWords(opt.Words)
	lines := masked(doc)
	var fs []Finding
	holes := checkPlaceholders(lines)
	// A placeholder's words are not misspelt ("Lorem ipsum dolor sit amet"), and a
	// placeholder inside another ("Your Name" in "[Your Name]") is the same finding.
	inside := func(f Finding, skip int) bool {
		for i, h := range holes {
			holds := i != skip && h.Line == f.Line && h.Col <= f.Col && f.Col < h.end && f.end <= h.end
			if holds && (skip < 0 || h.Col != f.Col || h.end != f.end || i < skip) {
				return true // of two the same, the first is kept
			}
		}
		return false
	}
	for i, h := range holes {
		if !inside(h, i) {
			fs = append(fs, h)
		}
	}
	for _, f := range checkSpelling(lines, lex) {
		if !inside(f, -1) {
			fs = append(fs, f)
		}
	}
	fs = append(fs, checkDates(lines)...)
	fs = append(fs, checkBullets(lines, lex)...)
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return Report{Findings: fs, Claims: findClaims(lines, opt)}
}

// lazyRE compiles expr on first use: hotseat's start-up pays nothing for the CV checks.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}

// line is a CV line ready to check: its text with code, links, URLs and e-mail addresses
// blanked out (same length, so columns stay right), and what kind of line it is.
type line struct {
	n      int    // 1-based line number
	text   string // masked
	code   bool   // inside a fenced code block: not prose
	bullet int    // byte offset where a bullet's text starts, or -1
}

var (
	reURL      = lazyRE(`(?i)\b(?:https?://|www\.|mailto:)\S+`)
	reEmail    = lazyRE(`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`)
	reLinkDest = lazyRE(`\]\((?:<[^>]*>|[^)\s]*)(?:\s+"[^"]*")?\)`)
	reLinkRef  = lazyRE(`\]\[[^\]]*\]`)
	reRefDef   = lazyRE(`^\s{0,3}\[[^\]]+\]:\s+\S.*$`)
	reCode     = lazyRE("`[^`]*`")
	reComment  = lazyRE(`<!--.*?-->`)
	reBullet   = lazyRE(`^\s*(?:[-*+•●▪◦‣–]|\d{1,2}[.)])\s+`)
)

func masked(doc Document) []line {
	out := make([]line, len(doc.Lines))
	fence := ""
	for i, raw := range doc.Lines {
		l := line{n: i + 1, bullet: -1}
		trim := strings.TrimSpace(raw)
		if doc.Format == Markdown || doc.Format == Text {
			if fence != "" {
				l.code = true
				if strings.HasPrefix(trim, fence) {
					fence = ""
				}
			} else if strings.HasPrefix(trim, "```") || strings.HasPrefix(trim, "~~~") {
				fence, l.code = trim[:3], true
			}
		}
		text := raw
		for _, re := range []func() *regexp.Regexp{reRefDef, reComment, reCode, reLinkDest, reLinkRef, reURL, reEmail} {
			text = re().ReplaceAllStringFunc(text, blank)
		}
		l.text = text
		if loc := reBullet().FindStringIndex(text); loc != nil && !l.code {
			l.bullet = loc[1]
		}
		out[i] = l
	}
	return out
}

// blank replaces every character of s with a space, keeping its length in characters.
func blank(s string) string { return strings.Repeat(" ", utf8.RuneCountInString(s)) }

// col is the 1-based column, in characters, of byte offset off in s.
func col(s string, off int) int { return utf8.RuneCountInString(s[:off]) + 1 }

// token is a word-like chunk of a line and where it starts.
type token struct {
	text string
	off  int
}

// chunks splits a line at white space and trims the punctuation around each chunk.
func chunks(s string) []token {
	var out []token
	i := 0
	for i < len(s) {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' {
			j++
		}
		if j > i {
			w := s[i:j]
			lead := len(w) - len(strings.TrimLeftFunc(w, isOuterPunct))
			w = strings.TrimFunc(w, isOuterPunct)
			if w != "" {
				out = append(out, token{w, i + lead})
			}
		}
		i = j
	}
	return out
}

func isOuterPunct(r rune) bool {
	return strings.ContainsRune("([{<\"'“‘*_~`.,;:!?)]}>\"'”’…|", r) || unicode.Is(unicode.Pd, r)
}

// lorem are the words of the filler text: its first words are a placeholder finding, and
// when it wraps onto the next line its other words are not a spelling mistake too.
var lorem = map[string]bool{"lorem": true, "ipsum": true, "dolor": true, "amet": true, "consectetur": true,
	"adipiscing": true, "elit": true, "eiusmod": true, "tempor": true, "incididunt": true, "labore": true,
	"dolore": true, "aliqua": true, "enim": true, "minim": true, "veniam": true, "nostrud": true}

func checkSpelling(lines []line, lex *lexicon) []Finding {
	var out []Finding
	skipFirst := false // the line's first word is the end of a word broken at the line before
	for i, l := range lines {
		if l.code {
			skipFirst = false
			continue
		}
		ts := chunks(l.text)
		if skipFirst && len(ts) > 0 {
			ts = ts[1:]
		}
		skipFirst = false
		// A word broken at the end of the line ("recom-" / "mendation", as LaTeX and many
		// PDFs set text) is checked whole, where it starts.
		if n := len(ts); n > 0 && i+1 < len(lines) && !lines[i+1].code {
			last := ts[n-1].text
			next := chunks(lines[i+1].text)
			if strings.HasSuffix(strings.TrimRight(l.text, " "), last+"-") && len(next) > 0 && isLetters(last) {
				if r, _ := utf8.DecodeRuneInString(next[0].text); unicode.IsLower(r) {
					joined := last + strings.TrimRight(next[0].text, ".,;:!?)")
					if isLetters(joined) {
						// "real-" / "time" was a compound: the halves are words.
						_, badHead := checkWord(last, lex, false)
						_, badTail := checkWord(next[0].text, lex, false)
						if f, bad := checkWord(joined, lex, false); bad && (badHead || badTail) {
							f.Line, f.Col = l.n, col(l.text, ts[n-1].off)
							out = append(out, f)
						}
						ts, skipFirst = ts[:n-1], true
					}
				}
			}
		}
		for _, t := range ts {
			lower := strings.ToLower(t.text)
			if lex.terms[lower] || lex.has(lower) || lorem[lower] {
				continue
			}
			if strings.ContainsAny(t.text, "0123456789@/\\_.+#&=%$<>|^~*[](){}") {
				continue // versions, handles, paths, file names, code
			}
			off := t.off
			first := l.bullet >= 0 && t.off == l.bullet
			for part := range strings.SplitSeq(t.text, "-") {
				if f, bad := checkWord(part, lex, first); bad {
					f.Line, f.Col = l.n, col(l.text, off)
					out = append(out, f)
				}
				off += len(part) + 1
			}
		}
	}
	return out
}

// checkWord checks one word. Proper names and product names are never flagged: a word
// with a capital after its first letter (PyTorch, MLflow, NASA) is a name, and a
// capitalised word is only flagged when it is a known misspelling (Recieved), or when it
// starts a bullet (first) and is one edit from a past-tense verb ("Devloped"), which is how
// a CV's bullets begin and no name is.
func checkWord(w string, lex *lexicon, bulletStart bool) (Finding, bool) {
	for _, s := range []string{"'s", "’s", "'", "’"} {
		w = strings.TrimSuffix(w, s)
	}
	if utf8.RuneCountInString(w) < 3 || !isLetters(w) {
		return Finding{}, false
	}
	if utf8.RuneCountInString(w) == 3 && lex.wrong[strings.ToLower(w)] == "" {
		return Finding{}, false // abbreviations, and short words of other languages
	}
	first, size := utf8.DecodeRuneInString(w)
	for _, r := range w[size:] {
		if unicode.IsUpper(r) {
			return Finding{}, false
		}
	}
	lower := strings.ToLower(w)
	if fix, ok := lex.wrong[lower]; ok {
		return Finding{Kind: Spelling, Message: `"` + w + `" is a common misspelling`, Suggestion: sameCase(fix, first)}, true
	}
	if lex.known(lower) {
		return Finding{}, false
	}
	if unicode.IsUpper(first) {
		if !bulletStart {
			return Finding{}, false
		}
		fix := lex.rank(lower, edits(lower))
		if !strings.HasSuffix(fix, "ed") {
			return Finding{}, false
		}
		return Finding{Kind: Spelling, Message: `"` + w + `" is not in the dictionary`, Suggestion: sameCase(fix, first)}, true
	}
	// A word no listed word is near (two edits) is a term of some field the lists lack
	// (pharmacovigilance) or a project's name, far more often than a typo: typos land near
	// the word meant. Only a word with a likely fix is flagged.
	fix := lex.suggest(lower)
	if fix == "" {
		return Finding{}, false
	}
	return Finding{Kind: Spelling, Message: `"` + w + `" is not in the dictionary`, Suggestion: sameCase(fix, first)}, true
}

// sameCase capitalises s when the word it replaces was.
func sameCase(s string, first rune) string {
	if unicode.IsUpper(first) {
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}

// OptionsFor is what a check knows from a library: its words, its claims vocabulary and
// its tags.
func OptionsFor(lib *pack.Library) Options {
	seen := map[string]bool{}
	var words []string
	add := func(s string) {
		for _, t := range pack.Tokens(s) {
			if !seen[t] {
				seen[t] = true
				words = append(words, t)
			}
		}
	}
	// Every question's text, read from its file and not kept: the trainer holds only the
	// catalogue of a large library.
	for _, pk := range lib.Packs {
		pk.EachBody(func(q *pack.Question, b *pack.Body) {
			add(q.Title)
			add(b.Prompt)
			add(b.Answer)
			for _, kp := range b.KeyPoints {
				add(kp.Text)
			}
		})
	}
	return Options{Words: words, Vocab: lib.Claims(), Tags: lib.Tags()}
}
