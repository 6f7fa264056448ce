package e2e

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
	"github.com/hotseat/hotseat/questions"
)

// Two weeks of daily drills on a fresh database, one each morning with the clock set by
// HOTSEAT_NOW=<day>T09:00:00Z: each day stats --json, drill --plan --json and the home
// screen's "N due · M new" must agree with an oracle, the daily drill must ask exactly the
// questions the oracle says are due plus that many new ones, and every answer (rated Good)
// must be in the log.
//
// The oracle is independent of hotseat's planner, stats and stored card states. It reads
// only the review log the binary wrote (which questions were rated, how, and at what
// instant by hotseat's clock) and replays it through the FSRS-6 scheduler with the
// parameters the trainer uses (drill.DefaultSchedConfig(), as cli.schedulers builds them:
// open questions without learning steps, choice questions with their one step; no claims
// here, so no claim retention). A question is due at instant t when its replayed
// due date is not after t. New questions are those never rated, drill.DefaultNewPerDay
// (10) a day: each day's drill is finished, so every day starts with no new question
// introduced yet.
//
// HOTSEAT_NOW sets the instant a process starts at; its clock then runs on in real time.
// Today's ratings are given a few seconds after 09:00 and their due dates keep that
// offset, so a question can fall due while a process runs. The oracle therefore bounds
// what a process may show by the due set at the instant it started (a lower bound) and at
// the instant it started plus the wall time that passed until the test read its answer (an
// upper bound); the two are usually equal, and the test logs the days they are not.
func TestTwoWeeksOfDailyDrillsWithHotseatNow(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	const days = 14
	newPerDay := drill.DefaultNewPerDay
	day0 := time.Date(2026, 12, 24, 9, 0, 0, 0, time.UTC)
	sched := drill.NewSchedulers(drill.DefaultSchedConfig())
	homeLine := regexp.MustCompile(`(\d+) due · (\d+) new`)

	for d := range days {
		now := day0.AddDate(0, 0, d)
		env := []string{"HOTSEAT_NOW=" + now.Format(time.RFC3339)}

		// stats --json (on day 0 it makes the database)
		started := time.Now()
		s := u.stats(env...)
		bank := 0
		for _, p := range s.ByPack {
			bank += p.Questions
		}
		o := u.oracle(sched)
		wantNew := min(newPerDay, bank-len(o.cards))
		within := func(what string, got int, started time.Time) {
			t.Helper()
			lo, hi := len(o.dueAt(now)), len(o.dueAt(now.Add(time.Since(started))))
			if got < lo || got > hi {
				t.Errorf("day %d: %s shows %d due; the oracle %d (up to %d by the time it was read)", d, what, got, lo, hi)
			}
			if lo != hi {
				t.Logf("day %d: %s: %d or %d due, a due date fell while it ran", d, what, lo, hi)
			}
		}

		within("stats --json", s.DueNow, started)
		if s.NewAvailable != wantNew || s.NewToday != 0 {
			t.Errorf("day %d: stats --json offers %d new (%d today); the oracle %d (0)", d, s.NewAvailable, s.NewToday, wantNew)
		}
		if s.StreakDays != d {
			t.Errorf("day %d: a streak of %d days before today's drill, want %d", d, s.StreakDays, d)
		}

		// drill --plan --json: the same questions as the oracle, no question before its due
		// date, new ones never seen and no more than the day's allowance.
		started = time.Now()
		plan := u.plan(env...)
		planned := time.Since(started)
		var pDue, pNew []string
		for _, it := range plan {
			k := store.Key(it.Pack, it.Question)
			switch it.Reason {
			case "due":
				pDue = append(pDue, k)
			case "new":
				pNew = append(pNew, k)
				if _, seen := o.cards[k]; seen {
					t.Errorf("day %d: the plan offers %s as new, but it was rated before", d, k)
				}
			default:
				t.Errorf("day %d: the plan has %s for the reason %q", d, k, it.Reason)
			}
		}
		sort.Strings(pDue)
		if lo, hi := o.dueAt(now), o.dueAt(now.Add(planned)); !subset(lo, pDue) || !subset(pDue, hi) {
			t.Errorf("day %d: drill --plan --json has due %v; the oracle %v (up to %v)", d, pDue, lo, hi)
		}
		if len(pNew) != wantNew {
			t.Errorf("day %d: drill --plan --json has %d new, want %d", d, len(pNew), wantNew)
		}

		// The trainer: the home screen, then the daily drill to its end.
		started = time.Now()
		tm := u.start(100, 30, env)
		scr := tm.home()
		m := homeLine.FindStringSubmatch(scr)
		homeDue, homeNew := atoi(m[1]), atoi(m[2])
		within("the home screen", homeDue, started)
		if homeNew != wantNew || homeNew > newPerDay {
			t.Errorf("day %d: home offers %d new, want %d:\n%s", d, homeNew, wantNew, scr)
		}
		if want := fmt.Sprintf("streak %d day", d); !strings.Contains(scr, want) {
			t.Errorf("day %d: the header should show %q before today's drill:\n%s", d, want, scr)
		}
		t.Logf("day %2d %s: %d due · %d new", d, now.Format("Jan 2"), homeDue, homeNew)

		tm.keys("enter")
		scr = tm.waitFor(questionScreen)
		_, n := tm.position(scr)
		if hi := len(o.dueAt(now.Add(time.Since(started)))) + wantNew; n < homeDue+homeNew || n > hi {
			t.Fatalf("day %d: the daily drill has %d questions; home said %d due and %d new (the oracle: up to %d in all):\n%s",
				d, n, homeDue, homeNew, hi, scr)
		}
		// Today's first rating waits until the question clock has ticked (half a second
		// gone, by its rounding), so that every rating is given, and every due date falls,
		// at least half a second after 09:00: tomorrow's checks, made within that half
		// second, then see no question fall due while they run.
		clock := regexp.MustCompile(`question (\d+):(\d\d)`)
		seconds := func(scr string) int {
			m := clock.FindStringSubmatch(scr)
			if m == nil {
				return -1
			}
			return atoi(m[1])*60 + atoi(m[2])
		}
		if first := seconds(scr); first > 0 {
			tm.waitUntil("the question clock ticking", func(scr string) bool { s := seconds(scr); return s >= 0 && s < first })
		} else {
			t.Fatalf("day %d: no question clock on the first question:\n%s", d, scr)
		}
		for i := 1; i <= n; i++ {
			scr := tm.waitFor(questionScreen)
			if j, m := tm.position(scr); j != i || m != n {
				t.Fatalf("day %d: question %d of %d shows %d of %d:\n%s", d, i, n, j, m, scr)
			}
			// Answered aloud, ticking nothing (or option 1 picked), rated Good.
			if regexp.MustCompile(openQuestion).MatchString(scr) {
				tm.keys("ctrl+s")
				if regexp.MustCompile(tickScreen).MatchString(tm.waitFor(revealScreen + `|` + tickScreen)) {
					tm.keys("enter")
				}
			} else {
				tm.keys("1")
				tm.waitFor(`\(•\) 1\.|\[x\] 1\.`)
				tm.keys("enter")
			}
			tm.waitFor(revealScreen)
			tm.keys("3")
			if i < n {
				tm.waitFor(`· ` + itoa(i+1) + ` of ` + itoa(n))
			}
		}
		tm.waitFor(summaryScreen)
		tm.keys("q")
		tm.waitFor(`answered today`)
		tm.keys("q")
		if code := tm.waitExit(); code != 0 {
			t.Fatalf("day %d: exit %d", d, code)
		}
		drillTime := time.Since(started)

		// The log: today's drill rated, once each and Good, every question the oracle had due
		// when the trainer started, others only if they fell due while it ran, and the new.
		after := u.oracle(sched)
		var rated []string
		for k, c := range after.cards {
			if today := c.reviews[len(c.reviews)-1]; !today.Time.Before(now) {
				rated = append(rated, k)
				if today.Rating != srs.Good {
					t.Errorf("day %d: %s rated %d, want Good", d, k, today.Rating)
				}
				if len(c.reviews) > 1 && !c.reviews[len(c.reviews)-2].Time.Before(now) {
					t.Errorf("day %d: %s rated more than once", d, k)
				}
			}
		}
		sort.Strings(rated)
		var ratedOld []string
		newRated := 0
		for _, k := range rated {
			if _, seen := o.cards[k]; seen {
				ratedOld = append(ratedOld, k)
			} else {
				newRated++
			}
		}
		if len(rated) != n || newRated != wantNew {
			t.Errorf("day %d: %d questions rated today (%d new), want the %d asked (%d new)", d, len(rated), newRated, n, wantNew)
		}
		if lo, hi := o.dueAt(now), o.dueAt(now.Add(drillTime)); !subset(lo, ratedOld) || !subset(ratedOld, hi) {
			t.Errorf("day %d: the drill asked %v of those seen before; the oracle had %v due (up to %v)", d, ratedOld, lo, hi)
		}
	}
}

// bank is the embedded question bank, which the oracle reads each question's kind from.
var bank = func() *pack.Library {
	packs, _ := pack.LoadFS(questions.FS, "questions")
	lib := pack.NewLibrary()
	lib.Add(packs, nil)
	return lib
}()

// oracleState is the review log replayed through the scheduler.
type oracleState struct {
	cards map[string]*oracleCard
}

type oracleCard struct {
	card    srs.Card
	reviews []store.Review
}

// oracle reads the review log from the database (when hotseat is not running) and
// replays it through sched.
func (u *user) oracle(sched drill.Schedulers) oracleState {
	u.t.Helper()
	o := oracleState{cards: map[string]*oracleCard{}}
	s, err := store.Open(u.db, store.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		u.t.Fatalf("open %s to read its review log: %v", u.db, err)
	}
	defer s.Close()
	err = s.Reviews(func(r store.Review) error {
		k := store.Key(r.Pack, r.Question)
		c := o.cards[k]
		if c == nil {
			c = &oracleCard{}
			o.cards[k] = c
		}
		c.card = sched.For(bank.Question(k), false).Review(c.card, r.Rating, r.Time)
		c.reviews = append(c.reviews, r)
		return nil
	})
	if err != nil {
		u.t.Fatal(err)
	}
	return o
}

// dueAt lists the keys of the questions due at t, sorted.
func (o oracleState) dueAt(t time.Time) []string {
	var due []string
	for k, c := range o.cards {
		if !c.card.Due.After(t) {
			due = append(due, k)
		}
	}
	sort.Strings(due)
	return due
}

// planItem is one question of `hotseat drill --plan --json`.
type planItem struct {
	Pack     string `json:"pack"`
	Question string `json:"question"`
	Reason   string `json:"reason"`
}

func (u *user) plan(extra ...string) []planItem {
	u.t.Helper()
	code, out, errOut := u.run(extra, "drill", "--plan", "--json", "--db", u.db)
	var plan []planItem
	if err := json.Unmarshal([]byte(out), &plan); code != 0 || err != nil {
		u.t.Fatalf("hotseat drill --plan --json: exit %d, %v\n%s%s", code, err, out, errOut)
	}
	return plan
}

// subset reports whether every element of the sorted a is in the sorted b.
func subset(a, b []string) bool {
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x); !ok {
			return false
		}
	}
	return true
}
