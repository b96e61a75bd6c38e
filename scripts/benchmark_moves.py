#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Time boligsocial:analysemoves on generated data: N persons on two yearly dates.

Runs the algorithm through qgis_process (scripts/qgis_process.sh) on a GeoPackage and on the
CSV a municipality would export, with focus areas and a group field, and prints the wall time
and peak memory (max RSS of the qgis_process child) of each run and of qgis_process starting
alone, plus the time of each step measured in this process (read, analyse, protect) as a
Markdown table.

    /usr/bin/python3 scripts/benchmark_moves.py --persons 700000 --areas 400
"""
import argparse
import importlib.util
import os
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def _benchmark():
    """scripts/benchmark.py (its generator loader, wrapper path and peak_rss)."""
    spec = importlib.util.spec_from_file_location(
        "benchmark", os.path.join(ROOT, "scripts", "benchmark.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _steps(data: str) -> dict:
    """Time the core steps in this process (no QGIS): read + prepare, analyse, protect."""
    import numpy as np
    from osgeo import ogr

    from boligsocial_plugin.core import moves
    from boligsocial_plugin.core.csvread import read_csv
    from boligsocial_plugin.core.discretion import Rules
    from boligsocial_plugin.core.discretion.moves import protect_moves
    from boligsocial_plugin.core.discretion.perturbation import Perturbation
    from boligsocial_plugin.core.extract import prepare
    from boligsocial_plugin.core.indicators import builtin_indicators

    out = {}
    t0 = time.perf_counter()
    ext = prepare(read_csv(os.path.join(data, "persons.csv")))
    out["read_prepare_s"] = time.perf_counter() - t0
    ds = ogr.Open(os.path.join(data, "areas.gpkg"))
    ids, rings, kind, housing = [], [], [], []
    for f in ds.GetLayer(0):
        ids.append(f.GetField("area_id"))
        kind.append(f.GetField("designed"))
        housing.append(f.GetField("housing"))
        g = f.GetGeometryRef()
        rr = []
        for i in range(g.GetGeometryCount()):
            poly = g.GetGeometryRef(i)
            for j in range(poly.GetGeometryCount()):
                rr.append(np.array(poly.GetGeometryRef(j).GetPoints())[:, :2])
        rings.append(rr)
    inds = [i for i in builtin_indicators() if i.code in moves.DEFAULT_PROFILE]
    d = ext.data
    t0 = time.perf_counter()
    md = moves.analyse(d, d["x"].to_numpy(float), d["y"].to_numpy(float), rings, ids, inds)
    out["analyse_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    rel = protect_moves(md, Rules(), perturbation=Perturbation(),
                        focus=np.array([k == "parallelsamfund" for k in kind]),
                        group_of=housing)
    out["protect_s"] = time.perf_counter() - t0
    out["flows"] = len(rel.flows)
    out["flows_published"] = int(rel.flows["persons"].notna().sum())
    out["primary"], out["secondary"] = rel.report["primary"], rel.report["secondary"]
    out["profiles_published"] = rel.report["profile_published"]
    return out


def run(persons: int, areas: int, work: str) -> dict:
    """Generate data for one size and time the runs."""
    bench = _benchmark()
    gen = bench._generator()
    data = os.path.join(work, "moves_{}_{}".format(persons, areas))
    t0 = time.perf_counter()
    if not os.path.exists(os.path.join(data, "persons.gpkg")):
        gen.main(["--out", data, "--persons", str(persons), "--areas", str(areas),
                  "--years", "2024,2025", "--formats", "csv,gpkg", "--seed", "7"])
    res = {"persons": persons, "areas": areas, "generate_s": time.perf_counter() - t0}
    env = dict(os.environ)
    res["startup_s"], _m, _o, _e = bench.peak_rss([bench.WRAPPER, "--version"], env)
    for name, src in (("gpkg", "persons.gpkg"), ("csv", "persons.csv")):
        args = [bench.WRAPPER, "run", "boligsocial:analysemoves", "--",
                "PERSONS=" + os.path.join(data, src),
                "AREAS=" + os.path.join(data, "areas.gpkg"), "AREA_ID_FIELD=area_id",
                "AREA_NAME_FIELD=area_name", "FOCUS_EXPRESSION=\"designed\" = 'parallelsamfund'",
                "GROUP_FIELD=housing",
                "OUTPUT=" + os.path.join(work, "m_{}_{}.gpkg".format(name, persons)),
                "FLOWS=" + os.path.join(work, "f_{}_{}.gpkg".format(name, persons))]
        res[name + "_s"], res[name + "_mb"], _o, _e = bench.peak_rss(args, env)
    res.update(_steps(data))
    return res


def main(argv=None) -> int:
    """Command line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--persons", default="700000", help="comma-separated sizes")
    ap.add_argument("--areas", type=int, default=400)
    ap.add_argument("--work", default=None, help="folder for data and outputs (kept)")
    a = ap.parse_args(argv)
    work = a.work or tempfile.mkdtemp(prefix="bs_moves_")
    print("| persons | areas | qgis_process start s | GeoPackage s (MB) | CSV s (MB) | read+check "
          "s | analyse s | protect s | flows (published) | suppressions P / S |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in [int(x) for x in a.persons.split(",")]:
        r = run(n, a.areas, work)
        print("| {persons:,} | {areas} | {startup_s:.1f} | {gpkg_s:.1f} ({gpkg_mb:,.0f}) | "
              "{csv_s:.1f} ({csv_mb:,.0f}) | {read_prepare_s:.1f} | {analyse_s:.1f} | "
              "{protect_s:.1f} | {flows:,} ({flows_published}) | {primary} / {secondary} |"
              .format(**r), flush=True)
    return 0


if __name__ == "__main__":
    if importlib.util.find_spec("qgis") is None:
        sys.exit("Run with the system Python (/usr/bin/python3), which has QGIS.")
    sys.exit(main())
