# SPDX-License-Identifier: GPL-2.0-or-later
"""Maps: choropleth and category styles (styling) and the PNG/PDF report (report)."""
