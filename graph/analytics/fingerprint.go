package analytics

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
)

// Fingerprint identifies c together with the options that shape the
// measures: two analytics graphs with the same fingerprint get the same
// measures from Compute, bit for bit. Most edits to an interview (a
// sentence reworded, evidence moved, a title fixed) leave it unchanged.
func Fingerprint(c *Compact, opts Options) string {
	opts = opts.withDefaults()
	h := sha256.New()
	ints := func(vs ...int64) {
		var b [8]byte
		for _, v := range vs {
			binary.LittleEndian.PutUint64(b[:], uint64(v))
			h.Write(b[:])
		}
	}
	// The first number names how the measures are computed: 2 since
	// sampled betweenness is scaled by distance.
	ints(2, int64(c.N()), opts.Seed, int64(opts.ExactLimit), int64(opts.Pivots), int64(opts.HarmonicExactLimit))
	for _, id := range c.ids {
		ints(int64(len(id)))
		h.Write([]byte(id))
	}
	for _, arr := range [][]int32{c.outStart, c.out, c.inStart, c.in, c.adjStart, c.adj, c.recommended} {
		writeInt32s(h, arr)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// writeInt32s hashes a length-prefixed array of int32.
func writeInt32s(h hash.Hash, vs []int32) {
	b := make([]byte, 8, 8+4*len(vs))
	binary.LittleEndian.PutUint64(b, uint64(len(vs)))
	for _, v := range vs {
		b = binary.LittleEndian.AppendUint32(b, uint32(v))
	}
	h.Write(b)
}
