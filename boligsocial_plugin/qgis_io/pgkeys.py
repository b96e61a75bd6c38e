# SPDX-License-Identifier: GPL-2.0-or-later
"""The release register's person keys of a database run: each person row's area, reference
date and 64-bit person key (core.personkeys, computed on the server; never a pseudonym or a
value), fetched by one binary COPY and decoded into core.pipeline.Joined
(PostgisPersons.start_keys / finish_keys), and the check that they are the persons the run
counted; for the moves, each person's key with its area at both dates
(:func:`move_persons`)."""
from typing import Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core import sqlgen
from boligsocial_plugin.core.pipeline import Joined, JoinStats
from boligsocial_plugin.qgis_io.pgfigures import DbRun, located_inner
from boligsocial_plugin.qgis_io.pgsession import copy_out

#: the day number (since 1970-01-01) of a row without reference date
NO_DAY = -(1 << 31)


def person_rows(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
                dates: Optional[Sequence[str]]) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each person row's area code, reference date (days since 1970-01-01) and signed 64-bit
    person key, by one binary COPY (PostgisPersons.start_keys)."""
    p = sqlgen.Params()
    keyed = "person_id" in src.columns
    inner = located_inner(src, p, key=keyed, dates=dates)
    sql = ("SELECT l.area::int4, COALESCE(l.d::date - DATE '1970-01-01', {none})::int4, "
           "{k}::int8 FROM {located} l").format(
        none=NO_DAY, k="COALESCE(l.k, 0)" if keyed else "0",
        located=sqlgen.located_sql(grid, inner))
    got = copy_out(cur, sql, p.values, [("area", ">i4"), ("day", ">i4"), ("k", ">i8")])
    return (got["area"].astype(np.int64), got["day"].astype(np.int64),
            got["k"].astype(np.int64))


def joined_rows(rows: Tuple[np.ndarray, np.ndarray, np.ndarray], stats: JoinStats) -> Joined:
    """:func:`person_rows`' rows as core.pipeline.Joined: each person row's date and key with
    its area."""
    code, day, key = rows
    days, dcode = np.unique(day, return_inverse=True)
    names = [str(d) for d in days.astype("datetime64[D]")]
    codes = np.where(days[dcode] == NO_DAY, -1, dcode)
    if len(days) and days[0] == NO_DAY:
        names = names[1:]
        codes = np.where(codes >= 0, codes - 1, -1)
    data = pd.DataFrame({"ref_date": pd.Categorical.from_codes(codes, categories=names),
                         "person_key": key.view(np.uint64)})
    joined = Joined(data, np.where(code >= 0, code, -1), stats, overlaps=False,
                    located=code != sqlgen.NO_LOCATION)
    return joined


def same_persons(joined: Joined, code: np.ndarray, run: DbRun) -> bool:
    """Whether the fetched rows are the persons the run counted: per area and date, outside
    every area, without location."""
    st = run.stats
    if int((code == sqlgen.OUTSIDE).sum()) != st.outside or \
            int((code == sqlgen.NO_LOCATION).sum()) != st.no_location or \
            int((code >= 0).sum()) != st.joined:
        return False
    raw = run.raw
    if not len(raw):
        return True
    n_areas = int(raw["area_idx"].max()) + 1
    names = [str(d) for d in joined.data["ref_date"].cat.categories]
    table_dates = sorted({str(d) for d in raw["ref_date"]})
    pos = {d: i for i, d in enumerate(table_dates)}
    cat_pos = np.array([pos.get(d, -1) for d in names] + [-1], dtype=np.int64)
    dpos = cat_pos[joined.data["ref_date"].cat.codes.to_numpy()]  # code -1: the last
    inside = (code >= 0) & (dpos >= 0)
    if int(inside.sum()) != int((code >= 0).sum()):
        return False
    nd = len(table_dates)
    got = np.bincount(code[inside] * nd + dpos[inside], minlength=n_areas * nd)
    want = np.zeros(max(len(got), n_areas * nd), dtype=np.int64)
    at = raw["area_idx"].to_numpy(dtype=np.int64) * nd + \
        np.array([pos[str(d)] for d in raw["ref_date"]], dtype=np.int64)
    want[at] = raw["residents"].to_numpy(dtype=np.int64)
    return bool(np.array_equal(np.pad(got, (0, len(want) - len(got))), want))


def move_persons(cur, counts: pd.DataFrame):
    """core.moves.MovePersons of a database moves run: each person's 64-bit key (the key the
    file path computes, core.personkeys) with its place at FROM_DATE and TO_DATE, from the
    run's places table (core.sqlmoves ``bs_mv``, on the run's own snapshot) by one binary
    COPY of 16 bytes a person in an area at either date; refused when they are not the
    persons counted (the residents of every area at both dates)."""
    from boligsocial_plugin.core.errors import BoligsocialError
    from boligsocial_plugin.core.i18n import tr
    from boligsocial_plugin.core.moves import MovePersons
    from boligsocial_plugin.core.sqlmoves import PLACES

    got = copy_out(cur, "SELECT m.k::int8, COALESCE(m.a_from, -1)::int4, "
                        "COALESCE(m.a_to, -1)::int4 FROM {pl} m "
                        "WHERE m.a_from >= 0 OR m.a_to >= 0".format(pl=PLACES), {},
                   [("k", ">i8"), ("f", ">i4"), ("t", ">i4")])
    key = got["k"].astype(np.int64).view(np.uint64)
    a_from = got["f"].astype(np.int64)
    a_to = got["t"].astype(np.int64)
    prev = np.where(a_from >= 0, a_from, -1)
    nxt = np.where(a_to >= 0, a_to, -1)
    n = len(counts)
    for area, name in ((a_to, "residents_to"), (a_from, "residents_from")):
        have = np.bincount(area[area >= 0], minlength=n)
        if not np.array_equal(have[:n], counts[name].to_numpy(dtype=np.int64)):
            raise BoligsocialError(tr(
                "The person table changed while the run read it: the persons recorded for "
                "the release register are not the ones counted. Run again when the table is "
                "not being written, or run without the register (REGISTER_MODE=off)."))
    t, f = a_to >= 0, a_from >= 0
    return MovePersons(key[t], a_to[t], prev[t], key[f], a_from[f], nxt[f])
