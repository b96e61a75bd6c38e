# SPDX-License-Identifier: GPL-2.0-or-later
"""The register's cell state (core.discretion.carrystate) of a run from a PostGIS person table.

The carry rule across runs needs, for every row of the run (bound to the cell states earlier
releases recorded; the rows shown are recorded), every person row's key and, per cell, the
one-byte code of the person's contribution. The codes
are computed on the server with the formula of core.discretion.carrystate
(``contribution_codes``: PostgreSQL's ``hashint8extended``, which core.personkeys.hash_int64
reproduces), over the members core.discretion.carry.row_changes uses (qgis_io.pgcarry
``_cells``). Per person row the area, date, 64-bit key and one byte per cell (eight to a
bigint) come back by one binary COPY; no value leaves the server.
"""
from typing import List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core import sqlgen
from boligsocial_plugin.core.discretion.carrystate import CODE_COLUMN, CODE_SEEDS
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Indicator
from boligsocial_plugin.core.personkeys import signed
from boligsocial_plugin.core.sqlaggregate import inner_rows
from boligsocial_plugin.qgis_io.pgsession import copy_out


def state_dates(published: pd.DataFrame) -> List[str]:
    """The dates whose person rows the cell state needs: every date of the run (each row is
    bound, core.discretion.carrystate.bind_rows; the rows shown are recorded)."""
    return sorted({str(d) for d in published["ref_date"]})


def code_sql(rows: sqlgen.Rows, indicators: Sequence[Indicator], p: sqlgen.Params
             ) -> List[str]:
    """Per cell (core.discretion.carry.cell_columns) the SQL of a person row's code
    (core.discretion.carrystate.cell_codes): residents 1; per indicator the numerator's
    contribution code (0: not a member) and the denominator's membership."""
    s1, s2 = p(signed(CODE_SEEDS[0]), "bigint"), p(signed(CODE_SEEDS[1]), "bigint")
    out = ["1"]
    for ind in indicators:
        pop = rows.population(ind)
        val = rows.contribution(ind)
        v0 = "COALESCE({}, 0.0::float8)".format(val)
        known = "({} AND {} IS NOT NULL)".format(pop, val) if ind.kind == "mean" else pop
        out.append("CASE WHEN NOT ({known} AND {v0} <> 0) THEN 0 WHEN {v0} = 1 THEN 1 ELSE "
                   "(hashint8extended(COALESCE(j.k, 0) # hashint8extended(round({v0} * "
                   "1000000.0)::bigint, {s1}), {s2}) & 127) + 2 END".format(
                       known=known, v0=v0, s1=s1, s2=s2))
        out.append("1" if ind.kind == "count" else
                   "CASE WHEN {} THEN 1 ELSE 0 END".format(known))
    return out


def fetch_state(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
                indicators: Sequence[Indicator], dates: Sequence[str]
                ) -> Tuple[pd.DataFrame, np.ndarray]:
    """The person rows in an area at ``dates``: (``person_key``, ``ref_date`` and the codes
    ``cell_code_<c>``; each row's area index), by one binary COPY on ``cur`` (the run's
    session: the rows it counted)."""
    p = sqlgen.Params()
    inner, rows = inner_rows(src, p, list(indicators), None, False, key=True,
                             dates=list(dates))
    codes = code_sql(rows, indicators, p)
    words = [" | ".join("(({})::int8 << {})".format(c, 8 * (i % 8))
                        for i, c in enumerate(codes) if i // 8 == w)
             for w in range((len(codes) + 7) // 8)]
    sql = ("SELECT j.area::int4, (j.d::date - DATE '1970-01-01')::int4, "
           "COALESCE(j.k, 0)::int8, {words} FROM {located} j WHERE j.area >= 0").format(
        words=", ".join("({})::int8".format(w) for w in words),
        located=sqlgen.located_sql(grid, inner))
    cols = [("area", ">i4"), ("day", ">i4"), ("k", ">i8")] + \
        [("w{}".format(w), ">i8") for w in range(len(words))]
    got = copy_out(cur, sql, p.values, cols)
    out = np.zeros((len(got), len(codes)), dtype=np.uint8)
    for c in range(len(codes)):
        w = got["w{}".format(c // 8)].astype(np.int64).view(np.uint64)
        out[:, c] = ((w >> np.uint64(8 * (c % 8))) & np.uint64(255)).astype(np.uint8)
    days, dcode = np.unique(got["day"].astype(np.int64), return_inverse=True)
    names = [str(d) for d in days.astype("datetime64[D]")]
    data = pd.DataFrame({"ref_date": pd.Categorical.from_codes(
        np.asarray(dcode).reshape(-1), categories=names),
        "person_key": got["k"].astype(np.int64).view(np.uint64)})
    for c in range(len(codes)):
        data[CODE_COLUMN.format(c)] = out[:, c]
    return data, got["area"].astype(np.int64)


def same_residents(data: pd.DataFrame, area: np.ndarray, raw: pd.DataFrame,
                   dates: Sequence[str]) -> bool:
    """Whether the fetched rows are the residents the run counted at ``dates``."""
    want = raw[raw["ref_date"].astype(str).isin(set(dates))]
    got = pd.DataFrame({"a": area, "d": data["ref_date"].astype(str).to_numpy()}).groupby(
        ["a", "d"]).size()
    exp = pd.Series(want["residents"].to_numpy(dtype=np.int64), index=pd.MultiIndex.from_arrays(
        [want["area_idx"].to_numpy(dtype=np.int64), want["ref_date"].astype(str).to_numpy()],
        names=["a", "d"]))
    exp = exp[exp > 0]
    return len(got) == len(exp) and bool((got.reindex(exp.index) == exp).all())


def run_state(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
              indicators: Sequence[Indicator], release, shown: Optional[Sequence[str]],
              raw: pd.DataFrame) -> Tuple[pd.DataFrame, np.ndarray]:
    """core.discretion.carry.carry_release's ``state_rows`` of a database run; refused when
    they are not the persons the run counted."""
    dates = state_dates(release.result.published)
    data, area = fetch_state(cur, src, grid, indicators, dates)
    if not same_residents(data, area, raw, dates):
        raise BoligsocialError(tr(
            "The person table changed while the run read it: the persons recorded for the "
            "release register are not the ones counted. Run again when the table is not "
            "being written, or run without the register (REGISTER_MODE=off)."))
    return data, area


def move_codes(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
               indicators: Sequence[Indicator], persons, from_date: str, to_date: str):
    """core.moves.MovePersons ``persons`` with each person's contribution codes at both
    dates (``codes_to``/``codes_from``: the cell state of the elevator profiles,
    core.discretion.moves_carry), computed on the server as :func:`fetch_state` does;
    refused when the rows are not the persons of the moves."""
    from dataclasses import replace

    data, area = fetch_state(cur, src, grid, indicators, [from_date, to_date])
    codes = data[[CODE_COLUMN.format(c) for c in range(1 + 2 * len(indicators))]].to_numpy(
        dtype=np.uint8).reshape(len(data), -1)
    day = data["ref_date"].astype(str).to_numpy()
    keys = data["person_key"].to_numpy(dtype=np.uint64)
    out = []
    for date, want, where in ((to_date, persons.key_to, persons.area_to),
                              (from_date, persons.key_from, persons.area_from)):
        m = np.nonzero(day == str(date))[0]
        m = m[np.argsort(keys[m], kind="stable")]
        pos = np.searchsorted(keys[m], want)
        if len(m) != len(want) or (len(want) and (
                pos.max() >= len(m) or not np.array_equal(keys[m][pos], want) or
                not np.array_equal(area[m][pos], where))):
            raise BoligsocialError(tr(
                "The person table changed while the run read it: the persons recorded for "
                "the release register are not the ones counted. Run again when the table is "
                "not being written, or run without the register (REGISTER_MODE=off)."))
        out.append(codes[m][pos])
    return replace(persons, codes_to=out[0], codes_from=out[1])
