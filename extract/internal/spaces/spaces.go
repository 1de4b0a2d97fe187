// Package spaces folds white space in names and evidence text.
package spaces

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Collapse folds every run of white space in s to one space and drops it
// at both ends, as joining strings.Fields(s) with spaces does; most text
// is already so and is returned as it is, without allocating.
func Collapse(s string) string {
	if single(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// single reports whether s is already as strings.Fields and a
// single-space join would leave it: no other white space, no run of
// spaces, no space at either end. Most evidence is, and is kept as is.
func single(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	// Only control bytes and characters outside ASCII may be other white
	// space: the rest is skipped a byte at a time, but for two spaces in
	// a row (a space is never last).
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c-' ' < utf8.RuneSelf-' ' { // ' ' to DEL, in one comparison
			if c == ' ' && s[i+1] == ' ' {
				return false
			}
			continue
		}
		if c < ' ' {
			if '\t' <= c && c <= '\r' {
				return false
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += size - 1
	}
	return true
}

// Count returns len(strings.Fields(s)) without building the fields.
func Count(s string) int {
	n, inField := 0, false
	for i := 0; i < len(s); {
		space := false
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || '\t' <= c && c <= '\r'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if !space && !inField {
			n++
		}
		inField = !space
	}
	return n
}

// Last returns the last of strings.Fields(s), or "" when s has none,
// without building the fields.
func Last(s string) string {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	i := strings.LastIndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return s[i+size:]
}

// AppendFields appends strings.Fields(s) to dst: a caller with room on
// the stack for a name's few words splits it without allocating.
func AppendFields(dst []string, s string) []string {
	start := -1 // of the field being read
	for i := 0; i < len(s); {
		space, size := false, 1
		if c := s[i]; c < utf8.RuneSelf {
			space = c == ' ' || '\t' <= c && c <= '\r'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
		}
		switch {
		case space && start >= 0:
			dst = append(dst, s[start:i])
			start = -1
		case !space && start < 0:
			start = i
		}
		i += size
	}
	if start >= 0 {
		dst = append(dst, s[start:])
	}
	return dst
}
