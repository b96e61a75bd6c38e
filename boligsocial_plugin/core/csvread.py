# SPDX-License-Identifier: GPL-2.0-or-later
"""Reading person CSV files as Danish exports write them: ';' or ',', decimal comma, UTF-8 or
Windows-1252, ids kept as text (leading zeros).

:func:`read_csv_columns` reads the columns an algorithm needs with pyarrow's multi-threaded CSV
reader when pyarrow is installed (optional; README "Performance"), and with pandas otherwise or
whenever pyarrow meets anything unusual (a value that is not a number in a number column,
blanks around numbers, a malformed file): the result, and every message, is the same.
"""
import codecs
import csv
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.columncodes import bytes_codes
from boligsocial_plugin.core.columns import ColumnTable
from boligsocial_plugin.core.datamodel import COLUMNS, match_columns
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr


def sniff_csv(path: str) -> Tuple[str, str, str]:
    """Encoding, separator and decimal mark of a CSV file (Danish exports: ';' and ',')."""
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    if not head.strip():
        raise BoligsocialError(tr("The file {path} is empty. Export the extract again.").format(
            path=path))
    encoding = "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        with open(path, "rb") as f:  # the whole file: a cp1252 'ø' may come late
            dec = codecs.getincrementaldecoder("utf-8")()
            for chunk in iter(lambda: f.read(1 << 24), b""):
                dec.decode(chunk)
            dec.decode(b"", final=True)
    except UnicodeDecodeError:
        encoding = "cp1252"
    text = head.decode(encoding if encoding != "utf-8-sig" else "utf-8", errors="replace")
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    counts = {sep: first.count(sep) for sep in (";", ",", "\t", "|")}
    sep = max(counts, key=lambda s: counts[s])
    if counts[sep] == 0:
        raise BoligsocialError(tr("Could not find the column separator in {path}: the first "
                                  "line has no ';', ',' or tab. Is it a CSV file?").format(
            path=path))
    decimal = "," if sep == ";" else "."
    return encoding, sep, decimal


def read_csv(path: str, text_columns: Sequence[str] = (),
             keep: Optional[Callable[[List[str]], List[str]]] = None) -> pd.DataFrame:
    """Read a person CSV as pandas, handling Danish separators, decimal comma and encodings.

    Columns named in ``text_columns`` (any case) and every column whose role is an id, date or
    text are read as strings so ids keep leading zeros.
    """
    encoding, sep, decimal = sniff_csv(path)
    with open(path, "r", encoding=encoding, errors="replace", newline="") as f:
        header = next(csv.reader([f.readline()], delimiter=sep), [])
    header = [h.strip().lstrip("\ufeff") for h in header]
    try:
        roles = match_columns(header)
    except BoligsocialError:
        roles = {}
    wanted = {c.lower() for c in text_columns}
    str_cols = [h for h in header if h.lower() in wanted]
    str_cols += [actual for role, actual in roles.items()
                 if COLUMNS[role].kind in ("id", "date", "text", "sex")]
    usecols = None
    if keep is not None:
        wanted_cols = set(keep(header))
        usecols = (lambda c: str(c).strip().lstrip("\ufeff") in wanted_cols)
    try:
        df = pd.read_csv(path, sep=sep, decimal=decimal, encoding=encoding, usecols=usecols,
                         dtype={c: str for c in str_cols}, keep_default_na=True,
                         na_values=[""], skipinitialspace=True, low_memory=False,
                         on_bad_lines="error", encoding_errors="replace")
    except pd.errors.EmptyDataError:
        raise BoligsocialError(tr("The file {path} has no rows. Export the extract again."
                                  ).format(path=path)) from None
    except (pd.errors.ParserError, ValueError) as e:
        raise BoligsocialError(tr("The file {path} is not a well-formed CSV file ({err}). Check "
                                  "for a truncated export or unbalanced quotes.").format(
            path=path, err=str(e).strip()[:200])) from e
    df.columns = [str(c).strip().lstrip("\ufeff") for c in df.columns]
    return df


#: what pandas reads as missing by default (and with na_values=[""]): pyarrow is told the same
PANDAS_NA = ["", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
             "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null"]
TEXT_KINDS = ("id", "date", "text", "sex")
MIN_PYARROW = (8, 0)


def read_csv_columns(path: str, keep: Callable[[List[str]], List[str]]) -> ColumnTable:
    """The needed columns of a person CSV: pyarrow when it is installed, else pandas.

    Text columns of the data model come as fixed-width UTF-8 bytes with pyarrow (core.columns),
    numbers as float64. Anything pyarrow cannot read exactly as pandas would is read by pandas.
    The address key is read only when some rows lack coordinates (it is used for no other row,
    and at a national extract it is the largest column).
    """
    encoding, sep, decimal = sniff_csv(path)
    names, roles = _header(path, encoding, sep)
    wanted = set(keep(names))
    later = roles.get("address_id") if {"x", "y"} <= set(roles) and \
        {roles["x"], roles["y"]} <= wanted and roles.get("address_id") in wanted else None
    first = (lambda cols: [c for c in keep(cols) if c != later]) if later else keep
    table = _read_pyarrow(path, encoding, sep, decimal, first)
    if table is None:
        table = ColumnTable.of(read_csv(path, keep=first))
    if later and not (_located(table[roles["x"]]) and _located(table[roles["y"]])):
        more = _read_pyarrow(path, encoding, sep, decimal, lambda cols: [later])
        if more is None:
            more = ColumnTable.of(read_csv(path, keep=lambda cols: [later]))
        cols = {c: (more[c] if c == later else table[c]) for c in names
                if c in table or c == later}
        table = ColumnTable(cols, len(table))
    return table


def _header(path: str, encoding: str, sep: str) -> Tuple[List[str], Dict[str, str]]:
    """The column names of a CSV file (trimmed) and the data-model roles among them."""
    with open(path, "r", encoding=encoding, errors="replace", newline="") as f:
        header = next(csv.reader([f.readline()], delimiter=sep), [])
    names = [h.strip().lstrip("\ufeff") for h in header]
    try:
        return names, match_columns(names)
    except BoligsocialError:
        return names, {}


def _located(col) -> bool:
    """A coordinate column with a number in every row."""
    return bool(pd.api.types.is_numeric_dtype(col) and not pd.isna(col).any())


def csv_engine() -> str:
    """The engine that reads CSV files here: 'pyarrow' or 'pandas'."""
    return "pyarrow" if pyarrow_csv() is not None else "pandas"


def pyarrow_csv():
    """pyarrow's CSV module, or None when pyarrow is missing, too old or broken."""
    try:
        import pyarrow
        import pyarrow.csv
    except Exception:  # not installed, or built for another numpy (ImportError and more)
        return None
    try:
        version = tuple(int(p) for p in pyarrow.__version__.split(".")[:2])
    except ValueError:
        return None
    return pyarrow.csv if version >= MIN_PYARROW else None


def _read_pyarrow(path: str, encoding: str, sep: str, decimal: str,
                  keep: Callable[[List[str]], List[str]]) -> Optional[ColumnTable]:
    """The columns read by pyarrow, or None to let pandas read the file."""
    pc = pyarrow_csv()
    if pc is None:
        return None
    names, roles = _header(path, encoding, sep)
    if not names or len(set(names)) != len(names) or not roles:
        return None
    wanted = [c for c in names if c in set(keep(names))]
    text = {actual for role, actual in roles.items() if COLUMNS[role].kind in TEXT_KINDS}
    cols = _pyarrow_columns(pc, path, names, wanted, text, encoding, sep, decimal)
    if cols is None:
        return None
    n = len(next(iter(cols.values()))) if cols else 0
    return ColumnTable(cols, n)


def _pyarrow_columns(pc, path: str, names: List[str], wanted: List[str], text: set,
                     encoding: str, sep: str, decimal: str) -> Optional[Dict[str, Any]]:
    """These columns of the file as numpy (None when pyarrow cannot read them exactly)."""
    import pyarrow as pa

    types = {c: (pa.large_binary() if c in text else pa.float64()) for c in wanted}
    try:
        table = pc.read_csv(
            path,
            read_options=pc.ReadOptions(column_names=names, skip_rows=1,
                                        block_size=1 << 24),
            parse_options=pc.ParseOptions(delimiter=sep),
            convert_options=pc.ConvertOptions(
                include_columns=wanted, column_types=types, decimal_point=decimal,
                null_values=PANDAS_NA, strings_can_be_null=True,
                quoted_strings_can_be_null=True))
    except (pa.ArrowException, ValueError, TypeError, OSError):
        return None  # pandas reads it and says what is wrong
    cols: Dict[str, Any] = {}
    for c in wanted:  # each column converted, then dropped from the Arrow table (memory)
        col = table.column(c)
        cols[c] = _text_column(col, encoding) if c in text else col.to_numpy()  # nulls: NaN
        table = table.remove_column(table.schema.get_field_index(c))
        del col
    return cols


def _text_column(col, encoding: str) -> np.ndarray:
    """A pyarrow bytes column as fixed-width UTF-8 bytes, or objects (None for missing)."""
    arr = col.combine_chunks() if col.num_chunks != 1 else col.chunk(0)
    n = len(arr)
    bufs = arr.buffers()
    offsets = np.frombuffer(bufs[1], dtype=np.int64)[arr.offset:arr.offset + n + 1] \
        if n else np.zeros(1, np.int64)
    data = np.frombuffer(bufs[2], dtype=np.uint8)[offsets[0]:offsets[-1]] \
        if bufs[2] is not None else np.zeros(0, np.uint8)
    lens = np.diff(offsets)
    width = int(lens.max()) if n else 0
    if arr.null_count or width == 0 or width > 64 or (data == 0).any():
        vals = arr.to_numpy(zero_copy_only=False)  # bytes objects, None for missing
        return np.array([None if v is None else v.decode(encoding, "replace") for v in vals],
                        dtype=object)
    if (lens == width).all():
        m = data.reshape(n, width)
    else:
        m = np.zeros((n, width), dtype=np.uint8)
        rows = np.repeat(np.arange(n), lens)
        m[rows, np.arange(len(data)) - np.repeat(offsets[:-1] - offsets[0], lens)] = data
    out = np.ascontiguousarray(m).view("S{}".format(width)).ravel()
    if encoding != "cp1252" or not (data >= 128).any():
        return out  # ASCII, or UTF-8 already
    codes, first = bytes_codes(out)  # Windows-1252 beyond ASCII: re-encode each value once
    utf8 = np.array([v.decode("cp1252", "replace").encode("utf-8") for v in out[first]],
                    dtype="S")
    return utf8[codes]
