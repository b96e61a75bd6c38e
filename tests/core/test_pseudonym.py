# SPDX-License-Identifier: GPL-2.0-or-later
"""Keyed pseudonyms, key loading and CPR checks (core, no QGIS).

CPR-shaped values are built at run time (``_cpr``) so no such literal sits in the repository.
"""
import hashlib
import hmac

import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core import pseudonym as ps
from boligsocial_plugin.core.errors import BoligsocialError

KEY = b"0123456789abcdef-test-key"


def _cpr(ddmmyy: str, seq: str, dash: bool = True) -> str:
    """A synthetic CPR number from its parts."""
    return ddmmyy + ("-" if dash else "") + seq


def test_pseudonym_is_truncated_hmac_sha256():
    v = _cpr("0102" + "03", "1234", dash=False)
    got = ps.pseudonymise([v], KEY)[0]
    assert got == hmac.new(KEY, v.encode(), hashlib.sha256).hexdigest()[:32]
    assert len(got) == ps.PSEUDONYM_HEX


def test_pseudonyms_repeat_for_repeated_keys_and_keep_none():
    vals = ["a", "b", None, "a"]
    out = ps.pseudonymise(vals, KEY)
    assert out[0] == out[3] and out[0] != out[1] and out[2] is None


def test_other_key_gives_other_pseudonyms():
    vals = ["p{}".format(i) for i in range(100)]
    a, b = ps.pseudonymise(vals, KEY), ps.pseudonymise(vals, KEY + b"x")
    assert not set(a) & set(b)


def test_long_keys_are_hashed_like_hmac():
    key = b"k" * 100
    assert ps.pseudonymise(["x"], key)[0] == hmac.new(key, b"x", hashlib.sha256).hexdigest()[:32]


@pytest.mark.parametrize("content, ok", [
    (b"  " + b"s" * 16 + b"\n", True),
    (b"s" * 15 + b"\n\n", False),
    (b"", False),
    (b"\xff" * 20, True),
])
def test_key_file_rules(tmp_path, content, ok):
    p = tmp_path / "k"
    p.write_bytes(content)
    if ok:
        assert ps.load_key(str(p)) == content.strip()
    else:
        with pytest.raises(BoligsocialError, match="too short"):
            ps.load_key(str(p))


def test_missing_key_file_message(tmp_path):
    with pytest.raises(BoligsocialError, match="does not exist"):
        ps.load_key(str(tmp_path / "nope"))
    with pytest.raises(BoligsocialError, match="No key"):
        ps.load_key("")


def test_generated_key_is_accepted():
    assert len(ps.check_key(ps.generate_key().encode())) == 64


@pytest.mark.parametrize("value, reason", [
    (_cpr("0102" + "03", "1234"), None),
    (_cpr("0102" + "03", "1234", dash=False), None),
    (" " + _cpr("3112" + "99", "0000") + " ", None),
    (_cpr("2902" + "00", "4123"), None),  # 7th digit 4, yy 00 -> 2000, a leap year
    (_cpr("2902" + "00", "1234"), "date"),  # 7th digit 1 -> 1900, not a leap year
    (_cpr("2902" + "04", "1234"), None),
    (_cpr("3102" + "85", "1234"), "date"),
    (_cpr("0013" + "85", "1234"), "date"),
    (_cpr("0001" + "85", "1234"), "date"),
    (_cpr("3204" + "85", "1234"), "date"),
    ("12345", "shape"),
    ("0102031234x", "shape"),
    ("01-02-03-1234", None),  # separators between the pairs: a CPR number (core.cprtext)
    ("0-1020-31234", "shape"),  # a separator inside a pair is not
    ("", "missing"),
    (None, "missing"),
])
def test_cpr_checks(value, reason):
    c = ps.check_cpr(pd.Series([value], dtype=object))
    assert c.reasons[0] == reason if reason else c.reasons[0] is None
    assert bool(c.malformed[0]) == (reason is not None)
    if reason is None:
        assert c.normalised[0] == value.strip().replace("-", "")


def test_modulus_11_is_not_required():
    value = _cpr("0102" + "03", "1235", dash=False)
    weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1]
    assert sum(int(d) * w for d, w in zip(value, weights)) % 11 != 0
    assert not ps.check_cpr(pd.Series([value])).malformed[0]


def test_examples_are_masked_with_row_numbers():
    good = _cpr("0102" + "03", "1234")
    bad = _cpr("3102" + "85", "1234")
    c = ps.check_cpr(pd.Series([good, bad, "12345", None]))
    assert c.n_malformed == 3
    assert c.examples == [(2, "31xxxx-xxxx"), (3, "12xxx"), (4, "(empty)")]
    msg = ps.malformed_message(c, "cpr")
    assert bad not in msg and bad.replace("-", "") not in msg
    assert "3 rows" in msg and "row 2" in msg


def test_duplicates_within_a_date_only():
    a = _cpr("0102" + "03", "1234")
    b = _cpr("0102" + "03", "1234", dash=False)  # same person, other spelling
    c = ps.check_cpr(pd.Series([a, b, a]), pd.Series(["2024-01-01", "2024-01-01",
                                                      "2025-01-01"]))
    assert c.duplicates.tolist() == [False, True, False]
    c = ps.check_cpr(pd.Series([a, a]))
    assert c.n_duplicates == 1


def test_numeric_column_gets_leading_zero_back():
    value = _cpr("0102" + "03", "1234", dash=False)
    c = ps.check_cpr(pd.Series([int(value), np.nan, 1.5]))
    assert c.normalised[0] == value and c.padded == 1
    assert c.malformed.tolist() == [False, True, True]


def test_other_keys_only_need_a_value():
    c = ps.check_keys(pd.Series(["a", " a ", None, ""]), None)
    assert c.malformed.tolist() == [False, False, True, True]
    assert c.duplicates.tolist() == [False, True, False, False]


def test_date_check_agrees_with_calendar_for_every_day():
    days = pd.date_range("1900-01-01", "1999-12-31", freq="D")
    ddmmyy = days.strftime("%d%m%y")
    c = ps.check_cpr(pd.Series([d + "1234" for d in ddmmyy]))
    assert not c.malformed.any()
    # every impossible ddmm (day 30/31 of short months, day 0, month 0/13) is refused
    impossible = ["3002", "3102", "3104", "3106", "3109", "3111", "0001", "0013", "3200"]
    c = ps.check_cpr(pd.Series([d + "85" + "1234" for d in impossible]))
    assert c.malformed.all()


@pytest.mark.parametrize("text, redacted", [
    ("file " + _cpr("0102" + "03", "1234") + ".csv", "file xxxxxx-xxxx.csv"),
    ("id=" + _cpr("0102" + "03", "1234", dash=False), "id=xxxxxx-xxxx"),
    ("x=570534," + "23104" + "51234", "x=570534," + "23104" + "51234"),  # a coordinate
    ("n=" + "01020312345", "n=01020312345"),  # 11 digits
])
def test_redact(text, redacted):
    assert ps.redact(text) == redacted


def test_uuid_address_keys_are_not_taken_for_cpr_numbers():
    from boligsocial_plugin.core.pseudonym import CPR_ANYWHERE

    assert CPR_ANYWHERE.search("2d301579-0020-48e4-9691-c37cf1c8bb3a") is None
    fake = "".join(["30", "12", "79"]) + "-" + "0020"  # built at run time
    assert CPR_ANYWHERE.search("cpr " + fake + ".") is not None


# --------------------------------------------------------------------------- an extract

def test_plan_drops_key_identifiers_and_person_id_clashes():
    names = ["cpr", "navn", "Personnoegle", "opgoerelsesdato", "age", "note"]
    plan = ps.plan_columns(names, "cpr", text_columns=[0, 1, 2, 5])
    assert plan.drop == {0, 1, 2}
    assert plan.date == 3
    assert plan.scan == [5]  # text columns that stay are searched for CPR numbers
    # two person_id columns: both dropped, and no date (the clash hides the roles)
    assert ps.plan_columns(["cpr", "person_id", "pseudonym"], "cpr", []).drop == {0, 1, 2}


def test_plan_without_date_and_with_a_missing_key():
    assert ps.plan_columns(["id", "x"], "id", []).date is None
    with pytest.raises(BoligsocialError, match="'cpr' is not in the extract"):
        ps.plan_columns(["id"], "cpr", [])


def test_extract_keys_malformed_stop_the_run_unless_dropped():
    ids = ["0101901234", "31029012", None]
    with pytest.raises(BoligsocialError, match="Drop rows with malformed keys"):
        ps.check_extract_keys(ids, None, "cpr", is_cpr=True, numeric=False,
                              drop_invalid=False)
    check, warnings = ps.check_extract_keys(ids, None, "cpr", is_cpr=True, numeric=False,
                                            drop_invalid=True)
    assert check.n_malformed == 2
    assert len(warnings) == 1 and warnings[0].endswith("These rows are left out.")
    assert "0101901234" not in warnings[0]


def test_extract_keys_padding_and_duplicates_are_warnings():
    ids = [101901234, 101901234, 2202901234]
    dates = ["2025-01-01", "2025-01-01", "2025-01-01"]
    check, warnings = ps.check_extract_keys(ids, dates, "cpr", is_cpr=True, numeric=True,
                                            drop_invalid=False)
    assert check.padded == 2 and check.n_duplicates == 1
    assert "leading zero" in warnings[0] and "repeat a person key" in warnings[1]
    assert list(check.normalised[:1]) == ["0101901234"]


def test_extract_other_keys_only_need_a_value():
    check, warnings = ps.check_extract_keys(["a", "b", None], None, "key", is_cpr=False,
                                            numeric=False, drop_invalid=True)
    assert check.n_malformed == 1 and "no value in 'key' (rows 3)" in warnings[0]


def test_cpr_column_warning_names_the_column():
    assert "'note' holds 3 values shaped like CPR numbers" in ps.cpr_column_warning("note", 3)


def test_every_spelling_of_a_key_gets_the_same_normalised_number():
    d, s = "0102" + "03", "1234"
    spellings = [d + s, d + "-" + s, d + "\u2013" + s, "01.02.03-" + s, d + "_" + s,
                 (d + "-" + s).translate(str.maketrans("0123456789", "".join(
                     chr(0xFF10 + i) for i in range(10)))), "cpr" + d + s]
    c = ps.check_cpr(pd.Series(spellings))
    assert not c.malformed.any() and set(c.normalised) == {d + s}
    assert c.n_duplicates == len(spellings) - 1  # one person, not seven
