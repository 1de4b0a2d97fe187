// Command pgbench generates interview corpora and measures peoplegraph on
// them against a floor: reading every file and parsing it with goldmark.
//
//	pgbench gen [-n 10000] [-seed 1] DIR
//	pgbench table [-sizes 1000,10000,100000] [-seed 1] [-src .] [-bin FILE] [-content DIR] [-pairs 5]
//	pgbench pairs -bin FILE [-n 15] DIR
//
// The table runs the real peoplegraph binary as a subprocess, so wall time
// and peak RSS are the whole process's. The other subcommands (floor,
// phases, queries) are the parts of the table that pgbench runs in a
// process of its own; they print JSON.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

const usage = `usage:
  pgbench gen [-n N] [-seed S] DIR        write a corpus of N interviews under DIR
  pgbench table [flags]                   measure 1k, 10k and 100k interviews, print a Markdown table
  pgbench floor DIR                       read and goldmark-parse every interview under DIR (JSON)
  pgbench pairs -bin FILE [-n 15] DIR     the floor and a cold build of DIR in turn, ratios pair by pair
  pgbench phases -db DB DIR               ingest then analytics in process, timed apart (JSON)
  pgbench queries -db DB -topic T -name N who-covers and show in process, medians (JSON)

Run 'pgbench COMMAND -h' for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "pgbench:", err)
		}
		os.Exit(2)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errors.New("no command given")
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "gen":
		return runGen(args, stdout, stderr)
	case "table":
		return runTable(ctx, args, stdout, stderr)
	case "floor":
		return runFloor(args, stdout, stderr)
	case "pairs":
		return runPairs(ctx, args, stdout, stderr)
	case "phases":
		return runPhases(ctx, args, stdout, stderr)
	case "queries":
		return runQueries(ctx, args, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// oneDir parses flags that take one directory argument.
func oneDir(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return "", fmt.Errorf("%s: want one directory, got %d arguments", fs.Name(), fs.NArg())
	}
	return fs.Arg(0), nil
}
