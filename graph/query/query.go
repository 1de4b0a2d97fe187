// Package query answers users' questions over an in-memory *graph.Graph:
// who covers a topic, who recommends whom, how two entities are connected,
// and plain-English questions that map onto those.
//
// Every answer carries the sources it was read from (interview slug and
// line), and every list is in a stable order: ties are broken by node ID.
// Results have JSON tags for the CLI's --json output and WriteText methods
// for its text output.
package query

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/agnivade/levenshtein"

	"github.com/peoplegraph/peoplegraph/graph"
)

// ErrNotFound is wrapped by *NotFoundError when nothing matches a name.
var ErrNotFound = errors.New("no match")

// ErrNoAnalytics is returned when an answer needs centrality measures that
// were not computed for the graph.
var ErrNoAnalytics = errors.New("no analytics computed for this graph")

// Candidate names one node in an answer.
type Candidate struct {
	ID   string     `json:"id"`
	Name string     `json:"name"`
	Kind graph.Kind `json:"kind"`
}

func (c Candidate) String() string { return fmt.Sprintf("%s (%s)", c.Name, c.Kind) }

func candidateOf(n *graph.Node) Candidate {
	return Candidate{ID: n.ID, Name: n.Name, Kind: n.Kind}
}

// NotFoundError says that no node is named Query; Suggestions are the
// closest names, best first.
type NotFoundError struct {
	Query       string      `json:"query"`
	Suggestions []Candidate `json:"suggestions,omitempty"`
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("%v for %q", ErrNotFound, e.Query)
	if len(e.Suggestions) == 0 {
		return msg
	}
	return msg + "; did you mean " + orList(e.Suggestions) + "?"
}

func (e *NotFoundError) Unwrap() error { return ErrNotFound }

// AmbiguousError says that several nodes carry the name Query; naming one
// by its ID resolves it.
type AmbiguousError struct {
	Query      string      `json:"query"`
	Candidates []Candidate `json:"candidates"`
}

func (e *AmbiguousError) Error() string {
	ids := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		ids[i] = c.ID
	}
	return fmt.Sprintf("%q is ambiguous: %s; name one by its ID (%s)",
		e.Query, orList(e.Candidates), strings.Join(ids, ", "))
}

func orList(cs []Candidate) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.String()
	}
	if len(parts) <= 1 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// maxSuggestions bounds the "did you mean" list.
const maxSuggestions = 5

// Resolve finds the one node that text names: a node ID, or a name or alias
// that folds (graph.Fold) to the same string. Nodes of the given kinds are
// preferred over others; several preferred matches are an *AmbiguousError.
// When nothing matches exactly the error is a *NotFoundError whose
// suggestions come from substring and edit-distance matching.
func Resolve(g *graph.Graph, text string, kinds ...graph.Kind) (*graph.Node, error) {
	if n, ok := g.Node(strings.TrimSpace(text)); ok {
		return n, nil
	}
	matches := g.Lookup(text)
	if preferred := filterKinds(g, matches, kinds); len(preferred) > 0 {
		matches = preferred
	}
	switch len(matches) {
	case 0:
		return nil, &NotFoundError{Query: text, Suggestions: suggest(g, text, kinds)}
	case 1:
		return &g.Nodes[matches[0]], nil
	}
	amb := &AmbiguousError{Query: text}
	for _, i := range matches {
		amb.Candidates = append(amb.Candidates, candidateOf(&g.Nodes[i]))
	}
	return nil, amb
}

func filterKinds(g *graph.Graph, positions []int, kinds []graph.Kind) []int {
	if len(kinds) == 0 {
		return nil
	}
	var out []int
	for _, i := range positions {
		if hasKind(kinds, g.Nodes[i].Kind) {
			out = append(out, i)
		}
	}
	return out
}

func hasKind(kinds []graph.Kind, k graph.Kind) bool {
	for _, want := range kinds {
		if k == want {
			return true
		}
	}
	return false
}

// nameMatch is how close one known name is to a query.
type nameMatch struct {
	pos      int    // node position
	name     string // the folded name or alias that matched
	how      string // exact, prefix, substring or fuzzy
	distance int    // edit distance to the closest of the name and its words
}

// Match classes, best first.
const (
	matchExact     = "exact"
	matchPrefix    = "prefix"
	matchSubstring = "substring"
	matchFuzzy     = "fuzzy"
)

var matchOrder = map[string]int{matchExact: 0, matchPrefix: 1, matchSubstring: 2, matchFuzzy: 3}

// matchNames compares the folded query with every folded name and alias in
// the graph and keeps each node's best match. Prefix matches need at least
// two characters and substring matches three; fuzzy ones an edit distance that grows with the
// query's length, against the whole name or any one of its words (so
// "hightowr" finds "kelsey hightower").
func matchNames(g *graph.Graph, q string) []nameMatch {
	if q == "" {
		return nil
	}
	qlen := utf8.RuneCountInString(q)
	limit := min(1+qlen/5, 3)
	best := map[int]nameMatch{}
	for name, positions := range g.Names() {
		m, ok := compareName(q, qlen, limit, name)
		if !ok {
			continue
		}
		for _, p := range positions {
			m.pos = p
			if have, seen := best[p]; !seen || betterMatch(m, have) {
				best[p] = m
			}
		}
	}
	out := make([]nameMatch, 0, len(best))
	for _, m := range best {
		out = append(out, m)
	}
	return out
}

func compareName(q string, qlen, limit int, name string) (nameMatch, bool) {
	m := nameMatch{name: name}
	switch {
	case name == q:
		m.how = matchExact
		return m, true
	case qlen >= 2 && strings.HasPrefix(name, q):
		m.how = matchPrefix
		m.distance = utf8.RuneCountInString(name) - qlen
		return m, true
	case qlen >= 3 && strings.Contains(name, q):
		m.how = matchSubstring
		m.distance = utf8.RuneCountInString(name) - qlen
		return m, true
	}
	d := limit + 1
	for _, word := range append(strings.Fields(name), name) {
		if abs(utf8.RuneCountInString(word)-qlen) > limit {
			continue // the distance is at least the difference in length
		}
		d = min(d, levenshtein.ComputeDistance(q, word))
	}
	if d > limit {
		return m, false
	}
	m.how, m.distance = matchFuzzy, d
	return m, true
}

func betterMatch(a, b nameMatch) bool {
	if matchOrder[a.how] != matchOrder[b.how] {
		return matchOrder[a.how] < matchOrder[b.how]
	}
	if a.distance != b.distance {
		return a.distance < b.distance
	}
	return a.name < b.name
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// suggest lists the nodes whose names come closest to text: best match
// first, nodes of the preferred kinds before others, then by ID.
func suggest(g *graph.Graph, text string, kinds []graph.Kind) []Candidate {
	ms := matchNames(g, graph.Fold(text))
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if matchOrder[a.how] != matchOrder[b.how] || a.distance != b.distance {
			return betterMatch(a, b)
		}
		ka, kb := hasKind(kinds, g.Nodes[a.pos].Kind), hasKind(kinds, g.Nodes[b.pos].Kind)
		if ka != kb {
			return ka
		}
		return g.Nodes[a.pos].ID < g.Nodes[b.pos].ID
	})
	var out []Candidate
	for _, m := range ms[:min(len(ms), maxSuggestions)] {
		out = append(out, candidateOf(&g.Nodes[m.pos]))
	}
	return out
}
