package extract

import (
	"strings"
	"testing"
)

// checkTitleNeeds fails when a title pattern matches an ASCII title that
// lacks all of the pattern's needs, which guestFromTitle would skip.
func checkTitleNeeds(t *testing.T, title string) {
	t.Helper()
	if !isASCII(title) {
		return
	}
	for i, p := range titlePatterns {
		if p.re.MatchString(title) && !containsAny(strings.ToLower(title), p.needs...) {
			t.Errorf("title pattern %d matches %q, which has none of %q", i, title, p.needs)
		}
	}
}

func TestTitlePatternNeeds(t *testing.T) {
	for _, title := range []string{
		"Five Questions for Jane Doe",
		"Q & A with Jane Doe",
		"AMA with Jane Doe",
		"Interview: Jane Doe",
		"An interview with - Jane Doe",
		"Meet Jane Doe",
		"Spotlight: Jane Doe",
		"Talking to Jane Doe",
		"Serverless in production with Jane Doe",
		"Written by Jane Doe",
		"Jane Doe: serverless at scale",
		"Jane Doe on serverless",
		"Jane Doe talks serverless",
		"Serverless | Jane Doe",
		"Serverless - Jane Doe",
		"Nothing to see here",
	} {
		t.Run(title, func(t *testing.T) { checkTitleNeeds(t, title) })
	}
}

func FuzzTitlePatternNeeds(f *testing.F) {
	f.Add("Five Questions for Jane Doe")
	f.Add("Jane Doe on serverless")
	f.Add("Meet Jane Doe")
	f.Fuzz(checkTitleNeeds)
}
