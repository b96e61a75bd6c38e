#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Assemble the deployable plugin folder and the release zip, and check them.

build/boligsocial_plugin/   package + metadata.txt (+ changelog= from CHANGELOG.md) + LICENSE
                            + README.md + CHANGELOG.md + icons + compiled translations (.qm)
                            + help pages (help/<lang>/<id>.html)
dist/boligsocial_plugin-<version>.zip   the same folder, for QGIS's "Install from ZIP"
No tests, caches or sources of translations go in. metadata.txt at the top level is the
single source of plugin metadata. The build fails when the metadata or the zip break a rule
of QGIS or of the QGIS plugin repository's upload validator that can be checked offline;
--plugin-repository also requires what only an upload needs (email, tracker, repository, a
dated changelog entry).
"""
import argparse
import configparser
import os
import re
import shutil
import subprocess
import sys
import zipfile
from typing import Callable, Dict, List, Optional

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKG = "boligsocial_plugin"
EXCLUDE_DIRS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".hypothesis"}
EXCLUDE_EXT = {".pyc", ".pyo", ".ts", ".pro", ".orig", ".rej"}
# copied from the top level into the plugin folder; the plugin repository requires LICENSE
REQUIRED_FILES = ("LICENSE", "README.md", "CHANGELOG.md")
# what QGIS reads to list and load the plugin; the validator also wants the ones below
REQUIRED_METADATA = ("name", "qgisMinimumVersion", "description", "about", "version", "author")
UPLOAD_METADATA = ("email", "tracker", "repository")
TRANSLATED_METADATA = ("description[da]", "about[da]")
CATEGORIES = ("Raster", "Vector", "Database", "Mesh", "Web")  # the PyQGIS cookbook's list
URL_FIELDS = ("homepage", "tracker", "repository")
# the validator rejects the plugin-builder defaults; reserved example domains never exist
PLACEHOLDER = re.compile(r"(^https?://(bugs|repo|homepage)/?$)|"
                         r"((^|[@./])example\.(org|com|net)\b)|(\.(example|invalid|test|localhost)\b)",
                         re.I)
MAX_ZIP_BYTES = 25_000_000


def version() -> str:
    """Plugin version from metadata.txt."""
    cp = configparser.ConfigParser(interpolation=None)
    cp.read(os.path.join(ROOT, "metadata.txt"), encoding="utf-8")
    return cp.get("general", "version")


def parse_metadata(text: str) -> Dict[str, str]:
    """[general] of a metadata.txt read as QGIS's plugin manager and the validator read it.

    Both use configparser with interpolation, so a lone '%' makes the file unreadable;
    raises ValueError with the reason.
    """
    cp = configparser.ConfigParser()
    cp.optionxform = str
    try:
        cp.read_string(text)
        if not cp.has_section("general"):
            raise ValueError("metadata.txt has no [general] section")
        return {k: v for k, v in cp.items("general")}
    except configparser.Error as e:
        raise ValueError("metadata.txt cannot be read as QGIS reads it: {}".format(e)) from e


def changelog_section(text: str, ver: str) -> Optional[Dict[str, object]]:
    """The CHANGELOG.md section of a version: {'date': str, 'lines': [...]}, or None."""
    section = None
    for line in text.splitlines():
        m = re.match(r"^##\s+(\S+)\s*(?:[-–]\s*(.*))?$", line)
        if m:
            if section is not None:
                break
            if m.group(1) == ver:
                section = {"date": (m.group(2) or "").strip(), "lines": []}
            continue
        if section is not None and line.strip():
            section["lines"].append(line.rstrip())
    return section


def metadata_changelog(ver: str, section: Dict[str, object]) -> str:
    """The changelog= value for metadata.txt: continuation lines indented by four spaces."""
    entries: List[str] = []
    for line in section["lines"]:
        if line.startswith(" ") and entries:  # a wrapped bullet continues
            entries[-1] += " " + line.strip()
        else:
            entries.append(line.strip())
    head = "{} ({})".format(ver, section["date"]) if section["date"] else ver
    return "\n    ".join([head] + entries)


def metadata_problems(md: Dict[str, str], has_file: Callable[[str], bool],
                      upload: bool = False) -> List[str]:
    """What QGIS or the plugin repository would reject in the metadata (offline checks).

    has_file(path) says whether a file exists in the plugin folder (for the icon).
    """
    out = []
    for key in REQUIRED_METADATA + (UPLOAD_METADATA if upload else ()) + TRANSLATED_METADATA:
        if not md.get(key, "").strip():
            out.append("metadata.txt: '{}' is missing or empty".format(key))
    out += _version_problems(md)
    if md.get("category") and md["category"] not in CATEGORIES:
        out.append("metadata.txt: category '{}' is not one of {}".format(
            md["category"], ", ".join(CATEGORIES)))
    for key in ("experimental", "deprecated", "server"):
        if key in md and md[key].strip().lower() not in ("true", "false"):
            out.append("metadata.txt: {} must be True or False".format(key))
    if md.get("hasProcessingProvider", "no").strip().lower() not in ("yes", "no"):
        out.append("metadata.txt: hasProcessingProvider must be yes or no")
    if "/" in md.get("author", ""):
        out.append("metadata.txt: author must not contain '/'")
    out += _address_problems(md)
    icon = md.get("icon", "")
    if not icon or not has_file(icon[2:] if icon.startswith("./") else icon):
        out.append("metadata.txt: icon '{}' does not exist in the plugin folder".format(icon))
    return out


def _version_problems(md: Dict[str, str]) -> List[str]:
    """The plugin's and QGIS's version fields."""
    out = []
    if md.get("version") and not re.match(r"^\d+\.\d+\.\d+$", md["version"]):
        out.append("metadata.txt: version '{}' is not MAJOR.MINOR.PATCH".format(md["version"]))
    versions = []
    for key in ("qgisMinimumVersion", "qgisMaximumVersion"):
        value = md.get(key, "")
        if value and not re.match(r"^\d+\.\d+(\.\d+)?$", value):
            out.append("metadata.txt: {} '{}' is not a QGIS version".format(key, value))
        elif value:
            versions.append(tuple(int(p) for p in value.split(".")))
    if len(versions) == 2 and versions[0] > versions[1]:
        out.append("metadata.txt: qgisMinimumVersion is above qgisMaximumVersion")
    return out


def _address_problems(md: Dict[str, str]) -> List[str]:
    """Web addresses and e-mail: well-formed, no placeholders."""
    out = []
    for key in URL_FIELDS:
        url = md.get(key, "").strip()
        if url and not re.match(r"^https?://[^/\s]+\.[^/\s]+(/\S*)?$", url):
            out.append("metadata.txt: {} '{}' is not an http(s) address".format(key, url))
    email = md.get("email", "").strip()
    if email and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", email):
        out.append("metadata.txt: email '{}' is not an address".format(email))
    for key, value in md.items():
        if PLACEHOLDER.search(value):
            out.append("metadata.txt: {} holds a placeholder address ({})".format(key, value))
    return out


def release_problems(md: Dict[str, str], changelog_md: str, upload: bool = False) -> List[str]:
    """The version must have its CHANGELOG.md section (dated for an upload)."""
    ver = md.get("version", "")
    section = changelog_section(changelog_md, ver)
    if section is None or not section["lines"]:
        return ["CHANGELOG.md has no section '## {} – <date>' with the changes".format(ver)]
    if upload and not re.match(r"^\d{4}-\d{2}-\d{2}$", str(section["date"])):
        return ["CHANGELOG.md: the section of {} is '{}', not a date (YYYY-MM-DD)".format(
            ver, section["date"] or "undated")]
    return []


def zip_problems(path: str, upload: bool = False) -> List[str]:
    """What the plugin repository's upload validator would reject (offline checks)."""
    out = []
    if os.path.getsize(path) > MAX_ZIP_BYTES:
        out.append("zip: larger than {} MB".format(MAX_ZIP_BYTES // 1_000_000))
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if z.testzip() is not None:
            out.append("zip: a member is corrupt")
        tops = {n.split("/")[0] for n in names}
        if tops != {PKG}:
            out.append("zip: the top level must be the single folder {} (found {})".format(
                PKG, ", ".join(sorted(tops))))
        if not re.match(r"^[A-Za-z][A-Za-z0-9-_]+$", PKG):
            out.append("zip: the folder name {} is not allowed".format(PKG))
        for n in names:
            parts = n.split("/")
            if ".." in parts or n.startswith("/"):
                out.append("zip: {} holds path information".format(n))
            if n.endswith((".pyc", ".pyo")) or \
                    {"__pycache__", ".git", "__MACOSX"} & set(parts):
                out.append("zip: {} must not be shipped".format(n))
        for need in ("__init__.py", "metadata.txt", "LICENSE"):
            if "{}/{}".format(PKG, need) not in names:
                out.append("zip: {}/{} is missing".format(PKG, need))
        if "{}/metadata.txt".format(PKG) in names:
            try:
                md = parse_metadata(z.read("{}/metadata.txt".format(PKG)).decode("utf-8"))
            except ValueError as e:
                return out + ["zip: {}".format(e)]
            prefix = PKG + "/"
            out += metadata_problems(md, lambda p: prefix + p in names, upload)
            if not md.get("changelog", "").startswith(md.get("version", "?")):
                out.append("zip: metadata.txt has no changelog for its version")
    return out


def compile_translations(dest_dir: str) -> list:
    """lrelease every i18n/*.ts into dest_dir; returns the .qm paths."""
    src = os.path.join(ROOT, "i18n")
    os.makedirs(dest_dir, exist_ok=True)
    out = []
    lrelease = shutil.which("lrelease") or "/usr/lib/qt5/bin/lrelease"
    for name in sorted(os.listdir(src)) if os.path.isdir(src) else []:
        if not name.endswith(".ts"):
            continue
        qm = os.path.join(dest_dir, name[:-3] + ".qm")
        subprocess.run([lrelease, "-silent", os.path.join(src, name), "-qm", qm], check=True)
        out.append(qm)
    return out


def build(out_root: str) -> str:
    """Assemble build/<PKG>; returns its path."""
    target = os.path.join(out_root, PKG)
    if os.path.exists(target):
        shutil.rmtree(target)
    for dirpath, dirnames, filenames in os.walk(os.path.join(ROOT, PKG)):
        dirnames[:] = [d for d in dirnames if d not in EXCLUDE_DIRS]
        rel = os.path.relpath(dirpath, os.path.join(ROOT, PKG))
        os.makedirs(os.path.join(target, rel), exist_ok=True)
        for f in filenames:
            if os.path.splitext(f)[1] in EXCLUDE_EXT:
                continue
            shutil.copy2(os.path.join(dirpath, f), os.path.join(target, rel, f))
    write_metadata(os.path.join(target, "metadata.txt"))
    for extra in REQUIRED_FILES:
        if not os.path.exists(os.path.join(ROOT, extra)):
            raise SystemExit("build: {} is missing at the top of the repository".format(extra))
        shutil.copy2(os.path.join(ROOT, extra), os.path.join(target, extra))
    compile_translations(os.path.join(target, "i18n"))
    make_help(out_root)
    return target


def write_metadata(dest: str) -> None:
    """metadata.txt plus changelog= from the version's section of CHANGELOG.md."""
    with open(os.path.join(ROOT, "metadata.txt"), encoding="utf-8") as f:
        text = f.read()
    md = parse_metadata(text)
    if "changelog" in md:
        raise SystemExit("build: remove changelog= from metadata.txt; the build writes it "
                         "from CHANGELOG.md")
    with open(os.path.join(ROOT, "CHANGELOG.md"), encoding="utf-8") as f:
        changelog_md = f.read()
    section = changelog_section(changelog_md, md.get("version", ""))
    if section is None:
        raise SystemExit("build: " + release_problems(md, changelog_md)[0])
    value = metadata_changelog(md["version"], section)
    with open(dest, "w", encoding="utf-8") as f:
        f.write(text.rstrip("\n") + "\nchangelog={}\n".format(value))


def make_help(out_root: str) -> None:
    """Write the help pages of the assembled plugin (scripts/make_help.py, QGIS's Python)."""
    shutil.rmtree(os.path.join(out_root, PKG, "help"), ignore_errors=True)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    r = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "make_help.py"),
                        "--plugin-root", out_root], env=env, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("build: the help pages could not be written:\n" + r.stderr[-3000:])


def make_zip(folder: str, dist: str) -> str:
    """Zip the folder with the package directory at the top (what QGIS expects)."""
    os.makedirs(dist, exist_ok=True)
    path = os.path.join(dist, "{}-{}.zip".format(PKG, version()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        base = os.path.dirname(folder)
        for dirpath, dirs, files in os.walk(folder):
            dirs.sort()
            for f in sorted(files):
                full = os.path.join(dirpath, f)
                z.write(full, os.path.relpath(full, base))
    return path


def main(argv=None) -> int:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "build"))
    ap.add_argument("--dist", default=os.path.join(ROOT, "dist"))
    ap.add_argument("--no-zip", action="store_true")
    ap.add_argument("--plugin-repository", action="store_true",
                    help="also require what an upload to plugins.qgis.org needs (email, "
                         "tracker, repository, a dated CHANGELOG.md section)")
    a = ap.parse_args(argv)
    folder = build(a.out)
    print("plugin folder:", folder)
    with open(os.path.join(folder, "metadata.txt"), encoding="utf-8") as f:
        md = parse_metadata(f.read())
    with open(os.path.join(ROOT, "CHANGELOG.md"), encoding="utf-8") as f:
        problems = release_problems(md, f.read(), a.plugin_repository)
    if a.no_zip:
        problems += metadata_problems(md, lambda p: os.path.isfile(os.path.join(folder, p)),
                                      a.plugin_repository)
    else:
        path = make_zip(folder, a.dist)
        print("release zip:", path)
        problems += zip_problems(path, a.plugin_repository)
    for p in problems:
        print("build: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
