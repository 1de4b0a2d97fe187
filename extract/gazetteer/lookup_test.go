package gazetteer

import (
	"slices"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// lookupByKey is Lookup as it reads without the fold first: the key,
// then the fold.
func (g *Gazetteer) lookupByKey(name string) (*Entry, bool) {
	name = collapse(name)
	if i, ok := g.byKey[key(name)]; ok {
		e := &g.entries[i]
		if !e.Exact || e.Name == name || slices.Contains(e.Aliases, name) {
			return e, true
		}
	}
	i, ok := g.byFold[graph.Fold(name)]
	if !ok || i < 0 {
		return nil, false
	}
	return g.foldEntry(i, name)
}

// checkLookup compares Lookup with lookupByKey.
func checkLookup(t *testing.T, g *Gazetteer, name string) {
	t.Helper()
	got, gotOK := g.Lookup(name)
	want, wantOK := g.lookupByKey(name)
	if got != want || gotOK != wantOK {
		t.Errorf("Lookup(%q) = %v, %v; by key first %v, %v", name, got, gotOK, want, wantOK)
	}
}

// lookupVariants are forms of a name written otherwise.
func lookupVariants(name string) []string {
	return []string{
		name, strings.ToLower(name), strings.ToUpper(name), " " + name + "  ",
		strings.ReplaceAll(name, " ", "  "), strings.ReplaceAll(name, " ", "-"), strings.ReplaceAll(name, "/", " "),
		strings.ReplaceAll(name, ".", ""), name + "s", "The " + name,
	}
}

func TestLookupFoldFirst(t *testing.T) {
	g := loadDefault(t)
	if !g.foldsKeys {
		t.Fatal("the embedded data has a name whose ASCII key folds otherwise: Lookup takes the slow way")
	}
	for i := range g.entries {
		for _, n := range g.entries[i].Names() {
			for _, v := range lookupVariants(n) {
				checkLookup(t, g, v)
			}
		}
	}
	for _, n := range []string{"", " ", "Roman Zelmann", "c++", "C#", "c", "ci cd", "\u212aubernetes", "K8S", "Go"} {
		checkLookup(t, g, n)
	}
}

func TestLookupFoldsKeys(t *testing.T) {
	// "\u212a" (Kelvin) lower-cases to "k", and folds as "K" does.
	g, err := New(mustParse(t, "k.yaml", `
entries:
  - {name: "\u212aafka", kind: service, exact: true}
  - {name: "C++", kind: topic}
  - {name: "İstanbul JS", kind: organization}
`))
	if err != nil {
		t.Fatal(err)
	}
	if !g.foldsKeys {
		t.Error("foldsKeys is false")
	}
	for _, n := range []string{"kafka", "Kafka", "\u212aafka", "KAFKA", "c", "C", "c++", "C#", "istanbul js", "Istanbul-JS", "İstanbul JS"} {
		checkLookup(t, g, n)
	}
}

func FuzzLookup(f *testing.F) {
	for _, s := range []string{"AWS Lambda", "ci/cd", "C++", "Roman Zelmann", "  google   cloud "} {
		f.Add(s)
	}
	g := loadDefault(f)
	f.Fuzz(func(t *testing.T, name string) { checkLookup(t, g, name) })
}
