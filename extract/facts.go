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
	// maps index them by ID and by their ends and relation. ends holds
	// each edge's ends as nodes.
	nodes  []graph.Node
	edges  []graph.Edge
	ends   []edgeKey
	nodeAt map[string]nodeRef
	edgeAt map[edgeSlot]int32
	// rels holds the relations of edges, in the order met; it is kept
	// from call to call.
	rels []graph.Rel
	// entryNodes holds, by gazetteer entry index, 1 + the entry's node,
	// 0 before it has one: entries are met again and again, and then
	// found without building their ID's hash.
	entryNodes []nodeRef
	// whys holds, by entry index, the Why of the entry's provided_by
	// edges.
	whys []string
	// aliases holds, by node, the node's aliases as they are added;
	// facts copies them out into one allocation, and the lists are kept
	// for the next call.
	aliases [][]string
	// aliased holds, by node, the first of the alias list last added to
	// it: an entry's node is met again and again, its aliases once.
	aliased []*string
	// sources is the block edges' first sources are taken from.
	sources []graph.Source
	// unnamedProviders holds the provided_by edges to providers the
	// interview had not named when the service was met; facts keeps
	// those whose provider it names by the end.
	unnamedProviders []providedBy
	// clipped is clip(unclipped): the facts read from one sentence share
	// their evidence, which is clipped once.
	unclipped, clipped string
}

// nodeRef is a node of a factsBuilder: its index in nodes.
type nodeRef int32

// noNode is the nodeRef of no node.
const noNode nodeRef = -1

// edgeKey identifies an edge by its ends and relation.
type edgeKey struct {
	from, to nodeRef
	rel      graph.Rel
}

// edgeSlot is an edge's key in edgeAt: its ends and the index of its
// relation in rels. Holding no string, it is hashed as plain memory.
type edgeSlot struct {
	from, to nodeRef
	rel      int32
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
		sc.nodeAt = make(map[string]nodeRef, 64)
		sc.edgeAt = make(map[edgeSlot]int32, 64)
		sc.nodes = make([]graph.Node, 0, 64)
		sc.aliased = make([]*string, 0, 64)
		sc.edges = make([]graph.Edge, 0, 64)
		sc.ends = make([]edgeKey, 0, 64)
	}
	n := 0
	if gaz != nil {
		n = gaz.Len()
	}
	if len(sc.entryNodes) != n {
		sc.entryNodes, sc.whys = make([]nodeRef, n), make([]string, n)
	}
	return &factsBuilder{
		slug:       slug,
		gaz:        gaz,
		nodes:      sc.nodes,
		aliases:    sc.aliases,
		aliased:    sc.aliased,
		edges:      sc.edges,
		ends:       sc.ends,
		nodeAt:     sc.nodeAt,
		edgeAt:     sc.edgeAt,
		rels:       sc.rels,
		entryNodes: sc.entryNodes,
		whys:       sc.whys,

		unnamedProviders: sc.unnamedProviders,
	}
}

// scratch holds what an Extract call needs only while it runs, kept for
// the next call: the nodes and edges being built and the maps that index
// them (facts copies them out), and the words of a line.
type scratch struct {
	nodes      []graph.Node
	aliases    [][]string
	aliased    []*string
	edges      []graph.Edge
	ends       []edgeKey
	nodeAt     map[string]nodeRef
	edgeAt     map[edgeSlot]int32
	entryNodes []nodeRef
	words      []token
	matches    []gazetteer.Match
	parts      []string
	// whys lasts from call to call: it depends on the gazetteer only,
	// and rels, which the code names.
	whys []string
	rels []graph.Rel
	// unnamedProviders is emptied by facts.
	unnamedProviders []providedBy
}

// keep takes back b's slices, grown as they may be, for the next call.
func (sc *scratch) keep(b *factsBuilder) {
	sc.nodes, sc.aliases, sc.aliased, sc.edges, sc.ends, sc.rels = b.nodes, b.aliases, b.aliased, b.edges, b.ends, b.rels
	sc.unnamedProviders = b.unnamedProviders
}

// reset empties sc for the next call, dropping its references to the
// last interview's facts and text.
func (sc *scratch) reset() {
	clear(sc.nodeAt)
	clear(sc.edgeAt)
	clear(sc.nodes)
	clear(sc.aliased)
	for i, list := range sc.aliases {
		clear(list)
		sc.aliases[i] = list[:0]
	}
	clear(sc.edges)
	clear(sc.entryNodes)
	clear(sc.matches[:cap(sc.matches)]) // a long line's matches outlast a short one's
	clear(sc.parts[:cap(sc.parts)])
	sc.nodes, sc.aliases, sc.aliased, sc.edges, sc.ends = sc.nodes[:0], sc.aliases[:0], sc.aliased[:0], sc.edges[:0], sc.ends[:0]
	sc.words, sc.matches, sc.parts = sc.words[:0], sc.matches[:0], sc.parts[:0]
	// Empty already unless the last call stopped before facts, by a
	// panic: its edges must not reach the next interview's facts.
	clear(sc.unnamedProviders)
	sc.unnamedProviders = sc.unnamedProviders[:0]
}

// id returns the ID of node n.
func (b *factsBuilder) id(n nodeRef) string {
	return b.nodes[n].ID
}

// node adds (or extends) a node and returns it. seen is the form the
// text used, kept as an alias when it differs from the name.
func (b *factsBuilder) node(kind graph.Kind, name, seen, url string, aliases ...string) nodeRef {
	// The ID is built on the stack, and allocated only for a new node.
	var buf [96]byte
	id := appendNodeID(buf[:0], kind, name)
	if i, ok := b.nodeAt[string(id)]; ok {
		b.extend(i, seen, url, aliases)
		return i
	}
	return b.nodeWithID(string(id), kind, name, seen, url, aliases)
}

// nodeWithID is node for a caller that knows the node's ID.
func (b *factsBuilder) nodeWithID(id string, kind graph.Kind, name, seen, url string, aliases []string) nodeRef {
	i, ok := b.nodeAt[id]
	if !ok {
		i = nodeRef(len(b.nodes))
		b.nodeAt[id] = i
		b.nodes = append(b.nodes, graph.Node{ID: id, Kind: kind, Name: name})
		b.aliased = append(b.aliased, nil)
		if int(i) < cap(b.aliases) {
			b.aliases = b.aliases[:i+1] // the list there is an emptied one of an earlier call
		} else {
			b.aliases = append(b.aliases, nil)
		}
	}
	b.extend(i, seen, url, aliases)
	return i
}

// extend adds to node i the aliases it lacks, seen when it differs from
// the name, and url when it has none.
func (b *factsBuilder) extend(i nodeRef, seen, url string, aliases []string) {
	n := &b.nodes[i]
	list := b.aliases[i]
	if len(aliases) > 0 && b.aliased[i] != &aliases[0] {
		list = slices.Grow(list, len(aliases))
		for _, a := range aliases {
			list = addAlias(list, n.Name, a)
		}
		b.aliased[i] = &aliases[0]
	}
	b.aliases[i] = addAlias(list, n.Name, seen)
	if n.URL == "" {
		n.URL = url
	}
}

// entryNode is nodeWithID for a gazetteer entry's node, found by the
// entry's index once it has one.
func (b *factsBuilder) entryNode(e *gazetteer.Entry, seen, url string) nodeRef {
	k, ok := b.gaz.Index(e)
	if !ok {
		return b.nodeWithID(e.ID(), e.Kind, e.Name, seen, url, e.Aliases)
	}
	if i := b.entryNodes[k] - 1; i != noNode {
		b.extend(i, seen, url, e.Aliases)
		return i
	}
	i := b.nodeWithID(e.ID(), e.Kind, e.Name, seen, url, e.Aliases)
	b.entryNodes[k] = i + 1
	return i
}

// appendNodeID appends graph.NodeID(kind, name) to dst: a slug is the
// name folded with its spaces turned to hyphens.
func appendNodeID(dst []byte, kind graph.Kind, name string) []byte {
	dst = append(append(dst, kind...), '/')
	start := len(dst)
	dst = graph.AppendFold(dst, name)
	for i := start; i < len(dst); i++ {
		if dst[i] == ' ' {
			dst[i] = '-'
		}
	}
	return dst
}

// addAlias adds a to the aliases of a node called name.
func addAlias(aliases []string, name, a string) []string {
	if a != "" && a != name && !contains(aliases, a) {
		aliases = append(aliases, a)
	}
	return aliases
}

// entity adds the node of a gazetteer entry and the provided_by edge to
// its provider, read from the same source. The entry's part_of is not
// emitted: it is a fact of the dictionary, not of the interview (the
// annotated gold counts "Azure part_of Microsoft" read from an interview
// that never says so as wrong). Nor is a provider the interview does not
// name, unless naming the service implies it (AWS for Lambda, not the
// CNCF for Kubernetes): the edge is held back until facts, by when the
// interview may have named it.
func (b *factsBuilder) entity(e *gazetteer.Entry, seen string, src graph.Source) nodeRef {
	i := b.entryNode(e, seen, e.URL)
	if p, ok := b.gaz.Provider(e); ok && p.ID() != e.ID() {
		if _, named := b.nodeAt[p.ID()]; !named && !p.Implied {
			b.unnamedProviders = append(b.unnamedProviders, providedBy{i, e, p, src})
			return i
		}
		pi := b.entryNode(p, "", p.URL)
		b.edge(i, graph.ProvidedBy, pi, withWhy(src, b.providedWhy(e, p)))
	}
	return i
}

// providedBy is a provided_by edge from the node of a service to its
// provider.
type providedBy struct {
	service         nodeRef
	entry, provider *gazetteer.Entry
	src             graph.Source
}

// addNamedProviders adds the provided_by edges held back whose provider
// the interview has named since.
func (b *factsBuilder) addNamedProviders() {
	for _, pb := range b.unnamedProviders {
		if _, named := b.nodeAt[pb.provider.ID()]; named {
			pi := b.entryNode(pb.provider, "", pb.provider.URL)
			b.edge(pb.service, graph.ProvidedBy, pi, withWhy(pb.src, b.providedWhy(pb.entry, pb.provider)))
		}
	}
	clear(b.unnamedProviders)
	b.unnamedProviders = b.unnamedProviders[:0]
}

// providedWhy returns why e is said to be provided by p, its provider,
// built once for the entry.
func (b *factsBuilder) providedWhy(e, p *gazetteer.Entry) string {
	k, ok := b.gaz.Index(e)
	if !ok {
		return "gazetteer: " + e.Name + " is provided by " + p.Name
	}
	if b.whys[k] == "" {
		b.whys[k] = "gazetteer: " + e.Name + " is provided by " + p.Name
	}
	return b.whys[k]
}

// edge adds an edge with one source; a second source on the same line is
// the same place read twice and is dropped.
func (b *factsBuilder) edge(from nodeRef, rel graph.Rel, to nodeRef, src graph.Source) {
	if from == noNode || to == noNode || from == to {
		return
	}
	r := slices.Index(b.rels, rel)
	if r < 0 {
		r = len(b.rels)
		b.rels = append(b.rels, rel)
	}
	slot := edgeSlot{from: from, to: to, rel: int32(r)}
	i, ok := b.edgeAt[slot]
	if !ok {
		i = int32(len(b.edges))
		b.edgeAt[slot] = i
		b.edges = append(b.edges, graph.Edge{From: b.id(from), To: b.id(to), Rel: rel})
		b.ends = append(b.ends, edgeKey{from: from, to: to, rel: rel})
	}
	e := &b.edges[i]
	for _, s := range e.Sources {
		if s.Line == src.Line {
			return
		}
	}
	src.Interview = b.slug
	src.Text = b.clip(src.Text)
	switch len(e.Sources) {
	case 0:
		// Most edges have one source: take it from a shared block,
		// capped so that a second source moves the edge's sources out.
		e.Sources = b.takeSources(1)
		e.Sources[0] = src
	case 1:
		// The edges with more have a few: room for four, from the
		// block too, before append moves them out again.
		more := b.takeSources(moreSources)[:2]
		more[0], more[1] = e.Sources[0], src
		e.Sources = more
	default:
		e.Sources = append(e.Sources, src)
	}
}

// moreSources is the room an edge's sources get when a second is added.
const moreSources = 4

// takeSources returns n sources' room from the shared block, as a slice
// of length and capacity n.
func (b *factsBuilder) takeSources(n int) []graph.Source {
	if cap(b.sources)-len(b.sources) < n {
		b.sources = make([]graph.Source, 0, sourceBlock)
	}
	at := len(b.sources)
	b.sources = b.sources[:at+n]
	return b.sources[at : at+n : at+n]
}

func (b *factsBuilder) facts(info graph.InterviewInfo) *graph.Facts {
	b.addNamedProviders()
	// Nodes and edges are large to move: they are ordered through their
	// indexes, then each is copied once, into facts of their size. Both
	// orders are total, so the order things were added in does not show;
	// the graph's sorts are left a check that they are in order (and the
	// sort of each edge's sources).
	var buf [128]int32
	order := b.nodeOrder(buf[:0])
	nodes := make([]graph.Node, len(b.nodes))
	var rankBuf [128]int32
	rankOf := slices.Grow(rankBuf[:0], len(b.nodes))[:len(b.nodes)] // by node
	// Every node's aliases go in one allocation.
	total := 0
	for i := range b.nodes {
		b.aliases[i] = cleanAliasList(b.nodes[i].Name, b.aliases[i])
		total += len(b.aliases[i])
	}
	all := make([]string, total)
	for k, i := range order {
		nodes[k] = b.nodes[i]
		if n := copy(all, b.aliases[i]); n > 0 {
			nodes[k].Aliases, all = all[:n:n], all[n:]
		}
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

// nodeOrder appends to dst the nodes in the order of their IDs. The IDs
// are sorted as strings, which the sort compares without a call, and
// then found in the index.
func (b *factsBuilder) nodeOrder(dst []int32) []int32 {
	var buf [128]string
	ids := slices.Grow(buf[:0], len(b.nodes))
	for i := range b.nodes {
		ids = append(ids, b.nodes[i].ID)
	}
	slices.Sort(ids)
	for _, id := range ids {
		dst = append(dst, int32(b.nodeAt[id]))
	}
	return dst
}

// edgeOrder appends to dst the indexes of b.edges in the order of
// graph.CompareEdges, comparing the ranks of the edges' nodes in the
// sorted nodes (rankOf, by node) instead of their IDs. Ranks, relation
// and index are packed into one integer to sort when they fit.
func (b *factsBuilder) edgeOrder(dst []int32, rankOf []int32) []int32 {
	var relBuf [16]graph.Rel
	rels := relBuf[:0]
	for _, k := range b.ends {
		if !slices.Contains(rels, k.rel) {
			rels = append(rels, k.rel)
		}
	}
	if len(b.nodes) > 1<<16 || len(b.ends) > 1<<24 || len(rels) > 1<<8 {
		return b.edgeOrderBy(dst, rankOf)
	}
	slices.Sort(rels)
	var buf [128]uint64
	keys := slices.Grow(buf[:0], len(b.ends))
	for i, k := range b.ends {
		rel := slices.Index(rels, k.rel)
		keys = append(keys, uint64(rankOf[k.from])<<48|uint64(rel)<<40|uint64(rankOf[k.to])<<24|uint64(i))
	}
	slices.Sort(keys)
	for _, k := range keys {
		dst = append(dst, int32(k&(1<<24-1)))
	}
	return dst
}

// edgeOrderBy is edgeOrder for facts too many to pack.
func (b *factsBuilder) edgeOrderBy(dst []int32, rankOf []int32) []int32 {
	type ranked struct {
		from, to int32 // ranks
		rel      graph.Rel
		edge     int32
	}
	keys := make([]ranked, 0, len(b.ends))
	for i, k := range b.ends {
		keys = append(keys, ranked{from: rankOf[k.from], to: rankOf[k.to], rel: k.rel, edge: int32(i)})
	}
	slices.SortFunc(keys, func(x, y ranked) int {
		if c := cmp.Compare(x.from, y.from); c != 0 {
			return c
		}
		if c := strings.Compare(string(x.rel), string(y.rel)); c != 0 {
			return c
		}
		return cmp.Compare(x.to, y.to)
	})
	for _, k := range keys {
		dst = append(dst, k.edge)
	}
	return dst
}

// cleanAliasList drops aliases equal to the name or repeated and sorts
// the rest, in place.
func cleanAliasList(name string, aliases []string) []string {
	out := aliases[:0]
	for _, a := range aliases {
		if a != name && !contains(out, a) {
			out = append(out, a)
		}
	}
	clear(aliases[len(out):])
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
