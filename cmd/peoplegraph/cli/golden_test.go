package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// goldenMapEnv makes the test binary, re-executed as a child, render the
// shipped content's map to standard output instead of running tests.
const goldenMapEnv = "PEOPLEGRAPH_TEST_RENDER_DB"

func TestMain(m *testing.M) {
	if db := os.Getenv(goldenMapEnv); db != "" {
		os.Exit(Run(context.Background(), []string{"--db", db, "render", "--format", "svg"}, System()))
	}
	os.Exit(m.Run())
}

// TestShippedContentMapGolden renders the map of content/ and checks it
// byte for byte against testdata/content-map.svg: twice in this process and
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

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), goldenMapEnv+"="+db)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	child, err := cmd.Output()
	if err != nil {
		t.Fatalf("child render: %v\n%s", err, stderr.String())
	}
	if string(child) != first.out {
		t.Fatalf("the render in a child process differs from this process's")
	}

	golden := filepath.Join("testdata", "content-map.svg")
	if *update {
		if err := os.WriteFile(golden, []byte(first.out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run 'go test ./cmd/peoplegraph/cli -update' to create it)", err)
	}
	if !bytes.Equal(want, []byte(first.out)) {
		t.Errorf("map of content/ differs from %s; if the change is intended, rerun with -update and review the diff", golden)
	}
}
