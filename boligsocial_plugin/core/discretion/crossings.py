# SPDX-License-Identifier: GPL-2.0-or-later
"""The crossing rule's pairs of rows and its test (part of core.discretion.timerules).

A ``P`` count ``x_a`` and a published count ``x_b`` of the same indicator at another date
pin the hidden count when the attacker knows the ``d`` persons whose membership in the
*cell* differs: ``x_a ≥ x_b − d ≥ MIN_COUNT − d``. Those persons are not the persons who
moved (eight newcomers outside the cell do not count, a resident whose attribute changed
does), and they cannot be counted from the figures of groups of persons, which is all a run
has when the persons stay in a database (its outputs must be those of the same persons from
a file). But ``d ≥ |x_a − x_b|`` whoever changed, so a published count less than the
protection width away from a ``P`` count is hidden (:func:`spread`): safe whatever the
attacker knows of the persons. The rows compared (:func:`crossing_pairs`) are two dates of
one label and, through the release register, any two rows of different dates that share
persons, whatever their labels (a district renamed or re-cut, a region merged from areas
published before, persons moving together into another area).
"""
from typing import List, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.linkage import Populations


def paired_rows(n: int, size: int, pairs: Tuple[np.ndarray, np.ndarray]
                ) -> Tuple[np.ndarray, Tuple[np.ndarray, np.ndarray]]:
    """The rows to keep of ``size`` (this release's ``n`` rows first, and the earlier ones
    paired with one of them) and the pairs with at least one row of this release, renumbered."""
    i, j = pairs
    mine = (i < n) | (j < n)
    i, j = i[mine], j[mine]
    keep = np.zeros(size, dtype=bool)
    keep[:n] = True
    keep[i] = True
    keep[j] = True
    new = np.cumsum(keep) - 1
    return keep, (new[i], new[j])


def crossing_pairs(pops: Populations, pop_of: np.ndarray, label_code: np.ndarray,
                   date_code: np.ndarray, keyed: bool, n: int) -> Tuple[np.ndarray, np.ndarray]:
    """(i, j), i < j, the rows (indices into ``pop_of``; the first ``n`` this release's) the
    crossing rule compares, each pair with a row of this release: two dates of one label,
    and (``keyed``: the persons are known) two rows of different dates and labels that share
    persons. Shared persons are counted with one sparse product over the persons found under
    two labels or more (the movers, and everybody when geographies overlap)."""
    ii: List[np.ndarray] = []
    jj: List[np.ndarray] = []
    order = np.argsort(label_code, kind="stable")
    cut = np.flatnonzero(np.diff(label_code[order])) + 1
    for rows in np.split(order, cut):
        mine = rows[rows < n]
        if len(rows) > 1 and len(mine):
            ii.append(np.repeat(mine, len(rows)))
            jj.append(np.tile(rows, len(mine)))
    if keyed and len(np.unique(label_code)) > 1:
        i2, j2 = _shared_pairs(pops, pop_of, label_code, n)
        ii.append(i2)
        jj.append(j2)
    i = np.concatenate(ii) if ii else np.zeros(0, np.int64)
    j = np.concatenate(jj) if jj else np.zeros(0, np.int64)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    keep = date_code[lo] != date_code[hi]
    code = np.unique(lo[keep] * len(pop_of) + hi[keep])
    return code // len(pop_of), code % len(pop_of)


def _shared_pairs(pops: Populations, pop_of: np.ndarray, label_code: np.ndarray, n: int
                  ) -> Tuple[np.ndarray, np.ndarray]:
    """Pairs (a row of this release, another row) of different labels sharing persons."""
    from scipy import sparse

    empty = (np.zeros(0, np.int64),) * 2
    sizes = pops.size()[pop_of]
    parts = [pops.members(int(p)) for p in pop_of]
    keys = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
    if keys.size == 0:
        return empty
    cols = np.repeat(np.arange(len(pop_of), dtype=np.int64), sizes)
    person, uk = pd.factorize(keys)
    # the persons under two labels or more
    span = int(label_code.max()) + 1
    pl = np.unique(person.astype(np.int64) * span + label_code[cols])
    labels_of = np.bincount(pl // span, minlength=len(uk))
    many = labels_of[person] > 1
    if not many.any():
        return empty
    person, cols = person[many], cols[many]
    m = sparse.csr_matrix((np.ones(len(person), dtype=np.float32), (person, cols)),
                          shape=(len(uk), len(pop_of))).tocsc()
    prod = (m[:, :n].T @ m).tocoo()
    other = label_code[prod.row] != label_code[prod.col]
    return prod.row[other].astype(np.int64), prod.col[other].astype(np.int64)


def spread(is_p: np.ndarray, is_pub: np.ndarray, qs: List[np.ndarray], unknown: np.ndarray,
           pairs: Tuple[np.ndarray, np.ndarray], width: float, min_count: int) -> np.ndarray:
    """The crossing rule for one cell kind: the published rows (of this release) to hide,
    those whose count is less than ``width`` away from a count a ``P`` row (``is_p``) of a
    pair is small in (see timerules._crossing_suppression). ``unknown``: rows whose figures
    are not known (an earlier release of persons not in this run), taken as small (below
    ``min_count``) in every count.

    Every published cell is compared with the ``P`` cells directly, not through the cells
    hidden here: an attacker going through a hidden cell b from a to c needs the persons
    that differ on both steps, at least ``|x_a − x_b| + |x_b − x_c| ≥ |x_a − x_c|``, so a
    chain reaches no further than the direct comparison.
    """
    with np.errstate(invalid="ignore"):
        small = np.stack([is_p & ((q < min_count) | unknown) for q in qs], axis=1)
    small[is_p & ~small.any(axis=1)] = True  # P by another rule (dominance): every count
    src = np.r_[pairs[0], pairs[1]]
    dst = np.r_[pairs[1], pairs[0]]
    sel = is_p[src] & is_pub[dst]
    a, b = src[sel], dst[sel]
    hit = np.zeros(len(a), dtype=bool)
    for qi, q in enumerate(qs):
        with np.errstate(invalid="ignore"):  # unknown: the count is below min_count
            near = (np.abs(q[a] - q[b]) < width) | \
                (unknown[a] & (q[b] - (min_count - 1) < width))
            close = np.nonzero(small[a, qi] & near)[0]
        if len(close):
            hit[close] = True
    hide = np.zeros(len(is_p), dtype=bool)
    hide[b[hit]] = True
    return hide
