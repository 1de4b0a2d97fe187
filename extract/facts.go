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
	// whys holds the Why of each entry's provided_by edges.
	whys map[*gazetteer.Entry]string
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
		// Room for a typical interview's facts, so that the slices of
		// pointer-holding structs are rarely copied as they grow.
		sc.nodeAt = make(map[string]int, 64)
		sc.edgeAt = make(map[graph.EdgeKey]int, 64)
		sc.nodes = make([]graph.Node, 0, 64)
		sc.aliased = make([]*string, 0, 64)
		sc.edges = make([]graph.Edge, 0, 64)
		sc.whys = make(map[*gazetteer.Entry]string)
	}
	return &factsBuilder{
		slug:    slug,
		gaz:     gaz,
		nodes:   sc.nodes,
		aliased: sc.aliased,
		edges:   sc.edges,
		nodeAt:  sc.nodeAt,
		edgeAt:  sc.edgeAt,
		whys:    sc.whys,
	}
}

// scratch holds what an Extract call needs only while it runs, kept for
// the next call: the nodes and edges being built and the maps that index
// them (facts copies them out), and the words of a line.
type scratch struct {
	nodes   []graph.Node
	aliased []*string
	edges   []graph.Edge
	nodeAt  map[string]int
	edgeAt  map[graph.EdgeKey]int
	words   []token
	matches []gazetteer.Match
	// whys lasts from call to call: it depends on the gazetteer only.
	whys map[*gazetteer.Entry]string
}

// keep takes back b's slices, grown as they may be, for the next call.
func (sc *scratch) keep(b *factsBuilder) {
	sc.nodes, sc.aliased, sc.edges = b.nodes, b.aliased, b.edges
}

// reset empties sc for the next call, dropping its references to the
// last interview's facts and text.
func (sc *scratch) reset() {
	clear(sc.nodeAt)
	clear(sc.edgeAt)
	clear(sc.nodes)
	clear(sc.aliased)
	clear(sc.edges)
	clear(sc.words)
	clear(sc.matches[:cap(sc.matches)]) // a long line's matches outlast a short one's
	sc.nodes, sc.aliased, sc.edges, sc.words, sc.matches = sc.nodes[:0], sc.aliased[:0], sc.edges[:0], sc.words[:0], sc.matches[:0]
}

// nodeByID returns the node with the given ID, which must exist.
func (b *factsBuilder) nodeByID(id string) *graph.Node {
	return &b.nodes[b.nodeAt[id]]
}

// node adds (or extends) a node and returns its ID. seen is the form the
// text used, kept as an alias when it differs from the name.
func (b *factsBuilder) node(kind graph.Kind, name, seen, url string, aliases ...string) string {
	return b.nodeWithID(nodeID(kind, name), kind, name, seen, url, aliases)
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
		n.Aliases = slices.Grow(n.Aliases, len(aliases))
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

// nodeID is graph.NodeID(kind, name) built in one allocation: a slug is
// the name folded with its spaces turned to hyphens.
func nodeID(kind graph.Kind, name string) string {
	var buf [96]byte
	id := append(append(buf[:0], kind...), '/')
	start := len(id)
	id = graph.AppendFold(id, name)
	for i := start; i < len(id); i++ {
		if id[i] == ' ' {
			id[i] = '-'
		}
	}
	return string(id)
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
		b.edge(id, graph.ProvidedBy, pid, withWhy(src, b.providedWhy(e, p)))
	}
	return id
}

// providedWhy returns why e is said to be provided by p, its provider,
// built once for the entry.
func (b *factsBuilder) providedWhy(e, p *gazetteer.Entry) string {
	why, ok := b.whys[e]
	if !ok {
		why = "gazetteer: " + e.Name + " is provided by " + p.Name
		b.whys[e] = why
	}
	return why
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
	// Nodes and edges are large to move: they are ordered through their
	// indexes, then each is copied once, into facts of their size. Both
	// orders are total, so the order things were added in does not show;
	// the graph's sorts are left a check that they are in order (and the
	// sort of each edge's sources).
	var buf [128]int32
	order := sortedOrder(buf[:0], len(b.nodes), func(i, j int) int { return strings.Compare(b.nodes[i].ID, b.nodes[j].ID) })
	nodes := make([]graph.Node, len(b.nodes))
	var rankBuf [128]int32
	rankOf := slices.Grow(rankBuf[:0], len(b.nodes))[:len(b.nodes)] // by index in b.nodes
	for k, i := range order {
		nodes[k] = b.nodes[i]
		nodes[k].Aliases = cleanAliasList(nodes[k].Name, nodes[k].Aliases)
		rankOf[i] = int32(k)
	}
	var edges []graph.Edge // nil for no edges, as callers have always seen
	if len(b.edges) > 0 {
		order = b.edgeOrder(order[:0], rankOf)
		edges = make([]graph.Edge, len(b.edges))
		for k, i := range order {
			edges[k] = b.edges[i]
		}
	}
	graph.SortNodes(nodes)
	graph.SortEdges(edges)
	return &graph.Facts{Interview: info, Nodes: nodes, Edges: edges}
}

// edgeOrder appends to dst the indexes of b.edges in the order of
// graph.CompareEdges, comparing the ranks of the edges' nodes in the
// sorted nodes (rankOf, by index in b.nodes) instead of their IDs.
func (b *factsBuilder) edgeOrder(dst []int32, rankOf []int32) []int32 {
	type ranks struct{ from, to int32 }
	var keyBuf [128]ranks
	keys := slices.Grow(keyBuf[:0], len(b.edges))
	for _, e := range b.edges {
		from, okFrom := b.nodeAt[e.From]
		to, okTo := b.nodeAt[e.To]
		if !okFrom || !okTo {
			// An edge to a node the builder did not add: compare IDs.
			return sortedOrder(dst, len(b.edges), func(i, j int) int { return graph.CompareEdges(b.edges[i], b.edges[j]) })
		}
		keys = append(keys, ranks{rankOf[from], rankOf[to]})
	}
	return sortedOrder(dst, len(b.edges), func(i, j int) int {
		if c := cmp.Compare(keys[i].from, keys[j].from); c != 0 {
			return c
		}
		if c := strings.Compare(string(b.edges[i].Rel), string(b.edges[j].Rel)); c != 0 {
			return c
		}
		return cmp.Compare(keys[i].to, keys[j].to)
	})
}

// sortedOrder appends to dst the indexes 0 to n-1 sorted by cmp, which
// compares the elements at two indexes.
func sortedOrder(dst []int32, n int, cmp func(i, j int) int) []int32 {
	start := len(dst)
	for i := range n {
		dst = append(dst, int32(i))
	}
	slices.SortFunc(dst[start:], func(i, j int32) int { return cmp(int(i), int(j)) })
	return dst
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
