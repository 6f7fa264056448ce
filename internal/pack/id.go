package pack

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxIDLength bounds pack, question and source ids.
const MaxIDLength = 64

// ValidID reports whether s is a pack, question or source id: lowercase letters and digits
// in runs joined by single hyphens, at most MaxIDLength long.
func ValidID(s string) bool { return len(s) <= MaxIDLength && isID(s) }

// ValidTag reports whether s is a tag: the id syntax, any length.
func ValidTag(s string) bool { return isID(s) }

// Slug turns a name into an id: lowercase ASCII letters and digits, accents dropped
// ("Ökonomie" becomes "okonomie"), every other run of characters folded into one hyphen,
// at most MaxIDLength characters. It returns "" when nothing is left (a name in another
// script).
func Slug(name string) string {
	var b []byte
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && len(b) > 0 {
				b = append(b, '-')
			}
			dash = false
			b = append(b, byte(r))
		case unicode.Is(unicode.Mn, r): // a combining accent, split off by NFD
		default:
			dash = true
		}
		if len(b) >= MaxIDLength {
			break
		}
	}
	return strings.Trim(string(b[:min(len(b), MaxIDLength)]), "-")
}
