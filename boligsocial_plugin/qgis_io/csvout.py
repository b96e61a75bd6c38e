# SPDX-License-Identifier: GPL-2.0-or-later
"""CSV outputs in the user's form (core/csvformat.py): QGIS writes the sink, we rewrite it.

QGIS's CSV writer (GDAL) always writes the international form with ``2025/01/01`` dates and
quoted numbers of integer fields; the base class of our algorithms calls :func:`rewrite` on
every CSV sink after the algorithm has closed it, with the sink's field types, so each column
is written as its type: numbers unquoted with the dialect's decimal mark, dates ISO.
"""
import csv
import os
from typing import List

import pandas as pd
from qgis.core import QgsFields
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core import csvformat
from boligsocial_plugin.core.csvformat import CsvDialect
from boligsocial_plugin.core.csvsafe import escape_formula

CHUNK = 200_000

_KINDS = {QVariant.Int: csvformat.INT, QVariant.UInt: csvformat.INT,
          QVariant.LongLong: csvformat.INT, QVariant.ULongLong: csvformat.INT,
          QVariant.Bool: csvformat.INT, QVariant.Double: csvformat.FLOAT,
          QVariant.Date: csvformat.DATE, QVariant.DateTime: csvformat.DATETIME}


def column_kinds(header: List[str], fields: QgsFields) -> List[str]:
    """The kind of each CSV column, from the sink's field of the same name (text if none)."""
    out = []
    for name in header:
        idx = fields.lookupField(name)
        out.append(_KINDS.get(fields.at(idx).type(), csvformat.TEXT) if idx >= 0
                   else csvformat.TEXT)
    return out


def rewrite(path: str, fields: QgsFields, dialect: CsvDialect, chunk: int = CHUNK) -> int:
    """Rewrite a CSV file written by QGIS in the dialect; returns the data rows written.

    Read and written in chunks of text (columns formatted vectorised), so a person-level
    output of a million rows takes seconds and little memory.
    """
    tmp = path + ".boligsocial.tmp"
    n = 0
    reader = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                         chunksize=chunk)
    with open(tmp, "w", encoding=dialect.encoding, newline="") as out:
        for i, frame in enumerate(reader):
            kinds = column_kinds(list(frame.columns), fields)
            if i == 0:
                csv.writer(out, delimiter=dialect.separator, lineterminator="\r\n").writerow(
                    [escape_formula(h) for h in frame.columns])
            formatted = csvformat.format_columns(frame, kinds, dialect)
            formatted.to_csv(out, sep=dialect.separator, header=False, index=False,
                             quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
            n += len(frame)
    if n == 0 and os.path.getsize(tmp) == 0:  # only a header: keep it as it was written
        with open(path, encoding="utf-8-sig", newline="") as src:
            header = next(csv.reader(src), [])
        with open(tmp, "w", encoding=dialect.encoding, newline="") as out:
            csv.writer(out, delimiter=dialect.separator, lineterminator="\r\n").writerow(
                [escape_formula(h) for h in header])
    os.replace(tmp, path)
    return n
