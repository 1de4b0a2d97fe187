package badgerstore

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"

	goldenfile "github.com/peoplegraph/peoplegraph/internal/golden"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// openTemp opens a new store in a temporary directory, closed at cleanup.
func openTemp(t testing.TB) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "db"))
}

func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), Options{Path: path})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func replaceAll(t testing.TB, s *Store, facts ...*graph.Facts) {
	t.Helper()
	if err := s.ReplaceInterviews(context.Background(), facts); err != nil {
		t.Fatalf("ReplaceInterviews: %v", err)
	}
}

func mustLoad(t testing.TB, s *Store) *graph.Graph {
	t.Helper()
	g, err := s.Load(context.Background())
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return g
}

// graphJSON renders the parts of a graph two builds must agree on, with
// the sources the graph defers.
func graphJSON(t testing.TB, g *graph.Graph) string {
	t.Helper()
	b, err := json.MarshalIndent(struct {
		Nodes      []graph.Node          `json:"nodes"`
		Edges      []graph.Edge          `json:"edges"`
		Interviews []graph.InterviewInfo `json:"interviews"`
		Analytics  *graph.Analytics      `json:"analytics,omitempty"`
	}{g.Nodes, edgesWithSources(g), g.Interviews, g.Analytics}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertSameGraph fails if the store's graph differs from graph.Merge of
// the facts.
func assertSameGraph(t testing.TB, s *Store, facts ...*graph.Facts) {
	t.Helper()
	got, want := graphJSON(t, mustLoad(t, s)), graphJSON(t, graph.Merge(facts...))
	if got != want {
		t.Fatalf("Load differs from graph.Merge:\n%s", diffLines(got, want))
	}
}

// diffLines shows the first differing line of two texts, with context.
func diffLines(got, want string) string { return goldenfile.FirstDiff(got, want) }

func readFactsFile(t testing.TB, name string) *graph.Facts {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var f graph.Facts
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return &f
}

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), []byte(got), *update)
}

// The generator makes interviews that share entities, as real ones do:
// each has an interview node, a guest, and about ten edges to entities
// drawn from a common pool, some named by an alias.
var (
	genKinds = []graph.Kind{graph.Person, graph.Organization, graph.Service, graph.Topic}
	genRels  = []graph.Rel{graph.Covers, graph.Mentions, graph.Recommends, graph.AffiliatedWith}
)

const genPool = 3000

func genSlug(i int) string { return fmt.Sprintf("interview-%05d", i) }

// genFacts returns version v of interview i; different versions differ in
// their entities and evidence.
func genFacts(i, v int) *graph.Facts {
	r := rand.New(rand.NewPCG(uint64(i), uint64(v)))
	slug := genSlug(i)
	guestName := fmt.Sprintf("Guest %d", i)
	guest := graph.Node{ID: graph.NodeID(graph.Person, guestName), Kind: graph.Person, Name: guestName}
	iv := graph.Node{ID: graph.NodeID(graph.Interview, slug), Kind: graph.Interview, Name: "Interview with " + guestName,
		URL: "https://example.com/blog/" + slug}
	f := &graph.Facts{
		Interview: graph.InterviewInfo{Slug: slug, Path: "content/blog/" + slug + "/index.md",
			Title: iv.Name, Date: "2020-01-02", Guest: guest.ID, Hash: fmt.Sprintf("%016x%d", r.Uint64(), v)},
		Nodes: []graph.Node{iv, guest},
		Edges: []graph.Edge{{From: iv.ID, To: guest.ID, Rel: graph.Features,
			Sources: []graph.Source{{Interview: slug, Line: 1, Text: "title: " + iv.Name, Why: "front matter"}}}},
	}
	for k := 0; k < 9; k++ {
		e := r.IntN(genPool)
		kind := genKinds[e%len(genKinds)]
		name := fmt.Sprintf("Entity %d", e)
		n := graph.Node{ID: graph.NodeID(kind, name), Kind: kind, Name: name}
		if r.IntN(4) == 0 {
			n.Name, n.Aliases = fmt.Sprintf("E%d", e), []string{name}
		}
		if r.IntN(8) == 0 {
			n.URL = fmt.Sprintf("https://example.com/e/%d", e)
		}
		f.Nodes = append(f.Nodes, n)
		edge := graph.Edge{From: guest.ID, To: n.ID, Rel: genRels[r.IntN(len(genRels))]}
		for s := 0; s <= r.IntN(2); s++ {
			line := 5 + r.IntN(200)
			edge.Sources = append(edge.Sources, graph.Source{Interview: slug, Line: line,
				Text: fmt.Sprintf("I have been reading a lot about %s lately, see line %d of the answer.", n.Name, line),
				Why:  "named in an answer"})
		}
		f.Edges = append(f.Edges, edge)
	}
	return f
}

func genMany(n, v int) []*graph.Facts {
	out := make([]*graph.Facts, n)
	for i := range out {
		out[i] = genFacts(i, v)
	}
	return out
}

// makeTempDir makes a directory outliving one benchmark run, for data
// shared across runs; it lives in the system temporary directory.
func makeTempDir() (string, error) { return os.MkdirTemp("", "badgerstore-bench-") }

// fakeAnalytics makes analytics for every node of g with every measure
// set, as graph/analytics would.
func fakeAnalytics(g *graph.Graph, seed uint64) *graph.Analytics {
	r := rand.New(rand.NewPCG(seed, 7))
	a := &graph.Analytics{Modularity: r.Float64(), Communities: 1 + r.IntN(50), Pivots: r.IntN(3) * 100,
		Centrality: make(map[string]graph.Centrality, len(g.Nodes))}
	for _, id := range nodeIDs(g) {
		a.Centrality[id] = graph.Centrality{PageRank: r.Float64() / 1000, Betweenness: r.Float64(), Harmonic: r.Float64() * 10,
			Degree: r.IntN(100), Recommended: r.IntN(5), Hub: r.Float64(), Authority: r.Float64(),
			Community: r.IntN(a.Communities), Approximate: a.Pivots > 0}
	}
	return a
}

func nodeIDs(g *graph.Graph) []string {
	ids := make([]string, len(g.Nodes))
	for i, n := range g.Nodes {
		ids[i] = n.ID
	}
	return ids
}

// analyse stores fake analytics for the store's current graph.
func analyse(t testing.TB, s *Store, seed uint64) *graph.Analytics {
	t.Helper()
	return analyseWith(t, s, seed, false)
}

// analyseWith is analyse that, if prepare is set, calls PrepareAnalytics
// between Load and SetAnalytics, as a build does.
func analyseWith(t testing.TB, s *Store, seed uint64, prepare bool) *graph.Analytics {
	t.Helper()
	a := fakeAnalytics(mustLoad(t, s), seed)
	if prepare {
		if err := s.PrepareAnalytics(context.Background()); err != nil {
			t.Fatalf("PrepareAnalytics: %v", err)
		}
	}
	if err := s.SetAnalytics(context.Background(), a); err != nil {
		t.Fatalf("SetAnalytics: %v", err)
	}
	return a
}

// loadBoth reads, in one transaction, the stored graph snapshot (nil if
// there is none or it is unreadable) and the merged interviews' records,
// with analytics if current.
func loadBoth(t testing.TB, s *Store) (snap, scanned *graph.Graph) {
	t.Helper()
	err := s.db.View(func(txn *badger.Txn) error {
		stale, err := exists(txn, keyStale)
		if err != nil {
			return err
		}
		snap, _ = s.readSnapshot(txn, false)
		scanned, err = mergeRecords(context.Background(), txn, !stale)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap, scanned
}

// logBuffer collects a store's log, which Badger's goroutines write to
// while the test reads it.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *logBuffer) Reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Reset()
}
