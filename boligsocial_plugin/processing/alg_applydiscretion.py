# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:applydiscretion: any aggregated count table -> same table with suppression.

What a count cell may hold, the check before writing and the report: core/count_tables.py.
"""
from dataclasses import asdict, replace
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core import count_tables, discretion
from boligsocial_plugin.core.discretion.perturbation import OFF
from boligsocial_plugin.core.discretion.register import Register
from boligsocial_plugin.core.discretion.table_register import (
    TableSignatures,
    check_table,
    record_table,
    refusal,
    table_signatures,
)
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.pseudonym import has_cpr
from boligsocial_plugin.maps.styling import style_output
from boligsocial_plugin.processing import common
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm, advanced
from boligsocial_plugin.processing.params import enum_parameter, with_help
from boligsocial_plugin.qgis_io.values import plain
from boligsocial_plugin.qgis_io.writer import FeatureWriter

INPUT, COUNT_FIELDS, TOTAL_FIELD = "INPUT", "COUNT_FIELDS", "TOTAL_FIELD"
PARENT_FIELD, ID_FIELD = "PARENT_FIELD", "ID_FIELD"
CATEGORIES_EXHAUSTIVE = "CATEGORIES_EXHAUSTIVE"
ROUND_BASE, ROUND_KEY_FILE = "ROUND_BASE", "ROUND_KEY_FILE"
OUTPUT, OUTPUT_REPORT = "OUTPUT", "OUTPUT_REPORT"
EXHAUSTIVE_OPTIONS = list(count_tables.EXHAUSTIVE)
class ApplyDiscretion(BoligsocialAlgorithm):
    """Primary and secondary suppression of any aggregated count table, with an audit."""

    ALG_ID = "applydiscretion"
    DISPLAY = N_("Apply discretion to a table")
    GROUP_ID = "discretion"
    GROUP = N_("Discretion")
    TAGS = N_("discretion,suppression,confidentiality,disclosure,audit,rounding,"
              "diskretion,fortrolighed,diskretionering,Danmarks Statistik")
    HELP = N_(
        "Applies statistical discretion to any aggregated table or layer with count columns "
        "(one of ours, or one from Statistics Denmark or Landsbyggefonden) and checks the "
        "result. Publishing is allowed only for aggregates from which no person can be "
        "inferred (persondataloven § 10 and the security order § 19; today the GDPR).<br><br>"
        "<b>Rules</b> (flags in &lt;column&gt;_flag: '' published, P primary, S secondary, "
        "A area minimum; hidden values are NULL, never 0):<br>"
        "&bull; <i>Frequency</i>: counts below the smallest published count are hidden "
        "(Aarhus: fewer than 5; Statistics Denmark: at least 3 per cell; the health-data "
        "research service: at least 5).<br>"
        "&bull; <i>Complement</i>: a count is hidden when the total minus the count is below "
        "the threshold too (\"N &minus; k small\": it tells about almost everybody).<br>"
        "&bull; <i>Zeros</i>: a 0 in a non-empty row is hidden (a 0 % or 100 % group tells "
        "every member's attribute); an empty row (total 0) is published.<br>"
        "&bull; <i>Area minimum</i>: a row whose total is below the smallest area shows its "
        "total only (flag A; Copenhagen SØK 50 residents, Frederiksberg 250).<br>"
        "&bull; <i>Secondary suppression</i>: a hidden cell must not be recoverable by "
        "subtraction from the total, from the other categories or from a parent area; more "
        "cells (smallest first, the total last) are hidden until an exact linear-algebra "
        "audit proves that no hidden cell can be computed. The tool never writes a table "
        "its audit rejects.<br>"
        "&bull; <i>The attacker's audit</i>: each hidden cell's interval is computed by linear "
        "programming from the published cells, the relations and what an attacker knows "
        "anyway (counts are never negative and never above their total). The table passes "
        "only if no hidden cell is pinned to one value and every primary cell stays at least "
        "the protection width (default: the smallest published count) uncertain; the report "
        "lists the intervals. A row whose counts do not fit its total, or a parent whose "
        "sub-areas do not add up to its row, is reported and refused.<br>"
        "&bull; <i>Perturbation</i> (default on): every published count moves by at most "
        "&plusmn;2 with cell-key noise keyed on the row id and the column with a secret "
        "(noise_secret.key, created once in the release register folder: keep it with the "
        "data), the same way in every release, so a table published again cannot be averaged "
        "and nobody without the secret can remove the noise; off gives exact counts (every "
        "suppression rule still applies).<br>"
        "&bull; <i>Earlier releases</i>: a district minus its published blocks is the small "
        "block. A table has no persons, but tables whose columns add up to the same totals "
        "count the same population; the release register keeps keyed hashes of each "
        "table's totals and rows (never a figure) and refuses a table that would be a "
        "population's ninth grouping (the overlap budget; the same table again is a "
        "repeat), and with exact values a second grouping (publish both in one table with "
        "a parent field instead). The message names the earlier releases. Publish whole "
        "groupings: a table of one district alone is not recognised.<br>"
        "&bull; <i>Keyed rounding</i> (advanced, instead of the perturbation): published "
        "counts rounded to multiples of a base with a secret key (the same cell always "
        "rounds the same way).<br><br>"
        "<b>Presets</b>: default (&lt;5 hidden, areas &ge;50), aarhus (&lt;5), sok (areas "
        "&ge;50), frederiksberg (areas &ge;250), dst (&lt;3). A preset overrides the two "
        "numbers.<br><br>"
        "<b>Columns</b>: count fields are the categories; the total field (optional) is the "
        "row total (e.g. residents). If the categories do not add up to the total, the "
        "unpublished rest is protected too ('Categories add up to the total': auto detects "
        "it). A parent field groups rows (e.g. areas in a district): the group's sums count "
        "as published; with the id field, a row whose id equals a parent value is that "
        "parent's own row. Count values must be whole numbers of 0 or more; empty cells and "
        "'..' are taken as already suppressed by the source (flag P). The audit report "
        "(JSON or HTML) lists the rules, the hidden cells and the audit result; the key "
        "is never written.")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters."""
        p = QgsProcessingParameterFeatureSource(INPUT, self.tr("Aggregated table or layer"),
                                                [QgsProcessing.TypeVector])
        p.setHelp(self.tr("Any table with count columns, with or without geometry."))
        self.addParameter(p)
        p = QgsProcessingParameterField(COUNT_FIELDS, self.tr("Count fields (categories)"),
                                        None, INPUT, QgsProcessingParameterField.Any,
                                        allowMultiple=True)
        p.setHelp(self.tr("Whole numbers of persons. Text columns of numbers (CSV) are "
                          "accepted."))
        self.addParameter(p)
        self.addParameter(with_help(QgsProcessingParameterField(
            TOTAL_FIELD, self.tr("Total field (row total, e.g. residents)"), None, INPUT,
            QgsProcessingParameterField.Any, optional=True),
            self.tr("The row's total; a hidden category must not be recoverable from it. "
                    "Rows whose total is below the smallest area show the total only.")))
        self.addParameter(with_help(QgsProcessingParameterField(
            PARENT_FIELD, self.tr("Parent field (e.g. district)"), None, INPUT,
            optional=True),
            self.tr("Groups rows (e.g. areas in a district): the group's sums count as "
                    "published, so a hidden cell is also protected against them.")))
        p = QgsProcessingParameterField(ID_FIELD, self.tr("Row id field"), None, INPUT,
                                        optional=True)
        p.setHelp(self.tr("The row id; lets a parent's own row be found (its id equals the "
                          "parent value) and keys the rounding."))
        self.addParameter(p)
        self.addParameter(enum_parameter(
            CATEGORIES_EXHAUSTIVE, self.tr("Categories add up to the total"),
            [("auto", self.tr("Find out from the data")),
             ("yes", self.tr("Yes: the counts add up to the total")),
             ("no", self.tr("No: there is an unpublished rest"))], default="auto",
            help_text=self.tr("auto: yes when every row's counts add up to its total; no: "
                              "there is an unpublished rest, which is protected too.")))
        common.add_discretion_parameters(self)
        common.add_protection_parameters(self, amounts=False)
        p = QgsProcessingParameterNumber(ROUND_BASE, self.tr(
            "Keyed rounding base (0 = off)"), QgsProcessingParameterNumber.Integer, 0,
            minValue=0)
        p.setHelp(self.tr("Published counts are rounded to multiples of this base (e.g. 3 or "
                          "5), the same way in every release with the same key."))
        self.addParameter(advanced(p))
        p = QgsProcessingParameterFile(ROUND_KEY_FILE, self.tr("Rounding key file (secret)"),
                                       optional=True)
        p.setHelp(self.tr("A file holding a secret of at least 16 bytes. Keep it: the same "
                          "key gives the same rounding in every release."))
        self.addParameter(advanced(p))
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            OUTPUT, self.tr("Protected table"), QgsProcessing.TypeVector),
            self.tr("The input rows with protected counts (hidden ones NULL) and a _flag "
                    "column per count; polygons are styled by the first count.")))
        self.addParameter(with_help(QgsProcessingParameterFileDestination(
            OUTPUT_REPORT, self.tr("Audit report"), self.tr("JSON (*.json)"),
            optional=True, createByDefault=False),
            self.tr("The rules, the hidden cells and the audit result as JSON; a file ending "
                    "in .html gets the same as a web page. The key is never written.")))
        for name, label in (("PRIMARY", N_("Cells hidden by a primary rule")),
                            ("SECONDARY", N_("Cells hidden by secondary suppression")),
                            ("AREA", N_("Cells hidden by the area minimum"))):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))
        self.addOutput(QgsProcessingOutputString("AUDIT", self.tr("Audit result")))

    def _fields(self, parameters, context, fields: QgsFields) -> Tuple[List[str], str, str, str]:
        counts = self.parameterAsFields(parameters, COUNT_FIELDS, context)
        total = self.parameterAsString(parameters, TOTAL_FIELD, context)
        parent = self.parameterAsString(parameters, PARENT_FIELD, context)
        id_field = self.parameterAsString(parameters, ID_FIELD, context)
        if not counts:
            raise BoligsocialError(self.tr("Choose at least one count field."))
        for f in counts + [x for x in (total, parent, id_field) if x]:
            if fields.lookupField(f) < 0:
                raise BoligsocialError(self.tr("The input has no field '{f}'; choose an "
                                               "existing field.").format(f=f))
        if total and total in counts:
            raise BoligsocialError(self.tr("The total field '{f}' is also chosen as a count "
                                           "field; choose it only as the total.").format(f=total))
        if len(set(counts)) != len(counts):
            raise BoligsocialError(self.tr("A count field is chosen twice."))
        for f in counts + ([total] if total else []):
            fld = fields.field(fields.lookupField(f))
            if not (fld.isNumeric() or fld.type() == QVariant.String):
                raise BoligsocialError(self.tr(
                    "The count field '{f}' is of type {t}, not a number. Choose numeric "
                    "fields.").format(f=f, t=fld.typeName()))
        return counts, total, parent, id_field

    def process(self, parameters, context, feedback) -> Dict[str, Any]:
        """Read, check, protect, audit, write."""
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, INPUT))
        in_fields = source.fields()
        counts, total, parent, id_field = self._fields(parameters, context, in_fields)
        rules = common.discretion_rules(self, parameters, context)
        pub, record_in = common.publication(self, parameters, context, rules)
        exh = self.parameterAsEnumString(parameters, CATEGORIES_EXHAUSTIVE, context) or "auto"
        base = self.parameterAsInt(parameters, ROUND_BASE, context)
        key: Optional[bytes] = None
        if base > 1:
            key = count_tables.read_key(self.parameterAsFile(parameters, ROUND_KEY_FILE,
                                                             context))
        feedback.setProgressText(self.tr("Reading the table"))
        feats = self._read(source, feedback)
        cols = counts + ([total] if total else [])
        self._refuse_person_level(feats, in_fields, cols)
        frame = self._frame(feats, in_fields, cols, (parent, id_field))
        feedback.setProgressText(self.tr("Applying discretion to {n} rows").format(
            n=len(frame)))
        feedback.setProgress(25)
        pert = pub.perturbation if base <= 1 else OFF
        if pert.enabled:  # the table's noise key: a secret kept in the register folder
            pert = replace(pert, secret=Register(common.register_folder(
                self, parameters, context)).secret())
        sig = self._check_earlier(pub, frame, counts, total, parent, id_field,
                                  exact=base <= 1 and not pert.enabled)
        out, report = discretion.protect_table(
            frame, counts, total or None, parent or None, rules, id_field=id_field or None,
            categories_exhaustive=count_tables.EXHAUSTIVE[exh],
            round_base=base if base > 1 else 0, round_key=key, width=pub.width,
            perturbation=pert)
        if report.get("audit") != "passed":
            raise BoligsocialError(self.tr(
                "The discretion audit failed: some hidden cells could still be computed. "
                "Nothing was written; please report this with the log."))
        count_tables.verify(out, frame, cols, total or None, rules)
        feedback.setProgress(70)
        lines = count_tables.report_lines(report)
        for line in lines:
            feedback.pushInfo(line)
        for w in report["warnings"]:
            feedback.pushWarning(w)
        report = dict(report)
        report.update({"algorithm": "boligsocial:" + self.ALG_ID, "rows": len(frame),
                       "count_fields": counts, "total_field": total or None,
                       "parent_field": parent or None, "id_field": id_field or None,
                       "categories_exhaustive": exh,
                       "preset": self.parameterAsEnumString(parameters, "DISCRETION_PRESET",
                                                            context) or None})
        dest = self._write(parameters, context, feedback, source, feats, out, cols)
        if record_in is not None and sig is not None and sig.columns:
            rid = record_table(record_in, sig, self.name(), dest, asdict(rules))
            feedback.pushInfo(self.tr("Recorded in the release register {path} as {id}.").format(
                path=record_in.folder, id=rid))
        if QgsWkbTypes.geometryType(source.wkbType()) == QgsWkbTypes.PolygonGeometry:
            style_output(dest, counts[0], context, feedback)
        results: Dict[str, Any] = {OUTPUT: dest, "PRIMARY": int(report["primary"]),
                                   "SECONDARY": int(report["secondary"]),
                                   "AREA": int(report["area"]), "AUDIT": report["audit"]}
        path = self.parameterAsFileOutput(parameters, OUTPUT_REPORT, context)
        if path:
            count_tables.write_report(path, report, lines)
            results[OUTPUT_REPORT] = path
        feedback.setProgress(100)
        return results

    @staticmethod
    def _check_earlier(pub, frame: pd.DataFrame, counts: List[str], total: str, parent: str,
                       id_field: str, exact: bool) -> Optional[TableSignatures]:
        """The table's signatures (None without the register); refused when it would be one
        grouping too many of a population published before (core.discretion.table_register)."""
        if pub.register is None:
            return None
        sig = table_signatures(frame, counts, total or None, parent or None, id_field or None,
                               pub.register.secret(), exact)
        conflict = check_table(pub.register, sig, pub.overlap_budget)
        if conflict is not None:
            raise refusal(conflict, pub.register.folder, pub.overlap_budget)
        return sig

    def _refuse_person_level(self, feats: List[QgsFeature], in_fields: QgsFields,
                             cols: List[str]) -> None:
        """A text column holding CPR numbers means person-level data: refused, not copied."""
        for i in range(in_fields.count()):
            name = in_fields.at(i).name()
            if name in cols or in_fields.at(i).type() != QVariant.String:
                continue
            hits = sum(1 for f in feats if isinstance(f.attributes()[i], str)
                       and has_cpr(f.attributes()[i]))
            if hits:
                raise BoligsocialError(self.tr(
                    "The column '{col}' holds {n} values shaped like CPR numbers: this looks "
                    "like person-level data, and the output would copy them. Remove the "
                    "column (or aggregate the data first); this tool protects aggregated "
                    "tables.").format(col=name, n=hits))

    def _read(self, source, feedback) -> List[QgsFeature]:
        """Every input feature (kept: the output repeats them with the protected counts)."""
        feats: List[QgsFeature] = []
        n_total = source.featureCount()
        for f in source.getFeatures():
            self.check_canceled(feedback)
            feats.append(QgsFeature(f))
            if n_total > 0 and len(feats) % 10000 == 0:
                feedback.setProgress(20.0 * len(feats) / n_total)
        if not feats:
            raise BoligsocialError(self.tr("The input table is empty; there is nothing to "
                                           "protect."))
        return feats

    @staticmethod
    def _frame(feats: List[QgsFeature], in_fields: QgsFields, cols: List[str],
               keys: Tuple[str, str]) -> pd.DataFrame:
        """The count columns (checked) and the parent/id columns as text."""
        data: Dict[str, Any] = {}
        for c in cols:
            i = in_fields.lookupField(c)
            data[c] = count_tables.parse_counts([plain(f.attributes()[i]) for f in feats], c)
        for c in keys:
            if c and c not in data:
                i = in_fields.lookupField(c)
                data[c] = [count_tables.key_text(plain(f.attributes()[i])) for f in feats]
        return pd.DataFrame(data)

    def _write(self, parameters, context, feedback, source, feats: List[QgsFeature],
               out: pd.DataFrame, cols: List[str]) -> str:
        """The input features with protected counts and a flag per count column."""
        in_fields = source.fields()
        out_fields, positions = _output_fields(in_fields, cols)
        sink, dest = self.parameterAsSink(parameters, OUTPUT, context, out_fields,
                                          source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        values = {c: out[c].to_numpy(dtype=float) for c in cols}
        flags = {c: out[c + "_flag"].to_numpy(dtype=object) for c in cols}
        n_attr = len(out_fields)
        writer = FeatureWriter(sink, feedback, len(feats), (70.0, 98.0))
        for r, f in enumerate(feats):
            attrs = list(f.attributes()) + [None] * (n_attr - len(in_fields))
            for c in cols:
                vi, fi = positions[c]
                v = values[c][r]
                ftype = out_fields.field(vi).type()
                attrs[vi] = None if np.isnan(v) else (
                    float(v) if ftype == QVariant.Double else int(v))
                attrs[fi] = str(flags[c][r])
            nf = QgsFeature(out_fields)
            nf.setAttributes(attrs)
            if f.hasGeometry():
                nf.setGeometry(f.geometry())
            writer.add(nf)
        writer.close()
        del sink
        return dest


def _output_fields(in_fields: QgsFields, cols: Sequence[str]
                   ) -> Tuple[QgsFields, Dict[str, Tuple[int, int]]]:
    """Input fields (text count columns become integers) plus a ``<col>_flag`` per column.

    Returns the fields and, per column, the positions of its value and its flag.
    """
    flag_names = {c + "_flag": c for c in cols}
    out = QgsFields()
    for i in range(in_fields.count()):
        fld = QgsField(in_fields.field(i))
        name = fld.name()
        if name in cols and not fld.isNumeric():
            fld = QgsField(name, QVariant.LongLong)
        elif name in flag_names:  # an existing flag column is replaced
            fld = QgsField(name, QVariant.String)
        out.append(fld)
    for flag in flag_names:
        if out.lookupField(flag) < 0:
            out.append(QgsField(flag, QVariant.String))
    positions = {c: (out.lookupField(c), out.lookupField(c + "_flag")) for c in cols}
    return out, positions
