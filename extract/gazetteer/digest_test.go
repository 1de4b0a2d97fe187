package gazetteer

import (
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

func TestDigest(t *testing.T) {
	base := []Entry{
		{Name: "AWS", Kind: graph.Organization, Implied: true},
		{Name: "Lambda", Kind: graph.Service, Aliases: []string{"AWS Lambda"}, Provider: "AWS", Exact: true},
	}
	digest := func(t *testing.T, es []Entry) string {
		t.Helper()
		g, err := New(es)
		if err != nil {
			t.Fatal(err)
		}
		return g.Digest()
	}
	want := digest(t, base)
	if again := digest(t, base); again != want {
		t.Fatalf("the same entries give %s and %s", want, again)
	}
	tests := []struct {
		name   string
		change func(es []Entry)
	}{
		{"an alias added", func(es []Entry) { es[1].Aliases = append(es[1].Aliases, "Amazon Lambda") }},
		{"a kind changed", func(es []Entry) { es[1].Kind = graph.Topic }},
		{"exactness changed", func(es []Entry) { es[1].Exact = false }},
		{"a provider no longer implied", func(es []Entry) { es[0].Implied = false }},
		{"a homepage added", func(es []Entry) { es[0].URL = "https://aws.amazon.com" }},
		{"the canonical name and an alias swapped", func(es []Entry) { es[1].Name, es[1].Aliases = "AWS Lambda", []string{"Lambda"} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es := make([]Entry, len(base))
			for i, e := range base {
				e.Aliases = append([]string(nil), e.Aliases...)
				es[i] = e
			}
			tt.change(es)
			if got := digest(t, es); got == want {
				t.Errorf("Digest did not change")
			}
		})
	}
	if digest(t, base) != want {
		t.Fatal("a test case changed the base entries")
	}
}

// BenchmarkDigest measures what every build pays to tell whether the
// stored facts were read with the shipped gazetteer.
func BenchmarkDigest(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		g.Digest()
	}
}
