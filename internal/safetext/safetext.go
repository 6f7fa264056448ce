// Package safetext makes untrusted text safe to put on a terminal. Packs, imported decks and
// anything typed are untrusted: a question must never be able to clear the screen, set the
// clipboard (OSC 52), open a hyperlink (OSC 8) or otherwise drive the terminal.
package safetext

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

const esc = 0x1b

// Clean returns s with every control character and terminal escape sequence removed, keeping
// newlines and tabs. HTML numeric entities that decode to a control character (&#27;, &#x1b;)
// are decoded first so that the sequence they start is removed whole. Carriage returns are
// dropped and invalid UTF-8 becomes U+FFFD. Clean text contains no byte below 0x20 other than
// '\n' and '\t', no DEL and no C1 control.
func Clean(s string) string {
	if isPlain(s) {
		return s
	}
	return escapeControlEntities(strip(decodeControlEntities(s), false))
}

// FilterRendered returns rendered terminal output (from glamour or lipgloss) with every
// escape sequence removed except SGR (colour and style: ESC [ ... m). Other controls but
// '\n' and '\t' are removed too.
func FilterRendered(s string) string {
	return strip(s, true)
}

// CleanBytes is Clean for a byte slice. It returns b itself, not a copy, when there is
// nothing to remove, so that a large plain file is not copied twice.
func CleanBytes(b []byte) []byte {
	if plain, ascii := scanPlain(b); plain && (ascii || utf8.Valid(b)) {
		return b
	}
	return []byte(Clean(string(b)))
}

// isPlain reports whether s needs no work: valid UTF-8 with no control character (C1
// included) and no "&#" that could start an entity. Most pack text is plain, so Clean is
// then one pass over the bytes without allocating.
func isPlain(s string) bool {
	plain, ascii := scanPlain(s)
	return plain && (ascii || utf8.ValidString(s))
}

// scanPlain looks for a control character or "&#" in s, and reports whether s is ASCII.
func scanPlain[T ~string | ~[]byte](s T) (plain, ascii bool) {
	ascii = true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !notPlain[c] { // printable ASCII but '&', newline, tab: most bytes
			continue
		}
		switch {
		case c == '&':
			if i+1 < len(s) && s[i+1] == '#' {
				return false, false
			}
		case c < 0x80: // other C0 controls and DEL
			return false, false
		default:
			ascii = false
			// C1 controls U+0080-U+009F are encoded as C2 80 - C2 9F.
			if c == 0xc2 && i+1 < len(s) && s[i+1] <= 0x9f {
				return false, false
			}
		}
	}
	return true, ascii
}

// notPlain marks the bytes scanPlain must look at: controls but '\n' and '\t', DEL, '&',
// and every byte of a multi-byte character.
var notPlain = func() (t [256]bool) {
	for c := range t {
		t[c] = c < 0x20 && c != '\n' && c != '\t' || c == '&' || c >= 0x7f
	}
	return t
}()

// decodeControlEntities replaces &#NN; and &#xHH; entities that name a control character
// with that character; every other entity is left for the Markdown renderer.
func decodeControlEntities(s string) string {
	if !strings.Contains(s, "&#") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == '&' && i+2 < len(s) && s[i+1] == '#' {
			if r, n, ok := parseNumericEntity(s[i:]); ok && isControl(r) {
				b.WriteRune(r)
				i += n
				continue
			}
		}
		b.WriteByte(s[i])
		i++
	}
	return b.String()
}

// escapeControlEntities turns the '&' of every remaining entity that names a control
// character into "&amp;". Removing a sequence can join the two halves of an entity
// ("&#&#27;x7;" loses ESC x and becomes "&#7;"), so one decoding pass cannot promise that
// no entity is left for a renderer to decode; escaping, unlike removing, cannot form a
// new one. Only hostile text reaches this: the entity then shows literally.
func escapeControlEntities(s string) string {
	if !strings.Contains(s, "&#") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		if s[i] == '&' && i+2 < len(s) && s[i+1] == '#' {
			if r, _, ok := parseNumericEntity(s[i:]); ok && isControl(r) {
				b.WriteString("&amp;")
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// parseNumericEntity parses "&#27;" or "&#x1B;" at the start of s. The semicolon is optional,
// as browsers accept it without one, and so are any number of leading zeros (&#0000027;).
func parseNumericEntity(s string) (rune, int, bool) {
	i, base := 2, 10
	if i < len(s) && (s[i] == 'x' || s[i] == 'X') {
		i, base = 3, 16
	}
	z := i
	for z < len(s) && s[z] == '0' {
		z++
	}
	j := z
	for j < len(s) && j-z < 8 && isDigit(s[j], base) {
		j++
	}
	if j == i {
		return 0, 0, false
	}
	v := uint64(0)
	if j > z {
		var err error
		if v, err = strconv.ParseUint(s[z:j], base, 64); err != nil {
			return 0, 0, false
		}
	}
	if v > utf8.MaxRune {
		return 0, 0, false
	}
	if j < len(s) && s[j] == ';' {
		j++
	}
	return rune(v), j, true
}

func isDigit(c byte, base int) bool {
	switch {
	case c >= '0' && c <= '9':
		return true
	case base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'):
		return true
	}
	return false
}

func isControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// strip removes escape sequences and controls. With keepSGR, CSI sequences ending in 'm'
// whose parameters are digits and semicolons (or colons) are kept.
func strip(s string, keepSGR bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == esc:
			n, sgr := escapeLen(s[i:])
			if keepSGR && sgr {
				b.WriteString(s[i : i+n])
			}
			i += n
		case r == 0x9b: // C1 CSI: skip its parameters like ESC [
			n, _ := csiLen(s[i+size:])
			i += size + n
		case r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f: // C1 OSC, DCS, SOS, PM, APC
			i += size + stringLen(s[i+size:])
		case r == '\n' || r == '\t':
			b.WriteRune(r)
			i += size
		case isControl(r):
			i += size
		default:
			b.WriteString(s[i : i+size])
			i += size
		}
	}
	return b.String()
}

// escapeLen returns the length of the escape sequence at the start of s (s[0] == ESC) and
// whether it is an SGR sequence.
func escapeLen(s string) (int, bool) {
	if len(s) < 2 {
		return len(s), false
	}
	switch s[1] {
	case '[':
		n, final := csiLen(s[2:])
		return 2 + n, final == 'm' && sgrParams(s[2:2+n-1])
	case ']', 'P', 'X', '^', '_':
		return 2 + stringLen(s[2:]), false
	}
	// Two-byte (ESC c) or nF sequences (ESC SP F, ESC ( B): intermediates 0x20-0x2f then a
	// final byte 0x30-0x7e. Anything else (a newline, another control, a UTF-8 lead byte)
	// is not part of the sequence: only ESC and its intermediates are dropped, so a stray
	// ESC can neither join two lines (shifting every line number after it) nor cut a
	// multi-byte character in half.
	i := 1
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i, false
}

// csiLen returns how many bytes of s belong to a CSI sequence body (parameters,
// intermediates and the final byte), and the final byte (0 when unterminated).
func csiLen(s string) (int, byte) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x40 && c <= 0x7e {
			return i + 1, c
		}
		if c < 0x20 || c >= 0x7f {
			// Not a valid CSI byte: end the sequence here, dropping what came before.
			return i, 0
		}
	}
	return len(s), 0
}

func sgrParams(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; !(c >= '0' && c <= '9' || c == ';' || c == ':') {
			return false
		}
	}
	return true
}

// stringLen returns the length of an OSC/DCS/SOS/PM/APC string body including its
// terminator (BEL, ESC \ or C1 ST). An unterminated string ends before the next newline,
// so a hostile pack cannot swallow the rest of its file (and shift every line number).
func stringLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return i
		case 0x07:
			return i + 1
		case esc:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i // a new sequence starts: let the caller strip it
		case 0xc2:
			if i+1 < len(s) && s[i+1] == 0x9c { // U+009C ST
				return i + 2
			}
		}
	}
	return len(s)
}
