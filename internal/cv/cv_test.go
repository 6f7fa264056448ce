package cv

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/hotseat/hotseat/internal/pack/packtest"
)

// embedded is the options a check gets from the embedded packs, as `hotseat cv check` has.
var embedded = sync.OnceValue(func() Options { return OptionsFor(packtest.Embedded()) })

func checkFile(t *testing.T, name string) (Document, Report) {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Read(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return doc, Check(doc, embedded())
}

func format(doc Document, r Report) string {
	var b strings.Builder
	for _, f := range r.Findings {
		kind := string(f.Kind)
		if f.Hint {
			kind += " (hint)"
		}
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s", doc.Name, f.Line, f.Col, kind, f.Message)
		if f.Suggestion != "" {
			fmt.Fprintf(&b, " (%s)", f.Suggestion)
		}
		b.WriteString("\n")
	}
	for _, c := range r.Claims {
		fmt.Fprintf(&b, "claim %d %q -> %v strong=%v %s\n", c.Line, c.Text, c.Tags, c.Strong, c.Uncovered)
	}
	return b.String()
}

// The sloppy CV: every typo, placeholder and odd date is reported on its line, and the
// claims are offered. The golden file is the whole report; reading it is the review.
func TestSloppyCV(t *testing.T) {
	doc, r := checkFile(t, "testdata/sloppy.md")
	golden.RequireEqual(t, []byte(format(doc, r)))
	want := []struct {
		line int
		kind Kind
		has  string
	}{
		{1, Placeholder, "[Your Name]"},
		{3, Placeholder, "[email]"},
		{7, Spelling, "experiance"},
		{12, Placeholder, "[Company Name]"},
		{13, Date, "Jan 2021"},
		{16, Placeholder, "XX%"},
		{18, Spelling, "pipline"},
		{21, Date, "January 2019"},
		{24, Spelling, "recieved"},
		{25, Placeholder, "TODO"},
		{30, Placeholder, "instruction"},
		{40, Placeholder, "Lorem ipsum"},
	}
	for _, w := range want {
		if !slices.ContainsFunc(r.Findings, func(f Finding) bool {
			return f.Line == w.line && f.Kind == w.kind && strings.Contains(f.Message, w.has) && !f.Hint
		}) {
			t.Errorf("no %s finding about %q on line %d", w.kind, w.has, w.line)
		}
	}
	if r.Errors() != len(want) {
		t.Errorf("%d errors, want exactly the %d planted:\n%s", r.Errors(), len(want), format(doc, r))
	}
	for _, topic := range []string{"gradient-boosting", "model-internals", "xgboost"} {
		if !slices.ContainsFunc(r.Claims, func(c Claim) bool { return slices.Contains(c.Tags, topic) }) {
			t.Errorf("no claim offered for #%s", topic)
		}
	}
}

// A clean CV dense with ML vocabulary, product names, metrics and a publication comes out
// with no finding at all: a false alarm costs the checker the candidate's trust.
func TestCleanCV(t *testing.T) {
	doc, r := checkFile(t, "testdata/clean.md")
	if len(r.Findings) > 0 {
		t.Errorf("a clean CV got findings:\n%s", format(doc, r))
	}
	if len(r.Claims) < 4 {
		t.Errorf("only %d claims offered from a CV full of them", len(r.Claims))
	}
	for _, c := range r.Claims {
		if c.Strong && len(c.Tags) == 0 {
			t.Errorf("the clean CV's claim %q maps to nothing", c.Text)
		}
	}
}

func TestSpelling(t *testing.T) {
	lex := loadLexicon()
	for _, tc := range []struct {
		word, fix string // fix "" means the word is fine
		bad       bool
	}{
		{"modle", "model", true},
		{"pipline", "pipeline", true},
		{"managment", "management", true},
		{"algoritm", "algorithm", true},
		{"infrastucture", "infrastructure", true},
		{"Recieved", "Received", true}, // a capitalised common misspelling
		{"teh", "the", true},
		{"hyperparameters", "", false},
		{"retrained", "", false},
		{"containerised", "", false},
		{"productionizing", "", false},
		{"modelling", "", false},
		{"optimised", "", false},
		{"shipping", "", false},
		{"Kowalczyk", "", false}, // a name
		{"PyTorch", "", false},
		{"MLflow", "", false},
		{"NASA", "", false},
		{"LightGBM's", "", false},
	} {
		f, bad := checkWord(tc.word, lex, false)
		if bad != tc.bad || f.Suggestion != tc.fix {
			t.Errorf("%s: flagged %v with %q, want %v with %q (%s)", tc.word, bad, f.Suggestion, tc.bad, tc.fix, f.Message)
		}
	}
}

func TestSpellingSkipsCodeLinksAndTerms(t *testing.T) {
	doc := Document{Name: "cv.md", Format: Markdown, Lines: []string{
		"See [my blog](https://exmple.com/postz) and `pd.read_parquet()` or www.blgo.io.",
		"Mail me: jdoe.mlops@exmaple.org",
		"```",
		"def trian(): pass",
		"```",
		"Used scikit-learn, C++, node.js, CI/CD, NDCG@10, p99, ROC-AUC, k8s and e.g. SHAP.",
		"Wrote a re-ranker and a cross-encoder for multi-tenant search.",
	}}
	if r := Check(doc, Options{}); len(r.Findings) > 0 {
		t.Errorf("findings in code, links and terms:\n%s", format(doc, r))
	}
}

func TestPlaceholders(t *testing.T) {
	for _, tc := range []struct {
		line string
		want int
	}{
		{"Senior engineer at [Company Name], <City>", 2},
		{"Improved conversion by X% and saved $XXk a year", 2},
		{"TBD", 1},
		{"- List your key achievements here", 1},
		{"Dear {{hiring_manager}}", 1},
		{"Contact: Your Email Address", 1},
		{"I want to bring ML expertise to your company", 0},
		{"As [Devlin et al., 2019] and [Smith2020] showed", 0},
		{"Cut inference from $O(n^{3})$ to \\emph{linear} time with a List<String> cache", 0},
		{"See [my thesis][thesis] and [site](https://x.io \"My site\")", 0},
		{"[thesis]: https://example.com/thesis.pdf", 0},
		{"- [x] a ticked box, [my site](https://example.com), a <br> tag", 0},
		{"Improved recall by 12% at 5% false positive rate", 0},
		{"Listed on the Top 40 under 40 for my work", 0},
	} {
		doc := Document{Name: "cv.md", Format: Markdown, Lines: []string{tc.line}}
		r := Check(doc, Options{})
		n := 0
		for _, f := range r.Findings {
			if f.Kind == Placeholder {
				n++
			}
		}
		if n != tc.want {
			t.Errorf("%q: %d placeholders, want %d:\n%s", tc.line, n, tc.want, format(doc, r))
		}
	}
}

func TestDates(t *testing.T) {
	doc := Document{Name: "cv.md", Format: Markdown, Lines: []string{
		"Jan 2021 – Present", "Mar 2019 – Dec 2020", "May 2017 – Feb 2019",
		"Sept. 2015 – April 2017", "06/2014 – 2015-08",
	}}
	r := Check(doc, Options{})
	var got []string
	for _, f := range r.Findings {
		if f.Kind == Date {
			got = append(got, fmt.Sprintf("%d:%d %s", f.Line, f.Col, f.Suggestion))
		}
	}
	// Abbreviated months are the majority; May fits either name format.
	want := []string{"4:14 Apr 2017", "5:1 Jun 2014", "5:11 Aug 2015"}
	if !slices.Equal(got, want) {
		t.Errorf("date findings %q, want %q", got, want)
	}
	one := Document{Name: "cv.md", Format: Markdown, Lines: []string{"January 2021 – Present", "May 2019 – December 2020"}}
	if r := Check(one, Options{}); len(r.Findings) != 0 {
		t.Errorf("one format (May fits it) got findings:\n%s", format(one, r))
	}
}

func TestBulletHints(t *testing.T) {
	lex := loadLexicon()
	for _, tc := range []struct {
		word string
		want tense
	}{
		{"Built", past}, {"Deployed", past}, {"Led", past}, {"Shipped", past},
		{"Build", present}, {"Deploy", present}, {"Deploys", present}, {"Own", present},
		{"Python", noTense}, {"Kubernetes", noTense}, {"Member", noTense},
	} {
		if got := verbTense(tc.word, lex); got != tc.want {
			t.Errorf("verbTense(%s) = %d, want %d", tc.word, got, tc.want)
		}
	}
	doc := Document{Name: "cv.md", Format: Markdown, Lines: []string{
		"- Built the ranking service.", "- Led a team of four.", "- Deploy models weekly", "- Shipped the feature store.",
	}}
	r := Check(doc, Options{})
	if len(r.Findings) != 2 || r.Errors() != 0 {
		t.Fatalf("want a tense and a punctuation hint on line 3:\n%s", format(doc, r))
	}
	if f := r.Findings[0]; f.Kind != Tense || f.Line != 3 || f.Suggestion != "Deployed" {
		t.Errorf("tense hint %+v", f)
	}
	if f := r.Findings[1]; f.Kind != Punctuation || f.Line != 3 {
		t.Errorf("punctuation hint %+v", f)
	}
}

// "My last team wrote terrible code." is no claim, and a claim with no questions behind it
// says so.
func TestClaims(t *testing.T) {
	doc := Document{Name: "cv.md", Format: Markdown, Lines: []string{
		"I know gradient boosting inside out.",
		"Passionate about watercolour painting.",
		"",
		"## Skills",
		"- Excel, Jira",
		"- XGBoost, LightGBM",
	}}
	r := Check(doc, embedded())
	if len(r.Claims) != 3 {
		t.Fatalf("want 3 claims, got:\n%s", format(doc, r))
	}
	if c := r.Claims[0]; !slices.Contains(c.Tags, "gradient-boosting") || !c.Strong {
		t.Errorf("claim 1: %+v", c)
	}
	if c := r.Claims[1]; len(c.Tags) != 0 || !strings.Contains(c.Uncovered, "no questions cover this") {
		t.Errorf("claim 2 should be called out as uncovered: %+v", c)
	}
	if c := r.Claims[2]; c.Line != 6 || !slices.Contains(c.Tags, "xgboost") {
		t.Errorf("claim 3 (skills): %+v", c)
	}
}

// A claim is a whole sentence: an abbreviation or a title inside it does not cut it, and
// one that goes on to the next line keeps the line it starts on.
func TestClaimSentences(t *testing.T) {
	doc := Document{Name: "cv.md", Format: Markdown, Lines: []string{
		"Summary",
		"",
		"Built search for a marketplace. Expert in ranking models, e.g. XGBoost and",
		"LightGBM, and Dr. Smith's retrieval work at 2.5x the old speed.",
	}}
	r := Check(doc, embedded())
	want := "Expert in ranking models, e.g. XGBoost and LightGBM, and Dr. Smith's retrieval work at 2.5x the old speed."
	var strong []Claim
	for _, c := range r.Claims {
		if c.Strong {
			strong = append(strong, c)
		}
	}
	if len(strong) != 1 || strong[0].Text != want || strong[0].Line != 3 {
		t.Errorf("want the one sentence %q on line 3 as a strong claim, got:\n%s", want, format(doc, r))
	}
}

func TestReadRefusesOtherFormats(t *testing.T) {
	for name, data := range map[string][]byte{
		"cv.doc":   []byte("\xd0\xcf\x11\xe0"),
		"cv.bin":   {0, 1, 2, 0xff, 0xfe},
		"cv.pdf":   []byte("%PDF-1.4 garbage"),
		"cv.docx":  []byte("PK\x03\x04 not a zip"),
		"empty.md": []byte("\n\n"),
	} {
		if _, err := Read(name, data); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err %v, want one naming the file", name, err)
		}
	}
}

func TestDocumentText(t *testing.T) {
	doc := Document{Lines: []string{"a", "b"}}
	if got := doc.Text(); got != "   1  a\n   2  b\n" {
		t.Errorf("Text() = %q", got)
	}
}

// Fixes from a review of the checker against CVs it had not seen.
func TestReviewedCases(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  []string // "line:kind:suggestion" of each finding
	}{
		{"a word broken at a line's end is checked whole",
			[]string{"Built a recom-", "mendation engine and a real-", "time scorer with recom-", "mendaton logic."},
			[]string{"3:spelling:recommendation"}},
		{"a capitalised typo starting a bullet, not a name",
			[]string{"- Devloped the ranking service.", "- Maria and I shipped it.", "- Optimzed the feature store."},
			[]string{"1:spelling:Developed", "3:spelling:Optimized"}},
		{"an academic year is not a month",
			[]string{"MSc, 2011-12", "Jan 2021 – Present", "Mar 2019 – Dec 2020"},
			nil},
		{"a tie between tenses is no pattern",
			[]string{"- Built the pipeline.", "- Led the team.", "- Deploy weekly.", "- Own the roadmap."},
			nil},
		{"short words of other languages",
			[]string{"Thesis: Lernen von Rangfolgen bei großen Daten"},
			nil},
	} {
		doc := Document{Name: "cv.md", Format: Markdown, Lines: tc.lines}
		r := Check(doc, Options{})
		var got []string
		for _, f := range r.Findings {
			got = append(got, fmt.Sprintf("%d:%s:%s", f.Line, f.Kind, f.Suggestion))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %q, want %q\n%s", tc.name, got, tc.want, format(doc, r))
		}
	}
}
