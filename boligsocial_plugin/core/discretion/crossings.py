# SPDX-License-Identifier: GPL-2.0-or-later
"""The crossing rule's pairs and distances (part of core.discretion.timerules).

A ``P`` count and a published count of the same indicator at another date pin the hidden
count when the attacker knows the persons whose membership in the *cell* differs: with ``d``
of them, ``x_P ≥ MIN_COUNT − d``. So the distance of two rows is counted per cell, from the
persons' own contributions (:class:`CellIndex`: ``Σ |c_a − c_b|`` over the persons of both
rows, a mover counting with his contribution, a resident whose attribute changed with its
change), not as the number of persons who moved; and the rows compared are any two of
different dates that share persons, whatever their labels (:func:`crossing_pairs`: a district
renamed or re-cut, a region merged from earlier areas), besides the dates of one label.
"""
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.linkage import Populations
from boligsocial_plugin.core.indicators import Indicator
from boligsocial_plugin.core.indicators.definitions import contribution, population_mask

#: distance(a rows, b rows, quantity) -> persons that differ, per pair
Distance = Callable[[np.ndarray, np.ndarray, int], np.ndarray]


class CellIndex:
    """Each person's part in the counted quantities of the cells of the rows compared, to count
    the persons whose membership in a cell differs between two rows.

    ``data``: the person rows with ``ref_date``, ``person_key`` and the indicators' columns (as
    core.pipeline.GroupFigures); ``pop_of``: the populations of the rows compared. The
    quantities are those the primary rules test (timerules._quantities): residents; per
    indicator its population, and for shares and counts the persons contributing, those
    contributing less than fully, the numerator and its complement. Every row's persons
    (*entries*) are numbered once; a cell kind's parts are computed over all person rows in
    one pass, and the distances of many pairs at once.
    """

    def __init__(self, data: pd.DataFrame, indicators: Sequence[Indicator], pops: Populations,
                 pop_of: np.ndarray):
        self.data = data
        self.indicators = {i.code: i for i in indicators}
        sizes = pops.size()[pop_of]
        self.ptr = np.r_[0, np.cumsum(sizes)].astype(np.int64)
        self.owner = np.repeat(np.arange(len(pop_of), dtype=np.int64), sizes)
        parts = [pops.members(int(p)) for p in pop_of]
        keys = np.concatenate(parts) if parts else np.zeros(0, np.uint64)
        pid, uniq = pd.factorize(keys, sort=True)  # sorted: ascending within each row
        self.n_persons = max(1, len(uniq))
        self.comp = self.owner * self.n_persons + pid.astype(np.int64)
        self.pid = pid.astype(np.int64)
        self.entry_row = np.full(len(keys), -1, dtype=np.int64)
        codes, names = pd.factorize(data["ref_date"], sort=True)
        code_of = {u: k for k, u in enumerate(pd.Series(names).astype(str))}
        by_date: Dict[str, List[int]] = {}
        for r, p in enumerate(pop_of.tolist()):
            by_date.setdefault(pops.dates[p], []).append(r)
        data_keys = data["person_key"].to_numpy().astype(np.uint64)
        for date, rows in by_date.items():
            drows = np.nonzero(codes == code_of.get(date, -2))[0]
            if not len(drows):
                continue
            order = np.argsort(data_keys[drows], kind="stable")
            drows, dkeys = drows[order], data_keys[drows][order]
            ent = _ranges(self.ptr[rows], self.ptr[np.asarray(rows) + 1])
            pos = np.minimum(np.searchsorted(dkeys, keys[ent]), len(dkeys) - 1)
            ok = dkeys[pos] == keys[ent]
            self.entry_row[ent[ok]] = drows[pos[ok]]
        missing = np.bincount(self.owner, weights=self.entry_row < 0, minlength=len(pop_of))
        self.known = missing == 0
        self._kind = ""
        self._base: Tuple[np.ndarray, ...] = ()
        self._signed = False

    def _parts(self, kind: str, qi: int, n_quantities: int, entries: np.ndarray) -> np.ndarray:
        """The parts of ``entries`` in quantity ``qi`` of ``kind`` (0 where a person is not in
        the data); the persons' figures of one kind are kept at a time."""
        if kind != self._kind:
            ind = self.indicators.get(kind) if kind != "residents" else None
            self._base = _person_base(self.data, ind)
            v0 = self._base[1]
            self._signed = bool((v0 < 0).any() or (v0 > 1).any())
            self._kind = kind
        rows = self.entry_row[entries]
        ok = rows >= 0
        out = np.zeros(len(entries))
        if ok.any():
            sub = tuple(c[rows[ok]] for c in self._base)
            out[ok] = _quantity(sub, qi, n_quantities)
        return out

    def _absolute(self, qi: int, n_quantities: int, rows: np.ndarray) -> np.ndarray:
        """Σ |part| over the persons of each of ``rows`` (for parts that can be negative)."""
        ent = _ranges(self.ptr[rows], self.ptr[rows + 1])
        own = np.repeat(np.arange(len(rows)), self.ptr[rows + 1] - self.ptr[rows])
        return np.bincount(own, weights=np.abs(self._parts(self._kind, qi, n_quantities, ent)),
                           minlength=len(rows))

    def distance(self, kind: str, qs: List[np.ndarray], min_count: int,
                 fallback: Callable[[int, int], int]) -> Distance:
        """The distance of rows ``a`` (the ``P`` ones) and ``b`` (published) in quantity
        ``qi`` of ``kind``: Σ over the persons of both of the change of each one's
        contribution (a person in one row only counts with his contribution): the persons
        ``a`` contributes (the few of a small count) looked up in ``b``, and ``b``'s other
        contributions in one sum.

        When ``a``'s persons are not in the data (an earlier release of another extract), a
        lower bound: the contributions of ``b``'s persons who are not in ``a``, and at least
        ``q_b − (min_count − 1)`` (a count ``a`` is small in is below ``min_count``).
        ``fallback`` (the persons who moved in or out) when ``b``'s persons are not at hand.
        ``qs``: the rows' quantities (a published row's are the sums of its persons' parts).
        """
        n_quantities = len(qs)

        def dist(a: np.ndarray, b: np.ndarray, qi: int) -> np.ndarray:
            ua, inv = np.unique(a, return_inverse=True)
            ent = _ranges(self.ptr[ua], self.ptr[ua + 1])
            own = np.repeat(np.arange(len(ua)), self.ptr[ua + 1] - self.ptr[ua])
            part = self._parts(kind, qi, n_quantities, ent)
            mine = (part != 0) | ~self.known[ua][own]  # unknown: every person
            ent, own, part = ent[mine], own[mine], part[mine]
            counts = np.bincount(own, minlength=len(ua))
            start = np.r_[0, np.cumsum(counts)][:-1]
            per = counts[inv]
            rep = np.repeat(np.arange(len(a)), per)
            sel = _ranges(start[inv], start[inv] + per)
            e_a, ca = ent[sel], part[sel]
            target = b[rep] * self.n_persons + self.pid[e_a]
            pos = np.minimum(np.searchsorted(self.comp, target), max(len(self.comp) - 1, 0))
            found = self.comp[pos] == target if len(self.comp) else np.zeros(0, bool)
            cb = np.zeros(len(pos))
            cb[found] = self._parts(kind, qi, n_quantities, pos[found])
            total = qs[qi][b]
            absolute = self._absolute(qi, n_quantities, b) if self._signed else total
            in_b = np.bincount(rep, weights=np.abs(cb), minlength=len(a))
            rest_b = absolute - in_b
            known = np.maximum(np.bincount(rep, weights=np.abs(ca - cb),
                                           minlength=len(a)) + rest_b, 0.0)
            lower = np.maximum(rest_b, total - (min_count - 1))
            out = np.where(self.known[a], known, lower)
            for x in np.nonzero(~self.known[b])[0].tolist():
                out[x] = fallback(int(a[x]), int(b[x]))
            return out

        return dist


def _ranges(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The concatenated ``arange(s, e)`` of each start and end."""
    starts = np.asarray(starts, dtype=np.int64)
    lens = np.asarray(ends, dtype=np.int64) - starts
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.r_[0, np.cumsum(lens)][:-1]
    return np.repeat(starts - offsets, lens) + np.arange(total, dtype=np.int64)


def cell_index(group_tables, indicators: Sequence[Indicator], pops: Populations,
               pop_of: np.ndarray) -> Optional[CellIndex]:
    """The cells' persons from the group tables' person rows (core.pipeline.GroupFigures'
    ``data``); None when they are elsewhere (a database)."""
    data = getattr(group_tables, "data", None)
    if not isinstance(data, pd.DataFrame) or not {"ref_date", "person_key"} <= set(data.columns):
        return None
    return CellIndex(data, indicators, pops, pop_of)


def rows_distance(differ: Callable[[int, int], int]) -> Distance:
    """The persons who moved in or out (``differ``) as the distance of every quantity: where
    the persons' figures are not at hand (a database)."""
    return lambda a, b, _qi: np.array([differ(int(x), int(y)) for x, y in zip(a, b)],
                                      dtype=float)


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


def _person_base(df: pd.DataFrame, ind: Optional[Indicator]
                 ) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per person row: in the indicator's population with a known value, the contribution
    (unknown: 0) and the part in the denominator (residents: every person)."""
    n = len(df)
    if ind is None:
        one = np.ones(n)
        return one, np.zeros(n), one
    pop = population_mask(ind, df)
    val = contribution(ind, df)
    unknown = np.isnan(val)
    known = pop & ~unknown if ind.kind == "mean" else pop
    v0 = np.where(known & ~unknown, val, 0.0)
    den = np.ones(n) if ind.kind == "count" else known.astype(float)
    return known.astype(float), v0, den


def _quantity(base: Tuple[np.ndarray, ...], qi: int, n_quantities: int) -> np.ndarray:
    """One quantity of timerules._quantities from :func:`_person_base`: the population (for
    means the only one), the persons contributing, those contributing less than fully, the
    numerator, its complement."""
    known, v0, den = base
    if n_quantities == 1 or qi == 0:
        return den
    if qi == 1:
        return ((known > 0) & (v0 > 0)).astype(float)
    if qi == 2:
        return ((known > 0) & (v0 < 1)).astype(float)
    return v0 if qi == 3 else den - v0


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
           pairs: Tuple[np.ndarray, np.ndarray], distance: Distance, width: float,
           min_count: int) -> np.ndarray:
    """The crossing rule for one cell kind: the published rows (of this release) to hide,
    those whose cell differs by fewer than ``width`` persons from a ``P`` row ``is_p`` in a
    count the ``P`` cell is small in (see timerules._crossing_suppression). ``unknown``: rows
    whose figures are not known (an earlier release of persons not in this run), taken as
    small (below ``min_count``) in every count.

    Every published cell is compared with the ``P`` cells directly, not through the cells
    hidden here: the persons that differ along a chain a → b → c are at least those that
    differ between a and c (a distance), so a chain never reaches further than the direct
    comparison (and the rule hid cells months away before, one person a month).
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
            hit[close[distance(a[close], b[close], qi) < width]] = True
    hide = np.zeros(len(is_p), dtype=bool)
    hide[b[hit]] = True
    return hide
