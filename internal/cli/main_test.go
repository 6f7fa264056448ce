package cli

import (
	"fmt"
	"os"
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pack/packtest"
	"github.com/hotseat/hotseat/questions"
	"github.com/hotseat/hotseat/questions/preparsed"
)

// TestMain runs the package's tests, then checks that none of them changed the pre-parsed
// embedded packs: every command shares them, so a command that sorted a question's tags
// in place or set a field would change them for every later one.
func TestMain(m *testing.M) {
	code := m.Run()
	if code == 0 {
		if err := preparsedIntact(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			code = 1
		}
	}
	os.Exit(code)
}

func preparsedIntact() error {
	fresh, _ := pack.LoadFS(questions.FS, "embedded")
	got := preparsed.Packs()
	if len(got) != len(fresh) {
		return fmt.Errorf("after the tests, %d pre-parsed packs, %d in a fresh parse", len(got), len(fresh))
	}
	for i := range fresh {
		if err := packtest.SamePack(got[i], fresh[i]); err != nil {
			return fmt.Errorf("a test's command changed the shared pre-parsed pack %s: %w", got[i].ID, err)
		}
	}
	return nil
}
