package gazetteer

import (
	"slices"
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
// entries only as capitalised in the data. It scans the text once.
func (g *Gazetteer) Find(text string) []Match {
	if g.automaton == nil || text == "" {
		return nil
	}
	var off []int
	norm := normalize(text, &off)
	var found []Match
	for _, m := range g.automaton.FindAllOverlapping(norm) {
		p := &g.patterns[m.PatternID]
		start, end := off[m.Start], off[m.End]
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
		found = append(found, Match{Start: start, End: end, Entry: &g.entries[p.entry], Text: text[start:end]})
	}
	// Leftmost, then longest; then drop what overlaps a match already kept.
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
	return kept
}
