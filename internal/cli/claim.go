package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/hotseat/hotseat/internal/claims"
	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/safetext"
	"github.com/hotseat/hotseat/internal/store"
)

func (a *app) claimCmd() *cobra.Command {
	c := &cobra.Command{
		Use:   "claim",
		Short: "Say what you would say about yourself, then get drilled on it",
		Long: `Claims are sentences you would say about yourself in an interview ("I love the
details of ML models"). Each maps, through the packs' claims vocabularies, to tags whose
questions are then asked more often, more deeply, faster and more strictly, and flagged on
screen. An audit says whether each claim holds up.`,
		Example: `  hotseat claim add "I have deployed models to production"
  hotseat claim list
  hotseat claim tags 1 --add monitoring --drop deployment
  hotseat claim audit`,
	}
	c.AddCommand(a.claimAddCmd(), a.claimListCmd(), a.claimRmCmd(), a.claimTagsCmd(), a.claimAuditCmd(), a.claimPolicyCmd())
	return c
}

// withClaims opens the store and the library and hands the claims to fn; when fn returns
// changed claims, they are saved.
func (a *app) withClaims(fn func(s *store.Store, lib *pack.Library, cs []claims.Claim) ([]claims.Claim, error)) error {
	return a.claimsSession(a.openSession, fn)
}

// readClaims is withClaims for a command that only reads them: it runs beside a trainer.
func (a *app) readClaims(fn func(s *store.Store, lib *pack.Library, cs []claims.Claim) error) error {
	return a.claimsSession(a.openReadSession, func(s *store.Store, lib *pack.Library, cs []claims.Claim) ([]claims.Claim, error) {
		return nil, fn(s, lib, cs)
	})
}

func (a *app) claimsSession(open func() (*store.Store, *pack.Library, pack.Diagnostics, error), fn func(s *store.Store, lib *pack.Library, cs []claims.Claim) ([]claims.Claim, error)) error {
	s, lib, problems, err := open()
	if err != nil {
		return err
	}
	defer s.Close()
	a.reportSkipped(problems)
	cs, _, err := claims.Load(s)
	if err != nil {
		return err
	}
	// What fn prints ("added claim 2 ...") is held back until the change is committed: a
	// failed save must not have said "added".
	out := a.stdout
	var held bytes.Buffer
	a.stdout = &held
	changed, err := fn(s, lib, cs)
	a.stdout = out
	if err == nil && changed != nil {
		err = claims.Save(s, changed)
	}
	if err != nil {
		return err
	}
	_, err = held.WriteTo(out)
	return err
}

func (a *app) claimAddCmd() *cobra.Command {
	return &cobra.Command{
		Use:   `add "CLAIM"`,
		Short: "Add a claim and show the topics it commits you to",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withClaims(func(_ *store.Store, lib *pack.Library, cs []claims.Claim) ([]claims.Claim, error) {
				c, err := claims.New(safetext.Clean(strings.Join(args, " ")), a.now())
				if err != nil {
					return nil, &exitError{code: exitUsage, err: err}
				}
				if i, dup := claims.Duplicate(cs, c.Text); dup {
					fmt.Fprintf(a.stdout, "already claimed as %d: %q; nothing added\n", i+1, cs[i].Text)
					return nil, nil
				}
				cs = append(cs, c)
				r := claims.ResolveAll(cs, lib)[len(cs)-1]
				fmt.Fprintf(a.stdout, "added claim %d: %q\n", len(cs), r.Text)
				a.printMapping(a.stdout, r, len(cs))
				return cs, nil
			})
		},
	}
}

// printMapping says what a claim maps to, or that it maps to nothing and what is near.
func (a *app) printMapping(w io.Writer, r claims.Resolved, n int) {
	if len(r.Tags) > 0 {
		var via []string
		for _, m := range r.Matches {
			via = append(via, fmt.Sprintf("%q -> %s", m.Phrase, m.Topic))
		}
		fmt.Fprintf(w, "  drilled harder: #%s", strings.Join(r.Tags, " #"))
		if len(via) > 0 {
			fmt.Fprintf(w, "  (%s)", strings.Join(via, "; "))
		}
		fmt.Fprintln(w)
		return
	}
	fmt.Fprintln(w, "  maps to no topic in your packs, so nothing is drilled harder yet.")
	if len(r.Suggest) > 0 {
		fmt.Fprintf(w, "  nearest tags: #%s — add one with: hotseat claim tags %d --add %s\n", strings.Join(r.Suggest, " #"), n, r.Suggest[0])
	}
}

func (a *app) claimListCmd() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "list",
		Short: "List your claims and the tags each commits you to",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.readClaims(func(_ *store.Store, lib *pack.Library, cs []claims.Claim) error {
				rs := claims.ResolveAll(cs, lib)
				if asJSON {
					type row struct {
						N int `json:"n"`
						claims.Resolved
					}
					out := make([]row, len(rs))
					for i, r := range rs {
						out[i] = row{i + 1, r}
					}
					return writeJSON(a.stdout, out)
				}
				if len(rs) == 0 {
					fmt.Fprintln(a.stdout, `no claims yet: hotseat claim add "I love the details of ML models"`)
				}
				for i, r := range rs {
					fmt.Fprintf(a.stdout, "%d. %q\n", i+1, r.Text)
					a.printMapping(a.stdout, r, i+1)
				}
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON for scripts")
	return c
}

// claimIndex reads the 1-based claim number N.
func claimIndex(arg string, cs []claims.Claim) (int, error) {
	n, err := strconv.Atoi(arg)
	if err != nil || n < 1 || n > len(cs) {
		return 0, &exitError{code: exitUsage, err: fmt.Errorf("no claim %s: the claims are numbered 1 to %d in hotseat claim list", arg, len(cs))}
	}
	return n - 1, nil
}

func (a *app) claimRmCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "rm N",
		Short: "Remove claim N (its history stays)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withClaims(func(_ *store.Store, _ *pack.Library, cs []claims.Claim) ([]claims.Claim, error) {
				i, err := claimIndex(args[0], cs)
				if err != nil {
					return nil, err
				}
				fmt.Fprintf(a.stdout, "removed claim %d: %q\n", i+1, cs[i].Text)
				return append(cs[:i], cs[i+1:]...), nil
			})
		},
	}
}

func (a *app) claimTagsCmd() *cobra.Command {
	var add, drop []string
	c := &cobra.Command{
		Use:   "tags N",
		Short: "Add or drop tags that claim N commits you to",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withClaims(func(_ *store.Store, lib *pack.Library, cs []claims.Claim) ([]claims.Claim, error) {
				i, err := claimIndex(args[0], cs)
				if err != nil {
					return nil, err
				}
				// A tag no question carries would be drilled on nothing: refuse it, and
				// say which tags there are and which is near.
				if t, names, bad := claims.UnknownTag(add, lib.Tags()); bad {
					msg := fmt.Sprintf("no question carries the tag %q", t)
					if near := didYouMean(t, names); len(near) > 0 {
						msg += fmt.Sprintf(" (did you mean %s?)", strings.Join(near, " or "))
					}
					return nil, usageError("%s; the tags are: %s", msg, strings.Join(names, ", "))
				}
				if cs[i], err = claims.EditTags(cs[i], add, drop); err != nil {
					return nil, &exitError{code: exitUsage, err: err}
				}
				r := claims.ResolveAll(cs, lib)[i]
				fmt.Fprintf(a.stdout, "%d. %q\n", i+1, r.Text)
				a.printMapping(a.stdout, r, i+1)
				return cs, nil
			})
		},
	}
	c.Flags().StringSliceVar(&add, "add", nil, "tags to add (repeatable or comma-separated)")
	c.Flags().StringSliceVar(&drop, "drop", nil, "tags to drop")
	return c
}

func (a *app) claimAuditCmd() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "audit",
		Short: "For each claim: answers, recall, key-point coverage, trend, and whether it holds up",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.readClaims(func(s *store.Store, lib *pack.Library, cs []claims.Claim) error {
				var log []store.Review
				if err := s.Reviews(func(r store.Review) error { log = append(log, r); return nil }); err != nil {
					return err
				}
				rows := claims.Audit(claims.ResolveAll(cs, lib), lib, log, a.now())
				if asJSON {
					return writeJSON(a.stdout, rows)
				}
				if len(rows) == 0 {
					fmt.Fprintln(a.stdout, `no claims to audit: hotseat claim add "..."`)
				}
				for i, r := range rows {
					fmt.Fprintf(a.stdout, "%d. %q\n   %s\n", i+1, r.Claim, r.Verdict)
					cov := "unknown"
					if r.Coverage >= 0 {
						cov = fmt.Sprintf("%d%%", int(r.Coverage*100+0.5))
					}
					fmt.Fprintf(a.stdout, "   %d questions, %d answers, recall %d%%, key points %s, trend %s\n",
						r.Questions, r.Reviews, int(r.Recall*100+0.5), cov, r.Trend)
				}
				return nil
			})
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print JSON for scripts")
	return c
}

func (a *app) claimPolicyCmd() *cobra.Command {
	var p claims.Policy
	c := &cobra.Command{
		Use:   "settings",
		Short: "Show or change how much harder claimed topics are drilled",
		Example: `  hotseat claim settings
  hotseat claim settings --retention 0.97 --share 0.4`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := a.openStore(false)
			if err != nil {
				return err
			}
			defer s.Close()
			_, cur, err := claims.Load(s)
			if err != nil {
				return err
			}
			f := cmd.Flags()
			if f.Changed("retention") {
				cur.Retention = p.Retention
			}
			if f.Changed("share") {
				cur.Share = p.Share
			}
			if f.Changed("time-factor") {
				cur.TimeFactor = p.TimeFactor
			}
			if f.Changed("strict") {
				cur.Strict = p.Strict
			}
			if f.Changed("dig") {
				cur.Dig = p.Dig
			}
			if f.NFlag() > 0 {
				if err := claims.SavePolicy(s, cur); err != nil {
					return &exitError{code: exitUsage, err: err}
				}
			}
			fmt.Fprintf(a.stdout, "retention %.2f · share of each daily drill %d%% · time limits x%.2f · stricter suggestions %v · follow-ups after a good answer %v\n",
				cur.Retention, int(cur.Share*100+0.5), cur.TimeFactor, cur.Strict, cur.Dig)
			return nil
		},
	}
	d := claims.DefaultPolicy()
	f := c.Flags()
	f.Float64Var(&p.Retention, "retention", d.Retention, "desired retention of claimed questions")
	f.Float64Var(&p.Share, "share", d.Share, "share of every daily drill given to claimed questions")
	f.Float64Var(&p.TimeFactor, "time-factor", d.TimeFactor, "time limit factor for claimed questions")
	f.BoolVar(&p.Strict, "strict", d.Strict, "suggest one step stricter unless every key point is covered")
	f.BoolVar(&p.Dig, "dig", d.Dig, "ask the follow-up after a good answer")
	return c
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
