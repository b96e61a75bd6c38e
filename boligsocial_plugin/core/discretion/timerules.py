# SPDX-License-Identifier: GPL-2.0-or-later
"""Rules over the dates of an area: the crossing rule and time suppression.

Part of core.discretion.release. :func:`_crossing_suppression` hides published cells a few
persons away from a cell the primary rules hide at another date of the same area (this release
and the earlier ones); :func:`_time_suppression` hides the earlier of two dates of an area whose
populations differ by a small group.
"""
from typing import Callable, Dict, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.linkage import EQUAL, NEAR, Link, Populations
from boligsocial_plugin.core.discretion.links import GroupTables, cell_types
from boligsocial_plugin.core.discretion.rules import PRIMARY, PUBLISHED, Rules, primary_flags
from boligsocial_plugin.core.indicators import Indicator


def _quantities(table: pd.DataFrame, ind: Indicator) -> List[np.ndarray]:
    """The person counts (and sums of fractions) of an indicator that the primary rules
    test."""
    den = table[f"{ind.code}_den"].to_numpy(dtype=float)
    if ind.kind == "mean" or f"{ind.code}_cnt" not in table.columns:
        return [den]
    num = table[f"{ind.code}_num"].to_numpy(dtype=float)
    return [den, table[f"{ind.code}_cnt"].to_numpy(dtype=float),
            table[f"{ind.code}_rest"].to_numpy(dtype=float), num, den - num]


def _only_in(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The keys of sorted ``a`` not in sorted ``b``."""
    if not len(b):
        return a
    pos = np.minimum(np.searchsorted(b, a), len(b) - 1)
    return a[b[pos] != a]


def _crossing_suppression(raw: pd.DataFrame, indicators: Sequence[Indicator], flags,
                          hidden: np.ndarray, pops: Populations, width: float, rules: Rules,
                          group_tables: Optional[GroupTables] = None,
                          overlaps: Optional[Tuple[np.ndarray, np.ndarray, np.ndarray]] = None,
                          pinned: Optional[Dict[int, set]] = None) -> Dict[str, np.ndarray]:
    """Cells of this release hidden because a date of the same area, a few persons away,
    is hidden by the primary rules (with the perturbation, where the noise cannot protect).

    A published count is at least ``MIN_COUNT`` and a ``P`` flag says a count is smaller:
    when the populations of two dates of an area differ by fewer persons than the protection
    width, ``x_P ≥ MIN_COUNT − (persons that differ)`` narrows the hidden count (one newcomer
    pins it to ``MIN_COUNT − 1``), whatever the noise. Such a published cell (the same
    indicator, whose small count changed by less than the width) is hidden too, flagged
    ``P`` like the cell it protects (an ``S`` flag would still say "at least ``MIN_COUNT``"),
    and so on until no published cell of the area is that close to a ``P`` cell (chains over
    many months). The dates of the area in earlier releases (the register) count too: their
    hidden cells are ``P`` when the rules flag their figures (``group_tables``), and taken as
    ``P`` when their persons are not in this run's data. ``overlaps``: (row i, row j, persons
    in both) when the persons are not at hand (a database); pairs not listed share nobody.

    A cell an earlier release published (for the same persons at the same date, or for a
    population of another date under the label) cannot be hidden any more: a ``P`` cell of
    this release a few persons away from it would be narrowed, whatever this release hides.
    Such rows go to ``pinned`` (row: the ids of the earlier releases), for the caller to keep
    back without a ``P`` flag.

    Returns, per indicator code and ``"residents"``, the rows to hide.
    """
    n = len(raw)
    out: Dict[str, np.ndarray] = {}
    cur = np.nonzero(pops.row >= 0)[0]
    keyed = overlaps is None
    if n == 0 or len(cur) != n or (keyed and pops.ptr[-1] != len(pops.keys)):
        return out
    pop_of = np.empty(n, dtype=np.int64)
    pop_of[pops.row[cur]] = cur
    row_dates = raw["ref_date"].astype(str).to_numpy()
    labels = [pops.labels[p] for p in pop_of]
    types = cell_types(indicators)
    kind_types = ["residents"] + types[1::2]
    # earlier releases: populations under a label of this release, with a hidden cell
    # (those of the same persons at the same date as a row of this release add nothing)
    old, twin_pub = _earlier(pops, labels, row_dates, pop_of, types) if keyed else ([], {})
    m = len(old)
    pop_of = np.r_[pop_of, np.array(old, dtype=np.int64)]
    all_dates = np.r_[row_dates, np.array([pops.dates[p] for p in old], dtype=object)]
    date_code = pd.factorize(all_dates.astype(str), sort=True)[0]
    label_code = pd.factorize(np.array(labels + [pops.labels[p] for p in old],
                                       dtype=object))[0]
    if date_code.max() < 1:
        return out
    order = np.argsort(label_code, kind="stable")
    cut = np.flatnonzero(np.diff(label_code[order])) + 1
    by_label = [r for r in np.split(order, cut) if len(r) > 1 and (r < n).any()]
    sizes = pops.size()[pop_of]
    shared: Dict[Tuple[int, int], int] = {}
    if overlaps is not None:
        for i, j, o in zip(*overlaps):
            shared[(min(int(i), int(j)), max(int(i), int(j)))] = int(o)

    def differ(a: int, b: int) -> int:
        """Persons in one of the rows a and b and not in the other."""
        key = (min(a, b), max(a, b))
        if key not in shared:
            if not keyed:
                return int(sizes[a] + sizes[b])
            ka, kb = pops.members(int(pop_of[a])), pops.members(int(pop_of[b]))
            shared[key] = int(len(ka) - len(_only_in(ka, kb)))
        return int(sizes[a] + sizes[b] - 2 * shared[key])

    # the earlier populations' figures and primary flags (unknown: NaN, taken as P)
    old_table, found, old_flags = _old_figures(pops, old, group_tables, indicators, rules)

    # cell kinds: residents, then the indicators; per kind its P rows, its published rows,
    # the counts the rules test, and per row the counts a P cell is small in (what an
    # attacker pins; a cell hidden here inherits those of the cells it protects)
    def extend(cur_vals: np.ndarray, old_vals: Optional[np.ndarray]) -> np.ndarray:
        v = np.full(m, np.nan) if old_vals is None else np.where(found, old_vals, np.nan)
        return np.r_[np.asarray(cur_vals, dtype=float), v]

    res_old = old_table["residents"].to_numpy(dtype=float) if old_table is not None else None
    old_hidden = [np.array([t in pops.hidden[p] for p in old], dtype=bool) for t in kind_types]
    kinds: List[Tuple[str, np.ndarray, np.ndarray, List[np.ndarray]]] = []
    res_p_old = old_hidden[0] & (~found | (extend(raw["residents"], res_old)[n:]
                                          < rules.min_count))
    kinds.append(("residents", np.r_[hidden[:, 0], res_p_old], np.r_[~hidden[:, 0],
                                                                       np.zeros(m, bool)],
                  [extend(raw["residents"], res_old)]))
    for j, ind in enumerate(indicators):
        f = flags[ind.code]
        qs_old = _quantities(old_table, ind) if old_table is not None else None
        qs = [extend(q, None if qs_old is None else qs_old[k])
              for k, q in enumerate(_quantities(raw, ind))]
        p_old = old_hidden[1 + j] & ~found
        if ind.code in old_flags:
            p_old |= old_hidden[1 + j] & found & (old_flags[ind.code] == PRIMARY)
        kinds.append((ind.code, np.r_[f == PRIMARY, p_old],
                      np.r_[f == PUBLISHED, np.zeros(m, bool)], qs))
    unknown = np.r_[np.zeros(n, bool), ~found]
    # published by an earlier release (per kind): can no longer be hidden
    known = [np.r_[np.array([j in twin_pub.get(r, {}) for r in range(n)], dtype=bool),
                   np.array([_published_kind(pops.published[p], types, j) for p in old],
                            dtype=bool)] for j in range(len(kinds))]
    ctx = _Ctx(n, unknown, by_label, date_code, differ, width, rules.min_count, twin_pub,
               [pops.release[int(p)] for p in pop_of])
    out, first, every = _spread_kinds(kinds, known, [], ctx)
    if first and pinned is not None:
        # the rows kept back for a P cell the rules flag show no P: what was hidden only to
        # protect their flags need not be, nor kept back
        out, _, every = _spread_kinds(kinds, known, sorted(first), ctx)
        for r, who in first.items():
            every.setdefault(r, set()).update(who)
    if pinned is not None:
        pinned.update(every)
    return out


class _Ctx(NamedTuple):
    """What :func:`_spread_kinds` needs of the rows (this release's first, then earlier)."""

    n: int
    unknown: np.ndarray
    by_label: List[np.ndarray]
    date_code: np.ndarray
    differ: Callable[[int, int], int]
    width: float
    min_count: int
    twin_pub: Dict[int, Dict[int, set]]
    release: List[str]


def _spread_kinds(kinds, known: List[np.ndarray], exclude: List[int], ctx: _Ctx
                  ) -> Tuple[Dict[str, np.ndarray], Dict[int, set], Dict[int, set]]:
    """The crossing rule over every cell kind, with the rows ``exclude`` kept back (neither
    ``P`` nor published). Returns the rows to hide per kind, and the rows of this release
    whose ``P`` cell (by the rules; by the rules or hidden here) an earlier release's
    published cell narrows, with those releases' ids."""
    out: Dict[str, np.ndarray] = {}
    first: Dict[int, set] = {}
    every: Dict[int, set] = {}
    n = ctx.n
    current = np.arange(len(ctx.unknown)) < n
    for j, (name, is_p, is_pub, qs) in enumerate(kinds):
        is_p, is_pub = is_p.copy(), is_pub & ~known[j]
        is_p[exclude] = False
        is_pub[exclude] = False
        hide, small = _spread(is_p, is_pub, qs, ctx.unknown, ctx.by_label, ctx.date_code,
                              ctx.differ, ctx.width, ctx.min_count)
        if hide[:n].any():
            out[name] = hide[:n]
        if not known[j].any():
            continue
        for ra, rb in _close_pairs((is_p | hide) & current, known[j], small, qs, ctx.unknown,
                                   ctx.by_label, ctx.date_code, ctx.differ, ctx.width):
            who = ctx.twin_pub[rb][j] if rb < n else {ctx.release[rb]}
            every.setdefault(ra, set()).update(who)
            if is_p[ra]:
                first.setdefault(ra, set()).update(who)
    return out, first, every


def _old_figures(pops: Populations, old: List[int], group_tables: Optional[GroupTables],
                 indicators: Sequence[Indicator], rules: Rules):
    """The earlier populations' figures (raw-like table or None), whether each was found, and
    their primary flags."""
    old_table, found = None, np.zeros(len(old), dtype=bool)
    if old and group_tables is not None:
        old_table, found = group_tables([(pops.dates[p], pops.members(p)) for p in old])
        found = np.asarray(found, dtype=bool)
    old_flags = primary_flags(old_table, indicators, rules) if old_table is not None and \
        len(old_table) else {}
    return old_table, found, old_flags


def _published_kind(published: frozenset, types: List[str], j: int) -> bool:
    """Whether a population's cell kind ``j`` (0 residents, then the indicators) was
    published (for an indicator: its numerator or denominator)."""
    if j == 0:
        return "residents" in published
    return types[2 * j - 1] in published or types[2 * j] in published


def _earlier(pops: Populations, labels: List[str], row_dates: np.ndarray, pop_of: np.ndarray,
             types: List[str]) -> Tuple[List[int], Dict[int, Dict[int, set]]]:
    """The earlier populations under a label of this release with a hidden or published cell
    (but those of the same persons at the same date as a row of this release: they add nothing
    but what they published), and per row of this release the cell kinds its earlier twins
    published (kind: the releases)."""
    here = {(lab, d): r for r, (lab, d) in enumerate(zip(labels, row_dates))}
    here_labels = set(labels)
    kinds = 1 + (len(types) - 1) // 2
    old: List[int] = []
    twin_pub: Dict[int, Dict[int, set]] = {}
    for p in np.nonzero(pops.row < 0)[0].tolist():
        if pops.labels[p] not in here_labels or not (pops.hidden[p] or pops.published[p]):
            continue
        r = here.get((pops.labels[p], pops.dates[p]))
        if r is not None and np.array_equal(pops.members(p), pops.members(int(pop_of[r]))):
            for j in range(kinds):
                if _published_kind(pops.published[p], types, j):
                    twin_pub.setdefault(r, {}).setdefault(j, set()).add(pops.release[p])
            continue
        if pops.hidden[p] & set(types) or any(_published_kind(pops.published[p], types, j)
                                              for j in range(kinds)):
            old.append(p)
    return old, twin_pub


def _spread(is_p: np.ndarray, is_pub: np.ndarray, qs: List[np.ndarray], unknown: np.ndarray,
            by_label: List[np.ndarray], date_code: np.ndarray, differ: Callable[[int, int], int],
            width: float, min_count: int) -> Tuple[np.ndarray, np.ndarray]:
    """The crossing rule for one cell kind: the published rows (of this release and the
    earlier ones) to hide, spreading from the ``P`` rows ``is_p`` over the dates of each
    label (``by_label``) while fewer than ``width`` persons differ (see
    :func:`_crossing_suppression`); and per row the counts a ``P`` cell is small in."""
    with np.errstate(invalid="ignore"):
        small = np.stack([is_p & ((q < min_count) | unknown) for q in qs], axis=1)
    small[is_p & ~small.any(axis=1)] = True  # P by another rule (dominance): every count
    pub_rows, frontier = is_pub.copy(), is_p.copy()
    hide = np.zeros(len(is_p), dtype=bool)
    while frontier.any():
        new = np.zeros(len(is_p), dtype=bool)
        for rows in by_label:
            a = rows[frontier[rows]]
            b = rows[pub_rows[rows]]
            if not len(a) or not len(b):
                continue
            close = np.zeros((len(a), len(b)), dtype=bool)
            with np.errstate(invalid="ignore"):
                for qi, q in enumerate(qs):
                    near = np.abs(q[a][:, None] - q[b][None, :]) < width
                    close |= small[a, qi][:, None] & (near | unknown[a][:, None])
            close &= date_code[a][:, None] != date_code[b][None, :]
            for x, y in zip(*np.nonzero(close)):
                ra, rb = int(a[x]), int(b[y])
                if differ(ra, rb) < width:
                    new[rb] = True
                    small[rb] |= small[ra]
        hide |= new
        pub_rows &= ~new
        frontier = new
    return hide, small


def _close_pairs(src: np.ndarray, dst: np.ndarray, small: np.ndarray, qs: List[np.ndarray],
                 unknown: np.ndarray, by_label: List[np.ndarray], date_code: np.ndarray,
                 differ: Callable[[int, int], int], width: float) -> List[Tuple[int, int]]:
    """(a, b): a ``P`` row of ``src`` and a published row of ``dst`` of another date of the
    same label, fewer than ``width`` persons apart, where a count ``a`` is small in is within
    ``width`` of ``b``'s (or either is unknown)."""
    out = []
    for rows in by_label:
        a, b = rows[src[rows]], rows[dst[rows]]
        if not len(a) or not len(b):
            continue
        close = np.zeros((len(a), len(b)), dtype=bool)
        with np.errstate(invalid="ignore"):
            for qi, q in enumerate(qs):
                near = (np.abs(q[a][:, None] - q[b][None, :]) < width) | \
                    np.isnan(q[b])[None, :] | unknown[a][:, None]
                close |= small[a, qi][:, None] & near
        close &= date_code[a][:, None] != date_code[b][None, :]
        for x, y in zip(*np.nonzero(close)):
            if differ(int(a[x]), int(b[y])) < width:
                out.append((int(a[x]), int(b[y])))
    return out


def _time_suppression(pops: Populations, links: Sequence[Link],
                      small_group: int) -> Tuple[set, list]:
    """Rows of one area at different dates that differ by a small group: the earlier one is
    hidden (the latest date is kept); returns (rows to hide, the remaining links).

    A month in which one person moved in would otherwise give that person's figures by
    subtraction from the month before. Two dates of an area are too close when fewer than
    ``tolerance`` persons differ on both sides (``near``), or one lies nearly inside the other
    and the persons who came (or left) are fewer than ``small_group`` (the area minimum, at
    least the smallest count): a group too small to be published as an area of its own.
    Equal populations stay linked as relations (same persons, same hidden cells).
    """
    close: Dict[int, set] = {}
    rest = []
    for lk in links:
        rows = [int(pops.row[p]) for p in (lk.container,) + lk.members]
        same_release = all(r >= 0 for r in rows)
        cross_date = len({pops.dates[p] for p in (lk.container,) + lk.members}) > 1
        if not (same_release and cross_date) or lk.kind == EQUAL:
            rest.append(lk)
            continue
        if lk.kind == NEAR or 0 < lk.rest_size < small_group:
            a, b = rows[0], rows[1]
            close.setdefault(a, set()).add(b)
            close.setdefault(b, set()).add(a)
    hide: set = set()
    published: List[int] = []
    order = sorted(close, key=lambda r: (pops.labels[r], pops.dates[r]), reverse=True)
    for r in order:  # per area, the latest date first
        if any(p in close[r] for p in published if pops.labels[p] == pops.labels[r]):
            hide.add(r)
        else:
            published.append(r)
    return hide, rest
