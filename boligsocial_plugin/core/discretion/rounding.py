# SPDX-License-Identifier: GPL-2.0-or-later
"""Keyed rounding of counts (optional in applydiscretion)."""
import hashlib
import hmac
from typing import Sequence, Union

import numpy as np

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr


def person_cell_key(person_ids: Sequence[str]) -> str:
    """Stable cell key from the set of contributing pseudonyms (order and repeats ignored)."""
    h = hashlib.sha256()
    for p in sorted({str(x) for x in person_ids}):
        h.update(p.encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def keyed_round(values, base: int, key: Union[str, bytes, None], cell_keys: Sequence[str],
                min_count: int = 0) -> np.ndarray:
    """Keyed (deterministic) unbiased rounding of counts to multiples of ``base``.

    Each value ``v = q·base + r`` becomes ``(q+1)·base`` when ``u < r/base`` and ``q·base``
    otherwise, with ``u`` in [0, 1) from HMAC-SHA256(key, cell key). The same cell key (the
    same set of persons via :func:`person_cell_key`, or area + column + value) always rounds
    the same way, so averaging repeated (monthly) releases recovers nothing, while rounding
    stays unbiased over many cells. Use it when the same table is released repeatedly or for
    overlapping geographies (differencing). Rounded totals no longer add up
    exactly; the audit treats rounded cells as published. A non-zero value is never rounded
    to a number below ``min_count``. NaN stays NaN.
    """
    v = np.asarray(values, dtype=float)
    if base is None or base <= 1:
        return v.copy()
    if key is None or key == "" or key == b"":
        raise BoligsocialError(tr("Keyed rounding needs a secret key; give a key or turn "
                                  "rounding off."))
    kb = key.encode("utf-8") if isinstance(key, str) else bytes(key)
    out = v.copy()
    for i in np.nonzero(~np.isnan(v))[0]:
        x = v[i]
        q = np.floor(x / base)
        r = x - q * base
        if r == 0:
            continue
        d = hmac.new(kb, str(cell_keys[i]).encode("utf-8"), hashlib.sha256).digest()
        u = int.from_bytes(d[:8], "big") / 2.0 ** 64
        lo = q * base
        out[i] = lo + base if (u < r / base or (0 < lo < min_count) or
                               (lo == 0 < x and min_count > 0)) else lo
    return out
