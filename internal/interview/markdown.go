package interview

import (
	"fmt"
	"strings"
)

// Markdown is the round as a report for a mentor or a study group: the verdict and the
// scorecard with its evidence, the red flags quoted, the follow-ups and claim probes asked,
// the candidate's questions, what to drill next, then every question with the answer
// given, its key points and the model answer.
func (rep Report) Markdown() string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	mode := "typed"
	if rep.Pair {
		mode = "asked aloud by an interviewer"
	}
	w("# Mock interview, %s\n\n", rep.Started.Format("2 January 2006 15:04"))
	w("%d minutes planned, %s answering · %s level · %s", rep.Minutes, clock(rep.Seconds), rep.Level, mode)
	if len(rep.Focus) > 0 {
		w(" · focus %s", strings.Join(rep.Focus, ", "))
	}
	w(" · round %s (seed %d)\n\n", rep.ID, rep.Seed)
	if !rep.Finished {
		w("*The round was left before its end; the scorecard covers what was answered.*\n\n")
	}
	sc := rep.Scorecard
	w("## Verdict: %s\n\n", sc.Verdict)
	for _, r := range sc.Reasons {
		w("- %s\n", r)
	}
	// A list, not a table: it reads the same in a terminal, a pull request and a chat.
	w("\n## Scorecard\n\n")
	for _, s := range sc.Scores {
		score := "not assessed"
		if s.Score > 0 {
			score = fmt.Sprintf("%d / 4 %s", s.Score, strings.Repeat("●", s.Score)+strings.Repeat("○", 4-s.Score))
		}
		w("- **%s**: %s\n", s.Name, score)
	}
	for _, s := range sc.Scores {
		w("\n### %s", s.Name)
		if s.Score > 0 {
			w(" (%d / 4)", s.Score)
		}
		w("\n\n")
		for _, e := range s.Evidence {
			if rest, ok := strings.CutPrefix(e, "  "); ok {
				w("  - %s\n", rest)
			} else {
				w("- %s\n", e)
			}
		}
	}
	var flags []string
	var follow []string
	for _, a := range rep.Answers {
		for _, f := range a.Flags {
			flags = append(flags, fmt.Sprintf("- %q: %s (in \"%s\")", f.Sentence, strings.ToLower(f.Name), a.Title))
		}
		if a.FollowedUpWith != "" {
			follow = append(follow, fmt.Sprintf("- After \"%s\" (%s of %d key points): \"%s\"", a.Title, credit(a.Credit), a.Total, a.FollowedUpWith))
		}
	}
	w("\n## Red flags\n\n")
	if len(flags) == 0 {
		w("None.\n")
	}
	for _, f := range flags {
		w("%s\n", f)
	}
	w("\n## Follow-up questions asked\n\n")
	if len(follow) == 0 {
		w("None: no answer missed points that have a follow-up.\n")
	}
	for _, f := range follow {
		w("%s\n", f)
	}
	if len(rep.Probes) > 0 {
		w("\n## Claims probed\n\n")
		for _, p := range rep.Probes {
			var steps []string
			for _, r := range p.Rungs {
				mark := "missed"
				if r.Strong {
					mark = "held"
				}
				steps = append(steps, fmt.Sprintf("%s %s (%.0f%%)", r.Level, mark, r.Share*100))
			}
			if len(steps) == 0 {
				steps = []string{"not reached"}
			}
			w("- \"%s\" (#%s): %s\n", p.Claim, strings.Join(p.Tags, " #"), strings.Join(steps, " → "))
		}
	}
	w("\n## Your questions for us\n\n")
	for _, a := range rep.Answers {
		if phaseNamed(a.Phase) == Questions {
			w("%s\n\n", quote(a.Text))
		}
	}
	for _, c := range rep.YourQuestions {
		w("- %s\n", c)
	}
	w("\n## Drill next\n\n")
	if len(sc.DrillNext) == 0 {
		w("Nothing missed enough to queue.\n")
	}
	for i, d := range sc.DrillNext {
		w("%d. %s (`%s`): missed %s\n", i+1, d.Title, d.Key, strings.Join(d.Missed, "; "))
	}
	w("\n## Question by question\n")
	for i, a := range rep.Answers {
		w("\n### %d. %s\n\n", i+1, a.Title)
		meta := []string{a.Phase}
		if a.Level != "" {
			meta = append(meta, a.Level)
		}
		if a.FollowUpOf != "" {
			meta = append(meta, "follow-up")
		}
		if a.Claim != "" {
			meta = append(meta, fmt.Sprintf("probing %q", a.Claim))
		}
		meta = append(meta, fmt.Sprintf("%s of %s", clock(a.Seconds), clock(a.Limit)))
		if a.Total > 0 {
			meta = append(meta, fmt.Sprintf("%s of %d key points", credit(a.Credit), a.Total))
		}
		w("*%s*\n\n**Answer**\n\n%s\n\n", strings.Join(meta, " · "), quote(a.Text))
		if len(a.Points) > 0 {
			w("**Key points**\n\n")
			for _, p := range a.Points {
				mark := map[string]string{"covered": "✓", "half": "◐", "wrong": "✗ (a misconception)"}[p.State]
				if mark == "" {
					mark = "✗"
				}
				w("- %s %s", mark, p.Text)
				if len(p.Evidence) > 0 {
					w(" (\"%s\")", strings.Join(p.Evidence, "\", \""))
				}
				w("\n")
			}
			w("\n")
		}
		if a.Model != "" {
			w("**Model answer**\n\n%s\n", quote(a.Model))
		}
	}
	return b.String()
}

// quote is text as a Markdown block quote, or a note that there was none.
func quote(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return "*(no answer)*"
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}
