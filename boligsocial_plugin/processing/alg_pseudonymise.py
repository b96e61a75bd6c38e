# SPDX-License-Identifier: GPL-2.0-or-later
"""boligsocial:pseudonymise: replace a CPR number (or other direct key) by a keyed pseudonym."""
from typing import Dict, List, Optional

import pandas as pd
from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
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
from boligsocial_plugin.core.datamodel import (
    COLUMNS,
    EXTRA_ALIASES,
    direct_identifier_columns,
    match_columns,
)
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.processing.base import N_, BoligsocialAlgorithm

PERSONS, ID_FIELD, ID_IS_CPR = "PERSONS", "ID_FIELD", "ID_IS_CPR"
KEY_FILE, KEY_AUTHCFG, DROP_INVALID, OUTPUT = "KEY_FILE", "KEY_AUTHCFG", "DROP_INVALID", "OUTPUT"
PERSON_ID = "person_id"
NUMERIC = (QVariant.Int, QVariant.UInt, QVariant.LongLong, QVariant.ULongLong, QVariant.Double)


def person_id_names() -> List[str]:
    """Column names that mean 'person_id' (they would clash with the pseudonym column)."""
    return [PERSON_ID, COLUMNS[PERSON_ID].alias] + EXTRA_ALIASES.get(PERSON_ID, [])


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
        "<b>Checks</b>: CPR numbers must be 10 digits (ddmmyy-xxxx, the dash optional) with a "
        "real birth date; the modulus-11 check is not applied (numbers issued since 2007 need "
        "not pass it). Malformed or empty values stop the run with a count, row numbers and "
        "masked examples (12xxxx-xxxx) unless 'Drop rows with malformed keys' is ticked. A "
        "numeric column that lost the leading zero is repaired and reported. The same CPR "
        "number twice within a reference date is counted and reported.<br><br>"
        "<b>Output</b>: the same rows and geometry with person_id first, then every other "
        "column except the key column and columns that look like direct identifiers (cpr, "
        "navn, name, adresse, address, vejnavn, husnr...) or hold CPR-shaped values; dropped "
        "columns are listed in the log.<br><br>"
        "<b>Internal, person level</b>: the output still holds one row per person and is "
        "personal data. Keep it where only the analysts may read it; never publish or share "
        "it. Publish only the aggregated, discretion-checked layers of the other algorithms.")

    def initAlgorithm(self, config=None):  # noqa: N802
        """Parameters (see CONTRACT.md)."""
        p = QgsProcessingParameterFeatureSource(
            PERSONS, self.tr("Person extract (point layer or table)"), [QgsProcessing.TypeVector])
        self.addParameter(p)
        p = QgsProcessingParameterField(ID_FIELD, self.tr("Column holding the CPR number (or "
                                                          "other direct key)"), "cpr", PERSONS)
        self.addParameter(p)
        p = QgsProcessingParameterBoolean(ID_IS_CPR, self.tr(
            "The key is a CPR number (check it and accept ddmmyy-xxxx and ddmmyyxxxx alike)"),
            True)
        p.setFlags(p.flags() | p.FlagAdvanced)
        self.addParameter(p)
        p = QgsProcessingParameterFile(KEY_FILE, self.tr("Key file (the secret)"),
                                       optional=True)
        p.setHelp(self.tr("A text file holding the secret key only. Store it where only the "
                          "people allowed to pseudonymise can read it."))
        self.addParameter(p)
        p = QgsProcessingParameterAuthConfig(KEY_AUTHCFG, self.tr(
            "Or: authentication configuration holding the key as its password"), optional=True)
        self.addParameter(p)
        self.addParameter(QgsProcessingParameterBoolean(
            DROP_INVALID, self.tr("Drop rows with malformed keys (else the run stops)"), False))
        self.addParameter(QgsProcessingParameterFeatureSink(
            OUTPUT, self.tr("Pseudonymised extract (internal, person level)"),
            QgsProcessing.TypeVector))
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
        id_idx = fields.lookupField(id_field)
        if id_idx < 0:
            raise BoligsocialError(self.tr("The column '{col}' is not in the extract. Choose the "
                                           "column holding the CPR number.").format(col=id_field))
        names = fields.names()
        drop = {id_idx}
        dropped_ident = [c for c in direct_identifier_columns(names) if c != names[id_idx]]
        clash = [c for c in names if c.strip().lower() in person_id_names() and c != id_field]
        for c in dropped_ident + clash:
            drop.add(fields.lookupField(c))
        try:
            date_col: Optional[str] = match_columns(names).get("ref_date")
        except BoligsocialError:
            date_col = None
        date_idx = fields.lookupField(date_col) if date_col else -1
        text_idx = [i for i in range(len(fields)) if i not in drop and
                    fields.at(i).type() == QVariant.String]

        feedback.setProgressText(self.tr("Checking the keys"))
        fids: List[int] = []
        ids: List[object] = []
        dates: List[object] = []
        cpr_hits: Dict[int, int] = {i: 0 for i in text_idx}
        search = pseudonym.CPR_ANYWHERE.search
        total = max(1, source.featureCount())
        req = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        for n, f in enumerate(source.getFeatures(req)):
            if feedback.isCanceled():
                return {}
            attrs = f.attributes()
            fids.append(f.id())
            ids.append(_plain(attrs[id_idx]))
            if date_idx >= 0:
                dates.append(_plain(attrs[date_idx]))
            for i in text_idx:
                v = attrs[i]
                if isinstance(v, str) and search(v):
                    cpr_hits[i] += 1
            if n % 50000 == 0:
                feedback.setProgress(40.0 * n / total)
        n_rows = len(ids)
        self.audit_counts = {"PERSONS": n_rows}
        is_cpr = self.parameterAsBool(parameters, ID_IS_CPR, context)
        numeric = fields.at(id_idx).type() in NUMERIC
        values = pd.Series(ids, dtype=float if numeric and _all_numbers(ids) else object)
        ref = pd.Series(dates, dtype=object) if date_idx >= 0 else None
        check = pseudonym.check_cpr(values, ref) if is_cpr else pseudonym.check_keys(values, ref)
        if check.n_malformed:
            msg = pseudonym.malformed_message(check, id_field) if is_cpr else self.tr(
                "{n} rows have no value in '{col}' (rows {rows}).").format(
                n=check.n_malformed, col=id_field,
                rows=", ".join(str(r) for r, _v in check.examples))
            if not self.parameterAsBool(parameters, DROP_INVALID, context):
                raise BoligsocialError(msg + " " + self.tr(
                    "Fix them in the source, or tick 'Drop rows with malformed keys' to leave "
                    "those rows out (they are counted)."))
            feedback.pushWarning(msg + " " + self.tr("These rows are left out."))
        if check.padded:
            feedback.pushWarning(self.tr(
                "{n} CPR numbers in the numeric column '{col}' had lost their leading zero; it "
                "was restored. Store CPR numbers as text.").format(n=check.padded, col=id_field))
        if check.n_duplicates:
            feedback.pushWarning(pseudonym.duplicate_message(check, id_field))
        cpr_cols = [i for i, k in cpr_hits.items() if k]
        for i in cpr_cols:
            drop.add(i)
            feedback.pushWarning(self.tr(
                "The column '{col}' holds {n} values shaped like CPR numbers; it was dropped. "
                "Pseudonymise it separately if it is needed.").format(
                col=names[i], n=cpr_hits[i]))
        feedback.setProgressText(self.tr("Computing pseudonyms"))
        pseudonyms = pseudonym.pseudonymise(check.normalised.to_numpy(dtype=object), key)
        by_fid = dict(zip(fids, pseudonyms))
        n_malformed, n_duplicates = check.n_malformed, check.n_duplicates
        del ids, dates, values, check, pseudonyms

        keep = [i for i in range(len(fields)) if i not in drop]
        dropped_names = [names[i] for i in sorted(drop)]
        feedback.pushInfo(self.tr("Columns dropped (key and direct identifiers): {cols}").format(
            cols=", ".join(dropped_names)))
        out_fields = QgsFields()
        out_fields.append(QgsField(PERSON_ID, QVariant.String, "string", 32))
        for i in keep:
            out_fields.append(QgsField(fields.at(i)))
        sink, dest = self.parameterAsSink(parameters, OUTPUT, context, out_fields,
                                          source.wkbType(), source.sourceCrs())
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, OUTPUT))
        feedback.setProgressText(self.tr("Writing {n} rows").format(n=n_rows))
        written = 0
        batch: List[QgsFeature] = []
        for n, f in enumerate(source.getFeatures()):
            if feedback.isCanceled():
                break
            pid = by_fid.get(f.id())
            if pid is None:
                continue
            attrs = f.attributes()
            out = QgsFeature(out_fields)
            out.setAttributes([pid] + [attrs[i] for i in keep])
            if f.hasGeometry():
                out.setGeometry(f.geometry())
            batch.append(out)
            if len(batch) >= 5000:
                written += self._add(sink, batch)
                batch = []
                feedback.setProgress(50.0 + 50.0 * n / total)
        written += self._add(sink, batch)
        del sink
        feedback.pushInfo(self.tr("{w} of {n} rows written with a pseudonym.").format(
            w=written, n=n_rows))
        return {OUTPUT: dest, "ROWS_READ": n_rows, "ROWS_WRITTEN": written,
                "MALFORMED": n_malformed, "DUPLICATES": n_duplicates,
                "DROPPED_COLUMNS": ", ".join(dropped_names)}

    def _add(self, sink, batch: List[QgsFeature]) -> int:
        if batch and not sink.addFeatures(batch, QgsFeatureSink.FastInsert):
            raise BoligsocialError(self.tr("Could not write to the output: {err}").format(
                err=sink.lastError() if hasattr(sink, "lastError") else ""))
        return len(batch)


def _plain(v: object) -> object:
    """A QGIS attribute as a plain Python value (NULL -> None, QDate -> ISO text)."""
    if v is None or (hasattr(v, "isNull") and v.isNull()):
        return None
    if hasattr(v, "toString") and hasattr(v, "isValid"):
        return v.toString("yyyy-MM-dd")
    return v


def _all_numbers(values: List[object]) -> bool:
    return all(v is None or (isinstance(v, (int, float)) and not isinstance(v, bool))
               for v in values)
