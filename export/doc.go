// Package export writes a peoplegraph graph out: the evaluation JSON,
// maps (DOT, and SVG, PNG or PDF laid out by go-graphviz, Graphviz
// compiled to WebAssembly: no cgo, no system Graphviz), and standard graph
// formats.
// Every writer takes an in-memory *graph.Graph, tolerates nodes without
// centrality, and gives byte-identical output for equal graphs.
//
// Formats (Write, or WriteDir for the file names in FileNames):
//
//   - json: the shape shared/eval/score.py reads, plus interviews and an
//     analytics summary. Score it with
//     python3 ../shared/eval/score.py graph.json ../shared/eval/gold/lynn-langit.json
//   - dot: the default map in the Graphviz language:
//     dot -Tsvg graph.dot > graph.svg (the layout is named in the file:
//     use `dot -K neato` or the layout it names when rendering by hand).
//   - graphml: node attributes kind, name, aliases, url and the measures;
//     edge attributes rel, sources (count), evidence. Gephi: File > Open;
//     yEd: Open; networkx: nx.read_graphml("graph.graphml").
//   - gexf: GEXF 1.2 with the same attributes; edge weight = sources.
//     Gephi: File > Open; networkx: nx.read_gexf("graph.gexf").
//   - mermaid: a `graph LR` flowchart; paste it into a ```mermaid block
//     on GitHub, or `mmdc -i graph.mmd -o graph.svg`.
//   - cytoscape: Cytoscape.js elements JSON: cy.add(json.elements) in the
//     browser; Cytoscape desktop: File > Import > Network from File.
//   - csv: nodes.csv and edges.csv for neo4j-admin (Neo4j 5):
//     neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv neo4j
//     (aliases is a ";"-separated string[]; each kind is a label, each
//     relation an upper-case relationship type).
//   - rdf: N-Quads (default graph), entities under IDBase, classes and
//     predicates under SchemaBase, plus <dgraph.type>. Dgraph:
//     dgraph live --files graph.nq  or  dgraph bulk -f graph.nq -s schema.txt;
//     any RDF store: e.g. riot --validate graph.nq.
//
// Maps: DOT draws Subgraph(g, MapOptions) with shapes and colours by kind
// (or community), node size by a measure, evidence tooltips, safe links
// and a legend; Renderer lays DOT out and writes SVG, PNG or PDF. A map
// of more than MapOptions.MaxNodes nodes (DefaultMaxNodes, 150) with no
// Top keeps the most central of them, and one that would draw more than
// MapOptions.MaxEdges lines (DefaultMaxEdges,
// 400) keeps, for each node, its k strongest links — most sources first,
// then the most central other end — with k the largest that fits, so the
// top nodes of a big corpus, hubs all linked to each other, lay out in
// seconds and stay readable. SVG is
// Graphviz's own. PNG (96 dpi, gg) and PDF (fpdf) are drawn by this
// package from Graphviz's rendering calls, since the WebAssembly Graphviz
// has no cairo: the PDF is vector paths and text in the embedded Go fonts
// (subset, so it reads the same without any fonts installed), one page the
// size of the SVG in points, with a link annotation on every node the SVG
// links, and a fixed creation date so equal graphs give identical bytes.
// Text that is wider in the Go font than Graphviz measured is drawn
// smaller. Tooltips are SVG only. Check a PDF by eye with
// pdftoppm -png map.pdf page; pdftotext map.pdf - lists its text.
//
// Safety: names, evidence and URLs come from interview text, so labels and
// tooltips are stripped of control, bidi and zero-width characters and
// escaped for each format (DOT strings and entities, HTML-like labels,
// Mermaid entity codes, XML, CSV, N-Quads literals); links are kept only
// for http, https and mailto URLs.
package export
