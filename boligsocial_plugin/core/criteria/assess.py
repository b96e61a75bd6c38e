# SPDX-License-Identifier: GPL-2.0-or-later
"""``assess_criteria``: every area against a rule set, with margins, flips and explanations."""
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria.dates import choose_dates
from boligsocial_plugin.core.criteria.evaluation import (
    SnapshotTables,
    check_reference,
    evaluate,
    severity,
)
from boligsocial_plugin.core.criteria.flips import flip_amounts, persons_column
from boligsocial_plugin.core.criteria.history import omdannelse_history
from boligsocial_plugin.core.criteria.rules import (
    CATEGORIES,
    EPS,
    KEYS,
    PARALLEL,
    Margins,
    Reference,
    RuleSet,
    get_rule_set,
)
from boligsocial_plugin.core.criteria.text import category_reason, data_note, explain
from boligsocial_plugin.core.discretion import PRIMARY, PUBLISHED, Rules
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr


def output_fields(rule_set: Union[str, int, RuleSet]) -> List[Tuple[str, str]]:
    """Output columns of :func:`assess_criteria` in order, with type 'str', 'int' or 'float'."""
    rs = rule_set if isinstance(rule_set, RuleSet) else get_rule_set(rule_set)
    f: List[Tuple[str, str]] = [("area_id", "str"), ("area_name", "str"), ("residents", "int"),
                                ("rule_set", "str"), ("ref_date", "str"), ("prev_date", "str")]
    for k in KEYS:
        f += [(f"{k}_val", "float"), (f"{k}_flag", "str")]
    for lst in rs.lists:
        for c in rs.reported(lst.code):
            f += [(f"{c.key}_met_{lst.code}", "int"), (f"{c.key}_gap_{lst.code}", "float"),
                  (persons_column(c.key, lst.code), "int")]
        f.append((f"criteria_met_{lst.code}", "int"))
    f += [("category", "str"), ("category_certain", "int"), ("category_reason", "str"),
          ("at_risk", "int"), ("near_criteria", "str"), ("two_year", "int"),
          ("data_note", "str"), ("explanation", "str")]
    return f


def assess_criteria(raw: pd.DataFrame, area_ids: Sequence, area_names: Optional[Sequence] = None,
                    rule_set: Union[str, int] = "2021", *,
                    national_conviction_rate: Reference = None,
                    regional_mean_income: Reference = None,
                    assessment_date: Optional[str] = None,
                    history: Optional[pd.DataFrame] = None,
                    margins: Margins = Margins(),
                    rules: Rules = Rules()) -> pd.DataFrame:
    """Assess every area against the state criteria of a rule set (see the module doc)."""
    rs = get_rule_set(rule_set)
    check_reference(national_conviction_rate, "NATIONAL_CONVICTION_RATE")
    check_reference(regional_mean_income, "REGIONAL_MEAN_INCOME")
    if margins.points < 0 or margins.relative < 0:
        raise BoligsocialError(tr("The at-risk margins must be zero or positive."))
    ids = [str(x) for x in area_ids]
    n_areas = len(ids)
    names = [("" if x is None else str(x)) for x in area_names] if area_names is not None \
        else [""] * n_areas
    tables = SnapshotTables(raw, n_areas, rules)
    d0, d1 = choose_dates(tables.dates, assessment_date)
    year = int(d0[:4])
    meas, met, residents, eligible = evaluate(tables, rs, d0, d1, national_conviction_rate,
                                               regional_mean_income)

    # omdannelsesområde: parallelsamfund in each of the N-1 years before the assessed one
    omd_hist, hist_found, hist_note = None, None, [""] * n_areas
    n_years = rs.years_for_omdannelse(year) if rs.parallel is not None else None
    if n_years:
        omd_hist, hist_found, hist_note = omdannelse_history(
            tables, rs, ids, d0, year, n_years, history, national_conviction_rate,
            regional_mean_income)

    sev_low = severity(rs, met, eligible, omd_hist, 0.0)
    sev_high = severity(rs, met, eligible, omd_hist, 1.0)

    # near-threshold criteria (published values only)
    near: Dict[str, Dict[str, np.ndarray]] = {}
    for lst in rs.lists:
        near[lst.code] = {}
        for c in rs.reported(lst.code):
            m = meas[c.key]
            g = c.gap(m.val)
            with np.errstate(invalid="ignore"):
                near[lst.code][c.key] = (np.abs(g) <= c.margin_width(margins) + EPS) & \
                    (m.flag == PUBLISHED) & ~np.isnan(g)
    worst = {lc: {k: np.where(near[lc][k] & (met[lc][k] == 0), 1.0, met[lc][k])
                  for k in met[lc]} for lc in met}
    best = {lc: {k: np.where(near[lc][k] & (met[lc][k] == 1), 0.0, met[lc][k])
                 for k in met[lc]} for lc in met}
    at_risk = ((severity(rs, worst, eligible, omd_hist, 0.0) != sev_low)
               | (severity(rs, best, eligible, omd_hist, 0.0) != sev_low))

    out: Dict[str, object] = {
        "area_id": ids, "area_name": names,
        "residents": _int_array(np.where((residents > 0) & (residents < rules.min_count),
                                         np.nan, residents)),
        "rule_set": [rs.code] * n_areas, "ref_date": [d0] * n_areas,
        "prev_date": [d1 or ""] * n_areas,
    }
    published = {k: (m.flag == PUBLISHED) for k, m in meas.items()}
    keep_met = {k: published[k] | ((m.flag == PRIMARY) & eligible) for k, m in meas.items()}
    for k in KEYS:
        if k in meas:
            out[f"{k}_val"] = np.where(published[k], meas[k].val, np.nan)
            out[f"{k}_flag"] = meas[k].flag
        else:
            out[f"{k}_val"] = np.full(n_areas, np.nan)
            out[f"{k}_flag"] = np.full(n_areas, PUBLISHED, dtype=object)
    persons: Dict[Tuple[str, str], np.ndarray] = {}
    for lst in rs.lists:
        lc = lst.code
        for c in rs.reported(lc):
            m = meas[c.key]
            mt = np.where(keep_met[c.key], met[lc][c.key], np.nan)
            out[f"{c.key}_met_{lc}"] = _int_array(mt)
            out[f"{c.key}_gap_{lc}"] = np.where(published[c.key], c.gap(m.val), np.nan)
            amounts = np.where(published[c.key], flip_amounts(c, m.n, m.alpha, m.beta, 0.0,
                                                              m.hi), np.nan)
            persons[(lc, c.key)] = amounts
            out[persons_column(c.key, lc)] = _int_array(amounts)
        cnt = np.zeros(n_areas)
        hidden = np.zeros(n_areas, bool)
        for c in lst.counted:
            cnt += np.nan_to_num(met[lc][c.key]) > 0.5
            hidden |= ~keep_met[c.key]
        out[f"criteria_met_{lc}"] = _int_array(np.where(hidden, np.nan, cnt))

    two_year_keys = [k for k in meas if rs.measure(k).two_year]
    single_any = np.zeros(n_areas, bool)
    for k in two_year_keys:
        single_any |= meas[k].single
    cats, certain, reasons, nears, notes, texts = [], [], [], [], [], []
    for i in range(n_areas):
        note = data_note(rs, meas, i, two_year_keys,
                          hist_note[i] if sev_high[i] >= PARALLEL else "")
        reason, doubt = category_reason(rs, met, meas, i, eligible[i], int(sev_low[i]),
                                         int(sev_high[i]), n_years, hist_found, omd_hist)
        cats.append(CATEGORIES[sev_low[i]])
        certain.append(int(sev_low[i] == sev_high[i]))
        reasons.append(reason + ("; " + doubt if doubt else ""))
        nears.append(", ".join(f"{k}_{lc}" for lc in near for k in near[lc] if near[lc][k][i]))
        notes.append(note)
        texts.append(explain(rs, met, meas, persons, keep_met, i, bool(eligible[i]),
                              int(sev_low[i]), doubt))
    out.update({"category": cats, "category_certain": pd.array(certain, dtype="Int64"),
                "category_reason": reasons,
                "at_risk": pd.array(at_risk.astype(int), dtype="Int64"),
                "near_criteria": nears,
                "two_year": pd.array((~single_any).astype(int), dtype="Int64"),
                "data_note": notes, "explanation": texts})
    return pd.DataFrame(out, columns=[name for name, _ in output_fields(rs)])

def _int_array(a: np.ndarray) -> pd.arrays.IntegerArray:
    """Nullable integers: NaN becomes NULL (pd.NA)."""
    a = np.asarray(a, dtype=float)
    mask = np.isnan(a)
    return pd.arrays.IntegerArray(np.where(mask, 0, np.round(a)).astype(np.int64), mask)
