# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:pseudonymise: replace a CPR number (or other direct key) by a keyed pseudonym.

The decisions (columns dropped, key checks, messages) are in core/pseudonym.py.
"""
from typing import Dict, List, Tuple

from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
)
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core import pseudonym
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm
from boligsocial_plugin.processing.params import with_help
from boligsocial_plugin.qgis_io.values import plain
from boligsocial_plugin.qgis_io.writer import FeatureWriter

PERSONS, ID_FIELD, ID_IS_CPR = "PERSONS", "ID_FIELD", "ID_IS_CPR"
KEY_FILE, KEY_AUTHCFG, DROP_INVALID, OUTPUT = "KEY_FILE", "KEY_AUTHCFG", "DROP_INVALID", "OUTPUT"
NUMERIC = (QVariant.Int, QVariant.UInt, QVariant.LongLong, QVariant.ULongLong, QVariant.Double)


def key_from_authcfg(authcfg: str) -> bytes:
    """The secret stored as the password of a QGIS authentication configuration."""
    manager = QgsApplication.authManager()
    cfg = QgsAuthMethodConfig()
    if manager is None or not manager.loadAuthenticationConfig(authcfg, cfg, True):
        raise BoligsocialError(tr(
            "The authentication configuration '{id}' could not be read. Check the id and that "
            "the QGIS master password is set (Settings > Options > Authentication).").format(
            id=authcfg))
    secret = cfg.config("password", "") or cfg.config("key", "")
    if not secret:
        raise BoligsocialError(tr(
            "The authentication configuration '{id}' holds no password. Store the key as the "
            "password of a 'Basic' authentication configuration.").format(id=authcfg))
    return pseudonym.check_key(secret.encode("utf-8"))


class Pseudonymise(BoligsocialAlgorithm):
    """Keyed pseudonyms for a person extract; direct identifiers are dropped."""

    ALG_ID = "pseudonymise"
    DISPLAY = N_("Pseudonymise person extract")
    GROUP_ID = "data"
    GROUP = N_("Data preparation")
    TAGS = N_("pseudonymise,pseudonym,cpr,hmac,privacy,gdpr,pseudonymisering,databeskyttelse")
    HELP = N_(
        "Replaces the CPR number (or another direct person key) in ID_FIELD by a keyed "
        "pseudonym in the new column <b>person_id</b>: the first 32 hex characters of "
        "HMAC-SHA-256(key, CPR number). The same key always gives the same pseudonym, so a "
        "person can be followed over reference dates and extracts; without the key nobody can "
        "compute the pseudonym of a CPR number.<br><br>"
        "<b>Key</b>: a file holding a long random secret (at least 16 bytes; e.g. 64 hex "
        "characters), or a QGIS authentication configuration whose password is the secret "
        "('Basic' method). Only the path or the configuration id is stored in the project and "
        "the audit log, never the key. Keep the key away from the extract and the outputs; "
        "whoever holds the key and a CPR number can recompute a pseudonym.<br><br>"
        "<b>Checks</b>: CPR numbers must be 10 digits (ddmmyy-xxxx; also read with an en "
        "dash, underscore, dots, slash or blank between the pairs, in full-width digits or "
        "after a 'cpr' prefix, and normalised to the ten digits) with a real birth date; "
        "the modulus-11 check is not applied (numbers issued since 2007 need not pass it). "
        "Malformed or empty values stop the run with a count, row numbers and masked "
        "examples (12xxxx-xxxx) unless 'Drop rows with malformed keys' is ticked. A "
        "numeric column that lost the leading zero is repaired and reported. The same CPR "
        "number twice within a reference date is counted and reported.<br><br>"
        "<b>Output</b>: the same rows and geometry with person_id first, then every other "
        "column except the key column and columns that look like direct identifiers (cpr, "
        "navn, name, adresse, address, vejnavn, husnr...) or hold CPR numbers: text columns "
        "with any CPR-shaped value (in any of those spellings, e.g. '01.01.85-1234' or "
        "'cpr0101851234'), numeric columns whose values are mostly CPR numbers that lost their "
        "leading zero (a partner's or mother's CPR number); dropped columns are listed in the "
        "log. Pseudonymise such a column separately if it is needed.<br><br>"
        "<b>Internal, person level</b>: the output still holds one row per person and is "
        "personal data. Keep it where only the analysts may read it; never publish or share "
        "it. Publish only the aggregated, discretion-checked layers of the other algorithms.")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters (names are stable: models and batch jobs use them; README "Data model")."""
        self.addParameter(with_help(QgsProcessingParameterFeatureSource(
            PERSONS, self.tr("Person extract (point layer or table)"),
            [QgsProcessing.TypeVector]),
            self.tr("The extract with the direct person key (CPR number or another key), "
                    "one row per person and reference date.")))
        self.addParameter(with_help(QgsProcessingParameterField(
            ID_FIELD, self.tr("Column holding the CPR number (or other direct key)"), "cpr",
            PERSONS),
            self.tr("This column is replaced by person_id and dropped from the output.")))
        self.addParameter(with_help(QgsProcessingParameterBoolean(ID_IS_CPR, self.tr(
            "The key is a CPR number (check it and accept ddmmyy-xxxx and ddmmyyxxxx alike)"),
            True),
            self.tr("Ticked: every key must be a CPR number with a real birth date. Untick it "
                    "for another direct key (e.g. a case number or a warehouse's person "
                    "number): then only empty and repeated keys are checked.")))
        p = QgsProcessingParameterFile(KEY_FILE, self.tr("Key file (the secret)"),
                                       optional=True)
        p.setHelp(self.tr("A text file holding the secret key only. Store it where only the "
                          "people allowed to pseudonymise can read it."))
        self.addParameter(p)
        self.addParameter(with_help(QgsProcessingParameterAuthConfig(KEY_AUTHCFG, self.tr(
            "Or: authentication configuration holding the key as its password"), optional=True),
            self.tr("Instead of a key file: a QGIS authentication configuration ('Basic') "
                    "whose password is the secret key.")))
        self.addParameter(with_help(QgsProcessingParameterBoolean(
            DROP_INVALID, self.tr("Drop rows with malformed keys (else the run stops)"), False),
            self.tr("Rows with an empty or malformed key are left out and counted; otherwise "
                    "the run stops and names them (masked).")))
        self.addParameter(with_help(QgsProcessingParameterFeatureSink(
            OUTPUT, self.tr("Pseudonymised extract (internal, person level)"),
            QgsProcessing.TypeVector),
            self.tr("Every row with person_id instead of the key, without direct identifiers. "
                    "Personal data: keep it internal.")))
        for name, label in (("ROWS_READ", N_("Rows read")), ("ROWS_WRITTEN", N_("Rows written")),
                            ("MALFORMED", N_("Rows with a malformed key")),
                            ("DUPLICATES", N_("Repeated keys within a reference date"))):
            self.addOutput(QgsProcessingOutputNumber(name, self.tr(label)))
        self.addOutput(QgsProcessingOutputString("DROPPED_COLUMNS", self.tr("Dropped columns")))

    def _key(self, parameters, context) -> bytes:
        path = self.parameterAsFile(parameters, KEY_FILE, context)
        authcfg = self.parameterAsString(parameters, KEY_AUTHCFG, context)
        if path and authcfg:
            raise BoligsocialError(self.tr("Give the key either as a file or as an "
                                           "authentication configuration, not both."))
        if authcfg:
            return key_from_authcfg(authcfg)
        return pseudonym.load_key(path)

    def process(self, parameters, context, feedback):
        """Check the keys, hash them, write every row with person_id and without identifiers."""
        key = self._key(parameters, context)
        source = self.parameterAsSource(parameters, PERSONS, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, PERSONS))
        fields = source.fields()
        id_field = self.parameterAsString(parameters, ID_FIELD, context)
        names = fields.names()
        id_idx = fields.lookupField(id_field)
        text_columns = [i for i in range(len(fields)) if fields.at(i).type() == QVariant.String]
        plan = pseudonym.plan_columns(names, names[id_idx] if id_idx >= 0 else id_field,
                                      text_columns)
        numeric = [i for i in range(len(fields)) if fields.at(i).type() in NUMERIC
                   and i not in plan.drop and i != id_idx]
        feedback.setProgressText(self.tr("Checking the keys"))
        fids, ids, dates, cpr_hits, num_values = self._scan(source, id_idx, plan, numeric,
                                                            feedback)
        n_rows = len(ids)
        self.audit_counts = {"PERSONS": n_rows}
        check, warnings = pseudonym.check_extract_keys(
            ids, dates if plan.date is not None else None, id_field,
            self.parameterAsBool(parameters, ID_IS_CPR, context),
            fields.at(id_idx).type() in NUMERIC,
            self.parameterAsBool(parameters, DROP_INVALID, context))
        for w in warnings:
            feedback.pushWarning(w)
        drop = set(plan.drop)
        for i, hits in cpr_hits.items():
            if hits:
                drop.add(i)
                feedback.pushWarning(pseudonym.cpr_column_warning(names[i], hits))
        for i, values in num_values.items():  # CPR numbers stored as numbers (partner, mother)
            hits = pseudonym.numeric_cpr_column(values)
            if hits:
                drop.add(i)
                feedback.pushWarning(pseudonym.cpr_column_warning(names[i], hits))
        del num_values
        feedback.setProgressText(self.tr("Computing pseudonyms"))
        by_fid = dict(zip(fids, pseudonym.pseudonymise(
            check.normalised.to_numpy(dtype=object), key)))
        n_malformed, n_duplicates = check.n_malformed, check.n_duplicates
        del ids, dates, check

        keep = [i for i in range(len(fields)) if i not in drop]
        dropped_names = [names[i] for i in sorted(drop)]
        feedback.pushInfo(self.tr("Columns dropped (key and direct identifiers): {cols}").format(
            cols=", ".join(dropped_names)))
        feedback.setProgressText(self.tr("Writing {n} rows").format(n=n_rows))
        dest, written = self._write(parameters, context, feedback, source, keep, by_fid)
        feedback.pushInfo(self.tr("{w} of {n} rows written with a pseudonym.").format(
            w=written, n=n_rows))
        return {OUTPUT: dest, "ROWS_READ": n_rows, "ROWS_WRITTEN": written,
                "MALFORMED": n_malformed, "DUPLICATES": n_duplicates,
                "DROPPED_COLUMNS": ", ".join(dropped_names)}

    def _scan(self, source, id_idx: int, plan: pseudonym.ColumnPlan, numeric: List[int],
              feedback) -> Tuple[List[int], List[object], List[object], Dict[int, int],
                                 Dict[int, List[object]]]:
        """Feature ids, keys and dates of every row, CPR-shaped values per text column (also
        the variants: 'cpr0101851234', '010185 1234') and the values of the numeric columns."""
        fids: List[int] = []
        ids: List[object] = []
        dates: List[object] = []
        cpr_hits: Dict[int, int] = {i: 0 for i in plan.scan}
        num_values: Dict[int, List[object]] = {i: [] for i in numeric}
        search = pseudonym.has_cpr
        total = max(1, source.featureCount())
        req = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        for n, f in enumerate(source.getFeatures(req)):
            self.check_canceled(feedback)
            attrs = f.attributes()
            fids.append(f.id())
            ids.append(plain(attrs[id_idx]))
            if plan.date is not None:
                dates.append(plain(attrs[plan.date]))
            for i in plan.scan:
                v = attrs[i]
                if isinstance(v, str) and search(v):
                    cpr_hits[i] += 1
            for i in numeric:
                num_values[i].append(plain(attrs[i]))
            if n % 50000 == 0:
                feedback.setProgress(40.0 * n / total)
        return fids, ids, dates, cpr_hits, num_values

    def _write(self, parameters, context, feedback, source, keep: List[int],
               by_fid: Dict[int, str]) -> Tuple[str, int]:
        """Every row with a pseudonym: person_id first, then the kept columns."""
        fields = source.fields()
        out_fields = QgsFields()
        out_fields.append(QgsField(pseudonym.PERSON_ID, QVariant.String, "string", 32))
        for i in keep:
            out_fields.append(QgsField(fields.at(i)))
        sink, dest = self.parameterAsSink(parameters, OUTPUT, context, out_fields,
                                          source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        writer = FeatureWriter(sink, feedback, len(by_fid), (50.0, 100.0))
        for f in source.getFeatures():
            pid = by_fid.get(f.id())
            if pid is None:
                continue
            attrs = f.attributes()
            out = QgsFeature(out_fields)
            out.setAttributes([pid] + [attrs[i] for i in keep])
            if f.hasGeometry():
                out.setGeometry(f.geometry())
            writer.add(out)
        written = writer.close()
        del sink
        return dest, written
