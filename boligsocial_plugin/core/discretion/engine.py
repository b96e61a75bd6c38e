# SPDX-License-Identifier: GPL-2.0-or-later
"""The secondary-suppression engine: cells, linear relations, the exact audit.

A general engine on a flat vector of cells and sparse linear relations (:class:`Relations`,
:func:`audit`, :func:`secondary_suppression`). The audit is exact linear algebra: a hidden cell
is recoverable iff its unit vector lies in the row space of the relation matrix restricted to
the hidden cells (equivalently: every null-space vector has a zero in that cell). It is computed
per connected block of hidden cells with numpy's SVD. Bounds (counts are >= 0 and <= their
totals) are the job of :mod:`boligsocial_plugin.core.discretion.intervals`.
"""
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple, Union, cast

import numpy as np

from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

# numerical tolerance of the audit: singular values below _RANK_TOL * largest count as zero
_RANK_TOL = 1e-9
_NULL_TOL = 1e-9
# cheaper cells of a block tried (each with a local rank test) before a costlier one
_MAX_TRIES = 25
# _Proof: below _CLEAR_TOL (times the scale) is zero, above _SURE_TOL is not; in between it
# does not decide and the rank test does
_CLEAR_TOL = 1e-9
_SURE_TOL = 1e-6

class Relations:
    """Linear relations ``Σ coef·cell = 0`` over a flat vector of ``n_cells`` cells.

    Cells the attacker knows but that are not in the vector (a published parent total,
    persons with unknown age) are simply left out of a relation: known terms do not change
    which hidden cells are recoverable.
    """

    def __init__(self, n_cells: int):
        self.n_cells = int(n_cells)
        self._lens: List[np.ndarray] = []
        self._cells: List[np.ndarray] = []
        self._coefs: List[np.ndarray] = []
        self._csr: Optional[Tuple[np.ndarray, np.ndarray, np.ndarray]] = None

    def grow(self, k: int) -> int:
        """Add ``k`` cells at the end; returns the index of the first new cell."""
        first = self.n_cells
        self.n_cells += max(0, int(k))
        return first

    def add(self, cells: Sequence[int], coefs: Sequence[float]) -> None:
        """One relation."""
        self.add_many(np.asarray(cells, dtype=np.int64)[None, :], coefs)

    def add_many(self, cells: np.ndarray, coefs) -> None:
        """``n`` relations of ``k`` terms: ``cells`` (n, k); ``-1`` marks an absent term."""
        cells = np.asarray(cells, dtype=np.int64)
        if cells.size == 0:
            return
        co = np.broadcast_to(np.asarray(coefs, dtype=float), cells.shape)
        keep = cells >= 0
        lens = keep.sum(axis=1)
        self._lens.append(lens[lens > 0])
        self._cells.append(cells[keep])
        self._coefs.append(co[keep])
        self._csr = None

    def add_ragged(self, lens: Sequence[int], cells: Sequence[int], coefs: Sequence[float]
                   ) -> None:
        """Relations of different lengths: ``lens[i]`` terms each, ``cells``/``coefs``
        concatenated in order."""
        lens_a = np.asarray(lens, dtype=np.int64)
        if lens_a.size == 0:
            return
        self._lens.append(lens_a)
        self._cells.append(np.asarray(cells, dtype=np.int64))
        self._coefs.append(np.asarray(coefs, dtype=float))
        self._csr = None

    def add_sums(self, cells: np.ndarray, group: np.ndarray, coefs=1.0) -> None:
        """One relation per value of ``group``: the terms ``cells`` with that group value."""
        cells = np.asarray(cells, dtype=np.int64)
        group = np.asarray(group)
        co = np.broadcast_to(np.asarray(coefs, dtype=float), cells.shape)
        ok = cells >= 0
        cells, group, co = cells[ok], group[ok], co[ok]
        if cells.size == 0:
            return
        order = np.argsort(group, kind="stable")
        _, lens = np.unique(group[order], return_counts=True)
        self._lens.append(lens)
        self._cells.append(cells[order])
        self._coefs.append(co[order])
        self._csr = None

    def __len__(self) -> int:
        return int(sum(len(x) for x in self._lens))

    def csr(self) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(indptr, cells, coefs)`` of all relations."""
        if self._csr is None:
            lens = np.concatenate(self._lens) if self._lens else np.zeros(0, np.int64)
            indptr = np.zeros(len(lens) + 1, dtype=np.int64)
            np.cumsum(lens, out=indptr[1:])
            cells = np.concatenate(self._cells) if self._cells else np.zeros(0, np.int64)
            coefs = np.concatenate(self._coefs) if self._coefs else np.zeros(0)
            self._csr = (indptr, cells, coefs)
        return self._csr


@dataclass
class AuditResult:
    """Outcome of :func:`audit`."""

    passed: bool
    recoverable: np.ndarray      # protected hidden cells the published cells determine
    relations: int               # relations in the system
    relations_checked: int       # relations with at least one hidden cell
    blocks: int                  # connected blocks of hidden cells solved
    hidden_checked: int          # protected hidden cells checked
    seconds: float
    labels: Optional[np.ndarray] = None  # block label per cell (internal)

    def recoverable_mask(self) -> np.ndarray:
        """``recoverable`` as a bool per cell."""
        n = len(self.labels) if self.labels is not None else \
            (int(self.recoverable.max()) + 1 if self.recoverable.size else 0)
        out = np.zeros(n, dtype=bool)
        out[self.recoverable] = True
        return out


def components(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """Connected-component label (smallest member) of each of ``n`` nodes, edges ``u–v``."""
    lab = np.arange(n, dtype=np.int64)
    u = np.asarray(u, dtype=np.int64)
    v = np.asarray(v, dtype=np.int64)
    if u.size == 0:
        return lab
    while True:
        lu, lv = lab[u], lab[v]
        if np.array_equal(lu, lv):
            return lab
        np.minimum.at(lab, np.maximum(lu, lv), np.minimum(lu, lv))
        while True:
            nl = lab[lab]
            if np.array_equal(nl, lab):
                break
            lab = nl


def svd(m: np.ndarray, full_matrices: bool):
    """numpy's SVD (LAPACK gesdd), and where it does not converge (it happens on large,
    nearly degenerate relation blocks) the slower, sturdier gesvd; a block neither can
    decompose is a clear error, never a traceback."""
    try:
        return np.linalg.svd(m, full_matrices=full_matrices)
    except np.linalg.LinAlgError:
        pass
    import scipy.linalg

    try:
        return scipy.linalg.svd(m, full_matrices=full_matrices, lapack_driver="gesvd")
    except (np.linalg.LinAlgError, ValueError) as e:
        raise BoligsocialError(tr(
            "The exact audit could not decompose a block of {r} relations over {c} hidden "
            "cells ({err}); nothing was written. Publish with the perturbation "
            "(PERTURBATION=on), or beside fewer overlapping geographies of earlier releases "
            "(another release register).").format(r=m.shape[0], c=m.shape[1], err=e)) from e


def null_space(m: np.ndarray, tol: float = _RANK_TOL) -> np.ndarray:
    """An orthonormal basis (rows) of the null space of ``m``.

    Singular values below ``tol`` times the largest (at least 1) count as zero. A tall
    matrix (many redundant relations) is first reduced to the triangle of its QR
    factorisation: the same row space, so the same null space, at a fraction of the cost of
    an SVD that would also build the tall left factor.
    """
    rows, cols = m.shape
    if cols == 0:
        return np.zeros((0, 0))
    if rows == 0:
        return np.eye(cols)
    if rows > cols:
        # mode "r" returns the triangle alone (numpy's stubs type every mode as a tuple)
        m = cast(np.ndarray, np.linalg.qr(m, mode="r"))
    _, s, vt = svd(m, full_matrices=True)
    smax = s[0] if s.size else 0.0
    rank = int(np.sum(s > tol * max(smax, 1.0)))
    return vt[rank:]


def _determined(m: np.ndarray) -> np.ndarray:
    """Columns of ``m`` whose unit vector lies in the row space of ``m``."""
    null = null_space(m)
    return np.sum(null * null, axis=0) < _NULL_TOL


def audit(relations: Relations, hidden: np.ndarray, protect: Optional[np.ndarray] = None,
          cache: Optional[dict] = None,
          previous: Optional[Tuple[np.ndarray, np.ndarray]] = None) -> AuditResult:
    """Exact audit: which protected hidden cells can be computed from the published ones.

    Hidden cell ``j`` is determined iff every vector of the null space of the relation matrix
    restricted to the hidden columns has a zero ``j``-component. The hidden cells fall apart
    into blocks linked by relations (mostly one block per area); each block is solved with an
    SVD, identical block structures once (``cache``). ``protect`` (default: all) names the
    cells that must not be recoverable; other hidden cells (a denominator that equals a
    published total) still take part in the algebra. ``previous``: (hidden, recoverable) of an
    earlier audit of the same relations with fewer hidden cells and at least these protected
    ones: a block without a newly hidden cell is the same block as then (blocks only grow by
    hidden cells), so its cells keep their answer and only the other blocks are solved.
    """
    t0 = time.perf_counter()
    hidden = np.asarray(hidden, dtype=bool)
    protect = hidden if protect is None else (hidden & np.asarray(protect, dtype=bool))
    indptr, cells, coefs = relations.csr()
    nrel = len(indptr) - 1
    cache = {} if cache is None else cache
    rel_of = np.repeat(np.arange(nrel, dtype=np.int64), np.diff(indptr))
    th = hidden[cells] & (coefs != 0)
    hrel, hcell, hcoef = rel_of[th], cells[th], coefs[th]
    n_active = int(np.unique(hrel).size)
    determined = np.zeros(relations.n_cells, dtype=bool)
    labels = np.arange(relations.n_cells, dtype=np.int64)
    blocks = 0
    if hrel.size:
        first_pos = np.r_[0, np.nonzero(hrel[1:] != hrel[:-1])[0] + 1]
        first_cell = np.repeat(hcell[first_pos], np.diff(np.r_[first_pos, hrel.size]))
        labels = components(relations.n_cells, first_cell, hcell)
        lab_t = labels[hcell]
        order = np.lexsort((hcell, hrel, lab_t))
        lab_t, hrel_s, hcell_s, hcoef_s = lab_t[order], hrel[order], hcell[order], hcoef[order]
        nt = lab_t.size
        new_block = np.r_[True, lab_t[1:] != lab_t[:-1]]
        starts = np.r_[np.nonzero(new_block)[0], nt]
        blocks = len(starts) - 1
        block_of_term = np.cumsum(new_block) - 1
        # local row: relations numbered within the block
        new_row = new_block | np.r_[True, hrel_s[1:] != hrel_s[:-1]]
        crow = np.cumsum(new_row) - 1
        row_loc = crow - crow[starts[:-1]][block_of_term]
        # local column: cells numbered (ascending) within the block
        o2 = np.lexsort((hcell_s, lab_t))
        c2 = hcell_s[o2]
        new_col = new_block[o2] | np.r_[True, c2[1:] != c2[:-1]]
        ccol = np.cumsum(new_col) - 1
        first_col = ccol[starts[:-1]]       # blocks keep their positions in both orders
        col_loc = np.empty(nt, dtype=np.int64)
        col_loc[o2] = ccol - first_col[block_of_term]
        ucells_all = c2[new_col]
        ustart = np.r_[0, np.cumsum(np.bincount(block_of_term[o2][new_col], minlength=blocks))]
        todo = np.arange(blocks)
        if previous is not None:
            before, rec_before = previous
            fresh = np.zeros(relations.n_cells, dtype=bool)
            fresh[labels[hidden & ~before]] = True          # labels of blocks that changed
            todo = todo[fresh[lab_t[starts[:-1]]]]
            determined = rec_before & hidden & ~fresh[labels]
        for b in todo:
            s, e = starts[b], starts[b + 1]
            ucell = ucells_all[ustart[b]:ustart[b + 1]]
            if ucell.size == 1:
                determined[ucell[0]] = True     # one hidden cell in a relation: subtraction
                continue
            if not protect[ucell].any():
                continue
            m = np.zeros((row_loc[e - 1] + 1, ucell.size))
            np.add.at(m, (row_loc[s:e], col_loc[s:e]), hcoef_s[s:e])
            key = (m.shape, m.tobytes())
            det = cache.get(key)
            if det is None:
                det = _determined(m)
                cache[key] = det
            determined[ucell[det]] = True
    rec = np.nonzero(determined & protect)[0]
    return AuditResult(passed=rec.size == 0, recoverable=rec, relations=nrel,
                       relations_checked=n_active, blocks=blocks,
                       hidden_checked=int(protect.sum()),
                       seconds=time.perf_counter() - t0, labels=labels)


@dataclass
class Suppression:
    """Outcome of :func:`secondary_suppression`."""

    hidden: np.ndarray       # final hidden cells
    secondary: np.ndarray    # cells hidden by the engine (bool)
    audit: AuditResult       # the final, passing audit
    rounds: int
    unprotectable: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))


def secondary_suppression(relations: Relations, hidden: np.ndarray,
                          protect: Optional[np.ndarray] = None,
                          candidate: Optional[np.ndarray] = None,
                          priority: Optional[np.ndarray] = None,
                          weight: Optional[np.ndarray] = None,
                          link: Optional[np.ndarray] = None,
                          allow_unprotectable: bool = False) -> Suppression:
    """Add secondary suppressions until :func:`audit` passes; deterministic.

    Loop: audit → for each recoverable cell (lowest index first) hide one publishable
    ``candidate`` cell of a relation that contains it, the one with the smallest
    ``(priority, relations where it would be the only hidden cell, hidden cells in the
    relation, weight, index)`` (the second term avoids cascades: it prefers cells that complete
    a rectangle of hidden cells). When no relation containing the cell has a candidate of the
    lowest priority, cheaper cells of the other relations of its block are tried (at most
    ``_MAX_TRIES``, each with a local rank test that it really protects the cell), so a total
    (priority 1) is hidden only when no count can do. ``link`` (group id per cell, -1 none)
    hides cells together (an indicator's numerator and denominator). Cells sharing a relation
    with a new suppression wait for the next round's audit. Raises
    :class:`BoligsocialError` if a recoverable cell has no candidate left (only possible for
    relations that fix a cell on their own, e.g. a sub-area that is its parent's only child).
    """
    n = relations.n_cells
    hidden = np.array(hidden, dtype=bool, copy=True)
    start = hidden.copy()
    protect = np.ones(n, bool) if protect is None else np.asarray(protect, dtype=bool)
    candidate = np.ones(n, bool) if candidate is None else np.asarray(candidate, dtype=bool)
    priority = np.zeros(n, np.int64) if priority is None else np.asarray(priority)
    weight = np.zeros(n) if weight is None else np.nan_to_num(np.asarray(weight, float))
    indptr, cells, coefs = relations.csr()
    nrel = len(indptr) - 1
    rel_of = np.repeat(np.arange(nrel, dtype=np.int64), np.diff(indptr))
    # cell -> relations (CSC)
    corder = np.argsort(cells, kind="stable")
    cptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(cells, minlength=n), out=cptr[1:])
    crel = rel_of[corder]
    group = _linked(link)
    cache: dict = {}
    rounds = 0
    unprotectable: List[int] = []
    previous: Optional[Tuple[np.ndarray, np.ndarray]] = None
    while True:
        res = audit(relations, hidden, protect, cache, previous)
        labels = res.labels
        assert labels is not None  # audit always labels the blocks
        previous = (hidden.copy(), res.recoverable_mask())
        if res.passed:
            return Suppression(hidden, hidden & ~start, res, rounds,
                               np.array(sorted(unprotectable), dtype=np.int64))
        rounds += 1
        hid_count = np.bincount(rel_of[hidden[cells]], minlength=nrel)
        touched = np.zeros(nrel, dtype=bool)
        block_of: Optional[_Blocks] = None
        stuck: List[int] = []
        changed_blocks = set()
        for j in res.recoverable:
            rels_j = crel[cptr[j]:cptr[j + 1]]
            if touched[rels_j].any():
                continue
            own = _candidates(rels_j, rels_j, indptr, cells, hidden, candidate, priority,
                              weight, hid_count, crel, cptr)
            best = own[0][1] if own else None
            if (best is None or priority[best] > priority.min()) and \
                    int(labels[j]) in changed_blocks:
                continue  # its block changed this round: the next audit says if it still must
            if best is None or priority[best] > priority.min():
                # a cheaper cell elsewhere in the block, if hiding it really protects j
                if block_of is None:
                    block_of = _blocks(labels, hidden)
                best = _cheaper_in_block(j, best, block_of[int(labels[j])], group, rels_j,
                                         (indptr, cells, coefs), hidden, candidate, priority,
                                         weight, hid_count, crel, cptr)
            if best is None:
                stuck.append(int(j))
                continue
            changed_blocks.add(int(labels[j]))
            for c in group(best):
                if not hidden[c]:
                    hidden[c] = True
                    touched[crel[cptr[c]:cptr[c + 1]]] = True
                    hid_count[crel[cptr[c]:cptr[c + 1]]] += 1
        if stuck and not touched.any():
            if not allow_unprotectable:
                raise BoligsocialError(tr("Cell {cell} can be computed from the published "
                                          "relations whatever else is hidden (for example a "
                                          "sub-area that is the only child of its parent); "
                                          "remove that relation or merge the area."
                                          ).format(cell=stuck[0]))
            # known from what the attacker is given anyway (an earlier release): nothing to do
            protect = protect.copy()
            protect[stuck] = False
            unprotectable.extend(stuck)


def _linked(link: Optional[np.ndarray]) -> Callable[[int], Union[List[int], np.ndarray]]:
    """``group(c)``: the cells hidden together with ``c`` (``link``: group id per cell, -1
    none)."""
    if link is None:
        return lambda c: [c]
    link_a = np.asarray(link, dtype=np.int64)
    lk = np.nonzero(link_a >= 0)[0]
    link_cells = lk[np.argsort(link_a[lk], kind="stable")]
    link_keys = link_a[link_cells]

    def group(c: int) -> Union[List[int], np.ndarray]:
        if link_a[c] < 0:
            return [c]
        a = np.searchsorted(link_keys, link_a[c], "left")
        b = np.searchsorted(link_keys, link_a[c], "right")
        return link_cells[a:b]
    return group


def _cheaper_in_block(j: int, best: Optional[int], members: np.ndarray,
                      group: Callable[[int], Union[List[int], np.ndarray]], rels_j: np.ndarray,
                      csr: Tuple[np.ndarray, np.ndarray, np.ndarray], hidden, candidate,
                      priority, weight, hid_count, crel, cptr) -> Optional[int]:
    """A cell of the block ``members`` of ``j`` cheaper than ``best`` whose hiding really
    protects ``j`` (at most ``_MAX_TRIES`` tried); else ``best``, or the block's cheapest
    candidate when ``best`` is None."""
    indptr, cells, coefs = csr
    rels_b = np.unique(np.concatenate([crel[cptr[c]:cptr[c + 1]] for c in members]))
    alts = _candidates(rels_b, rels_j, indptr, cells, hidden, candidate, priority,
                       weight, hid_count, crel, cptr)
    limit = priority[best] if best is not None else np.inf
    proof = None
    for _, c in [a for a in alts if priority[a[1]] < limit][:_MAX_TRIES]:
        if proof is None:
            proof = _Proof(j, members, indptr, cells, coefs, hidden, crel, cptr)
        if proof.still_determined(group(c)):
            continue  # the combination that computes j does not use it
        if _protects(j, group(c), members, indptr, cells, coefs, hidden, crel, cptr):
            return c
    if best is None and alts:
        return alts[0][1]
    return best


class _Blocks:
    """Hidden cells by block label (``blocks[label]``), sliced from one sorted array when
    asked (a series has hundreds of thousands of blocks; a round asks for a few)."""

    def __init__(self, labels: np.ndarray, hidden: np.ndarray):
        hc = np.nonzero(hidden)[0]
        self._cells = hc[np.argsort(labels[hc], kind="stable")]
        self._labels = labels[self._cells]

    def __getitem__(self, label: int) -> np.ndarray:
        a = np.searchsorted(self._labels, label, "left")
        b = np.searchsorted(self._labels, label, "right")
        if a == b:
            raise KeyError(label)
        return self._cells[a:b]


def _blocks(labels: np.ndarray, hidden: np.ndarray) -> _Blocks:
    """Hidden cells by block label."""
    return _Blocks(labels, hidden)


def _candidates(rels: np.ndarray, rels_j: np.ndarray, indptr, cells, hidden, candidate,
                priority, weight, hid_count, crel, cptr) -> List[Tuple[tuple, int]]:
    """Publishable cells of ``rels``, cheapest secondary suppression first."""
    keys: Dict[int, tuple] = {}
    own = set(int(r) for r in rels_j)
    for r in rels:
        terms = cells[indptr[r]:indptr[r + 1]]
        ok = terms[~hidden[terms] & candidate[terms]]
        outside = 0 if int(r) in own else 1
        for c in ok:
            # relations (other than r) in which c would be the only hidden cell: new leaks
            others = crel[cptr[c]:cptr[c + 1]]
            lone = int(np.sum(hid_count[others[others != r]] == 0))
            key = (int(priority[c]), outside, lone, int(hid_count[r]), float(weight[c]), int(c))
            c = int(c)
            if c not in keys or key < keys[c]:
                keys[c] = key
    return sorted((k, c) for c, k in keys.items())


class _Proof:
    """Why ``j`` is recoverable in its block, to rule out candidates without a factorisation.

    ``j`` is recoverable when a combination ``y`` of its block's relations (rows ``A``, the
    hidden cells as columns) gives ``yᵀA = e_jᵀ``. Hiding more cells adds their columns ``a``
    (and relations of their own); if some such ``y`` also has ``yᵀa = 0``, the same
    combination still computes ``j`` and hiding them cannot protect it. The solutions are
    ``y0 + L t`` (``L`` the left null space of ``A``), so that holds iff ``aᵀy0`` lies in the
    span of ``aᵀL`` — a small least-squares test per candidate instead of a rank test of the
    grown block (:func:`_protects`), which is still run whenever this test does not settle it.
    """

    def __init__(self, j: int, members: np.ndarray, indptr, cells, coefs, hidden, crel, cptr):
        self.ok = False
        rels = np.unique(np.concatenate([crel[cptr[x]:cptr[x + 1]] for x in members]))
        idx = np.concatenate([np.arange(indptr[r], indptr[r + 1]) for r in rels])
        row = np.repeat(np.arange(len(rels)), np.diff(indptr)[rels])
        self.row, self.nrow, self.coefs = row, len(rels), coefs[idx]
        keep = hidden[cells[idx]]
        ucell, col = np.unique(cells[idx][keep], return_inverse=True)
        pos = np.searchsorted(ucell, j)
        if pos >= ucell.size or ucell[pos] != j:
            return
        m = np.zeros((len(rels), len(ucell)))
        np.add.at(m, (row[keep], col), coefs[idx][keep])
        try:
            u, sv, vt = svd(m, full_matrices=True)
        except BoligsocialError:
            return  # no shortcut: the rank test decides
        smax = max(sv[0] if sv.size else 0.0, 1.0)
        rank = int(np.sum(sv > _RANK_TOL * smax))
        if rank == 0 or ((sv > _CLEAR_TOL * smax) & (sv < _SURE_TOL * smax)).any():
            return  # no relation, or a singular value too close to call: no shortcut
        y0 = u[:, :rank] @ (vt[:rank, pos] / sv[:rank])   # least-norm yᵀm = e_jᵀ
        e = np.zeros(len(ucell))
        e[pos] = 1.0
        if np.abs(y0 @ m - e).max() > _CLEAR_TOL:
            return  # j is not recoverable in this block as it is now: no shortcut
        self.ok = True
        self.y0, self.left = y0, u[:, rank:]
        self.ucell = ucell
        at = cells[idx]
        self.order = np.argsort(at, kind="stable")   # terms by cell, to find a cell's terms
        self.sorted_at = at[self.order]

    def still_determined(self, cells: Union[Sequence[int], np.ndarray]) -> bool:
        """Whether hiding ``cells`` surely leaves ``j`` recoverable (False: not known)."""
        if not self.ok:
            return False
        new = np.unique(np.asarray(cells, dtype=np.int64))
        where = np.minimum(np.searchsorted(self.ucell, new), self.ucell.size - 1)
        new = new[self.ucell[where] != new]          # cells that are not columns already
        if new.size == 0:
            return True
        lo = np.searchsorted(self.sorted_at, new, "left")
        hi = np.searchsorted(self.sorted_at, new, "right")
        if not (hi > lo).any():
            return True  # not in the relations of the block: no new column there
        terms = self.order[np.concatenate([np.arange(a, b) for a, b in zip(lo, hi)])]
        a = np.zeros((self.nrow, new.size))
        np.add.at(a, (self.row[terms], np.repeat(np.arange(new.size), hi - lo)),
                  self.coefs[terms])
        p = a.T @ self.y0
        q = a.T @ self.left
        scale = 1.0 + float(np.abs(a).max())
        if q.size:  # remove from p what moving along the left null space can cancel
            try:
                uq, sq, _ = svd(q, full_matrices=False)
            except BoligsocialError:
                return False  # not known: the rank test decides
            if ((sq > _CLEAR_TOL * scale) & (sq < _SURE_TOL * scale)).any():
                return False  # too close to call: leave it to the rank test
            uq = uq[:, sq >= _SURE_TOL * scale]
            p = p - uq @ (uq.T @ p)
        return bool(np.abs(p).max() <= _CLEAR_TOL * scale)


def _protects(j: int, new: Union[Sequence[int], np.ndarray], members: np.ndarray, indptr,
              cells, coefs, hidden, crel, cptr) -> bool:
    """Whether hiding the cells ``new`` makes ``j`` unrecoverable in its block (local check)."""
    cols = np.union1d(members, new)
    rels = np.unique(np.concatenate([crel[cptr[x]:cptr[x + 1]] for x in cols]))
    idx = np.concatenate([np.arange(indptr[r], indptr[r + 1]) for r in rels])
    row = np.repeat(np.arange(len(rels)), np.diff(indptr)[rels])
    keep = hidden[cells[idx]] | np.isin(cells[idx], new)
    ucell, col = np.unique(cells[idx][keep], return_inverse=True)
    m = np.zeros((len(rels), len(ucell)))
    np.add.at(m, (row[keep], col), coefs[idx][keep])
    return not _determined(m)[np.searchsorted(ucell, j)]
