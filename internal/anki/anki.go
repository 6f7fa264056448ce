// Package anki converts between Anki decks and hotseat packs: it reads an Anki package
// (.apkg, a zip holding the collection's SQLite database) or Anki's "Notes in Plain Text"
// export, turns the notes into a pack file a candidate can edit, and writes a pack back out
// as an Anki text export that re-imports onto the same notes.
//
// Decks are untrusted: archives are read in memory (nothing is ever written to a path
// named by the archive), sizes are bounded, and all text passes through safetext before it
// reaches a pack file or the screen.
package anki

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// Limits on what is read from a deck file.
const (
	// MaxCollection is the largest collection database read from a package, after
	// decompression. Media files are never read, so this is text and scheduling data: a
	// deck of the 5,000 notes a pack can hold is a few MiB. Reading it takes about three
	// times its size in memory.
	MaxCollection = 64 << 20
	// MaxRatio is the most a collection may grow when decompressed: a database of text
	// compresses a few times, a zip bomb thousands.
	MaxRatio = 50
	// MaxNoteBytes is the largest note read (its fields together); a flashcard is a few
	// KiB, and a larger note is skipped and counted.
	MaxNoteBytes = 256 << 10
	// MaxTextExport is the largest text export read.
	MaxTextExport = 64 << 20
)

// Deck is what hotseat keeps of an Anki deck: its notes, in the order Anki created them.
type Deck struct {
	Name  string // the deck name ("ML::Trees"), or "" when the file does not say
	File  string // the file it came from, for messages
	HTML  bool   // fields hold HTML (always for a package; #html:true for a text export)
	Notes []Note
	// TooLarge counts the notes skipped for being over MaxNoteBytes.
	TooLarge int
}

// Note is one Anki note.
type Note struct {
	GUID       string   // Anki's globally unique id of the note; stable across exports
	Notetype   string   // "Basic", "Cloze", ...
	Deck       string   // the deck of its first card, "Parent::Child"
	FieldNames []string // the notetype's field names, when known
	Fields     []string // field contents, in notetype order
	Tags       []string // as written in Anki ("ML::trees")
	Line       int      // text export: the line the note starts on
}

// ReadFile reads an Anki package (.apkg or .colpkg, recognised by content) or a text
// export.
func ReadFile(path string) (*Deck, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, unwrapPath(err))
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a file: pass an .apkg file or an Anki text export", path)
	}
	var magic [4]byte
	n, _ := io.ReadFull(f, magic[:])
	if bytes.Equal(magic[:n], []byte("PK\x03\x04")) {
		return ReadPackage(f, st.Size(), path)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	if ext := strings.ToLower(filepath.Ext(path)); ext == ".apkg" || ext == ".colpkg" {
		return nil, fmt.Errorf("%s is not an Anki package (not a zip file): export the deck from Anki again", path)
	}
	return ReadText(f, path)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
