# SPDX-License-Identifier: GPL-2.0-or-later
"""The profile system of a moves release: the elevator profiles and the indicator layer.

Part of :mod:`boligsocial_plugin.core.discretion.moves` (its module doc describes what is
modelled): per area and indicator the numerators and denominators of the arrivals, the
leavers and the stayers, related to the indicator layer of both dates, and their protection.
"""
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.engine import Relations
from boligsocial_plugin.core.discretion.indicators import indicator_relation_templates
from boligsocial_plugin.core.discretion.lpaudit import secure_suppression_lp
from boligsocial_plugin.core.discretion.moves_counts import IN, INO, OUT, OUTO, RF, RT, K, S
from boligsocial_plugin.core.discretion.rules import (
    AREA,
    PUBLISHED,
    SECONDARY,
    Rules,
    frequency_rule,
    primary_flags,
)
from boligsocial_plugin.core.moves import ALL, MOVED, STAY, MoveData

# rows of an area in the profile system
P_IN, P_OUT, P_STAY, P_STAYF, P_ALLT, P_ALLF = range(6)
PROFILE_ROWS = 6


def _group_rows(md: MoveData) -> List[pd.DataFrame]:
    """The six group tables (one row per area each), in the order of the P_* constants."""
    gt, gf = md.groups_to, md.groups_from
    pick = [(gt, MOVED), (gf, MOVED), (gt, STAY), (gf, STAY), (gt, ALL), (gf, ALL)]
    return [t[t["kind"] == k].sort_values("area_idx").reset_index(drop=True) for t, k in pick]


@dataclass
class ProfileSystem:
    """Cells of the elevator profiles, with the indicator layer's cells they relate to."""

    rel: Relations
    values: np.ndarray
    hidden: np.ndarray
    protect: np.ndarray
    candidate: np.ndarray
    priority: np.ndarray
    link: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    leq: np.ndarray
    flags: np.ndarray            # (n, 3, k) flags of the published groups (in, out, stay)
    rows: List[pd.DataFrame]
    w: int


def profile_system(md: MoveData, rules: Rules, count_hidden: np.ndarray,
                   count_flags: np.ndarray) -> ProfileSystem:
    """Build the profile system; ``count_hidden``/``count_flags``: the protected counts."""
    inds = md.indicators
    k = len(inds)
    n = len(md.area_ids)
    w = 1 + 2 * k
    rows = _group_rows(md)
    per_area = PROFILE_ROWS * w
    total = n * per_area
    values = np.zeros(total)
    hidden = np.zeros(total, dtype=bool)
    protect = np.zeros(total, dtype=bool)
    candidate = np.zeros(total, dtype=bool)
    priority = np.zeros(total, dtype=np.int64)
    link = np.full(total, -1, dtype=np.int64)
    lower = np.zeros(total)
    upper = np.full(total, np.inf)
    areas = np.arange(n, dtype=np.int64)

    def cell(row: int, col) -> np.ndarray:
        return areas * per_area + row * w + col

    for r, t in enumerate(rows):
        values[cell(r, 0)] = t["residents"].to_numpy(dtype=float)
        for i, ind in enumerate(inds):
            values[cell(r, 1 + 2 * i)] = t[f"{ind.code}_num"].to_numpy(dtype=float)
            values[cell(r, 2 + 2 * i)] = t[f"{ind.code}_den"].to_numpy(dtype=float)
            if ind.kind == "mean":
                lower[cell(r, 1 + 2 * i)] = -np.inf
    # ---- residents cells: known where the counts publish (or determine) them
    ch = count_hidden.reshape(-1)

    def count_hid(kk: int) -> np.ndarray:
        return ch[areas * K + kk]

    s_known = ~count_hid(S) & ~count_hid(RF) & ~count_hid(RT)
    arr_known = s_known | (~count_hid(IN) & ~count_hid(INO))
    lea_known = s_known | (~count_hid(OUT) & ~count_hid(OUTO))
    known = {P_IN: arr_known, P_OUT: lea_known, P_STAY: s_known, P_STAYF: s_known,
             P_ALLT: ~count_hid(RT), P_ALLF: ~count_hid(RF)}
    for r, kn in known.items():
        hidden[cell(r, 0)] = ~kn
    # ---- the indicator layer's cells (all residents at each date) and stayers at FROM_DATE
    for r in (P_ALLT, P_ALLF, P_STAYF):
        f = primary_flags(rows[r], inds, rules)
        for i, ind in enumerate(inds):
            num_c, den_c = cell(r, 1 + 2 * i), cell(r, 2 + 2 * i)
            den = values[den_c]
            hide = f[ind.code] != PUBLISHED
            if r == P_STAYF:
                hide = np.ones(n, dtype=bool)  # never published
            hidden[num_c] = hide
            hidden[den_c] = hide
            protect[num_c] = (f[ind.code] != PUBLISHED) & (den > 0)
            protect[den_c] = frequency_rule(den, rules, den > 0) | \
                ((f[ind.code] == AREA) & (den > 0))
    # ---- the published groups
    gflags = np.full((n, 3, k), PUBLISHED, dtype=object)
    area_a = count_flags[areas * K + S] == AREA
    s_hidden = ~s_known
    for g, r in enumerate((P_IN, P_OUT, P_STAY)):
        f = primary_flags(rows[r], inds, rules)
        for i, ind in enumerate(inds):
            fl = f[ind.code].copy()
            fl[s_hidden & (fl == PUBLISHED)] = SECONDARY
            fl[area_a] = AREA
            gflags[:, g, i] = fl
            num_c, den_c = cell(r, 1 + 2 * i), cell(r, 2 + 2 * i)
            hide = fl != PUBLISHED
            hidden[num_c] = hide
            hidden[den_c] = hide
            den = values[den_c]
            candidate[num_c] = True
            candidate[den_c] = True
            priority[den_c] = 1
            protect[num_c] = den > 0
            # a population size is sensitive only when small (as in the indicator layer)
            protect[den_c] = frequency_rule(den, rules, den > 0) | ((fl == AREA) & (den > 0))
            link[num_c] = link[den_c] = (areas * 3 + g) * k + i
    # a denominator equal to the group's residents (a share of all residents) is as known
    # as the residents (the counts protect those)
    templates = indicator_relation_templates(inds)
    for t in templates:
        if len(t) == 2 and t[1] == (0, -1.0) and t[0][1] == 1.0:
            for r in range(PROFILE_ROWS):
                den_c = cell(r, t[0][0])
                protect[den_c] &= hidden[cell(r, 0)]
    rel, leq_arr = _profile_relations(values, inds, templates, cell, w, total)
    return ProfileSystem(rel, values, hidden, protect, candidate, priority, link, lower, upper,
                         leq_arr, gflags, rows, w)


def _profile_relations(values: np.ndarray, inds, templates,
                       cell: Callable[[int, int], np.ndarray], w: int, total: int
                       ) -> Tuple[Relations, np.ndarray]:
    """The profile system's relations (the indicator templates per row, whole = parts of the
    groups, stayers equal at both dates where their figures are) and its ``leq`` pairs
    (numerator ≤ denominator ≤ residents). ``cell(row, col)``: that cell of every area."""
    rel = Relations(total)
    for r in range(PROFILE_ROWS):
        for t in templates:
            cols = np.array([c for c, _ in t], dtype=np.int64)
            coefs = np.array([x for _, x in t])
            rel.add_many(cell(r, 0)[:, None] + cols[None, :], coefs)
    for whole, parts in ((P_ALLT, (P_STAY, P_IN)), (P_ALLF, (P_STAYF, P_OUT))):
        for col in range(w):
            rel.add_many(np.stack([cell(whole, col)] + [cell(p, col) for p in parts], axis=1),
                         [1.0, -1.0, -1.0])
    for col in range(w):
        a, b = cell(P_STAY, col), cell(P_STAYF, col)
        same = values[a] == values[b]
        rel.add_many(np.stack([a[same], b[same]], axis=1), [1.0, -1.0])
    leq = []
    for r in range(PROFILE_ROWS):
        for i, ind in enumerate(inds):
            num_c, den_c = cell(r, 1 + 2 * i), cell(r, 2 + 2 * i)
            if ind.kind != "mean":
                leq.append(np.stack([num_c, den_c], axis=1))
            leq.append(np.stack([den_c, cell(r, 0)], axis=1))
    leq_arr = np.concatenate(leq) if leq else np.zeros((0, 2), dtype=np.int64)
    return rel, leq_arr


def protect_profiles(ps: ProfileSystem, rules: Rules, width: Optional[float] = None):
    """Secondary suppression of the profiles; returns (hidden, suppression).

    The same attacker and the same requirements as :func:`boligsocial_plugin.core.discretion.
    intervals.secure_suppression` (one small block per area), proven in bulk with
    :mod:`boligsocial_plugin.core.discretion.lpaudit`: most hidden profile figures belong to
    small groups and need the full width, which the per-cell programmes of ``intervals``
    solve one by one (about 40 s for 300 areas; here a few seconds).
    """
    wid = float(rules.min_count if width is None else width)
    start_protect = ps.protect & (ps.hidden | ps.candidate)
    sup = secure_suppression_lp(ps.rel, ps.values, ps.hidden, start_protect, wid,
                                candidate=ps.candidate & ~ps.hidden, priority=ps.priority,
                                link=ps.link, lower=ps.lower, upper=ps.upper, leq=ps.leq)
    return sup.hidden, sup
