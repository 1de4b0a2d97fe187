package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// MaxFileSize is the largest interview file Parse accepts.
const MaxFileSize = 8 << 20

// maxDepth bounds how deep Parse follows nested lists, quotes and inline
// emphasis; content nested deeper is read as plain text of its ancestor or
// dropped. Goldmark parses any nesting; this bounds our own recursion.
const maxDepth = 48

// Document is an interview file read into front matter and the sections of
// its body.
type Document struct {
	Front FrontMatter
	// Sections in file order. Text before the first heading is a section
	// with an empty Heading and Line 0.
	Sections []Section
}

// Section is a heading and the blocks up to the next heading of the same
// or a higher level.
type Section struct {
	Heading string
	Level   int // 1–6 for markdown headings, 7 for a bold question paragraph
	Line    int // file line of the heading
	Class   SectionClass
	// Sub marks a heading nested under a resources question, such as a
	// person's name as an h3 under "Who should readers follow?": it takes
	// the resources class, and its heading is itself a list entry.
	Sub    bool
	Parent string // the resources heading of a Sub section
	Blocks []Block
}

// BlockKind says what kind of markdown block a Block came from.
type BlockKind string

// The block kinds.
const (
	Paragraph BlockKind = "paragraph"
	ListItem  BlockKind = "item"
	Quote     BlockKind = "quote"
	TableRow  BlockKind = "row"
)

// Block is a paragraph, a list item's own text, or a quoted paragraph,
// split into its source lines.
type Block struct {
	Kind    BlockKind
	Depth   int  // list nesting depth of an item, 1 for a top-level item
	Ordered bool // item of a numbered list
	Lines   []Line
	// Cells holds a table row's cells as plain text; Header marks the
	// table's header row.
	Cells  []string
	Header bool
}

// Line is the plain text that one source line of a block contributes, with
// its inline markup as spans over that text.
type Line struct {
	No    int // 1-based line in the file
	Text  string
	Spans []Span
	// wraps are the later source lines unwrap joined into this one:
	// where each starts in Text, and its number.
	wraps []wrap
}

type wrap struct{ at, no int }

// lineAt is the number of the source line that byte off of l's text
// came from.
func (l Line) lineAt(off int) int {
	no := l.No
	for _, w := range l.wraps {
		if w.at > off {
			break
		}
		no = w.no
	}
	return no
}

// unwrap joins the wrapped source lines of one paragraph into one line,
// as Block.Text joins them: a name, or a phrase such as "works at
// Acme", broken across two lines is whole again, and each fact found
// still knows its own line (see lineAt).
func unwrap(lines []Line) Line {
	if len(lines) == 1 {
		return lines[0]
	}
	var out Line
	var text strings.Builder
	for i, l := range lines {
		at := 0
		if i > 0 {
			text.WriteByte(' ')
			at = text.Len()
			out.wraps = append(out.wraps, wrap{at: at, no: l.No})
		} else {
			out.No = l.No
		}
		for _, sp := range l.Spans {
			sp.Start += at
			sp.End += at
			out.Spans = append(out.Spans, sp)
		}
		text.WriteString(l.Text)
	}
	out.Text = text.String()
	return out
}

// SpanKind is the kind of an inline markup span.
type SpanKind string

// The span kinds.
const (
	Strong   SpanKind = "strong"
	Emphasis SpanKind = "em"
	Link     SpanKind = "link"
	Code     SpanKind = "code"
)

// Span marks Text[Start:End] of a Line as strong, emphasised, linked or code.
type Span struct {
	Start, End int
	Kind       SpanKind
	URL        string
}

// append adds l's text and spans to the end of line, after sep when line
// already has text; an empty line takes l's number.
func (line *Line) append(l Line, sep string) {
	if line.No == 0 {
		line.No = l.No
	}
	if line.Text != "" {
		line.Text += sep
	}
	shift := len(line.Text)
	for _, sp := range l.Spans {
		sp.Start += shift
		sp.End += shift
		line.Spans = append(line.Spans, sp)
	}
	line.Text += l.Text
}

// Text returns all of a block's lines joined by single spaces.
func (b Block) Text() string {
	parts := make([]string, len(b.Lines))
	for i, l := range b.Lines {
		parts[i] = l.Text
	}
	return strings.Join(parts, " ")
}

// Parse reads an interview file: front matter (YAML, TOML or JSON) and a
// markdown body split into sections. It builds a markdown parser for the
// one call; an Extractor builds one for all its files.
func Parse(data []byte) (*Document, error) {
	return parse(newMarkdownParser(), data)
}

// newMarkdownParser returns the goldmark parser interview bodies are read
// with. Building one costs more than parsing a typical post, and one
// parser serves concurrent Parse calls (each gets its own context).
func newMarkdownParser() parser.Parser {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough)).Parser()
}

func parse(md parser.Parser, data []byte) (*Document, error) {
	if err := checkContent(data); err != nil {
		return nil, err
	}
	fm, body, err := splitFrontMatter(data)
	if err != nil {
		return nil, err
	}
	doc := &Document{Front: fm}
	p := &mdParser{md: md, src: body, lineOffset: fm.EndLine}
	p.parse(doc)
	classify(doc.Sections)
	return doc, nil
}

// classify sets each section's class from its heading; headings nested
// below a resources question that ask nothing of their own inherit it.
func classify(sections []Section) {
	resLevel, parent := 0, "" // the enclosing resources heading, if any
	for i := range sections {
		s := &sections[i]
		s.Class = ClassifyHeading(s.Heading)
		switch {
		case resLevel > 0 && s.Level > resLevel && s.Level <= 6 && s.Class == Other:
			s.Class, s.Sub, s.Parent = Resources, true, parent
		case s.Class == Resources && s.Level <= 6:
			resLevel, parent = s.Level, s.Heading
		case s.Heading != "" && (s.Level <= resLevel || s.Level == 7):
			resLevel = 0
		}
	}
}

// checkContent refuses what cannot be an interview: an oversized file,
// binary content and invalid UTF-8.
func checkContent(data []byte) error {
	if len(data) > MaxFileSize {
		return fmt.Errorf("file is %s, larger than the %s limit for an interview", humanSize(len(data)), humanSize(MaxFileSize))
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return fmt.Errorf("line %d: NUL byte: binary content, not a text interview", lineAt(data, i))
	}
	if !utf8.Valid(data) {
		off := 0
		for off < len(data) {
			r, size := utf8.DecodeRune(data[off:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			off += size
		}
		return fmt.Errorf("line %d: invalid UTF-8", lineAt(data, off))
	}
	return nil
}

func humanSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1000*1000:
		return fmt.Sprintf("%d MB", n/(1000*1000))
	case n >= 1000:
		return fmt.Sprintf("%d kB", n/1000)
	}
	return fmt.Sprintf("%d bytes", n)
}

type mdParser struct {
	md         parser.Parser
	src        []byte
	lineOffset int
	// at and newlines are the last offset line was asked for and the
	// newlines before it: offsets come in file order, so each newline of
	// the body is counted about once.
	at, newlines int
	cur          *Section
	scratch      []byte // reused by inlineLines
	starts       []int  // reused by inlineLines
	// room is free space for the lines of blocks, allocated a few
	// blocks' worth at a time, and blockRoom for the blocks of sections.
	room      []Line
	blockRoom []Block
}

// line converts a body byte offset to a 1-based file line.
func (p *mdParser) line(off int) int {
	if off >= p.at {
		p.newlines += bytes.Count(p.src[p.at:off], newline)
	} else {
		p.newlines -= bytes.Count(p.src[off:p.at], newline)
	}
	p.at = off
	return p.newlines + 1 + p.lineOffset
}

var newline = []byte("\n")

// lineRoom and blockRoom are how many lines of blocks room, and blocks
// blockRoom, are allocated for at most at once.
const (
	lineRoom  = 32
	blockRoom = 64
)

func (p *mdParser) parse(doc *Document) {
	doc.Sections = []Section{{}}
	p.cur = &doc.Sections[0]
	p.parseBody(doc)
	p.closeSection()
	dropEmptyPreamble(doc)
}

func dropEmptyPreamble(doc *Document) {
	if len(doc.Sections) > 1 && len(doc.Sections[0].Blocks) == 0 {
		doc.Sections = doc.Sections[1:]
	}
}

func (p *mdParser) startSection(doc *Document, heading string, level, line int) {
	p.closeSection()
	doc.Sections = append(doc.Sections, Section{Heading: heading, Level: level, Line: line})
	p.cur = &doc.Sections[len(doc.Sections)-1]
}

// addBlock adds b to the current section. Sections take their blocks
// from the free blockRoom, one after another: a section is done with
// before the next starts.
func (p *mdParser) addBlock(b Block) {
	if p.cur.Blocks == nil {
		if len(p.blockRoom) == cap(p.blockRoom) {
			p.blockRoom = make([]Block, 0, min(blockRoom, max(8, 2*cap(p.blockRoom))))
		}
		p.cur.Blocks = p.blockRoom[len(p.blockRoom):]
	}
	p.cur.Blocks = append(p.cur.Blocks, b)
}

// closeSection caps the current section's blocks and, when they are in
// blockRoom still, takes the room they fill.
func (p *mdParser) closeSection() {
	blocks := p.cur.Blocks
	if len(blocks) > 0 && &blocks[:cap(blocks)][cap(blocks)-1] == &p.blockRoom[:cap(p.blockRoom)][cap(p.blockRoom)-1] {
		p.blockRoom = p.blockRoom[:len(p.blockRoom)+len(blocks)]
	}
	p.cur.Blocks = blocks[:len(blocks):len(blocks)]
}

// blocks walks the block children of n. listDepth counts enclosing lists.
func (p *mdParser) blocks(doc *Document, n ast.Node, depth, listDepth int) {
	if depth > maxDepth {
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Heading:
			lines := p.inlineLines(c, c.Lines())
			heading := strings.TrimSpace(joinLines(lines))
			p.startSection(doc, heading, c.Level, firstLineNo(lines, p.blockLine(c)))
		case *ast.Paragraph, *ast.TextBlock:
			ordered := false
			if l, ok := c.Parent().(*ast.ListItem); ok {
				if list, ok := l.Parent().(*ast.List); ok {
					ordered = list.IsOrdered()
				}
			}
			p.paragraph(doc, p.inlineLines(c, c.Lines()), depth, listDepth, ordered)
		case *ast.Blockquote:
			start := len(p.cur.Blocks)
			p.blocks(doc, c, depth+1, listDepth)
			for i := start; i < len(p.cur.Blocks); i++ {
				if p.cur.Blocks[i].Kind == Paragraph {
					p.cur.Blocks[i].Kind = Quote
				}
			}
		case *ast.List:
			p.blocks(doc, c, depth+1, listDepth+1)
		case *ast.ListItem:
			p.blocks(doc, c, depth+1, listDepth)
		default:
			if c.Kind().String() == "TableRow" || c.Kind().String() == "TableHeader" {
				p.tableRow(c)
				continue
			}
			if c.Kind().String() == "Table" {
				p.blocks(doc, c, depth+1, listDepth)
			}
			// Code, HTML and thematic breaks say nothing about people.
		}
	}
}

// paragraph adds a paragraph's lines, at depth in the document and in
// listDepth lists, as a block or, when it asks a question, as a section.
func (p *mdParser) paragraph(doc *Document, lines []Line, depth, listDepth int, ordered bool) {
	if len(lines) == 0 {
		return
	}
	kind := Paragraph
	if listDepth > 0 {
		kind = ListItem
	}
	if kind == Paragraph && depth == 0 && isQuestionParagraph(lines) {
		p.startSection(doc, strings.TrimSpace(joinLines(lines)), 7, lines[0].No)
		return
	}
	p.addBlock(Block{Kind: kind, Lines: lines, Depth: listDepth, Ordered: ordered})
}

// tableRow reads a table row as one line whose cells are joined by " | ".
func (p *mdParser) tableRow(row ast.Node) {
	var out Line
	var cells []string
	for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
		lines := p.inlineLines(cell, nil)
		cells = append(cells, strings.TrimSpace(joinLines(lines)))
		for _, l := range lines {
			out.append(l, " | ")
		}
	}
	if out.No != 0 && strings.TrimSpace(out.Text) != "" {
		header := row.Kind().String() == "TableHeader"
		p.addBlock(Block{Kind: TableRow, Lines: []Line{out}, Cells: cells, Header: header})
	}
}

func (p *mdParser) blockLine(n ast.Node) int {
	if segs := n.Lines(); segs != nil && segs.Len() > 0 {
		return p.line(segs.At(0).Start)
	}
	return 0
}

func firstLineNo(lines []Line, fallback int) int {
	if len(lines) > 0 {
		return lines[0].No
	}
	return fallback
}

func joinLines(lines []Line) string {
	parts := make([]string, len(lines))
	for i, l := range lines {
		parts[i] = l.Text
	}
	return strings.Join(parts, " ")
}

// isQuestionParagraph reports whether a paragraph is an interviewer's
// question written as bold text or as "Q: …" rather than as a heading.
func isQuestionParagraph(lines []Line) bool {
	// Most paragraphs do not end with a question mark: join only those.
	if n := len(lines); n <= maxHostTurnLines && strings.HasSuffix(strings.TrimRight(lines[n-1].Text, " *_"), "?") && hostQuestion(joinLines(lines)) {
		return true
	}
	if len(lines) != 1 {
		return false
	}
	l := lines[0]
	t := strings.TrimSpace(l.Text)
	if strings.HasPrefix(t, "Q:") || strings.HasPrefix(t, "Q.") || strings.HasPrefix(t, "Question:") {
		return true
	}
	if !strings.HasSuffix(strings.TrimRight(t, " :*_"), "?") {
		return false
	}
	for _, s := range l.Spans {
		if (s.Kind == Strong || s.Kind == Emphasis) && s.Start == 0 && s.End >= len(strings.TrimRight(l.Text, " ")) {
			return true
		}
	}
	return false
}

// maxHostTurnLines bounds the lines of a transcript's question: a host
// asks in a sentence or two.
const maxHostTurnLines = 3

// hostQuestion reports whether a paragraph of a transcript is the host
// asking a question: "[00:05:41] **Host:** Who taught you the most?".
func hostQuestion(t string) bool {
	t = strings.TrimSpace(t)
	if !strings.HasSuffix(strings.TrimRight(t, " *_"), "?") {
		return false
	}
	if loc := timestamp.FindStringIndex(t); loc != nil {
		t = t[loc[1]:]
	}
	t = strings.TrimLeft(t, "*_ ")
	label, _, ok := strings.Cut(t, ":")
	return ok && len(label) <= len("interviewer") && hostLabels.hasLower(strings.TrimRight(label, "*_ "))
}

// timestamp opens a line of a transcript: "[00:05:41]", "(12:03)", "01:02:03 -".
var timestamp = regexp.MustCompile(`^[\[(]?\d{1,2}:\d{2}(?::\d{2})?[\])]?\s*[-–—]?\s*`)

// hostLabels name the speaker who asks the questions in a transcript.
var hostLabels = newWordSet(`host interviewer moderator q`)

// inlineCollector turns a block's inline nodes into per-line plain text.
type inlineCollector struct {
	p     *mdParser
	lines []Line
	// text holds the text of every line, one after another; starts[i]
	// is where line i begins. Only the last line is written to.
	text   []byte
	starts []int
	isOpen bool // whether the last line takes text; false after a break
}

func (p *mdParser) inlineLines(block ast.Node, segs *text.Segments) []Line {
	if len(p.room) == cap(p.room) {
		// A one-line value needs little room, a document more and more.
		p.room = make([]Line, 0, min(lineRoom, max(4, 2*cap(p.room))))
	}
	// The lines are written in the free room, which a long block outgrows.
	ic := &inlineCollector{p: p, lines: p.room[len(p.room):], text: p.scratch[:0], starts: p.starts[:0]}
	if segs != nil && segs.Len() > 0 {
		ic.open(p.line(segs.At(0).Start))
	}
	ic.walk(block, 0)
	p.scratch, p.starts = ic.text, ic.starts // the lines copy their text out of it
	out := ic.lines[:0]                      // the lines kept, in place
	for i, l := range ic.lines {
		raw := ic.lineText(i)
		trimmed := bytes.TrimRight(raw, " \t")
		lead := len(raw) - len(bytes.TrimLeft(raw, " \t"))
		if len(bytes.TrimSpace(trimmed)) == 0 {
			continue
		}
		l.Text = string(trimmed[lead:])
		spans := l.Spans[:0]
		for _, s := range l.Spans {
			s.Start = min(max(s.Start-lead, 0), len(l.Text))
			s.End = min(max(s.End-lead, 0), len(l.Text))
			if s.End > s.Start {
				spans = append(spans, s)
			}
		}
		l.Spans = spans
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil
	}
	if cap(out) == cap(p.room)-len(p.room) { // the lines fit the room
		p.room = p.room[:len(p.room)+len(out)]
	}
	return out[:len(out):len(out)]
}

// lineText returns the text written to line i so far.
func (ic *inlineCollector) lineText(i int) []byte {
	if i+1 < len(ic.starts) {
		return ic.text[ic.starts[i]:ic.starts[i+1]]
	}
	return ic.text[ic.starts[i]:]
}

func (ic *inlineCollector) open(no int) {
	ic.lines = append(ic.lines, Line{No: no})
	ic.starts = append(ic.starts, len(ic.text))
	ic.isOpen = true
}

// write appends s to the current line; pos is the source offset of s,
// or -1 when s has none (it then continues the previous line's number).
func (ic *inlineCollector) write(s []byte, pos int) {
	if !ic.isOpen {
		switch {
		case pos >= 0:
			ic.open(ic.p.line(pos))
		case len(ic.lines) > 0:
			ic.open(ic.lines[len(ic.lines)-1].No)
		default:
			ic.open(ic.p.lineOffset + 1)
		}
	}
	ic.text = append(ic.text, s...)
}

func (ic *inlineCollector) newline() { ic.isOpen = false }

func (ic *inlineCollector) walk(n ast.Node, depth int) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			ic.write(c.Segment.Value(ic.p.src), c.Segment.Start)
			if c.SoftLineBreak() || c.HardLineBreak() {
				ic.newline()
			}
		case *ast.String:
			ic.write(c.Value, -1)
		case *ast.CodeSpan:
			ic.span(c, Code, "", depth)
		case *ast.Emphasis:
			kind := Emphasis
			if c.Level >= 2 {
				kind = Strong
			}
			ic.span(c, kind, "", depth)
		case *ast.Link:
			ic.span(c, Link, string(c.Destination), depth)
		case *ast.AutoLink:
			ic.write(c.Label(ic.p.src), -1)
		case *ast.Image, *ast.RawHTML:
			// alt text and inline HTML are not part of the sentence
		default:
			if depth < maxDepth {
				ic.walk(c, depth+1)
			}
		}
	}
}

// span records the text its children write as one span. A span broken by
// a line break is recorded on the line where it starts.
func (ic *inlineCollector) span(n ast.Node, kind SpanKind, url string, depth int) {
	if depth >= maxDepth {
		return
	}
	if !ic.isOpen {
		ic.open(ic.firstPos(n))
	}
	line := len(ic.lines) - 1
	start := len(ic.lineText(line))
	ic.walk(n, depth+1)
	if end := len(ic.lineText(line)); end > start {
		ic.lines[line].Spans = append(ic.lines[line].Spans, Span{Start: start, End: end, Kind: kind, URL: url})
	}
}

// firstPos finds the source line of the first text under n.
func (ic *inlineCollector) firstPos(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return ic.p.line(t.Segment.Start)
		}
	}
	if len(ic.lines) > 0 {
		return ic.lines[len(ic.lines)-1].No
	}
	return ic.p.lineOffset + 1
}
