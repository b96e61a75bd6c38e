# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: averaging the noise away over many geographies (default protection).

"The same persons always get the same published value … so averaging repeated releases
recovers nothing" holds for the same cell. A newcomer, though, sits in every geography that
covers his address: each area X ∪ B_k (his area X with another block B_k) is a different group
of persons, so its two dates carry fresh, independent noise and each gives one more noisy copy
of the newcomer's figures. The register links none of them (none is nearly inside another;
the dates are not linked with perturbation on). With the public noise table (README: 0 with
probability 50 %, ±1 20 % each, ±2 5 % each) the attacker turns the copies into a posterior
probability: here 30 geographies, published in 30 runs through one register.

The attacker below deliberately ignores the other leak (cells without the newcomer repeat
exactly, tests/redteam/test_time_differencing.py): it models every difference as the
newcomer's value plus two independent noises, which is what the protection promises.

Guarded by the overlap budget (core/discretion/budget.py): once a person is in
``DEFAULT_BUDGET`` different published populations of a date, further rows holding him are
hidden, so the attacker gets at most that many copies.
"""
import numpy as np
import pandas as pd
import pytest

from boligsocial_plugin.core.discretion.perturbation import COUNT_TABLE, Perturbation
from boligsocial_plugin.core.discretion.register import Register
from tests.core.test_attacks import persons, publish, scatter, sq

D1, D2 = "2025-01-01", "2025-02-01"
K = 30


def _difference_pmf():
    out = {}
    for e1, p1 in COUNT_TABLE.items():
        for e2, p2 in COUNT_TABLE.items():
            out[e2 - e1] = out.get(e2 - e1, 0.0) + p1 * p2
    return out


def posterior_of_one(diffs):
    """P(the newcomer has the attribute | the differences), prior 1:1, independent noise."""
    pmf = _difference_pmf()
    ll = {h: sum(np.log(pmf.get(int(round(x)) - h, 1e-300)) for x in diffs) for h in (0, 1)}
    return 1.0 / (1.0 + np.exp(ll[0] - ll[1]))


@pytest.fixture(scope="module")
def differences(tmp_path_factory):
    rng = np.random.default_rng(5)
    home = scatter(rng, (0, 0, 1, 1), 100)
    frames = [persons(home, D1, seed=1), persons(home, D2, seed=1)]
    for k in range(K):
        pts = scatter(rng, (2 * k + 2, 0, 2 * k + 3, 1), 60)
        frames += [persons(pts, D1, seed=100 + k, start=10000 * (k + 1)),
                   persons(pts, D2, seed=100 + k, start=10000 * (k + 1))]
    newcomer = persons([(0.5, 0.5)], D2, seed=7, start=999999)
    newcomer[["convicted", "age"]] = [1.0, 40.0]
    df = pd.concat(frames + [newcomer], ignore_index=True)
    reg = Register(str(tmp_path_factory.mktemp("reg")))
    out = {"convicted_num": [], "age_18_64_num": []}
    for k in range(K):
        g = "G{}".format(k)
        pub, _, _ = publish(df, [(g, sq(0, 0, 1, 1) + sq(2 * k + 2, 0, 2 * k + 3, 1))], reg,
                            perturbation=Perturbation())
        for c in out:
            out[c].append(pub.loc[(g, D2), c] - pub.loc[(g, D1), c])
    return out


def test_thirty_geographies_tell_the_newcomers_attributes(differences):
    for cell, diffs in differences.items():
        p = posterior_of_one([d for d in diffs if not pd.isna(d)])
        assert p < 0.99, "{}: the attacker is {:.4f} sure the newcomer has it".format(cell, p)
