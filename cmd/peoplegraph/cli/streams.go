package cli

import (
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/mattn/go-isatty"
)

// Streams are the standard streams a command talks to, and how it reaches
// its environment, so that tests can run commands without a terminal.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// ErrTerminal is true when Err is a terminal: progress bars are drawn
	// only then.
	ErrTerminal bool
	// Getenv reads the environment (os.Getenv outside tests).
	Getenv func(string) string
	// Command returns a command that runs this program with args, for
	// work done in another process (see drawPool); nil runs everything
	// in this one.
	Command func(args ...string) (*exec.Cmd, error)
}

// System returns the process's own streams.
func System() Streams {
	return Streams{
		In:          os.Stdin,
		Out:         os.Stdout,
		Err:         os.Stderr,
		ErrTerminal: isatty.IsTerminal(os.Stderr.Fd()) || isatty.IsCygwinTerminal(os.Stderr.Fd()),
		Getenv:      os.Getenv,
		Command:     selfCommand,
	}
}

// selfCommand runs this executable with args.
func selfCommand(args ...string) (*exec.Cmd, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find this program to run it again: %w", err)
	}
	return exec.Command(exe, args...), nil
}
