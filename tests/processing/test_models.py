# SPDX-License-Identifier: GPL-2.0-or-later
"""Our algorithms chained in a processing model (the shipped example model)."""
import importlib.util
import json
import os
import subprocess

import pandas as pd
import pytest
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingModelAlgorithm,
    QgsVectorLayer,
)

from tests.helpers import layer_frame

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = os.path.join(ROOT, "boligsocial_plugin", "models", "boligsocial_monitoring.model3")


def _refs(demo):
    with open(demo / "reference_values.json", encoding="utf-8") as f:
        return json.load(f)


def _make_model():
    spec = importlib.util.spec_from_file_location(
        "make_model", os.path.join(ROOT, "scripts", "make_model.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _shipped():
    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(MODEL)
    return model


def _gui_defaults(model, **required):
    """What the model's dialog starts with (temporary outputs), plus the given inputs."""
    params = {}
    for p in model.parameterDefinitions():
        if p.isDestination():
            params[p.name()] = QgsProcessing.TEMPORARY_OUTPUT
        elif p.defaultValueForGui() is not None:
            params[p.name()] = p.defaultValueForGui()
    params.update(required)
    return params


def test_make_model_declares_every_input_it_uses(provider):
    mod = _make_model()
    model = mod.build_model()
    assert mod.problems(model) == []
    declared = {p.name() for p in model.parameterDefinitions()}
    used = {src.parameterName() for c in model.childAlgorithms().values()
            for sources in c.parameterSources().values() for src in sources
            if src.source() == src.ModelParameter}
    assert used and used <= declared, used - declared
    assert set(model.parameterComponents()) <= declared


def test_make_model_finds_an_undeclared_input(provider):
    from qgis.core import QgsProcessingModelChildParameterSource as Src

    mod = _make_model()
    model = mod.build_model()
    model.childAlgorithm("report").addParameterSources("OUTPUT_PDF",
                                                       [Src.fromModelParameter("report")])
    assert any("undeclared model input 'report'" in p for p in mod.problems(model))


def test_shipped_model_validates_and_opens_in_the_modeler(provider, demo_data, tmp_path):
    from qgis.gui import QgsModelGraphicsScene
    from qgis.PyQt.QtGui import QImage

    model = _shipped()
    # an input without definition aborts QGIS 3.22 in createItems: check before drawing
    assert _make_model().problems(model) == [], "run scripts/make_model.py"
    ok, msg = model.checkParameterValues(_gui_defaults(
        model, persons=str(demo_data / "persons.gpkg"), areas=str(demo_data / "areas.gpkg")),
        QgsProcessingContext())
    assert ok, msg
    ok, msg = model.checkParameterValues(_gui_defaults(model), QgsProcessingContext())
    assert not ok  # persons and areas are required
    scene = QgsModelGraphicsScene()
    scene.setModel(model)
    scene.createItems(model, QgsProcessingContext())
    scene.selectAll()
    names = sorted(i.component().description() for i in scene.selectedComponentItems()
                   if i.component().description())
    assert names == sorted(["Validate person extract", "Compute indicators",
                            "Assess state criteria", "Export map and report", "Indicators",
                            "Criteria", "Report"])
    assert len(scene.selectedComponentItems()) == 7 + len(model.parameterComponents())
    png = tmp_path / "model.png"
    assert _make_model().render_png(model, str(png))
    img = QImage(str(png))
    assert img.width() > 600 and img.height() > 400


def test_shipped_model_runs_from_its_defaults_and_required_inputs(provider, demo_data,
                                                                  tmp_path):
    import processing

    model = _shipped()
    params = _gui_defaults(model, persons=str(demo_data / "persons.gpkg"),
                           areas=str(demo_data / "areas.gpkg"))
    assert set(params) - {p.name() for p in model.destinationParameterDefinitions()} == \
        {"persons", "areas", "area_id"}
    context = QgsProcessingContext()
    res = processing.run(model, params, context=context, feedback=QgsProcessingFeedback())
    ind, crit = (res[k] if isinstance(res[k], QgsVectorLayer) else
                 QgsVectorLayer(res[k], k, "ogr")
                 for k in ("indicators:Indicators", "criteria:Criteria"))
    assert ind.isValid() and crit.isValid()
    assert ind.featureCount() == 40 * 5  # every reference date of the extract
    got = layer_frame(crit)
    assert len(got) == 40
    # without the reference values the relative criteria are not assessable, never guessed
    assert got["income_val"].isna().all() and got["outside_val"].notna().any()
    assert os.path.getsize(res["report:Report"]) > 10000


def test_shipped_model_chains_our_algorithms(provider, demo_data, tmp_path):
    import processing

    model = _shipped()
    ids = {c.algorithmId() for c in model.childAlgorithms().values()}
    assert ids == {"boligsocial:validateextract", "boligsocial:computeindicators",
                   "boligsocial:assesscriteria", "boligsocial:exportmap"}
    refs = _refs(demo_data)
    res = processing.run(model, {
        "persons": str(demo_data / "persons_dk.csv"), "areas": str(demo_data / "areas.gpkg"),
        "area_id": "area_id", "ref_date": "2025-01-01",
        "conviction_rate": refs["national_conviction_rate"],
        "mean_income": refs["regional_mean_income"], "report:Report": str(tmp_path / "r.pdf"),
        "indicators:Indicators": str(tmp_path / "ind.gpkg"),
        "criteria:Criteria": str(tmp_path / "crit.gpkg")},
        context=QgsProcessingContext(), feedback=QgsProcessingFeedback())
    ind = QgsVectorLayer(res["indicators:Indicators"], "i", "ogr")
    crit = QgsVectorLayer(res["criteria:Criteria"], "c", "ogr")
    assert ind.isValid() and crit.isValid()
    assert ind.featureCount() == crit.featureCount() == 40
    assert ind.renderer().type() == "RuleRenderer"  # styled inside the model run
    exp = pd.read_csv(demo_data / "expected_categories.csv")
    got = layer_frame(crit)[["area_id", "category"]].merge(exp, on="area_id")
    assert (got["category"] == got["expected_category_2021"]).all()
    assert (tmp_path / "r.pdf").stat().st_size > 10000


@pytest.mark.slow
def test_shipped_model_runs_in_qgis_process(demo_data, tmp_path):
    refs = _refs(demo_data)
    env = dict(os.environ, BOLIGSOCIAL_QGIS_CONFIG=str(tmp_path / "cfg"))
    r = subprocess.run([os.path.join(ROOT, "scripts", "qgis_process.sh"), "run", MODEL, "--json",
                        "--", "persons={}".format(demo_data / "persons.gpkg"),
                        "areas={}".format(demo_data / "areas.gpkg"), "area_id=area_id",
                        "conviction_rate={}".format(refs["national_conviction_rate"]),
                        "mean_income={}".format(refs["regional_mean_income"]),
                        "report:Report={}".format(tmp_path / "r.pdf"),
                        "indicators:Indicators={}".format(tmp_path / "ind.gpkg"),
                        "criteria:Criteria={}".format(tmp_path / "crit.gpkg")],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    results = json.loads(r.stdout)["results"]
    assert os.path.exists(results["criteria:Criteria"])
    assert (tmp_path / "r.pdf").exists()
