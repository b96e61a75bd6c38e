# SPDX-License-Identifier: GPL-2.0-or-later
"""The links of a release (core.discretion.linkage) as cells and relations of its audits.

Part of core.discretion.release: the register's cell types of a row (:func:`cell_types`), the
cells beyond the rows (:class:`_Extra`: totals, hidden cells of earlier releases, implied
groups), the true figures and protection of the groups the links involve
(:func:`_link_figures`), the links without redundant equalities (:func:`_equal_forest`) and
the links' cells and relations (:func:`_add_links`).
"""
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.atoms import ATOMS, SAME, is_atom
from boligsocial_plugin.core.discretion.engine import Relations
from boligsocial_plugin.core.discretion.linkage import (
    EQUAL,
    NEAR,
    SUM,
    WHAT_IF_ROW,
    Link,
    Populations,
)
from boligsocial_plugin.core.discretion.rules import (
    AREA,
    PUBLISHED,
    Rules,
    frequency_rule,
    primary_flags,
)
from boligsocial_plugin.core.indicators import Indicator

#: group tables: given [(date, sorted keys)], a raw-like table (one row per group, the columns
#: of core.indicators.aggregate) and whether every person of each group was found
GroupTables = Callable[[List[Tuple[str, np.ndarray]]], Tuple[pd.DataFrame, np.ndarray]]


def cell_types(indicators: Sequence[Indicator]) -> List[str]:
    """The register's cell types of a row: residents, then num/den per indicator."""
    out = ["residents"]
    for ind in indicators:
        fp = ind.fingerprint()
        out += ["{}:{}:num".format(ind.code, fp), "{}:{}:den".format(ind.code, fp)]
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
        assert raw is not None  # ``same`` is filled only from ``raw``
        rows = sorted(set(same.values()))
        rv = _group_values(raw.iloc[rows], indicators)
        at = {r: i for i, r in enumerate(rows)}
        old_vals.update({p: rv[at[r]] for p, r in same.items()})
    rest_prot = {id(lk): gprot[len(old) + i] for i, lk in enumerate(sums)}
    if not with_old_prot:
        return old_vals, rest_prot
    return old_vals, rest_prot, {p: gprot[i] for i, p in enumerate(old)}


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


def _atom_lower(indicators: Sequence[Indicator], ntypes: int) -> List[float]:
    """Lower bound of an atom's cell per type: 0, but −inf for an amount sum."""
    atom_lower = [-np.inf if t % 2 == 1 and indicators[(t - 1) // 2].kind == "mean" else 0.0
                  for t in range(1 + 2 * len(indicators))]
    atom_lower += [0.0] * (ntypes - len(atom_lower))
    return atom_lower


def _twins(raw, indicators, pops: Populations, links: Sequence[Link],
           tcols: List[Tuple[str, int]], rules: Optional[Rules], row_need: Optional[np.ndarray]
           ) -> Tuple[Dict[int, int], Optional[np.ndarray], Dict[int, int]]:
    """The earlier populations equal to a row of this release (population: row), the
    protection of those rows' cells (rows, types; None: none), and the position of each row
    in it (see :func:`_add_links`). At another date too: an equal link between dates (the
    same persons, kept with the perturbation) relates every cell of the two as equal (their
    figures are the row's, :func:`_link_figures`), so the row's protection is theirs."""
    twin: Dict[int, int] = {}
    for lk in links:
        if lk.kind == EQUAL:
            a, b = lk.container, lk.members[0]
            if (pops.row[a] >= 0) != (pops.row[b] >= 0):
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
    return twin, twin_prot, twin_at


def _value(pops: Populations, flat: np.ndarray, w: int, tcols: List[Tuple[str, int]],
           old_vals, p: int, t: int) -> float:
    """True value of population p's type t: its row's cell, or its figures (NaN unknown)."""
    if pops.row[p] >= 0:
        return float(flat[int(pops.row[p]) * w + tcols[t][1]])
    v = old_vals.get(p)
    return float(v[t]) if v is not None else np.nan


def _terms(lk: Link, members, t: int, cell, value) -> Optional[List[Optional[int]]]:
    """The link's cells of type ``t`` (None: the link says nothing of this type: a cell is
    absent, or a SAME link's atoms, the same persons, have other figures at their dates)."""
    terms = [cell(p, t) for p in members]
    if any(x is None for x in terms):
        return None
    if lk.kind == SAME and not value(members[0], t) == value(members[1], t):
        return None
    return terms


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
    atom_lower = _atom_lower(indicators, ntypes)
    flat = vals.ravel()
    # an earlier population of the same persons as a row of this release (a re-run, another
    # output of the same series, the same persons at another date): the row's own relations
    # hold for it, so
    # its hidden cells need the protection the row's cells need (an earlier secondary cell is
    # no small count, nor is the denominator of an area kept back whose residents are
    # published), not a protection width each
    twin, twin_prot, twin_at = _twins(raw, indicators, pops, links, tcols, rules, row_need)

    def value(p: int, t: int) -> float:
        return _value(pops, flat, w, tcols, old_vals, p, t)

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
            terms = _terms(lk, members, t, cell, value)
            if terms is None:
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
            keep = [(x, a) for x, a in zip(terms, coefs) if x is not None and x >= 0]
            if lk.kind == EQUAL and len(keep) == 1 and keep[0][0] < len(known_before):
                known_before[keep[0][0]] = True  # the same persons, published before
                continue
            if len(keep) < 2 and not (lk.kind == ATOMS and keep) and not (
                    keep and any(pops.row[p] == WHAT_IF_ROW for p in members)):
                # (an atom alone in a relation equals what was published; a rest alone
                # beside a run's total set beside earlier releases is what the total pins)
                continue
            r_lens.append(len(keep))
            r_cells.extend(x for x, _ in keep)
            r_coefs.extend(a for _, a in keep)
    rel.grow(extra.first + extra.size - rel.n_cells)
    rel.add_ragged(r_lens, r_cells, r_coefs)
    return known_before
