# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: noise that anyone can compute protects nothing.

``applydiscretion`` keys each cell's noise on the row id and the column name (README: "keys its
cells on the row id and the column"), both printed in the output, and the noise is a public
function of that key and the true value (core/discretion/perturbation.py). An attacker with the
plugin's code tries every value within ±2 of a published count and keeps those that the plugin
would publish as that count: about half the time one value is left, the exact count.

Then two releases of overlapping tables (areas A, B, C; later the merged area AB and C) are
differenced without noise: AB − B gives A's hidden count, which the help text says cannot
happen ("repeated or overlapping releases cannot be averaged or differenced").

Fixed: the cell keys are an HMAC with a secret kept in the release register folder. The
attacker has the plugin's code and every label but not the secret: he tries the label key the
code used before (and a guessed secret). Recovery means pinning A's true count.
"""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.discretion.perturbation import (
    SECRET_FILE,
    Perturbation,
    perturb_counts,
    table_cell_keys,
)
from boligsocial_plugin.core.personkeys import keys_from_strings
from tests.test_leaks import gpkg_rows


def public_key(labels):
    """The cell key anyone can compute from a label (the plugin's key before the secret)."""
    return (keys_from_strings(labels) >> np.uint64(32)).astype(np.int64)


def candidates(published: float, row_id: str, column: str, min_count: int = 5, keys=public_key):
    """The true counts the plugin publishes as ``published`` in this cell (its own code)."""
    key = keys(["{}\x1f{}".format(row_id, column)])
    return [x for x in range(max(0, int(published) - 2), int(published) + 3)
            if perturb_counts(np.array([float(x)]), key, min_count, Perturbation())[0]
            == published]


def _protect(tmp, name, table):
    import processing

    src = tmp / "{}.csv".format(name)
    table.to_csv(src, index=False)
    res = processing.run("boligsocial:applydiscretion", {
        "INPUT": str(src), "COUNT_FIELDS": ["kids", "adults"], "TOTAL_FIELD": "total",
        "ID_FIELD": "id", "MIN_RESIDENTS": 0, "OUTPUT": str(tmp / "{}.gpkg".format(name))})
    return gpkg_rows(res["OUTPUT"]).set_index("id")


@pytest.fixture(scope="module")
def two_tables(tmp_path_factory, provider):
    tmp = tmp_path_factory.mktemp("redteam_tables")
    # a fixed secret the attacker does not know (a fresh random one each run made the test
    # flaky: a wrong key pins the true count by chance, 1 in 300 random secrets simulated)
    (tmp / "register").mkdir()
    (tmp / "register" / SECRET_FILE).write_text(bytes(range(7, 39)).hex(), encoding="ascii")
    with pytest.MonkeyPatch.context() as mp:  # one register folder (its secret) for both
        mp.setenv("BOLIGSOCIAL_RELEASE_REGISTER", str(tmp / "register"))
        return _two_tables(tmp)


def _two_tables(tmp):
    first = pd.DataFrame({"id": ["A", "B", "C"], "kids": [3, 120, 80],
                          "adults": [40, 300, 200]})
    second = pd.DataFrame({"id": ["AB", "C"], "kids": [123, 80], "adults": [340, 200]})
    for t in (first, second):
        t["total"] = t["kids"] + t["adults"]
    return _protect(tmp, "first", first), _protect(tmp, "second", second)


def test_overlapping_tables_difference_to_a_hidden_count(two_tables):
    first, second = two_tables
    assert first.loc["A", "kids_flag"] == "P" and pd.isna(first.loc["A", "kids"])
    guessed = lambda labels: table_cell_keys(labels, b"\0" * 32)  # noqa: E731
    for keys in (public_key, guessed):
        ab = candidates(second.loc["AB", "kids"], "AB", "kids", keys=keys)
        b = candidates(first.loc["B", "kids"], "B", "kids", keys=keys)
        a = sorted({x - y for x in ab for y in b if 0 <= x - y < 5})
        assert a != [3], "A's hidden number of children is pinned to {}".format(a)
