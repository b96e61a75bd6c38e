# SPDX-License-Identifier: GPL-2.0-or-later
"""The aggregation of core.indicators.aggregate as one SQL statement, and reading it back.

PostgreSQL evaluates an aggregate with a FILTER for every row (about 20-50 ns each), and the
raw table needs some 270 cells per area for the built-in indicators, so the statement works
in two stages:

1. per area, date and *pattern* (a bit per population of the indicators and per condition,
   e.g. "18-64, 30-59, not a student, age 0-17"), sums and counts per **value column**
   (``outside_fte``, ``gross_income`` ...): about 30 aggregates per person row;
2. per area and date, every indicator's cells from the patterns whose population bit is set
   (a few dozen rows per area).

Sums are exact (integer parts and fractions in units of 2^-62, core.exactsum) and so do not
depend on the order of the rows; the same sums come from a file. Nothing but these per-area
aggregates leaves the server. core.sqlresult reads the fetched rows back into the raw table.
"""
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from boligsocial_plugin.core.discretion.perturbation import RECORD_SALT
from boligsocial_plugin.core.exactsum import FRAC_BITS
from boligsocial_plugin.core.indicators import (
    Indicator,
    nest_possible,
    same_column,
)
from boligsocial_plugin.core.personkeys import signed
from boligsocial_plugin.core.sqlgen import (
    Grid,
    Params,
    PersonSource,
    Rows,
    located_sql,
    run_rows,
)

_SCALE = "{}::float8".format(float(2 ** FRAC_BITS))


def signatures(indicators: Sequence[Indicator]) -> List[List[str]]:
    """Indicators grouped by the definition of their population (same definition, same
    persons); the data may still make two groups equal (find_nestings' classes)."""
    groups: Dict[tuple, List[str]] = {}
    for i in indicators:
        key = (i.age_min, i.age_max, tuple(sorted(map(repr, i.where))),
               i.value if i.kind == "mean" and i.value else None)
        groups.setdefault(key, []).append(i.code)
    return list(groups.values())


@dataclass
class Cells:
    """How one set of cells (an indicator, or a nesting candidate) is read from stage 1."""

    name: str            # column prefix in the result
    kind: str            # share / mean / count (of the indicator whose values are summed)
    known: str           # SQL condition on a stage-1 row (q.pat bits)
    value: str           # 'V:<column>', 'C:<bit>', 'D:<row expression index>'
    fill: int = 0        # value of an unknown contribution (basic_edu: 1), for 'V:'
    keys: bool = False   # cell keys wanted


@dataclass
class Plan:
    """The statement and what it holds (see :func:`aggregate_sql`)."""

    sql: str
    params: Dict[str, Any]
    indicators: List[Indicator]
    cells: List[Cells]
    candidates: List[Tuple[str, str, str, str]]  # (small, big, 'pop'/'val', cells name)
    sigs: List[List[str]]
    with_keys: bool
    checks: List[str] = field(default_factory=list)


class _Stage1:
    """The per-(area, date, pattern) aggregates: one set per value column or row expression."""

    def __init__(self) -> None:
        self.values: Dict[str, str] = {}     # key -> SQL expression (per row, NULL outside)
        self.frac: set = set()
        self.top: set = set()
        self.nonbin: set = set()

    def add(self, key: str, expr: str, frac: bool, top: bool) -> None:
        self.values.setdefault(key, expr)
        if frac:
            self.frac.add(key)
        if top:
            self.top.add(key)

    def select(self, with_keys: bool) -> List[str]:
        out = ["count(*) AS n"]
        if with_keys:
            out.append("COALESCE(sum(j.rk), 0) AS rk")
        for key in sorted(self.values):
            v = "j.v_" + _alias(key)
            a = _alias(key)
            out += ["count({v}) AS nn_{a}".format(v=v, a=a),
                    "COALESCE(sum(trunc({v})::bigint), 0) AS si_{a}".format(v=v, a=a),
                    "count(*) FILTER (WHERE {v} > 0) AS pos_{a}".format(v=v, a=a),
                    "count(*) FILTER (WHERE {v} < 1) AS lt1_{a}".format(v=v, a=a)]
            if key in self.frac:
                out.append("COALESCE(sum((({v} - trunc({v})) * {s})::bigint), 0) AS sf_{a}"
                           .format(v=v, a=a, s=_SCALE))
            if with_keys:
                out += ["COALESCE(sum(j.rk) FILTER (WHERE {v} <> 0), 0) AS rknz_{a}".format(
                    v=v, a=a),
                        "COALESCE(sum(j.rk) FILTER (WHERE {v} IS NULL), 0) AS rknull_{a}"
                        .format(v=v, a=a)]
            if key in self.top:
                out += ["max(abs({v})) AS t1_{a}".format(v=v, a=a),
                        "array_agg(abs({v})) FILTER (WHERE {v} IS NOT NULL) AS all_{a}".format(
                            v=v, a=a)]
            if key in self.nonbin:
                out.append("count(*) FILTER (WHERE {v} NOT IN (0, 1)) AS nb_{a}".format(
                    v=v, a=a))
        return out


def _alias(key: str) -> str:
    return "".join(ch if ch.isalnum() else "_" for ch in key)


@dataclass
class Groups:
    """Groups of persons by where they were: group k holds the persons in area ``area`` at
    ``date`` who were not in that area at any of the ``absent`` dates (the rest of a link
    between two dates of an area, core.discretion.linkage)."""

    dates: List[str]
    rows: List[Tuple[int, str, List[str]]]


@dataclass
class MoveGroups:
    """The elevator groups of the moves (core.moves): every person in an area at the run's
    date counts in the area's ALL row and in its STAY row (in the same area at the other
    date) or MOVED row; the result's ``code`` is ``area * 3 + kind``. ``places`` is the
    server's table of each person's area at both dates (core.sqlmoves), ``other`` its column
    holding the area at the other date."""

    places: str
    other: str


def aggregate_sql(src: PersonSource, grid: Grid, indicators: Sequence[Indicator],
                  ref_date: Optional[str] = None, groups: Optional[Groups] = None,
                  moves: Optional[MoveGroups] = None, keyed: Optional[str] = None,
                  dates: Optional[Sequence[str]] = None) -> Plan:
    """One statement: every person row joined to its areas and aggregated per area and date.

    Result rows: ``code`` (area index, or OUTSIDE / NO_LOCATION), ``d`` (date), the join
    counts, every indicator's cells, the nesting candidates' cells and the nesting tests.
    With ``groups`` the rows are the groups instead (``code`` = group number), with ``moves``
    the elevator groups of ``ref_date``; with ``keyed`` (a table of group, date and person
    key) the persons of each group at its date, wherever they are (no join to the areas).
    ``dates``: only the rows of these reference dates.
    """
    p = Params()
    indicators = list(indicators)
    with_keys = "person_id" in src.columns
    inner, rows = inner_rows(src, p, indicators, ref_date, with_keys,
                         key=groups is not None or moves is not None or keyed is not None,
                         dates=dates)
    lay = _Layout(indicators, rows)
    per_row = ["j.area", "j.d", "j.n AS n_areas", "j.outer_rule",
               "CASE WHEN j.area >= 0 THEN {} ELSE 0 END AS pat".format(lay.pattern())]
    if with_keys:
        per_row.append("j.rk")
    for key, expr in sorted(lay.st.values.items()):
        per_row.append("CASE WHEN j.area >= 0 THEN {} END AS v_{}".format(expr, _alias(key)))
    for name, expr in lay.checks:
        per_row.append("CASE WHEN j.area >= 0 THEN {} ELSE false END AS {}".format(expr, name))
    stage1 = ["j.area", "j.d", "j.pat", "count(*) FILTER (WHERE j.outer_rule) AS on_outer",
              "count(*) FILTER (WHERE j.n_areas > 1) AS overlap_persons",
              "COALESCE(sum(j.n_areas - 1), 0) AS extra_rows"] + lay.st.select(with_keys) + \
        ["bool_or({n}) AS {n}".format(n=name) for name, _e in lay.checks]
    stage2 = ["q.area AS code", "q.d", "sum(q.n) AS residents", "sum(q.on_outer) AS on_outer",
              "sum(q.overlap_persons) AS overlap_persons", "sum(q.extra_rows) AS extra_rows"]
    if with_keys:
        stage2.append("sum(q.rk) AS residents_ck")
    for c in lay.cells:
        stage2 += _stage2(c, lay.st, with_keys and c.keys)
    stage2 += ["bool_or(q.{n}) AS {n}".format(n=name) for name, _e in lay.checks]
    stage2 += _pair_tests(indicators, lay.sig_of, lay.cond_bit)
    n_sigs = len(lay.sigs)
    stage2 += ["bool_or((q.pat & {}) <> 0 AND (q.pat & {}) = 0) AS popdiff_{}_{}".format(
        1 << s, 1 << t, s, t) for s in range(n_sigs) for t in range(n_sigs) if s != t]
    located = located_sql(grid, inner)
    if groups is not None:
        located = _grouped(located, located_sql(grid, inner), groups, p, rows, with_keys)
    if moves is not None:
        located = _moves_grouped(located, moves, rows, with_keys)
    if keyed is not None:
        located = _keyed(inner, keyed, rows, with_keys)
    # the second-largest value per stage-1 group, from its (small) array: no ordered aggregate
    # in stage 1, so PostgreSQL may hash it instead of sorting every row
    seconds = "".join(", (SELECT x FROM unnest(q1.all_{a}) x ORDER BY x DESC OFFSET 1 LIMIT 1) "
                      "AS t2_{a}".format(a=_alias(k)) for k in sorted(lay.st.top))
    sql = """SELECT {stage2}
FROM (SELECT q1.*{seconds} FROM (SELECT {stage1}
  FROM (SELECT {per_row} FROM {located} j OFFSET 0) j
  GROUP BY 1, 2, 3) q1) q
GROUP BY 1, 2""".format(stage2=",\n  ".join(stage2), stage1=",\n    ".join(stage1),
                        per_row=",\n    ".join(per_row), located=located, seconds=seconds)
    return Plan(sql, p.values, indicators, lay.cells, lay.candidates, lay.sigs, with_keys,
                [name for name, _e in lay.checks])


def _grouped(located: str, located2: str, groups: Groups, p: Params, rows: Rows,
             with_keys: bool) -> str:
    """The located rows of the groups' persons, with the group number as ``area``."""
    words = (len(groups.dates) + 62) // 63
    didx = "(array_position({}, l2.d::text) - 1)".format(p(groups.dates, "text[]"))
    masks = ", ".join(
        "bit_or(CASE WHEN {i} / 63 = {w} THEN 1::bigint << ({i} - {w} * 63) ELSE 0 END) "
        "AS m{w}".format(i=didx, w=w) for w in range(words))
    pos = {d: k for k, d in enumerate(groups.dates)}
    absent = [[0] * len(groups.rows) for _ in range(words)]
    for g, (_a, _d, away) in enumerate(groups.rows):
        for d in away:
            k = pos[d]
            absent[k // 63][g] |= 1 << (k % 63)
    arrays = ", ".join([p(list(range(len(groups.rows))), "int[]"),
                        p([int(a) for a, _d, _x in groups.rows], "int[]"),
                        p([str(d) for _a, d, _x in groups.rows], "text[]")] +
                       [p([m - (1 << 64) if m >= 1 << 63 else m for m in absent[w]], "bigint[]")
                        for w in range(words)])
    cols = ["g.gid AS area", "l.d", "l.n", "l.outer_rule"] + (["l.rk"] if with_keys else []) + \
        ["l." + c for c in sorted((rows.passed or {}).values())] + \
        ["l." + c for c in sorted(rows.numbers.values())]
    return """(SELECT {cols} FROM {located} l
  JOIN (SELECT l2.k, l2.area, {masks} FROM {located2} l2
        WHERE l2.area >= 0 AND l2.k IS NOT NULL GROUP BY 1, 2) pm
    ON pm.k = l.k AND pm.area = l.area
  JOIN unnest({arrays}) AS g(gid, area, d, {mcols})
    ON g.area = l.area AND g.d = l.d::text AND {cond})""".format(
        cols=", ".join(cols), located=located, masks=masks, located2=located2, arrays=arrays,
        mcols=", ".join("m{}".format(w) for w in range(words)),
        cond=" AND ".join("(pm.m{w} & g.m{w}) = 0".format(w=w) for w in range(words)))


def _moves_grouped(located: str, moves: MoveGroups, rows: Rows, with_keys: bool) -> str:
    """The located rows in an area twice: code area * 3 + ALL, and area * 3 + STAY or MOVED
    (core.moves' kinds 0, 1, 2) by where the person was at the other date."""
    cols = ["l.area * 3 + g.kind AS area", "l.d", "l.n", "l.outer_rule"] + \
        (["l.rk"] if with_keys else []) + \
        ["l." + c for c in sorted((rows.passed or {}).values())] + \
        ["l." + c for c in sorted(rows.numbers.values())]
    return """(SELECT {cols} FROM {located} l
  LEFT JOIN {places} m ON m.k = l.k
  CROSS JOIN LATERAL (VALUES (0), (CASE WHEN m.{other} = l.area THEN 1 ELSE 2 END)) AS g(kind)
  WHERE l.area >= 0)""".format(cols=", ".join(cols), located=located, places=moves.places,
                               other=moves.other)


def _keyed(inner: str, table: str, rows: Rows, with_keys: bool) -> str:
    """The person rows whose key a group of ``table`` (gid, d, k) holds at their date, with
    the group as ``area`` (core.pipeline.GroupFigures for a database)."""
    cols = ["g.gid AS area", "s.d", "1 AS n", "false AS outer_rule"] + \
        (["s.rk"] if with_keys else []) + \
        ["s." + c for c in sorted((rows.passed or {}).values())] + \
        ["s." + c for c in sorted(rows.numbers.values())]
    return """(SELECT {cols} FROM ({inner}) s
  JOIN {table} g ON g.k = s.k AND g.d = s.d::text)""".format(cols=", ".join(cols), inner=inner,
                                                            table=table)


def inner_rows(src: PersonSource, p: Params, indicators: List[Indicator],
               ref_date: Optional[str], with_keys: bool, key: bool = False,
               dates: Optional[Sequence[str]] = None) -> Tuple[str, Rows]:
    """The scan of the person table: date, location, record key and the columns the
    indicators use (passed on as c0, c1 ...); and the row expressions over them."""
    base = Rows(src, p)
    used = sorted({c for i in indicators for c in i.columns() if base.has(c)})
    passed: Dict[str, str] = {}
    cols = ["{} AS d".format(base.date())]
    x, y, pt = base.xy()
    cols += ["{} AS px".format(x), "{} AS py".format(y), "{} AS pt".format(pt)]
    if with_keys:
        cols.append("(hashint8extended({}, {}) & 4294967295) AS rk".format(
            base.person_key(), p(signed(RECORD_SALT), "bigint")))
    if key:
        cols.append("{} AS k".format(base.person_key()))
    numbers: Dict[str, str] = {}
    for n, name in enumerate(sorted({base.column(c).name for c in used})):
        passed[name] = "c{}".format(n)
        cols.append("{} AS c{}".format(base.ref(name), n))
    for n, c in enumerate(sorted(c for c in used if base.is_numeric(c))):
        name = base.column(c).name
        if name not in numbers:  # the number once per row, not once per use
            numbers[name] = "n{}".format(n)
            cols.append("{} AS n{}".format(base.number(c), n))
    where = run_rows(src, p, ref_date, dates)
    return "SELECT {} {}".format(",\n  ".join(cols), where), Rows(src, p, passed, numbers)


class _Layout:
    """Pattern bits, stage-1 values, the cells to read and the nesting candidates."""

    def __init__(self, indicators: List[Indicator], rows: Rows):
        self.rows = rows
        self.sigs = signatures(indicators)
        self.sig_of = {c: k for k, g in enumerate(self.sigs) for c in g}
        self.by_code = {i.code: i for i in indicators}
        cond = [i for i in indicators if i.condition is not None]
        self.cond_bit = {i.code: len(self.sigs) + k for k, i in enumerate(cond)}
        self.st = _Stage1()
        for i in indicators:
            if i.value is not None:
                self.st.add("V:" + i.value, rows.number(i.value), _fractional(i.value),
                            i.kind == "mean")
        self.cells = [_indicator_cells(i, i.code, self.bit(i.code), self.cond_bit, True)
                      for i in indicators]
        self.candidates: List[Tuple[str, str, str, str]] = []
        self._pop_candidates(indicators)
        self._val_candidates(indicators)
        self.checks = _checks(indicators, rows)

    def bit(self, code: str) -> str:
        """The stage-1 condition "in the population of this indicator"."""
        return "(q.pat & {}) <> 0".format(1 << self.sig_of[code])

    def pattern(self) -> str:
        """Per person row: a bit per population group and per condition."""
        bits = []
        for k, g in enumerate(self.sigs):
            rep = self.by_code[g[0]]
            known = self.rows.population(rep)
            if rep.kind == "mean" and rep.value:
                known = "({} AND {} IS NOT NULL)".format(known, self.rows.contribution(rep))
            bits.append((k, known))
        for code, b in self.cond_bit.items():
            cond = self.by_code[code].condition
            if cond is not None:
                bits.append((b, self.rows.condition(cond)))
        return " | ".join("(CASE WHEN {} THEN {} ELSE 0 END)".format(e, 1 << b)
                          for b, e in bits) or "0"

    def _pop_candidates(self, indicators: List[Indicator]) -> None:
        # bigs whose num may nest ('num' with the small population inside) may pair with any
        # population; otherwise only the groups' first indicators pair up ('den')
        num_bigs = {b.code for a in indicators for b in indicators if a.code != b.code and
                    same_column(a, b) and a.value == b.value and a.condition == b.condition}
        for g in self.sigs:
            for b in indicators:
                if self.sig_of[b.code] == self.sig_of[g[0]]:
                    continue
                first = b.code == self.sigs[self.sig_of[b.code]][0]
                if b.code not in num_bigs and not (first and nest_possible(self.by_code[g[0]],
                                                                            b)):
                    continue
                name = "cand{}".format(len(self.candidates))
                known = "({} AND NOT {})".format(self.bit(b.code), self.bit(g[0]))
                self.candidates.append((g[0], b.code, "pop", name))
                self.cells.append(_indicator_cells(b, name, known, self.cond_bit, False))

    def _val_candidates(self, indicators: List[Indicator]) -> None:
        for a in indicators:
            for b in indicators:
                if a.code == b.code or not same_column(a, b) or \
                        (a.kind == "mean") != (b.kind == "mean"):
                    continue
                name = "cand{}".format(len(self.candidates))
                self.candidates.append((a.code, b.code, "val", name))
                if a.condition is not None and b.condition is not None:
                    value = "B:{}:{}".format(self.cond_bit[b.code], self.cond_bit[a.code])
                elif a.condition is None and b.condition is None:
                    value = "N:{}:{}:{}".format(b.value, _fill(b), _fill(a))
                    self.st.nonbin.add("V:" + str(b.value))
                else:  # a condition and a value on the same column: per row
                    value = "D:{}".format(name)
                    self.st.add(value, "(COALESCE({}, {}) - COALESCE({}, {}))".format(
                        self.rows.contribution(b), _fill(b), self.rows.contribution(a),
                        _fill(a)), True, b.kind == "mean")
                self.cells.append(Cells(name, b.kind, self.bit(b.code), value))


def _fractional(name: str) -> bool:
    """Whether a value column may hold fractions (not a 0/1 or whole-number column)."""
    from boligsocial_plugin.core.datamodel import COLUMNS

    return not (name in COLUMNS and COLUMNS[name].kind in ("binary", "int"))


def _fill(ind: Indicator) -> int:
    """The contribution of a person whose value is unknown (core.indicators.contribution)."""
    return 1 if ind.code == "basic_edu" and ind.condition is None else 0


def _indicator_cells(ind: Indicator, name: str, known: str, cond_bit: Dict[str, int],
                     keys: bool) -> Cells:
    if ind.condition is not None:
        return Cells(name, ind.kind, known, "C:{}".format(cond_bit[ind.code]), keys=keys)
    return Cells(name, ind.kind, known, "V:" + str(ind.value), _fill(ind), keys=keys)


def _stage2(c: Cells, st: _Stage1, keys: bool) -> List[str]:
    """The stage-2 aggregates of one set of cells (over the stage-1 rows ``q``)."""
    k = c.known
    n = c.name
    out: List[str] = []
    if c.value.startswith("C:") or c.value.startswith("B:"):
        if c.value.startswith("C:"):
            hit = "(q.pat & {}) <> 0".format(1 << int(c.value[2:]))
            num = "COALESCE(sum(q.n) FILTER (WHERE {k} AND {h}), 0)".format(k=k, h=hit)
            cnt, rest = num, "COALESCE(sum(q.n) FILTER (WHERE {k} AND NOT {h}), 0)".format(
                k=k, h=hit)
            diff = hit
        else:  # b's condition minus a's: -1, 0 or 1 per pattern
            _tag, bb, ba = c.value.split(":")
            hb = "((q.pat & {}) <> 0)::int".format(1 << int(bb))
            ha = "((q.pat & {}) <> 0)::int".format(1 << int(ba))
            num = "COALESCE(sum(q.n * ({} - {})) FILTER (WHERE {}), 0)".format(hb, ha, k)
            cnt = "COALESCE(sum(q.n) FILTER (WHERE {} AND {} - {} > 0), 0)".format(k, hb, ha)
            rest = "COALESCE(sum(q.n) FILTER (WHERE {} AND {} - {} < 1), 0)".format(k, hb, ha)
            diff = "{} <> {}".format(hb, ha)
        out += ["{} AS {}_ni".format(num, n), "0 AS {}_nf".format(n),
                "COALESCE(sum(q.n) FILTER (WHERE {}), 0) AS {}_den".format(k, n),
                "{} AS {}_cnt".format(cnt, n), "{} AS {}_rest".format(rest, n)]
        if c.kind == "mean":  # every contribution is 0 or 1: the largest two are counts
            m = "COALESCE(sum(q.n) FILTER (WHERE {} AND {}), 0)".format(k, diff)
            out += ["LEAST({}, 1) AS {}_t1".format(m, n),
                    "CASE WHEN {} >= 2 THEN 1 ELSE 0 END AS {}_t2".format(m, n)]
        if keys:
            hit_rk = "COALESCE(sum(q.rk) FILTER (WHERE {} AND {}), 0)".format(k, diff)
            out += ["{} AS {}_ckn".format(hit_rk, n),
                    "COALESCE(sum(q.rk) FILTER (WHERE {}), 0) AS {}_ckd".format(k, n)]
        return out
    if c.value.startswith("N:"):  # same value column: differs only where it is unknown
        col, fb, fa = c.value.split(":", 1)[1].rsplit(":", 2)
        a = _alias("V:" + col)
        d = int(fb) - int(fa)
        nulls = "(q.n - q.nn_{})".format(a)
        out += ["COALESCE(sum({} * {}) FILTER (WHERE {}), 0) AS {}_ni".format(nulls, d, k, n),
                "0 AS {}_nf".format(n),
                "COALESCE(sum(q.n) FILTER (WHERE {}), 0) AS {}_den".format(k, n),
                "COALESCE(sum({}) FILTER (WHERE {}), 0) AS {}_cnt".format(
                    nulls if d > 0 else "0", k, n),
                "COALESCE(sum(q.nn_{} + {}) FILTER (WHERE {}), 0) AS {}_rest".format(
                    a, nulls if d < 1 else "0", k, n)]
        if c.kind == "mean":
            m = "COALESCE(sum({}) FILTER (WHERE {}), 0)".format(nulls if d else "0", k)
            out += ["LEAST({}, 1) * {} AS {}_t1".format(m, abs(d), n),
                    "CASE WHEN {} >= 2 THEN {} ELSE 0 END AS {}_t2".format(m, abs(d), n)]
        return out
    a = _alias(c.value)
    nulls = "(q.n - q.nn_{})".format(a)
    fill = int(c.fill)
    si = "q.si_{}".format(a) + (" + {}".format(nulls) if fill else "")
    out += ["COALESCE(sum({}) FILTER (WHERE {}), 0) AS {}_ni".format(si, k, n),
            ("COALESCE(sum(q.sf_{}) FILTER (WHERE {}), 0)".format(a, k)
             if c.value in st.frac else "0") + " AS {}_nf".format(n),
            "COALESCE(sum(q.n) FILTER (WHERE {}), 0) AS {}_den".format(k, n),
            "COALESCE(sum(q.pos_{}{}) FILTER (WHERE {}), 0) AS {}_cnt".format(
                a, " + " + nulls if fill else "", k, n),
            "COALESCE(sum(q.lt1_{}{}) FILTER (WHERE {}), 0) AS {}_rest".format(
                a, "" if fill else " + " + nulls, k, n)]
    if c.kind == "mean":
        out += ["COALESCE(max(q.t1_{}) FILTER (WHERE {}), 0) AS {}_t1".format(a, k, n),
                "COALESCE(GREATEST(max(q.t2_{a}) FILTER (WHERE {k}), (array_agg(q.t1_{a} "
                "ORDER BY q.t1_{a} DESC) FILTER (WHERE {k}))[2]), 0) AS {n}_t2".format(
                    a=a, k=k, n=n)]
    if keys:
        out += ["COALESCE(sum(q.rknz_{}{}) FILTER (WHERE {}), 0) AS {}_ckn".format(
            a, " + q.rknull_" + a if fill else "", k, n),
                "COALESCE(sum(q.rk) FILTER (WHERE {}), 0) AS {}_ckd".format(k, n)]
    return out


def _checks(indicators: Sequence[Indicator], rows: Rows) -> List[Tuple[str, str]]:
    """find_nestings' value tests for same-column pairs that the patterns cannot answer
    (a condition and a value column on one column): per-row booleans."""
    out = []
    codes = {i.code: n for n, i in enumerate(indicators)}
    for a in indicators:
        for b in indicators:
            if a.code == b.code or not same_column(a, b) or \
                    (a.kind == "mean") != (b.kind == "mean"):
                continue
            if (a.condition is None) == (b.condition is None):
                continue  # answered from the patterns (conditions) or counts (values)
            ka = rows.population(a)
            va = "COALESCE({}, {})".format(rows.contribution(a), _fill(a))
            vb = "COALESCE({}, {})".format(rows.contribution(b), _fill(b))
            ia, ib = codes[a.code], codes[b.code]
            out.append(("valdiff_{}_{}".format(ia, ib), "({} AND {} <> {})".format(ka, va, vb)))
            if a.kind != "mean":
                out.append(("notbin_{}_{}".format(ia, ib),
                            "({ka} AND NOT ({va} IN (0, 1) AND {vb} IN (0, 1)))".format(
                                ka=ka, va=va, vb=vb)))
                out.append(("above_{}_{}".format(ia, ib),
                            "({} AND {} > {})".format(ka, va, vb)))
                out.append(("below_{}_{}".format(ia, ib),
                            "({} AND {} < {})".format(ka, va, vb)))
    return out


def _pair_tests(indicators: Sequence[Indicator], sig_of: Dict[str, int],
                cond_bit: Dict[str, int]) -> List[str]:
    """find_nestings' value tests of same-column pairs, from the stage-1 rows: two conditions
    (pattern bits), or two indicators on one value column (they differ only where the value
    is unknown and the two count it differently, e.g. basic_edu)."""
    out = []
    codes = {i.code: n for n, i in enumerate(indicators)}
    for a in indicators:
        for b in indicators:
            if a.code == b.code or not same_column(a, b) or \
                    (a.kind == "mean") != (b.kind == "mean") or \
                    (a.condition is None) != (b.condition is None):
                continue
            ka = "(q.pat & {}) <> 0".format(1 << sig_of[a.code])
            tag = "{}_{}".format(codes[a.code], codes[b.code])
            if a.condition is not None:
                ca = "(q.pat & {}) <> 0".format(1 << cond_bit[a.code])
                cb = "(q.pat & {}) <> 0".format(1 << cond_bit[b.code])
                tests = {"valdiff": "({}) <> ({})".format(ca, cb), "notbin": "false",
                         "above": "{} AND NOT {}".format(ca, cb),
                         "below": "NOT {} AND {}".format(ca, cb)}
            else:
                col = _alias("V:" + str(a.value))
                nulls = "q.n > q.nn_{}".format(col)
                fa, fb = _fill(a), _fill(b)
                tests = {"valdiff": "{} AND {}".format(nulls, "true" if fa != fb else "false"),
                         "notbin": "q.nb_{} > 0".format(col),
                         "above": "{} AND {}".format(nulls, "true" if fa > fb else "false"),
                         "below": "{} AND {}".format(nulls, "true" if fa < fb else "false")}
            for t, e in tests.items():
                if a.kind == "mean" and t != "valdiff":
                    continue
                out.append("COALESCE(bool_or({} AND {}), false) AS {}_{}".format(ka, e, t, tag))
    return out
