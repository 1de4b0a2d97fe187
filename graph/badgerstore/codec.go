package badgerstore

import (
	"errors"
	"fmt"
	"math"
	"unsafe"

	"google.golang.org/protobuf/encoding/protowire"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Values are encoded in the protobuf wire format with protowire: compact,
// fast to decode without reflection, and tolerant of fields added by later
// versions (unknown fields are skipped). Field numbers are part of the
// on-disk format: never renumber them, only add new ones.

// Field numbers of each record.
const (
	// Source.
	fSourceInterview = 1
	fSourceLine      = 2
	fSourceText      = 3
	fSourceWhy       = 4
	// In f/ records: the text and why as positions, from 1, in the
	// record's string table, since one line is the evidence of several
	// edges and a few reasons recur everywhere.
	fSourceTextRef = 5
	fSourceWhyRef  = 6

	// Node.
	fNodeID      = 1
	fNodeKind    = 2
	fNodeName    = 3
	fNodeAliases = 4
	fNodeURL     = 5
	fNodeIDRef   = 6 // in f/ records: ID and kind as positions in the string table
	fNodeKindRef = 7

	// Edge (inside a facts record).
	fEdgeFrom    = 1
	fEdgeTo      = 2
	fEdgeRel     = 3
	fEdgeSources = 4
	fEdgeFromRef = 5 // in f/ records: endpoints and relation as positions in the string table
	fEdgeToRef   = 6
	fEdgeRelRef  = 7

	// InterviewInfo.
	fInfoSlug  = 1
	fInfoPath  = 2
	fInfoTitle = 3
	fInfoDate  = 4
	fInfoURL   = 5
	fInfoGuest = 6
	fInfoHash  = 7

	// Facts: the f/ record. Field 1 held the InterviewInfo in schema 1;
	// it is in the i/ record now.
	fFactsNodes   = 2
	fFactsEdges   = 3
	fFactsStrings = 4 // the string table, in position order

	// Centrality.
	fCentPageRank    = 1
	fCentBetweenness = 2
	fCentHarmonic    = 3
	fCentDegree      = 4
	fCentRecommended = 5
	fCentHub         = 6
	fCentAuthority   = 7
	fCentCommunity   = 8
	fCentApproximate = 9

	// Analytics summary (m/analytics); centrality is stored under c/.
	fAnaModularity  = 1
	fAnaCommunities = 2
	fAnaPivots      = 3
	fAnaFingerprint = 4
)

var errMalformed = errors.New("malformed record")

func appendString(b []byte, num protowire.Number, s string) []byte {
	if s == "" {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.BytesType)
	return protowire.AppendString(b, s)
}

func appendInt(b []byte, num protowire.Number, v int) []byte {
	if v == 0 {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, protowire.EncodeZigZag(int64(v)))
}

func appendFloat(b []byte, num protowire.Number, v float64) []byte {
	if v == 0 && !math.Signbit(v) {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.Fixed64Type)
	return protowire.AppendFixed64(b, math.Float64bits(v))
}

func appendBool(b []byte, num protowire.Number, v bool) []byte {
	if !v {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, 1)
}

// appendMessage appends an embedded message built by enc.
func appendMessage(b []byte, num protowire.Number, enc func([]byte) []byte) []byte {
	b = protowire.AppendTag(b, num, protowire.BytesType)
	// Reserve one length byte, the common case, and shift if it needs more.
	start := len(b)
	b = append(b, 0)
	b = enc(b)
	n := len(b) - start - 1
	size := protowire.SizeVarint(uint64(n))
	if size == 1 {
		b[start] = byte(n)
		return b
	}
	b = append(b, make([]byte, size-1)...)
	copy(b[start+size:], b[start+1:start+1+n])
	protowire.AppendVarint(b[start:start], uint64(n))
	return b
}

// field is one decoded field of a record.
type field struct {
	num   protowire.Number
	typ   protowire.Type
	u     uint64 // varint and fixed values
	bytes []byte // length-delimited values
}

func (f field) str() string     { return string(f.bytes) }
func (f field) int() int        { return int(protowire.DecodeZigZag(f.u)) }
func (f field) float() float64  { return math.Float64frombits(f.u) }
func (f field) boolean() bool   { return f.u != 0 }
func (f field) isBytes() bool   { return f.typ == protowire.BytesType }
func (f field) isVarint() bool  { return f.typ == protowire.VarintType }
func (f field) isFixed64() bool { return f.typ == protowire.Fixed64Type }

// eachField calls fn for every field of the record b. Fields of a type fn
// does not expect are reported by fn returning false, which is an error.
func eachField(b []byte, fn func(f field) bool) error {
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return fmt.Errorf("%w: %v", errMalformed, protowire.ParseError(n))
		}
		b = b[n:]
		f := field{num: num, typ: typ}
		switch typ {
		case protowire.VarintType:
			f.u, n = protowire.ConsumeVarint(b)
		case protowire.Fixed64Type:
			f.u, n = protowire.ConsumeFixed64(b)
		case protowire.BytesType:
			f.bytes, n = protowire.ConsumeBytes(b)
		default:
			n = protowire.ConsumeFieldValue(num, typ, b)
		}
		if n < 0 {
			return fmt.Errorf("%w: field %d: %v", errMalformed, num, protowire.ParseError(n))
		}
		b = b[n:]
		if !fn(f) {
			return fmt.Errorf("%w: field %d has wire type %d", errMalformed, num, typ)
		}
	}
	return nil
}

// stringTable numbers the distinct strings of one record from 1, in the
// order of first use, so that the encoding is deterministic.
type stringTable struct {
	refs map[string]uint64
	list []string
	// recent holds strings numbered before, by address: a record names
	// each node in several edges and each evidence line in several
	// sources, mostly with the same copy of the string, and the
	// extractor's kinds, relations and reasons are constants. A hit
	// hashes nothing.
	recent [128]recentRef
}

// reset empties t for another record, sized for about n strings when it
// has none yet. The recent strings go too: their addresses may be
// reused by other strings.
func (t *stringTable) reset(n int) {
	if t.refs == nil {
		t.refs, t.list = make(map[string]uint64, n), make([]string, 0, n)
		return
	}
	clear(t.refs)
	clear(t.list)
	t.list = t.list[:0]
	t.recent = [len(t.recent)]recentRef{}
}

// recentRef is a string a stringTable numbered, by its address, and its
// position.
type recentRef struct {
	addr stringAddr
	ref  uint64
}

// ref returns the position of s, adding it if new; 0 for "".
func (t *stringTable) ref(s string) uint64 {
	if s == "" {
		return 0
	}
	a := addrOf(s)
	p := uintptr(unsafe.Pointer(a.data))
	slot := &t.recent[(p>>3^p>>11^uintptr(a.len))%uintptr(len(t.recent))]
	if slot.addr == a {
		return slot.ref
	}
	r, ok := t.refs[s]
	if !ok {
		if t.refs == nil {
			t.refs = map[string]uint64{}
		}
		t.list = append(t.list, s)
		r = uint64(len(t.list))
		t.refs[s] = r
	}
	*slot = recentRef{a, r}
	return r
}

// lookup sets *dst to the string at position ref (from 1) of table,
// reporting whether there is one.
func lookup[S ~string](table []string, ref uint64, dst *S) bool {
	if ref < 1 || ref > uint64(len(table)) {
		return false
	}
	*dst = S(table[ref-1])
	return true
}

func appendRef(b []byte, num protowire.Number, ref uint64) []byte {
	if ref == 0 {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, ref)
}

// appendSource encodes s, leaving out its interview if it is the record's
// own (slug): every source of an f/ record names that record's interview.
// With a table, the text and why are positions in it.
func appendSource(b []byte, s graph.Source, slug string, table *stringTable) []byte {
	if s.Interview != slug {
		b = appendString(b, fSourceInterview, s.Interview)
	}
	b = appendInt(b, fSourceLine, s.Line)
	if table != nil {
		b = appendRef(b, fSourceTextRef, table.ref(s.Text))
		return appendRef(b, fSourceWhyRef, table.ref(s.Why))
	}
	b = appendString(b, fSourceText, s.Text)
	return appendString(b, fSourceWhy, s.Why)
}

// decodeSource decodes a source; one without an interview names slug, and
// text and why given as positions are looked up in table.
func decodeSource(b []byte, slug string, table []string) (graph.Source, error) {
	s := graph.Source{Interview: slug}
	err := eachField(b, func(f field) bool {
		switch f.num {
		case fSourceInterview:
			s.Interview = f.str()
			return f.isBytes()
		case fSourceLine:
			s.Line = f.int()
			return f.isVarint()
		case fSourceText:
			s.Text = f.str()
			return f.isBytes()
		case fSourceWhy:
			s.Why = f.str()
			return f.isBytes()
		case fSourceTextRef:
			return f.isVarint() && lookup(table, f.u, &s.Text)
		case fSourceWhyRef:
			return f.isVarint() && lookup(table, f.u, &s.Why)
		}
		return true
	})
	return s, err
}

// appendNode encodes n; with a table, its ID and kind are positions in it.
func appendNode(b []byte, n graph.Node, table *stringTable) []byte {
	if table != nil {
		b = appendRef(b, fNodeIDRef, table.ref(n.ID))
		b = appendRef(b, fNodeKindRef, table.ref(string(n.Kind)))
	} else {
		b = appendString(b, fNodeID, n.ID)
		b = appendString(b, fNodeKind, string(n.Kind))
	}
	b = appendString(b, fNodeName, n.Name)
	for _, a := range n.Aliases {
		b = protowire.AppendTag(b, fNodeAliases, protowire.BytesType)
		b = protowire.AppendString(b, a)
	}
	return appendString(b, fNodeURL, n.URL)
}

// decodeNode decodes a node; an ID or kind given as a position is looked
// up in table.
func decodeNode(b []byte, table []string) (graph.Node, error) {
	var n graph.Node
	err := eachField(b, func(f field) bool {
		switch f.num {
		case fNodeIDRef:
			return f.isVarint() && lookup(table, f.u, &n.ID)
		case fNodeKindRef:
			return f.isVarint() && lookup(table, f.u, &n.Kind)
		case fNodeID:
			n.ID = f.str()
		case fNodeKind:
			n.Kind = graph.Kind(f.str())
		case fNodeName:
			n.Name = f.str()
		case fNodeAliases:
			n.Aliases = append(n.Aliases, f.str())
		case fNodeURL:
			n.URL = f.str()
		default:
			return true
		}
		return f.isBytes()
	})
	return n, err
}

func appendInfo(b []byte, in graph.InterviewInfo) []byte {
	b = appendString(b, fInfoSlug, in.Slug)
	b = appendString(b, fInfoPath, in.Path)
	b = appendString(b, fInfoTitle, in.Title)
	b = appendString(b, fInfoDate, in.Date)
	b = appendString(b, fInfoURL, in.URL)
	b = appendString(b, fInfoGuest, in.Guest)
	return appendString(b, fInfoHash, in.Hash)
}

func decodeInfo(b []byte) (graph.InterviewInfo, error) {
	var in graph.InterviewInfo
	err := eachField(b, func(f field) bool {
		switch f.num {
		case fInfoSlug:
			in.Slug = f.str()
		case fInfoPath:
			in.Path = f.str()
		case fInfoTitle:
			in.Title = f.str()
		case fInfoDate:
			in.Date = f.str()
		case fInfoURL:
			in.URL = f.str()
		case fInfoGuest:
			in.Guest = f.str()
		case fInfoHash:
			in.Hash = f.str()
		default:
			return true
		}
		return f.isBytes()
	})
	return in, err
}

// appendEdge encodes e; sources naming slug leave it out, and their texts
// go in table if there is one (see appendSource).
func appendEdge(b []byte, e graph.Edge, slug string, table *stringTable) []byte {
	if table != nil {
		b = appendRef(b, fEdgeFromRef, table.ref(e.From))
		b = appendRef(b, fEdgeToRef, table.ref(e.To))
		b = appendRef(b, fEdgeRelRef, table.ref(string(e.Rel)))
	} else {
		b = appendString(b, fEdgeFrom, e.From)
		b = appendString(b, fEdgeTo, e.To)
		b = appendString(b, fEdgeRel, string(e.Rel))
	}
	for _, s := range e.Sources {
		b = appendMessage(b, fEdgeSources, func(b []byte) []byte { return appendSource(b, s, slug, table) })
	}
	return b
}

// decodeEdge decodes an edge; sources without an interview name slug.
func decodeEdge(b []byte, slug string, table []string) (graph.Edge, error) {
	var e graph.Edge
	var inner error
	err := eachField(b, func(f field) bool {
		switch f.num {
		case fEdgeFromRef:
			return f.isVarint() && lookup(table, f.u, &e.From)
		case fEdgeToRef:
			return f.isVarint() && lookup(table, f.u, &e.To)
		case fEdgeRelRef:
			return f.isVarint() && lookup(table, f.u, &e.Rel)
		case fEdgeFrom:
			e.From = f.str()
		case fEdgeTo:
			e.To = f.str()
		case fEdgeRel:
			e.Rel = graph.Rel(f.str())
		case fEdgeSources:
			if !f.isBytes() {
				return false
			}
			s, err := decodeSource(f.bytes, slug, table)
			if err != nil {
				inner = err
			}
			e.Sources = append(e.Sources, s)
		default:
			return true
		}
		return f.isBytes()
	})
	return e, errors.Join(err, inner)
}

// encodeInfo encodes the i/ record of an interview.
func encodeInfo(in graph.InterviewInfo) []byte { return appendInfo(nil, in) }

// encodeFacts encodes the f/ record of an interview: its nodes and edges.
// The InterviewInfo is the i/ record.
func encodeFacts(f *graph.Facts) []byte {
	var e factsEncoder
	return e.encode(f)
}

// factsEncoder encodes f/ records, reusing its buffer and string table
// from one record to the next: a build encodes every interview's, over
// a hundred megabytes at 10,000 interviews, and fresh memory costs a
// page fault for every 4 KB of it.
type factsEncoder struct {
	buf   []byte
	table stringTable
}

// encode returns the f/ record of f, in memory that the next call reuses.
func (e *factsEncoder) encode(f *graph.Facts) []byte {
	b := e.buf[:0]
	if b == nil {
		// Sized for a typical record, so that a single encoding does
		// not grow step by step.
		b = make([]byte, 0, 64*len(f.Nodes)+96*len(f.Edges))
	}
	// A record's distinct strings are mostly its node IDs and evidence
	// lines, fewer than its nodes and edges.
	e.table.reset(len(f.Nodes) + len(f.Edges))
	for _, n := range f.Nodes {
		b = appendMessage(b, fFactsNodes, func(b []byte) []byte { return appendNode(b, n, &e.table) })
	}
	for _, edge := range f.Edges {
		b = appendMessage(b, fFactsEdges, func(b []byte) []byte { return appendEdge(b, edge, f.Interview.Slug, &e.table) })
	}
	for _, s := range e.table.list {
		b = protowire.AppendTag(b, fFactsStrings, protowire.BytesType)
		b = protowire.AppendString(b, s)
	}
	e.buf = b
	return b
}

// decodeFacts decodes the f/ record of interview slug.
func decodeFacts(b []byte, slug string) (*graph.Facts, error) {
	f := &graph.Facts{}
	// The string table comes last; read it first.
	var table []string
	err := eachField(b, func(fl field) bool {
		if fl.num == fFactsStrings {
			table = append(table, fl.str())
			return fl.isBytes()
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	var errs []error
	err = eachField(b, func(fl field) bool {
		if !fl.isBytes() {
			return fl.num > fFactsEdges
		}
		switch fl.num {
		case fFactsNodes:
			n, err := decodeNode(fl.bytes, table)
			errs = append(errs, err)
			f.Nodes = append(f.Nodes, n)
		case fFactsEdges:
			e, err := decodeEdge(fl.bytes, slug, table)
			errs = append(errs, err)
			f.Edges = append(f.Edges, e)
		}
		return true
	})
	if err := errors.Join(append(errs, err)...); err != nil {
		return nil, err
	}
	return f, nil
}

func encodeCentrality(c graph.Centrality) []byte {
	var b []byte
	b = appendFloat(b, fCentPageRank, c.PageRank)
	b = appendFloat(b, fCentBetweenness, c.Betweenness)
	b = appendFloat(b, fCentHarmonic, c.Harmonic)
	b = appendInt(b, fCentDegree, c.Degree)
	b = appendInt(b, fCentRecommended, c.Recommended)
	b = appendFloat(b, fCentHub, c.Hub)
	b = appendFloat(b, fCentAuthority, c.Authority)
	b = appendInt(b, fCentCommunity, c.Community)
	return appendBool(b, fCentApproximate, c.Approximate)
}

func decodeCentrality(b []byte) (graph.Centrality, error) {
	var c graph.Centrality
	err := eachField(b, func(f field) bool {
		switch f.num {
		case fCentPageRank:
			c.PageRank = f.float()
		case fCentBetweenness:
			c.Betweenness = f.float()
		case fCentHarmonic:
			c.Harmonic = f.float()
		case fCentHub:
			c.Hub = f.float()
		case fCentAuthority:
			c.Authority = f.float()
		case fCentDegree:
			c.Degree = f.int()
			return f.isVarint()
		case fCentRecommended:
			c.Recommended = f.int()
			return f.isVarint()
		case fCentCommunity:
			c.Community = f.int()
			return f.isVarint()
		case fCentApproximate:
			c.Approximate = f.boolean()
			return f.isVarint()
		default:
			return true
		}
		return f.isFixed64()
	})
	return c, err
}

// encodeAnalytics encodes the m/analytics summary, without centrality.
func encodeAnalytics(a *graph.Analytics) []byte {
	var b []byte
	b = appendFloat(b, fAnaModularity, a.Modularity)
	b = appendInt(b, fAnaCommunities, a.Communities)
	b = appendInt(b, fAnaPivots, a.Pivots)
	return appendString(b, fAnaFingerprint, a.Fingerprint)
}

func decodeAnalytics(b []byte) (*graph.Analytics, error) {
	a := &graph.Analytics{}
	err := eachField(b, func(f field) bool {
		switch f.num {
		case fAnaModularity:
			a.Modularity = f.float()
			return f.isFixed64()
		case fAnaCommunities:
			a.Communities = f.int()
			return f.isVarint()
		case fAnaPivots:
			a.Pivots = f.int()
			return f.isVarint()
		case fAnaFingerprint:
			a.Fingerprint = f.str()
			return f.isBytes()
		}
		return true
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

func encodeSchema(v uint64) []byte { return protowire.AppendVarint(nil, v) }

func decodeSchema(b []byte) (uint64, error) {
	v, n := protowire.ConsumeVarint(b)
	if n < 0 || n != len(b) {
		return 0, fmt.Errorf("%w: schema version %x", errMalformed, b)
	}
	return v, nil
}
