package cv

import (
	"strings"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pitch"
)

// Claim is something the CV says the candidate knows or has done, as an interviewer will
// probe it: the sentence, where it is, and the tags it maps to.
type Claim struct {
	Text string   `json:"text"`
	Line int      `json:"line"`
	Tags []string `json:"tags"`
	// Strong is set for the claims an interviewer probes first: "expert in", "passionate
	// about", "I love", a skills list.
	Strong bool `json:"strong,omitempty"`
	// Uncovered says why no question can back the claim up, when none can.
	Uncovered string `json:"uncovered,omitempty"`
}

// strongClaim is how a CV says "test me on this".
var strongClaim = lazyRE(`(?i)\b(?:expert(?:ise)? (?:in|on|at|with)|passionate about|i love|love (?:working|building)|strong background in|strong (?:knowledge|understanding|experience) (?:of|in|with)|proficien(?:t|cy) (?:in|with)|deep (?:knowledge|expertise|understanding|experience) (?:of|in|with)|in-depth (?:knowledge|understanding) of|extensive (?:experience|knowledge) (?:in|of|with)|speciali[sz](?:t|ed|ing) in|skilled (?:in|at)|advanced knowledge of|hands-on experience (?:in|with)|thorough understanding of|mastery of|inside out)\b`)

// skillsLabel starts a skills line ("Skills: Python, XGBoost") or names a skills section.
var skillsLabel = lazyRE(`(?i)^(?:technical |core |key |ml |programming )?(?:skills|technologies|tech stack|tools|frameworks|libraries|languages|expertise|competencies|stack)\b`)

// findClaims offers the CV's claims: every explicit claim ("expert in", a skills line),
// mapped or not, and each other sentence that the claims vocabulary maps to a tag not
// offered yet ("Deployed 12 models to production" -> deployment), in CV order.
func findClaims(lines []line, opt Options) []Claim {
	out := []Claim{}
	offered := map[string]bool{}
	for _, b := range blocks(lines) {
		for _, s := range b.sentences() {
			text := claims.Truncate(s.text)
			strong := b.skills || strongClaim().MatchString(text)
			if !strong && len(claims.Find(text, opt.Vocab)) == 0 {
				continue
			}
			r := claims.Resolve(claims.Claim{Text: text}, opt.Vocab, opt.Tags)
			fresh := false
			for _, t := range r.Tags {
				if !offered[t] {
					fresh = true
				}
			}
			switch {
			case !strong && !fresh:
				continue
			case len(r.Tags) == 0 && b.skills && !strongClaim().MatchString(text):
				continue // a skills line with nothing hotseat asks about (Excel, Jira)
			}
			c := Claim{Text: text, Line: s.line, Tags: r.Tags, Strong: strong}
			if len(r.Tags) == 0 {
				c.Uncovered = "no questions cover this: add tags with `hotseat claim tags` or install a pack"
				if len(r.Suggest) > 0 {
					c.Uncovered += " (nearest tags: " + strings.Join(r.Suggest, ", ") + ")"
				}
			}
			for _, t := range r.Tags {
				offered[t] = true
			}
			if _, dup := claims.Duplicate(toClaims(out), text); !dup {
				out = append(out, c)
			}
		}
	}
	return out
}

// block is a paragraph or a bullet of the CV, its wrapped lines joined.
type block struct {
	parts  []line // the lines, each with its prose
	prose  []string
	skills bool // a skills line, or in a skills section
}

type sentence struct {
	text string
	line int
}

// blocks joins wrapped lines: a block starts at a bullet, a heading, a label line
// ("Skills: ...") or after a blank line, and runs on over the lines that continue it.
func blocks(lines []line) []block {
	var out []block
	inSkills := false
	open := false
	for _, l := range lines {
		text := plain(l)
		if l.code || text == "" {
			open = false
			continue
		}
		heading := strings.HasPrefix(strings.TrimSpace(l.text), "#") ||
			l.bullet < 0 && len(text) < 40 && !strings.ContainsAny(text, ",.:;")
		if heading {
			inSkills = skillsLabel().MatchString(text)
			open = false
			continue
		}
		label, _, hasColon := strings.Cut(text, ":")
		labelled := hasColon && len(label) < 30
		if open && l.bullet < 0 && !labelled {
			b := &out[len(out)-1]
			b.parts = append(b.parts, l)
			b.prose = append(b.prose, text)
			continue
		}
		out = append(out, block{parts: []line{l}, prose: []string{text}, skills: inSkills || labelled && skillsLabel().MatchString(label)})
		open = true
	}
	return out
}

// sentences splits a block into sentences the way the pitch review does (pitch.Sentences:
// abbreviations such as "e.g." and decimals do not end one), each with the line it starts
// on.
func (b block) sentences() []sentence {
	// The block's lines, white space collapsed as pitch.Sentences collapses it, and where
	// each starts in their join.
	starts := make([]int, len(b.prose))
	var norm []string
	off := 0
	for i, p := range b.prose {
		starts[i] = off
		if t := strings.Join(strings.Fields(p), " "); t != "" {
			norm = append(norm, t)
			off += len(t) + 1
		}
	}
	joined := strings.Join(norm, " ")
	var out []sentence
	pos := 0
	for _, s := range pitch.Sentences(joined) {
		at := pos
		if k := strings.Index(joined[pos:], s); k >= 0 {
			at = pos + k
			pos = at + len(s)
		}
		line := b.parts[0].n
		for i, st := range starts {
			if st <= at {
				line = b.parts[i].n
			}
		}
		out = append(out, sentence{s, line})
	}
	return out
}

func toClaims(cs []Claim) []claims.Claim {
	out := make([]claims.Claim, len(cs))
	for i, c := range cs {
		out[i] = claims.Claim{Text: c.Text}
	}
	return out
}

// plain is a line's prose: bullet, heading marks and emphasis removed, space collapsed.
func plain(l line) string {
	t := l.text
	if l.bullet >= 0 {
		t = t[l.bullet:]
	}
	t = strings.NewReplacer("**", "", "__", "", "`", "").Replace(t)
	t = strings.TrimLeft(strings.TrimSpace(t), "#> ")
	return strings.Join(strings.Fields(t), " ")
}
