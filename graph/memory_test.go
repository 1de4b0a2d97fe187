package graph

import (
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

// smallGraph is three people, a topic and two interviews: "a" names its
// guest, "b" only features one, and "c" has an interview node but no
// InterviewInfo.
func smallGraph() *Graph {
	nodes := []Node{
		{ID: "person/ada", Kind: Person, Name: "Ada"},
		{ID: "person/bo", Kind: Person, Name: "Bo"},
		{ID: "person/cy", Kind: Person, Name: "Cy"},
		{ID: "topic/k8s", Kind: Topic, Name: "Kubernetes"},
		{ID: "interview/b", Kind: Interview, Name: "b"},
		{ID: "interview/c", Kind: Interview, Name: "c"},
	}
	src := func(slug string, line int) []Source { return []Source{{Interview: slug, Line: line}} }
	edges := []Edge{
		{From: "person/ada", To: "topic/k8s", Rel: Covers, Sources: src("a", 1)},
		{From: "person/bo", To: "topic/k8s", Rel: Mentions, Sources: src("b", 2)},
		{From: "person/ada", To: "person/bo", Rel: Recommends, Sources: src("a", 3)},
		{From: "interview/b", To: "person/bo", Rel: Features, Sources: src("b", 1)},
		{From: "interview/c", To: "person/cy", Rel: Features, Sources: src("c", 1)},
	}
	return New(nodes, edges, []InterviewInfo{{Slug: "b"}, {Slug: "a", Guest: "person/ada"}})
}

func TestAdjacencyAndEnds(t *testing.T) {
	g := smallGraph()
	for i := range g.Nodes {
		for _, p := range g.OutEdges(i) {
			if from, _ := g.Ends(int(p)); from != i || g.Edges[p].From != g.Nodes[i].ID {
				t.Errorf("OutEdges(%s) holds edge %d from %s (Ends: %d)", g.Nodes[i].ID, p, g.Edges[p].From, from)
			}
		}
		for _, p := range g.InEdges(i) {
			if _, to := g.Ends(int(p)); to != i || g.Edges[p].To != g.Nodes[i].ID {
				t.Errorf("InEdges(%s) holds edge %d to %s (Ends: %d)", g.Nodes[i].ID, p, g.Edges[p].To, to)
			}
		}
	}
	k8s := g.Index("topic/k8s")
	var from []string
	for _, e := range g.In(k8s) {
		from = append(from, e.From)
	}
	if want := []string{"person/ada", "person/bo"}; !reflect.DeepEqual(from, want) {
		t.Errorf("In(k8s) from %v, want %v in edge order", from, want)
	}
	total := 0
	for i := range g.Nodes {
		total += len(g.OutEdges(i))
	}
	if total != len(g.Edges) {
		t.Errorf("out rows hold %d edges, want %d", total, len(g.Edges))
	}
}

func TestGuest(t *testing.T) {
	g := smallGraph()
	tests := []struct {
		name, slug, want string
	}{
		{"named by the interview info", "a", "person/ada"},
		{"featured by the interview node", "b", "person/bo"},
		{"interview node without info", "c", "person/cy"},
		{"unknown interview", "zz", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if i := g.Guest(tt.slug); i >= 0 {
				got = g.Nodes[i].ID
			}
			if got != tt.want {
				t.Errorf("Guest(%q) = %q, want %q", tt.slug, got, tt.want)
			}
		})
	}
}

// TestLazyGuestIndex: the answers Guest gives by searching the
// interviews are the ones it gives once it has indexed them, whatever the
// order of the questions and from racing goroutines.
func TestLazyGuestIndex(t *testing.T) {
	// A repeated slug (stores never write one; the first wins either
	// way) and an info whose guest is not a node.
	fresh := func() *Graph {
		g := smallGraph()
		g.Interviews = []InterviewInfo{{Slug: "a", Guest: "person/ada"}, {Slug: "a", Guest: "person/bo"}, {Slug: "b"}, {Slug: "d", Guest: "person/nobody"}}
		return g
	}
	want := map[string]string{"a": "person/ada", "b": "person/bo", "c": "person/cy", "d": "", "zz": "", "": ""}
	ask := func(g *Graph, slug string) string {
		if i := g.Guest(slug); i >= 0 {
			return g.Nodes[i].ID
		}
		return ""
	}
	slugs := []string{"a", "b", "c", "d", "zz", ""}
	t.Run("in turn", func(t *testing.T) {
		g := fresh()
		for k := range lazyGuestSearches + 2*len(slugs) {
			slug := slugs[k%len(slugs)]
			if got := ask(g, slug); got != want[slug] {
				t.Fatalf("question %d, Guest(%q) = %q, want %q", k+1, slug, got, want[slug])
			}
			if indexed := g.interviewsIndexed.Load(); indexed != (k+1 > lazyGuestSearches) {
				t.Fatalf("after question %d the interview index is built: %v", k+1, indexed)
			}
		}
	})
	t.Run("racing", func(t *testing.T) {
		g := fresh()
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for k := range lazyGuestSearches / 2 {
					slug := slugs[k%len(slugs)]
					if got := ask(g, slug); got != want[slug] {
						t.Errorf("Guest(%q) = %q, want %q", slug, got, want[slug])
						return
					}
				}
			})
		}
		wg.Wait()
		if !g.interviewsIndexed.Load() {
			t.Error("the interview index was never built")
		}
	})
	t.Run("indexed ahead", func(t *testing.T) {
		// IndexGuests on one goroutine while another asks, as WhoCovers
		// does; then every answer comes from the index.
		g := fresh()
		var wg sync.WaitGroup
		wg.Go(g.IndexGuests)
		for _, slug := range slugs {
			if got := ask(g, slug); got != want[slug] {
				t.Errorf("Guest(%q) = %q, want %q", slug, got, want[slug])
			}
		}
		wg.Wait()
		if !g.interviewsIndexed.Load() {
			t.Fatal("IndexGuests did not build the index")
		}
		searched := g.guestSearches.Load()
		for _, slug := range slugs {
			if got := ask(g, slug); got != want[slug] {
				t.Errorf("after IndexGuests, Guest(%q) = %q, want %q", slug, got, want[slug])
			}
		}
		if g.guestSearches.Load() != searched {
			t.Error("Guest searched after IndexGuests had built the index")
		}
	})
}

// TestNewOrderedEqualsNew: a graph rebuilt from another's nodes, edges and
// endpoint positions equals it, and out-of-order input is refused.
func TestNewOrderedEqualsNew(t *testing.T) {
	g := smallGraph()
	from, to := make([]int32, len(g.Edges)), make([]int32, len(g.Edges))
	for k := range g.Edges {
		f, t := g.Ends(k)
		from[k], to[k] = int32(f), int32(t)
	}
	// NewOrdered sets From and To itself.
	bare := func() []Edge {
		es := make([]Edge, len(g.Edges))
		for k, e := range g.Edges {
			es[k] = Edge{Rel: e.Rel, Sources: e.Sources}
		}
		return es
	}
	got, err := NewOrdered(append([]Node(nil), g.Nodes...), bare(), from, to, append([]InterviewInfo(nil), g.Interviews...))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Edges, g.Edges) || !reflect.DeepEqual(got.Nodes, g.Nodes) {
		t.Fatalf("NewOrdered gave\n%+v\nwant\n%+v", got.Edges, g.Edges)
	}
	for i := range g.Nodes {
		if !reflect.DeepEqual(got.InEdges(i), g.InEdges(i)) || !reflect.DeepEqual(got.OutEdges(i), g.OutEdges(i)) {
			t.Errorf("adjacency of %s differs", g.Nodes[i].ID)
		}
	}
	if !reflect.DeepEqual(got.Lookup("kubernetes"), g.Lookup("kubernetes")) {
		t.Errorf("Lookup differs")
	}

	swapped := func(s []int32) []int32 {
		s = append([]int32(nil), s...)
		s[0], s[1] = s[1], s[0]
		return s
	}
	tests := []struct {
		name       string
		nodes      []Node
		from, to   []int32
		interviews []InterviewInfo
		want       string
	}{
		{"nodes out of order", []Node{g.Nodes[1], g.Nodes[0]}, nil, nil, nil, "is not after"},
		{"interviews out of order", g.Nodes, from, to, []InterviewInfo{{Slug: "b"}, {Slug: "a"}}, "interview"},
		{"edges out of order", g.Nodes, swapped(from), swapped(to), nil, "not after the one before"},
		{"position out of range", g.Nodes, from, append(append([]int32(nil), to[:len(to)-1]...), int32(len(g.Nodes))), nil, "positions"},
		{"positions missing", g.Nodes, from[:1], to, nil, "endpoints"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			edges := bare()
			if tt.from == nil {
				edges = nil
			}
			_, err := NewOrdered(tt.nodes, edges, tt.from, tt.to, tt.interviews)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewOrdered = %v, want an error saying %q", err, tt.want)
			}
		})
	}
}

// TestNewOrderedInParts: a graph large enough for NewOrdered to check and
// fill its edges in parts equals New's, and an edge out of order is
// reported by its position wherever it falls: first, last, or either
// side of a boundary between parts.
func TestNewOrderedInParts(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4))
	var nodes []Node
	for i := range 200 {
		nodes = append(nodes, Node{ID: fmt.Sprintf("person/p%03d", i), Kind: Person, Name: fmt.Sprintf("P%d", i)})
	}
	var edges []Edge
	for i := range nodes {
		for j := range nodes {
			if (i*7+j*3)%2 == 0 && i != j {
				edges = append(edges, Edge{From: nodes[i].ID, Rel: Recommends, To: nodes[j].ID})
			}
		}
	}
	want := New(slices.Clone(nodes), edges, nil)
	if len(want.Edges) < parallelEdges {
		t.Fatalf("%d edges: too few for parts", len(want.Edges))
	}
	positions := func() (from, to []int32) {
		from, to = make([]int32, len(want.Edges)), make([]int32, len(want.Edges))
		for k := range want.Edges {
			f, t := want.Ends(k)
			from[k], to[k] = int32(f), int32(t)
		}
		return from, to
	}
	bare := func() []Edge {
		es := make([]Edge, len(want.Edges))
		for k, e := range want.Edges {
			es[k] = Edge{Rel: e.Rel}
		}
		return es
	}
	from, to := positions()
	got, err := NewOrdered(slices.Clone(want.Nodes), bare(), from, to, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Edges, want.Edges) {
		t.Fatal("NewOrdered's edges differ from New's")
	}
	for i := range want.Nodes {
		if !slices.Equal(got.InEdges(i), want.InEdges(i)) || !slices.Equal(got.OutEdges(i), want.OutEdges(i)) {
			t.Fatalf("adjacency of %s differs", want.Nodes[i].ID)
		}
	}

	bounds := edgeParts(len(want.Edges))
	if len(bounds) != 5 {
		t.Fatalf("edgeParts gave %d parts, want 4", len(bounds)-1)
	}
	// Swapping edges k and k+1 puts edge k+1 before the one before it.
	for _, k := range []int{0, bounds[1] - 2, bounds[1] - 1, bounds[1], bounds[2] - 1, len(want.Edges) - 2} {
		t.Run(fmt.Sprintf("swapped at %d", k), func(t *testing.T) {
			from, to := positions()
			from[k], from[k+1] = from[k+1], from[k]
			to[k], to[k+1] = to[k+1], to[k]
			_, err := NewOrdered(slices.Clone(want.Nodes), bare(), from, to, nil)
			if want := fmt.Sprintf("graph: edge %d (", k+1); err == nil || !strings.HasPrefix(err.Error(), want) {
				t.Errorf("NewOrdered = %v, want an error starting %q", err, want)
			}
		})
	}
	t.Run("two faults", func(t *testing.T) {
		// The first fault in edge order is reported, though a later
		// part finds its own first.
		from, to := positions()
		to[bounds[3]] = int32(len(want.Nodes))
		k := bounds[1] + 5
		from[k], from[k+1] = from[k+1], from[k]
		to[k], to[k+1] = to[k+1], to[k]
		_, err := NewOrdered(slices.Clone(want.Nodes), bare(), from, to, nil)
		if want := fmt.Sprintf("graph: edge %d (", k+1); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("NewOrdered = %v, want an error starting %q", err, want)
		}
	})
}

func TestEdgeAfter(t *testing.T) {
	tests := []struct {
		name   string
		pf, pt int32
		prel   Rel
		f, t   int32
		rel    Rel
		want   bool
	}{
		{"later source", 1, 9, Recommends, 2, 0, Covers, true},
		{"earlier source", 2, 0, Covers, 1, 9, Recommends, false},
		{"same source, later relation", 1, 9, Covers, 1, 0, Recommends, true},
		{"same source, earlier relation", 1, 0, Recommends, 1, 9, Covers, false},
		{"same source and relation, later target", 1, 3, Covers, 1, 4, Covers, true},
		{"same source and relation, earlier target", 1, 4, Covers, 1, 3, Covers, false},
		{"the same edge twice", 1, 4, Covers, 1, 4, Covers, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := edgeAfter(tt.pf, tt.prel, tt.pt, tt.f, tt.rel, tt.t); got != tt.want {
				t.Errorf("edgeAfter = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCloneNodes(t *testing.T) {
	g := smallGraph()
	g.Analytics = &Analytics{Communities: 1}
	c := g.CloneNodes()
	c.Nodes[0].Centrality = &Centrality{PageRank: 1}
	if g.Nodes[0].Centrality != nil {
		t.Errorf("setting the clone's centrality changed the original's node %s", g.Nodes[0].ID)
	}
	if !reflect.DeepEqual(c.Edges, g.Edges) || !reflect.DeepEqual(c.Interviews, g.Interviews) || c.Analytics != g.Analytics {
		t.Errorf("the clone's edges, interviews or analytics differ from the original's")
	}
	for i, n := range g.Nodes {
		if c.Index(n.ID) != i || !reflect.DeepEqual(c.OutEdges(i), g.OutEdges(i)) || !reflect.DeepEqual(c.InEdges(i), g.InEdges(i)) {
			t.Errorf("the clone's index or adjacency of %s differs", n.ID)
		}
	}
	for k := range g.Edges {
		if cf, ct := c.Ends(k); cf != int(g.from[k]) || ct != int(g.to[k]) {
			t.Errorf("the clone's ends of edge %d differ", k)
		}
	}
	if !reflect.DeepEqual(c.Lookup("kubernetes"), g.Lookup("kubernetes")) || c.Guest("a") != g.Guest("a") {
		t.Errorf("the clone's name or guest lookups differ")
	}
}

// TestLazyNameIndex looks names up in a graph decoded in order, whose
// name index is built only after lazyNameScans lookups, and requires the
// answers New's eager index gives, before and after it is built and from
// goroutines racing to build it.
func TestLazyNameIndex(t *testing.T) {
	nodes := []Node{
		{ID: "organization/aws", Kind: Organization, Name: "AWS", Aliases: []string{"Amazon Web Services", "aws"}},
		{ID: "person/ana-lopez", Kind: Person, Name: "Ana López", Aliases: []string{"Ana Lopez"}},
		{ID: "person/jo", Kind: Person, Name: "Jo"},
		{ID: "person/jo-2", Kind: Person, Name: "JO", Aliases: []string{"J.O."}},
		{ID: "service/ci-cd", Kind: Service, Name: "CI/CD", Aliases: []string{"CI CD", "ci-cd"}},
		{ID: "topic/punctuation", Kind: Topic, Name: "!!!"},
		{ID: "topic/ﬁnance", Kind: Topic, Name: "ﬁnance"},
	}
	eager := New(append([]Node(nil), nodes...), nil, nil)
	queries := []string{
		"aws", "AWS", "amazon  web services", "Ana López", "ana lopez", "jo", "J O", "ci/cd", "CI-CD",
		"!!!", "", "finance", "ﬁnance", "nobody", "Amazon", "Jo ",
	}
	if len(queries) <= lazyNameScans {
		t.Fatalf("%d queries do not get past the %d scans", len(queries), lazyNameScans)
	}
	newLazy := func() *Graph {
		g, err := NewOrdered(append([]Node(nil), nodes...), nil, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if g.namesIndexed.Load() {
			t.Fatal("NewOrdered built the name index")
		}
		return g
	}
	t.Run("in turn", func(t *testing.T) {
		lazy := newLazy()
		for k, q := range queries {
			if got, want := lazy.Lookup(q), eager.Lookup(q); !slices.Equal(got, want) {
				t.Errorf("lookup %d, %q: got %v, want %v", k+1, q, got, want)
			}
			if indexed := lazy.namesIndexed.Load(); indexed != (k+1 > lazyNameScans) {
				t.Errorf("after lookup %d the name index is built: %v", k+1, indexed)
			}
		}
		if !reflect.DeepEqual(lazy.Names(), eager.Names()) {
			t.Errorf("Names = %v, want %v", lazy.Names(), eager.Names())
		}
	})
	t.Run("Names first", func(t *testing.T) {
		lazy := newLazy()
		if !reflect.DeepEqual(lazy.Names(), eager.Names()) {
			t.Errorf("Names = %v, want %v", lazy.Names(), eager.Names())
		}
	})
	t.Run("racing", func(t *testing.T) {
		lazy := newLazy()
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for _, q := range queries {
					if got, want := lazy.Lookup(q), eager.Lookup(q); !slices.Equal(got, want) {
						t.Errorf("%q: got %v, want %v", q, got, want)
					}
				}
			})
		}
		wg.Wait()
	})
}

// TestLazyIDIndex: a graph from NewOrdered answers Index and Node by
// binary search until lazyIDSearches lookups, then by the index it
// builds, and answers the same as New's graph throughout, with
// goroutines racing to build it, and in a copy from CloneNodes.
func TestLazyIDIndex(t *testing.T) {
	var nodes []Node
	for i := range 300 {
		nodes = append(nodes, Node{ID: fmt.Sprintf("person/p%03d", 2*i), Kind: Person, Name: fmt.Sprint(i)})
	}
	eager := New(slices.Clone(nodes), nil, nil)
	var queries []string
	for i := range 2 * len(nodes) {
		// Every other ID is missing: between two nodes, and past either end.
		queries = append(queries, fmt.Sprintf("person/p%03d", i), "")
	}
	queries = append(queries, "a", "zzz", "person/p", "person/p0000")
	if len(queries) <= lazyIDSearches {
		t.Fatalf("%d queries do not get past the %d searches", len(queries), lazyIDSearches)
	}
	newLazy := func() *Graph {
		t.Helper()
		g, err := NewOrdered(slices.Clone(nodes), nil, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if g.indexed.Load() {
			t.Fatal("NewOrdered built the ID index")
		}
		return g
	}
	check := func(t *testing.T, g *Graph, q string) {
		t.Helper()
		got, want := g.Index(q), eager.Index(q)
		if got != want {
			t.Errorf("Index(%q) = %d, want %d", q, got, want)
		}
		n, ok := g.Node(q)
		if ok != (want >= 0) || (ok && n != &g.Nodes[want]) {
			t.Errorf("Node(%q) = %v, %v; want position %d", q, n, ok, want)
		}
	}
	t.Run("in turn", func(t *testing.T) {
		lazy := newLazy()
		for k, q := range queries {
			check(t, lazy, q)
			// Index and Node count one search each.
			if indexed := lazy.indexed.Load(); indexed != (2*(k+1) > lazyIDSearches) {
				t.Fatalf("after query %d the ID index is built: %v", k+1, indexed)
			}
		}
		clone := lazy.CloneNodes()
		if !clone.indexed.Load() {
			t.Error("CloneNodes did not share the built index")
		}
		for _, q := range queries {
			check(t, clone, q)
		}
	})
	t.Run("cloned before the index", func(t *testing.T) {
		clone := newLazy().CloneNodes()
		for _, q := range queries {
			check(t, clone, q)
		}
	})
	t.Run("racing", func(t *testing.T) {
		lazy := newLazy()
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				for _, q := range queries {
					check(t, lazy, q)
				}
			})
		}
		wg.Wait()
	})
}
