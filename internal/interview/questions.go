package interview

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
)

// What a candidate's questions for the interviewer say about them. Good questions show
// they think about the work after the offer: how models ship and are watched, how the team
// works, what success means. Pay and perks belong with the recruiter.
// questionRules are compiled on first use, so that start-up pays nothing for them.
var questionRules = sync.OnceValue(func() (r struct {
	goodTopics        []topicRule
	perks, googleable *regexp.Regexp
}) {
	r.goodTopics = []topicRule{
		{regexp.MustCompile(`(?i)\b(deploy|production|ship|release|rollout|serv(e|ing))`), "how models reach production"},
		{regexp.MustCompile(`(?i)\b(monitor|on-?call|incident|drift|alert)`), "how models are watched in production"},
		{regexp.MustCompile(`(?i)\b(data|label|feature store|pipeline)`), "where the data comes from"},
		{regexp.MustCompile(`(?i)\b(evaluat|metric|success|measure|kpi|a/b|experiment)`), "how success is measured"},
		{regexp.MustCompile(`(?i)\b(test|review|ci\b|quality)`), "how code and models are tested and reviewed"},
		{regexp.MustCompile(`(?i)\b(team|collaborat|product manager|stakeholder|mentor|onboard|first (30|60|90|three|six) (days|months))`), "how the team works"},
		{regexp.MustCompile(`(?i)\b(challenge|problem|hardest|biggest|roadmap|next year|priorit)`), "what the hard problems are"},
	}
	r.perks = regexp.MustCompile(`(?i)\b(salary|pay|compensation|bonus|equity|stock|vacation|holiday|pto|perks|benefits|hours|overtime)\b`)
	r.googleable = regexp.MustCompile(`(?i)what (does|do) (your|the) company do|what (is|are) your products?\b`)
	return r
})

type topicRule struct {
	re   *regexp.Regexp
	what string
}

// questionMark finds each question in the text: what runs up to a question mark.
var questionMark = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[^?]*\?`) })

// reviewQuestions comments on the questions a candidate asked the interviewer.
func reviewQuestions(text string) []string {
	rules := questionRules()
	var asked []string
	for _, s := range questionMark().FindAllString(text, -1) {
		if s = strings.TrimSpace(s); len(s) > 3 {
			asked = append(asked, s)
		}
	}
	if len(asked) == 0 {
		if strings.TrimSpace(text) == "" {
			return []string{"You asked nothing. Interviewers read that as little interest: have two or three questions ready about the team's work."}
		}
		return []string{"No question in what you wrote (nothing ends with \"?\"): ask, don't tell."}
	}
	out := []string{fmt.Sprintf("You asked %d question(s).", len(asked))}
	covered := map[string]bool{}
	for _, q := range asked {
		for _, t := range rules.goodTopics {
			if t.re.MatchString(q) && !covered[t.what] {
				covered[t.what] = true
				out = append(out, fmt.Sprintf("Good: %q asks %s.", q, t.what))
			}
		}
		if rules.perks.MatchString(q) {
			out = append(out, fmt.Sprintf("%q: keep pay and perks for the recruiter; in a technical round it says what you care about first.", q))
		}
		if rules.googleable.MatchString(q) {
			out = append(out, fmt.Sprintf("%q: the website answers this; it suggests you did not prepare.", q))
		}
	}
	if len(covered) == 0 {
		out = append(out, "None of them asks about the work itself: how models ship, how they are monitored, how success is measured.")
	}
	if len(asked) > 5 {
		out = append(out, "More than five questions in a few minutes: pick the two you care about most.")
	}
	return out
}
