# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostGIS person layer: the join and the aggregation run in the database.

Only per-area aggregates come back (README "Databases"): the area polygons go to temporary
tables on the server, one statement joins every person row to its area and aggregates
(core.sqlaggregate), and the result is the same raw table and join statistics the file path
computes in numpy, so the same discretion, perturbation and writing follow. When the release
register is used, each person row's area, date and 64-bit person key (computed on the server,
never a pseudonym or a value) come back as well, so the release is linked to earlier ones and
recorded as a file's (:meth:`PostgisPersons.start_keys`, :class:`KeyedFigures`).

The connection comes from the layer: host, port, database, user, SSL mode or a service, and
the password from the layer's QGIS authentication configuration (``authcfg``) or, failing
that, from its data source. The password is never logged, written or shown; error messages
are passed through the audit log's secret filter. The database role needs SELECT on the
person table and the right to create temporary tables (PostgreSQL grants it to everyone by
default); nothing is written outside the session's temporary schema, and the transaction is
rolled back at the end.
"""
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDataSourceUri,
    QgsGeometry,
    QgsProcessingFeatureSourceDefinition,
    QgsVectorLayer,
    QgsWkbTypes,
)

from boligsocial_plugin.core import sqlgen
from boligsocial_plugin.core.auditlog import strip_secrets
from boligsocial_plugin.core.datamodel import COLUMNS, match_columns
from boligsocial_plugin.core.dbchecks import check_sql
from boligsocial_plugin.core.discretion.release import Totals
from boligsocial_plugin.core.discretion.types import TypeTable
from boligsocial_plugin.core.errors import BoligsocialError, Cancelled
from boligsocial_plugin.core.extract import blocking_message
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Indicator, builtin_indicators
from boligsocial_plugin.core.pipeline import (
    OVERLAP_REFUSE,
    IndicatorResult,
    Joined,
    JoinStats,
    Publication,
    overlap_error,
    protect_counted,
    protect_run,
    select_date,
)
from boligsocial_plugin.core.problems import BLOCKING, Problem
from boligsocial_plugin.core.spatial import polygon_set, rings_from_wkb
from boligsocial_plugin.core.sqlaggregate import Groups, aggregate_sql, raw_table
from boligsocial_plugin.qgis_io.layers import AreaSet

PROVIDER = "postgres"


def is_postgis(layer: Optional[QgsVectorLayer]) -> bool:
    """Whether a layer reads from PostgreSQL/PostGIS."""
    return layer is not None and layer.providerType() == PROVIDER


def _psycopg2():
    try:
        import psycopg2
    except ImportError as e:
        from boligsocial_plugin.dependencies import message

        raise BoligsocialError(message(["psycopg2"])) from e
    return psycopg2


def connection_parameters(uri: QgsDataSourceUri) -> Dict[str, str]:
    """libpq keywords of a layer's data source, the password from its authentication
    configuration when it has one (never logged)."""
    params: Dict[str, str] = {}
    if uri.service():
        params["service"] = uri.service()
    for key, value in (("host", uri.host()), ("port", uri.port()), ("dbname", uri.database()),
                       ("user", uri.username()), ("password", uri.password())):
        if value:
            params[key] = value
    mode = uri.sslMode()
    modes = {QgsDataSourceUri.SslDisable: "disable", QgsDataSourceUri.SslAllow: "allow",
             QgsDataSourceUri.SslPrefer: "prefer", QgsDataSourceUri.SslRequire: "require",
             QgsDataSourceUri.SslVerifyCa: "verify-ca",
             QgsDataSourceUri.SslVerifyFull: "verify-full"}
    if mode in modes:
        params["sslmode"] = modes[mode]
    authcfg = uri.authConfigId()
    if authcfg:
        cfg = QgsAuthMethodConfig()
        manager = QgsApplication.authManager()
        if manager is None or not manager.loadAuthenticationConfig(authcfg, cfg, True):
            raise BoligsocialError(tr(
                "The authentication configuration '{id}' of the person layer cannot be read. "
                "Check that it exists and that the QGIS master password is set (Settings > "
                "Options > Authentication).").format(id=authcfg))
        if cfg.config("username", ""):
            params["user"] = cfg.config("username", "")
        if cfg.config("password", ""):
            params["password"] = cfg.config("password", "")
    params["application_name"] = "boligsocial"
    return params


def _clean(error: Exception) -> str:
    """A database error's message without secrets or connection details."""
    text = str(getattr(error, "pgerror", None) or error).strip()
    return strip_secrets(re.sub(r"\s+", " ", text))[:500]


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


class PostgisPersons:
    """A person extract in a PostGIS table (see the module doc)."""

    def __init__(self, layer: QgsVectorLayer, explicit: Dict[str, str], xy: Tuple[str, str],
                 default_crs: QgsCoordinateReferenceSystem, extra: Sequence[str] = (),
                 selected: Optional[List[int]] = None):
        self.layer = layer
        self.uri = QgsDataSourceUri(layer.source())
        fields = layer.fields()
        names = fields.names()
        self.types = {f.name(): f.typeName() for f in fields}
        self.mapping = match_columns(names, explicit)
        has_geom = layer.isSpatial() and bool(self.uri.geometryColumn())
        self.has_geometry = has_geom
        self.crs = layer.crs() if has_geom and layer.crs().isValid() else default_crs
        lower = {n.lower(): n for n in names}
        x = y = None
        if not has_geom:
            xs, ys = lower.get(xy[0].lower()), lower.get(xy[1].lower())
            x = self._column(xs) if xs else None
            y = self._column(ys) if ys else None
            if xs and ys:
                self.mapping["x"], self.mapping["y"] = xs, ys
        table = self.uri.table()
        ref = "({})".format(table) if table.startswith("(") else \
            sqlgen.table_ref(self.uri.schema() or None, table)
        columns = {role: self._column(actual) for role, actual in self.mapping.items()
                   if role in COLUMNS}
        extras = {c.lower(): self._column(lower[c.lower()]) for c in extra
                  if c.lower() in lower and c.lower() not in COLUMNS}
        points = QgsWkbTypes.flatType(layer.wkbType()) == QgsWkbTypes.Point
        self.source = sqlgen.PersonSource(
            table=ref, columns=columns, srid=int(self.crs.postgisSrid() or 0),
            geometry=self.uri.geometryColumn() if has_geom else None, points_only=points,
            x=x, y=y, where=layer.subsetString() or "", key_column=self.uri.keyColumn() or None,
            selected=selected, extra=extras)
        self.names = names
        self.dates: Dict[str, int] = {}    # persons per date (after check())
        self.rows: Optional[int] = None    # person rows (after check())
        self.duplicates: Dict[str, int] = {}  # rows repeating a person, per date (check())
        self._thread = None                # the checks running alongside (start_checks)
        self._checks: Dict[str, Any] = {}
        self._problems: Optional[List[Problem]] = None  # the checks' result (finish_checks)
        self._ignore: Tuple[str, ...] = ()  # problems the algorithm checks itself
        self._keys: Optional[Tuple[Any, Dict[str, Any]]] = None  # the keys' fetch (start_keys)

    def _column(self, name: str) -> sqlgen.DbColumn:
        return sqlgen.DbColumn(name, sqlgen.column_kind(self.types.get(name, "")))

    @property
    def columns(self) -> List[str]:
        """Canonical and extra columns present (as core.extract's data would have them)."""
        return list(self.source.columns) + list(self.source.extra) + \
            (["x", "y"] if self.has_geometry else [])

    def describe(self) -> str:
        """Where the persons are, for the log (no credentials)."""
        return "{db}: {table}".format(db=self.uri.database() or self.uri.service(),
                                      table=self.source.table)

    # ------------------------------------------------------------------ connection

    @contextmanager
    def session(self, feedback=None, repeatable: bool = False,
                snapshot: Optional[str] = None) -> Iterator[Any]:
        """A cursor in a transaction that is rolled back at the end (temporary tables go).
        ``repeatable``: REPEATABLE READ (every statement sees the same rows; the snapshot
        can be exported); ``snapshot``: such an exported snapshot, shared with the session
        that exported it."""
        pg = _psycopg2()
        try:
            conn = pg.connect(**connection_parameters(self.uri))
        except pg.Error as e:
            raise BoligsocialError(tr("Cannot connect to the database of the person layer: "
                                      "{err}").format(err=_clean(e))) from e
        cancel = None
        if feedback is not None:
            cancel = conn.cancel
            feedback.canceled.connect(cancel)
        try:
            if repeatable or snapshot is not None:
                conn.set_session(isolation_level="REPEATABLE READ")
            cur = conn.cursor()
            if snapshot is not None:  # the transaction's first statement
                cur.execute("SET TRANSACTION SNAPSHOT %s", (snapshot,))
            cur.execute("SET LOCAL jit = off; SET LOCAL work_mem = '256MB'; "
                        "SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL statement_timeout = 0")
            yield cur
        except pg.extensions.QueryCanceledError as e:
            raise Cancelled() from e
        except pg.Error as e:
            raise BoligsocialError(tr("The database refused the computation: {err}").format(
                err=_clean(e))) from e
        finally:
            if cancel is not None:
                try:
                    feedback.canceled.disconnect(cancel)
                except TypeError:
                    pass
            try:
                conn.rollback()
            finally:
                conn.close()

    # ------------------------------------------------------------------ checks

    def start_checks(self, feedback=None, needs_location: bool = True,
                     ignore: Sequence[str] = ()) -> None:
        """Count the extract's problems on a connection of their own while the computation
        runs on another: the server works on both at once (:meth:`finish_checks` waits).
        ``ignore``: problem codes the algorithm handles itself (not refused, not reported)."""
        import threading

        self._ignore = tuple(ignore)
        with self.session(feedback) as cur:
            self._date_values(cur)  # before the threads: both read it
        self._checks = {}

        def work():
            try:
                self._checks["problems"] = self.check(needs_location, feedback)
            except BaseException as e:  # noqa: BLE001 - handed to finish_checks
                self._checks["error"] = e

        self._thread = threading.Thread(target=work, name="boligsocial-checks", daemon=True)
        self._thread.start()

    def finish_checks(self, feedback=None) -> List[Problem]:
        """Wait for the checks; refuse blocking problems (as for a file), report the others
        (once: a second call returns the same problems)."""
        if self._problems is not None:
            return self._problems
        thread = self._thread
        if thread is None:
            problems = self.check(feedback=feedback)
        else:
            thread.join()
            self._thread = None
            if "error" in self._checks:
                raise self._checks["error"]
            problems = self._checks["problems"]
        problems = [p for p in problems if p.code not in self._ignore]
        self._problems = problems
        if feedback is not None:
            for p in problems:
                if p.severity != BLOCKING:
                    feedback.pushWarning(p.message)
        if any(p.severity == BLOCKING for p in problems):
            raise BoligsocialError(blocking_message(problems))
        if feedback is not None:
            feedback.pushInfo(tr("Read {n} person rows ({how}).").format(n=self.rows,
                                                                         how="postgis"))
        return problems

    def check(self, needs_location: bool = True, feedback=None) -> List[Problem]:
        """Every problem of the extract, counted in the database (core.dbchecks)."""
        with self.session(feedback) as cur:
            self._date_values(cur)
            checks = check_sql(self.source, self.mapping, self.names, self.has_geometry,
                               needs_location)
            cur.execute(checks.sql, checks.params)
            total, self.dates = checks.totals(cur.fetchall())
            self.duplicates = {}
            if checks.duplicates_sql:
                cur.execute(checks.duplicates_sql, checks.params)
                if int(cur.fetchone()[0] or 0):
                    cur.execute(checks.verify_sql, checks.params)
                    self.duplicates = {str(d): int(n) for d, n in cur.fetchall() if n}
        self.rows = int(total.get("n", 0))
        return checks.problems(total, sum(self.duplicates.values()))

    def _date_values(self, cur) -> None:
        """A text date column: its distinct values, read as core.extract reads dates."""
        col = self.source.columns.get("ref_date")
        if col is None or col.kind == sqlgen.DATE or self.source.date_values is not None:
            return
        from boligsocial_plugin.core.extract import _to_date

        p = sqlgen.Params()
        cur.execute("SELECT DISTINCT btrim((t.{})::text) {}".format(
            sqlgen.ident(col.name), self.source.from_clause(p)), p.values)
        raw = [r[0] for r in cur.fetchall() if r[0] is not None]
        iso, bad = _to_date(pd.Series(raw, dtype=object))
        self.source.date_values = {r: (None if b else str(v))
                                   for r, v, b in zip(raw, iso, bad)}

    # ------------------------------------------------------------------ computing

    def run(self, areas: AreaSet, indicators: Sequence[Indicator], ref_date: Optional[str],
            overlaps: str, context, feedback=None, links: bool = True,
            keys: bool = False) -> DbRun:
        """Join and aggregate in the database: the raw table, the join statistics and, when
        ``links``, the persons each two rows share (for the protection); with ``keys`` also
        each person row's date, area and key (``DbRun.joined``, :meth:`start_keys`)."""
        with self._keys_stopped_on_error(), self.session(feedback, repeatable=keys) as cur:
            if keys:
                self.start_keys(cur, areas, ref_date, context, feedback)
            run = self._run(cur, areas, indicators, ref_date, overlaps, context, feedback,
                            links)
            if keys:
                run.joined = self.finish_keys(run)
        return run

    def start_keys(self, cur, areas: AreaSet, ref_date: Optional[str], context,
                   feedback=None) -> None:
        """Fetch the run's person rows for the release register on a connection of their
        own while the aggregation runs on ``cur`` (the server works on both at once;
        :meth:`finish_keys` waits): each row's area, date and 64-bit person key
        (core.personkeys, computed on the server), nothing else. No pseudonym or value
        leaves the server. One ``COPY ... (FORMAT binary)`` of 14 bytes of data a row, read
        into numpy without a Python object per row (README "Person data in a database").
        ``cur``: a REPEATABLE READ session (:meth:`session`); the fetch shares its snapshot,
        so it sees the very rows the aggregation counts, even while the table is written."""
        import threading

        self._date_values(cur)  # before the thread: both read it
        cur.execute("SELECT pg_export_snapshot()")
        snapshot = cur.fetchone()[0]
        geometry = self._geometry(areas, context)  # QGIS objects: in this thread
        dates = [ref_date] if ref_date else None
        state: Dict[str, Any] = {}

        def work():
            try:
                with self.session(feedback, snapshot=snapshot) as cur:
                    state["cancel"] = cur.connection.cancel
                    grid = self._upload(cur, geometry)
                    state["rows"] = _person_rows(cur, self.source, grid, dates)
            except BaseException as e:  # noqa: BLE001 - handed to finish_keys
                state["error"] = e

        thread = threading.Thread(target=work, name="boligsocial-keys", daemon=True)
        self._keys = (thread, state)
        thread.start()

    def finish_keys(self, run: "DbRun") -> Joined:
        """The rows :meth:`start_keys` fetched, as core.pipeline.Joined holding each person
        row's date and key with its area; refused when they are not the persons the run
        counted (which the shared snapshot rules out; a check that costs nothing)."""
        thread, state = self._keys
        thread.join()
        self._keys = None
        if "error" in state:
            raise state["error"]
        code, day, key = state["rows"]
        days, dcode = np.unique(day, return_inverse=True)
        names = [str(d) for d in days.astype("datetime64[D]")]
        codes = np.where(days[dcode] == _NO_DAY, -1, dcode)
        if len(days) and days[0] == _NO_DAY:
            names = names[1:]
            codes = np.where(codes >= 0, codes - 1, -1)
        data = pd.DataFrame({"ref_date": pd.Categorical.from_codes(codes, categories=names),
                             "person_key": key.view(np.uint64)})
        joined = Joined(data, np.where(code >= 0, code, -1), run.stats, overlaps=False,
                        located=code != sqlgen.NO_LOCATION)
        if not _same_persons(joined, code, run):
            raise BoligsocialError(tr(
                "The person table changed while the run read it: the persons recorded for the "
                "release register are not the ones counted. Run again when the table is not "
                "being written, or run without the register (REGISTER_MODE=off)."))
        return joined

    @contextmanager
    def _keys_stopped_on_error(self) -> Iterator[None]:
        """Cancel the fetch of :meth:`start_keys` when the run fails."""
        try:
            yield
        except BaseException:
            keys = getattr(self, "_keys", None)
            if keys is not None:
                cancel = keys[1].get("cancel")
                if cancel is not None:
                    try:
                        cancel()
                    except Exception:  # noqa: BLE001 - the run's own error is reported
                        pass
                self._keys = None
            raise

    def compute(self, areas: AreaSet, indicators: Sequence[Indicator], ref_date: Optional[str],
                overlaps: str, publication: Publication, context,
                feedback=None) -> IndicatorResult:
        """core.pipeline.compute for a database source: join, aggregate, protect (the groups
        the protection needs figures of are aggregated in the same session)."""
        keys = publication.register is not None
        with self._keys_stopped_on_error(), self.session(feedback, repeatable=keys) as cur:
            if keys:
                self.start_keys(cur, areas, ref_date, context, feedback)
            run = self._run(cur, areas, indicators, ref_date, overlaps, context, feedback)
            release = self._protect(cur, run, run.raw, run.pairs, indicators, areas.ids,
                                    publication, _totals(run))
        return IndicatorResult(run.raw, release.published, run.stats, list(indicators),
                               release)

    def criteria_release(self, areas: AreaSet, indicators: Sequence[Indicator], overlaps: str,
                         publication: Publication, rule_set,
                         assessed: Optional[Sequence[Optional[str]]], context, feedback=None):
        """core.criteria.protect_criteria for a database source: (raw, stats, release).
        ``assessed``: the assessment dates (None: every date of the extract, as
        monitorcriteria assesses them)."""
        from boligsocial_plugin.core.criteria import release_dates

        keys = publication.register is not None
        with self._keys_stopped_on_error(), self.session(feedback, repeatable=keys) as cur:
            if keys:
                self.start_keys(cur, areas, None, context, feedback)
            run = self._run(cur, areas, indicators, None, overlaps, context, feedback)
            dates = sorted({str(d) for d in run.raw["ref_date"].unique()})
            need = release_dates(dates, dates if assessed is None else assessed, rule_set)
            keep = np.nonzero(run.raw["ref_date"].astype(str).isin(sorted(need)).to_numpy())[0]
            raw = run.raw.iloc[keep].reset_index(drop=True)
            raw.attrs = run.raw.attrs
            new = np.full(len(run.raw), -1, dtype=np.int64)
            new[keep] = np.arange(len(keep))
            i, j, o = run.pairs
            ok = (new[i] >= 0) & (new[j] >= 0)
            release = self._protect(cur, run, raw, (new[i][ok], new[j][ok], o[ok]), indicators,
                                    areas.ids, publication, None, dates=sorted(need))
        release.limit({d: sorted(c) for d, c in need.items()})
        return run.raw, run.stats, release

    def _protect(self, cur, run: "DbRun", raw: pd.DataFrame, pairs, indicators, area_ids,
                 publication: Publication, totals, dates: Optional[Sequence[str]] = None):
        """Protect with this session's figures of groups and types: through the release
        register (core.pipeline.protect_run on the persons' keys, :meth:`start_keys`) when
        one is used, else from counts only (core.pipeline.protect_counted). ``dates``: the
        reference dates ``raw`` was cut to (``raw`` holds only their rows)."""
        builtin = {i.code: i for i in builtin_indicators()}
        types = _type_table(cur, self.source, run.grid, list(indicators), raw) \
            if any(builtin.get(i.code) != i for i in indicators) else None
        if publication.register is not None:
            joined = self.finish_keys(run)
            figures = KeyedFigures(cur, self.source, run.grid, indicators)
            return protect_run(run.raw, joined, indicators, area_ids, publication,
                               with_totals=totals is not None, dates=dates, figures=figures,
                               types=types)

        def figures(links):
            return _RestFigures(cur, self.source, run.grid, indicators, raw, links)

        return protect_counted(raw, run.stats, run.overlaps, indicators, area_ids, publication,
                               pairs, figures=figures, totals=totals, types=types)

    def _run(self, cur, areas: AreaSet, indicators: Sequence[Indicator],
             ref_date: Optional[str], overlaps: str, context, feedback,
             links: bool = True) -> DbRun:
        grid = self._prepare(cur, areas, context)
        plan = aggregate_sql(self.source, grid, indicators, ref_date or None)
        if feedback is not None:
            feedback.setProgressText(tr("Joining and aggregating in the database"))
        try:
            cur.execute(plan.sql, plan.params)
        except _psycopg2().Error:
            self.finish_checks(feedback)  # a blocking problem of the data explains it better
            raise
        names = [d[0] for d in cur.description]
        fetched = cur.fetchall()
        self.finish_checks(feedback)
        if ref_date and ref_date not in self.dates:
            select_date(pd.DataFrame({"ref_date": sorted(self.dates)}), ref_date)
        raw, res = raw_table(plan, names, fetched, len(areas.ids))
        stats = _stats(res, self._rows_in_period())
        keys = {int(c): int(sum(int(v or 0) for v in res["residents_ck"][res["code"] == c])
                            % (1 << 32)) for c in (sqlgen.OUTSIDE, sqlgen.NO_LOCATION)} \
            if "residents_ck" in res else {}
        if stats.overlap_persons:
            stats.overlap_pairs = _overlap_pairs(cur, self.source, grid, areas.ids)
            if overlaps == OVERLAP_REFUSE:
                raise overlap_error(stats)
            raise BoligsocialError(tr(
                "Overlapping areas (OVERLAPS=allow) are not yet computed in the database; "
                "fix the overlaps or export the persons to a file."))
        pairs = _no_pairs()
        if links and len(raw) and raw["ref_date"].nunique() > 1:
            pairs = _date_pairs(cur, self.source, grid, raw)
        return DbRun(raw, stats, False, pairs, grid, keys)


    def _rows_in_period(self) -> Optional[int]:
        """Person rows of the run: all, or those of the source's period (as a file's rows are
        cut to the period before they are joined)."""
        if self.source.period is None or self.rows is None:
            return self.rows
        first, last = self.source.period
        return sum(n for d, n in self.dates.items()
                   if (not first or d >= first) and (not last or d <= last))

    # ------------------------------------------------------------------ moves

    def moves(self, areas: AreaSet, indicators: Sequence[Indicator], from_date: Optional[str],
              to_date: Optional[str], context, feedback=None):
        """core.moves.analyse for a database source: a core.moves.MoveData from aggregates
        (core.sqlmoves); each person's place at the two dates stays on the server."""
        from boligsocial_plugin.core import moves as mv
        from boligsocial_plugin.core import sqlmoves
        from boligsocial_plugin.core.sqlaggregate import MoveGroups

        self.finish_checks(feedback)  # the dates and the persons repeated on a date
        from_date, to_date = mv.choose_dates(sorted(self.dates), from_date, to_date)
        dup = sum(self.duplicates.get(d, 0) for d in (from_date, to_date))
        if dup:
            raise BoligsocialError(tr(
                "{n} rows repeat a person key on {a} or {b}; a person must appear once per "
                "date, or its origin and destination are unknown. Fix the extract.").format(
                n=dup, a=from_date, b=to_date))
        stats = mv.MoveStats(from_date, to_date)
        stats.duplicates_elsewhere = sum(self.duplicates.values()) - dup
        n = len(areas.ids)
        with self.session(feedback) as cur:
            grid = self._prepare(cur, areas, context)
            if feedback is not None:
                feedback.setProgressText(tr("Following every person between the two dates in "
                                            "the database"))
            sql, params = sqlmoves.places_sql(self.source, grid, from_date, to_date)
            cur.execute(sql, params)
            cur.execute("ANALYZE pg_temp.bs_mv")
            sql = sqlmoves.stats_sql()
            cur.execute(sql)
            sqlmoves.read_stats(stats, [d[0] for d in cur.description], cur.fetchone())
            for d in (from_date, to_date):
                inside = stats.in_area_from if d == from_date else stats.in_area_to
                if inside == 0:
                    raise BoligsocialError(tr(
                        "No person lies in any area at {d}. Check the extract's CRS and x/y "
                        "columns and that the areas cover the persons.").format(d=d))
            years = mv._years(from_date, to_date)
            kc = sqlmoves.key_changes_sql(self.source, from_date, to_date,
                                          [int(np.floor(years)), int(np.ceil(years))])
            if kc is not None and (self.has_geometry or self.source.x is not None):
                cur.execute(*kc)
                stats.key_changes = int(cur.fetchone()[0] or 0)
            cur.execute(*sqlmoves.counts_sql())
            counts = sqlmoves.counts_frame(cur.fetchall(), n)
            cur.execute(*sqlmoves.flows_sql())
            flows = sqlmoves.flows_frame(cur.fetchall())
            tables = []
            for date, other in ((to_date, "a_from"), (from_date, "a_to")):
                plan = aggregate_sql(self.source, grid, indicators, date,
                                     moves=MoveGroups(sqlmoves.PLACES, other))
                cur.execute(plan.sql, plan.params)
                names = [d[0] for d in cur.description]
                table, _res = raw_table(plan, names, cur.fetchall(), 3 * n)
                tables.append(table.assign(area_idx=np.arange(3 * n) // 3,
                                           kind=np.arange(3 * n) % 3, ref_date=date))
        return mv.MoveData(list(areas.ids), from_date, to_date, counts, flows, tables[0],
                           tables[1], list(indicators), stats, years)

    def _prepare(self, cur, areas: AreaSet, context) -> sqlgen.Grid:
        """The areas on the server and the join's grid (temporary tables and function)."""
        geometry = self._geometry(areas, context)
        self._date_values(cur)
        return self._upload(cur, geometry)

    def _geometry(self, areas: AreaSet, context):
        """The areas as the server joins them: (WKB, valid, polygon set, grid)."""
        wkbs, valid = _join_geometries(areas, self.crs, context)
        ps = polygon_set(areas.rings)
        return wkbs, valid, ps, sqlgen.choose_grid(ps.bbox, self.source.srid)

    def _upload(self, cur, geometry) -> sqlgen.Grid:
        """:meth:`_geometry`'s areas to temporary tables, the join's function."""
        wkbs, valid, ps, grid = geometry
        _upload_areas(cur, wkbs, valid, ps, self.source.srid)
        for st in sqlgen.setup_statements(grid):
            cur.execute(st)
        cur.execute(sqlgen.exact_function(grid))
        return grid


class _RestFigures:
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


#: the day number (since 1970-01-01) of a row without reference date
_NO_DAY = -(1 << 31)


def _person_rows(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
                 dates: Optional[Sequence[str]]) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each person row's area code, reference date (days since 1970-01-01) and signed 64-bit
    person key, by one binary COPY (PostgisPersons.start_keys)."""
    p = sqlgen.Params()
    keyed = "person_id" in src.columns
    inner = _located_inner(src, p, key=keyed, dates=dates)
    sql = ("SELECT l.area::int4, COALESCE(l.d::date - DATE '1970-01-01', {none})::int4, "
           "{k}::int8 FROM {located} l").format(
        none=_NO_DAY, k="COALESCE(l.k, 0)" if keyed else "0",
        located=sqlgen.located_sql(grid, inner))
    got = copy_out(cur, sql, p.values, [("area", ">i4"), ("day", ">i4"), ("k", ">i8")])
    return (got["area"].astype(np.int64), got["day"].astype(np.int64),
            got["k"].astype(np.int64))


def _same_persons(joined: Joined, code: np.ndarray, run: "DbRun") -> bool:
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


_COPY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"


def copy_out(cur, sql: str, params: Dict[str, Any], columns: Sequence[Tuple[str, str]]
             ) -> np.ndarray:
    """A query's rows as a numpy record array, by ``COPY (query) TO STDOUT (FORMAT binary)``:
    ``columns`` (name, big-endian numpy type) must be fixed-width and never NULL."""
    import io

    text = cur.mogrify(sql, params)
    if isinstance(text, bytes):
        text = text.decode(_encoding(cur))
    buf = io.BytesIO()
    cur.copy_expert("COPY ({}) TO STDOUT (FORMAT binary)".format(text), buf)
    data = buf.getvalue()
    if not data.startswith(_COPY_SIGNATURE):
        raise BoligsocialError("internal: not a binary COPY")
    ext = int.from_bytes(data[15:19], "big", signed=False)
    body = data[19 + ext:len(data) - 2]  # the trailer: int16 -1
    fields = [("nf", ">i2")]
    for name, t in columns:
        fields += [("len_" + name, ">i4"), (name, t)]
    dt = np.dtype(fields)
    if len(body) % dt.itemsize:
        raise BoligsocialError("internal: a NULL or a wider value in a binary COPY")
    rows = np.frombuffer(body, dtype=dt)
    if len(rows) and ((rows["nf"] != len(columns)).any() or any(
            (rows["len_" + n] != np.dtype(t).itemsize).any() for n, t in columns)):
        raise BoligsocialError("internal: a NULL or a wider value in a binary COPY")
    return rows


def copy_in(cur, table: str, columns: Sequence[Tuple[str, str, np.ndarray]]) -> None:
    """Rows into a table by ``COPY ... FROM STDIN (FORMAT binary)``: ``columns`` (name,
    big-endian numpy type, values), fixed-width, no NULL."""
    import io

    n = len(columns[0][2]) if columns else 0
    fields = [("nf", ">i2")]
    for name, t, _v in columns:
        fields += [("len_" + name, ">i4"), (name, t)]
    rows = np.zeros(n, dtype=np.dtype(fields))
    rows["nf"] = len(columns)
    for name, t, v in columns:
        rows["len_" + name] = np.dtype(t).itemsize
        rows[name] = v
    buf = io.BytesIO(_COPY_SIGNATURE + bytes(8) + rows.tobytes() + b"\xff\xff")
    cur.copy_expert("COPY {} ({}) FROM STDIN (FORMAT binary)".format(
        table, ", ".join(sqlgen.ident(c[0]) for c in columns)), buf)


def _encoding(cur) -> str:
    from psycopg2.extensions import encodings

    return encodings.get(cur.connection.encoding, "utf-8")


def _join_geometries(areas: AreaSet, crs: QgsCoordinateReferenceSystem,
                     context) -> Tuple[List[bytes], List[bool]]:
    """Each area's WKB in the persons' CRS (transformed as for the file path), and whether
    its rings are exactly the ones the file path joins with (else: the exact test only)."""
    xform = None
    if crs.isValid() and areas.crs.isValid() and areas.crs != crs:
        xform = QgsCoordinateTransform(areas.crs, crs, context.transformContext())
    wkbs, valid = [], []
    for g, rings in zip(areas.geometries, areas.rings):
        jg = QgsGeometry(g)
        if xform is not None and not jg.isNull():
            jg.transform(xform)
        wkb = bytes(jg.asWkb()) if not jg.isNull() and not jg.isEmpty() else b""
        valid.append(bool(wkb) and _same_rings(rings_from_wkb(wkb), rings))
        wkbs.append(wkb)
    return wkbs, valid


def _totals(run: DbRun) -> Totals:
    """The run's totals as protected cells (core.pipeline.protect_run's, from counts)."""
    st = run.stats
    ck = int(np.sum(run.raw["residents_ck"].to_numpy(dtype=np.int64)) % (1 << 32)) \
        if "residents_ck" in run.raw else 0
    return Totals(st.joined, st.outside, st.no_location, st.rows, ck,
                  read_adds_up=(st.rows == st.rows_date and not run.overlaps),
                  ck_outside=run.outside_keys.get(sqlgen.OUTSIDE, 0),
                  ck_no_location=run.outside_keys.get(sqlgen.NO_LOCATION, 0))


def _type_table(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
                indicators: List[Indicator], raw: pd.DataFrame) -> Optional[TypeTable]:
    """core.discretion.types.type_table from counts: per row, the persons of each type (a
    bit per indicator population and per 0/1 numerator), counted in the database."""
    from boligsocial_plugin.core.sqlaggregate import _inner

    k = len(indicators)
    if k < 2 or len(raw) == 0 or 2 * k > 63:
        return None
    p = sqlgen.Params()
    inner, rows = _inner(src, p, indicators, None, False)
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


def _same_rings(a: Sequence[np.ndarray], b: Sequence[np.ndarray]) -> bool:
    return len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b))


def _no_pairs() -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (np.zeros(0, np.int64),) * 3


def _upload_areas(cur, wkbs: List[bytes], valid: List[bool], ps, srid: int) -> None:
    """The areas, their edges and bounding boxes as temporary tables (bound parameters)."""
    pg = _psycopg2()
    cur.execute(
        "CREATE TEMP TABLE bs_area ON COMMIT DROP AS "
        "SELECT u.area::int AS area, ST_SetSRID(ST_GeomFromWKB(u.w), %(srid)s) AS geom, "
        "u.same AS valid FROM unnest(%(area)s::int[], %(wkb)s::bytea[], %(same)s::bool[]) "
        "AS u(area, w, same) WHERE length(u.w) > 0",
        {"srid": int(srid), "area": list(range(len(wkbs))),
         "wkb": [pg.Binary(w) for w in wkbs], "same": valid})
    cur.execute("UPDATE bs_area SET valid = valid AND ST_IsValid(geom)")
    cur.execute(
        "CREATE TEMP TABLE bs_edge ON COMMIT DROP AS SELECT * FROM unnest(%(a)s::int[], "
        "%(x0)s::float8[], %(y0)s::float8[], %(x1)s::float8[], %(y1)s::float8[]) "
        "AS u(area, x0, y0, x1, y1)",
        {"a": ps.edge_area.tolist(), "x0": ps.x0.tolist(), "y0": ps.y0.tolist(),
         "x1": ps.x1.tolist(), "y1": ps.y1.tolist()})
    cur.execute("CREATE INDEX ON bs_edge (area)")
    b = ps.bbox
    ok = np.isfinite(b).all(axis=1)
    cur.execute(
        "CREATE TEMP TABLE bs_bbox ON COMMIT DROP AS SELECT * FROM unnest(%(a)s::int[], "
        "%(x0)s::float8[], %(y0)s::float8[], %(x1)s::float8[], %(y1)s::float8[]) "
        "AS u(area, x0, y0, x1, y1)",
        {"a": np.nonzero(ok)[0].tolist(), "x0": b[ok, 0].tolist(), "y0": b[ok, 1].tolist(),
         "x1": b[ok, 2].tolist(), "y1": b[ok, 3].tolist()})
    cur.execute("ANALYZE bs_area; ANALYZE bs_edge; ANALYZE bs_bbox")


def _stats(res: pd.DataFrame, rows_all: Optional[int]) -> JoinStats:
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


def _overlap_pairs(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
                   ids: Sequence[str]) -> Dict[str, int]:
    """Locations in two areas, per pair (first area, other area), for the message."""
    p = sqlgen.Params()
    inner = _located_inner(src, p)
    sql = """SELECT l.arr[1], a.other, count(DISTINCT (l.px, l.py))
FROM {located} l CROSS JOIN LATERAL unnest(l.arr[2:]) AS a(other)
WHERE l.n > 1 GROUP BY 1, 2""".format(located=sqlgen.located_sql(grid, inner, True))
    cur.execute(sql, p.values)
    return {"{} / {}".format(ids[int(a)], ids[int(b)]): int(n) for a, b, n in cur.fetchall()}


def _located_inner(src: sqlgen.PersonSource, p: sqlgen.Params,
                   key: bool = False, dates: Optional[Sequence[str]] = None) -> str:
    rows = sqlgen.Rows(src, p)
    x, y, pt = rows.xy()
    cols = ["{} AS d".format(rows.date()), "{} AS px".format(x), "{} AS py".format(y),
            "{} AS pt".format(pt)]
    if key:
        cols.append("{} AS k".format(rows.person_key()))
    return "SELECT {} {}".format(", ".join(cols), sqlgen.run_rows(src, p, dates=dates))


def _date_pairs(cur, src: sqlgen.PersonSource, grid: sqlgen.Grid,
                raw: pd.DataFrame) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Persons shared by the rows of one area at two dates, from counts only: per area, how
    many persons were in it at exactly which set of dates (the keys stay on the server)."""
    dates = sorted({str(d) for d in raw["ref_date"]})
    p = sqlgen.Params()
    inner = _located_inner(src, p, key=True)
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
        return _no_pairs()
    keys = sorted(shared)
    return (np.array([k[0] for k in keys], dtype=np.int64),
            np.array([k[1] for k in keys], dtype=np.int64),
            np.array([shared[k] for k in keys], dtype=np.int64))


def selected_ids(parameters: Dict[str, Any], name: str,
                 layer: QgsVectorLayer) -> Optional[List[int]]:
    """Feature ids when only the selection is used; refuse what SQL cannot reproduce."""
    value = parameters.get(name)
    if not isinstance(value, QgsProcessingFeatureSourceDefinition):
        return None
    if value.featureLimit not in (-1, None):
        raise BoligsocialError(tr("A feature limit cannot be applied to a database person "
                                  "layer; use a filter on the layer instead."))
    if not value.selectedFeaturesOnly:
        return None
    if not QgsDataSourceUri(layer.source()).keyColumn():
        raise BoligsocialError(tr("The person layer has no primary key, so its selection "
                                  "cannot be used in the database; use a filter instead."))
    return sorted(int(f) for f in layer.selectedFeatureIds())

