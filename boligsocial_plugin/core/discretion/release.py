# SPDX-License-Identifier: GPL-2.0-or-later
"""Protecting a release of the indicator layer as a whole: cells, relations, audits, noise.

One function, :func:`protect_release`, protects everything a publishing algorithm writes from
person rows (computeindicators, assesscriteria, and the series and moves outputs built on them):

1. **Cells** per row (an area at a date): residents, and per indicator its numerator and
   denominator; per nested pair of indicators the implied difference (core.indicators
   ``find_nestings``); optionally the run's totals (persons in an area, outside, without
   location, read); the hidden cells of earlier releases and the implied groups that link the
   rows to each other and to earlier releases (core.discretion.linkage).
2. **Primary** rules (core.discretion.rules) on every cell, also on the implied groups.
3. **Relations**: within a row (core.discretion.indicators templates), between nested
   indicators, the totals, and the links (equal / near / sum).
4. **Secondary suppression** until the exact audit (nothing computable) and the attacker's
   interval audit (nothing pinned, every primary cell at least ``width`` wide) pass
   (core.discretion.intervals).
5. **Perturbation** of what is published (core.discretion.perturbation), when enabled.

The result says, for the register, which cell types of every row were published or hidden.
"""
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.atoms import ATOMS, SAME, AtomStats, atom_links
from boligsocial_plugin.core.discretion.budget import apply_budgets
from boligsocial_plugin.core.discretion.engine import Relations
from boligsocial_plugin.core.discretion.indicators import indicator_relation_templates
from boligsocial_plugin.core.discretion.intervals import secure_suppression
from boligsocial_plugin.core.discretion.linkage import (
    EQUAL,
    NEAR,
    SUM,
    WHAT_IF_ROW,
    Link,
    Populations,
    describe,
)
from boligsocial_plugin.core.discretion.links import (  # noqa: F401 (re-exported)
    GroupTables,
    _add_links,
    _equal_forest,
    _Extra,
    _group_protect,
    _group_values,
    _link_figures,
    _type_columns,
    cell_types,
)
from boligsocial_plugin.core.discretion.perturbation import (
    OFF,
    Perturbation,
    perturb_counts,
)
from boligsocial_plugin.core.discretion.perturbstep import _perturb
from boligsocial_plugin.core.discretion.rules import (
    AREA,
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    Rules,
    frequency_rule,
    primary_flags,
)
from boligsocial_plugin.core.discretion.timerules import (  # noqa: F401 (re-exported)
    _crossing_suppression,
    _only_in,
    _quantities,
    _time_suppression,
)
from boligsocial_plugin.core.discretion.types import TypeTable, type_audit
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import NEST_DEN, NEST_SAME, Indicator

TOTAL_NAMES = ("PERSONS_IN_AREAS", "PERSONS_OUTSIDE", "PERSONS_NO_LOCATION", "PERSONS_READ")


@dataclass
class Totals:
    """The run's person counts, protected like cells (None = not published)."""

    joined: int
    outside: int
    no_location: int
    read: int
    ck: int = 0            # cell key of the persons in an area (perturbation)
    read_adds_up: bool = True  # read = joined + outside + no_location (one date, no overlaps)
    ck_outside: int = 0    # cell keys of the persons outside every area, without location
    ck_no_location: int = 0
    #: the table's rows whose residents add up to ``joined`` (None: all; a run protected with
    #: a date it does not publish)
    rows: Optional[np.ndarray] = None


@dataclass
class ReleaseResult:
    """The published table, the report, and what the register records."""

    published: pd.DataFrame
    report: Dict[str, object]
    types: List[str]                     # cell types of a row (register)
    hidden_types: np.ndarray             # (rows, types) bool
    totals: Dict[str, Optional[float]] = field(default_factory=dict)




def _nest_rules(raw: pd.DataFrame, indicators: Sequence[Indicator], nestings,
                rules: Rules) -> List[Optional[np.ndarray]]:
    """Protection of each nesting's implied cell (True = must not be computable or narrow)."""
    kinds = {i.code: i.kind for i in indicators}
    out: List[Optional[np.ndarray]] = []
    for k, (_small, big, how) in enumerate(nestings):
        if how == NEST_SAME:
            out.append(None)
            continue
        code = "nest{}".format(k)
        den = raw[code + "_den"].to_numpy(dtype=float)
        if how == NEST_DEN:
            out.append(frequency_rule(den, rules, den > 0))
            continue
        pseudo = Indicator(code, kinds[big], code)
        f = primary_flags(raw, [pseudo], rules)[code]
        out.append((f != PUBLISHED) & (den > 0))  # an empty group has nothing to protect
    return out


def protect_release(raw: pd.DataFrame, indicators: Sequence[Indicator], rules: Rules, *,
                    perturbation: Perturbation = OFF, width: Optional[float] = None,
                    pops: Optional[Populations] = None, links: Sequence[Link] = (),
                    group_tables: Optional[GroupTables] = None,
                    totals: Optional[Totals] = None,
                    withhold: Optional[np.ndarray] = None,
                    types: Optional[TypeTable] = None,
                    overlap_budget: int = 0, amount_budget: int = 0,
                    overlaps: Optional[Tuple[np.ndarray, np.ndarray, np.ndarray]] = None,
                    crossing_any_label: bool = True) -> ReleaseResult:
    """Protect one release (see the module doc). ``raw``: core.indicators.aggregate's table.

    ``withhold`` (bool per row): rows whose figures the output does not publish at all (a
    merged region below the minimum): hidden, protected only where the rules make them small.
    ``types`` (core.discretion.types, from the persons): after the relations, no small group
    the indicators tell apart may be recovered; more indicators are hidden until none is.
    ``overlap_budget`` (with the perturbation; 0 = none): rows that would put a person into
    more different published populations of one date are hidden (core.discretion.budget).
    ``amount_budget`` (with the perturbation; 0 = none): rows that would show a person's
    amounts in more different published populations of one date hide their sums of amounts.
    ``overlaps`` (row i, row j, persons in both): the pairs of rows sharing persons, when
    ``pops`` holds no person keys (a database). ``crossing_any_label``: the crossing rule
    compares rows of any labels that share persons, not only the dates of one label (a run
    with a release register; a database run without one cannot tell who is in two areas).
    """
    t0 = time.perf_counter()
    width = float(rules.min_count if width is None else width)
    n, k = len(raw), len(indicators)
    nestings = [t for t in raw.attrs.get("nestings", []) if t[0] in {i.code for i in indicators}
                and t[1] in {i.code for i in indicators}]
    rest_idx = [m for m, t in enumerate(nestings) if t[2] != NEST_SAME]
    w = 1 + 2 * k + len(rest_idx)
    col = {i.code: 1 + 2 * j for j, i in enumerate(indicators)}
    flags = primary_flags(raw, indicators, rules)
    residents = raw["residents"].to_numpy().astype(float)
    vals = np.zeros((n, w))
    vals[:, 0] = residents
    hidden = np.zeros((n, w), dtype=bool)
    hidden[:, 0] = (residents > 0) & (residents < rules.min_count)
    protect = np.ones((n, w), dtype=bool)
    candidate = np.ones((n, w), dtype=bool)
    priority = np.zeros((n, w), dtype=np.int64)
    priority[:, 0] = 2
    weight = np.zeros((n, w))
    lower = np.zeros((n, w))
    upper = np.full((n, w), np.inf)
    link = np.full((n, w), -1, dtype=np.int64)
    rows = np.arange(n, dtype=np.int64)
    leq = _row_cells(raw, indicators, col, flags, rows, w, withhold, rules, vals, hidden,
                     protect, priority, weight, link, lower)
    crossing: Dict[str, np.ndarray] = {}
    pinned: Dict[int, set] = {}
    if perturbation.enabled and pops is not None:
        by_rules = hidden.copy()
        crossing = _crossing_suppression(raw, indicators, flags, hidden, pops, width, rules,
                                         group_tables, overlaps, crossing_any_label, pinned)
        _hide_crossing(crossing, hidden, flags, col)
        _keep_back(sorted(pinned), indicators, flags, hidden, protect, by_rules)
    _nest_cells(raw, indicators, nestings, rest_idx, rules, vals, hidden, candidate, protect,
                lower)
    # ------------------------------------------------------------------ relations
    rel = Relations(n * w)
    _row_relations(rel, indicators, nestings, rest_idx, col, rows, w)
    extra = _Extra(n * w)
    warnings: List[str] = []
    # links between this release's rows and earlier releases
    known_before = np.zeros(n * w, dtype=bool)
    time_hidden: set = set()
    atom_stats = AtomStats()
    extra_links: List[Link] = []
    budget_hidden, most_populations, amount_hidden, mean_codes = apply_budgets(
        pops if perturbation.enabled else None, indicators, col, hidden, overlap_budget,
        amount_budget, warnings)
    if pops is not None and not perturbation.enabled:
        # exact values: overlapping populations, each the sum of its atoms (the noise of
        # each population protects an inclusion-exclusion of perturbed ones)
        pops, extra_links, atom_stats = atom_links(pops, max(1, rules.min_count),
                                                   cell_types(indicators))
    if pops is not None and (links or extra_links):
        links = [lk for lk in links if any(pops.row[p] >= 0 or pops.row[p] == WHAT_IF_ROW
                                           for p in (lk.container,) + lk.members)]
        if perturbation.enabled:
            # changes over time: the noise of two different groups of persons is independent,
            # so a difference between dates is the true difference plus noise, never a
            # person's figures; only the same persons at two dates stay linked
            links = [lk for lk in links if lk.kind == EQUAL or
                     len({pops.dates[p] for p in (lk.container,) + lk.members}) == 1]
        if not perturbation.enabled:
            time_hidden, links = _time_suppression(
                pops, links, max(rules.min_count, rules.min_residents))
        links = list(links) + extra_links
        old_vals, rest_prot, old_prot = _link_figures(indicators, rules, pops, links,
                                                      group_tables, raw, with_old_prot=True)
        for r in time_hidden:
            hidden[r, :1 + 2 * k] = True
        links = _equal_forest(pops, links)
        known_before = _add_links(raw, indicators, pops, links, old_vals, rest_prot, rel, extra,
                                  col, w, vals, old_prot,
                                  max(rules.min_count, rules.min_residents), rules,
                                  row_need=hidden & protect)
    # ------------------------------------------------------------------ solve
    n_all = rel.n_cells
    h = np.concatenate([hidden.ravel(), extra.hidden])
    pr = np.concatenate([protect.ravel(), extra.protect])
    ca = np.concatenate([candidate.ravel(), extra.candidate])
    po = np.concatenate([priority.ravel(), extra.priority])
    we = np.concatenate([weight.ravel(), np.zeros(n_all - n * w)])
    lk = np.concatenate([link.ravel(), np.full(n_all - n * w, -1, dtype=np.int64)])
    va = np.concatenate([vals.ravel(), extra.values])
    lo = np.concatenate([lower.ravel(), extra.lower])
    up = np.concatenate([upper.ravel(), np.full(n_all - n * w, np.inf)])
    lq = np.concatenate(leq) if leq else np.zeros((0, 2), np.int64)
    # cells an earlier release published for the same persons are known to the attacker
    lost = 0
    if known_before.any():
        # (in rows kept back for an earlier release no flag says a count is small)
        kept = np.zeros((n, w), dtype=bool)
        kept[sorted(pinned)] = True
        lost = int((known_before & hidden.ravel() & protect.ravel() & ~kept.ravel()).sum())
        if lost:
            warnings.append(tr("{n} figures hidden now were published for the same persons by "
                               "an earlier release; they count as known.").format(n=lost))
        kb = np.concatenate([known_before, np.zeros(n_all - n * w, dtype=bool)])
        h, ca = h & ~kb, ca & ~kb
    sup, iv = secure_suppression(rel, va, h, pr, width, candidate=ca, priority=po, weight=we,
                                 link=lk, lower=lo, upper=up, leq=lq,
                                 allow_unprotectable=pops is not None and bool(links))
    prim = np.nonzero(h & pr)[0]
    prim = prim[prim < n * w]
    widths = iv.min_width[prim] if len(prim) else np.zeros(0)
    widths = widths[~np.isnan(widths)]
    narrowest = round(float(min(widths.min(), 1e12)), 3) if len(widths) else None
    # a cell hidden only to protect others (secondary) that earlier releases pin is no
    # disclosure: its figure passes the rules (the cells it was to protect are audited)
    pinned_now = iv.unprotectable[h[iv.unprotectable]] if len(iv.unprotectable) else \
        iv.unprotectable
    if len(pinned_now):
        warnings.append(tr("{n} hidden figures follow from what was published before whatever "
                           "this release hides.").format(n=len(pinned_now)))
    hid_all = sup.hidden.copy()
    if known_before.any():
        hid_all[:n * w] |= hidden.ravel()  # never publish what the rules hide
    hid = hid_all[:n * w].reshape(n, w)
    type_hidden = 0
    if types is not None:
        hid, type_hidden = _type_audit(types, raw, indicators, flags, hid, col, rules)
    sec = (hid & ~hidden)
    if time_hidden or budget_hidden:  # hidden for change / for the budget: secondary
        tr_rows = np.array(sorted(time_hidden | budget_hidden), dtype=np.int64)
        sec[tr_rows, :1 + 2 * k] = True
    rr = np.array(sorted(amount_hidden), dtype=np.int64)
    for c in mean_codes:  # sums of amounts hidden for the amount budget: secondary
        sec[rr, col[c]] = hid[rr, col[c]]
    # ------------------------------------------------------------------ publish
    pub = np.where(hid, np.nan, vals)
    changes: List[np.ndarray] = []
    if perturbation.enabled:
        pub = _perturb(raw, indicators, pub, col, rules, perturbation, changes)
    published, n_flags, row_types, hidden_types = _publish_table(raw, indicators, pub, col,
                                                                 flags, sec, hid)
    tot_out = _protected_totals(totals, hid, rules, perturbation)
    a = sup.audit
    report: Dict[str, object] = {
        "rules_applied": rules.describe(),
        "primary": n_flags[PRIMARY], "secondary": n_flags[SECONDARY], "area": n_flags[AREA],
        "audit": "passed" if (a.passed and iv.passed) else "failed",
        "relations": len(rel), "relations_checked": a.relations_checked,
        "blocks": a.blocks, "hidden_checked": a.hidden_checked, "rounds": sup.rounds,
        "interval_audit": {"protection_width": width, "checked": iv.checked,
                           "narrowest_primary": narrowest,
                           "certified": iv.certified, "solved_by_lp": iv.solved,
                           "blocks_without_values": iv.unknown_blocks},
        "links": {"equal": sum(1 for x in links if x.kind == EQUAL),
                  "near": sum(1 for x in links if x.kind == NEAR),
                  "sum": sum(1 for x in links if x.kind == SUM),
                  "examples": [describe(x, pops) for x in list(links)[:5]
                               if x.kind not in (ATOMS, SAME)] if pops else []},
        "atoms": {"populations": atom_stats.populations, "atoms": atom_stats.atoms,
                  "seconds": round(atom_stats.seconds, 4)},
        "perturbation": perturbation.describe(),
        "mean_abs_change": round(float(np.mean(np.concatenate(changes))), 4) if changes
        else 0.0,
        "seconds": round(time.perf_counter() - t0, 4),
        "warnings": warnings,
        "known_before_lost": lost,
        "residents_hidden": int(hid[:, 0].sum()),
        "hidden_for_groups": type_hidden,
        "dates_hidden_for_change": len(time_hidden),
        "hidden_for_crossing": int(sum(int(v.sum()) for v in crossing.values())),
        "hidden_for_crossing_by_date": _by_date(raw, crossing),
        "secondary_known_before": int(len(iv.unprotectable) - len(pinned_now)),
        "pinned_by_earlier": int(len(pinned_now)),
        # rows kept back (A) because an earlier release published a cell that would narrow
        # one of their P cells: row count and the earlier releases' ids
        "kept_back_for_earlier": {"rows": len(pinned),
                                  "releases": sorted({x for v in pinned.values() for x in v})},
        "overlap_budget": {"budget": overlap_budget, "rows_hidden": len(budget_hidden),
                           "most_populations_per_person": most_populations},
        "amount_budget": {"budget": amount_budget, "rows_hidden": len(amount_hidden)},
    }
    return ReleaseResult(published, report, row_types, hidden_types, tot_out)


def _row_cells(raw: pd.DataFrame, indicators: Sequence[Indicator], col: Dict[str, int],
               flags, rows: np.ndarray, w: int, withhold: Optional[np.ndarray], rules: Rules,
               vals: np.ndarray, hidden: np.ndarray, protect: np.ndarray, priority: np.ndarray,
               weight: np.ndarray, link: np.ndarray, lower: np.ndarray) -> List[np.ndarray]:
    """The indicators' cells of every row (filled in place; ``withhold``: see
    :func:`protect_release`); returns the pairs (cell, cell) of ``num <= den <= residents``."""
    k = len(indicators)
    leq: List[np.ndarray] = []
    for i, ind in enumerate(indicators):
        c = col[ind.code]
        num = raw[f"{ind.code}_num"].to_numpy(dtype=float)
        den = raw[f"{ind.code}_den"].to_numpy(dtype=float)
        vals[:, c], vals[:, c + 1] = num, den
        hide = flags[ind.code] != PUBLISHED
        hidden[:, c] = hidden[:, c + 1] = hide
        # a small population is a small count; an empty population has nothing to protect
        protect[:, c + 1] = frequency_rule(den, rules, den > 0)
        protect[:, c] = den > 0
        priority[:, c + 1] = 1
        weight[:, c] = weight[:, c + 1] = num
        link[:, c] = link[:, c + 1] = rows * k + i
        if ind.kind == "mean":
            lower[:, c] = -np.inf  # amounts may be negative
        else:
            leq.append(np.stack([rows * w + c, rows * w + c + 1], axis=1))  # num <= den
        leq.append(np.stack([rows * w + c + 1, rows * w], axis=1))          # den <= residents
    if withhold is not None:  # not published: protected only where the rules say small
        wh = np.asarray(withhold, dtype=bool)
        protect[wh, 0] = hidden[wh, 0]
        for ind in indicators:
            c = col[ind.code]
            protect[wh, c] &= hidden[wh, c]
            flags[ind.code] = np.where(wh & (flags[ind.code] == PUBLISHED), AREA,
                                       flags[ind.code])
        hidden[wh, :1 + 2 * k] = True
    return leq


def _hide_crossing(crossing: Dict[str, np.ndarray], hidden: np.ndarray, flags,
                   col: Dict[str, int]) -> None:
    """Hide (``P``) the cells the crossing rule found (in place)."""
    for name, rows_hidden in crossing.items():
        if name == "residents":
            hidden[rows_hidden, 0] = True
            continue
        c = col[name]
        hidden[rows_hidden, c] = hidden[rows_hidden, c + 1] = True
        flags[name] = np.where(rows_hidden, PRIMARY, flags[name])


def _by_date(raw: pd.DataFrame, crossing: Dict[str, np.ndarray]) -> Dict[str, int]:
    """Cells hidden by the crossing rule, per reference date."""
    if not crossing:
        return {}
    per_row = np.sum([v.astype(np.int64) for v in crossing.values()], axis=0)
    dates = raw["ref_date"].astype(str).to_numpy()
    return {str(d): int(per_row[dates == d].sum()) for d in np.unique(dates)}


def _keep_back(rows: List[int], indicators: Sequence[Indicator], flags, hidden: np.ndarray,
               protect: np.ndarray, by_rules: np.ndarray) -> None:
    """Keep back (``A``) every cell of ``rows`` (in place): a ``P`` flag there would be
    narrowed by an earlier release, an ``A`` flag says nothing of a count. The cells the rules
    hide (``by_rules``) stay protected, the others need no protection."""
    if not rows:
        return
    r = np.asarray(rows, dtype=np.int64)
    protect[r] &= by_rules[r]
    for ind in indicators:
        f = flags[ind.code].copy()
        f[r] = AREA
        flags[ind.code] = f
    hidden[r, :1 + 2 * len(indicators)] = True


def _nest_cells(raw: pd.DataFrame, indicators: Sequence[Indicator], nestings,
                rest_idx: List[int], rules: Rules, vals: np.ndarray, hidden: np.ndarray,
                candidate: np.ndarray, protect: np.ndarray, lower: np.ndarray) -> None:
    """The implied cells of the nestings (filled in place, after a row's indicator cells)."""
    k = len(indicators)
    nest_protect = _nest_rules(raw, indicators, nestings, rules)
    for pos, m in enumerate(rest_idx):
        c = 1 + 2 * k + pos
        small, big, how = nestings[m]
        cell = "den" if how == NEST_DEN else "num"
        vals[:, c] = raw["nest{}_{}".format(m, cell)].to_numpy(dtype=float)
        hidden[:, c] = True
        candidate[:, c] = False
        protect[:, c] = nest_protect[m]
        big_kind = {i.code: i.kind for i in indicators}[big]
        if big_kind == "mean" and cell == "num":
            lower[:, c] = -np.inf


def indicator_value(kind: str, num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """An indicator's published value from its published numerator and denominator: a share
    in percent (0-100), a mean, or the count; NaN where the denominator is not positive."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if kind == "share":
            val = np.clip(100.0 * num / den, 0.0, 100.0)
        elif kind == "mean":
            val = num / den
        else:
            val = num.copy()
    val[~(den > 0)] = np.nan
    return val


def _publish_table(raw: pd.DataFrame, indicators: Sequence[Indicator], pub: np.ndarray,
                   col: Dict[str, int], flags, sec: np.ndarray, hid: np.ndarray
                   ) -> Tuple[pd.DataFrame, Dict[str, int], List[str], np.ndarray]:
    """The published table (values, flags), the count of each flag, the register's cell types
    of a row and which of them are hidden (see :func:`protect_release`)."""
    n = len(raw)
    out: Dict[str, object] = {"area_idx": raw["area_idx"].to_numpy(),
                              "ref_date": raw["ref_date"].to_numpy(), "residents": pub[:, 0]}
    n_flags = {PRIMARY: 0, SECONDARY: 0, AREA: 0}
    for ind in indicators:
        c = col[ind.code]
        f = flags[ind.code].copy()
        f[sec[:, c] | sec[:, c + 1]] = SECONDARY
        hide = f != PUBLISHED
        num, den = pub[:, c].copy(), pub[:, c + 1].copy()
        num[hide] = np.nan
        den[hide] = np.nan
        val = indicator_value(ind.kind, num, den)
        out[f"{ind.code}_num"], out[f"{ind.code}_den"] = num, den
        out[f"{ind.code}_val"], out[f"{ind.code}_flag"] = val, f
        for fl in n_flags:
            n_flags[fl] += int(np.sum(f == fl))
    published = pd.DataFrame(out)
    row_types = cell_types(indicators)
    hidden_types = np.zeros((n, len(row_types)), dtype=bool)
    hidden_types[:, 0] = hid[:, 0]
    for j, ind in enumerate(indicators):
        hidden_types[:, 1 + 2 * j] = hid[:, col[ind.code]]
        hidden_types[:, 2 + 2 * j] = hid[:, col[ind.code] + 1]
    return published, n_flags, row_types, hidden_types


def _protected_totals(totals: Optional[Totals], hid: np.ndarray, rules: Rules,
                      perturbation: Perturbation) -> Dict[str, Optional[float]]:
    """The run's totals as published (:func:`_publish_totals`, with their noise)."""
    tot_out: Dict[str, Optional[float]] = {}
    if totals is not None:
        tot_out = _publish_totals(totals, hid[:, 0] if totals.rows is None
                                  else hid[np.asarray(totals.rows, dtype=bool), 0], rules)
        if perturbation.enabled:  # each total keyed on its own persons, like a cell
            keys = {"PERSONS_IN_AREAS": totals.ck, "PERSONS_OUTSIDE": totals.ck_outside,
                    "PERSONS_NO_LOCATION": totals.ck_no_location,
                    "PERSONS_READ": (totals.ck + totals.ck_outside + totals.ck_no_location)
                    % (1 << 32)}
            for name, key in keys.items():
                if tot_out.get(name) is not None:
                    tot_out[name] = float(perturb_counts(
                        np.array([tot_out[name]], float), np.array([key]), rules.min_count,
                        perturbation)[0])
    return tot_out


def _row_relations(rel: Relations, indicators: Sequence[Indicator], nestings,
                   rest_idx: List[int], col: Dict[str, int], rows: np.ndarray, w: int) -> None:
    """The relations within each row: the indicators' templates and the nestings."""
    k = len(indicators)
    for t in indicator_relation_templates(indicators):
        cols = np.array([c for c, _ in t], dtype=np.int64)
        coefs = np.array([x for _, x in t])
        rel.add_many(rows[:, None] * w + cols[None, :], coefs)
    for pos, m in enumerate(rest_idx + [m for m, t in enumerate(nestings) if t[2] == NEST_SAME]):
        small, big, how = nestings[m]
        off = 1 if how == NEST_DEN else 0
        cs, cb = col[small] + off, col[big] + off
        if how == NEST_SAME:
            rel.add_many(np.stack([rows * w + cb, rows * w + cs], axis=1), [1.0, -1.0])
        else:
            cr = 1 + 2 * k + pos
            rel.add_many(np.stack([rows * w + cb, rows * w + cs, rows * w + cr], axis=1),
                         [1.0, -1.0, -1.0])


def _type_audit(types: TypeTable, raw: pd.DataFrame, indicators: Sequence[Indicator], flags,
                hid: np.ndarray, col: Dict[str, int], rules: Rules) -> Tuple[np.ndarray, int]:
    """core.discretion.types' audit on the cells the relations left published."""
    k = len(indicators)
    shown = np.zeros((len(raw), k), dtype=bool)
    dens = np.zeros((len(raw), k))
    for j, ind in enumerate(indicators):
        c = col[ind.code]
        shown[:, j] = (flags[ind.code] == PUBLISHED) & ~hid[:, c] & ~hid[:, c + 1]
        dens[:, j] = raw[f"{ind.code}_den"].to_numpy(dtype=float)
    res_shown, shown2, n = type_audit(types, ~hid[:, 0], shown, dens, rules.min_count)
    if n:
        hid = hid.copy()
        hid[:, 0] |= ~res_shown
        for j, ind in enumerate(indicators):
            c = col[ind.code]
            newly = shown[:, j] & ~shown2[:, j]
            hid[newly, c] = True
            hid[newly, c + 1] = True
    return hid, n


def _publish_totals(totals: Totals, residents_hidden: np.ndarray,
                    rules: Rules) -> Dict[str, Optional[float]]:
    """The run's four person counts, each unless it (with the others) reveals a hidden count.

    They add up (read = in an area + outside + without location) and "in an area" is the sum
    of the areas' residents. So: a small count among outside / without location is not
    published, nor then the rows read; when an area's residents are hidden, neither the
    persons in an area nor the rows read are (the log shows all four to the analyst).
    """
    tv = {"PERSONS_IN_AREAS": totals.joined, "PERSONS_OUTSIDE": totals.outside,
          "PERSONS_NO_LOCATION": totals.no_location, "PERSONS_READ": totals.read}
    out: Dict[str, Optional[float]] = {k: float(v) for k, v in tv.items()}
    for name in ("PERSONS_OUTSIDE", "PERSONS_NO_LOCATION"):
        if 0 < tv[name] < rules.min_count:
            out[name] = None
            out["PERSONS_READ"] = None
    if residents_hidden.any() or 0 < totals.joined < rules.min_count:
        out["PERSONS_IN_AREAS"] = None
        out["PERSONS_READ"] = None
    return out
