package badgerstore

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

const (
	crashInterviews = 300
	crashVersions   = 3 // the writer cycles through versions 0..2 of each interview
)

// TestHelperWriter is not a test: TestCrashSafety runs the test binary
// with it as a writer to kill. It rewrites every interview in a seeded
// order, version after version, mixing single replaces, batches, removals
// and analytics, until it is killed.
func TestHelperWriter(t *testing.T) {
	path := os.Getenv("PEOPLEGRAPH_CRASH_DB")
	if path == "" {
		return
	}
	seed, _ := strconv.ParseUint(os.Getenv("PEOPLEGRAPH_CRASH_SEED"), 10, 64)
	if err := crashWriter(path, seed); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	os.Exit(0)
}

func crashWriter(path string, seed uint64) error {
	ctx := context.Background()
	s, err := Open(ctx, Options{Path: path})
	if err != nil {
		return err
	}
	fmt.Println("open")
	r := rand.New(rand.NewPCG(seed, 1))
	for round := 0; ; round++ {
		v := (int(seed) + round) % crashVersions
		for k, i := range r.Perm(crashInterviews) {
			var err error
			switch {
			case k%13 == 0:
				err = s.RemoveInterview(ctx, genSlug(i))
			case k%7 == 0:
				batch := []*graph.Facts{genFacts(i, v)}
				for j := 1; j < 6; j++ {
					batch = append(batch, genFacts((i+j*17)%crashInterviews, v))
				}
				err = s.ReplaceInterviews(ctx, batch)
			case k%97 == 0:
				err = setFakeAnalytics(ctx, s)
			default:
				err = s.ReplaceInterview(ctx, genFacts(i, v))
			}
			if err != nil {
				return err
			}
		}
	}
}

// setFakeAnalytics stores made-up analytics for the current graph.
func setFakeAnalytics(ctx context.Context, s *Store) error {
	g, err := s.Load(ctx)
	if err != nil {
		return err
	}
	a := &graph.Analytics{Communities: 1, Centrality: map[string]graph.Centrality{}}
	for i, n := range g.Nodes {
		a.Centrality[n.ID] = graph.Centrality{Degree: i}
	}
	return s.SetAnalytics(ctx, a)
}

// TestCrashSafety kills a writer at seeded random moments and checks that
// the database is consistent each time and every interview is absent or
// exactly one version of its facts, then that finishing the ingest gives
// the same graph as a clean build.
func TestCrashSafety(t *testing.T) {
	const kills = 24
	path := filepath.Join(t.TempDir(), "db")
	r := rand.New(rand.NewPCG(2024, 6))
	ctx := context.Background()
	versions := make([][]*graph.Facts, crashVersions)
	for v := range versions {
		versions[v] = make([]*graph.Facts, crashInterviews)
		for i := range versions[v] {
			versions[v][i] = canonical(genFacts(i, v))
		}
	}
	var stored, replays int
	for kill := 0; kill < kills; kill++ {
		delay := time.Duration(5+r.IntN(250)) * time.Millisecond
		killWriter(t, path, uint64(kill), delay)

		// Alternate read-only and read-write reopening: a read-only open
		// after a crash falls back to read-write, which replays.
		readOnly := kill%2 == 1
		if readOnly && !badgerReadOnlyOpens(path) {
			replays++
		}
		s, err := Open(ctx, Options{Path: path, ReadOnly: readOnly})
		if err != nil {
			t.Fatalf("kill %d: reopen (read-only %v): %v", kill, readOnly, err)
		}
		problems, err := s.Check(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range problems {
			t.Errorf("kill %d: Check: %s", kill, p)
		}
		var present []*graph.Facts
		for i := 0; i < crashInterviews; i++ {
			f, err := s.Facts(ctx, genSlug(i))
			if errors.Is(err, ErrUnknownInterview) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if !isOneOf(f, versions, i) {
				t.Errorf("kill %d: interview %d is not exactly one of its versions: %+v", kill, i, f)
			}
			present = append(present, f)
		}
		if got, want := graphJSON(t, withoutAnalytics(mustLoad(t, s))), graphJSON(t, graph.Merge(present...)); got != want {
			t.Errorf("kill %d: Load differs from merging the stored facts:\n%s", kill, diffLines(got, want))
		}
		stored += len(present)
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	if stored == 0 {
		t.Fatal("no kill happened after the writer had stored anything")
	}
	if replays == 0 {
		t.Error("no read-only reopen needed the read-write fallback; the fallback went untested")
	}
	t.Logf("%d kills: %d interviews found stored in total; %d read-only reopens needed a replay", kills, stored, replays)

	final := genMany(crashInterviews, 1)
	crashed := openAt(t, path)
	replaceAll(t, crashed, final...)
	clean := openTemp(t)
	replaceAll(t, clean, final...)
	if got, want := graphJSON(t, mustLoad(t, crashed)), graphJSON(t, mustLoad(t, clean)); got != want {
		t.Fatalf("after crashes, finishing the ingest differs from a clean build:\n%s", diffLines(got, want))
	}
	assertClean(t, crashed)
}

// killWriter runs a writer on path and SIGKILLs it delay after it opened
// the database.
func killWriter(t *testing.T, path string, seed uint64, delay time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriter$")
	cmd.Env = append(os.Environ(), "PEOPLEGRAPH_CRASH_DB="+path, "PEOPLEGRAPH_CRASH_SEED="+strconv.FormatUint(seed, 10))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if line != "open\n" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("writer said %q, %v", line, err)
	}
	time.Sleep(delay)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait() // the kill makes this an error; the writer is gone either way
}

// badgerReadOnlyOpens reports whether Badger itself opens path read-only.
func badgerReadOnlyOpens(path string) bool {
	db, err := badger.Open(badgerOptions(path, true, nil))
	if err != nil {
		return false
	}
	db.Close()
	return true
}

func isOneOf(f *graph.Facts, versions [][]*graph.Facts, i int) bool {
	for _, vs := range versions {
		if reflect.DeepEqual(f, vs[i]) {
			return true
		}
	}
	return false
}

func withoutAnalytics(g *graph.Graph) *graph.Graph {
	g.Analytics = nil
	for i := range g.Nodes {
		g.Nodes[i].Centrality = nil
	}
	return g
}
