# SPDX-License-Identifier: GPL-2.0-or-later
"""The groups the indicators can tell apart, and an audit that none of the small ones is
recovered from the published cells (user-defined indicators that nest, tile or overlap).

Within one row (an area at a date), persons with the same *type* are indistinguishable to the
published figures: the type of a person is whether it is in each indicator's population and
whether it counts in each 0/1 numerator. Every published count is then the number of persons of
some types, so every published cell is a linear function of the per-type counts. An attacker
who does not know which types occur in the row (a type seen anywhere in the release may occur)
recovers the size of a group of types exactly when the group's indicator vector lies in the row
space of the published cells; likewise a 0/1 attribute total of the group, or a sum of
fractions or amounts (a full-time-person or income total) from the cells of that value.

The groups checked are those the indicators define: the persons in one indicator's population
and not in another's, and in both (income of women vs all, men plus women plus unknown sex,
children 0-17 vs the 0-17 population of another indicator, 16-66 vs 18-64). A group of fewer
than ``MIN_COUNT`` persons (but not empty) must not be recovered. This audit runs after the
relation-based protection (core.discretion.release) and hides one more indicator of a row for
each recovery until none is left; it needs the persons, so
:func:`boligsocial_plugin.core.pipeline.protect_run` computes the :class:`TypeTable`.
"""
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.indicators import Indicator, contribution, population_mask

#: rows audited at most this many rounds (each round hides one indicator per leaking row)
MAX_ROUNDS = 50


@dataclass
class TypeTable:
    """Per-type memberships and per-row counts of the persons of a release."""

    member: np.ndarray             # (types, indicators) bool: in the indicator's population
    num: np.ndarray                # (types, indicators) bool: counts 1 in a 0/1 numerator
    binary: np.ndarray             # (indicators,) bool: the numerator is 0/1
    counts: np.ndarray             # (rows, types) persons
    value_key: List[Optional[str]]  # per indicator: the column summed (fractions/amounts)


def type_table(data: pd.DataFrame, group: np.ndarray, n_rows: int,
               indicators: Sequence[Indicator]) -> Optional[TypeTable]:
    """The type of every person row (``group`` = its row, -1 none), counted per row."""
    if len(indicators) < 2 or n_rows == 0:
        return None
    g = np.asarray(group, dtype=np.int64)
    inside = g >= 0
    cols_member, cols_num, binary = [], [], []
    for ind in indicators:
        c = contribution(ind, data)
        pop = population_mask(ind, data)
        m = pop & ~np.isnan(c) if ind.kind == "mean" else \
            (np.ones(len(data), bool) if ind.kind == "count" else pop)
        c0 = np.nan_to_num(c)
        is_bin = ind.kind != "mean" and bool(np.isin(c0[inside & m], (0.0, 1.0)).all())
        cols_member.append(m)
        cols_num.append(m & (c0 > 0.5) & is_bin)
        binary.append(is_bin)
    columns = cols_member + cols_num
    if len(columns) > 64:
        return None  # too many indicators to pack; the relation model alone applies
    code = np.zeros(int(inside.sum()), dtype=np.uint64)
    for b, column in enumerate(columns):
        code |= column[inside].astype(np.uint64) << np.uint64(b)
    uniq, inv = np.unique(code, return_inverse=True)
    t = len(uniq)
    k = len(indicators)
    unpacked = ((uniq[:, None] >> np.arange(2 * k, dtype=np.uint64)[None, :]) &
                np.uint64(1)).astype(bool)
    counts = np.bincount(g[inside] * t + inv, minlength=n_rows * t).reshape(n_rows, t)
    keys: List[Optional[str]] = [None if b else (i.value or None) for i, b in
                                 zip(indicators, binary)]
    return TypeTable(unpacked[:, :k], unpacked[:, k:], np.array(binary), counts, keys)


def _groups(tt: TypeTable) -> Tuple[np.ndarray, List[Tuple[int, int, str]]]:
    """(groups, types) membership of the groups checked, and (a, b, how) per group."""
    k = tt.member.shape[1]
    rows: List[np.ndarray] = []
    names: List[Tuple[int, int, str]] = []
    distinct: Dict[bytes, int] = {}
    for a in range(k):
        for b in range(k):
            if a == b:
                continue
            for how, mask in (("not", tt.member[:, a] & ~tt.member[:, b]),
                              ("and", tt.member[:, a] & tt.member[:, b])):
                if how == "and" and b < a:
                    continue
                key = mask.tobytes()
                if not mask.any() or key in distinct:
                    continue
                distinct[key] = len(rows)
                rows.append(mask)
                names.append((a, b, how))
    g = np.array(rows, dtype=bool) if rows else np.zeros((0, tt.member.shape[0]), bool)
    return g, names


def _cells(tt: TypeTable, shown_res: bool, shown: np.ndarray
           ) -> Tuple[np.ndarray, List[int], Dict[str, Tuple[np.ndarray, List[int]]]]:
    """The count cells of a row as rows over the types (-1 = residents, else indicator)."""
    rows, owner = [], []
    if shown_res:
        rows.append(np.ones(tt.member.shape[0]))
        owner.append(-1)
    sums: Dict[str, Tuple[List[np.ndarray], List[int]]] = {}
    for j in np.nonzero(shown)[0]:
        rows.append(tt.member[:, j].astype(float))
        owner.append(int(j))
        if tt.binary[j]:
            rows.append(tt.num[:, j].astype(float))
            owner.append(int(j))
        elif tt.value_key[j]:
            s = sums.setdefault(tt.value_key[j], ([], []))
            s[0].append(tt.member[:, j].astype(float))
            s[1].append(int(j))
    m = np.array(rows) if rows else np.zeros((0, tt.member.shape[0]))
    return m, owner, {c: (np.array(r), o) for c, (r, o) in sums.items()}


def _solvable(m: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Which rows of ``vectors`` lie in the row space of ``m``."""
    if m.shape[0] == 0 or vectors.shape[0] == 0:
        return np.zeros(vectors.shape[0], dtype=bool)
    _, s, vt = np.linalg.svd(m, full_matrices=False)
    rank = int(np.sum(s > 1e-9 * max(s[0], 1.0)))
    basis = vt[:rank]
    resid = vectors - (vectors @ basis.T) @ basis
    scale = np.maximum(1.0, np.abs(vectors).max(axis=1))
    return np.abs(resid).max(axis=1) <= 1e-7 * scale


def _culprit(m: np.ndarray, owner: List[int], v: np.ndarray, dens: np.ndarray) -> int:
    """The published cell (indicator, -1 residents) to hide so that ``v`` is not recovered."""
    y, *_ = np.linalg.lstsq(m.T, v, rcond=None)
    used = sorted({owner[i] for i in np.nonzero(np.abs(y) > 1e-9)[0]})
    inds = [j for j in used if j >= 0]
    if not inds:
        return -1
    return min(inds, key=lambda j: (dens[j], j))  # the smallest population first


def type_audit(tt: TypeTable, residents_shown: np.ndarray, shown: np.ndarray,
               dens: np.ndarray, min_count: int) -> Tuple[np.ndarray, np.ndarray, int]:
    """Hide indicators (and residents) until no small group of any row is recovered.

    ``shown``: (rows, indicators) published; ``dens``: (rows, indicators) denominators (to
    choose the cheapest indicator to hide). Returns the new ``residents_shown``, ``shown``
    and the number of cells hidden.
    """
    residents_shown = residents_shown.copy()
    shown = shown.copy()
    groups, names = _groups(tt)
    if not len(groups):
        return residents_shown, shown, 0
    sizes = tt.counts @ groups.T.astype(np.int64)                    # (rows, groups)
    small_rows = np.nonzero(((sizes > 0) & (sizes < min_count)).any(axis=1))[0]
    hidden = 0
    attrs = [j for j in range(len(tt.binary)) if tt.binary[j]]
    for r in small_rows:
        small = np.nonzero((sizes[r] > 0) & (sizes[r] < min_count))[0]
        for _ in range(MAX_ROUNDS):
            m, owner, sums = _cells(tt, bool(residents_shown[r]), shown[r])
            vecs = [groups[g].astype(float) for g in small]
            vecs += [(groups[g] & tt.num[:, j]).astype(float) for g in small for j in attrs
                     if (groups[g] & tt.num[:, j]).any()]
            vmat = np.array(vecs)
            hit = _solvable(m, vmat)
            target = None
            if hit.any():
                target = (m, owner, vmat[np.argmax(hit)])
            else:
                for _col, (sm, so) in sums.items():
                    gv = groups[small].astype(float)
                    sh = _solvable(sm, gv)
                    if sh.any():
                        target = (sm, so, gv[np.argmax(sh)])
                        break
            if target is None:
                break
            j = _culprit(target[0], target[1], target[2], dens[r])
            if j < 0:
                residents_shown[r] = False
            else:
                shown[r, j] = False
            hidden += 1
    return residents_shown, shown, hidden
