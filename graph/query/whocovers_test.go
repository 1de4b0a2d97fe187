package query

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestWhoCovers(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name  string
		topic string
		opts  WhoCoversOptions
		topID string
		// tiers lists the names expected at each tier, in order.
		covers, affiliated, mentions []string
		includes                     []string // IDs Broad adds
	}{
		{
			name: "kubernetes", topic: "kubernetes", topID: "service/kubernetes",
			covers:   []string{"Kelsey Hightower", "Bridget Kromhout"},
			mentions: []string{"Lynn Langit", "Priya Raman"},
		},
		{
			name: "alias k8s", topic: "K8s", topID: "service/kubernetes",
			covers:   []string{"Kelsey Hightower", "Bridget Kromhout"},
			mentions: []string{"Lynn Langit", "Priya Raman"},
		},
		{
			// Degree breaks the tie: Rachel Tatman has two affiliations.
			name: "machine learning", topic: "machine learning", topID: "topic/machine-learning",
			covers:   []string{"Rachel Tatman", "Laurence Moroney", "Sara Robinson"},
			mentions: []string{"Lynn Langit"},
		},
		{
			name: "security", topic: "Security", topID: "topic/security",
			covers:   []string{"Teri Radichel", "Troy Hunt"},
			mentions: []string{"Lynn Langit"},
		},
		{
			name: "devops", topic: "devops", topID: "topic/devops",
			covers:   []string{"Nicole Forsgren", "Paul Stack"},
			mentions: []string{"Lynn Langit"},
		},
		{
			name: "an organization", topic: "AWS", topID: "organization/aws",
			// Degree first: Corey Quinn, Forrest Brazeal and Teri
			// Radichel each cover a second topic.
			covers:     []string{"Corey Quinn", "Forrest Brazeal", "Teri Radichel", "Eric Hammond", "Gojko Adzic", "Mike Roberts"},
			affiliated: []string{"Priya Raman", "Adrian Cockcroft", "Jeff Barr"},
			mentions:   []string{"Lynn Langit"},
		},
		{
			// Priya Raman covers Lambda, part of AWS: broad lifts her
			// from affiliated to covers.
			name: "broad organization", topic: "AWS", opts: WhoCoversOptions{Broad: true}, topID: "organization/aws",
			covers:     []string{"Priya Raman", "Corey Quinn", "Forrest Brazeal", "Teri Radichel", "Eric Hammond", "Gojko Adzic", "Mike Roberts"},
			affiliated: []string{"Adrian Cockcroft", "Jeff Barr"},
			mentions:   []string{"Lynn Langit"},
			includes:   []string{"service/api-gateway", "service/dynamodb", "service/iam", "service/lambda", "service/s3"},
		},
		{
			name: "service with a provider", topic: "Lambda", topID: "service/lambda",
			covers:     []string{"Priya Raman"},
			affiliated: []string{"Adrian Cockcroft", "Jeff Barr"},
			mentions:   []string{"Lynn Langit"},
		},
		{
			name: "limit", topic: "aws", opts: WhoCoversOptions{Limit: 2}, topID: "organization/aws",
			covers: []string{"Corey Quinn", "Forrest Brazeal"},
		},
		{
			// Colaboratory covers machine learning too, but is no person.
			name: "nobody", topic: "TensorFlow", topID: "service/tensorflow",
			covers: []string{"DynamicWebpaige"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := WhoCovers(g, tt.topic, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if res.Topic.ID != tt.topID {
				t.Fatalf("topic %s, want %s", res.Topic.ID, tt.topID)
			}
			for _, tier := range []struct {
				n    int
				want []string
			}{{TierCovers, tt.covers}, {TierAffiliated, tt.affiliated}, {TierMentions, tt.mentions}} {
				if got := tierNames(res.Answers, tier.n); !slices.Equal(got, tier.want) {
					t.Errorf("tier %d = %q, want %q", tier.n, got, tier.want)
				}
			}
			var inc []string
			for _, c := range res.Includes {
				inc = append(inc, c.ID)
			}
			if !slices.Equal(inc, tt.includes) {
				t.Errorf("includes %v, want %v", inc, tt.includes)
			}
			for i, a := range res.Answers {
				if a.Rank != i+1 {
					t.Errorf("answer %d has rank %d", i, a.Rank)
				}
				if len(a.Evidence) == 0 {
					t.Errorf("%s: no evidence", a.Person.Name)
				}
				for _, ev := range a.Evidence {
					if ev.Interview == "" || ev.Line < 1 || ev.SaidBy == nil {
						t.Errorf("%s: evidence %+v is not traceable", a.Person.Name, ev)
					}
				}
			}
		})
	}
}

func TestWhoCoversAliasGivesSameAnswer(t *testing.T) {
	g := fixtureGraph(t)
	a, err := WhoCovers(g, "Kubernetes", WhoCoversOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := WhoCovers(g, "k8s", WhoCoversOptions{})
	if err != nil {
		t.Fatal(err)
	}
	b.Query = a.Query
	if ta, tb := textOf(t, a), textOf(t, b); ta != tb {
		t.Errorf("k8s answers differently from Kubernetes:\n%s\n---\n%s", tb, ta)
	}
}

func TestWhoCoversEvidence(t *testing.T) {
	g := fixtureGraph(t)
	res, err := WhoCovers(g, "kubernetes", WhoCoversOptions{})
	if err != nil {
		t.Fatal(err)
	}
	kelsey := res.Answers[0]
	if kelsey.Reason != ReasonCovers || kelsey.Tier != TierCovers {
		t.Fatalf("Kelsey Hightower: tier %d %q", kelsey.Tier, kelsey.Reason)
	}
	want := []struct {
		interview, saidBy string
		line              int
	}{{"lynn-langit", "Lynn Langit", 65}, {"priya-raman", "Priya Raman", 20}}
	if len(kelsey.Evidence) != len(want) {
		t.Fatalf("evidence %+v, want %d items", kelsey.Evidence, len(want))
	}
	for i, w := range want {
		ev := kelsey.Evidence[i]
		if ev.Interview != w.interview || ev.Line != w.line || ev.SaidBy.Name != w.saidBy || ev.Rel != graph.Covers {
			t.Errorf("evidence %d = %s:%d said by %s (%s), want %s:%d said by %s (covers)",
				i, ev.Interview, ev.Line, ev.SaidBy.Name, ev.Rel, w.interview, w.line, w.saidBy)
		}
	}
	var buf bytes.Buffer
	if err := res.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	line := "Kelsey Hightower — recommended by Lynn Langit for Kubernetes (lynn-langit:65: **Kelsey Hightower (Google)** - Kubernetes)"
	if !strings.Contains(buf.String(), line) {
		t.Errorf("text lacks %q:\n%s", line, buf.String())
	}
}

func TestWhoCoversRanksByPageRank(t *testing.T) {
	g := fixtureGraph(t)
	setCentrality(t, g, map[string]graph.Centrality{
		"person/kelsey-hightower": {PageRank: 0.01},
		"person/bridget-kromhout": {PageRank: 0.02},
		"person/lynn-langit":      {PageRank: 0.05},
		"person/priya-raman":      {PageRank: 0.06},
	})
	res, err := WhoCovers(g, "kubernetes", WhoCoversOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.ScoreBy != "pagerank" {
		t.Errorf("score by %s, want pagerank", res.ScoreBy)
	}
	want := []string{"Bridget Kromhout", "Kelsey Hightower", "Priya Raman", "Lynn Langit"}
	if got := names(res.Answers); !slices.Equal(got, want) {
		t.Errorf("answers %q, want %q", got, want)
	}
	if res.Answers[0].Score != 0.02 {
		t.Errorf("score %v, want Bridget Kromhout's PageRank 0.02", res.Answers[0].Score)
	}
}

func TestWhoCoversErrors(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name, topic string
		target      any
	}{
		{"typo", "kuberntes", new(*NotFoundError)},
		{"ambiguous", "serverless", new(*AmbiguousError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := WhoCovers(g, tt.topic, WhoCoversOptions{})
			if !errors.As(err, tt.target) {
				t.Fatalf("error %v, want %T", err, tt.target)
			}
		})
	}
	_, err := WhoCovers(g, "kuberntes", WhoCoversOptions{})
	var nf *NotFoundError
	if errors.As(err, &nf) && (len(nf.Suggestions) == 0 || nf.Suggestions[0].ID != "service/kubernetes") {
		t.Errorf("suggestions %v, want Kubernetes first", nf.Suggestions)
	}
}

func TestWhoCoversGolden(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name  string
		topic string
		opts  WhoCoversOptions
	}{
		{"whocovers-kubernetes", "kubernetes", WhoCoversOptions{}},
		{"whocovers-aws-broad", "aws", WhoCoversOptions{Broad: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := WhoCovers(g, tt.topic, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			assertGoldenJSON(t, tt.name+".json", res)
			assertGoldenText(t, tt.name+".txt", func(b *bytes.Buffer) error { return res.WriteText(b) })
		})
	}
}

// TestWhoCoversCapsCutTheFullAnswer checks that Limit and Evidence only
// cut the uncapped answer: the same people in the same order with the
// same first evidence, and the same text output.
func TestWhoCoversCapsCutTheFullAnswer(t *testing.T) {
	graphs := []struct {
		name   string
		g      *graph.Graph
		topics []string
	}{
		{"fixture", fixtureGraph(t), []string{"kubernetes", "AWS", "machine learning"}},
		{"generated", generateGraph(300), []string{"k8s", "Service 9", "Topic 5009"}},
	}
	omitted := 0
	for _, gr := range graphs {
		for _, topic := range gr.topics {
			for _, broad := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s/%s/broad=%v", gr.name, topic, broad), func(t *testing.T) {
					full, err := WhoCovers(gr.g, topic, WhoCoversOptions{Broad: broad})
					if err != nil {
						t.Fatal(err)
					}
					for _, limit := range []int{1, 2, 5} {
						res, err := WhoCovers(gr.g, topic, WhoCoversOptions{Broad: broad, Limit: limit})
						if err != nil {
							t.Fatal(err)
						}
						if want := full.Answers[:min(limit, len(full.Answers))]; !reflect.DeepEqual(res.Answers, want) {
							t.Errorf("limit %d: answers %+v, want the first of the full answer %+v", limit, res.Answers, want)
						}
					}
					for _, cap := range []int{1, TextEvidence} {
						res, err := WhoCovers(gr.g, topic, WhoCoversOptions{Broad: broad, Evidence: cap})
						if err != nil {
							t.Fatal(err)
						}
						if len(res.Answers) != len(full.Answers) {
							t.Fatalf("evidence %d: %d answers, want %d", cap, len(res.Answers), len(full.Answers))
						}
						for i, a := range res.Answers {
							fa := full.Answers[i]
							want := fa.Evidence[:min(cap, len(fa.Evidence))]
							if !reflect.DeepEqual(a.Evidence, want) || a.EvidenceOmitted != len(fa.Evidence)-len(want) {
								t.Errorf("evidence %d, %s: %+v and %d omitted, want %+v and %d", cap, a.Person.Name,
									a.Evidence, a.EvidenceOmitted, want, len(fa.Evidence)-len(want))
							}
							omitted += a.EvidenceOmitted
						}
						if cap == TextEvidence {
							if got, want := textOf(t, res), textOf(t, full); got != want {
								t.Errorf("text with evidence %d:\n%s\nwant:\n%s", cap, got, want)
							}
						}
					}
				})
			}
		}
	}
	if omitted == 0 {
		t.Error("no answer had its evidence capped: the cases test nothing")
	}
}

// TestWhoCoversSaidByOnGeneratedGraph answers who-covers for rare and
// popular subjects of generated graphs, so that both the hashed and the
// array-backed bookkeeping run, and the guests are indexed ahead for the
// most popular subject of the larger graph; it checks every piece of
// evidence's SaidBy against the guest found by a plain scan of the
// interviews.
func TestWhoCoversSaidByOnGeneratedGraph(t *testing.T) {
	for _, size := range []int{400, 3000} {
		t.Run(fmt.Sprint(size), func(t *testing.T) { testSaidBy(t, generateGraph(size), size > 400) })
	}
}

func testSaidBy(t *testing.T, g *graph.Graph, prefetched bool) {
	guestOf := func(slug string) string {
		for _, in := range g.Interviews {
			if in.Slug == slug {
				return in.Guest
			}
		}
		return ""
	}
	var subjects []int
	for i, n := range g.Nodes {
		if n.Kind == graph.Service || n.Kind == graph.Topic {
			subjects = append(subjects, i)
		}
	}
	slices.SortStableFunc(subjects, func(x, y int) int { return len(g.InEdges(x)) - len(g.InEdges(y)) })
	if most := len(g.InEdges(subjects[len(subjects)-1])); (most >= prefetchGuests) != prefetched {
		t.Fatalf("the most popular subject has %d edges in, against %d to index guests ahead: want that %v", most, prefetchGuests, prefetched)
	}
	for _, i := range []int{subjects[0], subjects[len(subjects)/2], subjects[len(subjects)-1]} {
		id := g.Nodes[i].ID
		t.Run(id, func(t *testing.T) {
			res, err := WhoCovers(g, id, WhoCoversOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Answers) == 0 {
				t.Fatalf("nobody covers %s", id)
			}
			for _, a := range res.Answers {
				if len(a.Evidence) == 0 {
					t.Errorf("%s has no evidence", a.Person.ID)
				}
				for _, ev := range a.Evidence {
					if ev.SaidBy == nil || ev.SaidBy.ID != guestOf(ev.Interview) {
						t.Fatalf("%s: evidence from %s said by %+v, want %s", a.Person.ID, ev.Interview, ev.SaidBy, guestOf(ev.Interview))
					}
				}
			}
		})
	}
}

// TestWhoCoversStatesAProviderLinkOnce checks that people affiliated with
// a service's provider get the provider link as evidence once, by its
// first source, however many interviews state it: the link is said of
// the service, not of them.
func TestWhoCoversStatesAProviderLinkOnce(t *testing.T) {
	src := func(slug string, line int) graph.Source {
		return graph.Source{Interview: slug, Line: line, Text: "Lambda, from AWS", Why: "gazetteer"}
	}
	nodes := []graph.Node{
		{ID: "service/lambda", Kind: graph.Service, Name: "Lambda"},
		{ID: "organization/aws", Kind: graph.Organization, Name: "AWS"},
	}
	var link []graph.Source
	for i := range 50 {
		link = append(link, src(fmt.Sprintf("iv-%02d", i), 3))
	}
	edges := []graph.Edge{{From: "service/lambda", To: "organization/aws", Rel: graph.ProvidedBy, Sources: link}}
	for _, name := range []string{"Ada", "Grace", "Edsger"} {
		id := graph.NodeID(graph.Person, name)
		nodes = append(nodes, graph.Node{ID: id, Kind: graph.Person, Name: name})
		edges = append(edges, graph.Edge{From: id, To: "organization/aws", Rel: graph.AffiliatedWith,
			Sources: []graph.Source{{Interview: "iv-" + name, Line: 7, Text: name + " (AWS)", Why: "affiliation"}}})
	}
	g := graph.New(nodes, edges, nil)
	res, err := WhoCovers(g, "Lambda", WhoCoversOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) != 3 {
		t.Fatalf("%d answers, want the 3 people affiliated with AWS", len(res.Answers))
	}
	for _, a := range res.Answers {
		var links, affiliations int
		for _, ev := range a.Evidence {
			switch ev.Rel {
			case graph.ProvidedBy:
				links++
				if ev.Source != link[0] {
					t.Errorf("%s: provider link evidence %+v, want its first source", a.Person.Name, ev.Source)
				}
			case graph.AffiliatedWith:
				affiliations++
			}
		}
		if links != 1 || affiliations != 1 || a.Reason != ReasonAffiliatedVendor {
			t.Errorf("%s (%s): %d provider link and %d affiliation sources, want 1 and 1", a.Person.Name, a.Reason, links, affiliations)
		}
	}
}
