package query

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// textWriter keeps the first write error so the WriteText methods can
// print line after line and check once.
type textWriter struct {
	w   io.Writer
	err error
}

func (t *textWriter) printf(format string, args ...any) {
	if t.err != nil {
		return
	}
	_, t.err = fmt.Fprintf(t.w, format, args...)
}

func (t *textWriter) write(b []byte) {
	if t.err != nil {
		return
	}
	_, t.err = t.w.Write(b)
}

// WriteText prints the answers one per line, each with its first piece of
// evidence, e.g. "Kelsey Hightower — recommended by Lynn Langit for
// Kubernetes (lynn-langit:65: **Kelsey Hightower (Google)** - Kubernetes)",
// and the rest of its evidence indented below.
func (r *WhoCoversResult) WriteText(w io.Writer) error {
	t := &textWriter{w: w}
	t.printf("Who covers %s (%s), ranked by %s", r.Topic.Name, r.Topic.ID, r.ScoreBy)
	if r.Broad && len(r.Includes) > 0 {
		names := make([]string, len(r.Includes))
		for i, c := range r.Includes {
			names[i] = c.Name
		}
		t.printf(", including %s", strings.Join(names, ", "))
	}
	t.printf(":\n")
	if len(r.Answers) == 0 {
		t.printf("  nobody\n")
	}
	tier := 0
	// Lines are appended to line rather than formatted: a popular topic
	// has thousands of answers.
	var line []byte
	for _, a := range r.Answers {
		if a.Tier != tier {
			tier = a.Tier
			t.printf("%s:\n", tierHeadings[tier])
		}
		line = appendPadded(line[:0], a.Rank, 3)
		line = append(append(append(line, ". "...), a.Person.Name...), " — "...)
		line = append(a.Evidence[0].appendSentence(line), '\n')
		more := a.Evidence[1:]
		shown := more[:min(len(more), maxMoreEvidence)]
		for _, ev := range shown {
			line = append(ev.appendSentence(append(line, "       "...)), '\n')
		}
		t.write(line)
		if rest := len(more) - len(shown) + a.EvidenceOmitted; rest > 0 {
			t.printf("       and %d more sources\n", rest)
		}
	}
	return t.err
}

// appendPadded appends n right-aligned in width columns, as %*d prints it.
func appendPadded(b []byte, n, width int) []byte {
	digits := strconv.Itoa(n)
	for range width - len(digits) {
		b = append(b, ' ')
	}
	return append(b, digits...)
}

// maxMoreEvidence bounds the evidence lines text output prints below an
// answer's first; JSON output has them all.
const maxMoreEvidence = 3

var tierHeadings = map[int]string{
	TierCovers:     "Cover it",
	TierAffiliated: "Affiliated with it or its provider",
	TierMentions:   "Mention it",
}

// appendSentence appends the evidence's phrase with its citation.
func (ev Evidence) appendSentence(b []byte) []byte {
	b = append(ev.appendPhrase(b), " ("...)
	return append(appendCite(b, ev.Source), ')')
}

// WriteText prints the card: identity, centrality ranks, then every
// relation with its sources.
func (c *Card) WriteText(w io.Writer) error {
	t := &textWriter{w: w}
	t.printf("%s (%s) %s\n", c.Name, c.Kind, c.ID)
	if len(c.Aliases) > 0 {
		t.printf("  also known as: %s\n", strings.Join(c.Aliases, ", "))
	}
	if c.URL != "" {
		t.printf("  url: %s\n", c.URL)
	}
	for _, r := range c.Ranks {
		t.printf("  %s: %.4g (#%d of %d)\n", r.By, r.Value, r.Rank, r.Of)
	}
	if c.Centrality != nil {
		t.printf("  community: %d (%d nodes)\n", c.Centrality.Community, c.CommunitySize)
	}
	for _, g := range c.Relations {
		t.printf("%s:\n", g.Label)
		writeRelated(t, g.Items)
	}
	return t.err
}

func writeRelated(t *textWriter, items []Related) {
	for _, it := range items {
		t.printf("  %s (%s) — %s\n", it.Node.Name, it.Node.Kind, citeAll(it.Sources))
	}
}

// WriteText prints the subject, the relation, and each item with what it
// is for and where it was read.
func (r *ListResult) WriteText(w io.Writer) error {
	t := &textWriter{w: w}
	t.printf("%s %s:\n", r.Subject.Name, r.Label)
	if len(r.Items) == 0 {
		t.printf("  nothing\n")
	}
	for _, it := range r.Items {
		t.printf("  %s", it.Node.Name)
		if len(it.For) > 0 {
			names := make([]string, len(it.For))
			for i, f := range it.For {
				names[i] = f.Node.Name
			}
			t.printf(" for %s", strings.Join(names, ", "))
		}
		t.printf(" (%s)\n", citeAll(it.Sources))
	}
	return t.err
}

// WriteText prints the path one step a line, each with its sources.
func (r *PathResult) WriteText(w io.Writer) error {
	t := &textWriter{w: w}
	switch {
	case !r.Found:
		t.printf("%s and %s are not connected\n", r.From.Name, r.To.Name)
		return t.err
	case r.Length == 0:
		t.printf("%s is %s\n", r.From.Name, r.To.Name)
		return t.err
	}
	t.printf("%s → %s in %d steps:\n", r.From.Name, r.To.Name, r.Length)
	for _, s := range r.Steps {
		t.printf("  %s %s %s (%s)\n", s.From.Name, s.Label, s.To.Name, citeAll(s.Sources))
	}
	return t.err
}

// WriteText prints the matching nodes, then the matching source lines.
func (r *SearchResult) WriteText(w io.Writer) error {
	t := &textWriter{w: w}
	t.printf("Names matching %q:\n", r.Query)
	if len(r.Nodes) == 0 {
		t.printf("  none\n")
	}
	for _, m := range r.Nodes {
		t.printf("  %s (%s) %s — %s match on %q\n", m.Node.Name, m.Node.Kind, m.Node.ID, m.Match, m.Matched)
	}
	t.printf("Lines mentioning %q:\n", r.Query)
	if len(r.Lines) == 0 {
		t.printf("  none\n")
	}
	for _, l := range r.Lines {
		t.printf("  %s\n", cite(graph.Source{Interview: l.Interview, Line: l.Line, Text: l.Text}))
		for _, f := range l.Facts {
			t.printf("    %s %s %s\n", f.From.Name, relLabel(f.Rel, true), f.To.Name)
		}
	}
	return t.err
}

// WriteText prints one interview a line.
func (r *InterviewsResult) WriteText(w io.Writer) error {
	t := &textWriter{w: w}
	for _, iv := range r.Interviews {
		guest := "unknown guest"
		if iv.Guest != nil {
			guest = iv.Guest.Name
		}
		t.printf("%s  %s  %q with %s: %d nodes, %d edges\n", iv.Slug, iv.Date, iv.Title, guest, iv.Nodes, iv.Edges)
	}
	return t.err
}

// WriteText prints the ranking one node a line.
func (r *TopResult) WriteText(w io.Writer) error {
	t := &textWriter{w: w}
	kind := "nodes"
	if r.Kind != "" {
		kind = string(r.Kind) + " nodes"
	}
	t.printf("Top %s by %s:\n", kind, r.By)
	writeEntries(t, r.Entries)
	return t.err
}

func writeEntries(t *textWriter, es []TopEntry) {
	for _, e := range es {
		t.printf("%4d. %s (%s) %.4g\n", e.Rank, e.Node.Name, e.Node.Kind, e.Value)
	}
}

// WriteText prints each community with its most central members.
func (r *CommunitiesResult) WriteText(w io.Writer) error {
	t := &textWriter{w: w}
	t.printf("%d communities, modularity %.3f\n", len(r.Communities), r.Modularity)
	for _, c := range r.Communities {
		t.printf("Community %d (%d nodes):\n", c.ID, c.Size)
		writeEntries(t, c.Members)
	}
	return t.err
}

// WriteText prints whichever answer the question got.
func (r *AskResult) WriteText(w io.Writer) error {
	switch {
	case r.WhoCovers != nil:
		return r.WhoCovers.WriteText(w)
	case r.List != nil:
		return r.List.WriteText(w)
	case r.Path != nil:
		return r.Path.WriteText(w)
	}
	return nil
}
