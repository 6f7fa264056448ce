package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/anki"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/source"
)

// importDeck converts an Anki deck file into a pack file: the Import hook of the source
// manager, so that `pack update` converts the deck again.
func importDeck(origin, packID string) (source.Imported, error) {
	deck, err := anki.ReadFile(origin)
	if err != nil {
		return source.Imported{}, err
	}
	res, err := anki.Convert(deck, anki.Options{PackID: packID})
	if err != nil {
		return source.Imported{}, err
	}
	return source.Imported{Name: res.FileName, Data: res.Markdown, Notes: res.Notes}, nil
}

func (a *app) packImportCmd() *cobra.Command {
	var id, out string
	var force bool
	c := &cobra.Command{
		Use:   "import FILE",
		Short: "Turn an Anki deck (.apkg or a text export) into a pack",
		Long: `Convert an Anki deck into a pack: each note becomes a question, its front the question and
its back the model answer; HTML becomes Markdown and tags are kept. FILE is an .apkg (File >
Export > "Anki Deck Package" in Anki) or a text export ("Notes in Plain Text", with or
without HTML; its #separator, #html, #columns, #tags, #deck and column headers are read).

Without --out the pack is installed: hotseat pack update then converts the deck again, and
your progress stays, because question ids come from the notes' ids in Anki. With --out the
pack file is written to a folder for you to edit (add key points!) and share.

Anki notes have no key points, so the drill shows the answer and asks you to rate yourself.`,
		Example: `  hotseat pack import ~/Downloads/ML.apkg
  hotseat pack import deck.txt --id ml-basics --out packs/`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if id != "" && !source.ValidID(id) {
				return &exitError{code: exitUsage, err: fmt.Errorf("bad pack id %q: use lowercase letters, digits and hyphens", id)}
			}
			if out != "" {
				return a.importTo(args[0], id, out, force)
			}
			return a.importInstall(cmd, args[0], id)
		},
	}
	c.Flags().StringVar(&id, "id", "", "pack id (default: from the deck name)")
	c.Flags().StringVarP(&out, "out", "o", "", "write the pack file into this folder instead of installing it")
	c.Flags().BoolVar(&force, "force", false, "with --out: overwrite a pack file that exists")
	return c
}

// importTo writes the converted pack into dir.
func (a *app) importTo(file, id, dir string, force bool) error {
	imp, err := importDeck(file, id)
	if err != nil {
		return fail(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fail(fmt.Errorf("create %s: %w", dir, err))
	}
	path := filepath.Join(dir, imp.Name)
	flags := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
	if !force {
		flags |= os.O_EXCL
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fail(fmt.Errorf("%s exists: pass --force to overwrite it, or --out another folder", path))
	}
	if err != nil {
		return fail(fmt.Errorf("write %s: %w", path, err))
	}
	if _, err := f.Write(imp.Data); err != nil {
		f.Close()
		return fail(fmt.Errorf("write %s: %w", path, err))
	}
	if err := f.Close(); err != nil {
		return fail(fmt.Errorf("write %s: %w", path, err))
	}
	for _, n := range imp.Notes {
		fmt.Fprintln(a.stdout, n)
	}
	path = source.CleanLine(path)
	fmt.Fprintf(a.stdout, "wrote %s: check it with hotseat pack lint %s, then install it with hotseat pack add %s\n", path, path, path)
	return nil
}

// importInstall installs the converted deck as a source; a deck file installed before is
// converted again (an update).
func (a *app) importInstall(cmd *cobra.Command, file, id string) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return fail(err)
	}
	s, err := a.openStore(false)
	if err != nil {
		return err
	}
	defer s.Close()
	m := a.manager(s)
	list, err := m.Sources()
	if err != nil {
		return fail(err)
	}
	for _, src := range list {
		if src.Kind == source.Import && src.Origin == abs {
			if id != "" && id != src.PackID {
				return fail(fmt.Errorf("%s is installed already as pack %s: remove it with hotseat pack remove %s before importing it under another id", file, src.PackID, src.ID))
			}
			res, err := m.Update(cmd.Context(), src.ID)
			a.printDiagnostics(errorsOnly(res.Diagnostics))
			if err != nil {
				return fail(err)
			}
			a.printUpdate(res)
			return nil
		}
	}
	res, err := m.Add(cmd.Context(), file, source.AddOptions{Kind: source.Import, PackID: id})
	a.printDiagnostics(errorsOnly(res.Diagnostics))
	if err != nil {
		return fail(err)
	}
	for _, n := range res.Notes {
		fmt.Fprintln(a.stdout, n)
	}
	src := res.Source
	for _, p := range src.Packs {
		path := filepath.Join(src.Dir, p.ID+".md")
		fmt.Fprintf(a.stdout, "installed pack %s (%s) in %s\n", p.ID, plural(p.Questions, "question"), source.CleanLine(path))
	}
	fmt.Fprintf(a.stdout, "after changing the deck in Anki, export it to the same file and run hotseat pack update %s\n", src.ID)
	return nil
}

// errorsOnly drops warnings: an imported pack has one per question (no key points), which
// the conversion already summed up in one sentence.
func errorsOnly(ds pack.Diagnostics) pack.Diagnostics {
	var out pack.Diagnostics
	for _, d := range ds {
		if !d.Warning {
			out = append(out, d)
		}
	}
	return out
}

func (a *app) packExportCmd() *cobra.Command {
	var format, out string
	c := &cobra.Command{
		Use:   "export ID",
		Short: "Write a pack as an Anki text export or as JSON",
		Long: `Write pack ID for other tools. --format anki writes Anki's "Notes in Plain Text" format
(tab-separated, HTML fields, with a guid column so that importing it again in Anki updates
the same notes, and a tags column): import it in Anki with File > Import. --format json
writes the pack model, as hotseat reads it.`,
		Example: `  hotseat pack export ensembles --format anki -o ensembles.txt
  hotseat pack export ensembles --format json | jq '.questions | length'`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "anki" && format != "json" {
				return badValue("format", "anki or json", fmt.Sprintf("%q", format))
			}
			inst, err := a.readInstalled()
			if err != nil {
				fmt.Fprintf(a.stderr, "hotseat: your installed packs were not loaded: %v\n", safeError{err})
			}
			l := a.collectPacks(inst, true)
			pk := l.lib.Pack(args[0])
			for _, off := range l.off {
				if pk == nil && off.ID == args[0] {
					pk = off
				}
			}
			if pk == nil {
				a.reportSkipped(l.problems)
				return errNoPack(args[0], slices.Concat(l.lib.Packs, l.off))
			}
			w := a.stdout
			var f *os.File
			if out != "" && out != "-" {
				if f, err = os.Create(out); err != nil {
					return fail(fmt.Errorf("write %s: %w", out, err))
				}
				w = f
			}
			err = writePack(w, pk, format)
			if f != nil {
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				return fail(fmt.Errorf("write %s: %w", out, err))
			}
			if f != nil {
				fmt.Fprintf(a.stderr, "wrote %s: %s\n", source.CleanLine(out), plural(len(pk.Questions), "question"))
			}
			return nil
		},
	}
	c.Flags().StringVar(&format, "format", "anki", "anki or json")
	c.Flags().StringVarP(&out, "output", "o", "", "file to write (default: standard output)")
	return c
}

func writePack(w io.Writer, pk *pack.Pack, format string) error {
	if format == "anki" {
		return anki.WriteText(w, pk)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(pk)
}
