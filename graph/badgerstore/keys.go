package badgerstore

import (
	"bytes"
	"fmt"
	"strings"
)

// Key prefixes; see the package documentation for the layout.
const (
	prefixMeta      = "m/"
	prefixInterview = "i/"
	prefixFacts     = "f/"
	prefixNode      = "n/"
	prefixCentral   = "c/"

	// Retired index prefixes (schema 4 and before): adjacency lists and
	// names, which the graph snapshot serves now. Open drops them.
	prefixEdge    = "e/"
	prefixReverse = "r/"
	prefixName    = "a/"
)

// sep separated the parts of the retired composite keys. IDs may still
// not contain it (see validate), so that a key layout with parts can
// come back without a new schema for the records.
const sep = "\x00"

var (
	keySchema    = []byte("m/schema")
	keyStale     = []byte("m/stale")
	keyAnalytics = []byte("m/analytics")
	keySnapshot  = []byte("m/snapshot")
	keyExtractor = []byte("m/extractor")
)

func interviewKey(slug string) []byte { return []byte(prefixInterview + slug) }

func factsKey(slug string) []byte { return []byte(prefixFacts + slug) }

func nodeKey(id string) []byte { return []byte(prefixNode + id) }

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
