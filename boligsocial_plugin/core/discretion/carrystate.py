# SPDX-License-Identifier: GPL-2.0-or-later
"""The carry rule across runs: a later extract repeats what an earlier one published.

The carry rule (core.discretion.carry) walks the dates of one run. A municipality that
receives one extract a year and publishes each year's layers from it gets no walk: an area's
layer of d2 knows nothing of who lived there at d1, so each cell gets fresh noise, and every
geography holding a newcomer (a renamed one too) is one more independent noisy copy of his
figures. So the release register keeps, for every row a release shows, its *cell state*: the
person keys, per person and cell a one-byte code of the person's contribution (0: not in the
cell; 1: the value 1, as every member of a residents, denominator or 0/1 cell; else 2–129
from a hash of the person and the value), and the value each cell showed. A later run
compares each row (an area at a date of the run) with every recorded row at another date
that shares persons with it (any area id), per cell:

    changed = |A| + |B| − 2·(in both, same code) − (in both, other code)

the persons who entered, left or changed contribution, against recorded cells of any type
(a cell's value is the sum of its persons' contributions: the same definition under a new
code, or a nearly equal age band, is the same cell; another type binds only when the two
share a person with the same contribution). A recorded cell *binds* when fewer
than ``min_count`` changed (``2·min_count − 1`` when the recorded cell itself repeated an
older value: it stood for persons up to ``min_count − 1`` away from that value). A bound
cell repeats the recorded value (the published, perturbed value, with its as-of date), or
stays hidden (flag ``P``, as the crossing rule's; a cell the protection hid as ``S`` beside
such a recorded hidden cell is flagged ``P`` too) when every binding row hid it; with no
binding row the run's own walk decides (core.discretion.carry). After a repeated or hidden
date the walk asks ``2·min_count − 1`` changes for a new value. A code collision (1 in 128)
can only hide a change, so it repeats more, never less. The code of a value other than 1 is
PostgreSQL's ``(hashint8extended(key # hashint8extended(round(v * 1e6), S1), S2) & 127) + 2``
(core.personkeys.hash_int64), so a database can compute the same codes.

The codes are bytes, not the walk's 64-bit keys, and mostly 0 and 1, so the register stores
them compressed (about 3 bytes a person row for the built-in indicators).
"""
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core.indicators.definitions import (
    Indicator,
    contribution,
    population_mask,
)
from boligsocial_plugin.core.personkeys import hash_int64

#: the seeds of the contribution code (any fixed values below 2**63)
CODE_SEEDS = (0x6361727279, 0x7374617465)
#: the column of a cell's codes computed elsewhere (a database: qgis_io.pgstate), per cell
CODE_COLUMN = "cell_code_{}"


@dataclass
class CellState:
    """The cell state of some rows of a release (see the module doc)."""

    rows: np.ndarray      # the release's table row of each state row
    ptr: np.ndarray       # offsets of each state row's persons in keys/codes
    keys: np.ndarray      # uint64 person keys
    codes: np.ndarray     # (persons, cell types) uint8
    values: np.ndarray    # (state rows, cell types) the value shown (NaN: hidden / not shown)

    def subset(self, rows: np.ndarray, positions: np.ndarray) -> "CellState":
        """The state rows ``rows`` (indices into this state), renumbered ``positions``."""
        parts = [np.arange(self.ptr[i], self.ptr[i + 1]) for i in rows]
        idx = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        ptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in parts], out=ptr[1:])
        return CellState(np.asarray(positions, dtype=np.int64), ptr, self.keys[idx],
                         self.codes[idx], self.values[rows])

    def recorded(self, rows: np.ndarray, published: np.ndarray) -> Optional["CellState"]:
        """The state of the rows a release records (``rows``: table rows, in the register's
        order; ``published``: (len(rows), types) the cells recorded as published): values of
        other cells are not kept."""
        pos = np.searchsorted(rows, self.rows)
        ok = (pos < len(rows)) & (rows[np.minimum(pos, len(rows) - 1)] == self.rows) \
            if len(rows) else np.zeros(len(self.rows), dtype=bool)
        if not ok.any():
            return None
        out = self.subset(np.nonzero(ok)[0], pos[ok])
        out.values = np.where(published[pos[ok]], out.values, np.nan)
        return out


def contribution_codes(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    """The one-byte code (1: the value 1, else 2–129) of each person's contribution (see the
    module doc)."""
    values = np.asarray(values, dtype=float)
    out = np.ones(len(values), dtype=np.uint8)
    other = values != 1
    v = np.round(values[other] * 1e6).astype(np.int64).view(np.uint64)
    h = hash_int64(np.asarray(keys, dtype=np.uint64)[other] ^ hash_int64(v, CODE_SEEDS[0]),
                   CODE_SEEDS[1])
    out[other] = ((h & np.uint64(127)) + np.uint64(2)).astype(np.uint8)
    return out


def cell_codes(data: pd.DataFrame, indicators: Sequence[Indicator]) -> np.ndarray:
    """(person rows, cell types) uint8: each person's code in the residents and in each
    indicator's numerator and denominator (the cells of core.discretion.carry.row_changes);
    the columns ``cell_code_<c>`` when ``data`` holds them (codes computed by a database)."""
    n_types = 1 + 2 * len(indicators)
    if CODE_COLUMN.format(0) in data.columns:
        return np.stack([data[CODE_COLUMN.format(c)].to_numpy(dtype=np.uint8)
                         for c in range(n_types)], axis=1).reshape(len(data), n_types)
    keys = data["person_key"].to_numpy(dtype=np.uint64)
    out = np.zeros((len(data), n_types), dtype=np.uint8)
    out[:, 0] = 1
    for j, ind in enumerate(indicators):
        pop = population_mask(ind, data)
        val = np.asarray(contribution(ind, data), dtype=float)
        unknown = np.isnan(val)
        v0 = np.where(unknown, 0.0, val)
        known = pop & ~unknown if ind.kind == "mean" else pop
        num = known & (v0 != 0)
        out[num, 1 + 2 * j] = contribution_codes(keys[num], v0[num])
        out[:, 2 + 2 * j] = 1 if ind.kind == "count" else known.astype(np.uint8)
    return out


def row_of_persons(published: pd.DataFrame, data: pd.DataFrame, area: np.ndarray,
                   rows: np.ndarray) -> np.ndarray:
    """Per person row: its position in ``rows`` (rows of the published table: an area at a
    date), -1 none."""
    dates = sorted({str(d) for d in published["ref_date"]})
    d_of = {d: k for k, d in enumerate(dates)}
    n_d = len(dates)
    row_a = published["area_idx"].to_numpy(dtype=np.int64)
    table = row_a[rows] * n_d + np.array(
        [d_of[str(d)] for d in published["ref_date"].to_numpy()[rows]], dtype=np.int64)
    codes, uniq = pd.factorize(data["ref_date"])  # the dates' text once, not per person
    of_uniq = np.array([d_of.get(u, -1) for u in pd.Series(uniq).astype(str)] + [-1],
                       dtype=np.int64)
    d = of_uniq[codes]  # code -1 (missing): the last entry, -1
    a = np.asarray(area, dtype=np.int64)
    n_a = int(max(a.max(initial=-1), row_a.max(initial=-1))) + 1
    lookup = np.full(n_a * n_d + 1, -1, dtype=np.int64)
    lookup[table] = np.arange(len(rows))
    ok = (a >= 0) & (d >= 0)
    return np.where(ok, lookup[np.where(ok, a * n_d + d, n_a * n_d)], -1)


def state_of(published: pd.DataFrame, data: pd.DataFrame, area: np.ndarray,
             codes: np.ndarray, indicators: Sequence[Indicator], rows: np.ndarray
             ) -> CellState:
    """The cell state of the published table's ``rows`` (their shown values: the table after
    the carry rule); ``codes``: :func:`cell_codes` of ``data``."""
    rows = np.asarray(rows, dtype=np.int64)
    pos = row_of_persons(published, data, area, rows)
    sel = np.nonzero(pos >= 0)[0]
    order = sel[np.lexsort((data["person_key"].to_numpy(dtype=np.uint64)[sel], pos[sel]))]
    ptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(np.bincount(pos[order], minlength=len(rows)), out=ptr[1:])
    cols = ["residents"] + [f"{i.code}_{x}" for i in indicators for x in ("num", "den")]
    values = published[cols].to_numpy(dtype=float)[rows]
    return CellState(rows, ptr, data["person_key"].to_numpy(dtype=np.uint64)[order],
                     codes[order], values)


def state_rows(published: pd.DataFrame, shown: Optional[Sequence[str]]) -> np.ndarray:
    """The rows whose state is recorded: every row shown."""
    d = published["ref_date"].astype(str)
    ok = np.ones(len(d), dtype=bool) if shown is None else \
        d.isin({str(x) for x in shown}).to_numpy()
    return np.nonzero(ok)[0]


@dataclass
class Recorded:
    """Recorded cell states of earlier releases: the cell types asked for first, then every
    other type recorded."""

    labels: List[str]
    dates: List[str]
    as_of: np.ndarray        # (rows, types) object: the date whose value was shown ('' none)
    hidden: np.ndarray       # (rows, types)
    shown: np.ndarray        # (rows, types): published
    values: np.ndarray       # (rows, types)
    ptr: np.ndarray
    keys: np.ndarray
    codes: np.ndarray        # (persons, types) uint8; a type the release lacked: 0


@dataclass
class Bound:
    """What the register binds one cell of each row of a table to (arrays over its rows)."""

    repeat: np.ndarray       # repeat a recorded value
    value: np.ndarray
    as_of: np.ndarray        # object
    hide: np.ndarray         # every binding recorded cell was hidden: stays hidden (S)


def bind_rows(recorded: Recorded, published: pd.DataFrame, data: pd.DataFrame,
              area: np.ndarray, all_codes: np.ndarray, min_count: int) -> Dict[int, Bound]:
    """Per cell type index: the :class:`Bound` of every row of the published table (arrays
    over its rows) against the recorded rows' cells of any type: a cell's value is the sum of
    its persons' contributions, so a recorded cell of another indicator with nearly the same
    persons and contributions (the same indicator under a new code, a reworded definition)
    binds as the same indicator's does. ``all_codes``: :func:`cell_codes` of ``data``."""
    n_rows = len(published)
    pos = row_of_persons(published, data, area, np.arange(n_rows))
    sel = np.nonzero(pos >= 0)[0]
    codes = all_codes[sel]
    n_q, n_rec = len(recorded.labels), recorded.codes.shape[1]
    q_of = np.repeat(np.arange(n_q), np.diff(recorded.ptr))
    m = pd.DataFrame({"k": data["person_key"].to_numpy(dtype=np.uint64)[sel].view(np.int64),
                      "i": np.arange(len(sel))}).merge(
        pd.DataFrame({"k": recorded.keys.view(np.int64), "j": np.arange(len(q_of))}), on="k")
    pair, uniq = pd.factorize(pos[sel][m["i"].to_numpy()] * n_q + q_of[m["j"].to_numpy()])
    order = np.argsort(pair, kind="stable")
    ca, cb = codes[m["i"].to_numpy()[order]], recorded.codes[m["j"].to_numpy()[order]]
    seg = np.zeros(len(uniq) + 1, dtype=np.int64)
    np.cumsum(np.bincount(pair, minlength=len(uniq)), out=seg[1:])
    pr, pq = uniq // n_q, uniq % n_q
    size_a = np.stack([np.bincount(pos[sel], weights=codes[:, c] > 0, minlength=n_rows)
                       for c in range(codes.shape[1])], axis=1)
    size_b = np.stack([np.bincount(q_of, weights=recorded.codes[:, c] > 0, minlength=n_q)
                       for c in range(n_rec)], axis=1)
    rec_dates = np.array(recorded.dates, dtype=object)
    known = recorded.hidden | recorded.shown
    older = recorded.shown & (recorded.as_of != rec_dates[:, None])
    need_q = np.where(older, 2 * min_count - 1, min_count)
    out: Dict[int, Bound] = {}
    for c in range(codes.shape[1]):
        found = []  # (pair index, recorded cell, changes)
        for c2 in range(n_rec):
            near = known[pq, c2] & (np.abs(size_a[pr, c] - size_b[pq, c2]) < need_q[pq, c2])
            if not near.any():
                continue
            p = np.nonzero(near)[0]
            idx = _segments(seg, p)
            a, b = ca[idx, c], cb[idx, c2]
            grp = np.repeat(np.arange(len(p)), seg[p + 1] - seg[p])
            same = np.bincount(grp, weights=(a > 0) & (a == b), minlength=len(p))
            diff = np.bincount(grp, weights=(a > 0) & (b > 0) & (a != b), minlength=len(p))
            changed = size_a[pr[p], c] + size_b[pq[p], c2] - 2 * same - diff
            ok = (changed < need_q[pq[p], c2]) & ((c2 == c) | (same > 0))
            found += [(p[ok], np.full(int(ok.sum()), c2), changed[ok])]
        out[c] = _choose(found, pr, pq, recorded, rec_dates, n_rows, c)
    return out


def _segments(seg: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The indices of the segments ``p`` (offsets ``seg``), in order."""
    lens = seg[p + 1] - seg[p]
    if not lens.sum():
        return np.zeros(0, dtype=np.int64)
    start = np.repeat(seg[p] - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens)
    return start + np.arange(int(lens.sum()))


def _choose(found, pr, pq, recorded: Recorded, rec_dates, n_rows: int, c: int) -> Bound:
    """Per row the binding recorded cell to repeat: published, fewest changes, the same cell
    type, the latest date; hidden when every binding cell was hidden."""
    b = Bound(np.zeros(n_rows, dtype=bool), np.full(n_rows, np.nan),
              np.full(n_rows, "", dtype=object), np.zeros(n_rows, dtype=bool))
    if not found or not sum(len(f[0]) for f in found):
        return b
    p = np.concatenate([f[0] for f in found])
    c2 = np.concatenate([f[1] for f in found])
    changed = np.concatenate([f[2] for f in found])
    b.hide[np.unique(pr[p])] = True
    shown = recorded.shown[pq[p], c2]
    p, c2, changed = p[shown], c2[shown], changed[shown]
    if len(p):
        order = np.lexsort((-_date_rank(rec_dates[pq[p]]), c2 != c, changed, pr[p]))
        first = order[np.unique(pr[p][order], return_index=True)[1]]
        r = pr[p[first]]
        b.repeat[r] = True
        b.value[r] = recorded.values[pq[p[first]], c2[first]]
        b.as_of[r] = recorded.as_of[pq[p[first]], c2[first]]
        b.hide[r] = False
    return b


def _date_rank(dates: np.ndarray) -> np.ndarray:
    """An integer rank of ISO dates (later: larger)."""
    return pd.factorize(np.asarray(dates, dtype=str), sort=True)[0] if len(dates) else \
        np.zeros(0, dtype=np.int64)


def register_binding(release, data: Optional[pd.DataFrame], area,
                     codes: Optional[np.ndarray], dates: Sequence[str], pub, min_count: int
                     ) -> Optional[Dict[int, Bound]]:
    """What the register's cell states of dates not in the run bind each row of the
    release's table to (:func:`bind_rows`; ``codes``: :func:`cell_codes` of ``data``), or
    None."""
    if pub.register is None or data is None or codes is None:
        return None
    inside = np.asarray(area) >= 0
    recorded = pub.register.cell_states(release.result.types, dates,
                                        data["person_key"].to_numpy(dtype=np.uint64)[inside])
    if recorded is None:
        return None
    return bind_rows(recorded, release.result.published, data, area, codes, min_count)


def keep_state(release, data, area, codes, indicators, pub, shown) -> None:
    """Attach the cell state of every row shown, for the register."""
    if pub.register is None or data is None or codes is None:
        return
    published = release.result.published
    release.carry_state = state_of(published, data, area, codes, indicators,
                                   state_rows(published, shown))
