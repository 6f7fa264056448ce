package stats

import (
	"testing"
	"testing/fstest"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

const twoPacks = `---
pack: a
title: A
version: 1.0.0
---

## A1? {#a1}

### Answer
x

## A2? {#a2}

### Answer
x

## A3? {#a3}

### Answer
x
`

func lib(t *testing.T) *pack.Library {
	packs, diags := pack.LoadFS(fstest.MapFS{"a.md": {Data: []byte(twoPacks)}}, "t")
	l := pack.NewLibrary()
	l.Add(packs, diags)
	if l.Len() != 3 {
		t.Fatalf("fixture: %v", diags)
	}
	return l
}

func TestComputeStreakActivityDueAndNew(t *testing.T) {
	loc := time.FixedZone("CET", 3600)
	now := time.Date(2026, 11, 26, 0, 30, 0, 0, loc) // just after local midnight
	at := func(daysAgo, hour int) time.Time {
		return time.Date(2026, 11, 26-daysAgo, hour, 0, 0, 0, loc).UTC()
	}
	log := []store.Review{
		{Time: at(5, 10), Pack: "a", Question: "a1", Rating: srs.Good},
		{Time: at(2, 10), Pack: "a", Question: "a1", Rating: srs.Good},
		{Time: at(1, 23), Pack: "a", Question: "a2", Rating: srs.Good}, // 22:00 UTC, yesterday locally
		{Time: at(0, 0), Pack: "a", Question: "a3", Rating: srs.Again},
		{Time: at(0, 0), Pack: "gone", Question: "x", Rating: srs.Good}, // a removed pack keeps its history
	}
	cards := map[string]srs.Card{
		"a/a1": {State: srs.Review, Due: now.Add(-time.Hour)},
		"a/a2": {State: srs.Review, Due: now.Add(48 * time.Hour)},
		"a/a3": {State: srs.Learning, Due: now.Add(10 * time.Minute)},
	}
	s, err := Compute(Input{Lib: lib(t), Cards: cards, Now: now, NewPerDay: 10, Reviews: func(fn func(store.Review) error) error {
		for _, r := range log {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if s.ReviewsTotal != 5 || s.ReviewsToday != 2 || s.NewToday != 2 {
		t.Errorf("reviews %d, today %d, new today %d; want 5, 2, 2", s.ReviewsTotal, s.ReviewsToday, s.NewToday)
	}
	if s.StreakDays != 3 {
		t.Errorf("streak %d, want 3 (today, yesterday, the day before)", s.StreakDays)
	}
	if s.Activity[ActivityDays-1] != 2 || s.Activity[ActivityDays-2] != 1 || s.Activity[ActivityDays-6] != 1 {
		t.Errorf("activity = %v", s.Activity)
	}
	if s.DueNow != 1 || s.NewAvailable != 0 {
		t.Errorf("due %d, new available %d; want 1 and 0 (every question seen)", s.DueNow, s.NewAvailable)
	}
	if p := s.ByPack["a"]; p.Questions != 3 || p.Seen != 3 || p.Reviews != 4 {
		t.Errorf("by pack a = %+v", p)
	}
	if s.ByPack["gone"].Reviews != 1 {
		t.Errorf("history of a removed pack is still counted: %+v", s.ByPack)
	}
}

func TestStreakSurvivesUntilTheDayEnds(t *testing.T) {
	now := time.Date(2026, 11, 26, 20, 0, 0, 0, time.UTC)
	log := []store.Review{{Time: now.AddDate(0, 0, -1), Pack: "a", Question: "a1", Rating: srs.Good}}
	s, _ := Compute(Input{Lib: lib(t), Cards: map[string]srs.Card{}, Now: now, NewPerDay: 10, Reviews: func(fn func(store.Review) error) error {
		return fn(log[0])
	}})
	if s.StreakDays != 1 || s.NewAvailable != 3 {
		t.Errorf("streak %d (want 1: today is not over), new available %d (want 3)", s.StreakDays, s.NewAvailable)
	}
}

// True retention counts a review as mature when the question's previous review was
// MatureDays or more before, young when a day or more; same-day repeats do not count.
// Hard passes, Again fails. The forecast counts overdue questions on day 0.
func TestTrueRetentionAndForecast(t *testing.T) {
	l := lib(t)
	d0 := time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC)
	at := func(days int) time.Time { return d0.AddDate(0, 0, days) }
	log := []store.Review{
		{Time: at(0), Pack: "a", Question: "a1", Rating: srs.Good},
		{Time: at(0).Add(time.Hour), Pack: "a", Question: "a1", Rating: srs.Again}, // same day: not counted
		{Time: at(1), Pack: "a", Question: "a1", Rating: srs.Hard},                 // young, passed
		{Time: at(30), Pack: "a", Question: "a1", Rating: srs.Again},               // mature, failed
		{Time: at(0), Pack: "a", Question: "a2", Rating: srs.Good},
		{Time: at(21), Pack: "a", Question: "a2", Rating: srs.Easy},  // mature, passed
		{Time: at(25), Pack: "a", Question: "a2", Rating: srs.Again}, // young, failed
	}
	now := at(31)
	cards := map[string]srs.Card{
		"a/a1": {State: srs.Review, Due: now.Add(-48 * time.Hour)}, // overdue: day 0
		"a/a2": {State: srs.Review, Due: now.AddDate(0, 0, 3)},
		"a/a3": {State: srs.Review, Due: now.AddDate(0, 0, 40)}, // past the forecast
	}
	s, err := Compute(Input{Lib: l, Cards: cards, Reviews: FromLog(log), Now: now})
	if err != nil {
		t.Fatal(err)
	}
	o := s.Retention.Overall
	if o.Mature.Passed != 1 || o.Mature.Total != 2 || o.Young.Passed != 1 || o.Young.Total != 2 {
		t.Errorf("overall retention %+v, want mature 1 of 2, young 1 of 2", o)
	}
	if got := o.Mature.String(); got != "50%" {
		t.Errorf("mature written %q", got)
	}
	if p := s.Retention.ByPack["a"]; p.Mature.Total != 2 || p.Young.Total != 2 {
		t.Errorf("by pack %+v", p)
	}
	if s.Forecast[0] != 1 || s.Forecast[3] != 1 || sum(s.Forecast) != 2 {
		t.Errorf("forecast %v, want 1 today (overdue) and 1 in 3 days", s.Forecast)
	}
	if (Rate{}).String() != "–" {
		t.Error("an empty rate is not written as a dash")
	}
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}
