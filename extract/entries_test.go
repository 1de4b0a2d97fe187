package extract

import (
	"reflect"
	"testing"

	"github.com/peoplegraph/peoplegraph/graph"
)

// line builds a Line from markdown-free text and the spans of the words
// given in marks (strong unless the mark starts with "[").
func parseLine(t *testing.T, md string) Line {
	t.Helper()
	doc, err := Parse([]byte(md))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range doc.Sections {
		for _, b := range s.Blocks {
			return b.Lines[0]
		}
	}
	t.Fatalf("no line in %q", md)
	return Line{}
}

func TestParseEntry(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want entry
		ok   bool
	}{
		{"bold name with org", "**Adrian Cockcroft (AWS)** - strategy", entry{Raw: "Adrian Cockcroft (AWS)", Head: "Adrian Cockcroft", Orgs: []string{"AWS"}, Topics: "strategy"}, true},
		{"two orgs", "**Rachel Tatman (Kaggle/Google)** - Machine learning", entry{Raw: "Rachel Tatman (Kaggle/Google)", Head: "Rachel Tatman", Orgs: []string{"Kaggle", "Google"}, Topics: "Machine learning"}, true},
		{"bold name alone", "**Sam Newman** - architecture patterns", entry{Raw: "Sam Newman", Head: "Sam Newman", Topics: "architecture patterns"}, true},
		{"comma org colon", "- Lena Fischer, Honeycomb: observability, DevOps", entry{Raw: "Lena Fischer, Honeycomb", Head: "Lena Fischer", Orgs: []string{"Honeycomb"}, Topics: "observability, DevOps"}, true},
		{"en dash", "- Maren Holt – DevOps and observability", entry{Raw: "Maren Holt", Head: "Maren Holt", Topics: "DevOps and observability"}, true},
		{"numbered link", "1. [Marcus Oyelaran](https://example.com/m) – Kubernetes", entry{Raw: "Marcus Oyelaran", Head: "Marcus Oyelaran", URL: "https://example.com/m", Topics: "Kubernetes"}, true},
		{"emphasis alone", "- *Rafael Quintero*", entry{Raw: "Rafael Quintero", Head: "Rafael Quintero", Titled: true}, true},
		{"org after bold", "- **Chioma Eze** (Tidewater Systems) - observability", entry{Raw: "Chioma Eze", Head: "Chioma Eze", Orgs: []string{"Tidewater Systems"}, Topics: "observability"}, true},
		{"handle dropped", "- **Felix Nakamura** (@felixn) — serverless", entry{Raw: "Felix Nakamura", Head: "Felix Nakamura", Topics: "serverless"}, true},
		{"at org", "- Ann Lee at Acme - IoT", entry{Raw: "Ann Lee at Acme", Head: "Ann Lee", Orgs: []string{"Acme"}, Topics: "IoT"}, true},
		{"from org after bold", "- **Jane Doe** from Acme Corp - serverless", entry{Raw: "Jane Doe", Head: "Jane Doe", Orgs: []string{"Acme Corp"}, Topics: "serverless"}, true},
		{"comma org after bold", "- **Jane Doe**, Initech: IoT", entry{Raw: "Jane Doe", Head: "Jane Doe", Orgs: []string{"Initech"}, Topics: "IoT"}, true},
		{"comma phrase after bold", "- **Jane Doe**, she writes about IoT", entry{Raw: "Jane Doe", Head: "Jane Doe", Topics: "she writes about IoT"}, true},
		{"at org, then a subject", "1. Grace Achterberg at Netlify, on edge functions", entry{Raw: "Grace Achterberg at Netlify, on edge functions", Head: "Grace Achterberg", Orgs: []string{"Netlify"}, Topics: "on edge functions"}, true},
		{"comma, who writes about", "- Tomás Ibarra, who writes about Rust", entry{Raw: "Tomás Ibarra, who writes about Rust", Head: "Tomás Ibarra", Topics: "who writes about Rust"}, true},
		{"org in parentheses, then a comma", "- Siobhán Achterberg (Tallowmere), who taught me Terraform", entry{Raw: "Siobhán Achterberg (Tallowmere), who taught me Terraform", Head: "Siobhán Achterberg", Orgs: []string{"Tallowmere"}, Topics: "who taught me Terraform"}, true},
		{"a work by its author", "- *Designing Data-Intensive Applications* by Martin Kleppmann", entry{Raw: "Martin Kleppmann", Head: "Martin Kleppmann"}, true},
		{"a work by its author, then topics", "- *Accelerate* by Nicole Forsgren - DevOps research", entry{Raw: "Nicole Forsgren", Head: "Nicole Forsgren", Topics: "DevOps research"}, true},
		{"job title then employer", "- Jaana Dogan, Principal Engineer at AWS — tracing", entry{Raw: "Jaana Dogan, Principal Engineer at AWS", Head: "Jaana Dogan", Orgs: []string{"AWS"}, Topics: "tracing"}, true},
		{"a work by several authors is prose's", "- *The Phoenix Project* by Gene Kim, Kevin Behr and George Spafford", entry{}, false},
		{"a work by two authors joined by a comma and 'and'", "- *Accelerate* by Nicole Forsgren, and Jez Humble", entry{}, false},
		{"a former and a present employer", "**Ory Segal** (PureSec, now Palo Alto Networks) - serverless security", entry{Raw: "Ory Segal", Head: "Ory Segal", Orgs: []string{"PureSec", "Palo Alto Networks"}, Topics: "serverless security"}, true},
		{"plain sentence", "- I read a lot of blogs about serverless every single morning", entry{}, false},
		{"question", "- **Who else?**", entry{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := parseEntry(parseLine(t, tc.md))
			if ok != tc.ok || (ok && !reflect.DeepEqual(got, tc.want)) {
				t.Errorf("parseEntry(%q) = %+v, %v\nwant %+v, %v", tc.md, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestSplitList(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		protected [][2]int
		want      []string
	}{
		{"slash", "Azure/Security", nil, []string{"Azure", "Security"}},
		{"plus and spaces", "AWS perspective + comics", nil, []string{"AWS perspective", "comics"}},
		{"and, comma, ampersand", "ML, IoT and data & more", nil, []string{"ML", "IoT", "data", "more"}},
		{"protected name", "CI/CD / Security", [][2]int{{0, 5}}, []string{"CI/CD", "Security"}},
		{"dash", "Kubernetes - at scale", nil, []string{"Kubernetes", "at scale"}},
		{"hyphen kept", "event-driven design", nil, []string{"event-driven design"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := splitList(tc.in, tc.protected); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("splitList(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPersonName(t *testing.T) {
	x := fixtureExtractor(t)
	tests := []struct {
		name string
		want bool
	}{
		{"Kelsey Hightower", true},
		{"Gojko Adzic", true},   // unknown given name, written as a name
		{"Janakiram MSV", true}, // all-capitals surname
		{"Ludwig van Beethoven", true},
		{"Serverless Land", false},        // a word the dictionary knows
		{"Building Microservices", false}, // a title opening with a verb
		{"Towards Data Science", false},   // a title opening with a preposition
		{"Sterling Archer", true},         // a given name, known
		{"AWS Lambda", false},
		{"Machine Learning", false},
		{"Kelsey", false},
		{"kelsey hightower", false},
		{"The Burning Monk", false},
		{"Hacker News", false},
		{"Jane Doe Consulting", false},
		{"Jane Doe Smith Jones Brown", false},
		{"R2 D2", false},
		{"Principal Engineer", false}, // a job title, written as a name
		{"Senior Developer Advocates", false},
		{"Dana Architect", false}, // a title's last word ends no name
		{"Paul Engels", true},     // a surname that starts like one
		{"Paul Africa", false},    // a place after a given name
		{"Victoria Island", false},
		{"Aleksandar Simović", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := x.personName(tc.name); got != tc.want {
				t.Errorf("personName(%q) = %v, want %v", tc.name, got, tc.want)
			}
		})
	}
}

func TestFindPeople(t *testing.T) {
	x := fixtureExtractor(t)
	tests := []struct {
		name string
		md   string
		want []string
	}{
		{"possessive", "I reread Oren Halvorsen's newsletter.", []string{"Oren Halvorsen"}},
		{"by X or Y", "Read anything by Tobias Lindqvist or Helena Marsh.", []string{"Tobias Lindqvist", "Helena Marsh"}},
		{"unknown names need a cue", "Thanks to Zebulonx Adzic and Zbigniew Qwerty.", []string{"Zebulonx Adzic", "Zbigniew Qwerty"}},
		{"unknown name without cue", "Zebulonx Adzic wrote it.", nil},
		{"colleague", "My colleague Devon Pryce built it.", []string{"Devon Pryce"}},
		{"the awesome", "The awesome Beatriz Almeida reviewed it.", []string{"Beatriz Almeida"}},
		{"link text", "See [Ann Lee](https://example.com) on this.", []string{"Ann Lee"}},
		{"ambiguous given name", "Will Lambda scale? May Day is a holiday.", nil},
		{"product words", "We use Google App Engine and Apache Spark.", nil},
		{"sentence start", "Kubernetes Clusters are hard.", nil},
		{"name inside a company name", "Also cost: Will Smith Enterprises got a bill.", nil},
		{"company suffix", "We hired Jane Doe Consulting.", nil},
		{"run opened by a word", "Thanks Jane Doe for the review.", []string{"Jane Doe"}},
		{"two people", "Sarah Connor and I ran a workshop with Kyle Reese.", []string{"Sarah Connor", "Kyle Reese"}},
		{"job title after a name", "We talk to Dara Okonkwo, Principal Engineer at Brightwater.", []string{"Dara Okonkwo"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := parseLine(t, tc.md)
			var got []string
			for _, p := range x.findPeople(l, x.gaz.Find(l.Text), new([]token)) {
				got = append(got, p.Name)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("findPeople(%q) = %q, want %q", tc.md, got, tc.want)
			}
		})
	}
}

func TestFindGuest(t *testing.T) {
	x := fixtureExtractor(t)
	tests := []struct {
		name, in, want string
		line           int
	}{
		{"guest field", "---\ntitle: Serverless\nguest: Jane Doe\n---\n", "Jane Doe", 3},
		{"guest list of maps", "---\nguests:\n  - name: Ann Lee\n---\n", "Ann Lee", 2},
		{"toml interviewee", "+++\ninterviewee = \"Bo Chan\"\n+++\n", "Bo Chan", 2},
		{"title with", "---\ntitle: \"Serverless systems in production with Lynn Langit\"\n---\n", "Lynn Langit", 2},
		{"five questions", "---\ntitle: Five questions for Samuel Okafor\n---\n", "Samuel Okafor", 2},
		{"interview colon", "---\ntitle: \"Interview: Priya Raman\"\n---\n", "Priya Raman", 2},
		{"an interview with", "---\ntitle: Edge ML – an interview with Mei Tanaka\n---\n", "Mei Tanaka", 2},
		{"name prefix", "---\ntitle: \"Ann Lee: scaling queues\"\n---\n", "Ann Lee", 2},
		{"title beats author", "---\nauthor: Editor Person\ntitle: A chat with Bo Chan\n---\n", "Bo Chan", 3},
		{"author", "---\ntitle: Queues\nauthor: Ann Lee\n---\n", "Ann Lee", 3},
		{"description link", "---\ntitle: Queues\ndescription: \"[Ann Lee](https://x) is a developer.\"\n---\n", "Ann Lee", 3},
		{"bold body", "---\ntitle: Queues\n---\n\n**Rohan Mehta** is the CTO of Quillstack.\n", "Rohan Mehta", 5},
		{"slug field name", "---\nguest: jane-doe\n---\n", "Jane Doe", 2},
		{"title is the name", "---\ntitle: \"Kim Nakashima\"\n---\n", "Kim Nakashima", 2},
		{"hugo params table", "+++\ntitle = \"Queues\"\n[params]\nguest = \"Bo Chan\"\n+++\n", "Bo Chan", 3},
		{"first name in the description", "---\ntitle: \"Ep. 7 – Payments at scale\"\ndescription: \"In this episode, Farah Haddad (Principal Architect, Stripe) explains retries.\"\n---\n", "Farah Haddad", 3},
		{"series name first", "---\ntitle: \"Community Spotlight: Leilani Kahale\"\n---\n", "Leilani Kahale", 2},
		{"series name and dash", "---\ntitle: Member profile – Jo Park\n---\n", "Jo Park", 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			g, ok := x.findGuest(doc, &frontLines{})
			if !ok || g.Name != tc.want || g.Line != tc.line {
				t.Errorf("guest = %q line %d (found %v), want %q line %d", g.Name, g.Line, ok, tc.want, tc.line)
			}
		})
	}
	doc, err := Parse([]byte("---\ntitle: Serverless in 2024\n---\nNo names here.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := x.findGuest(doc, &frontLines{}); ok {
		t.Errorf("found guest %+v in a post that names none", g)
	}
}

func TestAffiliations(t *testing.T) {
	x := fixtureExtractor(t)
	tests := []struct {
		name, text string
		want       []string
	}{
		{"role at", "Jane is a Developer Advocate at Lumigo.", []string{"organization/lumigo"}},
		{"works as in", "She works as a Technologist in Liberty IT.", []string{"organization/liberty-it"}},
		{"cto of", "I'm the CTO of Acme, a small shop.", []string{"organization/acme"}},
		{"head of team at", "I'm Head of Engineering at Initech.", []string{"organization/initech"}},
		{"gazetteer org", "I joined Google in 2019.", []string{"organization/google"}},
		{"work for the", "I work for the BBC.", []string{"organization/bbc"}},
		{"lower-case", "I have been working with several clients.", nil},
		{"a person", "I worked with Jane Doe for years.", nil},
		{"at X we", "At Orla Health we ingest claims files.", []string{"organization/orla-health"}},
		{"title and employer in parentheses", "Farah Haddad (Principal Architect, Stripe) explains retries.", []string{"organization/stripe"}},
		{"parentheses without a title", "Farah Haddad (Lisbon, Portugal) explains retries.", nil},
		{"at X, I", "Fine. At Acme, I run the platform.", []string{"organization/acme"}},
		{"at X mid-sentence", "We met At Acme we said.", nil},
		{"at a time", "At first we ran it by hand.", nil},
		{"at X then no subject", "At Acme the platform runs itself.", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st := &interviewState{b: newFactsBuilder("s", x.gaz)}
			st.guest = st.b.node(graph.Person, "Me", "", "")
			l := Line{No: 1, Text: tc.text}
			x.affiliations(st, l, place{key: "test"})
			x.workplaces(st, l, place{key: "test"})
			var got []string
			for _, e := range st.b.edges {
				if e.Rel == "affiliated_with" {
					got = append(got, e.To)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("affiliations(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestNestedResourceHeadings(t *testing.T) {
	x := fixtureExtractor(t)
	in := "---\nguest: Kim Nakashima\n---\n## Who do you recommend?\n\n### Tamsin Greaves (Google)\n\nGreat guides.\n\n" +
		"### Dmitri Volkov - Kubernetes, security\n\n## What's next?\n\n### Ann Lee\n"
	facts, err := x.Extract(File{Path: "kim.md", Slug: "kim"}, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	kim := "person/kim-nakashima"
	assertEdges(t, facts, []wantEdge{
		{kim, graph.Recommends, "person/tamsin-greaves", 6},
		{"person/tamsin-greaves", graph.AffiliatedWith, "organization/google", 6},
		{kim, graph.Recommends, "person/dmitri-volkov", 10},
		{"person/dmitri-volkov", graph.Covers, "service/kubernetes", 10},
		{"person/dmitri-volkov", graph.Covers, "topic/security", 10},
	})
	if _, ok := findEdge(facts, kim, graph.Recommends, "person/ann-lee"); ok {
		t.Error("a heading under a later, non-resources question was read as a recommendation")
	}
}

func TestTableEntry(t *testing.T) {
	tests := []struct {
		name, table string
		want        []entry // one per body row
	}{
		{"topics under 'worth following for'", "| Who | Where | Worth following for |\n|---|---|---|\n| Tomasz Wierzba | Confluent | Kafka internals |\n",
			[]entry{{Raw: "Tomasz Wierzba", Head: "Tomasz Wierzba", Orgs: []string{"Confluent"}, Topics: "Kafka internals"}}},
		{"topics under 'known for'", "| Name | Known for |\n|---|---|\n| Ines Carvalho | schema evolution |\n",
			[]entry{{Raw: "Ines Carvalho", Head: "Ines Carvalho", Topics: "schema evolution"}}},
		{"a column of neither kind is left out", "| Name | Handle | Topics |\n|---|---|---|\n| Ann Lee | @annlee | queues |\n",
			[]entry{{Raw: "Ann Lee", Head: "Ann Lee", Topics: "queues"}}},
		{"an empty organisation", "| Name | Company | Focus |\n|---|---|---|\n| Bo Chan | | caching |\n",
			[]entry{{Raw: "Bo Chan", Head: "Bo Chan", Topics: "caching"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Parse([]byte("## People to follow\n\n" + tc.table))
			if err != nil {
				t.Fatal(err)
			}
			var header []string
			var got []entry
			for _, s := range doc.Sections {
				for _, b := range s.Blocks {
					if b.Kind != TableRow {
						continue
					}
					if b.Header {
						header = b.Cells
						continue
					}
					e, ok := tableEntry(b, header)
					if !ok {
						t.Fatalf("row %q read as no entry", b.Cells)
					}
					got = append(got, e)
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("entries = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestWrappedParagraphs reads paragraphs hard-wrapped at a fixed width, as
// many editors save markdown: what a line break splits is whole again, and
// each fact keeps the line it starts on.
func TestWrappedParagraphs(t *testing.T) {
	x := fixtureExtractor(t)
	in := "---\nguest: Kim Nakashima\n---\n" +
		"## What do you do?\n\n" +
		"I have spent the last three years as a Staff Engineer at Honeycomb, and\n" + // 6
		"before that I ran our data platform on Google Cloud Platform with Amazon\n" + // 7
		"S3 for the archive. Katie Sato, who leads reliability at Adyen, taught me a lot.\n\n" + // 8
		"## Who should readers follow?\n\n" + // 10
		"Follow Oren Halvorsen for anything about Kubernetes and policy as code. Sofia\n" + // 12
		"Brandt runs the Berlin meetup and writes about cost control. And read Tessa\n" + // 13
		"Lindqvist, who works at Google, on the new observability tooling built on\n" + // 14
		"TensorFlow.\n\n" + // 15
		"Thanks to\n" + // 17
		"Jane Doe\n" + // 18
		"Bob Roe\n\n" + // 19
		"I first met Lena Fischer when we moved everything to Kubernetes.\n\n" + // 21
		"Definitely Chidi Okafor. He knows more about TensorFlow than anyone I know.\n\n" + // 23
		"Shout-out to [Ravi Menon](https://example.com/r) and\n" + // 25
		"[Elif Yilmaz](https://example.com/e) for the Kubernetes operator work.\n" // 26
	facts, err := x.Extract(File{Path: "kim.md", Slug: "kim"}, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	kim := "person/kim-nakashima"
	assertEdges(t, facts, []wantEdge{
		{kim, graph.AffiliatedWith, "organization/honeycomb", 6},
		{"person/katie-sato", graph.AffiliatedWith, "organization/adyen", 8},
		{kim, graph.Mentions, "service/s3", 7}, // "Amazon S3", across lines 7 and 8
		{kim, graph.Recommends, "person/oren-halvorsen", 12},
		{kim, graph.Recommends, "person/sofia-brandt", 12},
		{kim, graph.Recommends, "person/tessa-lindqvist", 13},
		{kim, graph.Mentions, "service/tensorflow", 15},
		{kim, graph.Recommends, "person/jane-doe", 18},
		{kim, graph.Recommends, "person/bob-roe", 19},
		{kim, graph.Recommends, "person/lena-fischer", 21},
		// What a recommendation in prose says the person is good for.
		{"person/oren-halvorsen", graph.Covers, "service/kubernetes", 12},
		{"person/tessa-lindqvist", graph.Covers, "topic/observability", 14},
		{"person/tessa-lindqvist", graph.AffiliatedWith, "organization/google", 14},
		{"person/chidi-okafor", graph.Covers, "service/tensorflow", 23}, // "He knows more about"
		// Named together, they share what follows, across the line break.
		{kim, graph.Recommends, "person/ravi-menon", 25},
		{kim, graph.Recommends, "person/elif-yilmaz", 26},
		{"person/ravi-menon", graph.Covers, "service/kubernetes", 26},
		{"person/elif-yilmaz", graph.Covers, "service/kubernetes", 26},
	})
	if _, ok := findEdge(facts, kim, graph.Recommends, "service/tensorflow"); ok {
		t.Error("the tail of a wrapped sentence was read as an entry of a list")
	}
	if _, ok := findEdge(facts, "person/lena-fischer", graph.Covers, "service/kubernetes"); ok {
		t.Error("a service named after a person without a word introducing a subject was read as their expertise")
	}
	if _, ok := findEdge(facts, "person/sofia-brandt", graph.Covers, "service/kubernetes"); ok {
		t.Error("the expertise given with one person was given to the next")
	}
	for _, n := range facts.Nodes {
		if n.Name == "Jane Doe Bob Roe" || n.Name == "Sofia" {
			t.Errorf("lines a writer broke apart were joined, or a wrapped name was cut: %q", n.Name)
		}
	}
}

func TestUnwrapped(t *testing.T) {
	long := "A line as long as editors wrap paragraphs at, which runs on"
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"one line", []string{"Jane Doe"}, []string{"Jane Doe"}},
		{"a long line runs on", []string{long, "Into the next"}, []string{long + " Into the next"}},
		{"a comma runs on", []string{"Thanks, first,", "Jane Doe"}, []string{"Thanks, first, Jane Doe"}},
		{"a word in lower case runs on", []string{"Thanks to", "Jane Doe"}, []string{"Thanks to Jane Doe"}},
		{"a short name ends its line", []string{"Jane Doe", "Bob Roe"}, []string{"Jane Doe", "Bob Roe"}},
		{"an entry of a list starts its own", []string{long, "Jane Doe - queues"}, []string{long, "Jane Doe - queues"}},
		{"a sentence's end after a short line", []string{"See the docs.", "Then Jane Doe"}, []string{"See the docs.", "Then Jane Doe"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var lines []Line
			for i, s := range tc.lines {
				lines = append(lines, Line{No: 10 + i, Text: s})
			}
			var got []string
			at := 0
			for _, l := range unwrapped(lines) {
				got = append(got, l.Text)
				// Every byte maps back to the line it came from.
				for off := range l.Text {
					i := 0
					for rest := off + at; rest > len(tc.lines[i]); i++ {
						rest -= len(tc.lines[i]) + 1
					}
					if l.lineAt(off) != 10+i {
						t.Fatalf("%q: byte %d is on line %d, want %d", l.Text, off, l.lineAt(off), 10+i)
					}
				}
				at += len(l.Text) + 1
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("unwrapped = %q, want %q", got, tc.want)
			}
		})
	}
}

// wantEdge is an edge a test requires, with a line among its sources.
type wantEdge struct {
	from string
	rel  graph.Rel
	to   string
	line int
}

func assertEdges(t *testing.T, facts *graph.Facts, want []wantEdge) {
	t.Helper()
	for _, w := range want {
		e, ok := findEdge(facts, w.from, w.rel, w.to)
		if !ok || !hasLine(e, w.line) {
			t.Errorf("no edge %s -%s-> %s on line %d", w.from, w.rel, w.to, w.line)
		}
	}
}

// answerFacts extracts Kim Nakashima's interview with answer under
// heading, on line 6.
func answerFacts(t *testing.T, x *Extractor, heading, answer string) *graph.Facts {
	t.Helper()
	in := "---\nguest: Kim Nakashima\n---\n## " + heading + "\n\n" + answer + "\n"
	facts, err := x.Extract(File{Path: "kim.md", Slug: "kim"}, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	return facts
}

// assertNoEdges fails for each edge of not that facts has.
func assertNoEdges(t *testing.T, facts *graph.Facts, not []wantEdge) {
	t.Helper()
	for _, w := range not {
		if _, ok := findEdge(facts, w.from, w.rel, w.to); ok {
			t.Errorf("unwanted edge %s -%s-> %s", w.from, w.rel, w.to)
		}
	}
}

func TestColleague(t *testing.T) {
	x := fixtureExtractor(t)
	tests := []struct {
		name, answer string
		want         bool // Devon Pryce works where Kim does
	}{
		{"our title after", "I'm a developer at Honeycomb. Devon Pryce, our CTO, reviews every change.", true},
		{"our title before", "I'm a developer at Honeycomb. Our CTO, Devon Pryce, reviews every change.", true},
		{"our lead engineer", "I'm a developer at Honeycomb. Devon Pryce, our lead engineer, reviews it.", true},
		{"my colleague, from anywhere", "I'm a developer at Honeycomb. My colleague Devon Pryce reviews every change.", false},
		{"a friend", "I'm a developer at Honeycomb. Devon Pryce, a friend from school, reviews it.", false},
		{"no employer known", "Devon Pryce, our CTO, reviews every change.", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := "---\nguest: Kim Nakashima\n---\n## What do you do?\n\n" + tc.answer + "\n"
			facts, err := x.Extract(File{Path: "kim.md", Slug: "kim"}, []byte(in))
			if err != nil {
				t.Fatal(err)
			}
			_, got := findEdge(facts, "person/devon-pryce", graph.AffiliatedWith, "organization/honeycomb")
			if got != tc.want {
				t.Errorf("Devon Pryce affiliated with Honeycomb = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGuestMapEmployer(t *testing.T) {
	x := fixtureExtractor(t)
	tests := []struct {
		name, front string
		want        bool
	}{
		{"a map", "guest:\n  name: Ravi Kumar\n  company: Lanternfish\n", true},
		{"a list of one map", "title: Talking with Ravi Kumar\nguests:\n  - name: Ravi Kumar\n    company: Lanternfish\n", true},
		{"the interviewee's map among several", "guest: Ravi Kumar\nguests:\n  - name: Ana Lima\n    company: Initech\n  - name: Ravi Kumar\n    company: Lanternfish\n", true},
		{"someone else's map", "guest: Ravi Kumar\nguests:\n  - name: Ana Lima\n    company: Lanternfish\n  - name: Bo Chen\n    company: Initech\n", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := "---\n" + tc.front + "---\n## What do you do?\n\nPlatforms.\n"
			facts, err := x.Extract(File{Path: "ravi.md", Slug: "ravi"}, []byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if _, got := findEdge(facts, "person/ravi-kumar", graph.AffiliatedWith, "organization/lanternfish"); got != tc.want {
				t.Errorf("Ravi Kumar affiliated with Lanternfish = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestGuestFieldName(t *testing.T) {
	x := fixtureExtractor(t)
	tests := []struct{ field, want string }{
		{"Ravi Kumar", "Ravi Kumar"},
		{"Hyo-jin Park", "Hyo-jin Park"},
		{"Maëlle de Vries", "Maëlle de Vries"},
		{"AWS Lambda", ""},
		{"the editors", ""},
		{"DynamoDB Streams Team", ""},
	}
	for _, tt := range tests {
		if got := x.guestFieldName(tt.field); got != tt.want {
			t.Errorf("guestFieldName(%q) = %q, want %q", tt.field, got, tt.want)
		}
	}
}

func TestOrganizationName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"Cloud Security Alliance", true},
		{"Linux Foundation", true},
		{"Bank of America", false},
		{"Software Freedom Conservancy", false},
		{"Association for Computing Machinery", false},
		{"Jane Doe", false},
		{"Foundation", false},
		{"the Apache Software Foundation", false},
		{"Ferrous Labs", true},
	}
	for _, tt := range tests {
		if got := organizationName(tt.name); got != tt.want {
			t.Errorf("organizationName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestSubjectOf(t *testing.T) {
	tests := []struct {
		name, part, want string
	}{
		{"plain topic", "event-driven patterns", "event-driven patterns"},
		{"pointing back", "community around it", "community"},
		{"pointing back at several", "the tools behind them", "the tools"},
		{"medium then subject", "her sketchnotes of GCP architecture", "GCP architecture"},
		{"book on", "their book on serverless apps", "serverless apps"},
		{"only a medium", "his weekly newsletter", ""},
		{"owned, not a medium", "their open-source tools", "open-source tools"},
		{"research, a medium", "her research", ""},
		{"capitalised possessive", "His talks about chaos engineering", "chaos engineering"},
		{"possessive word inside", "history of its design", "history of its design"},
		{"it as a subject", "making it", "making it"},
		{"a medium, then its subject", "zines on networking", "networking"},
		{"media, then their subject", "posts and talks about tracing", "tracing"},
		{"a medium alone", "tutorials", "tutorials"},
		{"an adverb that narrows", "Azure specifically", "Azure"},
		{"in particular", "cost control in particular", "cost control"},
		{"particular, not an adverb", "nothing particular", "nothing particular"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := subjectOf(tt.part); got != tt.want {
				t.Errorf("subjectOf(%q) = %q, want %q", tt.part, got, tt.want)
			}
		})
	}
}

func TestIsNameCased(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"Google", true},
		{"iRobot", true},
		{"eBay", true},
		{"ebay", false},
		{"iR", false},
		{"aws", false},
		{"Ōkami", true},
	}
	for _, tt := range tests {
		if got := isNameCased(tt.w); got != tt.want {
			t.Errorf("isNameCased(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

// TestProseSubjects reads what a recommendation in prose says someone is
// worth reading for when no dictionary holds it, and where they work now.
func TestProseSubjects(t *testing.T) {
	x := fixtureExtractor(t)
	tests := []struct {
		name, answer string
		want         []wantEdge // on line 6
		not          []wantEdge // line unread
	}{
		{"on, right after the name", "I follow Gwen Shapira on event streaming.",
			[]wantEdge{{"person/gwen-shapira", graph.Covers, "topic/event-streaming", 6}}, nil},
		{"writes about", "Adaeze Nwachukwu writes about engineering leadership.",
			[]wantEdge{{"person/adaeze-nwachukwu", graph.Covers, "topic/engineering-leadership", 6}}, nil},
		{"taught me what I know about", "Chris Gillum taught me most of what I know about durable workflows.",
			[]wantEdge{{"person/chris-gillum", graph.Covers, "topic/durable-workflows", 6}}, nil},
		{"good on, two subjects", "Anthony Chu is very good on cold starts and container images.",
			[]wantEdge{{"person/anthony-chu", graph.Covers, "topic/cold-starts", 6}, {"person/anthony-chu", graph.Covers, "topic/container-images", 6}}, nil},
		{"subject opening the sentence", "For data modelling I read everything Mark Brown publishes.",
			[]wantEdge{{"person/mark-brown", graph.Covers, "topic/data-modelling", 6}}, nil},
		{"subject opening, for the first person only", "For data modelling I read Lena Fischer and Mark Brown.",
			[]wantEdge{{"person/lena-fischer", graph.Covers, "topic/data-modelling", 6}},
			[]wantEdge{{"person/mark-brown", graph.Covers, "topic/data-modelling", 0}}},
		{"cut before what it changed", "Marc Brooker on retries and backoff changed how I design APIs.",
			[]wantEdge{{"person/marc-brooker", graph.Covers, "topic/retries", 6}, {"person/marc-brooker", graph.Covers, "topic/backoff", 6}},
			[]wantEdge{{"person/marc-brooker", graph.Covers, "topic/backoff-changed-how", 0}}},
		{"cut where the speaker turns to themselves", "The talks by Lars Eriksson on capacity planning made me rethink it.",
			[]wantEdge{{"person/lars-eriksson", graph.Covers, "topic/capacity-planning", 6}}, nil},
		{"run on into the speaker's sentence", "Lars Eriksson on capacity planning I now do myself.",
			nil, []wantEdge{{"person/lars-eriksson", graph.Covers, "topic/capacity-planning-i-now-do-myself", 0}, {"person/lars-eriksson", graph.Covers, "topic/capacity-planning", 0}}},
		{"now at", "My old manager, Adaeze Nwachukwu, now at Paystack, writes about hiring.",
			[]wantEdge{{"person/adaeze-nwachukwu", graph.AffiliatedWith, "organization/paystack", 6}, {"person/adaeze-nwachukwu", graph.Covers, "topic/hiring", 6}}, nil},
		{"an ambiguous given name inside a sentence", "I read everything Mark Brown publishes.",
			[]wantEdge{{"person/kim-nakashima", graph.Recommends, "person/mark-brown", 6}}, nil},
		{"the best person I know on", "Bartholomew Achterberg is the best person I know on tracing.",
			[]wantEdge{{"person/bartholomew-achterberg", graph.Covers, "topic/tracing", 6}}, nil},
		{"handles in prose", "Also @theburningmonk and @ben11kehoe on Twitter.",
			[]wantEdge{{"person/kim-nakashima", graph.Recommends, "person/theburningmonk", 6}, {"person/kim-nakashima", graph.Recommends, "person/ben11kehoe", 6}}, nil},
		{"a handle in parentheses names who comes before it", "Hannah Osei (@hannahcodes) writes about data.",
			[]wantEdge{{"person/kim-nakashima", graph.Recommends, "person/hannah-osei", 6}},
			[]wantEdge{{"person/kim-nakashima", graph.Recommends, "person/hannahcodes", 0}}},
		{"addresses are no handles", "Write to kim@example.com or @jdoe@hachyderm.io.",
			nil, []wantEdge{{"person/kim-nakashima", graph.Recommends, "person/example", 0}, {"person/kim-nakashima", graph.Recommends, "person/jdoe", 0}}},
		{"people listed after a subject opening the sentence", "For the edge, Rita Kozlov and Kenton Varda at Cloudflare explain the runtime.",
			[]wantEdge{{"person/rita-kozlov", graph.Covers, "topic/edge", 6}, {"person/kenton-varda", graph.Covers, "topic/edge", 6},
				{"person/rita-kozlov", graph.AffiliatedWith, "organization/cloudflare", 6}, {"person/kenton-varda", graph.AffiliatedWith, "organization/cloudflare", 6}}, nil},
		{"what someone works on for is a product", "Lena Fischer works on Azure Database for MySQL.",
			[]wantEdge{{"person/kim-nakashima", graph.Recommends, "person/lena-fischer", 6}},
			[]wantEdge{{"person/lena-fischer", graph.AffiliatedWith, "service/mysql", 0}}},
		{"both at", "People I ask: Alex Casalboni and Danilo Poccia, both at AWS.",
			[]wantEdge{{"person/alex-casalboni", graph.AffiliatedWith, "organization/aws", 6}, {"person/danilo-poccia", graph.AffiliatedWith, "organization/aws", 6}}, nil},
		{"where they met is no employer", "I met Lena Fischer at Monitorama and learned a lot.",
			[]wantEdge{{"person/kim-nakashima", graph.Recommends, "person/lena-fischer", 6}},
			[]wantEdge{{"person/lena-fischer", graph.AffiliatedWith, "organization/monitorama", 0}}},
		{"subjects in parentheses, shared by the people named together",
			"Jeff Hollan and Chris Gillum (BigQuery), Anthony Chu (TensorFlow on Kubernetes) and Mark Heath.",
			[]wantEdge{{"person/jeff-hollan", graph.Covers, "service/bigquery", 6}, {"person/chris-gillum", graph.Covers, "service/bigquery", 6},
				{"person/anthony-chu", graph.Covers, "service/tensorflow", 6}, {"person/anthony-chu", graph.Covers, "service/kubernetes", 6}},
			[]wantEdge{{"person/mark-heath", graph.Covers, "service/kubernetes", 0}, {"person/mark-heath", graph.Covers, "service/bigquery", 0}}},
		{"an employer in parentheses is no subject", "Kelsey Hightower (Google) on Kubernetes.",
			[]wantEdge{{"person/kelsey-hightower", graph.Covers, "service/kubernetes", 6}},
			[]wantEdge{{"person/kelsey-hightower", graph.Covers, "organization/google", 0}}},
		{"an adverb after a fronted subject", "For Azure specifically, Jeff Hollan explains the runtime.",
			[]wantEdge{{"person/jeff-hollan", graph.Covers, "organization/azure", 6}},
			[]wantEdge{{"person/jeff-hollan", graph.Covers, "topic/azure-specifically", 0}}},
		{"people named together, then a dash and their subject", "Aleksandar Simović and Slobodan Stojanović – BigQuery on Lambda.",
			[]wantEdge{{"person/aleksandar-simović", graph.Covers, "service/bigquery", 6}, {"person/slobodan-stojanović", graph.Covers, "service/bigquery", 6},
				{"person/slobodan-stojanović", graph.Covers, "service/lambda", 6}}, nil},
		{"anything about", "Ask Lena Fischer anything about data mesh design.",
			[]wantEdge{{"person/lena-fischer", graph.Covers, "topic/data-mesh-design", 6}}, nil},
		{"a first answer recommending people names no employer of the guest", "Lena Fischer, Head of Data at El Faro Digital, on analytics.",
			[]wantEdge{{"person/lena-fischer", graph.AffiliatedWith, "organization/el-faro-digital", 6}},
			[]wantEdge{{"person/kim-nakashima", graph.AffiliatedWith, "organization/el-faro-digital", 0}}},
		{"everything I know about, after an employer in parentheses", "Hemi Tautahi-Brooks (Kiwibank) taught me everything I know about running Spark on Kubernetes.",
			[]wantEdge{{"person/hemi-tautahi-brooks", graph.AffiliatedWith, "organization/kiwibank", 6},
				{"person/hemi-tautahi-brooks", graph.Covers, "service/spark", 6}, {"person/hemi-tautahi-brooks", graph.Covers, "service/kubernetes", 6}},
			[]wantEdge{{"person/hemi-tautahi-brooks", graph.Covers, "topic/running-spark", 0}}},
		{"a place in parentheses is no employer", "Lena Fischer (Lisbon, Portugal) writes about Spark.",
			[]wantEdge{{"person/lena-fischer", graph.Covers, "service/spark", 6}},
			[]wantEdge{{"person/lena-fischer", graph.AffiliatedWith, "organization/lisbon", 0}, {"person/lena-fischer", graph.AffiliatedWith, "organization/portugal", 0}}},
		{"a subject in parentheses is no employer", "Lena Fischer (BigQuery) is the one to follow.",
			[]wantEdge{{"person/lena-fischer", graph.Covers, "service/bigquery", 6}},
			[]wantEdge{{"person/lena-fischer", graph.AffiliatedWith, "service/bigquery", 0}}},
		{"a given name alone, later in the paragraph", "Definitely Kelsey Hightower and Liz Rice. Liz's talks on eBPF tooling are the best introduction.",
			[]wantEdge{{"person/liz-rice", graph.Covers, "topic/ebpf-tooling", 6}},
			[]wantEdge{{"person/kelsey-hightower", graph.Covers, "topic/ebpf-tooling", 0}}},
		{"a given name two people share", "Liz Rice and Liz Fong-Jones. Liz's talks on eBPF tooling are great.",
			nil, []wantEdge{{"person/liz-rice", graph.Covers, "topic/ebpf-tooling", 0}, {"person/liz-fong-jones", graph.Covers, "topic/ebpf-tooling", 0}}},
		{"a medium, a comma, then its subject", "Benn Stancil's newsletter, on the business of analytics.",
			[]wantEdge{{"person/benn-stancil", graph.Covers, "topic/business-of-analytics", 6}}, nil},
		{"a given name opening the answer, then what someone is the go-to for", "Ben Kehoe is my go-to for IAM; Alex DeBrie for DynamoDB.",
			[]wantEdge{{"person/kim-nakashima", graph.Recommends, "person/ben-kehoe", 6}, {"person/ben-kehoe", graph.Covers, "service/iam", 6},
				{"person/alex-debrie", graph.Covers, "service/dynamodb", 6}}, nil},
		{"a mountain is no person", "Ben Nevis is the highest.", nil,
			[]wantEdge{{"person/kim-nakashima", graph.Recommends, "person/ben-nevis", 0}}},
		{"a clause opened by its subject, after other people", "I like talks by Chris Munns, and for media workflows specifically, Thandiwe Okoro at Kestrel Media.",
			[]wantEdge{{"person/thandiwe-okoro", graph.Covers, "topic/media-workflows", 6}},
			[]wantEdge{{"person/chris-munns", graph.Covers, "topic/media-workflows", 0}}},
		{"an ambiguous given name after at", "I met them at Grant Thornton.",
			nil, []wantEdge{{"person/kim-nakashima", graph.Recommends, "person/grant-thornton", 0}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			facts := answerFacts(t, x, "Who should readers follow?", tc.answer)
			assertEdges(t, facts, tc.want)
			assertNoEdges(t, facts, tc.not)
		})
	}
}

// TestTranscriptQuestions reads a host's turn in a transcript as the
// question its answers are read under.
func TestTranscriptQuestions(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"timestamp and bold label", "[00:05:41] **Host:** Who taught you the most?", true},
		{"plain label", "Interviewer: What do you build?", true},
		{"parenthesised timestamp", "(12:03) Host: Which tools do you use?", true},
		{"the guest's turn", "[00:05:50] **Farah:** Who knows?", false},
		{"not a question", "[00:00:12] **Host:** Welcome, Farah.", false},
		{"a label in a sentence", "The host: a person who asks, right?", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := hostQuestion(tc.text); got != tc.want {
				t.Errorf("hostQuestion(%q) = %v, want %v", tc.text, got, tc.want)
			}
		})
	}
	x := fixtureExtractor(t)
	in := "---\ntitle: Ep. 3\nguest: Kim Nakashima\n---\n\n" +
		"[00:00:10] **Host:** What do you run on?\n\n" + // 6
		"[00:00:15] **Kim:** Mostly Kubernetes.\n\n" + // 8
		"[00:04:00] **Host:** Who should our listeners follow?\n\n" + // 10
		"[00:04:05] **Kim:** Lena Fischer, on capacity planning.\n" // 12
	facts, err := x.Extract(File{Path: "kim.md", Slug: "kim"}, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	assertEdges(t, facts, []wantEdge{
		{"person/kim-nakashima", graph.Mentions, "service/kubernetes", 8},
		{"person/kim-nakashima", graph.Recommends, "person/lena-fischer", 12},
		{"person/lena-fischer", graph.Covers, "topic/capacity-planning", 12},
	})
}

// TestDescribedServices reads the services a description names as the
// guest's mentions, and not its topics.
func TestDescribedServices(t *testing.T) {
	x := fixtureExtractor(t)
	in := "---\nguest: Kim Nakashima\ndescription: \"Kim Nakashima explains observability and why she loves DynamoDB.\"\n---\n## What do you do?\n\nPlatforms.\n"
	facts, err := x.Extract(File{Path: "kim.md", Slug: "kim"}, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	assertEdges(t, facts, []wantEdge{{"person/kim-nakashima", graph.Mentions, "service/dynamodb", 3}})
	if _, ok := findEdge(facts, "person/kim-nakashima", graph.Mentions, "topic/observability"); ok {
		t.Error("a topic of the description was read as the guest's mention")
	}
}

func TestNameCapitals(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"Odalys", true},
		{"Ferreira-Quist", true},
		{"O'Neill", true},
		{"McAllister", true},
		{"MacLeod", true},
		{"DynamoDB", false},
		{"GitHub", false},
		{"ferreira", false},
		{"Ferreira-quist", true},
		{"Élodie", true},
	}
	for _, tt := range tests {
		if got := nameCapitals(tt.w); got != tt.want {
			t.Errorf("nameCapitals(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

// TestMediaOnSubject reads what someone publishes on a subject as their
// expertise, wherever they are named.
func TestMediaOnSubject(t *testing.T) {
	x := fixtureExtractor(t)
	tests := []struct {
		name, answer string
		covers       bool
	}{
		{"posts on", "Nnamdi Eze's posts on structured events changed how we debug.", true},
		{"weekly newsletter about", "Nnamdi Eze's weekly newsletter about structured events is good.", true},
		{"merely met", "I met Nnamdi Eze on structured events day.", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := "---\nguest: Kim Nakashima\n---\n## What do you wish you had known?\n\n" + tc.answer + "\n"
			facts, err := x.Extract(File{Path: "kim.md", Slug: "kim"}, []byte(in))
			if err != nil {
				t.Fatal(err)
			}
			if _, got := findEdge(facts, "person/nnamdi-eze", graph.Covers, "topic/structured-events"); got != tc.covers {
				t.Errorf("Nnamdi Eze covers structured events = %v, want %v", got, tc.covers)
			}
		})
	}
}

func TestEmployerAfterTitle(t *testing.T) {
	tests := []struct{ part, want string }{
		{"Principal Engineer at AWS", "AWS"},
		{"co-founder of Lightstep", "Lightstep"},
		{"SRE at Ferrous Labs", "Ferrous Labs"},
		{"Head of Platform at Acme", "Acme"},
		{"Senior Staff Engineer at Initech", "Initech"},
		{"Acme", "Acme"},
		{"Bank of America", "Bank of America"},
		{"formerly engineer at Acme", "formerly engineer at Acme"},
	}
	for _, tt := range tests {
		if got := employerAfterTitle(tt.part); got != tt.want {
			t.Errorf("employerAfterTitle(%q) = %q, want %q", tt.part, got, tt.want)
		}
	}
}

// TestLabelledRecommendations reads a bold label that asks for
// recommendations as its heading would be read, and recommends the firms
// an answer about whom to follow names with what they are good for.
func TestLabelledRecommendations(t *testing.T) {
	x := newTestExtractor(t)
	in := "---\nguest: Kim Nakashima\n---\n## Lightning round\n\n" +
		"**Favourite service:** Azure Front Door.\n" + // 6
		"**Follow:** @swyx and Kelsey Hightower.\n" + // 7
		"**Worst meeting:** Any with Lena Fischer.\n\n" + // 8
		"## Which companies do you admire?\n\n" + // 10
		"Stripe, for their API design. And Cloudflare, for writing about outages. I also watch their YouTube talks. We left Heroku, for cost reasons.\n" // 12
	facts, err := x.Extract(File{Path: "kim.md", Slug: "kim"}, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	kim := "person/kim-nakashima"
	assertEdges(t, facts, []wantEdge{
		{kim, graph.Recommends, "person/swyx", 7},
		{kim, graph.Recommends, "person/kelsey-hightower", 7},
		{kim, graph.Mentions, "person/lena-fischer", 8},
		{kim, graph.Recommends, "organization/stripe", 12},
		{kim, graph.Recommends, "organization/cloudflare", 12},
		{kim, graph.Mentions, "service/youtube", 12},
	})
	for _, to := range []string{"person/lena-fischer", "service/youtube", "organization/heroku", "service/heroku"} {
		if _, ok := findEdge(facts, kim, graph.Recommends, to); ok {
			t.Errorf("%s was read as recommended", to)
		}
	}
}

// TestListSubjects reads the subjects of a listed person's expertise:
// one joined to a name the dictionary knows is two, a vacuous one none.
func TestListSubjects(t *testing.T) {
	x := newTestExtractor(t)
	in := "---\nguest: Kim Nakashima\n---\n## Who should readers follow?\n\n" +
		"**Jake VanderPlas** - Python for data science\n" + // 6
		"**Angel Pizarro** - genomics workflows on AWS\n" + // 7
		"**Maya Lindgren** - WebAssembly for data tooling\n" + // 8
		"**Lena Fischer** - everything else\n" + // 9
		"**Priyanka Vergadia** - GCP sketchnotes\n" + // 10
		"**Ahmet Balkan** - Cloud Run tips\n" + // 11
		"**Mira Castell** - zines on networking\n" // 12
	facts, err := x.Extract(File{Path: "kim.md", Slug: "kim"}, []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	assertEdges(t, facts, []wantEdge{
		{"person/jake-vanderplas", graph.Covers, "topic/python", 6},
		{"person/jake-vanderplas", graph.Covers, "topic/data-science", 6},
		{"person/angel-pizarro", graph.Covers, "topic/genomics-workflows", 7},
		{"person/angel-pizarro", graph.Covers, "organization/aws", 7},
		{"person/maya-lindgren", graph.Covers, "topic/webassembly-for-data-tooling", 8},
		{"person/priyanka-vergadia", graph.Covers, "organization/gcp", 10},
		{"person/ahmet-balkan", graph.Covers, "service/cloud-run", 11},
		{"person/mira-castell", graph.Covers, "topic/networking", 12},
	})
	for _, e := range facts.Edges {
		if e.From == "person/lena-fischer" && e.Rel == graph.Covers {
			t.Errorf("a vacuous subject was read: %s", e.To)
		}
	}
}

// TestWorksAndAuthors recommends the authors of works listed with
// several authors, not the works.
func TestWorksAndAuthors(t *testing.T) {
	x := fixtureExtractor(t)
	facts := answerFacts(t, x, "Further reading",
		"- *The Phoenix Project* by Gene Kim, Kevin Behr and George Spafford\n"+ // 6
			"- *Team Topologies* (Matthew Skelton & Manuel Pais)") // 7
	var want []wantEdge
	for _, p := range []struct {
		id   string
		line int
	}{{"gene-kim", 6}, {"kevin-behr", 6}, {"george-spafford", 6}, {"matthew-skelton", 7}, {"manuel-pais", 7}} {
		want = append(want, wantEdge{"person/kim-nakashima", graph.Recommends, "person/" + p.id, p.line})
	}
	assertEdges(t, facts, want)
	assertNoEdges(t, facts, []wantEdge{
		{"person/kim-nakashima", graph.Recommends, "person/team-topologies", 0},
		{"person/gene-kim", graph.Covers, "topic/kevin-behr", 0},
		{"person/gene-kim", graph.Covers, "topic/george-spafford", 0},
	})
}

// TestNestedSubjects reads items nested under a listed person who is
// given no subject as that person's subjects, and items nested under
// anything else as entries.
func TestNestedSubjects(t *testing.T) {
	x := fixtureExtractor(t)
	facts := answerFacts(t, x, "Who should readers follow?",
		"1. **Felipe Hoffa**\n"+ // 6
			"   - BigQuery\n"+ // 7
			"   - public datasets\n"+ // 8
			"2. **Lena Fischer** - Spark\n"+ // 9
			"   - Kubernetes\n"+ // 10
			"3. Books:\n"+ // 11
			"   - **Mark Brown** - DevOps\n") // 12
	assertEdges(t, facts, []wantEdge{
		{"person/felipe-hoffa", graph.Covers, "service/bigquery", 7},
		{"person/felipe-hoffa", graph.Covers, "topic/public-datasets", 8},
		{"person/lena-fischer", graph.Covers, "service/spark", 9},
		{"person/kim-nakashima", graph.Recommends, "service/kubernetes", 10},
		{"person/kim-nakashima", graph.Recommends, "person/mark-brown", 12},
		{"person/mark-brown", graph.Covers, "topic/devops", 12},
	})
	assertNoEdges(t, facts, []wantEdge{
		{"person/kim-nakashima", graph.Recommends, "service/bigquery", 0},
		{"person/felipe-hoffa", graph.Covers, "service/kubernetes", 0},
		{"person/lena-fischer", graph.Covers, "service/kubernetes", 0},
	})
}

// TestRoleField reads the employer a role field gives after a job title.
func TestRoleField(t *testing.T) {
	x := newTestExtractor(t)
	tests := []struct {
		role string
		want bool
	}{
		{"Staff SRE, Lantern Freight", true},
		{"Principal Engineer, Lantern Freight", true},
		{"Climber, Lantern Freight", false},
	}
	for _, tc := range tests {
		in := "---\nguest: Kim Nakashima\nrole: \"" + tc.role + "\"\n---\n## What do you do?\n\nPlatforms.\n"
		facts, err := x.Extract(File{Path: "kim.md", Slug: "kim"}, []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		if _, got := findEdge(facts, "person/kim-nakashima", graph.AffiliatedWith, "organization/lantern-freight"); got != tc.want {
			t.Errorf("role %q: affiliated with Lantern Freight = %v, want %v", tc.role, got, tc.want)
		}
	}
}
