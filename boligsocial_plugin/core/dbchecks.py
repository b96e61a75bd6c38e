# SPDX-License-Identifier: GPL-2.0-or-later
"""The checks of core.extract.prepare, counted in the database for a PostGIS person table.

The same problems with the same messages (one table: core.problems) and severities as for a
file, so a blocking problem stops the run either way; only the example row numbers are missing
(a table has no row order, and person rows never leave the server). One statement counts
everything per reference date; a second counts persons twice on a date.
"""
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Sequence, Tuple

from boligsocial_plugin.core import sqlgen
from boligsocial_plugin.core.datamodel import COLUMNS
from boligsocial_plugin.core.extract import table_problems
from boligsocial_plugin.core.problems import BLOCKING, INFO, WARNING, Problem, message

_CPR = "^[0-3][0-9][01][0-9]{3}-?[0-9]{4}$"


class _Shape:
    """What core.extract's table checks look at: the column names and the row count."""

    def __init__(self, names: Sequence[str], rows: int):
        self.columns = list(names)
        self.rows = rows

    def __len__(self) -> int:
        return self.rows


@dataclass
class Checks:
    """The check statements and how to turn their counts into problems.

    The first statement returns, per reference date and combination of problems, the number of
    rows (a bit per problem: one hash aggregate instead of one filtered count per problem);
    the second counts persons twice on a date, and the third (when there are any) how many
    rows repeat a person per reference date.
    """

    sql: str
    duplicates_sql: str
    verify_sql: str
    params: Dict[str, Any]
    mapping: Dict[str, str]
    names: List[str]
    has_geometry: bool
    needs_location: bool
    bits: List[str]

    def totals(self, rows: Sequence[Sequence[Any]]) -> Tuple[Dict[str, int], Dict[str, int]]:
        """(rows with each problem, rows per reference date) from the first statement."""
        total: Dict[str, int] = {}
        dates: Dict[str, int] = {}
        words = (len(self.bits) + 62) // 63
        for rec in rows:
            d, masks, n = rec[0], rec[1:1 + words], int(rec[-1])
            total["n"] = total.get("n", 0) + n
            if d is not None:
                dates[str(d)] = dates.get(str(d), 0) + n
            for k, name in enumerate(self.bits):
                if int(masks[k // 63] or 0) >> (k % 63) & 1:
                    total[name] = total.get(name, 0) + n
        return total, dates

    def problems(self, total: Mapping[str, int], duplicates: int) -> List[Problem]:
        """The problems, in the order core.extract.prepare reports them."""
        n = total.get("n", 0)
        out = table_problems(_Shape(self.names, n), self.mapping, self.has_geometry,
                              self.needs_location)
        for role, actual in self.mapping.items():
            out += _column_problems(role, actual, total)
        if duplicates:
            out.append(Problem("duplicate_person", "person_id", BLOCKING, duplicates,
                               message("duplicate_person", n=duplicates)))
        if total.get("no_location"):
            k = total["no_location"]
            out.append(Problem("no_location", "x/y", WARNING, k, message("no_location", n=k)))
        return out


def _column_problems(role: str, actual: str, total: Mapping[str, int]) -> List[Problem]:
    out: List[Problem] = []
    for what, code, severity, key in _checked(role):
        k = int(total.get("{}__{}".format(role, what), 0))
        if k:
            out.append(Problem(code, role, severity, k, message(key or code, n=k, col=actual)))
    return out


def _checked(role: str) -> List[Tuple[str, str, str, str]]:
    """(count, problem code, severity, message key) of a role's column, in core.extract's
    order."""
    if role == "person_id":
        return [("cpr", "cpr_shaped", BLOCKING, ""),
                ("missing", "missing_value", BLOCKING, "missing_value:person_id")]
    kind = COLUMNS[role].kind
    if kind == "date":
        return [("bad", "bad_date", BLOCKING, "")]
    if kind == "sex":
        return [("bad", "unknown_code", WARNING, "")]
    if kind not in _RANGE and kind != "coord":
        return []
    out = [("wrong", "wrong_type", BLOCKING, ""), ("inf", "not_finite", BLOCKING, "")]
    if kind in _RANGE:
        out.append(("range", "out_of_range", BLOCKING, "out_of_range:" + kind))
    if kind == "coord":
        return out
    if role == "basic_edu":
        return out + [("missing", "missing_value", INFO, "missing_value:basic_edu")]
    return out + [("missing", "missing_value", BLOCKING if COLUMNS[role].required else WARNING,
                   "")]


#: core.extract._check_range per kind (the value ``v`` is finite and known)
_RANGE = {"binary": "{v} NOT IN (0, 1)",
          "int": "({v} < 0 OR {v} > 125 OR {v} <> round({v}))",
          "fraction": "({v} < 0 OR {v} > 1)",
          "amount": "({v} < -100000000 OR {v} > 1000000000)"}


def check_sql(src: sqlgen.PersonSource, mapping: Mapping[str, str], names: Sequence[str],
              has_geometry: bool, needs_location: bool) -> Checks:
    """The counting statements for a person source (see Checks)."""
    p = sqlgen.Params()
    rows = sqlgen.Rows(src, p)
    has_date = "ref_date" in src.columns
    inner = ["{} AS d".format(rows.date() if has_date else "NULL::text")]
    middle: List[str] = []  # values computed once from the inner row's
    bits: List[Tuple[str, str]] = []  # (problem, condition on the row r)
    for k, (role, col) in enumerate(src.columns.items()):
        ref = rows.ref(col.name)
        kind = COLUMNS[role].kind
        tag = role + "__"
        if role == "person_id":
            inner.append("{} AS v{}".format(rows.key_text(), k))
            bits += [(tag + "cpr", "(length(r.v{k}) IN (10, 11) AND r.v{k} ~ '{re}')".format(
                k=k, re=_CPR)),  # the length first: a regular expression costs more
                     (tag + "missing", "r.v{} IS NULL".format(k))]
        elif kind == "date":
            bits.append((tag + "bad", "r.d IS NULL"))
        elif kind == "sex":
            inner.append("upper(btrim(({})::text)) NOT IN ('', 'M', 'K', 'F', 'W', '1', '2') "
                         "AS v{}".format(ref, k))  # the codes Rows.text('sex') reads
            bits.append((tag + "bad", "r.v{}".format(k)))
        elif kind in _RANGE or kind == "coord":
            inner.append("{} AS v{}".format(sqlgen.parsed(ref, col.kind), k))
            middle.append("NULLIF(NULLIF(NULLIF(r.v{k}, 'NaN'::float8), 'Infinity'::float8), "
                          "'-Infinity'::float8) AS f{k}".format(k=k))
            raw, fin = "r.v{}".format(k), "r.f{}".format(k)
            missing = "{} IS NULL".format(fin)
            if col.kind == sqlgen.TEXT:  # only text can hold something that is not a number
                inner.append("NULLIF(btrim(({})::text), '') IS NOT NULL AS w{}".format(ref, k))
                wrong = "(r.w{} AND {} IS NULL)".format(k, raw)
                bits.append((tag + "wrong", wrong))
                missing = "({} AND NOT {})".format(missing, wrong)
            bits.append((tag + "inf", "{} IN ('Infinity'::float8, '-Infinity'::float8)".format(
                raw)))
            if kind in _RANGE:
                bits.append((tag + "range", _RANGE[kind].format(v=fin)))
            bits.append((tag + "missing", missing))
    if has_geometry or {"x", "y"} <= set(src.columns):
        x, y, _pt = rows.xy()
        noloc = "({} IS NULL OR {} IS NULL)".format(x, y)
        if "address_id" in src.columns:
            noloc += " AND {} IS NULL".format(rows.text("address_id"))
        inner.append("{} AS noloc".format(noloc))
        bits.append(("no_location", "r.noloc"))
    words = max(1, (len(bits) + 62) // 63)
    masks = ["({})".format(" | ".join(
        "(CASE WHEN COALESCE({}, false) THEN {} ELSE 0 END)::bigint".format(e, 1 << (k % 63))
        for k, (_n, e) in enumerate(bits) if k // 63 == w) or "0") + " AS m{}".format(w)
        for w in range(words)]
    from_ = src.from_clause(p)
    sql = ("SELECT q.d, {m}, count(*) FROM (SELECT r.d, {masks} FROM (SELECT r.*{middle} "
           "FROM (SELECT {inner} {from_} OFFSET 0) r OFFSET 0) r OFFSET 0) q "
           "GROUP BY 1, {m}").format(
        m=", ".join("q.m{}".format(w) for w in range(words)), masks=", ".join(masks),
        middle="".join(", " + x for x in middle), inner=", ".join(inner), from_=from_)
    dup = verify = ""
    if "person_id" in src.columns and has_date:
        where = from_ if " WHERE " in from_ else from_ + " WHERE true"
        key = rows.person_key()
        # persons twice on a date, by their 64-bit key; a key shared by two different persons
        # (a hash collision, about one in a million runs of 6M) is told apart by verify_sql
        dup = ("SELECT count(*) FROM (SELECT 1 {w} AND {k} IS NOT NULL GROUP BY {d}, {k} "
               "HAVING count(*) > 1) s").format(w=where, k=key, d=rows.date())
        verify = ("SELECT s.d::text, sum(s.c - 1) FROM (SELECT {d} AS d, count(*) AS c {w} "
                  "AND ({d}, {k}) IN (SELECT {d}, {k} {w} GROUP BY 1, 2 HAVING count(*) > 1) "
                  "GROUP BY {d}, {t} HAVING count(*) > 1) s GROUP BY 1").format(
            w=where, k=key, d=rows.date(), t=rows.key_text())
    return Checks(sql, dup, verify, p.values, dict(mapping), list(names), has_geometry,
                  needs_location, [n for n, _e in bits])
