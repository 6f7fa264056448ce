package anki_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hotseat/hotseat/internal/anki"
	"github.com/hotseat/hotseat/internal/pack"
)

func convertMarkdown(t *testing.T, name, src string) (*anki.Result, *pack.Pack) {
	t.Helper()
	res, err := anki.ConvertMarkdown([]byte(src), name, anki.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pk, diags := pack.Parse(res.FileName, res.Markdown)
	if diags.HasErrors() {
		t.Fatalf("%v\n%s", diags, res.Markdown)
	}
	return res, pk
}

// A real, public Markdown Q&A file (see testdata/markdown/README.md): every answered
// question is imported with the level of its legend mark, its section as a tag and its
// code blocks; the 14 "Answer here" placeholders are left out and listed.
func TestMarkdownPublicQAFile(t *testing.T) {
	p := filepath.Join("testdata", "markdown", "data-science-interviews-theory.md")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	src := string(raw)
	res, pk := convertMarkdown(t, p, src)

	// What the file holds, read independently: bold paragraphs ending in a legend mark,
	// and whether the paragraph after each is the placeholder.
	paraRe := regexp.MustCompile(`(?m)^\*\*([^*]+?)\*\*\n\n([^\n]*)`)
	type want struct {
		level    pack.Level
		answered bool
	}
	wants := map[string]want{}
	norm := func(s string) string {
		s = strings.NewReplacer("👶", "", "⭐️", "", "⭐", "", "🚀", "", "\u200d", "", `\`, "").Replace(s)
		return strings.Join(strings.Fields(s), " ")
	}
	for _, m := range paraRe.FindAllStringSubmatch(strings.ReplaceAll(src, "**\n**", ""), -1) {
		q := strings.ReplaceAll(m[1], "\n", " ")
		lv := pack.Level(0)
		switch {
		case strings.Contains(q, "🚀"):
			lv = pack.Senior
		case strings.Contains(q, "⭐"):
			lv = pack.Mid
		case strings.Contains(q, "👶"):
			lv = pack.Junior
		default:
			continue // a bold paragraph inside an answer
		}
		wants[norm(q)] = want{lv, strings.TrimSpace(m[2]) != "Answer here"}
	}
	answered := 0
	for _, w := range wants {
		if w.answered {
			answered++
		}
	}
	if len(wants) < 160 || answered != len(pk.Questions) || len(res.Skipped) != len(wants)-answered {
		t.Errorf("the file has %d questions, %d answered; imported %d, skipped %d", len(wants), answered, len(pk.Questions), len(res.Skipped))
	}
	for _, q := range pk.Questions {
		w, ok := wants[norm(q.Title)]
		switch {
		case !ok:
			t.Errorf("imported %q, not a question of the file", q.Title)
		case q.Level != w.level:
			t.Errorf("%q: level %s, want %s", q.Title, q.Level, w.level)
		case len(q.Tags) != 1:
			t.Errorf("%q: tags %v, want its section", q.Title, q.Tags)
		}
	}
	for _, s := range res.Skipped {
		if !strings.HasSuffix(s, "(no answer)") || !regexp.MustCompile(`^data-science-interviews-theory\.md:\d+: `).MatchString(s) {
			t.Errorf("skipped entry %q", s)
		}
	}
	found := false
	for _, q := range pk.Questions {
		if q.Title == "What is regression? Which models can you use to solve a regression problem?" {
			found = true
			if q.Tags[0] != "linear-regression" || q.Level != pack.Junior {
				t.Errorf("regression question: %v %s", q.Tags, q.Level)
			}
		}
	}
	if !found {
		t.Error("the regression question is missing")
	}
	// Every code block comes through whole.
	codeRe := regexp.MustCompile("(?s)```[A-Za-z]*\n(.*?)```")
	blocks := codeRe.FindAllStringSubmatch(src, -1)
	if len(blocks) < 5 {
		t.Fatalf("only %d code blocks in the file", len(blocks))
	}
	var answers strings.Builder
	for _, q := range pk.Questions {
		answers.WriteString(q.Body().Answer + "\n")
	}
	for _, b := range blocks {
		if !strings.Contains(answers.String(), "```") || !strings.Contains(answers.String(), strings.TrimSpace(b[1])) {
			t.Errorf("code block lost:\n%s", b[1])
		}
	}
	if !strings.Contains(answers.String(), "formula (image: https://mathworld.wolfram.com/images/equations/NormalDistribution/NumberedEquation1.gif)") {
		t.Error("the image is not its alt text with the link")
	}
	if strings.Contains(answers.String(), "<br/>") || strings.Contains(answers.String(), "<img") {
		for _, l := range strings.Split(answers.String(), "\n") {
			if strings.Contains(l, "<br/>") || strings.Contains(l, "<img") {
				t.Errorf("HTML line break or image left in an answer: %s", l)
			}
		}
	}
}

func TestMarkdownLayouts(t *testing.T) {
	tests := []struct {
		name, src string
		titles    []string
		levels    []pack.Level
		tags      []string // of the first question
		skipped   int
	}{
		{"numbered headings under sections", "# ML questions\n\n## Trees\n\n### 1. What is a decision tree?\n\nA tree of splits.\n\n```python\nfrom sklearn.tree import DecisionTreeClassifier\n```\n\n#### Example\n\nDepth 3.\n\n### 2. What is pruning?\n\nCutting branches back.\n\n## Ensembles\n\n### 3. Explain bagging\n\nBootstrap and average.\n",
			[]string{"What is a decision tree?", "What is pruning?", "Explain bagging"}, []pack.Level{0, 0, 0}, []string{"trees"}, 0},
		{"Q and A lines with difficulty words", "Q: [Easy] What is overfitting?\nA: Fitting noise instead of signal.\n\nQ: (Hard) Why does boosting overfit less than expected?\nA: Shrinkage and early stopping.\n\nQ: What is a GPU?\nA: TODO\n",
			[]string{"What is overfitting?", "Why does boosting overfit less than expected?"}, []pack.Level{pack.Junior, pack.Senior}, nil, 1},
		{"details blocks", "## Basics\n\n<details>\n<summary>What is recall?</summary>\n\nTP / (TP + FN).\n\n</details>\n\n<details><summary>What is precision?</summary>TP / (TP + FP).</details>\n",
			[]string{"What is recall?", "What is precision?"}, []pack.Level{0, 0}, []string{"basics"}, 0},
		{"bold questions, a bold line in code and a legend", "Legend: 🟢 easy 🔴 hard\n\n**What is a feature store? 🟢**\n\nA shared store of features.\n\n```\n**not a question?**\n```\n\n**How do you backfill one? 🔴**\n\n<br/>\n\nReplay the logs.\n",
			[]string{"What is a feature store?", "How do you backfill one?"}, []pack.Level{pack.Junior, pack.Senior}, nil, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, pk := convertMarkdown(t, "qa.md", tc.src)
			if len(pk.Questions) != len(tc.titles) || len(res.Skipped) != tc.skipped {
				t.Fatalf("%d questions, %d skipped:\n%s", len(pk.Questions), len(res.Skipped), res.Markdown)
			}
			for i, q := range pk.Questions {
				if q.Title != tc.titles[i] {
					t.Errorf("title %q, want %q", q.Title, tc.titles[i])
				}
				if tc.levels[i] != 0 && q.Level != tc.levels[i] {
					t.Errorf("%q: level %s, want %s", q.Title, q.Level, tc.levels[i])
				}
			}
			if tc.tags != nil && strings.Join(pk.Questions[0].Tags, ",") != strings.Join(tc.tags, ",") {
				t.Errorf("tags %v, want %v", pk.Questions[0].Tags, tc.tags)
			}
		})
	}
	// The code block and the demoted sub-heading stay in the first answer.
	_, pk := convertMarkdown(t, "qa.md", tests[0].src)
	if a := pk.Questions[0].Body().Answer; !strings.Contains(a, "```python\nfrom sklearn.tree import DecisionTreeClassifier\n```") || !strings.Contains(a, `\#### Example`) {
		t.Errorf("first answer:\n%s", a)
	}
	if pk.ID != "ml-questions" || pk.Title != "ML questions" {
		t.Errorf("pack %s %q", pk.ID, pk.Title)
	}
}

func TestMarkdownRefusals(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"---\npack: mine\ntitle: T\nversion: 1.0.0\n---\n", "is a hotseat pack already: install it with hotseat pack add"},
		{"# Notes\n\nJust prose.\n", "has no questions hotseat can see"},
		{"**What is X?**\n\nAnswer here\n", "none of its 1 questions has an answer"},
	} {
		if _, err := anki.ConvertMarkdown([]byte(tc.src), "x.md", anki.Options{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.src, err, tc.want)
		}
	}
	// Escape sequences in the file never reach the pack.
	res, pk := convertMarkdown(t, "x.md", "**What is \x1b]52;c;aGk=\x07X?**\n\nIt \x1b[2Jclears.\n")
	if strings.ContainsRune(string(res.Markdown), 0x1b) || pk.Questions[0].Title != "What is X?" {
		t.Errorf("escapes kept: %q", res.Markdown)
	}
}
