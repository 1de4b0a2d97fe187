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
// record has its f/ record and names its slug, and every facts record is
// valid (edges between its own nodes, each with a source that has a line);
// while the analytics are current, every n/ key is exactly what the
// merged records imply and every implied key is present, centrality
// belongs to existing nodes, and the graph snapshot file is whole and equals the merged
// records with the stored analytics; and no key lies outside the layout.
// It reads one consistent snapshot of the database.
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
	facts    map[string]bool // slugs with an f/ record
	nodes    map[string]bool // node IDs with an n/ key
	central  []string        // node IDs with centrality
	dir      string          // the database directory, which holds the snapshot file
	stale    bool
}

func (c *checker) report(key []byte, format string, args ...any) {
	c.problems = append(c.problems, Problem{Key: fmt.Sprintf("%q", key), What: fmt.Sprintf(format, args...)})
}

func (c *checker) run(ctx context.Context, txn *badger.Txn) error {
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
	var expected map[string][]byte
	if !c.stale {
		facts, err := readAllFacts(ctx, txn)
		if err != nil {
			return err
		}
		g, votes := mergeWithVotes(facts, nil)
		expected = make(map[string][]byte, len(g.Nodes))
		for i, n := range g.Nodes {
			expected[string(nodeKey(n.ID))] = nodeValue(g, i, votes[n.ID])
		}
	}
	err = scan(txn, nil, true, func(key, value []byte) error {
		c.key(key, value, expected)
		return ctx.Err()
	})
	if err != nil {
		return err
	}
	if c.stale {
		return nil // the index, analytics and snapshot may lag until the next build
	}
	for _, k := range sortedKeys(expected) {
		c.report([]byte(k), "missing: the interviews' records imply this key")
	}
	if err := c.snapshot(ctx, txn); err != nil {
		return err
	}
	for _, id := range c.central {
		if !c.nodes[id] {
			c.report(centralityKey(id), "centrality for a node that does not exist, while analytics are current")
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

// interview checks an f/ record.
func (c *checker) interview(key, value []byte, infos map[string]graph.InterviewInfo) {
	slug := string(key[len(prefixFacts):])
	c.facts[slug] = true
	in, ok := infos[slug]
	if !ok {
		c.report(key, "facts without an interview record")
		return
	}
	f, err := decodeFacts(value, slug)
	if err != nil {
		c.report(key, "undecodable facts record: %v", err)
		return
	}
	f.Interview = in
	if err := validate(f); err != nil {
		c.report(key, "invalid facts: %v", err)
	}
}

// snapshot checks, while analytics are current, that the graph snapshot
// exists, is whole and equals the merged records with the analytics.
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
	merged, err := mergeRecords(ctx, txn, true)
	if err != nil {
		return err
	}
	if !ok {
		if len(merged.Nodes) > 0 || len(merged.Interviews) > 0 {
			c.report(keySnapshot, "missing: analytics are current but there is no graph snapshot")
		}
		return nil
	}
	// The encoding is deterministic, so equal bytes mean equal graphs
	// (and NaN measures compare equal, unlike with reflect.DeepEqual).
	want, err := encodeSnapshot(merged)
	if err != nil {
		return err
	}
	if !bytes.Equal(blob, want) {
		c.report(keySnapshot, "the graph snapshot %s differs from the interviews' records and the stored analytics", h.file)
	}
	return nil
}

// key checks one key of the database; expected holds the index entries
// the records imply while the index is current (nil otherwise), and loses
// each key seen.
func (c *checker) key(key, value []byte, expected map[string][]byte) {
	prefix := string(key[:min(2, len(key))])
	switch prefix {
	case prefixInterview, prefixFacts:
		return
	case prefixMeta:
		if !bytes.Equal(key, keySchema) && !bytes.Equal(key, keyStale) && !bytes.Equal(key, keyAnalytics) &&
			!bytes.Equal(key, keySnapshot) && !bytes.Equal(key, keyExtractor) {
			c.report(key, "unknown metadata key")
		}
		return
	case prefixCentral:
		c.central = append(c.central, string(key[len(prefixCentral):]))
		if _, err := decodeCentrality(value); err != nil {
			c.report(key, "undecodable centrality: %v", err)
		}
		return
	case prefixNode:
	case prefixEdge, prefixReverse, prefixName:
		c.report(key, "left from an older index layout; opening the database read-write drops it")
		return
	default:
		c.report(key, "key outside the peoplegraph layout")
		return
	}
	if !c.parse(key, value) || expected == nil {
		return
	}
	want, implied := expected[string(key)]
	switch {
	case !implied:
		c.report(key, "orphan: no interview's record implies this key")
	case !bytes.Equal(want, value):
		c.report(key, "value differs from what the interviews' records imply")
	}
	delete(expected, string(key))
}

// parse decodes an n/ key and its value, noting the node.
func (c *checker) parse(key, value []byte) bool {
	id, err := parseNodeKey(key)
	if err == nil {
		c.nodes[id] = true
		_, err = decodeNode(value, nil)
	}
	if err != nil {
		c.report(key, "malformed: %v", err)
		return false
	}
	return true
}
