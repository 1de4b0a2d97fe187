package extract

import (
	"reflect"
	"testing"

	"go.yaml.in/yaml/v3"
)

// checkSimpleYAML fails when decodeSimpleYAML accepts a block that YAML
// refuses or decodes to something else.
func checkSimpleYAML(t *testing.T, block string) (accepted bool) {
	t.Helper()
	got := map[string]any{}
	if !decodeSimpleYAML([]byte(block), got) {
		if len(got) != 0 {
			t.Errorf("decodeSimpleYAML(%q) refused the block but filled %v", block, got)
		}
		return false
	}
	var want map[string]any
	if err := yaml.Unmarshal([]byte(block), &want); err != nil {
		t.Errorf("decodeSimpleYAML(%q) accepted a block YAML refuses: %v", block, err)
		return true
	}
	if len(want) == 0 && len(got) == 0 {
		return true
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("decodeSimpleYAML(%q) = %#v, YAML gives %#v", block, got, want)
	}
	lowerKeys(got)
	if lines, want := simpleYAMLKeyLines([]byte(block), 2), keyLines([]byte(block), 2, got); !reflect.DeepEqual(lines, want) {
		t.Errorf("simpleYAMLKeyLines(%q) = %v, keyLines gives %v", block, lines, want)
	}
	return true
}

func TestDecodeSimpleYAML(t *testing.T) {
	tests := []struct {
		name   string
		block  string
		accept bool
	}{
		{"empty", "", true},
		{"blank lines", "\n  \n", true},
		{"jekyll", "layout: post\ntitle: \"FaaS in production with Jane Doe\"\ndate: 2015-01-23 11:02:00 +0000\ncategories: [interviews]\n", true},
		{"gatsby", "title: \"Data in production with Jane Doe\"\ndate: \"2020-05-09T11:00:00.00Z\"\ndescription: \"Jane is an engineer.\"\nfeaturedImage: ./jane-doe.jpg\n", true},
		{"quote inside double quotes", "title: \"What's next? #1\"\n", true},
		{"list of words", "tags: [Data Science, AWS Lambda]\n", true},
		{"dashed key", "canonical-url: https://example.com/x\n", true},
		{"keys differing in case, after a blank line", "\nTitle: a\ntitle: b\nsubtitle: \"c: d\"\n", true},
		{"timestamp", "date: 2020-01-02\n", false},
		{"timestamp with time", "date: 2020-01-02 10:00:00\n", false},
		{"number", "weight: 10\n", false},
		{"float", "ratio: .5\n", false},
		{"infinity", "x: .Inf\n", false},
		{"boolean", "draft: true\n", false},
		{"null", "guest: null\n", false},
		{"empty value", "guest:\n", false},
		{"escape", "title: \"a\\tb\"\n", false},
		{"text after the quote", "title: \"a\" b\n", false},
		{"lone quote", "title: \"\n", false},
		{"single quotes", "title: 'a'\n", false},
		{"comment", "title: a # note\n", false},
		{"indented", "author:\n  name: Jane\n", false},
		{"tab", "title:\tA\n", false},
		{"crlf", "title: A\r\n", false},
		{"non-ASCII", "title: Zoë\n", false},
		{"repeated key", "title: A\ntitle: B\n", false},
		{"colon in value", "title: A: B\n", false},
		{"value ends with colon", "title: A:\n", false},
		{"empty list", "tags: []\n", false},
		{"nested list", "tags: [[a]]\n", false},
		{"question mark in a list item", "tags: [a?]\n", false},
		{"question mark in a value", "title: Why Go?\n", true},
		{"anchor", "title: &x A\n", false},
		{"quoted key", "\"title\": A\n", false},
		{"boolean key", "true: A\n", false},
		{"yes and no are strings", "yes: no\non: off\ny: n\n", true},
		{"tilde", "guest: ~\n", false},
		{"hex", "id: 0x1F\n", false},
		{"version", "version: 1.2.3\n", false},
		{"date and zone", "date: 2015-01-23 11:02:00 +0000\n", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := checkSimpleYAML(t, tc.block); got != tc.accept {
				t.Errorf("decodeSimpleYAML(%q) accepted %v, want %v", tc.block, got, tc.accept)
			}
		})
	}
}

func FuzzDecodeSimpleYAML(f *testing.F) {
	f.Add("layout: post\ntitle: \"FaaS with Jane Doe\"\ndate: 2015-01-23 11:02:00 +0000\ncategories: [interviews]\n")
	f.Add("title: \"x\"\ndate: \"2020-05-09T11:00:00.00Z\"\nfeaturedImage: ./a.jpg\n")
	f.Add("tags: [a, b c]\nx: .5e\ny: 0x1F z\n")
	f.Fuzz(func(t *testing.T, block string) { checkSimpleYAML(t, block) })
}

func TestLowerKeys(t *testing.T) {
	tests := []struct {
		name     string
		in, want map[string]any
	}{
		{"lower", map[string]any{"title": "a", "date": "b"}, map[string]any{"title": "a", "date": "b"}},
		{"upper", map[string]any{"Title": "a", "date": "b"}, map[string]any{"title": "a", "date": "b"}},
		{"both cases", map[string]any{"Title": "a", "title": "b"}, map[string]any{"title": "b"}},
		{"not ASCII", map[string]any{"Über": "a", "ünal": "b"}, map[string]any{"über": "a", "ünal": "b"}},
		{"empty", map[string]any{}, map[string]any{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lowerKeys(tc.in)
			if !reflect.DeepEqual(tc.in, tc.want) {
				t.Errorf("lowerKeys gives %v, want %v", tc.in, tc.want)
			}
		})
	}
}
