# SPDX-License-Identifier: GPL-2.0-or-later
"""The count system of a moves release: cells, relations, primary rules, secondary suppression.

Part of :mod:`boligsocial_plugin.core.discretion.moves` (its module doc describes what is
modelled): the per-area counts, the flows, the focus sums and the group flows, with every
relation between them, and their protection by
:func:`boligsocial_plugin.core.discretion.lpaudit.secure_suppression_lp`.
"""
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.engine import Relations
from boligsocial_plugin.core.discretion.lpaudit import secure_suppression_lp
from boligsocial_plugin.core.discretion.rules import (
    AREA,
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    Rules,
    frequency_rule,
)
from boligsocial_plugin.core.moves import MoveData

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
        pairs = [tuple(u.split("\x1f", 1)) for u in uniq]
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
        w_vals = values[base_w:base_w + len(w_dest)]
        flags[base_w + np.nonzero((w_vals > 0) & (w_vals < rules.min_count))[0]] = PRIMARY
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
    assert cs.forced is not None  # count_system always sets it
    forced = cs.forced.copy() if forced is None else (forced | cs.forced)
    if forced is not None:  # stayers forced hidden take their turnover along
        forced = forced.copy()
        areas = np.nonzero(forced[np.arange(cs.n) * K + S])[0]
        forced[areas * K + TURN] = True
        forced &= ~cs.hidden
        if cs.known is not None:  # published before for the same persons: hiding it here
            forced &= ~cs.known   # would let the audit think the attacker does not know it
    hidden, candidate = cs.hidden, cs.candidate
    if cs.known is not None:  # published before for the same persons: the attacker knows
        hidden, candidate = hidden & ~cs.known, candidate & ~cs.known
    sup = secure_suppression_lp(cs.rel, cs.values, hidden, cs.protect, wid,
                                candidate=candidate, priority=cs.priority, forced=forced,
                                link=cs.link, lower=cs.lower)
    flags = cs.flags.copy()
    flags[sup.secondary & (flags == PUBLISHED)] = SECONDARY
    return sup.hidden | cs.hidden, flags, sup
