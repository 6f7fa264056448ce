package pack

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"unicode"
	"unicode/utf8"
)

// Fingerprint returns a short hash (16 hex digits) of what the candidate sees of the
// question: its title, prompt, answer, choices (with which are correct) and key-point
// texts. It changes when a pack update changes the question's wording or answer, and not
// when only its id, tags, level, time, match terms or position in the file change, so a
// question can be marked "changed since you last saw it" without losing its history.
//
// Runs of white space count as one space, so re-wrapping a paragraph is not a change.
// It is computed on every call (a few microseconds), which keeps parsing as fast as before;
// callers that need it for many questions at once should keep the results.
func (q *Question) Fingerprint() string {
	b := q.Body()
	h := sha256.New()
	// A version byte lets the recipe change later: every question would then read as
	// changed once, which is the honest answer when the recipe cannot tell.
	h.Write([]byte{1})
	writeField(h, 't', q.Title)
	writeField(h, 'p', b.Prompt)
	writeField(h, 'a', b.Answer)
	for _, c := range b.Choices {
		tag := byte('c')
		if c.Correct {
			tag = 'C'
		}
		writeField(h, tag, c.Text)
	}
	for _, kp := range b.KeyPoints {
		writeField(h, 'k', kp.Text)
	}
	var sum [sha256.Size]byte
	return hex.EncodeToString(h.Sum(sum[:0])[:8])
}

// writeField writes a tag, the length of the normalised text and the text itself, so no
// two different sequences of fields hash the same bytes ("ab"+"c" versus "a"+"bc").
func writeField(h hash.Hash, tag byte, s string) {
	norm := normalizeSpace(s)
	var head [1 + binary.MaxVarintLen64]byte
	head[0] = tag
	n := binary.PutUvarint(head[1:], uint64(len(norm)))
	h.Write(head[:1+n])
	h.Write(norm)
}

// normalizeSpace trims s and turns every run of white space into one space. Text without
// a tab, newline or double space (most titles) is returned without copying.
func normalizeSpace(s string) []byte {
	start, end := 0, len(s)
	for start < end && isSpaceByte(s[start]) {
		start++
	}
	for end > start && isSpaceByte(s[end-1]) {
		end--
	}
	s = s[start:end]
	if !needsSpaceFold(s) {
		return []byte(s)
	}
	out := make([]byte, 0, len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = utf8.AppendRune(out, r)
	}
	return out
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// needsSpaceFold reports whether s holds white space other than single spaces, or any
// non-ASCII byte (which may be Unicode white space).
func needsSpaceFold(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= utf8.RuneSelf {
			return true
		}
		if c == ' ' && i+1 < len(s) && s[i+1] == ' ' {
			return true
		}
	}
	return false
}
