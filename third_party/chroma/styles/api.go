package styles

import (
	"embed"
	"io/fs"
	"sort"
	"sync"

	"github.com/alecthomas/chroma/v2"
)

//go:embed *.xml
var embedded embed.FS

// Registry of Styles registered with Register.
//
// hotseat patch: the embedded styles are no longer parsed into Registry at package
// initialisation (about 9 ms and 34,000 allocations before main). They are parsed on the
// first Get or Names, into a map of their own, so Registry is only ever written by
// Register, as upstream. A style in Registry takes precedence over an embedded one of the
// same name, as it did upstream, where Register replaced the embedded entry.
var Registry = map[string]*chroma.Style{}

// builtin parses every embedded style once, on first use.
var builtin = sync.OnceValue(func() map[string]*chroma.Style {
	styles := map[string]*chroma.Style{}
	files, err := fs.ReadDir(embedded, ".")
	if err != nil {
		panic(err)
	}
	for _, file := range files {
		if file.IsDir() {
			continue
		}
		style := mustParse(file.Name())
		styles[style.Name] = style
	}
	return styles
})

func mustParse(name string) *chroma.Style {
	r, err := embedded.Open(name)
	if err != nil {
		panic(err)
	}
	defer r.Close() //nolint:errcheck
	style, err := chroma.NewXMLStyle(r)
	if err != nil {
		panic(err)
	}
	return style
}

// Fallback style. Reassign to change the default fallback style.
//
// hotseat patch: parsed on its own at initialisation, the only embedded style that is.
var Fallback = mustParse("swapoff.xml")

// Register a chroma.Style.
func Register(style *chroma.Style) *chroma.Style {
	Registry[style.Name] = style
	return style
}

// Names of all available styles.
func Names() []string {
	seen := map[string]bool{}
	out := []string{}
	for _, m := range []map[string]*chroma.Style{Registry, builtin()} {
		for name := range m {
			if !seen[name] {
				seen[name] = true
				out = append(out, name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Get named style, or Fallback.
func Get(name string) *chroma.Style {
	if style, ok := Registry[name]; ok {
		return style
	}
	if style, ok := builtin()[name]; ok {
		return style
	}
	return Fallback
}
