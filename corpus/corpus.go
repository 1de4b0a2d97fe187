// Package corpus generates realistic interview corpora for benchmarks and
// load tests: Gatsby, Hugo and Jekyll posts with the front matter, question
// headings, recommendation lists and prose that real interview blogs use.
//
// People and services are drawn from Zipf distributions, so a few people
// are recommended everywhere and most are named once, as on a real blog.
// People are fictional: a given name joined to an invented surname. Output
// is a pure function of (n, seed): the same arguments give the same bytes.
package corpus

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
	"github.com/peoplegraph/peoplegraph/graph"
)

// MaxInterviews is the largest corpus Generate makes: every interview has
// its own guest, and there are this many distinct fictional names.
var MaxInterviews = maxPeople

// Post is one generated interview.
type Post struct {
	Path  string // relative to the corpus root, slash separated
	Slug  string // the interview's slug as the extractor reads it
	Guest string // the interviewee's name
	// Recommended lists the people the guest recommends, in list order.
	Recommended []string
	Data        []byte
}

// Generator makes the posts of one corpus. It is safe for concurrent use.
type Generator struct {
	n        int
	seed     int64
	services []string // by popularity: index 0 is the most named
	topics   []string
	orgs     []string
	// rankToPerson maps a popularity rank to a person number: a bijection
	// rank*mul+add mod maxPeople, so the guest of interview r is the
	// person of rank r and popular people are interviewed early.
	mul, add int
}

// New returns a Generator of n interviews seeded by seed, drawing services,
// topics and organisations from the shipped gazetteer.
func New(n int, seed int64) (*Generator, error) {
	if n < 0 || n > MaxInterviews {
		return nil, fmt.Errorf("corpus: %d interviews: want 0 to %d", n, MaxInterviews)
	}
	gaz, err := gazetteer.Default()
	if err != nil {
		return nil, fmt.Errorf("corpus: load gazetteer: %w", err)
	}
	g := &Generator{n: n, seed: seed, mul: 7919}
	for _, e := range gaz.Entries() {
		if strings.ContainsAny(e.Name, "*_[]()`#<>|:") {
			continue // would be read as markdown or as a list separator
		}
		switch e.Kind {
		case graph.Service:
			g.services = append(g.services, e.Name)
		case graph.Topic:
			g.topics = append(g.topics, e.Name)
		case graph.Organization:
			g.orgs = append(g.orgs, e.Name)
		}
	}
	if len(g.services) == 0 || len(g.topics) == 0 || len(g.orgs) == 0 {
		return nil, fmt.Errorf("corpus: gazetteer has %d services, %d topics, %d organisations; need some of each",
			len(g.services), len(g.topics), len(g.orgs))
	}
	// Which services are popular depends on the seed.
	r := rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))
	for _, s := range [][]string{g.services, g.topics, g.orgs} {
		r.Shuffle(len(s), func(i, j int) { s[i], s[j] = s[j], s[i] })
	}
	g.add = r.IntN(maxPeople)
	return g, nil
}

// Len is the number of interviews.
func (g *Generator) Len() int { return g.n }

// Generate writes a corpus of n interviews under dir: dir/blog/<slug>/index.md
// for Gatsby and Hugo posts and dir/_posts/<date>-<slug>.md for Jekyll ones.
func Generate(dir string, n int, seed int64) error {
	g, err := New(n, seed)
	if err != nil {
		return err
	}
	for i := range n {
		p := g.Post(i)
		path := filepath.Join(dir, filepath.FromSlash(p.Path))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
		if err := os.WriteFile(path, p.Data, 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	return nil
}

// person is the name of the person with popularity rank r.
func (g *Generator) person(r int) string {
	return personName((r*g.mul + g.add) % maxPeople)
}

// postRand is the random source of post i: each post has its own, so any
// post can be made alone and in any order.
func (g *Generator) postRand(i int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(g.seed), uint64(i)+1))
}

// skewed draws indexes below n from a Zipf distribution: index 0 is the
// most frequent, and a long tail is drawn about once each.
type skewed struct {
	z *rand.Zipf
	n int
}

func newSkewed(r *rand.Rand, n int) skewed {
	return skewed{rand.NewZipf(r, 1.2, 2, uint64(n-1)), n}
}

func (s skewed) next() int { return int(s.z.Uint64()) }

// listShape is how a post writes its recommendation list.
type listShape int

const (
	boldShape  listShape = iota // **Name (Org)** - topics
	linkShape                   // - [Name](url) – topics
	commaShape                  // - Name, Org: topics
)

// Post returns interview i, for 0 ≤ i < Len().
func (g *Generator) Post(i int) Post {
	r := g.postRand(i)
	svc := newSkewed(r, len(g.services))
	top := newSkewed(r, len(g.topics))
	org := newSkewed(r, len(g.orgs))
	// Recommended people come from a pool a few times the corpus size, so
	// some are interviewed themselves and many are only ever named.
	people := newSkewed(r, min(maxPeople, max(4*g.n, 1000)))

	guest := g.person(i)
	slug := graph.Slug(guest)
	date := time.Date(2015, 1, 1, 11, 0, 0, 0, time.UTC).Add(time.Duration(i%3650) * 24 * time.Hour).Add(time.Duration(i/3650) * time.Minute)
	theme := g.topics[top.next()]
	title := fmt.Sprintf("%s in production with %s", theme, guest)
	desc := fmt.Sprintf("%s is %s who works on %s.", guest, roles[r.IntN(len(roles))], g.services[svc.next()])

	var b bytes.Buffer
	p := Post{Guest: guest, Slug: slug, Path: "blog/" + slug + "/index.md"}
	switch f := r.IntN(20); {
	case f < 3: // Hugo with TOML front matter
		fmt.Fprintf(&b, "+++\ntitle = %q\ndate = %s\ndescription = %q\ntags = [%q, %q]\n+++\n\n",
			title, date.Format(time.RFC3339), desc, theme, g.topics[top.next()])
	case f < 5: // Jekyll: the slug keeps its date
		p.Slug = date.Format("2006-01-02") + "-" + slug
		p.Path = "_posts/" + p.Slug + ".md"
		fmt.Fprintf(&b, "---\nlayout: post\ntitle: %q\ndate: %s\ncategories: [interviews]\n---\n\n",
			title, date.Format("2006-01-02 15:04:05 -0700"))
	default: // Gatsby with YAML front matter
		fmt.Fprintf(&b, "---\ntitle: %q\ndate: %q\ndescription: %q\nfeaturedImage: ./%s.jpg\n---\n\n",
			title, date.Format("2006-01-02T15:04:05.00Z"), desc, slug)
	}

	heading := func(hs []string) { fmt.Fprintf(&b, "#### %s\n\n", hs[r.IntN(len(hs))]) }
	filler := func() string { return fillerSentences[r.IntN(len(fillerSentences))] }
	services := func(s string) string {
		args := make([]any, strings.Count(s, "%s"))
		for k := range args {
			args[k] = g.services[svc.next()]
		}
		return fmt.Sprintf(s, args...)
	}

	heading(backgroundHeadings)
	fmt.Fprintf(&b, "I am %s at %s. %s %s\n\n", roles[r.IntN(len(roles))], g.orgs[org.next()],
		services(serviceSentences[r.IntN(len(serviceSentences))]), filler())

	heading(stackHeadings)
	for range 1 + r.IntN(2) {
		for range 2 + r.IntN(3) {
			b.WriteString(services(serviceSentences[r.IntN(len(serviceSentences))]))
			b.WriteByte(' ')
		}
		b.WriteString(filler())
		b.WriteString("\n\n")
	}

	for range 1 + r.IntN(3) {
		heading(otherHeadings)
		for range 1 + r.IntN(3) {
			fmt.Fprintf(&b, "%s %s %s %s\n\n", filler(), services(serviceSentences[r.IntN(len(serviceSentences))]),
				filler(), filler())
		}
	}

	heading(adviceHeadings)
	named := g.person(people.next())
	if named == guest {
		named = g.person(people.next() + 1)
	}
	fmt.Fprintf(&b, "%s %s\n\n", fmt.Sprintf(possessiveSentences[r.IntN(len(possessiveSentences))], named, g.topics[top.next()]), filler())

	heading(resourceHeadings)
	b.WriteString("Here are the people I learn the most from:\n\n")
	shape := listShape(r.IntN(3))
	seen := map[string]bool{guest: true}
	for range 3 + r.IntN(10) {
		name := g.person(people.next())
		for seen[name] {
			name = g.person(r.IntN(people.n))
		}
		seen[name] = true
		p.Recommended = append(p.Recommended, name)
		topics := g.topics[top.next()]
		if r.IntN(2) == 0 {
			topics += " / " + g.services[svc.next()]
		}
		switch shape {
		case boldShape:
			if r.IntN(3) == 0 {
				fmt.Fprintf(&b, "**%s** - %s  \n", name, topics)
			} else {
				fmt.Fprintf(&b, "**%s (%s)** - %s  \n", name, g.orgs[org.next()], topics)
			}
		case linkShape:
			fmt.Fprintf(&b, "- [%s](https://example.com/%s) – %s\n", name, graph.Slug(name), topics)
		case commaShape:
			fmt.Fprintf(&b, "- %s, %s: %s\n", name, g.orgs[org.next()], topics)
		}
	}
	b.WriteString("\n")
	p.Data = b.Bytes()
	p.Path = path.Clean(p.Path)
	return p
}

// Service is the service of popularity rank r (0 is the most named).
func (g *Generator) Service(r int) string { return g.services[r%len(g.services)] }

// Topic is the topic of popularity rank r (0 is the most named).
func (g *Generator) Topic(r int) string { return g.topics[r%len(g.topics)] }

// Person is the person of popularity rank r: the most recommended for
// small r, and the guest of interview r when r < Len().
func (g *Generator) Person(r int) string { return g.person(r) }
