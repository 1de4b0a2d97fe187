// Package badgerstore is the durable graph.Store, on a Badger database.
//
// # Key layout
//
// Each interview's record is the source of truth: replacing or removing an
// interview rewrites exactly its own two keys. The index holds each node
// of the merged graph with the votes of the interviews that name it, so
// that an edit can merge its nodes again without reading every record; it
// is derived from the records and brought up to date by SetAnalytics (or
// PrepareAnalytics, which a build runs while it computes the analytics),
// one changed node at a time.
//
//	m/schema                      schema version (varint)
//	m/stale                       present while the index, analytics and snapshot need recomputing
//	m/analytics                   modularity, communities, pivots
//	m/snapshot                    header of the graph snapshot: file name, size, CRC-32C
//	m/extractor                   fingerprint of the extractor that read every stored interview
//	i/<slug>                      the interview's InterviewInfo
//	f/<slug>                      the interview's facts: its nodes and edges
//	n/<nodeID>                    the merged node, and the votes of the interviews that name it
//	c/<nodeID>                    the node's Centrality
//
// Merging the records with graph.Merge gives the graph; Check verifies
// that the index says exactly what the merged records say. The
// InterviewInfo is kept apart from the facts so that listing interviews
// (every build does, to skip unchanged files) reads small records.
//
// A cold build of 10,000 interviews writes about 28,000 index keys once,
// at the end, and an edit rewrites the index keys of the edited
// interview's nodes only. The store remembers which nodes the interviews
// it wrote touched; a store opened with m/stale already set (a build cut
// short, or one run without analytics) compares the whole index instead.
//
// Schema 4 also kept every node's adjacency lists (e/, r/) and names (a/)
// for Lookup, Out and In. Every query the command line runs loads the
// graph snapshot instead, and writing those 115,000 keys took about 0.6 s
// of a 4-second 10,000-interview build, so schema 5 dropped them: Lookup, Out and In
// read the graph (decoded once and kept until the next commit), and a
// read-write Open of a schema 4 database deletes them.
//
// # The graph snapshot
//
// Every query loads the whole graph, and merging ten thousand records
// costs about a second. So SetAnalytics also stores the merged graph, with
// its analytics, as one compact blob (see snapshot.go) in a file beside
// Badger's, graph-<version>.snapshot, which m/snapshot names with its size
// and checksum. (In the LSM tree the blob costs more to read back than to
// decode; in the value log every overwritten blob would stay until
// value-log garbage collection.) Load decodes it while m/stale is absent
// and merges the records otherwise, or if the snapshot fails its checksum
// or does not decode (logging a warning; Check reports it). A build merges
// the records for analytics just before SetAnalytics; a read-write Store
// keeps that graph, and SetAnalytics writes the index and snapshot from it
// unless a commit has happened since. PrepareAnalytics does the part of
// that work the analytics do not change (the index, and the snapshot's
// strings, edges and interviews) from the same graph, so that a build can
// run it beside the analytics; SetAnalytics uses it unless a commit other
// than its own index writes has happened since. Any interview change sets m/stale
// in its own transaction, so neither the index nor a snapshot is used for
// a graph it does not describe.
//
// A read-write Store that has seen every write since the snapshot (it was
// opened with m/stale absent) remembers what each written interview had
// in it, and loads the merged graph by patching the snapshot instead of
// merging every record: the written interviews' sources leave and rejoin
// their edges, and their nodes are merged again from the votes in n/
// (the name given most often wins, see graph.MergeNodes), so editing one
// interview of ten thousand costs a decode of the snapshot rather than a
// merge of ten thousand records. See patch.go.
//
// Values use the protobuf wire format (protowire) without generated code:
// compact, fast to decode and tolerant of fields added later.
//
// # Atomicity
//
// ReplaceInterview writes the interview's i/ and f/ records and m/stale
// in one transaction. Equal facts write nothing. ReplaceInterviews packs
// many interviews into each transaction, never splitting one. An
// interview whose record exceeds one Badger transaction (about 2.4 MB with
// the 16 MB memtables used here, i.e. tens of thousands of facts) is
// refused with ErrTooLarge, naming it and its size; nothing of it is
// written. SetAnalytics needs several transactions for a large graph
// (centrality, the index, then the snapshot file, written to a temporary
// name, synced and renamed); m/stale stays set until its last
// transaction, which also writes m/snapshot, so a crash leaves index,
// analytics and snapshot stale and unused rather than half-written. Snapshot files no header names are
// removed after SetAnalytics and by a read-write Open.
//
// Commits are not synced one by one. A write that returned survives the
// process being killed; a power loss can lose the writes since the last
// SetAnalytics or Close, which sync, but never part of a transaction nor
// a later one without the earlier: Badger replays its log up to the first
// entry that fails its checksum. Every record is derived from a file the
// next build reads again, and syncing each commit cost a bulk build a
// tenth of its time.
//
// # Opening
//
// Open refuses a directory holding files that are neither Badger's nor
// snapshots (ErrNotDatabase), a Badger database without a peoplegraph schema
// (ErrNotDatabase), a schema written by a newer binary (ErrNewerSchema)
// or by an older one whose layout this binary does not read
// (ErrOlderSchema; a read-write open upgrades a schema 2, 3 or 4
// database in place: see migrate),
// and a database another process or Store holds (ErrLocked). Read-only
// opens fall back to read-write when Badger needs to replay its log after
// a crash and nobody holds the lock.
package badgerstore
