# SPDX-License-Identifier: GPL-2.0-or-later
"""Person keys: the same pseudonym gives the same 64-bit key whatever the file format."""
import numpy as np
import pandas as pd

from boligsocial_plugin.core.extract import prepare
from boligsocial_plugin.core.personkeys import keys_from_strings, mix64


def _keys(values):
    raw = pd.DataFrame({"person_id": values, "ref_date": ["2025-01-01"] * len(values),
                        "age": [30] * len(values), "x": [1.0] * len(values),
                        "y": [1.0] * len(values)})
    return prepare(raw).data["person_key"].to_numpy()


def test_same_key_for_text_bytes_numbers_and_blanks():
    n = 30000  # large enough for the vectorised path
    ids = ["p{:06d}æ".format(i) for i in range(n)]
    as_text = _keys(ids)
    as_bytes = _keys([v.encode("utf-8") for v in ids])
    padded = _keys([" " + v + " " for v in ids])
    small = _keys(ids[:10])
    assert np.array_equal(as_text, as_bytes)
    assert np.array_equal(as_text, padded)
    assert np.array_equal(as_text[:10], small)
    assert np.array_equal(as_text, keys_from_strings(ids))
    assert len(np.unique(as_text)) == n
    nums = _keys(list(range(1000, 1010)))
    assert np.array_equal(nums, keys_from_strings([str(i) for i in range(1000, 1010)]))


def test_key_depends_on_every_character_and_length():
    k = keys_from_strings(["a", "b", "ab", "ba", "a\x01", "aa", ""])
    assert len(set(k.tolist())) == 7
    assert mix64(np.array([1], dtype=np.uint64))[0] != 1
