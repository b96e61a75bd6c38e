# SPDX-License-Identifier: GPL-2.0-or-later
"""The texts of the assessment: labels, conditions, the data note, the reason for the
category and the plain-language explanation with the cheapest change."""
from typing import Dict, List, Optional, Tuple

import numpy as np

from boligsocial_plugin.core.criteria.evaluation import Measure
from boligsocial_plugin.core.criteria.rules import (
    CATEGORIES,
    FOREBYGGELSE,
    INGEN,
    KEYS,
    OMDANNELSE,
    PARALLEL,
    PERCENT_OF_REGIONAL_MEAN,
    TIMES_NATIONAL,
    UDSAT,
    CriteriaList,
    Criterion,
    RuleSet,
)
from boligsocial_plugin.core.discretion import PUBLISHED
from boligsocial_plugin.core.i18n import number, tr


def criterion_label(key: str) -> str:
    return {"outside": tr("outside labour market and education (18-64)"),
            "convicted": tr("convicted (18 and over)"),
            "basic_edu": tr("only basic schooling (30-59)"),
            "income": tr("mean gross income"),
            "nonwestern": tr("non-western immigrants and descendants")}[key]


def category_label(code: str) -> str:
    """Danish name of a category (translated); an unknown code as it is."""
    return {"omdannelsesomraade": tr("Omdannelsesområde"),
            "parallelsamfund": tr("Parallelsamfund"),
            "udsat": tr("Udsat boligområde"),
            "forebyggelse": tr("Forebyggelsesområde"),
            "ingen": tr("No category")}.get(code, code)


def rule_set_label(code: str) -> str:
    """What a rule set covers, for drop-downs (translated); an unknown code as it is."""
    return {"2013": tr("2013-2017: ghetto list, 3 of 5 criteria"),
            "2018": tr("2018-2020: udsat, ghetto, hard ghetto"),
            "2021": tr("2021 on: udsat, parallelsamfund, omdannelse, forebyggelse")
            }.get(str(code), str(code))


def severity_label(sev: int) -> str:
    """Name of the category of a severity (INGEN .. OMDANNELSE)."""
    return category_label(CATEGORIES[sev])


def _list_label(code: str) -> str:
    return {"udsat": tr("Udsatte boligområder list"),
            "forebyggelse": tr("Forebyggelsesområder list")}[code]


def _num(v: float, decimals: int, threshold: float) -> str:
    s = f"{v:.{decimals}f}"
    d = decimals
    while d < 6 and float(s) == threshold and v != threshold:
        d += 1
        s = f"{v:.{d}f}"
    return number(v, d)


def _value_text(crit: Criterion, v: float) -> str:
    if crit.unit == TIMES_NATIONAL:
        return tr("{v} times the national average").format(v=_num(v, 2, crit.threshold))
    if crit.unit == PERCENT_OF_REGIONAL_MEAN:
        return tr("{v} % of the regional mean").format(v=_num(v, 1, crit.threshold))
    return "{v} %".format(v=_num(v, 2 if crit.threshold < 10 else 1, crit.threshold))


def value_text(crit: Criterion, v: float) -> str:
    """A criterion's value with its unit, as the explanations write it (41.0 %, 2.15 times the
    national average, 54.2 % of the regional mean)."""
    return _value_text(crit, v)


def threshold_text(crit: Criterion) -> str:
    """A criterion's threshold as the explanations write it (40 %, 3, 2.7 %)."""
    t = "{:g}".format(crit.threshold)
    if t != "{:.0f}".format(crit.threshold):
        t = number(crit.threshold, len(t.split(".")[1]))
    if crit.unit != TIMES_NATIONAL:
        t += " %"
    return t


def _condition_text(crit: Criterion, v: float, met: bool) -> str:
    t = threshold_text(crit)
    sym = {(">", True): ">", (">", False): "≤", (">=", True): "≥", (">=", False): "<",
           ("<", True): "<", ("<", False): "≥"}[(crit.op, met)]
    return "{label} {value} {sym} {t}".format(label=criterion_label(crit.key),
                                              value=_value_text(crit, v), sym=sym, t=t)


def _change_text(key: str, amount: int, more: bool) -> str:
    texts = {
        ("outside", True): tr("{n} more full-time persons were outside the labour market"),
        ("outside", False): tr("{n} fewer full-time persons were outside the labour market"),
        ("convicted", True): tr("{n} more residents aged 18 and over were convicted"),
        ("convicted", False): tr("{n} fewer residents aged 18 and over were convicted"),
        ("basic_edu", True): tr("{n} more residents aged 30-59 had only basic schooling"),
        ("basic_edu", False): tr("{n} fewer residents aged 30-59 had only basic schooling"),
        ("nonwestern", True): tr("{n} more residents were non-western immigrants or "
                                 "descendants"),
        ("nonwestern", False): tr("{n} fewer residents were non-western immigrants or "
                                  "descendants"),
        ("income", True): tr("the mean gross income were {n} kr. higher"),
        ("income", False): tr("the mean gross income were {n} kr. lower"),
    }
    return texts[(key, more)].format(n=number(amount))


def data_note(rs: RuleSet, meas: Dict[str, Measure], i: int, two_year_keys: List[str],
               hist_note: str) -> str:
    parts: List[str] = []
    single = [k for k in two_year_keys if meas[k].single[i]]
    if single:
        parts.append(tr("previous year missing: single-year value used for {keys}").format(
            keys=", ".join(single)))
    for k in KEYS:
        if k in meas and meas[k].reason[i] and meas[k].reason[i] not in parts:
            parts.append(meas[k].reason[i])
    if hist_note:
        parts.append(hist_note)
    return "; ".join(parts)


def category_reason(rs: RuleSet, met, meas, i: int, eligible: bool, low: int, high: int,
                     n_years: Optional[int], hist_found, omd_hist) -> Tuple[str, str]:
    """(why this category, why it could be more severe or '')."""
    if not eligible:
        return tr("under {n} residents").format(n=number(rs.min_residents)), ""
    udsat = rs.get_list("udsat")
    k_u = sum(int(met["udsat"][c.key][i] == 1) for c in udsat.counted)
    if low == OMDANNELSE:
        reason = tr("parallelsamfund conditions met in each of the last {n} years").format(
            n=n_years)
    elif low == PARALLEL and rs.parallel is not None:  # only rule sets with one reach it
        reason = tr("udsat ({k} of {n} criteria met) and non-western share above {t} %").format(
            k=k_u, n=len(udsat.counted), t="{:g}".format(rs.parallel.threshold))
    elif low == UDSAT:
        reason = tr("{k} of {n} criteria met").format(k=k_u, n=len(udsat.counted))
    elif low == FOREBYGGELSE:
        fb = rs.get_list("forebyggelse")
        k_f = sum(int(met["forebyggelse"][c.key][i] == 1) for c in fb.counted)
        reason = tr("non-western share above {t} % and {k} of {n} criteria met").format(
            t="{:g}".format(fb.required[0].threshold), k=k_f, n=len(fb.counted))
    else:
        reason = tr("the conditions of no list are met")
    return reason, _uncertainty(meas, i, low, high, n_years, hist_found, omd_hist)


def _uncertainty(meas, i: int, low: int, high: int, n_years: Optional[int], hist_found,
                 omd_hist) -> str:
    """Why the category could be more severe than the one given ('' if certain)."""
    if high == low:
        return ""
    if (high == OMDANNELSE and low == PARALLEL and omd_hist is not None
            and np.isnan(omd_hist[i])):
        return tr("omdannelsesområde could not be determined: needs {n} years of history, "
                  "{k} found").format(n=n_years, k=hist_found[i])
    why = sorted({meas[k].reason[i] for k in meas if meas[k].reason[i]})
    return tr("could be {category} ({why})").format(category=severity_label(high).lower(),
                                                    why=", ".join(why))


def _list_sentence(rs: RuleSet, lst: CriteriaList, met, meas, keep_met, i: int,
                   label: str) -> str:
    details = []
    counted = {c.key for c in lst.counted}
    for c in rs.reported(lst.code):
        m = met[lst.code][c.key][i]
        if np.isnan(m) or not keep_met[c.key][i]:
            continue
        is_counted = c.key in counted
        if m == 1 or not is_counted:
            if meas[c.key].flag[i] == PUBLISHED:
                details.append(_condition_text(c, meas[c.key].val[i], m == 1))
            else:
                details.append(tr("{label}: {state} (value suppressed)").format(
                    label=criterion_label(c.key), state=tr("met") if m == 1 else tr("not met")))
    k = sum(int(met[lst.code][key][i] == 1) for key in counted)
    text = tr("{label}: {k} of {n} criteria met").format(label=label, k=k, n=len(lst.counted))
    if details:
        text += " (" + "; ".join(details) + ")"
    return text + "."


def _cheapest(cands: List[Tuple[Criterion, str, bool]], meas, persons, i: int):
    """The candidate flip with the smallest relative distance to its threshold."""
    best = None
    for c, lc, more in cands:
        amount = persons[(lc, c.key)][i]
        if np.isnan(amount):
            continue
        rel = abs(float(c.gap(np.array([meas[c.key].val[i]]))[0])) / c.threshold
        if best is None or rel < best[0]:
            best = (rel, c, amount, more)
    return best


def explain(rs: RuleSet, met, meas, persons, keep_met, i: int, eligible: bool, sev: int,
             doubt: str) -> str:
    parts: List[str] = []
    if not eligible:
        parts.append(tr("Under {n} residents, so not on the state lists.").format(
            n=number(rs.min_residents)))
    elif sev == INGEN:
        parts.append(tr("No category."))
    elif sev in (PARALLEL, OMDANNELSE):
        parts.append(severity_label(sev) + ".")
    defining = "forebyggelse" if sev == FOREBYGGELSE else "udsat"
    if not all(meas[k].flag[i] == "A" for k in meas):
        for lst in sorted(rs.lists, key=lambda x: x.code != defining):
            if sev != INGEN and lst.code == defining:
                label = severity_label(UDSAT if defining == "udsat" else FOREBYGGELSE)
            else:
                label = _list_label(lst.code)
            parts.append(_list_sentence(rs, lst, met, meas, keep_met, i, label))
    else:
        parts.append(tr("Values not published: fewer residents than the discretion minimum."))
    if eligible:
        flip = _flip_sentence(rs, met, meas, persons, i, sev)
        if flip:
            parts.append(flip)
    if doubt:
        parts.append(tr("Category uncertain: {why}.").format(why=doubt))
    return " ".join(parts)


def _flip_sentence(rs: RuleSet, met, meas, persons, i: int, sev: int) -> str:
    """One change that would move the area off its list (or onto one)."""
    def state(lc: str, c: Criterion) -> float:
        return met[lc][c.key][i]

    cands: List[Tuple[Criterion, str, bool]] = []
    if sev >= UDSAT:
        lst = rs.get_list("udsat")
        k = sum(int(state("udsat", c) == 1) for c in lst.counted)
        if k == lst.min_met:
            cands += [(c, "udsat", c.op == "<") for c in lst.counted if state("udsat", c) == 1]
        if sev >= PARALLEL and rs.parallel is not None:
            cands.append((rs.parallel, "udsat", False))
        target = severity_label(sev)
        leave = True
    elif sev == FOREBYGGELSE:
        lst = rs.get_list("forebyggelse")
        k = sum(int(state("forebyggelse", c) == 1) for c in lst.counted)
        if k == lst.min_met:
            cands += [(c, lst.code, c.op == "<") for c in lst.counted
                      if state(lst.code, c) == 1]
        cands += [(c, lst.code, False) for c in lst.required]
        target = severity_label(sev)
        leave = True
    else:
        leave = False
        target = ""
        for lst in rs.lists:
            if any(state(lst.code, c) != 1 for c in lst.required):
                continue
            k = sum(int(state(lst.code, c) == 1) for c in lst.counted)
            if k == lst.min_met - 1:
                cands += [(c, lst.code, c.op != "<") for c in lst.counted
                          if state(lst.code, c) == 0]
    best = _cheapest(cands, meas, persons, i)
    if best is None:
        return ""
    _, c, amount, more = best
    change = _change_text(c.key, int(amount), more)
    if rs.measure(c.key).two_year and not meas[c.key].single[i]:
        change += tr(" this year (last year unchanged)")
    if leave:
        return tr("Would no longer be {category} if {change}.").format(
            category=target.lower(), change=change)
    for lst in rs.lists:
        if any(cc is c for cc in lst.counted):
            target = severity_label(UDSAT if lst.code == "udsat" else FOREBYGGELSE)
    return tr("Would become {category} if {change}.").format(category=target.lower(),
                                                             change=change)
