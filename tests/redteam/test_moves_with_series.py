# SPDX-License-Identifier: GPL-2.0-or-later
"""Red team: the moves and the indicator layers of the same and other dates, one register.

A municipality publishes the indicator layer at 1 January of both years (and, before the
moves, at a date in between, as a monthly series does) and the moves between the two
1 Januaries, all through one release register, in either order. In area A two newcomers
arrive after the middle date and nobody leaves or comes from another area; in area B one
resident leaves (to outside every area) before it: the middle date's residents of A and B
are exactly their stayers, and nobody in D moves at all.

Before: analysemoves counted the middle date's (perturbed) residents as the exact size of
its stayers and pinned its own hidden arrivals and leavers ("review before publishing", 20
figures in the demo), and a layer published after the moves was linked to the moves' hidden
stayers and groups (relations the moves protect themselves) and found hidden figures that
"follow from what was published before". Now no run warns of a figure it would not warn of
without the moves, the moves hide what their rules hide, and with exact values
(perturbation off) an attacker holding every output, the flows list (a listed flow holds
somebody) and whole numbers, recovers no count of the moves exactly and the small ones only
within the protection width.
"""
import numpy as np
import pandas as pd
import pytest

from tests.helpers import persons_frame
from tests.redteam.attack_helpers import box as _box
from tests.redteam.attack_helpers import hash_ids, write_areas
from tests.test_leaks import gpkg_rows

FD, MID, TD = "2024-01-01", "2024-07-01", "2025-01-01"
SMALL = ("in_from_outside", "out_to_outside", "turnover")


def _persons():
    """A, B, C, D with 120 residents at every date (nobody in D moves); A gets two newcomers
    at TD (nobody moves in from another area), one resident of B is there at FD only; ten
    residents of C move to B at TD (a flow)."""
    boxes = [("A", _box(0, 0, 1, 1)), ("B", _box(1, 0, 2, 1)), ("C", _box(2, 0, 3, 1)),
             ("D", _box(3, 0, 4, 1))]
    df = persons_frame(boxes, [120, 120, 120, 120], dates=(FD, MID, TD), seed=7)
    ids = sorted(df["person_id"].unique())
    b_ids = sorted(df.loc[df["area_truth"] == "B", "person_id"].unique())
    c_ids = sorted(df.loc[df["area_truth"] == "C", "person_id"].unique())
    df = df[~((df["person_id"] == b_ids[0]) & (df["ref_date"] != FD))]  # leaves after FD
    movers = set(c_ids[:10])
    to_b = df["person_id"].isin(movers) & (df["ref_date"] == TD)
    rng = np.random.default_rng(3)
    df.loc[to_b, "x"] = rng.uniform(_box(1, 0, 2, 1)[0] + 1, _box(1, 0, 2, 1)[2] - 1,
                                    int(to_b.sum()))
    new = df[(df["person_id"].isin(ids[:2])) & (df["ref_date"] == TD)].copy()
    new["person_id"] = ["NEW{}".format(i) for i in range(len(new))]
    new["x"] = _box(0, 0, 1, 1)[0] + 500.0  # two newcomers in A at TD only
    new["y"] = _box(0, 0, 1, 1)[1] + 500.0
    df = pd.concat([df, new], ignore_index=True)
    return boxes, hash_ids(df).drop(columns=["area_truth"])


class _Log:
    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        class F(QgsProcessingFeedback):
            def __init__(self, sink):
                super().__init__()
                self.sink = sink

            def pushInfo(self, info):  # noqa: N802
                self.sink.append(info)

            def pushWarning(self, info):  # noqa: N802
                self.sink.append("WARNING " + info)

        self.lines = []
        self.feedback = F(self.lines)


def _publish(run_alg, tmp, order, perturbation, with_moves=True, dates=(FD, MID, TD)):
    boxes, df = _persons()
    df.to_csv(tmp / "persons.csv", index=False)
    write_areas(str(tmp / "areas.gpkg"), [(a, [b]) for a, b in boxes])
    common = {"PERSONS": str(tmp / "persons.csv"), "AREAS": str(tmp / "areas.gpkg"),
              "AREA_ID_FIELD": "area_id", "PERTURBATION": perturbation,
              "RELEASE_REGISTER": str(tmp / "register")}
    logs, out = {}, {}

    def layer(d):
        log = _Log()
        res = run_alg("computeindicators", dict(common, REF_DATE=d,
                                                OUTPUT=str(tmp / "ind_{}.gpkg".format(d))),
                      log.feedback)
        logs[d], out[d] = log.lines, gpkg_rows(res["OUTPUT"]).set_index("area_id")

    def moves():
        log = _Log()
        res = run_alg("analysemoves", dict(common, FROM_DATE=FD, TO_DATE=TD,
                                           OUTPUT=str(tmp / "moves.gpkg"),
                                           FLOWS=str(tmp / "flows.gpkg")), log.feedback)
        logs["moves"], out["moves"] = log.lines, gpkg_rows(res["OUTPUT"]).set_index("area_id")

    steps = [lambda d=d: layer(d) for d in dates] + ([moves] if with_moves else [])
    for s in (steps if order == "layers first" else steps[::-1]):
        s()
    return logs, out


def _interval_attack(out, flows):
    """Intervals of every count of the moves from everything published, for an attacker who
    also knows that the middle date's residents of an area are its stayers (the strongest
    case) and that counts are whole numbers >= 0, listed flows >= 1; the flows not listed
    (hidden) are an unknown sum >= 0 per origin and per destination."""
    m = out["moves"]
    names = []
    index = {}

    def var(key):
        if key not in index:
            index[key] = len(names)
            names.append(key)
        return index[key]

    eqs = []  # ({var: coef}, rhs)
    fixed = {}
    for a in m.index:
        for k in ("residents_from", "residents_to", "stayers", "in_movers", "out_movers",
                  "in_from_outside", "out_to_outside"):
            var((a, k))
            if not pd.isna(m.loc[a, k]):
                fixed[(a, k)] = float(m.loc[a, k])
        eqs.append(({(a, "residents_from"): 1, (a, "stayers"): -1, (a, "out_movers"): -1,
                     (a, "out_to_outside"): -1}, 0.0))
        eqs.append(({(a, "residents_to"): 1, (a, "stayers"): -1, (a, "in_movers"): -1,
                     (a, "in_from_outside"): -1}, 0.0))
        for d, k in ((FD, "residents_from"), (TD, "residents_to"), (MID, "stayers")):
            if d in out and a in out[d].index and not pd.isna(out[d].loc[a, "residents"]):
                fixed[(a, k)] = float(out[d].loc[a, "residents"])
    # the flows list shows the published flows only: the others are an unknown sum >= 0
    row, col = {}, {}
    for a in m.index:
        var(("unlisted_out", a))
        var(("unlisted_in", a))
        row[a] = {(a, "out_movers"): 1.0, ("unlisted_out", a): -1.0}
        col[a] = {(a, "in_movers"): 1.0, ("unlisted_in", a): -1.0}
    for _i, f in flows.iterrows():
        key = ("flow", f["from_area"], f["to_area"])
        var(key)
        if not pd.isna(f["persons"]):
            fixed[key] = float(f["persons"])
        row[f["from_area"]][key] = -1.0
        col[f["to_area"]][key] = -1.0
    eqs += [(r, 0.0) for r in row.values()] + [(c, 0.0) for c in col.values()]
    return _solve(names, fixed, eqs)


def _solve(names, fixed, eqs):
    """Each free variable's whole-number interval (listed flows >= 1, the rest >= 0)."""
    from scipy.optimize import linprog

    free = [v for v in names if v not in fixed]
    pos = {v: i for i, v in enumerate(free)}
    a_eq, b_eq = [], []
    for e, rhs in eqs:
        r = np.zeros(len(free))
        for v, c in e.items():
            if v in pos:
                r[pos[v]] += c
            else:
                rhs -= c * fixed[v]
        if r.any():
            a_eq.append(r)
            b_eq.append(rhs)
    bounds = [(1, None) if v[0] == "flow" else (0, None) for v in free]
    iv = {}
    for v in free:
        c = np.zeros(len(free))
        c[pos[v]] = 1
        lo = linprog(c, A_eq=np.array(a_eq), b_eq=np.array(b_eq), bounds=bounds,
                     method="highs")
        hi = linprog(-c, A_eq=np.array(a_eq), b_eq=np.array(b_eq), bounds=bounds,
                     method="highs")
        assert lo.status in (0, 3) and hi.status in (0, 3), (v, lo.message)
        iv[v] = (np.ceil(lo.fun - 1e-7) if lo.status == 0 else -np.inf,
                 np.floor(-hi.fun + 1e-7) if hi.status == 0 else np.inf)
    return iv


def _warned(lines):
    """Figures a run says it cannot protect (the number in each such warning)."""
    import re

    n = 0
    for x in lines:
        if x.startswith("WARNING") and ("review before publishing" in x or
                                         "follow from what was published before" in x):
            n += int(re.search(r"(\d+) hidden figures", x).group(1))
    return n


def _no_new_warnings(run_alg, tmp_path, order, perturbation, dates):
    """Publish all; the moves warn of nothing, and the layers of no figure they do not warn
    of without the moves (layers of dates six months apart have a limit of their own,
    README "Discretion")."""
    logs, out = _publish(run_alg, tmp_path, order, perturbation, dates=dates)
    (tmp_path / "alone").mkdir()
    alone, _ = _publish(run_alg, tmp_path / "alone", order, perturbation, with_moves=False,
                        dates=dates)
    moves = logs.pop("moves")
    assert _warned(moves) == 0, [x for x in moves if x.startswith("WARNING")]
    for d in dates:
        assert _warned(logs[d]) <= _warned(alone[d]), (d, logs[d], alone[d])
    return out


@pytest.mark.parametrize("order, dates", [("layers first", (FD, MID, TD)),
                                          ("layers first", (FD, TD)),
                                          ("moves first", (FD, TD))])
def test_moves_and_layers_of_other_dates_warn_of_nothing(run_alg, tmp_path, order, dates):
    out = _no_new_warnings(run_alg, tmp_path, order, "on", dates)
    m = out["moves"]
    # the moves' small counts stay hidden
    assert pd.isna(m.loc["A", "in_from_outside"]) and pd.isna(m.loc["B", "out_to_outside"])


@pytest.mark.parametrize("order", ["layers first", "moves first"])
def test_exact_values_leave_every_hidden_count_of_the_moves_wide(run_alg, tmp_path, order):
    out = _no_new_warnings(run_alg, tmp_path, order, "off", (FD, TD))
    m = out["moves"]
    iv = _interval_attack(out, gpkg_rows(str(tmp_path / "flows.gpkg")))
    for (area, field), truth in ((("A", "in_from_outside"), 2), (("B", "out_to_outside"), 1)):
        assert pd.isna(m.loc[area, field])
        lo, hi = iv[(area, field)]
        assert lo <= truth <= hi and hi - lo >= 5, (area, field, lo, hi)
    for v, (lo, hi) in iv.items():
        if v[0] in ("unlisted_in", "unlisted_out"):
            continue
        assert hi > lo, ("pinned", v, lo)
