# SPDX-License-Identifier: GPL-2.0-or-later
"""Discretion (statistical disclosure control) of everything the plugin publishes.

Flags: ``''`` published, ``P`` primary suppression, ``S`` secondary suppression,
``A`` area below the minimum number of residents. Suppressed values are NULL (NaN), never 0.

Modules, from the persons' point of view outwards:

* :mod:`.rules`: primary rules (frequency, complement, area minimum, mean group size,
  dominance, p %, identical values) configured by :class:`Rules`; :data:`PRESETS`.
* :mod:`.engine`: cells and linear relations, the exact (linear-algebra) audit and
  secondary suppression.
* :mod:`.indicators`: the relations between the cells of the indicator layer and its
  protection; :mod:`.tables`: the same for any count table (``applydiscretion``).
* :mod:`.rounding`: keyed rounding (optional, applydiscretion).
"""
from boligsocial_plugin.core.discretion.engine import (  # noqa: F401
    AuditResult,
    Relations,
    Suppression,
    audit,
    components,
    secondary_suppression,
)
from boligsocial_plugin.core.discretion.indicators import (  # noqa: F401
    indicator_relation_templates,
    protect_indicators,
    protect_indicators_audited,
)
from boligsocial_plugin.core.discretion.rounding import keyed_round, person_cell_key  # noqa: F401
from boligsocial_plugin.core.discretion.rules import (  # noqa: F401
    AREA,
    PRESETS,
    PRIMARY,
    PUBLISHED,
    SECONDARY,
    Rules,
    area_rule,
    complement_rule,
    dominance_rule,
    frequency_rule,
    identical_values_rule,
    min_group_rule,
    p_percent_rule,
    preset,
    preset_labels,
    primary_flags,
)
from boligsocial_plugin.core.discretion.tables import protect_table  # noqa: F401
