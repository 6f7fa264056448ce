package pitch

import (
	"testing"

	"gopkg.in/yaml.v3"
)

// EmbeddedRulesForTest returns the embedded rules file.
func EmbeddedRulesForTest(t *testing.T) []byte { t.Helper(); return embeddedRules }

// PhrasesOf returns the phrases of an embedded rule as written in the file.
func PhrasesOf(t *testing.T, id string) []string {
	t.Helper()
	var file struct {
		Rules []ruleYAML `yaml:"rules"`
	}
	if err := yaml.Unmarshal(embeddedRules, &file); err != nil {
		t.Fatal(err)
	}
	for _, r := range file.Rules {
		if r.ID == id {
			return r.Phrases
		}
	}
	t.Fatalf("no rule %s", id)
	return nil
}
