package anki

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// textHeader holds the "#key:value" lines at the top of an Anki text export.
type textHeader struct {
	sep      rune
	html     *bool
	tags     []string
	columns  []string
	deck     string
	notetype string
	// 1-based column numbers; 0 when absent.
	guidCol, notetypeCol, deckCol, tagsCol int
	lines                                  int // header lines, so data lines are numbered as in the file
}

var headerRe = regexp.MustCompile(`^#([A-Za-z][A-Za-z ]*):(.*)$`)

// looksHTML is the guess for a file without an #html: header: Anki's own tags.
var looksHTML = regexp.MustCompile(`(?i)<(br|div|p|b|i|u|span|ul|ol|li|img|code|pre|strong|em|sub|sup|table|font|hr)\b[^>]*>`)

// ReadText reads Anki's "Notes in Plain Text" export: optional #key:value header lines
// (#separator:, #html:, #columns:, #tags:, #deck:, #notetype:, #guid column:,
// #notetype column:, #deck column:, #tags column:), then one note per record, fields
// separated by the separator and quoted like CSV when they hold it, quotes or newlines.
func ReadText(r io.Reader, file string) (*Deck, error) {
	src, err := io.ReadAll(io.LimitReader(r, MaxTextExport+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", file, err)
	}
	if len(src) > MaxTextExport {
		return nil, fmt.Errorf("%s is larger than %d MiB: export a smaller deck or subdeck", file, MaxTextExport>>20)
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	h, body, err := parseHeader(src, file)
	if err != nil {
		return nil, err
	}
	if h.sep == 0 {
		h.sep = guessSeparator(body)
	}
	if len(h.columns) == 1 && h.sep != '\t' {
		// #columns: came before #separator:, or used another separator: split it again.
		h.columns = strings.Split(h.columns[0], string(h.sep))
	}
	h.namedColumns()

	cr := csv.NewReader(bytes.NewReader(body))
	cr.Comma = h.sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	d := &Deck{File: file, Name: h.deck}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		line, _ := cr.FieldPos(0)
		line += h.lines
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s:%d: %v: export the deck from Anki again", file, pe.StartLine+h.lines, pe.Err)
			}
			return nil, fmt.Errorf("%s:%d: %v", file, line, err)
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		d.Notes = append(d.Notes, h.note(rec, line))
	}
	if h.html != nil {
		d.HTML = *h.html
	} else {
		d.HTML = looksHTML.Match(body)
	}
	if d.Name == "" {
		d.Name = commonDeck(d.Notes)
	}
	return d, nil
}

// parseHeader reads the header lines and returns the rest of the file.
func parseHeader(src []byte, file string) (textHeader, []byte, error) {
	var h textHeader
	rest := src
	for len(rest) > 0 && rest[0] == '#' {
		line, after, _ := bytes.Cut(rest, []byte("\n"))
		rest = after
		h.lines++
		m := headerRe.FindSubmatch(bytes.TrimRight(line, "\r"))
		if m == nil {
			continue // a comment
		}
		key, val := strings.ToLower(strings.TrimSpace(string(m[1]))), string(m[2])
		col := func() (int, error) {
			n, err := strconv.Atoi(strings.TrimSpace(val))
			if err != nil || n < 1 {
				return 0, fmt.Errorf("%s:%d: #%s: wants a column number like 1, got %q", file, h.lines, key, val)
			}
			return n, nil
		}
		var err error
		switch key {
		case "separator":
			if h.sep, err = separator(val); err != nil {
				return h, nil, fmt.Errorf("%s:%d: %v", file, h.lines, err)
			}
		case "html":
			b := strings.EqualFold(strings.TrimSpace(val), "true")
			h.html = &b
		case "tags":
			h.tags = strings.Fields(val)
		case "columns":
			sep := h.sep
			if sep == 0 {
				sep = '\t'
			}
			h.columns = strings.Split(val, string(sep))
		case "deck":
			h.deck = strings.TrimSpace(val)
		case "notetype":
			h.notetype = strings.TrimSpace(val)
		case "guid column":
			h.guidCol, err = col()
		case "notetype column":
			h.notetypeCol, err = col()
		case "deck column":
			h.deckCol, err = col()
		case "tags column":
			h.tagsCol, err = col()
		}
		if err != nil {
			return h, nil, err
		}
	}
	return h, rest, nil
}

// separator reads the value of #separator: a name Anki writes, or the character itself.
func separator(v string) (rune, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "tab", `\t`:
		return '\t', nil
	case "comma", ",":
		return ',', nil
	case "semicolon", ";":
		return ';', nil
	case "space":
		return ' ', nil
	case "pipe", "|":
		return '|', nil
	case "colon", ":":
		return ':', nil
	}
	if v == "\t" || v == " " {
		return rune(v[0]), nil
	}
	return 0, fmt.Errorf("unknown #separator:%s: use Tab, Comma, Semicolon, Space, Pipe or Colon", v)
}

// guessSeparator picks the separator of a file without a #separator: header from its
// first line, as Anki does: tab, then semicolon, then comma.
func guessSeparator(body []byte) rune {
	first, _, _ := bytes.Cut(body, []byte("\n"))
	switch {
	case bytes.ContainsRune(first, '\t'):
		return '\t'
	case bytes.ContainsRune(first, ';'):
		return ';'
	}
	return ','
}

// namedColumns finds the special columns by name when the file names its columns but
// leaves out the "#... column:" headers.
func (h *textHeader) namedColumns() {
	for i, name := range h.columns {
		n := i + 1
		switch strings.ToLower(strings.TrimSpace(name)) {
		case "guid":
			h.guidCol = cmpOr(h.guidCol, n)
		case "notetype", "note type":
			h.notetypeCol = cmpOr(h.notetypeCol, n)
		case "deck":
			h.deckCol = cmpOr(h.deckCol, n)
		case "tags":
			h.tagsCol = cmpOr(h.tagsCol, n)
		}
	}
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// note turns one record into a note: the special columns out, the rest fields in order.
func (h *textHeader) note(rec []string, line int) Note {
	n := Note{Notetype: h.notetype, Deck: h.deck, Line: line, Tags: append([]string(nil), h.tags...)}
	at := func(col int) (string, bool) {
		if col >= 1 && col <= len(rec) {
			return rec[col-1], true
		}
		return "", false
	}
	if v, ok := at(h.guidCol); ok {
		n.GUID = strings.TrimSpace(v)
	}
	if v, ok := at(h.notetypeCol); ok && strings.TrimSpace(v) != "" {
		n.Notetype = strings.TrimSpace(v)
	}
	if v, ok := at(h.deckCol); ok && strings.TrimSpace(v) != "" {
		n.Deck = strings.TrimSpace(v)
	}
	if v, ok := at(h.tagsCol); ok {
		n.Tags = append(n.Tags, strings.Fields(v)...)
	}
	for i, v := range rec {
		c := i + 1
		if c == h.guidCol || c == h.notetypeCol || c == h.deckCol || c == h.tagsCol {
			continue
		}
		n.Fields = append(n.Fields, v)
		if i < len(h.columns) {
			n.FieldNames = append(n.FieldNames, strings.TrimSpace(h.columns[i]))
		}
	}
	if len(n.FieldNames) != len(n.Fields) {
		n.FieldNames = nil
	}
	return n
}
