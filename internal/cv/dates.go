package cv

import (
	"fmt"
	"strconv"
	"strings"
)

// dateFormat is one way of writing a month and year.
type dateFormat int

const (
	monthAbbr  dateFormat = iota // Jan 2021
	monthFull                    // January 2021
	monthSlash                   // 01/2021
	monthISO                     // 2021-01
	nFormats
)

var formatNames = [nFormats]string{`"Jan 2021"`, `"January 2021"`, `"01/2021"`, `"2021-01"`}

var months = []string{"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december"}

var (
	reMonthYear = lazyRE(`(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(\.?)\s+((?:19|20)\d\d)\b`)
	reSlash     = lazyRE(`\b(0?[1-9]|1[0-2])/((?:19|20)\d\d)\b`)
	reISO       = lazyRE(`\b((?:19|20)\d\d)-(0[1-9]|1[0-2])\b`)
)

// dateUse is one month and year found in the CV.
type dateUse struct {
	line, off int
	text      string
	month     int // 1-12
	year      string
	format    dateFormat
	either    bool // "May 2020", "June 2020": abbreviated and full alike
}

// checkDates flags the months written in a minority format, with the date rewritten in the
// format most of the CV uses. Month names that are short already (May, and June or July
// when the CV writes Jun and Jul) fit either name format.
func checkDates(lines []line) []Finding {
	var uses []dateUse
	for _, l := range lines {
		if l.code {
			continue
		}
		for _, m := range reMonthYear().FindAllStringSubmatchIndex(l.text, -1) {
			name := strings.ToLower(l.text[m[2]:m[3]])
			month := 0
			for i, full := range months {
				if strings.HasPrefix(full, name[:3]) {
					month = i + 1
				}
			}
			u := dateUse{line: l.n, off: m[0], text: l.text[m[0]:m[1]], month: month, year: l.text[m[6]:m[7]], format: monthAbbr}
			switch {
			case name == months[month-1] && len(name) <= 4: // May, June, July
				u.either = true
			case name == months[month-1]:
				u.format = monthFull
			}
			uses = append(uses, u)
		}
		for _, m := range reSlash().FindAllStringSubmatchIndex(l.text, -1) {
			mo, _ := strconv.Atoi(l.text[m[2]:m[3]])
			uses = append(uses, dateUse{line: l.n, off: m[0], text: l.text[m[0]:m[1]], month: mo, year: l.text[m[4]:m[5]], format: monthSlash})
		}
		for _, m := range reISO().FindAllStringSubmatchIndex(l.text, -1) {
			mo, _ := strconv.Atoi(l.text[m[4]:m[5]])
			if y, _ := strconv.Atoi(l.text[m[2]:m[3]]); (y+1)%100 == mo {
				continue // "2011-12": an academic year, not December 2011
			}
			uses = append(uses, dateUse{line: l.n, off: m[0], text: l.text[m[0]:m[1]], month: mo, year: l.text[m[2]:m[3]], format: monthISO})
		}
	}
	var count [nFormats]int
	for _, u := range uses {
		if !u.either {
			count[u.format]++
		}
	}
	major, used := dateFormat(0), 0
	for f := range nFormats {
		if count[f] > 0 {
			used++
		}
		if count[f] > count[major] {
			major = f
		}
	}
	if used == 0 || used == 1 && !hasEitherMismatch(uses, major) {
		return nil
	}
	var out []Finding
	byLine := map[int]string{}
	for _, l := range lines {
		byLine[l.n] = l.text
	}
	for _, u := range uses {
		if u.format == major || u.either && (major == monthAbbr || major == monthFull) {
			continue
		}
		out = append(out, Finding{Line: u.line, Col: col(byLine[u.line], u.off), Kind: Date,
			Message:    fmt.Sprintf("%q is written differently from the other dates (%d of them are like %s)", u.text, count[major], formatNames[major]),
			Suggestion: u.rewrite(major)})
	}
	return out
}

// hasEitherMismatch reports whether a "May 2020" sits among numeric dates.
func hasEitherMismatch(uses []dateUse, major dateFormat) bool {
	for _, u := range uses {
		if u.either && major != monthAbbr && major != monthFull {
			return true
		}
	}
	return false
}

func (u dateUse) rewrite(f dateFormat) string {
	full := months[u.month-1]
	full = strings.ToUpper(full[:1]) + full[1:]
	switch f {
	case monthFull:
		return full + " " + u.year
	case monthSlash:
		return fmt.Sprintf("%02d/%s", u.month, u.year)
	case monthISO:
		return fmt.Sprintf("%s-%02d", u.year, u.month)
	}
	return full[:3] + " " + u.year
}
