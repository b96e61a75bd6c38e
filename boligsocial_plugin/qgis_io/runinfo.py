# SPDX-License-Identifier: GPL-2.0-or-later
"""What a publishing run records in its GeoPackage output: the algorithm, the plugin version,
where the persons came from (a path or a database table, never credentials), the rule set,
the discretion rules, the perturbation and the indicator definitions.

Stored as the layer's GDAL metadata item ``BOLIGSOCIAL_RUN`` (JSON, in the GeoPackage's
standard ``gpkg_metadata`` table), so ``boligsocial:exportresults`` can fill the shared
model's run table. Outputs in other formats carry no record; exportresults then says so.
"""
import json
import os
from datetime import datetime, timezone
from typing import Any, Dict, Optional

from boligsocial_plugin.core.auditlog import strip_secrets
from boligsocial_plugin.core.pseudonym import redact

ITEM = "BOLIGSOCIAL_RUN"


def _gpkg(dest: str):
    path, _sep, rest = dest.partition("|")
    name = None
    for part in rest.split("|"):
        if part.startswith("layername="):
            name = part.split("=", 1)[1]
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return None, None
    return path, name


def write_run_info(dest: str, info: Dict[str, Any]) -> bool:
    """Record ``info`` with a GeoPackage output (False for other outputs)."""
    from osgeo import ogr

    path, name = _gpkg(dest)
    if path is None:
        return False
    info = dict(info)
    info.setdefault("created", datetime.now(timezone.utc).isoformat(timespec="seconds"))
    if "source" in info:
        info["source"] = redact(strip_secrets(str(info["source"])))
    ds = ogr.Open(path, 1)
    if ds is None:
        return False
    lyr = ds.GetLayerByName(name) if name else ds.GetLayer(0)
    if lyr is None:
        return False
    lyr.SetMetadataItem(ITEM, json.dumps(info, ensure_ascii=False, sort_keys=True))
    ds = None
    return True


def read_run_info(source: str) -> Optional[Dict[str, Any]]:
    """The record of a GeoPackage layer (``path|layername=...``), or None."""
    from osgeo import ogr

    path, name = _gpkg(source)
    if path is None:
        return None
    ds = ogr.Open(path)
    if ds is None:
        return None
    lyr = ds.GetLayerByName(name) if name else ds.GetLayer(0)
    text = lyr.GetMetadataItem(ITEM) if lyr is not None else None
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None
