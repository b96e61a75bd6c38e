# SPDX-License-Identifier: GPL-2.0-or-later
"""Parameters and loading shared by the algorithms that read a person extract and areas."""
from typing import Dict, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
)

from boligsocial_plugin.core import discretion
from boligsocial_plugin.core.datamodel import COLUMNS
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.extract import Extract, blocking_message, prepare
from boligsocial_plugin.core.i18n import number, tr
from boligsocial_plugin.core.logfigures import about
from boligsocial_plugin.core.pipeline import OVERLAP_ALLOW, OVERLAP_REFUSE
from boligsocial_plugin.processing.base import advanced
from boligsocial_plugin.processing.params import (
    date_parameter,
    enum_parameter,
    with_help,
)
from boligsocial_plugin.qgis_io.layers import AreaSet, read_addresses, read_areas, read_person_layer

PERSONS, X_FIELD, Y_FIELD, PERSONS_CRS = "PERSONS", "X_FIELD", "Y_FIELD", "PERSONS_CRS"
ADDRESSES, ADDRESS_KEY_FIELD = "ADDRESSES", "ADDRESS_KEY_FIELD"
AREAS, AREA_ID_FIELD, AREA_NAME_FIELD = "AREAS", "AREA_ID_FIELD", "AREA_NAME_FIELD"
MIN_COUNT, MIN_RESIDENTS = "MIN_COUNT", "MIN_RESIDENTS"
PERTURBATION, PROTECTION_WIDTH = "PERTURBATION", "PROTECTION_WIDTH"
RELEASE_REGISTER, REGISTER_MODE = "RELEASE_REGISTER", "REGISTER_MODE"
AMOUNT_BUDGET = "AMOUNT_BUDGET"
PERTURBATION_ON, PERTURBATION_OFF = "on", "off"
REGISTER_RECORD, REGISTER_CHECK, REGISTER_OFF = "record", "check", "off"
REGISTER_SETTING = "boligsocial/release_register"
REF_DATE = "REF_DATE"
OVERLAPS = "OVERLAPS"
ROLE_PARAMS = {role: role.upper() + "_FIELD" for role in COLUMNS if role not in ("x", "y")}


def role_label(role: str) -> str:
    """Label of the field parameter choosing the extract's column for a role."""
    return {
        "person_id": tr("Column with the person key"),
        "ref_date": tr("Column with the reference date"),
        "address_id": tr("Column with the address id"),
        "age": tr("Column with the age"),
        "sex": tr("Column with the sex"),
        "nonwestern": tr("Column with non-western origin (0/1)"),
        "outside_fte": tr("Column with the share outside the labour market (0-1)"),
        "basic_edu": tr("Column with only basic schooling (0/1)"),
        "gross_income": tr("Column with the gross income"),
        "student": tr("Column with in education (0/1)"),
        "taxpayer": tr("Column with taxpayer (0/1)"),
        "convicted": tr("Column with convicted (0/1)"),
        "household_id": tr("Column with the household id"),
        "single_parent": tr("Column with single-parent household (0/1)"),
    }.get(role, role)


def role_help(role: str) -> str:
    """Help of a role's field parameter: what the column holds and how it is found."""
    column = COLUMNS[role]
    return tr("Leave empty to use the column named {name} or {alias} (any case). Choose a "
              "column here when the extract calls it something else.").format(
        name=column.name, alias=column.alias)


def add_person_parameters(alg, with_areas: bool = True) -> None:
    """PERSONS (+ x/y, CRS, address layer, per-role fields) and, optionally, AREAS."""
    p = QgsProcessingParameterFeatureSource(
        PERSONS, tr("Person extract (point layer or table)"), [QgsProcessing.TypeVector])
    p.setHelp(tr("One row per resident per reference date: a point layer, or a table (CSV, "
                 "GeoPackage) with x/y columns or an address id. A PostGIS layer is computed "
                 "in the database: only per-area figures come back, and for the release "
                 "register the persons' keys (never pseudonyms or values)."))
    alg.addParameter(p)
    alg.addParameter(advanced(with_help(QgsProcessingParameterField(
        X_FIELD, tr("X column (tables without geometry)"), "x", PERSONS, optional=True),
        tr("East coordinate of each person in the CRS below; only for tables without "
           "geometry."))))
    alg.addParameter(advanced(with_help(QgsProcessingParameterField(
        Y_FIELD, tr("Y column (tables without geometry)"), "y", PERSONS, optional=True),
        tr("North coordinate of each person in the CRS below; only for tables without "
           "geometry."))))
    alg.addParameter(advanced(with_help(QgsProcessingParameterCrs(
        PERSONS_CRS, tr("CRS of the x/y columns"), "EPSG:25832", optional=True),
        tr("Coordinate reference system of the x/y columns; default EPSG:25832 (ETRS89 / "
           "UTM zone 32N), the Danish standard."))))
    alg.addParameter(advanced(with_help(QgsProcessingParameterFeatureSource(
        ADDRESSES, tr("Address points (when the extract has address_id instead of x/y)"),
        [QgsProcessing.TypeVectorPoint], optional=True),
        tr("A point layer of addresses (e.g. DAR address points); each person is placed at "
           "the point whose key equals the extract's address_id."))))
    alg.addParameter(advanced(with_help(QgsProcessingParameterField(
        ADDRESS_KEY_FIELD, tr("Address key field of the address layer"), "address_id",
        ADDRESSES, optional=True),
        tr("The field of the address layer that holds the same key as the extract's "
           "address_id."))))
    for role, pname in ROLE_PARAMS.items():
        alg.addParameter(advanced(with_help(QgsProcessingParameterField(
            pname, role_label(role), None, PERSONS, optional=True), role_help(role))))
    if with_areas:
        add_area_parameters(alg)


def add_area_parameters(alg) -> None:
    """AREAS with id and name fields."""
    alg.addParameter(with_help(QgsProcessingParameterFeatureSource(
        AREAS, tr("Areas (polygons)"), [QgsProcessing.TypeVectorPolygon]),
        tr("The areas to compute for: housing areas, blocks, school districts, grid cells. "
           "Persons are counted in the area that contains them.")))
    alg.addParameter(with_help(QgsProcessingParameterField(
        AREA_ID_FIELD, tr("Area id field"), "area_id", AREAS),
        tr("A field that identifies each area (text or number); it is copied to area_id.")))
    alg.addParameter(with_help(QgsProcessingParameterField(
        AREA_NAME_FIELD, tr("Area name field"), "area_name", AREAS, optional=True),
        tr("Optional field with the areas' names; copied to area_name.")))


def add_ref_date_parameter(alg, name: str = REF_DATE, description: str = "",
                           help_text: str = "") -> None:
    """A reference date (calendar in the dialogs, YYYY-MM-DD on the command line)."""
    alg.addParameter(date_parameter(
        name, description or tr("Reference date (empty = every date)"),
        help_text or tr("Compute this reference date of the extract only. Empty computes "
                        "every date in the extract. On the command line: "
                        "REF_DATE=2025-01-01.")))


def add_discretion_parameters(alg) -> None:
    """DISCRETION_PRESET, MIN_COUNT and MIN_RESIDENTS."""
    labels = discretion.preset_labels()
    alg.addParameter(enum_parameter(
        "DISCRETION_PRESET", tr("Discretion preset (overrides the two numbers below)"),
        [(name, labels.get(name, name)) for name in discretion.PRESETS], optional=True,
        help_text=tr("Rules used in practice: default (counts below 5 hidden, areas below 50 "
                     "residents hidden), aarhus (below 5), sok (areas below 50), "
                     "frederiksberg (areas below 250), dst (below 3, Statistics Denmark). "
                     "Empty: the two numbers below.")))
    p = QgsProcessingParameterNumber(MIN_COUNT, tr("Smallest published count"),
                                     QgsProcessingParameterNumber.Integer, 5, minValue=1)
    p.setHelp(tr("Counts below this are never published (NULL and flag P)."))
    alg.addParameter(p)
    alg.addParameter(with_help(QgsProcessingParameterNumber(
        MIN_RESIDENTS, tr("Smallest area published (residents)"),
        QgsProcessingParameterNumber.Integer, 50, minValue=0),
        tr("An area with fewer residents shows no figures at all (flag A); 0 publishes "
           "every area.")))


def add_protection_parameters(alg, register: bool = True, amounts: bool = True) -> None:
    """PERTURBATION, PROTECTION_WIDTH, the release register (``register``) and, for outputs
    with sums of amounts from person rows (``amounts``), AMOUNT_BUDGET.

    See README "Discretion": the perturbation, the attacker's interval audit and the register
    of earlier releases protect a release against subtraction from other outputs.
    """
    p = enum_parameter(
        PERTURBATION, tr("Perturbation of published figures"),
        [(PERTURBATION_ON, tr("On: small keyed changes (for publishing)")),
         (PERTURBATION_OFF, tr("Off: exact values (for checks)"))], default=PERTURBATION_ON,
        help_text=tr(
            "on: every published count moves by at most ±2 (sums of full-time persons by "
            "at most ±2, amounts by a smooth random change of about the largest "
            "contribution, up or down, never below 0), "
            "the same way for the same persons and values in every run, so differences "
            "between outputs and averages of repeated outputs reveal no one. off: exact "
            "values (for checks; every suppression rule still applies)."))
    alg.addParameter(p)
    p = QgsProcessingParameterNumber(
        PROTECTION_WIDTH, tr("Protection width (empty = smallest published count)"),
        QgsProcessingParameterNumber.Double, None, optional=True, minValue=0.0)
    p.setHelp(tr("A hidden small count must stay uncertain by at least this much for an "
                 "attacker who knows the published figures, that counts are never negative and "
                 "never above their totals."))
    alg.addParameter(advanced(p))
    if not register:
        return
    p = enum_parameter(
        REGISTER_MODE, tr("Earlier releases"),
        [(REGISTER_RECORD, tr("Protect against them and record this release")),
         (REGISTER_CHECK, tr("Protect against them, do not record (draft)")),
         (REGISTER_OFF, tr("Ignore earlier releases"))], default=REGISTER_RECORD,
        help_text=tr(
            "record: protect against what was published before (the release register) "
            "and record this output there; check: protect against earlier releases but do "
            "not record this one (a draft); off: ignore earlier releases."))
    alg.addParameter(advanced(p))
    p = QgsProcessingParameterFile(
        RELEASE_REGISTER, tr("Release register (folder; empty = the QGIS profile's)"),
        QgsProcessingParameterFile.Folder, optional=True)
    p.setHelp(tr("A folder holding what earlier releases published (persons' keys per area and "
                 "date; for tables, keyed hashes of their totals and rows; no figures). Share "
                 "one folder between colleagues who publish from the same data; keep it as "
                 "protected as the person extract."))
    alg.addParameter(advanced(p))
    if not amounts:
        return
    from boligsocial_plugin.core.discretion.budget import DEFAULT_AMOUNT_BUDGET

    p = QgsProcessingParameterNumber(
        AMOUNT_BUDGET, tr("Geographies per date that may show a person's income (0 = no limit)"),
        QgsProcessingParameterNumber.Integer, DEFAULT_AMOUNT_BUDGET, optional=True, minValue=0)
    p.setHelp(tr("With the perturbation the noise of an income sum is proportional to its "
                 "largest income, so each more geography of one date showing a top earner's "
                 "income (the areas, then their districts) is one more noisy copy of it. An "
                 "attacker who subtracts last year's figures gets his income within ±10 % in "
                 "8 % of cases from one geography, 15 % from two, 19 % from three, 33 % from "
                 "eight. Rows that would show a person's income in more geographies of the "
                 "date hide their income sums (flag S)."))
    alg.addParameter(advanced(p))


def register_folder(alg, parameters, context) -> str:
    """The release register folder in effect (parameter, environment, setting, profile)."""
    import os

    from qgis.core import QgsApplication, QgsSettings

    given = alg.parameterAsFile(parameters, RELEASE_REGISTER, context) \
        if RELEASE_REGISTER in parameters else ""
    return given or os.environ.get("BOLIGSOCIAL_RELEASE_REGISTER", "") or \
        QgsSettings().value(REGISTER_SETTING, "") or \
        os.path.join(QgsApplication.qgisSettingsDirPath(), "boligsocial", "releases")


def publication(alg, parameters, context, rules: discretion.Rules):
    """(Publication, register to record in or None) from the protection parameters."""
    from boligsocial_plugin.core.discretion.perturbation import OFF, Perturbation
    from boligsocial_plugin.core.discretion.register import Register
    from boligsocial_plugin.core.pipeline import Publication

    pert = alg.parameterAsEnumString(parameters, PERTURBATION, context) or PERTURBATION_ON
    width = parameters.get(PROTECTION_WIDTH)
    width = None if width in (None, "") else alg.parameterAsDouble(parameters, PROTECTION_WIDTH,
                                                                    context)
    mode = alg.parameterAsEnumString(parameters, REGISTER_MODE, context) or REGISTER_RECORD \
        if REGISTER_MODE in [d.name() for d in alg.parameterDefinitions()] else REGISTER_OFF
    register = Register(register_folder(alg, parameters, context)) \
        if mode != REGISTER_OFF else None
    pub = Publication(rules, Perturbation() if pert == PERTURBATION_ON else OFF, width, register)
    if AMOUNT_BUDGET in [d.name() for d in alg.parameterDefinitions()] and \
            parameters.get(AMOUNT_BUDGET) not in (None, ""):
        pub.amount_budget = alg.parameterAsInt(parameters, AMOUNT_BUDGET, context)
    return pub, (register if mode == REGISTER_RECORD else None)


#: the fewest figures the log gives a mean difference from the exact values for
MIN_ACCURACY_FIGURES = 100


def log_join(feedback, stats, release=None, extra: Sequence[str] = ()) -> None:
    """The join's report lines in the log, with the run's totals as ``release`` (a
    core.pipeline.ProtectedRelease; None: not published) publishes them: the log is
    shareable and never shows an exact count the outputs protect (README "Text and logs")."""
    totals = release.result.totals if release is not None else None
    min_count = release.rules.min_count if release is not None else \
        discretion.Rules().min_count
    for line in list(stats.lines(totals, min_count)) + list(extra):
        feedback.pushInfo(line)


def report_protection(alg, release, record_in, dest: str, feedback) -> None:
    """Log what the protection did, and record the release (after the output was written).

    ``release`` is a core.pipeline.ProtectedRelease; ``record_in`` the register to record in
    (None: not recorded).
    """
    rep = release.result.report
    rules = release.rules
    feedback.pushInfo(tr("Discretion: smallest published count {c}, smallest area {r} "
                         "residents; {p} primary, {s} secondary, {a} area suppressions.").format(
        c=rules.min_count, r=rules.min_residents, p=rep["primary"], s=rep["secondary"],
        a=rep["area"]))
    iv = rep["interval_audit"]
    feedback.pushInfo(tr("Attacker's audit passed: no hidden figure can be computed, none is "
                         "narrowed below {w} ({n} checked).").format(w=iv["protection_width"],
                                                                      n=iv["checked"]))
    if iv.get("narrowest_primary") is not None:
        feedback.pushInfo(tr("The narrowest interval an attacker can give a hidden small count "
                             "is {x} wide (required: {w}).").format(
            x=number(iv["narrowest_primary"], 1) if iv["narrowest_primary"] < 1e9
            else tr("unlimited"), w=number(iv["protection_width"], 1)))
    if rep.get("hidden_for_groups"):
        feedback.pushInfo(tr("{n} indicators hidden so that no small group the user-defined "
                             "indicators tell apart can be recovered.").format(
            n=rep["hidden_for_groups"]))
    if rep.get("hidden_for_crossing"):
        feedback.pushInfo(tr("{n} figures hidden (P) because the same count is below the "
                             "threshold at another date (of this or another area) and fewer "
                             "persons away than the protection width.").format(
                                 n=rep["hidden_for_crossing"]))
    links = rep["links"]
    if links["equal"] or links["near"] or links["sum"] or rep.get("dates_hidden_for_change"):
        feedback.pushInfo(tr("Linked to other dates and earlier releases: {e} equal, {n} nearly "
                             "equal, {s} nested populations; {d} dates hidden because too few "
                             "persons changed.").format(e=links["equal"], n=links["near"],
                                                        s=links["sum"],
                                                        d=rep.get("dates_hidden_for_change", 0)))
    # not the run's mean absolute change: over a few counts it tells how far each is from its
    # exact value (0.0: every published count is exact)
    feedback.pushInfo(tr("Perturbation: {how}.").format(how=rep["perturbation"]))
    carry = rep.get("carry")
    if carry:
        feedback.pushInfo(tr("Carry rule: {c} of {n} figures repeat an earlier snapshot's value "
                             "because fewer than {m} of their persons changed since; {h} kept "
                             "hidden for the same reason; {r} as earlier releases showed them "
                             "(field figures_as_of); the carry rule took {s} s.").format(
            c=carry["carried"], n=carry["cells"], m=carry["min_count"], h=carry["kept_hidden"],
            r=carry["from_register"], s=carry["seconds"]))
        acc = carry.get("accuracy")
        # over a few figures the mean difference from the exact values tells how far each
        # published figure is from its exact value: only from MIN_ACCURACY_FIGURES on
        if acc and carry["cells"] >= MIN_ACCURACY_FIGURES:
            feedback.pushInfo(tr("Mean absolute difference from the exact values without and "
                                 "with the carry rule: counts {c0} and {c1}, shares {s0} and "
                                 "{s1} percentage points, means {m0} % and {m1} %.").format(
                c0=acc["counts"][0], c1=acc["counts"][1], s0=acc["shares_pp"][0],
                s1=acc["shares_pp"][1], m0=acc["means_pct"][0], m1=acc["means_pct"][1]))
    for w in rep.get("warnings", []):
        feedback.pushWarning(w)
    hidden_totals = [k for k, v in release.result.totals.items() if v is None]
    if hidden_totals:
        feedback.pushInfo(tr("Not published as outputs (with the areas' residents they would "
                             "reveal a hidden small count): {names}.").format(
            names=", ".join(hidden_totals)))
    if record_in is not None:
        rid = release.record(record_in, alg.name(), dest)
        feedback.pushInfo(tr("Recorded in the release register {path} as {id}.").format(
            path=record_in.folder, id=rid))


def record_run(alg, dest: str, parameters, context, rules: discretion.Rules, db=None,
               **info) -> None:
    """Record with a GeoPackage output what made it (qgis_io.runinfo; for exportresults):
    the algorithm, where the persons came from (never credentials), the discretion rules."""
    from dataclasses import asdict

    from boligsocial_plugin.plugin import plugin_version
    from boligsocial_plugin.qgis_io.runinfo import write_run_info

    if db is not None:
        source = db.describe()
    else:
        layer = alg.parameterAsVectorLayer(parameters, PERSONS, context)
        source = layer.source() if layer is not None else ""
    write_run_info(dest, dict(info, algorithm="boligsocial:" + alg.name(), source=source,
                              plugin_version=plugin_version(), rules=asdict(rules)))


def add_overlaps_parameter(alg) -> None:
    """OVERLAPS (advanced): refuse overlapping areas, or count a person in each."""
    p = enum_parameter(OVERLAPS, tr("Overlapping areas"),
                       [(OVERLAP_REFUSE, tr("Refuse (stop and name them)")),
                        (OVERLAP_ALLOW, tr("Allow (count a person in each area)"))],
                       default=OVERLAP_REFUSE,
                       help_text=tr("refuse: stop with a message naming the overlapping "
                                    "areas; allow: count a person in every area that "
                                    "contains it (reported)."))
    alg.addParameter(advanced(p))


def overlaps(alg, parameters, context) -> str:
    """The OVERLAPS choice (refuse when not given)."""
    return alg.parameterAsEnumString(parameters, OVERLAPS, context) or OVERLAP_REFUSE


def discretion_rules(alg, parameters, context) -> discretion.Rules:
    """Rules from the preset or the two numbers."""
    if parameters.get("DISCRETION_PRESET"):
        name = alg.parameterAsEnumString(parameters, "DISCRETION_PRESET", context)
        if name:
            return discretion.PRESETS[name]
    return discretion.Rules(
        min_count=alg.parameterAsInt(parameters, MIN_COUNT, context),
        min_residents=alg.parameterAsInt(parameters, MIN_RESIDENTS, context))


def load_persons(alg, parameters, context, feedback, needs_location: bool = True,
                 extra: Tuple[str, ...] = ()) -> Tuple[Extract, np.ndarray, np.ndarray,
                                                       QgsCoordinateReferenceSystem]:
    """Read and prepare the extract; coordinates from geometry, x/y columns or addresses.

    ``extra``: further columns to keep (used by user-defined indicators).
    """
    source = alg.parameterAsSource(parameters, PERSONS, context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, PERSONS))
    layer = alg.parameterAsVectorLayer(parameters, PERSONS, context)
    default_crs = alg.parameterAsCrs(parameters, PERSONS_CRS, context)
    if not default_crs.isValid():
        default_crs = QgsCoordinateReferenceSystem("EPSG:25832")
    explicit: Dict[str, str] = {}
    for role, pname in ROLE_PARAMS.items():
        v = alg.parameterAsString(parameters, pname, context)
        if v:
            explicit[role] = v
    xf = alg.parameterAsString(parameters, X_FIELD, context) or "x"
    yf = alg.parameterAsString(parameters, Y_FIELD, context) or "y"
    table = read_person_layer(parameters, PERSONS, context, feedback, layer, source, default_crs,
                              explicit, tuple(extra), (xf, yf))
    frame = table.columns
    has_geom = table.x is not None
    if has_geom:
        if not table.xy_in_frame:
            frame = frame.drop([c for c in frame.columns if c.lower() in ("x", "y")])
            frame = frame.with_column("x", table.x).with_column("y", table.y)
        explicit.pop("x", None)
        explicit.pop("y", None)
    else:
        lower = {c.lower(): c for c in frame.columns}
        for want, canon in ((xf, "x"), (yf, "y")):
            actual = lower.get(want.lower())
            if actual is not None:
                explicit[canon] = actual
    ext = prepare(frame, explicit, has_geometry=has_geom, needs_location=needs_location,
                  extra_columns=extra)
    data = ext.data
    n = len(data)
    x = data["x"].to_numpy(dtype=float) if "x" in data else np.full(n, np.nan)
    y = data["y"].to_numpy(dtype=float) if "y" in data else np.full(n, np.nan)
    crs = table.crs
    addr = alg.parameterAsSource(parameters, ADDRESSES, context)
    if "address_id" in data and addr is not None and (np.isnan(x).all() or not has_geom):
        key = alg.parameterAsString(parameters, ADDRESS_KEY_FIELD, context) or "address_id"
        keys, ax, ay = read_addresses(addr, key, crs, context)
        cat = data["address_id"].cat
        pos_u = pd.Index(keys).get_indexer(cat.categories.str.lower())
        codes = cat.codes.to_numpy()
        pos = np.where(codes >= 0, pos_u[np.maximum(codes, 0)] if len(pos_u) else -1, -1)
        found = pos >= 0
        use = np.isnan(x) & found
        x = np.where(use, ax[np.maximum(pos, 0)], x)
        y = np.where(use, ay[np.maximum(pos, 0)], y)
        unknown = int((~found & data["address_id"].notna().to_numpy()).sum())
        if unknown:
            feedback.pushWarning(tr("{n} rows have an address id that is not in the address "
                                    "layer; they are counted as without location.").format(
                n=about(unknown, discretion.Rules().min_count)))
    elif "address_id" in data and addr is None and not has_geom and \
            not {"x", "y"} <= set(data.columns):
        raise BoligsocialError(tr("The extract locates persons by address_id: choose the "
                                  "address point layer in 'Address points'."))
    feedback.pushInfo(tr("Read {n} person rows ({how}).").format(
        n=about(n, discretion.Rules().min_count), how=table.how))
    return ext, x, y, crs


def require_no_blocking(ext: Extract, feedback) -> None:
    """Refuse an extract with blocking problems; report the others."""
    require_no_blocking_problems(ext.problems, feedback)


def require_no_blocking_problems(problems, feedback) -> None:
    """Refuse when a problem is blocking; report the others."""
    for p in problems:
        if p.severity != "blocking":
            feedback.pushWarning(p.shared_message(discretion.Rules().min_count))
    if any(p.severity == "blocking" for p in problems):
        raise BoligsocialError(blocking_message(problems))


def database_persons(alg, parameters, context, feedback, extra: Tuple[str, ...] = (),
                     checks: bool = True, ignore: Tuple[str, ...] = ()):
    """The person extract as a PostGIS table computed in the database (README "Databases"),
    or None when PERSONS is not a PostGIS layer. With ``checks`` its checks run alongside and
    the run refuses blocking problems as for a file (``ignore``: problem codes the algorithm
    checks itself)."""
    from boligsocial_plugin.qgis_io.postgis import PostgisPersons, is_postgis, selected_ids

    layer = alg.parameterAsVectorLayer(parameters, PERSONS, context)
    if not is_postgis(layer):
        return None
    default_crs = alg.parameterAsCrs(parameters, PERSONS_CRS, context)
    if not default_crs.isValid():
        default_crs = QgsCoordinateReferenceSystem("EPSG:25832")
    explicit = {role: v for role, pname in ROLE_PARAMS.items()
                for v in [alg.parameterAsString(parameters, pname, context)] if v}
    xy = (alg.parameterAsString(parameters, X_FIELD, context) or "x",
          alg.parameterAsString(parameters, Y_FIELD, context) or "y")
    persons = PostgisPersons(layer, explicit, xy, default_crs, extra,
                             selected_ids(parameters, PERSONS, layer))
    feedback.pushInfo(tr("The person extract is a database table ({where}): the join and the "
                         "aggregation run in the database; only per-area figures come back, "
                         "and for the release register the persons' keys (never pseudonyms "
                         "or values).").format(where=persons.describe()))
    if checks:  # counted while the computation runs (finish_checks)
        persons.start_checks(feedback, ignore=ignore)
    return persons


def uses_register(alg, parameters, context) -> bool:
    """Whether the run checks against (or records in) the release register."""
    if REGISTER_MODE not in [d.name() for d in alg.parameterDefinitions()]:
        return False
    return (alg.parameterAsEnumString(parameters, REGISTER_MODE, context) or
            REGISTER_RECORD) != REGISTER_OFF


def load_areas(alg, parameters, context, feedback,
               join_crs: QgsCoordinateReferenceSystem,
               keep_fields: Tuple[str, ...] = ()) -> AreaSet:
    """Read areas with their rings in the persons' CRS."""
    source = alg.parameterAsSource(parameters, AREAS, context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, AREAS))
    id_field = alg.parameterAsString(parameters, AREA_ID_FIELD, context) or "area_id"
    name_field: Optional[str] = alg.parameterAsString(parameters, AREA_NAME_FIELD, context)
    if name_field and source.fields().lookupField(name_field) < 0:
        name_field = None if parameters.get(AREA_NAME_FIELD) in (None, "", "area_name") \
            else name_field
    areas = read_areas(source, id_field, name_field, join_crs, context, feedback, keep_fields)
    if areas.repaired:
        feedback.pushWarning(tr("{n} invalid area geometries were repaired (make valid).").format(
            n=areas.repaired))
    if areas.empty:
        feedback.pushWarning(tr("{n} areas have no geometry; they get no residents.").format(
            n=areas.empty))
    return areas
