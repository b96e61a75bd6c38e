# SPDX-License-Identifier: GPL-2.0-or-later
"""The carry rule for the elevator profiles of the moves: a later window repeats what an
earlier release published for nearly the same persons.

The profiles (core.discretion.moves) publish, per area, the numerator and denominator of
each indicator for the arrivals (at TO_DATE), the leavers (at FROM_DATE) and the stayers (at
TO_DATE). Each is keyed on its group's persons, so a window two years later whose stayers are
the same persons and one newcomer got fresh noise: every area holding him was one more
independent noisy copy of the stayers with and without him, and averaging the differences
over a few geographies gave his attributes. So, as the indicator layer's rows do
(core.discretion.carrystate), each profile group is compared with every row the release
register recorded with a cell state, at any date (the same date too: the profiles are not in
the register's population links) and under any label: a cell with fewer than ``min_count``
persons entered, left or changed contribution repeats the recorded published value, or is
hidden (flag ``P``, and protected by the profile system's secondary suppression) when every
binding recorded cell was hidden. The groups' own cell states are recorded with the release,
so the next window binds to them, and so does a later indicator layer of any geography.
"""
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.carrystate import (
    Bound,
    CellState,
    Recorded,
    bind_rows,
)
from boligsocial_plugin.core.discretion.moves_profiles import (
    P_IN,
    P_OUT,
    P_STAY,
    PROFILE_ROWS,
    ProfileSystem,
)
from boligsocial_plugin.core.discretion.rules import PRIMARY, PUBLISHED

#: the published groups in the order of the profile flags (in, out, stay)
GROUPS = (P_IN, P_OUT, P_STAY)


def group_persons(md) -> Optional[Tuple[np.ndarray, np.ndarray, np.ndarray, List[str]]]:
    """(group row, person key, codes, the date of each group row) of every person in a
    profile group: row ``g * n + area`` for g in (arrivals, leavers, stayers); None without
    persons or their codes (core.moves.MovePersons)."""
    mp = md.persons
    if mp is None or mp.codes_to is None or mp.codes_from is None or not md.indicators:
        return None
    n = len(md.area_ids)
    at, pt, af, nf = mp.area_to, mp.prev_to, mp.area_from, mp.next_from
    parts = ((0, pt != at, at, mp.key_to, mp.codes_to),
             (1, nf != af, af, mp.key_from, mp.codes_from),
             (2, pt == at, at, mp.key_to, mp.codes_to))
    row = np.concatenate([g * n + a[m] for g, m, a, _k, _c in parts]).astype(np.int64)
    keys = np.concatenate([k[m] for _g, m, _a, k, _c in parts]).astype(np.uint64)
    codes = np.concatenate([c[m] for _g, m, _a, _k, c in parts])
    dates = [str(md.to_date)] * n + [str(md.from_date)] * n + [str(md.to_date)] * n
    return row, keys, codes, dates


@dataclass
class ProfileBinding:
    """What the register binds the profile groups to: per cell type a
    :class:`~boligsocial_plugin.core.discretion.carrystate.Bound` over the group rows
    (``g * n + area``) against the recorded rows of every date (``every``: its repeats are
    shown) and of the dates not in the run (``other``)."""

    every: Dict[int, Bound]
    other: Dict[int, Bound]


def bind_profiles(md, register, types, min_count: int) -> Optional[ProfileBinding]:
    """The :class:`ProfileBinding` of the profile groups (``types``: cell types of the
    profile indicators, core.discretion.links.cell_types), or None."""
    got = group_persons(md)
    if register is None or got is None:
        return None
    row, keys, codes, dates = got
    table = pd.DataFrame({"area_idx": np.arange(len(dates)), "ref_date": dates})
    data = pd.DataFrame({"person_key": keys,
                         "ref_date": np.asarray(dates, dtype=object)[row]})
    recorded = register.cell_states(types, (), keys)  # the register read once
    if recorded is None:
        return None
    m = max(1, min_count)
    other = _at_other_dates(recorded, {str(md.from_date), str(md.to_date)})
    return ProfileBinding(bind_rows(recorded, table, data, row, codes, m),
                          {} if other is None else bind_rows(other, table, data, row, codes, m))


def _at_other_dates(recorded: Recorded, dates) -> Optional[Recorded]:
    """The recorded rows at dates not in ``dates`` (None: none)."""
    keep = np.array([d not in dates for d in recorded.dates], dtype=bool)
    if not keep.any():
        return None
    if keep.all():
        return recorded
    lens = np.diff(recorded.ptr)
    take = np.repeat(keep, lens)
    ptr = np.zeros(int(keep.sum()) + 1, dtype=np.int64)
    np.cumsum(lens[keep], out=ptr[1:])
    return Recorded([x for x, k in zip(recorded.labels, keep) if k],
                    [x for x, k in zip(recorded.dates, keep) if k], recorded.as_of[keep],
                    recorded.hidden[keep], recorded.shown[keep], recorded.values[keep], ptr,
                    recorded.keys[take], recorded.codes[take])


def _group_cells(ps: ProfileSystem, n: int, g: int, col: int) -> np.ndarray:
    """The profile system's cell of column ``col`` of group ``g`` (0 in, 1 out, 2 stay) of
    every area."""
    return np.arange(n, dtype=np.int64) * PROFILE_ROWS * ps.w + GROUPS[g] * ps.w + col


def hidden_by_binding(binding: Optional[ProfileBinding], n: int, n_ind: int
                      ) -> Tuple[np.ndarray, np.ndarray]:
    """(before, after): (3, n, indicators) the profile figures bound to recorded hidden cells
    only. ``before``: some at a date not in the run, hidden (flag ``P``) before the secondary
    suppression (a flag ``S`` would tell that the count reached ``min_count``); ``after``: at
    the run's dates only (a re-run, another window to the same date), hidden as ``P`` only
    where this run's own protection would publish them, so a re-run shows the same flags."""
    before = np.zeros((3, n, n_ind), dtype=bool)
    after = np.zeros((3, n, n_ind), dtype=bool)
    if binding is None:
        return before, after
    for g in range(3):
        rows = g * n + np.arange(n)
        for i in range(n_ind):
            for col in (1 + 2 * i, 2 + 2 * i):
                every, other = binding.every.get(col), binding.other.get(col)
                if every is None:
                    continue
                hide = every.hide[rows] & ~every.repeat[rows]
                early = hide & (other.hide[rows] if other is not None else False)
                before[g, :, i] |= early
                after[g, :, i] |= hide & ~early
    return before, after


def hide_bound(ps: ProfileSystem, mask: np.ndarray) -> int:
    """Hide (flag ``P``, protected as a primary cell) the published profile figures of
    ``mask`` ((3, n, indicators)) before the secondary suppression; how many."""
    count = 0
    n = mask.shape[1]
    for g, i in zip(*np.nonzero(mask.any(axis=1))):
        fl = ps.flags[:, g, i]
        new = mask[g, :, i] & (fl == PUBLISHED)  # hidden already: protected as it was
        den = ps.values[_group_cells(ps, n, g, 2 + 2 * i)]
        for col in (1 + 2 * i, 2 + 2 * i):
            c = _group_cells(ps, n, g, col)[new]
            ps.hidden[c] = True
            ps.protect[c] = den[new] > 0  # as a primary cell (nothing to protect in 0/0)
        fl[new] = PRIMARY
        count += int(new.sum())
    return count


def published_of(ps: ProfileSystem, hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The figures of ``mask`` ((3, n, indicators)) the protection (``hidden``) publishes."""
    out = np.zeros_like(mask)
    n = mask.shape[1]
    for g, i in zip(*np.nonzero(mask.any(axis=1))):
        num, den = (_group_cells(ps, n, g, c) for c in (1 + 2 * i, 2 + 2 * i))
        out[g, :, i] = mask[g, :, i] & ~hidden[num] & ~hidden[den]
    return out


def repeat_bound(binding: Optional[ProfileBinding], n: int, g: int, col: int,
                 values: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """(values, repeated) of one profile column of group ``g``: the shown values (NaN
    hidden) with the bound cells repeating their recorded value."""
    b = None if binding is None else binding.every.get(col)
    if b is None:
        return values, np.zeros(n, dtype=bool)
    rows = g * n + np.arange(n)
    rep = b.repeat[rows] & ~np.isnan(values)
    return np.where(rep, b.value[rows], values), rep


def profile_state(md, first_row: int, pop_rows: np.ndarray, shown: np.ndarray
                  ) -> Optional[CellState]:
    """The cell state of the profile groups the register records: ``first_row`` the first
    profile population's index in the recorded populations, ``pop_rows`` the group row
    (``g * n + area``) of each recorded profile population (the non-empty groups, in order),
    ``shown``: (3 n, cell types) the published numerators and denominators (NaN: hidden;
    the residents column NaN: a group's size is not shown as such)."""
    got = group_persons(md)
    if got is None:
        return None
    row, keys, codes, _dates = got
    pos = np.full(len(shown), -1, dtype=np.int64)
    pos[np.asarray(pop_rows, dtype=np.int64)] = np.arange(len(pop_rows))
    p = pos[row]
    ok = p >= 0
    order = np.nonzero(ok)[0][np.lexsort((keys[ok], p[ok]))]
    ptr = np.zeros(len(pop_rows) + 1, dtype=np.int64)
    np.cumsum(np.bincount(p[order], minlength=len(pop_rows)), out=ptr[1:])
    return CellState(first_row + np.arange(len(pop_rows), dtype=np.int64), ptr, keys[order],
                     codes[order], np.asarray(shown, dtype=float)[pop_rows])
