package pack

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// The parser matches ids, heading ids and meta lines by hand, for speed. These are the
// regular expressions they replace; the test checks that both agree on every string of up
// to six characters from an alphabet of the characters that matter.
var (
	idRe     = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	headIDRe = regexp.MustCompile(`\{#([^}]*)\}\s*$`)
	metaRe   = regexp.MustCompile(`^[a-z][a-z-]*\s*:`)
)

func TestHandMatchersAgreeWithRegexps(t *testing.T) {
	alphabet := []string{"a", "0", "-", "{", "#", "}", " ", "\t", ":", "Z", "·", "|"}
	var gen func(prefix string, n int)
	gen = func(s string, n int) {
		if got, want := isID(s), idRe.MatchString(s); got != want {
			t.Errorf("isID(%q) = %v, regexp says %v", s, got, want)
		}
		if got, want := headingID(s), headIDRe.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("headingID(%q) = %v, regexp says %v", s, got, want)
		}
		if got, want := isMetaField(s), metaRe.MatchString(s); got != want {
			t.Errorf("isMetaField(%q) = %v, regexp says %v", s, got, want)
		}
		if got, want := isMeta([]byte(s)), isMetaRegexp(s); got != want {
			t.Errorf("isMeta(%q) = %v, the regexp version says %v", s, got, want)
		}
		if n == 0 || t.Failed() {
			return
		}
		for _, c := range alphabet {
			gen(s+c, n-1)
		}
	}
	gen("", 5)
	for _, s := range []string{"What is bagging? {#bagging-vs-boosting}", "Q {#a} {#b}", "Q {#a}} ", "Q {#{#a}", "tags : a", "time: 3m", "a-b-c", "a--b"} {
		gen(s, 0)
	}
}

// isMetaRegexp is the meta-line test as first written.
func isMetaRegexp(line string) bool {
	for _, part := range strings.FieldsFunc(line, func(r rune) bool { return r == '·' || r == '|' }) {
		if !metaRe.MatchString(strings.TrimSpace(part)) {
			return false
		}
	}
	return true
}
