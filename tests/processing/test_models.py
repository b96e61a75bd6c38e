# SPDX-License-Identifier: GPL-2.0-or-later
"""Our algorithms chained in a processing model (the shipped example model)."""
import json
import os
import subprocess

import pandas as pd
import pytest
from qgis.core import (
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


def test_shipped_model_chains_our_algorithms(provider, demo_data, tmp_path):
    import processing

    model = QgsProcessingModelAlgorithm()
    assert model.fromFile(MODEL)
    ids = {c.algorithmId() for c in model.childAlgorithms().values()}
    assert ids == {"boligsocial:validateextract", "boligsocial:computeindicators",
                   "boligsocial:assesscriteria", "boligsocial:exportmap"}
    refs = _refs(demo_data)
    res = processing.run(model, {
        "persons": str(demo_data / "persons_dk.csv"), "areas": str(demo_data / "areas.gpkg"),
        "area_id": "area_id", "ref_date": "2025-01-01",
        "conviction_rate": refs["national_conviction_rate"],
        "mean_income": refs["regional_mean_income"], "report": str(tmp_path / "r.pdf"),
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
                        "report={}".format(tmp_path / "r.pdf"),
                        "indicators:Indicators={}".format(tmp_path / "ind.gpkg"),
                        "criteria:Criteria={}".format(tmp_path / "crit.gpkg")],
                       capture_output=True, text=True, env=env, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    results = json.loads(r.stdout)["results"]
    assert os.path.exists(results["criteria:Criteria"])
    assert (tmp_path / "r.pdf").exists()
