#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Time boligsocial:computeindicators against QGIS's own native:countpointsinpolygon.

Side by side in one run, on the same generated inputs (one reference date; a GeoPackage point
layer with a spatial index, so QGIS's algorithm gets its best case, and the same persons as a
Danish CSV: ';', decimal comma, Windows-1252):

* in one warm QGIS process, as from the Python console or a model;
* through ``qgis_process`` (scripts/qgis_process.sh), one process per run, start-up included;

each the best of ``--reps`` runs, the cases taking turns.

``computeindicators`` runs the full indicator set with the extract's checks, discretion, the
attacker's audit, perturbation and a styled output, each run with a fresh release register (so
runs are comparable). The Danish CSV is read once with pandas and once with pyarrow (when a
pyarrow is found: ``--pyarrow DIR``, or the one in the repository's .venv). ``assesscriteria``
on the GeoPackage is timed in the warm process. Peak memory: the peak resident set of the
``qgis_process`` child, or of the warm process during the run (Linux ``clear_refs``).

    /usr/bin/python3 scripts/benchmark.py --sizes 1000000:1000,6000000:2100 \\
        --work /path/outside/the/repository

Prints a Markdown table; ``--json`` prints the measurements instead.
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
CASES = ("native", "gpkg", "csv_pandas", "csv_pyarrow")


def _generator():
    spec = importlib.util.spec_from_file_location(
        "generate_demo", os.path.join(ROOT, "scripts", "generate_demo.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def data_for(persons: int, areas: int, work: str) -> str:
    """The generated data of one size (made once, then reused)."""
    data = os.path.join(work, "data_{}_{}".format(persons, areas))
    if not os.path.exists(os.path.join(data, "persons_dk.csv")):
        _generator().main(["--out", data, "--persons", str(persons), "--areas", str(areas),
                           "--years", "2025", "--formats", "gpkg,dkcsv", "--seed", "7",
                           "--spatial-index"])  # QGIS's own algorithm needs the index
    return data


def pyarrow_dir(given: str, work: str) -> str:
    """A folder holding only pyarrow (for PYTHONPATH), or '' when none is found."""
    if given:
        return given
    venv = os.path.join(ROOT, ".venv", "lib", "python{}.{}".format(*sys.version_info[:2]),
                        "site-packages", "pyarrow")
    if not os.path.isdir(venv):
        return ""
    folder = os.path.join(work, "pyarrow_only")
    os.makedirs(folder, exist_ok=True)
    link = os.path.join(folder, "pyarrow")
    if not os.path.exists(link):
        os.symlink(venv, link)
    return folder


def run_params(case: str, data: str, out: str) -> tuple:
    """Algorithm id and parameters of one case."""
    areas = os.path.join(data, "areas.gpkg")
    if case == "native":
        return "native:countpointsinpolygon", {
            "POLYGONS": areas, "POINTS": os.path.join(data, "persons.gpkg"),
            "FIELD": "NUMPOINTS", "OUTPUT": out}
    persons = os.path.join(data, "persons.gpkg" if case in ("gpkg", "assess") else
                           "persons_dk.csv")
    params = {"PERSONS": persons, "AREAS": areas, "AREA_ID_FIELD": "area_id",
              "AREA_NAME_FIELD": "area_name", "OUTPUT": out}
    if case == "assess":
        params.update({"NATIONAL_CONVICTION_RATE": "1.1", "REGIONAL_MEAN_INCOME": "380000"})
        return "boligsocial:assesscriteria", params
    return "boligsocial:computeindicators", params


# --------------------------------------------------------------------------- qgis_process

def run_qgis_process(case: str, data: str, work: str, env: dict, pyarrow: str) -> dict:
    """One run through qgis_process with a fresh release register."""
    env = dict(env)
    reg = tempfile.mkdtemp(prefix="register_", dir=work)
    env["BOLIGSOCIAL_RELEASE_REGISTER"] = reg
    env["BOLIGSOCIAL_AUDIT_LOG"] = os.path.join(reg, "audit.jsonl")
    env.pop("PYTHONPATH", None)
    if case == "csv_pyarrow":
        env["PYTHONPATH"] = pyarrow
    out = os.path.join(reg, "out.gpkg")
    alg, params = run_params(case, data, out)
    args = [WRAPPER, "run", alg, "--json", "--"] + \
        ["{}={}".format(k, v) for k, v in params.items()]
    t0 = time.perf_counter()
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _pid, status, usage = os.wait4(p.pid, 0)
    dt = time.perf_counter() - t0
    stdout, stderr = p.stdout.read().decode(), p.stderr.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("{} failed:\n{}".format(case, stderr[-3000:]))
    res = json.loads(stdout)["results"] if stdout.strip() else {}
    engine = ""
    for line in json.loads(stdout).get("log", {}).get("info", []) if stdout.strip() else []:
        if "with pyarrow" in line or "with pandas" in line:
            engine = "pyarrow" if "with pyarrow" in line else "pandas"
    return {"s": dt, "mb": usage.ru_maxrss / 1024, "joined": res.get("PERSONS_IN_AREAS"),
            "engine": engine}


# --------------------------------------------------------------------------- in-process

def worker(spec: dict) -> dict:
    """Runs in a child /usr/bin/python3: QGIS, the plugin, every case reps times."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, ROOT)
    from qgis.core import (
        QgsApplication,
        QgsProcessingContext,
        QgsProcessingFeedback,
        QgsProject,
    )

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    import boligsocial_plugin
    from boligsocial_plugin.core import csvread

    plugin = boligsocial_plugin.classFactory(None)
    plugin.initProcessing()
    has_pyarrow = csvread.pyarrow_csv() is not None
    real_pyarrow = csvread.pyarrow_csv
    results: dict = {c: [] for c in spec["cases"]}
    for _rep in range(spec["reps"]):
        for case in spec["cases"]:
            if case == "csv_pyarrow" and not has_pyarrow:
                continue
            csvread.pyarrow_csv = real_pyarrow if case == "csv_pyarrow" else (lambda: None)
            reg = tempfile.mkdtemp(prefix="register_", dir=spec["work"])
            os.environ["BOLIGSOCIAL_RELEASE_REGISTER"] = reg
            os.environ["BOLIGSOCIAL_AUDIT_LOG"] = os.path.join(reg, "audit.jsonl")
            alg, params = run_params(case, spec["data"], os.path.join(reg, "out.gpkg"))
            ctx = QgsProcessingContext()
            ctx.setProject(QgsProject.instance())
            _reset_peak()
            t0 = time.perf_counter()
            processing.run(alg, params, context=ctx, feedback=QgsProcessingFeedback())
            dt = time.perf_counter() - t0
            results[case].append({"s": dt, "mb": _peak_mb()})
            del ctx
    csvread.pyarrow_csv = real_pyarrow
    return {c: min(r, key=lambda x: x["s"]) for c, r in results.items() if r}


def _reset_peak() -> None:
    """Reset the process's peak resident set (Linux: VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def _peak_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def run_in_process(data: str, work: str, reps: int, pyarrow: str) -> dict:
    """The warm-process measurements of one size (in a child process)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if pyarrow:
        env["PYTHONPATH"] = pyarrow
    spec = {"data": data, "work": work, "reps": reps,
            "cases": ["native", "gpkg", "csv_pandas", "csv_pyarrow", "assess"]}
    p = subprocess.run(["/usr/bin/python3", os.path.abspath(__file__), "--worker",
                        json.dumps(spec)], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError("in-process worker failed:\n" + p.stderr[-3000:])
    return json.loads(p.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- table

def _cell(r: dict, native: dict) -> str:
    if not r:
        return "– | –"
    return "{:.1f} ({:,.0f}) | {:.1f}×".format(r["s"], r["mb"], native["s"] / r["s"])


def table(rows) -> str:
    """The Markdown table of all measurements."""
    lines = ["| persons | areas | run | `native:countpointsinpolygon` s (peak MB) | ours, "
             "GeoPackage s (MB) | × | ours, Danish CSV with pandas s (MB) | × | ours, Danish "
             "CSV with pyarrow s (MB) | × | `assesscriteria`, GeoPackage s | ÷ ours |",
             "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        m = r["m"]
        assess = m.get("assess")
        lines.append("| {:,} | {:,} | {} | {:.1f} ({:,.0f}) | {} | {} | {} | {} |".format(
            r["persons"], r["areas"], r["how"], m["native"]["s"], m["native"]["mb"],
            _cell(m.get("gpkg"), m["native"]), _cell(m.get("csv_pandas"), m["native"]),
            _cell(m.get("csv_pyarrow"), m["native"]),
            "{:.1f} | {:.2f}".format(assess["s"], assess["s"] / m["gpkg"]["s"]) if assess
            else "– | –"))
    return "\n".join(lines)


def main(argv=None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000000:1000,6000000:2100",
                    help="comma-separated persons:areas (one reference date each)")
    ap.add_argument("--in-process", default="1000000",
                    help="sizes also timed in one warm QGIS process ('' for none)")
    ap.add_argument("--reps", type=int, default=2, help="repetitions of every run (best kept)")
    ap.add_argument("--work", default=None, help="folder for data and outputs (default: temp)")
    ap.add_argument("--pyarrow", default="", help="a folder holding pyarrow (for PYTHONPATH)")
    ap.add_argument("--no-qgis-process", action="store_true")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.worker:
        print(json.dumps(worker(json.loads(a.worker))))
        return 0
    work = a.work or tempfile.mkdtemp(prefix="boligsocial_bench_")
    os.makedirs(work, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               BOLIGSOCIAL_QGIS_CONFIG=os.path.join(work, "qgis-config"))
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "build.py"), "--no-zip"],
                   check=True, capture_output=True)  # so start-up times hold no build
    pyarrow = pyarrow_dir(a.pyarrow, work)
    in_process = {int(s) for s in a.in_process.split(",") if s}
    rows = []
    load = [os.getloadavg()[0]]
    for spec in [s for s in a.sizes.split(",") if s]:
        persons, areas = (int(v) for v in spec.split(":"))
        data = data_for(persons, areas, work)
        if persons in in_process:
            m = run_in_process(data, work, a.reps, pyarrow)
            rows.append({"persons": persons, "areas": areas,
                         "how": "one QGIS process, best of {}".format(a.reps), "m": m})
            print("# in-process {} done".format(persons), file=sys.stderr, flush=True)
        if not a.no_qgis_process:
            runs: dict = {}
            for _rep in range(a.reps):  # the cases in turn, so load changes touch them all
                for case in CASES:
                    if case == "csv_pyarrow" and not pyarrow:
                        continue
                    runs.setdefault(case, []).append(
                        run_qgis_process(case, data, work, env, pyarrow))
            m = {c: min(r, key=lambda x: x["s"]) for c, r in runs.items()}
            rows.append({"persons": persons, "areas": areas,
                         "how": "`qgis_process`, best of {}".format(a.reps), "m": m})
            print("# qgis_process {} done".format(persons), file=sys.stderr, flush=True)
        load.append(os.getloadavg()[0])
    if a.json:
        print(json.dumps({"rows": rows, "load": load}, indent=2))
        return 0
    print(table(rows))
    print()
    print("Load average (1 min) during the run: {}; {} cores.".format(
        " → ".join("{:.1f}".format(v) for v in load), os.cpu_count()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
