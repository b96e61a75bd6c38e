# SPDX-License-Identifier: GPL-2.0-or-later
"""A CSV written by QGIS's writer, rewritten in the user's form with the sink's field types."""
import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsVectorFileWriter,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate, QVariant

from boligsocial_plugin.core import csvformat
from boligsocial_plugin.qgis_io import csvout

ROWS = [["A1", "Fjordløkken", QDate(2025, 1, 1), 19, 10.9720074980113, "=1+1"],
        ["A2", "Ørnelund; Huse", QDate(2025, 1, 1), None, None, ""]]


def _written_by_qgis(path):
    fields = QgsFields()
    for name, kind in (("area_id", QVariant.String), ("area_name", QVariant.String),
                       ("ref_date", QVariant.Date), ("residents", QVariant.LongLong),
                       ("val", QVariant.Double), ("note", QVariant.String)):
        fields.append(QgsField(name, kind))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "CSV"
    options.fileEncoding = "UTF-8"
    writer = QgsVectorFileWriter.create(str(path), fields, QgsWkbTypes.NoGeometry,
                                        QgsCoordinateReferenceSystem(),
                                        QgsCoordinateTransformContext(), options)
    for row in ROWS:
        f = QgsFeature(fields)
        f.setAttributes(row)
        writer.addFeature(f)
    del writer
    return fields


@pytest.mark.parametrize("d, first", [
    (csvformat.DANISH_DIALECT, "A1;Fjordløkken;2025-01-01;19;10,9720074980113;'=1+1"),
    (csvformat.INTERNATIONAL_DIALECT, "A1,Fjordløkken,2025-01-01,19,10.9720074980113,'=1+1"),
])
def test_rewrite(tmp_path, d, first):
    path = tmp_path / "out.csv"
    fields = _written_by_qgis(path)
    assert b'2025/01/01,"19"' in path.read_bytes()  # what GDAL writes
    assert csvout.rewrite(str(path), fields, d) == 2
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") == d.bom
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == d.separator.join(["area_id", "area_name", "ref_date", "residents",
                                         "val", "note"])
    assert lines[1] == first
    sep = d.separator
    assert lines[2] == sep.join(["A2", '"Ørnelund; Huse"' if sep == ";" else "Ørnelund; Huse",
                                 "2025-01-01", "", "", ""])
