package extract

import (
	"strconv"
	"strings"
	"time"
)

// Most front matter is a few "key: value" lines. decodeSimpleYAML reads
// such a block without the YAML parser, whose setup costs more than the
// rest of a typical file's front matter, and gives up, for the parser to
// decide, on anything else: indentation, comments, tabs, quotes it cannot
// read whole, escapes, non-ASCII text, values YAML resolves to anything
// but a string (numbers, booleans, null, timestamps) and repeated keys.
// What it accepts, it decodes to what yaml.Unmarshal gives.

// decodeSimpleYAML decodes block into into and reports true, or leaves
// into alone and reports false when the block is not of the simple form.
func decodeSimpleYAML(block []byte, into map[string]any) bool {
	type field struct {
		key   string
		value any
	}
	var buf [8]field
	fields := buf[:0]
	// One copy of the block holds every key and value read from it.
	for rest := string(block); len(rest) > 0; {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if len(strings.TrimRight(line, " ")) == 0 {
			continue
		}
		key, value, ok := simpleYAMLLine(line)
		if !ok {
			return false
		}
		for _, f := range fields {
			if f.key == key {
				return false // YAML refuses a repeated key
			}
		}
		fields = append(fields, field{key, value})
	}
	for _, f := range fields {
		into[f.key] = f.value
	}
	return true
}

// simpleYAMLKeyLines is keyLines for a block decodeSimpleYAML accepted:
// there each key opens its line and is a word, so a field's line is the
// first whose key is the field's name in any case.
func simpleYAMLKeyLines(block []byte, firstLine int) map[string]int {
	lines := map[string]int{}
	// The keys are cut from one copy of the block; ToLower copies only
	// a key that is not lower case already.
	for i, rest := 0, string(block); len(rest) > 0; i++ {
		line := rest
		if j := strings.IndexByte(rest, '\n'); j >= 0 {
			line, rest = rest[:j], rest[j+1:]
		} else {
			rest = ""
		}
		colon := strings.Index(line, ": ")
		if colon <= 0 {
			continue // a blank line
		}
		key := strings.ToLower(line[:colon])
		if _, done := lines[key]; !done {
			lines[key] = firstLine + i
		}
	}
	return lines
}

// simpleYAMLLine reads "key: value" where the key is a plain word and the
// value a double-quoted string without escapes, a plain string, or a flow
// list of plain strings.
func simpleYAMLLine(line string) (key string, value any, ok bool) {
	if !printableASCII(line) {
		return "", nil, false
	}
	colon := strings.Index(line, ": ")
	if colon <= 0 || colon > 64 || !yamlWord(line[:colon]) || !plainString(line[:colon]) {
		return "", nil, false
	}
	key, v := line[:colon], strings.Trim(line[colon+2:], " ")
	switch {
	case v == "":
		return "", nil, false // null
	case v[0] == '"':
		end := strings.IndexByte(v[1:], '"') + 1
		if len(v) < 2 || end != len(v)-1 || strings.IndexByte(v, '\\') >= 0 {
			return "", nil, false // escapes, or text after the closing quote
		}
		return key, v[1:end], true
	case v[0] == '[':
		if v[len(v)-1] != ']' {
			return "", nil, false
		}
		var items []any
		for item := range strings.SplitSeq(v[1:len(v)-1], ",") {
			item = strings.Trim(item, " ")
			// Inside a flow list YAML also ends a plain scalar at '?'.
			if item == "" || strings.ContainsAny(item, "[]{}:?") || !plainString(item) {
				return "", nil, false
			}
			items = append(items, item)
		}
		return key, items, true
	}
	if !plainString(v) || strings.HasSuffix(v, ":") {
		return "", nil, false
	}
	return key, v, true
}

// printableASCII reports whether s holds only printable ASCII and spaces.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' || c > '~' {
			return false
		}
	}
	return true
}

// yamlWord reports whether s is a key written as a word: letters, digits,
// '_' and '-', starting with a letter.
func yamlWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '_' || c == '-')) {
			return false
		}
	}
	return s != ""
}

// plainString reports whether YAML reads s, an unquoted scalar on one
// line, as the string s: it opens with no indicator, holds no ": ",
// quote, comment mark or backslash, and does not resolve to null, a
// boolean, a number or a timestamp.
func plainString(s string) bool {
	if s == "" || strings.Contains(s, ": ") || strings.ContainsAny(s, "\"'#`\\") {
		return false
	}
	switch c := s[0]; {
	case strings.IndexByte("-?:,[]{}#&*!|>'\"%@`<~+", c) >= 0:
		return false
	case '0' <= c && c <= '9':
		// A number or a timestamp holds no space, except a timestamp
		// with its time.
		return strings.IndexByte(s, ' ') >= 0 && !yamlTimestamp(s)
	case c == '.':
		// ".5", ".inf", ".nan": whatever parses as a float.
		_, err := strconv.ParseFloat(s, 64)
		return err != nil && !strings.HasPrefix(strings.ToLower(s), ".inf") && !strings.HasPrefix(strings.ToLower(s), ".nan")
	}
	switch s {
	case "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL":
		return false
	}
	return true
}

// yamlTimestampLayouts are the layouts yaml.v3 tries on a plain scalar
// that opens with a four-digit year and '-'.
var yamlTimestampLayouts = []string{
	"2006-1-2T15:4:5.999999999Z07:00",
	"2006-1-2t15:4:5.999999999Z07:00",
	"2006-1-2 15:4:5.999999999",
	"2006-1-2",
}

// yamlTimestamp reports whether YAML resolves s to a timestamp.
func yamlTimestamp(s string) bool {
	for _, layout := range yamlTimestampLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}
