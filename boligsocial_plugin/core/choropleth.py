# SPDX-License-Identifier: GPL-2.0-or-later
"""Choropleth decisions: class ranges, the law's thresholds, units, labels and colours.

Pure Python (no qgis import). The QGIS side (``boligsocial_plugin.maps.styling``) computes the
data-driven breaks with QGIS's own classification methods and turns these decisions into
renderers.

Class ranges follow QGIS's graduated renderer: data-driven classes are ``[lo, hi]`` for the
first class and ``(lo, hi]`` for the others. Classes from the law (method ``law``) follow the
law's comparison: ``overstiger`` (>) puts a value equal to the threshold in the lower class,
``udgør mindst`` (>=) and ``mindre end`` (<) put it in the upper class. The outer classes are
open (below the first and above the last break) so a saved style also draws later data.
"""
import math
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

from boligsocial_plugin.core.criteria import (
    INDICATOR_CODES,
    KEYS,
    PERCENT,
    TIMES_NATIONAL,
    category_label,  # noqa: F401 - part of this module's API (defined in criteria.text)
    get_rule_set,
)
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import number, tr
from boligsocial_plugin.core.indicators import builtin_indicators

METHODS = ("jenks", "quantile", "equal", "pretty", "law")
# registry ids of QgsApplication.classificationMethodRegistry()
QGIS_METHOD_IDS = {"jenks": "Jenks", "quantile": "Quantile", "equal": "EqualInterval",
                   "pretty": "Pretty"}
MIN_CLASSES, MAX_CLASSES, DEFAULT_CLASSES = 2, 9, 5

# Sequential ramps, readable with colour-vision deficiencies and monotone in lightness (so a
# greyscale print keeps the order). Stops from matplotlib (viridis, cividis, magma) and
# ColorBrewer (YlOrRd, Blues, Purples); light = low values.
RAMPS: Dict[str, Tuple[str, ...]] = {
    "viridis": ("#fde725", "#90d743", "#35b779", "#21918c", "#31688e", "#443983", "#440154"),
    "cividis": ("#fee838", "#d3c064", "#a69d75", "#7c7b78", "#575d6d", "#2a3f6c", "#00224e"),
    "magma": ("#fcfdbf", "#feb078", "#f1605d", "#b73779", "#721f81", "#2c115f", "#000004"),
    "ylorrd": ("#ffffcc", "#ffeda0", "#fed976", "#feb24c", "#fd8d3c", "#fc4e2a", "#e31a1c",
               "#bd0026", "#800026"),
    "blues": ("#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5",
              "#08519c", "#08306b"),
    "purples": ("#fcfbfd", "#efedf5", "#dadaeb", "#bcbddc", "#9e9ac8", "#807dba", "#6a51a3",
                "#54278f", "#3f007d"),
}
DEFAULT_RAMP = "viridis"

# Suppressed (discretion) and "no data": light grey with darker grey hatching; never a ramp
# colour, and the hatching keeps it apart in greyscale too.
SUPPRESSED_FILL = "#e6e6e6"
SUPPRESSED_HATCH = "#6e6e6e"
OUTLINE = "#4d4d4d"

# assesscriteria categories, most severe first (magma: distinct in greyscale and for
# colour-vision deficiencies)
CATEGORY_ORDER = ("omdannelsesomraade", "parallelsamfund", "udsat", "forebyggelse", "ingen")
CATEGORY_COLOURS = {"omdannelsesomraade": "#2c115f", "parallelsamfund": "#8c2981",
                    "udsat": "#de4968", "forebyggelse": "#fe9f6d", "ingen": "#fcfdbf"}

UNIT_PERCENT, UNIT_KR, UNIT_TIMES = "%", "kr.", "×"
CRITERIA_MARKER_FIELDS = ("rule_set", "category")


@dataclass(frozen=True)
class ClassRange:
    """One class of a choropleth: bounds, which side is inclusive, openness and label."""

    lower: float
    upper: float
    label: str
    lower_inclusive: bool = False
    upper_inclusive: bool = True
    open_below: bool = False
    open_above: bool = False

    def contains(self, value: float) -> bool:
        """True when the value falls in this class (same test as :meth:`expression`)."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return False
        if not self.open_below:
            if value < self.lower or (value == self.lower and not self.lower_inclusive):
                return False
        if not self.open_above:
            if value > self.upper or (value == self.upper and not self.upper_inclusive):
                return False
        return True

    def expression(self, field_ref: str) -> str:
        """A QGIS expression selecting this class; field_ref is a quoted field reference."""
        parts = []
        if not self.open_below:
            parts.append("{f} {op} {v!r}".format(f=field_ref, op=">=" if self.lower_inclusive
                                                 else ">", v=float(self.lower)))
        if not self.open_above:
            parts.append("{f} {op} {v!r}".format(f=field_ref, op="<=" if self.upper_inclusive
                                                 else "<", v=float(self.upper)))
        if not parts:
            parts.append("{f} IS NOT NULL".format(f=field_ref))
        return " AND ".join(parts)


# --------------------------------------------------------------------------- fields and units

def indicator_code(field: str) -> str:
    """Indicator or criterion code of a value field (``outside_labour_val`` -> outside_labour)."""
    return field[:-4] if field.endswith("_val") else field


def flag_field_name(field: str) -> Optional[str]:
    """The discretion flag column that belongs to a value column, if the naming says so."""
    return field[:-4] + "_flag" if field.endswith("_val") else None


def is_criteria_fields(field_names: Sequence[str]) -> bool:
    """True for an assesscriteria layer (it has rule_set and category columns)."""
    names = set(field_names)
    return all(m in names for m in CRITERIA_MARKER_FIELDS)


def _criterion(key: str, rule_set: str):
    rs = get_rule_set(rule_set)
    try:
        return rs.measure(key)
    except KeyError:
        return None


def field_unit(field: str, criteria: bool = False, rule_set: str = "2021") -> str:
    """Unit shown in labels: '%' for shares, 'kr.' for income, '×' for relative criteria."""
    code = indicator_code(field)
    if criteria and code in KEYS:
        crit = _criterion(code, rule_set)
        if crit is not None and crit.unit == TIMES_NATIONAL:
            return UNIT_TIMES
        return UNIT_PERCENT
    for ind in builtin_indicators():
        if ind.code == code:
            return ind.unit
    return ""


def field_label(field: str, criteria: bool = False) -> str:
    """Readable name of a field for titles, legends and table headers."""
    if field == "category":
        return tr("Category (state lists)")
    code = indicator_code(field)
    if criteria and code in INDICATOR_CODES:
        code = INDICATOR_CODES[code]
        for ind in builtin_indicators():
            if ind.code == code:
                if code == "convicted":
                    return tr("Convicted, times the national rate")
                if code == "income":
                    return tr("Mean gross income, percent of the regional mean")
                return ind.label
    for ind in builtin_indicators():
        if ind.code == code:
            return ind.label
    return field


# --------------------------------------------------------------------------- number format

def format_number(value: float, decimals: int) -> str:
    """Danish number format: '.' between thousands, ',' as decimal mark (1.234,5)."""
    return number(value, decimals, "da")


def format_value(value: Optional[float], unit: str, decimals: Optional[int] = None) -> str:
    """A value with its unit in Danish format ('12,5 %', '215.000 kr.', '2,10×')."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    d = default_decimals(unit, [value]) if decimals is None else decimals
    return _with_unit(format_number(value, d), unit)


def _with_unit(text: str, unit: str) -> str:
    if not unit:
        return text
    if unit == UNIT_TIMES:
        return text + unit
    return text + " " + unit


def default_decimals(unit: str, values: Sequence[float]) -> int:
    """Decimals for labels: 1 for percent, 0 for kroner, 2 for times; else by magnitude."""
    if unit == UNIT_PERCENT:
        return 1
    if unit == UNIT_KR:
        return 0
    if unit == UNIT_TIMES:
        return 2
    finite = [abs(v) for v in values if v is not None and not math.isnan(v)]
    top = max(finite) if finite else 0.0
    return 0 if top >= 100 else (1 if top >= 10 else 2)


def range_label(lower: float, upper: float, unit: str, decimals: int) -> str:
    """'12,5 – 20,0 %' (one value when both ends print the same)."""
    lo, hi = format_number(lower, decimals), format_number(upper, decimals)
    if lo == hi:
        return _with_unit(lo, unit)
    return _with_unit("{} – {}".format(lo, hi), unit)


# --------------------------------------------------------------------------- class ranges

def ranges_from_bounds(bounds: Sequence[Tuple[float, float]], unit: str,
                       decimals: Optional[int] = None) -> List[ClassRange]:
    """Data-driven classes from (lower, upper) pairs as QGIS's methods return them."""
    if not bounds:
        return []
    if decimals is None:
        decimals = default_decimals(unit, [b for pair in bounds for b in pair])
    # more decimals when rounding would make two neighbouring breaks print the same
    breaks = [bounds[0][0]] + [b[1] for b in bounds]
    while decimals < 4 and len({format_number(b, decimals) for b in breaks}) < len(set(breaks)):
        decimals += 1
    out = []
    last = len(bounds) - 1
    for i, (lo, hi) in enumerate(bounds):
        out.append(ClassRange(float(lo), float(hi), range_label(lo, hi, unit, decimals),
                              lower_inclusive=(i == 0), upper_inclusive=True,
                              open_below=(i == 0), open_above=(i == last)))
    return out


def law_thresholds(field: str, criteria: bool = False,
                   rule_set: str = "2021") -> Tuple[Tuple[float, ...], str]:
    """The law's thresholds for a field, and the comparison ('>', '>=' or '<').

    Shares on the indicator layer (outside_labour, basic_edu, nonwestern) compare directly
    with the law (2021: outside 30/40 %, basic schooling 60 %, non-western 30/50 %). Convicted
    (times the national rate) and income (percent of the regional mean) are relative: their
    thresholds apply only to the criteria layer's ``convicted_val`` and ``income_val``.
    """
    code = indicator_code(field)
    key = None
    if criteria and code in KEYS:
        key = code
    elif not criteria:
        for k, c in INDICATOR_CODES.items():
            if c == code:
                key = k
    rs = get_rule_set(rule_set)
    crits = [c for lst in rs.lists for c in rs.reported(lst.code) if c.key == key]
    if key is not None and not criteria and crits and crits[0].unit != PERCENT:
        key, crits = None, []
    if key is None or not crits:
        raise BoligsocialError(tr(
            "The law has no threshold for the field '{field}'. Law classes exist for "
            "outside_labour_val, basic_edu_val and nonwestern_val of the indicator layer and "
            "for every *_val of the criteria layer (convicted and income are relative to the "
            "national rate and the regional mean). Choose another classification method."
        ).format(field=field))
    return tuple(sorted({c.threshold for c in crits})), crits[0].op


def law_ranges(field: str, criteria: bool = False, rule_set: str = "2021",
               unit: Optional[str] = None) -> List[ClassRange]:
    """Classes bounded by the law's thresholds (open below the first and above the last)."""
    thresholds, op = law_thresholds(field, criteria, rule_set)
    if unit is None:
        unit = field_unit(field, criteria, rule_set)
    d = 0 if all(float(t).is_integer() for t in thresholds) else 2
    t = [format_number(x, d) for x in thresholds]
    upper_side = op != ">"  # '>=' and '<': the threshold belongs to the upper class
    out = []
    n = len(thresholds)
    for i in range(n + 1):
        lo = thresholds[i - 1] if i > 0 else thresholds[0]
        hi = thresholds[i] if i < n else thresholds[-1]
        if i == 0:
            label = ("< " if upper_side else "≤ ") + t[0]
        elif i == n:
            label = ("≥ " if upper_side else "> ") + t[-1]
        else:
            label = ("{} – < {}" if upper_side else "> {} – {}").format(t[i - 1], t[i])
        out.append(ClassRange(float(lo), float(hi), _with_unit(label, unit),
                              lower_inclusive=upper_side, upper_inclusive=not upper_side,
                              open_below=(i == 0), open_above=(i == n)))
    return out


def check_method(method: str, classes: int) -> None:
    """Refuse an unknown method or a class count outside 2..9."""
    if method not in METHODS:
        raise BoligsocialError(tr("Unknown classification method '{m}'; use one of {all}.")
                               .format(m=method, all=", ".join(METHODS)))
    if not MIN_CLASSES <= int(classes) <= MAX_CLASSES:
        raise BoligsocialError(tr("The number of classes must be between {lo} and {hi}.")
                               .format(lo=MIN_CLASSES, hi=MAX_CLASSES))


# --------------------------------------------------------------------------- colours

def ramp_colours(ramp: str, n: int) -> List[str]:
    """n colours (hex) evenly spaced along a ramp, light to dark."""
    if ramp not in RAMPS:
        raise BoligsocialError(tr("Unknown colour ramp '{r}'; use one of {all}.").format(
            r=ramp, all=", ".join(RAMPS)))
    stops = [_rgb(c) for c in RAMPS[ramp]]
    if n <= 0:
        return []
    if n == 1:
        return [RAMPS[ramp][len(stops) // 2]]
    out = []
    for i in range(n):
        pos = i / (n - 1) * (len(stops) - 1)
        k = min(int(math.floor(pos)), len(stops) - 2)
        f = pos - k
        rgb = [round(a + (b - a) * f) for a, b in zip(stops[k], stops[k + 1])]
        out.append("#{:02x}{:02x}{:02x}".format(*rgb))
    return out


def _rgb(hex_colour: str) -> Tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def suppressed_label() -> str:
    """Legend entry of suppressed values (Danish: Diskretioneret)."""
    return tr("Suppressed")


def not_assessed_label() -> str:
    """Legend entry of areas without a category."""
    return tr("Not assessed")


def discretion_note(min_count: int) -> str:
    """The map's note on discretion."""
    return tr("Values based on fewer than {n} persons are suppressed (grey hatching); "
              "areas are never shown with a count below that.").format(n=min_count)


def method_label(method: str) -> str:
    """Readable name of a classification method for the report."""
    return {"jenks": tr("natural breaks (Jenks)"), "quantile": tr("quantiles (equal count)"),
            "equal": tr("equal intervals"), "pretty": tr("pretty breaks"),
            "law": tr("the law's thresholds")}.get(method, method)
