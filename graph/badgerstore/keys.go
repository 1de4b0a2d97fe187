package badgerstore

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Key prefixes; see the package documentation for the layout.
const (
	prefixMeta      = "m/"
	prefixInterview = "i/"
	prefixFacts     = "f/"
	prefixNode      = "n/"
	prefixEdge      = "e/"
	prefixReverse   = "r/"
	prefixName      = "a/"
	prefixCentral   = "c/"
)

// sep separates the parts of a composite key. It sorts before every byte
// that can appear in a node ID, relation, folded name or chunk number, so
// the keys of one node are contiguous and in ID order.
const sep = "\x00"

var (
	keySchema    = []byte("m/schema")
	keyStale     = []byte("m/stale")
	keyAnalytics = []byte("m/analytics")
	keySnapshot  = []byte("m/snapshot")
)

func interviewKey(slug string) []byte { return []byte(prefixInterview + slug) }

func factsKey(slug string) []byte { return []byte(prefixFacts + slug) }

func nodeKey(id string) []byte { return []byte(prefixNode + id) }

// adjacencyKey is the key of chunk n of node's out (prefixEdge) or in
// (prefixReverse) list for rel. Chunk numbers have a fixed width so they
// sort in order.
func adjacencyKey(prefix, node string, rel graph.Rel, chunk int) []byte {
	return fmt.Appendf(nil, "%s%s%s%s%s%06d", prefix, node, sep, rel, sep, chunk)
}

func nameKey(folded, id string) []byte { return []byte(prefixName + folded + sep + id) }

func centralityKey(id string) []byte { return []byte(prefixCentral + id) }

// splitKey splits a key after its prefix into exactly n parts.
func splitKey(key []byte, prefix string, n int) ([]string, error) {
	if !bytes.HasPrefix(key, []byte(prefix)) {
		return nil, fmt.Errorf("key %q: want prefix %q", key, prefix)
	}
	parts := strings.Split(string(key[len(prefix):]), sep)
	if len(parts) != n {
		return nil, fmt.Errorf("key %q: want %d parts, have %d", key, n, len(parts))
	}
	for _, p := range parts {
		if p == "" {
			return nil, fmt.Errorf("key %q: empty part", key)
		}
	}
	return parts, nil
}

// parseNodeKey returns the node ID of an n/ key.
func parseNodeKey(key []byte) (string, error) {
	p, err := splitKey(key, prefixNode, 1)
	if err != nil {
		return "", err
	}
	return p[0], nil
}

// parseAdjacencyKey returns the node, relation and chunk number of an e/
// or r/ key.
func parseAdjacencyKey(key []byte) (prefix, node string, rel graph.Rel, chunk int, err error) {
	prefix = string(key[:min(len(key), len(prefixEdge))])
	if prefix != prefixEdge && prefix != prefixReverse {
		return "", "", "", 0, fmt.Errorf("key %q: not an adjacency key", key)
	}
	p, err := splitKey(key, prefix, 3)
	if err != nil {
		return "", "", "", 0, err
	}
	if len(p[2]) != 6 || strings.Trim(p[2], "0123456789") != "" {
		return "", "", "", 0, fmt.Errorf("key %q: malformed chunk number %q", key, p[2])
	}
	chunk, err = strconv.Atoi(p[2])
	return prefix, p[0], graph.Rel(p[1]), chunk, err
}

// parseNameKey returns the folded name and node ID of an a/ key.
func parseNameKey(key []byte) (folded, id string, err error) {
	p, err := splitKey(key, prefixName, 2)
	if err != nil {
		return "", "", err
	}
	return p[0], p[1], nil
}

// keyNode returns the node ID an index key (n/, e/, r/ or a/) belongs to,
// without allocating more than the result; "" if the key is malformed.
func keyNode(key []byte) string {
	switch string(key[:min(len(key), 2)]) {
	case prefixNode:
		return string(key[2:])
	case prefixEdge, prefixReverse:
		id, _, _ := bytes.Cut(key[2:], []byte(sep))
		return string(id)
	case prefixName:
		_, id, _ := bytes.Cut(key[2:], []byte(sep))
		return string(id)
	}
	return ""
}
