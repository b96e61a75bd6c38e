# SPDX-License-Identifier: GPL-2.0-or-later
"""What an output field is called on screen and how many decimals it shows.

Output layers keep their stable English field names (README "Data model"); QGIS shows the
alias (Danish or English, in the UI language of the run) in the attribute table, forms and
identify results, and numbers rounded to the display decimals, while the data keep full
precision. One table for every algorithm: exact names first, then the patterns of indicator
and criteria layers (``C_val``, ``K_gap_L`` …) and of time series (``C_trend`` …), and last
``X_flag`` for any field X. A new algorithm with new fields adds them to :data:`EXACT` or
:data:`SUFFIXES`.
"""
from dataclasses import dataclass
from typing import Dict, Mapping, Optional, Sequence, Tuple

from boligsocial_plugin.core.i18n import N_, tr

#: (label, unit) of an indicator code.
IndicatorLabels = Mapping[str, Tuple[str, str]]


@dataclass(frozen=True)
class FieldInfo:
    """Alias shown instead of the field name, and display decimals (None: as stored)."""

    alias: str
    decimals: Optional[int] = None


#: Fields with a fixed meaning: name -> (label literal, display decimals).
EXACT: Dict[str, Tuple[str, Optional[int]]] = {
    "area_id": (N_("Area id"), None),
    "area_name": (N_("Area name"), None),
    "ref_date": (N_("Reference date"), None),
    "prev_date": (N_("Previous reference date"), None),
    "residents": (N_("Residents"), 0),
    "rule_set": (N_("Rule set"), None),
    "category": (N_("Category"), None),
    "category_certain": (N_("Category certain (1 = yes)"), None),
    "category_reason": (N_("Reason for the category"), None),
    "at_risk": (N_("At risk (1 = yes)"), None),
    "near_criteria": (N_("Criteria near the threshold"), None),
    "two_year": (N_("Two-year averages (1 = yes)"), None),
    "data_note": (N_("Note on the data"), None),
    "explanation": (N_("Explanation"), None),
    "region_id": (N_("Region"), None),
    "members": (N_("Areas in the region"), 0),
    "population": (N_("Residents of the region"), 0),
    "feasible": (N_("Reaches the minimum (1 = yes)"), None),
    "parent": (N_("Parent area"), None),
    "severity": (N_("Severity"), None),
    "problem": (N_("Problem"), None),
    "column": (N_("Column"), None),
    "count": (N_("Rows"), 0),
    "example_rows": (N_("Example rows"), None),
    "message": (N_("Message"), None),
    "person_id": (N_("Person key (pseudonym)"), None),
    "project_to": (N_("Projected to"), None),
    "projected_category": (N_("Projected category"), None),
    "warning": (N_("Warning"), None),
    # moves between areas (analysemoves)
    "from_date": (N_("From date"), None),
    "to_date": (N_("To date"), None),
    "residents_from": (N_("Residents on the from date"), 0),
    "residents_to": (N_("Residents on the to date"), 0),
    "stayers": (N_("Stayers"), 0),
    "in_movers": (N_("Moved in from other areas"), 0),
    "out_movers": (N_("Moved out to other areas"), 0),
    "in_from_outside": (N_("Came from outside the areas"), 0),
    "out_to_outside": (N_("Left the areas"), 0),
    "net": (N_("Net change of residents"), 0),
    "turnover": (N_("Came or left"), 0),
    "turnover_pct": (N_("Came or left per 100 residents"), 1),
    "from_focus": (N_("Moved in from the focus areas"), 0),
    "from_focus_pct": (N_("Share of in-movers from the focus areas (%)"), 1),
    "from_area": (N_("From area"), None),
    "to_area": (N_("To area"), None),
    "from_name": (N_("From area (name)"), None),
    "to_name": (N_("To area (name)"), None),
    "persons": (N_("Persons"), 0),
    "flag": (N_("Discretion flag"), None),
    "focus_origin": (N_("From a focus area (1 = yes)"), None),
    "from_group": (N_("From group"), None),
    "to_group": (N_("To group"), None),
    "projected_certain": (N_("Projected category certain (1 = yes)"), None),
    "trend_from": (N_("Trend from"), None),
    "trend_points": (N_("Snapshots in the trend"), 0),
    "first_date": (N_("First snapshot"), None),
    "figures_as_of": (N_("Oldest figure carried from"), None),
    "last_date": (N_("Last snapshot"), None),
}

#: Indicator-layer suffixes: suffix -> (template with {label}, kind of decimals).
SUFFIXES: Tuple[Tuple[str, str, str], ...] = (
    ("_num", N_("{label}: numerator"), "count"),
    ("_den", N_("{label}: denominator"), "count"),
    ("_val", N_("{label} ({unit})"), "value"),
    ("_first", N_("{label}: first ({unit})"), "value"),
    ("_last", N_("{label}: last ({unit})"), "value"),
    ("_change", N_("{label}: change ({unit})"), "value"),
    ("_trend", N_("{label}: trend per year ({unit})"), "value"),
    ("_projected", N_("{label}: projected ({unit})"), "value"),
    ("_in", N_("{label}: who came ({unit})"), "value"),
    ("_out", N_("{label}: who left ({unit})"), "value"),
    ("_stay", N_("{label}: who stayed ({unit})"), "value"),
)

#: Criteria keys of assesscriteria and their indicator codes (core/criteria KEYS).
CRITERIA_KEYS = ("outside", "convicted", "basic_edu", "income", "nonwestern")


def _decimals_for_unit(unit: str) -> int:
    """Percent one decimal (as the state's lists), kroner none, times two, else one."""
    return {"%": 1, "kr.": 0, "×": 2}.get(unit, 1)


def builtin_labels() -> Dict[str, Tuple[str, str]]:
    """(label, unit) of the built-in indicators, translated."""
    from boligsocial_plugin.core.indicators import builtin_indicators

    return {i.code: (i.label, i.unit) for i in builtin_indicators()}


def _list_name(code: str) -> str:
    return {"udsat": tr("udsat"), "forebyggelse": tr("forebyggelse")}.get(code, code)


def _criteria_field(name: str) -> Optional[FieldInfo]:
    """Fields of the criteria layer (assesscriteria): K_val, K_met_L, K_gap_L, … ."""
    from boligsocial_plugin.core.choropleth import UNIT_TIMES, field_label, field_unit

    for key in CRITERIA_KEYS:
        if not name.startswith(key + "_"):
            continue
        rest = name[len(key) + 1:]
        label = field_label(key + "_val", criteria=True)
        unit = field_unit(key + "_val", criteria=True)
        shown = label + (" (%)" if key in ("outside", "basic_edu", "nonwestern") else "")
        decimals = 2 if unit == UNIT_TIMES else 1
        if rest == "val":
            return FieldInfo(shown, decimals)
        if rest == "flag":
            return FieldInfo(tr("{label}: discretion flag").format(label=label))
        if rest in ("trend", "projected"):  # monitorcriteria
            text = N_("{label}: trend per year") if rest == "trend" else \
                N_("{label}: projected")
            return FieldInfo(tr(text).format(label=shown), decimals)
        for prefix, template, dec in (
                ("met_", N_("{label}: met, {list} (1 = yes)"), None),
                ("gap_", N_("{label}: distance to the threshold, {list}"), decimals),
                ("persons_", N_("{label}: persons to change, {list}"), 0),
                ("dkk_", N_("{label}: kr. to change, {list}"), 0)):
            if rest.startswith(prefix):
                return FieldInfo(tr(template).format(label=label,
                                                     list=_list_name(rest[len(prefix):])), dec)
    if name.startswith("criteria_met_"):
        return FieldInfo(tr("Criteria met, {list}").format(
            list=_list_name(name[len("criteria_met_"):])), None)
    return None


def _indicator_field(name: str, labels: IndicatorLabels) -> Optional[FieldInfo]:
    """Fields named after an indicator code: C_num, C_den, C_val, C_trend, … ."""
    for suffix, template, kind in SUFFIXES:
        if not name.endswith(suffix):
            continue
        code = name[:-len(suffix)]
        if code not in labels:
            continue
        label, unit = labels[code]
        if kind == "count":  # sums of full-time persons keep a decimal
            decimals = 1 if code == "outside_labour" and suffix == "_num" else 0
        else:
            decimals = _decimals_for_unit(unit)
        text = tr(template).format(label=label, unit=unit or "–")
        return FieldInfo(text.replace(" (–)", ""), decimals)
    return None


def field_info(name: str, labels: Optional[IndicatorLabels] = None, criteria: bool = False,
               known: Optional[Mapping[str, FieldInfo]] = None) -> Optional[FieldInfo]:
    """Alias and decimals of an output field; None for a field we know nothing about.

    ``labels`` maps indicator codes to (label, unit) (default: the built-in indicators);
    ``criteria`` says the layer is a criteria layer (its K_* fields are criteria);
    ``known`` holds what is already known about the layer's other fields (for ``X_flag``).
    """
    if name in EXACT:
        text, decimals = EXACT[name]
        return FieldInfo(tr(text), decimals)
    if criteria:
        info = _criteria_field(name)
        if info is not None:
            return info
    labels = builtin_labels() if labels is None else labels
    info = _indicator_field(name, labels)
    if info is not None:
        return info
    if name.endswith("_flag") and len(name) > 5:
        base = name[:-5]
        shown = known[base].alias if known and base in known else \
            labels[base][0] if base in labels else base
        return FieldInfo(tr("{label}: discretion flag").format(label=shown))
    return None


def layer_field_infos(names: Sequence[str],
                      extra_labels: Optional[IndicatorLabels] = None) -> Dict[str, FieldInfo]:
    """FieldInfo of every field of a layer we know; a criteria layer is recognised by its
    ``rule_set`` and ``category`` fields. ``extra_labels`` adds user-defined indicators."""
    labels = dict(builtin_labels())
    labels.update(extra_labels or {})
    criteria = "rule_set" in names and "category" in names
    out: Dict[str, FieldInfo] = {}
    flags = [n for n in names if n.endswith("_flag")]
    for n in [n for n in names if n not in flags] + flags:  # flags name their value field
        info = field_info(n, labels, criteria, out)
        if info is not None:
            out[n] = info
    return out
