package source

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/client"
	"github.com/go-git/go-git/v5/plumbing/transport/server"
	"github.com/go-git/go-git/v5/storage/filesystem"

	"github.com/hotseat/hotseat/internal/pack"
)

// installLocalTransport makes go-git serve file:// URLs and local paths in-process. Its
// default file transport runs the git-upload-pack program, which a machine without git
// does not have; hotseat should need nothing but itself.
var installLocalTransport = sync.OnceFunc(func() {
	client.InstallProtocol("file", server.NewClient(localLoader{}))
})

// localLoader opens a local repository for the in-process server: a bare repository, or
// the .git directory of a working tree.
type localLoader struct{}

func (localLoader) Load(ep *transport.Endpoint) (storer.Storer, error) {
	p := ep.Path
	for _, dir := range []string{filepath.Join(p, ".git"), p} {
		head, headErr := os.Stat(filepath.Join(dir, "HEAD"))
		objects, objErr := os.Stat(filepath.Join(dir, "objects"))
		if headErr == nil && objErr == nil && !head.IsDir() && objects.IsDir() {
			return filesystem.NewStorage(osfs.New(dir), cache.NewObjectLRUDefault()), nil
		}
	}
	return nil, transport.ErrRepositoryNotFound
}

// Limits on a git source: a study group's pack repository is a few hundred KiB of
// Markdown, so anything far past these is the wrong repository or a hostile one.
const gitTimeout = 3 * time.Minute // for a clone or a pull

// maxGitBytes bounds the working tree and history of a clone together (a variable so that
// tests can lower it).
var maxGitBytes int64 = 64 << 20

// clone clones the latest commit of origin's default branch into dir (shallow: a pack
// repository's history is not needed, and a long one took gigabytes) and returns the
// branch and commit.
func clone(ctx context.Context, origin, dir string) (branch, commit string, err error) {
	installLocalTransport()
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	repo, err := git.PlainCloneContext(ctx, dir, false, &git.CloneOptions{
		URL: origin, SingleBranch: true, Tags: git.NoTags, Depth: depth(origin),
	})
	if err != nil {
		return "", "", gitError(origin, "clone", err)
	}
	if err := checkGitSize(origin, dir); err != nil {
		return "", "", err
	}
	head, err := repo.Head()
	if err != nil {
		return "", "", gitError(origin, "clone", err)
	}
	return head.Name().Short(), head.Hash().String(), nil
}

// pull fetches the followed branch of the clone in dir and resets the working tree to it
// (a force-pushed branch is followed too: the copy is hotseat's, not the candidate's). It
// returns the commit before and after; rollback puts the working tree back at the old one.
func pull(ctx context.Context, src *Source) (old, latest string, rollback func() error, err error) {
	installLocalTransport()
	repo, err := git.PlainOpen(src.Dir)
	if err != nil {
		return "", "", nil, fmt.Errorf("the copy of %s in %s is damaged (%v): remove it with hotseat pack remove %s and add it again", src.Origin, src.Dir, err, src.ID)
	}
	head, err := repo.Head()
	if err != nil {
		return "", "", nil, fmt.Errorf("the copy of %s in %s is damaged (%v): remove it with hotseat pack remove %s and add it again", src.Origin, src.Dir, err, src.ID)
	}
	branch := src.Branch
	if branch == "" {
		branch = head.Name().Short()
	}
	// An explicit refspec: a single-branch clone's own ("+HEAD:refs/remotes/origin/HEAD")
	// would follow whatever branch the remote's HEAD names next.
	spec := config.RefSpec(fmt.Sprintf("+refs/heads/%s:refs/remotes/origin/%s", branch, branch))
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	err = repo.FetchContext(ctx, &git.FetchOptions{RemoteName: "origin", RefSpecs: []config.RefSpec{spec}, Tags: git.NoTags, Force: true, Depth: depth(src.Origin)})
	if err != nil && !errors.Is(err, git.NoErrAlreadyUpToDate) {
		return "", "", nil, gitError(src.Origin, "pull", err)
	}
	ref, err := repo.Reference(plumbing.NewRemoteReferenceName("origin", branch), true)
	if err != nil {
		return "", "", nil, fmt.Errorf("branch %s is gone from %s: remove the pack with hotseat pack remove %s and add it again", branch, src.Origin, src.ID)
	}
	wt, err := repo.Worktree()
	if err != nil {
		return "", "", nil, gitError(src.Origin, "pull", err)
	}
	reset := func(h plumbing.Hash) error {
		if err := wt.Reset(&git.ResetOptions{Commit: h, Mode: git.HardReset}); err != nil {
			return fmt.Errorf("check out %s in %s: %w", h.String()[:7], src.Dir, err)
		}
		return nil
	}
	if err := reset(ref.Hash()); err != nil {
		return "", "", nil, err
	}
	if err := checkGitSize(src.Origin, src.Dir); err != nil {
		_ = reset(head.Hash())
		return "", "", nil, err
	}
	return head.Hash().String(), ref.Hash().String(), func() error { return reset(head.Hash()) }, nil
}

// depth is 1 (the latest commit only) for a remote repository, and 0 (all of it) for one on
// this machine: go-git's in-process server for local paths cannot serve a shallow clone,
// and nothing is downloaded from it.
func depth(origin string) int {
	if ep, err := transport.NewEndpoint(origin); err == nil && ep.Protocol != "file" {
		return 1
	}
	return 0
}

// checkGitSize refuses a clone larger than maxGitBytes, or with more pack files than a
// folder may hold (maxFiles).
func checkGitSize(origin, dir string) error {
	var total int64
	files := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if pack.IsPackFile(p) && !strings.Contains(p, string(filepath.Separator)+".git"+string(filepath.Separator)) {
			if files++; files > maxFiles {
				return fmt.Errorf("%s holds more than %d pack files: add the repository that holds just the packs", origin, maxFiles)
			}
		}
		if info, err := d.Info(); err == nil {
			total += info.Size()
		}
		if total > maxGitBytes {
			return errTooBig
		}
		return nil
	})
	if errors.Is(err, errTooBig) {
		return fmt.Errorf("%s is larger than %d MiB, far more than a folder of packs: add the repository that holds just the packs", origin, maxGitBytes>>20)
	}
	return err
}

var errTooBig = errors.New("too big")

// gitError turns go-git's errors into a sentence with what to do.
func gitError(origin, what string, err error) error {
	switch {
	case errors.Is(err, transport.ErrEmptyRemoteRepository):
		return fmt.Errorf("the git repository %s has no commits yet: commit a pack to it first", origin)
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return fmt.Errorf("there is no git repository at %s: check the URL or path", origin)
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed):
		return fmt.Errorf("%s needs a login that hotseat cannot give: clone it yourself and add the directory instead", origin)
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("%s of %s was interrupted", what, origin)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s of %s took more than %s: a pack repository is small; check the URL, or clone it yourself and add the folder", what, origin, gitTimeout)
	}
	return fmt.Errorf("cannot %s %s: %v", what, origin, err)
}
