// Package testgraph generates deterministic people–topic graphs for the
// analytics tests and benchmarks, and reads and writes them as the
// edge-list JSON that testdata/make_reference.py feeds to networkx.
//
// Generated graphs look like a blog's interview graph at scale: a minority
// of people are interviewed and produce most edges, and popularity is
// skewed (a few topics, services and people collect most links), so degree
// distributions are heavy-tailed as in the real data.
package testgraph

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Config describes a generated graph.
type Config struct {
	// Nodes is the number of non-interview nodes (the analytics graph's
	// size); interview nodes for interviewed people come on top.
	Nodes int
	// Edges is the number of distinct non-features edges to aim for; the
	// generator stops early only when it cannot find new pairs.
	Edges int
	Seed  uint64
}

// Share of each kind among the non-interview nodes.
var kindShare = []struct {
	kind  graph.Kind
	share float64
}{
	{graph.Person, 0.40},
	{graph.Topic, 0.25},
	{graph.Service, 0.20},
	{graph.Organization, 0.15},
}

// An edge recipe: a relation, the kinds it starts and ends at, and how
// often it is drawn.
type recipe struct {
	rel    graph.Rel
	from   graph.Kind
	to     []graph.Kind
	weight float64
}

var recipes = []recipe{
	{graph.Recommends, graph.Person, []graph.Kind{graph.Person, graph.Person, graph.Person, graph.Service, graph.Organization}, 0.25},
	{graph.Covers, graph.Person, []graph.Kind{graph.Topic, graph.Topic, graph.Service, graph.Organization}, 0.30},
	{graph.Mentions, graph.Person, []graph.Kind{graph.Person, graph.Topic, graph.Service, graph.Organization}, 0.20},
	{graph.AffiliatedWith, graph.Person, []graph.Kind{graph.Organization}, 0.10},
	{graph.ProvidedBy, graph.Service, []graph.Kind{graph.Organization}, 0.08},
	{graph.PartOf, graph.Topic, []graph.Kind{graph.Topic}, 0.04},
	{graph.PartOf, graph.Service, []graph.Kind{graph.Service}, 0.03},
}

// picker draws indices with probability proportional to fixed weights.
type picker struct {
	cum []float64
}

// zipfPicker weights rank r by 1/(r+1)^s, giving a heavy-tailed draw.
func zipfPicker(n int, s float64) picker {
	cum := make([]float64, n)
	var total float64
	for r := range n {
		total += 1 / math.Pow(float64(r+1), s)
		cum[r] = total
	}
	return picker{cum: cum}
}

func (p picker) pick(rng *rand.Rand) int {
	x := rng.Float64() * p.cum[len(p.cum)-1]
	return sort.SearchFloat64s(p.cum, x)
}

// Generate builds the nodes, edges and interviews of a graph described by
// cfg. The same cfg always gives the same graph.
func Generate(cfg Config) ([]graph.Node, []graph.Edge, []graph.InterviewInfo) {
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x7065_6f70_6c65))
	byKind := map[graph.Kind][]string{}
	var nodes []graph.Node
	left := cfg.Nodes
	for i, ks := range kindShare {
		count := int(math.Round(ks.share * float64(cfg.Nodes)))
		if i == len(kindShare)-1 || count > left {
			count = left
		}
		left -= count
		for j := range count {
			name := fmt.Sprintf("%s %05d", ks.kind, j)
			n := graph.Node{ID: graph.NodeID(ks.kind, name), Kind: ks.kind, Name: name}
			nodes = append(nodes, n)
			byKind[ks.kind] = append(byKind[ks.kind], n.ID)
		}
	}
	// Shuffle each kind so that popularity rank is unrelated to ID order.
	pickers := map[graph.Kind]picker{}
	for _, ks := range kindShare {
		ids := byKind[ks.kind]
		rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
		if len(ids) > 0 {
			pickers[ks.kind] = zipfPicker(len(ids), 1.0)
		}
	}
	// Sources are drawn from a steeper distribution than targets: the
	// interviewed minority writes most of the edges.
	people := byKind[graph.Person]
	active := zipfPicker(max(len(people), 1), 1.2)

	var interviews []graph.InterviewInfo
	var edges []graph.Edge
	seen := map[graph.EdgeKey]bool{}
	interviewed := max(len(people)/10, min(len(people), 1))
	for i := range interviewed {
		slug := graph.Slug(people[i])
		iid := graph.NodeID(graph.Interview, slug)
		nodes = append(nodes, graph.Node{ID: iid, Kind: graph.Interview, Name: slug})
		interviews = append(interviews, graph.InterviewInfo{Slug: slug, Path: "content/blog/" + slug + "/index.md", Guest: people[i]})
		edges = append(edges, graph.Edge{From: iid, To: people[i], Rel: graph.Features, Sources: []graph.Source{{Interview: slug, Line: 1}}})
	}

	var total float64
	for _, r := range recipes {
		total += r.weight
	}
	made := 0
	for attempts := 0; made < cfg.Edges && attempts < 50*cfg.Edges; attempts++ {
		r := pickRecipe(rng, total)
		from, ok := draw(rng, r.from, byKind, pickers, people, active)
		if !ok {
			continue
		}
		toKind := r.to[rng.IntN(len(r.to))]
		to, ok := draw(rng, toKind, byKind, pickers, nil, picker{})
		if !ok || to == from {
			continue
		}
		k := graph.EdgeKey{From: from, Rel: r.rel, To: to}
		if seen[k] {
			continue
		}
		seen[k] = true
		slug := interviewSlug(rng, interviews)
		edges = append(edges, graph.Edge{From: from, To: to, Rel: r.rel, Sources: []graph.Source{{Interview: slug, Line: 1 + rng.IntN(200)}}})
		made++
	}
	return nodes, edges, interviews
}

func pickRecipe(rng *rand.Rand, total float64) recipe {
	x := rng.Float64() * total
	for _, r := range recipes {
		if x < r.weight {
			return r
		}
		x -= r.weight
	}
	return recipes[len(recipes)-1]
}

// draw picks a node of kind k: people who write edges from the activity
// distribution, everything else from popularity.
func draw(rng *rand.Rand, k graph.Kind, byKind map[graph.Kind][]string, pickers map[graph.Kind]picker, people []string, active picker) (string, bool) {
	if people != nil && k == graph.Person {
		return people[active.pick(rng)], true
	}
	ids := byKind[k]
	if len(ids) == 0 {
		return "", false
	}
	return ids[pickers[k].pick(rng)], true
}

func interviewSlug(rng *rand.Rand, interviews []graph.InterviewInfo) string {
	if len(interviews) == 0 {
		return "generated"
	}
	return interviews[rng.IntN(len(interviews))].Slug
}

// SeedLike is a small hand-made graph resembling the seed interview: one
// interviewed cloud architect who recommends 24 people, covers cloud
// topics and services, and works with a few organisations, plus the
// little structure around them that other interviews would add.
func SeedLike() ([]graph.Node, []graph.Edge, []graph.InterviewInfo) {
	const slug = "lynn-langit"
	guest := graph.NodeID(graph.Person, "Lynn Langit")
	b := builder{slug: slug}
	b.node(graph.Interview, slug)
	b.node(graph.Person, "Lynn Langit")
	b.edge(graph.NodeID(graph.Interview, slug), graph.Features, guest)
	for i := 1; i <= 24; i++ {
		p := b.node(graph.Person, fmt.Sprintf("Recommended Person %02d", i))
		b.edge(guest, graph.Recommends, p)
	}
	topics := []string{"serverless", "bioinformatics", "data pipelines", "genomics", "machine learning", "visualizing serverless systems"}
	for _, t := range topics {
		b.edge(guest, graph.Covers, b.node(graph.Topic, t))
	}
	services := map[string]string{
		"AWS Lambda": "AWS", "Amazon S3": "AWS", "Amazon DynamoDB": "AWS", "Amazon API Gateway": "AWS",
		"Google App Engine": "Google Cloud", "BigQuery": "Google Cloud", "Cloud Vision API": "Google Cloud",
		"Azure Functions": "Microsoft Azure",
	}
	names := make([]string, 0, len(services))
	for s := range services {
		names = append(names, s)
	}
	sort.Strings(names)
	for i, s := range names {
		sid := b.node(graph.Service, s)
		oid := b.node(graph.Organization, services[s])
		b.edge(sid, graph.ProvidedBy, oid)
		rel := graph.Covers
		if i%3 == 2 {
			rel = graph.Mentions
		}
		b.edge(guest, rel, sid)
	}
	b.edge(guest, graph.AffiliatedWith, b.node(graph.Organization, "Lynn Langit Consulting"))
	b.edge(b.node(graph.Topic, "genomics"), graph.PartOf, b.node(graph.Topic, "bioinformatics"))
	// A few recommended people are known for something themselves, so the
	// graph is more than a star.
	for i, o := range []string{"AWS", "Google Cloud", "Microsoft Azure", "AWS", "Google Cloud"} {
		p := graph.NodeID(graph.Person, fmt.Sprintf("Recommended Person %02d", 2*i+1))
		b.edge(p, graph.AffiliatedWith, b.node(graph.Organization, o))
		b.edge(p, graph.Covers, b.node(graph.Topic, topics[i%len(topics)]))
	}
	// Two recommended people recommend each other, and one of them
	// recommends the guest back.
	p1 := graph.NodeID(graph.Person, "Recommended Person 01")
	p2 := graph.NodeID(graph.Person, "Recommended Person 02")
	b.edge(p1, graph.Recommends, p2)
	b.edge(p2, graph.Recommends, p1)
	b.edge(p2, graph.Recommends, guest)
	b.edge(guest, graph.Mentions, b.node(graph.Person, "Mentioned Colleague"))
	info := graph.InterviewInfo{Slug: slug, Path: "content/blog/" + slug + "/index.md", Guest: guest}
	return b.nodes, b.edges, []graph.InterviewInfo{info}
}

type builder struct {
	slug  string
	nodes []graph.Node
	edges []graph.Edge
	have  map[string]bool
	line  int
}

func (b *builder) node(k graph.Kind, name string) string {
	id := graph.NodeID(k, name)
	if b.have == nil {
		b.have = map[string]bool{}
	}
	if !b.have[id] {
		b.have[id] = true
		b.nodes = append(b.nodes, graph.Node{ID: id, Kind: k, Name: name})
	}
	return id
}

func (b *builder) edge(from string, rel graph.Rel, to string) {
	b.line++
	b.edges = append(b.edges, graph.Edge{From: from, To: to, Rel: rel, Sources: []graph.Source{{Interview: b.slug, Line: b.line}}})
}
