# SPDX-License-Identifier: GPL-2.0-or-later
"""computeindicators with REF_DATE obeys the carry rule (core.discretion.carry) of the series
from the same extract: a layer of one date shows, per cell, the value the series shows there.

Red team: one geography set (areas H ∪ B_k: a newcomer's block H with another block B_k,
overlapping) published as two single-date layers, REF_DATE=d1 then REF_DATE=d2, through one
register. Without the rule each geography's d2 row carries fresh noise, and the differences
d2 − d1 over the geographies are independent noisy copies of the newcomer's figures (README,
the overlap budget's residual). With it every cell where fewer than MIN_COUNT persons changed
repeats d1's published value: all differences are 0, and averaging them teaches nothing.
"""
import numpy as np
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import write_areas
from tests.test_leaks import gpkg_rows

D1, D2 = "2025-01-01", "2025-02-01"
K = 6
SIZE = 1000.0
X0, Y0 = 570000.0, 6220000.0


def _block(i):
    return (X0 + 2 * i * SIZE, Y0, X0 + (2 * i + 1) * SIZE, Y0 + SIZE)


def _geographies(path, prefix="G"):
    """K areas ``prefix``k = H ∪ B_k (two separate squares each): all hold H."""
    write_areas(path, [("{}{}".format(prefix, k), [_block(0), _block(k + 1)])
                       for k in range(K)], names=True)


@pytest.fixture(scope="module")
def layers(tmp_path_factory, provider):
    import processing

    tmp = tmp_path_factory.mktemp("single_date_carry")
    _geographies(str(tmp / "geos.gpkg"))
    blocks = [("H", _block(0))] + [("B{}".format(k), _block(k + 1)) for k in range(K)]
    base = persons_frame(blocks, [100] + [60] * K, dates=(D1,), seed=11)
    base["convicted"] = (np.arange(len(base)) % 4 == 0).astype(int)  # published counts
    second = base.assign(ref_date=D2)   # nobody changes, but for the newcomer
    newcomer = _newcomer(base, D2)
    df = pd.concat([base, second, newcomer], ignore_index=True).drop(columns=["area_truth"])
    df.to_csv(tmp / "persons.csv", index=False)
    common = {"PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "geos.gpkg"),
              "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
              "OVERLAPS": "allow", "RELEASE_REGISTER": str(tmp / "register")}
    out = {}
    for d in (D1, D2):
        res = processing.run("boligsocial:computeindicators", dict(
            common, REF_DATE=d, OUTPUT=str(tmp / "layer_{}.gpkg".format(d))))
        out[d] = gpkg_rows(res["OUTPUT"]).set_index("area_id")
    return out


def _same_where_both_shown(a, b):
    """Assert that every count cell (residents, numerators, denominators) shown in both
    layers has one value; return how many were compared."""
    compared = 0
    for c in ["residents"] + [c for c in a.columns if c.endswith(("_num", "_den"))]:
        both = a[c].notna() & b[c].notna()
        compared += int(both.sum())
        assert (a.loc[both, c] == b.loc[both, c]).all(), (c, a[c].tolist(), b[c].tolist())
    return compared


def test_second_date_repeats_the_first_dates_values(layers):
    a, b = layers[D1], layers[D2]
    assert list(b["ref_date"].astype(str).unique()) == [D2]
    # one person changed (the newcomer) < MIN_COUNT: the value of d1, not a new copy
    assert _same_where_both_shown(a, b) >= K * 5
    shown = b["residents"].notna()
    assert shown.sum() >= 4
    assert (b.loc[shown, "figures_as_of"].astype(str) == D1).all()
    assert (a.loc[a["residents"].notna(), "figures_as_of"].astype(str) == D1).all()


def test_averaging_the_geographies_learns_nothing(layers):
    a, b = layers[D1], layers[D2]
    for cell in ("residents", "convicted_num", "nonwestern_num", "age_18_64_num"):
        diffs = (b[cell] - a[cell]).dropna().to_numpy()
        assert len(diffs) >= 4, cell
        assert np.all(diffs == 0), (cell, diffs)


@pytest.fixture(scope="module")
def series_and_single(tmp_path_factory, provider):
    import processing

    from tests.redteam.test_monthly_income_copies import MONTHS, _data

    tmp = tmp_path_factory.mktemp("series_single")
    _data(tmp)
    base = {"PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
            "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name"}
    date = MONTHS[15]
    series = processing.run("boligsocial:computeindicators", dict(
        base, RELEASE_REGISTER=str(tmp / "reg_series"), OUTPUT=str(tmp / "series.gpkg")))
    alone = processing.run("boligsocial:computeindicators", dict(
        base, RELEASE_REGISTER=str(tmp / "reg_single"), REF_DATE=date,
        OUTPUT=str(tmp / "single.gpkg")))
    after = processing.run("boligsocial:computeindicators", dict(
        base, RELEASE_REGISTER=str(tmp / "reg_series"), REF_DATE=date,
        OUTPUT=str(tmp / "after.gpkg")))
    crit = processing.run("boligsocial:assesscriteria", dict(
        base, RELEASE_REGISTER=str(tmp / "reg_crit"), ASSESSMENT_DATE=date,
        REGIONAL_MEAN_INCOME=300000.0, NATIONAL_CONVICTION_RATE=1.0,
        OUTPUT=str(tmp / "crit.gpkg")))
    ser = gpkg_rows(series["OUTPUT"])
    ser = ser[ser["ref_date"].astype(str) == date].set_index("area_id").sort_index()
    return (ser, gpkg_rows(alone["OUTPUT"]).set_index("area_id").sort_index(),
            gpkg_rows(after["OUTPUT"]).set_index("area_id").sort_index(),
            gpkg_rows(crit["OUTPUT"]).set_index("area_id").sort_index())


def test_single_date_shows_the_series_values(series_and_single):
    ser, alone, after, _ = series_and_single
    cols = ["residents"] + [c for c in ser.columns if c.endswith(("_num", "_den", "_val",
                                                                  "_flag"))]
    assert (ser["figures_as_of"].astype(str) < ser["ref_date"].astype(str)).any()
    for other in (alone, after):
        assert list(other.index) == list(ser.index)
        for c in cols + ["figures_as_of"]:
            x, y = ser[c], other[c]
            assert (x.isna() == y.isna()).all(), c
            assert (x[x.notna()].astype(str) == y[y.notna()].astype(str)).all(), \
                (c, x.tolist(), y.tolist())


def test_criteria_layer_rests_on_the_shown_values(series_and_single):
    """assesscriteria at the date shows the residents and shares the series shows there
    (carried too), not a fresh noisy copy."""
    ser, _, _, crit = series_and_single
    assert list(crit.index) == list(ser.index)
    pairs = [("residents", "residents"), ("nonwestern_val", "nonwestern_val")]
    seen = 0
    for ccol, icol in pairs:
        x, y = crit[ccol].astype(float), ser[icol].astype(float)
        both = x.notna() & y.notna()
        seen += int(both.sum())
        np.testing.assert_allclose(x[both], y[both], rtol=1e-9, err_msg=ccol)
    assert seen >= 8


@pytest.fixture(scope="module")
def yearly(tmp_path_factory, provider):
    """One extract per date (the d2 extract knows nothing of d1), published through one
    register; d2 also under renamed ids, and with many newborns in every B_k."""
    import processing

    tmp = tmp_path_factory.mktemp("yearly_carry")
    _geographies(str(tmp / "geos.gpkg"))
    _geographies(str(tmp / "renamed.gpkg"), "X")
    blocks = [("H", _block(0))] + [("B{}".format(k), _block(k + 1)) for k in range(K)]
    base = persons_frame(blocks, [100] + [60] * K, dates=(D1,), seed=11)
    base["convicted"] = (np.arange(len(base)) % 4 == 0).astype(int)
    newcomer = _newcomer(base, D2)
    second = pd.concat([base.assign(ref_date=D2), newcomer], ignore_index=True)
    babies = pd.concat([base[base["area_truth"] == "B{}".format(k)].head(10).assign(
        ref_date=D2, person_id=["BABY{}_{}".format(k, i) for i in range(10)], age=0,
        convicted=0) for k in range(K)], ignore_index=True)
    base.drop(columns=["area_truth"]).to_csv(tmp / "d1.csv", index=False)
    second.drop(columns=["area_truth"]).to_csv(tmp / "d2.csv", index=False)
    pd.concat([second, babies], ignore_index=True).drop(columns=["area_truth"]).to_csv(
        tmp / "d2_babies.csv", index=False)
    out = {}
    for name, persons, areas, reg in (
            ("d1", "d1.csv", "geos.gpkg", "register"),
            ("d2", "d2.csv", "geos.gpkg", "register"),
            ("renamed", "d2.csv", "renamed.gpkg", "register"),
            ("d1_b", "d1.csv", "geos.gpkg", "register_b"),
            ("babies", "d2_babies.csv", "geos.gpkg", "register_b"),
            ("alone", "d2.csv", "geos.gpkg", "other_register")):
        res = processing.run("boligsocial:computeindicators", dict(
            PERSONS=str(tmp / persons), AREAS=str(tmp / areas), AREA_ID_FIELD="area_id",
            AREA_NAME_FIELD="area_name", OVERLAPS="allow",
            RELEASE_REGISTER=str(tmp / reg), OUTPUT=str(tmp / "{}.gpkg".format(name))))
        rows = gpkg_rows(res["OUTPUT"])
        rows["area_id"] = "G" + rows["area_id"].str[1:]
        out[name] = rows.set_index("area_id").sort_index()
    return out


@pytest.mark.parametrize("later", ["d2", "renamed"])
def test_an_extract_of_one_later_date_repeats_the_registered_values(yearly, later):
    a, b = yearly["d1"], yearly[later]
    assert list(b["ref_date"].astype(str).unique()) == [D2]
    assert _same_where_both_shown(a, b) >= K * 5
    assert b["residents"].notna().sum() >= K - 1
    assert (b.loc[b["residents"].notna(), "figures_as_of"].astype(str) == D1).all()


def test_a_cell_with_few_changes_repeats_even_when_its_row_changed_much(yearly):
    """Ten babies in every B_k: residents may be new, the newcomer's 0/1 numerators not."""
    a, b = yearly["d1_b"], yearly["babies"]
    assert a.equals(yearly["d1"])  # the same release in another register
    blocks = [g for g in a.index if b.loc[g, "residents"] != a.loc[g, "residents"]]
    assert len(blocks) >= K - 1  # the residents changed by 11 >= MIN_COUNT: a new value
    for cell in ("convicted_num", "nonwestern_num", "basic_edu_num"):
        diffs = (b[cell] - a[cell]).dropna().to_numpy()
        assert len(diffs) >= 4, cell
        assert np.all(diffs == 0), (cell, diffs)


def test_without_the_register_each_geography_is_a_new_copy(yearly):
    """The control: the same d2 extract through another register gives fresh values."""
    a, b = yearly["d1"], yearly["alone"]
    diffs = np.concatenate([(b[c] - a[c]).dropna().to_numpy() for c in
                            ("residents", "convicted_num", "nonwestern_num")])
    assert np.count_nonzero(diffs) >= 4


def _newcomer(base, date):
    """A convicted, non-western newcomer of 40 with basic schooling in block H at ``date``."""
    return base[base["area_truth"] == "H"].head(1).assign(
        ref_date=date, person_id="NEWCOMER", age=40, convicted=1, nonwestern=1, basic_edu=1)


def _publish(tmp, frames):
    """Publish ``frames`` ([(name, person rows)], in this order) with computeindicators on
    the geographies of ``tmp``/geos.gpkg through one register: each output's rows."""
    import processing

    out = {}
    for name, df in frames:
        df.drop(columns=["area_truth"]).to_csv(tmp / "{}.csv".format(name), index=False)
        res = processing.run("boligsocial:computeindicators", dict(
            PERSONS=str(tmp / "{}.csv".format(name)), AREAS=str(tmp / "geos.gpkg"),
            AREA_ID_FIELD="area_id", AREA_NAME_FIELD="area_name", OVERLAPS="allow",
            RELEASE_REGISTER=str(tmp / "register"), OUTPUT=str(tmp / "{}.gpkg".format(name))))
        out[name] = gpkg_rows(res["OUTPUT"])
    return out


@pytest.fixture(scope="module")
def between(tmp_path_factory, provider):
    """A series of three dates (a wave of six adults in every B_k at the middle date, another
    at the last), then an extract of one date just after the middle one: the middle date's
    persons and a newcomer."""

    tmp = tmp_path_factory.mktemp("between_carry")
    _geographies(str(tmp / "geos.gpkg"))
    blocks = [("H", _block(0))] + [("B{}".format(k), _block(k + 1)) for k in range(K)]
    base = persons_frame(blocks, [100] + [60] * K, dates=(D1,), seed=12)
    d2, d3, later = "2025-02-01", "2025-03-01", "2025-02-15"

    def wave(tag, date):
        rows = pd.concat([base[base["area_truth"] == "B{}".format(k)].head(6).assign(
            person_id=["{}{}_{}".format(tag, k, i) for i in range(6)]) for k in range(K)],
            ignore_index=True)
        return rows.assign(ref_date=date, age=30, convicted=1, nonwestern=1, basic_edu=1,
                           gross_income=250000.0)

    series = pd.concat([base, base.assign(ref_date=d2), wave("W", d2), base.assign(ref_date=d3),
                        wave("V", d3)], ignore_index=True)
    one = pd.concat([base.assign(ref_date=later), wave("W", later), _newcomer(base, later)],
                    ignore_index=True)
    out = _publish(tmp, [("series", series), ("one", one)])
    rows = out["series"]
    mid = rows[rows["ref_date"].astype(str) == d2].set_index("area_id").sort_index()
    first = rows[rows["ref_date"].astype(str) == D1].set_index("area_id").sort_index()
    return first, mid, out["one"].set_index("area_id").sort_index()


def _repeated(a, b, cells):
    """Assert that ``b`` shows ``a``'s value in every cell both publish; how many there are."""
    compared = 0
    for c in cells:
        both = a[c].notna() & b[c].notna()
        compared += int(both.sum())
        assert (a.loc[both, c] == b.loc[both, c]).all(), (c, a[c].tolist(), b[c].tolist())
    return compared


def test_a_date_between_published_dates_repeats_the_nearest_one(between):
    """The middle date of a published series is recorded too: an extract of a date just
    after it repeats its values, not a new copy around the newcomer."""
    first, mid, one = between
    cells = ("residents", "convicted_num", "nonwestern_num", "basic_edu_num",
             "age_18_64_num")
    # the wave moved these cells by six persons: the middle date shows new values
    assert sum(int((mid[c] != first[c]).sum()) for c in cells) >= K
    assert _repeated(mid, one, cells) >= K * 3


@pytest.fixture(scope="module")
def earlier_series_after(tmp_path_factory, provider):
    """A layer of one date published first (the persons of 1 March and a newcomer), then the
    series of January to March (a wave of six adults in every B_k in January only): the
    series' last months are a few persons from the layer published before."""

    tmp = tmp_path_factory.mktemp("earlier_series_after")
    _geographies(str(tmp / "geos.gpkg"))
    blocks = [("H", _block(0))] + [("B{}".format(k), _block(k + 1)) for k in range(K)]
    base = persons_frame(blocks, [100] + [60] * K, dates=(D1,), seed=13)
    d2, d3, later = "2025-02-01", "2025-03-01", "2025-03-15"
    wave = pd.concat([base[base["area_truth"] == "B{}".format(k)].head(6).assign(
        person_id=["W{}_{}".format(k, i) for i in range(6)]) for k in range(K)],
        ignore_index=True).assign(age=30, convicted=1, nonwestern=1, basic_edu=1)
    series = pd.concat([base, wave, base.assign(ref_date=d2), base.assign(ref_date=d3)],
                       ignore_index=True)
    one = pd.concat([base.assign(ref_date=later), _newcomer(base, later)], ignore_index=True)
    out = _publish(tmp, [("one", one), ("series", series)])
    rows = out["series"]
    by = {d: rows[rows["ref_date"].astype(str) == d].set_index("area_id").sort_index()
          for d in (D1, d2, d3)}
    return by, out["one"].set_index("area_id").sort_index()


def test_an_earlier_series_published_after_repeats_the_later_layer(earlier_series_after):
    """Every month of the series a few persons from the layer published before (February
    and March: the newcomer only) shows that layer's values: no copy around the newcomer."""
    by, one = earlier_series_after
    cells = ("residents", "convicted_num", "nonwestern_num", "basic_edu_num")
    compared = 0
    for d in ("2025-02-01", "2025-03-01"):
        for c in cells:
            both = by[d][c].notna() & one[c].notna()
            compared += int(both.sum())
            assert (by[d].loc[both, c] == one.loc[both, c]).all(), (d, c, by[d][c].tolist(),
                                                                    one[c].tolist())
    assert compared >= 2 * K * 2


def _strip(i):
    """Adjacent squares in a row (neighbours share an edge: mergesmallareas can merge them)."""
    return (X0 + i * SIZE, Y0, X0 + (i + 1) * SIZE, Y0 + SIZE)


def _blocks_layer(path):
    """The squares H, B0..B5 of :func:`_strip` as areas of their own."""
    write_areas(path, [("H" if i == 0 else "B{}".format(i - 1), [_strip(i)])
                       for i in range(K + 1)])


def test_merged_regions_of_yearly_extracts_repeat_their_residents(tmp_path, provider):
    """mergesmallareas from an extract of d1, then of d2 (d1's persons and a newcomer) through
    one register: each region's residents at d2 repeat d1's (one person changed)."""
    import processing

    _blocks_layer(str(tmp_path / "blocks.gpkg"))
    blocks = [("H", _strip(0))] + [("B{}".format(k), _strip(k + 1)) for k in range(K)]
    base = persons_frame(blocks, [100] + [60] * K, dates=(D1,), seed=14)
    newcomer = base[base["area_truth"] == "H"].head(1).assign(ref_date=D2,
                                                             person_id="NEWCOMER")
    base.drop(columns=["area_truth"]).to_csv(tmp_path / "d1.csv", index=False)
    pd.concat([base.assign(ref_date=D2), newcomer], ignore_index=True).drop(
        columns=["area_truth"]).to_csv(tmp_path / "d2.csv", index=False)
    out = {}
    for d in (D1, D2):
        res = processing.run("boligsocial:mergesmallareas", dict(
            PERSONS=str(tmp_path / "d{}.csv".format(1 if d == D1 else 2)),
            AREAS=str(tmp_path / "blocks.gpkg"), AREA_ID_FIELD="area_id", MINIMUM=100,
            RELEASE_REGISTER=str(tmp_path / "register"),
            OUTPUT=str(tmp_path / "regions_{}.gpkg".format(d))))
        out[d] = gpkg_rows(res["OUTPUT"])
    key = [c for c in out[D1].columns if c.endswith("_id")][0]
    a, b = out[D1].set_index(key).sort_index(), out[D2].set_index(key).sort_index()
    assert list(a.index) == list(b.index) and len(a) >= 3
    pop = [c for c in a.columns if c in ("residents", "population")][0]
    both = a[pop].notna() & b[pop].notna()
    assert both.sum() >= 3
    assert (a.loc[both, pop] == b.loc[both, pop]).all(), (a[pop].tolist(), b[pop].tolist())


@pytest.fixture(scope="module")
def seasonal(tmp_path_factory, provider):
    """One extract of three dates: January, June with ten seasonal residents in H (gone
    again), December with a newcomer in H; and the same January and December without June."""
    tmp = tmp_path_factory.mktemp("seasonal_carry")
    _geographies(str(tmp / "geos.gpkg"))
    blocks = [("H", _block(0))] + [("B{}".format(k), _block(k + 1)) for k in range(K)]
    base = persons_frame(blocks, [100] + [60] * K, dates=(D1,), seed=15)
    june, dec = "2025-06-01", "2025-12-01"
    season = pd.concat([base[base["area_truth"] == "H"].head(1).assign(
        ref_date=june, person_id="SEASON{}".format(i), age=40, convicted=1, nonwestern=1,
        basic_edu=1) for i in range(10)], ignore_index=True)
    df = pd.concat([base, base.assign(ref_date=june), season, base.assign(ref_date=dec),
                    _newcomer(base, dec)], ignore_index=True)
    rows = _publish(tmp, [("year", df)])["year"]
    return {d: rows[rows["ref_date"].astype(str) == d].set_index("area_id").sort_index()
            for d in (D1, june, dec)}


def test_a_value_comes_back_when_the_persons_come_back(seasonal):
    """June's seasonal residents made new values; in December only the newcomer differs from
    January: December shows January's values again, not a new copy beside them."""
    jan, june, dec = seasonal[D1], seasonal["2025-06-01"], seasonal["2025-12-01"]
    cells = ("residents", "nonwestern_num", "basic_edu_num", "age_18_64_num")
    assert sum(int((june[c] != jan[c]).sum()) for c in cells) >= K  # June is new
    assert _repeated(jan, dec, cells) >= 3 * K
    assert (dec.loc[dec["residents"].notna(), "figures_as_of"].astype(str) == D1).all()
