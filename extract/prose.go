package extract

import (
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/extract/internal/spaces"
)

// personMention is a person named in a line of prose.
type personMention struct {
	Name       string
	URL        string
	Start, End int
	Why        string
}

// token is a word of a line: its byte range. It holds no pointer, so that
// filling the scratch of a line's words costs the garbage collector
// nothing.
type token struct {
	Start, End int
}

// of returns the token's text in s, the text it was read from.
func (t token) of(s string) string { return s[t.Start:t.End] }

func tokenize(s string) []token {
	return appendTokens(make([]token, 0, len(s)/6+1), s) // about one word in six bytes of prose
}

// appendTokens appends the words of s to toks.
func appendTokens(toks []token, s string) []token {
	for i := 0; i < len(s); {
		// Skip to the start of a word, then to its end.
		for i < len(s) && s[i] < utf8.RuneSelf && !asciiWordByte[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if s[i] >= utf8.RuneSelf {
			if size, ok := wordRune(s[i:]); !ok {
				i += size
				continue
			}
		}
		start := i
		for i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				if !asciiWordByte[c] {
					break
				}
				i++
				continue
			}
			size, ok := wordRune(s[i:])
			if !ok {
				break
			}
			i += size
		}
		if t := trimToken(s, start, i); t.End > t.Start {
			toks = append(toks, t)
		}
	}
	return toks
}

// asciiWordByte holds the ASCII bytes a word is made of: letters,
// digits, apostrophes, hyphens and dots.
var asciiWordByte = func() (set [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		set[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '\'' || c == '-' || c == '.'
	}
	return set
}()

// wordRune reports whether the rune opening s, which is not ASCII, is
// part of a word, and its size.
func wordRune(s string) (size int, ok bool) {
	r, size := utf8.DecodeRuneInString(s)
	return size, unicode.IsLetter(r) || unicode.IsDigit(r) || r == '’'
}

// trimToken drops punctuation that a word may carry at its edges, keeping
// the dot of an initial ("J.").
func trimToken(s string, start, end int) token {
	// A byte is never '’', which is three bytes long.
	for start < end && (s[start] == '\'' || s[start] == '-' || s[start] == '.') {
		start++
	}
	for end > start && (s[end-1] == '\'' || s[end-1] == '-') {
		end--
	}
	for end > start+2 && s[end-1] == '.' {
		end--
	}
	return token{Start: start, End: end}
}

// contextCues precede a person's name in prose: "by Jane Doe", "my
// colleague Jane Doe", "the awesome Jane Doe".
var contextCue = regexp.MustCompile(`(?i)(?:\bby|\bcolleague|\bcolleagues|\bfriend|\bfriends|\bmanager|\bmentor|\bboss|\bteammate|\bco-?founder|\bawesome|\bamazing|\bgreat|\bbrilliant|\btalented|\bfollow|\bfollowing|\bthanks to|\bcredit to|\bshout-?out to|\bwritten by|\bworks? of)\s*[:,]?\s*$`)

// cueWindow is how far before a name a context cue is looked for, in bytes.
const cueWindow = 40

// possessive follows a name: "Jane Doe's newsletter".
func possessiveAt(s string, end int) bool {
	rest := s[end:]
	return strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") || rest == "'s" || rest == "’s" ||
		strings.HasPrefix(rest, "'s,") || strings.HasPrefix(rest, "’s,")
}

// findPeople returns the people named in a line: link texts that are
// names, and runs of a given name and surnames, trusted alone for an
// unambiguous given name and with a context cue (possessive, "by",
// "my colleague", a link) otherwise. Ranges the gazetteer knows as
// something else are skipped.
//
// scratch holds the line's words; it is reused from line to line.
func (x *Extractor) findPeople(l Line, things []gazetteer.Match, scratch *[]token) []personMention {
	var out []personMention
	taken := func(start, end int) bool {
		for _, m := range things {
			if m.Entry.Kind != "person" && start < m.End && end > m.Start {
				return true
			}
		}
		for _, p := range out {
			if start < p.End && end > p.Start {
				return true
			}
		}
		return false
	}
	for _, sp := range l.Spans {
		if sp.Kind != Link {
			continue
		}
		name := strings.TrimSpace(strings.Trim(l.Text[sp.Start:sp.End], " *_"))
		if x.personName(name) && !taken(sp.Start, sp.End) {
			out = append(out, personMention{Name: name, URL: sp.URL, Start: sp.Start, End: sp.End, Why: "linked name"})
		}
	}
	toks := appendTokens((*scratch)[:0], l.Text)
	*scratch = toks
	for i := 0; i < len(toks); i++ {
		if w := toks[i].of(l.Text); !isCapitalised(w) || strings.HasSuffix(w, ".") {
			continue
		}
		run := capitalisedRun(l.Text, toks, i)
		// Read the run whatever comes of it: a name does not start
		// inside "Will Smith Enterprises".
		next := run - 1
		if run-i < 2 {
			continue
		}
		// The name starts at the run's first given name ("Thanks Jane
		// Doe"), else at the run's start; it has at most four words.
		k := i
		for c := i; c < run-1; c++ {
			if x.given.has(toks[c].of(l.Text)) {
				k = c
				break
			}
		}
		j := min(run, k+4)
		for j > k+1 && nameParticles.has(toks[j-1].of(l.Text)) {
			j--
		}
		i = next
		if j-k < 2 {
			continue
		}
		first := toks[k]
		start, end := first.Start, toks[j-1].End
		name := strings.TrimSuffix(strings.TrimSuffix(l.Text[start:end], "'s"), "’s")
		end = start + len(name)
		if taken(start, end) || !x.personName(name) {
			continue
		}
		why := "" // "person in prose (<cue>)", the fixed ones written whole
		switch {
		case possessiveAt(l.Text, end):
			why = "person in prose (possessive)"
		case contextCue.MatchString(l.Text[max(0, start-cueWindow):start]):
			why = "person in prose (named after '" + strings.TrimSpace(lastWord(l.Text[:start])) + "')"
		case len(out) > 0 && coordinated(l.Text, out[len(out)-1].End, start):
			why = "person in prose (listed with " + out[len(out)-1].Name + ")"
		}
		if !x.given.has(first.of(l.Text)) && why == "" {
			continue // an unknown given name needs a cue
		}
		if ambiguousGivenNames.hasLower(first.of(l.Text)) && why == "" && !insideSentence(l.Text, start) {
			continue
		}
		if why == "" {
			why = "person in prose (given name and surname)"
		}
		out = append(out, personMention{Name: name, Start: start, End: end, Why: why})
	}
	return out
}

// insideSentence reports whether a capitalised word at byte at of s
// stands inside a sentence, where its capital marks a name ("everything
// Mark Brown publishes"), rather than opening one or a list entry, or
// following a word that leads to a place or a firm ("in Hope Street", "at
// Grant Thornton").
func insideSentence(s string, at int) bool {
	before := strings.TrimRight(s[:at], " ")
	if before == "" {
		return false
	}
	if c := before[len(before)-1]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == ',' || c >= utf8.RuneSelf) {
		return false
	}
	return !placeLeads.hasLower(lastWord(before))
}

// placeLeads are words after which a capitalised pair of words is more
// often a place or a firm than a person.
var placeLeads = newWordSet(`at in from of on to the near into onto via inside outside`)

// coordinated reports whether only "and", "or", "&" or a comma separate
// a previous name ending at prevEnd from a name starting at start.
func coordinated(s string, prevEnd, start int) bool {
	if prevEnd > start {
		return false
	}
	between := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s[prevEnd:start], "'s"), "’s"))
	switch strings.ToLower(between) {
	case "and", "or", "&", ",", ", and", ", or", "/":
		return true
	}
	return false
}

// capitalisedRun returns the end (exclusive token index) of the run of
// name-shaped words that starts at toks[i]: capitalised words and name
// particles separated by spaces only, ended by a possessive.
func capitalisedRun(text string, toks []token, i int) int {
	j := i + 1
	if w := toks[i].of(text); strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s") {
		return j
	}
	for j < len(toks) && j-i < 6 && adjacent(text, toks[j-1], toks[j]) {
		w := strings.TrimSuffix(strings.TrimSuffix(toks[j].of(text), "'s"), "’s")
		if !(isSurnameWord(w) || (isParticle(w) && j+1 < len(toks))) {
			break
		}
		j++
		if w != toks[j-1].of(text) { // a possessive ends the name
			break
		}
	}
	return j
}

// orgSuffixes end the names of organisations, events and publications,
// never a person's.
var orgSuffixes = newWordSet(`
	news weekly daily blog blogs podcast podcasts newsletter magazine radio show digest
	guide handbook docs documentation channel times post journal review report tribune
	wiki book books course courses tv club community project` + `
	enterprises inc inc. llc ltd ltd. limited corp corporation co company group holdings
	labs lab systems technologies technology solutions software consulting partners
	ventures capital media studios studio games foundation university institute
	college school academy summit conference conf days meetup cloud network networks
	bank insurance health hospital agency services service digital analytics logistics
	shipping robotics payments
	alliance association council society consortium collective federation
	coalition initiative league guild`)

// jobTitles end job titles, never a person's name: "Dara Okonkwo,
// Principal Engineer at Brightwater" names one person, not two.
var jobTitles = newWordSet(`
	engineer engineers developer developers advocate advocates architect architects
	manager managers director directors consultant consultants technologist
	technologists scientist scientists researcher researchers evangelist evangelists
	analyst analysts designer designers specialist specialists programmer programmers
	officer officers president lecturer professor intern interns founder founders
	cofounder co-founder cto ceo cio coo cfo vp sre devrel`)

// adjacent reports whether only spaces separate two tokens, so that a name
// does not run across a comma or a sentence end.
func adjacent(s string, a, b token) bool {
	return strings.TrimSpace(s[a.End:b.Start]) == ""
}

func lastWord(s string) string {
	return spaces.Last(strings.TrimRight(s, " :,"))
}

// maxSentence bounds, in bytes, how far sentenceAt looks either side of
// an offset, so that evidence for many facts in one huge paragraph costs
// linear time.
const maxSentence = 320

// sentenceAt returns the sentence of s that contains byte offset at.
func sentenceAt(s string, at int) string {
	at = min(max(at, 0), len(s))
	hi := min(len(s), at+maxSentence)
	start, end := sentenceStart(s, at), hi
	for i := at; i < hi; i++ {
		if isSentenceEnd(s, i) {
			end = i + 1
			break
		}
	}
	return strings.TrimSpace(toValidUTF8(s[start:end]))
}

// sentenceIndex finds the sentences of a text as sentenceAt does, from
// the text's sentence ends found once, so that the evidence of many facts
// in one paragraph costs a search each rather than a scan.
type sentenceIndex struct {
	text    string
	ends    []int // every i where isSentenceEnd(text, i), in order
	indexed bool
	// last is the sentence last returned, text[lastStart:lastEnd]
	// trimmed: the facts of a sentence ask for it one after another.
	last               string
	lastStart, lastEnd int
}

// reset makes x the index of text, found when first asked for.
func (x *sentenceIndex) reset(text string) {
	x.text, x.ends, x.indexed = text, x.ends[:0], false
	x.last, x.lastStart, x.lastEnd = "", 0, -1
}

// sentenceAt returns sentenceAt(x.text, at).
func (x *sentenceIndex) sentenceAt(at int) string {
	s := x.text
	if !x.indexed {
		// Most stops are dots: search for each stop in turn, which
		// skips the bytes between them faster than a loop over them.
		for _, stop := range []byte{'.', '!', '?'} {
			for i := 0; ; i++ {
				j := strings.IndexByte(s[i:], stop)
				if j < 0 {
					break
				}
				if i += j; isSentenceEnd(s, i) {
					x.ends = append(x.ends, i)
				}
			}
		}
		slices.Sort(x.ends)
		x.indexed = true
	}
	at = min(max(at, 0), len(s))
	lo, hi := max(0, at-maxSentence), min(len(s), at+maxSentence)
	start, end := lo, hi
	// sentenceAt starts after the last end in [lo, at-2] and ends after
	// the first in [at, hi-1].
	if k := sort.SearchInts(x.ends, at-1); k > 0 && x.ends[k-1] >= lo {
		start = x.ends[k-1] + 1
	}
	if k := sort.SearchInts(x.ends, at); k < len(x.ends) && x.ends[k] < hi {
		end = x.ends[k] + 1
	}
	if start != x.lastStart || end != x.lastEnd {
		x.last, x.lastStart, x.lastEnd = strings.TrimSpace(toValidUTF8(s[start:end])), start, end
	}
	return x.last
}

// isSentenceEnd reports whether s[i] ends a sentence: a stop followed by
// a space, and not the dot of an initial or an abbreviation.
func isSentenceEnd(s string, i int) bool {
	return i+1 < len(s) && (s[i] == '.' || s[i] == '!' || s[i] == '?') && s[i+1] == ' ' && !initialBefore(s, i)
}

// toValidUTF8 drops the partial characters a byte window may cut. Most
// windows cut none, which ValidString, reading a word at a time, tells.
func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "")
}

// chunks splits a long line into pieces of at most maxChunk bytes at
// sentence ends or spaces, with spans clipped and shifted to each piece;
// offsets[i] is where piece i starts in l.Text. Reading a hostile
// megabyte-long line piece by piece keeps the work per line linear.
func chunks(l Line) (pieces []Line, offsets []int) {
	if len(l.Text) <= maxChunk {
		return []Line{l}, []int{0}
	}
	spans := append([]Span(nil), l.Spans...)
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	next := 0 // the first span not yet given to a piece
	for start := 0; start < len(l.Text); {
		end := min(len(l.Text), start+maxChunk)
		if end < len(l.Text) {
			cut := -1
			for i := end - 1; i > start+maxChunk/2; i-- {
				if isSentenceEnd(l.Text, i) {
					cut = i + 1
					break
				}
			}
			if cut < 0 {
				if i := strings.LastIndexByte(l.Text[start:end], ' '); i > 0 {
					cut = start + i
				}
			}
			if cut > start {
				end = cut
			}
			for end < len(l.Text) && !utf8.RuneStart(l.Text[end]) {
				end++
			}
		}
		piece := Line{No: l.lineAt(start), Text: l.Text[start:end]}
		for _, w := range l.wraps {
			if w.at > start && w.at < end {
				piece.wraps = append(piece.wraps, wrap{at: w.at - start, no: w.no})
			}
		}
		for ; next < len(spans) && spans[next].Start < end; next++ {
			if sp := spans[next]; sp.End <= end {
				sp.Start -= start
				sp.End -= start
				piece.Spans = append(piece.Spans, sp)
			}
		}
		pieces = append(pieces, piece)
		offsets = append(offsets, start)
		start = end
	}
	return pieces, offsets
}

// maxChunk bounds the length of the pieces chunks cuts a line into.
const maxChunk = 2000

// initialBefore reports whether the dot at i ends an initial or a short
// abbreviation ("J.", "e.g.", "i.e.") rather than a sentence.
func initialBefore(s string, i int) bool {
	if s[i] != '.' {
		return false
	}
	j := i
	for j > 0 && unicode.IsLetter(rune(s[j-1])) {
		j--
	}
	return i-j <= 1 || strings.HasSuffix(s[:i+1], "e.g.") || strings.HasSuffix(s[:i+1], "i.e.") || strings.HasSuffix(s[:i+1], "etc.")
}
