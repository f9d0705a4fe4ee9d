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
  L1 change is at most 1e-12 times the L1 norm of x (our relative tolerance),
  with a scipy.sparse CSR matrix (all sizes);
- networkx: the same iteration over G.pred in Python (up to 1e4 nodes), and
  betweenness_centrality(normalized=False) (1e3; 1e4 with --slow);
- igraph: Graph.betweenness(directed=True) (exact, up to 1e4 nodes).

It checks that every library gets the same numbers as we do (relative
difference), and prints the time ratios (theirs / ours: above 1 means we are
faster). Every library's time is its best of several runs of the kernel alone:
graph construction is not timed on either side. The sides run in turn (A B A B,
`--rounds`), scipy gets both the file's node order and ours (breadth-first), and
our figures are given on one thread and on two; the Markdown tables at the end
are the README's.
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


def scipy_diffusion(rows, cols, vals, s, d=0.85, tol=1e-12):
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
            if change <= tol * np.abs(xn).sum():
                return x, it

    return run


def networkx_diffusion(rows, cols, vals, s, d=0.85, tol=1e-12):
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
            if change <= tol * sum(abs(p) for p in xn):
                return np.array(x), it

    return run


def rel_diff(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / (1.0 + np.abs(b)))) if len(a) else 0.0


def best(line, key, value):
    line[key] = min(line.get(key, float("inf")), value)


def peers(line, d, n, args):
    """Times the peers on the exported arrays (one round) and checks their numbers."""
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
    best(line, "scipy_diffusion", t_sp)
    line["scipy_iterations"] = it_sp
    line["scipy_vs_ours_reach"] = rel_diff(x_sp, reach)
    # The same matrix in our node order (breadth-first positions).
    brows = load(d, "wbfs_rows.bin", np.uint32)
    bcols = load(d, "wbfs_cols.bin", np.uint32)
    bs = load(d, "source_bfs.bin", np.float64)
    t_spb, _ = best_time(runs, scipy_diffusion(brows, bcols, vals, bs))
    best(line, "scipy_diffusion_our_order", t_spb)
    if n <= 10_000:
        t_nx, (x_nx, _) = best_time(1, networkx_diffusion(rows, cols, vals, s))
        best(line, "networkx_diffusion", t_nx)
        line["networkx_vs_ours_reach"] = rel_diff(x_nx, reach)
    if n <= 10_000:
        import igraph as ig

        g = ig.Graph(n=n, edges=list(zip(efrom.tolist(), eto.tolist())), directed=True)
        t_ig, b_ig = best_time(runs, lambda: g.betweenness(directed=True))
        best(line, "igraph_betweenness", t_ig)
        line["igraph_vs_ours_betweenness"] = rel_diff(b_ig, btw)
    if n <= 1_000 or (args.slow and n <= 10_000):
        import networkx as nx

        g = nx.DiGraph()
        g.add_nodes_from(range(n))
        g.add_edges_from(zip(efrom.tolist(), eto.tolist()))
        t_nxb, b_nx = best_time(1, lambda: nx.betweenness_centrality(g, normalized=False))
        best(line, "networkx_betweenness", t_nxb)
        line["networkx_vs_ours_betweenness"] = rel_diff([b_nx[i] for i in range(n)], btw)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000,1000000")
    ap.add_argument("--slow", action="store_true", help="also networkx betweenness at 1e4 (minutes)")
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "compare"))
    ap.add_argument("--rounds", type=int, default=2, help="A B rounds per size (best of each side)")
    args = ap.parse_args()
    rows_out = []
    for n in [int(x) for x in args.sizes.split(",")]:
        d = os.path.join(args.out, str(n))
        line = {"nodes": n, "load_before": os.getloadavg()[0]}
        # The two sides in turn, A B A B: every round runs our export (which
        # times our kernels) and then the peers, and each side keeps its best.
        for _ in range(args.rounds):
            subprocess.run(
                ["cargo", "run", "--quiet", "--release", "--example", "compare_export", "--", str(n), "1", d],
                cwd=ROOT, check=True,
            )
            ours = json.load(open(os.path.join(d, "ours.json")))
            best(line, "ours_diffusion", ours["diffusion_seconds"])
            best(line, "ours_diffusion_one_thread", ours["diffusion_sequential_seconds"])
            best(line, "ours_betweenness", ours["betweenness_seconds"])
            best(line, "ours_betweenness_one_thread", ours["betweenness_one_thread_seconds"])
            line["ours_iterations"] = ours["diffusion_iterations"]
            peers(line, d, n, args)
        # The memory-bandwidth bound of one diffusion iteration.
        bound = ours["bytes_per_iteration"] / (ours["read_gb_per_s"] * 1e9) * ours["diffusion_iterations"]
        line["diffusion_bandwidth_bound"] = bound
        line["read_gb_per_s"] = ours["read_gb_per_s"]
        line["bytes_per_iteration"] = ours["bytes_per_iteration"]
        line["load_after"] = os.getloadavg()[0]
        rows_out.append(line)
        print(json.dumps(line), flush=True)

    # The README's tables, as Markdown.
    print()
    print(f"Measured {time.strftime('%Y-%m-%d')} on {os.cpu_count()} cores "
          f"({args.rounds} interleaved rounds, best of each side; load average "
          f"{min(r['load_before'] for r in rows_out):.2f}-{max(r['load_after'] for r in rows_out):.2f}).")
    print()
    print("| nodes | ours, 1 thread | ours, 2 threads | scipy, file order | scipy, our order | "
          "x (1 thread, our order) | x (2 threads, our order) | iterations (ours / scipy) | bound | ours 2 threads / bound |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    ms = lambda v: f"{v * 1e3:,.1f} ms"
    for r in rows_out:
        print(f"| {r['nodes']:,} | {ms(r['ours_diffusion_one_thread'])} | {ms(r['ours_diffusion'])} | "
              f"{ms(r['scipy_diffusion'])} | {ms(r['scipy_diffusion_our_order'])} | "
              f"{r['scipy_diffusion_our_order'] / r['ours_diffusion_one_thread']:.2f}x | "
              f"{r['scipy_diffusion_our_order'] / r['ours_diffusion']:.2f}x | "
              f"{r['ours_iterations']} / {r['scipy_iterations']} | {ms(r['diffusion_bandwidth_bound'])} | "
              f"{r['ours_diffusion'] / r['diffusion_bandwidth_bound']:.2f} |")
    print()
    print("| nodes | ours exact, 1 thread | ours exact, 2 threads | igraph (1 thread) | x (1 thread) | x (2 threads) | networkx |")
    print("|---|---|---|---|---|---|---|")
    for r in rows_out:
        if "igraph_betweenness" not in r:
            continue
        nx_b = ms(r["networkx_betweenness"]) if "networkx_betweenness" in r else "-"
        print(f"| {r['nodes']:,} | {ms(r['ours_betweenness_one_thread'])} | {ms(r['ours_betweenness'])} | "
              f"{ms(r['igraph_betweenness'])} | {r['igraph_betweenness'] / r['ours_betweenness_one_thread']:.2f}x | "
              f"{r['igraph_betweenness'] / r['ours_betweenness']:.2f}x | {nx_b} |")
    print()
    worst = max((v for r in rows_out for k, v in r.items() if "_vs_ours_" in k), default=0.0)
    print(f"Every peer gets our numbers to {worst:.1e} (largest relative difference). "
          "x = theirs / ours (above 1: we are faster).")


if __name__ == "__main__":
    sys.exit(main())
