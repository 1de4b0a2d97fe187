package badgerstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// tiedFacts is an interview whose one edge has more sources than an
// insertion sort handles, in pairs that differ only in Why, which
// graph.SortSources does not order: Load must keep whatever order the
// scan gives.
func tiedFacts() *graph.Facts {
	f := genFacts(99999, 0)
	f.Interview.Slug = "tied"
	f.Interview.Path = "content/blog/tied/index.md"
	for i := range f.Edges {
		f.Edges[i].Sources[0].Interview = "tied"
		f.Edges[i].Sources = f.Edges[i].Sources[:1]
	}
	e := &f.Edges[0]
	for line := 20; line > 10; line-- {
		for _, why := range []string{"listed under resources", "named in an answer"} {
			e.Sources = append(e.Sources, graph.Source{Interview: "tied", Line: line, Text: "the same sentence", Why: why})
		}
	}
	return f
}

// TestSnapshotEqualsScan applies a sequence of builds, edits and analytics
// to one store and checks after each that Load, LoadDeferred, the stored
// snapshot and the key-by-key graph agree exactly, and that a stale
// snapshot is never used.
func TestSnapshotEqualsScan(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	remove := func(from, to int) {
		for i := from; i < to; i++ {
			if err := s.RemoveInterview(ctx, genSlug(i)); err != nil {
				t.Fatal(err)
			}
		}
	}
	steps := []struct {
		name    string
		change  func()
		analyse bool
	}{
		{"build 1000", func() { replaceAll(t, s, append(genMany(1000, 0), tiedFacts())...) }, true},
		{"edit 100 without analytics", func() { replaceAll(t, s, genMany(100, 1)...) }, false},
		{"analytics after the edit", func() {}, true},
		{"remove 50", func() { remove(100, 150) }, true},
		{"rename a file", func() {
			f := genFacts(500, 0)
			f.Interview.Path = "posts/moved.md"
			replaceAll(t, s, f)
		}, true},
		{"analytics again, nothing changed", func() {}, true},
		{"remove most: a shorter snapshot", func() { remove(150, 900) }, true},
		{"remove one without analytics", func() { remove(950, 951) }, false},
	}
	for k, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			step.change()
			if step.analyse {
				analyse(t, s, uint64(k))
			}
			snap, scanned := loadBoth(t, s)
			loadedGraph := mustLoad(t, s)
			checkNodesHoldCentralityMap(t, loadedGraph)
			loaded := graphJSON(t, loadedGraph)
			if want := graphJSON(t, scanned); loaded != want {
				t.Fatalf("Load differs from the key-by-key graph:\n%s", diffLines(loaded, want))
			}
			deferred, err := s.LoadDeferred(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			// Only a graph decoded from the snapshot defers its sources.
			if deferred.SourcesDeferred() != step.analyse {
				t.Errorf("LoadDeferred deferred sources: %v, want %v", deferred.SourcesDeferred(), step.analyse)
			}
			if got, want := graphJSON(t, deferred), graphJSON(t, withoutCentralityMap(loadedGraph, step.analyse)); got != want {
				t.Fatalf("LoadDeferred differs from Load:\n%s", diffLines(got, want))
			}
			if step.analyse {
				if snap == nil || scanned.Analytics == nil {
					t.Fatalf("after SetAnalytics: snapshot %v, analytics %v", snap != nil, scanned.Analytics != nil)
				}
				if got, want := graphJSON(t, snap), graphJSON(t, scanned); got != want {
					t.Fatalf("snapshot differs from the key-by-key graph:\n%s", diffLines(got, want))
				}
			} else if scanned.Analytics != nil || snap == nil || graphJSON(t, snap) == loaded {
				t.Fatal("want stale analytics and an outdated snapshot that Load does not use")
			}
			assertClean(t, s)
		})
	}
}

// TestLoadUsesSnapshot shows that Load reads the snapshot while analytics
// are current, by changing a key the snapshot was made from behind the
// store's back (which Check reports), and that a damaged snapshot makes
// Load fall back to the keys, with a warning.
func TestLoadUsesSnapshot(t *testing.T) {
	tests := []struct {
		name     string
		damage   func(t *testing.T, s *Store)
		snapshot bool // whether Load still reads the snapshot
		stale    bool // whether AnalyticsStale then asks for SetAnalytics
		problem  string
	}{
		{"node renamed behind the store's back", func(t *testing.T, s *Store) {
			f := canonical(fixtures(t)[0])
			for i := range f.Nodes {
				if f.Nodes[i].ID == "service/amazon-s3" {
					f.Nodes[i].Name = "Renamed"
				}
			}
			updateDB(t, s, func(txn *badger.Txn) error { return txn.Set(factsKey("ada"), encodeFacts(f)) })
		}, true, false, "snapshot"},
		{"corrupt file", func(t *testing.T, s *Store) {
			flipByte(t, snapshotPath(t, s), 2, 0xff)
		}, false, false, "does not match its header"},
		{"a letter changed in a node ID", func(t *testing.T, s *Store) {
			// The blob still decodes, to a graph with another ID: only
			// its CRC tells, checked while it decodes.
			path := snapshotPath(t, s)
			blob, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			at := bytes.Index(blob, []byte("service/amazon-s3"))
			if at < 0 {
				t.Fatal("no service/amazon-s3 in the snapshot")
			}
			blob[at+len("service/amazon-s")] = '4'
			if _, err := decodeSnapshot(blob); err != nil {
				t.Fatalf("the changed blob does not decode, so it tests nothing: %v", err)
			}
			if err := os.WriteFile(path, blob, 0o644); err != nil {
				t.Fatal(err)
			}
		}, false, false, "does not match its header"},
		{"missing file", func(t *testing.T, s *Store) {
			if err := os.Remove(snapshotPath(t, s)); err != nil {
				t.Fatal(err)
			}
		}, false, true, "no such file"},
		{"corrupt header", func(t *testing.T, s *Store) {
			updateDB(t, s, func(txn *badger.Txn) error { return txn.Set(keySnapshot, []byte{0x12, 0x80}) })
		}, false, true, "malformed"},
		{"snapshot of another format", func(t *testing.T, s *Store) {
			updateDB(t, s, func(txn *badger.Txn) error {
				item, err := txn.Get(keySnapshot)
				if err != nil {
					return err
				}
				v, err := item.ValueCopy(nil)
				if err != nil {
					return err
				}
				h, err := decodeSnapshotHeader(v)
				h.format = snapshotFormat - 1
				return errors.Join(err, txn.Set(keySnapshot, encodeSnapshotHeader(h)))
			})
		}, false, true, fmt.Sprintf("snapshot format %d, want %d", snapshotFormat-1, snapshotFormat)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var log logBuffer
			path := filepath.Join(t.TempDir(), "db")
			s, err := Open(context.Background(), Options{Path: path, Logger: slog.New(slog.NewTextHandler(&log, nil))})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			replaceAll(t, s, fixtures(t)...)
			analyse(t, s, 1)
			before := graphJSON(t, mustLoad(t, s))
			tt.damage(t, s)
			_, scanned := loadBoth(t, s)
			got := graphJSON(t, mustLoad(t, s))
			want := graphJSON(t, scanned)
			if tt.snapshot {
				want = before
			}
			if got != want {
				t.Errorf("Load (snapshot used: want %v):\n%s", tt.snapshot, diffLines(got, want))
			}
			if stale, err := s.AnalyticsStale(context.Background()); err != nil || stale != tt.stale {
				t.Errorf("AnalyticsStale = %v, %v; want %v", stale, err, tt.stale)
			}
			if warned := strings.Contains(log.String(), "snapshot unreadable"); warned == tt.snapshot {
				t.Errorf("warning logged = %v, want %v; log:\n%s", warned, !tt.snapshot, log.String())
			}
			problems, err := s.Check(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if !hasProblem(problems, fmt.Sprintf("%q", keySnapshot), tt.problem) {
				t.Errorf("Check = %v, want a problem at m/snapshot saying %q", problems, tt.problem)
			}
		})
	}
}

// TestSnapshotFiles checks that a database directory holds one snapshot
// file, the one m/snapshot names, after SetAnalytics and after a
// read-write Open found files a crash left behind.
func TestSnapshotFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	s := openAt(t, path)
	replaceAll(t, s, fixtures(t)...)
	for seed := range uint64(3) {
		analyse(t, s, seed)
		if files := snapshotFiles(t, path); len(files) != 1 || files[0] != filepath.Base(snapshotPath(t, s)) {
			t.Fatalf("after SetAnalytics %d: snapshot files %v", seed, files)
		}
	}
	keep := filepath.Base(snapshotPath(t, s))
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{snapshotFileName(1), snapshotFileName(2) + snapshotTempSuffix} {
		writeFile(t, filepath.Join(path, name), "left by a crash")
	}
	ro, err := Open(context.Background(), Options{Path: path, ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open beside left-over snapshot files: %v", err)
	}
	assertClean(t, ro)
	ro.Close()
	openAt(t, path)
	if files := snapshotFiles(t, path); len(files) != 1 || files[0] != keep {
		t.Errorf("after a read-write Open: snapshot files %v, want only %s", files, keep)
	}
}

func updateDB(t *testing.T, s *Store, fn func(txn *badger.Txn) error) {
	t.Helper()
	if err := s.db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

// flipByte flips the bits of mask in the byte a part'th of the way into
// the file at path.
func flipByte(t *testing.T, path string, part int, mask byte) {
	t.Helper()
	blob, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	blob[len(blob)/part] ^= mask
	if err := os.WriteFile(path, blob, 0o644); err != nil {
		t.Fatal(err)
	}
}

// snapshotPath returns the path of the snapshot file m/snapshot names.
func snapshotPath(t testing.TB, s *Store) string {
	t.Helper()
	var h snapshotHeader
	err := s.db.View(func(txn *badger.Txn) error {
		var ok bool
		var err error
		if h, ok, err = readSnapshotHeader(txn); err == nil && !ok {
			err = errors.New("no m/snapshot")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return filepath.Join(s.path, h.file)
}

func snapshotFiles(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if isSnapshotFile(e.Name()) {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestSnapshotCodecRoundTrip(t *testing.T) {
	empty := graph.New(nil, nil, nil)
	noCentrality := graph.Merge(fixtures(t)...)
	noCentrality.Analytics = &graph.Analytics{Modularity: -0.5, Communities: 3}
	withAnalytics := graph.Merge(append(genMany(50, 0), tiedFacts())...)
	withAnalytics.Analytics = fakeAnalytics(withAnalytics, 3)
	for _, id := range nodeIDs(withAnalytics)[:10] {
		c := withAnalytics.Analytics.Centrality[id]
		withAnalytics.Nodes[withAnalytics.Index(id)].Centrality = &c
	}
	// A node whose centrality the analytics map does not hold, and one
	// whose centrality differs from the map's.
	withAnalytics.Nodes[20].Centrality = &graph.Centrality{Degree: 7}
	delete(withAnalytics.Analytics.Centrality, withAnalytics.Nodes[20].ID)
	withAnalytics.Nodes[21].Centrality = &graph.Centrality{Degree: 8}

	tests := []struct {
		name string
		g    *graph.Graph
	}{
		{"empty", empty},
		{"analytics without centrality", noCentrality},
		{"analytics and node centrality", withAnalytics},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blob, err := encodeSnapshot(tt.g)
			if err != nil {
				t.Fatal(err)
			}
			checkSnapshotDecodes(t, blob, tt.g)
			checkCutSnapshotsFail(t, blob, 500)
		})
	}
}

// TestSnapshotEdgeChunks: the decoder takes edges in chunks of any size,
// decoded in parallel, and refuses chunks that lie about their size.
func TestSnapshotEdgeChunks(t *testing.T) {
	g := graph.Merge(genMany(30, 0)...)
	if len(g.Edges) < 10 {
		t.Fatalf("only %d edges", len(g.Edges))
	}
	for _, size := range []int{1, 3, len(g.Edges) - 1, len(g.Edges), 10 * len(g.Edges)} {
		t.Run(fmt.Sprintf("chunks of %d", size), func(t *testing.T) {
			blob, err := encodeSnapshotChunked(g, size)
			if err != nil {
				t.Fatal(err)
			}
			checkSnapshotDecodes(t, blob, g)
			checkCutSnapshotsFail(t, blob, 300)
		})
	}
}

// checkSnapshotDecodes checks that blob decodes to want, both whole and
// with sources deferred.
func checkSnapshotDecodes(t *testing.T, blob []byte, want *graph.Graph) {
	t.Helper()
	got, err := decodeSnapshot(blob)
	if err != nil {
		t.Fatal(err)
	}
	if !sameGraph(got, want) {
		t.Errorf("round trip changed the graph:\n%s", diffLines(graphJSON(t, got), graphJSON(t, want)))
	}
	deferred, err := decodeSnapshotDeferred(blob)
	if err != nil {
		t.Fatalf("deferred: %v", err)
	}
	if len(deferred.Edges) > 0 && !deferred.SourcesDeferred() {
		t.Error("deferred decoding read the sources")
	}
	for k, e := range deferred.Edges {
		if e.Sources != nil {
			t.Fatalf("deferred decoding set edge %d's sources", k)
		}
	}
	if !sameGraph(deferred, withoutCentralityMap(want, true)) || !reflect.DeepEqual(edgesWithSources(deferred), want.Edges) {
		t.Errorf("deferred decoding changed the graph")
	}
}

// withoutCentralityMap returns g as a deferred decoding gives it, when
// deferred: with its analytics' Centrality map nil.
func withoutCentralityMap(g *graph.Graph, deferred bool) *graph.Graph {
	if !deferred || g.Analytics == nil {
		return g
	}
	out := g.CloneNodes()
	a := *g.Analytics
	a.Centrality = nil
	out.Analytics = &a
	return out
}

// checkNodesHoldCentralityMap fails the test unless every measure in g's
// analytics map is its node's own: what a graph loaded with the map left
// nil relies on.
func checkNodesHoldCentralityMap(t testing.TB, g *graph.Graph) {
	t.Helper()
	if g.Analytics == nil {
		return
	}
	for id, c := range g.Analytics.Centrality {
		n, ok := g.Node(id)
		if !ok || n.Centrality == nil || *n.Centrality != c {
			t.Fatalf("the analytics map holds measures of %s that no node holds", id)
		}
	}
}

// checkCutSnapshotsFail checks that blob cut short, at about steps
// places, does not decode, whole or with sources deferred.
func checkCutSnapshotsFail(t *testing.T, blob []byte, steps int) {
	t.Helper()
	for cut := 0; cut < len(blob); cut += 1 + len(blob)/steps {
		if _, err := decodeSnapshot(blob[:cut]); err == nil {
			t.Fatalf("a snapshot cut at byte %d of %d decodes", cut, len(blob))
		}
		if _, err := decodeSnapshotDeferred(blob[:cut]); err == nil {
			t.Fatalf("a snapshot cut at byte %d of %d decodes with sources deferred", cut, len(blob))
		}
	}
}

// edgesWithSources returns a copy of g's edges holding the sources that
// g.Sources reads.
func edgesWithSources(g *graph.Graph) []graph.Edge {
	es := slices.Clone(g.Edges)
	for k := range es {
		es[k].Sources = g.Sources(k)
	}
	return es
}

// sameGraph reports whether two graphs have equal nodes, edges,
// interviews and analytics, edges compared without their sources where
// a is deferred.
func sameGraph(a, b *graph.Graph) bool {
	sameEdges := reflect.DeepEqual(a.Edges, b.Edges)
	if a.SourcesDeferred() {
		sameEdges = len(a.Edges) == len(b.Edges)
		for k := range a.Edges {
			x, y := a.Edges[k], b.Edges[k]
			sameEdges = sameEdges && x.Key() == y.Key()
		}
	}
	return reflect.DeepEqual(a.Nodes, b.Nodes) && sameEdges &&
		reflect.DeepEqual(a.Interviews, b.Interviews) && reflect.DeepEqual(a.Analytics, b.Analytics)
}

// TestSnapshotAfterChangeSinceLoad shows that SetAnalytics does not reuse
// the graph a Load scanned once an interview changed after that Load: the
// snapshot holds the graph the keys give at SetAnalytics.
func TestSnapshotAfterChangeSinceLoad(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		change func(t *testing.T, s *Store)
	}{
		{"edit", func(t *testing.T, s *Store) { replaceAll(t, s, genFacts(3, 1)) }},
		{"add", func(t *testing.T, s *Store) { replaceAll(t, s, genFacts(50, 0)) }},
		{"remove", func(t *testing.T, s *Store) {
			if err := s.RemoveInterview(ctx, genSlug(7)); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := openTemp(t)
			replaceAll(t, s, genMany(20, 0)...)
			before := graphJSON(t, mustLoad(t, s))
			a := fakeAnalytics(mustLoad(t, s), 1)
			tc.change(t, s)
			if err := s.SetAnalytics(ctx, a); err != nil {
				t.Fatal(err)
			}
			snap, scanned := loadBoth(t, s)
			if snap == nil {
				t.Fatal("no snapshot after SetAnalytics")
			}
			got, want := graphJSON(t, snap), graphJSON(t, scanned)
			if got != want {
				t.Fatalf("snapshot differs from the key-by-key graph:\n%s", diffLines(got, want))
			}
			scanned.Analytics = nil
			for i := range scanned.Nodes {
				scanned.Nodes[i].Centrality = nil
			}
			if graphJSON(t, scanned) == before {
				t.Fatal("the change left the graph as it was; the test shows nothing")
			}
		})
	}
}

// TestMapSnapshot loads through a mapped snapshot file, intact and
// damaged, and compares each graph with what a store that reads the file
// loads: a damaged file must never be mapped past its end, and the load
// falls back to the records as a reading store's does.
func TestMapSnapshot(t *testing.T) {
	tests := []struct {
		name     string
		damage   func(t *testing.T, s *Store, path string)
		snapshot bool // whether the load still comes from the snapshot
	}{
		{"intact", func(t *testing.T, s *Store, path string) {}, true},
		{"a byte changed", func(t *testing.T, s *Store, path string) {
			flipByte(t, path, 3, 0x55)
		}, false},
		{"truncated", func(t *testing.T, s *Store, path string) {
			info, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(path, info.Size()/2); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"longer than its header says", func(t *testing.T, s *Store, path string) {
			f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.Write(make([]byte, 1<<16))
			if err := errors.Join(err, f.Close()); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"emptied", func(t *testing.T, s *Store, path string) {
			if err := os.Truncate(path, 0); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"cut short under a matching header", func(t *testing.T, s *Store, path string) {
			// The checks pass and decoding fails: the mapping is
			// released and the records are merged instead.
			blob, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			blob = blob[:len(blob)/2]
			if err := os.WriteFile(path, blob, 0o644); err != nil {
				t.Fatal(err)
			}
			h := newSnapshotHeader(filepath.Base(path), blob)
			updateDB(t, s, func(txn *badger.Txn) error { return txn.Set(keySnapshot, encodeSnapshotHeader(h)) })
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "db")
			s := openAt(t, path)
			replaceAll(t, s, fixtures(t)...)
			analyse(t, s, 1)
			tt.damage(t, s, snapshotPath(t, s))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}

			load := func(mapped, deferred bool) *graph.Graph {
				t.Helper()
				s, err := Open(context.Background(), Options{Path: path, ReadOnly: true, MapSnapshot: mapped})
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				load := s.Load
				if deferred {
					load = s.LoadDeferred
				}
				g, err := load(context.Background())
				if err != nil {
					t.Fatalf("load (mapped %v, deferred %v): %v", mapped, deferred, err)
				}
				return g
			}
			for _, deferred := range []bool{false, true} {
				// The store is closed by now: the graph must not need it.
				got, want := load(true, deferred), load(false, deferred)
				if got.SourcesDeferred() != (deferred && tt.snapshot) {
					t.Errorf("deferred %v: sources deferred = %v, want %v", deferred, got.SourcesDeferred(), deferred && tt.snapshot)
				}
				if g, w := graphJSON(t, got), graphJSON(t, want); g != w {
					t.Errorf("deferred %v: the mapped load differs from the read one:\n%s", deferred, diffLines(g, w))
				}
				if len(got.Edges) == 0 {
					t.Errorf("deferred %v: no edges loaded", deferred)
				}
			}
		})
	}
}

// TestMapSnapshotReadOnly: a read-write store never maps its snapshot,
// which its own builds replace and remove.
func TestMapSnapshotReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "db")
	for _, readOnly := range []bool{false, true} {
		s, err := Open(context.Background(), Options{Path: path, ReadOnly: readOnly, MapSnapshot: true})
		if err != nil {
			t.Fatal(err)
		}
		want := readOnly && runtime.GOOS != "windows"
		if s.mapSnapshot != want {
			t.Errorf("read-only %v: maps the snapshot: %v, want %v", readOnly, s.mapSnapshot, want)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMappedGraphOutlivesItsFile loads a graph through a mapped snapshot,
// then has a build replace and remove that file, as a build running
// beside a query does: the graph, whose strings point into the mapping,
// must read the same afterwards.
func TestMappedGraphOutlivesItsFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db")
	s := openAt(t, path)
	replaceAll(t, s, fixtures(t)...)
	analyse(t, s, 1)
	old := snapshotPath(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	r, err := Open(ctx, Options{Path: path, ReadOnly: true, MapSnapshot: true})
	if err != nil {
		t.Fatal(err)
	}
	g, err := r.LoadDeferred(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if !g.SourcesDeferred() {
		t.Fatal("the graph was not decoded from the snapshot")
	}
	before := graphJSON(t, g)

	w := openAt(t, path)
	replaceAll(t, w, genMany(50, 3)...)
	analyse(t, w, 2)
	if now := snapshotPath(t, w); now == old {
		t.Fatalf("the build kept snapshot file %s", old)
	}
	if _, err := os.Stat(old); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("old snapshot file still there (%v)", err)
	}
	if after := graphJSON(t, g); after != before {
		t.Errorf("the mapped graph changed after its file was replaced:\n%s", diffLines(after, before))
	}
}
