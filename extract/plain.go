package extract

import (
	"bytes"
	"slices"
	"strings"

	"github.com/yuin/goldmark/text"
)

// Most of an interview's body is headings and paragraphs of plain text,
// which markdown reads as they are written. parseBody reads those itself
// and gives the markdown parser only the stretches of the body that may
// hold markup, each parsed on its own: a stretch starts after an empty
// line, where no block of markdown that began before reaches into it.
//
// Three things could reach across an empty line, or from one stretch to
// another: fenced code, HTML blocks and link reference definitions. A body
// that may hold one of them is given to the markdown parser whole.
//
// Lists of plain items, one line each, are read the same way, as are
// lines opened by a link or a strong span: most recommendation lists are
// "- [Jane Doe](https://…) – topics", "- Jane Doe, Acme: topics" or
// "**Jane Doe (Acme)** - topics".

// maxStretches bounds how many stretches of markup a body is parsed in;
// a body with more, each costing the parser's set-up, is parsed whole.
const maxStretches = 8

// parseBody reads the body p.src into doc's sections.
func (p *mdParser) parseBody(doc *Document) {
	body, lineOffset := p.src, p.lineOffset
	if mayReachAcrossBlocks(body) {
		p.markdown(doc, body, lineOffset)
		return
	}
	// First find the plain blocks, so that a body with many stretches
	// of markup between them is parsed whole instead.
	var blocks [32]plainBlock
	plain, stretches := splitPlain(body, blocks[:0])
	if stretches > maxStretches {
		p.markdown(doc, body, lineOffset)
		return
	}
	var textBuf [64]lineText
	all, texts, spans := readPlain(body, plain, textBuf[:0])
	p.makeRoom(doc, plain)
	at, line := 0, 0 // body offset read to, and the newlines before it
	for _, b := range plain {
		p.stretch(doc, body[at:b.start], lineOffset+line)
		line += bytes.Count(body[at:b.start], newline)
		spans = p.plainBlock(doc, b, all, texts[:b.lines], spans, lineOffset+line+1)
		texts = texts[b.lines:]
		line += b.lines - 1
		at = b.end
	}
	p.stretch(doc, body[at:], lineOffset+line)
}

// makeRoom makes room, each in one allocation, for the sections of the
// plain blocks' headings, and for their lines and blocks.
func (p *mdParser) makeRoom(doc *Document, plain []plainBlock) {
	headings, lines, blocks := 0, 0, 0
	for _, b := range plain {
		switch {
		case b.level > 0:
			headings++
		case b.list: // an item is a block
			lines, blocks = lines+b.lines, blocks+b.lines
		default:
			lines, blocks = lines+b.lines, blocks+1
		}
	}
	if len(doc.Sections) == 1 && headings > 0 {
		doc.Sections = slices.Grow(doc.Sections, headings)
		p.cur = &doc.Sections[0]
	}
	if cap(p.room)-len(p.room) < lines {
		p.room = make([]Line, 0, lines)
	}
	if cap(p.blockRoom)-len(p.blockRoom) < blocks {
		p.blockRoom = make([]Block, 0, blocks)
	}
}

// stretch parses src, the body between plain blocks, unless it is only
// the empty lines between them.
func (p *mdParser) stretch(doc *Document, src []byte, lineOffset int) {
	for _, c := range src {
		if c != '\n' {
			p.markdown(doc, src, lineOffset)
			return
		}
	}
}

// markdown parses src, a stretch of the body starting on file line
// lineOffset+1, with the markdown parser.
func (p *mdParser) markdown(doc *Document, src []byte, lineOffset int) {
	p.src, p.lineOffset, p.at, p.newlines = src, lineOffset, 0, 0
	p.blocks(doc, p.md.Parse(text.NewReader(src)), 0, 0)
}

// plainBlock is a heading (level 1–6), a paragraph (level 0) or a list
// of plain text: body[start:end], its lines without the last newline.
type plainBlock struct {
	start, end int
	lines      int // how many
	level      int
	list       bool
}

// lineText is where a line's text and link address are in the text of
// a body's plain blocks, and the span opening the line.
type lineText struct {
	start, end  int
	label       int // length of the span's text
	span        SpanKind
	url, urlEnd int
}

// readPlain reads the texts of a body's plain blocks, in order, into
// lines, and counts the blocks' lines: a heading's text is a line of it.
// The texts, and the lines' link addresses, are cut from one string, all,
// and spans is room for the spans of all of them.
func readPlain(body []byte, blocks []plainBlock, lines []lineText) (all string, _ []lineText, spans []Span) {
	// A line's text and address are bytes of it: all fits the body.
	var text strings.Builder
	text.Grow(len(body))
	n := 0
	for i := range blocks {
		b := &blocks[i]
		src := body[b.start:b.end]
		if b.level > 0 {
			start := text.Len()
			text.Write(bytes.TrimSpace(src[b.level+1:]))
			lines = append(lines, lineText{start: start, end: text.Len()})
			b.lines = 1
			continue
		}
		read := paragraphLine
		if b.list {
			read = plainItem
		}
		for rest := src; len(rest) > 0; {
			line := rest[:lineEnd(rest, 0)]
			rest = rest[min(len(line)+1, len(rest)):]
			in, _ := read(line, false) // splitPlain checked the line
			t := lineText{start: text.Len(), label: len(in.label), span: in.span}
			text.Write(in.label)
			text.Write(in.rest)
			t.end = text.Len()
			text.Write(in.url)
			t.url, t.urlEnd = t.end, text.Len()
			lines = append(lines, t)
			if in.span != "" {
				n++
			}
			b.lines++
		}
	}
	if n > 0 {
		spans = make([]Span, 0, n)
	}
	return text.String(), lines, spans
}

// plainBlock adds a plain heading, paragraph or list, b, starting on file
// line no, as the markdown parser would read it, from the texts of its
// lines in all. It takes the lines' spans from spans and returns the rest.
func (p *mdParser) plainBlock(doc *Document, b plainBlock, all string, texts []lineText, spans []Span, no int) []Span {
	if b.level > 0 {
		p.startSection(doc, all[texts[0].start:texts[0].end], b.level, no)
		return spans
	}
	if cap(p.room)-len(p.room) < len(texts) {
		p.room = make([]Line, 0, max(min(lineRoom, max(4, 2*cap(p.room))), len(texts)))
	}
	n := len(p.room)
	lines := p.room[n : n+len(texts) : n+len(texts)]
	p.room = p.room[:n+len(texts)]
	for i, t := range texts {
		lines[i] = Line{No: no + i, Text: all[t.start:t.end]}
		if t.span != "" {
			spans = append(spans, Span{Start: 0, End: t.label, Kind: t.span, URL: all[t.url:t.urlEnd]})
			k := len(spans)
			lines[i].Spans = spans[k-1 : k : k]
		}
	}
	if !b.list {
		p.paragraph(doc, lines, 0, 0, false)
		return spans
	}
	for i := range lines { // an item is a block of its own
		p.paragraph(doc, lines[i:i+1:i+1], 0, 1, false)
	}
	return spans
}

// splitPlain appends to dst the plain blocks of body that start where no
// markup reaches, and counts the stretches of markup between them.
func splitPlain(body []byte, dst []plainBlock) (_ []plainBlock, stretches int) {
	inMarkup := false
	// A block may start at the body's start, after an empty line and
	// after a plain block.
	for at, boundary := 0, true; at < len(body); {
		end := lineEnd(body, at)
		line := body[at:end]
		next := min(end+1, len(body))
		switch {
		case len(line) == 0:
			boundary = true
			at = next
			continue
		case boundary && plainHeading(line) > 0:
			dst = append(dst, plainBlock{start: at, end: end, level: plainHeading(line)})
			inMarkup = false
			at = next
			continue // the line after a heading may start a block
		case boundary && isPlainItem(line):
			// A list of plain items, one line each, is plain when an
			// empty line or the end of the body ends it, and what
			// follows cannot continue its last item.
			if last, ok := plainRun(body, end, isPlainItem); ok && !continuesItem(body[last:]) {
				dst = append(dst, plainBlock{start: at, end: last, list: true})
				inMarkup, boundary, at = false, false, min(last+1, len(body))
				continue
			}
		case boundary && isPlainLine(line):
			// A paragraph of plain lines is plain when an empty line or
			// the end of the body ends it.
			if last, ok := plainRun(body, end, isPlainLine); ok {
				dst = append(dst, plainBlock{start: at, end: last})
				inMarkup, boundary, at = false, false, min(last+1, len(body))
				continue
			}
		}
		if !inMarkup {
			inMarkup = true
			stretches++
		}
		boundary = false
		at = next
	}
	return dst, stretches
}

// plainRun returns where the run of lines that plain reports true for,
// from the one ending at end on, ends, and whether an empty line or the
// end of the body follows it.
func plainRun(body []byte, end int, plain func([]byte) bool) (last int, ended bool) {
	last = end
	for last < len(body) {
		e := lineEnd(body, last+1)
		if !plain(body[last+1 : e]) {
			break
		}
		last = e
	}
	return last, last+1 >= len(body) || body[last+1] == '\n'
}

// lineEnd returns the offset of the newline ending the line that starts
// at, or len(b).
func lineEnd(b []byte, at int) int {
	if i := bytes.IndexByte(b[at:], '\n'); i >= 0 {
		return at + i
	}
	return len(b)
}

// plainHeading returns the level of a line that is a heading of plain
// text ("## What do you do?"), or 0.
func plainHeading(line []byte) int {
	level := 0
	for level < len(line) && line[level] == '#' {
		level++
	}
	if level == 0 || level > 6 || level+1 >= len(line) || line[level] != ' ' {
		return 0
	}
	rest := bytes.TrimLeft(line[level+1:], " ")
	if len(rest) == 0 || rest[len(rest)-1] == ' ' {
		return 0
	}
	for _, c := range rest {
		if c < ' ' || c == 0x7f || markupByte[c] {
			return 0
		}
	}
	return level
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// mayReachAcrossBlocks reports whether body may hold fenced code or an
// HTML block, which an empty line does not end, or a link reference
// definition, which links anywhere in the body refer to.
func mayReachAcrossBlocks(body []byte) bool {
	if bytes.Contains(body, []byte("]:")) {
		return true
	}
	for at := 0; at < len(body); {
		end := lineEnd(body, at)
		line := bytes.TrimLeft(body[at:end], " \t")
		if len(line) > 0 && (line[0] == '<' || line[0] == '`' || line[0] == '~') {
			return true
		}
		at = end + 1
	}
	return false
}

// inlineText is a line of text that markdown reads as it is written,
// but for a link or strong span that may open it.
type inlineText struct {
	span  SpanKind // Link or Strong; empty when no span opens the line
	label []byte   // the span's text
	url   []byte   // a link's address
	rest  []byte   // the text after the span
}

// readInline splits s, text that opens a line of a paragraph or of a list
// item, into the span opening it and the rest; ok is false when markdown
// would read markup in it, or another block than a paragraph. Text opens
// with a letter (no list, heading, quote or indentation), "[label](url)"
// or "**label**"; labels are plain text without space at either end, an
// address has no byte that markdown would unescape, balance or end at,
// and text holds no byte that may open inline markup, an escape or a
// table cell (an entity is left as written: the renderer resolves it).
//
// With check false, s is known to be such text, and only split.
func readInline(s []byte, check bool) (_ inlineText, ok bool) {
	if len(s) == 0 {
		return inlineText{}, false
	}
	var in inlineText
	switch {
	case isASCIILetter(s[0]):
		in.rest = s
	case s[0] == '[':
		closeLabel := bytes.IndexByte(s, ']')
		if closeLabel < 2 || closeLabel > maxPlainLabel || closeLabel+2 >= len(s) || s[closeLabel+1] != '(' {
			return inlineText{}, false
		}
		url := s[closeLabel+2:]
		n := 0
		for n < len(url) && urlByte[url[n]] {
			n++
		}
		if n == 0 || n == len(url) || url[n] != ')' {
			return inlineText{}, false
		}
		in = inlineText{span: Link, label: s[1:closeLabel], url: url[:n], rest: url[n+1:]}
	case len(s) > 3 && s[0] == '*' && s[1] == '*' && isASCIILetter(s[2]):
		// "**" opens strong emphasis before a letter; the next "**"
		// closes it when text does not continue it: a space or the
		// line's end follows.
		closeLabel := 2 + bytes.IndexByte(s[2:], '*')
		if closeLabel < 2 || closeLabel > maxPlainLabel || closeLabel+1 >= len(s) || s[closeLabel+1] != '*' ||
			(closeLabel+2 < len(s) && s[closeLabel+2] != ' ') {
			return inlineText{}, false
		}
		in = inlineText{span: Strong, label: s[2:closeLabel], rest: s[closeLabel+2:]}
	default:
		return inlineText{}, false
	}
	if !check {
		return in, true
	}
	if in.span != "" && (len(in.label) == 0 || in.label[0] == ' ' || in.label[len(in.label)-1] == ' ' || !plainBytes(in.label)) {
		return inlineText{}, false
	}
	if !plainBytes(in.rest) {
		return inlineText{}, false
	}
	return in, true
}

// paragraphLine reads a line of a plain paragraph. Space at its end, a line
// break, is not part of its text.
func paragraphLine(line []byte, check bool) (inlineText, bool) {
	return readInline(bytes.TrimRight(line, " "), check)
}

// isPlainLine reports whether paragraphLine reads line.
func isPlainLine(line []byte) bool {
	_, ok := paragraphLine(line, true)
	return ok
}

// plainItem reads a line that markdown reads as a bullet list item of
// plain text, "- ", "* " or "+ " and text, a line of its own.
func plainItem(line []byte, check bool) (inlineText, bool) {
	if len(line) < 3 || (line[0] != '-' && line[0] != '*' && line[0] != '+') || line[1] != ' ' {
		return inlineText{}, false
	}
	return paragraphLine(line[2:], check)
}

// isPlainItem reports whether plainItem reads line.
func isPlainItem(line []byte) bool {
	_, ok := plainItem(line, true)
	return ok
}

// maxPlainLabel bounds the label of a span readInline reads.
const maxPlainLabel = 200

// plainBytes reports whether s holds no control character and no byte
// that may open inline markup, an escape or a table cell.
func plainBytes(s []byte) bool {
	for _, c := range s {
		if c < ' ' || c == 0x7f || inlineMarkupByte[c] {
			return false
		}
	}
	return true
}

// inlineMarkupByte holds the bytes that may open markup inside a line
// of a paragraph. '#', '>' and '!' do only at a line's start or before
// '[', and an entity ('&') is resolved when rendered, not parsed.
var inlineMarkupByte = func() (set [256]bool) {
	for _, c := range []byte("`[]<*_~\\|") {
		set[c] = true
	}
	return set
}()

// urlByte holds the bytes of a link address that readInline reads as
// they are written: no space, parenthesis, angle bracket, escape or
// entity.
var urlByte = func() (set [256]bool) {
	for c := range 256 {
		set[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	for _, c := range []byte("-._~:/?#@!$+,;=%") {
		set[c] = true
	}
	return set
}()

// continuesItem reports whether after, the body from the newline ending
// a list, may continue the list's last item: after empty lines, a line
// opening with white space is read as part of the item.
func continuesItem(after []byte) bool {
	for len(after) > 0 && after[0] == '\n' {
		after = after[1:]
	}
	return len(after) > 0 && (after[0] == ' ' || after[0] == '\t')
}
