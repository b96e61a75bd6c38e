# SPDX-License-Identifier: GPL-2.0-or-later
"""The carry rule of series outputs: a cell shows a new value only after enough persons changed.

Cell-key noise (core.discretion.perturbation) is keyed on the row's population, so in a monthly
series a cell whose persons and values did not change gets an independent noisy copy whenever
anybody else in its row moved, was born or died; averaging the copies before and after a known
newcomer's arrival recovers his contribution. The rule (Statistics Denmark's logic for
differences: a change is shown only when it concerns a group large enough to be published on
its own): walking the dates of each area in order, a cell (the residents; each indicator's
numerator and denominator) shows a new value at date t only when the persons behind it changed
by at least ``min_count`` since the date u of its last shown value. "Changed" counts the persons
who entered or left the cell and those in both whose contribution changed (an amount, a
full-time fraction): each person's *contribution key* is a hash of the person key and the
value. Otherwise the cell shows the value it showed at u: the same protected, perturbed value,
so a series holds one noisy copy per group of ``min_count`` changes, never one per month.

Hidden stays hidden: a cell the protection hides at t is hidden at t (its flag) and becomes the
reference of the next dates; a cell hidden at u and publishable at t with fewer than
``min_count`` persons changed stays hidden (flag S). The rule only removes information from an
audited release.

Vectorised: per cell an entity per distinct (area, contribution key), a presence matrix
entities × dates, and one pass over the dates (at step t the persons in both the reference date
and t of every area are one bincount).
"""
import time
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.carryaccuracy import accuracy
from boligsocial_plugin.core.discretion.carrystate import (
    Bound,
    cell_codes,
    keep_state,
    register_binding,
)
from boligsocial_plugin.core.discretion.release import indicator_value
from boligsocial_plugin.core.indicators.definitions import (
    Indicator,
    contribution,
    population_mask,
)
from boligsocial_plugin.core.personkeys import mix64

#: contributions enter the key at this precision (amounts in whole kroner and finer)
VALUE_PRECISION = 1e-6
_SALT_CELL = np.uint64(0xCA77E5EED)


@dataclass
class Walk:
    """The result of the walk of one cell over an areas × dates grid.

    ``source[a, t]``: the date index whose value is shown at (a, t) (t itself: a new value;
    earlier: carried; -1: hidden). ``kept_hidden``: hidden by the rule (publishable, but too
    few persons changed since the cell was hidden).
    """

    source: np.ndarray
    kept_hidden: np.ndarray


def contribution_keys(person_keys: np.ndarray, values: Optional[np.ndarray],
                      cell: int) -> np.ndarray:
    """A 64-bit key per person row: the person, the cell and the value (None: 1)."""
    k = mix64(np.asarray(person_keys, dtype=np.uint64) ^ (_SALT_CELL * np.uint64(cell + 1)))
    if values is None:
        return k
    v = np.round(np.asarray(values, dtype=float) / VALUE_PRECISION)
    with np.errstate(over="ignore"):
        return mix64(k ^ mix64(v.astype(np.int64).view(np.uint64)))


#: an anchor for a date whose earlier value came from a snapshot not in this run
LOST = -2


class Presence:
    """Which entities (a distinct area and key: a person, or a person with a contribution)
    are present at which date, each standing for ``weight`` of them (a database hands out
    only how many entities of an area share one pattern of dates)."""

    def __init__(self, area: np.ndarray, at: np.ndarray, n_areas: int,
                 weight: Optional[np.ndarray] = None):
        self.area = np.asarray(area, dtype=np.int64)
        self.at = at
        self.weight = weight
        self.n_areas = n_areas
        self.ents = np.arange(len(self.area))
        # the dates as bits of 64-bit words (words, entities): one date of every entity is a
        # shift of its word, not a gather from a row of booleans
        n_dates = at.shape[1]
        self.words = np.zeros(((n_dates + 63) // 64, len(self.area)), dtype=np.uint64)
        for t in range(n_dates):
            self.words[t >> 6] |= at[:, t].astype(np.uint64) << np.uint64(t & 63)

    @classmethod
    def of_rows(cls, area: np.ndarray, date: np.ndarray, keys: np.ndarray, n_areas: int,
                n_dates: int) -> "Presence":
        """From person rows: each one's area and date index and its key."""
        code = pd.factorize(mix64(keys ^ mix64(area.astype(np.uint64))))[0] \
            if len(keys) else np.zeros(0, dtype=np.int64)
        n_ent = int(code.max()) + 1 if len(code) else 0
        at = np.zeros((n_ent, n_dates), dtype=bool)
        at[code, date] = True
        ent_area = np.zeros(n_ent, dtype=np.int64)
        ent_area[code] = area
        return cls(ent_area, at, n_areas)

    def common(self, ref: np.ndarray, t: int) -> np.ndarray:
        """Per area: entities present both at ``ref[a]`` and at ``t``."""
        r = np.maximum(ref, 0)[self.area]
        if len(self.words) == 1:
            at_r = self.words[0] >> r.astype(np.uint64)
        else:
            at_r = self.words[r >> 6, self.ents] >> (r & 63).astype(np.uint64)
        both = (at_r & (self.words[t >> 6] >> np.uint64(t & 63)) & np.uint64(1)).astype(bool)
        w = None if self.weight is None else self.weight[both]
        return np.bincount(self.area[both], weights=w, minlength=self.n_areas).astype(np.int64)

    def sizes(self) -> np.ndarray:
        """(areas, dates): entities present."""
        n_dates = self.at.shape[1]
        cell = self.area[:, None] * n_dates + np.arange(n_dates)[None, :]
        w = None if self.weight is None else np.broadcast_to(
            self.weight[:, None], self.at.shape)[self.at]
        return np.bincount(cell[self.at], weights=w, minlength=self.n_areas * n_dates).reshape(
            self.n_areas, n_dates).astype(np.int64)


class Changes:
    """Persons of a cell who changed between two dates: entered, left, or in both with
    another contribution (``values``: entities of contributions; ``persons``: of persons,
    None when every contribution is 1)."""

    def __init__(self, values: Presence, persons: Optional[Presence] = None):
        self.values, self.persons = values, persons
        self.size = values.sizes()
        self.rows = np.arange(values.n_areas)
        self._last: Optional[Tuple[int, np.ndarray, np.ndarray]] = None

    def __call__(self, ref: np.ndarray, t: int) -> np.ndarray:
        """|P_u| + |P_t| − |P_u ∩ P_t| − |K_u ∩ K_t| per area (u = ``ref[a]``; P persons,
        K contributions; a huge number where ``ref`` is -1)."""
        if self._last is not None and self._last[0] == t and \
                np.array_equal(self._last[1], ref):
            return self._last[2]  # the same reference as the call before (walk_changes)
        same = self.values.common(ref, t)
        both = same if self.persons is None else self.persons.common(ref, t)
        out = self.size[self.rows, np.maximum(ref, 0)] + self.size[:, t] - both - same
        out = np.where(ref < 0, np.iinfo(np.int64).max // 2, out)
        self._last = (t, ref.copy(), out)
        return out


def walk(area: np.ndarray, date: np.ndarray, keys: np.ndarray, n_areas: int, n_dates: int,
         hidden: np.ndarray, min_count: int, anchor: Optional[np.ndarray] = None,
         persons: Optional[np.ndarray] = None) -> Walk:
    """Walk one cell over the dates of every area (see the module doc).

    ``area``, ``date``, ``keys``: the cell's person rows (area and date index, contribution
    key; ``persons``: their person keys when contributions differ from 1);
    ``hidden[a, t]``: the protection hides the cell (or the row is not published);
    ``anchor[a, t]``: the date index an earlier release showed at (a, t) (-1: none), taken
    when that value is publishable here, so a rolling window repeats what was published;
    ``LOST``: it showed a value of a snapshot not in this run. Such a cell is hidden (S) until
    ``2 min_count - 1`` persons changed: fewer than ``min_count`` had changed between that
    snapshot and this date, so the next value still differs from it by ``min_count``.

    A new value is shown at t when at least ``min_count`` persons changed since the last
    value shown (u) and since the last date the cell was hidden after u (as many as owed,
    see LOST); otherwise the value of u is shown again, or the cell stays hidden when it was
    hidden since u with too few changes.
    """
    changed = Changes(Presence.of_rows(area, date, keys, n_areas, n_dates),
                      None if persons is None else
                      Presence.of_rows(area, date, persons, n_areas, n_dates))
    return walk_changes(changed, hidden, min_count, anchor)


def walk_changes(changed: Changes, hidden: np.ndarray, min_count: int,
                 anchor: Optional[np.ndarray] = None,
                 forced: Optional[np.ndarray] = None) -> Walk:
    """:func:`walk` of a cell's :class:`Changes`; ``forced[a, t]``: the value at (a, t) is
    given (the register's cell state bound it, core.discretion.carrystate): it is shown, and
    the next dates owe ``2 min_count - 1`` changes (it stood for other persons).

    A new value is also compared with every earlier new value of the area, not only the last:
    where fewer than ``min_count`` persons changed since one of them (ten seasonal residents
    came and went, then a newcomer arrived), that value is shown again, so two published
    values of a cell always stand ``min_count`` persons apart."""
    n_areas, n_dates = hidden.shape
    source = np.full((n_areas, n_dates), -1, dtype=np.int64)
    kept = np.zeros((n_areas, n_dates), dtype=bool)
    ref = np.full(n_areas, -1, dtype=np.int64)      # the last date shown or hidden
    last = np.full(n_areas, -1, dtype=np.int64)     # the last date whose value was shown
    need = np.full(n_areas, min_count, dtype=np.int64)
    rows = changed.rows
    hist = np.full((n_areas, n_dates), -1, dtype=np.int64)  # each area's new values' dates
    n_hist = np.zeros(n_areas, dtype=np.int64)
    for t in range(n_dates):
        ch_ref = changed(ref, t)
        new = (ch_ref >= need) & (changed(last, t) >= min_count)
        hid = hidden[:, t]
        anc = anchor[:, t] if anchor is not None else np.full(n_areas, -1, dtype=np.int64)
        force = np.zeros(n_areas, dtype=bool) if forced is None else forced[:, t]
        back = _earlier_value(changed, hist, n_hist, last, new & ~hid & ~force & (anc == -1),
                              t, min_count)
        anc = np.where(back >= 0, back, anc)
        ok = (anc >= 0) & (anc <= t) & ~hid
        ok[ok] &= ~hidden[rows[ok], anc[ok]]
        lost = anc == LOST  # also where hidden now: the debt stays
        base = ~hid & ~ok & ~lost
        fresh = base & (new | force)
        carried = base & ~new & ~force & (last >= 0) & ((ref == last) | (ch_ref >= need))
        kept[base & ~fresh & ~carried, t] = True
        kept[lost & ~hid, t] = True
        source[fresh, t] = t
        source[carried, t] = last[carried]
        source[ok, t] = anc[ok]
        ref[hid | lost | fresh] = t
        ref[ok] = anc[ok]
        last[fresh] = t
        last[ok] = anc[ok]
        last[lost] = -1
        need[fresh | ok] = min_count
        need[lost] = 2 * min_count - 1
        need[force & fresh] = 2 * min_count - 1
        hist[fresh, n_hist[fresh]] = t
        n_hist[fresh] += 1
    return Walk(source, kept)


def _earlier_value(changed: Changes, hist: np.ndarray, n_hist: np.ndarray, last: np.ndarray,
                   cand: np.ndarray, t: int, min_count: int) -> np.ndarray:
    """Per area (of ``cand``, about to show a new value at ``t``): an earlier date whose new
    value stands fewer than ``min_count`` changes from ``t`` (the fewest), other than
    ``last``; -1 none."""
    back = np.full(len(last), -1, dtype=np.int64)
    if not cand.any() or int(n_hist[cand].max()) < 2:
        return back
    best = np.full(len(last), np.iinfo(np.int64).max, dtype=np.int64)
    for k in range(int(n_hist[cand].max())):
        s = hist[:, k]
        valid = cand & (k < n_hist) & (s != last) & (s >= 0)
        if not valid.any():
            continue
        ch = changed(np.where(valid, s, -1), t)
        better = valid & (ch < min_count) & (ch < best)
        back[better], best[better] = s[better], ch[better]
    return back


#: the cells of a row, in the order of core.discretion.links.cell_types: residents, then
#: each indicator's numerator and denominator
def cell_columns(indicators: Sequence[Indicator]) -> List[Tuple[str, Optional[str]]]:
    """(published column, indicator code or None) of each cell of a row."""
    out: List[Tuple[str, Optional[str]]] = [("residents", None)]
    for ind in indicators:
        out += [(f"{ind.code}_num", ind.code), (f"{ind.code}_den", ind.code)]
    return out


def row_changes(data: pd.DataFrame, area: np.ndarray, dates: Sequence[str],
                indicators: Sequence[Indicator], n_areas: int) -> List[Changes]:
    """The :class:`Changes` of every cell (:func:`cell_columns`) from person rows (``area``:
    each row's area index, -1 none): residents (every person); per indicator the numerator
    (persons of the population with a contribution other than 0, keyed with it) and the
    denominator (the population; the residents for counts)."""
    d_of = {str(d): k for k, d in enumerate(dates)}
    date_codes = pd.Series(data["ref_date"].astype(str).map(d_of)).fillna(-1).to_numpy(
        dtype=np.int64)
    inside = (np.asarray(area) >= 0) & (date_codes >= 0)
    pkeys = data["person_key"].to_numpy(dtype=np.uint64)
    area = np.asarray(area, dtype=np.int64)
    n_dates = len(dates)
    # one entity per (area, person), numbered once for every cell
    rows = np.nonzero(inside)[0]
    pcode, uniq = pd.factorize(pkeys[rows])
    ent_code, ent_pairs = pd.factorize(area[rows] * max(1, len(uniq)) + pcode)
    ent = np.full(len(area), -1, dtype=np.int64)
    ent[rows] = ent_code
    ent_area = (np.asarray(ent_pairs, dtype=np.int64) // max(1, len(uniq)))
    n_ent = len(ent_pairs)

    def present(m: np.ndarray, code: np.ndarray, n: int, e_area: np.ndarray) -> Presence:
        at = np.zeros((n, n_dates), dtype=bool)
        at[code, date_codes[m]] = True
        return Presence(e_area, at, n_areas)

    def of(m: np.ndarray, vals: Optional[np.ndarray], c: int) -> Changes:
        persons = present(m, ent[m], n_ent, ent_area)
        if vals is None or not (vals[m] != 1).any():  # every contribution 1: the persons
            return Changes(persons)
        keys = contribution_keys(ent[m].astype(np.uint64), vals[m], c)
        code, first = pd.factorize(keys)
        e_area = np.zeros(len(first), dtype=np.int64)
        e_area[code] = ent_area[ent[m]]
        return Changes(present(m, code, len(first), e_area), persons)

    residents = of(inside, None, 0)
    out = [residents]
    for j, ind in enumerate(indicators):
        pop = population_mask(ind, data) & inside
        val = np.asarray(contribution(ind, data), dtype=float)
        unknown = np.isnan(val)
        v0 = np.where(unknown, 0.0, val)
        known = pop & ~unknown if ind.kind == "mean" else pop
        out.append(of(known & (v0 != 0), v0, 1 + 2 * j))
        out.append(residents if ind.kind == "count" else of(known, None, 2 + 2 * j))
    return out


@dataclass
class CarryResult:
    """What the rule did to a published series (see :func:`carry_table`)."""

    published: pd.DataFrame
    #: (rows, cell types): the date whose value each cell shows ('' hidden)
    as_of: np.ndarray
    #: (rows, cell types): hidden now (by the protection or by the rule)
    hidden: np.ndarray
    cells: int = 0
    carried: int = 0
    kept_hidden: int = 0
    from_register: int = 0
    #: anchors to snapshots not in the run that the register's cell state replaced
    lost_bound: int = 0


def carry_table(published: pd.DataFrame, changes: Sequence[Changes], dates: Sequence[str],
                indicators: Sequence[Indicator], types: Sequence[str], min_count: int,
                anchors: Optional[Dict[str, np.ndarray]] = None,
                counted: Optional[np.ndarray] = None,
                bound: Optional[Dict[int, Bound]] = None) -> CarryResult:
    """Apply the carry rule to a published table of several dates.

    ``changes``: each cell's :class:`Changes` (:func:`row_changes`; order of
    :func:`cell_columns`) over ``dates``, the run's dates in order (every row's ``ref_date``
    among them); ``types``: the register's cell types of a row; ``anchors``: per cell type
    an (areas, dates) array of the date index an earlier release showed (-1 none, LOST);
    ``counted``: the rows the result's counts cover (None: all; an output of some dates);
    ``bound``: per cell index what the register binds each row of the table to
    (core.discretion.carrystate.bind_rows).
    """
    pub = published.copy()
    n_dates = len(dates)
    d_of = {str(d): k for k, d in enumerate(dates)}
    row_a = pub["area_idx"].to_numpy(dtype=np.int64)
    row_d = np.array([d_of[str(d)] for d in pub["ref_date"]], dtype=np.int64)
    n_areas = changes[0].size.shape[0]
    as_of = np.full((len(pub), len(types)), "", dtype=object)
    res = CarryResult(pub, as_of, np.zeros((len(pub), len(types)), dtype=bool))
    flags = {i.code: pub[f"{i.code}_flag"].to_numpy(dtype=object).copy() for i in indicators}
    cnt = np.ones(len(pub), dtype=bool) if counted is None else counted
    for c, (column, code) in enumerate(cell_columns(indicators)):
        col = pub[column].to_numpy(dtype=float)
        grid_hidden = np.ones((n_areas, n_dates), dtype=bool)
        grid_hidden[row_a, row_d] = np.isnan(col) if code is None else flags[code] != ""
        anchor = None if anchors is None else anchors.get(types[c])
        grid_val = np.full((n_areas, n_dates), np.nan)
        grid_val[row_a, row_d] = col
        b = None if bound is None else bound.get(c)
        rep = hide = np.zeros((n_areas, n_dates), dtype=bool)
        if b is not None:
            anchor, rep, hide, n_lost = _bind(b, row_a, row_d, grid_val, grid_hidden, anchor)
            res.lost_bound += n_lost
        w = walk_changes(changes[c], grid_hidden, min_count, anchor, rep)
        w.kept_hidden |= hide
        src = w.source[row_a, row_d]
        kept = w.kept_hidden[row_a, row_d]
        pub[column] = np.where(src >= 0, grid_val[row_a, np.maximum(src, 0)], np.nan)
        ext = (src >= 0) & rep[row_a, np.maximum(src, 0)]
        res.from_register += int((ext & cnt & (src == row_d)).sum())
        res.cells += int(((src >= 0) & cnt).sum())
        res.carried += int(((src >= 0) & ((src != row_d) | ext) & cnt).sum())
        res.kept_hidden += int((kept & cnt).sum())
        if anchor is not None:
            got = anchor[row_a, row_d]
            res.from_register += int(((got >= 0) & (src == got) & cnt).sum())
        if code is not None:
            flags[code][kept] = "S"
            # hidden because a recorded cell of nearly the same persons was hidden: P, as the
            # crossing rule flags a count a few persons from a small one (S would say that
            # this one is not small)
            flags[code][hide[row_a, row_d]] = "P"
            if b is not None:  # hidden (S) here, near a recorded hidden cell: P as well
                flags[code][b.hide & (flags[code] == "S")] = "P"
        as_of[:, c] = np.where(src >= 0, np.array(dates, dtype=object)[np.maximum(src, 0)], "")
        if b is not None:
            grid_asof = np.full((n_areas, n_dates), "", dtype=object)
            grid_asof[row_a, row_d] = b.as_of
            as_of[ext, c] = grid_asof[row_a[ext], src[ext]]
    _finish(pub, indicators, flags, {i.code: i.kind for i in indicators}, as_of, res.hidden)
    return res


def _bind(b: Bound, row_a: np.ndarray, row_d: np.ndarray, grid_val: np.ndarray,
          grid_hidden: np.ndarray, anchor: Optional[np.ndarray]):
    """Apply the register's binding of one cell (arrays over the table's rows at
    ``row_a``/``row_d``), in place: a bound value replaces the row's own and is shown (a
    repeat), a bound hidden cell is hidden. An earlier release of that very area and date
    wins (its anchor); one that carried a snapshot not in this run (LOST) is replaced by the
    binding (that snapshot's recorded value). Returns the anchor, the (areas, dates) grids
    repeated and hidden, and how many LOST anchors were replaced."""
    free = ~grid_hidden[row_a, row_d] & (b.repeat | b.hide)
    n_lost = 0
    if anchor is not None:
        anc = anchor[row_a, row_d]
        swap = free & (anc == LOST)
        if swap.any():
            anchor = anchor.copy()
            anchor[row_a[swap], row_d[swap]] = -1
            n_lost = int(swap.sum())
        free &= anchor[row_a, row_d] < 0
    rep = np.zeros(grid_val.shape, dtype=bool)
    hide = np.zeros(grid_val.shape, dtype=bool)
    r = free & b.repeat & ~np.isnan(b.value)
    rep[row_a[r], row_d[r]] = True
    grid_val[row_a[r], row_d[r]] = b.value[r]
    h = free & b.hide
    hide[row_a[h], row_d[h]] = True
    grid_hidden[row_a[h], row_d[h]] = True
    return anchor, rep, hide, n_lost


def _finish(pub: pd.DataFrame, indicators: Sequence[Indicator], flags: Dict[str, np.ndarray],
            kinds: Dict[str, str], as_of: np.ndarray, hidden: np.ndarray) -> None:
    """Flags, hidden pairs and values of every indicator from the shown num and den."""
    hidden[:, 0] = pub["residents"].isna().to_numpy()
    as_of[hidden[:, 0], 0] = ""
    for j, ind in enumerate(indicators):
        f = flags[ind.code]
        num = pub[f"{ind.code}_num"].to_numpy(dtype=float).copy()
        den = pub[f"{ind.code}_den"].to_numpy(dtype=float).copy()
        hide = f != ""
        num[hide], den[hide] = np.nan, np.nan
        val = indicator_value(kinds[ind.code], num, den)
        pub[f"{ind.code}_num"], pub[f"{ind.code}_den"] = num, den
        pub[f"{ind.code}_val"], pub[f"{ind.code}_flag"] = val, f
        hidden[:, 1 + 2 * j] = hide
        hidden[:, 2 + 2 * j] = hide
        as_of[hide, 1 + 2 * j] = ""
        as_of[hide, 2 + 2 * j] = ""
    oldest = [min((d for d in row if d), default="") for row in as_of]
    pub["figures_as_of"] = oldest


def anchor_grid(shown: Dict[Tuple[str, str], Dict[str, str]], labels: Sequence[str],
                dates: Sequence[str], types: Sequence[str], first: str = ""
                ) -> Tuple[Dict[str, np.ndarray], int]:
    """Per cell type an (areas, dates) grid of the date index earlier releases showed at
    each area's date (-1: none, or its date is not among ``dates``), and how many earlier
    as-of dates fell outside ``dates`` (so the walk starts afresh there). Dates before
    ``first`` are not published by this run: no anchor there."""
    d_of = {str(d): k for k, d in enumerate(dates)}
    grids = {t: np.full((len(labels), len(dates)), -1, dtype=np.int64) for t in types}
    lost = 0
    for a, lab in enumerate(labels):
        for t, d in enumerate(dates):
            got = shown.get((str(lab), str(d))) if str(d) >= first else None
            if not got:
                continue
            for typ, asof in got.items():
                if typ not in grids or not asof:
                    continue
                k = d_of.get(asof)
                if k is None:
                    lost += 1
                grids[typ][a, t] = LOST if k is None else k
    return grids, lost


def carry_release(release, data: Optional[pd.DataFrame], area: Optional[np.ndarray],
                  indicators: Sequence[Indicator], area_ids: Sequence[str],
                  pub, raw: Optional[pd.DataFrame] = None,
                  changes=None, shown: Optional[Sequence[str]] = None,
                  state_rows: Optional[Tuple[pd.DataFrame, np.ndarray]] = None
                  ) -> Optional[CarryResult]:
    """Apply the carry rule to a protected release of several dates, in place.

    ``release``: a core.pipeline.ProtectedRelease (its published table, hidden cell types,
    as-of dates and report are updated); ``data``/``area``: the person rows (with
    ``person_key`` and the indicators' columns) and each one's area index, or ``changes``:
    ``changes(dates)`` gives the cells' :class:`Changes` (a database); ``pub``: the
    core.pipeline.Publication (its register's recorded as-of dates are repeated); ``raw``:
    the exact table, to report the accuracy before and after (carryaccuracy); ``shown``:
    the dates the output shows (None: all), which the report counts; ``state_rows``: the
    person rows (and their area index) the register's cell state is taken from and bound to
    (core.discretion.carrystate) when not ``data``/``area``: a database's person rows with
    precomputed codes (qgis_io.pgstate). A release
    of one date, or of exact values (no noise to average: the protection's time rule already
    hides dates too close to each other), is left as it is (None).
    """
    from boligsocial_plugin.core.i18n import tr

    res = release.result
    dates = sorted({str(d) for d in res.published["ref_date"]})
    if not pub.perturbation.enabled or \
            (changes is None and (data is None or "person_key" not in data.columns)):
        return None
    t0 = time.perf_counter()
    labels = [str(a) for a in area_ids]
    m = max(1, release.rules.min_count)
    s_data, s_area = (data, area) if state_rows is None else state_rows
    codes = None if pub.register is None or s_data is None else cell_codes(s_data, indicators)
    bound = register_binding(release, s_data, s_area, codes, dates, pub, m)
    if len(dates) < 2 and bound is None:
        keep_state(release, s_data, s_area, codes, indicators, pub, shown)
        return None
    anchors, lost = None, 0
    if pub.register is not None:
        anchors, lost = anchor_grid(pub.register.shown_as_of(labels), labels, dates,
                                    res.types, getattr(pub, "carry_from", ""))
    cells = changes(dates) if changes is not None else \
        row_changes(data, np.asarray(area), dates, indicators, len(labels))
    before = res.published
    counted = None if shown is None else \
        before["ref_date"].astype(str).isin({str(d) for d in shown}).to_numpy()
    out = carry_table(before, cells, dates, indicators, res.types, m, anchors, counted,
                      bound)
    lost -= out.lost_bound
    res.published = out.published
    keep_state(release, s_data, s_area, codes, indicators, pub, shown)
    res.hidden_types = res.hidden_types | out.hidden
    release.as_of = out.as_of
    flags = out.published[[f"{i.code}_flag" for i in indicators]].to_numpy(dtype=object)
    res.report["primary"] = int((flags == "P").sum())  # the register's P too (carrystate)
    res.report["secondary"] = int((flags == "S").sum())
    res.report["carry"] = {"cells": out.cells, "carried": out.carried,
                           "kept_hidden": out.kept_hidden, "from_register": out.from_register,
                           "restarted": lost, "min_count": release.rules.min_count,
                           "seconds": round(time.perf_counter() - t0, 3)}
    if raw is not None:
        res.report["carry"]["accuracy"] = accuracy(before, out.published, raw, indicators) \
            if counted is None else accuracy(before.loc[counted], out.published.loc[counted],
                                             raw, indicators)
    if lost:
        res.report.setdefault("warnings", []).append(tr(
            "{n} figures published before were carried from snapshots that are not in this "
            "run; they are hidden (S) until enough persons changed, and the series starts "
            "afresh from {d}. Include the earlier snapshots in the run to continue the "
            "published series.").format(n=lost, d=dates[0]))
    return out


def shown_dates_of(release) -> Optional[List[str]]:
    """The dates of a release's rows an output shows (ProtectedRelease.limit; None: all)."""
    if release.shown is None:
        return None
    dates = release.published["ref_date"].astype(str).to_numpy()
    return sorted(set(dates[release.shown.any(axis=1)]))


def earlier_snapshots(register, labels: Sequence[str], first: str,
                      available: Sequence[str]) -> List[str]:
    """The snapshots before ``first`` (among ``available``) whose values earlier releases
    showed at ``first`` or later: a series from ``first`` needs them to repeat those values
    (a rolling window) instead of hiding them."""
    want = set()
    for (_lab, d), cells in register.shown_as_of(labels).items():
        if d >= first:
            want |= {a for a in cells.values() if a and a < first}
    return sorted(want & {str(a) for a in available})


def not_carried(release, pub) -> None:
    """Say in the release's warnings that a series of several dates was not carried (a
    database source without person ids: nobody can tell who changed)."""
    from boligsocial_plugin.core.i18n import tr

    dates = {str(d) for d in release.result.published["ref_date"]}
    if len(dates) < 2 or not pub.perturbation.enabled:
        return
    release.result.report.setdefault("warnings", []).append(tr(
        "This series is published without the carry rule (the person table has no person "
        "id): a figure whose persons did not change gets a new noisy value whenever its "
        "area changes, and many such copies can be averaged. Do not publish a series of "
        "many snapshots from it; give the person id column, or publish single dates."))
