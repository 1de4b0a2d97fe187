package query

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Evidence is one source line behind an answer: the edge that was read
// there and who said it.
type Evidence struct {
	graph.Source
	// SaidBy is the interviewee of the source's interview (the node its
	// features edge points at); nil when the interview has none.
	SaidBy *Candidate `json:"said_by,omitempty"`
	Rel    graph.Rel  `json:"rel"`
	From   Candidate  `json:"from"`
	To     Candidate  `json:"to"`
}

// Related is a node reached over one relation, with the sources of that
// edge.
type Related struct {
	Node    Candidate      `json:"node"`
	Sources []graph.Source `json:"sources"`
}

// relLabels phrases each relation read forward (from → to) and backward.
var relLabels = map[graph.Rel][2]string{
	graph.Features:       {"features", "is featured in"},
	graph.Recommends:     {"recommends", "is recommended by"},
	graph.Covers:         {"covers", "is covered by"},
	graph.AffiliatedWith: {"is affiliated with", "has affiliate"},
	graph.Mentions:       {"mentions", "is mentioned by"},
	graph.ProvidedBy:     {"is provided by", "provides"},
	graph.PartOf:         {"is part of", "contains"},
}

// relLabel phrases rel read forward, or backward when forward is false.
func relLabel(rel graph.Rel, forward bool) string {
	l, ok := relLabels[rel]
	if !ok {
		return string(rel)
	}
	if forward {
		return l[0]
	}
	return l[1]
}

// speakers finds the interviewee of each interview, remembering answers
// for the duration of one query.
type speakers struct {
	g *graph.Graph
	// byNode (for a few sources) or dense (for many, by node position)
	// holds a candidate per guest's node position, pointing into slab,
	// which is allocated a chunk at a time: a popular topic is cited from
	// thousands of interviews.
	byNode map[int]*Candidate
	dense  []*Candidate
	slab   []Candidate
	// The last slug asked about and its answer: sources come sorted, so
	// the same interview is often asked about several times running.
	lastSlug string
	last     *Candidate
	asked    bool
}

// newSpeakers returns speakers for g that expect to be asked about the
// given number of sources.
func newSpeakers(g *graph.Graph, expected int) *speakers {
	// An array over all nodes costs a clear; hashing costs more once the
	// sources are more than a few hundredths of the nodes.
	if expected*denseSpeakers >= len(g.Nodes) {
		return &speakers{g: g, dense: make([]*Candidate, len(g.Nodes))}
	}
	return &speakers{g: g, byNode: make(map[int]*Candidate, min(expected, len(g.Interviews)))}
}

// denseSpeakers is how many nodes one expected source must stand for
// before speakers keep candidates in an array over all nodes.
const denseSpeakers = 32

// of returns the interviewee of the interview with the given slug (see
// graph.Graph.Guest), or nil.
func (s *speakers) of(slug string) *Candidate {
	if s.asked && slug == s.lastSlug {
		return s.last
	}
	var c *Candidate
	if i := s.g.Guest(slug); i >= 0 {
		c = s.node(i)
	}
	s.lastSlug, s.last, s.asked = slug, c, true
	return c
}

// node returns the candidate for the node at position i.
func (s *speakers) node(i int) *Candidate {
	if s.dense != nil {
		if c := s.dense[i]; c != nil {
			return c
		}
	} else if c, ok := s.byNode[i]; ok {
		return c
	}
	if len(s.slab) == cap(s.slab) {
		s.slab = make([]Candidate, 0, speakerChunk)
	}
	s.slab = append(s.slab, candidateOf(&s.g.Nodes[i]))
	c := &s.slab[len(s.slab)-1]
	if s.dense != nil {
		s.dense[i] = c
	} else {
		s.byNode[i] = c
	}
	return c
}

// speakerChunk is how many candidates speakers allocate at once.
const speakerChunk = 64

func (s *speakers) candidate(id string) Candidate {
	if n, ok := s.g.Node(id); ok {
		return candidateOf(n)
	}
	return Candidate{ID: id}
}

// phrase says in words what the evidence shows, e.g. "recommended by Lynn
// Langit for Kubernetes" for a covers edge read in someone else's interview.
func (ev Evidence) phrase() string { return string(ev.appendPhrase(nil)) }

// appendPhrase appends ev.phrase() to b.
func (ev Evidence) appendPhrase(b []byte) []byte {
	switch {
	case ev.Rel == graph.Covers && ev.SaidBy != nil && ev.SaidBy.ID != ev.From.ID:
		return appendWords(b, "recommended by ", ev.SaidBy.Name, " for ", ev.To.Name)
	case ev.Rel == graph.Recommends && ev.SaidBy != nil && ev.SaidBy.ID != ev.From.ID:
		return appendWords(b, ev.From.Name, " recommends ", ev.To.Name, ", per ", ev.SaidBy.Name)
	case ev.Rel == graph.ProvidedBy || ev.Rel == graph.PartOf:
		return appendWords(b, ev.From.Name, " ", relLabel(ev.Rel, true), " ", ev.To.Name)
	}
	return appendWords(b, relLabel(ev.Rel, true), " ", ev.To.Name)
}

func appendWords(b []byte, words ...string) []byte {
	for _, w := range words {
		b = append(b, w...)
	}
	return b
}

// maxQuoteRunes bounds how much of a source line text output quotes.
const maxQuoteRunes = 90

// cite formats a source as "slug:line: text", the text shortened for
// reading.
func cite(s graph.Source) string { return string(appendCite(nil, s)) }

// appendCite appends cite(s) to b.
func appendCite(b []byte, s graph.Source) []byte {
	b = append(b, s.Interview...)
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(s.Line), 10)
	text := strings.TrimSpace(s.Text)
	if text == "" {
		return b
	}
	b = append(b, ": "...)
	if utf8.RuneCountInString(text) > maxQuoteRunes {
		return append(append(b, string([]rune(text)[:maxQuoteRunes-1])...), "…"...)
	}
	return append(b, text...)
}

// citeAll formats several sources separated by "; ".
func citeAll(ss []graph.Source) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = cite(s)
	}
	return strings.Join(parts, "; ")
}

// degree counts the edges at node position i, in and out.
func degree(g *graph.Graph, i int) int { return len(g.OutEdges(i)) + len(g.InEdges(i)) }

// scorer ranks nodes by PageRank when analytics were computed and by
// degree otherwise.
type scorer struct {
	g        *graph.Graph
	pagerank bool
}

// newScorer returns a scorer for ranking the nodes at the given positions:
// by PageRank when the graph has analytics or any of them has centrality.
func newScorer(g *graph.Graph, positions []int) scorer {
	s := scorer{g: g, pagerank: g.Analytics != nil}
	for _, i := range positions {
		if g.Nodes[i].Centrality != nil {
			s.pagerank = true
			break
		}
	}
	return s
}

// hasAnalytics reports whether centrality was computed for the graph.
func hasAnalytics(g *graph.Graph) bool {
	if g.Analytics != nil {
		return true
	}
	for i := range g.Nodes {
		if g.Nodes[i].Centrality != nil {
			return true
		}
	}
	return false
}

// by names the measure the scorer uses.
func (s scorer) by() string {
	if s.pagerank {
		return "pagerank"
	}
	return "degree"
}

func (s scorer) score(i int) float64 {
	if !s.pagerank {
		return float64(degree(s.g, i))
	}
	if c := s.g.Nodes[i].Centrality; c != nil {
		return c.PageRank
	}
	return 0
}
