package cli

import (
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// Streams are the standard streams a command talks to, so that tests can
// run commands without a terminal.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// ErrTerminal is true when Err is a terminal: progress bars are drawn
	// only then.
	ErrTerminal bool
	// Getenv reads the environment (os.Getenv outside tests).
	Getenv func(string) string
}

// System returns the process's own streams.
func System() Streams {
	return Streams{
		In:          os.Stdin,
		Out:         os.Stdout,
		Err:         os.Stderr,
		ErrTerminal: isatty.IsTerminal(os.Stderr.Fd()) || isatty.IsCygwinTerminal(os.Stderr.Fd()),
		Getenv:      os.Getenv,
	}
}
