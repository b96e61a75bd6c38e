# SPDX-License-Identifier: GPL-2.0-or-later
"""The attacker's complete check of exact figures beside earlier releases.

With ``PERTURBATION=off`` every published figure is exact: a row's residents and each
indicator's numerator and denominator, a run's totals, and those of every release in the
register. Per cell type, the attacker's linear algebra over them is complete in this model:

* every person (key) gets the *signature* of the published populations that hold them, at any
  reference date; the persons with one signature form an **atom**;
* each published figure is the sum of its atoms' figures (exact for the residents: a
  population is a set of keys, whatever the dates; for the indicators the attacker's best
  case, persons whose attributes do not change between dates);
* a combination of published figures gives a **group** of persons exactly when its
  coefficient on every atom is 0 or 1.

A group's figure may not be told when the primary rules would hide it were the group
published itself (:class:`Rule`): residents of 1 to ``MIN_COUNT − 1`` persons; any other figure
of a group below the area minimum (``MIN_RESIDENTS``); a count, a sum of fractions or an
indicator's population below ``MIN_COUNT`` (or 0 where zeros are hidden), from the figures of
the atoms' persons in this run's extract, and their complements where a group's population is
told too (:func:`atom_figure_rules`; earlier releases' persons who are not in it count 0;
amounts are left to the size rule). With ``N`` an orthonormal basis of the null space of
the figures over the atoms, a 0/1 vector ``v`` is a combination of the figures exactly when
``Nᵀ v = 0``; over the atoms a rule can catch, an enumeration (few atoms) or a small integer
programme (scipy's HiGHS) finds one or proves there is none. The model knows no tolerances
and no geography: overlaps of any size, any number of releases and dates. (The relations of
core.discretion.links and the atoms of core.discretion.atoms model what the secondary
suppression needs, within tolerances that let some combinations of three or four releases
through; this check is their safety net.)

:func:`keep_back_groups` runs it after the release's protection: while a forbidden figure
follows from this release's figures together with earlier ones (and not from earlier ones
alone: the combination's product with a random direction of what this release adds to the
earlier figures' row space is not 0), the figure of this release that every such
combination needs (else the one it leans on most) is taken back: a total is withheld, a row
kept back (flag ``A``, every cell hidden) and the release protected again.
"""
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple, cast

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.engine import svd
from boligsocial_plugin.core.discretion.linkage import Populations, concat, subset
from boligsocial_plugin.core.discretion.release import ReleaseResult
from boligsocial_plugin.core.discretion.rules import Rules
from boligsocial_plugin.core.discretion.run_totals import TOTAL_LABELS
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr
from boligsocial_plugin.core.indicators import Indicator

#: the most atoms of one connected piece checked with a dense decomposition
DENSE_LIMIT = 6000
#: the most figures a run takes back before it gives up (a clear error)
MAX_ROUNDS = 60
_TOL = 1e-7
_NEW = 1e-6   # a combination's product with the new direction beyond this is new


@dataclass
class Group:
    """A small group of persons that follows from the published figures."""

    atoms: int
    #: the figures (indices of the checked populations) of this release in the combination,
    #: those every combination needs first
    needed: List[int] = field(default_factory=list)
    used: List[int] = field(default_factory=list)


@dataclass
class Rule:
    """When a group's figure (the sum of ``value`` over its atoms) may not be told:
    ``value·v < below``, and ``value·v > 0`` unless ``zero_too``; the group must hold someone
    of ``nonempty`` (per atom; e.g. the persons of an indicator's population)."""

    value: np.ndarray
    below: float
    zero_too: bool = False
    nonempty: Optional[np.ndarray] = None


#: the rules of a check, from the atoms: (unique keys, each key's atom, atom sizes)
RulesOf = Callable[[np.ndarray, np.ndarray, np.ndarray], List[Rule]]


def size_rule(small: int) -> RulesOf:
    """Groups of 1 to ``small − 1`` persons."""
    return lambda keys, atom_of_key, sizes: [Rule(sizes.astype(float), small)]


def signature_atoms(pops: Populations, use: np.ndarray):
    """The atoms of the populations ``use``: ``(pop_of, atom_of, sizes, keys, atom_of_key)``.

    ``pop_of[e]`` (an index into ``use``) holds atom ``atom_of[e]``; ``sizes[a]`` its persons;
    ``keys`` the persons (sorted, unique) and ``atom_of_key`` each one's atom. Signatures are
    sums of random 64-bit words per population (two independent words: a collision is
    astronomically unlikely)."""
    use = np.asarray(use, dtype=np.int64)
    parts = [np.unique(pops.members(int(i))) for i in use]
    sizes = np.array([len(p) for p in parts], dtype=np.int64)
    if not len(use) or not sizes.sum():
        z = np.zeros(0, np.int64)
        return z, z, z, np.zeros(0, np.uint64), z
    keys = np.concatenate(parts)
    owner = np.repeat(np.arange(len(use), dtype=np.int64), sizes)
    order = np.argsort(keys, kind="stable")
    ks, ow = keys[order], owner[order]
    start = np.r_[0, np.nonzero(ks[1:] != ks[:-1])[0] + 1]
    rng = np.random.default_rng(0x5EED)
    sig = [np.add.reduceat(rng.integers(0, 2 ** 63, len(use), dtype=np.uint64)[ow], start)
           for _ in range(2)]
    _, atom_of_key, size = np.unique(np.stack(sig, axis=1), axis=0, return_inverse=True,
                                     return_counts=True)
    atom_of_key = atom_of_key.ravel().astype(np.int64)
    per_key = np.repeat(np.arange(len(start)), np.diff(np.r_[start, len(ks)]))
    n_atoms = len(size)
    pairs = np.unique(ow * n_atoms + atom_of_key[per_key])
    return pairs // n_atoms, pairs % n_atoms, size.astype(np.int64), ks[start], atom_of_key


def find_group(pops: Populations, use: np.ndarray, mine: np.ndarray, rules_of: RulesOf,
               max_atoms: int = DENSE_LIMIT) -> Optional[Group]:
    """A group of persons whose figure ``rules_of`` forbids, that the published populations
    ``use`` give exactly and the earlier ones alone (``~mine``, aligned with ``use``) do not;
    None when there is none."""
    pop_of, atom_of, sizes, keys, atom_of_key = signature_atoms(pops, use)
    if not len(sizes):
        return None
    rules = rules_of(keys, atom_of_key, sizes)
    cand = np.zeros(len(sizes), dtype=bool)
    for rule in rules:
        cand |= rule.value < rule.below
    if not cand.any():
        return None
    m, k = len(use), len(sizes)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(pop_of)), (pop_of, m + atom_of)), shape=(m + k, m + k))
    _, comp = connected_components(graph, directed=False)
    mine = np.asarray(mine, dtype=bool)
    for c in np.unique(comp[m:][cand]):
        rows = np.nonzero((comp[:m] == c))[0]
        if not mine[rows].any():
            continue  # earlier releases alone: published before, nothing this run can change
        cols = np.nonzero(comp[m:] == c)[0]
        if len(cols) > max_atoms:
            raise BoligsocialError(tr(
                "With PERTURBATION=off the figures published here and by earlier releases "
                "overlap in {n} pieces; exact values are checked for at most {max}. Publish "
                "with PERTURBATION=on (the default), or use another release register for "
                "checks.").format(n=len(cols), max=max_atoms))
        found = _in_piece(pop_of, atom_of, rows, cols, mine, rules)
        if found is not None:
            return found
    return None


def _rank(s: np.ndarray, shape) -> int:
    return int((s > max(shape) * np.finfo(float).eps * max(1.0, s[0] if len(s) else 1)).sum())


def _in_piece(pop_of, atom_of, rows, cols, mine, rules: List[Rule]) -> Optional[Group]:
    """:func:`find_group` in one connected piece (populations ``rows``, atoms ``cols``)."""
    ri = -np.ones(int(rows.max()) + 1, dtype=np.int64)
    ri[rows] = np.arange(len(rows))
    ci = -np.ones(int(cols.max()) + 1, dtype=np.int64)
    ci[cols] = np.arange(len(cols))
    sel = np.isin(pop_of, rows)
    p = np.zeros((len(rows), len(cols)))
    p[ri[pop_of[sel]], ci[atom_of[sel]]] = 1.0
    pu = np.unique(p, axis=0)          # a figure published twice adds nothing
    _, s, vt = svd(pu, True)
    r = _rank(s, pu.shape)
    null = vt[r:].T                                # atoms × null dimension
    earlier = p[~mine[rows]]
    new = _new_direction(np.unique(earlier, axis=0) if len(earlier) else earlier, vt[:r])
    if new is not None and not len(new):
        return None          # this run's figures add nothing to what was published before
    for rule in rules:
        value = rule.value[cols]
        pick = np.nonzero(value < rule.below)[0]
        if not len(pick):
            continue
        nonempty = None if rule.nonempty is None else rule.nonempty[cols][pick]
        v = _binary_in_null(null[pick].T, value[pick], rule, nonempty,
                            None if new is None else new[pick])
        if v is not None:
            full = np.zeros(len(cols))
            full[pick[v]] = 1.0
            return _group(p, full, rows, mine, int(len(v)))
    return None


def _group(p: np.ndarray, full: np.ndarray, rows, mine, atoms: int) -> Group:
    """The figures of this run in the least-norm combination giving ``full``; those every
    combination needs (their row is independent of the others) first."""
    u, s, vt = svd(p, True)
    r = _rank(s, p.shape)
    y = u[:, :r] @ ((vt[:r] @ full) / s[:r])
    free = np.linalg.norm(u[:, r:], axis=1) > 1e-9 if r < len(rows) else \
        np.zeros(len(rows), dtype=bool)
    used = np.nonzero((np.abs(y) > 1e-9) & mine[rows])[0]
    order = sorted(used, key=lambda i: -abs(y[i]))
    return Group(atoms, [int(rows[i]) for i in order if not free[i]],
                 [int(rows[i]) for i in order])


def _new_direction(earlier: np.ndarray, row_space: np.ndarray) -> Optional[np.ndarray]:
    """A random direction (per atom) of what this run's figures add to the earlier ones' row
    space: a combination ``v`` of all the figures is new (not known from earlier releases
    alone) exactly when its part outside their row space is not 0, and then, with
    probability 1, its product with this direction is not 0 either. None: no earlier
    figures (everything is new); empty: nothing is new."""
    if not len(earlier):
        return None
    _, se, ve = svd(earlier, False)
    qe = ve[:_rank(se, earlier.shape)].T               # atoms × rank of the earlier figures
    rest = row_space.T - qe @ (qe.T @ row_space.T)      # the run's row space outside it
    if not rest.size:
        return np.zeros(0)
    w, sw, _ = svd(rest, False)
    k = int((sw > 1e-8).sum())
    if not k:
        return np.zeros(0)
    c = np.random.default_rng(0x5EED).standard_normal(k)
    d = w[:, :k] @ c
    return d / np.abs(d).max()


def _binary_in_null(nt: np.ndarray, value: np.ndarray, rule: Rule,
                    nonempty: Optional[np.ndarray],
                    new: Optional[np.ndarray]) -> Optional[np.ndarray]:
    """Indices of a nonempty 0/1 vector ``v`` with ``nt v = 0`` whose figure the rule forbids
    and (``new``, see :func:`_new_direction`) that earlier figures alone do not give, or
    None."""
    d = len(value)
    if new is not None:
        new = np.where(np.abs(new) < _NEW, 0.0, new)
        if not new.any():
            return None   # no group of these atoms is new
    nt = np.where(np.abs(nt) < 1e-12, 0.0, nt)
    eps = 1e-9
    lo = -np.inf if rule.zero_too else eps
    hi = rule.below - eps

    def ok(v: np.ndarray) -> bool:
        f = float(value @ v)
        return lo <= f <= hi and (nonempty is None or float(nonempty @ v) > 0.5) and \
            (not len(nt) or float(np.linalg.norm(nt @ v)) < 1e-6) and \
            (new is None or abs(float(new @ v)) > _NEW)

    if d <= 12:  # few atoms: every subset, smallest first
        from itertools import combinations

        for size in range(1, d + 1):
            for combo in combinations(range(d), size):
                v = np.zeros(d)
                v[list(combo)] = 1.0
                if ok(v):
                    return np.array(combo, dtype=np.int64)
        return None
    from scipy.optimize import Bounds, LinearConstraint, milp

    base = [LinearConstraint(np.ones((1, d)), 1, np.inf),
            LinearConstraint(value[None, :], lo, hi)]
    if len(nt):
        base.append(LinearConstraint(nt, -_TOL, _TOL))
    if nonempty is not None:
        base.append(LinearConstraint(nonempty[None, :].astype(float), 0.5, np.inf))
    sides = [[]] if new is None else \
        [[LinearConstraint(new[None, :], 2 * _NEW, np.inf)],
         [LinearConstraint(new[None, :], -np.inf, -2 * _NEW)]]
    for side in sides:
        cons = base + side
        for _ in range(50):   # a rounded answer that fails the check is cut off and retried
            res = milp(np.zeros(d), constraints=cons, integrality=np.ones(d),
                       bounds=Bounds(0, 1))
            if res.x is None:
                break
            v = np.round(res.x)
            idx = np.nonzero(v)[0]
            if ok(v):
                return idx
            a = -np.ones(d)
            a[idx] = 1.0
            cons = cons + [LinearConstraint(a[None, :], -np.inf, len(idx) - 1)]
    return None


@dataclass
class Checked:
    """What :func:`keep_back_groups` did (for the report)."""

    rows: List[int] = field(default_factory=list)
    totals: List[str] = field(default_factory=list)
    groups: int = 0
    seconds: float = 0.0


@dataclass
class Figures:
    """The published figures to check: populations, which are this release's (``mine``),
    each one's row (−1: none) and total's name (None: none), and per cell type (``checks``:
    label, which populations publish it, the smallest group that may be told) ."""

    pops: Populations
    mine: np.ndarray
    row: np.ndarray
    total: List[Optional[str]]
    checks: List[Tuple[str, np.ndarray, RulesOf]]


def keep_back_groups(figures: Callable[[], Figures],
                     take_back: Callable[[Optional[int], Optional[str]], None]) -> Checked:
    """Take back this release's figures until no small group follows (module doc).

    ``figures()``: what is published now; ``take_back(row, total)``: keep back a row (and
    protect again) or withhold a total."""
    t0 = time.perf_counter()
    out = Checked()
    for _ in range(MAX_ROUNDS):
        f = figures()
        grp, use = None, np.zeros(0, np.int64)
        for _label, mask, rules_of in f.checks:
            use = np.nonzero(mask)[0]
            grp = find_group(f.pops, use, f.mine[use], rules_of)
            if grp is not None:
                break
        if grp is None:
            out.seconds = time.perf_counter() - t0
            return out
        out.groups += 1
        pick = int(use[_pick(grp, [f.total[int(i)] for i in use])])
        if f.total[pick] is not None:
            out.totals.append(str(f.total[pick]))
            take_back(None, f.total[pick])
        else:
            out.rows.append(int(f.row[pick]))
            take_back(int(f.row[pick]), None)
    raise BoligsocialError(tr(
        "With PERTURBATION=off more than {n} figures of this run would have to be kept back so "
        "that no small group follows from them and earlier releases; nothing was written. "
        "Publish with PERTURBATION=on (the default), or use another release register for "
        "checks.").format(n=MAX_ROUNDS))


def _pick(grp: Group, total: Sequence[Optional[str]]) -> int:
    """The figure to take back: one every combination needs, a total before a row, then the
    one the combination leans on most."""
    for pool in (grp.needed, grp.used):
        tot = [i for i in pool if total[i] is not None]
        if tot:
            return tot[0]
        if pool:
            return pool[0]
    raise BoligsocialError(tr("Internal error: a small group without a figure of this run."))


#: the rules of a cell type's figures from the atoms (type name, the names published with it,
#: keys, atom of key, sizes)
FigureRules = Callable[[str, Sequence[str], np.ndarray, np.ndarray, np.ndarray], List[Rule]]


def check_figures(current: Populations, hidden_types: np.ndarray, types: Sequence[str],
                  totals: Optional[Populations], published_totals: Dict[str, bool],
                  earlier: Populations, total_names: Sequence[str], min_count: int,
                  min_group: int, figure_rules: Optional[FigureRules] = None) -> Figures:
    """The figures :func:`keep_back_groups` checks: a run's rows (``hidden_types``: rows ×
    ``types``, core.discretion.release.cell_types), its totals (with the persons read, the
    union of the three) and the register's populations. The residents may not tell a group
    below ``min_count``; any other figure a group below ``min_group`` (an area's minimum);
    ``figure_rules``: more rules of a type's figures (the primary rules on the atoms'
    figures of this run's persons)."""
    n = len(current)
    parts = [current]
    row = list(range(n))
    total: List[Optional[str]] = [None] * n
    tot_pub: List[bool] = []
    if totals is not None:
        parts.append(totals)
        row += [-1] * len(totals)
        total += list(total_names)
        tot_pub = [bool(published_totals.get(name)) for name in total_names]
        read = Populations(totals.dates[:1], ["(persons read)"], [""], np.array([-1], np.int64),
                           np.array([0, len(totals.keys)], np.int64), totals.keys,
                           [frozenset()], [frozenset()])
        parts.append(read)
        row.append(-1)
        total.append("PERSONS_READ")
        tot_pub.append(bool(published_totals.get("PERSONS_READ")))
    n_mine = len(row)
    keep = [i for i in range(len(earlier)) if earlier.published[i]]
    parts.append(subset(earlier, keep))
    pops = parts[0]
    for p in parts[1:]:
        pops = concat(pops, p)
    mine = np.zeros(len(pops), dtype=bool)
    mine[:n_mine] = True
    by_mask: Dict[bytes, Tuple[np.ndarray, List[str]]] = {}
    for t, name in enumerate(types):
        mask = np.zeros(len(pops), dtype=bool)
        mask[:n] = ~hidden_types[:, t]
        if t == 0:
            mask[n:n_mine] = tot_pub
        mask[n_mine:] = [name in earlier.published[i] for i in keep]
        if mask.any():
            by_mask.setdefault(mask.tobytes(), (mask, []))[1].append(name)
    checks = [(", ".join(names), mask, _rules_of(names, types[0], min_count,
                                                 max(min_count, min_group), figure_rules))
              for mask, names in by_mask.values()]
    return Figures(pops, mine, np.array(row + [-1] * len(keep), dtype=np.int64),
                   total + [None] * len(keep), checks)


def _rules_of(names: List[str], residents: str, min_count: int, min_group: int,
              figure_rules: Optional[FigureRules]) -> RulesOf:
    """The rules of the cell types ``names`` that one set of populations publishes."""
    def rules_of(keys, atom_of_key, sizes):
        out = [Rule(sizes.astype(float), min_count if residents in names else min_group)]
        if residents in names and len(names) > 1:
            out.append(Rule(sizes.astype(float), min_group))
        for name in names:
            if figure_rules is not None and name != residents:
                out += figure_rules(name, names, keys, atom_of_key, sizes)
        return out
    return rules_of


#: the raw figures of groups of persons, (date, sorted keys) each: a raw-like table (a row per
#: group, in order) and whether each was found (core.pipeline.GroupFigures, or a database's)
GroupTable = Callable[[List[Tuple[str, np.ndarray]]], Tuple[pd.DataFrame, np.ndarray]]


def atom_figure_rules(group_figures: GroupTable, dates: Sequence[str],
                      indicators: Sequence[Indicator], rules: Rules) -> FigureRules:
    """The primary rules of each cell type on the figures of the atoms' persons at the run's
    ``dates`` (the module doc): a count, a sum of fractions or an indicator's population of a
    group below ``min_count`` (or 0, unless zeros are published) may not be told, nor (where
    the group's population is told with it) the persons not counted. Amounts (means' sums)
    are left to the size rule."""
    kinds = {i.code: i.kind for i in indicators}
    cache: Dict[str, Any] = {}

    def tables(keys: np.ndarray, atom_of_key: np.ndarray, n_atoms: int) -> List[pd.DataFrame]:
        if cache.get("keys") is not keys:  # the atoms of one check, once
            order = np.argsort(atom_of_key, kind="stable")
            cuts = np.searchsorted(atom_of_key[order], np.arange(n_atoms + 1))
            members = [np.sort(keys[order[cuts[a]:cuts[a + 1]]]) for a in range(n_atoms)]
            groups = [(str(d), m) for d in dates for m in members]
            table, _found = group_figures(groups)   # a person not there counts 0
            out = [table.iloc[i * n_atoms:(i + 1) * n_atoms].reset_index(drop=True)
                   for i in range(len(dates))] if len(table) == len(groups) else []
            cache.update(keys=keys, tables=out)
        return cache["tables"]

    def figure_rules(name, names, keys, atom_of_key, sizes) -> List[Rule]:
        code, part = name.split(":")[0], name.rsplit(":", 1)[-1]
        if code not in kinds or (part == "num" and kinds[code] == "mean"):
            return []
        both = name[:-len(part)] + "den" in names   # the group's population is told too
        zero = not rules.publish_zeros
        out = []
        for t in tables(keys, atom_of_key, len(sizes)):
            den = t[f"{code}_den"].to_numpy(dtype=float)
            if part == "den":
                out.append(Rule(den, rules.min_count))
                continue
            num = t[f"{code}_num"].to_numpy(dtype=float)
            out.append(Rule(num, rules.min_count, zero_too=zero, nonempty=den))
            cnt = t[f"{code}_cnt"].to_numpy(dtype=float) if f"{code}_cnt" in t else num
            if not np.array_equal(cnt, num):  # a sum of fractions: its persons too
                out.append(Rule(cnt, rules.min_count, zero_too=zero, nonempty=den))
            if both and rules.complement:     # N − k small
                out.append(Rule(np.maximum(den - num, 0.0), rules.min_count, zero_too=zero,
                                nonempty=den))
                if f"{code}_rest" in t:
                    rest = t[f"{code}_rest"].to_numpy(dtype=float)
                    if not np.allclose(rest, den - num):
                        out.append(Rule(rest, rules.min_count, zero_too=zero, nonempty=den))
        return out

    return figure_rules


def keep_back_run(res: ReleaseResult, run: Callable[[], ReleaseResult], held: Dict[str, Any],
                  current: Populations, total_pops: Optional[Populations], old: Populations,
                  rules: Rules, figure_rules: Optional[FigureRules] = None) -> ReleaseResult:
    """:func:`keep_back_groups` for a run (core.pipeline.protect_run, exact values beside
    earlier releases): ``run()`` protects the run again with ``held["rows"]`` withheld; the
    rows taken back are added there, totals are withheld in the result; the report says so."""
    box = {"res": res}
    names = list(TOTAL_LABELS)

    def figures():
        r = box["res"]
        pub_totals = {k: r.totals.get(k) is not None for k in names + ["PERSONS_READ"]}
        return check_figures(current, r.hidden_types, r.types, total_pops, pub_totals, old,
                             names, rules.min_count, rules.min_residents, figure_rules)

    def take_back(row: Optional[int], total: Optional[str]) -> None:
        if total is not None:
            box["res"].totals[total] = None
            box["res"].totals["PERSONS_READ"] = None
            return
        wh = np.zeros(len(current), dtype=bool) if held["rows"] is None else \
            np.array(held["rows"], dtype=bool)
        wh[int(cast(int, row))] = True
        held["rows"] = wh
        box["res"] = run()

    done = keep_back_groups(figures, take_back)
    res = box["res"]
    res.report["exact_groups"] = {"rows_kept_back": len(done.rows), "totals": done.totals,
                                  "seconds": round(done.seconds, 4)}
    if done.rows or done.totals:
        cast(list, res.report.setdefault("warnings", [])).append(tr(
            "With exact values (PERTURBATION=off) rows kept back (flag A): {rows}; totals "
            "withheld: {tot} ({names}). With earlier releases in the register they would give "
            "exactly the residents of a group of fewer than {min} persons, a figure of a group "
            "of fewer than {area}, or a count below {min}. PERTURBATION=on (the default) "
            "publishes them.").format(
                rows=len(done.rows), tot=len(done.totals), names=", ".join(done.totals) or "-",
                min=rules.min_count, area=max(rules.min_count, rules.min_residents)))
    return res
