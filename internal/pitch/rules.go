package pitch

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"

	"github.com/hotseat/hotseat/internal/pack"
)

// Rule kinds: how a rule of rules.yaml is checked. The file's header comment describes each.
const (
	KindPhrases    = "phrases"
	KindCount      = "count"
	KindOverTime   = "over-time"
	KindTooShort   = "too-short"
	KindNoEvidence = "no-evidence"
	KindOwnership  = "ownership"
)

//go:embed rules.yaml
var embeddedRules []byte

// embedded are the embedded rules, parsed on first use rather than at start-up (parsing
// them is a few milliseconds every start would otherwise pay before its first frame). A
// rule that fails to parse is left out and the error kept for RulesError, so a broken file
// degrades the review instead of crashing the program (a test keeps the embedded file
// valid).
var embedded = sync.OnceValues(func() (*RuleSet, error) { return ParseRules(embeddedRules) })

func defaultRules() *RuleSet {
	rs, _ := embedded()
	return rs
}

// RulesError reports whether the embedded rules file is valid; nil when every rule parsed.
func RulesError() error {
	_, err := embedded()
	return err
}

// Rules describes the embedded rules in file order, for help screens.
func Rules() []Rule { return defaultRules().Rules() }

// RuleName returns the human name of an embedded rule id, or the id itself when unknown.
func RuleName(id string) string {
	for _, r := range defaultRules().rules {
		if r.ID == id {
			return r.Name
		}
	}
	return id
}

// Rule describes one red-flag rule: its stable id, a human name, why it hurts and its kind.
type Rule struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Why  string `json:"why"`
	Kind string `json:"kind"`
}

// RuleSet is a parsed rules file. It is read-only after parsing and safe for concurrent use.
type RuleSet struct {
	rules []rule
}

// Rules describes the rules of the set in file order.
func (rs *RuleSet) Rules() []Rule {
	out := make([]Rule, len(rs.rules))
	for i, r := range rs.rules {
		out[i] = r.Rule
	}
	return out
}

// rule is a parsed rule with the parameters of its kind.
type rule struct {
	Rule
	phrases     []pack.Term
	label       string
	perSentence int
	perPitch    int
	minFraction float64
	numberWords []pack.Term
	notCounted  []pack.Term
	self, team  []pack.Term
	minTeam     int
	ratio       float64
	// about others (kind phrases): people, then a link, then a judgement of them.
	people, links, judgements, copulas, weak []pack.Term
}

// ruleYAML is one rule as written in the file.
type ruleYAML struct {
	ID          string   `yaml:"id"`
	Name        string   `yaml:"name"`
	Kind        string   `yaml:"kind"`
	Why         string   `yaml:"why"`
	Phrases     []string `yaml:"phrases"`
	Label       string   `yaml:"label"`
	PerSentence int      `yaml:"per_sentence"`
	PerPitch    int      `yaml:"per_pitch"`
	MinFraction float64  `yaml:"min_fraction"`
	NumberWords []string `yaml:"number_words"`
	NotCounted  []string `yaml:"not_counted_before"`
	Self        []string `yaml:"self"`
	Team        []string `yaml:"team"`
	MinTeam     int      `yaml:"min_team"`
	Ratio       float64  `yaml:"ratio"`
	People      []string `yaml:"people"`
	Links       []string `yaml:"links"`
	Judgements  []string `yaml:"judgements"`
	Copulas     []string `yaml:"copulas"`
	Weak        []string `yaml:"weak"`
}

var ruleIDRe = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ParseRules parses a rules file in the format of the embedded rules.yaml. Unknown fields,
// fields that do not apply to a rule's kind, bad terms, duplicate ids and missing names or
// reasons are errors. The set it returns holds every rule that parsed, even when err is not
// nil, so a caller may go on with fewer rules.
func ParseRules(data []byte) (*RuleSet, error) {
	rs := &RuleSet{}
	var file struct {
		Rules []ruleYAML `yaml:"rules"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&file); err != nil && !errors.Is(err, io.EOF) {
		return rs, fmt.Errorf("rules file: %w", err)
	}
	// A second, loose pass only to learn each rule's line for the messages.
	var lines struct {
		Rules []yaml.Node `yaml:"rules"`
	}
	_ = yaml.Unmarshal(data, &lines)
	if len(file.Rules) == 0 {
		return rs, errors.New("rules file: no rules: it needs a top-level rules: list")
	}
	var errs []error
	seen := map[string]bool{}
	for i, ry := range file.Rules {
		line := 0
		if i < len(lines.Rules) {
			line = lines.Rules[i].Line
		}
		r, rerrs := parseRule(ry)
		if ry.ID != "" && seen[ry.ID] {
			rerrs = append(rerrs, fmt.Errorf("id %q is used by an earlier rule", ry.ID))
		}
		seen[ry.ID] = true
		if len(rerrs) > 0 {
			for _, e := range rerrs {
				errs = append(errs, fmt.Errorf("rules file line %d: rule %q: %w", line, ry.ID, e))
			}
			continue
		}
		rs.rules = append(rs.rules, r)
	}
	return rs, errors.Join(errs...)
}

func parseRule(ry ruleYAML) (rule, []error) {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	r := rule{Rule: Rule{ID: ry.ID, Name: strings.TrimSpace(ry.Name), Why: strings.Join(strings.Fields(ry.Why), " "), Kind: ry.Kind}}
	if !ruleIDRe.MatchString(ry.ID) {
		bad("bad id %q: use lowercase letters, digits and hyphens", ry.ID)
	}
	if r.Name == "" {
		bad("name is missing")
	}
	if r.Why == "" {
		bad("why is missing: say why this hurts the candidate")
	}
	terms := func(field string, list []string) []pack.Term {
		var out []pack.Term
		for _, s := range list {
			t, err := pack.ParseTerm(s)
			if err != nil {
				bad("%s: %v", field, err)
				continue
			}
			out = append(out, t)
		}
		return out
	}
	// used lists the fields a kind reads; any other field that is set is a mistake.
	set := map[string]bool{
		"phrases": len(ry.Phrases) > 0, "label": ry.Label != "", "per_sentence": ry.PerSentence != 0,
		"per_pitch": ry.PerPitch != 0, "min_fraction": ry.MinFraction != 0,
		"number_words": len(ry.NumberWords) > 0, "not_counted_before": len(ry.NotCounted) > 0,
		"self": len(ry.Self) > 0, "team": len(ry.Team) > 0, "min_team": ry.MinTeam != 0, "ratio": ry.Ratio != 0,
		"people": len(ry.People) > 0, "links": len(ry.Links) > 0, "judgements": len(ry.Judgements) > 0,
		"copulas": len(ry.Copulas) > 0, "weak": len(ry.Weak) > 0,
	}
	var used []string
	switch ry.Kind {
	case KindPhrases:
		used = []string{"phrases", "people", "links", "judgements", "copulas", "weak"}
		r.phrases = terms("phrases", ry.Phrases)
		if len(ry.Phrases) == 0 {
			bad("phrases is empty")
		}
		r.people, r.links, r.judgements = terms("people", ry.People), terms("links", ry.Links), terms("judgements", ry.Judgements)
		r.copulas, r.weak = terms("copulas", ry.Copulas), terms("weak", ry.Weak)
		if (len(ry.People) > 0) != (len(ry.Links) > 0 && len(ry.Judgements) > 0) {
			bad("people, links and judgements go together: set all three or none")
		}
		if len(ry.Weak) > 0 && (len(ry.Copulas) == 0 || len(ry.People) == 0) {
			bad("weak needs copulas and people")
		}
	case KindCount:
		used = []string{"phrases", "label", "per_sentence", "per_pitch"}
		r.phrases = terms("phrases", ry.Phrases)
		r.label, r.perSentence, r.perPitch = strings.TrimSpace(ry.Label), ry.PerSentence, ry.PerPitch
		if len(ry.Phrases) == 0 {
			bad("phrases is empty")
		}
		if r.label == "" {
			bad("label is missing: name what is counted, such as buzzwords")
		}
		if ry.PerSentence < 1 || ry.PerPitch < 1 {
			bad("per_sentence and per_pitch must both be at least 1")
		}
	case KindOverTime:
	case KindTooShort:
		used = []string{"min_fraction"}
		r.minFraction = ry.MinFraction
		if !(ry.MinFraction > 0 && ry.MinFraction < 1) {
			bad("min_fraction must be between 0 and 1, such as 0.25")
		}
	case KindNoEvidence:
		used = []string{"phrases", "number_words", "not_counted_before"}
		r.phrases = terms("phrases", ry.Phrases)
		r.numberWords = terms("number_words", ry.NumberWords)
		r.notCounted = terms("not_counted_before", ry.NotCounted)
		if len(ry.Phrases) == 0 {
			bad("phrases is empty")
		}
	case KindOwnership:
		used = []string{"self", "team", "min_team", "ratio"}
		r.self, r.team = terms("self", ry.Self), terms("team", ry.Team)
		r.minTeam, r.ratio = ry.MinTeam, ry.Ratio
		if len(ry.Self) == 0 || len(ry.Team) == 0 {
			bad("self and team must both list words")
		}
		for _, t := range append(append([]pack.Term{}, r.self...), r.team...) {
			if len(t.Words) != 1 {
				bad("self and team take single words, not %q", t.String())
			}
		}
		if ry.MinTeam < 1 || ry.Ratio <= 0 {
			bad("min_team must be at least 1 and ratio above 0")
		}
	default:
		bad("unknown kind %q: use one of %s", ry.Kind, strings.Join([]string{KindPhrases, KindCount, KindOverTime, KindTooShort, KindNoEvidence, KindOwnership}, ", "))
		return r, errs
	}
	for _, f := range []string{"phrases", "label", "per_sentence", "per_pitch", "min_fraction", "number_words", "not_counted_before", "self", "team", "min_team", "ratio", "people", "links", "judgements", "copulas", "weak"} {
		if set[f] && !contains(used, f) {
			bad("field %s does not apply to kind %s", f, ry.Kind)
		}
	}
	return r, errs
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
