package anki

import (
	"archive/zip"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/hotseat/hotseat/internal/pack"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/zstd"
	"modernc.org/sqlite" // also registers the pure-Go "sqlite" driver
)

// registerUnicase gives SQLite the "unicase" collation that schema 18 declares on deck and
// notetype names; Anki defines it in Rust, and a statement that sorts or compares by
// those columns fails without it.
var registerUnicase = sync.OnceFunc(func() {
	_ = sqlite.RegisterCollationUtf8("unicase", func(a, b string) int {
		return strings.Compare(strings.ToLower(a), strings.ToLower(b))
	})
})

// Collection entries of a package, newest format first. Anki 2.1.50+ writes
// collection.anki21b (zstd-compressed, schema 18) beside a stub collection.anki2 that
// only says "please update Anki"; with "Support older Anki versions" it writes
// collection.anki21 (schema 11) instead.
var collectionNames = []string{"collection.anki21b", "collection.anki21", "collection.anki2"}

// ReadPackage reads the notes of an Anki package. Only the collection entry is read, into
// memory and within MaxCollection; media files are ignored, and nothing is extracted.
func ReadPackage(r io.ReaderAt, size int64, file string) (*Deck, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%s is not a readable Anki package (%v): export the deck from Anki again", file, err)
	}
	entries := map[string]*zip.File{}
	for _, f := range zr.File {
		entries[f.Name] = f // exact names only: "../collection.anki2" is not a collection
	}
	var entry *zip.File
	for _, name := range collectionNames {
		if entries[name] != nil {
			entry = entries[name]
			break
		}
	}
	if entry == nil {
		return nil, fmt.Errorf("%s holds no Anki collection (collection.anki21b, .anki21 or .anki2): export the deck from Anki again", file)
	}
	data, err := readEntry(entry, file)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(entry.Name, "b") {
		if data, err = unzstd(data, file); err != nil {
			return nil, err
		}
	}
	d, err := readCollection(data, file)
	if err != nil {
		return nil, err
	}
	if entry.Name == "collection.anki2" && isUpgradeStub(d) {
		return nil, fmt.Errorf("%s was written by a newer Anki in a format this file does not include: export it again with \"Support older Anki versions\" ticked", file)
	}
	return d, nil
}

func readEntry(f *zip.File, file string) ([]byte, error) {
	if f.UncompressedSize64 > MaxCollection {
		return nil, tooLarge(file, int64(f.UncompressedSize64))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read %s (%v): export the deck from Anki again", file, f.Name, err)
	}
	defer rc.Close()
	// The header's size can lie; the limit cannot.
	data, err := io.ReadAll(io.LimitReader(rc, MaxCollection+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read %s (%v): export the deck from Anki again", file, f.Name, err)
	}
	if len(data) > MaxCollection {
		return nil, tooLarge(file, int64(len(data)))
	}
	if err := ratioOK(file, uint64(len(data)), f.CompressedSize64); err != nil {
		return nil, err
	}
	return data, nil
}

// ratioOK refuses a collection that grew more than MaxRatio times when decompressed.
func ratioOK(file string, out, in uint64) error {
	if out > 8<<20 && out > MaxRatio*in {
		return fmt.Errorf("the collection in %s grows from %d KiB to %d MiB when decompressed, which decks do not do (a zip bomb?): export the deck from Anki again", file, in>>10, out>>20)
	}
	return nil
}

func unzstd(data []byte, file string) ([]byte, error) {
	dec, err := zstd.NewReader(bytes.NewReader(data), zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(MaxCollection+1))
	if err != nil {
		return nil, err
	}
	defer dec.Close()
	out, err := io.ReadAll(io.LimitReader(dec, MaxCollection+1))
	if err != nil {
		return nil, fmt.Errorf("%s: cannot decompress its collection (%v): export it again with \"Support older Anki versions\" ticked", file, err)
	}
	if len(out) > MaxCollection {
		return nil, tooLarge(file, int64(len(out)))
	}
	if err := ratioOK(file, uint64(len(out)), uint64(len(data))); err != nil {
		return nil, err
	}
	return out, nil
}

func tooLarge(file string, n int64) error {
	return fmt.Errorf("the collection in %s is %d MiB; hotseat reads decks up to %d MiB: export a smaller deck or subdeck", file, n>>20, MaxCollection>>20)
}

// readCollection opens a collection database from memory (sqlite3_deserialize: no
// temporary file) and reads its notes.
func readCollection(data []byte, file string) (*Deck, error) {
	if !bytes.HasPrefix(data, []byte("SQLite format 3\x00")) || len(data) < 100 {
		return nil, fmt.Errorf("the collection in %s is not an SQLite database: export the deck from Anki again", file)
	}
	// A collection saved in WAL mode cannot be opened from memory; bytes 18 and 19 of the
	// header say which journal the file uses, and 1 (rollback) reads the same data.
	if data[18] == 2 || data[19] == 2 {
		data = bytes.Clone(data)
		data[18], data[19] = 1, 1
	}
	registerUnicase()
	ctx := context.Background()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		d, ok := dc.(interface{ Deserialize([]byte) error })
		if !ok {
			return errors.New("the SQLite driver cannot read a database from memory")
		}
		return d.Deserialize(data)
	})
	if err != nil {
		return nil, fmt.Errorf("cannot open the collection in %s (%v): export the deck from Anki again", file, err)
	}
	d, err := readNotes(ctx, conn)
	if err != nil {
		return nil, fmt.Errorf("cannot read the notes in %s (%v): export the deck from Anki again", file, err)
	}
	d.File, d.HTML = file, true
	return d, nil
}

type notetype struct {
	name   string
	fields []string
}

// readNotes reads notes, their notetypes and the deck of each note's first card, from the
// JSON columns of schema 11 or the tables of schema 18.
func readNotes(ctx context.Context, conn *sql.Conn) (*Deck, error) {
	types, decks, err := readSchema(ctx, conn)
	if err != nil {
		return nil, err
	}
	deckOf := map[int64]int64{}
	if rows, err := conn.QueryContext(ctx, `SELECT nid, did FROM cards ORDER BY nid, ord`); err == nil {
		for rows.Next() {
			var nid, did int64
			if err := rows.Scan(&nid, &did); err != nil {
				rows.Close()
				return nil, err
			}
			if _, ok := deckOf[nid]; !ok {
				deckOf[nid] = did
			}
		}
		rows.Close()
	}
	d := &Deck{}
	// Notes are capped before they are read: a pack holds at most pack.MaxQuestions, and a
	// note over MaxNoteBytes (a 24 MB field) would take gigabytes to convert.
	var total int
	if err := conn.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(length(CAST(flds AS BLOB)) > ?), 0) FROM notes`, MaxNoteBytes).Scan(&total, &d.TooLarge); err != nil {
		return nil, err
	}
	if total-d.TooLarge > pack.MaxQuestions {
		return nil, fmt.Errorf("the deck has %d notes; a pack holds at most %d questions: export a smaller deck or subdeck", total-d.TooLarge, pack.MaxQuestions)
	}
	rows, err := conn.QueryContext(ctx, `SELECT id, guid, mid, tags, flds FROM notes WHERE length(CAST(flds AS BLOB)) <= ? ORDER BY id`, MaxNoteBytes)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, mid int64
		var guid, tags, flds string
		if err := rows.Scan(&id, &guid, &mid, &tags, &flds); err != nil {
			return nil, err
		}
		n := Note{GUID: guid, Fields: strings.Split(flds, "\x1f"), Tags: strings.Fields(tags)}
		if t, ok := types[mid]; ok {
			n.Notetype, n.FieldNames = t.name, t.fields
		}
		if did, ok := deckOf[id]; ok {
			n.Deck = decks[did]
		}
		d.Notes = append(d.Notes, n)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	d.Name = commonDeck(d.Notes)
	return d, nil
}

func readSchema(ctx context.Context, conn *sql.Conn) (map[int64]notetype, map[int64]string, error) {
	var v18 int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'notetypes'`).Scan(&v18); err != nil {
		return nil, nil, err
	}
	if v18 > 0 {
		return readSchema18(ctx, conn)
	}
	var models, decks string
	if err := conn.QueryRowContext(ctx, `SELECT models, decks FROM col`).Scan(&models, &decks); err != nil {
		return nil, nil, err
	}
	var ms map[string]struct {
		Name string `json:"name"`
		Flds []struct {
			Name string `json:"name"`
			Ord  int    `json:"ord"`
		} `json:"flds"`
	}
	var ds map[string]struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal([]byte(models), &ms); err != nil {
		return nil, nil, fmt.Errorf("notetypes: %w", err)
	}
	if err := json.Unmarshal([]byte(decks), &ds); err != nil {
		return nil, nil, fmt.Errorf("decks: %w", err)
	}
	types := map[int64]notetype{}
	for k, m := range ms {
		id, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			continue
		}
		sort.Slice(m.Flds, func(i, j int) bool { return m.Flds[i].Ord < m.Flds[j].Ord })
		t := notetype{name: m.Name}
		for _, f := range m.Flds {
			t.fields = append(t.fields, f.Name)
		}
		types[id] = t
	}
	deckNames := map[int64]string{}
	for k, d := range ds {
		if id, err := strconv.ParseInt(k, 10, 64); err == nil {
			deckNames[id] = d.Name
		}
	}
	return types, deckNames, nil
}

// readSchema18 reads the tables that replaced the JSON columns in schema 18. Deck names
// there separate levels with \x1f rather than "::".
func readSchema18(ctx context.Context, conn *sql.Conn) (map[int64]notetype, map[int64]string, error) {
	types := map[int64]notetype{}
	rows, err := conn.QueryContext(ctx, `SELECT id, name FROM notetypes`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return nil, nil, err
		}
		types[id] = notetype{name: name}
	}
	rows.Close()
	rows, err = conn.QueryContext(ctx, `SELECT ntid, name FROM fields ORDER BY ntid, ord`)
	if err != nil {
		return nil, nil, err
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return nil, nil, err
		}
		t := types[id]
		t.fields = append(t.fields, name)
		types[id] = t
	}
	rows.Close()
	decks := map[int64]string{}
	rows, err = conn.QueryContext(ctx, `SELECT id, name FROM decks`)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, nil, err
		}
		decks[id] = strings.ReplaceAll(name, "\x1f", "::")
	}
	return types, decks, rows.Err()
}

// isUpgradeStub reports whether a collection is the placeholder newer Ankis put beside
// their real collection for older versions to find.
func isUpgradeStub(d *Deck) bool {
	if len(d.Notes) != 1 || len(d.Notes[0].Fields) == 0 {
		return false
	}
	return strings.Contains(strings.ToLower(d.Notes[0].Fields[0]), "please update to the latest anki version")
}

// commonDeck returns the deepest deck that contains every note: "ML" for notes in
// "ML::Trees" and "ML::Boosting". Empty when the notes share no deck.
func commonDeck(notes []Note) string {
	var common []string
	first := true
	for _, n := range notes {
		if n.Deck == "" {
			continue
		}
		parts := strings.Split(n.Deck, "::")
		if first {
			common, first = parts, false
			continue
		}
		k := 0
		for k < len(common) && k < len(parts) && common[k] == parts[k] {
			k++
		}
		common = common[:k]
	}
	return strings.Join(common, "::")
}
