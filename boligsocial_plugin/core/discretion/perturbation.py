# SPDX-License-Identifier: GPL-2.0-or-later
"""Cell-key perturbation: every published count and sum carries a small, consistent noise.

The method of the Australian Bureau of Statistics' TableBuilder and of the 2021 censuses
(ABS, ONS): every person has a *record key* (here a 32-bit hash of the person key, see
:mod:`boligsocial_plugin.core.personkeys`: the low half of PostgreSQL's ``hashint8extended`` of
it, so a database computes the same keys, core.sqlgen); a cell's *cell key* is the sum of the
record keys of the persons behind it (modulo 2^32). The noise added to a cell is a deterministic
function of its cell key, of the cell key of its *row's population* (the residents of the area
at the date: ``residents_ck``) and of its exact value (counts; sums rounded to whole kroner,
sums of full-time persons to 10^-6). Hence:

* the same persons in the same row population, with the same values, always get the same
  published value, in any run, layer, geography or output, so averaging repeated releases
  recovers nothing;
* when anything in a row changes (one person moves in or out, one amount changes) *every* cell
  of the row gets fresh, independent noise, also the cells the change did not touch: a cell
  that changed does not prove that it holds the newcomer, and the difference of two dates is
  the true difference plus the difference of two independent noises;
* zero stays zero, and a count at or above ``MIN_COUNT`` is never published below it.

The trade-off: a cell published again for the same persons and values after a change elsewhere
in its row gets a new value (it moves by ±2 at most), so an unchanged sub-population can show a
small change between dates; trends are read from many cells, never from one. And a group that
stays the same while its row changes (monthly dates, or geographies that differ outside the
group) gets an independent copy of its noise each time: the mean of k copies rounds to the
exact count with probability 0.77 (k = 2), 0.84 (4), 0.96 (12). An exact published count
discloses only together with another exact count of one person more or less; the release
register links rows (populations), not cells of different rows.

Counts (residents, numerators and denominators of shares) move by at most ±2: 0 with
probability 50 %, ±1 with 20 % each, ±2 with 5 % each (mean 0, mean absolute change 0.6);
just above ``MIN_COUNT`` the table is cut and re-balanced so the noise stays unbiased and the
count stays ≥ ``MIN_COUNT``. Sums of full-time persons (outside the labour market) move by a
continuous amount of at most ±2 full-time persons (triangular, mean absolute change 0.67, never
below 0). Sums of amounts (income) move by ``L·t``, ``L`` the largest single contribution in
the cell (× ``amount_share``) and ``t`` a draw of Student's t with :data:`AMOUNT_DF` = 3 degrees
of freedom and scale :data:`AMOUNT_T_SCALE`, cut at ±:data:`AMOUNT_T_CUT` (mean 0, median
absolute change ``0.75·L``, at most ``4·L``). The law is smooth, its only edges four scales
out: the earlier ``±(0.5–1.5)·L`` had hard edges, so an attacker who knew it intersected
copies (a newcomer earning five times anyone else within ±10 % in 26 % of cases from one
yearly difference, 74 % from eight geographies). Chosen by measured result
(scripts/measure_amount_noise.py, README "Discretion"): with the cut t law the same attacker,
knowing it, gets 8 % from one copy, 23 % from four and 33 % from eight, at a mean error of
published mean incomes of 3.65 % (3.7 % before; the uncut t: 9 %, 20 %, 29 %, but 4.1 % and
one area off by 68 %). Its density is at most ``0.38/L``, so one difference of two cells (a
newcomer's income = the sum after − the sum before) falls within ±p % of the newcomer's amount
``x`` with probability at most ``2·0.38·p·x/L ≤ 0.76·p`` (7.6 % for the 10 % rule), whatever
the other cell's noise. A
positive sum is never published below 0: a draw that would take it there is folded back
into [0, 2·sum] (:func:`fold_into`; symmetric, so still unbiased). Shares and means are
computed from the perturbed numerator and denominator. Decisions (suppression, categories,
criteria met or not) are always taken on exact values.

Tables without persons (``applydiscretion``, regions' populations from a residents field) have
no person keys: their cell keys are an HMAC of the row and column labels with a 256-bit secret
(:func:`table_cell_keys`), created once and kept in the release register folder (see
core.discretion.register ``Register.secret``), so the noise cannot be recomputed and removed
without it, and the same table always gets the same values.
"""
import hashlib
import hmac
from dataclasses import dataclass, field
from typing import Dict, Optional, Sequence, Tuple

import numpy as np

from boligsocial_plugin.core.personkeys import hash_int64, mix64

#: seed of the record key (``hashint8extended(person_key, RECORD_SALT)``, also in SQL)
RECORD_SALT = 0x5EED0C311CE1
_SALT_COUNT = np.uint64(0xC0C0A11CE)
_SALT_AMOUNT = np.uint64(0xA303E7)
_SALT_FTE = np.uint64(0xF7E5A17)
_SALT_ROW = np.uint64(0x20E5C0FFEE)
#: the perturbation table of counts away from the threshold: change -> probability
COUNT_TABLE: Dict[int, float] = {-2: 0.05, -1: 0.2, 0: 0.5, 1: 0.2, 2: 0.05}
#: sums of amounts move by the largest contribution times a Student t draw with these degrees
#: of freedom and this scale (chosen by measured result: scripts/measure_amount_noise.py)
AMOUNT_DF = 3.0
AMOUNT_T_SCALE = 1.0
#: the t draw is cut at ±AMOUNT_T_CUT (its density renormalised inside): a bounded tail (the
#: uncut law moved one demo area's mean income by 68 %, this one at most 23 %)
AMOUNT_T_CUT = 4.0
#: the precision of a sum of full-time persons in its noise key
FTE_PRECISION = 1e-6
#: bytes of a table secret (see :func:`table_cell_keys`) and the file that keeps it
SECRET_BYTES = 32
SECRET_FILE = "noise_secret.key"


@dataclass(frozen=True)
class Perturbation:
    """Whether and how much published values are perturbed (see the module doc).

    ``secret``: the key of tables without persons (:func:`table_cell_keys`); never printed.
    """

    enabled: bool = True
    max_count: int = 2          # counts: at most ± this (the table above)
    fte_max: float = 2.0        # sums of full-time persons: at most ± this
    amount_share: float = 1.0   # sums of amounts: noise scale = this × the largest one
    secret: bytes = field(default=b"", repr=False, compare=False)

    @property
    def count_margin(self) -> int:
        """The most a published count can lie from its exact value (0: exact values); a
        decision taken on published counts subtracts it to be sure of a minimum."""
        return self.max_count if self.enabled else 0

    def describe(self) -> str:
        """One line for reports (translated)."""
        from boligsocial_plugin.core.i18n import tr

        if not self.enabled:
            return tr("off (exact values)")
        return tr("cell-key perturbation: counts ±{c} at most, full-time persons ±{f}, amounts "
                  "by {s} × the largest contribution × a Student t draw ({df} degrees of "
                  "freedom, cut at ±{cut})").format(
            c=self.max_count, f="{:g}".format(self.fte_max),
            s="{:g}".format(AMOUNT_T_SCALE * self.amount_share), df="{:g}".format(AMOUNT_DF),
            cut="{:g}".format(AMOUNT_T_CUT))


OFF = Perturbation(enabled=False)


def record_keys(person_keys: np.ndarray) -> np.ndarray:
    """32-bit record key per person row (uint64 holding values < 2^32)."""
    return hash_int64(person_keys, RECORD_SALT) & np.uint64(0xFFFFFFFF)


def cell_keys(rkeys: np.ndarray, group: np.ndarray, size: int,
              mask: Optional[np.ndarray] = None) -> np.ndarray:
    """Cell key per group: Σ record keys of its members (``mask``) modulo 2^32 (int64).

    Exact with float bincounts: the keys are summed in two 16-bit halves (each sum stays far
    below 2^53 even for 100 million persons).
    """
    g = np.asarray(group, dtype=np.int64)
    lo, hi = record_key_halves(rkeys)
    if mask is not None:
        m = np.asarray(mask, dtype=bool)
        lo, hi, g = lo[m], hi[m], g[m]
    return cell_keys_of_sums(np.bincount(g, weights=lo, minlength=size),
                             np.bincount(g, weights=hi, minlength=size))


def record_key_halves(rkeys: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """The low and high 16 bits of record keys as float64, for exact sums by bincount.

    Computed once, they serve every cell key of a table (see :func:`cell_keys_of_sums`).
    """
    r = np.asarray(rkeys, dtype=np.uint64)
    return (r & np.uint64(0xFFFF)).astype(np.float64), (r >> np.uint64(16)).astype(np.float64)


def cell_keys_of_sums(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Cell keys (int64) from the per-cell sums of the halves of :func:`record_key_halves`."""
    lo_i = np.round(lo).astype(np.int64) % (1 << 32)
    hi_i = np.round(hi).astype(np.int64) % (1 << 16)
    return (lo_i + (hi_i << 16)) % (1 << 32)


def _row_mixed(ck: np.ndarray, row: Optional[np.ndarray]) -> np.ndarray:
    """Noise keys (uint64) of cells: the cell key mixed with its row population's key.

    ``row`` None: each cell is its own row (a population published alone, e.g. residents or a
    flow), so a count gets the same noise whichever output publishes the same persons.
    """
    c = np.asarray(ck, dtype=np.int64).astype(np.uint64)
    r = c if row is None else np.asarray(row, dtype=np.int64).astype(np.uint64)
    return c ^ mix64(r ^ _SALT_ROW)


def _uniform(key: np.ndarray, salt: np.uint64, extra: Optional[np.ndarray] = None
             ) -> np.ndarray:
    """Deterministic uniform numbers in [0, 1) from noise keys (and values)."""
    z = np.asarray(key, dtype=np.uint64) ^ salt
    if extra is not None:
        z = z ^ mix64(np.asarray(extra, dtype=np.uint64))
    return (mix64(z) >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def _value_key(v: np.ndarray, precision: float) -> np.ndarray:
    """The exact value, rounded to ``precision``, as uint64 bits for the noise key."""
    q = np.round(np.nan_to_num(np.asarray(v, dtype=float)) / precision)
    return np.clip(q, -2.0 ** 62, 2.0 ** 62).astype(np.int64).view(np.uint64)


def _distribution(v: int, floor: int, d: int) -> Tuple[np.ndarray, np.ndarray]:
    """Changes and probabilities for a count ``v`` that must stay ≥ ``floor`` (unbiased)."""
    base = {k: p for k, p in COUNT_TABLE.items() if abs(k) <= d}
    lim = floor - v  # smallest allowed change (<= 0)
    ch = np.array(sorted(k for k in base if k >= lim), dtype=np.int64)
    pr = np.array([base[int(k)] for k in ch], dtype=float)
    neg = -(ch[ch < 0] * pr[ch < 0]).sum()
    pos = (ch[ch > 0] * pr[ch > 0]).sum()
    if pos > 0:
        s = min(1.0, neg / pos)
        moved = pr[ch > 0].sum() * (1 - s)
        pr[ch > 0] *= s
        pr[ch == 0] += moved
    return ch, pr / pr.sum()


def perturb_counts(values: np.ndarray, ck: np.ndarray, min_count: int,
                   p: Perturbation, row: Optional[np.ndarray] = None) -> np.ndarray:
    """Published counts: value + change from the table (NaN and 0 unchanged).

    ``ck``: the cells' keys; ``row``: the keys of their rows' populations (None: each cell is
    its own row); the noise also depends on the exact value.
    """
    v = np.asarray(values, dtype=float)
    out = v.copy()
    if not p.enabled:
        return out
    ok = ~np.isnan(v) & (v > 0)
    if not ok.any():
        return out
    vi = np.round(v[ok]).astype(np.int64)
    key = _row_mixed(np.asarray(ck)[ok], None if row is None else np.asarray(row)[ok])
    u = _uniform(key, _SALT_COUNT, vi)
    floor = max(1, int(min_count))
    change = np.zeros(len(vi), dtype=np.int64)
    base_ch, base_pr = _distribution(floor + p.max_count, floor, p.max_count)
    cuts = np.cumsum(base_pr)
    interior = vi >= floor + p.max_count
    change[interior] = base_ch[np.minimum(np.searchsorted(cuts, u[interior], "right"),
                                          len(base_ch) - 1)]
    for val in np.unique(vi[~interior]):
        sel = ~interior & (vi == val)
        fl = floor if val >= floor else 1
        ch, pr = _distribution(int(val), fl, p.max_count)
        change[sel] = ch[np.minimum(np.searchsorted(np.cumsum(pr), u[sel], "right"),
                                    len(ch) - 1)]
    out[ok] = vi + change
    return out


def amount_noise(u: np.ndarray) -> np.ndarray:
    """The amount noise in units of its scale from uniforms in [0, 1): Student's t with
    :data:`AMOUNT_DF` degrees of freedom cut at ±:data:`AMOUNT_T_CUT`, times
    :data:`AMOUNT_T_SCALE`, by its inverse CDF (symmetric, mean 0, a smooth density of at
    most 0.38/AMOUNT_T_SCALE; its only edges lie four scales out)."""
    from scipy.special import stdtr, stdtrit

    lo = stdtr(AMOUNT_DF, -AMOUNT_T_CUT)
    q = lo + (1.0 - 2.0 * lo) * (np.asarray(u, dtype=float) + 2.0 ** -54)
    return AMOUNT_T_SCALE * stdtrit(AMOUNT_DF, q)


def perturb_amounts(values: np.ndarray, ck: np.ndarray, scale: np.ndarray,
                    p: Perturbation, row: Optional[np.ndarray] = None) -> np.ndarray:
    """Published sums of amounts: value + scale × :func:`amount_noise`, a positive sum folded
    into [0, 2·value] (:func:`fold_into`).

    ``scale``: ``amount_share`` × the cell's largest contribution. The draw comes from the cell
    key, the row's key (``row``, None: the cell itself) and the value in whole kroner, so the
    same persons with the same amounts in the same row always get the same noise, and a
    changed amount gets fresh noise. NaN unchanged.
    """
    v = np.asarray(values, dtype=float)
    if not p.enabled:
        return v.copy()
    key = _row_mixed(ck, row)
    u = _uniform(key, _SALT_AMOUNT, _value_key(v, 1.0))
    noise = np.nan_to_num(np.asarray(scale, dtype=float) * amount_noise(u))
    return np.where(np.isnan(v), np.nan, fold_into(v + noise, v))


def fold_into(published: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Noisy sums of positive exact ``values`` folded back into [0, 2·value].

    A noise that would take a positive sum below 0 is reflected at 0 (and at twice the value),
    so a published sum is never negative; the reflections keep the noise symmetric around the
    value (mean 0). Only a cell whose sum is not much more than its largest contribution gets
    there. Values ≤ 0 and NaN: unchanged.
    """
    y = np.asarray(published, dtype=float)
    v = np.asarray(values, dtype=float)
    pos = np.nan_to_num(v) > 0
    period = np.where(pos, 4.0 * v, 1.0)
    w = np.mod(np.where(pos, y, 0.0), period)
    return np.where(pos, np.where(w > period / 2, period - w, w), y)


def perturb_fte(values: np.ndarray, ck: np.ndarray, p: Perturbation,
                row: Optional[np.ndarray] = None) -> np.ndarray:
    """Published sums of full-time persons: value + triangular noise on ±``fte_max``, never
    below 0 (keyed like :func:`perturb_amounts`, the value to :data:`FTE_PRECISION`)."""
    v = np.asarray(values, dtype=float)
    if not p.enabled:
        return v.copy()
    key = _row_mixed(ck, row)
    vk = _value_key(v, FTE_PRECISION)
    u1 = _uniform(key, _SALT_FTE, vk)
    u2 = _uniform(key, _SALT_FTE ^ np.uint64(0xFFFF), vk)
    out = v + p.fte_max * (u1 + u2 - 1.0)
    return np.where(np.isnan(v), np.nan, np.maximum(out, 0.0))


def table_cell_keys(labels: Sequence[str], secret: bytes) -> np.ndarray:
    """Cell keys (int64 < 2^32) for tables without persons: HMAC-SHA256 of each cell's text
    label (row and column) with the table secret.

    Without the secret nobody can recompute the keys, so the noise cannot be removed; the
    same secret gives the same keys in every run, so repeated releases cannot be averaged.
    """
    from boligsocial_plugin.core.errors import BoligsocialError
    from boligsocial_plugin.core.i18n import tr

    if not secret:
        raise BoligsocialError(tr("The perturbation of a table without persons needs its "
                                  "secret key; none was given."))
    kb = bytes(secret)
    return np.array([int.from_bytes(hmac.new(kb, str(x).encode("utf-8"),
                                             hashlib.sha256).digest()[:4], "big")
                     for x in labels], dtype=np.int64)


def folder_secret(folder: str) -> bytes:
    """The table secret kept in ``folder`` (the release register): :data:`SECRET_FILE`, 256
    random bits in hex, created once with mode 0600 and read in every later run."""
    import os
    import secrets

    from boligsocial_plugin.core.errors import BoligsocialError
    from boligsocial_plugin.core.i18n import tr

    path = os.path.join(folder, SECRET_FILE)
    for _attempt in range(2):
        try:
            with open(path, encoding="ascii") as f:
                key = bytes.fromhex(f.read().strip())
            if len(key) < SECRET_BYTES:
                raise ValueError("{} bytes".format(len(key)))
            return key
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as e:
            raise BoligsocialError(tr(
                "The perturbation secret {path} cannot be read ({err}). Restore it from a "
                "backup: the same secret keeps tables consistent with earlier releases."
            ).format(path=path, err=e)) from e
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue  # created meanwhile by another run: read it
        except OSError as e:
            raise BoligsocialError(tr(
                "The perturbation secret cannot be created in {path} ({err}). Choose another "
                "release register folder.").format(path=folder, err=e)) from e
        key = secrets.token_bytes(SECRET_BYTES)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(key.hex() + "\n")
        return key
    raise BoligsocialError(tr("The perturbation secret {path} cannot be read ({err}). Restore "
                              "it from a backup: the same secret keeps tables consistent with "
                              "earlier releases.").format(path=path, err="?"))
