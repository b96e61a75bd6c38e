# SPDX-License-Identifier: GPL-2.0-or-later
"""Errors that users can cause; the processing layer turns them into QgsProcessingException."""
from boligsocial_plugin.core.i18n import tr


class BoligsocialError(Exception):
    """Bad input or settings; the message says what is wrong and how to fix it (translated)."""


def cancelled_message() -> str:
    """The one message of a cancelled run."""
    return tr("Cancelled: the run was stopped before it finished; any output it left is "
              "incomplete and must not be used.")


class Cancelled(BoligsocialError):
    """The user cancelled the run; it ends with this error and never reports success."""

    def __init__(self, message: str = ""):
        super().__init__(message or cancelled_message())
