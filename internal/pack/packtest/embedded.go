package packtest

import (
	"fmt"
	"sync"

	"github.com/hotseat/hotseat/internal/pack"
	"github.com/hotseat/hotseat/questions"
)

// Embedded is the library of the embedded packs, loaded once per test binary and shared
// read-only. It panics when they do not load cleanly: then no test of them can go on, and
// the questions package's own tests say why.
var Embedded = sync.OnceValue(func() *pack.Library {
	packs, diags := pack.LoadFS(questions.FS, "embedded")
	if len(diags) > 0 {
		panic(fmt.Sprintf("the embedded packs: %v", diags))
	}
	lib := pack.NewLibrary()
	lib.Add(packs, nil)
	return lib
})
