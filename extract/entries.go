package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/peoplegraph/peoplegraph/extract/internal/spaces"
)

// entry is one line of a recommendation list split into its parts:
// "**Jane Doe (Acme/Initech)** - serverless / IoT" has Head "Jane Doe",
// Orgs ["Acme", "Initech"] and Topics ["serverless", "IoT"].
type entry struct {
	Raw    string // the head before organisations were split off
	Head   string
	URL    string
	Orgs   []string
	Topics string // the expertise text, split later by splitTopics
	// Titled marks a head in emphasis, as a work's title is written:
	// "*Team Topologies* (Matthew Skelton & Manuel Pais)".
	Titled bool
}

// entrySeparators divide a list entry's name from its topics, in order of
// preference.
var entrySeparators = []string{" - ", " – ", " — ", " -- ", " | ", ": ", " : ", " –", "– ", " —", "— ", " -"}

var (
	// coAuthors follows an author with another: ", Kevin Behr", " &
	// Manuel Pais".
	coAuthors = regexp.MustCompile(`^\s*(?:,|&|,?\s+and)\s+\p{Lu}\S*\s+\p{Lu}`)
	// byAuthor opens the rest of an entry with its author: " by Jane
	// Doe", up to a separator.
	byAuthor           = regexp.MustCompile(`^\s*by\s+([^,;:()–—|]+?)\s*(?:$|[,;:(–—|]|\s-\s)`)
	leadingParen       = regexp.MustCompile(`^\s*\(([^()]*)\)`)
	leadingAffiliation = regexp.MustCompile(`^\s*(?:,|\bfrom\b|\bat\b|@|\bof\b)\s*([^-–—:|,()]+?)\s*(?:[-–—:|]|$)`)
	leadingNumber      = regexp.MustCompile(`^\s*(?:\d{1,3}[.)]|[-*•·])\s+`)
	// affiliationWord introduces an organisation after a name in a list
	// entry: "Jane Doe at Acme", "Jane Doe from Acme", "Jane Doe, Acme".
	affiliationWord = regexp.MustCompile(`^(.+?)\s+(?:at|from|@|of)\s+(.+)$`)
)

// The regexps of a list entry are tried only when a cheap test finds what
// each of their matches needs, as most entries have no number, parenthesis
// or affiliation.

// mayLeadNumber reports whether s, after white space, opens with what
// leadingNumber matches first: a digit, "-", "*", "•" or "·".
func mayLeadNumber(s string) bool {
	s = strings.TrimLeft(s, spaceBytes)
	return s != "" && ('0' <= s[0] && s[0] <= '9' || s[0] == '-' || s[0] == '*') || strings.HasPrefix(s, "•") || strings.HasPrefix(s, "·")
}

// mayHaveAffiliationWord reports whether s holds what every
// affiliationWord match holds: "at", "from", "@" or "of" with white space
// on both sides.
func mayHaveAffiliationWord(s string) bool {
	for _, w := range []string{"at", "from", "@", "of"} {
		for at := 0; ; {
			i := strings.Index(s[at:], w)
			if i < 0 {
				break
			}
			start, end := at+i, at+i+len(w)
			if start > 0 && isSpaceByte(s[start-1]) && end < len(s) && isSpaceByte(s[end]) {
				return true
			}
			at = start + 1
		}
	}
	return false
}

// opensWith reports whether s, after white space, starts with one of
// prefixes.
func opensWith(s string, prefixes ...string) bool {
	s = strings.TrimLeft(s, spaceBytes)
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// spaceBytes are the characters \s matches.
const spaceBytes = " \t\n\f\r"

func findIf(may bool, re *regexp.Regexp, s string) []int {
	if !may {
		return nil
	}
	return re.FindStringIndex(s)
}

func findSubmatchIf(may bool, re *regexp.Regexp, s string) []int {
	if !may {
		return nil
	}
	return re.FindStringSubmatchIndex(s)
}

func submatchIf(may bool, re *regexp.Regexp, s string) []string {
	if !may {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// parseEntry splits a line of a list into an entry. ok is false when the
// line has no name-shaped head: it is then read as prose.
func parseEntry(l Line) (entry, bool) {
	text := l.Text
	offset := 0
	if m := findIf(mayLeadNumber(text), leadingNumber, text); m != nil {
		offset = m[1]
	}
	var e entry
	var rest string
	if sp, ok := leadingSpan(l, offset); ok {
		e.Head, rest, e.URL = text[sp.Start:sp.End], text[sp.End:], sp.URL
		e.Titled = sp.Kind == Emphasis
		for _, in := range l.Spans { // a link inside the bold head
			if in.Kind == Link && in.Start >= sp.Start && in.End <= sp.End && e.URL == "" {
				e.URL = in.URL
			}
		}
	} else {
		body := text[offset:]
		cut := -1
		for _, sep := range entrySeparators {
			if i := strings.Index(body, sep); i > 0 && (cut < 0 || i < cut) {
				cut = i
				e.Head, rest = body[:i], body[i+len(sep):]
			}
		}
		if cut < 0 {
			// A name is a few words; what follows a comma may be more
			// ("Jane Doe at Acme, on edge functions").
			head, _, _ := strings.Cut(body, ",")
			if spaces.Count(head) > 6 {
				return entry{}, false
			}
			e.Head = body
		}
		for _, sp := range l.Spans {
			if sp.Kind == Link && sp.Start <= offset+len(e.Head) && sp.End > offset {
				e.URL = sp.URL
				break
			}
		}
	}
	e.Head = strings.TrimSpace(strings.Trim(e.Head, " *_"))
	e.Raw = e.Head
	// "(Org)" inside the head, or opening the rest. Most heads have no
	// parenthesis, and then skip the backtracking.
	if before, inside, ok := cutTrailingParen(e.Head); ok {
		e.Head = before
		e.Orgs = appendOrgs(e.Orgs, inside)
	}
	if m := findSubmatchIf(opensWith(rest, "("), leadingParen, rest); m != nil {
		e.Orgs = appendOrgs(e.Orgs, rest[m[2]:m[3]])
		rest = rest[m[1]:]
	}
	// "**Jane Doe** from Acme - topics", "**Jane Doe**, Acme: topics"
	if m := findSubmatchIf(opensWith(rest, ",", "from", "at", "@", "of"), leadingAffiliation, rest); m != nil {
		if orgs := appendOrgs(e.Orgs, rest[m[2]:m[3]]); len(orgs) > len(e.Orgs) {
			e.Orgs = orgs
			rest = rest[m[1]:]
		}
	}
	// "Name, Org", "Name at Org" and "Name at Org, on topics".
	if i := strings.Index(e.Head, ","); i > 0 {
		after := strings.TrimSpace(e.Head[i+1:])
		e.Head = strings.TrimSpace(e.Head[:i])
		if mayOpenTopicLeadIn(after) && topicLeadIn.MatchString(after) {
			rest = strings.TrimSuffix(after+", "+rest, ", ")
		} else {
			e.Orgs = appendOrgs(e.Orgs, after)
		}
		// "Name (Org), who taught me Terraform".
		if before, inside, ok := cutTrailingParen(e.Head); ok {
			e.Head = before
			e.Orgs = appendOrgs(e.Orgs, inside)
		}
	}
	// "*Designing Data-Intensive Applications* by Martin Kleppmann": a
	// work, then its author, who is the one recommended.
	if m := findSubmatchIf(opensWith(strings.TrimLeft(rest, " \t"), "by "), byAuthor, rest); m != nil {
		// "by Gene Kim, Kevin Behr and George Spafford": several
		// authors are prose's to read.
		if coAuthors.MatchString(rest[m[3]:]) {
			return entry{}, false
		}
		e.Raw, e.Head, e.URL, e.Titled = rest[m[2]:m[3]], rest[m[2]:m[3]], "", false
		rest = rest[m[1]:]
	}
	if m := submatchIf(mayHaveAffiliationWord(e.Head), affiliationWord, e.Head); m != nil && spaces.Count(m[1]) <= 4 {
		e.Head = m[1]
		e.Orgs = appendOrgs(e.Orgs, m[2])
	}
	e.Head = strings.TrimSpace(strings.TrimRight(e.Head, " .:;,-–—"))
	e.Topics = strings.TrimSpace(strings.TrimLeft(rest, " \t-–—:|,;.*_"))
	if e.Head == "" || strings.ContainsAny(e.Head, "!?") {
		return entry{}, false
	}
	return e, true
}

// leadingSpan returns a strong, emphasis or link span that opens the line
// (after a list number) and does not cover the whole of a long line.
func leadingSpan(l Line, offset int) (Span, bool) {
	for _, sp := range l.Spans {
		if sp.Start != offset || sp.Kind == Code {
			continue
		}
		if spaces.Count(l.Text[sp.Start:sp.End]) > 8 {
			return Span{}, false
		}
		return sp, true
	}
	return Span{}, false
}

// cutTrailingParen splits "Jane Doe (Acme)" into the text before the
// parenthesis and the text inside it, as the regexp
//
//	^(.*?)\s*\(([^()]*)\)\s*$
//
// does, without backtracking: the parenthesis closes the text and is the
// last one opened.
func cutTrailingParen(s string) (before, inside string, ok bool) {
	t := strings.TrimRight(s, spaceBytes)
	if !strings.HasSuffix(t, ")") {
		return "", "", false
	}
	open := strings.LastIndexByte(t[:len(t)-1], '(')
	if open < 0 {
		return "", "", false
	}
	before, inside = strings.TrimRight(s[:open], spaceBytes), t[open+1:len(t)-1]
	// '.' does not match a newline.
	if strings.Contains(inside, ")") || strings.Contains(before, "\n") {
		return "", "", false
	}
	return before, inside, true
}

// appendOrgs appends to dst the names "Kaggle/Google" or "Acme &
// Initech" splits into, dropping handles and pronouns.
func appendOrgs(dst []string, s string) []string {
	var buf [8]string
	for _, part := range appendListParts(buf[:0], s, noneProtected) {
		part = strings.TrimSpace(strings.Trim(part, " .*_\"'"))
		if loc := nowAt.atStart.FindStringIndex(part); loc != nil {
			part = part[loc[1]:] // "(now at Paystack)"
		} else if rest, ok := strings.CutPrefix(part, "now "); ok && isCapitalised(nextWord(rest)) {
			part = rest // "(PureSec, now Palo Alto Networks)"
		}
		part = employerAfterTitle(part)
		switch {
		case part == "", strings.HasPrefix(part, "@"), strings.Contains(part, "://"), pronounOrFormer(part):
			continue
		}
		if spaces.Count(part) > 5 || !isNameCased(part) {
			continue
		}
		dst = append(dst, part)
	}
	return dst
}

// employerAfterTitle returns the employer a job title leads to
// ("Principal Engineer at AWS", "co-founder of Lightstep"), or part
// when it opens with none.
func employerAfterTitle(part string) string {
	var buf [2][2]int
	locs := roleBefore.AppendAllStringIndex(buf[:0], part)
	if len(locs) == 0 || locs[0][0] != 0 && !titleWordsOnly(part[:locs[0][0]]) {
		return part
	}
	org := part[locs[len(locs)-1][1]:]
	// "Head of Platform at Acme": the employer follows the last "at".
	if i := strings.LastIndex(org, " at "); i >= 0 {
		org = org[i+len(" at "):]
	}
	return org
}

// titleWordsOnly reports whether s, before a job title's last word, is
// only words of a title: "Principal", "Senior Staff".
func titleWordsOnly(s string) bool {
	for _, w := range strings.Fields(s) {
		if !isCapitalised(w) && !strings.EqualFold(w, "and") {
			return false
		}
	}
	return spaces.Count(strings.TrimSpace(s)) < 4
}

// pronounOrFormer reports whether strings.ToLower(part) is a pronoun
// or opens with "formerly", "ex " or "ex-". It lower-cases the bytes
// opening part on the stack when they are ASCII, as they most often are.
func pronounOrFormer(part string) bool {
	var buf [len("formerly")]byte
	low := buf[:0]
	for i := 0; i < len(part) && i < len(buf); i++ {
		if part[i] >= utf8.RuneSelf {
			// Some runes lower-case to ASCII: 'İ' to 'i'.
			return lowPronounOrFormer(strings.ToLower(part), true)
		}
		low = append(low, lowerASCII(part[i]))
	}
	return lowPronounOrFormer(string(low), len(low) == len(part))
}

// lowPronounOrFormer is pronounOrFormer for part lower-cased, or for a
// prefix of it when whole is false.
func lowPronounOrFormer(low string, whole bool) bool {
	if whole {
		switch low {
		case "he", "she", "they", "him", "her", "them":
			return true
		}
	}
	return strings.HasPrefix(low, "formerly") || strings.HasPrefix(low, "ex ") || strings.HasPrefix(low, "ex-")
}

// splitList splits s on "/", "+", ",", ";", "&", "and" and "or", except
// inside the protected byte ranges (names such as "CI/CD" or "AWS Identity
// and Access Management" that the gazetteer knows whole).
func splitList(s string, protected [][2]int) []string {
	return appendListParts(nil, s, func(start, end int) bool { return overlapsRange(protected, start, end) })
}

// noneProtected protects no separator.
func noneProtected(start, end int) bool { return false }

// overlapsRange reports whether [start, end) overlaps one of ranges.
func overlapsRange(ranges [][2]int, start, end int) bool {
	for _, r := range ranges {
		if start < r[1] && end > r[0] {
			return true
		}
	}
	return false
}

// appendListParts appends to dst the parts splitList splits s into,
// keeping the separators at [start, end) for which protects reports true.
func appendListParts(dst []string, s string, protects func(start, end int) bool) []string {
	if !mayHaveListSeparator(s) {
		if s = strings.TrimSpace(s); s == "" {
			return dst
		}
		return append(dst, s)
	}
	first := len(dst)
	parts := dst
	last := 0
	for at := 0; at < len(s); {
		start, end, ok := nextListSeparator(s, at)
		if !ok {
			break
		}
		at = end
		if protects(start, end) {
			continue
		}
		parts = append(parts, s[last:start])
		last = end
	}
	parts = append(parts, s[last:])
	out := parts[:first]
	for _, p := range parts[first:] {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	clear(parts[len(out):])
	return out
}

// nextListSeparator finds the first list separator in s at or after from,
// with the white space around it: what the regexp
//
//	\s*(?:/|\+|,|;|&|\band\b|\bor\b|\s·\s|\s\|\s|\s[-–—]\s)\s*
//
// matches, scanned by hand because a backtracking regexp tries every
// offset of every topic list.
func nextListSeparator(s string, from int) (start, end int, ok bool) {
	for p := from; p < len(s); {
		q := p
		for q < len(s) && isSpaceByte(s[q]) {
			q++
		}
		sep := separatorAt(s, q)
		if sep == 0 && q > p {
			sep = spacedSeparatorAt(s, q)
		}
		if sep > 0 {
			end := q + sep
			for end < len(s) && isSpaceByte(s[end]) {
				end++
			}
			return p, end, true
		}
		// No separator follows any of the spaces p..q either.
		p = q + 1
	}
	return 0, 0, false
}

// separatorAt returns the length of the separator that needs no space
// before it at s[q], or 0: "/", "+", ",", ";", "&" or the word "and" or "or".
func separatorAt(s string, q int) int {
	if q >= len(s) {
		return 0
	}
	switch s[q] {
	case '/', '+', ',', ';', '&':
		return 1
	}
	for _, w := range []string{"and", "or"} {
		if strings.HasPrefix(s[q:], w) && (q == 0 || !isWordByte(s[q-1])) &&
			(q+len(w) == len(s) || !isWordByte(s[q+len(w)])) {
			return len(w)
		}
	}
	return 0
}

// spacedSeparatorAt returns the length of a separator that must stand
// between white space, "·", "|" or a dash, at s[q] after a space, with
// the space after it, or 0.
func spacedSeparatorAt(s string, q int) int {
	for _, mark := range []string{"·", "|", "-", "–", "—"} {
		if strings.HasPrefix(s[q:], mark) && q+len(mark) < len(s) && isSpaceByte(s[q+len(mark)]) {
			return len(mark) + 1
		}
	}
	return 0
}

// mayHaveListSeparator reports whether s contains a text that every
// list separator contains, so that a plain topic skips the scan.
func mayHaveListSeparator(s string) bool {
	return strings.ContainsAny(s, "/+,;&·|-–—") || strings.Contains(s, "and") || strings.Contains(s, "or")
}

// tableEntry reads a table row of a recommendation table. The header row
// names the columns: the first column is the name, a "company"-like
// column holds organisations and a "topics"-like column the expertise.
// Without such headers the second column is the organisation when it is
// written like a name, and the rest are topics.
func tableEntry(row Block, header []string) (entry, bool) {
	if row.Header || len(row.Cells) == 0 {
		return entry{}, false
	}
	e := entry{Head: strings.TrimSpace(strings.Trim(row.Cells[0], " *_"))}
	e.Raw = e.Head
	if len(row.Lines) > 0 {
		for _, sp := range row.Lines[0].Spans {
			if sp.Kind == Link && sp.Start == 0 {
				e.URL = sp.URL
			}
		}
	}
	var topics []string
	for i, cell := range row.Cells[1:] {
		col := ""
		if i+1 < len(header) {
			col = " " + strings.ToLower(header[i+1]) + " "
		}
		switch {
		case containsAny(col, "company", "org", "employer", "affiliation", "works", "where", "team"):
			e.Orgs = appendOrgs(e.Orgs, cell)
		case containsAny(col, "topic", "expertise", "area", "focus", "about", "known", "why", "subject", "skill",
			"follow", " for ", "speciali", "specialt", "interest", "cover", "domain", "field", "writes", "talks"):
			topics = append(topics, cell)
		case col == "" && i == 0 && len(row.Cells) > 2 && isCapitalised(cell) && spaces.Count(cell) <= 3:
			e.Orgs = appendOrgs(e.Orgs, cell)
		case col == "":
			topics = append(topics, cell)
		}
	}
	e.Topics = strings.Join(topics, ", ")
	return e, e.Head != ""
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
