# SPDX-License-Identifier: GPL-2.0-or-later
"""Reading person CSV files as Danish exports write them: ';' or ',', decimal comma, UTF-8 or
Windows-1252, ids kept as text (leading zeros)."""
import codecs
import csv
from typing import Callable, List, Optional, Sequence, Tuple

import pandas as pd

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
