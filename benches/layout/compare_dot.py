#!/usr/bin/env python3
"""Compare our map layout with Graphviz dot on the same graphs.

Inputs: for each ecosystem file ecosystems/X.ron, run

    cargo run --release --example layout_export -- ecosystems/X.ron /tmp/lay

which writes /tmp/lay/X.layout.json (our layout, px, y down) and /tmp/lay/X.dot
(the same cards, containers as clusters, edge labels of the same size). Then

    python3 benches/layout/compare_dot.py [DIR (default /tmp/lay)] [--json]

Graphviz is needed only for this script (`apt-get install graphviz`); besides
the `dot` binary it uses the Python standard library alone.

For both layouts, in px (dot points * 96/72): node-card overlaps; frame
problems (a card or frame overlapping a frame it is not nested in, or sticking
out of its containers' frames); label overlaps (label/label, label/card); edge
crossings; edge passes (an edge's curve running through a card it does not end
at, or through another edge's label); the drawing's size. Prints a Markdown
table (JSON with --json); exits with 1 if our layout has any overlap, or more
crossings than dot, on any ecosystem, else 0 (edge passes are only reported).
"""

import argparse
import bisect
import glob
import json
import math
import os
import re
import subprocess
import sys

TOL = 0.5  # px: rectangles overlap when they share more than this on both axes
NEAR = 2.0  # px: crossings this close to a node both edges end at are ignored
CLOSE = 1.0  # px: meeting points between which two paths stay this close are one contact
AWAY = 4.0  # px beyond a contact, along both paths, to see which side each is on
PX = 96 / 72  # px per point
SAMPLES = 16  # polyline points per cubic bezier segment
STEP = 2.0  # px between the points sampled along a curve to find edge passes
CARD_INSET = 2.0  # px: an edge passes through a card if a sample is inside it shrunk by this
LABEL_INSET = 1.0  # px: the same for another edge's label box


def overlap(a, b, tol=TOL):
    """Whether rectangles [x, y, w, h] share more than tol px on both axes."""
    return (min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > tol
            and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > tol)


def contains(o, r):
    return (r[0] >= o[0] - TOL and r[1] >= o[1] - TOL
            and r[0] + r[2] <= o[0] + o[2] + TOL and r[1] + r[3] <= o[1] + o[3] + TOL)


def near(p, r):
    dx = max(r[0] - p[0], 0, p[0] - r[0] - r[2])
    dy = max(r[1] - p[1], 0, p[1] - r[1] - r[3])
    return dx * dx + dy * dy <= NEAR * NEAR


def bbox(pts):
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)]


def seg_hit(p, q, r, s):
    """Where segments pq and rs meet, as (t on pq, u on rs), or None (parallel: None)."""
    ex, ey, fx, fy = q[0] - p[0], q[1] - p[1], s[0] - r[0], s[1] - r[1]
    d = ex * fy - ey * fx
    if abs(d) < 1e-12:
        return None
    gx, gy = r[0] - p[0], r[1] - p[1]
    t, u = (gx * fy - gy * fx) / d, (gx * ey - gy * ex) / d
    return (t, u) if -1e-9 <= t <= 1 + 1e-9 and -1e-9 <= u <= 1 + 1e-9 else None


def lerp(p, q, t):
    return (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))


class Path:
    """A polyline with its arc lengths, its segments' boxes and its box."""

    def __init__(self, pts):
        self.pts, self.cum = pts, [0.0]
        for p, q in zip(pts, pts[1:]):
            self.cum.append(self.cum[-1] + math.dist(p, q))
        self.boxes, self.box = [bbox(pts[k:k + 2]) for k in range(len(pts) - 1)], bbox(pts)

    def at(self, s):  # the point at arc length s (clamped to the path)
        s = min(max(s, 0.0), self.cum[-1])
        k = min(bisect.bisect_right(self.cum, s) - 1, len(self.pts) - 2)
        n = self.cum[k + 1] - self.cum[k]
        return lerp(self.pts[k], self.pts[k + 1], (s - self.cum[k]) / n if n else 0.0)

    def dist(self, x):  # from point x to the path
        return min(seg_dist(x, p, q) for p, q in zip(self.pts, self.pts[1:]))


def seg_dist(x, p, q):
    n = math.dist(p, q) ** 2
    t = ((x[0] - p[0]) * (q[0] - p[0]) + (x[1] - p[1]) * (q[1] - p[1])) / n if n else 0.0
    return math.dist(x, lerp(p, q, min(max(t, 0.0), 1.0)))


def swapped(x, a1, a2, b1, b2):
    """Whether b1 and b2 lie on different sides of the path a1 - x - a2."""
    if min(math.dist(p, x) for p in (a1, a2, b1, b2)) < 1e-6:
        return False  # a path ends here: a touch, not a crossing
    ang = lambda p: math.atan2(p[1] - x[1], p[0] - x[0])
    inside = lambda p: (ang(p) - ang(a1)) % math.tau < (ang(a2) - ang(a1)) % math.tau
    return inside(b1) != inside(b2)


def together(a, b, s0, s1):
    """Whether path a, from arc length s0 to s1, stays within CLOSE px of b."""
    steps = max(2, math.ceil((s1 - s0) / CLOSE))
    return all(b.dist(a.at(s0 + (s1 - s0) * i / steps)) <= CLOSE for i in range(1, steps))


def pair_crossings(a, b, shared):
    """Crossings of paths a and b. Meeting points between which the paths run
    together are one contact, which counts when the paths swap sides there
    (paths that touch, or run together and part on the sides they came from,
    do not cross). Meeting points near a node both edges end at are ignored."""
    hits = []
    for k, (p, q, bp) in enumerate(zip(a.pts, a.pts[1:], a.boxes)):
        for m, (r, s, br) in enumerate(zip(b.pts, b.pts[1:], b.boxes)):
            if overlap(bp, br, -1e-6) and (tu := seg_hit(p, q, r, s)):
                x = lerp(p, q, tu[0])
                if not any(near(x, c) for c in shared):
                    hits.append((a.cum[k] + tu[0] * (a.cum[k + 1] - a.cum[k]),
                                 b.cum[m] + tu[1] * (b.cum[m + 1] - b.cum[m]), x))
    hits.sort()
    groups = []
    for h in hits:
        if groups and together(a, b, groups[-1][-1][0], h[0]):
            groups[-1].append(h)
        else:
            groups.append([h])
    n = 0
    for g in groups:
        sa, sb = [h[0] for h in g], [h[1] for h in g]
        x = (sum(h[2][0] for h in g) / len(g), sum(h[2][1] for h in g) / len(g))
        n += swapped(x, a.at(min(sa) - AWAY), a.at(max(sa) + AWAY),
                     b.at(min(sb) - AWAY), b.at(max(sb) + AWAY))
    return n


def crossings(cards, edges, paths):
    return sum(pair_crossings(paths[i], paths[j], [cards[n] for n in set(edges[i][:2]) & set(edges[j][:2])])
               for i in range(len(edges)) for j in range(i + 1, len(edges))
               if overlap(paths[i].box, paths[j].box, -1e-6))


def samples(path):
    """Points every STEP px or a little less along path, both ends included."""
    n = max(1, math.ceil(path.cum[-1] / STEP))
    return [path.at(path.cum[-1] * i / n) for i in range(n + 1)]


def runs_through(pts, r, inset):
    """Whether any of pts lies strictly inside rectangle r shrunk by inset px on each side."""
    x0, y0, x1, y1 = r[0] + inset, r[1] + inset, r[0] + r[2] - inset, r[1] + r[3] - inset
    return any(x0 < x < x1 and y0 < y < y1 for x, y in pts)


def edge_passes(cards, edges, paths):
    """(edge, card) pairs where the edge's curve runs through a card that is
    neither of its end cards, and (edge, label) pairs where it runs through
    another edge's label box."""
    pts = [samples(p) for p in paths]
    card = sum(runs_through(pts[i], c, CARD_INSET)
               for i, e in enumerate(edges) for n, c in enumerate(cards)
               if n not in e[:2] and overlap(paths[i].box, c, -1e-6))
    label = sum(runs_through(pts[i], f[3], LABEL_INSET)
                for i in range(len(edges)) for j, f in enumerate(edges)
                if j != i and overlap(paths[i].box, f[3], -1e-6))
    return card, label


def metrics(lay):
    """lay: cards (rects by node), parent, frames {node: rect},
    edges [(from, to, polyline, label rect)], size (w, h)."""
    cards, parent, frames, edges = lay["cards"], lay["parent"], lay["frames"], lay["edges"]
    n, anc = len(cards), []
    for i in range(n):  # anc[i]: i's containers, innermost first
        anc.append([])
        while parent[i] is not None:
            i = parent[i]
            anc[-1].append(i)
    node_ov = sum(overlap(cards[i], cards[j]) for i in range(n) for j in range(i + 1, n))
    frame = 0  # cards and frames must lie in their containers' frames, and off all others
    for k in range(n):
        inside = [c for c in [k] + anc[k] if c in frames]  # frames card k belongs in
        frame += sum(not contains(frames[c], cards[k]) for c in inside)
        frame += sum(overlap(frames[c], cards[k]) for c in frames if c not in inside)
        if k in frames:
            frame += sum(not contains(frames[c], frames[k]) for c in anc[k] if c in frames)
    fs = sorted(frames)
    frame += sum(overlap(frames[a], frames[b]) for x, a in enumerate(fs) for b in fs[x + 1:]
                 if a not in anc[b] and b not in anc[a])
    labels = [e[3] for e in edges]
    label_ov = sum(overlap(l, m) for i, l in enumerate(labels) for m in labels[i + 1:])
    label_ov += sum(overlap(l, c) for l in labels for c in cards)
    paths = [Path(e[2]) for e in edges]
    card_passes, label_passes = edge_passes(cards, edges, paths)
    w, h = lay["size"]
    return {"node_overlaps": node_ov, "frame_problems": frame, "label_overlaps": label_ov,
            "crossings": crossings(cards, edges, paths),
            "edge_card_passes": card_passes, "edge_label_passes": label_passes,
            "width": round(w), "height": round(h), "aspect": round(w / h, 2) if h else None}


def ours(data):
    cards = [nd["rect"] for nd in data["nodes"]]
    frames = {f["node"]: f["rect"] for f in data["frames"]}
    edges = [(e["from"], e["to"], [tuple(p) for p in e["points"]], e["label"]) for e in data["edges"]]
    rects = cards + list(frames.values()) + [e[3] for e in edges]
    corners = [(r[0], r[1]) for r in rects] + [(r[0] + r[2], r[1] + r[3]) for r in rects]
    b = bbox(corners + [p for e in edges for p in e[2]])
    return {"cards": cards, "parent": [nd["parent"] for nd in data["nodes"]],
            "frames": frames, "edges": edges, "size": (b[2], b[3])}


def clean_dot(text):
    """Older exports set label twice on edge lines (label="" then the HTML
    table), and set xlabel/width/height/lwidth/lheight, which mean nothing on
    an edge (lwidth and lheight are outputs); their table cell holds a space
    that dot finds too big for the cell and warns about. Keep only the HTML
    label, cell empty. Also number the edges (id="eK", K in file order = our
    edge order) unless the export did: dot -Tjson lists edges by tail node, not
    in file order. Newer exports need none of this; cleaning twice changes
    nothing."""
    out, k = [], 0
    for line in text.splitlines():
        if "->" in line:
            line = re.sub(r'\b(?:x?label=""|l?(?:width|height)=[\d.]+),\s*', "", line)
            line = line.replace('FIXEDSIZE="TRUE"> </TD>', 'FIXEDSIZE="TRUE"></TD>')
            if not re.search(r'[\[,]\s*id=', line):
                line = line.replace("[", f'[id="e{k}", ', 1)
            k += 1
        out.append(line)
    return "\n".join(out) + "\n"


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(2)  # 1 means our layout lost


def bezier(c, t):
    w = ((1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3)
    return (sum(a * p[0] for a, p in zip(w, c)), sum(a * p[1] for a, p in zip(w, c)))


def dot_layout(path, data):
    if not os.path.exists(path):
        fail(f"{path} is missing: layout_export writes it with the .layout.json")
    with open(path) as f:
        text = clean_dot(f.read())
    try:
        run = subprocess.run(["dot", "-Tjson"], input=text, capture_output=True, text=True)
    except FileNotFoundError:
        fail("dot not found: apt-get install graphviz")
    if run.returncode != 0:
        fail(f"dot failed on {path}:\n{run.stderr}")
    g = json.loads(run.stdout)
    x0, y0, x1, y1 = map(float, g["bb"].split(","))
    pt = lambda x, y: ((float(x) - x0) * PX, (y1 - float(y)) * PX)  # y down, px

    n = len(data["nodes"])
    cards, frames, gvid = [None] * n, {}, {}
    for o in g.get("objects", []):
        m = re.fullmatch(r"(n|cluster_)(\d+)", o["name"])
        if m and m.group(1) == "n":
            i = int(m.group(2))
            gvid[o["_gvid"]] = i
            cx, cy = pt(*o["pos"].split(","))
            w, h = float(o["width"]) * 96, float(o["height"]) * 96
            cards[i] = [cx - w / 2, cy - h / 2, w, h]
        elif m:  # a cluster: its bb is lower left x, y, upper right x, y
            llx, lly, urx, ury = o["bb"].split(",")
            (ax, ay), (bx, by) = pt(llx, ury), pt(urx, lly)
            frames[int(m.group(2))] = [ax, ay, bx - ax, by - ay]
    assert None not in cards, f"{path}: dot lost a node"
    edges = [None] * len(data["edges"])
    for e in g.get("edges", []):
        k = int(e["id"][1:])
        pl = []  # each cubic bezier sampled at SAMPLES + 1 points
        for op in e["_draw_"]:
            ps = [pt(*p) for p in op["points"]] if op["op"] in "bB" else []
            for s in range(0, len(ps) - 3, 3):
                pl += [bezier(ps[s:s + 4], i / SAMPLES) for i in range(bool(pl), SAMPLES + 1)]
        # The spline stops where the arrowhead begins: extend it to the tip.
        for part in e["pos"].split():
            if part.startswith("e,"):
                pl.append(pt(*part[2:].split(",")))
            elif part.startswith("s,"):
                pl.insert(0, pt(*part[2:].split(",")))
        lw, lh = data["edges"][k]["label"][2:]
        lx, ly = pt(*e["lp"].split(","))
        edges[k] = (gvid[e["tail"]], gvid[e["head"]], pl, [lx - lw / 2, ly - lh / 2, lw, lh])
    assert None not in edges, f"{path}: dot lost an edge"
    return {"cards": cards, "parent": [nd["parent"] for nd in data["nodes"]],
            "frames": frames, "edges": edges, "size": ((x1 - x0) * PX, (y1 - y0) * PX)}


def cell(m):
    return (f"{m['node_overlaps']} / {m['frame_problems']} / {m['label_overlaps']} / "
            f"{m['crossings']} / {m['width']}×{m['height']} ({m['aspect']})")


def passes_cell(m):
    return f"{m['edge_card_passes']} / {m['edge_label_passes']}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?", default="/tmp/lay", help="STEM.layout.json and STEM.dot files")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args()
    files = sorted(glob.glob(os.path.join(args.dir, "*.layout.json")))
    if not files:
        fail(f"no *.layout.json in {args.dir}; see the docstring of {sys.argv[0]}")
    rows, bad = [], []
    for path in files:
        stem = os.path.basename(path)[: -len(".layout.json")]
        with open(path) as f:
            data = json.load(f)
        o = metrics(ours(data))
        d = metrics(dot_layout(os.path.join(args.dir, stem + ".dot"), data))
        rows.append({"ecosystem": stem, "nodes": len(data["nodes"]), "edges": len(data["edges"]),
                     "layout_seconds": data.get("layout_seconds"), "ours": o, "dot": d})
        if o["node_overlaps"] or o["frame_problems"] or o["label_overlaps"] or o["crossings"] > d["crossings"]:
            bad.append(stem)
    if args.json:
        print(json.dumps({"rows": rows, "failing": bad}, indent=2))
    else:
        print("| ecosystem | nodes | edges | ours: node overlaps / frame problems / label overlaps"
              " / crossings / size w×h px (w/h) | dot: same | ours: edge-card / edge-label passes"
              " | dot: same |")
        print("|---|---:|---:|---|---|---|---|")
        for r in rows:
            print(f"| {r['ecosystem']} | {r['nodes']} | {r['edges']} | {cell(r['ours'])} | {cell(r['dot'])} "
                  f"| {passes_cell(r['ours'])} | {passes_cell(r['dot'])} |")
        total = lambda s, keys: " / ".join(str(sum(r[s][k] for r in rows)) for k in keys)
        keys = ["node_overlaps", "frame_problems", "label_overlaps", "crossings"]
        passes = ["edge_card_passes", "edge_label_passes"]
        print(f"| **total** | {sum(r['nodes'] for r in rows)} | {sum(r['edges'] for r in rows)} "
              f"| {total('ours', keys)} | {total('dot', keys)} | {total('ours', passes)} | {total('dot', passes)} |")
        print("\nours fails on: " + (", ".join(bad) if bad else "nothing"))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
