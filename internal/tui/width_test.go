package tui

import (
	"crypto/sha256"
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

// The renderer measures every cell with go-runewidth, which hotseat patches to keep its
// lookup table to the Basic Multilingual Plane (third_party/go-runewidth/HOTSEAT.md): every
// rune's width must stay upstream's. The checksums are upstream v0.0.30's, of the width of
// every code point under each condition.
func TestRuneWidthsAreUpstreams(t *testing.T) {
	for _, tc := range []struct {
		eastAsian bool
		want      string
	}{
		{false, "b166b7c41c9231ce5a3f05d94b0da79c245714d5f708b3002ccef55bda38152d"},
		{true, "d46d9c64c35351d6daa041d69092fb1181d63096ca089149ecc4b922bc0e2cf8"},
	} {
		c := runewidth.NewCondition()
		c.EastAsianWidth = tc.eastAsian
		if !c.StrictEmojiNeutral {
			t.Fatal("the condition the renderer uses is strict about emoji; the test must be too")
		}
		widths := make([]byte, utf8.MaxRune+1)
		for r := range rune(utf8.MaxRune + 1) {
			widths[r] = byte(c.RuneWidth(r))
		}
		if got := fmt.Sprintf("%x", sha256.Sum256(widths)); got != tc.want {
			t.Errorf("east Asian %v: the widths' checksum is %s, upstream's %s", tc.eastAsian, got, tc.want)
		}
		// Spot checks that say what broke: a box-drawing rune (ambiguous: wide in east Asian
		// terminals), a CJK ideograph, a half-width katakana, a combining mark, and above the
		// table an emoji and a CJK extension B ideograph.
		box := 1
		if tc.eastAsian {
			box = 2
		}
		for r, want := range map[rune]int{'─': box, '中': 2, 'ﾊ': 1, '\u0301': 0, '😀': 2, '𠀀': 2} {
			if got := c.RuneWidth(r); got != want {
				t.Errorf("east Asian %v: width of %U is %d, want %d", tc.eastAsian, r, got, want)
			}
		}
	}
}
