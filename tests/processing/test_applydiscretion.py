# SPDX-License-Identifier: GPL-2.0-or-later
"""applydiscretion end to end through processing.run on small tables (CSV and GeoPackage)."""
import json

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer, QgsWkbTypes

from tests.helpers import grid_areas, layer_frame, persons_frame

COUNTS = ["men", "women", "other"]

# one category below the threshold per row (other = 3 or 2) with an exhaustive total: the
# engine must hide a second cell of the row, else the small one is total - men - women
TABLE = pd.DataFrame({
    "area_id": ["A1", "A2", "A3", "A4", "A5"],
    "district": ["D1", "D1", "D2", "D2", "D2"],
    "men": [40, 52, 61, 30, 70],
    "women": [45, 50, 58, 35, 66],
    "other": [3, 9, 2, 12, 8],
    "total": [88, 111, 121, 77, 144],
})


@pytest.fixture
def run_alg(run_alg):
    """These tests check exact counts: perturbation off unless a test sets it (see
    test_perturbation_moves_published_counts_by_at_most_two)."""
    def _run(alg_id, params, feedback=None):
        if alg_id == "applydiscretion":
            params = dict({"PERTURBATION": "off"}, **params)
        return run_alg(alg_id, params, feedback)
    return _run


def _write(df: pd.DataFrame, path, fmt: str) -> str:
    if fmt == "csv":
        df.to_csv(path, index=False)
        return str(path)
    from osgeo import ogr

    ogr.UseExceptions()
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    lyr = ds.CreateLayer("table", None, ogr.wkbNone)
    for c in df.columns:
        kind = ogr.OFTInteger64 if df[c].dtype.kind in "iu" else (
            ogr.OFTReal if df[c].dtype.kind == "f" else ogr.OFTString)
        lyr.CreateField(ogr.FieldDefn(c, kind))
    for row in df.itertuples(index=False):
        f = ogr.Feature(lyr.GetLayerDefn())
        for c, v in zip(df.columns, row):
            if v is None or (isinstance(v, float) and np.isnan(v)):
                f.SetFieldNull(c)
            else:
                f.SetField(c, v.item() if hasattr(v, "item") else v)
        lyr.CreateFeature(f)
    ds = None
    return str(path) + "|layername=table"


def _out(res) -> pd.DataFrame:
    lyr = QgsVectorLayer(res["OUTPUT"], "out", "ogr")
    assert lyr.isValid()
    return layer_frame(lyr)


def _assert_safe(df: pd.DataFrame, cols, min_count: int) -> None:
    """Flags present; hidden cells NULL; nothing published below the threshold."""
    for c in cols:
        assert c + "_flag" in df.columns
        for v, fl in zip(df[c], df[c + "_flag"]):
            assert fl in ("", "P", "S", "A")
            if fl:
                assert pd.isna(v), (c, v, fl)
            else:
                assert not pd.isna(v) and (v == 0 or v >= min_count), (c, v)


@pytest.mark.parametrize("fmt", ["csv", "gpkg"])
def test_small_category_forces_a_second_hidden_cell(run_alg, tmp_path, fmt):
    src = _write(TABLE, tmp_path / ("t." + fmt), fmt)
    res = run_alg("applydiscretion", {
        "INPUT": src, "COUNT_FIELDS": COUNTS, "TOTAL_FIELD": "total", "ID_FIELD": "area_id",
        "MIN_COUNT": 5, "MIN_RESIDENTS": 0, "OUTPUT": str(tmp_path / "o.gpkg")})
    out = _out(res).sort_values("area_id").reset_index(drop=True)
    assert res["AUDIT"] == "passed"
    assert res["PRIMARY"] == 2 and res["SECONDARY"] >= 2
    _assert_safe(out, COUNTS + ["total"], 5)
    for r in (0, 2):  # rows with other < 5
        assert out.loc[r, "other_flag"] == "P"
        assert sum(out.loc[r, c + "_flag"] == "S" for c in COUNTS + ["total"]) >= 1
    # every row: never exactly one hidden cell among the categories
    hidden = np.array([[out.loc[r, c + "_flag"] != "" for c in COUNTS] for r in range(5)])
    assert set(hidden.sum(axis=1)) <= {0, 2, 3}
    # untouched rows and the other columns are kept
    assert out.loc[1, "men"] == 52 and out.loc[1, "men_flag"] == ""
    assert list(out["district"]) == list(TABLE["district"])
    assert list(out["total"]) == list(TABLE["total"])


def test_parent_groups_protect_columns(run_alg, tmp_path):
    # district sums count as published: a single hidden cell in a district column would be
    # the district sum minus the others
    src = _write(TABLE, tmp_path / "t.csv", "csv")
    res = run_alg("applydiscretion", {
        "INPUT": src, "COUNT_FIELDS": COUNTS, "TOTAL_FIELD": "total", "PARENT_FIELD": "district",
        "ID_FIELD": "area_id", "MIN_RESIDENTS": 0, "OUTPUT": str(tmp_path / "o.gpkg")})
    out = _out(res)
    assert res["AUDIT"] == "passed"
    _assert_safe(out, COUNTS + ["total"], 5)
    for _, grp in out.groupby("district"):
        for c in COUNTS + ["total"]:
            assert (grp[c + "_flag"] != "").sum() != 1, (grp, c)


def test_parent_own_row_found_by_id(run_alg, tmp_path):
    parent = pd.DataFrame({"area_id": ["D1"], "district": [None], "men": [92], "women": [95],
                           "other": [12], "total": [199]})
    df = pd.concat([TABLE.iloc[:2], parent], ignore_index=True)
    src = _write(df, tmp_path / "t.csv", "csv")
    res = run_alg("applydiscretion", {
        "INPUT": src, "COUNT_FIELDS": COUNTS, "TOTAL_FIELD": "total", "PARENT_FIELD": "district",
        "ID_FIELD": "area_id", "MIN_RESIDENTS": 0, "OUTPUT": str(tmp_path / "o.gpkg")})
    out = _out(res).set_index("area_id")
    assert res["AUDIT"] == "passed"
    _assert_safe(out, COUNTS, 5)
    # A1.other = 3 is hidden; A2.other (9) or the district's own 'other' must follow
    assert out.loc["A1", "other_flag"] == "P"
    assert out.loc["A2", "other_flag"] != "" or out.loc["D1", "other_flag"] != ""


def test_lonely_sub_area_is_refused(run_alg, tmp_path):
    src = _write(TABLE.iloc[:3].assign(district=["D1", "D1", "D9"]), tmp_path / "t.csv", "csv")
    with pytest.raises(QgsProcessingException, match="D9"):
        run_alg("applydiscretion", {"INPUT": src, "COUNT_FIELDS": COUNTS,
                                    "TOTAL_FIELD": "total", "PARENT_FIELD": "district",
                                    "OUTPUT": "memory:"})


def test_keyed_rounding_is_reproducible(run_alg, tmp_path):
    key = tmp_path / "key.txt"
    secret = "0123456789abcdef0123456789abcdef"
    key.write_text(secret)
    src = _write(TABLE, tmp_path / "t.csv", "csv")
    params = {"INPUT": src, "COUNT_FIELDS": COUNTS, "TOTAL_FIELD": "total",
              "ID_FIELD": "area_id", "MIN_RESIDENTS": 0, "ROUND_BASE": 5,
              "ROUND_KEY_FILE": str(key)}
    outs = []
    for k in range(2):
        rep = tmp_path / "r{}.json".format(k)
        res = run_alg("applydiscretion", dict(params, OUTPUT=str(tmp_path / "o{}.gpkg".format(k)),
                                              OUTPUT_REPORT=str(rep)))
        outs.append(_out(res))
        text = rep.read_text(encoding="utf-8")
        assert secret not in text and str(key) not in text
        assert json.loads(text)["rounding"]["base"] == 5
    pd.testing.assert_frame_equal(outs[0], outs[1])
    out = outs[0]
    _assert_safe(out, COUNTS + ["total"], 5)
    published = [v for c in COUNTS + ["total"] for v in out[c] if not pd.isna(v)]
    assert published and all(v % 5 == 0 for v in published)


def test_rounding_without_key_is_refused(run_alg, tmp_path):
    src = _write(TABLE, tmp_path / "t.csv", "csv")
    with pytest.raises(QgsProcessingException, match="key"):
        run_alg("applydiscretion", {"INPUT": src, "COUNT_FIELDS": COUNTS, "ROUND_BASE": 5,
                                    "OUTPUT": "memory:"})


@pytest.mark.parametrize("column,value,words", [
    ("women", "many", "women"),        # not a number
    ("other", "-3", "negative"),       # negative
    ("men", "40.5", "whole number"),   # not a count
    ("total", "abc", "total"),         # the total is checked too
])
def test_bad_counts_name_the_field(run_alg, tmp_path, column, value, words):
    df = TABLE.astype(object)
    df.loc[1, column] = value
    src = _write(df, tmp_path / "bad.csv", "csv")
    with pytest.raises(QgsProcessingException, match=words) as e:
        run_alg("applydiscretion", {"INPUT": src, "COUNT_FIELDS": COUNTS,
                                    "TOTAL_FIELD": "total", "OUTPUT": "memory:"})
    assert column in str(e.value)


def test_empty_table_is_refused(run_alg, tmp_path):
    src = _write(TABLE.iloc[:0], tmp_path / "empty.gpkg", "gpkg")
    with pytest.raises(QgsProcessingException, match="empty"):
        run_alg("applydiscretion", {"INPUT": src, "COUNT_FIELDS": COUNTS, "OUTPUT": "memory:"})


def test_missing_cells_stay_hidden_and_html_report(run_alg, tmp_path):
    df = TABLE.astype(object)
    df.loc[3, "men"] = ".."   # Statistics Denmark's mark for a confidential cell
    df.loc[4, "women"] = ""
    src = _write(df, tmp_path / "t.csv", "csv")
    rep = tmp_path / "audit.html"
    res = run_alg("applydiscretion", {"INPUT": src, "COUNT_FIELDS": COUNTS,
                                      "TOTAL_FIELD": "total", "MIN_RESIDENTS": 0,
                                      "OUTPUT": str(tmp_path / "o.gpkg"),
                                      "OUTPUT_REPORT": str(rep)})
    out = _out(res)
    assert pd.isna(out.loc[3, "men"]) and out.loc[3, "men_flag"] == "P"
    assert pd.isna(out.loc[4, "women"]) and out.loc[4, "women_flag"] == "P"
    _assert_safe(out, COUNTS + ["total"], 5)
    html = rep.read_text(encoding="utf-8")
    assert "<html" in html and "passed" in html


def test_protects_computeindicators_output(run_alg, tmp_path):
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [120, 80, 60, 30, 8, 0], seed=4)
    df.drop(columns=["area_truth"]).to_csv(tmp_path / "persons.csv", index=False)
    ind = run_alg("computeindicators", {"PERTURBATION": "off",
                                        "PERSONS": str(tmp_path / "persons.csv"),
                                        "AREAS": str(tmp_path / "areas.gpkg"),
                                        "AREA_ID_FIELD": "area_id", "MIN_RESIDENTS": 20,
                                        "OUTPUT": str(tmp_path / "ind.gpkg")})
    cols = ["age_0_17_num", "age_18_64_num", "age_65plus_num"]
    res = run_alg("applydiscretion", {"INPUT": ind["OUTPUT"], "COUNT_FIELDS": cols,
                                      "TOTAL_FIELD": "residents", "ID_FIELD": "area_id",
                                      "MIN_RESIDENTS": 20,
                                      "OUTPUT": str(tmp_path / "prot.gpkg")})
    assert res["AUDIT"] == "passed"
    src = QgsVectorLayer(ind["OUTPUT"], "in", "ogr")
    lyr = QgsVectorLayer(res["OUTPUT"], "out", "ogr")
    assert lyr.featureCount() == src.featureCount() == 6
    assert QgsWkbTypes.geometryType(lyr.wkbType()) == QgsWkbTypes.PolygonGeometry
    assert lyr.crs() == src.crs()
    before = layer_frame(src).set_index("area_id")
    after = layer_frame(lyr).set_index("area_id")
    _assert_safe(after.reset_index(), cols + ["residents"], 5)
    for aid in before.index:
        for c in cols:
            if pd.isna(before.loc[aid, c]):   # hidden by computeindicators: stays hidden
                assert pd.isna(after.loc[aid, c])
            elif after.loc[aid, c + "_flag"] == "":
                assert after.loc[aid, c] == before.loc[aid, c]
        # the other indicator fields pass through untouched
        assert after.loc[aid, "nonwestern_val"] == before.loc[aid, "nonwestern_val"] or \
            pd.isna(after.loc[aid, "nonwestern_val"]) and pd.isna(before.loc[aid, "nonwestern_val"])
    assert (after["age_0_17_num_flag"] == "A").sum() >= 1  # the 8-resident area


def test_perturbation_moves_published_counts_by_at_most_two(run_alg, tmp_path):
    """Same flags as exact, published counts within 2 of the truth, never below the
    threshold, the same in every release of the same table."""
    src = _write(TABLE, tmp_path / "t.csv", "csv")
    params = {"INPUT": src, "COUNT_FIELDS": COUNTS, "TOTAL_FIELD": "total",
              "ID_FIELD": "area_id", "MIN_RESIDENTS": 0}
    exact = _out(run_alg("applydiscretion", dict(params, OUTPUT=str(tmp_path / "e.gpkg"))))
    runs = [_out(run_alg("applydiscretion", dict(params, PERTURBATION="on",
                                                 OUTPUT=str(tmp_path / "p{}.gpkg".format(k)))))
            for k in range(2)]
    pd.testing.assert_frame_equal(runs[0].drop(columns="fid"), runs[1].drop(columns="fid"))
    noisy = runs[0]
    moved = 0
    for c in COUNTS + ["total"]:
        assert list(noisy[c + "_flag"]) == list(exact[c + "_flag"])
        for e, v in zip(exact[c], noisy[c]):
            if pd.isna(e):
                assert pd.isna(v)
                continue
            assert abs(v - e) <= 2 and (v == 0 or v >= 5)
            moved += v != e
    assert moved > 0


def test_perturbation_is_keyed_with_the_register_folders_secret(run_alg, tmp_path,
                                                                 monkeypatch):
    """The noise key is a secret created once in the release register folder (mode 0600): the
    same folder gives the same table twice, another folder (another secret) other noise."""
    import os
    import stat

    src = _write(TABLE, tmp_path / "t.csv", "csv")
    params = {"INPUT": src, "COUNT_FIELDS": COUNTS, "TOTAL_FIELD": "total",
              "ID_FIELD": "area_id", "MIN_RESIDENTS": 0, "PERTURBATION": "on"}
    outs = []
    for k, folder in enumerate(("one", "one", "two")):
        monkeypatch.setenv("BOLIGSOCIAL_RELEASE_REGISTER", str(tmp_path / folder))
        outs.append(_out(run_alg("applydiscretion", dict(
            params, OUTPUT=str(tmp_path / "p{}.gpkg".format(k))))).drop(columns="fid"))
    pd.testing.assert_frame_equal(outs[0], outs[1])
    cols = COUNTS + ["total"]
    assert not outs[0][cols].equals(outs[2][cols])
    key = tmp_path / "one" / "noise_secret.key"
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert key.read_text().strip() != (tmp_path / "two" / "noise_secret.key").read_text().strip()


def test_report_lists_the_intervals_of_hidden_cells(run_alg, tmp_path):
    src = _write(TABLE, tmp_path / "t.csv", "csv")
    report = tmp_path / "r.json"
    run_alg("applydiscretion", {"INPUT": src, "COUNT_FIELDS": COUNTS, "TOTAL_FIELD": "total",
                                "ID_FIELD": "area_id", "MIN_RESIDENTS": 0,
                                "OUTPUT": str(tmp_path / "o.gpkg"),
                                "OUTPUT_REPORT": str(report)})
    rep = json.loads(report.read_text(encoding="utf-8"))
    hidden = [it for it in rep["intervals"] if it["flag"] == "P"]
    assert hidden
    for it in hidden:
        assert it["lo"] is not None and it["hi"] is not None
        hi = float("inf") if it["hi"] == "inf" else it["hi"]
        assert hi - it["lo"] >= 5 - 1e-9
    assert rep["interval_audit"]["protection_width"] == 5


@pytest.mark.parametrize("table,words", [
    (pd.DataFrame({"a": [3, 50], "b": [20, 40], "total": [2, 100]}), "larger than the total"),
    (pd.DataFrame({"id": ["D", "x", "y"], "parent": [None, "D", "D"], "a": [30, 10, 10],
                   "total": [60, 30, 30]}), "add up to"),
])
def test_inconsistent_rows_are_refused(run_alg, tmp_path, table, words):
    src = _write(table, tmp_path / "t.csv", "csv")
    params = {"INPUT": src, "COUNT_FIELDS": ["a"] + (["b"] if "b" in table else []),
              "TOTAL_FIELD": "total", "MIN_RESIDENTS": 0, "OUTPUT": "memory:",
              "CATEGORIES_EXHAUSTIVE": "no"}
    if "parent" in table:
        params.update(PARENT_FIELD="parent", ID_FIELD="id")
    with pytest.raises(QgsProcessingException, match=words):
        run_alg("applydiscretion", params)


def test_person_level_table_is_refused(run_alg, tmp_path):
    d, s = "".join(["01", "01", "85"]), "1234"  # built at run time
    table = pd.DataFrame({"who": [d + "-" + s, "x"], "a": [10, 20], "total": [50, 60]})
    src = _write(table, tmp_path / "t.csv", "csv")
    with pytest.raises(QgsProcessingException, match="person-level") as err:
        run_alg("applydiscretion", {"INPUT": src, "COUNT_FIELDS": ["a"], "TOTAL_FIELD": "total",
                                    "OUTPUT": "memory:"})
    assert d not in str(err.value)


def _districts(df: pd.DataFrame) -> pd.DataFrame:
    """TABLE grouped by district: the same population, another grouping."""
    g = df.groupby("district", as_index=False)[COUNTS + ["total"]].sum()
    return g.rename(columns={"district": "area_id"})


def test_second_exact_grouping_is_refused_through_the_register(run_alg, tmp_path):
    """With exact values the districts minus their published areas would give the hidden
    cells: the register refuses the districts after the areas (naming the release, nothing
    written), a draft (REGISTER_MODE=check) is not recorded, and REGISTER_MODE=off ignores
    earlier releases."""
    import os

    areas = _write(TABLE, tmp_path / "areas.csv", "csv")
    districts = _write(_districts(TABLE), tmp_path / "districts.csv", "csv")
    base = {"COUNT_FIELDS": COUNTS, "TOTAL_FIELD": "total", "ID_FIELD": "area_id",
            "MIN_RESIDENTS": 0}
    run_alg("applydiscretion", dict(base, INPUT=districts, REGISTER_MODE="check",
                                    OUTPUT=str(tmp_path / "draft.gpkg")))
    run_alg("applydiscretion", dict(base, INPUT=areas, OUTPUT=str(tmp_path / "a.gpkg")))
    with pytest.raises(QgsProcessingException) as e:
        run_alg("applydiscretion", dict(base, INPUT=districts,
                                        OUTPUT=str(tmp_path / "d.gpkg")))
    msg = str(e.value)
    assert "'men'" in msg and "a.gpkg" in msg and "parent field" in msg, msg
    assert not os.path.exists(tmp_path / "d.gpkg")
    run_alg("applydiscretion", dict(base, INPUT=areas, OUTPUT=str(tmp_path / "a2.gpkg")))
    out = _out(run_alg("applydiscretion", dict(base, INPUT=districts, REGISTER_MODE="off",
                                               OUTPUT=str(tmp_path / "d_off.gpkg"))))
    assert len(out) == 2


def test_one_district_alone_after_its_areas_is_refused_with_exact_values(run_alg, tmp_path):
    """One district alone has other totals than the areas (not the same population), but
    minus its published areas it gives their hidden cells exactly: refused by the column
    names after an exact table; with the perturbation it is published."""
    import os

    areas = _write(TABLE, tmp_path / "areas.csv", "csv")
    one = _districts(TABLE).iloc[:1]
    district = _write(one, tmp_path / "one.csv", "csv")
    base = {"COUNT_FIELDS": COUNTS, "TOTAL_FIELD": "total", "ID_FIELD": "area_id",
            "MIN_RESIDENTS": 0}
    run_alg("applydiscretion", dict(base, INPUT=areas, OUTPUT=str(tmp_path / "a.gpkg")))
    with pytest.raises(QgsProcessingException) as e:
        run_alg("applydiscretion", dict(base, INPUT=district, OUTPUT=str(tmp_path / "d.gpkg")))
    msg = str(e.value)
    assert "part of a grouping" in msg and "a.gpkg" in msg, msg
    assert not os.path.exists(tmp_path / "d.gpkg")
    out = _out(run_alg("applydiscretion", dict(base, INPUT=district, PERTURBATION="on",
                                               OUTPUT=str(tmp_path / "d_noisy.gpkg"))))
    assert len(out) == 1


def test_groupings_over_the_budget_are_refused_with_the_perturbation(run_alg, tmp_path):
    """With the perturbation each grouping is one more noisy copy: the register takes eight
    groupings of one population (the overlap budget) and refuses the ninth; the log says
    where each table was recorded."""
    from tests.feedback import LogLines

    base = {"COUNT_FIELDS": COUNTS, "TOTAL_FIELD": "total", "ID_FIELD": "area_id",
            "MIN_RESIDENTS": 0, "PERTURBATION": "on"}
    for k in range(9):  # nine groupings: the rows under other names get fresh keys
        src = _write(TABLE.assign(area_id=["g{}_{}".format(k, i) for i in range(5)]),
                     tmp_path / "t{}.csv".format(k), "csv")
        params = dict(base, INPUT=src, OUTPUT=str(tmp_path / "t{}.gpkg".format(k)))
        if k < 8:
            fb = LogLines()
            run_alg("applydiscretion", params, fb)
            assert any("Recorded in the release register" in x for x in fb.lines)
            continue
        with pytest.raises(QgsProcessingException, match="overlap budget of 8"):
            run_alg("applydiscretion", params)
