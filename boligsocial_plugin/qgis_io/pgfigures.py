# SPDX-License-Identifier: GPL-2.0-or-later
"""Figures of a database run counted on the server: the join statistics, the totals, the
persons two rows share, the persons' types and the figures of the protection's groups
(core.discretion.release's GroupTables), all from aggregates: no person row leaves the
server (README "Databases")."""
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core import sqlgen
from boligsocial_plugin.core.discretion.release import Totals
from boligsocial_plugin.core.discretion.types import TypeTable
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.indicators import Indicator
from boligsocial_plugin.core.pipeline import Joined, JoinStats
from boligsocial_plugin.core.sqlaggregate import Groups, aggregate_sql, inner_rows
from boligsocial_plugin.core.sqlresult import raw_table
from boligsocial_plugin.qgis_io.pgsession import copy_in


@dataclass
class DbRun:
    """What a run in the database gave (the raw table never leaves the process)."""

    raw: pd.DataFrame
    stats: JoinStats
    overlaps: bool  # persons counted in several areas (not yet possible in the database)
    pairs: Tuple[np.ndarray, np.ndarray, np.ndarray]
    grid: Optional[sqlgen.Grid] = None
    #: cell keys of the persons outside every area and of those without location
    outside_keys: Dict[int, int] = field(default_factory=dict)
    #: each person row's date, key and area (``PostgisPersons.run(keys=True)``)
    joined: Optional[Joined] = None
    #: the table, statistics and outside keys of the dates shown, when the run holds more
    #: (core.shown_dates: a date protected with its previous year)
    shown: Optional["DbRun"] = None


def outside_keys(res: pd.DataFrame) -> Dict[int, int]:
    """The cell keys of the persons outside every area and of those without location."""
    if "residents_ck" not in res:
        return {}
    return {int(c): int(sum(int(v or 0) for v in res["residents_ck"][res["code"] == c])
                        % (1 << 32)) for c in (sqlgen.OUTSIDE, sqlgen.NO_LOCATION)}


def join_stats(res: pd.DataFrame, rows_all: Optional[int]) -> JoinStats:
    """core.pipeline.JoinStats from the per-code counts."""
    code = res["code"].to_numpy(dtype=np.int64)
    residents = res["residents"].to_numpy(dtype=np.int64)
    st = JoinStats()
    st.rows_date = int(residents.sum())
    st.rows = int(rows_all) if rows_all is not None else st.rows_date
    st.unique_locations = -1  # not counted in the database (README "Databases")
    st.joined = int(residents[code >= 0].sum())
    st.outside = int(residents[code == sqlgen.OUTSIDE].sum())
    st.no_location = int(residents[code == sqlgen.NO_LOCATION].sum())
    st.on_outer_boundary = int(res["on_outer"].sum())
    st.overlap_persons = int(res["overlap_persons"].sum())
    st.dates = sorted({str(d) for d in res["d"].dropna()})
    return st


def overlap_pairs(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
                  ids: Sequence[str]) -> Dict[str, int]:
    """Locations in two areas, per pair (first area, other area), for the message."""
    p = sqlgen.Params()
    inner = located_inner(src, p)
    sql = """SELECT l.arr[1], a.other, count(DISTINCT (l.px, l.py))
FROM {located} l CROSS JOIN LATERAL unnest(l.arr[2:]) AS a(other)
WHERE l.n > 1 GROUP BY 1, 2""".format(located=sqlgen.located_sql(grid, inner, True))
    cur.execute(sql, p.values)
    return {"{} / {}".format(ids[int(a)], ids[int(b)]): int(n) for a, b, n in cur.fetchall()}


def located_inner(src: sqlgen.PersonSource, p: sqlgen.Params,
                  key: bool = False, dates: Optional[Sequence[str]] = None) -> str:
    rows = sqlgen.Rows(src, p)
    x, y, pt = rows.xy()
    cols = ["{} AS d".format(rows.date()), "{} AS px".format(x), "{} AS py".format(y),
            "{} AS pt".format(pt)]
    if key:
        cols.append("{} AS k".format(rows.person_key()))
    return "SELECT {} {}".format(", ".join(cols), sqlgen.run_rows(src, p, dates=dates))


def date_pairs(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid, raw: pd.DataFrame,
               only: Optional[Sequence[str]] = None) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Persons shared by the rows of one area at two dates, from counts only: per area, how
    many persons were in it at exactly which set of dates (the keys stay on the server).
    ``only``: the run reads these dates only."""
    dates = sorted({str(d) for d in raw["ref_date"]})
    p = sqlgen.Params()
    inner = located_inner(src, p, key=True, dates=only)
    words = (len(dates) + 62) // 63
    didx = "(array_position({}, l.d::text) - 1)".format(p(dates, "text[]"))
    masks = ", ".join(
        "bit_or(CASE WHEN {i} / 63 = {w} THEN 1::bigint << ({i} - {w} * 63) ELSE 0 END) "
        "AS m{w}".format(i=didx, w=w) for w in range(words))
    sql = """SELECT area, {cols}, count(*) FROM (
  SELECT l.k, l.area, {masks} FROM {located} l WHERE l.area >= 0 AND l.k IS NOT NULL
  GROUP BY l.k, l.area) s
GROUP BY area, {cols}""".format(cols=", ".join("m{}".format(w) for w in range(words)),
                                masks=masks, located=sqlgen.located_sql(grid, inner))
    cur.execute(sql, p.values)
    n_dates = len(dates)
    row_of = {(int(a), str(d)): r for r, (a, d) in
              enumerate(zip(raw["area_idx"], raw["ref_date"]))}
    shared: Dict[Tuple[int, int], int] = {}
    for rec in cur.fetchall():
        area, words_, count = int(rec[0]), rec[1:1 + words], int(rec[-1])
        present = [k for w, m in enumerate(words_) for k in range(63)
                   if int(m) >> k & 1 and w * 63 + k < n_dates]
        rows = [row_of[(area, dates[k])] for k in present if (area, dates[k]) in row_of]
        for x in range(len(rows)):
            for y in range(x + 1, len(rows)):
                key = (min(rows[x], rows[y]), max(rows[x], rows[y]))
                shared[key] = shared.get(key, 0) + count
    if not shared:
        return no_pairs()
    keys = sorted(shared)
    return (np.array([k[0] for k in keys], dtype=np.int64),
            np.array([k[1] for k in keys], dtype=np.int64),
            np.array([shared[k] for k in keys], dtype=np.int64))


def no_pairs() -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (np.zeros(0, np.int64),) * 3


def run_totals(run: DbRun, rows: Optional[np.ndarray] = None) -> Totals:
    """The run's totals as protected cells (core.pipeline.protect_run's, from counts).
    ``rows``: the rows of the table protected that ``run`` (the dates shown) holds."""
    st = run.stats
    ck = int(np.sum(run.raw["residents_ck"].to_numpy(dtype=np.int64)) % (1 << 32)) \
        if "residents_ck" in run.raw else 0
    return Totals(st.joined, st.outside, st.no_location, st.rows, ck,
                  read_adds_up=(st.rows == st.rows_date and not run.overlaps),
                  ck_outside=run.outside_keys.get(sqlgen.OUTSIDE, 0),
                  ck_no_location=run.outside_keys.get(sqlgen.NO_LOCATION, 0), rows=rows)


def type_table(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
               indicators: List[Indicator], raw: pd.DataFrame) -> Optional[TypeTable]:
    """core.discretion.types.type_table from counts: per row, the persons of each type (a
    bit per indicator population and per 0/1 numerator), counted in the database."""
    k = len(indicators)
    if k < 2 or len(raw) == 0 or 2 * k > 63:
        return None
    p = sqlgen.Params()
    inner, rows = inner_rows(src, p, indicators, None, False)
    bits, nonbin = [], []
    for n, ind in enumerate(indicators):
        val = rows.contribution(ind)
        pop = rows.population(ind)
        m = "({} AND {} IS NOT NULL)".format(pop, val) if ind.kind == "mean" else \
            ("true" if ind.kind == "count" else pop)
        c0 = "COALESCE({}, 0)".format(val)
        bits.append("(CASE WHEN {m} THEN {b} ELSE 0 END)::bigint | (CASE WHEN {m} AND "
                    "{c} > 0.5 THEN {b2} ELSE 0 END)::bigint".format(
                        m=m, c=c0, b=1 << n, b2=1 << (k + n)))
        nonbin.append("bool_or({m} AND NOT ({c} IN (0, 1))) AS nb{n}".format(m=m, c=c0, n=n))
    sql = "SELECT j.area, j.d, {code} AS code, count(*), {nb} FROM {located} j " \
          "WHERE j.area >= 0 GROUP BY 1, 2, 3".format(
              code=" | ".join(bits), nb=", ".join(nonbin),
              located=sqlgen.located_sql(grid, inner))
    cur.execute(sql, p.values)
    row_of = {(int(a), str(d)): r for r, (a, d) in
              enumerate(zip(raw["area_idx"], raw["ref_date"]))}
    recs = [r for r in cur.fetchall() if (int(r[0]), str(r[1])) in row_of]  # the table's rows
    seen = np.zeros(k, dtype=bool)
    for r in recs:
        seen |= np.array([bool(v) for v in r[4:]], dtype=bool)
    binary = np.array([ind.kind != "mean" and not seen[n] for n, ind in enumerate(indicators)],
                      dtype=bool)
    keep = np.uint64(sum(1 << n for n in range(k)) |
                     sum(1 << (k + n) for n in range(k) if binary[n]))
    codes = np.array([int(r[2]) for r in recs], dtype=np.uint64) & keep
    uniq, inv = np.unique(codes, return_inverse=True)
    counts = np.zeros((len(raw), len(uniq)), dtype=np.int64)
    for rec, t in zip(recs, inv):
        counts[row_of[(int(rec[0]), str(rec[1]))], t] += int(rec[3])
    unpacked = ((uniq[:, None] >> np.arange(2 * k, dtype=np.uint64)[None, :]) &
                np.uint64(1)).astype(bool)
    keys = [None if b else (i.value or None) for i, b in zip(indicators, binary)]
    return TypeTable(unpacked[:, :k], unpacked[:, k:], binary, counts, keys)


class RestFigures:
    """core.discretion.release's GroupTables for a database source: the figures of the
    links' rest groups (an area's persons at one date who were not in it at the other),
    aggregated on the server. The links' groups carry no keys; a group is found by the
    identity of its (key-less) array."""

    def __init__(self, cur, src, grid, indicators, raw: pd.DataFrame, links):
        self.cur, self.src, self.grid, self.indicators = cur, src, grid, list(indicators)
        self.areas = raw["area_idx"].to_numpy()
        self.dates = [str(d) for d in raw["ref_date"]]
        self.by_rest = {id(lk.rest): lk for lk in links}

    def __call__(self, groups: List[Tuple[str, np.ndarray]]) -> Tuple[pd.DataFrame, np.ndarray]:
        spec = []
        for _date, rest in groups:
            lk = self.by_rest.get(id(rest))
            if lk is None:
                raise BoligsocialError("internal: a group without its link")
            c = int(lk.container)
            away = sorted({self.dates[int(m)] for m in lk.members})
            spec.append((int(self.areas[c]), self.dates[c], away))
        all_dates = sorted(set(self.dates))
        plan = aggregate_sql(self.src, self.grid, self.indicators,
                             groups=Groups(all_dates, spec))
        self.cur.execute(plan.sql, plan.params)
        names = [d[0] for d in self.cur.description]
        table, _res = raw_table(plan, names, self.cur.fetchall(), len(spec))
        at = {(int(a), str(d)): i for i, (a, d) in
              enumerate(zip(table["area_idx"], table["ref_date"]))}
        rows = [at.get((g, d)) for g, (_a, d, _x) in enumerate(spec)]
        found = np.array([r is not None for r in rows], dtype=bool)
        pick = table.iloc[[r if r is not None else 0 for r in rows]].reset_index(drop=True)
        return pick, found


class KeyedFigures:
    """core.discretion.release's GroupTables for a database source protected through the
    release register: the figures of groups of persons given by their keys (the links' rest
    groups, earlier releases' populations), aggregated on the server. The groups' keys go to
    a temporary table (``COPY ... FROM STDIN (FORMAT binary)``) and are joined to the person
    rows of the groups' dates wherever they are (core.sqlaggregate ``keyed``); as
    core.pipeline.GroupFigures for a file, a group is found when all its keys are."""

    def __init__(self, cur, src: sqlgen.PersonSource, grid: sqlgen.Grid, indicators):
        self.cur, self.src, self.grid, self.indicators = cur, src, grid, list(indicators)

    def __call__(self, groups: List[Tuple[str, np.ndarray]]) -> Tuple[pd.DataFrame, np.ndarray]:
        cur = self.cur
        sizes = np.array([len(k) for _d, k in groups], dtype=np.int64)
        gid = np.repeat(np.arange(len(groups), dtype=np.int64), sizes)
        keys = np.concatenate([np.asarray(k, dtype=np.uint64) for _d, k in groups]) \
            if len(groups) else np.zeros(0, np.uint64)
        cur.execute("DROP TABLE IF EXISTS pg_temp.bs_gkey0; DROP TABLE IF EXISTS pg_temp.bs_gkey")
        cur.execute("CREATE TEMP TABLE bs_gkey0 (gid int4, k int8) ON COMMIT DROP")
        copy_in(cur, "pg_temp.bs_gkey0", [("gid", ">i4", gid), ("k", ">i8", keys.view(np.int64))])
        cur.execute("CREATE TEMP TABLE bs_gkey ON COMMIT DROP AS SELECT g.gid, u.d, g.k "
                    "FROM pg_temp.bs_gkey0 g JOIN unnest(%(g)s::int[], %(d)s::text[]) "
                    "AS u(gid, d) ON u.gid = g.gid",
                    {"g": list(range(len(groups))), "d": [str(d) for d, _k in groups]})
        cur.execute("ANALYZE pg_temp.bs_gkey")
        dates = sorted({str(d) for d, _k in groups})
        plan = aggregate_sql(self.src, self.grid, self.indicators, keyed="pg_temp.bs_gkey",
                             dates=dates)
        cur.execute(plan.sql, plan.params)
        names = [d[0] for d in cur.description]
        table, res = raw_table(plan, names, cur.fetchall(), len(groups))
        got = {(int(c), str(d)): int(r) for c, d, r in zip(res["code"], res["d"],
                                                           res["residents"]) if int(c) >= 0}
        at = {(int(a), str(d)): i for i, (a, d) in
              enumerate(zip(table["area_idx"], table["ref_date"]))}
        rows = [at.get((g, str(d))) for g, (d, _k) in enumerate(groups)]
        found = np.array([got.get((g, str(d)), 0) == int(sizes[g])
                          for g, (d, _k) in enumerate(groups)], dtype=bool)
        if len(table):
            pick = table.iloc[[r if r is not None else 0 for r in rows]].reset_index(drop=True)
        else:
            pick = pd.DataFrame({c: np.zeros(len(groups)) for c in table.columns})
        empty = np.array([r is None for r in rows], dtype=bool)
        if empty.any():  # nobody of the group at its date: the figures of an empty group
            num = [c for c in pick.columns if c not in ("area_idx", "ref_date")]
            pick.loc[empty, num] = 0
        pick["area_idx"] = np.arange(len(groups))
        pick["ref_date"] = [str(d) for d, _k in groups]
        return pick, found
