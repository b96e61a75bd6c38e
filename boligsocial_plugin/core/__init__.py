# SPDX-License-Identifier: GPL-2.0-or-later
"""Domain rules of boligsocial monitoring: pure Python, pandas and numpy (no qgis import)."""
