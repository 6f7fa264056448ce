package preparsed_test

import (
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/internal/pack/packtest"
	"github.com/hotseat/hotseat/questions"
	"github.com/hotseat/hotseat/questions/preparsed"
)

// The pre-parsed packs are what a fresh parse of the embedded files gives, field for field,
// and every question's body, read from its embedded file when first asked for, is the
// fresh parse's: a pack edited without go generate fails here, and so does a question whose
// body cannot be found again.
func TestEqualsAFreshParse(t *testing.T) {
	fresh, diags := pack.LoadFS(questions.FS, "embedded")
	if len(diags) > 0 {
		t.Fatalf("the embedded packs have problems, first: %s", diags[0])
	}
	got := preparsed.Packs()
	if len(got) != len(fresh) {
		t.Fatalf("%d packs pre-parsed, %d in questions/: run go generate ./questions/preparsed", len(got), len(fresh))
	}
	n := 0
	for i := range fresh {
		if err := packtest.SamePack(got[i], fresh[i]); err != nil {
			t.Errorf("%v: run go generate ./questions/preparsed", err)
		}
		n += len(got[i].Questions)
	}
	if n < 400 {
		t.Errorf("compared %d questions; the embedded bank has over 400", n)
	}
}
