# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS entry point of the boligsocial plugin."""


def classFactory(iface):  # noqa: N802 (QGIS API name)
    """Create the plugin; iface is None under qgis_process."""
    from boligsocial_plugin.plugin import BoligsocialPlugin

    return BoligsocialPlugin(iface)
