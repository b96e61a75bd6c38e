# SPDX-License-Identifier: GPL-2.0-or-later
"""Protecting the moves between areas: the area table, the flows and the elevator profiles.

What an attacker is given, and what relations tie it together (every relation is modelled):

* **Counts** per area: residents at both dates, stayers, in/out movers, in from / out to
  outside, turnover; with the two implied groups *arrivals* (in_movers + in_from_outside) and
  *leavers*: ``residents_from = stayers + leavers``, ``residents_to = stayers + arrivals``,
  ``turnover = arrivals + leavers``. The residents are the indicator layer's residents of the
  same dates (same persons, same perturbation), so they are treated as known to everyone and
  never hidden to protect another cell.
* **Flows** (the origin-destination matrix): ``out_movers(o) = Σ_d flow(o, d)`` and
  ``in_movers(d) = Σ_o flow(o, d)``; pairs nobody moved between are not listed (0). Flows from
  the focus areas into each area (``from_focus``), the focus areas' totals and, with a group
  field, the flows between groups are sums of flows.
* **Profiles** (the elevator view): per area and indicator the numerator and denominator of
  the arrivals (at TO_DATE), the leavers (at FROM_DATE) and the stayers (at TO_DATE). The
  indicator layer of both dates is given too: ``all(TO) = stayers(TO) + arrivals`` and
  ``all(FROM) = stayers(FROM) + leavers`` for every cell, stayers(FROM) being unpublished; a
  stayers' cell equal on both dates (a fixed trait) is related as equal. A published value
  with the indicator layer gives its numerator and denominator, so they are protected as
  counts. Profiles are published only for areas whose stayers are published.

Primary rules: counts below ``min_count`` (zeros hidden unless ``publish_zeros``, except where
the list of flows shows them anyway); every figure of an area below ``min_residents`` at
either date but its residents, and every flow from or to it (flag ``A``); profiles with the
indicator layer's rules on each group (a group below ``min_residents`` shows no profile).
Turnover (= residents_from + residents_to − 2 stayers) is hidden together with the stayers.
Secondary suppression and the attacker's interval audit:
:func:`boligsocial_plugin.core.discretion.lpaudit.secure_suppression_lp`, once for the counts
and flows (one large block: the flows link every area) and once for the profiles (one small
block per area); a profile figure the published counts pin hides the area's stayers, and both
are protected again. Decisions use exact values; the published counts then carry the cell-key
perturbation (core.discretion.perturbation).
"""
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.engine import Relations
from boligsocial_plugin.core.discretion.indicators import indicator_relation_templates
from boligsocial_plugin.core.discretion.lpaudit import secure_suppression_lp
from boligsocial_plugin.core.discretion.moves_register import (
    link_earlier,
    move_populations,
    recorded_release,
)
from boligsocial_plugin.core.discretion.perturbation import (
    OFF,
    Perturbation,
    perturb_amounts,
    perturb_counts,
)
from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.discretion.rules import (
    AREA,
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    Rules,
    frequency_rule,
    primary_flags,
)
from boligsocial_plugin.core.indicators import Indicator
from boligsocial_plugin.core.moves import ALL, MOVED, STAY, MoveData

M32 = 1 << 32
# cells of an area in the count system
RF, RT, S, IN, OUT, INO, OUTO, TURN, ARR, LEA = range(10)
K = 10
COUNT_FIELDS = {RF: "residents_from", RT: "residents_to", S: "stayers", IN: "in_movers",
                OUT: "out_movers", INO: "in_from_outside", OUTO: "out_to_outside",
                TURN: "turnover", ARR: "arrivals", LEA: "leavers"}
#: the focus areas' totals (README "Moves")
FOCUS_TOTALS = ("residents_from", "stayers", "out_movers", "out_to_outside")


@dataclass
class MovesRelease:
    """The publishable moves (hidden values NaN) and the report of their protection."""

    areas: pd.DataFrame
    flows: pd.DataFrame
    groups: Optional[pd.DataFrame]
    focus: Dict[str, Tuple[Optional[float], str]]
    report: Dict[str, object]
    exact: Dict[str, object] = field(default_factory=dict)  # internal: for tests and audits
    #: what the release register records (core.pipeline.ProtectedRelease; None: no persons)
    release: Optional[object] = None


# --------------------------------------------------------------------------- count system

@dataclass
class CountSystem:
    """Cells, relations and rules of the counts, flows, focus sums and group flows."""

    rel: Relations
    values: np.ndarray
    hidden: np.ndarray
    protect: np.ndarray
    candidate: np.ndarray
    priority: np.ndarray
    flags: np.ndarray
    ck: np.ndarray
    n: int
    flows: pd.DataFrame
    base_flow: int
    w_dest: np.ndarray            # areas with a from_focus cell
    base_w: int
    base_focus: int
    group_pairs: List[Tuple[str, str]]
    base_group: int
    link: Optional[np.ndarray] = None   # cells hidden together (stayers and turnover)
    forced: Optional[np.ndarray] = None  # secondary suppressions known from the start
    pair_of: Optional[np.ndarray] = None  # group pair of each flow
    #: cells an earlier release published for the same persons (core.discretion.
    #: moves_register): known to the attacker, hidden all the same when the rules say so
    known: Optional[np.ndarray] = None
    lower: Optional[np.ndarray] = None   # lower bounds (None: 0; links may give -inf)


def count_system(md: MoveData, rules: Rules, focus: Optional[np.ndarray] = None,
                 group_of: Optional[Sequence[str]] = None) -> CountSystem:
    """Build the count system of a moves release (see the module doc)."""
    c = md.counts
    n = len(md.area_ids)
    fl = md.flows
    nf = len(fl)
    origin = fl["origin"].to_numpy(dtype=np.int64)
    dest = fl["dest"].to_numpy(dtype=np.int64)
    fval = fl["persons"].to_numpy(dtype=float)
    fck = fl["ck"].to_numpy(dtype=np.int64)
    # focus: flows into each area from the focus areas
    has_focus = focus is not None and bool(np.any(focus))
    if has_focus:
        fm = np.asarray(focus, dtype=bool)
        from_f = fm[origin]
        wv = np.bincount(dest[from_f], weights=fval[from_f], minlength=n)
        w_dest = np.nonzero(wv > 0)[0]
    else:
        fm = np.zeros(n, dtype=bool)
        from_f = np.zeros(nf, dtype=bool)
        w_dest = np.zeros(0, dtype=np.int64)
    # group flows
    pairs: List[Tuple[str, str]] = []
    pair_of = np.full(nf, -1, dtype=np.int64)
    if group_of is not None and nf:
        g = np.array(["" if v is None else str(v) for v in group_of], dtype=object)
        key = pd.Series(g[origin]).str.cat(pd.Series(g[dest]), sep="\x1f")
        codes, uniq = pd.factorize(key)
        pair_of = codes.astype(np.int64)
        pairs = [tuple(u.split("\x1f", 1)) for u in uniq]  # type: ignore[misc]
    base_flow = n * K
    base_w = base_flow + nf
    base_focus = base_w + len(w_dest)
    nfocus = len(FOCUS_TOTALS) if has_focus else 0
    base_group = base_focus + nfocus
    total = base_group + len(pairs)
    rel = Relations(total)
    values = np.zeros(total)
    ck = np.zeros(total, dtype=np.int64)
    rows = np.arange(n, dtype=np.int64)
    for k, name in COUNT_FIELDS.items():
        values[rows * K + k] = c[name].to_numpy(dtype=float)
        ck[rows * K + k] = c[name + "_ck"].to_numpy(dtype=np.int64)
    fidx = base_flow + np.arange(nf)
    values[fidx] = fval
    ck[fidx] = fck
    # ---- relations within an area
    cell = rows[:, None] * K
    rel.add_many(cell + np.array([RF, S, LEA]), [1.0, -1.0, -1.0])
    rel.add_many(cell + np.array([RT, S, ARR]), [1.0, -1.0, -1.0])
    rel.add_many(cell + np.array([ARR, IN, INO]), [1.0, -1.0, -1.0])
    rel.add_many(cell + np.array([LEA, OUT, OUTO]), [1.0, -1.0, -1.0])
    rel.add_many(cell + np.array([TURN, ARR, LEA]), [1.0, -1.0, -1.0])
    # ---- flows: rows and columns of the matrix
    if nf:
        rel.add_sums(np.concatenate([rows * K + OUT, fidx]),
                     np.concatenate([rows, origin]),
                     np.concatenate([np.ones(n), -np.ones(nf)]))
        rel.add_sums(np.concatenate([rows * K + IN, fidx]),
                     np.concatenate([rows, dest]),
                     np.concatenate([np.ones(n), -np.ones(nf)]))
    # ---- from the focus areas
    if has_focus:
        widx = base_w + np.arange(len(w_dest))
        pos = np.full(n, -1, dtype=np.int64)
        pos[w_dest] = np.arange(len(w_dest))
        values[widx] = np.bincount(dest[from_f], weights=fval[from_f], minlength=n)[w_dest]
        ck[widx] = np.bincount(dest[from_f], weights=fck[from_f].astype(float),
                               minlength=n)[w_dest].astype(np.int64) % M32
        rel.add_sums(np.concatenate([widx, fidx[from_f]]),
                     np.concatenate([np.arange(len(w_dest)), pos[dest[from_f]]]),
                     np.concatenate([np.ones(len(w_dest)), -np.ones(int(from_f.sum()))]))
        fr = np.nonzero(fm)[0]
        sources = {"residents_from": rows[fm] * K + RF, "stayers": fr * K + S,
                   "out_movers": fr * K + OUT, "out_to_outside": fr * K + OUTO}
        for j, name in enumerate(FOCUS_TOTALS):
            t = base_focus + j
            terms = sources[name]
            values[t] = values[terms].sum()
            ck[t] = int(ck[terms].sum() % M32)
            rel.add([t] + list(terms), [1.0] + [-1.0] * len(terms))
    # ---- group flows
    if pairs:
        gidx = base_group + np.arange(len(pairs))
        values[gidx] = np.bincount(pair_of, weights=fval, minlength=len(pairs))
        ck[gidx] = np.bincount(pair_of, weights=fck.astype(float),
                               minlength=len(pairs)).astype(np.int64) % M32
        rel.add_sums(np.concatenate([gidx, fidx]),
                     np.concatenate([np.arange(len(pairs)), pair_of]),
                     np.concatenate([np.ones(len(pairs)), -np.ones(nf)]))
    # ---- primary rules
    flags = np.full(total, PUBLISHED, dtype=object)
    hidden = np.zeros(total, dtype=bool)
    protect = np.zeros(total, dtype=bool)
    candidate = np.ones(total, dtype=bool)
    priority = np.zeros(total, dtype=np.int64)
    rf = values[rows * K + RF]
    rt = values[rows * K + RT]
    small_area = ((rf > 0) & (rf < rules.min_residents)) | \
        ((rt > 0) & (rt < rules.min_residents))
    nonempty = {S: (rf > 0) | (rt > 0), IN: np.zeros(n, bool), OUT: np.zeros(n, bool),
                INO: rt > 0, OUTO: rf > 0, TURN: (rf > 0) | (rt > 0)}
    for k, ne in nonempty.items():
        p = frequency_rule(values[rows * K + k], rules, ne)
        flags[rows[p] * K + k] = PRIMARY
        flags[rows[small_area] * K + k] = AREA
        priority[rows * K + k] = 2 if k in (IN, OUT, S) else 1
    for k in (RF, RT):
        v = values[rows * K + k]
        flags[rows[(v > 0) & (v < rules.min_count)] * K + k] = PRIMARY
        candidate[rows * K + k] = False
    for k, ne in ((ARR, rt > 0), (LEA, rf > 0)):
        ic = rows * K + k
        hidden[ic] = True
        candidate[ic] = False
        protect[ic] = frequency_rule(values[ic], rules, ne) | small_area
    # hidden last: the aggregates (from the focus areas, between groups), then big flows and
    # the focus areas' flows, then the in/out totals; first: small flows and the splits
    priority[fidx] = np.where((fval >= 2 * rules.min_count) | from_f, 3, 1)
    fsmall = (fval > 0) & (fval < rules.min_count)
    flags[fidx[fsmall]] = PRIMARY
    flags[fidx[small_area[origin] | small_area[dest]]] = AREA
    if has_focus:
        wv = values[base_w:base_w + len(w_dest)]
        flags[base_w + np.nonzero((wv > 0) & (wv < rules.min_count))[0]] = PRIMARY
        flags[base_w + np.nonzero(small_area[w_dest])[0]] = AREA
        priority[base_w:base_focus] = 2
        tv = values[base_focus:base_group]
        flags[base_focus + np.nonzero((tv > 0) & (tv < rules.min_count))[0]] = PRIMARY
        priority[base_focus:base_group] = 4
    if pairs:
        gv = values[base_group:]
        flags[base_group + np.nonzero((gv > 0) & (gv < rules.min_count))[0]] = PRIMARY
        priority[base_group:] = 4
    # the focus areas' stayers carry their elevator profile: hidden last
    priority[np.nonzero(fm)[0] * K + S] = 4
    # turnover = residents_from + residents_to - 2 stayers: hidden with the stayers, never
    # instead of them
    candidate[rows * K + TURN] = False
    link = np.full(total, -1, dtype=np.int64)
    link[rows * K + S] = link[rows * K + TURN] = rows
    primary = flags != PUBLISHED
    hidden |= primary
    protect |= primary | (candidate & ~hidden)
    # no flow into (out of) an area: the list of flows shows in_movers (out_movers) = 0
    for k in (IN, OUT):
        zero = rows[values[rows * K + k] == 0] * K + k
        protect[zero] = False
        candidate[zero] = False
    protect[rows * K + TURN] |= ~hidden[rows * K + TURN]
    # a hidden turnover with published stayers would follow from them: hide the stayers too
    forced = np.zeros(total, dtype=bool)
    turn_hidden = hidden[rows * K + TURN] & ~hidden[rows * K + S]
    forced[rows[turn_hidden] * K + S] = True
    return CountSystem(rel, values, hidden, protect, candidate, priority, flags, ck, n, fl,
                       base_flow, w_dest, base_w, base_focus, pairs, base_group, link, forced,
                       pair_of)


def protect_counts(cs: CountSystem, rules: Rules, width: Optional[float] = None,
                   forced: Optional[np.ndarray] = None):
    """Secondary suppression of the count system; returns (hidden, flags, suppression).

    ``forced``: cells to hide as secondary suppressions (decided by the profiles).
    """
    wid = float(rules.min_count if width is None else width)
    forced = cs.forced.copy() if forced is None else (forced | cs.forced)
    if forced is not None:  # stayers forced hidden take their turnover along
        forced = forced.copy()
        areas = np.nonzero(forced[np.arange(cs.n) * K + S])[0]
        forced[areas * K + TURN] = True
        forced &= ~cs.hidden
    hidden, candidate = cs.hidden, cs.candidate
    if cs.known is not None:  # published before for the same persons: the attacker knows
        hidden, candidate = hidden & ~cs.known, candidate & ~cs.known
    sup = secure_suppression_lp(cs.rel, cs.values, hidden, cs.protect, wid,
                                candidate=candidate, priority=cs.priority, forced=forced,
                                link=cs.link, lower=cs.lower)
    flags = cs.flags.copy()
    flags[sup.secondary & (flags == PUBLISHED)] = SECONDARY
    return sup.hidden | cs.hidden, flags, sup


# --------------------------------------------------------------------------- profiles

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
    # ---- relations
    rel = Relations(total)
    for r in range(PROFILE_ROWS):
        for t in templates:
            cols = np.array([c for c, _ in t], dtype=np.int64)
            coefs = np.array([x for _, x in t])
            rel.add_many(areas[:, None] * per_area + r * w + cols[None, :], coefs)
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
    return ProfileSystem(rel, values, hidden, protect, candidate, priority, link, lower, upper,
                         leq_arr, gflags, rows, w)


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


# --------------------------------------------------------------------------- release

def protect_moves(md: MoveData, rules: Rules, *, perturbation: Perturbation = OFF,
                  width: Optional[float] = None, focus: Optional[np.ndarray] = None,
                  group_of: Optional[Sequence[str]] = None,
                  register: Optional[Register] = None) -> MovesRelease:
    """Protect a moves release (see the module doc); hidden values are NaN with a flag.

    ``register``: earlier releases to protect against (core.discretion.moves_register); the
    release returned (``MovesRelease.release``) is what the register records.
    """
    t0 = time.perf_counter()
    n = len(md.area_ids)
    cs = count_system(md, rules, focus, group_of)
    made = move_populations(md, cs, focus)
    linked = link_earlier(cs, made[0], made[1], rules, perturbation, register) \
        if made is not None else {}
    rows = np.arange(n, dtype=np.int64)
    forced = np.zeros(len(cs.values), dtype=bool)
    per_area = PROFILE_ROWS * (1 + 2 * len(md.indicators))
    for _attempt in range(4):
        c_hidden, c_flags, c_sup = protect_counts(cs, rules, width, forced)
        ps = profile_system(md, rules, c_hidden, c_flags)
        p_hidden, p_sup = protect_profiles(ps, rules, width)
        # profiles narrowed by the published group sizes: hide the area's stayers (and so
        # its group sizes) and protect again
        unprot, bounded = _split_unprotectable(ps, p_hidden, p_sup.unprotectable,
                                               float(rules.min_count if width is None
                                                     else width))
        bad = np.unique(unprot // per_area)
        bad = bad[~c_hidden[bad * K + S] & (c_flags[bad * K + RF] == PUBLISHED) &
                  (c_flags[bad * K + RT] == PUBLISHED)]
        if not len(bad):
            break
        forced[bad * K + S] = True
    pub = np.where(c_hidden, np.nan, cs.values)
    changes: List[np.ndarray] = []
    if perturbation.enabled:
        p2 = perturb_counts(pub, cs.ck, rules.min_count, perturbation)
        changes.append(np.abs(p2 - pub)[~np.isnan(pub)])
        pub = p2
    areas: Dict[str, object] = {"area_idx": rows}
    for kk in (RF, RT, S, IN, OUT, INO, OUTO):
        name = COUNT_FIELDS[kk]
        areas[name] = pub[rows * K + kk]
        areas[name + "_flag"] = c_flags[rows * K + kk]
    rf, rt = pub[rows * K + RF], pub[rows * K + RT]
    areas["net"] = rt - rf
    net_flag = np.where(np.isnan(rf) | np.isnan(rt), np.where(
        c_flags[rows * K + RF] != PUBLISHED, c_flags[rows * K + RF],
        c_flags[rows * K + RT]), PUBLISHED)
    areas["net_flag"] = net_flag
    areas["turnover"] = pub[rows * K + TURN]
    areas["turnover_flag"] = c_flags[rows * K + TURN]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_res = (rf + rt) / 2.0
        areas["turnover_pct"] = np.where(mean_res > 0, 100.0 * areas["turnover"] / mean_res,
                                         np.nan)
    # profiles
    prof = _publish_profiles(md, ps, p_hidden, rules, perturbation, changes)
    areas.update(prof)
    # from the focus areas
    focus_out: Dict[str, Tuple[Optional[float], str]] = {}
    if focus is not None and np.any(focus):
        ff = np.zeros(n)
        fflag = np.full(n, PUBLISHED, dtype=object)
        widx = cs.base_w + np.arange(len(cs.w_dest))
        ff[cs.w_dest] = pub[widx]
        fflag[cs.w_dest] = c_flags[widx]
        areas["from_focus"] = ff
        areas["from_focus_flag"] = fflag
        inm = np.asarray(areas["in_movers"], dtype=float)
        with np.errstate(invalid="ignore", divide="ignore"):
            areas["from_focus_pct"] = np.where(inm > 0, 100.0 * ff / inm, np.nan)
        for j, name in enumerate(FOCUS_TOTALS):
            t = cs.base_focus + j
            focus_out[name] = (None if np.isnan(pub[t]) else float(pub[t]), str(c_flags[t]))
    table = pd.DataFrame(areas)
    fidx = cs.base_flow + np.arange(len(cs.flows))
    flows = pd.DataFrame({"origin": cs.flows["origin"].to_numpy(),
                          "dest": cs.flows["dest"].to_numpy(),
                          "persons": pub[fidx], "flag": c_flags[fidx]})
    if focus is not None:
        flows["focus_origin"] = np.asarray(focus, dtype=bool)[flows["origin"].to_numpy()] \
            if len(flows) else np.zeros(0, dtype=bool)
    groups = None
    if cs.group_pairs:
        gidx = cs.base_group + np.arange(len(cs.group_pairs))
        groups = pd.DataFrame({"from_group": [p[0] for p in cs.group_pairs],
                               "to_group": [p[1] for p in cs.group_pairs],
                               "persons": pub[gidx], "flag": c_flags[gidx]})
        groups = groups.sort_values(["from_group", "to_group"]).reset_index(drop=True)
    n_flags = {fl: int(np.sum(c_flags == fl)) for fl in (PRIMARY, SECONDARY, AREA)}
    report: Dict[str, object] = {
        "rules_applied": rules.describe(),
        "primary": n_flags[PRIMARY], "secondary": n_flags[SECONDARY], "area": n_flags[AREA],
        "flows": int(len(flows)),
        "flows_hidden": int(np.isnan(flows["persons"].to_numpy(dtype=float)).sum()),
        "profile_hidden": int(np.sum(prof_hidden_flags(table, md.indicators))),
        "profile_published": int(np.sum(~prof_hidden_flags(table, md.indicators))),
        "interval_audit": {
            "protection_width": float(rules.min_count if width is None else width),
            "counts_checked": c_sup.checked, "bulk_proven": c_sup.bulk_proven,
            "solved_by_lp": c_sup.solved + p_sup.solved,
            "programmes": c_sup.programmes + p_sup.programmes,
            "profiles_checked": p_sup.checked},
        "unprotectable": int(len(c_sup.unprotectable) + len(unprot)),
        "bounded_by_indicator_layer": int(len(bounded)),
        "perturbation": perturbation.describe(),
        "mean_abs_change": round(float(np.mean(np.concatenate(changes))), 4)
        if changes and sum(len(x) for x in changes) else 0.0,
        "rounds": c_sup.rounds + p_sup.rounds,
        "links": linked,
        "seconds": round(time.perf_counter() - t0, 3),
        "warnings": [],
    }
    return MovesRelease(table, flows, groups, focus_out, report,
                        {"counts": cs, "count_hidden": c_hidden, "profiles": ps,
                         "profile_hidden": p_hidden, "profile_suppression": p_sup,
                         "count_suppression": c_sup},
                        recorded_release(made[0], made[1], c_hidden, rules)
                        if made is not None else None)


def _split_unprotectable(ps: ProfileSystem, hidden: np.ndarray, cells, width: float):
    """(cells, bounded): hidden profile cells narrower than required, split into those this
    release must answer for and those bounded by a published indicator-layer total below the
    width (every part of a published 4 is at most 4, whatever is hidden here)."""
    cells = np.asarray(cells, dtype=np.int64)
    per_area = PROFILE_ROWS * ps.w
    col = (cells % per_area) % ps.w
    bounded = np.zeros(len(cells), dtype=bool)
    is_den = (col > 0) & (col % 2 == 0)
    for whole_row in (P_ALLT, P_ALLF):  # linked through the stayers of both dates
        whole = (cells // per_area) * per_area + whole_row * ps.w + col
        res = (cells // per_area) * per_area + whole_row * ps.w
        bounded |= ~hidden[whole] & (np.abs(ps.values[whole]) < width) & (col > 0)
        # the indicator layer shows every resident in the population (e.g. all 18-64):
        # so is every group's
        bounded |= is_den & ~hidden[whole] & ~hidden[res] & \
            (ps.values[whole] == ps.values[res])
    return cells[~bounded], cells[bounded]


def prof_hidden_flags(table: pd.DataFrame, indicators: Sequence[Indicator]) -> np.ndarray:
    """(areas, profile cells) whether each profile value is hidden."""
    cols = [f"{i.code}_{g}_flag" for i in indicators for g in ("in", "out", "stay")]
    if not cols:
        return np.zeros((len(table), 0), dtype=bool)
    return table[cols].to_numpy() != PUBLISHED


def _publish_profiles(md: MoveData, ps: ProfileSystem, hidden: np.ndarray, rules: Rules,
                      p: Perturbation, changes: List[np.ndarray]) -> Dict[str, object]:
    """C_in, C_out, C_stay with flags (values from perturbed numerators and denominators)."""
    n = len(md.area_ids)
    w = ps.w
    per_area = PROFILE_ROWS * w
    areas = np.arange(n, dtype=np.int64)
    out: Dict[str, object] = {}
    for g, (r, name) in enumerate(((P_IN, "in"), (P_OUT, "out"), (P_STAY, "stay"))):
        t = ps.rows[r]
        for i, ind in enumerate(md.indicators):
            num_c = areas * per_area + r * w + 1 + 2 * i
            den_c = num_c + 1
            hid = hidden[num_c] | hidden[den_c]
            fl = ps.flags[:, g, i].copy()
            fl[hid & (fl == PUBLISHED)] = SECONDARY
            num = np.where(hid, np.nan, ps.values[num_c])
            den = np.where(hid, np.nan, ps.values[den_c])
            if p.enabled:
                d2 = perturb_counts(den, t[f"{ind.code}_ckd"].to_numpy(), rules.min_count, p)
                changes.append(np.abs(d2 - den)[~np.isnan(den)])
                raw_num = t[f"{ind.code}_num"].to_numpy(dtype=float)
                ckn = t[f"{ind.code}_ckn"].to_numpy()
                if ind.kind == "mean":
                    n2 = perturb_amounts(num, ckn, p.amount_share *
                                         t[f"{ind.code}_top1"].to_numpy(dtype=float), p)
                elif np.any(np.abs(raw_num - np.round(raw_num)) > 1e-9):
                    n2 = perturb_amounts(num, ckn, np.full(n, p.fte_max), p)
                    n2 = np.where(np.isnan(n2), np.nan, np.maximum(n2, 0.0))
                else:
                    n2 = perturb_counts(num, ckn, rules.min_count, p)
                    changes.append(np.abs(n2 - num)[~np.isnan(num)])
                if ind.kind != "mean":
                    with np.errstate(invalid="ignore"):
                        n2 = np.where(n2 > d2, d2, n2)
                num, den = n2, d2
            with np.errstate(invalid="ignore", divide="ignore"):
                if ind.kind == "share":
                    val = np.clip(100.0 * num / den, 0.0, 100.0)
                elif ind.kind == "mean":
                    val = num / den
                else:
                    val = num.copy()
            val = np.where(den > 0, val, np.nan)
            out[f"{ind.code}_{name}"] = val
            out[f"{ind.code}_{name}_flag"] = fl
    return out
