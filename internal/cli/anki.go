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

// importDeck converts a deck or question file into a pack file: the Import hook of the
// source manager, so that `pack update` converts it again, the same way.
func importDeck(src source.Source) (source.Imported, error) {
	res, err := convertImport(src.Origin, src.PackID, src.Format, src.Columns)
	if err != nil {
		return source.Imported{}, err
	}
	notes := res.Notes
	for _, s := range res.Skipped {
		notes = append(notes, "left out: "+s)
	}
	return source.Imported{Name: res.FileName, Data: res.Markdown, Notes: notes}, nil
}

func convertImport(path, packID, format string, columns []string) (*anki.Result, error) {
	f, ok := anki.ParseFormat(format)
	if !ok {
		return nil, fmt.Errorf("unknown --format %q: use auto, anki, markdown, csv or crowdanki", format)
	}
	return anki.Import(path, f, anki.CSVOptions{Options: anki.Options{PackID: packID}, Columns: columns})
}

func (a *app) packImportCmd() *cobra.Command {
	var id, out, format string
	var columns []string
	var force, dryRun bool
	c := &cobra.Command{
		Use:   "import FILE",
		Short: "Turn an Anki deck, a Markdown Q&A file, a spreadsheet or a CrowdAnki folder into a pack",
		Long: `Convert questions someone already has into a pack. FILE is, by what it is (or --format):

  anki       an .apkg (File > Export > "Anki Deck Package") or a text export ("Notes in Plain
             Text"; its #separator, #html, #columns, #tags, #deck and column headers are read).
             Each note becomes a question, its front the question and its back the answer;
             HTML becomes Markdown and tags are kept. A deck hotseat exported comes back with
             its key points, match terms, options, level and time.
  markdown   a .md question list, as most public interview-question repositories keep them:
             questions as headings or bold lines (or Q:/A:, or <details>), the answer below;
             section headings become tags, difficulty marks and words become levels, images
             their alt text and link. Questions without an answer are left out and listed.
  csv        a .csv or .tsv file with a header row naming question and answer columns (and
             tags, level, time, id), or --columns to say what each column is. Quoted fields
             may span lines.
  crowdanki  a CrowdAnki export folder (or its deck.json); subdecks become tags.

--dry-run shows what would be imported (counts, levels, the first questions, what is left out
and why) and writes nothing. Without --out the pack is installed: hotseat pack update then
converts the file again the same way, and your progress stays. With --out the pack file is
written to a folder for you to edit (add key points!) and share.

Imported questions have no key points (unless hotseat exported them), so the drill shows the
answer and asks you to rate yourself.`,
		Example: `  hotseat pack import ~/Downloads/ML.apkg
  hotseat pack import theory.md --dry-run
  hotseat pack import questions.csv --columns question,answer,tags,level --out packs/
  hotseat pack import ~/decks/ml-crowdanki/ --id ml-basics`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if id != "" && !source.ValidID(id) {
				return &exitError{code: exitUsage, err: fmt.Errorf("bad pack id %q: use lowercase letters, digits and hyphens", id)}
			}
			if _, ok := anki.ParseFormat(format); !ok {
				return &exitError{code: exitUsage, err: fmt.Errorf("unknown --format %q: use auto, anki, markdown, csv or crowdanki", format)}
			}
			if dryRun {
				return a.importDryRun(args[0], id, format, columns)
			}
			if out != "" {
				return a.importTo(args[0], id, format, columns, out, force)
			}
			return a.importInstall(cmd, args[0], id, format, columns)
		},
	}
	c.Flags().StringVar(&id, "id", "", "pack id (default: from the deck or file name)")
	c.Flags().StringVarP(&out, "out", "o", "", "write the pack file into this folder instead of installing it")
	c.Flags().BoolVar(&force, "force", false, "with --out: overwrite a pack file that exists")
	c.Flags().StringVar(&format, "format", "auto", "anki, markdown, csv or crowdanki (auto: by the file)")
	c.Flags().StringSliceVar(&columns, "columns", nil, "CSV/TSV: what each column is, in order (question, answer, tags, level, time, id, - to skip)")
	c.Flags().BoolVar(&dryRun, "dry-run", false, "show what would be imported, and write nothing")
	return c
}

// importDryRun converts the file and says what would be imported.
func (a *app) importDryRun(file, id, format string, columns []string) error {
	res, err := convertImport(file, id, format, columns)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(a.stdout, "would import %d questions into pack %s (%d junior, %d mid, %d senior)\n", res.Questions, res.PackID, res.Levels[0], res.Levels[1], res.Levels[2])
	for _, n := range res.Notes {
		fmt.Fprintln(a.stdout, n)
	}
	if len(res.First) > 0 {
		fmt.Fprintln(a.stdout, "\nfirst questions:")
		for _, t := range res.First {
			fmt.Fprintf(a.stdout, "  %s\n", t)
		}
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(a.stdout, "\nleft out (%d):\n", len(res.Skipped))
		for _, s := range res.Skipped {
			fmt.Fprintf(a.stdout, "  %s\n", source.CleanLine(s))
		}
	}
	fmt.Fprintln(a.stdout, "\nnothing was written (--dry-run)")
	return nil
}

// importTo writes the converted pack into dir.
func (a *app) importTo(file, id, format string, columns []string, dir string, force bool) error {
	imp, err := importDeck(source.Source{Origin: file, PackID: id, Format: format, Columns: columns})
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
func (a *app) importInstall(cmd *cobra.Command, file, id, format string, columns []string) error {
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
	res, err := m.Add(cmd.Context(), file, source.AddOptions{Kind: source.Import, PackID: id, Format: format, Columns: columns})
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
			l := a.collectPacks(inst, true, pack.Loader{})
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
