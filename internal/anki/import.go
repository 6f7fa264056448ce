package anki

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Format is a kind of file Import reads.
type Format string

// Formats.
const (
	FormatAnki      Format = "anki"      // an .apkg/.colpkg package or an Anki text export
	FormatMarkdown  Format = "markdown"  // a Markdown Q&A file
	FormatCSV       Format = "csv"       // CSV or TSV with a header row
	FormatCrowdAnki Format = "crowdanki" // a CrowdAnki folder (deck.json)
)

// Formats lists the formats for messages and flags.
var Formats = []Format{FormatAnki, FormatMarkdown, FormatCSV, FormatCrowdAnki}

// DetectFormat tells the format of path from what it is: a folder or .json file is
// CrowdAnki, .md a Markdown Q&A file, .csv/.tsv a spreadsheet unless it starts with Anki's
// text-export headers, anything else an Anki package or text export.
func DetectFormat(path string) (Format, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	if st.IsDir() {
		if _, err := os.Stat(filepath.Join(path, "deck.json")); err != nil {
			return "", fmt.Errorf("%s is a folder without deck.json: import a file, or a CrowdAnki export folder", path)
		}
		return FormatCrowdAnki, nil
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".json":
		return FormatCrowdAnki, nil
	case ".md", ".markdown":
		return FormatMarkdown, nil
	case ".csv", ".tsv":
		f, err := os.Open(path)
		if err != nil {
			return "", fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
		}
		defer f.Close()
		head := make([]byte, 64)
		n, _ := f.Read(head)
		if bytes.HasPrefix(head[:n], []byte("#separator:")) || bytes.HasPrefix(head[:n], []byte("#html:")) || bytes.HasPrefix(head[:n], []byte("#columns:")) {
			return FormatAnki, nil
		}
		return FormatCSV, nil
	}
	return FormatAnki, nil
}

// ParseFormat reads a --format value; "" or "auto" detects it.
func ParseFormat(s string) (Format, bool) {
	if s == "" || s == "auto" {
		return "", true
	}
	for _, f := range Formats {
		if string(f) == s {
			return f, true
		}
	}
	return "", false
}

// Import converts path, in format f ("" detects it), into a pack.
func Import(path string, f Format, o CSVOptions) (*Result, error) {
	if f == "" {
		var err error
		if f, err = DetectFormat(path); err != nil {
			return nil, err
		}
	}
	if len(o.Columns) > 0 && f != FormatCSV {
		return nil, fmt.Errorf("--columns is for CSV and TSV files; %s is read as %s", path, f)
	}
	switch f {
	case FormatMarkdown:
		src, err := readLimited(path, MaxMarkdown)
		if err != nil {
			return nil, err
		}
		return ConvertMarkdown(src, path, o.Options)
	case FormatCSV:
		file, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
		}
		defer file.Close()
		return ConvertCSV(file, path, o)
	case FormatCrowdAnki:
		d, err := ReadCrowdAnki(path)
		if err != nil {
			return nil, err
		}
		return Convert(d, o.Options)
	default:
		d, err := ReadFile(path)
		if err != nil {
			return nil, err
		}
		return Convert(d, o.Options)
	}
}

func readLimited(path string, max int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a file", path)
	}
	if st.Size() > max {
		return nil, fmt.Errorf("%s is %d MiB; files are read up to %d MiB", path, st.Size()>>20, max>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	return b, nil
}
