package export

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxLabelRunes bounds a label so one long name cannot stretch a map.
const maxLabelRunes = 60

// cleanText makes interview text safe to show as a label or tooltip in
// any format: invalid UTF-8 becomes U+FFFD; control characters, bidi
// embeddings and overrides, zero-width characters and other invisible
// format characters are dropped (they can disguise a name or reorder what
// a reader sees); every run of white space becomes one space.
func cleanText(s string) string {
	if cleanASCII(s) {
		return s
	}
	return cleanAnyText(s)
}

// cleanASCII reports whether s is printable ASCII with single spaces
// between words, which cleanText leaves as it is. Nearly every name and
// line of evidence is, and a map of one interview cleans hundreds.
func cleanASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if i == 0 || i == len(s)-1 || s[i-1] == ' ' {
				return false
			}
			continue
		}
		if c < 0x20 || c > 0x7e {
			return false
		}
	}
	return true
}

// cleanAnyText is cleanText for any string. ASCII is handled a byte at a
// time; only other characters are decoded and looked up.
func cleanAnyText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || '\t' <= c && c <= '\r':
				space = true
				continue
			case c < 0x20 || c == 0x7f:
				continue
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteByte(c)
			continue
		}
		// Invalid UTF-8 decodes as U+FFFD, which is what it becomes.
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case invisible(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// invisible reports whether r draws nothing yet can change how text reads:
// C0/C1 controls, bidi controls (U+202A–U+202E, U+2066–U+2069, marks),
// zero-width characters and the other Unicode format characters (Cf),
// and noncharacters.
func invisible(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case unicode.Is(unicode.Cf, r): // includes U+200B–U+200F, U+202A–U+202E, U+2060–U+206F, U+FEFF
		return true
	case r >= 0xFDD0 && r <= 0xFDEF, r&0xFFFE == 0xFFFE:
		return true
	case unicode.Is(unicode.Co, r), unicode.Is(unicode.Cs, r):
		return true
	}
	return false
}

// label cleans s and shortens it to maxLabelRunes, marking a cut with "…".
func label(s string) string {
	return truncate(cleanText(s), maxLabelRunes)
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}

// safeURL returns u normalised if it is an absolute http, https or mailto
// URL, and "" for anything else (javascript:, data:, relative paths...).
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	// Characters that no well-formed URL needs and that could end a quoted
	// attribute or start an escape in some output format.
	if u == "" || strings.ContainsAny(u, "\\\"'<>`{}|^") ||
		strings.ContainsFunc(u, func(r rune) bool { return invisible(r) || unicode.IsSpace(r) }) {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		if p.Host == "" {
			return ""
		}
	case "mailto":
		if p.Opaque == "" {
			return ""
		}
	default:
		return ""
	}
	p.Scheme = strings.ToLower(p.Scheme)
	return p.String()
}

// interviewURL is where an interview's post lives under baseURL, or "".
func interviewURL(baseURL, slug string) string {
	base := safeURL(baseURL)
	if base == "" || slug == "" {
		return ""
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return safeURL(base + url.PathEscape(slug) + "/")
}
