package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/source"
)

func (a *app) packNewCmd() *cobra.Command {
	var dir string
	c := &cobra.Command{
		Use:   "new ID",
		Short: "Start a pack: write ID.md, an example of every part of the format",
		Long: `Write ID.md: a small, lint-clean pack that shows every part of the format (front matter
with defaults and a claims vocabulary, open and choice questions, fields under a heading,
context with code, key points with match terms, follow-ups), each explained in the pack's
introduction, which the drill never shows. Replace the examples with your own questions.`,
		Example: `  hotseat pack new mlops-interviews
  hotseat pack new mlops-interviews --dir packs/`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			id := args[0]
			if !source.ValidID(id) {
				return &exitError{code: exitUsage, err: fmt.Errorf("bad pack id %q: use lowercase letters, digits and hyphens, like mlops-interviews", id)}
			}
			if dir == "" {
				dir = "."
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fail(fmt.Errorf("create %s: %w", dir, err))
			}
			path := filepath.Join(dir, id+".md")
			f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
			if errors.Is(err, fs.ErrExist) {
				return fail(fmt.Errorf("%s exists already: choose another id or --dir", path))
			}
			if err != nil {
				return fail(fmt.Errorf("write %s: %w", path, err))
			}
			if _, err := f.WriteString(starterPack(id)); err != nil {
				f.Close()
				return fail(fmt.Errorf("write %s: %w", path, err))
			}
			if err := f.Close(); err != nil {
				return fail(fmt.Errorf("write %s: %w", path, err))
			}
			path = source.CleanLine(path)
			fmt.Fprintf(a.stdout, "wrote %s\n", path)
			fmt.Fprintf(a.stdout, "  check it:   hotseat pack lint %s\n", path)
			fmt.Fprintf(a.stdout, "  preview it: hotseat --packs %s pack show %s\n", path, id)
			fmt.Fprintf(a.stdout, "  drill it:   hotseat --packs %s drill --pack %s\n", path, id)
			fmt.Fprintf(a.stdout, "  install it: hotseat pack add %s\n", path)
			return nil
		},
	}
	c.Flags().StringVar(&dir, "dir", "", "folder to write ID.md in (default: the current folder)")
	return c
}

// starterPack is the pack `pack new` writes. Its explanations are prose in the
// introduction, which the drill skips: an HTML comment would reach the screen as text.
func starterPack(id string) string {
	title := strings.ReplaceAll(id, "-", " ")
	title = strings.ToUpper(title[:1]) + title[1:]
	r := strings.NewReplacer("{{ID}}", id, "{{TITLE}}", title)
	return r.Replace(starterTemplate)
}

const starterTemplate = `---
pack: {{ID}}
title: {{TITLE}}
version: 0.1.0
description: What this pack drills, in a sentence or two.
authors: [Our study group]
license: CC-BY-4.0
time: 2m
level: mid
tags: [{{ID}}]
claims:
  model-evaluation:
    phrases: ["I care about evaluation", "validated models properly"]
    tags: [evaluation, data-leakage]
---

# {{TITLE}}

Everything before the first question is an introduction for readers: the drill never shows
it. This starter pack uses every part of the format once; replace the examples with your own
questions. Check your work with hotseat pack lint {{ID}}.md, and see the pack as the drill
shows it with hotseat --packs {{ID}}.md pack show {{ID}}/leaky-evaluation.

The front matter, between the two lines of three dashes at the top:

- pack is the pack id. Progress is stored under it: never rename it once people use the pack.
- title, description, authors and license describe the pack; version is a semantic version
  (bump it when you publish a change).
- time and level are the defaults for every question (10s to 30m; junior, mid or senior).
  tags are added to every question.
- claims is the claims vocabulary: phrases a candidate may say about themselves, and the tags
  that saying them commits the candidate to, so the drill can ask them to prove it.

Each question is a level-two heading (two hash signs) that ends with its id in braces.
Progress is keyed by that id: reword a question freely, change the id only when it becomes a
different question. Then, in order:

- The line right under the heading may set tags, level and time, separated by a middle dot or
  a bar.
- Paragraphs before the first section are context shown with the question: Markdown, lists,
  code blocks.
- Sections are level-three headings. Answer holds the model answer. Key points lists what a
  good answer must mention; each point ends with (match: ...). In the match list a comma
  separates alternatives, a semicolon separates groups that must all match, a star at the end
  of a word matches any ending, and several words match as a phrase.
- Choices makes a choice question, graded automatically: [x] marks a correct option and
  [ ] a wrong one; there may be several correct options.
- Follow-ups lists the questions an interviewer would ask next: #id for one in this pack,
  other-pack#id for one in another pack.

The full description of the format is questions/README.md in the hotseat repository.

## Why might this evaluation overstate how well the model works? {#leaky-evaluation}
tags: evaluation, data-leakage · level: mid · time: 3m

A colleague evaluates a classifier like this:

` + "```python" + `
scaler = StandardScaler().fit(X)
X_train, X_test, y_train, y_test = train_test_split(scaler.transform(X), y)
model = LogisticRegression().fit(X_train, y_train)
print(model.score(X_test, y_test))
` + "```" + `

### Answer
The scaler was fitted on every row before the split, so the means and variances of the test
rows shaped the features the model trained on: information from the test set leaked into
training, and the printed score is optimistic. Fit the scaler on the training split only,
ideally inside a Pipeline so that cross-validation refits it in every fold, and the test
score becomes an honest estimate.

### Key points
- The scaler saw the test rows before the split (match: leak*, before the split, test rows, test data; scaler, scaling, fit*, statistic*, mean*)
- Fit preprocessing on the training split only, for example in a pipeline (match: pipeline*, training split, training data, train set, only on train*)
- The test score is then too optimistic (match: optimistic, overstat*, inflat*, too high, too good)

### Follow-ups
- #leak-sources
- #choose-a-metric
- ensembles#bagging-vs-boosting

## Which of these leak information from the test set into training? {#leak-sources}
tags: data-leakage · level: junior · time: 45s

### Choices
- [x] Fitting a scaler on all rows before splitting
- [x] Selecting features by their correlation with the label on all rows
- [ ] Shuffling the training rows between epochs
- [ ] Fixing the random seed of the split

### Answer
Anything fitted on rows that include the test set leaks it: the scaler and the feature
selection both do. Shuffling the training data and fixing a seed touch only how training
runs, not what it sees.

## How would you choose a metric for a fraud model when 0.1% of transactions are fraud? {#choose-a-metric}
level: senior · time: 4m

### Answer
Accuracy is useless here: predicting "not fraud" for everything scores 99.9%. Look at
precision and recall of the fraud class, or the area under the precision-recall curve, and
pick the decision threshold from the cost of a missed fraud against the cost of a false alarm.

### Key points
- Accuracy misleads when the classes are this imbalanced (match: accuracy; imbalanc*, 99.9, majority class, rare)
- Use precision and recall, or the precision-recall curve (match: precision; recall, pr curve, pr auc)
- Set the threshold from the cost of each kind of error (match: threshold*, cost*, false alarm*, false positive*)

### Follow-ups
- #leaky-evaluation
`
