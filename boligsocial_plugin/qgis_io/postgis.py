# SPDX-License-Identifier: GPL-2.0-or-later
"""A PostGIS person layer: the join and the aggregation run in the database.

Only per-area aggregates come back (README "Databases"): the area polygons go to temporary
tables on the server, one statement joins every person row to its area and aggregates
(core.sqlaggregate), and the result, read back by core.sqlresult, is the same raw table and
join statistics the file path computes in numpy, so the same discretion, perturbation and
writing follow. When the release register is used, each person row's area, date and 64-bit
person key (computed on the server, never a pseudonym or a value) come back as well, so the
release is linked to earlier ones and recorded as a file's
(:meth:`PostgisPersons.start_keys`, :class:`KeyedFigures`).

The connection comes from the layer: host, port, database, user, SSL mode or a service, and
the password from the layer's QGIS authentication configuration (``authcfg``) or, failing
that, from its data source. The password is never logged, written or shown; error messages
are passed through the audit log's secret filter. The database role needs SELECT on the
person table and the right to create temporary tables (PostgreSQL grants it to everyone by
default); nothing is written outside the session's temporary schema, and the transaction is
rolled back at the end.

The module holds the person source, its checks and the run; its parts live beside it:
qgis_io.pgsession (connection, binary COPY), qgis_io.pgareas (the areas on the server),
qgis_io.pgfigures (figures counted on the server: statistics, shared persons, types, the
protection's groups) and qgis_io.pgkeys (the register's person keys).
"""
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsProcessingFeatureSourceDefinition,
    QgsVectorLayer,
    QgsWkbTypes,
)

from boligsocial_plugin.core import sqlgen
from boligsocial_plugin.core.columncodes import to_date
from boligsocial_plugin.core.datamodel import COLUMNS, match_columns
from boligsocial_plugin.core.dbchecks import check_sql
from boligsocial_plugin.core.discretion import Rules
from boligsocial_plugin.core.discretion.carry import carry_release, not_carried
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.extract import blocking_message
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Indicator, builtin_indicators
from boligsocial_plugin.core.logfigures import about
from boligsocial_plugin.core.pipeline import (
    OVERLAP_REFUSE,
    IndicatorResult,
    Joined,
    Publication,
    overlap_error,
    protect_counted,
    protect_run,
    select_date,
)
from boligsocial_plugin.core.problems import BLOCKING, Problem
from boligsocial_plugin.core.shown_dates import shown_only
from boligsocial_plugin.core.spatial import polygon_set
from boligsocial_plugin.core.sqlaggregate import MoveGroups, aggregate_sql
from boligsocial_plugin.core.sqlresult import raw_table
from boligsocial_plugin.qgis_io import pgkeys, pgsession
from boligsocial_plugin.qgis_io.layers import AreaSet
from boligsocial_plugin.qgis_io.pgareas import join_geometries, upload_areas
from boligsocial_plugin.qgis_io.pgcarry import carry_changes
from boligsocial_plugin.qgis_io.pgdates import shown_dates, shown_join, shown_rows
from boligsocial_plugin.qgis_io.pgfigures import (
    DbRun,
    KeyedFigures,
    RestFigures,
    date_pairs,
    join_stats,
    no_pairs,
    outside_keys,
    overlap_pairs,
    run_totals,
    type_table,
)
from boligsocial_plugin.qgis_io.pgkeys import joined_rows, same_persons
from boligsocial_plugin.qgis_io.pgsession import (
    PROVIDER,
    connection_parameters,
    copy_in,
    copy_out,
    is_postgis,
    load_psycopg2,
)
from boligsocial_plugin.qgis_io.pgstate import move_codes, run_state

#: names of the parts, importable from here as before the split
__all__ = ["PROVIDER", "DbRun", "KeyedFigures", "PostgisPersons", "connection_parameters",
           "copy_in", "copy_out", "is_postgis", "selected_ids"]


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
        #: the period the run's rows are counted in while it reads dates by name (compute)
        self._counted_period: Optional[Tuple[Optional[str], Optional[str]]] = None
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
        with pgsession.session(self.uri, feedback, repeatable, snapshot) as cur:
            yield cur

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
                    feedback.pushWarning(p.shared_message(Rules().min_count))
        if any(p.severity == BLOCKING for p in problems):
            raise BoligsocialError(blocking_message(problems))
        if feedback is not None:
            feedback.pushInfo(tr("Read {n} person rows ({how}).").format(
                n=about(self.rows, Rules().min_count), how="postgis"))
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
        p = sqlgen.Params()
        cur.execute("SELECT DISTINCT btrim((t.{})::text) {}".format(
            sqlgen.ident(col.name), self.source.from_clause(p)), p.values)
        raw = [r[0] for r in cur.fetchall() if r[0] is not None]
        iso, bad = to_date(pd.Series(raw, dtype=object))
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
                   feedback=None, dates: Optional[Sequence[str]] = None) -> None:
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
        if dates is None:
            dates = [ref_date] if ref_date else None
        state: Dict[str, Any] = {}

        def work():
            try:
                with self.session(feedback, snapshot=snapshot) as cur:
                    state["cancel"] = cur.connection.cancel
                    grid = self._upload(cur, geometry)
                    state["rows"] = pgkeys.person_rows(cur, self.source, grid, dates)
            except BaseException as e:  # noqa: BLE001 - handed to finish_keys
                state["error"] = e

        thread = threading.Thread(target=work, name="boligsocial-keys", daemon=True)
        self._keys = (thread, state)
        thread.start()

    def finish_keys(self, run: DbRun) -> Joined:
        """The rows :meth:`start_keys` fetched, as core.pipeline.Joined holding each person
        row's date and key with its area; refused when they are not the persons the run
        counted (which the shared snapshot rules out; a check that costs nothing)."""
        thread, state = self._keys
        thread.join()
        self._keys = None
        if "error" in state:
            raise state["error"]
        joined = joined_rows(state["rows"], run.stats)
        code = state["rows"][0]
        if not same_persons(joined, code, run):
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
        the protection needs figures of are aggregated in the same session). A run of one
        date (``ref_date``) or from a first date (the source's period) is protected with the
        snapshots a year before the dates it shows, as from a file (core.shown_dates)."""
        keys = publication.register is not None
        period = self.source.period
        try:
            with self._keys_stopped_on_error(), \
                    self.session(feedback, repeatable=keys) as cur:
                shown, extra = shown_dates(cur, self.source, ref_date,
                                           publication.perturbation.enabled)
                dates = sorted(set(shown or ()) | set(extra)) if extra else None
                if dates is not None:  # the dates by name (the period would drop the extra)
                    self.source.period = None
                    self._counted_period = period
                if keys:
                    self.start_keys(cur, areas, ref_date, context, feedback, dates=dates)
                run = self._run(cur, areas, indicators, None if dates else ref_date, overlaps,
                                context, feedback, dates=dates, shown=shown if dates else None)
                totals = run_totals(run) if dates is None else run_totals(
                    run.shown, run.raw["ref_date"].astype(str).isin(set(shown)).to_numpy())
                release = self._protect(cur, run, run.raw, run.pairs, indicators, areas.ids,
                                        publication, totals, shown=shown if dates else None)
                if not ref_date or dates or keys:
                    # the carry rule over every date protected (as from a file), also when
                    # one date is shown: it shows the value the series shows there (and
                    # the register's cell states: core.discretion.carrystate)
                    self._carry(cur, run, release, indicators, areas.ids, publication,
                                series=not ref_date, shown=shown if dates else None)
        finally:
            self.source.period = period
            self._counted_period = None
        if dates is not None:
            assert shown is not None  # context dates are found only for dates shown
            return shown_only(run.raw, release, run.shown.stats, indicators, shown)
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
            # every date of the extract is protected (the others are not published), as
            # core.criteria.protect_criteria does from a file: a single-date layer and a series
            # from the same extract hide the same cells
            release = self._protect(cur, run, run.raw, run.pairs, indicators, areas.ids,
                                    publication, None)
            # a series (monitorcriteria) or one assessed date: the carry rule, as from a file
            self._carry(cur, run, release, indicators, areas.ids, publication,
                        series=assessed is None,
                        shown=None if assessed is None else sorted(need))
        release.limit({d: sorted(c) for d, c in need.items()})
        return run.raw, run.stats, release

    def _carry(self, cur, run: DbRun, release, indicators, area_ids,
               publication: Publication, series: bool = True,
               shown: Optional[Sequence[str]] = None) -> None:
        """The carry rule (core.discretion.carry), counted in this session, with the
        register's cell states (qgis_io.pgstate); a source without person ids cannot tell who
        changed: said in the log of a series."""
        if "person_id" not in self.source.columns:
            if series:
                not_carried(release, publication)
            return
        state = run_state(cur, self.source, run.grid, indicators, release, shown, run.raw) \
            if publication.register is not None and publication.perturbation.enabled else None
        carry_release(release, None, None, indicators, area_ids, publication, run.raw,
                      changes=carry_changes(cur, self.source, run.grid, indicators,
                                            len(area_ids)), shown=shown, state_rows=state)

    def _protect(self, cur, run: DbRun, raw: pd.DataFrame, pairs, indicators, area_ids,
                 publication: Publication, totals, dates: Optional[Sequence[str]] = None,
                 shown: Optional[Sequence[str]] = None):
        """Protect with this session's figures of groups and types: through the release
        register (core.pipeline.protect_run on the persons' keys, :meth:`start_keys`) when
        one is used, else from counts only (core.pipeline.protect_counted). ``dates``: the
        reference dates ``raw`` was cut to (``raw`` holds only their rows); ``shown``: the
        dates the run's totals count (``totals``: theirs), when it holds more."""
        builtin = {i.code: i for i in builtin_indicators()}
        types = type_table(cur, self.source, run.grid, list(indicators), raw) \
            if any(builtin.get(i.code) != i for i in indicators) else None
        if publication.register is not None:
            joined = self.finish_keys(run)
            figures = KeyedFigures(cur, self.source, run.grid, indicators)
            tj = None if shown is None else shown_join(joined, run.shown.stats, shown)
            return protect_run(run.raw, joined, indicators, area_ids, publication,
                               with_totals=totals is not None, dates=dates, figures=figures,
                               types=types, totals_of=tj)

        def figures(links):
            return RestFigures(cur, self.source, run.grid, indicators, raw, links)

        return protect_counted(raw, run.stats, run.overlaps, indicators, area_ids, publication,
                               pairs, figures=figures, totals=totals, types=types)

    def _run(self, cur, areas: AreaSet, indicators: Sequence[Indicator],
             ref_date: Optional[str], overlaps: str, context, feedback,
             links: bool = True, dates: Optional[Sequence[str]] = None,
             shown: Optional[Sequence[str]] = None) -> DbRun:
        """``dates``: only these reference dates; ``shown``: the dates the run reports (its
        statistics and totals in ``DbRun.shown``; the others are protected with them)."""
        grid = self._prepare(cur, areas, context)
        plan = aggregate_sql(self.source, grid, indicators, ref_date or None, dates=dates)
        if feedback is not None:
            feedback.setProgressText(tr("Joining and aggregating in the database"))
        try:
            cur.execute(plan.sql, plan.params)
        except load_psycopg2().Error:
            self.finish_checks(feedback)  # a blocking problem of the data explains it better
            raise
        names = [d[0] for d in cur.description]
        fetched = cur.fetchall()
        self.finish_checks(feedback)
        if ref_date and ref_date not in self.dates:
            select_date(pd.DataFrame({"ref_date": sorted(self.dates)}), ref_date)
        raw, res = raw_table(plan, names, fetched, len(areas.ids))
        stats = join_stats(res, self._rows_in_period())
        keys = outside_keys(res)
        if stats.overlap_persons:
            stats.overlap_pairs = overlap_pairs(cur, self.source, grid, areas.ids)
            if overlaps == OVERLAP_REFUSE:
                raise overlap_error(stats)
            raise BoligsocialError(tr(
                "Overlapping areas (OVERLAPS=allow) are not yet computed in the database; "
                "fix the overlaps or export the persons to a file."))
        pairs = no_pairs()
        if links and len(raw) and raw["ref_date"].nunique() > 1:
            pairs = date_pairs(cur, self.source, grid, raw, dates)
        run = DbRun(raw, stats, False, pairs, grid, keys)
        if shown is not None:  # the statistics and totals of the dates shown
            at = raw["ref_date"].astype(str).isin(set(shown)).to_numpy()
            res = shown_rows(res, shown)
            run.shown = DbRun(raw.loc[at].reset_index(drop=True), join_stats(
                res, self._rows_in_period()), False, no_pairs(), grid, outside_keys(res))
        return run

    def _rows_in_period(self) -> Optional[int]:
        """Person rows of the run: all, or those of the source's period (as a file's rows are
        cut to the period before they are joined)."""
        period = self.source.period or self._counted_period
        if period is None or self.rows is None:
            return self.rows
        first, last = period
        return sum(n for d, n in self.dates.items()
                   if (not first or d >= first) and (not last or d <= last))

    # ------------------------------------------------------------------ moves

    def moves(self, areas: AreaSet, indicators: Sequence[Indicator], from_date: Optional[str],
              to_date: Optional[str], context, feedback=None, keys: bool = False):
        """core.moves.analyse for a database source: a core.moves.MoveData from aggregates
        (core.sqlmoves); each person's place at the two dates stays on the server. ``keys``
        (the release register): also each person's 64-bit key (core.personkeys, computed on
        the server) with its area codes at both dates, by one binary COPY
        (:func:`boligsocial_plugin.qgis_io.pgkeys.move_persons`), as MoveData.persons."""
        from boligsocial_plugin.core import moves as mv
        from boligsocial_plugin.core import sqlmoves

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
            persons = pgkeys.move_persons(cur, counts) if keys else None
            if persons is not None and indicators:  # the profiles' cell state
                persons = move_codes(cur, self.source, grid, indicators, persons, from_date,
                                     to_date)
        return mv.MoveData(list(areas.ids), from_date, to_date, counts, flows, tables[0],
                           tables[1], list(indicators), stats, years, persons=persons)

    def _prepare(self, cur, areas: AreaSet, context) -> sqlgen.Grid:
        """The areas on the server and the join's grid (temporary tables and function)."""
        geometry = self._geometry(areas, context)
        self._date_values(cur)
        return self._upload(cur, geometry)

    def _geometry(self, areas: AreaSet, context):
        """The areas as the server joins them: (WKB, valid, polygon set, grid)."""
        wkbs, valid = join_geometries(areas, self.crs, context)
        ps = polygon_set(areas.rings)
        return wkbs, valid, ps, sqlgen.choose_grid(ps.bbox, self.source.srid)

    def _upload(self, cur, geometry) -> sqlgen.Grid:
        """:meth:`_geometry`'s areas to temporary tables, the join's function."""
        wkbs, valid, ps, grid = geometry
        upload_areas(cur, wkbs, valid, ps, self.source.srid)
        for st in sqlgen.setup_statements(grid):
            cur.execute(st)
        cur.execute(sqlgen.exact_function(grid))
        return grid


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
