# SPDX-License-Identifier: GPL-2.0-or-later
"""The plugin's one tr() and number format; pure Python (no Qt import).

qgis_io/translator.py plugs Qt's translations in when the plugin loads; until then (and in tests
that need no QGIS) tr() returns the English literal.
"""
from typing import Callable

_translate: Callable[[str], str] = lambda text: text


def tr(text: str) -> str:
    """Translate a user-visible English literal (context 'Boligsocial')."""
    return _translate(text)


def N_(text: str) -> str:  # noqa: N802 (gettext convention)
    """Mark a literal for translation without translating it now (translated on use)."""
    return text


def set_translator(fn: Callable[[str], str]) -> None:
    """Install the function used by tr(); the plugin passes QCoreApplication.translate."""
    global _translate
    _translate = fn


_language = "en"


def set_language(lang: str) -> None:
    """The UI language for number formats ('da': 1.234,5; otherwise 1,234.5)."""
    global _language
    _language = (lang or "en")[:2].lower()


def language() -> str:
    """The current UI language code."""
    return _language


def number(value: float, decimals: int = 0, lang: str = "") -> str:
    """A number formatted for a language (default: the UI language): 1.234,5 or 1,234.5."""
    s = "{:,.{d}f}".format(float(value), d=max(0, decimals))
    if (lang or _language) == "da":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s
