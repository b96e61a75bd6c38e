# SPDX-License-Identifier: GPL-2.0-or-later
"""analysemoves end to end (processing.run and qgis_process) on designed moves with known truth,
with the leak checks every publishable output gets."""
import os
import sqlite3
import subprocess

import numpy as np
import pandas as pd
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.core.test_moves import BIG, D0, D1, designed, truth_counts
from tests.helpers import grid_areas
from tests.test_leaks import _fake_cpr, assert_no_identifiers, gpkg_rows, gpkg_text

# the designed squares A (0,0), B (1,0), C (0,1), D (1,1) as grid_areas names them
GRID = {"A": "A00", "B": "A10", "C": "A01", "D": "A11"}
COUNTS = ("residents_from", "residents_to", "stayers", "in_movers", "out_movers",
          "in_from_outside", "out_to_outside", "turnover")


@pytest.fixture(scope="module")
def moves_data(tmp_path_factory):
    """Areas and an extract with known moves; person ids look like pseudonyms."""
    import hashlib

    tmp = tmp_path_factory.mktemp("moves")
    grid_areas(str(tmp / "areas.gpkg"), nx=2, ny=2, size=1000.0, x0=0.0, y0=0.0)
    df = designed(0, BIG)
    df["person_id"] = [hashlib.sha256(p.encode()).hexdigest()[:32] for p in df["pid"]]
    rng = np.random.default_rng(7)
    cprs = {p: _fake_cpr(rng) for p in df["person_id"].unique()}
    df["cpr"] = df["person_id"].map(cprs)  # left-over columns that must never reach an output
    df["navn"] = "Navn-" + df["pid"]
    out = df[["person_id", "ref_date", "x", "y", "age", "nonwestern", "outside_fte",
              "basic_edu", "gross_income", "student", "taxpayer", "cpr", "navn"]]
    out.to_csv(tmp / "persons.csv", index=False)
    return tmp, df


def _params(tmp, **kw):
    p = {"PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
         "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name", "MIN_RESIDENTS": 20,
         "PERTURBATION": "off", "OUTPUT": str(tmp / "moves.gpkg"),
         "FLOWS": str(tmp / "flows.gpkg")}
    p.update(kw)
    return p


def _rows(path):
    lyr = QgsVectorLayer(path, "x", "ogr")
    assert lyr.isValid(), path
    return lyr, [f for f in lyr.getFeatures()]


def test_counts_equal_the_design_and_flows_are_lines(run_alg, moves_data):
    tmp, _df = moves_data
    res = run_alg("analysemoves", _params(tmp))
    lyr, feats = _rows(res["OUTPUT"])
    truth = truth_counts(BIG)
    inv = {v: k for k, v in GRID.items()}
    assert len(feats) == 4
    published = 0
    for f in feats:
        a = inv[f["area_id"]]
        assert f["from_date"].toString("yyyy-MM-dd") == D0
        assert f["to_date"].toString("yyyy-MM-dd") == D1
        for k in COUNTS[:-1]:
            v = f[k]
            if v is None or str(v) == "NULL":
                assert f[k + "_flag"] in ("P", "S", "A")
                continue
            assert f[k + "_flag"] == ""
            assert v == truth[a][k], (a, k)
            published += 1
        if f["residents_from"] is not None and f["residents_to"] is not None:
            assert f["net"] == f["residents_to"] - f["residents_from"]
    assert published >= 8
    flyr, flows = _rows(res["FLOWS"])
    assert flyr.geometryType() == 1  # lines
    pairs = {(f["from_area"], f["to_area"]): f for f in flows}
    moved = {("A00", "A10"), ("A00", "A01"), ("A00", "A11"), ("A10", "A00"),
             ("A11", "A00"), ("A10", "A01"), ("A01", "A10"), ("A11", "A10")}
    # only published flows are listed: the small flow A00 -> A11 (hidden) has no row, so
    # the layer does not say that somebody moved there
    assert set(pairs) < moved and ("A00", "A11") not in pairs
    assert all(f["flag"] == "" and f["persons"] is not None and str(f["persons"]) != "NULL"
               for f in flows)
    assert res["FLOWS_PUBLISHED"] == len(flows)
    for f in flows:
        g = f.geometry()
        assert g.constGet().numPoints() == 3  # a curve: start, bend, end
    # the flow map style is stored in the output (qgis_process runs no post-processors)
    con = sqlite3.connect(res["FLOWS"])
    qml = con.execute("select styleQML from layer_styles").fetchone()[0]
    con.close()
    assert "ArrowLine" in qml and "&quot;persons&quot; IS NOT NULL" in qml
    assert res["FLOWS_PUBLISHED"] + res["FLOWS_SUPPRESSED"] == 8


def test_profiles_focus_groups_map_and_report(run_alg, moves_data, tmp_path):
    tmp, _df = moves_data
    res = run_alg("analysemoves", _params(
        tmp, FOCUS_AREAS="A00", GROUP_FIELD="area_name", OUTPUT=str(tmp_path / "m.gpkg"),
        FLOWS=str(tmp_path / "f.gpkg"), GROUP_FLOWS=str(tmp_path / "g.csv"),
        OUTPUT_PNG=str(tmp_path / "map.png"), OUTPUT_PDF=str(tmp_path / "report.pdf"),
        PROFILE_INDICATORS="outside_labour,income"))
    lyr, feats = _rows(res["OUTPUT"])
    names = lyr.fields().names()
    for c in ("outside_labour_in", "outside_labour_out", "outside_labour_stay",
              "income_in_flag", "from_focus", "from_focus_flag", "from_focus_pct"):
        assert c in names
    assert "nonwestern_in" not in names
    a = next(f for f in feats if f["area_id"] == "A00")
    assert a["outside_labour_stay_flag"] in ("", "S", "A", "P")
    b = next(f for f in feats if f["area_id"] == "A10")
    if b["from_focus_flag"] == "":
        assert b["from_focus"] == 36
    groups = pd.read_csv(res["GROUP_FLOWS"], sep=None, engine="python")
    assert {"from_group", "to_group", "persons", "flag"} <= set(groups.columns)
    assert os.path.getsize(res["OUTPUT_PNG"]) > 20000
    text = subprocess.run(["pdftotext", res["OUTPUT_PDF"], "-"], capture_output=True,
                          text=True).stdout
    assert "A00" in text or "Område A00" in text
    assert "Mean gross income" in text or "Middel" in text or "indkomst" in text


@pytest.mark.parametrize("kw, message", [
    ({"FOCUS_AREAS": "A00,nope"}, "nope"),
    ({"PROFILE_INDICATORS": "outside_labour,made_up"}, "made_up"),
    ({"FROM_DATE": "2020-01-01"}, "2020-01-01"),
    ({"FROM_DATE": D1, "TO_DATE": D0}, "before"),
])
def test_bad_parameters_are_named(run_alg, moves_data, tmp_path, kw, message):
    tmp, _df = moves_data
    with pytest.raises(QgsProcessingException, match=message):
        run_alg("analysemoves", _params(tmp, OUTPUT=str(tmp_path / "o.gpkg"),
                                        FLOWS=str(tmp_path / "f.gpkg"), **kw))


def test_a_person_twice_on_a_date_stops_the_run(run_alg, moves_data, tmp_path):
    tmp, _df = moves_data
    df = pd.read_csv(tmp / "persons.csv")
    df = pd.concat([df, df[df.ref_date == D1].iloc[:3]], ignore_index=True)
    df.to_csv(tmp_path / "dup.csv", index=False)
    with pytest.raises(QgsProcessingException, match="3 rows repeat a person key"):
        run_alg("analysemoves", _params(tmp, PERSONS=str(tmp_path / "dup.csv"),
                                        OUTPUT=str(tmp_path / "o.gpkg"),
                                        FLOWS=str(tmp_path / "f.gpkg")))


def test_outputs_do_not_leak(run_alg, moves_data, tmp_path):
    """No identifier, no count below the threshold (perturbation on), in any output."""
    tmp, df = moves_data
    res = run_alg("analysemoves", _params(
        tmp, PERTURBATION="on", FOCUS_AREAS="A00", GROUP_FIELD="area_name",
        OUTPUT=str(tmp_path / "m.gpkg"), FLOWS=str(tmp_path / "f.gpkg"),
        GROUP_FLOWS=str(tmp_path / "g.csv"), OUTPUT_PDF=str(tmp_path / "r.pdf")))
    ids = df.rename(columns={"pid": "_pid"})
    for path in (res["OUTPUT"], res["FLOWS"]):
        assert_no_identifiers(gpkg_text(path), ids, path, cpr=False)
        rows = gpkg_rows(path)
        for col in list(COUNTS) + ["persons", "from_focus"]:
            if col in rows:
                v = pd.to_numeric(rows[col], errors="coerce").dropna()
                assert ((v == 0) | (v >= 5)).all(), (path, col, v.tolist())
    with open(res["GROUP_FLOWS"], encoding="utf-8-sig") as f:
        text = f.read()
    assert_no_identifiers(text, ids, "group flows", cpr=False)
    g = pd.read_csv(res["GROUP_FLOWS"], sep=None, engine="python")
    v = pd.to_numeric(g["persons"], errors="coerce").dropna()
    assert ((v == 0) | (v >= 5)).all()
    pdf = subprocess.run(["pdftotext", res["OUTPUT_PDF"], "-"], capture_output=True,
                         text=True).stdout
    assert_no_identifiers(pdf, ids, "report", cpr=False)
    assert "Navn-" not in gpkg_text(res["OUTPUT"])


@pytest.mark.slow
def test_qgis_process_writes_the_styled_flow_map(moves_data, tmp_path):
    tmp, _df = moves_data
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    out = tmp_path / "flows.gpkg"
    r = subprocess.run([os.path.join(root, "scripts", "qgis_process.sh"), "run",
                        "boligsocial:analysemoves", "--",
                        "PERSONS=" + str(tmp / "persons.csv"),
                        "AREAS=" + str(tmp / "areas.gpkg"), "AREA_ID_FIELD=area_id",
                        "MIN_RESIDENTS=20", "FOCUS_AREAS=A00",
                        "OUTPUT=" + str(tmp_path / "moves.gpkg"), "FLOWS=" + str(out),
                        "OUTPUT_PNG=" + str(tmp_path / "map.png")],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    lyr = QgsVectorLayer(str(out), "flows", "ogr")  # opens with its saved default style
    assert lyr.renderer().type() == "RuleRenderer"
    assert (tmp_path / "map.png").exists()
    assert np.isfinite(os.path.getsize(tmp_path / "map.png"))


class _Log:
    """A feedback that keeps the messages."""

    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        class F(QgsProcessingFeedback):
            def __init__(self, sink):
                super().__init__()
                self.sink = sink

            def pushInfo(self, info):  # noqa: N802
                self.sink.append(info)

        self.lines = []
        self.feedback = F(self.lines)


def test_the_moves_are_recorded_and_linked_in_the_release_register(run_alg, moves_data,
                                                                   tmp_path):
    import json

    tmp, _df = moves_data
    reg = tmp_path / "register"
    first = _Log()
    run_alg("analysemoves", _params(tmp, RELEASE_REGISTER=str(reg), PERTURBATION="on",
                                    OUTPUT=str(tmp_path / "m1.gpkg"),
                                    FLOWS=str(tmp_path / "f1.gpkg")), first.feedback)
    metas = [json.loads(p.read_text()) for p in reg.glob("*.json")]
    assert [m["algorithm"] for m in metas] == ["analysemoves"]
    assert sorted(metas[0]["dates"]) == [D0, D1]
    assert any("Recorded in the release register" in x for x in first.lines)
    # a draft (check): protected against the first, linked to it, not recorded
    second = _Log()
    res = run_alg("analysemoves", _params(tmp, RELEASE_REGISTER=str(reg), PERTURBATION="on",
                                          REGISTER_MODE="check",
                                          OUTPUT=str(tmp_path / "m2.gpkg"),
                                          FLOWS=str(tmp_path / "f2.gpkg")), second.feedback)
    assert len(list(reg.glob("*.json"))) == 1
    assert any("Linked to earlier releases" in x for x in second.lines), second.lines
    a = gpkg_rows(str(tmp_path / "m1.gpkg")).set_index("area_id")
    b = gpkg_rows(res["OUTPUT"]).set_index("area_id")
    pd.testing.assert_frame_equal(a[list(COUNTS)], b[list(COUNTS)])  # same persons, same
