# SPDX-License-Identifier: GPL-2.0-or-later
"""The project stands on its own files: no reference to a document a user does not have.

Code, help, tests and docs cite the real source instead (law, document title) or a README
section, and hold no placeholder web or mail address.
"""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SKIP_DIRS = {".git", ".venv", "build", "dist", "demo_data", "demo_output", ".qgis-config",
             "__pycache__", ".hypothesis", ".pytest_cache", "tmp"}
SKIP_FILES = {".git"}  # a git worktree's pointer file, not part of the project
BINARY = (".png", ".jpg", ".svg", ".qm", ".gpkg", ".zip", ".pdf", ".qgz")
GENERATED = (os.path.join("boligsocial_plugin", "help") + os.sep,)

# built from pieces so that this file does not match itself
OUTSIDE = [
    ("a design document outside the repository",
     re.compile(r"\b(" + "CONTRACT|DOMAIN|STYLE" + r")\.md\b")),
    ("the QGIS notes outside the repository", re.compile("QGIS" + "_NOTES")),
    ("a source document outside the repository",
     re.compile(r"\bseeds?\s*[/_ ]?\s*0\d\d\b", re.I)),
    ("a path on the development machine",
     re.compile("/" + r"work/(shared|main|wt-|prompts|\.library)")),
    ("a placeholder address", re.compile(r"\bexample\.(org|com|net)\b", re.I)),
]
# Files allowed to cite an outside document for a while (none now); the test fails once a
# listed file is clean, so the list can only shrink.
PENDING: dict = {}


def _project_files():
    for dirpath, dirnames, filenames in os.walk(ROOT):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            rel = os.path.relpath(os.path.join(dirpath, name), ROOT)
            if name in SKIP_FILES or name.endswith(BINARY) or rel.startswith(GENERATED):
                continue
            yield rel.replace(os.sep, "/")


def _references():
    found = {}
    for rel in _project_files():
        try:
            with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
                text = f.read()
        except UnicodeDecodeError:
            continue
        for what, pattern in OUTSIDE:
            for m in pattern.finditer(text):
                line = text.count("\n", 0, m.start()) + 1
                found.setdefault(rel, []).append((what, line, m.group(0)))
    return found


def test_no_reference_to_files_outside_the_repository():
    found = _references()
    bad = ["{}:{}: {} ('{}')".format(rel, line, what, text)
           for rel, hits in found.items() for what, line, text in hits
           if PENDING.get(rel) != what]
    assert not bad, "cite the real source or a README section instead:\n" + "\n".join(bad)
    cleaned = sorted(set(PENDING) - set(found))
    assert not cleaned, "no longer referencing outside files; remove from PENDING: {}".format(
        cleaned)


def test_the_scan_sees_what_it_must(tmp_path):
    files = set(_project_files())
    for need in ("README.md", "metadata.txt", "CHANGELOG.md", "i18n/boligsocial_da.ts",
                 "boligsocial_plugin/core/indicator_catalogue.json",
                 "boligsocial_plugin/processing/base.py", "scripts/build.py",
                 "tests/test_self_contained.py", "boligsocial_plugin/models/"
                 "boligsocial_monitoring.model3"):
        assert need in files, need
    samples = {"see " + "CONTRACT" + ".md": 0, "DOMAIN" + ".md §4": 0, "QGIS" + "_NOTES §1": 1,
               "quoted in seed " + "000": 2, "/" + "work/shared/x": 3,
               "https://" + "example" + ".org/x": 4}
    for text, index in samples.items():
        assert OUTSIDE[index][1].search(text), text
    assert not any(p.search("--seed 1 and README section 'Data model'") for _w, p in OUTSIDE)
