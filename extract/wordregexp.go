package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// wordRegexp is a regular expression whose matches start at a word: it
// begins with \b and then a letter. Go's backtracker tries an unanchored
// pattern at every byte; a wordRegexp is tried, anchored, only where a
// word starts, and finds the same matches.
type wordRegexp struct {
	re *regexp.Regexp
	// words bounds how many words, each with the white space after it,
	// a match can span; the anchored patterns read no further than the
	// next word, so a long line costs them no more than a short one.
	words int
	// atStart matches at the start of the text; afterRune matches after
	// its first rune, which gives \b the character before the match.
	atStart, afterRune *regexp.Regexp
	// leads holds, lower-cased, every ASCII word that can open a match
	// and be followed by white space. Most words of a line are not among
	// them, and then the regexps are not run at all.
	leads *wordSet
	// firsts holds the first letters of leads, lower-cased: a word
	// opening with another ASCII byte is not looked up.
	firsts [utf8.RuneSelf]bool
	// seconds, when not nil, holds every ASCII word that can follow the
	// lead word of a match, after white space and itself followed by
	// white space.
	seconds *wordSet
}

// mustWordRegexp compiles expr, whose matches span at most words words.
// leads lists the words a match starts with, each of which the pattern
// must follow with white space (\s).
func mustWordRegexp(expr string, words int, leads string) wordRegexp {
	w := wordRegexp{
		re:        regexp.MustCompile(expr),
		words:     words,
		atStart:   regexp.MustCompile(`^(?:` + expr + `)`),
		afterRune: regexp.MustCompile(`^(?s:.)(?:` + expr + `)`),
		leads:     newWordSet(leads),
	}
	for _, lead := range strings.Fields(leads) {
		if c := lead[0]; c < utf8.RuneSelf {
			w.firsts[c] = true
		}
	}
	return w
}

// withPlurals returns the words of s, each also with an "s".
func withPlurals(s string) string {
	var b strings.Builder
	for _, w := range strings.Fields(s) {
		b.WriteString(w + " " + w + "s ")
	}
	return b.String()
}

// maxLead bounds the length of a lead word.
const maxLead = 32

// mayLead reports whether the word at s[at] is one of w's lead words, or
// is not ASCII (case folding maps some runes to ASCII letters, which the
// regexps then decide).
func (w *wordRegexp) mayLead(s string, at int) bool {
	if c := s[at]; c < utf8.RuneSelf {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if !w.firsts[c] {
			return false // no lead opens with c, nor is c a space
		}
	}
	return opensWithWord(s[at:], w.leads)
}

// opensWithWord reports whether the first word of s, up to white space,
// is one of words (lower-cased ASCII), or is not ASCII.
func opensWithWord(s string, words *wordSet) bool {
	var buf [maxLead]byte
	n := 0
	for i := 0; i < len(s) && !isSpaceByte(s[i]); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return true
		}
		if n == len(buf) {
			return false // longer than any lead word
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	return words.has(string(buf[:n]))
}

// withSeconds returns w with the words that follow its lead words.
func (w wordRegexp) withSeconds(words string) wordRegexp {
	w.seconds = newWordSet(words)
	return w
}

// maySecond reports whether the lead word at s[at] is followed by white
// space and then by one of w's second words, or one that is not ASCII,
// and white space again.
func (w *wordRegexp) maySecond(s string, at int) bool {
	if w.seconds == nil {
		return true
	}
	i := at
	for i < len(s) && !isSpaceByte(s[i]) {
		i++
	}
	j := i
	for j < len(s) && isSpaceByte(s[j]) {
		j++
	}
	k := j
	for k < len(s) && !isSpaceByte(s[k]) {
		k++
	}
	return j > i && k > j && k < len(s) && opensWithWord(s[j:], w.seconds)
}

// FindAllStringIndex returns what regexp.FindAllStringIndex(s, -1) does.
func (w *wordRegexp) FindAllStringIndex(s string) [][]int {
	var out [][]int
	for _, loc := range w.AppendAllStringIndex(nil, s) {
		out = append(out, []int{loc[0], loc[1]})
	}
	return out
}

// AppendAllStringIndex appends the matches FindAllStringIndex returns to
// dst, as pairs that need no allocation of their own.
func (w *wordRegexp) AppendAllStringIndex(dst [][2]int, s string) [][2]int {
	for at := nextWordStart(s, 0); at < len(s); at = nextWordStart(s, at+1) {
		if !w.mayLead(s, at) || !w.maySecond(s, at) {
			continue
		}
		var end int
		window := wordsEnd(s, at, w.words+1)
		if at == 0 {
			loc := w.atStart.FindStringIndex(s[:window])
			if loc == nil {
				continue
			}
			end = loc[1]
		} else {
			_, size := utf8.DecodeLastRuneInString(s[:at])
			from := at - size
			loc := w.afterRune.FindStringIndex(s[from:window])
			if loc == nil {
				continue
			}
			end = from + loc[1]
		}
		dst = append(dst, [2]int{at, end})
		at = end - 1 // matches are never empty; the next starts at end or later
	}
	return dst
}

// nextWordStart returns the first offset from at on where a match may
// start (see mayStartWord), or len(s).
func nextWordStart(s string, at int) int {
	for at < len(s) && !mayStartWord(s, at) {
		at++
	}
	return at
}

// mayStartWord reports whether a match of \b and a letter can start at
// s[at]: an ASCII letter after a non-word character, or any non-ASCII
// character (case folding maps some to ASCII letters, such as 'ſ' to 's').
func mayStartWord(s string, at int) bool {
	c := s[at]
	if c >= utf8.RuneSelf {
		return utf8.RuneStart(c)
	}
	if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		return false
	}
	return at == 0 || !isWordByte(s[at-1])
}

// isWordByte reports whether b is an ASCII word character, as \b sees it.
func isWordByte(b byte) bool {
	return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
}

// wordsEnd returns where the n-th run of white space after s[at] ends, or
// len(s): the end of n words and the space after each. White space is
// what \s matches.
func wordsEnd(s string, at, n int) int {
	i := at
	for range n {
		for i < len(s) && !isSpaceByte(s[i]) {
			i++
		}
		for i < len(s) && isSpaceByte(s[i]) {
			i++
		}
	}
	return i
}

func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\f' || b == '\r'
}
