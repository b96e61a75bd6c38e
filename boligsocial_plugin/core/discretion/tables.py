# SPDX-License-Identifier: GPL-2.0-or-later
"""Discretion for any aggregated count table (``boligsocial:applydiscretion``)."""
import time
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.engine import Relations
from boligsocial_plugin.core.discretion.indicators import _report
from boligsocial_plugin.core.discretion.intervals import secure_suppression
from boligsocial_plugin.core.discretion.perturbation import (
    OFF,
    Perturbation,
    perturb_counts,
    table_cell_keys,
)
from boligsocial_plugin.core.discretion.rounding import keyed_round
from boligsocial_plugin.core.discretion.rules import (
    AREA,
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    Rules,
    area_rule,
    complement_rule,
    frequency_rule,
)
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr


def protect_table(df: pd.DataFrame, count_columns: Sequence[str],
                  total_column: Optional[str] = None, parent_field: Optional[str] = None,
                  rules: Optional[Rules] = None, *, id_field: Optional[str] = None,
                  categories_exhaustive: Union[None, bool, str] = None, round_base: int = 0,
                  round_key: Union[str, bytes, None] = None, width: Optional[float] = None,
                  perturbation: Perturbation = OFF
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
      (``categories_exhaustive`` None = detect), there is no rest. A row whose categories add
      up to more than its total is an error naming the rows, unless ``categories_exhaustive``
      is ``"overlap"`` (the count columns overlap, e.g. men, women and children): then no sum
      relation, but every count is still at most the total.
    * Bounds: every count is ≥ 0 and at most the total. The attacker's interval audit
      (core.discretion.intervals) requires every primary cell's feasible interval to be at
      least ``width`` wide (default ``min_count``) and no hidden cell to be pinned; the report
      lists the intervals of the hidden cells.
    * Parent field: rows with the same parent form a group. If ``id_field`` is given and a
      row's id equals the parent value, the group's column sums equal that row (and its cells
      can be hidden); otherwise the group's column sums count as published (a municipality
      publishes district totals) and the audit guards against subtraction within the group.
      A group of one child then equals its parent: an error asks to merge or drop the field.
    * Secondary suppression (:func:`secondary_suppression`): the smallest count of the
      relation first; the total is hidden only when no count can be (unavoidable).
    * Optional keyed rounding of published cells (:func:`keyed_round`), cell key = row id
      + column + true value; or cell-key perturbation (``perturbation``), the cell key an
      HMAC of the row id and the column with ``perturbation.secret`` (required: without the
      secret nobody can recompute the noise; core.discretion.perturbation). Without an id
      the row's exact counts (and parent) are its id, never its position.
    """
    t0 = time.perf_counter()
    rules = rules or Rules()
    count_columns = list(count_columns)
    cols, data = _read_counts(df, count_columns, total_column, parent_field, id_field)
    n, kc = len(df), len(count_columns)
    warnings: List[str] = []
    counts = data[:, :kc]
    total = data[:, kc] if total_column else None
    source_hidden = np.isnan(data)
    # ---- rest column
    use_rest = False
    additive = total is not None
    rest = np.zeros(0)
    if total is not None:
        rest, additive, use_rest = _rest(counts, total, categories_exhaustive)
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
        assert total is not None  # a rest is the total minus the categories
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
        _add_parent_sums(rel, df, parent_field, id_field, data, cell, cols)
    truth = vals.copy()
    truth[:, :len(cols)][source_hidden] = np.nan  # unknown to us too
    if use_rest:
        truth[:, -1] = rest
    leq = []
    if total is not None:
        for j in list(range(kc)) + ([w - 1] if use_rest else []):
            leq.append(np.stack([cell[:, j], cell[:, kc]], axis=1))
    leq_arr = np.concatenate(leq) if leq else np.zeros((0, 2), np.int64)
    wid = float(rules.min_count if width is None else width)
    small = int(hidden.sum()) <= 3000
    sup, iv = secure_suppression(rel, truth.ravel(), hidden.ravel(), protect.ravel(), wid,
                                 candidate=candidate.ravel(), priority=priority.ravel(),
                                 weight=vals.ravel(), leq=leq_arr, certify=not small)
    hid = sup.hidden.reshape(n, w)
    sec = sup.secondary.reshape(n, w)
    flags[sec[:, :len(cols)]] = SECONDARY
    row_keys = table_row_keys(df, data, parent_field, id_field)
    out, changes = _published(df, cols, data, hid, flags, row_keys, rules, round_base,
                              round_key, perturbation)
    n_flags = {fl: int(np.sum(flags == fl)) for fl in (PRIMARY, SECONDARY, AREA)}
    report = _report(rules, sup, len(rel), n_flags, t0)
    report["published"] = int(np.sum(flags == PUBLISHED))
    report["warnings"] = warnings
    report["rest_column"] = use_rest
    report["totals_hidden_secondary"] = int(sec[:, kc].sum()) if total is not None else 0
    report["rounding"] = {"base": int(round_base or 0)}
    report["perturbation"] = perturbation.describe()
    report["perturbed"] = bool(perturbation.enabled and not (round_base and round_base > 1))
    report["mean_abs_change"] = round(float(np.mean(np.concatenate(changes))), 4) \
        if changes and sum(len(x) for x in changes) else 0.0
    report["audit"] = "passed" if (sup.audit.passed and iv.passed) else "failed"
    report["interval_audit"] = {"protection_width": wid, "checked": iv.checked,
                                "certified": iv.certified, "solved_by_lp": iv.solved}
    report["intervals"] = _intervals(iv, hid, flags, cols, w) if small else []
    if len(iv.unprotectable):
        warnings.append(tr(
            "{n} hidden cells follow from totals outside the table (e.g. a parent total of 0) "
            "whatever else is hidden.").format(n=len(iv.unprotectable)))
    return out, report


def _read_counts(df: pd.DataFrame, count_columns: List[str], total_column: Optional[str],
                 parent_field: Optional[str], id_field: Optional[str]
                 ) -> Tuple[List[str], np.ndarray]:
    """The counted columns (the counts, then the total) and their values as floats (NaN:
    missing); a clear error for a missing column or one that does not hold numbers."""
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
                                      "deselect it.").format(col=c)) from None
    return cols, data


def _rest(counts: np.ndarray, total: np.ndarray, categories_exhaustive: Union[None, bool, str]
          ) -> Tuple[np.ndarray, bool, bool]:
    """(rest per row = total − Σ counts, whether the categories add up to the total as a
    relation, whether the rest is a cell of its own); an error for counts above the total."""
    additive, use_rest = True, False
    with np.errstate(invalid="ignore"):
        above = (counts > total[:, None] + 1e-9).any(axis=1)
    if above.any():  # reported and refused: never a reason to drop the relations
        where = np.nonzero(above)[0]
        raise BoligsocialError(tr(
            "In {n} rows (e.g. rows {rows}) a count is larger than the total. Fix the "
            "table; the protection needs counts that fit their total.").format(
                n=len(where), rows=", ".join(str(i + 1) for i in where[:5])))
    with np.errstate(invalid="ignore"):
        rest = total - counts.sum(axis=1)
        bad = rest < -1e-9
    if categories_exhaustive == "overlap":
        additive = False
    elif bad.any():
        where = np.nonzero(bad)[0]
        raise BoligsocialError(tr(
            "In {n} rows (e.g. rows {rows}) the count columns add up to more than the total. "
            "Fix the table, or, if the count columns overlap (e.g. men, women and "
            "children), say so in 'Categories' (overlapping).").format(
                n=len(where), rows=", ".join(str(i + 1) for i in where[:5])))
    elif categories_exhaustive is None:
        use_rest = not np.all(np.nan_to_num(rest) == 0)
    else:
        use_rest = not categories_exhaustive
    return rest, additive, bool(use_rest)


def _add_parent_sums(rel: Relations, df: pd.DataFrame, parent_field: str,
                     id_field: Optional[str], data: np.ndarray, cell: np.ndarray,
                     cols: Sequence[str]) -> None:
    """The relations of the parent groups: per cell column, the sub-areas' sum equals the
    parent's own row (``id_field``) or a published total; an error for a lonely sub-area or a
    parent row that is not the sum of its sub-areas."""
    rows = np.arange(len(df), dtype=np.int64)
    parent = df[parent_field].to_numpy(dtype=object)
    has_parent = ~pd.isna(df[parent_field]).to_numpy()
    pkeys = np.array([str(p) for p in parent], dtype=object)
    parent_row: Dict[str, int] = {}
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
    _check_parent_sums(data, codes, child_rows, prow, uniq, cols)
    for j in range(cell.shape[1]):
        cc = np.concatenate([cell[child_rows, j], cell[prow[prow >= 0], j]])
        gg = np.concatenate([codes, np.nonzero(prow >= 0)[0]])
        co = np.concatenate([np.ones(len(child_rows)), -np.ones(int((prow >= 0).sum()))])
        rel.add_sums(cc, gg, co)


def table_row_keys(df: pd.DataFrame, data: np.ndarray, parent_field: Optional[str],
                   id_field: Optional[str]) -> np.ndarray:
    """The key of each row's noise: its id, or without one its content (:func:`_content_keys`);
    ``data`` the counted columns' values (counts, then the total)."""
    if id_field:
        return df[id_field].astype(str).to_numpy()
    return _content_keys(df, data, parent_field)


def _content_keys(df: pd.DataFrame, data: np.ndarray, parent_field: Optional[str]
                  ) -> np.ndarray:
    """Row keys of a table without an id: the row's exact counts (and parent), not its
    position, so the same row sorted or filtered differently keeps its noise (a key by
    position gave each new order a fresh noisy copy to average)."""
    parents = (df[parent_field].astype(str).to_numpy() if parent_field
               else np.full(len(df), "", dtype=object))
    return np.array(["#{}\x1e{}".format(p, ",".join("" if np.isnan(x) else str(int(x))
                                                     for x in row))
                     for p, row in zip(parents, data)], dtype=object)


def _published(df: pd.DataFrame, cols: Sequence[str], data: np.ndarray, hid: np.ndarray,
               flags: np.ndarray, row_keys: np.ndarray, rules: Rules, round_base: int,
               round_key: Union[str, bytes, None], perturbation: Perturbation
               ) -> Tuple[pd.DataFrame, List[np.ndarray]]:
    """The output table (hidden cells NaN, published ones rounded or perturbed, a flag column
    per count) and the absolute changes of the perturbed cells per column."""
    out = df.copy()
    changes = []
    for j, c in enumerate(cols):
        v = np.where(hid[:, j], np.nan, data[:, j])
        if round_base and round_base > 1:
            ck = [f"{rk}\x1f{c}\x1f{x}" for rk, x in zip(row_keys, data[:, j])]
            v = keyed_round(v, round_base, round_key, ck, rules.min_count)
        elif perturbation.enabled:
            v2 = perturb_counts(v, table_cell_keys([f"{rk}\x1f{c}" for rk in row_keys],
                                                   perturbation.secret),
                                rules.min_count, perturbation)
            changes.append(np.abs(v2 - v)[~np.isnan(v)])
            v = v2
        out[c] = v
        out[f"{c}_flag"] = flags[:, j]
    return out, changes


def _intervals(iv, hid: np.ndarray, flags: np.ndarray, cols: Sequence[str], w: int
               ) -> List[Dict[str, object]]:
    """The attacker's interval of each hidden cell of the table, for the report."""
    intervals: List[Dict[str, object]] = []
    for cidx in np.nonzero(hid[:, :len(cols)].ravel())[0]:
        i, j = divmod(int(cidx), len(cols))
        lo, hi = iv.interval(i * w + j)
        intervals.append({"row": i + 1, "column": cols[j], "flag": flags[i, j],
                          "lo": None if np.isnan(lo) else round(lo, 2),
                          "hi": None if np.isnan(hi) else (round(hi, 2) if np.isfinite(hi)
                                                           else "inf"),
                          "min_width": None if np.isnan(iv.min_width[i * w + j]) else
                          round(float(min(iv.min_width[i * w + j], 1e12)), 2)})
    return intervals


def _check_parent_sums(data: np.ndarray, codes: np.ndarray, child_rows: np.ndarray,
                       prow: np.ndarray, parents, cols: Sequence[str]) -> None:
    """A parent's own row must be the sum of its sub-areas (where every value is known);
    an inconsistent group is reported and refused, never a reason to drop its relations."""
    for g in np.nonzero(prow >= 0)[0]:
        kids = child_rows[codes == g]
        kids = kids[kids != prow[g]]
        if not len(kids):
            continue
        for j, c in enumerate(cols):
            vals = data[kids, j]
            if np.isnan(vals).any() or np.isnan(data[prow[g], j]):
                continue
            if abs(vals.sum() - data[prow[g], j]) > 1e-6:
                raise BoligsocialError(tr(
                    "The sub-areas of '{parent}' add up to {sum} in '{col}', but its own row "
                    "says {value}. Fix the table (or leave the id field empty if the parent's "
                    "row is not the sum of its sub-areas).").format(
                        parent=parents[g], sum=int(vals.sum()), col=c,
                        value=int(data[prow[g], j])))
