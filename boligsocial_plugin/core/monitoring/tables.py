# SPDX-License-Identifier: GPL-2.0-or-later
"""The output tables of ``monitorcriteria`` (one row per area; one row per area and date) and
their fields (stable public API, see README "Data model")."""
from typing import List, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.criteria import KEYS
from boligsocial_plugin.core.monitoring.projection import Projection
from boligsocial_plugin.core.monitoring.series import CriteriaSeries

#: (name, type) with type 'str', 'int', 'float' or 'date'
Fields = List[Tuple[str, str]]


def monitor_fields() -> Fields:
    """Fields of monitorcriteria's OUTPUT."""
    f: Fields = [("area_id", "str"), ("area_name", "str"), ("ref_date", "date"),
                 ("rule_set", "str"), ("residents", "int"), ("category", "str"),
                 ("projected_category", "str"), ("projected_certain", "int"),
                 ("project_to", "date"), ("warning", "str")]
    for k in KEYS:
        f += [("{}_val".format(k), "float"), ("{}_trend".format(k), "float"),
              ("{}_projected".format(k), "float")]
    f += [("trend_from", "date"), ("trend_points", "int"), ("data_note", "str")]
    return f


def series_fields() -> Fields:
    """Fields of monitorcriteria's SERIES."""
    return [("area_id", "str"), ("area_name", "str"), ("ref_date", "date"), ("rule_set", "str"),
            ("residents", "int")] + [("{}_val".format(k), "float") for k in KEYS] + \
        [("category", "str"), ("figures_as_of", "date")]


def monitor_table(series: CriteriaSeries, proj: Projection) -> pd.DataFrame:
    """One row per area (in area order): now, trend, projection, warning."""
    n = len(series.area_ids)
    last = len(series.dates) - 1
    out = {"area_id": series.area_ids, "area_name": series.area_names,
           "ref_date": [series.dates[last]] * n, "rule_set": [series.rule_set.code] * n,
           "residents": series.residents[:, last], "category": proj.category,
           "projected_category": proj.projected_category,
           "projected_certain": np.where([c != "" for c in proj.projected_category],
                                         proj.projected_certain, np.nan),
           "project_to": [proj.project_to] * n, "warning": proj.warning}
    points = np.zeros(n, dtype=int)
    for k in KEYS:
        has = k in series.value
        out["{}_val".format(k)] = series.value[k][:, last] if has else np.full(n, np.nan)
        out["{}_trend".format(k)] = proj.trends[k].slope if has else np.full(n, np.nan)
        out["{}_projected".format(k)] = proj.projected[k] if has else np.full(n, np.nan)
        if has:
            points = np.maximum(points, proj.trends[k].points)
    out["trend_from"] = [proj.trend_from] * n
    out["trend_points"] = points
    out["data_note"] = [proj.note(i) for i in range(n)]
    return pd.DataFrame(out, columns=[name for name, _ in monitor_fields()])


def series_table(series: CriteriaSeries) -> Tuple[pd.DataFrame, np.ndarray]:
    """One row per area and snapshot at which the area has residents (dates in order), and
    each row's area index."""
    rows_a, rows_d = np.nonzero(series.present)
    order = np.lexsort((rows_a, rows_d))
    a, d = rows_a[order], rows_d[order]
    out = {"area_id": np.array(series.area_ids, dtype=object)[a],
           "area_name": np.array(series.area_names, dtype=object)[a],
           "ref_date": np.array(series.dates, dtype=object)[d],
           "rule_set": [series.rule_set.code] * len(a),
           "residents": series.residents[a, d]}
    for k in KEYS:
        out["{}_val".format(k)] = series.value[k][a, d] if k in series.value else \
            np.full(len(a), np.nan)
    out["category"] = series.category[a, d]
    out["figures_as_of"] = out["ref_date"]  # nothing carried (core.discretion.carry)
    return pd.DataFrame(out, columns=[name for name, _ in series_fields()]), a
