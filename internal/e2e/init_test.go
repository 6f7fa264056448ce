package e2e

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// initLine is one line of GODEBUG=inittrace=1: a package's initialisation, its clock time,
// and what it allocated.
var initLine = regexp.MustCompile(`^init (\S+) @\S+ ms, (\S+) ms clock, (\d+) bytes, (\d+) allocs$`)

// Before main runs, the binary initialises every package it links. glamour links chroma,
// whose upstream release parses about 310 embedded XML files there (12-18 ms and 60,000
// allocations on every start, issue 12); third_party/chroma defers that to the first code
// block. Allocations are counted rather than time taken, so the test does not depend on
// the machine.
func TestStartDoesNoHighlighterSetUp(t *testing.T) {
	u := newUser(t)
	code, _, stderr := u.run([]string{"GODEBUG=inittrace=1"}, "--version")
	if code != 0 {
		t.Fatalf("hotseat --version exited %d: %s", code, stderr)
	}
	var chromaAllocs, allBytes, pkgs int
	for _, line := range strings.Split(stderr, "\n") {
		m := initLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		pkgs++
		bytes, _ := strconv.Atoi(m[3])
		allocs, _ := strconv.Atoi(m[4])
		allBytes += bytes
		if strings.HasPrefix(m[1], "github.com/alecthomas/chroma/") {
			chromaAllocs += allocs
		}
	}
	if pkgs < 100 {
		t.Fatalf("read %d package initialisations from inittrace; the format may have changed:\n%s", pkgs, stderr)
	}
	t.Logf("%d packages initialised: %d bytes in all, %d allocations in chroma", pkgs, allBytes, chromaAllocs)
	// Upstream chroma: about 60,000 allocations; patched: about 1,100 (the lexers defined in Go).
	if chromaAllocs > 2000 {
		t.Errorf("chroma's initialisation made %d allocations; the embedded lexers or styles are being read before main (see third_party/chroma/HOTSEAT.md)", chromaAllocs)
	}
	// All of it: about 2.8 MB with the patch, 6.7 MB before. A new dependency that does
	// real work in init shows here first.
	if allBytes > 4<<20 {
		t.Errorf("package initialisation allocated %d bytes before main; something new works eagerly at start (run with GODEBUG=inittrace=1 to see what)", allBytes)
	}
}
