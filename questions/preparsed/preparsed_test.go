package preparsed_test

import (
	"reflect"
	"testing"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/questions"
	"github.com/hotseat/hotseat/questions/preparsed"
)

// The pre-parsed packs are what a fresh parse of the embedded files gives, field for field:
// a pack edited without go generate fails here.
func TestEqualsAFreshParse(t *testing.T) {
	fresh, diags := pack.LoadFS(questions.FS, "embedded")
	if len(diags) > 0 {
		t.Fatalf("the embedded packs have problems, first: %s", diags[0])
	}
	got := preparsed.Packs()
	if len(got) != len(fresh) {
		t.Fatalf("%d packs pre-parsed, %d in questions/: run go generate ./questions/preparsed", len(got), len(fresh))
	}
	for i := range fresh {
		if !reflect.DeepEqual(got[i], fresh[i]) {
			t.Errorf("pack %s differs from a fresh parse of %s: run go generate ./questions/preparsed", got[i].ID, fresh[i].File)
			for j := range min(len(got[i].Questions), len(fresh[i].Questions)) {
				if !reflect.DeepEqual(got[i].Questions[j], fresh[i].Questions[j]) {
					t.Errorf("  first differing question: %s", fresh[i].Questions[j].Key())
					break
				}
			}
		}
	}
}
