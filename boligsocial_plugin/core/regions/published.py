# SPDX-License-Identifier: GPL-2.0-or-later
"""The residents the merge decides on when they are counted from persons: the published ones.

Regions drawn on exact residents tell, over several minimums, an area's exact residents (it
stands alone up to its count), and with a second geography a small count the protection hides
(an area with a sliver minus the area alone). So ``mergesmallareas`` decides on the residents
the indicator layer of the same areas publishes (same persons, same noise), made conservative:

* a published count lies at most ``Perturbation.count_margin`` (2) from its exact value; one
  the carry rule repeats from an earlier snapshot (core.discretion.carry: fewer than
  ``min_count`` of its persons changed since) at most ``min_count - 1`` more. The merge takes
  the published value minus that margin (not below 0), so the exact residents of a region
  reaching the minimum always reach it;
* an area whose residents are hidden (below the smallest published count, secondary, or kept
  back by the release register) counts as 0: it is always merged, and the regions tell
  nothing about it.

The regions are then a function of published values only. The cost: a region needs a margin
more than the minimum, so there may be slightly fewer.
"""
from typing import Optional, Tuple

import numpy as np
import pandas as pd


def shown_residents(published: pd.DataFrame, as_of: Optional[np.ndarray], n_areas: int,
                    date: str) -> Tuple[np.ndarray, np.ndarray]:
    """(published residents per area at ``date``, NaN hidden or absent; whether each repeats
    an earlier snapshot's value) from a release's published table (``area_idx``,
    ``ref_date``, ``residents``) and its as-of dates (rows x cell types, residents first;
    None: nothing carried)."""
    values = np.full(n_areas, np.nan)
    carried = np.zeros(n_areas, dtype=bool)
    at = (published["ref_date"].astype(str) == str(date)).to_numpy()
    idx = published.loc[at, "area_idx"].to_numpy(dtype=np.int64)
    values[idx] = published.loc[at, "residents"].to_numpy(dtype=float)
    if as_of is not None and len(as_of) == len(published):
        shown = np.asarray(as_of, dtype=object)[at, 0].astype(str)
        carried[idx] = (shown != "") & (shown != str(date))
    return values, carried


def merge_residents(published: np.ndarray, carried: np.ndarray, margin: int,
                    min_count: int) -> Tuple[np.ndarray, int]:
    """(the residents the merge compares with the minimum, the number of hidden areas): the
    published value minus ``margin`` (the perturbation's largest change of a count), minus
    ``min_count - 1`` more where the value is carried, never below 0; a hidden area (NaN) 0.
    """
    published = np.asarray(published, dtype=float)
    hidden = np.isnan(published)
    slack = np.where(np.asarray(carried, dtype=bool), margin + max(0, min_count - 1), margin)
    values = np.where(hidden, 0.0, np.maximum(np.nan_to_num(published) - slack, 0.0))
    return values, int(hidden.sum())
