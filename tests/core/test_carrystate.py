# SPDX-License-Identifier: GPL-2.0-or-later
"""The register's cell state and the carry rule across runs (core.discretion.carrystate)."""
import os

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.carrystate import (
    CellState,
    Recorded,
    bind_rows,
    cell_codes,
    contribution_codes,
)
from boligsocial_plugin.core.discretion.linkage import populations_from_rows
from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.indicators import builtin_indicators
from boligsocial_plugin.core.personkeys import keys_from_strings

TYPES = ["residents", "x:num", "x:den"]


def test_codes_value_one_is_one_others_are_a_hash_of_person_and_value():
    keys = keys_from_strings(["a", "b", "c", "a"])
    c = contribution_codes(keys, np.array([1.0, 1.0, 250000.0, 250001.0]))
    assert c[0] == 1 and c[1] == 1
    assert 2 <= c[2] <= 129 and 2 <= c[3] <= 129
    again = contribution_codes(keys, np.array([1.0, 1.0, 250000.0, 250001.0]))
    assert np.array_equal(c, again)  # the same in every run (the register compares runs)
    many = contribution_codes(keys_from_strings(["p{}".format(i) for i in range(5000)]),
                              np.full(5000, 123.0))
    assert set(np.unique(many)) <= set(range(2, 130)) and len(np.unique(many)) == 128


def _release(tmp_path, keys_by_row, codes_by_row, shared_keys=True):
    """Record one release of rows (area labels A0.., date 2024-01-01) with a cell state."""
    reg = Register(str(tmp_path / "reg"))
    group = np.concatenate([[r] * len(k) for r, k in enumerate(keys_by_row)])
    keys = np.concatenate(keys_by_row)
    n = len(keys_by_row)
    pops = populations_from_rows(group, keys, n, ["2024-01-01"] * n,
                                 ["A{}".format(r) for r in range(n)])
    order = [np.argsort(k) for k in keys_by_row]
    skeys = [k[o] for k, o in zip(keys_by_row, order)]
    scodes = [c[o] for c, o in zip(codes_by_row, order)]
    ptr = np.concatenate([[0], np.cumsum([len(k) for k in skeys])])
    state = CellState(np.arange(n), ptr, np.concatenate(skeys) if shared_keys else
                      np.concatenate(skeys[::-1]), np.concatenate(scodes),
                      np.tile([[40.0, 7.0, 40.0]], (n, 1)))
    pub = np.ones((n, 3), dtype=bool)
    reg.add(pops, np.zeros((n, 3), dtype=bool), pub, TYPES, "test", "out", {}, state=state)
    return reg


def test_the_register_gives_back_the_recorded_state(tmp_path):
    k = [keys_from_strings(["p{}".format(i) for i in range(40)])]
    codes = [np.stack([np.ones(40), (np.arange(40) < 7).astype(int), np.ones(40)],
                      axis=1).astype(np.uint8)]
    reg = _release(tmp_path, k, codes)
    npz = [f for f in os.listdir(reg.folder) if f.endswith(".npz")][0]
    z = np.load(os.path.join(reg.folder, npz))
    assert "cs_keys" not in z.files  # the populations' own keys: not stored twice
    got = reg.cell_states(TYPES + ["y:num"], ["2025-01-01"], k[0][:3])
    assert got is not None and got.labels == ["A0"] and got.dates == ["2024-01-01"]
    order = np.argsort(k[0])
    assert np.array_equal(got.keys, k[0][order])
    assert np.array_equal(got.codes[:, :3], codes[0][order])
    assert (got.codes[:, 3] == 0).all()  # a type the release did not have
    assert got.values[0, :3].tolist() == [40.0, 7.0, 40.0] and got.shown[0, :3].all()
    # persons not in the release, or the run's own date: nothing to bind to
    assert reg.cell_states(TYPES, ["2025-01-01"], keys_from_strings(["zz"])) is None
    assert reg.cell_states(TYPES, ["2024-01-01"], k[0]) is None


def test_an_unreadable_state_is_skipped(tmp_path):
    k = [keys_from_strings(["p{}".format(i) for i in range(10)])]
    reg = _release(tmp_path, k, [np.ones((10, 3), dtype=np.uint8)])
    npz = [f for f in os.listdir(reg.folder) if f.endswith(".npz")][0]
    path = os.path.join(reg.folder, npz)
    z = dict(np.load(path))
    z["cs_codes_z"] = np.frombuffer(b"not zlib", dtype=np.uint8)
    with open(path, "wb") as f:
        np.savez(f, **z)
    assert reg.cell_states(TYPES, ["2025-01-01"], k[0]) is None


def _recorded(codes, shown=True, hidden=False, value=7.0):
    keys = keys_from_strings(["p{}".format(i) for i in range(len(codes))])
    n = codes.shape[1]
    return Recorded(["A0"], ["2024-01-01"], np.full((1, n), "2024-01-01", dtype=object),
                    np.full((1, n), hidden), np.full((1, n), shown), np.full((1, n), value),
                    np.array([0, len(keys)]), keys, codes.astype(np.uint8))


def test_a_cell_binds_to_a_recorded_cell_of_another_type_with_the_same_persons():
    """The convicted count of 2025 against 2024's cells: the built-in type is missing from
    the record (as under a new code), a recorded cell of another type with the same convicted
    persons binds it: it repeats that value."""
    inds = [i for i in builtin_indicators() if i.code == "convicted"]
    n = 60
    data = pd.DataFrame({"person_key": keys_from_strings(["p{}".format(i) for i in range(n)]),
                         "ref_date": "2025-01-01", "age": 40.0,
                         "convicted": (np.arange(n) < 8).astype(float)})
    published = pd.DataFrame({"area_idx": [0], "ref_date": ["2025-01-01"]})
    area = np.zeros(n, dtype=np.int64)
    other = np.zeros((n, 4), dtype=np.uint8)
    other[:, 3] = (np.arange(n) < 10)  # 8 convicted + 2 more: 2 changes
    b = bind_rows(_recorded(other), published, data, area, cell_codes(data, inds), 5)
    assert b[1].repeat[0] and b[1].value[0] == 7.0 and b[1].as_of[0] == "2024-01-01"
    other[:, 3] = (np.arange(n) < 14)  # 6 changes: a new value
    b = bind_rows(_recorded(other), published, data, area, cell_codes(data, inds), 5)
    assert not b[1].repeat[0] and not b[1].hide[0]
    other[:, 3] = (np.arange(n) < 9)  # hidden in the record: hidden here
    b = bind_rows(_recorded(other, shown=False, hidden=True), published, data, area,
                  cell_codes(data, inds), 5)
    assert b[1].hide[0] and not b[1].repeat[0]
