// Package badgerstore is the durable graph.Store, on a Badger database.
//
// # Key layout
//
// Every fact is stored under the interview that contributed it, so
// replacing or removing an interview retracts exactly what it said, and
// every lookup is a prefix scan. Parts of composite keys are separated by
// a NUL byte, which sorts before any byte of a node ID, relation, folded
// name or slug: the keys of one node (or edge) are contiguous and in ID
// order, so Load merges in one streaming pass.
//
//	m/schema                          schema version (varint)
//	m/stale                           present while analytics and snapshot need recomputing
//	m/analytics                       modularity, communities, pivots
//	m/snapshot                        header of the graph snapshot: file name, size, CRC-32C
//	i/<slug>                          the interview's InterviewInfo
//	f/<slug>                          the interview's facts: its nodes and edges
//	n/<nodeID>␀<slug>                 the interview's contributions to the node
//	e/<from>␀<rel>␀<to>␀<slug>        the interview's sources for the edge
//	r/<to>␀<rel>␀<from>␀<slug>        empty; reverse adjacency for In
//	a/<folded name>␀<nodeID>␀<slug>   empty; name and alias index for Lookup
//	c/<nodeID>                        the node's Centrality
//
// A node exists while at least one interview contributes to it; Load
// merges contributions with graph.MergeNodes and pools edge sources, so
// Load and graph.Merge of the same facts agree exactly. The i/ and f/
// records are the source of truth: the n/, e/, r/ and a/ keys are derived
// from them, and Check verifies that they agree. The InterviewInfo is kept
// apart from the facts so that listing interviews (every build does, to
// skip unchanged files) reads small records.
//
// # The graph snapshot
//
// Every query loads the whole graph, and merging a hundred thousand keys
// or more costs about half a second for 10,000 interviews. So SetAnalytics
// also stores the merged graph, with its analytics, as one compact blob
// (see snapshot.go) in a file beside Badger's, graph-<version>.snapshot,
// which m/snapshot names with its size and checksum. (In the LSM tree the
// blob costs more to read back than to decode; in the value log every
// overwritten blob would stay until value-log garbage collection.) Load
// decodes it while m/stale is absent and
// scans the keys otherwise, or if the snapshot fails its checksum or does
// not decode (logging a warning; Check reports it). The snapshot is made
// by the same scan Load would do, so the two agree exactly; Check compares
// them. (A build loads the graph key by key for analytics just before
// SetAnalytics; a read-write Store keeps that graph, and SetAnalytics
// reuses it unless a commit has happened since.) Any interview change sets m/stale in its own transaction, so a
// snapshot is never used for a graph it does not describe.
//
// Values use the protobuf wire format (protowire) without generated code:
// compact, fast to decode and tolerant of fields added later.
//
// # Atomicity
//
// ReplaceInterview computes the keys the old record implies and those the
// new facts imply, and in one transaction deletes the vanished keys, writes
// the changed ones, the new record and m/stale. Equal facts write nothing.
// ReplaceInterviews packs many interviews into each transaction, never
// splitting one. An interview whose keys exceed one Badger transaction
// (about 4.8 MB with the 32 MB memtables used here, i.e. tens of thousands
// of facts) is refused with ErrTooLarge, naming it and its size; nothing of
// it is written. SetAnalytics needs several transactions for a large
// graph (centrality, then the snapshot file, written to a temporary name,
// synced and renamed); m/stale stays set until its last transaction, which
// also writes m/snapshot, so a crash leaves analytics and snapshot stale
// and unused rather than half-written. Snapshot files no header names are
// removed after SetAnalytics and by a read-write Open.
//
// Commits are synced (SyncWrites): a write that returned survives a crash
// or power loss. Since a bulk build packs thousands of interviews into one
// transaction, syncing costs one fsync per few megabytes.
//
// # Opening
//
// Open refuses a directory holding files that are neither Badger's nor
// snapshots (ErrNotDatabase), a Badger database without a peoplegraph schema
// (ErrNotDatabase), a schema written by a newer binary (ErrNewerSchema)
// or by an older one whose layout this binary does not read
// (ErrOlderSchema: delete the database and build again),
// and a database another process or Store holds (ErrLocked). Read-only
// opens fall back to read-write when Badger needs to replay its log after
// a crash and nobody holds the lock.
package badgerstore
