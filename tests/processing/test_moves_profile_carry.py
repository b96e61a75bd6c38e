# SPDX-License-Identifier: GPL-2.0-or-later
"""analysemoves' elevator profiles through the release register (core.discretion.moves_carry).

One area H (300 residents, seed 5150) with 60 temporary residents at each date (movers in and
out, so every group has a profile) and a newcomer with basic schooling from 2025. Windows of
one extract each through one register: the stayers of a later window are the earlier
window's stayers and the newcomer, so their figures repeat the earlier ones (another date, or
the same TO_DATE); a group whose figures an earlier release hid stays hidden (flag P); with a
register of their own the figures are fresh (control).
"""
import numpy as np
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import box, write_areas
from tests.test_leaks import gpkg_rows

CODES = ("basic_edu", "nonwestern", "age_18_64", "income")
NEWCOMER = dict(person_id="NEWX", age=45, convicted=1, nonwestern=1, basic_edu=1, student=0,
                taxpayer=1, outside_fte=1.0, gross_income=123456.0)


@pytest.fixture(scope="module")
def area(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("moves_profile_carry")
    h = box(0, 0, 1, 1)
    write_areas(str(tmp / "areas.gpkg"), [("H", [h])])
    base = persons_frame([("H", h)], [300], dates=("x",), seed=5150)
    return tmp, base


def _snap(base, d):
    h = box(0, 0, 1, 1)
    temp = persons_frame([("H", h)], [60], dates=("x",), seed=int(d[:4]))
    temp = temp.assign(person_id=["T{}_{}".format(d, i) for i in range(len(temp))])
    parts = [base.assign(ref_date=d), temp.assign(ref_date=d)]
    if d >= "2025-01-01":
        parts.append(base.head(1).assign(ref_date=d, **NEWCOMER))
    return pd.concat(parts, ignore_index=True).drop(columns=["area_truth"])


def _run(run_alg, tmp, base, d0, d1, register, name, **extra):
    pd.concat([_snap(base, d0), _snap(base, d1)]).to_csv(tmp / (name + ".csv"), index=False)
    res = run_alg("analysemoves", dict({
        "PERSONS": str(tmp / (name + ".csv")), "AREAS": str(tmp / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "PROFILE_INDICATORS": ",".join(CODES),
        "RELEASE_REGISTER": str(tmp / register), "OUTPUT": str(tmp / (name + ".gpkg")),
        "FLOWS": str(tmp / (name + "_flows.gpkg"))}, **extra))
    return gpkg_rows(res["OUTPUT"]).iloc[0]


def _stay(row):
    return np.array([row[c + "_stay"] for c in CODES], dtype=float)


@pytest.mark.parametrize("later", [("2025-01-01", "2026-01-01"), ("2024-01-01", "2026-01-01")],
                         ids=["another date", "the same TO_DATE"])
def test_later_window_repeats_the_stayers(run_alg, area, later):
    """Another date: the stayers' figures repeat (the carry); the same TO_DATE: the stayers of
    2024->26 differ from those of 2025->26 by the newcomer, and the count protection's links
    hide them (so do their profiles): never a fresh copy."""
    tmp, base = area
    tag = later[0][:4]
    first = _run(run_alg, tmp, base, "2023-01-01" if tag == "2025" else "2025-01-01",
                 "2024-01-01" if tag == "2025" else "2026-01-01", "reg" + tag, "a" + tag)
    second = _run(run_alg, tmp, base, *later, "reg" + tag, "b" + tag)
    a, b = _stay(first), _stay(second)
    assert np.isfinite(a).sum() >= 3, a
    assert ((a == b) | np.isnan(b)).all(), (a, b)  # the newcomer's attributes: no fresh copy
    if tag == "2025":
        assert np.array_equal(a[np.isfinite(a)], b[np.isfinite(a)]), (a, b)
    else:
        assert np.isnan(b).all() and second["stayers_flag"] == "S", (b, second["stayers_flag"])
    # control: a register of its own gives fresh figures of the stayers with him
    fresh = _stay(_run(run_alg, tmp, base, *later, "own" + tag, "c" + tag))
    both = np.isfinite(a) & np.isfinite(fresh)
    assert both.sum() >= 3 and not np.array_equal(a[both], fresh[both]), (a, fresh)


def test_figures_an_earlier_release_hid_stay_hidden(run_alg, area):
    tmp, base = area
    hid = _run(run_alg, tmp, base, "2023-01-01", "2024-01-01", "reg_hidden", "h1",
               MIN_RESIDENTS=400)  # the stayers (300) are below it: every figure A
    assert (hid[[c + "_stay_flag" for c in CODES]] == "A").all()
    later = _run(run_alg, tmp, base, "2025-01-01", "2026-01-01", "reg_hidden", "h2")
    # control: without the earlier release the same window shows them
    own = _run(run_alg, tmp, base, "2025-01-01", "2026-01-01", "reg_hidden_own", "h3")
    shown = [c for c in CODES if pd.notna(own[c + "_stay"])]
    assert len(shown) >= 3, own
    assert pd.isna(later[[c + "_stay" for c in shown]]).all(), later
    assert (later[[c + "_stay_flag" for c in shown]] == "P").all(), later


def test_a_rerun_shows_the_same_layer(run_alg, area):
    """The same window again through the register: bound to its own recorded figures at the
    same dates, it shows the same values and flags (S stays S: hidden as P only what the
    run's own protection would publish)."""
    tmp, base = area
    first = _run(run_alg, tmp, base, "2023-01-01", "2024-01-01", "reg_rerun", "r1")
    again = _run(run_alg, tmp, base, "2023-01-01", "2024-01-01", "reg_rerun", "r2")
    flags = [c for c in first.index if c.endswith("_flag")]
    assert "S" in set(first[flags]), first[flags]
    pd.testing.assert_series_equal(first.drop(["fid"], errors="ignore"),
                                   again.drop(["fid"], errors="ignore"), check_names=False)
