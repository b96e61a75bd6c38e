# SPDX-License-Identifier: GPL-2.0-or-later
"""Load the plugin in a fresh QGIS as if a package were not installed; print what QGIS sees.

Run by tests/test_dependencies.py: python missing_package_script.py <module> <plugin root>.
"""
import json
import sys

sys.modules[sys.argv[1]] = None  # importing it now raises ModuleNotFoundError
from unittest.mock import MagicMock  # noqa: E402

from qgis.core import (  # noqa: E402
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingFeedback,
)

QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()
sys.path.insert(0, sys.argv[2])
sys.path.append("/usr/share/qgis/python/plugins")
from processing.core.Processing import Processing  # noqa: E402

Processing.initialize()
import processing  # noqa: E402

import boligsocial_plugin  # noqa: E402

iface = MagicMock()
plugin = boligsocial_plugin.classFactory(iface)
plugin.initGui()
provider = QgsApplication.processingRegistry().providerById("boligsocial")
out = {
    "message_bar": [[str(a) for a in c.args] + [int(c.kwargs.get("level", -1)),
                                                 c.kwargs.get("duration")]
                    for c in iface.messageBar.return_value.pushMessage.call_args_list],
    "gui_installed": iface.addToolBar.called or iface.addDockWidget.called,
    "algorithms": {a.name(): {"display": a.displayName(), "group": a.group(),
                              "can_execute": list(a.canExecute()),
                              "help": a.shortHelpString()}
                   for a in (provider.algorithms() if provider else [])},
}
try:
    processing.run("boligsocial:computeindicators", {}, context=QgsProcessingContext(),
                   feedback=QgsProcessingFeedback())
    out["run"] = "ran"
except Exception as e:  # noqa: BLE001 - reported to the test
    out["run"] = "{}: {}".format(type(e).__name__, e)
plugin.unload()
out["provider_removed"] = QgsApplication.processingRegistry().providerById("boligsocial") is None
out["imported"] = sys.modules.get(sys.argv[1]) is not None
print("RESULT " + json.dumps(out))
