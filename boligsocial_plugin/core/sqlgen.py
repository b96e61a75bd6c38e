# SPDX-License-Identifier: GPL-2.0-or-later
"""SQL for a PostGIS person table: names, values, column expressions and the join to areas.

Person rows never leave the database: core.sqlaggregate builds the aggregation on top of the
expressions here, core.dbchecks the extract's checks. Pure Python: the text and the bound
parameters are made here, qgis_io/postgis.py sends them.

Safety: every identifier (schema, table, column) is quoted (:func:`ident`), every value the
user gives (dates, thresholds, condition values, area geometries) is a bound parameter
(named ``%(pN)s`` placeholders, psycopg2), and the literal ``%`` of PostgreSQL's modulo is never
used (``mod()``). The layer's own filter, SQL the user wrote for QGIS, is applied as it is.

**The join** reproduces core.spatial's rules exactly (README "Join rules"): a point counts in
an area when the crossing-number test with half-open edges says so (a point on a boundary
shared by two areas goes to the area to its east or north); a point found in no area but on an
area's edge (within ``tol``) goes to the first such area (outer boundary); a point inside two
areas is in both (overlap). The server does it in three tiers, in one statement:

1. a grid of square cells over the areas (a hash join on the cell number, no index needed on
   the person table): a cell that lies, widened by ``margin``, strictly inside an area or
   outside it is decided for every point in it;
2. in the other cells each area's clipped piece is tested with ``ST_Intersects``, which agrees
   with the crossing-number test for every point farther than ``margin`` from every edge
   (``margin`` = 10⁻⁹ of the largest coordinate, a million times any rounding error);
3. points within ``margin`` of an edge get the crossing-number test itself, on the very edges
   (and in the very floating-point operations) numpy uses (``pg_temp.bs_exact``).
"""
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple, cast

import numpy as np

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Condition, Indicator
from boligsocial_plugin.core.personkeys import PERSON_SEED, signed

#: code of a person row outside every area / without location (internal)
OUTSIDE, NO_LOCATION = -1, -2
#: assigned by the outer-boundary rule: area a is coded -(a + OUTER_BASE)
OUTER_BASE = 10
#: boundary candidates tested inline per grid cell; cells with more use the exact test
SLOTS = 4
#: characters trimmed around person keys (as core.extract does)
BLANKS = "\t\n\x0b\x0c\r \u00a0"
_CELL_MUL = 1000003  # cell number = column * _CELL_MUL + row (spreads PostgreSQL's int8 hash)
_NUMBER_RE = r"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$"


def ident(name: str) -> str:
    """A quoted SQL identifier (any name, no injection)."""
    name = str(name)
    if "\x00" in name:
        raise BoligsocialError(tr("A column or table name holds a NUL character."))
    return '"' + name.replace('"', '""') + '"'


def table_ref(schema: Optional[str], table: str) -> str:
    """``"schema"."table"`` (or ``"table"``)."""
    return (ident(schema) + "." if schema else "") + ident(table)


class Params:
    """Bound parameters collected while the SQL text is built (psycopg2 ``%(pN)s`` style:
    named, so the text may place them in any order)."""

    def __init__(self) -> None:
        self.values: Dict[str, Any] = {}

    def __call__(self, value: Any, cast: str = "") -> str:
        """A placeholder for ``value`` (with a cast such as ``float8``)."""
        name = "p{}".format(len(self.values))
        self.values[name] = value
        return "%(" + name + ")s" + ("::" + cast if cast else "")


# --------------------------------------------------------------------------- person columns

NUMBER, TEXT, DATE, BOOL = "number", "text", "date", "bool"


@dataclass(frozen=True)
class DbColumn:
    """A column of the person table and the class of its database type."""

    name: str
    kind: str  # NUMBER, TEXT, DATE (date/timestamp) or BOOL


def column_kind(type_name: str) -> str:
    """Class of a PostgreSQL/QGIS type name (int4, float8, numeric, date, bool, text ...)."""
    t = (type_name or "").lower()
    if t.startswith(("int", "float", "numeric", "decimal", "double", "real", "smallint",
                     "bigint", "serial", "money")):
        return NUMBER
    if t.startswith(("date", "timestamp")):
        return DATE
    if t.startswith("bool"):
        return BOOL
    return TEXT


@dataclass
class PersonSource:
    """Where the persons are: table, mapped columns, location, filter."""

    table: str                               # quoted reference (table_ref)
    columns: Dict[str, DbColumn]             # canonical role -> column (core.datamodel roles)
    srid: int
    geometry: Optional[str] = None           # point geometry column, or
    points_only: bool = True                 # the geometry column holds single points
    x: Optional[DbColumn] = None             # x/y columns
    y: Optional[DbColumn] = None
    where: str = ""                          # the layer's own filter (SQL, the user's)
    key_column: Optional[str] = None         # primary key, for selected features
    selected: Optional[List[int]] = None     # selected feature ids (None: all rows)
    extra: Dict[str, DbColumn] = field(default_factory=dict)  # user-defined indicator columns
    date_values: Optional[Dict[str, Optional[str]]] = None  # text date column: raw -> ISO
    #: the reference dates a run uses (first, last; None = open), as a file's rows are cut
    period: Optional[Tuple[Optional[str], Optional[str]]] = None

    def from_clause(self, p: Params) -> str:
        """``FROM table t [WHERE ...]`` with the layer's filter and the selection."""
        conds = []
        if self.where.strip():
            conds.append("(" + self.where.replace("%", "%%") + ")")
        if self.selected is not None and self.key_column:
            conds.append("t.{} = ANY({})".format(ident(self.key_column),
                                               p(list(self.selected), "bigint[]")))
        return "FROM {} t".format(self.table) + (" WHERE " + " AND ".join(conds)
                                                 if conds else "")


def run_rows(src: PersonSource, p: Params, ref_date: Optional[str] = None,
             dates: Optional[Sequence[str]] = None) -> str:
    """``FROM ... WHERE ...`` of the person rows a computation uses: the layer's filter and
    selection (:meth:`PersonSource.from_clause`), the source's ``period``, and one reference
    date or a list of them. The extract's checks use every row (``from_clause``)."""
    where = src.from_clause(p)
    conds = []
    if "ref_date" in src.columns:
        date = Rows(src, p).date()
        kind = "date" if src.columns["ref_date"].kind == DATE else "text"
        if ref_date:
            conds.append("{} = {}".format(date, p(ref_date, kind)))
        if dates is not None:
            conds.append("{} = ANY({})".format(date, p(list(dates), kind + "[]")))
        first, last = src.period or (None, None)
        if first:
            conds.append("{} >= {}".format(date, p(first, kind)))
        if last:
            conds.append("{} <= {}".format(date, p(last, kind)))
    if not conds:
        return where
    return where + (" AND " if " WHERE " in where else " WHERE ") + " AND ".join(conds)


def parsed(expr: str, kind: str) -> str:
    """A column as float8 (text read as core.columncodes.to_number reads it: decimal comma,
    thousands dot, minus sign; NULL when it is not a number). May be infinite or NaN."""
    if kind == NUMBER:
        return "({})::float8".format(expr)
    if kind == BOOL:
        return "({})::int::float8".format(expr)
    t = "replace(btrim(({})::text), chr(8722), '-')".format(expr)
    t = ("(CASE WHEN strpos({t}, ',') > 0 AND strpos({t}, '.') > 0 THEN replace({t}, '.', '')"
         " ELSE {t} END)").format(t=t)
    t = "replace({}, ',', '.')".format(t)
    return "(CASE WHEN {t} ~ '{re}' THEN ({t})::float8 END)".format(t=t, re=_NUMBER_RE)


def _number(expr: str, kind: str) -> str:
    """A column as a finite float8 (NULL when missing, not a number, infinite or NaN: the
    file path's NaN)."""
    return ("NULLIF(NULLIF(NULLIF({}, 'NaN'::float8), 'Infinity'::float8), "
            "'-Infinity'::float8)").format(parsed(expr, kind))


def _float(v: Any) -> float:
    """A condition's value as a number (core.indicators checked it is one)."""
    return float(v)


def _text(expr: str) -> str:
    """Trimmed text, empty as NULL."""
    return "NULLIF(btrim(({})::text), '')".format(expr)


class Rows:
    """Typed per-row expressions of a person source.

    Columns are referenced as ``t."name"`` (the table), or, with ``passed``, through the
    names an inner query passed them on as (``j.c0`` ...).
    """

    def __init__(self, src: PersonSource, p: Params, passed: Optional[Dict[str, str]] = None,
                 numbers: Optional[Dict[str, str]] = None):
        self.src = src
        self.p = p
        self.passed = passed
        self.numbers = numbers or {}  # column -> name of its number, computed once inside

    def ref(self, name: str) -> str:
        """Reference of a database column."""
        if self.passed is not None:
            return "j." + self.passed[name]
        return "t." + ident(name)

    def has(self, name: str) -> bool:
        """Whether the role or extra column exists."""
        return name in self.src.columns or name in self.src.extra

    def column(self, name: str) -> DbColumn:
        """The database column of a role or extra column."""
        return self.src.columns[name] if name in self.src.columns else self.src.extra[name]

    def number(self, name: str) -> str:
        """float8 value (NULL when missing or not a number)."""
        c = self.column(name)
        if self.passed is not None and c.name in self.numbers:
            return "j." + self.numbers[c.name]
        return _number(self.ref(c.name), c.kind)

    def is_numeric(self, name: str) -> bool:
        """Whether a column holds numbers (else text/categories)."""
        from boligsocial_plugin.core.datamodel import COLUMNS

        if name in COLUMNS:
            return COLUMNS[name].kind in ("int", "binary", "fraction", "amount", "coord")
        return self.column(name).kind in (NUMBER, BOOL)

    def text(self, name: str) -> str:
        """Text value (trimmed; sex as M/K)."""
        c = self.column(name)
        expr = _text(self.ref(c.name))
        if name == "sex":
            return ("(CASE upper({e}) WHEN 'M' THEN 'M' WHEN '1' THEN 'M' WHEN 'K' THEN 'K' "
                    "WHEN 'F' THEN 'K' WHEN 'W' THEN 'K' WHEN '2' THEN 'K' END)").format(e=expr)
        return expr

    def key_text(self) -> str:
        """The pseudonym, trimmed as core.extract trims it (NULL when empty)."""
        c = self.src.columns["person_id"]
        return "NULLIF(btrim(({})::text, {}), '')".format(self.ref(c.name),
                                                         self.p(BLANKS, "text"))

    def person_key(self) -> str:
        """core.personkeys' 64-bit key (signed bigint)."""
        return "hashtextextended({}, {})".format(self.key_text(),
                                                 self.p(signed(PERSON_SEED), "bigint"))

    def date(self) -> str:
        """The reference date (a date, or ISO text; NULL when missing or unreadable)."""
        c = self.src.columns["ref_date"]
        ref = self.ref(c.name)
        if c.kind == DATE:
            return "({})::date".format(ref)  # read back as a date, written as ISO text
        values = self.src.date_values or {}
        raw = sorted(values)
        return "({})[array_position({}, btrim(({})::text))]".format(
            self.p([values[r] for r in raw], "text[]"), self.p(raw, "text[]"), ref)

    def xy(self) -> Tuple[str, str, str]:
        """x, y (float8, NULL without location) and the point geometry (SRID of the join)."""
        if self.src.geometry:
            g = self.ref(self.src.geometry)
            if not self.src.points_only:
                g = ("(CASE WHEN ST_GeometryType({g}) = 'ST_Point' THEN {g} "
                     "ELSE ST_PointOnSurface({g}) END)").format(g=g)
            return ("ST_X({})".format(g), "ST_Y({})".format(g),
                    "ST_SetSRID({}, {})".format(g, int(self.src.srid)))
        if self.src.x is None or self.src.y is None:
            raise BoligsocialError(tr("The extract has no location: give a point layer, x and "
                                      "y columns, or an address_id column together with an "
                                      "address layer."))
        x = _number(self.ref(self.src.x.name), self.src.x.kind)
        y = _number(self.ref(self.src.y.name), self.src.y.kind)
        x, y = ("(CASE WHEN {y} IS NOT NULL THEN {x} END)".format(x=x, y=y),
                "(CASE WHEN {x} IS NOT NULL THEN {y} END)".format(x=x, y=y))
        return x, y, "ST_SetSRID(ST_MakePoint({}, {}), {})".format(x, y, int(self.src.srid))

    # ------------------------------------------------------------------ indicators

    def condition(self, c: Condition) -> str:
        """Boolean expression of a condition, as Condition.evaluate (missing never matches)."""
        if c.op in ("notnull", "isnull"):
            e = self.number(c.column) if self.is_numeric(c.column) else self.text(c.column)
            return "({} IS {}NULL)".format(e, "NOT " if c.op == "notnull" else "")
        if self.is_numeric(c.column) and not isinstance(c.value, str) and c.op != "in":
            e = self.number(c.column)
            op = {"==": "=", "!=": "<>"}.get(c.op, c.op)
            return "COALESCE({} {} {}, false)".format(e, op, self.p(_float(c.value), "float8"))
        if c.op == "in":
            vals = list(cast(Sequence[Any], c.value))
            if self.is_numeric(c.column) and all(not isinstance(v, str) for v in vals):
                return "COALESCE({} = ANY({}), false)".format(
                    self.number(c.column), self.p([float(v) for v in vals], "float8[]"))
            return "COALESCE({} = ANY({}), false)".format(
                self.text(c.column), self.p([str(v) for v in vals], "text[]"))
        if c.op in ("==", "!="):
            e = self.text(c.column)
            op = "=" if c.op == "==" else "<>"
            return "COALESCE({} {} {}, false)".format(e, op, self.p(str(c.value), "text"))
        raise BoligsocialError(tr("The comparison '{op}' needs a numeric column, but '{col}' "
                                  "holds text.").format(op=c.op, col=c.column))

    def population(self, ind: Indicator) -> str:
        """Persons in the indicator's denominator population (core.indicators.population_mask)."""
        parts = ["true"]
        if ind.age_min is not None or ind.age_max is not None:
            age = self.number("age")
            if ind.age_min is not None:
                parts.append("COALESCE({} >= {}, false)".format(
                    age, self.p(float(ind.age_min), "float8")))
            if ind.age_max is not None:
                parts.append("COALESCE({} <= {}, false)".format(
                    age, self.p(float(ind.age_max), "float8")))
        for c in ind.where:
            if not self.has(c.column):
                continue  # optional refinement column absent (student/taxpayer)
            if c.op == "!=":  # "not in education": a missing value is not a 1
                parts.append("({} IS DISTINCT FROM {})".format(
                    self.number(c.column), self.p(_float(c.value), "float8")))
            else:
                parts.append(self.condition(c))
        return "(" + " AND ".join(parts) + ")"

    def contribution(self, ind: Indicator) -> str:
        """Each person's contribution (NULL = unknown), as core.indicators.contribution."""
        if ind.condition is not None:
            return "(CASE WHEN {} THEN 1.0::float8 ELSE 0.0::float8 END)".format(
                self.condition(ind.condition))
        v = self.number(str(ind.value))
        if ind.code == "basic_edu":
            return "COALESCE({}, 1.0::float8)".format(v)  # unknown counts as basic (the law)
        return v


# --------------------------------------------------------------------------- the join

@dataclass
class Grid:
    """The cell grid of the join (chosen from the areas' extent, see :func:`choose_grid`)."""

    ox: float
    oy: float
    size: float
    margin: float
    tol: float
    srid: int


def join_tolerances(bbox: np.ndarray) -> Tuple[float, float]:
    """(tol, margin): core.spatial's outer-boundary tolerance, and the exactness margin."""
    scale = float(np.nanmax(np.abs(bbox))) if len(bbox) and np.isfinite(bbox).any() else 1.0
    tol = max(scale, 1.0) * 1e-12
    return tol, tol * 1000.0


def choose_grid(bbox: np.ndarray, srid: int, max_cells: int = 600_000) -> Grid:
    """Square cells about an eighth of a typical area wide, at most ``max_cells`` in all."""
    tol, margin = join_tolerances(bbox)
    ok = np.isfinite(bbox).all(axis=1)
    b = bbox[ok] if ok.any() else np.array([[0.0, 0.0, 1.0, 1.0]])
    w = np.maximum(b[:, 2] - b[:, 0], 0.0) + 2 * margin
    h = np.maximum(b[:, 3] - b[:, 1], 0.0) + 2 * margin
    typical = float(np.median(np.sqrt(w * h))) or 1.0
    size = typical / 8.0
    for _ in range(60):
        cells = float(np.sum((np.floor(w / size) + 2) * (np.floor(h / size) + 2)))
        if cells <= max_cells:
            break
        size *= max(1.1, np.sqrt(cells / max_cells))
    return Grid(float(b[:, 0].min() - margin), float(b[:, 1].min() - margin), size, margin,
                tol, int(srid))


def setup_statements(grid: Grid) -> List[str]:
    """Temporary tables of the join (after bs_area, bs_edge, bs_bbox are filled)."""
    g = grid
    lit = _lit
    cellarea = """
CREATE TEMP TABLE bs_cellarea ON COMMIT DROP AS
SELECT i::bigint * {mul} + j AS cell, a.area,
       CASE WHEN NOT a.valid THEN 2 WHEN ST_ContainsProperly(a.geom, b.box) THEN 0 ELSE 1 END
       AS mode, b.box
FROM pg_temp.bs_area a
CROSS JOIN LATERAL generate_series(floor((ST_XMin(a.geom) - {m} - {ox}) / {s})::int,
                                   floor((ST_XMax(a.geom) + {m} - {ox}) / {s})::int) i
CROSS JOIN LATERAL generate_series(floor((ST_YMin(a.geom) - {m} - {oy}) / {s})::int,
                                   floor((ST_YMax(a.geom) + {m} - {oy}) / {s})::int) j
CROSS JOIN LATERAL (SELECT ST_MakeEnvelope({ox} + i * {s} - {m}, {oy} + j * {s} - {m},
                    {ox} + (i + 1) * {s} + {m}, {oy} + (j + 1) * {s} + {m}, {srid}) AS box) b
WHERE NOT ST_IsEmpty(a.geom) AND ST_Intersects(a.geom, b.box)""".format(
        mul=_CELL_MUL, m=lit(g.margin), ox=lit(g.ox), oy=lit(g.oy), s=lit(g.size),
        srid=int(g.srid))
    slots = ",\n".join(
        "(array_agg(c.area ORDER BY c.area))[{k}] AS a{k}, "
        "(array_agg(c.mode ORDER BY c.area))[{k}] AS m{k}, "
        "(array_agg(CASE WHEN c.mode = 1 THEN ST_ClipByBox2D(a.geom, c.box) END "
        "ORDER BY c.area))[{k}] AS g{k}".format(k=k) for k in range(1, SLOTS + 1))
    cell = """
CREATE TEMP TABLE bs_cell ON COMMIT DROP AS
SELECT c.cell,
       CASE WHEN max(c.mode) = 0 THEN 0 WHEN max(c.mode) = 2 OR count(*) > {slots} THEN 2
            ELSE 1 END AS mode,
       array_agg(c.area ORDER BY c.area) AS areas, min(c.area) AS first, count(*) AS n,
       ST_Collect(CASE WHEN c.mode = 1 THEN ST_ClipByBox2D(ST_Boundary(a.geom), c.box) END)
       AS edges,
{slot_cols}
FROM bs_cellarea c JOIN pg_temp.bs_area a ON a.area = c.area
GROUP BY c.cell""".format(slots=SLOTS, slot_cols=slots)
    return [cellarea, cell, "ANALYZE bs_cell"]


def exact_function(grid: Grid) -> str:
    """``pg_temp.bs_exact(x, y)``: core.spatial.join_points for one point, in SQL.

    Pass 1 is the crossing-number test with half-open edges over each area whose bounding box
    holds the point; pass 2 (no area found) gives the point to the first area with an edge
    within ``tol``. Same edges, same floating-point operations in the same order as numpy.
    """
    return """
CREATE FUNCTION pg_temp.bs_exact(px float8, py float8) RETURNS int[] LANGUAGE sql STABLE AS $f$
SELECT COALESCE(
 (SELECT array_agg(area ORDER BY area) FROM (
    SELECT e.area FROM pg_temp.bs_bbox b JOIN pg_temp.bs_edge e ON e.area = b.area
    WHERE px >= b.x0 AND px <= b.x1 AND py >= b.y0 AND py <= b.y1
      AND (e.y0 > py) <> (e.y1 > py)
      AND CASE WHEN (e.y0 > py) <> (e.y1 > py)
               THEN px < e.x0 + (py - e.y0) * (e.x1 - e.x0) / (e.y1 - e.y0) ELSE false END
    GROUP BY e.area HAVING mod(count(*), 2) = 1) s),
 (SELECT ARRAY[-(min(e.area) + {base})] FROM pg_temp.bs_bbox b
    JOIN pg_temp.bs_edge e ON e.area = b.area
    CROSS JOIN LATERAL (SELECT e.x1 - e.x0 AS dx, e.y1 - e.y0 AS dy) d
    CROSS JOIN LATERAL (SELECT d.dx * d.dx + d.dy * d.dy AS ll) l
    CROSS JOIN LATERAL (SELECT CASE WHEN l.ll > 0 THEN LEAST(GREATEST(
         ((px - e.x0) * d.dx + (py - e.y0) * d.dy) / l.ll, 0.0::float8), 1.0::float8)
         ELSE 0.0::float8 END AS t) tt
    WHERE px >= b.x0 - {tol} AND px <= b.x1 + {tol} AND py >= b.y0 - {tol}
      AND py <= b.y1 + {tol}
      AND (px - (e.x0 + tt.t * d.dx)) * (px - (e.x0 + tt.t * d.dx))
          + (py - (e.y0 + tt.t * d.dy)) * (py - (e.y0 + tt.t * d.dy)) <= {tol} * {tol}
    HAVING min(e.area) IS NOT NULL),
 ARRAY[{outside}])
$f$""".format(base=OUTER_BASE, tol=_lit(grid.tol), outside=OUTSIDE)


def _lit(v: float) -> str:
    """A float8 literal that reads back to the same double (repr is round-trip exact)."""
    v = float(v)
    if not np.isfinite(v):
        raise ValueError("not a finite number")
    return "{!r}::float8".format(v)


def located_sql(grid: Grid, inner: str, with_array: bool = False) -> str:
    """A subquery: the rows of ``inner`` (which has ``px``, ``py``) with their area.

    Adds ``area`` (the first area index, ``OUTSIDE`` or ``NO_LOCATION``), ``outer_rule`` (placed
    by the outer-boundary rule), ``n`` (how many areas hold the person: more than one only with
    overlapping areas) and, with ``with_array``, ``arr`` (all of them). Each level computes its
    columns once per row (``OFFSET 0`` keeps PostgreSQL from repeating them).
    """
    g = grid
    cell = ("floor((s.px - {ox}) / {s})::bigint * {mul} + floor((s.py - {oy}) / {s})::bigint"
            ).format(ox=_lit(g.ox), oy=_lit(g.oy), s=_lit(g.size), mul=_CELL_MUL)
    pt = "b.pt"
    slot_cols = ", ".join("c.a{k}, c.m{k}, c.g{k}".format(k=k) for k in range(1, SLOTS + 1))
    hits = ",\n    ".join(
        "CASE WHEN b.mode = 1 AND NOT b.near THEN b.a{k} IS NOT NULL AND "
        "(b.m{k} = 0 OR ST_Intersects(b.g{k}, {pt})) END AS h{k}".format(k=k, pt=pt)
        for k in range(1, SLOTS + 1))
    first = " ".join("WHEN h.h{k} THEN h.a{k}".format(k=k) for k in range(1, SLOTS + 1))
    count = " + ".join("COALESCE(h.h{k}::int, 0)".format(k=k) for k in range(1, SLOTS + 1))
    code = """CASE WHEN h.px IS NULL OR h.py IS NULL THEN {noloc} WHEN h.mode IS NULL THEN {out}
       WHEN h.mode = 0 THEN h.first WHEN h.ex IS NOT NULL THEN h.ex[1]
       ELSE CASE {first} ELSE {out} END END""".format(noloc=NO_LOCATION, out=OUTSIDE,
                                                     first=first)
    n = """CASE WHEN h.px IS NULL OR h.py IS NULL OR h.mode IS NULL THEN 1
       WHEN h.mode = 0 THEN h.cn WHEN h.ex IS NOT NULL THEN cardinality(h.ex)
       ELSE GREATEST(1, {count}) END""".format(count=count)
    arr = ""
    if with_array:
        arr = """,
     CASE WHEN h.px IS NULL OR h.py IS NULL THEN ARRAY[{noloc}]
          WHEN h.mode IS NULL THEN ARRAY[{out}] WHEN h.mode = 0 THEN h.areas
          WHEN h.ex IS NOT NULL THEN h.ex
          ELSE COALESCE(NULLIF(array_remove(ARRAY[{slots}], NULL), '{{}}'::int[]), ARRAY[{out}])
     END AS arr""".format(noloc=NO_LOCATION, out=OUTSIDE, slots=", ".join(
            "CASE WHEN h.h{k} THEN h.a{k} END".format(k=k) for k in range(1, SLOTS + 1)))
    return """(SELECT x.*, CASE WHEN x.code <= -{b} THEN -x.code - {b} ELSE x.code END AS area,
         x.code <= -{b} AS outer_rule FROM (
  SELECT h.*, {code} AS code,
     {n} AS n{arr}
  FROM (SELECT b.*,
    {hits},
    CASE WHEN b.mode = 2 OR b.near THEN pg_temp.bs_exact(b.px, b.py) END AS ex
    FROM (SELECT s.*, c.mode, c.first, c.n AS cn, c.areas, {slot_cols},
            CASE WHEN c.mode = 1 THEN ST_DWithin(c.edges, s.pt, {m}) END AS near
          FROM ({inner} OFFSET 0) s
          LEFT JOIN pg_temp.bs_cell c ON c.cell = {cell}
          OFFSET 0) b
    OFFSET 0) h
  OFFSET 0) x)""".format(b=OUTER_BASE, code=code, n=n, arr=arr, hits=hits,
                        slot_cols=slot_cols, m=_lit(g.margin), inner=inner,
                        cell=cell)
