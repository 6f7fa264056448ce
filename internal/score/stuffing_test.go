package score_test

import (
	"strings"
	"testing"

	"github.com/kljensen/snowball/english"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/internal/srs"
)

// stuffings are the ways a candidate can type a question's key points back as a list of
// keywords instead of saying them: the key points' own content words, or their match terms.
var stuffings = map[string]func(q *pack.Question) string{
	"content words, one line with commas": func(q *pack.Question) string {
		var words []string
		for _, kp := range q.Body().KeyPoints {
			words = append(words, contentWords(kp.Text)...)
		}
		return strings.Join(words, ", ")
	},
	"content words, a bullet per key point": func(q *pack.Question) string {
		var lines []string
		for _, kp := range q.Body().KeyPoints {
			lines = append(lines, "- "+strings.Join(contentWords(kp.Text), " "))
		}
		return strings.Join(lines, "\n")
	},
	"content words, one line with spaces": func(q *pack.Question) string {
		var words []string
		for _, kp := range q.Body().KeyPoints {
			words = append(words, contentWords(kp.Text)...)
		}
		return strings.Join(words, " ")
	},
	"match terms, one per line": func(q *pack.Question) string {
		var lines []string
		for _, kp := range q.Body().KeyPoints {
			for _, g := range kp.Groups {
				lines = append(lines, strings.TrimSuffix(g[0].Raw, "*"))
			}
		}
		return strings.Join(lines, "\n")
	},
}

func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' || r == ';' || r == ':' || r == '(' || r == ')' }) {
		if !english.IsStopWord(strings.ToLower(w)) {
			out = append(out, w)
		}
	}
	return out
}

// TestKeywordStuffing types every open question's key points back as keyword lists: they
// earn at most 10% of the key points, are never suggested above Hard, and are told why.
func TestKeywordStuffing(t *testing.T) {
	for name, stuff := range stuffings {
		credited, total, listed, answers := 0, 0, 0, 0
		for _, q := range bank().Questions() {
			if q.Kind != pack.KindOpen || len(q.Body().KeyPoints) == 0 {
				continue
			}
			answer := stuff(q)
			c, s := grade(q, answer)
			credited += c.Hits()
			total += c.Total()
			answers++
			if c.List {
				listed++
			}
			if s.Rating > srs.Hard {
				t.Errorf("%s, %s: suggested %v (%s) for %q", name, q.Key(), s.Rating, s.Reason, answer)
			}
		}
		share := float64(credited) / float64(total)
		t.Logf("%s: %d of %d key points credited (%.1f%%), %d of %d answers told they read like a list", name, credited, total, 100*share, listed, answers)
		if share > 0.10 {
			t.Errorf("%s: %.1f%% of key points credited, want at most 10%%", name, 100*share)
		}
	}
}

// An answer in sentences with a short list of examples inside is not a keyword list.
func TestProseWithAListIsNotStuffing(t *testing.T) {
	q := (&pack.Question{PackID: "p"}).SetBody(pack.Body{KeyPoints: []pack.KeyPoint{kp(t, "early stopping"), kp(t, "shrinkage, learning rate"), kp(t, "subsampl*")}})
	answer := "Boosting overfits if you keep adding rounds, so I would regularise it. The things that help:\n" +
		"- early stopping on a validation set\n- a smaller learning rate\n- subsampling rows"
	c := score.Grade(q, answer, score.Options{})
	if c.List || c.Hits() != 3 {
		t.Errorf("list %v, %d hits: want prose with 3 points", c.List, c.Hits())
	}
}
