# SPDX-License-Identifier: GPL-2.0-or-later
"""Tables without persons across releases: how many groupings of one population.

A table given to ``applydiscretion`` has no persons, so the register cannot tell which of its
rows another table's rows hold. Two tables of the same population grouped differently give a
hidden figure away by subtraction: a district D = A + B minus its published block B is the
small block A. With exact values that is A's count exactly; with the perturbation it is one
noisy copy, and each further grouping (sixteen districtings that each put A with another
block) is one more copy to average: measured over 30 secrets, sixteen groupings pinned A's
hidden count (posterior ≥ 0.99) for 63 % of them, eight groupings for none.

What the register can tell is that two tables count the same population: their columns add
up to the same totals. So each release records, per counted column (the categories and the
row total), two keyed hashes (HMAC-SHA256 with the register's secret, never the figures):

* the *population*: the column's total with the total column's total (the column name left
  out: renaming a column does not make another population);
* the *grouping*: the rows as the protection sees them, i.e. what decides the published
  values. With the perturbation (or keyed rounding) every row's key and exact value of the
  column (the same grouping again, a re-run, gets the same noise and is a repeat; the same
  rows under other names get fresh noise, so they count as another grouping); with exact
  values only the sorted values (the same rows under other names publish the same figures).

A new table is refused when one of its columns would give a population more different
groupings than the overlap budget (``Publication.overlap_budget``, 8 as for persons; only
groupings that add up to the same totals are seen, so a table that publishes part of a
grouping, one district alone, is not), and with exact values when an earlier *exact* release
grouped the population otherwise (one subtraction is exact), or published other figures in a
column of the same name: part of a grouping (one district alone, other totals) or the same
counts at another date would be exact by subtraction too, and the name is all the register
knows of them. A column that adds up to 0 has nothing to protect and is not recorded.
"""
import hashlib
import hmac
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from boligsocial_plugin.core.discretion.register import Register, ReleaseInfo
from boligsocial_plugin.core.discretion.tables import _read_counts, table_row_keys
from boligsocial_plugin.core.errors import BoligsocialError
from boligsocial_plugin.core.i18n import tr


@dataclass
class TableSignatures:
    """Per counted column of a table: its name, population and grouping hashes."""

    columns: List[str]
    population: List[str]
    grouping: List[str]
    exact: bool

    def arrays(self) -> Dict[str, np.ndarray]:
        """What Register.add stores (``table`` argument)."""
        return {"column": np.array(self.columns, dtype=str),
                "population": np.array(self.population, dtype=str),
                "grouping": np.array(self.grouping, dtype=str),
                "exact": np.array(self.exact)}


def _hash(secret: bytes, *parts: object) -> str:
    msg = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return hmac.new(bytes(secret), msg, hashlib.sha256).hexdigest()[:32]


def _num(x: float) -> str:
    return "" if np.isnan(x) else repr(float(x))


def table_signatures(df: pd.DataFrame, count_columns: Sequence[str],
                     total_column: Optional[str], parent_field: Optional[str],
                     id_field: Optional[str], secret: bytes, exact: bool) -> TableSignatures:
    """The population and grouping hashes of each counted column (module doc)."""
    cols, data = _read_counts(df, list(count_columns), total_column, parent_field, id_field)
    keys = table_row_keys(df, data, parent_field, id_field)
    grand = float(np.nansum(data[:, -1])) if total_column else None
    sig = TableSignatures([], [], [], bool(exact))
    for j, c in enumerate(cols):
        v = data[:, j]
        tot = float(np.nansum(v))
        if tot == 0:
            continue
        sig.columns.append(c)
        sig.population.append(_hash(secret, "population", _num(tot),
                                     "" if grand is None else _num(grand)))
        if exact:
            rows = sorted(_num(x) for x in v)
        else:
            rows = sorted("{}\x1e{}\x1e{}".format(k, c, _num(x)) for k, x in zip(keys, v))
        sig.grouping.append(_hash(secret, "grouping", "exact" if exact else "keyed", *rows))
    return sig


@dataclass
class Conflict:
    """Why a table is refused: its column, the earlier releases of the same population."""

    column: str
    releases: List[ReleaseInfo]
    groupings: int
    exact: bool
    partial: bool = False   # exact: a column of the same name, other totals


def check_table(register: Register, sig: TableSignatures, budget: int) -> Optional[Conflict]:
    """The first column whose population the new table would group once too often (module
    doc), or None."""
    earlier: Dict[str, Dict[str, List[ReleaseInfo]]] = {}
    exact_groupings: Dict[str, set] = {}
    exact_columns: Dict[str, Dict[str, List[ReleaseInfo]]] = {}
    for info, arr in register.tables():
        try:
            pops, grps = [str(x) for x in arr["population"]], [str(x) for x in arr["grouping"]]
            cols = [str(x) for x in arr["column"]]
            was_exact = bool(arr["exact"])
        except KeyError:
            continue
        for c, p, g in zip(cols, pops, grps):
            earlier.setdefault(p, {}).setdefault(g, []).append(info)
            if was_exact:
                exact_groupings.setdefault(p, set()).add(g)
                exact_columns.setdefault(c, {}).setdefault(g, []).append(info)
    for c, p, g in zip(sig.columns, sig.population, sig.grouping):
        seen = earlier.get(p, {})
        if g in seen:
            continue  # a repeat: the same published values again
        others = [r for rs in seen.values() for r in rs]
        if sig.exact and exact_groupings.get(p, set()) - {g}:
            exact_rel = [r for gg, rs in seen.items() if gg in exact_groupings[p] for r in rs]
            return Conflict(c, _unique(exact_rel), len(seen), True)
        same_name = {gg: rs for gg, rs in exact_columns.get(c, {}).items() if gg != g}
        if sig.exact and same_name:
            # part of a grouping (one district alone), or the same counts of another date:
            # other totals, so not seen above, and one subtraction is exact
            return Conflict(c, _unique([r for rs in same_name.values() for r in rs]),
                            len(same_name), True, partial=True)
        if budget > 0 and len(seen) + 1 > budget:
            return Conflict(c, _unique(others), len(seen), False)
    return None


def _unique(infos: List[ReleaseInfo]) -> List[ReleaseInfo]:
    out: Dict[str, ReleaseInfo] = {}
    for r in infos:
        out.setdefault(r.id, r)
    return sorted(out.values(), key=lambda r: (r.created, r.id))


def refusal(conflict: Conflict, folder: str, budget: int) -> BoligsocialError:
    """The error that names the earlier releases and what to do."""
    names = "; ".join(r.label() for r in conflict.releases[:4]) + (
        " …" if len(conflict.releases) > 4 else "")
    if conflict.partial:
        return BoligsocialError(tr(
            "A table with a column '{col}' was published before with exact values and other "
            "figures ({names}; release register {folder}). With exact values a table of part "
            "of a grouping (one district alone) or of the same counts at another date, minus "
            "the earlier one, gives hidden figures exactly, and a table without persons is "
            "known to the register only by its totals and column names. Nothing was written. "
            "Publish all groupings of these counts in one table with a parent field (the audit "
            "then protects them together), or publish with the perturbation on, or check with "
            "REGISTER_MODE=check (nothing recorded), or delete the earlier release from the "
            "register if it was never published."
        ).format(col=conflict.column, names=names, folder=folder))
    if conflict.exact:
        return BoligsocialError(tr(
            "The column '{col}' adds up to the same totals as a table published before with "
            "exact values ({names}; release register {folder}): this table groups the same "
            "population another way, and with exact values one grouping minus the other "
            "gives hidden figures (a district minus its published blocks is the small block). "
            "Nothing was written. Publish both groupings in one table with a parent field "
            "(the audit then protects them together), or publish with the perturbation on, "
            "or delete the earlier release from the register if it was never published."
        ).format(col=conflict.column, names=names, folder=folder))
    return BoligsocialError(tr(
        "The column '{col}' adds up to the same totals as {n} tables published before in "
        "other groupings ({names}; release register {folder}): this would be grouping "
        "{m} of the same population, more than the overlap budget of {k}. Each grouping "
        "gives one more noisy copy of the figures the groupings share, and enough copies "
        "average the noise away. Nothing was written. Publish one of the groupings already "
        "released, compute the figures from the person extract (computeindicators protects "
        "them across geographies), or delete an earlier release from the register if it "
        "was never published.").format(col=conflict.column, n=conflict.groupings,
                                        names=names, folder=folder,
                                        m=conflict.groupings + 1, k=budget))


def record_table(register: Register, sig: TableSignatures, algorithm: str, output: str,
                 rules: Dict[str, object]) -> str:
    """Record a written table's signatures (no populations); the release id."""
    from boligsocial_plugin.core.discretion.linkage import Populations

    none = Populations([], [], [], np.zeros(0, dtype=np.int64), np.zeros(1, dtype=np.int64),
                       np.zeros(0, dtype=np.uint64))
    empty = np.zeros((0, 0), dtype=bool)
    return register.add(none, empty, empty, [], algorithm, output, rules, table=sig.arrays())
