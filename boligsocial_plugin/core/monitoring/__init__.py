# SPDX-License-Identifier: GPL-2.0-or-later
"""Change over time: the criteria and indicators over many snapshots, their trends, and the
list the next computation would give if the trends continue (``monitorcriteria`` and
``trackchange``).

Modules: ``calendar`` (cadence, missing snapshots, dates), ``trend`` (least-squares trends with
gaps), ``series`` (the criteria at every snapshot through ``assess_criteria``), ``projection``
(trends, projected values and category), ``text`` (the warnings), ``watch`` (the areas to
watch), ``change`` (first, last, change and trend of indicators), ``tables`` (the output tables
and their fields). The charts are drawn in maps/charts.py (matplotlib).
"""
