package anki

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// CrowdAnki is the Anki add-on that exports a deck as a folder holding deck.json (and a
// media folder), which study groups keep in git. ReadCrowdAnki reads the notes of that
// file, subdecks included; media is not read.

// crowdDeck is the part of CrowdAnki's deck.json hotseat reads.
type crowdDeck struct {
	Type       string       `json:"__type__"`
	Name       string       `json:"name"`
	Children   []crowdDeck  `json:"children"`
	Notes      []crowdNote  `json:"notes"`
	NoteModels []crowdModel `json:"note_models"`
}

type crowdNote struct {
	GUID   string   `json:"guid"`
	Fields []string `json:"fields"`
	Tags   []string `json:"tags"`
	Model  string   `json:"note_model_uuid"`
}

type crowdModel struct {
	UUID   string `json:"crowdanki_uuid"`
	Name   string `json:"name"`
	Fields []struct {
		Name string `json:"name"`
	} `json:"flds"`
}

// ReadCrowdAnki reads a CrowdAnki export: its folder, or the deck.json in it.
func ReadCrowdAnki(path string) (*Deck, error) {
	file := path
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		file = filepath.Join(path, "deck.json")
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w (a CrowdAnki export is a folder holding deck.json)", file, unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxTextExport+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", file, err)
	}
	if len(data) > MaxTextExport {
		return nil, fmt.Errorf("%s is over %d MiB", file, MaxTextExport>>20)
	}
	var root crowdDeck
	if err := json.Unmarshal(data, &root); err != nil {
		return nil, fmt.Errorf("%s is not a CrowdAnki deck.json: %v", file, jsonPosition(data, err))
	}
	if root.Type != "Deck" {
		return nil, fmt.Errorf("%s is not a CrowdAnki deck.json (its __type__ is %q, not \"Deck\")", file, root.Type)
	}
	d := &Deck{Name: root.Name, File: file, HTML: true}
	models := map[string]crowdModel{}
	var walk func(cd crowdDeck, name string, depth int) error
	walk = func(cd crowdDeck, name string, depth int) error {
		if depth > 32 {
			return fmt.Errorf("%s: subdecks nested over 32 deep", file)
		}
		for _, m := range cd.NoteModels {
			models[m.UUID] = m
		}
		for _, n := range cd.Notes {
			size := 0
			for _, fl := range n.Fields {
				size += len(fl)
			}
			if size > MaxNoteBytes {
				d.TooLarge++
				continue
			}
			note := Note{GUID: n.GUID, Deck: name, Fields: n.Fields, Tags: n.Tags}
			if m, ok := models[n.Model]; ok {
				note.Notetype = m.Name
				for _, fl := range m.Fields {
					note.FieldNames = append(note.FieldNames, fl.Name)
				}
			}
			d.Notes = append(d.Notes, note)
		}
		for _, c := range cd.Children {
			if err := walk(c, name+"::"+c.Name, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	// Note models may be listed after the notes that use them, in the root deck.
	for _, m := range root.NoteModels {
		models[m.UUID] = m
	}
	if err := walk(root, root.Name, 0); err != nil {
		return nil, err
	}
	return d, nil
}

// jsonPosition adds the line of a JSON syntax error.
func jsonPosition(data []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + strings.Count(string(data[:min(int(se.Offset), len(data))]), "\n")
		return fmt.Errorf("line %d: %v", line, err)
	}
	return err
}
