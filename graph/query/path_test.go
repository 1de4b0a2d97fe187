package query

import (
	"bytes"
	"errors"
	"fmt"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestPath(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name  string
		a, b  string
		found bool
		// steps are "from label to @interview:line" of each step's first source.
		steps []string
	}{
		{
			name: "two people through two interviews", a: "Troy Hunt", b: "Priya Raman", found: true,
			steps: []string{
				"Troy Hunt is recommended by Lynn Langit @lynn-langit:67",
				"Lynn Langit is recommended by Priya Raman @priya-raman:21",
			},
		},
		{
			name: "person to topic", a: "Paul Stack", b: "Observability", found: true,
			steps: []string{
				"Paul Stack is recommended by Lynn Langit @lynn-langit:81",
				"Lynn Langit recommends Charity Majors @lynn-langit:77",
				"Charity Majors covers Observability @lynn-langit:77",
			},
		},
		{
			name: "service to provider's affiliate", a: "S3", b: "Jeff Barr", found: true,
			steps: []string{
				"S3 is provided by AWS @lynn-langit:30",
				"AWS has affiliate Jeff Barr @lynn-langit:61",
			},
		},
		{name: "same node", a: "k8s", b: "Kubernetes", found: true, steps: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Path(g, tt.a, tt.b)
			if err != nil {
				t.Fatal(err)
			}
			if res.Found != tt.found || res.Length != len(tt.steps) || len(res.Steps) != len(tt.steps) {
				t.Fatalf("found %v length %d steps %+v, want found %v with %d steps", res.Found, res.Length, res.Steps, tt.found, len(tt.steps))
			}
			for i, s := range res.Steps {
				got := fmt.Sprintf("%s %s %s @%s:%d", s.From.Name, s.Label, s.To.Name, s.Sources[0].Interview, s.Sources[0].Line)
				if got != tt.steps[i] {
					t.Errorf("step %d = %q, want %q", i, got, tt.steps[i])
				}
				if i > 0 && s.From.ID != res.Steps[i-1].To.ID {
					t.Errorf("step %d starts at %s, not where step %d ended", i, s.From.ID, i-1)
				}
			}
		})
	}
}

func TestPathNotConnected(t *testing.T) {
	g := fixtureGraph(t)
	nodes := append([]graph.Node(nil), g.Nodes...)
	nodes = append(nodes, graph.Node{ID: "person/ada-island", Kind: graph.Person, Name: "Ada Island"})
	edges := append([]graph.Edge(nil), g.Edges...)
	g = graph.New(nodes, edges, g.Interviews)
	res, err := Path(g, "Lynn Langit", "Ada Island")
	if err != nil {
		t.Fatal(err)
	}
	if res.Found || len(res.Steps) != 0 {
		t.Fatalf("found a path to an isolated node: %+v", res)
	}
	var buf bytes.Buffer
	if err := res.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if want := "Lynn Langit and Ada Island are not connected\n"; buf.String() != want {
		t.Errorf("text %q, want %q", buf.String(), want)
	}
}

func TestPathErrors(t *testing.T) {
	g := fixtureGraph(t)
	if _, err := Path(g, "Troy Hunt", "Priya Ramen"); !errors.Is(err, ErrNotFound) {
		t.Errorf("error %v, want ErrNotFound", err)
	}
	var amb *AmbiguousError
	if _, err := Path(g, "serverless", "Troy Hunt"); !errors.As(err, &amb) {
		t.Errorf("error %v, want AmbiguousError", err)
	}
}

func TestPathGolden(t *testing.T) {
	g := fixtureGraph(t)
	res, err := Path(g, "Troy Hunt", "Priya Raman")
	if err != nil {
		t.Fatal(err)
	}
	assertGoldenJSON(t, "path-troy-hunt-priya-raman.json", res)
	assertGoldenText(t, "path-troy-hunt-priya-raman.txt", func(b *bytes.Buffer) error { return res.WriteText(b) })
}
