package gazetteer

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

func TestPlainASCII(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"empty", "", true},
		{"words", "AWS Lambda, S3 and CI/CD.", true},
		{"leading and trailing space", " S3 ", true},
		{"two spaces", "Google  App Engine", false},
		{"tab", "S3\tLambda", false},
		{"newline", "S3\n", false},
		{"vertical tab", "S3\vLambda", false},
		{"non-ASCII", "Ünïcödé", false},
		{"invalid UTF-8", "\xffS3", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := plainASCII(tc.in); got != tc.want {
				t.Errorf("plainASCII(%q) = %v, want %v", tc.in, got, tc.want)
			}
			checkPlainASCII(t, tc.in)
		})
	}
}

// FuzzPlainASCII checks that when plainASCII holds, appendLowerASCII gives what
// normalize gives and normalize keeps every offset.
func FuzzPlainASCII(f *testing.F) {
	for _, s := range []string{
		"AWS Lambda", " x ", "a  b", "A\tB", "Ä",
		// Eight bytes at a time: two spaces across words, a control
		// byte or a non-ASCII one past the first word, @ [ ` { around
		// the letters.
		"ABCDEFG  HIJKLMNOP", "Amazon Web Services S3", "ABCDEFGHIJKL\tM", "ABCDEFGHIJKÄ", "@AZ[`az{ @AZ[`az{",
	} {
		f.Add(s)
	}
	f.Fuzz(checkPlainASCII)
}

func checkPlainASCII(t *testing.T, s string) {
	t.Helper()
	lowered, ok := appendLowerPlainASCII(nil, s)
	if ok != plainASCII(s) {
		t.Errorf("appendLowerPlainASCII(%q) reports plain %v, plainASCII %v", s, ok, plainASCII(s))
	}
	if !ok {
		return
	}
	var off []int
	norm := normalize(s, &off)
	if got := appendLowerASCII(nil, s); string(got) != string(norm) {
		t.Errorf("appendLowerASCII(%q) = %q, normalize gives %q", s, got, norm)
	}
	if string(lowered) != string(norm) {
		t.Errorf("appendLowerPlainASCII(%q) = %q, normalize gives %q", s, lowered, norm)
	}
	identity := make([]int, len(s)+1)
	for i := range identity {
		identity[i] = i
	}
	if !slices.Equal(off, identity) {
		t.Errorf("normalize(%q) moves offsets: %v", s, off)
	}
}

// TestKeysAsFold checks the non-allocating key and fold against the plain
// forms: key as normalize trimmed, fold as graph.Fold.
func TestKeysAsFold(t *testing.T) {
	for _, s := range []string{"", " ", "CI/CD", " AWS  Lambda ", "C++", "Ünïcödé Names", "a\tb", "\xffS3", "x--y__z", " S3 "} {
		checkKeys(t, s)
	}
}

func FuzzKeys(f *testing.F) {
	for _, s := range []string{"CI/CD", " AWS Lambda ", "Ä b", "a\u00a0b"} {
		f.Add(s)
	}
	f.Fuzz(checkKeys)
}

func checkKeys(t *testing.T, s string) {
	t.Helper()
	if got, want := string(appendKey([]byte("x"), s)), "x"+strings.TrimSpace(string(normalize(s, nil))); got != want {
		t.Errorf("appendKey(%q) = %q, want %q", s, got, want)
	}
}

// alnum keeps only the letters and digits of s, case intact: two names
// with equal alnum are the same name written with other punctuation.
func alnum(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func checkSameAlnum(t *testing.T, a, b string) {
	t.Helper()
	if got, want := sameAlnum(a, b), alnum(a) == alnum(b); got != want {
		t.Errorf("sameAlnum(%q, %q) = %v, want %v", a, b, got, want)
	}
}

func TestSameAlnum(t *testing.T) {
	tests := [][2]string{
		{"CI/CD", "CI CD"}, {"CI/CD", "ci/cd"}, {"C++", "C#"}, {"", "--"}, {"a", ""}, {"Node.js", "NodeJS"},
		{"Zoë", "Zo ë"}, {"\xffab", "a\xfeb"}, {"ab", "abc"}, {"x1", "x 1!"},
	}
	for _, tc := range tests {
		t.Run(tc[0]+"|"+tc[1], func(t *testing.T) { checkSameAlnum(t, tc[0], tc[1]) })
	}
}

func FuzzSameAlnum(f *testing.F) {
	f.Add("CI/CD", "CI CD")
	f.Add("Zoë", "zoe")
	f.Fuzz(func(t *testing.T, a, b string) { checkSameAlnum(t, a, b) })
}
