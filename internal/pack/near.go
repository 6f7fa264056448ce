package pack

import (
	"cmp"
	"slices"
	"strings"
)

// DidYouMean names the candidates close to s, ignoring case: a few edits away (fewer for
// a short s, so that "ab" does not suggest "cv"), or starting with s.
func DidYouMean(s string, candidates []string) []string {
	ls := strings.ToLower(s)
	limit := min(2, len(ls)/3+1)
	dist := map[string]int{}
	var out []string
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := editDistance(ls, lc)
		if _, dup := dist[c]; !dup && c != s && (d <= limit || len(ls) >= 3 && strings.HasPrefix(lc, ls)) {
			dist[c] = d
			out = append(out, c)
		}
	}
	// The closest first.
	slices.SortFunc(out, func(a, b string) int { return cmp.Or(cmp.Compare(dist[a], dist[b]), strings.Compare(a, b)) })
	return out
}

// editDistance is the Levenshtein distance between a and b, in bytes (ids are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
