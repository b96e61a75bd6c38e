# SPDX-License-Identifier: GPL-2.0-or-later
"""The release zip against the rules of QGIS and of the plugin repository's upload validator."""
import importlib.util
import os
import zipfile

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _build_module():
    spec = importlib.util.spec_from_file_location("build",
                                                  os.path.join(ROOT, "scripts", "build.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


build = _build_module()


def _zip_metadata(path):
    with zipfile.ZipFile(path) as z:
        return build.parse_metadata(z.read("boligsocial_plugin/metadata.txt").decode("utf-8"))


def _changelog():
    with open(os.path.join(ROOT, "CHANGELOG.md"), encoding="utf-8") as f:
        return f.read()


def test_release_zip_passes_the_offline_checks(built_zip):
    assert build.zip_problems(str(built_zip)) == []
    md = _zip_metadata(built_zip)
    assert md["category"] in build.CATEGORIES
    for key in ("description", "about"):
        assert md[key + "[da]"] != md[key]
    assert "å" in md["about[da]"] or "ø" in md["about[da]"]
    section = build.changelog_section(_changelog(), md["version"])
    assert section and section["lines"]
    assert md["changelog"].startswith(md["version"])
    first = section["lines"][0].strip()
    assert first in md["changelog"]
    with zipfile.ZipFile(built_zip) as z:
        assert "boligsocial_plugin/CHANGELOG.md" in z.namelist()


def test_the_repository_metadata_points_nowhere_it_cannot_reach():
    with open(os.path.join(ROOT, "metadata.txt"), encoding="utf-8") as f:
        md = build.parse_metadata(f.read())
    assert "changelog" not in md  # written by the build from CHANGELOG.md
    for key in build.URL_FIELDS + ("email",):
        assert not build.PLACEHOLDER.search(md.get(key, "")), key


def test_an_upload_needs_public_addresses_and_a_dated_changelog(built_zip):
    problems = build.zip_problems(str(built_zip), upload=True)
    for key in build.UPLOAD_METADATA:
        assert "metadata.txt: '{}' is missing or empty".format(key) in problems
    md = {"version": "1.2.3"}
    text = "# Changelog\n\n## 1.2.3 – unreleased\n\n- A change\n\n## 1.2.2 – 2025-01-01\n- Old\n"
    assert build.release_problems(md, text) == []
    assert "not a date" in build.release_problems(md, text, upload=True)[0]
    assert build.release_problems(md, text.replace("unreleased", "2025-02-03"), True) == []
    assert "no section" in build.release_problems({"version": "9.9.9"}, text)[0]


def test_changelog_section_of_a_version():
    text = ("# Changelog\n\n## 0.2.0 – 2025-03-01\n\n- New thing\n  that wraps\n- Other\n\n"
            "## 0.1.0 – 2025-01-01\n\n- First\n")
    section = build.changelog_section(text, "0.2.0")
    assert section == {"date": "2025-03-01", "lines": ["- New thing", "  that wraps", "- Other"]}
    assert build.metadata_changelog("0.2.0", section) == \
        "0.2.0 (2025-03-01)\n    - New thing that wraps\n    - Other"
    assert build.changelog_section(text, "0.1.0")["lines"] == ["- First"]
    assert build.changelog_section(text, "0.3.0") is None


GOOD = {"name": "X", "qgisMinimumVersion": "3.22", "qgisMaximumVersion": "3.99",
        "description": "d", "description[da]": "d da", "about": "a", "about[da]": "a da",
        "version": "0.1.0", "author": "someone", "icon": "icon.svg", "category": "Vector",
        "experimental": "True", "deprecated": "False", "server": "False",
        "hasProcessingProvider": "yes"}


@pytest.mark.parametrize("change, expected", [
    ({"version": "0.1"}, "not MAJOR.MINOR.PATCH"),
    ({"version": "v1.0.0"}, "not MAJOR.MINOR.PATCH"),
    ({"category": "Analysis"}, "category 'Analysis' is not one of"),
    ({"description[da]": ""}, "'description[da]' is missing"),
    ({"about[da]": None}, "'about[da]' is missing"),
    ({"about": None}, "'about' is missing"),
    ({"homepage": "https://" + "example" + ".org/boligsocial"}, "placeholder address"),
    ({"tracker": "http://bugs"}, "placeholder address"),
    ({"repository": "git@somewhere:boligsocial.git"}, "not an http(s) address"),
    ({"email": "boligsocial@" + "example" + ".org"}, "placeholder address"),
    ({"email": "nobody"}, "not an address"),
    ({"icon": "missing.svg"}, "icon 'missing.svg' does not exist"),
    ({"author": "a/b"}, "author must not contain"),
    ({"experimental": "maybe"}, "experimental must be True or False"),
    ({"qgisMinimumVersion": "4.0"}, "above qgisMaximumVersion"),
    ({"qgisMinimumVersion": "latest"}, "not a QGIS version"),
    ({"hasProcessingProvider": "true"}, "hasProcessingProvider must be yes or no"),
])
def test_metadata_rules(change, expected):
    md = dict(GOOD)
    for key, value in change.items():
        if value is None:
            md.pop(key)
        else:
            md[key] = value
    assert build.metadata_problems(dict(GOOD), lambda p: p == "icon.svg") == []
    problems = build.metadata_problems(md, lambda p: p == "icon.svg")
    assert any(expected in p for p in problems), problems


def test_upload_requires_the_validator_s_fields():
    problems = build.metadata_problems(dict(GOOD), lambda p: True, upload=True)
    assert problems == ["metadata.txt: '{}' is missing or empty".format(k)
                        for k in build.UPLOAD_METADATA]
    md = dict(GOOD, email="gis@a-municipality.dk",
              tracker="https://gitlab.com/a-municipality/boligsocial/-/issues",
              repository="https://gitlab.com/a-municipality/boligsocial")
    assert build.metadata_problems(md, lambda p: True, upload=True) == []


def test_a_percent_sign_makes_metadata_unreadable_for_qgis():
    with pytest.raises(ValueError, match="cannot be read as QGIS reads it"):
        build.parse_metadata("[general]\nname=x\nabout=40 % outside\n")
    assert build.parse_metadata("[general]\nname=x\nabout[da]=æøå\n")["about[da]"] == "æøå"


def _rezip(src, dest, rename=None, drop=(), add=()):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for name in zin.namelist():
            if name in drop:
                continue
            zout.writestr(rename(name) if rename else name, zin.read(name))
        for name in add:
            zout.writestr(name, b"x")
    return str(dest)


def test_zip_rules(built_zip, tmp_path):
    cases = [
        (dict(add=["boligsocial_plugin/core/__pycache__/x.cpython-311.pyc"]),
         "must not be shipped"),
        (dict(add=["boligsocial_plugin/.git/config"]), "must not be shipped"),
        (dict(drop=["boligsocial_plugin/LICENSE"]), "boligsocial_plugin/LICENSE is missing"),
        (dict(drop=["boligsocial_plugin/icon.svg"]), "icon 'icon.svg' does not exist"),
        (dict(rename=lambda n: n.replace("boligsocial_plugin/", "boligsocial-0.1.0/", 1)),
         "single folder boligsocial_plugin"),
        (dict(add=["README.md"]), "single folder boligsocial_plugin"),
    ]
    for i, (change, expected) in enumerate(cases):
        path = _rezip(built_zip, tmp_path / "z{}.zip".format(i), **change)
        problems = build.zip_problems(path)
        assert any(expected in p for p in problems), (change, problems)
