// Package extract reads interview posts (Gatsby, Hugo or Jekyll markdown
// with YAML, TOML or JSON front matter) and extracts the people,
// organisations, services and topics they name, with the line each fact
// was read from.
//
// Parse reads a file into a Document (front matter, then sections by
// question, each with its paragraphs and list items split into source
// lines). An Extractor turns a Document into graph.Facts: the interviewee,
// whom they recommend under a "who should readers follow" question and
// what those people cover, what the interviewee mentions elsewhere, and
// affiliations, with names resolved through the gazetteer.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/extract/internal/spaces"
	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/yuin/goldmark/parser"
)

// Extractor turns interview files into facts. It holds only read-only
// data and is safe for concurrent use.
type Extractor struct {
	gaz   *gazetteer.Gazetteer
	given givenNames
	md    parser.Parser // shared by all files: goldmark keeps parse state per call
	// scratches holds *scratch values for concurrent calls to reuse.
	scratches sync.Pool
}

// New returns an Extractor that resolves names through g.
func New(g *gazetteer.Gazetteer) *Extractor {
	return &Extractor{gaz: g, given: loadGivenNames(), md: newMarkdownParser()}
}

// Version names what this package reads from an interview. Change it
// whenever the facts Extract returns for some file change, so that a
// build with this package reads again the files an earlier one read.
// TestVersion fails when the facts of the test interviews change and
// Version does not.
const Version = "21"

// Fingerprint names the facts x reads: its Version and its gazetteer.
// Facts read under another fingerprint may differ from what x would read
// from the same file.
func (x *Extractor) Fingerprint() string {
	return Version + "/" + x.gaz.Digest()
}

// interviewState is what Extract tracks while reading one file.
type interviewState struct {
	b     *factsBuilder
	guest nodeRef // the interviewee
	name  string  // the interviewee's name
	fold  string  // graph.Fold(name)
	words []token // scratch for the words of a line
	// matches is scratch for the gazetteer matches of a text, and parts
	// for the parts of a list.
	matches []gazetteer.Match
	parts   []string
	// front holds the front matter's description-like fields read as
	// markdown, each parsed once for both the guest and affiliations.
	front     frontLines
	sentences sentenceIndex // of the block being read
	// underWhy is the Why of entries listed under the heading underOf.
	underOf, underWhy string
	// employer is the first organisation the interviewee was found to
	// work for, once employed; see colleague.
	employer nodeRef
	employed bool
	// bareEntry is the person the last list item named without saying
	// what for, and depth that item's nesting: items nested under it say
	// it ("1. **Felipe Hoffa**" over "- BigQuery"). noNode otherwise.
	bareEntry nodeRef
	bareDepth int
}

// frontLines caches front matter values read as one line of markdown.
type frontLines struct {
	keys  []string
	lines []Line
}

// line returns fm's value for key read as inline markdown.
func (c *frontLines) line(md parser.Parser, fm FrontMatter, key, value string) Line {
	for i, k := range c.keys {
		if k == key {
			return c.lines[i]
		}
	}
	l := inlineLine(md, value, fm.Lines[key])
	c.keys = append(c.keys, key)
	c.lines = append(c.lines, l)
	return l
}

// Extract reads one interview file. Errors describe the content ("front
// matter: line 3: …"); the caller adds the path.
func (x *Extractor) Extract(f File, data []byte) (*graph.Facts, error) {
	doc, err := parse(x.md, data)
	if err != nil {
		return nil, err
	}
	if f.Hash == "" {
		sum := sha256.Sum256(data)
		f.Hash = hex.EncodeToString(sum[:])
	}
	fm := doc.Front
	info := graph.InterviewInfo{Slug: f.Slug, Path: f.Path, Hash: f.Hash}
	info.Title = fm.String("title")
	info.Date, _ = fm.First("date", "publishdate", "published", "pubdate", "created")
	info.URL, _ = fm.First("permalink", "url", "canonical", "canonical_url", "canonicalurl", "slug")
	if info.Title == "" {
		info.Title = f.Slug
	}
	sc, _ := x.scratches.Get().(*scratch)
	if sc == nil {
		sc = &scratch{}
	}
	st := &interviewState{b: newFactsBuilderUsing(f.Slug, x.gaz, sc), guest: noNode, bareEntry: noNode, words: sc.words, matches: sc.matches, parts: sc.parts}
	defer func() {
		sc.words, sc.matches, sc.parts = st.words, st.matches, st.parts
		sc.keep(st.b)
		sc.reset()
		x.scratches.Put(sc)
	}()
	interview := st.b.node(graph.Interview, f.Slug, "", info.URL)
	st.b.nodes[interview].Name = info.Title

	g, ok := x.findGuest(doc, &st.front)
	if !ok {
		if name := x.fieldName(f.Slug); name != "" {
			g, ok = guest{Name: name, Line: 1, Text: f.Slug, Why: "named by the file's slug"}, true
		}
	}
	if !ok {
		// Without an interviewee there is no one to attribute answers to.
		return st.b.facts(info), nil
	}
	if g.Line == 0 {
		g.Line = 1
	}
	st.name, st.fold = g.Name, graph.Fold(g.Name)
	st.guest = x.personNode(st.b, g.Name, g.URL)
	info.Guest = st.b.id(st.guest)
	st.b.edge(interview, graph.Features, st.guest, graph.Source{Line: g.Line, Text: g.Text, Why: "interviewee: " + g.Why})

	x.readFrontAffiliations(st, fm)
	x.readSections(st, doc)
	return st.b.facts(info), nil
}

// personNode adds a person, preferring the gazetteer's entry for them.
func (x *Extractor) personNode(b *factsBuilder, name, url string) nodeRef {
	if e, ok := x.gaz.Lookup(name); ok && e.Kind == graph.Person {
		return b.entryNode(e, name, firstNonEmpty(url, e.URL))
	}
	return b.node(graph.Person, name, "", url)
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// readFrontAffiliations reads the interviewee's affiliations from the
// description-like front matter fields.
func (x *Extractor) readFrontAffiliations(st *interviewState, fm FrontMatter) {
	for _, key := range []string{"description", "summary", "excerpt", "subtitle", "bio", "lead", "role", "position", "job_title", "jobtitle", "tagline", "headline"} {
		// Hugo's [params] may hold them.
		if v, at := fm.First(key); v != "" {
			l := st.front.line(x.md, fm, at, v)
			x.affiliations(st, l, place{key: key})
			if slices.Contains(roleFields, key) {
				// "role: Staff SRE, Lantern Freight".
				if title, org, ok := strings.Cut(v, ", "); ok && jobTitles.hasLower(lastWord(title)) {
					x.affiliate(st, strings.TrimSpace(org), graph.Source{Line: max(fm.Lines[at], 1), Text: key + ": " + v, Why: "front matter '" + key + "': a job title, then the employer"})
				}
			}
			if slices.Contains(describingFields, key) {
				x.describedMentions(st, l, at)
			}
		}
	}
	for _, key := range employerFields {
		if v, at := fm.First(key); v != "" {
			x.affiliate(st, v, graph.Source{Line: max(fm.Lines[at], 1), Text: key + ": " + v, Why: "front matter '" + key + "'"})
		}
	}
	// "guest: {name: Ravi Kumar, company: Lanternfish}", or a list of
	// such maps, of which the interviewee's is read.
	for _, field := range guestFields {
		m, ok := st.guestMap(fm.Fields[field])
		if !ok {
			continue
		}
		for _, key := range employerFields {
			if v := scalarText(m[key], 0); v != "" {
				x.affiliate(st, v, graph.Source{Line: max(fm.Lines[field], 1), Text: field + "." + key + ": " + v, Why: "front matter '" + field + "." + key + "'"})
			}
		}
	}
}

// roleFields are the front matter keys that give the interviewee's job.
var roleFields = []string{"role", "position", "job_title", "jobtitle"}

// describingFields are the front matter keys whose text describes the
// interview in prose.
var describingFields = []string{"description", "summary", "excerpt", "subtitle", "bio", "lead", "tagline", "headline"}

// describedMentions reads the services a description names as the
// interviewee's mentions: "explains retries and why she loves DynamoDB".
// Its topics are the editor's framing, as the introduction's are; the
// organisations it names are read as employers, and a person it names
// is most often the guest.
func (x *Extractor) describedMentions(st *interviewState, l Line, key string) {
	st.matches = x.gaz.AppendFind(st.matches[:0], l.Text)
	for _, m := range st.matches {
		if m.Entry.Kind != graph.Service {
			continue
		}
		src := graph.Source{Line: l.lineAt(m.Start), Text: sentenceAt(l.Text, m.Start), Why: "named in the front matter '" + key + "'"}
		if id := x.matchNode(st.b, m, src); id != st.guest {
			st.b.edge(st.guest, graph.Mentions, id, src)
		}
	}
}

// guestMap returns the map a guest field holds for the interviewee: the
// field's own map, or in a list of maps the one named as the interviewee,
// or the only one.
func (st *interviewState) guestMap(v any) (map[string]any, bool) {
	switch v := v.(type) {
	case map[string]any:
		return v, true
	case []any:
		var maps []map[string]any
		for _, item := range v {
			if m, ok := item.(map[string]any); ok {
				if graph.Fold(scalarText(m["name"], 0)) == st.fold && st.fold != "" {
					return m, true
				}
				maps = append(maps, m)
			}
		}
		if len(maps) == 1 && len(v) == 1 {
			return maps[0], true
		}
	}
	return nil, false
}

// employerFields are the front matter keys that name the interviewee's
// employer.
var employerFields = []string{"company", "organization", "organisation", "employer", "affiliation"}

// readSections walks the body: the interviewer's preamble yields
// affiliations and mentions, answers yield mentions, and answers to a resources
// question yield recommendations.
func (x *Extractor) readSections(st *interviewState, doc *Document) {
	hasQuestions := false
	for _, s := range doc.Sections {
		if s.Heading != "" {
			hasQuestions = true
		}
	}
	firstAnswer := true
	for _, s := range doc.Sections {
		answer := s.Heading != "" || !hasQuestions
		// A first answer that recommends people names their employers,
		// not the interviewee's.
		everyEmployer := !answer || firstAnswer && s.Class != Resources || s.Class == Background
		for _, blk := range s.Blocks {
			for _, l := range unwrapped(blk.Lines) {
				if everyEmployer {
					x.affiliations(st, l, place{section: true, heading: s.Heading})
				}
				x.workplaces(st, l, place{section: true, heading: s.Heading})
			}
		}
		if !answer {
			// The introduction is about the interviewee, so what it
			// names counts as theirs too.
			for _, blk := range s.Blocks {
				x.proseLines(st, s, blk.Lines, st.evidenceIn(blk.Text()))
			}
			continue
		}
		firstAnswer = false
		if s.Sub {
			head := Line{No: s.Line, Text: s.Heading}
			if !x.entryLine(st, s, Block{Kind: ListItem, Lines: []Line{head}}, head, nil) {
				x.prose(st, s, head, st.evidenceIn(head.Text))
			}
		}
		var header []string // of the last table
		st.bareEntry = noNode
		for _, blk := range s.Blocks {
			if blk.Header {
				header = blk.Cells
				continue
			}
			// Evidence is the sentence, which may run across the
			// block's wrapped lines.
			ev := st.evidenceIn(blk.Text())
			if s.Class != Resources {
				x.proseLines(st, s, blk.Lines, ev)
				continue
			}
			if x.nestedSubjects(st, blk, ev) {
				continue
			}
			// A line of a list of recommendations is an entry, unless
			// it continues a sentence the line before left open.
			run := 0 // the first line of the prose not yet read
			for i, l := range blk.Lines {
				if i > run && wrapsOnto(blk.Lines[i-1], l) {
					continue
				}
				if !x.entryLine(st, s, blk, l, header) {
					continue
				}
				ev = x.proseLines(st, s, blk.Lines[run:i], ev)
				ev.at += len(l.Text) + 1
				run = i + 1
			}
			x.proseLines(st, s, blk.Lines[run:], ev)
		}
	}
}

// nestedSubjects reads a list item nested under one that named a person
// without saying what for as that person's subject ("1. **Felipe
// Hoffa**" over "- BigQuery"), and reports whether it did. Any other
// block ends the run.
func (x *Extractor) nestedSubjects(st *interviewState, blk Block, ev evidence) bool {
	if st.bareEntry == noNode {
		return false
	}
	if blk.Kind != ListItem || blk.Depth <= st.bareDepth {
		st.bareEntry = noNode
		return false
	}
	for _, l := range unwrapped(blk.Lines) {
		x.covers(st, st.bareEntry, l.Text, graph.Source{Line: l.No, Text: ev.sentence(0), Why: "expertise nested under a listed person"})
	}
	return true
}

// proseLines reads lines as prose, a sentence wrapped across them as one
// (see unwrapped), and returns ev moved past them.
func (x *Extractor) proseLines(st *interviewState, s Section, lines []Line, ev evidence) evidence {
	for _, l := range unwrapped(lines) {
		x.prose(st, s, l, ev)
		ev.at += len(l.Text) + 1
	}
	return ev
}

// unwrapped joins the lines a paragraph's text was wrapped across into
// one line each (see unwrap), and leaves apart the lines a writer broke
// on purpose: "Thanks to" runs on into the next line, while a short line
// such as a name on its own ends where it ends.
func unwrapped(lines []Line) []Line {
	if len(lines) < 2 {
		return lines
	}
	var out []Line
	start := 0
	for i := 1; i <= len(lines); i++ {
		if i < len(lines) && wrapsOnto(lines[i-1], lines[i]) {
			continue
		}
		out = append(out, unwrap(lines[start:i]))
		start = i
	}
	return out
}

// wrapsOnto reports whether next continues the text of prev, as a
// paragraph wrapped at a fixed width does, rather than starting a line
// of its own: prev stops mid-sentence and is as long as wrapped lines
// are or stops mid-phrase (a comma, or a word in lower case), and next
// does not hold a list's separator or open with markup, as an entry of
// a list would.
func wrapsOnto(prev, next Line) bool {
	text := strings.TrimRight(prev.Text, " ")
	if text == "" || next.Text == "" {
		return false
	}
	if _, ok := leadingSpan(next, 0); ok && !endsWithConnector(text) {
		return false // "**Jane Doe** - ..." opens an entry, unless "... and" ran on into it
	}
	for _, sep := range entrySeparators {
		if strings.Contains(next.Text, sep) {
			return false
		}
	}
	if strings.ContainsRune(".!?:;", rune(text[len(text)-1])) {
		return false // a sentence ends with the line; what follows may be an entry
	}
	if len(text) >= wrapWidth || strings.HasSuffix(text, ",") {
		return true
	}
	last := lastWord(text)
	r, _ := utf8.DecodeRuneInString(last)
	return unicode.IsLower(r)
}

// endsWithConnector reports whether text stops on a word that joins it
// to what follows: "Shout-out to [Ravi](…) and" runs on.
func endsWithConnector(text string) bool {
	return strings.HasSuffix(text, ",") || connectors.hasLower(lastWord(text))
}

var connectors = newWordSet(`and or & to with by from of for the a an`)

// wrapWidth is the shortest line taken for part of a paragraph wrapped
// at a fixed width: editors wrap markdown at 72 to 100 columns.
const wrapWidth = 50

// place names where affiliations are read: a front matter field, or a
// section by its heading. Its text is built only for an affiliation found.
type place struct {
	key     string
	section bool
	heading string
}

func (p place) String() string {
	if !p.section {
		return "the " + p.key
	}
	return "the " + where(Section{Heading: p.heading})
}

func where(s Section) string {
	if s.Heading == "" {
		return "introduction"
	}
	return "answer to '" + clip(s.Heading) + "'"
}

// entryLine reads a line of a recommendation list. It reports false when
// the line is not an entry naming someone or something, to be read as
// prose instead.
func (x *Extractor) entryLine(st *interviewState, s Section, blk Block, l Line, header []string) bool {
	shaped := blk.Kind == ListItem || blk.Kind == TableRow || len(blk.Lines) > 1
	if _, ok := leadingSpan(l, 0); ok {
		shaped = true
	}
	if !shaped {
		return false
	}
	var e entry
	var ok bool
	if blk.Kind == TableRow {
		e, ok = tableEntry(blk, header)
	} else {
		e, ok = parseEntry(l)
	}
	if !ok || e.Titled && x.authorsOnly(e.Orgs) {
		// "*Team Topologies* (Matthew Skelton & Manuel Pais)": a work
		// and its authors, whom prose reads as the ones recommended.
		return false
	}
	under := s.Heading
	if s.Sub {
		under = s.Parent
	}
	src := graph.Source{Line: l.No, Text: l.Text}
	id, kind := x.resolveHead(st.b, e, src) // src's Why is not read
	if id == noNode || id == st.guest {
		return false
	}
	if st.underWhy == "" || st.underOf != under {
		st.underOf, st.underWhy = under, "listed under '"+clip(under)+"'"
	}
	src.Why = st.underWhy
	st.b.edge(st.guest, graph.Recommends, id, src)
	if blk.Kind == ListItem && kind == graph.Person && e.Topics == "" {
		st.bareEntry, st.bareDepth = id, blk.Depth
	}
	for _, org := range e.Orgs {
		oid := x.orgNode(st.b, org, src)
		if oid == noNode || oid == id {
			continue
		}
		switch kind {
		case graph.Person:
			st.b.edge(id, graph.AffiliatedWith, oid, withWhy(src, "organisation given with a listed person"))
		case graph.Service:
			st.b.edge(id, graph.ProvidedBy, oid, withWhy(src, "organisation given with a listed service"))
		case graph.Organization:
			st.b.edge(id, graph.PartOf, oid, withWhy(src, "parent given with a listed organisation"))
		}
	}
	if kind == graph.Person && e.Topics != "" {
		x.covers(st, id, e.Topics, withWhy(src, "expertise given with a listed person"))
	}
	return true
}

// authorsOnly reports whether names, read as the organisations of an
// entry whose head is a title, are all people: each a name whose given
// name is known.
func (x *Extractor) authorsOnly(names []string) bool {
	for _, n := range names {
		if !x.given.personName(n) || !x.given.has(nextWord(n)) {
			return false
		}
	}
	return len(names) > 0
}

// resolveHead decides what a list entry names: a gazetteer entry, a
// person's name, or a one-word handle (in a list of people, a handle is a
// person).
func (x *Extractor) resolveHead(b *factsBuilder, e entry, src graph.Source) (nodeRef, graph.Kind) {
	for i, name := range []string{e.Raw, e.Head} {
		if i == 1 && name == e.Raw {
			break // looked up already
		}
		if ent, ok := x.gaz.Lookup(name); ok {
			if ent.Kind == graph.Topic {
				return noNode, ""
			}
			return b.entity(ent, name, src), ent.Kind
		}
	}
	if x.unknownPersonName(e.Head, true) { // e.Head was looked up above
		return b.node(graph.Person, e.Head, "", e.URL), graph.Person
	}
	if !strings.Contains(e.Head, " ") && isHandle(e.Head) && handleShaped(e.Head) {
		return b.node(graph.Person, strings.TrimPrefix(e.Head, "@"), "", e.URL), graph.Person
	}
	if organizationName(e.Head) {
		return b.node(graph.Organization, e.Head, "", e.URL), graph.Organization
	}
	return noNode, ""
}

// organizationName reports whether name is written as an organisation's:
// two to five words written as names, joined by at most "of", "for",
// "and", "the" or "&", the last a word that ends the names of firms and
// bodies ("Cloud Security Alliance", "Linux Foundation").
func organizationName(name string) bool {
	words := strings.Fields(name)
	if len(words) < 2 || len(words) > 5 || !companySuffixes.hasLower(words[len(words)-1]) {
		return false
	}
	for i, w := range words {
		if !isNameCased(w) && !(i > 0 && orgJoiners.has(w)) {
			return false
		}
	}
	return true
}

// companySuffixes end the names of firms and bodies.
var companySuffixes = newWordSet(`
	alliance association council society consortium collective federation coalition
	initiative league guild foundation institute university college school academy
	labs lab inc inc. llc ltd ltd. corp corporation company group holdings systems
	technologies solutions software consulting partners ventures capital studios
	bank insurance health hospital agency network networks media`)

// orgJoiners may stand lower-case inside an organisation's name.
var orgJoiners = newWordSet(`of for and the & de`)

// handleShaped reports whether a single word is written as a handle
// rather than as a word: "@jdoe", "DynamicWebpaige", "jdoe_42".
func handleShaped(w string) bool {
	if strings.HasPrefix(w, "@") || strings.ContainsAny(w, "_0123456789") {
		return true
	}
	upper := 0
	for i, r := range w {
		if i > 0 && r >= 'A' && r <= 'Z' {
			upper++
		}
	}
	return upper > 0 && upper < len(w)-2 && w[0] >= 'A' && w[0] <= 'Z'
}

// orgNode adds the organisation a name refers to: the gazetteer's entry,
// or a new organisation when the name is written like one.
func (x *Extractor) orgNode(b *factsBuilder, name string, src graph.Source) nodeRef {
	if e, ok := x.gaz.Lookup(name); ok {
		if e.Kind == graph.Topic || e.Kind == graph.Person {
			return noNode
		}
		return b.entity(e, name, src)
	}
	if x.given.personName(name) && x.given.has(strings.Fields(name)[0]) && !orgSuffixes.hasLower(lastWord(name)) {
		return noNode // "Orla Health" is a firm, "Orla Quinn" a person
	}
	if spaces.Count(name) > 4 || !isNameCased(name) {
		return noNode
	}
	return b.node(graph.Organization, name, "", "")
}

// topicLeadIns are words that open an expertise phrase without being part
// of the topic: "- writes about serverless".
var topicLeadIn = regexp.MustCompile(`(?i)^(?:(?:(?:who|she|he|they)\s+)?(?:(?:writes|talks|blogs|posts|tweets|teaches|knows|speaks)\s+(?:about|on)|covers|(?:taught|teaches|showed)\s+(?:me|us)(?:\s+(?:about|on))?)\s+|for\s+|on\s+|about\s+|all things\s+|everything\s+|anything\s+|expert (?:in|on)\s+|the\s+|and\s+)+`)

// handleOrURL matches a piece of an expertise list that is a handle or a
// link rather than a topic.
var handleOrURL = regexp.MustCompile(`^(?:@\w+|https?://\S+|www\.\S+)$`)

// topicLeadInWords are the words a topicLeadIn match opens with, each
// followed by white space.
var topicLeadInWords = newWordSet(`who she he they writes talks blogs posts tweets teaches knows speaks covers taught showed for on about all everything anything expert the and`)

// mayOpenTopicLeadIn reports whether s opens with a topicLeadIn word, or
// with a word that is not ASCII (case folding maps "K", the Kelvin sign,
// to "k").
func mayOpenTopicLeadIn(s string) bool {
	return opensWithWord(s, topicLeadInWords)
}

// covers links a person to each topic of an expertise phrase.
func (x *Extractor) covers(st *interviewState, person nodeRef, text string, src graph.Source) {
	for _, part := range x.topics(st, text) {
		x.coverPart(st, person, part, src)
	}
}

// coverPart links a person to the subject one part of an expertise
// phrase names. It splits no list: covers has, in st.parts, which a
// second split would write over.
func (x *Extractor) coverPart(st *interviewState, person nodeRef, part string, src graph.Source) {
	b := st.b
	if opensWith(part, "@", "http", "www.") && handleOrURL.MatchString(part) {
		return
	}
	if mayOpenTopicLeadIn(part) {
		part = topicLeadIn.ReplaceAllString(part, "")
	}
	part = strings.TrimSpace(strings.TrimRight(strings.TrimSuffix(strings.TrimSpace(part), "etc"), " .!…*_\"'"))
	part = subjectOf(part)
	if foldsEmpty(part) || vacuousTopics.hasLower(part) {
		return
	}
	// "Python for data science", "genomics workflows on AWS": a
	// subject the dictionary knows, joined to another, is two.
	if first, known, ok := x.knownJoined(part); ok {
		x.coverPart(st, person, first, src)
		x.coverPart(st, person, known, src)
		return
	}
	e, ok := x.gaz.Lookup(part)
	if !ok {
		// "GCP sketchnotes", "Cloud Run tips": a name the dictionary
		// knows, then what the person makes of it; "running Postgres":
		// what they do with it.
		if rest, last, cut := cutLastWord(part); cut && media.hasLower(last) {
			if e, ok = x.gaz.Lookup(rest); ok {
				part = rest
			}
		} else if verb, rest, cut := strings.Cut(part, " "); cut && strings.HasSuffix(verb, "ing") && !isCapitalised(verb) {
			if e, ok = x.gaz.Lookup(rest); ok {
				part = rest
			}
		}
	}
	if ok {
		if e.Kind != graph.Person {
			b.edge(person, graph.Covers, b.entity(e, part, src), src)
		}
		return
	}
	if spaces.Count(part) <= 4 {
		b.edge(person, graph.Covers, b.node(graph.Topic, part, "", ""), src)
		return
	}
	st.matches = x.gaz.AppendFind(st.matches[:0], part)
	for _, m := range st.matches {
		if m.Entry.Kind != graph.Person {
			b.edge(person, graph.Covers, b.entity(m.Entry, m.Text, src), src)
		}
	}
}

// vacuousTopics are what a list of subjects may end with that names
// none: "everything else".
var vacuousTopics = newWordSet(`else more stuff things other misc etc`)

// knownJoined splits a subject phrase the dictionary does not know at
// "for", "on", "in", "with" or "using" when what follows is a name it
// knows: "Python for data science" is Python and data science,
// "genomics workflows on AWS" is genomics workflows and AWS. Otherwise
// the phrase stays whole: "WebAssembly for data tooling" narrows
// WebAssembly, "threat modeling for small teams" is one subject.
func (x *Extractor) knownJoined(part string) (a, b string, ok bool) {
	if _, known := x.gaz.Lookup(part); known {
		return "", "", false
	}
	for _, join := range []string{" for ", " on ", " in ", " with ", " using "} {
		i := strings.Index(part, join)
		if i <= 0 {
			continue
		}
		a, b = strings.TrimSpace(part[:i]), strings.TrimSpace(part[i+len(join):])
		if a == "" || b == "" {
			continue
		}
		if _, known := x.gaz.Lookup(b); known {
			return a, b, true
		}
	}
	return "", "", false
}

// subjectOf returns the subject an expertise phrase names, without the
// words around it that are not: "the community around it" is about
// "community", "her sketchnotes of GCP architecture" about "GCP
// architecture". A phrase that names only the person's own medium ("his
// weekly newsletter") names no subject, and subjectOf returns "".
func subjectOf(part string) string {
	part = cutQualifierTail(cutPronounTail(part))
	w := nextWord(part)
	if media.hasLower(w) {
		// "zines on networking": what someone publishes, then its
		// subject.
		if loc := subjectAfter.FindStringIndex(part); loc != nil {
			return part[loc[1]:]
		}
		return part
	}
	if !possessives.has(w) {
		return part
	}
	rest := strings.TrimSpace(part[len(w):])
	if loc := subjectAfter.FindStringIndex(rest); loc != nil {
		return rest[loc[1]:]
	}
	if media.hasLower(lastWord(rest)) {
		return ""
	}
	return rest
}

// cutPronounTail cuts from a phrase the words at its end that point back
// at another: "the community around it" is about "community".
func cutPronounTail(part string) string {
	rest, last, ok := cutLastWord(part)
	if !ok || !pointers.hasLower(last) {
		return part
	}
	before, prep, ok := cutLastWord(rest)
	if !ok || !pointingPrepositions.hasLower(prep) {
		return part
	}
	return before
}

// cutQualifierTail cuts from a phrase the adverb at its end that only
// narrows it: "For Azure specifically, …" is about Azure.
func cutQualifierTail(part string) string {
	rest, last, ok := cutLastWord(part)
	if !ok || !qualifiers.hasLower(last) {
		return part
	}
	if last == "particular" {
		r, in, ok := cutLastWord(rest)
		if !ok || in != "in" {
			return part
		}
		rest = r
	}
	return rest
}

// qualifiers are adverbs that end a subject phrase without being part of
// it.
var qualifiers = newWordSet(`specifically especially particularly mostly mainly primarily generally particular`)

// cutLastWord splits s at the white space before its last word.
func cutLastWord(s string) (before, last string, ok bool) {
	i := strings.LastIndexAny(s, " \t\n")
	if i < 0 {
		return s, "", false
	}
	return strings.TrimRight(s[:i], " \t\n"), s[i+1:], true
}

// pointers and pointingPrepositions end a phrase that points back at
// another: "around it", "behind them".
var (
	pointers             = newWordSet(`it them this that these those`)
	pointingPrepositions = newWordSet(`around behind of in on with for about from to like`)
)

// possessives open a phrase about what someone owns or makes.
var possessives = newWordSet(`his her their its my our your His Her Their Its My Our Your`)

// subjectAfter ends the words that name a medium before its subject:
// "sketchnotes of", "book on", "talks about".
var subjectAfter = regexp.MustCompile(`^(?:[\w-]+\s+){1,3}?(?:of|on|about)\s+`)

// media are what people publish rather than what they know about.
var media = newWordSet(mediaWords)

// mediaWords are the words media holds.
const mediaWords = `newsletter newsletters blog blogs post posts article articles talk talks video videos
	book books course courses podcast podcasts sketchnotes tweets threads writing work channel
	show streams site website exercises tutorials workshops guides notes research paper papers
	zines tips screencasts`

// foldsEmpty reports whether graph.Fold(s) is empty: s has no letter or
// digit, which for ASCII s needs no fold.
func foldsEmpty(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return graph.Fold(s) == ""
		}
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
			return false
		}
	}
	return true
}

// topics splits an expertise list into its topics, except at separators
// that a gazetteer name holds ("CI/CD" is one topic). Names are looked
// for only when one may hold a separator: a name that overlaps one holds
// its mark, "/" or "and", and not only the white space around it, as
// names neither start nor end with a space.
func (x *Extractor) topics(st *interviewState, text string) []string {
	var names [][2]int
	found := false
	st.parts = appendListParts(st.parts[:0], text, func(start, end int) bool {
		mark, markEnd := start, end
		for mark < markEnd && isSpaceByte(text[mark]) {
			mark++
		}
		for markEnd > mark && isSpaceByte(text[markEnd-1]) {
			markEnd--
		}
		if !x.gaz.MayOverlap(text, mark, markEnd) {
			return false
		}
		if !found {
			found = true
			st.matches = x.gaz.AppendFind(st.matches[:0], text)
			for _, m := range st.matches {
				names = append(names, [2]int{m.Start, m.End})
			}
		}
		return overlapsRange(names, start, end)
	})
	return st.parts
}

// evidence locates a line in the text its evidence sentences are read
// from: the line starts at byte at of the indexed text.
type evidence struct {
	whole *sentenceIndex
	at    int
}

// sentence returns the sentence at byte off of the line.
func (ev evidence) sentence(off int) string {
	return ev.whole.sentenceAt(ev.at + off)
}

// evidenceIn returns the evidence of a line starting at byte 0 of text,
// indexing text in the interview's one sentence index: a block is read
// to its end before the next is indexed.
func (st *interviewState) evidenceIn(text string) evidence {
	st.sentences.reset(text)
	return evidence{&st.sentences, 0}
}

// prose reads a line of an answer: everything the gazetteer knows is
// mentioned; people named are mentioned, or recommended when the question
// asked for recommendations.
func (x *Extractor) prose(st *interviewState, s Section, l Line, ev evidence) {
	if len(l.Text) <= maxChunk {
		x.prosePiece(st, s, l, ev) // the one piece chunks would return
		return
	}
	pieces, offsets := chunks(l)
	for i, piece := range pieces {
		at := offsets[i]
		x.prosePiece(st, s, piece, evidence{ev.whole, ev.at + at})
	}
}

func (x *Extractor) prosePiece(st *interviewState, s Section, l Line, ev evidence) {
	matches := x.gaz.AppendFind(st.matches[:0], l.Text)
	matches = x.appendCoordinatedMatches(matches, l.Text)
	st.matches = matches
	people := x.findPeople(l, matches, &st.words)
	resources := s.Class == Resources || resourcesLabel(l)
	personRel := graph.Mentions
	if resources {
		personRel = graph.Recommends
	}
	for _, m := range matches {
		// The introduction's topics are the interviewer's framing
		// ("event-driven backends"); its products and companies are facts.
		if s.Class == Preamble && m.Entry.Kind == graph.Topic {
			continue
		}
		src := graph.Source{Line: l.lineAt(m.Start), Text: ev.sentence(m.Start), Why: "gazetteer match in prose"}
		id := x.matchNode(st.b, m, src)
		if id == st.guest {
			continue
		}
		rel := graph.Mentions
		if m.Entry.Kind == graph.Person {
			rel = personRel
		}
		st.b.edge(st.guest, rel, id, src)
	}
	if resources {
		x.proseHandles(st, l, ev)
		x.recommendedFor(st, l, matches, ev)
	}
	var foldBuf [64]byte
	for _, p := range people {
		id := x.personNode(st.b, p.Name, p.URL)
		if id == st.guest || string(graph.AppendFold(foldBuf[:0], p.Name)) == st.fold {
			continue
		}
		st.b.edge(st.guest, personRel, id, graph.Source{Line: l.lineAt(p.Start), Text: ev.sentence(p.Start), Why: p.Why})
		x.colleague(st, l, p, id, ev)
		x.proseExpertise(st, l, matches, people, p, id, ev, personRel == graph.Recommends)
		if personRel == graph.Recommends {
			x.givenNameWork(st, l, matches, people, p, id, ev)
		}
	}
}

// givenNameWork reads what the person p, recommended, publishes on a
// subject when the paragraph goes on to call them by their given name
// alone: "Definitely Liz Rice. Liz's talks on eBPF are the best
// introduction there is." A given name two of the people named share
// points at neither.
func (x *Extractor) givenNameWork(st *interviewState, l Line, matches []gazetteer.Match, people []personMention, p personMention, id nodeRef, ev evidence) {
	given := nextWord(p.Name)
	if len(given) == len(p.Name) {
		return
	}
	for _, q := range people {
		if q.Start != p.Start && nextWord(q.Name) == given {
			return
		}
	}
	for from := p.End; ; {
		i := strings.Index(l.Text[from:], given)
		if i < 0 {
			return
		}
		at := from + i
		from = at + len(given)
		if at > 0 && isWordByte(l.Text[at-1]) || !mediaOn.MatchString(l.Text[from:]) {
			continue
		}
		x.proseExpertise(st, l, matches, people, personMention{Name: p.Name, Start: at, End: from}, id, ev, true)
	}
}

// resourcesLabel reports whether a line opens with a bold label that
// asks for recommendations, as a heading would: "**Follow:** @swyx and
// Kelsey Hightower" in a lightning round.
func resourcesLabel(l Line) bool {
	for _, sp := range l.Spans {
		if sp.Kind != Strong || strings.TrimSpace(l.Text[:sp.Start]) != "" {
			continue
		}
		label := l.Text[sp.Start:sp.End]
		if !strings.HasSuffix(strings.TrimSpace(label), ":") && !strings.HasPrefix(l.Text[sp.End:], ":") {
			return false
		}
		return ClassifyHeading(strings.TrimRight(label, " :")) == Resources
	}
	return false
}

// recommendedFor recommends the organisations and services an answer
// about whom to follow opens a sentence with and then says what they
// are good for: "Stripe, for their API design. And Cloudflare, for
// writing about outages." Others it names are mentions, as in "their
// YouTube talks".
func (x *Extractor) recommendedFor(st *interviewState, l Line, matches []gazetteer.Match, ev evidence) {
	for _, m := range matches {
		if m.Entry.Kind != graph.Organization && m.Entry.Kind != graph.Service {
			continue
		}
		if !opensSentence(l.Text, m.Start) || !forAfter.MatchString(l.Text[m.End:]) {
			continue
		}
		src := graph.Source{Line: l.lineAt(m.Start), Text: ev.sentence(m.Start), Why: "named with what it is good for, in an answer about whom to follow"}
		if id := x.matchNode(st.b, m, src); id != st.guest {
			st.b.edge(st.guest, graph.Recommends, id, src)
		}
	}
}

// forAfter follows a name with what it is recommended for: ", for".
var forAfter = regexp.MustCompile(`^\s*,?\s+for\s`)

// opensSentence reports whether byte at of s opens a sentence, or
// follows only "And" or "Also" there.
func opensSentence(s string, at int) bool {
	end := len(strings.TrimRight(s[:at], " "))
	if w := lastWord(s[:end]); w == "And" || w == "Also" || w == "Plus" {
		end = len(strings.TrimRight(s[:end-len(w)], " "))
	}
	return end == 0 || isSentenceEnd(s, end-1) || s[end-1] == ':'
}

// proseHandles recommends the people an answer about whom to follow
// names by handle: "Also @theburningmonk and @ben11kehoe on Twitter." A
// handle in parentheses is another name for what comes before it, and
// one in an e-mail address or a link's address is no one's.
func (x *Extractor) proseHandles(st *interviewState, l Line, ev evidence) {
	if strings.IndexByte(l.Text, '@') < 0 {
		return
	}
	for _, loc := range proseHandle.FindAllStringSubmatchIndex(l.Text, -1) {
		at, end := loc[2], loc[3]
		if end < len(l.Text) && (l.Text[end] == '@' || l.Text[end] == '.' && end+1 < len(l.Text) && isWordByte(l.Text[end+1])) {
			continue // "@jdoe@hachyderm.io", "@example.com"
		}
		src := graph.Source{Line: l.lineAt(at), Text: ev.sentence(at), Why: "handle in prose"}
		if id := st.b.node(graph.Person, l.Text[at:end], "", ""); id != st.guest {
			st.b.edge(st.guest, graph.Recommends, id, src)
		}
	}
}

// proseHandle is a handle standing as a word: "@theburningmonk".
var proseHandle = regexp.MustCompile(`(?:^|[\s,;:])@([A-Za-z0-9_]{2,30})\b`)

// proseExpertise reads what the rest of the clause naming the person p
// (node id) says of them: "Follow Oren Halvorsen for anything about
// Kubernetes", "Katie Sato, who leads reliability at Adyen". An employer
// after "works at", a job title or "leads … at" is p's; when p is
// recommended, a service or topic the gazetteer knows there, after a word
// that introduces a subject, is p's expertise.
func (x *Extractor) proseExpertise(st *interviewState, l Line, matches []gazetteer.Match, people []personMention, p personMention, id nodeRef, ev evidence, recommended bool) {
	// "Nnamdi Eze's posts on structured events": what someone
	// publishes on a subject says they know it, wherever it is named.
	if rest := l.Text[p.End:]; !recommended && (strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ")) {
		recommended = mediaOn.MatchString(rest)
	}
	start, end := p.End, x.clauseAbout(l.Text, p.End, people)
	// "[Ravi Menon] and [Elif Yilmaz] for the Kubernetes operator work":
	// people named together share what follows the last of them.
	for _, q := range people {
		if q.Start == end && coordinated(l.Text, start, q.Start) {
			start, end = q.End, x.clauseAbout(l.Text, q.End, people)
		}
	}
	// "met Lena Fischer at Monitorama" says where they met.
	employerAfter := recommended && !meetings.hasLower(lastWord(l.Text[:p.Start]))
	if employerAfter {
		x.parenEmployer(st, l, p.End, id, ev)
	}
	x.clauseExpertise(st, l, matches, start, end, id, ev, recommended, employerAfter)
	if recommended {
		x.frontedExpertise(st, l, people, p, id, ev)
	}
	// "Definitely Chidi Okafor. He knows more about DynamoDB than
	// anyone": the next sentence, opened by a pronoun, is about p too.
	if end < len(l.Text) && isSentenceEnd(l.Text, end) {
		next := end + 2
		if w := nextWord(l.Text[next:]); pronouns.has(w) {
			start = next + len(w)
			x.clauseExpertise(st, l, matches, start, x.clauseAbout(l.Text, start, people), id, ev, recommended, false)
		}
	}
}

// mediaOn follows a name with what the person publishes on a subject:
// "'s posts on", "'s weekly newsletter about".
var mediaOn = regexp.MustCompile(`^` + publishesOn)

// publishesOn is the text after a name that says what the person
// publishes on a subject. It is declared before mediaOn and nameCue,
// which are compiled from it.
var publishesOn = `(?:'s|’s)\s+(?:[\w-]+\s+){0,2}?(?i:` + strings.Join(strings.Fields(mediaWords), "|") + `),?\s+(?i:on|about)\s`

// pronouns open a sentence that goes on about the person named before it.
var pronouns = newWordSet(`He She They`)

// clauseAbout is where the clause that starts at byte at of s ends: at
// clauseEnd, or where another of the people named starts.
func (x *Extractor) clauseAbout(s string, at int, people []personMention) int {
	end := clauseEnd(s, at)
	for _, q := range people {
		if q.Start >= at && q.Start < end {
			end = q.Start
		}
	}
	return end
}

// clauseExpertise gives the person id what l.Text[start:end] says they
// are worth reading for, and where they work (see proseExpertise).
func (x *Extractor) clauseExpertise(st *interviewState, l Line, matches []gazetteer.Match, start, end int, id nodeRef, ev evidence, recommended, employerAfter bool) {
	// What someone merely mentioned is known for is too loose a reading.
	for _, m := range matches {
		if !recommended || m.Start < start || m.End > end || (m.Entry.Kind != graph.Topic && m.Entry.Kind != graph.Service) {
			continue
		}
		// "Anthony Chu (Azure Functions)", "Aleksandar Simović and
		// Slobodan Stojanović – Node.js": a subject in parentheses or
		// after a dash right after the name needs no word to introduce it.
		if between := l.Text[start:m.Start]; !subjectCue.MatchString(between) && !opensSubject(between) {
			continue
		}
		src := graph.Source{Line: l.lineAt(m.Start), Text: ev.sentence(m.Start), Why: "expertise given with a person recommended in prose"}
		st.b.edge(id, graph.Covers, x.matchNode(st.b, m, src), src)
	}
	if recommended {
		// "Gwen Shapira on event streaming", "who writes about
		// engineering leadership": a subject no dictionary holds.
		if cue := expertiseAt(l.Text[start:end]); cue >= 0 {
			at := start + cue
			// A phrase cut where the speaker turns to themselves may
			// run on into their sentence: "on cost optimization
			// changed how I size …".
			if stop := phraseEnd(l.Text, at, end); stop < end || end == len(l.Text) || l.Text[end] != ' ' {
				x.covers(st, id, l.Text[at:stop], graph.Source{Line: l.lineAt(at), Text: ev.sentence(at), Why: "expertise given with a person recommended in prose"})
			}
		}
	}
	clause := l.Text[:end]
	var ats []int
	for _, re := range []*wordRegexp{&workBefore, &roleBefore, &leadsAt, &nowAt} {
		for _, loc := range re.AppendAllStringIndex(nil, clause[start:]) {
			ats = append(ats, start+loc[1])
		}
	}
	// "[Rita Kozlov] and [Kenton Varda] at Cloudflare": where someone
	// recommended is, right after the name, is their employer.
	if loc := atRightAfter.FindStringIndex(clause[start:]); loc != nil && employerAfter {
		ats = append(ats, start+loc[1])
	}
	for _, at := range ats {
		if name := x.orgAt(clause, at); name != "" {
			src := graph.Source{Line: l.lineAt(at), Text: ev.sentence(at), Why: "organisation given with a person named in prose"}
			if org := x.orgNode(st.b, name, src); org != noNode && org != id {
				st.b.edge(id, graph.AffiliatedWith, org, src)
			}
		}
	}
}

// parenEmployer reads the organisation in parentheses right after byte
// at of l, the end of a recommended person's name, as their employer:
// "Hemi Tautahi-Brooks (Kiwibank) taught me …". A subject in them
// ("(Durable Functions)") is clauseExpertise's, and a place with its
// country ("(Lisbon, Portugal)") no employer.
func (x *Extractor) parenEmployer(st *interviewState, l Line, at int, id nodeRef, ev evidence) {
	rest, ok := strings.CutPrefix(l.Text[at:], " (")
	if !ok {
		return
	}
	inside, _, ok := strings.Cut(rest, ")")
	if !ok || strings.ContainsAny(inside, ",;(") {
		return
	}
	var buf [4]string
	for _, name := range appendOrgs(buf[:0], inside) {
		// Unknown names must look like a firm's: one word ("Kiwibank")
		// or ending as firms do ("Palo Alto Networks"); "(Durable
		// Functions)" may be a subject the dictionary lacks.
		if e, known := x.gaz.Lookup(name); known && e.Kind != graph.Organization ||
			!known && strings.Contains(name, " ") && !orgSuffixes.hasLower(lastWord(name)) {
			continue
		}
		src := graph.Source{Line: l.lineAt(at), Text: ev.sentence(at), Why: "organisation in parentheses after a person named in prose"}
		if org := x.orgNode(st.b, name, src); org != noNode && org != id {
			st.b.edge(id, graph.AffiliatedWith, org, src)
		}
	}
}

// expertiseAt returns where, in the clause after a person's name, the
// subject they are recommended for follows a cue: right after the name
// ("Gwen Shapira on event streaming", "Nnamdi Eze's posts on"), or after
// a verb of writing or knowing ("writes about", "is very good on",
// "taught me most of what I know about"); -1 when none does.
func expertiseAt(clause string) int {
	if loc := nameCue.FindStringIndex(clause); loc != nil {
		return loc[1]
	}
	var buf [2][2]int
	if m := verbCue.AppendAllStringIndex(buf[:0], clause); len(m) > 0 {
		return m[0][1]
	}
	return -1
}

// nameCue follows a name with its subject, or with what the person
// publishes on it.
var nameCue = regexp.MustCompile(`^(?:\s*,?\s*(?i:on|for)\s|\s+(?i:anything|everything)\s+(?i:about|on)\s|` + publishesOn + `)\s*`)

// verbCue ends where a subject follows a verb of writing or knowing, or
// praise: "writes about", "the best person I know on".
var verbCue = mustWordRegexp(`(?i)\b(?:(?:writes|wrote|writing|talks|talked|blogs|posts|speaks|spoke|tweets|teaches)\s+(?:[\w']+\s+){0,2}?(?:about|on)|(?:best|smartest)\s+(?:person|people|one|source)\s+(?:(?:I|we)\s+know\s+)?(?:on|for|about)|go-to\s+(?:(?:person|people|one|source)\s+)?(?:(?:I|we)\s+know\s+)?(?:on|for|about)|(?:good|great|brilliant|excellent|best|strong|sharp|expert)\s+(?:on|at|in|about)|knows?\s+(?:[\w']+\s+){0,3}?about|(?:taught|teaches|showed|shows)\s+(?:me|us)\s+(?:[\w']+\s+){0,6}?(?:about|on)|for\s+(?:anything|everything)\s+(?:about|on|to do with))\s+`, 10,
	`writes wrote writing talks talked blogs posts speaks spoke tweets teaches best go-to smartest good great brilliant excellent strong sharp expert knows know taught showed shows for`)

// phraseEnd is where the subject phrase starting at byte at of s, in a
// clause ending at end, ends: at a comma, a parenthesis or a dash, or
// where the clause goes on with a new clause ("… on retries, which …").
func phraseEnd(s string, at, end int) int {
	if i := strings.IndexAny(s[at:end], ",;:()—–"); i >= 0 {
		end = at + i
	}
	for i := at; i < end; i++ {
		if s[i] != ' ' {
			continue
		}
		if w := nextWord(s[i+1 : end]); clauseOpeners.has(w) || i > at && predicates.has(w) {
			return i
		}
	}
	return end
}

// predicates follow a subject phrase to say what it did for the speaker
// or what it is: "Marc Brooker on retries and backoff changed how I
// think", "her newsletter about queues is good".
var predicates = newWordSet(`changed shaped helped made taught inspired convinced showed saved got opened is are was were has have had will would can could`)

// clauseOpeners start a new clause inside a sentence.
var clauseOpeners = newWordSet(`which who whose that because but since so while whereas when where if though although than`)

// frontedExpertise reads a subject that opens the sentence in which
// the person p is recommended: "For Cosmos DB modeling I read everything
// Mark Brown publishes."
func (x *Extractor) frontedExpertise(st *interviewState, l Line, people []personMention, p personMention, id nodeRef, ev evidence) {
	if !frontedOpeners(l.Text[max(0, p.Start-maxSentence):p.Start]) {
		return
	}
	start := sentenceStart(l.Text, p.Start)
	// "For the edge, Rita Kozlov and Kenton Varda …": people listed
	// right after the subject share it.
	first := p
	for i := len(people) - 1; i >= 0; i-- {
		if q := people[i]; q.Start >= start && q.End <= first.Start && coordinated(l.Text, q.End, first.Start) {
			first = q
		}
	}
	// "…, and for media workflows specifically, Thandiwe Okoro": a
	// clause opened by its subject, after other people, may name them.
	if m := frontedClause.FindStringSubmatchIndex(l.Text[start:first.Start]); m != nil {
		start += m[0]
	}
	for _, q := range people {
		if q.Start >= start && q.Start < first.Start {
			return // the subject is the first person's
		}
	}
	var m []int
	if first.Start == p.Start {
		m = frontedSubject.FindStringSubmatchIndex(l.Text[start:p.Start])
	}
	if m == nil {
		m = frontedList.FindStringSubmatchIndex(l.Text[start:first.Start])
	}
	if m == nil {
		m = frontedClause.FindStringSubmatchIndex(l.Text[start:first.Start])
	}
	if m == nil {
		return
	}
	at := start + m[2]
	x.covers(st, id, l.Text[at:start+m[3]], graph.Source{Line: l.lineAt(at), Text: ev.sentence(at), Why: "expertise opening the sentence that recommends a person"})
}

// frontedOpeners reports whether s holds a word frontedSubject opens
// with, so that most recommendations skip finding their sentence.
func frontedOpeners(s string) bool {
	for _, w := range []string{"For ", "On ", "About ", "When ", " for "} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// frontedOpening opens a sentence with a subject: "For Cosmos DB
// modeling".
const frontedOpening = `^(?:For|On|About|When it comes to)\s+([^,;:()]{2,60}?)\s*`

// frontedSubject is a sentence that opens with a subject, then turns to
// the speaker's reading, up to a name: "For Cosmos DB modeling I read
// everything ".
var frontedSubject = regexp.MustCompile(frontedOpening + `,?\s+(?:I|I'd|I've|we)\s+(?:[\w']+\s+){0,4}$`)

// frontedList is a sentence that opens with a subject, then names the
// people for it: "For the edge, ".
var frontedList = regexp.MustCompile(frontedOpening + `,\s*$`)

// frontedClause is a clause inside a sentence that opens with a subject,
// then names the people for it: ", and for media workflows, ".
var frontedClause = regexp.MustCompile(`(?:,\s+and|;|,)\s+for\s+([^,;:()]{2,60}?)\s*,\s*$`)

// sentenceStart is where the sentence of s holding byte at starts, looking
// back at most maxSentence bytes.
func sentenceStart(s string, at int) int {
	lo := max(0, at-maxSentence)
	for i := at - 1; i > lo; i-- {
		if isSentenceEnd(s, i-1) {
			return i + 1
		}
	}
	return lo
}

// opensSubject reports whether s, between a name and a subject, is only
// an opening parenthesis or a dash, as in a list entry.
func opensSubject(s string) bool {
	switch strings.TrimSpace(s) {
	case "(", "-", "–", "—", ":":
		return true
	}
	return false
}

// subjectCue introduces what someone is worth reading for.
var subjectCue = regexp.MustCompile(`(?i)\b(?:about|on|for|covers?|covering|writes?|writing|talks?|knows?|expert|specialist|whose)\b`)

// clauseEnd is where the clause about someone named just before byte at
// of s ends, a bounded way ahead: at the sentence's end, or where the
// speaker turns to themselves ("... on cost optimization changed how I
// size Lambda memory").
func clauseEnd(s string, at int) int {
	limit := min(len(s), at+maxClause)
	for i := at; i < limit; i++ {
		if s[i] == ';' || isSentenceEnd(s, i) {
			return i
		}
		if s[i] == ' ' && firstPerson.has(nextWord(s[i+1:limit])) && !teachingLeads.has(lastWord(s[at:i])) {
			return i
		}
	}
	return limit
}

// teachingLeads, before a word of firstPerson, keep the clause about
// the person named: "taught me", "most of what I know about",
// "everything I know about", "is my go-to for".
var teachingLeads = newWordSet(`taught teaches showed shows what person people one everything all is`)

// firstPerson are the words with which a speaker turns to themselves.
var firstPerson = newWordSet(`I I'm I've I'd me my we we're we've our us`)

// nextWord is the word s opens with.
func nextWord(s string) string {
	if i := strings.IndexAny(s, " ,.;:!?"); i >= 0 {
		return s[:i]
	}
	return s
}

// maxClause bounds, in bytes, the clause proseExpertise reads after a name.
const maxClause = 200

func (x *Extractor) matchNode(b *factsBuilder, m gazetteer.Match, src graph.Source) nodeRef {
	return b.entity(m.Entry, m.Text, src)
}

// conjunctBefore captures a capitalised word or two before "or", "and",
// "&", "/" or a comma at the end of a text: "Vision or " in "GCP
// serverless Vision or Video API".
var conjunctBefore = regexp.MustCompile(`([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)\s*(?:,|\bor\b|\band\b|&|/)\s*$`)

// conjunctBeforeAt is conjunctBefore anchored at the start of its text.
var conjunctBeforeAt = regexp.MustCompile(`^(?:` + conjunctBefore.String() + `)`)

// findConjunctBefore returns conjunctBefore.FindStringSubmatchIndex(s),
// trying the anchored pattern at each upper-case ASCII letter, where
// every match starts, instead of the pattern at every byte. A match runs
// to the end of s and holds at most three runs of other bytes than white
// space (two words and the conjunction), so it starts in one of the last
// three.
func findConjunctBefore(s string) []int {
	from := len(s)
	for runs := 0; runs < 3 && from > 0; runs++ {
		for from > 0 && isSpaceByte(s[from-1]) {
			from--
		}
		for from > 0 && !isSpaceByte(s[from-1]) {
			from--
		}
	}
	for at := from; at < len(s); at++ {
		if c := s[at]; c < 'A' || c > 'Z' {
			continue
		}
		if loc := conjunctBeforeAt.FindStringSubmatchIndex(s[at:]); loc != nil {
			for i := range loc {
				if loc[i] >= 0 {
					loc[i] += at
				}
			}
			return loc
		}
	}
	return nil
}

// conjunctWindow is how far before a name its conjunct is looked for.
const conjunctWindow = 60

// appendCoordinatedMatches appends to matches, the gazetteer's matches
// in text, the coordinated names that share a head noun with one of them:
// in "Vision or Video API" the gazetteer finds "Video API"; "Vision API"
// is found by giving "Vision" the head "API".
func (x *Extractor) appendCoordinatedMatches(matches []gazetteer.Match, text string) []gazetteer.Match {
	found := matches // the gazetteer's; what is appended is not looked at
	for _, m := range found {
		base := max(0, m.Start-conjunctWindow)
		if !endsWithConjunction(text[base:m.Start]) || spaces.Count(m.Text) < 2 {
			continue
		}
		head := spaces.Last(m.Text)
		loc := findConjunctBefore(text[base:m.Start])
		if loc == nil {
			continue
		}
		for i := range loc {
			loc[i] += base
		}
		w := text[loc[2]:loc[3]]
		if overlapsAny(found, loc[2], loc[3]) {
			continue // neither candidate is taken
		}
		// The second candidate is built only when the first is not a
		// name, and is the first again for a one-word w.
		for i, first := range []string{w, lastWord(w)} {
			if i == 1 && first == w {
				break
			}
			cand := first + " " + head
			e, ok := x.gaz.Lookup(cand)
			if !ok || e == m.Entry {
				continue
			}
			matches = append(matches, gazetteer.Match{Start: loc[3] - len(lastWord(w)), End: loc[3], Entry: e, Text: cand})
			break
		}
	}
	return matches
}

// endsWithConjunction reports whether s, before trailing white space,
// ends with what every conjunctBefore match ends with, so that most names
// skip the regexp, which tries every offset of its window.
func endsWithConjunction(s string) bool {
	s = strings.TrimRight(s, " \t\n\f\r") // \s
	for _, c := range []string{",", "or", "and", "&", "/"} {
		if strings.HasSuffix(s, c) {
			return true
		}
	}
	return false
}

func overlapsAny(ms []gazetteer.Match, start, end int) bool {
	for _, m := range ms {
		if start < m.End && end > m.Start {
			return true
		}
	}
	return false
}

var (
	// roleBefore ends with the preposition that introduces the employer
	// after a job title: "Developer Advocate at", "the CTO of". A match
	// spans two words: the title and the preposition.
	roleBefore = mustWordRegexp(`(?i)\b(?:engineer|developer|advocate|architect|cto|ceo|cio|coo|cfo|vp|founder|co-?founder|lead|manager|director|head|consultant|technologist|scientist|researcher|evangelist|principal|owner|partner|intern|analyst|designer|specialist|officer|president|chair|fellow|professor|lecturer|hero|mvp|champion|employee|contractor|team|programmer|sre|devrel)s?\s+(?:at|@|in|for|of|with)\s+`, 2, withPlurals(roleLeads)).withSeconds(`at @ in for of with`)
	// workBefore ends where the employer follows a verb of working:
	// "works at", "works as a Technologist in", "joined". A match spans
	// at most eight words: "works as a" four words "at".
	workBefore = mustWordRegexp(`(?i)\b(?:works?|working|worked|employed|joined|joining|co-?founded|founded)\s+(?:(?:as\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:at|in|for|with)\s+)|at\s+|for\s+|@\s*)?`, 9, workLeads)
)

// parenRole opens a parenthesis that gives a job title, then the
// employer: "(Principal Architect, Stripe)".
var parenRole = regexp.MustCompile(`\((?:[\w-]+\s+){0,3}?(?i:` + strings.Join(strings.Fields(roleLeads), "|") + `)s?\s*,\s*`)

// leadsAt ends where an employer follows what someone leads or runs
// there: "who leads reliability at Adyen". What someone works on "for"
// is a product's name ("works on Azure Database for MySQL").
var leadsAt = mustWordRegexp(`(?i)\b(?:(?:leads|runs|heads|manages|builds)\s+(?:[\w/&-]+\s+){0,3}?(?:at|for)|works\s+on\s+(?:[\w/&-]+\s+){0,3}?at)\s+`, 6, `leads runs heads manages builds works`)

// meetings are verbs after which a place follows the person named.
var meetings = newWordSet(`met meet meeting saw seen heard watched`)

// atRightAfter follows a name with where the person works: " at ",
// " from ", ", both at ".
var atRightAfter = regexp.MustCompile(`^\s*,?\s*(?:both\s+|all\s+)?(?:at|from|@)\s+`)

// nowAt ends where a person's present employer follows: "Adaeze
// Nwachukwu, now at Paystack".
var nowAt = mustWordRegexp(`(?i)\b(?:now|currently)\s+(?:at|with)\s+`, 2, `now currently`)

// roleLeads and workLeads are the words roleBefore and workBefore open
// with; a job title may also be plural.
const (
	roleLeads = `engineer developer advocate architect cto ceo cio coo cfo vp founder cofounder co-founder
		lead manager director head consultant technologist scientist researcher evangelist principal
		owner partner intern analyst designer specialist officer president chair fellow professor
		lecturer hero mvp champion employee contractor team programmer sre devrel`
	workLeads = `work works working worked employed joined joining cofounded co-founded founded`
)

// orgWindow bounds, in bytes, how far orgAt reads.
const orgWindow = 160

// atAfterTitle follows a capitalised job title rather than an employer:
// "Head of Engineering at Acme".
var atAfterTitle = regexp.MustCompile(`^\s+(?:at|@)\s+`)

// affiliations reads the interviewee's employers from a line of their
// introduction or first answer.
func (x *Extractor) affiliations(st *interviewState, l Line, where place) {
	var locBuf [8][2]int // matches, on the stack for most lines
	var seenBuf [8]int   // where names were read
	seen := seenBuf[:0]
	locs := locBuf[:0]
	// leadsAt: "builds edge applications at Quillfeather".
	for _, re := range []*wordRegexp{&roleBefore, &workBefore, &leadsAt} {
		locs = re.AppendAllStringIndex(locs, l.Text)
	}
	for _, loc := range locs {
		at := loc[1]
		if slices.Contains(seen, at) {
			continue
		}
		seen = append(seen, at)
		name := x.orgAt(l.Text, at)
		if name == "" {
			continue
		}
		x.affiliate(st, name, graph.Source{Line: l.lineAt(loc[0]), Text: sentenceAt(l.Text, at), Why: "affiliation in " + where.String() + ": '" + strings.TrimSpace(l.Text[loc[0]:loc[1]]) + "'"})
	}
	// "Farah Haddad (Principal Architect, Stripe)".
	if strings.Contains(l.Text, "(") {
		for _, loc := range parenRole.FindAllStringIndex(l.Text, -1) {
			if name := x.orgAt(l.Text, loc[1]); name != "" && strings.HasPrefix(l.Text[loc[1]:], name+")") {
				x.affiliate(st, name, graph.Source{Line: l.lineAt(loc[0]), Text: sentenceAt(l.Text, loc[1]), Why: "affiliation in " + where.String() + ": '" + l.Text[loc[0]:loc[1]] + name + ")'"})
			}
		}
	}
}

// workplaces reads the interviewee's employer from a sentence about what
// they do there, in any answer: "At Orla Health we ingest claims files",
// "At Acme, I run the platform".
func (x *Extractor) workplaces(st *interviewState, l Line, where place) {
	if !strings.Contains(l.Text, "At ") {
		return
	}
	for _, loc := range atWeBefore.FindAllStringIndex(l.Text, -1) {
		at := loc[1]
		name := x.orgAt(l.Text, at)
		if name == "" || !strings.HasPrefix(l.Text[at:], name) || !atWeAfter.MatchString(l.Text[at+len(name):]) {
			continue
		}
		x.affiliate(st, name, graph.Source{Line: l.lineAt(at), Text: sentenceAt(l.Text, at), Why: "affiliation in " + where.String() + ": 'At " + name + "'"})
	}
}

// atWeBefore and atWeAfter frame the workplace of a sentence such as "At
// Orla Health we ingest claims files" or "At Acme, I run the platform".
var (
	atWeBefore = regexp.MustCompile(`(?:^|[.!?]\s+)At\s+`)
	atWeAfter  = regexp.MustCompile(`^,?\s+(?:we|I|my|our)\s`)
)

func (x *Extractor) affiliate(st *interviewState, name string, src graph.Source) {
	if id := x.orgNode(st.b, name, src); id != noNode && id != st.guest {
		st.b.edge(st.guest, graph.AffiliatedWith, id, src)
		if !st.employed {
			st.employer, st.employed = id, true
		}
	}
}

// colleague gives the person p, named in l, the interviewee's employer
// when the interviewee names them by their place in it: "José Álvarez,
// our CTO", "our CTO, José Álvarez". "My colleague" says less: it may be
// a colleague from anywhere, or from before.
func (x *Extractor) colleague(st *interviewState, l Line, p personMention, id nodeRef, ev evidence) {
	if !st.employed || id == st.employer {
		return
	}
	after := l.Text[p.End:min(len(l.Text), p.End+cueWindow)]
	before := l.Text[max(0, p.Start-cueWindow):p.Start]
	if !ourRoleAfter.MatchString(after) && !ourRoleBefore.MatchString(before) {
		return
	}
	src := graph.Source{Line: l.lineAt(p.Start), Text: ev.sentence(p.Start), Why: "a colleague of the interviewee's"}
	st.b.edge(id, graph.AffiliatedWith, st.employer, src)
}

// ourRoleAfter and ourRoleBefore frame a person the interviewee places
// in their own organisation: a job title after "our".
var (
	ourRoleAfter  = regexp.MustCompile(`^,\s+(?i:our)\s+(?:[\w-]+\s+){0,2}?` + ourRoles + `\b`)
	ourRoleBefore = regexp.MustCompile(`\b(?i:our)\s+(?:[\w-]+\s+){0,2}?` + ourRoles + `,?\s+$`)
)

// ourRoles are the words for someone the speaker works with.
const ourRoles = `(?i:cto|ceo|cio|coo|vp|founder|co-?founder|colleague|teammate|manager|boss|director|lead|head|architect|engineer|principal|cfo|chief)`

// orgAt returns the organisation named at byte offset at of s: a gazetteer
// name starting there, else a run of up to four capitalised words ("Liberty
// IT"). A job title before "at" is skipped: "Head of Engineering at Acme".
func (x *Extractor) orgAt(s string, at int) string {
	// Organisation names are short: look a bounded way ahead, so that a
	// long line costs linear time.
	s = s[:min(len(s), at+orgWindow)]
	for depth := 0; depth < 3 && at < len(s); depth++ {
		if rest := s[at:]; strings.HasPrefix(rest, "the ") || strings.HasPrefix(rest, "The ") {
			at += len("the ")
		}
		if m, ok := x.gaz.FindPrefix(s[at:]); ok && m.Entry.Kind != graph.Topic && m.Entry.Kind != graph.Person {
			return m.Text
		}
		from := s[at:]
		toks := tokenize(from)
		var words []string
		end := 0
		for i, t := range toks {
			if i >= 4 || (i == 0 && t.Start != 0) || (i > 0 && !adjacent(from, toks[i-1], t)) {
				break
			}
			if w := t.of(from); !isCapitalised(w) && !(i > 0 && (w == "of" || w == "&")) {
				break
			}
			words = append(words, t.of(from))
			end = t.End
		}
		for len(words) > 0 && (words[len(words)-1] == "of" || words[len(words)-1] == "&") {
			words = words[:len(words)-1]
		}
		if len(words) == 0 {
			return ""
		}
		rest := s[at+end:]
		if m := findIf(rest != "" && isSpaceByte(rest[0]), atAfterTitle, rest); m != nil {
			at += end + m[1]
			continue
		}
		name := strings.Join(words, " ")
		if nonSurnames.hasLower(name) {
			return ""
		}
		return name
	}
	return ""
}
