package extract

import (
	"bytes"
	"testing"
)

func FuzzExtract(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	x := fixtureExtractor(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		facts, err := x.Extract(File{Path: "fuzz.md", Slug: "fuzz"}, data)
		if err != nil {
			return
		}
		checkFacts(t, facts, bytes.Count(data, []byte("\n"))+1)
	})
}
