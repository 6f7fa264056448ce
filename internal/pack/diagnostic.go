package pack

import (
	"fmt"
	"strings"
)

// Diagnostic is one problem found in a pack, at a position an editor can jump to.
type Diagnostic struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"` // 0 when the problem is the whole file
	Warning bool   `json:"warning,omitempty"`
	Message string `json:"message"`
}

// String formats the diagnostic as "file:line: message" ("file:line: warning: message").
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
	}
	b.WriteString(": ")
	if d.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Message)
	return b.String()
}

// Diagnostics is a list of problems.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error rather than a warning.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if !d.Warning {
			return true
		}
	}
	return false
}

// Errors counts the errors.
func (ds Diagnostics) Errors() int {
	n := 0
	for _, d := range ds {
		if !d.Warning {
			n++
		}
	}
	return n
}
