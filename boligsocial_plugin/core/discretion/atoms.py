# SPDX-License-Identifier: GPL-2.0-or-later
"""Overlapping populations as sums of their atoms (inclusion–exclusion, for the audit).

The links of core.discretion.linkage relate populations that are equal, nearly equal or
(nearly) inside one another. Populations that overlap without either being nearly inside the
other give the attacker more: with X = H∪B∪C, Y = B∪D, Z = C∪E and W = D∪E published,
``X − Y − Z + W`` is the small group H, although no two of them are nearly nested.

The exact model: at one reference date, the persons with the same *membership signature*
(the set of populations that contain them) form an **atom**; every population is the sum of
its atoms. Any linear combination of published populations is then a combination of atoms,
and it reveals a group exactly when the combination's coefficient on every atom is 0 or 1.
So the audit is given, per cell type, the relation ``population = Σ its atoms`` with the atoms'
cells as hidden unknowns (never published), each protected when the atom's own figures fail
the primary rules; secondary suppression then hides what inclusion–exclusion would reveal.

Only what is needed is modelled. The atoms come from the populations (this release's rows
and the register's earlier populations) that overlap another one *partially* (each with at
least ``tolerance`` persons outside the other), in connected groups holding a row of this
release. Every other population of such a group is linked to the atoms (core.discretion.
linkage.find_links over it and the atoms): equal to one (with X = a∪c published earlier and
Y = a∪b, c now, the attacker knows that the atom c is the row c, so b = Y − X + c), a sum of
several, or inside one with a protected rest (areas inside the pieces of two districts cut by
a run's totals); one that cuts an atom partially makes atoms too. Equal, near and nested
populations alone are covered by the links (a district around the areas, a run's total). A
single geography of disjoint areas, areas with their districts, re-runs give no atoms.

**Across dates**: two populations of different dates and different geographies (neither label
published at the other's date) that share at least ``tolerance`` persons, each with as many
outside the other, make atoms across the dates: a person row's signature also holds these
populations of other dates that hold the same person, so the persons of X(Jan) who are in
Y(Feb) form one atom at each date. A link of kind :data:`SAME` makes the two equal in every
figure that is equal at both dates (an attacker who takes them to be equal is right there):
X(Jan) − V(Jan) − Y(Feb) + W(Feb) no longer gives a small group exactly. One geography at two
dates (an area and its neighbour a month later, sharing movers) is left to the links, the
time rule and the moves' protection.

The atoms enter the release as extra populations (``row`` −1, release :data:`ATOM_RELEASE`,
every cell type hidden) and one link of kind :data:`ATOMS` per population:
``Link(ATOMS, population, (atoms...))``, read by core.discretion.release like a sum link
without a rest.
"""
import time
from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.linkage import (
    WHAT_IF_ROW,
    Link,
    Populations,
    _overlaps,
    concat,
)
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

ATOMS = "atoms"
SAME = "same persons"
ATOM_RELEASE = "(atom)"
#: the most atoms the exact audit takes (each adds a hidden cell per cell type, and the
#: secondary suppression's rank tests grow with the cube of a block's cells)
MAX_ATOMS = 60


@dataclass
class AtomStats:
    """What the atom model added (for the report)."""

    populations: int = 0      # populations expressed as sums of atoms
    atoms: int = 0
    seconds: float = 0.0


def is_atom(pops: Populations, p: int) -> bool:
    """Whether population ``p`` is an atom added by :func:`atom_links`."""
    return pops.release[p] == ATOM_RELEASE


def atom_links(pops: Populations, tolerance: int, types: Sequence[str],
               max_atoms: int = MAX_ATOMS) -> Tuple[Populations, List[Link], AtomStats]:
    """The populations with the atoms appended, and one ATOMS link per population modelled.

    ``types``: the release's cell types (core.discretion.release.cell_types), all hidden in an
    atom. More than ``max_atoms`` atoms: a BoligsocialError (the exact audit of so many
    overlapping pieces would take too long; the message names the fix).

    ``pops`` must hold the members' keys (not a database run's sizes only); otherwise, or when
    nothing overlaps partially, ``pops`` is returned unchanged with no links.
    """
    t0 = time.perf_counter()
    stats = AtomStats()
    n = len(pops)
    # this release's rows, and a run's total set beside earlier releases (run_totals)
    current = (pops.row >= 0) | (pops.row == WHAT_IF_ROW)
    if n < 2 or len(pops.keys) != int(pops.ptr[-1]) or not current.any():
        return pops, [], stats
    sizes = pops.size()
    date_code = pd.factorize(np.array(pops.dates, dtype=object), sort=True)[0]
    idx = np.arange(n, dtype=np.int64)
    i, j, o = _overlaps(pops, idx, date_code)
    ci, cj = _across_dates(pops, date_code, tolerance)
    if len(ci):
        i, j = np.concatenate([i, ci]), np.concatenate([j, cj])
        o = np.concatenate([o, np.zeros(len(ci), np.int64)])  # partial by construction
    if not len(i):
        return pops, [], stats
    partial = (sizes[i] - o >= tolerance) & (sizes[j] - o >= tolerance)
    if not partial.any():
        return pops, [], stats
    cross = np.zeros(n, dtype=bool)   # populations related to another date's (module doc)
    cross[ci] = cross[cj] = True
    # populations linked by overlaps to a partial overlap, those nested in or around it too:
    # a link of its own would give a nested one (c inside a+c) a rest of its own, unrelated
    # to the atom of the same persons (a), and (a+b) − (a+c) + c gave the atom b
    comp = _components(n, i, j)
    in_pair = np.zeros(n, dtype=bool)
    in_pair[i[partial]] = in_pair[j[partial]] = True
    has_pair = np.zeros(n, dtype=bool)
    has_pair[comp[in_pair]] = True
    has_current = np.zeros(n, dtype=bool)
    has_current[comp[current]] = True
    wanted = has_pair[comp] & has_current[comp]
    chosen = np.nonzero(wanted)[0]
    if not len(chosen):
        return pops, [], stats
    # the atoms come from the populations that overlap partially (the core); one nested in
    # or around an atom is related to it by a link (equal, sum, near), and one that cuts an
    # atom partially joins the core: a grid of areas inside two districts cut by a run's total
    # gives the districts' pieces as atoms, not one atom per area
    core = in_pair & wanted
    while True:
        person, keys, dcode, cols, atom_of_person, core_idx = _atoms_of(pops, core, date_code,
                                                                        cross)
        cuts = _cutting(pops, np.nonzero(wanted & ~core)[0], date_code, keys, dcode,
                        atom_of_person[person], tolerance)
        if not len(cuts):
            break
        core[cuts] = True
    chosen = core_idx
    n_atoms = int(atom_of_person.max()) + 1
    if n_atoms > max_atoms:
        raise BoligsocialError(tr(
            "With PERTURBATION=off the populations of {date} overlap partially with earlier "
            "releases (or with each other) in {n} pieces; exact values are checked against "
            "every combination of at most {max} pieces. Publish overlapping geographies with "
            "PERTURBATION=on (the default), or fewer overlapping geographies of one date, or "
            "forget from the release register the drafts that were never published."
        ).format(date=pops.dates[int(chosen[0])], n=n_atoms, max=max_atoms))
    row_atom = atom_of_person[person]                # the atom of each (population, person) row
    # each population's atoms; each atom's keys
    pa = np.unique(cols * n_atoms + row_atom)
    pop_of, atom_of = pa // n_atoms, pa % n_atoms
    # one row per person: the first population holding the person
    take = np.zeros(len(keys), dtype=bool)
    take[np.unique(person, return_index=True)[1]] = True
    a_keys = keys[take]
    a_atom = row_atom[take]
    a_date = dcode[take]
    srt = np.lexsort((a_keys, a_atom))
    a_keys, a_atom, a_date = a_keys[srt], a_atom[srt], a_date[srt]
    ptr = np.zeros(n_atoms + 1, dtype=np.int64)
    np.cumsum(np.bincount(a_atom, minlength=n_atoms), out=ptr[1:])
    dates_sorted = sorted(set(pops.dates))
    atom_dates = [dates_sorted[int(a_date[ptr[a]])] for a in range(n_atoms)]
    atoms = Populations(atom_dates, ["(atom {})".format(a + 1) for a in range(n_atoms)],
                        [ATOM_RELEASE] * n_atoms, np.full(n_atoms, -1, dtype=np.int64), ptr,
                        a_keys.astype(np.uint64), [frozenset(types)] * n_atoms,
                        [frozenset()] * n_atoms)
    out = concat(pops, atoms)
    links: List[Link] = []
    cuts = np.r_[0, np.nonzero(np.diff(pop_of))[0] + 1, len(pop_of)]
    for s, e in zip(cuts[:-1], cuts[1:]):
        p = int(chosen[pop_of[s]])
        members = tuple(int(n + a) for a in atom_of[s:e])
        links.append(Link(ATOMS, p, members, np.zeros(0, np.uint64), pops.dates[p],
                          rest_size=0, has_foreign=False))
    stats.populations = len(links)
    links += _nested_links(out, np.nonzero(wanted & ~core)[0], n, n_atoms, tolerance)
    links += _same_persons(out, n, n_atoms)
    stats.atoms = n_atoms
    stats.seconds = time.perf_counter() - t0
    return out, links, stats


def _atoms_of(pops: Populations, core: np.ndarray, date_code: np.ndarray,
              cross: np.ndarray):
    """The atoms of the ``core`` populations: (person row of each member row, the member
    rows' keys, dates and core column, the atom of each person row, the core populations).

    A person row's signature is the set of core populations of its date holding it, and of
    the ``cross`` ones of other dates holding the same person: the persons of X(Jan) who are
    in Y(Feb) form one atom at each date, with the same members."""
    chosen = np.nonzero(core)[0]
    lens = pops.size()[chosen]
    cols = np.repeat(np.arange(len(chosen), dtype=np.int64), lens)
    keys = np.concatenate([pops.members(int(p)) for p in chosen])
    dcode = date_code[chosen][cols].astype(np.int64)
    person, _ = pd.factorize(pd.MultiIndex.from_arrays([keys, dcode]))
    # signature: a sum of random 64-bit weights of the populations (wrapping); equal sums of
    # different sets have probability ~2^-64 per pair
    weight = np.random.default_rng(0x5EED).integers(1, 2 ** 63, len(chosen), dtype=np.uint64)
    sig = np.zeros(person.max() + 1, dtype=np.uint64)
    np.add.at(sig, person, weight[cols])
    far = cross[chosen][cols]
    if far.any():  # memberships of the same person at other dates
        pk = np.zeros(len(sig), dtype=np.uint64)
        pk[person] = keys
        pd_ = np.zeros(len(sig), dtype=np.int64)
        pd_[person] = dcode
        for c in np.unique(cols[far]).tolist():
            rows = cols == c
            hit = np.isin(pk, keys[rows]) & (pd_ != dcode[rows][0])
            with np.errstate(over="ignore"):
                sig[hit] += weight[c]
    pdate = np.zeros(len(sig), dtype=np.int64)
    pdate[person] = dcode
    atom_of_person, _ = pd.factorize(pd.MultiIndex.from_arrays([sig, pdate]))
    return person, keys, dcode, cols, atom_of_person, chosen


def _cutting(pops: Populations, others: np.ndarray, date_code: np.ndarray, keys: np.ndarray,
             dcode: np.ndarray, atom_of_row: np.ndarray, tolerance: int) -> np.ndarray:
    """The populations of ``others`` that overlap an atom partially (each with at least
    ``tolerance`` persons outside the other)."""
    if not len(others):
        return others
    index = pd.MultiIndex.from_arrays([keys, dcode])
    first = ~index.duplicated()
    index, atom = index[first], atom_of_row[first]
    atom_size = np.bincount(atom)
    out = []
    for p in others.tolist():
        m = pops.members(int(p))
        at = index.get_indexer(pd.MultiIndex.from_arrays(
            [m, np.full(len(m), date_code[p], dtype=np.int64)]))
        inside = at[at >= 0]
        if not len(inside):
            continue
        shared = np.bincount(atom[inside], minlength=len(atom_size))
        touched = shared > 0
        if ((len(m) - shared[touched] >= tolerance) &
                (atom_size[touched] - shared[touched] >= tolerance)).any():
            out.append(p)
    return np.array(out, dtype=np.int64)


def _nested_links(pops: Populations, others: np.ndarray, n: int, n_atoms: int,
                  tolerance: int) -> List[Link]:
    """The links (equal, near, sum) between the atoms (populations ``n`` …) and the
    populations ``others`` nested in or around them, in ``pops``' numbering."""
    from boligsocial_plugin.core.discretion.linkage import find_links, subset

    if not len(others):
        return []
    idx = others.tolist() + list(range(n, n + n_atoms))
    found = find_links(subset(pops, idx), tolerance)
    out = []
    for lk in found:
        lk.container = idx[lk.container]
        lk.members = tuple(idx[m] for m in lk.members)
        if any(p >= n for p in (lk.container,) + lk.members):
            out.append(lk)
    return out


def _across_dates(pops: Populations, date_code: np.ndarray,
                  tolerance: int) -> Tuple[np.ndarray, np.ndarray]:
    """(i, j): populations of different dates and different geographies that overlap
    partially in their persons (at least ``tolerance`` in both and outside each). Pairs of
    one geography (each label also published at the other's date: an area and its neighbour
    a month later, sharing the movers) are left to the links and the moves' protection; a
    run's totals are of no geography but their run's (red team round 7)."""
    empty = (np.zeros(0, np.int64),) * 2
    if len(set(date_code.tolist())) < 2:
        return empty
    sizes = pops.size()
    i, j, o = _overlaps(pops, np.arange(len(pops), dtype=np.int64))
    at = {(lab, d) for lab, d in zip(pops.labels, date_code.tolist())}
    keep = (date_code[i] != date_code[j]) & (o >= tolerance) & \
        (sizes[i] - o >= tolerance) & (sizes[j] - o >= tolerance)
    keep &= np.array([_other_geography(pops.labels[a], date_code[b], at) and
                      _other_geography(pops.labels[b], date_code[a], at) and
                      pops.release[a] != ATOM_RELEASE and pops.release[b] != ATOM_RELEASE
                      for a, b in zip(i.tolist(), j.tolist())], dtype=bool)
    return i[keep], j[keep]


def _other_geography(label: str, other_date: int, at: set) -> bool:
    """Whether a population's label is not published at the other date: another geography.
    A run's total ('(persons outside every area)', …) is a geography of its run alone."""
    return label.startswith("(") or (label, other_date) not in at


def _same_persons(pops: Populations, n: int, n_atoms: int) -> List[Link]:
    """SAME links between the atoms of two dates that hold the same persons (the persons of
    X(Jan) who are in Y(Feb)): where their figures are equal, an attacker who takes them to
    be equal is right (core.discretion.links reads a SAME link per cell type)."""
    by_keys: dict = {}
    for a in range(n, n + n_atoms):
        m = pops.members(a)
        by_keys.setdefault((len(m), m.tobytes()), []).append(a)
    out = []
    for group in by_keys.values():
        for x in group[1:]:
            out.append(Link(SAME, group[0], (x,), np.zeros(0, np.uint64), pops.dates[x],
                            rest_size=0, has_foreign=False))
    return out


def _components(n: int, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Connected component label of each of ``n`` nodes, edges (i, j)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    g = coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    return connected_components(g, directed=False)[1]
