package extract

import (
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
		"favourite people", "people blogs", "blogs", "newsletters", "podcasts", "books",
		"reading list", "learn more", "learning more", "who inspires", "inspired you",
		"shout out", "shoutout", "role models", "mentors", "whose work", "heroes",
		"admire", "look up to", "learn from", "recommendations", "must read",
		"who else should", "interview next", "nominate", "inspire",
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
	f := " " + graph.Fold(heading) + " "
	if strings.TrimSpace(f) == "" {
		return Preamble
	}
	for _, cue := range headingCueForms {
		for _, form := range cue.forms {
			if strings.Contains(f, form) {
				return cue.class
			}
		}
	}
	return Other
}

// headingCueForms are headingCues' phrases as the space-delimited forms
// ClassifyHeading looks for: the phrase as words, or as the stem of
// "follows", "following". Each class keeps its phrases' order.
var headingCueForms = cueForms()

func cueForms() []classForms {
	out := make([]classForms, len(headingCues))
	for i, cue := range headingCues {
		out[i].class = cue.class
		for _, p := range cue.phrases {
			out[i].forms = append(out[i].forms, " "+p+" ", " "+p+"s ", " "+p+"ing ")
		}
	}
	return out
}

type classForms struct {
	class SectionClass
	forms []string
}
