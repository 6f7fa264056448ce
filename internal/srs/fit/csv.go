package fit

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/hotseat/hotseat/internal/srs"
)

// MaxCSVReviews bounds a review log read from CSV: ten million rows is decades of daily
// reviews, and keeps a wrong file from filling memory.
const MaxCSVReviews = 10_000_000

// ReadCSV reads a review log in the FSRS benchmark layout: a header row naming card_id,
// review_rating (1 Again to 4 Easy) and review_time (ISO 8601, or Unix milliseconds), in
// any order, other columns (review_duration) ignored. Errors name the file and line.
func ReadCSV(r io.Reader, name string) ([]Review, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%s:1: the file is empty; want a header row card_id,review_rating,review_time", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, want := range []string{"card_id", "review_rating", "review_time"} {
		if _, ok := col[want]; !ok {
			return nil, fmt.Errorf("%s:1: no %s column; the header must name card_id, review_rating and review_time (the FSRS benchmark layout)", name, want)
		}
	}
	idC, ratingC, timeC := col["card_id"], col["review_rating"], col["review_time"]
	need := max(idC, ratingC, timeC) + 1
	var out []Review
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(row) < need {
			return nil, fmt.Errorf("%s:%d: %d fields, want at least %d", name, line, len(row), need)
		}
		id := strings.TrimSpace(row[idC])
		if id == "" {
			return nil, fmt.Errorf("%s:%d: card_id is empty", name, line)
		}
		g, err := strconv.Atoi(strings.TrimSpace(row[ratingC]))
		if err != nil || !srs.Rating(g).Valid() {
			return nil, fmt.Errorf("%s:%d: review_rating %q: want 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)", name, line, row[ratingC])
		}
		at, err := parseTime(strings.TrimSpace(row[timeC]))
		if err != nil {
			return nil, fmt.Errorf("%s:%d: review_time %q: want ISO 8601 like 2024-03-29T20:32:32Z, or Unix milliseconds", name, line, row[timeC])
		}
		if len(out) == MaxCSVReviews {
			return nil, fmt.Errorf("%s:%d: more than %d reviews", name, line, MaxCSVReviews)
		}
		out = append(out, Review{Card: id, Rating: srs.Rating(g), Time: at})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s:2: no reviews after the header", name)
	}
	return out, nil
}

func parseTime(s string) (time.Time, error) {
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.UnixMilli(ms).UTC(), nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// csvError puts encoding/csv's position in file:line form.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d: %v", name, pe.Line, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}
