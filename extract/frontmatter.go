package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"
)

// FrontMatter is the metadata block that opens a post.
type FrontMatter struct {
	// Format is "yaml", "toml", "json", or "" when the file has none.
	Format string
	// Fields holds the decoded values by lower-cased key.
	Fields map[string]any
	// Lines is the 1-based file line of each top-level key, by lower-cased key.
	Lines map[string]int
	// EndLine is the last file line the front matter occupies (0 if none).
	EndLine int
}

// splitFrontMatter separates the front matter from the body. It returns the
// front matter and the body's bytes; the body starts on line fm.EndLine+1.
func splitFrontMatter(data []byte) (FrontMatter, []byte, error) {
	fm := FrontMatter{Fields: map[string]any{}, Lines: map[string]int{}}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	first = bytes.TrimRight(first, " \t\r")
	switch {
	case bytes.Equal(first, []byte("---")):
		return fencedFrontMatter(fm, data, "---", "yaml")
	case bytes.Equal(first, []byte("+++")):
		return fencedFrontMatter(fm, data, "+++", "toml")
	case bytes.HasPrefix(first, []byte("{")):
		return jsonFrontMatter(fm, data)
	}
	return fm, data, nil
}

func fencedFrontMatter(fm FrontMatter, data []byte, fence, format string) (FrontMatter, []byte, error) {
	// Walk the lines up to the closing fence without splitting the rest.
	start := len(data) // of the block, after the opening line
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		start = i + 1
	}
	end := -1 // line index of the closing fence
	blockEnd, bodyStart := 0, 0
	for i, at := 1, start; at < len(data); i++ {
		next := len(data)
		if j := bytes.IndexByte(data[at:], '\n'); j >= 0 {
			next = at + j + 1
		}
		l := bytes.TrimRight(data[at:next], " \t\r\n")
		if string(l) == fence || (format == "yaml" && string(l) == "...") {
			end, blockEnd, bodyStart = i, at, next
			break
		}
		at = next
	}
	if end < 0 {
		return fm, nil, fmt.Errorf("front matter: line 1: %q opens front matter that is never closed", fence)
	}
	block := data[start:blockEnd:blockEnd]
	var body []byte // nil when nothing follows the fence
	if bodyStart < len(data) {
		body = data[bodyStart:]
	}
	fm.Format = format
	fm.EndLine = end + 1
	var err error
	simple := false
	if format == "yaml" {
		simple, err = decodeYAML(block, fm.Fields)
	} else {
		err = decodeTOML(block, fm.Fields)
	}
	if err != nil {
		return fm, nil, err
	}
	lowerKeys(fm.Fields)
	if simple {
		fm.Lines = simpleYAMLKeyLines(block, 2)
	} else {
		fm.Lines = keyLines(block, 2, fm.Fields)
	}
	return fm, body, nil
}

// decodeYAML decodes block into into, reporting whether it is of the
// simple form decodeSimpleYAML reads.
func decodeYAML(block []byte, into map[string]any) (simple bool, _ error) {
	if decodeSimpleYAML(block, into) {
		return true, nil
	}
	var raw map[string]any
	if err := yaml.Unmarshal(block, &raw); err != nil {
		// yaml's messages carry "line N" relative to the block; shift them
		// so that they name the file's line.
		var te *yaml.TypeError
		if errors.As(err, &te) {
			return false, fmt.Errorf("front matter: %s", strings.Join(te.Errors, "; "))
		}
		return false, fmt.Errorf("front matter: %s", shiftYAMLLine(err.Error(), 1))
	}
	for k, v := range raw {
		into[k] = v
	}
	return false, nil
}

// shiftYAMLLine rewrites "yaml: line N:" as "line N+by:".
func shiftYAMLLine(msg string, by int) string {
	msg = strings.TrimPrefix(msg, "yaml: ")
	var n int
	var rest string
	if k, err := fmt.Sscanf(msg, "line %d:", &n); err == nil && k == 1 {
		if i := strings.Index(msg, ":"); i >= 0 {
			rest = msg[i+1:]
		}
		return fmt.Sprintf("line %d:%s", n+by, rest)
	}
	return msg
}

func decodeTOML(block []byte, into map[string]any) error {
	var raw map[string]any
	if _, err := toml.Decode(string(block), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return fmt.Errorf("front matter: line %d: %s", pe.Position.Line+1, pe.Message)
		}
		return fmt.Errorf("front matter: %w", err)
	}
	for k, v := range raw {
		into[k] = v
	}
	return nil
}

func jsonFrontMatter(fm FrontMatter, data []byte) (FrontMatter, []byte, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var raw map[string]any
	if err := dec.Decode(&raw); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fm, nil, fmt.Errorf("front matter: line %d: %s", lineAt(data, int(se.Offset)), se.Error())
		}
		return fm, nil, fmt.Errorf("front matter: %w", err)
	}
	end := int(dec.InputOffset())
	// The object's closing brace ends the front matter; the rest of that
	// line belongs to it too.
	if i := bytes.IndexByte(data[end:], '\n'); i >= 0 {
		end += i + 1
	} else {
		end = len(data)
	}
	for k, v := range raw {
		fm.Fields[k] = v
	}
	lowerKeys(fm.Fields)
	fm.Format = "json"
	fm.EndLine = bytes.Count(data[:end], []byte("\n"))
	fm.Lines = keyLines(data[:end], 1, fm.Fields)
	return fm, data[end:], nil
}

func lineAt(data []byte, off int) int {
	off = min(max(off, 0), len(data))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

func lowerKeys(m map[string]any) {
	lower := true // most front matter keys are: then nothing changes
	for k := range m {
		if !isLowerASCII(k) {
			lower = false
			break
		}
	}
	if lower {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys) // so that of two keys differing by case, one wins always
	for _, k := range keys {
		if low := strings.ToLower(k); low != k {
			if _, taken := m[low]; !taken {
				m[low] = m[k]
			}
			delete(m, k)
		}
	}
}

// isLowerASCII reports whether s is ASCII without an upper-case letter,
// which strings.ToLower returns as it is.
func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// keyLines finds the file line of each top-level key: its first
// occurrence at the start of a line of the block (which starts on file
// line firstLine), else its first occurrence followed by ":" or "=", else
// the block's first line. The decoders do not report positions for all
// three formats, and a key is written at a line start in nearly all posts.
func keyLines(block []byte, firstLine int, fields map[string]any) map[string]int {
	lines := map[string]int{}
	text := strings.Split(string(block), "\n")
	for i, l := range text {
		t := strings.TrimLeft(l, " \t{,[")
		t = strings.TrimLeft(t, `"'`)
		for k := range fields {
			if _, done := lines[k]; !done && keyAt(t, k) {
				lines[k] = firstLine + i
			}
		}
	}
	for k := range fields {
		if _, done := lines[k]; done {
			continue
		}
		lines[k] = firstLine
		for i, l := range text {
			low := strings.ToLower(l)
			if j := strings.Index(low, strings.ToLower(k)); j >= 0 && keyAt(l[j:], k) {
				lines[k] = firstLine + i
				break
			}
		}
	}
	return lines
}

// keyAt reports whether t starts with key k followed by an optional quote
// and ":" or "=".
func keyAt(t, k string) bool {
	if len(t) < len(k) || !strings.EqualFold(t[:len(k)], k) {
		return false
	}
	after := strings.TrimLeft(strings.TrimLeft(t[len(k):], `"'`), " \t")
	return strings.HasPrefix(after, ":") || strings.HasPrefix(after, "=") || strings.HasPrefix(after, "]")
}

// String returns the field's value as text: strings as they are, dates in
// RFC 3339, numbers and booleans formatted, the first element of a list,
// and the "name" or "title" of a map.
func (fm FrontMatter) String(key string) string {
	return scalarText(fm.Fields[key], 0)
}

func scalarText(v any, depth int) string {
	if depth > 4 {
		return ""
	}
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(x)
	case time.Time:
		if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
			return x.Format("2006-01-02")
		}
		return x.Format(time.RFC3339)
	case []any:
		for _, e := range x {
			if s := scalarText(e, depth+1); s != "" {
				return s
			}
		}
		return ""
	case map[string]any:
		for _, k := range []string{"name", "title", "full_name", "fullname", "display_name"} {
			for mk, mv := range x {
				if strings.EqualFold(mk, k) {
					return scalarText(mv, depth+1)
				}
			}
		}
		return ""
	default:
		return strings.TrimSpace(fmt.Sprint(x))
	}
}

// paramTables are front matter tables whose keys count as top-level ones:
// Hugo's [params] and Zola's [extra].
var paramTables = []string{"params", "extra"}

// First returns the first of keys that has a non-empty text value, with
// the key that held it, looking at top-level keys before those nested in
// a params table.
func (fm FrontMatter) First(keys ...string) (value, key string) {
	for _, k := range keys {
		if s := fm.String(k); s != "" {
			return s, k
		}
	}
	for _, table := range paramTables {
		m, ok := fm.Fields[table].(map[string]any)
		if !ok {
			continue
		}
		for _, k := range keys {
			for mk, mv := range m {
				if strings.EqualFold(mk, k) {
					if s := scalarText(mv, 0); s != "" {
						return s, table
					}
				}
			}
		}
	}
	return "", ""
}
