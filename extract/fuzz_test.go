package extract

import (
	"bytes"
	"os"
	"testing"

	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
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

func BenchmarkExtractSeed(b *testing.B) {
	data, err := os.ReadFile(seedPath)
	if err != nil {
		b.Fatal(err)
	}
	x := newTestExtractor(b)
	f := File{Path: seedPath, Slug: "lynn-langit"}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := x.Extract(f, data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNew(b *testing.B) {
	g, err := gazetteer.Default()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		New(g)
	}
}
