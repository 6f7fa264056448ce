package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/store"
)

func (a *app) dbCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "db",
		Short: "Check or rebuild the database that holds your progress",
	}
	c.AddCommand(a.dbCheckCmd(), a.dbRebuildCmd())
	return c
}

func (a *app) dbRebuildCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rebuild OUT",
		Short: "Copy whatever can still be read of a damaged database into a new file",
		Long: `Read the database (--db, $HOTSEAT_DB or the default) and copy every review, card, setting
and saved phrase that can still be read into a new database OUT, then check OUT. The damaged
file is only read. Each part is read in order until its end or the first damaged page; the
parts cut short are named. Then check the new file with hotseat --db OUT stats, and move it
into place of the old one (keep the old one: a later hotseat may recover more of it).`,
		Example: `  hotseat db rebuild ~/hotseat-rebuilt.db`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.dbPath()
			if err != nil {
				return err
			}
			res, err := store.Salvage(p, args[0])
			if err != nil {
				return &exitError{code: exitFail, err: err}
			}
			fmt.Fprintf(a.stdout, "wrote %s: %d reviews, %d cards, %d settings, %d saved phrases\n", args[0],
				res.Keys["reviews"], res.Keys["cards"], res.Keys["settings"], res.Keys["synonyms"])
			if len(res.Damaged) > 0 {
				fmt.Fprintf(a.stdout, "could not read to the end (damaged pages): %s\n", strings.Join(res.Damaged, ", "))
			}
			problems, err := store.Check(args[0], 5)
			if err != nil || len(problems) > 0 {
				return &exitError{code: exitFail, err: fmt.Errorf("the rebuilt %s does not check clean (%v %v): please report it", args[0], err, problems)}
			}
			fmt.Fprintf(a.stdout, "%s checks clean. Try it with hotseat --db %s stats, then move it in place of %s.\n", args[0], args[0], p)
			return nil
		},
	}
}

func (a *app) dbCheckCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Check every page of the database for damage (read-only)",
		Long: `Read every page of the database and check its structure: each page reachable once,
none both in use and free, keys in order. hotseat runs this check before it writes to a
database of up to 64 MiB and refuses a damaged one untouched; this command runs it on any
size, without writing. Exits 1 when it finds damage.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := a.dbPath()
			if err != nil {
				return err
			}
			problems, err := store.Check(p, 20)
			if err != nil {
				return &exitError{code: exitFail, err: err}
			}
			if len(problems) == 0 {
				fmt.Fprintf(a.stdout, "ok: %s has no damaged pages\n", p)
				return nil
			}
			fmt.Fprintf(a.stdout, "%s is damaged:\n", p)
			for _, e := range problems {
				fmt.Fprintf(a.stdout, "  %v\n", e)
			}
			fmt.Fprintf(a.stdout, "Move it aside (hotseat will not write to it) and start a new one with --db, or keep it for a later hotseat that can rebuild it.\n")
			return &exitError{code: exitFail, silent: true, err: fmt.Errorf("%d problems", len(problems))}
		},
	}
}
