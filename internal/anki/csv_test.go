package anki_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/anki"
	"github.com/hotseat/hotseat/internal/pack"
)

func importPack(t *testing.T, path string, f anki.Format, o anki.CSVOptions) (*anki.Result, *pack.Pack) {
	t.Helper()
	res, err := anki.Import(path, f, o)
	if err != nil {
		t.Fatal(err)
	}
	pk, diags := pack.Parse(res.FileName, res.Markdown)
	if diags.HasErrors() {
		t.Fatalf("%v\n%s", diags, res.Markdown)
	}
	return res, pk
}

func TestCSVImport(t *testing.T) {
	csv := "Question,Answer,Tags,Difficulty,Time\n" +
		"What is bagging?,\"Bootstrap samples,\nthen average.\",ensembles; trees,easy,90\n" +
		"\"Why scale features\nbefore ridge?\",The penalty treats all coefficients alike.,linear,3,2m\n" +
		"What is a GPU?,,hardware,hard,\n" +
		"Define recall,TP / (TP + FN),metrics,weird,1h\n"
	p := writeTemp(t, "ml questions.csv", []byte(csv))
	if f, err := anki.DetectFormat(p); err != nil || f != anki.FormatCSV {
		t.Fatalf("detected %q %v", f, err)
	}
	res, pk := importPack(t, p, "", anki.CSVOptions{})
	if pk.ID != "ml-questions" || len(pk.Questions) != 3 {
		t.Fatalf("%s: %d questions\n%s", pk.ID, len(pk.Questions), res.Markdown)
	}
	q := pk.Questions[0]
	if q.Title != "What is bagging?" || !strings.Contains(q.Body().Answer, "then average.") || q.Level != pack.Junior || q.Time != 90*time.Second ||
		strings.Join(q.Tags, ",") != "ensembles,trees" {
		t.Errorf("row 1: %+v", q)
	}
	if q := pk.Questions[1]; q.Level != pack.Senior || q.Time != 2*time.Minute || !strings.Contains(q.Title+q.Body().Prompt, "before ridge?") {
		t.Errorf("row 2 (multi-line question, level 3): %q %q %s %s", q.Title, q.Body().Prompt, q.Level, q.Time)
	}
	if len(res.Skipped) != 2 || !strings.Contains(res.Skipped[0], "ml questions.csv:6: What is a GPU? (no answer)") || !strings.Contains(res.Skipped[1], `time "1h" kept at the default`) {
		t.Errorf("skipped %q", res.Skipped)
	}
	if !strings.Contains(strings.Join(res.Notes, "\n"), "1 row with a level that is not") {
		t.Errorf("notes %q", res.Notes)
	}

	// A TSV without recognisable headers, mapped with --columns.
	tsv := writeTemp(t, "deck.tsv", []byte("Spalte1\tSpalte2\tSpalte3\nWas ist Bagging?\tx\tBootstrap und Mittelwert.\n"))
	_, pk = importPack(t, tsv, "", anki.CSVOptions{Columns: []string{"question", "-", "answer"}})
	if len(pk.Questions) != 1 || pk.Questions[0].Body().Answer != "Bootstrap und Mittelwert." {
		t.Errorf("tsv with --columns: %+v", pk.Questions)
	}
	for _, tc := range []struct {
		src     string
		columns []string
		want    string
	}{
		{"a,b\nx,y\n", nil, `deck.csv:1: no question column in the header (a, b)`},
		{"q,a\nx,y\n", []string{"question", "answr"}, `unknown column "answr"`},
		{"q,a\nx,y\n", []string{"question"}, "--columns names no answer column"},
		{"question,answer\n\"x,y\n", nil, "deck.csv:2:"},
		{"question,answer\nx,\n", nil, "no row has both a question and an answer"},
	} {
		_, err := anki.Import(writeTemp(t, "deck.csv", []byte(tc.src)), "", anki.CSVOptions{Columns: tc.columns})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q %v: %v, want %q", tc.src, tc.columns, err, tc.want)
		}
	}
	if _, err := anki.Import(writeTemp(t, "x.md", []byte("**Q?**\n\nA.\n")), "", anki.CSVOptions{Columns: []string{"question"}}); err == nil || !strings.Contains(err.Error(), "--columns is for CSV") {
		t.Errorf("--columns on Markdown: %v", err)
	}
}

func TestCrowdAnkiImport(t *testing.T) {
	deck := map[string]any{
		"__type__": "Deck", "name": "ML",
		"note_models": []any{map[string]any{"crowdanki_uuid": "m1", "name": "Basic", "flds": []any{map[string]any{"name": "Front"}, map[string]any{"name": "Back"}, map[string]any{"name": "Source"}}}},
		"notes":       []any{map[string]any{"__type__": "Note", "guid": "g1", "note_model_uuid": "m1", "fields": []any{"What is <b>bagging</b>?", "Bootstrap, then average.", "ESL ch. 8"}, "tags": []any{"ensembles"}}},
		"children": []any{map[string]any{"__type__": "Deck", "name": "Trees", "notes": []any{
			map[string]any{"__type__": "Note", "guid": "g2", "note_model_uuid": "m1", "fields": []any{"What is Gini impurity?", "1 − Σ p²", ""}, "tags": []any{}},
		}}},
	}
	dir := filepath.Join(t.TempDir(), "ML")
	if err := os.MkdirAll(filepath.Join(dir, "media"), 0o755); err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(deck)
	if err := os.WriteFile(filepath.Join(dir, "deck.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	_, pk := importPack(t, dir, "", anki.CSVOptions{})
	if pk.ID != "ml" || len(pk.Questions) != 2 {
		t.Fatalf("%s %d", pk.ID, len(pk.Questions))
	}
	q0, q1 := pk.Questions[0], pk.Questions[1]
	if q0.ID != anki.IDForGUID("g1") || q0.Title != "What is **bagging**?" || !strings.Contains(q0.Body().Answer, "**Source:** ESL ch. 8") || !q0.HasTag("ensembles") {
		t.Errorf("note 1: %+v", q0)
	}
	if !q1.HasTag("trees") {
		t.Errorf("subdeck not a tag: %v", q1.Tags)
	}
	// deck.json named directly works too; broken JSON says where.
	if _, err := anki.Import(filepath.Join(dir, "deck.json"), "", anki.CSVOptions{}); err != nil {
		t.Error(err)
	}
	bad := writeTemp(t, "deck.json", []byte("{\n\"__type__\": \"Deck\",\n\"notes\": [,]\n}"))
	if _, err := anki.Import(bad, "", anki.CSVOptions{}); err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("broken deck.json: %v", err)
	}
	empty := t.TempDir()
	if _, err := anki.Import(empty, "", anki.CSVOptions{}); err == nil || !strings.Contains(err.Error(), "folder without deck.json") {
		t.Errorf("folder without deck.json: %v", err)
	}
}
