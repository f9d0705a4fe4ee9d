#!/usr/bin/env python3
"""The simulation's ledger loop in NumPy, against ours (issue 13, part 5).

    pip install numpy
    python3 benches/compare/simulate.py [--nodes 50] [--runs 10000]

`cargo run --release --example simulate_export` builds the `whatif` bench's
design (the shared generator, seed 1, five triangular ranges on the first
five exchange values, +-20%), writes what the ledger loop reads that the
ranges do not change (occurrences, own costs, goals, the driver test), runs
our `simulate` (best of 5 on this machine's threads) and writes its results.
This script draws the same values (SplitMix64, one stream per run, exactly as
`whatif::simulate`), works out every run's ledgers with NumPy, vectorised
over the runs (matrix products with the incidence matrices), and checks that
the odds and percentiles are ours. It prints both times and the ratio
(NumPy / ours: above 1 means we are faster).

Ours does more per run than the loop timed here: it applies the draws to the
validated design and validates it again (as `--set` does), then works out
the occurrences, every ledger and every verdict. NumPy gets the occurrences,
costs and driver tests precomputed (the ranges do not move them).
"""

import argparse
import json
import os
import subprocess
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
M64 = np.uint64(0xFFFFFFFFFFFFFFFF)


def splitmix_next(state):
    """One SplitMix64 step on an array of states: (new states, outputs)."""
    with np.errstate(over="ignore"):
        state = state + np.uint64(0x9E3779B97F4A7C15)
        z = state
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return state, z ^ (z >> np.uint64(31))


def draws(seed, runs, k):
    """The uniform numbers of `k` ranges in each run, as whatif::simulate draws them."""
    r = np.arange(runs, dtype=np.uint64)
    with np.errstate(over="ignore"):
        start = np.uint64(seed) ^ (r * np.uint64(0xD1B54A32D192ED03))
    _, s = splitmix_next(start)
    out = np.empty((runs, k))
    for j in range(k):
        s, z = splitmix_next(s)
        out[:, j] = (z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))
    return out


def triangular(lo, c, hi, u):
    f = (c - lo) / (hi - lo)
    return np.where(
        u < f,
        lo + np.sqrt(u * (hi - lo) * (c - lo)),
        hi - np.sqrt((1.0 - u) * (hi - lo) * (hi - c)),
    )


def simulate(d):
    runs, years = d["runs"], d["years"]
    edges = d["edges"]
    n, e = len(d["worth"]), len(edges)
    occ = np.array(d["occurrences"]).reshape(e, years)
    costs = np.array(d["costs"]).reshape(n, years)
    worth = np.array(d["worth"])
    actor = np.array(d["actor"])
    drivers_ok = np.array(d["drivers_ok"])
    u = draws(d["seed"], runs, len(d["ranges"]))
    values = np.tile(np.array([x["value"] for x in edges]), (runs, 1))
    for j, r in enumerate(d["ranges"]):
        values[:, r["exchange"]] = triangular(r["low"], r["likely"], r["high"], u[:, j])
    # Incidence matrices (E x N) by what the flow is to its ends.
    def incidence(end, keep):
        m = np.zeros((e, n))
        for k, x in enumerate(edges):
            if keep(x):
                m[k, x[end]] = 1.0
        return m

    money_in = incidence("to", lambda x: x["money"])
    money_out = incidence("from", lambda x: x["money"])
    tangible_in = incidence("to", lambda x: x["tangible"] and not x["money"])
    intangible_in = incidence("to", lambda x: not x["tangible"])
    # Per run, exchange and year: value times occurrences; then per node.
    flows = values[:, :, None] * occ[None, :, :]  # runs x E x H
    by_year = flows.transpose(0, 2, 1)  # runs x H x E
    revenue = by_year @ money_in  # runs x H x N
    spend = by_year @ money_out
    tangible = by_year @ tangible_in
    intangible = by_year @ intangible_in
    cash = revenue - spend - costs.T[None, :, :]
    disc = (1.0 + d["discount_rate"]) ** -np.arange(1, years + 1)
    npv = np.einsum("rhn,h->rn", cash, disc)
    net_value = cash.sum(1) + np.where(worth, (tangible + intangible).sum(1), 0.0)
    score = np.where(worth, net_value, npv)
    volume = np.abs(revenue.sum(1)) + np.abs(spend.sum(1)) + np.abs(costs.sum(1))[None, :]
    volume = volume + np.where(worth, np.abs(tangible.sum(1)) + np.abs(intangible.sum(1)), 0.0)
    win = (score >= -1e-9 * volume) & drivers_ok[None, :]
    all_win = win[:, actor].all(axis=1).mean()
    return score, win, all_win


def nearest_rank(sorted_scores, p):
    n = len(sorted_scores)
    rank = int(np.ceil(p / 100.0 * n))
    return sorted_scores[min(max(rank, 1), n) - 1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nodes", type=int, default=50)
    ap.add_argument("--runs", type=int, default=10_000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "simulate.json")
        subprocess.run(
            ["cargo", "run", "--release", "--quiet", "--example", "simulate_export", "--",
             str(a.nodes), str(a.runs), path],
            cwd=ROOT, check=True,
        )
        with open(path) as f:
            d = json.load(f)
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        score, win, all_win = simulate(d)
        best = min(best, time.perf_counter() - t)
    worst = 0.0
    for o in d["ours"]["actors"]:
        k = o["node"]
        s = np.sort(score[:, k])
        for p in (5, 50, 95):
            ref = o[f"p{p}"]
            worst = max(worst, abs(nearest_rank(s, p) - ref) / max(1.0, abs(ref)))
        assert abs(win[:, k].mean() - o["win_win"]) < 1e-12, (k, win[:, k].mean(), o["win_win"])
    assert abs(all_win - d["ours"]["all_win"]) < 1e-12
    ours = d["ours"]["seconds"]
    print(f"{a.nodes} nodes, {a.runs} runs, {len(d['ranges'])} ranges: "
          f"NumPy {best * 1000:.1f} ms, ours {ours * 1000:.1f} ms, ratio {best / ours:.2f}x "
          f"(same odds; percentiles within {worst:.1e} relative)")


if __name__ == "__main__":
    main()
