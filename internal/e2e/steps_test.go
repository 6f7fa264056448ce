package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

// Interview answers are not flashcards: a first topic set rated Good does not come back the
// same day (no ten-minute learning steps), and comes back within days. An open question
// rated Again is asked once more at the end of the set, as practice that is not recorded.
func TestFirstTopicSetComesBackInDaysNotMinutes(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	morning := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	at := func(d time.Duration) []string { return []string{"HOTSEAT_NOW=" + morning.Add(d).Format(time.RFC3339)} }

	const n = 8
	tm := u.start(100, 30, at(0), "drill", "--pack", "ensembles", "--count", itoa(n))
	tm.pastOrientation(questionScreen)
	againOpen := false
	for i := 1; i <= n; i++ {
		scr := tm.waitFor(questionScreen)
		if againOpen || !regexp.MustCompile(openQuestion).MatchString(scr) {
			tm.answerAndRate("bagging trains models on bootstrap samples and averages them", "3")
			continue
		}
		// The first open question is rated Again, and the set grows by its practice round.
		againOpen = true
		tm.typeText("no idea")
		tm.waitFor("no idea")
		tm.keys("ctrl+s")
		tm.waitFor(revealScreen)
		tm.keys("1")
		if i < n {
			tm.waitFor(`· ` + itoa(i+1) + ` of ` + itoa(n+1))
		}
	}
	if !againOpen {
		t.Fatal("the set had no open question to rate Again")
	}
	{
		// The practice round: the same question, marked, with nothing to rate.
		scr := tm.waitFor(`Practice: a second go at a miss`)
		if i, total := tm.position(scr); i != n+1 || total != n+1 {
			t.Errorf("the practice round is %d of %d, want %d of %d", i, total, n+1, n+1)
		}
		tm.typeText("a second go at it")
		tm.waitFor("a second go at it")
		tm.keys("ctrl+s")
		tm.waitFor(`Practice round`)
		tm.keys("enter")
	}
	scr := tm.waitFor(summaryScreen)
	if !strings.Contains(squeeze(scr), squeeze(itoa(n)+" answered")) {
		t.Errorf("the summary should count %d answers:\n%s", n, scr)
	}
	tm.keys("ctrl+c")
	tm.waitExit()
	if s := u.stats(at(time.Minute)...); s.ReviewsTotal != n {
		t.Fatalf("%d reviews, want %d: practice is not recorded", s.ReviewsTotal, n)
	}

	// Two hours later: nothing of the set is due (the one rated Again neither: a day).
	for _, it := range u.plan(at(2 * time.Hour)...) {
		if it.Pack == "ensembles" && it.Reason != "new" {
			t.Errorf("two hours after the set, %s/%s is in the plan (%s)", it.Pack, it.Question, it.Reason)
		}
	}
	// Three days later some of it is due again.
	due := 0
	for _, it := range u.plan(at(3 * 24 * time.Hour)...) {
		if it.Pack == "ensembles" && it.Reason != "new" {
			due++
		}
	}
	if due == 0 {
		t.Error("three days after the set, none of it is due")
	}
	t.Logf("three days later %d of the %d questions are due", due, n)
}

// A rating undone right after it and given again leaves exactly one review in the log.
func TestUndoneRatingGivenAgainLeavesOneReview(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	tm := u.start(100, 30, nil, "drill", "--pack", "evaluation", "--count", "3")
	tm.pastOrientation(questionScreen)
	tm.answerAndRate("precision divides by the predicted positives", "3")
	scr := tm.waitFor(`undo the rating`)
	if regexp.MustCompile(openQuestion).MatchString(scr) {
		tm.keys("ctrl+z")
	} else {
		tm.keys("u")
	}
	tm.waitFor(`rating taken back`)
	tm.keys("2")
	tm.waitFor(`saved Hard`)
	tm.keys("ctrl+c")
	tm.waitExit()
	if s := u.stats(); s.ReviewsTotal != 1 || s.ByPack["evaluation"].Reviews != 1 {
		t.Errorf("%d reviews (%d of evaluation) after an undo and a new rating, want 1", s.ReviewsTotal, s.ByPack["evaluation"].Reviews)
	}
}

// hotseat stats in a terminal draws the progress screen; piped, it stays plain text.
func TestStatsInATerminalShowsTheProgressScreen(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	tm := u.start(80, 100, nil, "stats")
	tm.waitExit()
	scr := tm.screen()
	for _, want := range []string{"Retention", "Last 26 weeks", "Next 30 days", "By pack"} {
		if !strings.Contains(scr, want) {
			t.Errorf("stats in a terminal lacks %q:\n%s", want, scr)
		}
	}
	if _, out, _ := u.run(nil, "stats"); strings.Contains(out, "Last 26 weeks") || !strings.Contains(out, "true retention:") {
		t.Errorf("piped stats should be the plain text:\n%s", out)
	}
}
