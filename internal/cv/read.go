// Package cv reads a CV (Markdown, plain text, PDF or DOCX) and checks it the way a careful
// recruiter reads it: spelling against an English word list plus an ML and software
// vocabulary, placeholders and template leftovers, dates written in several formats,
// bullets that change tense or punctuation, and the claims it makes, mapped to the tags
// an interviewer will probe. It is pure: reading files is the caller's.
package cv

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/hotseat/hotseat/internal/safetext"
)

// MaxSize bounds a CV file. A long CV is 200 KB as a PDF; anything near this is not one.
const MaxSize = 16 << 20

// Format is how a CV is stored.
type Format string

const (
	Markdown Format = "markdown"
	Text     Format = "text"
	PDF      Format = "pdf"
	DOCX     Format = "docx"
)

// Document is a CV as lines of text. For Markdown and plain text the lines are the file's;
// for PDF and DOCX they are the text as read (a PDF's rows top to bottom, page after page; a
// DOCX's paragraphs), which is what Text prints so a finding's line can be found.
type Document struct {
	Name   string
	Format Format
	Lines  []string
}

// Text is the document's lines joined, each numbered as findings number them.
func (d Document) Text() string {
	var b strings.Builder
	for i, l := range d.Lines {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}

// ErrFormat is returned for a file that is none of the formats read.
var ErrFormat = errors.New("not a CV format hotseat reads")

// Read parses data as the format its name or its first bytes say. The text is untrusted:
// control characters and escape sequences are removed here, so every quote from it is
// safe to print.
func Read(name string, data []byte) (Document, error) {
	doc := Document{Name: name}
	var lines []string
	var err error
	switch ext := strings.ToLower(filepath.Ext(name)); {
	case bytes.HasPrefix(data, []byte("%PDF-")) || ext == ".pdf":
		doc.Format = PDF
		lines, err = readPDF(data)
	case bytes.HasPrefix(data, []byte("PK\x03\x04")) || ext == ".docx":
		doc.Format = DOCX
		lines, err = readDOCX(data)
	case ext == ".doc" || ext == ".odt" || ext == ".rtf" || ext == ".pages":
		return doc, fmt.Errorf("%s: %w: save it as PDF, DOCX, Markdown or plain text", name, ErrFormat)
	default:
		if !utf8.Valid(data) && bytes.IndexByte(data, 0) >= 0 {
			return doc, fmt.Errorf("%s: %w: it looks binary; give a PDF, DOCX, Markdown or plain text file", name, ErrFormat)
		}
		doc.Format = Text
		if ext == ".md" || ext == ".markdown" {
			doc.Format = Markdown
		}
		text := strings.ReplaceAll(string(data), "\r\n", "\n")
		lines = strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	}
	if err != nil {
		return doc, fmt.Errorf("%s: %w", name, err)
	}
	for i, l := range lines {
		lines[i] = strings.TrimRight(safetext.Clean(l), " \t")
	}
	doc.Lines = lines
	if strings.TrimSpace(strings.Join(lines, "")) == "" {
		if doc.Format == PDF {
			return doc, fmt.Errorf("%s: the PDF has no text to read (a scanned image?): export it from your editor as a PDF with text", name)
		}
		return doc, fmt.Errorf("%s: the CV is empty", name)
	}
	return doc, nil
}

// ReadFile reads and parses the CV at path, refusing a folder and a file too big to be a
// CV, with messages that say what to give instead. The path is named, in the document and
// the messages, cleaned of anything that could drive a terminal.
func ReadFile(path string) (Document, error) {
	f, err := os.Open(path)
	path = safetext.Clean(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return Document{}, fmt.Errorf("read CV %s: no such file: give the path of your CV (PDF, DOCX, Markdown or text)", path)
		}
		return Document{}, fmt.Errorf("read CV %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return Document{}, fmt.Errorf("read CV %s: it is a directory; give the CV file in it", path)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return Document{}, fmt.Errorf("read CV %s: %w", path, unwrapPath(err))
	}
	if len(data) > MaxSize {
		return Document{}, fmt.Errorf("CV %s is over %d MB: is it the right file?", path, MaxSize>>20)
	}
	return Read(path, data)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
