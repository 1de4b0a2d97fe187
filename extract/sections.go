package extract

import (
	"bytes"
	"strings"

	"github.com/peoplegraph/peoplegraph/graph"
)

// SectionClass is what an interviewer's question asks about.
type SectionClass string

// The section classes.
const (
	// Preamble is text before the first question: the interviewer's.
	Preamble   SectionClass = "preamble"
	Background SectionClass = "background"
	Stack      SectionClass = "stack"
	Advice     SectionClass = "advice"
	// Resources asks whom or what readers should follow or read; people
	// named there are recommended.
	Resources SectionClass = "resources"
	Other     SectionClass = "other"
)

// headingCues maps phrases (folded) to the class they signal, strongest
// class first: a heading asking for "resources" and "advice" at once is a
// resources question.
var headingCues = []struct {
	class   SectionClass
	phrases []string
}{
	{Resources, []string{
		"resources", "who should", "whom should", "who do you follow", "who to follow",
		"people to follow", "people you follow", "follow", "recommend", "favorite people",
		"favourite people", "people blogs", "blogs", "newsletters", "podcasts", "books", "book",
		"reading list", "learn more", "learning more", "who inspires", "inspired you",
		"shout out", "shoutout", "role models", "mentors", "whose work", "heroes",
		"admire", "look up to", "learn from", "recommendations", "must read",
		"who else should", "interview next", "nominate", "inspire",
		"are you reading", "been reading", "worth reading", "do you read", "keep up with", "stay up to date", "listen to",
		"links", "who taught", "who influenced", "learned the most from",
		"who shaped", "who has shaped", "who has influenced", "who has inspired", "whose ideas",
		"hear from", "next guest", "who would you like", "further reading", "suggested reading",
	}},
	{Background, []string{
		"background", "working on", "about yourself", "introduce yourself", "who are you",
		"tell us about you", "your role", "what do you do", "your journey", "how did you get",
		"how did you start", "your career", "your story",
	}},
	{Stack, []string{
		"stack", "tools", "tooling", "technologies", "tech", "languages", "frameworks",
		"services do you use", "platform", "infrastructure", "architecture",
	}},
	{Advice, []string{
		"advice", "tips", "starting out", "getting started", "beginners", "newcomers",
		"lessons", "mistakes", "wish you had known", "wish you knew",
	}},
}

// ClassifyHeading classifies a question heading by its wording. An empty
// heading is the preamble.
func ClassifyHeading(heading string) SectionClass {
	var buf [128]byte // most headings fold on the stack
	f := graph.AppendFold(buf[:0], heading)
	if len(f) == 0 {
		return Preamble
	}
	// A folded heading is words joined by single spaces, so a cue form
	// occurs in it exactly where its words follow one another.
	best := len(headingCues)
	for i := 0; i < len(f); {
		end := wordEnd(f, i)
		for _, form := range headingCueForms[string(f[i:end])] {
			if form.class < best && wordsFollow(f, end, form.rest) {
				best = form.class
			}
		}
		i = end + 1
	}
	if best == len(headingCues) {
		return Other
	}
	return headingCues[best].class
}

// wordEnd returns where the word of f starting at i ends.
func wordEnd(f []byte, i int) int {
	if j := bytes.IndexByte(f[i:], ' '); j >= 0 {
		return i + j
	}
	return len(f)
}

// wordsFollow reports whether words are the words of f after offset at.
func wordsFollow(f []byte, at int, words []string) bool {
	for _, w := range words {
		if at >= len(f) || f[at] != ' ' {
			return false
		}
		end := wordEnd(f, at+1)
		if string(f[at+1:end]) != w {
			return false
		}
		at = end
	}
	return true
}

// headingCueForms indexes headingCues' phrases by first word, in the forms
// ClassifyHeading looks for: the phrase as words, or with its last word
// as the stem of "follows", "following".
var headingCueForms = cueForms()

// cueForm is one form of a cue phrase after its first word.
type cueForm struct {
	class int      // index in headingCues
	rest  []string // the words after the first
}

func cueForms() map[string][]cueForm {
	out := map[string][]cueForm{}
	for i, cue := range headingCues {
		for _, p := range cue.phrases {
			for _, suffix := range []string{"", "s", "ing"} {
				words := strings.Split(p+suffix, " ")
				out[words[0]] = append(out[words[0]], cueForm{class: i, rest: words[1:]})
			}
		}
	}
	return out
}
