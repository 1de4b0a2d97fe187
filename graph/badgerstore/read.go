package badgerstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/ristretto/v2/z"

	"github.com/peoplegraph/peoplegraph/graph"
)

// scan calls fn for every key with the given prefix, in key order. The key
// and value are only valid during the call. Values are not prefetched:
// they lie in the LSM tree (below Badger's value threshold), so reading
// one in place is cheaper than the copy and goroutine prefetching costs
// (a quarter of the CPU of scanning 10,000 interviews).
func scan(txn *badger.Txn, prefix []byte, withValues bool, fn func(key, value []byte) error) error {
	opts := badger.IteratorOptions{Prefix: prefix}
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		var err error
		if withValues {
			err = item.Value(func(v []byte) error { return fn(item.Key(), v) })
		} else {
			err = fn(item.Key(), nil)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Interviews lists the stored interviews by slug.
func (s *Store) Interviews(ctx context.Context) ([]graph.InterviewInfo, error) {
	var out []graph.InterviewInfo
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		out, err = readInterviews(ctx, txn)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list interviews in %s: %w", s.path, err)
	}
	return out, nil
}

func readInterviews(ctx context.Context, txn *badger.Txn) ([]graph.InterviewInfo, error) {
	var out []graph.InterviewInfo
	err := scan(txn, []byte(prefixInterview), true, func(key, value []byte) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		in, err := decodeInfo(value)
		if err != nil {
			return fmt.Errorf("decode %q: %w", key, err)
		}
		out = append(out, in)
		return nil
	})
	return out, err
}

// Facts returns what the interview contributed, in canonical order (see
// ReplaceInterview). It fails with ErrUnknownInterview if it is not stored.
func (s *Store) Facts(ctx context.Context, slug string) (*graph.Facts, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var f *graph.Facts
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		f, _, err = readFacts(txn, slug)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", s.path, err)
	}
	if f == nil {
		return nil, fmt.Errorf("interview %s in %s: %w", slug, s.path, ErrUnknownInterview)
	}
	return f, nil
}

// AnalyticsStale reports whether SetAnalytics must run: interviews changed
// since it last did, or the graph snapshot it wrote is missing, of the
// wrong size, or of another format (written by another version of
// peoplegraph), so that the next build rewrites it.
func (s *Store) AnalyticsStale(ctx context.Context) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	var stale bool
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		if stale, err = exists(txn, keyStale); stale || err != nil {
			return err
		}
		h, ok, err := readSnapshotHeader(txn)
		switch {
		case err != nil:
			stale = true // unusable: Load scans until SetAnalytics replaces it
			return nil
		case !ok:
			stale, err = hasPrefix(txn, []byte(prefixInterview))
			return err
		}
		fi, err := os.Stat(filepath.Join(s.path, h.file))
		stale = err != nil || fi.Size() != int64(h.size)
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("read %s: %w", s.path, err)
	}
	return stale, nil
}

// hasPrefix reports whether some key starts with prefix.
func hasPrefix(txn *badger.Txn, prefix []byte) (bool, error) {
	it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
	defer it.Close()
	it.Rewind()
	return it.Valid(), nil
}

func exists(txn *badger.Txn, key []byte) (bool, error) {
	_, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Load reads the whole graph from one consistent snapshot of the database.
// While the analytics are current it decodes the graph snapshot that
// SetAnalytics stored; otherwise, or if that snapshot is unreadable, it
// merges the interviews' records with graph.Merge. Centrality and
// Analytics are set only if the stored analytics are current.
func (s *Store) Load(ctx context.Context) (*graph.Graph, error) { return s.load(ctx, false) }

// LoadDeferred is Load for a process that answers a few queries: a graph
// decoded from the snapshot has its sources deferred (see
// graph.Graph.DeferSources), to be decoded when graph.Graph.Sources asks.
// Decoding every edge's sources is most of the cost of Load, and a query
// reads a few of them. Such a graph's Analytics, when set, has a nil
// Centrality map: each node's Centrality field holds its measures. The
// graph keeps the snapshot's bytes until it is dropped. The export
// package refuses such a graph: exports write every source.
func (s *Store) LoadDeferred(ctx context.Context) (*graph.Graph, error) { return s.load(ctx, true) }

func (s *Store) load(ctx context.Context, deferSources bool) (*graph.Graph, error) {
	if g := s.takePublished(); g != nil {
		return g, nil
	}
	if !s.readOnly {
		// The journal and the votes change with every write.
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
	}
	var g *graph.Graph
	err := s.db.View(func(txn *badger.Txn) error {
		stale, err := exists(txn, keyStale)
		if err != nil {
			return err
		}
		if stale && !s.readOnly {
			g, err = s.loadForWrite(ctx, txn)
			return err
		}
		g, err = s.readGraph(ctx, txn, stale, deferSources)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", s.path, err)
	}
	return g, nil
}

// readGraph decodes the graph snapshot while the analytics are current
// (not stale), and merges the interviews' records otherwise or if the
// snapshot is unreadable.
func (s *Store) readGraph(ctx context.Context, txn *badger.Txn, stale, deferSources bool) (*graph.Graph, error) {
	if !stale {
		g, err := s.readSnapshot(txn, deferSources)
		if g != nil || ctx.Err() != nil {
			return g, ctx.Err()
		}
		if err != nil {
			s.log.Warn("graph snapshot unreadable; merging the interviews' records instead (run check)", "path", s.path, "err", err)
		}
	}
	return mergeRecords(ctx, txn, !stale)
}

// takePublished returns, once, the graph SetAnalytics just wrote to the
// snapshot, if no commit has happened since: a build that loads the graph
// for its summary need not decode what it has just encoded.
func (s *Store) takePublished() *graph.Graph {
	s.scannedMu.Lock()
	p := s.published
	s.published = nil
	s.scannedMu.Unlock()
	if p == nil || s.db.MaxVersion() != p.version {
		return nil
	}
	return p.g
}

// scannedGraph is the graph (without analytics) as the records gave it at
// version readTs. Its nodes are a copy of the loaded graph's, so setting
// centrality on either leaves the other alone; it shares the rest with
// the loaded graph, which nothing modifies (see graph.Graph.CloneNodes).
type scannedGraph struct {
	readTs uint64
	g      *graph.Graph
}

func (s *Store) keepScanned(g *graph.Graph, readTs uint64) {
	sg := &scannedGraph{readTs: readTs, g: g.CloneNodes()}
	s.scannedMu.Lock()
	s.scanned = sg
	s.scannedMu.Unlock()
}

// takeScanned returns the kept graph if no commit has happened since it
// was read, and forgets it either way. Callers hold writeMu, so no commit
// is in flight.
func (s *Store) takeScanned() *scannedGraph {
	s.scannedMu.Lock()
	sg := s.scanned
	s.scanned = nil
	s.scannedMu.Unlock()
	if sg == nil || s.db.MaxVersion() > sg.readTs {
		return nil
	}
	return sg
}

// mergeRecords merges the f/ and i/ records of every interview, with the
// stored analytics if withAnalytics is set.
func mergeRecords(ctx context.Context, txn *badger.Txn, withAnalytics bool) (*graph.Graph, error) {
	facts, err := readAllFacts(ctx, txn)
	if err != nil {
		return nil, err
	}
	g := graph.Merge(facts...)
	if withAnalytics {
		if g.Analytics, err = readAnalytics(ctx, txn, g.Nodes); err != nil {
			return nil, err
		}
	}
	return g, nil
}

// readAllFacts decodes the f/ and i/ records of every interview, in slug
// order.
func readAllFacts(ctx context.Context, txn *badger.Txn) ([]*graph.Facts, error) {
	infos, err := readInterviews(ctx, txn)
	if err != nil {
		return nil, err
	}
	facts := make([]*graph.Facts, 0, len(infos))
	k := 0
	err = scan(txn, []byte(prefixFacts), true, func(key, value []byte) error {
		slug := string(key[len(prefixFacts):])
		// Both ranges are sorted by slug; an f/ record without its i/
		// record is skipped (check reports it).
		for k < len(infos) && infos[k].Slug < slug {
			k++
		}
		if k == len(infos) || infos[k].Slug != slug {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		f, err := decodeFacts(value, slug)
		if err != nil {
			return fmt.Errorf("decode facts of interview %s: %w", slug, err)
		}
		f.Interview = infos[k]
		facts = append(facts, f)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return facts, nil
}

// readSnapshot decodes the stored graph snapshot, or returns nil if there
// is none. It does not look at m/stale.
func (s *Store) readSnapshot(txn *badger.Txn, deferSources bool) (*graph.Graph, error) {
	h, ok, err := readSnapshotHeader(txn)
	if err != nil || !ok {
		return nil, err
	}
	decode := decodeSnapshot
	if deferSources {
		decode = decodeSnapshotDeferred
	}
	blob, mapped, err := loadSnapshotFile(s.path, h, s.mapSnapshot)
	if err != nil {
		return nil, err
	}
	g, err := decodeChecked(blob, h, decode)
	if err != nil && mapped {
		// Nothing refers to a blob that did not decode: its errors
		// quote copies.
		_ = z.Munmap(blob)
	}
	return g, err
}

// readSnapshotHeader reads m/snapshot, reporting whether there is one.
func readSnapshotHeader(txn *badger.Txn) (snapshotHeader, bool, error) {
	var h snapshotHeader
	item, err := txn.Get(keySnapshot)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return h, false, nil
	}
	if err != nil {
		return h, false, err
	}
	err = item.Value(func(v []byte) error {
		h, err = decodeSnapshotHeader(v)
		return err
	})
	if err != nil {
		return h, false, fmt.Errorf("decode %q: %w", keySnapshot, err)
	}
	return h, true, nil
}

// readAnalytics returns the stored analytics and sets the centrality of
// nodes, or returns nil if there are none. It does not look at m/stale.
func readAnalytics(ctx context.Context, txn *badger.Txn, nodes []graph.Node) (*graph.Analytics, error) {
	item, err := txn.Get(keyAnalytics)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var a *graph.Analytics
	err = item.Value(func(v []byte) error {
		a, err = decodeAnalytics(v)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("decode analytics: %w", err)
	}
	a.Centrality = make(map[string]graph.Centrality, len(nodes))
	err = scan(txn, []byte(prefixCentral), true, func(key, value []byte) error {
		c, err := decodeCentrality(value)
		if err != nil {
			return fmt.Errorf("decode %q: %w", key, err)
		}
		a.Centrality[string(key[len(prefixCentral):])] = c
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for i := range nodes {
		if c, ok := a.Centrality[nodes[i].ID]; ok {
			nodes[i].Centrality = &c
		}
	}
	return a, nil
}

// Lookup returns the nodes whose name or an alias folds like name, sorted
// by ID, with centrality if the analytics are current. Like Out and In it
// answers from the graph (see graphView).
func (s *Store) Lookup(ctx context.Context, name string) ([]graph.Node, error) {
	if graph.Fold(name) == "" {
		return nil, nil
	}
	g, err := s.graphView(ctx)
	if err != nil {
		return nil, fmt.Errorf("look up %q in %s: %w", name, s.path, err)
	}
	var out []graph.Node
	for _, i := range g.Lookup(name) {
		n := g.Nodes[i]
		n.Aliases = slices.Clone(n.Aliases)
		if n.Centrality != nil {
			c := *n.Centrality
			n.Centrality = &c
		}
		out = append(out, n)
	}
	return out, nil
}

// Out returns the edges leaving nodeID, with sources pooled across
// interviews, sorted by (rel, to). An empty rel means every relation.
func (s *Store) Out(ctx context.Context, nodeID string, rel graph.Rel) ([]graph.Edge, error) {
	out, err := s.adjacent(ctx, nodeID, rel, true)
	if err != nil {
		return nil, fmt.Errorf("edges out of %s in %s: %w", nodeID, s.path, err)
	}
	return out, nil
}

// In returns the edges entering nodeID, with sources pooled across
// interviews, sorted by (from, rel). An empty rel means every relation.
func (s *Store) In(ctx context.Context, nodeID string, rel graph.Rel) ([]graph.Edge, error) {
	in, err := s.adjacent(ctx, nodeID, rel, false)
	if err != nil {
		return nil, fmt.Errorf("edges into %s in %s: %w", nodeID, s.path, err)
	}
	return in, nil
}

// adjacent returns copies of the edges leaving (out) or entering nodeID,
// sorted.
func (s *Store) adjacent(ctx context.Context, nodeID string, rel graph.Rel, out bool) ([]graph.Edge, error) {
	g, err := s.graphView(ctx)
	if err != nil {
		return nil, err
	}
	i := g.Index(nodeID)
	if i < 0 {
		return nil, nil
	}
	edges := g.In(i)
	if out {
		edges = g.Out(i)
	}
	var found []graph.Edge
	for _, e := range edges {
		if rel == "" || e.Rel == rel {
			found = append(found, graph.Edge{From: e.From, To: e.To, Rel: e.Rel, Sources: slices.Clone(e.Sources)})
		}
	}
	graph.SortEdges(found)
	return found, nil
}

// viewedGraph is the graph graphView read at database version readTs.
type viewedGraph struct {
	readTs uint64
	g      *graph.Graph
}

// graphView returns the graph as the database holds it now, for Lookup,
// Out and In to read (never to modify): decoded from the snapshot while
// the analytics are current, merged from the records otherwise, and kept
// until the next commit. The snapshot serves every query the command line
// runs; an index of names and adjacency lists beside it cost a build
// about a seventh of its time to write and was read by nothing else.
func (s *Store) graphView(ctx context.Context) (*graph.Graph, error) {
	s.viewMu.Lock()
	defer s.viewMu.Unlock()
	if v := s.viewed; v != nil && s.db.MaxVersion() <= v.readTs {
		return v.g, nil
	}
	s.viewed = nil
	var v viewedGraph
	err := s.db.View(func(txn *badger.Txn) error {
		v.readTs = txn.ReadTs()
		stale, err := exists(txn, keyStale)
		if err != nil {
			return err
		}
		v.g, err = s.readGraph(ctx, txn, stale, false)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.viewed = &v
	return v.g, nil
}
