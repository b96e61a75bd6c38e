# SPDX-License-Identifier: GPL-2.0-or-later
"""Qt's translations for the whole plugin: one context ('Boligsocial'), Danish in i18n/.

Every module translates with :func:`boligsocial_plugin.core.i18n.tr`; this module loads the
compiled translation for QGIS's language and plugs Qt's lookup into that hook.
"""
import os
from typing import Optional

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from boligsocial_plugin.core import i18n as core_i18n

CONTEXT = "Boligsocial"
PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def qt_translate(text: str) -> str:
    """Qt's translation of an English literal in the plugin's context."""
    return QCoreApplication.translate(CONTEXT, text)


def locale_code() -> str:
    """Two-letter UI language of QGIS (never crashes on a missing setting)."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        value = settings.value("locale/userLocale", "") or ""
    else:  # QGIS follows the system's language unless the user overrides it
        value = QgsApplication.locale() or QLocale.system().name()
    return str(value or "en")[:2]


def qm_path(lang: str) -> Optional[str]:
    """Path of the compiled translation for a language, if shipped."""
    for folder in (os.path.join(PLUGIN_DIR, "i18n"),
                   os.path.join(os.path.dirname(PLUGIN_DIR), "i18n")):
        path = os.path.join(folder, "boligsocial_{}.qm".format(lang))
        if os.path.exists(path):
            return path
    return None


def install_translator(lang: Optional[str] = None) -> Optional[QTranslator]:
    """Load and install the translator for QGIS's locale; returns it (keep a reference)."""
    core_i18n.set_translator(qt_translate)
    lang = lang or locale_code()
    core_i18n.set_language("en")
    path = qm_path(lang)
    if not path:
        return None
    translator = QTranslator()
    if not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    core_i18n.set_language(lang)
    return translator


def remove_translator(translator: Optional[QTranslator]) -> None:
    """Undo install_translator."""
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
        core_i18n.set_language("en")
