#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Time boligsocial:computeindicators against QGIS's own native:countpointsinpolygon.

Both run through qgis_process (scripts/qgis_process.sh) on the same generated inputs in the
same run: one reference date, ~1,000 areas, N persons as a GeoPackage point layer (and, for
ours, also as the CSV the municipality would export). Prints wall times, the ratio and the
peak memory (max RSS of the qgis_process child) of each run, as a Markdown table.

    /usr/bin/python3 scripts/benchmark.py --persons 100000,1000000 --areas 1000
"""
import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WRAPPER = os.path.join(ROOT, "scripts", "qgis_process.sh")


def _generator():
    spec = importlib.util.spec_from_file_location(
        "generate_demo", os.path.join(ROOT, "scripts", "generate_demo.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def peak_rss(args, env=None):
    """Run a command and measure its peak memory via os.wait4."""
    t0 = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    out, err = p.stdout.read().decode(), p.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("{} failed:\n{}".format(" ".join(args[:3]), err[-3000:]))
    return dt, usage.ru_maxrss / 1024, out, err


def run(persons: int, areas: int, work: str, env) -> dict:
    """Generate data for one size and time the runs."""
    gen = _generator()
    data = os.path.join(work, "data_{}".format(persons))
    t0 = time.perf_counter()
    if not os.path.exists(os.path.join(data, "persons.gpkg")):  # reuse data of an earlier run
        gen.main(["--out", data, "--persons", str(persons), "--areas", str(areas),
                  "--years", "2025", "--formats", "csv,gpkg", "--seed", "7",
                  "--spatial-index"])  # QGIS's own algorithm needs the index to be fair
    t_gen = time.perf_counter() - t0
    a = os.path.join(data, "areas.gpkg")
    res = {"persons": persons, "areas": areas, "generate_s": t_gen}
    # warm-up: start-up cost of qgis_process itself (loading QGIS, providers, our plugin)
    res["startup_s"], _m, _o, _e = peak_rss([WRAPPER, "--version"], env)
    common = ["AREAS=" + a, "AREA_ID_FIELD=area_id", "AREA_NAME_FIELD=area_name"]
    for name, persons_path in (("ours_gpkg", os.path.join(data, "persons.gpkg")),
                               ("ours_csv", os.path.join(data, "persons.csv"))):
        out = os.path.join(work, "ind_{}_{}.gpkg".format(name, persons))
        dt, rss, stdout, _ = peak_rss([WRAPPER, "run", "boligsocial:computeindicators", "--json",
                                       "--", "PERSONS=" + persons_path, *common,
                                       "OUTPUT=" + out], env)
        js = json.loads(stdout)
        res[name + "_s"], res[name + "_mb"] = dt, rss
        res[name + "_joined"] = js["results"]["PERSONS_IN_AREAS"]
    out = os.path.join(work, "count_{}.gpkg".format(persons))
    dt, rss, _o, _e = peak_rss([WRAPPER, "run", "native:countpointsinpolygon", "--",
                                "POLYGONS=" + a, "POINTS=" + os.path.join(data, "persons.gpkg"),
                                "FIELD=NUMPOINTS", "OUTPUT=" + out], env)
    res["native_s"], res["native_mb"] = dt, rss
    res["ratio_gpkg"] = res["native_s"] / res["ours_gpkg_s"]
    res["ratio_csv"] = res["native_s"] / res["ours_csv_s"]
    return res


def main(argv=None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", default="100000,1000000",
                    help="comma-separated sizes (persons on one reference date)")
    ap.add_argument("--areas", type=int, default=1000)
    ap.add_argument("--work", default=None, help="folder for data and outputs (default: temp)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    a = ap.parse_args(argv)
    work = a.work or tempfile.mkdtemp(prefix="boligsocial_bench_")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               BOLIGSOCIAL_QGIS_CONFIG=os.path.join(work, "qgis-config"))
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "build.py"), "--no-zip"],
                   check=True, capture_output=True)  # so start-up times hold no build
    rows = []
    for n in [int(s) for s in a.persons.split(",") if s]:
        r = run(n, a.areas, work, env)
        rows.append(r)
        print("# done {} persons".format(n), file=sys.stderr, flush=True)
    if a.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| persons | areas | qgis_process start-up s | native:countpointsinpolygon s (MB) "
          "| ours, GPKG s (MB) | ratio | ours, CSV s (MB) | ratio |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print("| {persons:,} | {areas:,} | {startup_s:.1f} | {native_s:.1f} ({native_mb:.0f}) | "
              "{ours_gpkg_s:.1f} ({ours_gpkg_mb:.0f}) | {ratio_gpkg:.1f}× | "
              "{ours_csv_s:.1f} ({ours_csv_mb:.0f}) | {ratio_csv:.1f}× |".format(**r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
