# SPDX-License-Identifier: GPL-2.0-or-later
"""The indicator layer of one date and the criteria layer of that date, through one release
register, in either order: no cell published before has to be hidden now (it would count as
known, or be unprotectable), and both layers hide the same cells.

A00 has exactly 4 convicted residents on 1 January 2024 (hidden, P) and one convicted newcomer
on 1 January 2025 (5: publishable alone). With the perturbation on, the crossing rule hides the
2025 count when the 2024 one is shown hidden (else the two pin it). The criteria layer of 2025
rests on 2024 (the two-year criteria), so computeindicators must protect 2025 as if 2024 were
released too; had it protected 2025 alone, the criteria run after it would find 2025 cells
already published that it has to hide.

A20 has 30 residents: below the smallest area, its indicators are kept back (A) and its
residents published. The denominators equal to its residents are then known, in this run as
in an earlier one; the earlier release's hidden cells of the same persons need no more
protection than the row's own (else they are "unprotectable").
"""
import hashlib

import pandas as pd
import pytest

from boligsocial_plugin.core.criteria.rules import INDICATOR_CODES, KEYS, get_rule_set
from tests.feedback import LogLines
from tests.helpers import grid_areas, persons_frame
from tests.test_leaks import gpkg_rows

D1, D2 = "2024-01-01", "2025-01-01"
NEWCOMER = {"age": 40, "nonwestern": 1, "outside_fte": 1.0, "convicted": 1, "basic_edu": 1,
            "student": 0, "gross_income": 250000.0}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("order")
    areas = grid_areas(str(tmp / "areas.gpkg"))
    base = persons_frame(areas, [120, 300, 80, 160, 30, 200], dates=(D1,), seed=9)
    a00 = base["area_truth"] == "A00"
    base.loc[a00, "convicted"] = 0
    base.loc[base.index[a00 & (base["age"] >= 18)][:4], "convicted"] = 1
    second = base.copy()
    second["ref_date"] = D2
    one = base[a00].head(1).copy()
    one["person_id"] = "N0000001"
    one["ref_date"] = D2
    for col, v in NEWCOMER.items():
        one[col] = v
    df = pd.concat([base, second, one], ignore_index=True).drop(columns=["area_truth"])
    df["person_id"] = [hashlib.sha256(p.encode()).hexdigest()[:32] for p in df["person_id"]]
    df.to_csv(tmp / "persons.csv", index=False)
    return tmp


def _run(data, order, name):
    import processing

    common = {"PERSONS": str(data / "persons.csv"), "AREAS": str(data / "areas.gpkg"),
              "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
              "RELEASE_REGISTER": str(data / ("register_" + name))}
    out, warn = {}, {}
    for alg in order:
        fb = LogLines(info=False)
        if alg == "computeindicators":
            params = dict(common, REF_DATE=D2, OUTPUT=str(data / (name + "_ind.gpkg")))
        else:
            params = dict(common, RULE_SET="2021", NATIONAL_CONVICTION_RATE=1.5,
                          REGIONAL_MEAN_INCOME=300000.0,
                          OUTPUT=str(data / (name + "_crit.gpkg")))
        res = processing.run("boligsocial:" + alg, params, feedback=fb)
        out[alg] = gpkg_rows(res["OUTPUT"]).set_index("area_id").sort_index()
        warn[alg] = fb.lines
    return out, warn


@pytest.fixture(scope="module")
def both_orders(provider, data):
    return {"ind_first": _run(data, ("computeindicators", "assesscriteria"), "a"),
            "crit_first": _run(data, ("assesscriteria", "computeindicators"), "b")}


@pytest.mark.parametrize("order", ["ind_first", "crit_first"])
def test_no_unprotectable_figures_in_either_order(both_orders, order):
    _, warn = both_orders[order]
    for alg, lines in warn.items():
        bad = [w for w in lines if "follow from what was published before" in w
               or "were published for the same persons by an earlier release" in w]
        assert not bad, (alg, bad)


def test_the_crossing_cell_is_hidden_in_both_layers(both_orders):
    """The situation is the one the rule is about: A00's 2025 convicted count is hidden."""
    for order in both_orders:
        out, _ = both_orders[order]
        ind = out["computeindicators"]
        assert (ind["ref_date"].astype(str).str[:10] == D2).all()
        assert pd.isna(ind.loc["A00", "convicted_num"])
        assert pd.isna(out["assesscriteria"].loc["A00", "convicted_val"])


def test_same_hidden_cells_in_both_layers_and_orders(both_orders):
    """The indicator layer is the same in both orders, so is the criteria layer; and the
    criteria of 2025 alone (not averaged over two years) are hidden exactly where the
    indicator layer hides their cells at 2025."""
    a, _ = both_orders["ind_first"]
    b, _ = both_orders["crit_first"]
    cols = [c for c in a["computeindicators"].columns if c.endswith("_flag")]
    pd.testing.assert_frame_equal(a["computeindicators"][cols], b["computeindicators"][cols])
    ccols = [c for c in a["assesscriteria"].columns if c.endswith("_flag")]
    pd.testing.assert_frame_equal(a["assesscriteria"][ccols], b["assesscriteria"][ccols])
    rs = get_rule_set("2021")
    one_year = [k for k in KEYS if not rs.measure(k).two_year]
    assert one_year
    for out in (a, b):
        ind, crit = out["computeindicators"], out["assesscriteria"]
        for k in one_year:
            code = INDICATOR_CODES[k]
            hid_ind = ind[code + "_num"].isna() | ind[code + "_den"].isna()
            hid_crit = crit[k + "_val"].isna() & (crit[k + "_flag"] != "")
            assert (hid_ind == hid_crit.reindex(hid_ind.index)).all(), k
        assert (ind["residents"].isna() == crit["residents"].isna().reindex(ind.index)).all()
