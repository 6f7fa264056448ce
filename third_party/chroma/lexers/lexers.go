package lexers

import (
	"embed"
	"io/fs"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

//go:embed embedded
var embedded embed.FS

// GlobalLexerRegistry is the global LexerRegistry of Lexers.
//
// hotseat patch: the lexers defined in embedded/*.xml are no longer read at package
// initialisation (about 7 ms and 26,000 allocations before main). Until the first call to
// one of this package's lookup functions (Names, Get, MatchMimeType, Match, Analyse), the
// registry holds only the lexers defined in Go, which register themselves at
// initialisation. That first call rebuilds it in upstream's order: every embedded lexer,
// then every lexer registered so far, in the order they were registered, so a later
// registration still replaces an earlier one of the same name. Code that reads
// GlobalLexerRegistry directly must call one of those functions first.
var GlobalLexerRegistry = chroma.NewLexerRegistry()

var embeddedOnce sync.Once

// onEmbedded holds what this package's init functions did to embedded lexers upstream
// (dns, mysql and zed set their analysers); withEmbedded runs them in that order.
var onEmbedded []func(*chroma.LexerRegistry)

// withEmbedded adds the embedded lexers to GlobalLexerRegistry, once, in upstream's order.
func withEmbedded() *chroma.LexerRegistry {
	embeddedOnce.Do(func() {
		registered := GlobalLexerRegistry.Lexers
		*GlobalLexerRegistry = *chroma.NewLexerRegistry()
		paths, err := fs.Glob(embedded, "embedded/*.xml")
		if err != nil {
			panic(err)
		}
		for _, path := range paths {
			GlobalLexerRegistry.Register(chroma.MustNewXMLLexer(embedded, path))
		}
		for _, lexer := range registered {
			GlobalLexerRegistry.Register(lexer)
		}
		for _, fn := range onEmbedded {
			fn(GlobalLexerRegistry)
		}
	})
	return GlobalLexerRegistry
}

// Names of all lexers, optionally including aliases.
func Names(withAliases bool) []string {
	return withEmbedded().Names(withAliases)
}

// Get a Lexer by name, alias or file extension.
//
// Note that this if there isn't an exact match on name or alias, this will
// call Match(), so it is not efficient.
func Get(name string) chroma.Lexer {
	return withEmbedded().Get(name)
}

// MatchMimeType attempts to find a lexer for the given MIME type.
func MatchMimeType(mimeType string) chroma.Lexer {
	return withEmbedded().MatchMimeType(mimeType)
}

// Match returns the first lexer matching filename.
//
// Note that this iterates over all file patterns in all lexers, so it's not
// particularly efficient.
func Match(filename string) chroma.Lexer {
	return withEmbedded().Match(filename)
}

// Register a Lexer with the global registry.
func Register(lexer chroma.Lexer) chroma.Lexer {
	return GlobalLexerRegistry.Register(lexer)
}

// Analyse text content and return the "best" lexer..
func Analyse(text string) chroma.Lexer {
	return withEmbedded().Analyse(text)
}

// PlaintextRules is used for the fallback lexer as well as the explicit
// plaintext lexer.
func PlaintextRules() chroma.Rules {
	return chroma.Rules{
		"root": []chroma.Rule{
			{`.+`, chroma.Text, nil},
			{`\n`, chroma.Text, nil},
		},
	}
}

// Fallback lexer if no other is found.
var Fallback chroma.Lexer = chroma.MustNewLexer(&chroma.Config{
	Name:      "fallback",
	Filenames: []string{"*"},
	Priority:  -1,
}, PlaintextRules)
