package badgerstore

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// mutation is one key to set (value non-nil, possibly empty) or delete.
// A reused value lives in memory its encoder reuses; the batch copies it
// before the encoder runs again.
type mutation struct {
	key    []byte
	value  []byte
	delete bool
	reused bool
}

// size estimates what Badger charges a transaction for m, rounded up:
// key, value, two meta bytes and the 8-byte version, plus slack.
func (m mutation) size() int64 { return int64(len(m.key) + len(m.value) + 16) }

// change is everything one interview's replacement or removal writes.
type change struct {
	slug    string
	nodes   int
	edges   int
	muts    []mutation
	bytes   int64
	entries int64
}

func (c *change) add(m mutation) {
	c.muts = append(c.muts, m)
	c.bytes += m.size()
	c.entries++
}

// ReplaceInterview retracts what f.Interview.Slug contributed before and
// writes f, in one transaction. Replacing an interview by equal facts
// writes nothing.
func (s *Store) ReplaceInterview(ctx context.Context, f *graph.Facts) error {
	return s.ReplaceInterviews(ctx, []*graph.Facts{f})
}

// ReplaceInterviews replaces many interviews, packing as many as fit into
// each Badger transaction. Every interview is all-or-nothing; if an error
// stops the call, the interviews committed before it stay written. All
// facts are validated before anything is written. The store keeps the
// facts for the analytics that follow the writes: do not change them
// after the call.
func (s *Store) ReplaceInterviews(ctx context.Context, facts []*graph.Facts) (err error) {
	if s.readOnly {
		return fmt.Errorf("replace interviews in %s: %w", s.path, ErrReadOnly)
	}
	canon := make([]*graph.Facts, len(facts))
	for i, f := range facts {
		if err := validate(f); err != nil {
			return err
		}
		canon[i] = canonical(f)
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	defer s.forgetJournalOnError(&err)
	b := s.newBatch()
	defer b.discard()
	for _, f := range canon {
		if err := ctx.Err(); err != nil {
			return err
		}
		// Reads see this batch's pending writes, so a slug given twice
		// is retracted against its first version.
		old, oldRecords, err := readFacts(b.txn, f.Interview.Slug)
		if err != nil {
			return err
		}
		records := records{info: encodeInfo(f.Interview), facts: s.facts.encode(f)}
		if records.equal(oldRecords) {
			continue
		}
		s.journalWrite(f.Interview.Slug, old, f)
		c := s.plan(f.Interview.Slug, old, f)
		if !bytes.Equal(records.info, oldRecords.info) {
			c.add(mutation{key: interviewKey(f.Interview.Slug), value: records.info})
		}
		if !bytes.Equal(records.facts, oldRecords.facts) {
			c.add(mutation{key: factsKey(f.Interview.Slug), value: records.facts, reused: true})
		}
		if err := b.apply(c); err != nil {
			return err
		}
	}
	return b.commit()
}

// RemoveInterview retracts everything the interview contributed. Removing
// an interview the store does not hold writes nothing.
func (s *Store) RemoveInterview(ctx context.Context, slug string) (err error) {
	if s.readOnly {
		return fmt.Errorf("remove interview %s from %s: %w", slug, s.path, ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	defer s.forgetJournalOnError(&err)
	b := s.newBatch()
	defer b.discard()
	old, _, err := readFacts(b.txn, slug)
	if err != nil || old == nil {
		return err
	}
	s.journalWrite(slug, old, nil)
	c := s.plan(slug, old, nil)
	c.add(mutation{key: interviewKey(slug), delete: true})
	c.add(mutation{key: factsKey(slug), delete: true})
	if err := b.apply(c); err != nil {
		return err
	}
	return b.commit()
}

// records are the encoded i/ and f/ values of an interview.
type records struct{ info, facts []byte }

func (r records) equal(o records) bool {
	return bytes.Equal(r.info, o.info) && bytes.Equal(r.facts, o.facts)
}

// readFacts reads the stored records of slug; nil facts if there are none.
func readFacts(txn *badger.Txn, slug string) (*graph.Facts, records, error) {
	var r records
	info, err := readValue(txn, interviewKey(slug))
	if err != nil || info == nil {
		return nil, r, err
	}
	facts, err := readValue(txn, factsKey(slug))
	if err != nil {
		return nil, r, err
	}
	if facts == nil {
		return nil, r, fmt.Errorf("interview %s has no facts record (run check)", slug)
	}
	f, err := decodeFacts(facts, slug)
	if err != nil {
		return nil, r, fmt.Errorf("decode facts of interview %s: %w", slug, err)
	}
	if f.Interview, err = decodeInfo(info); err != nil {
		return nil, r, fmt.Errorf("decode interview %s: %w", slug, err)
	}
	return f, records{info: info, facts: facts}, nil
}

// readValue returns a copy of the value of key, or nil if it is absent.
func readValue(txn *badger.Txn, key []byte) ([]byte, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %q: %w", key, err)
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return nil, fmt.Errorf("read %q: %w", key, err)
	}
	if v == nil {
		v = []byte{} // present but empty
	}
	return v, nil
}

// plan returns the change that replaces old by new (either may be nil;
// callers plan only real changes), and marks the nodes of both dirty:
// their index entries are rewritten by the next SetAnalytics. Every
// change marks the analytics, the index and the graph snapshot stale
// (m/stale), even one that changes no node, such as a renamed file: the
// snapshot holds the interview list too.
func (s *Store) plan(slug string, old, new *graph.Facts) *change {
	c := &change{slug: slug}
	for _, f := range []*graph.Facts{old, new} {
		if f == nil {
			continue
		}
		for _, n := range f.Nodes {
			s.dirty[n.ID] = true
		}
	}
	if new != nil {
		c.nodes, c.edges = len(new.Nodes), len(new.Edges)
	}
	c.add(mutation{key: keyStale, value: []byte{}})
	return c
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// canonical returns f in a canonical order, so equal facts encode to
// equal bytes: nodes sorted (aliases sorted, deduplicated and without
// the node's own name, centrality dropped), edges merged by key with
// sorted, deduplicated sources. Merging the result gives the same graph
// as merging f. Facts in that order already, as the extractor gives
// them, are returned as they are; others are copied, and f is left
// alone.
func canonical(f *graph.Facts) *graph.Facts {
	if isCanonical(f) {
		return f
	}
	c := &graph.Facts{Interview: f.Interview}
	c.Nodes = make([]graph.Node, len(f.Nodes))
	// Aliases the extractor gives clean already are copied into one
	// allocation for all nodes.
	aliases := 0
	for _, n := range f.Nodes {
		aliases += len(n.Aliases)
	}
	aliasPool := make([]string, 0, aliases)
	for i, n := range f.Nodes {
		n.Centrality = nil
		if cleanAliases(n.Name, n.Aliases) {
			if len(n.Aliases) > 0 {
				aliasPool = append(aliasPool, n.Aliases...)
				n.Aliases = aliasPool[len(aliasPool)-len(n.Aliases) : len(aliasPool) : len(aliasPool)]
			} else {
				n.Aliases = nil
			}
		} else {
			n.Aliases = graph.CleanAliases(n.Name, n.Aliases)
		}
		c.Nodes[i] = n
	}
	if !slices.IsSortedFunc(c.Nodes, compareNodes) {
		slices.SortStableFunc(c.Nodes, compareNodes)
	}
	// The extractor gives edges sorted and merged already; sorting a copy
	// otherwise lets equal keys merge side by side, without a map.
	edges := f.Edges
	if !slices.IsSortedFunc(edges, graph.CompareEdges) {
		edges = slices.Clone(edges)
		slices.SortStableFunc(edges, graph.CompareEdges)
	}
	c.Edges = make([]graph.Edge, 0, len(edges))
	// Every edge's sources in one allocation, copied: facts out of
	// canonical order are left as they were given.
	total := 0
	for _, e := range edges {
		total += len(e.Sources)
	}
	pool := make([]graph.Source, 0, total)
	for i := 0; i < len(edges); {
		e := edges[i]
		j := i + 1
		for j < len(edges) && graph.CompareEdges(edges[j], e) == 0 {
			j++
		}
		first := len(pool)
		for _, o := range edges[i:j] {
			pool = append(pool, o.Sources...)
		}
		e.Sources = graph.DedupSources(pool[first:len(pool):len(pool)])
		c.Edges = append(c.Edges, e)
		i = j
	}
	return c
}

// isCanonical reports whether canonical would return facts equal to f.
// Checking is a tenth of the cost of the copy, which at 10,000
// interviews is over a hundred megabytes.
func isCanonical(f *graph.Facts) bool {
	for _, n := range f.Nodes {
		if n.Centrality != nil || n.Aliases != nil && len(n.Aliases) == 0 || !cleanAliases(n.Name, n.Aliases) {
			return false
		}
	}
	if !slices.IsSortedFunc(f.Nodes, compareNodes) {
		return false
	}
	for i, e := range f.Edges {
		// Strictly increasing: equal keys would merge.
		if i > 0 && graph.CompareEdges(f.Edges[i-1], e) >= 0 || len(e.Sources) == 0 || !graph.SourcesDeduped(e.Sources) {
			return false
		}
	}
	return true
}

// cleanAliases reports whether graph.CleanAliases would return aliases
// unchanged: sorted, without repeats, empty strings or the node's name.
func cleanAliases(name string, aliases []string) bool {
	for i, a := range aliases {
		if a == "" || a == name || i > 0 && aliases[i-1] >= a {
			return false
		}
	}
	return true
}

func compareNodes(a, b graph.Node) int {
	// Node IDs differ but for duplicates: compare the rest only then.
	if c := strings.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return cmp.Or(
		strings.Compare(string(a.Kind), string(b.Kind)),
		strings.Compare(a.Name, b.Name),
		strings.Compare(a.URL, b.URL),
		slices.Compare(a.Aliases, b.Aliases),
	)
}

// validate checks the contract of graph.Facts that the key layout relies
// on: names without NUL bytes, known kinds and relations, edge endpoints
// among the interview's own nodes, and every edge read somewhere in it.
func validate(f *graph.Facts) error {
	if f == nil {
		return errors.New("replace interview: nil facts")
	}
	slug := f.Interview.Slug
	if err := checkPart("slug", slug); err != nil {
		return fmt.Errorf("interview %q: %w", slug, err)
	}
	ids := make(map[string]bool, len(f.Nodes))
	for _, n := range f.Nodes {
		if err := checkPart("node ID", n.ID); err != nil {
			return fmt.Errorf("interview %s: %w", slug, err)
		}
		if !n.Kind.Valid() {
			return fmt.Errorf("interview %s: node %s has unknown kind %q", slug, n.ID, n.Kind)
		}
		ids[n.ID] = true
	}
	for _, e := range f.Edges {
		if !e.Rel.Valid() {
			return fmt.Errorf("interview %s: edge %s -> %s has unknown relation %q", slug, e.From, e.To, e.Rel)
		}
		if !ids[e.From] || !ids[e.To] {
			return fmt.Errorf("interview %s: edge %s -%s-> %s: endpoints must be among the interview's nodes", slug, e.From, e.Rel, e.To)
		}
		if len(e.Sources) == 0 {
			return fmt.Errorf("interview %s: edge %s -%s-> %s has no source", slug, e.From, e.Rel, e.To)
		}
		for _, src := range e.Sources {
			if src.Interview != slug || src.Line < 1 {
				return fmt.Errorf("interview %s: edge %s -%s-> %s: source %q line %d must name this interview and a line ≥ 1",
					slug, e.From, e.Rel, e.To, src.Interview, src.Line)
			}
		}
	}
	return nil
}

func checkPart(what, s string) error {
	if s == "" {
		return fmt.Errorf("empty %s", what)
	}
	if strings.Contains(s, sep) {
		return fmt.Errorf("%s %q contains a NUL byte", what, s)
	}
	return nil
}
