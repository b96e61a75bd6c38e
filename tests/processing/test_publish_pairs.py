# SPDX-License-Identifier: GPL-2.0-or-later
"""One reference date published by two algorithms, from a file or a PostGIS table, through one
release register: the second finds nothing the first published that it must now hide (no
protection warning), and the rows of the same area and date hide the same cells in both.

The data put a crossing on the date published (D1): A00 has exactly 4 convicted residents on
D0 (hidden, P) and a convicted newcomer on D1 (5: publishable alone), so the crossing rule
hides D1's count when D0 is protected with it. Every output that rests on D1 must protect it
with its previous year D0 (the criteria of D1 are two-year averages over D0 and D1): the
indicator layer of D1 and the criteria layer of D1, from a file or from a database, and
trackchange from FROM_DATE=D1. A20 (30 residents) is below the smallest area: its indicators
are kept back (A) and its residents published.
"""
import hashlib

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsProject

from boligsocial_plugin.core.criteria.rules import INDICATOR_CODES, KEYS, get_rule_set
from tests.feedback import LogLines
from tests.helpers import PG_DB, grid_areas, persons_frame, pg_layer, pg_load_persons
from tests.test_leaks import gpkg_rows

D0, D1, D2 = "2023-01-01", "2024-01-01", "2025-01-01"
NEWCOMER = {"age": 40, "nonwestern": 1, "outside_fte": 1.0, "convicted": 1, "basic_edu": 1,
            "student": 0, "gross_income": 250000.0}
WARNINGS = ("published for the same persons by an earlier release",
            "follow from what was published before",
            "narrower than the protection width")
CRITERIA = {"RULE_SET": "2021", "NATIONAL_CONVICTION_RATE": 1.5,
            "REGIONAL_MEAN_INCOME": 300000.0}
#: name: (algorithm, its parameters, the output holding rows per area and date, kind)
ALGS = {
    "ind": ("computeindicators", {"REF_DATE": D1}, "OUTPUT", "indicators"),
    "crit": ("assesscriteria", dict(CRITERIA, ASSESSMENT_DATE=D1), "OUTPUT", "criteria"),
    "track": ("trackchange", {"FROM_DATE": D1}, "SERIES", "indicators"),
    "monitor": ("monitorcriteria", dict(CRITERIA), "SERIES", "criteria"),
    "merge": ("mergesmallareas", {"REF_DATE": D1, "MINIMUM": 100}, "OUTPUT", "regions"),
}


class Warnings(LogLines):
    """Keeps every line a run logs (the protection's warnings, whatever their level)."""

    def reportError(self, error, fatalError=False):  # noqa: N802, N803
        self.lines.append(error)
        super().reportError(error, fatalError)


def _persons(areas) -> pd.DataFrame:
    base = persons_frame(areas, [120, 300, 80, 160, 30, 200], dates=(D0,), seed=9)
    a00 = base["area_truth"] == "A00"
    base.loc[a00, "convicted"] = 0
    base.loc[base.index[a00 & (base["age"] >= 18)][:4], "convicted"] = 1
    frames = [base]
    one = base[a00].head(1).copy()
    one["person_id"] = "N0000001"
    for col, v in NEWCOMER.items():
        one[col] = v
    for d in (D1, D2):
        frames += [base.assign(ref_date=d), one.assign(ref_date=d)]
    df = pd.concat(frames, ignore_index=True).drop(columns=["area_truth"])
    df["person_id"] = [hashlib.sha256(p.encode()).hexdigest()[:32] for p in df["person_id"]]
    return df


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pairs")
    _persons(grid_areas(str(tmp / "areas.gpkg"))).to_csv(tmp / "persons.csv", index=False)
    return tmp


@pytest.fixture(scope="module")
def db_layer(data, pg_db):
    """The same persons in a PostGIS table."""
    pg_load_persons(pg_db, PG_DB, "persons_pairs", pd.read_csv(data / "persons.csv"))
    layer = pg_layer(pg_db, PG_DB, "persons_pairs")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def _run(run_alg, data, name, how, register, persons, tag):
    alg, extra, output, kind = ALGS[name]
    params = dict(extra, PERSONS=persons, AREAS=str(data / "areas.gpkg"),
                  AREA_ID_FIELD="area_id", RELEASE_REGISTER=register)
    if alg != "mergesmallareas":
        params["AREA_NAME_FIELD"] = "area_name"
    sinks = {"track": ("SERIES",), "monitor": ("SERIES",), "merge": ("OUTPUT_MEMBERS",)}
    for out in ("OUTPUT",) + sinks.get(name, ()):
        params[out] = str(data / "{}_{}_{}.gpkg".format(tag, name, out.lower()))
    fb = Warnings()
    res = run_alg(alg, params, feedback=fb)
    bad = [w for w in fb.lines if any(s in w for s in WARNINGS)]
    rows = gpkg_rows(res[output])
    if name == "track":  # the change rests on the dates shown only
        first = gpkg_rows(res["OUTPUT"])["first_date"].dropna().astype(str).str[:10]
        assert len(first) and (first >= D1).all()
    if kind == "regions":
        members = gpkg_rows(res["OUTPUT_MEMBERS"])
        rows = _single_member_regions(rows, members)
    return kind, rows, bad


def _single_member_regions(regions: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Regions of one area, as rows of that area at D1 (their residents are its residents)."""
    size = members.groupby("region_id")["area_id"].count()
    one = members[members["region_id"].map(size) == 1]
    reg = regions.set_index("region_id")
    out = pd.DataFrame({"area_id": one["area_id"].to_numpy(), "ref_date": D1,
                        "residents": reg.loc[one["region_id"], "population"].to_numpy()})
    return out


def _hidden(kind: str, rows: pd.DataFrame) -> dict:
    """(area, date) -> {cell: hidden} for the cells a layer shows directly: residents and,
    for an indicator layer, every built-in indicator's numerator and denominator; for a
    criteria layer, the one-year criteria's value (their cells at that date alone)."""
    rows = rows.assign(ref_date=rows["ref_date"].astype(str).str[:10])
    out = {}
    one_year = [k for k in KEYS if not get_rule_set("2021").measure(k).two_year]
    for _, r in rows.iterrows():
        cells = {"residents": pd.isna(r["residents"])}
        if kind == "indicators":
            for code in INDICATOR_CODES.values():
                cells[code] = pd.isna(r[code + "_num"]) or pd.isna(r[code + "_den"])
        elif kind == "criteria":
            for k in one_year:
                flagged = bool(r[k + "_flag"]) if k + "_flag" in r.index else True
                cells[INDICATOR_CODES[k]] = pd.isna(r[k + "_val"]) and flagged
        out[(r["area_id"], r["ref_date"])] = cells
    return out


def _check_pair(run_alg, data, first, second, tag, persons):
    register = str(data / ("register_" + tag))
    a_kind, a_rows, a_bad = _run(run_alg, data, first[0], first[1], register,
                                 persons[first[1]], tag + "_a")
    b_kind, b_rows, b_bad = _run(run_alg, data, second[0], second[1], register,
                                 persons[second[1]], tag + "_b")
    assert not a_bad, a_bad
    assert not b_bad, (tag, b_bad)
    ha, hb = _hidden(a_kind, a_rows), _hidden(b_kind, b_rows)
    twins = sorted(set(ha) & set(hb))
    assert twins, "no rows of the same area and date"
    differ = []
    for key in twins:
        for cell in sorted(set(ha[key]) & set(hb[key])):
            if ha[key][cell] != hb[key][cell]:
                differ.append((key, cell, ha[key][cell], hb[key][cell]))
    assert not differ, (tag, differ)
    return ha, hb


#: (first, second): publishing runs of D1 from a file
FILE_PAIRS = [("track", "ind"), ("track", "crit"), ("ind", "track"), ("monitor", "ind"),
              ("ind", "monitor"), ("crit", "track"), ("merge", "ind"), ("ind", "merge")]


@pytest.mark.parametrize("first,second", FILE_PAIRS)
def test_file_pairs_hide_the_same_cells_without_warning(run_alg, data, first, second):
    files = {"file": str(data / "persons.csv")}
    _check_pair(run_alg, data, (first, "file"), (second, "file"),
                "f_{}_{}".format(first, second), files)


def test_the_crossing_cell_is_hidden_from_trackchange_too(run_alg, data):
    """The situation is the one the rule is about: A00's D1 convicted count is hidden in the
    indicator layer of D1 and in trackchange's series from D1."""
    files = {"file": str(data / "persons.csv")}
    ha, hb = _check_pair(run_alg, data, ("ind", "file"), ("track", "file"), "f_crossing",
                         files)
    assert ha[("A00", D1)]["convicted"] and hb[("A00", D1)]["convicted"]
    assert not ha[("A00", D1)]["residents"]


#: (first, second): one run from the PostGIS table, the other from the file or the table
DB_PAIRS = [(("ind", "db"), ("crit", "file")), (("crit", "file"), ("ind", "db")),
            (("ind", "db"), ("crit", "db")), (("track", "db"), ("ind", "file")),
            (("ind", "file"), ("track", "db")), (("monitor", "db"), ("ind", "db"))]


@pytest.mark.parametrize("first,second", DB_PAIRS,
                         ids=["-".join(a + b) for a, b in DB_PAIRS])
def test_database_pairs_hide_the_same_cells_without_warning(run_alg, data, db_layer, first,
                                                            second):
    persons = {"file": str(data / "persons.csv"), "db": db_layer.id()}
    tag = "d_{}_{}_{}_{}".format(*first, *second)
    ha, hb = _check_pair(run_alg, data, first, second, tag, persons)
    if "ind" in (first[0], second[0]):
        ind = ha if first[0] == "ind" else hb
        assert ind[("A00", D1)]["convicted"]  # the crossing, from a database too


@pytest.mark.parametrize("alg,extra,output", [
    ("computeindicators", {"REF_DATE": D1}, "OUTPUT"),
    ("trackchange", {"FROM_DATE": D1}, "SERIES")], ids=["ref_date", "from_date"])
@pytest.mark.parametrize("mode", ["off", "record"])
def test_a_date_from_a_database_is_protected_as_from_the_file(run_alg, data, db_layer, alg,
                                                              extra, output, mode):
    """computeindicators with REF_DATE and trackchange from FROM_DATE, from the table and
    from the file: the same layer (the dates protected with their previous year in both),
    without the register (links from counts) and with it (from the persons' keys)."""
    outs = []
    for how, src in (("file", str(data / "persons.csv")), ("db", db_layer.id())):
        tag = "same_{}_{}_{}".format(alg, mode, how)
        params = dict(extra, PERSONS=src, AREAS=str(data / "areas.gpkg"),
                      AREA_ID_FIELD="area_id", REGISTER_MODE=mode,
                      RELEASE_REGISTER=str(data / ("register_" + tag)),
                      OUTPUT=str(data / (tag + ".gpkg")))
        if output == "SERIES":
            params["SERIES"] = str(data / (tag + "_series.gpkg"))
        res = run_alg(alg, params)
        rows = gpkg_rows(res[output]).sort_values(["area_id", "ref_date"])
        outs.append(rows.reset_index(drop=True))
    cols = [c for c in outs[0].columns if c not in ("fid",)]
    pd.testing.assert_frame_equal(outs[0][cols], outs[1][cols])
    a00 = outs[0][(outs[0]["area_id"] == "A00") &
                  (outs[0]["ref_date"].astype(str).str[:10] == D1)]
    assert len(a00) == 1 and np.isnan(a00["convicted_num"].iloc[0])
    assert (outs[0]["ref_date"].astype(str).str[:10] >= D1).all()
