// Package preparsed holds the embedded packs already parsed: packs.go is written by
// go generate from the files in questions/, as a composite literal the compiler lays out
// in the binary, so that a start reads the embedded bank without parsing 1.4 MB of
// Markdown (a cold parse takes 40-60 ms on a 2-core machine). TestEqualsAFreshParse fails
// when packs.go is older than the packs: run go generate ./questions/preparsed.
package preparsed

import (
	"slices"

	"github.com/hotseat/hotseat/internal/pack"
)

//go:generate go run gen.go

// Packs returns the embedded packs as pack.LoadFS(questions.FS, "embedded") would, without
// their (empty) diagnostics. The slice is the caller's; the packs it points to are shared
// by every caller: read them, never change them (internal/cli's tests check that none of
// its paths does).
func Packs() []*pack.Pack { return slices.Clone(packs) }
