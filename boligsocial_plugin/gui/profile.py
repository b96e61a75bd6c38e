# SPDX-License-Identifier: GPL-2.0-or-later
"""The panel's area profile: every indicator of an area and its criteria, as HTML.

Values are formatted as on the map legends (``core.choropleth``); suppressed values show as
"suppressed" with the reason, never as a number. The page is built from the small templates
below, filled with escaped text only.
"""
import html
import json
import os
from typing import Any, Dict, List, Optional, Tuple

from qgis.core import QgsFeature, QgsFeatureRequest, QgsVectorLayer

from boligsocial_plugin.core import choropleth
from boligsocial_plugin.core.criteria import KEYS as CRITERIA_KEYS
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import builtin_indicators
from boligsocial_plugin.qgis_io.values import is_null, text

#: (label, unit) per indicator code
Catalogue = Dict[str, Tuple[str, str]]

TABLE = "<table cellspacing='0' cellpadding='2' width='100%'>{rows}</table>"
TITLE = "<h3>{}</h3>"
SUBTITLE = "<h4>{}</h4>"
PARAGRAPH = "<p>{}</p>"
NOTE = "<p><i>{}</i></p>"
STRONG = "<p><b>{}</b></p>"
ITALIC = "<i>{}</i>"
INDICATOR_HEADER = ("<tr><th align='left'>{}</th><th align='right'>{}</th>"
                    "<th align='right'>{}</th></tr>")
INDICATOR_ROW = "<tr><td>{}</td><td align='right'>{}</td><td align='right'>{}</td></tr>"
CRITERIA_HEADER = "<tr><th align='left'>{}</th>{}</tr>"
HEADER_CELL = "<th align='right'>{}</th>"
CELL = "<td align='right'>{}</td>"
EMPTY_CELL = "<td></td>"
LABEL_ROW = "<tr><td colspan='{}'><b>{}</b></td></tr>"
VALUE_ROW = "<tr><td>{}</td>{}</tr>"
TOTAL_ROW = "<tr><td><b>{}</b></td>{}</tr>"


def flag_text(flag: str) -> str:
    """What is shown instead of a suppressed value (any discretion flag)."""
    return tr("suppressed")


def flag_reason(flag: str) -> str:
    """Why a value was suppressed (discretion flag P, S or A)."""
    texts = {
        "P": tr("count below the minimum"),
        "S": tr("protects another figure"),
        "A": tr("area below the minimum size"),
    }
    return texts.get(flag, "")


def format_value(value: Any, unit: str = "%") -> str:
    """A published value with its unit, in the same number format as the map legend."""
    if is_null(value):
        return ""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    return choropleth.format_value(v, unit)


def number_text(value: Any) -> str:
    """A count in the legend's number format (one decimal only when it has one)."""
    v = float(value)
    return choropleth.format_number(v, 0 if v == int(v) else 1)


def criterion_label_unit(key: str, rule_set: str) -> Tuple[str, str]:
    """Readable name and unit of a criterion column K_val of the criteria layer."""
    field = key + "_val"
    return (choropleth.field_label(field, criteria=True),
            choropleth.field_unit(field, criteria=True, rule_set=rule_set or "2021"))


def indicator_catalogue(json_path: str = "") -> Catalogue:
    """Label and unit of each indicator code: built-in ones plus a user JSON file (if any)."""
    out: Catalogue = {ind.code: (ind.label, ind.unit) for ind in builtin_indicators()}
    if json_path and os.path.exists(json_path):
        try:
            with open(json_path, encoding="utf-8-sig") as f:
                data = json.load(f)
        except (OSError, ValueError):
            return out  # the algorithm reports the broken file; the labels stay built-in
        items = data.get("indicators", []) if isinstance(data, dict) else data
        for d in items if isinstance(items, list) else []:
            if isinstance(d, dict) and d.get("code"):
                unit = d.get("unit") or ("%" if d.get("type", "share") == "share" else "")
                out[str(d["code"])] = (str(d.get("label") or d["code"]), str(unit))
    return out


def area_request(area_id: str) -> QgsFeatureRequest:
    """The request for an area's features (by area_id)."""
    expr = "\"area_id\" = '{}'".format(str(area_id).replace("'", "''"))
    return QgsFeatureRequest().setFilterExpression(expr)


def first_feature(layer: Optional[QgsVectorLayer], area_id: str) -> Optional[QgsFeature]:
    """The area's first feature in a layer (None without layer or feature)."""
    if layer is None:
        return None
    for f in layer.getFeatures(area_request(area_id)):
        return f
    return None


def profile_html(area_id: str, indicators: Optional[QgsFeature],
                 criteria: Optional[QgsFeature], catalogue: Catalogue) -> str:
    """HTML profile of one area: indicator values with flags, criteria with margins."""
    first = indicators or criteria
    if first is None:
        return PARAGRAPH.format(html.escape(tr("No result for area {id}.").format(id=area_id)))
    name = text(first["area_name"]) if "area_name" in first.fields().names() else ""
    parts = [TITLE.format(html.escape("{} – {}".format(area_id, name) if name else area_id))]
    residents = first["residents"]
    facts = [tr("Residents: {n}").format(n="–" if is_null(residents) else
                                         number_text(residents))]
    if indicators is not None and "ref_date" in indicators.fields().names():
        facts.append(tr("Reference date: {d}").format(d=text(indicators["ref_date"])))
    parts.append(PARAGRAPH.format(html.escape(" · ".join(facts))))
    if indicators is not None:
        parts.append(indicator_table(indicators, catalogue))
    if criteria is not None:
        parts.append(criteria_html(criteria))
    return "\n".join(parts)


def indicator_table(f: QgsFeature, catalogue: Catalogue) -> str:
    """The indicator values of an area (suppressed ones with the reason)."""
    names = f.fields().names()
    whole_area = {text(f[n]) for n in names if n.endswith("_flag")} == {"A"}
    rows = [INDICATOR_HEADER.format(html.escape(tr("Indicator")), html.escape(tr("Value")),
                                    html.escape(tr("Count / base")))]
    for n in names:
        if n.endswith("_val"):
            code = n[:-4]
            label, unit = catalogue.get(code, (code, "%"))
            shown, base = _indicator_cells(f, names, code, unit, whole_area)
            rows.append(INDICATOR_ROW.format(html.escape(label), shown, base))
    note = NOTE.format(html.escape(tr(
        "The area has fewer residents than the smallest area published, so only the "
        "number of residents is shown."))) if whole_area else ""
    return note + TABLE.format(rows="".join(rows))


def _indicator_cells(f: QgsFeature, names: List[str], code: str, unit: str,
                     whole_area: bool) -> Tuple[str, str]:
    """(value, count / base) cells of one indicator, escaped."""
    flag = text(f[code + "_flag"]) if code + "_flag" in names else ""
    value = f[code + "_val"]
    if is_null(value):
        shown = ITALIC.format(html.escape(flag_text(flag) if flag else tr("none")))
        return shown, "" if whole_area else ITALIC.format(html.escape(flag_reason(flag)))
    num = f[code + "_num"] if code + "_num" in names else None
    den = f[code + "_den"] if code + "_den" in names else None
    base = "" if unit == "kr." or is_null(num) or is_null(den) else \
        html.escape("{} / {}".format(number_text(num), number_text(den)))
    return html.escape(format_value(value, unit)), base


def criteria_html(f: QgsFeature) -> str:
    """The state criteria of an area: category, per list met or not with margins, notes."""
    names = f.fields().names()
    rule_set = text(f["rule_set"]) if "rule_set" in names else ""
    out = [SUBTITLE.format(html.escape(tr("State criteria ({rules})").format(rules=rule_set)))]
    if "category" in names:
        out.append(STRONG.format(html.escape(tr("Category: {c}").format(
            c=choropleth.category_label(text(f["category"]))))))
    lists = sorted({n.rsplit("_", 1)[1] for n in names if n.startswith("criteria_met_")})
    out.append(NOTE.format(html.escape(tr(
        "Per list: met or not, with the margin to the threshold in brackets (positive "
        "when met)."))))
    rows = [CRITERIA_HEADER.format(html.escape(tr("Value")), "".join(
        HEADER_CELL.format(html.escape(lst)) for lst in lists))]
    for key in CRITERIA_KEYS:
        if key + "_val" in names:
            rows += _criterion_rows(f, names, key, rule_set, lists)
    rows.append(TOTAL_ROW.format(html.escape(tr("Criteria met")), "".join(
        CELL.format(html.escape(text(f["criteria_met_" + lst]))) for lst in lists)))
    out.append(TABLE.format(rows="".join(rows)))
    if "at_risk" in names and not is_null(f["at_risk"]) and int(f["at_risk"]):
        out.append(STRONG.format(html.escape(
            tr("At risk: within the margin of a criterion threshold."))))
    for field in ("explanation", "data_note"):
        if field in names and text(f[field]):
            out.append(PARAGRAPH.format(html.escape(text(f[field]))))
    return "\n".join(out)


def _criterion_rows(f: QgsFeature, names: List[str], key: str, rule_set: str,
                    lists: List[str]) -> List[str]:
    """The label row and the value row (met or not per list, with the margin) of a criterion."""
    label, unit = criterion_label_unit(key, rule_set)
    value = f[key + "_val"]
    flag = text(f[key + "_flag"]) if key + "_flag" in names else ""
    shown = format_value(value, unit) if not is_null(value) else \
        (flag_text(flag) if flag else tr("not assessable"))
    cells = []
    for lst in lists:
        met_name, gap_name = "{}_met_{}".format(key, lst), "{}_gap_{}".format(key, lst)
        if met_name not in names:
            cells.append(EMPTY_CELL)
            continue
        met, gap = f[met_name], f[gap_name] if gap_name in names else None
        cell = tr("n/a") if is_null(met) else (tr("yes") if int(met) else tr("no"))
        if not is_null(gap):
            sign = "+" if float(gap) > 0 else ("−" if float(gap) < 0 else "±")
            cell += " ({}{})".format(sign, format_value(abs(float(gap)), unit))
        cells.append(CELL.format(html.escape(cell)))
    return [LABEL_ROW.format(1 + len(lists), html.escape(label)),
            VALUE_ROW.format(html.escape(shown), "".join(cells))]
