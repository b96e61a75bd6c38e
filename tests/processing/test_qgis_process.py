# SPDX-License-Identifier: GPL-2.0-or-later
"""qgis_process really runs our algorithms (through scripts/qgis_process.sh)."""
import json
import os
import subprocess

import pytest
from qgis.core import QgsVectorLayer

from tests.helpers import grid_areas, persons_frame

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WRAPPER = os.path.join(ROOT, "scripts", "qgis_process.sh")


def qgis_process(*args, cfg=None, timeout=300):
    env = dict(os.environ)
    if cfg:
        env["BOLIGSOCIAL_QGIS_CONFIG"] = str(cfg)
    return subprocess.run([WRAPPER, *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


@pytest.mark.slow
def test_qgis_process_runs_computeindicators_with_json(tmp_path):
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [100, 60, 40, 20, 10, 5])
    df.drop(columns=["area_truth"]).to_csv(tmp_path / "p.csv", sep=";", decimal=",",
                                           index=False, encoding="cp1252")
    out = tmp_path / "ind.gpkg"
    r = qgis_process("run", "boligsocial:computeindicators", "--json", "--",
                     "PERSONS={}".format(tmp_path / "p.csv"),
                     "AREAS={}".format(tmp_path / "areas.gpkg"), "AREA_ID_FIELD=area_id",
                     "AREA_NAME_FIELD=area_name", "OUTPUT={}".format(out),
                     cfg=tmp_path / "cfg")
    assert r.returncode == 0, r.stderr[-2000:]
    js = json.loads(r.stdout)
    assert js["results"]["PERSONS_READ"] == len(df)
    assert js["results"]["PERSONS_OUTSIDE"] == 0
    lyr = QgsVectorLayer(str(out), "o", "ogr")
    assert lyr.isValid() and lyr.featureCount() == 6
    got = {f["area_id"]: f["residents"] for f in lyr.getFeatures()}
    assert got["A00"] == 100 and got["A01"] == 60


@pytest.mark.slow
def test_qgis_process_error_is_a_message_not_a_traceback(tmp_path):
    grid_areas(str(tmp_path / "areas.gpkg"))
    (tmp_path / "bad.csv").write_text("person_id;alder\nP1;3\n", encoding="utf-8")
    r = qgis_process("run", "boligsocial:computeindicators", "--",
                     "PERSONS={}".format(tmp_path / "bad.csv"),
                     "AREAS={}".format(tmp_path / "areas.gpkg"), "AREA_ID_FIELD=area_id",
                     "OUTPUT={}".format(tmp_path / "o.gpkg"), cfg=tmp_path / "cfg")
    assert r.returncode != 0
    assert "ref_date" in r.stderr + r.stdout
    assert "Traceback" not in r.stderr + r.stdout
