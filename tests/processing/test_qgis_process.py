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
                     "AREA_NAME_FIELD=area_name", "PERTURBATION=off",
                     "OUTPUT={}".format(out), cfg=tmp_path / "cfg")
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


@pytest.mark.slow
def test_qgis_process_takes_static_enum_values_dates_and_writes_danish_csv(tmp_path):
    """RULE_SET=2021, OVERLAPS=allow and REF_DATE=2025-01-01 on the command line; a Danish
    QGIS writes a Danish CSV and logs no error for it."""
    areas = grid_areas(str(tmp_path / "areas.gpkg"))
    df = persons_frame(areas, [160, 120, 90, 70, 30, 60], dates=("2024-01-01", "2025-01-01"))
    df.drop(columns=["area_truth"]).to_csv(tmp_path / "p.csv", index=False)
    common = ["PERSONS={}".format(tmp_path / "p.csv"), "AREAS={}".format(tmp_path / "areas.gpkg"),
              "AREA_ID_FIELD=area_id", "OVERLAPS=allow"]
    r = qgis_process("run", "boligsocial:assesscriteria", "--", *common, "RULE_SET=2021",
                     "ASSESSMENT_DATE=2025-01-01",
                     "OUTPUT={}".format(tmp_path / "crit.gpkg"), cfg=tmp_path / "cfg")
    assert r.returncode == 0, r.stderr[-2000:]
    env_locale = os.environ.get("BOLIGSOCIAL_LOCALE")
    os.environ["BOLIGSOCIAL_LOCALE"] = "da_DK"
    try:
        r = qgis_process("run", "boligsocial:computeindicators", "--", *common,
                         "REF_DATE=2025-01-01", "OUTPUT={}".format(tmp_path / "ind.csv"),
                         cfg=tmp_path / "cfg")
    finally:
        if env_locale is None:
            os.environ.pop("BOLIGSOCIAL_LOCALE")
        else:
            os.environ["BOLIGSOCIAL_LOCALE"] = env_locale
    assert r.returncode == 0, r.stderr[-2000:]
    assert "ERROR" not in r.stdout + r.stderr
    raw = (tmp_path / "ind.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("area_id;area_name;ref_date;residents;")
    assert all(";2025-01-01;" in line for line in lines[1:])
    r = qgis_process("run", "boligsocial:assesscriteria", "--", *common, "RULE_SET=2",
                     "OUTPUT={}".format(tmp_path / "c2.gpkg"), cfg=tmp_path / "cfg")
    assert r.returncode != 0  # an index is not a value: models and batch files stay stable
