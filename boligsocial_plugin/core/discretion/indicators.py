# SPDX-License-Identifier: GPL-2.0-or-later
"""Protection of the indicator layer: relations between its cells, suppression, report."""
import time
from dataclasses import asdict
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.engine import Relations, Suppression, secondary_suppression
from boligsocial_plugin.core.discretion.rounding import keyed_round
from boligsocial_plugin.core.discretion.rules import (
    AREA,
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    Rules,
    primary_flags,
)
from boligsocial_plugin.core.indicators import Condition, Indicator, values


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
