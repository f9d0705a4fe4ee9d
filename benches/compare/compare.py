#!/usr/bin/env python3
"""Compare valuedesign's diffusion and betweenness with scipy, python-igraph and
networkx on the same generated graphs, and print the ratios.

    pip install numpy scipy networkx igraph
    python3 benches/compare/compare.py [--sizes 1000,10000,100000,1000000] [--slow]

For every size, `cargo run --release --example compare_export` generates the
design (the shared generator, seed 1), writes the diffusion matrix W^T, the
source vector and the exchange graph (parallel exchanges collapsed) as binary
arrays, and times our kernels on 2 threads. This script then runs:

- scipy: the same iteration x = s + d * W^T x from x = s, d = 0.85, until the
  L1 change is below 1e-9, with a scipy.sparse CSR matrix (all sizes);
- networkx: the same iteration over G.pred in Python (up to 1e4 nodes), and
  betweenness_centrality(normalized=False) (1e3; 1e4 with --slow);
- igraph: Graph.betweenness(directed=True) (exact, up to 1e4 nodes).

It checks that every library gets the same numbers as we do (relative
difference), and prints the time ratios (theirs / ours: above 1 means we are
faster). Every library's time is its best of several runs of the kernel alone:
graph construction is not timed on either side.
"""

import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def best_time(runs, f):
    best, out = float("inf"), None
    for _ in range(runs):
        t = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - t)
    return best, out


def load(d, name, dtype):
    return np.fromfile(os.path.join(d, name), dtype=dtype)


def scipy_diffusion(rows, cols, vals, s, d=0.85, tol=1e-9):
    import scipy.sparse as sp

    n = len(s)
    wt = sp.csr_matrix((vals, (rows, cols)), shape=(n, n))

    def run():
        x = s.copy()
        it = 0
        while True:
            xn = s + d * (wt @ x)
            change = np.abs(xn - x).sum()
            x = xn
            it += 1
            if change < tol:
                return x, it

    return run


def networkx_diffusion(rows, cols, vals, s, d=0.85, tol=1e-9):
    import networkx as nx

    g = nx.DiGraph()
    g.add_nodes_from(range(len(s)))
    # Parallel exchanges each add their weight: sum them on the edge.
    for r, c, w in zip(rows.tolist(), cols.tolist(), vals.tolist()):
        if g.has_edge(c, r):
            g[c][r]["w"] += w
        else:
            g.add_edge(c, r, w=w)
    src = s.tolist()

    def run():
        x = list(src)
        it = 0
        while True:
            xn = [src[a] + d * sum(x[b] * e["w"] for b, e in g.pred[a].items()) for a in range(len(src))]
            change = sum(abs(p - q) for p, q in zip(xn, x))
            x = xn
            it += 1
            if change < tol:
                return np.array(x), it

    return run


def rel_diff(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / (1.0 + np.abs(b)))) if len(a) else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--slow", action="store_true", help="also networkx betweenness at 1e4 (minutes)")
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "compare"))
    args = ap.parse_args()
    rows_out = []
    for n in [int(x) for x in args.sizes.split(",")]:
        d = os.path.join(args.out, str(n))
        subprocess.run(
            ["cargo", "run", "--quiet", "--release", "--example", "compare_export", "--", str(n), "1", d],
            cwd=ROOT, check=True,
        )
        ours = json.load(open(os.path.join(d, "ours.json")))
        rows = load(d, "w_rows.bin", np.uint32)
        cols = load(d, "w_cols.bin", np.uint32)
        vals = load(d, "w_vals.bin", np.float64)
        s = load(d, "source.bin", np.float64)
        reach = load(d, "reach.bin", np.float64)
        efrom = load(d, "edges_from.bin", np.uint32)
        eto = load(d, "edges_to.bin", np.uint32)
        btw = load(d, "betweenness.bin", np.float64)

        runs = 1 if n >= 1_000_000 else 3
        t_sp, (x_sp, it_sp) = best_time(runs, scipy_diffusion(rows, cols, vals, s))
        line = {"nodes": n, "ours_diffusion": ours["diffusion_seconds"], "scipy_diffusion": t_sp,
                "scipy_iterations": it_sp, "ours_iterations": ours["diffusion_iterations"],
                "scipy_vs_ours_reach": rel_diff(x_sp, reach)}
        if n <= 10_000:
            t_nx, (x_nx, _) = best_time(1, networkx_diffusion(rows, cols, vals, s))
            line["networkx_diffusion"] = t_nx
            line["networkx_vs_ours_reach"] = rel_diff(x_nx, reach)
        if n <= 10_000:
            import igraph as ig

            g = ig.Graph(n=n, edges=list(zip(efrom.tolist(), eto.tolist())), directed=True)
            t_ig, b_ig = best_time(runs, lambda: g.betweenness(directed=True))
            line["ours_betweenness"] = ours["betweenness_seconds"]
            line["igraph_betweenness"] = t_ig
            line["igraph_vs_ours_betweenness"] = rel_diff(b_ig, btw)
        if n <= 1_000 or (args.slow and n <= 10_000):
            import networkx as nx

            g = nx.DiGraph()
            g.add_nodes_from(range(n))
            g.add_edges_from(zip(efrom.tolist(), eto.tolist()))
            t_nxb, b_nx = best_time(1, lambda: nx.betweenness_centrality(g, normalized=False))
            line["networkx_betweenness"] = t_nxb
            line["networkx_vs_ours_betweenness"] = rel_diff([b_nx[i] for i in range(n)], btw)
        # The memory-bandwidth bound of one diffusion iteration.
        bound = ours["bytes_per_iteration"] / (ours["read_gb_per_s"] * 1e9) * ours["diffusion_iterations"]
        line["diffusion_bandwidth_bound"] = bound
        line["read_gb_per_s"] = ours["read_gb_per_s"]
        line["bytes_per_iteration"] = ours["bytes_per_iteration"]
        rows_out.append(line)
        print(json.dumps(line), flush=True)

    print()
    print(f"{'nodes':>9} {'ours diff':>10} {'scipy':>9} {'x':>6} {'bound':>9} {'/bound':>7} "
          f"{'ours btw':>9} {'igraph':>9} {'x':>6} {'networkx btw':>13} {'max rel diff':>12}")
    for r in rows_out:
        diffs = [v for k, v in r.items() if k.endswith("_reach") or k.endswith("_betweenness") and "vs" in k]
        fmt = lambda k: f"{r[k]:9.4f}" if k in r else f"{'-':>9}"
        ratio = lambda a, b: f"{r[a] / r[b]:6.1f}" if a in r and b in r else f"{'-':>6}"
        print(f"{r['nodes']:>9} {r['ours_diffusion']:10.4f} {r['scipy_diffusion']:9.4f} {ratio('scipy_diffusion', 'ours_diffusion')} "
              f"{r['diffusion_bandwidth_bound']:9.4f} {r['ours_diffusion'] / r['diffusion_bandwidth_bound']:7.2f} "
              f"{fmt('ours_betweenness')} {fmt('igraph_betweenness')} {ratio('igraph_betweenness', 'ours_betweenness')} "
              f"{r.get('networkx_betweenness', float('nan')):13.4f} {max(diffs) if diffs else 0:12.2e}")
    print("\ntimes in seconds; x = theirs / ours; /bound = ours / memory-bandwidth bound "
          "(bytes per iteration / measured read bandwidth x iterations)")


if __name__ == "__main__":
    sys.exit(main())
