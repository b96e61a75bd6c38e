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
    published_measures,
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
from boligsocial_plugin.core.discretion import PRIMARY, PUBLISHED, SECONDARY, Rules
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
                    rules: Rules = Rules(),
                    published: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """Assess every area against the state criteria of a rule set (see the module doc).

    ``published``: the protected cells (``ProtectedRelease.published`` of
    :func:`boligsocial_plugin.core.criteria.publish.protect_criteria`, covering the assessed
    date and the year before). Then every figure of the output (residents, values, gaps,
    persons to flip, the values in the explanation) is computed from those cells only, is NULL
    with the cell's flag (``P``, ``S``, ``A``) where one of them is hidden, and carries their
    perturbation; met, the category, at_risk and the history are still decided on the exact
    values of ``raw``. Without it (internal use and tests) the figures are exact with the
    primary rules only.
    """
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
    if published is not None:
        ptables = SnapshotTables(published, n_areas, rules)
        show = published_measures(ptables, rs, d0, d1, national_conviction_rate,
                                  regional_mean_income, meas)
        shown_residents = ptables.at(d0)["residents"].to_numpy(dtype=float)
    else:
        show = meas
        shown_residents = np.where((residents > 0) & (residents < rules.min_count), np.nan,
                                   residents)

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
            m = show[c.key]
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
        "residents": _int_array(shown_residents),
        "rule_set": [rs.code] * n_areas, "ref_date": [d0] * n_areas,
        "prev_date": [d1 or ""] * n_areas,
    }
    shown = {k: (m.flag == PUBLISHED) for k, m in show.items()}
    # met of a hidden value is published for areas on the lists' scale (>= 1,000 residents),
    # as the state's lists publish it; it is a comparison with a threshold, not a figure
    keep_met = {k: shown[k] | (np.isin(m.flag, (PRIMARY, SECONDARY)) & eligible)
                for k, m in show.items()}
    for k in KEYS:
        if k in show:
            out[f"{k}_val"] = np.where(shown[k], show[k].val, np.nan)
            out[f"{k}_flag"] = show[k].flag
        else:
            out[f"{k}_val"] = np.full(n_areas, np.nan)
            out[f"{k}_flag"] = np.full(n_areas, PUBLISHED, dtype=object)
    persons: Dict[Tuple[str, str], np.ndarray] = {}
    for lst in rs.lists:
        lc = lst.code
        for c in rs.reported(lc):
            m = show[c.key]
            mt = np.where(keep_met[c.key], met[lc][c.key], np.nan)
            out[f"{c.key}_met_{lc}"] = _int_array(mt)
            out[f"{c.key}_gap_{lc}"] = np.where(shown[c.key], c.gap(m.val), np.nan)
            amounts = np.where(shown[c.key], flip_amounts(c, m.n, m.alpha, m.beta, 0.0,
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
        note = data_note(rs, show, i, two_year_keys,
                         hist_note[i] if sev_high[i] >= PARALLEL else "")
        reason, doubt = category_reason(rs, met, show, i, eligible[i], int(sev_low[i]),
                                         int(sev_high[i]), n_years, hist_found, omd_hist)
        cats.append(CATEGORIES[sev_low[i]])
        certain.append(int(sev_low[i] == sev_high[i]))
        reasons.append(reason + ("; " + doubt if doubt else ""))
        nears.append(", ".join(f"{k}_{lc}" for lc in near for k in near[lc] if near[lc][k][i]))
        notes.append(note)
        texts.append(explain(rs, met, show, persons, keep_met, i, bool(eligible[i]),
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
