package tui

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
)

// unloadedLibrary loads src as the trainer loads the packs of files: unloaded, each
// question's text read from fsys when first shown.
func unloadedLibrary(t *testing.T, fsys fstest.MapFS) *pack.Library {
	t.Helper()
	packs, diags := pack.Loader{Unload: true}.LoadFS(fsys, "test")
	if diags.HasErrors() {
		t.Fatalf("fixture pack: %v", diags)
	}
	lib := pack.NewLibrary()
	lib.Add(packs, diags)
	return lib
}

// The trainer reads a question's text from its pack file when it first shows it: the
// question, the reveal's model answer and the grading are those of the file.
func TestUnloadedQuestionsAreReadWhenShown(t *testing.T) {
	f := fixtureOn(t, 80, 24, unloadedLibrary(t, fstest.MapFS{"demo.md": {Data: []byte(demoPack)}}), nil)
	f.key("enter")
	f.typeText("Each model sees a bootstrap sample and averaging lowers variance.")
	f.clock.Advance(60 * time.Second)
	f.key("ctrl+s")
	v := f.view()
	for _, want := range []string{"Model answer", "Bagging fits many models", "you covered 3 of 3"} {
		if !strings.Contains(v, want) {
			t.Errorf("the reveal of an unloaded question lacks %q:\n%s", want, v)
		}
	}
}

// A pack file removed while the trainer runs: its questions say so, and what to do, in the
// question and in the reveal, rather than show an empty question.
func TestQuestionFromARemovedPackFile(t *testing.T) {
	fsys := fstest.MapFS{"demo.md": {Data: []byte(demoPack)}}
	f := fixtureOn(t, 80, 24, unloadedLibrary(t, fsys), nil)
	delete(fsys, "demo.md")
	f.key("enter")
	v := strings.Join(strings.Fields(f.view()), " ")
	for _, want := range []string{"What does bagging reduce", "This question cannot be shown", "demo.md", "start hotseat again"} {
		if !strings.Contains(v, want) {
			t.Errorf("the question lacks %q:\n%s", want, f.view())
		}
	}
	f.typeText("bootstrap")
	f.key("ctrl+s")
	if v := strings.Join(strings.Fields(f.view()), " "); !strings.Contains(v, "No model answer") || !strings.Contains(v, "demo.md") {
		t.Errorf("the reveal does not say why there is no model answer:\n%s", f.view())
	}
	// A rating would schedule a question the candidate never saw (and record the
	// fingerprint of an empty one): it is refused, saying what to do.
	f.run(f.key("3"))
	if n := len(f.reviews()); n != 0 {
		t.Errorf("%d reviews recorded for a question that could not be shown", n)
	}
	if v := strings.Join(strings.Fields(f.view()), " "); !strings.Contains(v, "not rated") || !strings.Contains(v, "start hotseat again") {
		t.Errorf("the reveal does not say the rating was refused:\n%s", f.view())
	}
}

// Home shows figures counted over the card states without holding them (at 10,000
// questions the map is 3 MB of what home may hold); the first key reads them, and the plan
// it starts is the one the states say.
func TestHomeCountsCardsWithoutHoldingThem(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.againOnFirst()
	f.restart(nil)
	f.send(f.m.loadProgress()())
	if f.m.cards != nil {
		t.Errorf("home holds %d card states; it should hold only their figures", len(f.m.cards))
	}
	if v := f.view(); !strings.Contains(v, "1 due · 2 new") {
		t.Errorf("home does not count the due question:\n%s", v)
	}
	f.key("down")
	f.key("up")
	if c, ok := f.m.cards["demo/bagging"]; !ok || c.Lapses+c.Reps == 0 {
		t.Fatalf("the first key did not read the card states: %v", f.m.cards)
	}
	f.key("enter")
	if it := f.m.run.item(); it.Q.ID != "bagging" || it.Reason != drill.ReasonDue {
		t.Errorf("the daily drill starts with %s (%s), want the due question", it.Q.ID, it.Reason)
	}
}

// Enter pressed on home before its progress is read starts the daily drill once it is:
// planned from the card states, so a due question is asked as due, not as new.
func TestDailyDrillPressedBeforeProgressIsRead(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.againOnFirst()
	f.restart(nil)
	load := f.m.loadProgress() // Init's read, before any key
	f.key("enter")
	f.send(load())
	if f.m.run == nil {
		t.Fatal("no set started once progress was read")
	}
	if it := f.m.run.item(); it.Q.ID != "bagging" || it.Reason != drill.ReasonDue {
		t.Errorf("the daily drill starts with %s (%s), want the due question", it.Q.ID, it.Reason)
	}
}

// A progress read that lands while a set runs (or after it) keeps the map of card states
// the set was planned from and its ratings updated.
func TestProgressReadDuringASetKeepsTheCards(t *testing.T) {
	f := newFixture(t, 80, 24)
	f.againOnFirst()
	before, ok := f.m.cards["demo/bagging"]
	if !ok {
		t.Fatal("the rating is not in the map of card states")
	}
	f.send(f.m.loadProgress()())
	if got, ok := f.m.cards["demo/bagging"]; !ok || !got.Due.Equal(before.Due) {
		t.Errorf("after a progress read the card is %+v (%v), want %+v", got, ok, before)
	}
}
