# SPDX-License-Identifier: GPL-2.0-or-later
"""The moves in the release register: their populations, and their links to earlier releases.

Every count the moves publish is the size of a group of persons at a reference date:

* per area: the residents at FROM_DATE and at TO_DATE (labelled with the area id, like the
  indicator layer's rows), the stayers (at both dates: the same persons), the in-movers and
  those in from outside (at TO_DATE), the out-movers and those out to outside (at FROM_DATE),
  the arrivals (TO_DATE) and the leavers (FROM_DATE);
* per flow ``A>B``: its movers at both dates (out-movers of A at FROM_DATE, in-movers of B at
  TO_DATE); likewise the flows between groups of areas;
* with focus areas: the movers from them into each area (TO_DATE) and their totals.

These populations are recorded in the register (core.discretion.register) with what was
published and what was hidden, so later releases of any output (another geography, another
run) are protected against them. Before that, the populations of earlier releases are linked
to them (core.discretion.linkage: equal, nearly equal, nested) and the links become cells
and relations of the moves' count system (core.discretion.release's link model), so the
moves' secondary suppression and attacker's audit (core.discretion.lpaudit) see the earlier
releases too. The relations between this release's own populations are those of the count
system (core.discretion.moves), modelled exactly; only links that touch an earlier release
are added.
"""
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.linkage import (
    EQUAL,
    NEAR,
    SUM,
    Populations,
    concat,
    describe,
    find_links,
    populations_from_rows,
)
from boligsocial_plugin.core.discretion.moves_counts import (
    ARR,
    FOCUS_TOTALS,
    IN,
    INO,
    LEA,
    OUT,
    OUTO,
    RF,
    RT,
    K,
    S,
)
from boligsocial_plugin.core.discretion.perturbation import Perturbation
from boligsocial_plugin.core.discretion.register import Register, fingerprint
from boligsocial_plugin.core.discretion.release import (
    ReleaseResult,
    _add_links,
    _equal_forest,
    _Extra,
    _link_figures,
)
from boligsocial_plugin.core.discretion.rules import PUBLISHED, Rules

#: the register's cell types of a moves population: its size only
TYPES = ["residents"]
#: the label of the focus areas' totals in the register
FOCUS_LABEL = "(focus areas)"


def move_populations(md, cs, focus: Optional[np.ndarray] = None
                     ) -> Optional[Tuple[Populations, np.ndarray]]:
    """(populations, count-system cell of each) of a moves release; None without persons.

    ``md``: core.moves.MoveData with ``persons``; ``cs``: its core.discretion.moves
    CountSystem. Empty populations are left out (they publish nothing about anyone).
    """
    mp = md.persons
    if mp is None:
        return None
    n = cs.n
    ids = [str(a) for a in md.area_ids]
    fd, td = str(md.from_date), str(md.to_date)
    dates: List[str] = []
    labels: List[str] = []
    cells: List[np.ndarray] = []
    groups: List[np.ndarray] = []
    keys: List[np.ndarray] = []

    def rows(date: str, names: Sequence[str], cell: np.ndarray, member_row: np.ndarray,
             member_key: np.ndarray) -> None:
        """Populations ``names`` (cells ``cell``); ``member_row`` indexes into them."""
        base = len(dates)
        dates.extend([date] * len(names))
        labels.extend(names)
        cells.append(np.asarray(cell, dtype=np.int64))
        groups.append(base + np.asarray(member_row, dtype=np.int64))
        keys.append(np.asarray(member_key, dtype=np.uint64))

    def per_area(date, suffix, kk, mask, area, key):
        rows(date, [a + suffix for a in ids], np.arange(n) * K + kk, area[mask], key[mask])

    at, pt, kt = mp.area_to, mp.prev_to, mp.key_to
    af, nf, kf = mp.area_from, mp.next_from, mp.key_from
    stay_t, stay_f = pt == at, nf == af
    in_m, out_m = (pt >= 0) & ~stay_t, (nf >= 0) & ~stay_f
    per_area(fd, "", RF, np.ones(len(af), bool), af, kf)
    per_area(td, "", RT, np.ones(len(at), bool), at, kt)
    per_area(fd, " (stayers)", S, stay_f, af, kf)
    per_area(td, " (stayers)", S, stay_t, at, kt)
    per_area(td, " (in_movers)", IN, in_m, at, kt)
    per_area(td, " (in_from_outside)", INO, pt < 0, at, kt)
    per_area(fd, " (out_movers)", OUT, out_m, af, kf)
    per_area(fd, " (out_to_outside)", OUTO, nf < 0, af, kf)
    # the groups of the elevator profiles (their sizes are never published as such)
    per_area(td, " (arrivals)", ARR, ~stay_t, at, kt)
    per_area(fd, " (leavers)", LEA, ~stay_f, af, kf)
    # flows, at both dates
    fl = cs.flows
    nflow = len(fl)
    if nflow:
        code = fl["origin"].to_numpy(dtype=np.int64) * n + fl["dest"].to_numpy(dtype=np.int64)
        order = np.argsort(code, kind="stable")
        scode = code[order]

        def flow_of(o: np.ndarray, d: np.ndarray) -> np.ndarray:
            return order[np.searchsorted(scode, o.astype(np.int64) * n + d)]

        f_to = flow_of(pt[in_m], at[in_m])
        f_from = flow_of(af[out_m], nf[out_m])
        names = ["{}>{}".format(ids[o], ids[d]) for o, d in
                 zip(fl["origin"].to_numpy(), fl["dest"].to_numpy())]
        fcell = cs.base_flow + np.arange(nflow)
        rows(fd, names, fcell, f_from, kf[out_m])
        rows(td, names, fcell, f_to, kt[in_m])
        if cs.group_pairs and cs.pair_of is not None:
            gnames = ["group {}>{}".format(a, b) for a, b in cs.group_pairs]
            gcell = cs.base_group + np.arange(len(cs.group_pairs))
            rows(fd, gnames, gcell, cs.pair_of[f_from], kf[out_m])
            rows(td, gnames, gcell, cs.pair_of[f_to], kt[in_m])
        if focus is not None and np.any(focus) and len(cs.w_dest):
            fm = np.asarray(focus, dtype=bool)
            pos = np.full(n, -1, dtype=np.int64)
            pos[cs.w_dest] = np.arange(len(cs.w_dest))
            sel = np.zeros(len(at), dtype=bool)
            sel[in_m] = fm[pt[in_m]]
            rows(td, ["{}>{}".format(FOCUS_LABEL, ids[d]) for d in cs.w_dest],
                 cs.base_w + np.arange(len(cs.w_dest)), pos[at[sel]], kt[sel])
    if focus is not None and np.any(focus):
        fm = np.asarray(focus, dtype=bool)
        ff, ft = fm[af], fm[at]
        sets = {"residents_from": (fd, ff, af, kf), "out_movers": (fd, ff & out_m, af, kf),
                "out_to_outside": (fd, ff & (nf < 0), af, kf)}
        for j, name in enumerate(FOCUS_TOTALS):
            cell = np.array([cs.base_focus + j])
            if name == "stayers":
                rows(fd, [FOCUS_LABEL + " (stayers)"], cell, np.zeros(int((ff & stay_f).sum())),
                     kf[ff & stay_f])
                rows(td, [FOCUS_LABEL + " (stayers)"], cell, np.zeros(int((ft & stay_t).sum())),
                     kt[ft & stay_t])
                continue
            d, m, _a, k = sets[name]
            label = FOCUS_LABEL if name == "residents_from" else \
                "{} ({})".format(FOCUS_LABEL, name)
            rows(d, [label], cell, np.zeros(int(m.sum())), k[m])
    cell_arr = np.concatenate(cells)
    g = np.concatenate(groups)
    pops, keep = _nonempty_populations(g, keys, dates, labels)
    return pops, cell_arr[keep]


def _nonempty_populations(g: np.ndarray, keys: List[np.ndarray], dates: List[str],
                          labels: List[str]) -> Tuple[Populations, np.ndarray]:
    """The populations of the groups ``g`` (one per person row, keys concatenated from
    ``keys``) that hold anybody, and which groups those are."""
    size = np.bincount(g, minlength=len(dates))
    keep = np.nonzero(size > 0)[0]
    remap = np.full(len(dates), -1, dtype=np.int64)
    remap[keep] = np.arange(len(keep))
    pops = populations_from_rows(remap[g], np.concatenate(keys), len(keep),
                                 [dates[i] for i in keep], [labels[i] for i in keep])
    return pops, keep


def _sizes(groups: List[Tuple[str, np.ndarray]]) -> Tuple[pd.DataFrame, np.ndarray]:
    """The figures of a group of persons needed here: its size (always known)."""
    return (pd.DataFrame({"residents": [float(len(k)) for _d, k in groups]}),
            np.ones(len(groups), dtype=bool))


def link_earlier(cs, pops: Populations, cells: np.ndarray, rules: Rules,
                 perturbation: Perturbation, register: Optional[Register]) -> Dict[str, object]:
    """Add the links between this release's populations and the register's to the count
    system ``cs`` (in place: new cells and relations; ``cs.known`` the cells an earlier release
    published for the same persons). Returns the counts of links for the report."""
    out: Dict[str, object] = {EQUAL: 0, NEAR: 0, SUM: 0, "earlier_populations": 0,
                              "examples": []}
    if register is None:
        return out
    old = register.load(sorted(set(pops.dates)), sorted(set(pops.labels)), TYPES)
    out["earlier_populations"] = len(old)
    if not len(old):
        return out
    # this release's populations stand for their count-system cells
    current = Populations(pops.dates, pops.labels, pops.release, np.asarray(cells, np.int64),
                          pops.ptr, pops.keys, pops.hidden, pops.published)
    allp = concat(current, old)
    links = find_links(allp, max(1, rules.min_count),
                       equal_across_dates=perturbation.enabled)
    links = _structural(allp, links)
    if perturbation.enabled:  # as core.discretion.release: only equal links between dates
        links = [lk for lk in links if lk.kind == EQUAL or
                 len({allp.dates[p] for p in (lk.container,) + lk.members}) == 1]
        links = _noisy_copies_dropped(allp, links)
    if not links:
        return out
    total = len(cs.values)
    raw = pd.DataFrame({"residents": cs.values})
    old_vals, rest_prot = _link_figures([], rules, allp, links, _sizes, raw)
    links = _equal_forest(allp, links)
    extra = _Extra(total)
    known = _add_links(raw, [], allp, links, old_vals, rest_prot, cs.rel, extra, {}, 1,
                       cs.values.reshape(-1, 1))
    m = extra.size
    cs.values = np.concatenate([cs.values, extra.values])
    cs.hidden = np.concatenate([cs.hidden, extra.hidden])
    cs.protect = np.concatenate([cs.protect, extra.protect])
    cs.candidate = np.concatenate([cs.candidate, extra.candidate])
    cs.priority = np.concatenate([cs.priority, extra.priority])
    cs.flags = np.concatenate([cs.flags, np.full(m, PUBLISHED, dtype=object)])
    cs.ck = np.concatenate([cs.ck, np.zeros(m, dtype=np.int64)])
    cs.lower = np.concatenate([np.zeros(total) if cs.lower is None else cs.lower,
                               extra.lower])
    if cs.link is not None:
        cs.link = np.concatenate([cs.link, np.full(m, -1, dtype=np.int64)])
    if cs.forced is not None:
        cs.forced = np.concatenate([cs.forced, np.zeros(m, dtype=bool)])
    cs.known = np.concatenate([known, np.zeros(m, dtype=bool)])
    # the residents are hidden only to protect a figure an earlier release links to them
    # (another geography: a merged area minus this one gives a small area): the last resort
    res = np.concatenate([np.arange(cs.n) * K + RF, np.arange(cs.n) * K + RT])
    res = res[~cs.hidden[res] & ~cs.known[res]]
    cs.candidate[res] = True
    cs.priority[res] = 5
    for kind in (EQUAL, NEAR, SUM):
        out[kind] = sum(1 for lk in links if lk.kind == kind)
    out["examples"] = [describe(lk, allp) for lk in links[:5]]
    return out


def _noisy_copies_dropped(pops: Populations, links: Sequence) -> List:
    """The links without those that tie one of this release's populations to an earlier
    population of the same persons at *another* date whose size was published (perturbation
    on only).

    Such a population (a month of a series whose residents are exactly this area's stayers)
    has the same perturbed value in every output (the noise is keyed on the persons and the
    value), so publishing it again adds nothing and hiding it protects nothing; and its
    published value is the true size plus noise, so a difference with another of this
    release's figures (residents_to − stayers = arrivals) is a difference of two differently
    perturbed populations, as every difference between dates is
    (core.discretion.release). Counting it as an exact known figure pinned the moves'
    hidden arrivals and leavers in areas where a monthly series had been published (the
    "review before publishing" warning). Links to an earlier *hidden* population of the same
    persons are kept: this release must not publish what an earlier one hid.
    """
    out = []
    for lk in links:
        if lk.kind == EQUAL:
            a, b = lk.container, lk.members[0]
            if (pops.row[a] >= 0) != (pops.row[b] >= 0) and pops.dates[a] != pops.dates[b]:
                old = b if pops.row[a] >= 0 else a
                if "residents" in pops.published[old]:
                    continue
        out.append(lk)
    return out


def _structural(pops: Populations, links: Sequence) -> List:
    """The links that tell the attacker something the count system does not already know.

    An earlier population with the same label, date and persons as one of this release's (the
    indicator layer's area at the same date, a re-run) is that population: their equal link is
    kept, and every other link of it is a relation between this release's own populations,
    which the count system models exactly (and by definition, not by coincidence: the stayers
    of an area nobody entered are the persons of the area at TO_DATE, but the attacker does
    not know that nobody entered). Links among earlier populations alone are dropped (as in
    core.discretion.release).
    """
    twin: Dict[int, int] = {}
    for lk in links:
        if lk.kind != EQUAL:
            continue
        a, b = lk.container, lk.members[0]
        if (pops.row[a] >= 0) == (pops.row[b] >= 0):
            continue
        cur, old = (a, b) if pops.row[a] >= 0 else (b, a)
        if pops.labels[cur] == pops.labels[old] and pops.dates[cur] == pops.dates[old]:
            twin.setdefault(old, cur)
    out = []
    for lk in links:
        members = (lk.container,) + lk.members
        old = [p for p in members if pops.row[p] < 0]
        if not old or len(old) == len(members):
            continue
        if lk.kind == EQUAL and len(old) == 1 and twin.get(old[0]) in members:
            out.append(lk)
        elif not all(p in twin for p in old):
            out.append(lk)
    return out


def recorded_release(pops: Populations, cells: np.ndarray, hidden: np.ndarray, rules: Rules,
                     profiles=None):
    """The core.pipeline.ProtectedRelease the register records: each population's size,
    hidden or published as its cell (``hidden``: the count system's final hidden cells), and
    with ``profiles`` = (MoveData, ProfileSystem, its final hidden cells) the elevator
    profiles: the arrivals (TO_DATE), the leavers (FROM_DATE) and the stayers (TO_DATE) of
    every area with the numerator and denominator of each profile indicator, published or
    hidden as C_in, C_out and C_stay are (cell types of core.discretion.links.cell_types,
    so a later indicator layer of any geography is linked to them); with a fourth item, the
    numerators and denominators shown per group row, also the groups' cell states
    (core.discretion.moves_carry), so later windows repeat them."""
    from boligsocial_plugin.core.discretion.moves_carry import profile_state
    from boligsocial_plugin.core.pipeline import ProtectedRelease

    types = list(TYPES)
    hid = np.asarray(hidden, dtype=bool)[np.asarray(cells, dtype=np.int64)].reshape(-1, 1)
    pub = ~hid
    prof = _profile_populations(*profiles[:3]) if profiles is not None else None
    state = None
    if prof is not None:
        ppops, phid, ppub, types, keep = prof
        first = len(pops)
        pad = np.zeros((len(hid), len(types) - 1), dtype=bool)
        hid = np.vstack([np.hstack([hid, pad]), phid])
        pub = np.vstack([np.hstack([pub, pad]), ppub])
        pops = concat(pops, ppops)
        pops.row[:] = np.arange(len(pops.row))
        if len(profiles) > 3:  # the groups' cell states (core.discretion.moves_carry)
            state = profile_state(profiles[0], first, keep, profiles[3])
    result = ReleaseResult(pd.DataFrame(), {}, types, hid)
    release = ProtectedRelease(result, pops, rules)
    release.shown = hid | pub
    release.carry_state = state
    return release


def _profile_populations(md, ps, p_hidden):
    """(populations, hidden, published, cell types, group row of each population: ``g * n +
    area``) of the non-empty profile groups; None without persons or indicators."""
    from boligsocial_plugin.core.discretion.links import cell_types
    from boligsocial_plugin.core.discretion.moves_profiles import (
        P_IN,
        P_OUT,
        P_STAY,
        PROFILE_ROWS,
    )

    mp = md.persons
    if mp is None or not md.indicators:
        return None
    n, w = len(md.area_ids), ps.w
    ids = [str(a) for a in md.area_ids]
    types = cell_types(md.indicators)
    at, pt, kt = mp.area_to, mp.prev_to, mp.key_to
    af, nf, kf = mp.area_from, mp.next_from, mp.key_from
    areas = np.arange(n, dtype=np.int64)
    dates: List[str] = []
    labels: List[str] = []
    member: List[np.ndarray] = []
    keys: List[np.ndarray] = []
    hid_parts, pub_parts = [], []
    for j, (r, date, suffix, mask, area, key) in enumerate((
            (P_IN, str(md.to_date), " (arrivals)", pt != at, at, kt),
            (P_OUT, str(md.from_date), " (leavers)", nf != af, af, kf),
            (P_STAY, str(md.to_date), " (stayers)", pt == at, at, kt))):
        dates.extend([date] * n)
        labels.extend(a + suffix for a in ids)
        member.append(j * n + area[mask])
        keys.append(key[mask])
        base = areas * PROFILE_ROWS * w + r * w
        h = np.zeros((n, len(types)), dtype=bool)
        pb = np.zeros((n, len(types)), dtype=bool)
        h[:, 0] = p_hidden[base]
        pb[:, 0] = ~p_hidden[base]
        for i in range(len(md.indicators)):
            num_c, den_c = base + 1 + 2 * i, base + 2 + 2 * i
            hi = p_hidden[num_c] | p_hidden[den_c]
            shown = ~hi & (ps.values[den_c] > 0)
            h[:, 1 + 2 * i] = h[:, 2 + 2 * i] = hi
            pb[:, 1 + 2 * i] = pb[:, 2 + 2 * i] = shown
        hid_parts.append(h)
        pub_parts.append(pb)
    g = np.concatenate(member)
    pops, keep = _nonempty_populations(g, keys, dates, labels)
    return pops, np.vstack(hid_parts)[keep], np.vstack(pub_parts)[keep], types, keep


def modelled_by_moves(pops: Populations, links: Sequence, register: Optional[Register],
                      perturbed: bool = False) -> List:
    """The links of a later release (core.pipeline) without those the moves modelled.

    A row of the later release whose persons, date and label are those of an earlier
    population (an indicator layer's area at a moves date: the moves' ``residents_from`` or
    ``residents_to``) is the moves' residents cell, which the moves treat as published and
    known to everyone. A link between such rows and the moves' own groups (the stayers, the
    in-movers, the flows, ...) is a relation inside the moves release: either one its count
    system states by definition (residents_from = stayers + leavers) or a coincidence the
    attacker cannot know (the stayers of an area nobody left are its residents at FROM_DATE),
    and the moves' secondary suppression and audit already protect it. Such links are
    dropped, as the moves drop them the other way round (:func:`_structural`); the link of a
    row to its own earlier twin stays (it carries what the moves hid, e.g. a small area's
    residents), and so does every link to a population the moves do not define.

    ``perturbed`` (perturbation on): a row equal to one of the moves' *hidden* groups at
    another date (a month of a series whose residents are an area's stayers) is not linked
    either, as :func:`_noisy_copies_dropped` does the other way round: the same persons get
    the same noise in every output, and the row's difference with the moves' residents is a
    difference of two differently perturbed populations, as every difference between dates
    is. A group the moves published stays linked: the row's size is then known.
    """
    if register is None or not links:
        return list(links)
    moves_fp = register.fingerprints("analysemoves")  # robust to load's merging
    if not moves_fp:
        return list(links)
    moves_pop: Dict[int, bool] = {}

    def of_moves(p: int) -> bool:
        if p not in moves_pop:
            moves_pop[p] = fingerprint(pops.dates[p], pops.members(p)) in moves_fp
        return moves_pop[p]

    twin_of: Dict[int, bool] = {}
    index: Dict[Tuple[str, str], List[int]] = {}
    for p in np.nonzero(pops.row < 0)[0]:
        index.setdefault((pops.dates[p], pops.labels[p]), []).append(int(p))

    def has_twin(p: int) -> bool:
        if p not in twin_of:
            mine = pops.members(p)
            twin_of[p] = any(np.array_equal(pops.members(q), mine)
                             for q in index.get((pops.dates[p], pops.labels[p]), []))
        return twin_of[p]

    out = []
    for lk in links:
        members = (lk.container,) + lk.members
        cur = [p for p in members if pops.row[p] >= 0]
        old = [p for p in members if pops.row[p] < 0]
        twins = {(pops.dates[p], pops.labels[p]) for p in cur}
        groups = [p for p in old if (pops.dates[p], pops.labels[p]) not in twins]
        if cur and groups and all(of_moves(p) for p in groups):
            if all(has_twin(p) for p in cur):
                continue
            if perturbed and lk.kind == EQUAL and pops.dates[cur[0]] != pops.dates[groups[0]] \
                    and "residents" not in pops.published[groups[0]]:
                continue
        out.append(lk)
    return out
