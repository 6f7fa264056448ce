package pack_test

import (
	"strings"
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"ML::Trees":             "ml-trees",
		"  Ökonomie & Data ":    "okonomie-data",
		"日本語":                   "",
		"group-packs.git":       "group-packs-git",
		strings.Repeat("a", 80): strings.Repeat("a", 64),
	} {
		if got := pack.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestValidID(t *testing.T) {
	for s, want := range map[string]bool{
		"bagging-vs-boosting": true, "q1": true, "": false, "-a": false, "a-": false,
		"a--b": false, "A": false, "a_b": false, strings.Repeat("a", 64): true, strings.Repeat("a", 65): false,
	} {
		if got := pack.ValidID(s); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", s, got, want)
		}
	}
}
