# SPDX-License-Identifier: GPL-2.0-or-later
"""The moves in the release register (core.discretion.moves_register)."""
import numpy as np
import pandas as pd

import tests.core.test_moves as tm
from boligsocial_plugin.core.discretion import Rules
from boligsocial_plugin.core.discretion.moves import count_system, protect_moves
from boligsocial_plugin.core.discretion.moves_register import move_populations
from boligsocial_plugin.core.discretion.perturbation import OFF
from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.indicators import aggregate
from boligsocial_plugin.core.pipeline import Joined, JoinStats, Publication, protect_run

RULES = Rules(min_count=5, min_residents=20)


def test_every_population_has_the_persons_of_its_count():
    df = tm.designed(0)
    md = tm.run(df)
    focus, groups = tm.FOCUS_A, tm.GROUPS
    cs = count_system(md, RULES, focus, groups)
    pops, cells = move_populations(md, cs, focus)
    sizes = pops.size()
    assert np.array_equal(sizes, cs.values[cells]), "a population is not its count's persons"
    # every published count with persons is a population; the stayers and flows at both dates
    labels = set(zip(pops.dates, pops.labels))
    assert (md.from_date, "A (stayers)") in labels and (md.to_date, "A (stayers)") in labels
    assert (md.from_date, "A") in labels and (md.to_date, "A") in labels
    assert (md.from_date, "A>D") in labels and (md.to_date, "A>D") in labels
    assert (md.to_date, "(focus areas)>D") in labels
    assert len(set(cells[(np.array(pops.labels) == "A (stayers)")])) == 1
    # the keys are the persons' keys (as the indicator layer records them)
    a_to = df[(df["ref_date"] == md.to_date) & (df["truth_area"] == "A")]
    i = [k for k, (d, lab) in enumerate(zip(pops.dates, pops.labels))
         if d == md.to_date and lab == "A"][0]
    assert np.array_equal(np.sort(a_to["person_key"].to_numpy(np.uint64)), pops.members(i))


def test_a_later_geography_is_protected_against_the_moves(tmp_path):
    df = tm.designed(1)  # C: 3 persons in from outside (hidden)
    md = tm.run(df)
    reg = Register(str(tmp_path / "reg"))
    rel = protect_moves(md, RULES, perturbation=OFF, register=reg)
    rel.release.record(reg, "analysemoves", "moves.gpkg")
    # a merged area of A and C's in_from_outside persons: minus A's published residents_to,
    # the hidden small group comes back unless the second release protects it
    t = rel.areas.set_index("area_idx")
    b_ino = int(md.counts.loc[2, "in_from_outside"])
    assert 0 < b_ino < RULES.min_count and np.isnan(t.loc[2, "in_from_outside"])
    sub = df[df["ref_date"] == md.to_date].reset_index(drop=True)
    pk = sub["person_key"].to_numpy(np.uint64)
    came = set(df[df["ref_date"] == md.from_date]["person_key"].to_numpy(np.uint64))
    in_c_new = (sub["truth_area"] == "C").to_numpy() & ~np.isin(pk, list(came))
    group = np.where((sub["truth_area"] == "A").to_numpy() | in_c_new, 0, -1)
    raw = aggregate(sub, group, 1, [])
    joined = Joined(sub, group, JoinStats(rows=len(sub), rows_date=len(sub),
                                          dates=[md.to_date]))
    later = protect_run(raw, joined, [], ["A+new in C"], Publication(RULES, OFF, None, reg),
                        with_totals=False)
    assert int(raw.loc[0, "residents"]) - float(t.loc[0, "residents_to"]) == b_ino
    assert np.isnan(later.published.loc[0, "residents"]), \
        "the later release gives the hidden in_from_outside of C by subtraction"
    assert later.result.report["links"]["sum"] >= 1


def test_the_moves_are_protected_against_an_earlier_geography(tmp_path):
    df = tm.designed(1)
    md = tm.run(df)
    reg = Register(str(tmp_path / "reg"))
    sub = df[df["ref_date"] == md.to_date].reset_index(drop=True)
    pk = sub["person_key"].to_numpy(np.uint64)
    came = set(df[df["ref_date"] == md.from_date]["person_key"].to_numpy(np.uint64))
    in_c_new = (sub["truth_area"] == "C").to_numpy() & ~np.isin(pk, list(came))
    group = np.where((sub["truth_area"] == "A").to_numpy() | in_c_new, 0, -1)
    raw = aggregate(sub, group, 1, [])
    joined = Joined(sub, group, JoinStats(rows=len(sub), rows_date=len(sub),
                                          dates=[md.to_date]))
    first = protect_run(raw, joined, [], ["A+new in C"], Publication(RULES, OFF, None, reg),
                        with_totals=False)
    assert not np.isnan(first.published.loc[0, "residents"])
    first.record(reg, "computeindicators", "region.gpkg")
    alone = protect_moves(md, RULES, perturbation=OFF)
    rel = protect_moves(md, RULES, perturbation=OFF, register=reg)
    t0, t = alone.areas.set_index("area_idx"), rel.areas.set_index("area_idx")
    b_ino = int(md.counts.loc[2, "in_from_outside"])
    assert not np.isnan(t0.loc[0, "residents_to"])  # alone: A's residents_to published
    published = float(first.published.loc[0, "residents"])
    a_to = t.loc[0, "residents_to"]
    assert np.isnan(a_to) or published - a_to != b_ino, "C's newcomers come back"
    assert rel.report["links"]["sum"] + rel.report["links"]["equal"] >= 1
    # the register records what the moves hid and published
    rec = rel.release
    hid = rec.result.hidden_types[:, 0]
    labels = np.array(rec.populations.labels)
    dates = np.array(rec.populations.dates)
    row = np.nonzero((labels == "A") & (dates == md.to_date))[0][0]
    assert bool(hid[row]) == bool(np.isnan(a_to))


def test_the_register_changes_nothing_without_earlier_releases(tmp_path):
    df = tm.designed(2)
    md = tm.run(df)
    reg = Register(str(tmp_path / "empty"))
    a = protect_moves(md, RULES, perturbation=OFF, focus=tm.FOCUS_A, group_of=tm.GROUPS)
    b = protect_moves(md, RULES, perturbation=OFF, focus=tm.FOCUS_A, group_of=tm.GROUPS,
                      register=reg)
    pd.testing.assert_frame_equal(a.areas, b.areas)
    pd.testing.assert_frame_equal(a.flows, b.flows)
    # recorded: a second run of the same moves is linked to the first (equal populations)
    b.release.record(reg, "analysemoves", "x")
    c = protect_moves(md, RULES, perturbation=OFF, focus=tm.FOCUS_A, group_of=tm.GROUPS,
                      register=reg)
    pd.testing.assert_frame_equal(a.areas, c.areas)
    assert c.report["links"]["equal"] >= len(b.release.populations)
