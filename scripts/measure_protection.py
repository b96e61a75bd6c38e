#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Attack the protection on generated data and measure what it costs (README "Discretion").

Generates a municipality with scripts/generate_demo.py (any seed and size), publishes it as a
municipality would (the indicator layer of every date, a second geography of merged
neighbouring areas, the criteria layer; all through one release register, with the
perturbation), then plays the attacker with only what was published:

* **differencing**: a merged area minus its published member, and an area at one date minus
  the same area at the next date, compared with the true figures of the group in between
  (exact recoveries of a figure the rules hide: must be 0);
* **criteria vs indicators**: a criteria value shown for an area whose cells the indicator
  layer hides;
* **bounds**: the narrowest interval the attacker's linear programme leaves a primary cell
  (the audit's proven width; must be at least the protection width).

It also reports the mean absolute change of the published counts and the time of each step.
Core only (no QGIS):

    /usr/bin/python3 scripts/measure_protection.py --persons 60000 --areas 300 --seed 7
    /usr/bin/python3 scripts/measure_protection.py --persons 1000000 --areas 1000 --years 2025 \\
        --timing-only
"""
import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from boligsocial_plugin.core import discretion  # noqa: E402
from boligsocial_plugin.core.criteria import (  # noqa: E402
    assess_criteria,
    protect_criteria,
    release_indicators,
)
from boligsocial_plugin.core.discretion.perturbation import OFF, Perturbation  # noqa: E402
from boligsocial_plugin.core.discretion.register import Register  # noqa: E402
from boligsocial_plugin.core.extract import prepare  # noqa: E402
from boligsocial_plugin.core.indicators import aggregate, available_indicators  # noqa: E402
from boligsocial_plugin.core.pipeline import Publication, join_persons, protect_run  # noqa: E402

CRITERIA = {"outside": "outside_labour", "convicted": "convicted", "basic_edu": "basic_edu",
            "income": "income", "nonwestern": "nonwestern"}


def _generator():
    spec = importlib.util.spec_from_file_location(
        "generate_demo", os.path.join(ROOT, "scripts", "generate_demo.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_areas(path):
    """Area ids, rings (numpy) and neighbour pairs (shared boundary) from a GeoPackage."""
    from osgeo import gdal, ogr

    ogr.UseExceptions()
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    ds = ogr.Open(path)
    lyr = ds.GetLayer(0)
    ids, rings, geoms = [], [], []
    for f in lyr:
        g = f.GetGeometryRef()
        parts = [g.GetGeometryRef(i) for i in range(g.GetGeometryCount())] \
            if g.GetGeometryName() == "MULTIPOLYGON" else [g]
        rr = []
        for p in parts:
            for k in range(p.GetGeometryCount()):
                r = p.GetGeometryRef(k)
                rr.append(np.array(r.GetPoints(), dtype=float)[:, :2])
        ids.append(str(f.GetField("area_id")))
        rings.append(rr)
        geoms.append(g.Clone())
    pairs = []
    boxes = np.array([g.GetEnvelope() for g in geoms])  # minx, maxx, miny, maxy
    for i in range(len(geoms)):
        near = np.nonzero((boxes[:, 0] <= boxes[i, 1]) & (boxes[:, 1] >= boxes[i, 0]) &
                          (boxes[:, 2] <= boxes[i, 3]) & (boxes[:, 3] >= boxes[i, 2]))[0]
        for j in near[near > i]:
            shared = geoms[i].Intersection(geoms[j])
            if shared is not None and shared.Boundary() is not None and \
                    geoms[i].Touches(geoms[j]) and _line_length(shared) > 0:
                pairs.append((i, int(j)))
    return ids, rings, pairs


def _line_length(g) -> float:
    """Length of the line parts of a geometry (a shared boundary)."""
    name = g.GetGeometryName()
    if name in ("LINESTRING", "MULTILINESTRING"):
        return g.Length()
    if name == "GEOMETRYCOLLECTION":
        return sum(_line_length(g.GetGeometryRef(i)) for i in range(g.GetGeometryCount()))
    return 0.0


def merged_geography(ids, rings, pairs, rng):
    """Disjoint random pairs of neighbours merged; every other area kept."""
    used, merged = set(), []
    for k in rng.permutation(len(pairs)):
        i, j = pairs[k]
        if i in used or j in used:
            continue
        used |= {i, j}
        merged.append((i, j))
    out_ids, out_rings, members = [], [], {}
    for i, j in merged:
        out_ids.append("M_{}_{}".format(ids[i], ids[j]))
        out_rings.append(rings[i] + rings[j])
        members[out_ids[-1]] = (ids[i], ids[j])
    for i in range(len(ids)):
        if i not in used:
            out_ids.append(ids[i])
            out_rings.append(rings[i])
    return out_ids, out_rings, members


def cells(indicators):
    return ["residents"] + [f"{i.code}_{x}" for i in indicators for x in ("num", "den")]


def small_group(fig, cell, rules):
    """Whether the rules hide this cell of a group with these figures."""
    r = fig["residents"]
    if cell == "residents":
        return 0 < r < rules.min_count
    return 0 < r < max(rules.min_count, rules.min_residents) or 0 < fig[cell] < rules.min_count


def publish(data, x, y, rings, ids, indicators, pub, record=True, date=None, name="indicators"):
    t0 = time.perf_counter()
    joined = join_persons(data, x, y, rings, ids, date)
    t1 = time.perf_counter()
    raw = aggregate(joined.data, joined.area, len(ids), indicators)
    t2 = time.perf_counter()
    rel = protect_run(raw, joined, indicators, ids, pub)
    t3 = time.perf_counter()
    if record and pub.register is not None:
        rel.record(pub.register, name, name)
    out = rel.published.copy()
    out["area_id"] = [ids[i] for i in out["area_idx"]]
    times = {"join": t1 - t0, "aggregate": t2 - t1, "protect": t3 - t2}
    return out.set_index(["area_id", "ref_date"]), rel, raw, joined, times


def group_figures(joined, mask, indicators):
    sub = joined.data.iloc[:joined.stats.rows_date][mask]
    if not len(sub):
        return None
    return aggregate(sub.drop(columns=[c for c in ("person_key",) if c in sub]),
                     np.zeros(len(sub), np.int64), 1, indicators).iloc[0]


def recoveries(big, small, fig, indicators, rules):
    """Cells where big - small equals a figure of the group in between that the rules hide."""
    hits = 0
    for c in cells(indicators):
        a, b = big.get(c, np.nan), small.get(c, np.nan)
        if pd.isna(a) or pd.isna(b) or fig is None or fig[c] == 0:
            continue
        if abs((a - b) - fig[c]) < 1e-6 and small_group(fig, c, rules):
            hits += 1
    return hits


def main(argv=None) -> int:  # noqa: C901 - a measurement script, read top to bottom
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--persons", type=int, default=60000)
    ap.add_argument("--areas", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--years", default="2024-2025")
    ap.add_argument("--monthly", action="store_true",
                    help="monthly snapshots in the last year (few persons move between two)")
    ap.add_argument("--perturbation", choices=["on", "off"], default="on")
    ap.add_argument("--timing-only", action="store_true")
    ap.add_argument("--work", default=None, help="folder for the generated data")
    args = ap.parse_args(argv)
    work = args.work or tempfile.mkdtemp(prefix="bs_measure_")
    gen = _generator()
    t0 = time.perf_counter()
    gen.generate(work, persons=args.persons, seed=args.seed, areas=args.areas,
                 years=gen.parse_years(args.years), monthly=args.monthly, formats=("csv",))
    print("generated {} persons/date, {} areas, seed {} in {:.1f} s".format(
        args.persons, args.areas, args.seed, time.perf_counter() - t0))
    frame = pd.read_csv(os.path.join(work, "persons.csv"), dtype={"person_id": str})
    ext = prepare(frame)
    data = ext.data
    x, y = data["x"].to_numpy(float), data["y"].to_numpy(float)
    ids, rings, pairs = read_areas(os.path.join(work, "areas.gpkg"))
    rules = discretion.Rules()
    indicators, _ = available_indicators(data.columns)
    pert = Perturbation() if args.perturbation == "on" else OFF
    reg = Register(os.path.join(work, "register"))
    report = {"persons_per_date": args.persons, "areas": len(ids), "seed": args.seed,
              "rows": len(data)}
    dates = sorted(data["ref_date"].dropna().unique())
    # ---------------------------------------------------------------- 1. indicator layer
    pub = Publication(rules, pert, register=reg)
    first, rel, raw, joined, times = publish(data, x, y, rings, ids, indicators, pub)
    rep = rel.result.report
    report["timing_indicators"] = {k: round(v, 2) for k, v in times.items()}
    report["protection_seconds_inside"] = rep["seconds"]
    report["suppressed"] = {"primary": rep["primary"], "secondary": rep["secondary"],
                            "area": rep["area"], "for_groups": rep.get("hidden_for_groups")}
    report["mean_abs_change"] = rep["mean_abs_change"]
    report["narrowest_primary_width"] = rep["interval_audit"].get("narrowest_primary")
    report["protection_width"] = rep["interval_audit"]["protection_width"]
    if args.timing_only:
        unprotected = Publication(rules, OFF)
        t = time.perf_counter()
        protect_run(raw, joined, indicators, ids, unprotected)
        report["protect_without_register_or_noise"] = round(time.perf_counter() - t, 2)
        print(json.dumps(report, indent=1))
        return 0
    # ---------------------------------------------------------------- 2. merged geography
    rng = np.random.default_rng(args.seed)
    m_ids, m_rings, members = merged_geography(ids, rings, pairs, rng)
    second, rel2, _, joined2, times2 = publish(data, x, y, m_rings, m_ids, indicators, pub,
                                               name="merged")
    report["timing_merged"] = {k: round(v, 2) for k, v in times2.items()}
    hits = tried = 0
    jd = joined.data.iloc[:joined.stats.rows_date]
    for mid, (a, b) in members.items():
        for d in dates:
            for target, other in ((a, b), (b, a)):
                big = second.loc[(mid, d)] if (mid, d) in second.index else None
                small = first.loc[(other, d)] if (other, d) in first.index else None
                if big is None or small is None:
                    continue
                ti = ids.index(target)
                mask = (joined.area[:joined.stats.rows_date] == ti) & \
                    (jd["ref_date"].astype(str).to_numpy() == d)
                fig = group_figures(joined, mask, indicators)
                tried += 1
                hits += recoveries(big, small, fig, indicators, rules)
    report["attack_merged_minus_member"] = {"pairs_tried": tried, "exact_recoveries": hits}
    # ---------------------------------------------------------------- 3. two dates
    hits = tried = 0
    if len(dates) >= 2:
        for i in range(len(ids)):
            for d0, d1 in zip(dates[:-1], dates[1:]):
                if (ids[i], d0) not in first.index or (ids[i], d1) not in first.index:
                    continue
                r0, r1 = first.loc[(ids[i], d0)], first.loc[(ids[i], d1)]
                in0 = (joined.area[:len(jd)] == i) & (jd["ref_date"] == d0).to_numpy()
                in1 = (joined.area[:len(jd)] == i) & (jd["ref_date"] == d1).to_numpy()
                k0, k1 = set(jd["person_key"][in0]), set(jd["person_key"][in1])
                came = in1 & ~jd["person_key"].isin(k0).to_numpy()
                left = in0 & ~jd["person_key"].isin(k1).to_numpy()
                if came.any() and not left.any():   # the later date minus the earlier
                    fig = group_figures(joined, came, indicators)
                    hits += recoveries(r1, r0, fig, indicators, rules)
                elif left.any() and not came.any():  # the earlier minus the later
                    fig = group_figures(joined, left, indicators)
                    hits += recoveries(r0, r1, fig, indicators, rules)
                else:
                    continue
                tried += 1
    report["attack_dates"] = {"pairs_one_way_only": tried, "exact_recoveries": hits}
    # ---------------------------------------------------------------- 4. criteria layer
    t = time.perf_counter()
    cinds = release_indicators(data.columns)
    craw = aggregate(joined.data, joined.area, len(ids), cinds)
    crel = protect_criteria(craw, joined, ids, pub, "2021", [None], cinds)
    crit = assess_criteria(craw, ids, None, "2021", national_conviction_rate=1.1,
                           regional_mean_income=380000.0, rules=rules,
                           published=crel.published)
    crel.record(reg, "criteria", "criteria")
    report["timing_criteria"] = round(time.perf_counter() - t, 2)
    leaks = 0
    for _, row in crit.iterrows():
        for key, code in CRITERIA.items():
            if pd.isna(row[key + "_val"]):
                continue
            c = first.loc[(row["area_id"], row["ref_date"])]
            if pd.isna(c[code + "_num"]) or pd.isna(c[code + "_den"]):
                leaks += 1
    report["attack_criteria_vs_indicators"] = {"values_over_hidden_cells": leaks}
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
