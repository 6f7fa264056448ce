package anki

import (
	"bytes"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"html"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/JohannesKaufmann/html-to-markdown/v2/converter"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/base"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/commonmark"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/strikethrough"
	"github.com/JohannesKaufmann/html-to-markdown/v2/plugin/table"
	"gopkg.in/yaml.v3"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/safetext"
)

// Options tune Convert.
type Options struct {
	// PackID is the id of the pack; empty: from the deck name (or the file name).
	PackID string
}

// Result is a deck converted to a pack.
type Result struct {
	PackID    string
	FileName  string // PackID + ".md"
	Markdown  []byte
	Questions int
	Levels    [3]int   // questions per level: junior, mid, senior
	First     []string // the first questions' titles, for a dry run
	// Skipped are the entries left out and why ("line 12: What is X? (no answer)").
	Skipped []string
	// Notes tell the candidate what the conversion did, one sentence each, safe to print.
	Notes []string
}

// Ids of imported questions. The note's guid is what Anki keeps stable across exports and
// edits, so the id is the guid itself in an id-safe spelling (base32, lowercase), which
// Export can turn back into the guid so that Anki updates the same notes.
const (
	idPrefix      = "anki-"
	hotseatPrefix = "hotseat:" // guids hotseat writes for its own questions: "hotseat:pack/id"
	maxTitle      = 120        // a front longer than this goes into the prompt
)

var guidEncoding = base32.HexEncoding.WithPadding(base32.NoPadding)

// IDForGUID returns the question id for a note's guid. A guid hotseat wrote
// ("hotseat:pack/id") gives back the original id.
func IDForGUID(guid string) string {
	if _, id, ok := hotseatGUID(guid); ok {
		return id
	}
	id := idPrefix + strings.ToLower(guidEncoding.EncodeToString([]byte(guid)))
	if len(id) <= 64 {
		return id
	}
	// Too long to spell out (only hand-made text exports): a hash, which cannot be turned
	// back, so Export gives such questions new guids. The trailing "-h" cannot occur in a
	// spelled-out id.
	sum := sha256.Sum256([]byte(guid))
	return idPrefix + hex.EncodeToString(sum[:8]) + "-h"
}

// GUIDForID is the inverse of IDForGUID: the guid to export question id of pack packID
// with. Questions that did not come from Anki get "hotseat:pack/id", which is unique and
// stable, so exporting twice updates the same Anki notes.
func GUIDForID(packID, id string) string {
	if rest, ok := strings.CutPrefix(id, idPrefix); ok && !strings.Contains(rest, "-") {
		b, err := guidEncoding.DecodeString(strings.ToUpper(rest))
		if err == nil && len(b) > 0 && strings.ToLower(guidEncoding.EncodeToString(b)) == rest && printableASCII(b) {
			return string(b)
		}
	}
	return hotseatPrefix + packID + "/" + id
}

func hotseatGUID(guid string) (packID, id string, ok bool) {
	rest, found := strings.CutPrefix(guid, hotseatPrefix)
	if !found {
		return "", "", false
	}
	packID, id, found = strings.Cut(rest, "/")
	if !found || !pack.ValidID(packID) || !pack.ValidID(id) {
		return "", "", false
	}
	return packID, id, true
}

func printableASCII(b []byte) bool {
	for _, c := range b {
		if c < 0x21 || c > 0x7e {
			return false
		}
	}
	return true
}

// Convert turns a deck into a pack file: one question per note, the first field as the
// question, the second as the answer, further fields appended to the answer, tags kept
// (in the tag syntax: "ML::Trees" becomes ml-trees), HTML converted to Markdown. A cloze
// note becomes one question with every gap blanked. The result is checked by parsing it.
func Convert(d *Deck, o Options) (*Result, error) {
	c := converterFor()
	packID := o.PackID
	if packID != "" && !pack.ValidID(packID) {
		return nil, fmt.Errorf("bad pack id %q: use lowercase letters, digits and hyphens", packID)
	}
	if packID == "" {
		packID = defaultPackID(d)
	}
	if len(d.Notes) == 0 {
		return nil, fmt.Errorf("%s has no notes: export a deck that has some", d.File)
	}
	if len(d.Notes) > pack.MaxQuestions {
		return nil, fmt.Errorf("%s has %d notes; a pack holds at most %d questions: export a smaller deck or subdeck", d.File, len(d.Notes), pack.MaxQuestions)
	}
	var qs []question
	st := stats{droppedTags: map[string]bool{}}
	for _, n := range d.Notes {
		q, ok := c.question(d, n, &st)
		if !ok {
			continue
		}
		q.id = noteID(n, q.front)
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("%s has no note with a front: nothing to import", d.File)
	}
	res, err := build(packID, deckTitle(d), d.File, "Imported from the Anki deck ", ankiIntro, qs, &st)
	if err != nil {
		return nil, err
	}
	if d.TooLarge > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("skipped %d note(s) over %d KiB: a flashcard is a few KiB, so they are probably pasted documents or images", d.TooLarge, MaxNoteBytes>>10))
	}
	return res, nil
}

const ankiIntro = "Imported from an Anki deck. Each question is a note: its front is the question, its back the\n" +
	"model answer. Anki notes have no key points, so the drill shows the answer and asks you to\n" +
	"rate yourself. To have typed answers scored, add a ### Key points section to a question,\n" +
	"each point ending with (match: words a good answer uses). The question ids come from the\n" +
	"notes' ids in Anki: keep them, and importing the deck again keeps your progress.\n\n"

// build writes questions as a pack file and checks it parses: the common end of every
// import. Ids already used get a number.
func build(packID, title, file, described, intro string, qs []question, st *stats) (*Result, error) {
	var body strings.Builder
	ids := map[string]int{}
	res := &Result{PackID: packID, FileName: packID + ".md", Questions: len(qs)}
	for _, q := range qs {
		if k := ids[q.id]; k > 0 {
			ids[q.id]++
			suffix := fmt.Sprintf("-%d", k+1)
			q.id = strings.TrimRight(q.id[:min(len(q.id), pack.MaxIDLength-len(suffix))], "-") + suffix
			st.duplicates++
		} else {
			ids[q.id] = 1
		}
		q.write(&body)
		if len(res.First) < 5 {
			res.First = append(res.First, cleanLine(q.title))
		}
		res.Levels[q.levelIndex()]++
	}
	var out bytes.Buffer
	out.WriteString("---\n")
	fm, err := yaml.Marshal(frontMatter{
		Pack: packID, Title: title, Version: "1.0.0",
		Description: described + title + ".",
		Time:        "1m",
	})
	if err != nil {
		return nil, err
	}
	out.Write(fm)
	out.WriteString("---\n\n")
	fmt.Fprintf(&out, "# %s\n\n", escapeInline(title))
	out.WriteString(intro)
	out.WriteString(body.String())
	res.Markdown = out.Bytes()
	if err := verify(res, len(qs)); err != nil {
		return nil, fmt.Errorf("converting %s went wrong (%v): please report it with the file", file, err)
	}
	res.Notes = st.notes(len(qs))
	res.Skipped = st.skipped
	return res, nil
}

type frontMatter struct {
	Pack        string `yaml:"pack"`
	Title       string `yaml:"title"`
	Version     string `yaml:"version"`
	Description string `yaml:"description"`
	Time        string `yaml:"time"`
}

// verify parses the generated pack: a conversion bug must show up here, not in the drill.
func verify(res *Result, want int) error {
	if len(res.Markdown) > pack.MaxFileSize {
		return fmt.Errorf("the pack would be %d KiB, over the %d KiB a pack may hold: export a smaller deck or subdeck", len(res.Markdown)>>10, pack.MaxFileSize>>10)
	}
	pk, diags := pack.Parse(res.FileName, res.Markdown)
	if diags.HasErrors() {
		for _, d := range diags {
			if !d.Warning {
				return fmt.Errorf("%s", d)
			}
		}
	}
	if pk == nil || len(pk.Questions) != want {
		return fmt.Errorf("expected %d questions", want)
	}
	return nil
}

// stats counts what the candidate should hear about.
type stats struct {
	emptyFront, emptyBack, media, cloze, duplicates, structured int
	skipped                                                     []string
	source                                                      string // "" (Anki notes) or "question", "row"
	droppedTags                                                 map[string]bool
}

func (s *stats) notes(questions int) []string {
	var out []string
	became := "became questions"
	if questions == 1 {
		became = "became a question"
	}
	switch {
	case s.source != "":
		line := fmt.Sprintf("%s imported; they have no key points, so the drill asks you to rate yourself", count(questions, s.source))
		if len(s.skipped) > 0 {
			line = fmt.Sprintf("%s imported, %d left out (listed below); they have no key points, so the drill asks you to rate yourself", count(questions, s.source), len(s.skipped))
		}
		out = append(out, line)
	case s.structured == questions:
		out = append(out, fmt.Sprintf("%s %s with their key points, options, level and time (exported by hotseat)", count(questions, "note"), became))
	case s.structured > 0:
		out = append(out, fmt.Sprintf("%s %s; %d exported by hotseat kept their key points, the others have none, so the drill asks you to rate yourself", count(questions, "note"), became, s.structured))
	default:
		out = append(out, fmt.Sprintf("%s %s; Anki notes have no key points, so the drill asks you to rate yourself", count(questions, "note"), became))
	}
	if s.cloze > 0 {
		out = append(out, fmt.Sprintf("%s became one question each, every gap blanked", count(s.cloze, "cloze note")))
	}
	if s.emptyFront > 0 {
		out = append(out, fmt.Sprintf("%s with an empty front left out", count(s.emptyFront, "note")))
	}
	if s.emptyBack > 0 {
		out = append(out, fmt.Sprintf("%s with an empty back: the answer says so", count(s.emptyBack, "note")))
	}
	if s.media > 0 {
		out = append(out, fmt.Sprintf("%s with images or sound, which are not imported", count(s.media, "note")))
	}
	if s.duplicates > 0 {
		noun := "note"
		if s.source != "" {
			noun = s.source
		}
		out = append(out, fmt.Sprintf("%s with an id already used got a numbered one", count(s.duplicates, noun)))
	}
	if len(s.droppedTags) > 0 {
		tags := make([]string, 0, len(s.droppedTags))
		for t := range s.droppedTags {
			tags = append(tags, cleanLine(t))
		}
		sort.Strings(tags)
		if len(tags) > 5 {
			tags = append(tags[:5], "…")
		}
		out = append(out, "tags without letters a-z or digits were dropped: "+strings.Join(tags, ", "))
	}
	return out
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// defaultPackID names the pack: after hotseat's own pack when the deck was exported by
// hotseat, else after the deck, else after the file.
func defaultPackID(d *Deck) string {
	common := ""
	for i, n := range d.Notes {
		p, _, ok := hotseatGUID(n.GUID)
		if !ok || i > 0 && p != common {
			common = ""
			break
		}
		common = p
	}
	if common != "" {
		return common
	}
	if id := pack.Slug(cleanLine(d.Name)); id != "" && !strings.EqualFold(d.Name, "default") {
		return id
	}
	base := strings.TrimSuffix(filepath.Base(d.File), filepath.Ext(d.File))
	if id := pack.Slug(base); id != "" {
		return id
	}
	return "anki-deck"
}

func deckTitle(d *Deck) string {
	name := cleanLine(strings.ReplaceAll(d.Name, "::", " / "))
	if name == "" {
		name = cleanLine(strings.TrimSuffix(filepath.Base(d.File), filepath.Ext(d.File)))
	}
	if name == "" {
		name = "Anki deck"
	}
	return name
}

// noteID is the question id of a note: from its guid, or, in a text export without a guid
// column, from its front (stable as long as the front does not change).
func noteID(n Note, front string) string {
	if n.GUID != "" {
		return IDForGUID(n.GUID)
	}
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(front), " ")))
	return "note-" + hex.EncodeToString(sum[:6])
}

// question is one note ready to write.
type question struct {
	id, title, prompt, answer, front string
	tags                             []string
	level                            pack.Level    // 0: the pack's default (mid)
	time                             time.Duration // 0: the pack's default
	meta                             *noteMeta     // a note hotseat exported: its structure
}

// levelIndex is the question's level as an index of Result.Levels.
func (q *question) levelIndex() int {
	if q.meta != nil {
		for i, l := range pack.Levels {
			if strings.HasPrefix(q.meta.fields, "level: "+l.String()+" ") {
				return i
			}
		}
	}
	if q.level >= pack.Junior && q.level <= pack.Senior {
		return int(q.level - pack.Junior)
	}
	return int(pack.Mid - pack.Junior)
}

func (q *question) write(b *strings.Builder) {
	fmt.Fprintf(b, "## %s {#%s}\n", q.title, q.id)
	var fields []string
	if len(q.tags) > 0 {
		fields = append(fields, "tags: "+strings.Join(q.tags, ", "))
	}
	if q.meta != nil {
		fields = append(fields, q.meta.fields)
	} else if q.level != 0 || q.time != 0 {
		if q.level != 0 {
			fields = append(fields, "level: "+q.level.String())
		}
		if q.time != 0 {
			fields = append(fields, "time: "+pack.FormatTime(q.time))
		}
	} else if len(fields) == 0 && q.prompt != "" {
		// The first line under a heading may be read as fields; a prompt must not be.
		fields = append(fields, "level: mid")
	}
	if len(fields) > 0 {
		b.WriteString(strings.Join(fields, " · ") + "\n")
	}
	b.WriteString("\n")
	if q.prompt != "" {
		b.WriteString(q.prompt + "\n\n")
	}
	b.WriteString("### Answer\n" + q.answer + "\n\n")
	if q.meta != nil {
		for _, sec := range q.meta.sections {
			b.WriteString(sec + "\n")
		}
	}
}

// noteMeta is the structure of a question hotseat exported (see metaOpen), checked line by
// line: a fields line, then sections of list items, nothing else, so that an edited or
// hostile note cannot add questions or sections of its own.
type noteMeta struct {
	fields   string   // "level: mid · time: 3m"
	sections []string // "### Key points\n- ...\n", in order
	choices  bool
}

var (
	metaRe      = regexp.MustCompile(`(?s)<pre hidden class="hotseat">(.*?)</pre>`)
	metaFieldRe = regexp.MustCompile(`^level: (junior|mid|senior) · time: [0-9hms]+$`)
	frontListRe = regexp.MustCompile(`(?s)<ol>.*</ol>\s*$`)
	keyPointsRe = regexp.MustCompile(`(?s)<p><b>Key points</b></p><ul>.*?</ul>`)
	correctRe   = regexp.MustCompile(`^<p><b>Correct:</b> .*?</p>`)
)

// parseMeta reads the hidden structure from a note's back; ok is false when there is none
// or it is not what hotseat writes.
func parseMeta(back string) (m *noteMeta, rest string, ok bool) {
	loc := metaRe.FindStringSubmatchIndex(back)
	if loc == nil {
		return nil, back, false
	}
	src := safetext.Clean(html.UnescapeString(back[loc[2]:loc[3]]))
	lines := strings.Split(strings.TrimSpace(src), "\n")
	if len(lines) == 0 || !metaFieldRe.MatchString(lines[0]) {
		return nil, back, false
	}
	m = &noteMeta{fields: lines[0]}
	var sec *strings.Builder
	for _, l := range lines[1:] {
		switch {
		case l == "### Choices" || l == "### Key points" || l == "### Follow-ups" || l == "### Related":
			if sec != nil {
				m.sections = append(m.sections, sec.String())
			}
			sec = &strings.Builder{}
			sec.WriteString(l + "\n")
			m.choices = m.choices || l == "### Choices"
		case strings.HasPrefix(l, "- ") && sec != nil && !strings.ContainsAny(l, "\r"):
			sec.WriteString(l + "\n")
		default:
			return nil, back, false
		}
	}
	if sec != nil {
		m.sections = append(m.sections, sec.String())
	}
	rest = back[:loc[0]] + back[loc[1]:]
	return m, rest, true
}

var (
	clozeRe = regexp.MustCompile(`(?s)\{\{c\d+::(.*?)(?:::(.*?))?\}\}`)
	soundRe = regexp.MustCompile(`\[sound:[^\]]*\]`)
	imgRe   = regexp.MustCompile(`(?i)<img\b`)
)

// mdConverter converts Anki HTML to Markdown.
type mdConverter struct {
	conv *converter.Converter
}

var converterFor = sync.OnceValue(func() *mdConverter {
	return &mdConverter{conv: converter.NewConverter(converter.WithPlugins(
		base.NewBasePlugin(),
		commonmark.NewCommonmarkPlugin(commonmark.WithListEndComment(false)),
		strikethrough.NewStrikethroughPlugin(),
		table.NewTablePlugin(),
	))}
})

func (c *mdConverter) question(d *Deck, n Note, st *stats) (question, bool) {
	field := func(i int) string {
		if i < len(n.Fields) {
			return n.Fields[i]
		}
		return ""
	}
	front, back := field(0), field(1)
	media := soundRe.MatchString(strings.Join(n.Fields, "")) || imgRe.MatchString(strings.Join(n.Fields, ""))
	if media {
		st.media++
	}
	extraFrom := 2
	isCloze := clozeRe.MatchString(front)
	if !d.HTML {
		front, back = plainToHTML(front), plainToHTML(back)
	}
	if isCloze {
		st.cloze++
		text := front
		front = clozeRe.ReplaceAllStringFunc(text, func(m string) string {
			sub := clozeRe.FindStringSubmatch(m)
			if strings.TrimSpace(sub[2]) != "" {
				return "[" + sub[2] + "]"
			}
			return "[…]"
		})
		revealed := clozeRe.ReplaceAllString(text, "<b>$1</b>")
		if strings.TrimSpace(back) != "" {
			revealed += "<br><br>" + back
		}
		back = revealed
	}
	q := question{}
	if d.HTML && !isCloze {
		if m, rest, ok := parseMeta(back); ok {
			// A note hotseat exported: what it wrote beside the answer for Anki's sake
			// (the correct options, the key points' text, the options on the front) is
			// in the structure already.
			q.meta = m
			back = keyPointsRe.ReplaceAllString(correctRe.ReplaceAllString(strings.TrimSpace(rest), ""), "")
			if m.choices {
				front = frontListRe.ReplaceAllString(front, "")
			}
			st.structured++
		}
	}
	q.front = c.markdown(front)
	if q.front == "" {
		st.emptyFront++
		return q, false
	}
	q.title, q.prompt = splitFront(q.front)
	if q.meta != nil {
		// hotseat wrote the question as the first paragraph and its context after it.
		title, prompt, _ := strings.Cut(q.front, "\n\n")
		if t := strings.Join(strings.Fields(title), " "); t != "" && !blockLine(t) {
			q.title, q.prompt = t, strings.TrimSpace(prompt)
		}
	}
	q.answer = c.markdown(back)
	for i := extraFrom; i < len(n.Fields); i++ {
		v := n.Fields[i]
		if !d.HTML {
			v = plainToHTML(v)
		}
		md := c.markdown(v)
		if md == "" {
			continue
		}
		name := ""
		if i < len(n.FieldNames) {
			name = cleanLine(n.FieldNames[i])
		}
		if name == "" {
			name = fmt.Sprintf("Field %d", i+1)
		}
		q.answer = strings.TrimSpace(q.answer + "\n\n**" + escapeInline(name) + ":** " + md)
	}
	if q.answer == "" {
		st.emptyBack++
		q.answer = "_The Anki note has no back._"
	}
	q.tags = tagsOf(d, n, st)
	return q, true
}

// tagsOf normalises a note's tags, and adds the part of its deck below the pack's deck as
// a tag too ("ML::Trees" in pack "ML" gives "trees").
func tagsOf(d *Deck, n Note, st *stats) []string {
	var out []string
	add := func(t string) {
		s := pack.Slug(cleanLine(t))
		if s == "" {
			if strings.TrimSpace(t) != "" {
				st.droppedTags[t] = true
			}
			return
		}
		for _, x := range out {
			if x == s {
				return
			}
		}
		out = append(out, s)
	}
	for _, t := range n.Tags {
		add(t)
	}
	if d.Name != "" && strings.HasPrefix(n.Deck, d.Name+"::") {
		add(strings.TrimPrefix(n.Deck, d.Name+"::"))
	}
	return out
}

// markdown converts one field's HTML to Markdown that is safe for the terminal and cannot
// change the pack's structure.
func (c *mdConverter) markdown(h string) string {
	// Cleaned before converting as well as after: the converter escapes Markdown
	// characters, which would split a sequence like ESC [ into ESC \ [ and leave part of
	// it behind as text.
	h = safetext.Clean(soundRe.ReplaceAllString(h, ""))
	if strings.TrimSpace(h) == "" {
		return ""
	}
	md, err := c.conv.ConvertString(h)
	if err != nil {
		md = html.UnescapeString(stripTags(h))
	}
	md = strings.ReplaceAll(md, "\u00a0", " ")
	md = safetext.Clean(md)
	return strings.TrimSpace(demoteHeadings(md))
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

func stripTags(h string) string { return tagRe.ReplaceAllString(h, " ") }

// plainToHTML lets a plain-text field go through the same conversion as HTML: Markdown
// characters in it are then escaped, and its line breaks kept.
func plainToHTML(s string) string {
	return strings.ReplaceAll(html.EscapeString(s), "\n", "<br>")
}

var (
	atxRe    = regexp.MustCompile(`^ {0,3}#{1,6}(?:[ \t]|$)`)
	setextRe = regexp.MustCompile(`^ {0,3}(?:=+|-+)[ \t]*$`)
	fenceRe  = regexp.MustCompile("^ {0,3}(`{3,}|~{3,})")
)

// demoteHeadings keeps converted text from starting questions or sections: in a pack, a
// ## heading is a question and ### a section. Headings become plain text (their # escaped),
// and a line that would underline the previous one into a heading is set apart by a blank
// line. Hard line breaks become paragraph breaks. Fenced code is left alone.
func demoteHeadings(md string) string {
	lines := strings.Split(md, "\n")
	out := make([]string, 0, len(lines))
	fence := ""
	for i, l := range lines {
		if fence != "" {
			if m := fenceRe.FindStringSubmatch(l); m != nil && m[1][0] == fence[0] && len(m[1]) >= len(fence) && strings.TrimSpace(strings.TrimLeft(l, " ")[len(m[1]):]) == "" {
				fence = ""
			}
			out = append(out, l)
			continue
		}
		if m := fenceRe.FindStringSubmatch(l); m != nil {
			fence = m[1]
			out = append(out, l)
			continue
		}
		switch {
		case atxRe.MatchString(l):
			k := strings.Index(l, "#")
			l = l[:k] + `\` + l[k:]
		case setextRe.MatchString(l) && i > 0 && strings.TrimSpace(lines[i-1]) != "":
			out = append(out, "")
		}
		if strings.HasSuffix(l, "  ") && strings.TrimSpace(l) != "" && i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
			// A hard line break (Anki's <br>): a paragraph break instead, which every
			// renderer keeps; the trainer joins the lines of a paragraph to re-wrap them.
			out = append(out, strings.TrimRight(l, " "), "")
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// splitFront makes a heading of the front: a short one-line front is the heading itself;
// a longer one is shortened for the heading and shown whole as the prompt.
func splitFront(front string) (title, prompt string) {
	lines := strings.Split(front, "\n")
	if len(lines) == 1 && utf8.RuneCountInString(front) <= maxTitle && !blockLine(front) {
		return front, ""
	}
	first := ""
	for _, l := range lines {
		if t := strings.TrimSpace(l); t != "" && !blockLine(t) {
			first = t
			break
		}
	}
	if first == "" {
		return "See the card below", front
	}
	return shorten(first, 80), front
}

// blockLine reports whether a line only makes sense as a block: a list item, a quote, a
// fence, a table row, an image or a thematic break.
func blockLine(l string) bool {
	t := strings.TrimSpace(l)
	for _, p := range []string{"- ", "* ", "+ ", ">", "```", "~~~", "|", "![", "\\#"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	if t == "* * *" || t == "---" {
		return true
	}
	if i := strings.IndexAny(t, ".)"); i > 0 && i < 10 && strings.Trim(t[:i], "0123456789") == "" {
		return true // an ordered list item
	}
	return false
}

// shorten cuts s to about n characters at a word boundary, adding "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)[:n]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

// escapeInline escapes the characters that would make plain text Markdown syntax.
func escapeInline(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*_{}[]<>#|!~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// cleanLine makes untrusted text safe to print on one line.
func cleanLine(s string) string {
	return strings.Join(strings.Fields(safetext.Clean(s)), " ")
}
