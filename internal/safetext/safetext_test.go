package safetext_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hotseat/hotseat/internal/safetext"
)

// hostile is text a stranger's pack could carry to drive the terminal. Every case is
// checked twice: by its exact expected output and by the invariants of checkClean.
var hostile = []struct {
	name, in, want string
}{
	{"CSI clear screen", "before\x1b[2Jafter", "beforeafter"},
	{"CSI cursor home and SGR", "\x1b[H\x1b[31mred\x1b[0m", "red"},
	{"CSI private mode (hide cursor)", "a\x1b[?25lb", "ab"},
	{"OSC 52 clipboard write, BEL", "copy\x1b]52;c;ZWNobyBwd25lZA==\x07 me", "copy me"},
	{"OSC 52 clipboard write, ST", "copy\x1b]52;c;ZWNobyBwd25lZA==\x1b\\ me", "copy me"},
	{"OSC 52 clipboard write, C1 ST", "copy\x1b]52;c;ZWNobyBwd25lZA==\u009c me", "copy me"},
	{"OSC 8 hyperlink", "\x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\", "click here"},
	{"OSC 0 window title", "\x1b]0;pwned\x07title", "title"},
	{"DCS", "a\x1bP+q544e\x1b\\b", "ab"},
	{"APC, PM and SOS", "a\x1b_apc\x1b\\b\x1b^pm\x07c\x1bXsos\x1b\\d", "abcd"},
	{"C1 CSI", "a\u009b2Jb", "ab"},
	{"C1 CSI with SGR", "a\u009b31mb", "ab"},
	{"C1 OSC", "a\u009d52;c;eA==\u009cb", "ab"},
	{"C1 DCS", "a\u0090qqq\u009cb", "ab"},
	{"two-byte ESC c (reset)", "a\x1bcb", "ab"},
	{"nF ESC ( B", "a\x1b(Bb", "ab"},
	{"lone ESC at end", "the end\x1b", "the end"},
	{"ESC before a newline keeps the line", "one\x1b\ntwo", "one\ntwo"},
	{"ESC before a multi-byte rune keeps the rune", "a\x1bü", "aü"},
	{"ESC ESC [ 2J", "a\x1b\x1b[2Jb", "ab"},
	{"unterminated CSI stops at the newline", "a\x1b[2\nb", "a\nb"},
	{"unterminated OSC does not swallow following lines", "one\x1b]52;c;eA==\ntwo\nthree", "one\ntwo\nthree"},
	{"unterminated DCS does not swallow following lines", "one\x1bPdata\ntwo", "one\ntwo"},
	{"unterminated C1 OSC does not swallow following lines", "one\u009d8;;x\ntwo", "one\ntwo"},
	{"entity CSI", "&#27;[2Jcleared", "cleared"},
	{"entity CSI without semicolon", "&#27[2Jcleared", "cleared"},
	{"entity CSI with leading zeros", "&#0000000027;[2Jcleared", "cleared"},
	{"hex entity OSC 52 with BEL entity", "x&#x1b;]52;c;ZWNobw==&#7;y", "xy"},
	{"upper-case hex entity", "&#X1B;[31mred", "red"},
	{"entity C1 CSI", "a&#155;2Jb", "ab"},
	{"entity NUL and CR", "a&#0;b&#13;c", "abc"},
	{"entity that a removal would complete is escaped", "&#&#27;x7;", "&amp;#7;"},
	{"entity joined by a removed control", "&#\x007;", "&amp;#7;"},
	{"CRLF", "one\r\ntwo\r\n", "one\ntwo\n"},
	{"lone CR (overwrite the line)", "visible\rhidden", "visiblehidden"},
	{"DEL", "a\x7fb", "ab"},
	{"backspace and BEL", "ab\bc\a", "abc"},
	{"NUL", "a\x00b", "ab"},
	{"invalid UTF-8", "a\xffb\xc3", "a\ufffdb\ufffd"},
	{"raw C1 byte is invalid UTF-8", "a\x9b2Jb", "a\ufffd2Jb"},
}

func TestCleanHostile(t *testing.T) {
	for _, tc := range hostile {
		t.Run(tc.name, func(t *testing.T) {
			got := safetext.Clean(tc.in)
			if got != tc.want {
				t.Errorf("Clean(%q) = %q, want %q", tc.in, got, tc.want)
			}
			checkClean(t, tc.in, got)
		})
	}
}

func TestCleanKeepsPlainText(t *testing.T) {
	for _, s := range []string{
		"",
		"Bagging vs boosting: which reduces variance?",
		"tags: a, b · level: mid · time: 3m",
		"Größe, Übung, naïve café",
		"emoji 🎉 and 👩‍💻 and ✓",
		"日本語のテキスト",
		"tabs\tand\nnewlines\n\n- a list\n```go\nfunc f() {}\n```",
		"R&D, Q&A, a && b",
		"entities that are not controls: &amp; &lt; &#233; &#x1F600; &#10;",
		"replacement char \ufffd stays",
	} {
		if got := safetext.Clean(s); got != s {
			t.Errorf("Clean(%q) = %q, want it unchanged", s, got)
		}
	}
}

func TestCleanBytes(t *testing.T) {
	for _, tc := range hostile {
		if got := safetext.CleanBytes([]byte(tc.in)); string(got) != tc.want {
			t.Errorf("CleanBytes(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Plain input comes back as the same slice: a 2 MiB pack is not copied.
	plain := []byte("Plain text · ü 🎉\n\tR&D")
	if got := safetext.CleanBytes(plain); &got[0] != &plain[0] || len(got) != len(plain) {
		t.Error("CleanBytes copied plain input")
	}
}

func TestCleanIsIdempotent(t *testing.T) {
	for _, tc := range hostile {
		once := safetext.Clean(tc.in)
		if twice := safetext.Clean(once); twice != once {
			t.Errorf("%s: Clean(Clean(%q)) = %q, want %q", tc.name, tc.in, twice, once)
		}
	}
}

func TestFilterRendered(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"SGR 256 colour and bold", "\x1b[1;38;5;99mtitle\x1b[0m", "\x1b[1;38;5;99mtitle\x1b[0m"},
		{"SGR reset without parameters", "\x1b[mplain", "\x1b[mplain"},
		{"SGR truecolour with colons", "\x1b[38:2::1:2:3mrgb\x1b[0m", "\x1b[38:2::1:2:3mrgb\x1b[0m"},
		{"newlines and tabs kept", "a\n\tb\n", "a\n\tb\n"},
		{"plain non-ASCII kept", "· ü 🎉", "· ü 🎉"},
		{"clear screen removed", "\x1b[31ma\x1b[2Jb", "\x1b[31mab"},
		{"cursor movement removed", "a\x1b[10;20Hb\x1b[3Ac", "abc"},
		{"private mode removed", "\x1b[?1049hscreen\x1b[?25l", "screen"},
		{"private m is not SGR", "a\x1b[>4;2mb", "ab"},
		{"OSC 8 hyperlink removed, text kept", "\x1b]8;;https://example.com\x07link\x1b]8;;\x07", "link"},
		{"OSC 52 removed", "a\x1b]52;c;eA==\x1b\\b", "ab"},
		{"DCS removed", "a\x1bP$qm\x1b\\b", "ab"},
		{"C1 CSI SGR removed", "a\u009b31mb", "ab"},
		{"unterminated SGR removed", "a\x1b[31", "a"},
		{"CR and BEL removed", "a\r\x07b", "ab"},
		{"lone ESC removed", "a\x1b", "a"},
		{"entities are not decoded in rendered output", "&#27;[2J", "&#27;[2J"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := safetext.FilterRendered(tc.in)
			if got != tc.want {
				t.Errorf("FilterRendered(%q) = %q, want %q", tc.in, got, tc.want)
			}
			checkRendered(t, tc.in, got)
		})
	}
	for _, tc := range hostile {
		checkRendered(t, tc.in, safetext.FilterRendered(tc.in))
	}
}

// sgrRe is what FilterRendered may keep: SGR sequences.
var sgrRe = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// entityRe finds numeric character references, however many leading zeros they carry.
var entityRe = regexp.MustCompile(`&#(?:[xX]([0-9a-fA-F]+)|([0-9]+))`)

// isControl is the test's own definition: C0 but '\n' and '\t', DEL, and C1.
func isControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f
}

// checkClean asserts the promises of Clean: no control but newline and tab, no ESC, valid
// UTF-8, no entity that decodes to a control, and every line kept (so that positions in a
// pack still point at the right line).
func checkClean(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Clean(%q) = %q: invalid UTF-8", in, out)
	}
	for _, r := range out {
		if isControl(r) {
			t.Fatalf("Clean(%q) = %q: contains control %U", in, out, r)
		}
	}
	for _, m := range entityRe.FindAllStringSubmatch(out, -1) {
		digits, base := m[2], 10
		if m[1] != "" {
			digits, base = m[1], 16
		}
		digits = strings.TrimLeft(digits, "0")
		if digits == "" {
			digits = "0"
		}
		if len(digits) > 8 {
			continue
		}
		v, _ := strconv.ParseUint(digits, base, 64)
		if v <= utf8.MaxRune && isControl(rune(v)) {
			t.Fatalf("Clean(%q) = %q: entity %q decodes to control %U", in, out, m[0], v)
		}
	}
	if a, b := strings.Count(in, "\n"), strings.Count(out, "\n"); a != b {
		t.Fatalf("Clean(%q) = %q: %d newlines, want %d", in, out, b, a)
	}
}

// checkRendered asserts that rendered output keeps no escape sequence but SGR and no
// control but newline and tab.
func checkRendered(t *testing.T, in, out string) {
	t.Helper()
	for _, r := range sgrRe.ReplaceAllString(out, "") {
		if isControl(r) || r == 0x1b {
			t.Fatalf("FilterRendered(%q) = %q: contains control %U outside SGR", in, out, r)
		}
	}
	if a, b := strings.Count(in, "\n"), strings.Count(out, "\n"); a != b {
		t.Fatalf("FilterRendered(%q) = %q: %d newlines, want %d", in, out, b, a)
	}
}

func FuzzClean(f *testing.F) {
	for _, tc := range hostile {
		f.Add(tc.in)
	}
	f.Add("Plain text · with ü and 🎉\n\tand a tab")
	f.Add("\x1b[1;38;5;99mbold\x1b[0m \x1b[38:2::1:2:3mrgb")
	f.Add("&#&#&#27;27;27;")
	f.Fuzz(func(t *testing.T, s string) {
		out := safetext.Clean(s)
		checkClean(t, s, out)
		if again := safetext.Clean(out); again != out {
			t.Fatalf("Clean is not idempotent: Clean(%q) = %q, Clean of that = %q", s, out, again)
		}
		if b := safetext.CleanBytes([]byte(s)); string(b) != out {
			t.Fatalf("CleanBytes(%q) = %q, Clean = %q", s, b, out)
		}
		if plainInput(s) && out != s {
			t.Fatalf("Clean(%q) = %q: plain text must pass unchanged", s, out)
		}
		r := safetext.FilterRendered(s)
		checkRendered(t, s, r)
		if again := safetext.FilterRendered(r); again != r {
			t.Fatalf("FilterRendered is not idempotent: %q -> %q -> %q", s, r, again)
		}
	})
}

// plainInput reports whether s is valid UTF-8 without controls and without '&'.
func plainInput(s string) bool {
	if !utf8.ValidString(s) || strings.Contains(s, "&") {
		return false
	}
	for _, r := range s {
		if isControl(r) {
			return false
		}
	}
	return true
}

var (
	benchPlain   = strings.Repeat("Bagging trains many models independently, each on a bootstrap sample · ü 🎉\n", 200)
	benchHostile = strings.Repeat("Text \x1b[2J with &#27;]52;c;eA==&#7; and \u009b31m and R&D\r\n", 200)
)

func BenchmarkClean(b *testing.B) {
	for _, bc := range []struct{ name, s string }{{"plain", benchPlain}, {"hostile", benchHostile}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.s)))
			b.ReportAllocs()
			for b.Loop() {
				safetext.Clean(bc.s)
			}
		})
	}
}

func BenchmarkFilterRendered(b *testing.B) {
	s := strings.Repeat("\x1b[1;38;5;99mHeading\x1b[0m some rendered text \x1b[38;5;242m·\x1b[0m\n", 200)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		safetext.FilterRendered(s)
	}
}
