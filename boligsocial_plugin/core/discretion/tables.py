# SPDX-License-Identifier: GPL-2.0-or-later
"""Discretion for any aggregated count table (``boligsocial:applydiscretion``)."""
import time
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.engine import Relations, secondary_suppression
from boligsocial_plugin.core.discretion.indicators import _report
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
