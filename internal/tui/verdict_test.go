package tui

import (
	"strings"
	"testing"

	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
)

// The reveal shows, under each key point, the words that earned it or what was missing,
// and underlines the earning words in the echo of the answer.
func TestRevealShowsEvidence(t *testing.T) {
	f := newFixture(t, 100, 40)
	f.key("enter")
	f.typeText("Each model gets a bootstrap sample and we average the outputs at the end.")
	f.key("ctrl+s")
	v := f.view()
	for _, want := range []string{"you said “bootstrap”", "you said “average”", "needs “variance”"} {
		if !strings.Contains(v, want) {
			t.Errorf("reveal lacks %q:\n%s", want, v)
		}
	}
	// Underline (SGR 4) survives NO_COLOR, so the evidence is visible without colour.
	if raw := f.m.View().Content; !strings.Contains(raw, "\x1b[4") {
		t.Errorf("no underlined evidence in the answer echo")
	}
}

// Correcting the grader: space opens the checklist on a typed answer, a tick the grader
// missed makes the suggestion follow, and the candidate may save the words they used;
// the next grading of the same words earns the point.
func TestCorrectTicksAndSaveWords(t *testing.T) {
	f := newFixture(t, 100, 40)
	f.key("enter")
	answer := "Each model gets a bootstrap sample and we average the outputs. The wobble of deep trees cancels out."
	f.typeText(answer)
	f.key("ctrl+s")
	if f.m.rev.cov.Covered[2] {
		t.Fatal("the grader should miss the variance point in this answer")
	}
	before := f.m.rev.sugg.Rating
	f.key("space")
	if !f.m.rev.ticking || !strings.Contains(f.view(), "Correct the grader") {
		t.Fatalf("space should open the checklist on a typed answer:\n%s", f.view())
	}
	f.key("3")
	f.key("enter")
	if !f.m.rev.cov.Covered[2] || f.m.rev.sugg.Rating <= before {
		t.Errorf("after ticking point 3: covered %v, suggestion %v (was %v)", f.m.rev.cov.Covered, f.m.rev.sugg.Rating, before)
	}
	if !f.m.rev.offering() || !strings.Contains(f.view(), "I said it differently") {
		t.Fatalf("ticking a missed point should offer to save the words:\n%s", f.view())
	}
	// The offer is prefilled with the answer's closest sentence; the candidate keeps the
	// words that carry the idea.
	if got := f.m.rev.input.Value(); got == "" {
		t.Error("the offer should be prefilled with a sentence of the answer")
	}
	f.m.rev.input.SetValue("")
	f.typeText("wobble of deep trees cancels out") // q and other letters go into the box
	f.run(f.key("enter"))
	if f.m.rev.offering() {
		t.Fatal("the offer should close after enter")
	}
	if !strings.Contains(f.view(), "saved your words") {
		t.Errorf("no confirmation that the words were saved:\n%s", f.view())
	}
	syns, err := f.store.Synonyms()
	if err != nil || len(syns) != 1 || syns[0].Phrase != "wobble of deep trees cancels out" || syns[0].Point != "Averaging reduces variance" {
		t.Fatalf("stored synonyms %+v, %v", syns, err)
	}
	// Rated, and the same words graded again earn the point, marked as the candidate's own.
	f.run(f.key("3"))
	q := f.lib.Question("demo/bagging")
	c := score.Grade(q, answer, score.Options{Personal: score.PersonalFor(q, f.m.cx.synonyms[q.Key()])})
	if !c.Covered[2] || !c.Points[2].Personal {
		t.Errorf("the saved words should earn the point next time: %+v", c.Points[2])
	}
}

// esc on the offer declines it without leaving the set.
func TestDeclineSavingWords(t *testing.T) {
	f := newFixture(t, 100, 40)
	f.key("enter")
	f.typeText("Each model gets a bootstrap sample and we average the outputs.")
	f.key("ctrl+s")
	f.key("space")
	f.key("3")
	f.key("enter")
	f.key("esc")
	if f.m.rev.offering() || f.m.confirm != confirmNone || f.m.screen != screenReveal {
		t.Fatalf("esc should decline the offer and stay on the reveal (confirm %v, screen %v)", f.m.confirm, f.m.screen)
	}
	if syns, _ := f.store.Synonyms(); len(syns) != 0 {
		t.Errorf("declined words were saved: %+v", syns)
	}
	if f.m.rev.sugg.Rating != srs.Easy && f.m.rev.sugg.Rating != srs.Good {
		t.Errorf("all points ticked: suggestion %v", f.m.rev.sugg.Rating)
	}
}

const misconceptionPack = `---
pack: demo
title: Demo
version: 1.0.0
time: 2m
---

## How do Gini impurity and entropy differ? {#gini}

### Answer
Both are classification split criteria: Gini is one minus the sum of squared class
proportions, entropy is minus the sum of p log p. They rarely choose different splits.

### Key points
- Gini is one minus the sum of squared proportions (match: gini; squared)
- Entropy is minus the sum of p log p (match: entropy; log)
- Both are classification criteria; regression uses squared error (wrong: entropy is for regression, entropy for regression)

## Tell me about a time you disagreed with a colleague. {#disagree}
tags: behavioural

### Answer
I asked for their reasoning first, then proposed a timeboxed experiment we both agreed on.

### Key points
- Understood their reasoning first (match: reasoning, their side, asked why)
`

// A stated misconception and a behavioural red flag are shown, quoted, and cap the
// suggestion at Hard.
func TestRevealShowsMisconceptionsAndRedFlags(t *testing.T) {
	f := newFixtureWith(t, 100, 40, misconceptionPack, nil)
	f.key("enter")
	f.typeText("Gini is one minus the sum of squared proportions, entropy uses log, and entropy is for regression.")
	f.key("ctrl+s")
	v := f.view()
	if !strings.Contains(v, "A common misconception") || !strings.Contains(v, "“entropy is for regression”") {
		t.Errorf("misconception not shown:\n%s", v)
	}
	if f.m.rev.sugg.Rating != srs.Hard || !strings.Contains(f.m.rev.sugg.Reason, "misconception") {
		t.Errorf("suggestion %v (%s), want Hard because of the misconception", f.m.rev.sugg.Rating, f.m.rev.sugg.Reason)
	}
	f.run(f.key("2"))
	f.key("enter")
	f.typeText("My last team wrote terrible code. I asked about their reasoning anyway.")
	f.key("ctrl+s")
	v = f.view()
	if !strings.Contains(v, "Red flags") || !strings.Contains(v, "My last team wrote terrible code.") {
		t.Errorf("red flag not shown:\n%s", v)
	}
	if f.m.rev.sugg.Rating > srs.Hard {
		t.Errorf("suggestion %v with a red flag, want at most Hard", f.m.rev.sugg.Rating)
	}
}
