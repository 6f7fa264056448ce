// Package ankitest builds Anki packages for tests: a collection database with the tables
// and columns Anki uses, zipped as Anki exports it. Nothing in hotseat outside tests uses
// it.
package ankitest

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	_ "modernc.org/sqlite"
)

// Note is one note of a test deck.
type Note struct {
	GUID   string
	Fields []string // joined with \x1f, as Anki stores them
	Tags   []string
	Deck   string // deck name with "::" between levels; "" is the deck's Default
	Cloze  bool   // use the Cloze notetype (fields Text, Back Extra)
}

// Format is the collection format of a package.
type Format int

// Formats.
const (
	Legacy2  Format = iota // collection.anki2, schema 11: what Anki 2.1 before 2.1.50 writes
	Legacy21               // collection.anki21, schema 11: "Support older Anki versions"
	Modern                 // collection.anki21b, zstd, schema 18 (with a stub collection.anki2)
)

// Entry is an extra zip entry.
type Entry struct {
	Name string
	Data []byte
}

// Package returns an .apkg holding notes, in format f, with extra zip entries.
func Package(t testing.TB, f Format, notes []Note, extra ...Entry) []byte {
	t.Helper()
	var entries []Entry
	switch f {
	case Legacy2:
		entries = append(entries, Entry{"collection.anki2", Collection(t, false, notes)})
	case Legacy21:
		entries = append(entries, Entry{"collection.anki21", Collection(t, false, notes)})
	case Modern:
		enc, err := zstd.NewWriter(nil)
		if err != nil {
			t.Fatal(err)
		}
		modern := enc.EncodeAll(Collection(t, true, notes), nil)
		enc.Close()
		stub := Collection(t, false, []Note{{GUID: "stub", Fields: []string{"Please update to the latest Anki version, then import the .colpkg/.apkg file again.", ""}}})
		entries = append(entries, Entry{"collection.anki2", stub}, Entry{"collection.anki21b", modern})
	}
	entries = append(entries, Entry{"media", []byte("{}")})
	return Zip(t, append(entries, extra...)...)
}

// Zip zips entries as they are, names included.
func Zip(t testing.TB, entries ...Entry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		w, err := zw.Create(e.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(e.Data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const (
	basicID = 1342697561419
	clozeID = 1342697561420
)

// Collection returns a collection database: schema 11 (notetypes and decks as JSON in the
// col table) or, with v18, schema 18 (notetypes, fields and decks tables, deck levels
// separated by \x1f).
func Collection(t testing.TB, v18 bool, notes []Note) []byte {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := conn.ExecContext(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
		scm integer not null, ver integer not null, dty integer not null, usn integer not null,
		ls integer not null, conf text not null, models text not null, decks text not null,
		dconf text not null, tags text not null)`)
	exec(`CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
		mod integer not null, usn integer not null, tags text not null, flds text not null,
		sfld integer not null, csum integer not null, flags integer not null, data text not null)`)
	exec(`CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
		ord integer not null, mod integer not null, usn integer not null, type integer not null,
		queue integer not null, due integer not null, ivl integer not null, factor integer not null,
		reps integer not null, lapses integer not null, left integer not null, odue integer not null,
		odid integer not null, flags integer not null, data text not null)`)

	deckIDs := map[string]int64{"Default": 1}
	for _, n := range notes {
		if n.Deck != "" && deckIDs[n.Deck] == 0 {
			deckIDs[n.Deck] = int64(1700000000000 + len(deckIDs))
		}
	}
	if v18 {
		exec(`CREATE TABLE notetypes (id integer not null primary key, name text not null,
			mtime_secs integer not null, usn integer not null, config blob not null)`)
		exec(`CREATE TABLE fields (ntid integer not null, ord integer not null, name text not null,
			config blob not null, primary key (ntid, ord)) without rowid`)
		exec(`CREATE TABLE decks (id integer primary key not null, name text not null,
			mtime_secs integer not null, usn integer not null, common blob not null, kind blob not null)`)
		exec(`INSERT INTO notetypes VALUES (?, 'Basic', 0, 0, x''), (?, 'Cloze', 0, 0, x'')`, basicID, clozeID)
		exec(`INSERT INTO fields VALUES (?, 0, 'Front', x''), (?, 1, 'Back', x''), (?, 0, 'Text', x''), (?, 1, 'Back Extra', x'')`,
			basicID, basicID, clozeID, clozeID)
		for name, id := range deckIDs {
			exec(`INSERT INTO decks VALUES (?, ?, 0, 0, x'', x'')`, id, strings.ReplaceAll(name, "::", "\x1f"))
		}
		exec(`INSERT INTO col VALUES (1, 0, 0, 0, 18, 0, 0, 0, '', '', '', '', '')`)
	} else {
		models := map[string]any{
			fmt.Sprint(basicID): map[string]any{"id": basicID, "name": "Basic", "type": 0,
				"flds": []map[string]any{{"name": "Back", "ord": 1}, {"name": "Front", "ord": 0}}},
			fmt.Sprint(clozeID): map[string]any{"id": clozeID, "name": "Cloze", "type": 1,
				"flds": []map[string]any{{"name": "Text", "ord": 0}, {"name": "Back Extra", "ord": 1}}},
		}
		decks := map[string]any{}
		for name, id := range deckIDs {
			decks[fmt.Sprint(id)] = map[string]any{"id": id, "name": name}
		}
		mj, _ := json.Marshal(models)
		dj, _ := json.Marshal(decks)
		exec(`INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', ?, ?, '{}', '{}')`, string(mj), string(dj))
	}
	for i, n := range notes {
		nid := int64(1600000000000 + i)
		mid := int64(basicID)
		if n.Cloze {
			mid = clozeID
		}
		tags := ""
		if len(n.Tags) > 0 {
			tags = " " + strings.Join(n.Tags, " ") + " "
		}
		sfld := ""
		if len(n.Fields) > 0 {
			sfld = n.Fields[0]
		}
		exec(`INSERT INTO notes VALUES (?, ?, ?, 0, -1, ?, ?, ?, 0, 0, '')`, nid, n.GUID, mid, tags, strings.Join(n.Fields, "\x1f"), sfld)
		deck := deckIDs["Default"]
		if n.Deck != "" {
			deck = deckIDs[n.Deck]
		}
		exec(`INSERT INTO cards VALUES (?, ?, ?, 0, 0, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')`, nid*10, nid, deck, i)
	}
	var out []byte
	err = conn.Raw(func(dc any) error {
		var err error
		out, err = dc.(interface{ Serialize() ([]byte, error) }).Serialize()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
