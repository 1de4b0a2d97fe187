package query

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// The forms of question Ask understands, as AskResult.Form reports them.
const (
	FormWhoCovers     = "who_covers"
	FormRecommendedBy = "recommended_by"
	FormRecommends    = "recommends"
	FormCovers        = "covers"
	FormAffiliates    = "affiliates"
	FormPath          = "path"
)

// questionForm is one shape of question: a pattern whose groups capture
// the names it is about, and how it reads to a user.
type questionForm struct {
	form    string
	pattern *regexp.Regexp
	example string
}

// questionForms are tried in order; the first match wins. Patterns match
// the question with its trailing punctuation removed and are
// case-insensitive.
var questionForms = []questionForm{
	{FormRecommends, regexp.MustCompile(`(?i)^(?:who|whom|what)\s+(?:does|did)\s+(.+?)\s+recommend$`),
		"whom does X recommend / who does X recommend"},
	{FormRecommends, regexp.MustCompile(`(?i)^(?:who|what)\s+(?:is|are|was|were)\s+recommended\s+by\s+(.+)$`),
		"who is recommended by X"},
	{FormRecommendedBy, regexp.MustCompile(`(?i)^who\s+(?:recommends|recommended)\s+(.+)$`),
		"who recommends X"},
	{FormWhoCovers, regexp.MustCompile(`(?i)^who\s+(?:covers|knows\s+about|knows|is\s+an\s+expert\s+(?:in|on)|are\s+(?:the\s+)?experts\s+(?:in|on)|talks\s+about|writes\s+about|should\s+i\s+follow\s+(?:for|on))\s+(.+)$`),
		"who covers|knows about|is an expert in|talks about X"},
	{FormCovers, regexp.MustCompile(`(?i)^what\s+(?:does|did)\s+(.+?)\s+(?:cover|know\s+about|talk\s+about)$`),
		"what does X cover"},
	{FormAffiliates, regexp.MustCompile(`(?i)^who\s+(?:works|worked|is)\s+(?:at|for|with)\s+(.+)$`),
		"who works at X"},
	{FormPath, regexp.MustCompile(`(?i)^how\s+(?:is|are)\s+(.+?)\s+(?:connected|related|linked)\s+(?:to|with)\s+(.+)$`),
		"how is A connected to B"},
	{FormPath, regexp.MustCompile(`(?i)^how\s+are\s+(.+?)\s+and\s+(.+?)\s+(?:connected|related|linked)$`),
		"how are A and B connected"},
}

// UnknownQuestionError says that a question matches none of the forms Ask
// understands; Forms lists them.
type UnknownQuestionError struct {
	Question string   `json:"question"`
	Forms    []string `json:"forms"`
}

func (e *UnknownQuestionError) Error() string {
	return fmt.Sprintf("cannot answer %q; ask one of: %s", e.Question, strings.Join(e.Forms, "; "))
}

// AskResult is the answer to a plain-English question: Form says which
// query answered it and exactly one of the result fields is set.
type AskResult struct {
	Question  string           `json:"question"`
	Form      string           `json:"form"`
	WhoCovers *WhoCoversResult `json:"who_covers,omitempty"`
	List      *ListResult      `json:"list,omitempty"`
	Path      *PathResult      `json:"path,omitempty"`
}

// Ask answers a question in plain English by mapping it onto WhoCovers,
// RecommendedBy, Recommends, Covers, Affiliates or Path. A question of no
// known form is an *UnknownQuestionError; names that resolve to nothing
// are a *NotFoundError.
func Ask(g *graph.Graph, question string) (*AskResult, error) {
	q := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(question), "?!. "))
	for _, f := range questionForms {
		m := f.pattern.FindStringSubmatch(q)
		if m == nil {
			continue
		}
		args := make([]string, len(m)-1)
		for i, s := range m[1:] {
			args[i] = unquote(s)
		}
		return answer(g, question, f.form, args)
	}
	err := &UnknownQuestionError{Question: question}
	for _, f := range questionForms {
		err.Forms = append(err.Forms, f.example)
	}
	return nil, err
}

func answer(g *graph.Graph, question, form string, args []string) (*AskResult, error) {
	res := &AskResult{Question: question, Form: form}
	var err error
	switch form {
	case FormWhoCovers:
		res.WhoCovers, err = WhoCovers(g, args[0], WhoCoversOptions{})
	case FormRecommendedBy:
		res.List, err = RecommendedBy(g, args[0])
	case FormRecommends:
		res.List, err = Recommends(g, args[0])
	case FormCovers:
		res.List, err = Covers(g, args[0])
	case FormAffiliates:
		res.List, err = Affiliates(g, args[0])
	case FormPath:
		res.Path, err = Path(g, args[0], args[1])
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// unquote trims space and one pair of surrounding quotes from a name.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	for _, q := range []string{`"`, `'`, "`", "“”", "‘’"} {
		open, close := q, q
		if r := []rune(q); len(r) == 2 {
			open, close = string(r[0]), string(r[1])
		}
		if len(s) >= len(open)+len(close) && strings.HasPrefix(s, open) && strings.HasSuffix(s, close) {
			return strings.TrimSpace(s[len(open) : len(s)-len(close)])
		}
	}
	return s
}
