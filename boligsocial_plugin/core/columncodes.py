# SPDX-License-Identifier: GPL-2.0-or-later
"""Raw columns as codes, numbers and dates, vectorised (the typing half of core.extract).

A column as read (a pandas Series, or a numpy column of a :class:`ColumnTable`, text as UTF-8
bytes) becomes integer codes of its distinct values (:func:`factor`, :func:`bytes_codes`),
numbers with a decimal comma accepted (:func:`to_number`) or ISO dates (:func:`to_date`). All
work is done once per distinct value on code-point matrices, never per row in Python.
"""
from typing import Any, Optional, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.personkeys import keys_from_codepoints

#: a column as core.extract.prepare() gets it: a pandas Series, or a numpy array of a ColumnTable
ColumnData = Union[pd.Series, np.ndarray]
#: blanks stripped around values (tab, newlines, space, no-break space) as code points
SPACE = np.array([9, 10, 11, 12, 13, 32, 160], dtype=np.uint32)
WIDE = 64  # longest value handled by the vectorised path


def to_number(s: ColumnData) -> Tuple[np.ndarray, np.ndarray]:
    """Numbers (decimal comma accepted) and a mask of non-empty values that are not numbers.

    ``s`` is a pandas Series or a numpy column of a :class:`ColumnTable` (bytes are UTF-8).
    """
    if isinstance(s, np.ndarray):
        if s.dtype.kind in "biuf":
            return np.asarray(s, dtype=float), np.zeros(len(s), dtype=bool)
        if s.dtype.kind not in "SO":
            s = pd.Series(s, copy=False)
    if isinstance(s, pd.Series) and pd.api.types.is_bool_dtype(s):
        return s.to_numpy(dtype=float), np.zeros(len(s), dtype=bool)
    if isinstance(s, pd.Series) and pd.api.types.is_numeric_dtype(s):
        return s.to_numpy(dtype=float, na_value=np.nan), np.zeros(len(s), dtype=bool)
    if s.dtype == object or s.dtype.kind == "S":  # bytes or mixed: each distinct value once
        codes, u = factor(s)
        num_u, bad_u = to_number(pd.Series(u.to_numpy(dtype=object), dtype="string"))
        ok = codes >= 0
        num, bad = np.full(len(s), np.nan), np.zeros(len(s), dtype=bool)
        num[ok], bad[ok] = num_u[codes[ok]], bad_u[codes[ok]]
        return num, bad
    t = pd.Series(s, copy=False).astype("string").str.strip()
    t = t.str.replace("\u2212", "-", regex=False)
    # decimal comma; a thousands dot only in the "1.234,5" form
    both = t.str.contains(",", regex=False, na=False) & t.str.contains(".", regex=False, na=False)
    t = t.mask(both, t.str.replace(".", "", regex=False))
    t = t.str.replace(",", ".", regex=False)
    num = pd.to_numeric(t, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    bad = np.isnan(num) & t.notna().to_numpy() & (t != "").fillna(False).to_numpy(dtype=bool)
    return num, bad


def fast_codes(s: ColumnData):
    """Codes per row (-1 missing), the code-point matrix of each distinct value, and the row
    of each value's first occurrence; vectorised for text of up to 64 characters.

    Each value's characters are hashed row-wise (64-bit FNV-1a over the matrix columns) and the
    hashes factorized; a hash collision is detected by comparing the matrix rows, and then
    (like for blanks around values, or mixed types) None is returned so the caller falls back
    to the plain path. Returns None for small inputs, where the plain path is as fast.
    """
    n = len(s)
    if n < 20000 or s.dtype != object:  # numbers and dates factorize fast as they are
        return None
    vals = s.to_numpy(dtype=object) if isinstance(s, pd.Series) else s
    null = pd.isna(vals)
    kind = pd.api.types.infer_dtype(vals, skipna=True)
    m: np.ndarray
    try:
        if kind == "bytes":
            arr = np.where(null, b"", vals).astype("S")
            m = arr.view(np.uint8).reshape(n, max(1, arr.dtype.itemsize))
        elif kind == "string":
            arr = np.where(null, "", vals).astype("U")
            m = arr.view(np.uint32).reshape(n, max(1, arr.dtype.itemsize // 4))
        else:
            return None
    except (UnicodeError, ValueError, TypeError):
        return None
    if arr.dtype.itemsize == 0 or m.shape[1] > WIDE:
        return None
    lens = (m != 0).sum(axis=1)
    last = m[np.arange(n), np.maximum(lens - 1, 0)]
    if (np.isin(m[:, 0], SPACE) | np.isin(last, SPACE)).any():
        return None
    h = np.full(n, 14695981039346656037, dtype=np.uint64)
    prime = np.uint64(1099511628211)
    for j in range(m.shape[1]):
        h ^= m[:, j].astype(np.uint64)
        h *= prime
    empty = null | (lens == 0)
    codes, _u = pd.factorize(np.where(empty, np.uint64(0), h))
    first = np.empty(len(_u), dtype=np.int64)
    first[codes[::-1]] = np.arange(n)[::-1]
    if not (m[first[codes]] == m).all():
        return None  # a hash collision: let pandas compare the values themselves
    if empty.any():
        # drop the code of the empty values and renumber
        ecode = codes[np.nonzero(empty)[0][0]]
        keep = np.ones(len(first), dtype=bool)
        keep[ecode] = False
        remap = np.cumsum(keep) - 1
        codes = np.where(empty, -1, remap[codes])
        first = first[keep]
    return codes.astype(np.int64), m[first], first


def factor(s: ColumnData) -> Tuple[np.ndarray, pd.Index]:
    """Codes per row (-1 missing) and the unique values as stripped text (work on uniques)."""
    if isinstance(s, np.ndarray) and s.dtype.kind not in "SO":  # numbers, dates
        s = pd.Series(s, copy=False)
    if is_narrow_bytes(s):
        codes, first = bytes_codes(s)
        codes, first = without_empty(codes, first, s[first] == b"")
        u, changed = stripped_text(s[first].astype(object))
        if changed:  # values equal after stripping share one code
            codes, u = merge_equal(codes, u)
        return codes, pd.Index(u, dtype=object)
    fast = fast_codes(s)
    if fast is not None:
        codes, _m, first = fast
        vals = column_values(s)[first]
        return codes, pd.Index([v.decode("utf-8", "replace") if isinstance(v, bytes) else v
                                for v in vals], dtype=object)
    if isinstance(s, np.ndarray) and s.dtype.kind == "S":  # too wide for a matrix
        s = s.astype(object)
    codes, uniques = pd.factorize(s)
    u, changed = stripped_text(np.asarray(uniques, dtype=object))
    if changed:  # values equal after stripping share one code
        codes, u = merge_equal(codes, u)
    return codes.astype(np.int64), pd.Index(u, dtype=object)


def merge_equal(codes: np.ndarray, uniques: Any) -> Tuple[np.ndarray, Any]:
    """Codes (-1 missing) and distinct values once values that have become equal (e.g. after
    stripping blanks) share one code, numbered in order of first appearance."""
    c2, merged = pd.factorize(uniques)
    return np.where(codes >= 0, c2[np.maximum(codes, 0)], -1), merged


def column_values(s: ColumnData) -> np.ndarray:
    """The numpy values of a column."""
    return s.to_numpy(dtype=object) if isinstance(s, pd.Series) else s


def is_narrow_bytes(s: ColumnData) -> bool:
    """A fixed-width bytes column (ColumnTable text) narrow enough for a code-unit matrix."""
    return isinstance(s, np.ndarray) and s.dtype.kind == "S" and 0 < s.dtype.itemsize <= WIDE


def bytes_codes(v: np.ndarray, hashes: Optional[np.ndarray] = None,
                maybe_distinct: bool = False) -> Tuple[np.ndarray, np.ndarray]:
    """Exact codes (first appearance order) of a fixed-width bytes column, and each code's
    first row. Values of up to 8 bytes are compared as integers; longer ones by a 64-bit hash
    of their bytes (``hashes``, default core.personkeys' key of the bytes) with every repeated
    value checked against its first occurrence, so a hash collision can never merge two values.

    ``maybe_distinct``: the values may all differ (person ids on one date); values in strictly
    increasing (or decreasing) order all differ (one comparison per row: extracts are usually
    sorted by person), and otherwise, when a sample of rows repeats no value, sorting the
    hashes (cheaper than a hash table of millions) can show that no two rows share one; then
    every row is its own code.
    """
    n, w = len(v), v.dtype.itemsize
    m = v.view(np.uint8).reshape(n, w)
    if w <= 8:
        padded = np.zeros((n, 8), dtype=np.uint8)
        padded[:, :w] = m
        key = padded.view(np.uint64).ravel()
    else:
        key = keys_from_codepoints(m) if hashes is None else hashes
    if maybe_distinct and n > 100000 and (_strictly_monotonic(v) or _all_distinct(key)):
        every = np.arange(n, dtype=np.int64)
        return every, every.copy()
    codes, uk = pd.factorize(key)
    first = np.empty(len(uk), dtype=np.int64)
    first[codes[::-1]] = np.arange(n, dtype=np.int64)[::-1]
    if w > 8 and len(uk) < n:
        rep = np.nonzero(first[codes] != np.arange(n))[0]
        same = v[rep] == v[first[codes[rep]]]
        if not same.all():  # a hash collision (about 1 in 10^19 per pair): compare values
            codes, uniques = pd.factorize(v.astype(object))
            first = np.empty(len(uniques), dtype=np.int64)
            first[codes[::-1]] = np.arange(n, dtype=np.int64)[::-1]
    return codes.astype(np.int64), first


def _strictly_monotonic(v: np.ndarray) -> bool:
    """Whether the values are in strictly increasing or strictly decreasing order (so all
    differ)."""
    return bool((v[1:] > v[:-1]).all()) or bool((v[1:] < v[:-1]).all())


def _all_distinct(key: np.ndarray) -> bool:
    """Whether no two of these 64-bit values are equal (a sample first, then a sort)."""
    sample = key[::max(1, len(key) // 20000)]
    if len(np.unique(sample)) < len(sample):
        return False
    s = np.sort(key)
    return not (s[1:] == s[:-1]).any()


def without_empty(codes: np.ndarray, first: np.ndarray,
                   empty_u: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Empty values become missing (-1); the other codes are renumbered."""
    if not empty_u.any():
        return codes, first
    keep = ~empty_u
    remap = np.cumsum(keep) - 1
    codes = np.where(keep[codes], remap[codes], -1)
    return codes, first[keep]


def stripped_text(vals: np.ndarray) -> Tuple[np.ndarray, bool]:
    """Unique values as str, stripped (and whether any changed); vectorised."""
    kind = pd.api.types.infer_dtype(vals, skipna=True) if len(vals) else "string"
    # one enormous value would make the fixed-width matrices huge (n x longest): plain loops
    wide = bool(len(vals)) and kind in ("bytes", "string") and max(map(len, vals)) > WIDE
    if kind == "bytes":
        try:
            if wide:
                raise UnicodeDecodeError("utf-8", b"", 0, 1, "wide")
            vals = vals.astype("S").astype("U").astype(object)
        except UnicodeDecodeError:
            vals = np.array([v.decode("utf-8", "replace") for v in vals], dtype=object)
    elif kind != "string":
        vals = np.array([v.toString("yyyy-MM-dd") if hasattr(v, "toString") else str(v)
                         for v in vals], dtype=object)
    if not len(vals):
        return vals, False
    if wide or max(map(len, vals)) > WIDE:
        stripped = np.array([v.strip() for v in vals], dtype=object)
        changed = stripped != vals
        return (stripped, True) if changed.any() else (vals, False)
    m = codepoints(vals)
    lens = (m != 0).sum(axis=1)
    first = m[:, 0]
    last = m[np.arange(len(m)), np.maximum(lens - 1, 0)]
    ws = np.isin(first, SPACE) | np.isin(last, SPACE)
    if ws.any():
        vals = vals.copy()
        vals[ws] = [v.strip() for v in vals[ws]]
    return vals, bool(ws.any())


def codepoints(vals: np.ndarray) -> np.ndarray:
    """(n, width) matrix of the unicode code points of each string (0-padded)."""
    arr = np.asarray(vals, dtype=str)
    width = max(1, arr.dtype.itemsize // 4)
    return arr.view(np.uint32).reshape(len(arr), width) if arr.dtype.itemsize else \
        np.zeros((len(arr), 1), dtype=np.uint32)


def categorical(codes: np.ndarray, categories: pd.Index) -> pd.Categorical:
    """A categorical column from codes and (possibly repeated) category labels."""
    c2, u2 = pd.factorize(categories)
    if len(u2) != len(categories):
        codes = np.where(codes >= 0, c2[np.maximum(codes, 0)], -1)
        categories = pd.Index(u2)
    if (categories == "").any():
        keep = categories != ""
        remap = np.cumsum(keep) - 1
        codes = np.where((codes >= 0) & keep[np.maximum(codes, 0)],
                         remap[np.maximum(codes, 0)], -1)
        categories = categories[keep]
    return pd.Categorical.from_codes(codes, categories=categories)


def to_date(s: pd.Series) -> Tuple[pd.Series, np.ndarray]:
    """ISO dates as 'YYYY-MM-DD' strings (also accepts DD-MM-YYYY and YYYYMMDD)."""
    if pd.api.types.is_datetime64_any_dtype(s):
        d = s
    else:
        t = s.astype("string").str.strip().str.slice(0, 10)
        d = pd.to_datetime(t, format="%Y-%m-%d", errors="coerce")
        for fmt in ("%d-%m-%Y", "%d.%m.%Y", "%Y%m%d", "%d/%m/%Y"):
            miss = d.isna() & t.notna()
            if not miss.any():
                break
            d = d.fillna(pd.to_datetime(t.where(miss), format=fmt, errors="coerce"))
    bad = (d.isna() & s.notna()).to_numpy()
    out = d.dt.strftime("%Y-%m-%d")
    return out, bad
