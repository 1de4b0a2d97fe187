#!/usr/bin/env python3
"""Time igraph, networkx and the Go package on the same 5,000-node graph.

    python3 graph/analytics/testdata/bench_igraph.py [graph/analytics/testdata/gen5000.edges.json]

Builds the undirected analytics graph from the edge list (as
make_reference.py does), times igraph's betweenness and harmonic_centrality
and networkx's betweenness_centrality and harmonic_centrality, then runs
the Go benchmarks BenchmarkBetweenness5000 and BenchmarkHarmonic5000 (on the
same committed graph) and prints Go/igraph ratios. igraph and networkx run
on one core; the Go benchmarks report both their wall time with all cores
and the CPU time they used, so the ratio is shown both ways.

igraph and networkx may live in different interpreters (Debian's
python3-igraph is for /usr/bin/python3, networkx may be pip-installed
elsewhere): each library that does not import is skipped, and
--python PATH runs the igraph part under another interpreter.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PKG = os.path.dirname(HERE)


def load(path):
    with open(path) as f:
        el = json.load(f)
    kind = {n["id"]: n["kind"] for n in el["nodes"]}
    ids = sorted(i for i, k in kind.items() if k != "interview")
    pos = {i: p for p, i in enumerate(ids)}
    edges = set()
    for e in el["edges"]:
        u, v = e["from"], e["to"]
        if e["rel"] == "features" or u == v or u not in pos or v not in pos:
            continue
        a, b = sorted((pos[u], pos[v]))
        edges.add((a, b))
    return len(ids), sorted(edges)


def timed(fn, repeat):
    best = None
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        dt = time.process_time() - t0
        best = dt if best is None else min(best, dt)
    return best


def bench_igraph(n, edges, repeat):
    import igraph
    g = igraph.Graph(n=n, edges=edges, directed=False)
    return igraph.__version__, {
        "betweenness": timed(lambda: g.betweenness(directed=False), repeat),
        "harmonic": timed(lambda: g.harmonic_centrality(mode="all", normalized=False), repeat),
    }


def bench_networkx(n, edges, repeat):
    import networkx as nx
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    return nx.__version__, {
        "betweenness": timed(lambda: nx.betweenness_centrality(g, normalized=True), repeat),
        "harmonic": timed(lambda: nx.harmonic_centrality(g), repeat),
    }


def bench_go(count):
    out = subprocess.run(
        ["go", "test", "-run", "^$", "-bench", "^Benchmark(Betweenness|Harmonic)5000$",
         "-benchtime", f"{count}x", "."],
        cwd=PKG, check=True, capture_output=True, text=True).stdout
    res = {}
    for line in out.splitlines():
        m = re.match(r"Benchmark(Betweenness|Harmonic)5000\S*\s+\d+\s+(\d+) ns/op.*?([\d.]+) cpu-ns/op", line)
        if m:
            res[m.group(1).lower()] = (int(m.group(2)) / 1e9, float(m.group(3)) / 1e9)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("edges", nargs="?", default=os.path.join(HERE, "gen5000.edges.json"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--python", help="interpreter for the igraph part (default: this one)")
    ap.add_argument("--igraph-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    n, edges = load(args.edges)

    if args.igraph_only:
        print(json.dumps(bench_igraph(n, edges, args.repeat)))
        return
    print(f"graph: {n} nodes, {len(edges)} edges ({os.path.basename(args.edges)})")
    igraph_times = None
    try:
        if args.python:
            raw = subprocess.run([args.python, __file__, args.edges, "--repeat", str(args.repeat), "--igraph-only"],
                                 check=True, capture_output=True, text=True).stdout
            version, igraph_times = json.loads(raw)
        else:
            version, igraph_times = bench_igraph(n, edges, args.repeat)
        for k, v in igraph_times.items():
            print(f"igraph {version:10s} {k:12s} {v:8.3f} s CPU")
    except (ImportError, subprocess.CalledProcessError) as e:
        print(f"igraph: skipped ({e})")
    try:
        version, nx_times = bench_networkx(n, edges, 1)
        for k, v in nx_times.items():
            print(f"networkx {version:8s} {k:12s} {v:8.3f} s CPU")
    except ImportError as e:
        print(f"networkx: skipped ({e})")
    go_times = bench_go(args.repeat)
    for k, (wall, cpu) in go_times.items():
        line = f"go {'':15s} {k:12s} {wall:8.3f} s wall, {cpu:8.3f} s CPU"
        if igraph_times:
            line += f"; go/igraph: {wall / igraph_times[k]:.2f} wall, {cpu / igraph_times[k]:.2f} CPU"
        print(line)


if __name__ == "__main__":
    main()
