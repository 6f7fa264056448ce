//go:build !unix

package store

import "os"

// unlock is a no-op where bbolt's lock is not flock; closing the file releases it.
func unlock(*os.File) {}
