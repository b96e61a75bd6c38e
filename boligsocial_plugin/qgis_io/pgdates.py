# SPDX-License-Identifier: GPL-2.0-or-later
"""The reference dates a database run shows and the snapshots a year before them it protects
with them (core.shown_dates), as a file run does: the extract's dates, a run's statistics
over the dates it shows."""
from typing import List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core import sqlgen
from boligsocial_plugin.core.pipeline import Joined, JoinStats
from boligsocial_plugin.core.shown_dates import context_dates


def extract_dates(cur, src: sqlgen.PersonSource) -> List[str]:
    """The extract's reference dates (the layer's filter and selection applied; not the
    period): the values of a text column read before, else one ``SELECT DISTINCT``."""
    if "ref_date" not in src.columns:
        return []
    if src.date_values is not None:
        return sorted({v for v in src.date_values.values() if v})
    p = sqlgen.Params()
    cur.execute("SELECT DISTINCT {} {}".format(sqlgen.Rows(src, p).date(), src.from_clause(p)),
                p.values)
    return sorted({str(d) for (d,) in cur.fetchall() if d is not None})


def shown_dates(cur, src: sqlgen.PersonSource, ref_date: Optional[str]
                ) -> Tuple[Optional[List[str]], List[str]]:
    """(the dates a run shows, None: all; the snapshots a year before them it protects with
    them but does not show). Only a run of one date (``ref_date``) or from a first date (the
    source's period) has any."""
    first = (src.period or (None, None))[0]
    if not ref_date and not first:
        return None, []
    dates = extract_dates(cur, src)
    if ref_date:
        shown = [str(ref_date)]
    else:
        last = (src.period or (None, None))[1]
        shown = [d for d in dates if d >= str(first) and (not last or d <= str(last))]
    return shown, context_dates(dates, shown)


def shown_rows(res: pd.DataFrame, shown: Optional[Sequence[str]]) -> pd.DataFrame:
    """The per-code result rows of the dates shown (all when ``shown`` is None)."""
    if shown is None:
        return res
    return res[res["d"].isin({str(d) for d in shown}).to_numpy()]


def shown_join(joined: Joined, stats: JoinStats, shown: Sequence[str]) -> Joined:
    """The person rows of the dates shown, with their statistics (the run's totals count
    them: core.pipeline.protect_run ``totals_of``)."""
    keep = joined.data["ref_date"].astype(str).isin({str(d) for d in shown}).to_numpy()
    located = None if joined.located is None else np.asarray(joined.located)[keep]
    return Joined(joined.data.loc[keep].reset_index(drop=True), joined.area[keep], stats,
                  joined.overlaps, located)
