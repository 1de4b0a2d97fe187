package gazetteer

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/peoplegraph/peoplegraph/extract/internal/spaces"
)

// normalize lower-cases s and folds every run of white space to one space,
// the form both names and text take before matching. It keeps punctuation
// ("CI/CD", "C++", "Honeycomb.io" stay distinct). When off is not nil it
// receives, for each byte of the result plus one past the end, the offset
// in s where that byte came from.
func normalize(s string, off *[]int) []byte {
	out := make([]byte, 0, len(s))
	var offs []int
	if off != nil {
		offs = slices.Grow((*off)[:0], len(s)+1)
	}
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
				if space {
					i++
					continue
				}
				c, space = ' ', true
			case 'A' <= c && c <= 'Z':
				c, space = c+'a'-'A', false
			default:
				space = false
			}
			out = append(out, c)
			if off != nil {
				offs = append(offs, i)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		var buf [utf8.UTFMax]byte
		enc := buf[:0]
		switch {
		case r == utf8.RuneError && size == 1:
			enc, space = append(enc, c), false // keep invalid bytes as they are
		case unicode.IsSpace(r):
			if !space {
				enc = append(enc, ' ')
			}
			space = true
		default:
			enc, space = utf8.AppendRune(enc, unicode.ToLower(r)), false
		}
		out = append(out, enc...)
		if off != nil {
			for range enc {
				offs = append(offs, i)
			}
		}
		i += size
	}
	if off != nil {
		*off = append(offs, len(s))
	}
	return out
}

// plainASCII reports whether normalize only lower-cases s, so that each
// byte of the result comes from the same offset of s: s is ASCII and its
// only white space is single spaces.
func plainASCII(s string) bool {
	prev := byte(0)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf, c == '\t', c == '\n', c == '\r', c == '\f', c == '\v', c == ' ' && prev == ' ':
			return false
		}
		prev = c
	}
	return true
}

// appendLowerASCII appends s, ASCII lower-cased, to dst: normalize for a
// plainASCII s.
func appendLowerASCII(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// appendLowerPlainASCII appends s, ASCII lower-cased, to dst when s is
// plainASCII, in one pass; ok is false, and dst is to be ignored, when it
// is not.
func appendLowerPlainASCII(dst []byte, s string) (_ []byte, ok bool) {
	n := len(dst)
	dst = slices.Grow(dst, len(s))[:n+len(s)]
	out := dst[n:]
	prev := byte(0)
	for i := 0; i < len(s) && i < len(out); i++ {
		c := s[i]
		// \t, \n, \v, \f and \r are the bytes 9 to 13.
		if c >= utf8.RuneSelf || c-'\t' <= '\r'-'\t' || c == ' ' && prev == ' ' {
			return dst[:n], false
		}
		prev = c
		if c-'A' < 26 {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return dst, true
}

// key is the lookup key of a name: normalized, without surrounding space.
func key(name string) string {
	return string(keyBytes(name))
}

// keyBytes is key as bytes.
func keyBytes(name string) []byte {
	return appendKey(nil, name)
}

// appendKey appends key(name) to dst.
func appendKey(dst []byte, name string) []byte {
	if !plainASCII(name) {
		return append(dst, bytes.TrimSpace(normalize(name, nil))...)
	}
	return appendLowerASCII(dst, strings.Trim(name, " ")) // the only white space of plain ASCII
}

// collapse folds runs of white space to one space, keeping case: the form
// an exact name must take in text.
func collapse(s string) string {
	return spaces.Collapse(s)
}

// isWord reports whether r continues a word: a match may not start or end
// next to one.
func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// sameAlnum reports whether a and b have the same letters and digits,
// case intact, in the same order: whether they are the same name
// written with other punctuation.
func sameAlnum(a, b string) bool {
	i, j := 0, 0
	for {
		ra, na := nextAlnum(a, i)
		rb, nb := nextAlnum(b, j)
		if ra != rb {
			return false
		}
		if ra < 0 {
			return true
		}
		i, j = na, nb
	}
}

// nextAlnum returns the first letter or digit of s at or after byte i,
// and the byte after it; -1 when there is none.
func nextAlnum(s string, i int) (rune, int) {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r, i
		}
	}
	return -1, i
}
