# SPDX-License-Identifier: GPL-2.0-or-later
"""Spreadsheet-safe text for CSV outputs (CSV/formula injection, OWASP).

A cell starting with = + - @ (or a tab or carriage return followed by one) is run as a formula
when the CSV is opened in Excel or LibreOffice (e.g. ``=cmd|' /C calc'!A0``). Text cells that
may carry content from an input file are written with a leading apostrophe instead, which the
spreadsheet shows as plain text. Numbers are written as numbers and never escaped.
"""
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: Any) -> Any:
    """The text with a leading apostrophe when a spreadsheet would read it as a formula."""
    if isinstance(text, str) and text.startswith(FORMULA_START):
        return "'" + text
    return text
