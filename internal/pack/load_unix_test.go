//go:build unix

package pack_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hotseat/hotseat/internal/pack"
)

// A pack folder from strangers cannot make hotseat read outside it or hang: a symbolic
// link (to a secret) and a FIFO named like packs are skipped with a warning naming each,
// and the real pack beside them loads (issue "Hostile input", finding 3).
func TestLoadSkipsLinksAndFIFOs(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(t.TempDir(), "id_rsa")
	if err := os.WriteFile(secret, []byte("---\npack: secret\ntitle: PRIVATE KEY\nversion: 1.0.0\n---\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "link.md")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	good := "---\npack: good\ntitle: Good\nversion: 1.0.0\n---\n\n## Q? {#q}\n\n### Answer\nA bootstrap sample.\n\n### Key points\n- Bootstrap (match: bootstrap)\n"
	if err := os.WriteFile(filepath.Join(dir, "good.md"), []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var packs []*pack.Pack
	var diags pack.Diagnostics
	go func() {
		packs, diags = pack.LoadPath(dir)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("loading a folder with a FIFO hangs")
	}
	if len(packs) != 1 || packs[0].ID != "good" {
		t.Errorf("loaded %d packs, want only good", len(packs))
	}
	var msgs []string
	for _, d := range diags {
		msgs = append(msgs, d.String())
		if strings.Contains(d.Message, "PRIVATE") {
			t.Errorf("the linked file was read: %s", d)
		}
	}
	text := strings.Join(msgs, "\n")
	for _, want := range []string{"link.md: warning: skipped: a symbolic link", "fifo.md: warning: skipped: not a regular file"} {
		if !strings.Contains(text, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, text)
		}
	}
	// A FIFO given as the path itself is refused, not opened.
	if _, ds := pack.LoadPath(filepath.Join(dir, "fifo.md")); !ds.HasErrors() {
		t.Error("a FIFO given by path was not refused")
	}
}
