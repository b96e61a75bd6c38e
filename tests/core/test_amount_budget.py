# SPDX-License-Identifier: GPL-2.0-or-later
"""The amount budget: a person's income is shown by at most AMOUNT_BUDGET populations a date.

The noise of a sum of amounts is proportional to its largest contribution, so each further
geography showing a top earner's income is one more copy of it with noise proportional to
it (README: within ±10 % in 8 % of cases from one copy, 15 % from two, 33 % from eight).
"""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.discretion.budget import DEFAULT_AMOUNT_BUDGET
from boligsocial_plugin.core.discretion.perturbation import Perturbation
from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.indicators import aggregate
from boligsocial_plugin.core.pipeline import (
    OVERLAP_ALLOW,
    Publication,
    join_persons,
    protect_run,
)
from tests.core.test_attacks import INDS, RULES, persons, scatter, sq

DATE = "2025-01-01"
BLOCKS = [("A", sq(0, 0, 1, 1)), ("B", sq(2, 0, 3, 1)), ("C", sq(4, 0, 5, 1))]
DISTRICTS = [("AB", sq(0, 0, 1, 1) + sq(2, 0, 3, 1)), ("C", sq(4, 0, 5, 1))]
STRIP = [("ABC", sq(0, 0, 1, 1) + sq(2, 0, 3, 1) + sq(4, 0, 5, 1))]


@pytest.fixture(scope="module")
def people():
    rng = np.random.default_rng(11)
    return pd.concat([persons(scatter(rng, (x, 0, x + 1, 1), 200), DATE, seed=x, start=1000 * x)
                      for x in (0, 2, 4)], ignore_index=True)


def _run(df, areas, reg, budget=DEFAULT_AMOUNT_BUDGET, pert=True, record=True):
    ids = [a for a, _ in areas]
    joined = join_persons(df, df["x"].to_numpy(), df["y"].to_numpy(), [r for _, r in areas],
                          ids, overlaps=OVERLAP_ALLOW)
    raw = aggregate(joined.data, joined.area, len(ids), INDS)
    pub = Publication(RULES, Perturbation(enabled=pert), register=reg, amount_budget=budget)
    rel = protect_run(raw, joined, INDS, ids, pub)
    if record:
        rel.record(reg, "test", "out")
    out = rel.published.copy()
    out.index = [ids[i] for i in out["area_idx"]]
    return out, rel.result.report


def test_second_geography_hides_income_only(people, tmp_path):
    """Blocks, then districts through one register: the district AB holds persons whose
    income the blocks showed, so its income sum is hidden (S) and said so; its counts are
    published; the district C is the block C's persons again (no new copy) and shows it."""
    reg = Register(str(tmp_path))
    blocks, _ = _run(people, BLOCKS, reg)
    assert blocks["income_num"].notna().all()
    dist, rep = _run(people, DISTRICTS, reg)
    assert pd.isna(dist.loc["AB", "income_num"]) and pd.isna(dist.loc["AB", "income_val"])
    assert dist.loc["AB", "income_flag"] == "S"
    assert dist.loc["C", "income_num"] == blocks.loc["C", "income_num"]
    assert dist.loc["AB", ["residents", "age_18_64_num", "nonwestern_num"]].notna().all()
    assert rep["amount_budget"] == {"budget": 1, "rows_hidden": 1}
    assert any("amount budget" in w for w in rep["warnings"])
    again, _ = _run(people, BLOCKS, reg)  # the same populations again: a repeat
    assert again["income_num"].equals(blocks["income_num"])


def test_budget_two_and_none(people, tmp_path):
    """AMOUNT_BUDGET 2 lets the districts show income and hides the third geography's; 0 is
    no limit; a draft (not recorded) uses nothing up."""
    reg = Register(str(tmp_path / "two"))
    _run(people, BLOCKS, reg, budget=2)
    _run(people, STRIP, reg, budget=2, record=False)  # a draft
    dist, _ = _run(people, DISTRICTS, reg, budget=2)
    assert dist["income_num"].notna().all()
    strip, _ = _run(people, STRIP, reg, budget=2)
    assert strip["income_flag"].tolist() == ["S"]
    free, rep = _run(people, STRIP, Register(str(tmp_path / "none")), budget=0)
    assert free["income_num"].notna().all() and rep["amount_budget"]["rows_hidden"] == 0


def test_one_run_of_overlapping_areas(people, tmp_path):
    """Within one run of overlapping areas (OVERLAPS=allow) the rows count in table order:
    the first showing a person's income takes the budget."""
    reg = Register(str(tmp_path))
    out, _ = _run(people, [("A", sq(0, 0, 1, 1)), DISTRICTS[0]], reg)
    assert out.loc["A", "income_num"] > 0 and pd.isna(out.loc["AB", "income_num"])


def test_exact_values_are_not_budgeted(people, tmp_path):
    """With exact values the audit of every combination protects instead (no budget)."""
    reg = Register(str(tmp_path))
    _run(people, BLOCKS, reg, pert=False)
    dist, rep = _run(people, DISTRICTS, reg, pert=False)
    assert rep["amount_budget"]["rows_hidden"] == 0
