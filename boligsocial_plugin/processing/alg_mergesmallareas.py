# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:mergesmallareas: merge areas into contiguous regions with a minimum population."""
from typing import Any, Dict, List, Optional

import numpy as np
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import number
from boligsocial_plugin.core.pipeline import OVERLAP_REFUSE, join_persons
from boligsocial_plugin.core.regions import merge_small_areas
from boligsocial_plugin.maps.styling import style_output
from boligsocial_plugin.processing import common, mergeprotect
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm
from boligsocial_plugin.processing.mergeprotect import region_label
from boligsocial_plugin.processing.params import date_value, enum_parameter, with_help
from boligsocial_plugin.qgis_io.adjacency import islands, polygon_adjacency
from boligsocial_plugin.qgis_io.writer import fields_for

AREAS, AREA_ID_FIELD = common.AREAS, common.AREA_ID_FIELD
POPULATION_FIELD, PARENT_FIELD = "POPULATION_FIELD", "PARENT_FIELD"
MINIMUM, TOLERANCE = "MINIMUM", "TOLERANCE"
HOMOGENEITY_FIELDS, CONTIGUITY = "HOMOGENEITY_FIELDS", "CONTIGUITY"
ROOK, QUEEN = "rook", "queen"
OUTPUT, OUTPUT_MEMBERS = "OUTPUT", "OUTPUT_MEMBERS"

REGION_FIELDS = [("region_id", QVariant.String), ("members", QVariant.Int),
                 ("population", QVariant.LongLong), ("population_flag", QVariant.String),
                 ("feasible", QVariant.Int), ("parent", QVariant.String)]
MEMBER_FIELDS = [("area_id", QVariant.String), ("region_id", QVariant.String),
                 ("feasible", QVariant.Int)]


class MergeSmallAreas(BoligsocialAlgorithm):
    """Merge small areas into contiguous regions that reach a minimum number of residents."""

    ALG_ID = "mergesmallareas"
    DISPLAY = N_("Merge small areas")
    GROUP_ID = "discretion"
    GROUP = N_("Discretion")
    TAGS = N_("merge,regions,regionalisation,max-p,minimum,discretion,contiguity,"
              "sammenlægning,diskretion,områder")
    HELP = N_(
        "Merges areas into contiguous regions that each have at least a minimum number of "
        "residents, so that figures can be published for every region (practice: an area "
        "below the minimum is hidden or merged; Frederiksberg merges blocks with comparable "
        "neighbours to reach 250 persons, Copenhagen's SØK publishes roder with at least 50, "
        "Statistics Denmark commonly asks for sub-areas of about 200 residents &mdash; check "
        "the current terms of your own data agreement).<br><br>"
        "<b>Residents</b> come from a numeric field of the areas or are counted from a "
        "person extract (on one reference date: the given one, else the latest in the "
        "extract). Give one of the two. Counted from persons, the merge decides on the "
        "residents the indicator layer of the same areas publishes (perturbed and protected, "
        "through the release register), never on exact counts: each area's published "
        "residents minus 2, the most the perturbation changes a count (where the carry rule "
        "repeats an earlier snapshot's value, minus the smallest published count less one "
        "more), so a region's exact residents always reach the minimum; an area whose "
        "residents are hidden counts as 0 (it is always merged). Regions drawn for many "
        "minimums then tell nothing the indicator layer does not; there may be slightly fewer "
        "regions. A residents field is taken as it is: give published figures (e.g. the "
        "residents of the indicator layer) when the regions are to be published.<br>"
        "<b>Contiguity</b>: rook (default): two areas are neighbours when their boundaries "
        "share a line; areas that touch only at a corner are not. Queen: a shared corner is "
        "enough. The shared boundary length decides between candidates (longer first). A "
        "tolerance (advanced) bridges small gaps between areas digitised apart.<br>"
        "<b>Method</b> (deterministic, max-p style): the smallest region below the minimum "
        "joins a neighbour, preferring neighbours still below the minimum, then the longest "
        "shared boundary (with homogeneity fields: the most similar neighbour), then the "
        "smallest population, then the smallest area id, until no region is below the "
        "minimum. A split pass then cuts every region that falls into two connected parts "
        "that both reach the minimum, and re-cuts two neighbouring regions into three where "
        "they hold enough residents. With a parent field (e.g. the district) no region "
        "crosses a parent boundary.<br>"
        "<b>Homogeneity fields</b> (optional; one or more indicator fields of the areas): "
        "regions are made alike inside. After the merging, areas on the edge of a region move "
        "to (or swap with) a neighbouring region when that lowers the mixing, never losing a "
        "region, never breaking contiguity, the minimum or a parent boundary. The number of "
        "regions comes first: it is never lower than without the fields.<br>"
        "<b>Mixing</b> (log and output MIXING): the share of the variation of the fields "
        "between areas that lies within regions (within-region sum of squares / total sum "
        "of squares, every area counting once, each field standardised; a missing value "
        "counts as the field's mean): 0 = every region uniform, 1 = no more alike than the "
        "whole layer.<br>"
        "<b>Upper bound</b> (log and output UPPER_BOUND): no partition can have more "
        "regions reaching the minimum (per group of connected areas: the total over the "
        "minimum, and the areas reaching it alone plus the rest over the minimum).<br>"
        "<b>Infeasible</b>: a group of areas that cannot reach the minimum (an island "
        "without neighbours, or a parent with too few residents) becomes one region with "
        "feasible = 0 and population NULL, and is reported in the log. Islands are listed "
        "too.<br><br>"
        "Outputs: the merged regions (dissolved geometry; region_id, members, population, "
        "population_flag, feasible, parent) and a table area_id &rarr; region_id, feasible."
        "<br><br><b>Discretion</b>: a region's population is a published count like any "
        "other. It is NULL (population_flag P) below the smallest published count, NULL (A) "
        "for a region below the minimum, and NULL (S) when, with what is published elsewhere, "
        "it would give a hidden count: a region minus its published member areas must not "
        "give a small area's residents. Counted from a person extract, the areas' residents "
        "the merge decided on are recorded in the release register, then the regions go "
        "through it (linked by their persons to every earlier release, e.g. the indicator "
        "layer of the same areas) and the perturbation like every other output. From a "
        "residents field there are no persons: the member areas' counts are taken as "
        "published, except those below the smallest published count, and the "
        "perturbation is keyed on the region's member areas with a secret (noise_secret.key "
        "in the release register folder, created once: keep it with the data).")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters (names are stable: models and batch jobs use them; README "Data model")."""
        self.addParameter(with_help(QgsProcessingParameterFeatureSource(
            AREAS, self.tr("Areas (polygons)"), [QgsProcessing.TypeVectorPolygon]),
            self.tr("The areas to merge: blocks, karréer, roder, grid cells.")))
        self.addParameter(with_help(QgsProcessingParameterField(
            AREA_ID_FIELD, self.tr("Area id field"), "area_id", AREAS),
            self.tr("A field that identifies each area; the table area to region uses it.")))
        p = QgsProcessingParameterField(
            POPULATION_FIELD, self.tr("Residents field of the areas (or give a person extract)"),
            None, AREAS, QgsProcessingParameterField.Numeric, optional=True)
        p.setHelp(self.tr("Number of residents of each area, taken as published (give "
                          "published figures). Leave empty to count them from the person "
                          "extract (the merge then decides on the published residents)."))
        self.addParameter(p)
        common.add_person_parameters(self, with_areas=False)
        persons = self.parameterDefinition(common.PERSONS)
        persons.setFlags(persons.flags() | QgsProcessingParameterDefinition.FlagOptional)
        persons.setDescription(self.tr("Person extract (to count residents; optional)"))
        common.add_ref_date_parameter(
            self, common.REF_DATE, self.tr("Reference date of the extract (empty = the latest)"),
            self.tr("The snapshot whose residents are counted; empty: the latest date in the "
                    "extract. On the command line: REF_DATE=2025-01-01."))
        p = QgsProcessingParameterNumber(MINIMUM, self.tr("Minimum residents per region"),
                                         QgsProcessingParameterNumber.Integer, 250, minValue=1)
        p.setHelp(self.tr("Frederiksberg 250, SØK 50, Statistics Denmark about 200 (check "
                          "your data agreement)."))
        self.addParameter(p)
        p = QgsProcessingParameterField(PARENT_FIELD, self.tr(
            "Parent field (regions never cross it, e.g. the district)"), None, AREAS,
            optional=True)
        p.setHelp(self.tr("Areas with different values here never share a region; a parent "
                          "with too few residents becomes one region marked infeasible."))
        self.addParameter(p)
        p = QgsProcessingParameterField(
            HOMOGENEITY_FIELDS, self.tr("Homogeneity fields (regions alike inside; optional)"),
            None, AREAS, QgsProcessingParameterField.Numeric, allowMultiple=True,
            optional=True)
        p.setHelp(self.tr("One or more indicator fields of the areas (e.g. nonwestern_val). "
                          "Areas join and stay with similar neighbours, so regions are alike "
                          "inside; the number of regions is never lower than without. Each "
                          "field is standardised; a missing value counts as the field's mean."))
        self.addParameter(p)
        self.addParameter(enum_parameter(
            CONTIGUITY, self.tr("Neighbours"),
            [(ROOK, self.tr("Shared boundary (rook)")),
             (QUEEN, self.tr("Shared boundary or corner (queen)"))], default=ROOK,
            help_text=self.tr("rook: areas are neighbours when they share a stretch of "
                              "boundary; queen: a shared corner is enough.")))
        p = QgsProcessingParameterNumber(common.MIN_COUNT, self.tr("Smallest published count"),
                                         QgsProcessingParameterNumber.Integer, 5, minValue=1)
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        p.setHelp(self.tr("A region's population below this is not published (NULL)."))
        self.addParameter(p)
        common.add_protection_parameters(self, amounts=False)
        p = QgsProcessingParameterNumber(TOLERANCE, self.tr(
            "Gap tolerance for neighbours (layer units; 0 = boundaries must coincide)"),
            QgsProcessingParameterNumber.Double, 0.0, minValue=0.0)
        p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)
        p.setHelp(self.tr("Areas closer than this count as neighbours when they run alongside "
                          "each other for more than twice the tolerance (queen: when they come "
                          "this close anywhere). Slower."))
        self.addParameter(p)
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            OUTPUT, self.tr("Merged regions"), QgsProcessing.TypeVectorPolygon),
            self.tr("The regions (dissolved areas) with region_id, members, population, "
                    "feasible and parent; styled by population, infeasible regions hatched.")))
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            OUTPUT_MEMBERS, self.tr("Area to region table"), QgsProcessing.TypeVector,
            optional=True, createByDefault=True),
            self.tr("Which region each area went to (area_id, region_id, feasible), to join "
                    "to other tables of the areas.")))
        for name, label in (("REGIONS", N_("Regions")),
                            ("INFEASIBLE", N_("Regions below the minimum (infeasible)")),
                            ("ISLANDS", N_("Areas without neighbours")),
                            ("UPPER_BOUND", N_("Most regions that can reach the minimum")),
                            ("MIXING", N_("Mixing within regions (0 = alike inside)"))):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))

    # ------------------------------------------------------------------ helpers

    def _population(self, parameters, context, feedback, pub):
        """(areas, the residents per area the merge decides on, the join, the areas'
        release): the field's, or from the person extract the published ones
        (mergeprotect.merge_input; the join and release None for a field)."""
        pop_field, source, keep = self._checked_fields(parameters, context)
        if pop_field:
            areas = common.load_areas(self, parameters, context, feedback,
                                      source.sourceCrs(), keep)
            return areas, self._field_population(areas, pop_field), None, None
        return self._counted_population(parameters, context, feedback, keep, pub)

    def _checked_fields(self, parameters, context):
        """(residents field, area source, the area fields to keep): refused when the
        residents come from both or neither source, or a field is missing or not numeric."""
        pop_field = self.parameterAsString(parameters, POPULATION_FIELD, context)
        parent_field = self.parameterAsString(parameters, PARENT_FIELD, context)
        has_persons = parameters.get(common.PERSONS) not in (None, "")
        alike = self.parameterAsFields(parameters, HOMOGENEITY_FIELDS, context) or []
        keep = tuple(dict.fromkeys(f for f in (pop_field, parent_field, *alike) if f))
        if pop_field and has_persons:
            raise BoligsocialError(self.tr("Give either a residents field or a person extract, "
                                           "not both."))
        if not pop_field and not has_persons:
            raise BoligsocialError(self.tr("Give a residents field of the areas or a person "
                                           "extract to count residents from."))
        source = self.parameterAsSource(parameters, AREAS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, AREAS))
        for f in keep:
            if source.fields().lookupField(f) < 0:
                raise BoligsocialError(self.tr("The area layer has no field '{f}'.").format(f=f))
        for f in alike:
            if not source.fields().field(f).isNumeric():
                raise BoligsocialError(self.tr(
                    "The homogeneity field '{f}' is not numeric. Choose indicator fields with "
                    "numbers (e.g. the _val fields of computeindicators).").format(f=f))
        return pop_field, source, keep

    def _field_population(self, areas, pop_field: str) -> np.ndarray:
        """Residents per area from the areas' field; refused when one is not a count."""
        pop = np.zeros(len(areas.ids))
        for i, v in enumerate(areas.extra[pop_field]):
            try:
                x = float(v)
            except (TypeError, ValueError):
                x = float("nan")
            if v is None or np.isnan(x) or x < 0:
                raise BoligsocialError(self.tr(
                    "The area '{id}' has no valid number of residents in '{f}' ({v}). "
                    "Every area needs a count of 0 or more.").format(
                    id=areas.ids[i], f=pop_field, v=v))
            pop[i] = x
        return pop

    def _counted_population(self, parameters, context, feedback, keep, pub):
        """Areas, residents per area counted from the person extract (file or database) at
        the reference date as the indicator layer publishes them, made conservative
        (core.regions.published), the join (for the regions' protection) and the areas'
        release (recorded in the register)."""
        ext = x = y = None
        feedback.setProgressText(self.tr("Reading the person extract"))
        db = common.database_persons(self, parameters, context, feedback)
        if db is not None:  # README "Databases": only the areas' counts leave the server
            crs = db.crs
        else:
            ext, x, y, crs = common.load_persons(self, parameters, context, feedback)
            common.require_no_blocking(ext, feedback)
        areas = common.load_areas(self, parameters, context, feedback, crs, keep)
        ref_date = date_value(self, parameters, common.REF_DATE, context) or \
            self._latest_date(db, ext, feedback)
        if db is not None:
            joined = db.run(areas, [], ref_date, OVERLAP_REFUSE, context, feedback,
                            links=False, keys=common.uses_register(self, parameters, context))
        else:
            joined = join_persons(ext.data, x, y, areas.rings, areas.ids, ref_date)
        common.log_join(feedback, joined.stats)  # no totals published here: none in the log
        feedback.setProgressText(self.tr("Protecting the areas' residents"))
        result = mergeprotect.area_release(areas, joined, ext, x, y, db, ref_date, pub,
                                           context, feedback)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: no output was written."))
        pop = mergeprotect.merge_input(result, len(areas.ids), ref_date, pub, feedback)
        return areas, pop, joined, result

    def _latest_date(self, db, ext, feedback) -> str:
        """The extract's latest reference date (residents are counted on it)."""
        if db is not None:
            db.finish_checks(feedback)
            dates = sorted(db.dates)
        else:
            dates = sorted({str(d) for d in ext.data["ref_date"].dropna().unique()})
        if not dates:
            raise BoligsocialError(self.tr("The person extract has no reference date."))
        if len(dates) > 1:
            feedback.pushInfo(self.tr("Residents counted on the latest reference date, "
                                      "{d}.").format(d=dates[-1]))
        return dates[-1]

    # ------------------------------------------------------------------ run

    def process(self, parameters, context, feedback) -> Dict[str, Any]:
        """Residents, adjacency, merge, dissolve, write."""
        min_count = self.parameterAsInt(parameters, common.MIN_COUNT, context)
        pub, record_in = mergeprotect.publication(self, parameters, context, min_count)
        areas, pop, joined, released = self._population(parameters, context, feedback, pub)
        parent_field = self.parameterAsString(parameters, PARENT_FIELD, context)
        alike = self.parameterAsFields(parameters, HOMOGENEITY_FIELDS, context) or []
        queen = self.parameterAsEnumString(parameters, CONTIGUITY, context) == QUEEN
        minimum = self.parameterAsInt(parameters, MINIMUM, context)
        tolerance = self.parameterAsDouble(parameters, TOLERANCE, context)
        n = len(areas.ids)
        edges, lonely = self._neighbours(areas, tolerance, queen, feedback)
        parent: Optional[List[str]] = None
        if parent_field:
            parent = ["" if _is_null(v) else str(v) for v in areas.extra[parent_field]]
        attributes = None
        if alike:
            attributes = np.asarray([[np.nan if _is_null(v) else float(v)
                                      for v in areas.extra[f]] for f in alike], dtype=float).T
        feedback.setProgressText(self.tr("Merging areas"))
        res = merge_small_areas(pop, edges, minimum, parent=parent, area_ids=areas.ids,
                                attributes=attributes)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: no output was written."))
        k = len(res.population)
        self._warn_merge(res, minimum, bool(parent_field), bool(alike), feedback)
        feedback.setProgress(75)
        feedback.setProgressText(self.tr("Dissolving {k} regions").format(k=k))
        members: List[List[int]] = [[] for _ in range(k)]
        for i, r in enumerate(res.region.tolist()):
            members[r].append(i)
        if released is not None:  # before the regions: they are linked to the areas' values
            mergeprotect.record_areas(self, released, record_in, self.parameterAsOutputLayer(
                parameters, OUTPUT, context), feedback)
        published, flags, record = mergeprotect.protect_regions(
            self, parameters, context, feedback, areas, pop, joined, res, pub, record_in,
            minimum)
        dest = self._write_regions(parameters, context, feedback, areas, members, parent,
                                   res, published, flags)
        record(dest)
        style_output(dest, "population", context, feedback)
        results: Dict[str, Any] = {OUTPUT: dest}
        mdest = self._write_members(parameters, context, areas, res)
        if mdest is not None:
            results[OUTPUT_MEMBERS] = mdest
        rep = res.report()
        self._summarise(res, rep, n, minimum, alike, feedback)
        feedback.setProgress(100)
        results.update({"REGIONS": k, "INFEASIBLE": int(rep["infeasible_regions"]),
                        "ISLANDS": int(len(lonely)), "UPPER_BOUND": int(res.upper_bound),
                        "MIXING": None if res.mixing is None else float(res.mixing)})
        return results

    def _neighbours(self, areas, tolerance: float, queen: bool, feedback):
        """The areas' neighbour pairs and the areas without neighbour (warned)."""
        n = len(areas.ids)
        feedback.setProgressText(self.tr("Finding neighbours of {n} areas").format(n=n))
        feedback.setProgress(20)

        def progress(frac: float) -> bool:
            feedback.setProgress(20 + 50 * frac)
            return not feedback.isCanceled()

        edges = polygon_adjacency(areas.geometries, tolerance, progress, queen=queen)
        if feedback.isCanceled():
            raise QgsProcessingException(self.tr("Cancelled: no output was written."))
        lonely = islands(n, edges)
        feedback.pushInfo(self.tr("{m} neighbour pairs found.").format(m=len(edges)))
        if len(lonely):
            names = ", ".join(areas.ids[i] for i in lonely[:20])
            more = "" if len(lonely) <= 20 else " …"
            feedback.pushWarning(self.tr("{n} areas have no neighbour (islands): {ids}{more}"
                                         ).format(n=len(lonely), ids=names, more=more))
        return edges, lonely

    def _warn_merge(self, res, minimum: int, has_parent: bool, has_alike: bool,
                    feedback) -> None:
        """Warnings of the merge: regions below the minimum, missing or useless homogeneity
        values."""
        for comp in res.infeasible_components:
            ids = [str(a) for a in comp["areas"]]
            feedback.pushWarning(self.tr(
                "Areas {ids} cannot reach {m} residents together (no more neighbours{par}); "
                "they form one region marked infeasible, population not published.").format(
                ids=", ".join(ids[:20]) + (" …" if len(ids) > 20 else ""), m=minimum,
                par=self.tr(" within the parent") if has_parent else ""))
        if res.missing_values:
            feedback.pushWarning(self.tr(
                "{n} values of the homogeneity fields are missing (NULL); they count as the "
                "field's mean.").format(n=res.missing_values))
        if has_alike and res.mixing is None:
            feedback.pushWarning(self.tr("The homogeneity fields have the same value in every "
                                         "area; they cannot make regions more alike."))

    def _write_regions(self, parameters, context, feedback, areas, members, parent, res,
                       published, flags) -> str:
        """The dissolved regions to OUTPUT, with their published residents; its id."""
        k = len(res.population)
        sink, dest = self.parameterAsSink(parameters, OUTPUT, context,
                                          fields_for(REGION_FIELDS), QgsWkbTypes.MultiPolygon,
                                          areas.crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        fields = fields_for(REGION_FIELDS)
        batch = []
        for r in range(k):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled: no output was written."))
            feas = bool(res.feasible[r])
            p = float(published[r])
            f = QgsFeature(fields)
            f.setAttributes([region_label(r, k), len(members[r]),
                             None if np.isnan(p) else int(round(p)), str(flags[r]), int(feas),
                             parent[members[r][0]] if parent is not None else None])
            f.setGeometry(_dissolve([areas.geometries[i] for i in members[r]]))
            batch.append(f)
            if len(batch) >= 1000:
                sink.addFeatures(batch, QgsFeatureSink.FastInsert)
                batch = []
                feedback.setProgress(75 + 20 * r / max(1, k))
        if batch:
            sink.addFeatures(batch, QgsFeatureSink.FastInsert)
        del sink
        return dest

    def _write_members(self, parameters, context, areas, res) -> Optional[str]:
        """Each area's region to OUTPUT_MEMBERS when it is asked for; its id."""
        k = len(res.population)
        msink, mdest = self.parameterAsSink(parameters, OUTPUT_MEMBERS, context,
                                            fields_for(MEMBER_FIELDS), QgsWkbTypes.NoGeometry,
                                            areas.crs)
        if msink is not None:
            mfields = fields_for(MEMBER_FIELDS)
            rows = []
            for i, r in enumerate(res.region.tolist()):
                f = QgsFeature(mfields)
                f.setAttributes([areas.ids[i], region_label(r, k), int(res.feasible[r])])
                rows.append(f)
            msink.addFeatures(rows, QgsFeatureSink.FastInsert)
            del msink
            return mdest
        return None

    def _summarise(self, res, rep, n: int, minimum: int, alike, feedback) -> None:
        """The merge's figures for the log."""
        k = len(res.population)
        feasible = int(rep["feasible_regions"])
        feedback.pushInfo(self.tr("{n} areas merged into {k} regions ({f} reach {m} "
                                  "residents, {i} do not).").format(
            n=n, k=k, f=feasible, m=minimum, i=rep["infeasible_regions"]))
        feedback.pushInfo(self.tr(
            "Regions reaching the minimum: {f} of at most {b} ({pct} % of the upper bound); "
            "the merging alone gave {c}, the split pass and local search {d:+d}.").format(
            f=feasible, b=res.upper_bound, c=res.constructed, d=feasible - res.constructed,
            pct=number(100.0 * feasible / res.upper_bound if res.upper_bound else 100.0, 1)))
        if res.mixing is not None:
            feedback.pushInfo(self.tr(
                "Mixing within regions: {x} of the variation of {fields} between areas lies "
                "within regions (0 = alike inside, 1 = no more alike than the whole layer); "
                "{moves} local-search moves.").format(
                x=number(res.mixing, 3), fields=", ".join(alike), moves=res.moves))


def _is_null(v: Any) -> bool:
    """A missing attribute value (None or QGIS NULL)."""
    return v is None or (hasattr(v, "isNull") and v.isNull())


def _dissolve(geoms: List[QgsGeometry]) -> Optional[QgsGeometry]:
    """Union of the member geometries as a valid multipolygon."""
    parts = [g for g in geoms if g is not None and not g.isNull() and not g.isEmpty()]
    if not parts:
        return None
    g = QgsGeometry.unaryUnion(parts) if len(parts) > 1 else QgsGeometry(parts[0])
    if not g.isGeosValid():
        g = g.makeValid()
    if QgsWkbTypes.flatType(g.wkbType()) == QgsWkbTypes.GeometryCollection:
        polys = [QgsGeometry(p.clone()) for p in g.constGet()
                 if QgsWkbTypes.geometryType(p.wkbType()) == QgsWkbTypes.PolygonGeometry]
        g = QgsGeometry.collectGeometry(polys)
    g.convertToMultiType()
    return g
