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
		lines  []string
		cur    strings.Builder
		inText bool
		inPara bool
		inDel  int
	)
	const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
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
			if t.Name.Space != w {
				continue
			}
			switch t.Name.Local {
			case "p":
				inPara = true
				cur.Reset()
			case "numPr": // a list paragraph
				if inPara && cur.Len() == 0 {
					cur.WriteString("• ")
				}
			case "t":
				inText = inDel == 0
			case "tab":
				cur.WriteByte(' ')
			case "br", "cr":
				lines = append(lines, cur.String())
				cur.Reset()
			case "del": // a tracked deletion is not in the document as read
				inDel++
			}
		case xml.EndElement:
			if t.Name.Space != w {
				continue
			}
			switch t.Name.Local {
			case "p":
				lines = append(lines, cur.String())
				cur.Reset()
				inPara = false
			case "t":
				inText = false
			case "del":
				inDel--
			}
		case xml.CharData:
			if inText {
				cur.Write(t)
			}
		}
	}
	return lines, nil
}
