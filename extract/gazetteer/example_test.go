package gazetteer_test

import (
	"fmt"
	"log"

	"github.com/peoplegraph/peoplegraph/extract/gazetteer"
)

func Example() {
	g, err := gazetteer.Default()
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range g.Find("We replaced HDFS with AWS S3, then moved the lambda code to AWS Lambda.") {
		fmt.Printf("%q -> %s (provided by %s)\n", m.Text, m.Entry.ID(), m.Entry.Provider)
	}
	// Output:
	// "HDFS" -> service/hdfs (provided by Apache Software Foundation)
	// "AWS S3" -> service/s3 (provided by AWS)
	// "AWS Lambda" -> service/lambda (provided by AWS)
}

func ExampleNew() {
	def, err := gazetteer.Default()
	if err != nil {
		log.Fatal(err)
	}
	mine, err := gazetteer.Parse("mine.yaml", []byte(`
defaults:
  kind: service
  provider: AWS
entries:
  - name: Lambda          # override: also match "lambda" in lower case
    aliases: [AWS Lambda, lambda functions]
  - name: Chaos Lambda
    kind: service
    provider: ""
`))
	if err != nil {
		log.Fatal(err)
	}
	g, err := gazetteer.New(def.Entries(), mine)
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range g.Find("our lambda functions and Chaos Lambda") {
		fmt.Printf("%q -> %s\n", m.Text, m.Entry.ID())
	}
	// Output:
	// "lambda functions" -> service/lambda
	// "Chaos Lambda" -> service/chaos-lambda
}
