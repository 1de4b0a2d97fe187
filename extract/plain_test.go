package extract

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/yuin/goldmark/parser"
)

// parseWhole is parse with the whole body given to the markdown parser,
// as it was before plain blocks were read without it.
func parseWhole(t *testing.T, md parser.Parser, data []byte) (*Document, error) {
	t.Helper()
	if err := checkContent(data); err != nil {
		return nil, err
	}
	fm, body, err := splitFrontMatter(data)
	if err != nil {
		return nil, err
	}
	doc := &Document{Front: fm, Sections: []Section{{}}}
	p := &mdParser{md: md}
	p.cur = &doc.Sections[0]
	p.markdown(doc, body, fm.EndLine)
	dropEmptyPreamble(doc)
	classify(doc.Sections)
	return doc, nil
}

// checkPlainBlocks compares parse with parseWhole.
func checkPlainBlocks(t *testing.T, md parser.Parser, data []byte) {
	t.Helper()
	got, gotErr := parse(md, data)
	want, wantErr := parseWhole(t, md, data)
	if (gotErr == nil) != (wantErr == nil) {
		t.Fatalf("parse error %v, the markdown parser alone gives %v", gotErr, wantErr)
	}
	if gotErr == nil && !reflect.DeepEqual(got.Sections, want.Sections) {
		t.Errorf("parse(%q)\n got %+v\nwant %+v (the markdown parser alone)", data, got.Sections, want.Sections)
	}
}

// plainBlockCases are bodies that hold plain blocks, markup and what
// lies between; they also seed FuzzPlainBlocks.
var plainBlockCases = []struct {
	name string
	body string
}{
	{"headings and paragraphs", "# Title\n\nIntro text here.\nSecond line.\n\n## Question?\nAnswer right after the heading.\n\nMore.\n"},
	{"no final newline", "## Q\n\nAnswer"},
	{"list after a paragraph", "Intro.\n- Jane Doe - ML\n\nAfter the list.\n"},
	{"list between paragraphs", "Intro.\n\n- [Jane Doe](https://x) – ML\n- Bo Chan\n\nAfter the list.\n\n1. one\n\nEnd.\n"},
	{"lazy continuation", "- item\ncontinues the item.\n\nNext.\n"},
	{"setext heading", "Title text\n=====\n\nBody.\n\nOther\n---\n"},
	{"thematic break", "Text.\n\n---\n\nMore text.\n"},
	{"question paragraphs", "Q: what do you do?\n\nI build things.\n\n**What next?**\n\nMore.\n"},
	{"quote", "> Quoted text\n\nPlain after.\n"},
	{"indented code", "Text.\n\n    code line\n\n    more code\nPlain.\n\nEnd.\n"},
	{"table", "Intro.\n\n| Name | Org |\n|---|---|\n| Ann Lee | Acme |\n\nAfter.\n"},
	{"heading with closing hashes", "## Who? ##\n\nText.\n"},
	{"heading without text", "##\n\nText.\n"},
	{"heading with spaces", "##   Who?\n\nText.\n###### Six\n\n####### Seven\n\n#Tight\n"},
	{"heading interrupting", "Text\n## Heading\nMore\n"},
	{"fenced code across empty lines", "Text.\n\n```\ncode\n\nStill code\n```\n\nAfter.\n"},
	{"html across empty lines", "<pre>\nx\n\nStill html\n</pre>\n\nAfter.\n"},
	{"link reference", "See [Jane][j].\n\nMore.\n\n[j]: https://example.com\n"},
	{"hard line break", "Line one  \nLine two\n\nEnd.\n"},
	{"tabs and trailing spaces", "Tab\there.\n\nTrailing \n\nEnd.\n"},
	{"crlf", "## Q\r\n\r\nAnswer.\r\n"},
	{"whitespace-only line", "Text.\n   \nMore.\n"},
	{"entities and escapes", "Ann &amp; Bo.\n\nA \\*star\\*.\n"},
	{"unicode", "Zoë Ünal works at Société Générale.\n\n## Qué?\n\nSí.\n"},
	{"many stretches", "A.\n\n- a\n\nB.\n\n- b\n\nC.\n\n- c\n\nD.\n\n- d\n\nE.\n\n- e\n\nF.\n\n- f\n\nG.\n\n- g\n\nH.\n\n- h\n\nI.\n\n- i\n"},
	{"plain lists", "## Who?\n\n- [Jane Doe](https://example.com/jane-doe) – ML / IoT\n- Bo Chan, Acme: Go\n* [Ann Lee](https://x.io/a?b=1#c)\n+ Tom\n\nAfter.\n"},
	{"plain list after a heading", "## Who?\n- Jane Doe\n- Bo Chan\n## Next\n"},
	{"plain list at the end", "- Jane Doe\n- [Bo Chan](https://x)"},
	{"loose plain list", "- Jane Doe\n\n- Bo Chan\n\n\n- Ann Lee\n"},
	{"item continued after an empty line", "- Jane Doe\n\n  More about Jane.\n\nEnd.\n"},
	{"nested list after an empty line", "- Jane Doe\n\n  - Bo Chan\n"},
	{"lazy item continuation", "- Jane Doe\nwrites about ML\n\nEnd.\n"},
	{"item with markup", "- Jane Doe\n- *Bo* Chan\n- Ann & Lee\n- [Al](x) and [Bo](y)\n"},
	{"items that are not plain", "- \n-  Jane\n-\tJane\n- 1. Jane\n- # Jane\n- > Jane\n- - -\n- Jane \n- [](x)\n- [Jane]()\n- [ Jane](x)\n- [Jane](<x>)\n- [Jane](x \"t\")\n- [Jane](a(b))\n- [Jane](x\\_y)\n- [Jane](x&amp;y)\n- [Jane] (x)\n"},
	{"thematic break after a list", "- Jane Doe\n---\n\n- Bo\n***\n"},
	{"strong-led lines", "## Who?\n\n**Rita Ravic (Twilio)** - Data  \n**Nina Hartino** - Autoscaling / AWS  \n**Bo (A & B)**\n\n**What next?**\n\nEnd.\n"},
	{"strong that is not plain", "**Rita**Ravic\n\n** Rita**\n\n**Rita **\n\n**Rita*\n\n**Rita*** x\n\n***Rita***\n\n**Rita** *x*\n\n**(Rita)** x\n\n****\n"},
	{"link-led paragraph lines", "[Jane Doe](https://x) writes.\n[Bo](y) too  \nAnd Ann.\n"},
	{"literal marks", "C# & F# > Go! Really #1.\n\n- Ann & Bo: C#\n\nA &amp; B &#42; c.\n"},
	{"marks opening a line", "Text\n# heading\n\nText\n> quote\n\nText\n![img](x)\n\n!Bang\n"},
	{"trailing spaces", "Text \nMore  \nEnd   \n\n- Jane  \n- Bo \n"},
	{"ordered list", "1. Jane Doe\n2. Bo Chan\n\n3) Ann\n"},
	{"empty", ""},
}

func TestPlainBlocks(t *testing.T) {
	md := newMarkdownParser()
	for _, tc := range plainBlockCases {
		t.Run(tc.name, func(t *testing.T) {
			checkPlainBlocks(t, md, []byte(tc.body))
			checkPlainBlocks(t, md, []byte("---\ntitle: T\n---\n"+tc.body))
		})
	}
}

func TestPlainBlocksFixtures(t *testing.T) {
	md := newMarkdownParser()
	files, err := Discover(fixturesDir, seedPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f.Path)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(f.Path), func(t *testing.T) { checkPlainBlocks(t, md, data) })
	}
}

func FuzzPlainBlocks(f *testing.F) {
	for _, seed := range fuzzSeeds(f) {
		f.Add(seed)
	}
	for _, tc := range plainBlockCases {
		f.Add([]byte(tc.body))
	}
	md := newMarkdownParser()
	f.Fuzz(func(t *testing.T, data []byte) { checkPlainBlocks(t, md, data) })
}
