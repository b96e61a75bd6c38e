# SPDX-License-Identifier: GPL-2.0-or-later
"""The connection to a PostGIS person layer's database, and binary COPY in and out.

The connection comes from the layer: host, port, database, user, SSL mode or a service, and
the password from the layer's QGIS authentication configuration (``authcfg``) or, failing
that, from its data source. The password is never logged, written or shown; error messages
are passed through the audit log's secret filter (:func:`clean_error`). A session is one
transaction that is rolled back at the end, so its temporary tables go with it.
"""
import re
from contextlib import contextmanager
from typing import Any, Dict, Iterator, Optional, Sequence, Tuple

import numpy as np
from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri, QgsVectorLayer

from boligsocial_plugin.core import sqlgen
from boligsocial_plugin.core.auditlog import strip_secrets
from boligsocial_plugin.core.errors import BoligsocialError, Cancelled
from boligsocial_plugin.core.i18n import tr

PROVIDER = "postgres"


def is_postgis(layer: Optional[QgsVectorLayer]) -> bool:
    """Whether a layer reads from PostgreSQL/PostGIS."""
    return layer is not None and layer.providerType() == PROVIDER


def load_psycopg2():
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


def clean_error(error: Exception) -> str:
    """A database error's message without secrets or connection details."""
    text = str(getattr(error, "pgerror", None) or error).strip()
    return strip_secrets(re.sub(r"\s+", " ", text))[:500]


@contextmanager
def session(uri: QgsDataSourceUri, feedback=None, repeatable: bool = False,
            snapshot: Optional[str] = None) -> Iterator[Any]:
    """A cursor on the database of ``uri`` in a transaction that is rolled back at the end
    (temporary tables go). ``repeatable``: REPEATABLE READ (every statement sees the same
    rows; the snapshot can be exported); ``snapshot``: such an exported snapshot, shared with
    the session that exported it. Cancelling ``feedback`` cancels the running statement."""
    pg = load_psycopg2()
    try:
        conn = pg.connect(**connection_parameters(uri))
    except pg.Error as e:
        raise BoligsocialError(tr("Cannot connect to the database of the person layer: "
                                  "{err}").format(err=clean_error(e))) from e
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
            err=clean_error(e))) from e
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
