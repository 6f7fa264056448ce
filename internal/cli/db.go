package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/store"
)

func (a *app) dbCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "db",
		Short: "Check the database that holds your progress",
	}
	c.AddCommand(a.dbCheckCmd())
	return c
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
