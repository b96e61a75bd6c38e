# SPDX-License-Identifier: GPL-2.0-or-later
"""Checking person extracts: column matching, types, every problem (CSV files: csvread.py).

:func:`prepare` turns any table of person rows (pandas, all columns as read) into the typed
canonical extract and a list of :class:`Problem` s. ``validateextract`` reports the problems;
``computeindicators`` refuses the extract when any is blocking.
"""
import re
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from boligsocial_plugin.core.columns import ColumnTable
from boligsocial_plugin.core.datamodel import COLUMNS, direct_identifier_columns, match_columns
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.personkeys import (
    keys_from_bytes,
    keys_from_codepoints,
    keys_from_strings,
)
from boligsocial_plugin.core.problems import BLOCKING, INFO, WARNING, Problem, message

#: a column as prepare() gets it: a pandas Series, or a numpy array of a ColumnTable
ColumnData = Union[pd.Series, np.ndarray]
#: a table as prepare() gets it (both have ``columns``, ``len`` and ``table[name]``)
RawTable = Union[pd.DataFrame, ColumnTable]
CPR_RE = re.compile(r"^\s*[0-3]\d[01]\d\d{2}-?\d{4}\s*$")
MAX_EXAMPLES = 5


@dataclass
class Extract:
    """The typed canonical extract and what was found while preparing it."""

    data: pd.DataFrame
    mapping: Dict[str, str]
    problems: List[Problem]

    @property
    def blocking(self) -> List[Problem]:
        """Problems that stop computeindicators."""
        return [p for p in self.problems if p.severity == BLOCKING]


# --------------------------------------------------------------------------- preparing

def _all_located(raw: RawTable, mapping: Mapping[str, str]) -> bool:
    """Every row has numeric x and y (so an address key would not be used)."""
    if "x" not in mapping or "y" not in mapping:
        return False
    x, y = raw[mapping["x"]], raw[mapping["y"]]
    return bool(pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y) and
                pd.notna(x).all() and pd.notna(y).all())


def _rows(mask: np.ndarray) -> List[int]:
    return [int(i) + 1 for i in np.nonzero(mask)[0][:MAX_EXAMPLES]]


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
        codes, u = _factor(s)
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


def _fast_codes(s: ColumnData):
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
    if arr.dtype.itemsize == 0 or m.shape[1] > _WIDE:
        return None
    lens = (m != 0).sum(axis=1)
    last = m[np.arange(n), np.maximum(lens - 1, 0)]
    if (np.isin(m[:, 0], _SPACE) | np.isin(last, _SPACE)).any():
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


def _factor(s: ColumnData) -> Tuple[np.ndarray, pd.Index]:
    """Codes per row (-1 missing) and the unique values as stripped text (work on uniques)."""
    if isinstance(s, np.ndarray) and s.dtype.kind not in "SO":  # numbers, dates
        s = pd.Series(s, copy=False)
    if _is_bytes(s):
        codes, first = bytes_codes(s)
        codes, first = _without_empty(codes, first, s[first] == b"")
        u, changed = _text(s[first].astype(object))
        if changed:  # values equal after stripping share one code
            c2, u = pd.factorize(u)
            codes = np.where(codes >= 0, c2[np.maximum(codes, 0)], -1)
        return codes, pd.Index(u, dtype=object)
    fast = _fast_codes(s)
    if fast is not None:
        codes, _m, first = fast
        vals = _values(s)[first]
        return codes, pd.Index([v.decode("utf-8", "replace") if isinstance(v, bytes) else v
                                for v in vals], dtype=object)
    if isinstance(s, np.ndarray) and s.dtype.kind == "S":  # too wide for a matrix
        s = s.astype(object)
    codes, uniques = pd.factorize(s)
    u, changed = _text(np.asarray(uniques, dtype=object))
    if changed:  # values equal after stripping share one code
        c2, u = pd.factorize(u)
        codes = np.where(codes >= 0, c2[np.maximum(codes, 0)], -1)
    return codes.astype(np.int64), pd.Index(u, dtype=object)


def _values(s: ColumnData) -> np.ndarray:
    """The numpy values of a column."""
    return s.to_numpy(dtype=object) if isinstance(s, pd.Series) else s


def _is_bytes(s: ColumnData) -> bool:
    """A fixed-width bytes column (ColumnTable text) narrow enough for a code-unit matrix."""
    return isinstance(s, np.ndarray) and s.dtype.kind == "S" and 0 < s.dtype.itemsize <= _WIDE


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


def _without_empty(codes: np.ndarray, first: np.ndarray,
                   empty_u: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Empty values become missing (-1); the other codes are renumbered."""
    if not empty_u.any():
        return codes, first
    keep = ~empty_u
    remap = np.cumsum(keep) - 1
    codes = np.where(keep[codes], remap[codes], -1)
    return codes, first[keep]


_SPACE = np.array([9, 10, 11, 12, 13, 32, 160], dtype=np.uint32)
_WIDE = 64  # longest value handled by the vectorised path


def _text(vals: np.ndarray) -> Tuple[np.ndarray, bool]:
    """Unique values as str, stripped (and whether any changed); vectorised."""
    kind = pd.api.types.infer_dtype(vals, skipna=True) if len(vals) else "string"
    # one enormous value would make the fixed-width matrices huge (n x longest): plain loops
    wide = bool(len(vals)) and kind in ("bytes", "string") and max(map(len, vals)) > _WIDE
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
    if wide or max(map(len, vals)) > _WIDE:
        stripped = np.array([v.strip() for v in vals], dtype=object)
        changed = stripped != vals
        return (stripped, True) if changed.any() else (vals, False)
    m = _codepoints(vals)
    lens = (m != 0).sum(axis=1)
    first = m[:, 0]
    last = m[np.arange(len(m)), np.maximum(lens - 1, 0)]
    ws = np.isin(first, _SPACE) | np.isin(last, _SPACE)
    if ws.any():
        vals = vals.copy()
        vals[ws] = [v.strip() for v in vals[ws]]
    return vals, bool(ws.any())


def _codepoints(vals: np.ndarray) -> np.ndarray:
    """(n, width) matrix of the unicode code points of each string (0-padded)."""
    arr = np.asarray(vals, dtype=str)
    width = max(1, arr.dtype.itemsize // 4)
    return arr.view(np.uint32).reshape(len(arr), width) if arr.dtype.itemsize else \
        np.zeros((len(arr), 1), dtype=np.uint32)


def _person_keys(s: ColumnData) -> Tuple[np.ndarray, np.ndarray, int, np.ndarray]:
    """Integer code per row (-1 empty), CPR-shaped rows, number of distinct keys, and the
    64-bit person key (core.personkeys) of each distinct value.

    Keys are compared as given (after trimming surrounding blanks) and never kept as text.
    Everything runs on one code-point matrix of the distinct keys (no per-key Python).
    """
    if _is_bytes(s):
        got = _bytes_person_keys(s)
        if got is not None:
            return got
        s = s.astype(object)  # blanks around keys: trimmed on the general path
    if isinstance(s, np.ndarray) and s.dtype.kind == "S":  # too wide for a matrix
        s = s.astype(object)
    fast = _fast_codes(s)
    if fast is not None:
        codes, m, first = fast
        cpr_u = _cpr_matrix(m) if len(m) else np.zeros(1, dtype=bool)
        if m.dtype == np.uint8 and (m >= 128).any():  # UTF-8 bytes: hash the characters
            raw = _values(s)[first]
            keys_u = keys_from_strings([v.decode("utf-8", "replace") for v in raw])
        else:
            keys_u = keys_from_codepoints(m)
        return codes, (codes >= 0) & cpr_u[np.maximum(codes, 0)], len(m), keys_u
    codes, uniques = pd.factorize(s.to_numpy(dtype=object) if isinstance(s, pd.Series) and
                                  s.dtype.kind == "S" else s)
    vals = np.asarray(uniques, dtype=object)
    if len(vals) and pd.api.types.infer_dtype(vals, skipna=True) != "string":
        vals, changed = _text(vals)
        if changed:  # bytes or numbers equal after trimming blanks: one key
            c2, vals = pd.factorize(vals)
            codes = np.where(codes >= 0, c2[np.maximum(codes, 0)], -1)
            vals = np.asarray(vals, dtype=object)
    wide = bool(len(vals)) and max(map(len, vals)) > _WIDE
    if wide:  # one huge key: no (keys x longest) matrix
        stripped, changed = _text(vals)
        if changed:
            c2, stripped = pd.factorize(stripped)
            codes = np.where(codes >= 0, c2[np.maximum(codes, 0)], -1)
        vals = np.asarray(stripped, dtype=object)
        m = _codepoints(np.array([v[:12] for v in vals], dtype=object))  # 12 chars decide
    else:
        m = _codepoints(vals)
    if len(vals) and not wide:
        lens = (m != 0).sum(axis=1)
        ws = np.isin(m[:, 0], _SPACE) | np.isin(m[np.arange(len(m)), np.maximum(lens - 1, 0)],
                                                  _SPACE)
        if ws.any():
            vals = vals.copy()
            vals[ws] = [v.strip() for v in vals[ws]]
            c2, vals = pd.factorize(vals)
            codes = np.where(codes >= 0, c2[np.maximum(codes, 0)], -1)
            vals = np.asarray(vals, dtype=object)
            m = _codepoints(vals)
    empty_u = m[:, 0] == 0 if len(vals) else np.zeros(0, dtype=bool)
    if empty_u.any():
        codes = np.where((codes >= 0) & empty_u[np.maximum(codes, 0)], -1, codes)
    cpr_u = _cpr_matrix(m)
    cpr = (codes >= 0) & cpr_u[np.maximum(codes, 0)] if len(vals) else codes < -1
    keys_u = keys_from_strings(vals) if wide else keys_from_codepoints(m)
    return codes.astype(np.int64), cpr, len(vals), keys_u


def _bytes_person_keys(v: np.ndarray):
    """:func:`_person_keys` of a fixed-width UTF-8 bytes column without blanks around keys
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
    if (np.isin(um[:, 0], _SPACE) | np.isin(last, _SPACE)).any():
        return None
    if (lens == 0).any():
        codes, first = _without_empty(codes, first, lens == 0)
        um = um[lens > 0]
    keys_u = keys[first]
    if (um.ravel() >= 128).any():  # UTF-8 beyond ASCII: the key is one of the characters
        wide = (um >= 128).any(axis=1)
        keys_u[wide] = keys_from_strings([b.decode("utf-8", "replace") for b in v[first[wide]]])
    cpr_u = np.zeros(max(1, len(um)), dtype=bool)
    # a CPR number has at least nine digits: only such values need the shape test
    digits = _nine_digits(um)
    if digits.any():
        cpr_u[np.nonzero(digits)[0]] = _cpr_matrix(um[digits])
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
    """Which strings look like CPR numbers (ddmmyy-xxxx or 10 digits); vectorised."""
    if not len(vals):
        return np.zeros(0, dtype=bool)
    if max(map(len, vals)) > _WIDE:  # 12 characters decide; keeps the matrix small
        vals = np.array([v[:12] for v in vals], dtype=object)
    return _cpr_matrix(_codepoints(vals))


_SEPARATORS = (45, 32, 47)  # '-', ' ', '/'


def _cpr_matrix(m: np.ndarray) -> np.ndarray:
    """CPR shape test on a code-point matrix (rows = strings, 0-padded).

    ``ddmmyyxxxx`` and ``ddmmyy-xxxx`` (also with a blank or slash), after an optional
    'cpr' prefix (``cpr0101851234``, ``CPR-010185-1234``), and nine digits with a real day
    and month, a CPR number that lost its leading zero (``101851234``).
    """
    n, w = m.shape
    if w < 9:
        return np.zeros(n, dtype=bool)
    col = (lambda j: m[:, j] if j < w else np.zeros(n, dtype=m.dtype))

    def digits(a: int, b: int) -> np.ndarray:
        return np.logical_and.reduce([(col(j) >= 48) & (col(j) <= 57) for j in range(a, b)])

    def at(o: int) -> np.ndarray:
        first6 = digits(o, o + 6) & (col(o) >= 48) & (col(o) <= 51) & \
            (col(o + 2) >= 48) & (col(o + 2) <= 49)
        plain = first6 & digits(o + 6, o + 10) & (col(o + 10) == 0)
        sep = first6 & np.isin(col(o + 6), _SEPARATORS) & digits(o + 7, o + 11) & \
            (col(o + 11) == 0)
        return plain | sep

    out = at(0)
    lower = m | 32  # ASCII letters to lower case (digits and separators keep their code)
    cpr = (lower[:, 0] == 99) & (lower[:, 1] == 112) & (lower[:, 2] == 114) if w >= 3 else \
        np.zeros(n, dtype=bool)
    if cpr.any() and w >= 13:
        out |= cpr & at(3)
        out |= cpr & np.isin(col(3), _SEPARATORS + (58, 95)) & at(4)  # ':' '_'
    month = (col(1) - 48) * 10 + col(2) - 48
    nine = digits(0, 9) & (col(9) == 0) & (col(0) >= 49) & (month >= 1) & (month <= 12)
    return out | nine


def _categorical(codes: np.ndarray, categories: pd.Index) -> pd.Categorical:
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


def _to_date(s: pd.Series) -> Tuple[pd.Series, np.ndarray]:
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


def prepare(raw: RawTable, explicit: Optional[Mapping[str, str]] = None,
            has_geometry: bool = False, needs_location: bool = True,
            extra_columns: Sequence[str] = ()) -> Extract:
    """Type the extract's known columns and collect every problem (nothing is dropped here).

    ``raw``: a DataFrame or a :class:`ColumnTable` (columns as read). ``has_geometry``: the
    persons come with point geometry (columns ``x``/``y`` filled by the reader). Rows with
    bad values are kept; problems say how many and which rows.
    """
    try:
        mapping = match_columns(raw.columns, explicit)
    except BoligsocialError as e:
        return Extract(pd.DataFrame(), {}, [Problem("columns", "", BLOCKING, 1, str(e))])
    problems = _table_problems(raw, mapping, has_geometry, needs_location)
    located = "address_id" in mapping and (has_geometry or _all_located(raw, mapping))
    out: Dict[str, object] = {}
    for role, actual in mapping.items():
        if role == "household_id":
            continue  # not used by any indicator; never carried further
        if role == "address_id" and located:
            continue  # coordinates locate every person; the address key is not needed
        if role == "person_id":
            out[role], out["person_key"] = _person_id_column(role, actual, raw[actual],
                                                             problems)
            continue
        prepare_column = _COLUMN_KINDS.get(COLUMNS[role].kind, _number_column)
        out[role] = prepare_column(role, actual, raw[actual], problems)
    _add_extra_columns(raw, extra_columns, out)
    # no copy and no consolidation of the columns (seconds at a national extract)
    data = pd.DataFrame({k: (v.to_numpy() if isinstance(v, pd.Series) else v)
                         for k, v in out.items()}, copy=False)
    problems += _row_problems(data)
    return Extract(data, mapping, problems)


def _table_problems(raw: RawTable, mapping: Mapping[str, str], has_geometry: bool,
                    needs_location: bool) -> List[Problem]:
    """Problems of the table as a whole: no rows, required columns, location, identifiers."""
    problems: List[Problem] = []
    n = len(raw)
    if n == 0:
        problems.append(Problem("empty", "", BLOCKING, 0, message("empty")))
    for role in ("person_id", "ref_date", "age"):
        if role not in mapping:
            problems.append(Problem("missing_column", role, BLOCKING, n, message(
                "missing_column", col=role, alias=COLUMNS[role].alias)))
    if needs_location and not has_geometry and not ({"x", "y"} <= set(mapping)) and \
            "address_id" not in mapping:
        problems.append(Problem("missing_location", "x/y", BLOCKING, n,
                                message("missing_location")))
    ids = direct_identifier_columns(raw.columns)
    if ids:
        problems.append(Problem("direct_identifier", ", ".join(ids), WARNING, len(ids),
                                message("direct_identifier", cols=", ".join(ids))))
    return problems


def _cpr_problem(role: str, actual: str, cpr: np.ndarray) -> Problem:
    return Problem("cpr_shaped", role, BLOCKING, int(cpr.sum()), message(
        "cpr_shaped", n=int(cpr.sum()), col=actual), _rows(cpr))


def _person_id_column(role: str, actual: str, s: ColumnData,
                      problems: List[Problem]) -> Tuple[np.ndarray, np.ndarray]:
    """Person keys as integer codes (only compared, never carried to an output), and the
    64-bit person key of each row (core.personkeys; 0 = no key) for cell keys and the
    release register."""
    codes, cpr, _n_unique, keys_u = _person_keys(s)
    if cpr.any():
        problems.append(_cpr_problem(role, actual, cpr))
    empty = codes < 0
    if empty.any():
        problems.append(Problem("missing_value", role, BLOCKING, int(empty.sum()), message(
            "missing_value:person_id", n=int(empty.sum()), col=actual), _rows(empty)))
    keys = np.where(codes >= 0, keys_u[np.maximum(codes, 0)] if len(keys_u) else 0, 0)
    return codes, keys.astype(np.uint64)


def _key_column(role: str, actual: str, s: ColumnData,
                problems: List[Problem]) -> pd.Categorical:
    """Ids and text as categories (empty text is missing); CPR-shaped ids are blocking."""
    codes, u = _factor(s)
    if COLUMNS[role].kind == "id" and len(u):
        cpr_u = cpr_shaped(u.to_numpy(dtype=object))
        if cpr_u.any():
            problems.append(_cpr_problem(role, actual,
                                         (codes >= 0) & cpr_u[np.maximum(codes, 0)]))
    empty_u = np.asarray(u == "", dtype=bool)
    if empty_u.any():
        codes = np.where((codes >= 0) & empty_u[np.maximum(codes, 0)], -1, codes)
    return _categorical(codes, u)


def _date_column(role: str, actual: str, s: ColumnData,
                 problems: List[Problem]) -> pd.Categorical:
    """Reference dates as ISO text categories; missing or unreadable dates are blocking."""
    codes, u = _factor(s)
    d, bad_u = _to_date(pd.Series(u, dtype=object))
    bad = (codes < 0) | bad_u[np.maximum(codes, 0)] if len(u) else codes < 0
    if bad.any():
        problems.append(Problem("bad_date", role, BLOCKING, int(bad.sum()), message(
            "bad_date", n=int(bad.sum()), col=actual), _rows(bad)))
    iso = pd.Index(d.fillna("").to_numpy(dtype=object))
    return _categorical(np.where(bad, -1, codes), iso)


def _sex_column(role: str, actual: str, s: ColumnData,
                problems: List[Problem]) -> pd.Categorical:
    """Sex as M/K (F, W, 1, 2 translated); other codes count as unknown (a warning)."""
    codes, u = _factor(s)
    u = u.str.upper().map(lambda v: {"F": "K", "W": "K", "1": "M", "2": "K"}.get(v, v))
    ok_u = pd.Index(u).isin(["M", "K"])
    bad = (codes >= 0) & ~ok_u[np.maximum(codes, 0)] if len(u) else codes < -1
    if bad.any():
        problems.append(Problem("unknown_code", role, WARNING, int(bad.sum()), message(
            "unknown_code", n=int(bad.sum()), col=actual), _rows(bad)))
    return _categorical(np.where(bad, -1, codes), pd.Index(u))


def _number_column(role: str, actual: str, s: ColumnData,
                   problems: List[Problem]) -> np.ndarray:
    """Numbers (decimal comma accepted) checked for type, finiteness, range and gaps."""
    col = COLUMNS[role]
    num, bad = to_number(s)
    if bad.any():
        problems.append(Problem("wrong_type", role, BLOCKING, int(bad.sum()), message(
            "wrong_type", n=int(bad.sum()), col=actual), _rows(bad)))
    inf = np.isinf(num)
    if inf.any():
        problems.append(Problem("not_finite", role, BLOCKING, int(inf.sum()), message(
            "not_finite", n=int(inf.sum()), col=actual), _rows(inf)))
        num = np.where(inf, np.nan, num)
    _check_range(role, actual, num, problems)
    miss = np.isnan(num) & ~bad
    if col.kind == "coord" or not miss.any():
        return num
    if role != "basic_edu":
        sev = BLOCKING if col.required else WARNING
        problems.append(Problem("missing_value", role, sev, int(miss.sum()), message(
            "missing_value", n=int(miss.sum()), col=actual), _rows(miss)))
    else:
        problems.append(Problem("missing_value", role, INFO, int(miss.sum()), message(
            "missing_value:basic_edu", n=int(miss.sum())), _rows(miss)))
    return num


_COLUMN_KINDS = {"id": _key_column, "text": _key_column, "date": _date_column,
                 "sex": _sex_column}


def _add_extra_columns(raw: RawTable, extra_columns: Sequence[str],
                       out: Dict[str, object]) -> None:
    """Columns named by user-defined indicators: numbers when they all are, else categories."""
    lower = {str(c).strip().lower(): c for c in raw.columns}
    for name in extra_columns:
        key = str(name).strip().lower()
        if key in out or key not in lower or key in COLUMNS:
            continue
        num, bad = to_number(raw[lower[key]])
        out[key] = num if not bad.any() else _categorical(*_factor(raw[lower[key]]))


def _row_problems(data: pd.DataFrame) -> List[Problem]:
    """Problems across columns: a person twice on a date, rows without location."""
    problems: List[Problem] = []
    if "person_id" in data and "ref_date" in data and len(data):
        pc = data["person_id"].to_numpy().astype(np.int64)
        if pc.max() + 1 == len(pc):  # every row its own person
            dup = np.zeros(len(pc), dtype=bool)
        else:  # the same (date, person) twice; one integer per pair, -1 (missing) kept apart
            dc = data["ref_date"].cat.codes.to_numpy().astype(np.int64)
            pair = pc * (len(data["ref_date"].cat.categories) + 1) + (dc + 1)
            dup = pd.Series(pair).duplicated(keep="first").to_numpy() & (pc >= 0)
        if dup.any():
            problems.append(Problem("duplicate_person", "person_id", BLOCKING, int(dup.sum()),
                                    message("duplicate_person", n=int(dup.sum())), _rows(dup)))
    if {"x", "y"} <= set(data.columns):
        noloc = (np.isnan(data["x"].to_numpy()) | np.isnan(data["y"].to_numpy()))
        if "address_id" in data:
            noloc &= data["address_id"].isna().to_numpy()
        if noloc.any():
            problems.append(Problem("no_location", "x/y", WARNING, int(noloc.sum()),
                                    message("no_location", n=int(noloc.sum())), _rows(noloc)))
    return problems


def _check_range(role: str, actual: str, num: np.ndarray, problems: List[Problem]) -> None:
    col = COLUMNS[role]
    with np.errstate(invalid="ignore"):
        if col.kind == "binary":
            bad = ~np.isnan(num) & (num != 0) & (num != 1)
        elif col.kind == "int":
            bad = ~np.isnan(num) & ((num < col.lo) | (num > col.hi) | (num != np.round(num)))
        elif col.kind == "fraction":
            bad = ~np.isnan(num) & ((num < 0) | (num > 1))
        elif col.kind == "amount":
            bad = ~np.isnan(num) & ((num < col.lo) | (num > col.hi))
        else:
            return
    if bad.any():
        problems.append(Problem("out_of_range", role, BLOCKING, int(bad.sum()), message(
            "out_of_range:" + col.kind, n=int(bad.sum()), col=actual), _rows(bad)))


def problems_frame(problems: Sequence[Problem]) -> pd.DataFrame:
    """Problems as a table (severity, code, column, count, example rows, message)."""
    return pd.DataFrame({
        "severity": [p.severity for p in problems],
        "problem": [p.code for p in problems],
        "column": [p.column for p in problems],
        "count": [int(p.count) for p in problems],
        "example_rows": [", ".join(map(str, p.examples)) for p in problems],
        "message": [p.message for p in problems],
    })


def verdict(problems: Sequence[Problem]) -> str:
    """'blocking', 'warnings' or 'ok'."""
    if any(p.severity == BLOCKING for p in problems):
        return "blocking"
    if any(p.severity == WARNING for p in problems):
        return "warnings"
    return "ok"


def blocking_message(problems: Sequence[Problem]) -> str:
    """One message listing the blocking problems (for computeindicators' refusal)."""
    lines = [tr("The person extract has problems that must be fixed first "
                "(run 'Validate person extract' for the full list):")]
    for p in problems:
        if p.severity == BLOCKING:
            ex = tr(" (rows {rows})").format(rows=", ".join(map(str, p.examples))) \
                if p.examples else ""
            lines.append("- " + p.message + ex)
    return "\n".join(lines)
