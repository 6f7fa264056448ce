package cv

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// placeholder patterns: what a template leaves behind. Each is matched on the masked line
// (links and URLs blanked), so a Markdown link's [text](url) is never one.
var placeholders = []struct {
	re  func() *regexp.Regexp
	why string
	fix string
}{
	{lazyRE(`\[[^\[\]]*[A-Za-z][^\[\]]*\]`), "looks like a template placeholder left in", "fill it in or remove it"},
	{lazyRE(`<[A-Za-z][^<>]{0,40}>`), "looks like a template placeholder left in", "fill it in or remove it"},
	{lazyRE(`\{\{?[^{}]{1,40}\}\}?`), "looks like a template placeholder left in", "fill it in or remove it"},
	{lazyRE(`\b(?:TODO|TBD|TBC|FIXME)\b`), "is a note to yourself left in", "finish it or remove it"},
	{lazyRE(`\bX{2,}(?:[ ./-]+X{2,})*\b`), "is a number left to fill in", "put the real figure, or leave the figure out"},
	{lazyRE(`(?:^|[\s(])(?:[Xx]{1,3}|[Nn]|#+)\s?%`), "is a number left to fill in", "put the real figure, or leave the figure out"},
	{lazyRE(`[$€£][Xx]{1,3}[KkMmBb]?\b`), "is a number left to fill in", "put the real figure, or leave the figure out"},
	{lazyRE(`(?i)\blorem ipsum\b`), "is template filler text", "replace it with your own words"},
	{lazyRE(`\b[Yy]our (?:Full )?(?:Name|E-?mail(?: Address)?|Phone(?: Number)?|Address|Job Title|Company(?: Name)?|University|LinkedIn(?: URL)?)\b`), "is a template field left in", "fill it in"},
}

// instruction is a template's instruction to the writer: a line that starts with an
// imperative and speaks to "you" ("Describe your responsibilities here").
var instruction = lazyRE(`(?i)^(?:insert|enter|add|replace|type|write|describe|list|include|mention|summari[sz]e|highlight|explain|tailor|keep)\b.*\b(?:your|you|here)\b`)

// htmlTags are angle-bracketed words that are markup, not placeholders.
var htmlTags = map[string]bool{"br": true, "br/": true, "b": true, "i": true, "u": true, "em": true,
	"strong": true, "p": true, "div": true, "span": true, "sup": true, "sub": true, "small": true,
	"a": true, "img": true, "hr": true, "ul": true, "li": true, "ol": true, "table": true, "tr": true, "td": true}

func checkPlaceholders(lines []line) []Finding {
	var out []Finding
	for _, l := range lines {
		if l.code {
			continue
		}
		for _, p := range placeholders {
			for _, loc := range p.re().FindAllStringIndex(l.text, -1) {
				start, end := loc[0], loc[1]
				m := strings.TrimSpace(l.text[start:end])
				start += strings.Index(l.text[start:end], m)
				if strings.HasPrefix(m, "<") && htmlTags[strings.ToLower(strings.Trim(m, "<>/ "))] {
					continue
				}
				if m == "[x]" || m == "[X]" {
					continue // a ticked box
				}
				if notPlaceholder(l.text, start, m) {
					continue
				}
				out = append(out, Finding{Line: l.n, Col: col(l.text, start), Kind: Placeholder,
					Message: `"` + m + `" ` + p.why, Suggestion: p.fix, end: col(l.text, start+len(m))})
			}
		}
		body := l.text
		if l.bullet >= 0 {
			body = l.text[l.bullet:]
		}
		body = strings.TrimLeft(body, " #>*_")
		if instruction().MatchString(body) {
			out = append(out, Finding{Line: l.n, Col: col(l.text, len(l.text)-len(body)), Kind: Placeholder,
				Message: "reads like the template's instruction to you, not your CV", Suggestion: "replace it with your own content", end: col(l.text, len(l.text))})
		}
	}
	return out
}

var (
	reCitation = lazyRE(`\d|\bet al\b`)
	reTeXCmd   = lazyRE(`(?:\\[A-Za-z]+|[_^$}])$`)
)

// notPlaceholder reports brackets that are something else: a citation ("[Smith2020]",
// "[Devlin et al., 2019]"), a LaTeX argument or formula ("\emph{...}", "$O(n^{3})$"), a
// generic type ("List<String>", "vector<int>").
func notPlaceholder(text string, start int, m string) bool {
	before := text[:start]
	switch m[0] {
	case '[':
		return reCitation().MatchString(m)
	case '{':
		// a set or a JSON object ({0, 1}, {"label": "spam"}) is no field to fill
		return reTeXCmd().MatchString(before) || strings.Count(before, "$")%2 == 1 || strings.ContainsAny(m, ",:\"0123456789")
	case '<':
		r, _ := utf8.DecodeLastRuneInString(before)
		return unicode.IsLetter(r) || unicode.IsDigit(r) || r == ':'
	}
	return false
}
