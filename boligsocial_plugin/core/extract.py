# SPDX-License-Identifier: GPL-2.0-or-later
"""Checking person extracts: column matching, types, every problem (CSV files: csvread.py).

:func:`prepare` turns any table of person rows (pandas, all columns as read) into the typed
canonical extract and a list of :class:`Problem` s. ``validateextract`` reports the problems;
``computeindicators`` refuses the extract when any is blocking. The vectorised typing of a
column lives in core.columncodes, the person id column (codes, CPR shape, person keys) in
core.personids; this module decides what is a problem and how bad it is.
"""
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.columncodes import (
    ColumnData,
    categorical,
    factor,
    to_date,
    to_number,
)
from boligsocial_plugin.core.columns import ColumnTable
from boligsocial_plugin.core.datamodel import COLUMNS, direct_identifier_columns, match_columns
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.personids import cpr_shaped, person_keys
from boligsocial_plugin.core.problems import BLOCKING, INFO, WARNING, Problem, message

#: a table as prepare() gets it (both have ``columns``, ``len`` and ``table[name]``)
RawTable = Union[pd.DataFrame, ColumnTable]
MAX_EXAMPLES = 5


@dataclass
class Extract:
    """The typed canonical extract and what was found while preparing it."""

    data: pd.DataFrame
    mapping: Dict[str, str]
    problems: List[Problem]

    @property
    def blocking(self) -> List[Problem]:
        """Problems that stop computeindicators."""
        return [p for p in self.problems if p.severity == BLOCKING]


# --------------------------------------------------------------------------- preparing

def _all_located(raw: RawTable, mapping: Mapping[str, str]) -> bool:
    """Every row has numeric x and y (so an address key would not be used)."""
    if "x" not in mapping or "y" not in mapping:
        return False
    x, y = raw[mapping["x"]], raw[mapping["y"]]
    return bool(pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y) and
                pd.notna(x).all() and pd.notna(y).all())


def _rows(mask: np.ndarray) -> List[int]:
    return [int(i) + 1 for i in np.nonzero(mask)[0][:MAX_EXAMPLES]]


def prepare(raw: RawTable, explicit: Optional[Mapping[str, str]] = None,
            has_geometry: bool = False, needs_location: bool = True,
            extra_columns: Sequence[str] = ()) -> Extract:
    """Type the extract's known columns and collect every problem (nothing is dropped here).

    ``raw``: a DataFrame or a :class:`ColumnTable` (columns as read). ``has_geometry``: the
    persons come with point geometry (columns ``x``/``y`` filled by the reader). Rows with
    bad values are kept; problems say how many and which rows.
    """
    try:
        mapping = match_columns(raw.columns, explicit)
    except BoligsocialError as e:
        return Extract(pd.DataFrame(), {}, [Problem("columns", "", BLOCKING, 1, str(e))])
    problems = table_problems(raw, mapping, has_geometry, needs_location)
    located = "address_id" in mapping and (has_geometry or _all_located(raw, mapping))
    out: Dict[str, object] = {}
    for role, actual in mapping.items():
        if role == "household_id":
            continue  # not used by any indicator; never carried further
        if role == "address_id" and located:
            continue  # coordinates locate every person; the address key is not needed
        if role == "person_id":
            out[role], out["person_key"] = _person_id_column(role, actual, raw[actual],
                                                             problems)
            continue
        prepare_column = _COLUMN_KINDS.get(COLUMNS[role].kind, _number_column)
        out[role] = prepare_column(role, actual, raw[actual], problems)
    _add_extra_columns(raw, extra_columns, out)
    # no copy and no consolidation of the columns (seconds at a national extract)
    data = pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) else v)
                         for k, v in out.items()}, copy=False)
    problems += _row_problems(data)
    return Extract(data, mapping, problems)


def table_problems(raw: RawTable, mapping: Mapping[str, str], has_geometry: bool,
                    needs_location: bool) -> List[Problem]:
    """Problems of the table as a whole: no rows, required columns, location, identifiers."""
    problems: List[Problem] = []
    n = len(raw)
    if n == 0:
        problems.append(Problem("empty", "", BLOCKING, 0, message("empty")))
    for role in ("person_id", "ref_date", "age"):
        if role not in mapping:
            problems.append(Problem("missing_column", role, BLOCKING, n, message(
                "missing_column", col=role, alias=COLUMNS[role].alias)))
    if needs_location and not has_geometry and not ({"x", "y"} <= set(mapping)) and \
            "address_id" not in mapping:
        problems.append(Problem("missing_location", "x/y", BLOCKING, n,
                                message("missing_location")))
    ids = direct_identifier_columns(raw.columns)
    if ids:
        problems.append(Problem("direct_identifier", ", ".join(ids), WARNING, len(ids),
                                message("direct_identifier", cols=", ".join(ids))))
    return problems


def _cpr_problem(role: str, actual: str, cpr: np.ndarray) -> Problem:
    return Problem("cpr_shaped", role, BLOCKING, int(cpr.sum()), message(
        "cpr_shaped", n=int(cpr.sum()), col=actual), _rows(cpr))


def _person_id_column(role: str, actual: str, s: ColumnData,
                      problems: List[Problem]) -> Tuple[np.ndarray, np.ndarray]:
    """Person keys as integer codes (only compared, never carried to an output), and the
    64-bit person key of each row (core.personkeys; 0 = no key) for cell keys and the
    release register."""
    codes, cpr, _n_unique, keys_u = person_keys(s)
    if cpr.any():
        problems.append(_cpr_problem(role, actual, cpr))
    empty = codes < 0
    if empty.any():
        problems.append(Problem("missing_value", role, BLOCKING, int(empty.sum()), message(
            "missing_value:person_id", n=int(empty.sum()), col=actual), _rows(empty)))
    keys = np.where(codes >= 0, keys_u[np.maximum(codes, 0)] if len(keys_u) else 0, 0)
    return codes, keys.astype(np.uint64)


def _key_column(role: str, actual: str, s: ColumnData,
                problems: List[Problem]) -> pd.Categorical:
    """Ids and text as categories (empty text is missing); CPR-shaped ids are blocking."""
    codes, u = factor(s)
    if COLUMNS[role].kind == "id" and len(u):
        cpr_u = cpr_shaped(u.to_numpy(dtype=object))
        if cpr_u.any():
            problems.append(_cpr_problem(role, actual,
                                         (codes >= 0) & cpr_u[np.maximum(codes, 0)]))
    empty_u = np.asarray(u == "", dtype=bool)
    if empty_u.any():
        codes = np.where((codes >= 0) & empty_u[np.maximum(codes, 0)], -1, codes)
    return categorical(codes, u)


def _date_column(role: str, actual: str, s: ColumnData,
                 problems: List[Problem]) -> pd.Categorical:
    """Reference dates as ISO text categories; missing or unreadable dates are blocking."""
    codes, u = factor(s)
    d, bad_u = to_date(pd.Series(u, dtype=object))
    bad = (codes < 0) | bad_u[np.maximum(codes, 0)] if len(u) else codes < 0
    if bad.any():
        problems.append(Problem("bad_date", role, BLOCKING, int(bad.sum()), message(
            "bad_date", n=int(bad.sum()), col=actual), _rows(bad)))
    iso = pd.Index(d.fillna("").to_numpy(dtype=object))
    return categorical(np.where(bad, -1, codes), iso)


def _sex_column(role: str, actual: str, s: ColumnData,
                problems: List[Problem]) -> pd.Categorical:
    """Sex as M/K (F, W, 1, 2 translated); other codes count as unknown (a warning)."""
    codes, u = factor(s)
    u = u.str.upper().map(lambda v: {"F": "K", "W": "K", "1": "M", "2": "K"}.get(v, v))
    ok_u = pd.Index(u).isin(["M", "K"])
    bad = (codes >= 0) & ~ok_u[np.maximum(codes, 0)] if len(u) else codes < -1
    if bad.any():
        problems.append(Problem("unknown_code", role, WARNING, int(bad.sum()), message(
            "unknown_code", n=int(bad.sum()), col=actual), _rows(bad)))
    return categorical(np.where(bad, -1, codes), pd.Index(u))


def _number_column(role: str, actual: str, s: ColumnData,
                   problems: List[Problem]) -> np.ndarray:
    """Numbers (decimal comma accepted) checked for type, finiteness, range and gaps."""
    col = COLUMNS[role]
    num, bad = to_number(s)
    if bad.any():
        problems.append(Problem("wrong_type", role, BLOCKING, int(bad.sum()), message(
            "wrong_type", n=int(bad.sum()), col=actual), _rows(bad)))
    inf = np.isinf(num)
    if inf.any():
        problems.append(Problem("not_finite", role, BLOCKING, int(inf.sum()), message(
            "not_finite", n=int(inf.sum()), col=actual), _rows(inf)))
        num = np.where(inf, np.nan, num)
    _check_range(role, actual, num, problems)
    miss = np.isnan(num) & ~bad
    if col.kind == "coord" or not miss.any():
        return num
    if role != "basic_edu":
        sev = BLOCKING if col.required else WARNING
        problems.append(Problem("missing_value", role, sev, int(miss.sum()), message(
            "missing_value", n=int(miss.sum()), col=actual), _rows(miss)))
    else:
        problems.append(Problem("missing_value", role, INFO, int(miss.sum()), message(
            "missing_value:basic_edu", n=int(miss.sum())), _rows(miss)))
    return num


_COLUMN_KINDS = {"id": _key_column, "text": _key_column, "date": _date_column,
                 "sex": _sex_column}


def _add_extra_columns(raw: RawTable, extra_columns: Sequence[str],
                       out: Dict[str, object]) -> None:
    """Columns named by user-defined indicators: numbers when they all are, else categories."""
    lower = {str(c).strip().lower(): c for c in raw.columns}
    for name in extra_columns:
        key = str(name).strip().lower()
        if key in out or key not in lower or key in COLUMNS:
            continue
        num, bad = to_number(raw[lower[key]])
        out[key] = num if not bad.any() else categorical(*factor(raw[lower[key]]))


def _row_problems(data: pd.DataFrame) -> List[Problem]:
    """Problems across columns: a person twice on a date, rows without location."""
    problems: List[Problem] = []
    if "person_id" in data and "ref_date" in data and len(data):
        pc = data["person_id"].to_numpy().astype(np.int64)
        if pc.max() + 1 == len(pc):  # every row its own person
            dup = np.zeros(len(pc), dtype=bool)
        else:  # the same (date, person) twice; one integer per pair, -1 (missing) kept apart
            dc = data["ref_date"].cat.codes.to_numpy().astype(np.int64)
            pair = pc * (len(data["ref_date"].cat.categories) + 1) + (dc + 1)
            dup = pd.Series(pair).duplicated(keep="first").to_numpy() & (pc >= 0)
        if dup.any():
            problems.append(Problem("duplicate_person", "person_id", BLOCKING, int(dup.sum()),
                                    message("duplicate_person", n=int(dup.sum())), _rows(dup)))
    if {"x", "y"} <= set(data.columns):
        noloc = (np.isnan(data["x"].to_numpy()) | np.isnan(data["y"].to_numpy()))
        if "address_id" in data:
            noloc &= data["address_id"].isna().to_numpy()
        if noloc.any():
            problems.append(Problem("no_location", "x/y", WARNING, int(noloc.sum()),
                                    message("no_location", n=int(noloc.sum())), _rows(noloc)))
    return problems


def _check_range(role: str, actual: str, num: np.ndarray, problems: List[Problem]) -> None:
    col = COLUMNS[role]
    with np.errstate(invalid="ignore"):
        if col.kind == "binary":
            bad = ~np.isnan(num) & (num != 0) & (num != 1)
        elif col.kind == "int":
            bad = ~np.isnan(num) & ((num < col.lo) | (num > col.hi) | (num != np.round(num)))
        elif col.kind == "fraction":
            bad = ~np.isnan(num) & ((num < 0) | (num > 1))
        elif col.kind == "amount":
            bad = ~np.isnan(num) & ((num < col.lo) | (num > col.hi))
        else:
            return
    if bad.any():
        problems.append(Problem("out_of_range", role, BLOCKING, int(bad.sum()), message(
            "out_of_range:" + col.kind, n=int(bad.sum()), col=actual), _rows(bad)))


def problems_frame(problems: Sequence[Problem]) -> pd.DataFrame:
    """Problems as a table (severity, code, column, count, example rows, message)."""
    return pd.DataFrame({
        "severity": [p.severity for p in problems],
        "problem": [p.code for p in problems],
        "column": [p.column for p in problems],
        "count": [int(p.count) for p in problems],
        "example_rows": [", ".join(map(str, p.examples)) for p in problems],
        "message": [p.message for p in problems],
    })


def verdict(problems: Sequence[Problem]) -> str:
    """'blocking', 'warnings' or 'ok'."""
    if any(p.severity == BLOCKING for p in problems):
        return "blocking"
    if any(p.severity == WARNING for p in problems):
        return "warnings"
    return "ok"


def blocking_message(problems: Sequence[Problem]) -> str:
    """One message listing the blocking problems (for computeindicators' refusal)."""
    lines = [tr("The person extract has problems that must be fixed first "
                "(run 'Validate person extract' for the full list):")]
    for p in problems:
        if p.severity == BLOCKING:
            ex = tr(" (rows {rows})").format(rows=", ".join(map(str, p.examples))) \
                if p.examples else ""
            lines.append("- " + p.message + ex)
    return "\n".join(lines)
