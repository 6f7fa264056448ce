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
// orientation, home, every question answered (typed, or option 1 picked) and rated Good,
// the summary; then stats shows one review per answer.
func TestFirstDailyDrillToSummary(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	tm := u.start(100, 30, nil)
	start := time.Now()
	scr := tm.waitFor(orientation + `|` + homeLoaded)
	t.Logf("first frame after %s", time.Since(start).Round(time.Millisecond))
	if !regexp.MustCompile(orientation).MatchString(scr) {
		t.Errorf("the first start of a fresh database should show the orientation:\n%s", scr)
	} else {
		flat := strings.Join(strings.Fields(scr), " ")
		for _, want := range []string{"clock", "ctrl+s", "aloud", "1 Again", u.db} {
			if !strings.Contains(flat, want) {
				t.Errorf("the orientation should mention %q:\n%s", want, scr)
			}
		}
	}
	scr = tm.home()
	if !strings.Contains(scr, "0 due · 10 new") {
		t.Errorf("a fresh database should offer 10 new questions:\n%s", scr)
	}
	tm.keys("enter") // Daily drill is the first item
	answered := 0
	for {
		scr := tm.answerAndRate("Bagging averages independent models.", "3")
		answered++
		if i, n := tm.position(scr); i != answered || n != 10 {
			t.Errorf("question %d shows %d of %d, want %d of 10:\n%s", answered, i, n, answered, scr)
		}
		if answered > 1 && !strings.Contains(scr, "saved Good") {
			t.Errorf("question %d should confirm that the last rating was saved:\n%s", answered, scr)
		}
		if scr := tm.screen(); regexp.MustCompile(summaryScreen).MatchString(scr) || answered > 10 {
			break
		}
	}
	if answered != 10 {
		t.Errorf("the first daily drill asked %d questions, want 10", answered)
	}
	scr = tm.screen()
	if !strings.Contains(scr, "10 answered") || !strings.Contains(scr, "Good 10") {
		t.Errorf("the summary should count 10 answers, all Good:\n%s", scr)
	}
	tm.keys("q") // the summary goes home
	tm.waitFor(`10 answered today`)
	tm.keys("q") // home quits
	if code := tm.waitExit(); code != 0 {
		t.Errorf("exit code %d after q on home", code)
	}
	s := u.stats()
	seen, reviews := 0, 0
	for _, p := range s.ByPack {
		seen += p.Seen
		reviews += p.Reviews
	}
	if s.ReviewsTotal != 10 || s.ReviewsToday != 10 || seen != 10 || reviews != 10 {
		t.Errorf("stats after the drill: %d reviews (%d today) of %d questions, by pack %d; want one review for each of the 10 answered\n%+v",
			s.ReviewsTotal, s.ReviewsToday, seen, reviews, s)
	}
}

// The acceptance test: every embedded pack drilled as a topic set of all its
// questions (`drill --pack P --count N`) at 100x30, typing an answer or picking option 1
// and rating Good each time. Every set reaches its summary with the process alive, and
// stats then shows one review per question of the pack. Each pack has its own database,
// so the packs run side by side.
func TestTopicSetOfEveryPackToItsEnd(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	code, out, errOut := u.run(nil, "pack", "list", "--json")
	var packs []struct {
		ID        string `json:"id"`
		Questions int    `json:"questions"`
	}
	if err := json.Unmarshal([]byte(out), &packs); code != 0 || err != nil || len(packs) < 6 {
		t.Fatalf("pack list --json: exit %d, %v\n%s%s", code, err, out, errOut)
	}
	total := 0
	for _, p := range packs {
		total += p.Questions
		if p.Questions == 0 {
			t.Errorf("pack %s has no questions", p.ID)
			continue
		}
		t.Run(p.ID, func(t *testing.T) {
			t.Parallel()
			u := newUser(t)
			tm := u.start(100, 30, nil, "drill", "--pack", p.ID, "--count", itoa(p.Questions))
			scr := tm.pastOrientation(questionScreen)
			if i, n := tm.position(scr); i != 1 || n != p.Questions {
				t.Fatalf("the set starts at %d of %d, want 1 of %d:\n%s", i, n, p.Questions, scr)
			}
			for i := 1; i <= p.Questions; i++ {
				scr := tm.answerAndRate("my answer", "3")
				if j, _ := tm.position(scr); j != i {
					t.Fatalf("question %d of the set shows %d:\n%s", i, j, scr)
				}
			}
			scr = tm.waitFor(summaryScreen)
			if !strings.Contains(scr, itoa(p.Questions)+" answered") {
				t.Errorf("the summary should count %d answers:\n%s", p.Questions, scr)
			}
			tm.keys("q")
			tm.waitFor(homeLoaded)
			tm.keys("q")
			if code := tm.waitExit(); code != 0 {
				t.Errorf("exit code %d", code)
			}
			s := u.stats()
			if got := s.ByPack[p.ID]; got.Reviews != p.Questions || got.Seen != p.Questions || s.ReviewsTotal != p.Questions {
				t.Errorf("stats show %d reviews of %d questions of %s (%d in all); want one review for each of its %d questions",
					got.Reviews, got.Seen, p.ID, s.ReviewsTotal, p.Questions)
			}
		})
	}
	t.Logf("%d packs, %d questions", len(packs), total)
}

// Quitting mid-question (ctrl+c with an answer typed asks before discarding it) keeps
// every rating given before; the next start counts them and goes on with the rest.
func TestQuitMidQuestionAndResume(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	tm := u.start(100, 30, nil)
	tm.home()
	tm.keys("enter")
	tm.answerAndRate("Bagging trains independent models on bootstrap samples.", "3")
	tm.answerAndRate("Boosting fits learners sequentially on the previous errors.", "2")
	// On to an open question: skip choice questions (a skip records nothing).
	scr := tm.waitFor(questionScreen)
	for !regexp.MustCompile(openQuestion).MatchString(scr) {
		i, _ := tm.position(scr)
		tm.keys("esc")
		tm.waitFor(`· ` + itoa(i+1) + ` of`)
		scr = tm.waitFor(questionScreen)
	}
	tm.typeText("half an answer")
	tm.waitFor(`half an answer`)
	tm.keys("ctrl+c")
	tm.waitFor(`(?i)discard`)
	tm.keys("y")
	if code := tm.waitExit(); code != 0 {
		t.Errorf("exit code %d after ctrl+c and y", code)
	}
	if s := u.stats(); s.ReviewsTotal != 2 || s.ReviewsToday != 2 || s.NewToday != 2 {
		t.Fatalf("after quitting mid-question: %d reviews (%d today, %d new today), want the 2 rated before\n%+v",
			s.ReviewsTotal, s.ReviewsToday, s.NewToday, s)
	}

	tm = u.start(100, 30, nil)
	scr = tm.waitFor(orientation + `|` + homeLoaded)
	if regexp.MustCompile(orientation).MatchString(scr) {
		t.Errorf("the orientation shows only on the first start:\n%s", scr)
		scr = tm.home()
	}
	if !strings.Contains(scr, "2 answered today") || !strings.Contains(scr, "0 due · 8 new") {
		t.Errorf("the second start should count the two answers and offer the 8 new questions left:\n%s", scr)
	}
	tm.keys("enter")
	scr = tm.waitFor(questionScreen)
	if i, n := tm.position(scr); i != 1 || n != 8 {
		t.Errorf("the resumed daily drill is at %d of %d, want 1 of 8:\n%s", i, n, scr)
	}
	tm.keys("ctrl+c")
	if code := tm.waitExit(); code != 0 {
		t.Errorf("exit code %d after ctrl+c on an empty answer", code)
	}
	if s := u.stats(); s.ReviewsTotal != 2 {
		t.Errorf("%d reviews after the second start, want 2", s.ReviewsTotal)
	}
}

// A set can be left midway: its summary counts what was answered, the trainer goes home
// instead of exiting, and only the answers rated are recorded.
func TestLeaveASetMidway(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	tm := u.start(100, 30, nil, "drill", "--pack", "ensembles", "--count", "5")
	tm.pastOrientation(questionScreen)
	tm.answerAndRate("Bagging averages independent models.", "3")
	scr := tm.waitFor(questionScreen)
	if regexp.MustCompile(openQuestion).MatchString(scr) {
		tm.keys("ctrl+x") // q would be typed into the answer
	} else {
		tm.keys("q")
	}
	if scr := tm.waitFor(`(?i)leave the set\?|` + summaryScreen); !regexp.MustCompile(summaryScreen).MatchString(scr) {
		tm.keys("y")
	}
	scr = tm.waitFor(summaryScreen)
	if !strings.Contains(scr, "1 answered") {
		t.Errorf("the summary of a set left after one answer should count it:\n%s", scr)
	}
	tm.keys("q")
	scr = tm.waitFor(homeLoaded)
	if !strings.Contains(scr, "1 answered today") {
		t.Errorf("home after leaving the set should count the answer:\n%s", scr)
	}
	tm.keys("q")
	if code := tm.waitExit(); code != 0 {
		t.Errorf("exit code %d after q on home", code)
	}
	if s := u.stats(); s.ReviewsTotal != 1 || s.ByPack["ensembles"].Reviews != 1 {
		t.Errorf("%d reviews (%d of ensembles) after leaving the set, want the 1 rated", s.ReviewsTotal, s.ByPack["ensembles"].Reviews)
	}
}

// A second trainer on the same database is refused at once, and so is any command that
// writes; commands that only read (stats, claims, packs, export) run beside the trainer and
// see the answer it has just saved.
func TestSecondInstanceIsRefused(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	tm := u.start(80, 24, nil)
	tm.home()
	tm.keys("enter")
	tm.answerAndRate("bagging averages independent models and boosting fits residuals in sequence", "3")
	want := "another hotseat is using " + u.db + "; close it or pass --db"

	for _, args := range [][]string{
		{"stats"},
		{"claim", "list"},
		{"claim", "audit"},
		{"pack", "list"},
		{"pack", "show", "ensembles"},
		{"pack", "export", "ensembles", "--format", "json"},
	} {
		start := time.Now()
		code, out, errOut := u.run(nil, args...)
		if elapsed := time.Since(start); code != 0 || elapsed > 2*time.Second {
			t.Errorf("hotseat %s beside a running trainer: exit %d in %s, said %q %q", strings.Join(args, " "), code, elapsed, out, errOut)
		}
	}
	if got := u.stats(); got.ReviewsTotal != 1 {
		t.Errorf("stats beside the trainer: %d reviews, want the 1 just rated", got.ReviewsTotal)
	}

	start := time.Now()
	code, _, errOut := u.run(nil, "claim", "add", "I love the details of ML models")
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("hotseat claim add took %s to give up, want under 2s", elapsed)
	}
	if code == 0 || !strings.Contains(errOut, want) {
		t.Errorf("hotseat claim add beside a running trainer: exit %d, said %q; want a refusal saying %q", code, errOut, want)
	}

	start = time.Now()
	second := u.start(160, 24, nil)
	code = second.waitExit()
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("a second trainer took %s to give up, want under 2s", elapsed)
	}
	// On a terminal the error is styled (a heading, a capital, wrapped): compare the words.
	if scr := second.screen(); code == 0 || !strings.Contains(strings.ToLower(squeeze(scr)), strings.ToLower(squeeze(want))) {
		t.Errorf("a second trainer: exit %d; want a refusal saying %q:\n%s", code, want, scr)
	}

	// The first one is unaffected: its next answer is saved too.
	tm.answerAndRate("a second answer typed after the others ran", "3")
	tm.keys("ctrl+c")
	tm.waitExit()
	if got := u.stats(); got.ReviewsTotal != 2 {
		t.Errorf("after the trainer: %d reviews, want 2", got.ReviewsTotal)
	}
}

// A claim's questions carry the marker in the daily drill.
func TestClaimMarkerInDailyDrill(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	const claim = "I love the details of ML models"
	if code, out, errOut := u.run(nil, "claim", "add", claim); code != 0 || !strings.Contains(out, "#model-internals") {
		t.Fatalf("claim add: exit %d\n%s%s", code, out, errOut)
	}
	tm := u.start(100, 30, nil)
	scr := tm.pastOrientation(`Claims +"` + claim + `"`)
	if !strings.Contains(scr, "not enough answers yet: 0 of 5") {
		t.Errorf("home should audit the claim:\n%s", scr)
	}
	tm.home()
	tm.keys("enter")
	for {
		scr = tm.waitFor(questionScreen)
		if strings.Contains(scr, `You claimed: "`+claim+`"`) {
			if !strings.Contains(strings.Join(strings.Fields(scr), " "), "An interviewer will check this.") {
				t.Errorf("the marker should say an interviewer will check:\n%s", scr)
			}
			break
		}
		i, n := tm.position(scr)
		if i == n {
			t.Fatalf("no question of the daily drill carried the claim marker:\n%s", scr)
		}
		tm.keys("esc") // skip: nothing typed, nothing recorded
		tm.waitFor(`· ` + itoa(i+1) + ` of`)
	}
	tm.keys("ctrl+c")
	tm.waitExit()
}

// A bug inside the trainer restores the terminal, says the ratings are saved and where the
// details are, writes the panic and its stack to a crash file and exits 3; the rating given
// before it is kept. (The crashtest build panics inside Update on F12.)
func TestCrashKeepsRatingsAndLeavesACrashFile(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	tm := u.startBin(crashBin, 100, 30, nil)
	tm.home()
	tm.keys("enter")
	tm.answerAndRate("Bagging trains independent models on bootstrap samples.", "3")
	tm.waitFor(questionScreen)
	tm.keys("f12")
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
	files, _ := filepath.Glob(filepath.Join(u.home, "state", "hotseat", "crash*"))
	if len(files) != 1 {
		t.Fatalf("want one crash file under $XDG_STATE_HOME/hotseat, found %v", files)
	}
	if !strings.Contains(scr, squeeze(files[0])) {
		t.Errorf("the message should name the crash file %s:\n%s", files[0], tm.screen())
	}
	body, err := os.ReadFile(files[0])
	if err != nil || !strings.Contains(string(body), "panic: crash test") ||
		!strings.Contains(string(body), "goroutine ") || !strings.Contains(string(body), "internal/tui.") {
		t.Errorf("the crash file should hold the panic and a goroutine stack (%v):\n%s", err, body)
	}
	// The terminal is restored: the alternate screen left, the cursor shown again.
	out := tm.output()
	if i := strings.LastIndex(out, "\x1b[?1049l"); i < 0 || !strings.Contains(squeeze(out[i:]), squeeze("hotseat hit a bug")) {
		t.Errorf("the alternate screen was not left before the message: %q", out[max(0, len(out)-2000):])
	}
	if !strings.Contains(out, "\x1b[?25h") {
		t.Error("the cursor was not shown again")
	}
	if s := u.stats(); s.ReviewsTotal != 1 {
		t.Errorf("the rating given before the crash: %d reviews, want 1", s.ReviewsTotal)
	}
}

// Pasted text keeps its line breaks, and typed text survives resizes to small and large
// windows with the line being typed still on screen.
func TestPasteAndResizeKeepTheAnswer(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	tm := u.start(100, 30, nil, "drill", "--pack", "deployment", "--count", "39")
	scr := tm.pastOrientation(questionScreen)
	for !regexp.MustCompile(openQuestion).MatchString(scr) {
		i, _ := tm.position(scr)
		tm.keys("esc") // to an open question
		tm.waitFor(`· ` + itoa(i+1) + ` of`)
		scr = tm.waitFor(questionScreen)
	}
	tm.paste("first pasted line\r\nsecond pasted line\rthird pasted line\nfourth pasted line")
	scr = tm.waitFor(`fourth pasted line`)
	for _, want := range []string{"│ first pasted line", "│ second pasted line", "│ third pasted line", "│ fourth pasted line"} {
		if !strings.Contains(scr, want) {
			t.Errorf("pasted lines should stay lines; missing %q:\n%s", want, scr)
		}
	}
	for i := range 25 {
		tm.keys("enter")
		tm.typeText("typed line " + itoa(i))
	}
	tm.waitFor(`typed line 24`)
	for _, size := range [][2]int{{60, 20}, {40, 12}, {160, 50}, {100, 30}} {
		tm.resize(size[0], size[1])
		tm.waitFor(`typed line 24`)
	}
	tm.keys("ctrl+s")
	tm.waitFor(revealScreen)
	tm.keys("ctrl+c")
	tm.waitFor(`(?i)discard`)
	tm.keys("y")
	tm.waitExit()
}

// Without a real terminal the trainer refuses in one line and exits 2.
func TestDumbTerminalIsRefused(t *testing.T) {
	t.Parallel()
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
