package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The Markdown Q&A file of internal/anki/testdata, through the command a study group runs.
func TestImportMarkdownDryRunInstallUpdate(t *testing.T) {
	e := newPackEnv(t)
	src, err := os.ReadFile(filepath.Join("..", "anki", "testdata", "markdown", "data-science-interviews-theory.md"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(e.dir, "theory.md")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out := e.ok("pack", "import", file, "--dry-run")
	for _, want := range []string{"would import 152 questions into pack theoretical-interview-questions (40 junior, 103 mid, 9 senior)",
		"152 questions imported, 14 left out", "first questions:\n  What is supervised machine learning?", "left out (14):\n  theory.md:", "(no answer)", "nothing was written (--dry-run)"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(e.copies()); err == nil {
		t.Error("the dry run installed something")
	}
	e.ok("pack", "import", file, "--id", "ds-theory")
	if r := e.rows()["ds-theory"]; r.Questions != 152 {
		t.Errorf("installed: %+v", r)
	}
	// Update converts it again the same way: a question added to the file arrives.
	src = append(src, []byte("\n**What is a feature store? 👶**\n\nA shared, versioned store of features.\n")...)
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	e.ok("pack", "update", "ds-theory")
	if r := e.rows()["ds-theory"]; r.Questions != 153 {
		t.Errorf("after update: %+v", r)
	}
	if code, _, errOut := e.run("pack", "import", file, "--format", "xml"); code != exitUsage || !strings.Contains(errOut, `unknown --format "xml"`) {
		t.Errorf("bad format: %d %s", code, errOut)
	}
}

func TestImportCSVWithColumnsToFolder(t *testing.T) {
	e := newPackEnv(t)
	file := filepath.Join(e.dir, "deck.tsv")
	os.WriteFile(file, []byte("c1\tc2\tc3\nWhat is bagging?\tensembles\tBootstrap, then average.\n"), 0o644)
	outDir := filepath.Join(e.dir, "packs")
	out := e.ok("pack", "import", file, "--columns", "question,tags,answer", "--out", outDir)
	if !strings.Contains(out, "wrote ") {
		t.Errorf("%s", out)
	}
	data, err := os.ReadFile(filepath.Join(outDir, "deck.md"))
	if err != nil || !strings.Contains(string(data), "## What is bagging? {#what-is-bagging}\ntags: ensembles") {
		t.Errorf("pack file: %v\n%s", err, data)
	}
	e.ok("pack", "lint", filepath.Join(outDir, "deck.md"))
}
