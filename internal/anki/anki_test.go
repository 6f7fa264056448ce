package anki_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hotseat/hotseat/internal/anki"
	"github.com/hotseat/hotseat/internal/anki/ankitest"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/score"
	"github.com/hotseat/hotseat/questions"
)

// deck is the test deck: basic notes with HTML, a long front, tags in the Anki spelling,
// a subdeck, a cloze, media, and an empty back.
var deck = []ankitest.Note{
	{GUID: "f:_Lh0E3A(", Deck: "ML::Ensembles", Tags: []string{"ML::Ensembles", "marked"},
		Fields: []string{"What is <b>bagging</b>?", "Training models on <i>bootstrap</i> samples<br>and averaging them."}},
	{GUID: "Ab+/9zX[q", Deck: "ML::Ensembles::Boosting", Tags: []string{"boosting"},
		Fields: []string{"<div>Explain gradient boosting to a new colleague, covering what each tree fits, how the learning rate enters, and when to stop adding trees.</div><div><br></div><ul><li>residuals</li><li>shrinkage</li></ul>",
			"<p>Each tree fits the <code>negative gradient</code> of the loss.</p>"}},
	{GUID: "cloze123", Deck: "ML::Ensembles", Cloze: true,
		Fields: []string{"Random forests pick {{c1::a random subset of features::what?}} at each {{c2::split}}.", "Extra context"}},
	{GUID: "media-1", Deck: "ML::Ensembles", Tags: []string{"日本語"},
		Fields: []string{"Which curve is this? <img src=\"roc.png\"> [sound:q.mp3]", ""}},
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// convert reads and converts a deck file, checks the pack lints without errors, and
// returns the pack.
func convert(t *testing.T, path string, o anki.Options) (*anki.Result, *pack.Pack) {
	t.Helper()
	d, err := anki.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := anki.Convert(d, o)
	if err != nil {
		t.Fatal(err)
	}
	pk, diags := pack.Parse(res.FileName, res.Markdown)
	if diags.HasErrors() {
		t.Fatalf("converted pack has errors: %v\n%s", diags, res.Markdown)
	}
	for _, d := range diags {
		if !strings.Contains(d.Message, "has no key points") {
			t.Errorf("unexpected warning: %s", d)
		}
	}
	return res, pk
}

func TestPackageFormats(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    ankitest.Format
	}{{"anki2", ankitest.Legacy2}, {"anki21", ankitest.Legacy21}, {"anki21b", ankitest.Modern}} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeTemp(t, "ML.apkg", ankitest.Package(t, tc.f, deck,
				ankitest.Entry{Name: "../../escape.md", Data: []byte("x")}, ankitest.Entry{Name: "0", Data: []byte("png")}))
			res, pk := convert(t, path, anki.Options{})
			if pk.ID != "ml-ensembles" || pk.Title != "ML / Ensembles" || pk.Version != "1.0.0" || res.Questions != 4 {
				t.Errorf("pack %s %q %s, %d questions", pk.ID, pk.Title, pk.Version, res.Questions)
			}
			q := pk.Questions
			if q[0].ID != anki.IDForGUID("f:_Lh0E3A(") || q[0].Title != "What is **bagging**?" ||
				q[0].Body().Answer != "Training models on *bootstrap* samples\n\nand averaging them." {
				t.Errorf("first question: %+v", q[0])
			}
			if !slices.Equal(q[0].Tags, []string{"ml-ensembles", "marked"}) {
				t.Errorf("first tags %v", q[0].Tags)
			}
			// A long front is shortened for the heading and shown whole as the prompt.
			if !strings.HasSuffix(q[1].Title, "…") || !strings.Contains(q[1].Body().Prompt, "- residuals") ||
				!slices.Equal(q[1].Tags, []string{"boosting"}) || q[1].Body().Answer != "Each tree fits the `negative gradient` of the loss." {
				t.Errorf("long front: title %q prompt %q tags %v answer %q", q[1].Title, q[1].Body().Prompt, q[1].Tags, q[1].Body().Answer)
			}
			// Markdown: the brackets are escaped so they show as brackets.
			if q[2].Title != `Random forests pick \[what?] at each \[…].` {
				t.Errorf("cloze title %q", q[2].Title)
			}
			if !strings.Contains(q[2].Body().Answer, "**a random subset of features**") || !strings.Contains(q[2].Body().Answer, "Extra context") {
				t.Errorf("cloze answer %q", q[2].Body().Answer)
			}
			if q[3].Body().Answer != "_The Anki note has no back._" || strings.Contains(q[3].Title, "sound") {
				t.Errorf("media note: %+v", q[3])
			}
			notes := strings.Join(res.Notes, "\n")
			for _, want := range []string{"4 notes became questions", "1 cloze note became", "1 note with images or sound", "1 note with an empty back", "dropped: 日本語"} {
				if !strings.Contains(notes, want) {
					t.Errorf("notes lack %q:\n%s", want, notes)
				}
			}
		})
	}
}

func TestReimportKeepsIDs(t *testing.T) {
	first, _ := convert(t, writeTemp(t, "a.apkg", ankitest.Package(t, ankitest.Legacy21, deck)), anki.Options{})
	// The same deck, edited in Anki and exported in the newer format: fronts and order
	// change, guids do not.
	edited := slices.Clone(deck)
	edited[0].Fields = []string{"What is bagging, really?", "Bootstrap aggregating."}
	slices.Reverse(edited)
	_, pk := convert(t, writeTemp(t, "b.apkg", ankitest.Package(t, ankitest.Modern, edited)), anki.Options{})
	firstPk, _ := pack.Parse("a.md", first.Markdown)
	ids := func(p *pack.Pack) []string {
		var out []string
		for _, q := range p.Questions {
			out = append(out, q.Key())
		}
		slices.Sort(out)
		return out
	}
	if !slices.Equal(ids(firstPk), ids(pk)) {
		t.Errorf("ids changed on re-import:\n%v\n%v", ids(firstPk), ids(pk))
	}
}

func TestGUIDRoundTrip(t *testing.T) {
	idRe := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	for _, guid := range []string{"f:_Lh0E3A(", "Ab+/9zX[q", "x", "B`~|}{", strings.Repeat("g", 36)} {
		id := anki.IDForGUID(guid)
		if !idRe.MatchString(id) || len(id) > 64 {
			t.Errorf("IDForGUID(%q) = %q is not an id", guid, id)
		}
		if back := anki.GUIDForID("p", id); back != guid {
			t.Errorf("GUIDForID(IDForGUID(%q)) = %q", guid, back)
		}
	}
	long := strings.Repeat("g", 60)
	if id := anki.IDForGUID(long); len(id) > 64 || anki.GUIDForID("p", id) != "hotseat:p/"+id {
		t.Errorf("a guid too long to spell: %q", id)
	}
	// Native ids, including ones that look like imported ones, export under hotseat's guid.
	for _, id := range []string{"bagging-vs-boosting", "anki-basics", "anki-intro"} {
		if got := anki.GUIDForID("ensembles", id); got != "hotseat:ensembles/"+id {
			t.Errorf("GUIDForID(%s) = %q", id, got)
		}
		if back := anki.IDForGUID("hotseat:ensembles/" + id); back != id {
			t.Errorf("IDForGUID(hotseat guid of %s) = %q", id, back)
		}
	}
}

func TestPackageErrors(t *testing.T) {
	big := ankitest.Zip(t, ankitest.Entry{Name: "collection.anki21", Data: bytes.Repeat([]byte{0}, 1024)})
	// Claim a size over the limit in the central directory: refused before reading.
	i := bytes.LastIndex(big, []byte("PK\x01\x02"))
	copy(big[i+24:i+28], []byte{0xff, 0xff, 0xff, 0x7f})
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("PK\x03\x04 nonsense"), "is not a readable Anki package"},
		{"no collection", ankitest.Zip(t, ankitest.Entry{Name: "media", Data: []byte("{}")}, ankitest.Entry{Name: "sub/collection.anki2", Data: []byte("x")}), "holds no Anki collection"},
		{"not sqlite", ankitest.Zip(t, ankitest.Entry{Name: "collection.anki21", Data: []byte("hello")}), "is not an SQLite database"},
		{"stub only", ankitest.Zip(t, ankitest.Entry{Name: "collection.anki2", Data: ankitest.Collection(t, false, []ankitest.Note{{GUID: "s", Fields: []string{"Please update to the latest Anki version, then import the .colpkg/.apkg file again.", ""}}})}), `"Support older Anki versions"`},
		{"bad zstd", ankitest.Zip(t, ankitest.Entry{Name: "collection.anki21b", Data: []byte("not zstd")}), "cannot decompress"},
		{"too large", big, "hotseat reads decks up to 64 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := anki.ReadFile(writeTemp(t, "deck.apkg", tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
	if _, err := anki.ReadFile(writeTemp(t, "deck.apkg", []byte("plain text"))); err == nil || !strings.Contains(err.Error(), "not a zip file") {
		t.Errorf("an .apkg that is not a zip: %v", err)
	}
}

// textExport uses every header Anki writes or reads, quoted multi-line fields, a field
// holding the separator, and a note in a subdeck.
const textExport = "#separator:tab\n" +
	"#html:true\n" +
	"#tags:imported from-text\n" +
	"#columns:GUID\tNotetype\tDeck\tFront\tBack\tExtra\tTags\n" +
	"#deck:Interviews::MLOps\n" +
	"#notetype:Basic\n" +
	"#guid column:1\n" +
	"#notetype column:2\n" +
	"#deck column:3\n" +
	"#tags column:7\n" +
	"# a comment line\n" +
	"g1\tBasic\tInterviews::MLOps\tWhat is a <b>feature store</b>?\t\"A store of features,\n" +
	"served \"\"online\"\" and offline.\"\tSee also\tmlops serving::online\n" +
	"g2\tBasic\tInterviews::MLOps::Monitoring\t\"Name two kinds of drift\tbriefly\"\tData drift and concept drift.\t\tmonitoring\n" +
	"\n" +
	"g3\tCloze\tInterviews::MLOps\tA canary release sends {{c1::a small share}} of traffic to the new model.\t\t\t\n"

func TestTextExport(t *testing.T) {
	res, pk := convert(t, writeTemp(t, "mlops.txt", []byte(textExport)), anki.Options{})
	if pk.ID != "interviews-mlops" || pk.Title != "Interviews / MLOps" || res.Questions != 3 {
		t.Fatalf("pack %s %q with %d questions", pk.ID, pk.Title, res.Questions)
	}
	q := pk.Questions
	if q[0].ID != anki.IDForGUID("g1") || q[0].Title != "What is a **feature store**?" {
		t.Errorf("q0 %+v", q[0])
	}
	if q[0].Body().Answer != "A store of features, served \"online\" and offline.\n\n**Extra:** See also" {
		t.Errorf("q0 answer %q", q[0].Body().Answer)
	}
	if !slices.Equal(q[0].Tags, []string{"imported", "from-text", "mlops", "serving-online"}) {
		t.Errorf("q0 tags %v", q[0].Tags)
	}
	if q[1].Title != "Name two kinds of drift briefly" || !slices.Contains(q[1].Tags, "monitoring") {
		t.Errorf("q1 %q %v", q[1].Title, q[1].Tags)
	}
	if q[2].Title != `A canary release sends \[…] of traffic to the new model.` {
		t.Errorf("q2 %q", q[2].Title)
	}

	// #html:false: markup characters are text, and line breaks stay.
	plain := "#separator:Semicolon\n#html:false\nfront;\"line one\nline *two* <b>\"\n"
	_, pk = convert(t, writeTemp(t, "plain.csv", []byte(plain)), anki.Options{PackID: "plain-deck"})
	if pk.ID != "plain-deck" || pk.Questions[0].Body().Answer != "line one\n\nline \\*two* &lt;b&gt;" {
		t.Errorf("plain: %s %q", pk.ID, pk.Questions[0].Body().Answer)
	}
	// Without a guid column the id comes from the front, so it is stable too.
	_, again := convert(t, writeTemp(t, "plain2.csv", []byte(plain)), anki.Options{PackID: "plain-deck"})
	if again.Questions[0].ID != pk.Questions[0].ID || !strings.HasPrefix(pk.Questions[0].ID, "note-") {
		t.Errorf("front ids %s and %s", pk.Questions[0].ID, again.Questions[0].ID)
	}
}

func TestTextExportErrors(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"bad separator", "#separator:slash\na\tb\n", "deck.txt:1: unknown #separator:slash"},
		{"bad column", "#guid column:zero\na\tb\n", "deck.txt:1: #guid column: wants a column number"},
		{"unclosed quote", "#separator:tab\nfront\t\"back\n", ""},
		{"no notes", "#separator:tab\n", "has no notes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := anki.ReadFile(writeTemp(t, "deck.txt", []byte(tc.src)))
			if err == nil {
				_, err = anki.Convert(d, anki.Options{})
			}
			if tc.want == "" {
				return // read leniently, as Anki does: LazyQuotes
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// hostile is the same attack in every spelling: raw escape sequences, and the HTML
// entities that decode to them.
var hostile = []string{
	"\x1b]52;c;ZWNobyBwd25lZA==\x07", // OSC 52: write the clipboard
	"\x1b[2J",                        // CSI 2J: clear the screen
	"\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", // OSC 8: a hyperlink
	"&#27;]52;c;aGk=&#7;", "&#x1b;[2J", "&#x1B;]8;;https://evil.example&#x1b;\\x",
	"\u009b2J", // C1 CSI
}

func TestHostileDeckIsCleaned(t *testing.T) {
	attack := strings.Join(hostile, " ")
	notes := []ankitest.Note{
		{GUID: "h1", Deck: "Evil" + attack, Tags: []string{"tag\x1b[31m"},
			Fields: []string{"Question " + attack + "?", "Answer " + attack, "Extra " + attack}},
		{GUID: "h2", Fields: []string{"<h2>## Not a question {#x}</h2>\n### Answer\n---", "<h3>Key points</h3><p>fine</p>"}},
	}
	check := func(t *testing.T, res *anki.Result, pk *pack.Pack) {
		t.Helper()
		if bytes.ContainsAny(res.Markdown, "\x1b\x07\u009b") || bytes.Contains(res.Markdown, []byte("&#")) {
			t.Errorf("pack file holds escape material:\n%q", res.Markdown)
		}
		for _, n := range res.Notes {
			if strings.ContainsAny(n, "\x1b\x07\u009b") {
				t.Errorf("note %q", n)
			}
		}
		if len(pk.Questions) != 2 || pk.Questions[1].ID != anki.IDForGUID("h2") {
			t.Fatalf("headings in fields changed the structure: %d questions\n%s", len(pk.Questions), res.Markdown)
		}
	}
	t.Run("apkg", func(t *testing.T) {
		res, pk := convert(t, writeTemp(t, "evil.apkg", ankitest.Package(t, ankitest.Legacy21, notes)), anki.Options{})
		check(t, res, pk)
	})
	t.Run("text", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("#separator:tab\n#html:true\n#guid column:1\n#deck:Evil" + attack + "\n")
		for _, n := range notes {
			b.WriteString(n.GUID)
			for _, f := range n.Fields {
				b.WriteString("\t\"" + strings.ReplaceAll(f, `"`, `""`) + "\"")
			}
			b.WriteString("\n")
		}
		res, pk := convert(t, writeTemp(t, "evil.txt", []byte(b.String())), anki.Options{})
		check(t, res, pk)
	})
}

func TestExportRoundTrip(t *testing.T) {
	src := `---
pack: ensembles-mini
title: Ensembles, mini
version: 1.2.0
tags: [ensembles]
---

## What is bagging? {#bagging}
tags: bootstrap

Context with ` + "`code`" + ` and a tab	here.

### Answer
Training on *bootstrap* samples; "averaging".

### Key points
- Bootstrap samples (match: bootstrap)

## Which trains learners independently? {#which-parallel}

### Choices
- [x] Bagging
- [ ] Boosting

### Answer
Bagging.
`
	pk, diags := pack.Parse("mini.md", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var out bytes.Buffer
	if err := anki.WriteText(&out, pk); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"#separator:tab\n", "#html:true\n", "#columns:GUID\tFront\tBack\tTags\n", "#guid column:1\n", "#tags column:4\n", "#deck:Ensembles, mini\n",
		"hotseat:ensembles-mini/bagging\t", "<li>Bootstrap samples</li>", "\tensembles bootstrap\n", "<ol><li>Bagging</li><li>Boosting</li></ol>", "<b>Correct:</b> 1. Bagging"} {
		if !strings.Contains(text, want) {
			t.Errorf("export lacks %q:\n%s", want, text)
		}
	}
	// Importing the export gives the same pack id and question ids back.
	res, back := convert(t, writeTemp(t, "mini.txt", out.Bytes()), anki.Options{})
	if back.ID != "ensembles-mini" || len(back.Questions) != 2 || back.Questions[0].ID != "bagging" || back.Questions[1].ID != "which-parallel" {
		t.Errorf("round trip: %s %v\n%s", back.ID, back.Questions, res.Markdown)
	}
	if !slices.Equal(back.Questions[0].Tags, []string{"ensembles", "bootstrap"}) {
		t.Errorf("round-trip tags %v", back.Questions[0].Tags)
	}

	// An imported question exports under its Anki guid, so Anki updates the same note.
	_, imported := convert(t, writeTemp(t, "ml.apkg", ankitest.Package(t, ankitest.Legacy21, deck[:1])), anki.Options{})
	out.Reset()
	if err := anki.WriteText(&out, imported); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "\nf:_Lh0E3A(\t") {
		t.Errorf("imported question not exported under its guid:\n%s", out.String())
	}
}

// A note with a huge field is skipped and counted, not converted: a 24 MB field used to
// take 1.3 GB (issue "Hostile input", finding 5). The rest of the deck converts.
func TestHugeNoteSkipped(t *testing.T) {
	notes := append(slices.Clone(deck), ankitest.Note{GUID: "huge", Fields: []string{"Big?", strings.Repeat("<p>lorem ipsum</p>", 2<<20/18)}})
	res, pk := convert(t, writeTemp(t, "big.apkg", ankitest.Package(t, ankitest.Modern, notes)), anki.Options{})
	if len(pk.Questions) != len(deck) {
		t.Errorf("%d questions, want the %d normal notes", len(pk.Questions), len(deck))
	}
	if notes := strings.Join(res.Notes, "\n"); !strings.Contains(notes, "skipped 1 note(s) over 256 KiB") {
		t.Errorf("notes do not say the huge note was skipped:\n%s", notes)
	}
}

// A collection that grows thousands of times when decompressed is refused as a user error
// before it is read: a zip bomb under the size cap used 865 MB.
func TestZipBombRefused(t *testing.T) {
	bomb := ankitest.Zip(t, ankitest.Entry{Name: "collection.anki21", Data: make([]byte, 40<<20)})
	_, err := anki.ReadFile(writeTemp(t, "bomb.apkg", bomb))
	if err == nil || !strings.Contains(err.Error(), "zip bomb") || strings.Contains(err.Error(), "report") {
		t.Errorf("ReadFile = %v, want a user error about a zip bomb", err)
	}
}

// Every embedded pack exported to Anki and imported back, as a text export and as a
// package built from the same notes, keeps each question's id, title, kind, level, time,
// options, key points with their match terms, misconceptions and follow-ups; the question
// is not repeated in its prompt, nor the options and key points in its answer; and the
// imported model answer still earns every key point.
func TestExportRoundTripEveryEmbeddedPack(t *testing.T) {
	packs, diags := pack.LoadFS(questions.FS, "questions")
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, pk := range packs {
		var out bytes.Buffer
		if err := anki.WriteText(&out, pk); err != nil {
			t.Fatal(err)
		}
		txt := writeTemp(t, pk.ID+".txt", out.Bytes())
		d, err := anki.ReadFile(txt)
		if err != nil {
			t.Fatal(err)
		}
		notes := make([]ankitest.Note, len(d.Notes))
		for i, n := range d.Notes {
			notes[i] = ankitest.Note{GUID: n.GUID, Fields: n.Fields, Tags: n.Tags, Deck: pk.Title}
		}
		apkg := writeTemp(t, pk.ID+".apkg", ankitest.Package(t, ankitest.Modern, notes))
		for _, path := range []string{txt, apkg} {
			res, back := convert(t, path, anki.Options{PackID: pk.ID})
			if len(back.Questions) != len(pk.Questions) {
				t.Fatalf("%s: %d questions back of %d", path, len(back.Questions), len(pk.Questions))
			}
			if !strings.Contains(res.Notes[0], "with their key points, options, level and time") {
				t.Errorf("%s: notes say %q", path, res.Notes[0])
			}
			for i, q := range pk.Questions {
				checkRoundTrip(t, filepath.Base(path), q, back.Questions[i])
			}
		}
	}
}

func checkRoundTrip(t *testing.T, file string, want, got *pack.Question) {
	t.Helper()
	where := file + ": " + want.Key()
	same := func(what string, a, b any) {
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: %s %v, want %v", where, what, a, b)
		}
	}
	same("id", got.ID, want.ID)
	// Titles are Markdown: the converter escapes punctuation (scale\_pos\_weight), which
	// renders the same.
	unescape := regexp.MustCompile(`\\([[:punct:]])`)
	same("title", unescape.ReplaceAllString(got.Title, "$1"), want.Title)
	same("kind", got.Kind, want.Kind)
	same("level", got.Level, want.Level)
	same("time", got.Time, want.Time)
	same("choices", got.Body().Choices, want.Body().Choices)
	same("follow-ups", got.FollowUps, want.FollowUps)
	same("related", got.Related, want.Related)
	same("key points", len(got.Body().KeyPoints), len(want.Body().KeyPoints))
	for i := range min(len(got.Body().KeyPoints), len(want.Body().KeyPoints)) {
		same("key point", got.Body().KeyPoints[i].Source(), want.Body().KeyPoints[i].Source())
	}
	same("misconceptions", len(got.Body().Misconceptions), len(want.Body().Misconceptions))
	for i := range min(len(got.Body().Misconceptions), len(want.Body().Misconceptions)) {
		same("misconception", got.Body().Misconceptions[i].Source(), want.Body().Misconceptions[i].Source())
	}
	for _, tag := range want.Tags {
		if !got.HasTag(tag) {
			t.Errorf("%s: tag %s lost", where, tag)
		}
	}
	if strings.Contains(got.Body().Prompt, strings.TrimSuffix(got.Title, "?")) {
		t.Errorf("%s: the prompt repeats the question:\n%s", where, got.Body().Prompt)
	}
	for _, c := range want.Body().Choices {
		if strings.Contains(got.Body().Prompt, c.Text) {
			t.Errorf("%s: the prompt repeats option %q", where, c.Text)
		}
	}
	for _, s := range []string{"Correct:", "Key points", "hotseat:", "<pre", "(match:"} {
		if strings.Contains(got.Body().Answer, s) {
			t.Errorf("%s: the answer holds %q:\n%s", where, s, got.Body().Answer)
		}
	}
	if got.Kind == pack.KindOpen {
		cov := score.Grade(got, got.Body().Answer, score.Options{})
		for i, ok := range cov.Covered {
			if !ok {
				t.Errorf("%s: the imported model answer misses key point %q", where, got.Body().KeyPoints[i].Text)
			}
		}
	}
}
