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
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.atoms import ATOMS, AtomStats, atom_links, is_atom
from boligsocial_plugin.core.discretion.budget import over_budget
from boligsocial_plugin.core.discretion.engine import Relations
from boligsocial_plugin.core.discretion.indicators import indicator_relation_templates
from boligsocial_plugin.core.discretion.intervals import secure_suppression
from boligsocial_plugin.core.discretion.linkage import (
    EQUAL,
    NEAR,
    SUM,
    Link,
    Populations,
    describe,
)
from boligsocial_plugin.core.discretion.perturbation import (
    OFF,
    Perturbation,
    perturb_amounts,
    perturb_counts,
    perturb_fte,
)
from boligsocial_plugin.core.discretion.rules import (
    AREA,
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    Rules,
    frequency_rule,
    primary_flags,
)
from boligsocial_plugin.core.discretion.types import TypeTable, type_audit
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import NEST_DEN, NEST_SAME, Indicator

#: group tables: given [(date, sorted keys)], a raw-like table (one row per group, the columns
#: of core.indicators.aggregate) and whether every person of each group was found
GroupTables = Callable[[List[Tuple[str, np.ndarray]]], Tuple[pd.DataFrame, np.ndarray]]

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


def cell_types(indicators: Sequence[Indicator]) -> List[str]:
    """The register's cell types of a row: residents, then num/den per indicator."""
    out = ["residents"]
    for ind in indicators:
        fp = ind.fingerprint()
        out += ["{}:{}:num".format(ind.code, fp), "{}:{}:den".format(ind.code, fp)]
    return out


def _nest_rules(raw: pd.DataFrame, indicators: Sequence[Indicator], nestings, rules: Rules):
    """Protection of each nesting's implied cell (True = must not be computable or narrow)."""
    kinds = {i.code: i.kind for i in indicators}
    out = []
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
                    overlap_budget: int = 0,
                    overlaps: Optional[Tuple[np.ndarray, np.ndarray, np.ndarray]] = None
                    ) -> ReleaseResult:
    """Protect one release (see the module doc). ``raw``: core.indicators.aggregate's table.

    ``withhold`` (bool per row): rows whose figures the output does not publish at all (a
    merged region below the minimum): hidden, protected only where the rules make them small.
    ``types`` (core.discretion.types, from the persons): after the relations, no small group
    the indicators tell apart may be recovered; more indicators are hidden until none is.
    ``overlap_budget`` (with the perturbation; 0 = none): rows that would put a person into
    more different published populations of one date are hidden (core.discretion.budget).
    ``overlaps`` (row i, row j, persons in both): the pairs of rows sharing persons, when
    ``pops`` holds no person keys (a database).
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
    crossing: Dict[str, np.ndarray] = {}
    if perturbation.enabled and pops is not None:
        crossing = _crossing_suppression(raw, indicators, flags, hidden, pops, width, rules,
                                         group_tables, overlaps)
        for name, rows_hidden in crossing.items():
            if name == "residents":
                hidden[rows_hidden, 0] = True
                continue
            c = col[name]
            hidden[rows_hidden, c] = hidden[rows_hidden, c + 1] = True
            flags[name] = np.where(rows_hidden, PRIMARY, flags[name])
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
    # ------------------------------------------------------------------ relations
    rel = Relations(n * w)
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
    extra = _Extra(n * w)
    warnings: List[str] = []
    # links between this release's rows and earlier releases
    known_before = np.zeros(n * w, dtype=bool)
    time_hidden: set = set()
    atom_stats = AtomStats()
    extra_links: List[Link] = []
    budget_hidden: set = set()
    most_populations: Dict[str, int] = {}
    if pops is not None and perturbation.enabled and overlap_budget > 0:
        # independent noise of each different population: a bounded number of noisy copies
        budget_hidden, most_populations = over_budget(pops, overlap_budget)
        for r in budget_hidden:
            hidden[r, :1 + 2 * k] = True
        if budget_hidden:
            warnings.append(tr("{n} rows are hidden: their persons are already in {k} "
                               "different published populations of the same date (the overlap "
                               "budget), and each more would give one more noisy copy of their "
                               "figures. Publish fewer overlapping geographies of that date, or "
                               "forget from the release register the drafts that were never "
                               "published.").format(n=len(budget_hidden), k=overlap_budget))
    if pops is not None and not perturbation.enabled:
        # exact values: overlapping populations, each the sum of its atoms (the noise of
        # each population protects an inclusion-exclusion of perturbed ones)
        pops, extra_links, atom_stats = atom_links(pops, max(1, rules.min_count),
                                                   cell_types(indicators))
    if pops is not None and (links or extra_links):
        links = [lk for lk in links if any(pops.row[p] >= 0 for p in (lk.container,)
                                           + lk.members)]
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
    if known_before.any():
        lost = int((known_before & hidden.ravel() & protect.ravel()).sum())
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
    if len(iv.unprotectable):
        warnings.append(tr("{n} hidden figures follow from what was published before whatever "
                           "this release hides.").format(n=len(iv.unprotectable)))
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
    # ------------------------------------------------------------------ publish
    pub = np.where(hid, np.nan, vals)
    changes: List[np.ndarray] = []
    if perturbation.enabled:
        pub = _perturb(raw, indicators, pub, col, rules, perturbation, changes)
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
        with np.errstate(invalid="ignore", divide="ignore"):
            if ind.kind == "share":
                val = np.clip(100.0 * num / den, 0.0, 100.0)
            elif ind.kind == "mean":
                val = num / den
            else:
                val = num.copy()
        val[~(den > 0)] = np.nan
        out[f"{ind.code}_num"], out[f"{ind.code}_den"] = num, den
        out[f"{ind.code}_val"], out[f"{ind.code}_flag"] = val, f
        for fl in n_flags:
            n_flags[fl] += int(np.sum(f == fl))
    published = pd.DataFrame(out)
    types = cell_types(indicators)
    hidden_types = np.zeros((n, len(types)), dtype=bool)
    hidden_types[:, 0] = hid[:, 0]
    for j, ind in enumerate(indicators):
        hidden_types[:, 1 + 2 * j] = hid[:, col[ind.code]]
        hidden_types[:, 2 + 2 * j] = hid[:, col[ind.code] + 1]
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
                               if x.kind != ATOMS] if pops else []},
        "atoms": {"populations": atom_stats.populations, "atoms": atom_stats.atoms,
                  "seconds": round(atom_stats.seconds, 4)},
        "perturbation": perturbation.describe(),
        "mean_abs_change": round(float(np.mean(np.concatenate(changes))), 4) if changes
        else 0.0,
        "seconds": round(time.perf_counter() - t0, 4),
        "warnings": warnings,
        "residents_hidden": int(hid[:, 0].sum()),
        "hidden_for_groups": type_hidden,
        "dates_hidden_for_change": len(time_hidden),
        "hidden_for_crossing": int(sum(int(v.sum()) for v in crossing.values())),
        "overlap_budget": {"budget": overlap_budget, "rows_hidden": len(budget_hidden),
                           "most_populations_per_person": most_populations},
    }
    return ReleaseResult(published, report, types, hidden_types, tot_out)


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


class _Extra:
    """Cells beyond the rows: totals, hidden cells of earlier releases, implied groups."""

    def __init__(self, first: int):
        self.first = first
        self.size = 0
        self._values: List[np.ndarray] = []
        self._counts: List[int] = []
        self._flags: List[Tuple[bool, bool, bool, float]] = []

    def add(self, count: int, values=None, hidden=False, protect=True, candidate=True,
            lower=0.0) -> List[int]:
        """``count`` new cells; returns their indices."""
        start = self.first + self.size
        self._values.append(np.full(count, np.nan) if values is None
                            else np.asarray(values, dtype=float).reshape(count))
        self._counts.append(count)
        self._flags.append((bool(hidden), bool(protect), bool(candidate), float(lower)))
        self.size += count
        return list(range(start, start + count))

    def _column(self, j: int, kind) -> np.ndarray:
        if not self._counts:
            return np.zeros(0, dtype=kind)
        return np.repeat(np.array([f[j] for f in self._flags], dtype=kind), self._counts)

    @property
    def values(self) -> np.ndarray:
        """True values of the cells (NaN unknown)."""
        return np.concatenate(self._values) if self._values else np.zeros(0)

    @property
    def hidden(self) -> np.ndarray:
        """Hidden (not known to the attacker)."""
        return self._column(0, bool)

    @property
    def protect(self) -> np.ndarray:
        """Must not be computable (or narrow)."""
        return self._column(1, bool)

    @property
    def candidate(self) -> np.ndarray:
        """May be hidden by secondary suppression."""
        return self._column(2, bool)

    @property
    def priority(self) -> np.ndarray:
        """Secondary-suppression priority (all 0)."""
        return np.zeros(self.size, dtype=np.int64)

    @property
    def lower(self) -> np.ndarray:
        """Lower bounds."""
        return self._column(3, float)


def _type_columns(indicators: Sequence[Indicator], col: Dict[str, int]) -> List[Tuple[str, int]]:
    """(cell type, column within a row) for every type."""
    out = [("residents", 0)]
    for t, ind in zip(cell_types(indicators)[1::2], indicators):
        out.append((t, col[ind.code]))
        out.append((t[:-3] + "den", col[ind.code] + 1))
    return out


def _group_values(raw_like: pd.DataFrame, indicators: Sequence[Indicator]) -> np.ndarray:
    """(groups, types) values of raw-like rows."""
    cols = [raw_like["residents"].to_numpy(dtype=float)]
    for ind in indicators:
        cols.append(raw_like[f"{ind.code}_num"].to_numpy(dtype=float))
        cols.append(raw_like[f"{ind.code}_den"].to_numpy(dtype=float))
    return np.stack(cols, axis=1) if len(raw_like) else np.zeros((0, len(cols)))


def _group_protect(raw_like: pd.DataFrame, indicators: Sequence[Indicator],
                   rules: Rules) -> np.ndarray:
    """(groups, types): whether an implied group's cell must be protected (primary rules)."""
    n = len(raw_like)
    out = np.zeros((n, 1 + 2 * len(indicators)), dtype=bool)
    if n == 0:
        return out
    res = raw_like["residents"].to_numpy(dtype=float)
    out[:, 0] = frequency_rule(res, rules, res > 0)
    flags = primary_flags(raw_like, indicators, rules)
    for j, ind in enumerate(indicators):
        den = raw_like[f"{ind.code}_den"].to_numpy(dtype=float)
        f = (flags[ind.code] != PUBLISHED) & (den > 0)
        out[:, 1 + 2 * j] = f
        out[:, 2 + 2 * j] = frequency_rule(den, rules, den > 0) | ((flags[ind.code] == AREA)
                                                                    & (den > 0))
    return out


def _link_figures(indicators, rules, pops: Populations, links: Sequence[Link], group_tables,
                  raw: Optional[pd.DataFrame] = None, with_old_prot: bool = False):
    """True figures and protection of the groups the links involve.

    Returns (values of earlier populations by population, protection of each rest by link,
    and with ``with_old_prot`` the protection of earlier populations by population): arrays
    over the cell types. An earlier population equal to a row of this release has that row's
    figures (no recount).
    """
    ntypes = 1 + 2 * len(indicators)
    same: Dict[int, int] = {}
    if raw is not None:
        for lk in links:
            if lk.kind == EQUAL:
                a, b = lk.container, lk.members[0]
                if pops.row[a] >= 0 > pops.row[b]:
                    same[b] = int(pops.row[a])
                elif pops.row[b] >= 0 > pops.row[a]:
                    same[a] = int(pops.row[b])
    old = sorted({p for lk in links for p in (lk.container,) + lk.members
                  if pops.row[p] < 0 and p not in same})
    # a population known only by its size (a run's total): its residents are its members
    only_size = [p for p in old if (pops.published[p] | pops.hidden[p]) <= {"residents"}]
    old = [p for p in old if p not in set(only_size)]
    sums = [lk for lk in links if lk.kind == SUM and lk.rest_size]
    groups = [(pops.dates[p], pops.members(p)) for p in old] + \
        [(lk.date, lk.rest) for lk in sums]
    if groups and group_tables is not None:
        table, found = group_tables(groups)
        gvals = _group_values(table, indicators)
        gprot = _group_protect(table, indicators, rules)
    else:
        found = np.zeros(len(groups), dtype=bool)
        gvals = np.full((len(groups), ntypes), np.nan)
        gprot = np.ones((len(groups), ntypes), dtype=bool)
    gvals[~found] = np.nan
    gprot[~found] = True
    old_vals = {p: gvals[i] for i, p in enumerate(old)}
    for p in only_size:
        v = np.full(ntypes, np.nan)
        v[0] = float(len(pops.members(p)))
        old_vals[p] = v
    if same:
        rows = sorted(set(same.values()))
        rv = _group_values(raw.iloc[rows], indicators)
        at = {r: i for i, r in enumerate(rows)}
        old_vals.update({p: rv[at[r]] for p, r in same.items()})
    rest_prot = {id(lk): gprot[len(old) + i] for i, lk in enumerate(sums)}
    if not with_old_prot:
        return old_vals, rest_prot
    return old_vals, rest_prot, {p: gprot[i] for i, p in enumerate(old)}


def _quantities(table: pd.DataFrame, ind: Indicator) -> List[np.ndarray]:
    """The person counts (and sums of fractions) of an indicator that the primary rules
    test."""
    den = table[f"{ind.code}_den"].to_numpy(dtype=float)
    if ind.kind == "mean" or f"{ind.code}_cnt" not in table.columns:
        return [den]
    num = table[f"{ind.code}_num"].to_numpy(dtype=float)
    return [den, table[f"{ind.code}_cnt"].to_numpy(dtype=float),
            table[f"{ind.code}_rest"].to_numpy(dtype=float), num, den - num]


def _only_in(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The keys of sorted ``a`` not in sorted ``b``."""
    if not len(b):
        return a
    pos = np.minimum(np.searchsorted(b, a), len(b) - 1)
    return a[b[pos] != a]


def _crossing_suppression(raw: pd.DataFrame, indicators: Sequence[Indicator], flags,
                          hidden: np.ndarray, pops: Populations, width: float, rules: Rules,
                          group_tables: Optional[GroupTables] = None,
                          overlaps: Optional[Tuple[np.ndarray, np.ndarray, np.ndarray]] = None
                          ) -> Dict[str, np.ndarray]:
    """Cells of this release hidden because a date of the same area, a few persons away,
    is hidden by the primary rules (with the perturbation, where the noise cannot protect).

    A published count is at least ``MIN_COUNT`` and a ``P`` flag says a count is smaller:
    when the populations of two dates of an area differ by fewer persons than the protection
    width, ``x_P ≥ MIN_COUNT − (persons that differ)`` narrows the hidden count (one newcomer
    pins it to ``MIN_COUNT − 1``), whatever the noise. Such a published cell (the same
    indicator, whose small count changed by less than the width) is hidden too, flagged
    ``P`` like the cell it protects (an ``S`` flag would still say "at least ``MIN_COUNT``"),
    and so on until no published cell of the area is that close to a ``P`` cell (chains over
    many months). The dates of the area in earlier releases (the register) count too: their
    hidden cells are ``P`` when the rules flag their figures (``group_tables``), and taken as
    ``P`` when their persons are not in this run's data. ``overlaps``: (row i, row j, persons
    in both) when the persons are not at hand (a database); pairs not listed share nobody.

    Returns, per indicator code and ``"residents"``, the rows to hide.
    """
    n = len(raw)
    out: Dict[str, np.ndarray] = {}
    cur = np.nonzero(pops.row >= 0)[0]
    keyed = overlaps is None
    if n == 0 or len(cur) != n or (keyed and pops.ptr[-1] != len(pops.keys)):
        return out
    pop_of = np.empty(n, dtype=np.int64)
    pop_of[pops.row[cur]] = cur
    row_dates = raw["ref_date"].astype(str).to_numpy()
    labels = [pops.labels[p] for p in pop_of]
    types = cell_types(indicators)
    kind_types = ["residents"] + types[1::2]
    # earlier releases: populations under a label of this release, with a hidden cell
    # (those of the same persons at the same date as a row of this release add nothing)
    here = {(lab, d): r for r, (lab, d) in enumerate(zip(labels, row_dates))}
    here_labels = set(labels)
    old = []
    for p in (np.nonzero(pops.row < 0)[0].tolist() if keyed else []):
        r = here.get((pops.labels[p], pops.dates[p]))
        twin = r is not None and np.array_equal(pops.members(p), pops.members(int(pop_of[r])))
        if not twin and pops.labels[p] in here_labels and pops.hidden[p] & set(kind_types):
            old.append(p)
    m = len(old)
    pop_of = np.r_[pop_of, np.array(old, dtype=np.int64)]
    all_dates = np.r_[row_dates, np.array([pops.dates[p] for p in old], dtype=object)]
    date_code = pd.factorize(all_dates.astype(str), sort=True)[0]
    label_code = pd.factorize(np.array(labels + [pops.labels[p] for p in old],
                                       dtype=object))[0]
    if date_code.max() < 1:
        return out
    order = np.argsort(label_code, kind="stable")
    cut = np.flatnonzero(np.diff(label_code[order])) + 1
    by_label = [r for r in np.split(order, cut) if len(r) > 1 and (r < n).any()]
    sizes = pops.size()[pop_of]
    shared: Dict[Tuple[int, int], int] = {}
    if not keyed:
        for i, j, o in zip(*overlaps):
            shared[(min(int(i), int(j)), max(int(i), int(j)))] = int(o)

    def differ(a: int, b: int) -> int:
        """Persons in one of the rows a and b and not in the other."""
        key = (min(a, b), max(a, b))
        if key not in shared:
            if not keyed:
                return int(sizes[a] + sizes[b])
            ka, kb = pops.members(int(pop_of[a])), pops.members(int(pop_of[b]))
            shared[key] = int(len(ka) - len(_only_in(ka, kb)))
        return int(sizes[a] + sizes[b] - 2 * shared[key])

    # the earlier populations' figures and primary flags (unknown: NaN, taken as P)
    old_table, found = None, np.zeros(m, dtype=bool)
    if m and group_tables is not None:
        old_table, found = group_tables([(pops.dates[p], pops.members(p)) for p in old])
        found = np.asarray(found, dtype=bool)
    old_flags = primary_flags(old_table, indicators, rules) if old_table is not None and \
        len(old_table) else {}

    # cell kinds: residents, then the indicators; per kind its P rows, its published rows,
    # the counts the rules test, and per row the counts a P cell is small in (what an
    # attacker pins; a cell hidden here inherits those of the cells it protects)
    def extend(cur_vals: np.ndarray, old_vals: Optional[np.ndarray]) -> np.ndarray:
        v = np.full(m, np.nan) if old_vals is None else np.where(found, old_vals, np.nan)
        return np.r_[np.asarray(cur_vals, dtype=float), v]

    res_old = old_table["residents"].to_numpy(dtype=float) if old_table is not None else None
    old_hidden = [np.array([t in pops.hidden[p] for p in old], dtype=bool) for t in kind_types]
    kinds: List[Tuple[str, np.ndarray, np.ndarray, List[np.ndarray]]] = []
    res_p_old = old_hidden[0] & (~found | (extend(raw["residents"], res_old)[n:]
                                          < rules.min_count))
    kinds.append(("residents", np.r_[hidden[:, 0], res_p_old], np.r_[~hidden[:, 0],
                                                                       np.zeros(m, bool)],
                  [extend(raw["residents"], res_old)]))
    for j, ind in enumerate(indicators):
        f = flags[ind.code]
        qs_old = _quantities(old_table, ind) if old_table is not None else None
        qs = [extend(q, None if qs_old is None else qs_old[k])
              for k, q in enumerate(_quantities(raw, ind))]
        p_old = old_hidden[1 + j] & ~found
        if ind.code in old_flags:
            p_old |= old_hidden[1 + j] & found & (old_flags[ind.code] == PRIMARY)
        kinds.append((ind.code, np.r_[f == PRIMARY, p_old],
                      np.r_[f == PUBLISHED, np.zeros(m, bool)], qs))
    unknown = np.r_[np.zeros(n, bool), ~found]
    for name, is_p, is_pub, qs in kinds:
        with np.errstate(invalid="ignore"):
            small = np.stack([is_p & ((q < rules.min_count) | unknown) for q in qs], axis=1)
        small[is_p & ~small.any(axis=1)] = True  # P by another rule (dominance): every count
        pub_rows, frontier = is_pub.copy(), is_p.copy()
        hide = np.zeros(n + m, dtype=bool)
        while frontier.any():
            new = np.zeros(n + m, dtype=bool)
            for rows in by_label:
                a = rows[frontier[rows]]
                b = rows[pub_rows[rows]]
                if not len(a) or not len(b):
                    continue
                close = np.zeros((len(a), len(b)), dtype=bool)
                with np.errstate(invalid="ignore"):
                    for qi, q in enumerate(qs):
                        near = np.abs(q[a][:, None] - q[b][None, :]) < width
                        close |= small[a, qi][:, None] & (near | unknown[a][:, None])
                close &= date_code[a][:, None] != date_code[b][None, :]
                for x, y in zip(*np.nonzero(close)):
                    ra, rb = int(a[x]), int(b[y])
                    if differ(ra, rb) < width:
                        new[rb] = True
                        small[rb] |= small[ra]
            hide |= new
            pub_rows &= ~new
            frontier = new
        if hide[:n].any():
            out[name] = hide[:n]
    return out


def _time_suppression(pops: Populations, links: Sequence[Link],
                      small_group: int) -> Tuple[set, list]:
    """Rows of one area at different dates that differ by a small group: the earlier one is
    hidden (the latest date is kept); returns (rows to hide, the remaining links).

    A month in which one person moved in would otherwise give that person's figures by
    subtraction from the month before. Two dates of an area are too close when fewer than
    ``tolerance`` persons differ on both sides (``near``), or one lies nearly inside the other
    and the persons who came (or left) are fewer than ``small_group`` (the area minimum, at
    least the smallest count): a group too small to be published as an area of its own.
    Equal populations stay linked as relations (same persons, same hidden cells).
    """
    close: Dict[int, set] = {}
    rest = []
    for lk in links:
        rows = [int(pops.row[p]) for p in (lk.container,) + lk.members]
        same_release = all(r >= 0 for r in rows)
        cross_date = len({pops.dates[p] for p in (lk.container,) + lk.members}) > 1
        if not (same_release and cross_date) or lk.kind == EQUAL:
            rest.append(lk)
            continue
        if lk.kind == NEAR or 0 < lk.rest_size < small_group:
            a, b = rows[0], rows[1]
            close.setdefault(a, set()).add(b)
            close.setdefault(b, set()).add(a)
    hide: set = set()
    published: List[int] = []
    order = sorted(close, key=lambda r: (pops.labels[r], pops.dates[r]), reverse=True)
    for r in order:  # per area, the latest date first
        if any(p in close[r] for p in published if pops.labels[p] == pops.labels[r]):
            hide.add(r)
        else:
            published.append(r)
    return hide, rest


def _equal_forest(pops: Populations, links: Sequence[Link]) -> List[Link]:
    """The links without the redundant equalities between rows of this release.

    Rows of equal populations (an area nobody entered or left over many months) are linked
    pairwise; a chain through each class of equal rows says the same (``x_a − x_b`` is the
    sum of the chain's steps), so the relations of the other pairs add nothing the attacker
    could use, only work for the audits.
    """
    parent: Dict[int, int] = {}

    def root(r: int) -> int:
        while parent.get(r, r) != r:
            parent[r] = parent.get(parent[r], parent[r])
            r = parent[r]
        return r

    out = []
    for lk in links:
        if lk.kind == EQUAL:
            a, b = int(pops.row[lk.container]), int(pops.row[lk.members[0]])
            if a >= 0 and b >= 0:
                ra, rb = root(a), root(b)
                if ra == rb:
                    continue
                parent[max(ra, rb)] = min(ra, rb)
        out.append(lk)
    return out


def _add_links(raw, indicators, pops: Populations, links: Sequence[Link], old_vals,
               rest_prot, rel: Relations, extra: _Extra, col, w: int,
               vals: np.ndarray, old_prot=None, small_group: float = 0.0,
               rules: Optional[Rules] = None,
               row_need: Optional[np.ndarray] = None) -> np.ndarray:
    """Cells and relations of the links (see core.discretion.linkage, .atoms).

    Returns the cells of this release that an earlier release published for exactly the same
    persons (an attacker knows them). An implied cell's true value follows from the relation
    when the other terms' values are known (for the attacker's interval audit).
    ``row_need`` (rows, columns): the cells of this release's rows that need the protection
    width (hidden by the rules, and protected); an earlier twin of a row needs it where the
    row does.
    """
    known_before = np.zeros(len(raw) * w, dtype=bool)
    tcols = _type_columns(indicators, col)
    ntypes = len(tcols)
    old_cell: Dict[Tuple[int, int], int] = {}
    # an atom's cell is protected where its own figures fail the primary rules, every cell of
    # an atom too small to be published as an area (``small_group``); an amount sum may be
    # negative
    atom_lower = [-np.inf if t % 2 == 1 and indicators[(t - 1) // 2].kind == "mean" else 0.0
                  for t in range(1 + 2 * len(indicators))]
    atom_lower += [0.0] * (ntypes - len(atom_lower))
    flat = vals.ravel()
    # an earlier population of the same persons at the same date as a row of this release (a
    # re-run, another output of the same series): the row's own relations hold for it, so
    # its hidden cells need the protection the row's cells need (an earlier secondary cell is
    # no small count, nor is the denominator of an area kept back whose residents are
    # published), not a protection width each
    twin: Dict[int, int] = {}
    for lk in links:
        if lk.kind == EQUAL:
            a, b = lk.container, lk.members[0]
            if pops.dates[a] == pops.dates[b] and (pops.row[a] >= 0) != (pops.row[b] >= 0):
                old_p, row = (b, a) if pops.row[a] >= 0 else (a, b)
                twin[int(old_p)] = int(pops.row[row])
    twin_rows = sorted(set(twin.values()))
    twin_prot = None
    if twin_rows and row_need is not None:
        twin_prot = np.asarray(row_need)[twin_rows][:, [c for _n, c in tcols]]
    elif twin_rows and rules is not None:
        twin_prot = _group_protect(raw.iloc[twin_rows].reset_index(drop=True), indicators,
                                   rules)
    twin_at = {r: i for i, r in enumerate(twin_rows)}

    def value(p: int, t: int) -> float:
        if pops.row[p] >= 0:
            return float(flat[int(pops.row[p]) * w + tcols[t][1]])
        v = old_vals.get(p)
        return float(v[t]) if v is not None else np.nan

    def cell(p: int, t: int) -> Optional[int]:
        """Engine cell of population p's type t; -1 known (published earlier); None absent."""
        if pops.row[p] >= 0:
            return int(pops.row[p]) * w + tcols[t][1]
        name = tcols[t][0]
        if name in pops.hidden[p]:
            key = (p, t)
            if key not in old_cell:
                prot, low = True, 0.0
                if is_atom(pops, p):
                    pp = (old_prot or {}).get(p)
                    prot = True if pp is None else bool(pp[t]) or \
                        0 < value(p, 0) < small_group
                    low = atom_lower[t]
                elif twin_prot is not None and p in twin:
                    prot = bool(twin_prot[twin_at[twin[p]], t])
                old_cell[key] = extra.add(1, values=[value(p, t)], hidden=True, protect=prot,
                                          candidate=False, lower=low)[0]
            return old_cell[key]
        if name in pops.published[p]:
            return -1
        return None

    r_lens: List[int] = []
    r_cells: List[int] = []
    r_coefs: List[float] = []
    for lk in links:
        prot = rest_prot.get(id(lk))
        members = (lk.container,) + lk.members
        for t in range(ntypes):
            terms = [cell(p, t) for p in members]
            if any(x is None for x in terms):
                continue
            coefs = [1.0] + [-1.0] * len(lk.members)
            if lk.kind in (SUM, NEAR) and (lk.rest_size or lk.has_foreign):
                v = sum(a * value(p, t) for p, a in zip(members, coefs))  # = rest − foreign
                protect = True if lk.kind == NEAR or lk.has_foreign else bool(
                    prot[t] if prot is not None else True)
                lower = 0.0 if lk.kind == SUM and not lk.has_foreign else -np.inf
                c = extra.add(1, values=[v], hidden=True, protect=protect, candidate=False,
                              lower=lower)[0]
                terms.append(c)
                coefs.append(-1.0)
            keep = [(x, a) for x, a in zip(terms, coefs) if x >= 0]
            if lk.kind == EQUAL and len(keep) == 1 and keep[0][0] < len(known_before):
                known_before[keep[0][0]] = True  # the same persons, published before
                continue
            if len(keep) < 2 and not (lk.kind == ATOMS and keep):
                continue  # (an atom alone in a relation equals what was published)
            r_lens.append(len(keep))
            r_cells.extend(x for x, _ in keep)
            r_coefs.extend(a for _, a in keep)
    rel.grow(extra.first + extra.size - rel.n_cells)
    rel.add_ragged(r_lens, r_cells, r_coefs)
    return known_before


def _perturb(raw, indicators, pub, col, rules: Rules, p: Perturbation,
             changes: List[np.ndarray]) -> np.ndarray:
    """Cell-key noise on the published cells (exact values decide everything else).

    Every cell's noise is keyed on its persons, its exact value and the row's population
    (``residents_ck``), so a change anywhere in the row gives every cell fresh noise.
    """
    out = pub.copy()
    if "residents_ck" not in raw.columns:
        return out
    row = raw["residents_ck"].to_numpy()
    res = perturb_counts(pub[:, 0], row, rules.min_count, p)
    changes.append(np.abs(res - pub[:, 0])[~np.isnan(pub[:, 0])])
    out[:, 0] = res
    for ind in indicators:
        c = col[ind.code]
        num, den = pub[:, c], pub[:, c + 1]
        ckn = raw[f"{ind.code}_ckn"].to_numpy()
        ckd = raw[f"{ind.code}_ckd"].to_numpy()
        d2 = perturb_counts(den, ckd, rules.min_count, p, row)
        changes.append(np.abs(d2 - den)[~np.isnan(den)])
        if ind.kind == "mean":
            scale = p.amount_share * raw[f"{ind.code}_top1"].to_numpy(dtype=float)
            n2 = perturb_amounts(num, ckn, scale, p, row)
        else:
            raw_num = raw[f"{ind.code}_num"].to_numpy(dtype=float)
            fractional = bool(np.any(np.abs(raw_num - np.round(raw_num)) > 1e-9))
            if fractional:
                n2 = perturb_fte(num, ckn, p, row)
            else:
                n2 = perturb_counts(num, ckn, rules.min_count, p, row)
                changes.append(np.abs(n2 - num)[~np.isnan(num)])
            with np.errstate(invalid="ignore"):
                n2 = np.where(n2 > d2, d2, n2)
        out[:, c], out[:, c + 1] = n2, d2
    return out
