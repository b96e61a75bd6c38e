# SPDX-License-Identifier: GPL-2.0-or-later
"""CSV outputs in the form the user's spreadsheet expects: Danish or international.

- **Danish** (a Danish QGIS, or ``CSV_FORMAT=danish``): ``;`` between fields, ``,`` as the
  decimal mark, UTF-8 with a byte-order mark (without it Excel reads æ, ø, å as two
  characters each), so a double click opens the file in Danish Excel with numbers as numbers.
- **International** (any other language, or ``CSV_FORMAT=international``): ``,`` between fields,
  ``.`` as the decimal mark, UTF-8 without a byte-order mark (RFC 4180; what scripts expect).

Both: dates as ISO 8601 (``2025-01-01``), numbers never quoted and never in exponent form,
full precision (the shortest text that reads back as the same number), an empty cell for a
missing value, text quoted only when it holds the separator, a quote or a line break, and
text a spreadsheet would run as a formula written with a leading apostrophe (csvsafe; a
plain number held as text, such as ``-1200``, is no formula and stays as it is).
No QGIS: :func:`format_cell` is the rule for one value, :func:`format_columns` the same rule
on whole columns of text (pandas, vectorised: a million rows take seconds, not minutes).
"""
import csv
import datetime
import decimal
import io
import math
import re
from dataclasses import dataclass
from typing import Any, Iterable, List, Sequence

import pandas as pd

from boligsocial_plugin.core.csvsafe import FORMULA_START, escape_formula
from boligsocial_plugin.core.i18n import N_, tr

AUTO, DANISH, INTERNATIONAL = "auto", "danish", "international"
#: The values of the CSV_FORMAT parameter (stable: models and batch files use them).
CHOICES = (AUTO, DANISH, INTERNATIONAL)
#: Labels of the choices for the parameter's drop-down (translated when shown).
CHOICE_LABELS = (N_("Follow QGIS's language"),
                 N_("Danish (Excel): ; and decimal comma"),
                 N_("International: , and decimal point"))
#: Kinds of column: how a value is written.
INT, FLOAT, DATE, DATETIME, TEXT = "int", "float", "date", "datetime", "text"
#: A plain number held as text (e.g. a negative income in a text column): no formula.
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


@dataclass(frozen=True)
class CsvDialect:
    """Separator, decimal mark and byte-order mark of a CSV output."""

    separator: str
    decimal: str
    bom: bool

    @property
    def encoding(self) -> str:
        """Python codec name ('utf-8-sig' writes the byte-order mark)."""
        return "utf-8-sig" if self.bom else "utf-8"


DANISH_DIALECT = CsvDialect(";", ",", True)
INTERNATIONAL_DIALECT = CsvDialect(",", ".", False)


def dialect(choice: str, language: str) -> CsvDialect:
    """The dialect for a CSV_FORMAT choice; ``auto`` follows the UI language (da = Danish)."""
    if choice == DANISH or (choice in (AUTO, "", None) and (language or "")[:2] == "da"):
        return DANISH_DIALECT
    return INTERNATIONAL_DIALECT


def _number_text(value: float) -> str:
    """Positional, shortest round-trip text of a finite float ('0.1', '12', '-3.25')."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = format(decimal.Decimal(repr(float(value))), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _to_number(value: Any) -> Any:
    """A number from a value or its text (as another CSV writer wrote it); None if empty."""
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return int(value)
    text = str(value).strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return value  # not a number after all: written as text


def _iso(value: Any, with_time: bool) -> str:
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ") if with_time else value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    # other writers use 2025/01/01 (GDAL's CSV driver) or 2025-01-01T12:00:00
    if len(text) >= 10 and text[4] in "/-." and text[7] in "/-.":
        text = text[:4] + "-" + text[5:7] + "-" + text[8:10] + text[10:]
    if not with_time:
        return text[:10]
    return text.replace("T", " ", 1)


def format_cell(value: Any, kind: str, d: CsvDialect) -> str:
    """One cell as text of the dialect (not yet quoted); '' for a missing value."""
    if value is None or (isinstance(value, str) and not value.strip() and kind != TEXT):
        return ""
    if kind in (INT, FLOAT):
        number = _to_number(value)
        if number is None:
            return ""
        if isinstance(number, str):
            return escape_formula(number)
        if isinstance(number, float):
            if math.isnan(number):
                return ""
            if math.isinf(number):
                return "" if kind == INT else ("-" if number < 0 else "") + "inf"
            text = _number_text(number)
        else:
            text = str(int(number))
        return text.replace(".", d.decimal) if d.decimal != "." else text
    if kind in (DATE, DATETIME):
        return _iso(value, kind == DATETIME)
    text = str(value)
    return text if _PLAIN_NUMBER.match(text) else escape_formula(text)


def _number_column(col: pd.Series, kind: str, d: CsvDialect) -> pd.Series:
    """Numbers as another writer wrote them ('12.5', '19'): only the decimal mark changes;
    exponents, infinities and text where a number belongs go through format_cell."""
    special = col.str.contains(r"[^0-9.+-]", regex=True)
    out = col.str.replace(".", d.decimal, regex=False) \
        if kind == FLOAT and d.decimal != "." else col.copy()
    if special.any():
        out[special] = [format_cell(v, kind, d) for v in col[special]]
    return out


def format_columns(frame: pd.DataFrame, kinds: Sequence[str], d: CsvDialect) -> pd.DataFrame:
    """Columns of text as another CSV writer wrote them (empty = missing), in the dialect.

    The same result as :func:`format_cell` on every value, vectorised.
    """
    out = {}
    for name, kind in zip(frame.columns, kinds):
        col = frame[name].fillna("").astype(str)
        if kind in (INT, FLOAT):
            col = _number_column(col, kind, d)
        elif kind in (DATE, DATETIME):
            col = col.str.replace("/", "-", regex=False)
            col = col.str.slice(0, 10) if kind == DATE else col.str.replace("T", " ", n=1)
        else:
            risky = col.str.slice(0, 1).isin(FORMULA_START)
            if risky.any():
                col = col.copy()
                col[risky] = [format_cell(v, TEXT, d) for v in col[risky]]
        out[name] = col
    return pd.DataFrame(out, columns=list(frame.columns))


def write_csv(stream, header: Sequence[str], rows: Iterable[Sequence[Any]],
              kinds: Sequence[str], d: CsvDialect) -> int:
    """Write a header and rows to a text stream in the dialect; returns rows written.

    The stream is opened by the caller with ``newline=''`` and ``d.encoding``. Only text that
    needs it is quoted (a number never is: it holds no separator in its own dialect).
    """
    writer = csv.writer(stream, delimiter=d.separator, quotechar='"',
                        quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow([escape_formula(h) for h in header])
    n = 0
    for row in rows:
        writer.writerow([format_cell(v, k, d) for v, k in zip(row, kinds)])
        n += 1
    return n


def to_text(header: Sequence[str], rows: Iterable[Sequence[Any]], kinds: Sequence[str],
            d: CsvDialect) -> str:
    """The CSV as one string (tests, small tables)."""
    out = io.StringIO(newline="")
    write_csv(out, header, rows, kinds, d)
    return out.getvalue()


def choice_labels() -> List[str]:
    """Translated labels of :data:`CHOICES`, in the same order."""
    return [tr(label) for label in CHOICE_LABELS]
