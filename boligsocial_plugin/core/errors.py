# SPDX-License-Identifier: GPL-2.0-or-later
"""Errors that users can cause; the processing layer turns them into QgsProcessingException."""


class BoligsocialError(Exception):
    """Bad input or settings; the message says what is wrong and how to fix it (translated)."""
