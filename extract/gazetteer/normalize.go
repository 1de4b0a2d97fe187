package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalize lower-cases s and folds every run of white space to one space,
// the form both names and text take before matching. It keeps punctuation
// ("CI/CD", "C++", "Honeycomb.io" stay distinct). When off is not nil it
// receives, for each byte of the result plus one past the end, the offset
// in s where that byte came from.
func normalize(s string, off *[]int) []byte {
	out := make([]byte, 0, len(s))
	if off != nil {
		*off = (*off)[:0]
	}
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				if !space {
					out = appendMapped(out, off, i, ' ')
				}
				space = true
			case 'A' <= c && c <= 'Z':
				out = appendMapped(out, off, i, c+'a'-'A')
				space = false
			default:
				out = appendMapped(out, off, i, c)
				space = false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			out = appendMapped(out, off, i, c) // keep invalid bytes as they are
			space = false
		case unicode.IsSpace(r):
			if !space {
				out = appendMapped(out, off, i, ' ')
			}
			space = true
		default:
			var buf [utf8.UTFMax]byte
			n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			for _, b := range buf[:n] {
				out = appendMapped(out, off, i, b)
			}
			space = false
		}
		i += size
	}
	if off != nil {
		*off = append(*off, len(s))
	}
	return out
}

func appendMapped(out []byte, off *[]int, at int, b byte) []byte {
	if off != nil {
		*off = append(*off, at)
	}
	return append(out, b)
}

// key is the lookup key of a name: normalized, without surrounding space.
func key(name string) string {
	return strings.TrimSpace(string(normalize(name, nil)))
}

// collapse folds runs of white space to one space, keeping case: the form
// an exact name must take in text.
func collapse(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// isWord reports whether r continues a word: a match may not start or end
// next to one.
func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// alnum keeps only the letters and digits of s, case intact: two names
// with equal alnum are the same name written with other punctuation.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
