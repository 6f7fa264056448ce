package anki

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/safetext"
)

// Column roles of a CSV or TSV import.
var csvRoles = map[string][]string{
	"question": {"question", "front", "q", "prompt", "title"},
	"answer":   {"answer", "back", "a", "solution", "model answer"},
	"tags":     {"tags", "tag", "topic", "topics", "category", "section"},
	"level":    {"level", "difficulty"},
	"time":     {"time", "time limit", "limit"},
	"id":       {"id", "key"},
}

// CSVOptions say how to read a CSV or TSV file.
type CSVOptions struct {
	Options
	// Columns names the role of each column in order: question, answer, tags, level, time,
	// id, or - to ignore one. Empty: the header row's names decide.
	Columns []string
}

// ConvertCSV converts a CSV or TSV file with a header row into a pack: one question per
// row. Fields may be quoted and span lines. Rows without an answer are left out and listed.
func ConvertCSV(r io.Reader, file string, o CSVOptions) (*Result, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxTextExport+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", file, err)
	}
	if len(data) > MaxTextExport {
		return nil, fmt.Errorf("%s is over %d MiB", file, MaxTextExport>>20)
	}
	text := string(safetext.CleanBytes(data))
	cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(text, "\ufeff")))
	cr.FieldsPerRecord = -1
	first, _, _ := strings.Cut(text, "\n")
	if strings.EqualFold(filepath.Ext(file), ".tsv") || strings.Count(first, "\t") > strings.Count(first, ",") {
		cr.Comma = '\t'
		cr.LazyQuotes = true
	}
	header, err := cr.Read()
	if err != nil {
		return nil, csvErr(file, err)
	}
	roles, err := columnRoles(header, o.Columns, file)
	if err != nil {
		return nil, err
	}
	st := stats{droppedTags: map[string]bool{}, source: "row"}
	var qs []question
	badLevels := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvErr(file, err)
		}
		line, _ := cr.FieldPos(0)
		where := fmt.Sprintf("%s:%d", filepath.Base(file), line)
		get := func(role string) string {
			if i, ok := roles[role]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		q := question{}
		q.title, q.prompt = splitFront(strings.TrimSpace(demoteHeadings(get("question"))))
		if q.title == "" {
			if strings.Join(rec, "") != "" {
				st.skipped = append(st.skipped, where+": no question")
			}
			continue
		}
		q.answer = strings.TrimSpace(demoteHeadings(get("answer")))
		if placeholder(q.answer) {
			st.skipped = append(st.skipped, fmt.Sprintf("%s: %s (no answer)", where, shorten(q.title, 70)))
			continue
		}
		if v := get("level"); v != "" {
			if l, ok := parseLevel(v); ok {
				q.level = l
			} else {
				badLevels++
			}
		}
		if v := get("time"); v != "" {
			if d, ok := parseLimit(v); ok {
				q.time = d
			} else {
				st.skipped = append(st.skipped, fmt.Sprintf("%s: time %q kept at the default: write 45s, 2m or 90", where, cleanLine(v)))
			}
		}
		for _, t := range strings.FieldsFunc(get("tags"), func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == ' ' }) {
			if s := pack.Slug(t); s != "" && !contains(q.tags, s) {
				q.tags = append(q.tags, s)
			}
		}
		q.id = pack.Slug(get("id"))
		if q.id == "" {
			q.id = pack.Slug(q.title)
		}
		if q.id == "" {
			q.id = fmt.Sprintf("row-%d", line)
		}
		qs = append(qs, q)
	}
	if len(qs) == 0 {
		return nil, fmt.Errorf("%s: no row has both a question and an answer", file)
	}
	if len(qs) > pack.MaxQuestions {
		return nil, fmt.Errorf("%s has %d rows; a pack holds at most %d questions", file, len(qs), pack.MaxQuestions)
	}
	title := cleanLine(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
	packID := o.PackID
	if packID == "" {
		if packID = pack.Slug(title); packID == "" {
			packID = "imported"
		}
	}
	res, err := build(packID, title, file, "Imported from ", csvIntro, qs, &st)
	if err != nil {
		return nil, err
	}
	if badLevels > 0 {
		res.Notes = append(res.Notes, fmt.Sprintf("%s with a level that is not easy/medium/hard, junior/mid/senior or 1-3 kept the default (mid)", count(badLevels, "row")))
	}
	return res, nil
}

const csvIntro = "Imported from a spreadsheet: one question per row. The questions have no key points, so\n" +
	"the drill shows the answer and asks you to rate yourself. To have typed answers scored, add\n" +
	"a ### Key points section to a question, each point ending with (match: words a good answer\n" +
	"uses).\n\n"

// columnRoles maps roles to column indexes, from --columns or from the header's names.
func columnRoles(header, columns []string, file string) (map[string]int, error) {
	roles := map[string]int{}
	if len(columns) > 0 {
		for i, c := range columns {
			c = strings.ToLower(strings.TrimSpace(c))
			if c == "-" || c == "" || c == "skip" {
				continue
			}
			if _, ok := csvRoles[c]; !ok {
				return nil, fmt.Errorf("--columns: unknown column %q: use question, answer, tags, level, time, id, or - to skip a column", c)
			}
			if _, dup := roles[c]; dup {
				return nil, fmt.Errorf("--columns: %s is given twice", c)
			}
			roles[c] = i
		}
	} else {
		for i, h := range header {
			h = strings.ToLower(strings.TrimSpace(h))
			for role, names := range csvRoles {
				if _, taken := roles[role]; !taken && contains(names, h) {
					roles[role] = i
				}
			}
		}
	}
	for _, need := range []string{"question", "answer"} {
		if _, ok := roles[need]; !ok {
			if len(columns) > 0 {
				return nil, fmt.Errorf("--columns names no %s column", need)
			}
			return nil, fmt.Errorf("%s:1: no %s column in the header (%s): name it %q, or map the columns with --columns question,answer,tags,level", file, need, cleanLine(strings.Join(header, ", ")), need)
		}
	}
	return roles, nil
}

func parseLevel(v string) (pack.Level, bool) {
	v = strings.ToLower(strings.TrimSpace(v))
	if l, ok := levelWords[v]; ok {
		return l, true
	}
	if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 3 {
		return pack.Level(n), true
	}
	return 0, false
}

// parseLimit reads a time limit: a duration (2m, 1m30s) or seconds.
func parseLimit(v string) (time.Duration, bool) {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return 0, false
		}
		d = time.Duration(n) * time.Second
	}
	return d, d >= pack.MinTime && d <= pack.MaxTime
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func csvErr(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %v", file, pe.Line, pe.Err)
	}
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("%s:1: the file is empty; want a header row naming the question and answer columns", file)
	}
	return fmt.Errorf("%s: %w", file, err)
}
