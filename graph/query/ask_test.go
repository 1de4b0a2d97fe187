package query

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

func TestAsk(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name     string
		question string
		form     string
		// want is the answer's names in order: people for who-covers,
		// items for lists, every node along the path for paths.
		want []string
	}{
		{"who covers", "Who covers Kubernetes?", FormWhoCovers, []string{"Kelsey Hightower", "Bridget Kromhout", "Lynn Langit", "Priya Raman"}},
		{"who knows about", "who knows about k8s", FormWhoCovers, []string{"Kelsey Hightower", "Bridget Kromhout", "Lynn Langit", "Priya Raman"}},
		{"who is an expert in", "Who is an expert in machine learning?", FormWhoCovers, []string{"Rachel Tatman", "Laurence Moroney", "Sara Robinson", "Lynn Langit"}},
		{"who talks about", "who talks about DevOps", FormWhoCovers, []string{"Nicole Forsgren", "Paul Stack", "Lynn Langit"}},
		{"quoted topic", `who covers "Security"?`, FormWhoCovers, []string{"Teri Radichel", "Troy Hunt", "Lynn Langit"}},
		{"who recommends", "Who recommends Kelsey Hightower?", FormRecommendedBy, []string{"Lynn Langit", "Priya Raman"}},
		{"whom does recommend", "Whom does Priya Raman recommend?", FormRecommends, []string{"Serverless, Inc.", "Charity Majors", "Kelsey Hightower", "Lynn Langit"}},
		{"who does recommend", "who does priya raman recommend", FormRecommends, []string{"Serverless, Inc.", "Charity Majors", "Kelsey Hightower", "Lynn Langit"}},
		{"what does cover", "What does Troy Hunt cover?", FormCovers, []string{"Azure", "Security"}},
		{"who works at", "Who works at Honeycomb?", FormAffiliates, []string{"Charity Majors"}},
		{"how is connected", "How is Troy Hunt connected to Priya Raman?", FormPath, []string{"Troy Hunt", "Lynn Langit", "Priya Raman"}},
		{"how are and connected", "how are Troy Hunt and Priya Raman connected", FormPath, []string{"Troy Hunt", "Lynn Langit", "Priya Raman"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Ask(g, tt.question)
			if err != nil {
				t.Fatal(err)
			}
			if res.Form != tt.form {
				t.Fatalf("form %s, want %s", res.Form, tt.form)
			}
			var got []string
			switch {
			case res.WhoCovers != nil:
				got = names(res.WhoCovers.Answers)
			case res.List != nil:
				got = itemNames(res.List.Items)
			case res.Path != nil:
				got = append(got, res.Path.From.Name)
				for _, s := range res.Path.Steps {
					got = append(got, s.To.Name)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("answer %q, want %q", got, tt.want)
			}
			var buf bytes.Buffer
			if err := res.WriteText(&buf); err != nil || buf.Len() == 0 {
				t.Errorf("text %q, %v", buf.String(), err)
			}
		})
	}
}

func TestAskErrors(t *testing.T) {
	g := fixtureGraph(t)
	tests := []struct {
		name, question string
		check          func(error) bool
	}{
		{"unknown form", "what is the meaning of life?", func(err error) bool {
			var u *UnknownQuestionError
			return errors.As(err, &u) && len(u.Forms) == len(questionForms)
		}},
		{"empty", "", func(err error) bool {
			var u *UnknownQuestionError
			return errors.As(err, &u)
		}},
		{"typo in the topic", "who covers kuberntes?", func(err error) bool {
			var nf *NotFoundError
			return errors.As(err, &nf) && len(nf.Suggestions) > 0 && nf.Suggestions[0].ID == "service/kubernetes"
		}},
		{"ambiguous subject", "who covers serverless", func(err error) bool {
			var amb *AmbiguousError
			return errors.As(err, &amb)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Ask(g, tt.question)
			if !tt.check(err) {
				t.Fatalf("Ask(%q) error %v", tt.question, err)
			}
		})
	}
}

func TestAskGolden(t *testing.T) {
	g := fixtureGraph(t)
	res, err := Ask(g, "Who recommends Charity Majors?")
	if err != nil {
		t.Fatal(err)
	}
	assertGoldenJSON(t, "ask-who-recommends-charity-majors.json", res)
	_, err = Ask(g, "what's up")
	assertGolden(t, "ask-unknown.txt", []byte(err.Error()+"\n"))
}

func FuzzAsk(f *testing.F) {
	g := fixtureGraph(f)
	for _, s := range []string{
		"who covers kubernetes?", "whom does Lynn Langit recommend", "how are a and b connected",
		"how is  connected to ", "who covers \"\"", "who works at", "what does '' cover", "", "???", "who covers “k8s”",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, question string) {
		res, err := Ask(g, question)
		if (res == nil) == (err == nil) {
			t.Fatalf("Ask(%q) = %v, %v: want exactly one of answer and error", question, res, err)
		}
		if res != nil {
			var buf bytes.Buffer
			if err := res.WriteText(&buf); err != nil {
				t.Fatal(err)
			}
		}
	})
}
