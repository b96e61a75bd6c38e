#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Compare mergesmallareas' regions with PySAL spopt's max-p heuristic on generated blocks.

On the same generated data (grids, irregular Voronoi blocks with lakes and islands, the demo
generator's tiling, 10,000 blocks) and floors (minimum residents per region), it prints the
number of regions reaching the floor, the upper bound, the mixing of a spatially patterned
two-field attribute (within-region / total sum of squares of the standardised fields; lower
is more alike inside) and the seconds, side by side for

* ``construction``: the plugin's greedy construction alone (the method before the split pass
  and the local search),
* ``plugin``: the full method without an attribute, ``plugin+attr``: with the attribute,
* ``spopt``: ``spopt.region.MaxPHeuristic`` with the same neighbours, residents and attribute
  (its regions that miss the floor or fall apart are not counted).

spopt is optional and used only here; install it into a separate virtual environment and
point ``--spopt-python`` at it (the plugin itself never needs it)::

    /usr/bin/python3 -m venv --system-site-packages /tmp/spoptvenv
    /tmp/spoptvenv/bin/pip install spopt "numpy<2"
    /usr/bin/python3 scripts/benchmark_regions.py --spopt-python /tmp/spoptvenv/bin/python

Without spopt the spopt columns stay empty. ``--quick`` runs the small data sets only.
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import deque
from typing import Dict, List, Optional, Tuple

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)


# ----------------------------------------------------------------------------- data sets

def grid_edges(w: int, h: int, queen: bool = False) -> Tuple[np.ndarray, np.ndarray]:
    """Edges (i, j, shared length) of a w x h grid of unit squares and the cell centres."""
    idx = np.arange(w * h).reshape(h, w)
    pairs = [np.column_stack([idx[:, :-1].ravel(), idx[:, 1:].ravel(), np.ones((w - 1) * h)]),
             np.column_stack([idx[:-1, :].ravel(), idx[1:, :].ravel(), np.ones(w * (h - 1))])]
    if queen:
        pairs += [np.column_stack([idx[:-1, :-1].ravel(), idx[1:, 1:].ravel(),
                                   np.zeros((w - 1) * (h - 1))]),
                  np.column_stack([idx[:-1, 1:].ravel(), idx[1:, :-1].ravel(),
                                   np.zeros((w - 1) * (h - 1))])]
    yy, xx = np.divmod(np.arange(w * h), w)
    return np.vstack(pairs), np.column_stack([xx + .5, yy + .5]).astype(float)


def _qgis():
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    return app


def voronoi_edges(n: int, seed: int, lakes: int = 0, islands: int = 0
                  ) -> Tuple[np.ndarray, np.ndarray]:
    """Irregular blocks: Voronoi cells of n random points, some removed as lakes and moats."""
    from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle

    from boligsocial_plugin.qgis_io.adjacency import polygon_adjacency

    rng = np.random.default_rng(seed)
    side = float(np.sqrt(n)) * 100.0
    pts = rng.uniform(0, side, (n, 2))
    ext = QgsGeometry.fromRect(QgsRectangle(0, 0, side, side))
    cells = QgsGeometry.fromMultiPointXY([QgsPointXY(*p) for p in pts]).voronoiDiagram(ext)
    geoms = [QgsGeometry(part.clone()).intersection(ext) for part in cells.constGet()]
    cent = np.array([[g.centroid().asPoint().x(), g.centroid().asPoint().y()] for g in geoms])
    keep = np.ones(len(geoms), dtype=bool)
    for _ in range(lakes):          # lakes: discs of removed cells
        c = rng.uniform(0.15 * side, 0.85 * side, 2)
        keep &= np.hypot(*(cent - c).T) > rng.uniform(0.03, 0.07) * side
    geoms = [g for g, k in zip(geoms, keep) if k]
    cent = cent[keep]
    edges = polygon_adjacency(geoms)
    if islands:                     # islands: cells whose neighbours are all removed (a moat)
        nb: Dict[int, set] = {}
        for a, b in edges[:, :2].astype(int):
            nb.setdefault(a, set()).add(b)
            nb.setdefault(b, set()).add(a)
        drop: set = set()
        for a in rng.permutation(len(geoms)):
            if len(drop) >= islands * 8 or a in drop or not nb.get(a):
                continue
            if nb[a] & drop or any(nb[b] & drop for b in nb[a]):
                continue
            drop |= nb[a]
        keep = np.array([k not in drop for k in range(len(geoms))])
        geoms = [g for g, k in zip(geoms, keep) if k]
        cent = cent[keep]
        edges = polygon_adjacency(geoms)
    return edges, cent


def demo_edges(n: int, seed: int) -> Tuple[np.ndarray, np.ndarray]:
    """The demo generator's tiling (jittered quadrilaterals, an enclave, a multipart area)."""
    from qgis.core import QgsGeometry

    from boligsocial_plugin.qgis_io.adjacency import polygon_adjacency

    spec = importlib.util.spec_from_file_location(
        "generate_demo", os.path.join(ROOT, "scripts", "generate_demo.py"))
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    areas = gen._build_geometry(n, np.random.default_rng(seed))
    geoms = []
    for parts in areas.parts:
        wkt = "MULTIPOLYGON({})".format(",".join(
            "({})".format(",".join("({})".format(",".join("{} {}".format(*xy) for xy in ring))
                                   for ring in part)) for part in parts))
        geoms.append(QgsGeometry.fromWkt(wkt))
    cent = np.array([[g.centroid().asPoint().x(), g.centroid().asPoint().y()] for g in geoms])
    return polygon_adjacency(geoms), cent


def residents(n: int, seed: int) -> np.ndarray:
    """Block populations: skewed, about 8 % empty (parks, industry), mean about 60."""
    rng = np.random.default_rng(seed + 1000)
    pop = np.round(rng.gamma(1.3, 46.0, n))
    pop[rng.random(n) < 0.08] = 0
    return pop


def attribute(cent: np.ndarray, seed: int) -> np.ndarray:
    """Two spatially patterned fields (a wave and a gradient) with noise, like indicator maps."""
    rng = np.random.default_rng(seed + 2000)
    c = (cent - cent.min(axis=0)) / max(1e-9, float(np.ptp(cent, axis=0).max()))
    f1 = np.sin(6.0 * c[:, 0]) + np.cos(5.0 * c[:, 1]) + 0.6 * rng.standard_normal(len(c))
    f2 = 2.0 * c[:, 0] - c[:, 1] + 0.4 * rng.standard_normal(len(c))
    return np.column_stack([f1, f2])


# ----------------------------------------------------------------------------- checks

def valid_regions(labels: np.ndarray, pop: np.ndarray, edges: np.ndarray,
                  minimum: float) -> int:
    """Regions of a labelling that reach the floor and are contiguous."""
    n = len(labels)
    nb: List[List[int]] = [[] for _ in range(n)]
    for a, b in edges[:, :2].astype(int):
        nb[a].append(b)
        nb[b].append(a)
    good = 0
    for r in np.unique(labels):
        ms = np.nonzero(labels == r)[0]
        if pop[ms].sum() < minimum:
            continue
        seen = {int(ms[0])}
        q = deque(seen)
        while q:
            a = q.popleft()
            for b in nb[a]:
                if labels[b] == r and b not in seen:
                    seen.add(b)
                    q.append(b)
        good += len(seen) == len(ms)
    return good


def run_plugin(pop, edges, minimum, attrs=None, improve=True):
    """The plugin's core on the data: (regions reaching the floor, labels, bound, seconds)."""
    from boligsocial_plugin.core.regions import merge_small_areas

    t0 = time.perf_counter()
    res = merge_small_areas(pop, edges, minimum, attributes=attrs, improve=improve)
    dt = time.perf_counter() - t0
    return int(res.feasible.sum()), res.region, res.upper_bound, dt


def run_spopt(python: str, pop, edges, minimum, attrs, seed: int, args) -> Optional[dict]:
    """spopt's MaxPHeuristic in its own interpreter (``--worker``); None when it fails."""
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "in.npz"), os.path.join(tmp, "out.json")
        np.savez(src, pop=pop, edges=edges, attrs=attrs, minimum=minimum, seed=seed,
                 construction=args.spopt_construction, sa=args.spopt_sa)
        t0 = time.perf_counter()
        p = subprocess.run([python, os.path.abspath(__file__), "--worker", src, dst],
                           capture_output=True, text=True)
        dt = time.perf_counter() - t0
        if p.returncode != 0 or not os.path.exists(dst):
            print("# spopt failed: " + p.stderr.strip()[-600:], file=sys.stderr)
            return None
        with open(dst) as f:
            out = json.load(f)
    out["labels"] = np.asarray(out["labels"], dtype=np.int64)
    out["wall"] = dt
    return out


def worker(src: str, dst: str) -> int:
    """Run spopt on the saved data (in the interpreter that has spopt)."""
    import pandas as pd
    from libpysal.weights import W
    from spopt.region import MaxPHeuristic

    d = np.load(src)
    pop, edges, attrs = d["pop"], d["edges"], d["attrs"]
    minimum = float(d["minimum"])
    n = len(pop)
    neigh: Dict[int, set] = {i: set() for i in range(n)}
    for a, b in edges[:, :2].astype(int):
        neigh[a].add(int(b))
        neigh[b].add(int(a))
    comp = W({i: sorted(v) for i, v in neigh.items()}, silence_warnings=True).component_labels
    size = np.bincount(comp)
    comp_pop = np.bincount(comp, weights=pop)
    # spopt gets the components with more than one area that can reach the floor: it fails on
    # an area without neighbours (IndexError in its enclave assignment) and would glue
    # components below the floor to the mainland, which needs geometry. Those areas are
    # labelled by their component, as the plugin does.
    kept = np.nonzero((comp_pop[comp] >= minimum) & (size[comp] > 1))[0]
    new = {int(o): k for k, o in enumerate(kept)}
    w = W({new[o]: sorted(new[b] for b in neigh[o]) for o in kept.tolist()},
          silence_warnings=True)
    names = ["f{}".format(k) for k in range(attrs.shape[1])]
    df = pd.DataFrame(attrs[kept], columns=names)
    df["pop"] = pop[kept]
    np.random.seed(int(d["seed"]))
    t0 = time.perf_counter()
    model = MaxPHeuristic(df, w, names, "pop", minimum, top_n=2,
                          max_iterations_construction=int(d["construction"]),
                          max_iterations_sa=int(d["sa"]), policy="keep")
    model.solve()
    dt = time.perf_counter() - t0
    labels = -1 - comp.astype(np.int64)
    labels[kept] = np.asarray(model.labels_, dtype=np.int64)
    with open(dst, "w") as f:
        json.dump({"labels": labels.tolist(), "p": int(model.p), "seconds": dt}, f)
    return 0


# ----------------------------------------------------------------------------- main

def datasets(quick: bool):
    """(name, edges, centres, seed) of every data set."""
    yield ("grid 30×30", *grid_edges(30, 30), 1)
    yield ("grid 30×30 queen", *grid_edges(30, 30, queen=True), 2)
    yield ("blocks 1,000, lakes, islands", *voronoi_edges(1000, 3, lakes=4, islands=6), 3)
    yield ("demo tiling 400", *demo_edges(400, 4), 4)
    if not quick:
        yield ("blocks 3,000", *voronoi_edges(3000, 5, lakes=6, islands=10), 5)
        yield ("blocks 10,000", *voronoi_edges(10000, 6, lakes=10, islands=20), 6)


def main(argv=None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--spopt-python", default=None,
                    help="Python interpreter that has spopt (default: this one if it has it)")
    ap.add_argument("--floors", default="50,250")
    ap.add_argument("--quick", action="store_true", help="small data sets only")
    ap.add_argument("--spopt-construction", type=int, default=99,
                    help="spopt construction iterations (its default 99)")
    ap.add_argument("--spopt-sa", type=int, default=10,
                    help="spopt simulated annealing runs (its default 10)")
    ap.add_argument("--spopt-max-areas", type=int, default=10000,
                    help="skip spopt above this many areas")
    ap.add_argument("--json", default=None, help="also write the rows to this JSON file")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        return worker(*a.worker)
    python = a.spopt_python
    if python is None and importlib.util.find_spec("spopt") is not None:
        python = sys.executable
    from boligsocial_plugin.core.regions import mixing

    app = _qgis()
    rows = []
    for name, edges, cent, seed in datasets(a.quick):
        pop = residents(len(cent), seed)
        attrs = attribute(cent, seed)
        for floor in [float(s) for s in a.floors.split(",") if s]:
            row = {"data": name, "areas": len(pop), "floor": int(floor)}
            for key, kw in (("construction", {"improve": False}), ("plugin", {}),
                            ("plugin_attr", {"attrs": attrs})):
                k, lab, bound, dt = run_plugin(pop, edges, floor, **kw)
                assert valid_regions(lab, pop, edges, floor) == k, (name, key)
                row[key] = k
                row[key + "_mix"] = mixing(lab, attrs)
                row[key + "_s"] = dt
                row["bound"] = bound
            if python and len(pop) <= a.spopt_max_areas:
                out = run_spopt(python, pop, edges, floor, attrs, seed, a)
                if out is not None:
                    lab = np.unique(out["labels"], return_inverse=True)[1]
                    row["spopt"] = valid_regions(lab, pop, edges, floor)
                    row["spopt_mix"] = mixing(lab, attrs)
                    row["spopt_s"] = out["seconds"]
                    row["spopt_p"] = out["p"]        # spopt's own count of its regions
            rows.append(row)
            print("# {} floor {}: {}".format(name, int(floor), {
                k: (round(v, 3) if isinstance(v, float) else v) for k, v in row.items()}),
                file=sys.stderr, flush=True)
    del app
    if a.json:
        with open(a.json, "w") as f:
            json.dump(rows, f, indent=2)

    def cell(r, k, fmt="{}"):
        return fmt.format(r[k]) if r.get(k) is not None else "–"

    print("| data | areas | floor | bound | regions: construction | plugin | plugin+attr "
          "| spopt | mixing: construction | plugin | plugin+attr | spopt | attr/spopt "
          "| s: plugin | plugin+attr | spopt |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = (r["plugin_attr_mix"] / r["spopt_mix"]
                 if r.get("spopt_mix") and r.get("plugin_attr_mix") is not None else None)
        print("| {} | {:,} | {} | {:,} | {:,} | {:,} | {:,} | {} | {} | {} | {} | {} | {} | {} "
              "| {} | {} |".format(
                  r["data"], r["areas"], r["floor"], r["bound"], r["construction"],
                  r["plugin"], r["plugin_attr"], cell(r, "spopt", "{:,}"),
                  cell(r, "construction_mix", "{:.3f}"), cell(r, "plugin_mix", "{:.3f}"),
                  cell(r, "plugin_attr_mix", "{:.3f}"), cell(r, "spopt_mix", "{:.3f}"),
                  "–" if ratio is None else "{:.2f}×".format(ratio),
                  cell(r, "plugin_s", "{:.2f}"), cell(r, "plugin_attr_s", "{:.2f}"),
                  cell(r, "spopt_s", "{:.1f}")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
