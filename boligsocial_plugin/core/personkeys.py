# SPDX-License-Identifier: GPL-2.0-or-later
"""Stable 64-bit keys of the (pseudonymised) persons, for cell keys and the release register.

A person's key is a 64-bit hash of the code points of its ``person_id`` (the pseudonym, after
trimming blanks), computed with numpy on the matrix of code points of the distinct ids, so the
same pseudonym gets the same key whatever the file format (CSV text, GeoPackage bytes,
integers). The key is not a secret and needs none: it is only as useful as the pseudonyms
behind it, which only the holders of the extract know. It never leaves the process except in
the release register (see :mod:`boligsocial_plugin.core.discretion.register`).
"""
import numpy as np

_SEED = np.uint64(0x9E3779B97F4A7C15)
_M1 = np.uint64(0xBF58476D1CE4E5B9)
_M2 = np.uint64(0x94D049BB133111EB)


def mix64(z: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: a bijective, well-mixing map of uint64 (vectorised)."""
    z = np.asarray(z, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = z ^ (z >> np.uint64(30))
        z = z * _M1
        z = z ^ (z >> np.uint64(27))
        z = z * _M2
        return z ^ (z >> np.uint64(31))


def keys_from_codepoints(m: np.ndarray) -> np.ndarray:
    """One key per row of a (n, width) code-point matrix (0-padded); padding is ignored.

    Each row's key chains :func:`mix64` over its code points, then mixes in the length. Worked
    in blocks of rows that stay in the processor's cache, in place (a national extract has
    millions of keys); the columns after the first one that is empty in every row are ignored.
    """
    m = np.asarray(m)
    n = m.shape[0]
    width = m.shape[1] if m.ndim == 2 else 0
    if width and n:
        nonzero = (m != 0).any(axis=0)
        width = int(np.argmin(nonzero)) if not nonzero.all() else width
    out = np.empty(n, dtype=np.uint64)
    for s in range(0, n, _BLOCK):
        block = m[s:s + _BLOCK]
        k = len(block)
        h = np.full(k, _SEED, dtype=np.uint64)
        z = np.empty(k, dtype=np.uint64)
        tmp = np.empty(k, dtype=np.uint64)
        length = np.zeros(k, dtype=np.uint64)
        for j in range(width):
            c = block[:, j].astype(np.uint64)
            active = c != 0
            np.bitwise_xor(h, c, out=z)
            _mix64_into(z, tmp)
            if active.all():
                h, z = z, h
                length += np.uint64(1)
            else:
                np.copyto(h, z, where=active)
                length += active
        with np.errstate(over="ignore"):
            np.multiply(length, _M1, out=z)
        np.bitwise_xor(h, z, out=h)
        _mix64_into(h, tmp)
        out[s:s + k] = h
    return out


_BLOCK = 1 << 16  # rows per block (a few arrays of this many uint64 stay in cache)


def _mix64_into(z: np.ndarray, tmp: np.ndarray) -> None:
    """:func:`mix64` of a uint64 array, in place (``tmp``: scratch of the same size)."""
    with np.errstate(over="ignore"):
        np.right_shift(z, np.uint64(30), out=tmp)
        np.bitwise_xor(z, tmp, out=z)
        np.multiply(z, _M1, out=z)
        np.right_shift(z, np.uint64(27), out=tmp)
        np.bitwise_xor(z, tmp, out=z)
        np.multiply(z, _M2, out=z)
        np.right_shift(z, np.uint64(31), out=tmp)
        np.bitwise_xor(z, tmp, out=z)


def keys_from_strings(values) -> np.ndarray:
    """Keys of strings (the same as :func:`keys_from_codepoints` of their code points)."""
    vals = np.asarray([("" if v is None else str(v)) for v in values], dtype=str)
    if vals.size == 0:
        return np.zeros(0, dtype=np.uint64)
    width = max(1, vals.dtype.itemsize // 4)
    m = vals.view(np.uint32).reshape(len(vals), width) if vals.dtype.itemsize else \
        np.zeros((len(vals), 1), dtype=np.uint32)
    return keys_from_codepoints(m)
