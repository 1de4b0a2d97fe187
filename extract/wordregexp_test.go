package extract

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

func TestWordRegexp(t *testing.T) {
	tests := []struct {
		name string
		re   wordRegexp
		in   string
		want [][]int
	}{
		{"none", roleBefore, "No job here.", nil},
		{"at start", roleBefore, "Engineer at Acme", [][]int{{0, 12}}},
		{"mid word is no match", roleBefore, "reengineer at Acme", nil},
		{"after punctuation", roleBefore, "(CTO of Acme)", [][]int{{1, 8}}},
		{"two", roleBefore, "Lead at A, then Head of B", [][]int{{0, 8}, {16, 24}}},
		{"plural", roleBefore, "Founders at Acme", [][]int{{0, 12}}},
		{"folded long s after a letter", roleBefore, "aſcientist at Acme", [][]int{{1, 15}}},
		{"after a non-ASCII letter", roleBefore, "é lead at Acme", [][]int{{3, 11}}},
		{"work verb", workBefore, "She works as a Senior Engineer at Acme", [][]int{{4, 34}}},
		{"adjacent matches", workBefore, "joined joined at X", [][]int{{0, 7}, {7, 17}}},
		{"longest work phrase", workBefore, "I work as a senior staff cloud engineer at Acme", [][]int{{2, 43}}},
		{"work phrase one word too long", workBefore, "I work as a b c d e f at Acme", [][]int{{2, 7}}},
		{"spaces of every kind", roleBefore, "lead\t\n of\r\f X", [][]int{{0, 12}}},
		{"role before another word", roleBefore, "An engineer who works at Acme", nil},
		{"preposition ends the text", roleBefore, "Engineer at", nil},
		{"preposition not ASCII", roleBefore, "Lead ät Acme", nil},
		{"long line", roleBefore, strings.Repeat("word ", 100) + "Head of Cloud " + strings.Repeat("word ", 100), [][]int{{500, 508}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.re.FindAllStringIndex(tc.in)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("FindAllStringIndex(%q) = %v, want %v", tc.in, got, tc.want)
			}
			if plain := tc.re.re.FindAllStringIndex(tc.in, -1); !reflect.DeepEqual(got, plain) {
				t.Errorf("FindAllStringIndex(%q) = %v, regexp finds %v", tc.in, got, plain)
			}
		})
	}
}

// FuzzWordRegexp checks that trying a pattern only where words start finds
// what the regexp package finds, on any text.
func FuzzWordRegexp(f *testing.F) {
	for _, s := range []string{
		"Jane is a Developer Advocate at Acme and co-founder of Initech.",
		"She works as a Principal Engineer in the Cloud team at Acme",
		"aſcientist at X", "x\xffengineer at y", "\x80lead of z", "joined@Acme",
		"worked as the a b c d with X", "co-founders\t@\n\nAcme",
		" writes about engineering leadership", " is the best person I know on tracing",
		" taught me most of what I know about queues", " for anything to do with Go-to",
		"who leads reliability at Adyen", "works on Azure Database for MySQL at Microsoft", "now at Paystack, currently\twith X",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, re := range []wordRegexp{roleBefore, workBefore, verbCue, leadsAt, nowAt} {
			got, want := re.FindAllStringIndex(s), re.re.FindAllStringIndex(s, -1)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s on %q: got %v, regexp finds %v", re.re, s, got, want)
			}
		}
	})
}

// TestWordRegexpLeads checks that the lead words skip no match: every
// word the patterns spell out, plural or not, is tried in a sentence and
// must be matched where the plain regexp matches it.
func TestWordRegexpLeads(t *testing.T) {
	spelled := regexp.MustCompile(`[a-z]+(?:-\?[a-z]+)?\??`)
	for _, re := range []wordRegexp{roleBefore, workBefore} {
		var words []string
		for _, w := range spelled.FindAllString(re.re.String(), -1) {
			if whole, ok := strings.CutSuffix(w, "?"); ok { // "works?"
				w = whole
				if len(w) > 1 {
					words = append(words, w[:len(w)-1])
				}
			}
			words = append(words, strings.ReplaceAll(w, "-?", ""), strings.ReplaceAll(w, "-?", "-"))
		}
		if len(words) < 10 {
			t.Fatalf("%s: only %d words spelled out", re.re, len(words))
		}
		for _, w := range words {
			for _, form := range []string{w, w + "s", strings.ToUpper(w[:1]) + w[1:]} {
				for _, in := range []string{form + " at Acme", "x " + form + " as a CTO at Acme", "x " + form + "\tof\nAcme"} {
					got, want := re.FindAllStringIndex(in), re.re.FindAllStringIndex(in, -1)
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s on %q: got %v, regexp finds %v", re.re, in, got, want)
					}
				}
			}
		}
	}
}
