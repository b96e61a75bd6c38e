# SPDX-License-Identifier: GPL-2.0-or-later
"""Keyed pseudonyms for person keys (HMAC-SHA-256) and checks of CPR numbers.

A pseudonym is the first 32 hex characters (128 bits) of HMAC-SHA-256(key, normalised id).
The same key always gives the same pseudonym, so persons can be followed over reference dates
and extracts; without the key the pseudonym cannot be recomputed from a CPR number (a plain,
unkeyed hash of the ~4 million possible CPR numbers of living persons can be reversed by trying
them all, a keyed one cannot).

Collision odds (birthday bound, n distinct persons, 128 bits): p ~ n^2 / 2^129, i.e. about
1.5e-27 for 100,000 persons and 1.5e-25 for 10 million. A collision is still checked for and
refused, because two persons sharing a key would silently merge in every count.

CPR numbers: ``ddmmyy-ssss`` or ``ddmmyyssss`` where ``ddmmyy`` must be a real date; the
century follows the 7th digit (CPR office rule). The modulus-11 check is *not* applied: CPR
numbers issued since 2007 need not satisfy it. Malformed values are counted and reported with
row numbers and masked examples (``12xxxx-xxxx``); a full CPR number is never echoed.
"""
import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Set, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.cprtext import (  # noqa: F401
    CPR_TEXT,
    cpr_digits,
    fold,
    has_cpr,
    redact,
)
from boligsocial_plugin.core.datamodel import (
    COLUMNS,
    EXTRA_ALIASES,
    direct_identifier_columns,
    match_columns,
)
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

#: Hex characters kept from the HMAC (128 bits).
PSEUDONYM_HEX = 32
#: Shortest accepted key, in bytes (after stripping surrounding whitespace).
MIN_KEY_BYTES = 16
MAX_EXAMPLES = 5
#: Anything shaped like a CPR number inside a longer text, in every spelling the plugin knows
#: (core.cprtext: separators, Unicode digits, a 'cpr' prefix, a lost leading zero; a real
#: day and month). Both names are the same pattern; search :func:`fold`-ed text.
CPR_ANYWHERE = CPR_VARIANTS = CPR_TEXT
_CPR_SHAPE = r"^[0-9]{6}-?[0-9]{4}$"


@dataclass
class IdCheck:
    """Result of checking a column of person keys."""

    normalised: pd.Series  # cleaned keys (CPR: 10 digits), NA where malformed
    malformed: np.ndarray  # bool per row
    reasons: pd.Series  # per malformed row: 'missing', 'shape' or 'date'
    duplicates: np.ndarray  # bool per row: key seen before (within the same ref date)
    padded: int = 0  # numeric keys given back their leading zero
    examples: List[Tuple[int, str]] = field(default_factory=list)  # (row, masked value)

    @property
    def n_malformed(self) -> int:
        """Rows with a missing or malformed key."""
        return int(self.malformed.sum())

    @property
    def n_duplicates(self) -> int:
        """Rows repeating a key already seen (within the same reference date)."""
        return int(self.duplicates.sum())


# --------------------------------------------------------------------------- keys

def check_key(key: bytes) -> bytes:
    """The key with surrounding whitespace removed; refuse keys shorter than 16 bytes."""
    key = key.strip()
    if len(key) < MIN_KEY_BYTES:
        raise BoligsocialError(tr(
            "The pseudonymisation key is too short ({n} bytes; at least {m} are needed). Use a "
            "long random secret, e.g. 64 hex characters from a password manager or "
            "'python3 -c \"import secrets; print(secrets.token_hex(32))\"'.").format(
            n=len(key), m=MIN_KEY_BYTES))
    return key


def load_key(path: str) -> bytes:
    """Read the secret key from a file (whitespace stripped). The key is never logged."""
    if not path:
        raise BoligsocialError(tr("No key was given. Choose the key file (or an authentication "
                                  "configuration holding the key)."))
    if not os.path.isfile(path):
        raise BoligsocialError(tr("The key file {path} does not exist or is not a file. Choose "
                                  "the file holding the municipality's secret key.").format(
            path=path))
    try:
        with open(path, "rb") as f:
            data = f.read(1 << 16)
    except OSError as e:
        raise BoligsocialError(tr("The key file {path} cannot be read ({err}). Check that you "
                                  "have access to it.").format(path=path, err=e.strerror or e)
                               ) from e
    return check_key(data)


def generate_key() -> str:
    """A new random key (64 hex characters) for a key file."""
    import secrets

    return secrets.token_hex(32)


# --------------------------------------------------------------------------- pseudonyms

def _hmac_states(key: bytes):
    block = 64  # SHA-256 block size
    if len(key) > block:
        key = hashlib.sha256(key).digest()
    key = key.ljust(block, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in key))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in key))
    return inner, outer


def pseudonymise(values: Sequence[Optional[str]], key: bytes) -> np.ndarray:
    """HMAC-SHA-256 pseudonyms (32 hex chars) of the given keys; None stays None.

    Equal to ``hmac.new(key, v.encode(), sha256).hexdigest()[:32]``; each distinct value is
    hashed once (a person repeats over reference dates). Refuses a (practically impossible)
    collision.
    """
    s = pd.Series(values, dtype=object)
    codes, uniques = pd.factorize(s.where(s.notna(), None))
    inner, outer = _hmac_states(check_key(key))
    new_inner, new_outer = inner.copy, outer.copy
    hashed: List[str] = []
    add = hashed.append
    for v in uniques:
        h = new_inner()
        h.update((v if type(v) is str else str(v)).encode("utf-8"))
        o = new_outer()
        o.update(h.digest())
        add(o.hexdigest()[:PSEUDONYM_HEX])
    if len(set(hashed)) != len(hashed):
        raise BoligsocialError(tr("Two different person keys got the same pseudonym. Use "
                                  "another key and report this (it should never happen)."))
    out_u = np.array(hashed, dtype=object)
    out = np.empty(len(s), dtype=object)
    ok = codes >= 0
    out[ok] = out_u[codes[ok]]
    out[~ok] = None
    return out


# --------------------------------------------------------------------------- CPR

def mask(value: object) -> str:
    """A key shown without revealing it: the first two characters, digits as 'x'.

    ``'1234567890'`` -> ``'12xxxx-xxxx'``; other shapes keep their length so a wrong length is
    visible (``'123456789'`` -> ``'12xxxxxxx'``); letters become 'a'.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "(empty)"
    text = str(value).strip()
    if not text:
        return "(empty)"
    if re.match(_CPR_SHAPE, text):
        return text[:2] + "xxxx-xxxx"
    rest = re.sub(r"[^\W\d_]", "a", text[2:40])
    rest = re.sub(r"\d", "x", rest)
    return text[:2] + rest + ("…" if len(text) > 40 else "")


_DAYS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
_SHAPE_RE = re.compile(_CPR_SHAPE)


def _birth_years(yy: np.ndarray, d7: np.ndarray) -> np.ndarray:
    """Full birth year from yy and the 7th digit (CPR office rule)."""
    century = np.full(len(yy), 1900)
    century[np.isin(d7, (4, 9)) & (yy <= 36)] = 2000
    late = np.isin(d7, (5, 6, 7, 8))
    century[late & (yy <= 57)] = 2000
    century[late & (yy >= 58)] = 1800
    return century + yy


def normalise_ids(values: pd.Series) -> List[Optional[str]]:
    """Keys as stripped text (empty -> None); whole numbers (a numeric column) without '.0'."""
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        num = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        with np.errstate(invalid="ignore"):
            whole = np.isfinite(num) & (num == np.round(num)) & (np.abs(num) < 1e18)
        return [str(int(v)) if w else None for v, w in zip(num, whole)]
    out: List[Optional[str]] = []
    add = out.append
    na = pd.isna(values.to_numpy(dtype=object))
    for v, missing in zip(values.to_numpy(dtype=object), na):
        if missing:
            add(None)
            continue
        t = (v if type(v) is str else str(v)).strip()
        add(t or None)
    return out


def valid_birth_dates(digits: np.ndarray) -> np.ndarray:
    """Per row of a (n, 10) digit array: is ddmmyy a real date (century from digit 7)?"""
    dd = digits[:, 0] * 10 + digits[:, 1]
    mm = digits[:, 2] * 10 + digits[:, 3]
    yy = digits[:, 4] * 10 + digits[:, 5]
    year = _birth_years(yy, digits[:, 6])
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    ok_month = (mm >= 1) & (mm <= 12)
    dim = _DAYS[np.clip(mm, 1, 12) - 1] + ((mm == 2) & leap)
    return ok_month & (dd >= 1) & (dd <= dim)


def check_cpr(values: pd.Series, ref_dates: Optional[pd.Series] = None,
              pad_numbers: bool = True) -> IdCheck:
    """Check CPR numbers (10 digits in any spelling core.cprtext knows, a real ddmmyy date)
    and find duplicates; every spelling is normalised to the ten digits.

    A numeric column has lost the leading zero of persons born on days 1-9; with
    ``pad_numbers`` such 9-digit numbers get it back (counted in ``padded``).
    Duplicates are the same CPR number twice within one reference date (or at all, without
    ``ref_dates``); the first occurrence is not counted.
    """
    numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    texts = normalise_ids(values)
    padded = 0
    if numeric and pad_numbers:
        for i, t in enumerate(texts):
            if t is not None and len(t) == 9:
                texts[i] = "0" + t
                padded += 1
    match = _SHAPE_RE.match
    for i, t in enumerate(texts):  # other spellings: '010185–1234', '01.01.85-1234', 'cpr…'
        if t is not None and match(t) is None:
            digits = cpr_digits(t)
            if digits is not None:
                texts[i] = digits
    n = len(texts)
    missing = np.array([t is None for t in texts], dtype=bool)
    shape_ok = np.array([t is not None and match(t) is not None for t in texts], dtype=bool)
    idx = np.nonzero(shape_ok)[0]
    ten = [texts[i].replace("-", "") for i in idx]
    date_ok = np.zeros(n, dtype=bool)
    if len(idx):
        raw = np.frombuffer(np.array(ten, dtype="S10").tobytes(), dtype=np.uint8)
        date_ok[idx] = valid_birth_dates(raw.reshape(-1, 10).astype(np.int64) - 48)
    normalised = np.full(n, None, dtype=object)
    if len(idx):
        normalised[idx] = np.array(ten, dtype=object)
    normalised[~date_ok] = None
    malformed = ~date_ok
    reasons = np.where(missing, "missing", np.where(~shape_ok, "shape", "date")).astype(object)
    reasons[date_ok] = None
    dup = _duplicates(normalised, ref_dates) & date_ok
    rows = np.nonzero(malformed)[0][:MAX_EXAMPLES]
    examples = [(int(i) + 1, mask(texts[i])) for i in rows]
    return IdCheck(pd.Series(normalised, dtype=object), malformed,
                   pd.Series(reasons, dtype=object), dup, padded, examples)


def _duplicates(keys: np.ndarray, ref_dates: Optional[pd.Series]) -> np.ndarray:
    frame = pd.DataFrame({"k": keys})
    if ref_dates is not None:
        frame["d"] = ref_dates.reset_index(drop=True).astype(str).str.strip().to_numpy()
    return frame.duplicated(keep="first").to_numpy()


def check_keys(values: pd.Series, ref_dates: Optional[pd.Series] = None) -> IdCheck:
    """Check other direct keys (not CPR): only missing values and duplicates."""
    texts = np.array(normalise_ids(values), dtype=object)
    missing = np.fromiter((t is None for t in texts), dtype=bool, count=len(texts))
    dup = _duplicates(texts, ref_dates) & ~missing
    reasons = np.full(len(texts), None, dtype=object)
    reasons[missing] = "missing"
    rows = np.nonzero(missing)[0][:MAX_EXAMPLES]
    return IdCheck(pd.Series(texts, dtype=object), missing, pd.Series(reasons, dtype=object),
                   dup, 0, [(int(i) + 1, mask(None)) for i in rows])


def malformed_message(check: IdCheck, column: str) -> str:
    """Counted report of malformed keys with row numbers and masked examples."""
    counts = check.reasons.value_counts()
    parts = []
    labels = {"missing": tr("empty"), "shape": tr("not 10 digits (ddmmyy-xxxx)"),
              "date": tr("not a valid birth date")}
    for reason in ("missing", "shape", "date"):
        if int(counts.get(reason, 0)):
            parts.append("{}: {}".format(labels[reason], int(counts[reason])))
    ex = ", ".join(tr("row {row}: {value}").format(row=r, value=v) for r, v in check.examples)
    return tr("{n} rows have a missing or malformed CPR number in '{col}' ({kinds}); for "
              "example {examples}.").format(n=check.n_malformed, col=column,
                                            kinds="; ".join(parts), examples=ex)


def duplicate_message(check: IdCheck, column: str) -> str:
    """Counted report of repeated keys within a reference date."""
    rows = [str(int(i) + 1) for i in np.nonzero(check.duplicates)[0][:MAX_EXAMPLES]]
    return tr("{n} rows repeat a person key in '{col}' within the same reference date (rows "
              "{rows}). Each person may appear once per date; 'Compute indicators' will refuse "
              "the extract until they are removed.").format(
        n=check.n_duplicates, col=column, rows=", ".join(rows))


def cpr_numbers(values: np.ndarray) -> np.ndarray:
    """Which numbers are CPR numbers stored as numbers (leading zero lost): whole, 9 or 10
    digits, a real day and month when written with ten digits (``101851234``)."""
    v = np.asarray(values, dtype=float)
    with np.errstate(invalid="ignore"):
        whole = np.isfinite(v) & (v == np.round(v)) & (v >= 1e8) & (v < 1e10)
    n = np.where(whole, v, 0).astype(np.int64)
    dd = n // 100000000
    mm = (n // 1000000) % 100
    return whole & (dd >= 1) & (dd <= 31) & (mm >= 1) & (mm <= 12)


# --------------------------------------------------------------------------- an extract

PERSON_ID = "person_id"


def person_id_names() -> List[str]:
    """Column names that mean 'person_id' (they would clash with the pseudonym column)."""
    return [PERSON_ID, COLUMNS[PERSON_ID].alias] + EXTRA_ALIASES.get(PERSON_ID, [])


@dataclass
class ColumnPlan:
    """What pseudonymise does with each column of an extract (by position)."""

    drop: Set[int]  # the key, direct identifiers and columns clashing with person_id
    date: Optional[int]  # the reference date column (duplicates are counted per date)
    scan: List[int]  # text columns searched for CPR-shaped values (dropped when found)


def plan_columns(names: Sequence[str], key: str, text_columns: Sequence[int]) -> ColumnPlan:
    """Which columns are dropped, which is the reference date and which are scanned.

    ``key`` is the column holding the CPR number; ``text_columns`` are the positions of the
    text columns. Raises BoligsocialError when the key column is not in ``names``.
    """
    names = list(names)
    if key not in names:
        raise BoligsocialError(tr("The column '{col}' is not in the extract. Choose the column "
                                  "holding the CPR number.").format(col=key))
    clash = set(person_id_names())
    drop = {names.index(key)}
    drop |= {names.index(c) for c in direct_identifier_columns(names) if c != key}
    drop |= {i for i, c in enumerate(names) if c.strip().lower() in clash and c != key}
    try:
        date_col: Optional[str] = match_columns(names).get("ref_date")
    except BoligsocialError:
        date_col = None
    date = names.index(date_col) if date_col else None
    return ColumnPlan(drop, date, [i for i in text_columns if i not in drop])


def _all_numbers(values: Sequence[object]) -> bool:
    return all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
               for v in values)


def check_extract_keys(ids: Sequence[object], dates: Optional[Sequence[object]], column: str,
                       is_cpr: bool, numeric: bool,
                       drop_invalid: bool) -> Tuple[IdCheck, List[str]]:
    """Check the key column of an extract; returns the check and the warnings to report.

    Malformed keys stop the run (BoligsocialError with a count, rows and masked examples)
    unless ``drop_invalid``: then those rows are left out and counted.
    """
    values = pd.Series(list(ids), dtype=float if numeric and _all_numbers(ids) else object)
    ref = pd.Series(list(dates), dtype=object) if dates is not None else None
    check = check_cpr(values, ref) if is_cpr else check_keys(values, ref)
    warnings: List[str] = []
    if check.n_malformed:
        msg = malformed_message(check, column) if is_cpr else tr(
            "{n} rows have no value in '{col}' (rows {rows}).").format(
            n=check.n_malformed, col=column,
            rows=", ".join(str(r) for r, _v in check.examples))
        if is_cpr and int((check.reasons == "shape").sum()) * 2 > len(values):
            msg += " " + tr("If the column holds another direct key than CPR numbers, untick "
                            "'The key is a CPR number' (ID_IS_CPR=false).")
        if not drop_invalid:
            raise BoligsocialError(msg + " " + tr(
                "Fix them in the source, or tick 'Drop rows with malformed keys' to leave "
                "those rows out (they are counted)."))
        warnings.append(msg + " " + tr("These rows are left out."))
    if check.padded:
        warnings.append(tr(
            "{n} CPR numbers in the numeric column '{col}' had lost their leading zero; it "
            "was restored. Store CPR numbers as text.").format(n=check.padded, col=column))
    if check.n_duplicates:
        warnings.append(duplicate_message(check, column))
    return check, warnings


def numeric_cpr_column(values: Sequence[object]) -> int:
    """How many CPR numbers a numeric column holds (0 unless they are at least half its
    values: an income of 112,345,678 kr. is not taken for a CPR number, a partner column is)."""
    v = np.array([np.nan if x is None or isinstance(x, bool) else x for x in values],
                 dtype=float)
    known = np.isfinite(v)
    hits = int(cpr_numbers(v[known]).sum())
    return hits if known.any() and hits * 2 >= int(known.sum()) else 0


def cpr_column_warning(column: str, n: int) -> str:
    """Why a column holding CPR-shaped values was dropped."""
    return tr("The column '{col}' holds {n} values shaped like CPR numbers; it was dropped. "
              "Pseudonymise it separately if it is needed.").format(col=column, n=n)
