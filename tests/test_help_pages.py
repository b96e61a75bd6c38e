# SPDX-License-Identifier: GPL-2.0-or-later
"""The bundled help: a page per algorithm and language in the zip, opened by helpUrl()."""
import html
import os
import zipfile

import pytest
from qgis.PyQt.QtCore import QCoreApplication, QTranslator, QUrl

from boligsocial_plugin import helppages
from boligsocial_plugin.core import i18n as core_i18n


@pytest.fixture(scope="module")
def shipped(built_zip, tmp_path_factory):
    """The release zip unpacked: (plugin folder, names in the zip)."""
    out = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built_zip) as z:
        z.extractall(out)
        names = set(z.namelist())
    return out / "boligsocial_plugin", names


def _page(folder, lang, alg_id):
    with open(helppages.page_path(alg_id, lang, str(folder / "help")), encoding="utf-8") as f:
        return f.read()


def test_every_algorithm_has_its_page_in_english_and_danish(live_provider, shipped):
    folder, names = shipped
    algs = live_provider.algorithms()
    assert len(algs) >= 8
    for alg in algs:
        for lang in helppages.LANGUAGES:
            assert "boligsocial_plugin/help/{}/{}.html".format(lang, alg.name()) in names
    for lang in helppages.LANGUAGES:
        index = _page(folder, lang, "index")
        assert all('href="{}.html"'.format(a.name()) in index for a in algs)


def test_help_url_opens_the_bundled_page_in_the_ui_language(live_provider, shipped,
                                                            monkeypatch):
    folder, _names = shipped
    monkeypatch.setattr(helppages, "HELP_DIR", str(folder / "help"))
    for lang in ("en", "da"):
        monkeypatch.setattr(core_i18n, "_language", lang)
        for alg in live_provider.algorithms():
            url = alg.helpUrl()
            assert url.startswith("file:///"), url
            path = QUrl(url).toLocalFile()
            assert os.path.isfile(path), url
            assert path.endswith(os.path.join(lang, alg.name() + ".html"))
    monkeypatch.setattr(core_i18n, "_language", "fr")  # no French pages: English
    assert live_provider.algorithms()[0].helpUrl().endswith(
        "/en/{}.html".format(live_provider.algorithms()[0].name()))


def test_without_built_pages_there_is_no_help_link(live_provider, tmp_path, monkeypatch):
    monkeypatch.setattr(helppages, "HELP_DIR", str(tmp_path))
    assert {alg.helpUrl() for alg in live_provider.algorithms()} == {""}


def test_english_pages_hold_the_code_s_help_parameters_and_outputs(live_provider, shipped):
    folder, _names = shipped
    for alg in live_provider.algorithms():
        page = _page(folder, "en", alg.name())
        assert '<html lang="en">' in page
        assert "<h1>{}</h1>".format(html.escape(alg.displayName(), quote=False)) in page
        assert helppages.portable(alg.help_text()) in page
        for p in alg.parameterDefinitions():
            assert "<code>{}</code>".format(p.name()) in page, (alg.name(), p.name())
            assert html.escape(p.description(), quote=False) in page
            if p.help():
                assert html.escape(helppages.portable(p.help()), quote=False) in page
        for o in alg.outputDefinitions():
            assert "<code>{}</code>".format(o.name()) in page
        assert "example" + ".org" not in page and str(folder) not in page
        assert os.path.dirname(helppages.__file__) not in page


def test_danish_pages_are_translated(live_provider, shipped):
    folder, _names = shipped
    t = QTranslator()
    assert t.load(str(folder / "i18n" / "boligsocial_da.qm"))
    QCoreApplication.installTranslator(t)
    try:
        for alg in live_provider.algorithms():
            page = _page(folder, "da", alg.name())
            assert '<html lang="da">' in page
            title = alg.displayName()
            assert "<h1>{}</h1>".format(html.escape(title, quote=False)) in page
            assert helppages.portable(alg.help_text()) in page
            assert "Parametre" in page and "Uddata" in page
    finally:
        QCoreApplication.removeTranslator(t)
    assert "<h1>Beregn indikatorer</h1>" in _page(folder, "da", "computeindicators")
