//go:build !unix

package store

import "testing"

// assertUnlocked is a no-op where flock does not exist.
func assertUnlocked(t *testing.T, path string) {}
