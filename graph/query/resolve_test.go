package query

import (
	"errors"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestResolve(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name  string
		text  string
		kinds []graph.Kind
		want  string // node ID; empty when an error is expected
		// notFound lists the IDs the suggestions must start with;
		// ambiguous the IDs the candidates must be.
		notFound  []string
		ambiguous []string
	}{
		{name: "exact name", text: "Kelsey Hightower", want: "person/kelsey-hightower"},
		{name: "case and punctuation fold", text: "  KELSEY--hightower! ", want: "person/kelsey-hightower"},
		{name: "alias", text: "k8s", want: "service/kubernetes"},
		{name: "alias of a topic", text: "ML", want: "topic/machine-learning"},
		{name: "node ID", text: "topic/security", want: "topic/security"},
		{name: "name with a slash", text: "CI/CD", want: "topic/ci-cd"},
		{name: "preferred kind missing falls back", text: "Kubernetes", kinds: []graph.Kind{graph.Person}, want: "service/kubernetes"},
		{name: "preferred kind picks among homonyms", text: "Serverless", kinds: []graph.Kind{graph.Topic}, want: "topic/serverless"},
		{name: "typo suggests the right node", text: "kuberntes", notFound: []string{"service/kubernetes"}},
		{name: "typo in a surname", text: "Kelsey Hightowr", notFound: []string{"person/kelsey-hightower"}},
		{name: "first name suggests the person", text: "Lynn", notFound: []string{"person/lynn-langit"}},
		{name: "nothing close", text: "qqqqqqqq", notFound: []string{}},
		{name: "empty", text: "", notFound: []string{}},
		{name: "same name, two kinds", text: "serverless", ambiguous: []string{"organization/serverless-inc", "topic/serverless"}},
		{name: "homonyms outside the preferred kinds", text: "serverless", kinds: []graph.Kind{graph.Person},
			ambiguous: []string{"organization/serverless-inc", "topic/serverless"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := Resolve(g, tt.text, tt.kinds...)
			switch {
			case tt.want != "":
				if err != nil {
					t.Fatalf("Resolve(%q) error: %v", tt.text, err)
				}
				if n.ID != tt.want {
					t.Fatalf("Resolve(%q) = %s, want %s", tt.text, n.ID, tt.want)
				}
			case tt.notFound != nil:
				var nf *NotFoundError
				if !errors.As(err, &nf) || !errors.Is(err, ErrNotFound) {
					t.Fatalf("Resolve(%q) = %v, %v; want a NotFoundError", tt.text, n, err)
				}
				if len(nf.Suggestions) < len(tt.notFound) {
					t.Fatalf("suggestions %v, want them to start with %v", nf.Suggestions, tt.notFound)
				}
				if len(tt.notFound) == 0 && len(nf.Suggestions) != 0 {
					t.Fatalf("suggestions %v, want none", nf.Suggestions)
				}
				for i, id := range tt.notFound {
					if nf.Suggestions[i].ID != id {
						t.Errorf("suggestion %d = %s, want %s", i, nf.Suggestions[i].ID, id)
					}
				}
			default:
				var amb *AmbiguousError
				if !errors.As(err, &amb) {
					t.Fatalf("Resolve(%q) = %v, %v; want an AmbiguousError", tt.text, n, err)
				}
				if len(amb.Candidates) != len(tt.ambiguous) {
					t.Fatalf("candidates %v, want %v", amb.Candidates, tt.ambiguous)
				}
				for i, id := range tt.ambiguous {
					if amb.Candidates[i].ID != id {
						t.Errorf("candidate %d = %s, want %s", i, amb.Candidates[i].ID, id)
					}
				}
			}
		})
	}
}

func TestResolveErrorMessages(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name, text, want string
	}{
		{"did you mean", "kuberntes", `no match for "kuberntes"; did you mean Kubernetes (service)?`},
		{"no suggestion", "qqqqqqqq", `no match for "qqqqqqqq"`},
		{"ambiguous", "Serverless", `"Serverless" is ambiguous: Serverless, Inc. (organization) or serverless (topic); ` +
			`name one by its ID (organization/serverless-inc, topic/serverless)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Resolve(g, tt.text)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error %v, want %s", err, tt.want)
			}
		})
	}
}

func FuzzResolve(f *testing.F) {
	g := fixtureGraph(f)
	for _, s := range []string{"kubernetes", "k8s", "kuberntes", "Serverless", "person/lynn-langit", "", "ẞ/", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		n, err := Resolve(g, text)
		if (n == nil) == (err == nil) {
			t.Fatalf("Resolve(%q) = %v, %v: want exactly one of node and error", text, n, err)
		}
	})
}
