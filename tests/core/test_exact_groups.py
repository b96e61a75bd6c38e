# SPDX-License-Identifier: GPL-2.0-or-later
"""The attacker's complete check of exact figures (core.discretion.exact_groups)."""
import numpy as np
import pytest

from boligsocial_plugin.core.discretion.exact_groups import (
    Figures,
    Rule,
    find_group,
    keep_back_groups,
    signature_atoms,
    size_rule,
)
from boligsocial_plugin.core.discretion.linkage import Populations
from boligsocial_plugin.core.errors import BoligsocialError

BLOCKS = [3, 60, 90, 120, 45, 150]   # block 0 is the small one


def _keys(blocks):
    start = np.cumsum([0] + BLOCKS)
    return np.concatenate([np.arange(start[b], start[b] + BLOCKS[b]) for b in blocks]) \
        .astype(np.uint64)


def _pops(sets, dates=None):
    parts = [np.sort(_keys(s)) for s in sets]
    ptr = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in parts], out=ptr[1:])
    n = len(sets)
    return Populations(list(dates or ["2025-01-01"] * n), ["P%d" % i for i in range(n)],
                       [""] * n, np.arange(n, dtype=np.int64), ptr, np.concatenate(parts),
                       [frozenset()] * n, [frozenset()] * n)


# seed 53 of the random search: T = A2_1 − (A0_1 − (A2_2 − A0_2 − A0_0)), no two nested
SEED53 = [[4], [1, 2, 5], [3], [1, 2, 3, 4, 5], [4, 5], [0, 1, 5], [2, 3, 4], [3, 5]]


def test_atoms_are_the_persons_with_one_signature():
    pops = _pops([[0, 1], [1, 2], [2]])
    pop_of, atom_of, sizes, keys, atom_of_key = signature_atoms(pops, np.arange(3))
    assert sorted(sizes.tolist()) == [3, 60, 90]
    assert len(keys) == 153 and len(atom_of_key) == 153
    # population 1 (blocks 1, 2) holds two atoms, population 2 one
    assert sorted(np.bincount(pop_of).tolist()) == [1, 2, 2]
    assert len(np.unique(atom_of)) == 3


def test_a_small_group_from_areas_of_which_no_two_are_nested():
    pops = _pops(SEED53)
    grp = find_group(pops, np.arange(len(SEED53)), np.ones(len(SEED53), bool), size_rule(5))
    assert grp is not None and grp.atoms == 1
    # every combination needs A2_1 (the only population holding T)
    assert 5 in grp.needed
    # without A2_1 nothing small follows
    use = np.array([i for i in range(len(SEED53)) if i != 5])
    assert find_group(pops, use, np.ones(len(use), bool), size_rule(5)) is None


def test_a_group_known_before_is_not_this_release_s():
    pops = _pops(SEED53 + [[2]])
    mine = np.zeros(len(SEED53) + 1, dtype=bool)
    mine[-1] = True              # only the last population is this release's
    assert find_group(pops, np.arange(len(SEED53) + 1), mine, size_rule(5)) is None
    mine[5] = True               # A2_1 now: T follows from it and the earlier ones
    assert find_group(pops, np.arange(len(SEED53) + 1), mine, size_rule(5)) is not None


def test_across_dates_the_persons_are_what_counts():
    """Jan: B and GH; Feb: BC and the persons outside every area (T ∪ G ∪ H): 183 − 180 = T."""
    pops = _pops([[1], [4, 5], [1, 2], [0, 4, 5]], dates=["2025-01-01", "2025-01-01",
                                                           "2025-02-01", "2025-02-01"])
    mine = np.array([False, False, True, True])
    grp = find_group(pops, np.arange(4), mine, size_rule(5))
    assert grp is not None and grp.needed == [3]


def test_many_small_atoms_use_the_integer_programme():
    """14 persons each in their own area with a big block Z, and all of them with Z: Z and
    so every person follow (more small atoms than the enumeration takes)."""
    z = np.arange(100, dtype=np.uint64) + 1000
    sets = [np.sort(np.r_[z, np.uint64(i)]) for i in range(14)]
    sets.append(np.sort(np.r_[z, np.arange(14, dtype=np.uint64)]))

    def pops_of(ss):
        ptr = np.zeros(len(ss) + 1, dtype=np.int64)
        np.cumsum([len(s) for s in ss], out=ptr[1:])
        n = len(ss)
        return Populations(["d"] * n, [str(i) for i in range(n)], [""] * n,
                           np.arange(n, dtype=np.int64), ptr,
                           np.concatenate(ss).astype(np.uint64), [frozenset()] * n,
                           [frozenset()] * n)

    grp = find_group(pops_of(sets), np.arange(15), np.ones(15, bool), size_rule(5))
    assert grp is not None and grp.atoms <= 4
    # without the population of all of them no 0/1 combination is small
    assert find_group(pops_of(sets[:14]), np.arange(14), np.ones(14, bool),
                      size_rule(5)) is None


def test_a_small_count_in_a_big_group():
    """The size rule passes block 1 (60 persons), its 2 convicted may not be told."""
    pops = _pops([[1, 2], [2]])

    def convicted(keys, atom_of_key, sizes):
        value = np.where(sizes == 60, 2.0, 20.0)   # block 1's atom holds 2
        return [Rule(value, 5, zero_too=True, nonempty=sizes.astype(float))]

    assert find_group(pops, np.arange(2), np.ones(2, bool), size_rule(50)) is None
    assert find_group(pops, np.arange(2), np.ones(2, bool), convicted) is not None


def test_too_many_pieces_is_a_clear_error():
    pops = _pops(SEED53)
    with pytest.raises(BoligsocialError, match="PERTURBATION=on"):
        find_group(pops, np.arange(len(SEED53)), np.ones(len(SEED53), bool), size_rule(5),
                   max_atoms=2)


def test_keep_back_takes_a_total_before_a_row_and_stops_when_nothing_follows():
    """B and GH earlier; this run: the area BC and its persons outside every area
    T ∪ G ∪ H. Taking back the outside total is enough."""
    sets = [[1], [4, 5], [1, 2], [0, 4, 5]]
    taken = []

    def figures():
        use = [i for i in range(4) if not (i == 3 and taken)]
        pops = _pops([sets[i] for i in use])
        mine = np.array([i > 1 for i in use])
        row = np.array([0 if i == 2 else -1 for i in use])
        total = [None if i < 3 else "PERSONS_OUTSIDE" for i in use]
        return Figures(pops, mine, row, total,
                       [("residents", np.ones(len(use), bool), size_rule(5))])

    def take_back(row, total):
        taken.append((row, total))

    done = keep_back_groups(figures, take_back)
    assert taken == [(None, "PERSONS_OUTSIDE")]
    assert done.totals == ["PERSONS_OUTSIDE"] and done.rows == [] and done.groups == 1


def test_groups_known_before_do_not_make_the_search_explode(monkeypatch):
    """14 persons each determined by earlier releases (each area with Z, and all of them with
    Z): every union of up to 4 of them is a small group known before. This run adds one area
    (Z with a new block Y): nothing new follows, found at once (the search used to cut off the
    known groups one by one: 1,470 integer programmes)."""
    import scipy.optimize

    calls = []
    real = scipy.optimize.milp
    monkeypatch.setattr(scipy.optimize, "milp", lambda *a, **k: calls.append(1) or real(*a, **k))
    z = np.arange(100, dtype=np.uint64) + 1000
    y = np.arange(100, dtype=np.uint64) + 5000
    sets = [np.sort(np.r_[z, np.uint64(i)]) for i in range(14)]
    sets.append(np.sort(np.r_[z, np.arange(14, dtype=np.uint64)]))
    sets.append(np.sort(np.r_[z, y]))
    ptr = np.zeros(len(sets) + 1, dtype=np.int64)
    np.cumsum([len(s) for s in sets], out=ptr[1:])
    n = len(sets)
    pops = Populations(["d"] * n, [str(i) for i in range(n)], [""] * n,
                       np.arange(n, dtype=np.int64), ptr, np.concatenate(sets), [frozenset()] * n,
                       [frozenset()] * n)
    mine = np.zeros(n, dtype=bool)
    mine[-1] = True
    assert find_group(pops, np.arange(n), mine, size_rule(5)) is None
    assert len(calls) <= 2   # one integer programme per side of the new direction
    mine[:] = False
    mine[0] = True    # Q_0 now: with the others it gives person 0
    assert find_group(pops, np.arange(n), mine, size_rule(5)) is not None
