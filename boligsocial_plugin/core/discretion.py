# SPDX-License-Identifier: GPL-2.0-or-later
"""Discretion (statistical disclosure control) of published tables (DOMAIN.md §5).

Flags: ``''`` published, ``P`` primary suppression, ``S`` secondary suppression,
``A`` area below the minimum number of residents. Suppressed values are NULL (NaN), never 0.

Three layers:

1. **Primary rules** (:func:`frequency_rule`, :func:`complement_rule`, :func:`area_rule`,
   :func:`min_group_rule`, :func:`dominance_rule`, :func:`p_percent_rule`,
   :func:`identical_values_rule`), all configured by :class:`Rules`; :data:`PRESETS` names
   the practice each preset follows.
2. **Secondary suppression** over every additive relation the output publishes: a general
   engine on a flat vector of cells and sparse linear relations (:class:`Relations`,
   :func:`audit`, :func:`secondary_suppression`). The audit is exact linear algebra: a hidden
   cell is recoverable iff its unit vector lies in the row space of the relation matrix
   restricted to the hidden cells (equivalently: every null-space vector has a zero in that
   cell). It is computed per connected block of hidden cells with numpy's SVD.
   The audit is about *exact* recovery; it does not compute feasibility intervals (two hidden
   cells that add up to 7 are each known to lie in 0..7).
3. **Keyed rounding** (:func:`keyed_round`): optional, after suppression.

:func:`protect_indicators` applies all of it to the indicator layer, :func:`protect_table`
to any aggregated count table (``boligsocial:applydiscretion``).
"""
import hashlib
import hmac
import time
from dataclasses import asdict, dataclass
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Condition, Indicator, values

PUBLISHED, PRIMARY, SECONDARY, AREA = "", "P", "S", "A"

# numerical tolerance of the audit: singular values below _RANK_TOL * largest count as zero
_RANK_TOL = 1e-9
_NULL_TOL = 1e-9
# cheaper cells of a block tried (each with a local rank test) before a costlier one
_MAX_TRIES = 25


# =========================================================================== rules

@dataclass(frozen=True)
class Rules:
    """Primary discretion rules (DOMAIN.md §5); every field is configurable.

    * ``min_count``: frequency threshold, counts below it are hidden (Aarhus <5,
      Statistics Denmark ≥3 per cell, the health-data research service ≥5).
    * ``min_residents``: area minimum, an area below it shows no figures but its resident
      count (SØK 50, Frederiksberg 250); flag ``A``.
    * ``complement``: also hide a count/share when the complement (denominator − numerator,
      total − category) is below ``min_count`` ("N − k small").
    * ``publish_zeros``: publish an exact 0 (and a complement of 0, i.e. a 100 % share).
      Default False: 0 is below the threshold, and a 0 % or 100 % share tells every member of
      the group's attribute (group disclosure). An empty group (total 0) is always published.
    * ``min_mean_count``: smallest group behind a mean of amounts (None: ``min_count``).
    * ``dominance_n``/``dominance_k``: (n,k) dominance rule for means of amounts: hidden when
      the largest ``n`` contributions (n = 1 or 2) exceed ``k`` % of the total; k = 0 is off.
    * ``p_percent``: p %-rule: hidden when the rest of the total after the two largest
      contributions is below p % of the largest (the second largest contributor could then
      estimate the largest within p %); 0 is off.
    * ``identical_values``: hide a mean when all contributions are identical (the mean then
      tells each person's amount).
    """

    min_count: int = 5
    min_residents: int = 50
    complement: bool = True
    publish_zeros: bool = False
    min_mean_count: Optional[int] = None
    dominance_n: int = 1
    dominance_k: float = 50.0
    p_percent: float = 10.0
    identical_values: bool = True

    def __post_init__(self):
        if self.dominance_n not in (1, 2):
            raise BoligsocialError(tr("The dominance rule supports n = 1 or n = 2 (the two "
                                      "largest contributions are kept), not {n}."
                                      ).format(n=self.dominance_n))
        if self.min_count < 0 or self.min_residents < 0:
            raise BoligsocialError(tr("Discretion thresholds cannot be negative."))

    @property
    def mean_count(self) -> int:
        """Smallest group size behind a mean."""
        return self.min_count if self.min_mean_count is None else self.min_mean_count

    def describe(self) -> List[str]:
        """The rules in force, one line each (for audit reports)."""
        out = [tr("frequency: counts below {n} hidden").format(n=self.min_count)]
        if self.complement:
            out.append(tr("complement: hidden when total minus count is below {n}"
                          ).format(n=self.min_count))
        out.append(tr("zeros published") if self.publish_zeros else tr("zeros hidden"))
        if self.min_residents:
            out.append(tr("area minimum: {n} residents").format(n=self.min_residents))
        out.append(tr("means: at least {n} persons").format(n=self.mean_count))
        if self.dominance_k > 0:
            out.append(tr("means: dominance ({n},{k})").format(n=self.dominance_n,
                                                             k=self.dominance_k))
        if self.p_percent > 0:
            out.append(tr("means: p%-rule p={p}").format(p=self.p_percent))
        if self.identical_values:
            out.append(tr("means: identical values hidden"))
        return out


#: Presets named after practice (DOMAIN.md §4-§5); fields not named keep the defaults.
PRESETS: Dict[str, Rules] = {
    "default": Rules(min_count=5, min_residents=50),
    "aarhus": Rules(min_count=5),           # Aarhus BoSocData: categories with <5 persons
    "sok": Rules(min_residents=50),         # Copenhagen SØK: only roder with >= 50 residents
    "frederiksberg": Rules(min_residents=250),  # Frederiksberg: no figures for groups < 250
    "dst": Rules(min_count=3),              # Statistics Denmark: at least 3 per cell
}


def preset_labels() -> Dict[str, str]:
    """Translated label of each preset in :data:`PRESETS`."""
    return {
        "default": tr("Default: <5 hidden, areas ≥50"),
        "aarhus": tr("Aarhus: <5"),
        "sok": tr("SØK: areas ≥50"),
        "frederiksberg": tr("Frederiksberg: ≥250"),
        "dst": tr("Statistics Denmark: <3"),
    }


def preset(name: str) -> Rules:
    """The rules of a named preset."""
    try:
        return PRESETS[name.strip().lower()]
    except KeyError:
        raise BoligsocialError(tr("Unknown discretion preset '{name}'; use one of {names}."
                                  ).format(name=name, names=", ".join(PRESETS)))


def frequency_rule(count, rules: Rules, nonempty=None) -> np.ndarray:
    """Frequency threshold (Aarhus <5, DST ≥3): ``0 < count < min_count`` is sensitive.

    A count of 0 is sensitive too unless ``publish_zeros``, but only in a non-empty group
    (``nonempty``, default: every group). NaN is never flagged (it is not published).
    """
    c = np.asarray(count, dtype=float)
    with np.errstate(invalid="ignore"):
        small = (c > 0) & (c < rules.min_count)
        if not rules.publish_zeros:
            ne = np.ones(c.shape, dtype=bool) if nonempty is None else np.asarray(nonempty)
            small |= (c == 0) & ne
    return small


def complement_rule(count, total, rules: Rules) -> np.ndarray:
    """Complement ("N − k small", DOMAIN.md §5): ``total − count`` below the threshold."""
    c = np.asarray(count, dtype=float)
    t = np.asarray(total, dtype=float)
    if not rules.complement:
        return np.zeros(np.broadcast(c, t).shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        return frequency_rule(t - c, rules, nonempty=t > 0) & (t > 0)


def area_rule(residents, rules: Rules) -> np.ndarray:
    """Area minimum (SØK 50, Frederiksberg 250): fewer than ``min_residents`` residents."""
    r = np.asarray(residents, dtype=float)
    with np.errstate(invalid="ignore"):
        return r < rules.min_residents


def min_group_rule(den, rules: Rules) -> np.ndarray:
    """Means of amounts: fewer than ``mean_count`` persons behind the mean."""
    d = np.asarray(den, dtype=float)
    with np.errstate(invalid="ignore"):
        small = (d > 0) & (d < rules.mean_count)
        if not rules.publish_zeros:
            small |= d == 0
    return small


def dominance_rule(num, top1, top2, rules: Rules) -> np.ndarray:
    """(n,k) dominance: the ``n`` largest contributions exceed ``k`` % of the total.

    ``top1``/``top2`` are the largest absolute contributions (indicators.aggregate). With
    negative amounts the sum understates the absolute total, which makes the rule stricter;
    a total ≤ 0 with contributions is flagged.
    """
    t = np.asarray(num, dtype=float)
    t1 = np.asarray(top1, dtype=float)
    if rules.dominance_k <= 0:
        return np.zeros(t.shape, dtype=bool)
    top = t1 + (np.asarray(top2, dtype=float) if rules.dominance_n == 2 else 0.0)
    with np.errstate(invalid="ignore"):
        return (t1 > 0) & ((t <= 0) | (top > rules.dominance_k / 100.0 * t))


def p_percent_rule(num, top1, top2, rules: Rules) -> np.ndarray:
    """p %-rule: total − top1 − top2 < p % of top1 (the runner-up could estimate the top)."""
    t = np.asarray(num, dtype=float)
    t1 = np.asarray(top1, dtype=float)
    if rules.p_percent <= 0:
        return np.zeros(t.shape, dtype=bool)
    rest = t - t1 - np.asarray(top2, dtype=float)
    with np.errstate(invalid="ignore"):
        return (t1 > 0) & (rest < rules.p_percent / 100.0 * t1)


def identical_values_rule(num, den, top1, rules: Rules) -> np.ndarray:
    """All contributions identical: the mean tells each person's amount.

    With ``top1`` the largest absolute contribution, ``|Σ v| ≤ den·top1`` and equality holds
    exactly when every value equals ``top1`` (or every value ``−top1``), so the test
    ``|num| == den·top1`` (relative tolerance 1e-9) is exact up to rounding; it needs no
    person-level data. A group of identical zeros is caught too.
    """
    t = np.asarray(num, dtype=float)
    d = np.asarray(den, dtype=float)
    t1 = np.asarray(top1, dtype=float)
    if not rules.identical_values:
        return np.zeros(t.shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        scale = np.maximum(1.0, np.abs(d * t1))
        return (d >= 1) & (np.abs(np.abs(t) - d * t1) <= 1e-9 * scale)


def primary_flags(raw: pd.DataFrame, indicators: Sequence[Indicator],
                  rules: Rules) -> Dict[str, np.ndarray]:
    """Primary flag per indicator and row of the raw aggregate table.

    * ``A``: the area has fewer than ``min_residents`` residents (:func:`area_rule`).
    * ``P`` for a share or count: the persons contributing (``C_cnt``) or the persons of the
      population not contributing fully (``C_rest``, the complement) are below ``min_count``
      (:func:`frequency_rule`, :func:`complement_rule`), or the population is.
    * ``P`` for a mean: :func:`min_group_rule`, :func:`dominance_rule`,
      :func:`p_percent_rule` and :func:`identical_values_rule` (uses ``C_top1``/``C_top2``).
    """
    residents = raw["residents"].to_numpy()
    small_area = area_rule(residents, rules)
    out: Dict[str, np.ndarray] = {}
    for ind in indicators:
        den = raw[f"{ind.code}_den"].to_numpy(dtype=float)
        if ind.kind == "mean":
            num = raw[f"{ind.code}_num"].to_numpy(dtype=float)
            t1 = _col(raw, f"{ind.code}_top1")
            t2 = _col(raw, f"{ind.code}_top2")
            small = min_group_rule(den, rules)
            small |= dominance_rule(num, t1, t2, rules) & (den > 0)
            small |= p_percent_rule(num, t1, t2, rules) & (den > 0)
            small |= identical_values_rule(num, den, t1, rules) & (den > 0)
        else:
            cnt = raw[f"{ind.code}_cnt"].to_numpy(dtype=float)
            rest = raw[f"{ind.code}_rest"].to_numpy(dtype=float)
            nonempty = den > 0
            small = frequency_rule(den, rules)
            small |= frequency_rule(cnt, rules, nonempty)
            if rules.complement:
                small |= frequency_rule(rest, rules, nonempty)
        flags = np.full(len(raw), PUBLISHED, dtype=object)
        flags[small] = PRIMARY
        flags[small_area] = AREA
        out[ind.code] = flags
    return out


def _col(df: pd.DataFrame, name: str) -> np.ndarray:
    if name in df.columns:
        return df[name].to_numpy(dtype=float)
    return np.zeros(len(df))


# =========================================================================== engine

class Relations:
    """Linear relations ``Σ coef·cell = 0`` over a flat vector of ``n_cells`` cells.

    Cells the attacker knows but that are not in the vector (a published parent total,
    persons with unknown age) are simply left out of a relation: known terms do not change
    which hidden cells are recoverable.
    """

    def __init__(self, n_cells: int):
        self.n_cells = int(n_cells)
        self._lens: List[np.ndarray] = []
        self._cells: List[np.ndarray] = []
        self._coefs: List[np.ndarray] = []
        self._csr: Optional[Tuple[np.ndarray, np.ndarray, np.ndarray]] = None

    def add(self, cells: Sequence[int], coefs: Sequence[float]) -> None:
        """One relation."""
        self.add_many(np.asarray(cells, dtype=np.int64)[None, :], coefs)

    def add_many(self, cells: np.ndarray, coefs) -> None:
        """``n`` relations of ``k`` terms: ``cells`` (n, k); ``-1`` marks an absent term."""
        cells = np.asarray(cells, dtype=np.int64)
        if cells.size == 0:
            return
        co = np.broadcast_to(np.asarray(coefs, dtype=float), cells.shape)
        keep = cells >= 0
        lens = keep.sum(axis=1)
        self._lens.append(lens[lens > 0])
        self._cells.append(cells[keep])
        self._coefs.append(co[keep])
        self._csr = None

    def add_sums(self, cells: np.ndarray, group: np.ndarray, coefs=1.0) -> None:
        """One relation per value of ``group``: the terms ``cells`` with that group value."""
        cells = np.asarray(cells, dtype=np.int64)
        group = np.asarray(group)
        co = np.broadcast_to(np.asarray(coefs, dtype=float), cells.shape)
        ok = cells >= 0
        cells, group, co = cells[ok], group[ok], co[ok]
        if cells.size == 0:
            return
        order = np.argsort(group, kind="stable")
        _, lens = np.unique(group[order], return_counts=True)
        self._lens.append(lens)
        self._cells.append(cells[order])
        self._coefs.append(co[order])
        self._csr = None

    def __len__(self) -> int:
        return int(sum(len(x) for x in self._lens))

    def csr(self) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(indptr, cells, coefs)`` of all relations."""
        if self._csr is None:
            lens = np.concatenate(self._lens) if self._lens else np.zeros(0, np.int64)
            indptr = np.zeros(len(lens) + 1, dtype=np.int64)
            np.cumsum(lens, out=indptr[1:])
            cells = np.concatenate(self._cells) if self._cells else np.zeros(0, np.int64)
            coefs = np.concatenate(self._coefs) if self._coefs else np.zeros(0)
            self._csr = (indptr, cells, coefs)
        return self._csr


@dataclass
class AuditResult:
    """Outcome of :func:`audit`."""

    passed: bool
    recoverable: np.ndarray      # protected hidden cells the published cells determine
    relations: int               # relations in the system
    relations_checked: int       # relations with at least one hidden cell
    blocks: int                  # connected blocks of hidden cells solved
    hidden_checked: int          # protected hidden cells checked
    seconds: float
    labels: Optional[np.ndarray] = None  # block label per cell (internal)


def components(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Connected-component label (smallest member) of each of ``n`` nodes, edges ``u–v``."""
    lab = np.arange(n, dtype=np.int64)
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    if u.size == 0:
        return lab
    while True:
        lu, lv = lab[u], lab[v]
        if np.array_equal(lu, lv):
            return lab
        np.minimum.at(lab, np.maximum(lu, lv), np.minimum(lu, lv))
        while True:
            nl = lab[lab]
            if np.array_equal(nl, lab):
                break
            lab = nl


def _determined(m: np.ndarray) -> np.ndarray:
    """Columns of ``m`` whose unit vector lies in the row space of ``m``."""
    _, s, vt = np.linalg.svd(m, full_matrices=True)
    smax = s[0] if s.size else 0.0
    rank = int(np.sum(s > _RANK_TOL * max(smax, 1.0)))
    null = vt[rank:]
    return np.sum(null * null, axis=0) < _NULL_TOL


def audit(relations: Relations, hidden: np.ndarray, protect: Optional[np.ndarray] = None,
          cache: Optional[dict] = None) -> AuditResult:
    """Exact audit: which protected hidden cells can be computed from the published ones.

    Hidden cell ``j`` is determined iff every vector of the null space of the relation matrix
    restricted to the hidden columns has a zero ``j``-component. The hidden cells fall apart
    into blocks linked by relations (mostly one block per area); each block is solved with an
    SVD, identical block structures once (``cache``). ``protect`` (default: all) names the
    cells that must not be recoverable; other hidden cells (a denominator that equals a
    published total) still take part in the algebra.
    """
    t0 = time.perf_counter()
    hidden = np.asarray(hidden, dtype=bool)
    protect = hidden if protect is None else (hidden & np.asarray(protect, dtype=bool))
    indptr, cells, coefs = relations.csr()
    nrel = len(indptr) - 1
    cache = {} if cache is None else cache
    rel_of = np.repeat(np.arange(nrel, dtype=np.int64), np.diff(indptr))
    th = hidden[cells] & (coefs != 0)
    hrel, hcell, hcoef = rel_of[th], cells[th], coefs[th]
    n_active = int(np.unique(hrel).size)
    determined = np.zeros(relations.n_cells, dtype=bool)
    labels = np.arange(relations.n_cells, dtype=np.int64)
    blocks = 0
    if hrel.size:
        first_pos = np.r_[0, np.nonzero(hrel[1:] != hrel[:-1])[0] + 1]
        first_cell = np.repeat(hcell[first_pos], np.diff(np.r_[first_pos, hrel.size]))
        labels = components(relations.n_cells, first_cell, hcell)
        lab_t = labels[hcell]
        order = np.lexsort((hcell, hrel, lab_t))
        lab_t, hrel_s, hcell_s, hcoef_s = lab_t[order], hrel[order], hcell[order], hcoef[order]
        nt = lab_t.size
        new_block = np.r_[True, lab_t[1:] != lab_t[:-1]]
        starts = np.r_[np.nonzero(new_block)[0], nt]
        blocks = len(starts) - 1
        block_of_term = np.cumsum(new_block) - 1
        # local row: relations numbered within the block
        new_row = new_block | np.r_[True, hrel_s[1:] != hrel_s[:-1]]
        crow = np.cumsum(new_row) - 1
        row_loc = crow - crow[starts[:-1]][block_of_term]
        # local column: cells numbered (ascending) within the block
        o2 = np.lexsort((hcell_s, lab_t))
        c2 = hcell_s[o2]
        new_col = new_block[o2] | np.r_[True, c2[1:] != c2[:-1]]
        ccol = np.cumsum(new_col) - 1
        first_col = ccol[starts[:-1]]       # blocks keep their positions in both orders
        col_loc = np.empty(nt, dtype=np.int64)
        col_loc[o2] = ccol - first_col[block_of_term]
        ucells_all = c2[new_col]
        ustart = np.r_[0, np.cumsum(np.bincount(block_of_term[o2][new_col], minlength=blocks))]
        for b in range(blocks):
            s, e = starts[b], starts[b + 1]
            ucell = ucells_all[ustart[b]:ustart[b + 1]]
            if ucell.size == 1:
                determined[ucell[0]] = True     # one hidden cell in a relation: subtraction
                continue
            if not protect[ucell].any():
                continue
            m = np.zeros((row_loc[e - 1] + 1, ucell.size))
            np.add.at(m, (row_loc[s:e], col_loc[s:e]), hcoef_s[s:e])
            key = (m.shape, m.tobytes())
            det = cache.get(key)
            if det is None:
                det = _determined(m)
                cache[key] = det
            determined[ucell[det]] = True
    rec = np.nonzero(determined & protect)[0]
    return AuditResult(passed=rec.size == 0, recoverable=rec, relations=nrel,
                       relations_checked=n_active, blocks=blocks,
                       hidden_checked=int(protect.sum()),
                       seconds=time.perf_counter() - t0, labels=labels)


@dataclass
class Suppression:
    """Outcome of :func:`secondary_suppression`."""

    hidden: np.ndarray       # final hidden cells
    secondary: np.ndarray    # cells hidden by the engine (bool)
    audit: AuditResult       # the final, passing audit
    rounds: int


def secondary_suppression(relations: Relations, hidden: np.ndarray,
                          protect: Optional[np.ndarray] = None,
                          candidate: Optional[np.ndarray] = None,
                          priority: Optional[np.ndarray] = None,
                          weight: Optional[np.ndarray] = None,
                          link: Optional[np.ndarray] = None) -> Suppression:
    """Add secondary suppressions until :func:`audit` passes; deterministic.

    Loop: audit → for each recoverable cell (lowest index first) hide one publishable
    ``candidate`` cell of a relation that contains it, the one with the smallest
    ``(priority, relations where it would be the only hidden cell, hidden cells in the
    relation, weight, index)`` (the second term avoids cascades: it prefers cells that complete
    a rectangle of hidden cells). When no relation containing the cell has a candidate of the
    lowest priority, cheaper cells of the other relations of its block are tried (at most
    ``_MAX_TRIES``, each with a local rank test that it really protects the cell), so a total
    (priority 1) is hidden only when no count can do. ``link`` (group id per cell, -1 none)
    hides cells together (an indicator's numerator and denominator). Cells sharing a relation
    with a new suppression wait for the next round's audit. Raises
    :class:`BoligsocialError` if a recoverable cell has no candidate left (only possible for
    relations that fix a cell on their own, e.g. a sub-area that is its parent's only child).
    """
    n = relations.n_cells
    hidden = np.array(hidden, dtype=bool, copy=True)
    start = hidden.copy()
    protect = np.ones(n, bool) if protect is None else np.asarray(protect, dtype=bool)
    candidate = np.ones(n, bool) if candidate is None else np.asarray(candidate, dtype=bool)
    priority = np.zeros(n, np.int64) if priority is None else np.asarray(priority)
    weight = np.zeros(n) if weight is None else np.nan_to_num(np.asarray(weight, float))
    indptr, cells, coefs = relations.csr()
    nrel = len(indptr) - 1
    rel_of = np.repeat(np.arange(nrel, dtype=np.int64), np.diff(indptr))
    # cell -> relations (CSC)
    corder = np.argsort(cells, kind="stable")
    cptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(cells, minlength=n), out=cptr[1:])
    crel = rel_of[corder]
    if link is not None:
        link = np.asarray(link, dtype=np.int64)
        lk = np.nonzero(link >= 0)[0]
        link_cells = lk[np.argsort(link[lk], kind="stable")]
        link_keys = link[link_cells]

    def group(c: int) -> Sequence[int]:
        """Cells hidden together with ``c``."""
        if link is None or link[c] < 0:
            return [c]
        a, b = np.searchsorted(link_keys, link[c], "left"), np.searchsorted(link_keys, link[c],
                                                                             "right")
        return link_cells[a:b]
    cache: dict = {}
    rounds = 0
    while True:
        res = audit(relations, hidden, protect, cache)
        if res.passed:
            return Suppression(hidden, hidden & ~start, res, rounds)
        rounds += 1
        hid_count = np.bincount(rel_of[hidden[cells]], minlength=nrel)
        touched = np.zeros(nrel, dtype=bool)
        block_of: Optional[Dict[int, np.ndarray]] = None
        stuck: List[int] = []
        for j in res.recoverable:
            rels_j = crel[cptr[j]:cptr[j + 1]]
            if touched[rels_j].any():
                continue
            own = _candidates(rels_j, rels_j, indptr, cells, hidden, candidate, priority,
                              weight, hid_count, crel, cptr)
            best = own[0][1] if own else None
            if best is None or priority[best] > priority.min():
                # a cheaper cell elsewhere in the block, if hiding it really protects j
                if block_of is None:
                    block_of = _blocks(res.labels, hidden)
                members = block_of[int(res.labels[j])]
                rels_b = np.unique(np.concatenate([crel[cptr[c]:cptr[c + 1]] for c in members]))
                alts = _candidates(rels_b, rels_j, indptr, cells, hidden, candidate, priority,
                                   weight, hid_count, crel, cptr)
                limit = priority[best] if best is not None else np.inf
                for _, c in [a for a in alts if priority[a[1]] < limit][:_MAX_TRIES]:
                    if _protects(j, group(c), members, indptr, cells, coefs, hidden, crel, cptr):
                        best = c
                        break
                if best is None and alts:
                    best = alts[0][1]
            if best is None:
                stuck.append(int(j))
                continue
            for c in group(best):
                if not hidden[c]:
                    hidden[c] = True
                    touched[crel[cptr[c]:cptr[c + 1]]] = True
                    hid_count[crel[cptr[c]:cptr[c + 1]]] += 1
        if stuck and not touched.any():
            raise BoligsocialError(tr("Cell {cell} can be computed from the published "
                                      "relations whatever else is hidden (for example a "
                                      "sub-area that is the only child of its parent); "
                                      "remove that relation or merge the area."
                                      ).format(cell=stuck[0]))


def _blocks(labels: np.ndarray, hidden: np.ndarray) -> Dict[int, np.ndarray]:
    """Hidden cells by block label."""
    hc = np.nonzero(hidden)[0]
    order = hc[np.argsort(labels[hc], kind="stable")]
    cuts = np.nonzero(np.diff(labels[order]))[0] + 1
    return {int(labels[g[0]]): g for g in np.split(order, cuts) if g.size}


def _candidates(rels: np.ndarray, rels_j: np.ndarray, indptr, cells, hidden, candidate,
                priority, weight, hid_count, crel, cptr) -> List[Tuple[tuple, int]]:
    """Publishable cells of ``rels``, cheapest secondary suppression first."""
    keys: Dict[int, tuple] = {}
    own = set(int(r) for r in rels_j)
    for r in rels:
        terms = cells[indptr[r]:indptr[r + 1]]
        ok = terms[~hidden[terms] & candidate[terms]]
        outside = 0 if int(r) in own else 1
        for c in ok:
            # relations (other than r) in which c would be the only hidden cell: new leaks
            others = crel[cptr[c]:cptr[c + 1]]
            lone = int(np.sum(hid_count[others[others != r]] == 0))
            key = (int(priority[c]), outside, lone, int(hid_count[r]), float(weight[c]), int(c))
            c = int(c)
            if c not in keys or key < keys[c]:
                keys[c] = key
    return sorted((k, c) for c, k in keys.items())


def _protects(j: int, new: Sequence[int], members: np.ndarray, indptr, cells, coefs, hidden,
              crel, cptr) -> bool:
    """Whether hiding the cells ``new`` makes ``j`` unrecoverable in its block (local check)."""
    cols = np.union1d(members, new)
    rels = np.unique(np.concatenate([crel[cptr[x]:cptr[x + 1]] for x in cols]))
    idx = np.concatenate([np.arange(indptr[r], indptr[r + 1]) for r in rels])
    row = np.repeat(np.arange(len(rels)), np.diff(indptr)[rels])
    keep = hidden[cells[idx]] | np.isin(cells[idx], new)
    ucell, col = np.unique(cells[idx][keep], return_inverse=True)
    m = np.zeros((len(rels), len(ucell)))
    np.add.at(m, (row[keep], col), coefs[idx][keep])
    return not _determined(m)[np.searchsorted(ucell, j)]


# =========================================================================== rounding

def person_cell_key(person_ids: Sequence[str]) -> str:
    """Stable cell key from the set of contributing pseudonyms (order and repeats ignored)."""
    h = hashlib.sha256()
    for p in sorted({str(x) for x in person_ids}):
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def keyed_round(values, base: int, key: Union[str, bytes], cell_keys: Sequence[str],
                min_count: int = 0) -> np.ndarray:
    """Keyed (deterministic) unbiased rounding of counts to multiples of ``base``.

    Each value ``v = q·base + r`` becomes ``(q+1)·base`` when ``u < r/base`` and ``q·base``
    otherwise, with ``u`` in [0, 1) from HMAC-SHA256(key, cell key). The same cell key (the
    same set of persons via :func:`person_cell_key`, or area + column + value) always rounds
    the same way, so averaging repeated (monthly) releases recovers nothing, while rounding
    stays unbiased over many cells. Use it when the same table is released repeatedly or for
    overlapping geographies (differencing, DOMAIN.md §5). Rounded totals no longer add up
    exactly; the audit treats rounded cells as published. A non-zero value is never rounded
    to a number below ``min_count``. NaN stays NaN.
    """
    v = np.asarray(values, dtype=float)
    if base is None or base <= 1:
        return v.copy()
    if key is None or key == "" or key == b"":
        raise BoligsocialError(tr("Keyed rounding needs a secret key; give a key or turn "
                                  "rounding off."))
    kb = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    out = v.copy()
    for i in np.nonzero(~np.isnan(v))[0]:
        x = v[i]
        q = np.floor(x / base)
        r = x - q * base
        if r == 0:
            continue
        d = hmac.new(kb, str(cell_keys[i]).encode("utf-8"), hashlib.sha256).digest()
        u = int.from_bytes(d[:8], "big") / 2.0 ** 64
        lo = q * base
        out[i] = lo + base if (u < r / base or (0 < lo < min_count) or
                               (lo == 0 < x and min_count > 0)) else lo
    return out


# =========================================================================== indicators

def _age_band(cond: Optional[Condition]) -> Optional[Tuple[float, float]]:
    """Integer age band ``[lo, hi]`` counted by a condition on ``age``, or None."""
    if cond is None or cond.column != "age":
        return None
    op, v = cond.op, cond.value
    try:
        if op == "in":
            vals = sorted(int(x) for x in v)
            if not vals or vals != list(range(vals[0], vals[-1] + 1)):
                return None
            return float(max(vals[0], 0)), float(vals[-1])
        x = float(v)
    except (TypeError, ValueError):
        return None
    if x != int(x):
        return None
    return {"<=": (0.0, x), "<": (0.0, x - 1), ">=": (max(x, 0.0), np.inf),
            ">": (x + 1, np.inf), "==": (x, x)}.get(op)


def _cover(lo: float, hi: float, bands: Dict[Tuple[float, float], int]) -> Optional[List[int]]:
    """Indicators whose disjoint age bands exactly cover ``[lo, hi]`` (depth-first)."""
    if lo > hi:
        return []
    for (blo, bhi), i in sorted(bands.items()):
        if blo == lo and bhi <= hi:
            rest = _cover(bhi + 1, hi, bands) if bhi < hi else []
            if rest is not None:
                return [i] + rest
    return None


def indicator_relation_templates(indicators: Sequence[Indicator]) -> List[List[Tuple[int, float]]]:
    """Additive relations between the cells of one row of the indicator layer.

    Columns of a row: 0 ``residents``, ``1 + 2i`` numerator and ``2 + 2i`` denominator of
    indicator ``i``. Relations (each ``Σ coef·cell = 0``):

    * a share/count over all residents: denominator = residents;
    * shares over the same population (same age limits and conditions): equal denominators;
    * age bands counted over all residents (``age_0_17``, ``age_18_64``, ``age_65plus`` or
      user bands) that exactly tile a population's ages: Σ band numerators = that
      denominator (``outside_labour_den = age_18_64_num``, ``convicted_den = age_18_64_num +
      age_65plus_num``) or = residents for 0+. Persons with unknown age break these sums;
      treating them as exact is the cautious choice.

    A mean's denominator counts persons with a known amount and joins no relation. The value
    ``C_val = 100·num/den`` is not linear; it is hidden whenever the numerator is (the
    numerator follows from value and denominator), so it needs no relation. The complement
    ``den − num`` is never published and adds no constraint.
    """
    out: List[List[Tuple[int, float]]] = []
    by_pop: Dict[object, List[int]] = {}
    bands: Dict[Tuple[float, float], int] = {}
    for i, ind in enumerate(indicators):
        if ind.kind == "mean":
            continue
        all_res = ind.kind == "count" or (ind.age_min is None and ind.age_max is None
                                          and not ind.where)
        sig = "ALL" if all_res else (ind.age_min, ind.age_max, ind.where)
        by_pop.setdefault(sig, []).append(i)
        if all_res and ind.value is None:
            band = _age_band(ind.condition)
            if band is not None and band not in bands:
                bands[band] = i
    for sig, members in by_pop.items():
        dens = [2 + 2 * i for i in members]
        if sig == "ALL":
            out.extend([[(d, 1.0), (0, -1.0)] for d in dens])
        else:
            out.extend([[(dens[0], 1.0), (d, -1.0)] for d in dens[1:]])
    for sig, members in sorted(by_pop.items(), key=lambda kv: str(kv[0])):
        if sig == "ALL":
            lo, hi, target = 0.0, np.inf, 0
        else:
            amin, amax, where = sig
            if where:
                continue
            lo = 0.0 if amin is None else float(max(amin, 0))
            hi = np.inf if amax is None else float(amax)
            target = 2 + 2 * members[0]
        cov = _cover(lo, hi, bands)
        if cov and not (len(cov) == 1 and target == 2 + 2 * cov[0]):
            out.append([(1 + 2 * i, 1.0) for i in cov] + [(target, -1.0)])
    return out


def protect_indicators(raw: pd.DataFrame, indicators: Sequence[Indicator],
                       rules: Rules) -> pd.DataFrame:
    """The publishable indicator table: ``residents`` and ``C_num/C_den/C_val/C_flag``.

    Rows keep the order of ``raw`` (plus ``area_idx`` and ``ref_date``). Primary and
    secondary suppression; see :func:`protect_indicators_audited`.
    """
    return protect_indicators_audited(raw, indicators, rules)[0]


def protect_indicators_audited(raw: pd.DataFrame, indicators: Sequence[Indicator],
                               rules: Rules, round_base: int = 0,
                               round_key: Union[str, bytes, None] = None
                               ) -> Tuple[pd.DataFrame, Dict[str, object]]:
    """:func:`protect_indicators` plus its audit report.

    Cells per row: residents (hidden, flag-less, when ``0 < residents < min_count``), and per
    indicator numerator and denominator, hidden together with the value. Relations:
    :func:`indicator_relation_templates` (within one area and date; areas are not summed, so
    no relation crosses rows). Numerators and residents must not be recoverable; a hidden
    denominator may be (it equals a published total, e.g. residents). Secondary suppression
    prefers indicators (smallest numerator first), then denominators, residents last.
    Optional keyed rounding (``round_base`` > 1) rounds published residents, numerators and
    denominators of shares and counts and recomputes their values; means are not rounded.
    """
    t0 = time.perf_counter()
    n = len(raw)
    k = len(indicators)
    w = 1 + 2 * k
    flags = primary_flags(raw, indicators, rules)
    residents = raw["residents"].to_numpy().astype(float)
    vals = np.zeros((n, w))
    vals[:, 0] = residents
    hidden = np.zeros((n, w), dtype=bool)
    hidden[:, 0] = (residents > 0) & (residents < rules.min_count)
    protect = np.ones((n, w), dtype=bool)
    priority = np.zeros((n, w), dtype=np.int64)
    priority[:, 0] = 2
    weight = np.zeros((n, w))
    link = np.full((n, w), -1, dtype=np.int64)
    rows = np.arange(n, dtype=np.int64)
    for i, ind in enumerate(indicators):
        num = raw[f"{ind.code}_num"].to_numpy(dtype=float)
        den = raw[f"{ind.code}_den"].to_numpy(dtype=float)
        vals[:, 1 + 2 * i] = num
        vals[:, 2 + 2 * i] = den
        hide = flags[ind.code] != PUBLISHED
        hidden[:, 1 + 2 * i] = hide
        hidden[:, 2 + 2 * i] = hide
        protect[:, 2 + 2 * i] = False
        priority[:, 2 + 2 * i] = 1
        weight[:, 1 + 2 * i] = num
        weight[:, 2 + 2 * i] = num
        link[:, 1 + 2 * i] = rows * k + i
        link[:, 2 + 2 * i] = rows * k + i
    rel = Relations(n * w)
    templates = indicator_relation_templates(indicators)
    for t in templates:
        cols = np.array([c for c, _ in t], dtype=np.int64)
        coefs = np.array([x for _, x in t])
        rel.add_many(rows[:, None] * w + cols[None, :], coefs)
    sup = secondary_suppression(rel, hidden.ravel(), protect.ravel(), None, priority.ravel(),
                                weight.ravel(), link.ravel())
    hid = sup.hidden.reshape(n, w)
    sec = sup.secondary.reshape(n, w)
    pub = np.where(hid, np.nan, vals)
    if round_base and round_base > 1:
        keys_base = [f"{a}\x1f{d}" for a, d in zip(raw["area_idx"], raw["ref_date"])]
        cols = [0] + [c for i, ind in enumerate(indicators) if ind.kind != "mean"
                      for c in (1 + 2 * i, 2 + 2 * i)]
        for c in cols:
            name = ("residents" if c == 0 else indicators[(c - 1) // 2].code
                    + ("_num" if c % 2 else "_den"))
            ck = [f"{b}\x1f{name}\x1f{v}" for b, v in zip(keys_base, vals[:, c])]
            pub[:, c] = keyed_round(pub[:, c], round_base, round_key, ck, rules.min_count)
    out = {"area_idx": raw["area_idx"].to_numpy(), "ref_date": raw["ref_date"].to_numpy(),
           "residents": pub[:, 0]}
    n_flags = {PRIMARY: 0, SECONDARY: 0, AREA: 0}
    for i, ind in enumerate(indicators):
        f = flags[ind.code].copy()
        f[sec[:, 1 + 2 * i] | sec[:, 2 + 2 * i]] = SECONDARY
        hide = f != PUBLISHED
        num = pub[:, 1 + 2 * i].copy()
        den = pub[:, 2 + 2 * i].copy()
        if round_base and round_base > 1 and ind.kind != "mean":
            tmp = pd.DataFrame({f"{ind.code}_num": num, f"{ind.code}_den": den})
            val = values(tmp, ind)
        else:
            val = values(raw, ind)
        num[hide] = np.nan
        den[hide] = np.nan
        val[hide] = np.nan
        out[f"{ind.code}_num"] = num
        out[f"{ind.code}_den"] = den
        out[f"{ind.code}_val"] = val
        out[f"{ind.code}_flag"] = f
        for fl in n_flags:
            n_flags[fl] += int(np.sum(f == fl))
    report = _report(rules, sup, len(rel), n_flags, t0)
    report["residents_hidden"] = int(hid[:, 0].sum())
    report["rounding"] = {"base": int(round_base or 0)}
    return pd.DataFrame(out), report


def _report(rules: Rules, sup: Suppression, n_rel: int, n_flags: Dict[str, int],
            t0: float) -> Dict[str, object]:
    a = sup.audit
    return {
        "rules": asdict(rules),
        "rules_applied": rules.describe(),
        "primary": n_flags[PRIMARY], "secondary": n_flags[SECONDARY], "area": n_flags[AREA],
        "audit": "passed" if a.passed else "failed",
        "relations": n_rel, "relations_checked": a.relations_checked,
        "blocks": a.blocks, "hidden_checked": a.hidden_checked, "rounds": sup.rounds,
        "seconds": round(time.perf_counter() - t0, 4),
        "warnings": [],
    }


# =========================================================================== any table

def protect_table(df: pd.DataFrame, count_columns: Sequence[str],
                  total_column: Optional[str] = None, parent_field: Optional[str] = None,
                  rules: Optional[Rules] = None, *, id_field: Optional[str] = None,
                  categories_exhaustive: Optional[bool] = None, round_base: int = 0,
                  round_key: Union[str, bytes, None] = None
                  ) -> Tuple[pd.DataFrame, Dict[str, object]]:
    """Discretion for any aggregated count table (``boligsocial:applydiscretion``).

    Returns the table with hidden cells NaN, a ``<col>_flag`` column per count column and the
    total, and an audit report (rules, counts of P/S/A, audit result, relations, seconds).

    * Primary: :func:`frequency_rule` on every count and the total (an empty row, total 0,
      is published), :func:`complement_rule` against the total, :func:`area_rule` on the
      total: a row below ``min_residents`` hides its counts (``A``) but keeps its total
      (hidden only if itself below ``min_count``), like ``residents`` in the indicator layer.
      Counts already missing in the input (suppressed by the source) stay hidden, flag ``P``.
    * Relations: per row, categories + an implied unpublished *rest* = total. The rest is
      protected when it is itself small. If every row's categories add up to the total
      (``categories_exhaustive`` None = detect), there is no rest. Categories that add up to
      more than the total overlap: then no row relation is assumed (warning in the report).
    * Parent field: rows with the same parent form a group. If ``id_field`` is given and a
      row's id equals the parent value, the group's column sums equal that row (and its cells
      can be hidden); otherwise the group's column sums count as published (a municipality
      publishes district totals) and the audit guards against subtraction within the group.
      A group of one child then equals its parent: an error asks to merge or drop the field.
    * Secondary suppression (:func:`secondary_suppression`): the smallest count of the
      relation first; the total is hidden only when no count can be (unavoidable).
    * Optional keyed rounding of published cells (:func:`keyed_round`), cell key = row id
      (or position) + column + true value.
    """
    t0 = time.perf_counter()
    rules = rules or Rules()
    count_columns = list(count_columns)
    if not count_columns:
        raise BoligsocialError(tr("Choose at least one count column to protect."))
    for c in count_columns + [x for x in (total_column, parent_field, id_field) if x]:
        if c not in df.columns:
            raise BoligsocialError(tr("The table has no column '{col}'; choose an existing "
                                      "column.").format(col=c))
    cols = count_columns + ([total_column] if total_column else [])
    data = np.zeros((len(df), len(cols)))
    for j, c in enumerate(cols):
        try:
            data[:, j] = pd.to_numeric(df[c]).to_numpy(dtype=float, na_value=np.nan)
        except (TypeError, ValueError):
            raise BoligsocialError(tr("The column '{col}' must hold numbers (counts); fix or "
                                      "deselect it.").format(col=c))
    n, kc = len(df), len(count_columns)
    warnings: List[str] = []
    counts = data[:, :kc]
    total = data[:, kc] if total_column else None
    source_hidden = np.isnan(data)
    # ---- rest column
    use_rest = False
    additive = total is not None
    if total is not None:
        with np.errstate(invalid="ignore"):
            rest = total - counts.sum(axis=1)
        if np.any(rest < -1e-9):
            additive = False
            warnings.append(tr("The count columns add up to more than the total in some rows; "
                               "they are treated as overlapping (no sum relation)."))
        elif categories_exhaustive is None:
            use_rest = not np.all(np.nan_to_num(rest) == 0)
        else:
            use_rest = not categories_exhaustive
    w = len(cols) + (1 if use_rest else 0)
    vals = np.zeros((n, w))
    vals[:, :len(cols)] = np.nan_to_num(data)
    hidden = np.zeros((n, w), dtype=bool)
    flags = np.full((n, len(cols)), PUBLISHED, dtype=object)
    # ---- primary
    nonempty = total > 0 if total is not None else None
    prim = frequency_rule(counts, rules, None if nonempty is None else nonempty[:, None])
    if total is not None:
        prim |= complement_rule(counts, total[:, None], rules)
        flags[:, kc][(total > 0) & (total < rules.min_count)] = PRIMARY
    flags[:, :kc][prim] = PRIMARY
    flags[source_hidden] = PRIMARY
    if total is not None and rules.min_residents > 0:
        small_area = area_rule(total, rules)
        flags[:, :kc][small_area] = AREA
    hidden[:, :len(cols)] = flags != PUBLISHED
    protect = np.ones((n, w), dtype=bool)
    candidate = np.ones((n, w), dtype=bool)
    priority = np.zeros((n, w), dtype=np.int64)
    if total is not None:
        priority[:, kc] = 1
    if use_rest:
        r = np.nan_to_num(rest)
        vals[:, -1] = r
        hidden[:, -1] = True
        candidate[:, -1] = False
        protect[:, -1] = frequency_rule(np.where(np.isnan(rest), np.nan, r), rules,
                                        total > 0)
    # ---- relations
    rel = Relations(n * w)
    rows = np.arange(n, dtype=np.int64)
    cell = rows[:, None] * w + np.arange(w)[None, :]
    if additive:
        coefs = np.ones(w)
        coefs[kc] = -1.0
        rel.add_many(cell, coefs)
    if parent_field:
        parent = df[parent_field].to_numpy(dtype=object)
        has_parent = ~pd.isna(df[parent_field]).to_numpy()
        pkeys = np.array([str(p) for p in parent], dtype=object)
        parent_row = {}
        if id_field:
            for i, v in enumerate(df[id_field].to_numpy(dtype=object)):
                parent_row.setdefault(str(v), i)
        codes, uniq = pd.factorize(pd.Series(pkeys[has_parent]))
        child_rows = rows[has_parent]
        ng = len(uniq)
        sizes = np.bincount(codes, minlength=ng)
        prow = np.array([parent_row.get(str(u), -1) for u in uniq], dtype=np.int64)
        lonely = [str(uniq[g]) for g in range(ng) if sizes[g] == 1 and prow[g] < 0]
        if lonely:
            raise BoligsocialError(tr("The parent(s) {names} have only one sub-area, whose "
                                      "figures would equal the parent's published totals; "
                                      "merge the sub-area or leave the parent field empty."
                                      ).format(names=", ".join(sorted(lonely)[:10])))
        for j in range(w):
            cc = np.concatenate([cell[child_rows, j], cell[prow[prow >= 0], j]])
            gg = np.concatenate([codes, np.nonzero(prow >= 0)[0]])
            co = np.concatenate([np.ones(len(child_rows)), -np.ones(int((prow >= 0).sum()))])
            rel.add_sums(cc, gg, co)
    sup = secondary_suppression(rel, hidden.ravel(), protect.ravel(), candidate.ravel(),
                                priority.ravel(), vals.ravel())
    hid = sup.hidden.reshape(n, w)
    sec = sup.secondary.reshape(n, w)
    flags[sec[:, :len(cols)]] = SECONDARY
    out = df.copy()
    row_keys = (df[id_field].astype(str).to_numpy() if id_field
                else np.array([str(i) for i in range(n)], dtype=object))
    for j, c in enumerate(cols):
        v = np.where(hid[:, j], np.nan, data[:, j])
        if round_base and round_base > 1:
            ck = [f"{rk}\x1f{c}\x1f{x}" for rk, x in zip(row_keys, data[:, j])]
            v = keyed_round(v, round_base, round_key, ck, rules.min_count)
        out[c] = v
        out[f"{c}_flag"] = flags[:, j]
    n_flags = {fl: int(np.sum(flags == fl)) for fl in (PRIMARY, SECONDARY, AREA)}
    report = _report(rules, sup, len(rel), n_flags, t0)
    report["published"] = int(np.sum(flags == PUBLISHED))
    report["warnings"] = warnings
    report["rest_column"] = use_rest
    report["totals_hidden_secondary"] = int(sec[:, kc].sum()) if total is not None else 0
    report["rounding"] = {"base": int(round_base or 0)}
    return out, report
