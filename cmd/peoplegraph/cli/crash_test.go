package cli

import (
	"bytes"
	"math/rand"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/peoplegraph/peoplegraph/corpus"
)

// TestKilledBuildsLeaveAUsableDatabase kills a child 'build' of a few
// hundred generated interviews at many seeded moments. After each kill
// 'check' must pass on the database; at the end a build completes and its
// export must equal a clean build's byte for byte.
func TestKilledBuildsLeaveAUsableDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes; skipped with -short")
	}
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := corpus.Generate(content, 300, 7); err != nil {
		t.Fatal(err)
	}

	clean := filepath.Join(dir, "clean")
	start := time.Now()
	if out, err := childCommand(t, "--db", clean, "build", content).CombinedOutput(); err != nil {
		t.Fatalf("clean build: %v\n%s", err, out)
	}
	full := time.Since(start)
	want := exportJSON(t, clean)

	db := filepath.Join(dir, "killed")
	rng := rand.New(rand.NewSource(20261126))
	const kills = 24
	for i := 0; i < kills; i++ {
		cmd := childCommand(t, "--db", db, "build", content)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Spread the kills over the whole build, opening included.
		time.Sleep(time.Duration(rng.Int63n(int64(full))))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		r := run(t, nil, "--db", db, "check")
		if r.code != ExitOK {
			t.Fatalf("check after kill %d: exit %d\n%s%s\nbuild said:\n%s", i, r.code, r.out, r.err, out.String())
		}
	}
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "build after the kills")
	if got := exportJSON(t, db); !bytes.Equal(got, want) {
		os.WriteFile(filepath.Join(dir, "got.json"), got, 0o644)
		os.WriteFile(filepath.Join(dir, "want.json"), want, 0o644)
		t.Fatalf("export after killed builds differs from a clean build's (see %s)", dir)
	}
}

func exportJSON(t *testing.T, db string) []byte {
	t.Helper()
	r := run(t, nil, "--db", db, "export", "--format", "json")
	mustSucceed(t, r, "export")
	return []byte(r.out)
}

// TestInterruptStopsCleanly sends SIGINT to a child build: it exits with
// status 130 and the database it leaves passes check and completes on the
// next build.
func TestInterruptStopsCleanly(t *testing.T) {
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := corpus.Generate(content, 400, 11); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "db")
	cmd := childCommand(t, "--db", db, "build", content)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the build has begun writing, then interrupt it.
	for i := 0; i < 200; i++ {
		if _, err := os.Stat(filepath.Join(db, "MANIFEST")); err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	_ = cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	code := cmd.ProcessState.ExitCode()
	if err == nil {
		t.Logf("the build finished before the interrupt arrived:\n%s", out.String())
	} else if code != 130 {
		t.Fatalf("interrupted build: exit %d (%v), want 130\n%s", code, err, out.String())
	}
	mustSucceed(t, run(t, nil, "--db", db, "check"), "check after interrupt")
	mustSucceed(t, run(t, nil, "--db", db, "build", content), "build after interrupt")
}
