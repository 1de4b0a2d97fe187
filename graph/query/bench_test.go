package query

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// The shape of the generated benchmark graph: about as large as 10,000
// interviews would make it (≈50k nodes).
const (
	benchInterviews = 10_000
	benchPeople     = 20_000 // recommended people, besides the guests
	benchOrgs       = 3_000
	benchServices   = 5_000
	benchTopics     = 2_000
)

var benchGraph = sync.OnceValue(func() *graph.Graph { return generateGraph(benchInterviews) })

// generateGraph builds a graph of n interviews: each guest is affiliated
// with an organization, mentions five subjects and recommends four people,
// each for one or two subjects. Subjects are drawn from a Zipf law, so a
// few (subject 0, "Kubernetes") are very popular, as real topics are.
func generateGraph(n int) *graph.Graph {
	r := rand.New(rand.NewPCG(1, 2))
	subjects := benchServices + benchTopics
	zipf := rand.NewZipf(r, 1.2, 8, uint64(subjects-1))
	subject := func() graph.Node {
		i := int(zipf.Uint64())
		if i == 0 {
			return graph.Node{ID: "service/kubernetes", Kind: graph.Service, Name: "Kubernetes", Aliases: []string{"K8s"}}
		}
		if i < benchServices {
			return node(graph.Service, fmt.Sprintf("Service %d", i))
		}
		return node(graph.Topic, fmt.Sprintf("Topic %d", i))
	}
	org := func() graph.Node { return node(graph.Organization, fmt.Sprintf("Org %d", r.IntN(benchOrgs))) }
	facts := make([]*graph.Facts, n)
	for k := range facts {
		slug := fmt.Sprintf("interview-%05d", k)
		f := &graph.Facts{}
		line := 0
		add := func(from graph.Node, rel graph.Rel, to graph.Node) {
			line++
			f.Nodes = append(f.Nodes, from, to)
			f.Edges = append(f.Edges, graph.Edge{From: from.ID, To: to.ID, Rel: rel, Sources: []graph.Source{{
				Interview: slug, Line: line, Text: fmt.Sprintf("%s %s %s", from.Name, rel, to.Name),
			}}})
		}
		iv := graph.Node{ID: graph.NodeID(graph.Interview, slug), Kind: graph.Interview, Name: slug}
		guest := node(graph.Person, fmt.Sprintf("Guest %d", k))
		f.Interview = graph.InterviewInfo{Slug: slug, Guest: guest.ID}
		add(iv, graph.Features, guest)
		add(guest, graph.AffiliatedWith, org())
		for range 5 {
			s := subject()
			add(guest, graph.Mentions, s)
			if s.Kind == graph.Service {
				add(s, graph.ProvidedBy, providerOf(s))
			}
		}
		for range 4 {
			p := node(graph.Person, fmt.Sprintf("Person %d", r.IntN(benchPeople)))
			add(guest, graph.Recommends, p)
			for range 1 + r.IntN(2) {
				add(p, graph.Covers, subject())
			}
			if r.IntN(2) == 0 {
				add(p, graph.AffiliatedWith, org())
			}
		}
		facts[k] = f
	}
	g := graph.Merge(facts...)
	g.Analytics = &graph.Analytics{Communities: 1}
	for i := range g.Nodes {
		g.Nodes[i].Centrality = &graph.Centrality{PageRank: r.Float64()}
	}
	return g
}

// providerOf gives every generated service one provider, as in life.
func providerOf(service graph.Node) graph.Node {
	var i int
	fmt.Sscanf(service.Name, "Service %d", &i)
	return node(graph.Organization, fmt.Sprintf("Org %d", i%benchOrgs))
}

func node(k graph.Kind, name string) graph.Node {
	return graph.Node{ID: graph.NodeID(k, name), Kind: k, Name: name}
}

// BenchmarkWhoCovers answers who-covers on the generated graph for the
// subjects (services and topics) at the median, 90th and 99th percentile
// of in-degree, and for the most popular one.
func BenchmarkWhoCovers(b *testing.B) {
	g := benchGraph()
	b.Logf("graph: %d nodes, %d edges, %d interviews", len(g.Nodes), len(g.Edges), len(g.Interviews))
	var subjects []int
	for i, n := range g.Nodes {
		if n.Kind == graph.Service || n.Kind == graph.Topic {
			subjects = append(subjects, i)
		}
	}
	sort.SliceStable(subjects, func(x, y int) bool { return len(g.In(subjects[x])) < len(g.In(subjects[y])) })
	at := func(p float64) string { return g.Nodes[subjects[int(p*float64(len(subjects)-1))]].ID }
	for _, bc := range []struct {
		name, topic string
		opts        WhoCoversOptions
	}{
		{"median", at(0.5), WhoCoversOptions{}},
		{"p90", at(0.9), WhoCoversOptions{}},
		{"p99", at(0.99), WhoCoversOptions{}},
		{"p99-limit-10", at(0.99), WhoCoversOptions{Limit: 10}},
		{"most-popular", "k8s", WhoCoversOptions{}},
		{"most-popular-limit-10", "k8s", WhoCoversOptions{Limit: 10}},
		{"most-popular-text-evidence", "k8s", WhoCoversOptions{Evidence: TextEvidence}},
		{"most-popular-limit-10-text-evidence", "k8s", WhoCoversOptions{Limit: 10, Evidence: TextEvidence}},
		{"broad-org", "Org 7", WhoCoversOptions{Broad: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			res, err := WhoCovers(g, bc.topic, bc.opts)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(float64(len(g.In(g.Index(res.Topic.ID)))), "in-edges")
			b.ReportMetric(float64(len(res.Answers)), "answers")
			for b.Loop() {
				if _, err := WhoCovers(g, bc.topic, bc.opts); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkResolveNotFound measures the fuzzy suggestions a typo costs.
func BenchmarkResolveNotFound(b *testing.B) {
	g := benchGraph()
	for b.Loop() {
		if _, err := Resolve(g, "kuberntes"); err == nil {
			b.Fatal("resolved a typo")
		}
	}
}

// BenchmarkTop ranks the generated graph's people by PageRank: the first
// ten, as a build's summary asks, and all of them.
func BenchmarkTop(b *testing.B) {
	g := benchGraph()
	for _, limit := range []int{10, 0} {
		b.Run(fmt.Sprintf("limit-%d", limit), func(b *testing.B) {
			for b.Loop() {
				if _, err := Top(g, graph.Person, "pagerank", limit); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
