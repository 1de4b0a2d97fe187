package graph

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// mergeByMaps is Merge written the plain way, with maps keyed by strings:
// the oracle both of merge's paths must match.
func mergeByMaps(facts []*Facts) *Graph {
	parts := map[string][]Node{}
	var ids []string
	for _, f := range facts {
		for _, n := range f.Nodes {
			if _, ok := parts[n.ID]; !ok {
				ids = append(ids, n.ID)
			}
			parts[n.ID] = append(parts[n.ID], n)
		}
	}
	nodes := make([]Node, 0, len(ids))
	for _, id := range ids {
		nodes = append(nodes, MergeNodes(parts[id]))
	}
	pooled := map[EdgeKey][]Source{}
	var keys []EdgeKey
	for _, f := range facts {
		for _, e := range f.Edges {
			if parts[e.From] == nil || parts[e.To] == nil {
				continue
			}
			k := e.Key()
			if _, ok := pooled[k]; !ok {
				keys = append(keys, k)
				pooled[k] = []Source{}
			}
			pooled[k] = append(pooled[k], e.Sources...)
		}
	}
	edges := make([]Edge, 0, len(keys))
	for _, k := range keys {
		edges = append(edges, Edge{From: k.From, To: k.To, Rel: k.Rel, Sources: DedupSources(pooled[k])})
	}
	infos := make([]InterviewInfo, 0, len(facts))
	for _, f := range facts {
		infos = append(infos, f.Interview)
	}
	return New(nodes, edges, infos)
}

// cloneFacts copies facts deeply, so that a test can check that Merge left
// them alone.
func cloneFacts(facts []*Facts) []*Facts {
	if facts == nil {
		return nil
	}
	out := make([]*Facts, len(facts))
	for i, f := range facts {
		c := &Facts{Interview: f.Interview, Nodes: slices.Clone(f.Nodes), Edges: slices.Clone(f.Edges)}
		for k := range c.Nodes {
			c.Nodes[k].Aliases = slices.Clone(c.Nodes[k].Aliases)
			if p := c.Nodes[k].Centrality; p != nil {
				cent := *p
				c.Nodes[k].Centrality = &cent
			}
		}
		for k := range c.Edges {
			c.Edges[k].Sources = slices.Clone(c.Edges[k].Sources)
		}
		out[i] = c
	}
	return out
}

// checkSameGraph fails the test if got is not exactly want, naming the
// first node, edge or interview that differs.
func checkSameGraph(t *testing.T, what string, got, want *Graph) {
	t.Helper()
	if reflect.DeepEqual(got, want) {
		return
	}
	if len(got.Nodes) != len(want.Nodes) || len(got.Edges) != len(want.Edges) || len(got.Interviews) != len(want.Interviews) {
		t.Fatalf("%s: %d nodes, %d edges, %d interviews; want %d, %d, %d", what,
			len(got.Nodes), len(got.Edges), len(got.Interviews), len(want.Nodes), len(want.Edges), len(want.Interviews))
	}
	for i := range got.Nodes {
		if !reflect.DeepEqual(got.Nodes[i], want.Nodes[i]) {
			t.Fatalf("%s: node %d is %+v, want %+v", what, i, got.Nodes[i], want.Nodes[i])
		}
	}
	for i := range got.Edges {
		if !reflect.DeepEqual(got.Edges[i], want.Edges[i]) {
			t.Fatalf("%s: edge %d is %+v, want %+v", what, i, got.Edges[i], want.Edges[i])
		}
	}
	for i := range got.Interviews {
		if got.Interviews[i] != want.Interviews[i] {
			t.Fatalf("%s: interview %d is %+v, want %+v", what, i, got.Interviews[i], want.Interviews[i])
		}
	}
	t.Fatalf("%s: same nodes, edges and interviews, but the indexes differ", what)
}

// checkMergePaths merges facts on one goroutine and on several, checks
// both against mergeByMaps and checks that the facts were not modified.
func checkMergePaths(t *testing.T, facts []*Facts) {
	t.Helper()
	before := cloneFacts(facts)
	want := mergeByMaps(cloneFacts(facts))
	checkSameGraph(t, "sequential", merge(facts, 1), want)
	for _, workers := range []int{2, 3, 8, 64} {
		checkSameGraph(t, fmt.Sprintf("%d workers", workers), merge(facts, workers), want)
	}
	if !reflect.DeepEqual(facts, before) {
		t.Fatal("merge modified its facts")
	}
}

func src(slug string, line int) Source {
	return Source{Interview: slug, Line: line, Text: "line " + slug}
}

func TestMergePathsAgree(t *testing.T) {
	ada := Node{ID: "person/ada", Kind: Person, Name: "Ada"}
	bob := Node{ID: "person/bob", Kind: Person, Name: "Bob"}
	k8s := Node{ID: "topic/k8s", Kind: Topic, Name: "Kubernetes", Aliases: []string{"k8s", "K8s", "", "Kubernetes"}}
	s3 := Node{ID: "service/s3", Kind: Service, Name: "S3", URL: "https://b.example"}
	cent := &Centrality{PageRank: 0.5, Degree: 3}
	one := func(slug string, nodes []Node, edges ...Edge) *Facts {
		return &Facts{Interview: InterviewInfo{Slug: slug, Path: slug + ".md"}, Nodes: nodes, Edges: edges}
	}
	covers := func(from, to Node, sources ...Source) Edge {
		return Edge{From: from.ID, To: to.ID, Rel: Covers, Sources: sources}
	}
	tests := []struct {
		name  string
		facts []*Facts
	}{
		{"no facts", nil},
		{"one empty interview", []*Facts{one("a", nil)}},
		{"empty facts among others", []*Facts{one("a", nil), one("b", []Node{ada, k8s}, covers(ada, k8s, src("b", 3))), one("c", nil)}},
		{"one interview", []*Facts{one("a", []Node{ada, bob, k8s}, covers(ada, k8s, src("a", 2)), covers(bob, k8s, src("a", 5)))}},
		{"duplicate IDs in one interview", []*Facts{one("a", []Node{ada, ada, {ID: ada.ID, Kind: Person, Name: "Ada L."}, k8s})}},
		{"duplicate IDs across interviews keep facts order", []*Facts{
			one("b", []Node{{ID: ada.ID, Kind: Person, Name: "Ada L.", Centrality: cent}, s3}),
			one("a", []Node{{ID: ada.ID, Kind: Organization, Name: "Ada"}, {ID: s3.ID, Kind: Service, Name: "Amazon S3", URL: "https://a.example"}}),
			one("c", []Node{{ID: ada.ID, Kind: Person, Name: "Ada L.", Aliases: []string{"Ada"}}}),
		}},
		{"edge endpoints missing everywhere", []*Facts{one("a", []Node{ada},
			Edge{From: ada.ID, To: "topic/nowhere", Rel: Covers, Sources: []Source{src("a", 1)}},
			Edge{From: "person/nobody", To: ada.ID, Rel: Recommends, Sources: []Source{src("a", 2)}},
			Edge{From: "person/nobody", To: "topic/nowhere", Rel: Mentions},
		)}},
		{"edge endpoints from another interview", []*Facts{
			one("a", []Node{ada}, covers(ada, k8s, src("a", 1)), Edge{From: s3.ID, To: ada.ID, Rel: PartOf, Sources: []Source{src("a", 4)}}),
			one("b", []Node{bob}),
			one("c", []Node{k8s, s3}),
		}},
		{"edges pool, sort and dedup sources", []*Facts{
			one("b", []Node{ada, k8s}, covers(ada, k8s, src("b", 9), src("b", 2), src("b", 9))),
			one("a", []Node{ada, k8s}, covers(ada, k8s, src("a", 7)), covers(ada, k8s, src("a", 7), src("a", 1))),
			one("c", []Node{ada, k8s}, covers(ada, k8s)),
		}},
		{"edges without sources", []*Facts{one("a", []Node{ada, bob},
			Edge{From: ada.ID, To: bob.ID, Rel: Recommends},
			Edge{From: bob.ID, To: ada.ID, Rel: Recommends, Sources: []Source{}},
		)}},
		{"relations ordered by name, unknown ones too", []*Facts{
			one("a", []Node{ada, bob},
				Edge{From: ada.ID, To: bob.ID, Rel: Recommends, Sources: []Source{src("a", 1)}},
				Edge{From: ada.ID, To: bob.ID, Rel: "zz_custom", Sources: []Source{src("a", 2)}},
				Edge{From: ada.ID, To: bob.ID, Rel: AffiliatedWith, Sources: []Source{src("a", 3)}}),
			one("b", []Node{ada, bob}, Edge{From: ada.ID, To: bob.ID, Rel: "", Sources: []Source{src("b", 1)}}),
		}},
		{"duplicate slugs", []*Facts{
			{Interview: InterviewInfo{Slug: "a", Path: "x/a.md"}, Nodes: []Node{ada, k8s}, Edges: []Edge{covers(ada, k8s, src("a", 1))}},
			{Interview: InterviewInfo{Slug: "a", Path: "y/a.md"}, Nodes: []Node{ada, k8s}, Edges: []Edge{covers(ada, k8s, src("a", 1), Source{Interview: "a", Line: 1, Why: "other"})}},
			one("0", []Node{bob}),
		}},
		{"empty ID and name", []*Facts{one("a", []Node{{}, ada}, Edge{From: "", To: ada.ID, Rel: Mentions, Sources: []Source{src("a", 1)}}), one("b", []Node{{Name: "x"}})}},
		{"the same facts twice", func() []*Facts {
			f := one("a", []Node{ada, k8s}, covers(ada, k8s, src("a", 1)))
			return []*Facts{f, f}
		}()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkMergePaths(t, tt.facts)
			rev := slices.Clone(tt.facts)
			slices.Reverse(rev)
			checkMergePaths(t, rev)
		})
	}
}

// TestMergeEmptyIsNotNil: an empty merge has empty, not nil, slices, as
// New gives them; DeepEqual tells the two apart.
func TestMergeEmptyIsNotNil(t *testing.T) {
	for _, workers := range []int{1, 2} {
		g := merge(nil, workers)
		if g.Nodes == nil || g.Edges == nil || g.Interviews == nil {
			t.Errorf("%d workers: nodes %#v, edges %#v, interviews %#v; want empty slices", workers, g.Nodes, g.Edges, g.Interviews)
		}
	}
}

// shape sizes synthesised facts.
type shape struct {
	interviews int
	pool       int     // distinct entities beside the guests
	nodes      int     // entities named per interview
	skew       float64 // of the Zipf draw of entities: a few are named everywhere
	repeats    int     // interviews in a thousand that reuse the first one's slug
}

// corpusShape is a 10,000-interview corpus as corpus.Generate writes it
// and extract reads it: 442k node contributions of 28k IDs, 538k edge
// contributions in 337k edges and 604k sources (measured once with
// corpus.New(10000, 1)); synthFacts(corpusShape, 1) gives 438k of 34k IDs,
// 536k in 321k edges and 619k sources. The graph tests cannot import
// corpus, which imports graph.
var corpusShape = shape{interviews: 10000, pool: 18000, nodes: 42, skew: 1.25}

// synthFacts makes facts shaped like an extracted corpus, in a random
// order, with what real input can hold: names given differently, aliases,
// repeated nodes and sources, a few endpoints no interview has, a few
// centralities and, if the shape says so, slugs used twice.
func synthFacts(sh shape, seed uint64) []*Facts {
	r := rand.New(rand.NewPCG(seed, 7))
	zipf := rand.NewZipf(r, sh.skew, 2, uint64(sh.pool-1))
	kinds := []Kind{Service, Topic, Organization, Person}
	rels := []Rel{Covers, Mentions, Recommends, AffiliatedWith, ProvidedBy, PartOf}
	whys := []string{"", "listed under a resources heading", "named in an answer"}
	entity := func(k int) Node {
		kind := kinds[k%len(kinds)]
		name := fmt.Sprintf("%s %d", kind, k)
		n := Node{ID: NodeID(kind, name), Kind: kind, Name: name}
		switch r.IntN(8) {
		case 0:
			n.Name = fmt.Sprintf("%s #%d", kind, k)
		case 1:
			n.Aliases = []string{fmt.Sprintf("%d", k), name}
		case 2:
			n.URL = fmt.Sprintf("https://%d.example/%d", r.IntN(3), k)
		case 3:
			if r.IntN(50) == 0 {
				n.Centrality = &Centrality{Degree: r.IntN(9)}
			}
		}
		return n
	}
	facts := make([]*Facts, sh.interviews)
	for i := range facts {
		slug := fmt.Sprintf("guest-%05d", i)
		if r.IntN(1000) < sh.repeats {
			slug = "guest-00000" // two files claim one slug
		}
		guest := Node{ID: "person/" + slug, Kind: Person, Name: "Guest " + slug}
		interview := Node{ID: "interview/" + slug, Kind: Interview, Name: slug}
		f := &Facts{Interview: InterviewInfo{Slug: slug, Path: fmt.Sprintf("%05d/index.md", i), Guest: guest.ID}, Nodes: []Node{interview, guest}}
		line := 10
		source := func() Source {
			line += 1 + r.IntN(3)
			return Source{Interview: slug, Line: line, Text: fmt.Sprintf("text %d", r.IntN(40)), Why: whys[r.IntN(len(whys))]}
		}
		f.Edges = append(f.Edges, Edge{From: interview.ID, To: guest.ID, Rel: Features, Sources: []Source{source()}})
		edge := func(from, to string) {
			e := Edge{From: from, To: to, Rel: rels[r.IntN(len(rels))], Sources: []Source{source()}}
			if r.IntN(8) == 0 {
				e.Sources = append(e.Sources, source())
			}
			if r.IntN(30) == 0 {
				e.Sources = append(e.Sources, e.Sources[0])
			}
			f.Edges = append(f.Edges, e)
		}
		drawn := make([]int, r.IntN(sh.nodes)+sh.nodes/2)
		for k := range drawn {
			drawn[k] = int(zipf.Uint64())
			f.Nodes = append(f.Nodes, entity(drawn[k]))
			if r.IntN(100) < 74 {
				edge(guest.ID, f.Nodes[len(f.Nodes)-1].ID)
			}
		}
		// Between named entities and the most popular one named: popular
		// pairs recur across interviews, as services and their providers do.
		top := entity(slices.Min(drawn)).ID
		for k := range drawn {
			if r.IntN(100) < 52 {
				edge(f.Nodes[2+k].ID, top)
			}
		}
		if r.IntN(100) == 0 {
			f.Edges = append(f.Edges, Edge{From: guest.ID, To: "topic/unheard-of", Rel: Covers, Sources: []Source{source()}})
		}
		facts[i] = f
	}
	r.Shuffle(len(facts), func(i, j int) { facts[i], facts[j] = facts[j], facts[i] })
	return facts
}

// TestMergePathsAgreeOnCorpora compares the paths on corpus-shaped facts
// of several seeds and sizes.
func TestMergePathsAgreeOnCorpora(t *testing.T) {
	for _, tt := range []struct {
		name string
		sh   shape
		seed uint64
	}{
		{"400 interviews", shape{interviews: 400, pool: 3000, nodes: 42, skew: 1.25}, 1},
		{"400 interviews, other seed", shape{interviews: 400, pool: 3000, nodes: 42, skew: 1.25}, 2},
		{"400 interviews, repeated slugs", shape{interviews: 400, pool: 3000, nodes: 42, skew: 1.25, repeats: 20}, 3},
		{"300 interviews, few entities", shape{interviews: 300, pool: 50, nodes: 20, skew: 1.1, repeats: 5}, 4},
		{"50 interviews, all distinct", shape{interviews: 50, pool: 100000, nodes: 10, skew: 3}, 5},
	} {
		t.Run(tt.name, func(t *testing.T) {
			facts := synthFacts(tt.sh, tt.seed)
			if contributions(facts) < 1000 {
				t.Fatalf("only %d contributions: the shape is too small to split", contributions(facts))
			}
			checkMergePaths(t, facts)
		})
	}
}

// TestMergeChoosesPath: small inputs stay on one goroutine.
func TestMergeChoosesPath(t *testing.T) {
	small := synthFacts(shape{interviews: 20, pool: 100, nodes: 10, skew: 1.2}, 1)
	large := synthFacts(shape{interviews: 400, pool: 3000, nodes: 42, skew: 1.25}, 1)
	if n := contributions(small); n >= minParallelMerge {
		t.Errorf("small input has %d contributions, want fewer than %d", n, minParallelMerge)
	}
	if n := contributions(large); n < minParallelMerge {
		t.Errorf("large input has %d contributions, want at least %d", n, minParallelMerge)
	}
	checkSameGraph(t, "Merge of the large input", Merge(large...), merge(large, 1))
}

// BenchmarkMergeCorpus merges corpus-shaped facts of 10,000 interviews:
// "sequential" is the one-goroutine path, "parallel" what Merge does with
// GOMAXPROCS processors.
func BenchmarkMergeCorpus(b *testing.B) {
	facts := synthFacts(corpusShape, 1)
	var parts, edges int
	for _, f := range facts {
		parts += len(f.Nodes)
		edges += len(f.Edges)
	}
	for _, bb := range []struct {
		name  string
		merge func() *Graph
	}{
		{"sequential", func() *Graph { return merge(facts, 1) }},
		{"parallel", func() *Graph { return Merge(facts...) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportMetric(float64(parts), "parts")
			b.ReportMetric(float64(edges), "contributions")
			for b.Loop() {
				bb.merge()
			}
		})
	}
}

// mergeNodesByMaps is MergeNodes written the plain way: count the names
// given, list the rest.
func mergeNodesByMaps(parts []Node) Node {
	out := Node{ID: parts[0].ID, Kind: parts[0].Kind}
	votes := map[string]int{}
	named := map[string]bool{}
	for _, p := range parts {
		votes[p.Name]++
		named[p.Name] = true
		for _, a := range p.Aliases {
			named[a] = true
		}
		if p.URL != "" && (out.URL == "" || p.URL < out.URL) {
			out.URL = p.URL
		}
		if p.Centrality != nil {
			out.Centrality = p.Centrality
		}
	}
	most := 0
	for _, v := range votes {
		most = max(most, v)
	}
	var top []string
	for name, v := range votes {
		if v == most {
			top = append(top, name)
		}
	}
	slices.Sort(top)
	out.Name = top[0]
	if out.Name == "" && len(top) > 1 {
		out.Name = top[1]
	}
	for a := range named {
		if a != "" && a != out.Name {
			out.Aliases = append(out.Aliases, a)
		}
	}
	slices.Sort(out.Aliases)
	return out
}

func TestMergeNodes(t *testing.T) {
	c1, c2 := &Centrality{Degree: 1}, &Centrality{Degree: 2}
	named := func(names ...string) []Node {
		var ns []Node
		for _, n := range names {
			ns = append(ns, Node{ID: "topic/x", Kind: Topic, Name: n})
		}
		return ns
	}
	var many []string
	for i := range 3 * maxScannedNames {
		many = append(many, fmt.Sprintf("name %02d", i%(2*maxScannedNames)))
	}
	tests := []struct {
		name  string
		parts []Node
		want  Node
	}{
		{"one part cleans its aliases",
			[]Node{{ID: "topic/k", Kind: Topic, Name: "K8s", Aliases: []string{"k8s", "", "K8s", "Kube", "k8s"}, URL: "u", Centrality: c1}},
			Node{ID: "topic/k", Kind: Topic, Name: "K8s", Aliases: []string{"Kube", "k8s"}, URL: "u", Centrality: c1}},
		{"most given name wins", named("b", "a", "b"), Node{ID: "topic/x", Kind: Topic, Name: "b", Aliases: []string{"a"}}},
		{"ties go to the smallest name", named("b", "c", "a", "c", "b", "a"), Node{ID: "topic/x", Kind: Topic, Name: "a", Aliases: []string{"b", "c"}}},
		{"the empty name loses ties", named("", "b", "", "b"), Node{ID: "topic/x", Kind: Topic, Name: "b"}},
		{"the empty name wins with more votes", named("", "b", ""), Node{ID: "topic/x", Kind: Topic, Name: "", Aliases: []string{"b"}}},
		{"aliases do not vote", []Node{
			{ID: "topic/x", Name: "b", Aliases: []string{"a", "a"}},
			{ID: "topic/x", Name: "c", Aliases: []string{"a"}},
		}, Node{ID: "topic/x", Name: "b", Aliases: []string{"a", "c"}}},
		{"first ID and kind, last centrality, smallest URL", []Node{
			{ID: "topic/x", Kind: Topic, Name: "x", Centrality: c1, URL: "https://b"},
			{ID: "topic/x", Kind: Service, Name: "x", Centrality: c2},
			{ID: "topic/x", Kind: Person, Name: "x", URL: "https://a"},
		}, Node{ID: "topic/x", Kind: Topic, Name: "x", URL: "https://a", Centrality: c2}},
		{"more names than are scanned", named(many...),
			Node{ID: "topic/x", Kind: Topic, Name: "name 00", Aliases: slices.Compact(slices.Sorted(slices.Values(many)))[1:]}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MergeNodes(tt.parts)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("MergeNodes = %+v, want %+v", got, tt.want)
			}
			if by := mergeNodesByMaps(tt.parts); !reflect.DeepEqual(got, by) {
				t.Errorf("MergeNodes = %+v, counting by maps gives %+v", got, by)
			}
		})
	}
}

// FuzzMergeNodes reads parts from bytes: the top two bits of a byte start
// a part with a name, add an alias, set a URL or set a centrality; the
// rest choose the string.
func FuzzMergeNodes(f *testing.F) {
	for _, seed := range []string{"\x00", "\x01\x02\x01", "\x05\x45\x46\x05\x80\xc0\x05", "\x00\x01\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		word := func(b byte) string {
			if b&31 == 0 {
				return ""
			}
			return string(rune('a' + b&31%24))
		}
		parts := []Node{{ID: "topic/x", Kind: Topic}}
		for _, b := range data {
			p := &parts[len(parts)-1]
			switch b >> 6 {
			case 0:
				parts = append(parts, Node{ID: "topic/x", Kind: Kind(word(b >> 3)), Name: word(b)})
			case 1:
				p.Aliases = append(p.Aliases, word(b))
			case 2:
				p.URL = word(b)
			case 3:
				p.Centrality = &Centrality{Degree: int(b & 63)}
			}
		}
		before := cloneFacts([]*Facts{{Nodes: parts}})
		got, want := MergeNodes(parts), mergeNodesByMaps(parts)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("MergeNodes(%+v) = %+v, counting by maps gives %+v", parts, got, want)
		}
		if !reflect.DeepEqual(before[0].Nodes, parts) {
			t.Errorf("MergeNodes modified its parts")
		}
	})
}

// TestMergeKeepsSortedSources: an edge only one interview gives keeps
// that interview's sources when they are sorted without repeats, capped
// so that appending to them copies; any other edge's are Merge's own.
func TestMergeKeepsSortedSources(t *testing.T) {
	ada := Node{ID: NodeID(Person, "Ada"), Kind: Person, Name: "Ada"}
	k8s := Node{ID: NodeID(Service, "Kubernetes"), Kind: Service, Name: "Kubernetes"}
	covers := func(sources ...Source) Edge { return Edge{From: ada.ID, To: k8s.ID, Rel: Covers, Sources: sources} }
	one := func(slug string, e Edge) *Facts {
		return &Facts{Interview: InterviewInfo{Slug: slug, Path: slug + ".md"}, Nodes: []Node{ada, k8s}, Edges: []Edge{e}}
	}
	tests := []struct {
		name    string
		sources []Source
		others  []*Facts // more interviews giving the same edge
		shared  bool
	}{
		{"sorted, one interview", []Source{src("a", 1), src("a", 5)}, nil, true},
		{"out of order", []Source{src("a", 5), src("a", 1)}, nil, false},
		{"repeated", []Source{src("a", 1), src("a", 1)}, nil, false},
		{"given by two interviews", []Source{src("a", 1)}, []*Facts{one("b", covers(src("b", 2)))}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			given := make([]Source, len(tt.sources), len(tt.sources)+4) // room to append into
			copy(given, tt.sources)
			before := slices.Clone(given)
			f := one("a", covers(given...))
			for _, workers := range []int{1, 4} {
				g := merge(append([]*Facts{f}, tt.others...), workers)
				got := g.Edges[0].Sources
				shared := &got[0] == &given[0]
				if shared != tt.shared {
					t.Fatalf("workers %d: sources shared with the facts = %v, want %v", workers, shared, tt.shared)
				}
				if shared && cap(got) != len(got) {
					t.Errorf("workers %d: merged sources have room to append (len %d, cap %d): an append would write into the facts", workers, len(got), cap(got))
				}
				if !slices.Equal(given, before) {
					t.Errorf("workers %d: Merge changed the facts' sources: %v, was %v", workers, given, before)
				}
			}
		})
	}
}

func TestSourcesDeduped(t *testing.T) {
	tests := []struct {
		name string
		ss   []Source
		want bool
	}{
		{"none", nil, true},
		{"one", []Source{src("a", 1)}, true},
		{"sorted", []Source{src("a", 1), src("a", 2), src("b", 1)}, true},
		{"out of order", []Source{src("a", 2), src("a", 1)}, false},
		{"repeated", []Source{src("a", 1), src("a", 1)}, false},
		{"same line, reasons in order", []Source{{Interview: "a", Line: 1, Why: "x"}, {Interview: "a", Line: 1, Why: "y"}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SourcesDeduped(tt.ss); got != tt.want {
				t.Errorf("SourcesDeduped = %v, want %v", got, tt.want)
			}
			// It agrees with what DedupSources does.
			deduped := DedupSources(slices.Clone(tt.ss))
			if same := slices.Equal(deduped, tt.ss); same != tt.want {
				t.Errorf("DedupSources changed the list: %v, but SourcesDeduped says %v", !same, tt.want)
			}
		})
	}
}
