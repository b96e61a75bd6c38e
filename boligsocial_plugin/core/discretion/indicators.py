# SPDX-License-Identifier: GPL-2.0-or-later
"""Protection of the indicator layer: relations between its cells, suppression, report."""
import time
from dataclasses import asdict
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.engine import Suppression
from boligsocial_plugin.core.discretion.rules import (
    AREA,
    PRIMARY,
    SECONDARY,
    Rules,
)
from boligsocial_plugin.core.indicators import Condition, Indicator


def _age_band(cond: Optional[Condition]) -> Optional[Tuple[float, float]]:
    """Integer age band ``[lo, hi]`` counted by a condition on ``age``, or None."""
    if cond is None or cond.column != "age":
        return None
    op, v = cond.op, cond.value
    try:
        if op == "in":
            if not isinstance(v, tuple):
                return None  # a single value: the condition counts that one value
            vals = sorted(int(x) for x in v)
            if not vals or vals != list(range(vals[0], vals[-1] + 1)):
                return None
            return float(max(vals[0], 0)), float(vals[-1])
        if not isinstance(v, (int, float, str)):
            return None
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
    # "ALL" (every resident) or (age_min, age_max, where) of the population counted
    by_pop: Dict[Union[str, Tuple[Optional[int], Optional[int], Tuple[Condition, ...]]],
                 List[int]] = {}
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
            assert not isinstance(sig, str)
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
                               rules: Rules, **options) -> Tuple[pd.DataFrame, Dict[str, object]]:
    """:func:`protect_indicators` plus its audit report.

    Cells per row: residents (hidden, flag-less, when ``0 < residents < min_count``), and per
    indicator numerator and denominator, hidden together with the value. Relations:
    :func:`indicator_relation_templates` within one area and date, plus the nested indicators
    the data show. Numerators and residents must not be recoverable nor narrowed below the
    protection width; a hidden denominator may be recoverable (it equals a published total,
    e.g. residents) unless it is itself a small count. Secondary suppression prefers
    indicators (smallest numerator first), then denominators, residents last. ``options`` go
    to :func:`boligsocial_plugin.core.discretion.release.protect_release` (perturbation, links
    to earlier releases, totals).
    """
    from boligsocial_plugin.core.discretion.release import protect_release

    res = protect_release(raw, indicators, rules, **options)
    return res.published, res.report


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
