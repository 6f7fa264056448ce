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
	"github.com/yuin/goldmark/util"

	"github.com/hotseat/hotseat/internal/safetext"
)

// Limits that keep a hostile or broken file from exhausting memory.
const (
	MaxFileSize  = 2 << 20 // bytes in one pack file
	MaxQuestions = 5000    // questions in one pack
	MinTime      = 10 * time.Second
	MaxTime      = 30 * time.Minute
	// MaxNesting is how deep lists and block quotes may sit inside each other. Real
	// answers use three or four levels; a pack of "- - - - ... x" 800 deep makes terminal
	// Markdown renderers take minutes and gigabytes, so it is refused before any renders it.
	MaxNesting = 16
)

// Defaults for fields a pack leaves out.
const (
	DefaultTime  = 2 * time.Minute
	DefaultLevel = Mid
)

var (
	versionRe = regexp.MustCompile(`^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$`)
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
		parser.WithParagraphTransformers(util.Prioritized(dropParagraphText{}, 0)),
	)
})

// dropParagraphText leaves each paragraph, when it closes, one empty segment instead of
// its lines. goldmark always runs an inline pass over the lines of every paragraph, byte by
// byte, even with no inline parser registered: that pass was a quarter of the parse time,
// for nothing. The parser reads everything from the source by line, except the first
// paragraph of the items of top-level lists (key points, choices, follow-ups): their lines
// go to a stash in the parse context, where paragraphLines finds them by the start of the
// empty segment, also once a tight list has replaced the paragraph by a TextBlock that
// shares its lines. One empty segment, rather than none, keeps the paragraph in the tree
// (goldmark removes one without lines).
//
// A paragraph that a setext underline turns into a heading is handed to the transformer
// after it has left the open blocks, and the heading then takes its lines: it is left alone.
type dropParagraphText struct{}

// stashKey holds the *lineStash of a parse. Without one, paragraphs keep their lines.
var stashKey = parser.NewContextKey()

// lineStash holds the lines of paragraphs by the start of their first line. Paragraphs
// close in document order, so the starts come sorted; lookups are binary searches.
type lineStash struct {
	starts []int
	lines  [][]text.Segment
	sorted bool
}

func (s *lineStash) add(start int, lines []text.Segment) {
	if n := len(s.starts); n > 0 && s.starts[n-1] >= start {
		s.sorted = false
	}
	s.starts = append(s.starts, start)
	s.lines = append(s.lines, lines)
}

func (s *lineStash) get(start int) ([]text.Segment, bool) {
	if !s.sorted {
		sort.Sort(s)
		s.sorted = true
	}
	i := sort.SearchInts(s.starts, start)
	if i < len(s.starts) && s.starts[i] == start {
		return s.lines[i], true
	}
	return nil, false
}

func (s *lineStash) Len() int           { return len(s.starts) }
func (s *lineStash) Less(i, j int) bool { return s.starts[i] < s.starts[j] }
func (s *lineStash) Swap(i, j int) {
	s.starts[i], s.starts[j] = s.starts[j], s.starts[i]
	s.lines[i], s.lines[j] = s.lines[j], s.lines[i]
}

func (dropParagraphText) Transform(node *ast.Paragraph, _ text.Reader, pc parser.Context) {
	stash, _ := pc.Get(stashKey).(*lineStash)
	lines := node.Lines()
	if stash == nil || lines.Len() == 0 {
		return
	}
	open := false
	for _, b := range pc.OpenedBlocks() {
		if b.Node == node {
			open = true
			break
		}
	}
	if !open {
		return
	}
	start := lines.At(0).Start
	if lines.Len() == 1 && lines.At(0).Stop == start {
		return // already done: a paragraph can be closed twice
	}
	if item := node.Parent(); item != nil && item.FirstChild() == node && isTopLevelItem(item) {
		// SetLines overwrites the node's Segments, but not the array its values were in.
		stash.add(start, lines.Sliced(0, lines.Len()))
	}
	empty := text.NewSegments()
	empty.Append(text.NewSegment(start, start))
	node.SetLines(empty)
}

// isTopLevelItem reports whether n is an item of a list at the top level of the document:
// a list the parser may read (key points, choices, follow-ups).
func isTopLevelItem(n ast.Node) bool {
	if n == nil || n.Kind() != ast.KindListItem {
		return false
	}
	list := n.Parent()
	return list != nil && list.Parent() != nil && list.Parent().Kind() == ast.KindDocument
}

// paragraphLines returns the lines of a paragraph or text block, from the stash when
// dropParagraphText moved them there.
func (p *parser_) paragraphLines(n ast.Node) []text.Segment {
	lines := n.Lines()
	if lines.Len() == 1 {
		if seg := lines.At(0); seg.Start == seg.Stop {
			if orig, ok := p.stash.get(seg.Start); ok {
				return orig
			}
		}
	}
	return lines.Sliced(0, lines.Len())
}

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
	p.src = safetext.CleanBytes(src) // the caller's slice when clean: only read, never written
	// Every string of the pack is a substring of this one copy of the source, rather than
	// a copy of its own: fewer allocations, and no more memory than the file.
	p.str = string(p.src)
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
	str   string // src as a string
	lines []int  // byte offset of the start of each line; lines[0] is line 1
	diags Diagnostics
	stash *lineStash // see dropParagraphText
}

func (p *parser_) errorf(line int, format string, args ...any) {
	p.diags = append(p.diags, Diagnostic{File: p.file, Line: line, Message: fmt.Sprintf(format, args...)})
}

func (p *parser_) warnf(line int, format string, args ...any) {
	p.diags = append(p.diags, Diagnostic{File: p.file, Line: line, Warning: true, Message: fmt.Sprintf(format, args...)})
}

func (p *parser_) indexLines() {
	p.lines = make([]int, 1, bytes.Count(p.src, []byte{'\n'})+1)
	for i := 0; ; {
		j := bytes.IndexByte(p.src[i:], '\n')
		if j < 0 || i+j+1 >= len(p.src) {
			return
		}
		i += j + 1
		p.lines = append(p.lines, i)
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
	start, end := p.lines[n-1], len(p.str)
	if n < len(p.lines) {
		end = p.lines[n] - 1
	}
	return strings.TrimRight(p.str[start:end], "\r")
}

// lineBytes is line without a copy: the bytes alias the source.
func (p *parser_) lineBytes(n int) []byte {
	if n < 1 || n > len(p.lines) {
		return nil
	}
	start, end := p.lines[n-1], len(p.src)
	if n < len(p.lines) {
		end = p.lines[n] - 1
	}
	return bytes.TrimRight(p.src[start:end], "\r")
}

// blank reports whether line n holds only white space.
func (p *parser_) blank(n int) bool { return len(bytes.TrimSpace(p.lineBytes(n))) == 0 }

// text returns lines from..to (inclusive, 1-based) joined, with surrounding blank lines
// removed.
func (p *parser_) text(from, to int) string {
	if from > to || from > len(p.lines) {
		return ""
	}
	start, end := p.lines[from-1], len(p.str)
	if to < len(p.lines) {
		end = p.lines[to]
	}
	return strings.TrimSpace(p.str[start:end])
}

// raw returns lines from..to (inclusive, 1-based) exactly as written, newlines included.
func (p *parser_) raw(from, to int) string {
	if from > to || from > len(p.lines) {
		return ""
	}
	start, end := p.lines[from-1], len(p.str)
	if to < len(p.lines) {
		end = p.lines[to]
	}
	return p.str[start:end]
}

// frontMatter parses the YAML block and returns the line where the Markdown body starts.
func (p *parser_) frontMatter(pk *Pack) (int, bool) {
	if string(bytes.TrimSpace(p.lineBytes(1))) != "---" {
		p.errorf(1, "a pack starts with front matter: a line ---, then pack:, title: and version:, then ---")
		return 0, false
	}
	end := 0
	for n := 2; n <= len(p.lines); n++ {
		if l := string(bytes.TrimSpace(p.lineBytes(n))); l == "---" || l == "..." {
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

// checkNesting reports, at its line, the first list or quote nested deeper than MaxNesting,
// and whether the body is within the limit.
func (p *parser_) checkNesting(doc ast.Node, base int) bool {
	depth, deepest := 0, 0
	var at ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Kind() != ast.KindList && n.Kind() != ast.KindBlockquote {
			return ast.WalkContinue, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		depth++
		if depth > deepest {
			deepest = depth
		}
		if depth > MaxNesting {
			if at == nil {
				at = n
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if at == nil {
		return true
	}
	line := 0
	for c := ast.Node(at); c != nil && line == 0; c = c.FirstChild() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			line = p.lineOf(base + c.Lines().At(0).Start)
		}
	}
	p.errorf(line, "lists or quotes nested more than %d deep: flatten them (deeply nested Markdown takes minutes to show)", MaxNesting)
	return false
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
}

// body walks the top-level Markdown blocks: ## starts a question, ### a section.
func (p *parser_) body(pk *Pack, bodyLine int) {
	if bodyLine > len(p.lines) {
		p.warnf(bodyLine-1, "the pack has no questions: add one with ## Question? {#question-id}")
		return
	}
	base := p.lines[bodyLine-1]
	pc := parser.NewContext()
	p.stash = &lineStash{sorted: true}
	pc.Set(stashKey, p.stash)
	doc := blockParser().Parse(text.NewReader(p.src[base:]), parser.WithContext(pc))
	if !p.checkNesting(doc, base) {
		return // rendering it would take minutes: the pack is refused, nothing else is said
	}

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
			cur = &draft{q: &Question{PackID: pk.ID, Line: line, body: &Body{}}, line: line, next: p.afterHeading(h, base, line)}
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
	return !bytes.HasPrefix(bytes.TrimLeft(p.lineBytes(line), " "), []byte("#"))
}

func (p *parser_) headingText(h *ast.Heading, base int) string {
	lines := h.Lines()
	return strings.TrimSpace(p.joinLines(lines.Sliced(0, lines.Len()), base))
}

// joinLines returns the text of segments (offsets from base), each trimmed, joined by
// spaces. One segment, the usual case, is a substring of the source: no copy.
func (p *parser_) joinLines(segs []text.Segment, base int) string {
	if len(segs) == 1 {
		return strings.TrimSpace(p.str[base+segs[0].Start : base+segs[0].Stop])
	}
	var b strings.Builder
	for i, seg := range segs {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.TrimSpace(p.str[base+seg.Start : base+seg.Stop]))
	}
	return b.String()
}

// heading reads "Question text {#id}".
func (p *parser_) heading(q *Question, title string, line int, setext bool) {
	m := headingID(title)
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
	if !ValidID(q.ID) {
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
	"related": "related", "siblings": "related",
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
	for first <= last && p.blank(first) {
		first++
	}
	if first <= last && isMeta(p.lineBytes(first)) {
		p.meta(q, p.line(first), first)
		first++
	}
	q.body.Prompt = p.text(first, last)

	got := map[string]*section{}
	for _, s := range d.sections {
		if strings.HasPrefix(s.name, "?") {
			p.errorf(s.line, "unknown section %q: use ### Answer, ### Key points, ### Choices, ### Follow-ups or ### Related", s.name[1:])
			continue
		}
		if prev, dup := got[s.name]; dup {
			p.errorf(s.line, "second ### %s in question %q (first on line %d)", s.name, label(q), prev.line)
			continue
		}
		got[s.name] = s
		switch s.name {
		case "answer":
			q.body.Answer = p.text(s.firstLine, s.lastLine)
		case "key points":
			p.keyPoints(q, s, base)
		case "choices":
			q.Kind = KindChoice
			p.choices(q, s, base)
		case "follow-ups":
			p.followUps(q, s, base)
		case "related":
			p.related(q, s, base)
		}
	}

	q.KeyPointCount = len(q.body.KeyPoints)
	switch q.Kind {
	case KindOpen:
		if q.body.Answer == "" {
			p.errorf(d.line, "open question %q has no answer: add ### Answer with a model answer", label(q))
		}
		if len(q.body.KeyPoints) == 0 && got["key points"] == nil {
			p.warnf(d.line, "question %q has no key points: the drill can only self-rate it; add ### Key points with (match: ...) terms", label(q))
		}
	case KindChoice:
		if len(q.body.Choices) < 2 {
			p.errorf(got["choices"].line, "choice question %q needs at least two options", label(q))
		}
		if len(q.Correct()) == 0 && len(q.body.Choices) > 0 {
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

// isMeta reports whether a line is a meta line: fields separated by '·' or '|', each
// starting with a name and ':'.
func isMeta(line []byte) bool {
	for len(line) > 0 {
		// Like strings.FieldsFunc: nothing between two separators is no field, while a
		// field of spaces is not a meta field.
		i, n := metaSep(line)
		if i > 0 && !isMetaField(bytes.TrimSpace(line[:i])) {
			return false
		}
		line = line[i+n:]
	}
	return true
}

// metaSep returns the index and length of the first '·' or '|' in line, or len(line), 0.
func metaSep(line []byte) (int, int) {
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '|':
			return i, 1
		case line[i] == 0xc2 && i+1 < len(line) && line[i+1] == 0xb7: // U+00B7 '·'
			return i, 2
		}
	}
	return len(line), 0
}

// isMetaField reports whether s starts like a field of the meta line: a lowercase name
// (letters and hyphens), optional spaces, then ':' (the regexp ^[a-z][a-z-]*\s*:).
func isMetaField[T ~string | ~[]byte](s T) bool {
	if len(s) == 0 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	i := 1
	for i < len(s) && (s[i] >= 'a' && s[i] <= 'z' || s[i] == '-') {
		i++
	}
	for i < len(s) && isSpaceRE(s[i]) {
		i++
	}
	return i < len(s) && s[i] == ':'
}

// isSpaceRE reports whether c is in RE2's \s: [\t\n\f\r ].
func isSpaceRE(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

// isID reports whether s is an id: lowercase letters and digits in runs joined by single
// hyphens (the regexp ^[a-z0-9]+(-[a-z0-9]+)*$).
func isID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// headingID finds "{#id}" at the end of a heading, followed only by spaces (the regexp
// \{#([^}]*)\}\s*$), and returns the indexes FindStringSubmatchIndex would: the whole
// match and the id. nil when there is none.
func headingID(s string) []int {
	e := len(s)
	for e > 0 && isSpaceRE(s[e-1]) {
		e--
	}
	if e == 0 || s[e-1] != '}' {
		return nil
	}
	closing := e - 1
	// The id holds no '}', so the leftmost "{#" after the previous '}' opens it.
	from := strings.LastIndexByte(s[:closing], '}') + 1
	k := strings.Index(s[from:closing], "{#")
	if k < 0 {
		return nil
	}
	k += from
	return []int{k, len(s), k + 2, closing}
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
				if !isID(t) {
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
		case "related":
			// The short form of ### Related: related: #a, other-pack#b
			for _, ref := range strings.Split(val, ",") {
				if ref = strings.TrimSpace(ref); ref == "" {
					continue
				}
				p.addRelated(q, ref, n, "write related: #question-id, other-pack#question-id")
			}
		default:
			p.errorf(n, "unknown field %q under the heading: use tags, level, time or related", key)
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
			var text string
			if c := it.FirstChild(); c != nil && c.Type() == ast.TypeBlock {
				text = p.joinLines(p.paragraphLines(c), base)
			}
			out = append(out, listItem{text: strings.TrimSpace(text), line: line})
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
		if i := lastOpen(it.text, "wrong:"); i >= 0 && strings.HasSuffix(it.text, ")") && !strings.Contains(it.text[i:], "(match:") {
			m := Misconception{Text: strings.TrimSpace(it.text[:i]), Line: it.line}
			terms, err := ParseWrong(it.text[i+len("(wrong:") : len(it.text)-1])
			if err != nil {
				p.errorf(it.line, "misconception terms: %v", err)
				continue
			}
			if m.Text == "" {
				p.errorf(it.line, "misconception has terms but no text: say what is wrong and why")
				continue
			}
			m.Terms = terms
			q.body.Misconceptions = append(q.body.Misconceptions, m)
			continue
		}
		i := lastOpen(it.text, "match:")
		if i < 0 || !strings.HasSuffix(it.text, ")") {
			p.errorf(it.line, "key point has no terms: end it with (match: word, other word; another group), or a misconception with (wrong: ...)")
			continue
		}
		kp := KeyPoint{Text: strings.TrimSpace(it.text[:i]), Line: it.line}
		m, err := ParseMatch(it.text[i+len("(match:") : len(it.text)-1])
		if err != nil {
			p.errorf(it.line, "key point terms: %v", err)
			continue
		}
		if kp.Text == "" {
			p.errorf(it.line, "key point has terms but no text: say what a good answer must mention")
			continue
		}
		kp.Groups, kp.Optional, kp.Wrong, kp.Shown = m.Groups, m.Optional, m.Wrong, m.Shown
		q.body.KeyPoints = append(q.body.KeyPoints, kp)
	}
}

// lastOpen returns the index of the last "(" in text that is followed by label, or -1: a
// backwards byte scan, since key point lines are long lists of terms.
func lastOpen(text, label string) int {
	for end := len(text); ; {
		k := strings.LastIndexByte(text[:end], '(')
		if k < 0 {
			return -1
		}
		if strings.HasPrefix(text[k+1:], label) {
			return k
		}
		end = k
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
		q.body.Choices = append(q.body.Choices, c)
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

func (p *parser_) related(q *Question, s *section, base int) {
	for _, it := range p.items(s, base, "related question") {
		p.addRelated(q, it.text, it.line, "write - #question-id, or - other-pack#question-id")
	}
}

// addRelated adds one related question, from ### Related or the related: field; how says
// how to write it in that form.
func (p *parser_) addRelated(q *Question, text string, line int, how string) {
	ref, ok := parseRef(text, q.PackID)
	switch {
	case !ok:
		p.errorf(line, "bad related question %q: %s", text, how)
	case ref == q.PackID+"/"+q.ID:
		p.errorf(line, "question %q names itself as related", label(q))
	default:
		q.Related = append(q.Related, ref)
		q.RelatedLines = append(q.RelatedLines, line)
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
	if !isID(id) || pk != "" && !isID(pk) {
		return "", false
	}
	return pk + "/" + id, true
}

// resolveFollowUps reports follow-ups and related questions missing from this pack. Those
// into other packs are checked when packs are loaded together (Library).
func (p *parser_) resolveFollowUps(pk *Pack) {
	ids := map[string]bool{}
	for _, q := range pk.Questions {
		ids[q.ID] = true
	}
	resolve := func(kind string, refs []string, lines []int) {
		for i, ref := range refs {
			target, id, _ := strings.Cut(ref, "/")
			if target == "" || target == pk.ID {
				refs[i] = pk.ID + "/" + id
				if !ids[id] {
					p.errorf(lines[i], "%s #%s: no question with that id in this pack", kind, id)
				}
			}
		}
	}
	for _, q := range pk.Questions {
		resolve("follow-up", q.FollowUps, q.FollowUpLines)
		resolve("related", q.Related, q.RelatedLines)
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
