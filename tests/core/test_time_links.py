# SPDX-License-Identifier: GPL-2.0-or-later
"""Links between dates: pairs under any label, and counts crossing the threshold over time."""
import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.linkage import (
    EQUAL,
    SUM,
    concat,
    find_links,
    populations_from_rows,
)
from boligsocial_plugin.core.discretion.perturbation import Perturbation
from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.discretion.release import cell_types
from tests.core.test_attacks import INDS, persons, publish, scatter, sq

MONTHS = ["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01", "2025-05-01"]


def _pops(groups):
    """Populations from [(date, label, keys)]."""
    g = np.concatenate([np.full(len(k), i) for i, (_d, _l, k) in enumerate(groups)])
    keys = np.concatenate([np.asarray(k, dtype=np.uint64) for _d, _l, k in groups])
    return populations_from_rows(g, keys, len(groups), [d for d, _l, _k in groups],
                                 [lab for _d, lab, _k in groups])


def test_a_region_of_a_later_date_is_linked_to_the_areas_of_an_earlier_one():
    a, b = np.arange(1, 121), np.arange(200, 280)
    pops = _pops([("2025-01-01", "A", a), ("2025-01-01", "B", b),
                  ("2025-02-01", "AB", np.r_[a, b, 999])])
    links = find_links(pops, 5, disjoint_current=True)
    sums = [lk for lk in links if lk.kind == SUM and lk.container == 2]
    assert sums and set(sums[0].members) == {0, 1} and sums[0].rest_size == 1
    # with the perturbation only equal populations are linked between dates, any label
    same = _pops([("2025-01-01", "A", a), ("2025-02-01", "A renamed", a),
                  ("2025-02-01", "B", b)])
    links = find_links(same, 5, disjoint_current=True, equal_across_dates=True)
    assert [(lk.kind, lk.container, lk.members) for lk in links] == [(EQUAL, 0, (1,))]


def test_later_region_through_the_register_without_perturbation(tmp_path):
    """A and B published in January, the region AB in February with one newcomer: the
    region's cells the newcomer would be read from are not published."""
    rng = np.random.default_rng(3)
    pa, pb = scatter(rng, (0, 0, 1, 1), 120), scatter(rng, (1, 0, 2, 1), 80)
    jan = pd.concat([persons(pa, MONTHS[0], seed=1), persons(pb, MONTHS[0], seed=2,
                                                             start=500)], ignore_index=True)
    feb = jan.assign(ref_date=MONTHS[1])
    one = persons([(0.5, 0.5)], MONTHS[1], seed=9, start=999).assign(convicted=1.0)
    reg = Register(str(tmp_path / "r"))
    first, _, _ = publish(jan, [("A", sq(0, 0, 1, 1)), ("B", sq(1, 0, 2, 1))], reg)
    ab = [("AB", sq(0, 0, 1, 1) + sq(1, 0, 2, 1))]
    second, rel, _ = publish(pd.concat([feb, one], ignore_index=True), ab, reg)
    assert rel.result.report["links"]["sum"] >= 1
    diff = second.loc[("AB", MONTHS[1]), "convicted_num"] - \
        first.loc[("A", MONTHS[0]), "convicted_num"] - \
        first.loc[("B", MONTHS[0]), "convicted_num"]
    assert pd.isna(diff)


def _series(moves):
    """One area of 120 persons with exactly 4 convicted in January; ``moves[m]`` convicted
    newcomers (list of counts) arrive before month m, plus non-convicted ones."""
    rng = np.random.default_rng(8)
    base = persons(scatter(rng, (0, 0, 1, 1), 120), seed=5)
    base["convicted"] = 0.0
    base.loc[base.index[base["age"] >= 18][:4], "convicted"] = 1.0
    frames, current, start = [], base, 1000
    for m, date in enumerate(MONTHS):
        conv, other = moves.get(m, (0, 0))
        if conv or other:
            new = persons(scatter(rng, (0, 0, 1, 1), conv + other), seed=m, start=start)
            new["age"] = 40.0
            new["convicted"] = [1.0] * conv + [0.0] * other
            start += conv + other
            current = pd.concat([current, new], ignore_index=True)
        frames.append(current.assign(ref_date=date))
    return pd.concat(frames, ignore_index=True)


def test_a_count_crossing_the_threshold_is_hidden_at_the_close_months():
    """4 convicted in January (P), one convicted newcomer in February (5), nobody in March
    (5, the same persons), then 5 convicted and 3 other newcomers in April (10) and nobody in
    May: with the perturbation, February and March are hidden (P, a chain: one and no
    convicted person away), April and May are published (five convicted persons away from
    the hidden months)."""
    df = _series({1: (1, 0), 3: (5, 3)})
    out, rel, _ = publish(df, [("A", sq(0, 0, 1, 1))], perturbation=Perturbation())
    flags = [out.loc[("A", d), "convicted_flag"] for d in MONTHS]
    assert flags == ["P", "P", "P", "", ""]
    assert all(pd.isna(out.loc[("A", d), "convicted_num"]) for d in MONTHS[:3])
    assert out.loc[("A", MONTHS[3]), "convicted_num"] >= 5
    assert rel.result.report["hidden_for_crossing"] == 2
    # the other indicators and the residents are not touched
    assert all(not pd.isna(out.loc[("A", d), "residents"]) for d in MONTHS)


def test_a_crossing_among_many_movers_is_hidden():
    """One convicted newcomer among six: the area's populations differ by the protection
    width, but its convicted by one person, who pins January's count (4) from February's
    (5); the months after repeat the same convicted persons: hidden too (a chain)."""
    df = _series({1: (1, 5)})
    out, rel, _ = publish(df, [("A", sq(0, 0, 1, 1))], perturbation=Perturbation())
    flags = [out.loc[("A", d), "convicted_flag"] for d in MONTHS]
    assert flags == ["P", "P", "P", "P", "P"]
    assert rel.result.report["hidden_for_crossing"] == 4
    assert all(out.loc[("A", d), "nonwestern_flag"] != "P" or
               out.loc[("A", d), "nonwestern_num"] != out.loc[("A", d), "nonwestern_num"]
               for d in MONTHS)


def test_a_crossing_by_changed_attributes_of_residents():
    """January: 4 convicted (P). February: one newcomer (not convicted) and one resident
    convicted meanwhile (5: hidden, although the persons who moved are one, not the one whose
    conviction changed). March: another newcomer and four more residents convicted (9): the
    width away from January's count, so an attacker needs five persons' changes: published."""
    df = _series({1: (0, 1), 2: (0, 1)})
    df = df[df["ref_date"].isin(MONTHS[:3])].reset_index(drop=True)
    first = df[df["ref_date"] == MONTHS[0]]
    others = first.loc[(first["convicted"] == 0) & (first["age"] >= 18), "pid"].tolist()
    feb, mar = df["ref_date"] == MONTHS[1], df["ref_date"] == MONTHS[2]
    df.loc[(feb | mar) & df["pid"].isin(others[:1]), "convicted"] = 1.0
    df.loc[mar & df["pid"].isin(others[1:5]), "convicted"] = 1.0
    out, rel, _ = publish(df, [("A", sq(0, 0, 1, 1))], perturbation=Perturbation())
    flags = [out.loc[("A", d), "convicted_flag"] for d in MONTHS[:3]]
    assert flags == ["P", "P", ""]
    assert rel.result.report["hidden_for_crossing"] == 1


def test_registered_populations_of_other_dates_and_labels_are_loaded(tmp_path):
    reg = Register(str(tmp_path / "r"))
    pops = _pops([("2025-01-01", "A", np.arange(1, 50))])
    hidden = np.zeros((1, 1), dtype=bool)
    reg.add(pops, hidden, ~hidden, ["residents"], "test", "out", {})
    assert len(reg.load(["2025-02-01"], ["B"], ["residents"])) == 0
    every = reg.load(None, None, ["residents"])
    assert every.labels == ["A"] and every.dates == ["2025-01-01"]
    assert np.array_equal(every.members(0), pops.members(0))


def test_a_crossing_against_an_earlier_release(tmp_path):
    """January published alone (4 convicted: P), February in a later run: the register's
    January counts as the P date, whether this run has January's persons or not."""
    df = _series({1: (1, 0)})
    area = [("A", sq(0, 0, 1, 1))]
    pert = Perturbation()
    for k, second in enumerate([df[df["ref_date"] == MONTHS[1]],
                                df[df["ref_date"].isin(MONTHS[1:3])]]):
        reg = Register(str(tmp_path / "r{}".format(k)))
        first, _, _ = publish(df[df["ref_date"] == MONTHS[0]], area, reg, perturbation=pert)
        assert first.loc[("A", MONTHS[0]), "convicted_flag"] == "P"
        out, rel, _ = publish(second, area, reg, perturbation=pert)
        assert out.loc[("A", MONTHS[1]), "convicted_flag"] == "P"
        assert pd.isna(out.loc[("A", MONTHS[1]), "convicted_num"])
        assert rel.result.report["hidden_for_crossing"] >= 1
    # without the register (nothing known of January) February is published
    out, _, _ = publish(df[df["ref_date"] == MONTHS[1]], area, perturbation=pert)
    assert out.loc[("A", MONTHS[1]), "convicted_flag"] == ""


def test_an_earlier_hidden_cell_counts_as_p_only_when_the_rules_flag_it():
    """With the earlier date's persons at hand, the register's hidden cell is P only when the
    rules flag its figures: a January hidden with 6 convicted (S) leaves February published."""
    from boligsocial_plugin.core.discretion.release import _crossing_suppression
    from boligsocial_plugin.core.discretion.rules import Rules, primary_flags
    from boligsocial_plugin.core.indicators import aggregate, group_index
    from boligsocial_plugin.core.pipeline import GroupFigures, join_persons

    rules = Rules()
    for more, want in ((0, True), (2, False)):
        df = _series({1: (1, 0)})
        df = df[df["ref_date"].isin(MONTHS[:2])].reset_index(drop=True)
        adults = df.index[(df["age"] >= 18) & (df["convicted"] == 0) & (df["pid"] < "p001000")]
        df.loc[df["pid"].isin(df.loc[adults, "pid"].unique()[:more]), "convicted"] = 1.0
        joined = join_persons(df, df["x"].to_numpy(), df["y"].to_numpy(), [sq(0, 0, 1, 1)],
                              ["A"])
        raw = aggregate(joined.data, joined.area, 1, INDS)
        gidx, _ = group_index(joined.data, joined.area)
        dates = [str(d) for d in raw["ref_date"]]
        allp = populations_from_rows(gidx, joined.data["person_key"].to_numpy(), len(raw),
                                     dates, ["A"] * len(raw))
        jan, feb = dates.index(MONTHS[0]), dates.index(MONTHS[1])
        # February the release; January an earlier one that hid convicted
        cur = _pops([(MONTHS[1], "A", allp.members(feb))])
        old = _pops([(MONTHS[0], "A", allp.members(jan))])
        old.row[:] = -1
        old.release[:] = ["earlier"]
        old.hidden[:] = [frozenset(t for t in cell_types(INDS) if t.startswith("convicted:"))]
        table = raw.iloc[[feb]].reset_index(drop=True)
        hidden = np.zeros((1, 1 + 2 * len(INDS)), dtype=bool)
        out = _crossing_suppression(table, INDS, primary_flags(table, INDS, Rules()), hidden,
                                    concat(cur, old), 5.0, rules, GroupFigures(joined, INDS))
        assert ("convicted" in out) is want, more


def test_a_rerun_of_a_series_against_the_register_publishes_the_same_cells(tmp_path):
    """The same months published again (another output of the same series) through the
    register publish the same cells: an earlier hidden cell of the same persons at the same
    date needs the protection the rules give it, not a protection width of its own (on the
    36-month demo a second run hid 21 % of the cells more before)."""
    rng = np.random.default_rng(12)
    area = [("A{}".format(k), sq(k, 0, k + 1, 1)) for k in range(6)]
    base = pd.concat([persons(scatter(rng, (k, 0, k + 1, 1), 60 + 15 * k), seed=k,
                              start=1000 * k) for k in range(6)], ignore_index=True)
    frames = []
    for m, date in enumerate(MONTHS[:4]):
        new = persons(scatter(rng, (0, 0, 6, 1), 2 * m), seed=50 + m, start=9000 + 10 * m)
        base = pd.concat([base, new], ignore_index=True)
        frames.append(base.assign(ref_date=date))
    df = pd.concat(frames, ignore_index=True)
    reg = Register(str(tmp_path / "r"))
    first, _, _ = publish(df, area, reg, perturbation=Perturbation())
    second, rel, _ = publish(df, area, reg, perturbation=Perturbation())
    flags = [c for c in first.columns if c.endswith("_flag")]
    pd.testing.assert_frame_equal(first[flags], second[flags])
    assert first["residents"].equals(second["residents"])
    assert rel.result.report["links"]["equal"] >= 6 * 4


def test_a_crossing_into_another_area(tmp_path):
    """January: A has 4 convicted (P), B none. February: the 4 convicted move from A to B
    and one convicted newcomer arrives in B (5). B's convicted differ from A's of January by
    the newcomer only: B's February count is hidden, although B's populations of the two
    dates differ by five persons (the rule compared the dates of one area only). Rows of
    different areas are compared in a run with a release register (the default)."""
    rng = np.random.default_rng(21)
    a = persons(scatter(rng, (0, 0, 1, 1), 120), MONTHS[0], seed=1)
    b = persons(scatter(rng, (1, 0, 2, 1), 80), MONTHS[0], seed=2, start=500)
    a["convicted"], b["convicted"] = 0.0, 0.0
    a.loc[a.index[a["age"] >= 18][:4], "convicted"] = 1.0
    jan = pd.concat([a, b], ignore_index=True)
    feb = jan.assign(ref_date=MONTHS[1])
    moved = feb["convicted"] == 1
    feb.loc[moved, "x"] = feb.loc[moved, "x"] + 1.0  # into B
    one = persons([(1.5, 0.5)], MONTHS[1], seed=9, start=999).assign(convicted=1.0, age=40.0)
    df = pd.concat([jan, feb, one], ignore_index=True)
    areas = [("A", sq(0, 0, 1, 1)), ("B", sq(1, 0, 2, 1))]
    out, rel, _ = publish(df, areas, Register(str(tmp_path / "r")), perturbation=Perturbation())
    assert out.loc[("A", MONTHS[0]), "convicted_flag"] == "P"
    assert out.loc[("B", MONTHS[1]), "convicted_flag"] == "P"
    assert pd.isna(out.loc[("B", MONTHS[1]), "convicted_num"])
    assert rel.result.report["hidden_for_crossing"] >= 1
