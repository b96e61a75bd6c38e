# SPDX-License-Identifier: GPL-2.0-or-later
"""The moves between two dates (core.moves) computed in the database: SQL and reading back.

Each person's place at both dates is found on the server (a temporary table ``bs_mv``: the
64-bit person key, the area at FROM_DATE and at TO_DATE; a self-join of the person table over
the two dates on the person key), and everything core.moves.analyse counts comes from it as
aggregates: the counts per area and kind of move with their cell keys, the flows per pair of
areas, the join statistics, the probable key changes, and (core.sqlaggregate with
``MoveGroups``) the indicator tables of the elevator groups. Nothing per person leaves the
server; the results equal core.moves.analyse's for the same persons in a file.
"""
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from boligsocial_plugin.core.discretion.perturbation import RECORD_SALT
from boligsocial_plugin.core.moves import COUNTED, MoveStats, counts_table, flows_table
from boligsocial_plugin.core.personkeys import signed
from boligsocial_plugin.core.sqlgen import (
    NO_LOCATION,
    OUTSIDE,
    Grid,
    Params,
    PersonSource,
    Rows,
    located_sql,
    run_rows,
)

#: the server's table of each person's place at both dates (NULL: not in the extract then)
PLACES = "pg_temp.bs_mv"
_M32 = 1 << 32


def _record_key(p: Params, key: str = "m.k") -> str:
    return "(hashint8extended({}, {}) & 4294967295)".format(key, p(signed(RECORD_SALT),
                                                                     "bigint"))


def places_sql(src: PersonSource, grid: Grid, from_date: str, to_date: str
               ) -> Tuple[str, Dict[str, Any]]:
    """Create ``bs_mv``: per person key, the area code at each date (an area index,
    OUTSIDE or NO_LOCATION; NULL when the person is not in the extract at that date)."""
    p = Params()
    rows = Rows(src, p)
    x, y, pt = rows.xy()
    inner = "SELECT {d} AS d, {x} AS px, {y} AS py, {pt} AS pt, {k} AS k {where}".format(
        d=rows.date(), x=x, y=y, pt=pt, k=rows.person_key(),
        where=run_rows(src, p, dates=[from_date, to_date]))
    sql = """CREATE TEMP TABLE bs_mv ON COMMIT DROP AS
SELECT l.k, max(l.area) FILTER (WHERE l.d::text = {f}) AS a_from,
       max(l.area) FILTER (WHERE l.d::text = {t}) AS a_to
FROM {located} l WHERE l.k IS NOT NULL GROUP BY l.k""".format(
        f=p(from_date, "text"), t=p(to_date, "text"), located=located_sql(grid, inner))
    return sql, p.values


def counts_sql() -> Tuple[str, Dict[str, Any]]:
    """Persons and the sum of their record keys per side, area and kind of move (core.moves'
    masks): side 't' at TO_DATE (stayers, in_movers, in_from_outside), 'f' at FROM_DATE
    (out_movers, out_to_outside, and 'stay' for the residents)."""
    p = Params()
    rk = _record_key(p)
    sql = """SELECT 't', m.a_to, CASE WHEN m.a_from IS NULL OR m.a_from < 0 THEN 'in_from_outside'
         WHEN m.a_from = m.a_to THEN 'stayers' ELSE 'in_movers' END, count(*), sum({rk})
FROM {pl} m WHERE m.a_to >= 0 GROUP BY 1, 2, 3
UNION ALL
SELECT 'f', m.a_from, CASE WHEN m.a_to IS NULL OR m.a_to < 0 THEN 'out_to_outside'
         WHEN m.a_to = m.a_from THEN 'stay' ELSE 'out_movers' END, count(*), sum({rk})
FROM {pl} m WHERE m.a_from >= 0 GROUP BY 1, 2, 3""".format(rk=rk, pl=PLACES)
    return sql, p.values


def counts_frame(rows: Sequence[Sequence[Any]], n: int):
    """MoveData.counts (core.moves.counts_table) from :func:`counts_sql`'s rows."""
    cnt = {name: np.zeros(n, dtype=np.int64) for name in COUNTED}
    ck: Dict[str, List[int]] = {name: [0] * n for name in COUNTED}

    def add(name: str, area: int, c: int, k: int) -> None:
        cnt[name][area] += c
        ck[name][area] = (ck[name][area] + k) % _M32

    for side, area, kind, c, k in rows:
        a, c, k = int(area), int(c), int(k or 0)
        add("residents_to" if side == "t" else "residents_from", a, c, k)
        if kind != "stay":
            add(str(kind), a, c, k)
    return counts_table({name: (cnt[name], np.array(ck[name], dtype=np.int64))
                         for name in COUNTED}, n)


def flows_sql() -> Tuple[str, Dict[str, Any]]:
    """Persons and their keys' sum per (origin, destination) pair of areas with movers."""
    p = Params()
    sql = """SELECT m.a_from, m.a_to, count(*), sum({rk}) FROM {pl} m
WHERE m.a_from >= 0 AND m.a_to >= 0 AND m.a_from <> m.a_to GROUP BY 1, 2 ORDER BY 1, 2""".format(
        rk=_record_key(p), pl=PLACES)
    return sql, p.values


def flows_frame(rows: Sequence[Sequence[Any]]):
    """MoveData.flows from :func:`flows_sql`'s rows."""
    rows = list(rows)
    return flows_table(np.array([int(r[0]) for r in rows], dtype=np.int64),
                       np.array([int(r[1]) for r in rows], dtype=np.int64),
                       np.array([int(r[2]) for r in rows], dtype=np.int64),
                       np.array([int(r[3] or 0) % _M32 for r in rows], dtype=np.int64))


def stats_sql() -> str:
    """The counts of core.moves.MoveStats (one row)."""
    cond = {"rows_from": "a_from IS NOT NULL", "rows_to": "a_to IS NOT NULL",
            "in_area_from": "a_from >= 0", "in_area_to": "a_to >= 0",
            "no_location_from": "a_from = {}".format(NO_LOCATION),
            "no_location_to": "a_to = {}".format(NO_LOCATION),
            "outside_from": "a_from = {}".format(OUTSIDE),
            "outside_to": "a_to = {}".format(OUTSIDE),
            "persons_both": "a_from IS NOT NULL AND a_to IS NOT NULL",
            "only_from": "a_from IS NOT NULL AND a_to IS NULL",
            "only_to": "a_from IS NULL AND a_to IS NOT NULL"}
    return "SELECT {} FROM {}".format(", ".join(
        "count(*) FILTER (WHERE {}) AS {}".format(c, k) for k, c in cond.items()), PLACES)


def read_stats(stats: MoveStats, names: Sequence[str], row: Sequence[Any]) -> None:
    """Fill core.moves.MoveStats from :func:`stats_sql`'s row."""
    for name, value in zip(names, row):
        setattr(stats, name, int(value or 0))


def key_changes_sql(src: PersonSource, from_date: str, to_date: str,
                    shifts: Sequence[int]) -> Optional[Tuple[str, Dict[str, Any]]]:
    """core.moves.probable_key_changes in SQL: persons who left and persons who came at the
    same location (rounded to 0.01 as numpy rounds), of the same sex and origin and an age
    grown by one of ``shifts`` years, matched one to one (the shifts in order). None when
    the extract lacks the age."""
    if "age" not in src.columns:
        return None
    p = Params()
    rows = Rows(src, p)
    x, y, _pt = rows.xy()
    age = rows.number("age")
    parts = ["(round({x} * 100::float8) / 100::float8)::text".format(x=x),
             "(round({y} * 100::float8) / 100::float8)::text".format(y=y)]
    extra = []
    if "sex" in src.columns:
        extra.append("COALESCE({}, 'nan')".format(rows.text("sex")))
    if "nonwestern" in src.columns:
        extra.append("COALESCE(({})::text, 'nan')".format(rows.number("nonwestern")))
    f, t = p(from_date, "text"), p(to_date, "text")
    scan = """SELECT {d}::text AS d, {k} AS k, {age} AS age, concat_ws('|', {parts}) AS loc,
       concat_ws('|', {extra}) AS kind
  {where} AND {x} IS NOT NULL AND {y} IS NOT NULL AND {age} IS NOT NULL""".format(
        d=rows.date(), k=rows.person_key(), age=age, parts=", ".join(parts),
        extra=", ".join(extra) or "''", x=x, y=y,
        where=_with_where(run_rows(src, p, dates=[from_date, to_date])))
    shifts = sorted({int(s) for s in shifts})
    key = "s.loc || '|' || (s.age + {})::bigint::text || '|' || s.kind"
    gone = ("SELECT {key} AS key, count(*) AS c FROM s JOIN {pl} m ON m.k = s.k "
            "WHERE s.d = {f} AND m.a_to IS NULL GROUP BY 1")
    sql = ["WITH s AS MATERIALIZED ({scan}),".format(scan=scan),
           "avail AS ({q}),".format(q=("SELECT {key} AS key, count(*) AS c FROM s JOIN {pl} m "
                                       "ON m.k = s.k WHERE s.d = {t} AND m.a_from IS NULL "
                                       "GROUP BY 1").format(key=key.format(0), pl=PLACES, t=t))]
    for n, sh in enumerate(shifts):
        sql.append("g{n} AS ({q}),".format(n=n, q=gone.format(key=key.format(sh), pl=PLACES,
                                                                f=f)))
    # take_n = least(those who left, with shift n, what the earlier shifts left of those who
    # came): one level per shift, as core.moves matches them
    query = "SELECT a.key, a.c FROM avail a"
    for n in range(len(shifts)):
        used = " + ".join("q.t{}".format(j) for j in range(n)) or "0"
        keep = ", ".join(["q.key", "q.c"] + ["q.t{}".format(j) for j in range(n)])
        query = ("SELECT {keep}, LEAST(COALESCE(g{n}.c, 0), q.c - ({used})) AS t{n} "
                 "FROM ({inner}) q LEFT JOIN g{n} ON g{n}.key = q.key").format(
            keep=keep, n=n, used=used, inner=query)
    total = " + ".join("COALESCE(sum(z.t{}), 0)".format(n) for n in range(len(shifts))) or "0"
    sql[-1] = sql[-1].rstrip(",")
    sql.append("SELECT {total} FROM ({query}) z".format(total=total, query=query))
    return "\n".join(sql), p.values


def _with_where(clause: str) -> str:
    return clause if " WHERE " in clause else clause + " WHERE true"
