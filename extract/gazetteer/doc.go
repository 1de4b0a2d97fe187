// Package gazetteer is peoplegraph's dictionary of named things: cloud
// services, open-source projects, organisations and canonical topics. It
// resolves every name of a thing to one Entry and finds all of them in text
// in a single Aho–Corasick pass.
//
// The dictionary is data. The default lives in data/*.yaml, embedded in the
// binary; users extend or override it with their own files:
//
//	g, err := gazetteer.Default()
//	...
//	extra, err := gazetteer.Parse("mine.yaml", data)
//	g, err = gazetteer.New(g.Entries(), extra)
//
// # File format
//
// A file is a YAML mapping with an optional "defaults" mapping and an
// "entries" sequence. Each entry is a mapping with these fields:
//
//	name      required; the canonical name, the short form people write
//	          ("S3", "BigQuery"); it becomes the node ID kind/slug(name)
//	kind      required; organization, service, topic or person
//	aliases   other names of the same thing ("Amazon S3", "AWS S3")
//	provider  canonical name of the organization that provides it
//	          (a provided_by edge), e.g. AWS
//	part_of   canonical name of a larger entry (a part_of edge), e.g.
//	          Azure is part_of Microsoft
//	exact     true when the names are common words ("Lambda", "Spark",
//	          "Go"): they then match only with the capitalisation written
//	implied   true for an organization whose services are its own in
//	          every reader's eyes (AWS, GCP): a provided_by edge to it
//	          is stated wherever one of them is named. Other providers
//	          (the foundation behind an open-source project) are stated
//	          only where the interview names them too
//	url       optional homepage
//
// "defaults" may set kind, provider, part_of and exact for every entry of
// the file that does not set them itself:
//
//	defaults:
//	  kind: service
//	  provider: AWS
//	entries:
//	  - name: S3
//	    aliases: [Amazon S3, AWS S3, Simple Storage Service]
//	  - name: Lambda
//	    aliases: [AWS Lambda]
//	    exact: true
//
// YAML anchors and aliases are rejected, so a file cannot expand into a
// huge document. Errors name the file and line of what to fix.
//
// # Resolution
//
// Names are compared case-insensitively with runs of white space folded to
// one space, unless the entry is exact. Within one file (one slice given to
// New) a name may belong to one entry only. A later slice may override an
// earlier entry by repeating its canonical name, and may take over an
// alias of an earlier entry; it may not reuse an earlier entry's canonical
// name as an alias.
//
// # Matching
//
// Find reports every non-overlapping match, leftmost first and longest at
// each position ("AWS Lambda" is one match, not "AWS" and "Lambda"). A name
// that starts or ends with a letter or digit only matches where the text
// has no letter, digit or underscore next to it: "S3" does not match in
// "S3cret", while "AWS" matches in "AWS-based". Names inside web addresses
// (a run of text around "://" or starting "www.") are not matches.
//
// Canonical names become node IDs through graph.NodeID, which drops
// punctuation, so names that differ only in punctuation cannot both be
// canonical: the data uses "C Sharp" with the alias "C#".
package gazetteer
