package cv

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// maxDocumentXML bounds the unpacked main part of a DOCX, against zip bombs.
const maxDocumentXML = 32 << 20

// readDOCX returns the paragraphs of a DOCX's main document as lines: the text of its runs,
// tabs as spaces, line breaks as new lines, and list paragraphs with a bullet so that
// the bullet checks see them as Markdown's would. Tables give one line per cell paragraph.
// WordprocessingML is a small part of OOXML; encoding/xml reads it without a library.
func readDOCX(data []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("read DOCX: not a valid zip archive: %w", err)
	}
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			part = f
		}
	}
	if part == nil {
		return nil, errors.New("read DOCX: no word/document.xml inside; is it a Word document?")
	}
	rc, err := part.Open()
	if err != nil {
		return nil, fmt.Errorf("read DOCX: %w", err)
	}
	defer rc.Close()
	dec := xml.NewDecoder(io.LimitReader(rc, maxDocumentXML))
	var (
		lines    []string
		stack    []*strings.Builder // paragraphs being read: a text box's sits inside another's
		inText   bool
		fallback int // inside mc:Fallback, Word's second copy of a text box: skipped
	)
	cur := func() *strings.Builder {
		if len(stack) == 0 {
			return &strings.Builder{}
		}
		return stack[len(stack)-1]
	}
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	const mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read DOCX: word/document.xml: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Space == mc && t.Name.Local == "Fallback" {
				fallback++
			}
			if t.Name.Space != w || fallback > 0 {
				continue
			}
			switch t.Name.Local {
			case "p":
				stack = append(stack, &strings.Builder{})
			case "numPr": // a list paragraph
				if c := cur(); c.Len() == 0 {
					c.WriteString("• ")
				}
			case "t":
				inText = true
			case "tab":
				cur().WriteByte(' ')
			case "noBreakHyphen":
				cur().WriteByte('-')
			case "br", "cr":
				lines = append(lines, cur().String())
				cur().Reset()
			}
		case xml.EndElement:
			if t.Name.Space == mc && t.Name.Local == "Fallback" {
				fallback--
			}
			if t.Name.Space != w || fallback > 0 {
				continue
			}
			switch t.Name.Local {
			case "p":
				if n := len(stack); n > 0 {
					lines = append(lines, stack[n-1].String())
					stack = stack[:n-1]
				}
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText && fallback == 0 {
				cur().Write(t)
			}
		}
	}
	return lines, nil
}
