# SPDX-License-Identifier: GPL-2.0-or-later
"""What counts as a CPR number in text: the one definition the plugin redacts and refuses by.

A CPR number is ten digits ``ddmmyy ssss`` with a real day (01-31) and month (01-12), as it is
found in extracts, case files and hand-typed registers:

* separators before and inside the serial number (``010185-1234``, ``010185 12 34``), or
  between every part (``01.01.85-1234``, ``01 01 85 12 34``); not elsewhere, so an amount
  grouped by thousands (``1.012.345.678``) or a date with a time (``01.02.2025 12:34``) is no
  CPR number. Separators: hyphen, en/em dash and other Unicode dashes, minus, underscore
  (file names), dot, slash, blank or no-break space;
* Unicode digit forms: text is NFKC-normalised first (full-width ``０１０１８５``), other
  decimal digits (Arabic-Indic …) are read as their value;
* an optional prefix ``cpr``, ``cpr-nr.``, ``cprnr:``, ``cpr nummer`` …;
* a number that lost its leading zero in a numeric column: nine digits with a real month
  (``101851234``, also ``101851234.0``).

Not a CPR number: ten digits inside a longer word or number (a UUID ``2d301579-0020-…``, a
hex pseudonym), after a decimal mark (a coordinate) or before ``:`` and a digit (a time), or
with an impossible day/month (most amounts). The day-in-month and century check of a person
key is :func:`valid_birth_dates` in core.pseudonym; this module only decides "CPR-shaped".

:func:`redact` (text), :func:`has_cpr` (text) and :func:`cpr_matrix` (whole values, a
vectorised code-point matrix for 700k ids) apply the same rule.
"""
import re
import unicodedata
from typing import Optional

import numpy as np

#: Separators allowed between the digit pairs of a CPR number (a regex character class).
SEP_CLASS = r"[\-\u2010-\u2015\u2212_./ \u00a0\u202f]"
#: The same separators as code points (for the matrix test).
SEPARATORS = np.array([45, 8208, 8209, 8210, 8211, 8212, 8213, 8722, 95, 46, 47, 32, 160,
                       8239], dtype=np.uint32)
MASK = "xxxxxx-xxxx"
_S = SEP_CLASS + "*"
_S1 = SEP_CLASS + "+"
_DD, _MM = r"(?:0[1-9]|[12]\d|3[01])", r"(?:0[1-9]|1[0-2])"
_SERIAL = r"\d\d" + _S + r"\d\d"
#: ``ddmmyy ssss`` (separators only before and inside the serial number), or a date written
#: with separators ``dd.mm.yy ssss``: then every part is separated, so a date and a time
#: (``01.02.2025 12:34``) is no CPR number.
_TEN = r"(?:" + _DD + _MM + r"\d\d" + _S + _SERIAL + r"|" + \
    _DD + _S1 + _MM + _S1 + r"\d\d" + _S1 + _SERIAL + r")"
_PREFIX = r"(?i:cpr[\W_]{0,3}(?:n(?:r|o|ummer)\.?[\W_]{0,3})?)"
#: Before a CPR number: the prefix, or no letter/digit and no decimal mark after a digit
#: (underscore and other punctuation are allowed: ``udtraek_0101851234.csv``).
_BEFORE = r"(?:" + _PREFIX + r"|(?<![^\W_])(?<!\d[.,]))"
_AFTER = r"(?![^\W_]|[.,:]\d)"
#: Anything shaped like a CPR number inside a longer text (after :func:`fold`).
CPR_TEXT = re.compile(
    _BEFORE + r"(?:" + _TEN + r"|[1-9](?:0[1-9]|1[0-2])\d{6}(?:[.,]0+)?)" + _AFTER)
_OTHER_DIGIT = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """Text with Unicode digit forms read as ASCII digits (NFKC, then any decimal digit)."""
    if text.isascii():
        return text
    folded = unicodedata.normalize("NFKC", text)
    if folded.isascii():
        return folded
    return _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group(), "")) or m.group(),
                            folded)


def redact(text: object) -> str:
    """Text with everything shaped like a CPR number replaced by 'xxxxxx-xxxx'.

    Text with non-ASCII characters is compared after :func:`fold`; when it holds a CPR
    number the folded text is returned (redacted), otherwise the text as it was.
    """
    text = str(text)
    folded = fold(text)
    out, n = CPR_TEXT.subn(MASK, folded)
    return out if n else text


def has_cpr(text: object) -> bool:
    """Whether text holds anything shaped like a CPR number (see the module docstring)."""
    return CPR_TEXT.search(fold(str(text))) is not None


_SEP_CHARS = "".join(map(chr, SEPARATORS.tolist()))


def is_cpr_value(text: object) -> bool:
    """Whether a whole value (a key, a cell) is a CPR number, separators around it ignored."""
    value = fold(str(text)).strip().strip(_SEP_CHARS)
    m = CPR_TEXT.match(value)
    return m is not None and m.end() == len(value)


def cpr_digits(text: str) -> Optional[str]:
    """The ten digits of a whole value that is a CPR number written with separators, a
    prefix or other digit forms (``01.01.85–1234`` -> ``0101851234``); None otherwise."""
    if not is_cpr_value(text):
        return None
    digits = re.sub(r"\D", "", fold(text))
    return digits if len(digits) == 10 else None


def cpr_matrix(m: np.ndarray) -> np.ndarray:
    """Which rows of a code-point matrix (rows = whole values, 0-padded; uint8 ASCII/UTF-8
    bytes or uint32 code points) are CPR numbers; vectorised for ASCII rows.

    Separators are dropped first (rows with one before the digits, after the date or inside
    the serial number are compacted; rows with one elsewhere go through
    :func:`is_cpr_value`), then: ten digits with a real day and month,
    after an optional 'cpr' / 'cprnr' / 'cprno' prefix, or nine digits with a real month (a
    lost leading zero). Rows with non-ASCII characters (full-width digits, an en dash) go
    through :func:`is_cpr_value`.
    """
    n = len(m)
    out = np.zeros(n, dtype=bool)
    if not n or m.shape[1] < 9:
        return out
    wide = (m >= 128).any(axis=1)
    if not wide.any():
        return _ascii_matrix(m)
    ascii_rows = np.nonzero(~wide)[0]
    if len(ascii_rows):
        out[ascii_rows] = _ascii_matrix(m[ascii_rows])
    for i in np.nonzero(wide)[0]:
        row = m[i]
        if m.dtype == np.uint8:
            text = bytes(row[row != 0].tolist()).decode("utf-8", "replace")
        else:
            text = "".join(map(chr, row[row != 0].tolist()))
        out[i] = is_cpr_value(text)
    return out


_SEP_ASCII = np.zeros(128, dtype=bool)
_SEP_ASCII[SEPARATORS[SEPARATORS < 128]] = True
_DIGIT_ASCII = np.zeros(128, dtype=bool)
_DIGIT_ASCII[48:58] = True


def _ascii_matrix(m: np.ndarray) -> np.ndarray:
    m_in = m
    sep = _SEP_ASCII[m]
    has_sep = sep.any(axis=1)
    if has_sep.any():
        rows = np.nonzero(has_sep)[0]
        sub, sep_r = m[rows], sep[rows]
        before = np.cumsum(_DIGIT_ASCII[sub], axis=1, dtype=np.int16)  # digits so far
        # the usual spellings (separators before the digits, after the date or inside the
        # serial number) are compacted here; a separator anywhere else (inside a pair, in a
        # date written dd.mm.yy, '101851234.0') is rare and decided by the text pattern
        odd = (sep_r & ~np.isin(before, (0, 6, 8, 10))).any(axis=1)
        keep = ~sep_r & (sub != 0)
        keep[odd] = False
        pos = np.cumsum(keep, axis=1, dtype=np.int16) - 1
        r, c = np.nonzero(keep)
        packed = np.zeros_like(sub)
        packed[r, pos[r, c]] = sub[r, c]  # kept characters to the left
        m = m.copy()
        m[rows] = packed
        odd_rows = rows[odd & (before[:, -1] >= 9)]
    else:
        odd_rows = np.zeros(0, dtype=np.int64)
    out = _pairs(m)
    for i in odd_rows:
        out[i] = is_cpr_value("".join(map(chr, m_in[i][m_in[i] != 0].tolist())))
    return out


def _pairs(m: np.ndarray) -> np.ndarray:
    """The CPR test on a matrix without separators."""
    n, w = m.shape

    def col(j: int) -> np.ndarray:
        return m[:, j] if j < w else np.zeros(n, dtype=m.dtype)

    def digits(a: int, b: int) -> np.ndarray:
        return np.logical_and.reduce([(col(j) >= 48) & (col(j) <= 57) for j in range(a, b)])

    def num(j: int) -> np.ndarray:
        return (col(j).astype(np.int64) - 48) * 10 + col(j + 1).astype(np.int64) - 48

    def at(o: int) -> np.ndarray:
        dd, mm = num(o), num(o + 2)
        return digits(o, o + 10) & (col(o + 10) == 0) & (dd >= 1) & (dd <= 31) & \
            (mm >= 1) & (mm <= 12)

    out = at(0)
    lower = m | 32  # ASCII letters to lower case (digits keep their code)
    if w >= 13:
        cpr = (lower[:, 0] == 99) & (lower[:, 1] == 112) & (lower[:, 2] == 114)
        if cpr.any():
            out |= cpr & at(3)
            out |= cpr & (col(3) == 58) & at(4)  # 'cpr:0101851234'
            nr = cpr & (lower[:, 3] == 110) & np.isin(lower[:, 4], (111, 114))
            if w >= 15 and nr.any():
                out |= nr & at(5)
    month = num(1)
    nine = digits(0, 9) & (col(9) == 0) & (col(0) >= 49) & (month >= 1) & (month <= 12)
    return out | nine
