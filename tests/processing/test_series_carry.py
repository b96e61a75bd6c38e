# SPDX-License-Identifier: GPL-2.0-or-later
"""trackchange's and monitorcriteria's SERIES obey the carry rule (core.discretion.carry):
with perturbation (the default) a figure shows a new value only after MIN_COUNT (5) of its
persons changed, and every derived figure comes from the shown values."""
import numpy as np
import pytest

from tests.redteam.test_monthly_income_copies import ARRIVAL, MONTHS, _data
from tests.test_leaks import gpkg_rows


@pytest.fixture(scope="module")
def runs(tmp_path_factory, provider):
    import processing

    tmp = tmp_path_factory.mktemp("series_carry")
    ids, _ = _data(tmp)
    base = {"PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
            "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
            "RELEASE_REGISTER": str(tmp / "register")}
    change = processing.run("boligsocial:trackchange", dict(
        base, OUTPUT=str(tmp / "change.gpkg"), SERIES=str(tmp / "series.gpkg")))
    crit = processing.run("boligsocial:monitorcriteria", dict(
        base, REGIONAL_MEAN_INCOME=300000.0, NATIONAL_CONVICTION_RATE=1.0,
        OUTPUT=str(tmp / "monitor.gpkg"), SERIES=str(tmp / "crit_series.gpkg")))
    return ids, change, crit


def _by_area(frame, aid, col):
    rows = frame[frame["area_id"] == aid].sort_values("ref_date")
    assert list(rows["ref_date"].astype(str)) == MONTHS
    return rows[col].to_numpy(dtype=float)


def test_trackchange_series_moves_only_after_min_count_persons(runs):
    ids, change, _ = runs
    ser = gpkg_rows(change["SERIES"])
    for aid in ids:
        resid = _by_area(ser, aid, "residents")
        # one birth a month (and the newcomer once): a new residents figure every 5th month
        steps = np.nonzero(np.diff(resid))[0]
        assert len(steps) <= 5, (aid, resid)
        assert (np.diff(steps) >= 4).all(), (aid, resid)
        # the newcomer alone never moves the income cell: the same value before and after
        inc = _by_area(ser, aid, "income_num")
        assert inc[ARRIVAL] == inc[ARRIVAL - 1], aid
        val = _by_area(ser, aid, "income_val")
        den = _by_area(ser, aid, "income_den")
        np.testing.assert_allclose(val, inc / den)
    carried = ser["figures_as_of"].astype(str) < ser["ref_date"].astype(str)
    assert carried.mean() > 0.5


def test_trackchange_change_from_shown_values(runs):
    ids, change, _ = runs
    ser = gpkg_rows(change["SERIES"])
    out = gpkg_rows(change["OUTPUT"]).set_index("area_id")
    for aid in ids:
        val = _by_area(ser, aid, "income_val")
        shown = val[~np.isnan(val)]
        assert out.loc[aid, "income_first"] == pytest.approx(shown[0])
        assert out.loc[aid, "income_last"] == pytest.approx(shown[-1])


def test_monitorcriteria_series_carries_too(runs):
    ids, _, crit = runs
    ser = gpkg_rows(crit["SERIES"])
    assert "figures_as_of" in ser.columns
    seen = 0
    for aid in ids:
        inc = _by_area(ser, aid, "income_val")
        if np.isnan(inc[ARRIVAL - 1:ARRIVAL + 1]).any():
            continue
        seen += 1
        # the rich newcomer (1 person in the cells behind it) does not move the criterion
        assert inc[ARRIVAL] == inc[ARRIVAL - 1], (aid, inc)
    assert seen >= 6
    carried = ser["figures_as_of"].astype(str) < ser["ref_date"].astype(str)
    assert carried.mean() > 0.5


def test_a_postgis_series_is_carried_as_from_the_file(runs, pg_db, tmp_path):
    """The same persons in a PostGIS table: the database counts, per area, cell and pattern of
    dates, the persons and contributions (qgis_io.pgcarry), and the series is the file's."""
    import pandas as pd
    import processing
    from qgis.core import QgsProject

    from tests.helpers import PG_DB, pg_layer, pg_load_persons

    ids, change, _ = runs
    folder = tmp_path.parent
    src = [p for p in folder.glob("series_carry*/persons.csv")]
    assert src, "the module's data"
    df = pd.read_csv(src[0], dtype={"person_id": str})
    pg_load_persons(pg_db, PG_DB, "carry_persons", df)
    layer = pg_layer(pg_db, PG_DB, "carry_persons")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    try:
        res = processing.run("boligsocial:trackchange", {
            "PERSONS": layer.id(), "AREAS": str(src[0].parent / "areas.gpkg"),
            "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
            "REGISTER_MODE": "off", "OUTPUT": str(tmp_path / "change.gpkg"),
            "SERIES": str(tmp_path / "series.gpkg")})
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    key = ["area_id", "ref_date"]
    a = gpkg_rows(change["SERIES"]).sort_values(key).reset_index(drop=True)
    b = gpkg_rows(res["SERIES"]).sort_values(key).reset_index(drop=True)
    assert (b["figures_as_of"].astype(str) < b["ref_date"].astype(str)).mean() > 0.5
    pd.testing.assert_frame_equal(a.drop(columns=["fid"], errors="ignore"),
                                  b.drop(columns=["fid"], errors="ignore"))


def test_rolling_window_repeats_the_published_values(runs, tmp_path):
    """trackchange a month later with the window shifted (FROM_DATE, TO_DATE), through one
    register: the snapshots whose values were carried into the new window are read along,
    and every figure both publish is the same (no second noisy copy, nothing hidden anew)."""
    import processing

    folder = [p for p in tmp_path.parent.glob("series_carry*") if (p / "persons.csv").exists()]
    data = folder[0]
    base = {"PERSONS": str(data / "persons.csv"), "AREAS": str(data / "areas.gpkg"),
            "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
            "RELEASE_REGISTER": str(tmp_path / "register")}
    out = []
    for k, (first, last) in enumerate([(MONTHS[0], MONTHS[17]), (MONTHS[2], MONTHS[19])]):
        res = processing.run("boligsocial:trackchange", dict(
            base, FROM_DATE=first, TO_DATE=last, OUTPUT=str(tmp_path / "c{}.gpkg".format(k)),
            SERIES=str(tmp_path / "s{}.gpkg".format(k))))
        out.append(gpkg_rows(res["SERIES"]).set_index(["area_id", "ref_date"]))
    a, b = out
    assert sorted(b.index.get_level_values("ref_date").unique()) == MONTHS[2:20]
    common = a.index.intersection(b.index)
    assert len(common) == 8 * 16
    cols = ["residents"] + [c for c in a.columns if c.endswith(("_num", "_den"))]
    for c in cols:
        x, y = a.loc[common, c], b.loc[common, c]
        assert (x.isna() == y.isna()).all(), c
        assert (x[x.notna()] == y[y.notna()]).all(), c
