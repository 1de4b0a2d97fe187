package query

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/peoplegraph/peoplegraph/graph"
)

// citeFormatted is how cite formatted a source before it appended bytes:
// the reference its output must equal.
func citeFormatted(s graph.Source) string {
	text := strings.TrimSpace(s.Text)
	if text == "" {
		return fmt.Sprintf("%s:%d", s.Interview, s.Line)
	}
	if utf8.RuneCountInString(text) > maxQuoteRunes {
		text = string([]rune(text)[:maxQuoteRunes-1]) + "…"
	}
	return fmt.Sprintf("%s:%d: %s", s.Interview, s.Line, text)
}

func TestCite(t *testing.T) {
	long := strings.Repeat("é", maxQuoteRunes+5)
	tests := []struct {
		name string
		src  graph.Source
	}{
		{"no text", graph.Source{Interview: "ada", Line: 3}},
		{"blank text", graph.Source{Interview: "ada", Line: 3, Text: " \t "}},
		{"short text", graph.Source{Interview: "ada", Line: 12, Text: "  Kelsey Hightower - Kubernetes "}},
		{"exactly the limit", graph.Source{Interview: "ada", Line: 1, Text: long[:2*maxQuoteRunes]}},
		{"long text", graph.Source{Interview: "ada", Line: 1, Text: long}},
		{"long invalid UTF-8", graph.Source{Interview: "ada", Line: 1, Text: strings.Repeat("a\xff", maxQuoteRunes)}},
		{"negative line", graph.Source{Interview: "x", Line: -1, Text: "t"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, want := cite(tt.src), citeFormatted(tt.src); got != want {
				t.Errorf("cite = %q, want %q", got, want)
			}
		})
	}
}

func FuzzCite(f *testing.F) {
	f.Add("ada", 3, "Kelsey Hightower - Kubernetes")
	f.Add("b", 0, strings.Repeat("ü", 100))
	f.Fuzz(func(t *testing.T, slug string, line int, text string) {
		s := graph.Source{Interview: slug, Line: line, Text: text}
		if got, want := cite(s), citeFormatted(s); got != want {
			t.Errorf("cite = %q, want %q", got, want)
		}
	})
}

func TestAppendPadded(t *testing.T) {
	for _, n := range []int{0, 7, 42, 999, 1000, 123456, -5} {
		if got, want := string(appendPadded([]byte("x"), n, 3)), fmt.Sprintf("x%3d", n); got != want {
			t.Errorf("appendPadded(%d) = %q, want %q", n, got, want)
		}
	}
}
