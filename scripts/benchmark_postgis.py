#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Time boligsocial:computeindicators on a PostGIS person table against the same persons in a
GeoPackage, both through qgis_process (scripts/qgis_process.sh), in the same run.

The persons (one reference date, ~1,000 areas) are generated as for scripts/benchmark.py and
loaded into a throw-away PostgreSQL 15 + PostGIS 3 server on this machine
(scripts/pgcluster.py; no index on the person table, which the database path does not need).
The password reaches QGIS and the plugin through PGPASSWORD (libpq), never the command line.
Prints wall time and the peak memory of the qgis_process child (the database server's own
memory is not in it) as a Markdown table, and the pg_stat_statements rows of the largest
statement (only per-area aggregates come back).

    /usr/bin/python3 scripts/benchmark_postgis.py --persons 1000000,6000000
    /usr/bin/python3 scripts/benchmark_postgis.py --persons 6000000 --years 2023-2025 \
        --algorithms computeindicators,monitorcriteria

With ``--register`` every source also runs with the release register (the first release into
an empty register, then the same run again, linked to it), and the CPU seconds of the
qgis_process child and of the database server are reported as well.
"""
import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WRAPPER = os.path.join(ROOT, "scripts", "qgis_process.sh")


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "scripts",
                                                                     name + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(persons: int, areas: int, work: str, cluster, env, years: str = "2025",
        algorithm: str = "computeindicators", register: bool = False,
        ref_date: str = "") -> dict:
    """Generate, load and time one size (persons per reference date, one date per year)."""
    data = os.path.join(work, "data_{}_{}".format(persons, years))
    # generating and loading run in child processes: a child started from a big process
    # inherits its peak memory in the measured maximum resident set
    if not os.path.exists(os.path.join(data, "persons.gpkg")):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "generate_demo.py"),
                        "--out", data, "--persons", str(persons), "--areas", str(areas),
                        "--years", years, "--formats", "gpkg", "--seed", "7"], check=True,
                       capture_output=True)
    table = "persons_{}_{}".format(persons, years.replace("-", "_"))
    t0 = time.perf_counter()
    conn = cluster.connect("bench")
    cur = conn.cursor()
    cur.execute("SELECT to_regclass(%s)", ("public." + table,))
    loaded = cur.fetchone()[0] is not None
    conn.close()
    if not loaded:
        subprocess.run([sys.executable, "-c", (
            "from osgeo import gdal; gdal.UseExceptions(); gdal.VectorTranslate({dsn!r}, {src!r}, "
            "layerName={t!r}, accessMode='overwrite', layerCreationOptions=['GEOMETRY_NAME=geom', "
            "'FID=fid', 'SPATIAL_INDEX=NONE'])").format(
                dsn="PG:host={} port={} dbname=bench user={}".format(cluster.host, cluster.port,
                                                                      cluster.user),
                src=os.path.join(data, "persons.gpkg"), t=table)],
            check=True, capture_output=True, env=env)
    conn = cluster.connect("bench")
    cur = conn.cursor()
    cur.execute('VACUUM ANALYZE "{}"'.format(table))
    res = {"persons": persons, "areas": areas, "years": years, "algorithm": algorithm,
           "load_s": time.perf_counter() - t0}
    a = os.path.join(data, "areas.gpkg")
    common = ["AREAS=" + a, "AREA_ID_FIELD=area_id", "AREA_NAME_FIELD=area_name"] + \
        (["REF_DATE=" + ref_date] if ref_date else [])
    uri = ("postgres://dbname='bench' host={h} port={p} user='{u}' key='fid' srid=25832 "
           "type=Point table=\"public\".\"{t}\" (geom)").format(h=cluster.host, p=cluster.port,
                                                                u=cluster.user, t=table)
    cur.execute("SHOW data_directory")
    with open(os.path.join(cur.fetchone()[0], "postmaster.pid")) as f:
        postmaster = int(f.readline())
    # off: no register; record1: the first release into an empty register; record2: the same
    # run again, linked to the first (equal populations)
    modes = [("off", "REGISTER_MODE=off")] + ([("record1", "REGISTER_MODE=record"),
                                                ("record2", "REGISTER_MODE=record")]
                                               if register else [])
    for name, source in (("gpkg", os.path.join(data, "persons.gpkg")), ("postgis", uri)):
        reg = os.path.join(work, "register_{}_{}_{}".format(algorithm, name, persons))
        shutil.rmtree(reg, ignore_errors=True)
        for mode, arg in modes:
            out = os.path.join(work, "{}_{}_{}_{}_{}.gpkg".format(algorithm, name, mode,
                                                                  persons, years))
            # monitorcriteria also writes the criteria at every snapshot
            extra = (["SERIES=" + out.replace(".gpkg", "_series.gpkg")]
                     if algorithm == "monitorcriteria" else [])
            if name == "postgis" and mode == "off":
                cur.execute("SELECT pg_stat_statements_reset()")
            server = _server_cpu(postmaster)
            dt, rss, cpu, stdout = _timed([
                WRAPPER, "run", "boligsocial:" + algorithm, "--json", "--",
                "PERSONS=" + source, *common, arg, "RELEASE_REGISTER=" + reg,
                "OUTPUT=" + out, *extra], env)
            key = name if mode == "off" else "{}_{}".format(name, mode)
            res[key + "_s"], res[key + "_mb"], res[key + "_cpu"] = dt, rss, cpu
            res[key + "_server_cpu"] = _server_cpu(postmaster) - server
            res[key + "_joined"] = json.loads(stdout)["results"].get("PERSONS_IN_AREAS")
            if name == "postgis" and mode == "off":
                cur.execute("SELECT rows, calls, round(total_exec_time) FROM "
                            "pg_stat_statements WHERE query ILIKE %s ORDER BY total_exec_time "
                            "DESC LIMIT 1", ("%" + table + "%",))
                res["largest_statement"] = cur.fetchone()
    conn.close()
    res["ratio"] = res["gpkg_s"] / res["postgis_s"]
    return res


def _server_cpu(postmaster: int) -> float:
    """CPU seconds (user + system) of the database server: the postmaster and its ended
    children (every session's backend ends with its run)."""
    with open("/proc/{}/stat".format(postmaster)) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _timed(args, env):
    """(wall seconds, peak memory of the process in MB, CPU seconds (user + system), its
    stdout) of a command."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        _pid, status, usage = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        out.seek(0)
        err.seek(0)
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(err.read().decode()[-3000:])
        return dt, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, \
            out.read().decode()


def main(argv=None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", default="1000000", help="comma-separated sizes")
    ap.add_argument("--areas", type=int, default=1000)
    ap.add_argument("--work", default=None, help="folder for data and outputs (default: temp)")
    ap.add_argument("--years", default="2025",
                    help="reference years of the persons, e.g. 2021-2025 (one date per year)")
    ap.add_argument("--algorithms", default="computeindicators",
                    help="comma-separated: computeindicators, monitorcriteria, assesscriteria")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--register", action="store_true",
                    help="also with the release register: the first release, then the same "
                         "run again linked to it")
    ap.add_argument("--ref-date", default="",
                    help="computeindicators of this date only (protected with the snapshot a "
                         "year before it)")
    a = ap.parse_args(argv)
    work = a.work or tempfile.mkdtemp(prefix="boligsocial_pgbench_")
    os.makedirs(work, exist_ok=True)
    pgcluster = _module("pgcluster")
    cluster = pgcluster.start()
    try:
        cluster.create_database("bench")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PGPASSWORD=cluster.password,
                   BOLIGSOCIAL_QGIS_CONFIG=os.path.join(work, "qgis-config"),
                   BOLIGSOCIAL_AUDIT_LOG=os.path.join(work, "audit.jsonl"))
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "build.py"),
                        "--no-zip"], check=True, capture_output=True)
        rows = []
        for n in [int(s) for s in a.persons.split(",") if s]:
            for alg in [s for s in a.algorithms.split(",") if s]:
                rows.append(run(n, a.areas, work, cluster, env, a.years, alg, a.register,
                                a.ref_date))
            print("# done {} persons".format(n), file=sys.stderr, flush=True)
    finally:
        cluster.stop()
    if a.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| algorithm | persons per date | years | areas | GeoPackage s (MB) | PostGIS s (MB) | "
          "GeoPackage ÷ PostGIS | rows of the largest statement |")
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for r in rows:
        st = r["largest_statement"] or (0, 0, 0)
        print("| {algorithm} | {persons:,} | {years} | {areas:,} | {gpkg_s:.1f} ({gpkg_mb:.0f}) | "
              "{postgis_s:.1f} ({postgis_mb:.0f}) | {ratio:.2f}× | {rows} |".format(
                  rows=st[0], **r))
    if a.register:
        print()
        print("| algorithm | persons | source | register | wall s | CPU s (client) | "
              "CPU s (server) | MB |")
        print("|---|---:|---|---|---:|---:|---:|---:|")
        for r in rows:
            for name in ("gpkg", "postgis"):
                for mode in ("", "_record1", "_record2"):
                    k = name + mode
                    print("| {} | {:,} | {} | {} | {:.1f} | {:.1f} | {:.1f} | {:.0f} |".format(
                        r["algorithm"], r["persons"], name, mode[1:] or "off", r[k + "_s"],
                        r[k + "_cpu"], r[k + "_server_cpu"], r[k + "_mb"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
