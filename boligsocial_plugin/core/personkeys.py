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
    """One key per row of a (n, width) code-point matrix (0-padded); padding is ignored."""
    m = np.asarray(m)
    n = m.shape[0]
    h = np.full(n, _SEED, dtype=np.uint64)
    length = np.zeros(n, dtype=np.uint64)
    for j in range(m.shape[1] if m.ndim == 2 else 0):
        c = m[:, j].astype(np.uint64)
        active = c != 0
        if not active.any():
            break
        h = np.where(active, mix64(h ^ c), h)
        length += active
    return mix64(h ^ (length * _M1))


def keys_from_strings(values) -> np.ndarray:
    """Keys of strings (the same as :func:`keys_from_codepoints` of their code points)."""
    vals = np.asarray([("" if v is None else str(v)) for v in values], dtype=str)
    if vals.size == 0:
        return np.zeros(0, dtype=np.uint64)
    width = max(1, vals.dtype.itemsize // 4)
    m = vals.view(np.uint32).reshape(len(vals), width) if vals.dtype.itemsize else \
        np.zeros((len(vals), 1), dtype=np.uint32)
    return keys_from_codepoints(m)
