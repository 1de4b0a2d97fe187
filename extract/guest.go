package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/peoplegraph/peoplegraph/extract/internal/spaces"

	"github.com/yuin/goldmark/parser"
)

// guest is the interviewee and where the post names them.
type guest struct {
	Name string
	URL  string
	Line int
	Text string
	Why  string
}

// guestFields are front matter keys that name the interviewee.
var guestFields = []string{"guest", "guests", "interviewee", "interviewees", "speaker", "subject", "person"}

// authorFields name the post's author, who is the interviewee on blogs
// where guests write their own answers, and the interviewer elsewhere:
// they are trusted after the title.
var authorFields = []string{"author", "authors", "by"}

// titlePatterns capture the interviewee's name in a post title. Each is
// tried only when an ASCII title, lower-cased, contains one of its needs
// (words every match holds); a title with other characters is given to
// every pattern, as case folding maps some of them to ASCII letters.
var titlePatterns = []struct {
	re    *regexp.Regexp
	needs []string
}{
	{regexp.MustCompile(`(?i)\b(?:questions|chat|talk|conversation|interview|q\s*&\s*a|q&a|ama|podcast|episode)\s+(?:for|with|to|featuring|feat\.)\s+(.+)$`),
		[]string{"questions", "chat", "talk", "conversation", "interview", "&", "ama", "podcast", "episode"}},
	{regexp.MustCompile(`(?i)^(?:an\s+)?interview(?:\s+with)?\s*[:\-–—]\s*(.+)$`), []string{"interview"}},
	{regexp.MustCompile(`(?i)^(?:meet|introducing|spotlight:?|in conversation with|talking (?:to|with)|a chat with|interview with)\s+(.+)$`),
		[]string{"meet", "introducing", "spotlight", "in conversation with", "talking ", "a chat with", "interview with"}},
	// A series' name, then the guest: "Community Spotlight: Jo Park",
	// "Member profile – Jo Park".
	{regexp.MustCompile(`(?i)^.*\b(?:spotlight|profile|interview|q\s*&\s*a|ama|podcast|episode(?:\s+\d+)?|series|roundup|corner)\s*(?:[:|–—]|\s-\s)\s*(.+)$`),
		[]string{"spotlight", "profile", "interview", "&", "ama", "podcast", "episode", "series", "roundup", "corner"}},
	{regexp.MustCompile(`(?i)^.*\b(?:with|featuring|feat\.|by)\s+(.+)$`), []string{"with", "featuring", "feat.", "by"}},
	{regexp.MustCompile(`^(.+?)\s*(?:[:|–—]|\s-\s|\s+on\s+|\s+talks\s+|\s+shares\s+|\s+explains\s+)`),
		[]string{":", "|", "-", "on", "talks", "shares", "explains"}},
	{regexp.MustCompile(`(?:[:|–—]|\s-\s)\s*(.+)$`), []string{":", "|", "-"}},
}

// guestFromTitle finds a person's name in a title such as "Serverless in
// production with Lynn Langit" or "Five questions for Jane Doe".
func (x *Extractor) guestFromTitle(title string) string {
	if t := strings.TrimSpace(strings.Trim(title, " \"'“”")); x.personName(t) {
		return t // the title is the guest's name
	}
	lower, ascii := strings.ToLower(title), isASCII(title)
	for _, p := range titlePatterns {
		if ascii && !containsAny(lower, p.needs...) {
			continue
		}
		for _, m := range p.re.FindAllStringSubmatch(title, -1) {
			if name := x.leadingName(m[1]); name != "" {
				return name
			}
		}
	}
	return ""
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// leadingName returns the person's name that s is or that opens s
// ("Jane Doe, CTO of Acme" → "Jane Doe"), or "".
func (x *Extractor) leadingName(s string) string {
	s = strings.TrimSpace(strings.Trim(s, " \t\"'“”*_"))
	if i := strings.IndexAny(s, ",:;|–—()[]!?"); i >= 0 {
		s = s[:i]
	}
	if i := strings.Index(s, " - "); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimRight(strings.TrimSpace(s), ".")
	words := strings.Fields(s)
	for n := min(len(words), 4); n >= 2; n-- {
		cand := strings.Join(words[:n], " ")
		cand = strings.TrimSuffix(strings.TrimSuffix(cand, "'s"), "’s")
		if x.personName(cand) {
			return cand
		}
	}
	return ""
}

// personName reports whether name is written as a person's name and is
// not something the gazetteer knows. A name whose first word is not a
// known given name must not contain a word the gazetteer knows either
// ("Serverless Land" is a site, "Gojko Adzic" a person).
func (x *Extractor) personName(name string) bool {
	return x.unknownPersonName(name, false)
}

// unknownPersonName is personName for a name the caller may have looked
// up in the gazetteer already, in vain (unknown).
func (x *Extractor) unknownPersonName(name string, unknown bool) bool {
	var buf [5]string
	words := spaces.AppendFields(buf[:0], name)
	if last := lastWord(name); !x.given.personWords(words) || !unknown && x.isThing(name) || orgSuffixes.hasLower(last) || jobTitles.hasLower(last) {
		return false
	}
	if x.given.has(words[0]) {
		return true
	}
	// "Building Microservices", "Designing Data-Intensive Applications":
	// a title opening with a verb is a work's.
	if len(words[0]) >= 6 && strings.HasSuffix(words[0], "ing") || prepositionOpeners.hasLower(words[0]) {
		return false
	}
	for _, w := range words {
		if x.isThing(w) {
			return false
		}
	}
	return true
}

// prepositionOpeners open the titles of publications and talks, never a
// person's name: "Towards Data Science".
var prepositionOpeners = newWordSet(`towards toward inside into beyond across under over behind through without within upon`)

// isThing reports whether the gazetteer knows name as something other
// than a person.
func (x *Extractor) isThing(name string) bool {
	e, ok := x.gaz.Lookup(name)
	return ok && e.Kind != "person"
}

// findGuest reads the interviewee from the front matter, the title, the
// description's first linked name, or a bold name opening the body.
func (x *Extractor) findGuest(doc *Document, front *frontLines) (guest, bool) {
	fm := doc.Front
	if v, key := fm.First(guestFields...); v != "" {
		if name := x.guestFieldName(v); name != "" {
			return guest{Name: name, Line: fm.Lines[key], Text: key + ": " + v, Why: "front matter '" + key + "'"}, true
		}
	}
	if title := fm.String("title"); title != "" {
		if name := x.guestFromTitle(title); name != "" {
			return guest{Name: name, Line: fm.Lines["title"], Text: title, Why: "named in the title"}, true
		}
	}
	if v, key := fm.First(authorFields...); v != "" {
		if name := x.fieldName(v); name != "" {
			return guest{Name: name, Line: fm.Lines[key], Text: key + ": " + v, Why: "front matter '" + key + "'"}, true
		}
	}
	for _, key := range []string{"description", "summary", "excerpt", "subtitle", "lead"} {
		v := fm.String(key)
		if v == "" {
			continue
		}
		line := front.line(x.md, fm, key, v)
		if g, ok := x.guestFromLine(line, "the "+key); ok {
			return g, true
		}
	}
	for _, s := range doc.Sections {
		if len(s.Blocks) == 0 || len(s.Blocks[0].Lines) == 0 {
			continue
		}
		l := s.Blocks[0].Lines[0]
		for _, sp := range l.Spans {
			if sp.Start == 0 && sp.Kind != Code {
				if name := x.leadingName(l.Text[sp.Start:sp.End]); name != "" {
					return guest{Name: name, URL: sp.URL, Line: l.No, Text: l.Text, Why: "name opening the post"}, true
				}
			}
		}
		break
	}
	return guest{}, false
}

// fieldName reads a person's name from a front matter value, which may be
// "Jane Doe", "Jane Doe (Acme)" or "jane-doe" (a data-file key).
func (x *Extractor) fieldName(v string) string {
	if name := x.leadingName(v); name != "" {
		return name
	}
	v = strings.TrimSpace(v)
	if strings.ContainsAny(v, "-_") && !strings.Contains(v, " ") {
		words := strings.FieldsFunc(v, func(r rune) bool { return r == '-' || r == '_' })
		for i, w := range words {
			if w != "" {
				words[i] = strings.ToUpper(w[:1]) + w[1:]
			}
		}
		if name := x.leadingName(strings.Join(words, " ")); name != "" {
			return name
		}
	}
	return ""
}

// guestFieldName reads the name a guest field gives: as fieldName does,
// or, since the field says it names a person, any two to four words
// written as a name's ("Hyo-jin Park", whose given name is not a
// known one) that the gazetteer does not know.
func (x *Extractor) guestFieldName(v string) string {
	if name := x.fieldName(v); name != "" {
		return name
	}
	v = spaces.Collapse(strings.TrimSpace(v))
	words := strings.Fields(v)
	if len(words) < 2 || len(words) > 4 || x.isThing(v) {
		return ""
	}
	for i, w := range words {
		if !(isCapitalised(w) && nameCapitals(w)) && !(i > 0 && isParticle(w)) {
			return ""
		}
	}
	return v
}

// guestFromLine finds the interviewee in a description line: its first
// linked person's name, else a person's name opening it.
func (x *Extractor) guestFromLine(l Line, where string) (guest, bool) {
	for _, sp := range l.Spans {
		if sp.Kind != Link {
			continue
		}
		if name := x.leadingName(l.Text[sp.Start:sp.End]); name != "" {
			return guest{Name: name, URL: sp.URL, Line: l.No, Text: l.Text, Why: "first linked name in " + where}, true
		}
	}
	if name := x.leadingName(l.Text); name != "" {
		return guest{Name: name, Line: l.No, Text: l.Text, Why: "name opening " + where}, true
	}
	// "In this episode, Farah Haddad (Principal Architect, Stripe)
	// explains ...": a description is about its guest.
	if people := x.findPeople(l, x.gaz.Find(l.Text), new([]token)); len(people) > 0 {
		return guest{Name: people[0].Name, URL: people[0].URL, Line: l.No, Text: l.Text, Why: "first name in " + where}, true
	}
	return guest{}, false
}

// inlineLine reads a front matter value as one line of inline markdown.
func inlineLine(md parser.Parser, s string, no int) Line {
	if plainLine(s) {
		return Line{No: no, Text: s} // what goldmark reads it as
	}
	return markdownLine(md, s, no)
}

// plainLine reports whether markdown reads s as its own text: one line
// that opens with a letter (no list, heading or quote), ends with no space
// and holds no character that opens inline markup, an entity, an escape
// or a table cell. Most descriptions are, and skip the markdown parser.
func plainLine(s string) bool {
	if s == "" || !('a' <= s[0] && s[0] <= 'z' || 'A' <= s[0] && s[0] <= 'Z') || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c == 0x7f || markupByte[c] {
			return false
		}
	}
	return true
}

// markupByte holds the ASCII bytes that may start markup inside a line.
var markupByte = func() (set [256]bool) {
	for _, c := range []byte("`[]!<>*_~\\&|#") {
		set[c] = true
	}
	return set
}()

// markdownLine is inlineLine read by the markdown parser.
func markdownLine(md parser.Parser, s string, no int) Line {
	p := &mdParser{md: md, src: []byte(s)}
	doc := &Document{}
	p.parse(doc)
	var out Line
	for _, sec := range doc.Sections {
		for _, b := range sec.Blocks {
			for _, l := range b.Lines {
				out.append(l, " ")
			}
		}
	}
	out.No = no
	if out.Text == "" {
		out.Text = s
	}
	return out
}
