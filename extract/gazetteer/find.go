package gazetteer

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
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
	var off []int // where each byte of norm came from; nil when from the same offset
	var norm []byte
	var buf [512]byte // most lines fit: normalize them on the stack
	norm, ok := appendLowerPlainASCII(buf[:0], text)
	if !ok {
		norm = normalize(text, &off)
	}
	urls := urlSpans(text)
	first := len(dst)
	for _, m := range g.automaton.FindAllOverlapping(norm) {
		p := &g.patterns[m.PatternID]
		start, end := m.Start, m.End
		if off != nil {
			start, end = off[start], off[end]
		}
		if inSpans(urls, start) {
			continue
		}
		if p.wordStart {
			if r, _ := utf8.DecodeLastRuneInString(text[:start]); start > 0 && isWord(r) {
				continue
			}
		}
		if p.wordEnd {
			if r, _ := utf8.DecodeRuneInString(text[end:]); end < len(text) && isWord(r) {
				continue
			}
		}
		if p.exact != nil && !slices.Contains(p.exact, collapse(text[start:end])) {
			continue
		}
		dst = append(dst, Match{Start: start, End: end, Entry: &g.entries[p.entry], Text: text[start:end]})
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
