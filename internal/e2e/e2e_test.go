package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The first daily drill of a new user, from a fresh database to its summary: the
// orientation, home, every question answered and rated Good, the summary; then stats
// shows one review per answer.
func TestFirstDailyDrillToSummary(t *testing.T) {
	u := newUser(t)
	tm := u.start(100, 30, nil)
	start := time.Now()
	scr := tm.waitFor(`Welcome to the hot seat`)
	t.Logf("first frame after %s", time.Since(start).Round(time.Millisecond))
	for _, want := range []string{"clock", "ctrl+s", "aloud", "1 Again", u.db} {
		if !strings.Contains(strings.Join(strings.Fields(scr), " "), want) {
			t.Errorf("the orientation should mention %q:\n%s", want, scr)
		}
	}
	tm.press("enter")
	scr = tm.waitFor(`Daily drill`)
	if !strings.Contains(scr, "0 due · 10 new") {
		t.Errorf("a fresh database should offer 10 new questions:\n%s", scr)
	}
	tm.press("enter")
	answered := 0
	for {
		scr := tm.answerAndRate("Bagging trains independent models on bootstrap samples and averages them.", "3")
		answered++
		if answered > 1 && !strings.Contains(scr, "saved Good") {
			t.Errorf("question %d should confirm the last rating was saved:\n%s", answered, scr)
		}
		if strings.Contains(tm.screen(), "Set done") {
			break
		}
	}
	if answered != 10 {
		t.Errorf("the first daily drill asked %d questions, want 10", answered)
	}
	scr = tm.screen()
	if !strings.Contains(scr, "10 answered") || !strings.Contains(scr, "Good 10") {
		t.Errorf("summary:\n%s", scr)
	}
	tm.press("q") // the summary goes home
	tm.waitFor(`10 answered today`)
	tm.press("q") // home quits
	if code := tm.waitExit(); code != 0 {
		t.Errorf("exit code %d after q on home", code)
	}
	if s := u.stats(); s.ReviewsTotal != 10 || s.ReviewsToday != 10 {
		t.Errorf("stats after the drill: %+v", s)
	}
}

// Every embedded pack, drilled as a topic set of all its questions at 100x30: every set
// reaches its summary with the process alive, and stats then shows one review per question.
func TestTopicSetOfEveryPackToItsEnd(t *testing.T) {
	u := newUser(t)
	code, out, errOut := u.run(nil, "pack", "list", "--json")
	var packs []struct {
		ID        string `json:"id"`
		Questions int    `json:"questions"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &packs) != nil || len(packs) < 6 {
		t.Fatalf("pack list --json: exit %d\n%s%s", code, out, errOut)
	}
	total := 0
	for _, p := range packs {
		t.Run(p.ID, func(t *testing.T) {
			u.t = t
			tm := u.start(100, 30, nil, "drill", "--pack", p.ID, "--count", itoa(p.Questions))
			tm.pastOrientation(questionScreen)
			for i := 0; ; i++ {
				if i > p.Questions {
					t.Fatalf("the set of %d questions did not end:\n%s", p.Questions, tm.screen())
				}
				tm.answerAndRate("An answer typed to keep the drill moving along.", "3")
				if strings.Contains(tm.screen(), "Set done") {
					break
				}
			}
			if scr := tm.screen(); !strings.Contains(scr, itoa(p.Questions)+" answered") {
				t.Errorf("summary of %s:\n%s", p.ID, scr)
			}
			tm.press("ctrl+c")
			tm.waitExit()
			s := u.stats()
			if got := s.ByPack[p.ID]; got.Reviews != p.Questions || got.Seen != p.Questions {
				t.Errorf("%s: stats show %d reviews of %d questions seen, want one review for each of %d", p.ID, got.Reviews, got.Seen, p.Questions)
			}
			total += p.Questions
			if s.ReviewsTotal != total {
				t.Errorf("reviews in all: %d, want %d", s.ReviewsTotal, total)
			}
		})
	}
}

// Quitting mid-question keeps every rating given before; the next start counts them.
func TestQuitMidQuestionAndResume(t *testing.T) {
	u := newUser(t)
	tm := u.start(100, 30, nil)
	tm.pastOrientation(`Daily drill`)
	tm.press("enter")
	tm.answerAndRate("Bagging trains independent models on bootstrap samples.", "3")
	tm.answerAndRate("Boosting fits learners sequentially on the previous errors.", "2")
	scr := tm.waitFor(questionScreen)
	if strings.Contains(scr, "ctrl+s/ctrl+d submit") {
		tm.typeText("half an answer")
		tm.waitFor(`half an answer`)
		tm.press("ctrl+c")
		tm.waitFor(`Quit and discard it\?`)
		tm.press("y")
	} else {
		tm.press("ctrl+c")
	}
	if code := tm.waitExit(); code != 0 {
		t.Errorf("exit code %d after ctrl+c", code)
	}
	if s := u.stats(); s.ReviewsTotal != 2 {
		t.Fatalf("after quitting mid-question: %d reviews, want the 2 rated", s.ReviewsTotal)
	}
	tm = u.start(100, 30, nil)
	scr = tm.waitFor(`Daily drill`)
	if strings.Contains(scr, "Welcome") || !strings.Contains(scr, "2 answered today") || !strings.Contains(scr, "8 new") {
		t.Errorf("the second start should count the two answers and skip the orientation:\n%s", scr)
	}
	tm.press("q")
	tm.waitExit()
}

// A second hotseat on the same database says so within two seconds instead of hanging.
func TestSecondInstanceIsRefused(t *testing.T) {
	u := newUser(t)
	tm := u.start(80, 24, nil)
	tm.pastOrientation(`Daily drill`)
	start := time.Now()
	code, _, errOut := u.run(nil, "stats")
	elapsed := time.Since(start)
	if code == 0 {
		t.Fatal("a second hotseat on the same database succeeded")
	}
	if want := "another hotseat is using " + u.db + "; close it or pass --db"; !strings.Contains(errOut, want) {
		t.Errorf("second instance said %q, want %q", errOut, want)
	}
	if elapsed > 2*time.Second {
		t.Errorf("second instance took %s to give up, want under 2s", elapsed)
	}
	second := u.start(80, 24, nil)
	if code := second.waitExit(); code == 0 || !strings.Contains(strings.ToLower(squeeze(second.screen())), squeeze("another hotseat is using")) {
		t.Errorf("a second trainer: exit %d\n%s", code, second.screen())
	}
	tm.press("q")
	tm.waitExit()
}

// A claim's questions carry the marker in the daily drill.
func TestClaimMarkerInDailyDrill(t *testing.T) {
	u := newUser(t)
	if code, out, errOut := u.run(nil, "claim", "add", "I love the details of ML models"); code != 0 || !strings.Contains(out, "#model-internals") {
		t.Fatalf("claim add: %d\n%s%s", code, out, errOut)
	}
	tm := u.start(100, 30, nil)
	scr := tm.pastOrientation(`Claims +"I love the details of ML models"`)
	if !strings.Contains(scr, "not answered yet") {
		t.Errorf("home should audit the claim:\n%s", scr)
	}
	tm.press("enter")
	for i := range 10 {
		scr = tm.waitFor(`· [0-9]+ of [0-9]+`)
		if strings.Contains(scr, `You claimed: "I love the details of ML models"`) {
			if !strings.Contains(strings.Join(strings.Fields(scr), " "), "An interviewer will check this.") {
				t.Errorf("the marker should say an interviewer will check:\n%s", scr)
			}
			return
		}
		tm.press("esc") // skip: nothing typed, nothing recorded
		tm.waitFor(regexp.QuoteMeta("· " + itoa(i+2) + " of"))
	}
	t.Fatalf("no question of the daily drill carried the claim marker:\n%s", scr)
}

// A bug inside the trainer restores the terminal, says the ratings are saved and where the
// details are, writes the stack to a crash file and exits 3; the rating given before it is
// kept. (The crashtest build panics on F12.)
func TestCrashKeepsRatingsAndLeavesACrashFile(t *testing.T) {
	u := newUser(t)
	tm := u.startBin(crashBin, 100, 30, nil)
	tm.pastOrientation(`Daily drill`)
	tm.press("enter")
	tm.answerAndRate("Bagging trains independent models on bootstrap samples.", "3")
	tm.waitFor(questionScreen)
	tm.press("f12")
	if code := tm.waitExit(); code != 3 {
		t.Errorf("exit code %d after a crash, want 3", code)
	}
	// The message wraps at the window's edge, mid-word: compare without white space.
	scr := squeeze(tm.screen())
	for _, want := range []string{"hotseat hit a bug", "your ratings so far are saved", "please report it"} {
		if !strings.Contains(scr, squeeze(want)) {
			t.Errorf("after the crash the terminal should say %q:\n%s", want, tm.screen())
		}
	}
	files, _ := filepath.Glob(filepath.Join(u.home, "state", "hotseat", "crash-*.txt"))
	if len(files) != 1 {
		t.Fatalf("want one crash file, found %v", files)
	}
	body, _ := os.ReadFile(files[0])
	if !strings.Contains(string(body), "panic: crash test") || !strings.Contains(string(body), "goroutine") {
		t.Errorf("crash file lacks the panic and its stack:\n%s", body)
	}
	if !strings.Contains(scr, squeeze(files[0])) {
		t.Errorf("the message should name the crash file %s:\n%s", files[0], scr)
	}
	// The terminal is restored: the alternate screen is left and the cursor shown again.
	out := tm.output()
	if !strings.Contains(out, "\x1b[?1049l") || !strings.Contains(out, "\x1b[?25h") {
		t.Error("the terminal was not restored (alternate screen or cursor)")
	}
	if s := u.stats(); s.ReviewsTotal != 1 {
		t.Errorf("the rating given before the crash: %d reviews, want 1", s.ReviewsTotal)
	}
}

// Pasted text keeps its line breaks, and typed text survives resizes to small and large
// windows with the line being typed still on screen.
func TestPasteAndResizeKeepTheAnswer(t *testing.T) {
	u := newUser(t)
	tm := u.start(100, 30, nil, "drill", "--pack", "deployment", "--count", "39")
	tm.pastOrientation(questionScreen)
	for !strings.Contains(tm.screen(), "ctrl+s/ctrl+d submit") {
		tm.press("esc") // to an open question
		time.Sleep(50 * time.Millisecond)
	}
	tm.paste("first pasted line\r\nsecond pasted line\rthird pasted line")
	scr := tm.waitFor(`third pasted line`)
	for _, want := range []string{"│ first pasted line", "│ second pasted line", "│ third pasted line"} {
		if !strings.Contains(scr, want) {
			t.Errorf("pasted lines should stay lines; missing %q:\n%s", want, scr)
		}
	}
	for i := range 25 {
		tm.press("enter")
		tm.typeText("typed line " + itoa(i))
	}
	tm.waitFor(`typed line 24`)
	for _, size := range [][2]int{{60, 20}, {40, 12}, {160, 50}, {100, 30}} {
		tm.resize(size[0], size[1])
		tm.waitFor(`typed line 24`)
	}
	tm.press("ctrl+s")
	scr = tm.waitFor(`Suggested:|Rate yourself`)
	if !strings.Contains(tm.screen(), "Your answer") && !strings.Contains(scr, "Key points") {
		t.Errorf("reveal:\n%s", scr)
	}
	tm.press("ctrl+c")
	tm.waitFor(`Quit and discard`)
	tm.press("y")
	tm.waitExit()
}

// Without a real terminal the trainer refuses in one line and exits 2.
func TestDumbTerminalIsRefused(t *testing.T) {
	u := newUser(t)
	tm := u.start(80, 24, []string{"TERM=dumb"})
	if code := tm.waitExit(); code != 2 {
		t.Errorf("TERM=dumb: exit %d, want 2", code)
	}
	out := tm.output()
	if !strings.Contains(out, "needs a full terminal") || strings.Contains(out, "\x1b") {
		t.Errorf("TERM=dumb should get one plain line and no escape sequence: %q", out)
	}
	if code, _, errOut := u.run(nil); code != 2 || !strings.Contains(errOut, "needs a full terminal") {
		t.Errorf("output not a terminal: exit %d %q", code, errOut)
	}
}

// squeeze drops all white space, to compare text that the terminal wrapped.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }
