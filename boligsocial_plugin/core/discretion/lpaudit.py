# SPDX-License-Identifier: GPL-2.0-or-later
"""The attacker's interval audit for tables whose hidden cells form one large block.

An origin-destination matrix links every area to every other: its hidden cells (most flows
are small) form one connected block of thousands of cells, too large for the dense null-space
certificate and the per-cell linear programmes of
:func:`boligsocial_plugin.core.discretion.intervals.interval_audit`. The attacker is the same:
the published cells, every relation, counts ≥ 0 and the bound pairs ``x_a ≤ x_b``; a hidden
cell passes when its feasible interval is at least its required width.

Certificates in bulk: any table the attacker cannot rule out (a feasible point of the sparse
linear programme) lies, cell by cell, inside the feasible intervals, and so does the true
table. A feasible point ``x`` therefore proves ``width(j) ≥ |x_j − x*_j|`` for every cell at
once. Two programmes per round push the cells still to prove up (maximise their sum, each
capped at its true value plus its requirement) and down (minimise, capped below); a cell is
proven when the two points are at least its requirement apart. The few cells left after a
few rounds get their exact interval (minimise and maximise the cell; scipy's HiGHS, sparse).

Hiding one more cell never narrows another hidden cell's interval (a known value becomes an
unknown one), so the suppression loop re-audits only the cells that failed and the newly
hidden ones.
"""
import time
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import numpy as np

from boligsocial_plugin.core.discretion.engine import Relations
from boligsocial_plugin.core.discretion.intervals import PINNED_WIDTH
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

_TOL = 1e-6
#: bulk rounds before the exact per-cell programmes
BULK_ROUNDS = 6
#: while suppressions are added, cells the bulk leaves unproven are solved exactly only when
#: this few (the others get the programme of a window around them, a cautious lower bound;
#: the loop decides exactly before it gives up)
EXACT_WHILE_SUPPRESSING = 0
#: cells in a window around a cell (its relations' cells, then theirs)
WINDOW = 200
#: relations with more terms than this (sums over many cells) do not hold back other
#: suppressions in the same round
WIDE = 60


@dataclass
class LPAudit:
    """Outcome of :func:`lp_audit` for the cells it was asked about."""

    passed: bool
    failing: np.ndarray          # cells narrower than required
    lo: np.ndarray               # per cell: lowest value seen feasible (NaN: not asked)
    hi: np.ndarray               # per cell: highest value seen feasible
    checked: int = 0
    bulk_proven: int = 0         # cells proven by the bulk programmes
    solved: int = 0              # cells solved exactly (two programmes each)
    windows: int = 0             # cells bounded by the programme of a window around them
    programmes: int = 0
    seconds: float = 0.0

    def width(self, cell: int) -> float:
        """The proven width of a cell (exact for cells solved exactly)."""
        return float(self.hi[cell] - self.lo[cell])


def _linprog():
    from scipy.optimize import linprog

    return linprog


class _Problem:
    """The attacker's programme over the hidden cells (sparse)."""

    def __init__(self, relations: Relations, values: np.ndarray, hidden: np.ndarray,
                 lower: np.ndarray, upper: np.ndarray, leq: np.ndarray):
        from scipy import sparse

        self.hid = np.nonzero(hidden)[0]
        n = relations.n_cells
        self.pos = np.full(n, -1, dtype=np.int64)
        self.pos[self.hid] = np.arange(len(self.hid))
        indptr, cells, coefs = relations.csr()
        rel_of = np.repeat(np.arange(len(indptr) - 1, dtype=np.int64), np.diff(indptr))
        th = hidden[cells] & (coefs != 0)
        rows, inv = np.unique(rel_of[th], return_inverse=True)
        m = len(rows)
        self.a_eq = sparse.csr_matrix((coefs[th], (inv, self.pos[cells[th]])),
                                      shape=(m, len(self.hid)))
        x = values[self.hid]
        self.x = x
        self.b_eq = self.a_eq @ x   # the hidden part of each relation, from the true values
        lo, up = lower[self.hid].copy(), upper[self.hid].copy()
        pairs = np.zeros((0, 2), dtype=np.int64)
        if len(leq):
            a, b = leq[:, 0], leq[:, 1]
            ha, hb = hidden[a], hidden[b]
            m1 = ha & ~hb   # x_a <= published x_b
            np.minimum.at(up, self.pos[a[m1]], values[b[m1]])
            m2 = ~ha & hb   # published x_a <= x_b
            np.maximum.at(lo, self.pos[b[m2]], values[a[m2]])
            pairs = leq[ha & hb]
        self.lo, self.up = lo, up
        self.pa, self.pb = self.pos[pairs[:, 0]], self.pos[pairs[:, 1]]
        if len(pairs):
            k = len(pairs)
            self.a_ub = sparse.csr_matrix(
                (np.r_[np.ones(k), -np.ones(k)],
                 (np.r_[np.arange(k), np.arange(k)],
                  np.r_[self.pos[pairs[:, 0]], self.pos[pairs[:, 1]]])),
                shape=(k, len(self.hid)))
        else:
            self.a_ub = None
        self.linprog = _linprog()
        self.runs = 0
        self._blocks: Optional[np.ndarray] = None
        self._sub: Dict[int, "_Problem"] = {}
        self._csc: Any = None  # scipy.sparse matrices, made when first needed
        self._csr: Any = None

    def run(self, c: np.ndarray, lo: np.ndarray, up: np.ndarray):
        """scipy's result of minimising c·x over the feasible set with these bounds."""
        kw: Dict[str, object] = {"bounds": np.stack([lo, up], axis=1), "method": "highs"}
        if self.a_eq.shape[0]:
            kw.update(A_eq=self.a_eq, b_eq=self.b_eq)
        if self.a_ub is not None:
            kw.update(A_ub=self.a_ub, b_ub=np.zeros(self.a_ub.shape[0]))
        self.runs += 1
        return self.linprog(c, **kw)

    def blocks(self) -> np.ndarray:
        """Connected block of each local cell (linked by a relation or a bound pair)."""
        if self._blocks is None:
            from scipy.sparse.csgraph import connected_components

            k = len(self.hid)
            link = abs(self.a_eq).T @ abs(self.a_eq)
            if self.a_ub is not None:
                link = link + abs(self.a_ub).T @ abs(self.a_ub)
            _n, self._blocks = connected_components(link, directed=False) if k else \
                (0, np.zeros(0, np.int64))
        return self._blocks

    def window_extremes(self, j: int, limit: int = WINDOW) -> Tuple[float, float]:
        """Min and max of local cell j with every cell beyond two relations of it fixed at its
        true value: a narrower feasible set, so a lower bound of j's interval (cheap)."""
        if self._csc is None:
            self._csc = self.a_eq.tocsc()
            self._csr = self.a_eq.tocsr()
        csc, csr = self._csc, self._csr
        rows1 = csc.indices[csc.indptr[j]:csc.indptr[j + 1]]
        cols = [np.array([j])]
        for r in rows1:
            cols.append(csr.indices[csr.indptr[r]:csr.indptr[r + 1]])
        first = np.unique(np.concatenate(cols))
        win = first
        if len(first) < limit:
            more = []
            for c in first:
                for r in csc.indices[csc.indptr[c]:csc.indptr[c + 1]]:
                    more.append(csr.indices[csr.indptr[r]:csr.indptr[r + 1]])
            if more:
                extra = np.setdiff1d(np.unique(np.concatenate(more)), first)
                win = np.concatenate([first, extra[:max(0, limit - len(first))]])
        win = np.sort(win)
        rows = np.unique(csc[:, win].nonzero()[0])
        a = csr[rows][:, win]
        b = a @ self.x[win]
        lo, up = self.lo[win].copy(), self.up[win].copy()
        a_ub = None
        if len(self.pa):
            inside = np.zeros(len(self.hid), dtype=bool)
            inside[win] = True
            loc = np.full(len(self.hid), -1, dtype=np.int64)
            loc[win] = np.arange(len(win))
            pa, pb = self.pa, self.pb
            m1 = inside[pa] & ~inside[pb]   # x_a <= a fixed x_b
            np.minimum.at(up, loc[pa[m1]], self.x[pb[m1]])
            m2 = ~inside[pa] & inside[pb]   # a fixed x_a <= x_b
            np.maximum.at(lo, loc[pb[m2]], self.x[pa[m2]])
            both = inside[pa] & inside[pb]
            if both.any():
                from scipy import sparse
                k = int(both.sum())
                a_ub = sparse.csr_matrix(
                    (np.r_[np.ones(k), -np.ones(k)],
                     (np.r_[np.arange(k), np.arange(k)],
                      np.r_[loc[pa[both]], loc[pb[both]]])), shape=(k, len(win)))
        k = int(np.searchsorted(win, j))
        out = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(win))
            c[k] = sign
            kw: Dict[str, object] = {"bounds": np.stack([lo, up], axis=1), "method": "highs"}
            if a.shape[0]:
                kw.update(A_eq=a, b_eq=b)
            if a_ub is not None:
                kw.update(A_ub=a_ub, b_ub=np.zeros(a_ub.shape[0]))
            res = self.linprog(c, **kw)
            self.runs += 1
            if res.status == 0:
                out.append(float(res.x[k]))
            elif res.status == 3:
                out.append(-np.inf * sign)
            else:
                out.append(float(self.x[j]))
        return min(out), max(out)

    def block_problem(self, j: int) -> Tuple["_Problem", int]:
        """The programme of local cell j's block alone, and j's index in it."""
        lab = self.blocks()
        b = int(lab[j])
        cols = np.nonzero(lab == b)[0]
        if len(cols) == len(self.hid):
            return self, j
        if b not in self._sub:
            sub = _Problem.__new__(_Problem)
            sub.hid = self.hid[cols]
            rows = np.unique(self.a_eq[:, cols].nonzero()[0])
            sub.a_eq = self.a_eq[rows][:, cols]
            sub.x = self.x[cols]
            sub.b_eq = self.b_eq[rows]
            sub.lo, sub.up = self.lo[cols], self.up[cols]
            if self.a_ub is not None:
                urows = np.unique(self.a_ub[:, cols].nonzero()[0])
                sub.a_ub = self.a_ub[urows][:, cols] if len(urows) else None
            else:
                sub.a_ub = None
            sub.pa = sub.pb = np.zeros(0, np.int64)  # the block's pairs are in its a_ub
            sub.linprog = self.linprog
            sub.runs = 0
            sub._blocks = np.zeros(len(cols), dtype=np.int64)
            sub._sub = {}
            sub._csc = sub._csr = None
            sub.pos = np.zeros(0, np.int64)
            self._sub[b] = sub
        sub = self._sub[b]
        return sub, int(np.searchsorted(cols, j))

    def solve(self, c: np.ndarray, lo: np.ndarray, up: np.ndarray) -> Optional[np.ndarray]:
        """A minimiser of c·x (None when the programme fails)."""
        res = self.run(c, lo, up)
        return res.x if res.status == 0 else None

    def extreme(self, j: int, sign: float) -> float:
        """The minimum of sign·x_j (−inf when unbounded), solved on j's block alone."""
        prob, k = self.block_problem(j)
        c = np.zeros(len(prob.hid))
        c[k] = sign
        res = prob.run(c, prob.lo, prob.up)
        self.runs += 1
        if res.status == 0:
            return float(sign * res.x[k])
        if res.status == 3:
            return -np.inf
        return float(sign * prob.x[k])  # numerically infeasible: be cautious (no width)


def lp_audit(relations: Relations, values: np.ndarray, hidden: np.ndarray, need: np.ndarray,
             lower: Optional[np.ndarray] = None, upper: Optional[np.ndarray] = None,
             leq: Optional[np.ndarray] = None, ask: Optional[np.ndarray] = None,
             exact: Optional[int] = None) -> LPAudit:
    """Whether every hidden cell with ``need > 0`` (among ``ask``) is at least that wide.

    ``exact``: solve the cells the bulk programmes left unproven exactly only when there are
    at most this many (None: always); otherwise they count as failing with the width proven
    so far (cautious: a suppression round then hides a little more than needed).
    """
    t0 = time.perf_counter()
    n = relations.n_cells
    values = np.asarray(values, dtype=float)
    hidden = np.asarray(hidden, dtype=bool)
    need = np.asarray(need, dtype=float)
    lower = np.zeros(n) if lower is None else np.asarray(lower, dtype=float)
    upper = np.full(n, np.inf) if upper is None else np.asarray(upper, dtype=float)
    leq = np.zeros((0, 2), dtype=np.int64) if leq is None else \
        np.asarray(leq, dtype=np.int64).reshape(-1, 2)
    targets = hidden & (need > 0)
    if ask is not None:
        targets &= np.asarray(ask, dtype=bool)
    lo_seen = np.full(n, np.nan)
    hi_seen = np.full(n, np.nan)
    out = LPAudit(True, np.zeros(0, np.int64), lo_seen, hi_seen)
    if not targets.any():
        out.seconds = time.perf_counter() - t0
        return out
    prob = _Problem(relations, values, hidden, lower, upper, leq)
    tl = prob.pos[np.nonzero(targets)[0]]          # local indices of the targets
    req = need[prob.hid[tl]]
    x = prob.x
    lo_l = x[tl].copy()
    hi_l = x[tl].copy()
    rem = np.ones(len(tl), dtype=bool)
    stall = 0
    # a few cells to audit while suppressing: fewer rounds, their windows do the rest
    rounds = 2 if exact is not None and len(tl) < 200 else BULK_ROUNDS
    for rnd in range(rounds):
        if not rem.any():
            break
        before = int(rem.sum())
        sel = rem.copy()
        if rnd >= 2:  # competing cells: push alternate halves of the rest
            half = np.nonzero(rem)[0]
            sel[half[(rnd % 2)::2]] = False
        idx = tl[sel]
        # up: maximise the remaining targets, each capped at its value plus its requirement
        c = np.zeros(len(prob.hid))
        c[idx] = -1.0
        up = prob.up.copy()
        up[idx] = np.minimum(up[idx], x[idx] + req[sel])
        pt = prob.solve(c, prob.lo, up)
        if pt is not None:
            hi_l = np.maximum(hi_l, pt[tl])
            lo_l = np.minimum(lo_l, pt[tl])
        # down: minimise them, each capped below at its value minus its requirement
        lo_b = prob.lo.copy()
        lo_b[idx] = np.maximum(lo_b[idx], x[idx] - req[sel])
        pt = prob.solve(-c, lo_b, prob.up)
        if pt is not None:
            hi_l = np.maximum(hi_l, pt[tl])
            lo_l = np.minimum(lo_l, pt[tl])
        rem = (hi_l - lo_l) < req - _TOL
        stall = stall + 1 if int(rem.sum()) == before else 0
        if stall >= 2:
            break
    out.bulk_proven = int((~rem).sum())
    if exact is None or rem.sum() <= exact:
        for k in np.nonzero(rem)[0]:
            j = int(tl[k])
            lo_l[k] = min(lo_l[k], prob.extreme(j, 1.0))
            hi_l[k] = max(hi_l[k], -prob.extreme(j, -1.0))
            out.solved += 1
    else:  # many left: the programme of a window around each (a cautious lower bound)
        for k in np.nonzero(rem)[0]:
            w_lo, w_hi = prob.window_extremes(int(tl[k]))
            lo_l[k], hi_l[k] = min(lo_l[k], w_lo), max(hi_l[k], w_hi)
            out.windows += 1
    lo_seen[prob.hid[tl]] = lo_l
    hi_seen[prob.hid[tl]] = hi_l
    fail = (hi_l - lo_l) < req - _TOL
    out.failing = np.sort(prob.hid[tl[fail]])
    out.passed = out.failing.size == 0
    out.checked = len(tl)
    out.programmes = prob.runs
    out.seconds = time.perf_counter() - t0
    return out


@dataclass
class LPSuppression:
    """Outcome of :func:`secure_suppression_lp`."""

    hidden: np.ndarray
    secondary: np.ndarray
    rounds: int
    checked: int
    bulk_proven: int
    solved: int
    programmes: int
    unprotectable: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    lo: Optional[np.ndarray] = None
    hi: Optional[np.ndarray] = None
    seconds: float = 0.0


class _Index:
    """Relations as CSR (relation -> cells) and CSC (cell -> relations)."""

    def __init__(self, relations: Relations):
        self.indptr, self.cells, self.coefs = relations.csr()
        n = relations.n_cells
        rel_of = np.repeat(np.arange(len(self.indptr) - 1, dtype=np.int64),
                           np.diff(self.indptr))
        order = np.argsort(self.cells, kind="stable")
        self.cptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.cells, minlength=n), out=self.cptr[1:])
        self.crel = rel_of[order]

    def rels(self, c: int) -> np.ndarray:
        """Relations holding cell c."""
        return self.crel[self.cptr[c]:self.cptr[c + 1]]

    def terms(self, r: int) -> np.ndarray:
        """Cells of relation r."""
        return self.cells[self.indptr[r]:self.indptr[r + 1]]


def secure_suppression_lp(relations: Relations, values: np.ndarray, hidden: np.ndarray,
                          protect: np.ndarray, width: float, *,
                          candidate: Optional[np.ndarray] = None,
                          priority: Optional[np.ndarray] = None,
                          link: Optional[np.ndarray] = None,
                          lower: Optional[np.ndarray] = None,
                          upper: Optional[np.ndarray] = None,
                          leq: Optional[np.ndarray] = None,
                          forced: Optional[np.ndarray] = None,
                          max_rounds: int = 400) -> LPSuppression:
    """Secondary suppression until :func:`lp_audit` passes.

    The primary hidden cells (hidden at the start and protected) need an interval of at least
    ``width``; every other protected hidden cell must not be pinned. Each round, for each
    failing cell (one per relation touched), one more publishable cell of its relations, or of
    the relations of its hidden neighbours, is hidden: the cheapest by ``priority``, then the
    smallest whose value covers the missing width, else the largest. ``link`` hides cells
    together; ``forced`` cells are hidden from the start as secondary suppressions (decided
    elsewhere; they need only not to be pinned). A failing cell with nothing left to hide
    around it is listed in ``unprotectable`` (it is pinned by cells that are not ours to hide).
    """
    t0 = time.perf_counter()
    n = relations.n_cells
    values = np.asarray(values, dtype=float)
    forced = np.zeros(n, dtype=bool) if forced is None else np.asarray(forced, dtype=bool)
    start = np.array(hidden, dtype=bool, copy=True) & ~forced
    protect = np.asarray(protect, dtype=bool)
    candidate = np.ones(n, bool) if candidate is None else np.asarray(candidate, dtype=bool)
    priority = np.zeros(n, np.int64) if priority is None else np.asarray(priority)
    leq_arr = np.zeros((0, 2), dtype=np.int64) if leq is None else \
        np.asarray(leq, dtype=np.int64).reshape(-1, 2)
    groups: Dict[int, np.ndarray] = {}
    if link is not None:
        link = np.asarray(link, dtype=np.int64)
        lk = np.nonzero(link >= 0)[0]
        srt = lk[np.argsort(link[lk], kind="stable")]
        for g in np.split(srt, np.nonzero(np.diff(link[srt]))[0] + 1):
            if g.size:
                groups[int(link[g[0]])] = g
    ix = _Index(relations)
    hid = start | forced
    exact: Optional[int] = EXACT_WHILE_SUPPRESSING
    need = np.where(start & protect, float(width), np.where(protect, PINNED_WIDTH, 0.0))
    ask = hid & (need > 0)
    unprotectable: List[int] = []
    rounds = checked = proven = solved = progs = 0
    lo_all = np.full(n, np.nan)
    hi_all = np.full(n, np.nan)
    while True:
        need_now = np.where(hid & protect & ~start, PINNED_WIDTH, need)
        need_now[unprotectable] = 0.0
        res = lp_audit(relations, values, hid, need_now, lower, upper, leq_arr, ask=ask,
                       exact=exact)
        checked += res.checked
        proven += res.bulk_proven
        solved += res.solved
        progs += res.programmes
        sel = ~np.isnan(res.lo)
        lo_all[sel], hi_all[sel] = res.lo[sel], res.hi[sel]
        if res.passed:
            break
        rounds += 1
        if rounds > max_rounds:
            raise BoligsocialError(tr("The protection did not converge; please report this "
                                      "with the log."))
        new = np.zeros(n, dtype=bool)
        touched = np.zeros(n, dtype=bool)
        stuck: List[int] = []
        for j in res.failing:
            if touched[j]:
                continue
            have = 0.0 if np.isnan(res.lo[j]) else res.hi[j] - res.lo[j]
            c = _pick(ix, int(j), hid, candidate, priority, values, need_now[j] - have,
                      leq_arr)
            if c is None:
                stuck.append(int(j))
                continue
            grp = groups.get(int(link[c]), np.array([c])) if link is not None and \
                link[c] >= 0 else np.array([c])
            hid[grp] = True
            new[grp] = True
            for x in grp:
                for r in ix.rels(int(x)):
                    terms = ix.terms(int(r))
                    if len(terms) <= WIDE:
                        touched[terms] = True
        if not new.any():
            if exact is not None:  # decide the stuck cells exactly before giving up
                exact = None
                ask = np.zeros(n, dtype=bool)
                ask[stuck] = True
                continue
            # nothing left to hide around them: pinned by cells that are not ours to hide
            unprotectable.extend(stuck)
            break
        ask = np.zeros(n, dtype=bool)
        ask[res.failing] = True
        ask |= new
        ask &= hid
    return LPSuppression(hid, hid & ~start, rounds, checked, proven, solved, progs,
                         np.array(sorted(set(unprotectable)), dtype=np.int64), lo_all, hi_all,
                         time.perf_counter() - t0)


def _candidates(ix: _Index, j: int, hid: np.ndarray, candidate: np.ndarray,
                priority: np.ndarray, values: np.ndarray, deficit: float,
                leq: np.ndarray) -> np.ndarray:
    """Cells that could be hidden for a failing cell j, best first (empty: nothing left).

    Candidates: publishable cells of j's relations (distance 0), of the relations of the
    hidden cells there (1), and one step further (2). The cheapest priority first, then the
    shortest distance, then those whose value covers the missing width (smallest first),
    then the others (largest first).
    """
    n = len(hid)
    dist = np.full(n, 99, dtype=np.int64)
    via_wide = np.zeros(n, dtype=bool)   # reached only through a sum over many cells
    seen = np.zeros(n, dtype=bool)
    seen[j] = True
    frontier = np.array([j], dtype=np.int64)
    for d in range(3):
        if not len(frontier):
            break
        rels = np.unique(np.concatenate([ix.rels(int(x)) for x in frontier[:64]]))
        narrow = [ix.terms(int(r)) for r in rels if len(ix.terms(int(r))) <= WIDE]
        wide = [ix.terms(int(r)) for r in rels if len(ix.terms(int(r))) > WIDE]
        for group, is_wide in ((narrow, False), (wide, True)):
            if not group:
                continue
            terms = np.unique(np.concatenate(group))
            cand = terms[~hid[terms] & candidate[terms] & (dist[terms] == 99)]
            dist[cand] = d
            via_wide[cand] = is_wide
            if not is_wide:  # a wide sum's other cells are rarely what protects j
                nxt = terms[hid[terms] & ~seen[terms]]
                seen[nxt] = True
                frontier = nxt if d == 0 or not len(frontier) else \
                    np.concatenate([frontier, nxt])
        if not narrow:
            frontier = np.zeros(0, np.int64)
    if len(leq):
        near = np.concatenate([leq[leq[:, 0] == j, 1], leq[leq[:, 1] == j, 0]])
        near = near[~hid[near] & candidate[near]]
        dist[near] = 0
    cand = np.nonzero(dist < 99)[0]
    if not len(cand):
        return cand
    v = np.abs(np.nan_to_num(values[cand], nan=0.0))
    covers = v >= deficit - _TOL
    # within a (priority, distance) class: covering cells by size, then the rest largest first
    size_key = np.where(covers, v, -v + 1e18)
    prio = priority[cand] + 2 * via_wide[cand]
    order = np.lexsort((cand, size_key, dist[cand], prio))
    return cand[order]


def _pick(ix: _Index, j: int, hid: np.ndarray, candidate: np.ndarray, priority: np.ndarray,
          values: np.ndarray, deficit: float, leq: np.ndarray) -> Optional[int]:
    """One more cell to hide for a failing cell j (None: nothing left): the best candidate."""
    cand = _candidates(ix, j, hid, candidate, priority, values, deficit, leq)
    return int(cand[0]) if len(cand) else None
