# SPDX-License-Identifier: GPL-2.0-or-later
"""Parameter conventions shared by every algorithm: help, labelled enums, dates, CSV form.

- Every parameter has help (``setHelp``); ``with_help`` sets it and returns the parameter.
- Enums use static strings (``RULE_SET=2021`` on the command line, stable in models) and show
  translated labels in the toolbox, batch and modeler dialogs: :func:`enum_parameter` stores
  the labels in the parameter's metadata and names the widget wrapper that shows them
  (gui/enum_widget.py; the Processing plugin creates it from ``widget_wrapper['class']``).
- Dates are date parameters (a calendar in the dialog); the command line still takes
  ``REF_DATE=2025-01-01``; :func:`date_value` gives ISO text or None.
- ``CSV_FORMAT`` (added to every algorithm with a feature sink by the base class) chooses
  the form of CSV outputs: core/csvformat.py.

See the README section "Conventions for algorithms" for how a new algorithm uses these.
"""
from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsProcessingParameterDateTime,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
)

from boligsocial_plugin.core import csvformat
from boligsocial_plugin.core.i18n import tr

CSV_FORMAT = "CSV_FORMAT"
#: The widget wrapper showing an enum's labels (imported by the Processing plugin by name,
#: so processing code never imports the GUI).
ENUM_WRAPPER = "boligsocial_plugin.gui.enum_widget.LabelledEnumWidget"
ISO_DATE = "yyyy-MM-dd"


def with_help(parameter: QgsProcessingParameterDefinition,
              text: str) -> QgsProcessingParameterDefinition:
    """Set the parameter's help (already translated) and return the parameter."""
    parameter.setHelp(text)
    return parameter


def enum_parameter(name: str, description: str, options: Sequence[Tuple[str, str]],
                   default: Optional[str] = None, optional: bool = False,
                   help_text: str = "") -> QgsProcessingParameterEnum:
    """A static-string enum showing a translated label per value.

    ``options`` are (value, translated label) pairs: the value is what models, batch files
    and ``qgis_process`` use (stable, never translated), the label what the dialogs show.
    """
    values = [v for v, _label in options]
    p = QgsProcessingParameterEnum(name, description, options=values, allowMultiple=False,
                                   defaultValue=default, optional=optional,
                                   usesStaticStrings=True)
    metadata = dict(p.metadata())
    metadata["widget_wrapper"] = {"class": ENUM_WRAPPER,
                                  "labels": [label for _v, label in options]}
    p.setMetadata(metadata)
    # QGIS 3.22's `qgis_process help` lists static-string enums by index; say what to write
    hint = tr("On the command line: {name}={value} (one of {values}).").format(
        name=name, value=default or values[0], values=", ".join(values))
    p.setHelp((help_text + " " + hint) if help_text else hint)
    return p


def enum_labels(parameter: QgsProcessingParameterDefinition) -> Dict[str, str]:
    """Value -> label of an enum made by :func:`enum_parameter` (empty for other params)."""
    if parameter.type() != "enum":
        return {}
    wrapper = parameter.metadata().get("widget_wrapper") or {}
    labels = wrapper.get("labels") if isinstance(wrapper, dict) else None
    options = list(parameter.options())
    if not labels or len(labels) != len(options):
        return {}
    return dict(zip(options, labels))


def date_parameter(name: str, description: str, help_text: str,
                   optional: bool = True) -> QgsProcessingParameterDateTime:
    """A date (calendar in the dialogs; 'YYYY-MM-DD' on the command line and in models)."""
    p = QgsProcessingParameterDateTime(name, description, QgsProcessingParameterDateTime.Date,
                                       optional=optional)
    p.setHelp(help_text)
    return p


def date_value(alg, parameters, name: str, context) -> Optional[str]:
    """A date parameter as 'YYYY-MM-DD', or None when it is empty."""
    raw = parameters.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = alg.parameterAsDateTime(parameters, name, context)
    if value.isValid():
        return value.date().toString(ISO_DATE)
    return None


def csv_format_parameter() -> QgsProcessingParameterEnum:
    """CSV_FORMAT: the form of CSV outputs (auto = the UI language)."""
    return enum_parameter(
        CSV_FORMAT, tr("Form of CSV outputs"),
        list(zip(csvformat.CHOICES, csvformat.choice_labels())), default=csvformat.AUTO,
        optional=True,  # so models made before it existed still validate
        help_text=tr("Only for outputs saved as .csv. Danish: ';' between fields, decimal "
                     "comma, UTF-8 with byte-order mark, so Excel shows æ, ø, å and numbers "
                     "right; international: ',' and decimal point. Both write dates as "
                     "YYYY-MM-DD and never quote numbers. auto: Danish when QGIS runs in "
                     "Danish."))


def parameters_without_help(alg) -> List[str]:
    """Names of the algorithm's parameters that lack help (tests keep this empty)."""
    return [p.name() for p in alg.parameterDefinitions() if not (p.help() or "").strip()]
