package extract

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/peoplegraph/peoplegraph/graph"
)

// Fast paths must give what the plain computation gives: the cheap checks
// that guard regexps must never skip text the regexp would match, and
// indexed lookups must find what a scan finds. Each is tested on named
// cases and fuzzed against the plain form.

func TestEndsWithConjunction(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"or", "GCP serverless Vision or ", true},
		{"and with tabs", "Vision and\t\n", true},
		{"comma", "Vision, ", true},
		{"ampersand", "Vision &", true},
		{"slash", "Vision/", true},
		{"plain words", "GCP serverless ", false},
		{"empty", "", false},
		{"vertical tab is not \\s", "Vision or\v", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := endsWithConjunction(tc.in); got != tc.want {
				t.Errorf("endsWithConjunction(%q) = %v, want %v", tc.in, got, tc.want)
			}
			checkConjunctionPrefilter(t, tc.in)
		})
	}
}

func FuzzEndsWithConjunction(f *testing.F) {
	for _, s := range []string{"Vision or ", "AWS and", "Foo Bar, ", "a&b /", "Kafka\tor\r", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkConjunctionPrefilter(t, s)
	})
}

func checkConjunctionPrefilter(t *testing.T, s string) {
	t.Helper()
	if !endsWithConjunction(s) && conjunctBefore.MatchString(s) {
		t.Errorf("endsWithConjunction(%q) skips a conjunctBefore match", s)
	}
}

// classifyByScan is ClassifyHeading as a plain scan: the first class with
// a phrase, as words or with "s" or "ing", in the folded heading.
func classifyByScan(heading string) SectionClass {
	f := " " + graph.Fold(heading) + " "
	if strings.TrimSpace(f) == "" {
		return Preamble
	}
	for _, cue := range headingCues {
		for _, p := range cue.phrases {
			for _, suffix := range []string{"", "s", "ing"} {
				if strings.Contains(f, " "+p+suffix+" ") {
					return cue.class
				}
			}
		}
	}
	return Other
}

func TestClassifyHeadingAsScan(t *testing.T) {
	tests := []string{
		"", "  ?! ", "Who should readers follow?", "Following", "Any tips & tricks?",
		"Who do you follow on Twitter, and what tools?", "Who  do   you follow",
		"Your background — and your stack", "What are you working on?",
		"Ñame your favourite people", "follows", "Who inspires you?", "techs and tech",
		"What excites you?", "FOLLOW", "wish you had known", "wish you had",
	}
	for _, h := range tests {
		t.Run(h, func(t *testing.T) {
			if got, want := ClassifyHeading(h), classifyByScan(h); got != want {
				t.Errorf("ClassifyHeading(%q) = %s, a scan finds %s", h, got, want)
			}
		})
	}
}

func FuzzClassifyHeading(f *testing.F) {
	for _, s := range []string{"Who should readers follow?", "Tools & stack", "What's your background?", "Lessons learned", "Ünïcödé tips"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if got, want := ClassifyHeading(h), classifyByScan(h); got != want {
			t.Errorf("ClassifyHeading(%q) = %s, a scan finds %s", h, got, want)
		}
	})
}

// tokenizeByRunes is tokenize as a plain loop over runes.
func tokenizeByRunes(s string) []token {
	var toks []token
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’' || r == '-' || r == '.'
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			toks = append(toks, trimToken(s, start, i))
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, trimToken(s, start, len(s)))
	}
	return slices.DeleteFunc(toks, func(t token) bool { return t.Text == "" })
}

func TestTokenizeAsRunes(t *testing.T) {
	tests := []string{
		"", "Jane Doe's blog", "J. R. R. Tolkien", "O’Neil — ‘quoted’ -dash- ..", "naïve café 42",
		"\xffbad\xfe bytes", "e.g. Ünïcödé’s", "'", "a-b-c--", "’s",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			if got, want := tokenize(s), tokenizeByRunes(s); !slices.Equal(got, want) {
				t.Errorf("tokenize(%q) = %v, want %v", s, got, want)
			}
		})
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Jane Doe's", "O’Neil", "\xff.x-", "J. Doe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := tokenize(s), tokenizeByRunes(s); !slices.Equal(got, want) {
			t.Errorf("tokenize(%q) = %v, want %v", s, got, want)
		}
	})
}

// listSeparatorRegexp is what nextListSeparator scans for.
var listSeparatorRegexp = regexp.MustCompile(`\s*(?:/|\+|,|;|&|\band\b|\bor\b|\s·\s|\s\|\s|\s[-–—]\s)\s*`)

// listSeparators returns every separator nextListSeparator finds in s.
func listSeparators(s string) [][]int {
	var out [][]int
	for at := 0; at < len(s); {
		start, end, ok := nextListSeparator(s, at)
		if !ok {
			break
		}
		out = append(out, []int{start, end})
		at = end
	}
	return out
}

func TestListSeparatorsAsRegexp(t *testing.T) {
	tests := []string{
		"", "serverless / IoT", "a,b;c&d+e", "data and ML or AI", "Rand Paul, Oregon", "andor and",
		"x · y", "x ·y", "x | y", "x|y", "a - b", "a -b", "a–b", "a – b", "a —\tb", "a  ,  b", " and ",
		"é and ü", "x\xffand\xfe y", "serverless  ", "a \n- b", "a -\n", "-",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			if got, want := listSeparators(s), listSeparatorRegexp.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
				t.Errorf("separators of %q = %v, regexp finds %v", s, got, want)
			}
		})
	}
}

func FuzzListSeparators(f *testing.F) {
	for _, s := range []string{"serverless / IoT and data", "a · b | c – d", "x  ,  y", "Rand or Andy"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := listSeparators(s), listSeparatorRegexp.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("separators of %q = %v, regexp finds %v", s, got, want)
		}
		if !mayHaveListSeparator(s) && len(listSeparators(s)) > 0 {
			t.Errorf("mayHaveListSeparator(%q) is false but it has separators", s)
		}
	})
}
