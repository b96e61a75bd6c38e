#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Time the monitoring algorithms on a monthly series: monitorcriteria and trackchange through
qgis_process (scripts/qgis_process.sh) on a generated municipality with N months of monthly
snapshots (default 36 months of 60,000 persons, 300 areas). Prints wall time, peak memory (max
RSS of the qgis_process child) and monitorcriteria's own split of the time (reading and
joining, protection, assessing every snapshot and projecting, writing) as a Markdown table.

    /usr/bin/python3 scripts/benchmark_monitoring.py --persons 60000 --months 36
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WRAPPER = os.path.join(ROOT, "scripts", "qgis_process.sh")

SPLIT = re.compile(r"reading and joining ([\d.]+), protection ([\d.]+), assessing (\d+) "
                   r"snapshots and projecting ([\d.]+), writing and styling ([\d.]+)")
#: core.discretion.carry's time in the log (processing.common.report_protection)
CARRY = re.compile(r"carry rule took ([\d.]+) s")


def peak_rss(args, env=None):
    """Run a command; (wall seconds, its peak memory in MB, stdout, stderr, CPU seconds)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        _pid, status, usage = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("{} failed:\n{}".format(" ".join(args[:3]), errors[-3000:]))
    return dt, usage.ru_maxrss / 1024, text, errors, usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=60000)
    ap.add_argument("--months", type=int, default=36)
    ap.add_argument("--areas", type=int, default=300)
    ap.add_argument("--work", default=None, help="folder for data and outputs (default: temp)")
    a = ap.parse_args(argv)
    work = a.work or tempfile.mkdtemp(prefix="boligsocial_bench_monitor_")
    data = os.path.join(work, "data_{}_{}".format(a.persons, a.months))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BOLIGSOCIAL_LOCALE="en_GB",
               BOLIGSOCIAL_QGIS_CONFIG=os.path.join(work, "qgis-config"),
               BOLIGSOCIAL_RELEASE_REGISTER=os.path.join(work, "register"))
    if not os.path.exists(os.path.join(data, "persons.gpkg")):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "generate_demo.py"),
                        "--out", data, "--persons", str(a.persons), "--areas", str(a.areas),
                        "--months", str(a.months), "--formats", "gpkg"], check=True,
                       capture_output=True)
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "build.py"), "--no-zip"],
                   check=True, capture_output=True)
    with open(os.path.join(data, "reference_values.json"), encoding="utf-8") as f:
        refs = json.load(f)
    common = ["PERSONS=" + os.path.join(data, "persons.gpkg"),
              "AREAS=" + os.path.join(data, "areas.gpkg"), "AREA_ID_FIELD=area_id",
              "AREA_NAME_FIELD=area_name", "REGISTER_MODE=off"]
    rows = []
    startup, _m, _o, _e, _c = peak_rss([WRAPPER, "--version"], env)
    runs = [("monitorcriteria", ["RULE_SET=2021",
                                 "NATIONAL_CONVICTION_RATE={}".format(
                                     refs["national_conviction_rate"]),
                                 "REGIONAL_MEAN_INCOME={}".format(refs["regional_mean_income"])]),
            ("trackchange", [])]
    for alg, extra in runs:
        out = [os.path.join(work, "{}_{}.gpkg".format(alg, s)) for s in ("out", "series")]
        t0 = time.perf_counter()
        dt, mb, stdout, _err, cpu = peak_rss([WRAPPER, "run", "boligsocial:" + alg, "--json", "--",
                                         *common, *extra, "OUTPUT=" + out[0],
                                         "SERIES=" + out[1]], env)
        js = json.loads(stdout)
        log = "\n".join(js.get("log", {}).get("info", []))
        m = SPLIT.search(log)
        carry = CARRY.search(log)
        rows.append({"alg": alg, "s": dt, "mb": mb, "split": m.groups() if m else None,
                     "cpu": cpu, "carry": carry.group(1) if carry else "–",
                     "wall": time.perf_counter() - t0})
    print("{} persons a month, {} monthly snapshots, {} areas; qgis_process start-up {:.1f} s"
          .format(a.persons, a.months, a.areas, startup))
    print("| algorithm | wall s | CPU s | peak MB | read+join s | protection s | carry s | "
          "assess+project s | write s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        sp = r["split"] or ("–", "–", "", "–", "–")
        print("| {} | {:.1f} | {:.1f} | {:.0f} | {} | {} | {} | {} | {} |".format(
            r["alg"], r["s"], r["cpu"], r["mb"], sp[0], sp[1], r["carry"], sp[3], sp[4]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
