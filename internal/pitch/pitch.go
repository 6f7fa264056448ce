// Package pitch reviews a "Tell me about yourself" pitch the way an ML hiring manager hears
// it: red flags that hurt the candidate (putting others down, blame, going over time, no
// concrete impact, stacked buzzwords, ...), each quoting its sentence and saying why, and
// the claims the pitch makes, matched against the packs' claims vocabulary so the candidate
// can confirm them.
//
// The rules are data (rules.yaml, embedded). Analysis is pure: no I/O, no clock. The pitch is
// untrusted text and the review quotes it as given: pass every string of a Review through
// safetext.Clean before it reaches a terminal.
package pitch

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
)

// Defaults of Options.
const (
	DefaultLimit          = 2 * time.Minute
	DefaultWordsPerMinute = 150
)

// Options tune a review. The zero value reviews a two-minute pitch spoken at 150 words a
// minute, with no claims vocabulary.
type Options struct {
	// Limit is the time the candidate has (default 2m).
	Limit time.Duration
	// WordsPerMinute is the speaking rate used to estimate the time (default 150).
	WordsPerMinute int
	// MaxWords is the longest pitch allowed; default: what Limit allows at WordsPerMinute.
	MaxWords int
	// Claims is the claims vocabulary, merged across packs (pack.Library.Claims).
	Claims []pack.Claim
}

// withDefaults fills in the zero fields.
func (o Options) withDefaults() Options {
	if o.Limit <= 0 {
		o.Limit = DefaultLimit
	}
	if o.WordsPerMinute <= 0 {
		o.WordsPerMinute = DefaultWordsPerMinute
	}
	if o.MaxWords <= 0 {
		o.MaxWords = int(math.Round(o.Limit.Minutes() * float64(o.WordsPerMinute)))
		if o.MaxWords < 1 {
			o.MaxWords = 1
		}
	}
	return o
}

// Review is the result of Analyze. Its JSON form is the output of
// `hotseat pitch check --json`: {"flags":[...],"claims":[...],"words":N,"estimated_seconds":N}.
type Review struct {
	Flags            []Flag       `json:"flags"`
	Claims           []ClaimMatch `json:"claims"`
	Words            int          `json:"words"`
	EstimatedSeconds int          `json:"estimated_seconds"`

	// The options the review was made with, defaults filled in, for display.
	Limit          time.Duration `json:"-"`
	WordsPerMinute int           `json:"-"`
	MaxWords       int           `json:"-"`
}

// Flag is one red flag: the rule it broke, the sentence it quotes (empty for a flag about
// the whole pitch, such as going over time) and why it hurts the candidate.
type Flag struct {
	Rule     string `json:"rule"`
	Sentence string `json:"sentence"`
	Why      string `json:"why"`

	// Name is the rule's human name.
	Name string `json:"-"`
	// Match lists the words of the pitch that tripped the rule, lowercased and without
	// punctuation ("team was useless", "passionate"); empty for length and evidence rules.
	Match []string `json:"-"`
}

// ClaimMatch is a claim topic the pitch commits to: the phrase of the vocabulary that
// matched, the sentence it matched in, and the tags the claim would drill harder.
type ClaimMatch struct {
	Topic    string   `json:"topic"`
	Phrase   string   `json:"phrase"`
	Sentence string   `json:"sentence"`
	Tags     []string `json:"tags"`
}

// HasFlags reports whether the review raised any red flag.
func (r Review) HasFlags() bool { return len(r.Flags) > 0 }

// Flagged reports whether the review raised a flag of the rule with the given id.
func (r Review) Flagged(rule string) bool {
	for _, f := range r.Flags {
		if f.Rule == rule {
			return true
		}
	}
	return false
}

// Estimated returns the estimated speaking time.
func (r Review) Estimated() time.Duration { return time.Duration(r.EstimatedSeconds) * time.Second }

// Tags returns the tags of every claim found, sorted and without duplicates.
func (r Review) Tags() []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range r.Claims {
		for _, t := range c.Tags {
			if !seen[t] {
				seen[t] = true
				out = append(out, t)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Analyze reviews a pitch with the embedded rules.
func Analyze(text string, opts Options) Review { return defaultRules().Analyze(text, opts) }

// sentence is a sentence of the pitch with its tokens.
type sentence struct {
	text   string
	tokens []string // pack.Tokens: lowercase words
}

// Analyze reviews a pitch with the rules of the set. Flags come rule by rule in file order,
// and within a rule in the order of the pitch.
func (rs *RuleSet) Analyze(text string, opts Options) Review {
	opts = opts.withDefaults()
	var sents []sentence
	for _, s := range Sentences(text) {
		toks := pack.Tokens(s)
		sents = append(sents, sentence{text: s, tokens: toks})
	}
	words := countWords(text)
	r := Review{
		Flags:            []Flag{},
		Words:            words,
		EstimatedSeconds: int(math.Round(float64(words) * 60 / float64(opts.WordsPerMinute))),
		Limit:            opts.Limit,
		WordsPerMinute:   opts.WordsPerMinute,
		MaxWords:         opts.MaxWords,
	}
	r.Claims = findClaims(sents, opts.Claims)
	if words == 0 {
		// Nothing to review but its absence.
		for _, ru := range rs.rules {
			if ru.Kind == KindTooShort {
				r.Flags = append(r.Flags, Flag{Rule: ru.ID, Name: ru.Name, Why: "The pitch is empty. " + ru.Why})
			}
		}
		return r
	}
	for _, ru := range rs.rules {
		r.Flags = append(r.Flags, ru.check(sents, r, opts)...)
	}
	return r
}

// countWords counts what a speaker says as words: whitespace-separated fields with at least
// one letter or digit ("e.g." and "0.5" are one word each; a lone dash is none).
func countWords(text string) int {
	n := 0
	for _, f := range strings.Fields(text) {
		if hasWord(f) {
			n++
		}
	}
	return n
}

func (ru rule) flag(sentence, why string, match []string) Flag {
	return Flag{Rule: ru.ID, Name: ru.Name, Sentence: sentence, Why: why, Match: match}
}

// Windows of the about-others check, in words: a link starts at most linkWindow words
// after the people it follows, and a judgement at most judgementWindow words after the
// link ends.
const (
	linkWindow      = 3
	judgementWindow = 2
)

// aboutOthers finds a judgement passed on other people: one of the rule's people ("my last
// team", "the engineers"), then a link ("wrote", "were", "that"), then a judgement
// ("terrible code", "no idea", "hopeless"); or a weak judgement ("terrible") right after a
// copula, articles aside ("my boss was a terrible manager"). It returns the words from the
// people to the judgement, or nil. "I had no idea" judges nobody else; "a team with a
// terrible on-call load" links nothing.
func (ru rule) aboutOthers(tokens []string) []string {
	if len(ru.people) == 0 {
		return nil
	}
	for i := range tokens {
		pEnd, ok := termAt(ru.people, tokens, i)
		if !ok {
			continue
		}
		for l := pEnd; l <= pEnd+linkWindow && l < len(tokens); l++ {
			// A judgement that carries its own verb ("didn't really get it") needs no link.
			if jEnd, ok := termAt(ru.judgements, tokens, l); ok && startsWithVerb(tokens[l]) {
				return []string{strings.Join(tokens[i:jEnd], " ")}
			}
			if lEnd, ok := termAt(ru.links, tokens, l); ok {
				for j := lEnd; j <= lEnd+judgementWindow && j < len(tokens); j++ {
					if jEnd, ok := termAt(ru.judgements, tokens, j); ok {
						return []string{strings.Join(tokens[i:jEnd], " ")}
					}
				}
			}
			if cEnd, ok := termAt(ru.copulas, tokens, l); ok {
				j := cEnd
				for j < len(tokens) && (tokens[j] == "a" || tokens[j] == "an" || tokens[j] == "the" || tokens[j] == "so" || tokens[j] == "really") {
					j++
				}
				if jEnd, ok := termAt(ru.weak, tokens, j); ok {
					return []string{strings.Join(tokens[i:jEnd], " ")}
				}
			}
		}
	}
	return nil
}

// startsWithVerb reports whether a judgement starting with word w is a verb phrase of its
// own (never listens, didn't understand, don't care).
func startsWithVerb(w string) bool {
	switch w {
	case "didn", "don", "doesn", "never", "did", "do", "does":
		return true
	}
	return false
}

// termAt reports whether one of terms starts at tokens[i], and where the longest ends.
func termAt(terms []pack.Term, tokens []string, i int) (end int, ok bool) {
	for _, t := range terms {
		n := len(t.Words)
		if i+n <= len(tokens) && t.Find(tokens[i:i+n]) && i+n > end {
			end, ok = i+n, true
		}
	}
	return end, ok
}

// check runs one rule over the pitch.
func (ru rule) check(sents []sentence, r Review, opts Options) []Flag {
	var out []Flag
	switch ru.Kind {
	case KindPhrases:
		for _, s := range sents {
			found := occurrences(ru.phrases, s.tokens)
			if len(found) == 0 {
				found = ru.aboutOthers(s.tokens)
			}
			if len(found) > 0 {
				out = append(out, ru.flag(s.text, ru.Why, found))
			}
		}
	case KindCount:
		var all []string
		for _, s := range sents {
			found := occurrences(ru.phrases, s.tokens)
			all = append(all, found...)
			if len(found) >= ru.perSentence {
				why := fmt.Sprintf("%d %s in one sentence (%s). %s", len(found), ru.label, strings.Join(found, ", "), ru.Why)
				out = append(out, ru.flag(s.text, why, found))
			}
		}
		if len(out) == 0 && len(all) >= ru.perPitch {
			why := fmt.Sprintf("%d %s in the pitch (%s). %s", len(all), ru.label, strings.Join(all, ", "), ru.Why)
			out = append(out, ru.flag("", why, all))
		}
	case KindOverTime:
		if r.Words > opts.MaxWords {
			est := r.Estimated()
			var why string
			if est > opts.Limit {
				why = fmt.Sprintf("%d words is about %s at %d words a minute: %s over the %s limit; cut about %d words. %s",
					r.Words, formatDuration(est), opts.WordsPerMinute, formatDuration(est-opts.Limit), formatDuration(opts.Limit), r.Words-opts.MaxWords, ru.Why)
			} else {
				why = fmt.Sprintf("%d words is %d over the %d-word limit; cut about %d words. %s",
					r.Words, r.Words-opts.MaxWords, opts.MaxWords, r.Words-opts.MaxWords, ru.Why)
			}
			out = append(out, ru.flag("", why, nil))
		}
	case KindTooShort:
		if need := int(math.Ceil(ru.minFraction * float64(opts.MaxWords))); r.Words < need {
			why := fmt.Sprintf("%d words is about %s of the %s you have. %s",
				r.Words, formatDuration(r.Estimated()), formatDuration(opts.Limit), ru.Why)
			out = append(out, ru.flag("", why, nil))
		}
	case KindNoEvidence:
		for _, s := range sents {
			if ru.hasNumber(s.tokens) {
				return nil
			}
			for _, t := range ru.phrases {
				if t.Find(s.tokens) {
					return nil
				}
			}
		}
		out = append(out, ru.flag("", ru.Why, nil))
	case KindOwnership:
		self, team := 0, 0
		for _, s := range sents {
			self += countExact(ru.self, s.tokens)
			team += countExact(ru.team, s.tokens)
		}
		if team >= ru.minTeam && float64(team) > ru.ratio*float64(self) {
			why := fmt.Sprintf("\"We\" or \"our\" %s, \"I\" or \"my\" %s. %s", times(team), times(self), ru.Why)
			out = append(out, ru.flag("", why, nil))
		}
	}
	return out
}

// hasNumber reports whether the tokens hold a number that can measure a result: digits or
// a number word, but not a year (2019) and not a number followed by a not-counted word
// ("5 years of experience" is not an impact).
func (ru rule) hasNumber(tokens []string) bool {
	for i, t := range tokens {
		isNum := strings.ContainsAny(t, "0123456789") && !isYear(t)
		if !isNum {
			for _, w := range ru.numberWords {
				if len(w.Words) == 1 && w.Words[0].Matches(t) {
					isNum = true
					break
				}
			}
		}
		if !isNum {
			continue
		}
		// "2.5 years" is the tokens 2, 5, years: look past the digits of one number
		// ("1,200,000.5" is at most four).
		j := i + 1
		for j < len(tokens) && j < i+4 && isNumber(tokens[j]) && isNumber(t) {
			j++
		}
		counted := true
		for _, w := range ru.notCounted {
			if w.Find(tokens[j:min(len(tokens), j+len(w.Words))]) {
				counted = false
				break
			}
		}
		if counted {
			return true
		}
	}
	return false
}

func isYear(t string) bool {
	if len(t) != 4 || !isNumber(t) {
		return false
	}
	return t >= "1950" && t <= "2099"
}

// occurrences returns every occurrence of the terms in tokens, as the words found
// ("passionate" for the term passion*), longest terms first and without two occurrences
// sharing a word, in the order of the text.
func occurrences(terms []pack.Term, tokens []string) []string {
	order := make([]int, len(terms))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return len(terms[order[a]].Words) > len(terms[order[b]].Words) })
	used := make([]bool, len(tokens))
	type hit struct {
		at   int
		term string
	}
	var hits []hit
	for _, ti := range order {
		t := terms[ti]
		n := len(t.Words)
	next:
		for i := 0; i+n <= len(tokens); i++ {
			for k := i; k < i+n; k++ {
				if used[k] {
					continue next
				}
			}
			if t.Find(tokens[i : i+n]) {
				for k := i; k < i+n; k++ {
					used[k] = true
				}
				hits = append(hits, hit{i, strings.Join(tokens[i:i+n], " ")})
			}
		}
	}
	sort.Slice(hits, func(a, b int) bool { return hits[a].at < hits[b].at })
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.term
	}
	return out
}

// countExact counts the tokens equal to one of the single-word terms (or starting with a
// prefix term). Unlike Word.Matches it allows no plural: "I" must not count "is", nor "us"
// count "uses".
func countExact(terms []pack.Term, tokens []string) int {
	n := 0
	for _, tok := range tokens {
		for _, t := range terms {
			w := t.Words[0]
			if len(t.Words) == 1 && (tok == w.Text || w.Prefix && strings.HasPrefix(tok, w.Text)) {
				n++
				break
			}
		}
	}
	return n
}

// times writes a count of occurrences: never, once, twice, 5 times.
func times(n int) string {
	switch n {
	case 0:
		return "never"
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// formatDuration writes 2m, 45s or 2m48s.
func formatDuration(d time.Duration) string {
	s := int(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return fmt.Sprintf("%ds", s)
	case s%60 == 0:
		return fmt.Sprintf("%dm", s/60)
	}
	return fmt.Sprintf("%dm%02ds", s/60, s%60)
}
