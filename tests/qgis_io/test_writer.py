# SPDX-License-Identifier: GPL-2.0-or-later
"""The one batched feature writer: batches, one error message, cancellation, CSV safety."""
import pandas as pd
import pytest
from qgis.core import QgsFeature, QgsFeatureSink, QgsProcessingFeedback
from qgis.PyQt.QtCore import QVariant

from boligsocial_plugin.core.errors import BoligsocialError, Cancelled
from boligsocial_plugin.qgis_io.values import is_null
from boligsocial_plugin.qgis_io.writer import FeatureWriter, fields_for, write_frame

TYPES = [("name", QVariant.String), ("n", QVariant.LongLong)]


class Sink(QgsFeatureSink):
    """A sink that keeps what it gets (or refuses it)."""

    def __init__(self, refuse=False):
        super().__init__()
        self.refuse = refuse
        self.batches = []

    def addFeatures(self, features, flags=None):  # noqa: N802 - QGIS API
        if self.refuse:
            return False
        self.batches.append([f.attributes() for f in features])
        return True

    def lastError(self):  # noqa: N802 - QGIS API
        return "disk full"


def _features(n):
    fields = fields_for(TYPES)
    out = []
    for i in range(n):
        f = QgsFeature(fields)
        f.setAttributes(["a{}".format(i), i])
        out.append(f)
    return out


def test_batches_and_count():
    sink = Sink()
    writer = FeatureWriter(sink, QgsProcessingFeedback(), total=7, batch_size=3)
    for f in _features(7):
        writer.add(f)
    assert writer.close() == 7
    assert [len(b) for b in sink.batches] == [3, 3, 1]


def test_a_refusing_sink_gives_one_message_with_the_reason():
    writer = FeatureWriter(Sink(refuse=True), batch_size=2)
    with pytest.raises(BoligsocialError, match="Could not write to the output: disk full"):
        for f in _features(3):
            writer.add(f)


def test_cancel_stops_writing_between_batches():
    sink = Sink()
    feedback = QgsProcessingFeedback()
    writer = FeatureWriter(sink, feedback, total=10, batch_size=2)
    feedback.cancel()
    with pytest.raises(Cancelled, match="incomplete"):
        for f in _features(10):
            writer.add(f)
    assert [len(b) for b in sink.batches] == [2]


def test_write_frame_writes_values_as_they_are():
    """Formulas are escaped when a CSV output is rewritten (tests/qgis_io/test_csvout.py),
    never in the features: a GeoPackage keeps the text as it is."""
    frame = pd.DataFrame({"name": ["=cmd()", "ok"], "n": [1, None]})
    gpkg = Sink()
    assert write_frame(gpkg, frame, TYPES, None, QgsProcessingFeedback(), dest="/x/o.gpkg") == 2
    assert gpkg.batches[0][0][0] == "=cmd()"
    assert is_null(gpkg.batches[0][1][1])  # NaN is written as NULL, never 0


def test_column_values_are_py_value_of_each_value():
    """Numbers are converted by column; the result is py_value's, value by value."""
    import numpy as np

    from boligsocial_plugin.qgis_io.values import py_value
    from boligsocial_plugin.qgis_io.writer import column_values

    cols = {"f": [1.5, np.nan, -0.0, np.inf, 2.0], "i": [1, 2, 3, -4, 2 ** 40],
            "fi": [1.0, np.nan, 3.9, -2.5, 1e12], "s": ["a", None, "c", "", "e"],
            "b": [True, False, True, True, False]}
    for name, vals in cols.items():
        col = pd.Series(vals)
        for t in (QVariant.Double, QVariant.LongLong, QVariant.Int, QVariant.String):
            try:
                want = [py_value(v, t) for v in col.to_numpy(dtype=object)]
            except (OverflowError, ValueError) as e:  # the same error either way
                with pytest.raises(type(e)):
                    column_values(col, t)
                continue
            got = column_values(col, t)
            assert [type(v) for v in got] == [type(v) for v in want], (name, t)
            assert [str(v) for v in got] == [str(v) for v in want], (name, t)
