# SPDX-License-Identifier: GPL-2.0-or-later
"""The shared result model: published results as relational tables (README "Shared result
model"), so several municipalities can load comparable results into one database (GeoFA)
and analyse across borders.

Only what a published layer shows goes in: values already protected (suppressed values are
NULL with their flag), never a person row or a hidden count. One export is one *run*
(``run_id``, a UUID); every table's key starts with it, so loading again adds a run and never
changes an earlier one.
"""
import json
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria import KEYS, get_rule_set
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Indicator, builtin_indicators

TEXT, REAL, INTEGER, GEOMETRY = "text", "real", "integer", "geometry"

#: table -> [(column, type)]; the key columns first (KEYS below)
TABLES: Dict[str, List[Tuple[str, str]]] = {
    "bs_run": [("run_id", TEXT), ("created", TEXT), ("plugin_version", TEXT),
               ("algorithm", TEXT), ("municipality", TEXT), ("source", TEXT),
               ("rule_set", TEXT), ("discretion", TEXT), ("perturbation", TEXT),
               ("crs", TEXT), ("note", TEXT)],
    "bs_area": [("run_id", TEXT), ("area_id", TEXT), ("area_name", TEXT),
                ("geom", GEOMETRY)],
    "bs_indicator": [("run_id", TEXT), ("indicator", TEXT), ("label", TEXT), ("kind", TEXT),
                     ("unit", TEXT), ("numerator", TEXT), ("population", TEXT),
                     ("source", TEXT), ("definition", TEXT)],
    "bs_observation": [("run_id", TEXT), ("area_id", TEXT), ("ref_date", TEXT),
                       ("indicator", TEXT), ("num", REAL), ("den", REAL), ("val", REAL),
                       ("flag", TEXT)],
    "bs_criterion": [("run_id", TEXT), ("area_id", TEXT), ("ref_date", TEXT),
                     ("rule_set", TEXT), ("criterion", TEXT), ("list", TEXT), ("value", REAL),
                     ("flag", TEXT), ("met", INTEGER), ("gap", REAL)],
    "bs_category": [("run_id", TEXT), ("area_id", TEXT), ("ref_date", TEXT),
                    ("rule_set", TEXT), ("category", TEXT), ("category_certain", INTEGER),
                    ("at_risk", INTEGER), ("residents", INTEGER)],
}
KEYS_OF: Dict[str, Tuple[str, ...]] = {
    "bs_run": ("run_id",), "bs_area": ("run_id", "area_id"),
    "bs_indicator": ("run_id", "indicator"),
    "bs_observation": ("run_id", "area_id", "ref_date", "indicator"),
    "bs_criterion": ("run_id", "area_id", "ref_date", "rule_set", "criterion", "list"),
    "bs_category": ("run_id", "area_id", "ref_date", "rule_set"),
}
#: the indicator code of the residents count in bs_observation
RESIDENTS = "residents"
#: flags (bs_observation.flag, bs_criterion.flag): '' published, P primary, S secondary,
#: A area below the minimum
FLAGS = ("", "P", "S", "A")


def indicator_codes(columns: Sequence[str]) -> List[str]:
    """The indicator codes of an indicator layer (fields C_num, C_den, C_val, C_flag)."""
    cols = set(columns)
    return [c[:-4] for c in columns if c.endswith("_val") and
            {c[:-4] + s for s in ("_num", "_den", "_flag")} <= cols]


def observations(layer: pd.DataFrame, run_id: str) -> pd.DataFrame:
    """bs_observation rows from an indicator layer (computeindicators' fields)."""
    need = {"area_id", "ref_date"}
    if not need <= set(layer.columns):
        raise BoligsocialError(tr("The indicator layer lacks the fields area_id and ref_date; "
                                  "give a layer made by 'Compute indicators'."))
    codes = indicator_codes(list(layer.columns))
    if not codes:
        raise BoligsocialError(tr("The indicator layer has no indicator fields (C_num, C_den, "
                                  "C_val, C_flag); give a layer made by 'Compute indicators'."))
    parts = []
    base = pd.DataFrame({"run_id": run_id, "area_id": layer["area_id"].astype(str),
                         "ref_date": layer["ref_date"].map(_iso)})
    if "residents" in layer:
        res = _num(layer["residents"])
        parts.append(base.assign(indicator=RESIDENTS, num=res, den=np.nan, val=res,
                                 flag=np.where(np.isnan(res), "P", "")))
    for c in codes:
        parts.append(base.assign(indicator=c, num=_num(layer[c + "_num"]),
                                 den=_num(layer[c + "_den"]), val=_num(layer[c + "_val"]),
                                 flag=layer[c + "_flag"].fillna("").astype(str).to_numpy()))
    out = pd.concat(parts, ignore_index=True)
    return out[[c for c, _t in TABLES["bs_observation"]]]


def criteria(layer: pd.DataFrame, run_id: str) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """(bs_criterion, bs_category) rows from a criteria layer (assesscriteria's fields)."""
    if not {"area_id", "rule_set", "category"} <= set(layer.columns):
        raise BoligsocialError(tr("The criteria layer lacks the fields area_id, rule_set and "
                                  "category; give a layer made by 'Assess state criteria'."))
    rows: List[tuple] = []
    cats: List[tuple] = []
    for _i, r in layer.iterrows():
        rs = str(r["rule_set"])
        date = _iso(r.get("ref_date"))
        lists = [lst.code for lst in get_rule_set(rs).lists]
        for k in KEYS:
            if k + "_val" not in layer:
                continue
            val, flag = _scalar(r[k + "_val"]), _text(r.get(k + "_flag"))
            rows.append((run_id, str(r["area_id"]), date, rs, k, "", val, flag, None, None))
            for lst in lists:
                if k + "_met_" + lst in layer:
                    met = _scalar(r[k + "_met_" + lst])
                    rows.append((run_id, str(r["area_id"]), date, rs, k, lst, val, flag,
                                 None if met is None else int(met),
                                 _scalar(r.get(k + "_gap_" + lst))))
        cats.append((run_id, str(r["area_id"]), date, rs, _text(r["category"]),
                     _int(r.get("category_certain")), _int(r.get("at_risk")),
                     _int(r.get("residents"))))
    crit = pd.DataFrame(rows, columns=[c for c, _t in TABLES["bs_criterion"]])
    cat = pd.DataFrame(cats, columns=[c for c, _t in TABLES["bs_category"]])
    return crit, cat


def indicator_definitions(codes: Sequence[str], run_id: str,
                          defined: Optional[Sequence[Dict[str, object]]] = None) -> pd.DataFrame:
    """bs_indicator rows: the run's own definitions when recorded, else the built-in ones."""
    known = {d["code"]: d for d in (defined or [])}
    builtin = {i.code: describe(i) for i in builtin_indicators()}
    rows = [(run_id, RESIDENTS, tr("Residents"), "count", "persons", "persons",
             "all residents", "", "")]
    for c in codes:
        d = known.get(c) or builtin.get(c) or {"code": c, "label": c, "kind": "", "unit": ""}
        rows.append((run_id, c, str(d.get("label", c)), str(d.get("kind", "")),
                     str(d.get("unit", "")), str(d.get("numerator", "")),
                     str(d.get("population", "")), str(d.get("source", "")),
                     str(d.get("definition", ""))))
    return pd.DataFrame(rows, columns=[c for c, _t in TABLES["bs_indicator"]])


def describe(ind: Indicator) -> Dict[str, object]:
    """An indicator's definition as recorded with a run (plain JSON values)."""
    if ind.condition is not None:
        numerator = "{} {} {}".format(ind.condition.column, ind.condition.op,
                                      ind.condition.value)
    else:
        numerator = "sum of {}".format(ind.value)
    pop = []
    if ind.age_min is not None or ind.age_max is not None:
        pop.append("age {}-{}".format("" if ind.age_min is None else ind.age_min,
                                      "" if ind.age_max is None else ind.age_max))
    pop += ["{} {} {}".format(w.column, w.op, w.value) for w in ind.where]
    return {"code": ind.code, "label": ind.label, "kind": ind.kind, "unit": ind.unit,
            "numerator": numerator, "population": ", ".join(pop) or "all residents",
            "source": ind.source, "definition": ind.fingerprint()}


def run_row(run_id: str, created: str, version: str, info: Dict[str, object],
            municipality: str, note: str, crs: str) -> pd.DataFrame:
    """The bs_run row (info: what the publishing algorithm recorded, core values only)."""
    rules = info.get("rules") or {}
    return pd.DataFrame([(run_id, created, version, str(info.get("algorithm", "")),
                          municipality, str(info.get("source", "")),
                          str(info.get("rule_set", "")),
                          json.dumps(rules, ensure_ascii=False, sort_keys=True) if rules else "",
                          str(info.get("perturbation", "")), crs, note)],
                        columns=[c for c, _t in TABLES["bs_run"]])


def _iso(v) -> Optional[str]:
    if v is None or (isinstance(v, float) and np.isnan(v)):
        return None
    if hasattr(v, "toString"):
        return v.toString("yyyy-MM-dd") or None
    return str(v)[:10] or None


def _num(s: pd.Series) -> np.ndarray:
    return pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)


def _scalar(v) -> Optional[float]:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(f) else f


def _int(v) -> Optional[int]:
    f = _scalar(v)
    return None if f is None else int(f)


def _text(v) -> str:
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v)
