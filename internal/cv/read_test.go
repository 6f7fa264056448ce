package cv

import (
	"archive/zip"
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// key is a finding or a claim without its position: a DOCX joins a Markdown paragraph's
// wrapped lines, and a PDF drops blank lines and wraps where its page ends.
func keys(r Report) []string {
	var out []string
	for _, f := range r.Findings {
		out = append(out, fmt.Sprintf("%s hint=%v: %s (%s)", f.Kind, f.Hint, f.Message, f.Suggestion))
	}
	for _, c := range r.Claims {
		out = append(out, fmt.Sprintf("claim %q %v", strings.ReplaceAll(c.Text, "’", "'"), c.Tags))
	}
	return out
}

// The same CV as Markdown, as DOCX written by pandoc and as PDF written by LibreOffice
// gives the same findings and the same claims, and each finding's line in the PDF and the
// DOCX holds what it quotes.
func TestFormatsAgree(t *testing.T) {
	for _, name := range []string{"sloppy", "clean"} {
		_, md := checkFile(t, "testdata/"+name+".md")
		for _, ext := range []string{".docx", ".pdf"} {
			doc, r := checkFile(t, "testdata/"+name+ext)
			if !slices.Equal(keys(md), keys(r)) {
				t.Errorf("%s%s differs from the Markdown:\n got %q\nwant %q", name, ext, keys(r), keys(md))
			}
			for _, f := range r.Findings {
				if q, _, ok := strings.Cut(strings.TrimPrefix(f.Message, `"`), `"`); ok && f.Message[0] == '"' {
					if l := doc.Lines[f.Line-1]; !strings.Contains(l[len(string([]rune(l)[:f.Col-1])):], q) {
						t.Errorf("%s%s:%d:%d: %q is not there in %q", name, ext, f.Line, f.Col, q, l)
					}
				}
			}
		}
	}
}

// minimalPDF writes a one-page PDF whose content stream is content, with Helvetica as F1.
func minimalPDF(content string) []byte {
	var b bytes.Buffer
	var offs []int
	obj := func(body string) {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), body)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}

// Many PDFs store no spaces: words are placed apart. Rows come out top to bottom whatever
// order they are drawn in, a TJ array's kerning is no space, and nothing is added after it.
func TestPDFWordsPlacedApart(t *testing.T) {
	content := strings.Join([]string{
		"BT /F1 11 Tf 72 700 Td (Deployed) Tj 50 0 Td (models) Tj 40 0 Td (weekly.) Tj ET",
		"BT /F1 11 Tf 72 720 Td [(Sk) 20 (ills:) -300 (XGBoost)] TJ ET",
		"BT /F1 11 Tf 72 680 Td 14 TL (first line) Tj T* (second line) Tj ET",
	}, "\n")
	doc, err := Read("cv.pdf", minimalPDF(content))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Skills: XGBoost", "Deployed models weekly.", "first line", "second line"}
	if !slices.Equal(doc.Lines, want) {
		t.Errorf("lines %q, want %q", doc.Lines, want)
	}
}

// minimalDOCX writes a DOCX whose body is the given WordprocessingML.
func minimalDOCX(t *testing.T, body string) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>`, body)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDOCXParagraphs(t *testing.T) {
	body := `<w:p><w:r><w:t>Senior </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ML</w:t></w:r><w:r><w:tab/><w:t>Engineer</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:t>Built it</w:t><w:br/><w:t>then shipped it</w:t></w:r></w:p>` +
		`<w:p><w:r><w:delText>deleted</w:delText></w:r><w:ins><w:r><w:t>kept</w:t></w:r></w:ins></w:p>` +
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>in a table</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`
	doc, err := Read("cv.docx", minimalDOCX(t, body))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Senior ML Engineer", "• Built it", "then shipped it", "kept", "in a table"}
	if !slices.Equal(doc.Lines, want) {
		t.Errorf("lines %q, want %q", doc.Lines, want)
	}
	if _, err := Read("cv.docx", minimalDOCX(t, "")); err == nil || !strings.Contains(err.Error(), "empty") {
		t.Errorf("an empty DOCX: %v", err)
	}
}

// Text from a CV never drives the terminal.
func TestReadCleansControlCharacters(t *testing.T) {
	doc, err := Read("cv.md", []byte("Jane \x1b]52;c;cHduZWQ=\x07Doe\n\x1b[2JExperience\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range doc.Lines {
		if strings.ContainsAny(l, "\x1b\x07") {
			t.Errorf("control characters left in %q", l)
		}
	}
	pdfDoc, err := Read("cv.pdf", minimalPDF("BT /F1 11 Tf 72 700 Td (Jane \\033[2J Doe) Tj ET"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(strings.Join(pdfDoc.Lines, ""), 0x1b) {
		t.Errorf("an escape from a PDF survived: %q", pdfDoc.Lines)
	}
}

// Word writes a text box twice (mc:Choice and mc:Fallback) inside the paragraph that holds
// it; a no-break hyphen is an element, not a character.
func TestDOCXTextBoxesAndHyphens(t *testing.T) {
	body := `<w:p><w:r><w:t>Jane Doe, </w:t></w:r>` +
		`<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice><w:p><w:r><w:t>In a box</w:t></w:r></w:p></mc:Choice>` +
		`<mc:Fallback><w:p><w:r><w:t>In a box</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>` +
		`<w:r><w:t>ML Engineer</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t>state</w:t><w:noBreakHyphen/><w:t>of</w:t><w:noBreakHyphen/><w:t>the</w:t><w:noBreakHyphen/><w:t>art</w:t></w:r></w:p>`
	doc, err := Read("cv.docx", minimalDOCX(t, body))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"In a box", "Jane Doe, ML Engineer", "state-of-the-art"}
	if !slices.Equal(doc.Lines, want) {
		t.Errorf("lines %q, want %q", doc.Lines, want)
	}
}
