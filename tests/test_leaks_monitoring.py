# SPDX-License-Identifier: GPL-2.0-or-later
"""Leak tests of the monitoring outputs (monitorcriteria and trackchange, OUTPUT and SERIES):
nothing person-level, no count below the threshold, and nothing recoverable by differencing two
snapshots (one person joining an area between two months)."""
import hashlib

import numpy as np
import pandas as pd
import pytest

from tests.helpers import grid_areas, persons_frame
from tests.test_leaks import (
    _fake_cpr,
    assert_counts_protected,
    assert_no_identifiers,
    gpkg_rows,
    gpkg_text,
)

D1, D2 = "2025-01-01", "2025-02-01"


@pytest.fixture(scope="module")
def joiner(tmp_path_factory):
    """Two monthly snapshots: the same persons, and one newcomer in area A00 at the second
    (non-western, outside the labour market, convicted, only basic schooling, aged 40); area
    A01 changes by 40 persons (a real change that may be published)."""
    tmp = tmp_path_factory.mktemp("joiner")
    areas = grid_areas(str(tmp / "areas.gpkg"))
    base = persons_frame(areas, [1100, 300, 80, 60, 3, 0], dates=(D1,), seed=9)
    second = base.copy()
    second["ref_date"] = D2
    a01 = second.index[second["area_truth"] == "A01"][:40]
    second = second.drop(index=a01)
    new = base[base["area_truth"] == "A01"].head(40).copy()
    new["person_id"] = ["Q{:07d}".format(i) for i in range(40)]
    new["ref_date"] = D2
    one = base[base["area_truth"] == "A00"].head(1).copy()
    one["person_id"] = "N0000001"
    one["ref_date"] = D2
    one[["age", "nonwestern", "outside_fte", "convicted", "basic_edu", "student"]] = \
        [40, 1, 1.0, 1, 1, 0]
    df = pd.concat([base, second, new, one], ignore_index=True).drop(columns=["area_truth"])
    df["person_id"] = [hashlib.sha256(p.encode()).hexdigest()[:32] for p in df["person_id"]]
    rng = np.random.default_rng(9)
    cprs = {p: _fake_cpr(rng) for p in df["person_id"].unique()}
    df["cpr"] = df["person_id"].map(cprs)
    df["navn"] = "Navn-" + df["person_id"].str.slice(0, 6)
    df.to_csv(tmp / "persons.csv", index=False)
    return tmp, df


def _run(alg, tmp, pert, **kw):
    import processing

    p = {"PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
         "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name", "MIN_COUNT": 5,
         "PERTURBATION": pert, "REGISTER_MODE": "off",
         "OUTPUT": str(tmp / "{}_{}_out.gpkg".format(alg, pert)),
         "SERIES": str(tmp / "{}_{}_series.gpkg".format(alg, pert))}
    p.update(kw)
    return processing.run("boligsocial:" + alg, p)


@pytest.fixture(scope="module")
def outputs(joiner, provider):
    tmp, _df = joiner
    out = {}
    for pert in ("off", "on"):
        out[("monitorcriteria", pert)] = _run("monitorcriteria", tmp, pert,
                                              NATIONAL_CONVICTION_RATE=1.5,
                                              REGIONAL_MEAN_INCOME=300000.0)
        out[("trackchange", pert)] = _run("trackchange", tmp, pert)
    return out


@pytest.mark.parametrize("alg", ["monitorcriteria", "trackchange"])
@pytest.mark.parametrize("pert", ["off", "on"])
@pytest.mark.parametrize("sink", ["OUTPUT", "SERIES"])
def test_monitoring_outputs_do_not_leak(joiner, outputs, alg, pert, sink):
    _tmp, df = joiner
    path = outputs[(alg, pert)][sink]
    rows = gpkg_rows(path)
    assert len(rows) > 0
    if "residents" in rows.columns or any(c.endswith("_num") for c in rows.columns):
        assert_counts_protected(rows, 5, "{} {}".format(alg, sink))
    assert_no_identifiers(gpkg_text(path), df, "{} {}".format(alg, sink))


def _published(frame: pd.DataFrame, area: str, column: str) -> dict:
    sub = frame[frame["area_id"] == area].set_index("ref_date")[column]
    return {d: v for d, v in sub.items() if pd.notna(v)}


@pytest.mark.parametrize("alg,columns", [
    ("monitorcriteria", ["residents", "nonwestern_val", "outside_val", "basic_edu_val"]),
    ("trackchange", ["residents", "nonwestern_num", "nonwestern_val", "outside_labour_num",
                     "convicted_num", "basic_edu_num", "age_18_64_num"]),
])
def test_one_person_joining_cannot_be_recovered_by_differencing(outputs, alg, columns):
    series = gpkg_rows(outputs[(alg, "off")]["SERIES"])
    for col in columns:
        shown = _published(series, "A00", col)
        assert len(shown) <= 1, "{}: A00's {} published at both dates {}".format(alg, col, shown)
    # an area that changed by 40 persons is published at both dates
    assert len(_published(series, "A01", "residents")) == 2


def test_derived_change_and_trend_of_the_joined_area_are_not_published(outputs):
    change = gpkg_rows(outputs[("trackchange", "off")]["OUTPUT"]).set_index("area_id")
    for c in ("nonwestern", "outside_labour", "convicted"):
        assert pd.isna(change.loc["A00", c + "_change"])
        assert pd.isna(change.loc["A00", c + "_trend"])
    monitor = gpkg_rows(outputs[("monitorcriteria", "off")]["OUTPUT"]).set_index("area_id")
    for k in ("nonwestern", "outside", "basic_edu"):
        assert pd.isna(monitor.loc["A00", k + "_trend"])
