package pitch

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentences splits a pitch into sentences, each with its whitespace collapsed to single
// spaces. A sentence ends at '.', '!' or '?' followed by a space and a word that does not
// start in lowercase, at a blank line, and at every bullet or numbered list item.
// Single line breaks inside a paragraph are spaces, so a pitch hard-wrapped in an editor
// keeps its sentences whole. Abbreviations ("e.g.", "i.e.", "Dr.", "vs.") and decimals
// ("0.5") do not end a sentence.
func Sentences(text string) []string {
	var out []string
	for _, block := range blocks(text) {
		out = append(out, splitBlock(block)...)
	}
	return out
}

// blocks returns the paragraphs and list items of text, each joined onto one line with its
// list marker removed.
func blocks(text string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, line := range strings.Split(strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n"), "\n") {
		s := strings.TrimSpace(line)
		switch {
		case s == "":
			flush()
		case isHeading(s):
			flush()
			out = append(out, strings.TrimSpace(strings.TrimLeft(s, "#")))
		default:
			if rest, ok := cutListMarker(s); ok {
				flush()
				s = rest
			}
			cur = append(cur, s)
		}
	}
	flush()
	return out
}

func isHeading(s string) bool {
	t := strings.TrimLeft(s, "#")
	return len(t) < len(s) && len(s)-len(t) <= 6 && (t == "" || t[0] == ' ')
}

// cutListMarker removes a leading bullet ("-", "*", "+", "•", "·", "–", "—") or number ("1.",
// "2)") followed by a space.
func cutListMarker(s string) (string, bool) {
	for _, m := range []string{"-", "*", "+", "•", "·", "–", "—", "▪", "◦"} {
		if rest, ok := strings.CutPrefix(s, m); ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t') {
			return strings.TrimSpace(rest), true
		}
	}
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && (s[i+1] == ' ' || s[i+1] == '\t') {
		return strings.TrimSpace(s[i+1:]), true
	}
	return s, false
}

// abbreviations never end a sentence: a name or an example always follows them.
var abbreviations = map[string]bool{
	"e.g": true, "eg": true, "i.e": true, "ie": true, "dr": true, "mr": true, "mrs": true,
	"prof": true, "st": true, "jr": true, "sr": true, "vs": true, "cf": true, "approx": true,
	"incl": true, "esp": true, "fig": true, "resp": true, "ca": true,
}

func splitBlock(s string) []string {
	var out []string
	start := 0
	emit := func(end int) {
		if t := strings.Join(strings.Fields(s[start:end]), " "); hasWord(t) {
			out = append(out, t)
		}
		start = end
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != '.' && r != '!' && r != '?' && r != '…' {
			i += size
			continue
		}
		// The end of the punctuation run, closing quotes and brackets included.
		j := i + size
		for j < len(s) {
			r2, n := utf8.DecodeRuneInString(s[j:])
			if !strings.ContainsRune(".!?…\"'”’)]", r2) {
				break
			}
			j += n
		}
		if j < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsSpace(r2) { // "0.5", "example.com", "e.g"
				i = j
				continue
			}
		}
		if r == '.' && j < len(s) && !endsSentence(s[:i], s[j:]) {
			i = j
			continue
		}
		emit(j)
		i = j
	}
	emit(len(s))
	return out
}

// endsSentence decides a '.' followed by a space: before is the text up to the dot, after
// the text after the punctuation.
func endsSentence(before, after string) bool {
	next, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(after, unicode.IsSpace))
	if unicode.IsLower(next) { // "approx. five", "etc. and"
		return false
	}
	// The word before the dot, dots inside it kept: "e.g", "Dr", "U.S".
	k := len(before)
	for k > 0 {
		r, n := utf8.DecodeLastRuneInString(before[:k])
		if !isWordRune(r) && r != '.' {
			break
		}
		k -= n
	}
	return !abbreviations[strings.ToLower(before[k:])]
}

func hasWord(s string) bool {
	for _, r := range s {
		if isWordRune(r) {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
