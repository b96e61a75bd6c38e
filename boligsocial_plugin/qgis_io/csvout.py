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

from qgis.core import QgsFields
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core import csvformat
from boligsocial_plugin.core.csvformat import CsvDialect

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


def rewrite(path: str, fields: QgsFields, dialect: CsvDialect) -> int:
    """Rewrite a CSV file written by QGIS in the dialect; returns the data rows written."""
    tmp = path + ".boligsocial.tmp"
    with open(path, encoding="utf-8-sig", newline="") as src:
        reader = csv.reader(src)
        header = next(reader, None)
        if header is None:
            return 0
        kinds = column_kinds(header, fields)
        with open(tmp, "w", encoding=dialect.encoding, newline="") as out:
            n = csvformat.write_csv(out, header, reader, kinds, dialect)
    os.replace(tmp, path)
    return n
