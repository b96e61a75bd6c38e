# SPDX-License-Identifier: GPL-2.0-or-later
"""Stable 64-bit keys of the (pseudonymised) persons, for cell keys and the release register.

A person's key is PostgreSQL's ``hashtextextended(person_id, PERSON_SEED)`` of its
``person_id`` (the pseudonym, after trimming blanks), read as an unsigned 64-bit number: Bob
Jenkins' lookup3 hash (``hash_bytes_extended`` in PostgreSQL's ``src/common/hashfn.c``, on a
little-endian machine) over the UTF-8 bytes. numpy computes it here, vectorised over the byte
matrix of the distinct ids; a PostGIS source computes the very same key in the database
(core.sqlgen), so perturbed values are equal from a file and from a database and person rows
never leave the server. The same pseudonym gets the same key whatever the file format (CSV
text, GeoPackage bytes, integers).

The key is not a secret and needs none: it is only as useful as the pseudonyms behind it,
which only the holders of the extract know. It never leaves the process except in the release
register (see :mod:`boligsocial_plugin.core.discretion.register`).
"""
from typing import Tuple

import numpy as np

#: seed of the person key (any fixed value; PostgreSQL takes it as a signed bigint)
PERSON_SEED = 0x626F6C6967736F63  # "boligsoc"

_U32 = np.uint32
_MASK32 = 0xFFFFFFFF
_INIT = 0x9E3779B9 + 3923095
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)
_CHUNK = 1 << 17  # rows per pass: the nine state arrays stay in the CPU cache


def mix64(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a bijective, well-mixing map of uint64 (vectorised)."""
    z = np.asarray(z, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = z ^ (z >> np.uint64(30))
        z = z * _M1
        z = z ^ (z >> np.uint64(27))
        z = z * _M2
        return z ^ (z >> np.uint64(31))


def signed(seed: int) -> int:
    """A 64-bit value as PostgreSQL's signed bigint (for SQL parameters)."""
    seed &= (1 << 64) - 1
    return seed - (1 << 64) if seed >= 1 << 63 else seed


# --------------------------------------------------------------------------- lookup3

def _rot(x: np.ndarray, k: int) -> np.ndarray:
    return (x << _U32(k)) | (x >> _U32(32 - k))


def _mix(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> None:
    """lookup3's mix(a, b, c), in place."""
    a -= c
    a ^= _rot(c, 4)
    c += b
    b -= a
    b ^= _rot(a, 6)
    a += c
    c -= b
    c ^= _rot(b, 8)
    b += a
    a -= c
    a ^= _rot(c, 16)
    c += b
    b -= a
    b ^= _rot(a, 19)
    a += c
    c -= b
    c ^= _rot(b, 4)
    b += a


def _final(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> None:
    """lookup3's final(a, b, c), in place."""
    c ^= b
    c -= _rot(b, 14)
    a ^= c
    a -= _rot(c, 11)
    b ^= a
    b -= _rot(a, 25)
    c ^= b
    c -= _rot(b, 16)
    a ^= c
    a -= _rot(c, 4)
    b ^= a
    b -= _rot(a, 14)
    c ^= b
    c -= _rot(b, 24)


def _state(n: int, length: np.ndarray, seed: int) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    a = (np.asarray(length, dtype=np.int64) + _INIT).astype(np.uint64).astype(_U32)
    b, c = a.copy(), a.copy()
    seed &= (1 << 64) - 1
    if seed:
        a += _U32(seed >> 32)
        b += _U32(seed & _MASK32)
        _mix(a, b, c)
    return a, b, c


def keys_from_bytes(m: np.ndarray, length: np.ndarray, seed: int = PERSON_SEED) -> np.ndarray:
    """``hashtextextended`` of each row's first ``length`` bytes of the uint8 matrix ``m``."""
    m = np.asarray(m, dtype=np.uint8)
    n = m.shape[0]
    length = np.asarray(length, dtype=np.int64)
    blocks = int(length.max()) // 12 + 1 if n else 1
    width = 12 * blocks
    if m.ndim != 2 or m.shape[1] != width:
        padded = np.zeros((n, width), dtype=np.uint8)
        w = min(width, m.shape[1] if m.ndim == 2 else 0)
        padded[:, :w] = m[:, :w]
        m = padded
    out = np.empty(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for s in range(0, n, _CHUNK):
            out[s:s + _CHUNK] = _lookup3(m[s:s + _CHUNK], length[s:s + _CHUNK], blocks, seed)
    return out


def _lookup3(m: np.ndarray, length: np.ndarray, blocks: int, seed: int) -> np.ndarray:
    words = np.ascontiguousarray(m).view("<u4").reshape(len(m), 3 * blocks).astype(_U32)
    # the bytes beyond a row's length are zero, so its last (partial) block adds as a tail
    # whose third word is shifted by 8 (lookup3 keeps c's lowest byte for the length)
    a, b, c = _state(len(m), length, seed)
    for j in range(blocks):
        rem = length - 12 * j
        full = rem >= 12
        tail = (rem > 0) & (rem < 12)
        w0, w1, w2 = words[:, 3 * j], words[:, 3 * j + 1], words[:, 3 * j + 2]
        if full.all():
            a += w0
            b += w1
            c += w2
            _mix(a, b, c)
            continue
        if full.any():
            fa, fb, fc = a[full] + w0[full], b[full] + w1[full], c[full] + w2[full]
            _mix(fa, fb, fc)
            a[full], b[full], c[full] = fa, fb, fc
        if tail.any():
            a[tail] += w0[tail]
            b[tail] += w1[tail]
            c[tail] += w2[tail] << _U32(8)
    _final(a, b, c)
    return (b.astype(np.uint64) << np.uint64(32)) | c.astype(np.uint64)


def hash_int64(keys: np.ndarray, seed: int) -> np.ndarray:
    """PostgreSQL's ``hashint8extended(key, seed)`` of 64-bit keys, as uint64."""
    k = np.asarray(keys, dtype=np.uint64)
    lo = (k & np.uint64(_MASK32)).astype(_U32)
    hi = (k >> np.uint64(32)).astype(_U32)
    negative = (k >> np.uint64(63)) == 1
    lo ^= np.where(negative, ~hi, hi)
    with np.errstate(over="ignore"):
        a, b, c = _state(len(k), np.full(len(k), 4), seed)
        a += lo
        _final(a, b, c)
    return (b.astype(np.uint64) << np.uint64(32)) | c.astype(np.uint64)


# --------------------------------------------------------------------------- entry points

def keys_from_codepoints(m: np.ndarray) -> np.ndarray:
    """One key per row of a (n, width) matrix of code points (or of UTF-8 bytes when uint8),
    0-padded; the padding is ignored."""
    m = np.asarray(m)
    if m.ndim != 2:
        m = m.reshape(len(m), -1)
    length = np.count_nonzero(m, axis=1)
    if m.dtype == np.uint8 or not len(m) or int(m.max()) < 128:
        return keys_from_bytes(m.astype(np.uint8, copy=False), length)
    wide = (m >= 128).any(axis=1)
    out = keys_from_bytes(np.where(wide[:, None], 0, m).astype(np.uint8),
                          np.where(wide, 0, length))
    rows = np.nonzero(wide)[0]
    enc = ["".join(map(chr, r[r != 0])).encode("utf-8") for r in m[rows]]
    out[rows] = _keys_of_bytes(enc)
    return out


def _keys_of_bytes(values) -> np.ndarray:
    arr = np.asarray(values, dtype="S")
    if arr.size == 0:
        return np.zeros(0, dtype=np.uint64)
    width = max(1, arr.dtype.itemsize)
    m = arr.view(np.uint8).reshape(len(arr), width) if arr.dtype.itemsize else \
        np.zeros((len(arr), 1), dtype=np.uint8)
    return keys_from_bytes(m, np.array([len(v) for v in values], dtype=np.int64))


def keys_from_strings(values) -> np.ndarray:
    """Keys of strings (the same as :func:`keys_from_codepoints` of their code points)."""
    vals = np.asarray([("" if v is None else str(v)) for v in values], dtype=str)
    if vals.size == 0:
        return np.zeros(0, dtype=np.uint64)
    width = max(1, vals.dtype.itemsize // 4)
    m = vals.view(np.uint32).reshape(len(vals), width) if vals.dtype.itemsize else \
        np.zeros((len(vals), 1), dtype=np.uint32)
    return keys_from_codepoints(m)
