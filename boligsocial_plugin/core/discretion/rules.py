# SPDX-License-Identifier: GPL-2.0-or-later
"""Primary discretion rules: who is too few to publish (flags P and A).

Flags: ``''`` published, ``P`` primary suppression, ``S`` secondary suppression, ``A`` area
below the minimum number of residents. Suppressed values are NULL (NaN), never 0.
"""
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Indicator

PUBLISHED, PRIMARY, SECONDARY, AREA = "", "P", "S", "A"

@dataclass(frozen=True)
class Rules:
    """Primary discretion rules (README "Discretion"); every field is configurable.

    * ``min_count``: frequency threshold, counts below it are hidden (Aarhus <5,
      Statistics Denmark ≥3 per cell, the health-data research service ≥5).
    * ``min_residents``: area minimum, an area below it shows no figures but its resident
      count (SØK 50, Frederiksberg 250); flag ``A``.
    * ``complement``: also hide a count/share when the complement (denominator − numerator,
      total − category) is below ``min_count`` ("N − k small").
    * ``publish_zeros``: publish an exact 0 (and a complement of 0, i.e. a 100 % share).
      Default False: 0 is below the threshold, and a 0 % or 100 % share tells every member of
      the group's attribute (group disclosure). An empty group (total 0) is always published.
    * ``min_mean_count``: smallest group behind a mean of amounts (None: ``min_count``).
    * ``dominance_n``/``dominance_k``: (n,k) dominance rule for means of amounts: hidden when
      the largest ``n`` contributions (n = 1 or 2) exceed ``k`` % of the total; k = 0 is off.
    * ``p_percent``: p %-rule: hidden when the rest of the total after the two largest
      contributions is below p % of the largest (the second largest contributor could then
      estimate the largest within p %); 0 is off.
    * ``identical_values``: hide a mean when all contributions are identical (the mean then
      tells each person's amount).
    """

    min_count: int = 5
    min_residents: int = 50
    complement: bool = True
    publish_zeros: bool = False
    min_mean_count: Optional[int] = None
    dominance_n: int = 1
    dominance_k: float = 50.0
    p_percent: float = 10.0
    identical_values: bool = True

    def __post_init__(self):
        if self.dominance_n not in (1, 2):
            raise BoligsocialError(tr("The dominance rule supports n = 1 or n = 2 (the two "
                                      "largest contributions are kept), not {n}."
                                      ).format(n=self.dominance_n))
        if self.min_count < 0 or self.min_residents < 0:
            raise BoligsocialError(tr("Discretion thresholds cannot be negative."))

    @property
    def mean_count(self) -> int:
        """Smallest group size behind a mean."""
        return self.min_count if self.min_mean_count is None else self.min_mean_count

    def describe(self) -> List[str]:
        """The rules in force, one line each (for audit reports)."""
        out = [tr("frequency: counts below {n} hidden").format(n=self.min_count)]
        if self.complement:
            out.append(tr("complement: hidden when total minus count is below {n}"
                          ).format(n=self.min_count))
        out.append(tr("zeros published") if self.publish_zeros else tr("zeros hidden"))
        if self.min_residents:
            out.append(tr("area minimum: {n} residents").format(n=self.min_residents))
        out.append(tr("means: at least {n} persons").format(n=self.mean_count))
        if self.dominance_k > 0:
            out.append(tr("means: dominance ({n},{k})").format(n=self.dominance_n,
                                                             k=self.dominance_k))
        if self.p_percent > 0:
            out.append(tr("means: p%-rule p={p}").format(p=self.p_percent))
        if self.identical_values:
            out.append(tr("means: identical values hidden"))
        return out


#: Presets named after municipal practice (README "Discretion"); fields not named keep the defaults.
PRESETS: Dict[str, Rules] = {
    "default": Rules(min_count=5, min_residents=50),
    "aarhus": Rules(min_count=5),           # Aarhus BoSocData: categories with <5 persons
    "sok": Rules(min_residents=50),         # Copenhagen SØK: only roder with >= 50 residents
    "frederiksberg": Rules(min_residents=250),  # Frederiksberg: no figures for groups < 250
    "dst": Rules(min_count=3),              # Statistics Denmark: at least 3 per cell
}


def preset_labels() -> Dict[str, str]:
    """Translated label of each preset in :data:`PRESETS`."""
    return {
        "default": tr("Default: <5 hidden, areas ≥50"),
        "aarhus": tr("Aarhus: <5"),
        "sok": tr("SØK: areas ≥50"),
        "frederiksberg": tr("Frederiksberg: ≥250"),
        "dst": tr("Statistics Denmark: <3"),
    }


def preset(name: str) -> Rules:
    """The rules of a named preset."""
    try:
        return PRESETS[name.strip().lower()]
    except KeyError:
        raise BoligsocialError(tr("Unknown discretion preset '{name}'; use one of {names}."
                                  ).format(name=name, names=", ".join(PRESETS))) from None


def frequency_rule(count, rules: Rules, nonempty=None) -> np.ndarray:
    """Frequency threshold (Aarhus <5, DST ≥3): ``0 < count < min_count`` is sensitive.

    A count of 0 is sensitive too unless ``publish_zeros``, but only in a non-empty group
    (``nonempty``, default: every group). NaN is never flagged (it is not published).
    """
    c = np.asarray(count, dtype=float)
    with np.errstate(invalid="ignore"):
        small = (c > 0) & (c < rules.min_count)
        if not rules.publish_zeros:
            ne = np.ones(c.shape, dtype=bool) if nonempty is None else np.asarray(nonempty)
            small |= (c == 0) & ne
    return small


def complement_rule(count, total, rules: Rules) -> np.ndarray:
    """Complement ("N − k small"): ``total − count`` below the threshold."""
    c = np.asarray(count, dtype=float)
    t = np.asarray(total, dtype=float)
    if not rules.complement:
        return np.zeros(np.broadcast(c, t).shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        return frequency_rule(t - c, rules, nonempty=t > 0) & (t > 0)


def area_rule(residents, rules: Rules) -> np.ndarray:
    """Area minimum (SØK 50, Frederiksberg 250): fewer than ``min_residents`` residents."""
    r = np.asarray(residents, dtype=float)
    with np.errstate(invalid="ignore"):
        return r < rules.min_residents


def min_group_rule(den, rules: Rules) -> np.ndarray:
    """Means of amounts: fewer than ``mean_count`` persons behind the mean."""
    d = np.asarray(den, dtype=float)
    with np.errstate(invalid="ignore"):
        small = (d > 0) & (d < rules.mean_count)
        if not rules.publish_zeros:
            small |= d == 0
    return small


def dominance_rule(num, top1, top2, rules: Rules) -> np.ndarray:
    """(n,k) dominance: the ``n`` largest contributions exceed ``k`` % of the total.

    ``top1``/``top2`` are the largest absolute contributions (indicators.aggregate). With
    negative amounts the sum understates the absolute total, which makes the rule stricter;
    a total ≤ 0 with contributions is flagged.
    """
    t = np.asarray(num, dtype=float)
    t1 = np.asarray(top1, dtype=float)
    if rules.dominance_k <= 0:
        return np.zeros(t.shape, dtype=bool)
    top = t1 + (np.asarray(top2, dtype=float) if rules.dominance_n == 2 else 0.0)
    with np.errstate(invalid="ignore"):
        return (t1 > 0) & ((t <= 0) | (top > rules.dominance_k / 100.0 * t))


def p_percent_rule(num, top1, top2, rules: Rules) -> np.ndarray:
    """p %-rule: total − top1 − top2 < p % of top1 (the runner-up could estimate the top)."""
    t = np.asarray(num, dtype=float)
    t1 = np.asarray(top1, dtype=float)
    if rules.p_percent <= 0:
        return np.zeros(t.shape, dtype=bool)
    rest = t - t1 - np.asarray(top2, dtype=float)
    with np.errstate(invalid="ignore"):
        return (t1 > 0) & (rest < rules.p_percent / 100.0 * t1)


def identical_values_rule(num, den, top1, rules: Rules) -> np.ndarray:
    """All contributions identical: the mean tells each person's amount.

    With ``top1`` the largest absolute contribution, ``|Σ v| ≤ den·top1`` and equality holds
    exactly when every value equals ``top1`` (or every value ``−top1``), so the test
    ``|num| == den·top1`` (relative tolerance 1e-9) is exact up to rounding; it needs no
    person-level data. A group of identical zeros is caught too.
    """
    t = np.asarray(num, dtype=float)
    d = np.asarray(den, dtype=float)
    t1 = np.asarray(top1, dtype=float)
    if not rules.identical_values:
        return np.zeros(t.shape, dtype=bool)
    with np.errstate(invalid="ignore"):
        scale = np.maximum(1.0, np.abs(d * t1))
        return (d >= 1) & (np.abs(np.abs(t) - d * t1) <= 1e-9 * scale)


def primary_flags(raw: pd.DataFrame, indicators: Sequence[Indicator],
                  rules: Rules) -> Dict[str, np.ndarray]:
    """Primary flag per indicator and row of the raw aggregate table.

    * ``A``: the area has fewer than ``min_residents`` residents (:func:`area_rule`).
    * ``P`` for a share or count: the persons contributing (``C_cnt``) or the persons of the
      population not contributing fully (``C_rest``, the complement) are below ``min_count``
      (:func:`frequency_rule`, :func:`complement_rule`), or the population is; for sums of
      fractions (full-time persons outside the labour market) also the sum (``C_num``) or its
      complement (``C_den − C_num``): 3 full-time and 2 persons at 0.02 give 3.04, and
      den − num = 0.1 would say everyone is at least 90 % outside.
    * ``P`` for a mean: :func:`min_group_rule`, :func:`dominance_rule`,
      :func:`p_percent_rule` and :func:`identical_values_rule` (uses ``C_top1``/``C_top2``).
    """
    residents = raw["residents"].to_numpy()
    small_area = area_rule(residents, rules)
    out: Dict[str, np.ndarray] = {}
    for ind in indicators:
        den = raw[f"{ind.code}_den"].to_numpy(dtype=float)
        if ind.kind == "mean":
            num = raw[f"{ind.code}_num"].to_numpy(dtype=float)
            t1 = _col(raw, f"{ind.code}_top1")
            t2 = _col(raw, f"{ind.code}_top2")
            small = min_group_rule(den, rules)
            small |= dominance_rule(num, t1, t2, rules) & (den > 0)
            small |= p_percent_rule(num, t1, t2, rules) & (den > 0)
            small |= identical_values_rule(num, den, t1, rules) & (den > 0)
        else:
            cnt = raw[f"{ind.code}_cnt"].to_numpy(dtype=float)
            rest = raw[f"{ind.code}_rest"].to_numpy(dtype=float)
            num = raw[f"{ind.code}_num"].to_numpy(dtype=float)
            nonempty = den > 0
            small = frequency_rule(den, rules)
            small |= frequency_rule(cnt, rules, nonempty)
            # sums of fractions (full-time persons): the sum itself is a small count too
            small |= frequency_rule(num, rules, nonempty)
            if rules.complement:
                small |= frequency_rule(rest, rules, nonempty)
                small |= frequency_rule(den - num, rules, nonempty)
        flags = np.full(len(raw), PUBLISHED, dtype=object)
        flags[small] = PRIMARY
        flags[small_area] = AREA
        out[ind.code] = flags
    return out


def _col(df: pd.DataFrame, name: str) -> np.ndarray:
    if name in df.columns:
        return df[name].to_numpy(dtype=float)
    return np.zeros(len(df))
