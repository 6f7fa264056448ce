package pack_test

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
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
		files[i] = generatePack(fmt.Sprintf("generated-%d", i), perPack)
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

// generatePack writes a realistic pack of n questions: a meta line, an answer of about 80
// words, three key points with terms, every fifth question a choice question, and
// follow-ups to neighbours and to another pack.
func generatePack(id string, n int) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, `---
pack: %s
title: Generated pack %s
version: 1.0.0
description: A generated pack for benchmarks, shaped like a real one.
authors: [hotseat benchmarks]
license: CC-BY-4.0
time: 2m
level: mid
tags: [generated]
claims:
  model-internals:
    phrases: ["details of ML models", "how models work under the hood"]
---

# Generated pack

An introduction that the drill ignores.

`, id, id)
	levels := []string{"junior", "mid", "senior"}
	for i := range n {
		fmt.Fprintf(&b, "## Why does a random forest with %d trees reduce variance compared with one deep decision tree? {#q-%d}\n", i+10, i)
		fmt.Fprintf(&b, "tags: trees, ensembles · level: %s · time: %dm\n\n", levels[i%3], 1+i%5)
		if i%7 == 0 {
			b.WriteString("Consider this snippet:\n\n```python\n## not a heading inside a fence\nmodel = RandomForestClassifier(n_estimators=100)\n```\n\n")
		}
		if i%5 == 4 {
			b.WriteString("### Choices\n- [x] Averaging decorrelated trees\n- [ ] Pruning every tree\n- [ ] Boosting the residuals\n\n")
			b.WriteString("### Answer\nAveraging many decorrelated trees cancels much of their individual variance.\n\n")
		} else {
			b.WriteString("### Answer\n")
			b.WriteString("Each tree is trained on a bootstrap sample of the rows and considers only a random subset\n")
			b.WriteString("of features at every split, so the trees make different errors. Averaging their predictions\n")
			b.WriteString("keeps the low bias of deep trees while cancelling much of their variance, because the\n")
			b.WriteString("errors of decorrelated trees partly offset each other. More trees never hurt accuracy, they\n")
			b.WriteString("only cost time; the out-of-bag error gives a free estimate of generalisation.\n\n")
			b.WriteString("### Key points\n")
			b.WriteString("- Trees are trained on bootstrap samples (match: bootstrap*, resampl*, sampled with replacement)\n")
			b.WriteString("- Random feature subsets decorrelate the trees (match: random subset*, feature subsampl*, max features; decorrelat*, different errors)\n")
			b.WriteString("- Averaging reduces variance, not bias (match: variance; averag*, vote*, mean)\n\n")
		}
		b.WriteString("### Follow-ups\n")
		fmt.Fprintf(&b, "- #q-%d\n", (i+1)%n)
		if i%10 == 0 {
			b.WriteString("- ensembles#bagging-vs-boosting\n")
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
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
