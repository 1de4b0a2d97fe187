package badgerstore

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/dgraph-io/ristretto/v2/z"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/peoplegraph/peoplegraph/internal/hugepage"
)

// A snapshot is the whole graph exactly as the scan of the n/, e/, i/, c/
// and m/analytics keys gives it, in one blob that Load decodes in a few
// allocations instead of merging a hundred thousand keys. SetAnalytics
// writes it; it is valid while m/stale is absent.
//
// The blob is a sequence of protowire varints, fixed64 floats and
// length-prefixed strings, without field tags: it is a cache rebuilt by
// every SetAnalytics, so it needs no forward compatibility, only a format
// number: a snapshot of another format is unusable, Load scans instead and
// AnalyticsStale reports true, so the next build rewrites it; changing
// the format needs no new schemaVersion. Strings that repeat
// (kinds, relations, interview slugs of sources, the extractor's reasons)
// are written once in a table, sorted, and referred to by number, and so
// is evidence text, in a second table: a line naming several entities is
// the source of several edges (10,000 real interviews have 600,000 sources
// but 106,000 distinct texts, 36 MB of text against 5.6 MB). Texts are
// numbered in order of first use, so that the decoder meets them while
// they are in cache. Edge endpoints are node positions. Because the table
// is sorted, the decoder checks the order of edges and sources by
// comparing numbers, and graph.NewOrdered takes the decoded graph without
// sorting or hashing endpoints again. Edges come in chunks
// of known size, which the decoder decodes on every processor at once.
// Interview slugs are table strings too, so a source's slug and its
// interview's are the same string in memory and compare in one step.
//
//	format
//	table:      count, strings (sorted)
//	texts:      count, strings (evidence texts, in order of first use)
//	totals:     aliases, sources, node centralities (for flat allocations)
//	nodes:      count; id, kind#, name, aliases (count, strings), url,
//	            flags (1: has centrality, 2: analytics has the same for
//	            its ID), centrality if flag 1
//	edges:      count; chunks of snapEdgeChunk edges (the last one
//	            shorter; the decoder takes any sizes), each: edges, sources, bytes, then per edge:
//	            from position, rel#, to position, sources (count;
//	            interview#, line, text# (in texts), why#)
//	interviews: count; slug#, path, title, date, url, guest, hash
//	analytics:  0 none, 1 with nil centrality, 2 with centrality; then
//	            modularity, communities, pivots, fingerprint, and the centrality
//	            entries no node flag 2 covers (count; id, centrality)
//
// The blob is not a Badger value: it is a file in the database directory,
// named by m/snapshot with its size and CRC-32C. Read through the LSM tree
// a 46 MB blob (10,000 real interviews) costs about 95 ms of block
// decompression and copying; in the value log, overwritten blobs would
// pile up until value-log garbage collection, which Badger runs only on
// request and only after compactions. A file is read with one copy and
// replaced outright. SetAnalytics writes the file (synced, renamed into
// place) before the transaction that writes m/snapshot and clears m/stale,
// and removes older files after it; a read-write Open removes files a
// crash left behind.
const snapshotFormat = 5 // 2: evidence texts in the string table; 3: the table sorted; 4: edges in chunks, slugs in the table, texts apart; 5: the analytics' fingerprint

// snapEdgeChunk is how many edges a snapshot stores per chunk: chunks are
// decoded in parallel.
const snapEdgeChunk = 1 << 15

// Node flags in a snapshot.
const (
	snapHasCentrality = 1 << iota
	snapInAnalytics
)

// Fields of the m/snapshot header.
const (
	fSnapFormat = 1
	fSnapFile   = 2
	fSnapSize   = 3
	fSnapCRC    = 4
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// snapshotHeader describes the stored snapshot.
type snapshotHeader struct {
	format int
	file   string // name of the snapshot file in the database directory
	size   int    // bytes of the whole blob
	crc    uint32 // CRC-32C of the whole blob
}

func newSnapshotHeader(file string, blob []byte) snapshotHeader {
	return snapshotHeader{format: snapshotFormat, file: file, size: len(blob), crc: crc32.Checksum(blob, castagnoli)}
}

func encodeSnapshotHeader(h snapshotHeader) []byte {
	var b []byte
	b = appendInt(b, fSnapFormat, h.format)
	b = appendString(b, fSnapFile, h.file)
	b = appendInt(b, fSnapSize, h.size)
	return appendInt(b, fSnapCRC, int(h.crc))
}

func decodeSnapshotHeader(b []byte) (snapshotHeader, error) {
	var h snapshotHeader
	err := eachField(b, func(f field) bool {
		switch f.num {
		case fSnapFormat:
			h.format = f.int()
		case fSnapFile:
			h.file = f.str()
			return f.isBytes()
		case fSnapSize:
			h.size = f.int()
		case fSnapCRC:
			h.crc = uint32(f.int())
		default:
			return true
		}
		return f.isVarint()
	})
	switch {
	case err != nil:
		return h, err
	case h.format != snapshotFormat:
		return h, fmt.Errorf("snapshot format %d, want %d", h.format, snapshotFormat)
	case !isSnapshotFile(h.file) || strings.HasSuffix(h.file, snapshotTempSuffix) || h.size < 0:
		return h, fmt.Errorf("%w: snapshot file %q of %d bytes", errMalformed, h.file, h.size)
	}
	return h, nil
}

// Snapshot files are graph-<Badger version>.snapshot; the version makes
// each SetAnalytics's name new. They are written as temporary files first.
const (
	snapshotPrefix     = "graph-"
	snapshotSuffix     = ".snapshot"
	snapshotTempSuffix = ".tmp"
)

func snapshotFileName(version uint64) string {
	return snapshotPrefix + strconv.FormatUint(version, 10) + snapshotSuffix
}

// isSnapshotFile reports whether name is a snapshot file or a temporary
// one, which a database directory may hold beside Badger's files.
func isSnapshotFile(name string) bool {
	base := strings.TrimSuffix(name, snapshotTempSuffix)
	digits, ok := strings.CutPrefix(strings.TrimSuffix(base, snapshotSuffix), snapshotPrefix)
	if !ok || !strings.HasSuffix(base, snapshotSuffix) || digits == "" {
		return false
	}
	_, err := strconv.ParseUint(digits, 10, 64)
	return err == nil
}

// writeSnapshotFile writes blob to dir/name durably: to a temporary file,
// synced, then renamed into place, and the directory synced.
func writeSnapshotFile(dir, name string, blob []byte) error {
	// The database lock makes this the only writer, so the temporary
	// name can be fixed; a crash's leftover is truncated.
	tmp, err := os.OpenFile(filepath.Join(dir, name+snapshotTempSuffix), os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("write graph snapshot: %w", err)
	}
	_, err = tmp.Write(blob)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("write graph snapshot %s: %w", filepath.Join(dir, name), err)
	}
	return syncDir(dir)
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// readSnapshotFile reads the snapshot file h names and checks it against h.
func readSnapshotFile(dir string, h snapshotHeader) ([]byte, error) {
	blob, _, err := loadSnapshotFile(dir, h, false)
	if err != nil {
		return nil, err
	}
	if err := checkSnapshot(blob, h); err != nil {
		return nil, err
	}
	return blob, nil
}

// loadSnapshotFile returns the bytes of the snapshot file h names,
// without checking them against h: the caller checks them beside the
// decoder (see decodeChecked). With mapIt it maps the file read-only
// (see Options.MapSnapshot) and reports whether it did: where the file
// cannot be mapped, it is read.
func loadSnapshotFile(dir string, h snapshotHeader, mapIt bool) (blob []byte, mapped bool, err error) {
	f, err := os.Open(filepath.Join(dir, h.file))
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	// Touching a mapped page past the end of the file faults the
	// process: the size is checked before mapping, not after.
	if mapIt && info.Size() == int64(h.size) && h.size > 0 {
		if blob, err := z.Mmap(f, false, info.Size()); err == nil {
			return blob, true, nil
		}
	}
	blob = make([]byte, info.Size())
	if _, err := io.ReadFull(f, blob); err != nil {
		return nil, false, err
	}
	return blob, false, nil
}

// decodeChecked decodes blob while another goroutine checks it against
// h. Checking the CRC of the 10,000-interview snapshot (18 MB) takes about
// 5 ms, and the decoder spends its first dozen milliseconds on one
// processor, reading the tables and nodes in order. A blob that does not
// match h is reported as such, whatever the decoder made of it: the
// decoder trusts nothing in its input, so decoding a corrupt blob costs
// time but no harm.
func decodeChecked(blob []byte, h snapshotHeader, decode func([]byte) (*graph.Graph, error)) (*graph.Graph, error) {
	var mismatch error
	var wg sync.WaitGroup
	wg.Go(func() { mismatch = checkSnapshot(blob, h) })
	g, err := decode(blob)
	wg.Wait()
	if mismatch != nil {
		return nil, mismatch
	}
	return g, err
}

// checkSnapshot checks a snapshot's size and CRC against its header.
func checkSnapshot(blob []byte, h snapshotHeader) error {
	if len(blob) != h.size || crc32.Checksum(blob, castagnoli) != h.crc {
		return fmt.Errorf("%w: snapshot file %s of %d bytes does not match its header (%d bytes, CRC-32C %08x)",
			errMalformed, h.file, len(blob), h.size, h.crc)
	}
	return nil
}

// removeSnapshotFiles removes the snapshot files in dir other than keep.
func removeSnapshotFiles(dir, keep string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("remove old graph snapshots: %w", err)
	}
	var errs []error
	for _, e := range entries {
		if name := e.Name(); isSnapshotFile(name) && name != keep {
			if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("remove old graph snapshots: %w", err)
	}
	return nil
}

// snapWriter appends the parts of a snapshot.
type snapWriter struct{ b []byte }

func (w *snapWriter) uint(v uint64)   { w.b = protowire.AppendVarint(w.b, v) }
func (w *snapWriter) int(v int)       { w.uint(protowire.EncodeZigZag(int64(v))) }
func (w *snapWriter) str(s string)    { w.b = protowire.AppendString(w.b, s) }
func (w *snapWriter) float(v float64) { w.b = protowire.AppendFixed64(w.b, math.Float64bits(v)) }

func (w *snapWriter) bool(v bool) {
	if v {
		w.uint(1)
	} else {
		w.uint(0)
	}
}

func (w *snapWriter) centrality(c graph.Centrality) {
	w.float(c.PageRank)
	w.float(c.Betweenness)
	w.float(c.Harmonic)
	w.float(c.Hub)
	w.float(c.Authority)
	w.int(c.Degree)
	w.int(c.Recommended)
	w.int(c.Community)
	w.bool(c.Approximate)
}

// encodeSnapshot encodes g, which must be what graph.New returned (nodes
// sorted and indexed, every edge endpoint a node).
func encodeSnapshot(g *graph.Graph) ([]byte, error) {
	return encodeSnapshotChunked(g, snapEdgeChunk)
}

// encodeSnapshotChunked is encodeSnapshot with edgeChunk edges per chunk.
func encodeSnapshotChunked(g *graph.Graph, edgeChunk int) ([]byte, error) {
	body, err := encodeSnapshotBody(g, edgeChunk)
	if err != nil {
		return nil, err
	}
	return body.encode(g)
}

// snapshotBody is the part of a snapshot that analytics leave alone,
// encoded: the string tables, the edges and the interviews, nine tenths
// of the blob. PrepareAnalytics encodes it while the analytics are being
// computed.
type snapshotBody struct {
	kinds            []uint32 // the table number of each node's kind
	tables           []byte   // the table and the texts
	aliases, sources int
	edges            []byte // count and chunks
	interviews       []byte
}

// snapNumbers are the numbers encodeSnapshotBody gives the strings of a
// graph while it builds the tables, so that encoding the edges looks
// nothing up again. Table numbers are in order of first use until
// rank, the position of each in the sorted table, is known.
type snapNumbers struct {
	rels    []uint32 // per edge
	sources []uint32 // per source, in edge order: slug, text, reason
	rank    []uint32
}

// encodeSnapshotBody encodes the part of g's snapshot that does not depend
// on g's analytics.
func encodeSnapshotBody(g *graph.Graph, edgeChunk int) (*snapshotBody, error) {
	body := &snapshotBody{kinds: make([]uint32, len(g.Nodes))}
	for _, e := range g.Edges {
		body.sources += len(e.Sources)
	}
	// Kinds, relations, slugs and reasons: one slug per interview and a
	// few dozen others.
	table := newInterner(len(g.Interviews) + 64)
	nums := snapNumbers{rels: make([]uint32, len(g.Edges)), sources: make([]uint32, 3*body.sources)}
	for i, n := range g.Nodes {
		body.kinds[i] = table.number(string(n.Kind))
		body.aliases += len(n.Aliases)
	}
	// Evidence texts are numbered by interview: see numberInGroups.
	texts := make([]string, 0, body.sources)
	slugOf := make([]uint32, 0, body.sources)
	var rel, slug, why lastNumber
	at := 0
	for k, e := range g.Edges {
		nums.rels[k] = rel.number(table, string(e.Rel))
		for _, s := range e.Sources {
			n := slug.number(table, s.Interview)
			nums.sources[at], nums.sources[at+2] = n, why.number(table, s.Why)
			at += 3
			texts = append(texts, s.Text)
			slugOf = append(slugOf, n)
		}
	}
	slugs := make([]uint32, len(g.Interviews))
	for i, in := range g.Interviews {
		slugs[i] = table.number(in.Slug)
	}
	textNums, textList := numberInGroups(texts, slugOf, len(table.list))
	for i, n := range textNums {
		nums.sources[3*i+1] = n
	}
	sorted, rank := sortedTable(table.list)
	nums.rank = rank
	for i, k := range body.kinds {
		body.kinds[i] = rank[k]
	}

	size := 2 * binary.MaxVarintLen64
	for _, s := range sorted {
		size += binary.MaxVarintLen64 + len(s)
	}
	for _, s := range textList {
		size += binary.MaxVarintLen64 + len(s)
	}
	w := &snapWriter{b: make([]byte, 0, size)}
	w.uint(uint64(len(sorted)))
	for _, s := range sorted {
		w.str(s)
	}
	w.uint(uint64(len(textList)))
	for _, s := range textList {
		w.str(s)
	}
	body.tables = w.b

	chunks, err := encodeEdgeChunks(g, edgeChunk, &nums)
	if err != nil {
		return nil, err
	}
	size = binary.MaxVarintLen64
	for _, c := range chunks {
		size += 3*binary.MaxVarintLen64 + len(c.b)
	}
	ew := &snapWriter{b: make([]byte, 0, size)}
	ew.uint(uint64(len(g.Edges)))
	for _, c := range chunks {
		ew.uint(uint64(c.edges))
		ew.uint(uint64(c.sources))
		ew.uint(uint64(len(c.b)))
		ew.b = append(ew.b, c.b...)
	}
	body.edges = ew.b

	iw := &snapWriter{}
	iw.uint(uint64(len(g.Interviews)))
	for i, in := range g.Interviews {
		iw.uint(uint64(rank[slugs[i]]))
		for _, s := range []string{in.Path, in.Title, in.Date, in.URL, in.Guest, in.Hash} {
			iw.str(s)
		}
	}
	body.interviews = iw.b
	return body, nil
}

// sortedTable returns the strings of list sorted, and the position in the
// sorted table of each string of list.
func sortedTable(list []string) (sorted []string, rank []uint32) {
	order := make([]uint32, len(list))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(a, b uint32) int { return strings.Compare(list[a], list[b]) })
	sorted = make([]string, len(list))
	rank = make([]uint32, len(list))
	for pos, i := range order {
		sorted[pos] = list[i]
		rank[i] = uint32(pos)
	}
	return sorted, rank
}

// encode returns the whole snapshot of g, which must be the graph the
// body was encoded from (analytics and centralities apart).
func (body *snapshotBody) encode(g *graph.Graph) ([]byte, error) {
	var analytics map[string]graph.Centrality
	if g.Analytics != nil {
		analytics = g.Analytics.Centrality
	}
	central := 0
	for _, n := range g.Nodes {
		if n.Centrality != nil {
			central++
		}
	}
	covered := 0 // analytics entries a node flag stands for

	if len(body.kinds) != len(g.Nodes) {
		return nil, fmt.Errorf("snapshot: body of %d nodes for a graph of %d", len(body.kinds), len(g.Nodes))
	}
	w := &snapWriter{}
	w.b = make([]byte, 0, len(body.tables)+len(body.edges)+len(body.interviews)+len(g.Nodes)*128)
	w.uint(snapshotFormat)
	w.b = append(w.b, body.tables...)
	w.uint(uint64(body.aliases))
	w.uint(uint64(body.sources))
	w.uint(uint64(central))

	w.uint(uint64(len(g.Nodes)))
	for i, n := range g.Nodes {
		w.str(n.ID)
		w.uint(uint64(body.kinds[i]))
		w.str(n.Name)
		w.uint(uint64(len(n.Aliases)))
		for _, a := range n.Aliases {
			w.str(a)
		}
		w.str(n.URL)
		var flags uint64
		if n.Centrality != nil {
			flags |= snapHasCentrality
			if c, ok := analytics[n.ID]; ok && c == *n.Centrality {
				flags |= snapInAnalytics
				covered++
			}
		}
		w.uint(flags)
		if n.Centrality != nil {
			w.centrality(*n.Centrality)
		}
	}
	w.b = append(w.b, body.edges...)
	w.b = append(w.b, body.interviews...)

	switch {
	case g.Analytics == nil:
		w.uint(0)
		return w.b, nil
	case g.Analytics.Centrality == nil:
		w.uint(1)
	default:
		w.uint(2)
	}
	w.float(g.Analytics.Modularity)
	w.int(g.Analytics.Communities)
	w.int(g.Analytics.Pivots)
	w.str(g.Analytics.Fingerprint)
	var extra []string
	for id, c := range analytics {
		if n, ok := g.Node(id); !ok || n.Centrality == nil || *n.Centrality != c {
			extra = append(extra, id)
		}
	}
	if len(extra)+covered != len(analytics) {
		return nil, errors.New("snapshot: node IDs are not unique")
	}
	slices.Sort(extra)
	w.uint(uint64(len(extra)))
	for _, id := range extra {
		w.str(id)
		w.centrality(analytics[id])
	}
	return w.b, nil
}

// encodedChunk is one encoded chunk of a snapshot's edges.
type encodedChunk struct {
	b              []byte
	edges, sources int
}

// encodeEdgeChunks encodes g's edges in chunks of size edges, on every
// processor at once, with the numbers encodeSnapshotBody gave their
// strings.
func encodeEdgeChunks(g *graph.Graph, size int, nums *snapNumbers) ([]encodedChunk, error) {
	chunks := make([]encodedChunk, (len(g.Edges)+size-1)/size)
	// Where each chunk's sources start among nums.sources.
	starts := make([]int, len(chunks))
	at := 0
	for k := range chunks {
		starts[k] = at
		for _, e := range g.Edges[k*size : min((k+1)*size, len(g.Edges))] {
			at += 3 * len(e.Sources)
		}
	}
	errs := make([]error, len(chunks))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(chunks)) {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < len(chunks); k = int(next.Add(1) - 1) {
				chunks[k], errs[k] = encodeEdgeChunk(g, k*size, min((k+1)*size, len(g.Edges)), nums, starts[k])
			}
		})
	}
	wg.Wait()
	return chunks, errors.Join(errs...)
}

// encodeEdgeChunk encodes edges first to end of g, whose sources' numbers
// start at nums.sources[at].
func encodeEdgeChunk(g *graph.Graph, first, end int, nums *snapNumbers, at int) (encodedChunk, error) {
	c := encodedChunk{edges: end - first}
	for _, e := range g.Edges[first:end] {
		c.sources += len(e.Sources)
	}
	// Each number takes a byte or three; a line number one or two.
	w := &snapWriter{b: make([]byte, 0, 6*c.edges+8*c.sources)}
	for k := first; k < end; k++ {
		e := &g.Edges[k]
		from, to := g.Ends(k)
		if g.Nodes[from].ID != e.From || g.Nodes[to].ID != e.To {
			return c, fmt.Errorf("snapshot: edge %s -%s-> %s: endpoint is not a node", e.From, e.Rel, e.To)
		}
		w.uint(uint64(from))
		w.uint(uint64(nums.rank[nums.rels[k]]))
		w.uint(uint64(to))
		w.uint(uint64(len(e.Sources)))
		for _, s := range e.Sources {
			n := nums.sources[at : at+3 : at+3]
			at += 3
			w.uint(uint64(nums.rank[n[0]]))
			w.int(s.Line)
			w.uint(uint64(n[1]))
			w.uint(uint64(nums.rank[n[2]]))
		}
	}
	c.b = w.b
	return c, nil
}

// snapReader decodes a snapshot. Strings are substrings of the blob, so
// decoding allocates per slice, not per string.
type snapReader struct {
	b   []byte
	s   string // the same bytes as b
	pos int
	err error
}

func (r *snapReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: snapshot: %s at byte %d", errMalformed, what, r.pos)
	}
}

func (r *snapReader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	// Most numbers (relations, counts, string numbers of small tables)
	// take one byte: read those without a call.
	if r.pos < len(r.b) && r.b[r.pos] < 0x80 {
		r.pos++
		return uint64(r.b[r.pos-1])
	}
	v, n := protowire.ConsumeVarint(r.b[r.pos:])
	if n < 0 {
		r.fail("bad varint")
		return 0
	}
	r.pos += n
	return v
}

func (r *snapReader) int() int { return int(protowire.DecodeZigZag(r.uint())) }

// count reads a number of items each taking at least size bytes, so a
// corrupt count cannot make the reader allocate more than the blob holds.
func (r *snapReader) count(size int) int {
	n := r.uint()
	if n > uint64(len(r.b)-r.pos)/uint64(size) {
		r.fail("count beyond the end")
		return 0
	}
	return int(n)
}

func (r *snapReader) str() string {
	n := r.uint()
	if n > uint64(len(r.b)-r.pos) {
		r.fail("string beyond the end")
		return ""
	}
	s := r.s[r.pos : r.pos+int(n)]
	r.pos += int(n)
	return s
}

func (r *snapReader) float() float64 {
	if r.err != nil {
		return 0
	}
	v, n := protowire.ConsumeFixed64(r.b[r.pos:])
	if n < 0 {
		r.fail("bad float")
		return 0
	}
	r.pos += n
	return math.Float64frombits(v)
}

func (r *snapReader) bool() bool {
	v := r.uint()
	if v > 1 {
		r.fail("bad boolean")
	}
	return v == 1
}

func (r *snapReader) ref(table []string) string {
	i := r.num(len(table))
	if r.err != nil {
		return ""
	}
	return table[i]
}

// skipNumbers moves past n varints without decoding them.
func (r *snapReader) skipNumbers(n int) {
	pos := skipVarints(r.b, r.pos, n)
	if pos < 0 {
		r.fail("numbers beyond the end")
		return
	}
	r.pos = pos
}

// skipVarints returns the position in b just past the n varints from
// pos, or -1 if b ends first. A varint ends at a byte below 0x80; eight
// bytes at a time are counted without a branch per byte, which a
// deferred load of the 10,000-interview snapshot does for 2.4 million
// numbers.
func skipVarints(b []byte, pos, n int) int {
	const high = 0x8080808080808080
	for n > 0 && pos+8 <= len(b) {
		ends := bits.OnesCount64(^binary.LittleEndian.Uint64(b[pos:]) & high)
		if ends >= n {
			break
		}
		n -= ends
		pos += 8
	}
	for ; n > 0 && pos < len(b); pos++ {
		if b[pos] < 0x80 {
			n--
		}
	}
	if n > 0 {
		return -1
	}
	return pos
}

// num reads the number of a string in a table of n strings.
func (r *snapReader) num(n int) uint64 {
	i := r.uint()
	if i >= uint64(n) {
		r.fail("string number out of range")
		return 0
	}
	return i
}

func (r *snapReader) position(n int) int {
	i := r.uint()
	if i >= uint64(n) {
		r.fail("node position out of range")
		return 0
	}
	return int(i)
}

func (r *snapReader) centrality() graph.Centrality {
	return graph.Centrality{
		PageRank:    r.float(),
		Betweenness: r.float(),
		Harmonic:    r.float(),
		Hub:         r.float(),
		Authority:   r.float(),
		Degree:      r.int(),
		Recommended: r.int(),
		Community:   r.int(),
		Approximate: r.bool(),
	}
}

// makeOrNil makes a slice of n items, nil for none, as the key-by-key
// read leaves an empty graph.
func makeOrNil[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return makeFlat[T](n)
}

// makeFlat makes a slice of n items for the decoder to fill, backed by
// huge pages where it is large enough: faulting in the decoded graph's
// fresh memory took a fifth of a who-covers process at 10,000 interviews
// (see package hugepage).
func makeFlat[T any](n int) []T {
	s := make([]T, n)
	hugepage.Slice(s)
	return s
}

// take returns the next n items of a flat allocation, or nil for none.
func take[T any](flat *[]T, n int) []T {
	if n == 0 || n > len(*flat) {
		return nil
	}
	s := (*flat)[:n:n]
	*flat = (*flat)[n:]
	return s
}

// decodeSnapshot decodes a blob written by encodeSnapshot into the graph
// it was made from. It keeps blob: the graph's strings share its memory
// (copying 46 MB would cost more than the rest of the decoding), so the
// caller must never change blob afterwards.
func decodeSnapshot(blob []byte) (*graph.Graph, error) { return decodeSnapshotAs(blob, false) }

// decodeSnapshotDeferred is decodeSnapshot that leaves every edge's
// sources in blob, for graph.Graph.Sources to decode on demand, and the
// analytics' Centrality map nil (see Store.LoadDeferred). Sources
// are two thirds of a snapshot's numbers and most of the memory of a
// decoded graph; a query needs a few of them. It checks only that each
// edge's sources take the right count of numbers: the CRC-32C that
// readSnapshotFile checks stands for the rest, and 'check' decodes it all.
func decodeSnapshotDeferred(blob []byte) (*graph.Graph, error) {
	// Sources are found by 32-bit offsets.
	return decodeSnapshotAs(blob, uint64(len(blob)) <= math.MaxUint32)
}

func decodeSnapshotAs(blob []byte, deferSources bool) (*graph.Graph, error) {
	if len(blob) == 0 {
		return nil, fmt.Errorf("%w: empty snapshot", errMalformed)
	}
	r := &snapReader{b: blob, s: unsafe.String(&blob[0], len(blob))}
	if f := r.uint(); r.err == nil && f != snapshotFormat {
		return nil, fmt.Errorf("snapshot format %d, want %d", f, snapshotFormat)
	}
	table := make([]string, r.count(1))
	for i := range table {
		table[i] = r.str()
		if i > 0 && r.err == nil && table[i-1] >= table[i] {
			r.fail("string table out of order")
		}
	}
	texts := makeFlat[string](r.count(1))
	for i := range texts {
		texts[i] = r.str()
	}
	aliasPool := make([]string, r.count(1))
	totalSources := r.count(4)
	var sourcePool []graph.Source
	if !deferSources {
		sourcePool = makeFlat[graph.Source](totalSources)
	}
	centralPool := makeFlat[graph.Centrality](r.count(44))

	nodes := makeOrNil[graph.Node](r.count(6))
	var inAnalytics []int // positions of nodes whose centrality the analytics map holds
	for i := range nodes {
		n := &nodes[i]
		n.ID = r.str()
		n.Kind = graph.Kind(r.ref(table))
		n.Name = r.str()
		count := r.count(1)
		if count > len(aliasPool) {
			r.fail("more aliases than the total")
		}
		n.Aliases = take(&aliasPool, count)
		for k := range n.Aliases {
			n.Aliases[k] = r.str()
		}
		n.URL = r.str()
		flags := r.uint()
		if flags&snapHasCentrality != 0 {
			if len(centralPool) == 0 {
				r.fail("more centralities than the total")
				return nil, r.err
			}
			n.Centrality = &centralPool[0]
			centralPool = centralPool[1:]
			*n.Centrality = r.centrality()
		}
		switch {
		case flags&^(snapHasCentrality|snapInAnalytics) != 0 || flags == snapInAnalytics:
			r.fail("bad node flags")
		case flags&snapInAnalytics != 0:
			inAnalytics = append(inAnalytics, i)
		}
		if r.err != nil {
			return nil, r.err
		}
	}

	edges := makeOrNil[graph.Edge](r.count(4))
	from, to := makeOrNil[int32](len(edges)), makeOrNil[int32](len(edges))
	chunks := r.edgeChunks(len(edges), totalSources)
	if r.err != nil {
		return nil, r.err
	}
	out := edgeOutput{edges: edges, from: from, to: to}
	if deferSources {
		out.sourcesAt = makeFlat[uint32](len(edges))
	} else {
		out.sources = sourcePool
		sourcePool = sourcePool[min(len(sourcePool), chunks.sources):]
	}
	totalSources -= min(totalSources, chunks.sources)
	// The edges decode on other goroutines while this one reads on.
	var edgeErr error
	var wg sync.WaitGroup
	wg.Go(func() { edgeErr = decodeEdgeChunks(r, chunks, table, texts, len(nodes), out) })

	infos := makeOrNil[graph.InterviewInfo](r.count(7))
	for i := range infos {
		infos[i] = graph.InterviewInfo{Slug: r.ref(table), Path: r.str(), Title: r.str(), Date: r.str(),
			URL: r.str(), Guest: r.str(), Hash: r.str()}
	}
	a, err := r.analytics(nodes, inAnalytics, !deferSources)
	switch {
	case err != nil:
	case r.pos != len(r.b):
		r.fail("trailing bytes")
	case len(aliasPool)+totalSources+len(centralPool) != 0:
		r.fail("totals larger than the parts")
	}
	wg.Wait()
	// Report the first problem in blob order.
	if err := cmp.Or(edgeErr, r.err); err != nil {
		return nil, err
	}
	g, err := graph.NewOrdered(nodes, edges, from, to, infos)
	if err != nil {
		return nil, fmt.Errorf("%w: snapshot: %w", errMalformed, err)
	}
	g.Analytics = a
	if deferSources {
		g.DeferSources(&deferredSources{b: blob, s: r.s, table: table, texts: texts, at: out.sourcesAt})
	}
	return g, nil
}

// deferredSources decodes edges' sources from a snapshot on demand.
type deferredSources struct {
	b            []byte
	s            string // the same bytes as b
	table, texts []string
	at           []uint32 // where each edge's sources (count first) start in b
}

func (d *deferredSources) EdgeSources(k int) []graph.Source {
	r := &snapReader{b: d.b, s: d.s, pos: int(d.at[k])}
	n := r.count(4)
	ss := makeOrNil[graph.Source](n)
	// A snapshot whose CRC matches but whose sources do not decode
	// (written by a faulty encoder) yields the sources before the fault.
	return ss[:r.sources(d.table, d.texts, ss, n)]
}

// edgeChunk is where one chunk of edges lies in a snapshot and where its
// edges and sources go in the decoded graph.
type edgeChunk struct {
	edges, sources   int // of the chunk
	edgeAt, sourceAt int // the chunk's first edge and source among all
	start, end       int // the chunk's bytes in the blob
}

// edgeChunkList is the chunks of the edge section and their totals.
type edgeChunkList struct {
	chunks  []edgeChunk
	sources int
}

// edgeChunks reads the chunk headers of the edge section, which must
// hold edges edges and at most sources sources, and moves past the
// section.
func (r *snapReader) edgeChunks(edges, sources int) edgeChunkList {
	var l edgeChunkList
	for at := 0; at < edges && r.err == nil; {
		c := edgeChunk{edges: r.count(4), sources: r.count(4), edgeAt: at, sourceAt: l.sources}
		size := r.count(1)
		c.start, c.end = r.pos, r.pos+size
		switch {
		case r.err != nil:
		case c.edges == 0 || c.edges > edges-at:
			r.fail("bad edge chunk")
		case c.sources > sources-l.sources:
			r.fail("more sources than the total")
		}
		r.pos = c.end
		at += c.edges
		l.sources += c.sources
		l.chunks = append(l.chunks, c)
	}
	return l
}

// edgeOutput is where decoded edges go: edges, their endpoints, and
// either their sources (taken in order from sources) or, when sourcesAt
// is set instead, where each edge's sources start in the blob.
type edgeOutput struct {
	edges     []graph.Edge
	from, to  []int32
	sources   []graph.Source
	sourcesAt []uint32
}

// chunk returns the part of o that chunk c fills.
func (o edgeOutput) chunk(c edgeChunk) edgeOutput {
	part := edgeOutput{edges: o.edges[c.edgeAt : c.edgeAt+c.edges], from: o.from[c.edgeAt:], to: o.to[c.edgeAt:]}
	if o.sourcesAt != nil {
		part.sourcesAt = o.sourcesAt[c.edgeAt:]
	} else {
		part.sources = o.sources[c.sourceAt : c.sourceAt+c.sources]
	}
	return part
}

// decodeEdgeChunks decodes the chunks of edges into out, on up to
// GOMAXPROCS goroutines. It returns the first error in blob order.
func decodeEdgeChunks(r *snapReader, l edgeChunkList, table, texts []string, nodes int, out edgeOutput) error {
	errs := make([]error, len(l.chunks))
	next := atomic.Int32{}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(l.chunks)) {
		wg.Go(func() {
			for k := int(next.Add(1)) - 1; k < len(l.chunks); k = int(next.Add(1)) - 1 {
				c := l.chunks[k]
				cr := &snapReader{b: r.b[:c.end], s: r.s[:c.end], pos: c.start}
				cr.edges(c, table, texts, nodes, out.chunk(c))
				errs[k] = cr.err
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// edges decodes one chunk of edges into out, which must take them all.
func (r *snapReader) edges(c edgeChunk, table, texts []string, nodes int, out edgeOutput) {
	left := c.sources
	for i := range out.edges {
		e := &out.edges[i]
		// graph.NewOrdered sets From and To from the positions.
		out.from[i], e.Rel, out.to[i] = int32(r.position(nodes)), graph.Rel(r.ref(table)), int32(r.position(nodes))
		at := r.pos
		count := r.count(4)
		if count > left {
			r.fail("more sources than the chunk's")
		}
		left -= count
		if out.sourcesAt != nil {
			// Four numbers a source; deferredSources decodes them.
			out.sourcesAt[i] = uint32(at)
			r.skipNumbers(4 * count)
		} else {
			e.Sources = take(&out.sources, count)
			r.sources(table, texts, e.Sources, count)
		}
		if r.err != nil {
			return
		}
	}
	switch {
	case left != 0:
		r.fail("fewer sources than the chunk's")
	case r.pos != c.end:
		r.fail("edge chunk of the wrong size")
	}
}

// sources decodes the n sources of one edge into ss and returns how many
// it decoded before any error. They must be in the order
// graph.SortSources gives, which it checks by comparing string numbers
// where the numbers follow the strings' order (slugs and reasons) and
// comparing texts only between sources of the same interview and line.
func (r *snapReader) sources(table, texts []string, ss []graph.Source, n int) int {
	var prevSlug, prevText, prevWhy uint64
	prevLine := 0
	for k := range n {
		slug := r.num(len(table))
		line := r.int()
		text := r.num(len(texts))
		why := r.num(len(table))
		if r.err != nil {
			return k
		}
		if k > 0 {
			c := cmp.Or(cmp.Compare(prevSlug, slug), cmp.Compare(prevLine, line))
			if c == 0 {
				c = cmp.Or(strings.Compare(texts[prevText], texts[text]), cmp.Compare(prevWhy, why))
			}
			if c > 0 {
				r.fail("sources out of order")
				return k
			}
		}
		ss[k] = graph.Source{Interview: table[slug], Line: line, Text: texts[text], Why: table[why]}
		prevSlug, prevLine, prevText, prevWhy = slug, line, text, why
	}
	return n
}

// analytics decodes the analytics part of a snapshot. Without byID it
// leaves the analytics' Centrality map nil and only checks its entries:
// filling it took a tenth of a deferred load's processor time, and
// queries read each node's own Centrality.
func (r *snapReader) analytics(nodes []graph.Node, inAnalytics []int, byID bool) (*graph.Analytics, error) {
	kind := r.uint()
	if kind == 0 && len(inAnalytics) > 0 {
		r.fail("node centrality in analytics, but no analytics")
	}
	if kind == 0 || r.err != nil {
		return nil, r.err
	}
	if kind > 2 {
		r.fail("bad analytics kind")
		return nil, r.err
	}
	a := &graph.Analytics{Modularity: r.float(), Communities: r.int(), Pivots: r.int(), Fingerprint: r.str()}
	extra := r.count(45)
	if kind == 1 {
		if extra > 0 || len(inAnalytics) > 0 {
			r.fail("centrality entries in analytics without centrality")
		}
		return a, r.err
	}
	if !byID {
		for range extra {
			r.str()
			r.centrality()
		}
		return a, r.err
	}
	a.Centrality = make(map[string]graph.Centrality, len(inAnalytics)+extra)
	for _, i := range inAnalytics {
		a.Centrality[nodes[i].ID] = *nodes[i].Centrality
	}
	for range extra {
		id := r.str()
		a.Centrality[id] = r.centrality()
	}
	return a, r.err
}
