# SPDX-License-Identifier: GPL-2.0-or-later
"""QGIS plumbing outside core/: layers and pandas, QGIS values, feature writing, adjacency.

Also the translator that plugs Qt's translations into ``core.i18n``.
"""
