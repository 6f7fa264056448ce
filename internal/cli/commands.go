package cli

import "github.com/spf13/cobra"

// addCommands registers hotseat's subcommands; one line per command keeps the list easy to
// see (and easy to extend without touching the rest of the CLI).
func (a *app) addCommands(root *cobra.Command) {
	root.AddCommand(a.packCmd())
	root.AddCommand(a.drillCmd())
	root.AddCommand(a.statsCmd())
	root.AddCommand(a.pitchCmd())
	root.AddCommand(a.claimCmd())
	root.AddCommand(a.gradeCmd())
	root.AddCommand(a.dbCmd())
	root.AddCommand(a.optimizeCmd())
	root.AddCommand(a.configCmd())
	root.AddCommand(a.leechCmd())
	root.AddCommand(a.cvCmd())
	root.AddCommand(a.interviewCmd())
}

// addPackCommands registers the subcommands of `hotseat pack`.
func (a *app) addPackCommands(pk *cobra.Command) {
	pk.AddCommand(a.packLintCmd())
	pk.AddCommand(a.packListCmd())
	pk.AddCommand(a.packShowCmd())
	pk.AddCommand(a.packAddCmd())
	pk.AddCommand(a.packUpdateCmd())
	pk.AddCommand(a.packRemoveCmd())
	pk.AddCommand(a.packEnableCmd())
	pk.AddCommand(a.packDisableCmd())
	pk.AddCommand(a.packNewCmd())
	pk.AddCommand(a.packImportCmd())
	pk.AddCommand(a.packExportCmd())
	pk.AddCommand(a.packSuggestTermsCmd())
}
