package badgerstore

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func fixtures(t testing.TB) []*graph.Facts {
	t.Helper()
	return []*graph.Facts{readFactsFile(t, "ada.json"), readFactsFile(t, "grace.json")}
}

func TestRoundTrip(t *testing.T) {
	tests := []struct {
		name  string
		facts func(t *testing.T) []*graph.Facts
	}{
		{"fixtures", func(t *testing.T) []*graph.Facts { return fixtures(t) }},
		{"generated", func(*testing.T) []*graph.Facts { return genMany(200, 0) }},
		{"one at a time order", func(t *testing.T) []*graph.Facts {
			fs := fixtures(t)
			return []*graph.Facts{fs[1], fs[0]}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			facts := tt.facts(t)
			s := openTemp(t)
			for _, f := range facts {
				if err := s.ReplaceInterview(context.Background(), f); err != nil {
					t.Fatal(err)
				}
			}
			assertSameGraph(t, s, facts...)
			assertClean(t, s)
		})
	}
}

func TestLoadGolden(t *testing.T) {
	s := openTemp(t)
	replaceAll(t, s, fixtures(t)...)
	golden(t, "fixtures.golden.json", graphJSON(t, mustLoad(t, s)))
}

func assertClean(t testing.TB, s *Store) {
	t.Helper()
	problems, err := s.Check(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("Check: %s", p)
	}
}

func TestNoopReplaceWritesNothing(t *testing.T) {
	s := openTemp(t)
	facts := fixtures(t)
	replaceAll(t, s, facts...)
	before := s.db.MaxVersion()
	// Re-reading the file gives equal facts in a fresh order.
	again := fixtures(t)
	again[0].Nodes[0], again[0].Nodes[1] = again[0].Nodes[1], again[0].Nodes[0]
	replaceAll(t, s, again...)
	if err := s.ReplaceInterview(context.Background(), again[1]); err != nil {
		t.Fatal(err)
	}
	if after := s.db.MaxVersion(); after != before {
		t.Errorf("MaxVersion went from %d to %d on a no-op replace", before, after)
	}
	changed := fixtures(t)[0]
	changed.Interview.Hash = "aa02"
	replaceAll(t, s, changed)
	if after := s.db.MaxVersion(); after == before {
		t.Errorf("MaxVersion stayed %d after a real change", after)
	}
}

func TestIncrementalChanges(t *testing.T) {
	tests := []struct {
		name string
		// change is applied to a store holding the fixtures; want is
		// the facts the graph must then equal.
		change func(t *testing.T, s *Store) []*graph.Facts
	}{
		{"edit one interview", func(t *testing.T, s *Store) []*graph.Facts {
			fs := fixtures(t)
			ada := fixtures(t)[0]
			ada.Interview.Hash = "aa03"
			ada.Nodes = ada.Nodes[:5] // Grace is no longer mentioned
			ada.Edges = ada.Edges[:5]
			ada.Edges[1].Sources[0].Text = "I build data lakes on Amazon S3."
			replaceAll(t, s, ada)
			return []*graph.Facts{ada, fs[1]}
		}},
		{"remove one interview", func(t *testing.T, s *Store) []*graph.Facts {
			if err := s.RemoveInterview(context.Background(), "ada"); err != nil {
				t.Fatal(err)
			}
			g := mustLoad(t, s)
			if _, ok := g.Node("service/amazon-s3"); ok {
				t.Error("service/amazon-s3 survived the removal of the only interview naming it")
			}
			if n, ok := g.Node("organization/aws"); !ok || n.Name != "Amazon Web Services" || len(n.Aliases) != 0 {
				t.Errorf("organization/aws after removing ada = %+v, %v; want only grace's contribution", n, ok)
			}
			return fixtures(t)[1:]
		}},
		{"remove unknown interview", func(t *testing.T, s *Store) []*graph.Facts {
			before := s.db.MaxVersion()
			if err := s.RemoveInterview(context.Background(), "nobody"); err != nil {
				t.Fatal(err)
			}
			if s.db.MaxVersion() != before {
				t.Error("removing an unknown interview wrote something")
			}
			return fixtures(t)
		}},
		{"rename file", func(t *testing.T, s *Store) []*graph.Facts {
			fs := fixtures(t)
			fs[0].Interview.Path = "posts/ada.md"
			replaceAll(t, s, fs[0])
			return fs
		}},
		{"same slug twice in one call", func(t *testing.T, s *Store) []*graph.Facts {
			first, second := fixtures(t)[0], fixtures(t)[0]
			first.Interview.Hash, second.Interview.Hash = "x1", "x2"
			second.Nodes, second.Edges = second.Nodes[:2], second.Edges[:1]
			replaceAll(t, s, first, second)
			return []*graph.Facts{second, fixtures(t)[1]}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			replaceAll(t, s, fixtures(t)...)
			want := tt.change(t, s)
			assertSameGraph(t, s, want...)
			assertClean(t, s)
			for _, f := range want {
				got, err := s.Facts(context.Background(), f.Interview.Slug)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, canonical(f)) {
					t.Errorf("Facts(%s) = %+v, want %+v", f.Interview.Slug, got, canonical(f))
				}
			}
		})
	}
}

func TestFactsUnknown(t *testing.T) {
	s := openTemp(t)
	_, err := s.Facts(context.Background(), "nobody")
	if !errors.Is(err, ErrUnknownInterview) {
		t.Fatalf("Facts(nobody) = %v, want ErrUnknownInterview", err)
	}
}

// TestQueries asks the store's Lookup, Out and In, which read the index
// once SetAnalytics has written it and the merged records before, and
// compares them with the in-memory graph.
func TestQueries(t *testing.T) {
	facts := fixtures(t)
	mem := graph.Merge(facts...)
	ctx := context.Background()
	for _, analysed := range []bool{false, true} {
		s := openTemp(t)
		replaceAll(t, s, facts...)
		if analysed {
			analyse(t, s, 1)
		}
		t.Run(fmt.Sprintf("analysed=%v", analysed), func(t *testing.T) {
			lookups := []struct{ name, want string }{
				{"Ada Lovelace", "person/ada-byron"},
				{"ada   byron!", "person/ada-byron"},
				{"k8s", "topic/kubernetes"},
				{"amazon web services", "organization/aws"},
				{"nobody at all", ""},
			}
			for _, tt := range lookups {
				got, err := s.Lookup(ctx, tt.name)
				if err != nil {
					t.Fatal(err)
				}
				var ids []string
				for _, n := range got {
					ids = append(ids, n.ID)
					if (n.Centrality != nil) != analysed {
						t.Errorf("Lookup(%q) centrality %v, want it only once analysed", tt.name, n.Centrality)
					}
					n.Centrality = nil
					if mn, _ := mem.Node(n.ID); !reflect.DeepEqual(n, *mn) {
						t.Errorf("Lookup(%q) node = %+v, want %+v", tt.name, n, *mn)
					}
				}
				if strings.Join(ids, ",") != tt.want {
					t.Errorf("Lookup(%q) = %v, want %s", tt.name, ids, tt.want)
				}
			}
			for _, id := range []string{"person/ada-byron", "topic/kubernetes", "person/grace-hopper", "topic/nobody"} {
				for _, rel := range []graph.Rel{"", graph.Mentions, graph.Recommends} {
					var wantOut, wantIn []graph.Edge
					if i := mem.Index(id); i >= 0 {
						wantOut, wantIn = filterRel(mem.Out(i), rel), filterRel(mem.In(i), rel)
					}
					out, err := s.Out(ctx, id, rel)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(nilIfEmpty(out), wantOut) {
						t.Errorf("Out(%s, %q) = %+v, want %+v", id, rel, out, wantOut)
					}
					in, err := s.In(ctx, id, rel)
					if err != nil {
						t.Fatal(err)
					}
					if !reflect.DeepEqual(nilIfEmpty(in), wantIn) {
						t.Errorf("In(%s, %q) = %+v, want %+v", id, rel, in, wantIn)
					}
				}
			}
		})
	}
}

// TestQueriesFollowWrites checks that Lookup, Out and In, which keep the
// graph they read, read it again after a write, and hand out copies.
func TestQueriesFollowWrites(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	replaceAll(t, s, fixtures(t)...)
	analyse(t, s, 1)
	covers := func() []graph.Edge {
		t.Helper()
		out, err := s.Out(ctx, "person/grace-hopper", graph.Covers)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := covers()
	if len(first) != 1 || first[0].To != "topic/kubernetes" {
		t.Fatalf("Out(grace, covers) = %+v, want the edge to Kubernetes", first)
	}
	first[0].Sources[0].Text = "changed by the caller"
	if again := covers(); again[0].Sources[0].Text == "changed by the caller" {
		t.Fatal("Out handed out the stored graph's sources, not a copy")
	}
	if err := s.RemoveInterview(ctx, "grace"); err != nil {
		t.Fatal(err)
	}
	for _, analysed := range []bool{false, true} {
		if analysed {
			analyse(t, s, 2)
		}
		if got := covers(); len(got) != 0 {
			t.Errorf("analysed=%v: Out(grace, covers) after removing her interview = %+v, want none", analysed, got)
		}
		in, err := s.In(ctx, "topic/kubernetes", graph.Covers)
		if err != nil || len(in) != 0 {
			t.Errorf("analysed=%v: In(kubernetes, covers) = %+v, %v; want none", analysed, in, err)
		}
		// Ada still recommends her, so the node stays.
		nodes, err := s.Lookup(ctx, "Grace Hopper")
		if err != nil || len(nodes) != 1 || (nodes[0].Centrality != nil) != analysed {
			t.Errorf("analysed=%v: Lookup(Grace Hopper) = %+v, %v", analysed, nodes, err)
		}
	}
}

func filterRel(es []*graph.Edge, rel graph.Rel) []graph.Edge {
	var out []graph.Edge
	for _, e := range es {
		if rel == "" || e.Rel == rel {
			out = append(out, *e)
		}
	}
	graph.SortEdges(out)
	return out
}

func nilIfEmpty(es []graph.Edge) []graph.Edge {
	if len(es) == 0 {
		return nil
	}
	return es
}

func TestAnalytics(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	facts := fixtures(t)
	replaceAll(t, s, facts...)
	stale, err := s.AnalyticsStale(ctx)
	if err != nil || !stale {
		t.Fatalf("AnalyticsStale after ingest = %v, %v; want true", stale, err)
	}
	if g := mustLoad(t, s); g.Analytics != nil {
		t.Fatal("Load returned analytics before any were set")
	}
	a := &graph.Analytics{Modularity: 0.25, Communities: 2, Centrality: map[string]graph.Centrality{}}
	for i, n := range graph.Merge(facts...).Nodes {
		a.Centrality[n.ID] = graph.Centrality{PageRank: float64(i) / 10, Degree: i, Community: i % 2, Approximate: i == 3}
	}
	if err := s.SetAnalytics(ctx, a); err != nil {
		t.Fatal(err)
	}
	if stale, err := s.AnalyticsStale(ctx); err != nil || stale {
		t.Fatalf("AnalyticsStale after SetAnalytics = %v, %v; want false", stale, err)
	}
	g := mustLoad(t, s)
	if !reflect.DeepEqual(g.Analytics, a) {
		t.Errorf("Load analytics = %+v, want %+v", g.Analytics, a)
	}
	for _, n := range g.Nodes {
		if c := a.Centrality[n.ID]; n.Centrality == nil || *n.Centrality != c {
			t.Errorf("node %s centrality = %v, want %v", n.ID, n.Centrality, c)
		}
	}
	assertClean(t, s)

	// Any change makes them stale again; Load then omits them.
	if err := s.RemoveInterview(ctx, "ada"); err != nil {
		t.Fatal(err)
	}
	if stale, err := s.AnalyticsStale(ctx); err != nil || !stale {
		t.Fatalf("AnalyticsStale after a removal = %v, %v; want true", stale, err)
	}
	g = mustLoad(t, s)
	if g.Analytics != nil || g.Nodes[0].Centrality != nil {
		t.Error("Load returned stale analytics")
	}
	assertClean(t, s)
}

func TestReplaceRejects(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(f *graph.Facts)
		want   string
	}{
		{"empty slug", func(f *graph.Facts) { f.Interview.Slug = "" }, "empty slug"},
		{"NUL in node ID", func(f *graph.Facts) { f.Nodes[0].ID = "topic/a\x00b" }, "NUL"},
		{"unknown kind", func(f *graph.Facts) { f.Nodes[1].Kind = "planet" }, "unknown kind"},
		{"unknown relation", func(f *graph.Facts) { f.Edges[0].Rel = "likes" }, "unknown relation"},
		{"dangling edge", func(f *graph.Facts) { f.Edges[0].To = "person/nobody" }, "endpoints"},
		{"edge without source", func(f *graph.Facts) { f.Edges[0].Sources = nil }, "no source"},
		{"source of another interview", func(f *graph.Facts) { f.Edges[0].Sources[0].Interview = "other" }, "must name"},
		{"source without line", func(f *graph.Facts) { f.Edges[0].Sources[0].Line = 0 }, "line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			good, bad := readFactsFile(t, "grace.json"), readFactsFile(t, "ada.json")
			tt.mutate(bad)
			err := s.ReplaceInterviews(context.Background(), []*graph.Facts{good, bad})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("ReplaceInterviews = %v, want an error containing %q", err, tt.want)
			}
			// Validation precedes writing: not even the good one is stored.
			if ivs, _ := s.Interviews(context.Background()); len(ivs) != 0 {
				t.Errorf("stored %v despite the error", ivs)
			}
		})
	}
}

func TestTooLargeInterview(t *testing.T) {
	s := openTemp(t)
	replaceAll(t, s, fixtures(t)...)
	huge := readFactsFile(t, "ada.json")
	guest := huge.Nodes[1]
	for i := 0; i < 40000; i++ {
		name := fmt.Sprintf("Topic number %d with a longish name", i)
		n := graph.Node{ID: graph.NodeID(graph.Topic, name), Kind: graph.Topic, Name: name}
		huge.Nodes = append(huge.Nodes, n)
		huge.Edges = append(huge.Edges, graph.Edge{From: guest.ID, To: n.ID, Rel: graph.Mentions,
			Sources: []graph.Source{{Interview: "ada", Line: 100 + i, Text: "a sentence naming " + name}}})
	}
	before := s.db.MaxVersion()
	err := s.ReplaceInterview(context.Background(), huge)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "interview ada (40006 nodes") {
		t.Fatalf("ReplaceInterview(huge) = %v, want ErrTooLarge naming ada and its size", err)
	}
	if s.db.MaxVersion() != before {
		t.Error("a refused interview wrote something")
	}
	assertSameGraph(t, s, fixtures(t)...)
}

func TestReplaceManyPacksTransactions(t *testing.T) {
	s := openTemp(t)
	facts := genMany(1000, 0)
	before := s.db.MaxVersion()
	replaceAll(t, s, facts...)
	commits := s.db.MaxVersion() - before
	if commits < 1 || commits > 10 {
		t.Errorf("1000 interviews took %d commits, want 1..10", commits)
	}
	assertSameGraph(t, s, facts...)
	ivs, err := s.Interviews(context.Background())
	if err != nil || len(ivs) != 1000 || ivs[0].Slug != genSlug(0) || ivs[999] != facts[999].Interview {
		t.Fatalf("Interviews = %d infos, %v", len(ivs), err)
	}
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	path := t.TempDir() + "/db"
	s, err := Open(context.Background(), Options{Path: path})
	if err != nil {
		t.Fatal(err)
	}
	replaceAll(t, s, fixtures(t)...)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := Open(context.Background(), Options{Path: path, ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	ctx := context.Background()
	writes := map[string]error{
		"replace":   ro.ReplaceInterview(ctx, fixtures(t)[0]),
		"remove":    ro.RemoveInterview(ctx, "ada"),
		"analytics": ro.SetAnalytics(ctx, &graph.Analytics{}),
		"prepare":   ro.PrepareAnalytics(ctx),
	}
	for name, err := range writes {
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s on a read-only store = %v, want ErrReadOnly", name, err)
		}
	}
	assertSameGraph(t, ro, fixtures(t)...)
}
