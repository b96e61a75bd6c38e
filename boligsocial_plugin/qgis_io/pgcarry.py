# SPDX-License-Identifier: GPL-2.0-or-later
"""The carry rule (core.discretion.carry) for a series from a PostGIS person table.

The walk needs, per area and cell, which persons (and which persons with which contribution)
are there at which dates. The database hands out only counts: per area, cell and pattern of
dates, how many persons (or person-and-contribution pairs) are present at exactly those dates.
Keys and values stay on the server (README "Person data in a database"); one scan of the
joined person rows gives every cell.
"""
from typing import Callable, List, Sequence, Tuple

import numpy as np

from boligsocial_plugin.core import sqlgen
from boligsocial_plugin.core.discretion.carry import Changes, Presence
from boligsocial_plugin.core.indicators import Indicator
from boligsocial_plugin.core.sqlaggregate import inner_rows


def _cells(rows: sqlgen.Rows, indicators: Sequence[Indicator]) -> List[Tuple[str, str]]:
    """(key, member) SQL of every entity set: 0 the residents; per indicator the numerator's
    contributions, its persons, the denominator (core.discretion.carry.row_changes)."""
    out = [("j.k", "true")]
    for ind in indicators:
        pop = rows.population(ind)
        val = rows.contribution(ind)
        v0 = "COALESCE({}, 0.0::float8)".format(val)
        known = "({} AND {} IS NOT NULL)".format(pop, val) if ind.kind == "mean" else pop
        member = "({} AND {} <> 0)".format(known, v0)
        out.append(("hashtextextended(j.k::text || ':' || round({} * 1000000.0)::bigint::text, "
                    "0)".format(v0), member))
        out.append(("j.k", member))
        out.append(("j.k", "true" if ind.kind == "count" else known))
    return out


def carry_changes(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
                  indicators: Sequence[Indicator], n_areas: int
                  ) -> Callable[[Sequence[str]], List[Changes]]:
    """``changes(dates)`` for core.discretion.carry.carry_release, counted in the database
    on ``cur`` (the run's session)."""

    def changes(dates: Sequence[str]) -> List[Changes]:
        p = sqlgen.Params()
        inner, rows = inner_rows(src, p, list(indicators), None, False, key=True)
        cells = _cells(rows, indicators)
        words = (len(dates) + 62) // 63
        didx = "(array_position({}, j.d::text) - 1)".format(p([str(d) for d in dates],
                                                              "text[]"))
        masks = ", ".join(
            "bit_or(CASE WHEN {i} / 63 = {w} THEN 1::bigint << ({i} - {w} * 63) ELSE 0 END) "
            "AS m{w}".format(i=didx, w=w) for w in range(words))
        values = ", ".join("({}, {}, {})".format(c, key, member)
                           for c, (key, member) in enumerate(cells))
        cols = ", ".join("m{}".format(w) for w in range(words))
        sql = """SELECT area, cell, {cols}, count(*) FROM (
  SELECT j.area, c.cell, {masks}
  FROM {located} j CROSS JOIN LATERAL (VALUES {values}) AS c(cell, key, member)
  WHERE j.area >= 0 AND c.member AND j.k IS NOT NULL AND {didx} IS NOT NULL
  GROUP BY j.area, c.cell, c.key) s
GROUP BY area, cell, {cols}""".format(cols=cols, masks=masks, values=values, didx=didx,
                                       located=sqlgen.located_sql(grid, inner))
        cur.execute(sql, p.values)
        got = cur.fetchall()
        rec = np.array([[int(v) for v in r] for r in got], dtype=np.int64).reshape(
            len(got), 3 + words)
        bits = np.zeros((len(rec), len(dates)), dtype=bool)
        for w in range(words):
            m = rec[:, 2 + w].view(np.uint64)
            for k in range(min(63, len(dates) - 63 * w)):
                bits[:, 63 * w + k] = ((m >> np.uint64(k)) & np.uint64(1)) == 1
        sets = []
        for c in range(len(cells)):
            sel = rec[:, 1] == c
            sets.append(Presence(rec[sel, 0], bits[sel], n_areas,
                                 rec[sel, -1].astype(float)))
        out = [Changes(sets[0])]
        for j in range(len(indicators)):
            out.append(Changes(sets[1 + 3 * j], sets[2 + 3 * j]))
            out.append(Changes(sets[3 + 3 * j]))
        return out

    return changes
