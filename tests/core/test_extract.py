# SPDX-License-Identifier: GPL-2.0-or-later
"""Reading Danish CSV and finding every problem of an extract."""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.csvread import read_csv
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.extract import prepare, verdict

DK = ("personnoegle;opgoerelsesdato;alder;koen;udenfor_fte;bruttoindkomst;x;y\n"
      "P1;2025-01-01;34;K;0,25;312.345,50;575000,5;6225000\n"
      "P2;2025-01-01;7;M;0;0;575001;6225001\n")


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-8-sig"])
def test_danish_csv_semicolon_decimal_comma_and_encodings(tmp_path, encoding):
    p = tmp_path / "dk.csv"
    p.write_bytes(("område;" + DK.splitlines()[0] + "\n" + "\n".join(
        "Søndervang Æblehaven;" + line for line in DK.splitlines()[1:]) + "\n").encode(encoding))
    df = read_csv(str(p))
    assert df.loc[0, "område"] == "Søndervang Æblehaven"
    ext = prepare(df)
    assert not ext.blocking, [q.message for q in ext.problems]
    d = ext.data
    assert d.loc[0, "outside_fte"] == 0.25 and d.loc[0, "gross_income"] == 312345.5
    assert d.loc[0, "x"] == 575000.5 and d.loc[0, "age"] == 34
    assert d.loc[0, "person_id"] == 0 and d.loc[1, "person_id"] == 1  # keys become codes
    assert d.loc[0, "ref_date"] == "2025-01-01"


def _codes(df, **kw):
    return {(p.code, p.column): p for p in prepare(df, **kw).problems}


BASE = {"person_id": ["P1", "P2", "P3"], "ref_date": ["2025-01-01"] * 3, "age": [1, 2, 3],
        "x": [1.0, 2.0, 3.0], "y": [1.0, 2.0, 3.0]}


@pytest.mark.parametrize("change,code,column,blocking", [
    ({"age": [1, 140, 3]}, "out_of_range", "age", True),
    ({"age": [1, -2, 3]}, "out_of_range", "age", True),
    ({"age": [1, "ti", 3]}, "wrong_type", "age", True),
    ({"outside_fte": [0, 1.7, 0.5]}, "out_of_range", "outside_fte", True),
    ({"convicted": [0, 2, 1]}, "out_of_range", "convicted", True),
    ({"person_id": ["P1", "P1", "P3"]}, "duplicate_person", "person_id", True),
    ({"ref_date": ["2025-01-01", "1. januar", "2025-01-01"]}, "bad_date", "ref_date", True),
    ({"x": [1.0, np.nan, 3.0]}, "no_location", "x/y", False),
    ({"sex": ["M", "X", "K"]}, "unknown_code", "sex", False),
    ({"gross_income": [1.0, np.inf, 2.0]}, "not_finite", "gross_income", True),
])
def test_each_problem_is_found_with_rows(change, code, column, blocking):
    df = pd.DataFrame({**BASE, **change})
    found = _codes(df)
    assert (code, column) in found, list(found)
    p = found[(code, column)]
    assert p.count == 1 and p.examples == [2]
    assert (p.severity == "blocking") == blocking
    assert verdict(prepare(df).problems) == ("blocking" if blocking else "warnings")


def test_missing_required_columns_and_location():
    found = _codes(pd.DataFrame({"person_id": ["P1"]}))
    assert ("missing_column", "ref_date") in found and ("missing_column", "age") in found
    assert ("missing_location", "x/y") in found


def test_cpr_shaped_keys_are_blocking_and_not_echoed():
    # built at run time so no CPR-shaped literal sits in the repository
    fake = "".join(["01", "01", "70"]) + "-" + "0000"
    found = _codes(pd.DataFrame({**BASE, "person_id": [fake, "P2", "P3"]}))
    p = found[("cpr_shaped", "person_id")]
    assert p.severity == "blocking" and fake not in p.message


@pytest.mark.parametrize("spelling", ["blank", "slash", "prefix", "prefix_dash", "nine"])
def test_cpr_numbers_in_other_spellings_are_refused_as_person_ids(spelling):
    d, s = "".join(["01", "01", "85"]), "1001"  # built at run time
    value = {"blank": d + " " + s, "slash": d + "/" + s, "prefix": "cpr" + d + s,
             "prefix_dash": "CPR-" + d + "-" + s, "nine": (d + s)[1:]}[spelling]
    found = _codes(pd.DataFrame({**BASE, "person_id": [value, "P2", "P3"]}))
    assert ("cpr_shaped", "person_id") in found, list(found)
    assert value not in found[("cpr_shaped", "person_id")].message


def test_duplicate_columns_and_alias_clash():
    df = pd.DataFrame([[1, 2]], columns=["age", "alder"])
    assert ("columns", "") in _codes(df)
    with pytest.raises(BoligsocialError, match="column"):
        from boligsocial_plugin.core.datamodel import match_columns
        match_columns(["Age", "AGE"])


def test_aliases_are_case_insensitive():
    df = pd.DataFrame({"PERSONNOEGLE": ["P1"], "OpgoerelsesDato": ["2025-01-01"],
                       "ALDER": [40], "X": [1.0], "Y": [2.0]})
    ext = prepare(df)
    assert not ext.blocking and ext.mapping["age"] == "ALDER"


def test_empty_and_truncated_files(tmp_path):
    p = tmp_path / "e.csv"
    p.write_text("")
    with pytest.raises(BoligsocialError, match="empty"):
        read_csv(str(p))
    p.write_text('person_id,ref_date,age\n"P1,2025-01-01,3\n')
    with pytest.raises(BoligsocialError):
        read_csv(str(p))


def _as_bytes_table(df):
    """The table as the GDAL and pyarrow readers hand it over: text as fixed-width UTF-8."""
    from boligsocial_plugin.core.columns import ColumnTable

    return ColumnTable({c: (np.array([v.encode("utf-8") for v in df[c]], dtype="S")
                            if df[c].dtype == object else df[c].to_numpy()) for c in df.columns})


def _same_extract(a, b):
    assert [(p.code, p.column, p.count, p.examples) for p in a.problems] == \
        [(p.code, p.column, p.count, p.examples) for p in b.problems]
    assert list(a.data.columns) == list(b.data.columns)
    for c in a.data.columns:
        pd.testing.assert_series_equal(a.data[c], b.data[c], check_exact=True)


FAKE_CPR = "".join(["01", "01", "70"]) + "0000"


@pytest.mark.parametrize("ids,sex", [
    (["P1", "P2", "P3", "P4"], ["M", "K", "F", "X"]),          # short keys: compared as integers
    (["P000000001", "P000000002", "P000000001", "Søren-1"], ["M", "M", "K", ""]),  # long, UTF-8
    (["P1", FAKE_CPR, "", "P1"], ["M", "K", "K", "K"]),          # CPR-shaped, empty, repeated
    ([" P1", "P1 ", "P2", "P2"], ["M", "K", "K", "K"]),          # blanks: the general path
])
def test_bytes_columns_give_the_same_extract_as_text(ids, sex):
    df = pd.DataFrame({"person_id": ids, "ref_date": ["2025-01-01", "2025-01-01", "2024-01-01",
                                                     "2025-01-01"], "age": [1.0, 2.0, 3.0, 4.0],
                       "sex": sex, "x": [1.0, 2.0, 3.0, 4.0], "y": [1.0, 2.0, 3.0, 4.0]})
    text = prepare(df.replace({"": None}))
    _same_extract(prepare(_as_bytes_table(df)), text)


def test_many_bytes_keys_and_a_hash_collision_are_exact():
    from boligsocial_plugin.core import columncodes

    ids = np.array([b"P%09d" % i for i in range(50000)] + [b"P000000007"], dtype="S")
    codes, first = columncodes.bytes_codes(ids)
    assert codes[-1] == 7 and len(first) == 50000 and codes.max() == 49999
    fake_hashes = np.zeros(len(ids), dtype=np.uint64)  # every value collides
    codes2, first2 = columncodes.bytes_codes(ids, fake_hashes)
    assert np.array_equal(codes2, codes) and np.array_equal(first2, first)


@pytest.mark.parametrize("ids", [
    ["P{:09d}".format(i) for i in range(120000)],                 # fixed width, all distinct
    ["P{}".format(i) for i in range(119998)] + [FAKE_CPR, "Pø"],  # widths differ, CPR, UTF-8
    ["P{}".format(i % 60000) for i in range(120000)],              # every person twice
    ["P{:09d}".format(120000 - i) for i in range(120000)],        # sorted, decreasing
    ["P{:09d}".format(i // 2 if i == 70001 else i) for i in range(120000)],  # sorted but one
    ["{:09d}".format(i) for i in range(119999)] + ["010170000"],    # nine digits (CPR test)
])
def test_many_bytes_person_ids_give_the_same_extract_as_text(ids):
    n = len(ids)
    dates = ["2025-01-01"] * (n // 2) + ["2024-01-01"] * (n - n // 2)
    df = pd.DataFrame({"person_id": ids, "ref_date": dates, "age": np.arange(n) % 90 * 1.0,
                       "x": np.ones(n), "y": np.ones(n)})
    _same_extract(prepare(_as_bytes_table(df)), prepare(df))


def test_nine_digit_prefilter_finds_the_rows_the_full_count_finds():
    from boligsocial_plugin.core import personids

    rng = np.random.default_rng(3)
    for w in (8, 9, 10, 13):
        # mostly digits, some letters and blanks, some zero padding
        m = rng.choice(np.frombuffer(b"0123456789012345678901234567A -\x00", np.uint8),
                       size=(5000, w))
        naive = ((m >= 48) & (m <= 57)).sum(axis=1) >= 9
        assert np.array_equal(personids._nine_digits(m), naive)
