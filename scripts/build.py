#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Assemble the deployable plugin folder and the release zip.

build/boligsocial_plugin/   package + metadata.txt + LICENSE + README.md + icons + compiled
                            translations (.qm) + help pages (help/<lang>/<id>.html)
dist/boligsocial_plugin-<version>.zip   the same folder, for QGIS's "Install from ZIP"
No tests, caches or sources of translations go in. metadata.txt at the top level is the
single source of plugin metadata.
"""
import argparse
import configparser
import os
import shutil
import subprocess
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKG = "boligsocial_plugin"
EXCLUDE_DIRS = {"__pycache__", ".pytest_cache", ".mypy_cache", ".hypothesis"}
EXCLUDE_EXT = {".pyc", ".pyo", ".ts", ".pro", ".orig", ".rej"}
# copied from the top level into the plugin folder; the plugin repository requires LICENSE
REQUIRED_FILES = ("LICENSE", "README.md")


def version() -> str:
    """Plugin version from metadata.txt."""
    cp = configparser.ConfigParser(interpolation=None)
    cp.read(os.path.join(ROOT, "metadata.txt"), encoding="utf-8")
    return cp.get("general", "version")


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
    shutil.copy2(os.path.join(ROOT, "metadata.txt"), os.path.join(target, "metadata.txt"))
    for extra in REQUIRED_FILES:
        if not os.path.exists(os.path.join(ROOT, extra)):
            raise SystemExit("build: {} is missing at the top of the repository".format(extra))
        shutil.copy2(os.path.join(ROOT, extra), os.path.join(target, extra))
    compile_translations(os.path.join(target, "i18n"))
    make_help(out_root)
    return target


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
        for dirpath, _dirs, files in os.walk(folder):
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
    a = ap.parse_args(argv)
    folder = build(a.out)
    print("plugin folder:", folder)
    if not a.no_zip:
        print("release zip:", make_zip(folder, a.dist))
    return 0


if __name__ == "__main__":
    sys.exit(main())
