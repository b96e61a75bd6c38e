# SPDX-License-Identifier: GPL-2.0-or-later
"""The bundled help: one HTML page per algorithm and language inside the plugin folder.

The pages are written by the build (scripts/make_help.py) from each algorithm's own help
text, parameters and outputs, so they always describe the code that ships. An algorithm's
``helpUrl()`` is the ``file://`` address of its page in the UI language (English when that
language has no page; empty in a source tree that was never built).
"""
import html
import os
from typing import Iterable, List, Optional

from qgis.core import QgsApplication, QgsProcessingParameterDefinition
from qgis.PyQt.QtCore import QUrl

from boligsocial_plugin.core import i18n as core_i18n
from boligsocial_plugin.core.i18n import tr

HELP_DIR = os.path.join(os.path.dirname(__file__), "help")
LANGUAGES = ("en", "da")
PROVIDER_ID = "boligsocial"

_STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;"
    "line-height:1.4;color:#222}h1{font-size:1.6em}h2{font-size:1.2em;margin-top:1.5em}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.3em .5em;"
    "vertical-align:top;text-align:left}th{background:#eee}code{font-size:.95em}"
    ".nav,.meta,.foot{color:#555;font-size:.9em}.flag{color:#555;font-style:italic}"
)


def page_path(alg_id: str, lang: str, base: Optional[str] = None) -> str:
    """Where the page of an algorithm (id without provider prefix) in a language lives."""
    return os.path.join(base or HELP_DIR, lang, alg_id + ".html")


def help_url(alg_id: str, lang: Optional[str] = None, base: Optional[str] = None) -> str:
    """file:// address of the algorithm's page in the UI language (English fallback)."""
    wanted = (lang or core_i18n.language() or "en")[:2]
    for code in (wanted, "en"):
        path = page_path(alg_id, code, base)
        if os.path.exists(path):
            return QUrl.fromLocalFile(os.path.abspath(path)).toString()
    return ""


def portable(text: str) -> str:
    """Text without the absolute path of this copy of the plugin (the pages are built once)."""
    here = os.path.dirname(os.path.abspath(__file__))
    return text.replace(here, os.path.basename(here))


def _esc(value: object) -> str:
    return html.escape(portable(str(value)), quote=False)


def _type_name(p: QgsProcessingParameterDefinition) -> str:
    kind = QgsApplication.processingRegistry().parameterType(p.type())
    return kind.name() if kind is not None else p.type()


def _output_type(kind: str) -> str:
    names = {"outputVector": tr("Vector layer"), "outputRaster": tr("Raster layer"),
             "outputLayer": tr("Layer"), "outputNumber": tr("Number"),
             "outputString": tr("Text"), "outputBoolean": tr("Yes/no"),
             "outputFile": tr("File"), "outputHtml": tr("HTML file"),
             "outputFolder": tr("Folder")}
    return names.get(kind, kind)


def _default(p: QgsProcessingParameterDefinition) -> str:
    value = p.defaultValue()
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _parameter_row(p: QgsProcessingParameterDefinition) -> str:
    notes = []
    if p.flags() & QgsProcessingParameterDefinition.FlagOptional:
        notes.append(tr("optional"))
    if p.flags() & QgsProcessingParameterDefinition.FlagAdvanced:
        notes.append(tr("advanced"))
    text = _esc(p.help()) if p.help() else ""
    options = getattr(p, "options", None)
    if p.type() == "enum" and options is not None:
        from boligsocial_plugin.processing.params import enum_labels

        labels = enum_labels(p)
        text += "<br>" if text else ""
        text += tr("Values: {values}").format(values=", ".join(
            "<code>{}</code>{}".format(_esc(o), " ({})".format(_esc(labels[o]))
                                       if o in labels else "") for o in options()))
    flag = " <span class=\"flag\">({})</span>".format(", ".join(notes)) if notes else ""
    return ("<tr><td><code>{name}</code></td><td>{label}{flag}</td><td>{kind}</td>"
            "<td>{default}</td><td>{text}</td></tr>").format(
        name=_esc(p.name()), label=_esc(p.description()), flag=flag,
        kind=_esc(_type_name(p)), default=_esc(_default(p)), text=text)


def render_page(alg, lang: str, version: str = "") -> str:
    """The HTML page of one algorithm, in the language whose translator is installed."""
    other = "da" if lang == "en" else "en"
    other_label = "Dansk" if other == "da" else "English"
    params = [p for p in alg.parameterDefinitions()
              if not p.flags() & QgsProcessingParameterDefinition.FlagHidden]
    rows = "\n".join(_parameter_row(p) for p in params)
    outputs = "\n".join(
        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>".format(
            _esc(o.name()), _esc(o.description()), _esc(_output_type(o.type())))
        for o in alg.outputDefinitions())
    head = tr("Name (command line)"), tr("Label"), tr("Type"), tr("Default"), tr("Description")
    return """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{title} – {plugin}</title><style>{style}</style></head>
<body>
<p class="nav"><a href="index.html">{all}</a> · <a href="../{other}/{id}.html">{other_label}</a></p>
<h1>{title}</h1>
<p class="meta">{id_label}: <code>{provider}:{id}</code> · {group_label}: {group}</p>
<div class="help">{help}</div>
<h2>{params_label}</h2>
<table>
<tr><th>{h[0]}</th><th>{h[1]}</th><th>{h[2]}</th><th>{h[3]}</th><th>{h[4]}</th></tr>
{rows}
</table>
<h2>{outputs_label}</h2>
<table>
<tr><th>{h[0]}</th><th>{h[4]}</th><th>{h[2]}</th></tr>
{outputs}
</table>
<p class="foot">{cli}</p>
<p class="foot">{plugin} {version} · {more}</p>
</body>
</html>
""".format(
        lang=lang, title=_esc(alg.displayName()), plugin=_esc(tr("Boligsocial monitoring")),
        style=_STYLE, all=_esc(tr("All algorithms")), other=other, other_label=other_label,
        id=_esc(alg.name()), id_label=_esc(tr("Algorithm id")), provider=PROVIDER_ID,
        group_label=_esc(tr("Group")), group=_esc(alg.group()),
        help=portable(getattr(alg, "help_text", alg.shortHelpString)()),
        params_label=_esc(tr("Parameters")), h=[_esc(x) for x in head], rows=rows,
        outputs_label=_esc(tr("Outputs")), outputs=outputs,
        cli=tr("On the command line: {command}").format(
            command="<code>qgis_process help {}:{}</code>".format(PROVIDER_ID, _esc(alg.name()))),
        version=_esc(version),
        more=_esc(tr("More in README.md in the plugin folder: the data model, discretion, the "
                     "state criteria and data protection.")))


def render_index(algs: Iterable, lang: str, version: str = "") -> str:
    """The list of every algorithm's page, by group."""
    by_group = {}
    for alg in algs:
        by_group.setdefault(alg.group(), []).append(alg)
    parts: List[str] = []
    for group in sorted(by_group):
        parts.append("<h2>{}</h2>\n<ul>".format(_esc(group)))
        for alg in sorted(by_group[group], key=lambda a: a.displayName()):
            parts.append("<li><a href=\"{id}.html\">{name}</a> (<code>{p}:{id}</code>)</li>".format(
                id=_esc(alg.name()), name=_esc(alg.displayName()), p=PROVIDER_ID))
        parts.append("</ul>")
    return """<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><title>{plugin}</title><style>{style}</style></head>
<body>
<h1>{plugin}</h1>
{body}
<p class="foot">{plugin} {version}</p>
</body>
</html>
""".format(lang=lang, plugin=_esc(tr("Boligsocial monitoring")), style=_STYLE,
           body="\n".join(parts), version=_esc(version))


def write_pages(algs: List, lang: str, out_dir: str, version: str = "") -> List[str]:
    """Write <out_dir>/<lang>/<id>.html for every algorithm and an index; returns the paths."""
    folder = os.path.join(out_dir, lang)
    os.makedirs(folder, exist_ok=True)
    written = []
    for alg in algs:
        path = page_path(alg.name(), lang, out_dir)
        with open(path, "w", encoding="utf-8") as f:
            f.write(render_page(alg, lang, version))
        written.append(path)
    path = os.path.join(folder, "index.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(render_index(algs, lang, version))
    return written + [path]
