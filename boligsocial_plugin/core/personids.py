# SPDX-License-Identifier: GPL-2.0-or-later
"""The person id column: integer codes, CPR-shaped values and 64-bit person keys.

:func:`person_keys` codes a person id column as given (blanks around ids trimmed, never kept
as text), finds the values shaped like a CPR number (:func:`cpr_shaped`, a blocking problem in
core.extract) and computes each distinct id's person key (core.personkeys).
"""
from typing import Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.columncodes import (
    SPACE,
    WIDE,
    ColumnData,
    bytes_codes,
    codepoints,
    column_values,
    fast_codes,
    is_narrow_bytes,
    merge_equal,
    stripped_text,
    without_empty,
)
from boligsocial_plugin.core.cprtext import cpr_matrix
from boligsocial_plugin.core.personkeys import (
    keys_from_bytes,
    keys_from_codepoints,
    keys_from_strings,
)


def person_keys(s: ColumnData) -> Tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """Integer code per row (-1 empty), CPR-shaped rows, number of distinct keys, and the
    64-bit person key (core.personkeys) of each distinct value.

    Keys are compared as given (after trimming surrounding blanks) and never kept as text.
    Everything runs on one code-point matrix of the distinct keys (no per-key Python).
    """
    if is_narrow_bytes(s):
        got = _bytes_person_keys(s)
        if got is not None:
            return got
        s = s.astype(object)  # blanks around keys: trimmed on the general path
    if isinstance(s, np.ndarray) and s.dtype.kind == "S":  # too wide for a matrix
        s = s.astype(object)
    fast = fast_codes(s)
    if fast is not None:
        codes, m, first = fast
        cpr_u = cpr_matrix(m) if len(m) else np.zeros(1, dtype=bool)
        if m.dtype == np.uint8 and (m >= 128).any():  # UTF-8 bytes: hash the characters
            raw = column_values(s)[first]
            keys_u = keys_from_strings([v.decode("utf-8", "replace") for v in raw])
        else:
            keys_u = keys_from_codepoints(m)
        return codes, (codes >= 0) & cpr_u[np.maximum(codes, 0)], len(m), keys_u
    codes, uniques = pd.factorize(s.to_numpy(dtype=object) if isinstance(s, pd.Series) and
                                  s.dtype.kind == "S" else s)
    vals = np.asarray(uniques, dtype=object)
    if len(vals) and pd.api.types.infer_dtype(vals, skipna=True) != "string":
        vals, changed = stripped_text(vals)
        if changed:  # bytes or numbers equal after trimming blanks: one key
            codes, vals = merge_equal(codes, vals)
            vals = np.asarray(vals, dtype=object)
    wide = bool(len(vals)) and max(map(len, vals)) > WIDE
    if wide:  # one huge key: no (keys x longest) matrix
        stripped, changed = stripped_text(vals)
        if changed:
            codes, stripped = merge_equal(codes, stripped)
        vals = np.asarray(stripped, dtype=object)
        m = codepoints(np.array([v[:32] for v in vals], dtype=object))  # 32 chars decide
    else:
        m = codepoints(vals)
    if len(vals) and not wide:
        lens = (m != 0).sum(axis=1)
        ws = np.isin(m[:, 0], SPACE) | np.isin(m[np.arange(len(m)), np.maximum(lens - 1, 0)],
                                                  SPACE)
        if ws.any():
            vals = vals.copy()
            vals[ws] = [v.strip() for v in vals[ws]]
            codes, vals = merge_equal(codes, vals)
            vals = np.asarray(vals, dtype=object)
            m = codepoints(vals)
    empty_u = m[:, 0] == 0 if len(vals) else np.zeros(0, dtype=bool)
    if empty_u.any():
        codes = np.where((codes >= 0) & empty_u[np.maximum(codes, 0)], -1, codes)
    cpr_u = cpr_matrix(m)
    cpr = (codes >= 0) & cpr_u[np.maximum(codes, 0)] if len(vals) else codes < -1
    keys_u = keys_from_strings(vals) if wide else keys_from_codepoints(m)
    return codes.astype(np.int64), cpr, len(vals), keys_u


def _bytes_person_keys(v: np.ndarray):
    """:func:`person_keys` of a fixed-width UTF-8 bytes column without blanks around keys
    (None otherwise). The key of the bytes is the person key of an ASCII id, so it serves as
    the hash that finds the distinct ids (one pass, no per-key Python)."""
    n, w = len(v), v.dtype.itemsize
    m = v.view(np.uint8).reshape(n, w)
    if np.count_nonzero(m) == m.size:  # every id as wide as the column: no lengths to count
        keys = keys_from_bytes(m, np.full(n, w, dtype=np.int64))
    else:
        keys = keys_from_codepoints(m)
    codes, first = bytes_codes(v, keys, maybe_distinct=True)
    um = m if len(first) == n else m[first]
    if (um[:, -1] != 0).all():  # every value as wide as the column (fixed-width ids)
        lens = np.full(len(um), w)
        last = um[:, -1]
    else:
        lens = (um != 0).sum(axis=1)
        last = um[np.arange(len(um)), np.maximum(lens - 1, 0)]
    if (np.isin(um[:, 0], SPACE) | np.isin(last, SPACE)).any():
        return None
    if (lens == 0).any():
        codes, first = without_empty(codes, first, lens == 0)
        um = um[lens > 0]
    keys_u = keys[first]
    if (um.ravel() >= 128).any():  # UTF-8 beyond ASCII: the key is one of the characters
        wide = (um >= 128).any(axis=1)
        keys_u[wide] = keys_from_strings([b.decode("utf-8", "replace") for b in v[first[wide]]])
    cpr_u = np.zeros(max(1, len(um)), dtype=bool)
    # a CPR number has at least nine digits: only such values need the shape test (and
    # values with UTF-8 beyond ASCII: full-width digits, an en dash)
    digits = _nine_digits(um) | (um >= 128).any(axis=1)
    if digits.any():
        cpr_u[np.nonzero(digits)[0]] = cpr_matrix(um[digits])
    return codes, (codes >= 0) & cpr_u[np.maximum(codes, 0)], len(um), keys_u


def _nine_digits(m: np.ndarray) -> np.ndarray:
    """Rows of a byte matrix with at least nine ASCII digits, column by column: a row drops
    out once it has more other bytes than its width leaves room for (usually after the first
    column, e.g. a letter prefix in a column nine wide)."""
    n, w = m.shape
    out = np.zeros(n, dtype=bool)
    if w < 9:
        return out
    rows = np.arange(n)
    others = np.zeros(n, dtype=np.int16)
    for j in range(w):
        col = m[:, j] if len(rows) == n else m[rows, j]
        others += (col < 48) | (col > 57)
        keep = others <= w - 9
        if not keep.all():
            rows, others = rows[keep], others[keep]
            if not len(rows):
                return out
    out[rows] = True
    return out


def cpr_shaped(vals: np.ndarray) -> np.ndarray:
    """Which strings are CPR numbers in any spelling (core.cprtext); vectorised."""
    if not len(vals):
        return np.zeros(0, dtype=bool)
    if max(map(len, vals)) > WIDE:  # 32 characters decide; keeps the matrix small
        vals = np.array([v[:32] for v in vals], dtype=object)
    return cpr_matrix(codepoints(vals))
