package extract

import (
	"bytes"
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
// A list of plain items, one line each, is read the same way: most
// recommendation lists are "- [Jane Doe](https://…) – topics" or
// "- Jane Doe, Acme: topics".

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
	at, line := 0, 0 // body offset read to, and the newlines before it
	for _, b := range plain {
		p.stretch(doc, body[at:b.start], lineOffset+line)
		line += bytes.Count(body[at:b.start], newline)
		if b.list {
			p.plainList(doc, body[b.start:b.end], lineOffset+line+1)
		} else {
			p.plainBlock(doc, body[b.start:b.end], b.level, lineOffset+line+1)
		}
		line += bytes.Count(body[b.start:b.end], newline)
		at = b.end
	}
	p.stretch(doc, body[at:], lineOffset+line)
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
	level      int
	list       bool
}

// plainBlock adds a plain heading or paragraph, src, starting on file
// line no, as the markdown parser would read it.
func (p *mdParser) plainBlock(doc *Document, src []byte, level, no int) {
	if level > 0 {
		heading := strings.TrimSpace(string(src[level+1:]))
		p.startSection(doc, heading, level, no)
		return
	}
	if len(p.room) == cap(p.room) {
		p.room = make([]Line, 0, min(lineRoom, max(4, 2*cap(p.room))))
	}
	lines := p.room[len(p.room):]
	all := string(src) // the lines' text, in one allocation
	for all != "" {
		l, rest, _ := strings.Cut(all, "\n")
		lines = append(lines, Line{No: no, Text: l})
		all = rest
		no++
	}
	if cap(lines) == cap(p.room)-len(p.room) { // the lines fit the room
		p.room = p.room[:len(p.room)+len(lines)]
	}
	p.paragraph(doc, lines[:len(lines):len(lines)], 0, 0, false)
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
		case boundary && plainText(line):
			// A paragraph of plain lines is plain when an empty line or
			// the end of the body ends it.
			if last, ok := plainRun(body, end, plainText); ok {
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

// plainText reports whether markdown reads a line as its own text where
// a block may start, and as a paragraph's next line: it opens with a
// letter (no list, heading, quote or indentation), ends with no space (no
// line break) and holds no character that opens inline markup, an entity,
// an escape or a table cell.
func plainText(line []byte) bool {
	if len(line) == 0 || !isASCIILetter(line[0]) || line[len(line)-1] == ' ' {
		return false
	}
	for _, c := range line {
		if c < ' ' || c == 0x7f || markupByte[c] {
			return false
		}
	}
	return true
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

// plainList adds a list of plain items, src, starting on file line no,
// as the markdown parser would read it: a block per item. The items'
// texts and link addresses share one allocation, their spans another.
func (p *mdParser) plainList(doc *Document, src []byte, no int) {
	type itemText struct {
		end         int // in text, where the item's text ends
		label       int // length of the link text opening it, 0 when none
		url, urlEnd int // in urls
	}
	var itemBuf [32]itemText
	items := itemBuf[:0]
	text := p.scratch[:0]
	var urlBuf [256]byte
	urls := urlBuf[:0]
	links := 0
	for rest := src; len(rest) > 0; {
		line := rest[:lineEnd(rest, 0)]
		rest = rest[min(len(line)+1, len(rest)):]
		it, _ := plainItem(line)
		text = append(append(text, it.label...), it.rest...)
		items = append(items, itemText{end: len(text), label: len(it.label), url: len(urls), urlEnd: len(urls) + len(it.url)})
		urls = append(urls, it.url...)
		if it.label != nil {
			links++
		}
	}
	urlsAt := len(text)
	text = append(text, urls...)
	all := string(text)
	p.scratch = text
	spans := make([]Span, 0, links)
	start := 0
	for _, it := range items {
		if len(p.room) == cap(p.room) {
			p.room = make([]Line, 0, min(lineRoom, max(4, 2*cap(p.room))))
		}
		l := Line{No: no, Text: all[start:it.end]}
		if it.label > 0 {
			spans = append(spans, Span{Start: 0, End: it.label, Kind: Link, URL: all[urlsAt+it.url : urlsAt+it.urlEnd]})
			l.Spans = spans[len(spans)-1 : len(spans) : len(spans)]
		}
		p.room = append(p.room, l)
		n := len(p.room)
		p.paragraph(doc, p.room[n-1:n:n], 0, 1, false)
		start = it.end
		no++
	}
}

// item is a list item of plain text, split: the text of a link opening
// it (label, nil when none), where the link goes, and the text after it.
type item struct {
	label, url, rest []byte
}

// plainItem returns the parts of a line that markdown reads as a bullet
// list item of plain text, a line of its own: "- ", "* " or "+ ", then
// either plain text opening with a letter or a link with a plain label
// and a plain address followed by plain text; and no space at the end.
// ok is false for any other line.
func plainItem(line []byte) (_ item, ok bool) {
	if len(line) < 3 || (line[0] != '-' && line[0] != '*' && line[0] != '+') || line[1] != ' ' {
		return item{}, false
	}
	content := line[2:]
	if isASCIILetter(content[0]) {
		if !plainText(content) {
			return item{}, false
		}
		return item{rest: content}, true
	}
	if content[0] != '[' {
		return item{}, false
	}
	// "[label](address)": the label is plain text without space at its
	// ends, the address has no byte that markdown would unescape,
	// balance or end at; an address of such bytes ends at ')'.
	closeLabel := bytes.IndexByte(content, ']')
	if closeLabel < 2 || closeLabel > maxPlainLabel || closeLabel+2 >= len(content) || content[closeLabel+1] != '(' {
		return item{}, false
	}
	label := content[1:closeLabel]
	if label[0] == ' ' || label[len(label)-1] == ' ' || !plainBytes(label) {
		return item{}, false
	}
	url := content[closeLabel+2:]
	closeURL := 0
	for closeURL < len(url) && urlByte[url[closeURL]] {
		closeURL++
	}
	if closeURL == 0 || closeURL == len(url) || url[closeURL] != ')' {
		return item{}, false
	}
	rest := url[closeURL+1:]
	url = url[:closeURL]
	if !plainBytes(rest) || (len(rest) > 0 && rest[len(rest)-1] == ' ') {
		return item{}, false
	}
	return item{label: label, url: url, rest: rest}, true
}

// isPlainItem reports whether plainItem reads line.
func isPlainItem(line []byte) bool {
	_, ok := plainItem(line)
	return ok
}

// maxPlainLabel bounds the label of a link plainItem reads.
const maxPlainLabel = 200

// plainBytes reports whether s holds no byte that opens inline markup, an
// entity, an escape or a table cell, and no control character.
func plainBytes(s []byte) bool {
	for _, c := range s {
		if c < ' ' || c == 0x7f || markupByte[c] {
			return false
		}
	}
	return true
}

// urlByte holds the bytes of a link address that plainItem reads as they
// are written: no space, parenthesis, angle bracket, escape or entity.
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
