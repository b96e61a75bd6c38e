# SPDX-License-Identifier: GPL-2.0-or-later
"""The shipped catalogue of user-defined indicators passes the same leak tests as the
built-in set: no small group of persons that the indicators' populations and numerators can
tell apart has its size or an attribute total determined by the published cells.

The attacker is independent of core.discretion: within an area, persons with the same
*signature* (membership of every indicator's population and their contribution to every
numerator) are indistinguishable to the published figures, so every published cell is a
linear function of the signature counts. A group is any signature or the persons in one
indicator's population and not in another's (or in both); its size (or an attribute total)
is recovered when its indicator vector lies in the row space of the published cells.
"""
import json

import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core import discretion as d
from boligsocial_plugin.core.discretion.perturbation import OFF
from boligsocial_plugin.core.indicators import (
    aggregate,
    available_indicators,
    catalogue_path,
    contribution,
    parse_user_indicators,
    population_mask,
)
from boligsocial_plugin.core.personkeys import keys_from_strings
from boligsocial_plugin.core.pipeline import Publication, join_persons, protect_run

RULES = d.Rules(min_count=5, min_residents=20)


def catalogue():
    with open(catalogue_path(), encoding="utf-8") as f:
        return parse_user_indicators(f.read(), [])


def extract(seed: int, sizes):
    """Persons of several square areas with every column the data model and catalogue use."""
    rng = np.random.default_rng(seed)
    rows = []
    for a, n in enumerate(sizes):
        n = int(n)
        age = rng.integers(0, 95, n).astype(float)
        rows.append(pd.DataFrame({
            "ref_date": "2025-01-01", "x": a + rng.uniform(0.01, 0.99, n),
            "y": rng.uniform(0.01, 0.99, n), "age": age,
            "sex": rng.choice(["M", "K", None], n, p=[0.49, 0.49, 0.02]),
            "nonwestern": (rng.random(n) < 0.3).astype(float),
            "outside_fte": np.where(rng.random(n) < 0.3, rng.choice([0.25, 0.5, 1.0], n), 0.0),
            "convicted": (rng.random(n) < 0.08).astype(float),
            "basic_edu": np.where(rng.random(n) < 0.05, np.nan,
                                  (rng.random(n) < 0.35).astype(float)),
            "gross_income": np.round(rng.gamma(2.0, 150000.0, n), -2),
            "student": ((age >= 16) & (age <= 29) & (rng.random(n) < 0.4)).astype(float),
            "taxpayer": (rng.random(n) < 0.97).astype(float),
            "single_parent": (rng.random(n) < 0.12).astype(float)}))
    df = pd.concat(rows, ignore_index=True)
    df["sex"] = df["sex"].astype(object)
    df["person_key"] = keys_from_strings(["p{}".format(i) for i in range(len(df))])
    return df


def publish(df, indicators, n_areas):
    rings = [[np.array([[a, 0], [a + 1, 0], [a + 1, 1], [a, 1], [a, 0]], float)]
             for a in range(n_areas)]
    ids = ["A{}".format(a) for a in range(n_areas)]
    joined = join_persons(df, df["x"].to_numpy(), df["y"].to_numpy(), rings, ids)
    raw = aggregate(joined.data, joined.area, n_areas, indicators)
    rel = protect_run(raw, joined, indicators, ids, Publication(RULES, OFF), with_totals=False)
    return joined, rel.published


def _in_rowspace(m: np.ndarray, v: np.ndarray) -> bool:
    if m.size == 0:
        return False
    sol, *_ = np.linalg.lstsq(m.T, v, rcond=None)
    return bool(np.allclose(m.T @ sol, v, atol=1e-6 * max(1.0, np.abs(v).max())))


def leaks(df, joined, published, indicators):  # noqa: C901
    """Small groups whose size or attribute totals the published cells determine.

    Unknowns: per area, the number of persons of every *type* that occurs anywhere in the
    extract (the attacker cannot rule a type out in an area); a type is the membership of
    every indicator's population and every 0/1 numerator. Sums of fractions and amounts
    (full-time persons, income) are unknowns of their own per type.
    """
    out = []
    data = joined.data
    area = joined.area
    inside = area >= 0
    contrib = {i.code: contribution(i, data) for i in indicators}
    member = {i.code: population_mask(i, data) & (~np.isnan(contrib[i.code])
                                                   if i.kind == "mean" else True)
              for i in indicators}
    binary = {i.code: bool(np.isin(np.nan_to_num(contrib[i.code][inside]), (0.0, 1.0)).all())
              for i in indicators}
    bits = [member[i.code] for i in indicators] + \
        [member[i.code] & (np.nan_to_num(contrib[i.code]) > 0)
         for i in indicators if binary[i.code]]
    sig = np.column_stack(bits).astype(np.int8)
    types, inv = np.unique(sig[inside], axis=0, return_inverse=True)
    k = len(indicators)
    num_bit = {}
    pos = k
    for i in indicators:
        if binary[i.code]:
            num_bit[i.code] = pos
            pos += 1
    fractional = sorted({i.value for i in indicators if not binary[i.code] and i.value})
    for _r, row in published.iterrows():
        sel = area[inside] == row["area_idx"]
        if not sel.any():
            continue
        counts = np.bincount(inv[sel], minlength=len(types))
        rows_m = []
        if not np.isnan(row["residents"]):
            rows_m.append(np.ones(len(types)))
        frac_rows = {c: [] for c in fractional}
        for j, ind in enumerate(indicators):
            if np.isnan(row[ind.code + "_num"]):
                continue
            rows_m.append(types[:, j].astype(float) if ind.kind != "count"
                          else np.ones(len(types)))
            if binary[ind.code]:
                rows_m.append(types[:, num_bit[ind.code]].astype(float))
            elif ind.value in frac_rows:
                frac_rows[ind.value].append(types[:, j].astype(float))
        m = np.array(rows_m) if rows_m else np.zeros((0, len(types)))
        groups = {}
        for j, a in enumerate(indicators):
            for jj, b in enumerate(indicators):
                if j != jj:
                    groups["{} not {}".format(a.code, b.code)] = (types[:, j] > 0) & \
                        (types[:, jj] == 0)
                    if j < jj:
                        groups["{} and {}".format(a.code, b.code)] = (types[:, j] > 0) & \
                            (types[:, jj] > 0)
        for name, g in groups.items():
            size = int(counts[g].sum())
            if not 0 < size < RULES.min_count:
                continue
            if _in_rowspace(m, g.astype(float)):
                out.append((row["area_idx"], name, "size", size))
            for code, b in num_bit.items():   # a 0/1 attribute count of the small group
                v = np.where(g, types[:, b], 0).astype(float)
                if v.any() and _in_rowspace(m, v):
                    out.append((row["area_idx"], name, code, float((v * counts).sum())))
            for col, fr in frac_rows.items():  # a sum of fractions or amounts
                if fr and _in_rowspace(np.array(fr), g.astype(float)):
                    out.append((row["area_idx"], name, col, "sum"))
    return out


SIZES = [60, 140, 35, 400, 90, 22]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("which", ["builtin", "builtin+catalogue"])
def test_no_small_group_is_determined(seed, which):
    df = extract(seed, SIZES)
    extra = catalogue() if which != "builtin" else []
    indicators, _ = available_indicators(df.columns, extra)
    joined, published = publish(df, indicators, len(SIZES))
    found = leaks(df, joined, published, indicators)
    assert found == [], found[:10]


def test_the_catalogue_holds_nested_and_overlapping_indicators():
    """The cases the catalogue must survive are really there (the test is not vacuous)."""
    codes = {i.code for i in catalogue()}
    assert {"income_women", "children_count", "children_single_parent", "outside_16_66",
            "convicted_15_29"} <= codes
    df = extract(4, SIZES)
    indicators, _ = available_indicators(df.columns, catalogue())
    raw = aggregate(df.assign(area=0), np.repeat(np.arange(len(SIZES)), SIZES), len(SIZES),
                    indicators)
    pairs = {(a, b) for a, b, _h in raw.attrs["nestings"]}
    assert ("children_single_parent", "single_parent") in pairs
    assert ("outside_labour", "outside_16_66") in pairs
    assert ("age_0_17", "children_count") in pairs or ("children_count", "age_0_17") in pairs


def test_without_protection_the_catalogue_leaks():
    """The attacker is real: publishing every cell recovers small groups."""
    df = extract(1, SIZES)
    indicators, _ = available_indicators(df.columns, catalogue())
    rings = [[np.array([[a, 0], [a + 1, 0], [a + 1, 1], [a, 1], [a, 0]], float)]
             for a in range(len(SIZES))]
    joined = join_persons(df, df["x"].to_numpy(), df["y"].to_numpy(), rings,
                          ["A{}".format(a) for a in range(len(SIZES))])
    raw = aggregate(joined.data, joined.area, len(SIZES), indicators)
    everything = raw[["area_idx", "ref_date", "residents"] +
                     [c for i in indicators for c in (i.code + "_num", i.code + "_den")]]
    assert leaks(df, joined, everything.astype({"residents": float}), indicators)


#: user-defined indicators that tile and overlap: men + women + unknown sex, and age groups
#: that overlap the built-in ones without nesting
TILING = json.dumps([
    {"code": "income_men", "type": "mean", "label": "m", "value": "gross_income",
     "age_min": 15, "age_max": 64, "sex": "M", "where": [{"column": "student", "op": "!=",
                                                          "value": 1}]},
    {"code": "conv_men", "type": "share", "label": "m", "value": "convicted", "sex": "M"},
    {"code": "conv_women", "type": "share", "label": "m", "value": "convicted", "sex": "K"},
    {"code": "nw_10_20", "type": "share", "label": "m", "value": "nonwestern", "age_min": 10,
     "age_max": 20},
    {"code": "nw_16_25", "type": "share", "label": "m", "value": "nonwestern", "age_min": 16,
     "age_max": 25},
])


@pytest.mark.parametrize("seed", [10, 23])
def test_user_defined_tilings_and_overlaps(seed):
    """Men + women = residents with a known sex: the few with unknown sex stay hidden."""
    rng = np.random.default_rng(seed)
    sizes = list(rng.integers(15, 300, 8))
    df = extract(seed, sizes)
    extra = catalogue() + parse_user_indicators(TILING, list(df.columns))
    indicators, _ = available_indicators(df.columns, extra)
    joined, published = publish(df, indicators, len(sizes))
    assert leaks(df, joined, published, indicators) == []
