package pack_test

import (
	"fmt"
	"io/fs"
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pack/packtest"
	"github.com/hotseat/hotseat/questions"
)

// BenchmarkParseEmbedded parses every embedded pack, as the program does at start-up.
// Target: under 5 ms per op.
func BenchmarkParseEmbedded(b *testing.B) {
	names, err := fs.Glob(questions.FS, "*.md")
	if err != nil {
		b.Fatal(err)
	}
	var files [][]byte
	var total int64
	for _, n := range names {
		if !pack.IsPackFile(n) {
			continue
		}
		src, err := fs.ReadFile(questions.FS, n)
		if err != nil {
			b.Fatal(err)
		}
		files = append(files, src)
		total += int64(len(src))
	}
	if len(files) == 0 {
		b.Skip("no embedded packs")
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for i, src := range files {
			if pk, _ := pack.Parse(names[i], src); pk == nil {
				b.Fatalf("%s: no pack", names[i])
			}
		}
	}
}

// BenchmarkParseLibrary10k parses a 10,000-question library: 10 packs of 1,000 questions
// each. Target: under 200 ms per op.
func BenchmarkParseLibrary10k(b *testing.B) {
	const packs, perPack = 10, 1000
	files := make([][]byte, packs)
	var total int64
	for i := range files {
		files[i] = packtest.Generate(fmt.Sprintf("generated-%d", i), perPack, packtest.Options{ChoiceEvery: 5, CrossPack: true})
		total += int64(len(files[i]))
	}
	// The generated library must be valid, or the benchmark measures error paths.
	for i, src := range files {
		pk, ds := pack.Parse("gen.md", src)
		if ds.HasErrors() || len(pk.Questions) != perPack {
			b.Fatalf("generated pack %d: %d questions, diagnostics %v", i, len(pk.Questions), ds)
		}
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range files {
			pack.Parse("gen.md", src)
		}
	}
}

// BenchmarkLoadEmbedded is what start-up pays: LoadFS over the embedded packs, which
// parses the files in parallel.
func BenchmarkLoadEmbedded(b *testing.B) {
	b.ReportAllocs()
	for range b.N {
		packs, diags := pack.LoadFS(questions.FS, "embedded")
		if len(packs) == 0 || diags.HasErrors() {
			b.Fatalf("%d packs, %v", len(packs), diags)
		}
	}
}
