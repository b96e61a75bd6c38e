# SPDX-License-Identifier: GPL-2.0-or-later
"""Choropleth styling on a real indicator layer: classes, suppressed entry, saved styles."""
import os
import shutil
import sqlite3

import pytest
from qgis.core import (
    QgsApplication,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from boligsocial_plugin.core import choropleth
from boligsocial_plugin.maps import styling
from tests.helpers import grid_areas, persons_frame

FIELD = "outside_labour_val"
# 4 x 3 grid: A10 (30 residents) is below MIN_RESIDENTS, A11 (3) and A12 (0) are suppressed
COUNTS = [120, 80, 60, 30, 3, 0, 200, 150, 90, 70, 55, 400]


@pytest.fixture(scope="module")
def indicator_gpkg(provider, tmp_path_factory):
    """computeindicators output on a small grid (built once per module)."""
    import processing

    tmp = tmp_path_factory.mktemp("styling")
    areas = grid_areas(str(tmp / "areas.gpkg"), nx=4, ny=3)
    df = persons_frame(areas, COUNTS)
    df.drop(columns=["area_truth"]).to_csv(tmp / "persons.csv", index=False)
    ctx = QgsProcessingContext()
    res = processing.run("boligsocial:computeindicators", {
        "PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
        "OUTPUT": str(tmp / "ind.gpkg")}, context=ctx, feedback=QgsProcessingFeedback())
    return res["OUTPUT"], areas


@pytest.fixture
def layer_copy(indicator_gpkg, tmp_path):
    """A fresh copy of the indicator GeoPackage (tests write styles into it)."""
    src, _ = indicator_gpkg
    dst = str(tmp_path / "ind.gpkg")
    shutil.copy(src, dst)
    lyr = QgsVectorLayer(dst, "ind", "ogr")
    assert lyr.isValid()
    return lyr


def _published(layer, field=FIELD):
    flag = choropleth.flag_field_name(field)
    return [float(f[field]) for f in layer.getFeatures()
            if f[flag] == "" and f[field] is not None and str(f[field]) != "NULL"]


def _matching_rules(layer, feature):
    ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    ctx.setFeature(feature)
    hits = []
    for rule in layer.renderer().rootRule().children():
        e = QgsExpression(rule.filterExpression())
        if e.evaluate(ctx):
            hits.append(rule.label())
    return hits


def test_fixture_has_published_and_suppressed_areas(layer_copy):
    flags = [f["outside_labour_flag"] for f in layer_copy.getFeatures()]
    assert flags.count("") >= 6 and len(flags) - flags.count("") >= 2


@pytest.mark.parametrize("method,qgis_id", [("jenks", "Jenks"), ("quantile", "Quantile"),
                                            ("equal", "EqualInterval"), ("pretty", "Pretty")])
@pytest.mark.parametrize("n", [3, 4])
def test_classes_agree_with_qgis_on_published_values(layer_copy, method, qgis_id, n):
    ranges = styling.apply_choropleth(layer_copy, FIELD, method, n)
    values = _published(layer_copy)
    expected = QgsApplication.classificationMethodRegistry().method(qgis_id).classes(values, n)
    assert [(r.lower, r.upper) for r in ranges] == \
        pytest.approx([(c.lowerBound(), c.upperBound()) for c in expected])
    # computed from published values only: NULLs are not zeros
    assert ranges[0].lower == pytest.approx(min(values)) or method == "pretty"


def test_legend_has_one_entry_per_class_and_a_separate_suppressed_entry(layer_copy):
    ranges = styling.apply_choropleth(layer_copy, FIELD, "jenks", 4)
    labels = styling.legend_labels(layer_copy)
    assert labels == [r.label for r in ranges] + ["Suppressed"]
    assert all("%" in lab for lab in labels[:-1])


def test_every_feature_matches_exactly_one_rule(layer_copy):
    styling.apply_choropleth(layer_copy, FIELD, "quantile", 4)
    for f in layer_copy.getFeatures():
        hits = _matching_rules(layer_copy, f)
        assert len(hits) == 1, (f["area_id"], hits)
        suppressed = f["outside_labour_flag"] != ""
        assert (hits[0] == "Suppressed") == suppressed, f["area_id"]


def test_law_classes_on_the_indicator_layer(layer_copy):
    ranges = styling.apply_choropleth(layer_copy, FIELD, "law")
    assert [r.label for r in ranges] == ["≤ 30 %", "> 30 – 40 %", "> 40 %"]
    for f in layer_copy.getFeatures():
        hits = _matching_rules(layer_copy, f)
        v = f[FIELD]
        if f["outside_labour_flag"] == "":
            want = "≤ 30 %" if v <= 30 else ("> 30 – 40 %" if v <= 40 else "> 40 %")
            assert hits == [want]


def test_income_labels_in_kroner(layer_copy):
    ranges = styling.apply_choropleth(layer_copy, "income_val", "equal", 3)
    assert all(r.label.endswith(" kr.") for r in ranges)
    assert any("." in r.label.replace(" kr.", "") for r in ranges)  # thousands separator


def test_default_style_saved_in_geopackage_and_qml(layer_copy):
    styling.apply_choropleth(layer_copy, FIELD, "jenks", 4, ramp="cividis")
    saved = styling.save_default_style(layer_copy)
    gpkg = layer_copy.source().split("|")[0]
    qml = os.path.splitext(gpkg)[0] + ".qml"
    assert saved == [gpkg, qml]
    with sqlite3.connect(gpkg) as db:
        rows = db.execute("SELECT styleName, useAsDefault FROM layer_styles").fetchall()
    assert rows and rows[0][1] in (1, "1", True)
    with open(qml, encoding="utf-8") as f:
        assert FIELD in f.read()
    again = QgsVectorLayer(gpkg, "again", "ogr")  # loads the default style
    assert again.renderer().type() == "RuleRenderer"
    assert styling.style_settings(again)["field"] == FIELD
    assert styling.style_settings(again)["ramp"] == "cividis"
    assert styling.legend_labels(again) == styling.legend_labels(layer_copy)


def test_save_to_memory_layer_without_qml_saves_nothing(layer_copy):
    mem = layer_copy.materialize(QgsFeatureRequest())
    styling.apply_choropleth(mem, FIELD)
    assert styling.save_default_style(mem) == []


def test_categories_style(tmp_path):
    from tests.processing.test_exportmap import category_layer

    lyr = category_layer(str(tmp_path / "cat.gpkg"))
    styling.apply_categories(lyr)
    labels = styling.legend_labels(lyr)
    assert labels == ["Omdannelsesområde", "Parallelsamfund", "Udsat boligområde",
                      "Forebyggelsesområde", "No category", "Not assessed"]


def test_missing_field_is_refused(layer_copy):
    from boligsocial_plugin.core.errors import BoligsocialError

    with pytest.raises(BoligsocialError, match="no field"):
        styling.apply_style(layer_copy, "nope_val")


def test_style_output_styles_a_written_geopackage(layer_copy):
    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    dest = layer_copy.source()
    ctx.addLayerToLoadOnCompletion(dest, QgsProcessingContext.LayerDetails(
        "ind", QgsProject.instance(), "OUTPUT"))
    out = styling.style_output(dest, FIELD, ctx, QgsProcessingFeedback(), "quantile", 3)
    assert out is not None
    again = QgsVectorLayer(dest, "again", "ogr")
    assert styling.style_settings(again)["method"] == "quantile"
    pp = ctx.layerToLoadOnCompletionDetails(dest).postProcessor()
    assert pp is not None and styling._POSTPROCESSORS[dest] is pp
    # the post-processor styles the layer QGIS loads (here: one without default style)
    plain = QgsVectorLayer(dest, "plain", "ogr",
                           QgsVectorLayer.LayerOptions(loadDefaultStyle=False))
    assert plain.renderer().type() != "RuleRenderer"
    pp.postProcessLayer(plain, ctx, QgsProcessingFeedback())
    assert plain.renderer().type() == "RuleRenderer"


def test_stylechoropleth_on_a_geopackage_path(run_alg, layer_copy, tmp_path):
    path = layer_copy.source().split("|")[0]
    del layer_copy
    qml = str(tmp_path / "extra.qml")
    res = run_alg("stylechoropleth", {"INPUT": path, "FIELD": FIELD, "METHOD": "law",
                                      "RAMP": "ylorrd", "OUTPUT_QML": qml})
    assert path in res["SAVED_TO"] and os.path.exists(qml)
    again = QgsVectorLayer(path, "again", "ogr")
    assert styling.style_settings(again)["method"] == "law"
    assert styling.legend_labels(again)[-1] == "Suppressed"


def test_stylechoropleth_restyles_a_project_layer(run_alg, layer_copy):
    QgsProject.instance().addMapLayer(layer_copy)
    try:
        res = run_alg("stylechoropleth", {"INPUT": layer_copy.id(), "FIELD": "nonwestern_val",
                                          "METHOD": "equal", "CLASSES": 3,
                                          "SAVE_DEFAULT": False})
        assert res["OUTPUT"] == layer_copy.id()
        assert styling.style_settings(layer_copy)["field"] == "nonwestern_val"
        assert len(styling.legend_labels(layer_copy)) == 4
    finally:
        QgsProject.instance().removeMapLayer(layer_copy.id())


def test_stylechoropleth_enum_accepts_names_only(run_alg, layer_copy):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException):
        run_alg("stylechoropleth", {"INPUT": layer_copy.source(), "FIELD": FIELD,
                                    "METHOD": 1})


def test_a_flagged_value_counts_as_suppressed_even_when_not_null(layer_copy):
    # a hand-edited layer: flag S but the value left in place must not be drawn as data
    feats = {f["area_id"]: f for f in layer_copy.getFeatures()}
    target = feats["A00"]
    assert target["outside_labour_flag"] == "" and target[FIELD] is not None
    idx = layer_copy.fields().lookupField("outside_labour_flag")
    assert layer_copy.dataProvider().changeAttributeValues({target.id(): {idx: "S"}})
    ranges = styling.apply_choropleth(layer_copy, FIELD, "equal", 3)
    values = _published(layer_copy)
    assert len(values) == len([f for f in feats.values() if f["outside_labour_flag"] == ""]) - 1
    assert ranges[0].lower == pytest.approx(min(values))
    assert ranges[-1].upper == pytest.approx(max(values))
    f = next(layer_copy.getFeatures("\"area_id\" = 'A00'"))
    assert _matching_rules(layer_copy, f) == ["Suppressed"]


def test_saving_again_replaces_the_style_and_keeps_other_layers_styles(layer_copy):
    gpkg = layer_copy.source().split("|")[0]
    with sqlite3.connect(gpkg) as db:  # a second layer's style in the same GeoPackage
        db.execute("INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, "
                   "f_geometry_column, styleName, styleQML, styleSLD, useAsDefault, "
                   "description, owner, ui) VALUES ('', '', 'other', 'geom', ?, '<qgis/>', '', "
                   "1, '', '', '')", (styling.STYLE_NAME,))
    for method in ("jenks", "quantile"):  # the second save must not ask to overwrite
        styling.apply_choropleth(layer_copy, FIELD, method, 4)
        styling.save_default_style(layer_copy)
    with sqlite3.connect(gpkg) as db:
        rows = db.execute("SELECT f_table_name, styleName FROM layer_styles").fetchall()
    ours = [r for r in rows if r[0] != "other"]
    assert len(ours) == 1, rows
    assert ("other", styling.STYLE_NAME) in rows
