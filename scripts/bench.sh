#!/bin/sh
# bench.sh builds pgbench and prints the performance table of
# docs/PERFORMANCE.md: floor, build, rebuilds, queries and render for
# generated corpora of each size. Extra arguments go to 'pgbench table',
# e.g.  scripts/bench.sh -sizes 1k,10k -cpuprofile /tmp/prof
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bin=$(mktemp -d "${TMPDIR:-/tmp}/pgbench-bin.XXXXXX")
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/pgbench" ./cmd/pgbench
go build -o "$bin/peoplegraph" ./cmd/peoplegraph
echo "$(nproc) CPUs, $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(go version), load: $(uptime | sed 's/.*load average: //')" >&2
"$bin/pgbench" table -bin "$bin/peoplegraph" -content "$root/content" "$@"
