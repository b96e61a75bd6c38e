# SPDX-License-Identifier: GPL-2.0-or-later
"""The package's shape: core/ free of QGIS, every module documented and of a readable size,
every lint or type exemption named here with its reason."""
import ast
import configparser
import os
from typing import Dict

import pytest
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE = os.path.join(ROOT, "boligsocial_plugin")
MAX_LINES = 600
GENERATED = {"resources_rc.py"}

#: modules (paths under boligsocial_plugin/, a folder ending in /) that may exceed MAX_LINES,
#: each with its reason. Remove an entry when its module is split.
LONG_MODULES: Dict[str, str] = {}

#: ruff per-file ignores allowed in ruff.toml, with their reasons
RUFF_EXEMPTIONS: Dict[str, str] = {}

#: mypy sections with ignore_errors allowed in mypy.ini, with their reasons
MYPY_EXEMPTIONS: Dict[str, str] = {}

#: what core/ must never import: QGIS, Qt, and the package's QGIS side
QGIS_SIDE = ("qgis", "PyQt5", "PyQt6", "sip", "processing", "osgeo",
             "boligsocial_plugin.gui", "boligsocial_plugin.processing",
             "boligsocial_plugin.maps", "boligsocial_plugin.qgis_io",
             "boligsocial_plugin.plugin")


def _modules():
    """(path relative to the package, source text) of every Python module of the package."""
    for dirpath, dirs, files in os.walk(PACKAGE):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py") and name not in GENERATED:
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    yield os.path.relpath(path, PACKAGE).replace(os.sep, "/"), f.read()


def _imported(source: str):
    """Every module name an import statement of the source names (also inside functions)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module


def _exempt(rel: str) -> bool:
    return any(rel == k or (k.endswith("/") and rel.startswith(k)) for k in LONG_MODULES)


def test_no_module_is_over_the_line_limit():
    long = {rel: len(src.splitlines()) for rel, src in _modules()
            if len(src.splitlines()) > MAX_LINES and not _exempt(rel)}
    assert not long, "split these modules by responsibility (or name them in LONG_MODULES " \
        "with a reason): {}".format(long)


def test_every_exemption_names_an_existing_module():
    for rel in LONG_MODULES:
        assert os.path.exists(os.path.join(PACKAGE, rel)), "stale entry in LONG_MODULES: " + rel


def test_the_size_check_sees_what_it_must():
    """A long module outside the exemptions is found (the check cannot pass vacuously)."""
    rels = [rel for rel, _src in _modules()]
    assert "core/extract.py" in rels and "gui/panel.py" in rels and len(rels) > 50
    assert not _exempt("core/extract.py")
    assert not _exempt("core/discretionary.py")


def test_core_imports_nothing_of_qgis():
    found = {}
    for rel, src in _modules():
        if rel.startswith("core/"):
            bad = sorted(m for m in _imported(src)
                         if any(m == q or m.startswith(q + ".") for q in QGIS_SIDE))
            if bad:
                found[rel] = bad
    assert not found, "core/ is pure Python; move QGIS plumbing out: {}".format(found)


@pytest.mark.parametrize("source,bad", [
    ("from qgis.core import QgsFeature", True),
    ("def f():\n    from boligsocial_plugin.qgis_io.values import is_null", True),
    ("import numpy as np\nfrom boligsocial_plugin.core.i18n import tr", False),
    ("from . import helpers", False),
])
def test_the_import_scan_finds_late_imports(source, bad):
    names = list(_imported(source))
    assert any(any(m == q or m.startswith(q + ".") for q in QGIS_SIDE) for m in names) == bad


def test_every_module_says_what_it_holds():
    missing = [rel for rel, src in _modules() if not ast.get_docstring(ast.parse(src))]
    assert not missing, "give these modules a docstring: {}".format(missing)


def test_lint_exemptions_are_named_with_a_reason():
    with open(os.path.join(ROOT, "ruff.toml"), "rb") as f:
        ruff = tomllib.load(f)
    ignores = ruff.get("lint", {}).get("per-file-ignores", {})
    assert set(ignores) <= set(RUFF_EXEMPTIONS), \
        "new ruff per-file ignores: fix the code, or name them in RUFF_EXEMPTIONS with a reason"


def test_type_exemptions_are_named_with_a_reason():
    cfg = configparser.ConfigParser()
    cfg.read(os.path.join(ROOT, "mypy.ini"), encoding="utf-8")
    ignored = {s for s in cfg.sections() if cfg[s].getboolean("ignore_errors", fallback=False)}
    assert ignored <= set(MYPY_EXEMPTIONS), \
        "new mypy ignore_errors: fix the types, or name them in MYPY_EXEMPTIONS with a reason"
    assert cfg["mypy"]["files"].strip() == "boligsocial_plugin/core"
