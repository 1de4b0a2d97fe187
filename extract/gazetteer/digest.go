package gazetteer

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
)

// Digest is a hex SHA-256 of everything g holds that extraction reads:
// each entry's names, kind, provider, part_of, homepage, and whether it
// is exact and an implied provider.
// Two gazetteers with the same Digest find the same things in any text,
// so a build can tell whether facts read with another gazetteer are
// still what this one would read.
func (g *Gazetteer) Digest() string {
	// Each field is written as its length and itself, so that no two
	// gazetteers write the same bytes; they are hashed in one call.
	var b []byte
	field := func(s string) {
		b = strconv.AppendInt(b, int64(len(s)), 10)
		b = append(append(b, ':'), s...)
	}
	for i := range g.entries {
		e := &g.entries[i]
		field(e.Name)
		field(string(e.Kind))
		field(strconv.Itoa(len(e.Aliases)))
		for _, a := range e.Aliases {
			field(a)
		}
		field(strconv.Itoa(len(e.caseForms)))
		for _, a := range e.caseForms {
			field(a)
		}
		field(e.Provider)
		field(e.PartOf)
		field(strconv.FormatBool(e.Exact))
		field(strconv.FormatBool(e.Implied))
		field(e.URL)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
