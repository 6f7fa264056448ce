package pack

import (
	"strings"
	"time"
)

// The inverse of the parser for the parts of a question that other formats cannot hold
// (Anki's two fields): each writes the pack syntax that parses back to the same value.

// FormatTime writes a time limit as a pack does: 45s, 3m, 1m30s.
func FormatTime(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	return s
}

// termsSpec writes alternative terms, each as written in the pack when known.
func termsSpec(ts []Term) string {
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = t.Raw
		if parts[i] == "" {
			parts[i] = t.String()
		}
	}
	return strings.Join(parts, ", ")
}

// Spec writes the inside of the key point's "(match: ...)": its required groups in order
// (a not: group labelled), then optional:, wrong: and shown: groups.
func (kp KeyPoint) Spec() string {
	var groups []string
	for _, g := range kp.Groups {
		s := termsSpec(g)
		if len(g) > 0 && g[0].Negated {
			s = "not: " + s
		}
		groups = append(groups, s)
	}
	for _, g := range kp.Optional {
		groups = append(groups, "optional: "+termsSpec(g))
	}
	if len(kp.Wrong) > 0 {
		groups = append(groups, "wrong: "+termsSpec(kp.Wrong))
	}
	if len(kp.Shown) > 0 {
		groups = append(groups, "shown: "+strings.Join(kp.Shown, ", "))
	}
	return strings.Join(groups, "; ")
}

// Source writes the key point's list item: "Text (match: ...)".
func (kp KeyPoint) Source() string { return kp.Text + " (match: " + kp.Spec() + ")" }

// Source writes the misconception's list item: "Text (wrong: ...)".
func (m Misconception) Source() string { return m.Text + " (wrong: " + termsSpec(m.Terms) + ")" }

// FollowUpRef writes a follow-up key ("pack/question") as a question of pack from would
// list it: "#question" in the same pack, "pack#question" in another.
func FollowUpRef(from, key string) string {
	p, id, _ := strings.Cut(key, "/")
	if p == from {
		return "#" + id
	}
	return p + "#" + id
}
