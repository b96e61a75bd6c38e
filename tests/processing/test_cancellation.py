# SPDX-License-Identifier: GPL-2.0-or-later
"""One cancellation rule for every algorithm: a cancelled run raises, never reports success,
and the audit log records it as 'cancelled' (never 'ok')."""
import json

import pandas as pd
import pytest
from qgis.core import QgsProcessingException, QgsProcessingFeedback

from tests.helpers import grid_areas, persons_frame

KEY = "test-key-" + "c" * 40


class CancelWhen(QgsProcessingFeedback):
    """Feedback that cancels itself when the algorithm reports a step containing ``text``."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text
        self.steps = []

    def setProgressText(self, text):  # noqa: N802 - QGIS API
        self.steps.append(text)
        super().setProgressText(text)
        if self.text in text:
            self.cancel()


@pytest.fixture
def audit_log(tmp_path, monkeypatch):
    """The audit log of this test (its entries as dicts)."""
    log = tmp_path / "audit" / "audit.jsonl"
    monkeypatch.setenv("BOLIGSOCIAL_AUDIT_LOG", str(log))
    return lambda: [json.loads(line) for line in log.read_text().splitlines()]


@pytest.fixture
def data(tmp_path):
    """Areas, a person extract (two dates) and a pseudonymisation input with CPR numbers."""
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [60, 50, 40, 30, 20, 10], dates=("2024-01-01", "2025-01-01"))
    df.drop(columns=["area_truth"]).to_csv(tmp_path / "persons.csv", index=False)
    raw = df.drop(columns=["area_truth"]).copy()
    ids = {p: "{:02d}0190-{:04d}".format(1 + i % 28, i) for i, p in
           enumerate(raw["person_id"].unique())}
    raw.insert(0, "cpr", raw.pop("person_id").map(ids))
    raw.to_csv(tmp_path / "cpr.csv", index=False)
    (tmp_path / "key.txt").write_text(KEY)
    pd.DataFrame({"area_id": ["A1", "A2"], "men": [40, 3], "women": [45, 50],
                  "total": [85, 53]}).to_csv(tmp_path / "table.csv", index=False)
    return tmp_path


def _params(alg, tmp):
    areas = {"AREAS": str(tmp / "areas.gpkg"), "AREA_ID_FIELD": "area_id"}
    persons = {"PERSONS": str(tmp / "persons.csv")}
    return {
        "computeindicators": dict(persons, **areas, OUTPUT=str(tmp / "ind.gpkg")),
        "assesscriteria": dict(persons, **areas, NATIONAL_CONVICTION_RATE=1.0,
                               REGIONAL_MEAN_INCOME=300000, OUTPUT=str(tmp / "crit.gpkg")),
        "validateextract": dict(persons, OUTPUT=str(tmp / "problems.csv")),
        "pseudonymise": {"PERSONS": str(tmp / "cpr.csv"), "ID_FIELD": "cpr",
                         "KEY_FILE": str(tmp / "key.txt"), "OUTPUT": str(tmp / "pseudo.gpkg")},
        "mergesmallareas": dict(persons, **areas, MINIMUM=100, OUTPUT=str(tmp / "reg.gpkg"),
                                OUTPUT_MEMBERS=str(tmp / "members.csv")),
        "applydiscretion": {"INPUT": str(tmp / "table.csv"), "COUNT_FIELDS": ["men", "women"],
                            "TOTAL_FIELD": "total", "OUTPUT": str(tmp / "protected.csv")},
        "analysemoves": dict(persons, **areas, OUTPUT=str(tmp / "moves.gpkg"),
                             FLOWS=str(tmp / "flows.gpkg")),
    }[alg]


@pytest.mark.parametrize("alg", ["computeindicators", "assesscriteria", "validateextract",
                                 "pseudonymise", "mergesmallareas", "applydiscretion",
                                 "analysemoves"])
def test_a_cancelled_run_raises_and_is_logged_cancelled(run_alg, data, audit_log, alg):
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(alg, _params(alg, data), feedback=feedback)
    entry = audit_log()[-1]
    assert entry["algorithm"] == "boligsocial:" + alg
    assert entry["outcome"] == "cancelled"
    assert "Cancelled" in entry["error"]


@pytest.mark.parametrize("alg", ["computeindicators", "pseudonymise", "applydiscretion"])
def test_the_same_run_without_cancel_is_ok(run_alg, data, audit_log, alg):
    res = run_alg(alg, _params(alg, data))
    assert res["OUTPUT"]
    assert audit_log()[-1]["outcome"] == "ok"


def test_pseudonymise_cancelled_while_writing_reports_no_output(run_alg, data, audit_log):
    """The old behaviour stopped writing and returned the partial output as a success."""
    feedback = CancelWhen("Writing")
    with pytest.raises(QgsProcessingException, match="incomplete"):
        run_alg("pseudonymise", _params("pseudonymise", data), feedback=feedback)
    assert any("Writing" in s for s in feedback.steps)  # it got as far as writing
    assert [e["outcome"] for e in audit_log()] == ["cancelled"]


def test_computeindicators_cancelled_while_joining(run_alg, data, audit_log):
    feedback = CancelWhen("Joining")
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("computeindicators", _params("computeindicators", data), feedback=feedback)
    assert audit_log()[-1]["outcome"] == "cancelled"


@pytest.mark.parametrize("alg", ["stylechoropleth", "exportmap"])
def test_map_algorithms_cancelled_raise_too(run_alg, data, audit_log, alg):
    layer = run_alg("computeindicators", _params("computeindicators", data))["OUTPUT"]
    params = {"INPUT": layer, "FIELD": "nonwestern_val"}
    if alg == "exportmap":
        params.update(OUTPUT_PNG=str(data / "map.png"), OUTPUT_PDF=str(data / "map.pdf"))
    feedback = QgsProcessingFeedback()
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(alg, params, feedback=feedback)
    assert [e["outcome"] for e in audit_log()] == ["ok", "cancelled"]
