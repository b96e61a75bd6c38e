# SPDX-License-Identifier: GPL-2.0-or-later
"""The benchmark script's table and parameters (it is run by hand; nothing here is timed)."""
import importlib.util
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "benchmark", os.path.join(ROOT, "scripts", "benchmark.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_table_gives_ratios_against_qgis_own_count():
    bm = _benchmark()
    m = {"native": {"s": 10.0, "mb": 300}, "gpkg": {"s": 4.0, "mb": 900},
         "csv_pandas": {"s": 20.0, "mb": 1200}, "csv_pyarrow": {"s": 5.0, "mb": 1000},
         "assess": {"s": 6.0, "mb": 800}}
    rows = [{"persons": 1000000, "areas": 1000, "how": "`qgis_process`", "m": m},
            {"persons": 6000000, "areas": 2100, "how": "`qgis_process`",
             "m": {k: v for k, v in m.items() if k in ("native", "gpkg")}}]
    text = bm.table(rows)
    lines = text.splitlines()
    assert lines[0].count("|") == lines[1].count("|") == lines[2].count("|")
    assert "| 1,000,000 | 1,000 | `qgis_process` | 10.0 (300) | 4.0 (900) | 2.5× | " \
           "20.0 (1,200) | 0.5× | 5.0 (1,000) | 2.0× | 6.0 | 1.50 |" in text
    assert "| 6,000,000 | 2,100 | `qgis_process` | 10.0 (300) | 4.0 (900) | 2.5× | – | – | " \
           "– | – | – | – |" in text


def test_every_case_runs_the_same_inputs(tmp_path):
    bm = _benchmark()
    data = str(tmp_path)
    alg, native = bm.run_params("native", data, "out.gpkg")
    assert alg == "native:countpointsinpolygon"
    assert native["POINTS"].endswith("persons.gpkg") and native["POLYGONS"].endswith("areas.gpkg")
    for case, persons in (("gpkg", "persons.gpkg"), ("csv_pandas", "persons_dk.csv"),
                          ("csv_pyarrow", "persons_dk.csv"), ("assess", "persons.gpkg")):
        alg, p = bm.run_params(case, data, "out.gpkg")
        assert alg.startswith("boligsocial:") and p["PERSONS"].endswith(persons)
        assert p["AREAS"] == native["POLYGONS"]
