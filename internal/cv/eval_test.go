package cv

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// label is one error planted in an evaluation CV (testdata/eval/*.labels).
type label struct {
	line int
	kind Kind
	text string
}

func readLabels(t *testing.T, name string) []label {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []label
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		parts := strings.Split(sc.Text(), "\t")
		line, err := strconv.Atoi(parts[0])
		if len(parts) != 3 || err != nil {
			t.Fatalf("%s:%d: want LINE<TAB>KIND<TAB>TEXT", name, n)
		}
		out = append(out, label{line, Kind(parts[1]), parts[2]})
	}
	return out
}

// catches reports whether a finding is the one a label plants: same line and kind, and
// the finding quotes the planted text (or the planted text holds the quote, as a sentence
// of a template instruction does).
func (l label) catches(f Finding) bool {
	if f.Line != l.line || f.Kind != l.kind || f.Hint {
		return false
	}
	q, _, _ := strings.Cut(strings.TrimPrefix(f.Message, `"`), `"`)
	return strings.Contains(f.Message, l.text) || strings.Contains(l.text, q) || !strings.HasPrefix(f.Message, `"`)
}

// TestLabelledCVs measures the check on CVs it was not written against (invented by a
// helper, labelled by hand): every planted error found (recall), no other error reported
// (precision), and nothing at all, hints included, on the clean ones. The numbers are
// logged for the README: go test -run TestLabelledCVs -v ./internal/cv
func TestLabelledCVs(t *testing.T) {
	files, _ := filepath.Glob("testdata/eval/*")
	var planted, found, reported, cleanFiles int
	for _, name := range files {
		if ext := filepath.Ext(name); ext != ".md" && ext != ".txt" || filepath.Base(name) == "README.md" {
			continue
		}
		doc, r := checkFile(t, name)
		base := strings.TrimSuffix(name, filepath.Ext(name))
		if strings.HasPrefix(filepath.Base(name), "clean-") {
			cleanFiles++
			if len(r.Findings) > 0 {
				t.Errorf("clean CV %s got findings:\n%s", name, format(doc, r))
			}
			continue
		}
		labels := readLabels(t, base+".labels")
		planted += len(labels)
		for _, l := range labels {
			hit := false
			for _, f := range r.Findings {
				hit = hit || l.catches(f)
			}
			if hit {
				found++
			} else {
				t.Errorf("%s:%d: missed the planted %s %q", name, l.line, l.kind, l.text)
			}
		}
		for _, f := range r.Findings {
			if f.Hint {
				continue
			}
			reported++
			ok := false
			for _, l := range labels {
				ok = ok || l.catches(f)
			}
			if !ok {
				t.Errorf("%s:%d:%d: a false alarm: %s: %s", name, f.Line, f.Col, f.Kind, f.Message)
			}
		}
	}
	if planted == 0 || cleanFiles == 0 {
		t.Fatal("no labelled CVs found in testdata/eval")
	}
	t.Logf("planted errors found: %d of %d; errors reported: %d; clean CVs with no finding: %d", found, planted, reported, cleanFiles)
}
