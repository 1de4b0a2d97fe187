package query

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// WhoCoversOptions tune WhoCovers.
type WhoCoversOptions struct {
	// Broad also counts what the topic contains: the nodes that are
	// provided_by or part_of it, transitively (AWS contains S3 and Lambda).
	Broad bool
	// Limit caps the number of answers; 0 means no cap.
	Limit int
	// Evidence caps the evidence kept per answer, strongest first; 0
	// means no cap. Answer.EvidenceOmitted counts what it left out. Text
	// output needs no more than TextEvidence.
	Evidence int
}

// TextEvidence is how much evidence per answer WhoCoversResult.WriteText
// prints: a WhoCoversOptions.Evidence of this or more prints the same.
const TextEvidence = 1 + maxMoreEvidence

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
	// EvidenceOmitted counts the evidence left out by
	// WhoCoversOptions.Evidence.
	EvidenceOmitted int `json:"evidence_omitted,omitempty"`
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
	if len(g.InEdges(ti)) >= prefetchGuests {
		// Evidence names who said it: thousands of answers ask about
		// thousands of interviews. The index that answers them is built
		// on another processor while this one gathers the answers.
		go g.IndexGuests()
	}
	res := &WhoCoversResult{Query: topic, Topic: candidateOf(t), Broad: opts.Broad}
	targets := []int{ti}
	if opts.Broad {
		for _, i := range contained(g, ti) {
			targets = append(targets, i)
			res.Includes = append(res.Includes, candidateOf(&g.Nodes[i]))
		}
	}
	isTarget := make(map[int]bool, len(targets))
	for _, x := range targets {
		isTarget[x] = true
	}

	c := newCoverage(g, len(g.InEdges(ti)))
	// An affiliation with a provider is evidence once per person, however
	// many targets that provider provides.
	vendorSeen := map[int]bool{}
	for _, x := range targets {
		direct := x == ti
		for _, k := range g.InEdges(x) {
			from, _ := g.Ends(int(k))
			switch g.Edges[k].Rel {
			case graph.Covers:
				c.add(int(k), from, TierCovers, pick(direct, ReasonCovers, ReasonCoversPart), x)
			case graph.AffiliatedWith:
				c.add(int(k), from, TierAffiliated, pick(direct, ReasonAffiliated, ReasonAffiliatedVendor), x)
			case graph.Mentions, graph.Recommends:
				c.add(int(k), from, TierMentions, pick(direct, ReasonMentions, ReasonMentionsPart), x)
			}
		}
		for _, k := range g.OutEdges(x) {
			if rel := g.Edges[k].Rel; rel != graph.ProvidedBy && rel != graph.PartOf {
				continue
			}
			// A provider among the targets is covered by the direct
			// affiliations above.
			_, vendor := g.Ends(int(k))
			if isTarget[vendor] {
				continue
			}
			first := !vendorSeen[vendor]
			vendorSeen[vendor] = true
			for _, ka := range g.InEdges(vendor) {
				if g.Edges[ka].Rel == graph.AffiliatedWith {
					person, _ := g.Ends(int(ka))
					c.addVendor(int(ka), int(k), person, x, vendor, first)
				}
			}
		}
	}
	res.ScoreBy, res.Answers = c.answers(opts.Limit, opts.Evidence)
	return res, nil
}

// prefetchGuests is how many edges into a topic make WhoCovers index the
// interviews' guests ahead: about as many questions about guests as make
// a graph index them by itself (see graph.Graph.IndexGuests).
const prefetchGuests = 512

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
		for _, k := range g.InEdges(x) {
			if e := &g.Edges[k]; e.Rel != graph.ProvidedBy && e.Rel != graph.PartOf {
				continue
			}
			i, _ := g.Ends(int(k))
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

// coverage gathers WhoCovers answers, one draft per person. It keeps the
// edges that put each person there, with their endpoints' positions, and
// turns them into Evidence only for the answers that survive the limit.
type coverage struct {
	g *graph.Graph
	// The index in drafts of each person's draft, by node position: in
	// slot for a few people, in dense (index+1, 0 for none) for many.
	slot   map[int]int32
	dense  []int32
	drafts []answerDraft
	// reaches holds the edges of every draft; each draft's are chained
	// through next in the order they were added.
	reaches []reach
	// provenance holds the first source of each provided_by or part_of
	// edge met, by position: every person affiliated with the provider
	// cites it, and a graph may decode sources on every call.
	provenance map[int][]graph.Source
}

type answerDraft struct {
	person      int32
	tier        int
	reason      string
	first, last int32 // the draft's first and last reach, or -1
	sources     int   // sources of its reaches: the evidence it will have
}

// reach is one edge that puts a person in the answer, at tier.
type reach struct {
	edge     *graph.Edge
	sources  []graph.Source // the edge's sources this reach counts as evidence
	tier     int
	from, to int32 // positions of the edge's endpoints
	next     int32 // the draft's next reach, or -1
}

// newCoverage returns a coverage for g that expects about the given
// number of people.
func newCoverage(g *graph.Graph, expected int) *coverage {
	c := &coverage{g: g, drafts: make([]answerDraft, 0, expected)}
	// A slot per node costs a clear of the array; hashing costs more
	// once the people are more than a few hundredths of the nodes.
	if expected*denseDrafts >= len(g.Nodes) {
		c.dense = make([]int32, len(g.Nodes))
	} else {
		c.slot = make(map[int]int32, expected)
	}
	return c
}

// denseDrafts is how many nodes one expected person must stand for before
// coverage keeps its slots in an array over all nodes.
const denseDrafts = 64

// draft returns the draft of the person at position pi, raising it to
// tier and reason; ok is false when the node is not a person.
func (c *coverage) draft(pi int, tier int, reason string) (k int32, ok bool) {
	if c.g.Nodes[pi].Kind != graph.Person {
		return -1, false
	}
	var seen bool
	if c.dense != nil {
		k, seen = c.dense[pi]-1, c.dense[pi] > 0
	} else {
		k, seen = c.slot[pi]
	}
	if !seen {
		k = int32(len(c.drafts))
		if c.dense != nil {
			c.dense[pi] = k + 1
		} else {
			c.slot[pi] = k
		}
		c.drafts = append(c.drafts, answerDraft{person: int32(pi), tier: tier, reason: reason, first: -1, last: -1})
	}
	d := &c.drafts[k]
	if tier < d.tier || (tier == d.tier && reasonRank(reason) < reasonRank(d.reason)) {
		d.tier, d.reason = tier, reason
	}
	return k, true
}

// link appends r to the reaches of draft k.
func (c *coverage) link(k int32, r reach) {
	r.next = -1
	n := int32(len(c.reaches))
	c.reaches = append(c.reaches, r)
	d := &c.drafts[k]
	if d.last < 0 {
		d.first = n
	} else {
		c.reaches[d.last].next = n
	}
	d.last = n
	d.sources += len(r.sources)
}

// add records that the edge at position e, from the node at position
// from into the target at position to, puts that node at tier for
// reason. Edges from other nodes than people are ignored.
func (c *coverage) add(e, from int, tier int, reason string, to int) {
	if k, ok := c.draft(from, tier, reason); ok {
		c.link(k, reach{edge: &c.g.Edges[e], sources: c.g.Sources(e), tier: tier, from: int32(from), to: int32(to)})
	}
}

// addVendor records that the edge at position a, an affiliation of the
// node at position person with the node at position vendor, puts that
// person among the affiliated because the edge at position p says the
// target at position x is provided by or part of vendor. The affiliation
// itself is evidence only the first time the vendor is met: each edge
// counts once per person.
func (c *coverage) addVendor(a, p, person, x, vendor int, first bool) {
	k, ok := c.draft(person, TierAffiliated, ReasonAffiliatedVendor)
	if !ok {
		return
	}
	if first {
		c.link(k, reach{edge: &c.g.Edges[a], sources: c.g.Sources(a), tier: TierAffiliated, from: int32(person), to: int32(vendor)})
	}
	// That x is provided by or part of vendor is said about x, not about
	// the person: its first source shows it. Every source of it, for
	// every person affiliated with a large vendor, would be millions.
	if c.provenance == nil {
		c.provenance = map[int][]graph.Source{}
	}
	ps, ok := c.provenance[p]
	if !ok {
		ps = c.g.Sources(p)
		ps = ps[:min(1, len(ps))]
		c.provenance[p] = ps
	}
	c.link(k, reach{edge: &c.g.Edges[p], sources: ps, tier: TierAffiliated, from: int32(x), to: int32(vendor)})
}

// reasonRank orders reasons within a tier: direct before a part.
func reasonRank(r string) int {
	switch r {
	case ReasonCoversPart, ReasonAffiliatedVendor, ReasonMentionsPart:
		return 1
	}
	return 0
}

// rankedDraft is what answers are ordered by, taken from cheap data.
type rankedDraft struct {
	draft  int32
	tier   int
	score  float64
	person *graph.Node
}

// compareRanked orders answers by tier, then score descending, then name
// and ID; IDs are unique, so the order is total.
func compareRanked(a, b rankedDraft) int {
	if a.tier != b.tier {
		return cmp.Compare(a.tier, b.tier)
	}
	if a.score != b.score {
		return cmp.Compare(b.score, a.score)
	}
	if c := strings.Compare(a.person.Name, b.person.Name); c != 0 {
		return c
	}
	return strings.Compare(a.person.ID, b.person.ID)
}

// answers returns the measure used for scores and the first limit ranked
// answers (all when limit <= 0) with their first evidenceCap pieces of
// evidence (all when evidenceCap <= 0).
func (c *coverage) answers(limit, evidenceCap int) (string, []Answer) {
	g := c.g
	positions := make([]int, len(c.drafts))
	for k, d := range c.drafts {
		positions[k] = int(d.person)
	}
	sc := newScorer(g, positions)
	rs := make([]rankedDraft, len(c.drafts))
	for k, d := range c.drafts {
		rs[k] = rankedDraft{draft: int32(k), tier: d.tier, score: sc.score(int(d.person)), person: &g.Nodes[d.person]}
	}
	rs = firstN(rs, limit, compareRanked)
	kept := func(n int) int {
		if evidenceCap > 0 {
			return min(n, evidenceCap)
		}
		return n
	}
	total := 0
	for _, r := range rs {
		total += kept(c.drafts[r.draft].sources)
	}
	// One array holds the evidence of every answer.
	backing := make([]Evidence, total)
	sp := newSpeakers(g, total)
	var scratch []tieredEvidence
	out := make([]Answer, len(rs))
	for i, r := range rs {
		d := &c.drafts[r.draft]
		n := kept(d.sources)
		ev := backing[:n:n]
		backing = backing[n:]
		if only := &c.reaches[d.first]; d.first == d.last && inStrictOrder(only.sources) {
			// Most people are here by one edge, whose sources are the
			// evidence in order: no need to gather and sort them.
			from, to := candidateOf(&g.Nodes[only.from]), candidateOf(&g.Nodes[only.to])
			for j, src := range only.sources[:n] {
				ev[j] = Evidence{Source: src, SaidBy: sp.of(src.Interview), Rel: only.edge.Rel, From: from, To: to}
			}
		} else {
			scratch = c.evidence(d, scratch[:0])
			// Who said it is looked up last, for the evidence kept only.
			for j := range ev {
				ev[j] = scratch[j].ev
				ev[j].SaidBy = sp.of(ev[j].Interview)
			}
		}
		out[i] = Answer{
			Rank: i + 1, Person: candidateOf(r.person), Tier: d.tier, Reason: d.reason,
			Score: r.score, Evidence: ev, EvidenceOmitted: d.sources - n,
		}
	}
	return sc.by(), out
}

// inStrictOrder reports whether no two sources share an interview and
// line, which, sources being sorted, means that their evidence is in
// strictly ascending order: what coverage.evidence keeps without sorting.
func inStrictOrder(ss []graph.Source) bool {
	for i := 1; i < len(ss); i++ {
		if ss[i-1].Line == ss[i].Line && ss[i-1].Interview == ss[i].Interview {
			return false
		}
	}
	return true
}

type tieredEvidence struct {
	tier int
	ev   Evidence
}

// evidence appends to buf the sources of d's reaches, strongest tier
// first, then by interview and line, without SaidBy.
func (c *coverage) evidence(d *answerDraft, buf []tieredEvidence) []tieredEvidence {
	for k := d.first; k >= 0; k = c.reaches[k].next {
		r := &c.reaches[k]
		from, to := candidateOf(&c.g.Nodes[r.from]), candidateOf(&c.g.Nodes[r.to])
		for _, src := range r.sources {
			buf = append(buf, tieredEvidence{r.tier, Evidence{Source: src, Rel: r.edge.Rel, From: from, To: to}})
		}
	}
	// Sources come sorted within an edge, so one edge's evidence is
	// usually in order already: check before sorting. Only a strict order
	// is kept as is, so that ties are broken by the sort as ever.
	for i := 1; i < len(buf); i++ {
		if compareTiered(buf[i-1], buf[i]) >= 0 {
			slices.SortFunc(buf, compareTiered)
			break
		}
	}
	return buf
}

func compareTiered(a, b tieredEvidence) int {
	if a.tier != b.tier {
		return cmp.Compare(a.tier, b.tier)
	}
	return compareEvidence(a.ev, b.ev)
}

// compareEvidence orders evidence by interview, line, relation and
// endpoints.
func compareEvidence(a, b Evidence) int {
	if c := strings.Compare(a.Interview, b.Interview); c != 0 {
		return c
	}
	if a.Line != b.Line {
		return cmp.Compare(a.Line, b.Line)
	}
	if c := strings.Compare(string(a.Rel), string(b.Rel)); c != 0 {
		return c
	}
	if c := strings.Compare(a.From.ID, b.From.ID); c != 0 {
		return c
	}
	return strings.Compare(a.To.ID, b.To.ID)
}
