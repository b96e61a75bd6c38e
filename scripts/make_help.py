#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
"""Write the bundled help: <package>/help/<lang>/<algorithm id>.html for English and Danish.

The pages come from the algorithms themselves (help text, parameters, outputs), so they
describe exactly the code they ship with. The build runs this on the assembled plugin
folder (after compiling the translations); by hand:
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/make_help.py --plugin-root build
"""
import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKG = "boligsocial_plugin"


def main(argv=None) -> int:
    """Load the plugin from --plugin-root and write its pages in every language."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--plugin-root", default=ROOT,
                    help="folder holding the {} package (default: the repository)".format(PKG))
    ap.add_argument("--out", help="help folder (default: <package>/help)")
    args = ap.parse_args(argv)
    root = os.path.abspath(args.plugin_root)
    out = os.path.abspath(args.out or os.path.join(root, PKG, "help"))

    from qgis.core import QgsApplication
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, root)
    import boligsocial_plugin
    from boligsocial_plugin import helppages
    from boligsocial_plugin.plugin import plugin_version
    from boligsocial_plugin.qgis_io import translator as i18n

    if os.path.dirname(os.path.abspath(boligsocial_plugin.__file__)) != os.path.join(root, PKG):
        print("make_help: {} was imported from {}, not {}".format(
            PKG, boligsocial_plugin.__file__, root), file=sys.stderr)
        return 1
    plugin = boligsocial_plugin.classFactory(None)
    plugin.initProcessing()
    provider = QgsApplication.processingRegistry().providerById(helppages.PROVIDER_ID)
    if provider is None or not provider.algorithms():
        print("make_help: the provider did not load", file=sys.stderr)
        return 1
    written = 0
    for lang in helppages.LANGUAGES:
        i18n.remove_translator(plugin.translator)
        plugin.translator = i18n.install_translator(lang)
        if lang != "en" and plugin.translator is None:
            print("make_help: no compiled translation for '{}' (run the build)".format(lang),
                  file=sys.stderr)
            return 1
        qgis_tr = QTranslator()  # QGIS's own words (parameter types) in the same language
        has_qgis_tr = lang != "en" and qgis_tr.load(
            "qgis_" + lang, QgsApplication.i18nPath())
        if has_qgis_tr:
            QCoreApplication.installTranslator(qgis_tr)
        algs = [a.create() for a in provider.algorithms()]  # parameters in this language
        written += len(helppages.write_pages(algs, lang, out, plugin_version()))
        if has_qgis_tr:
            QCoreApplication.removeTranslator(qgis_tr)
    print("help pages:", written, "in", out)
    plugin.unload()
    return 0


if __name__ == "__main__":
    sys.exit(main())
