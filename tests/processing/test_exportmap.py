# SPDX-License-Identifier: GPL-2.0-or-later
"""exportmap: the PNG shows classes and hatching where they belong; the PDF is one page."""
import re
import shutil
import subprocess

import pytest
from qgis.core import QgsField, QgsProcessingException, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor, QImage

from boligsocial_plugin.core import choropleth
from boligsocial_plugin.maps import styling
from tests.helpers import grid_areas, persons_frame

FIELD = "outside_labour_val"
COUNTS = [120, 80, 60, 30, 3, 0, 200, 150, 90, 70, 55, 400]
HAVE_POPPLER = shutil.which("pdfinfo") and shutil.which("pdftotext")


def category_layer(path: str) -> QgsVectorLayer:
    """A grid with a 'category' text column holding every category, NULL and a stray value."""
    grid_areas(path, nx=4, ny=2)
    lyr = QgsVectorLayer(path, "cat", "ogr")
    lyr.dataProvider().addAttributes([QgsField("category", QVariant.String)])
    lyr.updateFields()
    values = list(choropleth.CATEGORY_ORDER) + [None, "other", "udsat"]
    idx = lyr.fields().lookupField("category")
    lyr.dataProvider().changeAttributeValues(
        {f.id(): {idx: values[i]} for i, f in enumerate(lyr.getFeatures())})
    return QgsVectorLayer(path, "cat", "ogr")


@pytest.fixture(scope="module")
def indicators(provider, tmp_path_factory):
    """computeindicators output with two reference dates."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    tmp = tmp_path_factory.mktemp("exportmap")
    areas = grid_areas(str(tmp / "areas.gpkg"), nx=4, ny=3)
    df = persons_frame(areas, COUNTS, dates=("2024-01-01", "2025-01-01"))
    df.drop(columns=["area_truth"]).to_csv(tmp / "persons.csv", index=False)
    res = processing.run("boligsocial:computeindicators", {
        "PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
        "OUTPUT": str(tmp / "ind.gpkg")}, context=QgsProcessingContext(),
        feedback=QgsProcessingFeedback())
    return res["OUTPUT"], dict(areas)


def _rows(path, date="2025-01-01"):
    lyr = QgsVectorLayer(path, "x", "ogr")
    return {f["area_id"]: f for f in lyr.getFeatures()
            if f["ref_date"].toString("yyyy-MM-dd") == date}


def _pixel(img, world, x, y):
    px, _, _, py, x0, y0 = world
    return img.pixelColor(int(round((x - x0) / px)), int(round((y - y0) / py)))


def _world(png):
    with open(png[:-4] + ".pgw", encoding="ascii") as f:
        return [float(v) for v in f.read().split()]


@pytest.fixture(scope="module")
def exported(indicators, tmp_path_factory, provider):
    """One single-map export (PNG + PDF) of the latest date, jenks, 4 classes."""
    import processing

    path, _ = indicators
    tmp = tmp_path_factory.mktemp("out")
    res = processing.run("boligsocial:exportmap", {
        "INPUT": path, "FIELD": FIELD, "METHOD": "jenks", "CLASSES": 4,
        "TITLE": "Uden for arbejdsmarkedet", "MIN_COUNT": 5,
        "OUTPUT_PNG": str(tmp / "map.png"), "OUTPUT_PDF": str(tmp / "map.pdf")})
    return res


def test_png_shows_class_colours_and_hatching_where_expected(indicators, exported):
    path, bboxes = indicators
    img = QImage(exported["OUTPUT_PNG"])
    assert not img.isNull() and img.width() > 500
    world = _world(exported["OUTPUT_PNG"])
    rows = _rows(path)
    values = [f[FIELD] for f in rows.values() if f["outside_labour_flag"] == ""]
    lyr = QgsVectorLayer(path, "x", "ogr")
    lyr.setSubsetString("\"ref_date\" = '2025-01-01'")
    ranges = styling.classify(lyr, FIELD, "jenks", 4)
    colours = choropleth.ramp_colours(choropleth.DEFAULT_RAMP, len(ranges))
    seen = set()
    for aid, f in rows.items():
        xa, ya, xb, yb = bboxes[aid]
        cx, cy = (xa + xb) / 2, (ya + yb) / 2
        if f["outside_labour_flag"] == "":
            k = [i for i, r in enumerate(ranges) if r.contains(f[FIELD])]
            assert len(k) == 1
            got = _pixel(img, world, cx, cy)
            w = QColor(colours[k[0]])
            assert abs(got.red() - w.red()) + abs(got.green() - w.green()) + \
                abs(got.blue() - w.blue()) <= 6, (aid, got.name(), colours[k[0]])
            seen.add(k[0])
        else:
            # hatching: light grey fill and darker grey lines inside a small window
            greys = set()
            for dx in range(-40, 41, 2):
                c = _pixel(img, world, cx + dx * 5, cy + dx * 3)
                assert abs(c.red() - c.green()) < 12 and abs(c.green() - c.blue()) < 12, \
                    (aid, c.name())
                greys.add("light" if c.red() > 200 else ("dark" if c.red() < 170 else "mid"))
            assert {"light", "dark"} <= greys, (aid, greys)
    assert len(seen) >= 3 and len(values) >= 6


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_pdf_is_one_page_with_title_note_areas_and_no_small_counts(indicators, exported):
    path, _ = indicators
    pdf = exported["OUTPUT_PDF"]
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    # the metadata name the plugin, not the operating-system user
    author = re.search(r"^Author:\s*(.*)$", info, re.M)
    assert author and "Boligsocial" in author.group(1), info
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Uden for arbejdsmarkedet" in text
    assert "fewer than 5 persons are suppressed" in text
    rows = _rows(path)
    for aid in rows:
        assert "Område {} æøå".format(aid) in text
    lines = {aid: [ln for ln in text.splitlines() if "Område {} æøå".format(aid) in ln]
             for aid in rows}
    for aid, f in rows.items():
        line = lines[aid][-1]  # the table line (legend lines do not name areas)
        if f["outside_labour_flag"] != "":
            assert "suppressed" in line
        res = f["residents"]
        if res is None or str(res) == "NULL" or res < 5:
            assert line.rstrip().endswith("–"), line
        else:
            assert line.rstrip().endswith(choropleth.format_number(res, 0)), line
    # legend: the classes and one separate suppressed entry
    assert text.count("Suppressed") == 1


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_double_map_of_two_dates_shares_classes(run_alg, indicators, tmp_path):
    path, _ = indicators
    res = run_alg("exportmap", {"INPUT": path, "FIELD": FIELD, "REF_DATE": "2025-01-01",
                                "REF_DATE2": "2024-01-01", "METHOD": "quantile",
                                "CLASSES": 3, "OUTPUT_PNG": str(tmp_path / "d.png"),
                                "OUTPUT_PDF": str(tmp_path / "d.pdf")})
    text = subprocess.run(["pdftotext", "-layout", res["OUTPUT_PDF"], "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "2024-01-01" in text and "2025-01-01" in text
    assert text.count("Suppressed") == 1  # one shared legend
    img = QImage(res["OUTPUT_PNG"])
    assert img.width() == 1600 and not img.isNull()


@pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils not installed")
def test_double_map_of_two_fields_has_two_legends(run_alg, indicators, tmp_path):
    path, _ = indicators
    res = run_alg("exportmap", {"INPUT": path, "FIELD": FIELD, "FIELD2": "income_val",
                                "OUTPUT_PDF": str(tmp_path / "f.pdf"), "OUTPUT_PNG": None})
    text = subprocess.run(["pdftotext", "-layout", res["OUTPUT_PDF"], "-"],
                          capture_output=True, text=True, check=True).stdout
    assert text.count("Suppressed") == 2
    assert " kr." in text and " %" in text
    assert "OUTPUT_PNG" not in res or not res["OUTPUT_PNG"]


def test_category_map_renders_categories_and_not_assessed(run_alg, tmp_path):
    lyr = category_layer(str(tmp_path / "cat.gpkg"))
    res = run_alg("exportmap", {"INPUT": lyr.source(), "FIELD": "category",
                                "OUTPUT_PNG": str(tmp_path / "c.png"), "OUTPUT_PDF": None})
    img = QImage(res["OUTPUT_PNG"])
    world = _world(res["OUTPUT_PNG"])
    cells = grid_areas(str(tmp_path / "ref.gpkg"), nx=4, ny=2)
    values = list(choropleth.CATEGORY_ORDER) + [None, "other", "udsat"]
    for (aid, (xa, ya, xb, yb)), v in zip(cells, values):
        c = _pixel(img, world, (xa + xb) / 2 + 37, (ya + yb) / 2 + 11)
        if v in choropleth.CATEGORY_COLOURS:
            assert c.name() == choropleth.CATEGORY_COLOURS[v], (aid, v, c.name())
        else:
            assert abs(c.red() - c.green()) < 12 and abs(c.green() - c.blue()) < 12, aid


def test_user_layer_is_not_restyled(run_alg, indicators, tmp_path):
    path, _ = indicators
    lyr = QgsVectorLayer(path, "mine", "ogr", QgsVectorLayer.LayerOptions(
        loadDefaultStyle=False))
    QgsProject.instance().addMapLayer(lyr)
    try:
        before = lyr.renderer().type()
        run_alg("exportmap", {"INPUT": lyr.id(), "FIELD": FIELD,
                              "OUTPUT_PNG": str(tmp_path / "u.png"), "OUTPUT_PDF": None})
        assert lyr.renderer().type() == before
        assert styling.style_settings(lyr) is None
    finally:
        QgsProject.instance().removeMapLayer(lyr.id())


@pytest.mark.parametrize("params,match", [
    ({"REF_DATE": "2019-01-01"}, "2024-01-01, 2025-01-01"),
    ({"FIELD": "nope_val"}, "no field"),
    ({"METHOD": "law", "FIELD": "income_val"}, "no threshold"),
    ({"REF_DATE": "2025-01-01", "REF_DATE2": "2025-01-01"}, "repeat"),
])
def test_errors_say_what_to_fix(run_alg, indicators, tmp_path, params, match):
    path, _ = indicators
    p = {"INPUT": path, "FIELD": FIELD, "OUTPUT_PNG": str(tmp_path / "e.png"),
         "OUTPUT_PDF": None}
    p.update(params)
    with pytest.raises(QgsProcessingException, match=match):
        run_alg("exportmap", p)
