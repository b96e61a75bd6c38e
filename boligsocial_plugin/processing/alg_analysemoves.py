# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:analysemoves: two snapshots + areas -> moves per area, flows, elevator profiles."""
from typing import List, Tuple

import numpy as np
import pandas as pd
from qgis.core import (
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProject,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core import moves, moves_report
from boligsocial_plugin.core.discretion.moves import protect_moves
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import (
    Indicator,
    available_indicators,
    builtin_indicators,
    catalogue_path,
    parse_user_indicators,
)
from boligsocial_plugin.core.pipeline import OVERLAP_REFUSE, compute
from boligsocial_plugin.core.shown_dates import record_as_of, shown_residents
from boligsocial_plugin.maps import moves as moves_map
from boligsocial_plugin.maps import report
from boligsocial_plugin.processing import common
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm, advanced
from boligsocial_plugin.processing.params import date_parameter, date_value, with_help
from boligsocial_plugin.qgis_io.values import text
from boligsocial_plugin.qgis_io.writer import fields_for, multi_polygon, write_frame

FROM_DATE, TO_DATE = "FROM_DATE", "TO_DATE"
PROFILE_INDICATORS, INDICATOR_DEFINITIONS = "PROFILE_INDICATORS", "INDICATOR_DEFINITIONS"
FOCUS_AREAS, FOCUS_EXPRESSION, GROUP_FIELD = "FOCUS_AREAS", "FOCUS_EXPRESSION", "GROUP_FIELD"
OUTPUT, FLOWS, GROUP_FLOWS = "OUTPUT", "FLOWS", "GROUP_FLOWS"
OUTPUT_PNG, OUTPUT_PDF, TITLE = "OUTPUT_PNG", "OUTPUT_PDF", "TITLE"
COUNT_FIELDS = ("residents_from", "residents_to", "stayers", "in_movers", "out_movers",
                "in_from_outside", "out_to_outside", "net", "turnover")


def output_field_types(indicators: List[Indicator], focus: bool) -> List[Tuple[str, int]]:
    """Fields of the moves table (stable; README "Moves")."""
    out = [("area_id", QVariant.String), ("area_name", QVariant.String),
           ("from_date", QVariant.Date), ("to_date", QVariant.Date)]
    for c in COUNT_FIELDS:
        out += [(c, QVariant.LongLong), (c + "_flag", QVariant.String)]
    out.append(("turnover_pct", QVariant.Double))
    for ind in indicators:
        for g in moves.GROUPS:
            out += [(f"{ind.code}_{g}", QVariant.Double), (f"{ind.code}_{g}_flag",
                                                           QVariant.String)]
    if focus:
        out += [("from_focus", QVariant.LongLong), ("from_focus_flag", QVariant.String),
                ("from_focus_pct", QVariant.Double)]
    return out


FLOW_FIELDS = [("from_area", QVariant.String), ("to_area", QVariant.String),
               ("persons", QVariant.LongLong), ("flag", QVariant.String),
               ("from_name", QVariant.String), ("to_name", QVariant.String),
               ("focus_origin", QVariant.Int)]
GROUP_FIELDS = [("from_group", QVariant.String), ("to_group", QVariant.String),
                ("persons", QVariant.LongLong), ("flag", QVariant.String)]


class AnalyseMoves(BoligsocialAlgorithm):
    """Moves between areas from two snapshots: waterbed and elevator effects."""

    ALG_ID = "analysemoves"
    DISPLAY = N_("Analyse moves between areas")
    TAGS = N_("moves,flows,waterbed,elevator,migration,flytninger,vandseng,elevatoreffekt,"
              "til- og fraflytning")
    HELP = N_(
        "Follows every person by the pseudonymised person key from FROM_DATE to TO_DATE "
        "(default: the two latest dates of the extract) and counts per area: "
        "residents_from, residents_to, stayers (in the area on both dates), in_movers (in "
        "another area at FROM_DATE), out_movers (in another area at TO_DATE), "
        "in_from_outside (in no area at FROM_DATE: new in the extract, outside every area or "
        "without location), out_to_outside, net (residents_to − residents_from) and turnover "
        "(all who came or left), each with a _flag ('' published, P primary, S secondary "
        "suppression, A area below the minimum). turnover_pct is turnover per 100 residents "
        "(mean of the two dates).<br><br>"
        "<b>Elevator effect</b>: for each profile indicator C, C_in (everyone who came, at "
        "TO_DATE), C_out (everyone who left, at FROM_DATE) and C_stay (the stayers, at "
        "TO_DATE), in the indicator's unit (percent, or kroner for income).<br><br>"
        "<b>Flows</b> (FLOWS): one line per pair of areas with a published flow, from the "
        "origin to the destination, with persons and flag; suppressed flows are not listed "
        "(a listed flow would tell that somebody moved). The layer is styled as a flow map "
        "(width by persons, arrows).<br><br>"
        "<b>Waterbed effect</b>: give focus areas (FOCUS_AREAS: area ids, or an expression "
        "on the areas, e.g. \"designed\" = 'parallelsamfund'); OUTPUT then gets from_focus "
        "(persons who moved from a focus area into the area) and from_focus_pct (their share "
        "of its in_movers), flows from the focus areas are drawn orange, and the report lists "
        "where the focus areas' movers went.<br><br>"
        "<b>Groups</b>: GROUP_FIELD (an area attribute such as housing type or "
        "urban/rural) adds GROUP_FLOWS: moves between groups, e.g. from public housing into "
        "private rental in the countryside on one line.<br><br>"
        "<b>Discretion</b>: flows form a two-way table with the in/out totals: flows below "
        "the smallest published count are hidden, and further cells are hidden until the "
        "attacker's audit (every relation between the counts, the flows, the profiles and "
        "the indicator layer of both dates; counts never negative) shows no hidden figure "
        "can be computed or narrowed below the protection width. Published counts carry "
        "the same cell-key noise as computeindicators (PERTURBATION=off for exact "
        "values). Every published count and profile figure is recorded with its persons in "
        "the release register (REGISTER_MODE, RELEASE_REGISTER; also from a database), and "
        "protected against what earlier releases published there.<br><br>"
        "A person key twice on one of the two dates stops the run (with the rows); probably "
        "changed keys (someone vanishing while a person of the same sex, origin and age "
        "appears at the same address) are reported.")

    def flags(self):
        """The report needs a print layout: main thread only."""
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters (names are stable: models and batch jobs use them; README "Moves")."""
        common.add_person_parameters(self)
        self.addParameter(date_parameter(FROM_DATE, self.tr(
            "From date (empty = the second latest date)"), self.tr(
            "The earlier of the two reference dates compared. Empty: the latest date before "
            "the to date. On the command line: FROM_DATE=2024-01-01.")))
        self.addParameter(date_parameter(TO_DATE, self.tr(
            "To date (empty = the latest date)"), self.tr(
            "The later of the two reference dates compared. Empty: the latest date of the "
            "extract. On the command line: TO_DATE=2025-01-01.")))
        p = QgsProcessingParameterString(
            PROFILE_INDICATORS, self.tr("Profile indicators (comma-separated codes)"),
            ",".join(moves.DEFAULT_PROFILE), optional=True)
        p.setHelp(self.tr("Indicators compared between who came, stayed and left: codes of "
                          "built-in indicators ({codes}) or of user-defined ones.").format(
            codes=", ".join(i.code for i in builtin_indicators())))
        self.addParameter(p)
        p = QgsProcessingParameterFile(INDICATOR_DEFINITIONS, self.tr(
            "User-defined indicators (JSON)"), extension="json", optional=True)
        p.setHelp(self.tr("Indicators of your own to use as profile indicators; start from "
                          "{path}.").format(path=catalogue_path()))
        self.addParameter(advanced(p))
        p = QgsProcessingParameterString(FOCUS_AREAS, self.tr(
            "Focus areas (area ids, comma-separated)"), optional=True)
        p.setHelp(self.tr("E.g. the omdannelsesområder: where did their movers go?"))
        self.addParameter(p)
        p = QgsProcessingParameterExpression(FOCUS_EXPRESSION, self.tr(
            "Focus areas (expression on the areas)"), None, common.AREAS, optional=True)
        p.setHelp(self.tr("Areas for which the expression is true are focus areas too, "
                          "e.g. \"designed\" = 'parallelsamfund'."))
        self.addParameter(p)
        p = QgsProcessingParameterField(GROUP_FIELD, self.tr(
            "Group destinations by (area attribute)"), None, common.AREAS, optional=True)
        p.setHelp(self.tr("E.g. housing type or urban/rural: adds the moves between groups."))
        self.addParameter(p)
        common.add_discretion_parameters(self)
        common.add_protection_parameters(self, amounts=False)
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            OUTPUT, self.tr("Moves per area"), QgsProcessing.TypeVectorPolygon), self.tr(
            "One row per area: residents on both dates, stayers, movers in and out, from and "
            "to outside, net, turnover, the profiles of who came, stayed and left, and (with "
            "focus areas) the persons from the focus areas.")))
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            FLOWS, self.tr("Flows between areas"), QgsProcessing.TypeVectorLine), self.tr(
            "One line per pair of areas with a published flow, styled as a flow map; "
            "suppressed flows are not listed.")))
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            GROUP_FLOWS, self.tr("Moves between groups"), QgsProcessing.TypeVector,
            optional=True, createByDefault=False), self.tr(
            "With a group field: one row per pair of groups (e.g. housing types).")))
        self.addParameter(with_help(QgsProcessingParameterFileDestination(
            OUTPUT_PNG, self.tr("Flow map (PNG)"), "PNG (*.png)", optional=True,
            createByDefault=False), self.tr("The flow map with its legend as a picture.")))
        self.addParameter(with_help(QgsProcessingParameterFileDestination(
            OUTPUT_PDF, self.tr("Report (PDF)"), "PDF (*.pdf)", optional=True,
            createByDefault=False), self.tr(
            "One page: the flow map, where the focus areas' movers went and who came, stayed "
            "and left in the focus areas.")))
        self.addParameter(advanced(with_help(QgsProcessingParameterString(
            TITLE, self.tr("Report title"), optional=True), self.tr(
            "Title of the report and the picture (default: the dates)."))))
        for name, label in (("FLOWS_PUBLISHED", N_("Flows published")),
                            ("FLOWS_SUPPRESSED", N_("Flows suppressed"))):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    # ------------------------------------------------------------------ helpers

    def _indicators(self, parameters, context, columns) -> List[Indicator]:
        extra = []
        path = self.parameterAsFile(parameters, INDICATOR_DEFINITIONS, context)
        if path:
            with open(path, encoding="utf-8-sig") as f:
                extra = parse_user_indicators(f.read(), list(columns))
        wanted = moves.parse_id_list(self.parameterAsString(parameters, PROFILE_INDICATORS,
                                                            context))
        have, _skipped = available_indicators(columns, extra)
        known = {i.code: i for i in list(builtin_indicators()) + list(extra)}
        unknown = [c for c in wanted if c not in known]
        if unknown:
            raise BoligsocialError(tr("Unknown profile indicator(s) {codes}; use codes of "
                                      "built-in indicators ({all}) or of the user-defined "
                                      "file.").format(codes=", ".join(unknown),
                                                      all=", ".join(known)))
        by_code = {i.code: i for i in have}
        missing = [c for c in wanted if c not in by_code]
        if missing:
            raise BoligsocialError(tr("The extract lacks the columns of the profile "
                                      "indicator(s) {codes}; remove them from the list or add "
                                      "the columns.").format(codes=", ".join(missing)))
        return [by_code[c] for c in wanted]

    def _focus(self, parameters, context, areas) -> np.ndarray:
        ids = moves.parse_id_list(self.parameterAsString(parameters, FOCUS_AREAS, context))
        mask = moves.focus_mask(areas.ids, ids)
        expr_text = self.parameterAsExpression(parameters, FOCUS_EXPRESSION, context)
        if expr_text:
            source = self.parameterAsSource(parameters, common.AREAS, context)
            expr = QgsExpression(expr_text)
            if expr.hasParserError():
                raise BoligsocialError(tr("The focus expression is not valid: {err}").format(
                    err=expr.parserErrorString()))
            ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(
                None))
            ctx.setFields(source.fields())
            expr.prepare(ctx)
            id_field = self.parameterAsString(parameters, common.AREA_ID_FIELD, context) or \
                "area_id"
            index = {a: i for i, a in enumerate(areas.ids)}
            for f in source.getFeatures(QgsFeatureRequest()):
                ctx.setFeature(f)
                v = expr.evaluate(ctx)
                if expr.hasEvalError():
                    raise BoligsocialError(tr("The focus expression failed: {err}").format(
                        err=expr.evalErrorString()))
                if v and str(v) not in ("0", "false", "NULL"):
                    i = index.get(text(f.attribute(id_field)))
                    if i is not None:
                        mask[i] = True
        return mask

    # ------------------------------------------------------------------ run

    def process(self, parameters, context, feedback):
        """Read, check, join both dates, count, protect, write, style, report."""
        feedback.setProgressText(self.tr("Reading the person extract"))
        # a key twice on a date matters only on the two dates analysed (checked there)
        db = common.database_persons(self, parameters, context, feedback,
                                     ignore=("duplicate_person",))
        if db is not None:  # README "Databases": only aggregates leave the server
            columns, crs = db.columns, db.crs
        else:
            ext, x, y, crs = common.load_persons(self, parameters, context, feedback)
            ext.problems = [p for p in ext.problems if p.code != "duplicate_person"]
            common.require_no_blocking(ext, feedback)
            columns = list(ext.data.columns)
        feedback.setProgress(15)
        group_field = self.parameterAsString(parameters, GROUP_FIELD, context)
        areas = common.load_areas(self, parameters, context, feedback, crs,
                                  (group_field,) if group_field else ())
        indicators = self._indicators(parameters, context, columns)
        focus = self._focus(parameters, context, areas)
        rules = common.discretion_rules(self, parameters, context)
        pub, record_in = common.publication(self, parameters, context, rules)

        def progress(frac: float) -> bool:
            feedback.setProgress(20 + 40 * frac)
            return not feedback.isCanceled()

        feedback.setProgressText(self.tr("Joining both dates to the areas"))
        from_date = date_value(self, parameters, FROM_DATE, context)
        to_date = date_value(self, parameters, TO_DATE, context)
        if db is not None:
            md = db.moves(areas, indicators, from_date, to_date, context, feedback,
                          keys=pub.register is not None)
        else:
            md = moves.analyse(ext.data, x, y, areas.rings, areas.ids, indicators, from_date,
                               to_date, progress)
        self.check_canceled(feedback)
        for line in md.stats.lines(rules.min_count):
            feedback.pushInfo(line)
        for w in md.stats.warnings(rules.min_count):
            feedback.pushWarning(w)
        feedback.setProgressText(self.tr("Protecting the moves (secondary suppression and "
                                         "the attacker's audit)"))
        feedback.setProgress(62)
        groups = [text(v) for v in areas.extra[group_field]] if group_field else None
        rel = protect_moves(md, rules, perturbation=pub.perturbation, width=pub.width,
                            focus=focus if focus.any() else None, group_of=groups,
                            register=pub.register)
        if pub.perturbation.enabled:  # the residents as the layers of both dates show them
            def layer(d):
                if db is not None:
                    return db.compute(areas, [], d, OVERLAP_REFUSE, pub, context, None)
                return compute(ext.data, x, y, areas.rings, areas.ids, [], rules, d,
                               publication=pub)

            # the dates the moves resolved (FROM_DATE/TO_DATE may be empty: the latest two)
            carried = shown_residents(rel.areas, layer, areas.ids, pub,
                                      [("residents_from", md.from_date),
                                       ("residents_to", md.to_date)])
            if carried and rel.release is not None:  # the register learns which value
                record_as_of(rel.release, carried)
            rf, rt = rel.areas["residents_from"], rel.areas["residents_to"]
            rel.areas["net"] = rt - rf
            with np.errstate(invalid="ignore", divide="ignore"):
                mean_res = ((rf + rt) / 2.0).to_numpy(dtype=float)
                rel.areas["turnover_pct"] = np.where(
                    mean_res > 0, 100.0 * rel.areas["turnover"].to_numpy(dtype=float) / mean_res,
                    np.nan)
        self.check_canceled(feedback)
        self._log_protection(rel, rules, feedback)
        feedback.setProgress(80)
        dest, flows_dest, groups_dest = self._write(parameters, context, feedback, md, rel,
                                                    areas, focus)
        if record_in is not None and rel.release is not None:
            rid = rel.release.record(record_in, self.name(), dest)
            feedback.pushInfo(self.tr("Recorded in the release register {path} as {id}."
                                      ).format(path=record_in.folder, id=rid))
        focus_on = bool(focus.any())
        field = "from_focus" if focus_on else "turnover_pct"
        moves_map.save_style(dest, context, feedback, "areas", field, rules.min_count)
        moves_map.save_style(flows_dest, context, feedback, "flows",
                             min_count=rules.min_count, focus=focus_on)
        png = self.parameterAsFileOutput(parameters, OUTPUT_PNG, context)
        pdf = self.parameterAsFileOutput(parameters, OUTPUT_PDF, context)
        if png or pdf:
            feedback.setProgressText(self.tr("Drawing the flow map and the report"))
            self._report(parameters, context, dest, flows_dest, md, rel, areas, focus,
                         indicators, rules, png, pdf)
        flows_pub = int(rel.flows["persons"].notna().sum())
        return {OUTPUT: dest, FLOWS: flows_dest, GROUP_FLOWS: groups_dest,
                OUTPUT_PNG: png or None, OUTPUT_PDF: pdf or None,
                "FLOWS_PUBLISHED": flows_pub,
                "FLOWS_SUPPRESSED": int(len(rel.flows) - flows_pub)}

    def _log_protection(self, rel, rules, feedback) -> None:
        rep = rel.report
        feedback.pushInfo(self.tr(
            "Discretion: smallest published count {c}, smallest area {r} residents; {p} "
            "primary, {s} secondary, {a} area suppressions; {fh} of {f} flows "
            "suppressed.").format(c=rules.min_count, r=rules.min_residents, p=rep["primary"],
                                  s=rep["secondary"], a=rep["area"], fh=rep["flows_hidden"],
                                  f=rep["flows"]))
        iv = rep["interval_audit"]
        feedback.pushInfo(self.tr(
            "Attacker's audit passed: no hidden figure can be computed, none is narrowed "
            "below {w} ({n} counts and flows, {m} profile figures checked; {lp} solved one by "
            "one).").format(w=iv["protection_width"], n=iv["counts_checked"],
                            m=iv["profiles_checked"], lp=iv["solved_by_lp"]))
        links = rep.get("links") or {}
        if links.get("earlier_populations"):
            feedback.pushInfo(self.tr(
                "Linked to earlier releases: {e} equal, {n} nearly equal, {s} nested "
                "populations (of {p} loaded from the register).").format(
                e=links["equal"], n=links["near"], s=links["sum"],
                p=links["earlier_populations"]))
        carry = rep.get("profile_carry") or {}
        if carry.get("carried") or carry.get("kept_hidden"):
            feedback.pushInfo(self.tr(
                "Profiles through the release register: {c} figures repeat what an earlier "
                "release published for nearly the same persons, {h} stay hidden (P) as an "
                "earlier release hid them.").format(c=carry["carried"], h=carry["kept_hidden"]))
        if rep.get("bounded_by_indicator_layer"):
            feedback.pushInfo(self.tr(
                "{n} hidden profile figures lie below a published total of the indicator "
                "layer that is itself below the protection width; they are no narrower than "
                "that total already shows.").format(n=rep["bounded_by_indicator_layer"]))
        if rep.get("unprotectable"):
            feedback.pushWarning(self.tr(
                "{n} hidden figures are narrower than the protection width because of "
                "figures this output does not decide (the indicator layer, the residents, "
                "earlier releases); review before publishing.").format(n=rep["unprotectable"]))
        # not the run's mean absolute change: over a few counts it tells how far each is from
        # its exact value (0.0: every published count is exact)
        feedback.pushInfo(tr("Perturbation: {how}.").format(how=rep["perturbation"]))

    def _write(self, parameters, context, feedback, md, rel, areas, focus):
        inds = md.indicators
        focus_on = bool(focus.any())
        types = output_field_types(inds, focus_on)
        t = rel.areas.copy()
        idx = t["area_idx"].to_numpy()
        t["area_id"] = np.array(areas.ids, dtype=object)[idx]
        t["area_name"] = np.array(areas.names, dtype=object)[idx]
        t["from_date"], t["to_date"] = md.from_date, md.to_date
        sink, dest = self.parameterAsSink(parameters, OUTPUT, context, fields_for(types),
                                          QgsWkbTypes.MultiPolygon, areas.crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        write_frame(sink, t, types, [multi_polygon(areas.geometries[i]) for i in idx],
                    feedback, (80, 88), dest)
        del sink
        # only published flows are listed: a listed hidden flow would say that somebody
        # moved between the two areas (at least 1), which with a P flag pins small counts
        f = rel.flows[rel.flows["persons"].notna()]
        o, d = f["origin"].to_numpy(), f["dest"].to_numpy()
        ff = pd.DataFrame({
            "from_area": np.array(areas.ids, dtype=object)[o] if len(f) else [],
            "to_area": np.array(areas.ids, dtype=object)[d] if len(f) else [],
            "persons": f["persons"].to_numpy(), "flag": f["flag"].to_numpy(),
            "from_name": np.array(areas.names, dtype=object)[o] if len(f) else [],
            "to_name": np.array(areas.names, dtype=object)[d] if len(f) else [],
            "focus_origin": focus[o].astype(int) if len(f) else []})
        sink, flows_dest = self.parameterAsSink(parameters, FLOWS, context,
                                                fields_for(FLOW_FIELDS),
                                                QgsWkbTypes.LineString, areas.crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, FLOWS))
        geoms = [moves_map.flow_geometry(areas.geometries[a], areas.geometries[b])
                 for a, b in zip(o, d)]
        write_frame(sink, ff, FLOW_FIELDS, geoms, feedback, (88, 94), flows_dest)
        del sink
        groups_dest = None
        if rel.groups is not None and parameters.get(GROUP_FLOWS):
            sink, groups_dest = self.parameterAsSink(parameters, GROUP_FLOWS, context,
                                                     fields_for(GROUP_FIELDS),
                                                     QgsWkbTypes.NoGeometry)
            if sink is not None:
                write_frame(sink, rel.groups[rel.groups["persons"].notna()], GROUP_FIELDS,
                            None, feedback, (94, 95), groups_dest)
                del sink
        elif rel.groups is None and parameters.get(GROUP_FLOWS):
            feedback.pushWarning(self.tr("Moves between groups need a group field "
                                         "(GROUP_FIELD)."))
        return dest, flows_dest, groups_dest

    def _report(self, parameters, context, dest, flows_dest, md, rel, areas, focus,
                indicators, rules, png: str, pdf: str) -> None:
        a_layer = _open(dest, context)
        f_layer = _open(flows_dest, context)
        if a_layer is None or f_layer is None:
            raise BoligsocialError(tr("Could not open the outputs to draw the report."))
        moves_map.style_areas(a_layer, "from_focus" if focus.any() else "turnover_pct",
                              rules.min_count)
        moves_map.style_flows(f_layer, rules.min_count, bool(focus.any()))
        focus_ids = [areas.ids[i] for i in np.nonzero(focus)[0]]
        layers = moves_map.map_layers(a_layer, f_layer, focus_ids)
        title = self.parameterAsString(parameters, TITLE, context) or self.tr(
            "Moves between areas {a} – {b}").format(a=md.from_date, b=md.to_date)
        names = list(areas.names) if any(areas.names) else list(areas.ids)
        fidx = list(np.nonzero(focus)[0])
        subtitle = moves_report.focus_summary(rel.focus, [names[i] for i in fidx]) \
            if fidx else self.tr("Areas: turnover per 100 residents; arrows: the published "
                                 "flows between areas.")
        src = self.parameterAsSource(parameters, common.PERSONS, context)
        source = src.sourceName() if src is not None else ""
        notes = moves_report.report_notes(md.from_date, md.to_date, rules.min_count,
                                          rel.report["perturbation"], source)
        project = QgsProject()
        if png:
            layout = moves_map.build_report(project, layers, title, subtitle, notes, "",
                                            ([], []), ([], []))
            moves_map.export_png(layout, png)
        if pdf:
            wb = ([self.tr("Destination"), self.tr("Persons"), self.tr("Share of in-movers")],
                  moves_report.waterbed_rows(rel.areas, names))
            el = ([self.tr("Area"), self.tr("Indicator"), self.tr("Came"), self.tr("Stayed"),
                   self.tr("Left")],
                  moves_report.elevator_rows(rel.areas, names, fidx, indicators))
            layout = moves_map.build_report(project, layers, title, subtitle, notes, "", wb,
                                            el)
            report.export_pdf(layout, pdf)


def _open(dest: str, context):
    import os

    from qgis.core import QgsProcessingUtils, QgsVectorLayer

    if os.path.isfile(dest.split("|")[0]):
        lyr = QgsVectorLayer(dest, "output", "ogr")
    else:
        lyr = QgsProcessingUtils.mapLayerFromString(dest, context)
    return lyr if lyr is not None and lyr.isValid() else None
