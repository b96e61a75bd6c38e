# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS attribute values: the one NULL test, dates as ISO text, values for the sinks."""
import math

import numpy as np
import pandas as pd
import pytest
from qgis.core import NULL
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

from boligsocial_plugin.qgis_io import values as v

DATE = QDate(2025, 1, 31)


@pytest.mark.parametrize("value, null, missing", [
    (None, True, True), (NULL, True, True), (QDate(), True, True),
    ("", False, True), ("NULL", False, True), (0, False, False), ("x", False, False),
    (DATE, False, False),
])
def test_null_and_missing(value, null, missing):
    assert v.is_null(value) is null
    assert v.is_missing(value) is missing


@pytest.mark.parametrize("value, plain, text", [
    (None, None, ""), (NULL, None, ""), (DATE, "2025-01-31", "2025-01-31"),
    (QDateTime(DATE, QTime(13, 5)), "2025-01-31", "2025-01-31"), (7, 7, "7"), ("a", "a", "a"),
])
def test_plain_and_text(value, plain, text):
    assert v.plain(value) == plain
    assert v.text(value) == text


def test_number():
    assert [v.number(x) for x in (NULL, "NULL", "", "x", float("nan"), "2,5")] == [None] * 6
    assert v.number("12.5") == 12.5 and v.number(3) == 3.0


def test_a_column_read_feature_by_feature():
    dates = v.qt_to_py(pd.Series([None, DATE, QDate(2024, 1, 1)], dtype=object))
    assert list(dates) == [None, "2025-01-31", "2024-01-01"]
    numbers = v.qt_to_py(pd.Series([1, None, 2.5], dtype=object))
    assert numbers.dtype.kind == "f" and math.isnan(numbers[1])
    mixed = pd.Series([1, "a"], dtype=object)
    assert v.qt_to_py(mixed) is mixed


@pytest.mark.parametrize("value, kind, expected", [
    (None, QVariant.Double, None), (np.nan, QVariant.Double, None), (pd.NA, QVariant.Int, None),
    ("2025-01-31", QVariant.Date, DATE), (np.int64(4), QVariant.LongLong, 4),
    ("x", QVariant.Int, None), (np.float64(1.5), QVariant.Double, 1.5), (12, QVariant.String, "12"),
])
def test_values_for_a_sink(value, kind, expected):
    assert v.py_value(value, kind) == expected
