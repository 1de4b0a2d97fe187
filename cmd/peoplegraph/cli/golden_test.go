package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/peoplegraph/peoplegraph/internal/golden"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// childArgsEnv makes the test binary, re-executed as a child, run the
// command line given as a JSON array instead of the tests: a real
// peoplegraph process that tests can kill or compare against.
const childArgsEnv = "PEOPLEGRAPH_TEST_CHILD_ARGS"

func TestMain(m *testing.M) {
	if args := os.Getenv(childArgsEnv); args != "" {
		var argv []string
		if err := json.Unmarshal([]byte(args), &argv); err != nil {
			panic(err)
		}
		// Handle signals as main does, so tests can interrupt a child.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := Run(ctx, argv, System())
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// childCommand returns the command that runs peoplegraph args in a child
// process.
func childCommand(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	argv, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childArgsEnv+"="+string(argv))
	return cmd
}

// TestShippedContentMapGolden renders the map of content/ and checks it
// byte for byte against docs/map.svg, the map the README shows: twice in this process and
// once in a child process, so that a site's git history shows real
// changes only.
func TestShippedContentMapGolden(t *testing.T) {
	content := copyContent(t)
	db := filepath.Join(t.TempDir(), "db")
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "build")

	first := run(t, nil, "--db", db, "render", "--format", "svg")
	mustSucceed(t, first, "render")
	second := run(t, nil, "--db", db, "render", "--format", "svg")
	mustSucceed(t, second, "render again")
	if first.out != second.out {
		t.Fatalf("two renders in one process differ")
	}

	cmd := childCommand(t, "--db", db, "render", "--format", "svg")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	child, err := cmd.Output()
	if err != nil {
		t.Fatalf("child render: %v\n%s", err, stderr.String())
	}
	if string(child) != first.out {
		t.Fatalf("the render in a child process differs from this process's")
	}

	// The README shows these maps, so they are the golden files.
	checkGolden(t, filepath.Join("..", "..", "..", "docs", "map.svg"), []byte(first.out))
	recs := run(t, nil, "--db", db, "render", "--interview", "lynn-langit", "--rel", "recommends,covers,affiliated_with",
		"--title", "Lynn Langit's recommendations", "--format", "svg")
	mustSucceed(t, recs, "render one interview")
	checkGolden(t, filepath.Join("..", "..", "..", "docs", "lynn-langit.svg"), []byte(recs.out))
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	golden.Check(t, path, got, *update)
}
