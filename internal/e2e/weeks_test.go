package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// Two weeks of daily drills, one each morning at 09:00, with the clock set by HOTSEAT_NOW:
// each day the home screen's "N due · M new" must match an oracle, the daily drill must
// ask exactly those questions, and the streak must grow by one a day.
//
// The oracle is independent of hotseat's planner, stats and stored card states: it reads
// only the review log the binary wrote (which questions were rated, how, and when, by the
// clock HOTSEAT_NOW set) and replays it through the FSRS-6 scheduler with the parameters
// the trainer uses (srs.DefaultParams, as cli.schedulers builds them). A question is due at
// an instant when its replayed due date is not after it; new questions are those never
// rated, up to the 5 a day set with --new 5 on the first day.
func TestTwoWeeksOfDailyDrillsWithHotseatNow(t *testing.T) {
	u := newUser(t)
	const newPerDay, bank = 5, 191
	day0 := time.Date(2026, 12, 24, 9, 0, 0, 0, time.UTC)
	sched := srs.NewScheduler(srs.DefaultParams())
	home := regexp.MustCompile(`(\d+) due · (\d+) new`)

	for d := range 14 {
		now := day0.AddDate(0, 0, d)
		wantDue, seen := u.oracle(sched, now)
		wantNew := min(newPerDay, bank-seen)

		env := []string{"HOTSEAT_NOW=" + now.Format(time.RFC3339), "TZ=UTC"}
		args := []string{}
		if d == 0 {
			args = []string{"--new", "5"}
		}
		if d > 0 {
			if s := u.stats(env...); s.DueNow != wantDue || s.NewAvailable != wantNew {
				t.Errorf("day %d: stats --json says %d due, %d new; the oracle %d, %d", d, s.DueNow, s.NewAvailable, wantDue, wantNew)
			}
		}
		tm := u.start(100, 30, env, args...)
		scr := tm.pastOrientation(`\d+ due · \d+ new`)
		m := home.FindStringSubmatch(scr)
		if atoi(m[1]) != wantDue || atoi(m[2]) != wantNew {
			t.Fatalf("day %d (%s): home shows %s due · %s new, the oracle %d due · %d new:\n%s",
				d, now.Format("Jan 2"), m[1], m[2], wantDue, wantNew, scr)
		}
		t.Logf("day %2d %s: %s due · %s new", d, now.Format("Jan 2"), m[1], m[2])
		if want := "streak " + itoa(d) + " day"; !strings.Contains(scr, want) {
			t.Errorf("day %d: header should show %q before today's drill:\n%s", d, want, scr)
		}
		tm.press("enter")
		asked := 0
		for {
			scr := tm.waitFor(questionScreen)
			if c := counter.FindStringSubmatch(scr); c == nil || atoi(c[2]) != wantDue+wantNew {
				t.Fatalf("day %d: the drill should ask the %d due and %d new:\n%s", d, wantDue, wantNew, scr)
			}
			// Answered aloud (or option 1), ticking nothing more, rated Good.
			if strings.Contains(scr, "ctrl+s/ctrl+d submit") {
				tm.press("ctrl+s")
			} else {
				tm.press("1", "enter")
			}
			if strings.Contains(tm.waitFor(`Suggested:|Rate yourself|tick the ones you said`), "tick the ones you said") {
				tm.press("enter")
				tm.waitFor(`Suggested:`)
			}
			tm.press("3")
			asked++
			if asked == wantDue+wantNew {
				tm.waitFor(`Set done`)
				break
			}
			tm.waitFor(`· ` + itoa(asked+1) + ` of`)
		}
		tm.press("q")
		tm.waitFor(`answered today`)
		tm.press("q")
		if code := tm.waitExit(); code != 0 {
			t.Fatalf("day %d: exit %d", d, code)
		}
	}
}

// oracle replays the review log through the scheduler and returns how many questions are
// due at now and how many have been rated at all.
func (u *user) oracle(sched *srs.Scheduler, now time.Time) (due, seen int) {
	u.t.Helper()
	s, err := store.Open(u.db, store.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return 0, 0 // no database yet: nothing rated
	}
	defer s.Close()
	cards := map[string]srs.Card{}
	err = s.Reviews(func(r store.Review) error {
		k := store.Key(r.Pack, r.Question)
		cards[k] = sched.Review(cards[k], r.Rating, r.Time)
		return nil
	})
	if err != nil {
		u.t.Fatal(err)
	}
	for _, c := range cards {
		if !c.Due.After(now) {
			due++
		}
	}
	return due, len(cards)
}
