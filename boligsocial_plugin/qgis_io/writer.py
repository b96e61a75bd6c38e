# SPDX-License-Identifier: GPL-2.0-or-later
"""Writing features to processing sinks: output fields, one batched writer, frames to sinks.

Every algorithm writes through :class:`FeatureWriter`, so a sink that refuses features always
gives the same message, progress moves between batches, and a cancelled run stops writing
(it raises :class:`~boligsocial_plugin.core.errors.Cancelled`, never returns half a result).
"""
import os
from typing import Any, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from qgis.core import QgsFeature, QgsFeatureSink, QgsField, QgsFields, QgsGeometry
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core.errors import BoligsocialError, Cancelled
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.qgis_io.values import py_value

BATCH = 5000
CSV_EXTENSIONS = (".csv", ".txt", ".tsv")


def qvariant_type(dtype_kind: str) -> QVariant.Type:
    """QVariant type for a numpy dtype kind."""
    return {"i": QVariant.LongLong, "u": QVariant.LongLong, "f": QVariant.Double,
            "b": QVariant.Int}.get(dtype_kind, QVariant.String)


def fields_for(columns: Sequence[Tuple[str, QVariant.Type]]) -> QgsFields:
    """QgsFields from (name, type) pairs."""
    fields = QgsFields()
    for name, t in columns:
        fields.append(QgsField(name, t))
    return fields


def multi_polygon(g: Optional[QgsGeometry]) -> Optional[QgsGeometry]:
    """A copy of the geometry as a multi-type geometry (outputs are MultiPolygon); None stays."""
    if g is None or g.isNull():
        return None
    g = QgsGeometry(g)
    g.convertToMultiType()
    return g


def is_csv_destination(dest: str) -> bool:
    """True when a sink's destination is a CSV (or other delimited text) file."""
    return os.path.splitext(str(dest).split("|")[0])[1].lower() in CSV_EXTENSIONS


class FeatureWriter:
    """Adds features to a sink in batches, with one error message and cancellation checks.

    ``progress=(start, end)`` and ``total`` move the feedback's progress bar between batches.
    Call :meth:`close` at the end (it writes the last batch and returns the number written).
    """

    def __init__(self, sink, feedback=None, total: int = 0,
                 progress: Tuple[float, float] = (90.0, 100.0), batch_size: int = BATCH):
        self.sink = sink
        self.feedback = feedback
        self.total = max(0, int(total))
        self.progress = progress
        self.batch_size = batch_size
        self.written = 0
        self._batch: List[QgsFeature] = []

    def add(self, feature: QgsFeature) -> None:
        """Queue one feature; a full batch is written at once."""
        self._batch.append(feature)
        if len(self._batch) >= self.batch_size:
            self.flush()
            if self.feedback is not None:
                if self.feedback.isCanceled():
                    raise Cancelled()
                start, end = self.progress
                self.feedback.setProgress(start + (end - start) * self.written
                                          / max(1, self.total))

    def flush(self) -> None:
        """Write the queued features (raises BoligsocialError when the sink refuses them)."""
        if not self._batch:
            return
        if not self.sink.addFeatures(self._batch, QgsFeatureSink.FastInsert):
            err = self.sink.lastError() if hasattr(self.sink, "lastError") else ""
            raise BoligsocialError(tr("Could not write to the output: {err}").format(
                err=err or tr("the data provider refused the features")))
        self.written += len(self._batch)
        self._batch = []

    def close(self) -> int:
        """Write what is left; returns the number of features written."""
        self.flush()
        return self.written


def write_frame(sink, frame: pd.DataFrame, types: Sequence[Tuple[str, QVariant.Type]],
                geometries: Optional[Sequence[Optional[QgsGeometry]]], feedback,
                progress: Tuple[float, float] = (90.0, 100.0), dest: str = "") -> int:
    """Write a DataFrame (columns in ``types`` order) to a sink; returns features written.

    CSV destinations are rewritten in the user's form, formulas escaped, by the base class
    after the run (processing/outputs.py).
    """
    cols: List[List[Any]] = [column_values(frame[n], t) for n, t in types]
    fields = fields_for(types)
    writer = FeatureWriter(sink, feedback, len(frame), progress)
    for i, attrs in enumerate(zip(*cols) if cols else ([] for _ in range(len(frame)))):
        f = QgsFeature(fields)
        f.setAttributes(list(attrs))
        if geometries is not None and geometries[i] is not None:
            f.setGeometry(geometries[i])
        writer.add(f)
    return writer.close()


def column_values(column: pd.Series, t: QVariant.Type) -> List[Any]:
    """A column's values as QGIS attributes of type ``t``: ``py_value`` of each value, for
    numbers by column (NaN is NULL) instead of value by value."""
    kind = column.dtype.kind if isinstance(column.dtype, np.dtype) else "O"
    values = column.to_numpy()
    if t == QVariant.Double and kind in "fiu":
        return [None if v != v else v for v in values.astype(float).tolist()]
    if t in (QVariant.Int, QVariant.LongLong):
        if kind in "iu":
            return values.tolist()
        if kind == "f" and np.isfinite(values[~np.isnan(values)]).all():
            return [None if v != v else int(v) for v in values.tolist()]
    return [py_value(v, t) for v in column.to_numpy(dtype=object)]
