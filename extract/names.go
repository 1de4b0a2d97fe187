package extract

import (
	"bufio"
	_ "embed"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/peoplegraph/peoplegraph/extract/internal/spaces"
)

//go:embed data/given-names.txt
var givenNamesData string

// givenNames is a set of common given names, folded to lower case.
type givenNames map[string]bool

func loadGivenNames() givenNames {
	set := givenNames{}
	sc := bufio.NewScanner(strings.NewReader(givenNamesData))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		set[strings.ToLower(l)] = true
	}
	return set
}

// has reports whether w is a given name written as one: capitalised.
func (g givenNames) has(w string) bool {
	return isCapitalised(w) && hasLower(g, w)
}

// ambiguousGivenNames are given names that are also common English words
// or open sentences ("Will", "May"); a name starting with one needs a
// signal beyond the name list.
var ambiguousGivenNames = newWordSet(`
	will may june april august mark bill chase grant hope joy faith page lane
	rich sky summer rose art case chance dawn destiny dean earl faye frank
	gay glen guy hazel holly ivy iris jack jay king lance lee long major
	miles penny pierce price ray reed rob royal sandy son spring star sterling
	sunny tad ward wade will winter young amber angel april autumn
	blue brook cash clay cliff coral crystal dusty ebony gale ginger gene
	harmony honey jewel jimmy kit lucky marsh merry misty patience pearl
	pepper poppy robin ruby rusty sage scarlet serena storm sunshine tiger
	violet woody al an bo don ed eli mac max mo sam
	apple amazon google micro cloud azure data dev devops
	bob dick pat
	`)

// nonSurnames are capitalised words that follow a given name without being
// a surname: days, months, product words, sentence words and the places
// a direction or a name opens ("West Africa", "Victoria Island", "Ben
// Nevis").
var nonSurnames = newWordSet(`
	the a an and or but of in on at for to from with by is was are were be
	i i'm we you he she they it this that these those my our your his her their
	monday tuesday wednesday thursday friday saturday sunday
	january february march april may june july august september october november december
	api apis sdk cli ui ux sql db ai ml iot
	africa america americas asia europe oceania coast island islands valley county
	nevis lomond
	`)

// hasLower reports whether set holds strings.ToLower(w), lower-casing a
// short ASCII word on the stack.
func hasLower(set map[string]bool, w string) bool {
	var buf [32]byte
	if low, ok := appendLowerWord(buf[:0], w); ok {
		return set[string(low)]
	}
	return set[strings.ToLower(w)]
}

// hasLower reports whether ws holds strings.ToLower(w), lower-casing a
// short ASCII word on the stack.
func (ws *wordSet) hasLower(w string) bool {
	var buf [32]byte
	if low, ok := appendLowerWord(buf[:0], w); ok {
		return ws.has(string(low))
	}
	return ws.has(strings.ToLower(w))
}

// appendLowerWord appends w lower-cased to dst when w is ASCII and fits
// in dst's room; ok is false, and dst to be ignored, otherwise.
func appendLowerWord(dst []byte, w string) (_ []byte, ok bool) {
	if len(w) > cap(dst)-len(dst) {
		return dst, false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return dst, false
		}
		dst = append(dst, lowerASCII(c))
	}
	return dst, true
}

// lowerASCII lower-cases an ASCII letter.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// wordSet is a small set of words. A word is compared only with the
// words of its length, and only when one of them opens with its first
// byte: cheaper than hashing it for a map.
type wordSet struct {
	byLen  [][]string  // the words, by length
	firsts [][4]uint64 // by length, a bit for the first byte of each word
}

// newWordSet returns the set of the words of s, separated by white space.
func newWordSet(s string) *wordSet {
	ws := &wordSet{}
	for _, w := range strings.Fields(s) {
		for len(ws.byLen) <= len(w) {
			ws.byLen, ws.firsts = append(ws.byLen, nil), append(ws.firsts, [4]uint64{})
		}
		if !slices.Contains(ws.byLen[len(w)], w) {
			ws.byLen[len(w)] = append(ws.byLen[len(w)], w)
		}
		ws.firsts[len(w)][w[0]>>6] |= 1 << (w[0] & 63)
	}
	return ws
}

// has reports whether w is one of the words.
func (ws *wordSet) has(w string) bool {
	if w == "" || len(w) >= len(ws.byLen) {
		return false
	}
	if c := w[0]; ws.firsts[len(w)][c>>6]&(1<<(c&63)) == 0 {
		return false
	}
	return slices.Contains(ws.byLen[len(w)], w)
}

// nameParticles may stand lower-case inside a person's name.
var nameParticles = newWordSet(`van von der den de da di du del della le la bin bint al ter ten dos das`)

// Words longer than these are neither name particles nor non-surnames,
// and are not looked up.
const (
	maxParticle   = 5
	maxNonSurname = 9
)

// isParticle reports whether w is one of nameParticles.
func isParticle(w string) bool {
	return len(w) <= maxParticle && nameParticles.has(w)
}

// isCapitalised reports whether w starts with an upper-case letter and has
// a lower-case letter or is short (an initial or "MSV"-style surname).
func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// isNameCased reports whether w is written as a proper name: capitalised,
// or cased as brands such as "iRobot" and "eBay" are, a lower-case letter
// then a capital.
func isNameCased(w string) bool {
	if isCapitalised(w) {
		return true
	}
	return len(w) >= 3 && 'a' <= w[0] && w[0] <= 'z' && 'A' <= w[1] && w[1] <= 'Z'
}

// isSurnameWord reports whether w can be a surname or a middle part of a
// name: capitalised, letters with inner hyphens or apostrophes, or an
// initial like "J." or an all-capitals word of up to four letters.
func isSurnameWord(w string) bool {
	if w == "" || !isCapitalised(w) || len(w) <= maxNonSurname && nonSurnames.hasLower(w) {
		return false
	}
	letters := 0
	for i, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case (r == '-' || r == '\'' || r == '’') && i > 0 && i < len(w)-1:
		case r == '.' && i == len(w)-1 && letters == 1:
		default:
			return false
		}
	}
	return letters >= 1
}

// personName decides whether name, as written in a list of people or as a
// link text, is a person's name: two to four words, the first a given
// name or each capitalised like a name, no digits.
func (g givenNames) personName(name string) bool {
	var buf [5]string
	return g.personWords(spaces.AppendFields(buf[:0], name))
}

// personWords is personName for the name's words.
func (g givenNames) personWords(words []string) bool {
	if len(words) < 2 || len(words) > 4 {
		return false
	}
	for i, w := range words {
		if i > 0 && nameParticles.has(w) {
			continue
		}
		if !isSurnameWord(w) {
			return false
		}
	}
	return g.has(words[0]) || looksLikeName(words)
}

// looksLikeName accepts a name whose first word is missing from the given
// names list when every word is written as a name: an upper-case letter
// then lower-case letters (so "Gojko Adzic" but not "AWS Lambda").
func looksLikeName(words []string) bool {
	for _, w := range words {
		if nameParticles.has(w) {
			continue
		}
		if !nameCapitals(w) && !(len(w) <= 4 && strings.ToUpper(w) == w) {
			return false
		}
	}
	first := words[0]
	return len(first) > 2 && !strings.ContainsAny(first, ".-'")
}

// nameCapitals reports whether w is capitalised as a name is: its first
// letter, and only the first of each part of a double name ("Ferreira-Quist",
// "O'Neill") or after Mc and Mac ("McAllister").
func nameCapitals(w string) bool {
	if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) {
		return false
	}
	for i, r := range w {
		if i > 0 && unicode.IsUpper(r) && !(w[i-1] == '-' || w[i-1] == '\'' || i == 2 && w[:2] == "Mc" || i == 3 && w[:3] == "Mac") {
			return false
		}
	}
	return true
}

// isHandle reports whether w is a one-word online handle such as
// "DynamicWebpaige" or "@jdoe": letters, digits and underscores.
func isHandle(w string) bool {
	w = strings.TrimPrefix(w, "@")
	if len(w) < 3 || len(w) > 39 {
		return false
	}
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case unicode.IsDigit(r) || r == '_' || r == '-':
		default:
			return false
		}
	}
	return letters >= 2
}
