// Command hotseat is a terminal mock-interview trainer for machine learning engineers.
package main

import (
	"context"
	"os"

	"github.com/hotseat/hotseat/internal/cli"
)

// version is set by the release build (-ldflags "-X main.version=...").
var version = ""

func main() {
	os.Exit(cli.Main(context.Background(), version, os.Args[1:]))
}
