package extract

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/peoplegraph/peoplegraph/graph"
	"github.com/yuin/goldmark/parser"
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
		})
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
	return slices.DeleteFunc(toks, func(t token) bool { return t.End == t.Start })
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

// checkTopics checks that topics splits text as splitList does with
// every name the gazetteer finds in it protected.
func checkTopics(t *testing.T, x *Extractor, text string) {
	t.Helper()
	var protected [][2]int
	for _, m := range x.gaz.Find(text) {
		protected = append(protected, [2]int{m.Start, m.End})
	}
	st := &interviewState{}
	if got, want := x.topics(st, text), splitList(text, protected); !slices.Equal(got, want) {
		t.Errorf("topics(%q) = %q, want %q", text, got, want)
	}
}

func TestTopics(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		text string
		want []string
	}{
		{"Python / App Engine", []string{"Python", "App Engine"}},
		{"Test-Driven Development / Chrome OS", []string{"Test-Driven Development", "Chrome OS"}},
		{"serverless / IoT; ML", []string{"serverless", "IoT", "ML"}},
		{"CI/CD and data", []string{"CI/CD", "data"}},
		{"AWS Identity and Access Management", []string{"AWS Identity and Access Management"}},
		{"no separators here", []string{"no separators here"}},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			if got := x.topics(&interviewState{}, tc.text); !slices.Equal(got, tc.want) {
				t.Errorf("topics(%q) = %q, want %q", tc.text, got, tc.want)
			}
			checkTopics(t, x, tc.text)
		})
	}
}

func FuzzTopics(f *testing.F) {
	for _, s := range []string{"Python / App Engine", "CI/CD and data", "AWS Identity and Access Management, S3", "a · b | c – d"} {
		f.Add(s)
	}
	x := newTestExtractor(f)
	f.Fuzz(func(t *testing.T, s string) { checkTopics(t, x, s) })
}

// regexpGuards pairs each regexp with the cheap test that must hold
// wherever it matches.
var regexpGuards = []struct {
	name string
	may  func(string) bool
	re   *regexp.Regexp
}{
	{"leadingNumber", mayLeadNumber, leadingNumber},
	{"leadingParen", func(s string) bool { return opensWith(s, "(") }, leadingParen},
	{"leadingAffiliation", func(s string) bool { return opensWith(s, ",", "from", "at", "@", "of") }, leadingAffiliation},
	{"affiliationWord", mayHaveAffiliationWord, affiliationWord},
	{"handleOrURL", func(s string) bool { return opensWith(s, "@", "http", "www.") }, handleOrURL},
	{"topicLeadIn", mayOpenTopicLeadIn, topicLeadIn},
	{"atAfterTitle", func(s string) bool { return s != "" && isSpaceByte(s[0]) }, atAfterTitle},
	{"conjunctBefore", endsWithConjunction, conjunctBefore},
}

func TestRegexpGuards(t *testing.T) {
	tests := []string{
		"", "1. Jane Doe", " 12) Jane", "- Jane", "* Jane", "• Jane", "· Jane", "(Acme) - x", "  (Acme)",
		", Acme - IoT", "from Acme: x", "at Acme", "@Acme", "of Acme", "Jane Doe at Acme", "Jane from Acme", "Jane\tat\fAcme", "Kate Oates @ Acme",
		"@jdoe", "https://x.y/z", "www.x.io", "writes about serverless", "Talks on IoT", "the cloud",
		"Knows about x", "expert in x", "all things data", "who writes about x", "She covers x", "covers x", "they speaks on x", "blogs on x", "posts about x", "for x", "on x", "everything data", "\u212anows about x", " at Acme", "\t@ Acme", "Vision or ", "plain words",
	}
	for _, s := range tests {
		for _, g := range regexpGuards {
			if !g.may(s) && g.re.MatchString(s) {
				t.Errorf("%s: the guard skips %q, which the regexp matches", g.name, s)
			}
		}
	}
}

func FuzzRegexpGuards(f *testing.F) {
	for _, s := range []string{"1. Jane", "(Acme)", "from Acme", "Jane at Acme", "@x", "writes about x", " at x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, g := range regexpGuards {
			if !g.may(s) && g.re.MatchString(s) {
				t.Errorf("%s: the guard skips %q, which the regexp matches", g.name, s)
			}
		}
	})
}

// checkHasLower compares hasLower on a map and on a wordSet of words
// with the map's lookup of strings.ToLower(w).
func checkHasLower(t *testing.T, words string, w string) {
	t.Helper()
	set := map[string]bool{}
	for _, x := range strings.Fields(words) {
		set[x] = true
	}
	want := set[strings.ToLower(w)]
	if got := hasLower(set, w); got != want {
		t.Errorf("hasLower(%q) = %v, want %v", w, got, want)
	}
	if got := newWordSet(words).hasLower(w); got != want {
		t.Errorf("wordSet(%q).hasLower(%q) = %v, want %v", words, w, got, want)
	}
	if got, want := newWordSet(words).has(w), set[w]; got != want {
		t.Errorf("wordSet(%q).has(%q) = %v, want %v", words, w, got, want)
	}
}

func TestHasLower(t *testing.T) {
	for _, w := range []string{"", "Jane", "JANE", "jane", "Jan", "janes", "The", "ÜNAL", "Ünal", "j\xffne", strings.Repeat("A", 40), "İ", "\u212a", "a"} {
		t.Run(w, func(t *testing.T) {
			checkHasLower(t, "jane the ünal jab k", w)
			checkHasLower(t, "", w)
		})
	}
}

func FuzzHasLower(f *testing.F) {
	for _, s := range []string{"Jane", "THE", "Ünal", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		words := "jane the ünal may"
		if len(w)%2 == 0 {
			words += " " + strings.ToLower(w) // the word itself, sometimes
		}
		checkHasLower(t, words, w)
	})
}

// checkSentenceIndex compares the indexed sentences of s at every offset
// with sentenceAt's scans.
func checkSentenceIndex(t *testing.T, s string) {
	t.Helper()
	var x sentenceIndex
	x.reset("an earlier text. Its ends must not stay! Really?")
	x.sentenceAt(3)
	x.reset(s)
	for at := -1; at <= len(s)+1; at++ {
		if got, want := x.sentenceAt(at), sentenceAt(s, at); got != want {
			t.Fatalf("sentenceIndex(%q).sentenceAt(%d) = %q, sentenceAt gives %q", s, at, got, want)
		}
	}
}

func TestSentenceIndex(t *testing.T) {
	long := strings.Repeat("word ", 90)
	tests := map[string]string{
		"empty":                  "",
		"one sentence":           "Jane Doe works at Acme",
		"three":                  "First one. Second one! Third one? Done",
		"initials":               "J. R. R. Tolkien wrote e.g. this. And that.",
		"stop at the end":        "Ends here.",
		"longer than the window": long + "Mid. " + long + "End. " + long,
		"no space after":         "a.b!c?d. e",
		"non-ASCII":              "Zoë said “hi.” Then… she left. Ünïcödé.",
	}
	for name, s := range tests {
		t.Run(name, func(t *testing.T) { checkSentenceIndex(t, s) })
	}
}

func FuzzSentenceIndex(f *testing.F) {
	f.Add("First one. Second one! Third one? Done")
	f.Add("J. R. R. Tolkien wrote e.g. this. And that.")
	f.Add(strings.Repeat("word. ", 150))
	f.Fuzz(checkSentenceIndex)
}

// checkConjunctBefore compares the anchored search with the regexp's.
func checkConjunctBefore(t *testing.T, s string) {
	t.Helper()
	if got, want := findConjunctBefore(s), conjunctBefore.FindStringSubmatchIndex(s); !slices.Equal(got, want) {
		t.Errorf("findConjunctBefore(%q) = %v, the regexp gives %v", s, got, want)
	}
}

func TestFindConjunctBefore(t *testing.T) {
	for _, s := range []string{
		"", "Vision or ", "GCP serverless Vision or ", "Cloud Vision, ", "A & ", "x Y.Z-q / ",
		"Amazon Web and ", "Vision orange", "lower and ", "Vision\tand\n", "İstanbul and ", "AWS and Azure or ",
		"AWS Ground Station and ", "Cloud Vision , ", "A B C D or ",
	} {
		t.Run(s, func(t *testing.T) { checkConjunctBefore(t, s) })
	}
}

func FuzzFindConjunctBefore(f *testing.F) {
	for _, s := range []string{"Vision or ", "GCP serverless Vision or ", "A & ", "Cloud Vision, "} {
		f.Add(s)
	}
	f.Fuzz(checkConjunctBefore)
}

// checkPlainLine compares inlineLine's shortcut for plain text with the
// markdown parser's reading of the same text.
func checkPlainLine(t *testing.T, md parser.Parser, s string) {
	t.Helper()
	if !plainLine(s) {
		return
	}
	if got := markdownLine(md, s, 7); !reflect.DeepEqual(got, Line{No: 7, Text: s}) {
		t.Errorf("plainLine(%q) but the markdown parser reads it as %+v", s, got)
	}
}

func TestPlainLine(t *testing.T) {
	md := newMarkdownParser()
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"sentence", "Aaron Kaling is a platform engineer who works on Apache Ignite.", true},
		{"punctuation that opens nothing", "Jane (Acme) - SRE: serverless, IoT; 100% \"cloud\" @jane/x.", true},
		{"non-ASCII", "Zoë works at Société Générale", true},
		{"emphasis", "Jane is *the* expert", false},
		{"underscore", "works on snake_case", false},
		{"link", "Jane [Doe](https://x)", false},
		{"code", "uses `kubectl`", false},
		{"autolink or html", "see <https://x>", false},
		{"entity", "Jane &amp; John", false},
		{"escape", "Jane \\*Doe", false},
		{"strikethrough", "Jane ~~Doe~~", false},
		{"table cell", "a | b", false},
		{"list", "- Jane", false},
		{"ordered list", "1. Jane", false},
		{"heading", "# Jane", false},
		{"quote", "> Jane", false},
		{"two lines", "Jane\nDoe", false},
		{"tab", "Jane\tDoe", false},
		{"trailing space", "Jane ", false},
		{"empty", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := plainLine(tc.in); got != tc.want {
				t.Errorf("plainLine(%q) = %v, want %v", tc.in, got, tc.want)
			}
			checkPlainLine(t, md, tc.in)
		})
	}
}

func FuzzPlainLine(f *testing.F) {
	for _, s := range []string{"Aaron Kaling is a platform engineer.", "Jane (Acme) - SRE", "Zoë at Société", "a  b   c"} {
		f.Add(s)
	}
	md := newMarkdownParser()
	f.Fuzz(func(t *testing.T, s string) { checkPlainLine(t, md, s) })
}

// TestWordSetLengths checks the bounds under which name words are looked
// up: no word of a set is longer.
func TestWordSetLengths(t *testing.T) {
	tests := []struct {
		name string
		set  *wordSet
		max  int
	}{
		{"nameParticles", nameParticles, maxParticle},
		{"nonSurnames", nonSurnames, maxNonSurname},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if longest := len(tc.set.byLen) - 1; longest > tc.max {
				t.Errorf("%q is longer than %d bytes", tc.set.byLen[longest], tc.max)
			}
		})
	}
}

// trailingParenRegexp is what cutTrailingParen cuts by.
var trailingParenRegexp = regexp.MustCompile(`^(.*?)\s*\(([^()]*)\)\s*$`)

func checkTrailingParen(t *testing.T, s string) {
	t.Helper()
	before, inside, ok := cutTrailingParen(s)
	m := trailingParenRegexp.FindStringSubmatch(s)
	if ok != (m != nil) || ok && (before != m[1] || inside != m[2]) {
		t.Errorf("cutTrailingParen(%q) = %q, %q, %v; the regexp matches %q", s, before, inside, ok, m)
	}
}

func TestCutTrailingParen(t *testing.T) {
	tests := []string{
		"Jane Doe (Acme)", "Jane Doe(Acme) \t", "Jane (x) Doe (Acme/Initech)", "Jane Doe", "Jane (Acme", "Jane Acme)",
		"(Acme)", "Jane ((Acme))", "Jane (A) (B)", "Jane (A)) ", "Jane\nDoe (Acme)", "Jane \n(Acme)", "Jane (Ac\nme)",
		"Jane (\xff)", "\xffJane ()", "",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) { checkTrailingParen(t, s) })
	}
}

func FuzzCutTrailingParen(f *testing.F) {
	for _, s := range []string{"Jane Doe (Acme)", "a (b) (c)\n", "x\n(y)"} {
		f.Add(s)
	}
	f.Fuzz(checkTrailingParen)
}

// pronounOrFormerByLower is pronounOrFormer on strings.ToLower.
func pronounOrFormerByLower(part string) bool {
	low := strings.ToLower(part)
	return low == "he" || low == "she" || low == "they" || low == "him" || low == "her" || low == "them" ||
		strings.HasPrefix(low, "formerly") || strings.HasPrefix(low, "ex ") || strings.HasPrefix(low, "ex-")
}

func TestPronounOrFormer(t *testing.T) {
	tests := []string{
		"He", "SHE", "them", "Them!", "The", "Formerly Acme", "formerl", "Ex-Google", "EX Acme", "Exa", "ex",
		"\u017fhe", "h\u0130m", "Form\u212aerly", "\u212a", "", "Hé",
	}
	for _, s := range tests {
		t.Run(s, func(t *testing.T) {
			if got, want := pronounOrFormer(s), pronounOrFormerByLower(s); got != want {
				t.Errorf("pronounOrFormer(%q) = %v, strings.ToLower says %v", s, got, want)
			}
		})
	}
}

func FuzzPronounOrFormer(f *testing.F) {
	for _, s := range []string{"She", "Formerly X", "ex-y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := pronounOrFormer(s), pronounOrFormerByLower(s); got != want {
			t.Errorf("pronounOrFormer(%q) = %v, strings.ToLower says %v", s, got, want)
		}
	})
}

func TestFoldsEmpty(t *testing.T) {
	for _, s := range []string{"", " ", "--", "a", " -9", "…", "Zoë", "①", "\xff", "é-", "A.B"} {
		t.Run(s, func(t *testing.T) {
			if got, want := foldsEmpty(s), graph.Fold(s) == ""; got != want {
				t.Errorf("foldsEmpty(%q) = %v, want %v", s, got, want)
			}
		})
	}
}

func FuzzFoldsEmpty(f *testing.F) {
	f.Add("--")
	f.Add("a b")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := foldsEmpty(s), graph.Fold(s) == ""; got != want {
			t.Errorf("foldsEmpty(%q) = %v, want %v", s, got, want)
		}
	})
}

func FuzzToValidUTF8(f *testing.F) {
	for _, s := range []string{"plain", "Zoë", "\xc3", "a\xffb", "é"[1:]} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := toValidUTF8(s), strings.ToValidUTF8(s, ""); got != want {
			t.Errorf("toValidUTF8(%q) = %q, want %q", s, got, want)
		}
	})
}
