package export

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Layouts lists the Graphviz layout engines a map may use.
var Layouts = []string{"dot", "neato", "fdp", "sfdp", "circo", "twopi"}

// theme holds the colours of one map theme.
type theme struct {
	background, text, edge, border string
	kindFill                       map[graph.Kind]string
	community                      []string
	rel                            map[graph.Rel]string
}

var themes = map[string]theme{
	"light": {
		background: "white", text: "#1f2328", edge: "#8c959f", border: "#57606a",
		kindFill: map[graph.Kind]string{
			graph.Person: "#fdd9a0", graph.Organization: "#bfe3f7", graph.Service: "#b8ead9",
			graph.Topic: "#faf3b0", graph.Interview: "#ecc7e0",
		},
		// Paul Tol's "light" qualitative scheme: distinct for colour-blind readers.
		community: []string{"#77aadd", "#ee8866", "#eedd88", "#ffaabb", "#99ddff", "#44bb99", "#bbcc33", "#aaaa00", "#dddddd"},
		rel: map[graph.Rel]string{
			graph.Features: "#8250df", graph.Recommends: "#cf222e", graph.Covers: "#0969da",
			graph.AffiliatedWith: "#57606a", graph.Mentions: "#afb8c1", graph.ProvidedBy: "#1a7f37",
			graph.PartOf: "#9a6700",
		},
	},
	"dark": {
		background: "#0d1117", text: "#e6edf3", edge: "#6e7681", border: "#c9d1d9",
		kindFill: map[graph.Kind]string{
			graph.Person: "#7a4e00", graph.Organization: "#1f5f86", graph.Service: "#1b6e55",
			graph.Topic: "#665f14", graph.Interview: "#6e3a5e",
		},
		// Paul Tol's "muted" scheme, dark enough for light text.
		community: []string{"#332288", "#117733", "#882255", "#44aa99", "#88722a", "#aa4499", "#2f6b8a", "#6a3d2e", "#555555"},
		rel: map[graph.Rel]string{
			graph.Features: "#d2a8ff", graph.Recommends: "#ff7b72", graph.Covers: "#79c0ff",
			graph.AffiliatedWith: "#8b949e", graph.Mentions: "#484f58", graph.ProvidedBy: "#56d364",
			graph.PartOf: "#e3b341",
		},
	},
}

// kindShape gives each kind its node shape. Routing edges around nodes
// (splines=true) takes Graphviz time that grows steeply with the number
// of corners of the outlines it routes around: the shipped content's map
// (79 nodes) took 1.7-2.5 s with services drawn as cylinders, nearly all
// of it routing, and 0.8 s with them drawn as UML components, a four-
// cornered outline, in the same layout. Ellipses cost more than boxes
// too, but a person is an ellipse.
var kindShape = map[graph.Kind]string{
	graph.Person:       `shape=ellipse`,
	graph.Organization: `shape=box, style="filled,rounded"`,
	graph.Service:      `shape=component`,
	graph.Topic:        `shape=note`,
	graph.Interview:    `shape=tab`,
}

var relStyle = map[graph.Rel]string{
	graph.Features:       `style=bold`,
	graph.Recommends:     `penwidth=1.8`,
	graph.Covers:         `penwidth=1.4`,
	graph.AffiliatedWith: `style=dashed`,
	graph.Mentions:       `style=dotted, arrowsize=0.6`,
	graph.ProvidedBy:     `style=dashed`,
	graph.PartOf:         `style=dotted`,
}

// relStrength orders relations for drawing: parallel edges between two
// nodes are drawn once, in the style of the strongest.
var relStrength = map[graph.Rel]int{
	graph.Features: 7, graph.Recommends: 6, graph.Covers: 5, graph.AffiliatedWith: 4,
	graph.ProvidedBy: 3, graph.PartOf: 2, graph.Mentions: 1,
}

// Evidence shown in tooltips: a few sources, each cut to a readable length.
const (
	maxTooltipSources = 3
	maxEvidenceRunes  = 160
)

// DOT writes the map of Subgraph(g, o) in the Graphviz language. Nodes are
// shaped and coloured by kind (or coloured by community), sized by
// o.SizeBy, carry tooltips with their evidence and links when safe; a
// legend with the title sits in the graph label. Parallel edges between
// two nodes are drawn once, styled by the strongest relation, with every
// relation in the tooltip. A map over o.MaxNodes nodes keeps only the
// most central, and one over o.MaxEdges lines only each node's strongest
// links (see MapOptions); the legend says so.
//
// With no o.Layout, a focused map uses twopi around the focus, a map of
// up to 12 nodes uses dot left to right, and larger maps use neato with
// overlap removal, which keeps hub-and-spoke interview graphs compact.
func DOT(w io.Writer, g *graph.Graph, o MapOptions) error {
	sub, cutFrom, err := subgraph(g, o)
	if err != nil {
		return err
	}
	if o.Standalone {
		// sub shares nothing with g. Without centrality, measures count
		// a node's links in sub (see measurer).
		for i := range sub.Nodes {
			sub.Nodes[i].Centrality = nil
		}
	}
	th, ok := themes[orDefault(o.Theme, "light")]
	if !ok {
		return fmt.Errorf("unknown theme %q (want light or dark)", o.Theme)
	}
	colorBy := orDefault(o.ColorBy, "kind")
	if colorBy != "kind" && colorBy != "community" {
		return fmt.Errorf("unknown colour scheme %q (want kind or community)", o.ColorBy)
	}
	rank, err := newMeasurer(sub, o.By)
	if err != nil {
		return err
	}
	sparse := sparsify(sub, orDefaultInt(o.MaxEdges, DefaultMaxEdges), rank, o.Focus)
	sub = sparse.g
	size, err := newMeasurer(sub, o.SizeBy)
	if err != nil {
		return err
	}
	layout, err := chooseLayout(o, len(sub.Nodes))
	if err != nil {
		return err
	}
	d := dotWriter{g: sub, o: o, th: th, colorBy: colorBy, size: size, sparse: sparse, cutFrom: cutFrom}
	d.graphHeader(layout)
	d.nodes()
	d.edges()
	d.buf.WriteString("}\n")
	if _, err := w.Write(d.buf.Bytes()); err != nil {
		return fmt.Errorf("write dot: %w", err)
	}
	return nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func orDefaultInt(n, def int) int {
	if n == 0 {
		return def
	}
	return n
}

// largeMapNodes is the size above which maps draw curved edges instead of
// routing them around nodes.
const largeMapNodes = 100

func chooseLayout(o MapOptions, nodes int) (string, error) {
	if o.Layout != "" {
		for _, l := range Layouts {
			if l == o.Layout {
				return l, nil
			}
		}
		return "", fmt.Errorf("unknown layout %q (want one of %v)", o.Layout, Layouts)
	}
	switch {
	case o.Focus != "":
		return "twopi", nil
	case nodes <= 12:
		return "dot", nil
	}
	return "neato", nil
}

type dotWriter struct {
	buf     bytes.Buffer
	g       *graph.Graph
	o       MapOptions
	th      theme
	colorBy string
	size    measurer
	sparse  sparseMap
	cutFrom int // nodes before MaxNodes cut the map down; 0 if it did not
}

func (d *dotWriter) printf(format string, args ...any) {
	fmt.Fprintf(&d.buf, format, args...)
}

func (d *dotWriter) graphHeader(layout string) {
	th := d.th
	d.printf("digraph peoplegraph {\n")
	d.printf("  graph [layout=%s, bgcolor=%q, fontname=\"Helvetica\", fontcolor=%q, fontsize=12,\n", layout, th.background, th.text)
	// size caps the drawing at 720 x 864 pt (960 px wide in a browser):
	// a blog column. outputorder draws edges under nodes.
	d.printf("    size=\"10,12\", pad=0.2, outputorder=edgesfirst, labelloc=b, labeljust=l")
	switch layout {
	case "dot":
		d.printf(", rankdir=LR, ranksep=0.9, nodesep=0.25")
	case "twopi":
		d.printf(", ranksep=2.2, overlap=false, splines=true")
		if d.o.Focus != "" {
			d.printf(", root=%s", dotQuoteID(d.o.Focus))
		}
	case "circo":
		d.printf(", overlap=false, splines=true")
	default: // neato, fdp, sfdp
		// Routing edges around nodes (splines=true) takes Graphviz
		// seconds past about a hundred nodes (native Graphviz 2.43: 5.5 s
		// for the 150 most central of the 10,000-interview graph);
		// curved lines take a quarter of one.
		splines := "true"
		if len(d.g.Nodes) > largeMapNodes {
			splines = "curved"
		}
		d.printf(", overlap=false, sep=\"+10\", splines=%s, start=1", splines)
	}
	d.printf(",\n    label=%s];\n", d.legend())
	d.printf("  node [fontname=\"Helvetica\", fontcolor=%q, color=%q, style=filled, penwidth=1.2, margin=\"0.12,0.05\"];\n", th.text, th.border)
	d.printf("  edge [fontname=\"Helvetica\", color=%q, arrowsize=0.7];\n", th.edge)
}

func (d *dotWriter) nodes() {
	scaled := d.size.scaled()
	for i, n := range d.g.Nodes {
		s := scaled[i]
		// The square root keeps small values visible: font size 11 to 22.
		fontsize := 11 + 11*math.Sqrt(s)
		d.printf("  %s [label=\"%s\", %s, fillcolor=%q, fontsize=%.1f, penwidth=%.2f, tooltip=\"%s\"",
			dotQuoteID(n.ID), labelEscaper.Replace(displayName(n)), kindShape[n.Kind], d.fill(n), fontsize, 1+1.5*s, d.nodeTooltip(i))
		if u := d.nodeURL(n); u != "" {
			d.printf(", URL=\"%s\", target=\"_top\"", dotText(u))
		}
		d.printf("];\n")
	}
}

func (d *dotWriter) fill(n graph.Node) string {
	if d.colorBy == "community" {
		c := 0
		if n.Centrality != nil {
			c = n.Centrality.Community
		}
		return d.th.community[communityColour(c, len(d.th.community))]
	}
	return d.th.kindFill[n.Kind]
}

// communityColour spreads community numbers over the palette; negative or
// huge numbers still land on a colour.
func communityColour(c, n int) int {
	return ((c % n) + n) % n
}

func (d *dotWriter) nodeURL(n graph.Node) string {
	if n.Kind == graph.Interview {
		slug := strings.TrimPrefix(n.ID, string(graph.Interview)+"/")
		if u := interviewURL(d.o.BaseURL, slug); u != "" {
			return u
		}
	}
	return safeURL(n.URL)
}

func (d *dotWriter) nodeTooltip(i int) string {
	n := d.g.Nodes[i]
	lines := []string{fmt.Sprintf("%s (%s)", n.Name, n.Kind)}
	if len(n.Aliases) > 0 {
		lines = append(lines, "also: "+strings.Join(n.Aliases, ", "))
	}
	if c := n.Centrality; c != nil {
		lines = append(lines, fmt.Sprintf("pagerank %.4f, betweenness %.4f, degree %d, community %d",
			finite(c.PageRank), finite(c.Betweenness), c.Degree, c.Community))
	}
	shown := 0
	for _, e := range append(d.g.Out(i), d.g.In(i)...) {
		if shown == maxTooltipSources {
			break
		}
		if len(e.Sources) == 0 {
			continue
		}
		lines = append(lines, fmt.Sprintf("%s %s %s — %s", d.name(e.From), e.Rel, d.name(e.To), evidence(e.Sources[0])))
		shown++
	}
	return tooltip(lines)
}

func (d *dotWriter) name(id string) string {
	if n, ok := d.g.Node(id); ok {
		return n.Name
	}
	return id
}

// evidence renders a source as "interview:line: text".
func evidence(s graph.Source) string {
	e := fmt.Sprintf("%s:%d", s.Interview, s.Line)
	if t := truncate(cleanText(s.Text), maxEvidenceRunes); t != "" {
		e += ": " + t
	}
	return e
}

func tooltip(lines []string) string {
	for i, l := range lines {
		lines[i] = dotText(l)
	}
	return strings.Join(lines, `\n`)
}

// drawnEdge is every relation between one ordered pair of nodes.
type drawnEdge struct {
	from, to string
	edges    []*graph.Edge
}

func (d *dotWriter) edges() {
	var pairs []*drawnEdge
	byPair := map[[2]string]*drawnEdge{}
	for k := range d.g.Edges {
		e := &d.g.Edges[k]
		key := [2]string{e.From, e.To}
		p, ok := byPair[key]
		if !ok {
			p = &drawnEdge{from: e.From, to: e.To}
			byPair[key] = p
			pairs = append(pairs, p) // g.Edges is sorted, so pairs are too
		}
		p.edges = append(p.edges, e)
	}
	for _, p := range pairs {
		sort.SliceStable(p.edges, func(a, b int) bool { return relStrength[p.edges[a].Rel] > relStrength[p.edges[b].Rel] })
		top := p.edges[0].Rel
		var lines []string
		for _, e := range p.edges {
			lines = append(lines, fmt.Sprintf("%s %s %s", d.name(e.From), e.Rel, d.name(e.To)))
			for k, s := range e.Sources {
				if k == maxTooltipSources {
					lines = append(lines, fmt.Sprintf("  … %d more", len(e.Sources)-k))
					break
				}
				lines = append(lines, "  "+evidence(s))
			}
		}
		d.printf("  %s -> %s [color=%q, %s, tooltip=\"%s\"];\n",
			dotQuoteID(p.from), dotQuoteID(p.to), d.th.rel[top], relStyle[top], tooltip(lines))
	}
}

// legend is an HTML-like label: the title, then a swatch per kind (or
// community) present, then a line sample per relation present.
func (d *dotWriter) legend() string {
	var b strings.Builder
	b.WriteString(`<<table border="0" cellborder="0" cellspacing="2" cellpadding="3">`)
	if t := label(d.o.Title); t != "" {
		fmt.Fprintf(&b, `<tr><td align="left" colspan="8"><font point-size="16"><b>%s</b></font></td></tr>`, htmlText(t))
	}
	if d.cutFrom > 0 {
		fmt.Fprintf(&b, `<tr><td align="left" colspan="8">%d of %d nodes shown: the most central by %s</td></tr>`,
			len(d.g.Nodes), d.cutFrom, htmlText(orDefault(d.o.By, "pagerank")))
	}
	if sp := d.sparse; sp.perNode > 0 {
		fmt.Fprintf(&b, `<tr><td align="left" colspan="8">%d of %d links shown: the %d strongest of each node</td></tr>`,
			sp.linksKept, sp.linksIn, sp.perNode)
	}
	b.WriteString(`<tr>`)
	if d.colorBy == "community" {
		for _, c := range d.communities() {
			fmt.Fprintf(&b, `<td bgcolor="%s">%s</td>`, d.th.community[communityColour(c.id, len(d.th.community))], htmlText(c.label))
		}
	} else {
		for _, k := range graph.Kinds {
			if d.hasKind(k) {
				fmt.Fprintf(&b, `<td bgcolor="%s">%s</td>`, d.th.kindFill[k], k)
			}
		}
	}
	b.WriteString(`</tr><tr>`)
	for _, r := range graph.Rels {
		if d.hasRel(r) {
			fmt.Fprintf(&b, `<td><font color="%s">——</font> %s</td>`, d.th.rel[r], strings.ReplaceAll(string(r), "_", " "))
		}
	}
	b.WriteString(`</tr></table>>`)
	return b.String()
}

func (d *dotWriter) hasKind(k graph.Kind) bool {
	for _, n := range d.g.Nodes {
		if n.Kind == k {
			return true
		}
	}
	return false
}

func (d *dotWriter) hasRel(r graph.Rel) bool {
	for _, e := range d.g.Edges {
		if e.Rel == r {
			return true
		}
	}
	return false
}

type communityLegend struct {
	id    int
	label string
}

// communities lists up to 8 communities, largest first, each named after
// its member with the largest size measure.
func (d *dotWriter) communities() []communityLegend {
	type info struct {
		size, best int
	}
	byID := map[int]*info{}
	for _, i := range d.size.ranked() {
		c := 0
		if cent := d.g.Nodes[i].Centrality; cent != nil {
			c = cent.Community
		}
		if byID[c] == nil {
			byID[c] = &info{best: i}
		}
		byID[c].size++
	}
	ids := make([]int, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(a, b int) bool {
		if byID[ids[a]].size != byID[ids[b]].size {
			return byID[ids[a]].size > byID[ids[b]].size
		}
		return ids[a] < ids[b]
	})
	if len(ids) > 8 {
		ids = ids[:8]
	}
	out := make([]communityLegend, len(ids))
	for k, id := range ids {
		out[k] = communityLegend{id: id, label: fmt.Sprintf("%s (%d)", label(d.g.Nodes[byID[id].best].Name), byID[id].size)}
	}
	return out
}

// displayName is the cleaned, shortened name a map shows; the ID when the
// name cleans to nothing (go-graphviz would show the ID anyway).
func displayName(n graph.Node) string {
	if s := label(n.Name); s != "" {
		return s
	}
	return label(n.ID)
}

// labelEscaper escapes a DOT label: "&" as an entity (Graphviz reads
// entities in labels), backslash doubled (so \N, \G, \l and friends stay
// literal) and quotes escaped.
var labelEscaper = strings.NewReplacer(`&`, `&amp;`, `\`, `\\`, `"`, `\"`)

// dotText escapes cleaned text for tooltips and URLs. Graphviz expands
// escapes in those attributes differently from labels, so a backslash
// becomes the look-alike U+29F5 instead of an escape.
func dotText(s string) string {
	return textEscaper.Replace(cleanText(s))
}

var textEscaper = strings.NewReplacer(`&`, `&amp;`, `\`, "⧵", `"`, `\"`)

// dotQuoteID quotes a node ID.
func dotQuoteID(id string) string {
	return `"` + textEscaper.Replace(cleanText(id)) + `"`
}

// htmlText escapes text for an HTML-like label.
func htmlText(s string) string {
	return html.EscapeString(s)
}
