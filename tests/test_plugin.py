# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin as QGIS sees it: metadata, provider, algorithms, translations, build."""
import configparser
import os
import re
import subprocess
import sys
import zipfile

import pytest
from qgis.core import Qgis, QgsApplication

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXPECTED_IDS = {"computeindicators", "assesscriteria", "applydiscretion", "mergesmallareas",
                "stylechoropleth", "pseudonymise", "validateextract", "exportmap",
                "monitorcriteria", "trackchange", "monitoringreport", "analysemoves",
                "exportresults"}
STABLE_IDS = {"computeindicators", "assesscriteria", "applydiscretion", "mergesmallareas",
                "stylechoropleth", "pseudonymise", "validateextract", "monitorcriteria",
                "trackchange", "analysemoves", "exportresults"}


def _metadata():
    cp = configparser.ConfigParser(interpolation=None)
    cp.read(os.path.join(ROOT, "metadata.txt"), encoding="utf-8")
    return cp["general"]


def test_metadata_is_valid_for_running_qgis():
    md = _metadata()
    # email, tracker and repository only for an upload to the plugin repository (README)
    for key in ("name", "qgisMinimumVersion", "description", "about", "version", "author",
                "icon", "hasProcessingProvider", "description[da]", "about[da]"):
        assert md.get(key), key
    assert re.match(r"^\d+\.\d+\.\d+$", md["version"])
    running = tuple(int(p) for p in Qgis.QGIS_VERSION.split("-")[0].split(".")[:2])
    minimum = tuple(int(p) for p in md["qgisMinimumVersion"].split(".")[:2])
    assert minimum <= running
    assert md["hasProcessingProvider"] == "yes"
    assert os.path.exists(os.path.join(ROOT, "boligsocial_plugin", md["icon"]))


def test_init_processing_is_idempotent_and_unload_removes_provider(qgis_app, qgis_processing):
    import boligsocial_plugin

    reg = QgsApplication.processingRegistry()
    before = reg.providerById("boligsocial")
    plugin = boligsocial_plugin.classFactory(None)
    plugin.initProcessing()
    plugin.initProcessing()
    if before is None:
        assert reg.providerById("boligsocial") is plugin.provider
        plugin.unload()
        assert reg.providerById("boligsocial") is None
        plugin = boligsocial_plugin.classFactory(None)
        plugin.initProcessing()
        assert reg.providerById("boligsocial") is not None
        plugin.unload()
        assert reg.providerById("boligsocial") is None
    else:  # the session provider fixture owns the registration; ours was refused
        assert plugin.provider is None
        plugin.unload()
        assert reg.providerById("boligsocial") is before


def test_provider_and_algorithms_register(live_provider):
    provider = live_provider
    ids = {a.name() for a in provider.algorithms()}
    assert EXPECTED_IDS <= ids
    assert ids <= STABLE_IDS | {"exportmap", "monitoringreport"}, ids - STABLE_IDS
    assert provider.id() == "boligsocial"
    assert provider.versionInfo() == _metadata()["version"]
    for alg in provider.algorithms():
        assert alg.name() == alg.name().lower()
        assert alg.displayName() and alg.shortHelpString()
        assert alg.createInstance() is not alg
        assert alg.id() == "boligsocial:" + alg.name()


def test_danish_translation_is_loaded(qgis_app):
    from boligsocial_plugin.core.i18n import tr as core_tr
    from boligsocial_plugin.qgis_io import translator

    scripts = os.path.join(ROOT, "scripts")
    sys.path.insert(0, scripts)
    try:
        import build
    finally:
        sys.path.remove(scripts)
    out = os.path.join(ROOT, "build", "test_i18n")
    qms = build.compile_translations(out)
    assert any(q.endswith("boligsocial_da.qm") for q in qms)
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    t = QTranslator()
    assert t.load(os.path.join(out, "boligsocial_da.qm"))
    QCoreApplication.installTranslator(t)
    try:
        assert translator.qt_translate("Compute indicators") == "Beregn indikatorer"
        translator.install_translator("xx")  # unknown language: English, no crash
        assert core_tr("Compute indicators") == "Beregn indikatorer"
    finally:
        QCoreApplication.removeTranslator(t)
    assert translator.qt_translate("Compute indicators") == "Compute indicators"


def test_zip_contains_what_qgis_needs_and_nothing_else(built_zip):
    names = zipfile.ZipFile(built_zip).namelist()
    assert all(n.startswith("boligsocial_plugin/") for n in names)
    for need in ("boligsocial_plugin/__init__.py", "boligsocial_plugin/metadata.txt",
                 "boligsocial_plugin/icon.svg", "boligsocial_plugin/i18n/boligsocial_da.qm",
                 "boligsocial_plugin/processing/provider.py"):
        assert need in names, need
    for n in names:
        assert "__pycache__" not in n and not n.endswith((".pyc", ".ts"))
        assert "/tests/" not in n and not n.startswith("tests/")
        assert ".hypothesis" not in n


def test_zip_carries_the_gpl2_licence_of_the_spdx_lines(built_zip):
    with open(os.path.join(ROOT, "LICENSE"), encoding="utf-8") as f:
        licence = f.read()
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 2, June 1991" in licence
    assert "any later version" in licence  # the "or later" of GPL-2.0-or-later
    shipped = zipfile.ZipFile(built_zip).read("boligsocial_plugin/LICENSE").decode("utf-8")
    assert shipped == licence
    spdx = set()
    for dirpath, _dirs, files in os.walk(os.path.join(ROOT, "boligsocial_plugin")):
        for name in files:
            if name.endswith(".py"):
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    head = f.read(200)
                spdx |= set(re.findall(r"SPDX-License-Identifier: (\S+)", head))
    assert spdx == {"GPL-2.0-or-later"}


@pytest.mark.slow
def test_zip_installs_and_loads_in_qgis_process(built_zip, tmp_path):
    plugins = tmp_path / "plugins"
    zipfile.ZipFile(built_zip).extractall(plugins)
    env = dict(os.environ, QGIS_PLUGINPATH=str(plugins), QT_QPA_PLATFORM="offscreen",
               QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "cfg"))
    env.setdefault("XDG_RUNTIME_DIR", str(tmp_path))
    subprocess.run(["/usr/bin/qgis_process.bin", "plugins", "enable", "boligsocial_plugin"],
                   env=env, check=True, capture_output=True, timeout=120)
    out = subprocess.run(["/usr/bin/qgis_process.bin", "list"], env=env, check=True,
                         capture_output=True, text=True, timeout=120).stdout
    assert "boligsocial:computeindicators" in out
