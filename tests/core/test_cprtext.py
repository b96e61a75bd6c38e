# SPDX-License-Identifier: GPL-2.0-or-later
"""core.cprtext: one definition of a CPR number for redaction, pseudonymise and person ids."""
import numpy as np
import pytest

from boligsocial_plugin.core import cprtext
from boligsocial_plugin.core.columncodes import codepoints
from boligsocial_plugin.core.personids import cpr_shaped

# built at run time so no CPR-shaped literal sits in the repository
D, S = "".join(["01", "01", "85"]), "1234"
FULLWIDTH = str.maketrans("0123456789", "".join(chr(0xFF10 + i) for i in range(10)))
ARABIC = str.maketrans("0123456789", "".join(chr(0x0660 + i) for i in range(10)))

SPELLINGS = [
    D + S, D + "-" + S, D + "\u2013" + S, D + "\u2014" + S, D + "\u2212" + S, D + "_" + S,
    D + " " + S, D + "/" + S, D + " - " + S, "01.01.85-" + S, "01.01.85 " + S,
    "01 01 85 12 34", (D + "-" + S).translate(FULLWIDTH), (D + S).translate(ARABIC),
    "cpr" + D + S, "CPR-" + D + "-" + S, "cpr:" + D + "_" + S, "CPR-nr. " + D + "-" + S,
    (D + S)[1:],  # a number that lost its leading zero
]
NOT_CPR = [
    "2d301579-0020-48e4-9691-c37cf1c8bb3a",  # a UUID
    "a" + D + S + "b", "f3" + D + S + "9c",  # inside a word or a hex pseudonym
    "570534," + D + S,  # after a decimal mark
    "0" + D + S,  # eleven digits
    "1.012.345.678", "1 012 345 678",  # an amount grouped by thousands
    "3512345678", "0113851234",  # day 35, month 13
    "2025-01-01", "01.01.2025 1234",  # dates
    "01.02.2025 12:34", "01-02-2025 12:34", "010225 12:34", "0101851234:5",  # with a time
    "0101.85-1234", "01.0185-1234",  # a date separated only in part
]


@pytest.mark.parametrize("value", SPELLINGS)
def test_every_spelling_is_found_redacted_and_refused_as_a_key(value):
    assert cprtext.has_cpr(value) and cprtext.is_cpr_value(value)
    assert cprtext.redact("file udtraek_" + value + ".csv") == "file udtraek_xxxxxx-xxxx.csv"
    assert cpr_shaped(np.array([value], dtype=object))[0]


@pytest.mark.parametrize("value", NOT_CPR)
def test_no_false_alarm(value):
    assert not cprtext.has_cpr(value) and cprtext.redact(value) == value
    assert not cpr_shaped(np.array([value], dtype=object))[0]


def test_matrix_and_text_agree_on_whole_values():
    rng = np.random.default_rng(5)
    seps = ["", "-", "_", ".", " ", "/", ":", "\u2013", "x", "--", " - "]
    values = []
    for _ in range(5000):
        digits = "".join(str(d) for d in rng.integers(0, 10, 10))
        cut = sorted(rng.choice(11, size=rng.integers(0, 5), replace=False))
        parts, last = [], 0
        for c in cut:
            parts += [digits[last:c], seps[rng.integers(0, len(seps))]]
            last = c
        values.append("".join(parts) + digits[last:])
    m = codepoints(np.array(values, dtype=object))
    got = cprtext.cpr_matrix(m)
    want = np.array([cprtext.is_cpr_value(v) for v in values])
    assert got.sum() > 50
    # the matrix compacts the usual spellings and leaves the rest to the text pattern: the
    # same verdict on these values
    assert (got == want).all(), [v for v, g, w in zip(values, got, want) if g != w][:5]


def test_bytes_matrix_with_utf8_spellings():
    vals = np.array([(D + "\u2013" + S).encode(), (D + S).translate(FULLWIDTH).encode(),
                     b"P0000001"], dtype="S40")
    m = vals.view(np.uint8).reshape(len(vals), -1)
    assert cprtext.cpr_matrix(m).tolist() == [True, True, False]
