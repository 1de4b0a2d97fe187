package badgerstore

import (
	"bytes"
	"fmt"
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
// that can appear in a node ID, relation, folded name or slug, so the keys
// of one node (or one edge) are contiguous and in ID order.
const sep = "\x00"

var (
	keySchema    = []byte("m/schema")
	keyStale     = []byte("m/stale")
	keyAnalytics = []byte("m/analytics")
	keySnapshot  = []byte("m/snapshot")
)

func interviewKey(slug string) []byte { return []byte(prefixInterview + slug) }

func factsKey(slug string) []byte { return []byte(prefixFacts + slug) }

func nodeKey(id, slug string) []byte { return []byte(prefixNode + id + sep + slug) }

func edgeKey(k graph.EdgeKey, slug string) []byte {
	return []byte(prefixEdge + k.From + sep + string(k.Rel) + sep + k.To + sep + slug)
}

func reverseKey(k graph.EdgeKey, slug string) []byte {
	return []byte(prefixReverse + k.To + sep + string(k.Rel) + sep + k.From + sep + slug)
}

func nameKey(folded, id, slug string) []byte {
	return []byte(prefixName + folded + sep + id + sep + slug)
}

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

// parseNodeKey returns the node ID and slug of an n/ key.
func parseNodeKey(key []byte) (id, slug string, err error) {
	p, err := splitKey(key, prefixNode, 2)
	if err != nil {
		return "", "", err
	}
	return p[0], p[1], nil
}

// parseEdgeKey returns the edge and slug of an e/ key.
func parseEdgeKey(key []byte) (graph.EdgeKey, string, error) {
	p, err := splitKey(key, prefixEdge, 4)
	if err != nil {
		return graph.EdgeKey{}, "", err
	}
	return graph.EdgeKey{From: p[0], Rel: graph.Rel(p[1]), To: p[2]}, p[3], nil
}

// parseReverseKey returns the edge and slug of an r/ key.
func parseReverseKey(key []byte) (graph.EdgeKey, string, error) {
	p, err := splitKey(key, prefixReverse, 4)
	if err != nil {
		return graph.EdgeKey{}, "", err
	}
	return graph.EdgeKey{From: p[2], Rel: graph.Rel(p[1]), To: p[0]}, p[3], nil
}

// parseNameKey returns the folded name, node ID and slug of an a/ key.
func parseNameKey(key []byte) (folded, id, slug string, err error) {
	p, err := splitKey(key, prefixName, 3)
	if err != nil {
		return "", "", "", err
	}
	return p[0], p[1], p[2], nil
}
