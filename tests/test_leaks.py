# SPDX-License-Identifier: GPL-2.0-or-later
"""Leak tests: nothing person-level reaches an output that can be published.

For every publishable output (indicator layer, criteria layer, discretion-applied table, map
picture and PDF report) the whole file is searched: no person-level rows, no visible count below
the discretion threshold, no pseudonym from the input, nothing shaped like a CPR number, no
value of a direct-identifier column. GeoPackages are dumped table by table (layer_styles
included); PDFs through pdftotext; CSV outputs as raw text.

Synthetic identifiers are built at run time; no CPR-shaped literal sits in this file.
"""
import hashlib
import re
import shutil
import sqlite3
import subprocess

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsApplication

from boligsocial_plugin.core.pseudonym import CPR_ANYWHERE, CPR_VARIANTS
from tests.helpers import grid_areas, persons_frame

DATES = ("2024-01-01", "2025-01-01")
N_PER_AREA = [1100, 80, 60, 30, 3, 0]  # one area above 1,000 for the criteria
COUNT_FIELD = re.compile(r"(_num|_den|_cnt|_count|_rest|_top1|_top2)$|^(residents|count|n)$")
ALLOWED_ZERO = {"residents"}
#: Numerators that are sums, not head counts (full-time persons, kroner): the threshold applies
#: to the persons behind them (C_cnt, not published), so their visible value may be small.
NOT_HEAD_COUNTS = {"outside_labour_num", "income_num"}


def _fake_cpr(rng) -> str:
    day = pd.Timestamp("1950-01-01") + pd.Timedelta(days=int(rng.integers(0, 18000)))
    return day.strftime("%d%m%y") + "-" + "{:04d}".format(int(rng.integers(0, 4000)))


@pytest.fixture(scope="module")
def published_inputs(tmp_path_factory):
    """Areas and an extract whose person_id values are pseudonym-like hex strings, with a
    left-over 'cpr' and 'navn' column that must never reach an output."""
    tmp = tmp_path_factory.mktemp("leaks")
    areas = grid_areas(str(tmp / "areas.gpkg"))
    df = persons_frame(areas, N_PER_AREA, dates=DATES, seed=5)
    df["person_id"] = [hashlib.sha256(p.encode()).hexdigest()[:32] for p in df["person_id"]]
    rng = np.random.default_rng(5)
    cprs = {p: _fake_cpr(rng) for p in df["person_id"].unique()}
    df["cpr"] = df["person_id"].map(cprs)
    df["navn"] = "Navn-" + df["person_id"].str.slice(0, 6)
    df = df.drop(columns=["area_truth"])
    df.to_csv(tmp / "persons.csv", index=False)
    return tmp, areas, df


def gpkg_text(path: str) -> str:
    """Every text value and name in every table of a GeoPackage (metadata tables included)."""
    con = sqlite3.connect(path)
    parts = []
    try:
        for (table,) in con.execute("select name from sqlite_master where type='table'"):
            cur = con.execute('select * from "{}"'.format(table))
            parts.append(table)
            parts.extend(d[0] for d in cur.description)
            for row in cur:
                parts.extend(v for v in row if isinstance(v, str))
    finally:
        con.close()
    return "\n".join(parts)


def gpkg_rows(path: str) -> pd.DataFrame:
    """The feature table(s) of a GeoPackage as one frame (geometry dropped)."""
    con = sqlite3.connect(path)
    try:
        # layer_styles (the saved default style) is checked by the text dump, not counted
        tables = [t for (t,) in con.execute("select table_name from gpkg_contents where "
                                            "data_type in ('features', 'attributes') and "
                                            "table_name != 'layer_styles'")]
        frames = [pd.read_sql('select * from "{}"'.format(t), con) for t in tables]
    finally:
        con.close()
    frame = pd.concat(frames, ignore_index=True)
    return frame.drop(columns=[c for c in frame.columns if c in ("geom", "geometry", "fid")])


def assert_no_identifiers(text: str, df: pd.DataFrame, where: str, cpr: bool = True) -> None:
    """No pseudonym, CPR-shaped value (when ``cpr``; not for binary files) or name in text."""
    ids = set(df["person_id"])
    hexes = set(re.findall(r"[0-9a-f]{32}", text))
    assert not hexes & ids, "{}: person_id values leaked".format(where)
    for v in df["cpr"].head(200):
        assert v not in text and v.replace("-", "") not in text, "{}: a CPR leaked".format(where)
    if cpr:
        hit = CPR_ANYWHERE.search(text) or CPR_VARIANTS.search(text)
        assert hit is None, "{}: CPR-shaped text {!r}".format(where, hit.group(0)[:2] + "…")
    assert "Navn-" not in text, "{}: a name leaked".format(where)


def assert_counts_protected(frame: pd.DataFrame, min_count: int, where: str) -> None:
    """Every count-like field is NULL, 0 where allowed, or at least min_count."""
    checked = 0
    for col in frame.columns:
        if not COUNT_FIELD.search(col) or col in NOT_HEAD_COUNTS:
            continue
        v = pd.to_numeric(frame[col], errors="coerce").dropna()
        bad = v[(v < min_count) & ~((v == 0) & (col in ALLOWED_ZERO))]
        assert bad.empty, "{}: {} shows {} below {}".format(where, col, bad.tolist(), min_count)
        checked += 1
    assert checked, "{}: no count field found to check".format(where)


def _require(alg_id: str) -> None:
    if QgsApplication.processingRegistry().algorithmById("boligsocial:" + alg_id) is None:
        pytest.skip("boligsocial:{} does not exist yet".format(alg_id))


@pytest.fixture(scope="module")
def indicator_layers(published_inputs, provider):
    """computeindicators outputs for two discretion thresholds (module-scoped: run once)."""
    import processing

    tmp, _areas, _df = published_inputs
    out = {}
    for min_count in (5, 10):
        path = str(tmp / "ind_{}.gpkg".format(min_count))
        processing.run("boligsocial:computeindicators", {
            "PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
            "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
            "MIN_COUNT": min_count, "MIN_RESIDENTS": 50, "OUTPUT": path})
        out[min_count] = path
    return out


@pytest.mark.parametrize("min_count", [5, 10])
def test_indicator_layer_does_not_leak(published_inputs, indicator_layers, min_count):
    tmp, areas, df = published_inputs
    path = indicator_layers[min_count]
    rows = gpkg_rows(path)
    assert 0 < len(rows) <= len(areas) * len(DATES)
    assert_counts_protected(rows, min_count, "computeindicators")
    assert_no_identifiers(gpkg_text(path), df, "computeindicators")
    # the 3-person area is never shown with its count
    small = rows[rows["area_id"] == "A20"]
    assert small["residents"].isna().all()


def test_indicator_layer_as_csv_does_not_leak(published_inputs, run_alg):
    tmp, areas, df = published_inputs
    res = run_alg("computeindicators", {
        "PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "MIN_COUNT": 5, "OUTPUT": str(tmp / "ind.csv")})
    with open(res["OUTPUT"], encoding="utf-8") as f:
        text = f.read()
    assert_no_identifiers(text, df, "computeindicators CSV")
    rows = pd.read_csv(res["OUTPUT"])
    assert len(rows) <= len(areas) * len(DATES)
    assert_counts_protected(rows, 5, "computeindicators CSV")


def test_criteria_layer_does_not_leak(published_inputs, run_alg):
    _require("assesscriteria")
    tmp, areas, df = published_inputs
    res = run_alg("assesscriteria", {
        "PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
        "NATIONAL_CONVICTION_RATE": 1.5, "REGIONAL_MEAN_INCOME": 300000.0,
        "MIN_COUNT": 5, "OUTPUT": str(tmp / "crit.gpkg")})
    rows = gpkg_rows(res["OUTPUT"])
    assert 0 < len(rows) <= len(areas) * len(DATES)
    assert_counts_protected(rows, 5, "assesscriteria")
    assert_no_identifiers(gpkg_text(res["OUTPUT"]), df, "assesscriteria")
    # distances in persons are derived from the hidden counts: NULL whenever the value is
    for col in [c for c in rows.columns if re.search(r"_persons_", c)]:
        crit = col.split("_persons_")[0]
        val = rows[crit + "_val"] if crit + "_val" in rows else None
        if val is not None:
            leaked = rows[col].notna() & val.isna()
            assert not leaked.any(), "{} shown where {}_val is suppressed".format(col, crit)


def test_applydiscretion_output_does_not_leak(published_inputs, run_alg, tmp_path):
    _require("applydiscretion")
    _tmp, _areas, df = published_inputs
    alg = QgsApplication.processingRegistry().algorithmById("boligsocial:applydiscretion")
    rng = np.random.default_rng(2)
    table = pd.DataFrame({"area_id": ["A{}".format(i) for i in range(12)],
                          "residents": rng.integers(0, 400, 12),
                          "benefit_cnt": rng.integers(0, 9, 12),
                          "children_count": rng.integers(0, 30, 12)})
    src = tmp_path / "agg.csv"
    table.to_csv(src, index=False)
    params = {}
    for d in alg.parameterDefinitions():
        t, name = d.type(), d.name()
        if t in ("source", "vector") and not params.get("_src"):
            params[name], params["_src"] = str(src), name
        elif t == "sink" or t == "vectorDestination":
            params[name] = str(tmp_path / "protected.gpkg")
        elif name == "MIN_COUNT":
            params[name] = 5
        elif t == "field" and d.allowMultiple():
            params[name] = ["residents", "benefit_cnt", "children_count"]
    params.pop("_src", None)
    res = run_alg("applydiscretion", params)
    out = next(v for v in res.values() if isinstance(v, str) and v.endswith(".gpkg"))
    rows = gpkg_rows(out)
    assert len(rows) <= len(table)
    assert_counts_protected(rows, 5, "applydiscretion")
    assert_no_identifiers(gpkg_text(out), df, "applydiscretion")


def _residents_in_report(text: str):
    """Residents column of the report's area table: (name, value or None)."""
    out = []
    for line in text.splitlines():
        m = re.match(r"^\s*\d+\s+(.+?)\s{2,}(suppressed|undertrykt|[\d.,]+\s*%?|–|-)\s+"
                     r"([\d.]+|–|-)\s*$", line)
        if m:
            v = m.group(3)
            out.append((m.group(1), None if v in ("–", "-") else int(v.replace(".", ""))))
    return out


def test_map_picture_and_report_do_not_leak(published_inputs, indicator_layers, run_alg,
                                            tmp_path):
    _require("exportmap")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    _tmp, _areas, df = published_inputs
    res = run_alg("exportmap", {"INPUT": indicator_layers[5], "FIELD": "outside_labour_val",
                                "MIN_COUNT": 5, "OUTPUT_PNG": str(tmp_path / "m.png"),
                                "OUTPUT_PDF": str(tmp_path / "m.pdf")})
    text = subprocess.run(["pdftotext", "-layout", res["OUTPUT_PDF"], "-"], check=True,
                          capture_output=True, text=True).stdout
    assert_no_identifiers(text, df, "exportmap PDF")
    residents = _residents_in_report(text)
    assert residents, "the report's area table was not found in:\n" + text[:2000]
    for name, v in residents:
        assert v is None or v == 0 or v >= 5, (name, v)
    for key in ("OUTPUT_PNG", "OUTPUT_PDF"):
        with open(res[key], "rb") as f:
            assert_no_identifiers(f.read().decode("latin-1"), df, key, cpr=False)


def test_merged_regions_do_not_leak(published_inputs, run_alg, tmp_path):
    _require("mergesmallareas")
    tmp, _areas, df = published_inputs
    res = run_alg("mergesmallareas", {
        "AREAS": str(tmp / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
        "PERSONS": str(tmp / "persons.csv"), "MINIMUM": 50, "MIN_COUNT": 5,
        "OUTPUT": str(tmp_path / "regions.gpkg"), "OUTPUT_MEMBERS": str(tmp_path / "m.gpkg")})
    rows = gpkg_rows(res["OUTPUT"])
    pop = pd.to_numeric(rows["population"], errors="coerce").dropna()
    assert ((pop == 0) | (pop >= 5)).all()
    assert set(rows["population_flag"]) <= {"", "P", "S", "A"}
    for out in (res["OUTPUT"], res["OUTPUT_MEMBERS"]):
        assert_no_identifiers(gpkg_text(out), df, "mergesmallareas")
