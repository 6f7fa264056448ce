// Package questions embeds the default question packs. The format is specified in
// README.md beside this file.
package questions

import "embed"

// FS holds the embedded pack files (*.md; README.md is the spec and is not loaded as a pack).
//
//go:embed *.md
var FS embed.FS

// Thesaurus is the grader's shared thesaurus of abbreviations and synonyms; the syntax is
// described at its top and in README.md.
//
//go:embed thesaurus.txt
var Thesaurus string
