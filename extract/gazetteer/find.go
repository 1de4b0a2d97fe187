package gazetteer

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"
)

// Match is one name found in text.
type Match struct {
	Start, End int    // byte offsets into the text given to Find
	Entry      *Entry // what the name refers to
	Text       string // text[Start:End]
}

// Find returns every name in text, in order: non-overlapping, leftmost
// first, longest at each position, on word boundaries, and for exact
// entries only as capitalised in the data. Names inside web addresses
// ("https://medium.com/@x/aws-lambda") are not matches. It scans the text
// once.
func (g *Gazetteer) Find(text string) []Match {
	return g.AppendFind(nil, text)
}

// AppendFind appends the matches Find returns to dst, so that a caller
// finding names line after line reuses one buffer.
func (g *Gazetteer) AppendFind(dst []Match, text string) []Match {
	if g.automaton == nil || text == "" {
		return dst
	}
	var buf [512]byte // most lines fit: normalize them on the stack
	norm, off := normalizeInto(buf[:0], text)
	urls := urlSpans(text)
	first := len(dst)
	raw := g.automaton.FindAllOverlapping(norm)
	dst = slices.Grow(dst, len(raw)) // room for every match, grown once
	for _, m := range raw {
		if found, ok := g.check(text, off, urls, m); ok {
			dst = append(dst, found)
		}
	}
	// Leftmost, then longest; then drop what overlaps a match already kept.
	found := dst[first:]
	slices.SortFunc(found, func(a, b Match) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	kept := found[:0]
	for _, m := range found {
		if len(kept) > 0 && m.Start < kept[len(kept)-1].End {
			continue
		}
		kept = append(kept, m)
	}
	clear(found[len(kept):]) // no stale pointers past the end
	return dst[:first+len(kept)]
}

// FindPrefix returns the name that starts text, the first match Find
// returns when that starts at offset 0, reading only as far into text
// as the longest name reaches.
func (g *Gazetteer) FindPrefix(text string) (Match, bool) {
	if g.automaton == nil || text == "" {
		return Match{}, false
	}
	var buf [512]byte
	norm, off := normalizeInto(buf[:0], text)
	// A name starting in the first character ends within the longest
	// name from there.
	norm = norm[:min(len(norm), g.longest+utf8.UTFMax)]
	urls := urlSpans(text)
	var best Match
	ok := false
	for _, m := range g.automaton.FindAllOverlapping(norm) {
		if c, valid := g.check(text, off, urls, m); valid && c.Start == 0 && (!ok || c.End > best.End) {
			best, ok = c, true
		}
	}
	return best, ok
}

// normalizeInto returns text normalized, in dst when it is plain ASCII,
// and where each byte of the result came from, nil when from the same
// offset.
func normalizeInto(dst []byte, text string) (norm []byte, off []int) {
	if norm, ok := appendLowerPlainASCII(dst, text); ok {
		return norm, nil
	}
	norm = normalize(text, &off)
	return norm, off
}

// check turns an occurrence of a name in the normalized text into a
// match in text, and reports whether it is one: not in a web address
// (urls), on word boundaries, and capitalised as written for an exact
// entry.
func (g *Gazetteer) check(text string, off []int, urls [][2]int, m ahocorasick.Match) (Match, bool) {
	p := &g.patterns[m.PatternID]
	start, end := m.Start, m.End
	if off != nil {
		start, end = off[start], off[end]
	}
	if inSpans(urls, start) {
		return Match{}, false
	}
	if p.wordStart {
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); start > 0 && isWord(r) {
			return Match{}, false
		}
	}
	if p.wordEnd {
		if r, _ := utf8.DecodeRuneInString(text[end:]); end < len(text) && isWord(r) {
			return Match{}, false
		}
	}
	if p.exact != nil && !slices.Contains(p.exact, collapse(text[start:end])) {
		return Match{}, false
	}
	return Match{Start: start, End: end, Entry: &g.entries[p.entry], Text: text[start:end]}, true
}

// MayOverlap reports whether a name Find finds in text may overlap
// text[start:end], such as a separator in a list, without finding the
// names. When it reports false, none does: a name that does either lies
// inside the run, or holds the run's first byte and the byte before it,
// or its last byte and the byte after it, and no name holds those. Callers
// use it to skip Find when only names across such runs matter.
func (g *Gazetteer) MayOverlap(text string, start, end int) bool {
	if g.automaton == nil {
		return false
	}
	if start >= end || end-start > maxShort {
		return start < end
	}
	// Names are compared with text normalized, which printable ASCII is
	// when lower-cased (a run of spaces becomes one space, still a space).
	for _, c := range []byte(text[max(start-1, 0):min(end+1, len(text))]) {
		if c < ' ' || c >= 0x7f {
			return true
		}
	}
	var buf [maxShort]byte
	run := appendLowerASCII(buf[:0], text[start:end])
	for i := range run {
		for j := i + 1; j <= len(run); j++ {
			if g.short[string(run[i:j])] {
				return true
			}
		}
	}
	return start > 0 && g.hasPair(lowerByte(text[start-1]), run[0]) ||
		end < len(text) && g.hasPair(run[len(run)-1], lowerByte(text[end]))
}

// addPairs records the adjacent bytes of pattern k, and k itself when it
// is short.
func (g *Gazetteer) addPairs(k string) {
	for i := 0; i+1 < len(k); i++ {
		pair := int(k[i])<<8 | int(k[i+1])
		g.pairs[pair/64] |= 1 << (pair % 64)
	}
	if len(k) <= maxShort {
		g.short[k] = true
	}
}

// hasPair reports whether a pattern holds the bytes a and b one after
// the other.
func (g *Gazetteer) hasPair(a, b byte) bool {
	pair := int(a)<<8 | int(b)
	return g.pairs[pair/64]&(1<<(pair%64)) != 0
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// urlSpans returns the [start, end) byte ranges of the web addresses in
// text, in order: runs of non-space text around "://" or starting "www.".
func urlSpans(text string) [][2]int {
	var spans [][2]int
	for i := 0; i < len(text); {
		j := strings.Index(text[i:], "://")
		w := strings.Index(text[i:], "www.")
		if j < 0 && w < 0 {
			break
		}
		at := j
		if at < 0 || (w >= 0 && w < at) {
			at = w
		}
		at += i
		start := at
		for start > 0 && isURLByte(text[start-1]) && text[start-1] != '(' {
			start--
		}
		end := at
		for end < len(text) && isURLByte(text[end]) {
			end++
		}
		// A link in parentheses or brackets keeps its closing mark out.
		for end > at && strings.IndexByte(").,;:!?]'\"", text[end-1]) >= 0 {
			end--
		}
		if end <= at {
			end = at + 1
		}
		spans = append(spans, [2]int{start, end})
		i = end
	}
	return spans
}

// isURLByte reports whether b may be part of a web address as written in
// prose or markdown.
func isURLByte(b byte) bool {
	return b > ' ' && b < 0x7f && b != '<' && b != '>' && b != '"' && b != '[' && b != ']' && b != '`'
}

// inSpans reports whether offset lies in one of spans, which are ordered.
func inSpans(spans [][2]int, offset int) bool {
	i := sort.Search(len(spans), func(i int) bool { return spans[i][1] > offset })
	return i < len(spans) && spans[i][0] <= offset
}
