# SPDX-License-Identifier: GPL-2.0-or-later
"""A missing pandas or numpy: the plugin loads, says what to install, and nothing crashes."""
import json
import os
import subprocess
import sys

import pytest
from qgis.core import Qgis

from boligsocial_plugin import dependencies
from boligsocial_plugin.processing import provider as provider_module
from boligsocial_plugin.processing import unavailable

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_missing_modules_and_the_message(monkeypatch):
    assert dependencies.missing_modules() == {}
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if not installed
    missing = dependencies.missing_modules()
    assert list(missing) == ["pandas"] and "ModuleNotFoundError" in missing["pandas"]
    text = dependencies.message(missing)
    for need in ("pandas", "sudo apt install python3-pandas", "OSGeo4W", "pip install pandas",
                 "restart QGIS"):
        assert need in text
    assert "numpy" not in text
    both = dependencies.message(["pandas", "numpy"], {"numpy": "ImportError: broken"})
    assert "python3-numpy python3-pandas" in both and "packages" in both
    assert "ImportError: broken" in both


def test_only_third_party_import_errors_count_as_missing_packages():
    assert dependencies.external_module(ModuleNotFoundError("x", name="pandas")) == "pandas"
    assert dependencies.external_module(ModuleNotFoundError("x", name="scipy.spatial")) == "scipy"
    assert dependencies.external_module(
        ModuleNotFoundError("x", name="boligsocial_plugin.nothing")) is None
    assert dependencies.external_module(ImportError("no name")) is None  # all packages import


def test_stand_ins_carry_the_real_algorithms_names_and_help(live_provider):
    real = {a.name(): a for a in live_provider.algorithms()}
    seen = set()
    for name in provider_module._module_files():
        for s in unavailable.summaries(os.path.join(provider_module.HERE, name)):
            alg = unavailable.UnavailableAlgorithm(s, "install pandas")
            seen.add(alg.name())
            assert alg.displayName() == real[alg.name()].displayName()
            assert alg.group() == real[alg.name()].group()
            assert alg.groupId() == real[alg.name()].groupId()
            assert alg.shortHelpString().endswith(real[alg.name()].help_text())
            assert alg.canExecute() == (False, "install pandas")
            assert alg.createInstance().name() == alg.name()
    assert seen == set(real)


def test_an_algorithm_needing_a_missing_package_cannot_execute(live_provider, monkeypatch):
    alg = live_provider.algorithm("computeindicators")
    assert alg.canExecute() == (True, "")
    monkeypatch.setattr(type(alg), "REQUIRES", ("numpy", "pandas", "boligsocial_no_such_pkg"))
    ok, reason = alg.canExecute()
    assert not ok and "boligsocial_no_such_pkg" in reason and "pip install" in reason


@pytest.mark.parametrize("module, packages", [("pandas", ["pandas"]),
                                              ("numpy", ["numpy", "pandas"])])
def test_plugin_without_a_package_loads_and_says_what_to_install(module, packages, tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "cfg"))
    r = subprocess.run([sys.executable, os.path.join(ROOT, "tests", "missing_package_script.py"),
                        module, ROOT], capture_output=True, text=True, env=env, timeout=240)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Traceback" not in r.stderr, r.stderr[-3000:]
    line = [x for x in r.stdout.splitlines() if x.startswith("RESULT ")][-1]
    out = json.loads(line[len("RESULT "):])
    assert not out["imported"]
    bar = out["message_bar"]
    assert len(bar) == 1 and bar[0][2] == int(Qgis.Critical) and bar[0][3] == 0
    assert bar[0][1] == dependencies.message(packages)
    assert not out["gui_installed"]  # the panel needs the package: not installed half-way
    algs = out["algorithms"]
    assert set(algs) == {"computeindicators", "assesscriteria", "applydiscretion",
                         "mergesmallareas", "stylechoropleth", "pseudonymise",
                         "validateextract", "exportmap", "monitorcriteria", "trackchange",
                         "monitoringreport", "analysemoves", "exportresults"}
    reason = dependencies.message([module])
    for alg in algs.values():
        assert alg["can_execute"] == [False, reason]
        assert alg["help"].startswith("<p><b>" + reason)
        assert alg["display"] and alg["group"]
    assert algs["computeindicators"]["display"] == "Compute indicators"
    assert out["run"] == "QgsProcessingException: " + reason
    assert out["provider_removed"]
