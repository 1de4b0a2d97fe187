package badgerstore

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// A build that edits one interview of ten thousand needs the merged graph
// for its analytics. Merging every record again costs over a second; the
// snapshot of the last SetAnalytics is the merged graph before the edit,
// and decodes in a tenth of that. So a read-write Store keeps a journal:
// the facts each interview had in that snapshot, for every interview
// written since. Load patches the snapshot with it: the journal's
// interviews' old sources leave their edges and their new ones join,
// and each node they name is merged again from the votes its n/ value
// keeps (votes.go). The journal lives in memory, so it is complete only
// if this Store has seen every write since the snapshot: it was opened
// with m/stale absent, or it wrote the snapshot itself. Otherwise, or if
// anything does not add up, Load merges every record as before.

// errUnpatchable means the snapshot cannot be patched into the records'
// graph; Load merges the records instead.
var errUnpatchable = errors.New("snapshot cannot be patched")

// journalEntry is what an interview written since the snapshot had in
// it (old) and has now (new, canonical as written); nil for none.
type journalEntry struct{ old, new *graph.Facts }

// journalWrite records that slug, which had old, now has new. Callers
// hold writeMu.
func (s *Store) journalWrite(slug string, old, new *graph.Facts) {
	if s.journal == nil {
		return
	}
	e, seen := s.journal[slug]
	if !seen {
		e.old = old
	}
	e.new = new
	s.journal[slug] = e
}

// PreviousAnalytics returns the analytics stored before the interviews
// written since, as the last Load found them in the graph snapshot it
// patched, or nil. analytics.Compute reuses them when the edits left the
// analytics graph as it was (see analytics.Options.Previous).
func (s *Store) PreviousAnalytics() *graph.Analytics {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.previous
}

// forgetJournalOnError drops the journal if *err is set: a write that
// failed may have committed some of what the journal says and not the
// rest. Callers hold writeMu.
func (s *Store) forgetJournalOnError(err *error) {
	if *err != nil {
		s.journal = nil
	}
}

// loadForWrite is Load of a read-write Store while m/stale is set: the
// snapshot patched with the journal, or else every record merged. Either
// way it keeps the graph for SetAnalytics and the votes of the nodes
// whose index entries SetAnalytics must rewrite. Callers hold writeMu.
func (s *Store) loadForWrite(ctx context.Context, txn *badger.Txn) (*graph.Graph, error) {
	var g *graph.Graph
	var votes map[string][]nodeVote
	err := fmt.Errorf("%w: this store has not seen every write since the snapshot", errUnpatchable)
	if s.journal != nil && !s.dirtyAll {
		g, votes, err = s.patchSnapshot(ctx, txn)
		if err != nil && !errors.Is(err, errUnpatchable) {
			return nil, err
		}
	}
	if g != nil {
		s.log.Debug("loaded the graph from the snapshot and the journal", "path", s.path, "interviews", len(s.journal))
	} else {
		s.log.Debug("merging every interview's records", "path", s.path, "why", err)
		facts, err := readAllFacts(ctx, txn)
		if err != nil {
			return nil, err
		}
		g, votes = mergeWithVotes(facts, s.dirtyNode())
	}
	s.votes = votes
	s.keepScanned(g, txn.ReadTs())
	return g, nil
}

// dirtyNode says which nodes' index entries SetAnalytics must rewrite;
// nil means every node.
func (s *Store) dirtyNode() func(id string) bool {
	if s.dirtyAll {
		return nil
	}
	return func(id string) bool { return s.dirty[id] }
}

// patchSnapshot returns the records' graph made from the snapshot and the
// journal, and the votes of every node the journal's interviews name. It
// returns an error wrapping errUnpatchable if there is no snapshot or a
// node's votes do not match the records.
func (s *Store) patchSnapshot(ctx context.Context, txn *badger.Txn) (*graph.Graph, map[string][]nodeVote, error) {
	base, err := s.readSnapshot(txn, false)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %w", errUnpatchable, err)
	}
	slugs := sortedKeys(s.journal)
	olds := make([]*graph.Facts, len(slugs))
	news := make([]*graph.Facts, 0, len(slugs))
	for i, slug := range slugs {
		olds[i] = s.journal[slug].old
		if f := s.journal[slug].new; f != nil {
			news = append(news, f)
		}
	}
	if base == nil {
		// Without a snapshot, a complete journal began with an empty
		// store (a new one, or one whose graph was empty): it holds
		// every interview, as a cold build wrote them, with no need to
		// read them back. Counting the records makes sure.
		infos, err := readInterviews(ctx, txn)
		if err != nil {
			return nil, nil, err
		}
		if len(infos) != len(news) {
			return nil, nil, fmt.Errorf("%w: no snapshot, and %d interviews stored but %d written since", errUnpatchable, len(infos), len(news))
		}
		// Writing them marked every node of news dirty: all their
		// votes are wanted.
		g, v := mergeWithVotes(news, nil)
		return g, v, nil
	}

	s.previous = base.Analytics
	nodes, votes, err := patchNodes(txn, base, olds, news)
	if err != nil {
		return nil, nil, err
	}
	// A node of an intermediate version only (written twice since the
	// snapshot) is dirty too; its votes are as stored.
	for id := range s.dirty {
		if _, ok := votes[id]; ok {
			continue
		}
		value, err := readValue(txn, nodeKey(id))
		if err != nil {
			return nil, nil, err
		}
		if votes[id], err = decodeVotes(value); err != nil {
			return nil, nil, fmt.Errorf("%w: node %s: %w", errUnpatchable, id, err)
		}
	}
	edges := patchEdges(base, slugs, olds, news)
	infos := make([]graph.InterviewInfo, 0, len(base.Interviews)+len(news))
	for _, in := range base.Interviews {
		if _, ok := s.journal[in.Slug]; !ok {
			infos = append(infos, in)
		}
	}
	for _, f := range news {
		infos = append(infos, f.Interview)
	}
	return graph.New(nodes, edges, infos), votes, nil
}

// patchNodes returns base's nodes, without centrality, with every node the
// old or new facts name merged again from its votes.
func patchNodes(txn *badger.Txn, base *graph.Graph, olds, news []*graph.Facts) ([]graph.Node, map[string][]nodeVote, error) {
	votes := map[string][]nodeVote{}
	kinds := map[string]graph.Kind{}
	for _, fs := range [][]*graph.Facts{olds, news} {
		for _, f := range fs {
			if f == nil {
				continue
			}
			for _, n := range f.Nodes {
				if _, ok := kinds[n.ID]; ok {
					continue
				}
				kinds[n.ID] = n.Kind
				value, err := readValue(txn, nodeKey(n.ID))
				if err != nil {
					return nil, nil, err
				}
				if v, err := decodeVotes(value); err != nil {
					return nil, nil, fmt.Errorf("%w: node %s: %w", errUnpatchable, n.ID, err)
				} else if (len(v) == 0) != (base.Index(n.ID) < 0) {
					return nil, nil, fmt.Errorf("%w: node %s: votes and snapshot disagree", errUnpatchable, n.ID)
				} else {
					votes[n.ID] = v
				}
			}
		}
	}
	for _, f := range olds {
		if f == nil {
			continue
		}
		for _, n := range f.Nodes {
			var ok bool
			if votes[n.ID], ok = removeVote(votes[n.ID], n); !ok {
				return nil, nil, fmt.Errorf("%w: node %s: no vote for the part of %s", errUnpatchable, n.ID, f.Interview.Slug)
			}
		}
	}
	for _, f := range news {
		if f == nil {
			continue
		}
		for _, n := range f.Nodes {
			votes[n.ID] = addVote(votes[n.ID], n)
		}
	}

	patched := make([]graph.Node, 0, len(votes))
	for id, v := range votes {
		n := graph.Node{ID: id}
		if len(v) > 0 {
			n = mergeVotes(id, kinds[id], v)
		}
		patched = append(patched, n)
	}
	graph.SortNodes(patched)
	// Merge the two sorted lists; a patched node without votes is gone.
	nodes := make([]graph.Node, 0, len(base.Nodes)+len(patched))
	i := 0
	for _, p := range patched {
		for ; i < len(base.Nodes) && base.Nodes[i].ID < p.ID; i++ {
			nodes = append(nodes, withoutCentrality(base.Nodes[i]))
		}
		if i < len(base.Nodes) && base.Nodes[i].ID == p.ID {
			i++
		}
		if p.Kind != "" {
			nodes = append(nodes, p)
		}
	}
	for _, n := range base.Nodes[i:] {
		nodes = append(nodes, withoutCentrality(n))
	}
	return nodes, votes, nil
}

// patchEdges returns base's edges with the sources of the interviews slugs
// (whose facts were olds) replaced by those of their facts news (nil for a
// removed interview).
func patchEdges(base *graph.Graph, slugs []string, olds, news []*graph.Facts) []graph.Edge {
	inJournal := func(slug string) bool {
		_, found := slices.BinarySearch(slugs, slug)
		return found
	}
	touched := map[graph.EdgeKey][]graph.Source{}
	for _, f := range olds {
		if f == nil {
			continue
		}
		for _, e := range f.Edges {
			touched[e.Key()] = nil
		}
	}
	// The sources of other interviews stay; the new ones join them.
	for k := range touched {
		if i, found := slices.BinarySearchFunc(base.Edges, graph.Edge{From: k.From, Rel: k.Rel, To: k.To}, graph.CompareEdges); found {
			var keep []graph.Source
			for _, src := range base.Edges[i].Sources {
				if !inJournal(src.Interview) {
					keep = append(keep, src)
				}
			}
			touched[k] = keep
		}
	}
	for _, f := range news {
		if f == nil {
			continue
		}
		for _, e := range f.Edges {
			k := e.Key()
			if _, ok := touched[k]; !ok {
				if i, found := slices.BinarySearchFunc(base.Edges, e, graph.CompareEdges); found {
					touched[k] = slices.Clone(base.Edges[i].Sources)
				}
			}
			touched[k] = append(touched[k], e.Sources...)
		}
	}
	patched := make([]graph.Edge, 0, len(touched))
	for k, sources := range touched {
		patched = append(patched, graph.Edge{From: k.From, Rel: k.Rel, To: k.To, Sources: graph.DedupSources(sources)})
	}
	slices.SortFunc(patched, graph.CompareEdges)

	// Merge the two sorted lists; a patched edge without sources is gone.
	edges := make([]graph.Edge, 0, len(base.Edges)+len(patched))
	i := 0
	for _, p := range patched {
		for ; i < len(base.Edges) && graph.CompareEdges(base.Edges[i], p) < 0; i++ {
			edges = append(edges, base.Edges[i])
		}
		if i < len(base.Edges) && graph.CompareEdges(base.Edges[i], p) == 0 {
			i++
		}
		if len(p.Sources) > 0 {
			edges = append(edges, p)
		}
	}
	return append(edges, base.Edges[i:]...)
}

func withoutCentrality(n graph.Node) graph.Node {
	n.Centrality = nil
	return n
}
