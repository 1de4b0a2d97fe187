#!/usr/bin/env python3
"""Write networkx reference values for the analytics tests.

For every NAME.edges.json given (written by the Go tests with -update), this
builds the analytics graph the way the package documents it -- every node
except kind interview, every edge except rel features, parallel edges
collapsed, no self-loops -- and writes NAME.networkx.json beside it with
networkx's pagerank, betweenness_centrality, harmonic_centrality, hits,
degree and the number of distinct people recommending each node.

    python3 graph/analytics/testdata/make_reference.py graph/analytics/testdata/*.edges.json

networkx's pagerank and hits need scipy; without it the script uses the
pure-Python implementations networkx ships (_pagerank_python,
_hits_python), which run the same iterations. Either way the iterations run
to a far tighter tolerance than networkx's default, so the values are
accurate to about 1e-12 and the Go tests can hold their own iterations to
1e-9. The JSON records the versions and functions used.
"""

import json
import platform
import sys

import networkx as nx

PAGERANK_TOL = 1e-15  # networkx stops when the L1 change < N * tol
HITS_TOL = 1e-14      # L1 change of the max-normalised hub vector
MAX_ITER = 100000


def analytics_graph(edge_list):
    kind = {n["id"]: n["kind"] for n in edge_list["nodes"]}
    g = nx.DiGraph()
    g.add_nodes_from(sorted(i for i, k in kind.items() if k != "interview"))
    recommenders = {}
    for e in edge_list["edges"]:
        u, v, rel = e["from"], e["to"], e["rel"]
        if rel == "features" or u == v:
            continue
        if kind[u] == "interview" or kind[v] == "interview":
            continue
        g.add_edge(u, v)
        if rel == "recommends" and kind[u] == "person":
            recommenders.setdefault(v, set()).add(u)
    return g, recommenders


def pagerank(g):
    try:
        import scipy  # noqa: F401
    except ImportError:
        from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
        return "_pagerank_python", _pagerank_python(g, alpha=0.85, tol=PAGERANK_TOL, max_iter=MAX_ITER)
    return "pagerank", nx.pagerank(g, alpha=0.85, tol=PAGERANK_TOL, max_iter=MAX_ITER)


def hits(g):
    if g.number_of_edges() == 0:
        zero = dict.fromkeys(g, 0.0)
        return "none (no edges)", zero, dict(zero)
    try:
        import scipy  # noqa: F401
    except ImportError:
        from networkx.algorithms.link_analysis.hits_alg import _hits_python
        h, a = _hits_python(g, tol=HITS_TOL, max_iter=MAX_ITER)
        return "_hits_python", h, a
    h, a = nx.hits(g, tol=HITS_TOL, max_iter=MAX_ITER)
    return "hits", h, a


def reference(path):
    with open(path) as f:
        edge_list = json.load(f)
    g, recommenders = analytics_graph(edge_list)
    u = g.to_undirected()
    pr_name, pr = pagerank(g)
    hits_name, hubs, auths = hits(g)
    return {
        "comment": "networkx reference values for " + path.rsplit("/", 1)[-1] + "; written by make_reference.py",
        "networkx": nx.__version__,
        "python": platform.python_version(),
        "functions": {
            "pagerank": f"{pr_name}(alpha=0.85, tol={PAGERANK_TOL})",
            "hits": f"{hits_name}(tol={HITS_TOL}, normalized=True)",
            "betweenness": "betweenness_centrality(undirected, normalized=True)",
            "harmonic": "harmonic_centrality(undirected)",
        },
        "nodes": u.number_of_nodes(),
        "edges": u.number_of_edges(),
        "arcs": g.number_of_edges(),
        "pagerank": pr,
        "betweenness": nx.betweenness_centrality(u, normalized=True),
        "harmonic": nx.harmonic_centrality(u),
        "hubs": hubs,
        "authorities": auths,
        "degree": dict(u.degree()),
        "recommended": {v: len(recommenders.get(v, ())) for v in g},
    }


def main(paths):
    for path in paths:
        if not path.endswith(".edges.json"):
            sys.exit(f"{path}: want a NAME.edges.json file")
        out = path[: -len(".edges.json")] + ".networkx.json"
        ref = reference(path)
        with open(out, "w") as f:
            json.dump(ref, f, indent=1, sort_keys=True)
            f.write("\n")
        print(f"{out}: {ref['nodes']} nodes, {ref['edges']} edges, networkx {ref['networkx']}")


if __name__ == "__main__":
    main(sys.argv[1:])
