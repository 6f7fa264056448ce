// Package preparsed holds the embedded packs' catalogue already parsed: packs.go is
// written by go generate from the files in questions/, as a composite literal the compiler
// lays out in the binary, so that a start reads the embedded bank without parsing 1.4 MB
// of Markdown (a cold parse takes 40-60 ms on a 2-core machine). The literal holds each
// question's catalogue only (ids, titles, tags, levels, follow-ups): a question's body
// (prompt, answer, key points and their match terms, choices) is parsed from the embedded
// file when first asked for, so the binary carries no 5 MB of pointer-laden data that the
// collector would scan, and home holds none of it. TestEqualsAFreshParse fails when
// packs.go is older than the packs: run go generate ./questions/preparsed.
package preparsed

import (
	"slices"
	"sync"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/questions"
)

//go:generate go run gen.go

// Packs returns the embedded packs as pack.LoadFS(questions.FS, "embedded") would, without
// their (empty) diagnostics. The slice is the caller's; the packs it points to are shared
// by every caller: read them, never change them (internal/cli's tests check that none of
// its paths does).
func Packs() []*pack.Pack {
	withBodies()
	return slices.Clone(packs)
}

// withBodies says, once, where each embedded question's body is read.
var withBodies = sync.OnceFunc(func() {
	for _, pk := range packs {
		pk.BodiesFrom(questions.FS, pk.File, pk.File) // embedded files are named as they are in FS
	}
})
