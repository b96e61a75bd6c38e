# SPDX-License-Identifier: GPL-2.0-or-later
"""The attacker's audit: the feasible interval of every hidden cell, by linear programming.

The exact audit of :mod:`.engine` asks whether a hidden cell can be *computed* from the
published cells and the relations. An attacker knows more: counts are ≥ 0, a count is at most
its total (a numerator at most its denominator, a denominator at most the residents). With
those bounds a hidden cell that is not computable can still be pinned to one value, or a small
count narrowed to [2, 5]. τ-ARGUS calls the required uncertainty a *protection interval*; here
a release passes only if

* no hidden cell is pinned (its interval is narrower than ``PINNED_WIDTH``), and
* every *primary* hidden cell (flag P or A, and every implied cell that must be protected,
  e.g. the rest of a parent area) has an interval at least the protection width wide
  (default ``MIN_COUNT``).

The feasible set is ``{x : relations hold, lower ≤ x ≤ upper, x_a ≤ x_b for each bound pair}``
over the hidden cells, with the published cells fixed. Because every relation holds for the
true values, its right-hand side is computed from the true values of its hidden terms, so cells
the attacker knows but that are not in the vector need no value here.

Cost: most cells are certified without a solver. From the true values ``x*`` (feasible by
definition), moving along a null-space direction ``v`` of the block's relations keeps every
relation; the box and bound pairs limit the step ``t``; then ``|v_j|·(t_max − t_min)`` is a lower
bound on the width of cell ``j``. Only cells this certificate cannot clear are solved with
scipy's HiGHS (min and max of the cell), per connected block of hidden cells.
"""
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from boligsocial_plugin.core.discretion.engine import (
    Relations,
    Suppression,
    components,
    null_space,
    secondary_suppression,
)
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

#: a hidden cell whose interval is narrower than this is pinned (counts: one integer value)
PINNED_WIDTH = 1.0
_TOL = 1e-7


@dataclass
class IntervalResult:
    """Outcome of :func:`interval_audit`."""

    passed: bool
    lo: np.ndarray              # per cell: the attacker's lower bound (NaN: not solved)
    hi: np.ndarray              # per cell: the attacker's upper bound (NaN: not solved)
    min_width: np.ndarray       # per cell: proven lower bound of the width (NaN: no need)
    failing: np.ndarray         # indices of hidden cells narrower than required
    checked: int                # hidden cells with a requirement
    certified: int              # of those, cleared by the null-space certificate
    solved: int                 # of those, solved by linear programming (2 LPs each)
    unknown_blocks: int         # blocks skipped because a hidden cell's true value is unknown
    seconds: float
    unprotectable: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    labels: Optional[np.ndarray] = None  # block label per cell (internal)

    def interval(self, cell: int) -> Tuple[float, float]:
        """(lo, hi) of one cell (NaN when only its minimum width was proven)."""
        return float(self.lo[cell]), float(self.hi[cell])


def _linprog():
    try:
        from scipy.optimize import linprog
    except ImportError:  # pragma: no cover - scipy is a dependency (python3-scipy)
        return None
    return linprog


def interval_audit(relations: Relations, values: np.ndarray, hidden: np.ndarray,
                   width: np.ndarray, lower: Optional[np.ndarray] = None,
                   upper: Optional[np.ndarray] = None,
                   leq: Optional[np.ndarray] = None,
                   only: Optional[np.ndarray] = None, certify: bool = True,
                   blocks: Optional[np.ndarray] = None,
                   cache: Optional[dict] = None) -> IntervalResult:
    """Feasible intervals of the hidden cells and whether each is wide enough.

    ``values``: true value of every cell (NaN = unknown; a block with an unknown hidden value
    is skipped and counted in ``unknown_blocks``). ``width``: required width per cell (0 = no
    requirement; use ``PINNED_WIDTH`` for "not pinned"). ``lower``/``upper``: bounds per cell
    (default 0 and +inf). ``leq``: (k, 2) pairs ``x[a] <= x[b]``. ``only``: restrict the work to
    blocks holding these cells (bool per cell). ``certify=False`` solves every cell (exact
    intervals for a report) instead of clearing most with the certificate. ``cache``: null
    spaces of block matrices met before (a dict kept across calls: a monthly series repeats a
    few block structures thousands of times).
    """
    t0 = time.perf_counter()
    n = relations.n_cells
    values = np.asarray(values, dtype=float)
    hidden = np.asarray(hidden, dtype=bool)
    width = np.asarray(width, dtype=float)
    lower = np.zeros(n) if lower is None else np.asarray(lower, dtype=float)
    upper = np.full(n, np.inf) if upper is None else np.asarray(upper, dtype=float)
    leq = np.zeros((0, 2), dtype=np.int64) if leq is None else \
        np.asarray(leq, dtype=np.int64).reshape(-1, 2)
    lo = np.full(n, np.nan)
    hi = np.full(n, np.nan)
    min_width = np.full(n, np.nan)
    need = hidden & (width > 0)
    if only is not None:
        need &= np.asarray(only, dtype=bool)
    # bound pairs with one side published become plain bounds
    lo_eff, up_eff = lower.copy(), upper.copy()
    if len(leq):
        a, b = leq[:, 0], leq[:, 1]
        ha, hb = hidden[a], hidden[b]
        m = ha & ~hb  # x_a <= published b
        np.minimum.at(up_eff, a[m], values[b[m]])
        m = ~ha & hb  # published a <= x_b
        np.maximum.at(lo_eff, b[m], values[a[m]])
        pairs = leq[ha & hb]
    else:
        pairs = leq
    indptr, cells, coefs = relations.csr()
    nrel = len(indptr) - 1
    rel_of = np.repeat(np.arange(nrel, dtype=np.int64), np.diff(indptr))
    th = hidden[cells] & (coefs != 0)
    hrel, hcell, hcoef = rel_of[th], cells[th], coefs[th]
    # blocks: hidden cells linked by relations or by bound pairs
    if hrel.size:
        first_pos = np.r_[0, np.nonzero(hrel[1:] != hrel[:-1])[0] + 1]
        first_cell = np.repeat(hcell[first_pos], np.diff(np.r_[first_pos, hrel.size]))
    else:
        first_cell = np.zeros(0, dtype=np.int64)
    u = np.concatenate([first_cell, pairs[:, 0]])
    v = np.concatenate([hcell, pairs[:, 1]])
    labels = components(n, u, v)
    if blocks is not None:  # only the blocks holding these cells (the others are unchanged)
        need &= np.isin(labels, np.unique(labels[np.asarray(blocks, dtype=bool)]))
    targets = np.nonzero(need)[0]
    if targets.size == 0:
        return IntervalResult(True, lo, hi, min_width, np.zeros(0, np.int64), 0, 0, 0, 0,
                              time.perf_counter() - t0, labels=labels)
    hid_idx = np.nonzero(hidden)[0]
    order = np.argsort(labels[hid_idx], kind="stable")
    hid_sorted = hid_idx[order]             # by block, cells ascending within a block
    lab_sorted = labels[hid_sorted]
    pos = np.zeros(n, dtype=np.int64)       # a hidden cell's place in hid_sorted
    pos[hid_sorted] = np.arange(hid_sorted.size)
    # relation terms grouped by block (relations ascending within a block, as in the CSR);
    # local row: relations numbered within the block; local column: the cell's place among
    # the block's members
    t_order = np.argsort(labels[hcell], kind="stable")
    t_lab = labels[hcell][t_order]
    t_rel = hrel[t_order]
    t_new = np.r_[True, (t_lab[1:] != t_lab[:-1]) | (t_rel[1:] != t_rel[:-1])] \
        if t_lab.size else np.zeros(0, bool)
    t_row = np.cumsum(t_new) - 1
    t_pos = pos[hcell[t_order]]
    t_coef = hcoef[t_order]
    p_lab = labels[pairs[:, 0]] if len(pairs) else np.zeros(0, np.int64)
    p_order = np.argsort(p_lab, kind="stable")
    p_lab_s = p_lab[p_order]
    certified = solved = unknown = 0
    failing: List[int] = []
    linprog = None
    cache = {} if cache is None else cache
    for lab in np.unique(labels[targets]):
        m0 = np.searchsorted(lab_sorted, lab, "left")
        members = hid_sorted[m0:np.searchsorted(lab_sorted, lab, "right")]
        xs = values[members]
        if np.isnan(xs).any():
            unknown += 1
            continue
        t0_, t1_ = np.searchsorted(t_lab, lab, "left"), np.searchsorted(t_lab, lab, "right")
        rows = t_row[t0_:t1_] - (t_row[t0_] if t1_ > t0_ else 0)
        a_eq = np.zeros((rows[-1] + 1 if rows.size else 0, len(members)))
        np.add.at(a_eq, (rows, t_pos[t0_:t1_] - m0), t_coef[t0_:t1_])
        b_eq = a_eq @ xs
        lb, ub = lo_eff[members], up_eff[members]
        psel = p_order[np.searchsorted(p_lab_s, lab, "left"):
                       np.searchsorted(p_lab_s, lab, "right")] if len(pairs) else \
            np.zeros(0, np.int64)
        a_ub = np.zeros((len(psel), len(members)))
        if len(psel):
            k_ub = np.arange(len(psel))
            np.add.at(a_ub, (k_ub, pos[pairs[psel, 0]] - m0), 1.0)
            np.add.at(a_ub, (k_ub, pos[pairs[psel, 1]] - m0), -1.0)
        want = np.nonzero(need[members])[0]
        wcells = members[want]
        cert = _certificate(a_eq, xs, lb, ub, a_ub, want, width[wcells], cache) \
            if certify else np.zeros(len(xs))
        ok = cert[want] >= width[wcells] - _TOL
        certified += int(ok.sum())
        min_width[wcells[ok]] = cert[want[ok]]
        lp_kw = None
        for k in want[~ok]:
            c = members[k]
            if linprog is None:
                linprog = _linprog()
            if lp_kw is None:
                lp_kw = _lp_problem(a_eq, b_eq, a_ub, lb, ub)
            solved += 1
            # certifying: the max is not needed when the min alone leaves the width
            lo[c], hi[c] = _extremes(linprog, lp_kw, len(xs), k, xs[k],
                                     enough=width[c] if certify else None)
            min_width[c] = (hi[c] if not np.isnan(hi[c]) else xs[k]) - lo[c]
            if hi[c] - lo[c] < width[c] - _TOL:
                failing.append(int(c))
    return IntervalResult(not failing, lo, hi, min_width,
                          np.array(sorted(failing), dtype=np.int64),
                          int(targets.size), certified, solved, unknown,
                          time.perf_counter() - t0, labels=labels)


def _certificate(a_eq: np.ndarray, xs: np.ndarray, lb: np.ndarray, ub: np.ndarray,
                 a_ub: np.ndarray, want_cells: Union[Sequence[int], np.ndarray],
                 need: Optional[np.ndarray] = None,
                 cache: Optional[dict] = None) -> np.ndarray:
    """A lower bound on each cell's interval width from null-space moves around ``xs``.

    ``need`` (per cell of ``want_cells``): stop looking for a cell once its width reaches it.
    ``cache``: null spaces by matrix (see :func:`_null_space_cached`).
    """
    k = len(xs)
    out = np.zeros(k)
    null = _null_space_cached(a_eq.reshape(-1, k), cache)
    if null.shape[0] == 0:
        return out
    t_lo, t_hi = _step_ranges(null, xs, lb, ub, a_ub)
    with np.errstate(invalid="ignore"):
        span = np.abs(null) * (t_hi - t_lo)[:, None]
    span = np.where(np.isnan(span), 0.0, span)
    out = span.max(axis=0)
    # for a cell the basis leaves short: the null-space direction that moves it most, first
    # in the whole null space, then on the face of the bounds the true values sit on (cells
    # at a bound and tight bound pairs kept fixed, so they cannot stop the move)
    want = np.asarray(want_cells, dtype=np.int64)
    goal = np.full(len(want), 1e6) if need is None else np.asarray(need, dtype=float)
    short = want[out[want] < goal - _TOL]
    if not len(short):
        return out
    _directions(null, short, xs, lb, ub, a_ub, out)
    order = np.argsort(want, kind="stable")
    short = short[out[short] < goal[order[np.searchsorted(want[order], short)]] - _TOL]
    tol = 1e-9 * max(1.0, float(np.abs(xs).max()) if xs.size else 1.0)
    tight = (np.abs(xs - lb) <= tol) | (np.abs(ub - xs) <= tol)
    short = short[~tight[short]]
    if not len(short):
        return out
    pairs = a_ub[(a_ub @ xs) >= -tol] if a_ub.shape[0] else a_ub
    if tight.any() or pairs.shape[0]:
        face = np.vstack([a_eq, np.eye(k)[tight], pairs]) if a_eq.shape[0] else \
            np.vstack([np.eye(k)[tight], pairs])
        null2 = _null_space_cached(face, cache)
        if null2.shape[0]:
            _directions(null2, short, xs, lb, ub, a_ub, out)
    return out


#: bytes of null spaces a cache keeps at most (then it stops adding)
_CACHE_BYTES = 256 * 2 ** 20


def _null_space_cached(m: np.ndarray, cache: Optional[dict]) -> np.ndarray:
    """:func:`null_space` of ``m``, from ``cache`` when the same matrix was met before.

    The blocks of a series repeat: the same area's cells at every date give the same matrix.
    The key is the matrix itself (shape and bytes), so a hit is the very result a new
    factorisation would give.
    """
    if cache is None:
        return null_space(m)
    key = (m.shape, m.tobytes())
    null = cache.get(key)
    if null is None:
        null = null_space(m)
        size = cache.get("_bytes", 0) + null.nbytes + len(key[1])
        if size <= _CACHE_BYTES:
            cache[key] = null
            cache["_bytes"] = size
    return null


def _directions(null: np.ndarray, cells: np.ndarray, xs: np.ndarray, lb: np.ndarray,
                ub: np.ndarray, a_ub: np.ndarray, out: np.ndarray) -> None:
    """Widen ``out`` with the move along the projection of each cell's unit vector."""
    cells = np.asarray(cells, dtype=np.int64)
    if not len(cells):
        return
    dirs = (null.T @ null[:, cells]).T            # (cells, k): one direction per cell
    own = np.abs(dirs[np.arange(len(cells)), cells])
    ok = own >= 1e-12
    if not ok.any():
        return
    t_lo, t_hi = _step_ranges(dirs[ok], xs, lb, ub, a_ub)
    with np.errstate(invalid="ignore"):
        span = own[ok] * (t_hi - t_lo)
    span = np.where(np.isnan(span), 0.0, span)
    np.maximum.at(out, cells[ok], span)


def _step_ranges(dirs: np.ndarray, xs: np.ndarray, lb: np.ndarray, ub: np.ndarray,
                 a_ub: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Per direction (rows of ``dirs``): the range of t with lb <= xs + t v <= ub and
    a_ub (xs + t v) <= 0 (vectorised :func:`_step_range`)."""
    d = np.asarray(dirs, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pos, neg = d > 1e-12, d < -1e-12
        up = np.where(pos, (ub - xs)[None, :] / d, np.inf)
        up = np.minimum(up, np.where(neg, (lb - xs)[None, :] / d, np.inf))
        dn = np.where(pos, (lb - xs)[None, :] / d, -np.inf)
        dn = np.maximum(dn, np.where(neg, (ub - xs)[None, :] / d, -np.inf))
        t_hi = up.min(axis=1) if d.shape[1] else np.full(d.shape[0], np.inf)
        t_lo = dn.max(axis=1) if d.shape[1] else np.full(d.shape[0], -np.inf)
        if a_ub.shape[0]:
            g = d @ a_ub.T                          # (directions, pairs)
            slack = -(a_ub @ xs)                    # >= 0 at the true values
            t_hi = np.minimum(t_hi, np.where(g > 1e-12, slack[None, :] / g, np.inf).min(axis=1))
            t_lo = np.maximum(t_lo, np.where(g < -1e-12, slack[None, :] / g,
                                             -np.inf).max(axis=1))
    bad = ~((t_lo <= 0.0) & (t_hi >= 0.0))  # numerical noise at an active bound
    t_lo = np.where(bad, np.minimum(t_lo, 0.0), t_lo)
    t_hi = np.where(bad, np.maximum(t_hi, 0.0), t_hi)
    return t_lo, t_hi


def _step_range(v: np.ndarray, xs: np.ndarray, lb: np.ndarray, ub: np.ndarray,
                a_ub: np.ndarray) -> Tuple[float, float]:
    """Range of t with lb <= xs + t v <= ub and a_ub (xs + t v) <= 0."""
    t_lo, t_hi = -np.inf, np.inf
    with np.errstate(divide="ignore", invalid="ignore"):
        pos, neg = v > 1e-12, v < -1e-12
        if pos.any():
            t_hi = min(t_hi, np.min((ub[pos] - xs[pos]) / v[pos]))
            t_lo = max(t_lo, np.max((lb[pos] - xs[pos]) / v[pos]))
        if neg.any():
            t_hi = min(t_hi, np.min((lb[neg] - xs[neg]) / v[neg]))
            t_lo = max(t_lo, np.max((ub[neg] - xs[neg]) / v[neg]))
        if a_ub.shape[0]:
            g = a_ub @ v
            slack = -(a_ub @ xs)  # >= 0 at the true values
            p, q = g > 1e-12, g < -1e-12
            if p.any():
                t_hi = min(t_hi, np.min(slack[p] / g[p]))
            if q.any():
                t_lo = max(t_lo, np.max(slack[q] / g[q]))
    if not (t_lo <= 0.0 <= t_hi):  # numerical noise at an active bound
        t_lo, t_hi = min(t_lo, 0.0), max(t_hi, 0.0)
    return t_lo, t_hi


def _lp_problem(a_eq: np.ndarray, b_eq: np.ndarray, a_ub: np.ndarray, lb: np.ndarray,
                ub: np.ndarray) -> Dict[str, object]:
    """linprog's keywords for a block (built once, solved for many cells): the matrices in
    sparse form, as HiGHS takes them (the same entries a dense matrix would give)."""
    from scipy.sparse import csr_matrix

    bounds = [(None if not np.isfinite(a) else float(a), None if not np.isfinite(b) else float(b))
              for a, b in zip(lb, ub)]
    kw: Dict[str, object] = {"bounds": bounds, "method": "highs"}
    if a_eq.shape[0]:
        kw.update(A_eq=csr_matrix(a_eq), b_eq=b_eq)
    if a_ub.shape[0]:
        kw.update(A_ub=csr_matrix(a_ub), b_ub=np.zeros(a_ub.shape[0]))
    return kw


def _extremes(linprog, kw: Dict[str, object], n: int, k: int, x0: float,
              enough: Optional[float] = None) -> Tuple[float, float]:
    """Min and max of variable k of ``n`` over the feasible set ``kw`` (HiGHS,
    :func:`_lp_problem`).

    ``enough``: when the minimum is already that far below ``x0``, the maximum is not solved
    (returned as NaN).
    """
    if linprog is None:  # pragma: no cover - no solver: be cautious, call it pinned
        return x0, x0
    out = []
    for sign in (1.0, -1.0):
        c = np.zeros(n)
        c[k] = sign
        res = linprog(c, **kw)
        if res.status == 3:  # unbounded
            out.append(-np.inf * sign)
        elif res.status == 0:
            out.append(float(res.x[k]))
        else:  # infeasible by rounding: the true value is feasible; be cautious
            out.append(x0)
        if sign > 0 and enough is not None and x0 - out[0] >= enough - _TOL:
            return out[0], np.nan
    return min(out), max(out)


def secure_suppression(relations: Relations, values: np.ndarray, hidden: np.ndarray,
                       protect: np.ndarray, width: float, *,
                       candidate: Optional[np.ndarray] = None,
                       priority: Optional[np.ndarray] = None,
                       weight: Optional[np.ndarray] = None,
                       link: Optional[np.ndarray] = None,
                       lower: Optional[np.ndarray] = None,
                       upper: Optional[np.ndarray] = None,
                       leq: Optional[np.ndarray] = None,
                       certify: bool = True, allow_unprotectable: bool = False,
                       max_rounds: int = 200) -> Tuple[Suppression, IntervalResult]:
    """Secondary suppression until both audits pass: nothing computable, nothing narrow.

    The protected cells hidden at the start (primary cells) need an interval of at least
    ``width``; every other protected hidden cell must not be pinned. Each round runs
    :func:`boligsocial_plugin.core.discretion.engine.secondary_suppression`, then
    :func:`interval_audit`; for each cell that is still too narrow one more publishable cell
    of its relations (or the published bound that limits it) is hidden: the smallest whose
    value covers the missing width, else the largest. A cell with nothing left to hide around
    it is pinned by what the attacker is given anyway (published totals outside the table);
    it is listed in ``unprotectable`` of the result.
    """
    n = relations.n_cells
    start = np.array(hidden, dtype=bool, copy=True)
    protect = np.asarray(protect, dtype=bool)
    candidate = np.ones(n, bool) if candidate is None else np.asarray(candidate, dtype=bool)
    priority = np.zeros(n, np.int64) if priority is None else np.asarray(priority)
    values = np.asarray(values, dtype=float)
    need = np.where(start & protect, float(width), np.where(protect, PINNED_WIDTH, 0.0))
    leq_arr = np.zeros((0, 2), dtype=np.int64) if leq is None else \
        np.asarray(leq, dtype=np.int64).reshape(-1, 2)
    indptr, cells, _coefs = relations.csr()
    nrel = len(indptr) - 1
    rel_of = np.repeat(np.arange(nrel, dtype=np.int64), np.diff(indptr))
    corder = np.argsort(cells, kind="stable")
    cptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(cells, minlength=n), out=cptr[1:])
    crel = rel_of[corder]
    if link is not None:  # cells hidden together: link_cells[a:b] for one link id
        link = np.asarray(link, dtype=np.int64)
        lk = np.nonzero(link >= 0)[0]
        link_cells = lk[np.argsort(link[lk], kind="stable")]
        link_keys = link[link_cells]
    hid = start.copy()
    rounds = 0
    unprotectable: List[int] = []
    audited: Optional[np.ndarray] = None  # hidden cells when the blocks were last audited
    acc_lo, acc_hi, acc_w = np.full(n, np.nan), np.full(n, np.nan), np.full(n, np.nan)
    n_cert = n_solved = 0
    null_cache: dict = {}
    while True:
        sup = secondary_suppression(relations, hid, protect, candidate, priority, weight, link,
                                    allow_unprotectable)
        hid = sup.hidden
        if len(sup.unprotectable):
            protect = protect.copy()
            protect[sup.unprotectable] = False
            need[sup.unprotectable] = 0.0
            unprotectable.extend(int(c) for c in sup.unprotectable)
        need_now = np.where(hid & protect & ~start, PINNED_WIDTH, need)
        need_now[unprotectable] = 0.0
        # after the first round only the blocks that gained a hidden cell can change
        iv = interval_audit(relations, values, hid, need_now, lower, upper, leq_arr,
                            certify=certify,
                            blocks=None if audited is None else (hid & ~audited),
                            cache=null_cache)
        audited = hid.copy()
        done = ~np.isnan(iv.min_width) | ~np.isnan(iv.lo)
        acc_lo[done], acc_hi[done], acc_w[done] = iv.lo[done], iv.hi[done], iv.min_width[done]
        n_cert += iv.certified
        n_solved += iv.solved
        if iv.passed:
            iv.unprotectable = np.array(sorted(set(unprotectable)), dtype=np.int64)
            iv.lo, iv.hi, iv.min_width = acc_lo, acc_hi, acc_w
            iv.checked = int((hid & (need_now > 0)).sum())
            iv.certified, iv.solved = n_cert, n_solved
            return Suppression(hid, hid & ~start, sup.audit, sup.rounds + rounds), iv
        rounds += 1
        if rounds > max_rounds:
            raise BoligsocialError(tr("The protection did not converge; please report this "
                                      "with the log."))
        touched = np.zeros(n, dtype=bool)
        added = False
        changed = set()
        for j in iv.failing:
            lab = int(iv.labels[j]) if iv.labels is not None else int(j)
            if touched[j] or lab in changed:
                continue  # one more suppression per block and round; the next audit decides
            changed.add(lab)
            rels = crel[cptr[j]:cptr[j + 1]]
            near = np.unique(np.concatenate([cells[indptr[r]:indptr[r + 1]] for r in rels])) \
                if len(rels) else np.zeros(0, np.int64)
            near = near[hid[near]]  # hidden neighbours: their relations limit j too
            rels = np.unique(np.concatenate([rels] + [crel[cptr[x]:cptr[x + 1]] for x in near]))
            pool = [cells[indptr[r]:indptr[r + 1]] for r in rels]
            if len(leq_arr):
                pool.append(leq_arr[leq_arr[:, 0] == j, 1])
                pool.append(leq_arr[leq_arr[:, 1] == j, 0])
            cand = np.unique(np.concatenate(pool)) if pool else np.zeros(0, np.int64)
            cand = cand[~hid[cand] & candidate[cand]]
            if cand.size == 0:
                continue
            deficit = need_now[j] - (iv.hi[j] - iv.lo[j])
            v = np.nan_to_num(values[cand], nan=0.0)
            big = cand[np.abs(v) >= deficit]
            if big.size:
                key = np.lexsort((big, np.abs(np.nan_to_num(values[big])), priority[big]))
                c = int(big[key[0]])
            else:
                c = int(cand[np.argmax(np.abs(v))])
            if link is not None and link[c] >= 0:
                grp = link_cells[np.searchsorted(link_keys, link[c], "left"):
                                 np.searchsorted(link_keys, link[c], "right")]
            else:
                grp = np.array([c])
            hid[grp] = True
            for x in grp:
                for r in crel[cptr[x]:cptr[x + 1]]:
                    touched[cells[indptr[r]:indptr[r + 1]]] = True
            added = True
        if not added:
            # nothing left to hide around them: the published cells and the totals the
            # attacker is given (e.g. a district total of 0) pin them whatever we do
            unprotectable.extend(int(j) for j in iv.failing)
