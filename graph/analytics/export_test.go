package analytics

// HITSRounds exposes the round-limited HITS iteration to the tests: it
// returns the number of rounds run, maxIter when it did not converge.
var HITSRounds = hits

// HITSMaxRounds is the round limit HITS runs with.
const HITSMaxRounds = hitsMaxIter
