package packtest

import (
	"fmt"
	"reflect"

	"github.com/hotseat/hotseat/internal/pack"
)

// SamePack says how got differs from want, a fresh parse of the same file, or returns nil:
// every exported field of the pack and its questions, and every question's body (read
// from its file when got was unloaded). A body that could not be read is a difference.
func SamePack(got, want *pack.Pack) error {
	if !sameExported(reflect.ValueOf(got), reflect.ValueOf(want)) {
		return fmt.Errorf("pack %s: the catalogue differs from a fresh parse of %s", got.ID, want.File)
	}
	for i, w := range want.Questions {
		g := got.Questions[i]
		if b := g.Body(); b.Err != nil || !reflect.DeepEqual(b, w.Body()) {
			return fmt.Errorf("%s: the body differs from a fresh parse of %s (%v)", w.Key(), want.File, b.Err)
		}
	}
	return nil
}

// sameExported is reflect.DeepEqual on exported fields only: a question's body and where
// it is read from are compared through Body.
func sameExported(a, b reflect.Value) bool {
	if a.Kind() != b.Kind() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameExported(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() != b.Len() || a.IsNil() != b.IsNil() {
			return false
		}
		for i := range a.Len() {
			if !sameExported(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() && !sameExported(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	default:
		return reflect.DeepEqual(a.Interface(), b.Interface())
	}
}
