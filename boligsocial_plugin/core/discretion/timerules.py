# SPDX-License-Identifier: GPL-2.0-or-later
"""Rules over the dates of an area: the crossing rule and time suppression.

Part of core.discretion.release. :func:`_crossing_suppression` hides published cells a few
persons away from a cell the primary rules hide at another date (of the same area or of any
row sharing persons; this release and the earlier ones); :func:`_time_suppression` hides the
earlier of two dates of an area whose populations differ by a small group.
"""
from typing import Dict, List, NamedTuple, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.crossings import (
    Pairs,
    crossing_pairs,
    paired_rows,
    spread,
)
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
                          any_label: bool = True,
                          pinned: Optional[Dict[int, set]] = None) -> Dict[str, np.ndarray]:
    """Cells of this release hidden because a cell of another date a few persons away is
    hidden by the primary rules (with the perturbation, where the noise cannot protect).

    A published count is at least ``MIN_COUNT`` and a ``P`` flag says a count is smaller:
    when the persons of two such cells of the same indicator differ by ``d`` persons,
    ``x_P ≥ MIN_COUNT − d`` narrows the hidden count (one newcomer, or one resident whose
    situation changed, pins it to ``MIN_COUNT − 1``), whatever the noise. ``d`` is at least
    the difference of the two counts whoever moved or changed, so a published count less
    than the protection width away from a ``P`` count is hidden (core.discretion.crossings),
    between two dates of an area and, when ``any_label`` (a run with a release register),
    between any two rows of different dates that share persons (a district renamed or
    re-cut, a region merged from earlier areas, persons moving together). Such a published
    cell is hidden too, flagged ``P`` like the cell it protects (an ``S`` flag would still
    say "at least ``MIN_COUNT``"). The earlier releases (the register) count too: their
    hidden cells are ``P`` when the rules flag their figures (``group_tables``), and taken as
    ``P`` (below ``MIN_COUNT`` in every count) when their persons are not in this run's
    data. ``overlaps``: (row i, row j, persons in both) when the persons are not at hand (a
    database without a register): the dates of one label are compared.

    A cell an earlier release published (for the same persons at the same date, or for a
    population of another date) cannot be hidden any more: a ``P`` cell of this release a few
    persons away from it would be narrowed, whatever this release hides. Such rows go to
    ``pinned`` (row: the ids of the earlier releases), for the caller to keep back without a
    ``P`` flag.

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
    # earlier releases: populations of any label with a hidden cell (kept when paired below)
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
    # the pairs compared: the dates of a label, and rows of any labels sharing persons
    keep, pairs = paired_rows(n, len(pop_of),
                              crossing_pairs(pops, pop_of, label_code, date_code,
                                             keyed and any_label, n))
    old = [p for p, k in zip(old, keep[n:]) if k]
    m = len(old)
    pop_of = pop_of[keep]

    # the earlier populations' figures and primary flags (unknown: NaN, taken as P)
    old_table, found = None, np.zeros(m, dtype=bool)
    if m and group_tables is not None:
        old_table, found = group_tables([(pops.dates[p], pops.members(p)) for p in old])
        # figures of a date this run does not hold are unknown, as from a file, also where a
        # database could count them (the same outputs from both)
        found = np.asarray(found, dtype=bool) & np.isin([pops.dates[p] for p in old],
                                                        _held_dates(group_tables, row_dates))
    old_flags = primary_flags(old_table, indicators, rules) if old_table is not None and \
        len(old_table) else {}

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
    ctx = _Ctx(n, unknown, pairs, width, rules.min_count, twin_pub,
               [pops.release[int(p)] for p in pop_of],
               [_unit(indicators, name, len(qs)) for name, _p, _b, qs in kinds])
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
    pairs: Pairs
    width: float
    min_count: int
    twin_pub: Dict[int, Dict[int, set]]
    release: List[str]
    units: List[List[bool]]


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
        hide = spread(is_p, is_pub, qs, ctx.unknown, ctx.pairs, ctx.width, ctx.min_count,
                      ctx.units[j])
        if hide[:n].any():
            out[name] = hide[:n]
        if not known[j].any():
            continue
        for ra, rb in _pinned_pairs(is_p & current, known[j], qs, ctx, ctx.units[j]):
            who = ctx.twin_pub[rb][j] if rb < n else {ctx.release[rb]}
            every.setdefault(ra, set()).update(who)
            if is_p[ra]:
                first.setdefault(ra, set()).update(who)
    return out, first, every


def _pinned_pairs(src: np.ndarray, dst: np.ndarray, qs: List[np.ndarray], ctx: _Ctx,
                  unit: List[bool]) -> List[Tuple[int, int]]:
    """(a, b): a ``P`` row of ``src`` (of this release, its figures known) and a published
    row of ``dst`` of a pair that fewer than the width of persons separate in a count ``a``
    is small in (crossings.spread's test; ``b``'s figures unknown: two dates of one label are
    taken as close): ``b`` published narrows it."""
    i, j, shared = ctx.pairs
    a = np.r_[i, j]
    b = np.r_[j, i]
    s = np.r_[shared, shared]
    sel = src[a] & dst[b]
    a, b, s = a[sel], b[sel], s[sel]
    small = np.stack([q[a] < ctx.min_count for q in qs], axis=1) if len(a) else \
        np.zeros((0, len(qs)), dtype=bool)
    small[~small.any(axis=1)] = True  # P by another rule (dominance): every count
    hit = np.zeros(len(a), dtype=bool)
    for qi, q in enumerate(qs):
        xa, xb = q[a], q[b]
        with np.errstate(invalid="ignore"):
            if unit[qi]:
                sep = xa + xb - 2 * np.minimum(s, np.minimum(xa, xb))
            else:
                sep = np.abs(xa - xb)
            close = (sep < ctx.width) | (np.isnan(xb) & np.isinf(s))
        hit |= small[:, qi] & close
    return [(int(x), int(y)) for x, y in zip(a[hit], b[hit])]


def _published_kind(published: frozenset, types: List[str], j: int) -> bool:
    """Whether a population's cell kind ``j`` (0 residents, then the indicators) was
    published (for an indicator: its numerator or denominator)."""
    if j == 0:
        return "residents" in published
    return types[2 * j - 1] in published or types[2 * j] in published


def _held_dates(group_tables, row_dates: np.ndarray) -> np.ndarray:
    """The dates whose persons the run holds: those of the group tables' person rows (a file:
    core.pipeline.GroupFigures), else those of its rows (a database counts any date)."""
    data = getattr(group_tables, "data", None)
    if isinstance(data, pd.DataFrame) and "ref_date" in data.columns:
        return pd.Series(pd.unique(data["ref_date"])).astype(str).to_numpy()
    return row_dates


def _unit(indicators: Sequence[Indicator], name: str, n_quantities: int) -> List[bool]:
    """Per count of a cell kind (:func:`_quantities`): whether each person adds at most one
    (persons; the numerator of a share of 0/1 values or fractions, or of a condition)."""
    ind = {i.code: i for i in indicators}.get(name)
    unit = ind is None or ind.kind == "share" or ind.condition is not None
    return [True] * min(n_quantities, 3) + [unit] * max(0, n_quantities - 3)


def _earlier(pops: Populations, labels: List[str], row_dates: np.ndarray, pop_of: np.ndarray,
             types: List[str]) -> Tuple[List[int], Dict[int, Dict[int, set]]]:
    """The earlier populations (any label) with a hidden cell, or under a label of this
    release with a published one, but those of the same persons at the same date as a row of
    this release (they add nothing but what they published); and per row of this release the
    cell kinds its earlier twins published (kind: the releases)."""
    here = {(lab, d): r for r, (lab, d) in enumerate(zip(labels, row_dates))}
    here_labels = set(labels)
    kinds = 1 + (len(types) - 1) // 2
    kind_types = set(["residents"] + types[1::2])
    old: List[int] = []
    twin_pub: Dict[int, Dict[int, set]] = {}
    for p in np.nonzero(pops.row < 0)[0].tolist():
        r = here.get((pops.labels[p], pops.dates[p]))
        if r is not None and np.array_equal(pops.members(p), pops.members(int(pop_of[r]))):
            for j in range(kinds):
                if _published_kind(pops.published[p], types, j):
                    twin_pub.setdefault(r, {}).setdefault(j, set()).add(pops.release[p])
            continue
        if pops.hidden[p] & kind_types or (pops.labels[p] in here_labels and any(
                _published_kind(pops.published[p], types, j) for j in range(kinds))):
            old.append(p)
    return old, twin_pub


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
    # rows an earlier release published for the same persons are public already: they are
    # kept, and a date too close to one of them is hidden instead (else the exact difference
    # of the two would give the small group)
    known = _published_before(pops, links)
    published: List[int] = [r for r in close if r in known]
    order = sorted((r for r in close if r not in known),
                   key=lambda r: (pops.labels[r], pops.dates[r]), reverse=True)
    for r in order:  # per area, the latest date first
        if any(p in close[r] for p in published if pops.labels[p] == pops.labels[r]):
            hide.add(r)
        else:
            published.append(r)
    return hide, rest


def _published_before(pops: Populations, links: Sequence[Link]) -> set:
    """Rows of this release equal (the same persons, the same date) to a population an
    earlier release published figures of."""
    known: set = set()
    for lk in links:
        if lk.kind != EQUAL:
            continue
        ps = (lk.container,) + lk.members
        cur = [p for p in ps if pops.row[p] >= 0]
        old = [p for p in ps if pops.row[p] < 0 and
               (not pops.published or pops.published[p])]
        if cur and old and len({pops.dates[p] for p in ps}) == 1:
            known.update(int(pops.row[p]) for p in cur)
    return known
