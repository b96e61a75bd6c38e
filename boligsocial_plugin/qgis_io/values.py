# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS attribute values to and from plain Python: the NULL test, dates as ISO text, etc.

Every module outside ``core/`` that looks at a QGIS attribute goes through these helpers, so
NULL and dates are handled the same way everywhere.
"""
from typing import Any, Optional

import numpy as np
import pandas as pd
from qgis.PyQt.QtCore import QDate, QDateTime, QVariant

ISO_DATE = "yyyy-MM-dd"
#: how a NULL prints when a layer's text is read back (e.g. a CSV layer, str(NULL))
NULL_TEXT = "NULL"


def is_null(value: Any) -> bool:
    """True for None and QGIS NULL (a null QVariant, or an invalid QDate)."""
    return value is None or (hasattr(value, "isNull") and value.isNull())


def is_missing(value: Any) -> bool:
    """True for NULL and for the texts a layer shows for a missing value ('' and 'NULL')."""
    return is_null(value) or str(value) in ("", NULL_TEXT)


def iso_date(value: Any) -> Optional[str]:
    """A QDate or QDateTime as 'YYYY-MM-DD'; None for anything else."""
    if isinstance(value, (QDate, QDateTime)):
        return value.toString(ISO_DATE)
    return None


def plain(value: Any) -> Any:
    """A QGIS attribute as a plain Python value: NULL -> None, QDate -> ISO text, else as is."""
    if is_null(value):
        return None
    date = iso_date(value)
    return value if date is None else date


def text(value: Any) -> str:
    """A QGIS attribute as text: NULL -> '', QDate -> 'YYYY-MM-DD', else str(value)."""
    if is_null(value):
        return ""
    date = iso_date(value)
    return str(value) if date is None else date


def number(value: Any) -> Optional[float]:
    """A QGIS attribute as a float; None for NULL, values that are not numbers and NaN."""
    if is_missing(value):
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return None if np.isnan(x) else x


def qt_to_py(s: pd.Series) -> pd.Series:
    """A column read feature by feature: QDate/QDateTime to ISO text; numbers stay numbers."""
    first = next((v for v in s if v is not None), None)
    if first is None:
        return s
    if iso_date(first) is not None:
        return s.map(plain)
    if isinstance(first, (int, float)) and not isinstance(first, bool):
        return pd.to_numeric(s, errors="coerce") if all(
            v is None or isinstance(v, (int, float)) for v in s) else s
    return s


def py_value(v: Any, t: QVariant.Type) -> Any:
    """A numpy/pandas value as a QGIS attribute of type ``t`` (NULL for NaN/None)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if t == QVariant.Date:
        return QDate.fromString(str(v)[:10], ISO_DATE)
    if t in (QVariant.Int, QVariant.LongLong):
        try:
            return int(v)
        except (TypeError, ValueError):
            return None
    if t == QVariant.Double:
        fv = float(v)
        return None if np.isnan(fv) else fv
    return str(v)
