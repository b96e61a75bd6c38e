# SPDX-License-Identifier: GPL-2.0-or-later
"""Python packages the plugin needs beyond QGIS (pandas, numpy), and what to say when one is
missing. Nothing here imports them at module level, so the plugin loads without them and
tells the user what to install instead of failing with ModuleNotFoundError.
"""
import importlib
from typing import Dict, Iterable, Optional

from boligsocial_plugin.core.i18n import tr

#: import name -> (Debian/Ubuntu package, OSGeo4W package, pip name)
PACKAGES = {
    "numpy": ("python3-numpy", "python3-numpy", "numpy"),
    "pandas": ("python3-pandas", "python3-pandas", "pandas"),
    "scipy": ("python3-scipy", "python3-scipy", "scipy"),
    "matplotlib": ("python3-matplotlib", "python3-matplotlib", "matplotlib"),
    # only for person layers in PostgreSQL/PostGIS and exportresults to a database
    "psycopg2": ("python3-psycopg2", "python3-psycopg2", "psycopg2-binary"),
}
REQUIRED = ("numpy", "pandas")


def missing_modules(names: Iterable[str] = REQUIRED) -> Dict[str, str]:
    """The modules that cannot be imported, each with Python's reason; empty when all import."""
    out = {}
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as e:  # noqa: BLE001 - a broken build fails with more than ImportError
            out[name] = "{}: {}".format(type(e).__name__, e)
    return out


def external_module(error: ImportError) -> Optional[str]:
    """The top-level name of a missing third-party module, or None for our own import bugs."""
    name = (getattr(error, "name", None) or "").split(".")[0]
    if name == "boligsocial_plugin":
        return None
    if name:
        return name
    broken = missing_modules()  # e.g. "numpy.core.multiarray failed to import" has no name
    return sorted(broken)[0] if broken else None


def message(missing: Iterable[str], details: Optional[Dict[str, str]] = None) -> str:
    """What is missing and how to install it (Debian/Ubuntu, OSGeo4W, pip)."""
    names = sorted(set(missing))
    packages = [PACKAGES.get(n, ("python3-" + n, "python3-" + n, n)) for n in names]
    if len(names) == 1:
        text = tr("Boligsocial monitoring needs the Python package {names}, which this QGIS "
                  "cannot import. Install it and restart QGIS. Debian or Ubuntu: sudo apt "
                  "install {deb}. Windows (OSGeo4W): run the OSGeo4W setup and add {osgeo}. "
                  "Other systems: python3 -m pip install {pip} for the Python that QGIS uses.")
    else:
        text = tr("Boligsocial monitoring needs the Python packages {names}, which this QGIS "
                  "cannot import. Install them and restart QGIS. Debian or Ubuntu: sudo apt "
                  "install {deb}. Windows (OSGeo4W): run the OSGeo4W setup and add {osgeo}. "
                  "Other systems: python3 -m pip install {pip} for the Python that QGIS uses.")
    text = text.format(names=", ".join(names), deb=" ".join(p[0] for p in packages),
                       osgeo=", ".join(p[1] for p in packages),
                       pip=" ".join(p[2] for p in packages))
    if details:
        text += " " + tr("Python reports: {details}").format(
            details="; ".join(details[n] for n in names if n in details))
    return text
