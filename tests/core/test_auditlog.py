# SPDX-License-Identifier: GPL-2.0-or-later
"""Audit-log entries, cleaning of parameters, appending and retention (core, no QGIS)."""
import json
import os
import stat
from datetime import datetime, timedelta, timezone

import pytest

from boligsocial_plugin.core import auditlog

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=timezone.utc)


def _cpr() -> str:
    return "0102" + "03" + "-" + "1234"


@pytest.mark.parametrize("text, expected", [
    ("dbname='gis' host=db user='ana' password='s3cr;et' sslmode=disable table=\"p\"",
     "dbname='gis' host=db user='ana' password=*** sslmode=disable table=\"p\""),
    ("postgresql://ana:s3cret@db:5432/gis", "postgresql://ana:***@db:5432/gis"),
    ("https://x.dk/wfs?token=abc&typename=a", "https://x.dk/wfs?token=***&typename=a"),
    ("/data/persons.csv", "/data/persons.csv"),
    ("authcfg=ab12cd3 table=x", "authcfg=ab12cd3 table=x"),
])
def test_strip_secrets(text, expected):
    assert auditlog.strip_secrets(text) == expected


def test_clean_value_redacts_truncates_and_keeps_numbers():
    assert auditlog.clean_value(5) == 5 and auditlog.clean_value(True) is True
    assert auditlog.clean_value(float("nan")) is None
    assert _cpr() not in auditlog.clean_value("/tmp/" + _cpr() + ".csv")
    long = auditlog.clean_value("a" * 1000)
    assert len(long) == auditlog.MAX_TEXT + 1 and long.endswith("…")
    assert auditlog.clean_value(["x", 1]) == ["x", 1]


def test_entry_fields():
    e = auditlog.build_entry("boligsocial:x", {"PERSONS": "/d/p.csv", "MIN_COUNT": 5},
                             "error", NOW, 1.23456, user="ana", profile="/p",
                             error="Bad thing\nsecond line " + _cpr(),
                             counts={"PERSONS": 10}, outputs={"OUTPUT": "/o.gpkg"})
    assert e["time"] == "2025-06-01T12:00:00+00:00"
    assert e["parameters"] == {"PERSONS": "/d/p.csv", "MIN_COUNT": 5}
    assert e["error"] == "Bad thing"
    assert e["duration_s"] == 1.235 and e["outcome"] == "error"
    assert e["input_counts"] == {"PERSONS": 10} and e["outputs"] == {"OUTPUT": "/o.gpkg"}
    json.dumps(e)


def _entry(t):
    return auditlog.build_entry("boligsocial:x", {}, "ok", t, 0.1)


def test_append_creates_private_file_and_one_line_per_entry(tmp_path):
    path = str(tmp_path / "sub" / "audit.jsonl")
    auditlog.append_entry(path, _entry(NOW), now=NOW)
    auditlog.append_entry(path, _entry(NOW), now=NOW)
    assert len(auditlog.read_entries(path)) == 2
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_retention_prunes_old_lines_at_most_once_a_day(tmp_path):
    path = str(tmp_path / "audit.jsonl")
    old = [NOW - timedelta(days=d) for d in (400, 370, 366, 100, 1)]
    for t in old:
        auditlog.append_entry(path, _entry(t), retention_days=0, now=t)
    with open(path, "a") as f:
        f.write("not json\n")
    auditlog.append_entry(path, _entry(NOW), retention_days=365, now=NOW)
    times = [e["time"][:10] for e in auditlog.read_entries(path)]
    assert times == [(NOW - timedelta(days=d)).date().isoformat() for d in (100, 1)] + \
        [NOW.date().isoformat()]
    with open(path) as f:
        assert "not json" in f.read()  # unreadable lines are kept
    # an entry just past the retention does not trigger a rewrite the same day
    assert not auditlog.prune_due(path, 365, NOW)
    assert auditlog.prune_due(path, 98, NOW)


def test_retention_zero_keeps_everything(tmp_path):
    path = str(tmp_path / "audit.jsonl")
    auditlog.append_entry(path, _entry(NOW - timedelta(days=5000)), now=NOW)
    auditlog.append_entry(path, _entry(NOW), retention_days=0, now=NOW)
    assert len(auditlog.read_entries(path)) == 2


@pytest.mark.parametrize("env, setting, expected", [
    ({"BOLIGSOCIAL_AUDIT_LOG": "/e/a.jsonl"}, "/s/a.jsonl", "/e/a.jsonl"),
    ({}, "/s/a.jsonl", "/s/a.jsonl"),
    ({}, "", os.path.join("/prof", "boligsocial", "audit.jsonl")),
    ({"BOLIGSOCIAL_AUDIT_LOG": "  "}, None, os.path.join("/prof", "boligsocial", "audit.jsonl")),
])
def test_log_path(env, setting, expected):
    assert auditlog.log_path(setting, env, "/prof") == expected


@pytest.mark.parametrize("value, days", [(None, 365), ("30", 30), ("x", 365), (0, 0)])
def test_retention_setting(value, days):
    assert auditlog.retention(value) == days
