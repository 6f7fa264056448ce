//go:build crashtest

package tui

// Built with -tags crashtest (as the end-to-end tests build it), F12 makes the trainer
// panic inside Update, so that the crash handling can be tried on the real binary.
func init() { crashKey = "f12" }
