package anki

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/safetext"
)

// Markdown Q&A files are what most public interview-question repositories hold: the
// questions as headings or bold lines (or <details> summaries), the answer the paragraphs,
// lists, code and tables below each, section headings over them, and often a difficulty
// legend ("👶 easy ⭐️ medium 🚀 expert"). ConvertMarkdown turns one into a pack: sections
// become tags, legends and difficulty words become levels, images become their alt text
// with the link, and questions with no answer (or a placeholder such as "Answer here")
// are left out and listed.

// MaxMarkdown is the largest Markdown Q&A file read.
const MaxMarkdown = 16 << 20

var (
	boldLineRe   = regexp.MustCompile(`^\s{0,3}(?:\*\*|__)(.+?)(?:\*\*|__)\s*$`)
	qPrefixRe    = regexp.MustCompile(`^(?i)(?:q(?:uestion)?\s*\d*\s*[:.)]|\d{1,4}\s*[.)]|#\d{1,4}\s*[.:)]?)\s+`)
	aPrefixRe    = regexp.MustCompile(`^(?i)\s*(?:\*\*)?a(?:nswer)?\s*[:.](?:\*\*)?\s*`)
	imageRe      = regexp.MustCompile(`!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)`)
	htmlImgRe    = regexp.MustCompile(`(?i)<img\b[^>]*>`)
	htmlAttrRe   = regexp.MustCompile(`(?i)\b(src|alt)\s*=\s*"([^"]*)"`)
	brLineRe     = regexp.MustCompile(`(?i)^\s*(<br\s*/?>\s*)+$`)
	inlineBrRe   = regexp.MustCompile(`(?i)[ \t]*<br\s*/?>[ \t]*`)
	backToTopRe  = regexp.MustCompile(`(?i)back to top|⬆|table of contents\]`)
	detailsRe    = regexp.MustCompile(`(?is)^\s*<details[^>]*>\s*<summary[^>]*>(.*?)</summary>(.*?)</details>\s*$`)
	placeholders = []string{"answer here", "todo", "tbd", "tba", "coming soon", "to be added", "to do", "...", "…", "-", "add answer", "no answer yet"}
	levelWords   = map[string]pack.Level{
		"easy": pack.Junior, "beginner": pack.Junior, "basic": pack.Junior, "junior": pack.Junior, "entry": pack.Junior,
		"medium": pack.Mid, "intermediate": pack.Mid, "mid": pack.Mid, "moderate": pack.Mid,
		"hard": pack.Senior, "expert": pack.Senior, "advanced": pack.Senior, "senior": pack.Senior, "difficult": pack.Senior,
	}
	defaultMarks = map[string]pack.Level{"👶": pack.Junior, "⭐": pack.Mid, "🚀": pack.Senior, "🟢": pack.Junior, "🟡": pack.Mid, "🔴": pack.Senior}
)

// mdItem is a heading, question or other block boundary found in the file.
type mdItem struct {
	line     int // 0-based index of its first line
	end      int // index after its last line
	heading  int // 1-6 for a heading, 0 otherwise
	text     string
	question bool
	answer   string // <details>: the answer inside the block
}

// ConvertMarkdown converts a Markdown Q&A file into a pack.
func ConvertMarkdown(src []byte, file string, o Options) (*Result, error) {
	if len(src) > MaxMarkdown {
		return nil, fmt.Errorf("%s is %d MiB; a Markdown Q&A file is read up to %d MiB", file, len(src)>>20, MaxMarkdown>>20)
	}
	text := string(safetext.CleanBytes(src)) // carriage returns dropped, newlines kept
	if strings.HasPrefix(text, "---\n") && strings.Contains(text, "\npack:") {
		return nil, fmt.Errorf("%s is a hotseat pack already: install it with hotseat pack add %s", file, file)
	}
	lines := strings.Split(text, "\n")
	marks := legend(lines)
	items := scanMarkdown(lines)
	markQuestions(items, marks)

	title := ""
	st := stats{droppedTags: map[string]bool{}, source: "question"}
	var qs []question
	sections := map[int]string{} // heading level -> section text
	for i, it := range items {
		if !it.question {
			if it.heading == 1 && title == "" {
				title = cleanLine(stripMarks(it.text, marks))
			}
			if it.heading > 0 {
				sections[it.heading] = it.text
				for l := it.heading + 1; l <= 6; l++ {
					delete(sections, l)
				}
			}
			continue
		}
		q := question{}
		q.title, q.level = questionTitle(it.text, marks)
		body := it.answer
		if it.answer == "" && it.heading >= 0 {
			end := len(lines)
			for _, next := range items[i+1:] {
				if next.question || next.heading > 0 && (it.heading == 0 || next.heading <= it.heading) {
					end = next.line
					break
				}
			}
			body = strings.Join(lines[it.end:end], "\n")
		}
		q.answer = cleanAnswer(body)
		where := fmt.Sprintf("%s:%d", filepath.Base(file), it.line+1)
		if q.title == "" {
			st.skipped = append(st.skipped, where+": a question with no text")
			continue
		}
		if placeholder(q.answer) {
			st.skipped = append(st.skipped, fmt.Sprintf("%s: %s (no answer)", where, shorten(q.title, 70)))
			continue
		}
		if tag := sectionTag(sections, it.heading); tag != "" {
			q.tags = []string{tag}
		}
		q.id = pack.Slug(q.title)
		if q.id == "" {
			q.id = fmt.Sprintf("q-%d", it.line+1)
		}
		if strings.Contains(q.title, "{#") {
			q.title = strings.ReplaceAll(q.title, "{", `\{`)
		}
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		if len(st.skipped) > 0 {
			return nil, fmt.Errorf("%s: none of its %d questions has an answer", file, len(st.skipped))
		}
		return nil, fmt.Errorf("%s has no questions hotseat can see: questions are headings or bold lines (ending in ?), each followed by its answer", file)
	}
	if len(qs) > pack.MaxQuestions {
		return nil, fmt.Errorf("%s has %d questions; a pack holds at most %d", file, len(qs), pack.MaxQuestions)
	}
	base := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	if title == "" {
		title = cleanLine(base)
	}
	packID := o.PackID
	if packID == "" {
		if packID = pack.Slug(title); packID == "" {
			packID = "imported"
		}
	}
	res, err := build(packID, title, file, "Imported from ", markdownIntro, qs, &st)
	if err != nil {
		return nil, err
	}
	return res, nil
}

const markdownIntro = "Imported from a Markdown question list. Each question keeps its answer as the model\n" +
	"answer; its section is a tag and its difficulty mark a level. The questions have no key\n" +
	"points, so the drill shows the answer and asks you to rate yourself. To have typed answers\n" +
	"scored, add a ### Key points section to a question, each point ending with\n" +
	"(match: words a good answer uses).\n\n"

// scanMarkdown finds headings, bold-line paragraphs, Q: lines and <details> blocks outside
// code fences.
func scanMarkdown(lines []string) []mdItem {
	var items []mdItem
	fence := ""
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if fence != "" {
			if m := fenceRe.FindStringSubmatch(l); m != nil && m[1][0] == fence[0] && len(m[1]) >= len(fence) {
				fence = ""
			}
			continue
		}
		if m := fenceRe.FindStringSubmatch(l); m != nil {
			fence = m[1]
			continue
		}
		// A paragraph starts after a blank line or a heading.
		blankBefore := i == 0 || strings.TrimSpace(lines[i-1]) == "" || atxRe.MatchString(lines[i-1])
		// Its lines, for a bold paragraph that wraps.
		para := i
		for para+1 < len(lines) && strings.TrimSpace(lines[para+1]) != "" && !atxRe.MatchString(lines[para+1]) && para-i < 4 {
			para++
		}
		joined := strings.Join(lines[i:para+1], " ")
		switch {
		case atxRe.MatchString(l):
			t := strings.TrimLeft(strings.TrimSpace(l), "#")
			level := len(strings.TrimSpace(l)) - len(t)
			t = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(t), "#"))
			items = append(items, mdItem{line: i, end: i + 1, heading: level, text: t})
		case blankBefore && strings.HasPrefix(strings.TrimSpace(strings.ToLower(l)), "<details"):
			j := i
			for j < len(lines) && !strings.Contains(strings.ToLower(lines[j]), "</details>") {
				j++
			}
			if j == len(lines) {
				continue
			}
			block := strings.Join(lines[i:j+1], "\n")
			if m := detailsRe.FindStringSubmatch(block); m != nil {
				items = append(items, mdItem{line: i, end: j + 1, heading: -1, text: htmlText(m[1]), question: true, answer: m[2]})
			}
			i = j
		case blankBefore && boldLineRe.MatchString(joined) && strings.Count(joined, "**")+strings.Count(joined, "__") == 2:
			items = append(items, mdItem{line: i, end: para + 1, text: boldLineRe.FindStringSubmatch(joined)[1]})
			i = para
		case blankBefore && qPrefixRe.MatchString(strings.TrimSpace(l)) && strings.HasPrefix(strings.ToLower(strings.TrimSpace(l)), "q"):
			// "Q: text" up to the end of its paragraph.
			j := i
			for j+1 < len(lines) && strings.TrimSpace(lines[j+1]) != "" && !aPrefixRe.MatchString(lines[j+1]) {
				j++
			}
			items = append(items, mdItem{line: i, end: j + 1, text: strings.Join(lines[i:j+1], " "), question: true})
			i = j
		}
	}
	return items
}

// markQuestions decides which headings and bold lines are questions: those that read like
// one (a question mark, a difficulty mark, a "Q1." or "1." number), and every heading at a
// level where most headings read like questions ("Explain bagging").
func markQuestions(items []mdItem, marks map[string]pack.Level) {
	like := func(t string) bool {
		t = strings.TrimSpace(t)
		if _, l := questionTitle(t, marks); l != 0 {
			return true
		}
		plain := strings.TrimSpace(stripMarks(t, marks))
		return strings.HasSuffix(plain, "?") || qPrefixRe.MatchString(plain)
	}
	var total, asked [7]int
	for i := range items {
		it := &items[i]
		if it.question {
			continue
		}
		if like(it.text) {
			it.question = true
		}
		if it.heading > 0 {
			total[it.heading]++
			if it.question {
				asked[it.heading]++
			}
		}
	}
	for i := range items {
		it := &items[i]
		if h := it.heading; h > 1 && !it.question && total[h] >= 3 && asked[h]*2 > total[h] && !contentsHeading(it.text) {
			it.question = true
		}
	}
}

func contentsHeading(t string) bool {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "table of contents", "contents", "toc", "index", "legend", "references", "resources", "license", "contributing":
		return true
	}
	return false
}

// legend reads a difficulty legend ("Legend: 👶 easy ‍⭐️ medium 🚀 expert"): each mark
// followed by a difficulty word. Without one, the usual marks are known.
func legend(lines []string) map[string]pack.Level {
	marks := map[string]pack.Level{}
	for _, l := range lines {
		if !strings.Contains(strings.ToLower(l), "legend") {
			continue
		}
		fields := strings.Fields(l)
		for i := 0; i+1 < len(fields); i++ {
			mark := markOf(fields[i])
			word := strings.ToLower(strings.Trim(fields[i+1], ",;:.()[]*_"))
			if lv, ok := levelWords[word]; ok && mark != "" {
				marks[mark] = lv
			}
		}
	}
	if len(marks) == 0 {
		return defaultMarks
	}
	return marks
}

// markOf is a field's mark with variation selectors and joiners removed ("‍⭐️" is "⭐"),
// or "" when it holds letters or digits.
func markOf(f string) string {
	var b strings.Builder
	for _, r := range f {
		switch {
		case r == '\u200d' || r == '\ufe0f' || r == '\ufe0e':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return ""
		case unicode.IsPunct(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripMarks removes difficulty marks and joiners from a title.
func stripMarks(t string, marks map[string]pack.Level) string {
	for m := range marks {
		t = strings.ReplaceAll(t, m, "")
	}
	return strings.NewReplacer("\u200d", "", "\ufe0f", "").Replace(t)
}

// questionTitle cleans a question's text for a heading and reads its level: a legend mark,
// or a difficulty word in brackets ("[Easy]", "(hard)") or before a colon ("Medium: ...").
func questionTitle(t string, marks map[string]pack.Level) (string, pack.Level) {
	var level pack.Level
	for m, l := range marks {
		if strings.Contains(t, m) {
			level = max(level, l) // two marks ("⭐️🚀"): the higher
		}
	}
	t = stripMarks(t, marks)
	t = strings.TrimSpace(strings.Trim(strings.TrimSpace(t), "*_"))
	for w, l := range levelWords {
		for _, form := range []string{"[" + w + "]", "(" + w + ")", w + ":"} {
			if i := strings.Index(strings.ToLower(t), form); i >= 0 && (form[0] != w[0] || i == 0) {
				level = l
				t = t[:i] + t[i+len(form):]
			}
		}
	}
	t = qPrefixRe.ReplaceAllString(strings.TrimSpace(t), "")
	return cleanLine(t), level
}

// cleanAnswer turns the blocks under a question into its model answer: <br> lines, "back
// to top" links and rules dropped, "A:" prefixes removed, images replaced by their alt
// text and link, headings demoted so that they cannot start a question.
func cleanAnswer(body string) string {
	lines := strings.Split(body, "\n")
	out := lines[:0]
	fence := ""
	for _, l := range lines {
		if m := fenceRe.FindStringSubmatch(l); m != nil {
			if fence == "" {
				fence = m[1]
			} else if m[1][0] == fence[0] && len(m[1]) >= len(fence) {
				fence = ""
			}
		}
		if fence != "" || fenceRe.MatchString(l) {
			out = append(out, l)
			continue
		}
		// A <br> inside a paragraph is a line break, which the trainer's re-wrapping
		// would join anyway.
		l = strings.TrimRight(inlineBrRe.ReplaceAllString(l, "\n"), "\n")
		t := strings.TrimSpace(l)
		if brLineRe.MatchString(t) || t == "---" || t == "***" || t == "___" || backToTopRe.MatchString(t) && len(t) < 80 && strings.Contains(t, "](") {
			continue
		}
		out = append(out, l)
	}
	md := strings.TrimSpace(strings.Join(out, "\n"))
	md = aPrefixRe.ReplaceAllString(md, "")
	md = imageRe.ReplaceAllStringFunc(md, func(m string) string {
		s := imageRe.FindStringSubmatch(m)
		return imageText(s[1], s[2])
	})
	md = htmlImgRe.ReplaceAllStringFunc(md, func(m string) string {
		var alt, src string
		for _, a := range htmlAttrRe.FindAllStringSubmatch(m, -1) {
			if strings.EqualFold(a[1], "src") {
				src = a[2]
			} else {
				alt = a[2]
			}
		}
		return imageText(alt, src)
	})
	return strings.TrimSpace(demoteHeadings(md))
}

// imageText is what an image becomes: its alt text and its link, which a terminal cannot
// show but the candidate can open.
func imageText(alt, src string) string {
	alt = strings.TrimSpace(alt)
	src = strings.ReplaceAll(strings.TrimSpace(src), " ", "%20")
	if alt == "" {
		return fmt.Sprintf("(image: %s)", src)
	}
	return fmt.Sprintf("%s (image: %s)", escapeInline(alt), src)
}

func placeholder(answer string) bool {
	t := strings.ToLower(strings.Trim(strings.TrimSpace(answer), "*_ ."))
	if t == "" {
		return true
	}
	for _, p := range placeholders {
		if t == strings.Trim(p, ".") || t == p {
			return true
		}
	}
	return false
}

// sectionTag is the tag of the deepest section heading above a question (for a heading
// question, above its own level).
func sectionTag(sections map[int]string, questionLevel int) string {
	for l := 6; l >= 1; l-- {
		if questionLevel > 0 && l >= questionLevel {
			continue
		}
		if t, ok := sections[l]; ok && l > 1 && !contentsHeading(t) {
			return pack.Slug(cleanLine(t))
		}
	}
	return ""
}

// htmlText is the text of an HTML fragment (a <summary>).
func htmlText(h string) string { return cleanLine(stripTags(h)) }
