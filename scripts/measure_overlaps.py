#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Publish several overlapping geographies of the demo through one register; measure the atoms.

Generates a municipality with scripts/generate_demo.py, then publishes, one run each and all
through one release register (as a municipality publishing several maps would): the areas,
the districts, a square grid (``--grid`` metres) and a second grid shifted by half a cell.
For every run it prints the atoms the audit models (core.discretion.atoms: populations that
overlap partially, each the sum of its atoms), the protection's CPU seconds, and what was
hidden. Core only (no QGIS)::

    /usr/bin/python3 scripts/measure_overlaps.py --persons 60000 --areas 100 --grid 1000
"""
import argparse
import json
import os
import sys
import tempfile
import time

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "scripts"))

from measure_protection import _generator  # noqa: E402

from boligsocial_plugin.core import discretion  # noqa: E402
from boligsocial_plugin.core.discretion.perturbation import OFF, Perturbation  # noqa: E402
from boligsocial_plugin.core.discretion.register import Register  # noqa: E402
from boligsocial_plugin.core.extract import prepare  # noqa: E402
from boligsocial_plugin.core.indicators import aggregate, available_indicators  # noqa: E402
from boligsocial_plugin.core.pipeline import Publication, join_persons, protect_run  # noqa: E402


def read_layer(path, field):
    """Ids and rings (numpy) of a polygon layer."""
    from osgeo import ogr

    ogr.UseExceptions()
    ds = ogr.Open(path)
    ids, rings = [], []
    for f in ds.GetLayer(0):
        g = f.GetGeometryRef()
        parts = [g.GetGeometryRef(i) for i in range(g.GetGeometryCount())] \
            if g.GetGeometryName() == "MULTIPOLYGON" else [g]
        rr = [np.array(p.GetGeometryRef(k).GetPoints(), dtype=float)[:, :2]
              for p in parts for k in range(p.GetGeometryCount())]
        ids.append(str(f.GetField(field)))
        rings.append(rr)
    return ids, rings


def grid(extent, size, shift=0.0):
    """Square cells of ``size`` metres over ``extent`` (x0, y0, x1, y1), shifted."""
    x0, y0, x1, y1 = extent
    ids, rings = [], []
    for i, x in enumerate(np.arange(x0 - shift, x1, size)):
        for j, y in enumerate(np.arange(y0 - shift, y1, size)):
            ids.append("g{}_{}_{}".format(int(shift), i, j))
            rings.append([np.array([[x, y], [x + size, y], [x + size, y + size], [x, y + size],
                                    [x, y]], dtype=float)])
    return ids, rings


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--persons", type=int, default=60000)
    ap.add_argument("--areas", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--years", default="2025")
    ap.add_argument("--grid", type=float, default=1000.0)
    ap.add_argument("--perturbation", choices=["on", "off"], default="off")
    ap.add_argument("--work", default=None)
    args = ap.parse_args(argv)
    work = args.work or tempfile.mkdtemp(prefix="bs_overlaps_")
    if not os.path.exists(os.path.join(work, "persons.csv")):
        gen = _generator()
        gen.generate(work, persons=args.persons, seed=args.seed, areas=args.areas,
                     years=gen.parse_years(args.years), formats=("csv",))
    data = prepare(pd.read_csv(os.path.join(work, "persons.csv"),
                               dtype={"person_id": str})).data
    x, y = data["x"].to_numpy(float), data["y"].to_numpy(float)
    geos = [("areas", read_layer(os.path.join(work, "areas.gpkg"), "area_id")),
            ("districts", read_layer(os.path.join(work, "districts.gpkg"), "district_id"))]
    ext = (570000.0, 6220000.0, 590000.0, 6240000.0)
    geos.append(("grid", grid(ext, args.grid)))
    geos.append(("grid_shifted", grid(ext, args.grid, args.grid / 2)))
    indicators, _ = available_indicators(data.columns)
    pert = Perturbation() if args.perturbation == "on" else OFF
    reg = Register(os.path.join(work, "register_" + args.perturbation))
    for f in os.listdir(reg.folder) if os.path.isdir(reg.folder) else []:
        os.remove(os.path.join(reg.folder, f))
    pub = Publication(discretion.Rules(), pert, register=reg)
    out = {"persons_rows": len(data), "perturbation": args.perturbation, "runs": []}
    for name, (ids, rings) in geos:
        t0 = time.perf_counter()
        joined = join_persons(data, x, y, rings, ids)
        raw = aggregate(joined.data, joined.area, len(ids), indicators)
        print("{}: joined and aggregated in {:.1f} s".format(name, time.perf_counter() - t0),
              file=sys.stderr, flush=True)
        c0, w0 = time.process_time(), time.perf_counter()
        rel = protect_run(raw, joined, indicators, ids, pub)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        rel.record(reg, name, name)
        rep = rel.result.report
        out["runs"].append({
            "geography": name, "rows": len(raw), "atoms": rep["atoms"],
            "protect_cpu_s": round(cpu, 2), "protect_wall_s": round(wall, 2),
            "primary": rep["primary"], "secondary": rep["secondary"],
            "residents_hidden": rep["residents_hidden"], "audit": rep["audit"],
            "relations": rep["relations"], "rounds": rep["rounds"],
            "lp_solved": rep["interval_audit"]["solved_by_lp"],
            "overlap_budget": rep["overlap_budget"],
            "warnings": rep["warnings"]})
        print(json.dumps(out["runs"][-1]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
