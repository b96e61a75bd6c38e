# SPDX-License-Identifier: GPL-2.0-or-later
"""monitorcriteria's SERIES in real desktop QGIS (under Xvfb): opened like a user opens a file,
it is temporal on ref_date and the Temporal Controller shows one snapshot per monthly frame."""
import json
import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def desktop_temporal(series: str, output: str, tmp_path, shot: str = "", frame: str = ""):
    """Run tests/gui/temporal_script.py in desktop QGIS with the plugin; its JSON result."""
    cfg = tmp_path / "qgis"
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(cfg))
    subprocess.run([os.path.join(ROOT, "scripts", "install_plugin.sh"), "default"], env=env,
                   check=True, capture_output=True, timeout=120)
    out = tmp_path / "temporal.json"
    env = dict(os.environ, BOLIGSOCIAL_E2E_SERIES=series, BOLIGSOCIAL_E2E_OUTPUT=output,
               BOLIGSOCIAL_E2E_OUT=str(out), BOLIGSOCIAL_E2E_SHOT=shot,
               BOLIGSOCIAL_E2E_FRAME=frame, XDG_RUNTIME_DIR=str(tmp_path))
    env.pop("QT_QPA_PLATFORM", None)
    subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", "/usr/bin/qgis",
                    "--nologo", "--noversioncheck", "--profiles-path", str(cfg), "--code",
                    os.path.join(ROOT, "tests", "gui", "temporal_script.py")],
                   env=env, capture_output=True, timeout=280)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run not installed")
def test_series_animates_in_the_temporal_controller(run_alg, monthly_data, tmp_path):
    res = run_alg("monitorcriteria", {
        "PERSONS": str(monthly_data / "persons.gpkg"), "AREAS": str(monthly_data / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name", "RULE_SET": "2021",
        "NATIONAL_CONVICTION_RATE": 1.1, "REGIONAL_MEAN_INCOME": 380000.0,
        "OUTPUT": str(tmp_path / "monitor.gpkg"), "SERIES": str(tmp_path / "series.gpkg")})
    r = desktop_temporal(res["SERIES"], res["OUTPUT"], tmp_path, frame="2025-03-01")
    assert r["plugin"]
    assert r["active"] and r["start_field"] == "ref_date"
    assert r["extent"] == ["2021-01-01", "2025-06-01"]
    assert r["canvas_temporal"]
    assert r["frame"][0] == "2025-03-01"
    # a monthly frame shows that month's snapshot only: one feature per area present then
    assert 0 < r["features_in_frame"] <= 40 < r["features"]
    assert r["duration"] == [27.0, 4]  # days (QgsUnitTypes.TemporalDays)
