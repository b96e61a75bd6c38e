# SPDX-License-Identifier: GPL-2.0-or-later
"""What every algorithm owes its users: help, labelled enums, Danish, CSV form, field names.

These tests look at every algorithm the provider lists, so a new algorithm that forgets
help on a parameter, labels on an enum or their Danish translation fails here.
"""
import csv
import os

import pytest
from qgis.core import (
    QgsProcessingFeedback,
    QgsProcessingOutputHtml,
    QgsProcessingParameterFeatureSink,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from boligsocial_plugin.core.fieldinfo import layer_field_infos
from boligsocial_plugin.processing.params import (
    CSV_FORMAT,
    ENUM_WRAPPER,
    enum_labels,
    parameters_without_help,
)
from tests.helpers import grid_areas, persons_frame

KEY = "0123456789abcdef0123456789abcdef"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class ErrorFeedback(QgsProcessingFeedback):
    """Feedback that keeps what was reported as an error."""

    def __init__(self):
        super().__init__()
        self.errors = []

    def reportError(self, error, fatalError=False):  # noqa: N802,N803
        self.errors.append(error)
        super().reportError(error, fatalError)


def _fresh(live_provider):
    """New instances of every algorithm (parameters made in the current language)."""
    return {a.name(): a.create() for a in live_provider.algorithms()}


def test_every_parameter_of_every_algorithm_has_help(live_provider):
    missing = {name: parameters_without_help(alg)
               for name, alg in _fresh(live_provider).items()}
    assert {k: v for k, v in missing.items() if v} == {}


def test_every_enum_shows_a_label_per_value_and_keeps_static_values(live_provider):
    enums = 0
    for alg in _fresh(live_provider).values():
        for p in alg.parameterDefinitions():
            if p.type() != "enum":
                continue
            enums += 1
            where = "{}:{}".format(alg.name(), p.name())
            assert p.usesStaticStrings(), where  # RULE_SET=2021 on the command line
            assert not p.allowMultiple(), where  # QGIS 3.22 shows empty labels then
            labels = enum_labels(p)
            assert list(labels) == list(p.options()), where
            assert all(label.strip() for label in labels.values()), where
            assert p.metadata()["widget_wrapper"]["class"] == ENUM_WRAPPER, where
            assert p.checkValueIsAcceptable(p.options()[-1]), where
            assert not p.checkValueIsAcceptable(len(p.options()) - 1) or \
                str(len(p.options()) - 1) in p.options(), where  # an index is no value
    assert enums >= 10


def test_labels_help_and_enum_labels_are_danish(live_provider, danish):
    """Every description, help text and enum label differs in Danish, unless the Danish
    translation deliberately keeps the English text (e.g. 'Aarhus: <5')."""
    import xml.etree.ElementTree as ET

    ts = {m.findtext("source"): m.findtext("translation") for m in ET.parse(
        os.path.join(ROOT, "i18n", "boligsocial_da.ts")).getroot().iter("message")}
    QCoreApplication.removeTranslator(danish)
    english = _fresh(live_provider)
    english_names = {name: alg.displayName() for name, alg in english.items()}
    QCoreApplication.installTranslator(danish)
    dansk = _fresh(live_provider)
    untranslated = []
    for name, alg in english.items():
        for p in alg.parameterDefinitions():
            q = dansk[name].parameterDefinition(p.name())
            pairs = [(p.description(), q.description()), (p.help(), q.help())]
            pairs += list(zip(enum_labels(p).values(), enum_labels(q).values()))
            for en, da in pairs:
                same_on_purpose = ts.get(en) == en
                if en == da and not same_on_purpose:
                    untranslated.append("{}:{}: {}".format(name, p.name(), en))
        assert english_names[name] != dansk[name].displayName()
    assert untranslated == []


def test_every_algorithm_with_a_sink_takes_csv_format(live_provider):
    for alg in _fresh(live_provider).values():
        sinks = [p for p in alg.parameterDefinitions()
                 if isinstance(p, QgsProcessingParameterFeatureSink)]
        assert (alg.parameterDefinition(CSV_FORMAT) is not None) == bool(sinks), alg.name()


def test_no_html_output_types(live_provider):
    """QGIS 3.22's batch dialog fails after a run with an HTML output (loadHTMLResults)."""
    for alg in _fresh(live_provider).values():
        assert not [o for o in alg.outputDefinitions()
                    if isinstance(o, QgsProcessingOutputHtml)], alg.name()


def test_dialog_help_lists_every_parameter(live_provider):
    alg = _fresh(live_provider)["computeindicators"]
    text = alg.shortHelpString()
    assert text.startswith(alg.help_text())
    for p in alg.parameterDefinitions():
        assert p.description().replace("'", "&#x27;") in text, p.name()


# --------------------------------------------------------------------------- outputs

@pytest.fixture(scope="module")
def data(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("conventions")
    areas = grid_areas(str(tmp / "areas.gpkg"))
    df = persons_frame(areas, [160, 120, 90, 70, 30, 60], dates=("2024-01-01", "2025-01-01"))
    df = df.drop(columns=["area_truth"])
    df.to_csv(tmp / "persons.csv", index=False)
    cpr = df.copy()
    # CPR-shaped keys (valid birth dates) and, for the other test, a warehouse's own keys
    cpr.insert(0, "cpr", ["{:02d}0190{:04d}".format(1 + i % 28, i % 10000)
                          for i in pd_codes(cpr["person_id"])])
    cpr.insert(1, "case_no", ["K-{:06d}".format(i) for i in pd_codes(cpr["person_id"])])
    cpr.drop(columns=["person_id"]).to_csv(tmp / "persons_cpr.csv", index=False)
    (tmp / "key.txt").write_text(KEY, encoding="utf-8")
    return tmp


def pd_codes(series):
    """A number per distinct value (the same person keeps the same number)."""
    import pandas as pd

    return pd.factorize(series)[0]


def _base(data):
    return {"PERSONS": str(data / "persons.csv"), "AREAS": str(data / "areas.gpkg"),
            "AREA_ID_FIELD": "area_id", "AREA_NAME_FIELD": "area_name",
            "MIN_RESIDENTS": 20, "PERTURBATION": "off", "REGISTER_MODE": "off"}


def _check_presentation(path, ours=None):
    """Aliases on our fields, rounding on their doubles, full precision in the data."""
    lyr = QgsVectorLayer(path, "out", "ogr")  # loads the default style saved in the file
    assert lyr.isValid(), path
    names = [f.name() for f in lyr.fields() if f.name() != "fid"]
    infos = layer_field_infos(names)
    for name in ours if ours is not None else names:
        assert name in infos, name
    for name, info in infos.items():
        idx = lyr.fields().lookupField(name)
        assert lyr.attributeAlias(idx) == info.alias, name
        assert lyr.editFormConfig().readOnly(idx), name
        if info.decimals is not None and lyr.fields().at(idx).type() == QVariant.Double:
            setup = lyr.editorWidgetSetup(idx)
            assert setup.type() == "Range" and setup.config()["Precision"] == info.decimals
    return lyr


def test_computeindicators_output_has_aliases_rounding_and_style(run_alg, data, tmp_path):
    out = str(tmp_path / "ind.gpkg")
    run_alg("computeindicators", dict(_base(data), OUTPUT=out))
    lyr = _check_presentation(out)
    assert lyr.renderer().type() == "RuleRenderer"
    import sqlite3

    with sqlite3.connect(out) as con:  # one style of ours, with the aliases
        assert con.execute("SELECT count(*) FROM layer_styles").fetchone()[0] == 1
    vals = [f["outside_labour_val"] for f in lyr.getFeatures() if f["outside_labour_val"]]
    assert any(round(v, 1) != v for v in vals)  # rounded on screen only


def test_every_other_output_has_aliases_and_polygons_are_styled(run_alg, data, tmp_path):
    res = run_alg("validateextract", {"PERSONS": str(data / "persons.csv"),
                                      "OUTPUT": str(tmp_path / "problems.gpkg")})
    _check_presentation(res["OUTPUT"])
    crit = run_alg("assesscriteria", dict(_base(data), OUTPUT=str(tmp_path / "crit.gpkg")))
    assert _check_presentation(crit["OUTPUT"]).renderer().type() == "categorizedSymbol"
    ind = run_alg("computeindicators", dict(_base(data), OUTPUT=str(tmp_path / "ind.gpkg")))
    prot = run_alg("applydiscretion", {
        "INPUT": ind["OUTPUT"], "COUNT_FIELDS": ["age_0_17_num", "age_18_64_num"],
        "TOTAL_FIELD": "residents", "MIN_RESIDENTS": 20,
        "OUTPUT": str(tmp_path / "prot.gpkg")})
    assert _check_presentation(prot["OUTPUT"]).renderer().type() == "RuleRenderer"
    merged = run_alg("mergesmallareas", {
        "AREAS": str(data / "areas.gpkg"), "AREA_ID_FIELD": "area_id",
        "PERSONS": str(data / "persons.csv"), "MINIMUM": 150,
        "OUTPUT": str(tmp_path / "regions.gpkg"),
        "OUTPUT_MEMBERS": str(tmp_path / "members.gpkg")})
    regions = _check_presentation(merged["OUTPUT"])
    assert regions.renderer().type() == "RuleRenderer"  # by population, infeasible hatched
    _check_presentation(merged["OUTPUT_MEMBERS"])
    pseudo = run_alg("pseudonymise", {"PERSONS": str(data / "persons_cpr.csv"),
                                      "ID_FIELD": "cpr", "KEY_FILE": str(data / "key.txt"),
                                      "OUTPUT": str(tmp_path / "pseudo.gpkg")})
    lyr = _check_presentation(pseudo["OUTPUT"], ours=["person_id"])
    assert "cpr" not in lyr.fields().names()


def test_pseudonymise_takes_another_direct_key_when_told(run_alg, data, tmp_path):
    params = {"PERSONS": str(data / "persons_cpr.csv"), "ID_FIELD": "case_no",
              "KEY_FILE": str(data / "key.txt"), "OUTPUT": str(tmp_path / "p.gpkg")}
    from qgis.core import QgsProcessingException

    # refused as CPR numbers, with how to take another key (no exception object kept: its
    # frames would hold QGIS objects until the interpreter exits)
    with pytest.raises(QgsProcessingException, match=r"not 10 digits.*ID_IS_CPR=false"):
        run_alg("pseudonymise", params)
    res = run_alg("pseudonymise", dict(params, ID_IS_CPR=False))
    assert res["ROWS_WRITTEN"] == res["ROWS_READ"] > 0 and res["MALFORMED"] == 0
    lyr = QgsVectorLayer(res["OUTPUT"], "p", "ogr")
    ids = {f["person_id"] for f in lyr.getFeatures()}
    names = lyr.fields().names()
    del lyr  # the frame lives on in the refused exception's traceback until exit
    assert len(ids) == res["ROWS_READ"] // 2  # two dates: each person keeps one pseudonym
    assert "case_no" not in names


# --------------------------------------------------------------------------- CSV

def _read(path):
    with open(path, "rb") as f:
        raw = f.read()
    return raw, raw.decode("utf-8-sig")


@pytest.mark.parametrize("choice", ["danish", "international"])
def test_csv_output_in_the_chosen_form_and_without_styling_errors(run_alg, data, tmp_path,
                                                                  choice):
    out = str(tmp_path / "ind.csv")
    feedback = ErrorFeedback()
    run_alg("computeindicators", dict(_base(data), REF_DATE="2025-01-01", CSV_FORMAT=choice,
                                      OUTPUT=out), feedback=feedback)
    assert feedback.errors == []  # a CSV has no style: no ERROR in the log
    raw, text = _read(out)
    sep = ";" if choice == "danish" else ","
    assert raw.startswith(b"\xef\xbb\xbf") == (choice == "danish")
    rows = list(csv.reader(text.splitlines(), delimiter=sep))
    header = rows[0]
    assert header[:4] == ["area_id", "area_name", "ref_date", "residents"]
    assert all(r[2] == "2025-01-01" for r in rows[1:])
    assert all(r[1].startswith("Område") for r in rows[1:])  # æøå intact
    val = header.index("outside_labour_val")
    shown = [r[val] for r in rows[1:] if r[val]]
    assert shown
    mark, other = (",", ".") if choice == "danish" else (".", ",")
    assert any(mark in v for v in shown) and not any(other in v for v in shown)
    assert '"' not in text  # no quoted numbers (and no text needing quotes here)
    assert not os.path.exists(str(tmp_path / "ind.qml"))


def test_csv_follows_the_language(run_alg, data, tmp_path, danish):
    out = str(tmp_path / "ind.csv")
    run_alg("computeindicators", dict(_base(data), REF_DATE="2025-01-01", OUTPUT=out))
    raw, text = _read(out)
    assert raw.startswith(b"\xef\xbb\xbf") and text.splitlines()[0].startswith("area_id;")


def test_danish_run_gives_danish_aliases(run_alg, data, tmp_path, danish):
    out = str(tmp_path / "ind.gpkg")
    run_alg("computeindicators", dict(_base(data), OUTPUT=out))
    lyr = QgsVectorLayer(out, "out", "ogr")
    assert lyr.attributeAlias(lyr.fields().lookupField("residents")) == "Beboere"
    assert lyr.attributeAlias(lyr.fields().lookupField("ref_date")) == "Opgørelsesdato"


def test_a_danish_csv_output_reads_back_as_input(run_alg, data, tmp_path):
    """pseudonymise -> Danish CSV -> computeindicators: the same residents as from the
    original extract (negative incomes held as text stay numbers, not formulas)."""
    import pandas as pd

    src = pd.read_csv(data / "persons_cpr.csv", dtype={"cpr": str})
    src.loc[src.index[:5], "gross_income"] = -1200.0  # losses exist
    src.to_csv(tmp_path / "cpr.csv", index=False)
    out = tmp_path / "pseudo.csv"
    run_alg("pseudonymise", {"PERSONS": str(tmp_path / "cpr.csv"), "ID_FIELD": "cpr",
                             "KEY_FILE": str(data / "key.txt"), "CSV_FORMAT": "danish",
                             "OUTPUT": str(out)})
    assert ";-1200" in out.read_text(encoding="utf-8-sig")
    params = dict(_base(data), REF_DATE="2025-01-01", MIN_RESIDENTS=0)
    a = run_alg("computeindicators", dict(params, PERSONS=str(out),
                                          OUTPUT=str(tmp_path / "a.gpkg")))
    b = run_alg("computeindicators", dict(params, OUTPUT=str(tmp_path / "b.gpkg")))
    counts = [{f["area_id"]: f["residents"] for f in QgsVectorLayer(r["OUTPUT"], "x", "ogr")
               .getFeatures()} for r in (a, b)]
    assert counts[0] == counts[1] and sum(counts[0].values()) > 0
