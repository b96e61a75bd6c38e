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
from typing import List, Optional, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.linkage import Populations

#: pairs of rows (i, j) and the persons both share (infinite: not counted, taken as all)
Pairs = Tuple[np.ndarray, np.ndarray, np.ndarray]

def paired_rows(n: int, size: int, pairs: Pairs) -> Tuple[np.ndarray, Pairs]:
    """The rows to keep of ``size`` (this release's ``n`` rows first, and the earlier ones
    paired with one of them) and the pairs with at least one row of this release, renumbered."""
    i, j, shared = pairs
    mine = (i < n) | (j < n)
    i, j, shared = i[mine], j[mine], shared[mine]
    keep = np.zeros(size, dtype=bool)
    keep[:n] = True
    keep[i] = True
    keep[j] = True
    new = np.cumsum(keep) - 1
    return keep, (new[i], new[j], shared)


def crossing_pairs(pops: Populations, pop_of: np.ndarray, label_code: np.ndarray,
                   date_code: np.ndarray, keyed: bool, n: int) -> Pairs:
    """(i, j, shared), i < j, the rows (indices into ``pop_of``; the first ``n`` this
    release's) the crossing rule compares, each pair with a row of this release: two dates of
    one label (``shared`` infinite: taken as sharing everyone), and (``keyed``: the persons
    are known) two rows of different dates and labels that share persons (``shared``: how
    many). Shared persons are counted with one sparse product over the persons found under
    two labels or more (the movers, and everybody when geographies overlap)."""
    ii: List[np.ndarray] = []
    jj: List[np.ndarray] = []
    ss: List[np.ndarray] = []
    order = np.argsort(label_code, kind="stable")
    cut = np.flatnonzero(np.diff(label_code[order])) + 1
    for rows in np.split(order, cut):
        mine = rows[rows < n]
        if len(rows) > 1 and len(mine):
            ii.append(np.repeat(mine, len(rows)))
            jj.append(np.tile(rows, len(mine)))
            ss.append(np.full(len(mine) * len(rows), np.inf))
    if keyed and len(np.unique(label_code)) > 1:
        for part, got in zip((ii, jj, ss), _shared_pairs(pops, pop_of, label_code, n)):
            part.append(got)
    i, j, sh = (np.concatenate(x) if x else np.zeros(0) for x in (ii, jj, ss))
    i, j = i.astype(np.int64), j.astype(np.int64)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    keep = date_code[lo] != date_code[hi]
    code, first = np.unique(lo[keep] * len(pop_of) + hi[keep], return_index=True)
    return code // len(pop_of), code % len(pop_of), sh[keep][first].astype(float)


def _shared_pairs(pops: Populations, pop_of: np.ndarray, label_code: np.ndarray, n: int
                  ) -> Pairs:
    """Pairs (a row of this release, another row) of different labels sharing persons, and
    how many."""
    from scipy import sparse

    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
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
    return (prod.row[other].astype(np.int64), prod.col[other].astype(np.int64),
            np.round(prod.data[other]).astype(float))


def spread(is_p: np.ndarray, is_pub: np.ndarray, qs: List[np.ndarray], unknown: np.ndarray,
           pairs: Pairs, width: float, min_count: int,
           unit: Optional[List[bool]] = None) -> np.ndarray:
    """The crossing rule for one cell kind: the published rows (of this release) to hide,
    those that fewer than ``width`` persons can separate from a count a ``P`` row
    (``is_p``) of a pair is small in (see timerules._crossing_suppression). ``unknown``: rows
    whose figures are not known (an earlier release of persons not in this run), taken as
    small (below ``min_count``) in every count.

    The persons that separate two counts ``x_a`` and ``x_b`` are at least ``|x_a − x_b|``,
    and, when each person counts at most once (``unit``: persons, shares of 0/1 or
    fractions) and the rows share ``s`` persons, at least ``x_a + x_b − 2·min(s, x_a,
    x_b)``: those of one cell not in the other must have come from outside the shared
    persons (one mover between two areas does not carry a count of 4 to 5). Every
    published cell is compared with the ``P`` cells directly, not through the cells hidden
    here: going through a hidden cell b from a to c needs the persons of both steps, at
    least those that separate a and c, so a chain reaches no further.
    """
    with np.errstate(invalid="ignore"):
        small = np.stack([is_p & ((q < min_count) | unknown) for q in qs], axis=1)
    small[is_p & ~small.any(axis=1)] = True  # P by another rule (dominance): every count
    src = np.r_[pairs[0], pairs[1]]
    dst = np.r_[pairs[1], pairs[0]]
    shared = np.r_[pairs[2], pairs[2]]
    sel = is_p[src] & is_pub[dst]
    a, b, s = src[sel], dst[sel], shared[sel]
    hit = np.zeros(len(a), dtype=bool)
    for qi, q in enumerate(qs):
        xa, xb = q[a], q[b]
        with np.errstate(invalid="ignore"):
            if unit is None or unit[qi]:
                sep = xa + xb - 2 * np.minimum(s, np.minimum(xa, xb))
                # unknown: below min_count; the least separation over 0 .. min_count - 1
                sep_unknown = xb - np.minimum(s, min_count - 1)
            else:
                sep = np.abs(xa - xb)
                sep_unknown = xb - (min_count - 1)
            close = small[a, qi] & np.where(unknown[a], sep_unknown < width, sep < width)
        hit |= close
    hide = np.zeros(len(is_p), dtype=bool)
    hide[b[hit]] = True
    return hide
