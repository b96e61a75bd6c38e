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

Modules: the count system in :mod:`~boligsocial_plugin.core.discretion.moves_counts`, the
profile system in :mod:`~boligsocial_plugin.core.discretion.moves_profiles`, the links to the
release register in :mod:`~boligsocial_plugin.core.discretion.moves_register`; here the
release that joins them.
"""
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.links import cell_types
from boligsocial_plugin.core.discretion.moves_carry import (
    bind_profiles,
    hidden_by_binding,
    hide_bound,
    published_of,
    repeat_bound,
)
from boligsocial_plugin.core.discretion.moves_counts import (
    COUNT_FIELDS,
    FOCUS_TOTALS,
    IN,
    INO,
    OUT,
    OUTO,
    RF,
    RT,
    TURN,
    CountSystem,
    K,
    S,
    count_system,
    protect_counts,
)
from boligsocial_plugin.core.discretion.moves_profiles import (
    P_ALLF,
    P_ALLT,
    P_IN,
    P_OUT,
    P_STAY,
    PROFILE_ROWS,
    ProfileSystem,
    profile_system,
    protect_profiles,
)
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
    perturb_fte,
)
from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.discretion.rules import (
    AREA,
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    Rules,
)
from boligsocial_plugin.core.indicators import Indicator
from boligsocial_plugin.core.moves import MoveData

#: the count and profile systems live in moves_counts and moves_profiles (named here too)
__all__ = ["COUNT_FIELDS", "FOCUS_TOTALS", "IN", "INO", "OUT", "OUTO", "RF", "RT", "S", "TURN",
           "K", "CountSystem", "count_system", "protect_counts", "PROFILE_ROWS",
           "ProfileSystem", "profile_system", "protect_profiles", "MovesRelease",
           "protect_moves", "prof_hidden_flags"]


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


# --------------------------------------------------------------------------- release

def protect_moves(md: MoveData, rules: Rules, *, perturbation: Perturbation = OFF,
                  width: Optional[float] = None, focus: Optional[np.ndarray] = None,
                  group_of: Optional[Sequence[str]] = None,
                  register: Optional[Register] = None) -> MovesRelease:
    """Protect a moves release (see the module doc); hidden values are NaN with a flag.

    ``register``: earlier releases to protect against (core.discretion.moves_register); the
    release returned (``MovesRelease.release``, None without a register or without persons)
    is what the register records.
    """
    t0 = time.perf_counter()
    n = len(md.area_ids)
    cs = count_system(md, rules, focus, group_of)
    made = move_populations(md, cs, focus) if register is not None else None
    linked = link_earlier(cs, made[0], made[1], rules, perturbation, register) \
        if made is not None else {}
    rows = np.arange(n, dtype=np.int64)
    forced = np.zeros(len(cs.values), dtype=bool)
    per_area = PROFILE_ROWS * (1 + 2 * len(md.indicators))
    # the profiles' cells bound to the register's recorded cell states (moves_carry)
    bound = bind_profiles(md, register, cell_types(md.indicators), rules.min_count)
    early, late = hidden_by_binding(bound, n, len(md.indicators))
    for _attempt in range(4):
        c_hidden, c_flags, c_sup = protect_counts(cs, rules, width, forced)
        for _again in range(4):
            ps = profile_system(md, rules, c_hidden, c_flags)
            kept_hidden = hide_bound(ps, early)
            p_hidden, p_sup = protect_profiles(ps, rules, width)
            missed = published_of(ps, p_hidden, late)
            if not missed.any():
                break
            early |= missed  # bound at the run's dates only: hidden (P) where this run
            # would publish them
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
    missed = published_of(ps, p_hidden, late)
    if missed.any():  # (never seen: the rounds above hide them first)
        kept_hidden += hide_bound(ps, missed)
        p_hidden = p_hidden | ps.hidden
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
    turnover = pub[rows * K + TURN]
    areas["turnover"] = turnover
    areas["turnover_flag"] = c_flags[rows * K + TURN]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_res = (rf + rt) / 2.0
        areas["turnover_pct"] = np.where(mean_res > 0, 100.0 * turnover / mean_res,
                                         np.nan)
    # profiles
    prof, shown, carried = _publish_profiles(md, ps, p_hidden, rules, perturbation, changes,
                                             bound)
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
        "profile_carry": {"carried": carried, "kept_hidden": kept_hidden},
        "seconds": round(time.perf_counter() - t0, 3),
        "warnings": [],
    }
    return MovesRelease(table, flows, groups, focus_out, report,
                        {"counts": cs, "count_hidden": c_hidden, "profiles": ps,
                         "profile_hidden": p_hidden, "profile_suppression": p_sup,
                         "count_suppression": c_sup},
                        recorded_release(made[0], made[1], c_hidden, rules,
                                         (md, ps, p_hidden, shown))
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
                      p: Perturbation, changes: List[np.ndarray], bound=None
                      ) -> Tuple[Dict[str, object], np.ndarray, int]:
    """C_in, C_out, C_stay with flags (values from perturbed numerators and denominators,
    or those the register binds them to: core.discretion.moves_carry); the numerators and
    denominators shown (3 n group rows, cell types; NaN hidden) and how many figures repeat
    a recorded value."""
    n = len(md.area_ids)
    w = ps.w
    per_area = PROFILE_ROWS * w
    areas = np.arange(n, dtype=np.int64)
    out: Dict[str, object] = {}
    shown = np.full((3 * n, w), np.nan)
    carried = 0
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
            if p.enabled:  # keyed on the group's persons, values and population (row)
                row = t["residents_ck"].to_numpy() if "residents_ck" in t.columns else None
                d2 = perturb_counts(den, t[f"{ind.code}_ckd"].to_numpy(), rules.min_count, p,
                                    row)
                changes.append(np.abs(d2 - den)[~np.isnan(den)])
                raw_num = t[f"{ind.code}_num"].to_numpy(dtype=float)
                ckn = t[f"{ind.code}_ckn"].to_numpy()
                if ind.kind == "mean":
                    n2 = perturb_amounts(num, ckn, p.amount_share *
                                         t[f"{ind.code}_top1"].to_numpy(dtype=float), p, row)
                elif np.any(np.abs(raw_num - np.round(raw_num)) > 1e-9):
                    n2 = perturb_fte(num, ckn, p, row)
                else:
                    n2 = perturb_counts(num, ckn, rules.min_count, p, row)
                    changes.append(np.abs(n2 - num)[~np.isnan(num)])
                if ind.kind != "mean":
                    with np.errstate(invalid="ignore"):
                        n2 = np.where(n2 > d2, d2, n2)
                num, den = n2, d2
            num, rep_n = repeat_bound(bound, n, g, 1 + 2 * i, num)
            den, rep_d = repeat_bound(bound, n, g, 2 + 2 * i, den)
            carried += int((rep_n | rep_d).sum())
            if ind.kind != "mean":
                with np.errstate(invalid="ignore"):
                    num = np.where(num > den, den, num)
            shown[g * n + areas, 1 + 2 * i] = num
            shown[g * n + areas, 2 + 2 * i] = den
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
    return out, shown, carried
