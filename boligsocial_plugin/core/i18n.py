# SPDX-License-Identifier: GPL-2.0-or-later
"""Translation hook for core/: the plugin installs Qt's translator, tests keep English."""
from typing import Callable

_translate: Callable[[str], str] = lambda text: text


def tr(text: str) -> str:
    """Translate a user-visible English literal (context 'Boligsocial')."""
    return _translate(text)


def set_translator(fn: Callable[[str], str]) -> None:
    """Install the function used by tr(); the plugin passes QCoreApplication.translate."""
    global _translate
    _translate = fn
