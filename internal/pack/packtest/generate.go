// Package packtest writes generated packs for benchmarks and tests of scale: valid, shaped
// like the bank's, as large as asked.
package packtest

import (
	"fmt"
	"strings"
)

// Options shape a generated pack.
type Options struct {
	// ChoiceEvery makes every ChoiceEvery-th question a choice question (0: none).
	ChoiceEvery int
	// CrossPack adds, to every tenth question, a follow-up in another pack
	// (ensembles#bagging-vs-boosting), which resolves only beside the embedded packs.
	CrossPack bool
}

// Generate writes a realistic pack of n questions: a meta line, an answer of about 80
// words, three key points with terms, a code block in every seventh question, choice
// questions as Options say, and a follow-up to the next question.
func Generate(id string, n int, o Options) []byte {
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
		if o.ChoiceEvery > 0 && i%o.ChoiceEvery == o.ChoiceEvery-1 {
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
		if o.CrossPack && i%10 == 0 {
			b.WriteString("- ensembles#bagging-vs-boosting\n")
		}
		b.WriteString("\n")
	}
	return []byte(b.String())
}
