# SPDX-License-Identifier: GPL-2.0-or-later
"""Which published populations an attacker can subtract from each other.

A *population* is the set of persons behind one row of a published table: an area at a
reference date, in this release or in an earlier one (the release register). Two populations
that are equal, nearly equal, or one (nearly) inside the other give a relation between their
cells that the attacker can use:

* **equal**: the same persons (a re-run, the same area in the criteria layer and the indicator
  layer, an area nobody entered or left between two dates): ``x_a = x_b``;
* **near**: fewer than ``tolerance`` persons differ on each side (a boundary moved a few metres,
  one person moved in between two months): ``x_a − x_b = Δ``; the difference Δ is the figure of
  at most 2·tolerance persons and is always protected;
* **sum**: populations ``m_1 … m_k`` lie inside ``c`` (each with fewer than ``tolerance``
  persons outside it) and are disjoint: ``x_c = Σ x_m + rest``, where the rest is the group of
  persons in ``c`` and in none of the ``m`` (a parent district minus its published sub-areas, a
  merged region minus a published member, the persons who moved in since the last date). The
  rest is protected when its own figures fail the primary rules.

Populations that overlap without either being nearly inside the other give only a difference
of two large groups and no relation; the perturbation keeps such differences inexact.

Pairs are looked for among populations of the same date (any geography, any release) and
among populations of different dates under any label (change over time: the same area, or a
region merged later from areas published earlier). Overlaps are counted with a sparse
incidence matrix (persons × populations), so the cost grows with the number of person rows,
not with the number of pairs; when only equal populations matter between dates (with the
perturbation), those are found by hashing their members.
"""
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

EQUAL, NEAR, SUM = "equal", "near", "sum"


#: ``Populations.row`` of a run's total in the check of its totals (core.discretion.run_totals):
#: published as if by an earlier release, but its links to earlier releases count like a row's
WHAT_IF_ROW = -2


@dataclass
class Populations:
    """Populations with their member keys (sorted uint64, concatenated; ``ptr`` offsets)."""

    dates: List[str]
    labels: List[str]
    release: List[str]           # '' for the release being made, else the register's id
    row: np.ndarray              # row of the current table, -1 for an earlier release
    #                              (WHAT_IF_ROW: a total of the run set beside earlier ones)
    ptr: np.ndarray
    keys: np.ndarray
    hidden: List[frozenset] = field(default_factory=list)     # cell types hidden (earlier)
    published: List[frozenset] = field(default_factory=list)  # cell types published (earlier)

    def __len__(self) -> int:
        return len(self.dates)

    def members(self, i: int) -> np.ndarray:
        """Sorted keys of population ``i``."""
        return self.keys[self.ptr[i]:self.ptr[i + 1]]

    def size(self) -> np.ndarray:
        """Number of persons per population."""
        return np.diff(self.ptr)


def populations_from_rows(group: np.ndarray, keys: np.ndarray, n_groups: int,
                          dates: Sequence[str], labels: Sequence[str]) -> Populations:
    """The populations of a table's rows: ``group`` is each person row's table row (-1: none)."""
    g = np.asarray(group, dtype=np.int64)
    k = np.asarray(keys, dtype=np.uint64)
    ok = g >= 0
    if not ok.all():
        g, k = g[ok], k[ok]
    ptr = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(np.bincount(g, minlength=n_groups), out=ptr[1:])
    k = _sorted_by_group(g, k, ptr)
    n = n_groups
    return Populations(list(dates), list(labels), [""] * n, np.arange(n, dtype=np.int64), ptr, k,
                       [frozenset()] * n, [frozenset()] * n)


def _sorted_by_group(g: np.ndarray, k: np.ndarray, ptr: np.ndarray) -> np.ndarray:
    """The keys ordered by group, and within a group by key (as ``lexsort((k, g))``).

    Groups first (a radix sort when the group numbers fit 16 bits), then each group's keys
    sorted in place: far faster than a lexsort over millions of rows.
    """
    n_groups = len(ptr) - 1
    if n_groups > 50000:  # many small groups: one sort is cheaper than a loop
        return k[np.lexsort((k, g))]
    small = g.astype(np.int16) if n_groups < (1 << 15) else g
    k = k[np.argsort(small, kind="stable")]
    for i in np.nonzero(np.diff(ptr) > 1)[0]:
        k[ptr[i]:ptr[i + 1]].sort()
    return k


def concat(a: Populations, b: Populations) -> Populations:
    """Both sets of populations in one (b's rows keep their -1)."""
    return Populations(a.dates + b.dates, a.labels + b.labels, a.release + b.release,
                       np.concatenate([a.row, b.row]),
                       np.concatenate([a.ptr[:-1], b.ptr + a.ptr[-1]]),
                       np.concatenate([a.keys, b.keys]), a.hidden + b.hidden,
                       a.published + b.published)


def subset(pops: Populations, idx: Sequence[int]) -> Populations:
    """The populations ``idx`` (in that order)."""
    idx = [int(i) for i in idx]
    parts = [pops.members(i) for i in idx]
    ptr = np.zeros(len(idx) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in parts], out=ptr[1:])
    keys = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
    return Populations([pops.dates[i] for i in idx], [pops.labels[i] for i in idx],
                       [pops.release[i] for i in idx], pops.row[idx], ptr, keys,
                       [pops.hidden[i] for i in idx], [pops.published[i] for i in idx])


class Link:
    """One relation between populations (see the module doc).

    ``rest`` and ``foreign`` may be given as functions: they are computed when first read
    (most links between dates are dropped before anyone looks at their groups), and the same
    array is returned every time. ``rest_size`` is known without computing them.
    """

    __slots__ = ("kind", "container", "members", "date", "rest_size", "has_foreign", "_rest",
                 "_foreign")

    def __init__(self, kind: str, container: int, members: Tuple[int, ...],
                 rest: Union[np.ndarray, Callable[[], np.ndarray]], date: str,
                 foreign: Union[Tuple[np.ndarray, ...],
                                Callable[[], Tuple[np.ndarray, ...]]] = (),
                 rest_size: Optional[int] = None, has_foreign: Optional[bool] = None):
        self.kind = kind                  # EQUAL, NEAR or SUM
        self.container = container        # EQUAL/NEAR: population a; SUM: the container c
        self.members = members            # EQUAL/NEAR: (b,); SUM: the disjoint members in c
        self.date = date                  # the date of the rest group's persons
        self._rest = rest                 # SUM: keys of the rest group; NEAR: keys of a Δ b
        self._foreign = foreign           # SUM: persons of a member outside the container
        if rest_size is None:
            rest_size = len(self.rest)
        self.rest_size = int(rest_size)
        if has_foreign is None:
            has_foreign = bool(self.foreign)
        self.has_foreign = bool(has_foreign)   # some member is only nearly inside
        if not self.has_foreign:
            self._foreign = ()

    @property
    def rest(self) -> np.ndarray:
        """SUM: keys of the rest group; NEAR: keys of a Δ b (sorted)."""
        if callable(self._rest):
            self._rest = self._rest()
        return self._rest

    @property
    def foreign(self) -> Tuple[np.ndarray, ...]:
        """SUM: the persons of each member (nearly inside) outside the container."""
        if callable(self._foreign):
            self._foreign = self._foreign()
        return self._foreign

    def __repr__(self) -> str:
        return "Link({}, {}, {}, rest={})".format(self.kind, self.container, self.members,
                                                  self.rest_size)


def _overlaps(pops: Populations, idx: np.ndarray,
              group: Optional[np.ndarray] = None) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, persons in both) for pairs i < j of the populations ``idx`` that share persons.

    ``group`` (one code per population of ``idx``): only pairs of the same group, all groups
    counted in one sparse product (a person is one row per group).
    """
    from scipy import sparse

    empty = (np.zeros(0, np.int64),) * 3
    if len(idx) < 2:
        return empty
    sizes = pops.size()[idx]
    cols = np.repeat(np.arange(len(idx), dtype=np.int64), sizes)
    parts = [pops.members(int(i)) for i in idx]
    keys = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
    if keys.size == 0:
        return empty
    rows, uk = pd.factorize(keys)  # hashing: faster than sorting millions of keys
    if group is not None:
        g = np.asarray(group, dtype=np.int64)[cols]
        rows, uk = pd.factorize(rows.astype(np.int64) * (int(g.max()) + 1) + g)
    if len(uk) == len(keys):  # nobody in two populations: no pair shares anyone
        return empty
    m = sparse.csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)),
                          shape=(len(uk), len(idx)))
    prod = sparse.triu(m.T @ m, k=1).tocoo()
    keep = prod.data > 0.5
    return idx[prod.row[keep]], idx[prod.col[keep]], np.round(prod.data[keep]).astype(np.int64)


def find_links(pops: Populations, tolerance: int, disjoint_current: bool = False,
               pairs: Optional[Tuple[np.ndarray, np.ndarray, np.ndarray]] = None,
               equal_across_dates: bool = False) -> List[Link]:
    """Every relation an attacker can use between the populations (see the module doc).

    ``disjoint_current``: the release's own populations of one date share nobody (areas of
    one geography without overlaps), so their pairs need no counting.
    ``pairs``: (i, j, persons in both) of the pairs that share persons, when the caller
    counted them (a database source: the person keys stay on the server). The links' groups
    (``rest``, ``foreign``) then hold no keys, only as many zeros as the group has persons.
    ``equal_across_dates``: between populations of different dates only the equal ones
    (with the perturbation, a difference between dates of different persons is noisy, and
    the release keeps no other link between dates).
    """
    sizes = pops.size()
    if pairs is None:
        i, j, o = _pairs(pops, disjoint_current, tolerance, equal_only=equal_across_dates)
    else:
        i, j, o = (np.asarray(a, dtype=np.int64) for a in pairs)
    keyed = pairs is None
    if equal_across_dates and len(i):
        date_code = pd.factorize(np.array(pops.dates, dtype=object))[0]
        same = (date_code[i] == date_code[j]) | (sizes[i] - o == 0) & (sizes[j] - o == 0)
        i, j, o = i[same], j[same], o[same]

    def group(n: int, make):
        """A group's keys, computed when read (``make``), or as many zeros as it has persons
        when the caller counted the pairs."""
        return make if keyed else np.zeros(max(0, int(n)), dtype=np.uint64)

    only_i = sizes[i] - o
    only_j = sizes[j] - o
    links: List[Link] = []
    equal = (only_i == 0) & (only_j == 0)
    near = (only_i < tolerance) & (only_j < tolerance) & ~equal
    for a, b in zip(i[equal], j[equal]):
        links.append(Link(EQUAL, int(a), (int(b),), np.zeros(0, np.uint64), pops.dates[a]))
    for a, b, oa, ob in zip(i[near], j[near], only_i[near], only_j[near]):
        delta = group(oa + ob, lambda a=a, b=b: np.setxor1d(
            pops.members(int(a)), pops.members(int(b)), assume_unique=True))
        links.append(Link(NEAR, int(a), (int(b),), delta, pops.dates[a], rest_size=oa + ob))
    # nested: member m nearly inside container c
    inside: Dict[int, List[Tuple[int, int]]] = {}
    m1 = (only_i < tolerance) & (only_j >= tolerance)
    m2 = (only_j < tolerance) & (only_i >= tolerance)
    for m, c in list(zip(i[m1], j[m1])) + list(zip(j[m2], i[m2])):
        inside.setdefault(int(c), []).append((int(m), int(sizes[m])))
    overlap = {(int(a), int(b)): int(x) for a, b, x in zip(i, j, o)}
    clash: Dict[int, set] = {}  # populations sharing persons
    for (a, b), x in overlap.items():
        if x:
            clash.setdefault(a, set()).add(b)
            clash.setdefault(b, set()).add(a)
    for c, mem in sorted(inside.items()):
        by_date: Dict[str, List[Tuple[int, int]]] = {}
        for m, s in mem:
            by_date.setdefault(pops.dates[m], []).append((m, s))
        for _d, grp in sorted(by_date.items()):
            for chosen in _families(c, grp, overlap, sizes, clash):
                if not chosen:
                    continue
                inner = sum(int(sizes[m]) - _only(m, c, overlap, sizes) for m in chosen)
                n_rest = int(sizes[c]) - inner
                rest = group(n_rest, lambda c=c, chosen=chosen: _minus(
                    pops.members(c), np.concatenate([pops.members(m) for m in chosen])))
                outside = [m for m in chosen if _only(m, c, overlap, sizes) > 0]
                foreign: Union[Callable[[], Tuple[np.ndarray, ...]], Tuple[np.ndarray, ...]]
                if keyed:
                    foreign = (lambda c=c, outside=outside: tuple(
                        _minus(pops.members(m), pops.members(c)) for m in outside))
                else:
                    foreign = tuple(group(_only(m, c, overlap, sizes), None) for m in outside)
                links.append(Link(SUM, c, tuple(chosen), rest, pops.dates[c], foreign,
                                  rest_size=n_rest, has_foreign=bool(outside)))
    return links


def _families(c: int, grp: List[Tuple[int, int]], overlap: Dict[Tuple[int, int], int],
              sizes: np.ndarray, clash: Dict[int, set]) -> List[List[int]]:
    """The disjoint families of the members ``grp`` ((population, size) of one date) inside
    ``c``: those exactly inside, and a second, wider one when some are only nearly inside."""
    exact = [(m, s) for m, s in grp if _only(m, c, overlap, sizes) == 0]
    families = [_disjoint(exact, clash)] if exact else []
    if len(exact) < len(grp):  # members nearly inside: a second, wider relation
        wide = _disjoint(sorted(exact, key=lambda t: (-t[1], t[0])) +
                         sorted([t for t in grp if t not in exact],
                                key=lambda t: (-t[1], t[0])), clash, keep_order=True)
        if wide != (families[0] if families else None):
            families.append(wide)
    return families


def _pairs(pops: Populations, disjoint_current: bool, tolerance: Optional[int] = None,
           equal_only: bool = False) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, persons in both) of populations of one date, and of populations of two dates
    under any label (the same area, a region merged later, a district renamed).

    Same date: one sparse product over all dates (a person is one row per date). Between
    dates: with ``equal_only`` the equal populations only, found by hashing their members;
    else one sparse product over every population, keeping the pairs that can make a link
    (one population nearly inside the other: fewer than ``tolerance`` persons outside it).
    The cost grows with the persons, not with the number of dates or labels.
    """
    date_code = pd.factorize(np.array(pops.dates, dtype=object), sort=True)[0]
    current = pops.row >= 0
    # dates: those whose populations are not all this release's own disjoint ones
    keep = np.ones(len(pops), dtype=bool)
    if disjoint_current and len(pops):
        mixed = np.bincount(date_code, weights=~current, minlength=date_code.max() + 1) > 0
        keep = mixed[date_code]
    idx = np.nonzero(keep)[0]
    i1, j1, o1 = _overlaps(pops, idx, date_code[idx])
    if len(set(date_code.tolist())) < 2:
        i2 = j2 = o2 = np.zeros(0, np.int64)
    elif equal_only:
        i2, j2, o2 = _equal_pairs(pops)
    else:
        i2, j2, o2 = _overlaps(pops, np.arange(len(pops), dtype=np.int64))
        sizes = pops.size()
        tol = 1 if tolerance is None else max(1, int(tolerance))
        linkable = (sizes[i2] - o2 < tol) | (sizes[j2] - o2 < tol)
        i2, j2, o2 = i2[linkable], j2[linkable], o2[linkable]
    cross = date_code[i2] != date_code[j2]
    i2, j2, o2 = i2[cross], j2[cross], o2[cross]
    # the pairs of each date in date order, then those between dates
    o_1 = np.lexsort((j1, i1, date_code[i1]))
    o_2 = np.lexsort((j2, i2))
    return (np.concatenate([i1[o_1], i2[o_2]]), np.concatenate([j1[o_1], j2[o_2]]),
            np.concatenate([o1[o_1], o2[o_2]]))


def _equal_pairs(pops: Populations) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(i, j, size) of the pairs i < j of non-empty populations with the same members.

    Each population is hashed (its size and two sums of mixed keys); populations of equal
    hash are compared member by member, so a hash collision never makes a false pair.
    """
    from boligsocial_plugin.core.personkeys import mix64

    empty = (np.zeros(0, np.int64),) * 3
    sizes = pops.size()
    nonempty = np.nonzero(sizes > 0)[0]
    if len(nonempty) < 2:
        return empty
    k = pops.keys.astype(np.uint64)
    with np.errstate(over="ignore"):
        h1 = np.add.reduceat(mix64(k), pops.ptr[nonempty])
        h2 = np.add.reduceat(mix64(k ^ np.uint64(0x9E3779B97F4A7C15)), pops.ptr[nonempty])
    frame = pd.DataFrame({"s": sizes[nonempty], "h1": h1.view(np.int64),
                          "h2": h2.view(np.int64)})
    code = frame.groupby(["s", "h1", "h2"], sort=False).ngroup().to_numpy()
    count = np.bincount(code)
    multi = count[code] > 1
    if not multi.any():
        return empty
    ii, jj = [], []
    cand = nonempty[multi]
    ccode = code[multi]
    order = np.argsort(ccode, kind="stable")
    cand, ccode = cand[order], ccode[order]
    bounds = np.flatnonzero(np.diff(ccode)) + 1
    for grp in np.split(cand, bounds):
        # classes of identical members within the hash group (normally one)
        classes: List[List[int]] = []
        for p in grp.tolist():
            for cls in classes:
                if np.array_equal(pops.members(cls[0]), pops.members(p)):
                    cls.append(p)
                    break
            else:
                classes.append([p])
        for cls in classes:
            for x in range(len(cls)):
                for y in range(x + 1, len(cls)):
                    ii.append(min(cls[x], cls[y]))
                    jj.append(max(cls[x], cls[y]))
    i = np.array(ii, dtype=np.int64)
    j = np.array(jj, dtype=np.int64)
    return i, j, sizes[i].astype(np.int64)


def _minus(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The keys of ``a`` not in ``b`` (unique, sorted)."""
    return np.setdiff1d(a, b)


def _only(m: int, c: int, overlap: Dict[Tuple[int, int], int], sizes: np.ndarray) -> int:
    """Persons of m outside c."""
    return int(sizes[m]) - overlap.get((min(m, c), max(m, c)), 0)


def _disjoint(members: List[Tuple[int, int]], clash: Dict[int, set],
              keep_order: bool = False) -> List[int]:
    """A family of pairwise disjoint members, largest first (or in the given order)."""
    chosen: List[int] = []
    order = members if keep_order else sorted(members, key=lambda t: (-t[1], t[0]))
    taken: set = set()
    for m, _s in order:
        if not (clash.get(m, set()) & taken):
            chosen.append(m)
            taken.add(m)
    return sorted(chosen)


def describe(link: Link, pops: Populations) -> str:
    """A short text naming the populations of a link (for reports)."""
    def name(i: int) -> str:
        rel = pops.release[i] or "this release"
        return "{} {} ({})".format(pops.labels[i], pops.dates[i], rel)
    if link.kind == SUM:
        return "{} = {} + {} others".format(name(link.container),
                                             " + ".join(name(m) for m in link.members),
                                             link.rest_size)
    sym = "=" if link.kind == EQUAL else "≈"
    return "{} {} {}".format(name(link.container), sym, name(link.members[0]))


def earliest_release(links: Sequence[Link], pops: Populations) -> Optional[str]:
    """The earlier release most involved in the links (for messages)."""
    count: Dict[str, int] = {}
    for lk in links:
        for p in (lk.container,) + lk.members:
            if pops.release[p]:
                count[pops.release[p]] = count.get(pops.release[p], 0) + 1
    return max(count, key=lambda r: count[r]) if count else None
