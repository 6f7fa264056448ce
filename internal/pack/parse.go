package pack

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/hotseat/hotseat/internal/safetext"
)

// Limits that keep a hostile or broken file from exhausting memory.
const (
	MaxFileSize  = 2 << 20 // bytes in one pack file
	MaxQuestions = 5000    // questions in one pack
	MinTime      = 10 * time.Second
	MaxTime      = 30 * time.Minute
)

// Defaults for fields a pack leaves out.
const (
	DefaultTime  = 2 * time.Minute
	DefaultLevel = Mid
)

var (
	idRe      = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	versionRe = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)
	headIDRe  = regexp.MustCompile(`\{#([^}]*)\}\s*$`)
	metaRe    = regexp.MustCompile(`^[a-z][a-z-]*\s*:`)
	yamlLnRe  = regexp.MustCompile(`^line (\d+): `)
	// yamlAnchorRe matches yaml.v3's error for an alias of an undefined anchor.
	yamlAnchorRe = regexp.MustCompile(`^unknown anchor '([^']*)' referenced$`)
)

// blockParser parses Markdown block structure only. Inline syntax is irrelevant to the
// pack structure (and slow), so no inline parser is registered; answers keep their raw
// Markdown and are rendered later by glamour. A goldmark parser is safe for concurrent use.
var blockParser = sync.OnceValue(func() parser.Parser {
	return parser.NewParser(
		parser.WithBlockParsers(parser.DefaultBlockParsers()...),
		parser.WithInlineParsers(),
		parser.WithParagraphTransformers(),
	)
})

// Parse parses one pack file. file names it in diagnostics. The pack is returned even when
// there are errors (for lint and previews), but callers that load packs for drilling must
// skip a pack whose diagnostics contain an error. Parse never panics on any input.
func Parse(file string, src []byte) (*Pack, Diagnostics) {
	p := &parser_{file: file}
	if len(src) > MaxFileSize {
		p.errorf(0, "%s", tooLarge(int64(len(src))))
		return nil, p.diags
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	p.src = []byte(safetext.Clean(string(src)))
	p.indexLines()
	pk := &Pack{File: file, Time: DefaultTime, Level: DefaultLevel}
	bodyLine, ok := p.frontMatter(pk)
	if !ok {
		return pk, p.diags
	}
	p.body(pk, bodyLine)
	p.resolveFollowUps(pk)
	// Checks run in passes (headings, then questions, then follow-ups); report in file order.
	sort.SliceStable(p.diags, func(i, j int) bool { return p.diags[i].Line < p.diags[j].Line })
	return pk, p.diags
}

// parser_ holds the state of one Parse call. (Named with a trailing underscore so that the
// goldmark package keeps its natural name.)
type parser_ struct {
	file  string
	src   []byte
	lines []int // byte offset of the start of each line; lines[0] is line 1
	diags Diagnostics
}

func (p *parser_) errorf(line int, format string, args ...any) {
	p.diags = append(p.diags, Diagnostic{File: p.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

func (p *parser_) warnf(line int, format string, args ...any) {
	p.diags = append(p.diags, Diagnostic{File: p.file, Line: line, Warning: true, Message: fmt.Sprintf(format, args...)})
}

func (p *parser_) indexLines() {
	p.lines = append(p.lines[:0], 0)
	for i, c := range p.src {
		if c == '\n' && i+1 < len(p.src) {
			p.lines = append(p.lines, i+1)
		}
	}
}

// lineOf returns the 1-based line of a byte offset.
func (p *parser_) lineOf(off int) int {
	return sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off })
}

// line returns the text of a 1-based line without its newline.
func (p *parser_) line(n int) string {
	if n < 1 || n > len(p.lines) {
		return ""
	}
	start, end := p.lines[n-1], len(p.src)
	if n < len(p.lines) {
		end = p.lines[n] - 1
	}
	return strings.TrimRight(string(p.src[start:end]), "\r")
}

// text returns lines from..to (inclusive, 1-based) joined, with surrounding blank lines
// removed.
func (p *parser_) text(from, to int) string {
	if from > to || from > len(p.lines) {
		return ""
	}
	start, end := p.lines[from-1], len(p.src)
	if to < len(p.lines) {
		end = p.lines[to]
	}
	return strings.TrimSpace(string(p.src[start:end]))
}

// raw returns lines from..to (inclusive, 1-based) exactly as written, newlines included.
func (p *parser_) raw(from, to int) string {
	if from > to || from > len(p.lines) {
		return ""
	}
	start, end := p.lines[from-1], len(p.src)
	if to < len(p.lines) {
		end = p.lines[to]
	}
	return string(p.src[start:end])
}

// frontMatter parses the YAML block and returns the line where the Markdown body starts.
func (p *parser_) frontMatter(pk *Pack) (int, bool) {
	if strings.TrimSpace(p.line(1)) != "---" {
		p.errorf(1, "a pack starts with front matter: a line ---, then pack:, title: and version:, then ---")
		return 0, false
	}
	end := 0
	for n := 2; n <= len(p.lines); n++ {
		if l := strings.TrimSpace(p.line(n)); l == "---" || l == "..." {
			end = n
			break
		}
	}
	if end == 0 {
		p.errorf(1, "front matter is not closed: add a line --- after its last field")
		return 0, false
	}
	// The YAML is passed as written, not trimmed: a leading blank line or indent removed
	// here would shift or break every line number YAML reports.
	fm := &frontMatter{p: p, offset: 1, last: end}
	fm.parse(pk, p.raw(2, end-1))
	return end + 1, true
}

// section is a ### part of a question.
type section struct {
	name      string
	line      int // the heading's line
	firstLine int // first line of content: the line after the heading (and its underline)
	lastLine  int // last line of content
	lists     []*ast.List
	other     int // line of the first non-list block, 0 when none
}

// draft collects one question while its sections are read.
type draft struct {
	q        *Question
	line     int
	next     int // the line after the heading (and its underline)
	lastLine int
	sections []*section
	metaLine int
}

// body walks the top-level Markdown blocks: ## starts a question, ### a section.
func (p *parser_) body(pk *Pack, bodyLine int) {
	if bodyLine > len(p.lines) {
		p.warnf(bodyLine-1, "the pack has no questions: add one with ## Question? {#question-id}")
		return
	}
	base := p.lines[bodyLine-1]
	doc := blockParser().Parse(text.NewReader(p.src[base:]))

	var drafts []*draft
	var cur *draft
	var sec *section
	closeTo := func(last int) {
		if sec != nil {
			sec.lastLine = last
			sec = nil
		}
		if cur != nil {
			cur.lastLine = last
		}
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		line := p.lineOf(base + max(n.Pos(), 0))
		h, isHeading := n.(*ast.Heading)
		switch {
		case isHeading && h.Level == 1:
			closeTo(line - 1)
			if cur != nil {
				p.errorf(line, "a # heading after the first question: start questions with ## and sections with ###")
			}
			cur = nil
		case isHeading && h.Level == 2:
			closeTo(line - 1)
			if len(drafts) >= MaxQuestions {
				p.errorf(line, "more than %d questions in one pack: split it into several packs", MaxQuestions)
				return
			}
			cur = &draft{q: &Question{PackID: pk.ID, Line: line}, line: line, next: p.afterHeading(h, base, line)}
			p.heading(cur.q, p.headingText(h, base), line, p.isSetext(line))
			drafts = append(drafts, cur)
		case isHeading && h.Level == 3:
			closeTo(line - 1)
			if cur == nil {
				p.errorf(line, "### section before the first question: start a question with ## Question? {#id}")
				continue
			}
			name := strings.ToLower(strings.TrimSpace(p.headingText(h, base)))
			sec = &section{name: canonicalSection(name), line: line, firstLine: p.afterHeading(h, base, line)}
			cur.sections = append(cur.sections, sec)
		case sec != nil:
			if l, ok := n.(*ast.List); ok {
				sec.lists = append(sec.lists, l)
			} else if sec.other == 0 {
				sec.other = line
			}
		}
	}
	closeTo(len(p.lines))
	if len(drafts) == 0 {
		p.warnf(bodyLine, "the pack has no questions: add one with ## Question? {#question-id}")
	}

	seen := map[string]int{}
	for _, d := range drafts {
		q := d.q
		if q.ID != "" {
			if prev, dup := seen[q.ID]; dup {
				p.errorf(d.line, "duplicate question id %q (first used on line %d): ids must be unique in a pack", q.ID, prev)
			} else {
				seen[q.ID] = d.line
			}
		}
		p.question(pk, d, base)
		pk.Questions = append(pk.Questions, q)
	}
}

// afterHeading returns the line after a heading that starts on line: the next line for an
// ATX heading, the line after the underline for a setext heading, whose text may span
// several lines.
func (p *parser_) afterHeading(h *ast.Heading, base, line int) int {
	if !p.isSetext(line) {
		return line + 1
	}
	last := line
	if lines := h.Lines(); lines.Len() > 0 {
		last = p.lineOf(base + lines.At(lines.Len()-1).Start)
	}
	return last + 2
}

// isSetext reports whether the heading on line is a setext heading (text underlined with
// === or ---) rather than an ATX heading starting with #.
func (p *parser_) isSetext(line int) bool {
	return !strings.HasPrefix(strings.TrimLeft(p.line(line), " "), "#")
}

func (p *parser_) headingText(h *ast.Heading, base int) string {
	var b strings.Builder
	lines := h.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(bytes.TrimSpace(seg.Value(p.src[base:])))
	}
	return strings.TrimSpace(b.String())
}

// heading reads "Question text {#id}".
func (p *parser_) heading(q *Question, title string, line int, setext bool) {
	m := headIDRe.FindStringSubmatchIndex(title)
	if m == nil {
		hint := ""
		if setext {
			hint = " (a line of --- right under text makes that text a heading: leave a blank line before ---)"
		}
		p.errorf(line, "question has no id: end the heading with {#some-id}%s", hint)
		q.Title = title
		return
	}
	q.ID = strings.TrimSpace(title[m[2]:m[3]])
	q.Title = strings.TrimSpace(title[:m[0]])
	if !idRe.MatchString(q.ID) || len(q.ID) > 64 {
		p.errorf(line, "bad question id %q: use lowercase letters, digits and hyphens (at most 64)", q.ID)
	}
	if q.Title == "" {
		p.errorf(line, "question %q has no text: write the question in the heading", q.ID)
	}
}

var sectionNames = map[string]string{
	"answer": "answer", "model answer": "answer",
	"key points": "key points", "keypoints": "key points", "key-points": "key points",
	"choices": "choices", "options": "choices",
	"follow-ups": "follow-ups", "follow ups": "follow-ups", "followups": "follow-ups",
}

func canonicalSection(name string) string {
	if c, ok := sectionNames[name]; ok {
		return c
	}
	return "?" + name
}

// question fills in a question from its draft and checks it.
func (p *parser_) question(pk *Pack, d *draft, base int) {
	q := d.q
	q.Level, q.Time = pk.Level, pk.Time
	q.Tags = append([]string(nil), pk.Tags...)

	// The question's own region: from under the heading to the first ###.
	first, last := d.next, d.lastLine
	if len(d.sections) > 0 {
		last = d.sections[0].line - 1
	}
	for first <= last && strings.TrimSpace(p.line(first)) == "" {
		first++
	}
	if first <= last && p.isMeta(p.line(first)) {
		p.meta(q, p.line(first), first)
		first++
	}
	q.Prompt = p.text(first, last)

	got := map[string]*section{}
	for _, s := range d.sections {
		if strings.HasPrefix(s.name, "?") {
			p.errorf(s.line, "unknown section %q: use ### Answer, ### Key points, ### Choices or ### Follow-ups", s.name[1:])
			continue
		}
		if prev, dup := got[s.name]; dup {
			p.errorf(s.line, "second ### %s in question %q (first on line %d)", s.name, label(q), prev.line)
			continue
		}
		got[s.name] = s
		switch s.name {
		case "answer":
			q.Answer = p.text(s.firstLine, s.lastLine)
		case "key points":
			p.keyPoints(q, s, base)
		case "choices":
			q.Kind = KindChoice
			p.choices(q, s, base)
		case "follow-ups":
			p.followUps(q, s, base)
		}
	}

	switch q.Kind {
	case KindOpen:
		if q.Answer == "" {
			p.errorf(d.line, "open question %q has no answer: add ### Answer with a model answer", label(q))
		}
		if len(q.KeyPoints) == 0 && got["key points"] == nil {
			p.warnf(d.line, "question %q has no key points: the drill can only self-rate it; add ### Key points with (match: ...) terms", label(q))
		}
	case KindChoice:
		if len(q.Choices) < 2 {
			p.errorf(got["choices"].line, "choice question %q needs at least two options", label(q))
		}
		if len(q.Correct()) == 0 && len(q.Choices) > 0 {
			p.errorf(got["choices"].line, "choice question %q has no correct option: mark one with - [x]", label(q))
		}
	}
}

// label names a question in a message: by its id, or by its heading when the id is missing.
func label(q *Question) string {
	if q.ID != "" {
		return q.ID
	}
	return q.Title
}

func (p *parser_) isMeta(line string) bool {
	for _, part := range splitMeta(line) {
		if !metaRe.MatchString(strings.TrimSpace(part)) {
			return false
		}
	}
	return true
}

func splitMeta(line string) []string {
	return strings.FieldsFunc(line, func(r rune) bool { return r == '·' || r == '|' })
}

// meta reads "tags: a, b · level: mid · time: 3m".
func (p *parser_) meta(q *Question, line string, n int) {
	for _, part := range splitMeta(line) {
		key, val, _ := strings.Cut(part, ":")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		switch key {
		case "tags", "tag":
			for _, t := range strings.Split(val, ",") {
				t = strings.TrimSpace(t)
				if t == "" {
					continue
				}
				if !idRe.MatchString(t) {
					p.errorf(n, "bad tag %q: use lowercase letters, digits and hyphens", t)
					continue
				}
				q.Tags = appendUnique(q.Tags, t)
			}
		case "level":
			l, ok := ParseLevel(val)
			if !ok {
				p.errorf(n, "bad level %q: use junior, mid or senior", val)
			}
			if ok {
				q.Level = l
			}
		case "time":
			if d, ok := p.duration(val, n); ok {
				q.Time = d
			}
		default:
			p.errorf(n, "unknown field %q under the heading: use tags, level or time", key)
		}
	}
}

func (p *parser_) duration(val string, line int) (time.Duration, bool) {
	d, err := time.ParseDuration(val)
	if err != nil {
		p.errorf(line, "bad time %q: write it like 45s, 2m or 1m30s", val)
		return 0, false
	}
	if d < MinTime || d > MaxTime {
		p.errorf(line, "time %s is out of range: use between 10s and 30m", val)
		return 0, false
	}
	return d, true
}

// listItem is the text and line of one item of a section's lists.
type listItem struct {
	text string
	line int
}

func (p *parser_) items(s *section, base int, what string) []listItem {
	if s.other != 0 {
		p.errorf(s.other, "### %s takes a list: start each %s with \"- \"", titleCase(s.name), what)
	}
	var out []listItem
	for _, l := range s.lists {
		for it := l.FirstChild(); it != nil; it = it.NextSibling() {
			line := p.lineOf(base + max(it.Pos(), 0))
			var b strings.Builder
			if c := it.FirstChild(); c != nil && c.Type() == ast.TypeBlock {
				lines := c.Lines()
				for i := 0; i < lines.Len(); i++ {
					if i > 0 {
						b.WriteByte(' ')
					}
					seg := lines.At(i)
					b.Write(bytes.TrimSpace(seg.Value(p.src[base:])))
				}
			}
			out = append(out, listItem{text: strings.TrimSpace(b.String()), line: line})
		}
	}
	if len(out) == 0 && s.other == 0 {
		p.errorf(s.line, "### %s is empty: add a list of %ss", titleCase(s.name), what)
	}
	return out
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func (p *parser_) keyPoints(q *Question, s *section, base int) {
	for _, it := range p.items(s, base, "key point") {
		i := strings.LastIndex(it.text, "(match:")
		if i < 0 || !strings.HasSuffix(it.text, ")") {
			p.errorf(it.line, "key point has no terms: end it with (match: word, other word; another group)")
			continue
		}
		kp := KeyPoint{Text: strings.TrimSpace(it.text[:i]), Line: it.line}
		groups, err := ParseMatch(it.text[i+len("(match:") : len(it.text)-1])
		if err != nil {
			p.errorf(it.line, "key point terms: %v", err)
			continue
		}
		if kp.Text == "" {
			p.errorf(it.line, "key point has terms but no text: say what a good answer must mention")
			continue
		}
		kp.Groups = groups
		q.KeyPoints = append(q.KeyPoints, kp)
	}
}

func (p *parser_) choices(q *Question, s *section, base int) {
	for _, it := range p.items(s, base, "option") {
		var c Choice
		switch {
		case strings.HasPrefix(it.text, "[x]"), strings.HasPrefix(it.text, "[X]"):
			c.Correct = true
		case strings.HasPrefix(it.text, "[ ]"):
		default:
			p.errorf(it.line, "an option starts with [x] (correct) or [ ] (wrong)")
			continue
		}
		c.Text = strings.TrimSpace(it.text[3:])
		if c.Text == "" {
			p.errorf(it.line, "empty option")
			continue
		}
		q.Choices = append(q.Choices, c)
	}
}

func (p *parser_) followUps(q *Question, s *section, base int) {
	for _, it := range p.items(s, base, "follow-up") {
		ref, ok := parseRef(it.text, q.PackID)
		if !ok {
			p.errorf(it.line, "bad follow-up %q: write - #question-id, or - other-pack#question-id", it.text)
			continue
		}
		q.FollowUps = append(q.FollowUps, ref)
		q.FollowUpLines = append(q.FollowUpLines, it.line)
	}
}

// parseRef reads "#id", "pack#id" or "pack/id" into the key "pack/id".
func parseRef(s, packID string) (string, bool) {
	s = strings.TrimSpace(s)
	var pk, id string
	switch {
	case strings.HasPrefix(s, "#"):
		pk, id = packID, s[1:]
	case strings.Contains(s, "#"):
		pk, id, _ = strings.Cut(s, "#")
	case strings.Contains(s, "/"):
		pk, id, _ = strings.Cut(s, "/")
	default:
		return "", false
	}
	if !idRe.MatchString(id) || pk != "" && !idRe.MatchString(pk) {
		return "", false
	}
	return pk + "/" + id, true
}

// resolveFollowUps reports follow-ups to questions missing from this pack. Follow-ups into
// other packs are checked when packs are loaded together (Library).
func (p *parser_) resolveFollowUps(pk *Pack) {
	ids := map[string]bool{}
	for _, q := range pk.Questions {
		ids[q.ID] = true
	}
	for _, q := range pk.Questions {
		for i, ref := range q.FollowUps {
			target, id, _ := strings.Cut(ref, "/")
			if target == "" || target == pk.ID {
				q.FollowUps[i] = pk.ID + "/" + id
				if !ids[id] {
					p.errorf(q.FollowUpLines[i], "follow-up #%s: no question with that id in this pack", id)
				}
			}
		}
	}
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// tooLarge is the message for a file of n bytes, over MaxFileSize.
func tooLarge(n int64) string {
	got, limit := size(n), size(MaxFileSize)
	if got == limit { // just over the limit: "2.0 MiB; at most 2.0 MiB" would read as a bug
		got, limit = fmt.Sprintf("%d bytes", n), fmt.Sprintf("%d bytes", MaxFileSize)
	}
	return fmt.Sprintf("file is %s; a pack may be at most %s: split it into several packs", got, limit)
}

func size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KiB", n>>10)
}
