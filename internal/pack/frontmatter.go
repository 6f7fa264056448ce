package pack

import (
	"fmt"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/hotseat/hotseat/internal/safetext"
)

// frontMatter reads the YAML block at the top of a pack. It walks yaml.Node values rather
// than decoding into a struct, so that every problem is reported at its own line and an
// unknown field is an error instead of being silently ignored.
type frontMatter struct {
	p      *parser_
	offset int // file line of the YAML's line 1, minus one
	last   int // file line of the closing ---
}

func (f *frontMatter) errorf(n *yaml.Node, format string, args ...any) {
	f.p.errorf(n.Line+f.offset, format, args...)
}

func (f *frontMatter) parse(pk *Pack, src string) {
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		f.yamlError(err, src)
		return
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		f.p.errorf(2, "front matter must be fields like pack: my-pack, one per line")
		return
	}
	root := doc.Content[0]
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if seen[k.Value] {
			f.errorf(k, "field %q is given twice", k.Value)
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "pack":
			if s, ok := f.scalar(k, v); ok {
				if !ValidID(s) {
					f.errorf(v, "bad pack id %q: use lowercase letters, digits and hyphens (at most 64)", s)
				} else {
					pk.ID = s
				}
			}
		case "title":
			if t, ok := f.scalar(k, v); ok && t == "" {
				f.errorf(v, "the title is empty")
			} else {
				pk.Title = t
			}
		case "version":
			if s, ok := f.scalar(k, v); ok {
				if !versionRe.MatchString(s) {
					f.errorf(v, "bad version %q: use a semantic version like 1.0.0", s)
				} else {
					pk.Version = s
				}
			}
		case "description":
			pk.Description, _ = f.scalar(k, v)
		case "license":
			pk.License, _ = f.scalar(k, v)
		case "authors", "author":
			pk.Authors = f.list(k, v)
		case "sources":
			pk.Sources = f.list(k, v)
		case "time":
			if s, ok := f.scalar(k, v); ok {
				if d, ok := f.p.duration(s, v.Line+f.offset); ok {
					pk.Time = d
				}
			}
		case "level":
			if s, ok := f.scalar(k, v); ok {
				if l, ok := ParseLevel(s); ok {
					pk.Level = l
				} else {
					f.errorf(v, "bad level %q: use junior, mid or senior", s)
				}
			}
		case "tags":
			pk.Tags = f.tags(k, v)
		case "claims":
			pk.Claims = f.claims(k, v)
		case "synonyms":
			pk.Synonyms = f.synonyms(k, v)
		default:
			f.errorf(k, "unknown field %q: pack, title, version, description, authors, license, sources, time, level, tags, claims and synonyms are allowed", k.Value)
		}
	}
	for _, req := range []string{"pack", "title", "version"} {
		if !seen[req] {
			f.p.errorf(1, "front matter has no %s: field", req)
		}
	}
}

// yamlParserErrors are the messages of yaml.v3's parser (as opposed to its scanner). For
// these, yaml.v3 reports the 0-based line of the construct being parsed, while scanner
// errors carry 1-based lines; and an error on the first line carries no line at all.
var yamlParserErrors = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
	"found undefined tag handle",
}

// yamlError reports a YAML syntax error at its line in the file.
func (f *frontMatter) yamlError(err error, src string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	n := 1 // YAML line; yaml.v3 leaves the line out for its first line
	if m := yamlLnRe.FindStringSubmatch(msg); m != nil {
		if v, convErr := strconv.Atoi(m[1]); convErr == nil {
			n = v
			msg = msg[len(m[0]):]
			for _, pe := range yamlParserErrors {
				if msg == pe {
					n++
					break
				}
			}
		}
	} else if m := yamlAnchorRe.FindStringSubmatch(msg); m != nil {
		// The composer names the anchor but not where it is used: find the alias.
		for i, l := range strings.Split(src, "\n") {
			if strings.Contains(l, "*"+m[1]) {
				n = i + 1
				break
			}
		}
	}
	f.p.errorf(min(max(n+f.offset, f.offset+1), f.last), "front matter is not valid YAML: %s", msg)
}

// scalar returns a single value, cleaned: YAML escapes ("\e", "\x1b", "\u009b") can put
// controls into a double-quoted string that the file itself does not contain.
func (f *frontMatter) scalar(k, v *yaml.Node) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		f.errorf(v, "%s must be a single value", k.Value)
		return "", false
	}
	return strings.TrimSpace(safetext.Clean(v.Value)), true
}

// list accepts a YAML list of values, or one value.
func (f *frontMatter) list(k, v *yaml.Node) []string {
	if v.Kind == yaml.ScalarNode {
		if s := strings.TrimSpace(safetext.Clean(v.Value)); s != "" {
			return []string{s}
		}
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		f.errorf(v, "%s must be a list like [a, b]", k.Value)
		return nil
	}
	var out []string
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode {
			f.errorf(it, "%s must be a list of plain values", k.Value)
			continue
		}
		if s := strings.TrimSpace(safetext.Clean(it.Value)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// synonyms reads the pack's additions to the grader's thesaurus: entries written as in
// questions/thesaurus.txt, "[topic] canonical = alt, alt".
func (f *frontMatter) synonyms(k, v *yaml.Node) []Synonym {
	if v.Kind != yaml.SequenceNode {
		f.errorf(v, "synonyms must be a list of entries like \"random forest = rf, random forests\"")
		return nil
	}
	var out []Synonym
	for _, it := range v.Content {
		if it.Kind != yaml.ScalarNode {
			f.errorf(it, "a synonyms entry is one line: canonical phrase = alternative, alternative")
			continue
		}
		s, err := ParseSynonym(safetext.Clean(it.Value))
		if err != nil {
			f.errorf(it, "synonyms: %v", err)
			continue
		}
		s.Pos = fmt.Sprintf("%s:%d", f.p.file, it.Line+f.offset)
		out = append(out, s)
	}
	return out
}

func (f *frontMatter) tags(k, v *yaml.Node) []string {
	var out []string
	for i, t := range f.list(k, v) {
		if !isID(t) {
			n := v
			if v.Kind == yaml.SequenceNode && i < len(v.Content) {
				n = v.Content[i]
			}
			f.errorf(n, "bad tag %q: use lowercase letters, digits and hyphens", t)
			continue
		}
		out = appendUnique(out, t)
	}
	return out
}

// claims reads topic: {phrases: [...], tags: [...]}.
func (f *frontMatter) claims(k, v *yaml.Node) []Claim {
	if v.Kind != yaml.MappingNode {
		f.errorf(v, "claims must map topics to phrases, like\n  model-internals:\n    phrases: [\"details of ML models\"]")
		return nil
	}
	var out []Claim
	for i := 0; i+1 < len(v.Content); i += 2 {
		tk, tv := v.Content[i], v.Content[i+1]
		c := Claim{Topic: tk.Value, Line: tk.Line + f.offset}
		if !isID(c.Topic) {
			f.errorf(tk, "bad claim topic %q: use lowercase letters, digits and hyphens", c.Topic)
			continue
		}
		if tv.Kind != yaml.MappingNode {
			f.errorf(tv, "claim %s needs phrases: [...] (and optionally tags: [...])", c.Topic)
			continue
		}
		for j := 0; j+1 < len(tv.Content); j += 2 {
			fk, fv := tv.Content[j], tv.Content[j+1]
			switch fk.Value {
			case "phrases":
				for _, ph := range f.list(fk, fv) {
					t, err := ParseTerm(ph)
					if err != nil {
						f.errorf(fv, "claim %s: %v", c.Topic, err)
						continue
					}
					c.Phrases = append(c.Phrases, t)
				}
			case "tags":
				c.Tags = f.tags(fk, fv)
			default:
				f.errorf(fk, "unknown field %q in claim %s: use phrases and tags", fk.Value, c.Topic)
			}
		}
		if len(c.Phrases) == 0 {
			f.errorf(tk, "claim %s has no phrases: list what a candidate would say", c.Topic)
			continue
		}
		if len(c.Tags) == 0 {
			c.Tags = []string{c.Topic}
		}
		out = append(out, c)
	}
	return out
}
