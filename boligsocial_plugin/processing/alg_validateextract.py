# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:validateextract: report every problem of a person extract."""
from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core.extract import problems_frame, verdict
from boligsocial_plugin.processing import common
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm
from boligsocial_plugin.processing.params import with_help
from boligsocial_plugin.qgis_io.writer import fields_for, write_frame

OUTPUT = "OUTPUT"
TYPES = [("severity", QVariant.String), ("problem", QVariant.String),
         ("column", QVariant.String), ("count", QVariant.LongLong),
         ("example_rows", QVariant.String), ("message", QVariant.String)]


class ValidateExtract(BoligsocialAlgorithm):
    """Check a person extract against the data model."""

    ALG_ID = "validateextract"
    DISPLAY = N_("Validate person extract")
    TAGS = N_("validate,check,extract,data model,kontrol,udtræk")
    HELP = N_(
        "Checks a person extract against the data model (README, 'Data model') and reports every "
        "problem as a table with a count and example row numbers (1 = first data row): missing "
        "or duplicate columns, values of the wrong type, out-of-range values (age outside "
        "0-125, outside_fte outside 0..1, codes other than 0/1), unknown sex codes, duplicate "
        "person keys within a reference date, CPR-shaped keys, rows without location and "
        "columns that look like direct identifiers.<br>"
        "Severity 'blocking' stops 'Compute indicators'; 'warning' is counted and reported. "
        "The verdict is ok, warnings or blocking. No person-level values are written: the "
        "table holds counts and row numbers only. A PostGIS table is checked in the database "
        "(the same problems and counts, without example rows).")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters: the person extract (and its field choices)."""
        common.add_person_parameters(self, with_areas=False)
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            OUTPUT, self.tr("Problems"), QgsProcessing.TypeVector),
            self.tr("A table with one row per problem: severity, problem, column, count, "
                    "example row numbers and a message. No person-level values.")))
        self.addOutput(QgsProcessingOutputString("VERDICT", self.tr("Verdict")))
        self.addOutput(QgsProcessingOutputNumber("BLOCKING", self.tr("Blocking problems")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", self.tr("Warnings")))
        self.addOutput(QgsProcessingOutputNumber("ROWS", self.tr("Rows read")))

    def process(self, parameters, context, feedback):
        """Read and check; never raises for problems in the data itself."""
        db = common.database_persons(self, parameters, context, feedback, checks=False)
        if db is not None:  # counted in the database, without example rows (README)
            problems = db.check(feedback=feedback)
            rows = int(db.rows or 0)
            feedback.pushInfo(self.tr("Read {n} person rows ({how}).").format(n=rows,
                                                                             how="postgis"))
        else:
            ext, _x, _y, _crs = common.load_persons(self, parameters, context, feedback)
            problems, rows = ext.problems, len(ext.data)
        frame = problems_frame(problems)
        sink, dest = self.parameterAsSink(parameters, OUTPUT, context, fields_for(TYPES),
                                          QgsWkbTypes.NoGeometry)
        write_frame(sink, frame, TYPES, None, feedback, dest=dest)
        del sink
        v = verdict(problems)
        labels = {"ok": self.tr("OK: no problems found."),
                  "warnings": self.tr("Usable, with warnings (see the table)."),
                  "blocking": self.tr("Blocking problems: fix them before computing "
                                      "indicators.")}
        feedback.pushInfo(labels[v])
        for p in problems:
            feedback.pushInfo("[{}] {}".format(p.severity, p.message))
        n_block = sum(1 for p in problems if p.severity == "blocking")
        n_warn = sum(1 for p in problems if p.severity == "warning")
        return {OUTPUT: dest, "VERDICT": v, "BLOCKING": n_block, "WARNINGS": n_warn,
                "ROWS": rows}
