# SPDX-License-Identifier: GPL-2.0-or-later
"""The pyarrow CSV path gives what the pandas path gives: the same columns, values, problems."""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core import csvread
from boligsocial_plugin.core.datamodel import columns_to_read
from boligsocial_plugin.core.extract import prepare

pytest.importorskip("pyarrow")

HEAD_DK = "personnoegle;opgoerelsesdato;x;y;alder;koen;udenfor_fte;bruttoindkomst;bydel\n"
ROW_DK = "P{i};2025-01-01;575000,5;6225000,25;{age};K;0,25;312345;Øster Søndervang\n"
HEAD = "person_id,ref_date,x,y,age,sex,outside_fte,gross_income,household_id\n"
ROW = "P{i},2025-01-01,575000.5,6225000.25,{age},M,0.5,312345,H{i}\n"


ADDR = ("person_id,ref_date,x,y,address_id,age\n" +
        "".join("P{i},2025-01-01,1,2,a{i},30\n".format(i=i) for i in range(5)) +
        "P9,2025-01-01,{x},{y},a9,40\n")


def _dk(rows, tail=""):
    return HEAD_DK + "".join(ROW_DK.format(i=i, age=i % 90) for i in range(rows)) + tail


def _plain(rows, tail=""):
    return HEAD + "".join(ROW.format(i=i, age=i % 90) for i in range(rows)) + tail


CASES = {
    "danish cp1252": (_dk(50), "cp1252"),
    "danish utf-8": (_dk(50), "utf-8"),
    "plain utf-8 with BOM": (_plain(50), "utf-8-sig"),
    "missing values": (_plain(20, "P98,2025-01-01,NA,,3,,0.1,,H\nP99,,1,2,NA,K,,1,\n"), "utf-8"),
    "id with a Danish letter": (_dk(20, "Pø1;2025-01-01;1;2;3;M;0;0;x\n"), "cp1252"),
    "id with a Danish letter, utf-8": (_dk(20, "Pø1;2025-01-01;1;2;3;M;0;0;x\n"), "utf-8"),
    "quoted values": (_plain(5, '"P7","2025-01-01","1.5","2","4","K","0","7","H"\n'), "utf-8"),
    "ids of different lengths": (_plain(5, "P123456789012,2025-01-01,1,2,3,M,0,1,H\n"), "utf-8"),
    # pyarrow gives up on these and pandas reads them: the result must still be the same
    "a word in a number column": (_plain(5, "P9,2025-01-01,1,2,ti,M,0,1,H\n"), "utf-8"),
    "blanks after separators": (_dk(5, "P9; 2025-01-01; 1; 2; 3; M; 0; 1;x\n"), "cp1252"),
    "thousands dot": (_dk(5, "P9;2025-01-01;1;2;3;M;0;1.234,5;x\n"), "cp1252"),
    "duplicate person": (_plain(5, ROW.format(i=1, age=3)), "utf-8"),
    "address ids, every row located": (ADDR.format(x="1.5", y="2"), "utf-8"),
    "address ids for rows without x/y": (ADDR.format(x="", y=""), "utf-8"),
}


def _keep(names):
    return columns_to_read(names, {}, False, (), ("x", "y"))


@pytest.mark.parametrize("name", list(CASES))
def test_pyarrow_and_pandas_read_the_same(tmp_path, monkeypatch, name):
    text, encoding = CASES[name]
    path = tmp_path / "p.csv"
    path.write_bytes(text.encode(encoding))
    fast = csvread.read_csv_columns(str(path), _keep)
    with monkeypatch.context() as m:
        m.setattr(csvread, "pyarrow_csv", lambda: None)
        slow = csvread.read_csv_columns(str(path), _keep)
    # pyarrow leaves out the address key when every row has coordinates (never used then)
    assert [c for c in slow.columns if c in fast.columns] == fast.columns
    assert set(slow.columns) - set(fast.columns) <= {"address_id"} and len(fast) == len(slow)
    a, b = prepare(fast), prepare(slow)
    assert [(p.code, p.column, p.count, p.examples, p.message) for p in a.problems] == \
        [(p.code, p.column, p.count, p.examples, p.message) for p in b.problems]
    assert list(a.data.columns) == list(b.data.columns)
    for c in a.data.columns:
        pd.testing.assert_series_equal(a.data[c], b.data[c], check_exact=True)


@pytest.mark.parametrize("engine", ["pyarrow", "pandas"])
def test_the_address_key_is_read_only_for_rows_without_coordinates(tmp_path, monkeypatch,
                                                                    engine):
    if engine == "pandas":
        monkeypatch.setattr(csvread, "pyarrow_csv", lambda: None)
    path = tmp_path / "p.csv"
    path.write_text(ADDR.format(x="1.5", y="2"), encoding="utf-8")
    assert "address_id" not in csvread.read_csv_columns(str(path), _keep).columns
    path.write_text(ADDR.format(x="", y=""), encoding="utf-8")
    table = csvread.read_csv_columns(str(path), _keep)
    assert table.columns == ["person_id", "ref_date", "x", "y", "address_id", "age"]
    assert np.asarray(table["address_id"])[-1] in (b"a9", "a9")


def test_pyarrow_reads_text_as_bytes_and_numbers_as_floats(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes(_dk(30, "Pø1;2025-01-01;1;2;3;M;0;0;x\n").encode("cp1252"))
    table = csvread.read_csv_columns(str(path), _keep)
    assert "bydel" not in table.columns  # not needed, never read
    assert table["personnoegle"].dtype.kind == "S"  # fixed-width UTF-8
    assert table["personnoegle"][-1].decode("utf-8") == "Pø1"
    assert table["x"].dtype == np.float64 and table["x"][0] == 575000.5
    assert table["udenfor_fte"][0] == 0.25


def test_engine_named_and_missing_pyarrow_falls_back(monkeypatch, tmp_path):
    assert csvread.csv_engine() == "pyarrow"
    import builtins

    real = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError("pyarrow requires NumPy 2.0 or newer")  # what pyarrow 26 says
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    assert csvread.pyarrow_csv() is None and csvread.csv_engine() == "pandas"
    path = tmp_path / "p.csv"
    path.write_text(_plain(3), encoding="utf-8")
    assert len(csvread.read_csv_columns(str(path), _keep)) == 3
