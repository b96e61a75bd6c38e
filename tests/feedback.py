# SPDX-License-Identifier: GPL-2.0-or-later
"""A processing feedback that keeps what a run logs, for tests that read the log."""
from qgis.core import QgsProcessingFeedback


class LogLines(QgsProcessingFeedback):
    """Keeps the lines a run logs in ``lines``: its warnings, and its info lines unless
    ``info`` is False."""

    def __init__(self, info: bool = True):
        super().__init__()
        self.lines = []
        self._info = info

    def pushWarning(self, warning):  # noqa: N802
        self.lines.append(warning)
        super().pushWarning(warning)

    def pushInfo(self, info):  # noqa: N802
        if self._info:
            self.lines.append(info)
        super().pushInfo(info)
