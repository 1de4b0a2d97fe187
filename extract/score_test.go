package extract

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// This file re-implements the matching of /work/shared/eval/score.py so
// that extraction is scored against gold files in plain `go test`.

type goldEntity struct {
	Names []string `json:"names"`
	Kinds []string `json:"kinds"`
}

type goldRelation struct {
	From string    `json:"from"`
	Rel  oneOrMany `json:"rel"`
	To   oneOrMany `json:"to"`
}

// oneOrMany decodes a JSON string or list of strings.
type oneOrMany []string

func (o *oneOrMany) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*o = oneOrMany{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*o = many
	return nil
}

type goldFile struct {
	Interview         string         `json:"interview"`
	Interviewee       string         `json:"interviewee"`
	Entities          []goldEntity   `json:"entities"`
	OptionalEntities  []goldEntity   `json:"optional_entities"`
	Relations         []goldRelation `json:"relations"`
	OptionalRelations []goldRelation `json:"optional_relations"`
	aliasSets         map[string]map[string]bool
}

func loadGold(t *testing.T, path string) *goldFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(data, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	g.aliasSets = map[string]map[string]bool{}
	for _, e := range append(append([]goldEntity(nil), g.Entities...), g.OptionalEntities...) {
		names := map[string]bool{}
		for _, n := range e.Names {
			names[scoreNorm(n)] = true
		}
		for n := range names {
			if g.aliasSets[n] == nil {
				g.aliasSets[n] = map[string]bool{}
			}
			for m := range names {
				g.aliasSets[n][m] = true
			}
		}
	}
	return &g
}

var nonAlnum = regexp.MustCompile(`[^a-z0-9]+`)

// scoreNorm is score.py's norm: lower case, runs of other characters
// folded to one space.
func scoreNorm(s string) string {
	return strings.TrimSpace(nonAlnum.ReplaceAllString(strings.ToLower(s), " "))
}

func (g *goldFile) expand(name string) map[string]bool {
	if name == "*" {
		return map[string]bool{"*": true}
	}
	n := scoreNorm(name)
	if s, ok := g.aliasSets[n]; ok {
		return s
	}
	return map[string]bool{n: true}
}

func entityMatches(ge goldEntity, names map[string]bool, kind string) bool {
	if !contains(ge.Kinds, kind) {
		return false
	}
	for _, n := range ge.Names {
		if names[scoreNorm(n)] {
			return true
		}
	}
	return false
}

func namesMatch(wanted, names map[string]bool) bool {
	if wanted["*"] {
		return true
	}
	for n := range wanted {
		if names[n] {
			return true
		}
	}
	return false
}

func (g *goldFile) relMatches(r goldRelation, from, to map[string]bool, rel graph.Rel) bool {
	if !contains(r.Rel, string(rel)) || !namesMatch(g.expand(r.From), from) {
		return false
	}
	wanted := map[string]bool{}
	for _, t := range r.To {
		for n := range g.expand(t) {
			wanted[n] = true
		}
	}
	return namesMatch(wanted, to)
}

// score is the result of comparing a graph with one gold file.
type score struct {
	EntityP, EntityR, EntityF1       float64
	RelationP, RelationR, RelationF1 float64
	Misses, Wrong                    []string
}

func prf(correct, wrong, found, total int) (p, r, f float64) {
	if correct+wrong > 0 {
		p = float64(correct) / float64(correct+wrong)
	}
	if total > 0 {
		r = float64(found) / float64(total)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return p, r, f
}

func scoreGraph(g *graph.Graph, gold *goldFile) score {
	namesOf := func(id string) map[string]bool {
		n, ok := g.Node(id)
		if !ok {
			return map[string]bool{}
		}
		out := map[string]bool{scoreNorm(n.Name): true}
		for _, a := range n.Aliases {
			out[scoreNorm(a)] = true
		}
		return out
	}
	var edges []graph.Edge
	touched := map[string]bool{}
	for _, e := range g.Edges {
		for _, s := range e.Sources {
			if s.Interview == gold.Interview {
				edges = append(edges, e)
				touched[e.From], touched[e.To] = true, true
				break
			}
		}
	}
	var cand []graph.Node
	for _, n := range g.Nodes {
		if touched[n.ID] && n.Kind != graph.Interview {
			cand = append(cand, n)
		}
	}
	var sc score
	found := 0
	for _, ge := range gold.Entities {
		ok := false
		for _, n := range cand {
			if entityMatches(ge, namesOf(n.ID), string(n.Kind)) {
				ok = true
				break
			}
		}
		if ok {
			found++
		} else {
			sc.Misses = append(sc.Misses, "entity "+ge.Names[0])
		}
	}
	okN, wrongN := 0, 0
	for _, n := range cand {
		names := namesOf(n.ID)
		switch {
		case anyEntity(gold.Entities, names, string(n.Kind)):
			okN++
		case anyEntity(gold.OptionalEntities, names, string(n.Kind)):
		default:
			wrongN++
			sc.Wrong = append(sc.Wrong, "entity "+n.ID)
		}
	}
	sc.EntityP, sc.EntityR, sc.EntityF1 = prf(okN, wrongN, found, len(gold.Entities))

	foundRel := 0
	for _, r := range gold.Relations {
		ok := false
		for _, e := range edges {
			if gold.relMatches(r, namesOf(e.From), namesOf(e.To), e.Rel) {
				ok = true
				break
			}
		}
		if ok {
			foundRel++
		} else {
			sc.Misses = append(sc.Misses, "relation "+r.From+" -"+strings.Join(r.Rel, "|")+"-> "+r.To[0])
		}
	}
	okR, wrongR := 0, 0
	for _, e := range edges {
		from, to := namesOf(e.From), namesOf(e.To)
		switch {
		case gold.anyRelation(gold.Relations, from, to, e.Rel):
			okR++
		case gold.anyRelation(gold.OptionalRelations, from, to, e.Rel):
		default:
			wrongR++
			sc.Wrong = append(sc.Wrong, "relation "+e.From+" -"+string(e.Rel)+"-> "+e.To)
		}
	}
	sc.RelationP, sc.RelationR, sc.RelationF1 = prf(okR, wrongR, foundRel, len(gold.Relations))
	return sc
}

func anyEntity(es []goldEntity, names map[string]bool, kind string) bool {
	for _, ge := range es {
		if entityMatches(ge, names, kind) {
			return true
		}
	}
	return false
}

func (g *goldFile) anyRelation(rs []goldRelation, from, to map[string]bool, rel graph.Rel) bool {
	for _, r := range rs {
		if g.relMatches(r, from, to, rel) {
			return true
		}
	}
	return false
}
