# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:pseudonymise through processing.run: stable keyed pseudonyms, nothing leaks.

CPR-shaped values are synthetic and built at run time from a date and random digits.
"""
import hashlib
import hmac
import json
import sqlite3

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback, QgsVectorLayer

from tests.helpers import grid_areas, persons_frame

KEY_A = "test-key-" + "a" * 40
KEY_B = "test-key-" + "b" * 40


def fake_cprs(n: int, seed: int = 7):
    """n distinct synthetic CPR numbers (born 1950-1999, 7th digit 0-3 = 20th century)."""
    rng = np.random.default_rng(seed)
    out, seen = [], set()
    while len(out) < n:
        day = pd.Timestamp("1950-01-01") + pd.Timedelta(days=int(rng.integers(0, 18000)))
        v = day.strftime("%d%m%y") + "-" + "{:04d}".format(int(rng.integers(0, 4000)))
        if v not in seen:
            seen.add(v)
            out.append(v)
    return out


def impossible_date_cpr() -> str:
    """CPR-shaped, but 31 February."""
    return "3102" + "85" + "-" + "12" + "34"


def gpkg_text(path: str) -> str:
    """Every text value and column name of every table of a GeoPackage."""
    con = sqlite3.connect(path)
    parts = []
    for (table,) in con.execute("select name from sqlite_master where type='table'"):
        cur = con.execute('select * from "{}"'.format(table))
        parts.extend(d[0] for d in cur.description)
        for row in cur:
            parts.extend(str(v) for v in row if isinstance(v, str))
    con.close()
    return "\n".join(parts)


@pytest.fixture
def extract(tmp_path):
    """A Danish CSV with cpr, navn, adresse and the model's columns; two dates per person."""
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [40, 30, 20, 10, 6, 0], dates=("2024-01-01", "2025-01-01"))
    pids = df["person_id"].unique()
    cprs = dict(zip(pids, fake_cprs(len(pids))))
    df.insert(0, "cpr", df["person_id"].map(cprs))
    df["navn"] = "Testperson " + df["person_id"]
    df["adresse"] = "Testvej 1"
    df = df.drop(columns=["person_id", "area_truth"])
    path = tmp_path / "persons.csv"
    df.to_csv(path, sep=";", decimal=",", index=False)
    (tmp_path / "key_a.txt").write_text(KEY_A + "\n")
    (tmp_path / "key_b.txt").write_text(KEY_B)
    return tmp_path, df


def _run(run_alg, tmp, persons, key="key_a.txt", out="out.gpkg", **extra):
    params = {"PERSONS": str(persons), "ID_FIELD": "cpr", "KEY_FILE": str(tmp / key),
              "OUTPUT": str(tmp / out)}
    params.update(extra)
    return run_alg("pseudonymise", params)


def _rows(path):
    lyr = QgsVectorLayer(path, "o", "ogr")
    assert lyr.isValid()
    return lyr.fields().names(), [f.attributes() for f in lyr.getFeatures()]


def test_same_key_same_pseudonym_other_key_other(run_alg, extract):
    tmp, df = extract
    persons = tmp / "persons.csv"
    r1 = _run(run_alg, tmp, persons, out="a1.gpkg")
    r2 = _run(run_alg, tmp, persons, out="a2.gpkg")
    r3 = _run(run_alg, tmp, persons, key="key_b.txt", out="b.gpkg")
    names, rows1 = _rows(r1["OUTPUT"])
    _, rows2 = _rows(r2["OUTPUT"])
    _, rows3 = _rows(r3["OUTPUT"])
    i = names.index("person_id")
    p1, p2, p3 = ([r[i] for r in rows] for rows in (rows1, rows2, rows3))
    assert p1 == p2
    assert not set(p1) & set(p3)
    assert len(p1) == len(df) and r1["ROWS_WRITTEN"] == len(df)
    # the same person on two dates keeps one pseudonym; the value is HMAC-SHA-256, truncated
    first = df["cpr"].iloc[0].replace("-", "")
    expected = hmac.new(KEY_A.encode(), first.encode(), hashlib.sha256).hexdigest()[:32]
    assert p1.count(expected) == 2


def test_cpr_and_direct_identifiers_never_in_output(run_alg, extract):
    tmp, df = extract
    res = _run(run_alg, tmp, tmp / "persons.csv")
    names, _ = _rows(res["OUTPUT"])
    assert names[:2] == ["fid", "person_id"] or names[0] == "person_id"
    for gone in ("cpr", "navn", "adresse"):
        assert gone not in names
    for kept in ("ref_date", "x", "y", "age"):
        assert kept in names
    text = gpkg_text(res["OUTPUT"])
    for v in df["cpr"].head(50):
        assert v not in text and v.replace("-", "") not in text
    assert "Testperson" not in text
    assert KEY_A not in text


def test_output_feeds_computeindicators(run_alg, extract):
    tmp, df = extract
    res = _run(run_alg, tmp, tmp / "persons.csv")
    out = run_alg("computeindicators", {"PERTURBATION": "off", "PERSONS": res["OUTPUT"],
                                        "AREAS": str(tmp / "areas.gpkg"),
                                        "AREA_ID_FIELD": "area_id", "OUTPUT": "memory:"})
    assert out["PERSONS_READ"] == len(df)
    assert out["PERSONS_IN_AREAS"] == len(df)


def test_malformed_cpr_refused_masked_with_rows(run_alg, extract):
    tmp, df = extract
    bad = df.copy()
    bad_value = impossible_date_cpr()
    bad.loc[3, "cpr"] = bad_value
    bad.loc[5, "cpr"] = "12345"
    path = tmp / "bad.csv"
    bad.to_csv(path, sep=";", decimal=",", index=False)
    with pytest.raises(QgsProcessingException) as err:
        _run(run_alg, tmp, path, out="bad.gpkg")
    msg = str(err.value)
    assert "2 rows" in msg and "row 4" in msg and "row 6" in msg
    assert "31xxxx-xxxx" in msg
    assert bad_value not in msg and bad_value.replace("-", "") not in msg
    assert not (tmp / "bad.gpkg").exists()


def test_drop_invalid_counts_and_leaves_rows_out(run_alg, extract):
    tmp, df = extract
    bad = df.copy()
    bad.loc[[0, 7], "cpr"] = impossible_date_cpr()
    bad.loc[9, "cpr"] = None
    path = tmp / "bad.csv"
    bad.to_csv(path, sep=";", decimal=",", index=False)
    fb = QgsProcessingFeedback()
    res = _run(run_alg, tmp, path, out="ok.gpkg", DROP_INVALID=True)
    assert res["MALFORMED"] == 3
    assert res["ROWS_WRITTEN"] == len(df) - 3
    assert res["ROWS_READ"] == len(df)
    del fb


def test_duplicates_reported(run_alg, extract):
    tmp, df = extract
    dup = pd.concat([df, df.iloc[[0, 1]]], ignore_index=True)
    path = tmp / "dup.csv"
    dup.to_csv(path, sep=";", decimal=",", index=False)
    res = _run(run_alg, tmp, path, out="dup.gpkg")
    assert res["DUPLICATES"] == 2


@pytest.mark.parametrize("content, expected", [
    (None, "does not exist"),
    ("k3y-Qz9", "too short"),
    ("   \n", "too short"),
])
def test_bad_key_file_gives_clear_message(run_alg, extract, content, expected):
    tmp, _ = extract
    if content is not None:
        (tmp / "k.txt").write_text(content)
    with pytest.raises(QgsProcessingException, match=expected) as err:
        _run(run_alg, tmp, tmp / "persons.csv", key="k.txt")
    if content and content.strip():
        assert content.strip() not in str(err.value)


def test_numeric_cpr_column_gets_leading_zero_back(run_alg, tmp_path):
    cprs = [c.replace("-", "") for c in fake_cprs(30, seed=3)]
    frame = pd.DataFrame({"cpr": [int(c) for c in cprs], "ref_date": "2025-01-01",
                          "age": 30, "x": 570500.0, "y": 6220500.0})
    path = tmp_path / "num.gpkg"
    from osgeo import ogr
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("persons", None, ogr.wkbNone)
    lyr.CreateField(ogr.FieldDefn("cpr", ogr.OFTInteger64))
    for col in ("ref_date",):
        lyr.CreateField(ogr.FieldDefn(col, ogr.OFTString))
    for col in ("age", "x", "y"):
        lyr.CreateField(ogr.FieldDefn(col, ogr.OFTReal))
    for _, r in frame.iterrows():
        f = ogr.Feature(lyr.GetLayerDefn())
        for k, v in r.items():
            f.SetField(k, int(v) if k == "cpr" else v)
        lyr.CreateFeature(f)
    ds = None
    (tmp_path / "key.txt").write_text(KEY_A)
    res = run_alg("pseudonymise", {"PERSONS": str(path), "ID_FIELD": "cpr",
                                   "KEY_FILE": str(tmp_path / "key.txt"),
                                   "OUTPUT": str(tmp_path / "o.gpkg")})
    assert res["MALFORMED"] == 0 and res["ROWS_WRITTEN"] == 30
    names, rows = _rows(res["OUTPUT"])
    got = sorted(r[names.index("person_id")] for r in rows)
    want = sorted(hmac.new(KEY_A.encode(), c.encode(), hashlib.sha256).hexdigest()[:32]
                  for c in cprs)
    assert got == want


def test_column_with_cpr_values_is_dropped(run_alg, extract):
    tmp, df = extract
    d = df.copy()
    d["mor_id"] = fake_cprs(len(d), seed=11)
    path = tmp / "mor.csv"
    d.to_csv(path, sep=";", decimal=",", index=False)
    res = _run(run_alg, tmp, path, out="mor.gpkg")
    names, _ = _rows(res["OUTPUT"])
    assert "mor_id" not in names
    assert "mor_id" in res["DROPPED_COLUMNS"]


def test_key_from_authentication_database(run_alg, extract):
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    tmp, df = extract
    am = QgsApplication.authManager()
    if not am.masterPasswordIsSet():
        am.setMasterPassword("boligsocial-test-master", True)
    cfg = QgsAuthMethodConfig("Basic")
    cfg.setName("boligsocial pseudonym key")
    cfg.setConfig("username", "pseudonym")
    cfg.setConfig("password", KEY_A)
    assert am.storeAuthenticationConfig(cfg)[0]
    res = run_alg("pseudonymise", {"PERSONS": str(tmp / "persons.csv"), "ID_FIELD": "cpr",
                                   "KEY_AUTHCFG": cfg.id(), "OUTPUT": str(tmp / "auth.gpkg")})
    by_file = _run(run_alg, tmp, tmp / "persons.csv", out="file.gpkg")
    names, rows_a = _rows(res["OUTPUT"])
    _, rows_f = _rows(by_file["OUTPUT"])
    i = names.index("person_id")
    assert [r[i] for r in rows_a] == [r[i] for r in rows_f]
    with pytest.raises(QgsProcessingException, match="not both"):
        run_alg("pseudonymise", {"PERSONS": str(tmp / "persons.csv"), "ID_FIELD": "cpr",
                                 "KEY_AUTHCFG": cfg.id(), "KEY_FILE": str(tmp / "key_a.txt"),
                                 "OUTPUT": "memory:"})


def test_audit_log_one_entry_per_run_without_secrets(run_alg, extract, tmp_path, monkeypatch):
    tmp, df = extract
    log = tmp_path / "audit" / "audit.jsonl"
    monkeypatch.setenv("BOLIGSOCIAL_AUDIT_LOG", str(log))
    _run(run_alg, tmp, tmp / "persons.csv", out="l1.gpkg")
    with pytest.raises(QgsProcessingException):
        _run(run_alg, tmp, tmp / "persons.csv", key="missing.txt", out="l2.gpkg")
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["outcome"] for e in entries] == ["ok", "error"]
    assert all(e["algorithm"] == "boligsocial:pseudonymise" for e in entries)
    assert entries[0]["input_counts"] == {"PERSONS": len(df)}
    assert entries[0]["parameters"]["KEY_FILE"].endswith("key_a.txt")
    assert entries[0]["outputs"]["OUTPUT"].endswith("l1.gpkg")
    assert "does not exist" in entries[1]["error"]
    text = log.read_text()
    assert KEY_A not in text
    assert df["cpr"].iloc[0] not in text


def _variants(cprs):
    """CPR numbers written as they turn up in real extracts (built at run time)."""
    out = []
    for k, c in enumerate(cprs):
        digits = c.replace("-", "")
        out.append(["cpr" + digits, digits[:6] + " " + digits[6:], digits[:6] + "/" + digits[6:],
                    "CPR-" + c][k % 4])
    return out


def test_numeric_and_variant_cpr_columns_are_dropped(run_alg, extract, tmp_path):
    """partner_id and mother as numbers (leading zero lost) and CPR numbers in other spellings
    never reach the output; an income column with large amounts is kept."""
    tmp, df = extract
    d = df.copy()
    n = len(d)
    partner = [int(c.replace("-", "")) for c in fake_cprs(n, seed=12)]
    d["partner_id"] = [p if k % 3 else None for k, p in enumerate(partner)]  # many without
    d["mother"] = [int(c.replace("-", "")) for c in fake_cprs(n, seed=13)]
    d["note"] = _variants(fake_cprs(n, seed=14))
    d["gross_income"] = [112345678.0 if k == 0 else 300000.0 for k in range(n)]
    path = tmp / "variants.gpkg"
    from osgeo import ogr
    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("persons", None, ogr.wkbNone)
    kinds = {"partner_id": ogr.OFTInteger64, "mother": ogr.OFTInteger64,
             "gross_income": ogr.OFTReal, "age": ogr.OFTReal, "x": ogr.OFTReal,
             "y": ogr.OFTReal}
    cols = ["cpr", "ref_date", "age", "x", "y", "gross_income", "partner_id", "mother", "note"]
    for c in cols:
        lyr.CreateField(ogr.FieldDefn(c, kinds.get(c, ogr.OFTString)))
    for _, r in d[cols].iterrows():
        f = ogr.Feature(lyr.GetLayerDefn())
        for c in cols:
            v = r[c]
            if v is None or (isinstance(v, float) and np.isnan(v)):
                continue
            f.SetField(c, int(v) if kinds.get(c) == ogr.OFTInteger64 else
                       (float(v) if kinds.get(c) == ogr.OFTReal else str(v)))
        lyr.CreateFeature(f)
    ds = None
    res = _run(run_alg, tmp, path, out="variants_out.gpkg")
    names, rows = _rows(res["OUTPUT"])
    for c in ("partner_id", "mother", "note"):
        assert c not in names and c in res["DROPPED_COLUMNS"]
    assert "gross_income" in names
    text = gpkg_text(res["OUTPUT"])
    for p in partner[:50]:
        assert str(p) not in text


def test_applydiscretion_never_echoes_a_cpr_number(run_alg, tmp_path):
    """A CPR number typed into a count cell: the error names the cell, masked."""
    cpr = fake_cprs(1, seed=21)[0]
    for value in (cpr, cpr.replace("-", " "), "cpr" + cpr.replace("-", "")):
        table = pd.DataFrame({"area_id": ["a", "b"], "total": ["100", "120"],
                              "count": ["10", value]})
        src = tmp_path / "t.csv"
        table.to_csv(src, index=False)
        feedback = QgsProcessingFeedback()
        with pytest.raises(QgsProcessingException) as err:
            run_alg("applydiscretion", {"INPUT": str(src), "COUNT_FIELDS": ["count"],
                                        "TOTAL_FIELD": "total", "OUTPUT": "memory:"},
                    feedback=feedback)
        msg = str(err.value)
        digits = cpr.replace("-", "")
        assert "count" in msg and digits[:6] not in msg and digits[6:] not in msg, msg
