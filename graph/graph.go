// Package graph holds peoplegraph's domain model: the kinds of node, the
// relations between them, the facts an interview contributes, and the
// in-memory Graph that analytics, queries and exporters read.
//
// Infrastructure lives in sub-packages named after what they depend on
// (graph/badgerstore for the Badger database); algorithms live in
// graph/analytics and graph/query as plain functions over *Graph or Store.
package graph

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Kind is the kind of an entity.
type Kind string

// The node kinds.
const (
	Person       Kind = "person"
	Organization Kind = "organization"
	Service      Kind = "service"
	Topic        Kind = "topic"
	Interview    Kind = "interview"
)

// Kinds lists every node kind in a stable order.
var Kinds = []Kind{Person, Organization, Service, Topic, Interview}

// Valid reports whether k is one of the known kinds.
func (k Kind) Valid() bool {
	for _, v := range Kinds {
		if k == v {
			return true
		}
	}
	return false
}

// Rel is the relation an edge expresses.
type Rel string

// The relations.
const (
	Features       Rel = "features"        // interview → interviewee
	Recommends     Rel = "recommends"      // person → person/service/organization they recommend
	Covers         Rel = "covers"          // person → topic/service/organization they are an expert in
	AffiliatedWith Rel = "affiliated_with" // person → organization
	Mentions       Rel = "mentions"        // person → anything named in their answers
	ProvidedBy     Rel = "provided_by"     // service → organization
	PartOf         Rel = "part_of"         // service/topic/organization → a larger one
)

// Rels lists every relation in a stable order.
var Rels = []Rel{Features, Recommends, Covers, AffiliatedWith, Mentions, ProvidedBy, PartOf}

// Valid reports whether r is one of the known relations.
func (r Rel) Valid() bool {
	for _, v := range Rels {
		if r == v {
			return true
		}
	}
	return false
}

// Source is where a fact was read: the interview's slug, the 1-based line
// in its file, and the text of that line or sentence as evidence.
type Source struct {
	Interview string `json:"interview"`
	Line      int    `json:"line"`
	Text      string `json:"text,omitempty"`
	// Why says how the extractor read the fact, e.g. "listed under a
	// resources heading"; it lets a user see and correct the extractor.
	Why string `json:"why,omitempty"`
}

// Node is one entity. ID is "<kind>/<slug of canonical name>".
type Node struct {
	ID         string      `json:"id"`
	Kind       Kind        `json:"kind"`
	Name       string      `json:"name"`
	Aliases    []string    `json:"aliases,omitempty"`
	URL        string      `json:"url,omitempty"`
	Centrality *Centrality `json:"centrality,omitempty"`
}

// Edge is one relation between two nodes with every place it was read.
type Edge struct {
	From    string   `json:"from"`
	To      string   `json:"to"`
	Rel     Rel      `json:"rel"`
	Sources []Source `json:"sources"`
}

// Key identifies an edge regardless of its sources.
func (e Edge) Key() EdgeKey { return EdgeKey{e.From, e.Rel, e.To} }

// EdgeKey is the identity of an edge: endpoints and relation.
type EdgeKey struct {
	From string
	Rel  Rel
	To   string
}

// Centrality holds the measures computed at build time for one node.
type Centrality struct {
	PageRank    float64 `json:"pagerank"`
	Betweenness float64 `json:"betweenness"`
	Harmonic    float64 `json:"harmonic"`
	Degree      int     `json:"degree"`
	Recommended int     `json:"recommended"`
	Hub         float64 `json:"hub"`
	Authority   float64 `json:"authority"`
	Community   int     `json:"community"`
	// Approximate is set when betweenness and harmonic closeness were
	// estimated by sampling (see package analytics).
	Approximate bool `json:"approximate,omitempty"`
}

// Analytics is what graph/analytics computes for a whole graph.
type Analytics struct {
	// Centrality holds every node's measures by node ID; nil in a graph
	// loaded for a few queries (badgerstore's LoadDeferred), whose
	// nodes' Centrality fields hold the same.
	Centrality  map[string]Centrality `json:"centrality"`
	Modularity  float64               `json:"modularity"`
	Communities int                   `json:"communities"`
	// Pivots is the number of sampled sources used for betweenness; 0
	// means betweenness is exact.
	Pivots int `json:"pivots,omitempty"`
	// Fingerprint identifies what the measures were computed from: the
	// analytics graph and the options (see analytics.Compute). A graph
	// with the same fingerprint has the same measures.
	Fingerprint string `json:"-"`
}

// InterviewInfo describes one interview file.
type InterviewInfo struct {
	Slug  string `json:"slug"`
	Path  string `json:"path"`
	Title string `json:"title,omitempty"`
	Date  string `json:"date,omitempty"`
	URL   string `json:"url,omitempty"`
	Guest string `json:"guest,omitempty"` // node ID of the interviewee
	Hash  string `json:"hash"`            // hex SHA-256 of the file's bytes
}

// Facts is everything one interview contributes to the graph. Every edge's
// sources name Interview.Slug; every edge endpoint is among Nodes.
type Facts struct {
	Interview InterviewInfo `json:"interview"`
	Nodes     []Node        `json:"nodes"`
	Edges     []Edge        `json:"edges"`
}

// Store is the durable graph. Implementations must make ReplaceInterview
// and RemoveInterview atomic: after a crash an interview's facts are either
// all old or all new.
type Store interface {
	// Interviews lists the interviews the store holds, by slug.
	Interviews(ctx context.Context) ([]InterviewInfo, error)
	// ReplaceInterview retracts what the interview said before, if
	// anything, and writes f in one atomic step. The store may keep f:
	// do not change it after the call.
	ReplaceInterview(ctx context.Context, f *Facts) error
	// RemoveInterview retracts everything the interview contributed.
	RemoveInterview(ctx context.Context, slug string) error
	// Load reads the whole graph with the stored analytics.
	Load(ctx context.Context) (*Graph, error)
	// SetAnalytics stores analytics results for the current graph.
	SetAnalytics(ctx context.Context, a *Analytics) error
	// Close releases the database.
	Close() error
}

// Fold normalises a name for matching: NFKC, lower case, every run of
// characters that are not letters or digits folded to one space.
func Fold(s string) string {
	if isASCII(s) {
		return foldASCII(s)
	}
	// Bytes that are not UTF-8 separate words, as the loop below would
	// read them; left in, they keep NFKC from normalising what follows
	// them ("\xf5Ŀ" would fold to "ŀ", and that to "l").
	s = norm.NFKC.String(strings.ToValidUTF8(s, " "))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		space = true
	}
	return b.String()
}

// Slug turns a name into the lower-case, hyphenated form used in IDs.
func Slug(name string) string {
	return strings.ReplaceAll(Fold(name), " ", "-")
}

// NodeID is the canonical ID of an entity of kind k named name.
func NodeID(k Kind, name string) string {
	return string(k) + "/" + Slug(name)
}

// SortNodes orders nodes by ID. Input that is already sorted, as a
// store's is, costs one pass.
func SortNodes(ns []Node) {
	if !slices.IsSortedFunc(ns, compareNodes) {
		slices.SortFunc(ns, compareNodes)
	}
}

func compareNodes(a, b Node) int { return strings.Compare(a.ID, b.ID) }

// SortEdges orders edges by (from, rel, to) and each edge's sources by
// SortSources.
func SortEdges(es []Edge) {
	for i := range es {
		SortSources(es[i].Sources)
	}
	if !slices.IsSortedFunc(es, CompareEdges) {
		slices.SortFunc(es, CompareEdges)
	}
}

// CompareEdges orders edges by key: (from, rel, to), the order of
// SortEdges.
func CompareEdges(a, b Edge) int {
	if c := strings.Compare(a.From, b.From); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.Rel), string(b.Rel)); c != 0 {
		return c
	}
	return strings.Compare(a.To, b.To)
}

// SortSources orders sources by (interview, line, text, why): a total
// order, so equal sets of sources always print the same.
func SortSources(ss []Source) {
	if len(ss) > 1 && !slices.IsSortedFunc(ss, compareSources) {
		slices.SortFunc(ss, compareSources)
	}
}

func compareSources(a, b Source) int {
	if c := strings.Compare(a.Interview, b.Interview); c != 0 {
		return c
	}
	if a.Line != b.Line {
		return cmp.Compare(a.Line, b.Line)
	}
	if c := strings.Compare(a.Text, b.Text); c != 0 {
		return c
	}
	return strings.Compare(a.Why, b.Why)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// foldASCII is Fold for ASCII input, which NFKC leaves unchanged; most
// names are ASCII and this path does not allocate twice.
func foldASCII(s string) string {
	return string(appendFoldASCII(make([]byte, 0, len(s)), s))
}

// AppendFold appends Fold(s) to dst; for ASCII s it allocates nothing
// beyond growing dst, so callers can fold into a reused buffer.
func AppendFold(dst []byte, s string) []byte {
	if !isASCII(s) {
		return append(dst, Fold(s)...)
	}
	return appendFoldASCII(dst, s)
}

// foldByte is an ASCII byte as Fold keeps it: a letter, lower-cased, or a
// digit; word is false for every other byte, which separates words.
func foldByte(c byte) (folded byte, word bool) {
	switch {
	case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		return c, true
	case 'A' <= c && c <= 'Z':
		return c + 'a' - 'A', true
	}
	return c, false
}

// appendFoldASCII appends the letters and digits of ASCII s, lower-cased,
// in words joined by single spaces.
func appendFoldASCII(dst []byte, s string) []byte {
	start, space := len(dst), false
	for i := 0; i < len(s); i++ {
		c, word := foldByte(s[i])
		if !word {
			space = true
			continue
		}
		if space && len(dst) > start {
			dst = append(dst, ' ')
		}
		space = false
		dst = append(dst, c)
	}
	return dst
}
