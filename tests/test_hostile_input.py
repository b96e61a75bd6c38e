# SPDX-License-Identifier: GPL-2.0-or-later
"""Hostile and broken person extracts: a clear message or a counted handling, never a crash.

Fuzzed CSV and GeoPackage extracts (truncated files, wrong encodings, separators and quotes in
cells, spreadsheet formulas, enormous values, NaN/inf, negative ages, empty files, one row,
duplicate headers, upper-case and Danish column names) go through validateextract and
computeindicators. Every run either succeeds or raises QgsProcessingException with our own
message (not the catch-all "Unexpected error" that marks a bug); a failed computeindicators
leaves no output layer; validateextract's CSV table never starts a cell with a formula.
"""
import csv
import os
import sqlite3
import tempfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from qgis.core import QgsProcessingException

from boligsocial_plugin.core.csvsafe import FORMULA_START, escape_formula
from tests.helpers import grid_areas, persons_frame

FUZZ = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "=HYPERLINK(\"x\")", "\t=1"]
TEXTS = ["æøå ÆØÅ", "a;b", 'quote " in', "line\nbreak", "", " ", "x" * 5000] + FORMULAS
NUMBERS = ["nan", "NaN", "inf", "-inf", "1e308", "-1", "-5", "9" * 400, "1,5", "1.234,5", "",
           "0x10", "١٢", "NULL"]


@pytest.fixture(scope="module")
def areas_path(tmp_path_factory):
    """Six square areas shared by all examples."""
    path = str(tmp_path_factory.mktemp("hostile") / "areas.gpkg")
    return path, grid_areas(path)


def base_frame(areas, n: int = 12) -> pd.DataFrame:
    """A small valid extract."""
    df = persons_frame(areas, [n // 2, n - n // 2], seed=3).drop(columns=["area_truth"])
    return df.reset_index(drop=True)


@st.composite
def mutated_csv(draw):
    """(bytes of a CSV file, description) with a random set of corruptions."""
    return draw(st.tuples(
        st.sampled_from([",", ";", "\t"]),
        st.sampled_from(["utf-8", "cp1252", "utf-8-sig", "latin-1"]),
        st.lists(st.tuples(st.sampled_from(["cell_text", "cell_number", "header", "rows",
                                            "truncate", "dup_header", "upper", "danish",
                                            "drop_col", "quote"]),
                           st.integers(0, 10_000)), max_size=4),
        st.integers(0, 12)))


def _render(areas, spec) -> bytes:
    sep, enc, mutations, n_rows = spec
    df = base_frame(areas, 12).astype(object)
    df["note"] = "ok"
    truncate_at = None
    for kind, k in mutations:
        cols = list(df.columns)
        col = cols[k % len(cols)]
        if kind == "cell_text" and len(df):
            df.loc[k % len(df), "note" if k % 2 else col] = TEXTS[k % len(TEXTS)]
        elif kind == "cell_number" and len(df):
            num_cols = ["age", "x", "y", "outside_fte", "gross_income", "nonwestern"]
            df.loc[k % len(df), num_cols[k % len(num_cols)]] = NUMBERS[k % len(NUMBERS)]
        elif kind == "header":
            df = df.rename(columns={col: FORMULAS[k % len(FORMULAS)] if k % 3 else "cpr"})
        elif kind == "rows":
            df = df.head(n_rows)
        elif kind == "truncate":
            truncate_at = k
        elif kind == "dup_header":
            df.columns = [cols[(k + 1) % len(cols)] if c == col else c for c in cols]
        elif kind == "upper":
            df.columns = [str(c).upper() for c in df.columns]
        elif kind == "danish":
            df = df.rename(columns={"age": "alder", "ref_date": "opgørelsesdato",
                                    "person_id": "personnøgle", "sex": "køn"})
        elif kind == "drop_col":
            df = df.drop(columns=[col])
        elif kind == "quote" and len(df):
            df.loc[k % len(df), "note"] = '"unbalanced'
    text = df.to_csv(sep=sep, index=False, quoting=csv.QUOTE_MINIMAL)
    if any(kind == "quote" for kind, _ in mutations):
        text = text.replace('""unbalanced', '"unbalanced')
    data = text.encode(enc, errors="replace")
    if truncate_at is not None:
        data = data[: truncate_at % (len(data) + 1)]
    return data


def assert_clean_outcome(run, alg, params, out_path=None):
    """Run; success, or our own QgsProcessingException (never a bug's catch-all)."""
    try:
        return run(alg, params)
    except QgsProcessingException as e:
        msg = str(e)
        assert "Unexpected error" not in msg, msg
        assert "Traceback" not in msg, msg
        assert msg.strip(), "empty error message"
        if out_path is not None:
            assert not _has_layer(out_path), "failed run left an output layer: " + msg
        return None


def _has_layer(path: str) -> bool:
    if not os.path.exists(path):
        return False
    con = sqlite3.connect(path)
    try:
        tables = [t for (t,) in con.execute("select table_name from gpkg_contents "
                                            "where data_type='features'")]
    except sqlite3.DatabaseError:
        return False
    finally:
        con.close()
    return bool(tables)


def assert_no_formula_cells(path: str) -> None:
    """No cell of a CSV output starts with a spreadsheet formula character."""
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.reader(f):
            for cell in row:
                assert not cell.startswith(FORMULA_START), repr(cell[:40])


@FUZZ
@given(spec=mutated_csv())
def test_fuzzed_csv_validate_and_compute(run_alg, areas_path, spec):
    apath, areas = areas_path
    folder = tempfile.mkdtemp(prefix="hostile-")
    src = os.path.join(folder, "persons.csv")
    with open(src, "wb") as f:
        f.write(_render(areas, spec))
    report = os.path.join(folder, "problems.csv")
    res = assert_clean_outcome(run_alg, "validateextract", {"PERSONS": src, "OUTPUT": report})
    if res is not None:
        assert res["VERDICT"] in ("ok", "warnings", "blocking")
        assert_no_formula_cells(res["OUTPUT"])
    out = os.path.join(folder, "ind.gpkg")
    assert_clean_outcome(run_alg, "computeindicators",
                         {"PERSONS": src, "AREAS": apath, "AREA_ID_FIELD": "area_id",
                          "OUTPUT": out}, out_path=out)


@pytest.mark.parametrize("content", [b"", b"\n\n", b"person_id;ref_date;age\n",
                                     b"\xff\xfe\x00\x00garbage", b"a\x00b\x00c\n1\x002",
                                     "personnøgle;opgørelsesdato;alder;x;y\n"
                                     "p1;2025-01-01;40;570500,5;6220500,5\n".encode("cp1252")])
def test_degenerate_csv_files(run_alg, areas_path, tmp_path, content):
    apath, _ = areas_path
    src = tmp_path / "p.csv"
    src.write_bytes(content)
    assert_clean_outcome(run_alg, "validateextract", {"PERSONS": str(src),
                                                      "OUTPUT": str(tmp_path / "v.csv")})
    out = str(tmp_path / "o.gpkg")
    assert_clean_outcome(run_alg, "computeindicators",
                         {"PERSONS": str(src), "AREAS": apath, "AREA_ID_FIELD": "area_id",
                          "OUTPUT": out}, out_path=out)


def test_cp1252_danish_aliases_are_read(run_alg, areas_path, tmp_path):
    apath, areas = areas_path
    df = base_frame(areas, 40).rename(columns={"age": "alder", "ref_date": "opgørelsesdato",
                                               "person_id": "personnøgle", "sex": "køn"})
    src = tmp_path / "p.csv"
    src.write_bytes(df.to_csv(sep=";", decimal=",", index=False).encode("cp1252"))
    res = run_alg("computeindicators", {"PERSONS": str(src), "AREAS": apath,
                                        "AREA_ID_FIELD": "area_id", "PERTURBATION": "off",
                                        "OUTPUT": "memory:"})
    assert res["PERSONS_READ"] == 40


@st.composite
def gpkg_columns(draw):
    """Column specs for a GeoPackage table extract: (name, OGR type, values kind)."""
    return draw(st.tuples(st.lists(st.sampled_from([
        ("person_id", "str", "ids"), ("ref_date", "str", "dates"), ("ref_date", "date", "dates"),
        ("age", "int", "ages"), ("age", "str", "numtext"), ("age", "real", "huge"),
        ("x", "real", "xs"), ("y", "real", "ys"), ("x", "str", "numtext"),
        ("outside_fte", "real", "nan"), ("nonwestern", "int", "ages"),
        ("navn", "str", "formula"), ("Alder", "int", "ages"), ("gross_income", "str", "huge"),
    ]), min_size=0, max_size=8, unique_by=lambda c: c[0]), st.integers(0, 6)))


def _write_gpkg(path: str, spec) -> None:
    from osgeo import ogr

    cols, n = spec
    rng = np.random.default_rng(n)
    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    lyr = ds.CreateLayer("persons", None, ogr.wkbNone)
    types = {"str": ogr.OFTString, "int": ogr.OFTInteger64, "real": ogr.OFTReal,
             "date": ogr.OFTDate}
    for name, t, _ in cols:
        lyr.CreateField(ogr.FieldDefn(name, types[t]))
    values = {
        "ids": lambda i: "P{}".format(i % 3),
        "dates": lambda i: "2025-01-01" if i % 4 else "2025/13/45",
        "ages": lambda i: int(rng.integers(-5, 130)),
        "numtext": lambda i: ["12", "1,5", "x", "", "nan"][i % 5],
        "huge": lambda i: [1e308, -1e308, 12.0][i % 3],
        "xs": lambda i: 570000.0 + 100 * i, "ys": lambda i: 6220000.0 + 100 * i,
        "nan": lambda i: float("nan") if i % 2 else 0.5,
        "formula": lambda i: FORMULAS[i % len(FORMULAS)],
    }
    for i in range(n):
        f = ogr.Feature(lyr.GetLayerDefn())
        for name, t, kind in cols:
            v = values[kind](i)
            if t == "str":
                f.SetField(name, str(v))
            elif t == "int":
                try:
                    f.SetField(name, int(float(v)))
                except (ValueError, OverflowError):
                    f.SetFieldNull(name)
            elif t == "date":
                f.SetField(name, str(v).replace("/", "-"))
            else:
                try:
                    f.SetField(name, float(v))
                except ValueError:
                    f.SetFieldNull(name)
        lyr.CreateFeature(f)
    ds = None


@FUZZ
@given(spec=gpkg_columns())
def test_fuzzed_geopackage_validate_and_compute(run_alg, areas_path, spec):
    apath, _ = areas_path
    folder = tempfile.mkdtemp(prefix="hostile-gpkg-")
    src = os.path.join(folder, "persons.gpkg")
    _write_gpkg(src, spec)
    report = os.path.join(folder, "problems.csv")
    res = assert_clean_outcome(run_alg, "validateextract", {"PERSONS": src, "OUTPUT": report})
    if res is not None:
        assert_no_formula_cells(res["OUTPUT"])
    out = os.path.join(folder, "ind.gpkg")
    assert_clean_outcome(run_alg, "computeindicators",
                         {"PERSONS": src, "AREAS": apath, "AREA_ID_FIELD": "area_id",
                          "OUTPUT": out}, out_path=out)


@pytest.mark.parametrize("text, expected", [
    ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("+45 1234", "'+45 1234"),
    ("-1", "'-1"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("ok = fine", "ok = fine"),
    ("", ""),
])
def test_escape_formula(text, expected):
    assert escape_formula(text) == expected


def test_one_enormous_value_does_not_blow_up_memory(monkeypatch):
    """A single 100,000-character key must not make a (rows x longest) matrix."""
    from boligsocial_plugin.core import columncodes, extract, personids

    real = columncodes.codepoints

    def guarded(vals):
        assert max(map(len, vals)) <= 64, "fixed-width matrix for a huge value"
        return real(vals)

    for module in (columncodes, personids):  # every module that builds the matrix
        monkeypatch.setattr(module, "codepoints", guarded)
    frame = pd.DataFrame({"person_id": ["P{}".format(i) for i in range(50)],
                          "ref_date": "2025-01-01", "age": 30, "x": 1.0, "y": 1.0})
    frame.loc[3, "person_id"] = "x" * 100_000
    ext = extract.prepare(frame)
    assert not ext.blocking
    assert len(ext.data) == 50
