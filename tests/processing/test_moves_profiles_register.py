# SPDX-License-Identifier: GPL-2.0-or-later
"""The moves' elevator profiles in the release register.

analysemoves publishes, per area and profile indicator, C_in (the arrivals at TO_DATE), C_out
(the leavers at FROM_DATE) and C_stay (the stayers at TO_DATE). The register records those
groups with the numerator and denominator of each indicator, published or hidden as the
output shows them, under the indicator layer's cell types, so a later release of any
geography is linked to them (README "Discretion", item 3).
"""
import numpy as np
import pandas as pd

from tests.redteam.attack_helpers import write_areas
from tests.redteam.test_moves_with_series import FD, TD, _persons
from tests.test_leaks import gpkg_rows


def test_profile_groups_are_recorded_as_published(run_alg, tmp_path):
    from boligsocial_plugin.core.discretion.links import cell_types
    from boligsocial_plugin.core.discretion.register import Register
    from boligsocial_plugin.core.indicators import builtin_indicators

    boxes, df = _persons()
    df.to_csv(tmp_path / "persons.csv", index=False)
    write_areas(str(tmp_path / "areas.gpkg"), [(a, [b]) for a, b in boxes])
    reg = tmp_path / "register"
    res = run_alg("analysemoves", {
        "PERSONS": str(tmp_path / "persons.csv"), "AREAS": str(tmp_path / "areas.gpkg"),
        "AREA_ID_FIELD": "area_id", "FROM_DATE": FD, "TO_DATE": TD,
        "RELEASE_REGISTER": str(reg), "OUTPUT": str(tmp_path / "moves.gpkg"),
        "FLOWS": str(tmp_path / "flows.gpkg")})
    moves = gpkg_rows(res["OUTPUT"]).set_index("area_id")
    inds = [i for i in builtin_indicators()
            if i.code in ("outside_labour", "nonwestern", "basic_edu", "income")]
    types = cell_types(inds)
    pops = Register(str(reg)).load(None, None, types)
    where = {(d, lab): p for p, (d, lab) in enumerate(zip(pops.dates, pops.labels))}

    def group_population(date, area, suffixes):
        """The recorded group (the register merges the same persons of one date under the
        first label: the stayers of an area nobody entered are its residents)."""
        for suffix in suffixes:
            p = where.get((date, area + suffix))
            if p is not None and set(types[1:]) & (pops.hidden[p] | pops.published[p]):
                return p
        return None

    checked = 0
    for area in moves.index:
        for group, date, suffixes in (
                ("in", TD, (" (arrivals)", " (in_movers)", " (in_from_outside)")),
                ("out", FD, (" (leavers)", " (out_movers)", " (out_to_outside)")),
                ("stay", TD, (" (stayers)", ""))):
            p = group_population(date, area, suffixes)
            for ind, num_t in zip(inds, types[1::2]):
                flag = moves.loc[area, "{}_{}_flag".format(ind.code, group)]
                value = moves.loc[area, "{}_{}".format(ind.code, group)]
                if p is None:  # an empty group publishes nothing
                    assert pd.isna(value)
                    continue
                if flag:  # hidden (P, S, A): recorded hidden, never published
                    assert num_t in pops.hidden[p] and num_t not in pops.published[p], \
                        (area, group, ind.code)
                    assert num_t[:-3] + "den" in pops.hidden[p]
                elif not pd.isna(value):
                    assert num_t in pops.published[p], (area, group, ind.code)
                    assert num_t[:-3] + "den" in pops.published[p]
                checked += 1
    assert checked >= 30
    # the arrivals of A (two newcomers) are recorded with their persons
    a_in = group_population(TD, "A", (" (arrivals)", " (in_from_outside)"))
    assert len(pops.members(a_in)) == 2
    assert np.all(np.isin(pops.members(a_in), pops.members(where[(TD, "A")])))
