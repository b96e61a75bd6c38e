# SPDX-License-Identifier: GPL-2.0-or-later
"""The extract's problems have one table of messages: a file (core.extract) and a database
table (core.dbchecks) report a problem in the same words, and cannot drift apart."""
import pandas as pd
import pytest

from boligsocial_plugin.core import problems, sqlgen
from boligsocial_plugin.core.dbchecks import check_sql
from boligsocial_plugin.core.extract import prepare

ROWS = {"person_id": ["a", "b", "b", "0101801234"], "ref_date": ["2025-01-01"] * 4,
        "x": [1.0, 2.0, None, 4.0], "y": [1.0, 2.0, 3.0, 4.0],
        "age": ["5", "x", "130", "9"], "sex": ["M", "Q", "K", "M"],
        "outside_fte": [0.0, 1.5, 0.5, None], "basic_edu": [1, None, 0, 1]}
# the counts core.dbchecks' statement would return for ROWS (one date)
TOTALS = {"n": 4, "person_id__cpr": 1, "age__wrong": 1, "age__range": 1, "sex__bad": 1,
          "outside_fte__range": 1, "outside_fte__missing": 1, "basic_edu__missing": 1,
          "no_location": 1}


def _db_problems():
    frame = pd.DataFrame(ROWS)
    kinds = {"person_id": sqlgen.TEXT, "ref_date": sqlgen.TEXT, "x": sqlgen.NUMBER,
             "y": sqlgen.NUMBER, "age": sqlgen.TEXT, "sex": sqlgen.TEXT,
             "outside_fte": sqlgen.NUMBER, "basic_edu": sqlgen.NUMBER}
    src = sqlgen.PersonSource("t", {c: sqlgen.DbColumn(c, kinds[c]) for c in kinds}, 25832,
                              x=sqlgen.DbColumn("x", sqlgen.NUMBER),
                              y=sqlgen.DbColumn("y", sqlgen.NUMBER), date_values={})
    checks = check_sql(src, {c: c for c in kinds}, list(frame.columns), False, True)
    return checks.problems(TOTALS, 1)


def _file_problems():
    return prepare(pd.DataFrame(ROWS)).problems


def test_file_and_database_report_the_same_problems_in_the_same_words():
    f = [(p.code, p.column, p.severity, p.count, p.message) for p in _file_problems()]
    d = [(p.code, p.column, p.severity, p.count, p.message) for p in _db_problems()]
    assert sorted(f) == sorted(d)
    assert {c for c, *_ in f} >= {"cpr_shaped", "wrong_type", "out_of_range", "unknown_code",
                                  "missing_value", "duplicate_person", "no_location"}


#: the messages ROWS gives (the others are the file's own tests' business)
IN_ROWS = ("cpr_shaped", "wrong_type", "out_of_range:int", "out_of_range:fraction",
           "unknown_code", "missing_value", "missing_value:basic_edu", "duplicate_person",
           "no_location")


@pytest.mark.parametrize("key", IN_ROWS)
def test_every_message_comes_from_the_one_table(monkeypatch, key):
    monkeypatch.setitem(problems.MESSAGES, key, "<<" + key + ">>")
    files = [p for p in _file_problems() if p.message == "<<" + key + ">>"]
    dbs = [p for p in _db_problems() if p.message == "<<" + key + ">>"]
    assert files and len(files) == len(dbs), key
    assert sorted((p.code, p.column) for p in files) == sorted((p.code, p.column) for p in dbs)


def test_the_table_holds_every_key_used():
    assert set(IN_ROWS) <= set(problems.MESSAGES)
