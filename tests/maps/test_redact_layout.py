# SPDX-License-Identifier: GPL-2.0-or-later
"""Nothing CPR-shaped on an exported page or in the PDF's metadata (labels, legend, tables)."""
import shutil
import subprocess

import pytest
from qgis.core import QgsPrintLayout, QgsProject, QgsVectorLayer

from boligsocial_plugin.maps import report

# built at run time so no CPR-shaped literal sits in the repository
CPR = "".join(["03", "04", "91"]) + "2468"
SPELLED = "03.04.91\u2013" + CPR[6:]


@pytest.fixture
def layout(qgis_app):
    project = QgsProject()
    meta = project.metadata()
    meta.setTitle("udtraek_" + CPR)
    project.setMetadata(meta)
    layer = QgsVectorLayer("Polygon?crs=EPSG:25832&field=n:integer", "borger_" + CPR, "memory")
    project.addMapLayer(layer)
    lay = QgsPrintLayout(project)
    lay.initializeDefaults()
    report._label(lay, "Source: udtraek_borger_{}.csv; {}".format(CPR, SPELLED), 10, 10, 200,
                  10, 9)
    report.layer_legend(lay, [layer], "Legend " + CPR, 10, 30, 80)
    report._table(lay, ["Area", "Name"], [["1", "cpr" + CPR], ["2", "Vest"]], 10, 80, 150, 40,
                  10)
    yield lay
    del lay
    project.clear()


def test_pdf_text_and_metadata_hold_no_cpr_number(layout, tmp_path):
    if not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        pytest.skip("poppler-utils is missing")
    path = str(tmp_path / "r.pdf")
    report.export_pdf(layout, path)
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True).stdout
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    raw = open(path, "rb").read().decode("latin-1")
    assert "udtraek_borger_xxxxxx-xxxx.csv" in text  # the label is there, redacted
    for where, content in (("text", text), ("metadata", info), ("file", raw)):
        assert CPR not in content.replace(" ", "") and CPR[6:] not in content, where
    assert report.PDF_AUTHOR in info
