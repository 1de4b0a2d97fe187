package graph

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case and punctuation", "Kelsey  HIGHTOWER!", "kelsey hightower"},
		{"slash", "CI/CD", "ci cd"},
		{"leading and trailing", "  --AWS--  ", "aws"},
		{"digits", "S3", "s3"},
		{"accents kept", "Zoë Ångström", "zoë ångström"},
		{"compatibility forms", "ＡＷＳ", "aws"},
		{"empty", "", ""},
		{"only punctuation", "—/—", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Fold(tc.in); got != tc.want {
				t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// foldSlow is Fold without the ASCII fast path.
func foldSlow(s string) string {
	return Fold(norm.NFKC.String(s) + "\u00a0")
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Kelsey Hightower", "CI/CD", "a--b", "ＡＷＳ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if utf8.ValidString(s) && got != foldSlow(s) {
			t.Errorf("Fold(%q) = %q, but the Unicode path gives %q", s, got, foldSlow(s))
		}
		if Fold(got) != got {
			t.Errorf("Fold is not idempotent on %q: %q then %q", s, got, Fold(got))
		}
	})
}

func TestFoldsTo(t *testing.T) {
	tests := []struct {
		name, in, folded string
		want             bool
	}{
		{"same letters", "Kelsey Hightower", "kelsey hightower", true},
		{"punctuation between words", "CI/CD", "ci cd", true},
		{"punctuation around", "  --AWS--  ", "aws", true},
		{"first letter differs", "Azure", "aws", false},
		{"a prefix only", "AWS Lambda", "aws", false},
		{"longer than the name", "AWS", "aws lambda", false},
		{"words joined", "CICD", "ci cd", false},
		{"words split", "CI CD", "cicd", false},
		{"nothing to fold", "—", "", true},
		{"empty against a word", "", "aws", false},
		{"accent combined with an ASCII letter", "Cafe\u0301", "café", true},
		{"accent after a mismatch", "Cafe\u0301", "cafe", false},
		{"compatibility form after ASCII", "AW\uff33", "aws", true},
		{"not UTF-8", "a\xffb", "a b", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := foldsTo(tc.in, tc.folded); got != tc.want {
				t.Errorf("foldsTo(%q, %q) = %v, want %v (Fold gives %q)", tc.in, tc.folded, got, tc.want, Fold(tc.in))
			}
			if want := Fold(tc.in) == tc.folded; tc.want != want {
				t.Errorf("case is wrong: Fold(%q) = %q", tc.in, Fold(tc.in))
			}
		})
	}
}

func FuzzFoldsTo(f *testing.F) {
	for _, s := range [][2]string{{"Kelsey Hightower", "kelsey hightower"}, {"CI/CD", "ci"}, {"Cafe\u0301", "café"}, {"a\xffb", "a b"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, name, other string) {
		if !foldsTo(name, Fold(name)) {
			t.Errorf("foldsTo(%q, %q) = false for its own fold", name, Fold(name))
		}
		if got, want := foldsTo(name, other), Fold(name) == other; got != want {
			t.Errorf("foldsTo(%q, %q) = %v, but Fold gives %q", name, other, got, Fold(name))
		}
	})
}

func TestNewIndexesAndDropsDanglingEdges(t *testing.T) {
	nodes := []Node{
		{ID: "topic/kubernetes", Kind: Topic, Name: "Kubernetes", Aliases: []string{"K8s", "kubernetes"}},
		{ID: "person/ada", Kind: Person, Name: "Ada Quill"},
	}
	edges := []Edge{
		{From: "person/ada", To: "topic/kubernetes", Rel: Covers, Sources: []Source{{Interview: "b", Line: 9}, {Interview: "a", Line: 3}}},
		{From: "person/ada", To: "person/nobody", Rel: Recommends, Sources: []Source{{Interview: "a", Line: 4}}},
	}
	g := New(nodes, edges, []InterviewInfo{{Slug: "b"}, {Slug: "a"}})
	if g.Nodes[0].ID != "person/ada" || g.Interviews[0].Slug != "a" {
		t.Errorf("not sorted: %v %v", g.Nodes, g.Interviews)
	}
	if len(g.Edges) != 1 || g.Edges[0].To != "topic/kubernetes" {
		t.Fatalf("edges = %+v, want only the covers edge", g.Edges)
	}
	if s := g.Edges[0].Sources; s[0].Interview != "a" {
		t.Errorf("sources not sorted: %+v", s)
	}
	for _, name := range []string{"k8s", "KUBERNETES", "Kubernetes!"} {
		if got := g.Lookup(name); len(got) != 1 || g.Nodes[got[0]].ID != "topic/kubernetes" {
			t.Errorf("Lookup(%q) = %v", name, got)
		}
	}
	ada := g.Index("person/ada")
	if out := g.Out(ada); len(out) != 1 || out[0].Rel != Covers {
		t.Errorf("Out(ada) = %+v", out)
	}
	if in := g.In(g.Index("topic/kubernetes")); len(in) != 1 || in[0].From != "person/ada" {
		t.Errorf("In(kubernetes) = %+v", in)
	}
	if g.Index("person/nobody") != -1 {
		t.Errorf("Index of a missing node is not -1")
	}
}

// TestMergeIgnoresOrder: the same facts merged in any order give the same
// graph, as a store's Load must.
func TestMergeIgnoresOrder(t *testing.T) {
	mk := func(slug, name string, line int) *Facts {
		return &Facts{
			Interview: InterviewInfo{Slug: slug},
			Nodes: []Node{
				{ID: "person/" + slug, Kind: Person, Name: slug},
				{ID: "service/lambda", Kind: Service, Name: name, Aliases: []string{"Lambda"}},
			},
			Edges: []Edge{{From: "person/" + slug, To: "service/lambda", Rel: Mentions,
				Sources: []Source{{Interview: slug, Line: line}}}},
		}
	}
	facts := []*Facts{mk("a", "AWS Lambda", 3), mk("b", "Lambda", 5), mk("c", "AWS Lambda", 7)}
	want, _ := json.Marshal(Merge(facts...))
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 10; i++ {
		rng.Shuffle(len(facts), func(i, j int) { facts[i], facts[j] = facts[j], facts[i] })
		got, _ := json.Marshal(Merge(facts...))
		if string(got) != string(want) {
			t.Fatalf("merge depends on order:\n%s\n%s", got, want)
		}
	}
	g := Merge(facts...)
	n, _ := g.Node("service/lambda")
	if n.Name != "AWS Lambda" || !reflect.DeepEqual(n.Aliases, []string{"Lambda"}) {
		t.Errorf("merged node = %+v, want the most common name with the rest as aliases", n)
	}
}

// TestMergePoolsAndLeavesFactsAlone: edges with one key pool their sources
// (sorted, repeats dropped), every name of a node is kept as an alias,
// ties go to the smaller name, and the facts are not modified.
func TestMergePoolsAndLeavesFactsAlone(t *testing.T) {
	src := func(slug string, line int) Source { return Source{Interview: slug, Line: line, Text: "t"} }
	facts := []*Facts{
		{Interview: InterviewInfo{Slug: "b"},
			Nodes: []Node{{ID: "person/b", Kind: Person, Name: "B"}, {ID: "topic/k8s", Kind: Topic, Name: "Kubernetes", Aliases: []string{"k8s"}}},
			Edges: []Edge{{From: "person/b", To: "topic/k8s", Rel: Covers, Sources: []Source{src("b", 9), src("b", 2), src("b", 9)}}}},
		{Interview: InterviewInfo{Slug: "a"},
			Nodes: []Node{{ID: "person/b", Kind: Person, Name: "Bee", URL: "https://b.example"}, {ID: "topic/k8s", Kind: Topic, Name: "K8s"}},
			Edges: []Edge{{From: "person/b", To: "topic/k8s", Rel: Covers, Sources: []Source{src("a", 4)}},
				{From: "person/b", To: "topic/k8s", Rel: Mentions, Sources: []Source{src("a", 5)}}}},
	}
	before, _ := json.Marshal(facts)
	g := Merge(facts...)
	if after, _ := json.Marshal(facts); string(after) != string(before) {
		t.Fatalf("Merge modified its facts:\n%s\n%s", before, after)
	}
	if len(g.Edges) != 2 {
		t.Fatalf("edges = %+v, want covers and mentions", g.Edges)
	}
	if want := []Source{src("a", 4), src("b", 2), src("b", 9)}; !reflect.DeepEqual(g.Edges[0].Sources, want) {
		t.Errorf("covers sources = %+v, want %+v", g.Edges[0].Sources, want)
	}
	b, _ := g.Node("person/b")
	if b.Name != "B" || !reflect.DeepEqual(b.Aliases, []string{"Bee"}) || b.URL != "https://b.example" {
		t.Errorf("person/b = %+v, want B (the smaller of two tied names), alias Bee and the URL", b)
	}
	k, _ := g.Node("topic/k8s")
	if k.Name != "K8s" || !reflect.DeepEqual(k.Aliases, []string{"Kubernetes", "k8s"}) {
		t.Errorf("topic/k8s = %+v, want K8s with aliases Kubernetes, k8s", k)
	}
	if got := []string{g.Interviews[0].Slug, g.Interviews[1].Slug}; !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("interviews = %v, want sorted by slug", got)
	}
}

// BenchmarkMerge merges 2,000 interviews' facts that share popular nodes.
func BenchmarkMerge(b *testing.B) {
	rng := rand.New(rand.NewSource(1))
	var facts []*Facts
	for i := 0; i < 2000; i++ {
		slug := fmt.Sprintf("interview-%04d", i)
		guest := Node{ID: "person/guest-" + slug, Kind: Person, Name: "Guest " + slug}
		f := &Facts{Interview: InterviewInfo{Slug: slug}, Nodes: []Node{guest}}
		for k := 0; k < 30; k++ {
			n := Node{ID: fmt.Sprintf("topic/t%d", rng.Intn(400)), Kind: Topic, Name: "Topic"}
			f.Nodes = append(f.Nodes, n)
			f.Edges = append(f.Edges, Edge{From: guest.ID, To: n.ID, Rel: Covers,
				Sources: []Source{{Interview: slug, Line: k + 1, Text: "a line naming the topic"}}})
		}
		facts = append(facts, f)
	}
	for b.Loop() {
		Merge(facts...)
	}
}

// FuzzAppendFold checks that AppendFold appends exactly Fold's result to
// whatever the buffer holds.
func FuzzAppendFold(f *testing.F) {
	for _, s := range []string{"", "Amazon  S3!", "  k8s ", "Café Über", "C++/C#", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(AppendFold([]byte("x"), s)), "x"+Fold(s); got != want {
			t.Errorf("AppendFold(%q) = %q, want %q", s, got, want)
		}
	})
}
