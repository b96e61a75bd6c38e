# SPDX-License-Identifier: GPL-2.0-or-later
"""From a prepared person extract and area rings to the raw and published indicator tables.

The dock panel and every algorithm call this one function, so all give the same numbers.
"""
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core import discretion
from boligsocial_plugin.core.discretion.budget import DEFAULT_AMOUNT_BUDGET, DEFAULT_BUDGET
from boligsocial_plugin.core.discretion.exact_groups import atom_figure_rules, keep_back_run
from boligsocial_plugin.core.discretion.linkage import (
    Link,
    Populations,
    concat,
    find_links,
    populations_from_rows,
    subset,
)
from boligsocial_plugin.core.discretion.perturbation import OFF, Perturbation
from boligsocial_plugin.core.discretion.register import (
    Register,
    refuse_exact_conflict,
    say_kept_back,
)
from boligsocial_plugin.core.discretion.release import (
    ReleaseResult,
    Totals,
    cell_types,
    protect_release,
)
from boligsocial_plugin.core.discretion.run_totals import (
    TOTAL_LABELS,
    audit_totals,
    check_near_totals,
)
from boligsocial_plugin.core.discretion.types import type_table
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import (
    Indicator,
    aggregate,
    builtin_indicators,
    group_index,
)
from boligsocial_plugin.core.logfigures import about, shown
from boligsocial_plugin.core.spatial import join_points, polygon_set

OVERLAP_REFUSE, OVERLAP_ALLOW = "refuse", "allow"


@dataclass
class JoinStats:
    """What happened to every person row (nothing is dropped silently)."""

    rows: int = 0
    rows_date: int = 0
    unique_locations: int = 0
    joined: int = 0
    outside: int = 0
    no_location: int = 0
    on_outer_boundary: int = 0
    overlap_persons: int = 0
    overlap_pairs: Dict[str, int] = field(default_factory=dict)
    dates: List[str] = field(default_factory=list)

    def lines(self, published: Optional[Mapping[str, Optional[float]]] = None,
              min_count: int = 5) -> List[str]:
        """Report lines for the shared log (translated): the run's totals as published.

        The log is shareable, so it shows no exact count about persons that the outputs
        protect: the totals are the release's published values (``published``: its
        ``totals``, e.g. ``PERSONS_IN_AREAS``; missing or None = not published), other
        counts of persons only as :func:`about` says.
        """
        pub = dict(published or {})
        out = [tr("Person rows read: {n}").format(n=shown(pub.get("PERSONS_READ")))]
        if self.rows_date != self.rows:
            out.append(tr("Only the rows on the chosen reference date are used."))
        out.append(tr("Reference dates: {d}").format(d=", ".join(self.dates) or "-"))
        if self.unique_locations >= 0:  # a database source does not count them
            out.append(tr("Unique locations joined: {n}").format(
                n=about(self.unique_locations, min_count)))
        out.append(tr("Persons in an area: {n}").format(n=shown(pub.get("PERSONS_IN_AREAS"))))
        out.append(tr("Persons outside every area (counted, not in any area): {n}").format(
            n=shown(pub.get("PERSONS_OUTSIDE"))))
        out.append(tr("Persons without location (counted, not in any area): {n}").format(
            n=shown(pub.get("PERSONS_NO_LOCATION"))))
        if self.on_outer_boundary:
            out.append(tr("Persons exactly on an outer area boundary (counted in that area): {n}"
                          ).format(n=about(self.on_outer_boundary, min_count)))
        if self.overlap_persons:
            out.append(tr("Persons inside overlapping areas (counted in each): {n}").format(
                n=about(self.overlap_persons, min_count)))
        return out


@dataclass
class IndicatorResult:
    """Raw (internal) and published tables plus the join statistics."""

    raw: pd.DataFrame
    published: pd.DataFrame
    stats: JoinStats
    indicators: List[Indicator]
    release: Optional["ProtectedRelease"] = None


def unique_locations(x: np.ndarray, y: np.ndarray):
    """Codes of each row's location among the unique (x, y) pairs, and those pairs.

    The pairs are numbered in order of first appearance. One hash of both coordinates' bits
    finds them; each row is then compared with its pair, and should two locations ever share
    a hash, the exact (slower) way is taken.
    """
    x = np.asarray(x, dtype=float) + 0.0  # -0.0 is 0.0
    y = np.asarray(y, dtype=float) + 0.0
    n = len(x)
    with np.errstate(over="ignore"):
        h = x.view(np.uint64) * np.uint64(0x9E3779B97F4A7C15) ^ y.view(np.uint64)
    codes, uh = pd.factorize(h)
    first = np.empty(len(uh), dtype=np.int64)
    first[codes[::-1]] = np.arange(n, dtype=np.int64)[::-1]
    ux, uy = x[first], y[first]
    same = (ux[codes] == x) & (uy[codes] == y)
    if same.all() or not n:
        return codes, ux, uy
    cx, ux = pd.factorize(x)
    cy, uy = pd.factorize(y)
    key = cx.astype(np.int64) * max(1, len(uy)) + cy
    codes, uk = pd.factorize(key)
    return codes, ux[uk // max(1, len(uy))], uy[uk % max(1, len(uy))]


def select_date(data: pd.DataFrame, ref_date: Optional[str]) -> np.ndarray:
    """Row mask for one reference date (all rows when ref_date is empty)."""
    if not ref_date:
        return np.ones(len(data), dtype=bool)
    dates = data["ref_date"].to_numpy(dtype=object)
    mask = dates == ref_date
    if not mask.any():
        have = ", ".join(sorted({str(d) for d in dates if d is not None})[:12])
        raise BoligsocialError(tr("The reference date {d} is not in the extract. It holds: {h}."
                                  ).format(d=ref_date, h=have))
    return mask


def compute(data: pd.DataFrame, x: np.ndarray, y: np.ndarray,
            area_rings: Sequence[Sequence[np.ndarray]], area_ids: Sequence[str],
            indicators: Sequence[Indicator], rules: discretion.Rules,
            ref_date: Optional[str] = None, overlaps: str = OVERLAP_REFUSE,
            progress: Optional[Callable[[float], bool]] = None,
            publication: Optional["Publication"] = None) -> IndicatorResult:
    """Join persons to areas and aggregate + protect the indicators.

    ``data`` is the prepared canonical extract; ``x``/``y`` its coordinates in the CRS of the
    rings (NaN = without location). ``publication``: perturbation, protection width and the
    register of earlier releases (default: exact values, this release alone).
    """
    from boligsocial_plugin.core.shown_dates import protect_joined

    pub = publication or Publication(rules)
    joined = join_persons(data, x, y, area_rings, area_ids, ref_date, overlaps, progress)
    return protect_joined(joined, data, x, y, area_rings, area_ids, indicators, pub, ref_date,
                          overlaps)


def join_with(first: "Joined", other: "Joined") -> "Joined":
    """Two joins of different dates as one (rows of both dates, then the overlaps' repeated
    rows of both); the statistics are those of ``first`` (the date a run reports)."""
    n1, n2 = first.stats.rows_date, other.stats.rows_date
    order = np.concatenate([np.arange(n1), len(first.area) + np.arange(n2),
                            np.arange(n1, len(first.area)),
                            len(first.area) + np.arange(n2, len(other.area))])
    data = pd.concat([first.data, other.data], ignore_index=True).iloc[order].reset_index(
        drop=True)
    area = np.concatenate([first.area, other.area])[order]
    stats = JoinStats(**{k: getattr(first.stats, k) for k in asdict(first.stats)})
    stats.rows_date = n1 + n2
    stats.dates = sorted(set(first.stats.dates) | set(other.stats.dates))
    located = None
    if first.located is not None and other.located is not None:
        located = np.concatenate([first.located[:n1], other.located[:n2]])
    return Joined(data, area, stats, first.overlaps or other.overlaps, located)


def join_and_aggregate(data: pd.DataFrame, x: np.ndarray, y: np.ndarray,
                       area_rings: Sequence[Sequence[np.ndarray]], area_ids: Sequence[str],
                       indicators: Sequence[Indicator], ref_date: Optional[str] = None,
                       overlaps: str = OVERLAP_REFUSE,
                       progress: Optional[Callable[[float], bool]] = None):
    """The raw (internal, unprotected) aggregate table and the join statistics."""
    joined = join_persons(data, x, y, area_rings, area_ids, ref_date, overlaps, progress)
    raw = aggregate(joined.data, joined.area, len(area_ids), indicators)
    return raw, joined.stats


@dataclass
class Joined:
    """Person rows with their area (after choosing the date; overlaps repeat rows)."""

    data: pd.DataFrame
    area: np.ndarray
    stats: JoinStats
    overlaps: bool = False
    located: Optional[np.ndarray] = None  # per row of the date: has a location


def join_persons(data: pd.DataFrame, x: np.ndarray, y: np.ndarray,
                 area_rings: Sequence[Sequence[np.ndarray]], area_ids: Sequence[str],
                 ref_date: Optional[str] = None, overlaps: str = OVERLAP_REFUSE,
                 progress: Optional[Callable[[float], bool]] = None) -> Joined:
    """Each person row's area (one pass over the unique locations), with the statistics."""
    stats = JoinStats(rows=len(data))
    mask = select_date(data, ref_date)
    if not mask.all():  # one date chosen: keep its rows (no copy when all are kept)
        data = data.loc[mask].reset_index(drop=True)
        x, y = x[mask], y[mask]
    stats.rows_date = len(data)
    has_loc = ~(np.isnan(x) | np.isnan(y))
    stats.no_location = int((~has_loc).sum())
    codes, ux, uy = unique_locations(np.where(has_loc, x, 0.0), np.where(has_loc, y, 0.0))
    stats.unique_locations = len(ux)
    polys = polygon_set(area_rings)
    jr = join_points(ux, uy, polys, progress)
    if (jr.area == -2).any():
        raise BoligsocialError(tr("Cancelled."))
    area = np.where(has_loc, jr.area[codes], -1)
    stats.on_outer_boundary = int((has_loc & jr.on_outer_boundary[codes]).sum())
    if len(jr.overlap_points):
        # person rows at overlapping locations
        loc_mult = np.zeros(len(ux), dtype=np.int64)
        np.add.at(loc_mult, jr.overlap_points, 1)
        at = has_loc & (loc_mult[codes] > 0)
        stats.overlap_persons = int(at.sum())
        pairs: Dict[str, int] = {}
        first = jr.area[jr.overlap_points]
        for a, b in zip(first, jr.overlap_areas):
            k = "{} / {}".format(area_ids[int(a)], area_ids[int(b)])
            pairs[k] = pairs.get(k, 0) + 1
        stats.overlap_pairs = pairs
        if overlaps == OVERLAP_REFUSE:
            raise overlap_error(stats)
        # count in each area: duplicate rows for the extra areas
        extra_rows = []
        extra_area = []
        loc_rows = pd.Series(np.arange(len(codes))[has_loc]).groupby(codes[has_loc])
        groups = loc_rows.groups
        for p, a in zip(jr.overlap_points, jr.overlap_areas):
            rows = groups.get(int(p))
            if rows is not None:
                idx = loc_rows.obj.loc[rows].to_numpy()
                extra_rows.append(idx)
                extra_area.append(np.full(len(idx), a))
        if extra_rows:
            er = np.concatenate(extra_rows)
            data = pd.concat([data, data.iloc[er]], ignore_index=True)
            area = np.concatenate([area, np.concatenate(extra_area)])
    stats.outside = int((has_loc & (area[:stats.rows_date] < 0)).sum())
    stats.joined = int((area[:stats.rows_date] >= 0).sum())
    stats.dates = sorted({str(d) for d in data["ref_date"].dropna().unique()})
    return Joined(data, area, stats, overlaps=len(area) > stats.rows_date, located=has_loc)


def overlap_error(stats: JoinStats) -> BoligsocialError:
    """The refusal of overlapping areas, naming the pairs with the most shared locations."""
    top = sorted(stats.overlap_pairs.items(), key=lambda kv: -kv[1])[:5]
    return BoligsocialError(tr(
        "Some area polygons overlap, so {n} persons lie in more than one area "
        "(e.g. {pairs}). Fix the areas (e.g. with 'Dissolve' or 'Difference'), or set "
        "'Overlapping areas' to 'allow' (OVERLAPS=allow) to count such persons in each "
        "area.").format(n=stats.overlap_persons,
                        pairs="; ".join("{} ({} locations)".format(k, v) for k, v in top)))


# --------------------------------------------------------------------------- publishing

@dataclass
class Publication:
    """How a release is protected: rules, perturbation, protection width and the register."""

    rules: discretion.Rules
    perturbation: Perturbation = OFF
    width: Optional[float] = None
    register: Optional[Register] = None   # earlier releases to protect against (None: none)
    #: with the perturbation: different published populations of one date a person may be in
    #: (core.discretion.budget; 0 = no limit)
    overlap_budget: int = DEFAULT_BUDGET
    #: with the perturbation: different published populations of one date that may show a
    #: person's amounts (sums of incomes; core.discretion.budget.amount_rows; 0 = no limit)
    amount_budget: int = DEFAULT_AMOUNT_BUDGET
    #: a series' first published date: earlier snapshots only continue carried figures
    carry_from: str = ""


@dataclass
class ProtectedRelease:
    """A protected release, and what the register records once it is written."""

    result: ReleaseResult
    populations: Populations
    rules: discretion.Rules
    #: (rows, cell types): the cells the output shows (or derives figures from); None = all.
    #: The register records only these, as published or hidden; the others as neither.
    shown: Optional[np.ndarray] = None
    #: the persons behind the run's totals (TOTAL_LABELS), recorded with what was published
    totals: Optional[Populations] = None
    #: (rows, cell types): the date whose value each cell shows (a series: core.discretion.carry)
    as_of: Optional[np.ndarray] = None
    #: the cell state of each area's first and last row (core.discretion.carrystate)
    carry_state: Optional[Any] = None

    @property
    def published(self) -> pd.DataFrame:
        """The publishable table."""
        return self.result.published

    def limit(self, codes_by_date: Dict[str, Sequence[str]]) -> None:
        """Say which cells the output shows: per reference date the indicator codes whose
        numerator and denominator it shows or derives figures from (``"residents"`` for the
        residents). Dates not named show nothing. Call before :meth:`record`."""
        types = self.result.types
        dates = [str(d) for d in self.result.published["ref_date"]]
        shown = np.zeros((len(dates), len(types)), dtype=bool)
        names = np.array([t.split(":")[0] for t in types], dtype=object)
        for r, d in enumerate(dates):
            shown[r] = np.isin(names, list(codes_by_date.get(d, ())))
        self.shown = shown

    def record(self, register: Register, algorithm: str, output: str) -> str:
        """Record the release (call after the output was written)."""
        types = self.result.types
        hidden = self.result.hidden_types
        shown = np.ones_like(hidden) if self.shown is None else self.shown
        pops = self.populations
        rows = np.nonzero(shown.any(axis=1))[0]
        if len(rows) < len(pops):
            pops = subset(pops, rows.tolist())
        hid, pub = (hidden & shown)[rows], (~hidden & shown)[rows]
        as_of = None if self.as_of is None else np.where(pub, self.as_of[rows], "")
        if self.totals is not None:
            pops = concat(pops, self.totals)
            extra = np.zeros((len(self.totals), len(types)), dtype=bool)
            extra_pub = extra.copy()
            for k, name in enumerate(TOTAL_LABELS):
                extra_pub[k, 0] = self.result.totals.get(name) is not None
            hid, pub = np.vstack([hid, extra]), np.vstack([pub, extra_pub])
        state = None if self.carry_state is None else self.carry_state.recorded(rows, pub)
        return register.add(pops, hid, pub, types, algorithm, output, asdict(self.rules),
                            as_of=as_of, state=state)


class GroupFigures:
    """Raw figures of any group of persons (by date and person keys) of a joined extract."""

    def __init__(self, joined: Joined, indicators: Sequence[Indicator]):
        data = joined.data.iloc[:joined.stats.rows_date]
        need = {"ref_date", "person_key"} | {c for i in indicators for c in i.columns()}
        self.data = pd.DataFrame({c: data[c] for c in data.columns if c in need},
                                 copy=False)  # the columns as they are (no copy)
        self.indicators = list(indicators)
        self._by_date: Dict[str, tuple] = {}
        self._codes: Optional[Tuple[np.ndarray, Dict[str, int]]] = None

    def _date(self, date: str):
        if self._codes is None:  # the dates of the rows, converted once for every date
            codes, uniq = pd.factorize(self.data["ref_date"], sort=True)
            names = pd.Series(uniq).astype(str).tolist()  # as astype(str) of the rows
            self._codes = (codes, {u: k for k, u in enumerate(names)})
        if date not in self._by_date:
            code = self._codes[1].get(date, -2)
            rows = np.nonzero(self._codes[0] == code)[0]
            keys = self.data["person_key"].to_numpy()[rows]
            order = np.argsort(keys, kind="stable")
            self._by_date[date] = (rows[order], keys[order])
        return self._by_date[date]

    def __call__(self, groups: List[Tuple[str, np.ndarray]]) -> Tuple[pd.DataFrame, np.ndarray]:
        """A raw-like table (one row per group, in order) and whether each group was found."""
        found = np.zeros(len(groups), dtype=bool)
        frames = []
        by_date: Dict[str, List[int]] = {}
        for gi, (d, _k) in enumerate(groups):
            by_date.setdefault(str(d), []).append(gi)
        for d, members in by_date.items():
            rows, keys = self._date(d)
            sel_rows, sel_gid = [], []
            for local, gi in enumerate(members):
                want = np.asarray(groups[gi][1], dtype=np.uint64)
                if len(keys) == 0:
                    found[gi] = len(want) == 0
                    continue
                pos = np.minimum(np.searchsorted(keys, want), len(keys) - 1)
                hit = keys[pos] == want
                found[gi] = bool(hit.all())
                sel_rows.append(rows[pos[hit]])
                sel_gid.append(np.full(int(hit.sum()), local, dtype=np.int64))
            gid = np.concatenate(sel_gid) if sel_gid else np.zeros(0, np.int64)
            sub = self.data.iloc[np.concatenate(sel_rows) if sel_rows else []]
            sub = sub.drop(columns=["person_key"]).assign(ref_date=d).reset_index(drop=True)
            if len(sub):
                t = aggregate(sub, gid, len(members), self.indicators)
            else:  # nobody found: the figures of empty groups
                one = self.data.iloc[:1].drop(columns=["person_key"]).assign(ref_date=d)
                t = aggregate(one, np.zeros(len(one), np.int64), len(members), self.indicators)
                num = [c for c in t.columns if c not in ("area_idx", "ref_date")]
                t[num] = 0
            t.index = members
            frames.append(t)
        table = pd.concat(frames).sort_index() if frames else pd.DataFrame()
        return table.reset_index(drop=True), found


def select_dates(raw: pd.DataFrame, joined: Joined,
                 dates: Sequence[str]) -> Tuple[pd.DataFrame, Joined]:
    """The raw rows and the person rows of some reference dates only (the order kept)."""
    want = {str(d) for d in dates}
    rows = raw["ref_date"].astype(str).isin(want).to_numpy()
    sub = raw.loc[rows].reset_index(drop=True)
    sub.attrs = dict(raw.attrs)
    keep = joined.data["ref_date"].astype(str).isin(want).to_numpy()
    if keep.all():
        return sub, joined
    n0 = joined.stats.rows_date
    first = keep[:n0]
    stats = JoinStats(**{k: getattr(joined.stats, k) for k in asdict(joined.stats)})
    stats.rows_date = int(first.sum())
    stats.dates = sorted(want & set(stats.dates))
    located = joined.located[:n0][first] if joined.located is not None else None
    return sub, Joined(joined.data.loc[keep].reset_index(drop=True), joined.area[keep], stats,
                       joined.overlaps, located)


def _outside_keys(joined: Joined) -> Dict[str, int]:
    """Cell keys of the persons outside every area and of those without location."""
    if "person_key" not in joined.data or joined.located is None:
        return {}
    from boligsocial_plugin.core.discretion.perturbation import record_keys

    n = joined.stats.rows_date
    rk = record_keys(joined.data["person_key"].to_numpy()[:n]).astype(np.int64)
    loc = np.asarray(joined.located[:n], dtype=bool)
    outside = loc & (joined.area[:n] < 0)
    return {"ck_outside": int(rk[outside].sum() % (1 << 32)),
            "ck_no_location": int(rk[~loc].sum() % (1 << 32))}


#: protect_run's figures and types computed from the person rows (the default)
FROM_ROWS = "rows"


def protect_run(raw: pd.DataFrame, joined: Joined, indicators: Sequence[Indicator],
                area_ids: Sequence[str], pub: Publication,
                with_totals: bool = True,
                dates: Optional[Sequence[str]] = None,
                withhold: Optional[np.ndarray] = None,
                figures=FROM_ROWS, types=FROM_ROWS,
                totals_of: Optional[Joined] = None) -> ProtectedRelease:
    """Protect a run's table against itself, the run's totals and the register's releases.

    ``dates``: protect (and publish) only the rows of these reference dates; the others are
    left out of the release. The published table's rows are those of ``raw`` at those dates.
    ``withhold``: rows (of the table protected) the output does not publish.
    ``figures`` (the GroupTables of the links' groups) and ``types`` (the TypeTable of
    user-defined indicators, or None): computed from ``joined.data`` unless given, as for a
    database source, whose ``joined.data`` holds only each person row's date and key
    (qgis_io.postgis: the figures are aggregated where the persons are).
    ``totals_of``: the join (of one date of ``joined``) whose persons the run's totals count,
    when ``joined`` holds more dates than the run reports (default ``joined``).
    """
    if dates is not None:
        raw, joined = select_dates(raw, joined, dates)
    gidx, dates = group_index(joined.data, joined.area)
    n = len(raw)
    row_dates = [str(d) for d in raw["ref_date"]]
    labels = [str(area_ids[i]) for i in raw["area_idx"]]
    keys = joined.data["person_key"].to_numpy() if "person_key" in joined.data else \
        np.zeros(len(joined.data), dtype=np.uint64)
    current = populations_from_rows(gidx, keys, n, row_dates, labels)
    pops = current
    if pub.register is not None:
        # every earlier population: links between dates are looked for under any label
        old = pub.register.load(None, None, cell_types(indicators))
        if len(old):
            pops = concat(current, old)
    totals = None
    tj = joined if totals_of is None else totals_of
    if with_totals:
        st = tj.stats
        at = None if totals_of is None else \
            raw["ref_date"].astype(str).isin(set(st.dates)).to_numpy()
        ck = int(np.sum(raw["residents_ck"].to_numpy(dtype=np.int64)[
            slice(None) if at is None else at]) % (1 << 32)) if "residents_ck" in raw else 0
        totals = Totals(st.joined, st.outside, st.no_location, st.rows, ck,
                        read_adds_up=(st.rows == st.rows_date and not tj.overlaps),
                        rows=at, **_outside_keys(tj))
    if isinstance(figures, str):
        figures = GroupFigures(joined, indicators) if "person_key" in joined.data else None
    if isinstance(types, str):
        # the built-in indicators are covered by the relations; user-defined ones may tile
        # or overlap them in ways the relations do not know (core.discretion.types)
        builtin = {i.code: i for i in builtin_indicators()}
        types = type_table(joined.data, gidx, n, indicators) \
            if any(builtin.get(i.code) != i for i in indicators) else None

    def relink(with_pops: Populations) -> List[Link]:
        found = find_links(with_pops, max(1, pub.rules.min_count),
                           disjoint_current=not joined.overlaps,
                           equal_across_dates=pub.perturbation.enabled)
        if pub.register is not None:  # relations the moves protect themselves
            from boligsocial_plugin.core.discretion.moves_register import modelled_by_moves

            found = modelled_by_moves(with_pops, found, pub.register,
                                      pub.perturbation.enabled)
        return found

    held = {"rows": withhold}

    def protect(with_pops: Populations, with_links: List[Link],
                run_totals: Optional[Totals] = None) -> ReleaseResult:
        return protect_release(raw, indicators, pub.rules, perturbation=pub.perturbation,
                               width=pub.width, pops=with_pops, links=with_links,
                               group_tables=figures, totals=run_totals,
                               withhold=held["rows"], types=types,
                               overlap_budget=pub.overlap_budget,
                               amount_budget=pub.amount_budget,
                               crossing_any_label=pub.register is not None)

    total_pops = _total_populations(tj) if with_totals else None

    links = relink(pops)   # who is in what does not change when rows are kept back

    def run() -> ReleaseResult:
        res = protect(pops, links, totals)
        say_kept_back(res.report, pub.register)
        refuse_exact_conflict(res.report, pops, pub.perturbation.enabled, pub.register)
        if total_pops is not None and pops is not current:
            check_near_totals(res, total_pops, pops, pub.rules.min_count)
            if not pub.perturbation.enabled:  # exact totals beside earlier releases
                audit_totals(res, total_pops, pops, relink, protect,
                             in_areas_is_sum=not tj.overlaps)
        return res

    res = run()
    if not pub.perturbation.enabled and pops is not current and \
            len(pops.keys) == int(pops.ptr[-1]):
        rules_of = None if figures is None else atom_figure_rules(
            figures, sorted({str(d) for d in raw["ref_date"]}), indicators, pub.rules)
        res = keep_back_run(res, run, held, current, total_pops, old, pub.rules, rules_of)
    return ProtectedRelease(res, current, pub.rules, totals=total_pops)


def protect_counted(raw: pd.DataFrame, stats: JoinStats, overlaps: bool,
                    indicators: Sequence[Indicator], area_ids: Sequence[str], pub: Publication,
                    pairs: Tuple[np.ndarray, np.ndarray, np.ndarray], figures=None,
                    totals: Optional[Totals] = None, types=None,
                    withhold: Optional[np.ndarray] = None) -> ProtectedRelease:
    """:func:`protect_run` for a run whose persons stay elsewhere (a database): the rows'
    populations are known by their sizes and by the persons each two of them share
    (``pairs``: row i, row j, persons in both); ``figures(links)`` gives the GroupTables of
    the links' groups, ``types`` the TypeTable of user-defined indicators, ``totals`` the
    run's totals (None: not published).

    Earlier releases are not loaded: the register holds person keys, which such a source
    never hands out (README "Person data in a database").
    """
    n = len(raw)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(raw["residents"].to_numpy(dtype=np.int64), out=ptr[1:])
    current = Populations([str(d) for d in raw["ref_date"]],
                          [str(area_ids[i]) for i in raw["area_idx"]], [""] * n,
                          np.arange(n, dtype=np.int64), ptr, np.zeros(0, dtype=np.uint64),
                          [frozenset()] * n, [frozenset()] * n)
    links = find_links(current, max(1, pub.rules.min_count), pairs=pairs)
    res = protect_release(raw, indicators, pub.rules, perturbation=pub.perturbation,
                          width=pub.width, pops=current, links=links,
                          group_tables=figures(links) if figures is not None else None,
                          totals=totals, withhold=withhold, types=types, overlaps=pairs)
    return ProtectedRelease(res, current, pub.rules)


def _total_populations(joined: Joined) -> Optional[Populations]:
    """The persons behind the run's totals, for the register (a run of one date only)."""
    if "person_key" not in joined.data or joined.located is None or \
            len(joined.stats.dates) != 1:
        return None
    n = joined.stats.rows_date
    loc = np.asarray(joined.located[:n], dtype=bool)
    area = joined.area[:n]
    group = np.where(area >= 0, 0, np.where(loc, 1, 2))
    return populations_from_rows(group, joined.data["person_key"].to_numpy()[:n], 3,
                                 [joined.stats.dates[0]] * 3, list(TOTAL_LABELS.values()))
