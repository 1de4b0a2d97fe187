package query

import (
	"slices"
	"sort"

	"github.com/peoplegraph/peoplegraph/graph"
)

// WhoCoversOptions tune WhoCovers.
type WhoCoversOptions struct {
	// Broad also counts what the topic contains: the nodes that are
	// provided_by or part_of it, transitively (AWS contains S3 and Lambda).
	Broad bool
	// Limit caps the number of answers; 0 means no cap.
	Limit int
}

// The tiers of a WhoCovers answer, strongest first.
const (
	TierCovers     = 1 // a covers edge: the person is an expert in it
	TierAffiliated = 2 // affiliated with it or with its provider
	TierMentions   = 3 // mentions or recommends it
)

// Reasons a person answers WhoCovers, one per tier and reach.
const (
	ReasonCovers           = "covers directly"
	ReasonCoversPart       = "covers a part of it"
	ReasonAffiliated       = "affiliated with it"
	ReasonAffiliatedVendor = "affiliated with its provider"
	ReasonMentions         = "mentions it"
	ReasonMentionsPart     = "mentions a part of it"
)

// WhoCoversResult answers "who covers X".
type WhoCoversResult struct {
	Query string    `json:"query"`
	Topic Candidate `json:"topic"`
	Broad bool      `json:"broad,omitempty"`
	// Includes lists what Broad added: the nodes the topic contains.
	Includes []Candidate `json:"includes,omitempty"`
	// ScoreBy names the measure in Answer.Score: "pagerank" or "degree".
	ScoreBy string   `json:"score_by"`
	Answers []Answer `json:"answers"`
}

// Answer is one person who covers the topic. Answers are ordered by tier,
// then score descending, then name and ID; Rank is the 1-based position.
type Answer struct {
	Rank   int       `json:"rank"`
	Person Candidate `json:"person"`
	Tier   int       `json:"tier"`
	Reason string    `json:"reason"`
	Score  float64   `json:"score"`
	// Evidence holds every source that put the person here, strongest
	// tier first, then by interview and line.
	Evidence []Evidence `json:"evidence"`
}

// WhoCovers lists the people who cover a topic (a topic, service or
// organization): first those with a covers edge to it, which is how a
// recommendation "X - Kubernetes" is read; then people affiliated with it
// or with its provider; then people who mention or recommend it.
func WhoCovers(g *graph.Graph, topic string, opts WhoCoversOptions) (*WhoCoversResult, error) {
	t, err := Resolve(g, topic, graph.Topic, graph.Service, graph.Organization)
	if err != nil {
		return nil, err
	}
	ti := g.Index(t.ID)
	res := &WhoCoversResult{Query: topic, Topic: candidateOf(t), Broad: opts.Broad}
	targets := []int{ti}
	if opts.Broad {
		for _, i := range contained(g, ti) {
			targets = append(targets, i)
			res.Includes = append(res.Includes, candidateOf(&g.Nodes[i]))
		}
	}
	isTarget := map[int]bool{}
	for _, x := range targets {
		isTarget[x] = true
	}

	c := &coverage{g: g, sp: newSpeakers(g), byPerson: map[int]*answerDraft{}}
	for _, x := range targets {
		direct := x == ti
		for _, e := range g.In(x) {
			switch e.Rel {
			case graph.Covers:
				c.add(e.From, TierCovers, pick(direct, ReasonCovers, ReasonCoversPart), e)
			case graph.AffiliatedWith:
				c.add(e.From, TierAffiliated, pick(direct, ReasonAffiliated, ReasonAffiliatedVendor), e)
			case graph.Mentions, graph.Recommends:
				c.add(e.From, TierMentions, pick(direct, ReasonMentions, ReasonMentionsPart), e)
			}
		}
		for _, p := range g.Out(x) {
			// A provider among the targets is covered by the direct
			// affiliations above.
			if (p.Rel != graph.ProvidedBy && p.Rel != graph.PartOf) || isTarget[g.Index(p.To)] {
				continue
			}
			for _, a := range g.In(g.Index(p.To)) {
				if a.Rel == graph.AffiliatedWith {
					c.add(a.From, TierAffiliated, ReasonAffiliatedVendor, a, p)
				}
			}
		}
	}
	res.ScoreBy, res.Answers = c.answers(opts.Limit)
	return res, nil
}

func pick(direct bool, ifDirect, ifPart string) string {
	if direct {
		return ifDirect
	}
	return ifPart
}

// contained returns, in node order, the positions of every node that is
// provided_by or part_of the node at position top, transitively.
func contained(g *graph.Graph, top int) []int {
	seen := map[int]bool{top: true}
	queue := []int{top}
	var out []int
	for len(queue) > 0 {
		x := queue[0]
		queue = queue[1:]
		for _, e := range g.In(x) {
			if e.Rel != graph.ProvidedBy && e.Rel != graph.PartOf {
				continue
			}
			i := g.Index(e.From)
			if !seen[i] {
				seen[i] = true
				out = append(out, i)
				queue = append(queue, i)
			}
		}
	}
	sort.Ints(out)
	return out
}

// coverage gathers WhoCovers answers, one per person. It keeps edges and
// turns them into Evidence only for the answers that survive the limit.
type coverage struct {
	g        *graph.Graph
	sp       *speakers
	byPerson map[int]*answerDraft
}

type answerDraft struct {
	Answer
	edges []tieredEdge
}

type tieredEdge struct {
	tier int
	edge *graph.Edge
}

// add records that the person with the given ID answers at tier for
// reason, with the sources of edges as evidence. Nodes other than people
// are ignored.
func (c *coverage) add(personID string, tier int, reason string, edges ...*graph.Edge) {
	pi := c.g.Index(personID)
	if pi < 0 || c.g.Nodes[pi].Kind != graph.Person {
		return
	}
	d, ok := c.byPerson[pi]
	if !ok {
		d = &answerDraft{Answer: Answer{Person: candidateOf(&c.g.Nodes[pi]), Tier: tier, Reason: reason}}
		c.byPerson[pi] = d
	}
	if tier < d.Tier || (tier == d.Tier && reasonRank(reason) < reasonRank(d.Reason)) {
		d.Tier, d.Reason = tier, reason
	}
	for _, e := range edges {
		// Edge pointers are positions in g.Edges, so equal pointers are
		// the same edge reached twice (through two providers, say).
		if !slices.ContainsFunc(d.edges, func(te tieredEdge) bool { return te.edge == e }) {
			d.edges = append(d.edges, tieredEdge{tier, e})
		}
	}
}

// reasonRank orders reasons within a tier: direct before a part.
func reasonRank(r string) int {
	switch r {
	case ReasonCoversPart, ReasonAffiliatedVendor, ReasonMentionsPart:
		return 1
	}
	return 0
}

// answers returns the measure used for scores and the first limit ranked
// answers (all when limit <= 0) with their evidence.
func (c *coverage) answers(limit int) (string, []Answer) {
	positions := make([]int, 0, len(c.byPerson))
	for pi := range c.byPerson {
		positions = append(positions, pi)
	}
	sc := newScorer(c.g, positions)
	drafts := make([]*answerDraft, 0, len(positions))
	for _, pi := range positions {
		d := c.byPerson[pi]
		d.Score = sc.score(pi)
		drafts = append(drafts, d)
	}
	sort.Slice(drafts, func(i, j int) bool {
		a, b := drafts[i], drafts[j]
		if a.Tier != b.Tier {
			return a.Tier < b.Tier
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if a.Person.Name != b.Person.Name {
			return a.Person.Name < b.Person.Name
		}
		return a.Person.ID < b.Person.ID
	})
	drafts = capped(drafts, limit)
	out := make([]Answer, len(drafts))
	for i, d := range drafts {
		out[i] = d.Answer
		out[i].Rank = i + 1
		out[i].Evidence = c.evidence(d.edges)
	}
	return sc.by(), out
}

// evidence lists the sources of edges, strongest tier first, then by
// interview and line.
func (c *coverage) evidence(edges []tieredEdge) []Evidence {
	type tiered struct {
		tier int
		ev   Evidence
	}
	var all []tiered
	for _, te := range edges {
		for _, ev := range c.sp.evidenceOf(te.edge) {
			all = append(all, tiered{te.tier, ev})
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].tier != all[j].tier {
			return all[i].tier < all[j].tier
		}
		return evidenceLess(all[i].ev, all[j].ev)
	})
	out := make([]Evidence, len(all))
	for i, t := range all {
		out[i] = t.ev
	}
	return out
}

// evidenceLess orders evidence by interview, line, relation and endpoints.
func evidenceLess(a, b Evidence) bool {
	if a.Interview != b.Interview {
		return a.Interview < b.Interview
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Rel != b.Rel {
		return a.Rel < b.Rel
	}
	if a.From.ID != b.From.ID {
		return a.From.ID < b.From.ID
	}
	return a.To.ID < b.To.ID
}
