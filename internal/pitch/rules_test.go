package pitch_test

import (
	"strings"
	"testing"

	"github.com/hotseat/hotseat/internal/pitch"
)

// TestEmbeddedRulesValid keeps rules.yaml parseable: a broken rule would silently drop out
// of every review.
func TestEmbeddedRulesValid(t *testing.T) {
	if err := pitch.RulesError(); err != nil {
		t.Fatalf("rules.yaml: %v", err)
	}
	seen := map[string]bool{}
	for _, r := range pitch.Rules() {
		if r.ID == "" || r.Name == "" || r.Why == "" || r.Kind == "" {
			t.Errorf("rule %+v: id, name, why and kind are required", r)
		}
		if strings.Contains(r.Why, "\n") || strings.Contains(r.Why, "  ") {
			t.Errorf("rule %s: why is not folded to one line: %q", r.ID, r.Why)
		}
		if pitch.RuleName(r.ID) != r.Name {
			t.Errorf("RuleName(%s) = %q", r.ID, pitch.RuleName(r.ID))
		}
		seen[r.ID] = true
	}
	// The red flags issue 5 asks for, by the ids scripts rely on.
	for _, id := range []string{"put-down", "superiority", "blame", "over-time", "no-impact", "buzzwords"} {
		if !seen[id] {
			t.Errorf("rules.yaml has no rule %q", id)
		}
	}
	if pitch.RuleName("no-such-rule") != "no-such-rule" {
		t.Error("RuleName of an unknown id should be the id")
	}
}

// TestEveryPhraseFires: each phrase of a phrases rule, written as a sentence, trips its
// rule, so a typo in the file (a phrase that can never match) is caught.
func TestEveryPhraseFires(t *testing.T) {
	rs, err := pitch.ParseRules(pitch.EmbeddedRulesForTest(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs.Rules() {
		if r.Kind != pitch.KindPhrases {
			continue
		}
		for _, ph := range pitch.PhrasesOf(t, r.ID) {
			text := strings.ReplaceAll(ph, "*", "s") + "."
			rev := rs.Analyze(text, pitch.Options{})
			if !rev.Flagged(r.ID) {
				t.Errorf("rule %s: phrase %q does not flag %q", r.ID, ph, text)
			}
		}
	}
}

// TestClaimsAreNotFlags: saying a phrase of the embedded claims vocabulary ("I love the
// details of ML models", "team player") is a claim to confirm, never a red flag.
func TestClaimsAreNotFlags(t *testing.T) {
	for _, c := range claims(t) {
		for _, p := range c.Phrases {
			s := "I would say " + strings.ReplaceAll(p.String(), "*", "") + "."
			r := pitch.Analyze(s, pitch.Options{})
			for _, f := range r.Flags {
				if f.Sentence != "" {
					t.Errorf("claim phrase %q (%s) raised %s", p.String(), c.Topic, f.Rule)
				}
			}
		}
	}
}

func TestParseRulesErrors(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"", "no rules"},
		{"rules: [", "rules file:"},
		{"rulez: []", "field rulez not found"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: phrases\n    phrase: [x]\n", "field phrase not found"},
		{"rules:\n  - id: Bad_Id\n    name: A\n    why: W\n    kind: phrases\n    phrases: [x]\n", `bad id "Bad_Id"`},
		{"rules:\n  - id: a\n    why: W\n    kind: phrases\n    phrases: [x]\n", "name is missing"},
		{"rules:\n  - id: a\n    name: A\n    kind: phrases\n    phrases: [x]\n", "why is missing"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: vibes\n", `unknown kind "vibes"`},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: phrases\n", "phrases is empty"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: phrases\n    phrases: ['in*correct']\n", "* may only end a word"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: phrases\n    phrases: ['--']\n", "it has no word"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: phrases\n    phrases: [x]\n    per_pitch: 3\n", "field per_pitch does not apply to kind phrases"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: count\n    label: L\n    phrases: [x]\n    per_sentence: 0\n    per_pitch: 2\n", "at least 1"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: count\n    phrases: [x]\n    per_sentence: 1\n    per_pitch: 2\n", "label is missing"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: too-short\n    min_fraction: 1.5\n", "min_fraction must be between 0 and 1"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: ownership\n    self: [I]\n    team: [we, the team]\n    min_team: 2\n    ratio: 2\n", `single words, not "the team"`},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: phrases\n    phrases: [x]\n    people: [team]\n    links: [was]\n", "people, links and judgements go together"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: phrases\n    phrases: [x]\n    weak: [bad]\n", "weak needs copulas and people"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: count\n    label: L\n    phrases: [x]\n    per_sentence: 1\n    per_pitch: 2\n    people: [team]\n", "field people does not apply to kind count"},
		{"rules:\n  - id: a\n    name: A\n    why: W\n    kind: over-time\n  - id: a\n    name: B\n    why: W\n    kind: over-time\n", `id "a" is used by an earlier rule`},
	}
	for _, tc := range tests {
		_, err := pitch.ParseRules([]byte(tc.yaml))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseRules(%q) = %v, want an error containing %q", tc.yaml, err, tc.want)
		}
	}
}

// TestParseRulesKeepsGoodRules: one broken rule is reported and the others still work.
func TestParseRulesKeepsGoodRules(t *testing.T) {
	rs, err := pitch.ParseRules([]byte(`rules:
  - id: broken
    name: Broken
    why: W
    kind: phrases
  - id: rude
    name: Rude
    why: Do not be rude.
    kind: phrases
    phrases: [nitwit*]
`))
	if err == nil || !strings.Contains(err.Error(), `line 2: rule "broken": phrases is empty`) {
		t.Errorf("err = %v", err)
	}
	if got := rs.Rules(); len(got) != 1 || got[0].ID != "rude" {
		t.Fatalf("rules = %+v", got)
	}
	r := rs.Analyze("They were nitwits.", pitch.Options{})
	if len(r.Flags) != 1 || r.Flags[0].Why != "Do not be rude." || r.Flags[0].Sentence != "They were nitwits." {
		t.Errorf("flags = %+v", r.Flags)
	}
}
