# SPDX-License-Identifier: GPL-2.0-or-later
"""Discretion (statistical disclosure control) of published tables.

Flags: ``''`` published, ``P`` primary suppression, ``S`` secondary suppression,
``A`` area below the minimum number of residents. Suppressed values are NULL (NaN), never 0.
"""
from dataclasses import dataclass
from typing import Dict, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core.indicators import Indicator, values

PUBLISHED, PRIMARY, SECONDARY, AREA = "", "P", "S", "A"


@dataclass(frozen=True)
class Rules:
    """Primary discretion rules (see DOMAIN.md §5)."""

    min_count: int = 5
    min_residents: int = 50


def primary_flags(raw: pd.DataFrame, indicators: Sequence[Indicator],
                  rules: Rules) -> Dict[str, np.ndarray]:
    """Primary flag per indicator and row of the raw aggregate table.

    * ``A``: the area has fewer than ``min_residents`` residents.
    * ``P`` for a share or count: fewer than ``min_count`` persons contribute to the numerator,
      or fewer than ``min_count`` persons of the population do not (N - k small).
    * ``P`` for a mean: fewer than ``min_count`` persons with a value.
    """
    residents = raw["residents"].to_numpy()
    small_area = residents < rules.min_residents
    out: Dict[str, np.ndarray] = {}
    for ind in indicators:
        cnt = raw[f"{ind.code}_cnt"].to_numpy()
        rest = raw[f"{ind.code}_rest"].to_numpy()
        den = raw[f"{ind.code}_den"].to_numpy()
        if ind.kind == "mean":
            small = den < rules.min_count
        else:
            small = (cnt < rules.min_count) | (rest < rules.min_count) | (den < rules.min_count)
        flags = np.full(len(raw), PUBLISHED, dtype=object)
        flags[small] = PRIMARY
        flags[small_area] = AREA
        out[ind.code] = flags
    return out


def protect_indicators(raw: pd.DataFrame, indicators: Sequence[Indicator],
                       rules: Rules) -> pd.DataFrame:
    """The publishable indicator table: ``residents`` and ``C_num/C_den/C_val/C_flag``.

    Rows keep the order of ``raw`` (plus ``area_idx`` and ``ref_date``).
    """
    flags = primary_flags(raw, indicators, rules)
    residents = raw["residents"].to_numpy().astype(float)
    res_pub = residents.copy()
    res_pub[(residents > 0) & (residents < rules.min_count)] = np.nan
    out = {"area_idx": raw["area_idx"].to_numpy(), "ref_date": raw["ref_date"].to_numpy(),
           "residents": res_pub}
    for ind in indicators:
        f = flags[ind.code]
        hide = f != PUBLISHED
        num = raw[f"{ind.code}_num"].to_numpy(dtype=float).copy()
        den = raw[f"{ind.code}_den"].to_numpy(dtype=float).copy()
        val = values(raw, ind)
        num[hide] = np.nan
        den[hide] = np.nan
        val[hide] = np.nan
        out[f"{ind.code}_num"] = num
        out[f"{ind.code}_den"] = den
        out[f"{ind.code}_val"] = val
        out[f"{ind.code}_flag"] = f
    return pd.DataFrame(out)
