package claims

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/hotseat/hotseat/internal/store"
)

// Store settings that hold the profile.
const (
	settingClaims = "claims"
	settingPolicy = "claim_policy"
)

// MaxClaimLength bounds one claim; a claim is a sentence, not an essay.
const MaxClaimLength = 300

// Truncate cuts a sentence offered as a claim to MaxClaimLength bytes, at a character's
// start, so that a claim taken from a long sentence is still text.
func Truncate(text string) string {
	if len(text) <= MaxClaimLength {
		return text
	}
	cut := MaxClaimLength
	for cut > 0 && !utf8.RuneStart(text[cut]) {
		cut--
	}
	return text[:cut]
}

// Load reads the candidate's claims and policy from the store.
func Load(s *store.Store) ([]Claim, Policy, error) {
	var cs []Claim
	if _, err := s.GetSetting(settingClaims, &cs); err != nil {
		return nil, Policy{}, fmt.Errorf("read claims: %w", err)
	}
	p := DefaultPolicy()
	if _, err := s.GetSetting(settingPolicy, &p); err != nil {
		return nil, Policy{}, fmt.Errorf("read claim settings: %w", err)
	}
	return cs, p, nil
}

// Save writes the claims.
func Save(s *store.Store, cs []Claim) error {
	if cs == nil {
		cs = []Claim{}
	}
	return s.PutSetting(settingClaims, cs)
}

// SavePolicy writes the policy after checking it.
func SavePolicy(s *store.Store, p Policy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.PutSetting(settingPolicy, p)
}

// New checks a claim's text and stamps it.
func New(text string, now time.Time) (Claim, error) {
	text = strings.Join(strings.Fields(text), " ")
	switch {
	case text == "":
		return Claim{}, errors.New("the claim is empty: write what you would say about yourself, in quotes")
	case len(text) > MaxClaimLength:
		return Claim{}, fmt.Errorf("the claim is %d characters; keep it under %d, one sentence", len(text), MaxClaimLength)
	}
	return Claim{Text: text, Added: now}, nil
}
