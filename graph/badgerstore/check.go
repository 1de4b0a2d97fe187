package badgerstore

import (
	"bytes"
	"context"
	"fmt"
	"sort"

	"github.com/dgraph-io/badger/v4"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Problem is one inconsistency Check found.
type Problem struct {
	Key  string // the key concerned, quoted for printing
	What string // one line saying what is wrong
}

func (p Problem) String() string { return p.Key + ": " + p.What }

// Check verifies the database against its own invariants: every i/
// record has its f/ record and names its slug; every index key (n/, e/,
// r/, a/) is exactly what some stored facts record implies and every
// implied key is present; every edge's endpoints exist as nodes and every
// edge has a source with an interview and a line; while analytics are
// current, centrality belongs to existing nodes and the graph snapshot
// file is whole and equals the graph the keys give; and
// no key lies outside the layout. It reads one consistent snapshot of the
// database.
func (s *Store) Check(ctx context.Context) ([]Problem, error) {
	c := checker{dir: s.path}
	err := s.db.View(func(txn *badger.Txn) error { return c.run(ctx, txn) })
	if err != nil {
		return nil, fmt.Errorf("check %s: %w", s.path, err)
	}
	sort.SliceStable(c.problems, func(i, j int) bool { return c.problems[i].Key < c.problems[j].Key })
	return c.problems, nil
}

type checker struct {
	problems []Problem
	expected map[string][]byte // index keys implied by interview records
	nodes    map[string]bool   // node IDs with at least one contribution
	edges    []graph.EdgeKey
	central  []string        // node IDs with centrality
	facts    map[string]bool // slugs with an f/ record
	dir      string          // the database directory, which holds the snapshot file
	stale    bool
}

func (c *checker) report(key []byte, format string, args ...any) {
	c.problems = append(c.problems, Problem{Key: fmt.Sprintf("%q", key), What: fmt.Sprintf(format, args...)})
}

func (c *checker) run(ctx context.Context, txn *badger.Txn) error {
	c.expected = map[string][]byte{}
	c.nodes = map[string]bool{}
	var err error
	if c.stale, err = exists(txn, keyStale); err != nil {
		return err
	}
	if err := c.meta(txn); err != nil {
		return err
	}
	infos := map[string]graph.InterviewInfo{}
	c.facts = map[string]bool{}
	err = scan(txn, []byte(prefixInterview), true, func(key, value []byte) error {
		if in, ok := c.info(key, value); ok {
			infos[in.Slug] = in
		}
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	err = scan(txn, []byte(prefixFacts), true, func(key, value []byte) error {
		c.interview(key, value, infos)
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	for _, slug := range sortedKeys(infos) {
		if !c.facts[slug] {
			c.report(interviewKey(slug), "interview record without a facts record")
		}
	}
	err = scan(txn, nil, true, func(key, value []byte) error {
		c.key(key, value)
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	for _, k := range sortedKeys(c.expected) {
		c.report([]byte(k), "missing: an interview record implies this key")
	}
	for _, e := range c.edges {
		for _, end := range []string{e.From, e.To} {
			if !c.nodes[end] {
				c.report(edgeKey(e, "*"), "edge endpoint %s is not a node", end)
			}
		}
	}
	if !c.stale {
		if err := c.snapshot(ctx, txn); err != nil {
			return err
		}
		for _, id := range c.central {
			if !c.nodes[id] {
				c.report(centralityKey(id), "centrality for a node that does not exist, while analytics are current")
			}
		}
	}
	return nil
}

func (c *checker) meta(txn *badger.Txn) error {
	item, err := txn.Get(keySchema)
	if err != nil {
		c.report(keySchema, "schema version unreadable: %v", err)
		return nil
	}
	return item.Value(func(v []byte) error {
		if version, err := decodeSchema(v); err != nil || version != schemaVersion {
			c.report(keySchema, "schema version %d (%v), want %d", version, err, schemaVersion)
		}
		return nil
	})
}

// info decodes an i/ record.
func (c *checker) info(key, value []byte) (graph.InterviewInfo, bool) {
	in, err := decodeInfo(value)
	if err != nil {
		c.report(key, "undecodable interview record: %v", err)
		return in, false
	}
	if slug := string(key[len(prefixInterview):]); in.Slug != slug {
		c.report(key, "record names interview %q", in.Slug)
		return in, false
	}
	return in, true
}

// interview records the index keys an f/ record implies.
func (c *checker) interview(key, value []byte, infos map[string]graph.InterviewInfo) {
	slug := string(key[len(prefixFacts):])
	c.facts[slug] = true
	in, ok := infos[slug]
	if !ok {
		c.report(key, "facts without an interview record")
		return
	}
	f, err := decodeFacts(value)
	if err != nil {
		c.report(key, "undecodable facts record: %v", err)
		return
	}
	f.Interview = in
	if err := validate(f); err != nil {
		c.report(key, "invalid facts: %v", err)
	}
	for k, v := range indexEntries(f) {
		c.expected[k] = v
	}
}

// snapshot checks, while analytics are current, that the graph snapshot
// exists, is whole and equals the graph the keys give.
func (c *checker) snapshot(ctx context.Context, txn *badger.Txn) error {
	h, ok, err := readSnapshotHeader(txn)
	var blob []byte
	if err == nil && ok {
		blob, err = readSnapshotFile(c.dir, h)
		if err == nil {
			_, err = decodeSnapshot(blob)
		}
	}
	if err != nil {
		c.report(keySnapshot, "unreadable graph snapshot: %v", err)
		return nil
	}
	scanned, err := scanGraph(ctx, txn, true)
	if err != nil {
		return err
	}
	if !ok {
		if len(scanned.Nodes) > 0 || len(scanned.Interviews) > 0 {
			c.report(keySnapshot, "missing: analytics are current but there is no graph snapshot")
		}
		return nil
	}
	// The encoding is deterministic, so equal bytes mean equal graphs
	// (and NaN measures compare equal, unlike with reflect.DeepEqual).
	want, err := encodeSnapshot(scanned)
	if err != nil {
		return err
	}
	if !bytes.Equal(blob, want) {
		c.report(keySnapshot, "the graph snapshot %s differs from the graph the interview keys give", h.file)
	}
	return nil
}

// key checks one key of the database against the records.
func (c *checker) key(key, value []byte) {
	prefix := string(key[:min(2, len(key))])
	switch prefix {
	case prefixInterview, prefixFacts:
		return
	case prefixMeta:
		if !bytes.Equal(key, keySchema) && !bytes.Equal(key, keyStale) && !bytes.Equal(key, keyAnalytics) &&
			!bytes.Equal(key, keySnapshot) {
			c.report(key, "unknown metadata key")
		}
		return
	case prefixCentral:
		c.central = append(c.central, string(key[len(prefixCentral):]))
		if _, err := decodeCentrality(value); err != nil {
			c.report(key, "undecodable centrality: %v", err)
		}
		return
	case prefixNode, prefixEdge, prefixReverse, prefixName:
	default:
		c.report(key, "key outside the peoplegraph layout")
		return
	}
	slug, ok := c.parse(key, value)
	if !ok {
		return
	}
	want, implied := c.expected[string(key)]
	switch {
	case !implied:
		c.report(key, "orphan: the record of interview %s does not imply this key", slug)
	case !bytes.Equal(want, value):
		c.report(key, "value differs from what the record of interview %s implies", slug)
	}
	delete(c.expected, string(key))
}

// parse decodes an index key and its value, noting nodes and edges.
func (c *checker) parse(key, value []byte) (slug string, ok bool) {
	var err error
	switch string(key[:2]) {
	case prefixNode:
		var id string
		if id, slug, err = parseNodeKey(key); err == nil {
			c.nodes[id] = true
			_, err = decodeNodes(nil, value)
		}
	case prefixEdge:
		var k graph.EdgeKey
		if k, slug, err = parseEdgeKey(key); err == nil {
			c.edges = append(c.edges, k)
			var ss []graph.Source
			ss, err = decodeSources(nil, value, slug)
			if err == nil && len(ss) == 0 {
				c.report(key, "edge without sources")
			}
			for _, s := range ss {
				if s.Line < 1 {
					c.report(key, "source without a line")
				}
			}
		}
	case prefixReverse:
		_, slug, err = parseReverseKey(key)
	case prefixName:
		_, _, slug, err = parseNameKey(key)
	}
	if err != nil {
		c.report(key, "malformed: %v", err)
		return "", false
	}
	return slug, true
}
