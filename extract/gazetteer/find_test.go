package gazetteer

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// span is a match reduced to what the tests compare.
type span struct {
	Text string
	ID   string
}

func spans(ms []Match) []span {
	out := make([]span, len(ms))
	for i, m := range ms {
		out[i] = span{m.Text, m.Entry.ID()}
	}
	return out
}

func TestFind(t *testing.T) {
	g := loadDefault(t)
	tests := []struct {
		name string
		text string
		want []span
	}{
		{"longest wins", "Serverless is NOT just AWS Lambda.", []span{{"Serverless", "topic/serverless"}, {"AWS Lambda", "service/lambda"}}},
		{"long alias beats org prefix", "We are big fans of GCP BigQuery", []span{{"GCP BigQuery", "service/bigquery"}}},
		{"hyphen is a boundary", "AWS-based data lake", []span{{"AWS", "organization/aws"}, {"data lake", "topic/data-lake"}}},
		{"not inside a markdown link target", "[wrote about it](https://medium.com/@x/machine-learning-on-aws-kubernetes) on Kubernetes", []span{{"Kubernetes", "service/kubernetes"}}},
		{"not inside a bare address", "see www.aws.amazon.com/lambda, or AWS Lambda.", []span{{"AWS Lambda", "service/lambda"}}},
		{"address closed by punctuation", "(https://example.com/gcp). GCP", []span{{"GCP", "organization/gcp"}}},
		{"comma after", "with S3, which", []span{{"S3", "service/s3"}}},
		{"parentheses", "(BigQuery)", []span{{"BigQuery", "service/bigquery"}}},
		{"slash", "Azure/Security", []span{{"Azure", "organization/azure"}, {"Security", "topic/security"}}},
		{"no match inside a word", "S3cret Sparkle xAWS AWSome", nil},
		{"no match after underscore", "my_S3 bucket", nil},
		{"digits are word characters", "2S3 S32", nil},
		{"followed by a word", "IAM roles", []span{{"IAM", "service/iam"}}},
		{"exact as written", "Kubernetes on Spark", []span{{"Kubernetes", "service/kubernetes"}, {"Spark", "service/spark"}}},
		{"exact in lower case", "a lambda function and a spark of joy", nil},
		{"exact in capitals", "LAMBDA and SPARK", nil},
		{"case-insensitive by default", "KUBERNETES and bigquery", []span{{"KUBERNETES", "service/kubernetes"}, {"bigquery", "service/bigquery"}}},
		{"line break inside a name", "Google App\n  Engine", []span{{"Google App\n  Engine", "service/app-engine"}}},
		{"possessive", "GCP's tools", []span{{"GCP", "organization/gcp"}}},
		{"punctuation in the name", "CI/CD pipelines are hard", []span{{"CI/CD pipelines", "topic/ci-cd"}}},
		{"dot in the name", "Honeycomb.io rocks", []span{{"Honeycomb.io", "organization/honeycomb"}}},
		{"dot after a name", "Honeycomb. Next", []span{{"Honeycomb", "organization/honeycomb"}}},
		{"unicode around", "«BigQuery» — Kubernetes… naïve S3é", []span{{"BigQuery", "service/bigquery"}, {"Kubernetes", "service/kubernetes"}}},
		{"unicode letter is a boundary breaker", "éS3", nil},
		{"markdown emphasis", "**Felipe Hoffa (Google)** - BigQuery / Serverless SQL", []span{{"Google", "organization/google"}, {"BigQuery", "service/bigquery"}, {"Serverless SQL", "topic/serverless-sql"}}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := g.Find(tt.text)
			got := spans(ms)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Find(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
			for _, m := range ms {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("match %q at [%d,%d) but text there is %q", m.Text, m.Start, m.End, tt.text[m.Start:m.End])
				}
			}
		})
	}
}

func TestAppendFind(t *testing.T) {
	g := loadDefault(t)
	tests := []struct {
		name  string
		dst   []string // texts whose matches dst holds already
		text  string
		wantN int // matches appended
	}{
		{"into nothing", nil, "AWS Lambda on GCP", 2},
		{"after earlier matches", []string{"BigQuery and S3"}, "AWS Lambda on GCP", 2},
		{"after a longer line, fewer matches", []string{"S3, IAM, GCP, Azure and BigQuery"}, "on GCP", 1},
		{"nothing found keeps dst", []string{"BigQuery"}, "plain words", 0},
		{"empty text", []string{"BigQuery"}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dst []Match
			for _, s := range tt.dst {
				dst = g.AppendFind(dst, s)
			}
			before := fmt.Sprint(spans(dst))
			got := g.AppendFind(dst, tt.text)
			if fmt.Sprint(spans(got[:len(dst)])) != before {
				t.Errorf("AppendFind changed dst: %v, was %v", spans(got[:len(dst)]), before)
			}
			appended := got[len(dst):]
			if want := g.Find(tt.text); fmt.Sprint(spans(appended)) != fmt.Sprint(spans(want)) || len(appended) != tt.wantN {
				t.Errorf("AppendFind appended %v, want Find's %v (%d matches)", spans(appended), spans(want), tt.wantN)
			}
			if rest := got[len(got):cap(got)]; len(rest) > 0 {
				for i, m := range rest {
					if m != (Match{}) {
						t.Errorf("spare capacity at %d holds %v; dropped matches must be cleared", len(got)+i, m)
					}
				}
			}
		})
	}
}

// checkFindPrefix compares FindPrefix with the first match of Find.
func checkFindPrefix(t *testing.T, g *Gazetteer, text string) {
	t.Helper()
	got, ok := g.FindPrefix(text)
	var want Match
	wantOK := false
	if ms := g.Find(text); len(ms) > 0 && ms[0].Start == 0 {
		want, wantOK = ms[0], true
	}
	if ok != wantOK || got != want {
		t.Errorf("FindPrefix(%q) = %v, %v; Find's first match at 0 is %v, %v", text, got, ok, want, wantOK)
	}
}

func TestFindPrefix(t *testing.T) {
	g := loadDefault(t)
	long := "Amazon Web Services " + strings.Repeat("and more words ", 20)
	tests := []struct {
		name, text string
		want       string // the match's text, "" for none
	}{
		{"longest at the start", "AWS Lambda functions", "AWS Lambda"},
		{"past the longest name", long, "Amazon Web Services"},
		{"not at the start", "the AWS Lambda", ""},
		{"inside a word", "AWSome tools", ""},
		{"in an address", "aws.amazon.com/s3://x", ""},
		{"exact as written", "Spark jobs", "Spark"},
		{"exact in lower case", "spark jobs", ""},
		{"after multibyte lowering", "İİ AWS", ""},
		{"white space inside", "Google  App\tEngine today", "Google  App\tEngine"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := g.FindPrefix(tt.text)
			if ok != (tt.want != "") || m.Text != tt.want {
				t.Errorf("FindPrefix(%q) = %q, %v; want %q", tt.text, m.Text, ok, tt.want)
			}
			checkFindPrefix(t, g, tt.text)
		})
	}
}

func FuzzFindPrefix(f *testing.F) {
	g := loadDefault(f)
	for _, s := range []string{"AWS Lambda and S3", "İstanbul ÀWS", "Google  App Engine", "www.aws.com AWS", "spark"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) { checkFindPrefix(t, g, text) })
}

// checkMayOverlap checks that when MayOverlap reports false, no match of
// Find overlaps the run.
func checkMayOverlap(t *testing.T, g *Gazetteer, text string, start, end int) {
	t.Helper()
	if g.MayOverlap(text, start, end) {
		return
	}
	for _, m := range g.Find(text) {
		if m.Start < end && m.End > start {
			t.Errorf("MayOverlap(%q, %d, %d) = false, but Find finds %q at [%d,%d)", text, start, end, m.Text, m.Start, m.End)
		}
	}
}

func TestMayOverlap(t *testing.T) {
	g := loadDefault(t)
	tests := []struct {
		name, text, run string // run is the first occurrence of it in text
		want            bool
	}{
		{"slash between spaces", "Python / App Engine", "/", false},
		{"slash inside a name", "CI/CD pipelines", "/", true},
		{"semicolon", "Go; Rust", ";", false},
		{"comma, which a name holds", "Go, Rust", ",", true},
		{"and inside a name", "Identity and Access Management", "and", true},
		{"plus inside a name", "C++ and Rust", "+", true},
		{"not ASCII around", "Zoë / Ünal", "/", false},
		{"not ASCII next to it", "Zoë/Ünal", "/", true},
		{"longer than a short name", "x and y", " and ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := strings.Index(tt.text, tt.run)
			if got := g.MayOverlap(tt.text, start, start+len(tt.run)); got != tt.want {
				t.Errorf("MayOverlap(%q, %q) = %v, want %v", tt.text, tt.run, got, tt.want)
			}
			checkMayOverlap(t, g, tt.text, start, start+len(tt.run))
		})
	}
}

func FuzzMayOverlap(f *testing.F) {
	g := loadDefault(f)
	for _, s := range []string{"Python / App Engine", "CI/CD and C++", "AWS Lambda, S3 & IAM", "Google  App Engine"} {
		f.Add(s, 3, 5)
	}
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if start < 0 || end > len(text) || start >= end {
			return
		}
		checkMayOverlap(t, g, text, start, end)
	})
}

func TestFindOffsetsAfterMultibyteLowering(t *testing.T) {
	// "İ" is two bytes and lowers to the one-byte "i": offsets must still
	// point into the original text.
	g, err := New(mustParse(t, "t.yaml", "entries: [{name: Istanbul Cloud, kind: organization}]"))
	if err != nil {
		t.Fatal(err)
	}
	text := "İİ see İstanbul   Cloud!"
	ms := g.Find(text)
	if len(ms) != 1 {
		t.Fatalf("Find(%q) = %v, want one match", text, ms)
	}
	if want := "İstanbul   Cloud"; ms[0].Text != want || text[ms[0].Start:ms[0].End] != want {
		t.Errorf("match = %q at [%d,%d), want %q", ms[0].Text, ms[0].Start, ms[0].End, want)
	}
}

// TestFindSeedInterview pins every name found in the seed interview; run
// with -update after changing the data and review the diff.
func TestFindSeedInterview(t *testing.T) {
	g := loadDefault(t)
	text, err := os.ReadFile(filepath.Join("testdata", "lynn-langit.md"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range g.Find(string(text)) {
		line := 1 + strings.Count(string(text[:m.Start]), "\n")
		fmt.Fprintf(&b, "%d\t%s\t%s\n", line, m.Text, m.Entry.ID())
	}
	golden := filepath.Join("testdata", "lynn-langit.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if b.String() != string(want) {
		t.Errorf("matches in the seed interview differ from %s (run go test -update and review the diff)\ngot:\n%s", golden, b.String())
	}
}

func FuzzFind(f *testing.F) {
	g := loadDefault(f)
	for _, s := range []string{"AWS Lambda and S3", "İstanbul ÀWS", "CI/CD\n\tpipelines", "\xffS3\xff", "Google  App Engine"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		end := 0
		for _, m := range g.Find(text) {
			if m.Start < end || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("match [%d,%d) overlaps or leaves the text (previous end %d, len %d)", m.Start, m.End, end, len(text))
			}
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("match text %q differs from text[%d:%d] = %q", m.Text, m.Start, m.End, text[m.Start:m.End])
			}
			if utf8.ValidString(text) && (!utf8.ValidString(m.Text) || !utf8.RuneStart(text[m.Start])) {
				t.Fatalf("match %q splits a rune", m.Text)
			}
			if e, ok := g.Lookup(m.Text); !ok || e != m.Entry {
				t.Fatalf("Find matched %q as %s but Lookup gives %v, %v", m.Text, m.Entry.ID(), e, ok)
			}
			end = m.End
		}
	})
}

func BenchmarkFind(b *testing.B) {
	g := loadDefault(b)
	seed, err := os.ReadFile(filepath.Join("testdata", "lynn-langit.md"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(seed)
	for len(text) < 10<<10 {
		text += string(seed)
	}
	text = text[:10<<10]
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		g.Find(text)
	}
}

func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFindLines finds names line by line, as the extractor does.
func BenchmarkFindLines(b *testing.B) {
	g := loadDefault(b)
	seed, err := os.ReadFile(filepath.Join("testdata", "lynn-langit.md"))
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(string(seed), "\n")
	b.SetBytes(int64(len(seed)))
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			g.Find(l)
		}
	}
}

// TestExactCaseForms finds each form an exact entry lists, forms that
// differ only in case included, and no other capitalisation.
func TestExactCaseForms(t *testing.T) {
	g, err := New([]Entry{{Name: "Lambda", Kind: "service", Exact: true, Aliases: []string{"Lambdas", "lambdas"}}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want int
	}{
		{"We run Lambda", 1},
		{"two hundred lambdas", 1},
		{"two hundred Lambdas", 1},
		{"a lambda in Java", 0},
		{"LAMBDAS everywhere", 0},
	}
	for _, tt := range tests {
		if got := len(g.Find(tt.text)); got != tt.want {
			t.Errorf("Find(%q) found %d names, want %d", tt.text, got, tt.want)
		}
	}
}

// TestExactCaseFormsRoundTrip builds a gazetteer again from the entries
// of one, as a user's layer is built over the defaults, and keeps the case
// forms; they are matched without being shown among the aliases.
func TestExactCaseFormsRoundTrip(t *testing.T) {
	g, err := New([]Entry{{Name: "Lambda", Kind: "service", Exact: true, Aliases: []string{"Lambdas", "lambdas"}}})
	if err != nil {
		t.Fatal(err)
	}
	e, ok := g.Lookup("Lambda")
	if !ok || strings.Join(e.Aliases, "|") != "Lambdas" {
		t.Fatalf("aliases shown = %v, want only Lambdas", e)
	}
	again, err := New(g.Entries())
	if err != nil {
		t.Fatal(err)
	}
	if got := len(again.Find("two hundred lambdas")); got != 1 {
		t.Errorf("after a round trip, Find found %d names in lower case, want 1", got)
	}
}
