# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: the moves table against an attacker who also knows that every listed flow
holds at least one person, and that counts are whole numbers.

FLOWS lists a row only for a pair of areas between which someone moved (README "Flows"), so a
hidden flow is at least 1, not 0 (and so is every sum of listed flows: from the focus areas,
between groups), while the protection's audit starts from 0. The attacker of
tests/core/test_moves.py is reused with those two extra pieces of knowledge: listed flows
≥ 1 and every interval of a whole number (a count, a population, a count numerator) rounded
inwards to whole numbers; only sums of amounts (income) and of full-time equivalents
(outside_labour's numerator) stay real. Exact values (perturbation off) make it the hardest
case; the designs are those of the moves tests.
"""
import numpy as np
import pytest
from scipy.optimize import linprog

import tests.core.test_moves as tm
from boligsocial_plugin.core.discretion import Rules
from boligsocial_plugin.core.discretion.moves import protect_moves
from boligsocial_plugin.core.discretion.perturbation import OFF


class StrongerAttacker(tm.Attacker):
    """Listed flows are at least 1; bounds rounded inwards to whole numbers."""

    def intervals(self):
        free = [v for v in self.truth if v not in self.known]
        pos = {v: k for k, v in enumerate(free)}
        a_eq, b_eq = self._rows(self.eqs, pos)
        a_ub, b_ub = self._rows([({a: 1.0, b: -1.0}, 0.0) for a, b in self.leq], pos)
        bounds = [(None, None) if v[0] == "income" and v[1] == "num" else
                  ((1, None) if v[0] in ("flow", "from_focus", "group") else (0, None))
                  for v in free]
        kw = dict(A_eq=np.array(a_eq), b_eq=np.array(b_eq), bounds=bounds, method="highs")
        if a_ub:
            kw.update(A_ub=np.array(a_ub), b_ub=np.array(b_ub))
        out = {}
        for v in free:
            c = np.zeros(len(free))
            c[pos[v]] = 1
            lo, hi = linprog(c, **kw), linprog(-c, **kw)
            # 0: solved, 3: unbounded; anything else means the attacker's model is wrong
            assert lo.status in (0, 3) and hi.status in (0, 3), (v, lo.message, hi.message)
            real = len(v) == 4 and v[0] in ("income", "outside_labour") and v[1] == "num"
            whole = not real
            lo_v = lo.x[pos[v]] if lo.status == 0 else -np.inf
            hi_v = hi.x[pos[v]] if hi.status == 0 else np.inf
            if whole:
                lo_v, hi_v = np.ceil(lo_v - 1e-7), np.floor(hi_v + 1e-7)
            out[v] = (lo_v, hi_v, self.truth[v])
        return out


def intervals(rel, md, rules, layer, focus, groups):
    att = StrongerAttacker()
    tm._attack_counts(att, rel, md)
    tm._attack_sums(att, rel, md, focus, groups)
    tm._attack_profiles(att, rel, md, layer)
    return att.intervals()


@pytest.mark.parametrize("seed, base, sums", [
    (0, tm.DESIGN, False), (2, tm.DESIGN, True), (3, tm.BIG, False), (4, tm.BIG, True),
    (None, tm.BIG, True)])
def test_listed_flows_and_whole_numbers_narrow_nothing(seed, base, sums):
    rng = np.random.default_rng(seed)
    design = base if seed is None else [(o, d, max(1, int(n * rng.uniform(0.5, 1.5))))
                                        for o, d, n in base]
    df = tm.designed(seed or 0, design)
    md = tm.run(df)
    rules = Rules(min_count=5, min_residents=20)
    focus, groups = (tm.FOCUS_A, tm.GROUPS) if sums else (None, None)
    rel = protect_moves(md, rules, perturbation=OFF, focus=focus, group_of=groups)
    iv = intervals(rel, md, rules, tm.indicator_layer(df, rules), focus, groups)
    checked = 0
    for v, (lo, hi, true) in iv.items():
        if v[0] in ("arrivals", "leavers") or v[2:3] in (("allT",), ("allF",), ("stayF",)):
            continue
        if v[0] in ("in_movers", "out_movers") and true == 0:
            continue
        if len(v) == 4 and v[1] == "den" and true >= rules.min_count:
            continue
        checked += 1
        assert hi - lo >= 1 - 1e-6, (v, lo, hi, true)
        small = tm._sensitive(v, true, rules) and v[0] != "flow" or \
            (v[0] == "flow" and true < rules.min_count)
        if small:
            assert hi - lo >= rules.min_count - 1e-6, (v, lo, hi, true)
    assert checked


def test_the_attacker_catches_a_protection_narrower_than_the_width():
    """The test above can fail: protected for a width of 1 only, the same designs give the
    stronger attacker small counts narrower than MIN_COUNT."""
    rules = Rules(min_count=5, min_residents=20)
    narrowed = []
    for seed, base, sums in ((0, tm.DESIGN, False), (2, tm.DESIGN, True), (3, tm.BIG, False),
                             (4, tm.BIG, True)):
        rng = np.random.default_rng(seed)
        design = [(o, d, max(1, int(n * rng.uniform(0.5, 1.5)))) for o, d, n in base]
        df = tm.designed(seed, design)
        md = tm.run(df)
        focus, groups = (tm.FOCUS_A, tm.GROUPS) if sums else (None, None)
        rel = protect_moves(md, rules, perturbation=OFF, focus=focus, group_of=groups,
                            width=1.0)
        for v, (lo, hi, true) in intervals(rel, md, rules, tm.indicator_layer(df, rules),
                                           focus, groups).items():
            if v[0] in ("arrivals", "leavers") or v[2:3] in (("allT",), ("allF",),
                                                               ("stayF",)):
                continue
            small = tm._sensitive(v, true, rules) and v[0] != "flow" or \
                (v[0] == "flow" and true < rules.min_count)
            if small and hi - lo < rules.min_count - 1e-6:
                narrowed.append(v)
    assert narrowed
