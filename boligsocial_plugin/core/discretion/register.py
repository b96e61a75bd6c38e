# SPDX-License-Identifier: GPL-2.0-or-later
"""The release register: what was published before, so a new release cannot undo it.

A folder (default ``<QGIS profile>/boligsocial/releases``; a folder the user names with the
``RELEASE_REGISTER`` parameter, or the environment variable ``BOLIGSOCIAL_RELEASE_REGISTER``)
with two files per release: ``<id>.json`` (when, which algorithm, which output, the dates, the
discretion rules, how many populations) and ``<id>.npz`` (per published population: its date,
area label, the 64-bit keys of its persons (core.personkeys, never the pseudonyms), and which
cell types were published or hidden, and the date whose value each cell showed). For the rows
a release shows first and last of each area it also keeps their *cell state*
(core.discretion.carrystate: per person and cell a one-byte code of the contribution, and the
published value of each cell), so a later run from another extract can repeat those values
instead of a new noisy copy. For a table without persons (``applydiscretion``) it keeps
keyed hashes of the table's column totals and rows (core.discretion.table_register), which
tell another grouping of the same population from a repeat. No exact counts, sums or values
are stored.

The register holds person-level information (keys of pseudonyms); keep it where the person
extract is kept (files are written with mode 0600). It also holds ``noise_secret.key``, the
secret of the perturbation of tables without persons (``Register.secret``): keep it with the
extract and back it up; a new secret gives every such table new noise, and two releases of the
same table with different secrets can be averaged. To forget a release (a draft that was
never published), delete its two files; ``Register.forget`` does that.
"""
import datetime as _dt
import json
import os
import uuid
import zlib
from dataclasses import dataclass
from typing import IO, Any, Dict, List, Optional, Sequence

import numpy as np

from boligsocial_plugin.core.discretion.linkage import Populations
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr

FORMAT = 2  # 2: person keys are PostgreSQL-compatible lookup3 hashes (core.personkeys)


@dataclass
class ReleaseInfo:
    """The metadata of one registered release."""

    id: str
    created: str
    algorithm: str
    output: str
    dates: List[str]
    populations: int
    rules: Dict[str, object]

    def label(self) -> str:
        """How messages name the release."""
        return "{alg} {when} → {out}".format(alg=self.algorithm, when=self.created[:16],
                                           out=os.path.basename(self.output) or self.output)


class Register:
    """A folder of released populations (see the module doc)."""

    def __init__(self, folder: str):
        self.folder = folder

    def releases(self) -> List[ReleaseInfo]:
        """Every registered release, oldest first (unreadable files are skipped)."""
        out: List[ReleaseInfo] = []
        if not os.path.isdir(self.folder):
            return out
        for name in sorted(os.listdir(self.folder)):
            if not name.endswith(".json"):
                continue
            try:
                with open(os.path.join(self.folder, name), encoding="utf-8") as f:
                    meta = json.load(f)
                if meta.get("format", 1) != FORMAT or \
                        not os.path.exists(os.path.join(self.folder, meta["id"] + ".npz")):
                    continue  # keys of another definition never match: not comparable
                out.append(ReleaseInfo(meta["id"], meta["created"], meta["algorithm"],
                                       meta.get("output", ""), list(meta.get("dates", [])),
                                       int(meta.get("populations", 0)),
                                       dict(meta.get("rules", {}))))
            except (OSError, ValueError, KeyError):
                continue
        return sorted(out, key=lambda r: (r.created, r.id))

    def info(self, release_id: str) -> Optional[ReleaseInfo]:
        """The metadata of one release."""
        for r in self.releases():
            if r.id == release_id:
                return r
        return None

    def load(self, dates: Optional[Sequence[str]], labels: Optional[Sequence[str]],
             cell_types: Sequence[str]) -> Populations:
        """Registered populations at these dates, or with these labels at any date (None for
        both: every population; links between dates are looked for under any label)."""
        every = dates is None and labels is None
        want_d, want_l = set(dates or ()), set(labels or ())
        parts = []
        for r in self.releases():
            try:
                z = np.load(os.path.join(self.folder, r.id + ".npz"), allow_pickle=False)
                pd_, pl, ptr, keys = z["dates"], z["labels"], z["ptr"], z["keys"]
                types = [str(t) for t in z["types"]]
                hid, pub = z["hidden"], z["published"]
            except (OSError, ValueError, KeyError):
                continue
            sel = [i for i in range(len(pd_))
                   if every or str(pd_[i]) in want_d or str(pl[i]) in want_l]
            for i in sel:
                parts.append((str(pd_[i]), str(pl[i]), r.id, keys[ptr[i]:ptr[i + 1]],
                              frozenset(t for t, h in zip(types, hid[i]) if h),
                              frozenset(t for t, p in zip(types, pub[i]) if p)))
        parts = _merge_identical(parts)
        n = len(parts)
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum([len(p[3]) for p in parts], out=ptr[1:]) if n else None
        keys = np.concatenate([p[3] for p in parts]).astype(np.uint64) if n else \
            np.zeros(0, np.uint64)
        return Populations([p[0] for p in parts], [p[1] for p in parts],
                           [p[2] for p in parts], np.full(n, -1, dtype=np.int64), ptr, keys,
                           [p[4] for p in parts], [p[5] for p in parts])

    def fingerprints(self, algorithm: str) -> set:
        """(date, size, key fingerprint) of every population the releases of ``algorithm``
        recorded (:func:`fingerprint`), whatever :meth:`load` merged them with."""
        out: set = set()
        for r in self.releases():
            if r.algorithm != algorithm:
                continue
            try:
                z = np.load(os.path.join(self.folder, r.id + ".npz"), allow_pickle=False)
                dates, ptr, keys = z["dates"], z["ptr"], z["keys"]
            except (OSError, ValueError, KeyError):
                continue
            out.update(fingerprint(str(d), keys[ptr[i]:ptr[i + 1]])
                       for i, d in enumerate(dates))
        return out

    def add(self, pops: Populations, hidden: np.ndarray, published: np.ndarray,
            types: Sequence[str], algorithm: str, output: str,
            rules: Dict[str, object], as_of: Optional[np.ndarray] = None,
            state=None, table: Optional[Dict[str, np.ndarray]] = None) -> str:
        """Record a release: the populations with their hidden/published cell types, and for
        a series the date whose value each cell shows (``as_of``, '' none:
        core.discretion.carry); ``state``: a core.discretion.carrystate.CellState whose rows
        are indices of ``pops``; ``table``: the signatures of a table without persons
        (core.discretion.table_register, stored as ``table_<name>`` arrays)."""
        try:
            os.makedirs(self.folder, mode=0o700, exist_ok=True)
        except OSError as e:
            raise BoligsocialError(tr("The release register folder {path} cannot be created "
                                      "({err}). Choose another folder in 'Release register'."
                                      ).format(path=self.folder, err=e)) from e
        rid = _dt.datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        meta = {"format": FORMAT, "id": rid,
                "created": _dt.datetime.now().astimezone().isoformat(timespec="microseconds"),
                "algorithm": algorithm, "output": output,
                "dates": sorted(set(pops.dates)), "populations": len(pops), "rules": rules}
        npz = os.path.join(self.folder, rid + ".npz")
        tmp = npz + ".part"
        try:
            with _private(tmp) as f:
                np.savez(  # uncompressed: the keys are random bits (nothing to compress)
                    f, dates=np.array(pops.dates, dtype=str), labels=np.array(pops.labels,
                                                                             dtype=str),
                    ptr=pops.ptr, keys=pops.keys, types=np.array(list(types), dtype=str),
                    hidden=np.asarray(hidden, dtype=bool), published=np.asarray(published,
                                                                                dtype=bool),
                    **({} if as_of is None else {"as_of": np.asarray(as_of, dtype=str)}),
                    **({} if state is None else _state_arrays(state, pops)),
                    **{"table_" + k: np.asarray(v) for k, v in (table or {}).items()})
            os.replace(tmp, npz)
            with _private(os.path.join(self.folder, rid + ".json"), text=True) as f:
                json.dump(meta, f, ensure_ascii=False, indent=1)
        except OSError as e:
            raise BoligsocialError(tr("The release could not be written to the register {path} "
                                      "({err}); nothing was recorded.").format(
                                          path=self.folder, err=e)) from e
        return rid

    def tables(self) -> List[tuple]:
        """(release, {name: array}) of every release that recorded a table's signatures
        (:meth:`add` with ``table``), oldest first."""
        out = []
        for r in self.releases():
            try:
                with np.load(os.path.join(self.folder, r.id + ".npz"),
                             allow_pickle=False) as z:
                    arrays = {k[6:]: z[k] for k in z.files if k.startswith("table_")}
            except (OSError, ValueError):
                continue
            if arrays:
                out.append((r, arrays))
        return out

    def shown_as_of(self, labels: Sequence[str]) -> Dict[tuple, Dict[str, str]]:
        """(label, date) -> {cell type: the date whose value was shown} of the releases
        recorded with these labels (later releases win). A release without carried values (a
        single date, or recorded before the carry rule) showed each published cell's value
        of its own date."""
        want = set(labels)
        out: Dict[tuple, Dict[str, str]] = {}
        for r in self.releases():
            try:
                z = np.load(os.path.join(self.folder, r.id + ".npz"), allow_pickle=False)
                pd_, pl, types = z["dates"], z["labels"], z["types"]
                asof = z["as_of"] if "as_of" in z.files else \
                    np.where(z["published"], pd_.astype(str)[:, None], "")
            except (OSError, ValueError, KeyError):
                continue
            names = [str(t) for t in types]
            for i in range(min(len(pd_), len(asof))):
                if str(pl[i]) in want:
                    row = out.setdefault((str(pl[i]), str(pd_[i])), {})
                    row.update({t: str(a) for t, a in zip(names, asof[i]) if str(a)})
        return out

    def cell_states(self, types: Sequence[str], exclude_dates: Sequence[str],
                    persons: np.ndarray):
        """The recorded cell states (core.discretion.carrystate.Recorded) of rows at dates
        other than ``exclude_dates`` (the run's dates) that hold any of ``persons`` (keys), on
        ``types`` first, then every other cell type recorded; None when there are none. Every
        such row: a release's nearest date alone would hide an earlier one that a later
        snapshot is closer to (seasonal residents came and went)."""
        from boligsocial_plugin.core.discretion.carrystate import Recorded

        skip = {str(d) for d in exclude_dates}
        want = np.unique(np.asarray(persons, dtype=np.uint64))
        col = {t: k for k, t in enumerate(types)}
        parts: List[tuple] = []
        for r in self.releases():
            try:
                z = np.load(os.path.join(self.folder, r.id + ".npz"), allow_pickle=False)
                if "cs_rows" not in z.files:
                    continue
                pd_, pl = z["dates"], z["labels"]
                names = [str(t) for t in z["types"]]
                hid, pub, vals = z["hidden"], z["published"], z["cs_values"]
                asof = z["as_of"] if "as_of" in z.files else \
                    np.where(pub, pd_.astype(str)[:, None], "")
                rows, ptr, keys, _ = state_of_npz(z, codes=False)
            except (OSError, ValueError, KeyError):
                continue
            dst = [col.setdefault(t, len(col)) for t in names]
            hit = np.isin(keys, want)
            lens = np.diff(ptr)
            hits = np.add.reduceat(hit, np.minimum(ptr[:-1], len(keys) - 1)) if len(keys) \
                else np.zeros(len(rows))
            take = [i for i in range(len(rows))
                    if lens[i] and hits[i] and str(pd_[rows[i]]) not in skip]
            if not take:
                continue
            try:
                codes = state_of_npz(z)[3]
            except (OSError, ValueError, KeyError, zlib.error):
                continue  # an unreadable state: nothing to bind to
            for i in take:
                p = rows[i]
                parts.append((str(pl[p]), str(pd_[p]), dst, hid[p], pub[p],
                              asof[p].astype(str), vals[i], keys[ptr[i]:ptr[i + 1]],
                              codes[ptr[i]:ptr[i + 1]]))
        if not parts:
            return None
        n, width = len(parts), len(col)
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum([len(x[7]) for x in parts], out=ptr[1:])
        hidden = np.zeros((n, width), dtype=bool)
        shown = np.zeros((n, width), dtype=bool)
        as_of = np.full((n, width), "", dtype=object)
        values = np.full((n, width), np.nan)
        codes = np.zeros((int(ptr[-1]), width), dtype=np.uint8)
        for k, x in enumerate(parts):
            dst = x[2]
            # a cell recorded as published without a value (a moves group's size, shown
            # only as a sum of counts) binds nothing
            hidden[k, dst], shown[k, dst] = x[3], x[4] & ~np.isnan(x[6])
            as_of[k, dst], values[k, dst] = x[5], x[6]
            codes[ptr[k]:ptr[k + 1], dst] = x[8]
        return Recorded([x[0] for x in parts], [x[1] for x in parts], as_of, hidden, shown,
                        values, ptr, np.concatenate([x[7] for x in parts]).astype(np.uint64),
                        codes)

    def secret(self) -> bytes:
        """The perturbation secret of tables without persons, created once in this folder
        (core.discretion.perturbation ``folder_secret``)."""
        from boligsocial_plugin.core.discretion.perturbation import folder_secret

        return folder_secret(self.folder)

    def forget(self, release_id: str) -> bool:
        """Delete a release (a draft that was never published). True if it existed."""
        found = False
        for ext in (".json", ".npz"):
            p = os.path.join(self.folder, release_id + ext)
            if os.path.exists(p):
                os.remove(p)
                found = True
        return found


def _state_arrays(state, pops: Populations) -> Dict[str, np.ndarray]:
    """The npz arrays of a cell state (core.discretion.carrystate.CellState; its rows index
    ``pops``): the codes compressed (mostly 0 and 1), the keys only where they are not the
    populations' own (they are when both come from the same person rows)."""
    idx = _spans(pops.ptr, state.rows)
    out = {"cs_rows": state.rows, "cs_ptr": state.ptr, "cs_values": state.values,
           "cs_shape": np.array(state.codes.shape, dtype=np.int64),
           "cs_codes_z": np.frombuffer(zlib.compress(
               np.ascontiguousarray(state.codes, dtype=np.uint8).tobytes(), 1), dtype=np.uint8)}
    if not (np.array_equal(np.diff(state.ptr), np.diff(pops.ptr)[state.rows]) and
            np.array_equal(pops.keys[idx], state.keys)):
        out["cs_keys"] = state.keys
    return out


def state_of_npz(z, codes: bool = True):
    """(rows, ptr, keys, codes) of a cell state written by :func:`_state_arrays` (``codes``
    False: None for the codes, which are decompressed only when asked for)."""
    rows, ptr = z["cs_rows"], z["cs_ptr"]
    keys = z["cs_keys"] if "cs_keys" in z.files else z["keys"][_spans(z["ptr"], rows)]
    if not codes:
        return rows, ptr, keys, None
    shape = tuple(int(x) for x in z["cs_shape"])
    out = np.frombuffer(zlib.decompress(z["cs_codes_z"].tobytes()), dtype=np.uint8)
    return rows, ptr, keys, out.reshape(shape)


def _spans(ptr: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The indices of the members of populations ``rows`` (offsets ``ptr``), in order."""
    rows = np.asarray(rows, dtype=np.int64)
    lens = ptr[rows + 1] - ptr[rows]
    if not len(rows) or not lens.sum():
        return np.zeros(0, dtype=np.int64)
    start = np.repeat(ptr[rows] - np.concatenate([[0], np.cumsum(lens)[:-1]]), lens)
    return start + np.arange(int(lens.sum()))


def fingerprint(date: str, keys: np.ndarray) -> tuple:
    """A population's (date, size, xor of its mixed keys): equal for the same persons."""
    from boligsocial_plugin.core.personkeys import mix64

    k = np.asarray(keys, dtype=np.uint64)
    return (date, len(k), int(np.bitwise_xor.reduce(mix64(k))) if len(k) else 0)


def _merge_identical(parts):
    """One population for the same persons at the same date (re-runs of one release).

    What any of them published is known; what all of them hid stays hidden.
    """
    from boligsocial_plugin.core.personkeys import mix64

    seen: Dict[tuple, int] = {}
    out: List[list] = []
    for d, lab, rid, keys, hid, pub in parts:
        fp = (d, len(keys), int(np.bitwise_xor.reduce(mix64(keys))) if len(keys) else 0)
        j = seen.get(fp)
        if j is not None and np.array_equal(out[j][3], keys):
            published = out[j][5] | pub
            out[j][4] = (out[j][4] | hid) - published
            out[j][5] = published
            continue
        seen[fp] = len(out)
        out.append([d, lab, rid, keys, hid - pub, pub])
    return [tuple(p) for p in out]


class _private:
    """Open a new file readable by its owner only."""

    def __init__(self, path: str, text: bool = False):
        self.path, self.text = path, text

    def __enter__(self):
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        self.f: IO[Any] = os.fdopen(fd, "w", encoding="utf-8") if self.text else \
            os.fdopen(fd, "wb")
        return self.f

    def __exit__(self, *exc):
        self.f.close()
        return False


def say_kept_back(report: Dict[str, Any], register: Optional[Register]) -> None:
    """A warning (in ``report["warnings"]``) naming the earlier releases that made a release
    keep rows back (``A``: ``report["kept_back_for_earlier"]``, core.discretion.release)."""
    kept = report.get("kept_back_for_earlier") or {}
    rows = int(kept.get("rows", 0))
    if not rows:
        return
    names = []
    for rid in kept.get("releases", []):
        info = register.info(rid) if register is not None else None
        names.append("{} ({})".format(info.label(), rid) if info is not None else rid)
    report["warnings"].append(tr(
        "{n} rows (an area at a date) are kept back (A): a count below the threshold there "
        "would be narrowed by a figure published for nearly the same persons at another date "
        "by an earlier release: {releases}. To publish them, protect both together: compute "
        "single-date layers from an extract that holds every date of the series (the monthly "
        "snapshots), or forget the earlier release in the register if it was never "
        "published.").format(n=rows, releases="; ".join(names)))


def refuse_exact_conflict(report: Dict[str, Any], pops, perturbed: bool,
                          register: Optional[Register]) -> None:
    """With exact values (no perturbation), refuse a release that would hide figures an
    earlier release published for the same persons (``report["known_before_lost"]``): a
    series hides a date too close to the next, whose exact figures the earlier release
    published, and the differences of exact figures would give the small group that changed.
    The message names the earlier releases of the same areas and dates, and what to do."""
    lost = int(report.get("known_before_lost", 0) or 0)
    if perturbed or not lost or pops is None:
        return
    here = {(pops.labels[p], pops.dates[p]) for p in range(len(pops)) if pops.row[p] >= 0}
    rids = sorted({pops.release[p] for p in range(len(pops))
                   if pops.row[p] < 0 and (pops.labels[p], pops.dates[p]) in here})
    names = []
    for rid in rids:
        info = register.info(rid) if register is not None else None
        names.append("{} ({})".format(info.label(), rid) if info is not None else rid)
    raise BoligsocialError(tr(
        "With exact values (PERTURBATION=off) this release would hide {n} figures that an "
        "earlier release published for the same persons: {releases}. Their differences with "
        "the figures published now could give a group too small to publish. Publish both "
        "with PERTURBATION=on (the default), or compute the single dates and the series "
        "together from one extract before publishing either, or forget the earlier release in "
        "the register if it was never published.").format(n=lost, releases="; ".join(names)))
