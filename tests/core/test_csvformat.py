# SPDX-License-Identifier: GPL-2.0-or-later
"""CSV outputs in the Danish (Excel) or the international form."""
import csv
import io

import pytest

from boligsocial_plugin.core import csvformat as cf

DA, EN = cf.DANISH_DIALECT, cf.INTERNATIONAL_DIALECT


@pytest.mark.parametrize("choice, language, expected", [
    ("auto", "da", DA), ("auto", "da_DK", DA), ("auto", "en", EN), ("auto", "", EN),
    ("danish", "en", DA), ("international", "da", EN), (None, "da", DA),
])
def test_the_form_follows_the_language_unless_forced(choice, language, expected):
    assert cf.dialect(choice, language) == expected


@pytest.mark.parametrize("value, kind, danish, international", [
    (19, cf.INT, "19", "19"),
    ("19", cf.INT, "19", "19"),                 # GDAL quotes integers: read back as numbers
    (10.9720074980113, cf.FLOAT, "10,9720074980113", "10.9720074980113"),
    ("54", cf.FLOAT, "54", "54"),
    (0.1 + 0.2, cf.FLOAT, "0,30000000000000004", "0.30000000000000004"),  # full precision
    (1e-7, cf.FLOAT, "0,0000001", "0.0000001"),  # never an exponent
    (-1234567.5, cf.FLOAT, "-1234567,5", "-1234567.5"),
    (None, cf.FLOAT, "", ""), ("", cf.INT, "", ""), (float("nan"), cf.FLOAT, "", ""),
    ("2025/01/01", cf.DATE, "2025-01-01", "2025-01-01"),
    ("2025-01-01", cf.DATE, "2025-01-01", "2025-01-01"),
    ("2025/01/01 12:30:00", cf.DATETIME, "2025-01-01 12:30:00", "2025-01-01 12:30:00"),
    ("Fjordløkken", cf.TEXT, "Fjordløkken", "Fjordløkken"),
    ("=cmd|' /C calc'!A0", cf.TEXT, "'=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ("-", cf.TEXT, "'-", "'-"),
    ("-1200", cf.TEXT, "-1200", "-1200"),        # a negative number held as text: no formula
    ("-2+3+cmd|' /C calc'!A0", cf.TEXT, "'-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("x", cf.INT, "x", "x"),                    # not a number after all: kept as text
])
def test_cells(value, kind, danish, international):
    assert cf.format_cell(value, kind, DA) == danish
    assert cf.format_cell(value, kind, EN) == international


def test_danish_file_reads_back_in_excel_form():
    text = cf.to_text(["area_id", "area_name", "ref_date", "residents", "val"],
                      [["A1", "Fjord; løkken", "2025/01/01", "19", 10.5],
                       ["A2", 'Say "hi"', "2025/01/01", None, None]],
                      [cf.TEXT, cf.TEXT, cf.DATE, cf.INT, cf.FLOAT], DA)
    lines = text.split("\r\n")
    assert lines[0] == "area_id;area_name;ref_date;residents;val"
    assert lines[1] == 'A1;"Fjord; løkken";2025-01-01;19;10,5'  # quoted only where needed
    assert lines[2] == 'A2;"Say ""hi""";2025-01-01;;'
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1][1] == "Fjord; løkken"


def test_encoding_has_a_byte_order_mark_only_in_danish():
    assert DA.encoding == "utf-8-sig" and EN.encoding == "utf-8"
    assert "æøå".encode(DA.encoding).startswith(b"\xef\xbb\xbf")


def test_labels_for_every_choice():
    assert len(cf.choice_labels()) == len(cf.CHOICES) == 3


def test_columns_agree_with_cells():
    """The vectorised form gives what format_cell gives, for text as GDAL writes it."""
    import pandas as pd

    cols = {
        cf.INT: ["19", "", "-3", "x"],
        cf.FLOAT: ["10.9720074980113", "54", "", "1e-07", "-1234567.5", "inf", "abc"],
        cf.DATE: ["2025/01/01", "2025-01-01", ""],
        cf.DATETIME: ["2025/01/01 12:30:00", ""],
        cf.TEXT: ["Fjordløkken", "=1+1", "-1200", "-", "@x", "", "ok = fine", "+45 1234"],
    }
    for kind, values in cols.items():
        frame = pd.DataFrame({"c": values})
        for d in (DA, EN):
            got = list(cf.format_columns(frame, [kind], d)["c"])
            assert got == [cf.format_cell(v if v != "" else None, kind, d) for v in values], \
                (kind, d)
