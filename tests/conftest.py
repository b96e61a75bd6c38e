# SPDX-License-Identifier: GPL-2.0-or-later
"""Shared fixtures: the real plugin loaded through classFactory, small synthetic data."""
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


_PLUGINS = []


def ensure_provider():
    """The boligsocial provider, registered as QGIS does when loading the plugin.

    Registered again when an earlier test (the load/unload tests) removed it.
    """
    from qgis.core import QgsApplication

    import boligsocial_plugin

    prov = QgsApplication.processingRegistry().providerById("boligsocial")
    if prov is None:
        plugin = boligsocial_plugin.classFactory(None)
        plugin.initProcessing()
        _PLUGINS.append(plugin)  # keep the plugin (and its provider) alive
        prov = QgsApplication.processingRegistry().providerById("boligsocial")
    assert prov is not None
    return prov


@pytest.fixture(scope="session")
def provider(qgis_app, qgis_processing):
    """The provider, registered once for the session."""
    return ensure_provider()


@pytest.fixture
def live_provider(qgis_app, qgis_processing):
    """The provider as registered right now (re-registered if a test removed it)."""
    return ensure_provider()


@pytest.fixture
def run_alg(provider):
    """processing.run for our algorithms with a fresh context and feedback."""
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    def _run(alg_id, params, feedback=None):
        ensure_provider()
        ctx = QgsProcessingContext()
        ctx.setProject(QgsProject.instance())
        return processing.run("boligsocial:" + alg_id, params, context=ctx,
                              feedback=feedback or QgsProcessingFeedback())

    return _run


@pytest.fixture(scope="session")
def demo_data(tmp_path_factory):
    """A small generated demo municipality (40 areas, 20,000 persons, yearly 2021-2025)."""
    import importlib.util

    out = tmp_path_factory.mktemp("demo")
    spec = importlib.util.spec_from_file_location(
        "generate_demo", os.path.join(ROOT, "scripts", "generate_demo.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.generate(str(out), persons=20000, seed=3, areas=40, formats=("csv", "gpkg", "dkcsv"))
    return out


@pytest.fixture(scope="session")
def built_zip(tmp_path_factory):
    """The release zip as scripts/build.py makes it (built once per session)."""
    import subprocess

    out = tmp_path_factory.mktemp("build")
    r = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "build.py"), "--out",
                        str(out / "b"), "--dist", str(out / "d")], capture_output=True,
                       text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    zips = list((out / "d").glob("*.zip"))
    assert len(zips) == 1
    return zips[0]


@pytest.fixture(autouse=True)
def _own_release_register(tmp_path_factory, monkeypatch):
    """Every test gets an empty release register (earlier tests' outputs are not releases)."""
    monkeypatch.setenv("BOLIGSOCIAL_RELEASE_REGISTER",
                       str(tmp_path_factory.mktemp("release_register")))


@pytest.fixture(scope="session")
def danish_qm(built_zip, tmp_path_factory):
    """The compiled Danish translation as shipped in the zip."""
    import zipfile

    out = tmp_path_factory.mktemp("qm")
    with zipfile.ZipFile(built_zip) as z:
        z.extract("boligsocial_plugin/i18n/boligsocial_da.qm", out)
    return str(out / "boligsocial_plugin" / "i18n" / "boligsocial_da.qm")


@pytest.fixture
def danish(danish_qm):
    """QGIS in Danish while the test runs (messages, labels, number and CSV form); yields
    the installed QTranslator."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    from boligsocial_plugin.core import i18n as core_i18n
    from boligsocial_plugin.qgis_io.translator import qt_translate

    t = QTranslator()
    assert t.load(danish_qm)
    QCoreApplication.installTranslator(t)
    core_i18n.set_translator(qt_translate)
    core_i18n.set_language("da")
    yield t
    QCoreApplication.removeTranslator(t)
    core_i18n.set_language("en")


@pytest.fixture(scope="session")
def monthly_data(tmp_path_factory):
    """A generated municipality with 18 monthly snapshots up to 2025-06-01 and designed
    trends (40 areas, 20,000 persons; expected_trends.csv says what each trend should give)."""
    import importlib.util

    out = tmp_path_factory.mktemp("monthly")
    spec = importlib.util.spec_from_file_location(
        "generate_demo", os.path.join(ROOT, "scripts", "generate_demo.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.generate(str(out), persons=20000, seed=3, areas=40, months=18, formats=("gpkg",))
    return out


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL 15 + PostGIS 3 server (scripts/pgcluster.py), for the session.

    Skipped, saying why, only where the server cannot start (e.g. the Debian packages are
    missing and cannot be installed); scripts/setup_env.sh installs them.
    """
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "pgcluster", os.path.join(ROOT, "scripts", "pgcluster.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    try:
        cluster = mod.start()
    except mod.ClusterUnavailable as e:
        pytest.skip("PostgreSQL/PostGIS test server cannot start here: {}".format(e))
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def pg_db(pg_cluster):
    """A database with PostGIS and pg_stat_statements in the test server."""
    from tests.helpers import PG_DB

    pg_cluster.create_database(PG_DB)
    return pg_cluster
