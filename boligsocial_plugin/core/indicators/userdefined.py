# SPDX-License-Identifier: GPL-2.0-or-later
"""User-defined indicators: reading their JSON definitions (see indicator_catalogue.json)."""
import json
from typing import Any, List, Optional, Sequence, Set

from boligsocial_plugin.core.datamodel import COLUMNS
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators.definitions import (
    CODE_RE,
    KINDS,
    OPS,
    Condition,
    Indicator,
    builtin_indicators,
)


def parse_user_indicators(text: str, known_columns: Sequence[str]) -> List[Indicator]:
    """Parse user-defined indicators from JSON text (a list of objects, see the catalogue).

    Each object: ``code``, ``type`` (share/mean/count), ``label``, and either ``value``
    (a 0/1 or numeric column to sum) or ``condition`` (``{"column", "op", "value"}``),
    optional population ``age_min``, ``age_max``, ``sex`` (M/K) and ``where`` (a list of
    conditions). Nothing is evaluated as code.
    """
    try:
        data = json.loads(text)
    except ValueError as e:
        raise BoligsocialError(tr("The indicator definition file is not valid JSON: {err}. "
                                  "Start from indicator_catalogue.json.").format(err=e)) from e
    if isinstance(data, dict):
        data = data.get("indicators", [])
    if not isinstance(data, list):
        raise BoligsocialError(tr("The indicator definition file must hold a list of "
                                  "indicators."))
    known = set(known_columns)
    taken = {i.code for i in builtin_indicators()}
    out: List[Indicator] = []
    for n, d in enumerate(data, start=1):
        ind = _parse_indicator(d, tr("indicator no. {n}").format(n=n), taken)
        unknown = [c for c in ind.columns() if c not in known and c not in COLUMNS]
        if unknown:
            raise BoligsocialError(tr("Indicator '{code}' uses the column(s) {cols}, which are "
                                      "neither in the extract nor in the data model. Check the "
                                      "spelling.").format(code=ind.code, cols=", ".join(unknown)))
        taken.add(ind.code)
        out.append(ind)
    return out


def _parse_indicator(d: Any, where: str, taken: Set[str]) -> Indicator:
    """One indicator object (``taken``: the codes of built-in and earlier indicators)."""
    if not isinstance(d, dict):
        raise BoligsocialError(tr("{where}: must be an object with code, type and value "
                                  "or condition.").format(where=where))
    code = str(d.get("code", "")).strip()
    if not CODE_RE.match(code):
        raise BoligsocialError(tr("{where}: the code '{code}' must start with a letter and "
                                  "hold only a-z, 0-9 and _ (at most 31 characters)."
                                  ).format(where=where, code=code))
    if code in taken:
        raise BoligsocialError(tr("{where}: the code '{code}' is used twice or is a "
                                  "built-in indicator; choose another code."
                                  ).format(where=where, code=code))
    kind = str(d.get("type", "share")).strip().lower()
    if kind not in KINDS:
        raise BoligsocialError(tr("{where}: type '{kind}' is unknown; use share, mean or "
                                  "count.").format(where=where, kind=kind))
    value = str(d["value"]).strip().lower() if d.get("value") is not None else None
    cond = _parse_condition(d["condition"], where) if d.get("condition") else None
    if (value is None) == (cond is None):
        raise BoligsocialError(tr("{where}: give either 'value' (a column to sum) or "
                                  "'condition', not both and not neither.").format(where=where))
    conds = [_parse_condition(c, where) for c in d.get("where", []) or []]
    if d.get("sex"):
        sex = str(d["sex"]).upper()
        if sex not in ("M", "K"):
            raise BoligsocialError(tr("{where}: sex must be M or K.").format(where=where))
        conds.append(Condition("sex", "==", sex))
    return Indicator(code, kind, str(d.get("label", code)), value=value, condition=cond,
                     age_min=_int_or_none(d.get("age_min"), where),
                     age_max=_int_or_none(d.get("age_max"), where), where=tuple(conds),
                     unit=str(d.get("unit", "%" if kind == "share" else "")),
                     source=str(d.get("source", "")))


def _int_or_none(v: Any, where: str) -> Optional[int]:
    """An age limit: a whole number or None (missing or empty)."""
    if v is None or v == "":
        return None
    try:
        return int(v)
    except (TypeError, ValueError):
        raise BoligsocialError(tr("{where}: age limits must be whole numbers, not '{v}'."
                                  ).format(where=where, v=v)) from None


def _parse_condition(d: Any, where: str) -> Condition:
    """One condition object ``{"column", "op", "value"}``, its value checked for the op."""
    if not isinstance(d, dict) or "column" not in d:
        raise BoligsocialError(tr("{where}: a condition needs 'column', 'op' and 'value'."
                                  ).format(where=where))
    op = str(d.get("op", "==")).strip()
    if op not in OPS:
        raise BoligsocialError(tr("{where}: the operator '{op}' is not allowed; use one of "
                                  "{ops}.").format(where=where, op=op, ops=" ".join(OPS)))
    column = str(d["column"]).strip().lower()
    raw: Any = d.get("value")
    if op in ("notnull", "isnull"):
        return Condition(column, op, raw if isinstance(raw, (bool, int, float, str)) else None)
    if op == "in":
        if not isinstance(raw, list):
            raise BoligsocialError(tr("{where}: 'in' needs a list of values."
                                      ).format(where=where))
        return Condition(column, op, tuple(raw))
    if op in ("<", "<=", ">", ">="):
        try:
            return Condition(column, op, float(raw))
        except (TypeError, ValueError):
            raise BoligsocialError(tr("{where}: '{op}' needs a number, not '{v}'."
                                      ).format(where=where, op=op, v=raw)) from None
    if not isinstance(raw, (bool, int, float, str)):  # == and != compare one value
        raise BoligsocialError(tr("{where}: '{op}' needs one number or text as its value, "
                                  "not '{v}'.").format(where=where, op=op, v=raw))
    return Condition(column, op, raw)
