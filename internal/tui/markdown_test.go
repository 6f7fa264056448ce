package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// sgrBefore returns the last SGR sequence written before the first occurrence of word in
// out, or "" when word is not there.
func sgrBefore(out, word string) string {
	i := strings.Index(out, word)
	if i < 0 {
		return ""
	}
	all := regexp.MustCompile(`\x1b\[[0-9;]*m`).FindAllString(out[:i], -1)
	if len(all) == 0 {
		return ""
	}
	return all[len(all)-1]
}

// Code in model answers keeps its highlighting although chroma reads its lexers only when
// the first code block is rendered (third_party/chroma): a keyword is coloured unlike a
// name, for lexers defined in XML (Python, YAML, Bash, SQL) and in Go (Go), by name and by
// alias. Were a lexer not found, chroma's plain-text fallback would give both one colour.
func TestCodeBlocksAreHighlighted(t *testing.T) {
	for _, tc := range []struct{ lang, code, keyword, name string }{
		{"python", "def fit_model(x):\n    return x", "def", "fit_model"},
		{"py", "import numpy\nclass Forest: pass", "class", "Forest"},
		{"go", "func trainTree() error { return nil }", "func", "trainTree"},
		{"yaml", "replicas: 3\nimage: model-server", "replicas", "model-server"},
		{"bash", "if true; then export MODEL_DIR=/srv; fi", "export", "MODEL_DIR"},
		{"sql", "SELECT label FROM reviews", "SELECT", "label"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			out := NewMarkdown(true, false).Render("```"+tc.lang+"\n"+tc.code+"\n```", 80)
			kw, name := sgrBefore(out, tc.keyword), sgrBefore(out, tc.name)
			if kw == "" || name == "" {
				t.Fatalf("%q or %q is not in the rendered block, or has no colour:\n%q", tc.keyword, tc.name, out)
			}
			if kw == name {
				t.Errorf("%q and %q share the colour %q: the %s lexer was not found\n%q", tc.keyword, tc.name, kw, tc.lang, out)
			}
		})
	}
}

// The patched registry answers as upstream's does once it is asked: every embedded lexer,
// and the ones defined in Go, with a Go-defined lexer winning a shared name.
func TestLexerRegistryHoldsEveryLexer(t *testing.T) {
	names := lexers.Names(false)
	if len(names) < 250 {
		t.Errorf("%d lexers registered; chroma v2.14.0 has about 260", len(names))
	}
	for alias, want := range map[string]string{
		"python": "Python", "go": "Go", "yaml": "YAML", "bash": "Bash", "sql": "SQL",
		"dockerfile": "Docker", "json": "JSON", "toml": "TOML", "html": "HTML",
		"common-lisp": "Common Lisp", "zone": "dns",
	} {
		if l := lexers.Get(alias); l == nil || l.Config().Name != want {
			t.Errorf("lexers.Get(%q) = %v, want the %s lexer", alias, l, want)
		}
	}
	// Common Lisp is defined twice, in XML and in Go (the XML lexer wrapped to colour the
	// builtins): registered in upstream's order the Go one wins its name, so "car" is a
	// builtin function and "my-var" stays a variable.
	cl := lexers.Get("common-lisp")
	if cl == nil {
		t.Fatal("no Common Lisp lexer")
	}
	it, err := cl.Tokenise(nil, "(car my-var)")
	if err != nil {
		t.Fatal(err)
	}
	types := map[string]chroma.TokenType{}
	for tok := it(); tok != chroma.EOF; tok = it() {
		types[tok.Value] = tok.Type
	}
	if types["car"] != chroma.NameFunction || types["my-var"] != chroma.NameVariable {
		t.Errorf("Common Lisp tokens %v: want car a NameFunction (the Go-defined lexer's remapping) and my-var a NameVariable", types)
	}
	// Analysers that upstream set in init functions are set once the lexers are read.
	if l := lexers.Analyse("$ORIGIN example.com.\n@ IN SOA ns1.example.com. admin.example.com. 1 2 3 4 5\n"); l == nil || l.Config().Name != "dns" {
		t.Errorf("a zone file analysed as %v, want dns", l)
	}
}
