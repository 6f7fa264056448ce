package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/adrg/xdg"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/hotseat/hotseat/internal/anki/ankitest"
	"github.com/hotseat/hotseat/internal/drill"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/srs"
	"github.com/hotseat/hotseat/internal/store"
)

// packEnv is a candidate's machine for the pack commands: its own data home and database,
// kept across commands (unlike runCLI, which gives each call a new database).
type packEnv struct {
	t    *testing.T
	dir  string
	db   string
	now  time.Time
	data string
}

func newPackEnv(t *testing.T) *packEnv {
	t.Helper()
	dir := t.TempDir()
	e := &packEnv{t: t, dir: dir, db: filepath.Join(dir, "db", "hotseat.db"), data: filepath.Join(dir, "data"),
		now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	// xdg reads the environment once; read it again when the test ends and Setenv has
	// put the old values back.
	t.Cleanup(xdg.Reload)
	t.Setenv("HOME", filepath.Join(dir, "home"))
	t.Setenv("XDG_DATA_HOME", e.data)
	t.Setenv("HOTSEAT_DB", e.db)
	t.Setenv("HOTSEAT_PACKS", "")
	t.Setenv("HOTSEAT_NOW", "")
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("NO_COLOR", "1")
	xdg.Reload()
	return e
}

// main runs hotseat in-process exactly as Main does (the environment read, fang's error
// handler, the exit code decided), with no terminal, and returns its exit code and output.
func (e *packEnv) main(args ...string) (int, string, string) {
	e.t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), "test", args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// copies is where the sources installed with the test's database are copied: beside it.
func (e *packEnv) copies() string { return filepath.Join(filepath.Dir(e.db), "hotseat.packs") }

// app returns an app writing to buffers, as Main builds it.
func (e *packEnv) app() (*app, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, now: func() time.Time { return e.now }}, &out, &errb
}

// run runs one hotseat command in-process and returns its exit code and output.
func (e *packEnv) run(args ...string) (int, string, string) {
	e.t.Helper()
	a, out, errb := e.app()
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetOut(out)
	root.SetErr(errb)
	root.SilenceUsage = true
	root.SilenceErrors = true
	err := root.ExecuteContext(context.Background())
	code := exitOK
	if err != nil {
		code = exitFail
		var ee *exitError
		if errors.As(err, &ee) {
			code = ee.code
		}
		if ee == nil || !ee.silent {
			fmt.Fprintf(errb, "hotseat: %v\n", err)
		}
	}
	return code, out.String(), errb.String()
}

// ok runs a command that must succeed.
func (e *packEnv) ok(args ...string) string {
	e.t.Helper()
	code, out, errs := e.run(args...)
	if code != 0 {
		e.t.Fatalf("hotseat %s: exit %d\n%s%s", strings.Join(args, " "), code, out, errs)
	}
	return out
}

// rows returns `pack list --json` as the lead's pack list will print it (listPacks).
func (e *packEnv) rows() map[string]packRow {
	e.t.Helper()
	a, out, _ := e.app()
	if err := a.listPacks(true); err != nil {
		e.t.Fatal(err)
	}
	var rows []packRow
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil {
		e.t.Fatalf("%v\n%s", err, out)
	}
	m := map[string]packRow{}
	for _, r := range rows {
		m[r.ID] = r
	}
	return m
}

func (e *packEnv) library() *pack.Library {
	e.t.Helper()
	a, _, errb := e.app()
	lib, problems := a.loadLibrary()
	if len(problems) > 0 || errb.Len() > 0 {
		e.t.Fatalf("library problems: %v %s", problems, errb)
	}
	return lib
}

func (e *packEnv) store() *store.Store {
	e.t.Helper()
	s, err := store.Open(e.db, store.Options{NoSync: true, Now: func() time.Time { return e.now }})
	if err != nil {
		e.t.Fatal(err)
	}
	return s
}

// drill plans a topic set on one pack, as the trainer does, and rates its first question
// Good. It returns the key of the question rated.
func (e *packEnv) drill(packID string) string {
	e.t.Helper()
	lib := e.library()
	s := e.store()
	defer s.Close()
	cards, err := s.Cards()
	if err != nil {
		e.t.Fatal(err)
	}
	sched := srs.NewScheduler(srs.DefaultParams())
	p := drill.Planner{Lib: lib, Cards: cards, Sched: drill.Only(sched)}
	set := p.Topic(drill.Options{Now: e.now, Pack: packID, Count: 3})
	if len(set.Items) == 0 {
		e.t.Fatalf("topic set on %s is empty", packID)
	}
	it := set.Items[0]
	rec := drill.Recorder{Store: s, Sched: sched}
	if _, _, err := rec.Record(cards[it.Q.Key()], drill.Result{Item: it, Answer: "an answer", Rating: srs.Good, At: e.now, Used: time.Minute}); err != nil {
		e.t.Fatal(err)
	}
	e.now = e.now.Add(time.Hour)
	return it.Q.Key()
}

// gitRepo is a study group's repository, made with go-git.
type gitRepo struct {
	t    *testing.T
	dir  string
	r    *git.Repository
	when time.Time
}

func newGitRepo(t *testing.T) *gitRepo {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study-group")
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return &gitRepo{t: t, dir: dir, r: r, when: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)}
}

// commit writes (or, for "", deletes) files and commits them.
func (g *gitRepo) commit(msg string, files map[string]string) {
	g.t.Helper()
	wt, err := g.r.Worktree()
	if err != nil {
		g.t.Fatal(err)
	}
	for name, content := range files {
		if content == "" {
			if _, err := wt.Remove(name); err != nil {
				g.t.Fatal(err)
			}
			continue
		}
		if err := os.WriteFile(filepath.Join(g.dir, name), []byte(content), 0o644); err != nil {
			g.t.Fatal(err)
		}
		if _, err := wt.Add(name); err != nil {
			g.t.Fatal(err)
		}
	}
	g.when = g.when.Add(time.Hour)
	if _, err := wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: "group", Email: "g@example.com", When: g.when}}); err != nil {
		g.t.Fatal(err)
	}
}

// groupPack writes a pack whose questions are given as id=answer.
func groupPack(version string, qs ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\npack: group\ntitle: Our group's questions\nversion: %s\n---\n\n", version)
	for _, q := range qs {
		id, answer, _ := strings.Cut(q, "=")
		fmt.Fprintf(&b, "## What about %s? {#%s}\n\n### Answer\n%s\n\n### Key points\n- It (match: it)\n\n", id, id, answer)
	}
	return b.String()
}

func TestGitPackProgressSurvivesUpdates(t *testing.T) {
	e := newPackEnv(t)
	g := newGitRepo(t)
	g.commit("first", map[string]string{"group.md": groupPack("1.0.0", "alpha=Alpha.", "beta=Beta.")})

	out := e.ok("pack", "add", "file://"+g.dir)
	if !strings.Contains(out, "added group (git file://"+g.dir) || !strings.Contains(out, filepath.Join(e.copies(), "group")) {
		t.Errorf("add said:\n%s", out)
	}
	if r := e.rows()["group"]; !r.Enabled || r.Version != "1.0.0" || r.SourceID != "group" || r.Source != "file://"+g.dir || r.Questions != 2 {
		t.Errorf("listed as %+v", r)
	}

	// Review alpha: the review carries the fingerprint of the version rated.
	key := e.drill("group")
	if key != "group/alpha" {
		t.Fatalf("first question asked: %s", key)
	}
	s := e.store()
	card, _, _ := s.Card("group", "alpha")
	seen, _ := s.Seen()
	s.Close()
	alpha := e.library().Question("group/alpha")
	if seen["group/alpha"] != alpha.Fingerprint() {
		t.Fatalf("seen %q, fingerprint %q", seen["group/alpha"], alpha.Fingerprint())
	}

	// The group rewords alpha's answer: same history, and the change is detectable.
	g.commit("reword", map[string]string{"group.md": groupPack("1.1.0", "alpha=Alpha, reworded.", "beta=Beta.")})
	out = e.ok("pack", "update")
	if !strings.Contains(out, "group 1.0.0 -> 1.1.0: 1 changed") {
		t.Errorf("update said:\n%s", out)
	}
	if fp := e.library().Question("group/alpha").Fingerprint(); fp == seen["group/alpha"] {
		t.Error("a reworded answer kept its fingerprint: the trainer could not mark it changed")
	}

	// Alpha is removed, then restored: its card and reviews come back unchanged.
	g.commit("remove alpha", map[string]string{"group.md": groupPack("1.2.0", "beta=Beta.")})
	out = e.ok("pack", "update", "group")
	if !strings.Contains(out, "1 removed (their history is kept") {
		t.Errorf("update said:\n%s", out)
	}
	if e.library().Question("group/alpha") != nil {
		t.Fatal("alpha still in the library")
	}
	if key := e.drill("group"); key != "group/beta" {
		t.Errorf("asked %s while alpha is gone", key)
	}
	g.commit("restore alpha", map[string]string{"group.md": groupPack("1.3.0", "alpha=Alpha, reworded.", "beta=Beta.")})
	e.ok("pack", "update", "group")

	lib := e.library() // before opening the store: loadLibrary reads it too
	s = e.store()
	defer s.Close()
	got, found, err := s.Card("group", "alpha")
	if err != nil || !found || got != card {
		t.Errorf("alpha's card after remove and restore: %+v (found %v, %v), want %+v", got, found, err, card)
	}
	var history []string
	s.Reviews(func(r store.Review) error { history = append(history, r.Pack+"/"+r.Question); return nil })
	if !slices.Equal(history, []string{"group/alpha", "group/beta"}) {
		t.Errorf("review log %v", history)
	}
	// With the store open, libraryWith reads the sources from it: the same library.
	a, _, _ := e.app()
	if withLib, problems := a.libraryWith(s, pack.Loader{}); len(problems) > 0 || len(withLib.Questions()) != len(lib.Questions()) {
		t.Errorf("libraryWith: %d questions, %v; loadLibrary: %d", len(withLib.Questions()), problems, len(lib.Questions()))
	}
	// The planner sees alpha as reviewed, not new.
	cards, _ := s.Cards()
	set := (&drill.Planner{Lib: lib, Cards: cards, Sched: drill.Only(srs.NewScheduler(srs.DefaultParams()))}).Topic(drill.Options{Now: e.now, Pack: "group"})
	for _, it := range set.Items {
		if it.Q.ID == "alpha" && it.Reason == drill.ReasonNew {
			t.Error("restored alpha is planned as new")
		}
	}
}

func TestPackSourcesCommands(t *testing.T) {
	e := newPackEnv(t)
	g := newGitRepo(t)
	g.commit("first", map[string]string{"group.md": groupPack("1.0.0", "alpha=A.")})
	e.ok("pack", "add", g.dir)

	// Collisions name both sources.
	dup := filepath.Join(t.TempDir(), "dup.md")
	os.WriteFile(dup, []byte(groupPack("9.0.0", "x=X.")), 0o644)
	code, _, errs := e.run("pack", "add", dup)
	if code != exitFail || !strings.Contains(errs, `pack "group" in `+dup) || !strings.Contains(errs, "is already provided by the installed source group (git "+g.dir+")") {
		t.Errorf("collision with an installed pack: %d %s", code, errs)
	}
	embedded := filepath.Join(t.TempDir(), "ensembles.md")
	os.WriteFile(embedded, []byte(strings.Replace(groupPack("1.0.0", "x=X."), "pack: group", "pack: ensembles", 1)), 0o644)
	if code, _, errs := e.run("pack", "add", embedded); code != exitFail || !strings.Contains(errs, "already provided by the embedded pack ensembles.md") {
		t.Errorf("collision with an embedded pack: %d %s", code, errs)
	}
	// A broken pack: file:line where the candidate can fix it.
	broken := filepath.Join(t.TempDir(), "broken.md")
	os.WriteFile(broken, []byte("---\npack: broken\ntitle: B\nversion: 1.0.0\n---\n\n## No id here\n\n### Answer\nA.\n"), 0o644)
	if code, _, errs := e.run("pack", "add", broken); code != exitFail || !strings.Contains(errs, broken+":7: question has no id") {
		t.Errorf("broken pack: %d %s", code, errs)
	}

	// Disable and enable: listed either way, loaded only when enabled.
	e.ok("pack", "disable", "group")
	e.ok("pack", "disable", "behavioural")
	rows := e.rows()
	if rows["group"].Enabled || rows["behavioural"].Enabled || !rows["ensembles"].Enabled {
		t.Errorf("after disable: group %v, behavioural %v, ensembles %v", rows["group"].Enabled, rows["behavioural"].Enabled, rows["ensembles"].Enabled)
	}
	if lib := e.library(); lib.Pack("group") != nil || lib.Pack("behavioural") != nil || lib.Pack("ensembles") == nil {
		t.Error("disabled packs loaded")
	}
	e.ok("pack", "enable", "group")
	e.ok("pack", "enable", "behavioural")
	if lib := e.library(); lib.Pack("group") == nil || lib.Pack("behavioural") == nil {
		t.Error("enabled packs not loaded")
	}
	if code, _, errs := e.run("pack", "disable", "nope"); code != exitFail || !strings.Contains(errs, `no pack or source "nope"`) {
		t.Errorf("disable nope: %d %s", code, errs)
	}

	// The JSON rows keep the fields scripts used and add enabled.
	a, out, _ := e.app()
	if err := a.listPacks(true); err != nil {
		t.Fatal(err)
	}
	var raw []map[string]any
	json.Unmarshal(out.Bytes(), &raw)
	for _, f := range []string{"id", "title", "version", "source", "questions", "by_kind", "by_level", "by_tag", "enabled"} {
		if _, ok := raw[0][f]; !ok {
			t.Errorf("pack list --json lacks %q: %v", f, raw[0])
		}
	}
	a, out, _ = e.app()
	a.listPacks(false)
	if !regexp.MustCompile(`(?m)^group +Our group's questions +1\.0\.0 +1 +1/0 +yes +group: git ` + regexp.QuoteMeta(g.dir) + `$`).MatchString(out.String()) {
		t.Errorf("pack list:\n%s", out)
	}

	// A copy deleted behind hotseat's back is reported, and update brings it back.
	os.RemoveAll(filepath.Join(e.copies(), "group"))
	a, _, _ = e.app()
	if _, problems := a.loadLibrary(); len(problems) != 1 || !strings.Contains(problems[0].Message, "run hotseat pack update group") {
		t.Errorf("missing copy: %v", problems)
	}
	e.ok("pack", "update", "group")
	e.library()

	out2 := e.ok("pack", "remove", "group")
	if !strings.Contains(out2, "your progress on its questions is kept") {
		t.Errorf("remove said %s", out2)
	}
	if e.library().Pack("group") != nil {
		t.Error("removed pack still loads")
	}
	if code, _, errs := e.run("pack", "remove", "ensembles"); code != exitFail || !strings.Contains(errs, "built into hotseat") {
		t.Errorf("remove embedded: %d %s", code, errs)
	}
}

func TestPackNewLintsClean(t *testing.T) {
	e := newPackEnv(t)
	dir := filepath.Join(t.TempDir(), "packs")
	out := e.ok("pack", "new", "mlops-interviews", "--dir", dir)
	path := filepath.Join(dir, "mlops-interviews.md")
	if !strings.Contains(out, "wrote "+path) {
		t.Errorf("pack new said %s", out)
	}
	code, out, errs := e.run("pack", "lint", path)
	if code != 0 || out != "" || !strings.Contains(errs, "ok: 1 pack, 3 questions, 0 warnings") {
		t.Errorf("lint of the new pack: exit %d\n%s%s", code, out, errs)
	}
	src, _ := os.ReadFile(path)
	pk, _ := pack.Parse(path, src)
	// Every part of the format is there.
	var kinds, levels []string
	for _, q := range pk.Questions {
		kinds = append(kinds, q.Kind.String())
		levels = append(levels, q.Level.String())
	}
	if len(pk.Claims) == 0 || len(pk.Tags) == 0 || pk.License == "" || len(pk.Authors) == 0 || pk.Description == "" ||
		!slices.Contains(kinds, "choice") || !slices.Contains(kinds, "open") || len(slices.Compact(slices.Sorted(slices.Values(levels)))) != 3 ||
		pk.Questions[0].Body().Prompt == "" || len(pk.Questions[0].FollowUps) < 3 || len(pk.Questions[0].Body().KeyPoints[0].Groups) < 2 {
		t.Errorf("the starter pack misses a feature: %+v", pk)
	}
	if bytes.Contains(src, []byte("<!--")) {
		t.Error("the starter pack uses HTML comments, which the drill would show")
	}
	if code, _, errs := e.run("pack", "new", "mlops-interviews", "--dir", dir); code != exitFail || !strings.Contains(errs, "exists already") {
		t.Errorf("second pack new: %d %s", code, errs)
	}
	if code, _, errs := e.run("pack", "new", "Bad_ID"); code != exitUsage || !strings.Contains(errs, `bad pack id "Bad_ID"`) {
		t.Errorf("bad id: %d %s", code, errs)
	}
}

// Every spelling of the attacks the issue names: OSC 52 (write the clipboard), CSI 2J
// (clear the screen), OSC 8 (a hyperlink), raw and as HTML entities, and a C1 CSI.
const (
	osc52    = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
	csi2J    = "\x1b[2J"
	osc8     = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
	entities = "&#27;]52;c;aGk=&#7; &#x1b;[2J &#x1B;]8;;https://evil.example&#x1b;\\x"
	c1CSI    = "\u009b2J"
	attack   = osc52 + " " + csi2J + " " + osc8 + " " + entities + " " + c1CSI
)

// hostilePack puts the attacks in the front matter (YAML escapes spell them too), a
// question, its context, answer, key points and choices.
func hostilePack() string {
	return `---
pack: hostile
title: "Evil \x1b]52;c;aGk=\x07 title \x1b[2J &#27;]8;;https://evil.example&#7;link"
version: 1.0.0
description: "Also &#x1b;[2J here \x1b]8;;https://evil.example\x1b\\x"
authors: ["Mallory \x1b[2J", "&#27;]52;c;aGk=&#7;Eve"]
license: "MIT\u009b2J"
claims:
  evil-claim:
    phrases: ["I love &#27;[2J the details"]
---

## What is ` + attack + ` this? {#q1}

Context ` + attack + `

### Answer
Answer ` + attack + `

### Key points
- Point ` + attack + ` (match: point)

## Pick ` + attack + ` {#q2}

### Choices
- [x] Yes ` + attack + `
- [ ] No

### Answer
Because ` + attack + `
`
}

// onlySGR fails the test when out holds an escape sequence other than SGR (colour and
// style), a raw control other than newline and tab, or an entity that decodes to one.
func onlySGR(t *testing.T, what, out string) {
	t.Helper()
	rest := regexp.MustCompile("\x1b\\[[0-9;:]*m").ReplaceAllString(out, "")
	for i, r := range rest {
		if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r <= 0x9f {
			t.Errorf("%s: control %U at byte %d: %q", what, r, i, rest[max(0, i-20):min(len(rest), i+20)])
			return
		}
	}
	if regexp.MustCompile(`(?i)&#x?0*(1b|27|7|9b);?`).MatchString(rest) {
		t.Errorf("%s: an entity for a control survived:\n%q", what, rest)
	}
	if strings.Contains(rest, "evil.example") {
		t.Errorf("%s: the hyperlink's target survived:\n%q", what, rest)
	}
}

func TestHostilePackShowsOnlySGR(t *testing.T) {
	e := newPackEnv(t)
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("CLICOLOR_FORCE", "1") // colour on, so the filter has SGR to keep
	t.Setenv("NO_COLOR", "")
	dir := filepath.Join(t.TempDir(), "evil"+osc52+"packs")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "hostile.md"), []byte(hostilePack()), 0o644)
	// A broken pack with a hostile file name: its problems are printed too.
	if err := os.WriteFile(filepath.Join(dir, "broken"+csi2J+osc52+".md"), []byte("---\npack: broken\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "also-broken.md"), []byte("---\npack: also-broken\ntitle: "+csi2J+"\n---\n## Q"+osc52+"\n"), 0o644)

	code, out, errs := e.run("pack", "add", dir, "--id", "evil")
	if code != 0 {
		t.Fatalf("add: %d %s %s", code, out, errs)
	}
	onlySGR(t, "pack add", out+errs)
	if !strings.Contains(errs, "also-broken.md:3: the title is empty") || !strings.Contains(errs, "the file name holds control characters") {
		t.Errorf("the broken packs were not reported: %s", errs)
	}
	sawColour := false
	for _, args := range [][]string{
		{"pack", "show", "hostile"},
		{"pack", "show", "hostile/q1"},
		{"pack", "show", "hostile/q2"},
		{"pack", "list"},
		{"pack", "list", "--json"},
		{"pack", "lint"}, // lints the installed copy too (packSources)
		{"pack", "update", "evil"},
		{"pack", "export", "hostile", "--format", "anki"},
		{"pack", "export", "hostile", "--format", "json"},
	} {
		_, out, errs := e.run(args...)
		onlySGR(t, strings.Join(args, " "), out+errs)
		sawColour = sawColour || strings.Contains(out, "\x1b[")
	}
	if !sawColour {
		t.Error("no colour in any output: the test did not exercise the SGR filter")
	}
	a, out2, errs2 := e.app()
	a.listPacks(false)
	onlySGR(t, "listPacks", out2.String()+errs2.String())
	// The broken pack of the source is reported (safely) and skipped; the others load.
	_, out, errs = e.run("pack", "show", "hostile")
	if !strings.Contains(errs, "skipped 1 broken pack file(s)") || !strings.Contains(out, "hostile") {
		t.Errorf("pack show with a broken installed pack:\n%s%s", out, errs)
	}
	_, out, _ = e.run("pack", "show", "hostile/q1")
	for _, want := range []string{"What is", "Context", "Answer", "Point", "click"} {
		if !strings.Contains(out, want) {
			t.Errorf("pack show lost the text %q:\n%s", want, out)
		}
	}
}

func TestHostileDeckImportsClean(t *testing.T) {
	e := newPackEnv(t)
	t.Setenv("TERM", "xterm-256color")
	t.Setenv("CLICOLOR_FORCE", "1")
	notes := []ankitest.Note{{GUID: "h1" + attack, Deck: "Evil" + attack, Tags: []string{"tag" + csi2J},
		Fields: []string{"Question " + attack + "?", "Answer " + attack, "Extra " + attack}}}
	apkg := filepath.Join(t.TempDir(), "evil.apkg")
	os.WriteFile(apkg, ankitest.Package(t, ankitest.Legacy21, notes), 0o644)
	txt := filepath.Join(t.TempDir(), "evil.txt")
	os.WriteFile(txt, []byte("#separator:tab\n#html:true\n#deck:Text"+attack+"\n#guid column:1\nh2\t\"Question "+attack+"?\"\t\"Answer "+attack+"\"\n"), 0o644)
	for _, f := range []string{apkg, txt} {
		code, out, errs := e.run("pack", "import", f)
		if code != 0 {
			t.Fatalf("import %s: %d %s %s", f, code, out, errs)
		}
		onlySGR(t, "import "+f, out+errs)
	}
	for _, r := range e.rows() {
		if r.Kind != "import" {
			continue
		}
		_, out, errs := e.run("pack", "show", r.ID)
		onlySGR(t, "show "+r.ID, out+errs)
		lib := e.library()
		for _, q := range lib.Pack(r.ID).Questions {
			_, out, errs := e.run("pack", "show", q.Key())
			onlySGR(t, "show "+q.Key(), out+errs)
			if !strings.Contains(out, "Question") || !strings.Contains(out, "Answer") {
				t.Errorf("show %s lost the text:\n%s", q.Key(), out)
			}
		}
	}
}

func TestImportAndDrill(t *testing.T) {
	e := newPackEnv(t)
	notes := []ankitest.Note{
		{GUID: "g-one", Deck: "ML::Trees", Tags: []string{"trees"}, Fields: []string{"What does a decision tree split on?", "The feature and threshold that most reduce impurity."}},
		{GUID: "g-two", Deck: "ML::Trees", Fields: []string{"What is <i>pruning</i>?", "Removing branches that do not help on held-out data."}},
		{GUID: "g-three", Deck: "ML::Trees::Forests", Fields: []string{"Why do forests use feature subsets?", "To decorrelate the trees."}},
	}
	apkg := filepath.Join(t.TempDir(), "ML.apkg")
	write := func(ns []ankitest.Note) { os.WriteFile(apkg, ankitest.Package(t, ankitest.Modern, ns), 0o644) }
	write(notes)
	out := e.ok("pack", "import", apkg)
	if !strings.Contains(out, "3 notes became questions") || !strings.Contains(out, "installed pack ml-trees (3 questions)") {
		t.Errorf("import said:\n%s", out)
	}
	installed := filepath.Join(e.copies(), "ml-trees", "ml-trees.md")
	code, lintOut, lintErr := e.run("pack", "lint", installed)
	if code != 0 || !strings.Contains(lintOut, "warning: question") || !strings.Contains(lintErr, "ok: 1 pack, 3 questions, 3 warnings") {
		t.Errorf("lint of the import: %d\n%s%s", code, lintOut, lintErr)
	}

	// The text export with every header, under a pack id of our choosing.
	txt := filepath.Join(t.TempDir(), "mlops.txt")
	os.WriteFile(txt, []byte("#separator:Semicolon\n#html:false\n#tags:mlops\n#columns:guid;Front;Back;Deck;Notetype;tags\n#deck:MLOps\n"+
		"#guid column:1\n#deck column:4\n#notetype column:5\n#tags column:6\n"+
		"t1;What is a canary release?;\"Sending a small share of traffic\nto the new model first.\";MLOps;Basic;deploy\n"), 0o644)
	e.ok("pack", "import", txt, "--id", "mlops-cards")

	lib := e.library()
	if lib.Pack("ml-trees") == nil || lib.Pack("mlops-cards") == nil {
		t.Fatalf("imported packs not loaded: %v", lib.Packs)
	}
	if q := lib.Pack("mlops-cards").Questions[0]; q.Body().Answer != "Sending a small share of traffic\n\nto the new model first." || !slices.Equal(q.Tags, []string{"mlops", "deploy"}) {
		t.Errorf("text export question: %+v", q)
	}
	first := e.drill("ml-trees")
	e.drill("mlops-cards")
	s := e.store()
	card, _, _ := s.Card("ml-trees", strings.TrimPrefix(first, "ml-trees/"))
	s.Close()

	// The deck changes in Anki and is exported again: same ids, same progress. One note is
	// deleted, then comes back.
	edited := slices.Clone(notes)
	edited[0].Fields = []string{"What does a decision tree split on, exactly?", "The best feature and threshold."}
	write(edited[1:])
	out = e.ok("pack", "import", apkg) // importing the same file again updates it
	if !strings.Contains(out, "1 removed") {
		t.Errorf("re-import said:\n%s", out)
	}
	write(edited)
	out = e.ok("pack", "update", "ml-trees")
	if !strings.Contains(out, "1 added") {
		t.Errorf("update said:\n%s", out)
	}
	lib = e.library()
	keys := []string{}
	for _, q := range lib.Pack("ml-trees").Questions {
		keys = append(keys, q.Key())
	}
	if !slices.Contains(keys, first) || len(keys) != 3 {
		t.Errorf("after re-import: %v (first reviewed %s)", keys, first)
	}
	s = e.store()
	got, found, _ := s.Card("ml-trees", strings.TrimPrefix(first, "ml-trees/"))
	n, _ := s.ReviewCount()
	s.Close()
	if !found || got != card || n != 2 {
		t.Errorf("progress after re-imports: card %+v (found %v), %d reviews; want %+v, 2", got, found, n, card)
	}

	// Export: Anki text with the guid column, and JSON.
	ankiOut := filepath.Join(t.TempDir(), "trees.txt")
	e.ok("pack", "export", "ml-trees", "--format", "anki", "-o", ankiOut)
	text, _ := os.ReadFile(ankiOut)
	if !bytes.Contains(text, []byte("#guid column:1\n")) || !bytes.Contains(text, []byte("\ng-one\t")) {
		t.Errorf("anki export:\n%s", text)
	}
	jsonOut := e.ok("pack", "export", "ml-trees", "--format", "json")
	var pk struct {
		ID        string
		Questions []map[string]any
	}
	if err := json.Unmarshal([]byte(jsonOut), &pk); err != nil || pk.ID != "ml-trees" || len(pk.Questions) != 3 {
		t.Errorf("json export: %v %s", err, jsonOut)
	}
	if code, _, errs := e.run("pack", "export", "ml-trees", "--format", "csv"); code != exitUsage || !strings.Contains(errs, `--format wants anki or json, got "csv"`) {
		t.Errorf("bad format: %d %s", code, errs)
	}

	// --out writes an editable file, and will not overwrite one without --force.
	dir := filepath.Join(t.TempDir(), "out")
	e.ok("pack", "import", apkg, "--out", dir, "--id", "trees-copy")
	if code, _, errs := e.run("pack", "import", apkg, "--out", dir, "--id", "trees-copy"); code != exitFail || !strings.Contains(errs, "pass --force") {
		t.Errorf("second --out: %d %s", code, errs)
	}
	e.ok("pack", "import", apkg, "--out", dir, "--id", "trees-copy", "--force")
	e.ok("pack", "lint", filepath.Join(dir, "trees-copy.md"))
}
