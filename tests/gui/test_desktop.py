# SPDX-License-Identifier: GPL-2.0-or-later
"""The release build in real desktop QGIS (under Xvfb): load, run the panel, inspect, unload."""
import json
import os
import shutil
import subprocess

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run not installed")
def test_panel_end_to_end_in_desktop_qgis(demo_data, tmp_path):
    cfg = tmp_path / "qgis"
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(cfg))
    subprocess.run([os.path.join(ROOT, "scripts", "install_plugin.sh"), "default"], env=env,
                   check=True, capture_output=True, timeout=120)
    out = tmp_path / "result.json"
    env = dict(os.environ, BOLIGSOCIAL_E2E_DATA=str(demo_data), BOLIGSOCIAL_E2E_OUT=str(out),
               XDG_RUNTIME_DIR=str(tmp_path))
    env.pop("QT_QPA_PLATFORM", None)  # a real (virtual) screen: desktop QGIS needs one
    subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", "/usr/bin/qgis",
                    "--nologo", "--noversioncheck", "--profiles-path", str(cfg),
                    "--code", os.path.join(ROOT, "tests", "gui", "desktop_script.py")],
                   env=env, capture_output=True, timeout=280)
    r = json.loads(out.read_text(encoding="utf-8"))
    assert r["loaded"] and r["provider"]
    assert "40 areas" in r["message"], r["message"]
    assert any(n.startswith("Boligsocial") for n in r["layers"])
    assert "RuleRenderer" in r["renderers"] or "categorizedSymbol" in r["renderers"]
    # results are saved in a GeoPackage in the project's folder, one layer per result
    results = str(tmp_path / "boligsocial.gpkg")
    assert r["output_file"] == results
    assert r["sources"] and all(s.startswith(results + "|layername=") for s in r["sources"])
    assert "Udsat boligområde" in r["profile"]
    assert not r["provider_after_unload"] and r["docks_after_unload"] == 0
