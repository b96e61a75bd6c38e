# SPDX-License-Identifier: GPL-2.0-or-later
"""Moves between areas from two snapshots of a person extract (the raw, unprotected figures).

A person is followed by its pseudonymised key from ``FROM_DATE`` to ``TO_DATE``. Per area:

* ``stayers``: in the area on both dates;
* ``in_movers``: in the area at TO_DATE and in another area at FROM_DATE;
* ``in_from_outside``: in the area at TO_DATE and in no area at FROM_DATE (not in the extract
  then, outside every area, or without location);
* ``out_movers`` and ``out_to_outside`` mirror them; ``residents_from`` / ``residents_to`` are
  the residents on each date, so ``residents_from = stayers + out_movers + out_to_outside`` and
  ``residents_to = stayers + in_movers + in_from_outside``;
* ``net = residents_to − residents_from``; ``turnover`` = persons who came or left
  (``in_movers + in_from_outside + out_movers + out_to_outside``).

Flows are the persons per (origin area, destination area) pair with at least one mover. The
elevator view compares three groups per area: those who came (*arrivals*, at TO_DATE), those
who left (*leavers*, at FROM_DATE) and the stayers (at TO_DATE), with the indicators of
:mod:`boligsocial_plugin.core.indicators`. Everything here is exact and internal; what may be
published is decided by :mod:`boligsocial_plugin.core.discretion.moves`.
"""
import datetime as _dt
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.carrystate import cell_codes
from boligsocial_plugin.core.discretion.perturbation import cell_keys, record_keys
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Indicator, aggregate
from boligsocial_plugin.core.logfigures import about
from boligsocial_plugin.core.pipeline import OVERLAP_REFUSE, join_persons

#: per-area count columns of the moves table, in output order (README "Moves")
COUNTS = ("residents_from", "residents_to", "stayers", "in_movers", "out_movers",
          "in_from_outside", "out_to_outside", "turnover")
#: the elevator groups: who came (at TO_DATE), who left (at FROM_DATE), who stayed (TO_DATE)
GROUPS = ("in", "out", "stay")
#: the profile indicators offered by default (the state criteria's socio-economic ones)
DEFAULT_PROFILE = ("outside_labour", "nonwestern", "basic_edu", "income")
ABSENT, OUTSIDE = -2, -1  # a person's place on a date: not in the extract, in no area

# row kinds of the group tables (aggregate rows are area * 3 + kind)
ALL, STAY, MOVED = 0, 1, 2


@dataclass
class MoveStats:
    """What happened to every person row (nothing is dropped silently)."""

    from_date: str = ""
    to_date: str = ""
    rows_from: int = 0
    rows_to: int = 0
    in_area_from: int = 0
    in_area_to: int = 0
    no_location_from: int = 0
    no_location_to: int = 0
    outside_from: int = 0
    outside_to: int = 0
    persons_both: int = 0       # keys found on both dates
    only_from: int = 0          # keys at FROM_DATE only (left the extract: moved away, died)
    only_to: int = 0            # keys at TO_DATE only (new: moved in from elsewhere, born)
    key_changes: int = 0        # probable key changes (see probable_key_changes)
    duplicates_elsewhere: int = 0  # rows repeating a key on dates not analysed (ignored)

    def matched_share(self) -> float:
        """Share of the persons at FROM_DATE found again at TO_DATE (0..1)."""
        return self.persons_both / self.rows_from if self.rows_from else 0.0

    def lines(self, min_count: int = 5) -> List[str]:
        """Report lines for the shared log (translated). The run's persons per date in the
        areas, outside them and without location are published per area only (the output
        layer's protected counts), so the log gives no figure for them; the extract's other
        counts only as core.pipeline.about says (never a small group's exact number)."""
        a, b = self.from_date, self.to_date
        out = [tr("Moves from {a} to {b}.").format(a=a, b=b),
               tr("Person rows: {f} at {a}, {t} at {b}.").format(
                   f=about(self.rows_from, min_count), t=about(self.rows_to, min_count), a=a,
                   b=b),
               tr("Persons in an area, outside every area and without location (both counted "
                  "as outside): the output layer gives the protected counts per area "
                  "(residents_from, residents_to, in_from_outside, out_to_outside)."),
               tr("Persons on both dates: {n}; only at {a}: {f} (moved away or died); only at "
                  "{b}: {t} (moved here or born).").format(
                   n=about(self.persons_both, min_count), f=about(self.only_from, min_count),
                   t=about(self.only_to, min_count), a=a, b=b)]
        if self.duplicates_elsewhere:
            out.append(tr("{n} rows repeat a person key on dates not analysed; they do not "
                          "affect this analysis.").format(
                n=about(self.duplicates_elsewhere, min_count)))
        return out

    def warnings(self, min_count: int = 5) -> List[str]:
        """Warnings about the person keys (translated; counts as in :meth:`lines`)."""
        out = []
        if self.key_changes:
            out.append(tr(
                "{n} persons disappear after {a} while a person of the same sex, origin and age "
                "(one date older) appears at the same address at {b}: probably a changed person "
                "key (a new pseudonymisation key or a new CPR number). They are counted as "
                "out_to_outside and in_from_outside. Pseudonymise every date with the same key."
            ).format(n=about(self.key_changes, min_count), a=self.from_date, b=self.to_date))
        if self.rows_from and self.matched_share() < 0.5:
            out.append(tr(
                "Only {p} % of the persons at {a} are found again at {b}. Were the two dates "
                "pseudonymised with different keys? Then every person counts as moved away and "
                "in again.").format(p=int(100 * self.matched_share()), a=self.from_date,
                                    b=self.to_date))
        return out


@dataclass
class MoveData:
    """The exact figures of the moves between two dates (internal; never published as such).

    ``counts``: one row per area with :data:`COUNTS`, ``arrivals`` (= in_movers +
    in_from_outside) and ``leavers``, and the cell key (``<count>_ck``) of every count for the
    perturbation. ``flows``: ``origin``, ``dest`` (area indices), ``persons``, ``ck``, one row
    per pair with at least one mover. ``groups_to`` / ``groups_from``: core.indicators.aggregate
    tables of the profile indicators, rows ``area * 3 + kind`` with kind ALL, STAY and MOVED:
    at TO_DATE all residents, stayers, arrivals; at FROM_DATE all residents, stayers (then),
    leavers.
    """

    area_ids: List[str]
    from_date: str
    to_date: str
    counts: pd.DataFrame
    flows: pd.DataFrame
    groups_to: pd.DataFrame
    groups_from: pd.DataFrame
    indicators: List[Indicator]
    stats: MoveStats
    years: float = 1.0
    extra: Dict[str, object] = field(default_factory=dict)
    #: the persons behind the counts (for the release register); None when counted elsewhere
    persons: Optional["MovePersons"] = None


@dataclass
class MovePersons:
    """Person keys of the residents of the areas on both dates, with their other place.

    ``*_to``: the persons in an area at TO_DATE, their area and where they were at FROM_DATE
    (an area index, or :data:`OUTSIDE` / :data:`ABSENT`); ``*_from`` mirror them.
    ``codes_*``: (persons, cell types) each person's contribution code in the residents and
    each indicator's numerator and denominator (core.discretion.carrystate.cell_codes), for
    the register's cell state of the elevator profiles; None when not computed.
    """

    key_to: np.ndarray
    area_to: np.ndarray
    prev_to: np.ndarray
    key_from: np.ndarray
    area_from: np.ndarray
    next_from: np.ndarray
    codes_to: Optional[np.ndarray] = None
    codes_from: Optional[np.ndarray] = None


def choose_dates(dates: Sequence[str], from_date: Optional[str] = None,
                 to_date: Optional[str] = None) -> Tuple[str, str]:
    """(FROM_DATE, TO_DATE): the given ones, checked, or the two latest dates of the extract."""
    have = sorted({str(d) for d in dates if d is not None and str(d)})
    for d in (from_date, to_date):
        if d and d not in have:
            raise BoligsocialError(tr("The reference date {d} is not in the extract. It holds: "
                                      "{h}.").format(d=d, h=", ".join(have[-12:])))
    if not to_date:
        later = [d for d in have if not from_date or d > from_date]
        if not later:
            raise BoligsocialError(tr("Moves need two reference dates, but the extract holds "
                                      "only {h}. Add a later snapshot or choose FROM_DATE."
                                      ).format(h=", ".join(have) or "-"))
        to_date = later[-1]
    if not from_date:
        earlier = [d for d in have if d < to_date]
        if not earlier:
            raise BoligsocialError(tr("Moves need two reference dates, but the extract holds "
                                      "nothing before {d}. Add an earlier snapshot."
                                      ).format(d=to_date))
        from_date = earlier[-1]
    if from_date >= to_date:
        raise BoligsocialError(tr("FROM_DATE ({a}) must be before TO_DATE ({b}).").format(
            a=from_date, b=to_date))
    return from_date, to_date


def _years(a: str, b: str) -> float:
    """Years between two ISO dates."""
    try:
        d0, d1 = _dt.date.fromisoformat(a[:10]), _dt.date.fromisoformat(b[:10])
    except ValueError:
        return 1.0
    return (d1 - d0).days / 365.25


def identity(data: pd.DataFrame) -> np.ndarray:
    """Each row's person identity: the extract's integer person codes, else the 64-bit keys."""
    if "person_id" in data and data["person_id"].dtype.kind in "iu":
        return data["person_id"].to_numpy().astype(np.int64)
    if "person_key" in data:
        return data["person_key"].to_numpy().astype(np.uint64).view(np.int64)
    raise BoligsocialError(tr("The extract has no person key column (person_id)."))


def duplicate_rows(data: pd.DataFrame, dates: Sequence[str]) -> np.ndarray:
    """Rows repeating a person key within the same reference date, among ``dates``."""
    d = data["ref_date"].astype(str).to_numpy()
    sel = np.isin(d, list(dates))
    ident = identity(data)
    frame = pd.DataFrame({"d": d, "p": ident})
    return frame.duplicated(keep="first").to_numpy() & sel


def probable_key_changes(gone: pd.DataFrame, new: pd.DataFrame, years: float) -> int:
    """Persons who left and persons who came that look like one person with a new key.

    Same location (x, y), sex and origin, and an age that grew by the years between the dates
    (whole years, either rounding). Matched one to one; a heuristic, used for a warning only.
    """
    need = {"x", "y", "age"}
    if not need <= set(gone.columns) or not len(gone) or not len(new):
        return 0
    cols = [c for c in ("sex", "nonwestern") if c in gone.columns]

    def keys(df: pd.DataFrame, age_shift: int) -> pd.Series:
        parts = [df["x"].round(2).astype(str), df["y"].round(2).astype(str),
                 (df["age"] + age_shift).astype("Int64").astype(str)]
        parts += [df[c].astype(str) for c in cols]
        return pd.Series(["|".join(t) for t in zip(*parts)], index=df.index)

    g = gone.dropna(subset=["x", "y", "age"])
    n = new.dropna(subset=["x", "y", "age"])
    if not len(g) or not len(n):
        return 0
    avail = keys(n, 0).value_counts()
    total = 0
    used = pd.Series(0, index=avail.index)
    for shift in sorted({int(np.floor(years)), int(np.ceil(years))}):
        kg = keys(g, shift).value_counts()
        common = kg.index.intersection(avail.index)
        take = np.minimum(kg[common].to_numpy(), (avail[common] - used[common]).to_numpy())
        used[common] += take
        total += int(take.sum())
    return total


def analyse(data: pd.DataFrame, x: np.ndarray, y: np.ndarray,
            area_rings: Sequence[Sequence[np.ndarray]], area_ids: Sequence[str],
            indicators: Sequence[Indicator], from_date: Optional[str] = None,
            to_date: Optional[str] = None,
            progress: Optional[Callable[[float], bool]] = None) -> MoveData:
    """Join both dates to the areas (each unique location once) and count the moves.

    ``data``: the prepared canonical extract (core.extract.prepare), with ``person_key``;
    ``x``/``y`` in the CRS of the rings (NaN = without location). Overlapping areas are refused:
    a person in two areas has no single origin or destination.
    """
    all_dates = data["ref_date"].astype(str).to_numpy()
    from_date, to_date = choose_dates(np.unique(all_dates), from_date, to_date)
    dup = duplicate_rows(data, [from_date, to_date])
    if dup.any():
        rows = ", ".join(str(i + 1) for i in np.nonzero(dup)[0][:5])
        raise BoligsocialError(tr(
            "{n} rows repeat a person key on {a} or {b} (e.g. rows {rows}); a person must appear "
            "once per date, or its origin and destination are unknown. Fix the extract.").format(
            n=int(dup.sum()), a=from_date, b=to_date, rows=rows))
    mask = (all_dates == from_date) | (all_dates == to_date)
    stats = MoveStats(from_date, to_date)
    stats.duplicates_elsewhere = int(duplicate_rows(data, sorted(set(all_dates) - {
        from_date, to_date})).sum()) if len(set(all_dates)) > 2 else 0
    sub = data.loc[mask].reset_index(drop=True) if not mask.all() else data
    xs, ys = np.asarray(x, dtype=float)[mask], np.asarray(y, dtype=float)[mask]
    joined = join_persons(sub, xs, ys, area_rings, area_ids, None, OVERLAP_REFUSE, progress)
    n = len(area_ids)
    area = joined.area[:len(sub)]
    dates = sub["ref_date"].astype(str).to_numpy()
    at_from = dates == from_date
    ident = identity(sub)
    has_loc = ~(np.isnan(xs) | np.isnan(ys))
    stats.rows_from, stats.rows_to = int(at_from.sum()), int((~at_from).sum())
    stats.no_location_from = int((at_from & ~has_loc).sum())
    stats.no_location_to = int((~at_from & ~has_loc).sum())
    stats.outside_from = int((at_from & has_loc & (area < 0)).sum())
    stats.outside_to = int((~at_from & has_loc & (area < 0)).sum())
    stats.in_area_from = int((at_from & (area >= 0)).sum())
    stats.in_area_to = int((~at_from & (area >= 0)).sum())
    if stats.in_area_from == 0 or stats.in_area_to == 0:
        d = from_date if stats.in_area_from == 0 else to_date
        raise BoligsocialError(tr("No person lies in any area at {d}. Check the extract's CRS "
                                  "and x/y columns and that the areas cover the persons."
                                  ).format(d=d))
    # each person's place on both dates
    uniq, inv = np.unique(ident, return_inverse=True)
    place_from = np.full(len(uniq), ABSENT, dtype=np.int64)
    place_to = np.full(len(uniq), ABSENT, dtype=np.int64)
    place_from[inv[at_from]] = np.maximum(area[at_from], OUTSIDE)
    place_to[inv[~at_from]] = np.maximum(area[~at_from], OUTSIDE)
    there_from, there_to = place_from != ABSENT, place_to != ABSENT
    stats.persons_both = int((there_from & there_to).sum())
    stats.only_from = int((there_from & ~there_to).sum())
    stats.only_to = int((~there_from & there_to).sum())
    years = _years(from_date, to_date)
    gone_rows = at_from & ~there_to[inv]
    new_rows = ~at_from & ~there_from[inv]
    stats.key_changes = probable_key_changes(sub.loc[gone_rows], sub.loc[new_rows], years)

    rkeys = record_keys(sub["person_key"].to_numpy()) if "person_key" in sub \
        else np.zeros(len(sub), dtype=np.uint64)
    counts, flows = _counts(area, at_from, place_from[inv], place_to[inv], rkeys, n)
    groups_to, groups_from = _groups(sub, area, at_from, place_from[inv], place_to[inv], n,
                                     indicators, to_date, from_date)
    persons = None
    if "person_key" in sub:
        pk = sub["person_key"].to_numpy().astype(np.uint64)
        prev, nxt = place_from[inv], place_to[inv]
        t_rows, f_rows = ~at_from & (area >= 0), at_from & (area >= 0)
        persons = MovePersons(pk[t_rows], area[t_rows], prev[t_rows], pk[f_rows],
                              area[f_rows], nxt[f_rows], _codes(sub, t_rows, indicators),
                              _codes(sub, f_rows, indicators))
    return MoveData(list(area_ids), from_date, to_date, counts, flows, groups_to, groups_from,
                    list(indicators), stats, years, persons=persons)


def _codes(sub: pd.DataFrame, rows: np.ndarray, indicators: Sequence[Indicator]
           ) -> np.ndarray:
    """The contribution codes (core.discretion.carrystate.cell_codes) of the person rows
    ``rows`` (a mask) of ``sub``."""
    need = {"person_key", "student", "taxpayer"} | {c for i in indicators for c in i.columns()}
    part = pd.DataFrame({c: sub[c].to_numpy()[rows] for c in sub.columns if c in need},
                        copy=False)
    return cell_codes(part, indicators)


def _counts(area: np.ndarray, at_from: np.ndarray, prev: np.ndarray, nxt: np.ndarray,
            rkeys: np.ndarray, n: int) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """Per-area counts with cell keys, and the flows between areas."""
    to_rows = ~at_from & (area >= 0)
    from_rows = at_from & (area >= 0)
    a_to, a_from = area[to_rows], area[from_rows]
    p_to = prev[to_rows]          # where the persons at TO_DATE were at FROM_DATE
    n_from = nxt[from_rows]       # where the persons at FROM_DATE are at TO_DATE
    k_to, k_from = rkeys[to_rows], rkeys[from_rows]
    masks_to = {"residents_to": np.ones(len(a_to), dtype=bool),
                "stayers": p_to == a_to,
                "in_movers": (p_to >= 0) & (p_to != a_to),
                "in_from_outside": p_to < 0}
    masks_from = {"residents_from": np.ones(len(a_from), dtype=bool),
                  "out_movers": (n_from >= 0) & (n_from != a_from),
                  "out_to_outside": n_from < 0}
    per = {name: (np.bincount(a_to[m], minlength=n), cell_keys(k_to, a_to, n, m))
           for name, m in masks_to.items()}
    per.update({name: (np.bincount(a_from[m], minlength=n), cell_keys(k_from, a_from, n, m))
                for name, m in masks_from.items()})
    moved = (p_to >= 0) & (p_to != a_to)
    code = p_to[moved].astype(np.int64) * n + a_to[moved]
    pairs, fidx, persons = np.unique(code, return_inverse=True, return_counts=True)
    return counts_table(per, n), flows_table(pairs // max(n, 1), pairs % max(n, 1), persons,
                                             cell_keys(k_to[moved], fidx, len(pairs)))


#: the counted groups of persons per area (the rest of COUNTS follows from them)
COUNTED = ("residents_to", "stayers", "in_movers", "in_from_outside", "residents_from",
           "out_movers", "out_to_outside")


def counts_table(per: Dict[str, Tuple[np.ndarray, np.ndarray]], n: int) -> pd.DataFrame:
    """MoveData.counts from the persons and cell keys of each group in :data:`COUNTED` per
    area (counted from a file's rows, or in a database)."""
    out: Dict[str, np.ndarray] = {}
    for name in COUNTED:
        count, ck = per[name]
        out[name] = np.asarray(count).astype(np.int64)
        out[name + "_ck"] = np.asarray(ck).astype(np.int64)
    out["arrivals"] = out["in_movers"] + out["in_from_outside"]
    out["leavers"] = out["out_movers"] + out["out_to_outside"]
    out["turnover"] = out["arrivals"] + out["leavers"]
    m32 = 1 << 32
    out["arrivals_ck"] = (out["in_movers_ck"] + out["in_from_outside_ck"]) % m32
    out["leavers_ck"] = (out["out_movers_ck"] + out["out_to_outside_ck"]) % m32
    out["turnover_ck"] = (out["arrivals_ck"] + out["leavers_ck"]) % m32
    counts = pd.DataFrame(out)
    counts.insert(0, "area_idx", np.arange(n))
    return counts


def flows_table(origin: np.ndarray, dest: np.ndarray, persons: np.ndarray,
                ck: np.ndarray) -> pd.DataFrame:
    """MoveData.flows: one row per (origin, destination) pair with movers, in that order."""
    return pd.DataFrame({"origin": np.asarray(origin, dtype=np.int64),
                         "dest": np.asarray(dest, dtype=np.int64),
                         "persons": np.asarray(persons).astype(np.int64),
                         "ck": np.asarray(ck).astype(np.int64)})


def _groups(sub: pd.DataFrame, area: np.ndarray, at_from: np.ndarray, prev: np.ndarray,
            nxt: np.ndarray, n: int, indicators: Sequence[Indicator], to_date: str,
            from_date: str) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """Indicator tables of all residents, stayers and arrivals (TO) / leavers (FROM)."""
    tables = []
    need = {"ref_date", "person_key"} | {c for i in indicators for c in i.columns()} | \
        {"student", "taxpayer"}
    for is_from, date in ((False, to_date), (True, from_date)):
        rows = (at_from if is_from else ~at_from) & (area >= 0)
        a = area[rows]
        other = (nxt if is_from else prev)[rows]
        kind = np.where(other == a, STAY, MOVED)
        # every person counts in its area's ALL row and in its STAY or MOVED row; only the
        # columns the indicators need are copied (twice)
        both = pd.DataFrame({c: np.concatenate([sub[c].to_numpy()[rows]] * 2)
                             for c in need if c in sub.columns}, copy=False)
        gid = np.concatenate([a * 3 + ALL, a * 3 + kind])
        table = aggregate(both, gid, 3 * n, indicators)
        table = table.assign(area_idx=np.arange(3 * n) // 3, kind=np.arange(3 * n) % 3,
                             ref_date=date)
        tables.append(table)
    return tables[0], tables[1]


def focus_mask(area_ids: Sequence[str], focus: Sequence[str]) -> np.ndarray:
    """Which areas are focus areas; an unknown id is an error naming it."""
    index = {str(a): i for i, a in enumerate(area_ids)}
    unknown = [f for f in focus if str(f) not in index]
    if unknown:
        raise BoligsocialError(tr("The focus area(s) {ids} are not in the area layer; give "
                                  "area ids from the area id field.").format(
            ids=", ".join(map(str, unknown[:10]))))
    out = np.zeros(len(area_ids), dtype=bool)
    out[[index[str(f)] for f in focus]] = True
    return out


def parse_id_list(text: str) -> List[str]:
    """Area ids from a comma or semicolon separated text (blanks trimmed, empties dropped)."""
    parts = str(text or "").replace(";", ",").split(",")
    return [p.strip() for p in parts if p.strip()]
