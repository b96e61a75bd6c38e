# SPDX-License-Identifier: GPL-2.0-or-later
"""Overlapping populations: the atoms of exact releases, the overlap budget of perturbed ones."""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.discretion.atoms import ATOMS, atom_links
from boligsocial_plugin.core.discretion.budget import DEFAULT_BUDGET, over_budget
from boligsocial_plugin.core.discretion.linkage import populations_from_rows
from boligsocial_plugin.core.discretion.perturbation import Perturbation
from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.errors import BoligsocialError
from tests.core.test_attacks import persons, publish, scatter, sq

D1, D2 = "2025-01-01", "2025-02-01"


def _pops(blocks):
    """Populations over persons 0..: {name: [person ids]} at one date."""
    names = list(blocks)
    group = np.concatenate([np.full(len(v), i) for i, v in enumerate(blocks.values())])
    keys = np.concatenate([np.asarray(v, dtype=np.uint64) + 1 for v in blocks.values()])
    return populations_from_rows(group, keys, len(names), [D1] * len(names), names)


def test_atoms_of_four_overlapping_populations():
    h, b, c, d, e = (list(range(s, s + n)) for s, n in
                     ((0, 3), (100, 60), (200, 60), (300, 60), (400, 60)))
    pops = _pops({"X": h + b + c, "Y": b + d, "Z": c + e, "W": d + e})
    out, links, stats = atom_links(pops, 5, ["residents"])
    assert stats.atoms == 5 and stats.populations == 4
    sizes = sorted(len(out.members(p)) for p in range(4, len(out)))
    assert sizes == [3, 60, 60, 60, 60]
    assert all(lk.kind == ATOMS for lk in links)
    # X is the sum of H, B, C: three atoms holding all of its persons
    x = next(lk for lk in links if lk.container == 0)
    assert sorted(len(out.members(a)) for a in x.members) == [3, 60, 60]
    assert np.array_equal(np.sort(np.concatenate([out.members(a) for a in x.members])),
                          out.members(0))


def test_no_atoms_without_partial_overlap():
    a, b = list(range(0, 50)), list(range(50, 120))
    nested = _pops({"A": a, "B": b, "AB": a + b, "A2": a})  # areas, their district, a re-run
    _, links, stats = atom_links(nested, 5, ["residents"])
    assert links == [] and stats.atoms == 0


def test_too_many_atoms_are_refused_with_the_fix():
    rows = {"R{}".format(i): list(range(10 * i, 10 * i + 10)) for i in range(30)}
    rows.update({"S{}".format(i): list(range(10 * i + 5, 10 * i + 15)) for i in range(30)})
    with pytest.raises(BoligsocialError, match="PERTURBATION=on"):
        atom_links(_pops(rows), 5, ["residents"], max_atoms=20)


def test_budget_counts_different_populations_once():
    base = list(range(100))
    pops = _pops({"A": base, "A again": base, **{"G{}".format(k): base + [1000 + k]
                                                 for k in range(6)}})
    hide, most = over_budget(pops, 4)
    # A (and its re-run) and G0..G2 fit into 4; G3..G5 would put the persons of A into more
    assert hide == {5, 6, 7} and most[D1] == 4


@pytest.fixture(scope="module")
def ordinary(tmp_path_factory):
    """A municipality's ordinary use with the perturbation: areas, districts, a grid, a
    second indicator set and a re-run, two dates, all through one register."""
    rng = np.random.default_rng(3)
    frames = []
    for k in range(4):
        pts = scatter(rng, (k, 0, k + 1, 1), 80)
        frames += [persons(pts, D1, seed=10 + k, start=1000 * k),
                   persons(pts, D2, seed=10 + k, start=1000 * k)]
    df = pd.concat(frames, ignore_index=True)
    reg = Register(str(tmp_path_factory.mktemp("reg")))
    pert = Perturbation()
    areas = [("A{}".format(k), sq(k, 0, k + 1, 1)) for k in range(4)]
    districts = [("D1", sq(0, 0, 2, 1)), ("D2", sq(2, 0, 4, 1))]
    grid = [("g{}".format(k), sq(k + 0.5, 0, k + 1.5, 1)) for k in range(-1, 4)]
    study = [("S", sq(0.25, 0, 2.75, 1))]
    reports = []
    for geo in (areas, districts, grid, study, areas, areas):  # the last two: re-runs
        _, rel, _ = publish(df, geo, reg, perturbation=pert)
        reports.append(rel.result.report)
    return reports


def test_ordinary_use_is_not_hidden_by_the_budget(ordinary):
    for rep in ordinary:
        assert rep["overlap_budget"]["rows_hidden"] == 0, rep["overlap_budget"]
        assert not any("overlap budget" in w for w in rep["warnings"])
    most = max(max(r["overlap_budget"]["most_populations_per_person"].values())
               for r in ordinary)
    assert 3 <= most < DEFAULT_BUDGET


def test_nested_chain_of_geographies_is_limited_too(tmp_path):
    """Ever larger study areas around a newcomer (none partially overlapping another) are
    different populations each: the budget holds for them as for overlapping ones."""
    rng = np.random.default_rng(8)
    home = scatter(rng, (0, 0, 1, 1), 60)
    frames = [persons(home, D1, seed=1), persons(home, D2, seed=1)]
    for k in range(12):
        pts = scatter(rng, (k + 1, 0, k + 2, 1), 60)
        frames += [persons(pts, D1, seed=50 + k, start=10000 * (k + 1)),
                   persons(pts, D2, seed=50 + k, start=10000 * (k + 1))]
    newcomer = persons([(0.5, 0.5)], D2, seed=7, start=999999)
    df = pd.concat(frames + [newcomer], ignore_index=True)
    reg = Register(str(tmp_path / "reg"))
    copies, hidden = 0, 0
    for k in range(12):
        pub, rel, _ = publish(df, [("C{}".format(k), sq(0, 0, k + 2, 1))], reg,
                              perturbation=Perturbation())
        copies += int(not pd.isna(pub.loc[("C{}".format(k), D2), "residents"]))
        hidden += rel.result.report["overlap_budget"]["rows_hidden"]
        if k >= DEFAULT_BUDGET:
            assert any("overlap budget" in w for w in rel.result.report["warnings"]), \
                rel.result.report["overlap_budget"]
    assert copies == DEFAULT_BUDGET
    assert hidden == 2 * (12 - DEFAULT_BUDGET)  # both dates of each further study area
