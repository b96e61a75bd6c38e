# SPDX-License-Identifier: GPL-2.0-or-later
"""Tables without persons through the release register: groupings of one population."""
import json
import os

import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.discretion.table_register import (
    check_table,
    record_table,
    refusal,
    table_signatures,
)

SECRET = b"s" * 32
BLOCKS = pd.DataFrame({"id": ["b1", "b2", "b3", "b4"], "kids": [3.0, 20, 31, 44],
                       "adults": [70.0, 120, 150, 90]})


def _table(df):
    return df.assign(total=df.iloc[:, 1] + df.iloc[:, 2])


def _district(k):
    """Block b1 with block k in one district, the others in the second."""
    a, b = BLOCKS.iloc[0], BLOCKS.iloc[k]
    rest = BLOCKS.drop(index=[0, k])
    return pd.DataFrame({"id": ["N", "S"], "kids": [a.kids + b.kids, rest.kids.sum()],
                         "adults": [a.adults + b.adults, rest.adults.sum()]})


def _sig(df, exact=False, id_field="id", columns=("kids", "adults")):
    return table_signatures(_table(df), list(columns), "total", None, id_field, SECRET, exact)


def test_populations_and_groupings():
    """A districting is the same population grouped otherwise; a re-run the same grouping;
    other names give fresh noise (another grouping) unless the values are exact; renaming a
    column keeps the population."""
    blocks, d1, d2 = _sig(BLOCKS), _sig(_district(1)), _sig(_district(2))
    assert blocks.columns == ["kids", "adults", "total"]
    assert blocks.population == d1.population == d2.population
    assert len({blocks.grouping[0], d1.grouping[0], d2.grouping[0]}) == 3
    assert _sig(BLOCKS.copy()).grouping == blocks.grouping
    named = BLOCKS.assign(id=["x1", "x2", "x3", "x4"])
    assert _sig(named).population == blocks.population
    assert _sig(named).grouping != blocks.grouping
    assert _sig(named, exact=True).grouping == _sig(BLOCKS, exact=True).grouping
    renamed = BLOCKS.rename(columns={"kids": "children"})
    assert _sig(renamed, columns=("children", "adults")).population == blocks.population
    # without an id the row's content keys it: sorting does not make another grouping
    assert _sig(BLOCKS.iloc[::-1], id_field=None).grouping == _sig(BLOCKS, id_field=None).grouping
    # another population (one row less) is not linked
    assert _sig(BLOCKS.iloc[1:]).population[0] != blocks.population[0]


def test_a_column_of_zeros_is_not_recorded():
    sig = _sig(BLOCKS.assign(kids=0.0))
    assert sig.columns == ["adults", "total"]


def test_budget_counts_groupings_not_repeats(tmp_path):
    """Budget 3: blocks and two districtings pass, the third districting is refused (naming
    the earlier releases); the blocks again and a repeat still pass."""
    reg = Register(str(tmp_path))
    for i, df in enumerate([BLOCKS, _district(1), _district(2)]):
        sig = _sig(df)
        assert check_table(reg, sig, 3) is None
        record_table(reg, sig, "applydiscretion", "t%d.gpkg" % i, {})
    c = check_table(reg, _sig(_district(3)), 3)
    assert c is not None and c.column == "kids" and c.groupings == 3 and not c.exact
    assert sorted(r.output for r in c.releases) == ["t0.gpkg", "t1.gpkg", "t2.gpkg"]
    msg = str(refusal(c, reg.folder, 3))
    assert "overlap budget of 3" in msg and "t0.gpkg" in msg and "Nothing was written" in msg
    assert check_table(reg, _sig(BLOCKS), 3) is None
    assert check_table(reg, _sig(_district(2)), 3) is None
    assert check_table(reg, _sig(_district(3)), 0) is None  # 0 = no limit


def test_exact_second_grouping_is_refused(tmp_path):
    """With exact values one district minus its published block is exact: a second exact
    grouping is refused; the same rows under other names are not; a perturbed grouping
    after an exact one only counts in the budget, and an exact one after perturbed ones
    too."""
    reg = Register(str(tmp_path))
    record_table(reg, _sig(BLOCKS, exact=True), "applydiscretion", "blocks.gpkg", {})
    c = check_table(reg, _sig(_district(1), exact=True), 8)
    assert c is not None and c.exact and [r.output for r in c.releases] == ["blocks.gpkg"]
    assert "exact values" in str(refusal(c, reg.folder, 8))
    assert check_table(reg, _sig(BLOCKS.assign(id=list("wxyz")), exact=True), 8) is None
    assert check_table(reg, _sig(_district(1)), 8) is None
    other = Register(str(tmp_path / "other"))
    record_table(other, _sig(BLOCKS), "applydiscretion", "blocks.gpkg", {})
    assert check_table(other, _sig(_district(1), exact=True), 8) is None


def test_register_keeps_no_figures(tmp_path):
    """The register holds keyed hashes of the table, never its counts or totals; its other
    readers see a release without populations."""
    reg = Register(str(tmp_path))
    rid = record_table(reg, _sig(BLOCKS), "applydiscretion", "blocks.gpkg", {"min_count": 5})
    with np.load(os.path.join(reg.folder, rid + ".npz")) as z:
        assert sorted(k for k in z.files if k.startswith("table_")) == [
            "table_column", "table_exact", "table_grouping", "table_population"]
        hashes = list(z["table_population"]) + list(z["table_grouping"])
        assert all(len(h) == 32 and int(h, 16) >= 0 for h in hashes)
        assert len(z["keys"]) == 0 and len(z["dates"]) == 0
    with open(os.path.join(reg.folder, rid + ".json"), encoding="utf-8") as f:
        meta = json.load(f)
    # (the id and the time of the release are digits too, of the clock and a random part)
    text = json.dumps({k: v for k, v in meta.items() if k not in ("id", "created")})
    for figure in ("98", "430", "528"):  # the kids, adults and grand totals
        assert figure not in text
    assert meta["populations"] == 0
    assert len(reg.load(None, None, ["residents"])) == 0
    assert [r.id for r, _a in reg.tables()] == [rid]


@pytest.mark.parametrize("exact", [False, True])
def test_another_secret_is_another_register(tmp_path, exact):
    """The hashes are keyed: without the secret nobody links a register's tables to a
    table's totals (another secret, other hashes)."""
    a = table_signatures(_table(BLOCKS), ["kids"], "total", None, "id", SECRET, exact)
    b = table_signatures(_table(BLOCKS), ["kids"], "total", None, "id", b"t" * 32, exact)
    assert a.population != b.population and a.grouping != b.grouping


def test_exact_part_of_a_grouping_is_refused(tmp_path):
    """One district alone (b1 + b2: other totals than the blocks) minus the published block b2
    is the small block b1 exactly: refused after an exact blocks table, by the column's name;
    the same table again is a repeat; with the perturbation it is noise (not refused)."""
    reg = Register(str(tmp_path))
    record_table(reg, _sig(BLOCKS, exact=True), "applydiscretion", "blocks.gpkg", {})
    alone = _district(1).iloc[:1]
    c = check_table(reg, _sig(alone, exact=True), 8)
    assert c is not None and c.exact and c.partial and c.column == "kids"
    msg = str(refusal(c, reg.folder, 8))
    assert "blocks.gpkg" in msg and "part of a grouping" in msg and "parent field" in msg
    assert check_table(reg, _sig(alone), 8) is None
    assert check_table(reg, _sig(BLOCKS, exact=True), 8) is None
    # another column name: the register cannot know it (the README says so)
    assert check_table(reg, _sig(alone.rename(columns={"kids": "children"}), exact=True,
                                 columns=("children", "adults")), 8) is not None  # adults
