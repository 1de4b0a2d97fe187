package extract

import (
	"cmp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/extract/internal/spaces"
	"github.com/peoplegraph/peoplegraph/graph"
)

// maxEvidence caps the length of a source's evidence text, in runes.
const maxEvidence = 300

// factsBuilder collects the nodes and edges of one interview, merging
// repeated nodes and keeping one source per edge and line.
type factsBuilder struct {
	slug string
	gaz  *gazetteer.Gazetteer
	// The facts are built in place: nodes and edges hold them, and the
	// maps index them by ID and by key.
	nodes  []graph.Node
	edges  []graph.Edge
	nodeAt map[string]int
	edgeAt map[graph.EdgeKey]int
	// aliased holds, by node, the first of the alias list last added to
	// it: an entry's node is met again and again, its aliases once.
	aliased []*string
	// sources is the block edges' first sources are taken from.
	sources []graph.Source
	// clipped is clip(unclipped): the facts read from one sentence share
	// their evidence, which is clipped once.
	unclipped, clipped string
}

// sourceBlock is how many sources are allocated at once.
const sourceBlock = 32

func newFactsBuilder(slug string, gaz *gazetteer.Gazetteer) *factsBuilder {
	return newFactsBuilderUsing(slug, gaz, &scratch{})
}

// newFactsBuilderUsing is newFactsBuilder indexing the facts with sc's
// maps, which must be empty.
func newFactsBuilderUsing(slug string, gaz *gazetteer.Gazetteer, sc *scratch) *factsBuilder {
	if sc.nodeAt == nil {
		sc.nodeAt = make(map[string]int, 64)
		sc.edgeAt = make(map[graph.EdgeKey]int, 64)
	}
	// Room for a typical interview's facts, so that the slices of
	// pointer-holding structs are rarely copied as they grow.
	return &factsBuilder{
		slug:    slug,
		gaz:     gaz,
		nodes:   make([]graph.Node, 0, 64),
		aliased: make([]*string, 0, 64),
		edges:   make([]graph.Edge, 0, 64),
		nodeAt:  sc.nodeAt,
		edgeAt:  sc.edgeAt,
	}
}

// scratch holds what an Extract call needs only while it runs, kept for
// the next call: the maps that index an interview's facts and the words
// of a line.
type scratch struct {
	nodeAt map[string]int
	edgeAt map[graph.EdgeKey]int
	words  []token
}

// reset empties sc for the next call, dropping its references to the
// last interview's text.
func (sc *scratch) reset() {
	clear(sc.nodeAt)
	clear(sc.edgeAt)
	clear(sc.words)
	sc.words = sc.words[:0]
}

// nodeByID returns the node with the given ID, which must exist.
func (b *factsBuilder) nodeByID(id string) *graph.Node {
	return &b.nodes[b.nodeAt[id]]
}

// node adds (or extends) a node and returns its ID. seen is the form the
// text used, kept as an alias when it differs from the name.
func (b *factsBuilder) node(kind graph.Kind, name, seen, url string, aliases ...string) string {
	return b.nodeWithID(graph.NodeID(kind, name), kind, name, seen, url, aliases)
}

// nodeWithID is node for a caller that knows the node's ID.
func (b *factsBuilder) nodeWithID(id string, kind graph.Kind, name, seen, url string, aliases []string) string {
	i, ok := b.nodeAt[id]
	if !ok {
		i = len(b.nodes)
		b.nodeAt[id] = i
		b.nodes = append(b.nodes, graph.Node{ID: id, Kind: kind, Name: name})
		b.aliased = append(b.aliased, nil)
	}
	n := &b.nodes[i]
	if len(aliases) > 0 && b.aliased[i] != &aliases[0] {
		for _, a := range aliases {
			addAlias(n, a)
		}
		b.aliased[i] = &aliases[0]
	}
	addAlias(n, seen)
	if n.URL == "" {
		n.URL = url
	}
	return id
}

func addAlias(n *graph.Node, a string) {
	if a != "" && a != n.Name && !contains(n.Aliases, a) {
		n.Aliases = append(n.Aliases, a)
	}
}

// entity adds the node of a gazetteer entry and the provided_by edge to
// its provider, read from the same source. The entry's part_of is not
// emitted: it is a fact of the dictionary, not of the interview (the
// annotated gold counts "Azure part_of Microsoft" read from an interview
// that never says so as wrong).
func (b *factsBuilder) entity(e *gazetteer.Entry, seen string, src graph.Source) string {
	id := b.nodeWithID(e.ID(), e.Kind, e.Name, seen, e.URL, e.Aliases)
	if p, ok := b.gaz.Provider(e); ok && p.ID() != id {
		pid := b.nodeWithID(p.ID(), p.Kind, p.Name, "", p.URL, p.Aliases)
		if !b.hasSource(id, graph.ProvidedBy, pid, src.Line) { // else edge would drop it
			b.edge(id, graph.ProvidedBy, pid, withWhy(src, "gazetteer: "+e.Name+" is provided by "+p.Name))
		}
	}
	return id
}

// hasSource reports whether the edge exists with a source on line.
func (b *factsBuilder) hasSource(from string, rel graph.Rel, to string, line int) bool {
	i, ok := b.edgeAt[graph.EdgeKey{From: from, Rel: rel, To: to}]
	if !ok {
		return false
	}
	for _, s := range b.edges[i].Sources {
		if s.Line == line {
			return true
		}
	}
	return false
}

// edge adds an edge with one source; a second source on the same line is
// the same place read twice and is dropped.
func (b *factsBuilder) edge(from string, rel graph.Rel, to string, src graph.Source) {
	if from == "" || to == "" || from == to {
		return
	}
	k := graph.EdgeKey{From: from, Rel: rel, To: to}
	i, ok := b.edgeAt[k]
	if !ok {
		i = len(b.edges)
		b.edgeAt[k] = i
		b.edges = append(b.edges, graph.Edge{From: from, To: to, Rel: rel})
	}
	e := &b.edges[i]
	for _, s := range e.Sources {
		if s.Line == src.Line {
			return
		}
	}
	src.Interview = b.slug
	src.Text = b.clip(src.Text)
	if e.Sources != nil {
		e.Sources = append(e.Sources, src)
		return
	}
	// Most edges have one source: take it from a shared block, capped
	// so that a second source moves the edge's sources out.
	if len(b.sources) == cap(b.sources) {
		b.sources = make([]graph.Source, 0, sourceBlock)
	}
	b.sources = append(b.sources, src)
	n := len(b.sources)
	e.Sources = b.sources[n-1 : n : n]
}

// has reports whether the edge exists.
func (b *factsBuilder) has(from string, rel graph.Rel, to string) bool {
	_, ok := b.edgeAt[graph.EdgeKey{From: from, Rel: rel, To: to}]
	return ok
}

func (b *factsBuilder) facts(info graph.InterviewInfo) *graph.Facts {
	// The builder is done with: its slices become the facts. Both orders
	// are total, so the order things were added in does not show.
	f := &graph.Facts{Interview: info, Nodes: b.nodes, Edges: b.edges}
	if len(f.Edges) == 0 {
		f.Edges = nil // as callers have always seen no edges
	}
	for i := range f.Nodes {
		f.Nodes[i].Aliases = cleanAliasList(f.Nodes[i].Name, f.Nodes[i].Aliases)
	}
	// Nodes and edges are large to swap: order them through their
	// indexes, leaving the graph's sorts a check that they are in order
	// (and the sort of each edge's sources).
	nodes := f.Nodes
	sortByIndex(nodes, func(i, j int) int { return strings.Compare(nodes[i].ID, nodes[j].ID) })
	b.sortEdges(f.Edges, nodes)
	graph.SortNodes(f.Nodes)
	graph.SortEdges(f.Edges)
	return f
}

// sortEdges orders edges as graph.CompareEdges does, comparing their
// nodes' ranks in the sorted nodes instead of their IDs.
func (b *factsBuilder) sortEdges(edges []graph.Edge, sorted []graph.Node) {
	var rankBuf [128]int32
	rankOf := rankBuf[:0] // by index in b.nodeAt
	if len(sorted) > len(rankBuf) {
		rankOf = make([]int32, 0, len(sorted))
	}
	rankOf = rankOf[:len(sorted)]
	for k := range sorted {
		rankOf[b.nodeAt[sorted[k].ID]] = int32(k)
	}
	type ranks struct{ from, to int32 }
	var keyBuf [128]ranks
	keys := keyBuf[:0]
	if len(edges) > len(keyBuf) {
		keys = make([]ranks, 0, len(edges))
	}
	for _, e := range edges {
		from, okFrom := b.nodeAt[e.From]
		to, okTo := b.nodeAt[e.To]
		if !okFrom || !okTo || from >= len(rankOf) || to >= len(rankOf) {
			// An edge to a node the builder did not add: compare IDs.
			sortByIndex(edges, func(i, j int) int { return graph.CompareEdges(edges[i], edges[j]) })
			return
		}
		keys = append(keys, ranks{rankOf[from], rankOf[to]})
	}
	sortByIndex(edges, func(i, j int) int {
		if c := cmp.Compare(keys[i].from, keys[j].from); c != 0 {
			return c
		}
		if c := strings.Compare(string(edges[i].Rel), string(edges[j].Rel)); c != 0 {
			return c
		}
		return cmp.Compare(keys[i].to, keys[j].to)
	})
}

// sortByIndex sorts s by cmp, which compares s[i] and s[j] and must not
// find two elements equal, sorting their indexes and then moving each
// element once.
func sortByIndex[T any](s []T, cmp func(i, j int) int) {
	var buf [128]int32
	order := buf[:0]
	if len(s) > len(buf) {
		order = make([]int32, 0, len(s))
	}
	for i := range s {
		order = append(order, int32(i))
	}
	slices.SortFunc(order, func(i, j int32) int { return cmp(int(i), int(j)) })
	// Position k takes s[order[k]]: follow each cycle of the permutation,
	// marking the positions filled.
	for k := range order {
		if int(order[k]) == k {
			continue
		}
		held, j := s[k], k
		for {
			from := int(order[j])
			order[j] = int32(j)
			if from == k {
				s[j] = held
				break
			}
			s[j] = s[from]
			j = from
		}
	}
}

// cleanAliasList drops aliases equal to the name or repeated and sorts
// the rest, in place: the node's list is its own.
func cleanAliasList(name string, aliases []string) []string {
	out := aliases[:0]
	for _, a := range aliases {
		if a != name && !contains(out, a) {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return nil
	}
	sort.Strings(out)
	return out
}

func withWhy(s graph.Source, why string) graph.Source {
	s.Why = why
	return s
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// clip returns clip(s), remembering the last text clipped.
func (b *factsBuilder) clip(s string) string {
	if s != b.unclipped || b.clipped == "" {
		b.unclipped, b.clipped = s, clip(s)
	}
	return b.clipped
}

// clip trims evidence text to maxEvidence runes, at a word boundary.
func clip(s string) string {
	s = spaces.Collapse(s)
	if len(s) <= maxEvidence || utf8.RuneCountInString(s) <= maxEvidence { // no more runes than bytes
		return s
	}
	r := []rune(s)[:maxEvidence]
	cut := string(r)
	if i := strings.LastIndex(cut, " "); i > maxEvidence/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
